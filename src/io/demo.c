/*
** demo.c — builds the demo database: Chợ Lách district as the article of
** 12/04/2021 describes it (DESIGN §8), from the directive (15/5/2016) to
** the current year, through the same domain functions as every other
** caller.  Deterministic: fixed seeds, one for the article's years
** 2016–2021 and another for what follows, so that the article's figures
** never move when later years change.
**
** Figures it reproduces: in 2020, 84 of the 85 party organisations below
** the District Committee deployed the topic (98,8%), and every evaluated
** cadre and party member completed well or better (100%).  Other years
** and sub-units vary.  People: the district's leaders in the party cell
** of the District Committee's Office, each agency's party members in its
** own cell (the others in the agency), ages that fit positions, and
** commitments written for each one's duties (demo_text.c).  Then the
** years to the current one under Kết luận 01-KL/TW, with the province's
** topics from 2022, and the 2025 reorganisation: the district closes, the
** new Vĩnh Long province takes its communes and agencies, Thị trấn Chợ
** Lách, Long Thới and Hòa Nghĩa merge into the new xã Chợ Lách (their
** leaders transferred there), and the District Committee's Office and
** Mass Mobilisation Board close (their members transferred to the new
** commune's office cell).
*/
#include "io.h"
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_FIRST 2016
#define DEMO_LAST 2021    /* the article's years */
#define DEMO_NOW 2026     /* the current year, under way */
#define DEMO_REORG "2025-07-01"
/* the day the demo's people are members from: Directive 05-CT/TW */
#define DEMO_MEMBERS_SINCE "2016-05-15"

/* A small deterministic generator (xorshift64*) on one of two seeds: the
** article's years draw from the first, all that was added later from the
** second, so that those years keep their figures. */
static unsigned long long demo_seeds[2], *demo_seed = &demo_seeds[0];
static unsigned demo_rand(unsigned n) {
    *demo_seed ^= *demo_seed >> 12;
    *demo_seed ^= *demo_seed << 25;
    *demo_seed ^= *demo_seed >> 27;
    return (unsigned)((*demo_seed * 2685821657736338717ull) >> 33) % n;
}

/* The town and the ten communes; 69 cells with the 5 agency cells and the
** 11 committees make the 85 organisations the District Committee deploys to. */
static const struct { const char *code, *place; int cells; } communes[] = {
    {"DB-TTCL", "Thị trấn Chợ Lách", 7}, {"DB-HN", "xã Hòa Nghĩa", 6},
    {"DB-HKTB", "xã Hưng Khánh Trung B", 6}, {"DB-LT", "xã Long Thới", 7},
    {"DB-PP", "xã Phú Phụng", 6}, {"DB-PS", "xã Phú Sơn", 6},
    {"DB-SD", "xã Sơn Định", 7}, {"DB-TT", "xã Tân Thiềng", 6},
    {"DB-VB", "xã Vĩnh Bình", 6}, {"DB-VH", "xã Vĩnh Hòa", 6},
    {"DB-VT", "xã Vĩnh Thành", 6},
};

/* Agencies named by the article, each with its party cell, motto, head's
** title, and whether it closed with the district (else it moved under the
** province). */
static const struct { const char *code, *name, *kind, *cell, *motto, *head; int closed; } agencies[] = {
    {"CQ-VKS", "Viện Kiểm sát nhân dân huyện Chợ Lách", "agency", "Chi bộ Viện Kiểm sát nhân dân huyện",
     "Công minh, chính trực, khách quan, thận trọng, khiêm tốn", "Viện trưởng", 0},
    {"CQ-VPHU", "Văn phòng Huyện ủy Chợ Lách", "agency", "Chi bộ Văn phòng Huyện ủy",
     "Xây đi đôi với chống, trên trước dưới sau, trong trước ngoài sau, nói đi đôi với làm theo",
     "Chánh Văn phòng Huyện ủy", 1},
    {"CQ-KB", "Kho bạc Nhà nước huyện Chợ Lách", "agency", "Chi bộ Kho bạc huyện",
     "Năng động, đổi mới, gắn lý luận với thực tiễn", "Giám đốc Kho bạc", 0},
    {"CQ-BDV", "Ban Dân vận Huyện ủy Chợ Lách", "agency", "Chi bộ Ban Dân vận Huyện ủy", NULL,
     "Trưởng Ban Dân vận Huyện ủy", 1},
    {"MT-CL", "Ủy ban MTTQ Việt Nam huyện Chợ Lách", "mass_org",
     "Chi bộ Khối Mặt trận - Đoàn thể huyện", NULL, "Chủ tịch Ủy ban MTTQ huyện", 0},
};

/* The Ban Thường vụ Huyện ủy: in the party cell of the District
** Committee's Office, where they work. */
static const struct { const char *position, *workplace; } leaders[] = {
    {"Bí thư Huyện ủy", "Huyện ủy Chợ Lách"},
    {"Phó Bí thư Thường trực Huyện ủy", "Huyện ủy Chợ Lách"},
    {"Phó Bí thư Huyện ủy, Chủ tịch UBND huyện", "UBND huyện Chợ Lách"},
    {"Trưởng Ban Tổ chức Huyện ủy", "Ban Tổ chức Huyện ủy Chợ Lách"},
    {"Chủ nhiệm Ủy ban Kiểm tra Huyện ủy", "Ủy ban Kiểm tra Huyện ủy Chợ Lách"},
    {"Trưởng Ban Tuyên giáo Huyện ủy", "Ban Tuyên giáo Huyện ủy Chợ Lách"},
};

