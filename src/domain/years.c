/*
** years.c — the year as one room: each year's (or range's) computed
** figures behind one cache, which every indicator, list, default unit and
** report asks (ind_get, ind_get_unit), valid while the database's stamps
** stand; a year brought up to date from the registration tally's logged
** changes rather than computed again; one computation of each at a time;
** and the two rates of every unit by year that trends read (in the
** database too once a year is judged: rates_kept.c).  The counting itself
** is indicators.c's.
*/
#include "domain_int.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the shared cache of computed ranges ------------------------------- */
#define IND_CACHE 24
/* Bytes the cache may hold: a national tree (300,000 units) costs about
** 150 MB per range, so a few ranges stay while the server keeps well under
** 1 GiB; a range over the budget is still computed and handed out. */
#define IND_CACHE_BYTES ((size_t)640 << 20)

/* What a cached result is valid for: the database (tests open several in
** one process), its change stamp, the sum of its years' own change stamps
** (their records', version 28), the sum of the year stamps of the
** result's years (registrations' changes, schema.sql; migration 8), the
** tree stamp (units' changes and reference dates, versions 9 and 15), the
** day.  Its trees stay right while the tree stamp stands. */
typedef struct cache_key {
    long long stamp, changes, years, tree, log;
    char today[11];
    char dbfile[4096];  /* a path cut short could name another database's results */
} cache_key;

static int key_equal(const cache_key *a, const cache_key *b) {
    return a->stamp == b->stamp && a->changes == b->changes && a->years == b->years && a->tree == b->tree &&
           !strcmp(a->today, b->today) && !strcmp(a->dbfile, b->dbfile);
}

typedef struct ind_entry {
    ind_result r;
    int used, refs;
    cache_key key;
    unsigned long long last_use;
} ind_entry;

static ind_entry ind_cache[IND_CACHE];
static unsigned long long ind_clock;
static pthread_mutex_t ind_lock = PTHREAD_MUTEX_INITIALIZER;
static ind_work work_done; /* under ind_lock */

void ind_work_done(ind_work *w) {
    pthread_mutex_lock(&ind_lock);
    *w = work_done;
    pthread_mutex_unlock(&ind_lock);
}

/* Versions of one year kept while its registrations change: a page whose
** read began a moment before the latest writes (its snapshot older than
** the newest cached version) brings the newest version not newer than its
** snapshot up to date instead of computing the year again.  Besides the
** IND_VERSIONS newest, the oldest version is kept as an anchor while it is
** at most IND_ANCHOR changes behind, so that a page that lagged further
** still only adds changes.  In the registration season (bench/season.sh)
** such pages came every few hundred requests, each a whole year's
** computation (0.1 s at S=0.1, 0.6 s for the country). */
#define IND_VERSIONS 6
#define IND_ANCHOR 20000

/* Whether o is another cached version of c's year at k's change stamp
** (whole, or tally alone, as c is). */
static int same_year(const ind_entry *o, const ind_entry *c, const cache_key *k) {
    return o->used && o != c && o->r.from == c->r.from && o->r.to == c->r.to &&
           o->r.tally_only == c->r.tally_only && o->key.stamp == k->stamp && o->key.changes == k->changes &&
           !strcmp(o->key.dbfile, k->dbfile);
}

/* Whether c, a version of a year that k's changes outdate, is to be freed
** (under ind_lock): not among the newest, and not the anchor. */
static int version_outdated(const ind_entry *c, const cache_key *k) {
    int newer = 0, oldest = 1;
    for (int i = 0; i < IND_CACHE; i++) {
        const ind_entry *o = &ind_cache[i];
        if (!same_year(o, c, k)) continue;
        newer += o->key.log > c->key.log;
        oldest &= o->key.log > c->key.log;
    }
    if (newer < IND_VERSIONS - 1) return 0;
    return !(oldest && k->log - c->key.log <= IND_ANCHOR);
}

