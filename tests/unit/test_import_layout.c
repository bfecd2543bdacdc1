/*
** test_import_layout.c — unit tests of reading spreadsheets as offices make
** them (src/io/import_layout.c, import_cols.c): header cells matched by
** their Vietnamese names, an STT column, the header found below a title,
** a header over two rows, the columns' numbers, blank rows, a total and
** signatures left out and said, the file's own line numbers kept; and
** what must stay data (short rows with nothing after them, a code that
** starts like a total).
*/
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/io/import_cols.h"

/* Parse s as CSV and lay it out as kind; the table and stats are filled. */
static void lay(const char *kind, const char *s, io_table *t, import_stats *st) {
    lt_err e;
    lt_err_clear(&e);
    memset(st, 0, sizeof *st);
    assert_int_equal(io_csv_parse(s, strlen(s), t, &e), LT_OK);
    assert_int_equal(import_layout(import_kind_find(kind), t, st), LT_OK);
}

/* The column a header text names for kind. */
static int match(const char *kind, const char *h) {
    char *n = import_header_norm(h);
    assert_non_null(n);
    int m = import_header_match(import_kind_find(kind), n);
    free(n);
    return m;
}

static void test_header_names(void **st) {
    (void)st;
    assert_int_equal(match("people", "ma_nguoi"), 0);
    assert_int_equal(match("people", "Mã người"), 0);
    assert_int_equal(match("people", "HỌ VÀ TÊN"), 1);
    assert_int_equal(match("people", "Ngày sinh (dd/mm/yyyy)"), 2);
    assert_int_equal(match("people", "Năm sinh"), 2);
    assert_int_equal(match("people", "Mã\nđơn vị"), 4);
    assert_int_equal(match("people", "Ngày vào Đảng"), 10);
    assert_int_equal(match("people", "Số TT"), IMPORT_SEQ_COL);
    assert_int_equal(match("people", "STT"), IMPORT_SEQ_COL);
    assert_int_equal(match("people", "Ghi chú"), -1);
    assert_int_equal(match("deployments", "Tổng số đảng viên"), 5);
    assert_int_equal(match("units", "Mã đơn vị cấp trên"), 3);
    /* every column's own title and name are read back (templates round-trip) */
    const char *kinds[] = {"units", "people", "registrations", "deployments"};
    for (int k = 0; k < 4; k++) {
        import_col_info c;
        for (int i = 0; import_column_info(kinds[k], i, &c) == LT_OK; i++) {
            assert_int_equal(match(kinds[k], c.title_vi), i);
            assert_int_equal(match(kinds[k], c.name), i);
        }
    }
}

static void test_bare_table(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    lay("people", "ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP1,An,CB,cadre\nP2,Bình,CB,cadre\n", &t, &s);
    assert_int_equal(t.nrows, 3);
    assert_int_equal(s.header_line, 1);
    assert_int_equal(s.header_rows, 1);
    assert_int_equal(s.skipped, 0);
    assert_string_equal(s.skipped_vi, "");
    assert_int_equal(t.rows[2].line, 3);
    io_table_free(&t);
}

static void test_office_csv(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    lay("people",
        "ĐẢNG BỘ XÃ SƠN ĐỊNH;;;;\n"
        "DANH SÁCH CÁN BỘ, ĐẢNG VIÊN;;;;\n"
        "\n"
        "Đơn vị:;Chi bộ ấp 1;;;\n"
        "STT;Mã người;Họ và tên;Mã đơn vị;Đối tượng\n"
        "1;P1;An;CB;Đảng viên\n"
        ";;;;\n"
        "2;P2;Bình;CB;Đảng viên\n"
        ";Tổng cộng: 2;;;\n"
        ";;;Sơn Định, ngày 5 tháng 1 năm 2024;\n"
        ";NGƯỜI LẬP BIỂU;KIỂM TRA;BÍ THƯ;\n"
        ";Lê Văn Lập;;Trần Bí Thư;\n", &t, &s);
    assert_int_equal(t.nrows, 3);
    assert_int_equal(s.header_line, 5);
    assert_string_equal(t.rows[0].cells[1], "Mã người");
    assert_int_equal(t.rows[1].line, 6);
    assert_int_equal(t.rows[2].line, 8);
    assert_string_equal(t.rows[2].cells[2], "Bình");
    assert_string_equal(s.skipped_vi, "dòng 1–4 (tiêu đề), dòng 7 (trống), dòng 9–12 (dòng tổng cộng, chữ ký)");
    assert_string_equal(s.skipped_en, "lines 1–4 (title), line 7 (blank), lines 9–12 (total, signatures)");
    assert_int_equal(s.skipped, 4 + 1 + 4);
    io_table_free(&t);
}

