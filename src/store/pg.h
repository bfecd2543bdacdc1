/*
** pg.h — the PostgreSQL engine beneath the store's statements (issue 24),
** internal to src/store/: db.c dispatches its db_prepare, db_bind_*,
** db_col_*, db_step_*, db_reset, db_changes and
** db_failed_constraint here for a "postgresql://" address, and these give
** what SQLite's own calls give.  The store's SQL is written for SQLite:
** pg_prepare turns its "?NNN" parameters into PostgreSQL's "$NNN".
**
** A connection and its statements are used by one thread at a time.
** Results are read whole by libpq when a statement is first stepped, so
** other statements can run on the connection while one's rows are read
** (as on SQLite); a query that gives millions of rows holds them all in
** memory until its reset.
*/
#ifndef LT_PG_H
#define LT_PG_H

#include <stddef.h>
#include "../core/core.h"

typedef struct pg_conn pg_conn;
typedef struct pg_stmt pg_stmt;

/* Connect to a libpq address ("postgresql://..." or "postgres://...") with
** UTF-8 as the client's encoding; *out is given (pg_disconnect).  On
** failure LT_EDB (LT_EOOM when memory ran out) with a message that never
** repeats the address (it may hold a password) but gives libpq's reason
** when that holds neither the address nor its password. */
int pg_connect(const char *address, pg_conn **out, lt_err *e);
/* c connected again when its connection was lost (the server restarted,
** or a standby took over: with several hosts in the address and
** target_session_attrs=read-write, libpq finds the one that takes writes
** now); its statements are prepared again, each at its next step.  For
** the start of a unit of work: what was open on the old one is gone.
** LT_OK when connected (again), else LT_EDB. */
int pg_revive(pg_conn *c, lt_err *e);
/* Close c and free every statement prepared on it.  NULL does nothing. */
void pg_disconnect(pg_conn *c);
/* Run sql, which takes no parameters and gives no rows wanted; it may hold
** several statements separated by ';' (outside a transaction they run as
** one, all or none).  LT_OK, or LT_EDB / LT_EBUSY / LT_EOOM with e filled. */
int pg_exec(pg_conn *c, const char *sql, lt_err *e);

/* Prepare sql written for SQLite's parameters: "?NNN" becomes "$NNN" and a
** bare "?" the next number after the largest seen so far (SQLite's rule);
** nothing is rewritten inside '...' strings (E'...' with its backslashes),
** "..." identifiers, $tag$...$tag$ strings, -- comments or (nested) block
** comments.  A number left out ("?1, ?3") is a text parameter nobody
** reads, as SQLite allows.  Given (pg_finalize, or pg_disconnect); NULL on
** an error (e filled). */
pg_stmt *pg_prepare(pg_conn *c, const char *sql, lt_err *e);
/* Free s and the server's statement.  NULL does nothing. */
void pg_finalize(pg_stmt *s);
/* The largest parameter number. */
int pg_param_count(pg_stmt *s);

/* Parameters, numbered from 1 (an index out of range is ignored, as
** SQLite ignores it); each is sent as text and PostgreSQL gives it the
** type its place in the statement asks for.  Bound values stay until
** bound again or cleared, across steps and resets.  A copy that memory
** cannot hold fails the next step (LT_EOOM). */
void pg_bind_text(pg_stmt *s, int i, const char *v);      /* copied; NULL binds SQL NULL */
void pg_bind_text_lent(pg_stmt *s, int i, const char *v); /* lent: must stay until the step/reset */
void pg_bind_int(pg_stmt *s, int i, long long v);
void pg_bind_null(pg_stmt *s, int i);
/* n bytes at p, lent as pg_bind_text_lent's, sent as binary: the
** parameter's place must make it a bytea. */
void pg_bind_blob_lent(pg_stmt *s, int i, const void *p, size_t n);
/* Every parameter back to NULL. */
void pg_clear_bindings(pg_stmt *s);

/* Step s: 1 a row, 0 done, -1 an error (e filled; pg_failed_constraint
** says whether a constraint refused it).  The first step after prepare or
** reset executes the statement; one after done (or an error) executes it
** again, as SQLite does. */
int pg_step(pg_stmt *s, lt_err *e);
/* Back to before the first step; the bindings are kept (as SQLite). */
void pg_reset(pg_stmt *s);

/* The columns: how many (0 for a statement that gives no rows), each one's
** name (0-based; lent until pg_finalize), and of the current row: its type
** (DB_NULL for SQL NULL, DB_INT for int2/4/8, oid and bool, DB_REAL for
** float4/8 and numeric, DB_BLOB for bytea, DB_TEXT for anything else), its
** value as an integer (as SQLite converts: NULL 0, bool 1/0, a real
** truncated, text its leading integer or 0), its text (NULL for SQL NULL;
** a bytea's bytes, as SQLite's text of a blob), its bytes (a bytea's
** unescaped, else the text's; NULL for none, as SQLite's) and their
** length.  Text and bytes are lent until the next step or reset; NULL too
** when memory ran out. */
int pg_col_count(pg_stmt *s);
const char *pg_col_name(pg_stmt *s, int i);
int pg_col_type(pg_stmt *s, int i);
long long pg_col_int64(pg_stmt *s, int i);
const char *pg_col_text_or_null(pg_stmt *s, int i);
const void *pg_col_blob(pg_stmt *s, int i);
int pg_col_bytes(pg_stmt *s, int i);

/* COPY's text format, for lamtheo migrate: pg_copy_begin runs sql, a
** "COPY table (columns) FROM STDIN"; pg_copy_put sends the n bytes at p
** (a row ended by a newline, its values separated by tabs, NULL a
** backslash and N, a backslash, newline, return or tab in a value
** escaped by a backslash); pg_copy_end ends it, or abandons it with
** the reason `abandon` (an error then, the server's rows undone), and
** gives the rows written.  Nothing else may run on c between begin and
** end.  Each gives LT_OK, or LT_EDB / LT_EOOM with e filled (the server's
** refusal of a value comes at the end). */
int pg_copy_begin(pg_conn *c, const char *sql, lt_err *e);
int pg_copy_put(pg_conn *c, const char *p, size_t n, lt_err *e);
int pg_copy_end(pg_conn *c, const char *abandon, long long *rows, lt_err *e);

/* Whether a transaction block is open on c (BEGIN ... COMMIT/ROLLBACK),
** a failed one too: SQLite's !sqlite3_get_autocommit.  After an error in
** it every statement fails until the caller's ROLLBACK (or ROLLBACK TO a
** savepoint). */
int pg_in_transaction(pg_conn *c);
/* Rows changed by the connection's last INSERT, UPDATE or DELETE (or MERGE). */
long long pg_changes(pg_conn *c);
/* SELECT lastval(): the value the session's last nextval gave (an identity
** column's too, and a trigger's insert: unlike SQLite's last rowid, which
** forgets a trigger's); 0 when none yet, in a failed transaction (it
** cannot ask) or on an error.  Never aborts the caller's transaction. */
long long pg_last_id(pg_conn *c);
/* Whether the connection's last failure (since its last success) was an
** integrity constraint's (SQLSTATE class 23). */
int pg_failed_constraint(pg_conn *c);
/* The server's (or libpq's) last error message, for the log; "" if none.
** Lent until the next call on c. */
const char *pg_last_error(pg_conn *c);
/* "PostgreSQL 15.10": lent until pg_disconnect. */
const char *pg_server_version(pg_conn *c);

#endif
