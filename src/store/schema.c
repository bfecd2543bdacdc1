/*
** schema.c — embeds schema.sql into the binary (assembler .incbin, so the
** file stays the single readable source) and lists the migrations.
*/
#include "schema.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

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
    /* 1 -> 2: sessions and login throttling for the web server */
    "CREATE TABLE session (token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL"
    " REFERENCES account(id) ON DELETE CASCADE, csrf TEXT NOT NULL, created_at TEXT NOT NULL,"
    " expires_at TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE INDEX session_by_account ON session(account_id);"
    "CREATE TABLE login_failure (id INTEGER PRIMARY KEY, login TEXT NOT NULL, addr TEXT NOT NULL,"
    " at TEXT NOT NULL);"
    "CREATE INDEX login_failure_by_login ON login_failure(login, at);",
    /* 2 -> 3: the change stamp for reusing indicators, and their index */
    "CREATE TABLE change_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
    "INSERT INTO change_stamp VALUES (1, 0);"
    "CREATE TRIGGER audit_bumps_stamp AFTER INSERT ON audit WHEN NEW.entity <> 'account'"
    " BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;"
    "CREATE INDEX registration_indicators ON registration(year, unit_id, status, grade, published_at);",
    /* 3 -> 4: the tallies the indicators read, kept by triggers (schema.sql) */
    NULL,
    /* 4 -> 5: units' sort keys (schema.sql) */
    NULL,
    /* 5 -> 6: units in sort order (schema.sql) */
    NULL,
    /* 6 -> 7: the registration tally's view without IN lists (schema.sql) */
    NULL,
    /* 7 -> 8: a stamp per year for registrations' changes (schema.sql) */
    NULL,
    /* 8 -> 9: the tree stamp for units' changes (schema.sql) */
    NULL,
    /* 9 -> 10: a person's update bumps the change stamp only when counted columns change */
    NULL,
    /* 10 -> 11: the registration tally's changes, to bring cached indicators up to date */
    NULL,
    /* 11 -> 12: people's name rank, the word index keyed by it, and the search's index */
    NULL,
    /* 12 -> 13: indexes for the indicators' standards and breakthroughs of a year */
    NULL,
    /* 13 -> 14: membership over time, and registrations placed by it */
    NULL,
    /* 14 -> 15: a year setup's change bumps the tree stamp (its tree is on its reference date) */
    NULL,
};
_Static_assert(sizeof lt_migrations / sizeof lt_migrations[0] == LT_SCHEMA_VERSION,
               "one migration for each version: add it here when LT_SCHEMA_VERSION grows");

const char *lt_migration_sql(int v) {
    if (v < 0 || v >= LT_SCHEMA_VERSION) return NULL;
    if (lt_migrations[v]) return lt_migrations[v];
    char marker[32];
    snprintf(marker, sizeof marker, "-- @version %d ", v + 1);
    return strstr(lt_schema_sql, marker);
}
