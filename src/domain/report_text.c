/*
** report_text.c — the parts of a report that people write (DESIGN §9,
** reference/party-documents.md "Sơ kết / tổng kết"): for a unit and a
** period, its strengths, shortcomings and causes, lessons, tasks ahead and
** recommendations.  Every save is a new row (the history stays); a
** report quotes the newest final text of each part, a draft waits.  The
** officer of that unit and admins write them; whoever may read the
** unit's report reads what is final.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const report_parts[REPORT_PARTS] = {"strengths", "shortcomings", "lessons", "tasks",
                                                "recommendations"};

/* The officer of that unit itself, or an admin. */
static int may_write_texts(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (ctx->role == ROLE_ADMIN || (ctx->role == ROLE_OFFICER && ctx->scope_unit == unit_id)) return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "chỉ cán bộ quản lý của chính đơn vị này, hoặc quản trị viên, được viết"
                      " phần đánh giá của báo cáo", "only the unit's own officer, or an admin, writes its"
                      " report's assessment");
}

static int period_ok(int from, int to, lt_err *e) {
    if (dom_check_year(from, e) || dom_check_year(to, e)) return LT_EINPUT;
    if (from > to) return lt_err_set(e, LT_EINPUT, "năm đầu sau năm cuối", "the first year is after the last");
    return LT_OK;
}

void report_texts_free(report_texts *t) {
    for (int i = 0; i < REPORT_PARTS; i++) free(t->body[i]);
    memset(t, 0, sizeof *t);
}

int report_texts_get(lt_ctx *ctx, long long unit_id, int from, int to, int final_only, report_texts *out,
                     lt_err *e) {
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(ctx->db, "SELECT body, final FROM report_text WHERE unit_id=?1 AND year_from=?2 AND"
                                           " year_to=?3 AND part=?4 AND final>=?5 ORDER BY id DESC LIMIT 1", e);
    if (!st) return LT_EDB;
    int rc = LT_OK;
    for (int i = 0; rc == LT_OK && i < REPORT_PARTS; i++) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, from);
        db_bind_int(st, 3, to);
        db_bind_text(st, 4, report_parts[i]);
        db_bind_int(st, 5, final_only ? 1 : 0);
        int row = db_step_row(ctx->db, st, e);
        if (row == 1) {
            if (!(out->body[i] = strdup(db_col_text(st, 0)))) rc = lt_err_oom(e);
            out->final[i] = db_col_int(st, 1);
        }
        db_reset(st);
        if (row < 0) rc = LT_EDB;
    }
    if (rc) report_texts_free(out);
    return rc;
}

/* One part's new version, unless it says what the newest already says. */
static int save_part(lt_ctx *ctx, long long unit_id, int from, int to, int part, const char *body, int final,
                     const report_texts *now, const char *at, lt_err *e) {
    if (!now->body[part] && !*body) return LT_OK; /* nothing written, nothing before */
    if (now->body[part] && !strcmp(body, now->body[part]) && final == now->final[part]) return LT_OK;
    db_stmt *st = db_prepare(ctx->db, "INSERT INTO report_text(unit_id, year_from, year_to, part, body,"
                                           " final, saved_by, saved_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_int(st, 2, from);
    db_bind_int(st, 3, to);
    db_bind_text(st, 4, report_parts[part]);
    db_bind_text(st, 5, body);
    db_bind_int(st, 6, final);
    db_bind_text(st, 7, ctx->actor);
    db_bind_text(st, 8, at);
    long long id;
    int rc = db_step_id(ctx->db, st, &id, e);
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "report_text", id, NULL, e);
    return rc;
}

int report_texts_save(lt_ctx *ctx, const char *unit_code, int from, int to, const char *const body[REPORT_PARTS],
                      int final, lt_err *e) {
    static const char *const labels[REPORT_PARTS] = {"Ưu điểm", "Hạn chế, nguyên nhân", "Bài học kinh nghiệm",
                                                     "Phương hướng, nhiệm vụ", "Kiến nghị, đề xuất"};
    long long id;
    if (period_ok(from, to, e) || unit_find(ctx, unit_code, &id, e) || may_write_texts(ctx, id, e)) return e->code;
    for (int i = 0; i < REPORT_PARTS; i++)
        if (dom_check_text(body[i] ? body[i] : "", labels[i], 20000, 0, e)) return LT_EINPUT;
    report_texts now;
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = report_texts_get(ctx, id, from, to, 0, &now, e);
    char at[21];
    db_now(at);
    for (int i = 0; rc == LT_OK && i < REPORT_PARTS; i++)
        rc = save_part(ctx, id, from, to, i, body[i] ? body[i] : "", final ? 1 : 0, &now, at, e);
    report_texts_free(&now);
    return dom_finish(ctx, rc, e);
}
