/*
** test_text.c — the text layer and core helpers: UTF-8 validation with
** line and column, NFC, the search fold, Vietnamese collation and name
** order, dates, percent rounding and the bounded buffer; what free text
** may hold and the writers' cleaning.
*/
#include "unit.h"

#include <limits.h>
#include <stdio.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "../../src/text/text.h"

#include <stdlib.h>
#include <string.h>

static void utf8_check_reports_line_and_column(void **state) {
    (void)state;
    long line = 0, col = 0;
    const char ok[] = "Chợ Lách\nSơn Định";
    assert_int_equal(text_utf8_check(ok, strlen(ok), &line, &col), 0);
    const char bad[] = "dòng một\nHò\xff a";
    assert_int_equal(text_utf8_check(bad, strlen(bad), &line, &col), -1);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    const char overlong[] = "a\xc0\xafz";
    assert_int_equal(text_utf8_check(overlong, 4, &line, &col), -1);
    assert_int_equal(col, 2);
    const char surrogate[] = "\xed\xa0\x80";
    assert_int_equal(text_utf8_check(surrogate, 3, NULL, NULL), -1);
    assert_int_equal(text_utf8_check("a\0b", 3, &line, &col), -1); /* NUL refused */
}

static void nfc_composes_decomposed_input(void **state) {
    (void)state;
    char *n = text_nfc_dup("Sa\xcc\x80i Go\xcc\x80n"); /* a + grave, o + grave */
    assert_non_null(n);
    assert_string_equal(n, "Sài Gòn");
    free(n);
    n = text_nfc_dup("Vie\xcc\x82\xcc\xa3t"); /* e + circumflex + dot below */
    assert_string_equal(n, "Việt");
    free(n);
    n = text_nfc_dup("Vie\xcc\xa3\xcc\x82t"); /* marks in the other order */
    assert_string_equal(n, "Việt");
    free(n);
    n = text_nfc_dup("Chợ Lách"); /* NFC stays as it is */
    assert_string_equal(n, "Chợ Lách");
    free(n);
    assert_null(text_nfc_dup("\xff"));
}

/* A file already NFC is read as it is (text_is_nfc): never one that would
** change, nor one that is not UTF-8. */
static void text_already_nfc_is_told_apart(void **state) {
    (void)state;
    static const char *const as_is[] = {"", "ma_nguoi,ho_ten\r\nP1,Chợ Lách\r\n", "Đảng bộ xã Sơn Định"};
    for (size_t i = 0; i < sizeof as_is / sizeof as_is[0]; i++)
        assert_true(text_is_nfc(as_is[i], strlen(as_is[i])));
    static const char *const not_as_is[] = {"Sa\xcc\x80i Go\xcc\x80n", "Vie\xcc\x82\xcc\xa3t", "P1,\xff",
                                            "P1,Ch\xe1\xbb"};
    for (size_t i = 0; i < sizeof not_as_is / sizeof not_as_is[0]; i++)
        assert_false(text_is_nfc(not_as_is[i], strlen(not_as_is[i])));
}

static void fold_drops_marks_and_maps_d(void **state) {
    (void)state;
    char *f = text_fold_dup("Sơn Định");
    assert_string_equal(f, "son dinh");
    free(f);
    f = text_fold_dup("  CHỢ   LÁCH ");
    assert_string_equal(f, "cho lach");
    free(f);
    f = text_fold_dup("ĐẢNG BỘ đ");
    assert_string_equal(f, "dang bo d");
    free(f);
    f = text_fold_dup("Vie\xcc\x82\xcc\xa3t"); /* NFD input folds the same */
    assert_string_equal(f, "viet");
    free(f);
}

