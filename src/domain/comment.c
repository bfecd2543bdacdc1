/*
** comment.c — citizens' comments on a published registration (ý kiến của
** Nhân dân, DESIGN §1 item 11): a visitor's comment is checked (bounded
** fields, a question against robots, at most COMMENT_PER_HOUR an hour
** from one address) and waits; an officer of the person's unit or above
** (or an admin) approves, hides or answers it, audited.  Only approved
** comments are ever read for the public, the person's page and the API.
**
** The question's token is "INDEX.HOUR.MAC": the question's index, the
** hour it was asked, and a keyed hash of both with a key made at start
** (stateless; a form is good for a day, or until the server restarts).
** The sender's address is stored only as a keyed hash with the key kept in
** setting 'comment_key' (enough to count an address's comments, and an
** address cannot be read back from it).
*/
#include "domain_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- the question against robots -------------------------------------- */
static const struct { const char *vi, *en, *answer; } questions[] = {
    {"Hai cộng ba bằng mấy?", "Two plus three is?", "5"},
    {"Bảy trừ bốn bằng mấy?", "Seven minus four is?", "3"},
    {"Một tuần có mấy ngày?", "How many days has a week?", "7"},
    {"Bốn cộng bốn bằng mấy?", "Four plus four is?", "8"},
    {"Mười trừ sáu bằng mấy?", "Ten minus six is?", "4"},
    {"Một năm có mấy tháng?", "How many months has a year?", "12"},
    {"Ba nhân hai bằng mấy?", "Three times two is?", "6"},
    {"Chín trừ một bằng mấy?", "Nine minus one is?", "8"},
};
#define QUESTION_HOURS 24 /* how long a form's question stays good */

static unsigned char question_key[crypto_generichash_KEYBYTES];
static pthread_once_t question_once = PTHREAD_ONCE_INIT;

static void question_key_make(void) {
    if (sodium_init() < 0) abort(); /* libsodium cannot start: nothing is safe */
    randombytes_buf(question_key, sizeof question_key);
}

/* The token of question i asked at hour h. */
static void question_token(unsigned i, long h, char out[COMMENT_TOKEN]) {
    char plain[48];
    unsigned char mac[16];
    char hex[33];
    pthread_once(&question_once, question_key_make);
    snprintf(plain, sizeof plain, "%u.%ld", i, h);
    crypto_generichash(mac, sizeof mac, (const unsigned char *)plain, strlen(plain), question_key,
                       sizeof question_key);
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    snprintf(out, COMMENT_TOKEN, "%s.%s", plain, hex);
}

void comment_question(char token[COMMENT_TOKEN], const char **vi, const char **en) {
    pthread_once(&question_once, question_key_make);
    unsigned i = randombytes_uniform((uint32_t)LT_ARRAY_LEN(questions));
    question_token(i, (long)(time(NULL) / 3600), token);
    *vi = questions[i].vi;
    *en = questions[i].en;
}

/* The index of token's question, or -1 for a token we did not make lately. */
static int question_index(const char *token) {
    unsigned i;
    long h, now = (long)(time(NULL) / 3600);
    char again[COMMENT_TOKEN];
    if (!token || strlen(token) >= COMMENT_TOKEN || sscanf(token, "%u.%ld.", &i, &h) != 2 ||
        i >= LT_ARRAY_LEN(questions) || h > now || now - h > QUESTION_HOURS)
        return -1;
    question_token(i, h, again);
    return strlen(again) == strlen(token) && sodium_memcmp(again, token, strlen(token)) == 0 ? (int)i : -1;
}

int comment_question_of(const char *token, const char **vi, const char **en) {
    int i = question_index(token);
    if (i < 0) return 0;
    *vi = questions[i].vi;
    *en = questions[i].en;
    return 1;
}

/* ---- checking what a visitor sent --------------------------------------- */
/* s: one line (or text) of at most max characters, named field. */
static int check_chars(const char *s, const char *field, size_t max, int required, int multiline,
                       lt_err *e) {
    int rc = multiline ? dom_check_text(s, field, max * 4, required, e)
                       : dom_check_line(s, field, max * 4, required, e);
    if (rc) return rc;
    size_t chars = 0;
    for (const char *p = s ? s : ""; *p; p++) chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars > max)
        return lt_err_set(e, LT_EINPUT, "%s: dài quá %zu ký tự (có %zu)", "%s: longer than %zu characters (%zu)",
                          field, max, chars);
    return LT_OK;
}

