/*
** indicators.c — the indicators of DESIGN §3 for every unit at once.
**
** For a year, its tree (on its reference date, DESIGN §2) is loaded and
** the records of the year are counted per unit from a handful of queries
** of the tallies and the year's records ("own" counts); a record of a
** unit not in the tree counts for its successor by merge that is.  Then
** one pass from the leaves up adds every unit's counts into its ancestors
** ("below").  A subtree's indicators are then its own plus below counts,
** so all units cost one pass over the tree and the records.  A big
** tree's records are read by two connections at once while its tree is
** read (ind_read.c).  A range adds up, unit by unit, the figures each
** unit has in each year's own tree (DESIGN §3).
*/
#include "domain_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The units of merged (unit, successor) pairs that are not in r's tree,
** each with its first successor by merge that is (the lowest successor at
** each step, as unit_merge lists them), sorted by id: their records count
** there.  A unit whose successors are none of the tree's is left out. */
static int by_merged_id(const void *a, const void *b) {
    long long x = ((const ind_merged *)a)->id, y = ((const ind_merged *)b)->id;
    return x < y ? -1 : x > y;
}

static int merged_load(lt_ctx *ctx, ind_result *r, lt_err *e) {
    sqlite3_stmt *st = db_prepare(ctx->db, "SELECT unit_id, min(successor_id) FROM unit_merge"
                                           " GROUP BY unit_id ORDER BY unit_id", e);
    if (!st) return LT_EDB;
    ind_merged *all = NULL;
    long n = 0, cap = 0;
    int row;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        if (n == cap) {
            ind_merged *more = realloc(all, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *all);
            if (!more) { free(all); sqlite3_reset(st); return lt_err_oom(e); }
            all = more;
        }
        all[n].id = sqlite3_column_int64(st, 0);
        all[n++].idx = (long)sqlite3_column_int64(st, 1); /* the successor's id, for now */
    }
    sqlite3_reset(st);
    if (row < 0) { free(all); return lt_err_code(e, LT_EDB); }
    ind_merged *out = malloc((size_t)(n ? n : 1) * sizeof *out);
    if (!out) { free(all); return lt_err_oom(e); }
    long kept = 0;
    for (long i = 0; i < n; i++) {
        if (tree_index(&r->tree, all[i].id) >= 0) continue; /* in the tree: its own */
        long long to = all[i].idx; /* all[].idx holds successor ids */
        long at = -1;
        for (int hop = 0; hop < 32 && at < 0 && to; hop++) {
            if ((at = tree_index(&r->tree, to)) >= 0) break;
            ind_merged want = {to, 0}, *next = bsearch(&want, all, (size_t)n, sizeof want, by_merged_id);
            to = next ? (long long)next->idx : 0;
        }
        if (at >= 0) out[kept++] = (ind_merged){all[i].id, at};
    }
    free(all);
    r->merged = out;
    r->nmerged = kept;
    return LT_OK;
}

long ind_unit_index(const ind_result *r, long long unit_id) {
    long i = tree_index(&r->tree, unit_id);
    if (i >= 0 || !r->nmerged) return i;
    ind_merged want = {unit_id, 0};
    const ind_merged *m = bsearch(&want, r->merged, (size_t)r->nmerged, sizeof want, by_merged_id);
    return m ? m->idx : -1;
}

/* ---- counts in shared blocks (domain.h) ----------------------------------- */
static long blocks_for(long n) { return (n + IND_BLOCK - 1) / IND_BLOCK; }

/* n zeroed counts in blocks, held by one result; NULL when memory ran out. */
static ind_block **blocks_new(long n) {
    long nb = blocks_for(n);
    ind_block **b = malloc((size_t)(nb ? nb : 1) * sizeof *b);
    for (long k = 0; b && k < nb; k++) {
        long in = n - k * IND_BLOCK < IND_BLOCK ? n - k * IND_BLOCK : IND_BLOCK;
        size_t bytes = sizeof **b + (size_t)in * sizeof(ind_counts);
        if (!(b[k] = calloc(1, bytes))) {
            while (k-- > 0) free(b[k]);
            free(b);
            return NULL;
        }
        lt_mem_hint_large(b[k], bytes);
        b[k]->holders = 1;
        b[k]->n = in;
    }
    return b;
}

/* The blocks of n counts once more, for another result; NULL when memory
** ran out. */
static ind_block **blocks_share(ind_block **from, long n) {
    long nb = blocks_for(n);
    ind_block **b = malloc((size_t)(nb ? nb : 1) * sizeof *b);
    for (long k = 0; b && k < nb; k++) {
        b[k] = from[k];
        __atomic_add_fetch(&b[k]->holders, 1, __ATOMIC_RELAXED);
    }
    return b;
}

static void blocks_free(ind_block **b, long n) {
    if (!b) return;
    for (long k = 0; k < blocks_for(n); k++)
        if (__atomic_sub_fetch(&b[k]->holders, 1, __ATOMIC_ACQ_REL) == 0) free(b[k]);
    free(b);
}