/* Is the list in strictly increasing Vietnamese order? */
/* The NFC of text that skips ICU (every character plain) is what ICU gives. */
static void nfc_fast_path_equals_icu(void **state) {
    (void)state;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    assert_false(U_FAILURE(st));
    for (int c = 1; c < 0x2100; c++) {
        if (c >= 0xD800 && c < 0xE000) continue;
        char u8[5] = {0}, s[16];
        int k = 0;
        UBool err = 0;
        U8_APPEND((uint8_t *)u8, k, 4, c, err);
        if (err) continue;
        snprintf(s, sizeof s, "a%sb", u8);
        UChar u[16], want[64];
        int32_t ulen = 0;
        st = U_ZERO_ERROR;
        u_strFromUTF8(u, 16, &ulen, s, -1, &st);
        int32_t wlen = unorm2_normalize(nfc, u, ulen, want, 64, &st);
        char want8[128];
        u_strToUTF8(want8, sizeof want8, NULL, want, wlen, &st);
        assert_false(U_FAILURE(st));
        char *got = text_nfc_dup(s);
        assert_non_null(got);
        assert_string_equal(got, want8);
        free(got);
    }
}

/* The table fold equals the ICU fold it is built from, for every code
** point of its tables in several places of a string, and for strings
** that mix them with characters outside the tables. */
static void assert_fold_same(const char *s) {
    lt_buf a, b;
    lt_buf_init(&a, 0);
    lt_buf_init(&b, 0);
    assert_int_equal(text_fold(s, strlen(s), &a), text_fold_icu(s, strlen(s), &b));
    assert_int_equal(a.len, b.len);
    if (a.len) assert_memory_equal(a.p, b.p, a.len);
    lt_buf_free(&a);
    lt_buf_free(&b);
}

static void table_fold_equals_icu_fold(void **state) {
    (void)state;
    static const char *const ctx[] = {"%s", "A%sb", " %s ", "%s%s x", "Nguyễn %s Đ\u0301"};
    for (int c = 1; c < 0x1F00; c++) {
        if (c == 0x370) c = 0x1E00;
        char u8[5] = {0}, s[64];
        int k = 0;
        UBool err = 0;
        U8_APPEND((uint8_t *)u8, k, 4, c, err);
        if (err) continue;
        for (unsigned i = 0; i < sizeof ctx / sizeof ctx[0]; i++) {
            snprintf(s, sizeof s, ctx[i], u8, u8);
            assert_fold_same(s);
        }
    }
    assert_fold_same("  Trần  Thị\tÆbé 中文 Đặng ");
    assert_fold_same("Le\xcc\x82 Va\xcc\x86n \xc4\x90u\xcc\x9b\xcc\x81" "c"); /* NFD input */
}

/* memcmp order of two sort keys (text.h): <0, 0 or >0; fails on NULL. */
static int key_cmp(const char *x, const char *y, int names) {
    size_t nx, ny;
    unsigned char *a = names ? text_name_sort_key(x, &nx) : text_collate_key(x, &nx);
    unsigned char *b = names ? text_name_sort_key(y, &ny) : text_collate_key(y, &ny);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(memchr(a, 0, nx)); /* no NUL: the key ends where its bytes end */
    int c = memcmp(a, b, nx < ny ? nx : ny);
    if (!c) c = nx < ny ? -1 : nx > ny;
    free(a);
    free(b);
    return c;
}

static void assert_vi_order(const char *const *words, int n) {
    for (int i = 1; i < n; i++) {
        if (text_collate_cmp(words[i - 1], words[i]) >= 0)
            fail_msg("\"%s\" should sort before \"%s\"", words[i - 1], words[i]);
        if (key_cmp(words[i - 1], words[i], 0) >= 0)
            fail_msg("sort key of \"%s\" not before \"%s\"", words[i - 1], words[i]);
    }
}

