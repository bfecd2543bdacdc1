/*
** pg.c — the PostgreSQL engine beneath the store's statements (pg.h), on
** libpq: connections, statements prepared once under a name of their own
** (PQprepare) and executed with their parameters as text (PQexecPrepared),
** and their rows read as SQLite's would be.
**
** The store's SQL is SQLite's: its "?NNN" parameters are rewritten to
** "$NNN" once, at prepare, by a small lexer that knows PostgreSQL's
** strings, quoted names and comments.  A statement's whole result arrives
** at its first step, so db.c can run other statements on the connection
** while it reads one's rows, as it does on SQLite.
*/
#include "pg.h"
#include "store.h"

#include <libpq-fe.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The types whose values pg_col_type and pg_col_int64 tell apart (their
** numbers are fixed in PostgreSQL's catalog; its header is the server's,
** not libpq's). */
enum {
    OID_BOOL = 16, OID_BYTEA = 17, OID_INT8 = 20, OID_INT2 = 21, OID_INT4 = 23, OID_TEXT = 25,
    OID_OID = 26, OID_FLOAT4 = 700, OID_FLOAT8 = 701, OID_NUMERIC = 1700
};

/* SQLite's largest parameter number (SQLITE_MAX_VARIABLE_NUMBER). */
#define PG_MAX_PARAM 32766

/* A parameter's format when its last bind failed (never sent: the next
** step fails instead of sending what was bound before). */
enum { BAD_OOM = -1, BAD_LONG = -2 };

struct pg_conn {
    PGconn *h;
    pg_stmt *stmts;          /* prepared on it, freed with it */
    unsigned long named;     /* statements named so far (the next one's name) */
    long long changes;       /* pg_changes */
    unsigned long session;   /* how many times it was made again (pg_revive) */
    char state[6];           /* the last failure's SQLSTATE; "" after a success */
    char *error;             /* the last error message (given), NULL if none */
    char version[64];
};

/* A column's bytes for the current row, decoded from bytea's hex once. */
typedef struct pg_bytes { char *p; int n; int have; } pg_bytes;

enum { ST_READY, ST_ROWS, ST_OVER };   /* before the first step; reading rows; done or failed */

struct pg_stmt {
    pg_conn *c;
    pg_stmt *prev, *next;
    char name[24];
    char *sql;               /* as sent to PostgreSQL, to prepare again in a new session */
    Oid *types;              /* its parameters' types (0: the server's choice) */
    unsigned long session;   /* the connection's session it is prepared in */
    int nparams;
    const char **val;        /* what libpq sends: NULL for SQL NULL */
    int *len, *fmt;          /* a blob's length and format 1; text's 0; BAD_* */
    char **copy;             /* a text pg_bind_text copied (given) */
    char (*num)[24];         /* an integer's decimal */
    int nbad;                /* parameters whose format is BAD_* */
    int state;
    PGresult *res;           /* the last execution's rows, until reset */
    int row;                 /* the current row of res */
    PGresult *desc;          /* the columns' names, kept until finalize */
    pg_bytes *bytes;         /* per column of res, for the current row */
};

/* ---- errors ---------------------------------------------------------------- */

/* dst: src with every run of white space one space, none at either end. */
static void squeeze(char *dst, size_t size, const char *src) {
    size_t n = 0;
    for (; *src && n + 1 < size; src++) {
        int space = *src == ' ' || *src == '\n' || *src == '\t' || *src == '\r';
        if (!space) dst[n++] = *src;
        else if (n && dst[n - 1] != ' ') dst[n++] = ' ';
    }
    while (n && dst[n - 1] == ' ') n--;
    dst[n] = 0;
}

/* Keep a failure's SQLSTATE (NULL: none, as libpq's own) and message. */
static void remember(pg_conn *c, const char *state, const char *msg) {
    snprintf(c->state, sizeof c->state, "%s", state ? state : "");
    free(c->error);
    size_t n = strlen(msg) + 1;
    if ((c->error = malloc(n))) squeeze(c->error, n, msg);
}

/* A success: no failure now, and the rows it changed if it was a write
** (SQLite counts only INSERT, UPDATE and DELETE; RETURNING's too). */
static void succeeded(pg_conn *c, const PGresult *r) {
    static const char *const writes[] = {"INSERT ", "UPDATE ", "DELETE ", "MERGE "};
    c->state[0] = 0;
    const char *status = PQcmdStatus((PGresult *)r);
    for (size_t i = 0; status && i < sizeof writes / sizeof *writes; i++)
        if (!strncmp(status, writes[i], strlen(writes[i])))
            c->changes = strtoll(PQcmdTuples((PGresult *)r), NULL, 10);
}

