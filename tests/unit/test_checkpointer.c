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

/* Each test's database: a table to fill, its first connection (opened
** before the thread starts: SQLite's own checkpoints) and the writer the
** test opens.  The teardown stops the thread and removes the files, the
** test passed or not (a failed one may leave a large WAL). */
typedef struct {
    char path[64];
    lt_db *keeper, *w;
} scratch;

static int scratch_setup(void **state) {
    static scratch sc;
    lt_ctx ctx;
    lt_err e = {0};
    memset(&sc, 0, sizeof sc);
    if (fx_db_create("ckpt", sc.path, &sc.keeper, &ctx)) return -1;
    if (db_exec(sc.keeper, "CREATE TABLE scratch(x)", &e)) return -1;
    *state = &sc;
    return 0;
}

static int scratch_teardown(void **state) {
    scratch *sc = *state;
    db_checkpointer_stop();
    if (sc->w) db_close(sc->w);
    fx_db_remove(sc->path, sc->keeper);
    return 0;
}

/* The thread started, and a connection it looks after (opened after). */
static lt_db *start_writer(scratch *sc) {
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(sc->path, &e), LT_OK);
    assert_int_equal(db_open(sc->path, DB_OPEN_EXISTING, &sc->w, &e), LT_OK);
    return sc->w;
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
    scratch *sc = *state;
    lt_db *w = start_writer(sc);
    lt_err e = {0};
    long long most = write_rows(w, sc->path, ROWS, 500); /* ~96 MB without checkpoints */
    assert_true(most >= 16);
    assert_true(most < 22);
    assert_int_equal(db_int(w, "SELECT count(*) FROM scratch", 0, &e), ROWS);
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
** meanwhile depends on the disk and the machine's load (~1,800 rows a
** start here; a slow disk's fsync lets it write more), so the test waits
** for three starts, up to 40,000 rows: a WAL that never starts afresh
** holds them all (~330 MB). */
static void a_writer_that_never_stops_lets_the_wal_start_afresh(void **state) {
    scratch *sc = *state;
    lt_db *w = start_writer(sc);
    lt_err e = {0};
    write_rows(w, sc->path, 1, 0);
    unsigned first = wal_restarts(sc->path);
    int rows = 1;
    while (wal_restarts(sc->path) - first < 3 && rows < 40000) {
        write_rows(w, sc->path, 100, 0);
        rows += 100;
    }
    assert_true(wal_restarts(sc->path) - first >= 3);
    assert_int_equal(db_int(w, "SELECT count(*) FROM scratch", 0, &e), rows);
}

/* Stopped, it leaves connections opened after to SQLite's own checkpoints,
** and can start again. */
static void it_stops_and_starts_again(void **state) {
    scratch *sc = *state;
    lt_err e = {0};
    assert_int_equal(db_checkpointer_start(sc->path, &e), LT_OK);
    db_checkpointer_stop();
    assert_int_equal(db_open(sc->path, DB_OPEN_EXISTING, &sc->w, &e), LT_OK);
    for (int i = 0; i < 3000; i++)
        assert_int_equal(db_exec(sc->w, "INSERT INTO scratch VALUES (randomblob(4000))", &e), LT_OK);
    assert_true(wal_bytes(sc->path) < 16LL << 20); /* SQLite's checkpoints, at 1,000 pages */
    assert_int_equal(db_checkpointer_start(sc->path, &e), LT_OK);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(the_wal_stays_bounded_while_a_writer_writes, scratch_setup, scratch_teardown),
    cmocka_unit_test_setup_teardown(a_writer_that_never_stops_lets_the_wal_start_afresh, scratch_setup,
                                    scratch_teardown),
    cmocka_unit_test_setup_teardown(it_stops_and_starts_again, scratch_setup, scratch_teardown),
};

UNIT_MAIN(tests)
