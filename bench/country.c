/*
** country.c — a synthetic Vietnam at national scale (issue 5): the whole
** Party tree, its people and five years (2021–2025) of the Directive 05
** programme, written straight into a new lamtheo database:
**
**     country --scale S -o FILE [--csv DIR] [--seed N] [--transitions]
**
** S=1 is the country of DESIGN §1: about 300,000 units (the Centre, 63
** provinces, ~700 districts, ~54,000 grassroots organisations with their
** ~240,000 cells, agencies and mass organisations) and 5.5 million people,
** each registering 3–5 commitments a year.  Every count scales with S; the
** 63 provinces and one district per province stay at any S.  The 2025
** reorganisation is in: from 1 July 2025 the 63 provinces are 34, the
** districts are gone and communes merged about 3 to 1, recorded the way
** src/io/demo.c records it (unit_parent rows closed on 30 June and opened
** on 1 July, unit_merge rows, active_to).
**
** The database is created by db_open (the real schema and migrations) and
** filled by direct INSERTs into the base tables: no validation and no
** audit rows (one audit row at the end says the database was generated).
** Status histories (registration_transition) only with --transitions: at
** S=1 they would be ~95 million more rows.  --csv DIR also writes
** DIR/units.csv (the tree as it stands now) and DIR/people.csv in the
** import formats of DESIGN §4, exactly as bench/gen.c writes them, so that
** `lamtheo import` of the whole country can be timed against sqlite3's
** .import.  The data is deterministic from the seed (no clock in it); the
** data stands at 30 November 2025, when 2025's year-end review is under way.
*/
#include "../src/domain/domain.h"
#include "benchlib.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>

/* ---- the shape at S=1, and where the numbers come from ------------------ */
#define N_DISTRICTS 705       /* district-level units before 1 July 2025 */
#define N_COMMUNES 10600      /* communes, wards and towns (3,321 after the merge) */
#define N_INSTITUTIONS 38000  /* other grassroots party organisations: schools,
                                 hospitals, enterprises ...; with the communes' and
                                 the agencies' about the Party's ~54,000 */
#define N_PROV_AGENCIES 1260  /* ~20 departments and party boards per province */
#define N_PROV_MASS 189       /* 3 mass organisations per province */
#define N_DIST_AGENCIES 3525  /* 5 offices per district */
#define N_DIST_MASS 705       /* each district's Fatherland Front */
#define N_PEOPLE 5500000L     /* DESIGN §1; the Party has about 5.5 million members */

#define Y_FIRST 2021          /* the 2021–2025 term (Kết luận 01-KL/TW) */
#define Y_LAST 2025
#define NY (Y_LAST - Y_FIRST + 1)
#define REORG_DAY "2025-07-01"
#define REORG_LAST "2025-06-30"
#define OPEN_DAY "1930-02-03"  /* the schema's default active_from of a unit */

/* ---- the 63 provinces and the 34 they became ----------------------------- */
typedef struct prov_def {
    const char *gso, *name;  /* GSO code, name */
    int pop;                 /* population in hundred thousands (about 2023): a weight only */
    char region, city;       /* 'S' south says "ấp", else "thôn"; centrally-run city */
    const char *into;        /* from 1 July 2025 part of this province (GSO code) */
} prov_def;

/* The merged province keeps the code of the one whose name it took
** (Resolution 202/2025/QH15: Bến Tre and Trà Vinh join Vĩnh Long ...). */
static const prov_def provs[] = {
    {"01", "Hà Nội", 85, 'N', 1, NULL}, {"02", "Hà Giang", 9, 'N', 0, "08"},
    {"04", "Cao Bằng", 5, 'N', 0, NULL}, {"06", "Bắc Kạn", 3, 'N', 0, "19"},
    {"08", "Tuyên Quang", 8, 'N', 0, NULL}, {"10", "Lào Cai", 8, 'N', 0, NULL},
    {"11", "Điện Biên", 6, 'N', 0, NULL}, {"12", "Lai Châu", 5, 'N', 0, NULL},
    {"14", "Sơn La", 13, 'N', 0, NULL}, {"15", "Yên Bái", 8, 'N', 0, "10"},
    {"17", "Hòa Bình", 9, 'N', 0, "25"}, {"19", "Thái Nguyên", 13, 'N', 0, NULL},
    {"20", "Lạng Sơn", 8, 'N', 0, NULL}, {"22", "Quảng Ninh", 14, 'N', 0, NULL},
    {"24", "Bắc Giang", 19, 'N', 0, "27"}, {"25", "Phú Thọ", 15, 'N', 0, NULL},
    {"26", "Vĩnh Phúc", 12, 'N', 0, "25"}, {"27", "Bắc Ninh", 15, 'N', 0, NULL},
    {"30", "Hải Dương", 19, 'N', 0, "31"}, {"31", "Hải Phòng", 21, 'N', 1, NULL},
    {"33", "Hưng Yên", 13, 'N', 0, NULL}, {"34", "Thái Bình", 19, 'N', 0, "33"},
    {"35", "Hà Nam", 9, 'N', 0, "37"}, {"36", "Nam Định", 19, 'N', 0, "37"},
    {"37", "Ninh Bình", 10, 'N', 0, NULL}, {"38", "Thanh Hóa", 37, 'C', 0, NULL},
    {"40", "Nghệ An", 34, 'C', 0, NULL}, {"42", "Hà Tĩnh", 13, 'C', 0, NULL},
    {"44", "Quảng Bình", 9, 'C', 0, "45"}, {"45", "Quảng Trị", 7, 'C', 0, NULL},
    {"46", "Huế", 12, 'C', 1, NULL}, {"48", "Đà Nẵng", 12, 'C', 1, NULL},
    {"49", "Quảng Nam", 15, 'C', 0, "48"}, {"51", "Quảng Ngãi", 13, 'C', 0, NULL},
    {"52", "Bình Định", 15, 'C', 0, "64"}, {"54", "Phú Yên", 9, 'C', 0, "66"},
    {"56", "Khánh Hòa", 13, 'C', 0, NULL}, {"58", "Ninh Thuận", 6, 'C', 0, "56"},
    {"60", "Bình Thuận", 13, 'C', 0, "68"}, {"62", "Kon Tum", 6, 'C', 0, "51"},
    {"64", "Gia Lai", 16, 'C', 0, NULL}, {"66", "Đắk Lắk", 19, 'C', 0, NULL},
    {"67", "Đắk Nông", 7, 'C', 0, "68"}, {"68", "Lâm Đồng", 13, 'C', 0, NULL},
    {"70", "Bình Phước", 10, 'S', 0, "75"}, {"72", "Tây Ninh", 12, 'S', 0, NULL},
    {"74", "Bình Dương", 28, 'S', 0, "79"}, {"75", "Đồng Nai", 33, 'S', 0, NULL},
    {"77", "Bà Rịa - Vũng Tàu", 12, 'S', 0, "79"}, {"79", "Hồ Chí Minh", 95, 'S', 1, NULL},
    {"80", "Long An", 17, 'S', 0, "72"}, {"82", "Tiền Giang", 18, 'S', 0, "87"},
    {"83", "Bến Tre", 13, 'S', 0, "86"}, {"84", "Trà Vinh", 10, 'S', 0, "86"},
    {"86", "Vĩnh Long", 10, 'S', 0, NULL}, {"87", "Đồng Tháp", 16, 'S', 0, NULL},
    {"89", "An Giang", 19, 'S', 0, NULL}, {"91", "Kiên Giang", 17, 'S', 0, "89"},
    {"92", "Cần Thơ", 12, 'S', 1, NULL}, {"93", "Hậu Giang", 7, 'S', 0, "92"},
    {"94", "Sóc Trăng", 12, 'S', 0, "92"}, {"95", "Bạc Liêu", 9, 'S', 0, "96"},
    {"96", "Cà Mau", 12, 'S', 0, NULL},
};
#define NPROV ((int)(sizeof provs / sizeof provs[0]))

/* ---- units --------------------------------------------------------------- */
enum { K_CENTRAL, K_PROVINCE, K_DISTRICT, K_COMMITTEE, K_GCELL, K_CELL, K_AGENCY, K_MASS };
static const char *const kind_code[] = {"central", "province", "district",
    "grassroots_committee", "grassroots_cell", "cell", "agency", "mass_org"};
static const char *const kind_vi[] = {"Trung ương", "Tỉnh ủy", "Huyện ủy", "Đảng bộ cơ sở",
    "Chi bộ cơ sở", "Chi bộ trực thuộc", "Cơ quan, đơn vị", "MTTQ, đoàn thể"};

/* What a unit is, beyond its kind: it picks positions, categories and texts. */
enum { R_PLAIN, R_COMMUNE, R_VILLAGE, R_OFFICE, R_INSTITUTION };

typedef struct gunit {
    char *code, *name;
    int parent;          /* parent until 30 June 2025 (-1: the root) */
    int moved_to;        /* parent from 1 July 2025, or -1 */
    int merged_into;     /* successor if closed on 30 June 2025, or -1 */
    int child;           /* an agency's party organisation, or -1 */
    long first_person, npeople;
    float weight;        /* relative number of people */
    unsigned char kind, prov, role, sub;  /* sub: the level word or institution type */
    unsigned char place; /* byte offset of a place ("ấp Phú Hòa", "xã Sơn Định") in name, or 0 */
    unsigned short slot; /* an agency's number in its province (counterparts merge) */
} gunit;

/* Statements, one per base table. */
enum { S_UNIT, S_PARENT, S_MERGE, S_PERSON, S_MEMBER, S_TOPIC, S_YEAR, S_DEPLOY, S_REG, S_ITEM,
       S_TRANS, S_STD, S_INSP, S_FOLLOW, S_MODEL, S_COMM, S_BREAK, S_N };
static const struct { const char *table, *sql; } stmts[S_N] = {
    {"unit", "INSERT INTO unit(id, code, name, name_fold, kind, active_to) VALUES (?,?,?,?,?,?)"},
    {"unit_parent", "INSERT INTO unit_parent(unit_id, parent_id, valid_from, valid_to)"
                    " VALUES (?,?,?,?)"},
    {"unit_merge", "INSERT INTO unit_merge(unit_id, successor_id, merged_on) VALUES (?,?,?)"},
    {"person", "INSERT INTO person(id, code, full_name, name_fold, name_sort, birth_date,"
               " gender, unit_id, position, category, key_cadre, head, active_from, active_to,"
               " name_rank) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
    {"membership", "INSERT INTO membership(person_id, valid_from, valid_to, unit_id, position,"
                   " key_cadre, head) VALUES (?,?,?,?,?,?,?)"},
    {"topic", "INSERT INTO topic(unit_id, year, title, body, source_doc, title_unconfirmed)"
              " VALUES (?,?,?,?,?,?)"},
    {"year_setup", "INSERT INTO year_setup(year, registration_deadline, midyear_deadline,"
                   " review_deadline) VALUES (?,?,?,?)"},
    {"deployment", "INSERT INTO deployment(unit_id, year, held_on, form, present, expected)"
                   " VALUES (?,?,?,?,?,?)"},
    {"registration", "INSERT INTO registration(id, person_id, year, unit_id, status,"
                     " return_reason, approved_by, approved_at, published_at, grade,"
                     " evaluated_by, evaluated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"},
    /* items go in multi-row INSERTs (flush_items); this one is not used */
    {"registration_item", "INSERT INTO registration_item(id, registration_id, position, body,"
                          " item_group, deadline, assessment) VALUES (?,?,?,?,?,?,?)"},
    {"registration_transition", "INSERT INTO registration_transition(registration_id,"
                                " from_status, to_status, actor, at, reason) VALUES (?,?,?,?,?,?)"},
    {"standard", "INSERT INTO standard(unit_id, motto, items, adopted_on, valid_from, valid_to)"
                 " VALUES (?,?,?,?,?,?)"},
    {"inspection", "INSERT INTO inspection(id, inspecting_unit_id, inspected_unit_id, kind,"
                   " held_on, content, findings, conclusion) VALUES (?,?,?,?,?,?,?,?)"},
    {"followup", "INSERT INTO followup(inspection_id, body, due_on, done_on) VALUES (?,?,?,?)"},
    {"model", "INSERT INTO model(id, year, unit_id, subject_person_id, subject_unit_id,"
              " subject_text, title, description, contribution_vnd) VALUES (?,?,?,?,?,?,?,?,?)"},
    {"commendation", "INSERT INTO commendation(year, unit_id, model_id, subject_person_id,"
                     " subject_unit_id, subject_text, title, level, form, decision_no,"
                     " decision_on) VALUES (?,?,?,?,?,?,?,?,?,?,?)"},
    {"breakthrough", "INSERT INTO breakthrough(unit_id, year, body, result) VALUES (?,?,?,?)"},
};

typedef struct country {
    double scale;
    unsigned long long seed;
    int transitions;
    const char *path, *csv_dir;
    gunit *u;
    long nu, cap, npeople;
    int prov_unit[NPROV], prov_final[NPROV];  /* unit of each province; its 1 July 2025 province */
    int *agencies[NPROV];                     /* each province's agencies by slot */
    int nagencies[NPROV];
    bench_rng rng;
    lt_db *db;
    sqlite3 *h;
    sqlite3_stmt *st[S_N];
    long rows[S_N];
    long csv_units, csv_people;
    FILE *people_csv;
    double t0;
    struct item_batch *items;  /* a person's items, written in one INSERT */
} country;

static const char *g_path;  /* removed if generation fails */
static int g_created;

static void die(const char *what, const char *why) {
    fprintf(stderr, "country: %s: %s\n", what, why);
    if (g_created) db_remove_files(g_path);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("memory", "out of memory");
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* ---- random draws --------------------------------------------------------- */
static double urand(bench_rng *r) { return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0); }
static double uw(bench_rng *r, double lo, double hi) { return lo + (hi - lo) * urand(r); }
static long irange(bench_rng *r, long lo, long hi) { return lo + rng_below(r, hi - lo + 1); }

/* A draw in [0, 1) fixed by (seed, a, b, salt): a unit's rate of a year
** does not depend on the order anything is generated in. */
static double h01(const country *c, long a, long b, long salt) {
    bench_rng r = {c->seed ^ ((unsigned long long)a * 0x9E3779B97F4A7C15ULL) ^
                   ((unsigned long long)b * 0xC2B2AE3D27D4EB4FULL) ^
                   ((unsigned long long)salt * 0x165667B19E3779F9ULL)};
    return urand(&r);
}

/* Split total over n parts in proportion to w; the parts add up exactly. */
static void split(long total, const double *w, long n, long *out) {
    double sum = 0, acc = 0;
    long prev = 0;
    for (long i = 0; i < n; i++) sum += w[i];
    for (long i = 0; i < n; i++) {
        acc += w[i];
        long upto = sum > 0 ? (long)((double)total * acc / sum + 0.5) : 0;
        if (i == n - 1) upto = sum > 0 ? total : 0;
        out[i] = upto - prev;
        prev = upto;
    }
}

/* ---- days ----------------------------------------------------------------- */
/* Days since 1970-01-01 of a civil date, and back (H. Hinnant's algorithms). */
static int day_of(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void iso(int z, char out[11]) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1, m = mp + (mp < 10 ? 3 : -9);
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", yoe + era * 400 + (m <= 2), m, d);
    memcpy(out, tmp, 10);
    out[10] = 0;
}

/* A time of day in office hours (01–10 UTC is 08–17 in Hà Nội). */
static void stamp(bench_rng *r, int z, char out[21]) {
    char d[11];
    iso(z, d);
    snprintf(out, 21, "%sT%02d:%02d:00Z", d, (int)irange(r, 1, 10), (int)irange(r, 0, 59));
}

static int as_of(void) { return day_of(2025, 11, 30); }

/* ---- texts ---------------------------------------------------------------- */
/* Copy template t to out: '@' is a place, '^' a committee, '#' the number n,
** '$' n on two digits ("02 hộ nghèo", as forms write it), '~' the year y. */
static void expand(char *out, size_t cap, const char *t, const char *a, const char *b, long n,
                   int y) {
    size_t k = 0;
    char num[24];
    for (; *t && k + 1 < cap; t++) {
        const char *ins = NULL;
        switch (*t) {
        case '@': ins = a; break;
        case '^': ins = b; break;
        case '#': snprintf(num, sizeof num, "%ld", n); ins = num; break;
        case '$': snprintf(num, sizeof num, "%02ld", n); ins = num; break;
        case '~': snprintf(num, sizeof num, "%d", y); ins = num; break;
        default: out[k++] = *t; continue;
        }
        for (; ins && *ins && k + 1 < cap; ins++) out[k++] = *ins;
    }
    out[k] = 0;
}

/* The place of unit i ("ấp Phú Hòa", "xã Sơn Định") into out, or dflt. */
static const char *unit_place(const country *c, long i, char *out, size_t n, const char *dflt) {
    const gunit *u = &c->u[i];
    if (!u->place) return dflt;
    const char *p = u->name + u->place, *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), p);
    return out;
}

