/*
** db.c — the SQLite connection: open with WAL, foreign keys and a busy
** timeout; create or migrate the schema; nested transactions; a cache of
** prepared statements; audit rows; integrity checks and online backup.
** A connection to PostgreSQL (pg.c) takes the statements, transactions
** and errors' paths beside SQLite's (issue 24: db_open_bare so far).
*/
#include "store.h"
#include "pg.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* A connection keeps every statement it prepares, by its text: the
** domain's are a fixed set (about 250 in December 2026, by the census of
** scripts/pg-census.sh; a server's connection may come to prepare them
** all), so no statement may carry a value in its text. */
#define STMT_CACHE 1024

struct lt_db {
    sqlite3 *h;                /* SQLite's connection, or NULL on PostgreSQL */
    pg_conn *pg;               /* PostgreSQL's connection (pg.c), or NULL on SQLite */
    long long busy_since;      /* when the current wait for a lock began (ms, monotonic) */
    int depth;                 /* transaction nesting */
    int aborted;               /* SQLite rolled the open transaction back by itself */
    int reads_nested;          /* db_read_begin calls inside a transaction already open */
    int no_wait;               /* db_begin_now: a lock held by another is given up at once */
    int unchecked;             /* db_begin_unchecked: foreign keys off until the transaction ends */
    unsigned long snapshot;    /* the read transaction db_read_begin opened (numbered), or 0 */
    unsigned long snapshots;   /* how many it has opened */
    unsigned long memo_of;     /* the snapshot snap_memo belongs to */
    unsigned long named_of;    /* the snapshot snap_name names (PostgreSQL's), or 0 */
    char snap_name[DB_SNAPSHOT_NAME];
    char *address;             /* PostgreSQL's address as given (db_identity), or NULL */
    long long snap_memo[DB_SNAPSHOT_MEMO / sizeof(long long)];
    struct { const char *sql; db_stmt *st; } cache[STMT_CACHE];
};

/* A statement of the store (store.h): SQLite's or PostgreSQL's, made and
** freed with its slot in the connection's cache. */
struct db_stmt {
    sqlite3_stmt *lite;        /* SQLite's, or NULL */
    pg_stmt *pg;               /* PostgreSQL's, or NULL */
    char *sql;                 /* its text (PostgreSQL's; SQLite keeps its own) */
};

/* The statement PostgreSQL refused, for the log (the user's message says
** what failed, not where); not a constraint's refusal (a conflict the
** caller answers) nor a wait for a lock that gave up. */
static void pg_failed_in(lt_db *db, const char *sql, const lt_err *e) {
    if (pg_failed_constraint(db->pg) || (e && e->code == LT_EBUSY)) return;
    fprintf(stderr, "lamtheo: postgresql: in the statement: %.300s\n", sql);
}

static void stmt_free(db_stmt *st) {
    if (!st) return;
    sqlite3_finalize(st->lite);
    pg_finalize(st->pg);
    free(st->sql);
    free(st);
}

/* Whether a transaction is open on the connection (SQLite leaves one by
** itself after some errors: tx_aborted). */
static int tx_open(lt_db *db) {
    return db->pg ? pg_in_transaction(db->pg) : !sqlite3_get_autocommit(db->h);
}

