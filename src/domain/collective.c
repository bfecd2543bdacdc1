/*
** collective.c — a party organisation's collective registration of a year
** (đăng ký tập thể, DESIGN §1 item 9) and its workflow, as a person's
** registration (registration.c): draft -> submitted -> approved (or
** returned with a reason) -> published -> self-assessed -> evaluated.
** The unit's officer (or one above, or an admin) writes, submits,
** publishes and self-assesses; approving, returning and evaluating are the
** level above's: an officer whose scope unit is a strict ancestor of the
** unit, or an admin.  Every transition is recorded with who and when, and
** a status change that lost a race is a conflict.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What we need to know about a collective registration to apply a rule. */
typedef struct coll_info {
    long long id, unit_id;
    int year, items, unassessed, submitted_before;
    reg_status status;
} coll_info;

static int coll_load(lt_ctx *ctx, long long id, coll_info *c, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "SELECT c.id, c.unit_id, c.year, c.status, c.submitted_at IS NOT NULL,"
        " (SELECT count(*) FROM collective_item i WHERE i.collective_id=c.id),"
        " (SELECT count(*) FROM collective_item i WHERE i.collective_id=c.id AND i.assessment IS NULL)"
        " FROM collective c WHERE c.id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    int row = db_step_row(ctx->db, st, e);
    if (row <= 0) {
        db_reset(st);
        return row < 0 ? LT_EDB : lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký tập thể số %lld",
                                             "no collective registration number %lld", id);
    }
    c->id = db_col_int64(st, 0);
    c->unit_id = db_col_int64(st, 1);
    c->year = db_col_int(st, 2);
    reg_status_parse(db_col_text(st, 3), &c->status);
    c->submitted_before = db_col_int(st, 4);
    c->items = db_col_int(st, 5);
    c->unassessed = db_col_int(st, 6);
    db_reset(st);
    return LT_OK;
}

/* May the actor act as the unit (write, submit, publish, self-assess)? */
static int may_author(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (ctx->role == ROLE_ADMIN) return LT_OK;
    if (ctx->role == ROLE_OFFICER && unit_in_subtree(ctx, unit_id, ctx->scope_unit)) return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "chỉ cấp ủy của đơn vị hoặc cấp trên được viết, gửi, công khai "
                      "và tự đánh giá bản đăng ký tập thể", "only an officer of the unit or above may "
                      "write, submit, publish or self-assess a collective registration");
}

/* May the actor act as the level above (approve, return, evaluate)?  An
** admin, or an officer whose scope unit is a strict ancestor of the unit. */
static int may_review(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (ctx->role == ROLE_ADMIN) return LT_OK;
    if (ctx->role == ROLE_OFFICER && ctx->scope_unit != unit_id &&
        unit_in_subtree(ctx, unit_id, ctx->scope_unit))
        return LT_OK;
    if (ctx->role == ROLE_OFFICER && ctx->scope_unit == unit_id)
        return lt_err_set(e, LT_EREFUSED, "chỉ cấp ủy cấp trên của đơn vị được duyệt, trả lại hay đánh "
                          "giá bản đăng ký tập thể; cấp ủy của chính đơn vị thì không",
                          "only an officer of the level above may approve, return or evaluate a "
                          "collective registration, not the unit's own");
    return lt_err_set(e, LT_EREFUSED, "chỉ cấp ủy cấp trên của đơn vị được duyệt, trả lại hay đánh "
                      "giá bản đăng ký tập thể", "only an officer of the level above may approve, "
                      "return or evaluate a collective registration");
}

static int illegal(lt_err *e, const coll_info *c, const char *to) {
    return lt_err_set(e, LT_EREFUSED, "không thể chuyển bản đăng ký tập thể từ \"%s\" sang \"%s\"",
                      "a collective registration cannot go from \"%s\" to \"%s\"",
                      reg_status_name(c->status), to);
}

/* Record c's move from its status to `to` (the row is updated already). */
static int record_transition(lt_ctx *ctx, const coll_info *c, reg_status to, const char *reason,
                             const char *now, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO collective_transition(collective_id, from_status, to_status, actor, at, reason)"
        " VALUES (?,?,?,?,?,?)", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, c->id);
    db_bind_text(st, 2, reg_status_name(c->status));
    db_bind_text(st, 3, reg_status_name(to));
    db_bind_text(st, 4, ctx->actor);
    db_bind_text(st, 5, now);
    db_bind_text(st, 6, reason ? reason : "");
    return db_step_done(ctx->db, st, e);
}

