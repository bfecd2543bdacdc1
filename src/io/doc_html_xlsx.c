/*
** doc_html_xlsx.c — the report as one self-contained HTML page (charts as
** embedded PNG) and as an XLSX workbook (libxlsxwriter): one sheet per
** table, numbers stored as numbers, rates with a percent format, frozen
** header rows, column widths that fit Vietnamese text, the charts as
** pictures on the first sheet.
*/
#include "doc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One cell as text: names, "1.234" style numbers, "98,8%". */
static void cell_text(const doc_cell *c, char out[64]) {
    if (c->kind == CELL_RATE) doc_rate_text((long)c->v, out);
    else if (c->kind == CELL_INT) report_int_vi(c->v, out);
    else snprintf(out, 64, "%s", "");
}

static void html_table(lt_buf *b, const doc_table *t) {
    lt_buf_puts(b, "<table><caption>");
    doc_escape(b, t->title);
    lt_buf_puts(b, "</caption><thead><tr>");
    for (int c = 0; c < t->ncols; c++) { lt_buf_puts(b, "<th>"); doc_escape(b, t->head[c]); lt_buf_puts(b, "</th>"); }
    lt_buf_puts(b, "</tr></thead><tbody>");
    for (long r = 0; r < t->nrows; r++) {
        lt_buf_puts(b, "<tr>");
        for (int c = 0; c < t->ncols; c++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            char v[64];
            cell_text(cell, v);
            lt_buf_puts(b, cell->kind == CELL_TEXT ? "<td>" : "<td class=\"n\">");
            doc_escape(b, cell->kind == CELL_TEXT ? cell->text : v);
            lt_buf_puts(b, "</td>");
        }
        lt_buf_puts(b, "</tr>");
    }
    lt_buf_puts(b, "</tbody></table>");
}

static int html_chart(lt_buf *b, const doc_chart *c, chart_kind kind, lt_err *e) {
    double w, h;
    lt_buf png;
    lt_buf_init(&png, 0);
    chart_size(c, kind, &w, &h);
    if (chart_png(c, kind, (int)(w * 2), (int)(h * 2), &png, e)) { lt_buf_free(&png); return e->code; }
    size_t n = sodium_base64_ENCODED_LEN(png.len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = malloc(n);
    if (!b64) { lt_buf_free(&png); return lt_err_oom(e); }
    sodium_bin2base64(b64, n, (const unsigned char *)png.p, png.len, sodium_base64_VARIANT_ORIGINAL);
    lt_buf_printf(b, "<p><img alt=\"%s\" width=\"%d\" src=\"data:image/png;base64,", kind == CHART_BARS
                  ? "Biểu đồ tỷ lệ theo đơn vị" : "Biểu đồ qua các năm", (int)w);
    lt_buf_puts(b, b64);
    lt_buf_puts(b, "\"/></p>");
    free(b64);
    lt_buf_free(&png);
    return LT_OK;
}

int doc_render_html(const report_doc *d, lt_buf *b, lt_err *e) {
    doc_clean_reset();
    lt_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"/><title>");
    doc_escape(b, d->subtitle);
    lt_buf_puts(b, "</title><style>body{font-family:'Times New Roman','Liberation Serif',serif;max-width:50rem;"
                   "margin:2rem auto;padding:0 1rem;line-height:1.4}.hd{display:flex;justify-content:space-between;"
                   "text-align:center;gap:1rem}.hd div{flex:1}.t{text-align:center}table{border-collapse:collapse;"
                   "width:100%;margin:.5rem 0}th,td{border:1px solid #000;padding:.2rem .4rem}td.n{text-align:right}"
                   "caption{font-style:italic}.sig{display:flex;justify-content:space-between;margin-top:2rem}"
                   ".sig div{white-space:pre-line}img{max-width:100%}.ruled{display:inline-block;border-bottom:1px solid #000;"
                   "padding-bottom:2px;margin-bottom:.3rem}</style></head><body>");
    lt_buf_puts(b, "<div class=\"hd\"><div>");
    if (*d->issuer_parent) { doc_escape(b, d->issuer_parent); lt_buf_puts(b, "<br/>"); }
    lt_buf_puts(b, "<b>");
    doc_escape(b, d->issuer);
    lt_buf_puts(b, d->party ? "</b><br/>*<br/>" : "</b><br/>");
    doc_escape(b, d->doc_no);
    lt_buf_printf(b, "</div><div><b class=\"%s\">", d->party ? "ruled" : "");
    doc_escape(b, d->right_title);
    lt_buf_puts(b, "</b><br/>");
    if (*d->right_motto) { lt_buf_puts(b, "<b class=\"ruled\">"); doc_escape(b, d->right_motto); lt_buf_puts(b, "</b><br/>"); }
    lt_buf_puts(b, "<i>");
    doc_escape(b, d->place_date);
    lt_buf_puts(b, "</i></div></div><h1 class=\"t\">");
    doc_escape(b, d->title);
    lt_buf_puts(b, "</h1><p class=\"t\"><b>");
    doc_escape(b, d->subtitle);
    lt_buf_puts(b, "</b></p>");
    for (int s = 0; s < d->nsec; s++) {
        const doc_section *sec = &d->sec[s];
        if (*sec->heading) {
            lt_buf_puts(b, "<h2>");
            doc_escape(b, sec->heading);
            lt_buf_puts(b, "</h2>");
        }
        for (int p = 0; p < sec->npara; p++) { lt_buf_puts(b, "<p>"); doc_escape(b, sec->para[p]); lt_buf_puts(b, "</p>"); }
        if (sec->table) html_table(b, sec->table);
        if (sec->chart && html_chart(b, &d->chart, (chart_kind)sec->chart, e)) return e->code;
    }
    lt_buf_puts(b, "<div class=\"sig\"><div><small>");
    doc_escape(b, d->recipients);
    lt_buf_puts(b, "</small></div><div class=\"t\"><b>");
    doc_escape(b, d->signer_for);
    lt_buf_puts(b, "<br/>");
    doc_escape(b, d->signer_title);
    lt_buf_puts(b, "</b><br/><br/><br/><br/><b>");
    doc_escape(b, d->signer_name);
    lt_buf_puts(b, "</b></div></div></body></html>\n");
    if (b->err == LT_EOOM || doc_clean_failed()) return lt_err_oom(e);
    return b->err ? lt_err_set(e, b->err, "báo cáo quá lớn", "the report is too large") : LT_OK;
}

