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
#include <time.h>
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

/* Writes rows of two pages each through the WAL (a 4 KB blob, its leaf);
** every `pause` rows, waits for the checkpoint asked for, if any.  The
** WAL file's largest length, in MB. */
static long long write_rows(lt_db *w, const char *path, int rows, int pause) {
    lt_err e = {0};
    long long most = 0;
    for (int i = 1; i <= rows; i++) {
        assert_int_equal(db_begin(w, &e), LT_OK);
        assert_int_equal(db_exec(w, "INSERT INTO scratch VALUES (randomblob(4000))", &e), LT_OK);
        assert_int_equal(db_commit(w, &e), LT_OK);
        long long now = wal_bytes(path);
        if (now > most) most = now;
        if (pause && i % pause == 0) db_checkpointer_settle();
    }
    return most >> 20;
}

/* The WAL reaches CHECKPOINT_FRAMES (4,000 pages, 16 MB), the thread
** copies it back, and the writer starts it afresh: however long it
** writes, the WAL holds 16 MB and what was written until the checkpoint
** was over (here the writer waits for it every 500 rows: 1,000 pages). */
static void the_wal_stays_bounded_while_a_writer_writes(void **state) {
    (void)state;
    char path[64];
    lt_db *keeper = scratch_db("ckpt", path), *w;
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(path, &e), LT_OK);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &w, &e), LT_OK); /* one the thread looks after */
    long long most = write_rows(w, path, ROWS, 500); /* ~96 MB without checkpoints */
    assert_true(most >= 16);
    assert_true(most < 22);
    assert_int_equal(db_int(w, "SELECT count(*) FROM scratch", 0, &e), ROWS);
    db_close(w);
    db_checkpointer_stop();
    fx_db_remove(path, keeper);
}

/* The WAL's checkpoint sequence (its header's bytes 12-15, big-endian):
** one more each time a writer starts the WAL afresh. */
static unsigned wal_restarts(const char *path) {
    char wal[80];
    unsigned char h[16] = {0};
    snprintf(wal, sizeof wal, "%s-wal", path);
    FILE *f = fopen(wal, "rb");
    if (f) {
        if (fread(h, 1, sizeof h, f) != sizeof h) memset(h, 0, sizeof h);
        fclose(f);
    }
    return (unsigned)h[12] << 24 | (unsigned)h[13] << 16 | (unsigned)h[14] << 8 | h[15];
}

/* A writer that never stops: each checkpoint copies what it can beside
** it, then the rest in a turn of its own between two of the writer's, so
** the writer starts the WAL afresh while it goes on.  How much it writes
** meanwhile depends on the disk and the machine's load; the test waits
** for three fresh starts (at most a minute: only a WAL that never starts
** afresh takes that long). */
static void a_writer_that_never_stops_lets_the_wal_start_afresh(void **state) {
    (void)state;
    char path[64];
    lt_db *keeper = scratch_db("ckpt3", path), *w;
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(path, &e), LT_OK);
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &w, &e), LT_OK);
    write_rows(w, path, 1, 0);
    unsigned first = wal_restarts(path);
    long long rows = 1;
    time_t until = time(NULL) + 60;
    while (wal_restarts(path) - first < 3 && time(NULL) < until) {
        write_rows(w, path, 100, 0);
        rows += 100;
    }
    assert_true(wal_restarts(path) - first >= 3);
    assert_int_equal(db_int(w, "SELECT count(*) FROM scratch", 0, &e), rows);
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
    cmocka_unit_test(a_writer_that_never_stops_lets_the_wal_start_afresh),
    cmocka_unit_test(it_stops_and_starts_again),
};

UNIT_MAIN(tests)