static void collation_follows_vietnamese_alphabet(void **state) {
    (void)state;
    static const char *const letters[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g",
                                          "h", "i", "k", "l", "m", "n", "o", "ô", "ơ", "p",
                                          "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
    assert_vi_order(letters, (int)LT_ARRAY_LEN(letters));
    static const char *const words[] = {"Dung", "Dũng", "Đào", "Định", "Hà", "Hải", "Ơn"};
    assert_vi_order(words, (int)LT_ARRAY_LEN(words));
    /* a word before the longer one it begins */
    static const char *const prefixes[] = {"", "An", "Anh", "Anh Thư"};
    assert_vi_order(prefixes, (int)LT_ARRAY_LEN(prefixes));
}

static void names_sort_by_given_name_first(void **state) {
    (void)state;
    assert_true(key_cmp("Trần Văn An", "Nguyễn Thị Bình", 1) < 0); /* An before Bình whatever the family */
    assert_true(key_cmp("Nguyễn Thị Bình", "Lê Văn Bình", 1) < 0);  /* same given name: Thị before Văn */
    assert_true(key_cmp("Nguyễn Văn Dũng", "Nguyễn Văn Đạt", 1) < 0); /* d before đ */
    assert_int_equal(key_cmp("Lê  Văn An", "Lê Văn An", 1), 0);      /* spaces do not count */
}

static long long group_of(const char *fold) { return text_name_rank(fold, 1) >> 34; }

/* People named alike are next to each other in the name search's index:
** by given name, then family name, then id; no two people share a place. */
static void name_rank_keeps_people_named_alike_together(void **state) {
    (void)state;
    assert_true(group_of("nguyen van thang") == group_of("nguyen thi thang"));
    assert_true(group_of("nguyen van thang") == group_of("ngo thang")); /* first letters only */
    assert_true(group_of("nguyen van an") < group_of("tran van an"));  /* same given: family */
    assert_true(group_of("tran van an") < group_of("nguyen van binh")); /* given first */
    assert_true(group_of("lan") == group_of("lan lan"));
    assert_true(text_name_rank("nguyen van an", 7) + 1 == text_name_rank("nguyen van an", 8));
    assert_true(text_name_rank("nguyen van an", 7) != text_name_rank("tran van an", 7));
    assert_true(text_name_rank("", 1) == 1);
    assert_true(text_name_rank("zzzz zz", (1LL << 34) - 1) > 0);       /* fits in 63 bits */
    assert_true(text_name_rank("nguyen van an", 0) == -1);
    assert_true(text_name_rank("nguyen van an", 1LL << 34) == -1);
}

static void dates_take_both_forms(void **state) {
    (void)state;
    char out[11];
    assert_int_equal(lt_parse_date("12/04/2021", out), 0);
    assert_string_equal(out, "2021-04-12");
    assert_int_equal(lt_parse_date("1/7/2025", out), 0);
    assert_string_equal(out, "2025-07-01");
    assert_int_equal(lt_parse_date("2020-02-29", out), 0);
    assert_int_equal(lt_parse_date("2021-02-29", out), -1);
    assert_int_equal(lt_parse_date("31/04/2021", out), -1);
    assert_int_equal(lt_parse_date("12-04-2021", out), 0);   /* DESIGN §4: "/", "-" or "." */
    assert_string_equal(out, "2021-04-12");
    assert_int_equal(lt_parse_date("5.3.1975", out), 0);
    assert_string_equal(out, "1975-03-05");
    lt_iso_day(out, 2200, 12, 31);
    assert_string_equal(out, "2200-12-31");
    lt_iso_day(out, 7, 1, 9);   /* zeros first, always four, two and two digits */
    assert_string_equal(out, "0007-01-09");
    assert_int_equal(lt_parse_date("05-03/1980", out), -1);  /* one separator, not two */
    assert_int_equal(lt_parse_date("123-04-2021", out), -1);
    assert_int_equal(lt_parse_date("", out), -1);
    assert_int_equal(lt_parse_date("2021-4-1", out), -1);
}

static void times_read_in_vietnam(void **state) {
    (void)state;
    char t[17], d[11];
    assert_string_equal(lt_time_vn("2026-12-02T13:17:40Z", t), "02/12/2026 20:17");
    assert_string_equal(lt_time_vn("2026-12-31T20:00:00Z", t), "01/01/2027 03:00"); /* a new year in Vietnam */
    assert_string_equal(lt_time_vn("2024-02-28T17:30:00Z", t), "29/02/2024 00:30"); /* a leap day */
    assert_string_equal(lt_time_vn("hôm qua", t), "hôm qua");                       /* not a time: as it is */
    assert_string_equal(lt_time_vn("", t), "");
    assert_string_equal(lt_date_vn("2020-03-05", d), "05/03/2020");
    assert_string_equal(lt_date_vn("1975", d), "1975");
}

static void counts_as_offices_write_them(void **state) {
    (void)state;
    long v;
    assert_int_equal(lt_parse_count("45.000.000", 100000000, &v), 0);
    assert_int_equal(v, 45000000);
    assert_int_equal(lt_parse_count("4.238", 100000, &v), 0);
    assert_int_equal(v, 4238);
    assert_int_equal(lt_parse_count("4238", 100000, &v), 0);
    assert_int_equal(v, 4238);
    assert_int_equal(lt_parse_count("0", 10, &v), 0);
    assert_int_equal(lt_parse_count("4.5", 100000, &v), -1);       /* not thousands */
    assert_int_equal(lt_parse_count("45.00.000", 100000000, &v), -1);
    assert_int_equal(lt_parse_count("1234.567", 100000000, &v), -1); /* a first group of four */
    assert_int_equal(lt_parse_count(".000", 100000, &v), -1);
    assert_int_equal(lt_parse_count("4.238.", 100000, &v), -1);
    assert_int_equal(lt_parse_count("-4.238", 100000, &v), -1);
    /* and written back the same way, read back to the same number */
    char b[LT_COUNT_MAX];
    assert_int_equal(lt_count_fmt(b, 550000, '.'), 7);
    assert_string_equal(b, "550.000");
    assert_int_equal(lt_parse_count(b, 1000000, &v), 0);
    assert_int_equal(v, 550000);
    lt_count_fmt(b, 999, '.');
    assert_string_equal(b, "999");
    lt_count_fmt(b, 1000, ',');
    assert_string_equal(b, "1,000");
    lt_count_fmt(b, 0, '.');
    assert_string_equal(b, "0");
    lt_count_fmt(b, 45000000, 0);
    assert_string_equal(b, "45000000");
    lt_count_fmt(b, -1234567, '.');
    assert_string_equal(b, "-1.234.567");
    lt_count_fmt(b, LLONG_MIN, '.');
    assert_string_equal(b, "-9.223.372.036.854.775.808");
    assert_int_equal(lt_parse_count("1.000.001", 1000000, &v), -1); /* above the bound */
    assert_int_equal(lt_parse_count("", 10, &v), -1);
}

static void percent_rounds_half_up(void **state) {
    (void)state;
    assert_int_equal(lt_percent_tenths(84, 85), 988);   /* 98.82 */
    assert_int_equal(lt_percent_tenths(1, 8), 125);     /* 12.5 exactly */
    assert_int_equal(lt_percent_tenths(1, 16), 63);     /* 6.25 -> 6.3 half up */
    assert_int_equal(lt_percent_tenths(2, 3), 667);     /* 66.666 */
    assert_int_equal(lt_percent_tenths(0, 5), 0);
    assert_int_equal(lt_percent_tenths(7, 7), 1000);
    assert_int_equal(lt_percent_tenths(9995, 10000), 1000); /* 99.95 -> 100.0 */
}

static void buffer_respects_its_bound(void **state) {
    (void)state;
    lt_buf b;
    lt_buf_init(&b, 8);
    assert_int_equal(lt_buf_puts(&b, "12345678"), LT_OK);
    assert_int_equal(lt_buf_putc(&b, '9'), LT_ENOMEM);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.p, "12345678");
    lt_buf_reset(&b);
    assert_int_equal(lt_buf_printf(&b, "%d-%d", 12, 34), LT_OK);
    assert_string_equal(b.p, "12-34");
    lt_buf_free(&b);
}

