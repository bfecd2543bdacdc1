/*
** server.c — `lamtheo serve`: libmicrohttpd with its thread pool on
** epoll.  Each request is collected (headers, query, cookies, a bounded
** body; multipart uploads through MHD's post processor), handed to the
** router, and its response queued on the second call of the handler (a
** response queued on the first call closes keep-alive connections).  A
** request that writes is answered in the write lane (lane.c): its
** connection suspended, the router run on a lane thread, the connection
** resumed for its worker to send the answer; so a write waiting its turn
** to write never holds back the reads of its worker's other connections.
** Each thread keeps its own SQLite connection.  Every response carries
** the security headers.  The fuzz target (tests/fuzz/fuzz_http.c) runs the
** same daemon without a listening socket.
**
** What libmicrohttpd 0.9.75 does not bound or answer by itself is done
** here: the query string is taken before MHD parses it (on_uri), the
** length of a body must be unambiguous (framing_ambiguous), and every
** connection has a deadline for what it sends (watch.c).  Behind a
** trusted reverse proxy, the client's address and scheme come from its
** X-Forwarded-For and X-Forwarded-Proto headers (proxy.c).  SIGTERM or
** SIGINT stops it gracefully (serve_stop): no new connection, the requests
** in flight finish within LAMTHEO_STOP_WAIT, the WAL checkpointed.
*/
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static char server_db_path[4096];
static web_proxies server_proxies;                  /* --trusted-proxy */
static unsigned server_timeout = WEB_REQUEST_TIMEOUT; /* seconds: idle, and a request's header */
static pthread_key_t db_key;
/* Requests begun (their request line read) and not yet over: what a
** graceful stop waits for.  An idle keep-alive connection has none. */
static atomic_int server_in_flight;
static atomic_int server_stopping; /* SIGTERM seen: every answer closes its connection */
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

const char *web_db_path(void) { return server_db_path; }

/* One request being received. */
typedef struct conn_state {
    web_req req;
    web_conn *wc;       /* the connection's deadline (on_connection's) */
    lt_buf query;       /* the raw query string, taken by on_uri */
    int started;        /* the handler's first call has been */
    size_t too_large;   /* the bound a request went over, in bytes (0: none) */
    int bad_input;
    int bad_cookie;     /* a cookie was refused: no more are read */
    int framing;        /* its body's length is ambiguous: answered at once, then closed */
    struct MHD_PostProcessor *pp;
    lt_err err;
    struct MHD_Connection *conn; /* while in the write lane (suspended) */
    int lane;           /* LANE_NONE, or where it is in the write lane */
} conn_state;

enum { LANE_NONE, LANE_QUEUED, LANE_ANSWERED, LANE_CANCELLED };
static atomic_int lane_on;  /* `serve` writes in the lane; the fuzz target answers in turn */
static atomic_int lane_out; /* requests handed to the lane and not yet over (on_completed) */

/* Cookies into the request's list (bounded by web_params_add). */
static enum MHD_Result add_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value) {
    (void)kind;
    conn_state *cs = cls;
    web_params *p = &cs->req.cookies;
    lt_err ce = {0};
    /* kept after a refusal of something else too: its page has the menu
    ** of the session they name */
    if (!key || cs->bad_cookie) return MHD_YES;
    if (web_params_add(p, key, value ? value : "", value ? strlen(value) : 0, &ce)) {
        cs->bad_cookie = 1;
        if (!cs->bad_input) cs->err = ce;
        cs->bad_input = 1;
    }
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
        int rc = lt_buf_append(&cs->req.upload, data, size);
        if (rc == LT_EOOM) { lt_err_oom(&cs->err); cs->bad_input = 1; }
        else if (rc) cs->too_large = cs->req.upload.max;
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

/* The peer's address as text into out (64 bytes; "" if unknown). */
static void peer_text(struct MHD_Connection *c, char out[64]) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    out[0] = 0;
    if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out, 64);
    else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out, 64);
}

/* The connection's deadline record (NULL if it has none). */
static web_conn *conn_watch(struct MHD_Connection *c) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

/* The X-Forwarded-For headers joined with ", " in the order they came. */
typedef struct forwarded { lt_buf list; int over; } forwarded;

