/*
** checkpointer.c — the server's checkpoints on a thread of their own.
**
** SQLite copies the WAL's pages back into the database (a checkpoint)
** inside the commit that leaves the WAL over 1,000 pages: in the server,
** inside a writer's turn (db.c's write gate), so every other writer waits
** for it, fsync included.  In the registration season (bench/season.sh) a
** checkpoint came every ~100 writes and took ~10 ms: a quarter of the time
** the gate was held.  While this thread runs, the connections opened after
** it starts do not checkpoint: a commit that leaves the WAL over
** CHECKPOINT_FRAMES wakes this thread, which checkpoints PASSIVE on its
** own connection (it waits for no reader and no writer; a writer starts
** the WAL afresh once all of it has been copied and no reader needs it).
*/
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/* Pages a commit leaves in the WAL since its last checkpoint (or since it
** started afresh) that wake the thread: SQLite's automatic checkpoints
** come at 1,000; each of ours ends with an fsync in a writer's turn, so
** they come four times as seldom (a WAL of ~16 MB at most, while no
** reader holds it). */
#define CHECKPOINT_FRAMES 4000

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    pthread_cond_t idle;         /* no checkpoint asked for or under way */
    pthread_t thread;
    sqlite3 *h;                  /* this thread's connection */
    int running;                 /* (atomic: db_open reads it in the workers) */
    int wanted;                  /* a checkpoint asked for (atomic; changed under the lock) */
    int stopping;                /* (the lock) */
    int working;                 /* a checkpoint under way (the lock) */
    int checked;                 /* the WAL's length at the last checkpoint, in pages (atomic) */
} ck = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
        .idle = PTHREAD_COND_INITIALIZER};

/* SQLite's WAL hook, after each commit of a connection adopted below:
** frames is the WAL's length in pages. */
static int on_commit(void *arg, sqlite3 *h, const char *db, int frames) {
    (void)arg; (void)h; (void)db;
    int from = __atomic_load_n(&ck.checked, __ATOMIC_RELAXED);
    if (frames < from) /* the WAL started afresh */
        __atomic_store_n(&ck.checked, from = 0, __ATOMIC_RELAXED);
    if (frames - from < CHECKPOINT_FRAMES || __atomic_load_n(&ck.wanted, __ATOMIC_RELAXED))
        return SQLITE_OK;
    pthread_mutex_lock(&ck.lock);
    __atomic_store_n(&ck.wanted, 1, __ATOMIC_RELAXED);
    pthread_cond_signal(&ck.wake);
    pthread_mutex_unlock(&ck.lock);
    return SQLITE_OK;
}

void db_checkpointer_adopt(sqlite3 *h) {
    if (__atomic_load_n(&ck.running, __ATOMIC_ACQUIRE)) sqlite3_wal_hook(h, on_commit, NULL);
}

/* The WAL's pages copied beside the writers, then what they added
** meanwhile in a writer's turn: a checkpoint that ends with writers still
** adding never reaches the WAL's end, and the WAL is started afresh only
** from its end (without this second step it grew by 25 MB a second in the
** season).  The turn holds the writers back for a few pages and an fsync,
** not a thousand pages. */
static void checkpoint(void) {
    int pages = 0;
    sqlite3_wal_checkpoint_v2(ck.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &pages, NULL);
    lt_err e = {0};
    if (db_turn_take(&e) == LT_OK) { /* (else a writer that long: next time) */
        sqlite3_wal_checkpoint_v2(ck.h, NULL, SQLITE_CHECKPOINT_PASSIVE, &pages, NULL);
        db_turn_give();
    }
    __atomic_store_n(&ck.checked, pages > 0 ? pages : 0, __ATOMIC_RELAXED);
}

static void *checkpointer_main(void *arg) {
    (void)arg;
    pthread_mutex_lock(&ck.lock);
    while (!ck.stopping) {
        if (!__atomic_load_n(&ck.wanted, __ATOMIC_RELAXED)) {
            pthread_cond_broadcast(&ck.idle);
            pthread_cond_wait(&ck.wake, &ck.lock);
            continue;
        }
        __atomic_store_n(&ck.wanted, 0, __ATOMIC_RELAXED);
        ck.working = 1;
        pthread_mutex_unlock(&ck.lock);
        checkpoint();
        pthread_mutex_lock(&ck.lock);
        ck.working = 0;
    }
    pthread_cond_broadcast(&ck.idle);
    pthread_mutex_unlock(&ck.lock);
    return NULL;
}

int db_checkpointer_start(const char *path, lt_err *e) {
    if (ck.running || db_is_postgresql(path)) return LT_OK;   /* (PostgreSQL checkpoints itself) */
    if (sqlite3_open_v2(path, &ck.h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        lt_err_set(e, LT_EDB, "không mở được cơ sở dữ liệu %s: %s", "cannot open the database %s: %s",
                   path, sqlite3_errmsg(ck.h));
        sqlite3_close(ck.h);
        ck.h = NULL;
        return LT_EDB;
    }
    sqlite3_busy_timeout(ck.h, 1000);
    /* a connection finds the WAL at its first read: until then it has none to checkpoint */
    sqlite3_exec(ck.h, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    ck.wanted = ck.stopping = ck.checked = 0; /* (no thread yet; another database's WAL before) */
    if (pthread_create(&ck.thread, NULL, checkpointer_main, NULL)) {
        sqlite3_close(ck.h);
        ck.h = NULL;
        return lt_err_set(e, LT_EIO, "không tạo được luồng chép WAL vào cơ sở dữ liệu",
                          "cannot start the thread that checkpoints the WAL");
    }
    __atomic_store_n(&ck.running, 1, __ATOMIC_RELEASE);
    return LT_OK;
}

void db_checkpointer_settle(void) {
    if (!__atomic_load_n(&ck.running, __ATOMIC_ACQUIRE)) return;
    pthread_mutex_lock(&ck.lock);
    while ((__atomic_load_n(&ck.wanted, __ATOMIC_RELAXED) || ck.working) && !ck.stopping)
        pthread_cond_wait(&ck.idle, &ck.lock);
    pthread_mutex_unlock(&ck.lock);
}

void db_checkpointer_stop(void) {
    if (!ck.running) return;
    pthread_mutex_lock(&ck.lock);
    ck.stopping = 1;
    pthread_cond_signal(&ck.wake);
    pthread_mutex_unlock(&ck.lock);
    pthread_join(ck.thread, NULL);
    sqlite3_close(ck.h);
    ck.h = NULL;
    __atomic_store_n(&ck.running, 0, __ATOMIC_RELEASE);
}