/* SQL whose failure is not the caller's to report. */
static void exec_quietly(lt_db *db, const char *sql) {
    if (db->pg) pg_exec(db->pg, sql, NULL);
    else sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

/* Column text of one of SQLite's own statements, or "" (lent). */
static const char *lite_text(sqlite3_stmt *st, int i) {
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? s : "";
}

sqlite3 *db_handle(lt_db *db) { return db->h; }

/* ---- waiting for other processes' locks ---------------------------------- */
static long busy_wait_ms = DB_BUSY_WAIT_MS;
static void (*busy_notice)(void);
static int busy_noticed;

void db_set_busy_wait(long ms, void (*notice)(void)) {
    busy_wait_ms = ms < 0 ? 0 : ms;
    busy_notice = notice;
}

static void (*upgrade_notice)(int from, int to);
static int upgrade_noticed;

void db_set_upgrade_notice(void (*notice)(int from, int to)) { upgrade_notice = notice; }

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler: count is 0 at the first refusal of each lock
** attempt.  Sleeps a little longer each time (up to 50 ms) until
** busy_wait_ms has passed since that first refusal; 0 gives up. */
static int busy_wait(void *arg, int count) {
    lt_db *db = arg;
    long long now = now_ms();
    if (count == 0) db->busy_since = now;
    long long waited = now - db->busy_since;
    if (db->no_wait || waited >= busy_wait_ms) return 0;
    if (waited >= 1000 && busy_notice && !__atomic_exchange_n(&busy_noticed, 1, __ATOMIC_RELAXED))
        busy_notice();
    long step = count < 10 ? 5 * (count + 1) : 50;
    if (step > busy_wait_ms - waited) step = (long)(busy_wait_ms - waited);
    sqlite3_sleep((int)step);
    return 1;
}

/* ---- one writer at a time in this process -------------------------------- */
/* Writers of one process (the server's workers) take their turn at this
** gate before BEGIN IMMEDIATE, waking as soon as the writer before them
** commits, instead of meeting SQLITE_BUSY and sleeping in busy_wait (5,
** 10, 15 ms, ...), which gave the registration season's writes a p99 of
** ~90 ms (bench/season.sh).  Other processes still meet the busy handler.
** A thread counts its own turns (two connections of one thread writing
** must not wait for themselves); the wait is bounded as busy_wait is. */
static pthread_mutex_t write_gate = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int write_gate_held;

static int write_gate_enter(void) {
    if (write_gate_held++) return 0;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += busy_wait_ms / 1000;
    until.tv_nsec += (busy_wait_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    if (pthread_mutex_timedlock(&write_gate, &until) == 0) return 0;
    write_gate_held--;
    return -1;
}

/* The gate if no writer of this process holds it now: 0, else -1. */
static int write_gate_try(void) {
    if (write_gate_held++) return 0;
    if (pthread_mutex_trylock(&write_gate) == 0) return 0;
    write_gate_held--;
    return -1;
}

static void write_gate_leave(void) {
    if (write_gate_held > 0 && --write_gate_held == 0) pthread_mutex_unlock(&write_gate);
}

/* Whether an SQLite result code means another connection holds a lock. */
static int is_busy(int rc) {
    return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

static int busy_fail(lt_err *e) {
    return lt_err_set(e, LT_EBUSY,
                      "cơ sở dữ liệu đang bận (một tiến trình khác đang ghi, ví dụ một lệnh nhập "
                      "lớn); hãy thử lại sau ít phút",
                      "the database is busy (another process is writing, a large import perhaps); "
                      "try again in a few minutes");
}

/* ---- the one connection the server writes with ----------------------------- */
/* In WAL mode a connection drops its whole page cache when it begins a
** transaction after another connection has committed.  With every worker
** of the server writing on its own connection, each write re-read the
** B-tree pages it went through (~18 reads a write in the registration
** season, bench/season.sh), inside the gate where writers wait for each
** other.  So the server shares one connection for writing (db_writer_share):
** the gate lends it to the lt_db that begins a transaction, whose handle
** and prepared statements trade places with it until the transaction ends;
** nobody else commits on the file meanwhile, and its cache stays warm (~9
** reads).  Lent only under the gate and only to one lt_db at a time: a
** second lt_db of the same thread writing meanwhile writes on its own. */
static lt_db *writer;       /* db_writer_share's connection, or NULL */
static lt_db *writer_user;  /* the lt_db it is lent to (read and set under the gate) */

static void writer_trade(lt_db *a, lt_db *b) {
    sqlite3 *h = a->h;
    a->h = b->h;
    b->h = h;
    for (int i = 0; i < STMT_CACHE; i++) {
        const char *sql = a->cache[i].sql;
        db_stmt *st = a->cache[i].st;
        a->cache[i] = b->cache[i];
        b->cache[i].sql = sql;
        b->cache[i].st = st;
    }
}

/* Under the gate, about to begin db's outermost transaction. */
static void writer_lend(lt_db *db) {
    if (!writer || writer_user || db == writer || db->pg) return;
    writer_trade(db, writer);
    sqlite3_busy_handler(db->h, busy_wait, db); /* (its waits are db's while lent) */
    writer_user = db;
}

/* db's outermost transaction has ended: the writer back, if it was lent. */
static void writer_return(lt_db *db) {
    if (writer_user != db) return;
    writer_trade(db, writer);
    sqlite3_busy_handler(writer->h, busy_wait, writer);
    writer_user = NULL;
}

int db_writer_share(const char *path, lt_err *e) {
    if (writer) return LT_OK;
    lt_db *w;
    if (db_open(path, DB_OPEN_EXISTING, &w, e)) return e ? e->code : LT_EDB;
    if (write_gate_enter()) { db_close(w); return busy_fail(e); }
    writer = w;
    write_gate_leave();
    return LT_OK;
}

void db_writer_close(void) {
    if (!writer) return;
    /* after the last writer's turn; one still at work after the busy wait
    ** keeps it (the process is ending: closing it under them would not do) */
    if (write_gate_enter()) return;
    lt_db *w = writer;
    writer = NULL;
    write_gate_leave();
    db_close(w);
}

static int open_readonly(const char *path, int side, int code, lt_err *e);

int db_fail(lt_db *db, lt_err *e) {
    if (db && db->pg)
        return lt_err_set(e, LT_EDB, "lỗi cơ sở dữ liệu: %s", "database error: %s", pg_last_error(db->pg));
    if (db && db->h && is_busy(sqlite3_extended_errcode(db->h))) return busy_fail(e);
    if (db && db->h && sqlite3_errcode(db->h) == SQLITE_NOMEM) return lt_err_oom(e);
    const char *msg = db && db->h ? sqlite3_errmsg(db->h) : "no database";
    /* a write refused by a read-only file (or what is beside it): which, and what to do */
    if (db && db->h && (sqlite3_errcode(db->h) & 0xff) == SQLITE_READONLY)
        return open_readonly(sqlite3_db_filename(db->h, "main"), sqlite3_db_readonly(db->h, "main") != 1, LT_EDB, e);
    if (db && db->h && (sqlite3_errcode(db->h) & 0xff) == SQLITE_CORRUPT)
        return lt_err_set(e, LT_EDB, "cơ sở dữ liệu %s bị hỏng (%s): hãy chạy lamtheo check, rồi khôi phục từ bản "
                          "sao lưu (lamtheo help backup)", "the database %s is damaged (%s): run lamtheo check, "
                          "then restore it from a backup (lamtheo help backup)", sqlite3_db_filename(db->h, "main"),
                          msg);
    return lt_err_set(e, LT_EDB, "lỗi cơ sở dữ liệu: %s", "database error: %s", msg);
}

/* After some errors (SQLITE_NOMEM, SQLITE_IOERR, SQLITE_FULL, ...) SQLite
** rolls the whole transaction back by itself: the connection is then in
** autocommit mode while depth says a transaction is open, and every later
** statement of the action would commit on its own (a failed import kept
** the rows after the one that ran out of memory).  Seen before any
** statement of ours runs: the action is marked aborted, a transaction is
** opened again at once so that nothing commits, every later write of ours
** fails, db_commit refuses and the outermost db_rollback ends it.  1 when
** the transaction is aborted (e filled). */
static int tx_aborted(lt_db *db, lt_err *e) {
    if (db->depth > 0 && !db->aborted && !tx_open(db)) {
        db->aborted = 1;
        exec_quietly(db, "BEGIN");
    }
    if (!db->aborted) return 0;
    lt_err_set(e, LT_EDB, "thao tác bị hủy giữa chừng (thiếu bộ nhớ hoặc lỗi ghi đĩa); chưa có gì thay đổi, "
               "hãy thử lại", "the action was undone midway (memory or a disk write failed); nothing was "
               "changed, try again");
    return 1;
}

int db_engine_pg(const lt_db *db) { return db->pg != NULL; }
pg_conn *db_pg_conn(lt_db *db) { return db->pg; }

#ifdef LT_SQL_CENSUS
/* The port's census (scripts/pg-census.sh builds with -DLT_SQL_CENSUS):
** every statement SQLite is given, appended to the file $LT_SQL_CENSUS,
** each followed by a record separator, for pg_census to prepare on
** PostgreSQL.  Never in lamtheo's own builds. */
static void census(const char *sql) {
    const char *path = getenv("LT_SQL_CENSUS");
    int fd = path ? open(path, O_WRONLY | O_APPEND | O_CREAT, 0600) : -1;
    if (fd < 0) return;
    size_t n = strlen(sql);
    char *record = malloc(n + 1);   /* one write: processes append at once */
    if (record) {
        memcpy(record, sql, n);
        record[n] = 0x1e;
        if (write(fd, record, n + 1) != (ssize_t)n + 1) { /* best effort */ }
        free(record);
    }
    close(fd);
}
#else
static void census(const char *sql) { (void)sql; }
#endif

int db_exec(lt_db *db, const char *sql, lt_err *e) {
    if (tx_aborted(db, e)) return LT_EDB;
    if (!db->pg) census(sql);
    if (db->pg) return pg_exec(db->pg, sql, e);
    if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK) return db_fail(db, e);
    return LT_OK;
}

/* SQL function fold(text): the search fold of text.h, for queries. */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) { sqlite3_result_null(ctx); return; }
    char *f = text_fold_dup(s);
    if (f) sqlite3_result_text(ctx, f, -1, free);
    else if (text_utf8_check(s, strlen(s), NULL, NULL)) sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    else sqlite3_result_error_nomem(ctx); /* never a wrong fold kept for lack of memory */
}

/* SQL functions vi_key(text) and vi_name_key(full_name): the Vietnamese
** sort key of a unit's name or of a person's (given name first), as a BLOB
** that sorts in that order (text.h). */
static void sql_vi_key(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *s = (const char *)sqlite3_value_text(argv[0]);
    if (!s) { sqlite3_result_null(ctx); return; }
    size_t len;
    unsigned char *key = sqlite3_user_data(ctx) ? text_name_sort_key(s, &len) : text_collate_key(s, &len);
    if (key) sqlite3_result_blob64(ctx, key, len, free);
    else sqlite3_result_error_nomem(ctx);
}

/* SQL function name_rank_of(fold, id): a person's place in the name
** search's index (text.h); NULL for an id it cannot place. */
static void sql_name_rank_of(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
    (void)argc;
    const char *fold = (const char *)sqlite3_value_text(argv[0]);
    long long rank = fold ? text_name_rank(fold, sqlite3_value_int64(argv[1])) : -1;
    if (rank < 0) sqlite3_result_null(ctx);
    else sqlite3_result_int64(ctx, rank);
}

/* Collation "vi": Vietnamese order (ICU), for ORDER BY name COLLATE vi. */
static int sql_collate_vi(void *arg, int na, const void *a, int nb, const void *b) {
    (void)arg;
    return text_collate_cmpn(a, (size_t)na, b, (size_t)nb);
}

long long db_int(lt_db *db, const char *sql, long long param, lt_err *e) {
    db_stmt *st = db_prepare(db, sql, e);
    if (!st) return -1;
    if (db_param_count(st) > 0) db_bind_int(st, 1, param);
    long long v = db_step_row(db, st, e) == 1 ? db_col_int64(st, 0) : -1;
    db_reset(st);
    return v;
}

int db_user_version(lt_db *db) {
    return (int)db_int(db, db->pg ? "SELECT max(version) FROM lamtheo_schema" : "PRAGMA user_version", 0, NULL);
}

int db_schema_version(void) { return LT_SCHEMA_VERSION; }

/* One integer from a query without parameters; LT_OK, or the error (a
** busy database is not a value). */
static int read_int(lt_db *db, const char *sql, long long *out, lt_err *e) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) *out = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? LT_OK : db_fail(db, e);
}

/* Put the database in WAL mode.  Leaving another journal mode needs every
** other connection gone, and SQLite refuses at once instead of waiting: a
** command line import may have the database to itself (db_alone_begin)
** for a minute.  Wait for it as for any lock. */
static int wal_on(lt_db *db, lt_err *e) {
    for (int tries = 0;; tries++) {
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=WAL", -1, &st, NULL);
        if (rc == SQLITE_OK) rc = sqlite3_step(st);
        int wal = rc == SQLITE_ROW && !strcmp(lite_text(st, 0), "wal");
        sqlite3_finalize(st);
        if (wal) return LT_OK;
        if (rc != SQLITE_ROW && !is_busy(rc)) return db_fail(db, e);
        /* refused (busy, or another journal mode kept): wait like busy_wait */
        if (busy_wait(db, tries) == 0) return busy_fail(e);
    }
}

