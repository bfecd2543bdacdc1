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
    if (pw_hash(hash, password))
        return lt_err_set(e, LT_ENOMEM, "không đủ bộ nhớ để băm mật khẩu",
                          "not enough memory to hash the password");
    char now[21];
    db_now(now);
    if (db_begin(ctx->db, e)) return LT_EDB;
    db_stmt *st = db_prepare(ctx->db, "INSERT INTO account(login, password_hash, role,"
                                           " scope_unit_id, person_id, created_at) VALUES (?,?,?,?,?,?)"
                                           " RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    long long id = 0;
    if (st) {
        db_bind_text(st, 1, login);
        db_bind_text(st, 2, hash);
        db_bind_text(st, 3, role_name(role));
        if (unit_id) db_bind_int(st, 4, unit_id);
        if (person_id) db_bind_int(st, 5, person_id);
        db_bind_text(st, 6, now);
        rc = db_step_id(ctx->db, st, &id, e);
        if (rc == LT_ECONFLICT)
            lt_err_set(e, LT_ECONFLICT, "đã có tài khoản \"%s\"", "account \"%s\" already exists", login);
    }
    /* the audit row leaves the password hash out */
    if (rc == LT_OK)
        rc = db_audit(ctx->db, ctx->actor, "insert", "account", id, NULL, login, e);
    return dom_finish(ctx, rc, e);
}

/* ---- the lifecycle: activation codes, bulk accounts, reset, disable ---- */
/* Codes: 13 letters of an alphabet without look-alikes (no 0 O 1 I L):
** 31^13, 64 bits.  Printed in groups, read back without case, spaces or
** dashes. */
static const char CODE_ALPHABET[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
#define CODE_LEN 13

static void code_new(char out[24]) {
    char raw[CODE_LEN];
    for (int i = 0; i < CODE_LEN; i++)
        raw[i] = CODE_ALPHABET[randombytes_uniform((uint32_t)(sizeof CODE_ALPHABET - 1))];
    snprintf(out, 24, "%.4s-%.4s-%.5s", raw, raw + 4, raw + 8);
}

/* The code as typed, made plain (upper case, without spaces and dashes):
** 0 when it cannot be one of ours. */
static int code_plain(const char *typed, char out[CODE_LEN + 1]) {
    int n = 0;
    for (const char *c = typed; *c; c++) {
        if (*c == ' ' || *c == '-') continue;
        char u = (*c >= 'a' && *c <= 'z') ? (char)(*c - 'a' + 'A') : *c;
        if (n == CODE_LEN || !strchr(CODE_ALPHABET, u) || !u) return 0;
        out[n++] = u;
    }
    out[n] = 0;
    return n == CODE_LEN;
}

/* The installation's key of the codes' hash (made, in the caller's
** transaction, at the first code). */
static int key_read(lt_db *db, unsigned char key[crypto_generichash_KEYBYTES], lt_err *e) {
    db_stmt *st = db_prepare(db, "SELECT value FROM setting WHERE key='activation_key'", e);
    if (!st) return LT_EDB;
    char hex[2 * crypto_generichash_KEYBYTES + 1] = "";
    int row = db_step_row(db, st, e);
    if (row == 1) snprintf(hex, sizeof hex, "%s", db_col_text(st, 0));
    db_reset(st);
    if (row < 0) return LT_EDB;
    size_t got = 0;
    if (*hex && sodium_hex2bin(key, crypto_generichash_KEYBYTES, hex, strlen(hex), NULL, &got, NULL) == 0 &&
        got == crypto_generichash_KEYBYTES)
        return LT_OK;
    return LT_ENOTFOUND;
}

static int activation_key(lt_ctx *ctx, unsigned char key[crypto_generichash_KEYBYTES], lt_err *e) {
    int rc = key_read(ctx->db, key, e);
    if (rc != LT_ENOTFOUND) return rc;
    char hex[2 * crypto_generichash_KEYBYTES + 1];
    db_stmt *st;
    randombytes_buf(key, crypto_generichash_KEYBYTES);
    sodium_bin2hex(hex, sizeof hex, key, crypto_generichash_KEYBYTES);
    if (!(st = db_prepare(ctx->db, "INSERT INTO setting(key, value) VALUES ('activation_key', ?) ON CONFLICT(key)"
                                   " DO UPDATE SET value=excluded.value", e)))
        return LT_EDB;
    db_bind_text(st, 1, hex);
    return db_step_done(ctx->db, st, e);
}

/* The keyed hash of a plain code, in hex. */
static void code_hash(const unsigned char *key, const char *plain, char out[65]);

int account_code_matches(lt_db *db, const char *hash_hex, const char *typed) {
    unsigned char key[crypto_generichash_KEYBYTES];
    char plain[CODE_LEN + 1] = "", got[65];
    int shaped = code_plain(typed, plain), keyed = key_read(db, key, NULL) == LT_OK;
    if (!keyed) randombytes_buf(key, sizeof key);
    code_hash(key, plain, got);
    sodium_memzero(key, sizeof key);
    return shaped && keyed && hash_hex && strlen(hash_hex) == 64 && sodium_memcmp(got, hash_hex, 64) == 0;
}

static void code_hash(const unsigned char *key, const char *plain, char out[65]) {
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)plain, strlen(plain), key,
                       crypto_generichash_KEYBYTES);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* A fresh code for a slip and its hash, with its last day. */
