/*
** test_indicators.c — the indicators of DESIGN §3 through ind_compute and
** ind_summarize: deployment targets, registration / approval / publication
** / grade rates, absent rates, subtree scoping, inactive units, the
** "excellent" cap, ranges across merges, parent changes, rounding (ties
** included, as the report writes them) and a root with a target of its own.
** Rates are tenths of a percent; -1 is absent.
**
** Every test gets a fresh database (fx_setup/fx_teardown) with the tree:
**   D  district
**   ├─ G  grassroots_committee
**   │  ├─ C1 cell
**   │  └─ C2 cell
**   ├─ GC grassroots_cell
**   ├─ A  agency (no party organisations below)
**   └─ M  mass_org
*/
#include "unit.h"
#include "fixture.h"
#include "../../src/domain/domain.h"
#include "../../src/io/io.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define Y 2024

/* ---- the shared fixture -------------------------------------------------- */
typedef struct fx {
    char path[64];
    lt_db *db;
    lt_ctx ctx; /* admin */
} fx;

static void mk_unit_from(fx *f, const char *code, const char *name, const char *kind,
                         const char *parent, const char *active_from) {
    lt_err e = {0};
    unit_in u = {.code = code, .name = name, .kind = kind, .parent_code = parent,
                 .active_from = active_from};
    if (unit_save(&f->ctx, &u, NULL, NULL, NULL, &e)) fail_msg("unit_save %s: %s", code, e.en);
}

static void mk_unit(fx *f, const char *code, const char *name, const char *kind,
                    const char *parent) {
    mk_unit_from(f, code, name, kind, parent, NULL);
}

static void mk_person(fx *f, const char *code, const char *unit, const char *category,
                      int key_cadre) {
    lt_err e = {0};
    char name[64];
    snprintf(name, sizeof name, "Nguyễn Văn %s", code);
    person_in p = {.code = code, .full_name = name, .unit_code = unit, .category = category,
                   .key_cadre = key_cadre, .since = "2000-01-01"};
    if (person_save(&f->ctx, &p, NULL, NULL, &e)) fail_msg("person_save %s: %s", code, e.en);
}

static void deploy(fx *f, const char *unit, int year) {
    lt_err e = {0};
    char day[24];
    snprintf(day, sizeof day, "%04d-03-15", year);
    deployment_in d = {.unit_code = unit, .year = year, .held_on = day, .form = "cell_meeting",
                       .present = 9, .expected = 10};
    if (deployment_save(&f->ctx, &d, NULL, &e)) fail_msg("deployment_save %s: %s", unit, e.en);
}

static void sql(fx *f, const char *s) {
    char *err = NULL;
    if (sqlite3_exec(db_handle(f->db), s, NULL, NULL, &err) != SQLITE_OK) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", err ? err : "?");
        sqlite3_free(err);
        fail_msg("SQL %s: %s", s, msg);
    }
}

/* Give person a registration for Y driven (as admin) to status `to`; an
** evaluated one gets `grade`.  Its id. */
static long long reg(fx *f, const char *person, reg_status to, const char *grade) {
    lt_err e = {0};
    long long id = 0;
    assert_int_equal(reg_create(&f->ctx, person, Y, &id, &e), LT_OK);
    assert_int_equal(reg_add_item(&f->ctx, id, "Nêu gương", "morality", NULL, &e), LT_OK);
    if (to == REG_DRAFT) return id;
    assert_int_equal(reg_submit(&f->ctx, id, &e), LT_OK);
    if (to == REG_RETURNED) {
        assert_int_equal(reg_return(&f->ctx, id, "Chưa cụ thể", &e), LT_OK);
        return id;
    }
    if (to >= REG_APPROVED) assert_int_equal(reg_approve(&f->ctx, id, &e), LT_OK);
    if (to >= REG_PUBLISHED) assert_int_equal(reg_publish(&f->ctx, id, &e), LT_OK);
    if (to >= REG_SELF_ASSESSED) {
        assert_int_equal(reg_assess_item(&f->ctx, id, 1, "done", NULL, &e), LT_OK);
        assert_int_equal(reg_self_assess(&f->ctx, id, &e), LT_OK);
    }
    if (to >= REG_EVALUATED) assert_int_equal(reg_evaluate(&f->ctx, id, grade, &e), LT_OK);
    return id;
}

/* The summary of unit `code` over from..to (rates and counts); the
** computation is freed before returning. */
static ind_summary sum_range(fx *f, int from, int to, const char *code) {
    lt_err e = {0};
    ind_result r;
    long long id = 0;
    ind_summary s;
    memset(&s, 0, sizeof s);
    assert_int_equal(unit_find(&f->ctx, code, &id, &e), LT_OK);
    if (ind_compute(&f->ctx, from, to, &r, &e)) fail_msg("ind_compute: %s", e.en);
    long idx = tree_index(&r.tree, id);
    if (idx >= 0) ind_summarize(&r, idx, &s);
    ind_free(&r);
    if (idx < 0) fail_msg("%s is not in the tree of %d", code, to);
    return s;
}

static ind_summary sum(fx *f, const char *code) { return sum_range(f, Y, Y, code); }

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f || fx_db_create("ind", f->path, &f->db, &f->ctx)) {
        free(f);
        return -1;
    }
    mk_unit(f, "D", "Huyện ủy Chợ Lách", "district", NULL);
    mk_unit(f, "G", "Đảng bộ xã Sơn Định", "grassroots_committee", "D");
    mk_unit(f, "C1", "Chi bộ ấp 1", "cell", "G");
    mk_unit(f, "C2", "Chi bộ ấp 2", "cell", "G");
    mk_unit(f, "GC", "Chi bộ Trường THCS", "grassroots_cell", "D");
    mk_unit(f, "A", "Phòng Nội vụ", "agency", "D");
    mk_unit(f, "M", "Ủy ban MTTQ huyện", "mass_org", "D");
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx *f = *state;
    fx_db_remove(f->path, f->db);
    free(f);
    ind_set_parallel(IND_PARALLEL_MIN);
    return 0;
}

/* ---- deployment ----------------------------------------------------------- */
static void deployment_targets_are_party_orgs_strictly_below(void **state) {
    fx *f = *state;
    deploy(f, "C1", Y);
    deploy(f, "GC", Y);
    ind_summary s = sum(f, "D");
    assert_int_equal(s.c.targets, 4); /* G, C1, C2, GC */
    assert_int_equal(s.c.deployed, 2);
    assert_int_equal(s.deployment_rate, 500);
    s = sum(f, "G");
    assert_int_equal(s.c.targets, 2); /* C1, C2 */
    assert_int_equal(s.c.deployed, 1);
    assert_int_equal(s.deployment_rate, 500);
}

/* Units are looked up by id in a table where ids 1..n are their own slots;
** an id far past n (a database with gaps) goes through the hash. */
static void unit_with_a_far_id_is_found_and_counted(void **state) {
    fx *f = *state;
    sql(f, "INSERT INTO unit(id, code, name, name_fold, kind) VALUES (5000000007, 'FAR',"
           " 'Chi bộ ấp Xa', 'chi bo ap xa', 'cell');"
           "INSERT INTO unit_parent(unit_id, parent_id, valid_from)"
           " SELECT 5000000007, id, '1930-02-03' FROM unit WHERE code='G'");
    deploy(f, "FAR", Y);
    deploy(f, "C1", Y);
    ind_summary s = sum(f, "G");
    assert_int_equal(s.c.targets, 3); /* C1, C2, FAR */
    assert_int_equal(s.c.deployed, 2);
    assert_int_equal(sum(f, "FAR").deployment_rate, 1000);
    assert_int_equal(sum(f, "D").c.targets, 5);
    /* the trend's rates, kept sorted by id when ids are far apart */
    lt_err e = {0};
    long long c2;
    long dep, good;
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, 5000000007LL, &dep, &good, &e), LT_OK);
    assert_int_equal(dep, 1000);
    assert_int_equal(unit_find(&f->ctx, "C2", &c2, &e), LT_OK);
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c2, &dep, &good, &e), LT_OK);
    assert_int_equal(dep, 0);
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, 4999999999LL, &dep, &good, &e), LT_OK);
    assert_int_equal(dep, -1); /* no such unit */
}

static void leaf_party_org_is_its_own_target(void **state) {
    fx *f = *state;
    deploy(f, "C1", Y);
    ind_summary s = sum(f, "C1");
    assert_int_equal(s.c.targets, 1);
    assert_int_equal(s.deployment_rate, 1000);
    s = sum(f, "C2");
    assert_int_equal(s.c.targets, 1);
    assert_int_equal(s.deployment_rate, 0); /* not deployed: 0, not absent */
    s = sum(f, "GC");
    assert_int_equal(s.deployment_rate, 0);
}

static void units_without_party_orgs_have_no_deployment_rate(void **state) {
    fx *f = *state;
    deploy(f, "C1", Y);
    ind_summary s = sum(f, "A");
    assert_int_equal(s.c.targets, 0);
    assert_int_equal(s.deployment_rate, -1);
    s = sum(f, "M");
    assert_int_equal(s.deployment_rate, -1);
}

static void own_deployment_counts_for_parent_not_for_itself(void **state) {
    fx *f = *state;
    deploy(f, "C1", Y);
    deploy(f, "GC", Y);
    deploy(f, "G", Y);
    assert_int_equal(sum(f, "D").deployment_rate, 750); /* G, C1, GC of 4 */
    ind_summary s = sum(f, "G");
    assert_int_equal(s.c.targets, 2);
    assert_int_equal(s.c.deployed, 1);
    assert_int_equal(s.deployment_rate, 500);
}

static void deployments_of_other_years_do_not_count(void **state) {
    fx *f = *state;
    deploy(f, "C1", Y - 1);
    deploy(f, "C2", Y + 1);
    assert_int_equal(sum(f, "G").deployment_rate, 0);
}

static void rounding_is_half_up_to_a_tenth(void **state) {
    fx *f = *state;
    mk_unit(f, "B", "Đảng bộ xã Long Thới", "grassroots_committee", "D");
    for (int i = 1; i <= 85; i++) {
        char code[16], name[48];
        snprintf(code, sizeof code, "B%02d", i);
        snprintf(name, sizeof name, "Chi bộ ấp %d", i);
        mk_unit(f, code, name, "cell", "B");
        if (i <= 84) deploy(f, code, Y);
    }
    ind_summary s = sum(f, "B");
    assert_int_equal(s.c.targets, 85);
    assert_int_equal(s.c.deployed, 84);
    assert_int_equal(s.deployment_rate, 988); /* 98.82 -> 98.8 */
}

