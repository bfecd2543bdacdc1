/*
** schema.h — private to the store: the embedded schema and migrations.
*/
#ifndef LT_SCHEMA_H
#define LT_SCHEMA_H

#include "store.h"

#define LT_SCHEMA_VERSION 28

extern const char lt_schema_sql[];
extern const char lt_schema_pg_sql[];   /* schema.sql's on PostgreSQL (issue 24) */
extern const char *const lt_migrations[];

/* The SQL that brings a database from version v to v + 1 (the file
** migrations/(v + 1).sql), or NULL when there is none. */
const char *lt_migration_sql(int v);

/* lamtheo's schema on the PostgreSQL database db (open by db_open_bare):
** made (mode DB_OPEN_CREATE, into a database without lamtheo's tables),
** or checked to be of this version (pg_schema.c). */
int pg_schema_open(lt_db *db, int mode, lt_err *e);

/* Whether db is a connection to PostgreSQL (else SQLite). */
int db_engine_pg(const lt_db *db);
/* Its PostgreSQL connection (pg.h), NULL on SQLite. */
struct pg_conn *db_pg_conn(lt_db *db);

#endif
