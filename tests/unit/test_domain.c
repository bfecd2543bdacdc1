/*
** test_domain.c — the domain rules: the registration workflow (legal and
** illegal transitions, the transition history and audit trail, reasons,
** vocabularies, who may do what), units (idempotent saves, cycles,
** merges), people (validation, Vietnamese vocabularies, idempotence) and
** the diacritic-insensitive name search.
**
** Every test gets a fresh database in a temp file (fx_setup/fx_teardown)
** with the tree of std_tree():
**   D  district             Huyện ủy Chợ Lách
**   ├─ G  grassroots_comm.  Đảng bộ xã Sơn Định
**   │  ├─ C1 cell           Chi bộ ấp 1      people P1 (key cadre), P2
**   │  └─ C2 cell           Chi bộ ấp 2
**   └─ GC grassroots_cell   Chi bộ Trường THCS   person P3
*/
#include "unit.h"
#include "fixture.h"
#include "../../src/domain/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define Y 2024

/* ---- the shared fixture -------------------------------------------------- */
typedef struct fx {
    char path[64];
    lt_db *db;
    lt_ctx ctx; /* admin */
} fx;

static void mk_unit(fx *f, const char *code, const char *name, const char *kind,
                    const char *parent) {
    lt_err e = {0};
    unit_in u = {.code = code, .name = name, .kind = kind, .parent_code = parent};
    int rc = unit_save(&f->ctx, &u, NULL, NULL, NULL, &e);
    if (rc) fail_msg("unit_save %s: %s", code, e.en);
}

static long long mk_person(fx *f, const char *code, const char *name, const char *unit,
                           const char *category, int key_cadre) {
    lt_err e = {0};
    long long id = 0;
    person_in p = {.code = code, .full_name = name, .unit_code = unit, .category = category,
                   .key_cadre = key_cadre, .since = "2000-01-01"};
    int rc = person_save(&f->ctx, &p, &id, NULL, &e);
    if (rc) fail_msg("person_save %s: %s", code, e.en);
    return id;
}

static long long unit_id(fx *f, const char *code) {
    long long id = 0;
    lt_err e = {0};
    assert_int_equal(unit_find(&f->ctx, code, &id, &e), LT_OK);
    return id;
}

static long long person_id(fx *f, const char *code) {
    long long id = 0;
    lt_err e = {0};
    assert_int_equal(person_find(&f->ctx, code, &id, &e), LT_OK);
    return id;
}

/* A single integer from SQL with one optional parameter. */
static long long q(fx *f, const char *sql, long long param) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, param);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -999;
    sqlite3_finalize(st);
    return v;
}

/* A single text from SQL into out (empty when none). */
static void qtext(fx *f, const char *sql, long long param, char *out, size_t n) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, param);
    const unsigned char *t = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    snprintf(out, n, "%s", t ? (const char *)t : "");
    sqlite3_finalize(st);
}

static long long audits(fx *f) { return q(f, "SELECT count(*) FROM audit", 0); }

static reg_status status_of(fx *f, long long reg) {
    reg_status s = (reg_status)-1;
    lt_err e = {0};
    assert_int_equal(reg_get_status(&f->ctx, reg, &s, &e), LT_OK);
    return s;
}

/* A draft registration of person for Y with n items. */
static long long mk_reg(fx *f, const char *person, int n) {
    lt_err e = {0};
    long long reg = 0;
    assert_int_equal(reg_create(&f->ctx, person, Y, &reg, &e), LT_OK);
    for (int i = 0; i < n; i++)
        assert_int_equal(reg_add_item(&f->ctx, reg, "Giữ gìn phẩm chất đạo đức", "morality",
                                      NULL, &e), LT_OK);
    return reg;
}

/* Drive reg (as admin) from draft up to `to` along the legal path. */
static void advance(fx *f, long long reg, reg_status to) {
    lt_err e = {0};
    if (to >= REG_SUBMITTED) assert_int_equal(reg_submit(&f->ctx, reg, &e), LT_OK);
    if (to >= REG_APPROVED) assert_int_equal(reg_approve(&f->ctx, reg, &e), LT_OK);
    if (to >= REG_PUBLISHED) assert_int_equal(reg_publish(&f->ctx, reg, &e), LT_OK);
}

static void std_tree(fx *f) {
    mk_unit(f, "D", "Huyện ủy Chợ Lách", "district", NULL);
    mk_unit(f, "G", "Đảng bộ xã Sơn Định", "grassroots_committee", "D");
    mk_unit(f, "C1", "Chi bộ ấp 1", "cell", "G");
    mk_unit(f, "C2", "Chi bộ ấp 2", "cell", "G");
    mk_unit(f, "GC", "Chi bộ Trường THCS", "grassroots_cell", "D");
    mk_person(f, "P1", "Trần Văn Sơn", "C1", "party_member", 1);
    mk_person(f, "P2", "Lê Thị Định", "C1", "party_member", 0);
    mk_person(f, "P3", "Nguyễn Văn An", "GC", "cadre", 0);
}

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f || fx_db_create("domain", f->path, &f->db, &f->ctx)) {
        free(f);
        return -1;
    }
    std_tree(f);
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx *f = *state;
    q_set_small_subtree(Q_SMALL_SUBTREE);
    fx_db_remove(f->path, f->db);
    free(f);
    return 0;
}

/* An action refused with `code`, leaving the status as it was. */
#define REFUSED(f, call, code, reg, st)                                      \
    do {                                                                     \
        assert_int_equal((call), (code));                                    \
        assert_int_equal(status_of((f), (reg)), (st));                       \
    } while (0)

/* ---- the legal path ------------------------------------------------------ */
static void key_cadre_goes_through_every_step(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = 0, a0 = audits(f);
    assert_int_equal(reg_create(&f->ctx, "P1", Y, &reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_DRAFT);
    assert_int_equal(audits(f), a0 + 1);
    assert_int_equal(reg_add_item(&f->ctx, reg, "Học tập tư tưởng Hồ Chí Minh", "Đạo đức",
                                  "31/12/2024", &e), LT_OK);
    assert_int_equal(reg_add_item(&f->ctx, reg, "Giải quyết hồ sơ đúng hạn", "working_manner",
                                  NULL, &e), LT_OK);
    assert_int_equal(audits(f), a0 + 3);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_item WHERE registration_id=?", reg), 2);

    assert_int_equal(reg_submit(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_SUBMITTED);
    assert_int_equal(audits(f), a0 + 4);
    assert_int_equal(reg_approve(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_APPROVED);
    assert_int_equal(audits(f), a0 + 5);
    assert_int_equal(reg_publish(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_PUBLISHED);
    assert_int_equal(q(f, "SELECT published_at IS NOT NULL FROM registration WHERE id=?", reg), 1);
    assert_int_equal(audits(f), a0 + 6);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", "Đã học đủ chuyên đề", &e), LT_OK);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 2, "Một phần", NULL, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_PUBLISHED);
    assert_int_equal(audits(f), a0 + 8);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_SELF_ASSESSED);
    assert_int_equal(audits(f), a0 + 9);
    assert_int_equal(reg_evaluate(&f->ctx, reg, "Hoàn thành tốt nhiệm vụ", &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_EVALUATED);
    assert_int_equal(audits(f), a0 + 10);
    char grade[32];
    qtext(f, "SELECT grade FROM registration WHERE id=?", reg, grade, sizeof grade);
    assert_string_equal(grade, "good");
}

static void transitions_record_who_and_when(void **state) {
    fx *f = *state;
    long long reg = mk_reg(f, "P1", 1);
    lt_err e = {0};
    advance(f, reg, REG_PUBLISHED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", "", &e), LT_OK);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(reg_evaluate(&f->ctx, reg, "excellent", &e), LT_OK);

    static const char *const steps[][2] = {{"draft", "submitted"},
                                           {"submitted", "approved"},
                                           {"approved", "published"},
                                           {"published", "self_assessed"},
                                           {"self_assessed", "evaluated"}};
    assert_int_equal(q(f, "SELECT count(*) FROM registration_transition WHERE registration_id=?",
                       reg), 5);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->db),
        "SELECT from_status, to_status, actor, at FROM registration_transition"
        " WHERE registration_id=? ORDER BY id", -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_int64(st, 1, reg);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), steps[i][0]);
        assert_string_equal((const char *)sqlite3_column_text(st, 1), steps[i][1]);
        assert_string_equal((const char *)sqlite3_column_text(st, 2), f->ctx.actor);
        const char *at = (const char *)sqlite3_column_text(st, 3);
        assert_int_equal(strlen(at), 20); /* yyyy-mm-ddThh:mm:ssZ */
        assert_int_equal(at[10], 'T');
        assert_int_equal(at[19], 'Z');
    }
    sqlite3_finalize(st);
    /* every workflow step left an audit row on the registration */
    assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE entity='registration' AND entity_id=?",
                       reg), 6); /* insert + 5 transitions */
    assert_int_equal(q(f, "SELECT count(*) FROM audit WHERE entity='registration' AND entity_id=?"
                          " AND actor<>'' AND at<>''", reg), 6);
}