static int code_issue(lt_ctx *ctx, int days, account_slip *slip, char hash[65], lt_err *e) {
    unsigned char key[crypto_generichash_KEYBYTES];
    if (activation_key(ctx, key, e)) return LT_EDB;
    char plain[CODE_LEN + 1];
    code_new(slip->code);
    code_plain(slip->code, plain);
    code_hash(key, plain, hash);
    sodium_memzero(key, sizeof key);
    char today[11];
    lt_today(today);
    db_stmt *st = db_prepare(ctx->db, "SELECT date(?, ?)", e);
    if (!st) return LT_EDB;
    char plus[24];
    snprintf(plus, sizeof plus, "+%d days", days > 0 ? days : ACCOUNT_CODE_DAYS);
    db_bind_text(st, 1, today);
    db_bind_text(st, 2, plus);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(slip->expires, sizeof slip->expires, "%s", db_col_text(st, 0));
    db_reset(st);
    return row == 1 ? LT_OK : lt_err_code(e, LT_EDB);
}

/* A readable login: the folded name's words joined by dots, then the
** person's code ("tran.thanh.an.cl00360"), within 64 characters of
** a-z 0-9 . _ -; `n` > 1 adds "-n" (when the first is taken). */
static void login_of(const char *full_name, const char *code, int n, char out[65]) {
    char tail[40], *fold = text_fold_dup(full_name);
    size_t k = 0;
    for (const char *c = code; *c && k + 1 < sizeof tail; c++) {
        char l = (*c >= 'A' && *c <= 'Z') ? (char)(*c - 'A' + 'a') : *c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-' || l == '_') tail[k++] = l;
    }
    tail[k] = 0;
    if (n > 1) snprintf(tail + k, sizeof tail - k, "-%d", n);
    size_t room = 64 - strlen(tail) - 1, o = 0;
    for (const char *c = fold ? fold : ""; *c && o < room; c++) {
        if (*c >= 'a' && *c <= 'z') out[o++] = *c;
        else if (*c == ' ' && o && out[o - 1] != '.') out[o++] = '.';
    }
    if (o && out[o - 1] != '.') out[o++] = '.';
    snprintf(out + o, 65 - o, "%s", tail);
    free(fold);
}

/* May the actor manage accounts of unit id (0: none)? */
static int may_manage(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (ctx->role == ROLE_ADMIN) return LT_OK;
    if (ctx->role == ROLE_OFFICER && ctx->scope_unit && unit_id && unit_in_subtree(ctx, unit_id, ctx->scope_unit))
        return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "chỉ quản trị viên, hoặc cán bộ của đơn vị cấp trên, được quản lý"
                      " tài khoản này", "only an admin, or an officer above its unit, may manage this account");
}

/* A member without an account: order is their unit's place in the tree,
** sort their name's sort key (sort_len bytes, text.h). */
typedef struct bulk_person {
    long long id;
    long order;
    char *code, *name, *unit_name;
    unsigned char *sort;
    size_t sort_len;
} bulk_person;

