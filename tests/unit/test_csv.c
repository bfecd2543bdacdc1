/*
** test_csv.c — unit tests of the CSV reader (src/io/csv.c): quoting,
** separators, line numbers, empty lines, ragged rows and every error;
** lt_read_file, which gives the reader its bytes; and the export's cells,
** where a cell that a spreadsheet would take for a formula is neutralised.
*/
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/io/io.h"

/* Parse a NUL-terminated literal; returns the status. */
static int parse(const char *s, io_table *t, lt_err *e) {
    lt_err_clear(e);
    return io_csv_parse(s, strlen(s), t, e);
}

/* Check row r has exactly the n cells given. */
static void check_row(const io_table *t, long r, long line, int n, ...) {
    assert_true(r < t->nrows);
    assert_int_equal(t->rows[r].line, line);
    assert_int_equal(t->rows[r].ncells, n);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) assert_string_equal(t->rows[r].cells[i], va_arg(ap, const char *));
    va_end(ap);
}

/* Check the error is LT_EINPUT and both messages contain the texts. */
static void check_err(int rc, const lt_err *e, const io_table *t, const char *vi, const char *en) {
    assert_int_equal(rc, LT_EINPUT);
    assert_int_equal(e->code, LT_EINPUT);
    assert_non_null(strstr(e->vi, vi));
    assert_non_null(strstr(e->en, en));
    assert_int_equal(t->nrows, 0);
    assert_null(t->rows);
}

static void test_simple(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    assert_int_equal(parse("ho_ten,ngay_sinh\nNguyễn Văn An,01/02/2000\n", &t, &e), LT_OK);
    assert_int_equal(t.sep, ',');
    assert_int_equal(t.nrows, 2);
    check_row(&t, 0, 1, 2, "ho_ten", "ngay_sinh");
    check_row(&t, 1, 2, 2, "Nguyễn Văn An", "01/02/2000");
    io_table_free(&t);
    assert_int_equal(t.nrows, 0);
    io_table_free(&t);  /* twice is harmless */
}