/* ---- the tree ------------------------------------------------------------- */
static int add_unit(country *c, int kind, int parent, int prov, const char *code,
                    const char *name, double weight) {
    if (c->nu == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 4096;
        c->u = realloc(c->u, (size_t)c->cap * sizeof *c->u);
        if (!c->u) die("memory", "out of memory");
    }
    gunit *u = &c->u[c->nu];
    memset(u, 0, sizeof *u);
    u->code = xstrdup(code);
    u->name = xstrdup(name);
    u->parent = parent;
    u->moved_to = u->merged_into = u->child = -1;
    u->kind = (unsigned char)kind;
    u->prov = (unsigned char)prov;
    u->weight = (float)weight;
    return (int)c->nu++;
}

/* What is being built in one province: counters for codes and names. */
typedef struct prov_ctx {
    int p, unit;
    long communes, institutions, places;
    char code[16], level[96], committee[96];  /* "T83", "tỉnh Bến Tre", "Tỉnh ủy Bến Tre" */
} prov_ctx;

/* The next place name of the province: never twice in one province. */
static void next_place(prov_ctx *pc, char *out, size_t n) {
    long i;
    do {
        long k = pc->places++;
        i = ((long)pc->p * 131 + k) % 900 + k / 900 * 900;
    } while (i % 900 >= 870); /* bench_place gives "Hòa Hòa" there */
    bench_place(i, out, n);
}

static const char *const dist_level[] = {"huyện", "quận", "thị xã", "thành phố"};
static const char *const dist_comm[] = {"Huyện ủy", "Quận ủy", "Thị ủy", "Thành ủy"};
static const char *const commune_level[] = {"xã", "phường", "thị trấn"};
static const char *const village_word[] = {"ấp", "thôn", "khu phố"};

/* A district: the provincial city's Thành ủy first (a Quận ủy in the five
** big cities), then Huyện ủy, Quận ủy in the cities and some Thị ủy. */
static int add_district(country *c, prov_ctx *pc, long k) {
    char place[64], code[64], name[160];
    double x = urand(&c->rng);
    int city = provs[pc->p].city;
    int sub = k == 0 ? (city ? 1 : 3) : city ? (x < 0.6 ? 1 : 0) : (x < 0.12 ? 2 : 0);
    next_place(pc, place, sizeof place);
    snprintf(code, sizeof code, "%s-H%02ld", pc->code, k + 1);
    snprintf(name, sizeof name, "%s %s", dist_comm[sub], place);
    int d = add_unit(c, K_DISTRICT, pc->unit, pc->p, code, name, uw(&c->rng, 15, 35));
    c->u[d].sub = (unsigned char)sub;
    return d;
}

/* "huyện Chợ Lách" and "Huyện ủy Chợ Lách" of district d. */
static void district_words(const country *c, int d, char *level, char *comm, size_t n) {
    const gunit *u = &c->u[d];
    snprintf(comm, n, "%s", u->name);
    snprintf(level, n, "%s %s", dist_level[u->sub], u->name + strlen(dist_comm[u->sub]) + 1);
}

/* Cells numbered inside an organisation: "Chi bộ số 2, Sở Y tế tỉnh Bến Tre". */
static void add_numbered_cells(country *c, int parent, long n, const char *of, int role,
                               int sub) {
    char code[64], name[320];
    for (long k = 0; k < n; k++) {
        snprintf(code, sizeof code, "%s-C%02ld", c->u[parent].code, k + 1);
        snprintf(name, sizeof name, "Chi bộ số %ld, %s", k + 1, of);
        int id = add_unit(c, K_CELL, parent, c->u[parent].prov, code, name, uw(&c->rng, 5, 20));
        c->u[id].role = (unsigned char)role;
        c->u[id].sub = (unsigned char)sub;
    }
}

/* Cells of a commune: its offices and militia, then its villages or
** residential quarters (10–24 cells in a xã, 6–16 in a ward: ~15 a commune,
** ~155,000 in all; the country has some 100,000 villages and quarters). */
static void add_commune_cells(country *c, const prov_ctx *pc, int com, const char *level,
                              int sub) {
    static const char *const office[] = {"Chi bộ Cơ quan Đảng - Đoàn thể",
                                         "Chi bộ Cơ quan Chính quyền", "Chi bộ Quân sự"};
    long n = sub == 1 ? irange(&c->rng, 6, 16) : irange(&c->rng, 10, 24);
    int vw = sub == 1 ? 2 : provs[pc->p].region == 'S' ? 0 : 1, offices = n >= 6 ? 3 : 0;
    char code[64], name[256], place[96], nm[64];
    for (long k = 0; k < n; k++) {
        int id;
        snprintf(code, sizeof code, "%s-C%02ld", c->u[com].code, k + 1);
        if (k < offices) {
            snprintf(name, sizeof name, "%s %s", office[k], level);
            id = add_unit(c, K_CELL, com, pc->p, code, name, uw(&c->rng, 6, 16));
            c->u[id].role = R_OFFICE;
            continue;
        }
        long v = k - offices + 1;
        if (vw == 2 || urand(&c->rng) < 0.35) {
            snprintf(place, sizeof place, "%s %ld", village_word[vw], v);
        } else {
            bench_place(((long)pc->p * 31 + (long)com * 17 + v * 7) % 870, nm, sizeof nm);
            snprintf(place, sizeof place, "%s %s", village_word[vw], nm);
        }
        snprintf(name, sizeof name, "Chi bộ %s, %s", place, level);
        id = add_unit(c, K_CELL, com, pc->p, code, name, uw(&c->rng, 12, 36));
        c->u[id].role = R_VILLAGE;
        c->u[id].sub = (unsigned char)vw;
        c->u[id].place = (unsigned char)strlen("Chi bộ ");
    }
}

/* A commune's party committee: a xã, a phường (most of them in cities and
** towns) or a thị trấn, with its cells. */
static void add_commune(country *c, prov_ctx *pc, int district) {
    int dsub = c->u[district].sub;
    double x = urand(&c->rng);
    int sub = dsub == 1 ? 1 : dsub >= 2 ? (x < 0.7 ? 1 : 0) : (x < 0.08 ? 2 : 0);
    char place[64], code[64], name[160], level[128];
    next_place(pc, place, sizeof place);
    snprintf(level, sizeof level, "%s %s", commune_level[sub], place);
    snprintf(code, sizeof code, "%s-X%03ld", pc->code, ++pc->communes);
    snprintf(name, sizeof name, "Đảng bộ %s", level);
    int k = add_unit(c, K_COMMITTEE, district, pc->p, code, name, uw(&c->rng, 3, 6));
    c->u[k].role = R_COMMUNE;
    c->u[k].sub = (unsigned char)sub;
    c->u[k].place = (unsigned char)strlen("Đảng bộ ");
    add_commune_cells(c, pc, k, level, sub);
}

/* Schools, hospitals, enterprises ...: their staff, and the per cent of
** them big enough for a đảng bộ cơ sở (the others are a chi bộ cơ sở). */
static const struct { const char *name, *staff; int committee, weight; } inst_types[] = {
    {"Trường Mầm non", "Giáo viên", 10, 14}, {"Trường Tiểu học", "Giáo viên", 15, 18},
    {"Trường THCS", "Giáo viên", 25, 14}, {"Trường THPT", "Giáo viên", 55, 6},
    {"Trung tâm Y tế", "Bác sĩ", 60, 5}, {"Bệnh viện Đa khoa", "Bác sĩ", 90, 2},
    {"Công ty Cổ phần", "Kỹ sư", 40, 12}, {"Công ty TNHH MTV", "Kỹ sư", 50, 6},
    {"Ngân hàng Nông nghiệp và Phát triển nông thôn, chi nhánh", "Nhân viên", 30, 4},
    {"Hợp tác xã", "Xã viên", 5, 6}, {"Trung tâm Giáo dục nghề nghiệp", "Giáo viên", 30, 4},
    {"Ban Quản lý dự án đầu tư xây dựng", "Kỹ sư", 20, 3},
    {"Chi cục Thuế khu vực", "Chuyên viên", 60, 3},
    {"Trung tâm Văn hóa - Thể thao", "Viên chức", 10, 3},
};
#define NINST ((long)(sizeof inst_types / sizeof inst_types[0]))

static int pick_inst(bench_rng *r) {
    long total = 0, x;
    for (long t = 0; t < NINST; t++) total += inst_types[t].weight;
    x = rng_below(r, total);
    for (long t = 0; t < NINST; t++)
        if ((x -= inst_types[t].weight) < 0) return (int)t;
    return 0;
}

/* A grassroots organisation outside the communes: a chi bộ cơ sở, or an
** đảng bộ cơ sở with 3–9 cells. */
static void add_institution(country *c, prov_ctx *pc, int parent) {
    int t = pick_inst(&c->rng);
    int committee = rng_mille(&c->rng) < inst_types[t].committee * 10;
    char place[64], code[64], name[256];
    next_place(pc, place, sizeof place);
    snprintf(code, sizeof code, "%s-K%04ld", pc->code, ++pc->institutions);
    snprintf(name, sizeof name, "%s %s %s", committee ? "Đảng bộ" : "Chi bộ",
             inst_types[t].name, place);
    int g = add_unit(c, committee ? K_COMMITTEE : K_GCELL, parent, pc->p, code, name,
                     committee ? uw(&c->rng, 3, 6) : uw(&c->rng, 8, 22));
    c->u[g].role = R_INSTITUTION;
    c->u[g].sub = (unsigned char)t;
    if (committee)
        add_numbered_cells(c, g, irange(&c->rng, 3, 9), c->u[g].name + strlen("Đảng bộ "),
                           R_INSTITUTION, t);
}

/* Offices of a province or district ('@' "tỉnh Bến Tre", '^' "Tỉnh ủy Bến
** Tre"): the party boards first, so that a small S keeps the main ones. */
static const char *const prov_agency_names[] = {
    "Văn phòng ^", "Ban Tổ chức ^", "Ban Tuyên giáo ^", "Ủy ban Kiểm tra ^", "Ban Dân vận ^",
    "Văn phòng UBND @", "Sở Nội vụ @", "Sở Tài chính @", "Sở Kế hoạch và Đầu tư @",
    "Sở Giáo dục và Đào tạo @", "Sở Y tế @", "Sở Nông nghiệp và Phát triển nông thôn @",
    "Sở Tư pháp @", "Sở Công Thương @", "Sở Xây dựng @", "Sở Giao thông vận tải @",
    "Sở Tài nguyên và Môi trường @", "Sở Lao động - Thương binh và Xã hội @",
    "Sở Văn hóa, Thể thao và Du lịch @", "Thanh tra @", "Viện Kiểm sát nhân dân @",
    "Tòa án nhân dân @", "Sở Khoa học và Công nghệ @", "Sở Thông tin và Truyền thông @"};