/* Create the schema in a new database (mode DB_OPEN_CREATE), or run the
** migrations from its version to ours, all in one transaction.  A file
** without our application_id is refused, and so is a newer version. */
static int db_migrate(lt_db *db, int mode, lt_err *e) {
    long long appid = 0, version = 0, tables = 0;
    int rc = read_int(db, "PRAGMA application_id", &appid, e);
    if (rc == LT_OK) rc = read_int(db, "PRAGMA user_version", &version, e);
    if (rc == LT_OK) rc = read_int(db, "SELECT count(*) FROM sqlite_schema", &tables, e);
    if (rc) return rc;
    int v = (int)version, empty = tables == 0;
    if (appid != LT_APPLICATION_ID && !(mode == DB_OPEN_CREATE && empty))
        return lt_err_set(e, LT_EREFUSED, "%s không phải cơ sở dữ liệu lamtheo (tệp SQLite rỗng, hoặc của "
                          "chương trình khác); tạo mới bằng lamtheo init", "%s is not a lamtheo database (an "
                          "empty SQLite file, or another program's); create one with lamtheo init",
                          sqlite3_db_filename(db->h, "main"));
    if (v > LT_SCHEMA_VERSION)
        return lt_err_set(e, LT_EREFUSED,
                          "cơ sở dữ liệu thuộc phiên bản mới hơn (%d > %d); hãy nâng cấp lamtheo",
                          "the database is from a newer version (%d > %d); upgrade lamtheo",
                          v, LT_SCHEMA_VERSION);
    /* only now that the file is ours (or new) may it change */
    /* savepoint journals stay in memory (an import has one per row); a page
    ** cache of 16 MiB: the operating system's cache is behind it, and a
    ** bigger one costs more than it saves in a short-lived process (every
    ** page read allocates until the cache is full: with 64 MiB, the
    ** national indicators took a fifth longer) */
    if ((rc = wal_on(db, e))) return rc;
    if (db_exec(db, "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384",
                e))
        return LT_EDB;
    if (v == LT_SCHEMA_VERSION && appid == LT_APPLICATION_ID) return LT_OK;
    if (appid == LT_APPLICATION_ID && upgrade_notice && !__atomic_exchange_n(&upgrade_noticed, 1, __ATOMIC_RELAXED))
        upgrade_notice(v, LT_SCHEMA_VERSION);
    if ((rc = db_begin(db, e))) return rc;
    if (appid != LT_APPLICATION_ID) {
        rc = db_exec(db, lt_schema_sql, e);
        v = LT_SCHEMA_VERSION;
    }
    for (; rc == LT_OK && v < LT_SCHEMA_VERSION; v++) {
        const char *sql = lt_migration_sql(v);
        rc = sql ? db_exec(db, sql, e) : lt_err_set(e, LT_EDB, "thiếu bước nâng cấp %d",
                                                      "migration %d is missing", v);
    }
    if (rc == LT_OK) {
        char pragma[96];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d; PRAGMA application_id=%d",
                 LT_SCHEMA_VERSION, LT_APPLICATION_ID);
        rc = db_exec(db, pragma, e);
    }
    if (rc == LT_OK) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

/* SQLite's memory statistics take one process-wide mutex on every
** allocation, and Debian's build has no lookaside, so every small
** allocation counts: with several server threads reading, they queue on
** that mutex.  lamtheo does not read the statistics; turn them off once,
** before the first connection.  jansson's allocations are counted when
** they fail (lt_json_malloc). */
static void sqlite_setup(void) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
    json_set_alloc_funcs(lt_json_malloc, free); /* its failures counted (core.h) */
}

/* ---- why a database cannot be opened ------------------------------------ */
/* Each reason its own message, naming the file and what to do: missing,
** not readable, not writable (the file, its folder, the -wal and -shm files
** beside it, or the whole file system), not a database, not ours, damaged. */

/* The folder that holds path, into dir (size bytes): "." for a bare name. */
static void folder_of(const char *path, char *dir, size_t size) {
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, size, ".");
    else if (slash == path) snprintf(dir, size, "/");
    else snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/* path could not be looked at (stat failed with err, not because it is
** missing): a folder on the way that may not be entered, or worse. */
static int open_unreachable(const char *path, int err, lt_err *e) {
    if (err == EACCES)
        return lt_err_set(e, LT_EIO, "không đọc được %s: không có quyền vào thư mục chứa nó; hãy chạy với "
                          "quyền đọc tệp và các thư mục chứa nó", "cannot read %s: no permission to enter its "
                          "folder; run as a user who may read the file and its folders", path);
    return lt_err_set(e, LT_EIO, "không mở được cơ sở dữ liệu %s: %s", "cannot open database %s: %s", path,
                      strerror(err));
}

/* sqlite3_open_v2 failed (err: the last errno SQLite saw, which after a
** refused create is that of its read-only retry: the folder is looked at
** here instead). */
static int open_failed(const char *path, int mode, int err, lt_err *e) {
    char dir[4096];
    folder_of(path, dir, sizeof dir);
    if (mode == DB_OPEN_CREATE && access(dir, F_OK) != 0)
        return lt_err_set(e, LT_EIO, "không tạo được %s: không có thư mục %s", "cannot create %s: there is no "
                          "folder %s", path, dir);
    if (mode == DB_OPEN_CREATE && access(dir, W_OK) != 0)
        return lt_err_set(e, LT_EIO, "không tạo được %s: thư mục %s không ghi được (%s); hãy chạy với quyền "
                          "ghi hoặc chọn nơi khác", "cannot create %s: the folder %s is not writable (%s); run "
                          "with write permission or choose another place", path, dir, strerror(errno));
    if (mode == DB_OPEN_EXISTING && access(path, R_OK) != 0 && errno == EACCES)
        return lt_err_set(e, LT_EIO, "không đọc được %s: không có quyền đọc tệp; hãy chạy với quyền đọc "
                          "(và ghi) tệp này", "cannot read %s: no permission to read the file; run as a user "
                          "who may read (and write) it", path);
    return lt_err_set(e, LT_EIO, "không mở được cơ sở dữ liệu %s: %s", "cannot open database %s: %s", path,
                      err ? strerror(err) : "?");
}