static enum MHD_Result join_forwarded(void *cls, enum MHD_ValueKind kind, const char *key,
                                      const char *value) {
    (void)kind;
    forwarded *f = cls;
    if (!key || !value || strcasecmp(key, "X-Forwarded-For") != 0) return MHD_YES;
    if ((f->list.len && lt_buf_puts(&f->list, ", ")) || lt_buf_puts(&f->list, value)) f->over = 1;
    return MHD_YES;
}

/* The client's address (r->addr) and scheme (r->https): the peer's, or,
** when the peer is a trusted proxy, what its X-Forwarded-For (the
** right-most address no trusted proxy vouches for) and X-Forwarded-Proto
** say.  From any other peer those headers are ignored. */
static void conn_client(struct MHD_Connection *c, web_req *r) {
    peer_text(c, r->peer);
    snprintf(r->addr, sizeof r->addr, "%s", r->peer);
    r->https = 0;
    if (!web_proxies_has(&server_proxies, r->addr)) return;
    forwarded f = {.over = 0};
    char client[64];
    lt_buf_init(&f.list, WEB_MAX_FORWARDED);
    MHD_get_connection_values(c, MHD_HEADER_KIND, join_forwarded, &f);
    r->proxied = f.list.len > 0 || f.over;
    if (f.list.p && !f.over && web_forwarded_for(&server_proxies, f.list.p, client) == LT_OK)
        snprintf(r->addr, sizeof r->addr, "%s", client); /* else the proxy's own address */
    lt_buf_free(&f.list);
    r->https = web_forwarded_https(MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto"));
}

/* Counts of the headers that say where a body ends. */
typedef struct framing { int lengths, encodings, chunked; } framing;

static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value) {
    (void)kind;
    framing *f = cls;
    if (key && strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) f->lengths++;
    if (key && strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
        f->encodings++;
        f->chunked = value && strcasecmp(value, "chunked") == 0;
    }
    return MHD_YES;
}

/* Is the length of the request's body ambiguous (RFC 9112 §6.3)?  Two
** Content-Length headers, two Transfer-Encoding headers, both kinds, or a
** Transfer-Encoding other than chunked.  libmicrohttpd 0.9.75 takes the
** first one it finds and ignores the rest (and waits for the end of the
** connection after an unknown encoding), so a proxy in front and this
** server could disagree on where one request ends and the next begins.
** (One "Content-Length: 5, 6" MHD refuses itself with 400.) */
static int framing_ambiguous(struct MHD_Connection *c) {
    framing f = {0, 0, 0};
    MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &f);
    return f.lengths > 1 || f.encodings > 1 || (f.lengths && f.encodings) || (f.encodings && !f.chunked);
}

/* Seconds the body may take to arrive: the request timeout, and one more
** for every WEB_MIN_RATE bytes of its length (of the largest body allowed
** when chunked; 0 without a body). */
static double body_seconds(struct MHD_Connection *c) {
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    unsigned long long n = len ? strtoull(len, NULL, 10) : 0;
    if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING)) n = WEB_MAX_BODY;
    if (n > WEB_MAX_BODY) n = WEB_MAX_BODY; /* the rest is dropped as fast as it comes */
    return n ? server_timeout + (double)n / WEB_MIN_RATE : 0;
}

/* MHD's first sight of a request: its target, before MHD splits the query
** string into its connection's memory pool (64 KiB).  libmicrohttpd
** 0.9.75 loses its own 431 answer when that pool runs out there: the
** request then gets no answer at all (a thousand short parameters, or 190
** of 300 bytes each).  So the query string is copied here and cut from
** the target MHD goes on to parse (the buffer is MHD's and writable; the
** URI log callback is documented as the place to process the URI before
** it is parsed), and conn_start parses it with web_parse_urlencoded and
** its bound on the number of parameters.  The request's state is made
** here too (MHD passes it to on_request as *con_cls); NULL when out of
** memory, which on_request answers with a fixed 503 (answer_oom). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c) {
    (void)cls; (void)c;
    char *q = uri ? strchr(uri, '?') : NULL;
    conn_state *cs = calloc(1, sizeof *cs);
    if (cs) {
        atomic_fetch_add(&server_in_flight, 1); /* until on_completed */
        cs->req.arrived_ns = web_clock_ns();
        lt_buf_init(&cs->query, WEB_MAX_FORM);
        int rc = q ? lt_buf_puts(&cs->query, q + 1) : LT_OK;
        if (rc == LT_EOOM) { lt_err_oom(&cs->err); cs->bad_input = 1; }
        else if (rc) cs->too_large = cs->query.max;
    }
    if (q) q[1] = 0; /* nothing after the '?' left for MHD */
    return cs;
}

