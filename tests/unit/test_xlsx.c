/*
** test_xlsx.c — unit tests of the XLSX reader (src/io/xlsx.c).  Each test
** builds a small .xlsx in memory with libzip from XML written here, reads
** it back and checks the table, or checks that damage gives LT_EINPUT.
*/
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "../../src/io/io.h"

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define NSR "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define HDR "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

typedef struct part {
    const char *name;
    const char *xml;
} part;

/* Zip the parts (a NULL name ends the list) into memory: given, *len set. */
static char *build(const part *parts, size_t *len) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(za);
    zip_source_keep(src);
    for (const part *p = parts; p->name; p++) {
        zip_source_t *s = zip_source_buffer(za, p->xml, strlen(p->xml), 0);
        assert_non_null(s);
        assert_true(zip_file_add(za, p->name, s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(za), 0);
    assert_int_equal(zip_source_open(src), 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_END), 0);
    zip_int64_t n = zip_source_tell(src);
    assert_true(n > 0);
    assert_int_equal(zip_source_seek(src, 0, SEEK_SET), 0);
    char *buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(zip_source_read(src, buf, (zip_uint64_t)n), n);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)n;
    return buf;
}

/* Build the parts and read them back; returns the status. */
static int read_parts(const part *parts, io_table *t, lt_err *e) {
    size_t n;
    char *z = build(parts, &n);
    lt_err_clear(e);
    assert_true(io_is_xlsx(z, n));
    int rc = io_xlsx_read(z, n, t, e);
    free(z);
    return rc;
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

/* Check a failed read: LT_EINPUT, an empty table, and the English message
** contains `named` (both messages do when it is a part name "xl/..."). */
static void check_fail(int rc, const lt_err *e, const io_table *t, const char *named) {
    assert_int_equal(rc, LT_EINPUT);
    assert_int_equal(e->code, LT_EINPUT);
    assert_int_equal(t->nrows, 0);
    assert_null(t->rows);
    assert_true(e->vi[0] != 0);
    if (named) {
        assert_non_null(strstr(e->en, named));
        if (strncmp(named, "xl/", 3) == 0) assert_non_null(strstr(e->vi, named));
    }
}

static const char types_xml[] = HDR
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char book_xml[] = HDR
    "<workbook " NS " " NSR "><workbookPr/><sheets>"
    "<sheet name=\"Danh sách\" sheetId=\"3\" r:id=\"rId7\"/>"
    "<sheet name=\"Khác\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char rels_xml[] = HDR
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"x/worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
    "</Relationships>";
static const char sst_xml[] = HDR
    "<sst " NS " count=\"5\" uniqueCount=\"5\">"
    "<si><t>ho_ten</t></si><si><t>dia_chi</t></si>"
    "<si><r><t>Nguyễn </t></r><r><rPr><b/></rPr><t>Văn An</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t xml:space=\"preserve\"> a &amp; b </t></si><si/></sst>";
static const char styles_xml[] = HDR
    "<styleSheet " NS "><numFmts count=\"3\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"&quot;day&quot; 0.00\"/>"
    "<numFmt numFmtId=\"166\" formatCode=\"[Red]0.00\\d\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"14\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>";
static const char data_xml[] = HDR
    "<worksheet " NS "><dimension ref=\"A1:I5\"/><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"2\" spans=\"1:3\"><c r=\"A2\" s=\"1\"/></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c>"
    "<c r=\"C3\" t=\"inlineStr\"><is><t>Chợ Lách</t></is></c>"
    "<c r=\"E3\"><v>12</v></c><c r=\"F3\" t=\"s\"><v>3</v></c><c r=\"G3\" t=\"s\"><v>4</v></c></row>"
    "<row r=\"5\"><c r=\"A5\"><v>12.5</v></c><c r=\"B5\" s=\"1\"><v>44298</v></c>"
    "<c r=\"C5\" s=\"2\"><v>44298.75</v></c><c r=\"D5\" s=\"3\"><v>1.5</v></c>"
    "<c r=\"E5\" s=\"4\"><v>2</v></c><c r=\"F5\" t=\"b\"><v>1</v></c>"
    "<c r=\"G5\" t=\"str\"><f>A1</f><v>ho_ten</v></c><c r=\"H5\" t=\"e\"><v>#DIV/0!</v></c>"
    "<c r=\"I5\"><v>12.0</v></c><c r=\"J5\"><v>1E-3</v></c><c r=\"K5\" s=\"1\"/></row>"
    "</sheetData></worksheet>";

static void test_full(void **st) {
    (void)st;
    const part parts[] = {
        {"[Content_Types].xml", types_xml}, {"xl/workbook.xml", book_xml},
        {"xl/_rels/workbook.xml.rels", rels_xml}, {"xl/sharedStrings.xml", sst_xml},
        {"xl/styles.xml", styles_xml}, {"xl/worksheets/data.xml", data_xml},
        {"xl/worksheets/sheet1.xml", HDR "<worksheet " NS "><sheetData><row r=\"1\">"
         "<c r=\"A1\" t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"},
        {NULL, NULL}};
    io_table t;
    lt_err e;
    assert_int_equal(read_parts(parts, &t, &e), LT_OK);
    assert_int_equal(t.sep, 0);
    assert_int_equal(t.nrows, 3);
    check_row(&t, 0, 1, 2, "ho_ten", "dia_chi");
    check_row(&t, 1, 3, 7, "Nguyễn Văn An", "", "Chợ Lách", "", "12", " a & b ", "");
    check_row(&t, 2, 5, 10, "12.5", "12/04/2021", "12/04/2021", "1.5", "2", "TRUE",
              "ho_ten", "#DIV/0!", "12", "0.001");
    io_table_free(&t);
}

/* Only a sheet1.xml: no workbook, strings or styles; prefixed names. */
static void test_fallback_prefixed(void **st) {
    (void)st;
    const part parts[] = {
        {"xl/worksheets/sheet1.xml", HDR
         "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:r><x:t>Chợ </x:t>"
         "</x:r><x:r><x:t>Lách</x:t></x:r></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row>"
         "<x:row><x:c t=\"b\"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>"},
        {NULL, NULL}};
    io_table t;
    lt_err e;
    assert_int_equal(read_parts(parts, &t, &e), LT_OK);
    assert_int_equal(t.nrows, 2);
    check_row(&t, 0, 2, 3, "", "Chợ Lách", "7");
    check_row(&t, 1, 3, 1, "FALSE");
    io_table_free(&t);
}

/* Part names are found whatever their case (some writers use other cases). */
static void test_name_case(void **st) {
    (void)st;
    const part parts[] = {
        {"xl/SharedStrings.xml", sst_xml},
        {"XL/Worksheets/Sheet1.xml", HDR "<worksheet " NS "><sheetData><row r=\"1\">"
         "<c r=\"A1\" t=\"s\"><v>2</v></c></row></sheetData></worksheet>"},
        {NULL, NULL}};
    io_table t;
    lt_err e;
    assert_int_equal(read_parts(parts, &t, &e), LT_OK);
    check_row(&t, 0, 1, 1, "Nguyễn Văn An");
    io_table_free(&t);
}

/* Date serials around Excel's 1900 leap-year bug, and the 1904 system. */
static void test_dates(void **st) {
    (void)st;
    static const char styles[] = HDR "<styleSheet " NS "><cellXfs>"
        "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>";
    static const char sheet[] = HDR "<worksheet " NS "><sheetData><row r=\"1\">"
        "<c s=\"1\"><v>1</v></c><c s=\"1\"><v>59</v></c><c s=\"1\"><v>60</v></c>"
        "<c s=\"1\"><v>61</v></c><c s=\"1\"><v>44298</v></c><c s=\"1\"><v>0.5</v></c>"
        "<c s=\"1\"><v>2958465</v></c><c s=\"1\"><v>9999999</v></c><c s=\"9\"><v>44298</v></c>"
        "<c t=\"d\"><v>2021-04-12T00:00:00</v></c></row></sheetData></worksheet>";
    const part parts[] = {{"xl/styles.xml", styles}, {"xl/worksheets/sheet1.xml", sheet},
                          {NULL, NULL}};
    io_table t;
    lt_err e;
    assert_int_equal(read_parts(parts, &t, &e), LT_OK);
    check_row(&t, 0, 1, 10, "01/01/1900", "28/02/1900", "29/02/1900", "01/03/1900",
              "12/04/2021", "0.5", "31/12/9999", "9999999", "44298", "12/04/2021");
    io_table_free(&t);
    const part p1904[] = {
        {"xl/workbook.xml", HDR "<workbook " NS "><workbookPr date1904=\"1\"/></workbook>"},
        {"xl/styles.xml", styles},
        {"xl/worksheets/sheet1.xml", HDR "<worksheet " NS "><sheetData><row r=\"1\">"
         "<c s=\"1\"><v>42836</v></c></row></sheetData></worksheet>"},
        {NULL, NULL}};
    assert_int_equal(read_parts(p1904, &t, &e), LT_OK);
    check_row(&t, 0, 1, 1, "12/04/2021");
    io_table_free(&t);
}

static void test_not_zip(void **st) {
    (void)st;
    io_table t;
    lt_err e;
    lt_err_clear(&e);
    assert_false(io_is_xlsx("PK\003", 3));
    assert_false(io_is_xlsx("hello", 5));
    check_fail(io_xlsx_read("hello,world\n", 12, &t, &e), &e, &t, NULL);
    static const char junk[] = "PK\003\004 this is not really a zip archive at all.......";
    check_fail(io_xlsx_read(junk, sizeof junk - 1, &t, &e), &e, &t, NULL);
    check_fail(io_xlsx_read(NULL, 0, &t, &e), &e, &t, NULL);
}

static void test_truncated(void **st) {
    (void)st;
    const part parts[] = {{"xl/sharedStrings.xml", sst_xml}, {"xl/worksheets/sheet1.xml", data_xml},
                          {NULL, NULL}};
    size_t n;
    char *z = build(parts, &n);
    io_table t;
    lt_err e;
    for (size_t cut = 4; cut < n; cut += (cut < 64 ? 1 : 37)) {
        lt_err_clear(&e);
        check_fail(io_xlsx_read(z, cut, &t, &e), &e, &t, NULL);
    }
    for (size_t i = 30; i < n; i += 53) {      /* flip bytes: error or success, no crash */
        z[i] ^= 0x5a;
        if (io_xlsx_read(z, n, &t, &e) == LT_OK) io_table_free(&t);
        else assert_int_equal(t.nrows, 0);
        z[i] ^= 0x5a;
    }
    free(z);
}

/* One sheet against the default shared strings: expect failure naming part. */
static void fail_sheet(const char *rows, const char *part_in_msg) {
    char sheet[4096];
    snprintf(sheet, sizeof sheet, HDR "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", rows);
    const part parts[] = {{"xl/sharedStrings.xml", sst_xml}, {"xl/worksheets/sheet1.xml", sheet},
                          {NULL, NULL}};
    io_table t;
    lt_err e;
    check_fail(read_parts(parts, &t, &e), &e, &t, part_in_msg);
}

static void test_bad_index(void **st) {
    (void)st;
    fail_sheet("<row r=\"1\"><c t=\"s\"><v>5</v></c></row>", "xl/worksheets/sheet1.xml");
    fail_sheet("<row r=\"1\"><c t=\"s\"><v>-1</v></c></row>", "bad shared string index");
    fail_sheet("<row r=\"1\"><c t=\"s\"><v>1x</v></c></row>", "row 1");
    fail_sheet("<row r=\"4\"><c t=\"s\"><v></v></c></row>", "row 4");
    const part nosst[] = {{"xl/worksheets/sheet1.xml", HDR "<worksheet " NS "><sheetData>"
                           "<row r=\"1\"><c t=\"s\"><v>0</v></c></row></sheetData></worksheet>"},
                          {NULL, NULL}};
    io_table t;
    lt_err e;
    check_fail(read_parts(nosst, &t, &e), &e, &t, "bad shared string index");
}

static void test_bad_sheet(void **st) {
    (void)st;
    fail_sheet("<row r=\"1\"><c><v>1</v></c>", "bad XML");                /* unclosed */
    fail_sheet("<row r=\"x\"><c><v>1</v></c></row>", "bad row number");
    fail_sheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>", "bad cell reference");
    fail_sheet("<row r=\"1\"><c r=\"IW1\"><v>1</v></c></row>", "more than 256 cells");
    fail_sheet("<row r=\"1\"><c r=\"B1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>",
               "out of column order");
    fail_sheet("<row r=\"1\"><c><v>abc</v></c></row>", "does not fit");
    fail_sheet("<row r=\"1\"><c t=\"b\"><v>2</v></c></row>", "does not fit");
    fail_sheet("<row r=\"1\"><c t=\"zz\"><v>2</v></c></row>", "does not fit");
    io_table t;
    lt_err e;
    const part doctype[] = {{"xl/worksheets/sheet1.xml", HDR
        "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
        "<worksheet " NS "><sheetData><row><c t=\"str\"><v>&b;</v></c></row></sheetData></worksheet>"},
        {NULL, NULL}};
    check_fail(read_parts(doctype, &t, &e), &e, &t, "DOCTYPE");
    const part badsst[] = {{"xl/sharedStrings.xml", HDR "<sst><si><t>x</si></sst>"},
                           {"xl/worksheets/sheet1.xml", data_xml}, {NULL, NULL}};
    check_fail(read_parts(badsst, &t, &e), &e, &t, "xl/sharedStrings.xml");
    const part badstyles[] = {{"xl/styles.xml", "<styleSheet><cellXfs>"},
                              {"xl/worksheets/sheet1.xml", data_xml}, {NULL, NULL}};
    check_fail(read_parts(badstyles, &t, &e), &e, &t, "xl/styles.xml");
    const part badbook[] = {{"xl/workbook.xml", "<workbook"},
                            {"xl/worksheets/sheet1.xml", data_xml}, {NULL, NULL}};
    check_fail(read_parts(badbook, &t, &e), &e, &t, "xl/workbook.xml");
}

static void test_missing_sheet(void **st) {
    (void)st;
    const part parts[] = {{"xl/workbook.xml", book_xml}, {"xl/_rels/workbook.xml.rels", rels_xml},
                          {"xl/sharedStrings.xml", sst_xml}, {NULL, NULL}};
    io_table t;
    lt_err e;
    check_fail(read_parts(parts, &t, &e), &e, &t, "xl/worksheets/sheet1.xml");
}

static void test_long_cell(void **st) {
    (void)st;
    size_t n = IO_MAX_CELL + 1000;
    char *sheet = malloc(n);
    assert_non_null(sheet);
    int k = snprintf(sheet, n, HDR "<worksheet " NS "><sheetData><row r=\"9\"><c t=\"str\"><v>");
    memset(sheet + k, 'x', n - (size_t)k);
    strcpy(sheet + n - 40, "</v></c></row></sheetData></worksheet>");
    const part parts[] = {{"xl/worksheets/sheet1.xml", sheet}, {NULL, NULL}};
    io_table t;
    lt_err e;
    check_fail(read_parts(parts, &t, &e), &e, &t, "row 9: cell longer than 65536 bytes");
    free(sheet);
}

/* Set the 32-bit little-endian field at z[at]. */
static void put32(char *z, size_t at, uint32_t v) {
    for (int i = 0; i < 4; i++) z[at + (size_t)i] = (char)(v >> (8 * i) & 0xff);
}

/* A part that inflates past 256 MiB is refused: from its stated size, and
** while reading when the archive lies about the size. */
static void test_zip_bomb(void **st) {
    (void)st;
    size_t n = ((size_t)257 << 20) + 100;
    char *sheet = malloc(n + 1);
    assert_non_null(sheet);
    int k = snprintf(sheet, n, HDR "<worksheet " NS "><sheetData>");
    memset(sheet + k, ' ', n - (size_t)k);
    strcpy(sheet + n - 30, "</sheetData></worksheet>");
    const part parts[] = {{"xl/worksheets/sheet1.xml", sheet}, {NULL, NULL}};
    size_t zn;
    char *z = build(parts, &zn);
    free(sheet);
    io_table t;
    lt_err e;
    lt_err_clear(&e);
    check_fail(io_xlsx_read(z, zn, &t, &e), &e, &t, "larger than 256 MiB");
    assert_memory_equal(z, "PK\003\004", 4);        /* the one local header */
    put32(z, 22, 1000);
    size_t cd = zn - 4;                               /* the central directory entry */
    while (cd > 0 && memcmp(z + cd, "PK\001\002", 4) != 0) cd--;
    assert_true(cd > 0);
    put32(z, cd + 24, 1000);
    lt_err_clear(&e);
    check_fail(io_xlsx_read(z, zn, &t, &e), &e, &t, "larger than 256 MiB");
    free(z);
}

const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_full),
    cmocka_unit_test(test_fallback_prefixed),
    cmocka_unit_test(test_name_case),
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_not_zip),
    cmocka_unit_test(test_truncated),
    cmocka_unit_test(test_bad_index),
    cmocka_unit_test(test_bad_sheet),
    cmocka_unit_test(test_missing_sheet),
    cmocka_unit_test(test_long_cell),
    cmocka_unit_test(test_zip_bomb),
};

UNIT_MAIN(tests)