static void trim_removes_spaces_and_nbsp(void **state) {
    (void)state;
    char s[] = " \xc2\xa0 Chợ Lách\t\r\n";
    assert_string_equal(text_trim(s), "Chợ Lách");
}

/* What free text may hold: TAB/LF/CR in multi-line text only, no other
** control, no U+FFFE/U+FFFF; the first refused one with its position in
** characters and what it is. */
static void free_text_refuses_controls_with_their_place(void **state) {
    (void)state;
    long pos = 0;
    uint32_t cp = 0;
    const char ok[] = "Chợ Lách\tSơn Định\r\nxã Tân Thiềng — 98,8%";
    assert_int_equal(text_check_free(ok, strlen(ok), 1, &pos, &cp), TEXT_FREE_OK);
    assert_int_equal(text_check_free(ok, strlen(ok), 0, &pos, &cp), TEXT_FREE_BREAK);
    assert_int_equal(pos, 9);
    assert_int_equal(cp, '\t');
    const char vt[] = "Học tập và\x0blàm theo";  /* U+000B at character 11 */
    assert_int_equal(text_check_free(vt, strlen(vt), 1, &pos, &cp), TEXT_FREE_CONTROL);
    assert_int_equal(pos, 11);
    assert_int_equal(cp, 0x0B);
    const char soh[] = "abcdefghijklmnop\x01";  /* past the eight-byte fast path */
    assert_int_equal(text_check_free(soh, strlen(soh), 1, &pos, &cp), TEXT_FREE_CONTROL);
    assert_int_equal(pos, 17);
    assert_int_equal(cp, 1);
    assert_int_equal(text_check_free("abcdefg\x7f", 8, 1, &pos, &cp), TEXT_FREE_CONTROL);
    assert_int_equal(cp, 0x7F);
    assert_int_equal(text_check_free("Đ\xc2\x85", 4, 1, &pos, &cp), TEXT_FREE_CONTROL); /* C1 NEL */
    assert_int_equal(pos, 2);
    assert_int_equal(cp, 0x85);
    assert_int_equal(text_check_free("x\xef\xbf\xbf", 4, 1, &pos, &cp), TEXT_FREE_NONCHAR);
    assert_int_equal(cp, 0xFFFF);
    assert_int_equal(text_check_free("\xef\xbf\xbe", 3, 1, &pos, &cp), TEXT_FREE_NONCHAR);
    assert_int_equal(text_check_free("\xef\xbf\xbd", 3, 1, &pos, &cp), TEXT_FREE_OK); /* U+FFFD is a character */
    assert_int_equal(text_check_free("ab\xe1" "c", 4, 1, &pos, &cp), TEXT_FREE_UTF8);
    assert_int_equal(pos, 3);
    assert_int_equal(cp, 0xE1);
    assert_int_equal(text_check_free("a\0b", 3, 1, &pos, &cp), TEXT_FREE_CONTROL);
    assert_int_equal(cp, 0);
    assert_int_equal(text_check_free("", 0, 0, NULL, NULL), TEXT_FREE_OK);
    assert_int_equal(text_check_free("a\nb", 3, 0, NULL, NULL), TEXT_FREE_BREAK);
}

