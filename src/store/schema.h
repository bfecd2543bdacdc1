/*
** schema.h — private to the store: the embedded schema and migrations.
*/
#ifndef LT_SCHEMA_H
#define LT_SCHEMA_H

#define LT_SCHEMA_VERSION 28

extern const char lt_schema_sql[];
extern const char *const lt_migrations[];

/* The SQL that brings a database from version v to v + 1 (the file
** migrations/(v + 1).sql), or NULL when there is none. */
const char *lt_migration_sql(int v);

#endif
