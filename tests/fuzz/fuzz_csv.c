/*
** fuzz_csv.c — libFuzzer target for the CSV reader: any bytes must parse
** or fail cleanly, and a parsed table must free without leaks.
*/
#include <stddef.h>
#include <stdint.h>

#include "../../src/io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parse the input as CSV, check the table's shape, and free it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    io_table t;
    lt_err e;
    lt_err_clear(&e);
    int rc = io_csv_parse((const char *)data, size, &t, &e);
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