static const char *const dist_agency_names[] = {
    "Văn phòng ^", "Phòng Nội vụ @", "Phòng Tài chính - Kế hoạch @",
    "Phòng Giáo dục và Đào tạo @", "Viện Kiểm sát nhân dân @", "Tòa án nhân dân @",
    "Ban Tổ chức ^", "Ủy ban Kiểm tra ^", "Kho bạc Nhà nước @",
    "Phòng Nông nghiệp và Phát triển nông thôn @"};
static const char *const prov_mass_names[] = {
    "Ủy ban MTTQ Việt Nam @", "Hội Liên hiệp Phụ nữ @", "Hội Nông dân @",
    "Hội Cựu chiến binh @", "Liên đoàn Lao động @", "Đoàn Thanh niên Cộng sản Hồ Chí Minh @"};
static const char *const dist_mass_names[] = {"Ủy ban MTTQ Việt Nam @", "Hội Nông dân @"};
#define LEN(a) ((long)(sizeof(a) / sizeof((a)[0])))

/* An agency or mass organisation (name k of names) and its party
** organisation: a chi bộ cơ sở, or an đảng bộ cơ sở with 3–8 cells. */
static int add_agency(country *c, int parent, int kind, long k, const char *const *names,
                      long nn, const char *level, const char *comm) {
    char code[64], name[200], pname[256];
    int prov = c->u[parent].prov;
    expand(name, sizeof name, names[k % nn], level, comm, 0, 0);
    if (k >= nn) snprintf(name + strlen(name), sizeof name - strlen(name), " (%ld)", k / nn + 1);
    snprintf(code, sizeof code, "%s-%s%02ld", c->u[parent].code, kind == K_AGENCY ? "CQ" : "MT",
             k + 1);
    int a = add_unit(c, kind, parent, prov, code, name,
                     kind == K_AGENCY ? uw(&c->rng, 8, 30) : uw(&c->rng, 4, 12));
    int committee = urand(&c->rng) < 0.3;
    snprintf(code, sizeof code, "%s-D", c->u[a].code);
    snprintf(pname, sizeof pname, "%s %s", committee ? "Đảng bộ" : "Chi bộ", name);
    int g = add_unit(c, committee ? K_COMMITTEE : K_GCELL, a, prov, code, pname,
                     committee ? uw(&c->rng, 3, 6) : uw(&c->rng, 8, 22));
    c->u[g].role = R_OFFICE;
    c->u[a].child = g;
    c->u[a].slot = (unsigned short)k;
    if (committee) add_numbered_cells(c, g, irange(&c->rng, 3, 8), c->u[a].name, R_OFFICE, 0);
    return a;
}

/* How many of each a province gets. */
typedef struct prov_plan {
    long districts, communes, institutions, pagencies, pmass, dagencies, dmass;
} prov_plan;

/* The districts of a province, each with its offices, communes and a share
** of the institutions (three quarters of them are under districts). */
static void build_districts(country *c, prov_ctx *pc, const prov_plan *pl, long inst) {
    long n = pl->districts;
    double *w = xmalloc((size_t)n * sizeof *w);
    long *com = xmalloc((size_t)n * sizeof *com), *ins = xmalloc((size_t)n * sizeof *ins);
    long *ag = xmalloc((size_t)n * sizeof *ag), *ms = xmalloc((size_t)n * sizeof *ms);
    for (long k = 0; k < n; k++) w[k] = uw(&c->rng, 0.5, 1.5);
    split(pl->communes, w, n, com);
    split(inst, w, n, ins);
    split(pl->dagencies, w, n, ag);
    split(pl->dmass, w, n, ms);
    for (long k = 0; k < n; k++) {
        int d = add_district(c, pc, k);
        char level[128], comm[128];
        district_words(c, d, level, comm, sizeof level);
        for (long a = 0; a < ag[k]; a++)
            add_agency(c, d, K_AGENCY, a, dist_agency_names, LEN(dist_agency_names), level, comm);
        for (long a = 0; a < ms[k]; a++)
            add_agency(c, d, K_MASS, a, dist_mass_names, LEN(dist_mass_names), level, comm);
        for (long a = 0; a < com[k]; a++) add_commune(c, pc, d);
        for (long a = 0; a < ins[k]; a++) add_institution(c, pc, d);
    }
    free(w); free(com); free(ins); free(ag); free(ms);
}

static void build_province(country *c, int p, const prov_plan *pl) {
    const prov_def *d = &provs[p];
    prov_ctx pc = {.p = p};
    char name[160];
    snprintf(pc.code, sizeof pc.code, "T%s", d->gso);
    snprintf(pc.level, sizeof pc.level, "%s %s", d->city ? "thành phố" : "tỉnh", d->name);
    snprintf(pc.committee, sizeof pc.committee, "%s %s", d->city ? "Thành ủy" : "Tỉnh ủy", d->name);
    snprintf(name, sizeof name, "Đảng bộ %s", pc.level);
    pc.unit = c->prov_unit[p] = add_unit(c, K_PROVINCE, 0, p, pc.code, name, uw(&c->rng, 30, 70));
    c->u[pc.unit].sub = (unsigned char)d->city;
    c->agencies[p] = xmalloc((size_t)(pl->pagencies + pl->pmass) * sizeof(int));
    for (long k = 0; k < pl->pagencies; k++)
        c->agencies[p][c->nagencies[p]++] = add_agency(c, pc.unit, K_AGENCY, k, prov_agency_names,
                                                       LEN(prov_agency_names), pc.level, pc.committee);
    for (long k = 0; k < pl->pmass; k++)
        c->agencies[p][c->nagencies[p]++] = add_agency(c, pc.unit, K_MASS, k, prov_mass_names,
                                                       LEN(prov_mass_names), pc.level, pc.committee);
    long here = pl->institutions / 4;
    for (long k = 0; k < here; k++) add_institution(c, &pc, pc.unit);
    build_districts(c, &pc, pl, pl->institutions - here);
}

/* The whole tree, parents before children, province by province.  Counts
** go to provinces by population; every province has at least one district. */
static void build_tree(country *c) {
    double S = c->scale, w[NPROV];
    long nd[NPROV], ncom[NPROV], nins[NPROV], npa[NPROV], npm[NPROV], nda[NPROV], ndm[NPROV];
    for (int p = 0; p < NPROV; p++) w[p] = provs[p].pop;
    long districts = lround(N_DISTRICTS * S);
    split((districts > NPROV ? districts : NPROV) - NPROV, w, NPROV, nd);
    split(lround(N_COMMUNES * S), w, NPROV, ncom);
    split(lround(N_INSTITUTIONS * S), w, NPROV, nins);
    split(lround(N_PROV_AGENCIES * S), w, NPROV, npa);
    split(lround(N_PROV_MASS * S), w, NPROV, npm);
    split(lround(N_DIST_AGENCIES * S), w, NPROV, nda);
    split(lround(N_DIST_MASS * S), w, NPROV, ndm);
    add_unit(c, K_CENTRAL, -1, 0, "TW", "Ban Chấp hành Trung ương", 0);
    for (int p = 0; p < NPROV; p++) {
        prov_plan pl = {nd[p] + 1, ncom[p], nins[p], npa[p], npm[p], nda[p], ndm[p]};
        build_province(c, p, &pl);
    }
    for (int p = 0; p < NPROV; p++) {
        c->prov_final[p] = p;
        for (int q = 0; provs[p].into && q < NPROV; q++)
            if (!strcmp(provs[q].gso, provs[p].into)) c->prov_final[p] = q;
    }
}

/* ---- the reorganisation of 1 July 2025 ------------------------------------ */
/* The office of a closed province's agency `a` in province q (same kind,
** same number), or -1. */
static int counterpart(const country *c, int a, int q) {
    for (int k = 0; k < c->nagencies[q]; k++) {
        const gunit *x = &c->u[c->agencies[q][k]];
        if (x->kind == c->u[a].kind && x->slot == c->u[a].slot) return c->agencies[q][k];
    }
    return -1;
}

/* Communes of a district merge in groups of 1–4, about 3 to 1 (10,035
** communes became 3,321): the first of a group takes the others in and
** moves under the province; the others close. */
static void commune_fate(country *c, bench_rng *r, int i, int fp, int *survivor, int *left) {
    gunit *u = &c->u[i];
    if (*left > 0) {
        u->merged_into = *survivor;
        (*left)--;
        return;
    }
    int x = rng_mille(r);
    *left = x < 100 ? 0 : x < 300 ? 1 : x < 700 ? 2 : 3;
    *survivor = i;
    u->moved_to = fp;
}

/* Decide every unit's fate from its parent's (parents come first): closed
** provinces and all districts merge into the province of 1 July; what was
** under a district moves to that province; a closed province's offices
** merge into the same office of its successor; what was under a closed
** grassroots organisation moves to (or, under a chi bộ cơ sở, merges
** into) its successor. */
static void plan_reorg(country *c) {
    bench_rng r = {c->seed ^ 0x20250701ULL};
    int survivor = -1, left = 0, district = -1;
    for (int i = 1; i < (int)c->nu; i++) {
        gunit *u = &c->u[i];
        const gunit *par = &c->u[u->parent];
        int fp = c->prov_unit[c->prov_final[u->prov]];
        if (u->kind == K_PROVINCE) {
            if (fp != i) u->merged_into = fp;
        } else if (u->kind == K_DISTRICT) {
            u->merged_into = fp;
        } else if (par->kind == K_DISTRICT && u->role == R_COMMUNE) {
            if (u->parent != district) { district = u->parent; left = 0; }
            commune_fate(c, &r, i, fp, &survivor, &left);
        } else if (par->kind == K_DISTRICT) {
            u->moved_to = fp;
        } else if (par->kind == K_PROVINCE && par->merged_into >= 0) {
            int cp = u->kind == K_AGENCY || u->kind == K_MASS
                         ? counterpart(c, i, c->prov_final[u->prov]) : -1;
            if (cp >= 0) u->merged_into = cp; else u->moved_to = fp;
        } else if (par->merged_into >= 0) {
            const gunit *s = &c->u[par->merged_into];
            if (par->kind == K_AGENCY || par->kind == K_MASS) {
                if (s->child >= 0) u->merged_into = s->child; else u->moved_to = par->merged_into;
            } else if (s->kind == K_COMMITTEE) {
                u->moved_to = par->merged_into;
            } else {
                u->merged_into = par->merged_into;
            }
        }
    }
}

/* Where unit i's people are after 1 July 2025: i, or its successor. */
static int home(const country *c, int i) {
    for (int hop = 0; hop < 8 && c->u[i].merged_into >= 0; hop++) i = c->u[i].merged_into;
    return i;
}

/* ---- the database ----------------------------------------------------------- */
static void exec(country *c, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(c->h, sql, NULL, NULL, &msg) != SQLITE_OK) die(sql, msg ? msg : "?");
}

/* Text bound without a copy: callers step before the buffer changes. */
static void bt(country *c, int s, int i, const char *v) {
    if (v) sqlite3_bind_text(c->st[s], i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(c->st[s], i);
}
static void bi(country *c, int s, int i, long long v) { sqlite3_bind_int64(c->st[s], i, v); }
static void bnull(country *c, int s, int i) { sqlite3_bind_null(c->st[s], i); }

static void run(country *c, int s) {
    if (sqlite3_step(c->st[s]) != SQLITE_DONE) die(stmts[s].table, sqlite3_errmsg(c->h));
    sqlite3_reset(c->st[s]);
    c->rows[s]++;
}

/* Create the database through the store (schema, migrations), then set it
** up for a bulk fill: no journal, no fsync, a big page cache, and neither
** foreign-key lookups nor CHECK constraints (the rows are valid by
** construction; `lamtheo check` verifies both).  The CHECKs matter: SQLite
** 3.40 builds a temporary table for every `x IN ('a', 'b', 'c')` CHECK on
** every row, which more than doubled the time.  finish_db puts it back. */
static void open_db(country *c) {
    lt_err e = {0};
    if (db_open(c->path, DB_OPEN_CREATE, &c->db, &e)) die(c->path, e.en);
    g_created = 1;
    c->h = db_handle(c->db);
    exec(c, "PRAGMA foreign_keys=OFF");
    exec(c, "PRAGMA journal_mode=OFF");
    exec(c, "PRAGMA synchronous=OFF");
    exec(c, "PRAGMA ignore_check_constraints=ON");
    exec(c, "PRAGMA cache_size=-1048576");
    for (int s = 0; s < S_N; s++)
        if (sqlite3_prepare_v3(c->h, stmts[s].sql, -1, SQLITE_PREPARE_PERSISTENT, &c->st[s], NULL))
            die(stmts[s].table, sqlite3_errmsg(c->h));
}


static FILE *open_csv(const country *c, const char *name, const char *header) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", c->csv_dir, name);
    FILE *f = fopen(path, "w");
    if (!f) die(path, strerror(errno));
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    fputs(header, f);
    return f;
}

static void close_csv(FILE *f, const char *name) {
    if (f && (ferror(f) | fclose(f))) die(name, "write failed");
}

/* ---- units -------------------------------------------------------------------- */
static void parent_row(country *c, long id, long parent, const char *from, const char *to) {
    bi(c, S_PARENT, 1, id);
    bi(c, S_PARENT, 2, parent);
    bt(c, S_PARENT, 3, from);
    bt(c, S_PARENT, 4, to);
    run(c, S_PARENT);
}

