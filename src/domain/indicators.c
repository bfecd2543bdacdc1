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
** unit has in each year's own tree (DESIGN §3).  This file only counts:
** the cache of computed years that every reader asks is years.c's.
*/
#include "domain_int.h"

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
    db_stmt *st = db_prepare(ctx->db, "SELECT unit_id, min(successor_id) FROM unit_merge"
                                           " GROUP BY unit_id ORDER BY unit_id", e);
    if (!st) return LT_EDB;
    ind_merged *all = NULL;
    long n = 0, cap = 0;
    int row;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        if (n == cap) {
            ind_merged *more = realloc(all, (size_t)(cap = cap ? 2 * cap : 64) * sizeof *all);
            if (!more) { free(all); db_reset(st); return lt_err_oom(e); }
            all = more;
        }
        all[n].id = db_col_int64(st, 0);
        all[n++].idx = (long)db_col_int64(st, 1); /* the successor's id, for now */
    }
    db_reset(st);
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

/* A target with a collective registration submitted (once, as
** deployments); column 1: whether it waits for approval. */
static void on_collective(ind_result *r, const long long *v) {
    long i;
    ind_counts *c = slot(r, COL(0), &i);
    if (!c) return;
    if (r->tree.nodes[i].party_org) c->collective = 1;
    c->collective_waiting += COL(1);
}

/* People required to register, by unit, from the spans they are active in
** (key cadres due by a key-cadre deadline: all of them when the year has one). */
static void on_people(ind_result *r, const long long *v) {
    ind_counts *c = slot(r, COL(0), NULL);
    if (!c) return;
    c->reg_required += COL(1);
    c->key_required += COL(2);
    c->key_due += COL(3);
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
static const char SQL_COLLECTIVE[] =
    "SELECT unit_id, status='submitted' FROM collective WHERE year=?1 AND status<>'draft' AND"
    " status<>'returned'";
/* The people and registrations of the year come from the tallies that
** triggers keep (schema.sql; migration 4): people active in the year who
** must register, by unit and span of years (added up as they come: a
** GROUP BY cost SQLite more than the rows), and the registrations' counts
** per unit. */
static const char SQL_PEOPLE[] =
    "SELECT unit_id, people, key_cadres, key_cadres * coalesce((SELECT CASE WHEN key_deadline IS NOT"
    " NULL THEN 1 ELSE 0 END FROM year_setup WHERE year=?1), 0) FROM person_span WHERE first_year<=?1"
    " AND last_year>=?1";
static const char SQL_REGISTRATIONS[] =
    "SELECT unit_id" REG_TALLY_LIST " FROM registration_tally WHERE year=?1";
static const char SQL_STANDARDS[] =
    "SELECT DISTINCT unit_id FROM standard WHERE valid_from<=?1 AND (valid_to IS NULL OR"
    " valid_to>=?1)";
/* (follow-ups open and overdue on ?4, the day the year is judged on:
** its reference date, or today while that is ahead) */
static const char SQL_INSPECTIONS[] =
    "SELECT i.inspected_unit_id, count(DISTINCT i.id), count(f.id) FILTER (WHERE f.done_on IS NULL"
    " OR f.done_on>?4), count(f.id) FILTER (WHERE (f.done_on IS NULL OR f.done_on>?4) AND"
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
** out in this order), and what counts each one's rows: in the same order.
** The tree's links go third (LINKS_AFTER): the helper starts on the two
** longest while the caller reads the tree's units, and the caller takes
** the links after them (nationally the tally 0.24 s, the people 0.15, the
** links 0.15, the units 0.3: the helper took the links first and the
** caller then waited 0.2–0.4 s for the rest). */
#define LINKS_AFTER 2
static const char *const YEAR_SQL[] = {SQL_REGISTRATIONS, SQL_PEOPLE, SQL_STANDARDS,
                                       SQL_DEPLOYED, SQL_BREAKTHROUGHS, SQL_INSPECTIONS,
                                       SQL_COMMENDATIONS, SQL_MODELS, SQL_MASS, SQL_COLLECTIVE};