/* Where counts go when memory ran out while copying their block: the
** result is marked (r->oom) and thrown away, so what lands here is never
** read. */
static _Thread_local ind_counts counts_lost;

/* Count i of r's blocks b to change: its block is first copied if another
** result shares it.  Only the result's own thread changes it. */
static ind_counts *block_counts(ind_result *r, ind_block **b, long i) {
    ind_block **at = &b[i >> IND_BLOCK_SHIFT];
    if (__atomic_load_n(&(*at)->holders, __ATOMIC_ACQUIRE) > 1) {
        ind_block *mine = malloc(sizeof *mine + (size_t)(*at)->n * sizeof(ind_counts));
        if (!mine) { r->oom = 1; return &counts_lost; }
        mine->holders = 1; /* the shared block's count is changed by others meanwhile: not copied */
        mine->n = (*at)->n;
        memcpy(mine->c, (*at)->c, (size_t)mine->n * sizeof(ind_counts));
        if (__atomic_sub_fetch(&(*at)->holders, 1, __ATOMIC_ACQ_REL) == 0) free(*at);
        *at = mine;
    }
    return &(*at)->c[i & (IND_BLOCK - 1)];
}

static ind_counts *own_w(ind_result *r, long i) { return block_counts(r, r->own, i); }
static ind_counts *below_w(ind_result *r, long b) { return block_counts(r, r->below, b); }

static const ind_counts *below_of(const ind_result *r, long b) {
    return &r->below[b >> IND_BLOCK_SHIFT]->c[b & (IND_BLOCK - 1)];
}

/* The counts record in r for unit_id (its own, or its successor's by
** merge: ind_unit_index), or NULL if it counts nowhere in the year. */
static ind_counts *slot(ind_result *r, long long unit_id, long *at) {
    long i = ind_unit_index(r, unit_id);
    if (at) *at = i;
    return i >= 0 ? own_w(r, i) : NULL;
}

/* Count one row of a year's query (its columns in v) into r. */
typedef void (*row_fn)(ind_result *r, const long long *v);

#define COL(i) (v[(i)])

/* A target deployed (its own deployment or a predecessor's merged into it
** that year: once). */
static void on_deployment(ind_result *r, const long long *v) {
    long i;
    ind_counts *c = slot(r, COL(0), &i);
    if (c && r->tree.nodes[i].party_org) c->deployed = 1;
}

/* People required to register, by unit, from the spans they are active in. */
static void on_people(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (!c) return;
    c->reg_required += COL(1);
    c->key_required += COL(2);
}

/* The registrations' tally, with its correction of the people required
** (a registered person counts at the unit of their registration). */
static void add_tally(ind_counts *c, const long long *v);

static void on_registrations(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (c) add_tally(c, v);
}

/* A registration tally row (v[1..REG_TALLY_N], its columns as
** REG_TALLY_COLUMNS describes them) into c. */
static void add_tally(ind_counts *c, const long long *v) {
    int k = 1;
#define ADD_(col, member, ev) c->member += v[k], c->evaluated += (ev) * v[k], k++;
    REG_TALLY_COLUMNS(ADD_)
#undef ADD_
}

/* A unit with a standard valid in the year (once, as deployments). */
static void on_standard(ind_result *r, const long long *v) {
    long i;
    ind_counts *c = slot(r, COL(0), &i);
    if (c && (r->tree.nodes[i].party_org || r->tree.nodes[i].agency)) c->std_with = 1;
}

static void on_inspection(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (!c) return;
    c->inspections += COL(1);
    c->followups_open += COL(2);
    c->followups_overdue += COL(3);
}

static void on_model(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (c) c->models++;
}

/* One commendation: column 1 is its level's index (SQL_COMMENDATIONS). */
static void on_commendation(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    long long level = COL(1);
    if (c && level >= 0 && level < LEVEL_N) c->commendations[level]++;
}

static void on_breakthrough(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (!c) return;
    c->breakthroughs++;
    c->breakthroughs_done += COL(1);
}

static void on_mass(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (!c) return;
    c->mass_union += COL(1);
    c->mass_association += COL(2);
    c->mass_people += COL(3);
}

static const char SQL_DEPLOYED[] = "SELECT unit_id FROM deployment WHERE year=?1";
/* The people and registrations of the year come from the tallies that
** triggers keep (schema.sql; migration 4): people active in the year who
** must register, by unit and span of years (added up as they come: a
** GROUP BY cost SQLite more than the rows), and the registrations' counts
** per unit. */
static const char SQL_PEOPLE[] =
    "SELECT unit_id, people, key_cadres FROM person_span WHERE first_year<=?1 AND last_year>=?1";
static const char SQL_REGISTRATIONS[] =
    "SELECT unit_id" REG_TALLY_LIST " FROM registration_tally WHERE year=?1";
static const char SQL_STANDARDS[] =
    "SELECT DISTINCT unit_id FROM standard WHERE valid_from<=?1 AND (valid_to IS NULL OR"
    " valid_to>=?1)";