static const char *const family[] = {
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",
    "Lê", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đoàn", "Lương", "Châu", "Mai", "Tô"};
static const char *const middle_m[] = {"Văn", "Văn", "Văn", "Hữu", "Minh", "Thanh", "Quốc",
                                       "Hoàng", "Công", "Đức", "Trung", "Tấn"};
static const char *const middle_f[] = {"Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thu",
                                       "Hồng", "Mỹ", "Bích"};
static const char *const given_m[] = {"An", "Bình", "Cường", "Dũng", "Đạt", "Hùng", "Hải",
    "Khánh", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phúc", "Quang", "Sơn", "Tài", "Thành",
    "Thắng", "Toàn", "Trí", "Tuấn", "Vinh", "Việt", "Hiếu", "Phong", "Định", "Ân"};
static const char *const given_f[] = {"Anh", "Chi", "Diễm", "Giang", "Hà", "Hạnh", "Hằng",
    "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Thảo",
    "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Đào", "Ánh"};

/* Topics: the Centre's yearly topics to 2021 (the last the term-wide one
** under Kết luận 01-KL/TW), then the province's.  Titles not confirmed
** from a source are marked so (DESIGN §8). */
static const struct { int year; const char *title; int unconfirmed; } topics[] = {
    {2016, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về trung thực, trách "
           "nhiệm; gắn bó với Nhân dân; đoàn kết, xây dựng Đảng trong sạch, vững mạnh", 1},
    {2017, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về phòng, chống suy "
           "thoái tư tưởng chính trị, đạo đức, lối sống, \"tự diễn biến\", \"tự chuyển hóa\" trong "
           "nội bộ", 0},
    {2018, "Xây dựng phong cách, tác phong công tác của người đứng đầu, của cán bộ, đảng viên "
           "trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 0},
    {2019, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý thức tôn trọng "
           "Nhân dân, phát huy dân chủ, chăm lo đời sống Nhân dân", 0},
    {2020, "Tăng cường khối đại đoàn kết toàn dân tộc, xây dựng Đảng và hệ thống chính trị "
           "trong sạch, vững mạnh theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 1},
    {2021, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự "
           "cường và khát vọng phát triển đất nước phồn vinh, hạnh phúc", 0},
};
static const struct { const char *issuer; int year; const char *title; } province_topics[] = {
    {"TU-BT", 2022, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, "
                    "tự cường, xây dựng tỉnh Bến Tre phát triển nhanh, bền vững"},
    {"TU-BT", 2023, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng đội "
                    "ngũ cán bộ, đảng viên gương mẫu, trách nhiệm, gần dân"},
    {"TU-BT", 2024, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về chăm lo đời "
                    "sống Nhân dân, phát huy dân chủ ở cơ sở"},
    /* Bến Tre's plan for 2025, deployed in March: its units closed on 30
    ** June report under it; the new province's carried the year on */
    {"TU-BT", 2025, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tinh gọn tổ "
                    "chức bộ máy, hoạt động hiệu lực, hiệu quả, gần dân"},
    {"TU-VL", 2025, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về đoàn kết, "
                    "khát vọng phát triển tỉnh Vĩnh Long trong giai đoạn mới"},
    {"TU-VL", 2026, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng "
                    "chính quyền cơ sở gần dân, sát dân, phục vụ Nhân dân"},
};

typedef struct demo_person {
    char code[16], unit[32], place[96];
    int key;
    demo_role role;
} demo_person;

typedef struct demo {
    lt_ctx *ctx;
    lt_err *e;
    demo_person *people;
    int npeople, cap;
    int serial;
} demo;

static int add_unit(demo *d, const char *code, const char *name, const char *kind,
                    const char *parent) {
    unit_in u = {code, name, kind, parent, "1990-01-01", NULL};
    return unit_save(d->ctx, &u, "1990-01-01", NULL, NULL, d->e);
}

/* Who a new demo person is: unit, position, category, flags, role and
** place (for their commitments), workplace (NULL: one for a cell member),
** whether a party member, and the years they may be born in. */
typedef struct demo_who {
    const char *unit, *position, *category;
    int key, head;
    demo_role role;
    const char *place, *workplace;
    int party, born_from, born_span;
} demo_who;

/* A person with a name from the tables (one draw for each part, one for
** the birth day, one for the month, one for the year: always five). */
static int add_person(demo *d, const demo_who *w) {
    int female = demo_rand(100) < 42;
    char name[160], code[16], birth[24], joined[24] = "", work[160];
    /* one draw a statement, so every compiler draws in the same order (the
    ** given name first, as the demo has always drawn them) */
    const char *given = female ? given_f[demo_rand(LT_ARRAY_LEN(given_f))]
                               : given_m[demo_rand(LT_ARRAY_LEN(given_m))];
    const char *middle = female ? middle_f[demo_rand(LT_ARRAY_LEN(middle_f))]
                                : middle_m[demo_rand(LT_ARRAY_LEN(middle_m))];
    const char *fam = family[demo_rand(LT_ARRAY_LEN(family))];
    snprintf(name, sizeof name, "%s %s %s", fam, middle, given);
    snprintf(code, sizeof code, "CL%05d", ++d->serial);
    unsigned day = 1 + demo_rand(28), month = 1 + demo_rand(12);
    int year = w->born_from + (int)(demo_rand(40) % (unsigned)w->born_span);
    snprintf(birth, sizeof birth, "%02u/%02u/%d", day, month, year);
    if (w->party) { /* admitted in their twenties, before the directive */
        int in = year + 22 + (int)(day % 9);
        snprintf(joined, sizeof joined, "%02u/%02u/%d", month, 1 + day % 12, in < 2015 ? in : 2015);
    }
    if (w->workplace) snprintf(work, sizeof work, "%s", w->workplace);
    else demo_workplace(w->place, d->serial, work, sizeof work);
    person_in p = {code, name, birth, female ? "female" : "male", w->unit, w->position, w->category,
                   w->key, w->head, DEMO_MEMBERS_SINCE, w->party ? joined : NULL, work};
    if (person_save(d->ctx, &p, NULL, NULL, d->e)) return d->e->code;
    if (d->npeople == d->cap) {
        int cap = d->cap ? d->cap * 2 : 256;
        demo_person *more = realloc(d->people, (size_t)cap * sizeof *d->people);
        if (!more) return lt_err_oom(d->e);
        d->people = more;
        d->cap = cap;
    }
    demo_person *dp = &d->people[d->npeople++];
    snprintf(dp->code, sizeof dp->code, "%s", code);
    snprintf(dp->unit, sizeof dp->unit, "%s", w->unit);
    snprintf(dp->place, sizeof dp->place, "%s", w->place);
    dp->key = w->key;
    dp->role = w->role;
    return LT_OK;
}

/* A commune's party committee, its four leaders, and its cells with their
** secretaries and members (all party members). */
static int build_commune(demo *d, unsigned i) {
    char cname[160], party[160], people[160], front[160];
    const char *place = communes[i].place, *code = communes[i].code;
    snprintf(cname, sizeof cname, "Đảng bộ %s", place);
    snprintf(party, sizeof party, "Đảng ủy %s", place);
    snprintf(people, sizeof people, "UBND %s", place);
    snprintf(front, sizeof front, "Ủy ban MTTQ %s", place);
    int rc = add_unit(d, code, cname, "grassroots_committee", "HU-CL");
    demo_who w[] = {{code, "Bí thư Đảng ủy", "cadre", 1, 1, ROLE_COMMUNE_SECRETARY, place, party, 1, 1964, 12},
                    {code, "Phó Bí thư Thường trực Đảng ủy", "cadre", 1, 0, ROLE_COMMUNE_DEPUTY, place, party, 1, 1966, 14},
                    {code, "Chủ tịch UBND xã", "cadre", 1, 0, ROLE_COMMUNE_CHAIR, place, people, 1, 1966, 14},
                    {code, "Chủ tịch Ủy ban MTTQ xã", "cadre", 1, 0, ROLE_FRONT_CHAIR, place, front, 1, 1962, 16}};
    for (unsigned k = 0; rc == LT_OK && k < LT_ARRAY_LEN(w); k++) rc = add_person(d, &w[k]);
    for (int c = 1; rc == LT_OK && c <= communes[i].cells; c++) {
        char cell[32], name[160], hamlet[128];
        snprintf(cell, sizeof cell, "%s-%02d", code, c);
        snprintf(name, sizeof name, "Chi bộ ấp %d, %s", c, place);
        snprintf(hamlet, sizeof hamlet, "ấp %d, %s", c, place);
        rc = add_unit(d, cell, name, "cell", code);
        demo_who sec = {cell, "Bí thư Chi bộ", "party_member", 0, 1, ROLE_CELL_SECRETARY, hamlet, NULL, 1, 1956, 28};
        if (rc == LT_OK) rc = add_person(d, &sec);
        demo_who m = {cell, "Đảng viên", "party_member", 0, 0, ROLE_CELL_MEMBER, hamlet, NULL, 1, 1952, 40};
        for (int k = 0, n = 4 + (int)demo_rand(5); rc == LT_OK && k < n; k++) rc = add_person(d, &m);
    }
    return rc;
}

/* An agency and its party cell: its head and three others, party members,
** attend the cell; a specialist and a worker who are not are counted in
** the agency. */
static int build_agency(demo *d, unsigned i) {
    char cell[32], head[160];
    const char *name = agencies[i].name;
    snprintf(cell, sizeof cell, "%s-CB", agencies[i].code);
    snprintf(head, sizeof head, "%s, Bí thư Chi bộ", agencies[i].head);
    int rc = add_unit(d, agencies[i].code, name, agencies[i].kind, "HU-CL");
    rc = rc ? rc : add_unit(d, cell, agencies[i].cell, "grassroots_cell", agencies[i].code);
    demo_who h = {cell, head, "civil_servant", 1, 1, ROLE_AGENCY_HEAD, name, name, 1, 1965, 11};
    if (rc == LT_OK) rc = add_person(d, &h);
    for (int k = 0; rc == LT_OK && k < 5; k++) {
        demo_who w = {k < 3 ? cell : agencies[i].code, k == 4 ? "Nhân viên hợp đồng" : "Chuyên viên",
                      k == 4 ? "worker" : k % 2 ? "public_employee" : "civil_servant", 0, 0,
                      k == 4 ? ROLE_WORKER : ROLE_SPECIALIST, name, name, k < 3, k == 4 ? 1984 : 1970, 22};
        rc = add_person(d, &w);
    }
    return rc;
}

/* The tree: district, communes and their cells, agencies and their cells. */
static int build_units(demo *d) {
    int rc = add_unit(d, "TU-BT", "Đảng bộ tỉnh Bến Tre", "province", "TW");
    rc = rc ? rc : add_unit(d, "HU-CL", "Huyện ủy Chợ Lách", "district", "TU-BT");
    /* the district committee's secretary, who signs its reports, is a
    ** member of none of the demo's units: recorded as its signer */
    static const unit_letterhead district = {"HU", "", "Lê Minh Hòa"};
    rc = rc ? rc : unit_letterhead_save(d->ctx, "HU-CL", &district, d->e);
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i++) rc = build_commune(d, i);
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++) rc = build_agency(d, i);
    return rc;
}

/* The three communes merged into xã Chợ Lách on 1 July 2025. */
static int merged_2025(const char *code) {
    return !strcmp(code, "DB-TTCL") || !strcmp(code, "DB-LT") || !strcmp(code, "DB-HN");
}

/* Deployments of one year: every party organisation of the year's tree but
** `missing` of them (the last cells of the last communes); in 2016 after
** the directive (15 May), else in March.  From the second half of 2025 the
** three merged communes are xã Chợ Lách, and the closed agencies are gone. */
static int deploy_year(demo *d, int year, int missing) {
    int rc = LT_OK, skipped = 0, month = year == DEMO_FIRST ? 6 : 3;
    for (int i = (int)LT_ARRAY_LEN(communes) - 1; rc == LT_OK && i >= 0; i--) {
        deployment_in dep = {communes[i].code, year, NULL, "conference", NULL, 0, 0};
        char day[16], code[32];
        snprintf(day, sizeof day, "%04d-%02d-%02u", year, month, 5 + demo_rand(20));
        dep.held_on = day;
        dep.expected = 30 + (long)demo_rand(20);
        dep.present = dep.expected - (long)demo_rand(4);
        if (!(year > 2025 && merged_2025(communes[i].code))) rc = deployment_save(d->ctx, &dep, NULL, d->e);
        for (int c = communes[i].cells; rc == LT_OK && c >= 1; c--) {
            if (skipped < missing && c == communes[i].cells) { skipped++; continue; }
            snprintf(code, sizeof code, "%s-%02d", communes[i].code, c);
            deployment_in cd = {code, year, day, "cell_meeting", "", 0, 0};
            cd.expected = 6 + (long)demo_rand(8);
            cd.present = cd.expected - (long)demo_rand(2);
            rc = deployment_save(d->ctx, &cd, NULL, d->e);
        }
    }
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++) {
        char code[32], day[16];
        snprintf(code, sizeof code, "%s-CB", agencies[i].code);
        snprintf(day, sizeof day, "%04d-%02d-%02u", year, year == DEMO_FIRST ? 6 : 2, 10 + demo_rand(15));
        deployment_in cd = {code, year, day, "cell_meeting", "", 7, 7};
        if (!(year > 2025 && agencies[i].closed)) rc = deployment_save(d->ctx, &cd, NULL, d->e);
    }
    if (rc == LT_OK && year >= 2025) { /* the new commune and its office cell */
        deployment_in x = {"DB-XCL", year, year == 2025 ? "2025-08-12" : "2026-03-10", "conference", "", 52, 58};
        deployment_in cq = {"DB-XCL-CQ", year, year == 2025 ? "2025-08-20" : "2026-03-12", "cell_meeting", "", 11, 12};
        rc = deployment_save(d->ctx, &x, NULL, d->e);
        rc = rc ? rc : deployment_save(d->ctx, &cq, NULL, d->e);
    }
    return rc;
}

