/*
** export.c — the lists of lists.c written as CSV (UTF-8 with BOM, CRLF,
** the import's column names, formula injection neutralised), JSON or XLSX;
** the same lists as an officer or viewer may see them (their subtree, a
** year), and the accounts of a subtree, for the web's downloads.  Each
** writer reads one source of rows: a streamed list, or rows in memory.
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

/* A column of rows in memory as a file shows it: its name there, the
** column it reads, and whether its codes are written as words. */
typedef struct export_col { const char *name, *from; int words; } export_col;

/* Where the rows come from: a streamed list l, or rows (row the current
** one, -1 before the first) shown through cols. */
typedef struct export_src {
    dom_list *l;
    const dom_rows *rows;
    const export_col *cols;
    int ncols;
    long row;
} export_src;

static int src_columns(const export_src *s) { return s->l ? dom_list_columns(s->l) : s->ncols; }
static const char *src_name(const export_src *s, int c) {
    return s->l ? dom_list_name(s->l, c) : s->cols[c].name;
}
/* 1 a row, 0 the end, < 0 failed. */
static int src_next(export_src *s, lt_err *e) {
    if (s->l) return dom_list_next(s->l, e);
    return ++s->row < s->rows->n;
}
static int src_is_int(const export_src *s, int c) { return s->l && dom_list_is_int(s->l, c); }
static const char *src_text(const export_src *s, int c) {
    if (s->l) return dom_list_text(s->l, c);
    const char *v = rows_get(s->rows, s->row, s->cols[c].from);
    return s->cols[c].words && *v ? vocab_label_vi(v) : v;
}

static void export_row_csv(const export_src *s, lt_buf *out) {
    for (int i = 0; i < src_columns(s); i++) {
        if (i) lt_buf_putc(out, ',');
        export_csv_cell(out, src_text(s, i));
    }
    lt_buf_puts(out, "\r\n");
}

static json_t *export_row_json(const export_src *s) {
    json_t *o = json_object();
    for (int i = 0; i < src_columns(s); i++) {
        json_t *v = src_is_int(s, i) ? json_integer(dom_list_int(s->l, i)) : json_string(src_text(s, i));
        json_object_set_new(o, src_name(s, i), v);
    }
    return o;
}

/* The rows as one sheet: a bold frozen header, strings as strings. */
static int export_xlsx(export_src *s, lt_buf *out, lt_err *e) {
    char path[32];
    lxw_workbook *wb = xlsx_begin(path, e);
    if (!wb) return e->code;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sach");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    int nc = src_columns(s), row, rc = LT_OK;
    for (int c = 0; c < nc; c++) {
        xlsx_text(ws, 0, (lxw_col_t)c, src_name(s, c), bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 1 ? 28 : 16, NULL);
    }
    lxw_row_t r = 1;
    while ((row = src_next(s, e)) == 1 && r < 1048576) {
        for (int c = 0; c < nc; c++) {
            if (src_is_int(s, c))
                worksheet_write_number(ws, r, (lxw_col_t)c, (double)dom_list_int(s->l, c), NULL);
            else
                xlsx_text(ws, r, (lxw_col_t)c, src_text(s, c), NULL);
        }
        r++;
    }
    if (row < 0) rc = LT_EDB;
    worksheet_freeze_panes(ws, 1, 0);
    return xlsx_end(wb, path, rc, out, e);
}

/* The rows of s in format fmt, appended to out. */
static int export_write(export_src *s, export_format fmt, lt_buf *out, lt_err *e) {
    if (fmt == EXPORT_XLSX) return export_xlsx(s, out, e);
    json_t *arr = fmt == EXPORT_JSON ? json_array() : NULL;
    if (!arr) {
        lt_buf_puts(out, "\xEF\xBB\xBF");
        for (int i = 0; i < src_columns(s); i++)
            lt_buf_printf(out, "%s%s", i ? "," : "", src_name(s, i));
        lt_buf_puts(out, "\r\n");
    }
    int row;
    while ((row = src_next(s, e)) == 1) {
        if (arr) json_array_append_new(arr, export_row_json(s));
        else export_row_csv(s, out);
    }
    if (arr) {
        char *txt = json_dumps(arr, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        if (txt) { lt_buf_puts(out, txt); lt_buf_putc(out, '\n'); }
        free(txt);
        json_decref(arr);
    }
    return row < 0 ? LT_EDB : LT_OK;
}

/* A streamed list written and closed. */
static int export_stream(dom_list *l, export_format fmt, lt_buf *out, lt_err *e) {
    export_src s = {.l = l, .row = -1};
    int rc = export_write(&s, fmt, out, e);
    dom_list_close(l);
    return rc;
}

int export_list(lt_ctx *ctx, const char *kind, export_format fmt, lt_buf *out, lt_err *e) {
    dom_list *l;
    if (dom_list_open(ctx, kind, &l, e)) return e->code;
    return export_stream(l, fmt, out, e);
}

int export_list_in(lt_ctx *ctx, const char *kind, long long root, int year, export_format fmt, lt_buf *out,
                   lt_err *e) {
    dom_list *l;
    if (dom_list_open_in(ctx, kind, root, year, &l, e)) return e->code;
    return export_stream(l, fmt, out, e);
}

int export_accounts(lt_ctx *ctx, const char *unit_code, export_format fmt, lt_buf *out, lt_err *e) {
    static const export_col cols[] = {
        {"dang_nhap", "login", 0}, {"ho_ten", "full_name", 0}, {"vai_tro", "role", 1},
        {"ma_don_vi", "unit_code", 0}, {"don_vi", "unit_name", 0}, {"trang_thai", "status", 1},
        {"dang_nhap_lan_cuoi", "last_login", 0}};
    if (ctx->role != ROLE_ADMIN && ctx->role != ROLE_OFFICER)
        return lt_err_set(e, LT_EREFUSED, "vai trò của bạn không xuất được danh sách tài khoản",
                          "your role may not export the accounts");
    dom_rows rows;
    if (q_accounts(ctx, unit_code, NULL, &rows, e)) return e->code;
    export_src s = {.rows = &rows, .cols = cols, .ncols = (int)LT_ARRAY_LEN(cols), .row = -1};
    int rc = export_write(&s, fmt, out, e);
    rows_free(&rows);
    return rc;
}