/* (follow-ups open and overdue on ?4, the day the year is judged on:
** its reference date, or today while that is ahead) */
static const char SQL_INSPECTIONS[] =
    "SELECT i.inspected_unit_id, count(DISTINCT i.id), sum(f.id IS NOT NULL AND (f.done_on IS NULL"
    " OR f.done_on>?4)), sum(f.id IS NOT NULL AND (f.done_on IS NULL OR f.done_on>?4) AND"
    " f.due_on<?4) FROM inspection i LEFT JOIN followup f ON f.inspection_id=i.id WHERE"
    " i.held_on BETWEEN ?2 AND ?3 GROUP BY 1";
/* Models, commendations by level, breakthroughs and mass deployments: a
** row each, added as they come (one query over the four with GROUP BY
** sorted 90,000 rows for the country). */
static const char SQL_MODELS[] = "SELECT unit_id FROM model WHERE year=?1";
static const char SQL_COMMENDATIONS[] =
    "SELECT unit_id, CASE level WHEN 'unit' THEN 0 WHEN 'grassroots' THEN 1 WHEN 'district' THEN 2"
    " WHEN 'province' THEN 3 WHEN 'central' THEN 4 ELSE -1 END FROM commendation WHERE year=?1";
/* (from an index that holds the result, schema.sql; migration 13: SQLite
** 3.40 reads the table for an index on an expression or a partial index) */
static const char SQL_BREAKTHROUGHS[] =
    "SELECT unit_id, coalesce(result,'')<>'' FROM breakthrough WHERE year=?1";
static const char SQL_MASS[] =
    "SELECT unit_id, union_members, association_members, people_reached FROM mass_deployment"
    " WHERE year=?1";

/* The queries of a year, the longest first (two connections share them
** out in this order), and what counts each one's rows: in the same order. */
static const char *const YEAR_SQL[] = {SQL_PEOPLE, SQL_REGISTRATIONS, SQL_STANDARDS,
                                       SQL_DEPLOYED, SQL_BREAKTHROUGHS, SQL_INSPECTIONS,
                                       SQL_COMMENDATIONS, SQL_MODELS, SQL_MASS};
static const row_fn YEAR_FN[] = {on_people, on_registrations, on_standard,
                                 on_deployment, on_breakthrough, on_inspection,
                                 on_commendation, on_model, on_mass};
_Static_assert(LT_ARRAY_LEN(YEAR_SQL) == LT_ARRAY_LEN(YEAR_FN), "a counter for every query");
_Static_assert(LT_ARRAY_LEN(YEAR_SQL) <= IND_QUERIES, "ind_reads holds every query");

/* Count the units of r's tree and the records read of its year into r. */
static void count_year(const ind_reads *rd, ind_result *r) {
    for (long i = 0; i < r->tree.n; i++) {
        ind_counts *c = own_w(r, i);
        if (r->tree.nodes[i].party_org) c->targets++;
        if (r->tree.nodes[i].party_org || r->tree.nodes[i].agency) c->std_units++;
    }
    for (unsigned k = 0; k < LT_ARRAY_LEN(YEAR_FN); k++) {
        const ind_rows *q = &rd->rows[k];
        for (long j = 0; j < q->n; j++) YEAR_FN[k](r, ind_row(q, j));
    }
}

static void counts_add(ind_counts *to, const ind_counts *a) {
    long long *t = (long long *)to;
    const long long *s = (const long long *)a;
    for (size_t i = 0; i < sizeof *to / sizeof(long long); i++) t[i] += s[i];
}

/* The sums below every unit with children: parents precede children, so a
** walk backwards adds each unit into its parent after its own children. */
static void add_below(ind_result *r) {
    const unit_tree *t = &r->tree;
    r->below_at = malloc((size_t)(t->n ? t->n : 1) * sizeof *r->below_at);
    r->nbelow = 0;
    if (!r->below_at) { r->oom = 1; return; }
    for (long k = 0; k < t->n; k++) r->below_at[k] = t->nodes[k].first_child >= 0 ? r->nbelow++ : -1;
    r->below = blocks_new(r->nbelow);
    if (!r->below) { r->oom = 1; return; }
    for (long k = t->n - 1; k >= 0; k--) {
        long p = t->nodes[k].parent;
        if (p < 0) continue;
        ind_counts *to = below_w(r, r->below_at[p]);
        counts_add(to, ind_own(r, k));
        if (r->below_at[k] >= 0) counts_add(to, below_of(r, r->below_at[k]));
    }
}