/* Free entries of this database nobody holds whose data is out of date:
** any, when the change stamp or the day moved on; of from..to, when its
** years' stamps did, but for the versions above (the one about to be kept
** is the newest), and a tally alone of the same key when the result about
** to be kept is whole (it serves both); other ranges' year stamps are not
** known here: those entries no longer match and leave by age. */
static void ind_cache_sweep(int from, int to, int tally_only, const cache_key *k) {
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (!c->used || c->refs || strcmp(c->key.dbfile, k->dbfile)) continue;
        int this_range = c->r.from == from && c->r.to == to;
        if (c->key.stamp != k->stamp || strcmp(c->key.today, k->today) || (this_range && c->key.changes != k->changes) ||
            (this_range && c->key.years != k->years && (from != to || version_outdated(c, k))) ||
            (this_range && c->r.tally_only && !tally_only && key_equal(&c->key, k))) {
            ind_free(&c->r);
            c->used = 0;
        }
    }
}

/* Evict the least recently used entry nobody holds; 0 if there is none. */
static int ind_cache_evict(void) {
    int best = -1;
    for (int i = 0; i < IND_CACHE; i++)
        if (ind_cache[i].used && !ind_cache[i].refs &&
            (best < 0 || ind_cache[i].last_use < ind_cache[best].last_use))
            best = i;
    if (best < 0) return 0;
    ind_free(&ind_cache[best].r);
    ind_cache[best].used = 0;
    return 1;
}

/* A free slot for a result of `bytes`, evicting least recently used
** entries until it fits the budget; -1 if it cannot be kept. */
static int ind_cache_slot(size_t bytes) {
    for (;;) {
        size_t held = 0;
        int free_slot = -1;
        for (int i = 0; i < IND_CACHE; i++) {
            if (ind_cache[i].used) held += ind_bytes(&ind_cache[i].r);
            else if (free_slot < 0) free_slot = i;
        }
        if (free_slot >= 0 && held + bytes <= IND_CACHE_BYTES) return free_slot;
        if (!ind_cache_evict()) return -1;
    }
}

#define RATE_YEARS 16 /* the longest trend (ind_trend_rates) */

/* The key of years from..to as the database stands; each[] (when not
** NULL, at most RATE_YEARS) gets each year's own key, each[0] for from. */
static int cache_key_now(lt_ctx *ctx, int from, int to, cache_key *k, cache_key *each, lt_err *e) {
    memset(k, 0, sizeof *k);
    lt_today(k->today);
    const char *fn = db_filename(ctx->db);
    snprintf(k->dbfile, sizeof k->dbfile, "%s", fn ? fn : "");
    long long stamps[IND_STAMPS];
    snap_year years[RATE_YEARS];
    if (ind_read_stamps(ctx->db, from, to, stamps, each ? years : NULL, e)) return LT_EDB;
    k->stamp = stamps[0];
    k->tree = stamps[1];
    k->years = stamps[2];
    k->log = stamps[3];
    k->changes = stamps[4];
    for (int i = 0; each && i <= to - from; i++) {
        each[i] = *k;
        each[i].changes = years[i].changes;
        each[i].years = years[i].n;
    }
    return LT_OK;
}

/* Whether a result r serves a request for from..to, of the tally alone
** when tally_only: a whole year serves both. */
static int serves(const ind_result *r, int from, int to, int tally_only) {
    return r->from == from && r->to == to && (!r->tally_only || tally_only);
}

/* The cached result of from..to (tally_only: as serves() takes it) valid
** for key, held (ind_release gives it back), or NULL; under ind_lock. */
static const ind_result *cache_hold(int from, int to, int tally_only, const cache_key *k) {
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (c->used && serves(&c->r, from, to, tally_only) && key_equal(&c->key, k)) {
            c->refs++;
            c->last_use = ++ind_clock;
            return &c->r;
        }
    }
    return NULL;
}

/* Give back what cache_hold or cache_hold_patchable held, under ind_lock. */
static void cache_unhold(const ind_result *r) {
    ((ind_entry *)((const char *)r - offsetof(ind_entry, r)))->refs--;
}

/* A cached year whose tree is the tree of year `to` as it stands (no
** unit changed since: the tree stamp is the same), held, or NULL; under
** ind_lock.  (A range's tree is another; a tally alone has the year's.) */
static const ind_result *cache_hold_tree(int to, const cache_key *k) {
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (c->used && c->r.from == to && c->r.to == to && c->key.tree == k->tree &&
            !strcmp(c->key.dbfile, k->dbfile)) {
            c->refs++;
            return &c->r;
        }
    }
    return NULL;
}