/* The writers' cleaning: whatever free text may not hold becomes U+FFFD;
** clean text is copied as it is. */
static void clean_replaces_what_xml_cannot_hold(void **state) {
    (void)state;
    lt_buf b;
    lt_buf_init(&b, 0);
    const char in[] = "a\x0b" "b\x01\tc\r\nĐ\xef\xbf\xbf\xc2\x85\xffz";
    assert_int_equal(text_clean(in, sizeof in - 1, TEXT_REPLACEMENT, &b), LT_OK);
    assert_string_equal(b.p, "a\xef\xbf\xbd" "b\xef\xbf\xbd\tc\r\nĐ\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz");
    assert_int_equal(text_check_free(b.p, b.len, 1, NULL, NULL), TEXT_FREE_OK);
    lt_buf_reset(&b);
    assert_int_equal(text_clean("Sơn Định", strlen("Sơn Định"), TEXT_REPLACEMENT, &b), LT_OK);
    assert_string_equal(b.p, "Sơn Định");
    lt_buf_reset(&b);
    assert_int_equal(text_clean("a\x0b" "b", 3, " ", &b), LT_OK);   /* for speech */
    assert_string_equal(b.p, "a b");
    lt_buf_free(&b);
    lt_buf_init(&b, 4);   /* past its bound: an error, and out as it was */
    assert_int_equal(text_clean("\x01\x01", 2, TEXT_REPLACEMENT, &b), LT_ENOMEM);
    assert_true(b.len == 0);
    lt_buf_free(&b);
}

