/*
** server.c — `lamtheo serve`: libmicrohttpd with its thread pool on
** epoll.  Each request is collected (headers, query, cookies, a bounded
** body; multipart uploads through MHD's post processor), handed to the
** router, and its response queued on the second call of the handler (a
** response queued on the first call closes keep-alive connections).  Each
** worker thread keeps its own SQLite connection.  Every response carries
** the security headers.  The fuzz target (tests/fuzz/fuzz_http.c) runs the
** same daemon without a listening socket.
*/
#include "web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char server_db_path[4096];
static pthread_key_t db_key;
static pthread_once_t db_once = PTHREAD_ONCE_INIT;

static void db_key_free(void *p) { db_close(p); }
static void db_key_init(void) { pthread_key_create(&db_key, db_key_free); }

lt_db *web_thread_db(lt_err *e) {
    pthread_once(&db_once, db_key_init);
    lt_db *db = pthread_getspecific(db_key);
    if (!db && db_open(server_db_path, DB_OPEN_EXISTING, &db, e) == LT_OK)
        pthread_setspecific(db_key, db);
    return db;
}

/* One request being received. */
typedef struct conn_state {
    web_req req;
    size_t too_large;   /* the bound a request went over, in bytes (0: none) */
    int bad_input;
    struct MHD_PostProcessor *pp;
    lt_err err;
} conn_state;

static enum MHD_Result add_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value) {
    (void)kind;
    conn_state *cs = cls;
    web_params *p = kind == MHD_COOKIE_KIND ? &cs->req.cookies : &cs->req.query;
    if (!key || cs->bad_input) return MHD_YES;
    if (web_params_add(p, key, value ? value : "", value ? strlen(value) : 0, &cs->err))
        cs->bad_input = 1;
    return MHD_YES;
}

/* Multipart fields: the file "tep" goes to req.upload, others to req.form. */
static enum MHD_Result on_post_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *filename, const char *ctype,
                                     const char *encoding, const char *data, uint64_t off,
                                     size_t size) {
    (void)kind; (void)ctype; (void)encoding;
    conn_state *cs = cls;
    if (!key || cs->bad_input) return MHD_YES;
    if (strcmp(key, "tep") == 0) {
        if (filename) snprintf(cs->req.upload_name, sizeof cs->req.upload_name, "%s", filename);
        if (lt_buf_append(&cs->req.upload, data, size)) cs->too_large = cs->req.upload.max;
        return MHD_YES;
    }
    if (off > 0) { /* a plain field longer than the post processor's buffer */
        lt_err_set(&cs->err, LT_EINPUT, "%.64s: dài quá", "%.64s: too long", key);
        cs->bad_input = 1;
        return MHD_YES;
    }
    if (web_params_add(&cs->req.form, key, data, size, &cs->err)) cs->bad_input = 1;
    return MHD_YES;
}

/* First call of a request: set up its state (nothing is answered yet). */
static conn_state *conn_start(struct MHD_Connection *c, const char *url, const char *method) {
    conn_state *cs = lt_xcalloc(1, sizeof *cs);
    web_req *r = &cs->req;
    snprintf(r->method, sizeof r->method, "%s", method);
    if (strlen(method) >= sizeof r->method) cs->bad_input = 1;
    if (strlen(url) >= sizeof r->path) cs->too_large = sizeof r->path - 1;
    snprintf(r->path, sizeof r->path, "%s", url);
    r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    int multipart = r->content_type && strncmp(r->content_type, "multipart/form-data", 19) == 0;
    lt_buf_init(&r->body, WEB_MAX_FORM);
    lt_buf_init(&r->upload, WEB_MAX_BODY);
    if (multipart && !(cs->pp = MHD_create_post_processor(c, 64 * 1024, on_post_field, cs))) {
        lt_err_set(&cs->err, LT_EINPUT, "biểu mẫu tải tệp không hợp lệ", "invalid multipart form");
        cs->bad_input = 1;
    }
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, r->addr, sizeof r->addr);
    else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, r->addr, sizeof r->addr);
    return cs;
}

