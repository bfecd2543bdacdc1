/*
** doc_pdf.c — the report as PDF with cairo and pango: A4 pages with the
** Party's letterhead (36-HD/VPTW: "ĐẢNG CỘNG SẢN VIỆT NAM" ruled under,
** the date in italics), pages after the first numbered at the top, text
** that wraps and stays extractable,
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
#define SIGNATURE_H 150.0  /* the recipients and the signature block */

typedef struct pdf { cairo_t *cr; double y; int page; double keep; } pdf; /* keep: room kept after the next block */

/* A laid-out text block of width w (given; unref when done). */
static PangoLayout *layout(pdf *p, const char *text, double w, double size, int bold, int italic,
                           PangoAlignment align) {
    PangoLayout *l = pango_cairo_create_layout(p->cr);
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 72); /* a point is a point */
    pango_layout_context_changed(l);
    char font[96];
    snprintf(font, sizeof font, "Liberation Serif%s%s %.1f", bold ? " Bold" : "", italic ? " Italic" : "", size);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD); /* "31/12/2026" stays whole */
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

/* A new page, numbered at its top centre (the first page is not). */
static void new_page(pdf *p) {
    cairo_show_page(p->cr);
    p->y = MARGIN_T;
    char n[16];
    snprintf(n, sizeof n, "%d", ++p->page);
    PangoLayout *l = layout(p, n, TEXT_W, 12, 0, 0, PANGO_ALIGN_CENTER);
    cairo_move_to(p->cr, MARGIN_L, MARGIN_T - 30);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
}

