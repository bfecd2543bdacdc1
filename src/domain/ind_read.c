/*
** ind_read.c — reading one year's records for the indicators, on two
** connections at once.
**
** The indicators of a big tree spend most of their time in SQLite: the
** year's tree, then ten queries of the year.  On a machine with two cores a
** second connection to the same file runs the queries while the caller
** reads the tree, and both take queries from one list until none is left.
** Each query's rows are kept as 64-bit integers (in pieces, domain_int.h)
** and counted by the caller afterwards, in the list's order.
**
** The helper's snapshot must be the caller's: it reads the stamps that
** every counted change bumps (change, tree and year stamps) in its own
** read transaction, and if they differ from the caller's, or anything went
** wrong on its side, the caller reads the helper's queries again itself.
*/
#include "domain_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

/* Trees at least this big are read with a helper (ind_set_parallel). */
static long parallel_min_units = IND_PARALLEL_MIN;

void ind_set_parallel(long min_units) { parallel_min_units = min_units; }

/* The change, tree and tally log stamps, in that order. */
static int read_stamps(lt_db *db, long long out[3], lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT (SELECT n FROM change_stamp WHERE id=1),"
                                      " (SELECT n FROM tree_stamp WHERE id=1),"
                                      " (SELECT coalesce(max(id), 0) FROM tally_change)", e);
    if (!st) return LT_EDB;
    int row = db_step_row(db, st, e);
    for (int i = 0; row == 1 && i < 3; i++) out[i] = db_col_int64(st, i);
    db_reset(st);
    if (row == 0) return lt_err_set(e, LT_EDB, "không đọc được dấu thay đổi", "cannot read the change stamps");
    return row < 0 ? LT_EDB : LT_OK;
}

/* The years' stamps from..to: each year's registration stamp (year_stamp)
** and its records' change stamp (year_change) given to add(arg, year, n,
** changes). */
typedef void year_fn(void *arg, int year, long long n, long long changes);
static int read_year_stamps(lt_db *db, int from, int to, year_fn *add, void *arg, lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT year, sum(n), sum(changes) FROM (SELECT year, n, 0 AS changes"
                                      " FROM year_stamp UNION ALL SELECT year, 0, n FROM year_change) AS stamps"
                                      " WHERE year BETWEEN ? AND ? GROUP BY year", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, from);
    db_bind_int(st, 2, to);
    int row;
    while ((row = db_step_row(db, st, e)) == 1)
        add(arg, db_col_int(st, 0), db_col_int64(st, 1), db_col_int64(st, 2));
    db_reset(st);
    return row < 0 ? LT_EDB : LT_OK;
}

static void keep_year(void *arg, int year, long long n, long long changes) { /* into the snapshot's memo */
    snap_memo *m = arg;
    if (m->nyears < SNAP_YEARS) m->years[m->nyears] = (snap_year){year, n, changes};
    m->nyears++;
}

typedef struct year_sum { int from; long long sum, changes; snap_year *years; } year_sum;

static void sum_year(void *arg, int year, long long n, long long changes) { /* into the caller's stamps */
    year_sum *y = arg;
    y->sum += n;
    y->changes += changes;
    if (y->years) y->years[year - y->from] = (snap_year){year, n, changes};
}

