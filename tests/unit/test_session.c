/*
** test_session.c — logging in, as session_login and session_resume answer
** (not how they are built): a session resumes until it expires and never
** after; the throttle refuses a login after 5 failures in 15 minutes for
** that login from any addresses, or from that address for any logins,
** and not before the fifth.
**
** Every test gets a fresh database with two admin accounts, "an.nguyen"
** and "binh.tran" (admins need no unit); each login verifies an Argon2id
** hash, so the tests keep to a few dozen of them.
*/
#include "unit.h"
#include "fixture.h"
#include "../../src/domain/domain_int.h"

#include <pthread.h>
#include <sodium.h>
#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PW_AN "mat-khau-cua-an-1"
#define PW_BINH "mat-khau-cua-binh-2"
#define WRONG "sai-mat-khau-roi"

typedef struct fx {
    char path[64];
    lt_db *db;
    lt_ctx ctx; /* admin */
} fx;

static int fx_setup(void **state) {
    fx *f = calloc(1, sizeof *f);
    lt_err e = {0};
    if (!f || fx_db_create("session", f->path, &f->db, &f->ctx)) {
        free(f);
        return -1;
    }
    if (account_add(&f->ctx, "an.nguyen", PW_AN, ROLE_ADMIN, NULL, NULL, &e) ||
        account_add(&f->ctx, "binh.tran", PW_BINH, ROLE_ADMIN, NULL, NULL, &e)) {
        fprintf(stderr, "account_add: %s\n", e.en);
        fx_db_remove(f->path, f->db);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int fx_teardown(void **state) {
    fx *f = *state;
    fx_db_remove(f->path, f->db);
    free(f);
    return 0;
}

/* Log in; the status, and the token in tok (44 bytes). */
static int login(fx *f, const char *who, const char *pw, const char *addr, char *tok, lt_err *e) {
    lt_err_clear(e);
    tok[0] = 0;
    return session_login(f->db, who, pw, addr, tok, e);
}

/* Was e the throttle's refusal (not a wrong password)? */
static int throttled(const lt_err *e) {
    return e->code == LT_EREFUSED && strstr(e->en, "too many failed logins") != NULL;
}

static void session_resumes_until_it_expires(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char tok[44], csrf[44];
    lt_ctx c;
    assert_int_equal(login(f, "an.nguyen", PW_AN, "10.0.0.1", tok, &e), LT_OK);
    assert_int_equal(session_resume(f->db, tok, &c, csrf, &e), LT_OK);
    assert_string_equal(c.actor, "an.nguyen");
    assert_int_equal(strlen(csrf), 43);
    /* a minute ago, as the clock says it now */
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db_handle(f->db), "UPDATE session SET expires_at=strftime("
                                  "'%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minute')", NULL, NULL, &err), SQLITE_OK);
    lt_err_clear(&e);
    assert_int_equal(session_resume(f->db, tok, &c, csrf, &e), LT_EREFUSED);
    assert_non_null(strstr(e.en, "expired"));
    assert_string_equal(c.actor, "");
    assert_string_equal(csrf, "");
    /* and a session of the future still resumes: only the expired one goes */
    char tok2[44];
    assert_int_equal(login(f, "binh.tran", PW_BINH, "10.0.0.1", tok2, &e), LT_OK);
    assert_int_equal(session_resume(f->db, tok2, &c, csrf, &e), LT_OK);
    assert_string_equal(c.actor, "binh.tran");
}

static void five_failures_of_a_login_from_five_addresses_refuse_the_sixth(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char tok[44], addr[32];
    for (int i = 1; i <= 5; i++) {
        snprintf(addr, sizeof addr, "10.0.0.%d", i);
        assert_int_equal(login(f, "an.nguyen", WRONG, addr, tok, &e), LT_EREFUSED);
        assert_false(throttled(&e));
    }
    /* the right password, from an address that never failed */
    assert_int_equal(login(f, "an.nguyen", PW_AN, "10.0.0.6", tok, &e), LT_EREFUSED);
    assert_true(throttled(&e));
    assert_string_equal(tok, "");
    /* another login from another address is not held back */
    assert_int_equal(login(f, "binh.tran", PW_BINH, "10.0.0.7", tok, &e), LT_OK);
}

/* Earlier failures from addr, for logins no one has (as if recorded
** minutes ago): n rows, without n Argon2id checks. */
static void earlier_failures(fx *f, const char *addr, int n) {
    char sql[256], *err = NULL;
    for (int i = 0; i < n; i++) {
        snprintf(sql, sizeof sql, "INSERT INTO login_failure(login, addr, at) VALUES ('khach.%d', '%s',"
                 " strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now', '-5 minutes'))", i, addr);
        assert_int_equal(sqlite3_exec(db_handle(f->db), sql, NULL, NULL, &err), SQLITE_OK);
    }
}