/* Per-unit grade counts of the year, to keep "excellent" within 20% of
** "good" (Quy định 124-QĐ/TW) except where a year means to show the warning. */
typedef struct grade_tally { char unit[32]; int good, excellent; } grade_tally;

static const char *pick_grade(grade_tally *t, int year, unsigned roll) {
    int cap_ok = (t->excellent + 1) * 5 <= t->good;
    if (year == 2018 && strcmp(t->unit, "DB-PS-03") == 0 && t->excellent < 2) {
        t->excellent++; /* the one unit that shows the Quy định 124 warning */
        return "excellent";
    }
    if (year != 2020 && roll < 3) return "completed";
    if (year == 2016 && roll < 4) return "not_completed";
    if (cap_ok && roll > 85) { t->excellent++; return "excellent"; }
    t->good++;
    return "good";
}

/* The year-end of an approved registration with n items: each item
** self-assessed, then evaluated in December. */
static int evaluate_one(demo *d, long long reg, int year, int n, grade_tally *t) {
    lt_ctx *ctx = d->ctx;
    int rc = LT_OK;
    for (int i = 1; rc == LT_OK && i <= n; i++)
        rc = reg_assess_item(ctx, reg, i, demo_rand(10) ? "done" : "partly", "", d->e);
    snprintf(ctx->now, sizeof ctx->now, "%04d-12-%02uT08:00:00Z", year, 1 + demo_rand(20));
    if (rc == LT_OK) rc = reg_self_assess(ctx, reg, d->e);
    if (rc == LT_OK) rc = reg_evaluate(ctx, reg, pick_grade(t, year, demo_rand(100)), d->e);
    return rc;
}