/* The file or what lamtheo writes beside it cannot be written: which, and
** what to do (e's code: code).  side: the file itself is writable, the
** folder or the -wal and -shm files beside it are not. */
static int open_readonly(const char *path, int side, int code, lt_err *e) {
    char dir[4096];
    folder_of(path, dir, sizeof dir);
    struct statvfs vfs;
    if (statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        return lt_err_set(e, code, "%s nằm trên ổ đĩa chỉ đọc: lamtheo cần ghi vào tệp và các tệp -wal, "
                          "-shm bên cạnh; hãy sao chép tệp sang nơi ghi được", "%s is on a read-only file system: "
                          "lamtheo needs to write to it and to the -wal and -shm files beside it; copy the file to "
                          "a writable place", path);
    if (!side)
        return lt_err_set(e, code, "tệp %s chỉ cho đọc, không ghi được: lamtheo cần ghi vào tệp; hãy chạy "
                          "với quyền ghi hoặc sao chép tệp sang nơi khác", "%s is read-only: lamtheo needs to "
                          "write to it; run with write permission or copy the file elsewhere", path);
    if (access(dir, W_OK) != 0)
        return lt_err_set(e, code, "thư mục %s không ghi được: lamtheo cần ghi tệp -wal và -shm bên cạnh "
                          "%s; hãy chạy với quyền ghi hoặc sao chép tệp sang nơi khác", "the folder %s is not "
                          "writable: lamtheo needs to write the -wal and -shm files beside %s; run with write "
                          "permission or copy the file elsewhere", dir, path);
    return lt_err_set(e, code, "không ghi được tệp %s-wal hoặc %s-shm bên cạnh cơ sở dữ liệu: hãy chạy "
                      "với quyền ghi các tệp đó (hoặc với người dùng đã tạo chúng)", "cannot write %s-wal or "
                      "%s-shm beside the database: run with write permission on them (or as the user who "
                      "made them)", path, path);
}

/* The first read of a database just opened (its schema), or what is wrong
** with it: every reason above that shows only when the file is read.  What
** the file is comes first (not a database, damaged), then whether what
** reading needs can be written (the -shm file beside it). */
static int db_first_read(lt_db *db, const char *path, lt_err *e) {
    int rc = sqlite3_exec(db->h, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    int x = rc == SQLITE_OK ? SQLITE_OK : sqlite3_extended_errcode(db->h) & 0xff;
    int sys = sqlite3_system_errno(db->h);
    if (x == SQLITE_NOTADB)
        return lt_err_set(e, LT_EREFUSED, "%s không phải cơ sở dữ liệu lamtheo, cũng không phải tệp SQLite nào; "
                          "hãy kiểm tra tên tệp (--db hoặc LAMTHEO_DB)", "%s is not a lamtheo database, nor any "
                          "SQLite file; check the file name (--db or LAMTHEO_DB)", path);
    if (x == SQLITE_CORRUPT || x == SQLITE_NOMEM || is_busy(x)) return db_fail(db, e);
    if (x == SQLITE_IOERR)
        return lt_err_set(e, LT_EIO, "lỗi đọc %s: %s (%s); ổ đĩa có thể hỏng", "error reading %s: %s (%s); the "
                          "disk may be failing", path, sqlite3_errmsg(db->h), sys ? strerror(sys) : "?");
    /* a read-only file that can be read is read: reports and lists work, and
    ** a write says why it cannot be done (db_fail) */
    if (x == SQLITE_OK) return LT_OK;
    int ro = sqlite3_db_readonly(db->h, "main") == 1;
    if (x == SQLITE_READONLY || (x == SQLITE_CANTOPEN && (ro || sys == EACCES || sys == EROFS)))
        return open_readonly(path, !ro, LT_EREFUSED, e);
    return lt_err_set(e, LT_EIO, "không mở được cơ sở dữ liệu %s: %s", "cannot open database %s: %s", path,
                      sqlite3_errmsg(db->h));
}

/* SQLite's process-wide settings, once before the first connection. */
static void setup_once(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_setup);
}

int db_is_postgresql(const char *address) {
    return !strncmp(address, "postgresql:", 11) || !strncmp(address, "postgres:", 9);
}

/* SQLite's connection to path (made when mode is DB_OPEN_CREATE), with
** lamtheo's settings, collation and functions: *out is given even on a
** failure (db_close it). */
static int lite_connect(const char *path, int mode, lt_db **out, lt_err *e) {
    lt_db *db = *out = calloc(1, sizeof *db);
    if (!db) return lt_err_oom(e);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                (mode == DB_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK)
        return open_failed(path, mode, db->h ? sqlite3_system_errno(db->h) : 0, e);
    sqlite3_busy_handler(db->h, busy_wait, db);
    db_checkpointer_adopt(db->h); /* (the server's: its commits leave checkpoints to that thread) */
    sqlite3_extended_result_codes(db->h, 1);
    int rc = db_exec(db, "PRAGMA foreign_keys=ON", e);
    if (rc && rc != LT_EOOM && rc != LT_EBUSY && e) {
        char tmp[sizeof e->en];
        snprintf(tmp, sizeof tmp, "%s", e->en);
        rc = lt_err_set(e, LT_EREFUSED, "%s không phải cơ sở dữ liệu lamtheo (%s)",
                        "%s is not a lamtheo database (%s)", path, tmp);
    }
    if (rc == LT_OK)
        sqlite3_create_collation(db->h, "vi", SQLITE_UTF8, NULL, sql_collate_vi);
    if (rc == LT_OK)
        sqlite3_create_function(db->h, "fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_fold, NULL, NULL);
    if (rc == LT_OK)
        sqlite3_create_function(db->h, "vi_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_vi_key, NULL, NULL);
    if (rc == LT_OK)
        sqlite3_create_function(db->h, "vi_name_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                (void *)"name", sql_vi_key, NULL, NULL);
    if (rc == LT_OK)
        sqlite3_create_function(db->h, "name_rank_of", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                NULL, sql_name_rank_of, NULL, NULL);
    return rc;
}

/* DESIGN §10: lamtheo's schema made or checked on a PostgreSQL database
** (pg_schema.c).  (The address is never repeated: it may hold a password.) */
static int pg_open(const char *address, int mode, lt_db **out, lt_err *e) {
    lt_db *db;
    int rc = db_open_bare(address, &db, e);
    if (rc == LT_OK && (rc = pg_schema_open(db, mode, e))) db_close(db);
    if (rc == LT_OK) *out = db;
    return rc;
}

int db_open(const char *path, int mode, lt_db **out, lt_err *e) {
    setup_once();
    *out = NULL;
    if (db_is_postgresql(path)) return pg_open(path, mode, out, e);
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && errno != ENOENT && errno != ENOTDIR) return open_unreachable(path, errno, e);
    if (exists && S_ISDIR(sb.st_mode))
        return lt_err_set(e, LT_EREFUSED, "%s là một thư mục, không phải tệp cơ sở dữ liệu",
                          "%s is a folder, not a database file", path);
    if (mode == DB_OPEN_CREATE && exists && sb.st_size > 0)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu %s đã có; không ghi đè",
                          "database %s already exists; not overwriting it", path);
    if (mode == DB_OPEN_EXISTING && !exists)
        return lt_err_set(e, LT_ENOTFOUND,
                          "không có cơ sở dữ liệu %s (tạo bằng: lamtheo init)",
                          "no database %s (create it with: lamtheo init)", path);
    lt_db *db;
    int rc = lite_connect(path, mode, &db, e);
    if (rc == LT_OK) rc = db_first_read(db, path, e);
    if (rc == LT_OK) rc = db_migrate(db, mode, e);
    if (rc) { db_close(db); return rc; }
    *out = db;
    return LT_OK;
}

const char *db_address_shown(const char *address) {
    return db_is_postgresql(address) ? "PostgreSQL" : address;
}

int db_open_bare(const char *address, lt_db **out, lt_err *e) {
    setup_once();
    *out = NULL;
    if (!db_is_postgresql(address)) {
        int rc = lite_connect(address, DB_OPEN_CREATE, out, e);
        if (rc) { db_close(*out); *out = NULL; }
        return rc;
    }
    lt_db *db = calloc(1, sizeof *db);
    if (!db) return lt_err_oom(e);
    int rc = pg_connect(address, &db->pg, e);
    if (rc == LT_OK && !(db->address = strdup(address))) rc = lt_err_oom(e);
    if (rc) { pg_disconnect(db->pg); free(db); return rc; }
    *out = db;
    return LT_OK;
}

void db_remove_files(const char *path) {
    if (db_is_postgresql(path)) return;   /* (no file: the name is an address) */
    static const char *const sides[] = {"-wal", "-shm"};
    char side[4200];
    remove(path);
    for (int i = 0; i < 2; i++) /* a name cut short is another file: left alone */
        if (snprintf(side, sizeof side, "%s%s", path, sides[i]) < (int)sizeof side) remove(side);
}

void db_close(lt_db *db) {
    if (!db) return;
    if (db->depth > 0) { /* a transaction left open: undone, and the gate given back */
        db->depth = 1;
        db_rollback(db);
    }
    for (int i = 0; i < STMT_CACHE; i++) {
        /* (PostgreSQL's go with their connection, not by a round trip each) */
        if (db->cache[i].st) db->cache[i].st->pg = NULL;
        stmt_free(db->cache[i].st);
    }
    sqlite3_close(db->h);
    pg_disconnect(db->pg);
    free(db->address);
    free(db);
}

int db_checkpoint(lt_db *db, lt_err *e) {
    if (!db || !db->h) return LT_OK;
    int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return rc == SQLITE_OK ? LT_OK : db_fail(db, e);
}

/* The outermost transaction has ended: foreign keys checked again, the
** writer given back, the gate left. */
static void tx_over(lt_db *db) {
    if (db->unchecked && db->h) sqlite3_exec(db->h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL);
    db->unchecked = 0;
    writer_return(db);
    write_gate_leave();
}

/* BEGIN IMMEDIATE, in the gate (and with the writer, if lent): foreign
** keys off first for db_begin_unchecked (a no-op inside a transaction).
** (PostgreSQL checks them row by row still, and locks rows as it writes.) */
static int outer_begin(lt_db *db, lt_err *e) {
    int rc = db->unchecked && db->h ? db_exec(db, "PRAGMA foreign_keys=OFF", e) : LT_OK;
    if (rc == LT_OK && db->pg) rc = pg_revive(db->pg, e); /* (a lost connection made again) */
    if (rc == LT_OK) rc = db_exec(db, db->pg ? "BEGIN" : "BEGIN IMMEDIATE", e);
    if (rc) tx_over(db);
    return rc;
}

int db_begin(lt_db *db, lt_err *e) {
    char sql[48];
    if (db->depth == 0) {
        db->aborted = 0;
        if (write_gate_enter()) return busy_fail(e);
        writer_lend(db);
        if (outer_begin(db, e)) return LT_EDB;
    } else {
        snprintf(sql, sizeof sql, "SAVEPOINT lt%d", db->depth);
        if (db_exec(db, sql, e)) return LT_EDB;
    }
    db->depth++;
    return LT_OK;
}

int db_begin_now(lt_db *db, lt_err *e) {
    if (db->depth) return db_begin(db, e);
    if (write_gate_try()) return busy_fail(e);
    db->aborted = 0;
    db->no_wait = 1;
    writer_lend(db);
    int rc = outer_begin(db, e);
    db->no_wait = 0;
    if (rc) return LT_EDB;
    db->depth++;
    return LT_OK;
}

int db_turn_take(lt_err *e) {
    return write_gate_enter() ? busy_fail(e) : LT_OK;
}

void db_turn_give(void) {
    write_gate_leave();
}

int db_begin_unchecked(lt_db *db, lt_err *e) {
    if (db->depth) return db_begin(db, e);
    db->unchecked = 1; /* (outer_begin turns them off, on the connection that writes) */
    int rc = db_begin(db, e);
    db->unchecked = rc == LT_OK;
    return rc;
}

int db_commit(lt_db *db, lt_err *e) {
    char sql[48];
    if (db->depth <= 0) return LT_OK;
    if (tx_aborted(db, e)) { db_rollback(db); return LT_EDB; } /* nothing of it may commit */
    db->depth--;
    if (db->depth > 0) {
        snprintf(sql, sizeof sql, "RELEASE lt%d", db->depth);
        return db_exec(db, sql, e);
    }
    int rc = LT_OK;
    if (db_exec(db, "COMMIT", e)) {
        exec_quietly(db, "ROLLBACK");
        rc = LT_EDB;
    }
    tx_over(db);
    return rc;
}

int db_read_begin(lt_db *db, lt_err *e) {
    if (db->depth > 0 || tx_open(db)) { /* inside a transaction already */
        db->reads_nested++;
        return LT_OK;
    }
    if (db->pg && pg_revive(db->pg, e)) return LT_EDB; /* (a lost connection made again) */
    if (db_exec(db, db->pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN DEFERRED", e))
        return LT_EDB;
    db->snapshot = ++db->snapshots;
    return LT_OK;
}

void db_read_end(lt_db *db) {
    if (db->reads_nested > 0) db->reads_nested--;
    else {
        db->snapshot = 0;
        if (db->depth == 0 && tx_open(db)) exec_quietly(db, "COMMIT");
    }
}

void *db_snapshot_memo(lt_db *db, size_t size) {
    if (!db->snapshot || size > sizeof db->snap_memo) return NULL;
    if (!tx_open(db) || db_in_write(db)) {
        db->snapshot = 0; /* (its transaction ended, or writes: nothing read now is kept) */
        return NULL;
    }
    if (db->memo_of != db->snapshot) {
        memset(db->snap_memo, 0, sizeof db->snap_memo);
        db->memo_of = db->snapshot;
    }
    return db->snap_memo;
}

int db_in_write(lt_db *db) {
    /* (on PostgreSQL lamtheo writes only in its own transactions) */
    return db->depth > 0 || (db->h && sqlite3_txn_state(db->h, "main") == SQLITE_TXN_WRITE);
}

void db_rollback(lt_db *db) {
    char sql[64];
    if (db->depth <= 0) return;
    db->depth--;
    if (db->depth > 0) {
        snprintf(sql, sizeof sql, "ROLLBACK TO lt%d; RELEASE lt%d", db->depth, db->depth);
        exec_quietly(db, sql);
    } else {
        if (tx_open(db)) exec_quietly(db, "ROLLBACK");
        db->aborted = 0;
        tx_over(db);
    }
}

/* A statement's slot in the cache: its length and its first and last 32
** bytes are enough to spread them (a batch asks for the same long INSERT
** once a row, so hashing all of it cost more than the lookup). */
static unsigned stmt_hash(const char *sql) {
    size_t n = strlen(sql);
    unsigned h = 2166136261u ^ (unsigned)n;
    for (size_t i = 0; i < n; i = i == 31 && n > 64 ? n - 32 : i + 1)
        h = (h ^ (unsigned char)sql[i]) * 16777619u;
    return h;
}

/* A new statement of the store for sql, prepared to be kept (NULL on
** error, e filled). */
static db_stmt *stmt_new(lt_db *db, const char *sql, lt_err *e) {
    db_stmt *st = calloc(1, sizeof *st);
    if (!st) { lt_err_oom(e); return NULL; }
    if (db->pg) {
        if (!(st->sql = strdup(sql))) { free(st); lt_err_oom(e); return NULL; }
        if (!(st->pg = pg_prepare(db->pg, sql, e))) {
            pg_failed_in(db, sql, e);
            stmt_free(st);
            return NULL;
        }
        return st;
    }
    census(sql);
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->lite, NULL)) {
        db_fail(db, e);
        free(st);
        return NULL;
    }
    return st;
}

db_stmt *db_prepare(lt_db *db, const char *sql, lt_err *e) {
    unsigned h = stmt_hash(sql) % STMT_CACHE;
    for (unsigned k = 0; k < STMT_CACHE; k++) {
        unsigned i = (h + k) % STMT_CACHE;
        if (db->cache[i].st && strcmp(db->cache[i].sql, sql) == 0) {
            db_reset(db->cache[i].st);
            db_clear_bindings(db->cache[i].st);
            return db->cache[i].st;
        }
        if (!db->cache[i].st) {
            db_stmt *st = stmt_new(db, sql, e);
            if (!st) return NULL;
            db->cache[i].sql = st->pg ? st->sql : sqlite3_sql(st->lite);
            db->cache[i].st = st;
            return st;
        }
    }
    /* cache full: should not happen with a fixed set of statements */
    lt_err_set(e, LT_EDB, "lỗi nội bộ: quá nhiều câu lệnh", "internal error: statement cache full");
    return NULL;
}

void db_bind_text(db_stmt *st, int i, const char *s) {
    if (st->pg) pg_bind_text(st->pg, i, s);
    else if (s) sqlite3_bind_text(st->lite, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st->lite, i);
}

void db_bind_text_lent(db_stmt *st, int i, const char *s) {
    if (st->pg) pg_bind_text_lent(st->pg, i, s);
    else if (s) sqlite3_bind_text(st->lite, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st->lite, i);
}

void db_bind_int(db_stmt *st, int i, long long v) {
    if (st->pg) pg_bind_int(st->pg, i, v);
    else sqlite3_bind_int64(st->lite, i, v);
}

void db_bind_null(db_stmt *st, int i) {
    if (st->pg) pg_bind_null(st->pg, i);
    else sqlite3_bind_null(st->lite, i);
}

void db_bind_blob_lent(db_stmt *st, int i, const void *p, size_t n) {
    if (st->pg) pg_bind_blob_lent(st->pg, i, p, n);
    else sqlite3_bind_blob64(st->lite, i, p, n, SQLITE_STATIC);
}

void db_clear_bindings(db_stmt *st) {
    if (st->pg) pg_clear_bindings(st->pg);
    else sqlite3_clear_bindings(st->lite);
}

int db_param_count(db_stmt *st) {
    return st->pg ? pg_param_count(st->pg) : sqlite3_bind_parameter_count(st->lite);
}

/* (PostgreSQL's statements have numbered parameters alone: ?1 is "?1") */
const char *db_param_name(db_stmt *st, int i) {
    if (!st->pg) return sqlite3_bind_parameter_name(st->lite, i);
    static __thread char name[16];
    if (i < 1 || i > pg_param_count(st->pg)) return NULL;
    snprintf(name, sizeof name, "?%d", i);
    return name;
}

int db_col_count(db_stmt *st) { return st->pg ? pg_col_count(st->pg) : sqlite3_column_count(st->lite); }

const char *db_col_name(db_stmt *st, int i) {
    return st->pg ? pg_col_name(st->pg, i) : sqlite3_column_name(st->lite, i);
}

long long db_col_int64(db_stmt *st, int i) {
    return st->pg ? pg_col_int64(st->pg, i) : sqlite3_column_int64(st->lite, i);
}

int db_col_int(db_stmt *st, int i) { return (int)db_col_int64(st, i); }

double db_col_double(db_stmt *st, int i) {
    if (!st->pg) return sqlite3_column_double(st->lite, i);
    const char *s = pg_col_text_or_null(st->pg, i);
    return s ? strtod(s, NULL) : 0;
}

const void *db_col_blob(db_stmt *st, int i) {
    return st->pg ? pg_col_blob(st->pg, i) : sqlite3_column_blob(st->lite, i);
}

int db_col_bytes(db_stmt *st, int i) {
    return st->pg ? pg_col_bytes(st->pg, i) : sqlite3_column_bytes(st->lite, i);
}

const char *db_col_text_or_null(db_stmt *st, int i) {
    return st->pg ? pg_col_text_or_null(st->pg, i) : (const char *)sqlite3_column_text(st->lite, i);
}

const char *db_col_text(db_stmt *st, int i) {
    const char *s = db_col_text_or_null(st, i);
    return s ? s : "";
}

int db_col_type(db_stmt *st, int i) {
    if (st->pg) return pg_col_type(st->pg, i);
    switch (sqlite3_column_type(st->lite, i)) {
    case SQLITE_INTEGER: return DB_INT;
    case SQLITE_FLOAT: return DB_REAL;
    case SQLITE_TEXT: return DB_TEXT;
    case SQLITE_BLOB: return DB_BLOB;
    default: return DB_NULL;
    }
}

int db_step_is_row(db_stmt *st) {
    return st->pg ? pg_step(st->pg, NULL) == 1 : sqlite3_step(st->lite) == SQLITE_ROW;
}

void db_reset(db_stmt *st) {
    if (st->pg) pg_reset(st->pg);
    else sqlite3_reset(st->lite);
}

int db_changes(lt_db *db) { return db->pg ? (int)pg_changes(db->pg) : sqlite3_changes(db->h); }

int db_failed_constraint(lt_db *db) {
    return db->pg ? pg_failed_constraint(db->pg) : (sqlite3_errcode(db->h) & 0xff) == SQLITE_CONSTRAINT;
}

/* (a PostgreSQL database is no file: "") */
const char *db_filename(lt_db *db) { return db->pg ? "" : sqlite3_db_filename(db->h, "main"); }

const char *db_identity(lt_db *db) { return db->pg ? db->address : sqlite3_db_filename(db->h, "main"); }

int db_snapshot_name(lt_db *db, char *out, size_t n) {
    out[0] = 0;
    if (!db->pg) return 0;
    if (!db->snapshot || !tx_open(db) || db_in_write(db)) return -1;
    if (db->named_of != db->snapshot) {
        db_stmt *st = db_prepare(db, "SELECT CAST(pg_current_snapshot() AS text)", NULL);
        const char *name = st && db_step_row(db, st, NULL) == 1 ? db_col_text(st, 0) : NULL;
        int fits = name && strlen(name) < sizeof db->snap_name;
        if (fits) snprintf(db->snap_name, sizeof db->snap_name, "%s", name);
        if (st) db_reset(st);
        if (!fits) return -1;
        db->named_of = db->snapshot;
    }
    if (strlen(db->snap_name) >= n) return -1;
    snprintf(out, n, "%s", db->snap_name);
    return 1;
}

long long db_bytes(lt_db *db) {
    if (db->pg) return db_int(db, "SELECT pg_database_size(current_database())", 0, NULL);
    struct stat st;
    return stat(sqlite3_db_filename(db->h, "main"), &st) ? -1 : (long long)st.st_size;
}
const char *db_engine_version(void) {
    static char v[32];
    snprintf(v, sizeof v, "SQLite %s", sqlite3_libversion());
    return v;
}

int db_step_row(lt_db *db, db_stmt *st, lt_err *e) {
    if (tx_aborted(db, e)) return -1;
    if (st->pg) {
        int r = pg_step(st->pg, e);
        if (r < 0) pg_failed_in(db, st->sql, e);
        return r;
    }
    int rc = sqlite3_step(st->lite);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    db_fail(db, e);
    return -1;
}

/* db_step_done, and when id is not NULL the first row's first column there
** (0 without a row). */
static int step_write(lt_db *db, db_stmt *st, long long *id, lt_err *e) {
    if (tx_aborted(db, e)) { db_reset(st); return LT_EDB; }
    int rc = st->pg ? pg_step(st->pg, e) : sqlite3_step(st->lite);
    if (st->pg && rc < 0) pg_failed_in(db, st->sql, e);
    if (st->pg ? rc >= 0 : rc == SQLITE_DONE || rc == SQLITE_ROW) {
        if (id) *id = (st->pg ? rc == 1 : rc == SQLITE_ROW) ? db_col_int64(st, 0) : 0;
        db_reset(st);
        return LT_OK;
    }
    int code = db_failed_constraint(db) ? LT_ECONFLICT : LT_EDB;
    if (code == LT_ECONFLICT) {
        /* the details name tables and columns: they go to the log, not the user */
        fprintf(stderr, "lamtheo: constraint: %s\n", db->pg ? pg_last_error(db->pg) : sqlite3_errmsg(db->h));
        lt_err_set(e, code, "dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có",
                   "the data duplicates or contradicts what is stored");
    } else {                    /* (pg_step has said what failed, busy included) */
        code = st->pg ? lt_err_code(e, LT_EDB) : db_fail(db, e);
    }
    db_reset(st);
    return code;
}

int db_step_done(lt_db *db, db_stmt *st, lt_err *e) { return step_write(db, st, NULL, e); }
int db_step_id(lt_db *db, db_stmt *st, long long *id, lt_err *e) { return step_write(db, st, id, e); }

int db_row_json(lt_db *db, const char *table, long long id, char **out, lt_err *e) {
    char sql[160];
    *out = NULL;
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE id=?", table);
    db_stmt *st = db_prepare(db, sql, e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    int row = db_step_row(db, st, e);
    if (row <= 0) { db_reset(st); return row ? lt_err_code(e, LT_EDB) : LT_OK; }
    json_t *o = json_object();
    int failed = !o;
    for (int i = 0; !failed && i < db_col_count(st); i++) {
        json_t *v;
        switch (db_col_type(st, i)) {
        case DB_INT: v = json_integer(db_col_int64(st, i)); break;
        case DB_REAL: v = json_real(db_col_double(st, i)); break;
        case DB_TEXT: v = json_string(db_col_text(st, i)); failed = !v; break;
        default: v = json_null();
        }
        const char *name = db_col_name(st, i);
        failed = failed || !v || !name || json_object_set_new(o, name, v) != 0;
    }
    db_reset(st);
    if (!failed) *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return *out ? LT_OK : lt_err_oom(e);
}

void db_now(char out[21]) {
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int db_audit(lt_db *db, const char *actor, const char *action, const char *entity,
             long long id, const char *before, const char *after, lt_err *e) {
    db_stmt *st = db_prepare(db,
        "INSERT INTO audit(actor, at, action, entity, entity_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", e);
    if (!st) return LT_EDB;
    char now[21];
    db_now(now);
    db_bind_text(st, 1, actor);
    db_bind_text(st, 2, now);
    db_bind_text(st, 3, action);
    db_bind_text(st, 4, entity);
    if (id) db_bind_int(st, 5, id);
    db_bind_text(st, 6, before);
    db_bind_text(st, 7, after);
    return db_step_done(db, st, e);
}

/* ---- a batch with the database to itself -------------------------------- */
int db_alone_begin(lt_db *db) {
    sqlite3_stmt *st;
    if (db->pg) return 0;   /* (PostgreSQL's writers share it, row by row) */
    if (sqlite3_prepare_v2(db->h, "PRAGMA journal_mode=DELETE", -1, &st, NULL)) return 0;
    /* another connection's lock refuses the change at once, without waiting */
    int alone = sqlite3_step(st) == SQLITE_ROW && !strcmp(lite_text(st, 0), "delete");
    sqlite3_finalize(st);
    /* in rollback mode only FULL syncs the journal before the file changes */
    if (alone && db_exec(db, "PRAGMA synchronous=FULL", NULL)) {
        db_alone_end(db);
        return 0;
    }
    return alone;
}

void db_alone_end(lt_db *db) {
    /* (if it fails, the next db_open sets the WAL again) */
    db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL", NULL);
}

/* Add each row of a one-column check query as a problem. */
static void check_query(lt_db *db, const char *sql, const char *vi, const char *en,
                        lt_diags *d) {
    lt_err e = {0};
    db_stmt *st = db_prepare(db, sql, &e);
    int row = st ? 1 : -1;
    while (st && (row = db_step_row(db, st, &e)) == 1) {
        char vmsg[256], emsg[256];
        snprintf(vmsg, sizeof vmsg, "%s: %s", vi, db_col_text(st, 0));
        snprintf(emsg, sizeof emsg, "%s: %s", en, db_col_text(st, 0));
        lt_diags_add_text(d, 0, "", vmsg, emsg);
    }
    if (row < 0) lt_diags_add(d, 0, "", "không chạy được kiểm tra: %s", "check failed to run: %s", e.en);
    if (st) db_reset(st);
}

/* The people's spans counted afresh. */
#define SPAN_FRESH "SELECT unit_id, first_year, last_year, sum(people) AS people, sum(key_cadres) AS" \
    " key_cadres FROM person_span_of GROUP BY 1, 2, 3"
/* The registration tally counted afresh, without its all-zero rows. */
#define TALLY_SUM_(col, member, ev) ", sum(" #col ") AS " #col
#define TALLY_ANY_(col, member, ev) " OR " #col " <> 0"
#define TALLY_NONZERO " WHERE FALSE" REG_TALLY_COLUMNS(TALLY_ANY_)
#define TALLY_FRESH "SELECT * FROM (SELECT year, unit_id" REG_TALLY_COLUMNS(TALLY_SUM_) \
    " FROM registration_tally_of GROUP BY 1, 2) AS fresh" TALLY_NONZERO

/* The memory Linux says is available (MemAvailable), in bytes; 0 unknown. */
static long long memory_available(void) {
    FILE *f = fopen("/proc/meminfo", "r");
    long long kb = 0;
    char line[128];
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemAvailable: %lld kB", &kb) == 1) break;
    if (f) fclose(f);
    return kb * 1024;
}

/* The database file read once from start to end, when it fits in the
** memory available, so that SQLite's check, which walks each b-tree page
** by page (twice), finds the pages in the kernel's cache instead of
** seeking for each: at S=1 (22.7 GB) `check --quick` from a cold cache
** took 10.6 minutes without it, 3.2 with it (17 s of which is the read;
** BENCHMARKS.md).
** Best effort: an error here is the check's to find. */
static void read_ahead(lt_db *db) {
    const char *path = sqlite3_db_filename(db->h, "main");
    int fd = path && *path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat sb;
    if (fd < 0) return;
    if (fstat(fd, &sb) == 0 && sb.st_size <= memory_available()) {
        enum { CHUNK = 1 << 20 };
        char *buf = malloc(CHUNK);
        posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
        while (buf && read(fd, buf, CHUNK) > 0) {}
        free(buf);
    }
    close(fd);
}

/* SQLite's own check of the pages: PRAGMA integrity_check, or quick_check
** (the same without comparing each index with its table: one pass). */
static void check_pages(lt_db *db, const char *pragma, lt_diags *d) {
    read_ahead(db);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, pragma, -1, &st, NULL) != SQLITE_OK) {
        lt_diags_add(d, 0, "", "hỏng cấu trúc: %s", "integrity: %s", sqlite3_errmsg(db->h));
        return;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *r = lite_text(st, 0);
        if (strcmp(r, "ok") != 0) lt_diags_add(d, 0, "", "hỏng cấu trúc: %s", "integrity: %s", r);
    }
    if (rc != SQLITE_DONE) lt_diags_add(d, 0, "", "hỏng cấu trúc: %s", "integrity: %s", sqlite3_errmsg(db->h));
    sqlite3_finalize(st);
}

/* The file's header as SQLite wrote it (the magic string, a page size that
** is a power of two, the fixed payload fractions, a length in whole pages)
** and the schema version and application id lamtheo set (db_open refused
** a file not ours or newer and brought an older one forward). */
static void check_header(lt_db *db, lt_diags *d) {
    const char *path = sqlite3_db_filename(db->h, "main");
    unsigned char h[100];
    FILE *f = path && *path ? fopen(path, "rb") : NULL;
    size_t got = f ? fread(h, 1, sizeof h, f) : 0;
    struct stat sb;
    int sized = f && fstat(fileno(f), &sb) == 0;
    if (f) fclose(f);
    if (got != sizeof h) {
        lt_diags_add(d, 0, "", "không đọc được phần đầu tệp %s", "cannot read the header of %s",
                     path ? path : "?");
        return;
    }
    long page = h[16] << 8 | h[17];
    if (page == 1) page = 65536;
    if (memcmp(h, "SQLite format 3", 16) || page < 512 || (page & (page - 1)) || h[18] < 1 || h[18] > 2
        || h[19] < 1 || h[19] > 2 || h[21] != 64 || h[22] != 32 || h[23] != 32)
        lt_diags_add(d, 0, "", "phần đầu tệp %s hỏng", "the header of %s is damaged", path);
    else if (sized && sb.st_size % page)
        lt_diags_add(d, 0, "", "tệp %s không gồm trọn các trang %ld byte (bị cắt?)",
                     "%s is not made of whole %ld-byte pages (cut short?)", path, page);
    long long v = db_int(db, "PRAGMA user_version", 0, NULL),
              id = db_int(db, "PRAGMA application_id", 0, NULL);
    if (v != LT_SCHEMA_VERSION || id != LT_APPLICATION_ID)
        lt_diags_add(d, 0, "", "phiên bản lược đồ %lld, mã ứng dụng %lld (cần %d, %d)",
                     "schema version %lld, application id %lld (wanted %d, %d)", v, id,
                     LT_SCHEMA_VERSION, LT_APPLICATION_ID);
}

/* lamtheo's rules that one pass over a table, or a join by an index,
** shows: nothing is counted afresh. */
static void check_rules(lt_db *db, lt_diags *d) {
    check_query(db, "SELECT u.code FROM unit u WHERE u.kind NOT IN ('central','province') "
                    "AND u.active_to IS NULL AND NOT EXISTS (SELECT 1 FROM unit_parent p "
                    "WHERE p.unit_id=u.id AND p.valid_to IS NULL) "
                    "AND EXISTS (SELECT 1 FROM unit_parent p WHERE p.unit_id=u.id)",
                "đơn vị đang hoạt động không có cấp trên", "active unit without parent", d);
    check_query(db, "SELECT r.id FROM registration r WHERE r.status IN "
                    "('self_assessed','evaluated') AND r.published_at IS NULL AND "
                    "r.key_cadre <> 0 AND r.status='evaluated'",
                "cán bộ chủ chốt được đánh giá khi chưa công khai",
                "key cadre evaluated before publication", d);
    check_query(db, "SELECT r.id FROM registration r WHERE (r.grade IS NULL) <> "
                    "(r.status <> 'evaluated')",
                "xếp loại không khớp trạng thái", "grade does not match status", d);
    check_query(db, "SELECT login FROM account WHERE (status='pending') <> (code_hash IS NOT NULL AND"
                    " code_expires IS NOT NULL) OR (status='active' AND password_hash='')",
                "tài khoản không khớp trạng thái (mã kích hoạt, mật khẩu)",
                "account does not match its status (activation code, password)", d);
    /* a person's memberships never overlap */
    check_query(db, "SELECT p.code FROM membership a JOIN membership b ON b.person_id=a.person_id"
                    " AND b.valid_from>a.valid_from JOIN person p ON p.id=a.person_id WHERE"
                    " a.valid_to IS NULL OR a.valid_to>=b.valid_from OR a.valid_to<a.valid_from",
                "các lần sinh hoạt của một người chồng lên nhau", "a person's memberships overlap", d);
    /* each person's place in the name search's index follows their name
    ** (text_name_rank: SQLite's function of it, PostgreSQL's PL/pgSQL) */
    check_query(db, db->pg ? "SELECT code FROM person WHERE name_rank IS DISTINCT FROM"
                             " lt_name_rank(name_fold, id) OR name_rank IS NULL"
                           : "SELECT code FROM person WHERE name_rank IS DISTINCT FROM"
                             " name_rank_of(name_fold, id) OR name_rank IS NULL",
                "vị trí trong chỉ mục tìm tên không khớp tên (hoặc số id ngoài 1..2^34)",
                "name rank does not match the name (or the id is outside 1..2^34)", d);
}

/* What needs every row looked up or counted afresh: the foreign keys, the
** tallies kept by triggers, each registration's place, the word indexes. */
static void check_recounts(lt_db *db, lt_diags *d) {
    if (!db->pg) /* (PostgreSQL's foreign keys are never off) */
        check_query(db, "SELECT \"table\" || ' row ' || rowid || ' -> ' || parent "
                        "FROM pragma_foreign_key_check",
                    "khóa ngoại sai", "foreign key", d);
    /* the tallies kept by triggers equal a fresh count: rows kept that a
    ** fresh count lacks, and the other way, a row that differs named once
    ** (each difference its own subquery: "a EXCEPT b UNION ALL b EXCEPT a"
    ** is read from the left, and lost the rows kept that should not be) */
    check_query(db, "SELECT unit_id || '/' || first_year || '-' || last_year FROM (SELECT * FROM"
                    " person_span WHERE people <> 0 OR key_cadres <> 0 EXCEPT " SPAN_FRESH ") AS kept"
                    " UNION SELECT unit_id || '/' || first_year || '-' || last_year FROM (" SPAN_FRESH
                    " EXCEPT SELECT * FROM person_span) AS counted",
                "số người theo đơn vị không khớp", "people tally does not match", d);
    check_query(db, "SELECT year || '/' || unit_id FROM (SELECT * FROM registration_tally" TALLY_NONZERO
                    " EXCEPT " TALLY_FRESH ") AS kept UNION SELECT year || '/' || unit_id FROM ("
                    TALLY_FRESH " EXCEPT SELECT * FROM registration_tally) AS counted",
                "số bản đăng ký theo đơn vị không khớp", "registration tally does not match", d);
    /* each registration counts where its person's membership of its year is */
    check_query(db, "SELECT r.id FROM registration r JOIN registration_place p ON"
                    " p.registration_id=r.id WHERE (r.unit_id, r.required, r.key_cadre) IS DISTINCT"
                    " FROM (p.unit_id, p.required, p.key_cadre)",
                "bản đăng ký không ở đơn vị sinh hoạt của người đăng ký trong năm",
                "registration not placed at its person's membership of the year", d);
    /* the word indexes hold exactly the names (PostgreSQL's GIN indexes
    ** are its own to keep) */
    static const char *const words[] = {"person_name_words", "unit_name_words"};
    for (unsigned i = 0; !db->pg && i < sizeof words / sizeof words[0]; i++) {
        char *sql = sqlite3_mprintf("INSERT INTO \"%w\"(\"%w\", rank) VALUES ('integrity-check', 1)",
                                    words[i], words[i]);
        /* (FTS5 runs it as a write: a read-only file cannot check it, which is
        ** not a mismatch) */
        if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK) {}
        else if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_CORRUPT)
            lt_diags_add(d, 0, "", "chỉ mục tìm tên không khớp: %s", "word index does not match: %s",
                         words[i]);
        else
            lt_diags_add(d, 0, "", "không kiểm tra được chỉ mục tìm tên %s: %s",
                         "cannot check the word index %s: %s", words[i], sqlite3_errmsg(db->h));
        sqlite3_free(sql);
    }
}

