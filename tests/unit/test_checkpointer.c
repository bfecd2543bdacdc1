/*
** test_checkpointer.c — the server's checkpoints on their own thread
** (src/store/checkpointer.c): while it runs, the connections opened after
** its start leave the WAL to it, and it copies the WAL back and lets the
** writers start it afresh, so the WAL stays within its bound however long
** they write; every row written is there.
*/
#include "unit.h"
#include "fixture.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROWS 12000           /* two pages each through the WAL: ~96 MB */

static long long wal_bytes(const char *path) {
    char wal[80];
    struct stat st;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return stat(wal, &st) == 0 ? (long long)st.st_size : 0;
}

/* A new database with a table to fill, and its first connection (opened
** before the thread starts: SQLite's own checkpoints). */
static lt_db *scratch_db(const char *name, char path[64]) {
    lt_db *keeper;
    lt_ctx ctx;
    lt_err e = {0};
    assert_int_equal(fx_db_create(name, path, &keeper, &ctx), 0);
    assert_int_equal(db_exec(keeper, "CREATE TABLE scratch(x)", &e), LT_OK);
    return keeper;
}

static void the_wal_stays_bounded_while_a_writer_writes(void **state) {
    (void)state;
    char path[64];
    lt_db *keeper = scratch_db("ckpt", path), *w;
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(path, &e), LT_OK);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &w, &e), LT_OK); /* one the thread looks after */
    long long most = 0;
    for (int i = 0; i < ROWS; i++) {
        assert_int_equal(db_begin(w, &e), LT_OK);
        assert_int_equal(db_exec(w, "INSERT INTO scratch VALUES (randomblob(4000))", &e), LT_OK);
        assert_int_equal(db_commit(w, &e), LT_OK);
        long long now = wal_bytes(path);
        if (now > most) most = now;
    }
    /* without checkpoints the WAL would hold every page written (~96 MB);
    ** with them, about CHECKPOINT_FRAMES (4,000 pages, 16 MB) and what was
    ** written while one ran (~27 MB on 2 cores) */
    assert_true(most > 0);
    assert_true(most < 56LL << 20);
    assert_int_equal(db_int(w, "SELECT count(*) FROM scratch", 0, &e), ROWS);
    db_close(w);
    db_checkpointer_stop();
    fx_db_remove(path, keeper);
}

/* Stopped, it leaves connections opened after to SQLite's own checkpoints,
** and can start again. */
static void it_stops_and_starts_again(void **state) {
    (void)state;
    char path[64];
    lt_db *keeper = scratch_db("ckpt2", path), *w;
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(path, &e), LT_OK);
    db_checkpointer_stop();
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &w, &e), LT_OK);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(db_exec(w, "INSERT INTO scratch VALUES (randomblob(4000))", &e), LT_OK);
    assert_true(wal_bytes(path) < 16LL << 20); /* SQLite's checkpoints, at 1,000 pages */
    db_close(w);
    assert_int_equal(db_checkpointer_start(path, &e), LT_OK);
    db_checkpointer_stop();
    fx_db_remove(path, keeper);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(the_wal_stays_bounded_while_a_writer_writes),
    cmocka_unit_test(it_stops_and_starts_again),
};

UNIT_MAIN(tests)
