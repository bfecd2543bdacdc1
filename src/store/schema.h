/*
** schema.h — private to the store: the embedded schema and migrations.
*/
#ifndef LT_SCHEMA_H
#define LT_SCHEMA_H

#define LT_SCHEMA_VERSION 3

extern const char lt_schema_sql[];
extern const char *const lt_migrations[];

#endif