/* One person's registration of one year, taken as far as `stage` goes:
** 0 draft, 1 submitted, 2 returned, 3 approved (published for key cadres),
** 4 evaluated.  Key cadres write theirs first (trên trước, dưới sau): in
** January and February, the others in March and April (2016: from June,
** after the directive); each writes for their own duties. */
static int register_one(demo *d, const demo_person *p, int year, int stage, grade_tally *t) {
    long long reg;
    lt_ctx *ctx = d->ctx;
    lt_err *e = d->e;
    unsigned month = (year == DEMO_FIRST ? 6 : p->key ? 1 : 3) + demo_rand(2);
    snprintf(ctx->now, sizeof ctx->now, "%04d-%02u-%02uT08:00:00Z", year, month, 1 + demo_rand(28));
    if (reg_create(ctx, p->code, year, &reg, e)) return e->code;
    int n = 3 + (int)demo_rand(2), rc = LT_OK;
    unsigned pick = demo_rand(1000);
    for (int i = 0; rc == LT_OK && i < n; i++) {
        char deadline[16], text[512];
        const char *group = demo_commitment(p->role, p->place, year, i, pick, text, sizeof text);
        snprintf(deadline, sizeof deadline, "%d-%02d-30", year, 6 + 3 * (i % 2));
        rc = reg_add_item(ctx, reg, text, group, deadline, e);
    }
    if (rc || stage == 0) return rc;
    if ((rc = reg_submit(ctx, reg, e)) || stage == 1) return rc;
    if (stage == 2) return reg_return(ctx, reg, "Nội dung chưa gắn với nhiệm vụ được giao, đề "
                                      "nghị bổ sung việc làm cụ thể", e);
    if ((rc = reg_approve(ctx, reg, e))) return rc;
    if (p->key && (rc = reg_publish(ctx, reg, e))) return rc;
    if (stage == 3) return rc;
    return evaluate_one(d, reg, year, n, t);
}