/* A party organisation `code` (a root when parent is NULL) with n cells
** below it, the first `deployed` of them deployed in Y. */
static void cells_below(fx *f, const char *code, const char *parent, int n, int deployed) {
    char name[64], cell[32];
    snprintf(name, sizeof name, "Đảng bộ %s", code);
    mk_unit(f, code, name, "grassroots_committee", parent);
    for (int i = 1; i <= n; i++) {
        snprintf(cell, sizeof cell, "%s-%02d", code, i);
        snprintf(name, sizeof name, "Chi bộ ấp %d, %s", i, code);
        mk_unit(f, cell, name, "cell", code);
        if (i <= deployed) deploy(f, cell, Y);
    }
}

/* The report's text of unit code for Y contains `want`. */
static void report_says(fx *f, const char *code, const char *want) {
    lt_err e = {0};
    lt_buf out;
    lt_buf_init(&out, 0);
    if (report_render(&f->ctx, code, Y, Y, REPORT_TEXT, NULL, &out, &e)) fail_msg("report %s: %s", code, e.en);
    if (!out.p || !strstr(out.p, want)) fail_msg("report of %s lacks \"%s\":\n%s", code, want, out.p ? out.p : "");
    lt_buf_free(&out);
}

/* Ties of the tenth go up (98,75 -> 98,8; 0,05 -> 0,1), never to the even
** tenth and never down; exact tenths stay (1/8 = 12,5); through the
** indicators and as the report writes them. */
static void rounding_ties_go_up(void **state) {
    fx *f = *state;
    cells_below(f, "E8", "D", 8, 1);
    cells_below(f, "E80", "D", 80, 79);
    assert_int_equal(sum(f, "E8").deployment_rate, 125);
    assert_int_equal(sum(f, "E80").deployment_rate, 988);
    report_says(f, "E8", "12,5%  (1/8)");
    report_says(f, "E80", "98,8%  (79/80)");
    assert_int_equal(lt_percent_tenths(1, 2000), 1);   /* 0,05 -> 0,1 */
    assert_int_equal(lt_percent_tenths(5, 2000), 3);   /* 0,25 -> 0,3, not 0,2 */
    assert_int_equal(lt_percent_tenths(79, 80), 988);
    assert_int_equal(lt_percent_tenths(1, 3), 333);    /* below the tie: down */
    assert_int_equal(lt_percent_tenths(2, 3), 667);
    assert_int_equal(lt_percent_tenths(0, 7), 0);
    assert_int_equal(lt_percent_tenths(7, 7), 1000);
    char p[32];
    report_percent_vi(1, p);
    assert_string_equal(p, "0,1%");
    report_percent_vi(988, p);
    assert_string_equal(p, "98,8%");
    report_percent_vi(-1, p);
    assert_string_equal(p, "—");
}

/* DESIGN §3: the targets are the party organisations strictly below r; r
** itself only when none is below it.  A root party organisation with its
** own deployment and children counts the children alone. */
static void root_with_own_target_and_children_counts_the_children(void **state) {
    fx *f = *state;
    cells_below(f, "R", NULL, 2, 1);
    deploy(f, "R", Y);
    ind_summary s = sum(f, "R");
    assert_int_equal(s.c.targets, 2);
    assert_int_equal(s.c.deployed, 1);
    assert_int_equal(s.deployment_rate, 500);
    report_says(f, "R", "50,0%  (1/2)");
    /* a root cell without children is its own target */
    mk_unit(f, "RC", "Chi bộ cơ sở Trường Tiểu học", "grassroots_cell", NULL);
    deploy(f, "RC", Y);
    s = sum(f, "RC");
    assert_int_equal(s.c.targets, 1);
    assert_int_equal(s.deployment_rate, 1000);
    /* over two years: the targets of each year add up */
    s = sum_range(f, Y - 1, Y, "R");
    assert_int_equal(s.c.targets, 4);
    assert_int_equal(s.c.deployed, 1);
    assert_int_equal(s.deployment_rate, 250);
}

/* ---- registrations --------------------------------------------------------- */
static void registration_rate_counts_submitted_or_later(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 0);  /* submitted: counts */
    mk_person(f, "P2", "C1", "cadre", 0);         /* draft: required, not registered */
    mk_person(f, "P3", "C1", "worker", 0);        /* returned: required, not registered */
    mk_person(f, "P4", "C1", "civil_servant", 0); /* evaluated: counts */
    mk_person(f, "P5", "C1", "public_employee", 0); /* no registration */
    reg(f, "P1", REG_SUBMITTED, NULL);
    reg(f, "P2", REG_DRAFT, NULL);
    reg(f, "P3", REG_RETURNED, NULL);
    reg(f, "P4", REG_EVALUATED, "good");
    ind_summary s = sum(f, "C1");
    assert_int_equal(s.c.reg_required, 5);
    assert_int_equal(s.c.registered, 2);
    assert_int_equal(s.registration_rate, 400);
}

static void category_other_is_not_required(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 0);
    mk_person(f, "O1", "C1", "other", 0);
    mk_person(f, "O2", "C1", "Khác", 0);
    reg(f, "O1", REG_SUBMITTED, NULL); /* registered, but not required */
    ind_summary s = sum(f, "C1");
    assert_int_equal(s.c.reg_required, 1);
    assert_int_equal(s.c.registered, 0);
    assert_int_equal(s.registration_rate, 0);
}

static void people_inactive_in_the_year_are_not_counted(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 0);
    mk_person(f, "GONE", "C1", "party_member", 0);
    mk_person(f, "LEFT", "C1", "party_member", 0); /* left before Y's reference date */
    mk_person(f, "LAST", "C1", "party_member", 0); /* left on it: still counted */
    lt_err e = {0};
    person_in late = {.code = "LATE", .full_name = "Trần Văn Muộn", .unit_code = "C1",
                      .category = "party_member", .since = "2025-01-01"};
    assert_int_equal(person_save(&f->ctx, &late, NULL, NULL, &e), LT_OK);
    assert_int_equal(person_move(&f->ctx, "GONE", NULL, NULL, "2023-12-31", &e), LT_OK);
    assert_int_equal(person_move(&f->ctx, "LEFT", NULL, NULL, "2024-06-30", &e), LT_OK);
    assert_int_equal(person_move(&f->ctx, "LAST", NULL, NULL, "2024-12-31", &e), LT_OK);
    reg(f, "P1", REG_SUBMITTED, NULL);
    reg(f, "LEFT", REG_SUBMITTED, NULL); /* written while a member: counts as a registration */
    ind_summary s = sum(f, "C1");
    assert_int_equal(s.c.reg_required, 2);
    assert_int_equal(s.c.registered, 1);
    assert_int_equal(s.c.reg_submitted, 2);
    assert_int_equal(s.registration_rate, 500);
}

static void approved_rate_is_approved_of_submitted(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 0);
    mk_person(f, "P2", "C1", "party_member", 0);
    mk_person(f, "P3", "C1", "party_member", 0);
    mk_person(f, "P4", "C1", "party_member", 0);
    mk_person(f, "P5", "C1", "party_member", 0);
    reg(f, "P1", REG_SUBMITTED, NULL);
    reg(f, "P2", REG_APPROVED, NULL);
    reg(f, "P3", REG_SELF_ASSESSED, NULL);
    reg(f, "P4", REG_DRAFT, NULL);
    reg(f, "P5", REG_RETURNED, NULL);
    ind_summary s = sum(f, "C1");
    assert_int_equal(s.c.reg_submitted, 3);
    assert_int_equal(s.c.reg_approved, 2);
    assert_int_equal(s.approved_rate, 667);
}

static void published_key_cadre_rate_counts_key_cadres_only(void **state) {
    fx *f = *state;
    mk_person(f, "K1", "C1", "party_member", 1); /* published */
    mk_person(f, "K2", "C1", "cadre", 1);        /* approved, not published */
    mk_person(f, "K3", "C2", "cadre", 1);        /* no registration */
    mk_person(f, "N1", "C1", "party_member", 0); /* published, not a key cadre */
    reg(f, "K1", REG_EVALUATED, "excellent");
    reg(f, "K2", REG_APPROVED, NULL);
    reg(f, "N1", REG_PUBLISHED, NULL);
    ind_summary s = sum(f, "G");
    assert_int_equal(s.c.key_required, 3);
    assert_int_equal(s.c.key_published, 1);
    assert_int_equal(s.published_key_cadre_rate, 333);
}

static void grades_and_good_or_better_rate(void **state) {
    fx *f = *state;
    static const char *const grades[] = {"excellent", "good", "good", "completed",
                                         "not_completed"};
    for (int i = 0; i < 5; i++) {
        char code[8];
        snprintf(code, sizeof code, "P%d", i);
        mk_person(f, code, "C1", "party_member", 0);
        reg(f, code, REG_EVALUATED, grades[i]);
    }
    mk_person(f, "P9", "C1", "party_member", 0);
    reg(f, "P9", REG_SELF_ASSESSED, NULL); /* not evaluated yet */
    ind_summary s = sum(f, "D");
    assert_int_equal(s.c.evaluated, 5);
    assert_int_equal(s.c.grades[GRADE_EXCELLENT], 1);
    assert_int_equal(s.c.grades[GRADE_GOOD], 2);
    assert_int_equal(s.c.grades[GRADE_COMPLETED], 1);
    assert_int_equal(s.c.grades[GRADE_NOT_COMPLETED], 1);
    assert_int_equal(s.good_or_better_rate, 600);
}

static void empty_year_has_absent_rates(void **state) {
    fx *f = *state;
    ind_summary s = sum(f, "D");
    assert_int_equal(s.c.reg_required, 0);
    assert_int_equal(s.registration_rate, -1);
    assert_int_equal(s.approved_rate, -1);
    assert_int_equal(s.published_key_cadre_rate, -1);
    assert_int_equal(s.good_or_better_rate, -1);
    assert_int_equal(s.c.evaluated, 0);
    assert_int_equal(s.deployment_rate, 0); /* targets exist, none deployed */
    assert_int_equal(s.excellent_cap_exceeded, 0);
    /* people but no registrations: 0, and the other rates still absent */
    mk_person(f, "P1", "C1", "party_member", 1);
    s = sum(f, "D");
    assert_int_equal(s.registration_rate, 0);
    assert_int_equal(s.published_key_cadre_rate, 0);
    assert_int_equal(s.approved_rate, -1);
    assert_int_equal(s.good_or_better_rate, -1);
}