/* ---- one computation of each result at a time --------------------------- */
/* A result under way is computed once: a thread wanting the same range
** at the same key waits for it, then finds it cached.  Without this, a
** server started cold under many connections computed the same national
** year on every worker at once (slower for all, and over 1 GiB).  No
** thread waits while it holds a flight, so waits cannot go round. */
#define IND_FLIGHTS 8
typedef struct flight { int used, rates, tally_only, from, to; cache_key key; } flight;
static flight flights[IND_FLIGHTS];
static pthread_cond_t flight_landed = PTHREAD_COND_INITIALIZER;

/* Whether another thread is computing this (under ind_lock): the
** same, or a whole year for its tally. */
static int flight_under_way(int rates, int from, int to, int tally_only, const cache_key *k) {
    for (int i = 0; i < IND_FLIGHTS; i++) {
        const flight *f = &flights[i];
        if (f->used && f->rates == rates && f->from == from && f->to == to &&
            (!f->tally_only || tally_only) && key_equal(&f->key, k))
            return 1;
    }
    return 0;
}

/* Say this thread computes it (under ind_lock): its slot, or -1 when all
** are taken (it is then computed without others waiting for it). */
static int flight_take(int rates, int from, int to, int tally_only, const cache_key *k) {
    for (int i = 0; i < IND_FLIGHTS; i++)
        if (!flights[i].used) {
            flights[i] = (flight){1, rates, tally_only, from, to, *k};
            return i;
        }
    return -1;
}

/* The computation is over, kept or failed (under ind_lock): waiters look again. */
static void flight_land(int slot) {
    if (slot < 0) return;
    flights[slot].used = 0;
    pthread_cond_broadcast(&flight_landed);
}

/* Compute from..to afresh (outside ind_lock; the tally alone when
** tally_only), from a copy of a cached tree of `to` when there is one:
** after a change to people or records, only the counts are read again. */
static int compute_fresh(lt_ctx *ctx, int from, int to, int tally_only, const cache_key *k,
                         ind_result *r, lt_err *e) {
    pthread_mutex_lock(&ind_lock);
    const ind_result *known = cache_hold_tree(to, k);
    pthread_mutex_unlock(&ind_lock);
    int rc = ind_count(ctx, from, to, known ? &known->tree : NULL, tally_only, r, e);
    pthread_mutex_lock(&ind_lock);
    if (r->tally_only) work_done.tallied++;
    else work_done.computed++;
    pthread_mutex_unlock(&ind_lock);
    ind_release(known);
    return rc;
}

/* ---- bringing a cached year up to date ---------------------------------- */
/* When only registrations changed since a year was computed (the change
** and tree stamps and the day are the same), a copy of it plus the
** registration tally's logged changes (schema.sql; migration 11) is the
** year as it stands: each change is added to its unit and every ancestor. */
#define PATCH_MAX_CHANGES 50000

/* The cached single year (tally_only: as serves() takes it) that k's
** changes can bring up to date with the fewest of them, held; its key in
** *was.  Under ind_lock.  (The changes are the tally's: a tally alone
** is brought up to date as a whole year is.) */
static const ind_result *cache_hold_patchable(int from, int to, int tally_only, const cache_key *k,
                                              cache_key *was) {
    if (from != to) return NULL; /* a range is the sum of its years: computed again */
    ind_entry *best = NULL;
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (c->used && serves(&c->r, from, to, tally_only) && c->key.stamp == k->stamp && c->key.changes == k->changes &&
            c->key.tree == k->tree && c->key.log <= k->log && k->log - c->key.log <= PATCH_MAX_CHANGES &&
            !strcmp(c->key.today, k->today) && !strcmp(c->key.dbfile, k->dbfile) &&
            (!best || c->key.log > best->key.log))
            best = c;
    }
    if (!best) return NULL;
    best->refs++;
    *was = best->key;
    return &best->r;
}

/* Add the logged changes after `was` up to k into r (a copy of the year
** computed at `was`); LT_ENOTFOUND when some are no longer kept. */
static int patch(lt_ctx *ctx, const cache_key *was, const cache_key *k, ind_result *r, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT unit_id" REG_TALLY_LIST ", year"
        " FROM tally_change WHERE id > ?1 AND id <= ?2", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, was->log);
    db_bind_int(st, 2, k->log);
    enum { YEAR = 1 + REG_TALLY_N };
    long long v[YEAR + 1], seen = 0;
    int row;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        seen++;
        for (int c = 0; c <= YEAR; c++) v[c] = db_col_int64(st, c);
        long i = v[YEAR] == r->to ? ind_unit_index(r, v[0]) : -1;
        if (i < 0) continue; /* another year, or a unit the year's tree has not: not counted */
        ind_add_tally_row(r, i, v);
    }
    db_reset(st);
    if (row < 0) return LT_EDB;
    return seen == k->log - was->log ? LT_OK : LT_ENOTFOUND; /* fewer: pruned */
}

