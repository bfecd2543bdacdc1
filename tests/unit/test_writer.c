/*
** test_writer.c — the one connection the server writes with (db.c,
** db_writer_share): every lt_db's write transaction runs on it and sees
** its own writes; its page cache survives the others' commits (the point
** of it); a transaction without foreign key checks, a rollback and a
** closed lt_db leave it as it was; threads writing at once lose nothing.
*/
#include "unit.h"
#include "fixture.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

#define THREADS 4
#define THREAD_ROWS 400

/* A new database with a table to write (and a parent for a foreign key),
** and its first connection. */
static lt_db *scratch_db(const char *name, char path[64]) {
    lt_db *keeper;
    lt_ctx ctx;
    lt_err e = {0};
    assert_int_equal(fx_db_create(name, path, &keeper, &ctx), 0);
    assert_int_equal(db_exec(keeper, "CREATE TABLE parent(id INTEGER PRIMARY KEY);"
                                     "CREATE TABLE scratch(id INTEGER PRIMARY KEY, x,"
                                     " parent_id REFERENCES parent(id));"
                                     "CREATE INDEX scratch_x ON scratch(x)", &e), LT_OK);
    return keeper;
}

/* scratch_db, and two more connections to it (a and b). */
static lt_db *scratch_pair(const char *name, char path[64], lt_db **a, lt_db **b) {
    lt_db *keeper = scratch_db(name, path);
    lt_err e = {0};
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, a, &e), LT_OK);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, b, &e), LT_OK);
    return keeper;
}

/* Pages db's connection read from the file since the last call. */
static int misses(lt_db *db) {
    int now = 0, high = 0;
    sqlite3_db_status(db_handle(db), SQLITE_DBSTATUS_CACHE_MISS, &now, &high, 1);
    return now;
}

/* One write of a row into scratch by db, in a transaction of its own; the
** pages it read from the file meanwhile. */
static int write_one(lt_db *db, int x) {
    lt_err e = {0};
    assert_int_equal(db_begin(db, &e), LT_OK);
    misses(db);
    db_stmt *st = db_prepare(db, "INSERT INTO scratch(x) VALUES (?)", &e);
    assert_non_null(st);
    db_bind_int(st, 1, x);
    assert_int_equal(db_step_done(db, st, &e), LT_OK);
    assert_int_equal(db_int(db, "SELECT count(*) FROM scratch WHERE x=?", x, &e), 1); /* its own write */
    assert_int_equal(db_int(db, "SELECT x FROM scratch WHERE id=?",
                            sqlite3_last_insert_rowid(db_handle(db)), &e), x);
    int read = misses(db);
    assert_int_equal(db_commit(db, &e), LT_OK);
    return read;
}

/* Two lt_db writing in turn: with the writer shared, the second's
** transaction finds in the cache the pages the first's read (with their
** own connections, each commit of one empties the other's cache). */
static void the_writer_keeps_its_pages_across_lt_dbs(void **state) {
    (void)state;
    char path[64];
    lt_db *a, *b, *keeper = scratch_pair("writer", path, &a, &b);
    lt_err e = {0};
    for (int i = 0; i < 2000; i++) write_one(keeper, i); /* pages enough for a B-tree of depth 2 */
    int alone = 0, shared = 0;
    for (int i = 0; i < 20; i++) alone += write_one(i % 2 ? a : b, 10000 + i);
    assert_int_equal(db_writer_share(path, &e), LT_OK);
    write_one(a, 19999); /* (the writer's first: its cache fills) */
    for (int i = 0; i < 20; i++) shared += write_one(i % 2 ? a : b, 20000 + i);
    assert_true(alone >= 20 * 2);  /* each re-read at least the table's and the index's root */
    assert_true(shared <= 2);
    assert_int_equal(db_int(keeper, "SELECT count(*) FROM scratch", 0, &e), 2041);
    db_writer_close();
    db_close(a);
    db_close(b);
    fx_db_remove(path, keeper);
}

