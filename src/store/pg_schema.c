/*
** pg_schema.c — lamtheo's schema on a PostgreSQL database (issue 24): made
** from schema_pg.sql with its version in the table lamtheo_schema (where
** SQLite keeps it in the file's header: application_id, user_version), or
** checked to be lamtheo's, of this version.  A new one must order text as
** SQLite does (byte by byte), so that lists and files come out alike.
** Through the store's own calls, on a connection db_open_bare opened.
** Upgrading a PostgreSQL database of an earlier version comes with the
** first schema change after the port.
*/
#include "store.h"
#include "schema.h"

#include <stdio.h>

/* 1 when the relation is where the connection looks (its search_path), 0
** when not, -1 on an error (e filled). */
static int pg_has(lt_db *db, const char *name, lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT to_regclass(?1) IS NOT NULL", e);
    if (!st) return -1;
    db_bind_text(st, 1, name);
    int r = db_step_row(db, st, e);
    int has = r == 1 ? (int)db_col_int64(st, 0) : -1;
    db_reset(st);
    return has;
}

/* 1 when the database orders text byte by byte (libc's C or C.UTF-8
** collation), as SQLite does: codes, logins and dates then sort alike on
** both engines; 0 when not; -1 on an error. */
static int pg_bytewise(lt_db *db, lt_err *e) {
    return (int)db_int(db, "SELECT count(*) FROM pg_database WHERE datname = current_database() AND"
                           " datlocprovider = 'c' AND datcollate IN ('C', 'POSIX', 'C.UTF-8', 'C.utf8')", 0, e);
}

static int pg_schema_make(lt_db *db, lt_err *e) {
    char version[160];
    snprintf(version, sizeof version, "CREATE TABLE lamtheo_schema (application_id bigint NOT NULL,"
             " version bigint NOT NULL); INSERT INTO lamtheo_schema VALUES (%d, %d)",
             LT_APPLICATION_ID, LT_SCHEMA_VERSION);
    int rc = db_begin(db, e);
    if (rc == LT_OK) rc = db_exec(db, lt_schema_pg_sql, e);
    if (rc == LT_OK) rc = db_exec(db, version, e);
    if (rc == LT_OK) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

int pg_schema_open(lt_db *db, int mode, lt_err *e) {
    int ours = pg_has(db, "lamtheo_schema", e), units = ours < 0 ? -1 : pg_has(db, "unit", e);
    if (ours < 0 || units < 0) return lt_err_code(e, LT_EDB);
    if (mode == DB_OPEN_CREATE && (ours || units))
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL này đã có dữ liệu lamtheo; không ghi đè",
                          "this PostgreSQL database already holds lamtheo's tables; not overwriting them");
    if (mode == DB_OPEN_CREATE) {
        int bytewise = pg_bytewise(db, e);
        if (bytewise < 0) return lt_err_code(e, LT_EDB);
        if (!bytewise)
            return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL này không sắp chữ theo byte như SQLite;"
                              " hãy tạo nó bằng createdb --template=template0 --locale=C.UTF-8", "this PostgreSQL"
                              " database does not order text byte by byte as SQLite does; create it with"
                              " createdb --template=template0 --locale=C.UTF-8");
        return pg_schema_make(db, e);
    }
    if (!ours)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL này không phải của lamtheo; tạo mới bằng"
                          " lamtheo init", "this PostgreSQL database is not a lamtheo database; create one"
                          " with lamtheo init");
    long long v = db_int(db, "SELECT max(version) FROM lamtheo_schema", 0, e);
    if (v < 0) return lt_err_code(e, LT_EDB);
    if (v > LT_SCHEMA_VERSION)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu thuộc phiên bản mới hơn (%lld > %d); hãy nâng cấp lamtheo",
                          "the database is from a newer version (%lld > %d); upgrade lamtheo", v,
                          LT_SCHEMA_VERSION);
    if (v < LT_SCHEMA_VERSION)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL thuộc phiên bản cũ hơn (%lld < %d); bản"
                          " này chưa nâng cấp được nó", "the PostgreSQL database is from an older version"
                          " (%lld < %d); this lamtheo cannot upgrade it yet", v, LT_SCHEMA_VERSION);
    return LT_OK;
}
