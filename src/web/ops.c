/*
** ops.c — what the people who run the server read: one access-log line
** per answered request on standard error (journald keeps it; or a file
** that SIGHUP reopens, for logrotate), the counts
** behind GET /metrics (Prometheus text format) and GET /healthz for
** monitors.
**
** The log line is written with one write(2) and no allocation:
**   TIME METHOD PATH STATUS DURATIONms ACCOUNT [err=CODE]
** TIME is ISO 8601 UTC with milliseconds, PATH never has the query string
** (MHD gives the path without it; a query may hold a name or a phone
** number), bytes that could forge a line (control characters, blanks,
** quotes, backslash) are %XX, ACCOUNT is the logged-in login or "-", and
** CODE the lt_err code web_fail answered with.  The counts are atomics in
** one static table by route (the route table's pattern, never the raw
** path: a path cannot make new series), so the worker threads share them
** without a lock.
*/
#include "pages.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

/* ---- counts -------------------------------------------------------------- */
#define OPS_ROUTES 256 /* slots for the route table; one more for "no route" */
#define OPS_NONE OPS_ROUTES
/* The latency histogram's upper bounds, in seconds. */
static const double bucket_le[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define OPS_BUCKETS (int)(sizeof bucket_le / sizeof bucket_le[0])

typedef struct route_stats {
    atomic_ullong by_class[5];          /* answered 1xx .. 5xx */
    atomic_ullong bucket[OPS_BUCKETS];  /* durations at most bucket_le[i] and above the one before */
    atomic_ullong micros;               /* sum of durations */
} route_stats;

static route_stats stats[OPS_ROUTES + 1];
static atomic_ullong logins_failed;
static atomic_int log_on, log_min_status;
static const char *version = "?";

void web_set_version(const char *v) { version = v; }
void web_access_log_enable(int on) { atomic_store(&log_on, on); }
void web_access_log_min_status(int min) { atomic_store(&log_min_status, min); }

int web_log_open(const char *path, lt_err *e) {
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return lt_err_set(e, LT_EIO, "không mở được tệp nhật ký %s: %s", "cannot open the log file %s: %s",
                          path, strerror(errno));
    /* one atomic swap: a line being written goes whole to one file or the other */
    int r = fd == STDERR_FILENO ? 0 : dup2(fd, STDERR_FILENO);
    int saved = errno;
    if (fd != STDERR_FILENO) close(fd);
    if (r < 0)
        return lt_err_set(e, LT_EIO, "không dùng được tệp nhật ký %s: %s", "cannot use the log file %s: %s",
                          path, strerror(saved));
    return LT_OK;
}

long long web_clock_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* The slot of r's route (OPS_NONE when it had none: refused before the
** router, or no such page). */
static int route_slot(const web_req *r) {
    long i = r->route ? (long)(r->route - web_routes) : -1;
    return i >= 0 && i < web_route_count && i < OPS_ROUTES ? (int)i : OPS_NONE;
}

static int is_login(const web_route *rt) {
    return rt && rt->method[0] == 'P' && (rt->run == page_login || rt->run == api_session_login);
}

static void count(const web_req *r, long long ns) {
    route_stats *s = &stats[route_slot(r)];
    int cls = r->status / 100 - 1;
    if (cls < 0 || cls > 4) cls = 4;
    atomic_fetch_add_explicit(&s->by_class[cls], 1, memory_order_relaxed);
    double secs = (double)ns / 1e9;
    int b = 0;
    while (b < OPS_BUCKETS && secs > bucket_le[b]) b++;
    if (b < OPS_BUCKETS) atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->micros, (unsigned long long)(ns / 1000), memory_order_relaxed);
    if (is_login(r->route) && r->status >= 400) atomic_fetch_add_explicit(&logins_failed, 1, memory_order_relaxed);
}

