/*
** chart.c — the report's two charts drawn once with cairo and pango, onto
** any surface: PDF pages directly, PNG for DOCX, XLSX and HTML.  Bars of
** the deployment and good-or-better rates by sub-unit; the trend of both
** over the years of a range.  Absent rates are not drawn.
*/
#include "doc.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define BAR_ROW 30.0
#define LABEL_W 190.0

static const double colour_a[3] = {0.72, 0.11, 0.11}; /* deployment: red */
static const double colour_b[3] = {0.08, 0.40, 0.75}; /* good or better: blue */

#define TITLE_H 18.0  /* the chart's title above it */

void chart_size(const doc_chart *c, chart_kind kind, double *w, double *h) {
    *w = 480;
    *h = TITLE_H + (kind == CHART_BARS ? 40 + BAR_ROW * (c->nbars > 0 ? c->nbars : 1) : 220);
}

/* Text at (x, y) in the report's font; within max_w (when > 0) it wraps
** onto a second line, and only a third would be cut. */
static void text_at(cairo_t *cr, const char *s, double x, double y, double size, double max_w) {
    PangoLayout *l = pango_cairo_create_layout(cr);
    char font[64];
    snprintf(font, sizeof font, "Noto Sans %.1f", size);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    if (max_w > 0) {
        pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD);
        pango_layout_set_height(l, -2); /* two lines at most */
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    lt_buf tmp = {0};
    doc_clean(s, &tmp, &s);   /* a unit's name older versions stored with controls */
    pango_layout_set_text(l, s, -1);
    lt_buf_free(&tmp);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l);
    pango_font_description_free(fd);
    g_object_unref(l);
}

static void legend(cairo_t *cr) {
    cairo_set_source_rgb(cr, colour_a[0], colour_a[1], colour_a[2]);
    cairo_rectangle(cr, 10, 8, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, "Triển khai chuyên đề", 24, 5, 8, 0);
    cairo_set_source_rgb(cr, colour_b[0], colour_b[1], colour_b[2]);
    cairo_rectangle(cr, 170, 8, 10, 10);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, "Hoàn thành tốt trở lên", 184, 5, 8, 0);
}

static void bar(cairo_t *cr, double y, long rate, const double *rgb, double plot_w) {
    char label[32];
    if (rate < 0) { cairo_set_source_rgb(cr, 0.4, 0.4, 0.4); text_at(cr, "—", LABEL_W, y - 3, 7, 0); return; }
    double w = plot_w * (double)rate / 1000.0;
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_rectangle(cr, LABEL_W, y, w, 9);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    doc_rate_text(rate, label);
    text_at(cr, label, LABEL_W + w + 3, y - 2, 7, 0);
}

static void draw_bars(cairo_t *cr, const doc_chart *c, double width) {
    double plot_w = width - LABEL_W - 50;
    legend(cr);
    for (int i = 0; i < c->nbars; i++) {
        double y = 32 + i * BAR_ROW;
        cairo_set_source_rgb(cr, 0, 0, 0);
        text_at(cr, c->labels[i], 6, y - 3, 8, LABEL_W - 12);
        bar(cr, y, c->rate_a[i], colour_a, plot_w);
        bar(cr, y + 11, c->rate_b[i], colour_b, plot_w);
    }
}

static void series(cairo_t *cr, const doc_chart *c, const long *rates, const double *rgb, double x0,
                   double step, double y0, double h) {
    int started = 0;
    cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
    cairo_set_line_width(cr, 2);
    for (int i = 0; i < c->nyears; i++) {
        if (rates[i] < 0) continue;
        double x = x0 + i * step, y = y0 - h * (double)rates[i] / 1000.0;
        if (started) cairo_line_to(cr, x, y);
        else cairo_move_to(cr, x, y);
        started = 1;
    }
    cairo_stroke(cr);
    for (int i = 0; i < c->nyears; i++) {
        if (rates[i] < 0) continue;
        cairo_arc(cr, x0 + i * step, y0 - h * (double)rates[i] / 1000.0, 2.5, 0, 6.2832);
        cairo_fill(cr);
    }
}

static void draw_trend(cairo_t *cr, const doc_chart *c, double width, double height) {
    double x0 = 40, y0 = height - 24, h = height - 60;
    double step = c->nyears > 1 ? (width - 70) / (c->nyears - 1) : 0;
    legend(cr);
    cairo_set_line_width(cr, 0.5);
    for (int pct = 0; pct <= 100; pct += 25) {
        char label[8];
        double y = y0 - h * pct / 100.0;
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
        cairo_move_to(cr, x0, y);
        cairo_line_to(cr, width - 20, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0, 0, 0);
        snprintf(label, sizeof label, "%d%%", pct);
        text_at(cr, label, 4, y - 6, 7, 0);
    }
    for (int i = 0; i < c->nyears; i++) {
        char label[8];
        snprintf(label, sizeof label, "%d", c->years[i] % 10000);
        cairo_set_source_rgb(cr, 0, 0, 0);
        text_at(cr, label, x0 + i * step - 10, y0 + 4, 7, 0);
    }
    series(cr, c, c->trend_a, colour_a, x0, step, y0, h);
    series(cr, c, c->trend_b, colour_b, x0, step, y0, h);
}

void chart_draw(void *cairo_ctx, const doc_chart *c, chart_kind kind, double width, double height) {
    cairo_t *cr = cairo_ctx;
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_at(cr, kind == CHART_BARS ? "Biểu đồ 1. Tỷ lệ triển khai chuyên đề và hoàn thành tốt trở lên theo đơn vị"
                                   : "Biểu đồ 2. Tỷ lệ triển khai chuyên đề và hoàn thành tốt trở lên qua các năm",
            6, 2, 9, 0);
    cairo_translate(cr, 0, TITLE_H);
    if (kind == CHART_BARS) draw_bars(cr, c, width);
    else draw_trend(cr, c, width, height - TITLE_H);
    cairo_restore(cr);
}

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int n) {
    return lt_buf_append(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int chart_png(const doc_chart *c, chart_kind kind, int width, int height, lt_buf *out, lt_err *e) {
    double w, h;
    chart_size(c, kind, &w, &h);
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t *cr = cairo_create(s);
    cairo_scale(cr, width / w, height / h);
    chart_draw(cr, c, kind, w, h);
    cairo_destroy(cr);
    cairo_status_t st = cairo_surface_write_to_png_stream(s, png_sink, out);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS)
        return lt_err_set(e, LT_EIO, "không vẽ được biểu đồ", "cannot draw the chart");
    return LT_OK;
}
