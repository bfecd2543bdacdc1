/*
** gen.c — writes synthetic but realistic import files for the benchmarks:
**
**     gen --units N --people M --out DIR [--year Y] [--reg-permille P]
**
** DIR/units.csv (1 province -> districts -> grassroots organisations ->
** cells, N units), DIR/people.csv (M people with Vietnamese names at
** realistic frequencies, spread over the units, mostly party members, ~5%
** key cadres) and DIR/registrations.csv (P per mille of the people register
** for year Y, default 950; 3-5 items each).  The columns are the import
** formats of DESIGN §4.  Deterministic: a fixed seed, no clock.
*/
#include "benchlib.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

typedef struct gen_opts {
    long units, people;
    int year, reg_permille;
    const char *out;
} gen_opts;

static const char *const kind_vi[] = {"Tỉnh ủy", "Huyện ủy", "Đảng bộ cơ sở", "Chi bộ cơ sở",
                                      "Chi bộ trực thuộc"};


static FILE *open_out(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) { perror(path); exit(1); }
    return f;
}

/* The unit's name and its kind's Vietnamese name. */
static void unit_name(const bench_shape *s, long i, char *out, size_t n, const char **kvi) {
    char place[64];
    bench_place(i, place, sizeof place);
    const char *k = shape_kind(s, i);
    switch (shape_level(s, i)) {
    case LVL_PROVINCE: *kvi = kind_vi[0]; snprintf(out, n, "Tỉnh ủy Bến Tre"); break;
    case LVL_DISTRICT: *kvi = kind_vi[1]; snprintf(out, n, "Huyện ủy %s", place); break;
    case LVL_GRASSROOTS:
        *kvi = kind_vi[strcmp(k, "grassroots_cell") == 0 ? 3 : 2];
        snprintf(out, n, "%s %s", **kvi == 'C' ? "Chi bộ" : "Đảng bộ xã", place);
        break;
    default: *kvi = kind_vi[4]; snprintf(out, n, "Chi bộ ấp %s", place); break;
    }
}

static void write_units(const gen_opts *o, const bench_shape *s) {
    FILE *f = open_out(o->out, "units.csv");
    fputs("ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\r\n", f);
    for (long i = 0; i < s->n; i++) {
        char code[32], pcode[32] = "", name[128];
        const char *kvi;
        shape_code(s, i, code, sizeof code);
        if (shape_parent(s, i) >= 0) shape_code(s, shape_parent(s, i), pcode, sizeof pcode);
        unit_name(s, i, name, sizeof name, &kvi);
        bench_csv_cell(f, code, 0);
        bench_csv_cell(f, name, 0);
        bench_csv_cell(f, kvi, 0);
        bench_csv_cell(f, pcode, 1);
    }
    fclose(f);
}

/* Category: in cells 90% party members; above them cadres and civil servants. */
static const char *person_category(bench_rng *r, int upper) {
    static const bench_weighted cell[] = {{"Đảng viên", 900}, {"Cán bộ", 40}, {"Công chức", 25},
                                          {"Viên chức", 25}, {"Người lao động", 10}, {NULL, 0}};
    static const bench_weighted up[] = {{"Đảng viên", 100}, {"Cán bộ", 450}, {"Công chức", 270},
                                        {"Viên chức", 140}, {"Người lao động", 40}, {NULL, 0}};
    return rng_pick(r, upper ? up : cell);
}

static const char *person_position(bench_rng *r, int upper, int key) {
    static const bench_weighted key_cell[] = {
        {"Bí thư Chi bộ", 60}, {"Bí thư Chi bộ, Trưởng ấp", 25}, {"Phó Bí thư Chi bộ", 15},
        {NULL, 0}};
    static const bench_weighted key_up[] = {
        {"Bí thư Đảng ủy", 30}, {"Phó Bí thư Đảng ủy", 25}, {"Chủ tịch UBND", 20},
        {"Chủ tịch UBMTTQ Việt Nam", 10}, {"Trưởng phòng", 15}, {NULL, 0}};
    if (key) return rng_pick(r, upper ? key_up : key_cell);
    return rng_pick(r, upper ? bench_pos_office : bench_pos_cell);
}

static void person_row(FILE *f, bench_rng *r, const bench_shape *s, long j) {
    char code[32], unit[32], name[128], birth[16];
    int female = rng_mille(r) < 420, upper;
    long u = shape_person_unit(r, s, &upper);
    int key = rng_mille(r) < (upper ? 180 : 35);
    int head = key && rng_mille(r) < 400;
    snprintf(code, sizeof code, "DV%07ld", j + 1);
    shape_code(s, u, unit, sizeof unit);
    bench_name(r, female, name, sizeof name);
    snprintf(birth, sizeof birth, "%02d/%02d/%04d", 1 + (int)rng_below(r, 28),
             1 + (int)rng_below(r, 12), 1955 + (int)rng_below(r, 48));
    bench_csv_cell(f, code, 0);
    bench_csv_cell(f, name, 0);
    bench_csv_cell(f, rng_mille(r) < 30 ? "" : birth, 0);
    bench_csv_cell(f, female ? "Nữ" : "Nam", 0);
    bench_csv_cell(f, unit, 0);
    bench_csv_cell(f, person_position(r, upper, key), 0);
    bench_csv_cell(f, person_category(r, upper), 0);
    bench_csv_cell(f, key ? "x" : "", 0);
    bench_csv_cell(f, head ? "x" : "", 1);
}

