/*
** web.h — the web layer: `lamtheo serve` (libmicrohttpd), one route table
** for pages and the JSON API with the flags the router enforces (login,
** roles, scope, CSRF on writes), the request object handlers work with,
** HTML output that escapes by default, forms, and SVG charts.  Calls the
** domain API only; never SQL.
*/
#ifndef LT_WEB_H
#define LT_WEB_H

#include "../core/core.h"
#include "../domain/domain.h"
#include "../io/io.h"

/* ---- bounds on what a client may send ------------------------------------ */
#define WEB_MAX_BODY      (16 << 20) /* an upload */
#define WEB_MAX_FORM      (256 << 10) /* a form or JSON body */
#define WEB_MAX_PARAMS    200
#define WEB_MAX_NAME      64
#define WEB_MAX_VALUE     (64 << 10)
#define WEB_MAX_PATH      1024
#define WEB_FILE_STEM     100        /* bytes of a download's name kept before its extension */

/* How long a page waits for another process's lock on the database (a
** command line import) before answering 503, and the Retry-After it gives. */
#define WEB_BUSY_WAIT_MS  5000
#define WEB_RETRY_AFTER   30

#define WEB_MAX_FORWARDED 4096       /* X-Forwarded-For, all its headers joined */
#define WEB_REQUEST_TIMEOUT 30       /* seconds: an idle connection, a request's header */
#define WEB_MAX_CONNECTIONS 1024     /* at once; each has at most one request in the write lane */
#define WEB_MIN_RATE      (32 << 10) /* bytes a second a body must arrive at, at least */

/* ---- parameters: query string, form body, cookies ---------------------- */
typedef struct web_param { char *name, *value; } web_param;
typedef struct web_params { web_param *v; int n, cap; } web_params;

/* Parse application/x-www-form-urlencoded text s[0..n) into p (names and
** values percent-decoded, '+' as space, values NFC).  Refuses more than
** WEB_MAX_PARAMS pairs, names or values past their bounds, invalid UTF-8 or
** NUL bytes, with e naming the field. */
int web_parse_urlencoded(const char *s, size_t n, web_params *p, lt_err *e);
/* Add one pair (copied; value checked and NFC-normalised like a form's). */
int web_params_add(web_params *p, const char *name, const char *value, size_t vlen, lt_err *e);
/* A JSON request body: an object (a new reference in *out) whose string
** members are made NFC; LT_EINPUT naming the line and column otherwise. */
struct json_t;
int web_json_body(const char *data, size_t n, struct json_t **out, lt_err *e);
/* The value of name (lent; NULL if absent). */
const char *web_param_get(const web_params *p, const char *name);
void web_params_free(web_params *p);
/* Set parameter name to value (added if absent). */
int web_param_replace(web_params *p, const char *name, const char *value, lt_err *e);

/* ---- the request ---------------------------------------------------------- */
struct web_route;

typedef struct web_req {
    /* what came in */
    char method[8];
    char path[WEB_MAX_PATH];
    char addr[64];
    web_params query, form, cookies;
    const char *content_type;  /* lent by the server for the request's life */
    const char *csrf_header;   /* X-CSRF-Token, lent likewise */
    lt_buf body;               /* the raw body, bounded */
    lt_buf upload;             /* a multipart file field ("tep"), bounded */
    char upload_name[256];     /* its file name as sent */
    int is_api, lang_en;
    int https;                 /* came over HTTPS (a trusted proxy says so): cookies are Secure */
    char peer[64];             /* the TCP peer's own address (addr may be X-Forwarded-For's) */
    int proxied;               /* a trusted proxy relayed it for a client (X-Forwarded-For) */
    long long arrived_ns;      /* when it arrived (CLOCK_MONOTONIC), for the access log */
    int err_code;              /* the lt_err code web_fail answered with (0: none), for the log */
    /* who asks */
    lt_ctx ctx;
    int logged_in;
    char csrf[44];
    char token[44];
    /* the matched route and its path arguments ('*' segments, decoded) */
    const struct web_route *route;
    char args[3][256];
    /* what goes out */
    int status;
    const char *ctype;
    lt_buf out;
    char cookies_out[3][200];
    int ncookies_out;
    char location[WEB_MAX_PATH + 64];
    char allow[64];
    char disposition[WEB_FILE_STEM * 9 + 128]; /* Content-Disposition of a download, or "" */
    int retry_after;           /* seconds for a Retry-After header (503), or 0 */
    int unit_picker;           /* the page has a unit picker: html_end adds its script */
} web_req;

