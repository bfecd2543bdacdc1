/*
** test_exact.c — the fast indicators (ind_compute / ind_get) equal a slow,
** obviously correct reference written straight from DESIGN §3, for every
** unit and year of random trees, after random sequences of writes that
** move and merge units, register, deploy and evaluate.
**
** The reference walks each unit's parent links of the year one by one
** and counts with one plain query per figure; it is quadratic and only
** fit for small trees, which is what makes it easy to trust.  People
** count by membership (DESIGN §2): the row of their history that covers
** the year's reference date (its review date when that falls in the
** year, else 31 December), with that row's unit and key-cadre flag; a
** registration counts where its person's row is, or where it was
** written when its person has no row that year.  The year's tree is the
** tree on the same day (DESIGN §2): the units active then, each under its
** link in force then; a record of a unit not in it counts for the first
** of its successors by merge that is.  A range adds up each unit's years
** (DESIGN §3).
**
** A smaller world runs on PostgreSQL too (a throwaway cluster,
** pg_cluster.h), through the same store calls: the same figures from the
** other engine's triggers and SQL.
*/
#include "unit.h"
#include "fixture.h"
#include "pg_cluster.h"
#include "../../src/domain/domain.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A world's units and people: NUNITS and NPEOPLE on SQLite; on
** PostgreSQL, where each of the reference's many thousand queries is a
** round trip, fewer (PG_UNITS, PG_PEOPLE). */
#define NUNITS 48
#define NPEOPLE 160
#define PG_UNITS 12
#define PG_PEOPLE 40
#define FIRST 2021
#define LAST 2025

/* The reference asks the same few dozen queries thousands of times: the
** store keeps their statements, by their text. */
typedef struct fx {
    char path[64];         /* the SQLite file, or "" */
    char pg_name[32];      /* the PostgreSQL database, or "" */
    lt_db *db;
    lt_ctx ctx;
    unsigned long long seed;
    int nunits, npeople;
} fx;

static unsigned rnd(fx *f, unsigned n) {
    f->seed = f->seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(f->seed >> 33) % n;
}

static void sql(fx *f, const char *s) {
    lt_err e = {0};
    if (db_exec(f->db, s, &e)) fail_msg("SQL %s: %s", s, e.en);
}

/* The statement of s, with no bindings; its caller resets it after its
** step (so that no read stays open between queries). */
static db_stmt *stmt_of(fx *f, const char *s) {
    lt_err e = {0};
    db_stmt *st = db_prepare(f->db, s, &e);
    if (!st) fail_msg("prepare %s: %s", s, e.en);
    return st;
}

/* The first column of the first row of st, stepped (-1: no row), reset. */
static long long first_int(fx *f, db_stmt *st) {
    lt_err e = {0};
    int row = db_step_row(f->db, st, &e);
    if (row < 0) fail_msg("query: %s", e.en);
    long long v = row == 1 ? db_col_int64(st, 0) : -1;
    db_reset(st);
    return v;
}

static long long q1(fx *f, const char *s, long long a, long long b) {
    db_stmt *st = stmt_of(f, s);
    if (db_param_count(st) >= 1) db_bind_int(st, 1, a);
    if (db_param_count(st) >= 2) db_bind_int(st, 2, b);
    return first_int(f, st);
}

/* ---- the reference ------------------------------------------------------- */
/* The reference date of year y (?2 below), as SQL. */
#define REF "coalesce((SELECT review_deadline FROM year_setup WHERE year=?2 AND review_deadline LIKE ?2||'-%'), ?2||'-12-31')"

/* The same with ?2 a day (text). */
static long long q1d(fx *f, const char *s, long long a, const char *day) {
    db_stmt *st = stmt_of(f, s);
    db_bind_int(st, 1, a);
    db_bind_text(st, 2, day);
    return first_int(f, st);
}

/* Year y's reference date into out. */
static void ref_day(fx *f, int y, char out[11]) {
    db_stmt *st = stmt_of(f, "SELECT " REF);
    db_bind_int(st, 2, y);
    lt_err e = {0};
    if (db_step_row(f->db, st, &e) != 1) fail_msg("no reference date: %s", e.en);
    snprintf(out, 11, "%s", db_col_text(st, 0));
    db_reset(st);
}

/* The tree of a day: its units active then, each under its link then. */
static int active(fx *f, long long u, const char *day) {
    return q1d(f, "SELECT count(*) FROM unit WHERE id=?1 AND active_from<=?2 AND"
                  " (active_to IS NULL OR active_to>=?2)", u, day) == 1;
}

static long long parent_in(fx *f, long long u, const char *day) {
    long long p = q1d(f, "SELECT parent_id FROM unit_parent WHERE unit_id=?1 AND valid_from<=?2 AND"
                         " (valid_to IS NULL OR valid_to>=?2) ORDER BY valid_from DESC LIMIT 1", u, day);
    return p > 0 && active(f, p, day) ? p : 0;
}

/* Is u, active on day, in the subtree of r in that day's tree? */
static int below_or_at(fx *f, long long u, long long r, const char *day) {
    if (!active(f, u, day)) return 0;
    for (int hops = 0; u && hops < f->nunits + 2; hops++, u = parent_in(f, u, day))
        if (u == r) return 1;
    return 0;
}

/* Where unit v's records count in the tree of day: v if it is in it, else
** the first of its successors by merge (the lowest at each step) that is;
** 0 for nowhere. */
static long long home(fx *f, long long v, const char *day) {
    for (int hops = 0; v && hops < 32; hops++) {
        if (active(f, v, day)) return v;
        v = q1(f, "SELECT min(successor_id) FROM unit_merge WHERE unit_id=?", v, 0);
        if (v < 0) v = 0;
    }
    return 0;
}

static int party_org(fx *f, long long u) {
    return q1(f, "SELECT kind IN ('grassroots_committee','grassroots_cell','cell') FROM unit WHERE id=?", u, 0) == 1;
}