/* The counts of one year y into r (zeroed): its tree (a copy of `known`
** when not NULL; on day `on` when not NULL, else on its reference date),
** its merged units, its records (the queries start, on two connections
** for a big tree, while the tree is read) and the sums below. */
static int compute_year(lt_ctx *ctx, int y, const char *on, const unit_tree *known, ind_result *r,
                        lt_err *e) {
    memset(r, 0, sizeof *r);
    r->from = r->to = y;
    if (on) snprintf(r->until, sizeof r->until, "%s", on);
    long units = known ? known->n : (long)db_int(ctx->db, "SELECT max(id) FROM unit", 0, NULL);
    ind_reads rd;
    ind_reads_start(ctx, y, on, YEAR_SQL, LT_ARRAY_LEN(YEAR_SQL), units, &rd);
    int rc = LT_OK;
    if (known) tree_copy(&r->tree, known);
    else rc = on ? tree_load_on(ctx, on, y, &r->tree, e) : tree_load(ctx, y, &r->tree, e);
    if (rc == LT_OK && !(r->own = blocks_new(r->tree.n))) rc = lt_err_oom(e);
    if (rc == LT_OK) rc = merged_load(ctx, r, e);
    int read = ind_reads_finish(ctx, &rd, e);
    if (rc == LT_OK) rc = read;
    if (rc == LT_OK) count_year(&rd, r);
    ind_reads_free(&rd);
    if (rc == LT_OK) add_below(r);
    if (rc == LT_OK && r->oom) rc = lt_err_oom(e);
    if (rc) ind_free(r);
    return rc;
}

/* Node i of year result yr added into node k of the range r: own to own,
** and below to below with the year's deployment targets as ind_summarize
** takes them (below the unit, or the unit alone), so that a range's
** summary is the sum of its years' (DESIGN §3). */
static void range_add_node(ind_result *r, long k, const ind_result *yr, long i) {
    static const ind_counts nothing;
    const ind_counts *own = ind_own(yr, i);
    const ind_counts *below = yr->below_at[i] >= 0 ? below_of(yr, yr->below_at[i]) : &nothing;
    counts_add(own_w(r, k), own);
    ind_counts *to = below_w(r, k);
    long long targets = to->targets, deployed = to->deployed;
    counts_add(to, below);
    to->targets = targets + (below->targets > 0 ? below->targets : own->targets);
    to->deployed = deployed + (below->targets > 0 ? below->deployed : own->deployed);
}

/* Year y's figures (computed in yr) added into the range r, unit by unit. */
static void range_add(ind_result *r, const ind_result *yr) {
    for (long i = 0; i < yr->tree.n; i++) {
        long k = tree_index(&r->tree, yr->tree.nodes[i].id);
        if (k >= 0) range_add_node(r, k, yr, i); /* (always: r's tree holds every year's units) */
    }
}

/* SQL: a unit that closed during a year (?1 its first day) before its
** reference date (?2): in no tree of the year, with a report of its own. */
#define CLOSED_IN_YEAR "active_to>=?1 AND active_to<?2 AND active_from<=active_to"

/* The units closed during year y before its reference date are in no tree
** of y: their own figures of y (on the tree of their last day, as
** ind_get_unit gives them) are added into the range r, with one
** computation of the year for each such last day. */
static int range_add_closed(lt_ctx *ctx, int y, ind_result *r, lt_err *e) {
    char first[11], ref[11];
    snprintf(first, sizeof first, "%04d-01-01", y);
    if (dom_year_ref(ctx, y, ref, e)) return LT_EDB;
    sqlite3_stmt *days = db_prepare(ctx->db, "SELECT DISTINCT active_to FROM unit WHERE "
                                             CLOSED_IN_YEAR " ORDER BY 1", e);
    sqlite3_stmt *units = db_prepare(ctx->db, "SELECT id FROM unit WHERE active_to=?", e);
    if (!days || !units) return LT_EDB;
    char (*day)[11] = NULL;
    int n = 0, row, rc = LT_OK;
    db_bind_text(days, 1, first);
    db_bind_text(days, 2, ref);
    while ((row = db_step_row(ctx->db, days, e)) == 1 && rc == LT_OK) {
        char (*more)[11] = realloc(day, (size_t)(n + 1) * sizeof *day);
        if (!more) rc = lt_err_oom(e);
        else snprintf((day = more)[n++], sizeof *day, "%s", db_col_text(days, 0));
    }
    sqlite3_reset(days);
    if (rc == LT_OK && row < 0) rc = lt_err_code(e, LT_EDB);
    for (int d = 0; d < n && rc == LT_OK; d++) {
        ind_result yr;
        if ((rc = compute_year(ctx, y, day[d], NULL, &yr, e))) break;
        db_bind_text(units, 1, day[d]);
        while ((row = db_step_row(ctx->db, units, e)) == 1) {
            long long id = sqlite3_column_int64(units, 0);
            long i = tree_index(&yr.tree, id), k = tree_index(&r->tree, id);
            if (i >= 0 && k >= 0) range_add_node(r, k, &yr, i);
        }
        sqlite3_reset(units);
        if (row < 0) rc = lt_err_code(e, LT_EDB);
        ind_free(&yr);
    }
    free(day);
    return rc;
}

