/*
** store.h — the database: opening (with schema creation and forward-only
** migrations under PRAGMA user_version), transactions, cached prepared
** statements, the audit trail and consistency checks.  The domain layer is
** the only caller; nothing above it sees SQL.
*/
#ifndef LT_STORE_H
#define LT_STORE_H

#include <stddef.h>
#include "../core/core.h"
#include "../text/text.h"

#define LT_APPLICATION_ID 0x4C544845 /* "LTHE" */

typedef struct lt_db lt_db;
/* A prepared statement: the store's own, with the engine's beneath it
** (SQLite's, or PostgreSQL's: issue 24).  The layers above name
** statements and connections only through this header, so that they do
** not depend on the engine (store.h does not include sqlite3.h). */
struct sqlite3;
typedef struct db_stmt db_stmt;

/* How to open: create a new database (refuses an existing non-empty file),
** or open an existing one (migrating it forward if it is older). */
enum { DB_OPEN_EXISTING = 0, DB_OPEN_CREATE = 1 };

/* How long a connection waits for another process's lock before its
** statement fails with LT_EBUSY, and what to call once, process-wide, when
** a wait has lasted a second (NULL: nothing), e.g. to tell a user at a
** terminal why nothing happens.  The command line waits long (an import of
** the whole country holds the database for a minute or two), the server
** briefly (a page must answer).  Set before the connections it is for are
** opened; the default is DB_BUSY_WAIT_MS and no notice. */
#define DB_BUSY_WAIT_MS 10000
void db_set_busy_wait(long ms, void (*notice)(void));
/* What to call, once a process, before a database of an earlier schema
** version is brought to this one (from, to): at national scale an upgrade
** that rewrites every person takes minutes, and a user at a terminal
** should know why nothing happens.  NULL (the default): nothing. */
void db_set_upgrade_notice(void (*notice)(int from, int to));

/* Open path; *out is given (close with db_close).  What is wrong when it
** cannot be opened has its own message naming the file and what to do:
** missing; not readable (the file, or a folder on the way); a folder; not
** writable (the file, its folder, the -wal and -shm files beside it, or the
** file system: a read-only file whose folder lets SQLite make its -shm file
** is still read, and a write to it says why it fails); not a database at
** all; not ours; newer; damaged.  On a PostgreSQL address pg_schema.c
** makes or checks lamtheo's schema there (a new database must order text
** byte by byte). */
int db_open(const char *path, int mode, lt_db **out, lt_err *e);
/* A connection to the engine alone, lamtheo's schema neither made, checked
** nor brought forward: a PostgreSQL address ("postgresql://..."), or an
** SQLite file (made if missing).  For the store's tests of both engines,
** and db_open's first step on PostgreSQL (issue 24). */
int db_open_bare(const char *address, lt_db **out, lt_err *e);
/* Whether address names a PostgreSQL database ("postgresql://...",
** "postgres://..."), not a file; and how an address is shown to people: a
** file's path as it is, a PostgreSQL address as "PostgreSQL" (it may hold
** a password). */
int db_is_postgresql(const char *address);
const char *db_address_shown(const char *address);
void db_close(lt_db *db);
/* Copy the WAL into the database and truncate it to nothing
** (PRAGMA wal_checkpoint(TRUNCATE)), waiting for other processes' locks
** as long as db_set_busy_wait says: LT_ECONFLICT when another process
** still holds it, LT_EDB/LT_EIO on an error.  A server's last act. */
int db_checkpoint(lt_db *db, lt_err *e);
/* Remove a (closed) database file and its WAL side files, if there. */
void db_remove_files(const char *path);
/* The SQLite handle db reads and writes with now: in the server, inside a
** write transaction, the shared writer's (db_writer_share); use it at once,
** never keep it across a transaction's beginning or end. */
struct sqlite3 *db_handle(lt_db *db);
/* The schema version of an open db. */
int db_user_version(lt_db *db);
/* The schema version this program writes (a file's newer one is refused). */
int db_schema_version(void);

/* Transactions nest: the outermost begin is BEGIN IMMEDIATE, inner ones
** are savepoints.  db_rollback undoes the innermost level only, so a
** failed step inside a larger action leaves the rest to its caller. */
int db_begin(lt_db *db, lt_err *e);
/* db_begin's outermost BEGIN IMMEDIATE only if nobody writes now, without
** waiting (otherwise not LT_OK, and e says LT_EBUSY): for work that may as well be
** left for later, such as keeping a cache, on a page that must not wait. */
int db_begin_now(lt_db *db, lt_err *e);

