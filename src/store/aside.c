/*
** aside.c — a large batch with a table's secondary indexes and insert
** triggers set aside (store.h: db_set_aside), then made again, and what
** the triggers keep computed afresh from all the rows: the people's spans
** (person_span; counted as the rows come when the table was empty), their
** name ranks and word index; the units' sort keys and word index.
*/
#include "store.h"
#include "schema.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- person_span counted afresh ------------------------------------------
** What "DELETE FROM person_span; INSERT INTO person_span SELECT … FROM
** person_span_of GROUP BY 1, 2, 3" gives, read in one scan of the rows and
** counted here: through the view, the years' subqueries ran three times a
** row and the GROUP BY sorted every row (1.2 s of the 550,000 people of a
** national import at S=0.1; 0.2 s this way).  `lamtheo check` compares
** person_span with the view itself.  The years follow membership_years: a
** row counts from the first year whose reference date (year_setup's, else
** 31 December) is on or after its first day, to the last year whose
** reference date is on or before its last day, or 9999 when it is open. */
typedef struct span_ref { int year; char *day; } span_ref;
typedef struct span_refs { int n; span_ref *ref; } span_refs;
typedef struct span_count { long long unit_id; int first, last; long long people, key_cadres; } span_count;
typedef struct span_table { span_count *slot; long n, cap; } span_table;

/* The reference dates set in year_setup (a few: one a year at most). */
static int refs_load(lt_db *db, span_refs *r, lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT year, reference_date FROM year_setup"
                                 " WHERE reference_date IS NOT NULL", e);
    if (!st) return LT_EDB;
    int row, cap = 0;
    while ((row = db_step_row(db, st, e)) == 1) {
        if (r->n == cap) {
            span_ref *more = realloc(r->ref, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *more);
            if (!more) { row = -2; break; }
            r->ref = more;
        }
        r->ref[r->n].year = db_col_int(st, 0);
        if (!(r->ref[r->n].day = strdup(db_col_text(st, 1)))) { row = -2; break; }
        r->n++;
    }
    db_reset(st);
    if (row == -2) return lt_err_oom(e);
    return row < 0 ? LT_EDB : LT_OK;
}

/* Year y's reference date, as the view writes it (y || '-12-31' if unset;
** a year is read from four digits, 0..9999). */
static const char *ref_day(const span_refs *r, int y, char buf[24]) {
    for (int i = 0; i < r->n; i++)
        if (r->ref[i].year == y) return r->ref[i].day;
    if (y >= 1000) lt_iso_day(buf, y, 12, 31);
    else snprintf(buf, 24, "%d-12-31", y);   /* as SQL writes it: no zeros first */
    return buf;
}

/* CAST(substr(day, 1, 4) AS INTEGER) */
static int year_of(const char *day) {
    int y = 0;
    for (int i = 0; i < 4 && day[i] >= '0' && day[i] <= '9'; i++) y = y * 10 + (day[i] - '0');
    return y;
}

static unsigned long span_hash(long long unit_id, int first, int last) {
    unsigned long h = (unsigned long)unit_id * 0x9E3779B97F4A7C15UL;
    h ^= ((unsigned long)(unsigned)first << 20) ^ (unsigned)last;
    return h * 0xBF58476D1CE4E5B9UL;
}

static int span_add(span_table *t, long long unit_id, int first, int last, int key_cadre) {
    if (2 * (t->n + 1) > t->cap) {
        long cap = t->cap ? t->cap * 2 : 4096;
        span_count *s = calloc((size_t)cap, sizeof *s);
        if (!s) return LT_EOOM;
        for (long i = 0; i < t->cap; i++) {
            if (!t->slot[i].people) continue;
            unsigned long k = span_hash(t->slot[i].unit_id, t->slot[i].first, t->slot[i].last) % cap;
            while (s[k].people) k = (k + 1) % (unsigned long)cap;
            s[k] = t->slot[i];
        }
        free(t->slot);
        t->slot = s;
        t->cap = cap;
    }
    unsigned long k = span_hash(unit_id, first, last) % (unsigned long)t->cap;
    span_count *c;
    while ((c = &t->slot[k])->people &&
           (c->unit_id != unit_id || c->first != first || c->last != last))
        k = (k + 1) % (unsigned long)t->cap;
    if (!c->people) {
        *c = (span_count){unit_id, first, last, 0, 0};
        t->n++;
    }
    c->people++;
    c->key_cadres += key_cadre;
    return LT_OK;
}

static int span_order(const void *a, const void *b) {
    const span_count *x = a, *y = b;
    if (x->unit_id != y->unit_id) return x->unit_id < y->unit_id ? -1 : 1;
    if (x->first != y->first) return x->first < y->first ? -1 : 1;
    return (x->last > y->last) - (x->last < y->last);
}

/* Row (unit_id, from, to, key_cadre) counted into t by r's reference
** dates (to NULL: open). */
static int span_count_row(span_table *t, const span_refs *r, long long unit_id, const char *from,
                          const char *to, int key_cadre) {
    char buf[24];
    int fy = year_of(from), first = fy + (strcmp(ref_day(r, fy, buf), from) < 0), last = 9999;
    if (to) {
        int ly = year_of(to);
        last = ly - (strcmp(ref_day(r, ly, buf), to) > 0);
    }
    return first <= last ? span_add(t, unit_id, first, last, key_cadre) : LT_OK;
}

