/*
** doc_pdf.c — the report as PDF with cairo and pango: A4 pages with the
** margins of Nghị định 30/2020, text that wraps and stays extractable,
** tables with borders that break across pages, the charts drawn as
** vectors by the same routine as the PNGs.
*/
#include "doc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define MARGIN_L 85.0
#define MARGIN_R 43.0
#define MARGIN_T 57.0
#define MARGIN_B 57.0
#define TEXT_W (PAGE_W - MARGIN_L - MARGIN_R)

typedef struct pdf { cairo_t *cr; double y; } pdf;

/* A laid-out text block of width w (given; unref when done). */
static PangoLayout *layout(pdf *p, const char *text, double w, double size, int bold, int italic,
                           PangoAlignment align) {
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    char font[96];
    snprintf(font, sizeof font, "Liberation Serif%s%s %.1f", bold ? " Bold" : "", italic ? " Italic" : "", size);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align);
    lt_buf tmp = {0};
    doc_clean(text, &tmp, &text);   /* pango draws controls as boxes, warns on bad UTF-8 */
    pango_layout_set_text(l, text, -1);
    lt_buf_free(&tmp);
    return l;
}

static double height_of(PangoLayout *l) {
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

/* Start a new page when h more points do not fit. */
static void need(pdf *p, double h) {
    if (p->y + h <= PAGE_H - MARGIN_B) return;
    cairo_show_page(p->cr);
    p->y = MARGIN_T;
}

static void text(pdf *p, const char *s, double size, int bold, int italic, PangoAlignment align) {
    PangoLayout *l = layout(p, s, TEXT_W, size, bold, italic, align);
    double h = height_of(l);
    need(p, h);
    cairo_move_to(p->cr, MARGIN_L, p->y);
    pango_cairo_show_layout(p->cr, l);
    p->y += h + size * 0.4;
    g_object_unref(l);
}

/* The two-column header: issuer on the left, national title on the right. */
static void header(pdf *p, const report_doc *d) {
    double half = TEXT_W / 2, top = p->y, hl = 0, hr = 0;
    const char *left[] = {d->issuer_parent, d->issuer, "*", d->doc_no};
    const char *right[] = {d->right_title, d->right_motto, "", d->place_date};
    for (int i = 0; i < 4; i++) {
        PangoLayout *l = layout(p, left[i], half - 10, 11, i == 1, 0, PANGO_ALIGN_CENTER);
        cairo_move_to(p->cr, MARGIN_L, top + hl);
        pango_cairo_show_layout(p->cr, l);
        hl += height_of(l) + 2;
        g_object_unref(l);
        l = layout(p, right[i], half, i < 2 ? 11 : 11, i < 2, i == 3, PANGO_ALIGN_CENTER);
        cairo_move_to(p->cr, MARGIN_L + half, top + hr);
        pango_cairo_show_layout(p->cr, l);
        hr += height_of(l) + 2;
        g_object_unref(l);
    }
    p->y = top + (hl > hr ? hl : hr) + 18;
}

/* Characters of s (UTF-8 code points). */
static double chars(const char *s) {
    double n = 0;
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) n += (*q & 0xC0) != 0x80;
    return n;
}

