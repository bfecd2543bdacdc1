/*
** scope.c — the actor's subtree: the one rule by which what an officer or
** a viewer sees and changes is restricted (DESIGN §6), for the router's
** checks, the domain's permissions and every list.
**
** The rule: an officer's or viewer's scope is the subtree of their scope
** unit in the tree of the day the thing in question is about.
**  - A unit by itself (the router's check of a unit, of a person's or a
**    registration's unit; the permission to write; a list over time such
**    as the closed units, scope_units_sql): the tree of the unit's own
**    day, which is today while it is active, its last day once it has
**    closed, and its first day before it opens.  So a closed unit belongs
**    to the scope it was in when it closed, whatever moved above it since
**    (its records were that subtree's), and an active one to today's.
**  - A year's lists (its tree of units, indicators, reports, what is
**    missing, its people): the tree of that year (tree_load) from the scope
**    unit down (scope_tree_top), as DESIGN §2 draws every year's figures.
**    In a year whose tree does not hold the scope unit the actor has
**    nothing: such a view is refused or empty, never widened to the tree.
** A unit's parent on a day is the parent of its latest link begun on or
** before that day, if that link had not ended before it (else it has
** none that day): one parent a day, so the subtrees of one day never
** overlap.  Admins and accounts without a scope unit see every unit; a
** member sees no unit (only their own person, which the router checks).
*/
#include "domain_int.h"

#include <stdio.h>
#include <string.h>

/* A unit's own day (see above) for the unit row u; ?2 is today. */
#define OWN_DAY(u) "max(" u ".active_from, min(coalesce(" u ".active_to, ?2), ?2))"


int scope_sees_all(const lt_ctx *ctx) {
    return ctx->role == ROLE_ADMIN || (ctx->role != ROLE_MEMBER && ctx->scope_unit == 0);
}

int unit_in_subtree(lt_ctx *ctx, long long id, long long root) {
    if (root == 0) return 1;
    char today[11], day[11] = "";
    lt_today(today);
    db_stmt *st = db_prepare(ctx->db, "SELECT " OWN_DAY("u") " FROM unit u WHERE u.id=?1", NULL);
    if (!st) return 0;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, today);
    if (db_step_is_row(st)) snprintf(day, sizeof day, "%s", db_col_text(st, 0));
    db_reset(st);
    if (!day[0]) return 0; /* no such unit */
    st = db_prepare(ctx->db, "SELECT p.parent_id FROM unit_parent p WHERE p.unit_id=?1 AND " LINK_ON("?2"),
                    NULL);
    for (int depth = 0; st && id && depth < 64; depth++) {
        if (id == root) return 1;
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, day);
        id = db_step_is_row(st) ? db_col_int64(st, 0) : 0;
        db_reset(st);
    }
    return 0;
}

int scope_units_sql(char *out, size_t n, const char *which) {
    int k = snprintf(out, n,
        "WITH RECURSIVE scope_days(day) AS (SELECT DISTINCT " OWN_DAY("u") " FROM unit u WHERE %s),"
        " scope_down(id, day) AS (SELECT CAST(?1 AS BIGINT), day FROM scope_days UNION SELECT p.unit_id, s.day FROM"
        " scope_down s JOIN unit_parent p ON p.parent_id=s.id WHERE " LINK_ON("s.day") "),"
        " scoped(id) AS (SELECT u.id FROM unit u JOIN scope_down s ON s.id=u.id AND s.day="
        OWN_DAY("u") " WHERE %s) ", which, which);
    return k > 0 && (size_t)k < n ? LT_OK : LT_ENOMEM;
}

int scope_tree_top(const lt_ctx *ctx, const unit_tree *t, long *top, lt_err *e) {
    *top = -1;
    if (scope_sees_all(ctx)) return LT_OK;
    if (ctx->role == ROLE_MEMBER)
        return lt_err_set(e, LT_EREFUSED, "tài khoản đảng viên chỉ xem được bản đăng ký của mình",
                          "a member's account sees only its own registration");
    *top = tree_index(t, ctx->scope_unit);
    if (*top >= 0) return LT_OK;
    return lt_err_set(e, LT_ENOTFOUND, "đơn vị của tài khoản này không có trong cây đơn vị năm %d",
                      "this account's unit is not in the tree of %d", t->year);
}
