/*
** test_download.c — the name a download is given (web_attachment,
** issue 16.5): Content-Disposition with a plain ASCII filename of
** A-Z a-z 0-9 . _ - only and the UTF-8 name as RFC 5987 filename*=, from
** any name at all — Vietnamese, quotes, semicolons, line breaks, controls,
** bytes that are not UTF-8, very long names.
*/
#include "unit.h"
#include "../../src/web/web.h"

#include <stdlib.h>
#include <string.h>

/* The Content-Disposition web_attachment makes of name (lent, static). */
static const char *disposition(const char *name) {
    static web_req r;
    memset(&r, 0, sizeof r);
    web_attachment(&r, "application/pdf", name);
    assert_string_equal(r.ctype, "application/pdf");
    return r.disposition;
}

/* Does header hold only what a header value may: printable ASCII? */
static int header_safe(const char *h) {
    for (const unsigned char *p = (const unsigned char *)h; *p; p++)
        if (*p < 0x20 || *p > 0x7E) return 0;
    return 1;
}

static void vietnamese_is_folded_and_kept_encoded(void **state) {
    (void)state;
    assert_string_equal(disposition("Báo cáo Sơn Định.pdf"),
                        "attachment; filename=\"Bao-cao-Son-Dinh.pdf\"; "
                        "filename*=UTF-8''B%C3%A1o-c%C3%A1o-S%C6%A1n-%C4%90%E1%BB%8Bnh.pdf");
    assert_string_equal(disposition("bao-cao-DB-TT-2020.docx"),
                        "attachment; filename=\"bao-cao-DB-TT-2020.docx\"; "
                        "filename*=UTF-8''bao-cao-DB-TT-2020.docx");
}

/* The probe's code: a quote and a semicolon can no longer end the value. */
static void quotes_and_separators_cannot_end_the_value(void **state) {
    (void)state;
    const char *d = disposition("bao-cao-XSS-Q\"; filename=evil.html-2021.pdf");
    assert_string_equal(d, "attachment; filename=\"bao-cao-XSS-Q-filename-evil.html-2021.pdf\"; "
                           "filename*=UTF-8''bao-cao-XSS-Q-filename-evil.html-2021.pdf");
    d = disposition("a\r\nSet-Cookie: x=1\\..\\/b\x01\x0b\xff\xc2\x85 c.pdf");
    assert_true(header_safe(d));
    assert_string_equal(d, "attachment; filename=\"a-Set-Cookie-x-1-..-b-c.pdf\"; "
                           "filename*=UTF-8''a-Set-Cookie-x-1-..-b-c.pdf");
    d = disposition("../.x.pdf");   /* no name begins with a dot */
    assert_string_equal(d, "attachment; filename=\"x.pdf\"; filename*=UTF-8''x.pdf");
}

/* Nothing usable left, no extension, or a very long name. */
static void empty_bare_and_long_names(void **state) {
    (void)state;
    assert_string_equal(disposition("\"; .pdf"), "attachment; filename=\"tai-ve.pdf\"; filename*=UTF-8''tai-ve.pdf");
    assert_string_equal(disposition(""), "attachment; filename=\"tai-ve\"; filename*=UTF-8''tai-ve");
    assert_string_equal(disposition("ĐĐ"), "attachment; filename=\"DD\"; filename*=UTF-8''%C4%90%C4%90");
    assert_string_equal(disposition("한국.pdf"),   /* nothing plain: the UTF-8 name is kept */
                        "attachment; filename=\"tai-ve.pdf\"; filename*=UTF-8''%ED%95%9C%EA%B5%AD.pdf");
    assert_string_equal(disposition("x.tar.gz"), "attachment; filename=\"x.tar.gz\"; filename*=UTF-8''x.tar.gz");
    char longname[1200] = "";
    for (int i = 0; i < 150; i++) strcat(longname, "Định");   /* 7 bytes each */
    strcat(longname, ".xlsx");
    const char *d = disposition(longname);
    assert_true(header_safe(d));
    const char *ascii = strstr(d, "filename=\"");
    assert_non_null(ascii);
    /* 100 bytes: 14 whole "Định" and "Đ", not half of the next "ị"; then .xlsx */
    assert_int_equal(strcspn(ascii + 10, "\""), 14 * 4 + 1 + 5);
    assert_non_null(strstr(d, ".xlsx\"; filename*=UTF-8''%C4%90%E1%BB%8Bnh"));
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(vietnamese_is_folded_and_kept_encoded),
    cmocka_unit_test(quotes_and_separators_cannot_end_the_value),
    cmocka_unit_test(empty_bare_and_long_names),
};

UNIT_MAIN(tests)