/* Mark the form of the page in r->out that posts to post_path, sent with
** the mistake e: what was typed put back, the problem beside its field and
** at the top (form_again.c).  LT_OK or LT_EOOM. */
int web_form_mark(web_req *r, const char *post_path, const lt_err *e);
/* A unit given by name in parameter `param` of a page (not the API):
** rewritten to its code when the name means one unit of the actor's part,
** else a page to choose from (*answered set); LT_ENOTFOUND when none. */
int web_unit_by_name(web_req *r, const char *param, int *answered, lt_err *e);

/* ---- routes ---------------------------------------------------------------- */
enum {
    WR_LOGIN = 1,     /* needs a session */
    WR_WRITE = 2,     /* changes data: CSRF token checked, one transaction */
    WR_API = 4,       /* JSON in and out */
    WR_PUBLIC = 8,    /* /cong-khai/: no login, published material only */
    WR_OWN_TX = 16,   /* a write whose handler commits its own steps, outside any
                      ** transaction of the router's: logging in, whose failure record
                      ** must stay whatever the answer, and whose password check must
                      ** not hold the write lock */
    WR_PENDING = 32   /* open to an account logged in with its activation code, which
                      ** every other route sends to choose its password first */
};
/* Roles allowed, as a mask of 1 << role. */
#define ROLES_ALL ((1u << ROLE_ADMIN) | (1u << ROLE_OFFICER) | (1u << ROLE_MEMBER) | (1u << ROLE_VIEWER))
#define ROLES_STAFF ((1u << ROLE_ADMIN) | (1u << ROLE_OFFICER) | (1u << ROLE_VIEWER))
#define ROLES_WRITERS ((1u << ROLE_ADMIN) | (1u << ROLE_OFFICER))
#define ROLES_ADMIN (1u << ROLE_ADMIN)

/* How the router checks that a request stays inside the actor's subtree. */
typedef enum {
    SCOPE_NONE = 0,   /* nothing unit-specific */
    SCOPE_UNIT,       /* args[0] (or ?don_vi / ?unit) is a unit code in the actor's subtree */
    SCOPE_PERSON,     /* args[0] is a person code: in the subtree, or the member themself */
    SCOPE_REG         /* args[0] is a registration id: same rule, by its person */
} web_scope;

typedef int (*web_handler)(web_req *r, lt_err *e);

typedef struct web_route {
    const char *method, *pattern; /* '*' matches one path segment */
    unsigned flags, roles;
    web_scope scope;
    web_handler run;
    const char *help_vi, *help_en;
} web_route;

extern const web_route web_routes[];
extern const int web_route_count;

/* Run the request through the router (method, login, role, scope, CSRF)
** and its handler; fills r->status, r->out, headers. */
void web_dispatch(web_req *r);
/* The page's language from ?lang= (kept in a cookie) or the lang cookie;
** also for requests refused before they reach the router. */
void web_pick_language(web_req *r);

/* ---- output helpers -------------------------------------------------------- */
/* Text in the user's language. */
#define TR(r, vi, en) ((r)->lang_en ? (en) : (vi))
/* Append text escaped for HTML (also safe inside quoted attributes). */
void html_text(web_req *r, const char *s);
/* Append trusted markup as it is. */
void html_raw(web_req *r, const char *s);
/* printf into the page: %s is ESCAPED, %S is trusted raw, %U is URL-encoded,
** %d %ld %lld %zu numbers as they are (years, ids, anything in a URL or an
** attribute), %N a count a person reads, a long long with the page's
** separator of thousands ("25.000 người", English "25,000"; as
** report_int_vi writes documents), %% a percent sign; any other
** conversion ends the output there (a mistake of ours that the pages'
** tests show). */
void html_printf(web_req *r, const char *fmt, ...);
/* Open the page (doctype, head, header, navigation) and close it. */
void html_begin(web_req *r, const char *title);
void html_end(web_req *r);
/* A hidden CSRF field for a form. */
void html_csrf(web_req *r);
/* A rate in tenths as "98,8%" or "—". */
void html_rate(web_req *r, long tenths);
/* A cell as a person reads it: a status or a vocabulary code in words
** (every code begins with a small Latin letter; names, numbers and dates,
** most cells, are not looked for among them); anything else as it is. */
const char *html_cell_words(web_req *r, const char *v);
/* Rows as an HTML table; cols lists the columns to show with their
** headings (NULL-terminated pairs name, "Vietnamese|English" heading;
** "#Vietnamese|English" for a column of counts, its whole numbers
** printed as %N prints them).  link_col/link_prefix make that column a
** link to prefix + value. */
void html_rows(web_req *r, const dom_rows *rows, const char *const *cols, const char *link_col,
               const char *link_prefix);

