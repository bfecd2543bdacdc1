/*
** mkxlsx.c — a test tool: `mkxlsx [-s] OUT.xlsx` reads rows of
** comma-separated cells (no quoting; LF or CRLF lines) from stdin and writes
** a one-sheet XLSX file with every text cell in the shared strings.
**   - an empty cell is left out of the sheet (a gap);
**   - a cell "=12.5" is written as the number 12.5, and "=d:44298" as the
**     number 44298 styled as a date (built-in format 14);
**   - a line "!merge A4:A5 E4:F4" is no row: it lists merged ranges, written
**     as the sheet's <mergeCells> (as Excel does: the value stays in the
**     first cell of each range);
**   - -s stores the parts uncompressed (seed files for the fuzzer).
** Standalone: libc and libzip only.  Exit 0 on success, 1 on failure.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* A growable string; aborts when memory runs out (a test tool). */
typedef struct mk_str {
    char *p;
    size_t len, cap;
} mk_str;

/* Append s[0..n) to b. */
static void mk_add(mk_str *b, const char *s, size_t n) {
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1) cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) { fputs("mkxlsx: out of memory\n", stderr); exit(1); }
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void mk_puts(mk_str *b, const char *s) { mk_add(b, s, strlen(s)); }

/* Append s[0..n) with the XML special characters escaped. */
static void mk_xml(mk_str *b, const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': mk_puts(b, "&amp;"); break;
        case '<': mk_puts(b, "&lt;"); break;
        case '>': mk_puts(b, "&gt;"); break;
        case '"': mk_puts(b, "&quot;"); break;
        default: mk_add(b, s + i, 1);
        }
    }
}

/* Write the cell reference of column col (0-based) and row into out[32]. */
static void mk_ref(int col, long row, char out[32]) {
    char letters[4];
    int n = 0;
    for (col++; col > 0 && n < 3; col = (col - 1) / 26) letters[n++] = (char)('A' + (col - 1) % 26);
    int k = 0;
    while (n > 0) out[k++] = letters[--n];
    snprintf(out + k, (size_t)(32 - k), "%ld", row);
}

/* Add one cell s[0..n) at (col, row) to the sheet and maybe the strings. */
static void mk_cell(mk_str *sheet, mk_str *sst, long *nstr, int col, long row,
                    const char *s, size_t n) {
    char ref[32], head[96];
    mk_ref(col, row, ref);
    if (n > 0 && s[0] == '=') {
        int date = n > 3 && strncmp(s, "=d:", 3) == 0;
        snprintf(head, sizeof head, "<c r=\"%s\"%s><v>", ref, date ? " s=\"1\"" : "");
        mk_puts(sheet, head);
        mk_xml(sheet, s + (date ? 3 : 1), n - (date ? 3 : 1));
        mk_puts(sheet, "</v></c>");
        return;
    }
    snprintf(head, sizeof head, "<c r=\"%s\" t=\"s\"><v>%ld</v></c>", ref, (*nstr)++);
    mk_puts(sheet, head);
    mk_puts(sst, "<si><t xml:space=\"preserve\">");
    mk_xml(sst, s, n);
    mk_puts(sst, "</t></si>");
}

/* Add the ranges of a "!merge A4:A5 E4:F4" line to merges. */
static void mk_merges(mk_str *merges, char *list) {
    for (char *save = NULL, *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        mk_puts(merges, "<mergeCell ref=\"");
        mk_xml(merges, t, strlen(t));
        mk_puts(merges, "\"/>");
    }
}

/* Read stdin into the sheet's rows, the shared strings and the merged ranges. */
static long mk_read(mk_str *sheet, mk_str *sst, mk_str *merges) {
    char *line = NULL;
    size_t lcap = 0;
    long row = 0, nstr = 0;
    while (getline(&line, &lcap, stdin) > 0) {
        size_t n = strcspn(line, "\r\n");
        line[n] = 0;
        if (strncmp(line, "!merge ", 7) == 0) { mk_merges(merges, line + 7); continue; }
        char head[48];
        snprintf(head, sizeof head, "<row r=\"%ld\">", ++row);
        mk_puts(sheet, head);
        int col = 0;
        for (char *p = line;; col++) {
            char *c = strchr(p, ',');
            size_t k = c ? (size_t)(c - p) : strlen(p);
            if (k) mk_cell(sheet, sst, &nstr, col, row, p, k);
            if (!c) break;
            p = c + 1;
        }
        mk_puts(sheet, "</row>");
    }
    free(line);
    return nstr;
}

static const char mk_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "</Types>";
static const char mk_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";
static const char mk_book[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char mk_book_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
static const char mk_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
    "<borders count=\"1\"><border/></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"2\"><xf numFmtId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>";

/* Add one part (data lent until zip_close) to the archive. */
static int mk_part(zip_t *za, const char *name, const char *data, int store) {
    zip_source_t *src = zip_source_buffer(za, data, strlen(data), 0);
    if (!src) return -1;
    zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) { zip_source_free(src); return -1; }
    if (store && zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0) return -1;
    return 0;
}

int main(int argc, char **argv) {
    int store = argc == 3 && strcmp(argv[1], "-s") == 0;
    if (argc != 2 + store) {
        fputs("usage: mkxlsx [-s] OUT.xlsx < rows.csv\n", stderr);
        return 1;
    }
    const char *out = argv[1 + store];
    mk_str sheet = {0}, sst = {0}, ssx = {0}, merges = {0};
    mk_puts(&sheet, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                    "<sheetData>");
    long nstr = mk_read(&sheet, &sst, &merges);
    mk_puts(&sheet, "</sheetData>");
    if (merges.p) {
        mk_puts(&sheet, "<mergeCells>");
        mk_puts(&sheet, merges.p);
        mk_puts(&sheet, "</mergeCells>");
    }
    mk_puts(&sheet, "</worksheet>");
    char head[256];
    snprintf(head, sizeof head, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "count=\"%ld\" uniqueCount=\"%ld\">", nstr, nstr);
    mk_puts(&ssx, head);
    if (sst.p) mk_puts(&ssx, sst.p);
    mk_puts(&ssx, "</sst>");
    int zerr = 0;
    zip_t *za = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) { fprintf(stderr, "mkxlsx: cannot create %s\n", out); return 1; }
    int bad = mk_part(za, "[Content_Types].xml", mk_types, store) ||
              mk_part(za, "_rels/.rels", mk_rels, store) ||
              mk_part(za, "xl/workbook.xml", mk_book, store) ||
              mk_part(za, "xl/_rels/workbook.xml.rels", mk_book_rels, store) ||
              mk_part(za, "xl/styles.xml", mk_styles, store) ||
              mk_part(za, "xl/sharedStrings.xml", ssx.p, store) ||
              mk_part(za, "xl/worksheets/sheet1.xml", sheet.p, store);
    if (bad) { fprintf(stderr, "mkxlsx: %s\n", zip_strerror(za)); zip_discard(za); return 1; }
    if (zip_close(za) < 0) {
        fprintf(stderr, "mkxlsx: cannot write %s: %s\n", out, zip_strerror(za));
        zip_discard(za);
        return 1;
    }
    free(sheet.p);
    free(sst.p);
    free(ssx.p);
    free(merges.p);
    return 0;
}