/* Move c from its status to `to`, if nobody changed it meanwhile (else
** LT_ECONFLICT); set the columns that go with the new status; record the
** transition and the audit row. */
static int coll_transition(lt_ctx *ctx, const coll_info *c, reg_status to, const char *reason,
                           const char *grade, lt_err *e) {
    char now[21];
    if (ctx->now[0]) memcpy(now, ctx->now, sizeof now);
    else db_now(now);
    char *before = NULL;
    if (dom_snapshot(ctx, "collective", c->id, &before, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "UPDATE collective SET status=?1, version=version+1,"
        " return_reason=CASE WHEN ?1='returned' THEN ?4 ELSE return_reason END,"
        " submitted_at=CASE WHEN ?1='submitted' THEN coalesce(submitted_at, ?6) ELSE submitted_at END,"
        " approved_by=CASE WHEN ?1='approved' THEN ?5 ELSE approved_by END,"
        " approved_at=CASE WHEN ?1='approved' THEN ?6 ELSE approved_at END,"
        " published_at=CASE WHEN ?1='published' THEN ?6 ELSE published_at END,"
        " grade=CASE WHEN ?1='evaluated' THEN ?7 ELSE grade END,"
        " evaluated_by=CASE WHEN ?1='evaluated' THEN ?5 ELSE evaluated_by END,"
        " evaluated_at=CASE WHEN ?1='evaluated' THEN ?6 ELSE evaluated_at END"
        " WHERE id=?2 AND status=?3", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, reg_status_name(to));
        db_bind_int(st, 2, c->id);
        db_bind_text(st, 3, reg_status_name(c->status));
        db_bind_text(st, 4, reason);
        db_bind_text(st, 5, ctx->actor);
        db_bind_text(st, 6, now);
        db_bind_text(st, 7, grade);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK && db_changes(ctx->db) == 0)
        rc = lt_err_set(e, LT_ECONFLICT, "bản đăng ký tập thể vừa được người khác thay đổi; hãy tải lại",
                        "the collective registration was just changed by someone else; reload it");
    if (rc == LT_OK) rc = record_transition(ctx, c, to, reason, now, e);
    if (rc == LT_OK) rc = dom_audit(ctx, reg_status_name(to), "collective", c->id, before, e);
    else free(before);
    return rc;
}

int coll_recorded(lt_ctx *ctx, int from, int to) {
    lt_err ignored = {0};
    db_stmt *st = db_prepare(ctx->db, "SELECT 1 FROM collective WHERE year BETWEEN ? AND ? LIMIT 1", &ignored);
    if (!st) return 0;
    db_bind_int(st, 1, from);
    db_bind_int(st, 2, to);
    int found = db_step_is_row(st);
    db_reset(st);
    return found;
}

int coll_find(lt_ctx *ctx, const char *unit_code, int year, long long *id, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT c.id FROM collective c JOIN unit u ON"
                                           " u.id=c.unit_id WHERE u.code=? AND c.year=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, unit_code);
    db_bind_int(st, 2, year);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) *id = db_col_int64(st, 0);
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (row == 0)
        return lt_err_set(e, LT_ENOTFOUND, "%s chưa có bản đăng ký tập thể năm %d",
                          "%s has no collective registration for %d", unit_code, year);
    return LT_OK;
}

/* Is unit id a party organisation active at some time in year?  LT_EINPUT
** (naming the unit field) if not. */
static int check_unit(lt_ctx *ctx, long long id, const char *code, int year, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT kind, active_from<=?2 || '-12-31' AND (active_to IS NULL"
                                           " OR active_to>=?2 || '-01-01') FROM unit WHERE id=?1", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, year);
    int row = db_step_row(ctx->db, st, e), party = 0, active = 0;
    if (row == 1) {
        party = unit_kind_is_party_org(db_col_text(st, 0));
        active = db_col_int(st, 1);
    }
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (!party)
        return lt_err_set(e, LT_EINPUT, "ma_don_vi: chỉ tổ chức đảng (đảng bộ cơ sở, chi bộ) mới đăng ký "
                          "tập thể; \"%s\" thì không", "ma_don_vi: only party organisations (grassroots "
                          "committees, cells) register collectively; \"%s\" is not one", code);
    if (!active)
        return lt_err_set(e, LT_EINPUT, "nam: đơn vị \"%s\" không hoạt động trong năm %d",
                          "nam: unit \"%s\" is not active in %d", code, year);
    return LT_OK;
}