/* One unit: its row, its parents over time, its merge; in units.csv the
** units still active, under their parent of today. */
static void insert_unit(country *c, long i, FILE *csv) {
    const gunit *u = &c->u[i];
    int closed = u->merged_into >= 0;
    char *fold = text_fold_dup(u->name);
    if (!fold) die(u->code, "name is not valid UTF-8");
    bi(c, S_UNIT, 1, i + 1);
    bt(c, S_UNIT, 2, u->code);
    bt(c, S_UNIT, 3, u->name);
    bt(c, S_UNIT, 4, fold);
    bt(c, S_UNIT, 5, kind_code[u->kind]);
    bt(c, S_UNIT, 6, closed ? REORG_LAST : NULL);
    run(c, S_UNIT);
    free(fold);
    if (u->parent >= 0)
        parent_row(c, i + 1, u->parent + 1, OPEN_DAY, closed || u->moved_to >= 0 ? REORG_LAST : NULL);
    if (u->moved_to >= 0) parent_row(c, i + 1, u->moved_to + 1, REORG_DAY, NULL);
    if (closed) {
        bi(c, S_MERGE, 1, i + 1);
        bi(c, S_MERGE, 2, u->merged_into + 1);
        bt(c, S_MERGE, 3, REORG_DAY);
        run(c, S_MERGE);
    }
    if (csv && !closed) {
        int now = u->moved_to >= 0 ? u->moved_to : u->parent;
        bench_csv_cell(csv, u->code, 0);
        bench_csv_cell(csv, u->name, 0);
        bench_csv_cell(csv, kind_vi[u->kind], 0);
        bench_csv_cell(csv, now >= 0 ? c->u[now].code : "", 1);
        c->csv_units++;
    }
}

static void insert_units(country *c) {
    FILE *csv = c->csv_dir ? open_csv(c, "units.csv",
                                      "ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\r\n") : NULL;
    db_aside *aside;
    lt_err e = {0};
    exec(c, "BEGIN");
    /* as `lamtheo import units` of a whole tree does (unit_bulk_begin) */
    if (db_set_aside(c->db, "unit", &aside, &e)) die("unit", e.en);
    for (long i = 0; i < c->nu; i++) insert_unit(c, i, csv);
    if (db_restore(c->db, aside, &e)) die("unit", e.en);
    exec(c, "PRAGMA ignore_check_constraints=ON"); /* db_restore turned them back on */
    exec(c, "COMMIT");
    close_csv(csv, "units.csv");
}

/* ---- people ----------------------------------------------------------------- */
/* Split the people over the units by their weights (cells ~24 in villages,
** fewer in offices and institutions; see the add_* functions): at S=1
** about 85% sit in cells and 8% in chi bộ cơ sở. */
static void plan_people(country *c) {
    double *w = xmalloc((size_t)c->nu * sizeof *w);
    long *n = xmalloc((size_t)c->nu * sizeof *n), next = 1;
    for (long i = 0; i < c->nu; i++) w[i] = c->u[i].weight;
    split(c->npeople, w, c->nu, n);
    for (long i = 0; i < c->nu; i++) {
        c->u[i].first_person = next;
        c->u[i].npeople = n[i];
        next += n[i];
    }
    free(w);
    free(n);
}

enum { C_PARTY, C_CADRE, C_CIVIL, C_PUBLIC, C_WORKER, C_OTHER };
static const char *const cat_code[] = {"party_member", "cadre", "civil_servant",
                                       "public_employee", "worker", "other"};
static const char *const cat_vi[] = {"Đảng viên", "Cán bộ", "Công chức", "Viên chức",
                                     "Người lao động", "Khác"};
/* Categories per mille by the unit's role: village cells are party members
** (many retired), offices cadres and civil servants, institutions public
** employees; a few "other" who need not register. */
static const short cat_mix[][6] = {
    [R_PLAIN] = {100, 440, 270, 140, 40, 10},   [R_COMMUNE] = {150, 500, 250, 60, 30, 10},
    [R_VILLAGE] = {900, 30, 20, 25, 15, 10},    [R_OFFICE] = {300, 350, 250, 60, 30, 10},
    [R_INSTITUTION] = {550, 10, 40, 300, 80, 20},
};

/* The leaders of a unit, in order ('@' its level word, '^' its committee):
** the first is its head; all are key cadres (a cell's secretary in 40%). */
static const char *const lead_province[] = {"Bí thư ^", "Phó Bí thư Thường trực ^",
    "Chủ tịch UBND @", "Chủ tịch HĐND @", "Trưởng Ban Tổ chức ^", NULL};
static const char *const lead_district[] = {"Bí thư ^", "Phó Bí thư Thường trực ^",
    "Chủ tịch UBND @", "Trưởng Ban Tổ chức ^", NULL};
static const char *const lead_commune[] = {"Bí thư Đảng ủy", "Phó Bí thư Thường trực Đảng ủy",
    "Chủ tịch UBND @", "Chủ tịch Ủy ban MTTQ Việt Nam @", NULL};
static const char *const lead_committee[] = {"Bí thư Đảng ủy", "Phó Bí thư Đảng ủy", "Giám đốc", NULL};
static const char *const lead_cell[] = {"Bí thư Chi bộ", NULL};
static const char *const lead_village[] = {"Bí thư Chi bộ, Trưởng @", NULL};
static const char *const lead_agency[] = {"Thủ trưởng cơ quan", "Phó Thủ trưởng cơ quan", NULL};
static const char *const lead_mass[] = {"Chủ tịch", "Phó Chủ tịch", NULL};

static const char *const *leaders(const gunit *u, const char **a, const char **b) {
    *a = *b = "";
    switch (u->kind) {
    case K_PROVINCE:
        *a = u->sub ? "thành phố" : "tỉnh";
        *b = u->sub ? "Thành ủy" : "Tỉnh ủy";
        return lead_province;
    case K_DISTRICT: *a = dist_level[u->sub]; *b = dist_comm[u->sub]; return lead_district;
    case K_COMMITTEE:
        if (u->role != R_COMMUNE) return lead_committee;
        *a = commune_level[u->sub];
        return lead_commune;
    case K_GCELL: return lead_cell;
    case K_CELL:
        if (u->role != R_VILLAGE) return lead_cell;
        *a = village_word[u->sub];
        return lead_village;
    case K_AGENCY: return lead_agency;
    case K_MASS: return lead_mass;
    default: return NULL;
    }
}

/* Key posts in offices (the positions of the others are benchlib.h's). */
static const bench_weighted pos_key[] = {
    {"Trưởng phòng", 60}, {"Chánh Văn phòng", 20}, {"Phó Chủ tịch UBND", 20}, {NULL, 0}};

typedef struct gperson {
    long id, unit, home;
    int female, key, head, cat, from, to;  /* from/to: days joined and left, 0 if not */
    char name[128], birth[11], position[160];
} gperson;

static int pick_cat(bench_rng *r, int role) {
    int x = rng_mille(r);
    for (int k = 0; k < 6; k++)
        if ((x -= cat_mix[role][k]) < 0) return k;
    return C_PARTY;
}

/* Position, category and key flag of someone who is not a leader: in
** offices 8% hold a key post. */
static void plain_person(bench_rng *r, const gunit *u, gperson *p) {
    int office = u->kind == K_PROVINCE || u->kind == K_DISTRICT || u->kind == K_AGENCY ||
                 u->kind == K_MASS || u->kind == K_COMMITTEE;
    const char *pos;
    p->cat = pick_cat(r, u->role);
    if (office && rng_mille(r) < 80) {
        p->key = 1;
        pos = rng_pick(r, pos_key);
    } else if (u->role == R_INSTITUTION) {
        int x = rng_mille(r);
        pos = x < 700 ? inst_types[u->sub].staff : x < 800 ? "Tổ trưởng chuyên môn"
            : x < 850 ? "Kế toán" : "Nhân viên";
    } else {
        pos = rng_pick(r, office || u->role == R_OFFICE ? bench_pos_office : bench_pos_cell);
    }
    snprintf(p->position, sizeof p->position, "%s", pos);
}

/* Birth date: leaders 1962–1985; a third of village members retired
** (1940–1962); 3% of the others without one, as in gen.c. */
static void birth_date(bench_rng *r, const gunit *u, int leader, char out[11]) {
    int y;
    out[0] = 0;
    if (!leader && rng_mille(r) < 30) return;
    if (leader) y = (int)irange(r, 1962, 1985);
    else if (u->role == R_VILLAGE && rng_mille(r) < 350) y = (int)irange(r, 1940, 1962);
    else y = (int)irange(r, 1965, 2003);
    snprintf(out, 11, "%04d-%02d-%02d", y, (int)irange(r, 1, 12), (int)irange(r, 1, 28));
}

/* Person k of unit `unit`: leaders first; 5% joined during 2021–2025 and
** 3% left (never a leader). */
static void make_person(country *c, bench_rng *r, long unit, long k, gperson *p) {
    const gunit *u = &c->u[unit];
    const char *a, *b;
    const char *const *lead = leaders(u, &a, &b);
    long nlead = 0;
    while (lead && lead[nlead]) nlead++;
    memset(p, 0, sizeof *p);
    p->id = u->first_person + k;
    p->unit = unit;
    p->home = home(c, (int)unit);
    p->female = rng_mille(r) < 380;
    bench_name(r, p->female, p->name, sizeof p->name);
    if (k < nlead) {
        expand(p->position, sizeof p->position, lead[k], a, b, 0, 0);
        p->key = u->kind != K_CELL || rng_mille(r) < 400;
        p->cat = u->kind == K_CELL || u->kind == K_GCELL ? C_PARTY
               : u->kind == K_AGENCY ? C_CIVIL : u->role == R_INSTITUTION ? C_PUBLIC : C_CADRE;
    } else {
        plain_person(r, u, p);
    }
    p->head = k == 0 && p->home == unit;  /* a closed unit's head heads nothing now */
    birth_date(r, u, k < nlead, p->birth);
    int x = k < nlead ? 1000 : rng_mille(r), first = day_of(Y_FIRST, 1, 1);
    if (x < 50) p->from = first + (int)rng_below(r, as_of() - first);
    else if (x < 80) p->to = first + 31 + (int)rng_below(r, as_of() - first - 31);
}

static void insert_person(country *c, const gperson *p) {
    char code[24], from[11], to[11];
    size_t sort_len;
    char *fold = text_fold_dup(p->name);
    unsigned char *sort = text_name_sort_key(p->name, &sort_len);
    if (!fold || !sort) die(p->name, "cannot fold the name");
    snprintf(code, sizeof code, "DV%07ld", p->id);
    if (p->from) iso(p->from, from);
    if (p->to) iso(p->to, to);
    bi(c, S_PERSON, 1, p->id);
    bt(c, S_PERSON, 2, code);
    bt(c, S_PERSON, 3, p->name);
    bt(c, S_PERSON, 4, fold);
    sqlite3_bind_blob64(c->st[S_PERSON], 5, sort, sort_len, SQLITE_TRANSIENT);
    bt(c, S_PERSON, 6, p->birth[0] ? p->birth : NULL);
    bt(c, S_PERSON, 7, p->female ? "female" : "male");
    bi(c, S_PERSON, 8, p->home + 1);
    bt(c, S_PERSON, 9, p->position);
    bt(c, S_PERSON, 10, cat_code[p->cat]);
    bi(c, S_PERSON, 11, p->key);
    bi(c, S_PERSON, 12, p->head);
    bt(c, S_PERSON, 13, p->from ? from : "1900-01-01");
    bt(c, S_PERSON, 14, p->to ? to : NULL);
    bi(c, S_PERSON, 15, text_name_rank(fold, p->id));
    run(c, S_PERSON);
    /* their membership: in their unit, and from the reorganisation in its
    ** successor when it was merged away */
    char first[11];
    snprintf(first, sizeof first, "%04d-01-01", Y_FIRST);
    int moved = p->home != p->unit && (!p->to || strcmp(to, REORG_DAY) >= 0) &&
                (!p->from || strcmp(from, REORG_DAY) < 0);
    for (int part = 0; part <= moved; part++) {
        bi(c, S_MEMBER, 1, p->id);
        bt(c, S_MEMBER, 2, part ? REORG_DAY : p->from ? from : first);
        bt(c, S_MEMBER, 3, moved && !part ? REORG_LAST : p->to ? to : NULL);
        int after = part || (p->from && strcmp(from, REORG_DAY) >= 0);
        bi(c, S_MEMBER, 4, (after ? p->home : p->unit) + 1);
        bt(c, S_MEMBER, 5, p->position);
        bi(c, S_MEMBER, 6, p->key);
        bi(c, S_MEMBER, 7, p->head);
        run(c, S_MEMBER);
    }
    free(fold);
    free(sort);
}

/* people.csv: gen.c's columns and habits (dd/mm/yyyy, Nam/Nữ, x). */
static void person_csv(country *c, const gperson *p) {
    char code[24], birth[16] = "";
    snprintf(code, sizeof code, "DV%07ld", p->id);
    if (p->birth[0])
        snprintf(birth, sizeof birth, "%.2s/%.2s/%.4s", p->birth + 8, p->birth + 5, p->birth);
    bench_csv_cell(c->people_csv, code, 0);
    bench_csv_cell(c->people_csv, p->name, 0);
    bench_csv_cell(c->people_csv, birth, 0);
    bench_csv_cell(c->people_csv, p->female ? "Nữ" : "Nam", 0);
    bench_csv_cell(c->people_csv, c->u[p->home].code, 0);
    bench_csv_cell(c->people_csv, p->position, 0);
    bench_csv_cell(c->people_csv, cat_vi[p->cat], 0);
    bench_csv_cell(c->people_csv, p->key ? "x" : "", 0);
    bench_csv_cell(c->people_csv, p->head ? "x" : "", 1);
    c->csv_people++;
}

