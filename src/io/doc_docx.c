/*
** doc_docx.c — the report as a DOCX (WordprocessingML) written with libzip
** and our own XML: the Party's letterhead (36-HD/VPTW),
** title, sections, bordered tables, the charts as PNG pictures, and the
** recipients and signature block.  Opens in LibreOffice and Word.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define EMU_PER_PT 12700L

/* A paragraph: alignment (left/center/right/both), bold, italic,
** underlined, size in half-points. */
static void para_u(lt_buf *b, const char *text, const char *align, int bold, int italic, int underline, int size) {
    lt_buf_printf(b, "<w:p><w:pPr><w:jc w:val=\"%s\"/><w:spacing w:after=\"80\"/></w:pPr>", align);
    /* one run per line, with breaks between lines */
    const char *p = text;
    for (int first = 1; ; first = 0) {
        const char *nl = strchr(p, '\n');
        lt_buf_printf(b, "<w:r><w:rPr>%s%s%s<w:sz w:val=\"%d\"/></w:rPr>%s<w:t xml:space=\"preserve\">",
                      bold ? "<w:b/>" : "", italic ? "<w:i/>" : "", underline ? "<w:u w:val=\"single\"/>" : "",
                      size, first ? "" : "<w:br/>");
        lt_buf c;
        lt_buf_init(&c, 0);
        lt_buf_append(&c, p, nl ? (size_t)(nl - p) : strlen(p));
        doc_escape(b, c.p ? c.p : "");
        lt_buf_free(&c);
        lt_buf_puts(b, "</w:t></w:r>");
        if (!nl) break;
        p = nl + 1;
    }
    lt_buf_puts(b, "</w:p>");
}

static void para(lt_buf *b, const char *text, const char *align, int bold, int italic, int size) {
    para_u(b, text, align, bold, italic, 0, size);
}

/* A line of a letterhead column: bold, italic, underlined; size in half-points. */
typedef struct head_line { const char *text; int bold, italic, underline, size; } head_line;

/* One cell of a borderless layout table holding lines of text (the empty ones left out). */
static void layout_cell(lt_buf *b, int width, const head_line *lines, int n) {
    lt_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>", width);
    for (int i = 0; i < n; i++)
        if (*lines[i].text)
            para_u(b, lines[i].text, "center", lines[i].bold, lines[i].italic, lines[i].underline, lines[i].size);
    lt_buf_puts(b, "</w:tc>");
}

/* The letterhead (36-HD/VPTW): the organisations, "*" and the number on
** the left; the Party's name underlined (or the State's title and motto)
** and the place and date in italics on the right. */
static void header(lt_buf *b, const report_doc *d) {
    lt_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"9400\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/>"
                   "<w:bottom w:val=\"nil\"/><w:left w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH "
                   "w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr><w:tr>");
    const head_line left[] = {{d->issuer_parent, 0, 0, 0, 26}, {d->issuer, 1, 0, 0, 26}, {d->party ? "*" : "", 0, 0, 0, 26},
                              {d->doc_no, 0, 0, 0, 26}};
    const head_line right[] = {{d->right_title, 1, 0, d->party, d->party ? 28 : 24},
                               {d->right_motto, 1, 0, 1, 26}, {d->place_date, 0, 1, 0, 26}};
    layout_cell(b, 4100, left, 4);
    layout_cell(b, 5300, right, 3);
    lt_buf_puts(b, "</w:tr></w:tbl>");
}

static void table(lt_buf *b, const doc_table *t) {
    para(b, t->title, "left", 0, 1, 24);
    lt_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    static const char *const sides[] = {"top", "left", "bottom", "right", "insideH", "insideV"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(sides); i++)
        lt_buf_printf(b, "<w:%s w:val=\"single\" w:sz=\"4\" w:color=\"000000\"/>", sides[i]);
    lt_buf_puts(b, "</w:tblBorders></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>"); /* again on every page */
    for (int c = 0; c < t->ncols; c++) {
        lt_buf_puts(b, "<w:tc>");
        para(b, t->head[c], "center", 1, 0, 22);
        lt_buf_puts(b, "</w:tc>");
    }
    lt_buf_puts(b, "</w:tr>");
    for (long r = 0; r < t->nrows; r++) {
        lt_buf_puts(b, "<w:tr>");
        for (int c = 0; c < t->ncols; c++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            char v[64];
            if (cell->kind == CELL_RATE) doc_rate_text((long)cell->v, v);
            else report_int_vi(cell->v, v);
            lt_buf_puts(b, "<w:tc>");
            para(b, cell->kind == CELL_TEXT ? cell->text : v, cell->kind == CELL_TEXT ? "left" : "right", 0, 0, 22);
            lt_buf_puts(b, "</w:tc>");
        }
        lt_buf_puts(b, "</w:tr>");
    }
    lt_buf_puts(b, "</w:tbl>");
}

