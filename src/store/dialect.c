/*
** dialect.c — the few pieces of SQL that each engine says in its own
** words, for statements the domain writes once (store.h):
** - the word indexes of names (schema: unit_name_words,
**   person_name_words): SQLite's FTS5 tables, queried with MATCH, and
**   PostgreSQL's GIN indexes over the folded names' words (schema_pg.sql:
**   lt_words), queried with a tsquery.  A word is a run of letters and
**   digits of the folded text (any byte of a multi-byte character counts
**   as a letter); anything else separates words.  Both give the same rows
**   in the same order: units by id, people by name rank.
** - the integers of a JSON array bound as a parameter, as rows;
** - ids a batch gave its rows: PostgreSQL's identity moved past them.
*/
#include "store.h"
#include "schema.h"

#include <ctype.h>
#include <stdio.h>

int db_words_query(lt_db *db, const char *folded, int prefix, int max, char *out, size_t n) {
    int pg = db_engine_pg(db), words = 0;
    const char *open = pg ? "'" : "\"", *close = pg ? (prefix ? "':*" : "'") : (prefix ? "\"*" : "\"");
    const char *between = pg ? " & " : " ";
    size_t k = 0;
    const unsigned char *p = (const unsigned char *)folded;
    if (n) out[0] = 0;
    while (*p && words < max) {
        while (*p && *p < 0x80 && !isalnum(*p)) p++;
        if (!*p) break;
        const unsigned char *w = p;
        while (*p && (*p >= 0x80 || isalnum(*p))) p++;
        int len = snprintf(out + k, n - k, "%s%s%.*s%s", words ? between : "", open, (int)(p - w),
                           (const char *)w, close);
        if (len < 0 || (size_t)len >= n - k) { /* no room: the words that fit */
            out[k] = 0;
            break;
        }
        k += (size_t)len;
        words++;
    }
    return words;
}

void db_words_sql(lt_db *db, int people, int param, const char *limit, char *out, size_t n) {
    if (db_engine_pg(db))
        snprintf(out, n, people
                 ? "SELECT name_rank FROM person WHERE lt_words(name_fold) @@ to_tsquery('simple', ?%d)"
                   " AND name_rank IS NOT NULL ORDER BY name_rank LIMIT %s"
                 : "SELECT id FROM unit WHERE lt_words(name_fold) @@ to_tsquery('simple', ?%d)"
                   " ORDER BY id LIMIT %s", param, limit);
    else
        snprintf(out, n, people
                 ? "SELECT rowid FROM person_name_words WHERE person_name_words MATCH ?%d LIMIT %s"
                 : "SELECT rowid FROM unit_name_words WHERE unit_name_words MATCH ?%d LIMIT %s",
                 param, limit);
}

int db_ids_given(lt_db *db, const char *table, lt_err *e) {
    if (!db_engine_pg(db)) return LT_OK;
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT lt_identity_past('%s')", table);
    return db_exec(db, sql, e);
}

void db_json_ids_sql(lt_db *db, int param, char *out, size_t n) {
    snprintf(out, n, db_engine_pg(db)
             ? "SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(?%d AS json))"
             : "SELECT value FROM json_each(?%d)", param);
}