/* ---- key cadres and publication --------------------------------------- */
static void non_key_cadre_self_assesses_without_publishing(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", NULL, &e), LT_OK);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_SELF_ASSESSED);
    assert_int_equal(reg_evaluate(&f->ctx, reg, "good", &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_EVALUATED);
}

static void key_cadre_may_not_self_assess_unpublished(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P1", 1);
    advance(f, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", NULL, &e), LT_OK);
    REFUSED(f, reg_self_assess(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_APPROVED);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "good", &e), LT_EREFUSED, reg, REG_APPROVED);
}

static void key_cadre_may_not_be_evaluated_unpublished(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", NULL, &e), LT_OK);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
    /* P2 becomes a key cadre of the year after self-assessing an unpublished
    ** registration (from 1 June of it: a key cadre at its reference date) */
    person_in p = {.code = "P2", .full_name = "Lê Thị Định", .unit_code = "C1",
                   .category = "party_member", .key_cadre = 1, .since = "2024-06-01"};
    int changed = 0;
    assert_int_equal(person_save(&f->ctx, &p, NULL, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "good", &e), LT_EREFUSED, reg, REG_SELF_ASSESSED);
}

/* ---- illegal transitions --------------------------------------------------- */
static void draft_cannot_skip_ahead(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    long long a0 = audits(f);
    REFUSED(f, reg_approve(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_publish(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_assess_item(&f->ctx, reg, 1, "done", NULL, &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_self_assess(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "good", &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_return(&f->ctx, reg, "Chưa đạt", &e), LT_EREFUSED, reg, REG_DRAFT);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_item WHERE assessment IS NOT NULL", 0), 0);
    assert_int_equal(audits(f), a0); /* nothing written */
}

static void submit_without_items_is_refused(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 0);
    /* a mistake in the form, not a permission: it names the field to fill */
    REFUSED(f, reg_submit(&f->ctx, reg, &e), LT_EINPUT, reg, REG_DRAFT);
    assert_string_equal(strtok(e.en, ":"), "noi_dung");
    assert_int_equal(q(f, "SELECT count(*) FROM registration_transition", 0), 0);
}

static void approving_twice_is_refused(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_APPROVED);
    REFUSED(f, reg_approve(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_APPROVED);
    REFUSED(f, reg_submit(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_APPROVED);
}

static void publishing_a_submitted_one_is_refused(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P1", 1);
    advance(f, reg, REG_SUBMITTED);
    REFUSED(f, reg_publish(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
    assert_int_equal(q(f, "SELECT published_at IS NULL FROM registration WHERE id=?", reg), 1);
}

static void evaluating_an_approved_one_is_refused(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_APPROVED);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "good", &e), LT_EREFUSED, reg, REG_APPROVED);
    assert_int_equal(q(f, "SELECT grade IS NULL FROM registration WHERE id=?", reg), 1);
}

static void self_assess_needs_every_item_assessed(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 2);
    advance(f, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "done", NULL, &e), LT_OK);
    REFUSED(f, reg_self_assess(&f->ctx, reg, &e), LT_EREFUSED, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 3, "done", NULL, &e), LT_ENOTFOUND);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 2, "not_done", "Chưa kịp", &e), LT_OK);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
}

static void items_are_frozen_after_submission(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_SUBMITTED);
    REFUSED(f, reg_add_item(&f->ctx, reg, "Thêm một việc", "style", NULL, &e), LT_EREFUSED, reg,
            REG_SUBMITTED);
    const char *bodies[] = {"Việc khác"}, *groups[] = {"other"};
    int changed = -1;
    REFUSED(f, reg_set_items(&f->ctx, reg, bodies, groups, 1, &changed, &e), LT_EREFUSED, reg,
            REG_SUBMITTED);
    assert_int_equal(changed, 0);
    assert_int_equal(reg_approve(&f->ctx, reg, &e), LT_OK);
    REFUSED(f, reg_add_item(&f->ctx, reg, "Thêm một việc", "style", NULL, &e), LT_EREFUSED, reg,
            REG_APPROVED);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_item WHERE registration_id=?", reg), 1);
    char body[128];
    qtext(f, "SELECT body FROM registration_item WHERE registration_id=?", reg, body, sizeof body);
    assert_string_equal(body, "Giữ gìn phẩm chất đạo đức");
}

static void returning_an_approved_one_is_refused(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_APPROVED);
    REFUSED(f, reg_return(&f->ctx, reg, "Sai sót", &e), LT_EREFUSED, reg, REG_APPROVED);
}

/* ---- returning ------------------------------------------------------------ */
static void returning_needs_a_reason(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_SUBMITTED);
    REFUSED(f, reg_return(&f->ctx, reg, "", &e), LT_EINPUT, reg, REG_SUBMITTED);
    REFUSED(f, reg_return(&f->ctx, reg, NULL, &e), LT_EINPUT, reg, REG_SUBMITTED);
    assert_int_equal(reg_return(&f->ctx, reg, "Nội dung chưa cụ thể", &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_RETURNED);
    char reason[128];
    qtext(f, "SELECT return_reason FROM registration WHERE id=?", reg, reason, sizeof reason);
    assert_string_equal(reason, "Nội dung chưa cụ thể");
    qtext(f, "SELECT reason FROM registration_transition WHERE registration_id=? AND"
             " to_status='returned'", reg, reason, sizeof reason);
    assert_string_equal(reason, "Nội dung chưa cụ thể");
}

static void returned_one_is_edited_and_resubmitted(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_SUBMITTED);
    assert_int_equal(reg_return(&f->ctx, reg, "Cần cụ thể hơn", &e), LT_OK);
    assert_int_equal(reg_add_item(&f->ctx, reg, "Hoàn thành 100% hồ sơ đúng hạn", "expertise",
                                  "30/06/2024", &e), LT_OK);
    const char *bodies[] = {"Việc một", "Việc hai"}, *groups[] = {"Đạo đức", "Chuyên môn"};
    int changed = 0;
    assert_int_equal(reg_set_items(&f->ctx, reg, bodies, groups, 2, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(reg_set_items(&f->ctx, reg, bodies, groups, 2, &changed, &e), LT_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(reg_submit(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_SUBMITTED);
    assert_int_equal(reg_approve(&f->ctx, reg, &e), LT_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_transition WHERE registration_id=?",
                       reg), 4); /* submitted, returned, submitted, approved */
}

/* ---- vocabularies ----------------------------------------------------------- */
static void unknown_grade_assessment_group_are_input_errors(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P2", 1);
    REFUSED(f, reg_add_item(&f->ctx, reg, "Việc", "thể thao", NULL, &e), LT_EINPUT, reg, REG_DRAFT);
    const char *bodies[] = {"Việc"}, *groups[] = {"sports"};
    int changed = 0;
    REFUSED(f, reg_set_items(&f->ctx, reg, bodies, groups, 1, &changed, &e), LT_EINPUT, reg,
            REG_DRAFT);
    REFUSED(f, reg_add_item(&f->ctx, reg, "", "style", NULL, &e), LT_EINPUT, reg, REG_DRAFT);
    advance(f, reg, REG_APPROVED);
    REFUSED(f, reg_assess_item(&f->ctx, reg, 1, "maybe", NULL, &e), LT_EINPUT, reg, REG_APPROVED);
    assert_int_equal(reg_assess_item(&f->ctx, reg, 1, "Hoàn thành", NULL, &e), LT_OK);
    assert_int_equal(reg_self_assess(&f->ctx, reg, &e), LT_OK);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "great", &e), LT_EINPUT, reg, REG_SELF_ASSESSED);
    REFUSED(f, reg_evaluate(&f->ctx, reg, "", &e), LT_EINPUT, reg, REG_SELF_ASSESSED);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_item WHERE registration_id=?", reg), 1);
}

/* ---- permissions ---------------------------------------------------------- */
static lt_ctx as_role(fx *f, lt_role role, const char *unit, const char *person) {
    lt_ctx c = f->ctx;
    c.role = role;
    c.scope_unit = unit ? unit_id(f, unit) : 0;
    c.person_id = person ? person_id(f, person) : 0;
    snprintf(c.actor, sizeof c.actor, "test:%s", role_name(role));
    return c;
}