/* ---- the access log -------------------------------------------------------- */
static const char *code_name(int code) {
    static const char *const names[] = {"LT_OK", "LT_EINPUT", "LT_EREFUSED", "LT_ENOTFOUND", "LT_ECONFLICT",
                                        "LT_EUSAGE", "LT_EDB", "LT_EIO", "LT_ENOMEM", "LT_EBUSY", "LT_EOOM"};
    return code >= 0 && code < (int)(sizeof names / sizeof names[0]) ? names[code] : "LT_E?";
}

/* Append s to line[*n..cap) with the bytes that could forge a line or a
** field as %XX; cut short at the end of line. */
static void put_safe(char *line, size_t cap, size_t *n, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p && *n + 4 < cap; p++) {
        if (*p <= 0x20 || *p == 0x7f || *p == '"' || *p == '\\' || *p == '%') {
            line[(*n)++] = '%';
            line[(*n)++] = hex[*p >> 4];
            line[(*n)++] = hex[*p & 15];
        } else {
            line[(*n)++] = (char)*p;
        }
    }
}

static void put_text(char *line, size_t cap, size_t *n, const char *s) {
    int k = snprintf(line + *n, cap - *n, "%s", s);
    if (k > 0) *n += (size_t)k < cap - *n ? (size_t)k : cap - *n - 1;
}