/* The year(s) from..to as the database stands at k, not cached: a cached
** year brought up to date when it can be, else computed.  The cached year
** is copied, not changed in place: a page that began before the change
** reads it still (changed in place, such a page computed the whole year
** again, and p99 under an approval a second went from 0.26 to 1.9 s). */
static int get_fresh(lt_ctx *ctx, int from, int to, int tally_only, const cache_key *k, ind_result *r,
                     lt_err *e) {
    cache_key was;
    pthread_mutex_lock(&ind_lock);
    const ind_result *old = cache_hold_patchable(from, to, tally_only, k, &was);
    pthread_mutex_unlock(&ind_lock);
    if (old) {
        int rc = ind_result_copy(r, old);
        ind_release(old);
        if (rc) return lt_err_oom(e);
        rc = patch(ctx, &was, k, r, e);
        if (rc == LT_OK && r->oom) rc = lt_err_oom(e);
        if (rc == LT_OK) {
            pthread_mutex_lock(&ind_lock);
            work_done.patched++;
            pthread_mutex_unlock(&ind_lock);
            return LT_OK;
        }
        ind_free(r);
        if (rc != LT_ENOTFOUND) return rc;
    }
    return compute_fresh(ctx, from, to, tally_only, k, r, e);
}

/* ind_get (ind_get_tally when tally_only) inside one read transaction:
** the key and the data it stands for must be one snapshot, or a later
** patch would add changes twice. */
static int get(lt_ctx *ctx, int from, int to, int tally_only, const ind_result **out, lt_err *e) {
    cache_key key;
    if (cache_key_now(ctx, from, to, &key, NULL, e)) return e->code;
    /* inside a write transaction the cache is read, but what is computed
    ** there may roll back: a later change would then bring back its
    ** stamps with other data.  No other committed state has the stamps of
    ** an open write transaction, so what the cache holds is still right. */
    int keep = !db_in_write(ctx->db), waited = 0;
    pthread_mutex_lock(&ind_lock);
    while (!(*out = cache_hold(from, to, tally_only, &key)) && keep &&
           flight_under_way(0, from, to, tally_only, &key)) {
        pthread_cond_wait(&flight_landed, &ind_lock);
        waited = 1;
    }
    if (*out) {
        work_done.hits++;
        pthread_mutex_unlock(&ind_lock);
        return LT_OK;
    }
    /* after waiting for a result that could not be kept (no room), the
    ** waiters compute side by side rather than one after another */
    int slot = keep && !waited ? flight_take(0, from, to, tally_only, &key) : -1;
    pthread_mutex_unlock(&ind_lock);
    ind_result r; /* computed outside the lock */
    if (get_fresh(ctx, from, to, tally_only, &key, &r, e)) {
        pthread_mutex_lock(&ind_lock);
        flight_land(slot);
        pthread_mutex_unlock(&ind_lock);
        return e->code;
    }
    pthread_mutex_lock(&ind_lock);
    flight_land(slot);
    int i = -1;
    if (keep) {
        ind_cache_sweep(from, to, r.tally_only, &key); /* after: the stale result lent its tree */
        i = ind_cache_slot(ind_bytes(&r));
    }
    if (i < 0) { /* not kept, or no room: hand out a private copy, freed on release */
        pthread_mutex_unlock(&ind_lock);
        ind_result *own = malloc(sizeof *own);
        if (!own) { ind_free(&r); return lt_err_oom(e); }
        *own = r;
        *out = own;
        return LT_OK;
    }
    ind_entry *c = &ind_cache[i];
    c->r = r;
    c->used = 1;
    c->refs = 1;
    c->key = key;
    c->last_use = ++ind_clock;
    *out = &c->r;
    pthread_mutex_unlock(&ind_lock);
    return LT_OK;
}