/* Rows as a JSON array of objects (all columns): sent, or made (a new
** reference).  Values keep their type: integers (ids, years, counts,
** flags) and reals as numbers, NULL as null, text as strings. */
void json_rows(web_req *r, const dom_rows *rows);
struct json_t;
struct json_t *json_rows_array(const dom_rows *rows);
/* Row i as an object, and one cell, the same way (new references). */
struct json_t *json_row(const dom_rows *rows, long i);
struct json_t *json_cell(const dom_rows *rows, long i, int c);
/* Send an object as the JSON response (takes the reference). */
void web_json(web_req *r, struct json_t *o);

/* Redirect to a local path (303 after a POST). */
void web_redirect(web_req *r, const char *path);
/* Render an error for the user: an HTML page or a JSON error, in the
** user's language, with the HTTP status of its code. */
void web_fail(web_req *r, const lt_err *e);
/* Serve the response as a download of type ctype named name (with its
** extension): Content-Disposition (RFC 6266) with a plain ASCII name of
** A-Z a-z 0-9 . _ - only (Vietnamese without its marks, every other run of
** characters one '-': "Báo cáo Sơn Định.pdf" -> "Bao-cao-Son-Dinh.pdf") and
** the UTF-8 name (the same runs, Vietnamese kept) percent-encoded as
** filename*=UTF-8''...; the stem is cut at WEB_FILE_STEM bytes.  Every
** download goes through it: a code or name with a quote or a semicolon
** cannot end the header's value. */
void web_attachment(web_req *r, const char *ctype, const char *name);
/* Set a cookie (HttpOnly, SameSite=Lax, Path=/; Secure when the request
** came over HTTPS). max_age < 0 deletes it. */
void web_set_cookie(web_req *r, const char *name, const char *value, long max_age);

/* ---- charts ----------------------------------------------------------------- */
/* Horizontal bars of two rates per label (tenths; -1 absent). */
void svg_bars(web_req *r, const char *title, const char *const *labels, const long *rate_a,
              const long *rate_b, int n, const char *legend_a, const char *legend_b);
/* A line of rates over years. */
void svg_trend(web_req *r, const char *title, const int *years, const long *rates_a,
               const long *rates_b, int n, const char *legend_a, const char *legend_b);

/* ---- the server --------------------------------------------------------- */
typedef struct web_serve_opts {
    const char *listen;          /* "ADDR:PORT" or "[ADDR6]:PORT" */
    const char *trusted_proxies; /* "ADDR[,ADDR...]" whose X-Forwarded-* are believed, or NULL */
    unsigned timeout;            /* seconds (1-3600): an idle connection, a request's header */
    unsigned stop_wait;          /* seconds (1-300) in-flight requests get on SIGTERM; 0: WEB_STOP_WAIT */
    const char *log_file;        /* the log's file (SIGHUP reopens it), or NULL: standard error as it is */
} web_serve_opts;
#define WEB_STOP_WAIT 10 /* seconds: LAMTHEO_STOP_WAIT's default */
/* Serve until SIGINT/SIGTERM, then stop gracefully: no new connection is
** taken, the requests in flight get stop_wait seconds to finish (a second
** signal ends the wait), the daemon stops, the WAL is checkpointed and the
** database closed.  LT_EUSAGE for a bad address, proxy list or timeout. */
int web_serve(const char *db_path, const web_serve_opts *o, lt_err *e);
/* The same server on db_path without a listening socket or threads (nor
** the deadline watcher), 127.0.0.1 its trusted proxy, for
** tests/fuzz/fuzz_http.c: the caller adds each connection with
** MHD_add_connection and runs it with MHD_run in its own thread, and stops
** it with MHD_stop_daemon.  NULL (e filled) if the database does not open. */
struct MHD_Daemon;
struct MHD_Daemon *web_server_start_for_fuzz(const char *db_path, lt_err *e);
/* The database of the calling worker thread (opened on first use). */
lt_db *web_thread_db(lt_err *e);