/* An inline picture of relationship rid, w x h points. */
static void picture(lt_buf *b, int n, double w, double h) {
    long cx = (long)(w * EMU_PER_PT), cy = (long)(h * EMU_PER_PT);
    lt_buf_printf(b, "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" "
                     "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"%ld\" cy=\"%ld\"/><wp:docPr id=\"%d\" "
                     "name=\"Biểu đồ %d\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/"
                     "drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"%d\" name=\"chart%d.png\"/>"
                     "<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rIdImg%d\"/><a:stretch>"
                     "<a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext "
                     "cx=\"%ld\" cy=\"%ld\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
                     "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
                  cx, cy, n, n, n, n, n, cx, cy);
}

static void signature(lt_buf *b, const report_doc *d) {
    lt_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"9200\" w:type=\"dxa\"/></w:tblPr><w:tr><w:tc><w:tcPr><w:tcW "
                   "w:w=\"4600\" w:type=\"dxa\"/></w:tcPr>");
    const char *rest = d->recipients;
    if (!strncmp(rest, "Nơi nhận:", strlen("Nơi nhận:"))) { /* the word underlined, bold italic */
        para_u(b, "Nơi nhận:", "left", 1, 1, 1, 24);
        rest += strlen("Nơi nhận:") + (rest[strlen("Nơi nhận:")] == '\n');
        para(b, rest, "left", 0, 0, 22);
    } else { /* a form's other signature, as the signer's */
        para(b, rest, "center", 1, 0, 26);
    }
    lt_buf_puts(b, "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"4600\" w:type=\"dxa\"/></w:tcPr>");
    para(b, d->signer_for, "center", 1, 0, 26);
    para(b, d->signer_title, "center", 1, 0, 26);
    para(b, "\n\n\n", "center", 0, 0, 26);
    para(b, d->signer_name, "center", 1, 0, 26);
    lt_buf_puts(b, "</w:tc></w:tr></w:tbl>");
}

/* The body of one document (charts are pictures 1 and 2). */
static void document_body(lt_buf *b, const report_doc *d) {
    header(b, d);
    para(b, d->title, "center", 1, 0, 30);
    para(b, d->subtitle, "center", 1, 0, 28);
    for (int s = 0; s < d->nsec; s++) {
        const doc_section *sec = &d->sec[s];
        if (*sec->heading) para(b, sec->heading, "left", 1, 0, 26);
        for (int p = 0; p < sec->npara; p++) para(b, sec->para[p], "both", 0, 0, 26);
        if (sec->table) table(b, sec->table);
        if (sec->chart) {
            double w, h;
            chart_size(&d->chart, (chart_kind)sec->chart, &w, &h);
            picture(b, sec->chart, w * 0.95, h * 0.95);
        }
    }
    signature(b, d);
}

