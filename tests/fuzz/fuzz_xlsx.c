/*
** fuzz_xlsx.c — libFuzzer target for the XLSX reader: any bytes (most of
** them damaged zip archives) must read or fail with LT_EINPUT, never crash
** or leak.
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read the input as XLSX, check the table's shape, and free it. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    io_table t;
    lt_err e;
    lt_err_clear(&e);
    int rc = io_xlsx_read((const char *)data, size, &t, &e);
    if (rc == LT_OK) {
        for (long i = 0; i < t.nrows; i++) {
            if (t.rows[i].ncells < 1 || t.rows[i].ncells > IO_MAX_COLS) __builtin_trap();
            for (int j = 0; j < t.rows[i].ncells; j++)
                if (strlen(t.rows[i].cells[j]) > IO_MAX_CELL) __builtin_trap();
        }
    } else if (t.nrows != 0 || (rc != LT_EINPUT && rc != LT_ENOMEM)) {
        __builtin_trap();
    }
    io_table_free(&t);
    return 0;
}