/* PostgreSQL's database: its schema's version (its pages and indexes are
** the server's to check: data checksums, amcheck). */
static void check_version_pg(lt_db *db, lt_diags *d) {
    long long v = db_int(db, "SELECT max(version) FROM lamtheo_schema", 0, NULL);
    if (v != LT_SCHEMA_VERSION)
        lt_diags_add(d, 0, "", "phiên bản lược đồ %lld (cần %d)", "schema version %lld (wanted %d)", v,
                     LT_SCHEMA_VERSION);
}

/* The storage beneath: SQLite's file (its header, then its pages by
** pragma), or PostgreSQL's schema version. */
static void check_storage(lt_db *db, const char *pragma, lt_diags *d) {
    if (db->pg) {
        check_version_pg(db, d);
        return;
    }
    check_header(db, d);
    check_pages(db, pragma, d);
}

int db_check_quick(lt_db *db, lt_diags *d, lt_err *e) {
    (void)e;
    check_storage(db, "PRAGMA quick_check", d);
    check_rules(db, d);
    return d->total ? LT_EINPUT : LT_OK;
}

int db_check(lt_db *db, lt_diags *d, lt_err *e) {
    (void)e;
    check_storage(db, "PRAGMA integrity_check", d);
    check_rules(db, d);
    check_recounts(db, d);
    return d->total ? LT_EINPUT : LT_OK;
}

