/*
** cmd_remind.c — `lamtheo remind --year Y [--unit CODE] [--format txt|pdf]
** [-o FILE]`: what is still to do in a unit's subtree for the year, as
** text for the office to send on (with a paragraph for the loudspeakers),
** or as the printable list of those not yet registered, a page per unit,
** to read out at the cell meeting.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>

int cmd_remind(int argc, char **argv) {
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
    if (strcmp(f, "txt") && strcmp(f, "pdf")) {
        lt_err_set(&e, LT_EUSAGE, "--format: txt hoặc pdf", "--format: txt or pdf");
        return cli_fail(&e);
    }
    if (!strcmp(f, "pdf") && (!out || !strcmp(out, "-"))) {
        lt_err_set(&e, LT_EUSAGE, "pdf cần -o TỆP", "pdf needs -o FILE");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_buf text;
    lt_buf_init(&text, 0);
    int rc = !strcmp(f, "pdf") ? remind_pdf(&ctx, cli_get(o, n, "unit"), year, &text, &e)
                               : remind_text(&ctx, cli_get(o, n, "unit"), year, &text, &e);
    cli_close(&ctx);
    if (rc == LT_OK) rc = lt_write_file(out, text.p ? text.p : "", text.len, &e);
    lt_buf_free(&text);
    return rc ? cli_fail(&e) : 0;
}