/* The registrations of one year by the people from index `from` on, a
** few missing.  A year `under_way` (the article's April 2021; the current
** year before its review) stops each one at some stage, others go to
** evaluation. */
static int register_year(demo *d, int year, int from, int under_way) {
    static const int missing_per_mille[] = {30, 20, 12, 8, 4, 10, 9, 7, 6, 5, 8};
    int missing = year - DEMO_FIRST < (int)LT_ARRAY_LEN(missing_per_mille)
                      ? missing_per_mille[year - DEMO_FIRST] : 8;
    grade_tally *tally = calloc((size_t)(d->npeople ? d->npeople : 1), sizeof *tally);
    if (!tally) return lt_err_oom(d->e);
    int ntally = 0, rc = LT_OK;
    for (int i = from; rc == LT_OK && i < d->npeople; i++) {
        const demo_person *p = &d->people[i];
        if (!*p->unit) continue; /* left */
        if (!p->key && (int)demo_rand(1000) < missing) continue;
        grade_tally *t = NULL;
        for (int k = ntally - 1; k >= 0 && !t; k--)
            if (strcmp(tally[k].unit, p->unit) == 0) t = &tally[k];
        if (!t) { t = &tally[ntally++]; snprintf(t->unit, sizeof t->unit, "%s", p->unit); }
        int stage = 4;
        if (under_way) {
            unsigned roll = demo_rand(100);
            stage = p->key || roll >= 30 ? 3 : roll >= 10 ? 1 : roll >= 5 ? 2 : 0;
        }
        rc = register_one(d, p, year, stage, t);
    }
    free(tally);
    return rc;
}

/* Standards: the three mottos of the article, and some communes'. */
static int build_standards(demo *d) {
    int rc = standard_save(d->ctx, "CQ-VKS", agencies[0].motto, "Công minh\nChính trực\n"
                           "Khách quan\nThận trọng\nKhiêm tốn", "2017-02-15", 2017, 0, d->e);
    rc = rc ? rc : standard_save(d->ctx, "CQ-VPHU-CB", agencies[1].motto, "", "2016-06-20", 2016, 0, d->e);
    rc = rc ? rc : standard_save(d->ctx, "CQ-KB-CB", agencies[2].motto, "", "2018-03-01", 2018, 0, d->e);
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i += 2) {
        char motto[200];
        snprintf(motto, sizeof motto, "Đoàn kết, gương mẫu, gần dân, trách nhiệm — %s",
                 communes[i].place);
        int from = 2017 + (int)(i / 2) % 4;
        rc = standard_save(d->ctx, communes[i].code, motto, "", "2017-05-19", from, 0, d->e);
    }
    return rc;
}

/* The district's inspections and supervisions of years from..to, with
** follow-ups (those of `open_year` but the first left open: one overdue). */
static int build_inspections(demo *d, int from, int to, int open_year) {
    int rc = LT_OK;
    for (int year = from; rc == LT_OK && year <= to; year++) {
        for (int k = 0; rc == LT_OK && k < 3; k++) {
            long long insp, fu;
            char day[16], due[16];
            const char *target = communes[(unsigned)(year * 3 + k) % LT_ARRAY_LEN(communes)].code;
            snprintf(day, sizeof day, "%d-%02d-15", year, 4 + 3 * k);
            snprintf(due, sizeof due, "%d-%02d-28", year + (k == 2), (7 + 3 * k) % 12 + 1);
            rc = inspection_add(d->ctx, "HU-CL", target, k == 1 ? "supervision" : "inspection",
                                day, "Việc thực hiện Chỉ thị 05-CT/TW và chuyên đề năm",
                                "Triển khai đầy đủ; một số chi bộ chưa gắn đăng ký với nhiệm vụ",
                                "Đạt yêu cầu; cần khắc phục hạn chế", &insp, d->e);
            rc = rc ? rc : followup_add(d->ctx, insp, "Bổ sung nội dung làm theo cụ thể trong "
                                        "bản đăng ký của đảng viên", due, &fu, d->e);
            if (rc == LT_OK && !(year == open_year && k > 0)) {
                char done[16];
                snprintf(done, sizeof done, "%d-%02d-10", year + (k == 2), (7 + 3 * k) % 12 + 1);
                rc = followup_done(d->ctx, fu, done, d->e);
            }
        }
    }
    return rc;
}

/* Models and commendations: the LED lights of road 41 in Tân Thiềng first. */
static int build_awards(demo *d) {
    long long model, com;
    award_in led = {2020, "DB-TT", NULL, NULL, "Nhân dân xã Tân Thiềng",
                    "Lắp đèn LED chiếu sáng tuyến huyện lộ 41 qua xã Tân Thiềng",
                    "Tuyến đường huyện lộ 41 qua xã Tân Thiềng được lắp đèn LED dựa vào nguồn "
                    "lực do Nhân dân đóng góp (số tiền đóng góp là số liệu minh họa)",
                    180000000, "district", "certificate_of_merit", "Minh họa-QĐ/HU", "2020-09-02"};
    int rc = model_add(d->ctx, &led, &model, d->e);
    rc = rc ? rc : commendation_add(d->ctx, &led, model, &com, d->e);
    for (int year = DEMO_FIRST; rc == LT_OK && year < DEMO_LAST; year++) {
        const char *unit = communes[(unsigned)year % LT_ARRAY_LEN(communes)].code;
        award_in a = {year, unit, d->people[(unsigned)year * 7 % (unsigned)d->npeople].code, NULL,
                      NULL, "Điển hình tiên tiến trong học tập và làm theo Bác",
                      "Gương mẫu, tận tụy phục vụ Nhân dân", -1,
                      year % 2 ? "district" : "grassroots", "praise", "", NULL};
        rc = model_add(d->ctx, &a, &model, d->e);
        rc = rc ? rc : commendation_add(d->ctx, &a, model, &com, d->e);
    }
    return rc;
}

/* Breakthroughs of each committee (results recorded for past years) and
** the Fatherland Front's mass deployments. */
static int build_year_extras(demo *d, int year) {
    int rc = LT_OK;
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i += 3) {
        const char *unit = year > 2025 && merged_2025(communes[i].code) ? "DB-XCL" : communes[i].code;
        rc = breakthrough_save(d->ctx, unit, year, "Cải cách hành chính, giải quyết hồ sơ của người"
                               " dân đúng hạn", year != DEMO_LAST && year != DEMO_NOW ?
                               "Đạt: 100% hồ sơ giải quyết đúng hạn" : NULL, d->e);
    }
    char day[16];
    snprintf(day, sizeof day, "%d-03-20", year);
    /* one draw a statement, in the order the demo has always drawn them */
    long people = 21000 + (long)demo_rand(3000), members = 9800 + (long)demo_rand(900);
    long unionists = 4200 + (long)demo_rand(600);
    if (rc == LT_OK) rc = mass_deployment_save(d->ctx, "MT-CL", year, day, unionists, members, people, d->e);
    return rc;
}