/* First call of a request, its header complete: fill in what it says, refuse
** what cannot be served, give its body a deadline (nothing is answered
** yet, unless its framing is refused: see on_request). */
static void conn_start(struct MHD_Connection *c, conn_state *cs, const char *url, const char *method) {
    web_req *r = &cs->req;
    cs->started = 1;
    cs->wc = conn_watch(c);
    snprintf(r->method, sizeof r->method, "%s", method);
    if (strlen(method) >= sizeof r->method) cs->bad_input = 1;
    if (strlen(url) >= sizeof r->path) cs->too_large = sizeof r->path - 1;
    snprintf(r->path, sizeof r->path, "%s", url);
    r->content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    r->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    int multipart = r->content_type && strncmp(r->content_type, "multipart/form-data", 19) == 0;
    lt_buf_init(&r->body, WEB_MAX_FORM);
    lt_buf_init(&r->upload, WEB_MAX_BODY);
    conn_client(c, r);
    if (framing_ambiguous(c)) {
        lt_err_set(&cs->err, LT_EINPUT, "độ dài nội dung gửi lên không rõ ràng (Content-Length hoặc "
                   "Transfer-Encoding lặp lại hay mâu thuẫn)", "the length of the request body is "
                   "ambiguous (Content-Length or Transfer-Encoding repeated or conflicting)");
        cs->bad_input = cs->framing = 1;
        return;
    }
    if (!cs->too_large && !cs->bad_input && cs->query.len &&
        web_parse_urlencoded(cs->query.p, cs->query.len, &r->query, &cs->err))
        cs->bad_input = 1;
    if (multipart && !cs->bad_input && !(cs->pp = MHD_create_post_processor(c, 64 * 1024, on_post_field, cs))) {
        lt_err_set(&cs->err, LT_EINPUT, "biểu mẫu tải tệp không hợp lệ", "invalid multipart form");
        cs->bad_input = 1;
    }
    web_conn_deadline(cs->wc, body_seconds(c));
}

static void add_headers(struct MHD_Response *resp, const web_req *r) {
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/plain; charset=utf-8");
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                            " frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    /* over HTTPS (a trusted proxy says so): browsers keep to HTTPS for a year */
    if (r->https) MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    if (strncmp(r->path, "/tinh/", 6) != 0) MHD_add_response_header(resp, "Cache-Control", "no-store");
    else MHD_add_response_header(resp, "Cache-Control", "public, max-age=3600");
    for (int i = 0; i < r->ncookies_out; i++) MHD_add_response_header(resp, "Set-Cookie", r->cookies_out[i]);
    if (r->location[0]) MHD_add_response_header(resp, "Location", r->location);
    if (r->allow[0]) MHD_add_response_header(resp, "Allow", r->allow);
    if (r->disposition[0]) MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->retry_after > 0) {
        char secs[16];
        snprintf(secs, sizeof secs, "%d", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", secs);
    }
}

/* Last call: parse what came, run the router, queue the response. */
/* The answer when memory ran out where no page can be built (the request's
** state, or the page itself): a fixed 503, no allocation of ours. */
static enum MHD_Result answer_oom(struct MHD_Connection *c, const char *url) {
    static const char page[] = "Máy chủ tạm thời thiếu bộ nhớ; chưa có gì thay đổi, hãy thử lại sau ít phút.\n"
                               "The server is short of memory; nothing was changed, try again in a few minutes.\n";
    static const char json[] = "{\"error\":{\"code\":\"out_of_memory\",\"message\":"
                               "\"Máy chủ tạm thời thiếu bộ nhớ; chưa có gì thay đổi, hãy thử lại sau ít phút.\"}}\n";
    int api = url && strncmp(url, "/api/", 5) == 0; /* a program reads a JSON error */
    struct MHD_Response *resp = api
        ? MHD_create_response_from_buffer(sizeof json - 1, (void *)json, MHD_RESPMEM_PERSISTENT)
        : MHD_create_response_from_buffer(sizeof page - 1, (void *)page, MHD_RESPMEM_PERSISTENT);
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, "Content-Type",
                            api ? "application/json; charset=utf-8" : "text/plain; charset=utf-8");
    MHD_add_response_header(resp, "Retry-After", "30");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, 503, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* A request refused before the router (too large, malformed): its answer