static void add_headers(struct MHD_Response *resp, const web_req *r) {
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/plain; charset=utf-8");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    if (strncmp(r->path, "/tinh/", 6) != 0) MHD_add_response_header(resp, "Cache-Control", "no-store");
    else MHD_add_response_header(resp, "Cache-Control", "public, max-age=3600");
    for (int i = 0; i < r->ncookies_out; i++) MHD_add_response_header(resp, "Set-Cookie", r->cookies_out[i]);
    if (r->location[0]) MHD_add_response_header(resp, "Location", r->location);
    if (r->allow[0]) MHD_add_response_header(resp, "Allow", r->allow);
    if (r->disposition[0]) MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    char retry[24];
    snprintf(retry, sizeof retry, "%d", r->retry_after);
    if (r->retry_after > 0) MHD_add_response_header(resp, "Retry-After", retry);
}

/* Last call: parse what came, run the router, queue the response. */
static enum MHD_Result conn_finish(struct MHD_Connection *c, conn_state *cs) {
    web_req *r = &cs->req;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_value, cs);
    MHD_get_connection_values(c, MHD_COOKIE_KIND, add_value, cs);
    if (cs->pp) { MHD_destroy_post_processor(cs->pp); cs->pp = NULL; }
    if (cs->too_large || cs->bad_input) web_pick_language(r); /* the router does it otherwise */
    if (cs->too_large) {
        /* name the bound that was passed: the upload, the form or the address */
        size_t n = cs->too_large;
        const char *unit = n >= (1 << 20) ? "MB" : n >= (1 << 10) ? "KB" : "byte";
        n = n >= (1 << 20) ? n >> 20 : n >= (1 << 10) ? n >> 10 : n;
        lt_err_set(&cs->err, LT_ENOMEM, "dữ liệu gửi lên quá lớn (tối đa %zu %s)",
                   "the request is too large (at most %zu %s)", n, unit);
        r->is_api = strncmp(r->path, "/api/", 5) == 0;
        web_fail(r, &cs->err);
    } else if (cs->bad_input) {
        r->is_api = strncmp(r->path, "/api/", 5) == 0;
        web_fail(r, &cs->err);
    } else {
        web_dispatch(r);
    }
    if (!r->status) r->status = 200;
    size_t len = r->out.len;
    char *body = lt_buf_take(&r->out);
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) { free(body); return MHD_NO; }
    add_headers(resp, r);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)cls; (void)version;
    conn_state *cs = *con_cls;
    if (!cs) { *con_cls = conn_start(c, url, method); return MHD_YES; }
    if (*upload_data_size) {
        if (cs->bad_input || cs->too_large) {
            /* drop the rest of a refused body */
        } else if (cs->pp) {
            if (MHD_post_process(cs->pp, upload_data, *upload_data_size) != MHD_YES) {
                lt_err_set(&cs->err, LT_EINPUT, "biểu mẫu tải tệp không hợp lệ", "invalid multipart form");
                cs->bad_input = 1;
            }
        } else if (lt_buf_append(&cs->req.body, upload_data, *upload_data_size)) {
            cs->too_large = cs->req.body.max;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    return conn_finish(c, cs);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)cls; (void)c; (void)toe;
    conn_state *cs = *con_cls;
    if (!cs) return;
    if (cs->pp) MHD_destroy_post_processor(cs->pp);
    web_params_free(&cs->req.query);
    web_params_free(&cs->req.form);
    web_params_free(&cs->req.cookies);
    lt_buf_free(&cs->req.body);
    lt_buf_free(&cs->req.upload);
    lt_buf_free(&cs->req.out);
    free(cs);
    *con_cls = NULL;
}