/* The people of what closed on 30 June 2025: the merged communes' leaders
** lead xã Chợ Lách; the closed agencies' party members and the district's
** leaders go to its office cell; their other employees leave. */
static int reorganise_people(demo *d) {
    static const char *const xcl[] = {"Bí thư Đảng ủy xã Chợ Lách", "Phó Bí thư Thường trực Đảng ủy",
                                      "Chủ tịch UBND xã Chợ Lách", "Chủ tịch Ủy ban MTTQ xã Chợ Lách"};
    int rc = LT_OK, leader = 0;
    for (int i = 0; rc == LT_OK && i < d->npeople; i++) {
        demo_person *p = &d->people[i];
        int closed = 0, in_cell = 0;
        const char *to = NULL, *position = NULL;
        for (unsigned k = 0; k < LT_ARRAY_LEN(agencies); k++) {
            size_t n = strlen(agencies[k].code);
            if (agencies[k].closed && !strncmp(p->unit, agencies[k].code, n) &&
                (!p->unit[n] || !strcmp(p->unit + n, "-CB")))
                closed = 1, in_cell = p->unit[n] != 0;
        }
        if (merged_2025(p->unit)) {
            to = "DB-XCL";
            position = leader < 4 ? xcl[leader] : "Ủy viên Ban Thường vụ Đảng ủy xã";
            leader++;
        } else if (in_cell || p->role == ROLE_DISTRICT_LEADER) {
            to = "DB-XCL-CQ";
            position = p->role == ROLE_DISTRICT_LEADER ? "Ủy viên Ban Chấp hành Đảng bộ tỉnh, công tác tại xã"
                                                       : "Chuyên viên Văn phòng Đảng ủy xã";
        } else if (!closed) {
            continue;
        }
        if (to) {
            rc = person_move(d->ctx, p->code, to, position, DEMO_REORG, d->e);
            snprintf(p->unit, sizeof p->unit, "%s", to);
            snprintf(p->place, sizeof p->place, "xã Chợ Lách");
        } else {
            rc = person_move(d->ctx, p->code, NULL, NULL, "2025-06-30", d->e);
            p->unit[0] = 0; /* gone: no more registrations */
        }
    }
    return rc;
}

/* 1 July 2025: no more districts; Bến Tre joins the new Vĩnh Long province;
** Thị trấn Chợ Lách, Long Thới and Hòa Nghĩa merge into the new xã Chợ Lách. */
static int build_reorganisation(demo *d) {
    unit_in vl = {"TU-VL", "Đảng bộ tỉnh Vĩnh Long", "province", "TW", DEMO_REORG, NULL};
    unit_in cl = {"DB-XCL", "Đảng bộ xã Chợ Lách", "grassroots_committee", "TU-VL", DEMO_REORG, NULL};
    int rc = unit_save(d->ctx, &vl, DEMO_REORG, NULL, NULL, d->e);
    rc = rc ? rc : unit_save(d->ctx, &cl, DEMO_REORG, NULL, NULL, d->e);
    const char *succ[] = {"DB-XCL"};
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i++) {
        int is_merged = merged_2025(communes[i].code);
        const char *new_parent = is_merged ? "DB-XCL" : "TU-VL";
        for (int c = 1; rc == LT_OK && is_merged && c <= communes[i].cells; c++) {
            char code[32];
            snprintf(code, sizeof code, "%s-%02d", communes[i].code, c);
            rc = unit_move(d->ctx, code, new_parent, DEMO_REORG, d->e);
        }
        if (rc == LT_OK && is_merged) rc = unit_merge(d->ctx, communes[i].code, succ, 1, DEMO_REORG, d->e);
        else if (rc == LT_OK) rc = unit_move(d->ctx, communes[i].code, "TU-VL", DEMO_REORG, d->e);
    }
    unit_in office = {"DB-XCL-CQ", "Chi bộ cơ quan Đảng ủy xã Chợ Lách", "cell", "DB-XCL", DEMO_REORG, NULL};
    rc = rc ? rc : unit_save(d->ctx, &office, DEMO_REORG, NULL, NULL, d->e);
    const char *vl_succ[] = {"TU-VL"}, *office_succ[] = {"DB-XCL-CQ"};
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++) {
        char cell[32];
        snprintf(cell, sizeof cell, "%s-CB", agencies[i].code);
        if (!agencies[i].closed) {
            rc = unit_move(d->ctx, agencies[i].code, "TU-VL", DEMO_REORG, d->e);
            continue;
        }
        rc = unit_merge(d->ctx, cell, office_succ, 1, DEMO_REORG, d->e);
        rc = rc ? rc : unit_merge(d->ctx, agencies[i].code, vl_succ, 1, DEMO_REORG, d->e);
    }
    rc = rc ? rc : unit_merge(d->ctx, "HU-CL", vl_succ, 1, DEMO_REORG, d->e);
    rc = rc ? rc : unit_merge(d->ctx, "TU-BT", vl_succ, 1, DEMO_REORG, d->e);
    return rc ? rc : reorganise_people(d);
}

/* The demo accounts, one per role in different units (printed by init). */
const demo_account demo_accounts[] = {
    {"quantri", "quantri-demo-2020", "admin", "", "Văn phòng Huyện ủy (toàn huyện)"},
    {"bithu.tantieng", "tantieng-demo-2020", "officer", "DB-TT", "Đảng ủy xã Tân Thiềng"},
    {"dangvien.tantieng", "dangvien-demo-2020", "member", "DB-TT-01", "một đảng viên, Chi bộ ấp 1, Tân Thiềng"},
    {"xem.sondinh", "sondinh-demo-2020", "viewer", "DB-SD", "Đảng ủy xã Sơn Định (chỉ xem)"},
};
const int demo_account_count = (int)LT_ARRAY_LEN(demo_accounts);

