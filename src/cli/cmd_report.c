/*
** cmd_report.c — the reading commands: `report` (indicators of a unit for
** a year or a range), `export` (lists) and `search` (names without
** diacritics).
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The year range of a report from --year or --from/--to (default: last year). */
static int report_years(const cli_opt *o, int n, int *from, int *to, lt_err *e) {
    const char *y = cli_get(o, n, "year"), *f = cli_get(o, n, "from"), *t = cli_get(o, n, "to");
    if (y && (f || t))
        return lt_err_set(e, LT_EUSAGE, "dùng --year hoặc --from/--to, không dùng cả hai",
                          "use --year or --from/--to, not both");
    if (y) { if (cli_year(y, "--year", from, e)) return LT_EUSAGE; *to = *from; return LT_OK; }
    if (!f != !t)
        return lt_err_set(e, LT_EUSAGE, "--from và --to phải đi cùng nhau",
                          "--from and --to go together");
    if (f) {
        if (cli_year(f, "--from", from, e) || cli_year(t, "--to", to, e)) return LT_EUSAGE;
        if (*from > *to)
            return lt_err_set(e, LT_EUSAGE, "--from sau --to", "--from is after --to");
        return LT_OK;
    }
    char today[11];
    lt_today(today);
    *from = *to = atoi(today) - 1;
    return LT_OK;
}

int cmd_report(int argc, char **argv) {
    cli_opt o[] = {{"unit", 1, NULL, 0}, {"year", 1, NULL, 0}, {"from", 1, NULL, 0},
                   {"to", 1, NULL, 0}, {"format", 1, NULL, 0}, {"o", 1, NULL, 0}, CLI_MARK_OPTS};
    int n = (int)LT_ARRAY_LEN(o), npos, from, to;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 0, &npos, &e) || report_years(o, n, &from, &to, &e))
        return cli_fail(&e);
    const char *f = cli_get(o, n, "format");
    report_format fmt = REPORT_TEXT;
    if (f && report_format_parse(f, &fmt)) {
        lt_err_set(&e, LT_EUSAGE, "--format: \"%s\" không hợp lệ (text, json, csv, html, xlsx, docx, pdf)",
                   "--format: \"%s\" is not known (text, json, csv, html, xlsx, docx, pdf)", f);
        return cli_fail(&e);
    }
    if (fmt >= REPORT_XLSX && !cli_get(o, n, "o")) {
        lt_err_set(&e, LT_EUSAGE, "định dạng %s cần -o TỆP", "format %s needs -o FILE", f);
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_buf out;
    lt_buf_init(&out, 0);
    char to_lines[2048];
    doc_marks m = cli_marks(o, n, to_lines, sizeof to_lines);
    int rc = report_render(&ctx, cli_get(o, n, "unit"), from, to, fmt, &m, &out, &e);
    if (rc == LT_OK) rc = lt_write_file(cli_get(o, n, "o"), out.p, out.len, &e);
    lt_buf_free(&out);
    cli_close(&ctx);
    return rc ? cli_fail(&e) : 0;
}

int cmd_export(int argc, char **argv) {
    cli_opt o[] = {{"format", 1, NULL, 0}, {"o", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 1, &npos, &e)) return cli_fail(&e);
    if (npos != 1) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo export KIND [--format csv|json] [-o FILE]",
                   "usage: lamtheo export KIND [--format csv|json] [-o FILE]");
        return cli_fail(&e);
    }
    const char *f = cli_get(o, n, "format");
    if (f && strcmp(f, "csv") && strcmp(f, "json") && strcmp(f, "xlsx")) {
        lt_err_set(&e, LT_EUSAGE, "--format: \"%s\" không hợp lệ (csv, json, xlsx)",
                   "--format: \"%s\" is not known (csv, json, xlsx)", f);
        return cli_fail(&e);
    }
    if (f && !strcmp(f, "xlsx") && !cli_get(o, n, "o")) {
        lt_err_set(&e, LT_EUSAGE, "xlsx cần -o TỆP", "xlsx needs -o FILE");
        return cli_fail(&e);
    }
    export_format ef = !f || !strcmp(f, "csv") ? EXPORT_CSV : !strcmp(f, "json") ? EXPORT_JSON : EXPORT_XLSX;
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_buf out;
    lt_buf_init(&out, 0);
    int rc = export_list(&ctx, pos[0], ef, &out, &e);
    if (rc == LT_OK) rc = lt_write_file(cli_get(o, n, "o"), out.p ? out.p : "", out.len, &e);
    lt_buf_free(&out);
    cli_close(&ctx);
    return rc ? cli_fail(&e) : 0;
}

int cmd_search(int argc, char **argv) {
    char *pos[64];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, NULL, 0, pos, (int)LT_ARRAY_LEN(pos), &npos, &e)) return cli_fail(&e);
    if (npos < 1) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo search TEXT", "usage: lamtheo search TEXT");
        return cli_fail(&e);
    }
    /* the words as one text, whole: search_names says how long it may be */
    lt_buf q;
    lt_buf_init(&q, 0);
    for (int i = 0; i < npos; i++)
        if (lt_buf_printf(&q, "%s%s", i ? " " : "", pos[i])) {
            lt_buf_free(&q);
            lt_err_set(&e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
            return cli_fail(&e);
        }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) { lt_buf_free(&q); return cli_fail(&e); }
    search_hit *hits;
    int n;
    int rc = search_names(&ctx, q.p, 50, &hits, &n, &e);
    for (int i = 0; rc == LT_OK && i < n; i++) {
        if (strcmp(hits[i].kind, "unit") == 0) printf("đơn vị  %-12s %s\n", hits[i].code, hits[i].name);
        else printf("người   %-12s %s — %s\n", hits[i].code, hits[i].name, hits[i].unit_name);
    }
    if (rc == LT_OK && n == 0) printf("Không tìm thấy (no match).\n");
    free(hits);
    lt_buf_free(&q);
    cli_close(&ctx);
    return rc ? cli_fail(&e) : 0;
}