static void subtree_excludes_people_outside_it(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 0);
    mk_person(f, "P2", "GC", "party_member", 0);
    mk_person(f, "P3", "GC", "party_member", 0);
    reg(f, "P1", REG_SUBMITTED, NULL);
    reg(f, "P2", REG_DRAFT, NULL);
    ind_summary s = sum(f, "G");
    assert_int_equal(s.c.reg_required, 1);
    assert_int_equal(s.registration_rate, 1000);
    s = sum(f, "GC");
    assert_int_equal(s.c.reg_required, 2);
    assert_int_equal(s.registration_rate, 0);
    s = sum(f, "D");
    assert_int_equal(s.c.reg_required, 3);
    assert_int_equal(s.registration_rate, 333);
}

static void closed_cell_is_not_a_target(void **state) {
    fx *f = *state;
    lt_err e = {0};
    const char *succ[] = {"C1"};
    assert_int_equal(unit_merge(&f->ctx, "C2", succ, 1, "2024-01-01", &e), LT_OK);
    sql(f, "UPDATE unit SET active_to='2023-06-30' WHERE code='GC'");
    deploy(f, "C1", Y);
    ind_summary s = sum(f, "G");
    assert_int_equal(s.c.targets, 1);
    assert_int_equal(s.deployment_rate, 1000);
    s = sum(f, "D");
    assert_int_equal(s.c.targets, 2); /* G, C1 */
    assert_int_equal(s.deployment_rate, 500);
    /* in the year before, C2 was still there */
    assert_int_equal(sum_range(f, Y - 1, Y - 1, "G").c.targets, 2);
}

/* ---- the excellent cap ---------------------------------------------------- */
static void cap_grades(fx *f, const char *unit, int excellent, int good) {
    static int serial = 0;
    for (int i = 0; i < excellent + good; i++) {
        char code[16];
        snprintf(code, sizeof code, "X%03d", ++serial);
        mk_person(f, code, unit, "party_member", 0);
        reg(f, code, REG_EVALUATED, i < excellent ? "excellent" : "good");
    }
}

/* The codes of the units that ind_cap_warnings reports under `root`. */
static long cap_warnings(fx *f, const char *root, char *codes, size_t n) {
    lt_err e = {0};
    ind_result r;
    long long id = 0;
    long *w = NULL;
    assert_int_equal(unit_find(&f->ctx, root, &id, &e), LT_OK);
    assert_int_equal(ind_compute(&f->ctx, Y, Y, &r, &e), LT_OK);
    long cnt = ind_cap_warnings(&r, tree_index(&r.tree, id), &w);
    codes[0] = 0;
    for (long i = 0; i < cnt; i++) {
        size_t len = strlen(codes);
        snprintf(codes + len, n - len, "%s ", r.tree.nodes[w[i]].code);
    }
    free(w);
    ind_free(&r);
    return cnt;
}

/* The cap is cited by the rule of the year reviewed, and a year whose rule
** is not confirmed says so rather than naming a later one. */
static void the_cap_cites_the_rule_of_its_year(void **state) {
    (void)state;
    assert_string_equal(ind_cap_rule(2025, 0), "Quy định 124-QĐ/TW");
    assert_string_equal(ind_cap_rule(2023, 1), "Regulation 124-QĐ/TW");
    assert_string_equal(ind_cap_rule(2022, 0), "Quy định 132-QĐ/TW");
    assert_string_equal(ind_cap_rule(2018, 0), "Quy định 132-QĐ/TW");
    assert_non_null(strstr(ind_cap_rule(2017, 0), "chưa xác nhận"));
}

static void excellent_past_a_fifth_of_good_is_warned(void **state) {
    fx *f = *state;
    char codes[256];
    cap_grades(f, "C1", 1, 4);
    assert_int_equal(cap_warnings(f, "D", codes, sizeof codes), 1);
    assert_string_equal(codes, "C1 ");
    assert_int_equal(sum(f, "C1").excellent_cap_exceeded, 1);
    assert_int_equal(sum(f, "D").excellent_cap_exceeded, 1);
    assert_int_equal(cap_warnings(f, "GC", codes, sizeof codes), 0);
}

static void excellent_at_a_fifth_of_good_is_fine(void **state) {
    fx *f = *state;
    char codes[256];
    cap_grades(f, "C1", 1, 5);
    assert_int_equal(cap_warnings(f, "D", codes, sizeof codes), 0);
    assert_int_equal(sum(f, "C1").excellent_cap_exceeded, 0);
    assert_int_equal(sum(f, "D").excellent_cap_exceeded, 0);
}

/* ---- history: merges and moves ------------------------------------------- */
/* Commune X deployed in 2024 and merged into Z on 1 July 2025 (the 2025
** reorganisation); Z (new from that day) deployed in 2025. */
static void merged_setup(fx *f, const char *on) {
    lt_err e = {0};
    mk_unit(f, "X", "Đảng bộ xã Long Thới", "grassroots_committee", "D");
    mk_unit_from(f, "Z", "Đảng bộ xã Chợ Lách", "grassroots_committee", "D", on);
    deploy(f, "X", 2024);
    const char *succ[] = {"Z"};
    assert_int_equal(unit_merge(&f->ctx, "X", succ, 1, on, &e), LT_OK);
    deploy(f, "Z", 2025);
}

/* The real 2025 case: communes merged on 1 July.  The old commune closed
** before 2025's reference date, so it is in no tree of 2025; Z's range
** adds up Z's years (2024: not there yet), X keeps its own history (with
** its 2025 up to its last day), and the district above both has all of
** it (DESIGN §2, §3). */
static void range_adds_up_each_units_own_years(void **state) {
    fx *f = *state;
    lt_err e = {0};
    merged_setup(f, "2025-07-01");
    unit_tree t;
    long long x = 0;
    assert_int_equal(unit_find(&f->ctx, "X", &x, &e), LT_OK);
    assert_int_equal(tree_load(&f->ctx, 2025, &t, &e), LT_OK);
    assert_int_equal(tree_index(&t, x), -1); /* closed on 30/06: not an empty target of 2025 */
    tree_free(&t);
    ind_summary single = sum_range(f, 2025, 2025, "Z");
    assert_int_equal(single.c.targets, 1);
    assert_int_equal(single.c.deployed, 1);
    ind_summary z = sum_range(f, 2024, 2025, "Z");
    assert_int_equal(z.c.targets, 1);
    assert_int_equal(z.c.deployed, 1);
    /* merged away, its range is its own: 2024, and 2025 up to its last day */
    ind_summary own = sum_range(f, 2024, 2025, "X");
    assert_int_equal(own.c.targets, 2);
    assert_int_equal(own.c.deployed, 1);
    assert_int_equal(own.deployment_rate, 500);
    ind_summary d = sum_range(f, 2024, 2025, "D");
    assert_int_equal(d.c.deployed - sum_range(f, 2024, 2025, "GC").c.deployed, 2);
}

/* A range that ends before a merge does not apply it: X's 2023-2024 and
** the district's are the same after X is merged into Z in 2025 as before. */
static void range_ending_before_a_merge_ignores_it(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit(f, "X", "Đảng bộ xã Long Thới", "grassroots_committee", "D");
    deploy(f, "X", 2023);
    deploy(f, "X", 2024);
    ind_summary x0 = sum_range(f, 2023, 2024, "X"), d0 = sum_range(f, 2023, 2024, "D");
    mk_unit_from(f, "Z", "Đảng bộ xã Chợ Lách", "grassroots_committee", "D", "2025-07-01");
    const char *succ[] = {"Z"};
    assert_int_equal(unit_merge(&f->ctx, "X", succ, 1, "2025-07-01", &e), LT_OK);
    ind_summary x = sum_range(f, 2023, 2024, "X"), d = sum_range(f, 2023, 2024, "D");
    assert_int_equal(x.c.targets, 2);
    assert_int_equal(x.c.deployed, 2);
    assert_memory_equal(&x.c, &x0.c, sizeof x.c);
    assert_memory_equal(&d.c, &d0.c, sizeof d.c);
}

/* Records of the merge year of a unit closed before the reference date
** count for its successor: X deployed in March 2025 and registered its
** people, Z did neither. */
static void merge_years_records_count_for_the_successor(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit(f, "X", "Đảng bộ xã Long Thới", "grassroots_committee", "D");
    mk_unit_from(f, "Z", "Đảng bộ xã Chợ Lách", "grassroots_committee", "D", "2025-07-01");
    mk_person(f, "XP", "X", "party_member", 0);
    sql(f, "UPDATE membership SET valid_from='2020-01-01' WHERE person_id=(SELECT id FROM person WHERE code='XP')");
    deploy(f, "X", 2025);
    long long id;
    assert_int_equal(reg_create(&f->ctx, "XP", 2025, &id, &e), LT_OK);
    assert_int_equal(reg_add_item(&f->ctx, id, "Gương mẫu", "morality", NULL, &e), LT_OK);
    assert_int_equal(reg_submit(&f->ctx, id, &e), LT_OK);
    const char *succ[] = {"Z"};
    assert_int_equal(unit_merge(&f->ctx, "X", succ, 1, "2025-07-01", &e), LT_OK);
    ind_summary z = sum_range(f, 2025, 2025, "Z");
    assert_int_equal(z.c.targets, 1);
    assert_int_equal(z.c.deployed, 1);
    assert_int_equal(z.c.reg_required, 1); /* their row still names X: counted where X's records go */
    assert_int_equal(z.c.registered, 1);
    assert_int_equal(z.c.reg_submitted, 1);
    dom_rows rows; /* the list of what waits names them under Z */
    long long zid = 0;
    assert_int_equal(unit_find(&f->ctx, "Z", &zid, &e), LT_OK);
    assert_int_equal(q_missing(&f->ctx, zid, 2025, MISSING_APPROVALS, 100, &rows, &e), LT_OK);
    assert_int_equal(rows.n, 1);
    rows_free(&rows);
    /* X's own report of 2025: its records up to its last day, and says so */
    long long xid = 0;
    const ind_result *r;
    long idx;
    assert_int_equal(unit_find(&f->ctx, "X", &xid, &e), LT_OK);
    assert_int_equal(ind_get_unit(&f->ctx, xid, 2025, 2025, &r, &idx, &e), LT_OK);
    assert_string_equal(r->until, "2025-06-30");
    ind_summary x;
    ind_summarize(r, idx, &x);
    ind_release(r);
    assert_int_equal(x.c.targets, 1);
    assert_int_equal(x.c.deployed, 1);
    assert_int_equal(x.c.registered, 1);
    assert_int_equal(ind_get_unit(&f->ctx, xid, 2026, 2026, &r, &idx, &e), LT_ENOTFOUND);
    assert_int_equal(ind_get_unit(&f->ctx, zid, 2025, 2025, &r, &idx, &e), LT_OK);
    assert_string_equal(r->until, "");
    ind_release(r);
}

