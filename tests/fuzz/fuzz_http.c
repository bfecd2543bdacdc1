/*
** fuzz_http.c — libFuzzer target for whole HTTP requests through the real
** server (src/web/server.c): libmicrohttpd's request parser, our access
** handler and its bounds, multipart uploads through the post processor
** (on_post_field), the router and every handler, on the demo database.
**
** Each input is the raw bytes a client sends on one connection: a
** socketpair whose one end is given to the server with MHD_add_connection.
** The server has no thread of its own; MHD_run runs it in this thread, so
** a run is deterministic.  In the input, "$S" stands for a live admin
** session token and "$C" for its CSRF token (43 characters each, which
** the Content-Length of a seed counts), so that logged-in pages, writes
** and uploads to /nhap are reached.  Each input runs inside one
** transaction that is rolled back afterwards: no input changes the
** database the next one sees.
**
** Checks: the first response starts "HTTP/1.1 NNN "; no response is a 5xx
** other than 503 and 505 (libmicrohttpd's refusal of other HTTP versions);
** every 2xx or 3xx carries our security headers; and the connection ends
** within a time bound.  Each input is bounded by -timeout (added below).
** FUZZ_HTTP_DUMP=1 prints the responses (to look at one input).
*/
#include "../../src/web/web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define RESP_MAX (4 << 20) /* the part of a response kept for the checks */

static struct MHD_Daemon *daemon_;
static char dir[64] = "/tmp/lamtheo-fuzz-http.XXXXXX";
static char token[44], csrf[44];
static char *resp;

static void fail(const char *what, const char *why) {
    fprintf(stderr, "fuzz_http: %s: %.200s\n", what, why);
    abort();
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f) {
    (void)st; (void)flag; (void)f;
    return remove(path);
}

static void cleanup(void) {
    if (daemon_) MHD_stop_daemon(daemon_);
    daemon_ = NULL;
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* A demo database in a temporary directory (also TMPDIR, where uploads
** wait for confirmation), the server on it, and an admin session. */
static void setup(void) {
    char path[128];
    lt_err e = {0};
    lt_db *db;
    lt_ctx ctx;
    if (!mkdtemp(dir)) fail("mkdtemp", strerror(errno));
    atexit(cleanup);
    setenv("TMPDIR", dir, 1);
    snprintf(path, sizeof path, "%s/fuzz.db", dir);
    if (db_open(path, DB_OPEN_CREATE, &db, &e)) fail("db_open", e.en);
    ctx_init_cli(&ctx, db);
    snprintf(ctx.actor, sizeof ctx.actor, "fuzz:demo");
    if (demo_build(&ctx, &e)) fail("demo_build", e.en);
    db_close(db);
    if (!(daemon_ = web_server_start_for_fuzz(path, &e))) fail("server", e.en);
    if (!(db = web_thread_db(&e))) fail("web_thread_db", e.en);
    if (session_login(db, demo_accounts[0].login, demo_accounts[0].password, "127.0.0.1", token, &e) ||
        session_resume(db, token, &ctx, csrf, &e))
        fail("login", e.en);
    resp = malloc(RESP_MAX + 1);
}

/* Add -timeout=60 unless the command line sets one: no input runs longer. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
    static char *args[256], flag[] = "-timeout=60";
    int n = *argc, has = 0;
    for (int i = 1; i < n; i++) has |= strncmp((*argv)[i], "-timeout=", 9) == 0;
    if (!has && n < 254) {
        memcpy(args, *argv, (size_t)n * sizeof *args);
        args[n] = flag;
        args[n + 1] = NULL;
        *argc = n + 1;
        *argv = args;
    }
    setup();
    return 0;
}

/* The input with "$S" and "$C" replaced by the session's tokens. */
static char *expand(const uint8_t *data, size_t size, size_t *n) {
    char *out = malloc(size * 22 + 1), *o = out;
    for (size_t i = 0; i < size; i++) {
        const char *t = NULL;
        if (data[i] == '$' && i + 1 < size && data[i + 1] == 'S') t = token;
        if (data[i] == '$' && i + 1 < size && data[i + 1] == 'C') t = csrf;
        if (t) { o = stpcpy(o, t); i++; }
        else *o++ = (char)data[i];
    }
    *n = (size_t)(o - out);
    return out;
}

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned connections(void) {
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return i ? i->num_connections : 0;
}

/* Send req on a new connection, close the sending side, and keep what the
** server answers until it closes the connection (2 s at most). */
static size_t exchange(const char *req, size_t n) {
    int sv[2];
    size_t sent = 0, got = 0;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || fcntl(sv[1], F_SETFL, O_NONBLOCK))
        fail("socketpair", strerror(errno));
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (MHD_add_connection(daemon_, sv[0], (struct sockaddr *)&peer, sizeof peer) != MHD_YES)
        fail("MHD_add_connection", strerror(errno));
    if (n == 0) shutdown(sv[1], SHUT_WR);
    for (double end = now() + 2; now() < end;) {
        if (sent < n) {
            ssize_t k = send(sv[1], req + sent, n - sent, MSG_NOSIGNAL);
            if (k > 0) sent += (size_t)k;
            else if (errno != EAGAIN) sent = n; /* the server closed first */
            if (sent == n) shutdown(sv[1], SHUT_WR);
        }
        MHD_run_wait(daemon_, 5);
        ssize_t k;
        char buf[16384];
        while ((k = read(sv[1], buf, sizeof buf)) > 0) {
            size_t keep = got + (size_t)k <= RESP_MAX ? (size_t)k : RESP_MAX - got;
            memcpy(resp + got, buf, keep);
            got += keep;
        }
        if (k == 0 || errno != EAGAIN) break; /* the server closed the connection */
    }
    resp[got] = 0;
    close(sv[1]);
    for (int i = 0; i < 400 && connections() > 0; i++) MHD_run_wait(daemon_, 5);
    if (connections() > 0) fail("the server kept the connection", "after its client closed it");
    return got;
}

