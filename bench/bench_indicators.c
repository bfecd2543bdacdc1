/*
** bench_indicators.c — times lamtheo's indicators for every unit of a big
** tree against plain recursive-CTE SQL over the same database:
**
**     bench_indicators --db PATH --units N --people M [--year Y] [--limit S]
**     bench_indicators --fill-only --db PATH --units N --people M [--year Y]
**     bench_indicators --existing --db PATH [--year Y] [--limit S] [--no-baseline]
**
** --fill-only creates and fills the database, then stops (bench/web.sh
** serves it).  --no-baseline times lamtheo only (for profiling it).
** The database is created with db_open (the real schema) and filled with
** direct INSERTs: this bypasses the domain's validation and audit on
** purpose (import speed is measured separately by run.sh).  Then:
**   lamtheo:    ind_compute(Y, Y) + ind_summarize for every unit;
**   baseline A: one WITH RECURSIVE closure query giving every unit's
**               party-org targets below it, deployed ones, and its
**               subtree's registrations by status;
**   baseline B: the same per unit, one recursive query rooted at each unit
**               (run in random order for at most S seconds, default 180,
**               then extrapolated to all units and labelled so).
** The counts of all three are compared unit by unit (mismatch counts).
** Output lines starting with "TABLE|" are collected by run.sh.
*/
#include "../src/domain/domain.h"
#include "benchlib.h"

#include <malloc.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct opts {
    const char *db;
    long units, people;
    int year, fill_only, existing, no_baseline;
    double limit;
} opts;

/* What is compared per unit. */
typedef struct cmp {
    long long targets, deployed, submitted, approved, evaluated, required, registered;
} cmp;

static void die(const char *what, const char *why) {
    fprintf(stderr, "bench_indicators: %s: %s\n", what, why);
    exit(1);
}

static sqlite3_stmt *prep(sqlite3 *h, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK) die("prepare", sqlite3_errmsg(h));
    return st;
}

static void step_done(sqlite3 *h, sqlite3_stmt *st) {
    if (sqlite3_step(st) != SQLITE_DONE) die("insert", sqlite3_errmsg(h));
    sqlite3_reset(st);
}

static int is_party_org(const char *kind) { return unit_kind_is_party_org(kind); }