/* Every required person's rows counted into t. */
static int spans_count(lt_db *db, const span_refs *r, span_table *t, lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT m.unit_id, m.valid_from, m.valid_to, m.key_cadre"
                                 " FROM membership m JOIN person p ON p.id = m.person_id"
                                 " WHERE p.category <> 'other'", e);
    if (!st) return LT_EDB;
    int row, rc = LT_OK;
    while (rc == LT_OK && (row = db_step_row(db, st, e)) == 1) {
        const char *to = db_col_type(st, 2) == DB_NULL ? NULL : db_col_text(st, 2);
        if (span_count_row(t, r, db_col_int64(st, 0), db_col_text(st, 1), to, db_col_int(st, 3)))
            rc = lt_err_oom(e);
    }
    db_reset(st);
    return rc == LT_OK && row < 0 ? LT_EDB : rc;
}

static void refs_free(span_refs *r) {
    for (int i = 0; i < r->n; i++) free(r->ref[i].day);
    free(r->ref);
    memset(r, 0, sizeof *r);
}

/* person_span made again from the counts t (which it frees). */
static int spans_write(lt_db *db, span_table t, lt_err *e) {
    int rc = db_exec(db, "DELETE FROM person_span", e);
    db_stmt *st = rc ? NULL : db_prepare(db, "INSERT INTO person_span VALUES (?1, ?2, ?3, ?4, ?5)", e);
    if (rc == LT_OK && !st) rc = LT_EDB;
    long n = 0;
    for (long i = 0; i < t.cap; i++)   /* the counts together, in the table's order */
        if (t.slot[i].people) t.slot[n++] = t.slot[i];
    if (n) qsort(t.slot, (size_t)n, sizeof *t.slot, span_order);
    for (long i = 0; rc == LT_OK && i < n; i++) {
        db_bind_int(st, 1, t.slot[i].unit_id);
        db_bind_int(st, 2, t.slot[i].first);
        db_bind_int(st, 3, t.slot[i].last);
        db_bind_int(st, 4, t.slot[i].people);
        db_bind_int(st, 5, t.slot[i].key_cadres);
        rc = db_step_done(db, st, e);
    }
    free(t.slot);
    return rc;
}

/* ---- set aside, and what was written meanwhile ----------------------------- */
struct db_aside {
    lt_db *db;
    char *table;
    int n;
    char *sql[32];   /* the CREATE statements, as sqlite_schema keeps them */
    /* membership set aside while empty: the rows written are counted as
    ** they come (db_aside_note_span), which spares reading them all again */
    int noting;
    long noted;
    span_refs refs;
    span_table spans;
};

void db_aside_note_span(db_aside *a, long long unit_id, const char *from, const char *to, int key_cadre,
                        const char *category) {
    if (!a || !a->noting) return;
    a->noted++;
    int required = strcmp(category, "other") != 0;   /* as spans_count's WHERE */
    if (required && span_count_row(&a->spans, &a->refs, unit_id, from, to, key_cadre))
        a->noting = 0; /* out of memory: counted from the rows after all */
}

/* person_span from the rows noted when they are all the table holds, else
** from the table. */
static int spans_fill(lt_db *db, db_aside *a, lt_err *e) {
    span_table t = {0};
    int rc = LT_OK;
    if (a->noting && db_int(db, "SELECT count(*) FROM membership", -1, e) == a->noted) {
        t = a->spans;
        memset(&a->spans, 0, sizeof a->spans);
    } else {
        span_refs refs = {0};
        rc = refs_load(db, &refs, e);
        if (rc == LT_OK) rc = spans_count(db, &refs, &t, e);
        refs_free(&refs);
    }
    if (rc == LT_OK) return spans_write(db, t, e);
    free(t.slot);
    return rc;
}

/* ---- what the insert triggers keep ----------------------------------------- */
/* The people's word index filled in rank order from person_by_name_rank,
** which holds the names: FTS5 writes a new segment whenever a rowid comes
** lower than the last, so 'rebuild' (in id order) took 16 times longer. */
#define PERSON_WORDS_FILL "INSERT INTO person_name_words(rowid, name_fold) SELECT name_rank," \
    " name_fold FROM person WHERE name_rank IS NOT NULL ORDER BY name_rank;"

/* What the insert triggers of a table give its own rows, for those
** inserted without it, before the indexes that hold it are made: a unit's
** sort key (unit_sort_add). */
static int derived_own(lt_db *db, db_aside *a, lt_err *e) {
    if (!strcmp(a->table, "unit"))
        return db_exec(db, "UPDATE unit SET name_sort = vi_key(name) WHERE name_sort = ''", e);
    return LT_OK;
}