/* ---- XLSX ---------------------------------------------------------------- */
/* Column width for text of n characters (Vietnamese letters are one each). */
static double width_for(const char *s) {
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
    return n * 1.1 + 2 > 60 ? 60 : n * 1.1 + 2;
}

/* The formats of a workbook's tables: bordered cells, a shaded header, the
** total row bold, rates as numbers shown as percentages. */
typedef struct xlsx_look { lxw_format *bold, *head, *cell, *pct, *total, *total_pct; } xlsx_look;

static void xlsx_look_new(lxw_workbook *wb, xlsx_look *k) {
    k->bold = workbook_add_format(wb);
    format_set_bold(k->bold);
    k->head = workbook_add_format(wb);
    format_set_bold(k->head);
    format_set_text_wrap(k->head);
    format_set_bg_color(k->head, 0xEEEEEE);
    lxw_format **bordered[] = {&k->head, &k->cell, &k->pct, &k->total, &k->total_pct};
    for (unsigned i = 1; i < LT_ARRAY_LEN(bordered); i++) *bordered[i] = workbook_add_format(wb);
    for (unsigned i = 0; i < LT_ARRAY_LEN(bordered); i++) format_set_border(*bordered[i], LXW_BORDER_THIN);
    format_set_num_format(k->pct, "0.0%");
    format_set_num_format(k->total_pct, "0.0%");
    format_set_bold(k->total);
    format_set_bold(k->total_pct);
}

