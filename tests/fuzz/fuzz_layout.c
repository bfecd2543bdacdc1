/*
** fuzz_layout.c — libFuzzer target for reading a table as offices make it
** (src/io/import_layout.c): the input is parsed as CSV, then laid out as
** each import kind; any table must give a header, data rows in the file's
** order, and a bounded account of what was left out, without leaks.
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "../../src/io/import_cols.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Lay the parsed input out as kind and check the result's shape. */
static void lay_one(const uint8_t *data, size_t size, const char *kind) {
    io_table t;
    lt_err e;
    import_stats st;
    lt_err_clear(&e);
    memset(&st, 0, sizeof st);
    if (io_csv_parse((const char *)data, size, &t, &e) != LT_OK) return;
    long before = t.nrows;
    if (import_layout(import_kind_find(kind), &t, &st) == LT_OK) {
        if (t.nrows > before || (before > 0 && t.nrows < 1)) __builtin_trap();
        if (before > 0 && (t.rows[0].ncells < 1 || t.rows[0].ncells > IO_MAX_COLS)) __builtin_trap();
        for (long i = 2; i < t.nrows; i++)
            if (t.rows[i].line <= t.rows[i - 1].line) __builtin_trap();
        if (strlen(st.skipped_vi) >= sizeof st.skipped_vi || st.skipped < 0) __builtin_trap();
    }
    io_table_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const char *const kinds[] = {"units", "people", "registrations", "deployments"};
    for (unsigned i = 0; i < sizeof kinds / sizeof kinds[0]; i++) lay_one(data, size, kinds[i]);
    return 0;
}