/* Create the demo accounts; the member is the first person of their cell. */
static int build_accounts(demo *d) {
    int rc = LT_OK;
    for (int i = 0; rc == LT_OK && i < demo_account_count; i++) {
        const demo_account *a = &demo_accounts[i];
        lt_role role;
        role_parse(a->role, &role);
        const char *person = NULL;
        for (int k = 0; role == ROLE_MEMBER && k < d->npeople && !person; k++)
            if (strcmp(d->people[k].unit, a->unit) == 0) person = d->people[k].code;
        rc = account_add(d->ctx, a->login, a->password, role, role == ROLE_MEMBER ? NULL : a->unit,
                         person, d->e);
    }
    return rc;
}

/* One party organisation's collective registration of year: three items
** (the topic, its breakthrough, the members' example), submitted in March,
** approved and published by the level above; then taken as far as `stage`
** goes: 0 draft, 1 submitted, 2 returned, 3 approved and published, 4
** self-assessed and evaluated in December. */
static int collective_one(demo *d, const char *unit, int commune, int year, int stage) {
    lt_ctx *ctx = d->ctx;
    lt_err *e = d->e;
    long long id;
    char topic[200], deadline[16];
    snprintf(ctx->now, sizeof ctx->now, "%04d-03-%02dT08:00:00Z", year, 10 + (int)(strlen(unit) % 15));
    snprintf(topic, sizeof topic, "Tổ chức cho 100%% đảng viên học tập chuyên đề năm %d và đăng ký làm theo"
             " gắn với nhiệm vụ được giao", year);
    snprintf(deadline, sizeof deadline, "%d-06-30", year);
    int rc = coll_create(ctx, unit, year, &id, e);
    rc = rc ? rc : coll_add_item(ctx, id, topic, "topic", deadline, e);
    rc = rc ? rc : coll_add_item(ctx, id, commune ? "Cải cách hành chính, giải quyết hồ sơ của người dân đúng hạn"
                                 : "Vận động Nhân dân chung sức xây dựng nông thôn mới kiểu mẫu", "breakthrough", NULL, e);
    rc = rc ? rc : coll_add_item(ctx, id, "Mỗi đảng viên gương mẫu, gắn bó mật thiết với Nhân dân nơi cư trú",
                                 "other", NULL, e);
    if (rc || stage == 0) return rc;
    if ((rc = coll_submit(ctx, id, e)) || stage == 1) return rc;
    if (stage == 2) return coll_return(ctx, id, "Đề nghị bổ sung việc làm cụ thể, có thời hạn cho nội dung đột phá", e);
    rc = coll_approve(ctx, id, e);
    rc = rc ? rc : coll_publish(ctx, id, e);
    if (rc || stage == 3) return rc;
    for (int k = 1; rc == LT_OK && k <= 3; k++) rc = coll_assess_item(ctx, id, k, k < 3 ? "done" : "partly", "", e);
    snprintf(ctx->now, sizeof ctx->now, "%04d-12-%02dT08:00:00Z", year, 5 + (int)(strlen(unit) % 10));
    rc = rc ? rc : coll_self_assess(ctx, id, e);
    return rc ? rc : coll_evaluate(ctx, id, strlen(unit) % 4 ? "good" : "excellent", e);
}

/* Collective registrations of one year (recorded from 2022, after Kết
** luận 01-KL/TW): every party organisation that deployed the topic, as
** deploy_year lists them; a year `under_way` leaves each at a stage drawn
** from its place in the list (not from the demo's draws, which stay as they
** were), else all evaluated. */
static int collectives_year(demo *d, int year, int under_way) {
    static const int stages[] = {3, 3, 1, 3, 0, 3, 1, 3, 2, 3, 3};
    int rc = LT_OK, k = 0;
    char code[32];
#define STAGE() (under_way ? stages[k++ % (int)LT_ARRAY_LEN(stages)] : 4)
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i++) {
        if (!(year > 2025 && merged_2025(communes[i].code))) rc = collective_one(d, communes[i].code, 1, year, STAGE());
        for (int c = 1; rc == LT_OK && c <= communes[i].cells; c++) {
            snprintf(code, sizeof code, "%s-%02d", communes[i].code, c);
            rc = collective_one(d, code, 0, year, STAGE());
        }
    }
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++) {
        snprintf(code, sizeof code, "%s-CB", agencies[i].code);
        if (!(year > 2025 && agencies[i].closed)) rc = collective_one(d, code, 0, year, STAGE());
    }
    if (rc == LT_OK && year >= 2025) rc = collective_one(d, "DB-XCL", 1, year, STAGE());
    if (rc == LT_OK && year >= 2025) rc = collective_one(d, "DB-XCL-CQ", 0, year, STAGE());
#undef STAGE
    return rc;
}

/* One year: its setup (review on 15 December), deployments, registrations
** (`under_way`: stopped at their stages) and extras. */
static int build_year(demo *d, int year, int missing, int under_way) {
    char reg[16], mid[16], rev[16];
    snprintf(reg, sizeof reg, "%d-%s", year, year == DEMO_FIRST ? "07-31" : "03-31");
    snprintf(mid, sizeof mid, "%d-%s", year, year == DEMO_FIRST ? "09-30" : "07-15");
    snprintf(rev, sizeof rev, "%d-12-15", year);
    /* key cadres first from the second year on: by 20 February */
    char key[16] = "";
    if (year > DEMO_FIRST) snprintf(key, sizeof key, "%d-02-20", year);
    year_in y = {year, reg, key, mid, rev};
    int rc = year_open(d->ctx, &y, d->e);
    rc = rc ? rc : deploy_year(d, year, missing);
    rc = rc ? rc : register_year(d, year, 0, under_way);
    rc = rc ? rc : build_year_extras(d, year);
    return rc || year < 2022 ? rc : collectives_year(d, year, under_way);
}