** in the user's language, and for a page, the frame of whoever is logged
** in (their menu) when the session cookie is live.  The API keeps JSON. */
static void conn_refuse(web_req *r, const lt_err *err) {
    web_pick_language(r);
    r->is_api = strncmp(r->path, "/api/", 5) == 0;
    const char *tok = web_param_get(&r->cookies, "lt_session");
    lt_err ignore = {0};
    lt_db *db = !r->is_api && tok ? web_thread_db(&ignore) : NULL;
    if (db && session_resume(db, tok, &r->ctx, r->csrf, &ignore) == LT_OK) r->logged_in = 1;
    else memset(&r->ctx, 0, sizeof r->ctx), r->csrf[0] = 0;
    web_fail(r, err);
}

/* The answer the router made, queued on the connection. */
static enum MHD_Result conn_answer(struct MHD_Connection *c, conn_state *cs) {
    web_req *r = &cs->req;
    if (!r->status) r->status = 200;
    size_t len = r->out.len;
    char *body = lt_buf_take(&r->out);
    if (!body) return answer_oom(c, r->path); /* even the error page could not be made */
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp) { free(body); return MHD_NO; }
    add_headers(resp, r);
    /* stopping: the client's next request goes elsewhere (or is refused) */
    if (cs->framing || atomic_load(&server_stopping))
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;
}

/* Does a request go to the write lane?  Every method but GET and HEAD
** writes (routes.c); a refused request is answered at once. */
static int conn_writes(const conn_state *cs) {
    const char *m = cs->req.method;
    return atomic_load(&lane_on) && !cs->too_large && !cs->bad_input && strcmp(m, "GET") && strcmp(m, "HEAD");
}

/* The write lane's job (lane.c): the request handed over by conn_finish,
** answered on the lane's thread, its connection resumed so that its
** worker sends the answer (conn_finish again).  Cancelled: the server is
** stopping, and nothing of it is done. */
static void lane_answer(void *arg, int cancelled) {
    conn_state *cs = arg;
    if (!cancelled) web_dispatch(&cs->req);
    cs->lane = cancelled ? LANE_CANCELLED : LANE_ANSWERED;
    MHD_resume_connection(cs->conn); /* (its worker reads cs->lane after this) */
}

