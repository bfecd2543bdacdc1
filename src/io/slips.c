/*
** slips.c — activation slips (DESIGN §2 "account"): A4 pages of eight
** slips, two across and four down, with dashed lines to cut along; each
** slip names the member and their party cell and gives their login, the
** one-time code, the site's address, how to log in in three lines and the
** day the code expires.  Drawn with cairo and pango (the text stays
** extractable); the codes are never stored, only printed.
*/
#include "doc.h"

#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define PAGE_W 595.0
#define PAGE_H 842.0
#define SLIP_W (PAGE_W / 2)
#define SLIP_H (PAGE_H / 4)
#define PAD 20.0

/* The slips' few fonts, each with its layout made once and reused for
** every line in it (making a layout per line took most of the time). */
typedef struct slip_fonts {
    cairo_t *cr;
    const char *font[8];
    PangoLayout *layout[8];
    int n;
} slip_fonts;

static PangoLayout *font_layout(slip_fonts *f, const char *font, double w) {
    for (int i = 0; i < f->n; i++)
        if (!strcmp(f->font[i], font)) return f->layout[i];
    if (f->n == 8) return NULL; /* (never: the slips use six) */
    PangoLayout *l = pango_cairo_create_layout(f->cr);
    PangoFontDescription *fd = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(w * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    f->font[f->n] = font;
    return f->layout[f->n++] = l;
}

static void fonts_free(slip_fonts *f) {
    for (int i = 0; i < f->n; i++) g_object_unref(f->layout[i]);
}

/* One line of text at (x, *y) within width w; *y moves below it. */
static void line(slip_fonts *f, double x, double *y, double w, const char *font, const char *s) {
    PangoLayout *l = font_layout(f, font, w);
    if (!l) return;
    lt_buf tmp = {0};
    doc_clean(s, &tmp, &s); /* pango draws controls as boxes */
    pango_layout_set_text(l, s, -1);
    lt_buf_free(&tmp);
    cairo_move_to(f->cr, x, *y);
    pango_cairo_show_layout(f->cr, l);
    int lw, lh;
    pango_layout_get_size(l, &lw, &lh);
    *y += (double)lh / PANGO_SCALE + 2;
}

static void slip(slip_fonts *cr, const account_slip *s, int at, const char *site) {
    double x = (at % 2) * SLIP_W + PAD, y = (at / 2) * SLIP_H + PAD - 4, w = SLIP_W - 2 * PAD;
    char buf[1200], day[11];
    line(cr, x, &y, w, "Liberation Sans Bold 8", "TÀI KHOẢN HỌC TẬP VÀ LÀM THEO (lamtheo)");
    line(cr, x, &y, w, "Liberation Sans Bold 12", s->full_name);
    snprintf(buf, sizeof buf, "Sinh hoạt tại: %s", s->unit_name);
    line(cr, x, &y, w, "Liberation Sans 8.5", buf);
    line(cr, x, &y, w, "Liberation Sans 8.5", "Tên đăng nhập:");
    line(cr, x, &y, w, "Liberation Mono Bold 9.5", s->login);
    snprintf(buf, sizeof buf, "Mã kích hoạt: %s", s->code);
    line(cr, x, &y, w, "Liberation Mono Bold 10.5", buf);
    snprintf(buf, sizeof buf, "Địa chỉ: %s", site && *site ? site : "(hỏi bí thư chi bộ)");
    line(cr, x, &y, w, "Liberation Sans 8.5", buf);
    line(cr, x, &y, w, "Liberation Sans 8", "1. Mở địa chỉ trên, chọn «Đăng nhập».");
    line(cr, x, &y, w, "Liberation Sans 8", "2. Nhập tên đăng nhập, và mã kích hoạt vào ô mật khẩu.");
    line(cr, x, &y, w, "Liberation Sans 8", "3. Đặt mật khẩu của riêng mình (ít nhất 10 ký tự).");
    snprintf(buf, sizeof buf, "Mã chỉ dùng một lần, hết hạn ngày %s.", lt_date_vn(s->expires, day));
    line(cr, x, &y, w, "Liberation Sans Italic 8", buf);
}

/* The dashed lines to cut along. */
static void cut_lines(cairo_t *cr) {
    static const double dash[] = {4.0, 3.0};
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.5);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, SLIP_W, 0);
    cairo_line_to(cr, SLIP_W, PAGE_H);
    for (int r = 1; r < 4; r++) {
        cairo_move_to(cr, 0, r * SLIP_H);
        cairo_line_to(cr, PAGE_W, r * SLIP_H);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

int slips_render_pdf(const account_slip *s, long n, const char *site, lt_buf *out, lt_err *e) {
    cairo_t *cr = doc_pdf_open(out);
    slip_fonts fonts = {.cr = cr};
    for (long i = 0; i < n; i++) {
        if (i % 8 == 0) {
            if (i) cairo_show_page(cr);
            cut_lines(cr);
        }
        slip(&fonts, &s[i], (int)(i % 8), site);
    }
    if (n == 0) cut_lines(cr); /* (a page, even for none) */
    fonts_free(&fonts);
    return doc_pdf_close(cr, out, e);
}
