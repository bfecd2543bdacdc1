/*
** table.c — the in-memory table that CSV and XLSX files read into: freeing
** it, and the row-by-row builder both readers use (table_build.h).
*/
#include "table_build.h"

#include <stdlib.h>
#include <string.h>

/* Cells are many and small (a national people file has 50 million): they
** live in blocks, not in one allocation each; each block twice as large as
** the one before, from BLOCK_BYTES to BLOCK_MAX (large ones get huge pages). */
#define BLOCK_BYTES ((size_t)1 << 20)
#define BLOCK_MAX ((size_t)64 << 20)

struct io_block {
    struct io_block *next;
    size_t used, cap;
    char data[];
};

/* n bytes in t's blocks at a multiple of align (a power of two: 1 for
** text, that of a pointer for a row's cells); NULL when memory ran out.
** Text is not padded: padding every cell to 8 bytes took some 170 MB of
** the 1 GB a national people file is given (by its cells' lengths), and
** fresh memory costs time (BENCHMARKS.md). */
static void *table_alloc(io_table *t, size_t n, size_t align) {
    struct io_block *b = t->blocks;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->cap || b->cap - at < n) {
        size_t cap = !b ? BLOCK_BYTES : b->cap < BLOCK_MAX / 2 ? 2 * b->cap : BLOCK_MAX;
        if (cap < n) cap = n;
        if (!(b = malloc(sizeof *b + cap))) return NULL;
        lt_mem_hint_large(b, sizeof *b + cap);
        b->next = t->blocks;
        b->cap = cap;
        t->blocks = b;
        at = 0;
    }
    b->used = at + n;
    return b->data + at;
}

char *io_table_text(io_table *t, const char *s, size_t n) {
    char *p = table_alloc(t, n + 1, 1);
    if (!p) return NULL;
    if (n) memcpy(p, s, n);
    p[n] = 0;
    return p;
}

int io_row_widen(io_table *t, io_row *r, int ncells) {
    if (ncells <= r->ncells) return LT_OK;
    if (ncells > IO_MAX_COLS) return LT_ENOMEM;
    char **cells = table_alloc(t, (size_t)ncells * sizeof *cells, sizeof *cells);
    char *empty = io_table_text(t, "", 0);
    if (!cells || !empty) return LT_EOOM;
    for (int c = 0; c < ncells; c++) cells[c] = c < r->ncells ? r->cells[c] : empty;
    r->cells = cells;
    r->ncells = ncells;
    return LT_OK;
}

/* Free every cell, row and the row array; t is left empty and reusable. */
void io_table_free(io_table *t) {
    if (!t) return;
    while (t->blocks) {
        struct io_block *next = t->blocks->next;
        free(t->blocks);
        t->blocks = next;
    }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

int io_table_join(io_table *a, io_table *b, long offset) {
    if (b->nrows) {
        io_row *rows = realloc(a->rows, (size_t)(a->nrows + b->nrows) * sizeof *rows);
        if (!rows) return -1;
        for (long i = 0; i < b->nrows; i++) {
            rows[a->nrows + i] = b->rows[i];
            rows[a->nrows + i].line += offset;
        }
        a->rows = rows;
        a->nrows += b->nrows;
    }
    struct io_block **tail = &a->blocks;
    while (*tail) tail = &(*tail)->next;
    *tail = b->blocks;
    free(b->rows);
    memset(b, 0, sizeof *b);
    return 0;
}

/* Start a builder over t; t is emptied (not freed: it must be empty). */
void io_tb_init(io_tb *b, io_table *t) {
    b->t = t;
    b->rcap = 0;
    b->ncells = 0;
    memset(t, 0, sizeof *t);
}

/* Append a copy of s[0..n) (s may be NULL when n is 0) to the current row. */
int io_tb_cell(io_tb *b, const char *s, size_t n) {
    if (n > IO_MAX_CELL) return IO_TB_LONG;
    if (b->ncells >= IO_MAX_COLS) return IO_TB_COLS;
    char *p = io_table_text(b->t, s, n);
    if (!p) return IO_TB_NOMEM;
    b->cells[b->ncells++] = p;
    return IO_TB_OK;
}

/* Move the current row into the table (rows array grows by doubling). */
int io_tb_end_row(io_tb *b, long line) {
    io_table *t = b->t;
    if (b->ncells == 0) return IO_TB_OK;
    if (t->nrows >= IO_MAX_ROWS) return IO_TB_ROWS;
    if (t->nrows == b->rcap) {
        long cap = b->rcap ? b->rcap * 2 : 64;
        if (cap > IO_MAX_ROWS) cap = IO_MAX_ROWS;
        io_row *r = realloc(t->rows, (size_t)cap * sizeof *r);
        if (!r) return IO_TB_NOMEM;
        lt_mem_hint_large(r, (size_t)cap * sizeof *r);
        t->rows = r;
        b->rcap = cap;
    }
    char **cells = table_alloc(t, (size_t)b->ncells * sizeof *cells, sizeof *cells);
    if (!cells) return IO_TB_NOMEM;
    memcpy(cells, b->cells, (size_t)b->ncells * sizeof *cells);
    t->rows[t->nrows++] = (io_row){line, b->ncells, cells};
    b->ncells = 0;
    return IO_TB_OK;
}

/* Free the partial row and the whole table. */
void io_tb_abort(io_tb *b) {
    io_table_free(b->t);
    b->rcap = 0;
    b->ncells = 0;
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