/* The counts of records of unit v (people by their row's unit) into c,
** straight from the definitions; *deployed, *collective and *std set when
** it has a deployment, a collective registration submitted and a standard
** of year y. */
static void records_of(fx *f, long long v, int y, ind_counts *c, int *deployed, int *collective, int *std) {
    *deployed |= q1(f, "SELECT count(*) FROM deployment WHERE unit_id=? AND year=?", v, y) > 0;
    *collective |= q1(f, "SELECT count(*) FROM collective WHERE unit_id=? AND year=? AND status IN"
                         " ('submitted','approved','published','self_assessed','evaluated')", v, y) > 0;
    c->collective_waiting += q1(f, "SELECT count(*) FROM collective WHERE unit_id=? AND year=? AND"
                                   " status='submitted'", v, y);
    *std |= q1(f, "SELECT count(*)>0 FROM standard WHERE unit_id=?1 AND valid_from<=?2 AND"
                  " (valid_to IS NULL OR valid_to>=?2)", v, y) > 0;
    /* people counted where their row of the reference date is */
    const char *people = "SELECT count(*) FROM membership m JOIN person p ON p.id=m.person_id LEFT JOIN"
                         " registration r ON r.person_id=p.id AND r.year=?2 WHERE m.unit_id=?1 AND"
                         " p.category<>'other' AND m.valid_from<=" REF " AND (m.valid_to IS NULL OR"
                         " m.valid_to>=" REF ")";
    /* a registration counts where its person's row is, else where it was written */
    const char *placed = "SELECT count(*) FROM registration r WHERE r.year=?2 AND coalesce((SELECT m.unit_id"
                         " FROM membership m WHERE m.person_id=r.person_id AND m.valid_from<=" REF " AND"
                         " (m.valid_to IS NULL OR m.valid_to>=" REF ")), r.unit_id)=?1";
    char s[1600];
    c->reg_required += q1(f, people, v, y);
    snprintf(s, sizeof s, "%s AND r.status IN ('submitted','approved','published','self_assessed','evaluated')", people);
    c->registered += q1(f, s, v, y);
    snprintf(s, sizeof s, "%s AND m.key_cadre=1", people);
    c->key_required += q1(f, s, v, y);
    snprintf(s, sizeof s, "%s AND m.key_cadre=1 AND r.published_at IS NOT NULL", people);
    c->key_published += q1(f, s, v, y);
    /* key cadres on time: first submitted by the year's key-cadre deadline, submitted now */
    if (q1(f, "SELECT count(*) FROM year_setup WHERE year=?2 AND key_deadline IS NOT NULL AND ?1 <> 0", 1, y) > 0) {
        snprintf(s, sizeof s, "%s AND m.key_cadre=1", people);
        c->key_due += q1(f, s, v, y);
        snprintf(s, sizeof s, "%s AND m.key_cadre=1 AND r.status IN ('submitted','approved','published',"
                 "'self_assessed','evaluated') AND r.submitted_on<=(SELECT key_deadline FROM year_setup WHERE"
                 " year=?2)", people);
        c->key_on_time += q1(f, s, v, y);
    }
    snprintf(s, sizeof s, "%s AND r.status IN ('submitted','approved','published','self_assessed',"
             "'evaluated')", placed);
    c->reg_submitted += q1(f, s, v, y);
    snprintf(s, sizeof s, "%s AND r.status IN ('approved','published','self_assessed','evaluated')", placed);
    c->reg_approved += q1(f, s, v, y);
    static const char *const g[] = {"excellent", "good", "completed", "not_completed"};
    for (int k = 0; k < GRADE_N; k++) {
        snprintf(s, sizeof s, "%s AND r.grade='%s'", placed, g[k]);
        long long n = q1(f, s, v, y);
        c->grades[k] += n;
        c->evaluated += n;
    }
}

/* The counts of DESIGN §3 for unit r and year y on the tree of day (y's
** reference date, or the last day of a unit closed during y), straight
** from the definitions (zero for a unit not in that tree); homes[v] is
** home(v, day). */
static ind_counts reference(fx *f, long long r, int y, const char *day, const long long *homes) {
    ind_counts c;
    memset(&c, 0, sizeof c);
    sql(f, "BEGIN"); /* one read of the database for all of its queries */
    long long nu = q1(f, "SELECT max(id) FROM unit", 0, 0);
    int r_deployed = 0, r_collective = 0;
    for (long long u = 1; u <= nu; u++) {
        if (!below_or_at(f, u, r, day)) continue;
        int po = party_org(f, u), deployed = 0, collective = 0, std = 0;
        for (long long v = 1; v <= nu && v <= f->nunits; v++)
            if (homes[v] == u) records_of(f, v, y, &c, &deployed, &collective, &std);
        if (po && u != r) { c.targets++; c.deployed += deployed; c.collective += collective; }
        if (u == r) r_deployed = deployed, r_collective = collective;
        if (po || q1(f, "SELECT kind='agency' FROM unit WHERE id=?", u, 0) == 1) {
            c.std_units++;
            c.std_with += std;
        }
    }
    if (c.targets == 0 && party_org(f, r) && active(f, r, day)) {
        c.targets = 1;
        c.deployed = r_deployed;
        c.collective = r_collective;
    }
    sql(f, "COMMIT");
    return c;
}

/* ---- random data ----------------------------------------------------------- */
static const char *const kinds[] = {"grassroots_committee", "grassroots_cell", "cell", "cell", "cell", "agency",
                                    "mass_org"};
static const char *const cats[] = {"party_member", "party_member", "cadre", "civil_servant", "worker", "other"};
static const char *const statuses[] = {"draft", "submitted", "returned", "approved", "published",
                                       "self_assessed", "evaluated"};
static const char *const grades[] = {"excellent", "good", "completed", "not_completed"};

/* A random tree under a district, through the domain API. */
static void random_tree(fx *f) {
    lt_err e = {0};
    unit_in root = {.code = "U0", .name = "Huyện ủy", .kind = "district", .parent_code = "", .active_from = "2000-01-01"};
    if (unit_save(&f->ctx, &root, "2000-01-01", NULL, NULL, &e)) fail_msg("root: %s", e.en);
    for (int i = 1; i < f->nunits; i++) {
        char code[16], parent[16], name[32], from[16];
        snprintf(code, sizeof code, "U%d", i);
        snprintf(parent, sizeof parent, "U%u", rnd(f, (unsigned)i));
        snprintf(name, sizeof name, "Đơn vị %d", i);
        snprintf(from, sizeof from, "%u-01-01", 2018 + rnd(f, 6));
        unit_in u = {.code = code, .name = name, .kind = kinds[rnd(f, LT_ARRAY_LEN(kinds))], .parent_code = parent,
                     .active_from = from};
        if (unit_save(&f->ctx, &u, from, NULL, NULL, &e)) fail_msg("unit %s: %s", code, e.en);
    }
}

