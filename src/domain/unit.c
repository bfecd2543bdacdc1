/*
** unit.c — units as a tree that changes over time: creating and renaming
** units, moving them under a new parent from a date, merging closed units
** into successors, and loading the tree as it stood in a given year.
*/
#include "domain_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int unit_find(lt_ctx *ctx, const char *code, long long *id, lt_err *e) {
    snap_memo *m = db_snapshot_memo(ctx->db, sizeof *m); /* a page looks its unit up several times */
    if (m && code && m->unit_id && !strcmp(m->unit_code, code)) {
        *id = m->unit_id;
        return LT_OK;
    }
    db_stmt *st = db_prepare(ctx->db, "SELECT id FROM unit WHERE code=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, code);
    int r = db_step_row(ctx->db, st, e);
    if (r < 0) return LT_EDB;
    if (r == 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có đơn vị mã \"%s\"",
                          "no unit with code \"%s\"", code);
    *id = db_col_int64(st, 0);
    db_reset(st);
    if (m && code && strlen(code) < sizeof m->unit_code) {
        strcpy(m->unit_code, code);
        m->unit_id = *id;
    }
    return LT_OK;
}

/* The namesakes as rows of ids, for the memo (equal names have equal sort
** keys: the sort index finds them). */
static int namesake_rows(lt_ctx *ctx, long long unit_id, int year, int kind, int limit, dom_rows *out,
                         lt_err *e) {
    (void)year, (void)kind;
    return rows_run(ctx, out, e, "SELECT n.id FROM unit u JOIN unit n ON n.name_sort=u.name_sort AND n.name=u.name"
                                 " WHERE u.id=?1 LIMIT ?2", "Ii", unit_id, limit);
}

int unit_namesakes(lt_ctx *ctx, long long unit_id, long long *ids, int max, int *n, lt_err *e) {
    *n = 0;
    dom_rows rows; /* every unit picker labels its unit: kept while nothing changes */
    int rc = memo_rows(ctx, unit_id, 0, MEMO_NAMESAKES, max + 1, namesake_rows, &rows, e);
    if (rc) return rc;
    for (long i = 0; i < rows.n; i++)
        if (*n < max) ids[(*n)++] = atoll(rows.cells[i * rows.ncols]);
        else { *n = max + 1; break; }
    rows_free(&rows);
    return LT_OK;
}

int unit_find_named(lt_ctx *ctx, const char *text, long long *id, lt_err *e) {
    lt_err nf = {0};
    int rc = unit_find(ctx, text, id, &nf);
    if (rc != LT_ENOTFOUND) return rc ? lt_err_code(e, rc) : LT_OK;
    search_hit *hits = NULL;
    int n = 0, units = 0, pick = -1;
    if (search_names(ctx, text, 50, &hits, &n, e)) return e->code;
    char *fold = text_fold_dup(text);
    for (int i = 0; i < n; i++) {
        if (strcmp(hits[i].kind, "unit")) continue;
        char *f = text_fold_dup(hits[i].name);
        int exact = fold && f && !strcmp(fold, f);
        free(f);
        if (exact || (units == 0 && pick < 0)) pick = i;
        if (exact) { units = 1; break; }
        units++;
    }
    free(fold);
    if (units == 1) rc = unit_find(ctx, hits[pick].code, id, e);
    else if (units == 0)
        rc = lt_err_set(e, LT_EINPUT, "không có đơn vị nào có mã hoặc tên \"%s\"",
                        "no unit has the code or name \"%s\"", text);
    else {
        char some[600] = "";
        size_t len = 0;
        for (int i = 0, shown = 0; i < n && shown < 5 && len < sizeof some - 1; i++) {
            if (strcmp(hits[i].kind, "unit")) continue;
            int w = snprintf(some + len, sizeof some - len, "%s%s (%s)", shown++ ? "; " : "",
                             hits[i].name, hits[i].code);
            len = w < 0 ? len : len + (size_t)w >= sizeof some ? sizeof some - 1 : len + (size_t)w;
        }
        rc = lt_err_set(e, LT_EINPUT, "\"%s\" khớp %d đơn vị (%s%s): hãy gõ rõ hơn hoặc dùng mã",
                        "\"%s\" matches %d units (%s%s): type more of the name or its code", text,
                        units, some, units > 5 ? "; …" : "");
    }
    free(hits);
    return rc;
}

/* The day before ISO date d (out holds 11 bytes). */
static void day_before(const char *d, char out[11]) {
    int y, m, dd;
    sscanf(d, "%4d-%2d-%2d", &y, &m, &dd);
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (--dd == 0) {
        if (--m == 0) { m = 12; y--; }
        dd = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
    }
    lt_iso_day(out, y, m, dd);
}

/* The current parent link of unit id: parent id (0 if none) and from. */
static long long current_parent(lt_ctx *ctx, long long id, char from[11]) {
    db_stmt *st = db_prepare(ctx->db,
        "SELECT parent_id, valid_from FROM unit_parent WHERE unit_id=? AND valid_to IS NULL", NULL);
    if (!st) return 0;
    db_bind_int(st, 1, id);
    long long p = 0;
    if (db_step_is_row(st)) {
        p = db_col_int64(st, 0);
        snprintf(from, 11, "%s", db_col_text(st, 1));
    }
    db_reset(st);
    return p;
}