/* Whether a SQLSTATE says "another transaction was in the way; try again":
** a serialisation failure, a deadlock, a lock not granted in time. */
static int is_busy(const char *state) {
    return !strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03");
}

/* Fill e from a failed execution (r: its result, NULL when libpq gave
** none) and keep it on c; returns e's code. */
static int fail(pg_conn *c, const PGresult *r, lt_err *e) {
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : "";
    if (!msg[0]) msg = PQerrorMessage(c->h);
    /* the primary message alone: the details repeat the row's values */
    remember(c, state, primary ? primary : msg);
    const char *why = c->error ? c->error : "?";
    if (PQstatus(c->h) != CONNECTION_OK)
        return lt_err_set(e, LT_EDB, "mất kết nối tới PostgreSQL (%s); hãy thử lại khi máy chủ chạy lại",
                          "the connection to PostgreSQL was lost (%s); try again once the server is back",
                          why);
    /* libpq's own allocation failed: no result, or its fixed one with no SQLSTATE */
    if (!r || (!state && !strncmp(msg, "out of memory", 13)) || (state && !strcmp(state, "53200")))
        return lt_err_oom(e);
    if (state && is_busy(state))
        return lt_err_set(e, LT_EBUSY, "cơ sở dữ liệu đang bận (một thao tác khác ghi cùng dữ liệu); hãy thử "
                          "lại", "the database is busy (another action writes the same data); try again");
    return lt_err_set(e, LT_EDB, "lỗi cơ sở dữ liệu: %s", "database error: %s", why);
}

/* ---- connections ----------------------------------------------------------- */

/* Whether the n bytes at p (none when n is 0) are in reason. */
static int holds(const char *reason, const char *p, size_t n) {
    return n && memmem(reason, strlen(reason), p, n);
}

/* Whether libpq's reason repeats the address or a password in it: as
** libpq read it, and as written (the userinfo's "user:password@", every
** "password=" of the query or of a "key=value" address). */
static int tells_secret(const char *address, const char *reason) {
    int told = holds(reason, address, strlen(address));
    char *err = NULL;
    PQconninfoOption *o = PQconninfoParse(address, &err);
    for (PQconninfoOption *k = o; k && k->keyword; k++)
        if (k->val && !strcmp(k->keyword, "password")) told |= holds(reason, k->val, strlen(k->val));
    PQconninfoFree(o);
    PQfreemem(err);
    const char *auth = strstr(address, "://");
    if (auth) {
        /* libpq's rule: "user:password@" ends at the first '@' before a '/' */
        auth += 3;
        size_t end = strcspn(auth, "@/");
        const char *colon = auth[end] == '@' ? memchr(auth, ':', end) : NULL;
        if (colon) told |= holds(reason, colon + 1, (size_t)(auth + end - colon - 1));
    }
    for (const char *p = strcasestr(address, "password="); p; p = strcasestr(p + 1, "password=")) {
        const char *v = p + 9;
        v += *v == '\'';
        size_t n = strcspn(v, "& \t\r\n'");
        told |= holds(reason, v, n);
    }
    return told;
}

/* The message of a failed connection: libpq's reason when it tells no secret. */
static int connect_fail(const char *address, const char *reason, lt_err *e) {
    char why[400];
    squeeze(why, sizeof why, reason ? reason : "");
    if (!why[0] || tells_secret(address, why))
        return lt_err_set(e, LT_EDB, "không kết nối được tới PostgreSQL: hãy kiểm tra địa chỉ cơ sở dữ "
                          "liệu (--db, LAMTHEO_DB) và máy chủ", "cannot connect to PostgreSQL: check the "
                          "database's address (--db, LAMTHEO_DB) and the server");
    return lt_err_set(e, LT_EDB, "không kết nối được tới PostgreSQL: %s", "cannot connect to PostgreSQL: %s",
                      why);
}

/* The server's notices: a WARNING goes to the log; NOTICE and below (the
** "does not exist, skipping" of IF EXISTS) are nobody's business. */
static void on_notice(void *arg, const PGresult *r) {
    (void)arg;
    const char *severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (severity && !strcmp(severity, "WARNING"))
        fprintf(stderr, "lamtheo: postgresql: %s", PQresultErrorMessage(r));
}