/* The audit row every change writes (memo.c keeps the missing lists while
** the audit log's last id stands).  Its entity, 'account', stamps nothing
** itself: each writer below bumps the stamps its change's own audit row
** would. */
static void audited(fx *f) {
    sql(f, "INSERT INTO audit(actor, at, action, entity) VALUES ('test', '2024-01-01T00:00:00Z',"
           " 'test', 'account')");
}

/* A transfer of person p to a random unit on a random day after the start
** of their last row (nothing if there is none that late), straight in the
** table: the last row closes the day before. */
static void random_transfer(fx *f, unsigned p, int year) {
    char s[512], on[16];
    snprintf(on, sizeof on, "%d-%02u-%02u", year, 1 + rnd(f, 12), 1 + rnd(f, 28));
    snprintf(s, sizeof s, "UPDATE membership SET valid_to=date('%s', '-1 day') WHERE person_id=%u AND"
             " valid_from=(SELECT max(valid_from) FROM membership WHERE person_id=%u) AND valid_from<'%s'"
             " AND (valid_to IS NULL OR valid_to>='%s')", on, p, p, on, on);
    sql(f, s);
    snprintf(s, sizeof s, "INSERT INTO membership(person_id, valid_from, unit_id, key_cadre) SELECT %u, '%s',"
             " %u, %u WHERE NOT EXISTS (SELECT 1 FROM membership WHERE person_id=%u AND (valid_to IS NULL"
             " OR valid_to>='%s'))", p, on, 1 + rnd(f, (unsigned)f->nunits), rnd(f, 5) == 0, p, on);
    sql(f, s);
}

/* People with random histories: a first row from a day in 2018-2022, then
** transfers, some leaving, straight in the tables. */
static void random_people(fx *f) {
    char s[512];
    for (int i = 0; i < f->npeople; i++) {
        unsigned u = 1 + rnd(f, (unsigned)f->nunits);
        char from[16];
        snprintf(from, sizeof from, "%u-%02u-%02u", 2018 + rnd(f, 5), 1 + rnd(f, 12), 1 + rnd(f, 28));
        snprintf(s, sizeof s, "INSERT INTO person(id, code, full_name, name_fold, name_sort, unit_id, category,"
                 " active_from) VALUES (%d, 'P%d', 'Người %d', 'nguoi %d', '%08d', %u, '%s', '%s')",
                 i + 1, i, i, i, i, u, cats[rnd(f, LT_ARRAY_LEN(cats))], from);
        sql(f, s);
        snprintf(s, sizeof s, "INSERT INTO membership(person_id, valid_from, unit_id, key_cadre) VALUES"
                 " (%d, '%s', %u, %u)", i + 1, from, u, rnd(f, 5) == 0);
        sql(f, s);
        for (unsigned k = rnd(f, 3); k > 0; k--) random_transfer(f, (unsigned)i + 1, 2021 + (int)rnd(f, 5));
        if (!rnd(f, 8)) {
            snprintf(s, sizeof s, "UPDATE membership SET valid_to='2023-06-30' WHERE person_id=%d AND"
                     " valid_to IS NULL AND valid_from<='2023-06-30'", i + 1);
            sql(f, s);
        }
    }
    audited(f);
}

/* A year's setup written whole, as anew: the old row goes first.  (Never
** an upsert: year_setup's BEFORE INSERT trigger takes the year's places
** back for an insert that then conflicts, and nothing puts them back.) */
#define SETUP_ANEW "DELETE FROM year_setup WHERE year=%d; INSERT INTO year_setup"

/* Random records of year y written straight to the tables (the workflow's
** own rules are tested elsewhere; here only the counting matters). */
static void random_year(fx *f, int y) {
    char s[512];
    if (rnd(f, 2)) { /* a review date in the year moves the reference date */
        snprintf(s, sizeof s, SETUP_ANEW "(year, review_deadline) VALUES (%d, '%d-%02u-%02u')",
                 y, y, y, 10 + rnd(f, 3), 1 + rnd(f, 28));
        sql(f, s);
    }
    if (rnd(f, 2)) { /* key cadres first: their own deadline */
        /* (the review date kept, the other dates none) */
        unsigned day = 1 + rnd(f, 28);
        snprintf(s, sizeof s, "UPDATE year_setup SET registration_deadline=NULL, midyear_deadline=NULL,"
                 " key_deadline='%d-03-%02u' WHERE year=%d; INSERT INTO year_setup(year, key_deadline) SELECT %d,"
                 " '%d-03-%02u' WHERE NOT EXISTS (SELECT 1 FROM year_setup WHERE year=%d)", y, day, y, y, y, day, y);
        sql(f, s);
    }
    for (int u = 1; u <= f->nunits; u++) {
        if (rnd(f, 4)) {
            snprintf(s, sizeof s, "INSERT INTO deployment(unit_id, year, held_on, form, present, expected)"
                     " VALUES (%d, %d, '%d-03-01', 'conference', 5, 9) ON CONFLICT DO NOTHING", u, y, y);
            sql(f, s);
        }
        if (rnd(f, 3)) {
            snprintf(s, sizeof s, "INSERT INTO collective(unit_id, year, status) VALUES (%d, %d, '%s')"
                     " ON CONFLICT DO NOTHING", u, y, statuses[rnd(f, LT_ARRAY_LEN(statuses))]);
            sql(f, s);
        }
        if (!rnd(f, 6)) {
            snprintf(s, sizeof s, "INSERT INTO standard(unit_id, motto, adopted_on, valid_from, valid_to) VALUES"
                     " (%d, 'Phương châm', '%d-01-01', %d, %s)", u, y, y, rnd(f, 2) || y > 2024 ? "NULL" : "2024");
            sql(f, s);
        }
    }
    for (int p = 1; p <= f->npeople; p++) {
        if (!rnd(f, 5)) continue;
        const char *st = statuses[rnd(f, LT_ARRAY_LEN(statuses))];
        int eval = !strcmp(st, "evaluated"), pub = !strcmp(st, "published") || ((eval || !strcmp(st, "self_assessed")) && rnd(f, 2));
        char sub_on[16] = "NULL"; /* the first submission: none for drafts */
        if (strcmp(st, "draft")) snprintf(sub_on, sizeof sub_on, "'%d-%02u-%02u'", y, 2 + rnd(f, 3), 1 + rnd(f, 28));
        snprintf(s, sizeof s, "INSERT INTO registration(person_id, year, unit_id, status, grade, published_at,"
                 " submitted_on) VALUES (%d, %d, %u, '%s', %s%s%s, %s, %s) ON CONFLICT DO NOTHING", p, y,
                 rnd(f, 3) ? (unsigned)q1(f, "SELECT unit_id FROM person WHERE id=?", p, 0)
                           : 1 + rnd(f, (unsigned)f->nunits), st, eval ? "'" : "",
                 eval ? grades[rnd(f, 4)] : "NULL", eval ? "'" : "", pub ? "'2024-05-01T00:00:00Z'" : "NULL", sub_on);
        sql(f, s);
    }
    audited(f);
}