static void write_people(const gen_opts *o, const bench_shape *s) {
    FILE *f = open_out(o->out, "people.csv");
    bench_rng r = {20240519};
    fputs("ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot,"
          "nguoi_dung_dau\r\n", f);
    for (long j = 0; j < o->people; j++) person_row(f, &r, s, j);
    fclose(f);
}

/* Commitments people write, with their group. */
static const struct { const char *body, *group; } items[] = {
    {"Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước", "Đạo đức"},
    {"Giữ gìn phẩm chất đạo đức, lối sống giản dị, trung thực", "Đạo đức"},
    {"Không tham ô, lãng phí, quan liêu; chống biểu hiện \"tự diễn biến\"", "Đạo đức"},
    {"Đoàn kết, thương yêu, giúp đỡ đồng chí, đồng nghiệp", "Đạo đức"},
    {"Gần dân, trọng dân, lắng nghe ý kiến của nhân dân", "Phong cách"},
    {"Nói đi đôi với làm, nêu gương trong gia đình và khu dân cư", "Phong cách"},
    {"Ăn mặc gọn gàng, lịch sự, ứng xử văn minh nơi công sở", "Phong cách"},
    {"Đi làm đúng giờ, không làm việc riêng trong giờ hành chính", "Tác phong"},
    {"Tiếp dân đúng lịch; giải quyết kiến nghị kịp thời, đúng hẹn", "Tác phong"},
    {"Tham gia đầy đủ sinh hoạt chi bộ, đóng đảng phí đúng quy định", "Tác phong"},
    {"Hoàn thành đúng hạn 100% nhiệm vụ được giao", "Chuyên môn"},
    {"Học tập nâng cao trình độ chuyên môn, tin học, ngoại ngữ", "Chuyên môn"},
    {"Ứng dụng công nghệ thông tin, giải quyết hồ sơ trực tuyến", "Chuyên môn"},
    {"Vận động gia đình tham gia xây dựng nông thôn mới", "Khác"},
    {"Tham gia hiến đất làm đường giao thông nông thôn", "Khác"},
    {"Giúp đỡ 01 hộ nghèo, hộ cận nghèo trong ấp vươn lên", "Khác"},
};
#define NITEMS ((long)(sizeof items / sizeof items[0]))

static void write_registrations(const gen_opts *o) {
    FILE *f = open_out(o->out, "registrations.csv");
    bench_rng r = {19900519};
    char code[32], year[8];
    snprintf(year, sizeof year, "%d", o->year);
    fputs("ma_nguoi,nam,noi_dung,nhom\r\n", f);
    for (long j = 0; j < o->people; j++) {
        if (rng_mille(&r) >= o->reg_permille) continue;
        snprintf(code, sizeof code, "DV%07ld", j + 1);
        int n = 3 + (int)rng_below(&r, 3);
        long first = rng_below(&r, NITEMS);
        for (int k = 0; k < n; k++) {
            long it = (first + k * 5) % NITEMS; /* distinct items, mixed groups */
            bench_csv_cell(f, code, 0);
            bench_csv_cell(f, year, 0);
            bench_csv_cell(f, items[it].body, 0);
            bench_csv_cell(f, items[it].group, 1);
        }
    }
    fclose(f);
}

static void usage(void) {
    fputs("usage: gen --units N --people M --out DIR [--year Y] [--reg-permille P]\n", stderr);
    exit(2);
}

static void parse_args(int argc, char **argv, gen_opts *o) {
    *o = (gen_opts){0, 0, 2024, 950, NULL};
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage();
        const char *a = argv[i], *v = argv[++i];
        if (!strcmp(a, "--units")) o->units = atol(v);
        else if (!strcmp(a, "--people")) o->people = atol(v);
        else if (!strcmp(a, "--out")) o->out = v;
        else if (!strcmp(a, "--year")) o->year = atoi(v);
        else if (!strcmp(a, "--reg-permille")) o->reg_permille = atoi(v);
        else usage();
    }
    if (o->units < 4 || o->people < 0 || !o->out || o->reg_permille < 0 ||
        o->reg_permille > 1000)
        usage();
}

int main(int argc, char **argv) {
    gen_opts o;
    parse_args(argc, argv, &o);
    if (mkdir(o.out, 0777) != 0 && errno != EEXIST) { perror(o.out); return 1; }
    bench_shape s;
    shape_make(o.units, &s);
    write_units(&o, &s);
    write_people(&o, &s);
    write_registrations(&o);
    fprintf(stderr, "gen: %ld units (%ld districts, %ld grassroots, %ld cells), %ld people -> %s\n",
            s.n, s.districts, s.grassroots, s.cells, o.people, o.out);
    return 0;
}