/* "PostgreSQL 15.10" from PQserverVersion's 150010 (9.6.24 was 90624). */
static void version_name(pg_conn *c) {
    int v = PQserverVersion(c->h);
    if (v >= 100000) snprintf(c->version, sizeof c->version, "PostgreSQL %d.%d", v / 10000, v % 10000);
    else snprintf(c->version, sizeof c->version, "PostgreSQL %d.%d.%d", v / 10000, v / 100 % 100, v % 100);
}

int pg_connect(const char *address, pg_conn **out, lt_err *e) {
    *out = NULL;
    if (!address) return connect_fail("", "", e);
    pg_conn *c = calloc(1, sizeof *c);
    if (!c) return lt_err_oom(e);
    /* the address's own application_name wins; UTF-8 always (keys later in the list win) */
    const char *keys[] = {"application_name", "dbname", "client_encoding", NULL};
    const char *vals[] = {"lamtheo", address, "UTF8", NULL};
    c->h = PQconnectdbParams(keys, vals, 1);
    if (!c->h) { free(c); return lt_err_oom(e); }
    if (PQstatus(c->h) != CONNECTION_OK) {
        int rc = connect_fail(address, PQerrorMessage(c->h), e);
        pg_disconnect(c);
        return rc;
    }
    PQsetNoticeReceiver(c->h, on_notice, NULL);
    version_name(c);
    /* the lexer below reads '...' as the standard does: a backslash is a character */
    const char *scs = PQparameterStatus(c->h, "standard_conforming_strings");
    int rc = scs && !strcmp(scs, "on") ? LT_OK : pg_exec(c, "SET standard_conforming_strings = on", e);
    if (rc) { pg_disconnect(c); return rc; }
    *out = c;
    return LT_OK;
}

static void stmt_free(pg_stmt *s);

int pg_revive(pg_conn *c, lt_err *e) {
    if (PQstatus(c->h) == CONNECTION_OK) return LT_OK;
    PQreset(c->h);
    if (PQstatus(c->h) != CONNECTION_OK) {
        remember(c, NULL, PQerrorMessage(c->h));
        return lt_err_set(e, LT_EDB, "mất kết nối tới PostgreSQL và chưa kết nối lại được; hãy thử lại khi máy chủ"
                          " chạy lại", "the connection to PostgreSQL was lost and could not be made again; try"
                          " again once the server is back");
    }
    c->session++;
    c->state[0] = 0;
    version_name(c);
    const char *scs = PQparameterStatus(c->h, "standard_conforming_strings");
    return scs && !strcmp(scs, "on") ? LT_OK : pg_exec(c, "SET standard_conforming_strings = on", e);
}

void pg_disconnect(pg_conn *c) {
    if (!c) return;
    while (c->stmts) {
        pg_stmt *s = c->stmts;
        c->stmts = s->next;
        stmt_free(s);
    }
    PQfinish(c->h);
    free(c->error);
    free(c);
}

/* End a COPY that pg_exec's SQL started (PQexec stops there): it has no
** rows to give nor take.  Its failure is the answer. */
static int copy_refuse(pg_conn *c, ExecStatusType st, lt_err *e) {
    if (st == PGRES_COPY_IN) PQputCopyEnd(c->h, "lamtheo: no COPY here");
    char *line;
    if (st == PGRES_COPY_OUT)
        while (PQgetCopyData(c->h, &line, 0) > 0) PQfreemem(line);
    for (PGresult *r; (r = PQgetResult(c->h)); PQclear(r)) {}
    remember(c, NULL, "COPY is not supported by pg_exec");
    return lt_err_set(e, LT_EDB, "lỗi nội bộ: COPY không dùng được ở đây", "internal error: no COPY here");
}

int pg_exec(pg_conn *c, const char *sql, lt_err *e) {
    PGresult *r = PQexec(c->h, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = LT_OK;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) succeeded(c, r);
    else if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COPY_BOTH) rc = copy_refuse(c, st, e);
    else rc = fail(c, r, e);
    PQclear(r);
    return rc;
}

/* ---- COPY ... FROM STDIN (lamtheo migrate) --------------------------------- */