/* Random moves and merges through the domain (they are what change the tree). */
static void random_reorganisation(fx *f, int y) {
    lt_err e = {0};
    char code[16], other[16], on[16];
    for (int k = 0; k < 4; k++) {
        snprintf(code, sizeof code, "U%u", 1 + rnd(f, (unsigned)f->nunits - 1));
        snprintf(other, sizeof other, "U%u", rnd(f, (unsigned)f->nunits));
        snprintf(on, sizeof on, "%d-%02u-01", y, 1 + rnd(f, 12));
        if (k % 2) {
            const char *succ[] = {other};
            unit_merge(&f->ctx, code, succ, 1, on, &e);   /* refused ones (itself, closed) are fine */
        } else {
            unit_move(&f->ctx, code, other, on, &e);       /* refused ones (cycles) are fine */
        }
    }
}

/* Random changes and deletions of people and registrations straight in
** the tables: the tallies the indicators read are kept by triggers, which
** must follow every kind of change. */
static void random_changes(fx *f) {
    char s[512];
    for (int k = 0; k < 40; k++) {
        unsigned p = 1 + rnd(f, (unsigned)f->npeople), y = FIRST + rnd(f, LAST - FIRST + 1);
        switch (rnd(f, 9)) {
        case 0: random_transfer(f, p, (int)y); continue;
        case 1: snprintf(s, sizeof s, "UPDATE person SET category='%s' WHERE id=%u",
                         cats[rnd(f, LT_ARRAY_LEN(cats))], p); break;
        case 2: snprintf(s, sizeof s, "UPDATE membership SET valid_to=%s WHERE person_id=%u AND valid_from="
                         "(SELECT max(valid_from) FROM membership WHERE person_id=%u) AND valid_from<='2024-03-31'",
                         rnd(f, 2) ? "NULL" : "'2024-03-31'", p, p); break;
        case 6: snprintf(s, sizeof s, "UPDATE membership SET key_cadre=1-key_cadre WHERE person_id=%u", p); break;
        case 7: snprintf(s, sizeof s, "DELETE FROM membership WHERE person_id=%u AND valid_from="
                         "(SELECT max(valid_from) FROM membership WHERE person_id=%u)", p, p); break;
        case 8:
            if (rnd(f, 3)) snprintf(s, sizeof s, SETUP_ANEW "(year, review_deadline) VALUES"
                                    " (%u, '%u-%02u-%02u')", (int)y, y, y + rnd(f, 2), 6 + rnd(f, 7),
                                    1 + rnd(f, 28));
            else if (rnd(f, 2)) snprintf(s, sizeof s, "DELETE FROM year_setup WHERE year=%u", y);
            else snprintf(s, sizeof s, "UPDATE year_setup SET key_deadline=CASE WHEN %u <> 0 THEN '%u-03-%02u' END"
                          " WHERE year=%u", rnd(f, 3), y, 1 + rnd(f, 28), y);
            break;
        case 3: snprintf(s, sizeof s, "UPDATE registration SET status='evaluated', grade='%s',"
                         " published_at=coalesce(published_at, '2024-06-01') WHERE person_id=%u AND year=%u",
                         grades[rnd(f, 4)], p, y); break;
        case 4: snprintf(s, sizeof s, "UPDATE registration SET status='returned', grade=NULL, published_at=NULL"
                         " WHERE person_id=%u AND year=%u", p, y); break;
        default: snprintf(s, sizeof s, "DELETE FROM registration WHERE person_id=%u AND year=%u", p, y); break;
        }
        sql(f, s);
    }
    sql(f, "UPDATE change_stamp SET n = n + 1"); /* as an audited write would */
    audited(f);
}

/* Random changes to registrations only, stamped as their audit rows would
** stamp them (their years only): cached years are brought up to date
** with the tally's logged changes instead of computed again. */
static void random_registration_changes(fx *f) {
    char s[512];
    for (int k = 0; k < 30; k++) {
        unsigned p = 1 + rnd(f, (unsigned)f->npeople), y = FIRST + rnd(f, LAST - FIRST + 1);
        switch (rnd(f, 4)) {
        case 0: snprintf(s, sizeof s, "UPDATE registration SET status='evaluated', grade='%s',"
                         " published_at=coalesce(published_at, '2024-06-01') WHERE person_id=%u AND year=%u",
                         grades[rnd(f, 4)], p, y); break;
        case 1: snprintf(s, sizeof s, "UPDATE registration SET status='submitted', grade=NULL, published_at=NULL,"
                         " submitted_on=coalesce(submitted_on, '%u-03-%02u') WHERE person_id=%u AND year=%u", y,
                         1 + rnd(f, 28), p, y); break;
        case 2: snprintf(s, sizeof s, "INSERT INTO registration(person_id, year, unit_id, status,"
                         " submitted_on) VALUES (%u, %u, %u, 'approved', '%u-02-%02u') ON CONFLICT DO NOTHING", p, y,
                         (unsigned)q1(f, "SELECT unit_id FROM person WHERE id=?", p, 0), y, 1 + rnd(f, 28)); break;
        default: snprintf(s, sizeof s, "DELETE FROM registration WHERE person_id=%u AND year=%u", p, y); break;
        }
        sql(f, s);
        snprintf(s, sizeof s, "INSERT INTO year_stamp(year, n) VALUES (%u, 1)"
                 " ON CONFLICT(year) DO UPDATE SET n = year_stamp.n + 1", y);
        sql(f, s);
    }
    audited(f);
}