/* The WAL checkpointed by a thread of its own (checkpointer.c), not inside
** the commit that fills it, for the connections opened after the start:
** the server's, whose writers take turns.  Stop it after those connections
** are closed or before they stop writing (the last checkpoint is the
** caller's, db_checkpoint).  db_checkpointer_adopt is db_open's. */
int db_checkpointer_start(const char *path, lt_err *e);
void db_checkpointer_stop(void);
/* Until the checkpoint asked for (if any) is over. */
void db_checkpointer_settle(void);
void db_checkpointer_adopt(struct sqlite3 *h);
/* One connection that every write transaction of this process runs on
** from now (the server's): db_begin lends it to the lt_db that begins, so
** its page cache is not dropped by other connections' commits (db.c).
** Close it after the last writer has stopped. */
int db_writer_share(const char *path, lt_err *e);
void db_writer_close(void);
/* This process's turn to write (the gate db_begin takes), held across
** more than one transaction: LT_EBUSY after the busy wait. */
int db_turn_take(lt_err *e);
void db_turn_give(void);
/* db_begin for a batch that looks up every row it refers to itself (a
** first import of many people): foreign keys are not checked until the
** outermost transaction ends.  Inside another transaction, db_begin. */
int db_begin_unchecked(lt_db *db, lt_err *e);
int db_commit(lt_db *db, lt_err *e);
void db_rollback(lt_db *db);

/* A read-only snapshot: every read between these two sees the same state
** of the database, and pays WAL's read locking once instead of once per
** statement.  No writes in between (they would be refused under a newer
** writer); db_read_end is safe to call whatever happened.  Inside a
** transaction already open they only count, and the outer one decides. */
int db_read_begin(lt_db *db, lt_err *e);
void db_read_end(lt_db *db);
/* Whether a write transaction is open: what is read in it may yet roll
** back, so nothing read there is kept for other readers. */
int db_in_write(lt_db *db);
/* Room for what the read snapshot db_read_begin opened gave once (stamps,
** the audit log's last id), zeroed when the snapshot begins: every later
** read in it would give the same.  NULL outside such a snapshot, once it
** writes, or for more than DB_SNAPSHOT_MEMO bytes: read again then. */
#define DB_SNAPSHOT_MEMO 4096
void *db_snapshot_memo(lt_db *db, size_t size);

/* A prepared statement for sql, cached on the connection and reset (lent
** until the next db_prepare of the same sql on this db).  NULL on error
** (e filled). */
db_stmt *db_prepare(lt_db *db, const char *sql, lt_err *e);
/* Fill e from the connection's last error; returns LT_EDB.  A damaged
** database, and a write refused because the file (or its folder) is
** read-only, are said so, with what to do. */
int db_fail(lt_db *db, lt_err *e);
/* Run SQL with no parameters and no results. */
int db_exec(lt_db *db, const char *sql, lt_err *e);

/* Bind helpers: NULL text binds SQL NULL. */
void db_bind_text(db_stmt *st, int i, const char *s);
/* As db_bind_text without a copy: s is lent, and must stay as it is until
** the statement has been stepped and reset (a batch's row, bound from the
** file's cells, saves a copy and a free of each). */
void db_bind_text_lent(db_stmt *st, int i, const char *s);
void db_bind_int(db_stmt *st, int i, long long v);
/* Column text or "" (lent until the next step/reset). */
const char *db_col_text(db_stmt *st, int i);

void db_bind_null(db_stmt *st, int i);
/* n bytes at p, lent as db_bind_text_lent's text. */
void db_bind_blob_lent(db_stmt *st, int i, const void *p, size_t n);
void db_clear_bindings(db_stmt *st);
/* The statement's parameters, and the name of the i-th (from 1; "?3",
** ":name"; NULL when it has none). */
int db_param_count(db_stmt *st);
const char *db_param_name(db_stmt *st, int i);

/* The columns of the statement's row: how many, each one's name, its type
** (DB_INT ...), its value as an integer, its bytes (a blob's, lent until
** the next step or reset), its length in bytes, and its text or NULL for
** SQL NULL (NULL too when memory ran out converting a number: its type
** says which). */
enum { DB_NULL, DB_INT, DB_REAL, DB_TEXT, DB_BLOB };
int db_col_count(db_stmt *st);
const char *db_col_name(db_stmt *st, int i);
int db_col_type(db_stmt *st, int i);
long long db_col_int64(db_stmt *st, int i);
int db_col_int(db_stmt *st, int i);
double db_col_double(db_stmt *st, int i);
const void *db_col_blob(db_stmt *st, int i);
int db_col_bytes(db_stmt *st, int i);
const char *db_col_text_or_null(db_stmt *st, int i);

