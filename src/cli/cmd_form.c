/*
** cmd_form.c — `lamtheo form --year Y (--person CODE | --unit CODE)
** [--review] --format docx|pdf -o FILE`: the registration forms people
** sign (or, with --review, the self-assessment and review), one person's
** or a whole cell's in one file for its meeting.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The registrations to print: one person's, or every one of the cell. */
static int form_regs(lt_ctx *ctx, const char *person, const char *unit, int year, long long **ids, int *n,
                     lt_err *e) {
    *ids = NULL;
    *n = 0;
    if (person) {
        if (!(*ids = malloc(sizeof **ids))) return lt_err_oom(e);
        if (reg_find(ctx, person, year, *ids, e)) return e->code;
        *n = 1;
        return LT_OK;
    }
    long long uid;
    dom_rows rows;
    if (unit_find(ctx, unit, &uid, e) || q_unit_records(ctx, uid, year, "registrations", &rows, e)) return e->code;
    *ids = calloc((size_t)(rows.n ? rows.n : 1), sizeof **ids);
    if (!*ids) { rows_free(&rows); return lt_err_oom(e); }
    for (long i = 0; i < rows.n; i++) (*ids)[(*n)++] = rows_int(&rows, i, "id");
    rows_free(&rows);
    return LT_OK;
}

int cmd_form(int argc, char **argv) {
    cli_opt o[] = {{"year", 1, NULL, 0}, {"person", 1, NULL, 0}, {"unit", 1, NULL, 0}, {"review", 0, NULL, 0},
                   {"format", 1, NULL, 0}, {"o", 1, NULL, 0}, CLI_MARK_OPTS};
    int n = (int)LT_ARRAY_LEN(o), npos, year;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *person = cli_get(o, n, "person"), *unit = cli_get(o, n, "unit"), *f = cli_get(o, n, "format");
    const char *out = cli_get(o, n, "o");
    if (!cli_get(o, n, "year") || !person == !unit || !out || (f && strcmp(f, "pdf") && strcmp(f, "docx"))) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo form --year Y (--person MÃ | --unit MÃ) [--review] "
                   "--format docx|pdf -o TỆP", "usage: lamtheo form --year Y (--person CODE | --unit CODE) "
                   "[--review] --format docx|pdf -o FILE");
        return cli_fail(&e);
    }
    if (cli_year(cli_get(o, n, "year"), "--year", &year, &e)) return cli_fail(&e);
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    long long *ids;
    int nids;
    lt_buf doc;
    lt_buf_init(&doc, 0);
    char to_lines[2048];
    doc_marks m = cli_marks(o, n, to_lines, sizeof to_lines);
    int rc = form_regs(&ctx, person, unit, year, &ids, &nids, &e);
    if (rc == LT_OK)
        rc = form_render(&ctx, ids, nids, o[3].seen, f && !strcmp(f, "docx") ? REPORT_DOCX : REPORT_PDF, &m,
                         &doc, &e);
    if (rc == LT_OK) rc = lt_write_file(out, doc.p, doc.len, &e);
    free(ids);
    lt_buf_free(&doc);
    cli_close(&ctx);
    return rc ? cli_fail(&e) : 0;
}