/* ---- registrations ---------------------------------------------------------- */
enum { ST_DRAFT, ST_SUBMITTED, ST_RETURNED, ST_APPROVED, ST_PUBLISHED, ST_SELF, ST_EVALUATED };
static const char *const st_name[] = {"draft", "submitted", "returned", "approved",
                                      "published", "self_assessed", "evaluated"};
enum { G_EXCELLENT, G_GOOD, G_COMPLETED, G_NOT };
static const char *const grade_name[] = {"excellent", "good", "completed", "not_completed"};
enum { SALT_REG = 1, SALT_DEPLOY = 3, SALT_GRADE = 5, SALT_STD = 11, SALT_INSP = 13,
       SALT_AWARD = 17, SALT_BREAK = 19 };

/* The share of a unit's people (or cells) missing in year y: most units
** miss 0–typ, 8% typ–some, 2% some–few; the first year of the term 30%
** more.  Registrations: 0–6%, 6–15%, 15–30% (85–100% in most units). */
static double miss_share(const country *c, long unit, int y, long salt, double typ,
                         double some, double few) {
    double a = h01(c, unit, y, salt), b = h01(c, unit, y, salt + 1);
    double m = a < 0.90 ? typ * b : a < 0.98 ? typ + (some - typ) * b : some + (few - some) * b;
    return y == Y_FIRST ? m * 1.3 : m;
}

/* A unit's year: who registers, how far 2025 got, the grades it gives. */
typedef struct unit_year {
    double miss;            /* share of people who do not register */
    double self;            /* 2025: share self-assessed by 30 November */
    int reviewed;           /* 2025: the unit held its year-end review before 30 November */
    double exc, comp, notc; /* grade shares: excellent 8–16%, completed 8–22%, not ~1% */
    int over_cap;           /* 0.3% of units give "excellent" past Quy định 124's cap */
    long good, excellent;   /* grades given so far */
} unit_year;

static void unit_year_init(const country *c, long i, int y, unit_year *uy) {
    double g[6];
    for (int k = 0; k < 6; k++) g[k] = h01(c, i, y, SALT_GRADE + 100 * k);
    memset(uy, 0, sizeof *uy);
    uy->miss = miss_share(c, i, y, SALT_REG, 0.06, 0.15, 0.30);
    uy->self = 0.20 + 0.35 * g[0];
    uy->reviewed = g[1] < 0.12;
    uy->over_cap = g[2] < 0.003;
    uy->exc = uy->over_cap ? 0.25 + 0.10 * g[3] : 0.08 + 0.08 * g[3];
    uy->comp = 0.08 + 0.14 * g[4];
    uy->notc = 0.005 + 0.015 * g[5];
}

/* Past years are mostly evaluated; in 2025 most units are still at
** approval or self-assessment, and the 12% that held their review early
** look like a past year.  Key cadres' approved registrations are published. */
static int pick_status(bench_rng *r, const unit_year *uy, int y, int leaves, int key) {
    double x = urand(r);
    int s;
    if (y < Y_LAST || uy->reviewed)
        s = x < 0.002 ? ST_DRAFT : x < 0.007 ? ST_SUBMITTED : x < 0.010 ? ST_RETURNED
          : x < 0.016 ? ST_APPROVED : x < 0.026 ? ST_SELF : ST_EVALUATED;
    else
        s = x < 0.010 ? ST_DRAFT : x < 0.035 ? ST_SUBMITTED : x < 0.040 ? ST_RETURNED
          : x < 1 - uy->self ? ST_APPROVED : ST_SELF;
    if (leaves && s > ST_APPROVED) s = ST_APPROVED; /* left during the year: no review */
    if (key && s == ST_APPROVED && (y < Y_LAST || urand(r) < 0.97)) s = ST_PUBLISHED;
    return s;
}

/* A grade; "excellent" only while within 20% of "good" so far (as the
** demo does), except in the units over the cap. */
static int pick_grade(bench_rng *r, unit_year *uy) {
    double x = urand(r);
    if (x < uy->notc) return G_NOT;
    if (x < uy->notc + uy->comp) return G_COMPLETED;
    if (x < uy->notc + uy->comp + uy->exc &&
        (uy->over_cap || (uy->excellent + 1) * 5 <= uy->good)) {
        uy->excellent++;
        return G_EXCELLENT;
    }
    uy->good++;
    return G_GOOD;
}

/* The steps a registration went through, and their days. */
typedef struct chain {
    int n, returned, last, end;
    unsigned char from[8], to[8];
    int day[8];
} chain;

static void step(chain *ch, int from, int to, int day) {
    if (day > ch->end) day = ch->end;
    if (day < ch->last) day = ch->last;
    ch->from[ch->n] = (unsigned char)from;
    ch->to[ch->n] = (unsigned char)to;
    ch->day[ch->n++] = ch->last = day;
}

/* draft -> submitted (-> returned -> submitted: 3%) -> approved ->
** published (key cadres) -> self_assessed (November) -> evaluated. */
static void make_chain(bench_rng *r, int y, int status, int key, int start, chain *ch) {
    memset(ch, 0, sizeof *ch);
    ch->last = start;
    ch->end = y == Y_LAST ? as_of() : day_of(y, 12, 28);
    ch->returned = status == ST_RETURNED || (status >= ST_APPROVED && rng_mille(r) < 30);
    if (status == ST_DRAFT) return;
    step(ch, ST_DRAFT, ST_SUBMITTED, ch->last + (int)irange(r, 0, 6));
    if (ch->returned) {
        step(ch, ST_SUBMITTED, ST_RETURNED, ch->last + (int)irange(r, 2, 8));
        if (status == ST_RETURNED) return;
        step(ch, ST_RETURNED, ST_SUBMITTED, ch->last + (int)irange(r, 1, 5));
    }
    if (status == ST_SUBMITTED) return;
    step(ch, ST_SUBMITTED, ST_APPROVED, ch->last + (int)irange(r, 2, 15));
    if (key && status >= ST_PUBLISHED)
        step(ch, ST_APPROVED, ST_PUBLISHED, ch->last + (int)irange(r, 1, 7));
    if (status <= ST_PUBLISHED) return;
    step(ch, key ? ST_PUBLISHED : ST_APPROVED, ST_SELF,
         day_of(y, 11, y == Y_LAST ? 1 : 15) + (int)irange(r, 0, 20));
    if (status == ST_SELF) return;
    step(ch, ST_SELF, ST_EVALUATED, ch->last + (int)irange(r, 2, 12));
}

static const char *const return_reasons[] = {
    "Nội dung chưa gắn với nhiệm vụ được giao, đề nghị bổ sung việc làm cụ thể",
    "Nội dung còn chung chung, chưa có thời hạn thực hiện",
    "Đề nghị bổ sung nội dung làm theo ở nơi cư trú"};

static void insert_registration(country *c, bench_rng *r, const gperson *p, int y, long id,
                                int status, int grade, const chain *ch, char at[][21]) {
    const char *approved = NULL, *published = NULL, *evaluated = NULL;
    for (int k = 0; k < ch->n; k++) {
        int to = ch->to[k];
        if (!c->transitions && to != ST_APPROVED && to != ST_PUBLISHED && to != ST_EVALUATED)
            continue;
        stamp(r, ch->day[k], at[k]);
        if (to == ST_APPROVED) approved = at[k];
        if (to == ST_PUBLISHED) published = at[k];
        if (to == ST_EVALUATED) evaluated = at[k];
    }
    bi(c, S_REG, 1, id);
    bi(c, S_REG, 2, p->id);
    bi(c, S_REG, 3, y);
    bi(c, S_REG, 4, p->unit + 1);
    bt(c, S_REG, 5, st_name[status]);
    bt(c, S_REG, 6, ch->returned ? return_reasons[id % 3] : NULL);
    bt(c, S_REG, 7, approved ? "gen" : NULL);
    bt(c, S_REG, 8, approved);
    bt(c, S_REG, 9, published);
    bt(c, S_REG, 10, grade >= 0 ? grade_name[grade] : NULL);
    bt(c, S_REG, 11, evaluated ? "gen" : NULL);
    bt(c, S_REG, 12, evaluated);
    bi(c, S_REG, 13, 1 + ch->n);
    run(c, S_REG);
}

static void insert_transitions(country *c, long reg, const chain *ch, char at[][21]) {
    for (int k = 0; k < ch->n; k++) {
        bi(c, S_TRANS, 1, reg);
        bt(c, S_TRANS, 2, st_name[ch->from[k]]);
        bt(c, S_TRANS, 3, st_name[ch->to[k]]);
        bt(c, S_TRANS, 4, "gen");
        bt(c, S_TRANS, 5, at[k]);
        bt(c, S_TRANS, 6, ch->to[k] == ST_RETURNED ? return_reasons[reg % 3] : "");
        run(c, S_TRANS);
    }
}

/* ---- commitments -------------------------------------------------------------- */
/* What people write, by group, as registration forms of party committees
** word it.  '@' is where they live or work ("ấp Phú Hòa", "xã Sơn Định",
** else "nơi cư trú"), '#' a number from lo..hi ('$' on two digits), '~' the
** year.  A stem and a suffix make each text, so texts vary. */
typedef struct tmpl { const char *t; short lo, hi; } tmpl;

static const tmpl t_morality[] = {
    {"Gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước", 0, 0},
    {"Giữ gìn phẩm chất đạo đức, lối sống giản dị, trung thực, khiêm tốn", 0, 0},
    {"Thực hành cần, kiệm, liêm, chính, chí công vô tư trong công tác và sinh hoạt", 0, 0},
    {"Không vi phạm những điều đảng viên không được làm", 0, 0},
    {"Thực hiện nghiêm trách nhiệm nêu gương của cán bộ, đảng viên", 0, 0},
    {"Kiên quyết đấu tranh với biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống", 0, 0},
    {"Đoàn kết, thương yêu, giúp đỡ đồng chí, đồng nghiệp", 0, 0},
    {"Thực hành tiết kiệm, chống lãng phí trong sinh hoạt và công tác", 0, 0},
    {"Không tham ô, tham nhũng, quan liêu, hách dịch, cửa quyền", 0, 0},
    {"Tự phê bình và phê bình nghiêm túc, thẳng thắn trong sinh hoạt chi bộ", 0, 0},
    {"Giáo dục con cháu chấp hành tốt pháp luật, quy ước ở @", 0, 0},
    {"Đọc $ tác phẩm, bài viết của Chủ tịch Hồ Chí Minh và liên hệ bản thân", 2, 6},
};
static const tmpl t_style[] = {
    {"Gần dân, trọng dân, lắng nghe ý kiến của Nhân dân ở @", 0, 0},
    {"Nói đi đôi với làm; trên trước, dưới sau; trong trước, ngoài sau", 0, 0},
    {"Ứng xử văn minh, lịch sự, tôn trọng đồng nghiệp và Nhân dân", 0, 0},
    {"Phát huy dân chủ, tôn trọng ý kiến của tập thể", 0, 0},
    {"Nêu gương trong gia đình, dòng họ và khu dân cư", 0, 0},
    {"Khiêm tốn, giản dị, gần gũi quần chúng", 0, 0},
    {"Thường xuyên nắm bắt tâm tư, nguyện vọng của Nhân dân ở @", 0, 0},
    {"Ăn mặc gọn gàng, lịch sự; giao tiếp chuẩn mực, thân thiện", 0, 0},
    {"Dám nghĩ, dám làm, dám chịu trách nhiệm vì lợi ích chung", 0, 0},
};
static const tmpl t_manner[] = {
    {"Đi làm đúng giờ, không làm việc riêng trong giờ làm việc", 0, 0},
    {"Tham gia đầy đủ sinh hoạt chi bộ, đóng đảng phí đúng quy định", 0, 0},
    {"Tiếp dân đúng lịch; giải quyết kiến nghị của người dân kịp thời, đúng hẹn", 0, 0},
    {"Làm việc khoa học, có kế hoạch tuần, tháng cụ thể", 0, 0},
    {"Đổi mới lề lối làm việc; không để hồ sơ tồn đọng, trễ hạn", 0, 0},
    {"Dự họp đúng giờ, phát biểu ngắn gọn, đúng trọng tâm", 0, 0},
    {"Chấp hành nghiêm nội quy, quy chế làm việc của cơ quan, đơn vị", 0, 0},
    {"Báo cáo đúng hạn, số liệu trung thực, chính xác", 0, 0},
    {"Tham dự đầy đủ # buổi sinh hoạt chuyên đề của chi bộ trong năm", 4, 12},
    {"Giải quyết công việc trong ngày, không để người dân đi lại nhiều lần", 0, 0},
};
static const tmpl t_expertise[] = {
    {"Hoàn thành đúng hạn 100% nhiệm vụ được giao", 0, 0},
    {"Hoàn thành đúng hạn #% nhiệm vụ được giao", 95, 100},
    {"Hoàn thành đúng hạn 100% hồ sơ thủ tục hành chính được giao", 0, 0},
    {"Học tập nâng cao trình độ chuyên môn, tin học, ngoại ngữ; tham gia $ lớp bồi dưỡng", 1, 3},
    {"Ứng dụng công nghệ thông tin, giải quyết #% hồ sơ trên môi trường mạng", 70, 100},
    {"Nghiên cứu, đề xuất $ sáng kiến, giải pháp cải tiến công việc", 1, 3},
    {"Phấn đấu hoàn thành tốt nhiệm vụ chuyên môn năm ~", 0, 0},
    {"Vận động $ hộ dân tham gia bảo hiểm y tế, bảo hiểm xã hội tự nguyện", 2, 20},
    {"Hướng dẫn $ hộ ở @ áp dụng tiến bộ kỹ thuật trong sản xuất", 2, 10},
    {"Tuyên truyền, phổ biến pháp luật cho Nhân dân ở @ # lần trong năm", 2, 6},
    {"Giới thiệu $ quần chúng ưu tú để chi bộ bồi dưỡng, kết nạp vào Đảng", 1, 2},
};
static const tmpl t_other[] = {
    {"Giúp đỡ $ hộ nghèo, hộ cận nghèo ở @ vươn lên", 1, 3},
    {"Vận động gia đình tham gia xây dựng nông thôn mới, đô thị văn minh", 0, 0},
    {"Tham gia hiến # m² đất làm đường giao thông nông thôn", 10, 200},
    {"Đóng góp # ngày công làm đường, nạo vét kênh mương ở @", 2, 15},
    {"Tham gia bảo vệ môi trường, phân loại rác thải tại nguồn", 0, 0},
    {"Trồng # cây xanh trên các tuyến đường ở @", 5, 50},
    {"Ủng hộ Quỹ Vì người nghèo # nghìn đồng", 100, 1000},
    {"Tham gia phong trào Toàn dân bảo vệ an ninh Tổ quốc ở @", 0, 0},
    {"Xây dựng gia đình văn hóa, khu dân cư văn hóa", 0, 0},
    {"Không sử dụng túi ni-lông khó phân hủy; tham gia ngày Chủ nhật xanh", 0, 0},
};
static const char *const s_morality[] = {"", "", "", "; nêu gương trong gia đình và nơi cư trú",
    "; không để người thân lợi dụng danh nghĩa của mình", "; tự giác nhận và sửa khuyết điểm"};
