/*
** cmd_migrate.c — `migrate --from FILE --to ADDRESS` (DESIGN §10): a whole
** SQLite installation copied into a new PostgreSQL database by the store
** (copy.c), and checked before it is committed: every table's rows counted
** on both sides, and every unit's indicators of every year, and of all
** the years together, the same on both.  A copy that fails or differs
** leaves no rows in the target (its schema, once made, stays: the next
** try copies into it).
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIGRATE_USAGE_VI "cách dùng: lamtheo migrate --from TỆP.db --to postgresql://..."
#define MIGRATE_USAGE_EN "usage: lamtheo migrate --from FILE.db --to postgresql://..."

typedef struct migrate_tally { int tables; long long rows; } migrate_tally;

static void migrate_note(const char *table, long long rows, int done, void *arg) {
    char n[LT_COUNT_MAX];
    lt_count_fmt(n, rows, '.');
    if (done) {
        migrate_tally *t = arg;
        t->tables++;
        t->rows += rows;
        fprintf(stderr, "  %-24s %12s dòng\n", table, n);
    } else {
        fprintf(stderr, "  %-24s %12s dòng...\n", table, n);
    }
    fflush(stderr);
}

/* The indicators of years from..to on both databases; 1 when they are the
** same for every unit, 0 when not (said on stderr), -1 on an error. */
static int same_indicators(lt_ctx *a, lt_ctx *b, int from, int to, lt_err *e) {
    ind_result ra, rb;
    if (ind_compute(a, from, to, &ra, e)) return -1;
    if (ind_compute(b, from, to, &rb, e)) {
        ind_free(&ra);
        return -1;
    }
    long i = ind_first_difference(&ra, &rb);
    if (i >= 0) {
        const char *code = i < ra.tree.n ? ra.tree.nodes[i].code : "?";
        if (from == to)
            fprintf(stderr, "lamtheo: chỉ số năm %d của đơn vị %s khác nhau giữa hai cơ sở dữ liệu"
                            " (the indicators of %d differ for unit %s)\n", from, code, from, code);
        else
            fprintf(stderr, "lamtheo: chỉ số %d–%d của đơn vị %s khác nhau giữa hai cơ sở dữ liệu"
                            " (the indicators of %d-%d differ for unit %s)\n", from, to, code, from, to, code);
    }
    ind_free(&ra);
    ind_free(&rb);
    return i < 0;
}

/* Every year's indicators, and all the years' together; *years counted. */
static int indicators_compared(lt_ctx *a, lt_ctx *b, int *years, lt_err *e) {
    dom_rows y = {0};
    if (q_year_list(a, &y, e)) return -1;
    int first = 0, last = 0, same = 1;
    for (long k = 0; k < y.n && same == 1; k++) {
        int year = (int)rows_int(&y, k, "year");
        same = same_indicators(a, b, year, year, e);
        if (!first || year < first) first = year;
        if (year > last) last = year;
    }
    *years = (int)y.n;
    rows_free(&y);
    if (same == 1 && first && first < last) same = same_indicators(a, b, first, last, e);
    return same;
}

static int migrate(const char *from, const char *to, lt_err *e) {
    lt_db *src = NULL, *dst = NULL;
    int rc = db_open(from, DB_OPEN_EXISTING, &src, e);
    if (rc == LT_OK && (rc = db_open(to, DB_OPEN_CREATE, &dst, e)) == LT_EREFUSED) {
        /* a lamtheo database made but empty (a copy that failed before) will do */
        lt_err again = {0};
        if (db_open(to, DB_OPEN_EXISTING, &dst, &again) == LT_OK) rc = LT_OK;
    }
    if (rc) {
        db_close(src);
        return rc;
    }
    fprintf(stderr, "lamtheo: chép %s sang PostgreSQL (copying to PostgreSQL)...\n", from);
    migrate_tally tally = {0};
    lt_ctx a, b;
    ctx_init_cli(&a, src);
    ctx_init_cli(&b, dst);
    int years = 0, same = -1;
    rc = db_begin(dst, e);
    if (rc == LT_OK) rc = db_copy(src, dst, migrate_note, &tally, e);
    if (rc == LT_OK && (same = indicators_compared(&a, &b, &years, e)) != 1)
        rc = same < 0 ? lt_err_code(e, LT_EDB)
                      : lt_err_set(e, LT_EDB, "bản chép khác bản gốc; PostgreSQL không được ghi gì",
                                   "the copy differs from the original; nothing was written to PostgreSQL");
    if (rc == LT_OK) rc = db_commit(dst, e);
    else db_rollback(dst);
    db_close(dst);
    db_close(src);
    char rows_vi[LT_COUNT_MAX];
    lt_count_fmt(rows_vi, tally.rows, '.');
    if (rc == LT_OK)
        printf("Đã chép %d bảng, %s dòng sang PostgreSQL; số dòng của từng bảng và chỉ số của mọi đơn vị"
               " trong %d năm khớp với %s.\n(Copied %d tables, %lld rows; every table's rows and every"
               " unit's indicators of %d years match.)\n", tally.tables, rows_vi, years, from,
               tally.tables, tally.rows, years);
    return rc;
}

int cmd_migrate(int argc, char **argv) {
    cli_opt o[] = {{"from", 1, NULL, 0}, {"to", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *from = cli_get(o, n, "from"), *to = cli_get(o, n, "to");
    if (!from || !to) {
        lt_err_set(&e, LT_EUSAGE, MIGRATE_USAGE_VI, MIGRATE_USAGE_EN);
        return cli_fail(&e);
    }
    if (db_is_postgresql(from) || !db_is_postgresql(to)) {
        lt_err_set(&e, LT_EUSAGE, "--from là tệp SQLite của lamtheo, --to là địa chỉ postgresql:// của một cơ sở"
                   " dữ liệu mới (%s)", "--from is lamtheo's SQLite file, --to the postgresql:// address of a"
                   " new database (%s)", MIGRATE_USAGE_EN);
        return cli_fail(&e);
    }
    return migrate(from, to, &e) ? cli_fail(&e) : 0;
}