/* A rollback gives the writer back with nothing written; a transaction
** without foreign key checks has them off only until it ends, on the
** connection that wrote; an lt_db closed in a transaction gives it back. */
static void rollbacks_unchecked_and_closed_transactions_give_it_back(void **state) {
    (void)state;
    char path[64];
    lt_db *a, *b, *keeper = scratch_pair("writer2", path, &a, &b);
    lt_err e = {0};
    assert_int_equal(db_writer_share(path, &e), LT_OK);

    assert_int_equal(db_begin(a, &e), LT_OK);
    assert_int_equal(db_exec(a, "INSERT INTO scratch(x) VALUES ('undone')", &e), LT_OK);
    db_rollback(a);
    write_one(b, 1);
    assert_int_equal(db_int(keeper, "SELECT count(*) FROM scratch WHERE x='undone'", 0, &e), 0);

    /* a row whose parent is missing: allowed inside, refused after */
    assert_int_equal(db_begin_unchecked(a, &e), LT_OK);
    assert_int_equal(db_exec(a, "INSERT INTO scratch(x, parent_id) VALUES ('orphan', 7)", &e), LT_OK);
    assert_int_equal(db_exec(a, "INSERT INTO parent VALUES (7)", &e), LT_OK);
    assert_int_equal(db_commit(a, &e), LT_OK);
    for (lt_db *db = a; db; db = db == a ? b : NULL) {
        assert_int_equal(db_begin(db, &e), LT_OK);
        assert_int_not_equal(db_exec(db, "INSERT INTO scratch(x, parent_id) VALUES ('orphan', 8)", &e), LT_OK);
        db_rollback(db);
        assert_int_equal(db_int(db, "PRAGMA foreign_keys", 0, &e), 1); /* its own connection too */
    }

    lt_db *c;
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &c, &e), LT_OK);
    assert_int_equal(db_begin(c, &e), LT_OK);
    assert_int_equal(db_exec(c, "INSERT INTO scratch(x) VALUES ('left open')", &e), LT_OK);
    db_close(c);
    write_one(a, 2);
    assert_int_equal(db_int(keeper, "SELECT count(*) FROM scratch WHERE x='left open'", 0, &e), 0);
    assert_int_equal(db_int(keeper, "SELECT count(*) FROM scratch", 0, &e), 3);
    db_writer_close();
    db_close(a);
    db_close(b);
    fx_db_remove(path, keeper);
}

typedef struct { const char *path; int id, failed; } worker;

static void *worker_run(void *arg) {
    worker *w = arg;
    lt_db *db;
    lt_err e = {0};
    if (db_open(w->path, DB_OPEN_EXISTING, &db, &e)) { w->failed = -1; return NULL; }
    for (int i = 0; i < THREAD_ROWS; i++) {
        int rc = db_begin(db, &e);
        db_stmt *st = rc ? NULL : db_prepare(db, "INSERT INTO scratch(x) VALUES (?)", &e);
        if (st) db_bind_int(st, 1, w->id * 100000 + i);
        if (!st || db_step_done(db, st, &e) ||
            db_int(db, "SELECT x FROM scratch WHERE id=?", sqlite3_last_insert_rowid(db_handle(db)), &e) !=
                w->id * 100000 + i ||
            db_commit(db, &e))
            w->failed++;
        if (db_in_write(db)) db_rollback(db);
    }
    db_close(db);
    return NULL;
}

/* Threads writing at once through the shared writer: every row there. */
static void threads_writing_at_once_lose_nothing(void **state) {
    (void)state;
    char path[64];
    lt_db *keeper = scratch_db("writer3", path);
    lt_err e = {0};
    assert_int_equal(db_writer_share(path, &e), LT_OK);
    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){path, i + 1, 0};
        assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].failed, 0);
    }
    assert_int_equal(db_int(keeper, "SELECT count(DISTINCT x) FROM scratch", 0, &e), THREADS * THREAD_ROWS);
    db_writer_close();
    fx_db_remove(path, keeper);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(the_writer_keeps_its_pages_across_lt_dbs),
    cmocka_unit_test(rollbacks_unchecked_and_closed_transactions_give_it_back),
    cmocka_unit_test(threads_writing_at_once_lose_nothing),
};

UNIT_MAIN(tests)