/* numbered: pages after the first carry their number at the top centre
** (header1.xml; the first page has none: titlePg). */
static void document_xml(lt_buf *b, const report_doc *docs, int n, int numbered) {
    lt_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://"
                   "schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats."
                   "org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/"
                   "2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                   "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>");
    for (int i = 0; i < n; i++) {
        if (i) lt_buf_puts(b, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
        document_body(b, &docs[i]);
    }
    lt_buf_printf(b, "<w:sectPr>%s<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"851\" "
                     "w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"720\" w:gutter=\"0\"/>%s"
                     "</w:sectPr></w:body></w:document>\n",
                  numbered ? "<w:headerReference w:type=\"default\" r:id=\"rIdHdr\"/>" : "",
                  numbered ? "<w:titlePg/>" : "");
}

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats"
    ".org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-"
    "package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension="
    "\"png\" ContentType=\"image/png\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
    "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName="
    "\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
    "</Types>\n";
static const char root_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxml"
    "formats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>\n";
static const char doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id="
    "\"rIdImg1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target="
    "\"media/chart1.png\"/><Relationship Id=\"rIdImg2\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
    "2006/relationships/image\" Target=\"media/chart2.png\"/><Relationship Id=\"rIdHdr\" Type=\"http://schemas."
    "openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/></Relationships>\n";
/* The page number, top centre (36-HD/VPTW: pages after the first). */
static const char header_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr xmlns:w=\"http://schemas.openxmlformats."
    "org/wordprocessingml/2006/main\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:fldChar w:fldCharType="
    "\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
    "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
    "</w:hdr>\n";
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxml"
    "formats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New "
    "Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/><w:sz w:val=\"26\"/>"
    "<w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>\n";

/* Add a part held in memory that outlives zip_close. */
static int add_part(zip_t *za, const char *name, const void *data, size_t n) {
    zip_source_t *s = zip_source_buffer(za, data, n, 0);
    if (!s) return -1;
    if (zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) { zip_source_free(s); return -1; }
    return 0;
}

/* Copy the finished archive out of its source into out. */
static int take_archive(zip_source_t *src, lt_buf *out) {
    zip_stat_t st;
    if (zip_source_open(src) < 0) return -1;
    int rc = zip_source_stat(src, &st) < 0 ? -1 : 0;
    char chunk[65536];
    zip_int64_t n;
    while (rc == 0 && (n = zip_source_read(src, chunk, sizeof chunk)) > 0) rc = lt_buf_append(out, chunk, (size_t)n);
    zip_source_close(src);
    return rc;
}

int doc_render_docx(const report_doc *d, int ndocs, lt_buf *out, lt_err *e) {
    lt_buf body, png1, png2;
    lt_buf_init(&body, 0);
    lt_buf_init(&png1, 0);
    lt_buf_init(&png2, 0);
    doc_clean_reset();
    document_xml(&body, d, ndocs, ndocs == 1 && *d->doc_no); /* a report (it has a number line), not forms */
    double w, h;
    chart_size(&d->chart, CHART_BARS, &w, &h);
    int rc = body.err || doc_clean_failed() ? lt_err_oom(e) : LT_OK;
    if (rc == LT_OK) rc = chart_png(&d->chart, CHART_BARS, (int)(w * 2), (int)(h * 2), &png1, e);
    chart_size(&d->chart, CHART_TREND, &w, &h);
    if (rc == LT_OK) rc = chart_png(&d->chart, CHART_TREND, (int)(w * 2), (int)(h * 2), &png2, e);
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = rc ? NULL : zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_t *za = NULL;
    if (src) {
        zip_source_keep(src);
        za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    }
    int ok = rc == LT_OK && za && !add_part(za, "[Content_Types].xml", content_types, strlen(content_types)) &&
             !add_part(za, "_rels/.rels", root_rels, strlen(root_rels)) &&
             !add_part(za, "word/_rels/document.xml.rels", doc_rels, strlen(doc_rels)) &&
             !add_part(za, "word/styles.xml", styles, strlen(styles)) &&
             !add_part(za, "word/header1.xml", header_xml, strlen(header_xml)) &&
             !add_part(za, "word/document.xml", body.p, body.len) &&
             !add_part(za, "word/media/chart1.png", png1.p, png1.len) &&
             !add_part(za, "word/media/chart2.png", png2.p, png2.len);
    if (ok) {
        ok = zip_close(za) == 0;   /* frees za when it succeeds */
        if (ok) za = NULL;
    }
    if (ok) ok = take_archive(src, out) == 0;
    if (rc == LT_OK && !ok)
        rc = out->err == LT_EOOM || zip_error_code_zip(&ze) == ZIP_ER_MEMORY ||
             (za && zip_error_code_zip(zip_get_error(za)) == ZIP_ER_MEMORY)
             ? lt_err_oom(e) : lt_err_set(e, LT_EIO, "không tạo được tệp DOCX", "cannot build the DOCX file");
    if (za) zip_discard(za);
    if (src) zip_source_free(src);
    zip_error_fini(&ze);
    lt_buf_free(&body);
    lt_buf_free(&png1);
    lt_buf_free(&png2);
    return rc;
}
