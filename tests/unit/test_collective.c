/*
** test_collective.c — the rules of collective registrations (collective.c):
** only party organisations register as a unit; the legal path with its
** history and audit rows; who may write (the unit's officer or above) and
** who may approve, return and evaluate (the level above only, never the
** unit's own officer); a reason to return; a race lost is a conflict.
**
** Every test gets a fresh database with the tree:
**   D  district             Huyện ủy Chợ Lách
**   ├─ G  grassroots_comm.  Đảng bộ xã Sơn Định
**   │  └─ C1 cell           Chi bộ ấp 1
**   ├─ H  grassroots_comm.  Đảng bộ xã Tân Thiềng
**   └─ A  agency            Ban Dân vận
*/
#include "unit.h"
#include "fixture.h"
#include "../../src/domain/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define Y 2024

typedef struct fx {
    char path[64];
    lt_db *db;
    lt_ctx ctx; /* admin */
} fx;

static void mk_unit(fx *f, const char *code, const char *name, const char *kind, const char *parent) {
    lt_err e = {0};
    unit_in u = {.code = code, .name = name, .kind = kind, .parent_code = parent};
    if (unit_save(&f->ctx, &u, NULL, NULL, NULL, &e)) fail_msg("unit_save %s: %s", code, e.en);
}

static long long q(fx *f, const char *sql, long long param) {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_bind_parameter_count(st) > 0) sqlite3_bind_int64(st, 1, param);
    long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -999;
    sqlite3_finalize(st);
    return v;
}

/* An officer (or another role) scoped to unit code. */
static lt_ctx as_role(fx *f, lt_role role, const char *unit) {
    lt_ctx c = f->ctx;
    lt_err e = {0};
    c.role = role;
    c.scope_unit = 0;
    if (unit) assert_int_equal(unit_find(&f->ctx, unit, &c.scope_unit, &e), LT_OK);
    snprintf(c.actor, sizeof c.actor, "test:%s:%s", role_name(role), unit ? unit : "");
    return c;
}

static const char *status_of(fx *f, long long id) {
    static char s[32];
    dom_rows r;
    lt_err e = {0};
    assert_int_equal(q_collective(&f->ctx, id, &r, &e), LT_OK);
    snprintf(s, sizeof s, "%s", rows_get(&r, 0, "status"));
    rows_free(&r);
    return s;
}

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f || fx_db_create("collective", f->path, &f->db, &f->ctx)) {
        free(f);
        return -1;
    }
    mk_unit(f, "D", "Huyện ủy Chợ Lách", "district", NULL);
    mk_unit(f, "G", "Đảng bộ xã Sơn Định", "grassroots_committee", "D");
    mk_unit(f, "C1", "Chi bộ ấp 1", "cell", "G");
    mk_unit(f, "H", "Đảng bộ xã Tân Thiềng", "grassroots_committee", "D");
    mk_unit(f, "A", "Ban Dân vận", "agency", "D");
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx *f = *state;
    fx_db_remove(f->path, f->db);
    free(f);
    return 0;
}

static void only_party_organisations_register(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long id = 0, again = 0;
    assert_int_equal(coll_create(&f->ctx, "A", Y, &id, &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "ma_don_vi: chỉ tổ chức đảng"));
    assert_int_equal(coll_create(&f->ctx, "D", Y, &id, &e), LT_EINPUT);
    assert_int_equal(coll_create(&f->ctx, "NONE", Y, &id, &e), LT_ENOTFOUND);
    assert_int_equal(coll_create(&f->ctx, "C1", Y, &id, &e), LT_OK);
    assert_int_equal(coll_create(&f->ctx, "C1", Y, &again, &e), LT_OK); /* the one there is */
    assert_int_equal(again, id);
    assert_int_equal(q(f, "SELECT count(*) FROM collective", 0), 1);
}

static void the_legal_path_is_recorded(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long id = 0, a0 = q(f, "SELECT count(*) FROM audit", 0);
    lt_ctx cell = as_role(f, ROLE_OFFICER, "C1"), commune = as_role(f, ROLE_OFFICER, "G");
    assert_int_equal(coll_create(&cell, "C1", Y, &id, &e), LT_OK);
    assert_int_equal(coll_submit(&cell, id, &e), LT_EINPUT); /* no item yet */
    assert_int_equal(coll_add_item(&cell, id, "", "topic", NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "noi_dung: "));
    assert_int_equal(coll_add_item(&cell, id, "Học tập chuyên đề", "bogus", NULL, &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "nhom: "));
    assert_int_equal(coll_add_item(&cell, id, "Học tập chuyên đề", "Chuyên đề", "30/06/2024", &e), LT_OK);
    assert_int_equal(coll_add_item(&cell, id, "Làm đường", "breakthrough", NULL, &e), LT_OK);
    assert_int_equal(coll_submit(&cell, id, &e), LT_OK);
    assert_int_equal(coll_return(&commune, id, "", &e), LT_EINPUT);
    assert_non_null(strstr(e.vi, "ly_do: "));
    assert_int_equal(coll_return(&commune, id, "Cụ thể hơn", &e), LT_OK);
    assert_string_equal(status_of(f, id), "returned");
    assert_int_equal(coll_submit(&cell, id, &e), LT_OK);
    assert_int_equal(coll_approve(&commune, id, &e), LT_OK);
    assert_int_equal(coll_evaluate(&commune, id, "good", &e), LT_EREFUSED); /* not self-assessed */
    assert_int_equal(coll_publish(&cell, id, &e), LT_OK);
    assert_int_equal(coll_assess_item(&cell, id, 1, "done", "Xong", &e), LT_OK);
    assert_int_equal(coll_self_assess(&cell, id, &e), LT_EREFUSED); /* item 2 not assessed */
    assert_int_equal(coll_assess_item(&cell, id, 2, "partly", NULL, &e), LT_OK);
    assert_int_equal(coll_self_assess(&cell, id, &e), LT_OK);
    assert_int_equal(coll_evaluate(&commune, id, "bogus", &e), LT_EINPUT);
    assert_int_equal(coll_evaluate(&commune, id, "Hoàn thành tốt nhiệm vụ", &e), LT_OK);
    assert_string_equal(status_of(f, id), "evaluated");
    assert_int_equal(q(f, "SELECT count(*) FROM collective_transition WHERE collective_id=?", id), 7);
    /* create, 2 items, 7 steps, 2 assessments */
    assert_int_equal(q(f, "SELECT count(*) FROM audit", 0), a0 + 12);
    assert_int_equal(q(f, "SELECT count(*) FROM collective WHERE submitted_at IS NOT NULL AND"
                          " submitted_at <= (SELECT min(at) FROM collective_transition)", 0), 1);
}