/* One table as one sheet named for what it holds: a title row, a frozen
** header row, the rows with their borders. */
static int xlsx_sheet(lxw_workbook *wb, const doc_table *t, int number, const xlsx_look *k) {
    char name[32];
    if (t->sheet) snprintf(name, sizeof name, "%s", t->sheet);
    else snprintf(name, sizeof name, "Bảng %d", number);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (!ws) return LT_EOOM;
    xlsx_text(ws, 0, 0, t->title, k->bold);
    double *w = calloc((size_t)t->ncols, sizeof *w);
    if (!w) return LT_EOOM;
    for (int c = 0; c < t->ncols; c++) {
        xlsx_text(ws, 1, (lxw_col_t)c, t->head[c], k->head);
        w[c] = width_for(t->head[c]);
    }
    for (long r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const doc_cell *cell = &t->cells[r * t->ncols + c];
            lxw_row_t row = (lxw_row_t)(r + 2);
            int total = t->total_last && r == t->nrows - 1;
            lxw_format *f = total ? k->total : k->cell, *fp = total ? k->total_pct : k->pct;
            if (cell->kind == CELL_TEXT) {
                xlsx_text(ws, row, (lxw_col_t)c, cell->text, f);
                if (width_for(cell->text) > w[c]) w[c] = width_for(cell->text);
            } else if (cell->kind == CELL_INT) {
                worksheet_write_number(ws, row, (lxw_col_t)c, (double)cell->v, f);
            } else if (cell->v >= 0) {
                worksheet_write_number(ws, row, (lxw_col_t)c, (double)cell->v / 1000.0, fp);
            } else {
                xlsx_text(ws, row, (lxw_col_t)c, "—", f); /* nothing to count */
            }
        }
    for (int c = 0; c < t->ncols; c++) worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w[c], NULL);
    worksheet_freeze_panes(ws, 2, 1);
    free(w);
    return LT_OK;
}

/* The first sheet: header, title, every section's sentences, the charts. */
static int xlsx_cover(lxw_workbook *wb, const report_doc *d, lxw_format *bold, lt_buf *png_a,
                      lt_buf *png_b, lt_err *e) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Báo cáo");
    worksheet_set_column(ws, 0, 0, 110, NULL);
    lxw_row_t row = 0;
    xlsx_text(ws, row++, 0, d->issuer_parent, NULL);
    xlsx_text(ws, row++, 0, d->issuer, bold);
    xlsx_text(ws, row++, 0, d->doc_no, NULL);
    xlsx_text(ws, row++, 0, d->right_title, bold);
    if (*d->right_motto) xlsx_text(ws, row++, 0, d->right_motto, NULL);
    xlsx_text(ws, row++, 0, d->place_date, NULL);
    xlsx_text(ws, row++, 0, d->title, bold);
    xlsx_text(ws, row++, 0, d->subtitle, bold);
    for (int s = 0; s < d->nsec; s++) {
        row++;
        xlsx_text(ws, row++, 0, d->sec[s].heading, bold);
        for (int p = 0; p < d->sec[s].npara; p++) xlsx_text(ws, row++, 0, d->sec[s].para[p], NULL);
    }
    row++;
    double w, h;
    chart_size(&d->chart, CHART_BARS, &w, &h);
    if (chart_png(&d->chart, CHART_BARS, (int)(2 * w), (int)(2 * h), png_a, e)) return e->code;
    worksheet_insert_image_buffer(ws, row, 0, (const unsigned char *)png_a->p, png_a->len);
    if (d->chart.nyears > 1) {
        chart_size(&d->chart, CHART_TREND, &w, &h);
        if (chart_png(&d->chart, CHART_TREND, (int)(2 * w), (int)(2 * h), png_b, e)) return e->code;
        worksheet_insert_image_buffer(ws, row + 2 + (lxw_row_t)(d->chart.nbars * 3), 0,
                                      (const unsigned char *)png_b->p, png_b->len);
    }
    return LT_OK;
}

int doc_render_xlsx(const report_doc *d, lt_buf *out, lt_err *e) {
    char path[32];
    doc_clean_reset();
    lxw_workbook *wb = xlsx_begin(path, e);
    if (!wb) return e->code;
    xlsx_look k;
    xlsx_look_new(wb, &k);
    lt_buf png_a, png_b;
    lt_buf_init(&png_a, 0);
    lt_buf_init(&png_b, 0);
    int rc = xlsx_cover(wb, d, k.bold, &png_a, &png_b, e);
    for (int s = 0, n = 0; rc == LT_OK && s < d->nsec; s++)
        if (d->sec[s].table && xlsx_sheet(wb, d->sec[s].table, ++n, &k)) rc = lt_err_oom(e);
    if (rc == LT_OK && doc_clean_failed()) rc = lt_err_oom(e);
    rc = xlsx_end(wb, path, rc, out, e); /* writes the file: the PNGs must live until here */
    lt_buf_free(&png_a);
    lt_buf_free(&png_b);
    return rc;
}
