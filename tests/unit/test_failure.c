/*
** test_failure.c — the pieces that make a failure visible instead of a
** wrong answer: lt_buf keeps its first failure and gives nothing after it,
** lt_arena keeps a failed allocation, lt_err_default names a bare code,
** diagnostics keep their column, and the store notices when SQLite rolled
** a transaction back by itself (after SQLITE_NOMEM or an I/O error) and
** lets nothing of that action commit; a cache's writer that finds another
** writer gives up at once.  The fault-injection run (make
** torture) fails real allocations; these check each mechanism alone.
*/
#include "unit.h"
#include "fixture.h"

#include <sqlite3.h>
#include <string.h>
#include <time.h>

static void buffer_keeps_its_first_failure(void **state) {
    (void)state;
    lt_buf b;
    lt_buf_init(&b, 8);
    assert_int_equal(lt_buf_puts(&b, "abcd"), LT_OK);
    assert_int_equal(b.err, 0);
    assert_int_equal(lt_buf_puts(&b, "efghij"), LT_ENOMEM);   /* past the bound */
    assert_int_equal(b.err, LT_ENOMEM);
    assert_string_equal(b.p, "abcd");                          /* left as it was */
    assert_int_equal(lt_buf_puts(&b, "x"), LT_OK);             /* a later piece fits... */
    assert_int_equal(b.err, LT_ENOMEM);                        /* ...but the failure stays */
    assert_null(lt_buf_take(&b));                              /* and nothing part-made is given */
    assert_null(b.p);
    lt_buf_init(&b, 8);
    lt_buf_puts(&b, "too long for it");
    lt_buf_reset(&b);                                          /* a fresh start clears it */
    assert_int_equal(b.err, 0);
    assert_int_equal(lt_buf_puts(&b, "ok"), LT_OK);
    char *s = lt_buf_take(&b);
    assert_string_equal(s, "ok");
    free(s);
    lt_buf_init(&b, 0);
    s = lt_buf_take(&b);                                       /* empty: "", not NULL */
    assert_non_null(s);
    assert_string_equal(s, "");
    free(s);
}

static void arena_keeps_a_failed_allocation(void **state) {
    (void)state;
    lt_arena a = {0};
    char *s = lt_arena_strdup(&a, "Chợ Lách");
    char *f = lt_arena_printf(&a, "%s, ngày %02d", s, 5);
    assert_string_equal(f, "Chợ Lách, ngày 05");
    long *big = lt_arena_alloc(&a, 100000 * sizeof *big);      /* its own chunk */
    assert_non_null(big);
    assert_int_equal(big[99999], 0);                           /* zeroed */
    big[99999] = 7;
    char *t = lt_arena_strdup(&a, "sau");                      /* the small chunk goes on */
    assert_string_equal(t, "sau");
    assert_string_equal(s, "Chợ Lách");                        /* nothing moved */
    assert_int_equal(a.failed, 0);
    assert_null(lt_arena_alloc(&a, SIZE_MAX - 8));             /* cannot be had */
    assert_int_equal(a.failed, 1);
    assert_string_equal(lt_arena_strdup(&a, "x"), "x");        /* still usable, still failed */
    assert_int_equal(a.failed, 1);
    lt_arena_free(&a);
    assert_int_equal(a.failed, 0);
    assert_null(a.chunks);
}

static void a_bare_code_gets_a_message(void **state) {
    (void)state;
    lt_err e = {.code = LT_EOOM};
    lt_err_default(&e);
    assert_non_null(strstr(e.vi, "không đủ bộ nhớ"));
    assert_non_null(strstr(e.en, "out of memory"));
    lt_err kept = {0};
    lt_err_set(&kept, LT_EINPUT, "ô A sai", "cell A is wrong");
    lt_err_default(&kept);                                     /* a message is never replaced */
    assert_string_equal(kept.vi, "ô A sai");
}

static void diagnostics_keep_their_column(void **state) {
    (void)state;
    lt_diags d = {0};
    lt_diags_add_at(&d, 3, 17, "byte 0x%02X", "byte 0x%02X", 0xE1);
    lt_diags_add(&d, 4, "ho_ten", "thiếu", "missing");
    assert_int_equal(d.n, 2);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].col, 17);
    assert_string_equal(d.items[0].en, "byte 0xE1");
    assert_int_equal(d.items[1].col, 0);
    assert_string_equal(d.items[1].column, "ho_ten");
    lt_diags_free(&d);
}

/* A row's own problems added to the import's (lt_diags_append): in order,
** with their columns, kept up to LT_DIAG_KEEP and every one counted. */
static void diagnostics_appended_as_if_added(void **state) {
    (void)state;
    lt_diags all = {0}, row = {0};
    lt_diags_add(&all, 2, "ma_nguoi", "trống", "empty");
    lt_diags_add_at(&row, 9, 4, "byte 0x%02X", "byte 0x%02X", 0xC3);
    lt_diags_add(&row, 9, "gioi_tinh", "sai", "wrong");
    lt_diags_append(&all, &row);
    assert_int_equal(all.n, 3);
    assert_int_equal(all.total, 3);
    assert_int_equal(all.items[1].line, 9);
    assert_int_equal(all.items[1].col, 4);
    assert_string_equal(all.items[1].en, "byte 0xC3");
    assert_string_equal(all.items[2].column, "gioi_tinh");
    lt_diags_free(&row);
    for (int i = 0; i < LT_DIAG_KEEP + 5; i++) lt_diags_add(&row, 100 + i, "", "x", "x"); /* keeps 1,000 of them */
    lt_diags_append(&all, &row);
    assert_int_equal(all.n, LT_DIAG_KEEP);
    assert_int_equal(all.total, 3 + LT_DIAG_KEEP + 5);
    lt_diags_free(&row);
    lt_diags_free(&all);
}