int pg_copy_begin(pg_conn *c, const char *sql, lt_err *e) {
    PGresult *r = PQexec(c->h, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int rc = st == PGRES_COPY_IN ? LT_OK : st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK
                 ? lt_err_set(e, LT_EDB, "lỗi nội bộ: câu lệnh không phải COPY ... FROM STDIN",
                              "internal error: not a COPY ... FROM STDIN")
                 : fail(c, r, e);
    PQclear(r);
    return rc;
}

/* libpq refused to send COPY's data or its end (a connection gone, mostly). */
static int copy_unsent(pg_conn *c, lt_err *e) {
    if (PQstatus(c->h) != CONNECTION_OK) return fail(c, NULL, e);
    remember(c, NULL, PQerrorMessage(c->h));
    return lt_err_set(e, LT_EDB, "lỗi cơ sở dữ liệu: %s", "database error: %s", c->error ? c->error : "?");
}

int pg_copy_put(pg_conn *c, const char *p, size_t n, lt_err *e) {
    while (n > 0) { /* (libpq takes an int's worth at a time) */
        int part = n > (1u << 30) ? 1 << 30 : (int)n;
        if (PQputCopyData(c->h, p, part) != 1) return copy_unsent(c, e);
        p += part;
        n -= (size_t)part;
    }
    return LT_OK;
}

int pg_copy_end(pg_conn *c, const char *abandon, long long *rows, lt_err *e) {
    int rc = PQputCopyEnd(c->h, abandon) == 1 ? LT_OK : copy_unsent(c, e);
    for (PGresult *r; (r = PQgetResult(c->h)); PQclear(r)) {
        if (rc != LT_OK || abandon) continue; /* (an abandoned COPY's failure is ours) */
        if (PQresultStatus(r) != PGRES_COMMAND_OK) rc = fail(c, r, e);
        else {
            c->state[0] = 0;
            if (rows) *rows = strtoll(PQcmdTuples(r), NULL, 10);
        }
    }
    if (rc == LT_OK && abandon) {
        remember(c, NULL, abandon);
        rc = lt_err_set(e, LT_EDB, "đã bỏ dở việc chép: %s", "the copy was abandoned: %s", abandon);
    }
    return rc;
}

int pg_in_transaction(pg_conn *c) {
    PGTransactionStatusType t = PQtransactionStatus(c->h);
    return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

long long pg_changes(pg_conn *c) { return c->changes; }
int pg_failed_constraint(pg_conn *c) { return c->state[0] == '2' && c->state[1] == '3'; }
const char *pg_last_error(pg_conn *c) { return c->error ? c->error : ""; }
const char *pg_server_version(pg_conn *c) { return c->version; }

/* lastval() fails ("not yet defined in this session") when no nextval has
** run yet, and a failure would abort the caller's transaction: the DO
** block catches that one failure (in a subtransaction of its own). */
long long pg_last_id(pg_conn *c) {
    static const char sql[] =
        "DO $lt$BEGIN PERFORM pg_catalog.set_config('lamtheo.lastval', pg_catalog.lastval()::text, false);"
        " EXCEPTION WHEN object_not_in_prerequisite_state THEN"
        " PERFORM pg_catalog.set_config('lamtheo.lastval', '0', false); END$lt$;"
        " SELECT pg_catalog.current_setting('lamtheo.lastval')";
    if (PQtransactionStatus(c->h) != PQTRANS_IDLE && PQtransactionStatus(c->h) != PQTRANS_INTRANS) return 0;
    PGresult *r = PQexec(c->h, sql);
    long long id = 0;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) == 1)
        id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return id;
}

/* ---- SQLite's parameters in PostgreSQL's words ------------------------------ */

/* Whether byte ch may go on a name (PostgreSQL's rule: letters, digits,
** _, $ and every byte of a character beyond ASCII). */
static int name_char(unsigned char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
           ch == '$' || ch >= 0x80;
}

/* The end of the quoted text opening at sql[i] (the quote q), a doubled
** quote inside it, or a backslash's next byte in an E'...' string, kept;
** the end of sql when it never closes (the server will say so). */
static size_t skip_quoted(const char *sql, size_t i, char q, int backslash) {
    size_t j = i + 1;
    for (; sql[j]; j++) {
        if (backslash && sql[j] == '\\' && sql[j + 1]) j++;
        else if (sql[j] == q && sql[j + 1] == q) j++;
        else if (sql[j] == q) return j + 1;
    }
    return j;
}

/* The end of the block comment opening at sql[i]: they nest in PostgreSQL. */
static size_t skip_block_comment(const char *sql, size_t i) {
    size_t j = i + 2;
    for (int depth = 1; sql[j] && depth; ) {
        if (sql[j] == '/' && sql[j + 1] == '*') { depth++; j += 2; }
        else if (sql[j] == '*' && sql[j + 1] == '/') { depth--; j += 2; }
        else j++;
    }
    return j;
}