int ind_get(lt_ctx *ctx, int from, int to, const ind_result **out, lt_err *e) {
    if (db_read_begin(ctx->db, e)) return e->code;
    int rc = get(ctx, from, to, 0, out, e);
    db_read_end(ctx->db);
    return rc;
}

int ind_get_tally(lt_ctx *ctx, int y, const ind_result **out, lt_err *e) {
    if (db_read_begin(ctx->db, e)) return e->code;
    int rc = get(ctx, y, y, 1, out, e);
    db_read_end(ctx->db);
    return rc;
}

/* ---- what waits in another open year ------------------------------------ */
/* Units counted from one unit down (ind_waiting_below) rather than the
** year's whole tally: a district's part is some hundreds of units, a
** few milliseconds; a province's is read from the tally. */
#define WAITING_BELOW_MAX 2000

/* Years whose waiting was counted from a unit down for want of their
** tally, for ind_warm to read after the page has gone (under ind_lock). */
#define WANTED_MAX 4
static struct { int year; char dbfile[4096]; } wanted[WANTED_MAX];
static int nwanted; /* read without the lock by ind_warm's first look */

/* Year y's tally as kept for the database as it stands (held: ind_release
** gives it back), or NULL; *near when a kept one is brought up to date
** by the logged changes (ind_get_tally does).  (While another thread
** computes it, a small part is counted rather than waited for.) */
static const ind_result *tally_kept(lt_ctx *ctx, int y, int *near) {
    cache_key k, was;
    lt_err ignored = {0};
    *near = 0;
    if (db_read_begin(ctx->db, &ignored)) return NULL;
    int rc = cache_key_now(ctx, y, y, &k, NULL, &ignored);
    db_read_end(ctx->db);
    if (rc) return NULL;
    pthread_mutex_lock(&ind_lock);
    const ind_result *kept = cache_hold(y, y, 1, &k), *old = NULL;
    if (kept) work_done.hits++;
    else if ((old = cache_hold_patchable(y, y, 1, &k, &was))) cache_unhold(old);
    pthread_mutex_unlock(&ind_lock);
    *near = old != NULL;
    return kept;
}

static void want_tally(lt_ctx *ctx, int y) {
    const char *fn = db_filename(ctx->db);
    if (!fn || !*fn) return; /* an in-memory database: nobody warms it */
    pthread_mutex_lock(&ind_lock);
    int i = 0;
    while (i < nwanted && !(wanted[i].year == y && !strcmp(wanted[i].dbfile, fn))) i++;
    if (i == nwanted && nwanted < WANTED_MAX) {
        wanted[i].year = y;
        snprintf(wanted[i].dbfile, sizeof wanted[i].dbfile, "%s", fn);
        __atomic_store_n(&nwanted, i + 1, __ATOMIC_RELAXED);
    }
    work_done.counted_below++;
    pthread_mutex_unlock(&ind_lock);
}

long long ind_waiting(lt_ctx *ctx, long long unit_id, int y) {
    lt_err ignored = {0};
    long long n;
    int near;
    const ind_result *r = tally_kept(ctx, y, &near);
    if (!r && !near) {
        int rc = ind_waiting_below(ctx, unit_id, y, WAITING_BELOW_MAX, &n, &ignored);
        if (rc == LT_OK) {
            want_tally(ctx, y);
            return n;
        }
        if (rc != LT_ENOMEM) return -1; /* else its part is large: the tally */
    }
    if (!r && ind_get_tally(ctx, y, &r, &ignored)) return -1;
    long idx = tree_index(&r->tree, unit_id);
    ind_summary s = {0};
    if (idx >= 0) ind_summarize(r, idx, &s);
    ind_release(r);
    return s.c.reg_submitted - s.c.reg_approved;
}

int ind_warm_wanted(void) { return __atomic_load_n(&nwanted, __ATOMIC_RELAXED) > 0; }

void ind_warm(lt_ctx *ctx) {
    const char *fn = db_filename(ctx->db);
    for (;;) {
        int y = 0;
        pthread_mutex_lock(&ind_lock);
        for (int i = 0; i < nwanted && !y; i++)
            if (fn && !strcmp(wanted[i].dbfile, fn)) {
                y = wanted[i].year;
                wanted[i] = wanted[nwanted - 1];
                __atomic_store_n(&nwanted, nwanted - 1, __ATOMIC_RELAXED);
            }
        pthread_mutex_unlock(&ind_lock);
        if (!y) return;
        const ind_result *r;
        lt_err ignored = {0};
        if (ind_get_tally(ctx, y, &r, &ignored) == LT_OK) ind_release(r);
    }
}