static long long people(lt_db *db) {
    return db_int(db, "SELECT count(*) FROM person", 0, NULL);
}

/* SQLite rolled the transaction back by itself (as after SQLITE_NOMEM):
** the statements after it would commit one by one in autocommit mode. */
static void a_transaction_sqlite_rolled_back_commits_nothing(void **state) {
    (void)state;
    char path[64];
    lt_db *db;
    lt_ctx ctx;
    assert_int_equal(fx_db_create("aborted", path, &db, &ctx), 0);
    lt_err e = {0};
    unit_in u = {"HU-A", "Huyện ủy A", "district", NULL, NULL, NULL};
    assert_int_equal(unit_save(&ctx, &u, NULL, NULL, NULL, &e), LT_OK);
    person_in p1 = {"A1", "Nguyễn Văn Một", NULL, NULL, "HU-A", NULL, "party_member", 0, 0, NULL, NULL, NULL};
    person_in p2 = {"A2", "Trần Thị Hai", NULL, NULL, "HU-A", NULL, "party_member", 0, 0, NULL, NULL, NULL};
    long long before = people(db);
    assert_int_equal(db_begin(db, &e), LT_OK);
    assert_int_equal(person_save(&ctx, &p1, NULL, NULL, &e), LT_OK);  /* a savepoint inside */
    sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL);         /* what SQLite may do */
    assert_int_not_equal(person_save(&ctx, &p2, NULL, NULL, &e), LT_OK); /* refused */
    assert_non_null(strstr(e.en, "undone midway"));
    assert_int_not_equal(db_commit(db, &e), LT_OK);                   /* and no commit */
    assert_int_equal(people(db), before);                             /* nothing of it is there */
    /* the connection is whole again for the next action */
    assert_int_equal(person_save(&ctx, &p2, NULL, NULL, &e), LT_OK);
    assert_int_equal(people(db), before + 1);
    fx_db_remove(path, db);
}

/* The same noticed by a rollback rather than a commit: the caller gives up. */
static void a_rolled_back_transaction_ends_cleanly(void **state) {
    (void)state;
    char path[64];
    lt_db *db;
    lt_ctx ctx;
    assert_int_equal(fx_db_create("aborted2", path, &db, &ctx), 0);
    lt_err e = {0};
    assert_int_equal(db_begin(db, &e), LT_OK);
    assert_int_equal(db_begin(db, &e), LT_OK);                         /* a savepoint */
    sqlite3_exec(db_handle(db), "ROLLBACK", NULL, NULL, NULL);
    assert_int_not_equal(db_exec(db, "UPDATE unit SET name=name", &e), LT_OK);
    db_rollback(db);
    db_rollback(db);
    assert_int_equal(db_in_write(db), 0);                              /* nothing left open */
    assert_int_equal(db_begin(db, &e), LT_OK);                         /* and a new one works */
    assert_int_equal(db_commit(db, &e), LT_OK);
    fx_db_remove(path, db);
}

/* Keeping a cache (db_begin_now) never waits for another writer: it is
** refused at once, and works once that writer is done. */
static void a_cache_writer_does_not_wait_for_another(void **state) {
    (void)state;
    char path[64];
    lt_db *db, *other;
    lt_ctx ctx;
    assert_int_equal(fx_db_create("nowait", path, &db, &ctx), 0);
    lt_err e = {0};
    assert_int_equal(db_open(path, DB_OPEN_EXISTING, &other, &e), LT_OK);
    /* another process's writer (past this process's gate) */
    assert_int_equal(sqlite3_exec(db_handle(other), "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    db_set_busy_wait(30000, NULL); /* a waiting begin would wait 30 s */
    time_t t0 = time(NULL);
    assert_int_not_equal(db_begin_now(db, &e), LT_OK);
    assert_int_equal(e.code, LT_EBUSY); /* said as "busy" */
    assert_true(time(NULL) - t0 < 10);
    assert_int_equal(db_in_write(db), 0);
    sqlite3_exec(db_handle(other), "COMMIT", NULL, NULL, NULL);
    assert_int_equal(db_begin_now(db, &e), LT_OK);
    assert_int_equal(db_in_write(db), 1);
    assert_int_equal(db_commit(db, &e), LT_OK);
    /* and a waiting writer after it is not held back (the gate was left) */
    db_set_busy_wait(0, NULL);
    assert_int_equal(db_begin(other, &e), LT_OK);
    assert_int_equal(db_commit(other, &e), LT_OK);
    db_set_busy_wait(DB_BUSY_WAIT_MS, NULL);
    db_close(other);
    fx_db_remove(path, db);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(buffer_keeps_its_first_failure),
    cmocka_unit_test(arena_keeps_a_failed_allocation),
    cmocka_unit_test(a_bare_code_gets_a_message),
    cmocka_unit_test(diagnostics_keep_their_column),
    cmocka_unit_test(diagnostics_appended_as_if_added),
    cmocka_unit_test(a_transaction_sqlite_rolled_back_commits_nothing),
    cmocka_unit_test(a_rolled_back_transaction_ends_cleanly),
    cmocka_unit_test(a_cache_writer_does_not_wait_for_another),
};

UNIT_MAIN(tests)
