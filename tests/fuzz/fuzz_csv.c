/*
** fuzz_csv.c — libFuzzer target for the CSV reader: any bytes must parse
** or fail cleanly, and a parsed table must free without leaks; read in two
** halves on two threads (io_csv_parse_two, here at any size) they give the
** same rows, lines and cells as in one pass, or are declined.
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The two-halves reading of the input: declined, or the same as t. */
static void check_two(const uint8_t *data, size_t size, int rc, const io_table *t) {
    io_table two;
    if (io_csv_parse_two((const char *)data, size, 0, NULL, &two) != 0) {
        if (two.nrows != 0 || two.rows) __builtin_trap();
        return;
    }
    if (rc != LT_OK || two.nrows != t->nrows || two.sep != t->sep) __builtin_trap();
    for (long i = 0; i < t->nrows; i++) {
        const io_row *a = &t->rows[i], *b = &two.rows[i];
        if (a->line != b->line || a->ncells != b->ncells) __builtin_trap();
        for (int c = 0; c < a->ncells; c++)
            if (strcmp(a->cells[c], b->cells[c])) __builtin_trap();
    }
    io_table_free(&two);
}

/* Parse the input as CSV, check the table's shape, and free it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    io_table t;
    lt_err e;
    lt_err_clear(&e);
    int rc = io_csv_parse((const char *)data, size, &t, &e);
    check_two(data, size, rc, &t);
    if (rc == LT_OK) {
        for (long i = 0; i < t.nrows; i++)
            if (t.rows[i].ncells < 1 || t.rows[i].ncells > IO_MAX_COLS || t.rows[i].line < 1)
                __builtin_trap();
    } else if (t.nrows != 0 || e.code != rc) {
        __builtin_trap();
    }
    io_table_free(&t);
    return 0;
}