static int bulk_person_cmp(const void *a, const void *b) {
    const bulk_person *x = a, *y = b;
    if (x->order != y->order) return x->order < y->order ? -1 : 1;
    int c = memcmp(x->sort, y->sort, x->sort_len < y->sort_len ? x->sort_len : y->sort_len);
    if (!c && x->sort_len != y->sort_len) c = x->sort_len < y->sort_len ? -1 : 1;
    return c ? c : strcmp(x->code, y->code);
}

static void bulk_people_free(bulk_person *p, long n) {
    for (long i = 0; i < n; i++) { free(p[i].code); free(p[i].name); free(p[i].sort); free(p[i].unit_name); }
    free(p);
}

/* A copy of column i's bytes, *len of them (never NULL unless memory ran out). */
static unsigned char *column_bytes(db_stmt *st, int i, size_t *len) {
    const void *b = db_col_blob(st, i);
    *len = (size_t)db_col_bytes(st, i);
    unsigned char *copy = malloc(*len ? *len : 1);
    if (copy && *len) memcpy(copy, b, *len);
    return copy;
}

/* Today's members of the subtree (tree t, from index top) without an
** account, in list order. */
static int bulk_people(lt_ctx *ctx, const unit_tree *t, long top, bulk_person **out, long *n, lt_err *e) {
    *out = NULL;
    *n = 0;
    long *order = malloc((size_t)(t->n ? t->n : 1) * sizeof *order);
    if (!order) return lt_err_oom(e);
    for (long i = 0; i < t->n; i++) order[i] = -1;
    tree_walk w;
    long i, k = 0;
    if (tree_walk_begin(&w, t, top)) { free(order); return lt_err_oom(e); }
    while ((i = tree_walk_next(&w)) >= 0) order[i] = k++;
    tree_walk_end(&w);
    char today[11];
    lt_today(today);
    db_stmt *st = db_prepare(ctx->db, "SELECT p.id, p.code, p.full_name, p.name_sort, m.unit_id FROM"
                                           " membership m JOIN person p ON p.id=m.person_id WHERE "
                                           MEMBER_ON("?1") " AND NOT EXISTS (SELECT 1 FROM account a"
                                           " WHERE a.person_id=p.id)", e);
    if (!st) { free(order); return LT_EDB; }
    db_bind_text(st, 1, today);
    long cap = 0;
    int row, rc = LT_OK;
    while (rc == LT_OK && (row = db_step_row(ctx->db, st, e)) == 1) {
        long at = tree_index(t, db_col_int64(st, 4));
        if (at < 0 || order[at] < 0) continue; /* outside the subtree */
        if (*n == cap) {
            bulk_person *more = realloc(*out, (size_t)(cap = cap ? cap * 2 : 64) * sizeof *more);
            if (!more) { rc = lt_err_oom(e); break; }
            *out = more;
        }
        bulk_person *p = &(*out)[(*n)++];
        *p = (bulk_person){db_col_int64(st, 0), order[at], strdup(db_col_text(st, 1)),
                           strdup(db_col_text(st, 2)), strdup(t->nodes[at].name), NULL, 0};
        p->sort = column_bytes(st, 3, &p->sort_len);
        if (!p->code || !p->name || !p->sort || !p->unit_name) rc = lt_err_oom(e);
    }
    db_reset(st);
    free(order);
    if (rc == LT_OK && row < 0) rc = lt_err_code(e, LT_EDB);
    if (rc) { bulk_people_free(*out, *n); *out = NULL; *n = 0; return rc; }
    if (*n) qsort(*out, (size_t)*n, sizeof **out, bulk_person_cmp);
    return LT_OK;
}

