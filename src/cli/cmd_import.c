/*
** cmd_import.c — `lamtheo import KIND FILE [--encoding E] [--dry-run]`:
** checks the whole file, lists every problem as FILE:LINE: column, and
** writes nothing unless the file is valid; says where the header was found
** and which lines (titles, totals, signatures) were left out.  Shows
** progress on a terminal.
** A large file, when no other process has the database open, is imported
** with the database to itself (store.h: db_alone_begin): its pages are
** written once.
*/
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A file this large (some 25,000 people) is imported with the database to
** itself when nobody else has it open; smaller ones go through the WAL, so
** that a backup or a report can run beside them. */
#define IMPORT_ALONE_BYTES ((off_t)2 << 20)

static void show_progress(void *arg, long done, long total) {
    (void)arg;
    char d[LT_COUNT_MAX], t[LT_COUNT_MAX];
    lt_count_fmt(d, done, '.');
    lt_count_fmt(t, total, '.');
    fprintf(stderr, "\r%s/%s", d, t);
    if (done == total) fputc('\n', stderr);
}

/* Say where the header was found and which lines were left out (titles,
** blank rows, a total, signatures), when the file was not a bare table. */
static void show_layout(FILE *f, const char *path, const import_stats *st) {
    if (!st->skipped_vi[0] && st->header_line <= 1 && st->header_rows < 2) return;
    char lines[48];
    if (st->header_rows == 2) snprintf(lines, sizeof lines, "%ld–%ld", st->header_line, st->header_line + 1);
    else snprintf(lines, sizeof lines, "%ld", st->header_line);
    fprintf(f, "%s: tiêu đề cột ở dòng %s%s%s | column headers on line%s %s%s%s\n", path, lines,
            st->skipped_vi[0] ? "; bỏ qua " : "", st->skipped_vi, st->header_rows == 2 ? "s" : "", lines,
            st->skipped_en[0] ? "; skipped " : "", st->skipped_en);
}

int cmd_import(int argc, char **argv) {
    cli_opt o[] = {{"encoding", 1, NULL, 0}, {"dry-run", 0, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[2];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 2, &npos, &e)) return cli_fail(&e);
    if (npos != 2) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo import KIND FILE [--encoding E] [--dry-run]",
                   "usage: lamtheo import KIND FILE [--encoding E] [--dry-run]");
        return cli_fail(&e);
    }
    text_enc enc = TEXT_ENC_UNKNOWN;
    const char *ename = cli_get(o, n, "encoding");
    if (ename && (enc = text_enc_parse(ename)) == TEXT_ENC_UNKNOWN) {
        lt_err_set(&e, LT_EUSAGE, "--encoding: không biết \"%s\" (utf-8, cp1258, tcvn3, vni)",
                   "--encoding: unknown \"%s\" (utf-8, cp1258, tcvn3, vni)", ename);
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    import_stats st = {0};
    lt_diags d = {0};
    int dry = cli_get(o, n, "dry-run") != NULL || o[1].seen;
    struct stat fs;
    int large = stat(pos[1], &fs) == 0 && fs.st_size >= IMPORT_ALONE_BYTES;
    int alone = !dry && large && db_alone_begin(ctx.db);
    int rc = import_file(&ctx, pos[0], pos[1], enc, dry, isatty(STDERR_FILENO) ? show_progress : NULL,
                         NULL, &st, &d, &e);
    if (alone) db_alone_end(ctx.db);
    cli_close(&ctx);
    if (rc == LT_EINPUT && d.total) {
        show_layout(stderr, pos[1], &st);
        cli_print_diags(pos[1], pos[0], &d); /* each column by its name and its title */
        char vi[LT_COUNT_MAX], en[LT_COUNT_MAX];
        lt_count_fmt(vi, (long long)d.total, '.');
        lt_count_fmt(en, (long long)d.total, ',');
        fprintf(stderr, "lamtheo: %s lỗi; không ghi gì vào cơ sở dữ liệu (%s %s; nothing "
                        "was written)\n", vi, en, d.total == 1 ? "problem" : "problems");
        lt_diags_free(&d);
        return 1;
    }
    lt_diags_free(&d);
    /* a file that cannot be read as a table: "FILE: line N: what" */
    if (rc == LT_EINPUT && !e.where[0]) lt_err_where(&e, "%s", pos[1]);
    if (rc) return cli_fail(&e);
    const long counts[4] = {st.rows, st.inserted, st.updated, st.unchanged};
    char vi[4][LT_COUNT_MAX], en[4][LT_COUNT_MAX];   /* "550.000 dòng", "550,000 rows" */
    for (int i = 0; i < 4; i++) {
        lt_count_fmt(vi[i], counts[i], '.');
        lt_count_fmt(en[i], counts[i], ',');
    }
    printf("%s: %s dòng; thêm %s, cập nhật %s, không đổi %s%s (%s rows; %s inserted, %s updated,"
           " %s unchanged%s)\n", pos[1], vi[0], vi[1], vi[2], vi[3], dry ? " — chạy thử, chưa ghi" : "",
           en[0], en[1], en[2], en[3], dry ? " — dry run, nothing written" : "");
    show_layout(stdout, pos[1], &st);
    return 0;
}
