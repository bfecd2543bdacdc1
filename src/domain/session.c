/*
** session.c — logging in and out: password check (Argon2id via
** libsodium), throttling after repeated failures, sessions whose cookie
** token is random and stored only as its SHA-256, a CSRF token per
** session, expiry, and turning a session into an acting context.
*/
#include "domain_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SESSION_HOURS 8
/* A login is held back after THROTTLE_FAILURES failures for it from any
** address, or THROTTLE_ADDR_FAILURES from one address for any logins, in
** THROTTLE_MINUTES.  The address's bound is higher: a commune hall's
** members log in from one address (one NAT), and their typos must not
** lock each other out; it still stops a spray of guesses over many logins. */
#define THROTTLE_FAILURES 5
#define THROTTLE_ADDR_FAILURES 30
#define THROTTLE_MINUTES 15

/* ISO UTC time `minutes` from now (out holds 21 bytes). */
static void time_from_now(long minutes, char out[21]) {
    time_t t = time(NULL) + minutes * 60;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Hex SHA-256 of a token (out holds 65 bytes). */
static void token_hash(const char *token, char out[65]) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* A fresh random token, URL- and cookie-safe (out holds 44 bytes). */
static void random_token(char out[44]) {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(out, 44, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int session_token_valid(const char *token) {
    size_t n = strlen(token);
    if (n != 43) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = token[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* Whether login is held back: too many failures for it, or from addr, in
** the last THROTTLE_MINUTES. */
static int throttled(lt_db *db, const char *login, const char *addr) {
    char since[21];
    time_from_now(-THROTTLE_MINUTES, since);
    db_stmt *st = db_prepare(db, "SELECT (SELECT count(*) FROM login_failure WHERE login=?2 AND at>=?1),"
                                      " (SELECT count(*) FROM login_failure WHERE addr=?3 AND at>=?1)", NULL);
    if (!st) return 0;
    db_bind_text(st, 1, since);
    db_bind_text(st, 2, login);
    db_bind_text(st, 3, addr);
    int held = db_step_is_row(st) && (db_col_int64(st, 0) >= THROTTLE_FAILURES ||
                                                  db_col_int64(st, 1) >= THROTTLE_ADDR_FAILURES);
    db_reset(st);
    return held;
}

static long long record_failure(lt_db *db, const char *login, const char *addr) {
    char now[21];
    long long id = 0;
    db_now(now);
    db_stmt *st = db_prepare(db, "INSERT INTO login_failure(login, addr, at) VALUES (?,?,?) RETURNING id",
                             NULL);
    if (!st) return 0;
    db_bind_text(st, 1, login);
    db_bind_text(st, 2, addr);
    db_bind_text(st, 3, now);
    db_step_id(db, st, &id, NULL);
    return id;
}

/* A real hash of a random password, verified against when the login does
** not exist, so that the answer takes as long either way. */
static char dummy_hash[crypto_pwhash_STRBYTES];

/* What a login is checked against: the account's id (0 if no such
** login), password hash, status, and for a pending one its code's hash
** and whether the code is still valid today. */
typedef struct login_row {
    long long id;
    char hash[crypto_pwhash_STRBYTES + 1], status[16], code_hash[65];
    int code_valid;
} login_row;

static void login_row_read(lt_db *db, const char *login, login_row *a) {
    memset(a, 0, sizeof *a);
    char today[11];
    lt_today(today);
    /* (someone who has left, past their last day, is as disabled) */
    db_stmt *st = db_prepare(db, "SELECT a.id, a.password_hash, CASE WHEN p.active_to<?2 THEN"
                                      " 'disabled' ELSE a.status END, coalesce(a.code_hash, ''),"
                                      " CASE WHEN a.code_expires >= ?2 THEN 1 ELSE 0 END FROM account a LEFT JOIN person p"
                                      " ON p.id=a.person_id WHERE a.login=?1", NULL);
    if (!st) return;
    db_bind_text(st, 1, login);
    db_bind_text(st, 2, today);
    if (db_step_is_row(st)) {
        a->id = db_col_int64(st, 0);
        snprintf(a->hash, sizeof a->hash, "%s", db_col_text(st, 1));
        snprintf(a->status, sizeof a->status, "%s", db_col_text(st, 2));
        snprintf(a->code_hash, sizeof a->code_hash, "%s", db_col_text(st, 3));
        a->code_valid = db_col_int(st, 4);
    }
    db_reset(st);
}

/* Whether password opens account a: an active one's password (Argon2id),
** a pending one's activation code while it lasts, a disabled one never.
** The Argon2id check runs every time (against a dummy hash when there is
** no password to check), so that the time does not tell which is which. */
static int login_opens(lt_db *db, const login_row *a, const char *password) {
    int active = a->id && !strcmp(a->status, "active") && *a->hash;
    int verified = pw_verify(active ? a->hash : dummy_hash, password);
    if (active) return verified;
    int code = account_code_matches(db, a->code_hash, password);
    return a->id && !strcmp(a->status, "pending") && a->code_valid && code;
}

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void) {
    char pw[44];
    random_token(pw);
    if (pw_hash(dummy_hash, pw))
        dummy_hash[0] = 0; /* out of memory: an unknown login then fails faster */
}

int session_login(lt_db *db, const char *login, const char *password, const char *addr,
                  char token[44], lt_err *e) {
    if (sodium_init() < 0) return lt_err_set(e, LT_ENOMEM, "lỗi khởi tạo", "startup error");
    pthread_once(&dummy_once, dummy_init);
    if (strlen(login) > 64 || strlen(password) > 128)
        return lt_err_set(e, LT_EREFUSED, "sai tên đăng nhập hoặc mật khẩu",
                          "wrong login or password");
    /* every attempt counts as a failure until the password is verified, and
    ** the count and the record are one transaction: parallel guesses cannot
    ** all slip under the limit */
    if (db_begin(db, e)) return LT_EDB;
    if (throttled(db, login, addr)) {
        db_rollback(db);
        return lt_err_set(e, LT_EREFUSED, "đăng nhập sai quá nhiều lần; hãy thử lại sau %d phút",
                          "too many failed logins; try again in %d minutes", THROTTLE_MINUTES);
    }
    long long attempt = record_failure(db, login, addr);
    if (db_commit(db, e)) return LT_EDB;
    login_row a;
    login_row_read(db, login, &a);
    long long id = a.id;
    if (!login_opens(db, &a, password))
        return lt_err_set(e, LT_EREFUSED, "sai tên đăng nhập hoặc mật khẩu",
                          "wrong login or password");
    char th[65], csrf[44], now[21], until[21];
    random_token(token);
    random_token(csrf);
    token_hash(token, th);
    db_now(now);
    time_from_now(SESSION_HOURS * 60, until);
    if (db_begin(db, e)) return LT_EDB;
    db_stmt *st = db_prepare(db, "INSERT INTO session(token_hash, account_id, csrf, created_at,"
                                      " expires_at) VALUES (?,?,?,?,?)", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, th);
        db_bind_int(st, 2, id);
        db_bind_text(st, 3, csrf);
        db_bind_text(st, 4, now);
        db_bind_text(st, 5, until);
        rc = db_step_done(db, st, e);
    }
    if (rc == LT_OK && (st = db_prepare(db, "UPDATE account SET last_login=? WHERE id=?", e))) {
        db_bind_text(st, 1, now);
        db_bind_int(st, 2, id);
        rc = db_step_done(db, st, e);
    }
    if (rc == LT_OK && (st = db_prepare(db, "DELETE FROM login_failure WHERE id=?", e))) {
        db_bind_int(st, 1, attempt);
        rc = db_step_done(db, st, e);
    }
    if (rc == LT_OK && (st = db_prepare(db, "DELETE FROM session WHERE expires_at<?", e))) {
        db_bind_text(st, 1, now);
        rc = db_step_done(db, st, e);
    }
    if (rc == LT_OK) {
        char who[96];
        snprintf(who, sizeof who, "%.64s", login);
        rc = db_audit(db, who, "login", "account", id, NULL, NULL, e);
    }
    if (rc == LT_OK) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

int session_logout(lt_db *db, const char *token, lt_err *e) {
    if (!session_token_valid(token)) return LT_OK;
    char th[65], login[96] = "";
    long long account = 0;
    token_hash(token, th);
    db_stmt *st = db_prepare(db, "SELECT a.id, a.login FROM session s JOIN account a ON a.id=s.account_id"
                                      " WHERE s.token_hash=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, th);
    if (db_step_is_row(st)) {
        account = db_col_int64(st, 0);
        snprintf(login, sizeof login, "%.64s", db_col_text(st, 1));
    }
    db_reset(st);
    if (!account) return LT_OK; /* gone already */
    if (db_begin(db, e)) return LT_EDB;
    int rc = (st = db_prepare(db, "DELETE FROM session WHERE token_hash=?", e)) ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, th);
        rc = db_step_done(db, st, e);
    }
    if (rc == LT_OK) rc = db_audit(db, login, "logout", "account", account, NULL, NULL, e);
    if (rc == LT_OK) return db_commit(db, e);
    db_rollback(db);
    return rc;
}

int session_resume(lt_db *db, const char *token, lt_ctx *ctx, char csrf[44], lt_err *e) {
    memset(ctx, 0, sizeof *ctx);
    ctx->db = db;
    csrf[0] = 0;
    if (!session_token_valid(token))
        return lt_err_set(e, LT_EREFUSED, "phiên đăng nhập không hợp lệ", "invalid session");
    char th[65], now[21];
    token_hash(token, th);
    db_now(now);
    db_stmt *st = db_prepare(db,
        "SELECT a.login, a.role, coalesce(a.scope_unit_id, 0), coalesce(a.person_id, 0), s.csrf,"
        " a.status='pending' FROM session s JOIN account a ON a.id=s.account_id LEFT JOIN person p"
        " ON p.id=a.person_id WHERE s.token_hash=?1 AND s.expires_at>?2 AND a.status<>'disabled'"
        " AND (p.active_to IS NULL OR p.active_to>=substr(?2, 1, 10))", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, th);
    db_bind_text(st, 2, now);
    int row = db_step_row(db, st, e);
    if (row == 1) {
        snprintf(ctx->actor, sizeof ctx->actor, "%s", db_col_text(st, 0));
        role_parse(db_col_text(st, 1), &ctx->role);
        ctx->scope_unit = db_col_int64(st, 2);
        ctx->person_id = db_col_int64(st, 3);
        snprintf(csrf, 44, "%s", db_col_text(st, 4));
        ctx->pending = db_col_int(st, 5);
    }
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (row == 0)
        return lt_err_set(e, LT_EREFUSED, "phiên đăng nhập đã hết hạn; hãy đăng nhập lại",
                          "the session has expired; log in again");
    if (ctx->role == ROLE_ADMIN) ctx->scope_unit = 0;
    return LT_OK;
}

void session_new_token(char out[44]) {
    if (sodium_init() >= 0) random_token(out);
}

int session_token_equal(const char *a, const char *b) {
    size_t n = strlen(a);
    if (n == 0 || n != strlen(b)) return 0;
    return sodium_memcmp(a, b, n) == 0;
}