/* The lists of what is missing hold exactly the people the indicators
** count as not registered and the registrations counted as waiting. */
static void compare_missing(fx *f, long long unit, int y, const ind_summary *s) {
    static const struct { missing_kind kind; const char *what; } lists[] = {
        {MISSING_REGISTRATIONS, "not registered"}, {MISSING_APPROVALS, "waiting for approval"},
        {MISSING_KEY_LATE, "key cadres late"}};
    long long want[] = {s->c.reg_required - s->c.registered, s->c.reg_submitted - s->c.reg_approved,
                        s->c.key_due - s->c.key_on_time};
    for (unsigned k = 0; k < LT_ARRAY_LEN(lists); k++) {
        dom_rows rows;
        lt_err e = {0};
        if (q_missing(&f->ctx, unit, y, lists[k].kind, 100000, &rows, &e)) fail_msg("q_missing: %s", e.en);
        if (rows.n != want[k])
            fail_msg("%d unit %lld: %ld listed %s, the indicators count %lld", y, unit, rows.n, lists[k].what,
                     want[k]);
        rows_free(&rows);
    }
}

/* The registration tally's counts by column (REG_TALLY_COLUMNS), so that
** a difference there names its column. */
static const struct { const char *column; size_t at; } tally_fields[] = {
#define FIELD_(col, member, ev) {#col, offsetof(ind_counts, member)},
    REG_TALLY_COLUMNS(FIELD_)
#undef FIELD_
};

static const char *count_name(size_t at) {
    for (size_t i = 0; i < sizeof tally_fields / sizeof tally_fields[0]; i++)
        if (tally_fields[i].at == at) return tally_fields[i].column;
    return "count";
}

/* The fields from targets up to std_with (the ones with formulas) of a
** summary equal the reference's. */
static void compare_counts(const ind_summary *s, const ind_counts *want, const char *what, const char *code) {
    const long long *a = &s->c.targets, *b = &want->targets;
    size_t n = (size_t)(&want->std_with - &want->targets) + 1;
    for (size_t k = 0; k < n; k++)
        if (a[k] != b[k])
            fail_msg("%s %s: %s (count %zu) is %lld, the reference says %lld", what, code,
                     count_name(offsetof(ind_counts, targets) + k * sizeof *a), k, a[k], b[k]);
}

/* The reference's counts of unit u for year y in a range: in y's tree
** (want, computed before), or, for a unit closed during y before its
** reference date, its own on the tree of its last day. */
static ind_counts year_of_range(fx *f, long long u, int y, const ind_counts *want) {
    char ref[11], first[11];
    ref_day(f, y, ref);
    snprintf(first, sizeof first, "%d-01-01", y);
    if (active(f, u, ref)) return *want;
    ind_counts none;
    memset(&none, 0, sizeof none);
    db_stmt *st = stmt_of(f, "SELECT active_to FROM unit WHERE id=?1 AND active_to>=?2 AND active_to<?3"
                             " AND active_from<=active_to");
    db_bind_int(st, 1, u);
    db_bind_text(st, 2, first);
    db_bind_text(st, 3, ref);
    char last[11] = "";
    lt_err e = {0};
    if (db_step_row(f->db, st, &e) == 1) snprintf(last, sizeof last, "%s", db_col_text(st, 0));
    db_reset(st);
    if (!*last) return none;
    long long homes[NUNITS + 1] = {0};
    for (long long v = 1; v <= f->nunits; v++) homes[v] = home(f, v, last);
    return reference(f, u, y, last, homes);
}

/* Ranges: each unit of every year in them has the sum of its years' counts
** (the reference's of each year, in want[year - FIRST][unit id]). */
static void compare_ranges(fx *f, ind_counts want[][NUNITS + 1]) {
    static const int ranges[][2] = {{FIRST, LAST}, {FIRST + 1, LAST - 1}, {LAST - 1, LAST}};
    for (unsigned k = 0; k < LT_ARRAY_LEN(ranges); k++) {
        const ind_result *r;
        lt_err e = {0};
        if (ind_get(&f->ctx, ranges[k][0], ranges[k][1], &r, &e)) fail_msg("ind_get: %s", e.en);
        for (long i = 0; i < r->tree.n; i++) {
            long long id = r->tree.nodes[i].id;
            if (id < 1 || id > f->nunits) fail_msg("unit id %lld", id);
            ind_counts sum;
            memset(&sum, 0, sizeof sum);
            for (int y = ranges[k][0]; y <= ranges[k][1]; y++) {
                ind_counts one = year_of_range(f, id, y, &want[y - FIRST][id]);
                long long *to = &sum.targets;
                const long long *from = &one.targets;
                for (size_t c = 0; c < sizeof sum / sizeof(long long); c++) to[c] += from[c];
            }
            ind_summary s;
            ind_summarize(r, i, &s);
            char what[32];
            snprintf(what, sizeof what, "%d-%d", ranges[k][0], ranges[k][1]);
            compare_counts(&s, &sum, what, r->tree.nodes[i].code);
        }
        ind_release(r);
    }
}