/* Every bad byte of a file, at its line and column. */
static void utf8_diags_name_every_bad_byte(void **state) {
    (void)state;
    lt_diags d = {0};
    const char s[] = "Họ tên\nNguy\xe1" "n Văn \xff" "A\n\xc3";
    assert_int_equal(text_utf8_diags(s, sizeof s - 1, &d), 3);
    assert_int_equal(d.total, 3);
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 5);
    assert_string_equal(d.items[0].en, "byte 0xE1 is not valid UTF-8");
    assert_string_equal(d.items[0].vi, "byte 0xE1 không phải UTF-8 hợp lệ");
    assert_int_equal(d.items[1].line, 2);
    assert_int_equal(d.items[1].col, 12);
    assert_int_equal(d.items[2].line, 3);
    assert_int_equal(d.items[2].col, 1);
    lt_diags_free(&d);
    assert_int_equal(text_utf8_diags("Sơn Định", strlen("Sơn Định"), &d), 0);
    assert_int_equal(d.total, 0);
}

/* Diacritics dropped, case and everything else kept. */
static void strip_marks_keeps_case(void **state) {
    (void)state;
    lt_buf b;
    lt_buf_init(&b, 0);
    const char s[] = "Báo cáo Sơn Định, ĐỘI Ệ; Nguye\xcc\x82\xcc\x83n";  /* the last NFD */
    assert_int_equal(text_strip_marks(s, strlen(s), &b), LT_OK);
    assert_string_equal(b.p, "Bao cao Son Dinh, DOI E; Nguyen");
    lt_buf_reset(&b);
    assert_int_equal(text_strip_marks("한국 €", strlen("한국 €"), &b), LT_OK);
    assert_string_equal(b.p, "한국 €");
    lt_buf_free(&b);
    assert_int_equal(text_strip_marks("", 0, &b), LT_OK);   /* a string, even empty */
    assert_non_null(b.p);
    assert_string_equal(b.p, "");
    assert_int_equal(text_strip_marks("a\xff", 2, &b), LT_EINPUT);
    lt_buf_free(&b);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(utf8_check_reports_line_and_column),
    cmocka_unit_test(nfc_composes_decomposed_input),
    cmocka_unit_test(text_already_nfc_is_told_apart),
    cmocka_unit_test(nfc_fast_path_equals_icu),
    cmocka_unit_test(fold_drops_marks_and_maps_d),
    cmocka_unit_test(table_fold_equals_icu_fold),
    cmocka_unit_test(collation_follows_vietnamese_alphabet),
    cmocka_unit_test(names_sort_by_given_name_first),
    cmocka_unit_test(name_rank_keeps_people_named_alike_together),
    cmocka_unit_test(dates_take_both_forms),
    cmocka_unit_test(percent_rounds_half_up),
    cmocka_unit_test(buffer_respects_its_bound),
    cmocka_unit_test(trim_removes_spaces_and_nbsp),
    cmocka_unit_test(free_text_refuses_controls_with_their_place),
    cmocka_unit_test(times_read_in_vietnam),
    cmocka_unit_test(counts_as_offices_write_them),
    cmocka_unit_test(clean_replaces_what_xml_cannot_hold),
    cmocka_unit_test(utf8_diags_name_every_bad_byte),
    cmocka_unit_test(strip_marks_keeps_case),
};

UNIT_MAIN(tests)
