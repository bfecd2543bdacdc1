/*
** schema.c — embeds schema.sql into the binary (assembler .incbin, so the
** file stays the single readable source) and lists the migrations.
*/
#include "schema.h"

#include <stddef.h>

__asm__(".section .rodata\n"
        ".global lt_schema_sql\n"
        "lt_schema_sql:\n"
        ".incbin \"src/store/schema.sql\"\n"
        ".byte 0\n"
        ".previous\n");

/* Migration k brings a database from user_version k to k+1.  A database
** created from schema.sql starts at LT_SCHEMA_VERSION.  Append only. */
const char *const lt_migrations[] = {
    NULL, /* version 0: a new database gets schema.sql whole */
};
const int lt_migration_count = 1;