static void only_the_level_above_approves(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long id = 0;
    lt_ctx own = as_role(f, ROLE_OFFICER, "G"), district = as_role(f, ROLE_OFFICER, "D"),
           other = as_role(f, ROLE_OFFICER, "H"), viewer = as_role(f, ROLE_VIEWER, "D"),
           member = as_role(f, ROLE_MEMBER, NULL);
    assert_int_equal(coll_create(&other, "G", Y, &id, &e), LT_EREFUSED); /* another commune */
    assert_int_equal(coll_create(&viewer, "G", Y, &id, &e), LT_EREFUSED);
    assert_int_equal(coll_create(&member, "G", Y, &id, &e), LT_EREFUSED);
    assert_int_equal(coll_create(&own, "G", Y, &id, &e), LT_OK);
    assert_int_equal(coll_add_item(&own, id, "Học tập", NULL, NULL, &e), LT_OK);
    assert_int_equal(coll_submit(&own, id, &e), LT_OK);
    assert_int_equal(coll_approve(&own, id, &e), LT_EREFUSED);
    assert_non_null(strstr(e.vi, "chỉ cấp ủy cấp trên"));
    assert_int_equal(coll_approve(&other, id, &e), LT_EREFUSED);
    assert_int_equal(coll_approve(&viewer, id, &e), LT_EREFUSED);
    assert_string_equal(status_of(f, id), "submitted");
    assert_int_equal(coll_approve(&district, id, &e), LT_OK);
    assert_int_equal(coll_publish(&other, id, &e), LT_EREFUSED);
    assert_int_equal(coll_publish(&own, id, &e), LT_OK);
}

static void a_stale_version_is_a_conflict(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long id = 0;
    assert_int_equal(coll_create(&f->ctx, "C1", Y, &id, &e), LT_OK);
    const char *bodies[] = {"Một", "Hai"}, *groups[] = {"topic", "other"};
    assert_int_equal(coll_set_items(&f->ctx, id, bodies, groups, 2, &e), LT_OK);
    assert_int_equal(q(f, "SELECT count(*) FROM collective_item WHERE collective_id=?", id), 2);
    long v = (long)q(f, "SELECT version FROM collective WHERE id=?", id);
    assert_int_equal(coll_expect_version(&f->ctx, id, v, &e), LT_OK);
    assert_int_equal(coll_submit(&f->ctx, id, &e), LT_OK);
    assert_int_equal(coll_expect_version(&f->ctx, id, v, &e), LT_ECONFLICT);
    assert_int_equal(coll_submit(&f->ctx, id, &e), LT_EREFUSED); /* already submitted */
    assert_int_equal(coll_add_item(&f->ctx, id, "Ba", NULL, NULL, &e), LT_EREFUSED);
}

static void the_level_above_lists_its_units(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long id = 0, g = 0;
    dom_rows r;
    assert_int_equal(coll_create(&f->ctx, "C1", Y, &id, &e), LT_OK);
    assert_int_equal(unit_find(&f->ctx, "D", &g, &e), LT_OK);
    assert_int_equal(q_collectives(&f->ctx, g, Y, &r, &e), LT_OK);
    assert_int_equal(r.n, 3); /* G, C1, H: not D itself, not the agency */
    int found = 0;
    for (long i = 0; i < r.n; i++)
        if (!strcmp(rows_get(&r, i, "code"), "C1")) found = !strcmp(rows_get(&r, i, "status"), "draft");
    assert_true(found);
    rows_free(&r);
}

/* Each of a district's 200 committees lists its cells: one statement
** serves them all (the unit was once written into its text, and a
** connection's 129th such statement found the statement cache full). */
static void every_committee_lists_its_cells(void **state) {
    fx *f = *state;
    lt_err e = {0};
    for (int i = 0; i < 200; i++) {
        char code[16], name[48];
        snprintf(code, sizeof code, "X%d", i);
        snprintf(name, sizeof name, "Đảng bộ xã số %d", i);
        mk_unit(f, code, name, "grassroots_committee", "D");
    }
    for (int i = 0; i < 200; i++) {
        char code[16];
        long long id = 0;
        dom_rows r;
        snprintf(code, sizeof code, "X%d", i);
        assert_int_equal(unit_find(&f->ctx, code, &id, &e), LT_OK);
        if (q_collectives(&f->ctx, id, Y, &r, &e)) fail_msg("committee %d: %s", i, e.en);
        assert_int_equal(r.n, 0);
        rows_free(&r);
    }
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)
static const struct CMUnitTest tests[] = {
    T(only_party_organisations_register),
    T(the_legal_path_is_recorded),
    T(only_the_level_above_approves),
    T(a_stale_version_is_a_conflict),
    T(the_level_above_lists_its_units),
    T(every_committee_lists_its_cells),
};

UNIT_MAIN(tests)
