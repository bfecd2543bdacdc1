/*
** cmd_bulletin.c — `lamtheo bulletin --year Y [--unit CODE] --format
** txt|wav|mp3 [-o FILE]`: the loudspeaker bulletin of the key cadres'
** published commitments, one per broadcast station, as text or
** synthesised audio (one station's with its text beside it as FILE.txt;
** a district's stations each a file in FILE.zip).
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

/* The scripts one after another, "---" between stations. */
static int write_scripts(const bulletin_station *st, int n, const char *out, lt_err *e) {
    lt_buf all;
    lt_buf_init(&all, 0);
    for (int i = 0; i < n; i++) {
        if (i) lt_buf_puts(&all, "---\n\n");
        lt_buf_append(&all, st[i].script.p ? st[i].script.p : "", st[i].script.len);
    }
    int rc = all.err ? lt_err_oom(e) : lt_write_file(out, all.p ? all.p : "", all.len, e);
    lt_buf_free(&all);
    return rc;
}

/* One station: its audio to out, its script beside it as FILE.txt; several
** (a district's): every station's audio and script in the zip out. */
static int write_audio(const bulletin_station *st, int n, int mp3, const char *out, lt_err *e) {
    size_t len = strlen(out);
    if (n > 1 && (len < 4 || strcmp(out + len - 4, ".zip")))
        return lt_err_set(e, LT_EUSAGE, "%d đài truyền thanh, mỗi đài một tệp: hãy ghi ra -o TỆP.zip, hoặc chọn"
                          " --unit của một xã", "%d stations, a file each: write to -o FILE.zip, or choose one"
                          " commune's --unit", n, n);
    if (n > 1) return bulletin_zip(st, n, mp3, out, e);
    int rc = bulletin_audio(st[0].script.p ? st[0].script.p : "", mp3, out, e);
    if (rc == LT_OK && beside_file(out)) {
        char txt[CLI_MAX_VALUE + 8];
        snprintf(txt, sizeof txt, "%s.txt", out);
        rc = lt_write_file(txt, st[0].script.p ? st[0].script.p : "", st[0].script.len, e);
    }
    return rc;
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
    bulletin_station *st;
    int nst;
    int rc = bulletin_stations(&ctx, cli_get(o, n, "unit"), year, STATIONS_ALL, &st, &nst, &e);
    cli_close(&ctx);
    if (rc == LT_OK && !strcmp(f, "txt")) rc = write_scripts(st, nst, out, &e);
    else if (rc == LT_OK) rc = write_audio(st, nst, !strcmp(f, "mp3"), out, &e);
    if (rc == LT_OK) fprintf(stderr, "%d đài truyền thanh (%d stations)\n", nst, nst);
    if (rc == LT_OK && nst > 1 && strcmp(f, "txt"))
        fprintf(stderr, "Mỗi đài một tệp âm thanh và bản đọc trong %s (one audio file and script per station)\n", out);
    bulletin_stations_free(st, nst);
    return rc ? cli_fail(&e) : 0;
}