/* ---- behind a reverse proxy (proxy.c) ------------------------------------ */
#define WEB_MAX_PROXIES 16
/* Addresses as 16 bytes of IPv6, IPv4 mapped into ::ffff:0:0/96. */
typedef struct web_proxies { int n; unsigned char a[WEB_MAX_PROXIES][16]; } web_proxies;
/* Parse "ADDR[,ADDR...]" (IPv4 or IPv6, blanks around commas allowed; ""
** gives none) into p.  LT_EUSAGE naming an entry that is not an address. */
int web_proxies_parse(const char *list, web_proxies *p, lt_err *e);
/* Is addr (an address as inet_ntop writes it) one of p? */
int web_proxies_has(const web_proxies *p, const char *addr);
/* The client's address from X-Forwarded-For xff ("A, B, C", as a trusted
** proxy sent it): the right-most entry that is not one of p, or the
** left-most if all are; entries may carry a port ("1.2.3.4:5", "[::1]:5").
** Written to out in inet_ntop's form (IPv4 dotted).  LT_EINPUT, out
** untouched, when xff is empty, longer than WEB_MAX_FORWARDED, or an entry
** read on the way is not an address: the caller keeps the peer's. */
int web_forwarded_for(const web_proxies *p, const char *xff, char out[64]);
/* Does an X-Forwarded-Proto value (NULL: absent) say https?  Its first
** element, ignoring case and blanks. */
int web_forwarded_https(const char *proto);

/* ---- connection deadlines (watch.c) -------------------------------------- */
/* One open connection and the time by which what it sends must be complete. */
typedef struct web_conn web_conn;
/* Register the connection on socket fd (addr for the log) with a deadline
** seconds from now; NULL without memory.  Given: web_conn_close frees it. */
web_conn *web_conn_open(int fd, const char *addr, double seconds);
/* Unregister and free it (NULL is ignored); before its socket is closed. */
void web_conn_close(web_conn *wc);
/* Its deadline: seconds from now, or none when seconds <= 0 (NULL ignored). */
void web_conn_deadline(web_conn *wc, double seconds);
/* Start the thread that shuts down (shutdown(2)) every registered socket
** within 100 ms of passing its deadline; stop it (before the connections
** are freed).  Without it, deadlines are only recorded. */
int web_watch_start(lt_err *e);
void web_watch_stop(void);

/* ---- the write lane (lane.c) --------------------------------------------- */
/* A job of the lane: run on one of its threads; cancelled when the lane
** stopped before it began (it must then do nothing but let its request go). */
typedef void (*web_lane_fn)(void *arg, int cancelled);
/* Start threads (1–64) that run pushed jobs in the order pushed. */
int web_lane_start(unsigned threads, lt_err *e);
/* Queue run(arg): LT_OK, or LT_EBUSY when the lane is not running (the
** caller answers the request itself). */
int web_lane_push(web_lane_fn run, void *arg);
/* Take no more jobs, cancel those queued, let those under way finish, and
** join the threads. */
void web_lane_stop(void);

/* ---- logs, health and metrics (ops.c) ------------------------------------ */
/* The version /healthz and /metrics give (set by the command line). */
void web_set_version(const char *version);
/* Write access-log lines (`serve` turns them on; the fuzz target not). */
void web_access_log_enable(int on);
/* Log only requests answered with a status of at least min (`serve`:
** LAMTHEO_LOG_LEVEL; 0, every request, by default). */
void web_access_log_min_status(int min);
/* Standard error (the log) appended to the file at path, created 0640 if
** need be: at the start of `serve` with LAMTHEO_LOG_FILE, and again on
** SIGHUP after logrotate moved it.  On failure the old one stays. */
int web_log_open(const char *path, lt_err *e);
/* A request is over: its access-log line to stderr (one write) and its
** counts for /metrics (atomics).  Not for one that got no answer. */
void web_access_done(const web_req *r);
/* /healthz is answered before the router's session and form (it must
** answer when the database does not open): 1 when r was it. */
int web_ops_early(web_req *r);
/* CLOCK_MONOTONIC in nanoseconds (a request's arrival). */
long long web_clock_ns(void);
/* The database file the server serves (server.c). */
const char *web_db_path(void);

/* ---- static files (embedded) -------------------------------------------- */
int web_static(web_req *r, const char *name);

#endif
