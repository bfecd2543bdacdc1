/*
** export.c — the lists of lists.c written as CSV (UTF-8 with BOM, CRLF,
** the import's column names, formula injection neutralised), JSON or XLSX.
*/
#include "doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void export_csv_cell(lt_buf *out, const char *s) {
    int risky = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                s[0] == '\r';
    int quote = risky || strpbrk(s, ",;\"\r\n") != NULL;
    if (quote) lt_buf_putc(out, '"');
    if (risky) lt_buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') lt_buf_putc(out, '"');
        lt_buf_putc(out, *p);
    }
    if (quote) lt_buf_putc(out, '"');
}

static void export_row_csv(const dom_list *l, lt_buf *out) {
    for (int i = 0; i < dom_list_columns(l); i++) {
        if (i) lt_buf_putc(out, ',');
        export_csv_cell(out, dom_list_text(l, i));
    }
    lt_buf_puts(out, "\r\n");
}

static json_t *export_row_json(const dom_list *l) {
    json_t *o = json_object();
    for (int i = 0; i < dom_list_columns(l); i++) {
        json_t *v = dom_list_is_int(l, i) ? json_integer(dom_list_int(l, i)) : json_string(dom_list_text(l, i));
        json_object_set_new(o, dom_list_name(l, i), v);
    }
    return o;
}

/* The rows of l as one sheet: a bold frozen header, strings as strings. */
static int export_xlsx(dom_list *l, lt_buf *out, lt_err *e) {
    char path[32];
    lxw_workbook *wb = xlsx_begin(path, e);
    if (!wb) return e->code;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sach");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    int nc = dom_list_columns(l), row, rc = LT_OK;
    for (int c = 0; c < nc; c++) {
        xlsx_text(ws, 0, (lxw_col_t)c, dom_list_name(l, c), bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 1 ? 28 : 16, NULL);
    }
    lxw_row_t r = 1;
    while ((row = dom_list_next(l, e)) == 1 && r < 1048576) {
        for (int c = 0; c < nc; c++) {
            if (dom_list_is_int(l, c))
                worksheet_write_number(ws, r, (lxw_col_t)c, (double)dom_list_int(l, c), NULL);
            else
                xlsx_text(ws, r, (lxw_col_t)c, dom_list_text(l, c), NULL);
        }
        r++;
    }
    if (row < 0) rc = LT_EDB;
    worksheet_freeze_panes(ws, 1, 0);
    return xlsx_end(wb, path, rc, out, e);
}

int export_list(lt_ctx *ctx, const char *kind, export_format fmt, lt_buf *out, lt_err *e) {
    dom_list *l;
    if (dom_list_open(ctx, kind, &l, e)) return e->code;
    if (fmt == EXPORT_XLSX) {
        int rc = export_xlsx(l, out, e);
        dom_list_close(l);
        return rc;
    }
    json_t *arr = fmt == EXPORT_JSON ? json_array() : NULL;
    if (!arr) {
        lt_buf_puts(out, "\xEF\xBB\xBF");
        for (int i = 0; i < dom_list_columns(l); i++)
            lt_buf_printf(out, "%s%s", i ? "," : "", dom_list_name(l, i));
        lt_buf_puts(out, "\r\n");
    }
    int row;
    while ((row = dom_list_next(l, e)) == 1) {
        if (arr) json_array_append_new(arr, export_row_json(l));
        else export_row_csv(l, out);
    }
    dom_list_close(l);
    if (arr) {
        char *s = json_dumps(arr, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        if (s) { lt_buf_puts(out, s); lt_buf_putc(out, '\n'); }
        free(s);
        json_decref(arr);
    }
    return row < 0 ? LT_EDB : LT_OK;
}