static void member_writes_only_their_own(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx m = as_role(f, ROLE_MEMBER, NULL, "P2");
    long long own = 0, other = mk_reg(f, "P1", 1), none = 0;
    assert_int_equal(reg_create(&m, "P2", Y, &own, &e), LT_OK);
    assert_int_equal(reg_add_item(&m, own, "Việc của tôi", "style", NULL, &e), LT_OK);
    assert_int_equal(reg_submit(&m, own, &e), LT_OK);
    assert_int_equal(status_of(f, own), REG_SUBMITTED);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_transition WHERE actor='test:member'",
                       0), 1);
    assert_int_equal(reg_create(&m, "P3", Y, &none, &e), LT_EREFUSED);
    assert_int_equal(q(f, "SELECT count(*) FROM registration r JOIN person p ON p.id=r.person_id"
                          " WHERE p.code='P3'", 0), 0);
    REFUSED(f, reg_add_item(&m, other, "Chen vào", "style", NULL, &e), LT_EREFUSED, other, REG_DRAFT);
    REFUSED(f, reg_submit(&m, other, &e), LT_EREFUSED, other, REG_DRAFT);
}

static void member_may_not_approve_even_their_own(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx m = as_role(f, ROLE_MEMBER, NULL, "P2");
    long long reg = mk_reg(f, "P2", 1);
    assert_int_equal(reg_submit(&m, reg, &e), LT_OK);
    REFUSED(f, reg_approve(&m, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
    REFUSED(f, reg_return(&m, reg, "tự trả", &e), LT_EREFUSED, reg, REG_SUBMITTED);
    assert_int_equal(reg_approve(&f->ctx, reg, &e), LT_OK);
    REFUSED(f, reg_publish(&m, reg, &e), LT_EREFUSED, reg, REG_APPROVED);
}

static void officer_of_ancestor_approves_cell_member(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx o = as_role(f, ROLE_OFFICER, "G", NULL);
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_SUBMITTED);
    assert_int_equal(reg_approve(&o, reg, &e), LT_OK);
    assert_int_equal(status_of(f, reg), REG_APPROVED);
    char who[64];
    qtext(f, "SELECT approved_by FROM registration WHERE id=?", reg, who, sizeof who);
    assert_string_equal(who, "test:officer");
}

static void officer_of_sibling_unit_may_not_approve(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx o = as_role(f, ROLE_OFFICER, "GC", NULL);
    long long reg = mk_reg(f, "P2", 1), own = 0;
    advance(f, reg, REG_SUBMITTED);
    REFUSED(f, reg_approve(&o, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
    REFUSED(f, reg_return(&o, reg, "Không thuộc", &e), LT_EREFUSED, reg, REG_SUBMITTED);
    assert_int_equal(reg_create(&o, "P3", Y, &own, &e), LT_OK); /* its own unit's person */
    lt_ctx c2 = as_role(f, ROLE_OFFICER, "C2", NULL);
    REFUSED(f, reg_approve(&c2, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
}

/* The public list holds key cadres' published registrations only: an
** ordinary member's, published too, stays off it. */
static void public_list_holds_key_cadres_only(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long key = mk_reg(f, "P1", 1), member = mk_reg(f, "P2", 1);
    advance(f, key, REG_PUBLISHED);
    advance(f, member, REG_PUBLISHED);
    assert_int_equal(status_of(f, member), REG_PUBLISHED);
    dom_rows rows;
    assert_int_equal(q_public_registrations(&f->ctx, unit_id(f, "G"), Y, &rows, &e), LT_OK);
    assert_int_equal(rows.n, 1);
    assert_string_equal(rows_get(&rows, 0, "code"), "P1");
    rows_free(&rows);
    assert_int_equal(q_public_registrations(&f->ctx, unit_id(f, "C1"), Y, &rows, &e), LT_OK);
    assert_int_equal(rows.n, 1);
    rows_free(&rows);
}

/* A domain write that fails midway leaves nothing behind: a merge into two
** successors whose second does not exist (the first one's row was
** written) keeps neither merge, nor the closing, nor an audit row. */
static void failed_write_leaves_nothing(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long a0 = audits(f), m0 = q(f, "SELECT count(*) FROM unit_merge", 0);
    const char *succ[] = {"C1", "KHONG-CO"};
    assert_int_equal(unit_merge(&f->ctx, "C2", succ, 2, "2025-07-01", &e), LT_ENOTFOUND);
    assert_int_equal(q(f, "SELECT count(*) FROM unit_merge", 0), m0);
    assert_int_equal(q(f, "SELECT active_to IS NULL FROM unit WHERE code='C2'", 0), 1);
    assert_int_equal(q(f, "SELECT count(*) FROM unit_parent WHERE unit_id=? AND valid_to IS NOT NULL",
                       unit_id(f, "C2")), 0);
    assert_int_equal(audits(f), a0);
    /* replacing a registration's items: the old one deleted, the first new one
    ** written, the second refused by the database (a constraint of the test's
    ** own): the old item is still there, alone */
    long long reg = mk_reg(f, "P2", 1);
    assert_int_equal(sqlite3_exec(db_handle(f->db), "CREATE TEMP TRIGGER refuse_item BEFORE INSERT ON"
                                  " registration_item WHEN NEW.body='Hỏng' BEGIN SELECT RAISE(ABORT,"
                                  " 'refused'); END", NULL, NULL, NULL), SQLITE_OK);
    const char *bodies[] = {"Tiếp dân mỗi tuần", "Hỏng"}, *groups[] = {"style", "style"};
    int changed = 0;
    a0 = audits(f);
    assert_int_not_equal(reg_set_items(&f->ctx, reg, bodies, groups, 2, &changed, &e), LT_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM registration_item WHERE registration_id=?", reg), 1);
    char body[64];
    qtext(f, "SELECT body FROM registration_item WHERE registration_id=?", reg, body, sizeof body);
    assert_string_equal(body, "Giữ gìn phẩm chất đạo đức");
    assert_int_equal(audits(f), a0);
}

static void viewer_may_not_write_anything(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx v = as_role(f, ROLE_VIEWER, "D", NULL);
    long long reg = mk_reg(f, "P2", 1), none = 0, a0 = audits(f);
    assert_int_equal(reg_create(&v, "P3", Y, &none, &e), LT_EREFUSED);
    REFUSED(f, reg_add_item(&v, reg, "x", "style", NULL, &e), LT_EREFUSED, reg, REG_DRAFT);
    REFUSED(f, reg_submit(&v, reg, &e), LT_EREFUSED, reg, REG_DRAFT);
    advance(f, reg, REG_SUBMITTED);
    a0 = audits(f);
    REFUSED(f, reg_approve(&v, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
    unit_in u = {.code = "C9", .name = "Chi bộ ấp 9", .kind = "cell", .parent_code = "G"};
    assert_int_equal(unit_save(&v, &u, NULL, NULL, NULL, &e), LT_EREFUSED);
    unit_in r = {.code = "C1", .name = "Đổi tên", .kind = "cell", .parent_code = "G"};
    assert_int_equal(unit_save(&v, &r, NULL, NULL, NULL, &e), LT_EREFUSED);
    person_in p = {.code = "P9", .full_name = "Võ Văn Chín", .unit_code = "C1",
                   .category = "worker"};
    assert_int_equal(person_save(&v, &p, NULL, NULL, &e), LT_EREFUSED);
    deployment_in d = {.unit_code = "C1", .year = Y, .held_on = "2024-03-01",
                       .form = "cell_meeting", .present = 5, .expected = 6};
    assert_int_equal(deployment_save(&v, &d, NULL, &e), LT_EREFUSED);
    assert_int_equal(audits(f), a0);
    assert_int_equal(q(f, "SELECT count(*) FROM unit WHERE code='C9'", 0), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE code='P9'", 0), 0);
}

/* ---- units ------------------------------------------------------------------ */
static void unit_save_same_data_changes_nothing(void **state) {
    fx *f = *state;
    lt_err e = {0};
    unit_in u = {.code = "C1", .name = "Chi bộ ấp 1", .kind = "cell", .parent_code = "G"};
    long long a0 = audits(f), id = 0;
    int changed = -1;
    assert_int_equal(unit_save(&f->ctx, &u, NULL, &id, &changed, &e), LT_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(id, unit_id(f, "C1"));
    assert_int_equal(audits(f), a0);
    u.kind = "Chi bộ trực thuộc"; /* the same kind in Vietnamese */
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, &changed, &e), LT_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(audits(f), a0);
}

static void unit_rename_reports_change(void **state) {
    fx *f = *state;
    lt_err e = {0};
    unit_in u = {.code = "C1", .name = "Chi bộ ấp Phú Lợi", .kind = "cell", .parent_code = "G"};
    long long a0 = audits(f);
    int changed = 0;
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(audits(f), a0 + 1);
    char name[128];
    qtext(f, "SELECT name FROM unit WHERE code='C1'", 0, name, sizeof name);
    assert_string_equal(name, "Chi bộ ấp Phú Lợi");
}

static void unit_cannot_move_under_its_descendant(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long a0 = audits(f);
    unit_in u = {.code = "G", .name = "Đảng bộ xã Sơn Định", .kind = "grassroots_committee",
                 .parent_code = "C1"};
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_EINPUT);
    assert_int_equal(unit_move(&f->ctx, "D", "C2", "2024-07-01", &e), LT_EINPUT);
    assert_int_equal(unit_move(&f->ctx, "G", "G", "2024-07-01", &e), LT_EINPUT);
    assert_int_equal(audits(f), a0);
    assert_true(unit_in_subtree(&f->ctx, unit_id(f, "C1"), unit_id(f, "G")));
    assert_true(unit_in_subtree(&f->ctx, unit_id(f, "G"), unit_id(f, "D")));
    assert_false(unit_in_subtree(&f->ctx, unit_id(f, "D"), unit_id(f, "C1")));
}

static void unit_merge_closes_and_records_successor(void **state) {
    fx *f = *state;
    lt_err e = {0};
    const char *succ[] = {"C1"};
    long long a0 = audits(f);
    assert_int_equal(unit_merge(&f->ctx, "C2", succ, 1, "01/07/2025", &e), LT_OK);
    char to[16];
    qtext(f, "SELECT active_to FROM unit WHERE code='C2'", 0, to, sizeof to);
    assert_string_equal(to, "2025-06-30");
    assert_int_equal(q(f, "SELECT successor_id FROM unit_merge WHERE unit_id=?", unit_id(f, "C2")),
                     unit_id(f, "C1"));
    qtext(f, "SELECT merged_on FROM unit_merge WHERE unit_id=?", unit_id(f, "C2"), to, sizeof to);
    assert_string_equal(to, "2025-07-01");
    assert_int_equal(audits(f), a0 + 1);
    const char *self[] = {"C1"};
    assert_int_equal(unit_merge(&f->ctx, "C1", self, 1, "2025-07-01", &e), LT_EINPUT);
    assert_int_equal(unit_merge(&f->ctx, "GC", succ, 0, "2025-07-01", &e), LT_EINPUT);
    /* the day before the first of March of a leap year */
    assert_int_equal(unit_merge(&f->ctx, "GC", succ, 1, "2024-03-01", &e), LT_OK);
    qtext(f, "SELECT active_to FROM unit WHERE code='GC'", 0, to, sizeof to);
    assert_string_equal(to, "2024-02-29");
}

/* The scope rule (scope.c): a closed unit belongs to the scope it was in
** on its last day, an active one to today's; the list of closed units and
** their successors follows it, and a year's tree is entered at the scope
** unit or not at all. */
static void closed_unit_stays_in_the_scope_it_closed_in(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit(f, "D2", "Tỉnh ủy Vĩnh Long", "province", NULL);
    mk_unit(f, "H", "Đảng bộ xã Hòa Nghĩa", "grassroots_committee", "D");
    const char *succ[] = {"C1"};
    assert_int_equal(unit_merge(&f->ctx, "C2", succ, 1, "2024-03-01", &e), LT_OK);
    assert_int_equal(unit_move(&f->ctx, "G", "D2", "2025-07-01", &e), LT_OK);
    long long c1 = unit_id(f, "C1"), c2 = unit_id(f, "C2");
    assert_true(unit_in_subtree(&f->ctx, c2, unit_id(f, "G")));
    assert_true(unit_in_subtree(&f->ctx, c2, unit_id(f, "D")));   /* G was under D when C2 closed */
    assert_false(unit_in_subtree(&f->ctx, c2, unit_id(f, "D2")));
    assert_true(unit_in_subtree(&f->ctx, c1, unit_id(f, "D2")));   /* active: today's tree */
    assert_false(unit_in_subtree(&f->ctx, c1, unit_id(f, "D")));
    assert_false(unit_in_subtree(&f->ctx, c2, unit_id(f, "H")));
    /* (successors by name: "Chi bộ ấp 1" is C1's) */
    static const struct { lt_role role; const char *unit, *closed, *successors; } sees[] = {
        {ROLE_ADMIN, NULL, "C2", "Chi bộ ấp 1"}, {ROLE_VIEWER, "D", "C2", ""},
        {ROLE_OFFICER, "G", "C2", "Chi bộ ấp 1"},
        {ROLE_VIEWER, "D2", "", ""},    {ROLE_OFFICER, "H", "", ""},   {ROLE_MEMBER, NULL, "", ""},
    };
    for (unsigned i = 0; i < sizeof sees / sizeof sees[0]; i++) {
        lt_ctx c = as_role(f, sees[i].role, sees[i].unit, NULL);
        dom_rows rows;
        assert_int_equal(q_units_closed(&c, &rows, &e), LT_OK);
        assert_int_equal(rows.n, *sees[i].closed ? 1 : 0);
        if (rows.n) assert_string_equal(rows_get(&rows, 0, "code"), sees[i].closed);
        if (rows.n) assert_string_equal(rows_get(&rows, 0, "successors"), sees[i].successors);
        rows_free(&rows);
    }
    unit_tree t;
    long top;
    assert_int_equal(tree_load(&f->ctx, 2020, &t, &e), LT_OK);
    lt_ctx admin = as_role(f, ROLE_ADMIN, NULL, NULL), g = as_role(f, ROLE_VIEWER, "G", NULL);
    lt_ctx d2 = as_role(f, ROLE_OFFICER, "D2", NULL), m = as_role(f, ROLE_MEMBER, NULL, "P2");
    assert_int_equal(scope_tree_top(&admin, &t, &top, &e), LT_OK);
    assert_int_equal(top, -1);
    assert_int_equal(scope_tree_top(&g, &t, &top, &e), LT_OK);
    assert_int_equal(t.nodes[top].id, unit_id(f, "G"));
    tree_free(&t);
    unit_in late = {.code = "N", .name = "Đảng bộ xã mới", .kind = "grassroots_committee",
                    .parent_code = "D2", .active_from = "2025-07-01"};
    assert_int_equal(unit_save(&f->ctx, &late, NULL, NULL, NULL, &e), LT_OK);
    lt_ctx n = as_role(f, ROLE_VIEWER, "N", NULL);
    assert_int_equal(tree_load(&f->ctx, 2020, &t, &e), LT_OK);
    assert_int_equal(scope_tree_top(&n, &t, &top, &e), LT_ENOTFOUND); /* not widened to the tree */
    assert_int_equal(scope_tree_top(&m, &t, &top, &e), LT_EREFUSED);
    assert_int_equal(scope_tree_top(&d2, &t, &top, &e), LT_OK);
    assert_int_equal(t.nodes[top].first_child, -1); /* G came under D2 in 2025 */
    tree_free(&t);
}

/* ---- people ------------------------------------------------------------------ */
static void person_save_rejects_bad_fields(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long a0 = audits(f);
    person_in p = {.code = "P9", .full_name = "Võ Văn Chín", .unit_code = "NOPE",
                   .category = "worker"};
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    p.unit_code = "C1";
    p.birth_date = "31/02/1980";
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    p.birth_date = "15/02/1980";
    p.category = "astronaut";
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    p.category = "worker";
    p.gender = "X";
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    assert_int_equal(audits(f), a0);
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE code='P9'", 0), 0);
}

static void person_save_takes_vietnamese_and_is_idempotent(void **state) {
    fx *f = *state;
    lt_err e = {0};
    person_in p = {.code = "P9", .full_name = "Phạm Thị Hòa", .birth_date = "05/09/1985",
                   .gender = "Nữ", .unit_code = "C2", .position = "Bí thư chi bộ",
                   .category = "Đảng viên", .key_cadre = 1, .head = 1};
    long long id = 0, id2 = 0, a0 = audits(f);
    int changed = 0;
    assert_int_equal(person_save(&f->ctx, &p, &id, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(audits(f), a0 + 1);
    char s[64];
    qtext(f, "SELECT category || '|' || gender || '|' || birth_date FROM person WHERE id=?", id, s,
          sizeof s);
    assert_string_equal(s, "party_member|female|1985-09-05");
    assert_int_equal(person_save(&f->ctx, &p, &id2, &changed, &e), LT_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(id2, id);
    assert_int_equal(audits(f), a0 + 1);
    p.position = "Phó Bí thư";
    assert_int_equal(person_save(&f->ctx, &p, &id2, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(id2, id);
    assert_int_equal(audits(f), a0 + 2);
}

/* A list of people names each one's unit: from the year's tree, or for a
** unit closed before this year, from the unit table; whether the people
** are matched among the subtree's own or through the word index. */
static void people_lists_name_each_persons_unit(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_person(f, "M1", "Vàng Thị Mai", "C2", "party_member", 0);
    mk_person(f, "M2", "Vàng Thị Mai", "C1", "party_member", 0);
    const char *succ[] = {"C1"};
    char today[11], new_year[11];
    lt_today(today);
    snprintf(new_year, sizeof new_year, "01/01/%.4s", today); /* C2 closes the day before */
    for (int pass = 0; pass < 4; pass++) {
        int closed = pass >= 2;
        q_set_small_subtree(pass % 2 ? 0 : Q_SMALL_SUBTREE); /* odd: the word index */
        if (pass == 2) assert_int_equal(unit_merge(&f->ctx, "C2", succ, 1, new_year, &e), LT_OK);
        dom_rows rows;
        assert_int_equal(q_people(&f->ctx, 0, 0, "vang mai", 50, 0, &rows, &e), LT_OK);
        assert_int_equal(rows.n, 2);
        assert_string_equal(rows_get(&rows, 0, "code"), "M1");
        assert_string_equal(rows_get(&rows, 0, "unit_code"), "C2");
        assert_string_equal(rows_get(&rows, 0, "unit_name"), "Chi bộ ấp 2");
        assert_string_equal(rows_get(&rows, 1, "unit_code"), "C1");
        assert_string_equal(rows_get(&rows, 1, "unit_name"), "Chi bộ ấp 1");
        rows_free(&rows);
        long long c2 = 0;
        lt_err nf = {0};
        assert_int_equal(unit_find(&f->ctx, "C2", &c2, &nf), LT_OK);
        const ind_result *r;
        assert_int_equal(ind_get(&f->ctx, atoi(today), atoi(today), &r, &e), LT_OK);
        int in_tree = tree_index(&r->tree, c2) >= 0;
        ind_release(r);
        assert_int_equal(in_tree, !closed);
    }
}

/* ---- search --------------------------------------------------------------- */
static int has_hit(const search_hit *h, int n, const char *kind, const char *code) {
    for (int i = 0; i < n; i++)
        if (!strcmp(h[i].kind, kind) && !strcmp(h[i].code, code)) return 1;
    return 0;
}

static void search_ignores_marks_and_case(void **state) {
    fx *f = *state;
    lt_err e = {0};
    search_hit *h = NULL;
    int n = 0;
    assert_int_equal(search_names(&f->ctx, "son dinh", 50, &h, &n, &e), LT_OK);
    int unit_found = has_hit(h, n, "unit", "G");
    free(h);
    assert_true(unit_found);
    assert_int_equal(search_names(&f->ctx, "DINH", 50, &h, &n, &e), LT_OK);
    int person_found = has_hit(h, n, "person", "P2"), unit2 = has_hit(h, n, "unit", "G");
    int wrong = has_hit(h, n, "person", "P3");
    char unit_name[256] = "";
    for (int i = 0; i < n; i++)
        if (!strcmp(h[i].code, "P2")) snprintf(unit_name, sizeof unit_name, "%s", h[i].unit_name);
    free(h);
    assert_true(person_found);
    assert_true(unit2);
    assert_false(wrong);
    assert_string_equal(unit_name, "Chi bộ ấp 1");
    assert_int_equal(search_names(&f->ctx, "Chợ Lách", 50, &h, &n, &e), LT_OK);
    int d = has_hit(h, n, "unit", "D");
    free(h);
    assert_true(d);
    assert_int_equal(search_names(&f->ctx, "   ", 50, &h, &n, &e), LT_EINPUT);
    free(h);
}

static int finds(fx *f, const char *text, const char *code) {
    search_hit *h = NULL;
    int n = 0;
    lt_err e = {0};
    assert_int_equal(search_names(&f->ctx, text, 50, &h, &n, &e), LT_OK);
    int found = has_hit(h, n, "person", code);
    free(h);
    return found;
}

/* A batch of new people: a large one sets the insert trigger aside and
** gives each their name rank itself, a small one goes through the trigger. */
static void add_batch(fx *f, long expected, const char *const *codes, const char *const *names,
                      int n) {
    lt_err e = {0};
    person_bulk *b = NULL;
    assert_int_equal(db_begin(f->db, &e), LT_OK);
    assert_int_equal(person_bulk_begin(&f->ctx, expected, &b, &e), LT_OK);
    for (int i = 0; i < n; i++) {
        person_in p = {.code = codes[i], .full_name = names[i], .unit_code = "C2",
                       .category = "Đảng viên", .key_cadre = 0, .head = 0};
        assert_int_equal(person_bulk_add(b, &p, &e), LT_OK);
    }
    assert_int_equal(person_bulk_end(b, "test", &e), LT_OK);
    assert_int_equal(db_commit(f->db, &e), LT_OK);
}

/* The word index is keyed by each person's name rank: every way a person
** is written keeps the two together, and a search finds people by the name
** they have now. */
static void search_follows_every_way_people_are_written(void **state) {
    fx *f = *state;
    lt_err e = {0};
    person_in p = {.code = "R1", .full_name = "Giàng Thị Lan", .unit_code = "C2",
                   .category = "Đảng viên", .key_cadre = 0, .head = 0};
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_OK);
    add_batch(f, 50000, (const char *const[]){"R2", "R3"},
              (const char *const[]){"Giàng A Lan", "Lò Văn Páo"}, 2);
    add_batch(f, 2, (const char *const[]){"R4"}, (const char *const[]){"Giàng Thị Lan"}, 1);
    assert_true(finds(f, "giang lan", "R1"));
    assert_true(finds(f, "giang lan", "R2"));
    assert_true(finds(f, "giang lan", "R4"));
    assert_true(finds(f, "pao", "R3"));
    p.full_name = "Sùng Thị Mỷ"; /* a new name moves R1 in the index */
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_OK);
    assert_false(finds(f, "giang lan", "R1"));
    assert_true(finds(f, "sung my", "R1"));
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE name_rank IS NOT"
                          " name_rank_of(name_fold, id)", 0), 0);
    assert_int_equal(q(f, "SELECT count(DISTINCT name_rank) = count(*) FROM person", 0), 1);
    assert_int_equal(sqlite3_exec(db_handle(f->db), "INSERT INTO person_name_words"
                                  "(person_name_words, rank) VALUES ('integrity-check', 1)",
                                  NULL, NULL, NULL), SQLITE_OK);
}

/* person_span holds the rows the view person_span_of gives, both ways (a
** missing row and a row too many). */
static void spans_as_the_view_gives(fx *f) {
    assert_int_equal(q(f, "SELECT count(*) FROM (SELECT * FROM person_span EXCEPT SELECT unit_id, first_year,"
                          " last_year, sum(people), sum(key_cadres) FROM person_span_of GROUP BY 1, 2, 3)", 0), 0);
    assert_int_equal(q(f, "SELECT count(*) FROM (SELECT unit_id, first_year, last_year, sum(people),"
                          " sum(key_cadres) FROM person_span_of GROUP BY 1, 2, 3 EXCEPT SELECT * FROM"
                          " person_span)", 0), 0);
}

/* A large batch counts the people's spans afresh (aside.c counts them in
** C): the same rows as the view person_span_of gives, for rows beginning or
** ending on a year's reference date, a day either side, a year whose review
** falls in the next (31 December), someone of category 'other', key cadres,
** and a person stored before the batch; people without history before and
** after them have their one row each. */
static void a_batch_counts_every_span_as_the_view_does(void **state) {
    fx *f = *state;
    lt_err e = {0};
    assert_int_equal(sqlite3_exec(db_handle(f->db), "INSERT INTO year_setup(year, review_deadline) VALUES"
                                  " (2019, '2019-11-30'), (2020, '2021-01-15'), (2021, '2021-06-15')",
                                  NULL, NULL, NULL), SQLITE_OK);
    mk_person(f, "S0", "Lò Văn Sáu", "C2", "Đảng viên", 1);
    static const char *const days[][2] = {
        {"2019-11-30", "2021-06-15"}, {"2019-12-01", "2021-06-14"}, {"2019-11-29", "2019-11-29"},
        {"2020-12-31", "2021-06-16"}, {"2021-01-01", NULL}, {"2021-06-15", "2021-12-31"},
        {"2021-06-16", NULL}, {"2018-03-04", "2020-12-30"}, {"2019-01-01", "2019-11-30"},
    };
    person_bulk *b = NULL;
    assert_int_equal(db_begin(f->db, &e), LT_OK);
    assert_int_equal(person_bulk_begin(&f->ctx, 50000, &b, &e), LT_OK);
    person_in plain = {.code = "R1", .full_name = "Lò Thị Một", .unit_code = "C1", .category = "Đảng viên",
                       .since = "2020-05-05", .key_cadre = 1, .head = -1};
    assert_int_equal(person_bulk_add(b, &plain, &e), LT_OK);
    for (int i = 0; i < (int)(sizeof days / sizeof days[0]); i++) {
        char code[8];
        snprintf(code, sizeof code, "S%d", i + 1);
        person_in p = {.code = code, .full_name = "Giàng A Lan", .category = i == 3 ? "Khác" : "Đảng viên"};
        person_span_in spans[2] = {{"C1", "", days[i][0], days[i][1], i % 2, 0},
                                   {"C2", "", "2022-02-02", NULL, 0, 0}};
        assert_int_equal(person_bulk_add_history(b, &p, spans, days[i][1] ? 2 : 1, &e), LT_OK);
    }
    plain.code = "R2";
    assert_int_equal(person_bulk_add(b, &plain, &e), LT_OK);
    assert_int_equal(person_bulk_end(b, "test", &e), LT_OK);
    assert_int_equal(db_commit(f->db, &e), LT_OK);
    spans_as_the_view_gives(f);
    /* from the reference date itself: that year; from the day after: the next */
    assert_int_equal(q(f, "SELECT people FROM person_span WHERE unit_id=?1 AND first_year=2019 AND last_year=2021",
                       unit_id(f, "C1")), 1);
    assert_int_equal(q(f, "SELECT people FROM person_span WHERE unit_id=?1 AND first_year=2020 AND last_year=2020",
                       unit_id(f, "C1")), 1);
    assert_int_equal(q(f, "SELECT sum(people) FROM person_span WHERE unit_id=?1", unit_id(f, "C2")), 7);
    assert_int_equal(q(f, "SELECT count(*) FROM membership m JOIN person p ON p.id = m.person_id WHERE p.code"
                          " LIKE 'R_' AND m.valid_from = '2020-05-05' AND m.unit_id = ?1 AND m.key_cadre = 1"
                          " AND m.valid_to IS NULL", unit_id(f, "C1")), 2);
}

/* The first batch of people, into an empty membership table, counts
** their spans as the rows are written (db_aside_note_span) instead of
** reading them back: the same rows as the view gives, for people from a
** year's reference date, a day either side, 31 December of a year set up
** and of one not, someone of category 'other' and key cadres. */
static void a_first_batch_counts_its_spans_as_it_writes(void **state) {
    fx *f = *state;
    lt_err e = {0};
    assert_int_equal(sqlite3_exec(db_handle(f->db), "INSERT INTO year_setup(year, review_deadline) VALUES"
                                  " (2019, '2019-11-30'), (2020, '2021-01-15')", NULL, NULL, NULL), SQLITE_OK);
    /* (the tree's people taken away: the batch comes to an empty table) */
    assert_int_equal(sqlite3_exec(db_handle(f->db), "DELETE FROM membership; DELETE FROM person",
                                  NULL, NULL, NULL), SQLITE_OK);
    static const char *const since[] = {"2019-11-30", "2019-12-01", "2019-11-29", "2020-12-31", "2021-01-01",
                                        "2021-12-31", "2022-01-01", "2018-03-04", "2019-11-30"};
    person_bulk *b = NULL;
    long long cache = q(f, "PRAGMA cache_size", 0);
    assert_int_equal(db_begin(f->db, &e), LT_OK);
    assert_int_equal(person_bulk_begin(&f->ctx, 50000, &b, &e), LT_OK);
    for (int i = 0; i < (int)(sizeof since / sizeof since[0]); i++) {
        char code[8];
        snprintf(code, sizeof code, "N%d", i + 1);
        person_in p = {.code = code, .full_name = "Giàng A Lan", .unit_code = i % 3 ? "C1" : "C2",
                       .category = i == 3 ? "Khác" : "Đảng viên", .since = since[i], .key_cadre = i % 2,
                       .head = -1};
        assert_int_equal(person_bulk_add(b, &p, &e), LT_OK);
    }
    assert_int_equal(person_bulk_end(b, "test", &e), LT_OK);
    assert_int_equal(db_commit(f->db, &e), LT_OK);
    spans_as_the_view_gives(f);
    /* from 2019's reference date: 2019 on; from the day after it: 2020 on */
    assert_int_equal(q(f, "SELECT people FROM person_span WHERE unit_id=?1 AND first_year=2019", unit_id(f, "C2")), 1);
    assert_int_equal(q(f, "SELECT 10 * people + key_cadres FROM person_span WHERE unit_id=?1 AND first_year=2020",
                       unit_id(f, "C1")), 11);
    assert_int_equal(q(f, "SELECT sum(people) FROM person_span", 0), 8);
    /* the indexes were made with a small page cache: the connection's is back */
    assert_int_equal(q(f, "PRAGMA cache_size", 0), cache);
}

/* The first import of many people writes without the foreign keys'
** checks, and they are back once its transaction ends, committed or not;
** a small import, or one with people stored, keeps them. */
static void a_first_large_import_alone_leaves_the_foreign_keys_aside(void **state) {
    fx *f = *state, empty = {0};
    lt_err e = {0};
    assert_int_equal(person_bulk_transaction(&f->ctx, 50000, &e), LT_OK); /* people stored */
    assert_int_equal(q(f, "PRAGMA foreign_keys", 0), 1);
    db_rollback(f->db);
    assert_int_equal(fx_db_create("bulk", empty.path, &empty.db, &empty.ctx), 0);
    assert_int_equal(person_bulk_transaction(&empty.ctx, 50000, &e), LT_OK);
    assert_int_equal(q(&empty, "PRAGMA foreign_keys", 0), 0);
    db_rollback(empty.db);
    assert_int_equal(q(&empty, "PRAGMA foreign_keys", 0), 1);
    assert_int_equal(person_bulk_transaction(&empty.ctx, 50000, &e), LT_OK);
    assert_int_equal(db_commit(empty.db, &e), LT_OK);
    assert_int_equal(q(&empty, "PRAGMA foreign_keys", 0), 1);
    assert_int_equal(person_bulk_transaction(&empty.ctx, 49999, &e), LT_OK); /* small */
    assert_int_equal(q(&empty, "PRAGMA foreign_keys", 0), 1);
    db_rollback(empty.db);
    fx_db_remove(empty.path, empty.db);
}

/* Vocabulary words are taken in any case, with or without marks, in any
** order and mixed across vocabularies (a thread keeps its last word each). */
static void vocabulary_words_in_any_form_and_order(void **state) {
    (void)state;
    for (int round = 0; round < 2; round++) {
        assert_string_equal(person_category_parse("Đảng viên"), "party_member");
        assert_string_equal(person_category_parse("DANG VIEN"), "party_member");
        assert_string_equal(person_category_parse("Cán bộ"), "cadre");
        assert_string_equal(person_category_parse("Đảng viên"), "party_member");
        assert_null(person_category_parse("Bộ đội"));
        assert_null(person_category_parse("Bộ đội"));
        assert_string_equal(gender_parse("Nữ"), "female");
        assert_string_equal(gender_parse("Khác"), "other");
        assert_string_equal(item_group_parse("Khác"), "other");
        assert_null(gender_parse("Cán bộ"));
        assert_string_equal(grade_parse("Hoàn thành tốt"), "good");
        assert_string_equal(grade_parse("Hoàn thành"), "completed");
        assert_string_equal(grade_parse("Hoàn thành xuất sắc nhiệm vụ"), "excellent"); /* long */
        assert_string_equal(grade_parse("Hoàn thành xuất sắc nhiệm vụ"), "excellent");
        assert_string_equal(grade_parse("completed"), "completed");
        assert_string_equal(unit_kind_parse("Chi bộ"), "cell");   /* one word, two vocabularies */
        assert_null(item_group_parse("Chi bộ"));
        assert_string_equal(deployment_form_parse("Hội nghị"), "conference");
        assert_null(gender_parse("Hội nghị"));
    }
}

/* A yes/no cell as offices write it: short ASCII words taken as they are,
** anything else (marks, spaces, longer words) through the fold. */
static void yes_and_no_as_offices_write_them(void **state) {
    (void)state;
    static const char *const yes[] = {"x", "X", "1", "y", "Yes", "TRUE", "có", "Có", "CÓ", " x ", "co"};
    static const char *const no[] = {"", "0", "n", "No", "false", "không", "KHÔNG", "khong", "  ", " 0"};
    static const char *const neither[] = {"2", "xx", "yess", "có không", "trueish", "ok", "-", "x1"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(yes); i++)
        if (bool_parse(yes[i]) != 1) fail_msg("\"%s\" should be yes", yes[i]);
    for (unsigned i = 0; i < LT_ARRAY_LEN(no); i++)
        if (bool_parse(no[i]) != 0) fail_msg("\"%s\" should be no", no[i]);
    for (unsigned i = 0; i < LT_ARRAY_LEN(neither); i++)
        if (bool_parse(neither[i]) != -1) fail_msg("\"%s\" should be neither", neither[i]);
    assert_int_equal(bool_parse(NULL), 0);
}

/* The statement cache tells apart statements of one length that are alike
** at both ends (it places them by their length and first and last bytes). */
static void statements_alike_at_both_ends_are_kept_apart(void **state) {
    fx *f = *state;
    static const char a[] = "SELECT 0 * length('the same beginning, forty bytes and more') + 1"
                            " -- and the same end, forty bytes and more";
    static const char b[] = "SELECT 0 * length('the same beginning, forty bytes and more') + 2"
                            " -- and the same end, forty bytes and more";
    assert_int_equal(db_int(f->db, a, 0, NULL), 1);
    assert_int_equal(db_int(f->db, b, 0, NULL), 2);
    assert_int_equal(db_int(f->db, a, 0, NULL), 1);
}

/* The journal the database is in now ("wal" or "delete"). */
static void journal(fx *f, char out[16]) { qtext(f, "PRAGMA journal_mode", 0, out, 16); }

/* A batch with the database to itself writes into the file, not the WAL,
** and leaves the WAL as it was; with another connection open, or inside a
** transaction, nothing changes. */
static void a_batch_alone_writes_past_the_wal(void **state) {
    fx *f = *state;
    char mode[16], wal[80];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    sqlite3 *other;
    assert_int_equal(sqlite3_open_v2(f->path, &other, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM unit", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(db_alone_begin(f->db), 0);
    journal(f, mode);
    assert_string_equal(mode, "wal");
    sqlite3_close(other);
    lt_err e = {0};
    assert_int_equal(db_begin(f->db, &e), LT_OK);
    assert_int_equal(db_alone_begin(f->db), 0);
    db_rollback(f->db);
    assert_int_equal(db_alone_begin(f->db), 1);
    journal(f, mode);
    assert_string_equal(mode, "delete");
    add_batch(f, 50000, (const char *const[]){"A1", "A2"},
              (const char *const[]){"Hà Văn Một", "Hà Thị Hai"}, 2);
    assert_int_equal(access(wal, F_OK), -1);    /* written into the file */
    db_alone_end(f->db);
    journal(f, mode);
    assert_string_equal(mode, "wal");
    assert_true(finds(f, "ha hai", "A2"));
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE code IN ('A1', 'A2')", 0), 2);
}

/* ---- holes found in review, kept closed ------------------------------- */
static void officer_may_not_take_over_a_person_outside_scope(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx o = as_role(f, ROLE_OFFICER, "GC", NULL);
    person_in p = {.code = "P2", .full_name = "Tên Khác", .unit_code = "GC", .category = "other",
                   .key_cadre = 0, .head = 0};
    assert_int_equal(person_save(&o, &p, NULL, NULL, &e), LT_EREFUSED);
    char unit[16];
    qtext(f, "SELECT u.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.id=?", person_id(f, "P2"),
          unit, sizeof unit);
    assert_string_equal(unit, "C1");
}

static void officer_may_not_move_units_out_of_scope(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx o = as_role(f, ROLE_OFFICER, "G", NULL);
    unit_in away = {.code = "C1", .name = "Chi bộ ấp 1", .kind = "cell", .parent_code = "GC"};
    assert_int_equal(unit_save(&o, &away, NULL, NULL, NULL, &e), LT_EREFUSED);
    unit_in root = {.code = "G", .name = "Đảng bộ xã Sơn Định", .kind = "grassroots_committee", .parent_code = ""};
    assert_int_equal(unit_save(&o, &root, NULL, NULL, NULL, &e), LT_EREFUSED);
    unit_in rename = {.code = "G", .name = "Đảng bộ xã Sơn Định mới", .kind = "grassroots_committee"};
    assert_int_equal(unit_save(&o, &rename, NULL, NULL, NULL, &e), LT_OK); /* parent kept */
    unit_tree t;
    assert_int_equal(tree_load(&f->ctx, Y, &t, &e), LT_OK);
    long g = tree_index(&t, unit_id(f, "G")), c1 = tree_index(&t, unit_id(f, "C1"));
    assert_int_equal(t.nodes[t.nodes[g].parent].id, unit_id(f, "D"));
    assert_int_equal(t.nodes[t.nodes[c1].parent].id, unit_id(f, "G"));
    tree_free(&t);
}

/* A hand-made tree: root 0 with KIDS children (1..KIDS), each with one
** grandchild (KIDS+1..2*KIDS), and a second root 2*KIDS+1.  More children
** than the walk's first stack holds, so it must grow. */
#define KIDS 100
static void walk_tree(unit_tree *t, unit_node *nodes) {
    long n = 2 * KIDS + 2;
    for (long i = 0; i < n; i++) nodes[i] = (unit_node){.id = i, .parent = -1, .first_child = -1, .next_sibling = -1};
    nodes[0].first_child = 1;
    for (long k = 1; k <= KIDS; k++) {
        nodes[k].parent = 0;
        nodes[k].next_sibling = k < KIDS ? k + 1 : -1;
        nodes[k].first_child = KIDS + k;
        nodes[KIDS + k].parent = k;
    }
    *t = (unit_tree){.n = n, .nodes = nodes, .ntops = 2};
}

static void tree_walk_goes_in_tree_order(void **state) {
    (void)state;
    unit_node nodes[2 * KIDS + 2];
    unit_tree t;
    walk_tree(&t, nodes);
    tree_walk w;
    tree_walk_begin(&w, &t, 0);
    assert_int_equal(tree_walk_next(&w), 0);
    for (long k = 1; k <= KIDS; k++) { /* each child, then its own child */
        assert_int_equal(tree_walk_next(&w), k);
        assert_int_equal(tree_walk_next(&w), KIDS + k);
    }
    assert_int_equal(tree_walk_next(&w), -1);
    tree_walk_end(&w);
    tree_walk_begin(&w, &t, 5); /* a subtree */
    assert_int_equal(tree_walk_next(&w), 5);
    assert_int_equal(tree_walk_next(&w), KIDS + 5);
    assert_int_equal(tree_walk_next(&w), -1);
    tree_walk_end(&w);
    tree_walk_begin(&w, &t, -1); /* as tree_index of a unit not in the tree: nothing */
    assert_int_equal(tree_walk_next(&w), -1);
    tree_walk_end(&w);
    tree_walk_all(&w, &t); /* both roots, in order */
    long seen = 0, i, last = -1;
    while ((i = tree_walk_next(&w)) >= 0) { seen++; last = i; }
    tree_walk_end(&w);
    assert_int_equal(seen, 2 * KIDS + 2);
    assert_int_equal(last, 2 * KIDS + 1);
}

static void nobody_reviews_their_own_registration(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_ctx o = as_role(f, ROLE_OFFICER, "G", "P2");
    long long reg = mk_reg(f, "P2", 1);
    advance(f, reg, REG_SUBMITTED);
    REFUSED(f, reg_approve(&o, reg, &e), LT_EREFUSED, reg, REG_SUBMITTED);
    assert_non_null(strstr(e.en, "own registration"));
}

static void absent_fields_keep_what_is_stored(void **state) {
    fx *f = *state;
    lt_err e = {0};
    int changed = -1;
    person_in p = {.code = "P1", .full_name = "Trần Văn Sơn", .unit_code = "C1", .category = "party_member",
                   .key_cadre = -1, .head = -1};
    assert_int_equal(person_save(&f->ctx, &p, NULL, &changed, &e), LT_OK);
    assert_int_equal(changed, 0);
    char kc[8];
    qtext(f, "SELECT key_cadre FROM person WHERE id=?", person_id(f, "P1"), kc, sizeof kc);
    assert_string_equal(kc, "1");
}

/* Free text holds no control characters (issue 16.4): every save refuses
** one with its field, the character and its position, writes nothing; a
** one-line field refuses a line break or a tab too; multi-line text keeps
** TAB and the CR LF a browser sends. */
static void control_characters_are_refused_everywhere(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long reg = mk_reg(f, "P1", 0), a0 = audits(f);
    assert_int_equal(reg_add_item(&f->ctx, reg, "Học tập và\x0blàm theo", "morality", NULL, &e),
                     LT_EINPUT);
    assert_string_equal(e.vi, "noi_dung: nội dung có ký tự điều khiển không được phép (U+000B) ở vị trí 11");
    assert_string_equal(e.en, "noi_dung: the text contains a control character that is not allowed "
                              "(U+000B) at position 11");
    const char *bodies[] = {"Một", "Hai\x01"}, *groups[] = {"morality", "style"};
    int changed = 0;
    assert_int_equal(reg_set_items(&f->ctx, reg, bodies, groups, 2, &changed, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "(U+0001) at position 4"));
    assert_int_equal(reg_add_item(&f->ctx, reg, "Dòng một\r\n\tdòng hai", "morality", NULL, &e), LT_OK);
    person_in p = {.code = "P9", .full_name = "Võ Văn\tChín", .unit_code = "C1", .category = "worker"};
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "ho_ten: must be one line"));
    assert_non_null(strstr(e.en, "U+0009 at position 7"));
    p.full_name = "Võ Văn Chín";
    p.position = "Bí thư\xc2\x85";   /* a C1 control */
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "chuc_vu: the text contains a control character that is not allowed (U+0085)"));
    unit_in u = {.code = "C9", .name = "Chi bộ\nấp 9", .kind = "cell", .parent_code = "G"};
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "ten_don_vi: phải viết trên một dòng"));
    assert_int_equal(breakthrough_save(&f->ctx, "G", Y, "Đột phá\x7f", NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "(U+007F)"));
    assert_int_equal(standard_save(&f->ctx, "G", "Công minh\xef\xbf\xbf", "", "2020-01-01", Y, 0, &e),
                     LT_EINPUT);
    assert_non_null(strstr(e.en, "phuong_cham: the text contains a non-character (U+FFFF)"));
    assert_int_equal(audits(f), a0 + 1);   /* only the good item */
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE code='P9'", 0), 0);
}

/* A new code holds only A-Z a-z 0-9 - _ . and at most 32 of them (issue
** 16.5): import, forms, API and CLI all save through unit_save and
** person_save.  A code stored before the rule keeps working. */
static void codes_hold_only_plain_characters(void **state) {
    fx *f = *state;
    lt_err e = {0};
    unit_in u = {.code = "XSS-Q\"; filename=evil.html", .name = "Chi bộ X", .kind = "cell",
                 .parent_code = "G"};
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_EINPUT);
    assert_string_equal(e.en, "ma_don_vi: a code may hold only the letters A-Z, a-z, digits and - _ . ; "
                              "not \"\"\" (U+0022) at position 6");
    u.code = "ĐB-1";
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "không được có \"Đ\" (U+0110) ở vị trí 1"));
    u.code = "A23456789012345678901234567890123";   /* 33 */
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "at most 32 characters"));
    u.code = "Ab_9.x-Z234567890123456789012345";    /* 32 of every kind allowed */
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_OK);
    person_in p = {.code = "P 10", .full_name = "Võ Văn Mười", .unit_code = "C1", .category = "worker"};
    assert_int_equal(person_save(&f->ctx, &p, NULL, NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "ma_nguoi: a code may hold only"));
    person_bulk *b;
    assert_int_equal(person_bulk_begin(&f->ctx, 1, &b, &e), LT_OK);
    assert_int_equal(person_bulk_add(b, &p, &e), LT_EINPUT);
    person_bulk_free(b);
    assert_int_equal(q(f, "SELECT count(*) FROM person WHERE code='P 10'", 0), 0);
    /* stored by an older version: still renamed, moved, found */
    sqlite3_exec(db_handle(f->db), "UPDATE unit SET code='C 1' WHERE code='C1';"
                                   "UPDATE person SET code='P 1' WHERE code='P1'", NULL, NULL, NULL);
    u = (unit_in){.code = "C 1", .name = "Chi bộ ấp Một", .kind = "cell", .parent_code = "G"};
    assert_int_equal(unit_save(&f->ctx, &u, NULL, NULL, NULL, &e), LT_OK);
    p = (person_in){.code = "P 1", .full_name = "Trần Văn Sơn", .unit_code = "C 1", .position = "Bí thư",
                    .category = "party_member", .key_cadre = 1};
    int changed = 0;
    assert_int_equal(person_save(&f->ctx, &p, NULL, &changed, &e), LT_OK);
    assert_int_equal(changed, 1);
}