/* What waits in a part of the year counted from its unit down agrees with
** the year's tally on damaged links too: a link begun later that overlaps
** the one in force (the later one rules), one that ended before the
** reference date (it does not), and two units linked into a cycle (each
** a root of its own, with nothing below it), as tree_load orders them. */
static void waiting_below_agrees_with_the_tally_on_damaged_links(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit(f, "X1", "Chi bộ Khu phố 1", "cell", "D");
    mk_unit(f, "X2", "Chi bộ Khu phố 2", "cell", "X1");
    mk_unit(f, "X3", "Chi bộ Khu phố 3", "cell", "X2");
    const char *holders[] = {"C1", "C2", "GC", "X1", "X2", "X3"};
    for (size_t k = 0; k < LT_ARRAY_LEN(holders); k++) {
        char code[8];
        snprintf(code, sizeof code, "P%zu", k);
        mk_person(f, code, holders[k], "party_member", 0);
        reg(f, code, REG_SUBMITTED, NULL);
    }
    sql(f, "INSERT INTO unit_parent(unit_id, parent_id, valid_from) SELECT (SELECT id FROM unit WHERE"
           " code='C2'), id, '2024-06-01' FROM unit WHERE code='GC'");
    sql(f, "INSERT INTO unit_parent(unit_id, parent_id, valid_from, valid_to) SELECT (SELECT id FROM unit"
           " WHERE code='C1'), id, '2024-07-01', '2024-08-01' FROM unit WHERE code='GC'");
    sql(f, "UPDATE unit_parent SET parent_id=(SELECT id FROM unit WHERE code='X2') WHERE"
           " unit_id=(SELECT id FROM unit WHERE code='X1')");
    ind_cache_clear();
    const ind_result *t;
    assert_int_equal(ind_get_tally(&f->ctx, Y, &t, &e), LT_OK);
    long checked = 0, nonzero = 0;
    for (long i = 0; i < t->tree.n; i++) {
        ind_summary s;
        ind_summarize(t, i, &s);
        long long below = -1;
        assert_int_equal(ind_waiting_below(&f->ctx, t->tree.nodes[i].id, Y, 100, &below, &e), LT_OK);
        if (below != s.c.reg_submitted - s.c.reg_approved)
            fail_msg("%s: %lld counted from the unit down, %lld by the tally", t->tree.nodes[i].code, below,
                     s.c.reg_submitted - s.c.reg_approved);
        checked++;
        nonzero += below > 0;
    }
    ind_release(t);
    assert_int_equal(checked, 10);
    assert_true(nonzero >= 6);
    long long gc = 0, n = -1; /* the overlapping link rules: C2 is under GC */
    assert_int_equal(unit_find(&f->ctx, "GC", &gc, &e), LT_OK);
    assert_int_equal(ind_waiting_below(&f->ctx, gc, Y, 100, &n, &e), LT_OK);
    assert_int_equal(n, 2);
}

static void moved_cell_is_under_its_parent_of_each_year(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit_from(f, "P", "Tỉnh ủy Vĩnh Long", "province", NULL, "2025-01-01");
    assert_int_equal(unit_move(&f->ctx, "GC", "P", "2025-07-01", &e), LT_OK);
    unit_tree t24, t25;
    long long gc, d, p;
    assert_int_equal(unit_find(&f->ctx, "GC", &gc, &e), LT_OK);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    assert_int_equal(unit_find(&f->ctx, "P", &p, &e), LT_OK);
    assert_int_equal(tree_load(&f->ctx, 2024, &t24, &e), LT_OK);
    assert_int_equal(tree_load(&f->ctx, 2025, &t25, &e), LT_OK);
    long i24 = tree_index(&t24, gc), i25 = tree_index(&t25, gc);
    long long par24 = i24 >= 0 && t24.nodes[i24].parent >= 0 ? t24.nodes[t24.nodes[i24].parent].id : 0;
    long long par25 = i25 >= 0 && t25.nodes[i25].parent >= 0 ? t25.nodes[t25.nodes[i25].parent].id : 0;
    long p24 = tree_index(&t24, p);
    tree_free(&t24);
    tree_free(&t25);
    assert_int_equal(par24, d);
    assert_int_equal(par25, p);
    assert_int_equal(p24, -1); /* P did not exist in 2024 */
    /* and the indicators follow: GC's deployment counts for P in 2025, D in 2024 */
    deploy(f, "GC", 2024);
    deploy(f, "GC", 2025);
    assert_int_equal(sum_range(f, 2025, 2025, "P").c.deployed, 1);
    assert_int_equal(sum_range(f, 2025, 2025, "D").c.targets, 3); /* G, C1, C2 */
    assert_int_equal(sum_range(f, 2024, 2024, "D").c.targets, 4);
    assert_int_equal(sum_range(f, 2024, 2024, "D").c.deployed, 1);
}


/* ---- standards, inspections, awards, breakthroughs, topics ------------- */
static void standard_rate_counts_party_orgs_and_agencies(void **state) {
    fx *f = *state;
    lt_err e = {0};
    /* D's units with a standard kind: G, C1, C2, GC, A (M is a mass org, D a district) */
    assert_int_equal(standard_save(&f->ctx, "A", "Công minh, chính trực", "", "2017-02-15",
                                   2017, 0, &e), LT_OK);
    assert_int_equal(standard_save(&f->ctx, "C1", "Năng động, đổi mới", "", "2020-01-01",
                                   2020, 2023, &e), LT_OK); /* expired before Y */
    assert_int_equal(standard_save(&f->ctx, "M", "Gần dân", "", "2020-01-01", 2020, 0, &e), LT_OK);
    ind_summary s = sum(f, "D");
    assert_int_equal(s.c.std_units, 5);
    assert_int_equal(s.c.std_with, 1);
    assert_int_equal(s.standard_rate, 200);
    assert_int_equal(sum_range(f, 2021, 2021, "D").c.std_with, 2);
    assert_int_equal(sum(f, "M").standard_rate, -1); /* no unit of a kind that counts */
}

static void followups_open_and_overdue(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long insp, f1, f2, f3;
    setenv("LAMTHEO_TODAY", "2024-09-01", 1);
    assert_int_equal(inspection_add(&f->ctx, "D", "G", "inspection", "2024-04-15", "Chỉ thị 05",
                                    "", "", &insp, &e), LT_OK);
    assert_int_equal(followup_add(&f->ctx, insp, "Bổ sung bản đăng ký", "2024-06-30", &f1, &e), LT_OK);
    assert_int_equal(followup_add(&f->ctx, insp, "Sinh hoạt chuyên đề", "2024-12-31", &f2, &e), LT_OK);
    assert_int_equal(followup_add(&f->ctx, insp, "Báo cáo kết quả", "2024-05-31", &f3, &e), LT_OK);
    assert_int_equal(followup_done(&f->ctx, f3, "2024-05-20", &e), LT_OK);
    assert_int_equal(inspection_add(&f->ctx, "D", "GC", "supervision", "2023-04-15", "", "", "",
                                    &insp, &e), LT_OK); /* another year */
    ind_summary s = sum(f, "D");
    unsetenv("LAMTHEO_TODAY");
    assert_int_equal(s.c.inspections, 1);
    assert_int_equal(s.c.followups_open, 2);
    assert_int_equal(s.c.followups_overdue, 1); /* due 30/06, not done, today 01/09 */
    assert_int_equal(sum(f, "GC").c.inspections, 0);
    assert_int_equal(inspection_add(&f->ctx, "D", "G", "audit", "2024-04-15", "", "", "", &insp,
                                    &e), LT_EINPUT);
}

/* A past year's follow-ups are judged on its reference date: done in
** 2025, the 2024 ones were still open and overdue at the end of 2024,
** whatever day the report is run. */
static void followups_judged_on_the_reference_date(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long insp, f1;
    assert_int_equal(inspection_add(&f->ctx, "D", "G", "inspection", "2024-04-15", "Chỉ thị 05",
                                    "", "", &insp, &e), LT_OK);
    assert_int_equal(followup_add(&f->ctx, insp, "Bổ sung bản đăng ký", "2024-06-30", &f1, &e), LT_OK);
    assert_int_equal(followup_done(&f->ctx, f1, "2025-02-01", &e), LT_OK);
    setenv("LAMTHEO_TODAY", "2026-03-01", 1);
    ind_summary s = sum(f, "D");
    setenv("LAMTHEO_TODAY", "2024-09-01", 1); /* while the year is under way: today */
    ind_summary during = sum(f, "D");
    unsetenv("LAMTHEO_TODAY");
    assert_int_equal(s.c.followups_open, 1);
    assert_int_equal(s.c.followups_overdue, 1);
    assert_int_equal(during.c.followups_open, 1);
    assert_int_equal(during.c.followups_overdue, 1);
    dom_rows rows;
    long long d = 0;
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    assert_int_equal(q_missing(&f->ctx, d, Y, MISSING_FOLLOWUPS, 100, &rows, &e), LT_OK);
    assert_int_equal(rows.n, 1);
    rows_free(&rows);
    assert_int_equal(q_missing(&f->ctx, d, 2025, MISSING_FOLLOWUPS, 100, &rows, &e), LT_OK);
    assert_int_equal(rows.n, 0); /* done by the end of 2025 */
    rows_free(&rows);
}

/* A cell moved to another province in 2025 deploys, in 2024, the topic
** of the province it was under in 2024. */
static void topic_of_a_past_year_from_its_tree(void **state) {
    fx *f = *state;
    lt_err e = {0};
    mk_unit(f, "PA", "Tỉnh ủy A", "province", NULL);
    mk_unit(f, "PB", "Tỉnh ủy B", "province", NULL);
    mk_unit(f, "CA", "Chi bộ A", "cell", "PA");
    assert_int_equal(topic_save(&f->ctx, "PA", 2024, "Chuyên đề của tỉnh A", "", "", 0, &e), LT_OK);
    assert_int_equal(topic_save(&f->ctx, "PB", 2024, "Chuyên đề của tỉnh B", "", "", 0, &e), LT_OK);
    assert_int_equal(topic_save(&f->ctx, "PB", 2025, "Chuyên đề 2025 của tỉnh B", "", "", 0, &e), LT_OK);
    assert_int_equal(unit_move(&f->ctx, "CA", "PB", "2025-07-01", &e), LT_OK);
    long long ca = 0;
    char *t24 = NULL, *t25 = NULL;
    assert_int_equal(unit_find(&f->ctx, "CA", &ca, &e), LT_OK);
    assert_int_equal(topic_for_unit(&f->ctx, ca, 2024, &t24, &e), LT_OK);
    assert_int_equal(topic_for_unit(&f->ctx, ca, 2025, &t25, &e), LT_OK);
    assert_string_equal(t24, "Chuyên đề của tỉnh A");
    assert_string_equal(t25, "Chuyên đề 2025 của tỉnh B");
    free(t24);
    free(t25);
}