static void test_quotes(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    assert_int_equal(parse("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\n", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 1);
    check_row(&t, 0, 1, 4, "a", "b,c", "say \"hi\"", "");
    io_table_free(&t);
}

static void test_embedded_newlines(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    const char *s = "ten,dia_chi\n\"An\",\"Ấp 1\nChợ Lách\"\r\nBình,\"x\r\ny\rz\"\nCường,w\n";
    assert_int_equal(parse(s, &t, &e), LT_OK);
    assert_int_equal(t.nrows, 4);
    check_row(&t, 1, 2, 2, "An", "Ấp 1\nChợ Lách");
    check_row(&t, 2, 4, 2, "Bình", "x\r\ny\rz");
    check_row(&t, 3, 7, 2, "Cường", "w");
    io_table_free(&t);
}

static void test_crlf_and_cr(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    assert_int_equal(parse("a,b\r\n1,2\r\n3,4", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 3);
    check_row(&t, 1, 2, 2, "1", "2");
    check_row(&t, 2, 3, 2, "3", "4");
    io_table_free(&t);
    assert_int_equal(parse("a,b\r1,2\r\r3,4\r", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 3);
    check_row(&t, 2, 4, 2, "3", "4");
    io_table_free(&t);
}

static void test_separator(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    assert_int_equal(parse("a;b;\"c,d,e\"\n1;2,5;3\n", &t, &e), LT_OK);
    assert_int_equal(t.sep, ';');
    check_row(&t, 0, 1, 3, "a", "b", "c,d,e");
    check_row(&t, 1, 2, 3, "1", "2,5", "3");
    io_table_free(&t);
    assert_int_equal(parse("a;b,c\n", &t, &e), LT_OK);   /* a tie: ',' */
    assert_int_equal(t.sep, ',');
    check_row(&t, 0, 1, 2, "a;b", "c");
    io_table_free(&t);
    assert_int_equal(parse("a\tb\tc\n", &t, &e), LT_OK);  /* tab is no separator */
    assert_int_equal(t.sep, ',');
    check_row(&t, 0, 1, 1, "a\tb\tc");
    io_table_free(&t);
    assert_int_equal(parse("\n\n\"x;y\";z;w\n", &t, &e), LT_OK);  /* header after blanks */
    assert_int_equal(t.sep, ';');
    check_row(&t, 0, 3, 3, "x;y", "z", "w");
    io_table_free(&t);
}

static void test_ragged_empty(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    assert_int_equal(parse("a,b,c\n\n1\n,,\n\r\n4,5,6,7,\n\n", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 4);
    check_row(&t, 0, 1, 3, "a", "b", "c");
    check_row(&t, 1, 3, 1, "1");
    check_row(&t, 2, 4, 3, "", "", "");
    check_row(&t, 3, 6, 5, "4", "5", "6", "7", "");
    io_table_free(&t);
    assert_int_equal(parse("", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 0);
    io_table_free(&t);
    assert_int_equal(parse("\r\n\n\r", &t, &e), LT_OK);
    assert_int_equal(t.nrows, 0);
    io_table_free(&t);
    assert_int_equal(io_csv_parse(NULL, 0, &t, &e), LT_OK);
    assert_int_equal(t.nrows, 0);
}

static void test_unterminated(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    int rc = parse("a,b\n1,2\n3,\"abc\n\ndef\n", &t, &e);
    check_err(rc, &e, &t, "dòng 3", "line 3");
    assert_non_null(strstr(e.en, "never closed"));
}

static void test_stray_quote(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    int rc = parse("a,b\n\"x\ny\"z,2\n", &t, &e);
    check_err(rc, &e, &t, "dòng 3", "line 3: text after a closing quote");
    rc = parse("a,b\n\na\"b\",c\n", &t, &e);
    check_err(rc, &e, &t, "dòng 3", "line 3: stray quote");
}

static void test_long_cell(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    size_t n = IO_MAX_CELL + 10;
    char *s = malloc(n + 16);
    assert_non_null(s);
    memcpy(s, "a\nb\n", 4);
    memset(s + 4, 'x', n);
    s[4 + n] = 0;
    int rc = parse(s, &t, &e);
    check_err(rc, &e, &t, "dòng 3: ô dài quá 65536 byte", "line 3: cell longer than 65536 bytes");
    s[4] = '"';                        /* the same inside quotes */
    s[4 + n - 1] = '"';
    rc = parse(s, &t, &e);
    check_err(rc, &e, &t, "dòng 3", "cell longer than");
    memset(s + 4, 'y', IO_MAX_CELL);   /* exactly the bound is fine */
    s[4 + IO_MAX_CELL] = 0;
    assert_int_equal(parse(s, &t, &e), LT_OK);
    assert_int_equal(strlen(t.rows[2].cells[0]), IO_MAX_CELL);
    io_table_free(&t);
    free(s);
}

static void test_too_many_cells(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    char s[IO_MAX_COLS + 8];
    memset(s, ',', IO_MAX_COLS);       /* IO_MAX_COLS + 1 cells */
    s[IO_MAX_COLS] = 0;
    int rc = parse(s, &t, &e);
    check_err(rc, &e, &t, "dòng 1", "line 1: more than 256 cells");
    s[IO_MAX_COLS - 1] = 0;            /* exactly IO_MAX_COLS */
    assert_int_equal(parse(s, &t, &e), LT_OK);
    assert_int_equal(t.rows[0].ncells, IO_MAX_COLS);
    io_table_free(&t);
}

static void test_nul_byte(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    static const char a[] = "a,b\n1,x\0y\n";
    lt_err_clear(&e);
    int rc = io_csv_parse(a, sizeof a - 1, &t, &e);
    check_err(rc, &e, &t, "dòng 2", "line 2: NUL byte");
    static const char b[] = "a,b\n\n\"1\nx\0y\"\n";
    rc = io_csv_parse(b, sizeof b - 1, &t, &e);
    check_err(rc, &e, &t, "dòng 4", "line 4: NUL byte");
    static const char c[] = "a,\"b\"\0\n";
    rc = io_csv_parse(c, sizeof c - 1, &t, &e);
    check_err(rc, &e, &t, "dòng 1", "NUL byte");
    /* n is the length: bytes after n are never read */
    assert_int_equal(io_csv_parse("a,b\n1,2", 5, &t, &e), LT_OK);
    assert_int_equal(t.nrows, 2);
    check_row(&t, 1, 2, 1, "1");
    io_table_free(&t);
}

static void test_errors_null_e(void **st) {
    (void)st;
    io_table t;
    assert_int_equal(io_csv_parse("\"abc", 4, &t, NULL), LT_EINPUT);
    assert_int_equal(t.nrows, 0);
}

static void test_many_rows(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    lt_buf b;
    lt_buf_init(&b, 0);
    for (int i = 0; i < 5000; i++) lt_buf_printf(&b, "%d;\"r%d\"\r\n", i, i);
    assert_int_equal(io_csv_parse(b.p, b.len, &t, &e), LT_OK);
    assert_int_equal(t.nrows, 5000);
    check_row(&t, 4999, 5000, 2, "4999", "r4999");
    io_table_free(&t);
    lt_buf_free(&b);
}

/* Both readings of data: io_csv_parse_two (at IO_CSV_TWO_MIN) must give
** the same rows, lines and cells as one pass.  Returns 0 when it did. */
static int same_both_ways(const lt_buf *b) {
    io_table one, two;
    lt_err e;
    assert_int_equal(io_csv_parse(b->p, b->len, &one, &e), LT_OK);
    int rc = io_csv_parse_two(b->p, b->len, IO_CSV_TWO_MIN, NULL, &two);
    if (rc == 0) {
        assert_int_equal(two.nrows, one.nrows);
        assert_int_equal(two.sep, one.sep);
        for (long i = 0; i < one.nrows; i++) {
            assert_int_equal(two.rows[i].line, one.rows[i].line);
            assert_int_equal(two.rows[i].ncells, one.rows[i].ncells);
            for (int c = 0; c < one.rows[i].ncells; c++)
                assert_string_equal(two.rows[i].cells[c], one.rows[i].cells[c]);
        }
    }
    io_table_free(&one);
    io_table_free(&two);
    return rc;
}

static int never(const char *s, size_t n) { (void)s, (void)n; return 0; }

/* A large file is read in two halves at once: the rows, their lines and
** cells are those of one pass, with quoted cells holding line ends, quotes
** and separators, CRLF and LF, empty lines, and a quoted cell of many lines
** across the middle; a file failing in its second half, or refused by the
** caller's check, is left to the one pass, which names the line. */
static void test_two_halves(void **st) {
    (void)st;
    lt_buf b;
    lt_buf_init(&b, 0);
    lt_buf_printf(&b, "ma;ho_ten;ghi_chu\n");
    for (long i = 0; b.len < IO_CSV_TWO_MIN + 4096; i++) {
        if (i % 7 == 0) lt_buf_printf(&b, "\r\n");
        if (i % 5 == 0)
            lt_buf_printf(&b, "DV%07ld;\"Nguyễn \"\"Văn\"\"\nAn\";\"a;b\r\nc\"\r\n", i);
        else
            lt_buf_printf(&b, "DV%07ld;Trần Thị Bình;%s\n", i, i % 3 ? "" : "x");
        if (b.len > IO_CSV_TWO_MIN / 2 - 512 && b.len < IO_CSV_TWO_MIN / 2) {
            lt_buf_printf(&b, "DV-long;\"");
            for (int k = 0; k < 200; k++) lt_buf_printf(&b, "dòng %d\n", k);
            lt_buf_printf(&b, "\";z\n");
        }
    }
    assert_int_equal(same_both_ways(&b), 0);

    io_table t;
    lt_err e;
    assert_int_equal(io_csv_parse_two(b.p, b.len, IO_CSV_TWO_MIN, never, &t), -1);
    assert_int_equal(t.nrows, 0);
    assert_int_equal(io_csv_parse_two(b.p, b.len, b.len + 1, NULL, &t), -1);   /* too small */

    lt_buf_printf(&b, "DV-bad;an\"toàn;\n");   /* a stray quote on the last line */
    long last = 0;
    assert_int_equal(io_csv_parse(b.p, b.len, &t, &e), LT_EINPUT);
    assert_int_equal(sscanf(e.en, "line %ld", &last), 1);
    for (size_t i = 0; i < b.len; i++) last -= b.p[i] == '\n';
    assert_int_equal(last, 0);   /* the line the file ends on */
    assert_int_equal(io_csv_parse_two(b.p, b.len, IO_CSV_TWO_MIN, NULL, &t), -1);
    assert_int_equal(t.nrows, 0);
    assert_null(t.rows);
    lt_buf_free(&b);
}

/* A file is read whole, within its bound: a file exactly at the bound is
** taken, one byte more refused; a file whose size the system does not give
** (those of /proc) is read all the same. */
static void test_read_file_bounds(void **st) {
    (void)st;
    char path[] = "/tmp/lt-test-read-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    for (int i = 0; i < 20000; i++) fprintf(f, "%04d,", i % 10000);   /* 100,000 bytes */
    fclose(f);
    char *data;
    size_t n;
    lt_err e;
    assert_int_equal(lt_read_file(path, 100000, &data, &n, &e), LT_OK);
    assert_int_equal(n, 100000);
    assert_int_equal(strlen(data), 100000);
    assert_memory_equal(data + 99995, "9999,", 5);
    free(data);
    assert_int_equal(lt_read_file(path, 99999, &data, &n, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "too large (at most 99999 bytes)"));
    assert_null(data);
    assert_int_equal(lt_read_file(path, 1000, &data, &n, &e), LT_EINPUT);
    unlink(path);
    assert_int_equal(lt_read_file("/proc/self/status", 1 << 20, &data, &n, &e), LT_OK);
    assert_true(n > 0 && strlen(data) == n);
    assert_non_null(strstr(data, "Name:"));
    free(data);
}

/* A cell as the export writes it (export_csv_cell); "" lent, static. */
static const char *exported(const char *cell) {
    static char out[256];
    lt_buf b;
    lt_buf_init(&b, 0);
    export_csv_cell(&b, cell);
    snprintf(out, sizeof out, "%s", b.p ? b.p : "");
    lt_buf_free(&b);
    return out;
}

/* Every start a spreadsheet reads as a formula (= + - @, tab, CR) is
** quoted behind an apostrophe; elsewhere in a cell they are plain text. */
static void test_export_neutralises_formulas(void **state) {
    (void)state;
    assert_string_equal(exported("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    assert_string_equal(exported("+84 912"), "\"'+84 912\"");
    assert_string_equal(exported("-1+cmd|' /C calc'!A0"), "\"'-1+cmd|' /C calc'!A0\"");
    assert_string_equal(exported("@SUM(A1:A9)"), "\"'@SUM(A1:A9)\"");
    assert_string_equal(exported("\t=1+1"), "\"'\t=1+1\"");
    assert_string_equal(exported("\r=1+1"), "\"'\r=1+1\"");
    assert_string_equal(exported("Nguyễn Văn An"), "Nguyễn Văn An");
    assert_string_equal(exported("a-b=c+d@e"), "a-b=c+d@e");
    assert_string_equal(exported("Ấp 1, xã Sơn Định"), "\"Ấp 1, xã Sơn Định\"");
    assert_string_equal(exported(""), "");
}

const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_simple),
    cmocka_unit_test(test_quotes),
    cmocka_unit_test(test_embedded_newlines),
    cmocka_unit_test(test_crlf_and_cr),
    cmocka_unit_test(test_separator),
    cmocka_unit_test(test_ragged_empty),
    cmocka_unit_test(test_unterminated),
    cmocka_unit_test(test_stray_quote),
    cmocka_unit_test(test_long_cell),
    cmocka_unit_test(test_too_many_cells),
    cmocka_unit_test(test_nul_byte),
    cmocka_unit_test(test_errors_null_e),
    cmocka_unit_test(test_many_rows),
    cmocka_unit_test(test_two_halves),
    cmocka_unit_test(test_read_file_bounds),
    cmocka_unit_test(test_export_neutralises_formulas),
};

UNIT_MAIN(tests)
