/*
** test_letterhead.c — names read as the Party's documents and stations
** read them (letterhead.c): the locality of a committee whatever form its
** name takes (Huyện ủy X or Đảng bộ huyện X, Quận ủy, Thị ủy, Thành ủy, a
** commune, a ward, a town), with or without diacritics' old placement,
** and none for a unit that names no place; the Vietnamese number style.
*/
#include "unit.h"
#include "../../src/io/io.h"

#include <limits.h>
#include <string.h>

static void locality(const char *name, const char *want) {
    char out[256];
    int found = unit_locality(name, out, sizeof out);
    assert_int_equal(found, want != NULL);
    assert_string_equal(out, want ? want : "");
}

static void committees_name_their_localities(void **state) {
    (void)state;
    locality("Huyện ủy Chợ Lách", "huyện Chợ Lách");
    locality("Đảng bộ huyện Chợ Lách", "huyện Chợ Lách");
    locality("Huyện uỷ Chợ Lách", "huyện Chợ Lách"); /* the old placement of the mark */
    locality("Đảng bộ tỉnh Vĩnh Long", "tỉnh Vĩnh Long");
    locality("Tỉnh ủy Bến Tre", "tỉnh Bến Tre");
    locality("Thành ủy Hồ Chí Minh", "thành phố Hồ Chí Minh");
    locality("Quận ủy Ba Đình", "quận Ba Đình");
    locality("Thị ủy Bình Minh", "thị xã Bình Minh");
    locality("Đảng bộ xã Tân Thiềng", "xã Tân Thiềng");
    locality("Đảng ủy phường Ba Đình", "phường Ba Đình");
    locality("Đảng bộ Thị trấn Chợ Lách", "thị trấn Chợ Lách");
    locality("Đảng bộ đặc khu Phú Quốc", "đặc khu Phú Quốc");
}

static void other_units_name_none(void **state) {
    (void)state;
    locality("Đảng bộ Công an huyện", NULL);        /* a committee, but of no locality */
    locality("Chi bộ ấp 2, xã Tân Thiềng", NULL);   /* a cell: its commune's station */
    locality("Kho bạc Nhà nước huyện Chợ Lách", NULL);
    locality("Huyện ủy", NULL);                     /* the form alone */
    locality("", NULL);
    locality("\xff\xfe", NULL);                      /* not UTF-8 */
}

static void numbers_the_vietnamese_way(void **state) {
    (void)state;
    static const struct { long long v; const char *want; } cases[] = {
        {0, "0"}, {7, "7"}, {999, "999"}, {1000, "1.000"}, {4238, "4.238"}, {23163, "23.163"},
        {180000000, "180.000.000"}, {-1234, "-1.234"}, {LLONG_MIN, "-9.223.372.036.854.775.808"},
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[32];
        report_int_vi(cases[i].v, out);
        assert_string_equal(out, cases[i].want);
    }
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(committees_name_their_localities),
    cmocka_unit_test(other_units_name_none),
    cmocka_unit_test(numbers_the_vietnamese_way),
};

UNIT_MAIN(tests)