/* Close the open parent link of id on the day before `on`, and open a link
** to parent from `on`.  A link opened the same day is replaced. */
static int relink(lt_ctx *ctx, long long id, long long parent, const char *on, lt_err *e) {
    char from[11] = "", prev[11];
    long long old = current_parent(ctx, id, from);
    if (old == parent) return LT_OK;
    int rc = LT_OK;
    db_stmt *st;
    if (old && strcmp(from, on) >= 0) {
        st = db_prepare(ctx->db, "DELETE FROM unit_parent WHERE unit_id=? AND valid_to IS NULL", e);
        if (!st) return LT_EDB;
        db_bind_int(st, 1, id);
        rc = db_step_done(ctx->db, st, e);
    } else if (old) {
        day_before(on, prev);
        st = db_prepare(ctx->db,
            "UPDATE unit_parent SET valid_to=? WHERE unit_id=? AND valid_to IS NULL", e);
        if (!st) return LT_EDB;
        db_bind_text(st, 1, prev);
        db_bind_int(st, 2, id);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc || !parent) return rc;
    st = db_prepare(ctx->db,
        "INSERT INTO unit_parent(unit_id, parent_id, valid_from) VALUES (?,?,?) ON CONFLICT(unit_id,"
        " valid_from) DO UPDATE SET parent_id=excluded.parent_id, valid_to=excluded.valid_to", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, parent);
    db_bind_text(st, 3, on);
    return db_step_done(ctx->db, st, e);
}

/* Check a unit_in's fields; fill kind (lent) and dates. */
static int unit_validate(const unit_in *u, const char **kind, char from[11], char to[11],
                         lt_err *e) {
    if (dom_check_line(u->code, "ma_don_vi", DOM_MAX_CODE, 1, e) ||
        dom_check_line(u->name, "ten_don_vi", DOM_MAX_NAME, 1, e))
        return LT_EINPUT;
    *kind = unit_kind_parse(u->kind);
    if (!*kind)
        return lt_err_set(e, LT_EINPUT, "loai: loại đơn vị không hợp lệ \"%s\"",
                          "loai: unknown unit kind \"%s\"", u->kind ? u->kind : "");
    snprintf(from, 11, "1930-02-03");
    to[0] = 0;
    if (u->active_from && *u->active_from && dom_check_date(u->active_from, "hoat_dong_tu", from, e))
        return LT_EINPUT;
    if (u->active_to && *u->active_to && dom_check_date(u->active_to, "hoat_dong_den", to, e))
        return LT_EINPUT;
    return LT_OK;
}

/* Insert a new unit row, with its sort key, written here: SQLite's insert
** trigger writes it too, but may be set aside (unit_bulk_begin), and
** PostgreSQL has no such trigger (issue 24). */
static int unit_insert(lt_ctx *ctx, const unit_in *u, const char *kind, const char *from,
                       const char *to, const char *fold, long long *id, lt_err *e) {
    size_t klen;
    unsigned char *key = text_collate_key(u->name, &klen);
    if (!key) return lt_err_oom(e);
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO unit(code, name, name_fold, kind, active_from, active_to, name_sort) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, u->code);
        db_bind_text(st, 2, u->name);
        db_bind_text(st, 3, fold);
        db_bind_text(st, 4, kind);
        db_bind_text(st, 5, from);
        db_bind_text(st, 6, *to ? to : NULL);
        db_bind_blob_lent(st, 7, key, klen);
        rc = db_step_id(ctx->db, st, id, e);
    }
    free(key);
    return rc;
}

/* Update name and kind of an existing unit when they differ. */
/* Name and kind, and the active days when u gives them (from and to:
** unit_validate's, "" when not given). */
/* (in SQL both engines read: IS DISTINCT FROM, flags compared with 0; the
** sort key written here, as unit_insert's) */
static int unit_update(lt_ctx *ctx, long long id, const unit_in *u, const char *kind,
                       const char *fold, const char *from, const char *to, int *changed, lt_err *e) {
    size_t klen;
    unsigned char *key = text_collate_key(u->name, &klen);
    if (!key) return lt_err_oom(e);
    db_stmt *st = db_prepare(ctx->db,
        "UPDATE unit SET name=?1, name_fold=?2, kind=?3, active_from=coalesce(?5, active_from),"
        " active_to=CASE WHEN ?6 <> 0 THEN nullif(?7, '') ELSE active_to END, name_sort=?8"
        " WHERE id=?4 AND (name<>?1 OR kind<>?3 OR active_from IS DISTINCT FROM coalesce(?5, active_from)"
        " OR (?6 <> 0 AND active_to IS DISTINCT FROM nullif(?7, '')))", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, u->name);
        db_bind_text(st, 2, fold);
        db_bind_text(st, 3, kind);
        db_bind_int(st, 4, id);
        db_bind_text(st, 5, u->active_from && *u->active_from ? from : NULL);
        db_bind_int(st, 6, u->active_to != NULL);
        db_bind_text(st, 7, to);
        db_bind_blob_lent(st, 8, key, klen);
        rc = db_step_done(ctx->db, st, e);
    }
    free(key);
    if (rc == LT_OK && db_changes(ctx->db) > 0) *changed = 1;
    return rc;
}