/* Accounts for a subtree: an officer for their own subtree only, never
** for an admin's account; pending with a code (kept as a hash, never the
** code), logins from name and code, once per person. */
static void bulk_accounts_within_an_officers_subtree(void **state) {
    fx *f = *state;
    lt_err e = {0};
    account_slip *s = NULL;
    long n = 0;
    lt_ctx o = as_role(f, ROLE_OFFICER, "G", NULL);
    assert_int_equal(account_bulk(&o, "GC", 0, &s, &n, &e), LT_EREFUSED);
    assert_null(s);
    assert_int_equal(account_bulk(&o, "G", 0, &s, &n, &e), LT_OK);
    assert_int_equal(n, 2); /* P1 and P2 of C1, in name order: Định before Sơn */
    assert_string_equal(s[0].full_name, "Lê Thị Định");
    assert_string_equal(s[0].login, "le.thi.dinh.p2");
    assert_string_equal(s[1].login, "tran.van.son.p1");
    assert_int_equal(strlen(s[0].code), 15); /* ABCD-EFGH-JKMNP */
    assert_null(strpbrk(s[0].code, "01OIL"));
    char hash[80];
    qtext(f, "SELECT code_hash FROM account WHERE login='le.thi.dinh.p2'", 0, hash, sizeof hash);
    assert_int_equal(strlen(hash), 64);
    assert_null(strstr(hash, s[0].code));
    assert_int_equal(q(f, "SELECT count(*) FROM account WHERE status='pending' AND password_hash=''", 0), 2);
    free(s);
    assert_int_equal(account_bulk(&o, "G", 0, &s, &n, &e), LT_OK); /* everyone has one now */
    assert_int_equal(n, 0);
    free(s);
    assert_int_equal(account_add(&f->ctx, "quantri2", "mat-khau-quan-tri", ROLE_ADMIN, NULL, NULL, &e), LT_OK);
    assert_int_equal(account_disable(&o, "quantri2", &e), LT_EREFUSED);
    account_slip one;
    assert_int_equal(account_reset(&o, "tran.van.son.p1", 7, &one, &e), LT_OK);
    assert_string_equal(one.full_name, "Trần Văn Sơn");
    assert_int_equal(account_disable(&o, "tran.van.son.p1", &e), LT_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM account WHERE status='disabled'", 0), 1);
    lt_ctx c2 = as_role(f, ROLE_OFFICER, "C2", NULL);
    assert_int_equal(account_reset(&c2, "le.thi.dinh.p2", 0, &one, &e), LT_EREFUSED);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
static const struct CMUnitTest tests[] = {
    T(bulk_accounts_within_an_officers_subtree),
    cmocka_unit_test(tree_walk_goes_in_tree_order),
    cmocka_unit_test(vocabulary_words_in_any_form_and_order),
    cmocka_unit_test(yes_and_no_as_offices_write_them),
    T(officer_may_not_take_over_a_person_outside_scope),
    T(officer_may_not_move_units_out_of_scope),
    T(nobody_reviews_their_own_registration),
    T(absent_fields_keep_what_is_stored),
    T(key_cadre_goes_through_every_step),
    T(transitions_record_who_and_when),
    T(non_key_cadre_self_assesses_without_publishing),
    T(key_cadre_may_not_self_assess_unpublished),
    T(key_cadre_may_not_be_evaluated_unpublished),
    T(draft_cannot_skip_ahead),
    T(submit_without_items_is_refused),
    T(approving_twice_is_refused),
    T(publishing_a_submitted_one_is_refused),
    T(evaluating_an_approved_one_is_refused),
    T(self_assess_needs_every_item_assessed),
    T(items_are_frozen_after_submission),
    T(returning_an_approved_one_is_refused),
    T(returning_needs_a_reason),
    T(returned_one_is_edited_and_resubmitted),
    T(unknown_grade_assessment_group_are_input_errors),
    T(member_writes_only_their_own),
    T(member_may_not_approve_even_their_own),
    T(officer_of_ancestor_approves_cell_member),
    T(officer_of_sibling_unit_may_not_approve),
    T(viewer_may_not_write_anything),
    T(public_list_holds_key_cadres_only),
    T(failed_write_leaves_nothing),
    T(unit_save_same_data_changes_nothing),
    T(unit_rename_reports_change),
    T(unit_cannot_move_under_its_descendant),
    T(unit_merge_closes_and_records_successor),
    T(closed_unit_stays_in_the_scope_it_closed_in),
    T(person_save_rejects_bad_fields),
    T(person_save_takes_vietnamese_and_is_idempotent),
    T(people_lists_name_each_persons_unit),
    T(search_ignores_marks_and_case),
    T(search_follows_every_way_people_are_written),
    T(a_batch_counts_every_span_as_the_view_does),
    T(a_first_batch_counts_its_spans_as_it_writes),
    T(a_first_large_import_alone_leaves_the_foreign_keys_aside),
    T(a_batch_alone_writes_past_the_wal),
    T(statements_alike_at_both_ends_are_kept_apart),
    T(control_characters_are_refused_everywhere),
    T(codes_hold_only_plain_characters),
};

UNIT_MAIN(tests)