/* The Ban Thường vụ Huyện ủy, with their registrations of the article's
** years, written first and evaluated. */
static int build_leaders(demo *d) {
    int first = d->npeople, rc = LT_OK;
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(leaders); i++) {
        demo_who w = {"CQ-VPHU-CB", leaders[i].position, "cadre", 1, 0, ROLE_DISTRICT_LEADER,
                      "huyện Chợ Lách", leaders[i].workplace, 1, 1964, 10};
        rc = add_person(d, &w);
    }
    for (int y = DEMO_FIRST; rc == LT_OK && y <= DEMO_LAST; y++) rc = register_year(d, y, first, 0);
    return rc;
}

/* A registration left under way in `year` taken to its end: submitted,
** approved (published for a key cadre), self-assessed and evaluated. */
static int finish_one(demo *d, const demo_person *p, long long reg, int year, grade_tally *t) {
    dom_rows r, items;
    lt_ctx *ctx = d->ctx;
    if (q_registration(ctx, reg, &r, d->e)) return d->e->code;
    char status[16];
    snprintf(status, sizeof status, "%s", rows_get(&r, 0, "status"));
    rows_free(&r);
    if (q_registration_items(ctx, reg, &items, d->e)) return d->e->code;
    int n = (int)items.n, rc = LT_OK;
    rows_free(&items);
    snprintf(ctx->now, sizeof ctx->now, "%04d-05-%02uT08:00:00Z", year, 2 + demo_rand(20));
    if (!strcmp(status, "draft") || !strcmp(status, "returned")) rc = reg_submit(ctx, reg, d->e);
    if (rc == LT_OK && strcmp(status, "approved") && strcmp(status, "published"))
        rc = reg_approve(ctx, reg, d->e);
    if (rc == LT_OK && p->key && strcmp(status, "published")) rc = reg_publish(ctx, reg, d->e);
    return rc ? rc : evaluate_one(d, reg, year, n, t);
}

/* The year `year`, left under way (the article's April), brought to its
** end for the people before index upto. */
static int finish_year(demo *d, int year, int upto) {
    grade_tally *tally = calloc((size_t)(upto ? upto : 1), sizeof *tally);
    if (!tally) return lt_err_oom(d->e);
    int ntally = 0, rc = LT_OK;
    for (int i = 0; rc == LT_OK && i < upto; i++) {
        const demo_person *p = &d->people[i];
        long long reg;
        lt_err none = {0};
        if (reg_find(d->ctx, p->code, year, &reg, &none)) continue;
        grade_tally *t = NULL;
        for (int k = ntally - 1; k >= 0 && !t; k--)
            if (strcmp(tally[k].unit, p->unit) == 0) t = &tally[k];
        if (!t) { t = &tally[ntally++]; snprintf(t->unit, sizeof t->unit, "%s", p->unit); }
        rc = finish_one(d, p, reg, year, t);
    }
    free(tally);
    return rc;
}

/* The province's topics of years from..to. */
static int province_topics_of(demo *d, int from, int to) {
    int rc = LT_OK;
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(province_topics); i++)
        if (province_topics[i].year >= from && province_topics[i].year <= to)
            rc = topic_save(d->ctx, province_topics[i].issuer, province_topics[i].year,
                            province_topics[i].title, "", "Kế hoạch của Ban Thường vụ Tỉnh ủy", 1, d->e);
    return rc;
}

/* What the article's years came to and the years since, to the current
** one (drawn from the second seed): the district's leaders, 2021 to its
** end, 2022-2024, the 2025 reorganisation, 2025 and the current year. */
static int build_since_article(demo *d) {
    int base = d->npeople;
    demo_seed = &demo_seeds[1];
    int rc = build_leaders(d);
    rc = rc ? rc : finish_year(d, DEMO_LAST, base);
    rc = rc ? rc : province_topics_of(d, 2022, 2024);
    for (int y = DEMO_LAST + 1; rc == LT_OK && y <= 2024; y++) rc = build_year(d, y, 1, 0);
    rc = rc ? rc : build_inspections(d, DEMO_LAST + 1, 2024, 0);
    rc = rc ? rc : build_reorganisation(d);
    rc = rc ? rc : province_topics_of(d, 2025, DEMO_NOW);
    for (int y = 2025; rc == LT_OK && y <= DEMO_NOW; y++) rc = build_year(d, y, 1, y == DEMO_NOW);
    return rc;
}

int demo_build(lt_ctx *ctx, lt_err *e) {
    demo d = {ctx, e, NULL, 0, 0, 0};
    demo_seeds[0] = 0x05C7A2016ull;
    demo_seeds[1] = 0x01C7A2021ull;
    demo_seed = &demo_seeds[0];
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = add_unit(&d, "TW", "Ban Chấp hành Trung ương", "central", NULL);
    rc = rc ? rc : build_units(&d);
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(topics); i++)
        rc = topic_save(ctx, "TW", topics[i].year, topics[i].title, "", topics[i].year == 2021 ?
                        "Kết luận 01-KL/TW" : "Chỉ thị 05-CT/TW", topics[i].unconfirmed, e);
    static const int missing[] = {2, 1, 0, 1, 1, 0};
    for (int y = DEMO_FIRST; rc == LT_OK && y <= DEMO_LAST; y++)
        rc = build_year(&d, y, missing[y - DEMO_FIRST], y == DEMO_LAST);
    rc = rc ? rc : build_standards(&d);
    rc = rc ? rc : build_inspections(&d, DEMO_FIRST, DEMO_LAST, DEMO_LAST);
    rc = rc ? rc : build_awards(&d);
    rc = rc ? rc : build_since_article(&d);
    rc = rc ? rc : build_accounts(&d);
    ctx->now[0] = 0;
    free(d.people);
    if (rc == LT_OK) return db_commit(ctx->db, e);
    db_rollback(ctx->db);
    return rc;
}