int unit_bulk_begin(lt_ctx *ctx, long expected, db_aside **aside, lt_err *e) {
    *aside = NULL;
    if (expected < UNIT_SET_ASIDE_MIN) return LT_OK;
    long long stored = db_int(ctx->db, "SELECT count(*) FROM unit", 0, e);
    if (stored < 0) return lt_err_code(e, LT_EDB);
    return stored < expected ? db_set_aside(ctx->db, "unit", aside, e) : LT_OK;
}

int unit_bulk_end(lt_ctx *ctx, db_aside *aside, lt_err *e) {
    return aside ? db_restore(ctx->db, aside, e) : LT_OK;
}

int unit_save(lt_ctx *ctx, const unit_in *u, const char *since, long long *id_out,
              int *changed_out, lt_err *e) {
    const char *kind;
    char from[11], to[11], on[11];
    int changed = 0;
    if (unit_validate(u, &kind, from, to, e)) return LT_EINPUT;
    if (since) snprintf(on, sizeof on, "%s", since); else lt_today(on);
    long long parent = 0, id = 0;
    if (u->parent_code && *u->parent_code && unit_find(ctx, u->parent_code, &parent, e)) {
        snprintf(e->vi, sizeof e->vi, "ma_don_vi_cap_tren: không có đơn vị mã \"%s\"", u->parent_code);
        snprintf(e->en, sizeof e->en, "ma_don_vi_cap_tren: no unit with code \"%s\"", u->parent_code);
        return LT_EINPUT;
    }
    if (db_begin(ctx->db, e)) return LT_EDB;
    char *fold = text_fold_dup(u->name);
    lt_err nf;
    int rc = unit_find(ctx, u->code, &id, &nf);
    if (rc == LT_ENOTFOUND) {   /* a new unit: its code must have the form of one */
        rc = dom_check_code(u->code, "ma_don_vi", e);
        if (rc == LT_OK) rc = ctx->role == ROLE_ADMIN ? LT_OK : dom_can_write_unit(ctx, parent, e);
        if (rc == LT_OK) rc = unit_insert(ctx, u, kind, from, to, fold, &id, e);
        if (rc == LT_OK && parent) rc = relink(ctx, id, parent, from, e);
        if (rc == LT_OK) rc = dom_audit(ctx, "insert", "unit", id, NULL, e);
        changed = 1;
    } else if (rc == LT_OK) {
        rc = dom_can_write_unit(ctx, id, e);
        char *before = NULL;
        if (rc == LT_OK) rc = dom_snapshot(ctx, "unit", id, &before, e);
        char pfrom[11];
        if (rc == LT_OK) rc = unit_update(ctx, id, u, kind, fold, from, to, &changed, e);
        if (rc == LT_OK && !u->parent_code) parent = current_parent(ctx, id, pfrom);
        if (rc == LT_OK && current_parent(ctx, id, pfrom) != parent) {
            if (ctx->role != ROLE_ADMIN && (!parent || id == ctx->scope_unit))
                rc = lt_err_set(e, LT_EREFUSED, "ma_don_vi_cap_tren: chỉ quản trị viên được đổi cấp trên "
                                "của đơn vị này", "ma_don_vi_cap_tren: only an admin may change this unit's parent");
            else if (parent && (rc = dom_can_write_unit(ctx, parent, e)))
                ;
            else if (parent && unit_in_subtree(ctx, parent, id))
                rc = lt_err_set(e, LT_EINPUT, "ma_don_vi_cap_tren: tạo thành vòng lặp",
                                "ma_don_vi_cap_tren: would make a cycle");
            else
                rc = relink(ctx, id, parent, on, e);
            changed = 1;
        }
        if (rc == LT_OK && changed) rc = dom_audit(ctx, "update", "unit", id, before, e);
        else free(before);
    } else {
        *e = nf;
    }
    free(fold);
    if (rc == LT_OK && id_out) *id_out = id;
    if (changed_out) *changed_out = changed;
    return dom_finish(ctx, rc, e);
}

