/*
** search.c — diacritic- and case-insensitive search of people and units:
** "son dinh" finds "Sơn Định", "cho lach" finds "Chợ Lách".  The query is
** folded like the stored name_fold columns and every word must occur, in
** any order.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The LIKE patterns "%word%" of up to SEARCH_WORDS words of folded text
** (LIKE's wildcards escaped); unused ones are "%".  Returns the count. */
int search_patterns(const char *folded, char pats[][128]) {
    int n = 0;
    for (int i = 0; i < SEARCH_WORDS; i++) snprintf(pats[i], 128, "%%");
    const char *p = folded;
    while (*p && n < SEARCH_WORDS) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t k = 0;
        pats[n][k++] = '%';
        for (; *p && *p != ' '; p++)
            if (k < 120) {
                if (*p == '%' || *p == '_' || *p == '\\') pats[n][k++] = '\\';
                pats[n][k++] = *p;
            }
        pats[n][k++] = '%';
        pats[n][k] = 0;
        n++;
    }
    return n;
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
    char pats[SEARCH_WORDS][128];
    search_patterns(folded, pats);
    free(folded);
    sqlite3_stmt *st = db_prepare(ctx->db,
        "SELECT 'unit', code, name, '', name_sort FROM (SELECT code, name, name_fold AS name_sort FROM unit"
        " WHERE name_fold LIKE ?1 ESCAPE '\\' AND name_fold LIKE ?2 ESCAPE '\\' AND name_fold LIKE ?3"
        " ESCAPE '\\' AND name_fold LIKE ?4 ESCAPE '\\' AND name_fold LIKE ?5 ESCAPE '\\' AND name_fold"
        " LIKE ?6 ESCAPE '\\' LIMIT ?7) UNION ALL SELECT * FROM (SELECT 'person', p.code, p.full_name, u.name,"
        " p.name_sort FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.name_fold LIKE ?1 ESCAPE '\\' AND"
        " p.name_fold LIKE ?2 ESCAPE '\\' AND p.name_fold LIKE ?3 ESCAPE '\\' AND p.name_fold LIKE ?4"
        " ESCAPE '\\' AND p.name_fold LIKE ?5 ESCAPE '\\' AND p.name_fold LIKE ?6 ESCAPE '\\'"
        " ORDER BY p.name_sort LIMIT ?7)", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        for (int i = 0; i < SEARCH_WORDS; i++) db_bind_text(st, i + 1, pats[i]);
        db_bind_int(st, 7, limit);
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
    return rc;
}
