/*
** fixture.h — the database the domain's unit tests start from: a new
** lamtheo database in a temporary file, opened as the command line's
** administrator, and removed with its WAL files afterwards.
*/
#ifndef LT_UNIT_FIXTURE_H
#define LT_UNIT_FIXTURE_H

#include "../../src/domain/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Create /tmp/lt-test-NAME-XXXXXX (path: 64 bytes), open it into *db and
** ctx; 0, or -1 with the reason on stderr. */
static int fx_db_create(const char *name, char path[64], lt_db **db, lt_ctx *ctx) {
    snprintf(path, 64, "/tmp/lt-test-%.20s-XXXXXX", name);
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    close(fd);
    unlink(path); /* db_open makes it, and refuses a file that is there */
    lt_err e = {0};
    if (db_open(path, DB_OPEN_CREATE, db, &e)) {
        fprintf(stderr, "db_open %s: %s\n", path, e.en);
        return -1;
    }
    sqlite3_exec(db_handle(*db), "PRAGMA synchronous=OFF", NULL, NULL, NULL);
    ctx_init_cli(ctx, *db);
    return 0;
}

/* Close db and remove its file and WAL files; the shared indicator cache
** is emptied first (it names the file). */
static void fx_db_remove(const char *path, lt_db *db) {
    ind_cache_clear();
    db_close(db);
    db_remove_files(path);
}

#endif
