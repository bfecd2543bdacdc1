/*
** cmd_bulletin.c — `lamtheo bulletin --year Y [--unit CODE] --format
** txt|wav|mp3 [-o FILE]`: the loudspeaker bulletin of the key cadres'
** published commitments, as text or synthesised audio (with its text
** beside it as FILE.txt).
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Whether the text travels beside the audio as FILE.txt: when the audio
** went into a file, not to a device, a pipe or standard output (whose
** "FILE.txt" would be a stray file in /dev). */
static int beside_file(const char *out) {
    struct stat st;
    return strncmp(out, "/dev/", 5) && strncmp(out, "/proc/", 6) && stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

int cmd_bulletin(int argc, char **argv) {
    cli_opt o[] = {{"year", 1, NULL, 0}, {"unit", 1, NULL, 0}, {"format", 1, NULL, 0}, {"o", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos, year;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *f = cli_get(o, n, "format"), *out = cli_get(o, n, "o");
    if (!f) f = "txt";
    if (!cli_get(o, n, "year")) {
        lt_err_set(&e, LT_EUSAGE, "cần --year", "--year is required");
        return cli_fail(&e);
    }
    if (cli_year(cli_get(o, n, "year"), "--year", &year, &e)) return cli_fail(&e);
    if (strcmp(f, "txt") && strcmp(f, "wav") && strcmp(f, "mp3")) {
        lt_err_set(&e, LT_EUSAGE, "--format: txt, wav hoặc mp3", "--format: txt, wav or mp3");
        return cli_fail(&e);
    }
    if (strcmp(f, "txt") && (!out || !strcmp(out, "-"))) {
        lt_err_set(&e, LT_EUSAGE, "âm thanh cần -o TỆP", "audio needs -o FILE");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_buf script;
    lt_buf_init(&script, 0);
    int rc = bulletin_script(&ctx, cli_get(o, n, "unit"), year, &script, &e);
    cli_close(&ctx);
    if (rc == LT_OK && !strcmp(f, "txt")) rc = lt_write_file(out, script.p ? script.p : "", script.len, &e);
    else if (rc == LT_OK) {
        rc = bulletin_audio(script.p ? script.p : "", !strcmp(f, "mp3"), out, &e);
        if (rc == LT_OK && beside_file(out)) {
            char txt[CLI_MAX_VALUE + 8];
            snprintf(txt, sizeof txt, "%s.txt", out);
            rc = lt_write_file(txt, script.p ? script.p : "", script.len, &e);
        }
    }
    lt_buf_free(&script);
    return rc ? cli_fail(&e) : 0;
}