/* ---- filling the database ---------------------------------------------- */
static void fill_units(sqlite3 *h, const bench_shape *s, int year, long *deployed) {
    sqlite3_stmt *u = prep(h, "INSERT INTO unit(id, code, name, name_fold, kind)"
                              " VALUES (?1, ?2, ?3, fold(?3), ?4)");
    sqlite3_stmt *p = prep(h, "INSERT INTO unit_parent(unit_id, parent_id, valid_from)"
                              " VALUES (?1, ?2, '2000-01-01')");
    sqlite3_stmt *d = prep(h, "INSERT INTO deployment(unit_id, year, held_on, form, present,"
                              " expected) VALUES (?1, ?2, ?3, 'cell_meeting', 18, 20)");
    bench_rng r = {7};
    char code[32], name[96], place[64], held[16];
    snprintf(held, sizeof held, "%04d-03-15", year);
    for (long i = 0; i < s->n; i++) {
        shape_code(s, i, code, sizeof code);
        bench_place(i, place, sizeof place);
        snprintf(name, sizeof name, "Đơn vị %s", place);
        sqlite3_bind_int64(u, 1, i + 1);
        sqlite3_bind_text(u, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(u, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(u, 4, shape_kind(s, i), -1, SQLITE_STATIC);
        step_done(h, u);
        if (shape_parent(s, i) >= 0) {
            sqlite3_bind_int64(p, 1, i + 1);
            sqlite3_bind_int64(p, 2, shape_parent(s, i) + 1);
            step_done(h, p);
        }
        if (is_party_org(shape_kind(s, i)) && rng_mille(&r) < 850) {
            sqlite3_bind_int64(d, 1, i + 1);
            sqlite3_bind_int(d, 2, year);
            sqlite3_bind_text(d, 3, held, -1, SQLITE_STATIC);
            step_done(h, d);
            (*deployed)++;
        }
    }
    sqlite3_finalize(u);
    sqlite3_finalize(p);
    sqlite3_finalize(d);
}

/* A registration status (and grade) at realistic year-end proportions. */
static const char *pick_status(bench_rng *r, const char **grade) {
    static const bench_weighted st[] = {
        {"draft", 50}, {"submitted", 100}, {"returned", 20}, {"approved", 200},
        {"published", 230}, {"self_assessed", 100}, {"evaluated", 300}, {NULL, 0}};
    static const bench_weighted gr[] = {
        {"excellent", 100}, {"good", 600}, {"completed", 270}, {"not_completed", 30}, {NULL, 0}};
    const char *s = rng_pick(r, st);
    *grade = strcmp(s, "evaluated") == 0 ? rng_pick(r, gr) : NULL;
    return s;
}

static void insert_registration(sqlite3 *h, sqlite3_stmt *g, bench_rng *r, long j, long u,
                                int year) {
    const char *grade, *status = pick_status(r, &grade);
    int published = !strcmp(status, "published") || !strcmp(status, "self_assessed") ||
                    !strcmp(status, "evaluated");
    sqlite3_bind_int64(g, 1, j + 1);
    sqlite3_bind_int(g, 2, year);
    sqlite3_bind_int64(g, 3, u + 1);
    sqlite3_bind_text(g, 4, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(g, 5, grade, -1, SQLITE_STATIC);
    if (published) sqlite3_bind_text(g, 6, "2024-04-01T00:00:00Z", -1, SQLITE_STATIC);
    else sqlite3_bind_null(g, 6);
    step_done(h, g);
}

/* People over the units (as gen.c spreads them); 92% register for year. */
static long fill_people(sqlite3 *h, const bench_shape *s, long people, int year) {
    sqlite3_stmt *p = prep(h, "INSERT INTO person(id, code, full_name, name_fold, name_sort,"
                              " unit_id, category, key_cadre) VALUES (?1, ?2, ?3, fold(?3), '',"
                              " ?4, ?5, ?6)");
    sqlite3_stmt *m = prep(h, "INSERT INTO membership(person_id, valid_from, unit_id, key_cadre)"
                              " VALUES (?1, '2000-01-01', ?2, ?3)");
    sqlite3_stmt *g = prep(h, "INSERT INTO registration(person_id, year, unit_id, status, grade,"
                              " published_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    bench_rng r = {11};
    long regs = 0;
    char code[32], name[128];
    for (long j = 0; j < people; j++) {
        int upper;
        long u = shape_person_unit(&r, s, &upper);
        snprintf(code, sizeof code, "DV%07ld", j + 1);
        bench_name(&r, rng_mille(&r) < 420, name, sizeof name);
        sqlite3_bind_int64(p, 1, j + 1);
        sqlite3_bind_text(p, 2, code, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(p, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(p, 4, u + 1);
        sqlite3_bind_text(p, 5, upper ? "cadre" : "party_member", -1, SQLITE_STATIC);
        int key = rng_mille(&r) < (upper ? 180 : 35);
        sqlite3_bind_int(p, 6, key);
        step_done(h, p);
        sqlite3_bind_int64(m, 1, j + 1);
        sqlite3_bind_int64(m, 2, u + 1);
        sqlite3_bind_int(m, 3, key);
        step_done(h, m);
        if (rng_mille(&r) < 920) { insert_registration(h, g, &r, j, u, year); regs++; }
    }
    sqlite3_finalize(p);
    sqlite3_finalize(m);
    sqlite3_finalize(g);
    return regs;
}

/* ---- lamtheo: ind_compute + ind_summarize ------------------------------- */
static int by_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double run_lamtheo(lt_ctx *ctx, int year, long n, cmp *out) {
    double t0 = bench_now();
    ind_result r;
    lt_err e = {0};
    if (ind_compute(ctx, year, year, &r, &e)) die("ind_compute", e.en);
    ind_summary s;
    for (long i = 0; i < r.tree.n; i++) {
        ind_summarize(&r, i, &s);
        long long id = r.tree.nodes[i].id;
        if (id < 1 || id > n) continue;
        out[id - 1] = (cmp){s.c.targets, s.c.deployed, s.c.reg_submitted, s.c.reg_approved,
                            s.c.evaluated, s.c.reg_required, s.c.registered};
    }
    double t = bench_now() - t0;
    if (r.tree.n != n) fprintf(stderr, "bench_indicators: tree has %ld units, not %ld\n",
                               r.tree.n, n);
    ind_free(&r);
    return t;
}

/* ---- the baselines: plain SQL with WITH RECURSIVE ----------------------- */
#define PARTY "('grassroots_committee','grassroots_cell','cell')"
/* The year's reference date (DESIGN §2): its review date, else 31 December. */
#define REF_DAY "coalesce((SELECT reference_date FROM year_setup WHERE year=?1), ?3)"
#define LINK_IN_YEAR "p.valid_from<=?3 AND (p.valid_to IS NULL OR p.valid_to>=?2)"
#define STATUS_SUMS                                                                  \
    "sum(r.status='draft'), sum(r.status='submitted'), sum(r.status='returned'),"     \
    " sum(r.status='approved'), sum(r.status='published'),"                           \
    " sum(r.status='self_assessed'), sum(r.status='evaluated')"

/* Every unit's closure in one query: (ancestor, unit, depth) pairs, joined
** to the unit's kind, its deployment and its own counts: registrations by
** status, and the people required to register (active in the year,
** category other than 'other') and those registered (status >=
** submitted), counted at the unit of their registration if they have one,
** else their own.  (The counts are one CTE so that SQLite indexes it.) */
static const char SQL_ALL[] =
    "WITH RECURSIVE clo(anc, id, d) AS ("
    " SELECT id, id, 0 FROM unit WHERE active_from<=?3 AND (active_to IS NULL OR active_to>=?2)"
    " UNION ALL SELECT clo.anc, p.unit_id, clo.d+1 FROM clo JOIN unit_parent p"
    "  ON p.parent_id=clo.id AND " LINK_IN_YEAR "),"
    " cnt(unit_id, s0, s1, s2, s3, s4, s5, s6, req, reg) AS (SELECT u, total(s0), total(s1),"
    "  total(s2), total(s3), total(s4), total(s5), total(s6), total(req), total(reg) FROM ("
    "  SELECT r.unit_id u, r.status='draft' s0, r.status='submitted' s1, r.status='returned' s2,"
    "   r.status='approved' s3, r.status='published' s4, r.status='self_assessed' s5,"
    "   r.status='evaluated' s6, 0 req, 0 reg FROM registration r WHERE r.year=?1"
    "  UNION ALL SELECT m.unit_id, 0, 0, 0, 0, 0, 0, 0, 1,"
    "   r.status IN ('submitted','approved','published','self_assessed','evaluated')"
    "   FROM membership m JOIN person p ON p.id=m.person_id LEFT JOIN registration r"
    "   ON r.person_id=p.id AND r.year=?1 WHERE p.category<>'other' AND m.valid_from<=" REF_DAY
    "   AND (m.valid_to IS NULL OR m.valid_to>=" REF_DAY ")) GROUP BY u)"
    " SELECT clo.anc, sum(clo.d>0 AND u.kind IN " PARTY "),"
    "  sum(clo.d>0 AND u.kind IN " PARTY " AND dp.id IS NOT NULL),"
    "  max(clo.d=0 AND u.kind IN " PARTY "), max(clo.d=0 AND u.kind IN " PARTY
    "  AND dp.id IS NOT NULL), total(c.s0), total(c.s1), total(c.s2), total(c.s3),"
    "  total(c.s4), total(c.s5), total(c.s6), total(c.req), total(c.reg)"
    " FROM clo JOIN unit u ON u.id=clo.id"
    " LEFT JOIN deployment dp ON dp.unit_id=clo.id AND dp.year=?1"
    " LEFT JOIN cnt c ON c.unit_id=clo.id GROUP BY clo.anc";

/* One unit (?4): the same columns from a closure rooted at it. */
static const char SQL_ONE[] =
    "WITH RECURSIVE clo(id, d) AS MATERIALIZED (SELECT ?4, 0"
    " UNION ALL SELECT p.unit_id, clo.d+1 FROM clo JOIN unit_parent p"
    "  ON p.parent_id=clo.id AND " LINK_IN_YEAR ")"
    " SELECT ?4, (SELECT count(*) FROM clo JOIN unit u ON u.id=clo.id"
    "   WHERE clo.d>0 AND u.kind IN " PARTY "),"
    "  (SELECT count(*) FROM clo JOIN unit u ON u.id=clo.id JOIN deployment dp"
    "   ON dp.unit_id=clo.id AND dp.year=?1 WHERE clo.d>0 AND u.kind IN " PARTY "),"
    "  (SELECT kind IN " PARTY " FROM unit WHERE id=?4),"
    "  (SELECT count(*) FROM unit u JOIN deployment dp ON dp.unit_id=u.id AND dp.year=?1"
    "   WHERE u.id=?4 AND u.kind IN " PARTY "), " STATUS_SUMS ","
    " (SELECT count(*) FROM membership m JOIN person p ON p.id=m.person_id"
    "  WHERE m.unit_id IN (SELECT id FROM clo) AND p.category<>'other'"
    "  AND m.valid_from<=" REF_DAY " AND (m.valid_to IS NULL OR m.valid_to>=" REF_DAY ")),"
    " (SELECT count(*) FROM membership m JOIN person p ON p.id=m.person_id JOIN registration q"
    "  ON q.person_id=p.id AND q.year=?1 WHERE m.unit_id IN (SELECT id FROM clo)"
    "  AND q.status IN ('submitted','approved','published','self_assessed','evaluated')"
    "  AND p.category<>'other' AND m.valid_from<=" REF_DAY " AND (m.valid_to IS NULL OR m.valid_to>=" REF_DAY "))"
    " FROM clo LEFT JOIN registration r ON r.unit_id=clo.id AND r.year=?1";

static void bind_year(sqlite3_stmt *st, int year) {
    char y0[16], y1[16];
    snprintf(y0, sizeof y0, "%04d-01-01", year);
    snprintf(y1, sizeof y1, "%04d-12-31", year);
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_text(st, 2, y0, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, y1, -1, SQLITE_TRANSIENT);
}

/* A result row of SQL_ALL or SQL_ONE as the counts ind_summarize gives:
** targets strictly below, or the unit alone if it is one and has none. */
static long long row_to_cmp(sqlite3_stmt *st, cmp *c) {
#define C(i) sqlite3_column_int64(st, (i))
    long long below = C(1);
    c->targets = below > 0 ? below : C(3);
    c->deployed = below > 0 ? C(2) : C(4);
    c->evaluated = C(11);
    c->approved = C(8) + C(9) + C(10) + C(11);
    c->submitted = C(6) + c->approved;
    c->required = C(12);
    c->registered = C(13);
    return C(0);
#undef C
}

static double run_all(sqlite3 *h, int year, long n, cmp *out) {
    double t0 = bench_now();
    sqlite3_stmt *st = prep(h, SQL_ALL);
    bind_year(st, year);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        cmp c;
        long long id = row_to_cmp(st, &c);
        if (id >= 1 && id <= n) out[id - 1] = c;
    }
    if (rc != SQLITE_DONE) die("baseline A", sqlite3_errmsg(h));
    sqlite3_finalize(st);
    return bench_now() - t0;
}

/* Per-unit queries over a random order of the units for at most limit
** seconds; *done says how many units were measured. */
static double run_each(sqlite3 *h, int year, long n, double limit, cmp *out, long *done) {
    long *order = malloc((size_t)n * sizeof *order);
    bench_rng r = {3};
    for (long i = 0; i < n; i++) order[i] = i;
    for (long i = n - 1; i > 0; i--) {
        long k = rng_below(&r, i + 1), t = order[i];
        order[i] = order[k];
        order[k] = t;
    }
    double t0 = bench_now(), t = 0;
    sqlite3_stmt *st = prep(h, SQL_ONE);
    bind_year(st, year);
    for (*done = 0; *done < n && t < limit; (*done)++, t = bench_now() - t0) {
        long i = order[*done];
        sqlite3_bind_int64(st, 4, i + 1);
        if (sqlite3_step(st) != SQLITE_ROW) die("baseline B", sqlite3_errmsg(h));
        row_to_cmp(st, &out[i]);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    free(order);
    return t;
}

/* Units whose counts differ (b[i].targets < 0: unit i was not measured). */
static long mismatches(const cmp *a, const cmp *b, long n, const char *what) {
    long bad = 0;
    for (long i = 0; i < n; i++) {
        if (b[i].targets < 0) continue; /* not measured */
        if (memcmp(&a[i], &b[i], sizeof a[i]) == 0) continue;
        if (bad++ < 3)
            fprintf(stderr, "mismatch (%s) unit id %ld: lamtheo %lld/%lld/%lld/%lld/%lld/%lld/%lld,"
                    " sql %lld/%lld/%lld/%lld/%lld/%lld/%lld\n", what, i + 1, a[i].targets,
                    a[i].deployed, a[i].submitted, a[i].approved, a[i].evaluated, a[i].required,
                    a[i].registered, b[i].targets, b[i].deployed, b[i].submitted, b[i].approved,
                    b[i].evaluated, b[i].required, b[i].registered);
    }
    return bad;
}

/* ---- main --------------------------------------------------------------- */
static void usage(void) {
    fputs("usage: bench_indicators [--fill-only] --db PATH --units N --people M [--year Y]"
          " [--limit S]\n       bench_indicators --existing --db PATH [--year Y] [--limit S]"
          " [--no-baseline]\n",
          stderr);
    exit(2);
}

static void parse_args(int argc, char **argv, opts *o) {
    *o = (opts){NULL, 100000, 300000, 2024, 0, 0, 0, 180};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--fill-only")) { o->fill_only = 1; continue; }
        if (!strcmp(argv[i], "--existing")) { o->existing = 1; continue; }
        if (!strcmp(argv[i], "--no-baseline")) { o->no_baseline = 1; continue; }
        if (i + 1 >= argc) usage();
        const char *a = argv[i], *v = argv[++i];
        if (!strcmp(a, "--db")) o->db = v;
        else if (!strcmp(a, "--units")) o->units = atol(v);
        else if (!strcmp(a, "--people")) o->people = atol(v);
        else if (!strcmp(a, "--year")) o->year = atoi(v);
        else if (!strcmp(a, "--limit")) o->limit = atof(v);
        else usage();
    }
    if (!o->db || o->units < 4 || o->people < 0 || o->year < 1990 || o->year > 2100) usage();
    if (o->existing && o->fill_only) usage();
}

/* Create the database and fill it in a child process, so the measured
** process starts from a plain open.  The child raises glibc's trim
** threshold: through lamtheo's connection every INSERT otherwise frees and
** re-grows the heap (brk), which made the fill ~20x slower on this VM. */
static void fill(const opts *o, const bench_shape *s) {
    pid_t pid = fork();
    if (pid < 0) die("fork", "failed");
    if (pid > 0) {
        int status;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
            die("fill", "the filling process failed");
        return;
    }
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    db_remove_files(o->db);
    lt_db *db;
    lt_err e = {0};
    if (db_open(o->db, DB_OPEN_CREATE, &db, &e)) die(o->db, e.en);
    sqlite3 *h = db_handle(db);
    double t0 = bench_now();
    long deployed = 0, regs;
    if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) die("begin", sqlite3_errmsg(h));
    fill_units(h, s, o->year, &deployed);
    regs = fill_people(h, s, o->people, o->year);
    if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) die("commit", sqlite3_errmsg(h));
    db_close(db);
    printf("filled by direct INSERTs (no validation, no audit): %ld units (%ld districts, %ld "
           "grassroots, %ld cells), %ld deployments, %ld people, %ld registrations for %d "
           "in %.1f s\n", s->n, s->districts, s->grassroots, s->cells, deployed, o->people, regs,
           o->year, bench_now() - t0);
    fflush(stdout);
    _exit(0);
}

static void report(const opts *o, double ours, double ta, double tb, long done, long bad_a,
                   long bad_b) {
    long n = o->units;
    double tb_all = done > 0 ? tb * (double)n / (double)done : 0;
    printf("lamtheo ind_compute + ind_summarize, all %ld units: %.2f s\n", n, ours);
    printf("baseline A, one WITH RECURSIVE closure query, all units: %.2f s"
           " (lamtheo/baseline = %.3f); mismatching units: %ld of %ld\n", ta, ours / ta, bad_a, n);
    printf("baseline B, one WITH RECURSIVE query per unit: %.2f s for %ld units%s%.1f s"
           " (lamtheo/baseline = %.4f); mismatching units: %ld of %ld\n", tb, done,
           done < n ? ", EXTRAPOLATED to all units: " : " (all units): ", tb_all,
           ours / tb_all, bad_b, done);
    printf("TABLE|indicators, %ld units, 1 year|%.2f s|SQL closure query (A)|%.2f s|%.2f\n", n,
           ours, ta, ours / ta);
    printf("TABLE|indicators, %ld units, 1 year|%.2f s|SQL query per unit (B)%s|%.2f s|%.2f\n",
           n, ours, done < n ? ", extrapolated" : "", tb_all, ours / tb_all);
}

int main(int argc, char **argv) {
    opts o;
    parse_args(argc, argv, &o);
    bench_shape s;
    shape_make(o.units, &s);
    if (!o.existing) {
        o.units = s.n;
        fill(&o, &s);
        if (o.fill_only) return 0;
    }
    lt_db *db;
    lt_err e = {0};
    if (db_open(o.db, DB_OPEN_EXISTING, &db, &e)) die(o.db, e.en);
    if (o.existing) { /* a database made elsewhere (bench/country): units by id */
        s.n = o.units = (long)db_int(db, "SELECT max(id) FROM unit", 0, NULL);
    }
    lt_ctx ctx;
    ctx_init_cli(&ctx, db);
    cmp *ours = calloc((size_t)s.n, sizeof *ours), *a = calloc((size_t)s.n, sizeof *a);
    cmp *b = malloc((size_t)s.n * sizeof *b);
    for (long i = 0; i < s.n; i++) b[i].targets = -1;
    double t_ours = run_lamtheo(&ctx, o.year, s.n, ours);
    /* again, as a running server recomputes after a change: SQLite's and
    ** the kernel's caches hold what the first run read */
    double again[3];
    for (int k = 0; k < 3; k++) again[k] = run_lamtheo(&ctx, o.year, s.n, ours);
    qsort(again, 3, sizeof again[0], by_double);
    if (o.no_baseline) {
        printf("lamtheo, all %ld units: %.2f s; again, the median of 3 more runs: %.2f s\n",
               s.n, t_ours, again[1]);
        return 0;
    }
    /* the baselines at their best: a page cache of 1 GiB (with lamtheo's
    ** 16 MiB the national closure query took 219 s instead of 49 s) */
    sqlite3_exec(db_handle(db), "PRAGMA cache_size=-1048576", NULL, NULL, NULL);
    double ta = run_all(db_handle(db), o.year, s.n, a);
    long done;
    double tb = run_each(db_handle(db), o.year, s.n, o.limit, b, &done);
    printf("province (checked): targets %lld, deployed %lld, registrations >= submitted %lld,"
           " >= approved %lld, evaluated %lld (lamtheo) / %lld, %lld, %lld, %lld, %lld (SQL A)\n",
           ours[0].targets, ours[0].deployed, ours[0].submitted, ours[0].approved,
           ours[0].evaluated, a[0].targets, a[0].deployed, a[0].submitted, a[0].approved,
           a[0].evaluated);
    printf("lamtheo again, the median of 3 more runs: %.2f s\n", again[1]);
    printf("TABLE|indicators again (median of 3), %ld units, 1 year|%.2f s|SQL closure query (A)|%.2f s|%.2f\n",
           s.n, again[1], ta, again[1] / ta);
    report(&o, t_ours, ta, tb, done, mismatches(ours, a, s.n, "A"), mismatches(ours, b, s.n, "B"));
    free(ours);
    free(a);
    free(b);
    db_close(db);
    return 0;
}