/* Years from..to, each counted in its own tree and added up (range_add,
** range_add_closed) in the tree of every unit of those years, each with
** sums below it. */
static int compute_range(lt_ctx *ctx, int from, int to, ind_result *r, lt_err *e) {
    memset(r, 0, sizeof *r);
    r->from = from;
    r->to = to;
    if (tree_load_range(ctx, from, to, &r->tree, e)) return lt_err_code(e, LT_EDB);
    long n = r->tree.n;
    r->own = blocks_new(n);
    r->below = blocks_new(r->nbelow = n);
    r->below_at = malloc((size_t)(n ? n : 1) * sizeof *r->below_at);
    int rc = r->own && r->below && r->below_at ? LT_OK : lt_err_oom(e);
    for (long k = 0; rc == LT_OK && k < n; k++) r->below_at[k] = k;
    for (int y = from; y <= to && rc == LT_OK; y++) {
        ind_result yr;
        if ((rc = compute_year(ctx, y, NULL, NULL, &yr, e))) break;
        range_add(r, &yr);
        ind_free(&yr);
        rc = range_add_closed(ctx, y, r, e);
    }
    if (rc == LT_OK && r->oom) rc = lt_err_oom(e);
    if (rc) ind_free(r);
    return rc;
}

/* ind_compute, starting from a copy of `known` (the tree of year `to`, kept
** by a cached single year) instead of reading the tree, when it is not
** NULL and the result is of one year. */
static int compute(lt_ctx *ctx, int from, int to, const unit_tree *known, ind_result *r,
                   lt_err *e) {
    memset(r, 0, sizeof *r);
    if (dom_check_year(from, e) || dom_check_year(to, e)) return LT_EINPUT;
    if (from > to)
        return lt_err_set(e, LT_EINPUT, "năm bắt đầu %d sau năm kết thúc %d",
                          "start year %d is after end year %d", from, to);
    if (to - from >= 30)
        return lt_err_set(e, LT_EINPUT, "khoảng %d–%d dài quá 30 năm", "the range %d–%d is longer than 30 years",
                          from, to);
    return from == to ? compute_year(ctx, to, NULL, known, r, e) : compute_range(ctx, from, to, r, e);
}

int ind_compute(lt_ctx *ctx, int from, int to, ind_result *r, lt_err *e) {
    return compute(ctx, from, to, NULL, r, e);
}

void ind_free(ind_result *r) {
    blocks_free(r->own, r->tree.n);
    blocks_free(r->below, r->nbelow);
    tree_free(&r->tree);
    free(r->below_at);
    free(r->merged);
    r->own = r->below = NULL;
    r->below_at = NULL;
    r->merged = NULL;
    r->nmerged = 0;
}

static long rate(long long num, long long den) {
    return den > 0 ? lt_percent_tenths(num, den) : -1;
}

void ind_summarize(const ind_result *r, long idx, ind_summary *s) {
    memset(s, 0, sizeof *s);
    static const ind_counts nothing;
    const ind_counts *own = ind_own(r, idx);
    const ind_counts *below = r->below_at[idx] >= 0 ? below_of(r, r->below_at[idx]) : &nothing;
    s->c = *own;
    counts_add(&s->c, below);
    /* targets: party organisations strictly below; r alone if it is one
    ** and has none below it */
    s->c.targets = below->targets > 0 ? below->targets : own->targets;
    s->c.deployed = below->targets > 0 ? below->deployed : own->deployed;
    s->deployment_rate = rate(s->c.deployed, s->c.targets);
    s->registration_rate = rate(s->c.registered, s->c.reg_required);
    s->approved_rate = rate(s->c.reg_approved, s->c.reg_submitted);
    s->published_key_cadre_rate = rate(s->c.key_published, s->c.key_required);
    s->good_or_better_rate =
        rate(s->c.grades[GRADE_EXCELLENT] + s->c.grades[GRADE_GOOD], s->c.evaluated);
    s->standard_rate = rate(s->c.std_with, s->c.std_units);
    s->excellent_cap_exceeded = s->c.grades[GRADE_EXCELLENT] * 5 > s->c.grades[GRADE_GOOD];
}

long ind_cap_warnings(const ind_result *r, long idx, long **out) {
    long n = 0, k;
    tree_walk w;
    *out = NULL;
    if (tree_walk_begin(&w, &r->tree, idx)) return -1;
    long *res = malloc((size_t)(w.cap ? w.cap : 1) * sizeof *res); /* at most one a unit */
    while (res && (k = tree_walk_next(&w)) >= 0) {
        const ind_counts *c = ind_own(r, k);
        if (c->grades[GRADE_EXCELLENT] * 5 > c->grades[GRADE_GOOD]) res[n++] = k;
    }
    tree_walk_end(&w);
    *out = res;
    return res ? n : -1;
}

/* ---- the shared cache of computed ranges ------------------------------- */
#define IND_CACHE 24
/* Bytes the cache may hold: a national tree (300,000 units) costs about
** 150 MB per range, so a few ranges stay while the server keeps well under
** 1 GiB; a range over the budget is still computed and handed out. */
#define IND_CACHE_BYTES ((size_t)640 << 20)

