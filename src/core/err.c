/*
** err.c — the error record and the list of diagnostics that parsers and
** imports fill.  Messages are kept in both Vietnamese and English so each
** front end (CLI, HTML, JSON) picks what its user reads.
*/
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lt_err_vset(lt_err *e, int code, const char *vi_fmt, const char *en_fmt,
                va_list ap) {
    if (!e) return code;
    va_list ap2;
    va_copy(ap2, ap);
    e->code = code;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(e->vi, sizeof e->vi, vi_fmt, ap);
    vsnprintf(e->en, sizeof e->en, en_fmt, ap2);
#pragma GCC diagnostic pop
    va_end(ap2);
    return code;
}

int lt_err_set(lt_err *e, int code, const char *vi_fmt, const char *en_fmt, ...) {
    va_list ap;
    va_start(ap, en_fmt);
    lt_err_vset(e, code, vi_fmt, en_fmt, ap);
    va_end(ap);
    return code;
}

int lt_err_oom(lt_err *e) {
    return lt_err_set(e, LT_EOOM, "không đủ bộ nhớ; chưa có gì thay đổi, hãy thử lại sau",
                      "out of memory; nothing was changed, try again later");
}

void lt_err_default(lt_err *e) {
    if (!e || e->vi[0] || e->code == LT_OK) return;
    switch (e->code) {
    case LT_EOOM: lt_err_oom(e); break;
    case LT_ENOMEM:
        lt_err_set(e, LT_ENOMEM, "dữ liệu quá lớn", "the data is too large");
        break;
    case LT_EIO:
        lt_err_set(e, LT_EIO, "lỗi đọc hoặc ghi tệp", "a file could not be read or written");
        break;
    default:
        lt_err_set(e, e->code, "lỗi hệ thống; chưa có gì thay đổi, hãy thử lại sau",
                   "internal error; nothing was changed, try again later");
    }
}

void lt_err_where(lt_err *e, const char *fmt, ...) {
    if (!e) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->where, sizeof e->where, fmt, ap);
    va_end(ap);
}

void lt_err_clear(lt_err *e) {
    if (e) memset(e, 0, sizeof *e);
}

int lt_err_exit_status(int code) {
    if (code == LT_OK) return 0;
    if (code == LT_EUSAGE) return 2;
    return 1;
}

/* Keep one problem (at character column col, 0 for none); when LT_DIAG_KEEP
** are kept already, or memory ran out, it is counted and not kept. */
static void diag_keep(lt_diags *d, long line, const char *column, long col, const char *vi,
                      const char *en) {
    d->total++;
    if (d->n >= LT_DIAG_KEEP) return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        lt_diag_item *items = realloc(d->items, cap * sizeof *items);
        if (!items) return;
        d->items = items;
        d->cap = cap;
    }
    lt_diag_item *it = &d->items[d->n++];
    it->line = line;
    it->col = col;
    snprintf(it->column, sizeof it->column, "%s", column ? column : "");
    snprintf(it->vi, sizeof it->vi, "%s", vi);
    snprintf(it->en, sizeof it->en, "%s", en);
}

/* Format both messages (the same arguments) and keep them. */
static void diag_vkeep(lt_diags *d, long line, const char *column, long col, const char *vi_fmt,
                       const char *en_fmt, va_list ap) {
    char vi[256], en[256];
    va_list ap2;
    va_copy(ap2, ap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(vi, sizeof vi, vi_fmt, ap);
    vsnprintf(en, sizeof en, en_fmt, ap2);
#pragma GCC diagnostic pop
    va_end(ap2);
    diag_keep(d, line, column, col, vi, en);
}

void lt_diags_add_text(lt_diags *d, long line, const char *column, const char *vi,
                       const char *en) {
    diag_keep(d, line, column, 0, vi, en);
}

void lt_diags_add(lt_diags *d, long line, const char *column,
                  const char *vi_fmt, const char *en_fmt, ...) {
    va_list ap;
    va_start(ap, en_fmt);
    diag_vkeep(d, line, column, 0, vi_fmt, en_fmt, ap);
    va_end(ap);
}

void lt_diags_add_at(lt_diags *d, long line, long col, const char *vi_fmt,
                     const char *en_fmt, ...) {
    va_list ap;
    va_start(ap, en_fmt);
    diag_vkeep(d, line, "", col, vi_fmt, en_fmt, ap);
    va_end(ap);
}

void lt_diags_append(lt_diags *to, const lt_diags *from) {
    for (size_t i = 0; i < from->n; i++) {
        const lt_diag_item *it = &from->items[i];
        diag_keep(to, it->line, it->column, it->col, it->vi, it->en);
    }
    to->total += from->total - from->n; /* (those from did not keep) */
}

void lt_diags_sort(lt_diags *d) {
    for (size_t i = 1; i < d->n; i++) {
        lt_diag_item it = d->items[i];
        size_t j = i;
        while (j > 0 && d->items[j - 1].line > it.line) { d->items[j] = d->items[j - 1]; j--; }
        d->items[j] = it;
    }
}

void lt_diags_free(lt_diags *d) {
    free(d->items);
    memset(d, 0, sizeof *d);
}