/* Step a statement expected to give at most one row; 1 row, 0 none, -1 error. */
int db_step_row(lt_db *db, db_stmt *st, lt_err *e);
/* Step a statement that returns no rows; LT_OK or LT_EDB.  Constraint
** failures are LT_ECONFLICT. */
int db_step_done(lt_db *db, db_stmt *st, lt_err *e);
/* db_step_done for an INSERT ... RETURNING id: *id the new row's id (0 when
** none was written, as with ON CONFLICT DO NOTHING).  The id of the row
** the statement wrote, never one a trigger's insert made. */
int db_step_id(lt_db *db, db_stmt *st, long long *id, lt_err *e);
/* Step st: whether it gave a row (an error gives none; for lookups whose
** failure reads as "not found"). */
int db_step_is_row(db_stmt *st);
/* Back to before its first step (its bindings kept). */
void db_reset(db_stmt *st);
/* The rows the connection's last statement changed; whether its last
** failure was a constraint's. */
int db_changes(lt_db *db);
int db_failed_constraint(lt_db *db);
/* The database's file ("" for one in memory). */
const char *db_filename(lt_db *db);
/* What names the database among those a process opens: SQLite's file, or
** PostgreSQL's address as given (lent). */
const char *db_identity(lt_db *db);
/* The name of the committed state a read sees, for caches of what was
** read: on PostgreSQL, inside a read transaction (db_read_begin), its
** snapshot (pg_current_snapshot: two reads share it only when they see
** the same committed data), into out, and 1; -1 where there is none to
** give (outside a read, in a write, too long for n); 0 on SQLite, whose
** writers commit one at a time (the caller names the state itself). */
int db_snapshot_name(lt_db *db, char *out, size_t n);
#define DB_SNAPSHOT_NAME 160   /* room for a name worth keeping (a longer one: -1) */
/* The database's size in bytes: SQLite's file, PostgreSQL's database; -1
** when it cannot be read. */
long long db_bytes(lt_db *db);
/* The engine's name and version, as a command's --version says it. */
const char *db_engine_version(void);

/* The word indexes of names (schema: unit_name_words, person_name_words)
** in the engine's own words (dialect.c).  db_words_query writes into out (n
** bytes) the query of the words of folded text (runs of letters and
** digits), each whole or, with prefix, a word's beginning; it returns how
** many words it holds (at most max; 0: nothing to seek).  db_words_sql
** writes into out the SQL of a subquery giving up to limit (a number or a
** parameter, as SQL) ids of units (people 0) or name ranks of people
** (people 1), in that order, whose folded names hold every word of the
** query bound as ?param. */
int db_words_query(lt_db *db, const char *folded, int prefix, int max, char *out, size_t n);
void db_words_sql(lt_db *db, int people, int param, const char *limit, char *out, size_t n);
/* Rows of table (a name from the schema, never input) were written with
** ids the caller chose (a batch numbers its people itself): the engine's
** own numbering goes on past them.  Nothing to do on SQLite, whose next
** rowid follows the largest; PostgreSQL's identity column is moved on. */
int db_ids_given(lt_db *db, const char *table, lt_err *e);
/* The SQL of a subquery giving, a row each, the integers of the JSON array
** bound as ?param ("[3,5,8]"; a subtree's units: query.c). */
void db_json_ids_sql(lt_db *db, int param, char *out, size_t n);

/* A single integer from SQL with up to one int64 parameter (use 0/NULL);
** -1 when there is no row, or on an error (then e is filled). */
long long db_int(lt_db *db, const char *sql, long long param, lt_err *e);

/* The row `id` of `table` as a JSON object in *out (given; NULL if no such
** row).  LT_OK, or LT_EOOM / LT_EDB with e filled (then *out is NULL).
** `table` must be a name from the schema, never input. */
int db_row_json(lt_db *db, const char *table, long long id, char **out, lt_err *e);
/* Append an audit row.  before/after are JSON or NULL. */
int db_audit(lt_db *db, const char *actor, const char *action, const char *entity,
             long long id, const char *before, const char *after, lt_err *e);

/* Large batches: db_set_aside drops the secondary indexes and the insert
** triggers of `table` (a name from the schema, never input) inside the
** caller's transaction, and CHECK constraints until the end (the caller
** has checked every value); db_restore creates them again (one sort each)
** and recomputes the data they keep (tallies, word indexes).  A rollback
** brings them back too.  db_aside_free(NULL) does nothing. */
typedef struct db_aside db_aside;
int db_set_aside(lt_db *db, const char *table, db_aside **out, lt_err *e);
int db_restore(lt_db *db, db_aside *a, lt_err *e);   /* frees a */
void db_aside_free(db_aside *a);
/* A membership row written while membership, empty when set aside, is
** (from, to: days; to NULL when open; category: the person's, as stored):
** counted as it comes, so that db_restore need not read every row again
** for person_span.  Nothing when a is NULL or another table. */
void db_aside_note_span(db_aside *a, long long unit_id, const char *from, const char *to, int key_cadre,
                        const char *category);

