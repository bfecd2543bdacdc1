/*
** test_html.c — unit tests of the page writer (src/web/html.c): numbers
** printed whole at their limits, counts with the separator of thousands
** of the page's language, text escaped, and a table's cells in words (a
** status or a code in Vietnamese or English, a name, a number or a date
** as it is; a column of counts with its separators).
*/
#include "unit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/web/web.h"

static web_req *new_req(int lang_en) {
    web_req *r = calloc(1, sizeof *r);
    assert_non_null(r);
    lt_buf_init(&r->out, 0);
    r->lang_en = lang_en;
    return r;
}

/* What r wrote, as a string (lent until r is freed; always terminated). */
static const char *written(web_req *r) {
    assert_int_equal(r->out.err, 0);
    return r->out.p ? r->out.p : "";
}

static void free_req(web_req *r) {
    lt_buf_free(&r->out);
    free(r);
}

static void numbers_are_printed_whole_at_their_limits(void **state) {
    (void)state;
    web_req *r = new_req(0);
    html_printf(r, "%d|%d|%d|%ld|%lld|%lld|%zu|100%%", 0, INT_MIN, INT_MAX, -42L, LLONG_MIN, LLONG_MAX,
                (size_t)7);
    assert_string_equal(written(r), "0|-2147483648|2147483647|-42|-9223372036854775808|9223372036854775807|7|100%");
    free_req(r);
}

/* %N: a count as people read it, a dot between thousands on a Vietnamese
** page ("25.000"), a comma on an English one; %d and %lld stay plain. */
static void counts_have_the_separator_of_thousands(void **state) {
    (void)state;
    web_req *r = new_req(0);
    html_printf(r, "%N|%N|%N|%N|%N|%N|%N|%N|%N", 0LL, 7LL, 999LL, 1000LL, 25000LL, 1234567LL, -1234LL, -999LL,
                100000LL);
    assert_string_equal(written(r), "0|7|999|1.000|25.000|1.234.567|-1.234|-999|100.000");
    free_req(r);
    r = new_req(1);
    html_printf(r, "%N|%N|%N", 1234567LL, -1234LL, 999LL);
    assert_string_equal(written(r), "1,234,567|-1,234|999");
    free_req(r);
    r = new_req(0);
    html_printf(r, "%N|%N|năm %d|%lld", LLONG_MIN, LLONG_MAX, 2025, 25000LL);
    assert_string_equal(written(r), "-9.223.372.036.854.775.808|9.223.372.036.854.775.807|năm 2025|25000");
    free_req(r);
}

static void text_is_escaped_and_raw_is_not(void **state) {
    (void)state;
    web_req *r = new_req(0);
    html_printf(r, "<p title=\"%s\">%S</p><a href=\"/don-vi/%U\">", "\"Chợ\" <b>&", "<i>x</i>", "DB TT/1");
    assert_string_equal(written(r), "<p title=\"&quot;Chợ&quot; &lt;b&gt;&amp;\"><i>x</i></p>"
                                    "<a href=\"/don-vi/DB%20TT%2F1\">");
    free_req(r);
}

/* A table of one row: a status, a code, a name, a number and a date. */
static const char *one_row(web_req *r) {
    static char *names[] = {"status", "category", "full_name", "n", "on"};
    static char *cells[] = {"submitted", "party_member", "Nguyễn Văn An", "12", "01/02/2026"};
    static unsigned char types[] = {ROWS_TEXT, ROWS_TEXT, ROWS_TEXT, ROWS_INT, ROWS_TEXT};
    dom_rows rows = (dom_rows){.ncols = 5, .names = names, .n = 1, .cells = cells, .types = types};
    static const char *const cols[] = {"status", "A|A", "category", "B|B", "full_name", "C|C", "n", "D|D",
                                       "on", "E|E", NULL};
    html_rows(r, &rows, cols, NULL, NULL);
    return written(r);
}

/* A column whose heading begins with '#' holds counts: its whole numbers
** have the separator of thousands, its other cells (empty) are as they
** are, and the '#' is not shown; other numbers (a year) stay plain. */
static const char *count_rows(web_req *r) {
    static char *names[] = {"year", "present", "expected"};
    static char *cells[] = {"2025", "25000", "", "2024", "-1234", "7"};
    static unsigned char types[] = {ROWS_INT, ROWS_INT, ROWS_NULL, ROWS_INT, ROWS_INT, ROWS_INT};
    dom_rows rows = (dom_rows){.ncols = 3, .names = names, .n = 2, .cells = cells, .types = types};
    static const char *const cols[] = {"year", "Năm|Year", "present", "#Có mặt|Present", "expected",
                                       "#Tổng số|Expected", NULL};
    html_rows(r, &rows, cols, NULL, NULL);
    return written(r);
}

static void count_columns_have_the_separator(void **state) {
    (void)state;
    static const char *const want[2][3] = {
        {"<th>Năm</th><th>Có mặt</th><th>Tổng số</th>", "<tr><td>2025</td><td>25.000</td><td></td></tr>",
         "<tr><td>2024</td><td>-1.234</td><td>7</td></tr>"},
        {"<th>Year</th><th>Present</th><th>Expected</th>", "<tr><td>2025</td><td>25,000</td><td></td></tr>",
         "<tr><td>2024</td><td>-1,234</td><td>7</td></tr>"}};
    for (int en = 0; en < 2; en++) {   /* Vietnamese, then English */
        web_req *r = new_req(en);
        const char *table = count_rows(r);
        for (int k = 0; k < 3; k++) assert_non_null(strstr(table, want[en][k]));
        free_req(r);
    }
}

static void table_cells_are_in_words(void **state) {
    (void)state;
    web_req *r = new_req(0);
    const char *vi = one_row(r);
    assert_non_null(strstr(vi, "<td>Chờ duyệt</td>"));
    assert_non_null(strstr(vi, "<td>Đảng viên</td>"));
    assert_non_null(strstr(vi, "<td>Nguyễn Văn An</td>"));
    assert_non_null(strstr(vi, "<td>12</td>"));
    assert_non_null(strstr(vi, "<td>01/02/2026</td>"));
    free_req(r);
    r = new_req(1);
    const char *en = one_row(r);
    assert_non_null(strstr(en, "<td>Submitted</td>"));
    assert_null(strstr(en, "submitted<"));
    assert_null(strstr(en, "party_member"));
    free_req(r);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(numbers_are_printed_whole_at_their_limits),
    cmocka_unit_test(counts_have_the_separator_of_thousands),
    cmocka_unit_test(text_is_escaped_and_raw_is_not),
    cmocka_unit_test(table_cells_are_in_words),
    cmocka_unit_test(count_columns_have_the_separator),
};

UNIT_MAIN(tests)
