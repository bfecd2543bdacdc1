/*
** demo.c — builds the demo database: Chợ Lách district as the article of
** 12/04/2021 describes it (DESIGN §8), years 2016–2021, through the same
** domain functions as every other caller.  Deterministic: a fixed seed.
**
** Figures it reproduces: in 2020, 84 of the 85 party organisations below
** the District Committee deployed the topic (98,8%), and every evaluated
** cadre and party member completed well or better (100%).  Other years
** and sub-units vary.  Then the 2025 reorganisation: the district closes,
** the new Vĩnh Long province takes its communes, and Thị trấn Chợ Lách,
** Long Thới and Hòa Nghĩa merge into the new xã Chợ Lách.
*/
#include "io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_FIRST 2016
#define DEMO_LAST 2021
/* the day the demo's people are members from: Directive 05-CT/TW */
#define DEMO_MEMBERS_SINCE "2016-05-15"

/* A small deterministic generator (xorshift64*). */
static unsigned long long demo_seed = 0x05C7A2016ull;
static unsigned demo_rand(unsigned n) {
    demo_seed ^= demo_seed >> 12;
    demo_seed ^= demo_seed << 25;
    demo_seed ^= demo_seed >> 27;
    return (unsigned)((demo_seed * 2685821657736338717ull) >> 33) % n;
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

/* Agencies named by the article, each with its party cell and motto. */
static const struct { const char *code, *name, *kind, *cell, *motto; } agencies[] = {
    {"CQ-VKS", "Viện Kiểm sát nhân dân huyện Chợ Lách", "agency", "Chi bộ Viện Kiểm sát nhân dân huyện",
     "Công minh, chính trực, khách quan, thận trọng, khiêm tốn"},
    {"CQ-VPHU", "Văn phòng Huyện ủy Chợ Lách", "agency", "Chi bộ Văn phòng Huyện ủy",
     "Xây đi đôi với chống, trên trước dưới sau, trong trước ngoài sau, nói đi đôi với làm theo"},
    {"CQ-KB", "Kho bạc Nhà nước huyện Chợ Lách", "agency", "Chi bộ Kho bạc huyện",
     "Năng động, đổi mới, gắn lý luận với thực tiễn"},
    {"CQ-BDV", "Ban Dân vận Huyện ủy Chợ Lách", "agency", "Chi bộ Ban Dân vận Huyện ủy", NULL},
    {"MT-CL", "Ủy ban MTTQ Việt Nam huyện Chợ Lách", "mass_org",
     "Chi bộ Khối Mặt trận - Đoàn thể huyện", NULL},
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

static const struct { const char *group, *text; } items[] = {
    {"morality", "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước"},
    {"morality", "Giữ gìn phẩm chất đạo đức, lối sống; không vi phạm những điều đảng viên không được làm"},
    {"morality", "Thực hành tiết kiệm, chống lãng phí trong sinh hoạt và công tác"},
    {"style", "Gần dân, lắng nghe ý kiến Nhân dân; tiếp dân đúng lịch, giải quyết kịp thời kiến nghị"},
    {"style", "Nói đi đôi với làm; trên trước, dưới sau; trong trước, ngoài sau"},
    {"working_manner", "Đi làm đúng giờ, tham gia đầy đủ sinh hoạt chi bộ và sinh hoạt đoàn thể"},
    {"working_manner", "Đổi mới lề lối làm việc; giải quyết hồ sơ đúng hạn, không để tồn đọng"},
    {"expertise", "Hoàn thành đúng hạn 100% hồ sơ thủ tục hành chính được giao"},
    {"expertise", "Vận động Nhân dân đóng góp xây dựng đường giao thông nông thôn, lắp đèn chiếu sáng"},
    {"expertise", "Hỗ trợ hộ nghèo trong ấp phát triển vườn cây ăn trái, hoa kiểng"},
    {"other", "Tham gia bảo vệ môi trường, giữ gìn cảnh quan sạch đẹp nơi cư trú"},
};

/* Topics: the Centre's yearly topics.  Titles not confirmed from a source
** are marked so (DESIGN §8). */
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

typedef struct demo_person { char code[16], unit[32]; int key; } demo_person;

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

/* A person in unit `unit` with a name from the tables. */
static int add_person(demo *d, const char *unit, const char *position, const char *category,
                      int key, int head) {
    int female = demo_rand(100) < 42;
    char name[160], code[16], birth[16];
    snprintf(name, sizeof name, "%s %s %s", family[demo_rand(LT_ARRAY_LEN(family))],
             female ? middle_f[demo_rand(LT_ARRAY_LEN(middle_f))]
                    : middle_m[demo_rand(LT_ARRAY_LEN(middle_m))],
             female ? given_f[demo_rand(LT_ARRAY_LEN(given_f))]
                    : given_m[demo_rand(LT_ARRAY_LEN(given_m))]);
    snprintf(code, sizeof code, "CL%05d", ++d->serial);
    snprintf(birth, sizeof birth, "%02u/%02u/%u", 1 + demo_rand(28), 1 + demo_rand(12),
             1960 + demo_rand(40));
    person_in p = {code, name, birth, female ? "female" : "male", unit, position, category,
                   key, head, DEMO_MEMBERS_SINCE, NULL, NULL};
    if (person_save(d->ctx, &p, NULL, NULL, d->e)) return d->e->code;
    if (d->npeople == d->cap) {
        int cap = d->cap ? d->cap * 2 : 256;
        demo_person *more = realloc(d->people, (size_t)cap * sizeof *d->people);
        if (!more) return lt_err_oom(d->e);
        d->people = more;
        d->cap = cap;
    }
    snprintf(d->people[d->npeople].code, sizeof d->people[0].code, "%s", code);
    snprintf(d->people[d->npeople].unit, sizeof d->people[0].unit, "%s", unit);
    d->people[d->npeople++].key = key;
    return LT_OK;
}

/* The tree: district, communes and their cells, agencies and their cells. */
static int build_units(demo *d) {
    int rc = add_unit(d, "TU-BT", "Đảng bộ tỉnh Bến Tre", "province", "TW");
    rc = rc ? rc : add_unit(d, "HU-CL", "Huyện ủy Chợ Lách", "district", "TU-BT");
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i++) {
        char cname[160];
        snprintf(cname, sizeof cname, "Đảng bộ %s", communes[i].place);
        rc = add_unit(d, communes[i].code, cname, "grassroots_committee", "HU-CL");
        rc = rc ? rc : add_person(d, communes[i].code, "Bí thư Đảng ủy", "cadre", 1, 1);
        rc = rc ? rc : add_person(d, communes[i].code, "Phó Bí thư Thường trực Đảng ủy", "cadre", 1, 0);
        rc = rc ? rc : add_person(d, communes[i].code, "Chủ tịch UBND xã", "cadre", 1, 0);
        rc = rc ? rc : add_person(d, communes[i].code, "Chủ tịch Ủy ban MTTQ xã", "cadre", 1, 0);
        for (int c = 1; rc == LT_OK && c <= communes[i].cells; c++) {
            char code[32], name[160];
            snprintf(code, sizeof code, "%s-%02d", communes[i].code, c);
            snprintf(name, sizeof name, "Chi bộ ấp %d, %s", c, communes[i].place);
            rc = add_unit(d, code, name, "cell", communes[i].code);
            rc = rc ? rc : add_person(d, code, "Bí thư Chi bộ", "party_member", 0, 1);
            for (int k = 0, n = 4 + (int)demo_rand(5); rc == LT_OK && k < n; k++)
                rc = add_person(d, code, "Đảng viên", "party_member", 0, 0);
        }
    }
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++) {
        char cell[32];
        snprintf(cell, sizeof cell, "%s-CB", agencies[i].code);
        rc = add_unit(d, agencies[i].code, agencies[i].name, agencies[i].kind, "HU-CL");
        rc = rc ? rc : add_unit(d, cell, agencies[i].cell, "grassroots_cell", agencies[i].code);
        rc = rc ? rc : add_person(d, agencies[i].code, "Thủ trưởng cơ quan", "civil_servant", 1, 1);
        for (int k = 0; rc == LT_OK && k < 5; k++)
            rc = add_person(d, agencies[i].code, k == 4 ? "Nhân viên hợp đồng" : "Chuyên viên",
                            k == 4 ? "worker" : k % 2 ? "public_employee" : "civil_servant", 0, 0);
    }
    return rc;
}

