/*
** benchlib.h — what the benchmark programs share: a fixed-seed random
** generator, the shape of the synthetic unit tree (1 province -> districts
** -> grassroots organisations -> cells) and Vietnamese names drawn at
** realistic frequencies.  Header-only (static inline) so gen.c and
** bench_indicators.c build the same tree from the same N.
*/
#ifndef LT_BENCHLIB_H
#define LT_BENCHLIB_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- random numbers: splitmix64, fixed seed --------------------------- */
typedef struct bench_rng { uint64_t s; } bench_rng;

static inline uint64_t rng_next(bench_rng *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
/* Uniform in [0, n). */
static inline long rng_below(bench_rng *r, long n) { return (long)(rng_next(r) % (uint64_t)n); }
/* Uniform in [0, 1000): per-mille draws. */
static inline int rng_mille(bench_rng *r) { return (int)(rng_next(r) % 1000); }

/* ---- the tree: index 0 province, then districts, grassroots, cells ---- */
typedef struct bench_shape {
    long n, districts, grassroots, committees, cells;
} bench_shape;

/* About 1 district per 500 units, 1 grassroots organisation per 12; every
** tenth grassroots organisation is a chi bộ cơ sở (no cells under it), the
** others are đảng bộ cơ sở sharing the cells in contiguous blocks. */
static inline void shape_make(long n, bench_shape *s) {
    if (n < 4) n = 4;
    s->n = n;
    s->districts = n / 500 > 0 ? n / 500 : 1;
    s->grassroots = (n - 1 - s->districts) / 12 > 0 ? (n - 1 - s->districts) / 12 : 1;
    s->committees = s->grassroots - s->grassroots / 10;
    s->cells = n - 1 - s->districts - s->grassroots;
}

enum { LVL_PROVINCE = 0, LVL_DISTRICT, LVL_GRASSROOTS, LVL_CELL };

static inline int shape_level(const bench_shape *s, long i) {
    if (i == 0) return LVL_PROVINCE;
    if (i <= s->districts) return LVL_DISTRICT;
    if (i <= s->districts + s->grassroots) return LVL_GRASSROOTS;
    return LVL_CELL;
}

/* The unit kind code of unit i. */
static inline const char *shape_kind(const bench_shape *s, long i) {
    switch (shape_level(s, i)) {
    case LVL_PROVINCE: return "province";
    case LVL_DISTRICT: return "district";
    case LVL_GRASSROOTS:
        return (i - 1 - s->districts) % 10 == 9 ? "grassroots_cell" : "grassroots_committee";
    default: return "cell";
    }
}

/* The parent index of unit i (-1 for the province). */
static inline long shape_parent(const bench_shape *s, long i) {
    long base_g = 1 + s->districts, base_c = base_g + s->grassroots;
    switch (shape_level(s, i)) {
    case LVL_PROVINCE: return -1;
    case LVL_DISTRICT: return 0;
    case LVL_GRASSROOTS: return 1 + (i - base_g) * s->districts / s->grassroots;
    default: {
        long k = (i - base_c) * s->committees / s->cells; /* k-th committee */
        return base_g + k + k / 9;                        /* skip every tenth */
    }
    }
}

/* The unit of a person: 90% a cell, else a grassroots organisation (8%),
** a district (1.5%) or the province (0.5%).  *upper says it is not a cell. */
static inline long shape_person_unit(bench_rng *r, const bench_shape *s, int *upper) {
    int x = rng_mille(r);
    long base_g = 1 + s->districts, base_c = base_g + s->grassroots;
    *upper = x >= 900;
    if (x < 900) return base_c + rng_below(r, s->cells);
    if (x < 980) return base_g + rng_below(r, s->grassroots);
    if (x < 995) return 1 + rng_below(r, s->districts);
    return 0;
}

/* The unit code of unit i. */
static inline void shape_code(const bench_shape *s, long i, char *out, size_t n) {
    static const char *const prefix[] = {"T", "H", "X", "C"};
    snprintf(out, n, "%s%06ld", prefix[shape_level(s, i)], i);
}

/* ---- names ------------------------------------------------------------- */
typedef struct bench_weighted { const char *s; int w; } bench_weighted;

/* Draw from a table ending in {NULL, 0}; weights are relative. */
static inline const char *rng_pick(bench_rng *r, const bench_weighted *t) {
    long total = 0;
    for (const bench_weighted *p = t; p->s; p++) total += p->w;
    long x = rng_below(r, total);
    for (const bench_weighted *p = t; p->s; p++)
        if ((x -= p->w) < 0) return p->s;
    return t[0].s;
}

/* Positions of people who hold no key post: in cells, in offices above them. */
static const bench_weighted bench_pos_cell[] = {
    {"Đảng viên", 700}, {"", 150}, {"Chi ủy viên", 60}, {"Bí thư Chi đoàn", 30},
    {"Chi hội trưởng Hội Nông dân", 30}, {"Công an viên", 30}, {NULL, 0}};
static const bench_weighted bench_pos_office[] = {
    {"Chuyên viên", 500}, {"Phó Trưởng phòng", 150}, {"Cán sự", 150}, {"Kế toán", 100},
    {"Văn thư, thủ quỹ", 100}, {NULL, 0}};

/* Family names, per ten thousand (Nguyễn ~38%, Trần ~11%, Lê ~9.5% ...). */
static const bench_weighted bench_family[] = {
    {"Nguyễn", 3800}, {"Trần", 1100}, {"Lê", 950}, {"Phạm", 710}, {"Huỳnh", 310},
    {"Hoàng", 200}, {"Phan", 450}, {"Võ", 190}, {"Vũ", 200}, {"Đặng", 210}, {"Bùi", 200},
    {"Đỗ", 140}, {"Hồ", 130}, {"Ngô", 130}, {"Dương", 100}, {"Lý", 50}, {"Trương", 100},
    {"Đinh", 80}, {"Lâm", 60}, {"Mai", 60}, {"Đoàn", 50}, {"Lương", 50}, {"Châu", 40},
    {"Cao", 40}, {"Hà", 40}, {"Thái", 30}, {"Lưu", 30}, {"Tô", 30}, {"Tạ", 20}, {"Kiều", 10},
    {"Quách", 30}, {"Triệu", 30}, {"Thạch", 40}, {"Hứa", 20}, {"La", 20}, {"Từ", 20},
    {"Giang", 20}, {"Văn", 20}, {"Khổng", 10}, {"Diệp", 20}, {"Nông", 30}, {"Lò", 20},
    {"Mạc", 10}, {"Trịnh", 60}, {"Chu", 20}, {"Lục", 10}, {"Phùng", 40}, {"Tăng", 30},
    {"Ông", 20}, {"Âu", 20}, {NULL, 0}};
static const bench_weighted bench_middle_m[] = {
    {"Văn", 450}, {"Hữu", 80}, {"Đức", 70}, {"Minh", 70}, {"Quốc", 60}, {"Thanh", 60},
    {"Công", 50}, {"Ngọc", 40}, {"Hoàng", 30}, {"Trung", 30}, {"Xuân", 30}, {"Chí", 30},
    {NULL, 0}};
static const bench_weighted bench_middle_f[] = {
    {"Thị", 550}, {"Ngọc", 100}, {"Thanh", 60}, {"Thu", 50}, {"Kim", 50}, {"Mỹ", 50},
    {"Hồng", 40}, {"Bích", 30}, {"Phương", 30}, {"Minh", 20}, {"Thúy", 20}, {NULL, 0}};
static const bench_weighted bench_given_m[] = {
    {"Hùng", 60}, {"Dũng", 55}, {"Tuấn", 55}, {"Minh", 50}, {"Nam", 45}, {"Hải", 45},
    {"Sơn", 40}, {"Thắng", 35}, {"Long", 35}, {"Phong", 30}, {"Cường", 30}, {"Quang", 30},
    {"Hiếu", 25}, {"Khoa", 20}, {"Bảo", 20}, {"Đức", 25}, {"Trung", 25}, {"Tài", 20},
    {"Lộc", 20}, {"Phúc", 20}, {"An", 25}, {"Bình", 25}, {"Định", 15}, {"Tâm", 20},
    {"Thành", 30}, {"Tùng", 20}, {"Việt", 20}, {"Huy", 25}, {"Kiên", 15}, {"Được", 10},
    {NULL, 0}};
static const bench_weighted bench_given_f[] = {
    {"Lan", 50}, {"Hoa", 45}, {"Hương", 50}, {"Mai", 45}, {"Linh", 45}, {"Trang", 45},
    {"Thảo", 40}, {"Ngọc", 35}, {"Hạnh", 35}, {"Hằng", 30}, {"Nga", 30}, {"Nhung", 25},
    {"Phương", 30}, {"Thủy", 30}, {"Tuyết", 20}, {"Yến", 25}, {"Vân", 20}, {"Loan", 20},
    {"Hiền", 25}, {"Dung", 25}, {"Huyền", 25}, {"Oanh", 15}, {"Xuân", 15}, {"Thư", 20},
    {"Nhi", 20}, {"Giang", 20}, {"Châu", 15}, {"My", 15}, {"Uyên", 15}, {"Ánh Tuyết", 5},
    {NULL, 0}};

/* A full name "Family Middle [Middle2] Given" (female when female != 0). */
static inline void bench_name(bench_rng *r, int female, char *out, size_t n) {
    const char *fam = rng_pick(r, bench_family);
    const char *mid = rng_pick(r, female ? bench_middle_f : bench_middle_m);
    const char *giv = rng_pick(r, female ? bench_given_f : bench_given_m);
    if (rng_mille(r) < 100) { /* a second middle name: "Nguyễn Thị Mỹ Hạnh" */
        const char *mid2 = rng_pick(r, female ? bench_middle_f : bench_middle_m);
        if (strcmp(mid2, mid) != 0 && strcmp(mid2, "Thị") != 0 && strcmp(mid2, "Văn") != 0) {
            snprintf(out, n, "%s %s %s %s", fam, mid, mid2, giv);
            return;
        }
    }
    snprintf(out, n, "%s %s %s", fam, mid, giv);
}

/* Place names of two syllables: "Phú Hòa", "Thạnh Mỹ" ... */
static const char *const bench_syl[] = {
    "Phú", "Hòa", "Thạnh", "An", "Bình", "Long", "Tân", "Mỹ", "Hưng", "Lợi", "Đông", "Tây",
    "Thới", "Sơn", "Định", "Phước", "Thuận", "Vĩnh", "Khánh", "Hiệp", "Nhơn", "Quới",
    "Lộc", "Điền", "Trung", "Hội", "Thành", "Xuân", "Đức", "Giồng"};
#define BENCH_NSYL ((long)(sizeof bench_syl / sizeof bench_syl[0]))

static inline void bench_place(long i, char *out, size_t n) {
    long a = i % BENCH_NSYL, b = (i / BENCH_NSYL + a + 1) % BENCH_NSYL;
    long round = i / (BENCH_NSYL * BENCH_NSYL);
    if (round) snprintf(out, n, "%s %s %ld", bench_syl[a], bench_syl[b], round + 1);
    else snprintf(out, n, "%s %s", bench_syl[a], bench_syl[b]);
}

/* ---- CSV ---------------------------------------------------------------- */
/* Write a cell as offices' CSV files have it: quoted when it holds a
** separator, quote or line end; CRLF after the last cell of a row. */
static inline void bench_csv_cell(FILE *f, const char *s, int last) {
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

/* ---- time -------------------------------------------------------------- */
static inline double bench_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#endif