/* Parse "ADDR:PORT" or "[ADDR6]:PORT" into a socket address. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, lt_err *e) {
    char host[128];
    const char *colon = strrchr(s, ':');
    long port;
    memset(ss, 0, sizeof *ss);
    if (!colon || (size_t)(colon - s) >= sizeof host || lt_parse_long(colon + 1, 0, 65535, &port))
        return lt_err_set(e, LT_EUSAGE, "--listen phải có dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080",
                          "--listen must be ADDR:PORT, e.g. 127.0.0.1:8080");
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = 0;
    struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
    size_t hl = strlen(host);
    if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = 0;
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &v6->sin6_addr) == 1) return LT_OK;
    } else {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) return LT_OK;
    }
    return lt_err_set(e, LT_EUSAGE, "--listen: địa chỉ không hợp lệ \"%s\"",
                      "--listen: invalid address \"%s\"", host);
}

/* Remember the database every worker opens, after checking it opens. */
static int server_open(const char *db_path, lt_err *e) {
    snprintf(server_db_path, sizeof server_db_path, "%s", db_path);
    lt_db *probe;
    if (db_open(db_path, DB_OPEN_EXISTING, &probe, e)) return e->code;
    db_close(probe);
    return LT_OK;
}

/* Worker threads: LAMTHEO_THREADS (1–64) if set, else WORKERS_PER_CPU
** per processor.  Each worker answers its connections one at a time; on
** 2 cores under 64 connections (bench/scale.sh), 2 workers gave p99
** ~25 ms, 4 and 8 ~20–30 ms with 8 a little more pages a second: within
** this machine's noise, so the default stays at 4. */
#define WORKERS_PER_CPU 2
static unsigned worker_threads(void) {
    const char *env = getenv("LAMTHEO_THREADS");
    long n = env ? atol(env) : 0;
    if (n >= 1 && n <= 64) return (unsigned)n;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return (unsigned)(cpus > 0 && cpus < 16 ? cpus * WORKERS_PER_CPU : 8);
}

/* The one daemon setup: the handler and its bounds.  With an address, MHD's
** thread pool on epoll listens there (`serve`); without, there is no
** listening socket and no thread: the caller adds connections with
** MHD_add_connection and runs them with MHD_run (the fuzz target). */
static struct MHD_Daemon *daemon_start(const struct sockaddr *sa, unsigned timeout) {
    unsigned flags = MHD_USE_NO_LISTEN_SOCKET, threads = 0;
    if (sa) {
        flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
        if (sa->sa_family == AF_INET6) flags |= MHD_USE_IPv6;
        threads = worker_threads();
    }
    struct MHD_OptionItem opts[] = {
        {MHD_OPTION_CONNECTION_LIMIT, 1024, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, timeout, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
        {sa ? MHD_OPTION_SOCK_ADDR : MHD_OPTION_END, 0, (void *)sa},
        {MHD_OPTION_THREAD_POOL_SIZE, threads, NULL},
        {MHD_OPTION_END, 0, NULL}};
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_ARRAY, opts,
                            MHD_OPTION_END);
}

struct MHD_Daemon *web_server_start_for_fuzz(const char *db_path, lt_err *e) {
    if (server_open(db_path, e)) return NULL;
    struct MHD_Daemon *d = daemon_start(NULL, 1);
    if (!d) lt_err_set(e, LT_EIO, "không khởi động được máy chủ", "cannot start the server");
    return d;
}

int web_serve(const char *db_path, const char *listen, lt_err *e) {
    struct sockaddr_storage ss;
    if (parse_listen(listen, &ss, e)) return e->code;
    if (server_open(db_path, e)) return e->code;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit it; we wait below */
    struct MHD_Daemon *d = daemon_start((struct sockaddr *)&ss, 30);
    if (!d)
        return lt_err_set(e, LT_EIO, "không mở được cổng %s (đã có chương trình khác dùng?)",
                          "cannot listen on %s (is it in use?)", listen);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[128];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    printf("lamtheo: đang phục vụ tại / serving at http://%s:%u/\n", host, di ? di->port : 0);
    fflush(stdout);
    int sig;
    sigwait(&set, &sig);
    MHD_stop_daemon(d);
    ind_cache_clear();
    return LT_OK;
}