/* A batch written by the database's only user (the command line's import):
** its pages go straight into the file through a rollback journal, once,
** instead of into the WAL and back again at the checkpoint.  Other
** processes wait for it (up to the busy timeout) instead of reading the
** state before it.  db_alone_begin returns 1 when it could (outside a
** transaction, no other connection open), else 0 and nothing changed;
** db_alone_end returns to the WAL. */
int db_alone_begin(lt_db *db);
void db_alone_end(lt_db *db);

/* The registration tally's counted columns (schema.sql: registration_tally,
** its change log tally_change and the views registration_tally_of and
** registration_tally_share hold them after their keys, in this order):
** the one description that the indicators' query, the change log's
** patching, check's fresh count and the tests follow.
** X(column, the ind_counts member it adds into, whether it counts as
** evaluated). */
#define REG_TALLY_COLUMNS(X)                              \
    X(required, reg_required, 0)                          \
    X(registered, registered, 0)                          \
    X(key_required, key_required, 0)                      \
    X(key_published, key_published, 0)                    \
    X(submitted, reg_submitted, 0)                        \
    X(approved, reg_approved, 0)                          \
    X(excellent, grades[GRADE_EXCELLENT], 1)              \
    X(good, grades[GRADE_GOOD], 1)                        \
    X(completed, grades[GRADE_COMPLETED], 1)              \
    X(not_completed, grades[GRADE_NOT_COMPLETED], 1)     \
    X(key_on_time, key_on_time, 0)
#define REG_TALLY_ONE_(col, member, ev) +1
enum { REG_TALLY_N = 0 REG_TALLY_COLUMNS(REG_TALLY_ONE_) };
/* SQL: ", required, registered, ..." */
#define REG_TALLY_NAME_(col, member, ev) ", " #col
#define REG_TALLY_LIST REG_TALLY_COLUMNS(REG_TALLY_NAME_)

/* lamtheo migrate (copy.c): every table of the SQLite database `from`
** into the new PostgreSQL database `to` (made by db_open, holding no
** units, people, accounts or audit rows), inside to's transaction, which
** the caller began and commits (or undoes); read in one snapshot of from.
** note (may be NULL) hears of each table's rows as they go (done 0) and
** when it is copied and counted on the target (done 1).  LT_EINPUT names
** a value its column cannot hold by table, row and column; LT_EREFUSED a
** target with data. */
typedef void (*db_copy_note)(const char *table, long long rows, int done, void *arg);
int db_copy(lt_db *from, lt_db *to, db_copy_note note, void *arg, lt_err *e);

/* Integrity and foreign-key checks plus lamtheo's own invariants; each
** problem is added to d.  Returns LT_OK when there are none. */
int db_check(lt_db *db, lt_diags *d, lt_err *e);
/* The part of db_check that reads every page once and counts nothing
** afresh: the file's header, the schema version, SQLite's quick_check and
** the rules one pass over a table shows (not the foreign keys, the tallies,
** registrations' places or the word indexes).  Seconds where the full
** check takes minutes. */
int db_check_quick(lt_db *db, lt_diags *d, lt_err *e);
/* A consistent copy of the live database to path: SQLite's backup API,
** every page in one step, so one read transaction that writers in other
** processes cannot restart (they go on meanwhile).  Made as
** "PATH.tmpXXXXXX" beside path (core.h: lt_tmp_create), synced, then
** given the name path without ever replacing a file there (LT_EREFUSED if
** one exists).  LT_ECONFLICT when another process holds the database to
** itself past the busy timeout. */
int db_backup(lt_db *db, const char *path, lt_err *e);

/* Put the backup `file` in place of the database `live` (restore.c): it
** must be a lamtheo database of this version or older (brought forward on
** the copy) that passes the full check (its problems added to d, then
** LT_EREFUSED); refused while another process has `live` open
** (LT_ECONFLICT).  The replaced database is kept as out->aside (out->kept). */
typedef struct db_restored { int version, kept; char aside[4300]; } db_restored;
int db_restore_from(const char *file, const char *live, lt_diags *d, db_restored *out, lt_err *e);

/* The current UTC time as "yyyy-mm-ddThh:mm:ssZ" (out holds 21 bytes). */
void db_now(char out[21]);

#endif
