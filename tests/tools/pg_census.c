/*
** pg_census.c — the port's census (issue 24): `pg_census ADDRESS FILE`
** reads the statements a census build of lamtheo gave SQLite (FILE, each
** ended by a record separator; scripts/pg-census.sh), makes lamtheo's
** schema in the PostgreSQL database at ADDRESS, and prepares each distinct
** statement there.  It prints each one PostgreSQL refuses with its reason,
** then how many were refused of how many: the domain's SQL left to port.
** Statements of SQLite's own (PRAGMA, the schema's making, several at once,
** the pieces each engine says its own way) are counted apart and not tried.
*/
#include "../../src/store/store.h"
#include "../../src/store/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* SQLite's own statements, which the store says in its engine's words:
** its schema, transactions and settings, several statements at once, the
** pieces dialect.c gives each engine (the word indexes, a JSON list of
** ids) and what aside.c does on SQLite alone. */
static int sqlite_own(const char *sql) {
    while (*sql == ' ' || *sql == '\n') sql++;
    if (strstr(sql, " MATCH ?") || strstr(sql, "json_each(") || strstr(sql, "vi_key(")
        || strstr(sql, "'rebuild'"))
        return 1;
    if (!strncmp(sql, "PRAGMA", 6) || !strncmp(sql, "CREATE", 6) || !strncmp(sql, "DROP", 4)
        || !strncmp(sql, "ATTACH", 6) || !strncmp(sql, "DETACH", 6)
        || !strncmp(sql, "BEGIN", 5) || !strncmp(sql, "COMMIT", 6) || !strncmp(sql, "ROLLBACK", 8)
        || !strncmp(sql, "SAVEPOINT", 9) || !strncmp(sql, "RELEASE", 7) || !strncmp(sql, "ANALYZE", 7)
        || strstr(sql, "sqlite_"))
        return 1;
    const char *semi = strchr(sql, ';');
    return semi && semi[strspn(semi + 1, " \n") + 1] != 0; /* several at once */
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    lt_buf b;
    lt_buf_init(&b, (size_t)1 << 30);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (lt_buf_append(&b, chunk, n)) break;
    fclose(f);
    lt_buf_append(&b, "", 1);
    *len = b.len - 1;
    return b.p;
}

int main(int argc, char **argv) {
    if (argc != 3) { fputs("usage: pg_census ADDRESS FILE\n", stderr); return 2; }
    size_t len;
    char *text = slurp(argv[2], &len);
    if (!text) { perror(argv[2]); return 2; }
    size_t cap = 1024, n = 0;
    char **all = malloc(cap * sizeof *all);
    for (char *p = text, *end; all && p < text + len; p = end + 1) {
        if (!(end = memchr(p, 0x1e, (size_t)(text + len - p)))) break;
        *end = 0;
        if (n == cap) {
            char **more = realloc(all, (cap *= 2) * sizeof *all);
            if (!more) free(all);
            all = more;
            if (!all) break;
        }
        all[n++] = p;
    }
    if (!all) { fputs("pg_census: out of memory\n", stderr); return 1; }
    qsort(all, n, sizeof *all, by_text);

    lt_err e = {0};
    lt_db *db;
    if (db_open(argv[1], DB_OPEN_CREATE, &db, &e)) { fprintf(stderr, "pg_census: %s\n", e.en); return 1; }
    db_close(db);
    pg_conn *c;
    if (pg_connect(argv[1], &c, &e)) { fprintf(stderr, "pg_census: %s\n", e.en); return 1; }

    int distinct = 0, own = 0, refused = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && !strcmp(all[i], all[i - 1])) continue;
        distinct++;
        if (sqlite_own(all[i])) { own++; continue; }
        lt_err pe = {0};
        pg_stmt *s = pg_prepare(c, all[i], &pe);
        if (s) { pg_finalize(s); continue; }
        refused++;
        printf("-- %s\n%s\n\n", pe.en, all[i]);
    }
    printf("-- %d of %d statements refused (%d of SQLite's own not tried)\n",
           refused, distinct - own, own);
    pg_disconnect(c);
    free(all);
    free(text);
    return refused ? 1 : 0;
}