/* The registration counts of r's unit i (a tally alone, ind_get_tally's)
** equal the reference's; the people required are the whole year's. */
static void compare_tally(const ind_result *t, long i, const ind_counts *want, int y) {
    ind_summary s;
    ind_summarize(t, i, &s);
    for (size_t k = 0; k < LT_ARRAY_LEN(tally_fields); k++) {
        size_t at = tally_fields[k].at;
        if (at == offsetof(ind_counts, reg_required) || at == offsetof(ind_counts, key_required)) continue;
        long long a = *(const long long *)((const char *)&s.c + at), b = *(const long long *)((const char *)want + at);
        if (a != b)
            fail_msg("%d %s, the tally alone: %s is %lld, the reference says %lld", y, t->tree.nodes[i].code,
                     tally_fields[k].column, a, b);
    }
    if (s.c.evaluated != want->evaluated)
        fail_msg("%d %s, the tally alone: evaluated %lld, the reference %lld", y, t->tree.nodes[i].code,
                 s.c.evaluated, want->evaluated);
}

/* What waits in unit i's part of year y counted from the unit down equals
** the reference's; bounded below its size, it declines (LT_ENOMEM). */
static void compare_waiting(fx *f, const ind_result *r, long i, const ind_counts *want, int y) {
    long long n = -1, id = r->tree.nodes[i].id;
    lt_err e = {0};
    if (ind_waiting_below(&f->ctx, id, y, 1L << 30, &n, &e)) fail_msg("ind_waiting_below: %s", e.en);
    if (n != want->reg_submitted - want->reg_approved)
        fail_msg("%d %s: %lld wait counted from the unit down, the reference says %lld", y,
                 r->tree.nodes[i].code, n, want->reg_submitted - want->reg_approved);
    if (r->tree.nodes[i].first_child >= 0 && ind_waiting_below(&f->ctx, id, y, 1, &n, &e) != LT_ENOMEM)
        fail_msg("%d %s: counted from the unit down within one unit, though it has units below", y,
                 r->tree.nodes[i].code);
}

/* Every unit of every year, and ranges: the fast path equals the reference;
** each year's tally alone (read first: the cache then holds no whole year
** but the last, which it brings up to date) agrees with it. */
static void compare_all(fx *f) {
    /* the trends of all years first, before any year's result is cached:
    ** these come from the trend cache's own computation */
    enum { NY = LAST - FIRST + 1 };
    long trend_dep[NUNITS + 1][NY], trend_good[NUNITS + 1][NY];
    static ind_counts want_of[NY][NUNITS + 1]; /* zero: a unit not in the year's tree */
    memset(want_of, 0, sizeof want_of);
    for (int u = 1; u <= f->nunits; u++) {
        lt_err e = {0};
        if (ind_trend_rates(&f->ctx, FIRST, NY, u, trend_dep[u], trend_good[u], &e))
            fail_msg("trend: %s", e.en);
    }
    ind_work before, after;
    ind_work_done(&before);
    for (int y = FIRST; y <= LAST; y++) {
        const ind_result *r, *t;
        lt_err e = {0};
        if (ind_get_tally(&f->ctx, y, &t, &e)) fail_msg("ind_get_tally: %s", e.en);
        if (ind_get(&f->ctx, y, y, &r, &e)) fail_msg("ind_get: %s", e.en);
        if (r->tally_only) fail_msg("%d: a whole year asked for, the tally alone given", y);
        if (t->tree.n != r->tree.n) fail_msg("%d: the tally's tree has %ld units, the year's %ld", y, t->tree.n, r->tree.n);
        ind_cache_clear(); /* keeps r (held): the rates below are taken from it */
        long long homes[NUNITS + 1] = {0};
        char ref[11];
        ref_day(f, y, ref);
        for (long long v = 1; v <= f->nunits; v++) homes[v] = home(f, v, ref);
        for (long i = 0; i < r->tree.n; i++) {
            ind_summary s;
            ind_summarize(r, i, &s);
            ind_counts want = reference(f, r->tree.nodes[i].id, y, ref, homes);
            char what[8];
            snprintf(what, sizeof what, "%d", y);
            compare_counts(&s, &want, what, r->tree.nodes[i].code);
            if (t->tree.nodes[i].id != r->tree.nodes[i].id) fail_msg("%d: the tally's tree is another", y);
            compare_tally(t, i, &want, y);
            compare_waiting(f, r, i, &want, y);
            if (r->tree.nodes[i].id >= 1 && r->tree.nodes[i].id <= f->nunits)
                want_of[y - FIRST][r->tree.nodes[i].id] = want;
            compare_missing(f, r->tree.nodes[i].id, y, &s);
            long dep, good; /* the trends' small cache agrees, after every write too */
            if (ind_trend_rates(&f->ctx, y, 1, r->tree.nodes[i].id, &dep, &good, &e)) fail_msg("rates: %s", e.en);
            if (dep != s.deployment_rate || good != s.good_or_better_rate)
                fail_msg("%d %s: trend rates %ld/%ld, the indicators %ld/%ld", y, r->tree.nodes[i].code, dep, good,
                         s.deployment_rate, s.good_or_better_rate);
            long long id = r->tree.nodes[i].id;
            if (id >= 1 && id <= f->nunits &&
                (trend_dep[id][y - FIRST] != dep || trend_good[id][y - FIRST] != good))
                fail_msg("%d %s: the %d-year trend says %ld/%ld, the indicators %ld/%ld", y,
                         r->tree.nodes[i].code, NY, trend_dep[id][y - FIRST], trend_good[id][y - FIRST],
                         dep, good);
        }
        ind_release(t);
        ind_release(r);
    }
    ind_work_done(&after);
    if (after.tallied < before.tallied + (LAST - FIRST))
        fail_msg("%ld years' tallies counted alone, of %d not cached whole", after.tallied - before.tallied, LAST - FIRST);
    compare_ranges(f, want_of);
}

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    if (!f || fx_db_create("exact", f->path, &f->db, &f->ctx)) {
        free(f);
        return -1;
    }
    f->nunits = NUNITS;
    f->npeople = NPEOPLE;
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

