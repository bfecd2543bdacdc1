/*
** schema.h — private to the store: the embedded schema and migrations.
*/
#ifndef LT_SCHEMA_H
#define LT_SCHEMA_H

#define LT_SCHEMA_VERSION 15

extern const char lt_schema_sql[];
extern const char *const lt_migrations[];

/* The SQL that brings a database from version v to v + 1: an entry of
** lt_migrations, or, when that entry is NULL, the part of schema.sql that
** begins at its "-- @version v+1" line (the rest of the file). */
const char *lt_migration_sql(int v);

#endif