/* All of a request has come: the router's answer, queued.  A write goes
** to the write lane first (suspended meanwhile), and comes back here
** answered. */
static enum MHD_Result conn_finish(struct MHD_Connection *c, conn_state *cs) {
    web_req *r = &cs->req;
    if (cs->lane == LANE_NONE) {
        web_conn_deadline(cs->wc, 0); /* all has come: no deadline while it is answered */
        MHD_get_connection_values(c, MHD_COOKIE_KIND, add_value, cs);
        if (cs->pp) { MHD_destroy_post_processor(cs->pp); cs->pp = NULL; }
        if (conn_writes(cs)) {
            cs->conn = c;
            cs->lane = LANE_QUEUED;
            atomic_fetch_add(&lane_out, 1);
            MHD_suspend_connection(c);
            if (web_lane_push(lane_answer, cs) != LT_OK) { /* the lane has just stopped */
                cs->lane = LANE_CANCELLED;
                MHD_resume_connection(c);
            }
            return MHD_YES; /* called again once resumed */
        }
    }
    if (cs->lane == LANE_CANCELLED) {
        lt_err_set(&cs->err, LT_EBUSY, "máy chủ đang dừng; chưa có gì thay đổi",
                   "the server is stopping; nothing was changed");
        conn_refuse(r, &cs->err);
    } else if (cs->lane == LANE_ANSWERED) {
        /* answered in the lane */
    } else if (cs->too_large) {
        /* name the bound that was passed: the upload, the form or the address */
        size_t n = cs->too_large;
        const char *unit = n >= (1 << 20) ? "MB" : n >= (1 << 10) ? "KB" : "byte";
        n = n >= (1 << 20) ? n >> 20 : n >= (1 << 10) ? n >> 10 : n;
        lt_err_set(&cs->err, LT_ENOMEM, "dữ liệu gửi lên quá lớn (tối đa %zu %s)",
                   "the request is too large (at most %zu %s)", n, unit);
        conn_refuse(r, &cs->err);
    } else if (cs->bad_input) {
        conn_refuse(r, &cs->err);
    } else {
        web_dispatch(r);
    }
    return conn_answer(c, cs);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)cls; (void)version;
    conn_state *cs = *con_cls;
    if (!cs) return answer_oom(c, url); /* on_uri had no memory for it */
    if (!cs->started) {
        conn_start(c, cs, url, method);
        /* a body of ambiguous length is not read: answered now, and MHD
        ** closes the connection after a response queued this early */
        return cs->framing ? conn_finish(c, cs) : MHD_YES;
    }
    if (*upload_data_size) {
        if (cs->bad_input || cs->too_large) {
            /* drop the rest of a refused body */
        } else if (cs->pp) {
            if (MHD_post_process(cs->pp, upload_data, *upload_data_size) != MHD_YES) {
                lt_err_set(&cs->err, LT_EINPUT, "biểu mẫu tải tệp không hợp lệ", "invalid multipart form");
                cs->bad_input = 1;
            }
        } else {
            int rc = lt_buf_append(&cs->req.body, upload_data, *upload_data_size);
            if (rc == LT_EOOM) { lt_err_oom(&cs->err); cs->bad_input = 1; }
            else if (rc) cs->too_large = cs->req.body.max;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    return conn_finish(c, cs);
}

/* The tallies a page counted without (ind_warm), read on this thread's
** connection now that its answer has gone. */
static void warm_after(void) {
    if (!ind_warm_wanted()) return; /* (no connection opened for a style sheet) */
    lt_err ignored = {0};
    lt_ctx c = {.db = web_thread_db(&ignored)};
    if (c.db) ind_warm(&c);
}

/* A request is over (answered, or its connection ended): free its state,
** and give the connection's next request the request timeout to arrive. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)cls; (void)toe;
    web_conn_deadline(conn_watch(c), server_timeout);
    conn_state *cs = *con_cls;
    if (!cs) return;
    atomic_fetch_sub(&server_in_flight, 1);
    if (cs->lane != LANE_NONE) atomic_fetch_sub(&lane_out, 1);
    if (cs->started && cs->req.status) web_access_done(&cs->req); /* answered: logged, counted */
    if (cs->started && cs->req.status) warm_after(); /* what the page counted without, for the next */
    if (cs->pp) MHD_destroy_post_processor(cs->pp);
    web_params_free(&cs->req.query);
    web_params_free(&cs->req.form);
    web_params_free(&cs->req.cookies);
    lt_buf_free(&cs->req.body);
    lt_buf_free(&cs->req.upload);
    lt_buf_free(&cs->req.out);
    lt_buf_free(&cs->query);
    free(cs);
    *con_cls = NULL;
}

/* A connection opens or closes: register it with the watcher (watch.c),
** its first deadline the request timeout for its first request's header,
** or unregister it (MHD notifies before it closes the socket).  Without
** memory to watch it, it is shut at once. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe) {
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        web_conn_close(*socket_context);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    char addr[64];
    peer_text(c, addr);
    /* no memory for its watch: the connection is served unwatched (MHD's
    ** idle timeout still closes it) rather than closed without an answer */
    *socket_context = ci ? web_conn_open(ci->connect_fd, addr, server_timeout) : NULL;
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

/* A connection open for the server's whole life: while any connection is
** open, a command line import goes through the WAL (db_alone_begin refuses
** to take the database alone) and the pages go on reading beside it.
** Without it, an import started beside a server that had not yet answered
** a request took the database alone, and every page waited for it. */
static lt_db *server_keeper;