static void models_commendations_and_breakthroughs(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long model, com;
    award_in led = {Y, "C1", NULL, NULL, "Nhân dân ấp 1", "Đèn LED huyện lộ 41", "", 180000000,
                    "district", "certificate_of_merit", "12-QĐ/HU", "02/09/2024"};
    assert_int_equal(model_add(&f->ctx, &led, &model, &e), LT_OK);
    assert_int_equal(commendation_add(&f->ctx, &led, model, &com, &e), LT_OK);
    award_in praise = led;
    praise.level = "Cơ sở";
    assert_int_equal(commendation_add(&f->ctx, &praise, 0, &com, &e), LT_OK);
    praise.level = "galaxy";
    assert_int_equal(commendation_add(&f->ctx, &praise, 0, &com, &e), LT_EINPUT);
    assert_int_equal(breakthrough_save(&f->ctx, "G", Y, "Cải cách hành chính", "Đạt", &e), LT_OK);
    assert_int_equal(breakthrough_save(&f->ctx, "GC", Y, "Chuyển đổi số", NULL, &e), LT_OK);
    assert_int_equal(mass_deployment_save(&f->ctx, "M", Y, "2024-03-20", 100, 200, 3000, &e), LT_OK);
    ind_summary s = sum(f, "D");
    assert_int_equal(s.c.models, 1);
    assert_int_equal(s.c.commendations[LEVEL_DISTRICT], 1);
    assert_int_equal(s.c.commendations[LEVEL_GRASSROOTS], 1);
    assert_int_equal(s.c.breakthroughs, 2);
    assert_int_equal(s.c.breakthroughs_done, 1);
    assert_int_equal(s.c.mass_people, 3000);
    assert_int_equal(sum(f, "G").c.models, 1); /* C1's model counts for G */
    assert_int_equal(sum(f, "GC").c.models, 0);
}

static void topic_is_the_nearest_issuing_ancestors(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char *title = NULL;
    long long c1;
    mk_unit(f, "TW", "Trung ương", "central", NULL);
    lt_ctx *ctx = &f->ctx;
    assert_int_equal(unit_move(ctx, "D", "TW", "1990-01-01", &e), LT_OK);
    assert_int_equal(topic_save(ctx, "TW", Y, "Chuyên đề của Trung ương", "", "", 0, &e), LT_OK);
    assert_int_equal(unit_find(ctx, "C1", &c1, &e), LT_OK);
    assert_int_equal(topic_for_unit(ctx, c1, Y, &title, &e), LT_OK);
    assert_string_equal(title, "Chuyên đề của Trung ương");
    free(title);
    assert_int_equal(topic_save(ctx, "G", Y, "Chuyên đề của xã", "", "", 0, &e), LT_OK);
    assert_int_equal(topic_for_unit(ctx, c1, Y, &title, &e), LT_OK);
    assert_string_equal(title, "Chuyên đề của xã");
    free(title);
    assert_int_equal(topic_for_unit(ctx, c1, Y + 1, &title, &e), LT_OK);
    assert_null(title);
}

/* ---- the shared cache ------------------------------------------------------ */
static void cached_result_is_reused_until_data_changes(void **state) {
    fx *f = *state;
    lt_err e = {0};
    const ind_result *a, *b, *c;
    deploy(f, "C1", Y);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &a, &e), LT_OK);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &b, &e), LT_OK);
    assert_ptr_equal(a, b); /* nothing changed: the same computation */
    ind_release(b);
    deploy(f, "C2", Y);     /* a write: the next one is fresh and sees it */
    assert_int_equal(ind_get(&f->ctx, Y, Y, &c, &e), LT_OK);
    assert_ptr_not_equal(a, c);
    long long d;
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    ind_summary s;
    ind_summarize(c, tree_index(&c->tree, d), &s);
    assert_int_equal(s.c.deployed, 2);
    ind_summarize(a, tree_index(&a->tree, d), &s);
    assert_int_equal(s.c.deployed, 1); /* a holder keeps a consistent old result */
    ind_release(a);
    ind_release(c);
    ind_cache_clear();
}

/* A registration's change recomputes its own year only: the other years'
** results stay cached (a dashboard's trend reads six years); a person's
** new position changes nothing counted, a new category or a new person
** recomputes every year, on the trees they had (shared, not copied); a
** change to a unit reads the trees again. */
static void registration_change_recomputes_its_year_only(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long d;
    mk_person(f, "P1", "C1", "party_member", 0);
    long long reg_id = reg(f, "P1", REG_SUBMITTED, NULL);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    const ind_result *before, *mine, *again, *mine_now, *range;
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &before, &e), LT_OK);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &mine, &e), LT_OK);
    assert_int_equal(reg_approve(&f->ctx, reg_id, &e), LT_OK); /* a change in year Y */
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &again, &e), LT_OK);
    assert_ptr_equal(before, again); /* Y - 1 is still the same computation */
    ind_release(again);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &mine_now, &e), LT_OK);
    assert_ptr_not_equal(mine, mine_now); /* Y is computed afresh and sees it */
    long at = tree_index(&mine_now->tree, d); /* on the tree it had, shared */
    assert_true(at >= 0 && mine_now->tree.nodes == mine->tree.nodes);
    assert_string_equal(mine_now->tree.nodes[at].name, "Huyện ủy Chợ Lách");
    assert_string_equal(mine_now->tree.nodes[at].code, "D");
    ind_summary s;
    ind_summarize(mine_now, tree_index(&mine_now->tree, d), &s);
    assert_int_equal(s.c.reg_approved, 1);
    ind_summarize(mine, tree_index(&mine->tree, d), &s);
    assert_int_equal(s.c.reg_approved, 0);
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y, &range, &e), LT_OK); /* a range with Y sees it */
    ind_summarize(range, tree_index(&range->tree, d), &s);
    assert_int_equal(s.c.reg_approved, 1);
    ind_release(range);
    long dep, good; /* and so does the trend of Y */
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, d, &dep, &good, &e), LT_OK);
    lt_err pe = {0}; /* a new position counts nowhere: every year stays */
    person_in moved = {.code = "P1", .position = "Bí thư chi bộ", .key_cadre = -1, .head = -1};
    assert_int_equal(person_save(&f->ctx, &moved, NULL, NULL, &pe), LT_OK);
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &again, &e), LT_OK);
    assert_ptr_equal(before, again);
    ind_release(again);
    moved = (person_in){.code = "P1", .category = "cadre", .key_cadre = -1, .head = -1};
    assert_int_equal(person_save(&f->ctx, &moved, NULL, NULL, &pe), LT_OK); /* counted: */
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &again, &e), LT_OK);
    assert_ptr_not_equal(before, again); /* every year again */
    ind_release(again);
    mk_person(f, "P2", "C1", "party_member", 0); /* a new person: every year again */
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &again, &e), LT_OK);
    assert_ptr_not_equal(before, again);
    ind_summarize(again, tree_index(&again->tree, d), &s);
    assert_int_equal(s.c.reg_required, 2);
    assert_string_equal(again->tree.nodes[tree_index(&again->tree, d)].name, "Huyện ủy Chợ Lách");
    ind_release(again);
    mk_unit(f, "C3", "Chi bộ ấp 3", "cell", "G"); /* a change to the tree: read again */
    long long c3;
    assert_int_equal(unit_find(&f->ctx, "C3", &c3, &e), LT_OK);
    assert_int_equal(ind_get(&f->ctx, Y - 1, Y - 1, &again, &e), LT_OK);
    assert_true(tree_index(&again->tree, c3) >= 0);
    ind_summarize(again, tree_index(&again->tree, d), &s);
    assert_int_equal(s.c.targets, 5); /* G, C1, C2, GC, C3 */
    ind_release(again);
    ind_release(before);
    ind_release(mine);
    ind_release(mine_now);
    ind_cache_clear();
}

/* The cache's work so far. */
static ind_work work(void) {
    ind_work w;
    ind_work_done(&w);
    return w;
}