/* The world on a new database of the group's cluster (each test its own,
** dropped afterwards). */
static int fx_setup_pg(void **state) {
    static int made;
    fx *f = calloc(1, sizeof *f);
    if (!f || !cluster.address[0]) { free(f); return -1; }
    snprintf(f->pg_name, sizeof f->pg_name, "lt_exact_%d", ++made);
    char sql[96], address[600];
    lt_db *setup;
    lt_err e = {0};
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", f->pg_name);
    int rc = db_open_bare(cluster.address, &setup, &e);
    if (rc == LT_OK) {
        rc = db_exec(setup, sql, &e);
        db_close(setup);
    }
    address_of(f->pg_name, address, sizeof address);
    if (rc || db_open(address, DB_OPEN_CREATE, &f->db, &e)) {
        fprintf(stderr, "test_exact: %s\n", e.en);
        free(f);
        return -1;
    }
    ctx_init_cli(&f->ctx, f->db);
    f->nunits = PG_UNITS;
    f->npeople = PG_PEOPLE;
    *state = f;
    return 0;
}

static int fx_teardown_pg(void **state) {
    fx *f = *state;
    char sql[96];
    lt_db *setup;
    lt_err e = {0};
    ind_cache_clear();
    db_close(f->db);
    snprintf(sql, sizeof sql, "DROP DATABASE %s", f->pg_name);
    int rc = db_open_bare(cluster.address, &setup, &e);
    if (rc == LT_OK) {
        rc = db_exec(setup, sql, &e);
        db_close(setup);
    }
    free(f);
    ind_set_parallel(IND_PARALLEL_MIN);
    return rc ? -1 : 0;
}

/* One random world per seed: build, compare, write, compare again. */
static void random_world(void **state, unsigned long long seed) {
    fx *f = *state;
    f->seed = seed;
    random_tree(f);
    random_people(f);
    for (int y = FIRST; y <= LAST; y++) random_year(f, y);
    compare_all(f);
    for (int round = 0; round < 3; round++) {
        random_reorganisation(f, 2022 + round);
        random_year(f, 2023 + round % 2);
        compare_all(f); /* through ind_get: the cache must see every write */
        random_changes(f);
        compare_all(f);
    }
    for (int round = 0; round < 3; round++) { /* the cached last year is brought up to date */
        ind_work before, after;
        ind_work_done(&before);
        random_registration_changes(f);
        compare_all(f);
        ind_work_done(&after);
        if (after.patched == before.patched) fail_msg("registrations' changes made every year computed again");
    }
    if (f->pg_name[0]) return; /* (lamtheo check is SQLite's for now) */
    lt_diags d = {0};
    lt_err e = {0};
    db_check(f->db, &d, &e); /* random records break workflow rules; only the tallies matter here */
    for (size_t i = 0; i < d.n; i++)
        if (strstr(d.items[i].en, "tally")) fail_msg("check: %s", d.items[i].en);
    lt_diags_free(&d);
}

static void world_1(void **state) { random_world(state, 1); }
static void world_2(void **state) { random_world(state, 20250701); }
static void world_3(void **state) { random_world(state, 0x05C7); }

/* An audit row for table's row id, as the domain writes one after its
** change (before: the row as it was, or NULL): the schema's triggers
** bump the stamps from it. */
static void audit_row(fx *f, const char *action, const char *table, long long id, const char *before) {
    lt_err e = {0};
    if (db_audit(f->db, "test", action, table, id, before, NULL, &e)) fail_msg("audit: %s", e.en);
}

/* The id of table's newest row (table: a name of the schema). */
static long long last_id(fx *f, const char *table) {
    char s[64];
    snprintf(s, sizeof s, "SELECT max(id) FROM %s", table);
    return q1(f, s, 0, 0);
}

/* Every year FIRST..LAST asked for; how many of them were computed
** rather than found as cached (or brought up to date), and which. */
static int years_computed(fx *f, int computed[LAST - FIRST + 1]) {
    int n = 0;
    for (int y = FIRST; y <= LAST; y++) {
        ind_work before, after;
        const ind_result *r;
        lt_err e = {0};
        ind_work_done(&before);
        if (ind_get(&f->ctx, y, y, &r, &e)) fail_msg("ind_get: %s", e.en);
        ind_release(r);
        ind_work_done(&after);
        computed[y - FIRST] = after.computed > before.computed;
        n += computed[y - FIRST];
    }
    return n;
}

/* A year's own records (a deployment, a collective registration, a model,
** a commendation, a breakthrough, a mass deployment, an inspection, a
** follow-up) make that year's cached indicators stale, not the other
** years' (a national dashboard's trend is six whole years: all of them
** computed again after any deployment took seconds); a record moved to
** another year makes both stale; what no indicator counts (a comment, a
** report's written part, a topic) none.  The figures stay exact
** (compare_all). */
static void a_year_s_records_leave_the_other_years_cached(void **state) {
    fx *f = *state;
    f->seed = 7;
    random_tree(f);
    random_people(f);
    for (int y = FIRST; y <= LAST; y++) random_year(f, y);
    int computed[LAST - FIRST + 1];
    years_computed(f, computed); /* all of them cached */
    assert_int_equal(years_computed(f, computed), 0);

    static const char *const records[] = {
        "INSERT INTO deployment(unit_id, year, held_on, form, present, expected) VALUES"
        " (3, 2023, '2023-04-01', 'cell_meeting', 4, 4) ON CONFLICT(unit_id, year) DO UPDATE SET"
        " held_on=excluded.held_on, form=excluded.form, present=excluded.present, expected=excluded.expected",
        "INSERT INTO collective(unit_id, year, status) VALUES (5, 2023, 'submitted') ON CONFLICT(unit_id, year)"
        " DO UPDATE SET status=excluded.status",
        "INSERT INTO model(year, unit_id, title) VALUES (2023, 2, 'Mô hình')",
        "INSERT INTO commendation(year, unit_id, level, title) VALUES (2023, 2, 'district', 'Khen')",
        "INSERT INTO breakthrough(year, unit_id, body) VALUES (2023, 4, 'Đột phá')",
        "INSERT INTO mass_deployment(year, unit_id, held_on, union_members) VALUES (2023, 6, '2023-03-03', 40)",
        "INSERT INTO inspection(inspecting_unit_id, inspected_unit_id, kind, held_on) VALUES"
        " (1, 7, 'inspection', '2023-05-02')",
        "INSERT INTO followup(inspection_id, body, due_on) VALUES ((SELECT max(id) FROM inspection), 'Sửa', '2023-06-01')"};
    static const char *const tables[] = {"deployment", "collective", "model", "commendation", "breakthrough",
                                         "mass_deployment", "inspection", "followup"};
    for (unsigned k = 0; k < LT_ARRAY_LEN(records); k++) {
        char returning[512];
        snprintf(returning, sizeof returning, "%s RETURNING id", records[k]);
        audit_row(f, "insert", tables[k], q1(f, returning, 0, 0), NULL);
        if (years_computed(f, computed) != 1 || !computed[2023 - FIRST])
            fail_msg("a %s of 2023: %d years computed again, 2023 %s", tables[k],
                     years_computed(f, computed), computed[2023 - FIRST] ? "among them" : "not");
    }
    long long model = q1(f, "SELECT max(id) FROM model", 0, 0);
    char *before = NULL;
    lt_err e = {0};
    if (db_row_json(f->db, "model", model, &before, &e)) fail_msg("snapshot: %s", e.en);
    sql(f, "UPDATE model SET year=2024 WHERE id=(SELECT max(id) FROM model)");
    audit_row(f, "update", "model", model, before);
    free(before);
    years_computed(f, computed);
    assert_true(computed[2023 - FIRST] && computed[2024 - FIRST]);
    assert_int_equal(computed[2022 - FIRST] + computed[2025 - FIRST], 0);
    assert_int_equal(q1(f, "SELECT n FROM year_change WHERE year=2024", 0, 0), 1);

    sql(f, "INSERT INTO topic(unit_id, year, title) VALUES (1, 2025, 'Chuyên đề')");
    audit_row(f, "save", "topic", last_id(f, "topic"), NULL);
    sql(f, "INSERT INTO comment(registration_id, author, body, created_at, sender) VALUES"
           " ((SELECT min(id) FROM registration), 'Bà Lan', 'Tốt', '2025-01-01T00:00:00Z', 'ab')");
    audit_row(f, "insert", "comment", last_id(f, "comment"), NULL);
    assert_int_equal(years_computed(f, computed), 0);

    sql(f, "UPDATE person SET category='other' WHERE id=1"); /* a person: every year, as before */
    sql(f, "UPDATE change_stamp SET n = n + 1");
    assert_int_equal(years_computed(f, computed), LAST - FIRST + 1);
    compare_all(f);
}

