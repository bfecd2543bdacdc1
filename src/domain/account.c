/*
** account.c — accounts that may log in: login, Argon2id password hash
** (libsodium), role, scope unit and linked person.
*/
#include "domain_int.h"

#include <sodium.h>
#include <string.h>

int account_password_ok(const char *login, const char *password, lt_err *e) {
    size_t n = strlen(password);
    if (n < 10 || n > 128)
        return lt_err_set(e, LT_EINPUT, "mật khẩu phải dài từ 10 đến 128 ký tự",
                          "the password must be 10 to 128 characters long");
    if (strcmp(login, password) == 0)
        return lt_err_set(e, LT_EINPUT, "mật khẩu không được trùng tên đăng nhập",
                          "the password must differ from the login");
    return LT_OK;
}

/* Check a login name: 3–64 of a-z 0-9 . _ - */
static int login_ok(const char *login, lt_err *e) {
    size_t n = strlen(login);
    int ok = n >= 3 && n <= 64;
    for (size_t i = 0; ok && i < n; i++) {
        char c = login[i];
        ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
    if (ok) return LT_OK;
    return lt_err_set(e, LT_EINPUT, "tên đăng nhập \"%s\" phải có 3–64 ký tự a-z, 0-9, . _ -",
                      "login \"%s\" must be 3–64 characters of a-z, 0-9, . _ -", login);
}

int account_add(lt_ctx *ctx, const char *login, const char *password, lt_role role,
                const char *unit_code, const char *person_code, lt_err *e) {
    long long unit_id = 0, person_id = 0;
    if (ctx->role != ROLE_ADMIN)
        return lt_err_set(e, LT_EREFUSED, "chỉ quản trị viên được tạo tài khoản",
                          "only an admin may create accounts");
    if (login_ok(login, e) || account_password_ok(login, password, e)) return LT_EINPUT;
    if (unit_code && *unit_code && unit_find(ctx, unit_code, &unit_id, e)) return e->code;
    if (person_code && *person_code && person_find(ctx, person_code, &person_id, e)) return e->code;
    if ((role == ROLE_OFFICER || role == ROLE_VIEWER) && !unit_id)
        return lt_err_set(e, LT_EUSAGE, "vai trò %s cần --unit", "role %s needs --unit",
                          role_name(role));
    if (role == ROLE_MEMBER && !person_id)
        return lt_err_set(e, LT_EUSAGE, "vai trò member cần --person", "role member needs --person");
    if (sodium_init() < 0)
        return lt_err_set(e, LT_ENOMEM, "không khởi tạo được libsodium", "libsodium failed to start");
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return lt_err_set(e, LT_ENOMEM, "không đủ bộ nhớ để băm mật khẩu",
                          "not enough memory to hash the password");
    char now[21];
    db_now(now);
    if (db_begin(ctx->db, e)) return LT_EDB;
    sqlite3_stmt *st = db_prepare(ctx->db, "INSERT INTO account(login, password_hash, role,"
                                           " scope_unit_id, person_id, created_at) VALUES (?,?,?,?,?,?)", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, login);
        db_bind_text(st, 2, hash);
        db_bind_text(st, 3, role_name(role));
        if (unit_id) db_bind_int(st, 4, unit_id);
        if (person_id) db_bind_int(st, 5, person_id);
        db_bind_text(st, 6, now);
        rc = db_step_done(ctx->db, st, e);
        if (rc == LT_ECONFLICT)
            lt_err_set(e, LT_ECONFLICT, "đã có tài khoản \"%s\"", "account \"%s\" already exists", login);
    }
    /* the audit row leaves the password hash out */
    if (rc == LT_OK)
        rc = db_audit(ctx->db, ctx->actor, "insert", "account",
                      sqlite3_last_insert_rowid(db_handle(ctx->db)), NULL, login, e);
    return dom_finish(ctx, rc, e);
}
