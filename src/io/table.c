/*
** table.c — the in-memory table that CSV and XLSX files read into: freeing
** it, and the row-by-row builder both readers use (table_build.h).
*/
#include "table_build.h"

#include <stdlib.h>
#include <string.h>

/* Free every cell, row and the row array; t is left empty and reusable. */
void io_table_free(io_table *t) {
    if (!t) return;
    for (long i = 0; i < t->nrows; i++) {
        io_row *r = &t->rows[i];
        for (int j = 0; j < r->ncells; j++) free(r->cells[j]);
        free(r->cells);
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* Start a builder over t; t is emptied (not freed: it must be empty). */
void io_tb_init(io_tb *b, io_table *t) {
    memset(b, 0, sizeof *b);
    memset(t, 0, sizeof *t);
    b->t = t;
}

/* Free the row under construction. */
static void io_tb_drop_row(io_tb *b) {
    for (int j = 0; j < b->cur.ncells; j++) free(b->cur.cells[j]);
    free(b->cur.cells);
    memset(&b->cur, 0, sizeof b->cur);
    b->ccap = 0;
}

/* Append a copy of s[0..n) (s may be NULL when n is 0) to the current row. */
int io_tb_cell(io_tb *b, const char *s, size_t n) {
    if (n > IO_MAX_CELL) return IO_TB_LONG;
    if (b->cur.ncells >= IO_MAX_COLS) return IO_TB_COLS;
    if (b->cur.ncells == b->ccap) {
        int cap = b->ccap ? b->ccap * 2 : 8;
        if (cap > IO_MAX_COLS) cap = IO_MAX_COLS;
        char **c = realloc(b->cur.cells, (size_t)cap * sizeof *c);
        if (!c) return IO_TB_NOMEM;
        b->cur.cells = c;
        b->ccap = cap;
    }
    char *p = malloc(n + 1);
    if (!p) return IO_TB_NOMEM;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    b->cur.cells[b->cur.ncells++] = p;
    return IO_TB_OK;
}

/* Move the current row into the table (rows array grows by doubling). */
int io_tb_end_row(io_tb *b, long line) {
    io_table *t = b->t;
    if (b->cur.ncells == 0) { io_tb_drop_row(b); return IO_TB_OK; }
    if (t->nrows >= IO_MAX_ROWS) return IO_TB_ROWS;
    if (t->nrows == b->rcap) {
        long cap = b->rcap ? b->rcap * 2 : 64;
        if (cap > IO_MAX_ROWS) cap = IO_MAX_ROWS;
        io_row *r = realloc(t->rows, (size_t)cap * sizeof *r);
        if (!r) return IO_TB_NOMEM;
        t->rows = r;
        b->rcap = cap;
    }
    b->cur.line = line;
    t->rows[t->nrows++] = b->cur;
    memset(&b->cur, 0, sizeof b->cur);
    b->ccap = 0;
    return IO_TB_OK;
}

/* Free the partial row and the whole table. */
void io_tb_abort(io_tb *b) {
    io_tb_drop_row(b);
    io_table_free(b->t);
    b->rcap = 0;
}

/* Map a builder result to a bilingual message naming the line or row.
** Both formats take the same arguments (lt_err_set's rule). */
int io_tb_error(int rc, const char *part, int xlsx, long line, lt_err *e) {
    const char *pp = part ? part : "";
    const char *ps = part ? ": " : "";
    switch (rc) {
    case IO_TB_LONG:
        return lt_err_set(e, LT_EINPUT,
                          xlsx ? "%s%shàng %ld: ô dài quá %d byte" : "%s%sdòng %ld: ô dài quá %d byte",
                          xlsx ? "%s%srow %ld: cell longer than %d bytes"
                               : "%s%sline %ld: cell longer than %d bytes",
                          pp, ps, line, IO_MAX_CELL);
    case IO_TB_COLS:
        return lt_err_set(e, LT_EINPUT,
                          xlsx ? "%s%shàng %ld: nhiều hơn %d ô" : "%s%sdòng %ld: nhiều hơn %d ô",
                          xlsx ? "%s%srow %ld: more than %d cells"
                               : "%s%sline %ld: more than %d cells",
                          pp, ps, line, IO_MAX_COLS);
    case IO_TB_ROWS:
        return lt_err_set(e, LT_EINPUT,
                          xlsx ? "%s%shàng %ld: bảng có nhiều hơn %ld hàng"
                               : "%s%sdòng %ld: tệp có nhiều hơn %ld dòng",
                          xlsx ? "%s%srow %ld: more than %ld rows"
                               : "%s%sline %ld: more than %ld rows",
                          pp, ps, line, IO_MAX_ROWS);
    default:
        return lt_err_set(e, LT_ENOMEM, "hết bộ nhớ khi đọc bảng",
                          "out of memory while reading the table");
    }
}