/* Is the answer (digits, spaces around) the question's? */
static int answer_right(int i, const char *answer) {
    char a[16];
    while (*answer == ' ') answer++;
    size_t n = strcspn(answer, " ");
    if (n == 0 || n >= sizeof a || answer[n + strspn(answer + n, " ")]) return 0;
    memcpy(a, answer, n);
    a[n] = 0;
    return !strcmp(a, questions[i].answer);
}

int comment_check(const comment_in *c, lt_err *e) {
    if (check_chars(c->name, "ten", COMMENT_NAME_CHARS, 1, 0, e) ||
        check_chars(c->place, "noi_o", COMMENT_PLACE_CHARS, 0, 0, e) ||
        check_chars(c->body, "y_kien", COMMENT_BODY_CHARS, 1, 1, e))
        return e->code;
    int i = question_index(c->token);
    if (i < 0)
        return lt_err_set(e, LT_EINPUT, "tra_loi_cau_hoi: câu hỏi đã cũ; hãy trả lời câu hỏi mới",
                          "tra_loi_cau_hoi: the question is stale; answer the new one");
    if (!c->answer || !answer_right(i, c->answer))
        return lt_err_set(e, LT_EINPUT, "tra_loi_cau_hoi: câu trả lời chưa đúng; hãy ghi kết quả bằng số",
                          "tra_loi_cau_hoi: the answer is not right; write the number in digits");
    return LT_OK;
}

/* ---- writing ------------------------------------------------------------ */
/* The keyed hash of a sender's address (hex), the key made at the first
** comment in the caller's transaction. */
static int sender_hash(lt_ctx *ctx, const char *addr, char out[33], lt_err *e) {
    unsigned char key[crypto_generichash_KEYBYTES], h[16];
    char hex[2 * sizeof key + 1] = "";
    size_t got = 0;
    db_stmt *st = db_prepare(ctx->db, "SELECT value FROM setting WHERE key='comment_key'", e);
    if (!st) return LT_EDB;
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) snprintf(hex, sizeof hex, "%s", db_col_text(st, 0));
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (!*hex || sodium_hex2bin(key, sizeof key, hex, strlen(hex), NULL, &got, NULL) || got != sizeof key) {
        randombytes_buf(key, sizeof key);
        sodium_bin2hex(hex, sizeof hex, key, sizeof key);
        if (!(st = db_prepare(ctx->db, "INSERT INTO setting(key, value) VALUES ('comment_key', ?) ON CONFLICT(key)"
                                       " DO UPDATE SET value=excluded.value", e)))
            return LT_EDB;
        db_bind_text(st, 1, hex);
        if (db_step_done(ctx->db, st, e)) return LT_EDB;
    }
    crypto_generichash(h, sizeof h, (const unsigned char *)addr, strlen(addr), key, sizeof key);
    sodium_memzero(key, sizeof key);
    sodium_bin2hex(out, 33, h, sizeof h);
    return LT_OK;
}

/* One integer from sql with its parameters bound from fmt as rows_run's. */
static int count_of(lt_ctx *ctx, long long *n, lt_err *e, const char *sql, const char *a, const char *b) {
    db_stmt *st = db_prepare(ctx->db, sql, e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, a);
    if (b) db_bind_text(st, 2, b);
    int row = db_step_row(ctx->db, st, e);
    *n = row == 1 ? db_col_int64(st, 0) : 0;
    db_reset(st);
    return row < 0 ? LT_EDB : LT_OK;
}

/* Is registration reg_id published?  LT_ENOTFOUND otherwise (a draft is
** not said to exist). */
static int reg_published(lt_ctx *ctx, long long reg_id, lt_err *e) {
    char id[24];
    long long n;
    snprintf(id, sizeof id, "%lld", reg_id);
    if (count_of(ctx, &n, e, "SELECT count(*) FROM registration WHERE id=CAST(?1 AS INTEGER) AND"
                 " published_at IS NOT NULL", id, NULL))
        return LT_EDB;
    return n ? LT_OK : lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký công khai số %lld",
                                  "no published registration number %lld", reg_id);
}