void ind_release(const ind_result *r) {
    if (!r) return;
    pthread_mutex_lock(&ind_lock);
    for (int i = 0; i < IND_CACHE; i++)
        if (&ind_cache[i].r == r) {
            ind_cache[i].refs--;
            pthread_mutex_unlock(&ind_lock);
            return;
        }
    pthread_mutex_unlock(&ind_lock);
    ind_free((ind_result *)r);
    free((ind_result *)r);
}

int ind_get_unit(lt_ctx *ctx, long long unit_id, int from, int to, const ind_result **out,
                 long *idx, lt_err *e) {
    if (ind_get(ctx, from, to, out, e)) return e->code;
    if ((*idx = tree_index(&(*out)->tree, unit_id)) >= 0) return LT_OK;
    ind_release(*out);
    *out = NULL;
    /* closed during the year, before its reference date? */
    char ref[11], last[11] = "", first[11];
    if (dom_year_ref(ctx, to, ref, e)) return e->code;
    snprintf(first, sizeof first, "%04d-01-01", to);
    db_stmt *st = db_prepare(ctx->db, "SELECT active_to FROM unit WHERE id=?3 AND " CLOSED_IN_YEAR, e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, first);
    db_bind_text(st, 2, ref);
    db_bind_int(st, 3, unit_id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(last, sizeof last, "%s", db_col_text(st, 0));
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (from != to || !*last)
        return lt_err_set(e, LT_ENOTFOUND, "đơn vị không hoạt động trong năm %d",
                          "the unit was not active in %d", to);
    ind_result *r = malloc(sizeof *r);
    if (!r) return lt_err_oom(e);
    if (db_read_begin(ctx->db, e)) { free(r); return e->code; }
    int rc = ind_count_on(ctx, to, last, r, e);
    db_read_end(ctx->db);
    if (rc) { free(r); return rc; }
    pthread_mutex_lock(&ind_lock);
    work_done.computed++;
    pthread_mutex_unlock(&ind_lock);
    *out = r; /* not cached: ind_release frees it */
    *idx = tree_index(&r->tree, unit_id);
    return LT_OK;
}

static void rates_clear(void);

void ind_cache_clear(void) {
    pthread_mutex_lock(&ind_lock);
    for (int i = 0; i < IND_CACHE; i++)
        if (ind_cache[i].used && !ind_cache[i].refs) { ind_free(&ind_cache[i].r); ind_cache[i].used = 0; }
    rates_clear();
    pthread_mutex_unlock(&ind_lock);
}

/* ---- two rates of every unit by year, for trends ------------------------ */

typedef struct rate_year {
    int used, year;
    cache_key key;
    long n;
    unit_rates *units;   /* dense: units[id] (id -1 where no unit); else sorted by id */
    int dense;
    unsigned long long last_use;
} rate_year;

static rate_year rate_cache[RATE_YEARS];

static void rates_clear(void) { /* under ind_lock */
    for (int i = 0; i < RATE_YEARS; i++) free(rate_cache[i].units);
    memset(rate_cache, 0, sizeof rate_cache);
}

static int by_unit_id(const void *a, const void *b) {
    long long x = ((const unit_rates *)a)->id, y = ((const unit_rates *)b)->id;
    return x < y ? -1 : x > y;
}

/* The cached year valid for k, or NULL (under ind_lock). */
static rate_year *rates_find(int year, const cache_key *k) {
    for (int i = 0; i < RATE_YEARS; i++) {
        rate_year *c = &rate_cache[i];
        if (c->used && c->year == year && key_equal(&c->key, k)) return c;
    }
    return NULL;
}

/* unit_id's two rates in a year's units (-1 when it has none). */
static void rates_in(const unit_rates *units, long n, int dense, long long unit_id, long *dep, long *good) {
    unit_rates want = {unit_id, -1, -1};
    const unit_rates *u = !dense ? bsearch(&want, units, (size_t)n, sizeof want, by_unit_id)
                          : unit_id >= 0 && unit_id < n && units[unit_id].id == unit_id ? &units[unit_id]
                          : NULL;
    *dep = u ? u->dep : -1;
    *good = u ? u->good : -1;
}

/* Look up unit_id in a cached year (under ind_lock); 1 if the year is there. */
static int rates_lookup(int year, const cache_key *k, long long unit_id, long *dep, long *good) {
    rate_year *c = rates_find(year, k);
    if (!c) return 0;
    rates_in(c->units, c->n, c->dense, unit_id, dep, good);
    c->last_use = ++ind_clock;
    return 1;
}

/* Keep a computed year (under ind_lock), in place of the same year of the
** same database as it stood before (each change to a year's registrations
** would otherwise leave its rates behind, 8 MB nationally), else of the
** least recently used. */
static void rates_keep(int year, const cache_key *k, unit_rates *units, long n, int dense) {
    int slot = -1;
    for (int i = 0; i < RATE_YEARS && slot < 0; i++)
        if (rate_cache[i].used && rate_cache[i].year == year && !strcmp(rate_cache[i].key.dbfile, k->dbfile))
            slot = i;
    for (int i = 0; i < RATE_YEARS && slot < 0; i++)
        if (!rate_cache[i].used) slot = i;
    if (slot < 0) {
        slot = 0;
        for (int i = 1; i < RATE_YEARS; i++)
            if (rate_cache[i].last_use < rate_cache[slot].last_use) slot = i;
    }
    free(rate_cache[slot].units);
    rate_cache[slot] = (rate_year){1, year, *k, n, units, dense, ++ind_clock};
}

/* unit_id's two rates from a year's whole result r, which is released. */
static void rates_of_unit(const ind_result *r, long long unit_id, long *dep, long *good) {
    long i = tree_index(&r->tree, unit_id);
    ind_summary s;
    if (i >= 0) ind_summarize(r, i, &s);
    *dep = i >= 0 ? (long)s.deployment_rate : -1;
    *good = i >= 0 ? (long)s.good_or_better_rate : -1;
    ind_release(r);
}

/* Whether year's rates may be kept in the database (in *s, at k's stamps):
** it is judged on its reference date, which has passed, so they stand
** until a counted change. */
static int rates_judged(lt_ctx *ctx, int year, const cache_key *k, rates_stamps *s) {
    lt_err ignored = {0};
    if (dom_year_ref(ctx, year, s->judged, &ignored) || strcmp(s->judged, k->today) >= 0) return 0;
    s->year = year;
    s->change = k->stamp + k->changes;
    s->tree = k->tree;
    s->year_stamp = k->years;
    return 1;
}

/* Every unit's two rates of year, computed (at k) into *units, *n,
** *dense (given). */
static int rates_worked_out(lt_ctx *ctx, int year, const cache_key *k, unit_rates **units, long *n,
                            int *dense, lt_err *e) {
    ind_result r;
    if (get_fresh(ctx, year, year, 0, k, &r, e)) return e->code;
    /* ids from 1 to about the number of units (as at national scale): the
    ** rates are placed by id, with no sort */
    long long top = -1;
    for (long i = 0; i < r.tree.n; i++)
        if (r.tree.nodes[i].id > top) top = r.tree.nodes[i].id;
    *dense = r.tree.ids_are_slots && top < 2 * (long long)r.tree.n + 64;
    *n = *dense ? (long)top + 1 : r.tree.n;
    unit_rates *u = *units = malloc((size_t)(*n ? *n : 1) * sizeof *u);
    if (!u) { ind_free(&r); return lt_err_oom(e); }
    for (long i = 0; *dense && i < *n; i++) u[i].id = -1;
    for (long i = 0; i < r.tree.n; i++) {
        ind_summary s;
        ind_summarize(&r, i, &s);
        long long id = r.tree.nodes[i].id;
        u[*dense ? id : i] = (unit_rates){id, (int)s.deployment_rate, (int)s.good_or_better_rate};
    }
    ind_free(&r);
    if (!*dense) qsort(u, (size_t)*n, sizeof *u, by_unit_id);
    return LT_OK;
}

/* rates_compute's work: the rates the database keeps while they stand,
** else the year computed outside the lock, of which only the two rates of
** every unit are kept (in the database too, once judged); unit_id's own
** in *dep, *good. */
static int rates_of(lt_ctx *ctx, int year, const cache_key *k, long long unit_id, long *dep,
                    long *good, lt_err *e) {
    rates_stamps judged;
    int kept = rates_judged(ctx, year, k, &judged), read = 0, dense;
    unit_rates *units;
    long n;
    if (kept) read = rates_kept_read(ctx->db, &judged, &units, &n, &dense);
    if (!read) {
        if (rates_worked_out(ctx, year, k, &units, &n, &dense, e)) return e->code;
        if (kept) rates_kept_write(k->dbfile, &judged, units, n);
    }
    rates_in(units, n, dense, unit_id, dep, good); /* before another thread may replace them */
    pthread_mutex_lock(&ind_lock);
    if (read) work_done.kept++;
    else work_done.rated++;
    rates_keep(year, k, units, n, dense);
    pthread_mutex_unlock(&ind_lock);
    return LT_OK;
}

/* unit_id's two rates of a year: from the year's whole result when the
** cache holds it (the dashboard has just asked for its own year; after a
** change of the year, working out every unit's rates again took 15-20 ms
** nationally), else from every unit's rates, computed and kept once while
** other threads wanting them wait. */
static int rates_compute(lt_ctx *ctx, int year, const cache_key *k, long long unit_id, long *dep,
                         long *good, lt_err *e) {
    const ind_result *r = NULL;
    pthread_mutex_lock(&ind_lock);
    /* also waits for the year itself under way (a dashboard's ind_get) */
    while (!rates_find(year, k) && !(r = cache_hold(year, year, 0, k)) &&
           (flight_under_way(1, year, year, 0, k) || flight_under_way(0, year, year, 0, k)))
        pthread_cond_wait(&flight_landed, &ind_lock);
    if (r || rates_lookup(year, k, unit_id, dep, good)) { /* kept meanwhile */
        pthread_mutex_unlock(&ind_lock);
        if (r) rates_of_unit(r, unit_id, dep, good);
        return LT_OK;
    }
    int slot = flight_take(1, year, year, 0, k);
    pthread_mutex_unlock(&ind_lock);
    int rc = rates_of(ctx, year, k, unit_id, dep, good, e);
    pthread_mutex_lock(&ind_lock);
    flight_land(slot);
    pthread_mutex_unlock(&ind_lock);
    return rc;
}

/* One unit's two rates of a year, inside a write transaction: from the
** year's result, kept for nobody. */
static int rates_unkept(lt_ctx *ctx, int year, long long unit_id, long *dep, long *good, lt_err *e) {
    const ind_result *r;
    if (get(ctx, year, year, 0, &r, e)) return e->code;
    rates_of_unit(r, unit_id, dep, good);
    return LT_OK;
}

static int trend_rates(lt_ctx *ctx, int from, int n, long long unit_id, long *dep, long *good,
                       lt_err *e) {
    if (n < 0 || n > RATE_YEARS)
        return lt_err_set(e, LT_EINPUT, "xu hướng %d năm dài quá %d năm", "a trend of %d years is longer than %d",
                          n, RATE_YEARS);
    if (n == 0) return LT_OK;
    cache_key range, key[RATE_YEARS]; /* each year's own key */
    if (cache_key_now(ctx, from, from + n - 1, &range, key, e)) return e->code;
    int hit[RATE_YEARS];
    pthread_mutex_lock(&ind_lock);
    for (int i = 0; i < n; i++) hit[i] = rates_lookup(from + i, &key[i], unit_id, &dep[i], &good[i]);
    pthread_mutex_unlock(&ind_lock);
    int keep = !db_in_write(ctx->db); /* as in get() */
    for (int i = 0; i < n; i++) {
        if (hit[i]) continue;
        if (!keep) {
            if (rates_unkept(ctx, from + i, unit_id, &dep[i], &good[i], e)) return e->code;
            continue;
        }
        if (rates_compute(ctx, from + i, &key[i], unit_id, &dep[i], &good[i], e)) return e->code;
    }
    return LT_OK;
}

int ind_trend_rates(lt_ctx *ctx, int from, int n, long long unit_id, long *dep, long *good,
                    lt_err *e) {
    if (db_read_begin(ctx->db, e)) return e->code; /* one snapshot, as in ind_get */
    int rc = trend_rates(ctx, from, n, unit_id, dep, good, e);
    db_read_end(ctx->db);
    return rc;
}