/* Start a new page when h more points do not fit. */
static void need(pdf *p, double h) {
    if (p->y + h + p->keep <= PAGE_H - MARGIN_B) return;
    new_page(p);
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

/* One line of a header column at (x, *y) in width w; ruled: a solid rule
** under it as long as its text; lead: when it cannot fit on one line, it
** breaks after that many words (before the place name), not inside the
** name.  *y moves past it. */
static void header_line(pdf *p, const char *s, double x, double *y, double w, double size, int bold,
                        int italic, int ruled, int lead) {
    if (!*s) return;
    PangoLayout *l = layout(p, s, w, size, bold, italic, PANGO_ALIGN_CENTER);
    if (lead > 0 && pango_layout_get_line_count(l) > 1) {
        char broken[1024];
        snprintf(broken, sizeof broken, "%s", s);
        char *c = broken;
        for (int k = 0; c && k < lead; k++) c = strchr(c + (k > 0), ' ');
        if (c) {
            *c = '\n';
            g_object_unref(l);
            l = layout(p, broken, w, size, bold, italic, PANGO_ALIGN_CENTER);
        }
    }
    cairo_move_to(p->cr, x, *y);
    pango_cairo_show_layout(p->cr, l);
    *y += height_of(l) + 1;
    if (ruled) {
        PangoRectangle ink, logical;
        pango_layout_get_pixel_extents(l, &ink, &logical);
        cairo_set_line_width(p->cr, 0.6);
        cairo_move_to(p->cr, x + logical.x, *y);
        cairo_line_to(p->cr, x + logical.x + logical.width, *y);
        cairo_stroke(p->cr);
        *y += 3;
    }
    g_object_unref(l);
}

/* The letterhead: on the left the organisation above and the issuing
** one, "*" and the number; on the right the Party's name ruled under (or
** the State's title and motto) and the place and date in italics. */
static void header(pdf *p, const report_doc *d) {
    double wl = TEXT_W * 0.44, wr = TEXT_W - wl, top = p->y, yl = top, yr = top;
    header_line(p, d->issuer_parent, MARGIN_L, &yl, wl, 14, 0, 0, 0, d->parent_lead);
    header_line(p, d->issuer, MARGIN_L, &yl, wl, 14, 1, 0, 0, d->issuer_lead);
    header_line(p, d->party ? "*" : "", MARGIN_L, &yl, wl, 14, 0, 0, 0, 0);
    header_line(p, d->doc_no, MARGIN_L, &yl, wl, 14, 0, 0, 0, 0);
    header_line(p, d->right_title, MARGIN_L + wl, &yr, wr, d->party ? 15 : 12, 1, 0, d->party, 0);
    header_line(p, d->right_motto, MARGIN_L + wl, &yr, wr, 13, 1, 0, 1, 0);
    yr += 6;
    header_line(p, d->place_date, MARGIN_L + wl, &yr, wr, 14, 0, 1, 0, d->date_lead);
    p->y = (yl > yr ? yl : yr) + 18;
}

/* Characters of s (UTF-8 code points). */
static double chars(const char *s) {
    double n = 0;
    for (const unsigned char *q = (const unsigned char *)s; *q; q++) n += (*q & 0xC0) != 0x80;
    return n;
}

/* One table row laid out in its columns' widths (ls given, unref after
** drawing): text wraps between words, a number never wraps; its height. */
static double row_layout(pdf *p, const char *const *cells, const int *right, const double *w, int n, int bold,
                         PangoLayout **ls) {
    double h = 0;
    for (int c = 0; c < n; c++) {
        ls[c] = layout(p, cells[c], w[c] - 6, 12, bold, 0, right[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        if (right[c]) pango_layout_set_width(ls[c], -1); /* "100,0%" on one line, whatever the width */
        if (height_of(ls[c]) > h) h = height_of(ls[c]);
    }
    return h + 6;
}

/* Draw a row laid out by row_layout at the current line; numbers flush right. */
static void row_draw(pdf *p, PangoLayout **ls, const int *right, const double *w, int n, double h) {
    double x = MARGIN_L;
    for (int c = 0; c < n; c++) {
        cairo_rectangle(p->cr, x, p->y, w[c], h);
        cairo_stroke(p->cr);
        int tw, th;
        pango_layout_get_size(ls[c], &tw, &th);
        double dx = right[c] ? w[c] - 3 - (double)tw / PANGO_SCALE : 3;
        cairo_move_to(p->cr, x + (dx < 3 ? 3 : dx), p->y + 3);
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
    PangoLayout *ls[16];
    double hh = row_layout(p, (const char *const *)t->head, right, w, n, 1, ls);
    need(p, 13 * 1.6 + hh + 24); /* the title with the header and a row */
    text(p, t->title, 13, 0, 1, PANGO_ALIGN_LEFT);
    cairo_set_line_width(p->cr, 0.5);
    row_draw(p, ls, right, w, n, hh);
    for (long r = 0; r < t->nrows; r++) {
        char vals[16][64];
        const char *cells[16];
        for (int c = 0; c < n; c++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            if (cell->kind == CELL_RATE) doc_rate_text((long)cell->v, vals[c]);
            else report_int_vi(cell->v, vals[c]);
            cells[c] = cell->kind == CELL_TEXT ? cell->text : vals[c];
            right[c] = cell->kind != CELL_TEXT;
        }
        double h = row_layout(p, cells, right, w, n, t->total_last && r == t->nrows - 1, ls);
        if (p->y + h > PAGE_H - MARGIN_B) { /* the header again at the top of the next page */
            PangoLayout *hs[16];
            int plain[16] = {0};
            new_page(p);
            cairo_set_line_width(p->cr, 0.5);
            double h2 = row_layout(p, (const char *const *)t->head, plain, w, n, 1, hs);
            row_draw(p, hs, plain, w, n, h2);
        }
        row_draw(p, ls, right, w, n, h);
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
    need(p, SIGNATURE_H);
    double top = p->y + 10;
    int listed = !strncmp(d->recipients, "Nơi nhận:", strlen("Nơi nhận:")); /* else a form's other signature */
    PangoLayout *l = listed ? layout(p, d->recipients, half, 12, 0, 0, PANGO_ALIGN_LEFT)
                            : layout(p, d->recipients, half, 14, 1, 0, PANGO_ALIGN_CENTER);
    if (listed) { /* the word underlined, bold italic */
        PangoAttrList *at = pango_attr_list_new();
        PangoAttribute *u = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), *w = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
        PangoAttribute *i = pango_attr_style_new(PANGO_STYLE_ITALIC), *z = pango_attr_size_new(14 * PANGO_SCALE);
        PangoAttribute *all[] = {u, w, i, z};
        for (int k = 0; k < 4; k++) {
            all[k]->start_index = 0;
            all[k]->end_index = (guint)strlen("Nơi nhận:");
            pango_attr_list_insert(at, all[k]);
        }
        pango_layout_set_attributes(l, at);
        pango_attr_list_unref(at);
    }
    cairo_move_to(p->cr, MARGIN_L, top);
    pango_cairo_show_layout(p->cr, l);
    g_object_unref(l);
    char block[768];
    snprintf(block, sizeof block, "%s\n%s\n\n\n\n%s", d->signer_for, d->signer_title, d->signer_name);
    l = layout(p, block, half, 14, 1, 0, PANGO_ALIGN_CENTER);
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
    text(p, d->title, 16, 1, 0, PANGO_ALIGN_CENTER);
    text(p, d->subtitle, 14, 1, 0, PANGO_ALIGN_CENTER);
    for (int i = 0; i < d->nsec; i++) {
        const doc_section *sec = &d->sec[i];
        if (*sec->heading) text(p, sec->heading, 14, 1, 0, PANGO_ALIGN_LEFT);
        for (int k = 0; k < sec->npara; k++) {
            if (i == d->nsec - 1 && k == sec->npara - 1 && !sec->table && !sec->chart)
                p->keep = SIGNATURE_H; /* the last paragraph goes with the signature */
            text(p, sec->para[k], 14, 0, 0, PANGO_ALIGN_LEFT);
            p->keep = 0;
        }
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
    pdf p = {doc_pdf_open(out), MARGIN_T, 1, 0};
    for (int i = 0; i < n; i++) {
        if (i) { cairo_show_page(p.cr); p.y = MARGIN_T; p.page = 1; } /* each document numbered from 1 */
        pdf_document(&p, &d[i]);
    }
    return doc_pdf_close(p.cr, out, e);
}