int comment_add(lt_ctx *ctx, long long reg_id, const comment_in *c, const char *addr, long long *id,
                lt_err *e) {
    char now[21], sender[33];
    long long sent;
    db_now(now);
    if (comment_check(c, e) || reg_published(ctx, reg_id, e) || sender_hash(ctx, addr ? addr : "", sender, e))
        return e->code;
    if (count_of(ctx, &sent, e, "SELECT count(*) FROM comment WHERE sender=?1 AND"
                 " created_at>strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-1 hour')", sender, now))
        return LT_EDB;
    if (sent >= COMMENT_PER_HOUR)
        return lt_err_set(e, LT_EINPUT, "y_kien: từ địa chỉ này đã có %d ý kiến trong một giờ qua; hãy gửi lại sau",
                          "y_kien: this address sent %d comments in the last hour; send again later",
                          COMMENT_PER_HOUR);
    db_stmt *st = db_prepare(ctx->db, "INSERT INTO comment(registration_id, author, place, body,"
                             " created_at, sender) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, reg_id);
    db_bind_text(st, 2, c->name);
    db_bind_text(st, 3, c->place ? c->place : "");
    db_bind_text(st, 4, c->body);
    db_bind_text(st, 5, now);
    db_bind_text(st, 6, sender);
    if (db_step_id(ctx->db, st, id, e)) return LT_EDB;
    return dom_audit(ctx, "insert", "comment", *id, NULL, e);
}

/* What moderation needs to know of comment id: its registration's unit
** and person, and its status. */
typedef struct comment_info { long long unit_id, person_id; char status[12]; } comment_info;

/* Load comment id and check that the actor may moderate it: an officer of
** the person's unit or above, or an admin, never about themselves. */
static int may_moderate(lt_ctx *ctx, long long id, comment_info *c, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT r.unit_id, r.person_id, c.status FROM comment c JOIN"
                             " registration r ON r.id=c.registration_id WHERE c.id=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, id);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) {
        c->unit_id = db_col_int64(st, 0);
        c->person_id = db_col_int64(st, 1);
        snprintf(c->status, sizeof c->status, "%s", db_col_text(st, 2));
    }
    db_reset(st);
    if (row < 0) return LT_EDB;
    if (row == 0) return lt_err_set(e, LT_ENOTFOUND, "không có ý kiến số %lld", "no comment number %lld", id);
    if (ctx->role != ROLE_ADMIN && ctx->role != ROLE_OFFICER)
        return lt_err_set(e, LT_EREFUSED, "chỉ cấp ủy được xem xét ý kiến", "only officers moderate comments");
    if (ctx->person_id && ctx->person_id == c->person_id)
        return lt_err_set(e, LT_EREFUSED, "không ai được xem xét ý kiến về chính mình",
                          "nobody moderates comments about themselves");
    return dom_can_write_unit(ctx, c->unit_id, e);
}

/* Set comment id's status (with who and when) and, when answer is not
** NULL, its answer; audited as action. */
static int comment_change(lt_ctx *ctx, long long id, const char *status, const char *answer, const char *action,
                          lt_err *e) {
    comment_info c;
    char now[21], *before = NULL;
    if (ctx->now[0]) memcpy(now, ctx->now, sizeof now);
    else db_now(now);
    if (may_moderate(ctx, id, &c, e) || dom_snapshot(ctx, "comment", id, &before, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db, answer ?
        "UPDATE comment SET answer=?2, answered_by=?3, answered_at=?4 WHERE id=?1" :
        "UPDATE comment SET status=?2, decided_by=?3, decided_at=?4 WHERE id=?1", e);
    if (!st) { free(before); return LT_EDB; }
    db_bind_int(st, 1, id);
    db_bind_text(st, 2, answer ? answer : status);
    db_bind_text(st, 3, ctx->actor);
    db_bind_text(st, 4, now);
    if (db_step_done(ctx->db, st, e)) { free(before); return LT_EDB; }
    return dom_audit(ctx, action, "comment", id, before, e);
}

int comment_approve(lt_ctx *ctx, long long id, lt_err *e) {
    return comment_change(ctx, id, "approved", NULL, "approve", e);
}

int comment_hide(lt_ctx *ctx, long long id, lt_err *e) {
    return comment_change(ctx, id, "hidden", NULL, "hide", e);
}

int comment_answer(lt_ctx *ctx, long long id, const char *answer, lt_err *e) {
    if (check_chars(answer, "tra_loi", COMMENT_BODY_CHARS, 1, 1, e)) return e->code;
    return comment_change(ctx, id, NULL, answer, "answer", e);
}

/* ---- reading ------------------------------------------------------------ */
#define COMMENT_PUBLIC_COLS                                                                     \
    "c.id, c.author, c.place, c.body, strftime('%d/%m/%Y', c.created_at) AS created_at,"          \
    " coalesce(c.answer, '') AS answer, coalesce(strftime('%d/%m/%Y', c.answered_at), '') AS answered_at"

int q_comments_public(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT " COMMENT_PUBLIC_COLS " FROM comment c JOIN registration r ON"
                    " r.id=c.registration_id WHERE c.registration_id=? AND c.status='approved' AND"
                    " r.published_at IS NOT NULL ORDER BY c.id", "I", reg_id);
}