/* The end of the $tag$...$tag$ string opening at sql[i], or i when the
** '$' opens none ("$1", a name's '$'). */
static size_t skip_dollar(const char *sql, size_t i) {
    size_t j = i + 1;
    if (i && name_char((unsigned char)sql[i - 1])) return i;
    if (sql[j] >= '0' && sql[j] <= '9') return i;
    while (sql[j] != '$' && sql[j] && name_char((unsigned char)sql[j])) j++;
    if (sql[j] != '$') return i;
    const char *close = memmem(sql + j + 1, strlen(sql + j + 1), sql + i, j + 1 - i);
    return close ? (size_t)(close - sql) + (j + 1 - i) : i + strlen(sql + i);
}

/* Where the string, quoted name or comment opening at sql[i] ends; i when
** none opens there. */
static size_t skip(const char *sql, size_t i) {
    switch (sql[i]) {
    case '\'': {
        /* E'...' (not a name's last letter): backslashes escape */
        int e = i && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
        return skip_quoted(sql, i, '\'', e && (i < 2 || !name_char((unsigned char)sql[i - 2])));
    }
    case '"': return skip_quoted(sql, i, '"', 0);
    case '-': return sql[i + 1] == '-' ? i + 2 + strcspn(sql + i + 2, "\n") : i;
    case '/': return sql[i + 1] == '*' ? skip_block_comment(sql, i) : i;
    case '$': return skip_dollar(sql, i);
    default: return i;
    }
}

/* The number of the parameter "?" or "?NNN" at sql[*at] (*at moved past
** it): NNN, or the largest so far and one for a bare "?" (SQLite's rule). */
static int param_number(const char *sql, size_t *at, int *max, int *n, lt_err *e) {
    size_t j = *at + 1;
    long v = *max + 1L;
    if (sql[j] >= '0' && sql[j] <= '9')
        for (v = 0; sql[j] >= '0' && sql[j] <= '9'; j++)
            if (v <= PG_MAX_PARAM) v = v * 10 + (sql[j] - '0');
    if (v < 1 || v > PG_MAX_PARAM)
        return lt_err_set(e, LT_EDB, "lỗi nội bộ: tham số ?%.*s ngoài khoảng ?1..?%d của câu lệnh",
                          "internal error: parameter ?%.*s is outside ?1..?%d", (int)(j - *at - 1),
                          sql + *at + 1, PG_MAX_PARAM);
    *n = (int)v;
    if (*n > *max) *max = *n;
    *at = j;
    return LT_OK;
}

/* The end of SQLite's "INDEXED BY name " at sql[i], a hint PostgreSQL's
** planner does without (it chooses its own indexes); i when none is there. */
static size_t skip_hint(const char *sql, size_t i) {
    static const char hint[] = "INDEXED BY ";
    if ((i && name_char((unsigned char)sql[i - 1])) || strncmp(sql + i, hint, sizeof hint - 1)) return i;
    size_t j = i + sizeof hint - 1;
    while (name_char((unsigned char)sql[j])) j++;
    return sql[j] == ' ' ? j + 1 : j;
}

/* sql with its parameters as PostgreSQL's into out, and without SQLite's
** INDEXED BY; seen marks each number used. */
static int rewrite(const char *sql, lt_buf *out, unsigned char *seen, int *max, lt_err *e) {
    size_t i = 0, from = 0;   /* sql[from..i) is not copied yet */
    while (sql[i]) {
        size_t end = skip(sql, i);
        if (end != i) { i = end; continue; }
        if ((end = skip_hint(sql, i)) != i) {
            lt_buf_append(out, sql + from, i - from);
            i = from = end;
            continue;
        }
        if (sql[i] != '?') { i++; continue; }
        lt_buf_append(out, sql + from, i - from);
        int n = 0;
        if (param_number(sql, &i, max, &n, e)) return LT_EDB;
        seen[n / 8] |= (unsigned char)(1u << (n % 8));
        lt_buf_printf(out, "$%d", n);
        from = i;
    }
    lt_buf_append(out, sql + from, i - from);
    return out->err ? lt_err_oom(e) : LT_OK;
}

/* ---- statements ------------------------------------------------------------ */

/* A statement of n parameters, all NULL, named for c; NULL when memory ran out. */
static pg_stmt *stmt_new(pg_conn *c, int n) {
    pg_stmt *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->c = c;
    s->nparams = n;
    snprintf(s->name, sizeof s->name, "lt%lu", ++c->named);
    size_t k = n ? (size_t)n : 1;
    s->val = calloc(k, sizeof *s->val);
    s->len = calloc(k, sizeof *s->len);
    s->fmt = calloc(k, sizeof *s->fmt);
    s->copy = calloc(k, sizeof *s->copy);
    s->num = calloc(k, sizeof *s->num);
    if (!s->val || !s->len || !s->fmt || !s->copy || !s->num) { stmt_free(s); return NULL; }
    return s;
}