/* The value of header name in the head h[0..n), or -1. */
static long header_long(const char *h, size_t n, const char *name) {
    const char *p = memmem(h, n, name, strlen(name));
    return p ? atol(p + strlen(name)) : -1;
}

/* Walk the responses (pipelined requests give several) and check each;
** after a HEAD the lengths no longer tell where the next one starts. */
static void check(const char *r, size_t n, int head) {
    size_t at = 0;
    while (at < n) {
        const char *s = r + at;
        int ok = n - at >= 13 && memcmp(s, "HTTP/1.1 ", 9) == 0 && s[12] == ' ';
        for (int i = 9; ok && i < 12; i++) ok = s[i] >= '0' && s[i] <= '9';
        if (!ok && at == 0) fail("the response does not start with", "HTTP/1.1 NNN");
        if (!ok) return;
        int status = atoi(s + 9);
        const char *end = memmem(s, n - at, "\r\n\r\n", 4);
        if (!end) return; /* cut at RESP_MAX */
        size_t hn = (size_t)(end - s);
        if (status >= 500 && status != 503 && status != 505) fail("status", s);
        if (status >= 200 && status < 400 && !memmem(s, hn, "X-Content-Type-Options: nosniff", 31))
            fail("no security headers", s);
        long len = header_long(s, hn, "\r\nContent-Length: ");
        if (status < 200 || status == 204 || status == 304) len = 0;
        if (head || len < 0) return;
        at += hn + 4 + (size_t)len;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    lt_err e = {0};
    lt_db *db = web_thread_db(&e);
    size_t n;
    char *req = expand(data, size, &n);
    if (!db || db_begin(db, &e)) fail("db_begin", e.en);
    size_t got = exchange(req, n);
    db_rollback(db);
    ind_cache_clear();
    if (getenv("FUZZ_HTTP_DUMP")) fwrite(resp, 1, got, stderr);
    check(resp, got, memmem(req, n, "HEAD", 4) != NULL);
    free(req);
    return 0;
}
