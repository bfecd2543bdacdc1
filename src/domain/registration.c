/*
** registration.c — a person's yearly written commitment and its workflow:
** draft -> submitted -> approved (or returned with a reason) -> published
** (required for key cadres) -> self-assessed -> evaluated.  The rules live
** here, not in callers: legal transitions only, who may do each step, a
** reason to return, publication before a key cadre's evaluation, grades
** only on self-assessed registrations.  Every transition is recorded with
** who and when, and a status change that lost a race is a conflict.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[] = {"draft", "submitted", "returned", "approved",
                                           "published", "self_assessed", "evaluated"};

const char *reg_status_name(reg_status s) {
    return (unsigned)s < LT_ARRAY_LEN(status_names) ? status_names[s] : "?";
}

int reg_status_parse(const char *s, reg_status *out) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(status_names); i++)
        if (strcmp(s, status_names[i]) == 0) { *out = (reg_status)i; return 0; }
    return -1;
}

/* What we need to know about a registration to apply a rule. */
typedef struct reg_info {
    long long id, person_id, unit_id;
    int year, key_cadre, published, items, unassessed;
    reg_status status;
} reg_info;

static int reg_load(lt_ctx *ctx, long long reg_id, reg_info *r, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "SELECT r.id, r.person_id, r.unit_id, r.year, r.key_cadre, r.published_at IS NOT NULL,"
        " r.status, (SELECT count(*) FROM registration_item i WHERE i.registration_id=r.id),"
        " (SELECT count(*) FROM registration_item i WHERE i.registration_id=r.id AND"
        "  i.assessment IS NULL) FROM registration r WHERE r.id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, reg_id);
    int row = db_step_row(ctx->db, st, e);
    if (row <= 0) {
        db_reset(st);
        return row < 0 ? LT_EDB : lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký số %lld",
                                             "no registration number %lld", reg_id);
    }
    r->id = db_col_int64(st, 0);
    r->person_id = db_col_int64(st, 1);
    r->unit_id = db_col_int64(st, 2);
    r->year = db_col_int(st, 3);
    r->key_cadre = db_col_int(st, 4);
    r->published = db_col_int(st, 5);
    reg_status_parse(db_col_text(st, 6), &r->status);
    r->items = db_col_int(st, 7);
    r->unassessed = db_col_int(st, 8);
    db_reset(st);
    return LT_OK;
}

/* May the actor act as the registration's author (write, submit, assess)? */
static int may_author(lt_ctx *ctx, const reg_info *r, lt_err *e) {
    if (ctx->role == ROLE_MEMBER && ctx->person_id == r->person_id) return LT_OK;
    if (ctx->role == ROLE_MEMBER)
        return lt_err_set(e, LT_EREFUSED, "bạn chỉ được sửa bản đăng ký của chính mình",
                          "you may only change your own registration");
    return dom_can_write_unit(ctx, r->unit_id, e);
}

/* May the actor act as the unit (approve, return, publish, evaluate)?  An
** officer of the person's unit or an ancestor, or an admin. */
static int may_review(lt_ctx *ctx, const reg_info *r, lt_err *e) {
    if (ctx->person_id && ctx->person_id == r->person_id)
        return lt_err_set(e, LT_EREFUSED, "không ai được tự duyệt, công khai hay đánh giá bản đăng ký "
                          "của chính mình", "nobody may approve, publish or evaluate their own registration");
    if (ctx->role == ROLE_ADMIN) return LT_OK;
    if (ctx->role == ROLE_OFFICER && unit_in_subtree(ctx, r->unit_id, ctx->scope_unit))
        return LT_OK;
    return lt_err_set(e, LT_EREFUSED,
                      "chỉ cấp ủy của đơn vị người đăng ký hoặc cấp trên được làm việc này",
                      "only an officer of the person's unit or an ancestor may do this");
}

static int illegal(lt_err *e, const reg_info *r, const char *to) {
    return lt_err_set(e, LT_EREFUSED, "không thể chuyển bản đăng ký từ \"%s\" sang \"%s\"",
                      "a registration cannot go from \"%s\" to \"%s\"",
                      reg_status_name(r->status), to);
}