/* The decoded bytes of the current row, forgotten. */
static void bytes_forget(pg_stmt *s) {
    if (!s->bytes) return;
    for (int i = 0; s->res && i < PQnfields(s->res); i++) free(s->bytes[i].p);
    free(s->bytes);
    s->bytes = NULL;
}

static void stmt_free(pg_stmt *s) {
    bytes_forget(s);
    for (int i = 0; s->copy && i < s->nparams; i++) free(s->copy[i]);
    free(s->val);
    free(s->len);
    free(s->fmt);
    free(s->copy);
    free(s->num);
    PQclear(s->res);
    PQclear(s->desc);
    free(s->sql);
    free(s->types);
    free(s);
}

/* The types the server is told: left for it to infer (0), but text for a
** number the SQL never uses ("?1, ?3"), which it could not infer. */
static Oid *param_types(const unsigned char *seen, int max) {
    Oid *t = calloc(max ? (size_t)max : 1, sizeof *t);
    for (int n = 1; t && n <= max; n++)
        if (!(seen[n / 8] & (1u << (n % 8)))) t[n - 1] = OID_TEXT;
    return t;
}

/* Prepare the rewritten sql as s on the server. */
static int stmt_prepare(pg_stmt *s, const char *sql, const unsigned char *seen, lt_err *e) {
    if (!(s->types = param_types(seen, s->nparams)) || !(s->sql = strdup(sql))) return lt_err_oom(e);
    PGresult *r = PQprepare(s->c->h, s->name, sql, s->nparams, s->types);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? LT_OK : fail(s->c, r, e);
    if (rc == LT_OK) s->c->state[0] = 0;
    s->session = s->c->session;
    PQclear(r);
    return rc;
}

/* s prepared again when its connection was made again since (pg_revive):
** a new session knows none of the old one's statements. */
static int stmt_in_session(pg_stmt *s, lt_err *e) {
    if (s->session == s->c->session) return LT_OK;
    PGresult *r = PQprepare(s->c->h, s->name, s->sql, s->nparams, s->types);
    int rc = PQresultStatus(r) == PGRES_COMMAND_OK ? LT_OK : fail(s->c, r, e);
    if (rc == LT_OK) s->session = s->c->session;
    PQclear(r);
    return rc;
}

pg_stmt *pg_prepare(pg_conn *c, const char *sql, lt_err *e) {
    unsigned char seen[PG_MAX_PARAM / 8 + 1] = {0};
    int max = 0;
    lt_buf out;
    lt_buf_init(&out, 0);
    pg_stmt *s = NULL;
    if (rewrite(sql, &out, seen, &max, e) == LT_OK) {
        if (!(s = stmt_new(c, max))) lt_err_oom(e);
        else if (stmt_prepare(s, out.p ? out.p : "", seen, e)) { stmt_free(s); s = NULL; }
    }
    lt_buf_free(&out);
    if (!s) return NULL;
    s->next = c->stmts;
    if (c->stmts) c->stmts->prev = s;
    c->stmts = s;
    return s;
}

/* The server's statement goes too (unless the transaction has failed: it
** would refuse; the statement then lasts as long as the connection). */
void pg_finalize(pg_stmt *s) {
    if (!s) return;
    pg_conn *c = s->c;
    PGTransactionStatusType t = PQtransactionStatus(c->h);
    /* (one of a session before pg_revive is not in this one: nothing to free there) */
    if ((t == PQTRANS_IDLE || t == PQTRANS_INTRANS) && s->session == c->session) {
        char sql[48];
        snprintf(sql, sizeof sql, "DEALLOCATE %s", s->name);
        PQclear(PQexec(c->h, sql));
    }
    if (s->prev) s->prev->next = s->next;
    else c->stmts = s->next;
    if (s->next) s->next->prev = s->prev;
    stmt_free(s);
}

int pg_param_count(pg_stmt *s) { return s->nparams; }

/* Parameter i (from 1) becomes val (NULL: SQL NULL), len bytes in format
** fmt, holding copy (given, or NULL); an index out of range is ignored. */
static void param_set(pg_stmt *s, int i, const char *val, int len, int fmt, char *copy) {
    if (i < 1 || i > s->nparams) { free(copy); return; }
    int k = i - 1;
    free(s->copy[k]);
    s->nbad -= s->fmt[k] < 0;
    s->nbad += fmt < 0;
    s->copy[k] = copy;
    s->val[k] = fmt < 0 ? NULL : val;
    s->len[k] = len;
    s->fmt[k] = fmt;
}