/* What the insert triggers of a table keep, computed afresh from all its
** rows (the fills of migrations 012 and 014), and what they give: a
** person's name rank, to rows inserted without one. */
static int derived_fill(lt_db *db, db_aside *a, lt_err *e) {
    const char *table = a->table;
    if (!strcmp(table, "membership")) return spans_fill(db, a, e);
    if (!strcmp(table, "person"))
        return db_exec(db, "UPDATE person SET name_rank = name_rank_of(name_fold, id) WHERE name_rank IS NULL;"
                           "INSERT INTO person_name_words(person_name_words) VALUES ('delete-all');"
                           PERSON_WORDS_FILL, e);
    if (!strcmp(table, "unit"))   /* in id order, as the rows came */
        return db_exec(db, "INSERT INTO unit_name_words(unit_name_words) VALUES ('rebuild')", e);
    return LT_OK;
}

/* ---- set aside and made again ---------------------------------------------- */
void db_aside_free(db_aside *a) {
    if (!a) return;
    if (a->db) db_exec(a->db, "PRAGMA ignore_check_constraints=OFF", NULL);
    for (int i = 0; i < a->n; i++) sqlite3_free(a->sql[i]);
    refs_free(&a->refs);
    free(a->spans.slot);
    free(a->table);
    free(a);
}

int db_set_aside(lt_db *db, const char *table, db_aside **out, lt_err *e) {
    *out = NULL;
    if (db_engine_pg(db)) return LT_OK; /* SQLite's way (PostgreSQL's port: issue 24) */
    db_aside *a = calloc(1, sizeof *a);
    if (!a || !(a->table = strdup(table))) { free(a); return lt_err_oom(e); }
    a->db = db;
    char *names[32];
    db_stmt *st = db_prepare(db, "SELECT name, type, sql FROM sqlite_schema WHERE tbl_name=?1"
                                 " AND sql IS NOT NULL AND (type='index' OR (type='trigger'"
                                 " AND sql LIKE '%AFTER INSERT ON ' || ?1 || ' %'))", e);
    if (!st) { db_aside_free(a); return LT_EDB; }
    db_bind_text(st, 1, table);
    int row, rc = LT_OK;
    while (a->n < 32 && (row = db_step_row(db, st, e)) == 1) {
        names[a->n] = sqlite3_mprintf("DROP %s \"%w\"", db_col_text(st, 1), db_col_text(st, 0));
        a->sql[a->n] = sqlite3_mprintf("%s", db_col_text(st, 2));
        a->n++;
        /* nothing is dropped unless it can be made again */
        if (!names[a->n - 1] || !a->sql[a->n - 1]) { rc = lt_err_oom(e); break; }
    }
    db_reset(st);
    if (rc == LT_OK && row < 0) rc = lt_err_code(e, LT_EDB);
    if (rc) {
        for (int i = 0; i < a->n; i++) sqlite3_free(names[i]);
        db_aside_free(a);
        return rc;
    }
    for (int i = 0; i < a->n; i++) {
        if (rc == LT_OK) rc = db_exec(db, names[i], e);
        sqlite3_free(names[i]);
    }
    /* the caller has checked every value: CHECK constraints with IN lists
    ** would build a temporary index for every row */
    if (rc == LT_OK) rc = db_exec(db, "PRAGMA ignore_check_constraints=ON", e);
    if (rc == LT_OK && !strcmp(table, "membership") &&
        db_int(db, "SELECT NOT EXISTS (SELECT 1 FROM membership)", 0, e) == 1) {
        rc = refs_load(db, &a->refs, e);
        a->noting = rc == LT_OK;
    }
    if (rc) { db_aside_free(a); return rc; }
    *out = a;
    return LT_OK;
}

int db_restore(lt_db *db, db_aside *a, lt_err *e) {
    if (!a) return LT_OK;
    /* Two threads: CREATE INDEX sorts on both cores.  Its sorts go to
    ** temporary files, not memory (with temp_store=MEMORY the national
    ** people's name index took 22 s instead of 7), in runs as large as the
    ** page cache: 2 MiB runs, sorted by the two threads as they come, made
    ** the four indexes of S=0.1 in 1.6-2.1 s, 16 MiB ones in 2.4-3.0 and
    ** 64 MiB ones in 3.9. */
    char cache[48] = "";
    lt_err read = {0};
    long long was = db_int(db, "PRAGMA cache_size", 0, &read);
    if (!read.code) snprintf(cache, sizeof cache, "PRAGMA cache_size=%lld", was);
    int rc = db_exec(db, "PRAGMA ignore_check_constraints=OFF; PRAGMA threads=2;"
                         " PRAGMA temp_store=FILE; PRAGMA cache_size=-2048", e);
    if (rc == LT_OK) rc = derived_own(db, a, e);
    for (int i = 0; rc == LT_OK && i < a->n; i++) rc = db_exec(db, a->sql[i], e);
    if (rc == LT_OK) rc = derived_fill(db, a, e);
    if (*cache) db_exec(db, cache, NULL);
    int back = db_exec(db, "PRAGMA temp_store=MEMORY", rc ? NULL : e);
    if (rc == LT_OK) rc = back;
    db_aside_free(a);
    return rc;
}