/* One table row: cells laid out in their widths; numbers right-aligned. */
static void table_row(pdf *p, const char *const *cells, const int *right, const double *w, int n, int bold) {
    PangoLayout *ls[16];
    double h = 0;
    for (int c = 0; c < n; c++) {
        ls[c] = layout(p, cells[c], w[c] - 6, 9.5, bold, 0, right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        if (height_of(ls[c]) > h) h = height_of(ls[c]);
    }
    h += 6;
    need(p, h);
    double x = MARGIN_L;
    for (int c = 0; c < n; c++) {
        cairo_rectangle(p->cr, x, p->y, w[c], h);
        cairo_stroke(p->cr);
        cairo_move_to(p->cr, x + 3, p->y + 3);
        pango_cairo_show_layout(p->cr, ls[c]);
        g_object_unref(ls[c]);
        x += w[c];
    }
    p->y += h;
}

/* Column widths in proportion to their longest text (bounded), filling the line. */
static void column_widths(const doc_table *t, int n, double *w) {
    double total = 0;
    for (int c = 0; c < n; c++) {
        double m = chars(t->head[c]) * 0.6;
        for (long r = 0; r < t->nrows; r++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            double k = cell->kind == CELL_TEXT ? chars(cell->text) : 7;
            if (k > m) m = k;
        }
        w[c] = (m < 5 ? 5 : m > 40 ? 40 : m) + 1.5; /* a little room for the cell's padding */
        total += w[c];
    }
    for (int c = 0; c < n; c++) w[c] = w[c] * TEXT_W / total;
}

static void table(pdf *p, const doc_table *t) {
    double w[16];
    int n = t->ncols < 16 ? t->ncols : 16, right[16] = {0};
    column_widths(t, n, w);
    text(p, t->title, 10, 0, 1, PANGO_ALIGN_LEFT);
    cairo_set_line_width(p->cr, 0.5);
    table_row(p, (const char *const *)t->head, right, w, n, 1);
    for (long r = 0; r < t->nrows; r++) {
        char vals[16][64];
        const char *cells[16];
        for (int c = 0; c < n; c++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            if (cell->kind == CELL_RATE) doc_rate_text((long)cell->v, vals[c]);
            else snprintf(vals[c], sizeof vals[c], "%lld", cell->v);
            cells[c] = cell->kind == CELL_TEXT ? cell->text : vals[c];
            right[c] = cell->kind != CELL_TEXT;
        }
        table_row(p, cells, right, w, n, t->total_last && r == t->nrows - 1);
    }
    p->y += 8;
}

static void chart(pdf *p, const doc_chart *c, chart_kind kind) {
    double w, h;
    chart_size(c, kind, &w, &h);
    double scale = w > TEXT_W ? TEXT_W / w : 1;
    need(p, h * scale + 8);
    cairo_save(p->cr);
    cairo_translate(p->cr, MARGIN_L + (TEXT_W - w * scale) / 2, p->y);
    cairo_scale(p->cr, scale, scale);
    chart_draw(p->cr, c, kind, w, h);
    cairo_restore(p->cr);
    p->y += h * scale + 10;
}

static void signature(pdf *p, const report_doc *d) {
    double half = TEXT_W / 2;
    need(p, 130);
    double top = p->y + 10;
    PangoLayout *l = layout(p, d->recipients, half, 9.5, 0, 0, PANGO_ALIGN_LEFT);
    cairo_move_to(p->cr, MARGIN_L, top);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    char block[512];
    snprintf(block, sizeof block, "%s\n%s\n\n\n\n%s", d->signer_for, d->signer_title, d->signer_name);
    l = layout(p, block, half, 11, 1, 0, PANGO_ALIGN_CENTER);
    cairo_move_to(p->cr, MARGIN_L + half, top);
    pango_cairo_show_layout(p->cr, l);
    p->y = top + height_of(l);
    g_object_unref(l);
}

static cairo_status_t pdf_sink(void *closure, const unsigned char *data, unsigned int n) {
    return lt_buf_append(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* One document from the top of a page. */
static void pdf_document(pdf *p, const report_doc *d) {
    header(p, d);
    text(p, d->title, 14, 1, 0, PANGO_ALIGN_CENTER);
    text(p, d->subtitle, 12, 1, 0, PANGO_ALIGN_CENTER);
    for (int i = 0; i < d->nsec; i++) {
        const doc_section *sec = &d->sec[i];
        if (*sec->heading) text(p, sec->heading, 12, 1, 0, PANGO_ALIGN_LEFT);
        for (int k = 0; k < sec->npara; k++) text(p, sec->para[k], 12, 0, 0, PANGO_ALIGN_LEFT);
        if (sec->table) table(p, sec->table);
        if (sec->chart) chart(p, &d->chart, (chart_kind)sec->chart);
    }
    signature(p, d);
}

cairo_t *doc_pdf_open(lt_buf *out) {
    doc_clean_reset();
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_sink, out, PAGE_W, PAGE_H);
    cairo_t *cr = cairo_create(s);
    cairo_surface_destroy(s); /* (the context holds it) */
    cairo_set_source_rgb(cr, 0, 0, 0);
    return cr;
}

int doc_pdf_close(cairo_t *cr, lt_buf *out, lt_err *e) {
    cairo_surface_t *s = cairo_surface_reference(cairo_get_target(cr));
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_status_t st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (out->err == LT_EOOM || doc_clean_failed()) return lt_err_oom(e);
    if (st != CAIRO_STATUS_SUCCESS)
        return lt_err_set(e, LT_EIO, "không tạo được tệp PDF: %s", "cannot build the PDF: %s",
                          cairo_status_to_string(st));
    return LT_OK;
}

int doc_render_pdf(const report_doc *d, int n, lt_buf *out, lt_err *e) {
    pdf p = {doc_pdf_open(out), MARGIN_T};
    for (int i = 0; i < n; i++) {
        if (i) { cairo_show_page(p.cr); p.y = MARGIN_T; }
        pdf_document(&p, &d[i]);
    }
    return doc_pdf_close(p.cr, out, e);
}