int q_comments_of_person(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT r.year, " COMMENT_PUBLIC_COLS " FROM comment c JOIN registration r"
                    " ON r.id=c.registration_id WHERE r.person_id=? AND c.status='approved' AND"
                    " r.published_at IS NOT NULL ORDER BY r.year DESC, c.id", "I", person_id);
}

/* Rows of sql (one %s: the WITH of the actor's scope, whose units are
** scoped(id), or "" when they see all; another %s: the condition on
** r.unit_id) with a text parameter ?3 (may be NULL). */
static int scoped_rows(lt_ctx *ctx, const char *fmt, const char *p3, dom_rows *out, lt_err *e) {
    char cte[2048], sql[4096], today[11];
    int all = scope_sees_all(ctx);
    if (!all && ctx->role == ROLE_MEMBER) return rows_run(ctx, out, e, "SELECT 1 WHERE FALSE", "");
    if (!all && scope_units_sql(cte, sizeof cte, "u.id IN (SELECT r.unit_id FROM registration r JOIN"
                                " comment c ON c.registration_id=r.id)"))
        return lt_err_set(e, LT_EDB, "lỗi nội bộ", "scope SQL too long");
    snprintf(sql, sizeof sql, fmt, all ? "" : cte, all ? "TRUE" : "r.unit_id IN (SELECT id FROM scoped)");
    lt_today(today);
    return rows_run(ctx, out, e, sql, "Iss", all ? 0LL : ctx->scope_unit, today, p3);
}

int q_comments_moderate(lt_ctx *ctx, const char *status, dom_rows *out, lt_err *e) {
    return scoped_rows(ctx, "%sSELECT c.id, c.registration_id, r.year, p.code AS person_code, p.full_name,"
        " u.code AS unit_code, u.name AS unit_name, c.author, c.place, c.body, strftime('%%d/%%m/%%Y %%H:%%M',"
        " c.created_at) AS created_at, c.status, coalesce(c.answer, '') AS answer FROM comment c JOIN"
        " registration r ON r.id=c.registration_id JOIN person p ON p.id=r.person_id JOIN unit u ON"
        " u.id=r.unit_id WHERE %s AND c.status=?3"
        " ORDER BY u.name COLLATE vi, u.code, c.id LIMIT 500", status, out, e);
}

static int comment_count_rows(lt_ctx *ctx, long long root, int year, int kind, int limit, dom_rows *out,
                              lt_err *e) {
    (void)root, (void)year, (void)kind, (void)limit;
    return scoped_rows(ctx, "%sSELECT u.code AS unit_code, u.name AS unit_name,"
        " count(*) FILTER (WHERE c.status='waiting') AS waiting, count(*) FILTER (WHERE"
        " c.status='approved') AS approved FROM comment c JOIN registration r ON r.id=c.registration_id"
        " JOIN unit u ON u.id=r.unit_id WHERE %s AND CAST(?3 AS TEXT) IS NULL GROUP BY u.id, u.code,"
        " u.name ORDER BY u.name COLLATE vi, u.code", NULL, out, e);
}

int q_comment_counts(lt_ctx *ctx, dom_rows *out, lt_err *e) {
    if (ctx->role == ROLE_MEMBER) return comment_count_rows(ctx, 0, 0, 0, 0, out, e);
    /* every page's menu and every dashboard count them: kept for the part
    ** seen (the whole, or the subtree of scope_unit) while nothing changes */
    return memo_rows(ctx, scope_sees_all(ctx) ? 0 : ctx->scope_unit, 0, MEMO_COMMENT_COUNTS, 0,
                     comment_count_rows, out, e);
}

long comment_waiting_count(lt_ctx *ctx) {
    dom_rows rows;
    lt_err e = {0};
    long n = 0;
    if (q_comment_counts(ctx, &rows, &e)) return 0;
    for (long i = 0; i < rows.n; i++) n += (long)rows_int(&rows, i, "waiting");
    rows_free(&rows);
    return n;
}