int unit_move(lt_ctx *ctx, const char *code, const char *parent_code, const char *on,
              lt_err *e) {
    long long id, parent;
    char day[11];
    if (unit_find(ctx, code, &id, e) || unit_find(ctx, parent_code, &parent, e)) return e->code;
    if (dom_check_date(on, "ngay", day, e)) return LT_EINPUT;
    if (unit_in_subtree(ctx, parent, id))
        return lt_err_set(e, LT_EINPUT, "không thể chuyển: tạo thành vòng lặp",
                          "cannot move: would make a cycle");
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = dom_can_write_unit(ctx, id, e);
    char *before = NULL;
    if (rc == LT_OK) rc = dom_snapshot(ctx, "unit", id, &before, e);
    if (rc == LT_OK) rc = relink(ctx, id, parent, day, e);
    if (rc == LT_OK) rc = dom_audit(ctx, "move", "unit", id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

int unit_link_at(lt_ctx *ctx, const char *code, const char *parent_code, const char *on,
                 int *changed, lt_err *e) {
    long long id, parent;
    char day[11];
    *changed = 0;
    if (unit_find(ctx, code, &id, e)) return e->code;
    if (unit_find(ctx, parent_code, &parent, e))
        return lt_err_set(e, LT_EINPUT, "ma_don_vi_cap_tren: không có đơn vị mã \"%s\"",
                          "ma_don_vi_cap_tren: no unit with code \"%s\"", parent_code);
    if (dom_check_date(on, "tu_ngay", day, e)) return LT_EINPUT;
    db_stmt *st = db_prepare(ctx->db, "SELECT count(*) FROM unit_parent WHERE unit_id=? AND"
                                           " parent_id=? AND valid_from=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, parent);
    db_bind_text(st, 3, day);
    int row = db_step_row(ctx->db, st, e), there = row == 1 && db_col_int(st, 0) > 0;
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (there) return LT_OK;
    *changed = 1;
    return unit_move(ctx, code, parent_code, day, e);
}

/* Is unit id merged, with its last day the day before `day` (ISO), into
** exactly the n successors? */
static int merged_already(lt_ctx *ctx, long long id, const char *const *successors, int n,
                          const char *day) {
    char last[11];
    day_before(day, last);
    db_stmt *all = db_prepare(ctx->db, "SELECT count(*), (SELECT active_to FROM unit WHERE"
                                            " id=?1) IS NOT DISTINCT FROM ?2 FROM unit_merge WHERE unit_id=?1", NULL);
    db_stmt *one = db_prepare(ctx->db, "SELECT count(*) FROM unit_merge m JOIN unit s ON"
                                            " s.id=m.successor_id WHERE m.unit_id=? AND s.code=?", NULL);
    if (!all || !one) return 0;
    db_bind_int(all, 1, id);
    db_bind_text(all, 2, last);
    int same = db_step_is_row(all) && db_col_int(all, 0) == n &&
               db_col_int(all, 1);
    db_reset(all);
    for (int i = 0; same && i < n; i++) {
        db_bind_int(one, 1, id);
        db_bind_text(one, 2, successors[i]);
        same = db_step_is_row(one) && db_col_int(one, 0) == 1;
        db_reset(one);
    }
    return same;
}

int unit_merged_into(lt_ctx *ctx, const char *code, const char *const *successors, int n,
                     const char *on) {
    long long id;
    char day[11];
    lt_err e = {0};
    return unit_find(ctx, code, &id, &e) == LT_OK && dom_check_date(on, "ngay", day, &e) == LT_OK &&
           merged_already(ctx, id, successors, n, day);
}

/* Was unit id closed before ISO date day? */
static int successor_closed(lt_ctx *ctx, long long id, const char *day) {
    db_stmt *st = db_prepare(ctx->db, "SELECT active_to IS NOT NULL AND active_to < ? "
                                           "FROM unit WHERE id=?", NULL);
    if (!st) return 0;
    db_bind_text(st, 1, day);
    db_bind_int(st, 2, id);
    int closed = db_step_is_row(st) && db_col_int(st, 0);
    db_reset(st);
    return closed;
}

int unit_merge(lt_ctx *ctx, const char *code, const char *const *successors, int n,
               const char *on, lt_err *e) {
    long long id, succ;
    char day[11], last[11];
    if (unit_find(ctx, code, &id, e)) return e->code;
    if (dom_check_date(on, "ngay", day, e)) return LT_EINPUT;
    if (n < 1) return lt_err_set(e, LT_EINPUT, "cần ít nhất một đơn vị kế thừa",
                                 "at least one successor is needed");
    day_before(day, last);
    if (merged_already(ctx, id, successors, n, day)) return LT_OK; /* (a re-import) */
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = dom_can_write_unit(ctx, id, e);
    char *before = NULL;
    if (rc == LT_OK) rc = dom_snapshot(ctx, "unit", id, &before, e);
    db_stmt *st;
    for (int i = 0; rc == LT_OK && i < n; i++) {
        rc = unit_find(ctx, successors[i], &succ, e);
        if (rc == LT_OK && succ == id)
            rc = lt_err_set(e, LT_EINPUT, "đơn vị không thể sáp nhập vào chính nó",
                            "a unit cannot merge into itself");
        if (rc == LT_OK) rc = dom_can_write_unit(ctx, succ, e);
        if (rc == LT_OK && successor_closed(ctx, succ, day))
            rc = lt_err_set(e, LT_EINPUT, "đơn vị kế thừa %s đã ngừng hoạt động trước %s",
                            "successor %s was closed before %s", successors[i], day);
        if (rc == LT_OK && (st = db_prepare(ctx->db,
                "INSERT INTO unit_merge(unit_id, successor_id, merged_on) VALUES (?,?,?)"
                " ON CONFLICT DO NOTHING", e))) {
            db_bind_int(st, 1, id);
            db_bind_int(st, 2, succ);
            db_bind_text(st, 3, day);
            rc = db_step_done(ctx->db, st, e);
        } else if (rc == LT_OK) rc = LT_EDB;
    }
    if (rc == LT_OK && (st = db_prepare(ctx->db, "UPDATE unit SET active_to=? WHERE id=?", e))) {
        db_bind_text(st, 1, last);
        db_bind_int(st, 2, id);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK && (st = db_prepare(ctx->db,
            "UPDATE unit_parent SET valid_to=? WHERE unit_id=? AND valid_to IS NULL", e))) {
        db_bind_text(st, 1, last);
        db_bind_int(st, 2, id);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "merge", "unit", id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

/* ---- the tree of one year -------------------------------------------- */
/* Unit ids are rowids, nearly always 1..n: then the slot is the id itself,
** a table without collisions that lists read in id order walk in order.
** Other ids are hashed. */
static long tree_slot(const unit_tree *t, long long id) {
    if (t->ids_are_slots) return (long)id & (t->nslots - 1);
    return (long)(((unsigned long long)id * 0x9E3779B97F4A7C15ull) >> 20) & (t->nslots - 1);
}

static void tree_hash_put(unit_tree *t, long long id, long idx) {
    long s = tree_slot(t, id);
    while (t->by_id_slots[s].idx >= 0) s = (s + 1) & (t->nslots - 1);
    t->by_id_slots[s].id = id;
    t->by_id_slots[s].idx = idx;
}

/* An empty hash for n nodes (at most half full); LT_EOOM. */
static int tree_hash_init(unit_tree *t) {
    long long lo = 0, hi = 0;
    for (long k = 0; k < t->n; k++) {
        if (t->nodes[k].id < lo) lo = t->nodes[k].id;
        if (t->nodes[k].id > hi) hi = t->nodes[k].id;
    }
    for (t->nslots = 16; t->nslots < 2 * t->n; t->nslots *= 2) {}
    t->ids_are_slots = lo >= 0 && hi < 2 * (long long)t->nslots;
    if (t->ids_are_slots) while (t->nslots <= hi) t->nslots *= 2;
    t->by_id_slots = malloc((size_t)t->nslots * sizeof *t->by_id_slots);
    if (!t->by_id_slots) { t->nslots = 0; return LT_EOOM; }
    lt_mem_hint_large(t->by_id_slots, (size_t)t->nslots * sizeof *t->by_id_slots);
    for (long s = 0; s < t->nslots; s++) t->by_id_slots[s].idx = -1;
    return LT_OK;
}

long tree_index(const unit_tree *t, long long id) {
    if (!t->nslots) return -1;
    for (long s = tree_slot(t, id); t->by_id_slots[s].idx >= 0; s = (s + 1) & (t->nslots - 1))
        if (t->by_id_slots[s].id == id) return t->by_id_slots[s].idx;
    return -1;
}

/* Every node is pushed once at most: the stack is sized for all of them. */
static void walk_push(tree_walk *w, long i) {
    if (w->top < w->cap) w->stack[w->top++] = i;
}

/* Push the nodes from `first` along its siblings, last first: they then
** come off the stack in order. */
static void walk_push_siblings(tree_walk *w, long first) {
    long from = w->top;
    for (long c = first; c >= 0; c = w->t->nodes[c].next_sibling) walk_push(w, c);
    for (long a = from, z = w->top - 1; a < z; a++, z--) {
        long x = w->stack[a];
        w->stack[a] = w->stack[z];
        w->stack[z] = x;
    }
}

long tree_top(const unit_tree *t) {
    long best = -1, best_size = -1;
    long *size = calloc((size_t)(t->n ? t->n : 1), sizeof *size);
    if (!size) return -2;
    for (long k = t->n - 1; k >= 0; k--) { /* children after their parents */
        size[k]++;
        if (t->nodes[k].parent >= 0) size[t->nodes[k].parent] += size[k];
    }
    for (long k = 0; k < t->n; k++)
        if (t->nodes[k].parent < 0 && size[k] > best_size) { best = k; best_size = size[k]; }
    free(size);
    while (best >= 0 && t->nodes[best].first_child >= 0 &&
           t->nodes[t->nodes[best].first_child].next_sibling < 0 &&
           (!strcmp(t->nodes[best].kind, "central") || !strcmp(t->nodes[best].kind, "province")))
        best = t->nodes[best].first_child;
    return best;
}

int tree_walk_begin(tree_walk *w, const unit_tree *t, long start) {
    long cap = t->n > 0 ? t->n : 1;
    *w = (tree_walk){t, malloc((size_t)cap * sizeof *w->stack), 0, cap};
    if (!w->stack) { w->cap = 0; return LT_EOOM; }
    if (start >= 0 && start < t->n) walk_push(w, start);
    return LT_OK;
}

int tree_walk_all(tree_walk *w, const unit_tree *t) {
    if (tree_walk_begin(w, t, -1)) return LT_EOOM;
    for (long i = t->n - 1; i >= 0; i--)
        if (t->nodes[i].parent < 0) walk_push(w, i);
    return LT_OK;
}

long tree_walk_next(tree_walk *w) {
    if (w->top == 0) return -1;
    long i = w->stack[--w->top];
    walk_push_siblings(w, w->t->nodes[i].first_child);
    return i;
}

void tree_walk_end(tree_walk *w) {
    free(w->stack);
    w->stack = NULL;
    w->top = w->cap = 0;
}

/* Order nodes so that parents precede children (iterative, from the roots)
** and link first_child/next_sibling; LT_EOOM leaves t as it was. */
static int tree_order(unit_tree *t, long long *parent_ids) {
    long n = t->n;
    size_t m = (size_t)(n ? n : 1);
    long *par = malloc(m * sizeof *par), *first = malloc(m * sizeof *first);
    long *next = malloc(m * sizeof *next), *order = malloc(m * sizeof *order);
    long *newpos = malloc(m * sizeof *newpos);
    char *seen = calloc(m, 1);
    unit_node *nodes = malloc(m * sizeof *nodes);
    if (!par || !first || !next || !order || !newpos || !seen || !nodes) {
        free(par); free(first); free(next); free(order); free(seen); free(newpos); free(nodes);
        return LT_EOOM;
    }
    lt_mem_hint_large(nodes, m * sizeof *nodes);
    for (long i = 0; i < n; i++) {
        long p = parent_ids[i] ? tree_index(t, parent_ids[i]) : -1;
        par[i] = p == i ? -1 : p;
    }
    /* children lists in the old order, then a breadth-first walk */
    for (long i = 0; i < n; i++) first[i] = next[i] = -1;
    for (long i = n - 1; i >= 0; i--)
        if (par[i] >= 0) { next[i] = first[par[i]]; first[par[i]] = i; }
    long head = 0, tail = 0;
    for (long i = 0; i < n; i++) if (par[i] < 0) order[tail++] = i;
    while (head < tail)
        for (long c = first[order[head++]]; c >= 0; c = next[c]) order[tail++] = c;
    /* units caught in a cycle (damaged data) become roots */
    for (long i = 0; i < tail; i++) seen[order[i]] = 1;
    for (long i = 0; i < n; i++) if (!seen[i]) { par[i] = -1; order[tail++] = i; }
    for (long k = 0; k < n; k++) newpos[order[k]] = k;
    for (long k = 0; k < n; k++) {
        nodes[k] = t->nodes[order[k]];
        nodes[k].parent = par[order[k]] >= 0 ? newpos[par[order[k]]] : -1;
        nodes[k].first_child = nodes[k].next_sibling = -1;
    }
    t->ntops = 0;
    for (long k = 0; k < n; k++) t->ntops += nodes[k].parent < 0;
    for (long k = n - 1; k >= 0; k--)
        if (nodes[k].parent >= 0) {
            nodes[k].next_sibling = nodes[nodes[k].parent].first_child;
            nodes[nodes[k].parent].first_child = k;
        }
    free(t->nodes);
    t->nodes = nodes;
    for (long s = 0; s < t->nslots; s++) t->by_id_slots[s].idx = -1;
    for (long k = 0; k < n; k++) tree_hash_put(t, nodes[k].id, k);
    free(par); free(first); free(next); free(order); free(seen); free(newpos);
    return LT_OK;
}

/* The rank of a kind in lists of children: party organisations first
** (the three kinds unit_kind_is_party_org names), then agencies. */
#define KIND_RANK_LAST_PARTY_ORG 2
#define KIND_RANK_AGENCY 3
static int kind_rank(const char *kind) {
    static const char *const order[] = {"grassroots_committee", "grassroots_cell", "cell",
                                        "agency", "mass_org"};
    for (int i = 0; i < 5; i++) if (!strcmp(kind, order[i])) return i;
    return 5;
}

#define UNITS_PRESIZED (1L << 22)

/* The units active in the year, in Vietnamese name order (read along the
** unit_by_sort index, no sorting), then stably by kind rank: t->nodes and
** the tree's text, not yet linked. */
static int tree_read_units(lt_ctx *ctx, const char *y0, const char *y1, unit_tree *t, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "SELECT id, code, name, kind FROM unit INDEXED BY unit_by_sort"
        " WHERE active_from<=?2 AND (active_to IS NULL OR active_to>=?1) ORDER BY name_sort, code", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, y0);
    db_bind_text(st, 2, y1);
    long count[7] = {0};
    /* ids are rowids, so the largest bounds the count: room for all at
    ** once spares copying 20 MB arrays as they grow */
    long cap = (long)db_int(ctx->db, "SELECT max(id) FROM unit", 0, NULL) + 1;
    if (cap < 256 || cap > UNITS_PRESIZED) cap = 256;
    lt_buf text;   /* every code and name, NUL-terminated, one after another */
    lt_buf_init(&text, 0);
    if (lt_buf_reserve(&text, (size_t)cap * 80)) /* all at once: 60 bytes a unit nationally */
        text.err = 0;                            /* (a hint: it grows as it must) */
    unit_node *read = malloc((size_t)cap * sizeof *read);
    int r = read ? 0 : -1, rc = read ? LT_OK : LT_EOOM;
    if (read) lt_mem_hint_large(read, (size_t)cap * sizeof *read);
    while (rc == LT_OK && (r = db_step_row(ctx->db, st, e)) == 1) {
        if (t->n == cap) {
            unit_node *more = realloc(read, (size_t)cap * 2 * sizeof *read);
            if (!more) { rc = LT_EOOM; break; }
            read = more;
            cap *= 2;
        }
        unit_node *u = &read[t->n++];
        u->id = db_col_int64(st, 0);
        u->code = (char *)(uintptr_t)text.len; /* offsets until the text stops growing */
        lt_buf_append(&text, db_col_text(st, 1), (size_t)db_col_bytes(st, 1) + 1);
        u->name = (char *)(uintptr_t)text.len;
        lt_buf_append(&text, db_col_text(st, 2), (size_t)db_col_bytes(st, 2) + 1);
        size_t kind_len = (size_t)db_col_bytes(st, 3);
        if (kind_len >= sizeof u->kind) kind_len = sizeof u->kind - 1;
        memcpy(u->kind, db_col_text(st, 3), kind_len);
        u->kind[kind_len] = 0;
        u->parent = kind_rank(u->kind);   /* the rank, for the bucket pass below */
        u->party_org = u->parent <= KIND_RANK_LAST_PARTY_ORG;
        u->agency = u->parent == KIND_RANK_AGENCY;
        count[u->parent + 1]++;
    }
    db_reset(st);
    if (rc == LT_OK && r < 0) rc = lt_err_code(e, LT_EDB);
    t->ntext = text.len;
    t->text = lt_buf_take(&text); /* NULL if an append failed: the offsets are wrong */
    if (rc == LT_OK && !t->text) rc = LT_EOOM;
    if (rc == LT_OK && !(t->nodes = malloc((size_t)(t->n ? t->n : 1) * sizeof *t->nodes))) rc = LT_EOOM;
    if (rc == LT_OK) lt_mem_hint_large(t->nodes, (size_t)t->n * sizeof *t->nodes);
    if (rc) { free(read); t->n = 0; return rc == LT_EOOM ? lt_err_oom(e) : rc; }
    for (int k = 1; k < 7; k++) count[k] += count[k - 1];
    for (long i = 0; i < t->n; i++) {
        read[i].code = t->text + (uintptr_t)read[i].code;
        read[i].name = t->text + (uintptr_t)read[i].name;
        t->nodes[count[read[i].parent]++] = read[i];
    }
    free(read);
    return LT_OK;
}

/* The units active at some time from day y0 to day y1, read and found by
** id (labelled `year`), not yet linked: tree_link_* then tree_linked. */
static int tree_units_between(lt_ctx *ctx, const char *y0, const char *y1, int year, unit_tree *t,
                              lt_err *e) {
    static unsigned long long serials;
    memset(t, 0, sizeof *t);
    t->year = year;
    t->serial = __atomic_add_fetch(&serials, 1, __ATOMIC_RELAXED);
    int rc = tree_read_units(ctx, y0, y1, t, e);
    if (rc) { tree_free(t); return rc; }
    if (tree_hash_init(t) || !(t->holders = malloc(sizeof *t->holders))) { tree_free(t); return lt_err_oom(e); }
    *t->holders = 1;
    for (long k = 0; k < t->n; k++) tree_hash_put(t, t->nodes[k].id, k);
    return LT_OK;
}

/* Each unit's parent while a tree's links are read: the link of its days
** with the latest start (a later row of the same start wins). */
typedef struct tree_links { long long *parents, *since; } tree_links;

static int tree_links_begin(const unit_tree *t, tree_links *l) {
    size_t n = (size_t)(t->n ? t->n : 1);
    l->parents = calloc(n, sizeof *l->parents);
    l->since = calloc(n, sizeof *l->since);
    return l->parents && l->since ? LT_OK : LT_EOOM;
}

/* One row of TREE_LINKS_SELECT: unit, parent, first day as YYYYMMDD. */
static void tree_link(const unit_tree *t, tree_links *l, long long unit, long long parent, long long from) {
    long i = tree_index(t, unit);
    if (i < 0 || from < l->since[i]) return;
    l->parents[i] = parent;
    l->since[i] = from;
}

/* The tree put in order by its links (rc: how reading them went, e set
** but for LT_EOOM); on failure the tree is freed. */
static int tree_linked(unit_tree *t, tree_links *l, int rc, lt_err *e) {
    if (rc == LT_OK && tree_order(t, l->parents)) rc = LT_EOOM;
    if (rc == LT_EOOM) lt_err_oom(e);
    free(l->parents);
    free(l->since);
    if (rc) tree_free(t);
    return rc;
}

/* The tree of the units active at some time from day y0 to day y1, each
** under the parent of its latest link in those days (labelled `year`). */
static int tree_load_between(lt_ctx *ctx, const char *y0, const char *y1, int year, unit_tree *t,
                             lt_err *e) {
    int rc = tree_units_between(ctx, y0, y1, year, t, e);
    if (rc) return rc;
    tree_links l;
    rc = tree_links_begin(t, &l);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, TREE_LINKS_SELECT
                                              " WHERE valid_from<=?2 AND (valid_to IS NULL OR valid_to>=?1)", e);
    if (st) {
        db_bind_text(st, 1, y0);
        db_bind_text(st, 2, y1);
        int r;
        while ((r = db_step_row(ctx->db, st, e)) == 1)
            tree_link(t, &l, db_col_int64(st, 0), db_col_int64(st, 1), db_col_int64(st, 2));
        db_reset(st);
        if (r < 0) rc = lt_err_code(e, LT_EDB);
    } else if (rc == LT_OK) {
        rc = LT_EDB;
    }
    return tree_linked(t, &l, rc, e);
}

int tree_units_on(lt_ctx *ctx, const char *day, int year, unit_tree *t, lt_err *e) {
    return tree_units_between(ctx, day, day, year, t, e);
}

int tree_link_rows(unit_tree *t, const ind_rows *links, lt_err *e) {
    tree_links l;
    int rc = tree_links_begin(t, &l);
    for (long j = 0; rc == LT_OK && j < links->n; j++) {
        const long long *v = ind_row(links, j);
        tree_link(t, &l, v[0], v[1], v[2]);
    }
    return tree_linked(t, &l, rc, e);
}

int tree_load(lt_ctx *ctx, int year, unit_tree *t, lt_err *e) {
    char ref[11];
    memset(t, 0, sizeof *t);
    if (dom_year_ref(ctx, year, ref, e)) return LT_EDB;
    return tree_load_between(ctx, ref, ref, year, t, e);
}

int tree_load_on(lt_ctx *ctx, const char *day, int year, unit_tree *t, lt_err *e) {
    return tree_load_between(ctx, day, day, year, t, e);
}

int tree_load_range(lt_ctx *ctx, int from, int to, unit_tree *t, lt_err *e) {
    char d0[11], d1[11];
    memset(t, 0, sizeof *t);
    snprintf(d0, sizeof d0, "%04d-01-01", from); /* units closed early in `from` have figures of it */
    if (dom_year_ref(ctx, to, d1, e)) return LT_EDB;
    return tree_load_between(ctx, d0, d1, to, t, e);
}

void tree_copy(unit_tree *to, const unit_tree *from) {
    *to = *from;
    if (!from->holders) { /* not loaded by tree_load: a mistake of ours */
        fputs("lamtheo: tree_copy of a tree that tree_load did not make\n", stderr);
        abort();
    }
    __atomic_add_fetch(from->holders, 1, __ATOMIC_RELAXED);
}

void tree_free(unit_tree *t) {
    if (!t->holders || __atomic_sub_fetch(t->holders, 1, __ATOMIC_ACQ_REL) == 0) {
        free(t->nodes);
        free(t->by_id_slots);
        free(t->text);
        free(t->holders);
    }
    memset(t, 0, sizeof *t);
}

/* ---- a unit's own letterhead (DESIGN §9) ---------------------------------- */
int unit_letterhead_get(lt_ctx *ctx, long long unit_id, unit_letterhead *out, lt_err *e) {
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(ctx->db, "SELECT issuer_abbr, place, signer FROM unit_letterhead WHERE id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, unit_id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) {
        snprintf(out->abbr, sizeof out->abbr, "%s", db_col_text(st, 0));
        snprintf(out->place, sizeof out->place, "%s", db_col_text(st, 1));
        snprintf(out->signer, sizeof out->signer, "%s", db_col_text(st, 2));
    }
    db_reset(st);
    return row < 0 ? LT_EDB : LT_OK;
}

int unit_letterhead_save(lt_ctx *ctx, const char *unit_code, const unit_letterhead *in, lt_err *e) {
    long long id;
    if (unit_find(ctx, unit_code, &id, e) || dom_can_write_unit(ctx, id, e)) return e->code;
    if (dom_check_line(in->abbr, "Ký hiệu cơ quan ban hành", sizeof in->abbr - 1, 0, e) ||
        dom_check_line(in->place, "Địa danh", sizeof in->place - 1, 0, e) ||
        dom_check_line(in->signer, "Người ký", sizeof in->signer - 1, 0, e))
        return LT_EINPUT;
    for (const char *c = in->abbr; *c; c++)
        if (*c == ' ' || *c == '/' || *c == '-')
            return lt_err_set(e, LT_EINPUT, "Ký hiệu cơ quan ban hành: viết liền, không có dấu cách, \"/\" hay"
                              " \"-\" (vd: HU, ĐU, CB)", "issuer abbreviation: one word, without spaces, \"/\""
                              " or \"-\" (e.g. HU, ĐU, CB)");
    if (db_begin(ctx->db, e)) return LT_EDB;
    char *before = NULL;
    int rc = dom_snapshot(ctx, "unit_letterhead", id, &before, e);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, "INSERT INTO unit_letterhead(id, issuer_abbr, place, signer)"
                                   " VALUES (?1, ?2, ?3, ?4) ON CONFLICT(id) DO UPDATE SET issuer_abbr=?2,"
                                   " place=?3, signer=?4", e);
    if (!rc && !st) rc = LT_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, in->abbr);
        db_bind_text(st, 3, in->place);
        db_bind_text(st, 4, in->signer);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, before ? "update" : "insert", "unit_letterhead", id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

int unit_head_name(lt_ctx *ctx, long long unit_id, int year, char *out, size_t n, lt_err *e) {
    char ref[11];
    *out = 0;
    if (dom_year_ref(ctx, year, ref, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db, "SELECT p.full_name FROM membership m JOIN person p ON p.id=m.person_id"
                                           " WHERE m.unit_id=?1 AND m.head=1 AND m.valid_from<=?2 AND"
                                           " (m.valid_to IS NULL OR m.valid_to>=?2) ORDER BY m.valid_from DESC"
                                           " LIMIT 1", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, ref);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(out, n, "%s", db_col_text(st, 0));
    db_reset(st);
    return row < 0 ? LT_EDB : LT_OK;
}

int unit_name_of(lt_ctx *ctx, long long id, char *out, size_t n, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT name FROM unit WHERE id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(out, n, "%s", db_col_text(st, 0));
    db_reset(st);
    return row == 1 ? LT_OK : row < 0 ? LT_EDB : lt_err_set(e, LT_ENOTFOUND, "không có đơn vị này", "no such unit");
}