/* Copy every page of db into the new, empty file tmp in one step of
** SQLite's backup: one read transaction, so one snapshot, which writers
** in other processes cannot restart (in the WAL they go on meanwhile).  A
** step of a few pages at a time was restarted from the first page by each
** such write, and under steady writes never ended.  The copy needs no
** journal (on failure the file is thrown away) and no syncs of its own
** (lt_tmp_commit syncs it once).  A lock held by another process (an
** import with the database to itself) is waited for by the source
** connection's busy handler, then the copy fails as busy. */
static int backup_copy(lt_db *db, const char *tmp, lt_err *e) {
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(to, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF", NULL, NULL, NULL);
    sqlite3_backup *bk = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", db->h, "main") : NULL;
    if (bk) {
        rc = sqlite3_backup_step(bk, -1);
        sqlite3_backup_finish(bk);
        if (rc == SQLITE_DONE) rc = SQLITE_OK;
    } else if (rc == SQLITE_OK) {
        rc = sqlite3_errcode(to);
    }
    int busy = rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
    if (busy)
        lt_err_set(e, LT_ECONFLICT, "sao lưu thất bại: cơ sở dữ liệu đang bận (một lệnh nhập lớn?); hãy thử lại",
                   "backup failed: the database is busy (a large import?); try again");
    else if (rc != SQLITE_OK)
        lt_err_set(e, LT_EIO, "sao lưu thất bại: %s", "backup failed: %s",
                   to && sqlite3_errcode(to) ? sqlite3_errmsg(to) : sqlite3_errstr(rc));
    if (sqlite3_close(to) != SQLITE_OK && rc == SQLITE_OK)
        rc = lt_err_set(e, LT_EIO, "sao lưu thất bại: không đóng được %s", "backup failed: cannot close %s", tmp);
    if (rc == SQLITE_OK) return LT_OK;
    return busy ? LT_ECONFLICT : LT_EIO;
}

int db_backup(lt_db *db, const char *path, lt_err *e) {
    struct stat sb;
    if (db->pg)
        return lt_err_set(e, LT_EREFUSED, "trên PostgreSQL hãy sao lưu bằng công cụ của nó (pg_dump, "
                          "pg_basebackup)", "on PostgreSQL, back up with its own tools (pg_dump, "
                          "pg_basebackup)");
    if (!*path) return lt_err_set(e, LT_EUSAGE, "tên tệp rỗng", "empty file name");
    /* (the kernel refuses an existing name again when the copy takes it) */
    if (lstat(path, &sb) == 0)
        return lt_err_set(e, LT_EREFUSED, "tệp %s đã có; không ghi đè",
                          "file %s already exists; not overwriting it", path);
    /* The copy is made under a temporary name beside path and takes path
    ** only once complete and synced, never replacing a file there.  An
    ** interrupted copy (Ctrl-C, kill) is removed; one killed outright
    ** (SIGKILL, a power cut) stays under its temporary name. */
    char tmp[4200];
    int fd = lt_tmp_create(path, 0600, tmp, sizeof tmp, e);
    if (fd < 0) return e ? e->code : LT_EIO;
    close(fd);
    int rc = backup_copy(db, tmp, e);
    if (rc) { lt_tmp_discard(tmp); return rc; }
    return lt_tmp_commit(tmp, path, 0, e);
}
