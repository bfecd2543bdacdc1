/*
** table_build.h — private to src/io: the row-by-row builder that the CSV
** and XLSX readers share to fill an io_table under the bounds of io.h.
*/
#ifndef LT_IO_TABLE_BUILD_H
#define LT_IO_TABLE_BUILD_H

#include "io.h"

/* Builder state: the table being filled and the row being built. */
typedef struct io_tb {
    io_table *t;     /* lent by the caller for the builder's life */
    long rcap;       /* rows allocated in t->rows */
    int ncells;      /* cells of the row being built, so far */
    char *cells[IO_MAX_COLS];  /* their text, already in t's blocks */
} io_tb;

/* What io_tb_cell and io_tb_end_row return. */
enum { IO_TB_OK = 0, IO_TB_NOMEM, IO_TB_LONG, IO_TB_COLS, IO_TB_ROWS };

/* Start filling t (which is emptied first). */
void io_tb_init(io_tb *b, io_table *t);
/* Append a copy of s[0..n) as the next cell of the current row. */
int io_tb_cell(io_tb *b, const char *s, size_t n);
/* Finish the current row and add it to the table with `line`; a row with
** no cells is dropped. */
int io_tb_end_row(io_tb *b, long line);
/* Give up: free the current row and everything in the table. */
void io_tb_abort(io_tb *b);
/* Turn a builder result into an error in e (LT_EINPUT, or LT_ENOMEM when
** memory ran out).  `part` prefixes the message when not NULL; xlsx says
** "row" (hàng) instead of "line" (dòng).  Returns the error code. */
int io_tb_error(int rc, const char *part, int xlsx, long line, lt_err *e);

/* Move b's rows after a's, their lines `offset` further on, and b's
** text into a (b is left empty); -1 when memory ran out (both kept). */
int io_table_join(io_table *a, io_table *b, long offset);

#endif