static void log_line(const web_req *r, long long ns) {
    char line[3 * WEB_MAX_PATH + 512], when[32];
    struct timespec t;
    struct tm tm;
    size_t n = 0;
    clock_gettime(CLOCK_REALTIME, &t);
    gmtime_r(&t.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    n = (size_t)snprintf(line, sizeof line, "%s.%03ldZ ", when, t.tv_nsec / 1000000);
    put_safe(line, sizeof line, &n, r->method);
    put_text(line, sizeof line, &n, " ");
    put_safe(line, sizeof line, &n, r->path);
    char tail[96];
    snprintf(tail, sizeof tail, " %d %.1fms ", r->status, (double)ns / 1e6);
    put_text(line, sizeof line, &n, tail);
    put_safe(line, sizeof line, &n, r->logged_in && r->ctx.actor[0] ? r->ctx.actor : "-");
    if (r->err_code) {
        put_text(line, sizeof line, &n, " err=");
        put_text(line, sizeof line, &n, code_name(r->err_code));
    }
    put_text(line, sizeof line, &n, "\n");
    line[n - 1] = '\n'; /* a line cut short still ends */
    ssize_t w = write(STDERR_FILENO, line, n);
    (void)w; /* nowhere to say that the log failed */
}

void web_access_done(const web_req *r) {
    long long ns = r->arrived_ns ? web_clock_ns() - r->arrived_ns : 0;
    if (ns < 0) ns = 0;
    count(r, ns);
    if (atomic_load_explicit(&log_on, memory_order_relaxed)
        && r->status >= atomic_load_explicit(&log_min_status, memory_order_relaxed))
        log_line(r, ns);
}

/* ---- /healthz --------------------------------------------------------------- */
/* Below this much free space on the database's disk, /healthz fails: a
** write would soon fail with the disk full. */
#define HEALTH_MIN_FREE (16LL << 20)

/* Free bytes for us on the file system of the database's folder (on
** PostgreSQL, whose disk is its server's to watch, of the folder of our
** temporary files: uploads, imports, bulletins); -1. */
static long long disk_free(const char *db_path) {
    char dir[4096];
    if (db_is_postgresql(db_path)) {
        const char *tmp = getenv("TMPDIR");
        snprintf(dir, sizeof dir, "%s", tmp && *tmp ? tmp : "/tmp");
    } else {
        snprintf(dir, sizeof dir, "%s", db_path);
        char *slash = strrchr(dir, '/');
        if (!slash) snprintf(dir, sizeof dir, ".");
        else if (slash == dir) dir[1] = 0;
        else *slash = 0;
    }
    struct statvfs v;
    if (statvfs(dir, &v)) return -1;
    return (long long)v.f_bavail * (long long)v.f_frsize;
}

/* "ok", or what is wrong with the database: its file is gone or not ours
** to read and write, or it does not answer a trivial query (on
** PostgreSQL, in a read that makes a lost connection again). */
static const char *database_state(void) {
    const char *path = web_db_path();
    struct stat st;
    if (!db_is_postgresql(path)) { /* (SQLite's file) */
        if (stat(path, &st)) return "missing";
        if (access(path, R_OK | W_OK)) return "unreadable";
    }
    lt_err ignore = {0};
    lt_ctx c = {.db = web_thread_db(&ignore)};
    if (!c.db || db_read_begin(c.db, &ignore)) return "error";
    int any = person_any(&c);
    db_read_end(c.db);
    return any < 0 ? "error" : "ok";
}

int page_healthz(web_req *r, lt_err *e) {
    (void)e;
    const char *db = database_state();
    long long free_bytes = disk_free(web_db_path());
    int disk_ok = free_bytes >= HEALTH_MIN_FREE, ok = disk_ok && !strcmp(db, "ok");
    json_t *o = json_pack("{ss ss sI ss}", "status", ok ? "ok" : "error", "database", db, "disk_free_bytes",
                          (json_int_t)free_bytes, "version", version);
    if (o && !disk_ok) json_object_set_new(o, "disk", json_string(free_bytes < 0 ? "unknown" : "low"));
    web_json(r, o);
    r->status = ok ? 200 : 503;
    return LT_OK;
}

int web_ops_early(web_req *r) {
    if (strcmp(r->path, "/healthz") || (strcmp(r->method, "GET") && strcmp(r->method, "HEAD"))) return 0;
    for (int i = 0; i < web_route_count; i++)
        if (web_routes[i].run == page_healthz) r->route = &web_routes[i];
    lt_err e = {0};
    if (page_healthz(r, &e)) web_fail(r, &e);
    return 1;
}

/* ---- /metrics ---------------------------------------------------------------- */
/* Is the real TCP peer this machine (and not a trusted proxy relaying a
** client)?  X-Forwarded-For never makes it so. */
static int from_loopback(const web_req *r) {
    return !r->proxied && (!strncmp(r->peer, "127.", 4) || !strcmp(r->peer, "::1") ||
                           !strncmp(r->peer, "::ffff:127.", 11));
}

static void route_labels(lt_buf *b, int slot) {
    if (slot == OPS_NONE) lt_buf_puts(b, "method=\"-\",route=\"-\"");
    else lt_buf_printf(b, "method=\"%s\",route=\"%s\"", web_routes[slot].method, web_routes[slot].pattern);
}

static void metrics_requests(lt_buf *b) {
    lt_buf_puts(b, "# HELP lamtheo_http_requests_total Requests answered, by route and status class.\n"
                   "# TYPE lamtheo_http_requests_total counter\n");
    for (int s = 0; s <= OPS_ROUTES; s++) {
        if (s != OPS_NONE && s >= web_route_count) continue;
        for (int c = 0; c < 5; c++) {
            unsigned long long v = atomic_load_explicit(&stats[s].by_class[c], memory_order_relaxed);
            if (!v) continue;
            lt_buf_puts(b, "lamtheo_http_requests_total{");
            route_labels(b, s);
            lt_buf_printf(b, ",status=\"%dxx\"} %llu\n", c + 1, v);
        }
    }
}

static void metrics_latency(lt_buf *b) {
    lt_buf_puts(b, "# HELP lamtheo_http_request_duration_seconds Time from a request's arrival to its "
                   "answer sent, by route.\n# TYPE lamtheo_http_request_duration_seconds histogram\n");
    for (int s = 0; s <= OPS_ROUTES; s++) {
        if (s != OPS_NONE && s >= web_route_count) continue;
        unsigned long long total = 0, cum = 0;
        for (int c = 0; c < 5; c++) total += atomic_load_explicit(&stats[s].by_class[c], memory_order_relaxed);
        if (!total) continue;
        for (int k = 0; k < OPS_BUCKETS; k++) {
            cum += atomic_load_explicit(&stats[s].bucket[k], memory_order_relaxed);
            lt_buf_puts(b, "lamtheo_http_request_duration_seconds_bucket{");
            route_labels(b, s);
            lt_buf_printf(b, ",le=\"%g\"} %llu\n", bucket_le[k], cum < total ? cum : total);
        }
        lt_buf_puts(b, "lamtheo_http_request_duration_seconds_bucket{");
        route_labels(b, s);
        lt_buf_printf(b, ",le=\"+Inf\"} %llu\nlamtheo_http_request_duration_seconds_sum{", total);
        route_labels(b, s);
        lt_buf_printf(b, "} %.6f\nlamtheo_http_request_duration_seconds_count{",
                      (double)atomic_load_explicit(&stats[s].micros, memory_order_relaxed) / 1e6);
        route_labels(b, s);
        lt_buf_printf(b, "} %llu\n", total);
    }
}

static void metrics_gauge(lt_buf *b, const char *name, const char *type, const char *help, long long v) {
    lt_buf_printf(b, "# HELP %s %s\n# TYPE %s %s\n%s %lld\n", name, help, name, type, name, v);
}

static long long file_size(const char *path, const char *suffix) {
    char p[4200];
    struct stat st;
    snprintf(p, sizeof p, "%s%s", path, suffix);
    return stat(p, &st) ? 0 : (long long)st.st_size;
}

int page_metrics(web_req *r, lt_err *e) {
    if (!from_loopback(r) && !(r->logged_in && r->ctx.role == ROLE_ADMIN))
        return lt_err_set(e, LT_ENOTFOUND, "không có trang này", "there is no such page");
    ind_work w;
    ind_work_done(&w);
    lt_buf *b = &r->out;
    r->ctype = "text/plain; version=0.0.4; charset=utf-8";
    lt_buf_reset(b);
    lt_buf_printf(b, "# HELP lamtheo_info The running version.\n# TYPE lamtheo_info gauge\n"
                     "lamtheo_info{version=\"%s\"} 1\n", version);
    metrics_requests(b);
    metrics_latency(b);
    lt_err none = {0};
    lt_db *db = web_thread_db(&none);
    metrics_gauge(b, "lamtheo_database_bytes", "gauge", "Size of the database (SQLite's file, PostgreSQL's"
                  " database).", db ? db_bytes(db) : -1);
    if (!db_is_postgresql(web_db_path()))
        metrics_gauge(b, "lamtheo_database_wal_bytes", "gauge", "Size of the database's write-ahead log.",
                      file_size(web_db_path(), "-wal"));
    metrics_gauge(b, "lamtheo_indicator_computed_total", "counter", "Indicator results computed in full.",
                  w.computed);
    metrics_gauge(b, "lamtheo_indicator_tallied_total", "counter",
                  "Years whose registration tally alone was counted (what waits in another year).", w.tallied);
    metrics_gauge(b, "lamtheo_indicator_waiting_below_total", "counter",
                  "What waits in another year counted from one unit down, its tally not at hand.",
                  w.counted_below);
    metrics_gauge(b, "lamtheo_indicator_patched_total", "counter",
                  "Cached indicator years brought up to date from logged changes.", w.patched);
    metrics_gauge(b, "lamtheo_indicator_cache_hits_total", "counter",
                  "Indicator results served from the cache as they were (nothing computed).", w.hits);
    metrics_gauge(b, "lamtheo_indicator_rated_total", "counter", "Years whose trend rates were worked out.",
                  w.rated);
    metrics_gauge(b, "lamtheo_indicator_rates_kept_total", "counter",
                  "Years whose trend rates were read as the database kept them.", w.kept);
    metrics_gauge(b, "lamtheo_logins_failed_total", "counter", "Log-in attempts refused.",
                  (long long)atomic_load_explicit(&logins_failed, memory_order_relaxed));
    return LT_OK;
}
