/*
** test_html.c — unit tests of the page writer (src/web/html.c): numbers
** printed whole at their limits, text escaped, and a table's cells in
** words (a status or a code in Vietnamese or English, a name, a number or
** a date as it is).
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
    cmocka_unit_test(text_is_escaped_and_raw_is_not),
    cmocka_unit_test(table_cells_are_in_words),
};

UNIT_MAIN(tests)