static const row_fn YEAR_FN[] = {on_registrations, on_people, on_standard,
                                 on_deployment, on_breakthrough, on_inspection,
                                 on_commendation, on_model, on_mass, on_collective};
_Static_assert(LT_ARRAY_LEN(YEAR_SQL) == LT_ARRAY_LEN(YEAR_FN), "a counter for every query");
_Static_assert(LT_ARRAY_LEN(YEAR_SQL) + 1 <= IND_QUERIES, "ind_reads holds every query and the links");

/* The registration tally alone (ind_get_tally): what is registered,
** submitted, approved and graded, a tenth of a year's reading. */
static const char *const TALLY_SQL[] = {SQL_REGISTRATIONS};
static const row_fn TALLY_FN[] = {on_registrations};

/* Count the units of r's tree and the records read of its year (each
** query's rows by fn[k]; none when NULL) into r. */
static void count_year(const ind_reads *rd, const row_fn *fn, ind_result *r) {
    for (long i = 0; i < r->tree.n; i++) {
        ind_counts *c = own_w(r, i);
        if (r->tree.nodes[i].party_org) c->targets++;
        if (r->tree.nodes[i].party_org || r->tree.nodes[i].agency) c->std_units++;
    }
    for (int k = 0; k < rd->nq; k++) {
        const ind_rows *q = &rd->rows[k];
        for (long j = 0; fn[k] && j < q->n; j++) fn[k](r, ind_row(q, j));
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

/* The links of the year's tree, read with its records (tree_link_rows
** counts them, not count_year). */
static const char SQL_TREE_LINKS[] =
    TREE_LINKS_SELECT " WHERE valid_from<=?5 AND (valid_to IS NULL OR valid_to>=?5)";

/* The counts of one year y into r (zeroed): its tree (a copy of `known`
** when not NULL; on day `on` when not NULL, else on its reference date),
** its merged units, its records (the queries start, on two connections
** for a big tree, while the tree's units are read; the tree's links are
** the first query; the tally's alone when tally_only) and the sums below. */
static int compute_year(lt_ctx *ctx, int y, const char *on, const unit_tree *known, int tally_only,
                        ind_result *r, lt_err *e) {
    memset(r, 0, sizeof *r);
    r->from = r->to = y;
    r->tally_only = tally_only;
    char day[11];
    if (on) {
        snprintf(r->until, sizeof r->until, "%s", on);
        snprintf(day, sizeof day, "%s", on);
    } else if (dom_year_ref(ctx, y, day, e)) {
        return LT_EDB;
    }
    /* the queries: the year's, with the tree's links unless it is known */
    const char *sql[IND_QUERIES];
    row_fn fn[IND_QUERIES];
    int nq = 0, links = -1;
    size_t nlist = tally_only ? LT_ARRAY_LEN(TALLY_SQL) : LT_ARRAY_LEN(YEAR_SQL);
    for (size_t k = 0; k <= nlist; k++) {
        if (!known && (k == LINKS_AFTER || (k == nlist && links < 0))) {
            links = nq;
            sql[nq] = SQL_TREE_LINKS, fn[nq++] = NULL;
        }
        if (k == nlist) break;
        sql[nq] = tally_only ? TALLY_SQL[k] : YEAR_SQL[k];
        fn[nq++] = tally_only ? TALLY_FN[k] : YEAR_FN[k];
    }
    long units = known ? known->n : (long)db_int(ctx->db, "SELECT max(id) FROM unit", 0, NULL);
    ind_reads rd;
    ind_reads_start(ctx, y, day, sql, nq, units, &rd);
    int rc = LT_OK;
    if (known) tree_copy(&r->tree, known);
    else rc = tree_units_on(ctx, day, y, &r->tree, e);
    int read = ind_reads_finish(ctx, &rd, e);
    if (rc == LT_OK) rc = read;
    if (rc == LT_OK && !known) rc = tree_link_rows(&r->tree, &rd.rows[links], e);
    if (rc == LT_OK && !(r->own = blocks_new(r->tree.n))) rc = lt_err_oom(e);
    if (rc == LT_OK) rc = merged_load(ctx, r, e);
    if (rc == LT_OK) count_year(&rd, fn, r);
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
    long long targets = to->targets, deployed = to->deployed, collective = to->collective;
    counts_add(to, below);
    to->targets = targets + (below->targets > 0 ? below->targets : own->targets);
    to->deployed = deployed + (below->targets > 0 ? below->deployed : own->deployed);
    to->collective = collective + (below->targets > 0 ? below->collective : own->collective);
}

/* Year y's figures (computed in yr) added into the range r, unit by unit. */
static void range_add(ind_result *r, const ind_result *yr) {
    for (long i = 0; i < yr->tree.n; i++) {
        long k = tree_index(&r->tree, yr->tree.nodes[i].id);
        if (k >= 0) range_add_node(r, k, yr, i); /* (always: r's tree holds every year's units) */
    }
}

/* The units closed during year y before its reference date are in no tree
** of y: their own figures of y (on the tree of their last day, as
** ind_get_unit gives them) are added into the range r, with one
** computation of the year for each such last day. */
static int range_add_closed(lt_ctx *ctx, int y, ind_result *r, lt_err *e) {
    char first[11], ref[11];
    snprintf(first, sizeof first, "%04d-01-01", y);
    if (dom_year_ref(ctx, y, ref, e)) return LT_EDB;
    db_stmt *days = db_prepare(ctx->db, "SELECT DISTINCT active_to FROM unit WHERE "
                                             CLOSED_IN_YEAR " ORDER BY 1", e);
    db_stmt *units = db_prepare(ctx->db, "SELECT id FROM unit WHERE active_to=?", e);
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
    db_reset(days);
    if (rc == LT_OK && row < 0) rc = lt_err_code(e, LT_EDB);
    for (int d = 0; d < n && rc == LT_OK; d++) {
        ind_result yr;
        if ((rc = compute_year(ctx, y, day[d], NULL, 0, &yr, e))) break;
        db_bind_text(units, 1, day[d]);
        while ((row = db_step_row(ctx->db, units, e)) == 1) {
            long long id = db_col_int64(units, 0);
            long i = tree_index(&yr.tree, id), k = tree_index(&r->tree, id);
            if (i >= 0 && k >= 0) range_add_node(r, k, &yr, i);
        }
        db_reset(units);
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
        if ((rc = compute_year(ctx, y, NULL, NULL, 0, &yr, e))) break;
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
** NULL and the result is of one year; of the tally alone when tally_only
** (one year). */
static int compute(lt_ctx *ctx, int from, int to, const unit_tree *known, int tally_only,
                   ind_result *r, lt_err *e) {
    memset(r, 0, sizeof *r);
    if (dom_check_year(from, e) || dom_check_year(to, e)) return LT_EINPUT;
    if (from > to)
        return lt_err_set(e, LT_EINPUT, "năm bắt đầu %d sau năm kết thúc %d",
                          "start year %d is after end year %d", from, to);
    if (to - from >= 30)
        return lt_err_set(e, LT_EINPUT, "khoảng %d–%d dài quá 30 năm", "the range %d–%d is longer than 30 years",
                          from, to);
    return from == to ? compute_year(ctx, to, NULL, known, tally_only, r, e) : compute_range(ctx, from, to, r, e);
}

int ind_compute(lt_ctx *ctx, int from, int to, ind_result *r, lt_err *e) {
    return compute(ctx, from, to, NULL, 0, r, e);
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
    s->c.collective = below->targets > 0 ? below->collective : own->collective;
    s->deployment_rate = rate(s->c.deployed, s->c.targets);
    s->collective_registration_rate = rate(s->c.collective, s->c.targets);
    s->key_cadre_on_time_rate = rate(s->c.key_on_time, s->c.key_due);
    s->registration_rate = rate(s->c.registered, s->c.reg_required);
    s->approved_rate = rate(s->c.reg_approved, s->c.reg_submitted);
    s->published_key_cadre_rate = rate(s->c.key_published, s->c.key_required);
    s->good_or_better_rate =
        rate(s->c.grades[GRADE_EXCELLENT] + s->c.grades[GRADE_GOOD], s->c.evaluated);
    s->standard_rate = rate(s->c.std_with, s->c.std_units);
    s->excellent_cap_exceeded = s->c.grades[GRADE_EXCELLENT] * 5 > s->c.grades[GRADE_GOOD];
}

const char *ind_cap_rule(int year, int en) {
    /* 124-QĐ/TW (4/10/2023) governs the reviews from 2023; 132-QĐ/TW
    ** (8/3/2018) those of 2018 to 2022; the rule of earlier years is not
    ** confirmed here, and says so */
    if (year >= 2023) return en ? "Regulation 124-QĐ/TW" : "Quy định 124-QĐ/TW";
    if (year >= 2018) return en ? "Regulation 132-QĐ/TW" : "Quy định 132-QĐ/TW";
    return en ? "the rule of that year, not confirmed here" : "quy định áp dụng năm đó, chưa xác nhận";
}

/* The units first, then their own figures, then the sums: a record that
** differs is named at its own unit, not at the top its sums reach first
** (a range's sums below are each year's, not its own figures added). */
long ind_first_difference(const ind_result *a, const ind_result *b) {
    long n = a->tree.n < b->tree.n ? a->tree.n : b->tree.n;
    for (long i = 0; i < n; i++) {
        const unit_node *x = &a->tree.nodes[i], *y = &b->tree.nodes[i];
        if (x->id != y->id || x->parent != y->parent || strcmp(x->code, y->code) || strcmp(x->name, y->name))
            return i;
    }
    if (a->tree.n != b->tree.n) return n;
    for (long i = 0; i < n; i++)
        if (memcmp(ind_own(a, i), ind_own(b, i), sizeof(ind_counts))) return i;
    for (long i = 0; i < n; i++) {
        ind_summary sa, sb;
        ind_summarize(a, i, &sa);
        ind_summarize(b, i, &sb);
        if (memcmp(&sa, &sb, sizeof sa)) return i;
    }
    return -1;
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

size_t ind_bytes(const ind_result *r) {
    long holders = r->tree.holders ? __atomic_load_n(r->tree.holders, __ATOMIC_RELAXED) : 1;
    size_t tree = (size_t)r->tree.n * (sizeof(unit_node) + 64) +
                  (size_t)r->tree.nslots * sizeof *r->tree.by_id_slots;
    return tree / (size_t)(holders > 0 ? holders : 1) + (size_t)r->tree.n * sizeof(long) +
           blocks_bytes(r->own, r->tree.n) + blocks_bytes(r->below, r->nbelow) +
           (size_t)r->nmerged * sizeof *r->merged;
}

/* A copy sharing from's tree and count blocks (a block is copied when
** the copy changes it); LT_EOOM leaves nothing to free. */
int ind_result_copy(ind_result *to, const ind_result *from) {
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

/* A registration tally row v (unit_id, then REG_TALLY_COLUMNS) added into
** unit i of year result r: its own counts and the sums below each of its
** ancestors. */
void ind_add_tally_row(ind_result *r, long i, const long long *v) {
    add_tally(own_w(r, i), v);
    for (long p = r->tree.nodes[i].parent; p >= 0; p = r->tree.nodes[p].parent)
        add_tally(below_w(r, r->below_at[p]), v);
}

/* The counts of years from..to (ind_count, from `known` as compute
** takes it; of the tally alone when tally_only) or of year y on day `on`
** (ind_count_on), for years.c. */
int ind_count(lt_ctx *ctx, int from, int to, const unit_tree *known, int tally_only, ind_result *r,
              lt_err *e) {
    return compute(ctx, from, to, known, tally_only, r, e);
}

int ind_count_on(lt_ctx *ctx, int y, const char *on, ind_result *r, lt_err *e) {
    return compute_year(ctx, y, on, NULL, 0, r, e);
}