/* Move r from its status to `to`, if nobody changed it meanwhile (else
** LT_ECONFLICT); set the columns that go with the new status (reason,
** approver, publication time, grade, the day in Vietnam of the first
** submission: DESIGN §1 item 10); record the transition and the
** audit row. */
static int reg_transition(lt_ctx *ctx, const reg_info *r, reg_status to, const char *reason,
                          const char *grade, lt_err *e) {
    char now[21];
    if (ctx->now[0]) memcpy(now, ctx->now, sizeof now);
    else db_now(now);
    char *before = NULL;
    if (dom_snapshot(ctx, "registration", r->id, &before, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "UPDATE registration SET status=?1, version=version+1,"
        " return_reason=CASE WHEN ?1='returned' THEN ?4 ELSE return_reason END,"
        " approved_by=CASE WHEN ?1='approved' THEN ?5 ELSE approved_by END,"
        " approved_at=CASE WHEN ?1='approved' THEN ?6 ELSE approved_at END,"
        " approver_id=CASE WHEN ?1='approved' THEN ?8 ELSE approver_id END,"
        " submitted_on=CASE WHEN ?1='submitted' THEN coalesce(submitted_on, date(?6, '+7 hours'))"
        "  ELSE submitted_on END,"
        " published_at=CASE WHEN ?1='published' THEN ?6 ELSE published_at END,"
        " grade=CASE WHEN ?1='evaluated' THEN ?7 ELSE grade END,"
        " evaluated_by=CASE WHEN ?1='evaluated' THEN ?5 ELSE evaluated_by END,"
        " evaluated_at=CASE WHEN ?1='evaluated' THEN ?6 ELSE evaluated_at END"
        " WHERE id=?2 AND status=?3", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, reg_status_name(to));
        db_bind_int(st, 2, r->id);
        db_bind_text(st, 3, reg_status_name(r->status));
        db_bind_text(st, 4, reason);
        db_bind_text(st, 5, ctx->actor);
        db_bind_text(st, 6, now);
        db_bind_text(st, 7, grade);
        if (ctx->person_id) db_bind_int(st, 8, ctx->person_id);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK && db_changes(ctx->db) == 0)
        rc = lt_err_set(e, LT_ECONFLICT, "bản đăng ký vừa được người khác thay đổi; hãy tải lại",
                        "the registration was just changed by someone else; reload it");
    if (rc == LT_OK && (st = db_prepare(ctx->db,
            "INSERT INTO registration_transition(registration_id, from_status, to_status, actor,"
            " at, reason) VALUES (?,?,?,?,?,?)", e))) {
        db_bind_int(st, 1, r->id);
        db_bind_text(st, 2, reg_status_name(r->status));
        db_bind_text(st, 3, reg_status_name(to));
        db_bind_text(st, 4, ctx->actor);
        db_bind_text(st, 5, now);
        db_bind_text(st, 6, reason ? reason : "");
        rc = db_step_done(ctx->db, st, e);
    } else if (rc == LT_OK) {
        rc = LT_EDB;
    }
    if (rc == LT_OK) rc = dom_audit(ctx, reg_status_name(to), "registration", r->id, before, e);
    else free(before);
    return rc;
}

int reg_find(lt_ctx *ctx, const char *person_code, int year, long long *reg_id, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT r.id FROM registration r JOIN person p ON"
                                           " p.id=r.person_id WHERE p.code=? AND r.year=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, person_code);
    db_bind_int(st, 2, year);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) *reg_id = db_col_int64(st, 0);
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (row == 0)
        return lt_err_set(e, LT_ENOTFOUND, "%s chưa có bản đăng ký năm %d",
                          "%s has no registration for %d", person_code, year);
    return LT_OK;
}

