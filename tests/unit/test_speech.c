/*
** test_speech.c — text as the loudspeakers read it: numbers in Vietnamese
** words with their irregular forms (mốt, tư, lăm, linh, không trăm),
** dates, decimals, percentages and abbreviations.
*/
#include "unit.h"
#include "../../src/io/io.h"

#include <string.h>

static void says(unsigned long long n, const char *want) {
    lt_buf b;
    lt_buf_init(&b, 0);
    speech_number(&b, n);
    assert_string_equal(b.p, want);
    lt_buf_free(&b);
}

static void reads(const char *in, const char *want) {
    lt_buf b;
    lt_buf_init(&b, 0);
    speech_text(in, &b);
    assert_string_equal(b.p ? b.p : "", want);
    lt_buf_free(&b);
}

static void numbers_in_words(void **state) {
    (void)state;
    says(0, "không");
    says(5, "năm");
    says(10, "mười");
    says(14, "mười bốn");
    says(15, "mười lăm");
    says(21, "hai mươi mốt");
    says(24, "hai mươi tư");
    says(25, "hai mươi lăm");
    says(105, "một trăm linh năm");
    says(110, "một trăm mười");
    says(1001, "một nghìn không trăm linh một");
    says(2000, "hai nghìn");
    says(2021, "hai nghìn không trăm hai mươi mốt");
    says(180000000, "một trăm tám mươi triệu");
    says(1000000005ULL, "một tỷ không trăm linh năm");
}

static void dates_as_spoken(void **state) {
    (void)state;
    reads("12/04/2021", "ngày mười hai tháng tư năm hai nghìn không trăm hai mươi mốt");
    reads("hạn 1/7/2025.", "hạn ngày mùng một tháng bảy năm hai nghìn không trăm hai mươi lăm.");
    reads("31/12/2020", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi");
}

static void decimals_percent_and_abbreviations(void **state) {
    (void)state;
    reads("đạt 98,8%", "đạt chín mươi tám phẩy tám phần trăm");
    reads("100% cán bộ", "một trăm phần trăm cán bộ");
    reads("Ủy ban MTTQ xã", "Ủy ban Mặt trận Tổ quốc xã");
    reads("Chủ tịch UBND xã", "Chủ tịch Ủy ban nhân dân xã");
    reads("Chỉ thị 05-CT/TW", "Chỉ thị số không năm của Bộ Chính trị");
    reads("Kết luận 01-KL/TW", "Kết luận số không một của Bộ Chính trị");
    reads("Quy định 132-QĐ/TW", "Quy định một trăm ba mươi hai của Trung ương");
    reads("180.000.000 đồng", "một trăm tám mươi triệu đồng");
    reads("MTTQX", "MTTQX"); /* not an abbreviation inside a longer word */
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(numbers_in_words),
    cmocka_unit_test(dates_as_spoken),
    cmocka_unit_test(decimals_percent_and_abbreviations),
};

UNIT_MAIN(tests)