/* Remember the database every worker opens, after checking it opens, and
** keep that first connection open. */
static int server_open(const char *db_path, lt_err *e) {
    snprintf(server_db_path, sizeof server_db_path, "%s", db_path);
    if (server_keeper) return LT_OK;
    if (db_open(db_path, DB_OPEN_EXISTING, &server_keeper, e)) return e->code;
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

/* The write lane's threads, as many as the workers; conn_finish hands
** writes to it from now on. */
static int lane_start(lt_err *e) {
    if (web_lane_start(worker_threads(), e)) return e->code;
    atomic_store(&lane_on, 1);
    return LT_OK;
}

/* The lane stopped (a write under way finishes, one queued is cancelled,
** one that comes later is answered 503: the server is stopping), and up to
** a second for the workers to send what it answered: a connection resumed
** but not yet served when MHD stops would be closed without its answer. */
static void lane_stop(void) {
    web_lane_stop();
    const struct timespec tick = {0, 10 * 1000000L};
    for (int i = 0; i < 100 && atomic_load(&lane_out) > 0; i++) nanosleep(&tick, NULL);
}

/* The one daemon setup: the handler and its bounds.  With an address, MHD's
** thread pool on epoll listens there (`serve`); without, there is no
** listening socket and no thread: the caller adds connections with
** MHD_add_connection and runs them with MHD_run (the fuzz target). */
static struct MHD_Daemon *daemon_start(const struct sockaddr *sa, unsigned timeout) {
    unsigned flags = MHD_USE_NO_LISTEN_SOCKET, threads = 0;
    if (sa) {
        /* ITC: so that MHD_quiesce_daemon can stop the listening (graceful stop) */
        flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;
        flags |= MHD_ALLOW_SUSPEND_RESUME; /* the write lane's requests wait suspended */
        if (sa->sa_family == AF_INET6) flags |= MHD_USE_IPv6;
        threads = worker_threads();
    }
    struct MHD_OptionItem opts[] = {
        {MHD_OPTION_CONNECTION_LIMIT, WEB_MAX_CONNECTIONS, NULL},
        {MHD_OPTION_CONNECTION_TIMEOUT, timeout, NULL},
        {MHD_OPTION_CONNECTION_MEMORY_LIMIT, 64 * 1024, NULL},
        {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL},
        {MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, NULL},
        {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)on_uri, NULL},
        {sa ? MHD_OPTION_SOCK_ADDR : MHD_OPTION_END, 0, (void *)sa},
        {MHD_OPTION_THREAD_POOL_SIZE, threads, NULL},
        {MHD_OPTION_END, 0, NULL}};
    return MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_ARRAY, opts,
                            MHD_OPTION_END);
}

struct MHD_Daemon *web_server_start_for_fuzz(const char *db_path, lt_err *e) {
    if (server_open(db_path, e)) return NULL;
    /* its connections' peer is 127.0.0.1: trusted, so that X-Forwarded-*
    ** headers in an input are parsed */
    if (web_proxies_parse("127.0.0.1", &server_proxies, e)) return NULL;
    struct MHD_Daemon *d = daemon_start(NULL, 1);
    if (!d) lt_err_set(e, LT_EIO, "không khởi động được máy chủ", "cannot start the server");
    return d;
}

static int timespec_past(const struct timespec *t) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec);
}

/* The graceful stop (SIGINT/SIGTERM seen): take no new connection at once
** (MHD_quiesce_daemon; the listening socket shut, so that a client is
** refused rather than left in the kernel's queue), let the requests in
** flight finish for at most wait seconds (an idle keep-alive connection
** is not one; a second SIGINT/SIGTERM ends the wait), then the write lane
** (a write under way finishes; one still queued is answered 503, nothing
** of it done) and the daemon (its workers close their databases; a
** request still running is cut, a handler already computing finishes
** first), checkpoint the WAL to nothing
** and close the database.  wait 0: no waiting (the server could not
** start). */
static void serve_stop(struct MHD_Daemon *d, const sigset_t *set, unsigned wait) {
    atomic_store(&server_stopping, 1);
    MHD_socket lfd = MHD_quiesce_daemon(d);
    if (lfd != MHD_INVALID_SOCKET) shutdown(lfd, SHUT_RDWR);
    int n = atomic_load(&server_in_flight), hurried = 0;
    if (wait)
        fprintf(stderr, "lamtheo serve: đang dừng… %d yêu cầu đang xử lý, chờ tối đa %u giây / "
                "stopping: %d requests in flight, waiting at most %u s\n", n, wait, n, wait);
    struct timespec end;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += wait;
    const struct timespec tick = {0, 50 * 1000000L};
    while (wait && atomic_load(&server_in_flight) > 0 && !timespec_past(&end)) {
        int sig = sigtimedwait(set, NULL, &tick);
        if (sig == SIGINT || sig == SIGTERM) { hurried = 1; break; }
    }
    int cut = atomic_load(&server_in_flight);
    lane_stop(); /* every suspended connection resumed and answered, as MHD_stop_daemon requires */
    web_watch_stop(); /* before the connections it watches are freed */
    MHD_stop_daemon(d);
    if (lfd != MHD_INVALID_SOCKET) close(lfd); /* MHD leaves it to us, once stopped */
    ind_cache_clear();
    db_writer_close();
    db_checkpointer_stop(); /* the workers' connections are closed: none writes now */
    lt_err ce = {0};
    int ckpt = db_checkpoint(server_keeper, &ce);
    db_close(server_keeper);
    server_keeper = NULL;
    if (!wait) return;
    if (ckpt)
        fprintf(stderr, "lamtheo serve: không dồn được WAL vào cơ sở dữ liệu (dữ liệu vẫn an toàn trong tệp -wal) / "
                "cannot checkpoint the WAL (the data is safe in the -wal file): %s\n", ce.en);
    if (cut)
        fprintf(stderr, "lamtheo serve: đã dừng; %d yêu cầu bị cắt (%s) / stopped; %d requests cut off (%s)\n",
                cut, hurried ? "tín hiệu thứ hai" : "hết thời gian chờ", cut,
                hurried ? "a second signal" : "the wait ran out");
    else
        fprintf(stderr, "lamtheo serve: đã dừng, mọi yêu cầu đã xong / stopped, every request finished\n");
}

