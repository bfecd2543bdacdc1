/*
** waiting.c — what waits for approval in one unit's part of a year,
** counted from the unit down, for when that year's tally is not at hand
** (ind_waiting): the first dashboard of a year asked another open year's
** tally for one line, and counting it for the country was a third of the
** page's time; a commune's part of it is a few dozen rows.
**
** The part is the one the year's tree gives (tree_load, ind_count): the
** units active on the year's reference date, each under its latest link
** valid that day (a link to itself or to a unit not in the tree makes a
** root; units caught in a cycle, and all below them, are roots of their
** own), and the units not in the tree whose chain of first successors
** (unit_merge, at most 32 steps) first meets the tree within the part.
** test_exact holds the two ways to the same figures for every unit.
*/
#include "domain_int.h"

#include <stdlib.h>

#define MERGE_HOPS 32 /* as merged_load follows them */

/* A unit active on ?2 (in the day's tree). */
#define ACTIVE_ON "active_from<=?2 AND (active_to IS NULL OR active_to>=?2)"
/* p is ?1's latest link valid on ?2 (tree_link's choice). */
#define LINK_VALID "p.valid_from<=?2 AND (p.valid_to IS NULL OR p.valid_to>=?2)"
#define LINK_LATEST                                                                      \
    "p.valid_from=(SELECT max(q.valid_from) FROM unit_parent q WHERE q.unit_id=p.unit_id" \
    " AND q.valid_from<=?2 AND (q.valid_to IS NULL OR q.valid_to>=?2))"

typedef struct part {
    long long *ids;
    long n, cap, max;
} part;

/* id added to the part; LT_ENOMEM past its bound. */
static int part_add(part *p, long long id, lt_err *e) {
    if (p->n >= p->max) return LT_ENOMEM;
    if (p->n == p->cap) {
        long cap = p->cap ? 2 * p->cap : 64;
        long long *more = realloc(p->ids, (size_t)cap * sizeof *more);
        if (!more) return lt_err_oom(e);
        p->ids = more;
        p->cap = cap;
    }
    p->ids[p->n++] = id;
    return LT_OK;
}

/* Each id of st (bound ?1 = from, ?2 = day) added; rc as part_add's. */
static int add_rows(lt_ctx *ctx, db_stmt *st, long long from, const char *day, part *p, lt_err *e) {
    db_bind_int(st, 1, from);
    db_bind_text(st, 2, day);
    int row, rc = LT_OK;
    while (rc == LT_OK && (row = db_step_row(ctx->db, st, e)) == 1) rc = part_add(p, db_col_int64(st, 0), e);
    db_reset(st);
    return rc == LT_OK && row < 0 ? LT_EDB : rc;
}

#define DEPTH_MAX 64 /* deeper than any tree of ours: counted from the tally */

/* Whether unit_id hangs from a root of day's tree (1), or from a cycle of
** links (0: it is then a root with nothing below it); LT_ENOMEM (as a
** negative) deeper than DEPTH_MAX, -LT_EDB on error. */
static int reaches_root(lt_ctx *ctx, long long unit_id, const char *day, lt_err *e) {
    db_stmt *up = db_prepare(ctx->db, "SELECT p.parent_id FROM unit_parent p JOIN unit u ON"
        " u.id=p.parent_id AND u." ACTIVE_ON " WHERE p.unit_id=?1 AND p.parent_id<>?1 AND " LINK_VALID
        " AND " LINK_LATEST, e);
    if (!up) return -LT_EDB;
    long long seen[DEPTH_MAX];
    seen[0] = unit_id;
    for (int n = 1; n < DEPTH_MAX; n++) {
        db_bind_int(up, 1, seen[n - 1]);
        db_bind_text(up, 2, day);
        int row = db_step_row(ctx->db, up, e);
        long long parent = row == 1 ? db_col_int64(up, 0) : 0;
        db_reset(up);
        if (row < 0) return -LT_EDB;
        if (!parent) return 1;
        for (int k = 0; k < n; k++)
            if (seen[k] == parent) return 0;
        seen[n] = parent;
    }
    return -LT_ENOMEM;
}

/* unit_id's part of day's tree into p: itself, the units below it, and
** the units merged into any of them.  LT_ENOMEM past p->max units. */
static int part_load(lt_ctx *ctx, long long unit_id, const char *day, part *p, lt_err *e) {
    db_stmt *here = db_prepare(ctx->db, "SELECT id FROM unit WHERE id=?1 AND " ACTIVE_ON, e);
    db_stmt *down = db_prepare(ctx->db, "SELECT p.unit_id FROM unit_parent p JOIN unit u ON"
        " u.id=p.unit_id AND u." ACTIVE_ON " WHERE p.parent_id=?1 AND p.unit_id<>?1 AND " LINK_VALID
        " AND " LINK_LATEST, e);
    db_stmt *merged = db_prepare(ctx->db, "SELECT m.unit_id FROM unit_merge m WHERE m.successor_id=?1"
        " AND m.successor_id=(SELECT min(successor_id) FROM unit_merge WHERE unit_id=m.unit_id)"
        " AND NOT EXISTS(SELECT 1 FROM unit WHERE id=m.unit_id AND " ACTIVE_ON ")", e);
    if (!here || !down || !merged) return LT_EDB;
    int rc = add_rows(ctx, here, unit_id, day, p, e);
    if (rc || p->n == 0) return rc; /* in no tree of the day: nothing is its part */
    int rooted = reaches_root(ctx, unit_id, day, e);
    if (rooted < 0) return -rooted;
    for (long i = 0; rc == LT_OK && rooted && i < p->n; i++) rc = add_rows(ctx, down, p->ids[i], day, p, e);
    /* the merged ones, a step further back each pass */
    long from = 0, to = p->n;
    for (int hop = 0; rc == LT_OK && hop < MERGE_HOPS && from < to; hop++) {
        for (long i = from; rc == LT_OK && i < to; i++) rc = add_rows(ctx, merged, p->ids[i], day, p, e);
        from = to;
        to = p->n;
    }
    return rc;
}

int ind_waiting_below(lt_ctx *ctx, long long unit_id, int y, long max_units, long long *waiting, lt_err *e) {
    *waiting = 0;
    char day[11];
    if (db_read_begin(ctx->db, e)) return e->code;
    part p = {.max = max_units};
    int rc = dom_year_ref(ctx, y, day, e) ? LT_EDB : part_load(ctx, unit_id, day, &p, e);
    db_stmt *tally = rc ? NULL : db_prepare(ctx->db, "SELECT submitted - approved FROM"
                                                          " registration_tally WHERE year=?1 AND unit_id=?2", e);
    if (rc == LT_OK && !tally) rc = LT_EDB;
    for (long i = 0; rc == LT_OK && i < p.n; i++) {
        db_bind_int(tally, 1, y);
        db_bind_int(tally, 2, p.ids[i]);
        int row = db_step_row(ctx->db, tally, e);
        if (row == 1) *waiting += db_col_int64(tally, 0);
        db_reset(tally);
        if (row < 0) rc = LT_EDB;
    }
    db_read_end(ctx->db);
    free(p.ids);
    if (rc) *waiting = 0;
    return rc;
}