/* Deployments of one year: every party organisation but `missing` of them
** (the last cells of the last communes). */
static int deploy_year(demo *d, int year, int missing) {
    int rc = LT_OK, skipped = 0;
    for (int i = (int)LT_ARRAY_LEN(communes) - 1; rc == LT_OK && i >= 0; i--) {
        deployment_in dep = {communes[i].code, year, NULL, "conference", NULL, 0, 0};
        char day[16], code[32];
        snprintf(day, sizeof day, "%04d-03-%02u", year, 5 + demo_rand(20));
        dep.held_on = day;
        dep.expected = 30 + (long)demo_rand(20);
        dep.present = dep.expected - (long)demo_rand(4);
        rc = deployment_save(d->ctx, &dep, NULL, d->e);
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
        snprintf(day, sizeof day, "%04d-02-%02u", year, 10 + demo_rand(15));
        deployment_in cd = {code, year, day, "cell_meeting", "", 7, 7};
        rc = deployment_save(d->ctx, &cd, NULL, d->e);
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

/* One person's registration of one year, taken as far as `stage` goes:
** 0 draft, 1 submitted, 2 returned, 3 approved (published for key cadres),
** 4 evaluated. */
static int register_one(demo *d, const demo_person *p, int year, int stage, grade_tally *t) {
    long long reg;
    lt_ctx *ctx = d->ctx;
    lt_err *e = d->e;
    snprintf(ctx->now, sizeof ctx->now, "%04d-%02u-%02uT08:00:00Z", year, 3 + demo_rand(2), 1 + demo_rand(28));
    if (reg_create(ctx, p->code, year, &reg, e)) return e->code;
    int n = 3 + (int)demo_rand(2), rc = LT_OK;
    unsigned first = demo_rand(LT_ARRAY_LEN(items));
    for (int i = 0; rc == LT_OK && i < n; i++) {
        unsigned k = (first + (unsigned)i * 3) % LT_ARRAY_LEN(items);
        char deadline[16];
        snprintf(deadline, sizeof deadline, "%d-%02d-30", year, 6 + 3 * (i % 2));
        rc = reg_add_item(ctx, reg, items[k].text, items[k].group, deadline, e);
    }
    if (rc || stage == 0) return rc;
    if ((rc = reg_submit(ctx, reg, e)) || stage == 1) return rc;
    if (stage == 2) return reg_return(ctx, reg, "Nội dung chưa gắn với nhiệm vụ được giao, đề "
                                      "nghị bổ sung việc làm cụ thể", e);
    if ((rc = reg_approve(ctx, reg, e))) return rc;
    if (p->key && (rc = reg_publish(ctx, reg, e))) return rc;
    if (stage == 3) return rc;
    for (int i = 1; rc == LT_OK && i <= n; i++)
        rc = reg_assess_item(ctx, reg, i, demo_rand(10) ? "done" : "partly", "", e);
    snprintf(ctx->now, sizeof ctx->now, "%04d-12-%02uT08:00:00Z", year, 1 + demo_rand(20));
    if (rc == LT_OK) rc = reg_self_assess(ctx, reg, e);
    if (rc == LT_OK) rc = reg_evaluate(ctx, reg, pick_grade(t, year, demo_rand(100)), e);
    return rc;
}

/* The registrations of one year.  Past years go to evaluation, a few
** people missing; 2021 (the article's April) is still under way. */
static int register_year(demo *d, int year) {
    static const int missing_per_mille[] = {30, 20, 12, 8, 4, 10};
    grade_tally *tally = calloc((size_t)(d->npeople ? d->npeople : 1), sizeof *tally);
    if (!tally) return lt_err_oom(d->e);
    int ntally = 0, rc = LT_OK;
    for (int i = 0; rc == LT_OK && i < d->npeople; i++) {
        const demo_person *p = &d->people[i];
        if (!p->key && (int)demo_rand(1000) < missing_per_mille[year - DEMO_FIRST]) continue;
        grade_tally *t = NULL;
        for (int k = ntally - 1; k >= 0 && !t; k--)
            if (strcmp(tally[k].unit, p->unit) == 0) t = &tally[k];
        if (!t) { t = &tally[ntally++]; snprintf(t->unit, sizeof t->unit, "%s", p->unit); }
        int stage = 4;
        if (year == DEMO_LAST) {
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

/* The district's inspections and supervisions, with follow-ups (some open,
** one overdue). */
static int build_inspections(demo *d) {
    int rc = LT_OK;
    for (int year = DEMO_FIRST; rc == LT_OK && year <= DEMO_LAST; year++) {
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
            if (rc == LT_OK && !(year == DEMO_LAST && k > 0)) {
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
        rc = breakthrough_save(d->ctx, communes[i].code, year, "Cải cách hành chính, giải "
                               "quyết hồ sơ của người dân đúng hạn",
                               year < DEMO_LAST ? "Đạt: 100% hồ sơ giải quyết đúng hạn" : NULL, d->e);
    }
    char day[16];
    snprintf(day, sizeof day, "%d-03-20", year);
    if (rc == LT_OK)
        rc = mass_deployment_save(d->ctx, "MT-CL", year, day, 4200 + (long)demo_rand(600),
                                  9800 + (long)demo_rand(900), 21000 + (long)demo_rand(3000), d->e);
    return rc;
}

/* 1 July 2025: no more districts; Bến Tre joins the new Vĩnh Long province;
** Thị trấn Chợ Lách, Long Thới and Hòa Nghĩa merge into the new xã Chợ Lách. */
static int build_reorganisation(demo *d) {
    unit_in vl = {"TU-VL", "Đảng bộ tỉnh Vĩnh Long", "province", "TW", "2025-07-01", NULL};
    unit_in cl = {"DB-XCL", "Đảng bộ xã Chợ Lách", "grassroots_committee", "TU-VL", "2025-07-01", NULL};
    int rc = unit_save(d->ctx, &vl, "2025-07-01", NULL, NULL, d->e);
    rc = rc ? rc : unit_save(d->ctx, &cl, "2025-07-01", NULL, NULL, d->e);
    static const char *const merged[] = {"DB-TTCL", "DB-LT", "DB-HN"};
    const char *succ[] = {"DB-XCL"};
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(communes); i++) {
        int is_merged = 0;
        for (unsigned k = 0; k < LT_ARRAY_LEN(merged); k++)
            is_merged |= strcmp(communes[i].code, merged[k]) == 0;
        const char *new_parent = is_merged ? "DB-XCL" : "TU-VL";
        for (int c = 1; rc == LT_OK && is_merged && c <= communes[i].cells; c++) {
            char code[32];
            snprintf(code, sizeof code, "%s-%02d", communes[i].code, c);
            rc = unit_move(d->ctx, code, new_parent, "2025-07-01", d->e);
        }
        if (rc == LT_OK && is_merged) rc = unit_merge(d->ctx, communes[i].code, succ, 1, "2025-07-01", d->e);
        else if (rc == LT_OK) rc = unit_move(d->ctx, communes[i].code, "TU-VL", "2025-07-01", d->e);
    }
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(agencies); i++)
        rc = unit_move(d->ctx, agencies[i].code, "TU-VL", "2025-07-01", d->e);
    const char *vl_succ[] = {"TU-VL"};
    rc = rc ? rc : unit_merge(d->ctx, "HU-CL", vl_succ, 1, "2025-07-01", d->e);
    return rc ? rc : unit_merge(d->ctx, "TU-BT", vl_succ, 1, "2025-07-01", d->e);
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

int demo_build(lt_ctx *ctx, lt_err *e) {
    demo d = {ctx, e, NULL, 0, 0, 0};
    demo_seed = 0x05C7A2016ull;
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = add_unit(&d, "TW", "Ban Chấp hành Trung ương", "central", NULL);
    rc = rc ? rc : build_units(&d);
    for (unsigned i = 0; rc == LT_OK && i < LT_ARRAY_LEN(topics); i++)
        rc = topic_save(ctx, "TW", topics[i].year, topics[i].title, "", "Chỉ thị 05-CT/TW",
                        topics[i].unconfirmed, e);
    for (int y = DEMO_FIRST; rc == LT_OK && y <= DEMO_LAST; y++) {
        char reg[16], mid[16], rev[16];
        snprintf(reg, sizeof reg, "%d-03-31", y);
        snprintf(mid, sizeof mid, "%d-07-15", y);
        snprintf(rev, sizeof rev, "%d-12-15", y);
        static const int missing[] = {2, 1, 0, 1, 1, 0};
        rc = year_open(ctx, y, reg, mid, rev, e);
        rc = rc ? rc : deploy_year(&d, y, missing[y - DEMO_FIRST]);
        rc = rc ? rc : register_year(&d, y);
        rc = rc ? rc : build_year_extras(&d, y);
    }
    rc = rc ? rc : build_standards(&d);
    rc = rc ? rc : build_inspections(&d);
    rc = rc ? rc : build_awards(&d);
    rc = rc ? rc : build_reorganisation(&d);
    rc = rc ? rc : build_accounts(&d);
    ctx->now[0] = 0;
    free(d.people);
    if (rc == LT_OK) return db_commit(ctx->db, e);
    db_rollback(ctx->db);
    return rc;
}