int coll_may_register(lt_ctx *ctx, const char *unit_code, int year, lt_err *e) {
    long long unit_id;
    if (dom_check_year(year, e)) return LT_EINPUT;
    if (unit_find(ctx, unit_code, &unit_id, e)) return e->code;
    return check_unit(ctx, unit_id, unit_code, year, e);
}

int coll_create(lt_ctx *ctx, const char *unit_code, int year, long long *id, lt_err *e) {
    long long unit_id;
    if (dom_check_year(year, e)) return LT_EINPUT;
    if (unit_find(ctx, unit_code, &unit_id, e)) return e->code;
    if (may_author(ctx, unit_id, e)) return e->code;
    if (coll_find(ctx, unit_code, year, id, NULL) == LT_OK) return LT_OK;
    if (check_unit(ctx, unit_id, unit_code, year, e)) return e->code;
    if (db_begin(ctx->db, e)) return LT_EDB;
    db_stmt *st = db_prepare(ctx->db, "INSERT INTO collective(unit_id, year) VALUES (?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        rc = db_step_id(ctx->db, st, id, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "collective", *id, NULL, e);
    return dom_finish(ctx, rc, e);
}

const char *coll_group_parse(const char *s) {
    static const char *const names[][4] = {
        {"topic", "Chuyên đề", "Làm theo chuyên đề", "chuyen de"},
        {"breakthrough", "Đột phá", "Nội dung đột phá", "dot pha"},
        {"other", "Khác", "khac", "Other"}};
    for (unsigned i = 0; s && i < LT_ARRAY_LEN(names); i++)
        for (int k = 0; k < 4; k++)
            if (strcasecmp(s, names[i][k]) == 0) return names[i][0];
    return NULL;
}

/* Check an item's text and group (default: the topic); *g the group's code. */
static int item_check(const char *body, const char *group, const char **g, lt_err *e) {
    if (dom_check_text(body, "noi_dung", DOM_MAX_TEXT, 1, e)) return LT_EINPUT;
    *g = coll_group_parse(group && *group ? group : "topic");
    if (!*g)
        return lt_err_set(e, LT_EINPUT, "nhom: nhóm không hợp lệ \"%s\" (chuyên đề, đột phá hoặc khác)",
                          "nhom: unknown group \"%s\" (topic, breakthrough or other)", group);
    return LT_OK;
}

/* Begin an edit of c's items: load it, check the actor and its status. */
static int begin_item_edit(lt_ctx *ctx, long long id, coll_info *c, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = coll_load(ctx, id, c, e);
    if (rc == LT_OK) rc = may_author(ctx, c->unit_id, e);
    if (rc == LT_OK && c->status != REG_DRAFT && c->status != REG_RETURNED)
        rc = lt_err_set(e, LT_EREFUSED, "chỉ sửa được nội dung khi bản đăng ký tập thể còn là bản nháp "
                        "hoặc bị trả lại (hiện: %s)", "items can only be edited in a draft or a "
                        "returned collective registration (now: %s)", reg_status_name(c->status));
    if (rc) db_rollback(ctx->db);
    return rc;
}

/* Insert item (position, body, group, deadline or NULL) of c; audited. */
static int insert_item(lt_ctx *ctx, long long id, int position, const char *body, const char *g,
                       const char *day, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO collective_item(collective_id, position, body, item_group, deadline) VALUES"
        " (?1, CASE WHEN ?2>0 THEN ?2 ELSE (SELECT coalesce(max(position),0)+1 FROM collective_item"
        " WHERE collective_id=?1) END, ?3, ?4, ?5) RETURNING id", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, position);
    db_bind_text(st, 3, body);
    db_bind_text(st, 4, g);
    db_bind_text(st, 5, day && *day ? day : NULL);
    long long item = 0;
    int rc = db_step_id(ctx->db, st, &item, e);
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "collective_item", item, NULL, e);
    return rc;
}