int reg_create(lt_ctx *ctx, const char *person_code, int year, long long *reg_id, lt_err *e) {
    long long pid;
    if (dom_check_year(year, e)) return LT_EINPUT;
    if (person_find(ctx, person_code, &pid, e)) return e->code;
    long long unit_id = db_int(ctx->db, "SELECT unit_id FROM person WHERE id=?", pid, e);
    reg_info probe = {.person_id = pid, .unit_id = unit_id};
    if (may_author(ctx, &probe, e)) return e->code;
    if (reg_find(ctx, person_code, year, reg_id, NULL) == LT_OK) return LT_OK;
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = LT_OK;
    db_stmt *st = rc ? NULL : db_prepare(ctx->db,
        "INSERT INTO registration(person_id, year, unit_id) VALUES (?,?,?) RETURNING id", e);
    if (rc == LT_OK && !st) rc = LT_EDB;
    if (st) {
        db_bind_int(st, 1, pid);
        db_bind_int(st, 2, year);
        db_bind_int(st, 3, unit_id);
        rc = db_step_id(ctx->db, st, reg_id, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "registration", *reg_id, NULL, e);
    return dom_finish(ctx, rc, e);
}

/* Load r and check that its items may be edited by the actor. */
static int begin_item_edit(lt_ctx *ctx, long long reg_id, reg_info *r, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = reg_load(ctx, reg_id, r, e);
    if (rc == LT_OK) rc = may_author(ctx, r, e);
    if (rc == LT_OK && r->status != REG_DRAFT && r->status != REG_RETURNED)
        rc = lt_err_set(e, LT_EREFUSED, "chỉ sửa được nội dung khi bản đăng ký còn là bản nháp "
                        "hoặc bị trả lại (hiện: %s)", "items can only be edited in a draft or a "
                        "returned registration (now: %s)", reg_status_name(r->status));
    if (rc) db_rollback(ctx->db);
    return rc;
}

/* Check an item's text and group; *g the group's code. */
static int item_check(const char *body, const char *group, const char **g, lt_err *e) {
    if (dom_check_text(body, "noi_dung", DOM_MAX_TEXT, 1, e)) return LT_EINPUT;
    *g = item_group_parse(group && *group ? group : "other");
    if (!*g)
        return lt_err_set(e, LT_EINPUT, "nhom: nhóm không hợp lệ \"%s\"",
                          "nhom: unknown group \"%s\"", group);
    return LT_OK;
}

int reg_item_check(const char *body, const char *group, lt_err *e) {
    const char *g;
    return item_check(body, group, &g, e);
}

int reg_add_item(lt_ctx *ctx, long long reg_id, const char *body, const char *group,
                 const char *deadline, lt_err *e) {
    const char *g;
    char day[11] = "";
    reg_info r;
    if (item_check(body, group, &g, e)) return LT_EINPUT;
    if (deadline && *deadline && dom_check_date(deadline, "han", day, e)) return LT_EINPUT;
    if (begin_item_edit(ctx, reg_id, &r, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO registration_item(registration_id, position, body, item_group, deadline) "
        "VALUES (?1, (SELECT coalesce(max(position),0)+1 FROM registration_item WHERE "
        "registration_id=?1), ?2, ?3, ?4) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    long long item = 0;
    if (st) {
        db_bind_int(st, 1, reg_id);
        db_bind_text(st, 2, body);
        db_bind_text(st, 3, g);
        db_bind_text(st, 4, *day ? day : NULL);
        rc = db_step_id(ctx->db, st, &item, e);
    }
    if (rc == LT_OK)
        rc = dom_audit(ctx, "insert", "registration_item", item, NULL, e);
    return dom_finish(ctx, rc, e);
}

/* Do the stored items equal bodies/groups exactly? */
static int items_equal(lt_ctx *ctx, long long reg_id, const char *const *bodies,
                       const char *const *groups, int n) {
    db_stmt *st = db_prepare(ctx->db, "SELECT body, item_group FROM registration_item "
                                           "WHERE registration_id=? ORDER BY position", NULL);
    if (!st) return 0;
    db_bind_int(st, 1, reg_id);
    int i = 0, same = 1;
    while (same && db_step_is_row(st)) {
        same = i < n && strcmp(db_col_text(st, 0), bodies[i]) == 0 &&
               strcmp(db_col_text(st, 1), groups[i]) == 0;
        i++;
    }
    db_reset(st);
    return same && i == n;
}

int reg_set_items(lt_ctx *ctx, long long reg_id, const char *const *bodies,
                  const char *const *groups, int n, int *changed, lt_err *e) {
    reg_info r;
    const char **g = calloc((size_t)(n > 0 ? n : 1), sizeof *g);
    if (!g) return lt_err_oom(e);
    int rc = LT_OK;
    *changed = 0;
    for (int i = 0; i < n && rc == LT_OK; i++) rc = item_check(bodies[i], groups[i], &g[i], e);
    /* the same items again (a re-import) change nothing, whatever the status,
    ** but only for someone who may write them */
    if (rc == LT_OK) rc = reg_load(ctx, reg_id, &r, e);
    if (rc == LT_OK) rc = may_author(ctx, &r, e);
    if (rc == LT_OK && items_equal(ctx, reg_id, bodies, g, n)) { free(g); return LT_OK; }
    if (rc == LT_OK) rc = begin_item_edit(ctx, reg_id, &r, e);
    if (rc) { free(g); return rc; }
    char *before = NULL;
    rc = dom_snapshot(ctx, "registration", reg_id, &before, e);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, "DELETE FROM registration_item WHERE registration_id=?", e);
    if (st) { db_bind_int(st, 1, reg_id); rc = db_step_done(ctx->db, st, e); } else if (!rc) rc = LT_EDB;
    for (int i = 0; i < n && rc == LT_OK; i++) {
        st = db_prepare(ctx->db, "INSERT INTO registration_item(registration_id, position, body,"
                                 " item_group) VALUES (?,?,?,?)", e);
        if (!st) { rc = LT_EDB; break; }
        db_bind_int(st, 1, reg_id);
        db_bind_int(st, 2, i + 1);
        db_bind_text(st, 3, bodies[i]);
        db_bind_text(st, 4, g[i]);
        rc = db_step_done(ctx->db, st, e);
    }
    free(g);
    if (rc == LT_OK) rc = dom_audit(ctx, "set_items", "registration", reg_id, before, e);
    else free(before);
    *changed = rc == LT_OK;
    return dom_finish(ctx, rc, e);
}

/* Begin a workflow step: load r, check who may act and what status r must
** be in (mask of statuses). */
static int begin_step(lt_ctx *ctx, long long reg_id, reg_info *r, int reviewer,
                      unsigned allowed, const char *to, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = reg_load(ctx, reg_id, r, e);
    if (rc == LT_OK) rc = reviewer ? may_review(ctx, r, e) : may_author(ctx, r, e);
    if (rc == LT_OK && !(allowed & (1u << r->status))) rc = illegal(e, r, to);
    if (rc) db_rollback(ctx->db);
    return rc;
}

int reg_submit(lt_ctx *ctx, long long reg_id, lt_err *e) {
    reg_info r;
    if (begin_step(ctx, reg_id, &r, 0, 1u << REG_DRAFT | 1u << REG_RETURNED, "submitted", e))
        return e->code;
    int rc = r.items ? reg_transition(ctx, &r, REG_SUBMITTED, NULL, NULL, e)
                     : lt_err_set(e, LT_EINPUT, "noi_dung: hãy thêm ít nhất một nội dung cam kết rồi mới gửi duyệt",
                                  "noi_dung: add at least one item before submitting");
    return dom_finish(ctx, rc, e);
}

int reg_approve(lt_ctx *ctx, long long reg_id, lt_err *e) {
    reg_info r;
    if (begin_step(ctx, reg_id, &r, 1, 1u << REG_SUBMITTED, "approved", e)) return e->code;
    return dom_finish(ctx, reg_transition(ctx, &r, REG_APPROVED, NULL, NULL, e), e);
}

int reg_return(lt_ctx *ctx, long long reg_id, const char *reason, lt_err *e) {
    reg_info r;
    if (!reason || !*reason)
        return lt_err_set(e, LT_EINPUT, "ly_do: phải nêu lý do trả lại",
                          "reason: a reason for returning is required");
    if (dom_check_text(reason, "ly_do", DOM_MAX_TEXT, 1, e)) return LT_EINPUT;
    if (begin_step(ctx, reg_id, &r, 1, 1u << REG_SUBMITTED, "returned", e)) return e->code;
    return dom_finish(ctx, reg_transition(ctx, &r, REG_RETURNED, reason, NULL, e), e);
}

int reg_publish(lt_ctx *ctx, long long reg_id, lt_err *e) {
    reg_info r;
    if (begin_step(ctx, reg_id, &r, 1, 1u << REG_APPROVED, "published", e)) return e->code;
    return dom_finish(ctx, reg_transition(ctx, &r, REG_PUBLISHED, NULL, NULL, e), e);
}

int reg_assess_item(lt_ctx *ctx, long long reg_id, int position, const char *assessment,
                    const char *note, lt_err *e) {
    reg_info r;
    const char *a = assessment_parse(assessment ? assessment : "");
    if (!a)
        return lt_err_set(e, LT_EINPUT, "tu_danh_gia: phải là done / partly / not_done",
                          "assessment: must be done / partly / not_done");
    if (dom_check_text(note, "ghi_chu", DOM_MAX_TEXT, 0, e)) return LT_EINPUT;
    if (begin_step(ctx, reg_id, &r, 0, 1u << REG_APPROVED | 1u << REG_PUBLISHED, "self_assessed", e))
        return e->code;
    long long item = 0;
    db_stmt *st = db_prepare(ctx->db, "SELECT id FROM registration_item WHERE "
                                           "registration_id=? AND position=?", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, reg_id);
        db_bind_int(st, 2, position);
        if (db_step_is_row(st)) item = db_col_int64(st, 0);
        db_reset(st);
        if (!item) rc = lt_err_set(e, LT_ENOTFOUND, "không có nội dung số %d", "no item number %d",
                                   position);
    }
    char *before = NULL;
    if (rc == LT_OK) rc = dom_snapshot(ctx, "registration_item", item, &before, e);
    if (rc == LT_OK && (st = db_prepare(ctx->db, "UPDATE registration_item SET assessment=?,"
                                                 " assessment_note=? WHERE id=?", e))) {
        db_bind_text(st, 1, a);
        db_bind_text(st, 2, note ? note : "");
        db_bind_int(st, 3, item);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "assess", "registration_item", item, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

int reg_self_assess(lt_ctx *ctx, long long reg_id, lt_err *e) {
    reg_info r;
    if (begin_step(ctx, reg_id, &r, 0, 1u << REG_APPROVED | 1u << REG_PUBLISHED, "self_assessed", e))
        return e->code;
    int rc = LT_OK;
    if (r.key_cadre && !r.published)
        rc = lt_err_set(e, LT_EREFUSED, "bản đăng ký của cán bộ chủ chốt phải được công khai trước",
                        "a key cadre's registration must be published first");
    else if (r.unassessed)
        rc = lt_err_set(e, LT_EREFUSED, "còn %d nội dung chưa tự đánh giá",
                        "%d items are not self-assessed yet", r.unassessed);
    if (rc == LT_OK) rc = reg_transition(ctx, &r, REG_SELF_ASSESSED, NULL, NULL, e);
    return dom_finish(ctx, rc, e);
}

int reg_evaluate(lt_ctx *ctx, long long reg_id, const char *grade, lt_err *e) {
    reg_info r;
    const char *g = grade_parse(grade ? grade : "");
    if (!g)
        return lt_err_set(e, LT_EINPUT, "xep_loai: không hợp lệ \"%s\"",
                          "grade: unknown grade \"%s\"", grade ? grade : "");
    if (begin_step(ctx, reg_id, &r, 1, 1u << REG_SELF_ASSESSED, "evaluated", e)) return e->code;
    int rc = LT_OK;
    if (r.key_cadre && !r.published)
        rc = lt_err_set(e, LT_EREFUSED, "bản đăng ký của cán bộ chủ chốt phải được công khai "
                        "trước khi đánh giá", "a key cadre's registration must be published "
                        "before it is evaluated");
    if (rc == LT_OK) rc = reg_transition(ctx, &r, REG_EVALUATED, NULL, g, e);
    return dom_finish(ctx, rc, e);
}

int reg_get_status(lt_ctx *ctx, long long reg_id, reg_status *s, lt_err *e) {
    reg_info r;
    int rc = reg_load(ctx, reg_id, &r, e);
    if (rc == LT_OK) *s = r.status;
    return rc;
}

int reg_expect_version(lt_ctx *ctx, long long reg_id, long version, lt_err *e) {
    long long now = db_int(ctx->db, "SELECT version FROM registration WHERE id=?", reg_id, e);
    if (now < 0) return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký số %lld", "no registration number %lld", reg_id);
    if (now != version)
        return lt_err_set(e, LT_ECONFLICT, "bản đăng ký vừa được người khác thay đổi; hãy tải lại trang để xem",
                          "the registration was just changed by someone else; reload the page to see it");
    return LT_OK;
}

/* ---- a registration's state as another installation kept it (imports) ---- */
/* Item k's deadline, assessment and note into the row (position k + 1)
** when they differ; *changed set then. */
static int restore_item(lt_ctx *ctx, long long reg_id, int k, const reg_restore_in *in, int *changed,
                        lt_err *e) {
    char day[11] = "";
    const char *a = in->assessments[k] && *in->assessments[k] ? assessment_parse(in->assessments[k]) : NULL;
    if (in->assessments[k] && *in->assessments[k] && !a)
        return lt_err_set(e, LT_EINPUT, "tu_danh_gia: không hợp lệ \"%s\"", "tu_danh_gia: unknown \"%s\"",
                          in->assessments[k]);
    if (in->deadlines[k] && *in->deadlines[k] && dom_check_date(in->deadlines[k], "han", day, e))
        return LT_EINPUT;
    const char *note = in->notes[k] ? in->notes[k] : "";
    if (dom_check_text(note, "ghi_chu", DOM_MAX_TEXT, 0, e)) return LT_EINPUT;
    db_stmt *st = db_prepare(ctx->db, "UPDATE registration_item SET deadline=nullif(?3, ''),"
                                           " assessment=?4, assessment_note=?5 WHERE registration_id=?1 AND"
                                           " position=?2 AND (deadline IS DISTINCT FROM nullif(?3, '') OR"
                                           " assessment IS DISTINCT FROM ?4 OR assessment_note IS DISTINCT"
                                           " FROM ?5)", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, reg_id);
    db_bind_int(st, 2, k + 1);
    db_bind_text(st, 3, day);
    db_bind_text(st, 4, a);
    db_bind_text(st, 5, note);
    int rc = db_step_done(ctx->db, st, e);
    if (rc == LT_OK && db_changes(ctx->db) > 0) *changed = 1;
    return rc;
}

/* The registration's status, grade, day of publication and unit written
** in; *changed set when they differ (the day compared, not its hour). */
static int restore_head(lt_ctx *ctx, long long reg_id, const reg_restore_in *in, int *changed,
                        lt_err *e) {
    reg_status status;
    char pub[11] = "";
    const char *grade = in->grade && *in->grade ? grade_parse(in->grade) : NULL;
    long long unit_id = 0;
    if (reg_status_parse(in->status ? in->status : "", &status))
        return lt_err_set(e, LT_EINPUT, "trang_thai: không hợp lệ \"%s\"", "trang_thai: unknown \"%s\"",
                          in->status ? in->status : "");
    if (in->grade && *in->grade && !grade)
        return lt_err_set(e, LT_EINPUT, "xep_loai: không hợp lệ \"%s\"", "xep_loai: unknown \"%s\"", in->grade);
    if (in->published_on && *in->published_on && dom_check_date(in->published_on, "ngay_cong_khai", pub, e))
        return LT_EINPUT;
    if (in->unit_code && *in->unit_code && unit_find(ctx, in->unit_code, &unit_id, e))
        return lt_err_set(e, LT_EINPUT, "ma_don_vi: không có đơn vị mã \"%s\"", "ma_don_vi: no unit with"
                          " code \"%s\"", in->unit_code);
    db_stmt *st = db_prepare(ctx->db,
        "UPDATE registration SET status=?2, grade=?3, published_at=CASE WHEN ?4='' THEN NULL WHEN"
        " substr(published_at, 1, 10) IS NOT DISTINCT FROM ?4 THEN published_at ELSE ?4 || 'T00:00:00Z'"
        " END, unit_id=CASE WHEN ?5 <> 0 THEN ?5 ELSE unit_id END, version=version+1 WHERE id=?1 AND"
        " (status IS DISTINCT FROM ?2 OR grade IS DISTINCT FROM ?3 OR (published_at IS NULL) <> (?4='')"
        " OR substr(published_at, 1, 10) IS DISTINCT FROM nullif(?4, '') OR (?5 <> 0 AND unit_id<>?5))", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, reg_id);
    db_bind_text(st, 2, reg_status_name(status));
    db_bind_text(st, 3, grade);
    db_bind_text(st, 4, pub);
    db_bind_int(st, 5, unit_id);
    int rc = db_step_done(ctx->db, st, e);
    if (rc == LT_OK && db_changes(ctx->db) > 0) {
        *changed = 1; /* placed by its person's membership again where there is one */
        st = db_prepare(ctx->db, "INSERT INTO registration_realign VALUES (?)", e);
        if (!st) return LT_EDB;
        db_bind_int(st, 1, reg_id);
        rc = db_step_done(ctx->db, st, e);
    }
    return rc;
}

int reg_restore(lt_ctx *ctx, long long reg_id, const reg_restore_in *in, int *changed, lt_err *e) {
    *changed = 0;
    if (ctx->role != ROLE_ADMIN)
        return lt_err_set(e, LT_EREFUSED, "trang_thai: chỉ quản trị viên được nhập trạng thái của bản đăng ký",
                          "trang_thai: only an admin may import registrations' states");
    if (db_begin(ctx->db, e)) return LT_EDB;
    char *before = NULL;
    int rc = dom_snapshot(ctx, "registration", reg_id, &before, e);
    if (rc == LT_OK) rc = restore_head(ctx, reg_id, in, changed, e);
    for (int k = 0; rc == LT_OK && k < in->nitems; k++) rc = restore_item(ctx, reg_id, k, in, changed, e);
    if (rc == LT_OK && *changed) rc = dom_audit(ctx, "restore", "registration", reg_id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}