/* The memory a result holds, roughly, what it shares with other results
** (its tree, its count blocks) divided among them. */
static size_t blocks_bytes(ind_block *const *b, long n) {
    size_t bytes = 0;
    for (long k = 0; b && k < blocks_for(n); k++) {
        long holders = __atomic_load_n(&b[k]->holders, __ATOMIC_RELAXED);
        bytes += (sizeof *b[k] + (size_t)b[k]->n * sizeof(ind_counts)) / (size_t)(holders > 0 ? holders : 1);
    }
    return bytes;
}

static size_t ind_bytes(const ind_result *r) {
    long holders = r->tree.holders ? __atomic_load_n(r->tree.holders, __ATOMIC_RELAXED) : 1;
    size_t tree = (size_t)r->tree.n * (sizeof(unit_node) + 64) +
                  (size_t)r->tree.nslots * sizeof *r->tree.by_id_slots;
    return tree / (size_t)(holders > 0 ? holders : 1) + (size_t)r->tree.n * sizeof(long) +
           blocks_bytes(r->own, r->tree.n) + blocks_bytes(r->below, r->nbelow) +
           (size_t)r->nmerged * sizeof *r->merged;
}

/* What a cached result is valid for: the database (tests open several in
** one process), its change stamp, the sum of the year stamps of the
** result's years (registrations' changes, schema.sql; migration 8), the
** tree stamp (units' changes and reference dates, versions 9 and 15), the
** day.  Its trees stay right while the tree stamp stands. */
typedef struct cache_key {
    long long stamp, years, tree, log;
    char today[11];
    char dbfile[4096];  /* a path cut short could name another database's results */
} cache_key;