/* A trend takes a year's rates from the year's whole result when it is
** cached (the dashboard has just asked for its own year), for its one
** unit: after a change of the year, every unit's rates of that year were
** worked out again for the first dashboard. */
static void trend_reads_a_cached_year_for_its_unit(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long c1;
    mk_person(f, "P1", "C1", "party_member", 0);
    deploy(f, "C1", Y);
    long long reg_id = reg(f, "P1", REG_SELF_ASSESSED, NULL);
    assert_int_equal(unit_find(&f->ctx, "C1", &c1, &e), LT_OK);
    const ind_result *r;
    long dep[2], good[2], before = work().rated;
    assert_int_equal(ind_get(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_release(r);
    assert_int_equal(ind_trend_rates(&f->ctx, Y - 1, 2, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, before + 1); /* Y - 1's, kept; Y's read from its result */
    assert_int_equal(dep[0], 0);
    assert_int_equal(dep[1], 1000);
    assert_int_equal(good[1], -1); /* nobody graded yet */
    assert_int_equal(reg_evaluate(&f->ctx, reg_id, "good", &e), LT_OK); /* a change of Y */
    assert_int_equal(ind_get(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_release(r);
    assert_int_equal(ind_trend_rates(&f->ctx, Y - 1, 2, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, before + 1); /* none worked out again */
    assert_int_equal(good[1], 1000);
    ind_cache_clear(); /* no whole result cached: the year's rates of every unit */
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, before + 2);
    assert_int_equal(good[0], 1000);
}

/* A judged year's trend rates are kept in the database: a server started
** again (its caches empty) reads them instead of computing the year; a
** counted change of the year makes them stale, and a kept row that does
** not decode is computed again, never trusted. */
static void trend_rates_of_a_judged_year_outlive_the_server(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long c1;
    long dep[1], good[1];
    mk_person(f, "P1", "C1", "party_member", 0);
    deploy(f, "C1", Y);
    assert_int_equal(unit_find(&f->ctx, "C1", &c1, &e), LT_OK);
    ind_cache_clear();
    ind_work w = work();
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, w.rated + 1);
    assert_int_equal(dep[0], 1000);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM trend_rates WHERE year=?", Y, NULL), 1);
    ind_cache_clear(); /* a server started again */
    dep[0] = good[0] = -2;
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, w.rated + 1); /* not worked out again */
    assert_int_equal(work().kept, w.kept + 1);
    assert_int_equal(dep[0], 1000);
    assert_int_equal(good[0], -1);
    /* a change of the year: the kept row is stale */
    long long reg_id = reg(f, "P1", REG_SELF_ASSESSED, NULL);
    assert_int_equal(reg_evaluate(&f->ctx, reg_id, "good", &e), LT_OK);
    ind_cache_clear();
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, w.rated + 2);
    assert_int_equal(work().kept, w.kept + 1);
    assert_int_equal(good[0], 1000);
    /* a row that is not a list of units */
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db_handle(f->db), "UPDATE trend_rates SET units=x'01020304'", NULL, NULL, &err),
                     SQLITE_OK);
    ind_cache_clear();
    assert_int_equal(ind_trend_rates(&f->ctx, Y, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(work().rated, w.rated + 3);
    assert_int_equal(good[0], 1000);
    /* a year not yet judged (its reference date ahead) is not kept */
    char today[11];
    lt_today(today);
    int next = atoi(today) + 1;
    deploy(f, "C1", next);
    ind_cache_clear();
    assert_int_equal(ind_trend_rates(&f->ctx, next, 1, c1, dep, good, &e), LT_OK);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM trend_rates WHERE year=?", next, NULL), 0);
    ind_cache_clear();
}

/* Every unit of r (a cached result) counts as a fresh computation does. */

static void same_as_fresh(fx *f, const ind_result *r) {
    lt_err e = {0};
    ind_result fresh;
    assert_int_equal(ind_compute(&f->ctx, r->from, r->to, &fresh, &e), LT_OK);
    assert_int_equal(fresh.tree.n, r->tree.n);
    for (long i = 0; i < r->tree.n; i++) {
        ind_summary a, b;
        ind_summarize(r, i, &a);
        ind_summarize(&fresh, tree_index(&fresh.tree, r->tree.nodes[i].id), &b);
        if (memcmp(&a.c, &b.c, sizeof a.c)) fail_msg("%s differs from a fresh computation", r->tree.nodes[i].code);
    }
    ind_free(&fresh);
}

/* Registrations' changes bring the cached year up to date with the
** tally's logged changes instead of computing it again, and the result
** is the fresh one; when the log no longer holds every change since, the
** year is computed again. */
static void registration_change_patches_the_cached_year(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long d;
    mk_person(f, "P1", "C1", "party_member", 1);
    mk_person(f, "P2", "C2", "cadre", 0);
    mk_person(f, "P3", "GC", "worker", 0);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    long long id1 = reg(f, "P1", REG_SUBMITTED, NULL);
    const ind_result *a, *b, *c;
    assert_int_equal(ind_get(&f->ctx, Y, Y, &a, &e), LT_OK);
    long patched = work().patched;
    assert_int_equal(reg_approve(&f->ctx, id1, &e), LT_OK);
    assert_int_equal(reg_publish(&f->ctx, id1, &e), LT_OK);
    long long id2 = reg(f, "P2", REG_SUBMITTED, NULL);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &b, &e), LT_OK);
    assert_int_equal(work().patched, patched + 1);
    assert_ptr_not_equal(a, b);
    ind_summary s;
    ind_summarize(b, tree_index(&b->tree, d), &s);
    assert_int_equal(s.c.reg_submitted, 2);
    assert_int_equal(s.c.reg_approved, 1);
    assert_int_equal(s.c.key_published, 1);
    ind_summarize(a, tree_index(&a->tree, d), &s); /* a holder keeps its own */
    assert_int_equal(s.c.reg_submitted, 1);
    same_as_fresh(f, b);
    long long last = db_int(f->db, "SELECT max(id) FROM tally_change", 0, NULL);
    assert_int_equal(reg_approve(&f->ctx, id2, &e), LT_OK);
    char prune[96]; /* as if the oldest change since b were pruned */
    snprintf(prune, sizeof prune, "DELETE FROM tally_change WHERE id = %lld", last + 1);
    sql(f, prune);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &c, &e), LT_OK);
    assert_int_equal(work().patched, patched + 1); /* computed again */
    ind_summarize(c, tree_index(&c->tree, d), &s);
    assert_int_equal(s.c.reg_approved, 2);
    same_as_fresh(f, c);
    last = db_int(f->db, "SELECT max(id) FROM tally_change", 0, NULL);
    sql(f, "DELETE FROM tally_change"); /* an emptied log: its places are not reused */
    assert_int_equal(reg_publish(&f->ctx, id2, &e), LT_OK);
    assert_true(db_int(f->db, "SELECT min(id) FROM tally_change", 0, NULL) > last);
    const ind_result *held = c; /* the latest cached year: every change since it is kept */
    assert_int_equal(ind_get(&f->ctx, Y, Y, &c, &e), LT_OK);
    assert_int_equal(work().patched, patched + 2); /* brought up to date from it, not from a or b */
    same_as_fresh(f, c);
    ind_release(held);
    ind_release(a);
    ind_release(b);
    ind_release(c);
    ind_cache_clear();
}

/* Two databases whose paths differ only after 300 bytes keep their own
** cached results (the key once kept 255 bytes of the path). */
static void long_paths_keep_their_own_results(void **state) {
    (void)state;
    char dir[256], path[2][512];
    snprintf(dir, sizeof dir, "/tmp/lt-test-long-%0200d", (int)getpid());
    assert_int_equal(mkdir(dir, 0700), 0);
    const ind_result *r[2];
    lt_db *db[2];
    for (int k = 0; k < 2; k++) {
        lt_err e = {0};
        lt_ctx ctx;
        snprintf(path[k], sizeof path[k], "%s/%0100d-%c.db", dir, 0, 'a' + k);
        assert_int_equal(db_open(path[k], DB_OPEN_CREATE, &db[k], &e), LT_OK);
        ctx_init_cli(&ctx, db[k]);
        for (int u = 0; u < 2; u++) { /* the same writes (the same stamps), other kinds */
            char code[8];
            snprintf(code, sizeof code, "U%d", u);
            unit_in in = {.code = code, .name = "Chi bộ", .kind = u && k ? "agency" : "cell"};
            assert_int_equal(unit_save(&ctx, &in, NULL, NULL, NULL, &e), LT_OK);
        }
        assert_int_equal(ind_get(&ctx, Y, Y, &r[k], &e), LT_OK);
    }
    for (int k = 0; k < 2; k++) {
        long cells = 0;
        for (long i = 0; i < r[k]->tree.n; i++) cells += r[k]->tree.nodes[i].party_org;
        assert_int_equal(cells, 2 - k); /* two cells in the first, one in the second */
    }
    for (int k = 0; k < 2; k++) ind_release(r[k]);
    ind_cache_clear();
    for (int k = 0; k < 2; k++) {
        db_close(db[k]);
        db_remove_files(path[k]);
    }
    rmdir(dir);
}