/* A pending member account for person p with a new code; its slip. */
static int bulk_account(lt_ctx *ctx, const bulk_person *p, int days, account_slip *slip, lt_err *e) {
    char hash[65], now[21];
    memset(slip, 0, sizeof *slip);
    snprintf(slip->full_name, sizeof slip->full_name, "%s", p->name);
    snprintf(slip->unit_name, sizeof slip->unit_name, "%s", p->unit_name);
    if (code_issue(ctx, days, slip, hash, e)) return e->code;
    db_now(now);
    db_stmt *st = db_prepare(ctx->db, "INSERT INTO account(login, password_hash, role, person_id,"
                                           " created_at, status, code_hash, code_expires) VALUES"
                                           " (?1, '', 'member', ?2, ?3, 'pending', ?4, ?5) RETURNING id", e);
    if (!st) return LT_EDB;
    int rc = LT_ECONFLICT;
    long long id = 0;
    for (int k = 1; rc == LT_ECONFLICT && k <= 9; k++) { /* a login taken by hand: the next */
        lt_err_clear(e);
        login_of(p->name, p->code, k, slip->login);
        db_bind_text(st, 1, slip->login);
        db_bind_int(st, 2, p->id);
        db_bind_text(st, 3, now);
        db_bind_text(st, 4, hash);
        db_bind_text(st, 5, slip->expires);
        rc = db_step_id(ctx->db, st, &id, e);
    }
    if (rc == LT_OK)
        rc = db_audit(ctx->db, ctx->actor, "activate", "account", id, NULL, slip->login, e);
    return rc;
}

int account_bulk(lt_ctx *ctx, const char *unit_code, int days, account_slip **slips, long *n,
                 lt_err *e) {
    *slips = NULL;
    *n = 0;
    long long root;
    if (unit_find(ctx, unit_code, &root, e)) return e->code;
    if (may_manage(ctx, root, e)) return e->code;
    if (sodium_init() < 0) return lt_err_set(e, LT_ENOMEM, "lỗi khởi tạo", "startup error");
    char today[11];
    lt_today(today);
    unit_tree t;
    if (tree_load_on(ctx, today, atoi(today), &t, e)) return e->code;
    long top = tree_index(&t, root);
    bulk_person *people = NULL;
    long np = 0;
    int rc = top < 0 ? lt_err_set(e, LT_ENOTFOUND, "đơn vị %s không hoạt động hôm nay",
                                  "unit %s is not active today", unit_code)
                     : bulk_people(ctx, &t, top, &people, &np, e);
    tree_free(&t);
    if (rc) return rc;
    account_slip *out = calloc((size_t)(np ? np : 1), sizeof *out);
    if (!out) { bulk_people_free(people, np); return lt_err_oom(e); }
    if (db_begin(ctx->db, e)) { free(out); bulk_people_free(people, np); return LT_EDB; }
    for (long i = 0; rc == LT_OK && i < np; i++) rc = bulk_account(ctx, &people[i], days, &out[i], e);
    bulk_people_free(people, np);
    rc = dom_finish(ctx, rc, e);
    if (rc) { sodium_memzero(out, (size_t)np * sizeof *out); free(out); return rc; }
    *slips = out;
    *n = np;
    return LT_OK;
}

/* Account `login`'s id, person and the unit it belongs to (its scope
** unit, else its person's unit), role; LT_ENOTFOUND when there is none. */
static int account_of(lt_ctx *ctx, const char *login, long long *id, long long *unit, lt_role *role,
                      account_slip *slip, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT a.id, coalesce(a.scope_unit_id, p.unit_id, 0), a.role,"
                                           " coalesce(p.full_name, ''), coalesce(u.name, '') FROM account a"
                                           " LEFT JOIN person p ON p.id=a.person_id LEFT JOIN unit u ON"
                                           " u.id=coalesce(a.scope_unit_id, p.unit_id) WHERE a.login=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, login);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) {
        *id = db_col_int64(st, 0);
        *unit = db_col_int64(st, 1);
        if (role_parse(db_col_text(st, 2), role)) *role = ROLE_MEMBER;
        if (slip) {
            snprintf(slip->full_name, sizeof slip->full_name, "%s", db_col_text(st, 3));
            snprintf(slip->unit_name, sizeof slip->unit_name, "%s", db_col_text(st, 4));
        }
    }
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (row == 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có tài khoản \"%.64s\"", "no account \"%.64s\"", login);
    return LT_OK;
}

/* Account id's status becomes `status` (with a new code hash and its last
** day for a pending one); its password and sessions end. */
static int account_set_state(lt_ctx *ctx, long long id, const char *status, const char *hash,
                             const char *expires, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "UPDATE account SET status=?2, code_hash=?3, code_expires=?4,"
                                           " password_hash='' WHERE id=?1", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, status);
    db_bind_text(st, 3, hash);
    db_bind_text(st, 4, expires);
    int rc = db_step_done(ctx->db, st, e);
    if (rc == LT_OK && (st = db_prepare(ctx->db, "DELETE FROM session WHERE account_id=?", e))) {
        db_bind_int(st, 1, id);
        rc = db_step_done(ctx->db, st, e);
    }
    return rc;
}

