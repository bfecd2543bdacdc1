/*
** search.c — diacritic- and case-insensitive search of people and units:
** "son dinh" finds "Sơn Định", "cho lach" finds "Chợ Lách".  The query is
** folded like the stored name_fold columns and every word must occur.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Turn folded text into a LIKE pattern "%w1%w2%" (words in order), with
** LIKE's own wildcards escaped. */
static char *like_pattern(const char *folded) {
    lt_buf b;
    lt_buf_init(&b, 4096);
    lt_buf_putc(&b, '%');
    for (const char *p = folded; *p; p++) {
        if (*p == ' ') lt_buf_putc(&b, '%');
        else if (*p == '%' || *p == '_' || *p == '\\') { lt_buf_putc(&b, '\\'); lt_buf_putc(&b, *p); }
        else lt_buf_putc(&b, *p);
    }
    lt_buf_putc(&b, '%');
    return lt_buf_take(&b);
}

int search_names(lt_ctx *ctx, const char *text, int limit, search_hit **hits, int *n,
                 lt_err *e) {
    *hits = NULL;
    *n = 0;
    if (dom_check_text(text, "tu_khoa", 200, 1, e)) return LT_EINPUT;
    char *folded = text_fold_dup(text);
    if (!folded || !*folded) {
        free(folded);
        return lt_err_set(e, LT_EINPUT, "từ khóa trống", "empty search text");
    }
    char *pat = like_pattern(folded);
    free(folded);
    sqlite3_stmt *st = db_prepare(ctx->db,
        "SELECT 'unit', code, name, '', name_sort FROM (SELECT code, name, name_fold AS"
        " name_sort FROM unit WHERE name_fold LIKE ?1 ESCAPE '\\' LIMIT ?2)"
        " UNION ALL SELECT * FROM (SELECT 'person', p.code, p.full_name, u.name, p.name_sort"
        " FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.name_fold LIKE ?1 ESCAPE '\\'"
        " ORDER BY p.name_sort LIMIT ?2)", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, pat);
        db_bind_int(st, 2, limit);
        int cap = 0, row;
        while ((row = db_step_row(ctx->db, st, e)) == 1) {
            if (*n == cap) *hits = lt_xrealloc(*hits, (size_t)(cap = cap ? cap * 2 : 16) * sizeof **hits);
            search_hit *h = &(*hits)[(*n)++];
            snprintf(h->kind, sizeof h->kind, "%s", db_col_text(st, 0));
            snprintf(h->code, sizeof h->code, "%s", db_col_text(st, 1));
            snprintf(h->name, sizeof h->name, "%s", db_col_text(st, 2));
            snprintf(h->unit_name, sizeof h->unit_name, "%s", db_col_text(st, 3));
        }
        if (row < 0) rc = LT_EDB;
        sqlite3_reset(st);
    }
    free(pat);
    return rc;
}
