/*
** search.c — diacritic- and case-insensitive search of people and units:
** "son dinh" finds "Sơn Định", "cho lach" finds "Chợ Lách".  The query is
** folded like the stored name_fold columns and every word must begin a
** word of the name, in any order.  The word indexes (person_name_words,
** unit_name_words over name_fold; store.h: db_words_sql) find the names
** without reading every row; the lists of a small subtree (query.c) match with
** LIKE among its own people instead, so nothing there is cut off.
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

static int search_run(lt_ctx *ctx, const char *match, int limit, search_hit **hits, int *n,
                      lt_err *e);

int search_names(lt_ctx *ctx, const char *text, int limit, search_hit **hits, int *n,
                 lt_err *e) {
    *hits = NULL;
    *n = 0;
    if (dom_check_text(text, "tu_khoa", 200, 1, e)) return LT_EINPUT;
    char *folded = text_fold_dup(text);
    if (!folded) return lt_err_oom(e); /* the text is valid UTF-8: checked above */
    if (!*folded) {
        free(folded);
        return lt_err_set(e, LT_EINPUT, "từ khóa trống", "empty search text");
    }
    char match[SEARCH_WORDS * 128];
    int words = db_words_query(ctx->db, folded, 0, SEARCH_WORDS, match, sizeof match);
    if (!words) {
        free(folded);
        return lt_err_set(e, LT_EINPUT, "từ khóa không có chữ nào", "no words to search for");
    }
    int rc = search_run(ctx, match, limit, hits, n, e);
    if (rc == LT_OK && *n == 0) { /* no whole word matches: try them as beginnings */
        db_words_query(ctx->db, folded, 1, SEARCH_WORDS, match, sizeof match);
        rc = search_run(ctx, match, limit, hits, n, e);
    }
    free(folded);
    return rc;
}

/* One word-index search of units and people (match: db_words_query's). */
static int search_run(lt_ctx *ctx, const char *match, int limit, search_hit **hits, int *n,
                      lt_err *e) {
    char units[256], people[256], sql[1024];
    db_words_sql(ctx->db, 0, 1, "?3", units, sizeof units);
    db_words_sql(ctx->db, 1, 1, "?3", people, sizeof people);
    snprintf(sql, sizeof sql,
        "SELECT 'unit', code, name, '' FROM (SELECT code, name, name_fold FROM unit WHERE id IN"
        " (%s) ORDER BY name COLLATE vi, code LIMIT ?2) AS u UNION ALL SELECT * FROM (SELECT"
        " 'person', p.code, p.full_name, u.name FROM person p JOIN unit u ON u.id=p.unit_id WHERE"
        " p.name_rank IN (%s) ORDER BY p.name_sort, p.code LIMIT ?2) AS p", units, people);
    db_stmt *st = db_prepare(ctx->db, sql, e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, match);
        db_bind_int(st, 2, limit);
        db_bind_int(st, 3, SEARCH_CANDIDATES);
        int cap = 0, row;
        while ((row = db_step_row(ctx->db, st, e)) == 1) {
            if (*n == cap) {
                search_hit *more = realloc(*hits, (size_t)(cap ? cap * 2 : 16) * sizeof **hits);
                if (!more) { rc = lt_err_oom(e); break; }
                *hits = more;
                cap = cap ? cap * 2 : 16;
            }
            search_hit *h = &(*hits)[(*n)++];
            snprintf(h->kind, sizeof h->kind, "%s", db_col_text(st, 0));
            snprintf(h->code, sizeof h->code, "%s", db_col_text(st, 1));
            snprintf(h->name, sizeof h->name, "%s", db_col_text(st, 2));
            snprintf(h->unit_name, sizeof h->unit_name, "%s", db_col_text(st, 3));
        }
        if (row < 0) rc = lt_err_code(e, LT_EDB);
        db_reset(st);
    }
    return rc;
}