static const char *const s_style[] = {"", "", "", "; gần gũi, chân thành với quần chúng",
    "; việc nói phải đi đôi với việc làm", "; tôn trọng ý kiến khác biệt"};
static const char *const s_manner[] = {"", "", "", "; đúng quy trình, đúng thời hạn",
    "; không để chậm trễ, sai sót", "; báo cáo kịp thời với chi bộ"};
static const char *const s_expertise[] = {"", "", "", " trong năm ~", "; không để xảy ra sai sót",
    "; được đánh giá hoàn thành tốt"};
static const char *const s_other[] = {"", "", "", "; vận động người thân cùng tham gia",
    " trong năm ~", "; phấn đấu đạt gia đình văn hóa"};

enum { IG_MORALITY, IG_STYLE, IG_MANNER, IG_EXPERTISE, IG_OTHER };
static const struct {
    const char *code;
    const tmpl *t;
    long n;
    const char *const *suffix;
    long nsuffix;
} igroups[] = {
    {"morality", t_morality, LEN(t_morality), s_morality, LEN(s_morality)},
    {"style", t_style, LEN(t_style), s_style, LEN(s_style)},
    {"working_manner", t_manner, LEN(t_manner), s_manner, LEN(s_manner)},
    {"expertise", t_expertise, LEN(t_expertise), s_expertise, LEN(s_expertise)},
    {"other", t_other, LEN(t_other), s_other, LEN(s_other)},
};

static void item_text(bench_rng *r, int g, const char *place, int y, char *out, size_t n) {
    const tmpl *t = &igroups[g].t[rng_below(r, igroups[g].n)];
    long num = irange(r, t->lo, t->hi);
    expand(out, n, t->t, place, "", num, y);
    size_t len = strlen(out);
    const char *suffix = igroups[g].suffix[rng_below(r, igroups[g].nsuffix)];
    if (!strchr(t->t, '~')) expand(out + len, n - len, suffix, place, "", num, y);
}

/* Self-assessment of an item: mostly done; worse for "not completed". */
static const char *assessment(bench_rng *r, int grade) {
    int x = rng_mille(r);
    if (grade == G_EXCELLENT) return "done";
    if (grade == G_NOT) return x < 400 ? "done" : x < 800 ? "partly" : "not_done";
    return x < 880 ? "done" : x < 980 ? "partly" : "not_done";
}

/* A person's items (five years of 3–5) go in one multi-row INSERT: one
** statement per row instead of one per item saves a third of their time. */
#define ITEM_MAX (NY * 5)
typedef struct item_batch {
    int n;
    struct {
        long id, reg;
        int pos;
        const char *group, *deadline, *assessment;
        char body[512];
    } row[ITEM_MAX];
    sqlite3_stmt *st[ITEM_MAX + 1];  /* the INSERT of n rows, prepared when first needed */
    char deadline[NY][3][11];
} item_batch;

static void flush_items(country *c) {
    item_batch *b = c->items;
    if (!b->n) return;
    if (!b->st[b->n]) {
        char *sql = sqlite3_mprintf("INSERT INTO registration_item(id, registration_id, position,"
                                    " body, item_group, deadline, assessment) VALUES");
        for (int k = 0; k < b->n; k++)
            sql = sqlite3_mprintf("%z%s(?,?,?,?,?,?,?)", sql, k ? "," : " ");
        if (sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &b->st[b->n], NULL))
            die("registration_item", sqlite3_errmsg(c->h));
        sqlite3_free(sql);
    }
    sqlite3_stmt *st = b->st[b->n];
    for (int k = 0; k < b->n; k++) {
        int i = 7 * k;
        sqlite3_bind_int64(st, i + 1, b->row[k].id);
        sqlite3_bind_int64(st, i + 2, b->row[k].reg);
        sqlite3_bind_int(st, i + 3, b->row[k].pos);
        sqlite3_bind_text(st, i + 4, b->row[k].body, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, i + 5, b->row[k].group, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, i + 6, b->row[k].deadline, -1, SQLITE_STATIC);   /* NULL: null */
        sqlite3_bind_text(st, i + 7, b->row[k].assessment, -1, SQLITE_STATIC);
    }
    if (sqlite3_step(st) != SQLITE_DONE) die("registration_item", sqlite3_errmsg(c->h));
    sqlite3_reset(st);
    c->rows[S_ITEM] += b->n;
    b->n = 0;
}

/* 3–5 items in the order forms have them: morality, style or working
** manner, expertise, the other of the two, other. */
static void add_items(country *c, bench_rng *r, const gperson *p, int y, long reg, int status,
                      int grade, long *item_id) {
    item_batch *b = c->items;
    char place_buf[96];
    const char *place = unit_place(c, p->unit, place_buf, sizeof place_buf, "nơi cư trú");
    int n = 3 + (int)rng_below(r, 3), sw = rng_mille(r) < 500;
    int order[5] = {IG_MORALITY, sw ? IG_STYLE : IG_MANNER, IG_EXPERTISE,
                    sw ? IG_MANNER : IG_STYLE, IG_OTHER};
    for (int k = 0; k < n; k++) {
        int x = rng_mille(r);
        if (b->n == ITEM_MAX) flush_items(c);
        item_text(r, order[k], place, y, b->row[b->n].body, sizeof b->row[0].body);
        b->row[b->n].id = ++*item_id;
        b->row[b->n].reg = reg;
        b->row[b->n].pos = k + 1;
        b->row[b->n].group = igroups[order[k]].code;
        b->row[b->n].deadline = x < 400 ? NULL : b->deadline[y - Y_FIRST][x % 3];
        b->row[b->n].assessment = status >= ST_SELF ? assessment(r, grade) : NULL;
        b->n++;
    }
}

static void init_items(country *c) {
    c->items = calloc(1, sizeof *c->items);
    if (!c->items) die("memory", "out of memory");
    for (int y = Y_FIRST; y <= Y_LAST; y++) {
        snprintf(c->items->deadline[y - Y_FIRST][0], 11, "%04d-06-30", y);
        snprintf(c->items->deadline[y - Y_FIRST][1], 11, "%04d-09-30", y);
        snprintf(c->items->deadline[y - Y_FIRST][2], 11, "%04d-12-31", y);
    }
}

static void free_items(country *c) {
    for (int n = 0; n <= ITEM_MAX; n++) sqlite3_finalize(c->items->st[n]);
    free(c->items);
    c->items = NULL;
}

/* Person p's registration of year y, if they have one: not for "other",
** not for those who left before the deadline (31 March) or joined after
** September; the unit's missing share of the others (never key cadres). */
static void register_year(country *c, bench_rng *r, const gperson *p, int y, unit_year *uy,
                          long *reg_id, long *item_id) {
    if (p->cat == C_OTHER) return;
    if (p->to && p->to < day_of(y, 3, 31)) return;
    if (p->from && p->from > day_of(y, 9, 30)) return;
    if (!p->key && urand(r) < uy->miss) return;
    int leaves = p->to && p->to <= day_of(y, 12, 31);
    int status = pick_status(r, uy, y, leaves, p->key);
    int grade = status == ST_EVALUATED ? pick_grade(r, uy) : -1;
    int start = day_of(y, 1, 10) + (int)irange(r, 0, 75);
    if (p->from && p->from + 3 > start) start = p->from + (int)irange(r, 3, 20);
    chain ch;
    char at[8][21];
    make_chain(r, y, status, p->key, start, &ch);
    insert_registration(c, r, p, y, ++*reg_id, status, grade, &ch, at);
    add_items(c, r, p, y, *reg_id, status, grade, item_id);
    if (c->transitions) insert_transitions(c, *reg_id, &ch, at);
}

static void progress(const country *c, const char *stage, long done, long total) {
    fprintf(stderr, "country: %-13s %10ld / %ld  (%ld registrations, %ld items)  %.1f s\n",
            stage, done, total, c->rows[S_REG], c->rows[S_ITEM], bench_now() - c->t0);
}

/* Everyone, unit by unit, each followed by their five years: person ids,
** registration ids and the (year, unit) indexes all grow in order.  In one
** transaction, with person's indexes and insert triggers set aside (the
** store rebuilds them and what they keep at the end: ~130 µs a person
** saved).  registration's tally trigger stays (~20 µs a registration): the
** store does not recompute registration_tally after a set-aside. */
static void gen_people(country *c) {
    bench_rng r = {c->seed * 0x2545F4914F6CDD1DULL + 1};
    long reg_id = 0, item_id = 0, done = 0, every = c->npeople / 10 > 0 ? c->npeople / 10 : 1;
    if (c->csv_dir)
        c->people_csv = open_csv(c, "people.csv", "ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,"
                                 "chuc_vu,doi_tuong,can_bo_chu_chot,nguoi_dung_dau\r\n");
    lt_err e = {0};
    db_aside *aside, *aside_rows;
    init_items(c);
    exec(c, "BEGIN");
    if (db_set_aside(c->db, "person", &aside, &e)) die("person", e.en);
    if (db_set_aside(c->db, "membership", &aside_rows, &e)) die("membership", e.en);
    for (long i = 0; i < c->nu; i++) {
        unit_year uy[NY];
        for (int y = 0; y < NY; y++) unit_year_init(c, i, Y_FIRST + y, &uy[y]);
        for (long k = 0; k < c->u[i].npeople; k++) {
            gperson p;
            make_person(c, &r, i, k, &p);
            insert_person(c, &p);
            if (c->people_csv) person_csv(c, &p);
            for (int y = Y_FIRST; y <= Y_LAST; y++)
                register_year(c, &r, &p, y, &uy[y - Y_FIRST], &reg_id, &item_id);
            flush_items(c);
            if (++done % every == 0) progress(c, "people", done, c->npeople);
        }
    }
    free_items(c);
    if (db_restore(c->db, aside, &e)) die("person", e.en);
    if (db_restore(c->db, aside_rows, &e)) die("membership", e.en);
    exec(c, "PRAGMA ignore_check_constraints=ON"); /* db_restore turned them back on */
    exec(c, "COMMIT");
    progress(c, "people indexed", done, c->npeople);
    close_csv(c->people_csv, "people.csv");
    c->people_csv = NULL;
}

/* ---- topics, years, deployments ---------------------------------------------- */
/* Province topics of 2022–2025 are made up (title_unconfirmed): each
** province words its own under the Centre's term-wide topic. */
static const char *const focus[] = {
    "ý chí tự lực, tự cường, khát vọng xây dựng @ phát triển nhanh, bền vững",
    "xây dựng đội ngũ cán bộ, đảng viên gương mẫu, tận tụy phục vụ Nhân dân",
    "đổi mới phong cách, tác phong làm việc, nâng cao hiệu quả cải cách hành chính",
    "phát huy dân chủ, tăng cường đoàn kết, kỷ cương, sáng tạo",
    "trách nhiệm nêu gương của người đứng đầu và cán bộ, đảng viên",
    "xây dựng chính quyền số, phục vụ Nhân dân ngày càng tốt hơn",
    "xây dựng nông thôn mới, đô thị văn minh, nâng cao đời sống Nhân dân"};

static void topic_row(country *c, long unit, int y, const char *title, const char *body,
                      const char *doc, int unconfirmed) {
    bi(c, S_TOPIC, 1, unit);
    bi(c, S_TOPIC, 2, y);
    bt(c, S_TOPIC, 3, title);
    bt(c, S_TOPIC, 4, body);
    bt(c, S_TOPIC, 5, doc);
    bi(c, S_TOPIC, 6, unconfirmed);
    run(c, S_TOPIC);
}

