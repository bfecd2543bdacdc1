/*
** rates_kept.c — the trend's two rates of every unit (deployment, good or
** better) of each judged year, kept in the database (table trend_rates,
** migration 23), so that a server started again reads them instead of
** computing five whole years for its first dashboard (2.6 s nationally).
**
** A row is a cache, valid while the stamps it was computed at stand (the
** change stamp with the year's own change stamp in one figure, the tree
** stamp and the year's registration stamp: any change counted in that
** year makes it stale) and for the same formula.  Only years already judged on
** their reference date are kept: a year still open is judged on today and
** changes all season, and its rates come from its own cached result.
**
** Each unit is 12 bytes, in increasing id order: the id (8 bytes), then
** the two rates in tenths of a percent, -1 when absent (2 bytes each),
** little-endian.  A row that does not decode so is not used.
*/
#include "domain_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the two rates count: bump when that changes, and every kept row is
** computed again. */
#define RATES_FORMULA 1
#define UNIT_BYTES 12

static void put_le(unsigned char *p, uint64_t v, int bytes) {
    for (int i = 0; i < bytes; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* The units of a row's blob (len bytes) in *units, *n, *dense (placed by
** id when the ids are about 0..n, as rates_of places them); 0, or -1 when
** the blob is not a list of units in increasing id order, or memory ran
** out. */
static int rates_decode(const unsigned char *blob, size_t len, unit_rates **units, long *n, int *dense) {
    if (len == 0 || len % UNIT_BYTES) return -1;
    long count = (long)(len / UNIT_BYTES);
    long long prev = -1, top = (long long)get_le(blob + (size_t)(count - 1) * UNIT_BYTES, 8);
    *dense = top >= 0 && top < 2 * (long long)count + 64;
    *n = *dense ? (long)top + 1 : count;
    unit_rates *u = malloc((size_t)*n * sizeof *u);
    if (!u) return -1;
    for (long i = 0; *dense && i < *n; i++) u[i] = (unit_rates){-1, -1, -1};
    for (long i = 0; i < count; i++) {
        const unsigned char *p = blob + (size_t)i * UNIT_BYTES;
        long long id = (long long)get_le(p, 8);
        if (id <= prev) { free(u); return -1; }
        prev = id;
        unit_rates r = {id, (int16_t)get_le(p + 8, 2), (int16_t)get_le(p + 10, 2)};
        u[*dense ? id : i] = r;
    }
    *units = u;
    return 0;
}

/* Bind s's year, the formula and s's stamps as parameters 1 to 6 of st. */
static void bind_stamps(db_stmt *st, const rates_stamps *s) {
    db_bind_int(st, 1, s->year);
    db_bind_int(st, 2, RATES_FORMULA);
    db_bind_int(st, 3, s->change);
    db_bind_int(st, 4, s->tree);
    db_bind_int(st, 5, s->year_stamp);
    db_bind_text(st, 6, s->judged);
}

int rates_kept_read(lt_db *db, const rates_stamps *s, unit_rates **units, long *n, int *dense) {
    db_stmt *st = db_prepare(db, "SELECT units FROM trend_rates WHERE year=? AND formula=? AND"
                                      " change_stamp=? AND tree_stamp=? AND year_stamp=? AND judged=?", NULL);
    if (!st) return 0;
    bind_stamps(st, s);
    int found = db_step_is_row(st) &&
                rates_decode(db_col_blob(st, 0), (size_t)db_col_bytes(st, 0), units, n, dense) == 0;
    db_reset(st);
    return found;
}

/* The units (n of them, placed by id or sorted by id: increasing ids
** either way, -1 where there is none) as a row's blob in *out, *len; -1
** when memory ran out or there are none. */
static int rates_encode(const unit_rates *units, long n, unsigned char **out, size_t *len) {
    long count = 0;
    for (long i = 0; i < n; i++) count += units[i].id >= 0;
    if (!count) return -1;
    unsigned char *b = malloc((size_t)count * UNIT_BYTES), *p = b;
    if (!b) return -1;
    for (long i = 0; i < n; i++) {
        if (units[i].id < 0) continue;
        put_le(p, (uint64_t)units[i].id, 8);
        put_le(p + 8, (uint64_t)(uint16_t)(int16_t)units[i].dep, 2);
        put_le(p + 10, (uint64_t)(uint16_t)(int16_t)units[i].good, 2);
        p += UNIT_BYTES;
    }
    *out = b;
    *len = (size_t)count * UNIT_BYTES;
    return 0;
}

/* Under the write transaction on db: whether the stamps still stand. */
static int stamps_stand(lt_db *db, const rates_stamps *s) {
    long long now[IND_STAMPS];
    snap_year years[1];
    lt_err ignored = {0};
    if (ind_read_stamps(db, s->year, s->year, now, years, &ignored)) return 0;
    return now[0] + now[4] == s->change && now[1] == s->tree && years[0].n == s->year_stamp;
}

void rates_kept_write(const char *dbfile, const rates_stamps *s, const unit_rates *units, long n) {
    unsigned char *blob;
    size_t len;
    if (!dbfile || !*dbfile || rates_encode(units, n, &blob, &len)) return;
    lt_db *db = NULL;
    lt_err e = {0};
    /* its own connection: the caller reads in a snapshot that cannot write;
    ** and no wait for another writer: the page would wait for a cache */
    if (db_open(dbfile, DB_OPEN_EXISTING, &db, &e) == LT_OK && db_begin_now(db, &e) == LT_OK) {
        db_stmt *st = stamps_stand(db, s) ? db_prepare(db, "INSERT INTO trend_rates(year, formula,"
                               " change_stamp, tree_stamp, year_stamp, judged, units) VALUES (?,?,?,?,?,?,?)"
                               " ON CONFLICT(year) DO UPDATE SET formula=excluded.formula, change_stamp="
                               "excluded.change_stamp, tree_stamp=excluded.tree_stamp, year_stamp="
                               "excluded.year_stamp, judged=excluded.judged, units=excluded.units", &e) : NULL;
        if (st) {
            bind_stamps(st, s);
            db_bind_blob_lent(st, 7, blob, len);
        }
        if (st && db_step_done(db, st, &e) == LT_OK) db_commit(db, &e);
        else db_rollback(db); /* stale, or not writable (a read-only copy): kept nowhere */
        if (st) db_clear_bindings(st);
    }
    if (db) db_close(db);
    free(blob);
}