/* ---- the second connection (ind_read.c) ------------------------------------ */
/* A helper connection that sees a newer state than the caller's snapshot
** (a write landed in between) is not trusted: the caller reads its
** queries again, and the result is the caller's snapshot throughout. */
static void helper_on_a_newer_snapshot_is_read_again(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long d;
    mk_person(f, "P1", "C1", "party_member", 0);
    deploy(f, "C1", Y);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    ind_set_parallel(0);
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    sql(f, "SELECT count(*) FROM unit"); /* the snapshot starts here */
    lt_db *other;
    lt_ctx writer;
    assert_int_equal(db_open(f->path, DB_OPEN_EXISTING, &other, &e), LT_OK);
    ctx_init_cli(&writer, other);
    person_in p = {.code = "P2", .full_name = "Lê Thị Hoa", .unit_code = "C2",
                   .category = "party_member", .since = "2000-01-01"};
    assert_int_equal(person_save(&writer, &p, NULL, NULL, &e), LT_OK);
    deployment_in dep = {.unit_code = "C2", .year = Y, .held_on = "2024-03-15",
                         .form = "cell_meeting", .present = 9, .expected = 10};
    assert_int_equal(deployment_save(&writer, &dep, NULL, &e), LT_OK);
    db_close(other);
    ind_result r;
    ind_summary s;
    assert_int_equal(ind_compute(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_summarize(&r, tree_index(&r.tree, d), &s);
    assert_int_equal(s.c.reg_required, 1); /* not 2: the write came after the snapshot */
    assert_int_equal(s.c.deployed, 1);
    ind_free(&r);
    db_read_end(f->db);
    assert_int_equal(ind_compute(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_summarize(&r, tree_index(&r.tree, d), &s);
    assert_int_equal(s.c.reg_required, 2);
    assert_int_equal(s.c.deployed, 2);
    ind_free(&r);
}

/* A helper that cannot open the database (here: its file was renamed
** under the open connection) leaves all the reading to the caller. */
static void helper_that_cannot_open_leaves_the_work_to_the_caller(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long d;
    mk_person(f, "P1", "C1", "party_member", 0);
    mk_person(f, "P2", "GC", "cadre", 1);
    deploy(f, "C1", Y);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    char moved[80];
    snprintf(moved, sizeof moved, "%s.moved", f->path);
    assert_int_equal(rename(f->path, moved), 0);
    ind_set_parallel(0);
    ind_result r;
    int rc = ind_compute(&f->ctx, Y, Y, &r, &e);
    assert_int_equal(rename(moved, f->path), 0);
    assert_int_equal(rc, LT_OK);
    ind_summary s;
    ind_summarize(&r, tree_index(&r.tree, d), &s);
    assert_int_equal(s.c.reg_required, 2);
    assert_int_equal(s.c.key_required, 1);
    assert_int_equal(s.c.deployed, 1);
    assert_int_equal(s.c.targets, 4);
    ind_free(&r);
}

/* What is computed inside a write transaction that rolls back is not
** kept: the next change brings back the same stamps with other data. */
static void computed_in_a_rolled_back_transaction_is_not_kept(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long c2, gc;
    mk_person(f, "P1", "C1", "party_member", 0);
    deploy(f, "C1", Y);
    assert_int_equal(unit_find(&f->ctx, "C2", &c2, &e), LT_OK);
    assert_int_equal(unit_find(&f->ctx, "GC", &gc, &e), LT_OK);
    const ind_result *r;
    ind_summary s;
    long dep[2], good[2];
    assert_int_equal(db_begin(f->db, &e), LT_OK);
    mk_person(f, "P2", "C2", "cadre", 0);
    deploy(f, "GC", Y);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_summarize(r, tree_index(&r->tree, c2), &s);
    assert_int_equal(s.c.reg_required, 1);
    ind_release(r);
    /* the trend inside it: each year's rates, none kept */
    assert_int_equal(ind_trend_rates(&f->ctx, Y - 1, 2, gc, dep, good, &e), LT_OK);
    assert_int_equal(dep[0], 0); /* GC, its own target, not deployed in Y - 1: 0%, not absent */
    assert_int_equal(dep[1], 1000);
    db_rollback(f->db);
    mk_person(f, "P3", "GC", "worker", 0); /* as many changes: the same stamps */
    deploy(f, "C2", Y);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_summarize(r, tree_index(&r->tree, c2), &s);
    assert_int_equal(s.c.reg_required, 0);
    ind_summarize(r, tree_index(&r->tree, gc), &s);
    assert_int_equal(s.c.reg_required, 1);
    ind_release(r);
    assert_int_equal(ind_trend_rates(&f->ctx, Y - 1, 2, gc, dep, good, &e), LT_OK);
    assert_int_equal(dep[1], 0); /* GC was deployed only in the rolled-back transaction */
}

/* ---- the missing lists, remembered (memo.c) -------------------------------- */
/* The names in D's list of people not yet registered, "A,B,", and whether
** it came from memory. */
static int not_registered(fx *f, char *names, size_t n) {
    lt_err e = {0};
    long long d;
    dom_rows rows;
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    long hits = memo_hit_count();
    assert_int_equal(q_missing(&f->ctx, d, Y, MISSING_REGISTRATIONS, 50, &rows, &e), LT_OK);
    names[0] = 0;
    for (long i = 0; i < rows.n; i++) {
        size_t len = strlen(names);
        snprintf(names + len, n - len, "%s,", rows_get(&rows, i, "full_name"));
    }
    rows_free(&rows);
    return memo_hit_count() > hits;
}

/* A list is given from memory only while nothing at all has changed
** (even a change no indicator counts, as a person's name), never inside
** a write transaction (it may roll back), and never to a reader whose
** snapshot is older than the state remembered. */
static void missing_lists_are_remembered_until_anything_changes(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char names[256];
    mk_person(f, "P1", "C1", "party_member", 0);
    assert_false(not_registered(f, names, sizeof names));
    assert_string_equal(names, "Nguyễn Văn P1,");
    assert_true(not_registered(f, names, sizeof names)); /* nothing changed */
    assert_string_equal(names, "Nguyễn Văn P1,");
    person_in rename = {.code = "P1", .full_name = "Trần Thị Mai", .key_cadre = -1, .head = -1};
    assert_int_equal(person_save(&f->ctx, &rename, NULL, NULL, &e), LT_OK);
    assert_false(not_registered(f, names, sizeof names));
    assert_string_equal(names, "Trần Thị Mai,");
    reg(f, "P1", REG_SUBMITTED, NULL);
    assert_false(not_registered(f, names, sizeof names));
    assert_string_equal(names, "");
    assert_int_equal(db_begin(f->db, &e), LT_OK); /* a change that will roll back */
    mk_person(f, "P2", "C2", "cadre", 0);
    assert_false(not_registered(f, names, sizeof names));
    assert_false(not_registered(f, names, sizeof names));
    assert_string_equal(names, "Nguyễn Văn P2,");
    db_rollback(f->db);
    not_registered(f, names, sizeof names);
    assert_string_equal(names, "");
    assert_int_equal(db_read_begin(f->db, &e), LT_OK); /* an older snapshot than ... */
    not_registered(f, names, sizeof names);
    lt_db *other;
    lt_ctx writer;
    assert_int_equal(db_open(f->path, DB_OPEN_EXISTING, &other, &e), LT_OK);
    ctx_init_cli(&writer, other);
    fx g = *f;
    g.db = other;
    g.ctx = writer;
    mk_person(&g, "P3", "GC", "worker", 0);
    assert_false(not_registered(&g, names, sizeof names)); /* ... the one remembered */
    assert_string_equal(names, "Nguyễn Văn P3,");
    assert_false(not_registered(f, names, sizeof names));
    assert_string_equal(names, "");
    db_read_end(f->db);
    assert_true(not_registered(f, names, sizeof names));
    assert_string_equal(names, "Nguyễn Văn P3,");
    db_close(other);
}

/* A list given from memory is the kept list itself, lent to each reader:
** it stays whole while any reader holds it, even after a change has left
** it stale and a new list has taken its place (under ASan, a list freed
** too soon is a use after free). */
static void a_list_lent_outlives_its_place_in_memory(void **state) {
    fx *f = *state;
    lt_err e = {0};
    long long d;
    mk_person(f, "P1", "C1", "party_member", 0);
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    dom_rows a, b, c;
    assert_int_equal(q_missing(&f->ctx, d, Y, MISSING_REGISTRATIONS, 50, &a, &e), LT_OK); /* read, kept */
    assert_int_equal(q_missing(&f->ctx, d, Y, MISSING_REGISTRATIONS, 50, &b, &e), LT_OK); /* lent */
    assert_non_null(a.shared);
    assert_ptr_equal(a.shared, b.shared);
    assert_ptr_equal(a.cells, b.cells); /* not a copy */
    person_in rename = {.code = "P1", .full_name = "Trần Thị Mai", .key_cadre = -1, .head = -1};
    assert_int_equal(person_save(&f->ctx, &rename, NULL, NULL, &e), LT_OK);
    assert_int_equal(q_missing(&f->ctx, d, Y, MISSING_REGISTRATIONS, 50, &c, &e), LT_OK); /* takes the place */
    assert_ptr_not_equal(c.shared, a.shared);
    assert_string_equal(rows_get(&c, 0, "full_name"), "Trần Thị Mai");
    assert_string_equal(rows_get(&a, 0, "full_name"), "Nguyễn Văn P1"); /* still whole */
    rows_free(&a);
    assert_null(a.shared);
    assert_string_equal(rows_get(&b, 0, "full_name"), "Nguyễn Văn P1");
    rows_free(&b); /* the last reader: freed now */
    rows_free(&c);
}

/* The dashboard text kept for unit 4, year Y and variant v, asked inside a
** read snapshot; "" when none is given. */
static const char *kept_text(fx *f, int v, char *out, size_t n) {
    lt_err e = {0};
    memo_text t;
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    snprintf(out, n, "%s", memo_text_get(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, v, &t) ? t.text : "");
    memo_text_free(&t);
    db_read_end(f->db);
    return out;
}

static void kept_put(fx *f, int v, const char *text) {
    lt_err e = {0};
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    memo_text_put(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, v, text, strlen(text));
    db_read_end(f->db);
}

/* A page's text is kept for its variant at the state its page read, given
** while nothing changes, never after a change, never outside a read
** snapshot (nothing then says which state it was written from); a text
** lent outlives the place it left. */
static void a_page_text_is_given_only_at_its_state(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char got[64];
    memo_text t;
    memo_text_put(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, 0, "outside", 7); /* no snapshot: not kept */
    assert_string_equal(kept_text(f, 0, got, sizeof got), "");
    kept_put(f, 0, "trang A");
    assert_false(memo_text_get(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, 0, &t)); /* outside: not given */
    assert_null(t.shared);
    assert_string_equal(kept_text(f, 0, got, sizeof got), "trang A");
    assert_string_equal(kept_text(f, 1, got, sizeof got), ""); /* another variant */
    kept_put(f, 1, "page A");
    assert_string_equal(kept_text(f, 1, got, sizeof got), "page A");
    assert_string_equal(kept_text(f, 0, got, sizeof got), "trang A");
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    assert_true(memo_text_get(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, 0, &t)); /* held across a change */
    assert_int_equal(t.len, strlen("trang A"));
    db_read_end(f->db);
    mk_person(f, "P1", "C1", "party_member", 0);
    assert_string_equal(kept_text(f, 0, got, sizeof got), "");
    assert_string_equal(kept_text(f, 1, got, sizeof got), "");
    kept_put(f, 0, "trang B");
    assert_string_equal(kept_text(f, 0, got, sizeof got), "trang B");
    assert_string_equal(t.text, "trang A"); /* still whole (under ASan: not freed) */
    memo_text_free(&t);
    assert_null(t.shared);
    assert_int_equal(db_begin(f->db, &e), LT_OK); /* writing: neither kept nor given */
    memo_text_put(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, 0, "draft", 5);
    assert_false(memo_text_get(&f->ctx, 4, Y, MEMO_PAGE_DASHBOARD, 0, &t));
    db_rollback(f->db);
    assert_string_equal(kept_text(f, 0, got, sizeof got), "trang B");
}

/* C1's topic of year Y, "" when none (the one a page names). */
static const char *topic_of_c1(fx *f, char *out, size_t n) {
    lt_err e = {0};
    long long c1;
    char *title;
    assert_int_equal(unit_find(&f->ctx, "C1", &c1, &e), LT_OK);
    assert_int_equal(topic_for_unit(&f->ctx, c1, Y, &title, &e), LT_OK);
    snprintf(out, n, "%s", title ? title : "");
    free(title);
    return out;
}

/* Whether year is among the years a page offers. */
static int year_listed(fx *f, int year) {
    lt_err e = {0};
    dom_rows ys;
    assert_int_equal(q_year_list(&f->ctx, &ys, &e), LT_OK);
    int found = 0;
    for (long i = 0; i < ys.n; i++) found |= rows_int(&ys, i, "year") == year;
    rows_free(&ys);
    return found;
}

/* The other lists every page asks for (a unit's topic, the years, the
** units of a name) come from memory while nothing changes, and follow
** each change at once. */
static void topic_years_and_namesakes_follow_each_change(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char title[128];
    assert_int_equal(topic_save(&f->ctx, "G", Y, "Chuyên đề A", "", "", 0, &e), LT_OK);
    assert_string_equal(topic_of_c1(f, title, sizeof title), "Chuyên đề A"); /* the unit above's */
    long hits = memo_hit_count();
    assert_string_equal(topic_of_c1(f, title, sizeof title), "Chuyên đề A");
    assert_true(memo_hit_count() > hits);
    assert_int_equal(topic_save(&f->ctx, "G", Y, "Chuyên đề B", "", "", 0, &e), LT_OK);
    assert_string_equal(topic_of_c1(f, title, sizeof title), "Chuyên đề B");
    assert_int_equal(topic_save(&f->ctx, "C1", Y, "Chuyên đề của chi bộ", "", "", 0, &e), LT_OK);
    assert_string_equal(topic_of_c1(f, title, sizeof title), "Chuyên đề của chi bộ");

    assert_true(year_listed(f, Y));
    assert_false(year_listed(f, Y + 3));
    year_in next = {.year = Y + 3};
    assert_int_equal(year_open(&f->ctx, &next, &e), LT_OK);
    assert_true(year_listed(f, Y + 3));

    long long c1, c2, ids[4];
    int n;
    assert_int_equal(unit_find(&f->ctx, "C1", &c1, &e), LT_OK);
    assert_int_equal(unit_find(&f->ctx, "C2", &c2, &e), LT_OK);
    assert_int_equal(unit_namesakes(&f->ctx, c1, ids, 4, &n, &e), LT_OK);
    assert_int_equal(n, 1);
    assert_true(ids[0] == c1);
    mk_unit(f, "C2", "Chi bộ ấp 1", "cell", "G"); /* C2 renamed as C1 */
    assert_int_equal(unit_namesakes(&f->ctx, c1, ids, 4, &n, &e), LT_OK);
    assert_int_equal(n, 2);
    assert_true((ids[0] == c1 && ids[1] == c2) || (ids[0] == c2 && ids[1] == c1));
    assert_int_equal(unit_namesakes(&f->ctx, c1, ids, 1, &n, &e), LT_OK);
    assert_int_equal(n, 2); /* more than max: max + 1 */
}

/* G's deployments counted in year Y, as the connection of f sees it now. */
static long long deployed_under_g(fx *f) {
    lt_err e = {0};
    long long g;
    const ind_result *r;
    ind_summary s;
    assert_int_equal(unit_find(&f->ctx, "G", &g, &e), LT_OK);
    assert_int_equal(ind_get(&f->ctx, Y, Y, &r, &e), LT_OK);
    ind_summarize(r, tree_index(&r->tree, g), &s);
    ind_release(r);
    return s.c.deployed;
}

/* Inside one read snapshot the stamps are read once and kept (a page asks
** for them at each ind_get); the next snapshot reads them again: what
** another connection wrote between the two is counted by the second. */
static void stamps_kept_in_a_snapshot_are_its_own(void **state) {
    fx *f = *state;
    lt_err e = {0};
    lt_db *other;
    lt_ctx writer;
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    assert_int_equal(deployed_under_g(f), 0);
    assert_int_equal(db_open(f->path, DB_OPEN_EXISTING, &other, &e), LT_OK);
    ctx_init_cli(&writer, other);
    fx g = *f;
    g.db = other;
    g.ctx = writer;
    deploy(&g, "C1", Y);
    assert_int_equal(deployed_under_g(f), 0); /* the same snapshot */
    db_read_end(f->db);
    assert_int_equal(db_read_begin(f->db, &e), LT_OK);
    assert_int_equal(deployed_under_g(f), 1);
    db_read_end(f->db);
    db_close(other);
}

/* ---- many askers at once ---------------------------------------------------- */
/* Threads that ask at once for what is not cached yet wait for one of
** them to compute it: a server started cold under many connections
** computed a national year on every worker at once. */
#define ASKERS 8
typedef struct asker {
    const char *path;
    lt_ctx ctx;  /* the test's, given the asker's own connection */
    long long unit_id;
    int trend;  /* ind_trend_rates of Y-2..Y, else ind_get of Y */
    pthread_barrier_t *start;
    int rc;
} asker;

static void *ask(void *arg) {
    asker *a = arg;
    lt_err e = {0};
    lt_db *db;
    lt_ctx ctx = a->ctx;
    a->rc = db_open(a->path, DB_OPEN_EXISTING, &db, &e);
    pthread_barrier_wait(a->start);
    if (a->rc) return NULL;
    ctx.db = db;
    if (a->trend) {
        long dep[3], good[3];
        a->rc = ind_trend_rates(&ctx, Y - 2, 3, a->unit_id, dep, good, &e);
    } else {
        const ind_result *r;
        if (!(a->rc = ind_get(&ctx, Y, Y, &r, &e))) ind_release(r);
    }
    db_close(db);
    return NULL;
}

/* How many results ASKERS threads asking at once made computed. */
static long computed_by_askers(fx *f, int trend) {
    lt_err e = {0};
    long long d;
    assert_int_equal(unit_find(&f->ctx, "D", &d, &e), LT_OK);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, ASKERS);
    pthread_t th[ASKERS];
    asker a[ASKERS];
    ind_work before, after;
    ind_work_done(&before);
    for (int i = 0; i < ASKERS; i++) {
        a[i] = (asker){f->path, f->ctx, d, trend, &start, 0};
        assert_int_equal(pthread_create(&th[i], NULL, ask, &a[i]), 0);
    }
    for (int i = 0; i < ASKERS; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(a[i].rc, LT_OK);
    }
    pthread_barrier_destroy(&start);
    ind_work_done(&after);
    return after.computed - before.computed;
}

static void askers_at_once_share_one_computation(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 1);
    deploy(f, "C1", Y);
    ind_set_parallel(0); /* each computation opens a helper connection: long enough to overlap */
    assert_int_equal(computed_by_askers(f, 0), 1);
}

static void askers_of_a_trend_share_each_years_computation(void **state) {
    fx *f = *state;
    mk_person(f, "P1", "C1", "party_member", 1);
    deploy(f, "C1", Y - 1);
    ind_set_parallel(0);
    assert_int_equal(computed_by_askers(f, 1), 3);
}

/* The unit a whole tree opens on (reports and pages alike): the largest
** root (here TW, over the fixture's D), then down from a Centre or
** province with a single child. */
static void top_of_a_tree_is_the_largest_roots_first_fork(void **state) {
    fx *f = *state;
    mk_unit(f, "TW", "Trung ương", "central", NULL);
    mk_unit(f, "T1", "Tỉnh ủy", "province", "TW");
    mk_unit(f, "H1", "Huyện ủy", "district", "T1");
    for (int k = 1; k <= 6; k++) { /* 9 units, against the fixture's root D of 7 */
        char code[8];
        snprintf(code, sizeof code, "K%d", k);
        mk_unit(f, code, "Chi bộ", "cell", "H1");
    }
    lt_err e = {0};
    unit_tree t;
    assert_int_equal(tree_load(&f->ctx, Y, &t, &e), LT_OK);
    assert_string_equal(t.nodes[tree_top(&t)].code, "H1");
    tree_free(&t);
    mk_unit(f, "T2", "Tỉnh ủy khác", "province", "TW"); /* the Centre forks: it is the top */
    assert_int_equal(tree_load(&f->ctx, Y, &t, &e), LT_OK);
    assert_string_equal(t.nodes[tree_top(&t)].code, "TW");
    tree_free(&t);
}

/* The tally's columns as REG_TALLY_COLUMNS describes them are the
** schema's: in the table, its change log and the views that feed it, after
** their keys and in that order (the triggers copy them by name). */
static void tally_columns_are_the_schemas(void **state) {
    fx *f = *state;
    static const struct { const char *object, *keys; } held[] = {
        {"registration_tally", "year, unit_id"},
        {"tally_change", "id, year, unit_id"},
        {"registration_tally_share", "year, unit_id"},
        {"registration_tally_of", "registration_id, person_id, year, unit_id"},
    };
    for (unsigned i = 0; i < sizeof held / sizeof held[0]; i++) {
        char sql[200], want[400];
        snprintf(sql, sizeof sql, "SELECT group_concat(name, ', ') FROM pragma_table_info('%s')",
                 held[i].object);
        snprintf(want, sizeof want, "%s" REG_TALLY_LIST, held[i].keys);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(db_handle(f->db), sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
        sqlite3_finalize(st);
    }
    assert_int_equal(REG_TALLY_N, 11);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
static const struct CMUnitTest tests[] = {
    T(deployment_targets_are_party_orgs_strictly_below),
    T(helper_on_a_newer_snapshot_is_read_again),
    T(registration_change_patches_the_cached_year),
    T(trend_reads_a_cached_year_for_its_unit),
    T(trend_rates_of_a_judged_year_outlive_the_server),
    T(long_paths_keep_their_own_results),
    T(askers_at_once_share_one_computation),
    T(missing_lists_are_remembered_until_anything_changes),
    T(a_list_lent_outlives_its_place_in_memory),
    T(a_page_text_is_given_only_at_its_state),
    T(topic_years_and_namesakes_follow_each_change),
    T(stamps_kept_in_a_snapshot_are_its_own),
    T(computed_in_a_rolled_back_transaction_is_not_kept),
    T(askers_of_a_trend_share_each_years_computation),
    T(helper_that_cannot_open_leaves_the_work_to_the_caller),
    T(unit_with_a_far_id_is_found_and_counted),
    T(leaf_party_org_is_its_own_target),
    T(units_without_party_orgs_have_no_deployment_rate),
    T(own_deployment_counts_for_parent_not_for_itself),
    T(deployments_of_other_years_do_not_count),
    T(rounding_is_half_up_to_a_tenth),
    T(rounding_ties_go_up),
    T(root_with_own_target_and_children_counts_the_children),
    T(registration_rate_counts_submitted_or_later),
    T(category_other_is_not_required),
    T(people_inactive_in_the_year_are_not_counted),
    T(approved_rate_is_approved_of_submitted),
    T(published_key_cadre_rate_counts_key_cadres_only),
    T(grades_and_good_or_better_rate),
    T(empty_year_has_absent_rates),
    T(subtree_excludes_people_outside_it),
    T(closed_cell_is_not_a_target),
    T(excellent_past_a_fifth_of_good_is_warned),
    cmocka_unit_test(the_cap_cites_the_rule_of_its_year),
    T(excellent_at_a_fifth_of_good_is_fine),
    T(range_adds_up_each_units_own_years),
    T(range_ending_before_a_merge_ignores_it),
    T(merge_years_records_count_for_the_successor),
    T(waiting_below_agrees_with_the_tally_on_damaged_links),
    T(followups_judged_on_the_reference_date),
    T(topic_of_a_past_year_from_its_tree),
    T(moved_cell_is_under_its_parent_of_each_year),
    T(standard_rate_counts_party_orgs_and_agencies),
    T(followups_open_and_overdue),
    T(models_commendations_and_breakthroughs),
    T(topic_is_the_nearest_issuing_ancestors),
    T(cached_result_is_reused_until_data_changes),
    T(registration_change_recomputes_its_year_only),
    T(tally_columns_are_the_schemas),
    T(top_of_a_tree_is_the_largest_roots_first_fork),
};

UNIT_MAIN(tests)