static void gen_topics(country *c) {
    char title[512], body[256], doc[200], f[300], level[96];
    exec(c, "BEGIN");
    topic_row(c, 1, Y_FIRST, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về "
              "ý chí tự lực, tự cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc", "",
              "Chỉ thị 05-CT/TW; Kết luận 01-KL/TW", 0);
    for (int p = 0; p < NPROV; p++) {
        const gunit *u = &c->u[c->prov_unit[p]];
        snprintf(level, sizeof level, "%s", u->name + strlen("Đảng bộ "));
        for (int y = Y_FIRST + 1; y <= Y_LAST; y++) {
            expand(f, sizeof f, focus[(p * 3 + y) % LEN(focus)], level, "", 0, y);
            snprintf(title, sizeof title, "Học tập và làm theo tư tưởng, đạo đức, phong cách "
                     "Hồ Chí Minh về %s", f);
            snprintf(body, sizeof body, "Chuyên đề năm %d của Đảng bộ %s (tên chuyên đề là số "
                     "liệu tổng hợp, không phải văn bản thật)", y, level);
            snprintf(doc, sizeof doc, "Kế hoạch của Ban Thường vụ %s %s",
                     provs[p].city ? "Thành ủy" : "Tỉnh ủy", provs[p].name);
            topic_row(c, c->prov_unit[p] + 1, y, title, body, doc, 1);
        }
    }
    for (int y = Y_FIRST; y <= Y_LAST; y++) {
        char d1[11], d2[11], d3[11];
        iso(day_of(y, 3, 31), d1);
        iso(day_of(y, 7, 15), d2);
        iso(day_of(y, 12, 15), d3);
        bi(c, S_YEAR, 1, y);
        bt(c, S_YEAR, 2, d1);
        bt(c, S_YEAR, 3, d2);
        bt(c, S_YEAR, 4, d3);
        run(c, S_YEAR);
    }
    exec(c, "COMMIT");
}

static int is_party_org(int kind) { return kind == K_COMMITTEE || kind == K_GCELL || kind == K_CELL; }

/* People in each unit's subtree (by the parents before 1 July 2025). */
static long *subtree_people(const country *c) {
    long *sub = xmalloc((size_t)c->nu * sizeof *sub);
    for (long i = 0; i < c->nu; i++) sub[i] = c->u[i].npeople;
    for (long i = c->nu - 1; i > 0; i--) sub[c->u[i].parent] += sub[i];
    return sub;
}

/* Every party organisation deploys each year's topic between mid-January
** and April (so in 2025 before the reorganisation), except a share that
** varies by grassroots organisation and year: most miss 0–7% of their
** cells, some 7–20%, a few 20–40%; grassroots organisations rarely miss. */
static void gen_deployments(country *c) {
    bench_rng r = {c->seed ^ 0xDE9107ULL};
    long *sub = subtree_people(c);
    char held[11];
    exec(c, "BEGIN");
    for (long i = 0; i < c->nu; i++) {
        const gunit *u = &c->u[i];
        if (!is_party_org(u->kind)) continue;
        long org = u->kind == K_CELL ? u->parent : i;
        for (int y = Y_FIRST; y <= Y_LAST; y++) {
            double miss = miss_share(c, org, y, SALT_DEPLOY, 0.07, 0.20, 0.40);
            if (urand(&r) < (u->kind == K_CELL ? miss : miss * 0.3)) continue;
            long expected = u->kind == K_COMMITTEE ? sub[i] : u->npeople;
            if (expected < 3) expected = 3;
            iso(day_of(y, 1, 15) + (int)irange(&r, 0, 100), held);
            bi(c, S_DEPLOY, 1, i + 1);
            bi(c, S_DEPLOY, 2, y);
            bt(c, S_DEPLOY, 3, held);
            int x = rng_mille(&r);
            bt(c, S_DEPLOY, 4, x >= (u->kind == K_CELL ? 850 : 800) ? "integrated"
                               : u->kind == K_CELL ? "cell_meeting" : "conference");
            bi(c, S_DEPLOY, 5, expected - irange(&r, 0, expected / 10 + 1));
            bi(c, S_DEPLOY, 6, expected);
            run(c, S_DEPLOY);
        }
    }
    exec(c, "COMMIT");
    free(sub);
}

/* ---- standards ------------------------------------------------------------------- */
/* Mottos are 4 or 5 of these values ("Công minh, chính trực, khách quan,
** thận trọng, khiêm tốn" is the district Procuracy's in the article). */
static const char *const values[][2] = {
    {"Đoàn kết", "đoàn kết"}, {"Kỷ cương", "kỷ cương"}, {"Trách nhiệm", "trách nhiệm"},
    {"Gương mẫu", "gương mẫu"}, {"Gần dân", "gần dân"}, {"Trọng dân", "trọng dân"},
    {"Liêm chính", "liêm chính"}, {"Sáng tạo", "sáng tạo"}, {"Hiệu quả", "hiệu quả"},
    {"Tận tụy", "tận tụy"}, {"Chuyên nghiệp", "chuyên nghiệp"}, {"Minh bạch", "minh bạch"},
    {"Công minh", "công minh"}, {"Chính trực", "chính trực"}, {"Khách quan", "khách quan"},
    {"Thận trọng", "thận trọng"}, {"Khiêm tốn", "khiêm tốn"}, {"Năng động", "năng động"},
    {"Đổi mới", "đổi mới"}, {"Kỷ luật", "kỷ luật"}, {"Nêu gương", "nêu gương"},
    {"Dân chủ", "dân chủ"}, {"Tận tâm", "tận tâm"}, {"Thân thiện", "thân thiện"}};

static void standard_row(country *c, bench_rng *r, long unit, int from, int to) {
    char motto[256] = "", items[256] = "", adopted[11];
    int n = 4 + (int)rng_below(r, 2), used[5];
    for (int k = 0; k < n; k++) {
        int v, dup;
        do {
            v = (int)rng_below(r, LEN(values));
            dup = 0;
            for (int j = 0; j < k; j++) dup |= used[j] == v;
        } while (dup);
        used[k] = v;
        snprintf(motto + strlen(motto), sizeof motto - strlen(motto), "%s%s", k ? ", " : "",
                 values[v][k ? 1 : 0]);
        snprintf(items + strlen(items), sizeof items - strlen(items), "%s%s", k ? "\n" : "",
                 values[v][0]);
    }
    iso(day_of(from, 1, 5) + (int)irange(r, 0, 110), adopted);
    bi(c, S_STD, 1, unit + 1);
    bt(c, S_STD, 2, motto);
    bt(c, S_STD, 3, items);
    bt(c, S_STD, 4, adopted);
    bi(c, S_STD, 5, from);
    if (to) bi(c, S_STD, 6, to); else bnull(c, S_STD, 6);
    run(c, S_STD);
}

/* Agencies (85%), grassroots organisations (80%, 70%) and cells (40%)
** adopted a standard in 2016–2024; 10% renewed it later; a closed unit's
** standard ends in 2025. */
static void gen_standards(country *c) {
    bench_rng r = {c->seed ^ 0x57A9DULL};
    static const int share[] = {[K_COMMITTEE] = 800, [K_GCELL] = 700, [K_CELL] = 400,
                                [K_AGENCY] = 850, [K_MASS] = 0};
    exec(c, "BEGIN");
    for (long i = 0; i < c->nu; i++) {
        const gunit *u = &c->u[i];
        if (u->kind < K_COMMITTEE || u->kind > K_AGENCY ||
            h01(c, i, 0, SALT_STD) * 1000 >= share[u->kind])
            continue;
        int from = 2016 + (int)rng_below(&r, 9), end = u->merged_into >= 0 ? Y_LAST : 0;
        if (from <= 2022 && rng_mille(&r) < 100) {
            int renew = (int)irange(&r, from + 2, Y_LAST);
            standard_row(c, &r, i, from, renew - 1);
            from = renew;
        }
        standard_row(c, &r, i, from, end);
    }
    exec(c, "COMMIT");
}

/* ---- inspections ---------------------------------------------------------------- */
static const char *const insp_content[] = {
    "Việc thực hiện Chỉ thị 05-CT/TW và chuyên đề năm ~",
    "Việc đăng ký, thực hiện nội dung làm theo của cán bộ, đảng viên năm ~",
    "Việc xây dựng và thực hiện chuẩn mực đạo đức công vụ",
    "Trách nhiệm nêu gương của người đứng đầu trong học tập và làm theo Bác",
    "Việc công khai bản đăng ký làm theo của cán bộ chủ chốt"};
static const char *const insp_findings[] = {
    "Triển khai đầy đủ; một số chi bộ chưa gắn nội dung đăng ký với nhiệm vụ được giao",
    "Đa số đảng viên đăng ký cụ thể; còn # bản đăng ký chung chung, khó đánh giá",
    "Việc sơ kết, tổng kết chưa kịp thời; hồ sơ lưu trữ chưa đầy đủ",
    "Thực hiện tốt; có nhiều mô hình hay, cách làm hiệu quả",
    "Chưa công khai đầy đủ bản đăng ký của cán bộ chủ chốt"};
static const char *const insp_conclusion[] = {
    "Đạt yêu cầu; cần khắc phục hạn chế đã nêu", "Thực hiện tốt", "Đạt yêu cầu",
    "Chưa đạt yêu cầu; yêu cầu khắc phục trong thời hạn"};
static const char *const followup_body[] = {
    "Bổ sung nội dung làm theo cụ thể trong bản đăng ký của đảng viên",
    "Hoàn thiện hồ sơ sơ kết, tổng kết chuyên đề năm ~",
    "Công khai bản đăng ký của cán bộ chủ chốt tại trụ sở và trên loa truyền thanh",
    "Báo cáo kết quả khắc phục về cấp ủy cấp trên",
    "Kiểm điểm trách nhiệm tập thể, cá nhân có liên quan"};

/* Unit x's parent, before or after 1 July 2025. */
static long up(const country *c, long x, int after) {
    const gunit *u = &c->u[x];
    return after && u->moved_to >= 0 ? u->moved_to : u->parent;
}

/* Who inspects x: a cell's grassroots organisation, else the nearest
** district or province (after 1 July 2025, the province). */
static long inspector(const country *c, long x, int after) {
    if (c->u[x].kind == K_CELL) return after ? home(c, (int)up(c, x, after)) : up(c, x, after);
    for (long p = up(c, x, after); p >= 0; p = up(c, p, after))
        if (c->u[p].kind == K_DISTRICT || c->u[p].kind == K_PROVINCE)
            return after ? home(c, (int)p) : p;
    return 0;
}

/* 1–3 follow-ups due 1.5–5 months later: 92% of those due by now are done. */
static void followups(country *c, bench_rng *r, long insp, int held, int y) {
    char body[256], due_s[11], done_s[11];
    for (int k = 0, n = 1 + (int)rng_below(r, 3); k < n; k++) {
        int due = held + (int)irange(r, 45, 150), done = 0;
        if (due < as_of()) {
            if (rng_mille(r) < 920) done = due - (int)irange(r, -20, 30);
        } else if (rng_mille(r) < 300) {
            done = held + (int)irange(r, 10, as_of() - held);
        }
        if (done > as_of()) done = as_of();
        if (done && done <= held) done = held + 1;
        expand(body, sizeof body, followup_body[rng_below(r, LEN(followup_body))], "", "", 0, y);
        iso(due, due_s);
        if (done) iso(done, done_s);
        bi(c, S_FOLLOW, 1, insp);
        bt(c, S_FOLLOW, 2, body);
        bt(c, S_FOLLOW, 3, due_s);
        bt(c, S_FOLLOW, 4, done ? done_s : NULL);
        run(c, S_FOLLOW);
    }
}

static void inspection_row(country *c, bench_rng *r, long id, long by, long target, int held,
                           int y) {
    char content[256], findings[256], day[11];
    expand(content, sizeof content, insp_content[rng_below(r, LEN(insp_content))], "", "", 0, y);
    expand(findings, sizeof findings, insp_findings[rng_below(r, LEN(insp_findings))], "", "",
           irange(r, 2, 9), y);
    iso(held, day);
    bi(c, S_INSP, 1, id);
    bi(c, S_INSP, 2, by + 1);
    bi(c, S_INSP, 3, target + 1);
    bt(c, S_INSP, 4, rng_mille(r) < (c->u[target].kind == K_CELL ? 700 : 400) ? "supervision"
                                                                                : "inspection");
    bt(c, S_INSP, 5, day);
    bt(c, S_INSP, 6, content);
    bt(c, S_INSP, 7, findings);
    bt(c, S_INSP, 8, insp_conclusion[rng_below(r, LEN(insp_conclusion))]);
    run(c, S_INSP);
}

/* Each year a district or province inspects 4% of the grassroots
** organisations and 30% of the districts; grassroots committees supervise
** 1% of their cells. */
static void gen_inspections(country *c) {
    bench_rng r = {c->seed ^ 0x1A5BEC7ULL};
    long id = 0;
    exec(c, "BEGIN");
    for (int y = Y_FIRST; y <= Y_LAST; y++)
        for (long i = 1; i < c->nu; i++) {
            int k = c->u[i].kind;
            double p = k == K_COMMITTEE || k == K_GCELL ? 0.04 : k == K_DISTRICT ? 0.30
                     : k == K_CELL ? 0.01 : 0;
            if (h01(c, i, y, SALT_INSP) >= p) continue;
            int held = day_of(y, 3, 1) + (int)irange(&r, 0, 250);
            if (held > as_of()) held = as_of() - (int)irange(&r, 0, 60);
            int after = held >= day_of(2025, 7, 1);
            if (after && k == K_DISTRICT) continue; /* no districts any more */
            long target = after ? home(c, (int)i) : i;
            inspection_row(c, &r, ++id, inspector(c, target, after), target, held, y);
            followups(c, &r, id, held, y);
        }
    exec(c, "COMMIT");
}

/* ---- models, commendations, breakthroughs ------------------------------------- */
static const char *const model_place_titles[] = {
    "Mô hình \"Dân vận khéo\" ở @", "Tuyến đường \"Sáng - Xanh - Sạch - Đẹp\" ở @",
    "Mô hình \"Thắp sáng đường quê\" ở @", "Mô hình \"Tủ sách pháp luật\" ở @",
    "Mô hình \"Camera an ninh\" ở @", "Mô hình thu gom rác thải nhựa ở @",
    "Mô hình \"Ngôi nhà nhân ái\" ở @"};
static const char *const model_titles[] = {
    "Mô hình \"Chi bộ bốn tốt\"", "Mô hình \"Hũ gạo tình thương\"",
    "Mô hình \"Bữa cơm có thịt\" cho học sinh nghèo", "Mô hình \"Một cửa thân thiện\"",
    "Điển hình \"Người tốt, việc tốt\"", "Mô hình \"Dân vận khéo\" trong cải cách hành chính"};