/* Every page asks for the stamps several times (each ind_get): inside one
** read snapshot they are read once, with all of year_stamp and year_change
** (a row a year), and kept in the snapshot's memo. */
int ind_read_stamps(lt_db *db, int from, int to, long long stamps[IND_STAMPS], snap_year *years,
                    lt_err *e) {
    snap_memo *m = db_snapshot_memo(db, sizeof *m);
    if (m && !m->have_stamps) {
        m->nyears = 0;
        if (read_stamps(db, m->stamps, e) || read_year_stamps(db, INT_MIN, INT_MAX, keep_year, m, e)) return LT_EDB;
        m->have_stamps = 1;
    }
    year_sum y = {from, 0, 0, years};
    long long direct[3];
    const long long *three = direct;
    for (int i = 0; years && i <= to - from; i++) years[i] = (snap_year){from + i, 0, 0};
    if (m && m->nyears <= SNAP_YEARS) {
        three = m->stamps;
        for (int i = 0; i < m->nyears; i++) {
            const snap_year *k = &m->years[i];
            if (k->year >= from && k->year <= to) sum_year(&y, k->year, k->n, k->changes);
        }
    } else if (read_stamps(db, direct, e) || read_year_stamps(db, from, to, sum_year, &y, e)) { /* this range only */
        return LT_EDB;
    }
    stamps[0] = three[0];
    stamps[1] = three[1];
    stamps[2] = y.sum;
    stamps[3] = three[2];
    stamps[4] = y.changes;
    return LT_OK;
}

/* The next query nobody has taken, or -1.  The caller's first claim waits
** until a running helper has made its own (or failed), so the helper
** always takes part: on a big tree it has long since started while the
** caller read the tree; on the small trees of the tests this is what puts
** its rows through the same counting. */
static int claim(ind_reads *rd, int by_helper) {
    pthread_mutex_lock(&rd->lock);
    if (by_helper) {
        rd->helper_started = 1;
        pthread_cond_broadcast(&rd->started);
    } else {
        while (rd->helper_running && !rd->helper_started) pthread_cond_wait(&rd->started, &rd->lock);
    }
    int k = rd->next < rd->nq ? rd->next++ : -1;
    if (k >= 0) rd->by_helper[k] = by_helper;
    pthread_mutex_unlock(&rd->lock);
    return k;
}

/* The helper gives up: no claims of its own. */
static void helper_fails(ind_reads *rd) {
    pthread_mutex_lock(&rd->lock);
    rd->helper_failed = rd->helper_started = 1;
    pthread_cond_broadcast(&rd->started);
    pthread_mutex_unlock(&rd->lock);
}

static void pieces_free(ind_rows *q) {
    for (long p = 0; p * IND_ROWS_PIECE < q->n; p++) free(q->pieces[p]);
    free(q->pieces);
    memset(q, 0, sizeof *q);
}

/* Room for one more row of q, counted in q->n: a new piece when the last
** is full (the list of pieces, *npieces long, doubles as it fills).  NULL,
** q unchanged, when memory ran out. */
static long long *row_added(ind_rows *q, long *npieces) {
    long p = q->n / IND_ROWS_PIECE, at = q->n % IND_ROWS_PIECE;
    if (at == 0) {
        if (p == *npieces) {
            long more = *npieces ? 2 * *npieces : 16;
            long long **pieces = realloc(q->pieces, (size_t)more * sizeof *pieces);
            if (!pieces) return NULL;
            q->pieces = pieces;
            *npieces = more;
        }
        q->pieces[p] = malloc((size_t)IND_ROWS_PIECE * (size_t)q->ncols * sizeof **q->pieces);
        if (!q->pieces[p]) return NULL;
    }
    q->n++;
    return q->pieces[p] + at * q->ncols;
}

/* Run query k on db with ?1 = year, ?2 = 'Y-01-01', ?3 = 'Y-12-31',
** ?4 = the day the year is judged on (rd->today), ?5 = its tree's day,
** keeping its rows. */
static int fill(lt_db *db, ind_reads *rd, int k, lt_err *e) {
    ind_rows *out = &rd->rows[k];
    pieces_free(out);
    char y0[16], y1[16];
    snprintf(y0, sizeof y0, "%04d-01-01", rd->year);
    snprintf(y1, sizeof y1, "%04d-12-31", rd->year);
    db_stmt *st = db_prepare(db, rd->sql[k], e);
    if (!st) return LT_EDB;
    for (int i = 1; i <= db_param_count(st); i++) {
        const char *name = db_param_name(st, i);
        int p = name ? atoi(name + 1) : i;
        if (p == 1) db_bind_int(st, i, rd->year);
        else db_bind_text(st, i, p == 2 ? y0 : p == 3 ? y1 : p == 5 ? rd->tree_day : rd->today);
    }
    out->ncols = db_col_count(st);
    long npieces = 0;
    int row;
    while ((row = db_step_row(db, st, e)) == 1) {
        long long *v = row_added(out, &npieces);
        if (!v) { db_reset(st); return lt_err_oom(e); }
        for (int c = 0; c < out->ncols; c++) v[c] = db_col_int64(st, c);
    }
    db_reset(st);
    return row < 0 ? e->code : LT_OK;
}