int coll_add_item(lt_ctx *ctx, long long id, const char *body, const char *group,
                  const char *deadline, lt_err *e) {
    const char *g;
    char day[11] = "";
    coll_info c;
    if (item_check(body, group, &g, e)) return LT_EINPUT;
    if (deadline && *deadline && dom_check_date(deadline, "han", day, e)) return LT_EINPUT;
    if (begin_item_edit(ctx, id, &c, e)) return e->code;
    return dom_finish(ctx, insert_item(ctx, id, 0, body, g, day, e), e);
}

int coll_set_items(lt_ctx *ctx, long long id, const char *const *bodies, const char *const *groups,
                   int n, lt_err *e) {
    const char *g[COLL_MAX_ITEMS];
    coll_info c;
    if (n > COLL_MAX_ITEMS)
        return lt_err_set(e, LT_EINPUT, "noi_dung: nhiều nhất %d nội dung", "noi_dung: at most %d items",
                          COLL_MAX_ITEMS);
    for (int i = 0; i < n; i++)
        if (item_check(bodies[i], groups ? groups[i] : NULL, &g[i], e)) return LT_EINPUT;
    if (begin_item_edit(ctx, id, &c, e)) return e->code;
    char *before = NULL;
    int rc = dom_snapshot(ctx, "collective", id, &before, e);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, "DELETE FROM collective_item WHERE collective_id=?", e);
    if (st) { db_bind_int(st, 1, id); rc = db_step_done(ctx->db, st, e); } else if (!rc) rc = LT_EDB;
    for (int i = 0; i < n && rc == LT_OK; i++) rc = insert_item(ctx, id, i + 1, bodies[i], g[i], NULL, e);
    if (rc == LT_OK) rc = dom_audit(ctx, "set_items", "collective", id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

/* Begin a workflow step: load c, check who may act (reviewer: the level
** above) and the statuses c may be in (a mask). */
static int begin_step(lt_ctx *ctx, long long id, coll_info *c, int reviewer, unsigned allowed,
                      const char *to, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = coll_load(ctx, id, c, e);
    if (rc == LT_OK) rc = reviewer ? may_review(ctx, c->unit_id, e) : may_author(ctx, c->unit_id, e);
    if (rc == LT_OK && !(allowed & (1u << c->status))) rc = illegal(e, c, to);
    if (rc) db_rollback(ctx->db);
    return rc;
}

int coll_submit(lt_ctx *ctx, long long id, lt_err *e) {
    coll_info c;
    if (begin_step(ctx, id, &c, 0, 1u << REG_DRAFT | 1u << REG_RETURNED, "submitted", e)) return e->code;
    int rc = c.items ? coll_transition(ctx, &c, REG_SUBMITTED, NULL, NULL, e)
                     : lt_err_set(e, LT_EINPUT, "noi_dung: hãy thêm ít nhất một nội dung rồi mới gửi duyệt",
                                  "noi_dung: add at least one item before submitting");
    return dom_finish(ctx, rc, e);
}

int coll_approve(lt_ctx *ctx, long long id, lt_err *e) {
    coll_info c;
    if (begin_step(ctx, id, &c, 1, 1u << REG_SUBMITTED, "approved", e)) return e->code;
    return dom_finish(ctx, coll_transition(ctx, &c, REG_APPROVED, NULL, NULL, e), e);
}

int coll_return(lt_ctx *ctx, long long id, const char *reason, lt_err *e) {
    coll_info c;
    if (!reason || !*reason)
        return lt_err_set(e, LT_EINPUT, "ly_do: phải nêu lý do trả lại",
                          "ly_do: a reason for returning is required");
    if (dom_check_text(reason, "ly_do", DOM_MAX_TEXT, 1, e)) return LT_EINPUT;
    if (begin_step(ctx, id, &c, 1, 1u << REG_SUBMITTED, "returned", e)) return e->code;
    return dom_finish(ctx, coll_transition(ctx, &c, REG_RETURNED, reason, NULL, e), e);
}

int coll_publish(lt_ctx *ctx, long long id, lt_err *e) {
    coll_info c;
    if (begin_step(ctx, id, &c, 0, 1u << REG_APPROVED, "published", e)) return e->code;
    return dom_finish(ctx, coll_transition(ctx, &c, REG_PUBLISHED, NULL, NULL, e), e);
}

/* The id of c's item number position (1-based) into *item. */
static int item_at(lt_ctx *ctx, long long id, int position, long long *item, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT id FROM collective_item WHERE collective_id=?"
                                           " AND position=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_int(st, 2, position);
    *item = db_step_is_row(st) ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return *item ? LT_OK : lt_err_set(e, LT_ENOTFOUND, "không có nội dung số %d", "no item number %d", position);
}

int coll_assess_item(lt_ctx *ctx, long long id, int position, const char *assessment, const char *note,
                     lt_err *e) {
    coll_info c;
    const char *a = assessment_parse(assessment ? assessment : "");
    if (!a)
        return lt_err_set(e, LT_EINPUT, "tu_danh_gia: phải là done / partly / not_done",
                          "tu_danh_gia: must be done / partly / not_done");
    if (dom_check_text(note, "ghi_chu", DOM_MAX_TEXT, 0, e)) return LT_EINPUT;
    if (begin_step(ctx, id, &c, 0, 1u << REG_APPROVED | 1u << REG_PUBLISHED, "self_assessed", e))
        return e->code;
    long long item;
    char *before = NULL;
    int rc = item_at(ctx, id, position, &item, e);
    if (rc == LT_OK) rc = dom_snapshot(ctx, "collective_item", item, &before, e);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, "UPDATE collective_item SET assessment=?,"
                                                       " assessment_note=? WHERE id=?", e);
    if (st) {
        db_bind_text(st, 1, a);
        db_bind_text(st, 2, note ? note : "");
        db_bind_int(st, 3, item);
        rc = db_step_done(ctx->db, st, e);
    } else if (rc == LT_OK) {
        rc = LT_EDB;
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "assess", "collective_item", item, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

int coll_self_assess(lt_ctx *ctx, long long id, lt_err *e) {
    coll_info c;
    if (begin_step(ctx, id, &c, 0, 1u << REG_APPROVED | 1u << REG_PUBLISHED, "self_assessed", e))
        return e->code;
    int rc = c.unassessed ? lt_err_set(e, LT_EREFUSED, "còn %d nội dung chưa tự đánh giá",
                                       "%d items are not self-assessed yet", c.unassessed)
                          : coll_transition(ctx, &c, REG_SELF_ASSESSED, NULL, NULL, e);
    return dom_finish(ctx, rc, e);
}

int coll_evaluate(lt_ctx *ctx, long long id, const char *grade, lt_err *e) {
    coll_info c;
    const char *g = grade_parse(grade ? grade : "");
    if (!g)
        return lt_err_set(e, LT_EINPUT, "xep_loai: không hợp lệ \"%s\"", "xep_loai: unknown grade \"%s\"",
                          grade ? grade : "");
    if (begin_step(ctx, id, &c, 1, 1u << REG_SELF_ASSESSED, "evaluated", e)) return e->code;
    return dom_finish(ctx, coll_transition(ctx, &c, REG_EVALUATED, NULL, g, e), e);
}

int coll_expect_version(lt_ctx *ctx, long long id, long version, lt_err *e) {
    long long now = db_int(ctx->db, "SELECT version FROM collective WHERE id=?", id, e);
    if (now < 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký tập thể số %lld",
                          "no collective registration number %lld", id);
    if (now != version)
        return lt_err_set(e, LT_ECONFLICT, "bản đăng ký tập thể vừa được người khác thay đổi; hãy tải lại "
                          "trang để xem", "the collective registration was just changed by someone else; "
                          "reload the page to see it");
    return LT_OK;
}

/* ---- reads ---------------------------------------------------------------- */
int q_collective(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e) {
    int rc = rows_run(ctx, out, e,
        "SELECT c.id, c.unit_id, u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, c.year,"
        " c.status, c.return_reason, c.submitted_at, c.approved_by, c.approved_at, c.published_at,"
        " c.grade, c.evaluated_by, c.evaluated_at, c.version FROM collective c JOIN unit u ON"
        " u.id=c.unit_id WHERE c.id=?", "I", id);
    if (rc == LT_OK && out->n == 0) {
        rows_free(out);
        return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký tập thể số %lld",
                          "no collective registration number %lld", id);
    }
    return rc;
}

int q_collective_items(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT position, body, item_group, coalesce(strftime('%d/%m/%Y',"
                    " deadline), '') AS deadline, assessment, assessment_note FROM collective_item"
                    " WHERE collective_id=? ORDER BY item_group='other', item_group='breakthrough',"
                    " position", "I", id);
}

int q_collective_history(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT from_status, to_status, actor, at, reason FROM"
                    " collective_transition WHERE collective_id=? ORDER BY id", "I", id);
}