static void test_two_row_header(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    lay("people",
        "DANH SÁCH\n"
        "STT,Mã người,Họ và tên,Đơn vị,,Đối tượng\n"
        ",,,Mã,Chức vụ,\n"
        "(1),(2),(3),(4),(5),(6)\n"
        "1,P1,An,CB,Bí thư,Đảng viên\n", &t, &s);
    assert_int_equal(s.header_line, 2);
    assert_int_equal(s.header_rows, 2);
    assert_int_equal(t.nrows, 2);
    assert_int_equal(t.rows[0].ncells, 6);
    assert_string_equal(t.rows[0].cells[1], "Mã người");   /* merged down */
    assert_string_equal(t.rows[0].cells[3], "Mã Đơn vị");  /* read with its group */
    assert_string_equal(t.rows[0].cells[4], "Chức vụ");    /* a sub-header */
    assert_int_equal(match("people", t.rows[0].cells[3]), 4);
    assert_string_equal(s.skipped_vi, "dòng 1 (tiêu đề), dòng 4 (đánh số cột)");
    assert_int_equal(t.rows[1].line, 5);
    io_table_free(&t);
}

static void test_title_above_header(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    /* "Đơn vị:" names a column, but the row below is the header alone */
    lay("people", "Đơn vị:,Chi bộ 1\nma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP1,An,CB,cadre\n", &t, &s);
    assert_int_equal(s.header_line, 2);
    assert_int_equal(s.header_rows, 1);
    assert_string_equal(t.rows[0].cells[0], "ma_nguoi");
    io_table_free(&t);
}

static void test_what_stays_data(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    /* short rows at the end with no total or blank before them: data, to be reported */
    lay("people", "ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP1,An,CB,cadre\nP2,Bình\nP3\n", &t, &s);
    assert_int_equal(t.nrows, 4);
    assert_string_equal(s.skipped_vi, "");
    io_table_free(&t);
    /* a code that starts like a total ("CONG-01") is no total */
    lay("units", "ma_don_vi,ten_don_vi,loai\nA,Chi bộ A,cell\nCONG-01,Công đoàn,mass_org\n", &t, &s);
    assert_int_equal(t.nrows, 3);
    io_table_free(&t);
    /* no header anywhere: the first row, as before (the importer names what is missing) */
    lay("people", "a,b\n1,2\n", &t, &s);
    assert_int_equal(s.header_line, 1);
    assert_int_equal(t.nrows, 2);
    io_table_free(&t);
}

static void test_many_blank_rows(void **st) {
    (void)st;
    io_table t;
    import_stats s;
    lay("units", "ma_don_vi,ten_don_vi,loai\n,,\nA,a,cell\n,,\n,,\n,,\n,,\n,,\n,,\nB,b,cell\n", &t, &s);
    assert_int_equal(t.nrows, 3);
    assert_int_equal(s.skipped, 7);
    assert_string_equal(s.skipped_vi, "dòng 2 (trống), dòng 4 (trống), dòng 5 (trống), dòng 6 (trống), "
                                      "dòng 7 (trống), …");
    io_table_free(&t);
}

const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_header_names),
    cmocka_unit_test(test_bare_table),
    cmocka_unit_test(test_office_csv),
    cmocka_unit_test(test_two_row_header),
    cmocka_unit_test(test_title_above_header),
    cmocka_unit_test(test_what_stays_data),
    cmocka_unit_test(test_many_blank_rows),
};

UNIT_MAIN(tests)
