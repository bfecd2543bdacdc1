/*
** fuzz_csv_two.c — libFuzzer target for the CSV reader on two cores
** (io_csv_parse_two, here at any size): read in two halves it gives the
** same rows, lines, cells and separator as in one pass, or declines; it
** never succeeds where the one pass fails.  Its corpus holds records with
** quoted line ends near the middle, where the halves are cut.
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    io_table one, two;
    lt_err e;
    lt_err_clear(&e);
    int rc = io_csv_parse((const char *)data, size, &one, &e);
    if (io_csv_parse_two((const char *)data, size, 0, NULL, &two) != 0) {
        if (two.nrows != 0 || two.rows) __builtin_trap();
    } else {
        if (rc != LT_OK || two.nrows != one.nrows || two.sep != one.sep) __builtin_trap();
        for (long i = 0; i < one.nrows; i++) {
            const io_row *a = &one.rows[i], *b = &two.rows[i];
            if (a->line != b->line || a->ncells != b->ncells) __builtin_trap();
            for (int c = 0; c < a->ncells; c++)
                if (strcmp(a->cells[c], b->cells[c])) __builtin_trap();
        }
        io_table_free(&two);
    }
    io_table_free(&one);
    return 0;
}