/* The helper thread: its own connection and snapshot, queries until none
** is left.  Failures only mark it failed (the caller reads again). */
static void *helper_main(void *arg) {
    ind_reads *rd = arg;
    lt_db *db = NULL;
    lt_err e = {0};
    if (db_open(rd->dbfile, DB_OPEN_EXISTING, &db, &e) || db_read_begin(db, &e) ||
        ind_read_stamps(db, rd->from, rd->to, rd->helper_stamps, NULL, &e)) {
        helper_fails(rd);
        db_close(db);
        return NULL;
    }
    for (int k; (k = claim(rd, 1)) >= 0;)
        if (fill(db, rd, k, &e)) rd->helper_failed = 1;
    db_read_end(db);
    db_close(db);
    return NULL;
}

void ind_reads_start(lt_ctx *ctx, int year, const char *judged, const char *const *sql, int nq,
                     long units, ind_reads *rd) {
    memset(rd, 0, sizeof *rd);
    rd->year = rd->from = rd->to = year;
    rd->sql = sql;
    rd->nq = nq < IND_QUERIES ? nq : IND_QUERIES;
    /* states of the year ("open", "overdue") as on its reference date, or
    ** today while that is ahead (DESIGN §2) */
    char ref[11];
    lt_err ignored = {0};
    lt_today(rd->today);
    if (judged) snprintf(ref, sizeof ref, "%s", judged);
    else if (dom_year_ref(ctx, year, ref, &ignored)) memcpy(ref, rd->today, sizeof ref);
    memcpy(rd->tree_day, ref, sizeof ref);
    if (strcmp(ref, rd->today) < 0) memcpy(rd->today, ref, sizeof ref);
    pthread_mutex_init(&rd->lock, NULL);
    pthread_cond_init(&rd->started, NULL);
    const char *fn = db_filename(ctx->db);
    if (units < parallel_min_units || !fn || !*fn || strlen(fn) >= sizeof rd->dbfile)
        return; /* a temporary database has no file; a path too long is not cut short */
    snprintf(rd->dbfile, sizeof rd->dbfile, "%s", fn);
    rd->helper_running = pthread_create(&rd->helper, NULL, helper_main, rd) == 0;
}

int ind_reads_finish(lt_ctx *ctx, ind_reads *rd, lt_err *e) {
    int rc = LT_OK;
    for (int k; rc == LT_OK && (k = claim(rd, 0)) >= 0;) rc = fill(ctx->db, rd, k, e);
    if (!rd->helper_running) return rc;
    pthread_join(rd->helper, NULL);
    rd->helper_running = 0;
    if (rc) return rc;
    long long mine[IND_STAMPS];
    int redo = rd->helper_failed;
    if (!redo) {
        if ((rc = ind_read_stamps(ctx->db, rd->from, rd->to, mine, NULL, e))) return rc;
        redo = memcmp(mine, rd->helper_stamps, sizeof mine) != 0;
    }
    for (int k = 0; redo && rc == LT_OK && k < rd->nq; k++)
        if (rd->by_helper[k]) rc = fill(ctx->db, rd, k, e);
    return rc;
}

void ind_reads_free(ind_reads *rd) {
    if (rd->helper_running) pthread_join(rd->helper, NULL);
    for (int k = 0; k < IND_QUERIES; k++) pieces_free(&rd->rows[k]);
    pthread_mutex_destroy(&rd->lock);
    pthread_cond_destroy(&rd->started);
    memset(rd, 0, sizeof *rd);
}