/* The same with a second connection reading beside the first, as for a
** national tree (ind_read.c). */
static void world_with_helper(void **state, unsigned long long seed) {
    ind_set_parallel(0); /* back to the default in fx_teardown */
    random_world(state, seed);
}
static void world_4(void **state) { world_with_helper(state, 42); }
static void world_5(void **state) { world_with_helper(state, 20251231); }

/* lamtheo migrate compares a copy's indicators with the original's
** (ind_first_difference): the same figures compare equal; a registration
** approved in one of them is named at the unit where it counts, not at the
** top whose sums it changes too, in its year and in the range. */
static void two_results_part_at_the_unit_that_differs(void **state) {
    fx *f = *state;
    f->seed = 7;
    random_tree(f);
    random_people(f);
    for (int y = FIRST; y <= LAST; y++) random_year(f, y);
    lt_err e = {0};
    ind_result a, b, range, later, range_later;
    assert_int_equal(ind_compute(&f->ctx, LAST, LAST, &a, &e), LT_OK);
    assert_int_equal(ind_compute(&f->ctx, LAST, LAST, &b, &e), LT_OK);
    assert_int_equal(ind_compute(&f->ctx, FIRST, LAST, &range, &e), LT_OK);
    assert_int_equal(ind_first_difference(&a, &b), -1);
    assert_int_equal(ind_first_difference(&range, &range), -1);
    long long reg = -1, unit = -1;
    db_stmt *st = stmt_of(f, "SELECT id, unit_id FROM registration WHERE year = ?1 AND status = 'submitted'"
                             " ORDER BY id");
    db_bind_int(st, 1, LAST);
    while (reg < 0 && db_step_row(f->db, st, &e) == 1)
        if (ind_unit_index(&a, db_col_int64(st, 1)) > 0) reg = db_col_int64(st, 0), unit = db_col_int64(st, 1);
    db_reset(st);
    if (reg < 0) fail_msg("no submitted registration of %d below the top", LAST);
    char s[96];
    snprintf(s, sizeof s, "UPDATE registration SET status = 'approved' WHERE id = %lld", reg);
    sql(f, s);
    assert_int_equal(ind_compute(&f->ctx, LAST, LAST, &later, &e), LT_OK);
    assert_int_equal(ind_compute(&f->ctx, FIRST, LAST, &range_later, &e), LT_OK);
    assert_int_equal(ind_first_difference(&a, &later), ind_unit_index(&a, unit));
    assert_int_equal(ind_first_difference(&later, &a), ind_unit_index(&a, unit));
    assert_int_equal(ind_first_difference(&range, &range_later), ind_unit_index(&range, unit));
    ind_free(&a);
    ind_free(&b);
    ind_free(&range);
    ind_free(&later);
    ind_free(&range_later);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
static const struct CMUnitTest tests[] = {T(world_1), T(world_2), T(world_3), T(world_4), T(world_5),
                                          T(a_year_s_records_leave_the_other_years_cached),
                                          T(two_results_part_at_the_unit_that_differs)};
#define T_PG(fn) cmocka_unit_test_setup_teardown(fn, fx_setup_pg, fx_teardown_pg)
static const struct CMUnitTest on_postgresql[] = {T_PG(world_1), T_PG(a_year_s_records_leave_the_other_years_cached)};

int main(void) {
    int total = (int)(LT_ARRAY_LEN(tests) + LT_ARRAY_LEN(on_postgresql));
    int failed = cmocka_run_group_tests_name("SQLite", tests, NULL, NULL);
    int failed_pg = cmocka_run_group_tests_name("PostgreSQL", on_postgresql, cluster_start, cluster_stop);
    /* a cluster that did not start fails its tests (never a skip) */
    if (!cluster.address[0] && failed_pg == 0) failed_pg = (int)LT_ARRAY_LEN(on_postgresql);
    failed += failed_pg;
    if (failed > total) failed = total;
    printf("RESULT %d %d\n", total - failed, failed);
    return failed ? 1 : 0;
}