/* The account an admin or officer may change: never an admin's unless an
** admin changes it, and within an officer's subtree. */
static int account_managed(lt_ctx *ctx, const char *login, long long *id, account_slip *slip, lt_err *e) {
    long long unit = 0;
    lt_role role;
    if (account_of(ctx, login, id, &unit, &role, slip, e)) return e->code;
    if (role == ROLE_ADMIN && ctx->role != ROLE_ADMIN)
        return lt_err_set(e, LT_EREFUSED, "chỉ quản trị viên được đổi tài khoản quản trị",
                          "only an admin may change an admin's account");
    return may_manage(ctx, unit, e);
}

int account_reset(lt_ctx *ctx, const char *login, int days, account_slip *slip, lt_err *e) {
    memset(slip, 0, sizeof *slip);
    if (sodium_init() < 0) return lt_err_set(e, LT_ENOMEM, "lỗi khởi tạo", "startup error");
    if (db_begin(ctx->db, e)) return LT_EDB;
    long long id = 0;
    char hash[65];
    int rc = account_managed(ctx, login, &id, slip, e);
    if (rc == LT_OK) rc = code_issue(ctx, days, slip, hash, e);
    if (rc == LT_OK) rc = account_set_state(ctx, id, "pending", hash, slip->expires, e);
    if (rc == LT_OK) rc = db_audit(ctx->db, ctx->actor, "reset", "account", id, NULL, login, e);
    snprintf(slip->login, sizeof slip->login, "%s", login);
    rc = dom_finish(ctx, rc, e);
    if (rc) sodium_memzero(slip, sizeof *slip);
    return rc;
}

int account_disable(lt_ctx *ctx, const char *login, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    long long id = 0;
    int rc = account_managed(ctx, login, &id, NULL, e);
    if (rc == LT_OK) rc = account_set_state(ctx, id, "disabled", NULL, NULL, e);
    if (rc == LT_OK) rc = db_audit(ctx->db, ctx->actor, "disable", "account", id, NULL, login, e);
    return dom_finish(ctx, rc, e);
}

/* The account's person (0 when none) and scope unit (0 when none). */
static int account_links(lt_ctx *ctx, long long id, long long *person, long long *scope, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT coalesce(person_id, 0), coalesce(scope_unit_id, 0),"
                                           " coalesce((SELECT unit_id FROM person WHERE id=person_id), 0)"
                                           " FROM account WHERE id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) {
        *person = db_col_int64(st, 0);
        *scope = db_col_int64(st, 1);
        if (!*scope) *scope = db_col_int64(st, 2);
    }
    db_reset(st);
    return row == 1 ? LT_OK : row < 0 ? LT_EDB : lt_err_set(e, LT_ENOTFOUND, "không có tài khoản", "no account");
}

/* What role may the actor give, to an account of person (0: none)? */
static int role_grantable(lt_ctx *ctx, const char *login, lt_role role, long long person, lt_err *e) {
    if (!strcmp(login, ctx->actor))
        return lt_err_set(e, LT_EREFUSED, "không ai tự đổi vai trò của chính mình",
                          "nobody changes their own role");
    if (role == ROLE_ADMIN && ctx->role != ROLE_ADMIN)
        return lt_err_set(e, LT_EREFUSED, "chỉ quản trị viên được cấp vai trò quản trị",
                          "only an admin may make an admin");
    if (role == ROLE_MEMBER && !person)
        return lt_err_set(e, LT_EINPUT, "tài khoản không gắn với đảng viên nào nên không thể là đảng viên",
                          "an account without a person cannot be a member's");
    return LT_OK;
}