void pg_bind_text(pg_stmt *s, int i, const char *v) {
    char *copy = v ? strdup(v) : NULL;
    param_set(s, i, copy, 0, v && !copy ? BAD_OOM : 0, copy);
}

void pg_bind_text_lent(pg_stmt *s, int i, const char *v) { param_set(s, i, v, 0, 0, NULL); }
void pg_bind_null(pg_stmt *s, int i) { param_set(s, i, NULL, 0, 0, NULL); }

void pg_bind_int(pg_stmt *s, int i, long long v) {
    if (i < 1 || i > s->nparams) return;
    snprintf(s->num[i - 1], sizeof s->num[i - 1], "%lld", v);
    param_set(s, i, s->num[i - 1], 0, 0, NULL);
}

/* A NULL p binds SQL NULL, as SQLite's does; libpq's lengths are ints. */
void pg_bind_blob_lent(pg_stmt *s, int i, const void *p, size_t n) {
    if (!p) param_set(s, i, NULL, 0, 0, NULL);
    else if (n > INT_MAX) param_set(s, i, NULL, 0, BAD_LONG, NULL);
    else param_set(s, i, p, (int)n, 1, NULL);
}

void pg_clear_bindings(pg_stmt *s) {
    for (int i = 1; i <= s->nparams; i++) param_set(s, i, NULL, 0, 0, NULL);
}

/* The step that a failed bind fails. */
static int bind_fail(pg_stmt *s, lt_err *e) {
    int oom = 0;
    for (int k = 0; k < s->nparams; k++) oom |= s->fmt[k] == BAD_OOM;
    remember(s->c, NULL, oom ? "out of memory binding a parameter" : "a parameter of over 2 GB");
    if (oom) return lt_err_oom(e);
    return lt_err_set(e, LT_ENOMEM, "dữ liệu quá lớn (hơn 2 GB một giá trị)",
                      "the data is too large (over 2 GB in one value)");
}

/* The first step: the statement runs, its whole result arrives. */
static int execute(pg_stmt *s, lt_err *e) {
    s->state = ST_OVER;
    if (s->nbad) { bind_fail(s, e); return -1; }
    if (stmt_in_session(s, e)) return -1;
    PGresult *r = PQexecPrepared(s->c->h, s->name, s->nparams, s->val, s->len, s->fmt, 0);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK && st != PGRES_EMPTY_QUERY) {
        fail(s->c, r, e);
        PQclear(r);
        return -1;
    }
    succeeded(s->c, r);
    s->res = r;
    s->row = 0;
    if (st != PGRES_TUPLES_OK || PQntuples(r) == 0) return 0;
    s->state = ST_ROWS;
    return 1;
}

int pg_step(pg_stmt *s, lt_err *e) {
    if (s->state == ST_ROWS) {
        bytes_forget(s);
        if (++s->row < PQntuples(s->res)) return 1;
        s->state = ST_OVER;
        return 0;
    }
    if (s->state == ST_OVER) pg_reset(s);   /* a step after done runs it again, as SQLite's */
    return execute(s, e);
}

void pg_reset(pg_stmt *s) {
    bytes_forget(s);
    PQclear(s->res);
    s->res = NULL;
    s->row = 0;
    s->state = ST_READY;
}

/* ---- columns --------------------------------------------------------------- */

/* The columns' description: the last result's (copied, without its rows),
** else the server's (before the first step); NULL if neither. */
static PGresult *described(pg_stmt *s) {
    if (s->desc) return s->desc;
    if (s->res) return s->desc = PQcopyResult(s->res, PG_COPYRES_ATTRS);
    if (stmt_in_session(s, NULL)) return NULL;
    PGresult *r = PQdescribePrepared(s->c->h, s->name);
    if (PQresultStatus(r) == PGRES_COMMAND_OK) return s->desc = r;
    PQclear(r);
    return NULL;
}

int pg_col_count(pg_stmt *s) {
    if (s->res) return PQnfields(s->res);
    PGresult *d = described(s);
    return d ? PQnfields(d) : 0;
}

const char *pg_col_name(pg_stmt *s, int i) {
    PGresult *d = described(s);
    return d && i >= 0 && i < PQnfields(d) ? PQfname(d, i) : NULL;
}