/* A commune hall: everyone logs in from one address, and five people's
** typos there do not lock out the sixth. */
static void five_failures_from_an_address_for_five_logins_do_not_lock_out_a_sixth(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char tok[44];
    static const char *const logins[] = {"an.nguyen", "chi.le", "dung.pham", "em.vo", "giang.ho"}; /* some do not exist */
    for (int i = 0; i < 5; i++) {
        assert_int_equal(login(f, logins[i], WRONG, "192.0.2.9", tok, &e), LT_EREFUSED);
        assert_false(throttled(&e));
    }
    assert_int_equal(login(f, "binh.tran", PW_BINH, "192.0.2.9", tok, &e), LT_OK);
    assert_int_equal(strlen(tok), 43);
}

/* A spray of guesses over many logins from one address: the 30th failure
** there holds back every login from it, and no other address. */
static void thirty_failures_from_an_address_for_any_logins_refuse_the_next(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char tok[44];
    earlier_failures(f, "192.0.2.9", 28);
    assert_int_equal(login(f, "chi.le", WRONG, "192.0.2.9", tok, &e), LT_EREFUSED);
    assert_false(throttled(&e)); /* the 29th */
    assert_int_equal(login(f, "an.nguyen", WRONG, "192.0.2.9", tok, &e), LT_EREFUSED);
    assert_false(throttled(&e)); /* the 30th: still checked */
    assert_int_equal(login(f, "binh.tran", PW_BINH, "192.0.2.9", tok, &e), LT_EREFUSED);
    assert_true(throttled(&e));
    assert_string_equal(tok, "");
    /* the same login from elsewhere is fine (binh never failed) */
    assert_int_equal(login(f, "binh.tran", PW_BINH, "192.0.2.10", tok, &e), LT_OK);
}

static void four_failures_are_not_yet_throttled(void **state) {
    fx *f = *state;
    lt_err e = {0};
    char tok[44], csrf[44];
    lt_ctx c;
    for (int i = 0; i < 4; i++) assert_int_equal(login(f, "an.nguyen", WRONG, "10.0.0.1", tok, &e), LT_EREFUSED);
    assert_int_equal(login(f, "an.nguyen", PW_AN, "10.0.0.1", tok, &e), LT_OK);
    assert_int_equal(session_resume(f->db, tok, &c, csrf, &e), LT_OK);
    /* failures older than 15 minutes do not count */
    for (int i = 0; i < 5; i++) assert_int_equal(login(f, "binh.tran", WRONG, "10.0.0.2", tok, &e), LT_EREFUSED);
    char *err = NULL;
    assert_int_equal(sqlite3_exec(db_handle(f->db), "UPDATE login_failure SET at=strftime("
                                  "'%Y-%m-%dT%H:%M:%SZ', 'now', '-16 minutes')", NULL, NULL, &err), SQLITE_OK);
    assert_int_equal(login(f, "binh.tran", PW_BINH, "10.0.0.2", tok, &e), LT_OK);
}

/* Many passwords hashed at once (logins in a season's morning) wait for a
** core instead of all holding Argon2id's 64 MiB at once; each hash is still
** right. */
#define PW_THREADS 6
static void *hash_one(void *arg) {
    char *hash = arg;
    if (pw_hash(hash, PW_AN)) hash[0] = 0;
    return NULL;
}

static void passwords_are_hashed_no_more_at_once_than_there_are_cores(void **state) {
    (void)state;
    assert_true(sodium_init() >= 0);
    static char hashes[PW_THREADS][crypto_pwhash_STRBYTES];
    pthread_t t[PW_THREADS];
    for (int i = 0; i < PW_THREADS; i++) assert_int_equal(pthread_create(&t[i], NULL, hash_one, hashes[i]), 0);
    for (int i = 0; i < PW_THREADS; i++) pthread_join(t[i], NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    assert_true(pw_most_at_once() >= 1);
    assert_true(pw_most_at_once() <= (cpus < 1 ? 1 : cpus));
    for (int i = 0; i < PW_THREADS; i++) {
        assert_true(pw_verify(hashes[i], PW_AN));
        assert_false(pw_verify(hashes[i], WRONG));
    }
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
static const struct CMUnitTest tests[] = {
    T(session_resumes_until_it_expires),
    T(five_failures_of_a_login_from_five_addresses_refuse_the_sixth),
    T(five_failures_from_an_address_for_five_logins_do_not_lock_out_a_sixth),
    T(thirty_failures_from_an_address_for_any_logins_refuse_the_next),
    T(four_failures_are_not_yet_throttled),
    cmocka_unit_test(passwords_are_hashed_no_more_at_once_than_there_are_cores),
};

UNIT_MAIN(tests)