int account_set_role(lt_ctx *ctx, const char *login, lt_role role, const char *unit_code, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    long long id = 0, person = 0, scope = 0;
    int rc = account_managed(ctx, login, &id, NULL, e);
    if (rc == LT_OK) rc = account_links(ctx, id, &person, &scope, e);
    if (rc == LT_OK) rc = role_grantable(ctx, login, role, person, e);
    if (rc == LT_OK && unit_code && *unit_code) rc = unit_find(ctx, unit_code, &scope, e);
    int scoped = role == ROLE_OFFICER || role == ROLE_VIEWER;
    if (rc == LT_OK && scoped && !scope)
        rc = lt_err_set(e, LT_EUSAGE, "vai trò %s cần đơn vị", "role %s needs a unit", role_name(role));
    if (rc == LT_OK && scoped) rc = may_manage(ctx, scope, e);
    db_stmt *st = NULL;
    if (rc == LT_OK && !(st = db_prepare(ctx->db, "UPDATE account SET role=?2, scope_unit_id=?3 WHERE id=?1", e)))
        rc = LT_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, role_name(role));
        if (scoped) db_bind_int(st, 3, scope);
        else db_bind_null(st, 3);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = db_audit(ctx->db, ctx->actor, "role", "account", id, NULL, role_name(role), e);
    return dom_finish(ctx, rc, e);
}

int account_set_password(lt_ctx *ctx, const char *current, const char *password,
                         const char *again, lt_err *e) {
    if (strcmp(password, again) != 0)
        return lt_err_set(e, LT_EINPUT, "hai lần nhập mật khẩu mới không khớp",
                          "the two new passwords differ");
    if (account_password_ok(ctx->actor, password, e)) return LT_EINPUT;
    if (sodium_init() < 0) return lt_err_set(e, LT_ENOMEM, "lỗi khởi tạo", "startup error");
    db_stmt *st = db_prepare(ctx->db, "SELECT id, status, password_hash, coalesce(code_hash, '')"
                                           " FROM account WHERE login=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, ctx->actor);
    long long id = 0;
    char status[16] = "", hash[crypto_pwhash_STRBYTES + 1] = "", code[65] = "";
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) {
        id = db_col_int64(st, 0);
        snprintf(status, sizeof status, "%s", db_col_text(st, 1));
        snprintf(hash, sizeof hash, "%s", db_col_text(st, 2));
        snprintf(code, sizeof code, "%s", db_col_text(st, 3));
    }
    db_reset(st);
    if (row != 1) return row < 0 ? LT_EDB : lt_err_set(e, LT_EREFUSED, "không có tài khoản", "no account");
    int pending = !strcmp(status, "pending");
    if (!pending && !pw_verify(hash, current ? current : ""))
        return lt_err_set(e, LT_EREFUSED, "mật khẩu hiện tại không đúng", "the current password is wrong");
    if (*code && account_code_matches(ctx->db, code, password))
        return lt_err_set(e, LT_EINPUT, "mật khẩu mới không được là mã kích hoạt",
                          "the new password must not be the activation code");
    char fresh[crypto_pwhash_STRBYTES];
    if (pw_hash(fresh, password))
        return lt_err_set(e, LT_ENOMEM, "không đủ bộ nhớ để băm mật khẩu", "not enough memory to hash the password");
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = (st = db_prepare(ctx->db, "UPDATE account SET password_hash=?2, status='active', code_hash=NULL,"
                                       " code_expires=NULL WHERE id=?1", e)) ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, id);
        db_bind_text(st, 2, fresh);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) /* (the row after names the login, never a hash) */
        rc = db_audit(ctx->db, ctx->actor, pending ? "activate" : "password", "account", id, NULL, ctx->actor, e);
    rc = dom_finish(ctx, rc, e);
    if (rc == LT_OK) ctx->pending = 0;
    return rc;
}

void account_previous_login(lt_ctx *ctx, char out[20]) {
    out[0] = 0;
    db_stmt *st = db_prepare(ctx->db, "SELECT strftime('%d/%m/%Y %H:%M', at, '+7 hours') FROM audit"
                                           " WHERE entity='account' AND action='login' AND entity_id=(SELECT id"
                                           " FROM account WHERE login=?) ORDER BY id DESC LIMIT 1 OFFSET 1", NULL);
    if (!st) return;
    db_bind_text(st, 1, ctx->actor);
    if (db_step_is_row(st)) snprintf(out, 20, "%s", db_col_text(st, 0));
    db_reset(st);
}