/* SIGHUP: the log file opened again (logrotate moved the old one), said in
** both; without one, the log is standard error as systemd gave it. */
static void log_reopen(const char *log_file) {
    lt_err e = {0};
    if (!log_file)
        fprintf(stderr, "lamtheo serve: SIGHUP: nhật ký ghi ra stderr, không có gì để mở lại "
                "(the log is stderr: nothing to reopen)\n");
    else if (web_log_open(log_file, &e))
        fprintf(stderr, "lamtheo serve: SIGHUP: %s / %s; vẫn ghi vào tệp cũ (still writing to the old one)\n",
                e.vi, e.en);
    else
        fprintf(stderr, "lamtheo serve: SIGHUP: đã mở lại tệp nhật ký / log file reopened\n");
}

int web_serve(const char *db_path, const web_serve_opts *o, lt_err *e) {
    struct sockaddr_storage ss;
    const char *listen = o->listen;
    if (parse_listen(listen, &ss, e)) return e->code;
    if (o->timeout < 1 || o->timeout > 3600)
        return lt_err_set(e, LT_EUSAGE, "thời hạn của yêu cầu phải từ 1 đến 3600 giây",
                          "the request timeout must be 1 to 3600 seconds");
    if (o->stop_wait > 300)
        return lt_err_set(e, LT_EUSAGE, "thời gian chờ khi dừng phải từ 1 đến 300 giây",
                          "the stop wait must be 1 to 300 seconds");
    if (web_proxies_parse(o->trusted_proxies ? o->trusted_proxies : "", &server_proxies, e)) return e->code;
    server_timeout = o->timeout;
    if (o->log_file && web_log_open(o->log_file, e)) return e->code;
    if (server_open(db_path, e)) return e->code;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP); /* reopens the log file (nothing to reopen on stderr itself) */
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* workers inherit it; we wait below */
    web_access_log_enable(1);
    if (db_checkpointer_start(db_path, e)) return e->code; /* (a thread: after the mask) */
    if (db_writer_share(db_path, e) || web_watch_start(e) || lane_start(e)) {
        web_watch_stop();
        db_writer_close();
        db_checkpointer_stop();
        return e->code;
    }
    struct MHD_Daemon *d = daemon_start((struct sockaddr *)&ss, server_timeout);
    if (!d) {
        lane_stop();
        web_watch_stop();
        db_writer_close();
        db_checkpointer_stop();
        return lt_err_set(e, LT_EIO, "không mở được cổng %s (đã có chương trình khác dùng?)",
                          "cannot listen on %s (is it in use?)", listen);
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    char host[128];
    snprintf(host, sizeof host, "%.*s", (int)(strrchr(listen, ':') - listen), listen);
    /* where it serves is said once, here: a server that cannot say it stops */
    int said = printf("lamtheo: đang phục vụ tại / serving at http://%s:%u/\n", host, di ? di->port : 0) > 0;
    said = fflush(stdout) == 0 && said;
    int sig;
    while (said && sigwait(&set, &sig) == 0 && sig == SIGHUP) log_reopen(o->log_file);
    serve_stop(d, &set, said ? (o->stop_wait ? o->stop_wait : WEB_STOP_WAIT) : 0);
    if (!said)
        return lt_err_set(e, LT_EIO, "không ghi được địa chỉ phục vụ ra đầu ra chuẩn: %s",
                          "cannot write the address it serves at to standard output: %s", strerror(errno));
    return LT_OK;
}