/* Whether column i of the current row is there (a row, i in range, not NULL). */
static int has_value(pg_stmt *s, int i) {
    return s->state == ST_ROWS && i >= 0 && i < PQnfields(s->res) && !PQgetisnull(s->res, s->row, i);
}

/* The bytes of a bytea's text ("\x4142": hex, or the old escapes) into b,
** NUL-terminated as SQLite's are; 0, or -1 when memory ran out. */
static int bytea_decode(const char *v, int len, pg_bytes *b) {
    if (len >= 2 && v[0] == '\\' && v[1] == 'x' && len % 2 == 0) {
        int n = (len - 2) / 2;
        if (!(b->p = malloc((size_t)n + 1))) return -1;
        static const char hex[] = "0123456789abcdef0123456789ABCDEF";
        for (int k = 0; k < n; k++) {
            const char *hi = memchr(hex, v[2 + 2 * k], 32), *lo = memchr(hex, v[3 + 2 * k], 32);
            b->p[k] = (char)(((hi ? (hi - hex) % 16 : 0) << 4) | (lo ? (lo - hex) % 16 : 0));
        }
        b->p[b->n = n] = 0;
        return 0;
    }
    size_t n;
    unsigned char *raw = PQunescapeBytea((const unsigned char *)v, &n);
    if (!raw || n >= INT_MAX || !(b->p = malloc(n + 1))) { PQfreemem(raw); return -1; }
    memcpy(b->p, raw, n);
    PQfreemem(raw);
    b->p[b->n = (int)n] = 0;
    return 0;
}

/* Column i's bytes as SQLite would give them: a bytea's decoded (kept
** until the next step or reset), any other's text; NULL for SQL NULL or
** when memory ran out. */
static const char *col_bytes(pg_stmt *s, int i, int *n) {
    *n = 0;
    if (!has_value(s, i)) return NULL;
    const char *v = PQgetvalue(s->res, s->row, i);
    if (PQftype(s->res, i) != OID_BYTEA) { *n = PQgetlength(s->res, s->row, i); return v; }
    if (!s->bytes && !(s->bytes = calloc((size_t)PQnfields(s->res), sizeof *s->bytes))) return NULL;
    pg_bytes *b = &s->bytes[i];
    if (!b->have && bytea_decode(v, PQgetlength(s->res, s->row, i), b)) return NULL;
    b->have = 1;
    *n = b->n;
    return b->p;
}

int pg_col_type(pg_stmt *s, int i) {
    if (!has_value(s, i)) return DB_NULL;
    switch (PQftype(s->res, i)) {
    case OID_INT2: case OID_INT4: case OID_INT8: case OID_OID: case OID_BOOL: return DB_INT;
    case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: return DB_REAL;
    case OID_BYTEA: return DB_BLOB;
    default: return DB_TEXT;
    }
}

/* A real as SQLite makes it an integer: truncated, held to the range. */
static long long real_int(double r) {
    if (isnan(r)) return 0;
    if (r <= (double)LLONG_MIN) return LLONG_MIN;
    if (r >= (double)LLONG_MAX) return LLONG_MAX;
    return (long long)r;
}

/* Text's leading integer as SQLite reads it: spaces, a sign, digits, the
** rest ignored; 0 when none; held to the range. */
static long long lead_int(const char *v) {
    while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '\f' || *v == '\v') v++;
    int neg = *v == '-';
    v += *v == '-' || *v == '+';
    unsigned long long u = 0, lim = neg ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX;
    for (; *v >= '0' && *v <= '9'; v++) {
        unsigned d = (unsigned)(*v - '0');
        u = u > (lim - d) / 10 ? lim : u * 10 + d;
    }
    return neg ? (long long)(0 - u) : (long long)u;
}

long long pg_col_int64(pg_stmt *s, int i) {
    int n;
    const char *v = col_bytes(s, i, &n);
    if (!v) return 0;
    switch (PQftype(s->res, i)) {
    case OID_BOOL: return v[0] == 't';
    case OID_FLOAT4: case OID_FLOAT8: case OID_NUMERIC: return real_int(strtod(v, NULL));
    default: return lead_int(v);
    }
}

const char *pg_col_text_or_null(pg_stmt *s, int i) {
    int n;
    return col_bytes(s, i, &n);
}

const void *pg_col_blob(pg_stmt *s, int i) {
    int n;
    const char *p = col_bytes(s, i, &n);
    return n ? p : NULL;   /* as SQLite: nothing for no bytes */
}

int pg_col_bytes(pg_stmt *s, int i) {
    int n;
    col_bytes(s, i, &n);
    return n;
}