static int key_equal(const cache_key *a, const cache_key *b) {
    return a->stamp == b->stamp && a->years == b->years && a->tree == b->tree &&
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

/* Free entries of this database nobody holds whose data is out of date:
** any, when the change stamp or the day moved on; of from..to, when its
** years' stamps did (other ranges' year stamps are not known here: those
** entries no longer match and leave by age). */
static void ind_cache_sweep(int from, int to, const cache_key *k) {
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (!c->used || c->refs || strcmp(c->key.dbfile, k->dbfile)) continue;
        if (c->key.stamp != k->stamp || strcmp(c->key.today, k->today) ||
            (c->r.from == from && c->r.to == to && c->key.years != k->years)) {
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

/* The key of years from..to as the database stands; years[] (when not
** NULL) gets each year's own stamp, years[0] for from. */
static int cache_key_now(lt_ctx *ctx, int from, int to, cache_key *k, long long *years,
                         lt_err *e) {
    memset(k, 0, sizeof *k);
    lt_today(k->today);
    const char *fn = sqlite3_db_filename(db_handle(ctx->db), "main");
    snprintf(k->dbfile, sizeof k->dbfile, "%s", fn ? fn : "");
    long long stamps[IND_STAMPS];
    if (ind_read_stamps(ctx->db, from, to, stamps, years, e)) return LT_EDB;
    k->stamp = stamps[0];
    k->tree = stamps[1];
    k->years = stamps[2];
    k->log = stamps[3];
    return LT_OK;
}

/* The cached result of from..to valid for key, held (ind_release gives it
** back), or NULL; under ind_lock. */
static const ind_result *cache_hold(int from, int to, const cache_key *k) {
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (c->used && c->r.from == from && c->r.to == to && key_equal(&c->key, k)) {
            c->refs++;
            c->last_use = ++ind_clock;
            return &c->r;
        }
    }
    return NULL;
}

/* A cached year whose tree is the tree of year `to` as it stands (no
** unit changed since: the tree stamp is the same), held, or NULL; under
** ind_lock.  (A range's tree is another.) */
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
typedef struct flight { int used, rates, from, to; cache_key key; } flight;
static flight flights[IND_FLIGHTS];
static pthread_cond_t flight_landed = PTHREAD_COND_INITIALIZER;

/* Whether another thread is computing this (under ind_lock). */
static int flight_under_way(int rates, int from, int to, const cache_key *k) {
    for (int i = 0; i < IND_FLIGHTS; i++) {
        const flight *f = &flights[i];
        if (f->used && f->rates == rates && f->from == from && f->to == to && key_equal(&f->key, k))
            return 1;
    }
    return 0;
}

/* Say this thread computes it (under ind_lock): its slot, or -1 when all
** are taken (it is then computed without others waiting for it). */
static int flight_take(int rates, int from, int to, const cache_key *k) {
    for (int i = 0; i < IND_FLIGHTS; i++)
        if (!flights[i].used) {
            flights[i] = (flight){1, rates, from, to, *k};
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

/* Compute from..to afresh (outside ind_lock), from a copy of a cached tree
** of `to` when there is one: after a change to people or records, only
** the counts are read again. */
static int compute_fresh(lt_ctx *ctx, int from, int to, const cache_key *k, ind_result *r,
                         lt_err *e) {
    pthread_mutex_lock(&ind_lock);
    const ind_result *known = cache_hold_tree(to, k);
    pthread_mutex_unlock(&ind_lock);
    int rc = compute(ctx, from, to, known ? &known->tree : NULL, r, e);
    pthread_mutex_lock(&ind_lock);
    work_done.computed++;
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

/* The cached single year that k's changes can bring up to date with the
** fewest of them, held; its key in *was.  Under ind_lock. */
static const ind_result *cache_hold_patchable(int from, int to, const cache_key *k, cache_key *was) {
    if (from != to) return NULL; /* a range is the sum of its years: computed again */
    ind_entry *best = NULL;
    for (int i = 0; i < IND_CACHE; i++) {
        ind_entry *c = &ind_cache[i];
        if (c->used && c->r.from == from && c->r.to == to && c->key.stamp == k->stamp &&
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

/* A copy sharing from's tree and count blocks (a block is copied when
** the copy changes it); LT_EOOM leaves nothing to free. */
static int result_copy(ind_result *to, const ind_result *from) {
    size_t n = (size_t)(from->tree.n ? from->tree.n : 1);
    *to = *from;
    tree_copy(&to->tree, &from->tree);
    to->own = blocks_share(from->own, from->tree.n);
    to->below = blocks_share(from->below, from->nbelow);
    to->below_at = malloc(n * sizeof *to->below_at);
    to->merged = malloc((size_t)(from->nmerged ? from->nmerged : 1) * sizeof *to->merged);
    if (!to->own || !to->below || !to->below_at || !to->merged) { ind_free(to); return LT_EOOM; }
    memcpy(to->below_at, from->below_at, (size_t)from->tree.n * sizeof *to->below_at);
    memcpy(to->merged, from->merged, (size_t)from->nmerged * sizeof *to->merged);
    return LT_OK;
}

/* Add the logged changes after `was` up to k into r (a copy of the year
** computed at `was`); LT_ENOTFOUND when some are no longer kept. */
static int patch(lt_ctx *ctx, const cache_key *was, const cache_key *k, ind_result *r, lt_err *e) {
    sqlite3_stmt *st = db_prepare(ctx->db, "SELECT unit_id" REG_TALLY_LIST ", year"
        " FROM tally_change WHERE id > ?1 AND id <= ?2", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, was->log);
    db_bind_int(st, 2, k->log);
    enum { YEAR = 1 + REG_TALLY_N };
    long long v[YEAR + 1], seen = 0;
    int row;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        seen++;
        for (int c = 0; c <= YEAR; c++) v[c] = sqlite3_column_int64(st, c);
        long i = v[YEAR] == r->to ? ind_unit_index(r, v[0]) : -1;
        if (i < 0) continue; /* another year, or a unit the year's tree has not: not counted */
        add_tally(own_w(r, i), v);
        for (long p = r->tree.nodes[i].parent; p >= 0; p = r->tree.nodes[p].parent)
            add_tally(below_w(r, r->below_at[p]), v);
    }
    sqlite3_reset(st);
    if (row < 0) return LT_EDB;
    return seen == k->log - was->log ? LT_OK : LT_ENOTFOUND; /* fewer: pruned */
}

/* The year(s) from..to as the database stands at k, not cached: a cached
** year brought up to date when it can be, else computed.  The cached year
** is copied, not changed in place: a page that began before the change
** reads it still (changed in place, such a page computed the whole year
** again, and p99 under an approval a second went from 0.26 to 1.9 s). */
static int get_fresh(lt_ctx *ctx, int from, int to, const cache_key *k, ind_result *r, lt_err *e) {
    cache_key was;
    pthread_mutex_lock(&ind_lock);
    const ind_result *old = cache_hold_patchable(from, to, k, &was);
    pthread_mutex_unlock(&ind_lock);
    if (old) {
        int rc = result_copy(r, old);
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
    return compute_fresh(ctx, from, to, k, r, e);
}

/* ind_get inside one read transaction: the key and the data it stands for
** must be one snapshot, or a later patch would add changes twice. */
static int get(lt_ctx *ctx, int from, int to, const ind_result **out, lt_err *e) {
    cache_key key;
    if (cache_key_now(ctx, from, to, &key, NULL, e)) return e->code;
    /* inside a write transaction the cache is read, but what is computed
    ** there may roll back: a later change would then bring back its
    ** stamps with other data.  No other committed state has the stamps of
    ** an open write transaction, so what the cache holds is still right. */
    int keep = !db_in_write(ctx->db), waited = 0;
    pthread_mutex_lock(&ind_lock);
    while (!(*out = cache_hold(from, to, &key)) && keep && flight_under_way(0, from, to, &key)) {
        pthread_cond_wait(&flight_landed, &ind_lock);
        waited = 1;
    }
    if (*out) {
        pthread_mutex_unlock(&ind_lock);
        return LT_OK;
    }
    /* after waiting for a result that could not be kept (no room), the
    ** waiters compute side by side rather than one after another */
    int slot = keep && !waited ? flight_take(0, from, to, &key) : -1;
    pthread_mutex_unlock(&ind_lock);
    ind_result r; /* computed outside the lock */
    if (get_fresh(ctx, from, to, &key, &r, e)) {
        pthread_mutex_lock(&ind_lock);
        flight_land(slot);
        pthread_mutex_unlock(&ind_lock);
        return e->code;
    }
    pthread_mutex_lock(&ind_lock);
    flight_land(slot);
    int i = -1;
    if (keep) {
        ind_cache_sweep(from, to, &key); /* after: the stale result lent its tree */
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
    int rc = get(ctx, from, to, out, e);
    db_read_end(ctx->db);
    return rc;
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
    sqlite3_stmt *st = db_prepare(ctx->db, "SELECT active_to FROM unit WHERE id=?3 AND " CLOSED_IN_YEAR, e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, first);
    db_bind_text(st, 2, ref);
    db_bind_int(st, 3, unit_id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(last, sizeof last, "%s", db_col_text(st, 0));
    sqlite3_reset(st);
    if (row < 0) return LT_EDB;
    if (from != to || !*last)
        return lt_err_set(e, LT_ENOTFOUND, "đơn vị không hoạt động trong năm %d",
                          "the unit was not active in %d", to);
    ind_result *r = malloc(sizeof *r);
    if (!r) return lt_err_oom(e);
    if (db_read_begin(ctx->db, e)) { free(r); return e->code; }
    int rc = compute_year(ctx, to, last, NULL, r, e);
    db_read_end(ctx->db);
    if (rc) { free(r); return rc; }
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
#define RATE_YEARS 16

typedef struct unit_rates { long long id; int dep, good; } unit_rates;

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

/* rates_compute's work: the year computed outside the lock, of which only
** the two rates of every unit are kept; unit_id's own in *dep, *good. */
static int rates_of(lt_ctx *ctx, int year, const cache_key *k, long long unit_id, long *dep,
                    long *good, lt_err *e) {
    ind_result r;
    if (get_fresh(ctx, year, year, k, &r, e)) return e->code;
    /* ids from 1 to about the number of units (as at national scale): the
    ** rates are placed by id, with no sort */
    long long top = -1;
    for (long i = 0; i < r.tree.n; i++)
        if (r.tree.nodes[i].id > top) top = r.tree.nodes[i].id;
    int dense = r.tree.ids_are_slots && top < 2 * (long long)r.tree.n + 64;
    long n = dense ? (long)top + 1 : r.tree.n;
    unit_rates *units = malloc((size_t)(n ? n : 1) * sizeof *units);
    if (!units) { ind_free(&r); return lt_err_oom(e); }
    for (long i = 0; dense && i < n; i++) units[i].id = -1;
    for (long i = 0; i < r.tree.n; i++) {
        ind_summary s;
        ind_summarize(&r, i, &s);
        long long id = r.tree.nodes[i].id;
        units[dense ? id : i] = (unit_rates){id, (int)s.deployment_rate, (int)s.good_or_better_rate};
    }
    ind_free(&r);
    if (!dense) qsort(units, (size_t)n, sizeof *units, by_unit_id);
    rates_in(units, n, dense, unit_id, dep, good); /* before another thread may replace them */
    pthread_mutex_lock(&ind_lock);
    work_done.rated++;
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
    while (!rates_find(year, k) && !(r = cache_hold(year, year, k)) &&
           (flight_under_way(1, year, year, k) || flight_under_way(0, year, year, k)))
        pthread_cond_wait(&flight_landed, &ind_lock);
    if (r || rates_lookup(year, k, unit_id, dep, good)) { /* kept meanwhile */
        pthread_mutex_unlock(&ind_lock);
        if (r) rates_of_unit(r, unit_id, dep, good);
        return LT_OK;
    }
    int slot = flight_take(1, year, year, k);
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
    if (get(ctx, year, year, &r, e)) return e->code;
    rates_of_unit(r, unit_id, dep, good);
    return LT_OK;
}

static int trend_rates(lt_ctx *ctx, int from, int n, long long unit_id, long *dep, long *good,
                       lt_err *e) {
    if (n < 0 || n > RATE_YEARS)
        return lt_err_set(e, LT_EINPUT, "xu hướng %d năm dài quá %d năm", "a trend of %d years is longer than %d",
                          n, RATE_YEARS);
    if (n == 0) return LT_OK;
    cache_key key; /* each year's own key: its years are that year's stamp */
    long long years[RATE_YEARS];
    if (cache_key_now(ctx, from, from + n - 1, &key, years, e)) return e->code;
    int hit[RATE_YEARS];
    pthread_mutex_lock(&ind_lock);
    for (int i = 0; i < n; i++) {
        key.years = years[i];
        hit[i] = rates_lookup(from + i, &key, unit_id, &dep[i], &good[i]);
    }
    pthread_mutex_unlock(&ind_lock);
    int keep = !db_in_write(ctx->db); /* as in get() */
    for (int i = 0; i < n; i++) {
        if (hit[i]) continue;
        key.years = years[i];
        if (!keep) {
            if (rates_unkept(ctx, from + i, unit_id, &dep[i], &good[i], e)) return e->code;
            continue;
        }
        if (rates_compute(ctx, from + i, &key, unit_id, &dep[i], &good[i], e)) return e->code;
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