static const char *const model_desc[] = {
    "Huy động Nhân dân đóng góp tiền, ngày công để thực hiện; được Nhân dân đồng tình, hưởng ứng",
    "Cách làm sáng tạo, dễ nhân rộng, mang lại hiệu quả thiết thực",
    "Góp phần giữ gìn an ninh trật tự, cải thiện đời sống Nhân dân",
    "Phát huy vai trò nêu gương của cán bộ, đảng viên"};
static const bench_weighted model_levels[] = {
    {"unit", 5}, {"grassroots", 35}, {"district", 33}, {"province", 22}, {"central", 5}, {NULL, 0}};
static const bench_weighted person_levels[] = {
    {"grassroots", 60}, {"district", 30}, {"province", 10}, {NULL, 0}};
static const bench_weighted forms[] = {
    {"praise", 50}, {"certificate_of_merit", 35}, {"emulation_flag", 5}, {"medal", 2},
    {"other", 8}, {NULL, 0}};

/* Decisions are dated around 19 May (Uncle Hồ's birthday) or in December;
** in 2025 between April and June, before the reorganisation. */
static int decision_day(bench_rng *r, int y) {
    if (y == Y_LAST) return day_of(y, 4, 1) + (int)irange(r, 0, 90);
    return rng_mille(r) < 400 ? day_of(y, 5, 19) + (int)irange(r, 0, 10)
                              : day_of(y, 12, 1) + (int)irange(r, 0, 27);
}

static void commendation_row(country *c, bench_rng *r, int y, long unit, long model,
                             long person, long subj_unit, const char *text, const char *title,
                             const char *level) {
    static const struct { const char *level, *issuer; } issuers[] = {
        {"unit", "QĐ-CB"}, {"grassroots", "QĐ/ĐU"}, {"district", "QĐ/HU"},
        {"province", "QĐ/TU"}, {"central", "QĐ/TW"}};
    char no[32], day[11];
    const char *issuer = "QĐ";
    for (long k = 0; k < LEN(issuers); k++)
        if (!strcmp(issuers[k].level, level)) issuer = issuers[k].issuer;
    snprintf(no, sizeof no, "%ld-%s", irange(r, 10, 999), issuer);
    iso(decision_day(r, y), day);
    bi(c, S_COMM, 1, y);
    bi(c, S_COMM, 2, unit + 1);
    if (model) bi(c, S_COMM, 3, model); else bnull(c, S_COMM, 3);
    if (person) bi(c, S_COMM, 4, person); else bnull(c, S_COMM, 4);
    if (subj_unit >= 0) bi(c, S_COMM, 5, subj_unit + 1); else bnull(c, S_COMM, 5);
    bt(c, S_COMM, 6, text);
    bt(c, S_COMM, 7, title);
    bt(c, S_COMM, 8, level);
    bt(c, S_COMM, 9, person ? (rng_mille(r) < 700 ? "praise" : "certificate_of_merit")
                            : rng_pick(r, forms));
    bt(c, S_COMM, 10, no);
    bt(c, S_COMM, 11, day);
    run(c, S_COMM);
}

/* A model of unit i in year y: the unit itself (45%), the people of a
** place (30%) or a person; 70% are commended. */
static void model_row(country *c, bench_rng *r, long i, int y, long id) {
    const gunit *u = &c->u[i];
    char place_buf[96], title[256], text[320] = "";
    const char *place = unit_place(c, i, place_buf, sizeof place_buf, NULL);
    int x = rng_mille(r);
    long person = 0, subj_unit = -1;
    if (x < 450 || (x >= 750 && !u->npeople)) subj_unit = i;
    else if (x < 750) snprintf(text, sizeof text, "%s %s", place ? "Nhân dân" : "Tập thể",
                               place ? place : u->name);
    else person = u->first_person + rng_below(r, u->npeople);
    if (place)
        expand(title, sizeof title, model_place_titles[rng_below(r, LEN(model_place_titles))],
               place, "", 0, y);
    else
        snprintf(title, sizeof title, "%s", model_titles[rng_below(r, LEN(model_titles))]);
    bi(c, S_MODEL, 1, id);
    bi(c, S_MODEL, 2, y);
    bi(c, S_MODEL, 3, i + 1);
    if (person) bi(c, S_MODEL, 4, person); else bnull(c, S_MODEL, 4);
    if (subj_unit >= 0) bi(c, S_MODEL, 5, subj_unit + 1); else bnull(c, S_MODEL, 5);
    bt(c, S_MODEL, 6, text);
    bt(c, S_MODEL, 7, title);
    bt(c, S_MODEL, 8, model_desc[rng_below(r, LEN(model_desc))]);
    if (!person && rng_mille(r) < 400) bi(c, S_MODEL, 9, irange(r, 20, 3000) * 1000000LL);
    else bnull(c, S_MODEL, 9);
    run(c, S_MODEL);
    if (rng_mille(r) < 700)
        commendation_row(c, r, y, i, id, person, subj_unit, text, title, rng_pick(r, model_levels));
}

/* Models: 3% of grassroots organisations and 0.4% of cells a year; people
** commended as exemplary: 0.15% a year. */
static void gen_awards(country *c) {
    bench_rng r = {c->seed ^ 0xA3A2DULL};
    char title[256];
    long model = 0;
    exec(c, "BEGIN");
    for (int y = Y_FIRST; y <= Y_LAST; y++)
        for (long i = 1; i < c->nu; i++) {
            const gunit *u = &c->u[i];
            double p = u->kind == K_COMMITTEE || u->kind == K_GCELL ? 0.03
                     : u->kind == K_CELL ? 0.004 : 0;
            if (h01(c, i, y, SALT_AWARD) < p) model_row(c, &r, i, y, ++model);
            long n = (long)((double)u->npeople * 0.0015 + urand(&r));
            snprintf(title, sizeof title, "Gương điển hình tiên tiến trong học tập và làm theo tư "
                     "tưởng, đạo đức, phong cách Hồ Chí Minh năm %d", y);
            for (long k = 0; k < n && u->npeople; k++)
                commendation_row(c, &r, y, i, 0, u->first_person + rng_below(&r, u->npeople), -1,
                                 "", title, rng_pick(&r, person_levels));
        }
    exec(c, "COMMIT");
}

static const char *const bt_body[] = {
    "Cải cách hành chính, giải quyết hồ sơ của người dân đúng hạn",
    "Xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "Chuyển đổi số trong hoạt động của cơ quan, đơn vị",
    "Nâng cao chất lượng sinh hoạt chi bộ",
    "Phát triển kinh tế, tăng thu nhập cho người dân",
    "Giữ vững an ninh chính trị, trật tự an toàn xã hội",
    "Thu ngân sách đạt và vượt dự toán",
    "Phát triển đảng viên mới, nhất là trong đoàn viên thanh niên"};
static const tmpl bt_result[] = {
    {"Đạt: hoàn thành #% chỉ tiêu đề ra", 100, 120}, {"Đạt: 100% hồ sơ giải quyết đúng hạn", 0, 0},
    {"Đạt: hoàn thành #% chỉ tiêu đề ra", 90, 100},
    {"Cơ bản đạt; còn một số chỉ tiêu chưa hoàn thành", 0, 0},
    {"Chưa đạt: mới hoàn thành #% chỉ tiêu", 60, 89}};

/* Each province, district and grassroots organisation names 1–2
** breakthroughs a year; results are in for 92% of past years' and 15% of
** 2025's. */
static void gen_breakthroughs(country *c) {
    bench_rng r = {c->seed ^ 0xB7EA4ULL};
    char result[160];
    exec(c, "BEGIN");
    for (int y = Y_FIRST; y <= Y_LAST; y++)
        for (long i = 1; i < c->nu; i++) {
            int k = c->u[i].kind;
            if (k != K_PROVINCE && k != K_DISTRICT && k != K_COMMITTEE && k != K_GCELL) continue;
            for (int b = 0, n = 1 + (h01(c, i, y, SALT_BREAK) < 0.35); b < n; b++) {
                const tmpl *t = &bt_result[rng_below(&r, LEN(bt_result))];
                int has = rng_mille(&r) < (y < Y_LAST ? 920 : 150);
                expand(result, sizeof result, t->t, "", "", irange(&r, t->lo, t->hi), y);
                bi(c, S_BREAK, 1, i + 1);
                bi(c, S_BREAK, 2, y);
                bt(c, S_BREAK, 3, bt_body[(i + y * 3 + b) % LEN(bt_body)]);
                bt(c, S_BREAK, 4, has ? result : NULL);
                run(c, S_BREAK);
            }
        }
    exec(c, "COMMIT");
}

/* ---- the end ---------------------------------------------------------------------- */
/* One audit row for the whole generation, then the database as lamtheo
** keeps it: WAL, synchronous=NORMAL, foreign keys on. */
static void finish_db(country *c) {
    char after[512];
    lt_err e = {0};
    for (int s = 0; s < S_N; s++) sqlite3_finalize(c->st[s]);
    snprintf(after, sizeof after, "{\"generator\":\"bench/country\",\"scale\":%g,\"seed\":%llu,"
             "\"units\":%ld,\"people\":%ld,\"registrations\":%ld,\"years\":[%d,%d]}",
             c->scale, c->seed, c->rows[S_UNIT], c->rows[S_PERSON], c->rows[S_REG], Y_FIRST,
             Y_LAST);
    if (db_audit(c->db, "gen", "generate", "database", 0, NULL, after, &e)) die("audit", e.en);
    exec(c, "PRAGMA ignore_check_constraints=OFF");
    exec(c, "PRAGMA journal_mode=WAL");
    exec(c, "PRAGMA synchronous=NORMAL");
    exec(c, "PRAGMA foreign_keys=ON");
    db_close(c->db);
}

static void summary(const country *c) {
    struct stat sb;
    long closed = 0, moved = 0, kinds[8] = {0};
    for (long i = 0; i < c->nu; i++) {
        kinds[c->u[i].kind]++;
        closed += c->u[i].merged_into >= 0;
        moved += c->u[i].moved_to >= 0;
    }
    printf("country --scale %g --seed %llu -> %s\n", c->scale, c->seed, c->path);
    printf("units by kind:");
    for (int k = 0; k < 8; k++) printf(" %s %ld", kind_code[k], kinds[k]);
    printf("\n1 July 2025: %ld units closed (merged), %ld moved to a new parent\n", closed, moved);
    printf("rows per table:\n");
    for (int s = 0; s < S_N; s++) printf("  %-24s %12ld\n", stmts[s].table, c->rows[s]);
    printf("  %-24s %12d\n", "audit", 1);
    if (c->csv_dir)
        printf("csv: %s/units.csv %ld rows, %s/people.csv %ld rows\n", c->csv_dir, c->csv_units,
               c->csv_dir, c->csv_people);
    if (stat(c->path, &sb) == 0)
        printf("file: %.1f MiB\n", (double)sb.st_size / 1048576.0);
    printf("time: %.1f s\n", bench_now() - c->t0);
}

static void usage(void) {
    fputs("usage: country --scale S -o FILE [--csv DIR] [--seed N] [--transitions]\n"
          "  S=1: ~300,000 units, 5.5 million people, 2021-2025 (S from 0.001 to 10)\n", stderr);
    exit(2);
}

static void parse_args(int argc, char **argv, country *c) {
    memset(c, 0, sizeof *c);
    c->seed = 2021;
    c->scale = -1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--transitions")) { c->transitions = 1; continue; }
        if (i + 1 >= argc) usage();
        const char *a = argv[i], *v = argv[++i];
        if (!strcmp(a, "--scale")) c->scale = atof(v);
        else if (!strcmp(a, "-o")) c->path = v;
        else if (!strcmp(a, "--csv")) c->csv_dir = v;
        else if (!strcmp(a, "--seed")) c->seed = strtoull(v, NULL, 10);
        else usage();
    }
    if (!c->path || c->scale < 0.001 || c->scale > 10) usage();
    c->npeople = lround(N_PEOPLE * c->scale);
}

/* Free what the plan holds (so LeakSanitizer sees nothing left). */
static void free_country(country *c) {
    for (long i = 0; i < c->nu; i++) { free(c->u[i].code); free(c->u[i].name); }
    free(c->u);
    for (int p = 0; p < NPROV; p++) free(c->agencies[p]);
}

static void stage(const country *c, const char *what) {
    fprintf(stderr, "country: %-13s %.1f s\n", what, bench_now() - c->t0);
}

int main(int argc, char **argv) {
    country c;
    struct stat sb;
    parse_args(argc, argv, &c);
    /* as in bench_indicators.c: otherwise glibc shrinks and regrows the heap
    ** around every INSERT through lamtheo's connection */
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    g_path = c.path;
    if (stat(c.path, &sb) == 0) die(c.path, "exists; not overwriting it");
    if (c.csv_dir && mkdir(c.csv_dir, 0777) != 0 && errno != EEXIST) die(c.csv_dir, strerror(errno));
    c.t0 = bench_now();
    c.rng.s = c.seed;
    build_tree(&c);
    plan_reorg(&c);
    plan_people(&c);
    fprintf(stderr, "country: tree of %ld units, %ld people planned  %.1f s\n", c.nu, c.npeople,
            bench_now() - c.t0);
    open_db(&c);
    insert_units(&c);
    stage(&c, "units done");
    gen_topics(&c);
    gen_people(&c);
    stage(&c, "people done");
    gen_deployments(&c);
    stage(&c, "deployments");
    gen_standards(&c);
    gen_inspections(&c);
    gen_awards(&c);
    gen_breakthroughs(&c);
    stage(&c, "records done");
    finish_db(&c);
    summary(&c);
    free_country(&c);
    return 0;
}
