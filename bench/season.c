/*
** season.c — the registration season's load client (issue 22), one process
** that does not fork per request: libcurl's multi interface drives every
** simulated user's keep-alive connection from one thread.
**
**   season setup DB YEAR MEMBERS SECRETARIES DIR
**       picks SECRETARIES grassroots committees with active members in
**       their cells (more, up to 900, while they hold fewer than MEMBERS)
**       and up to MEMBERS members under them who have no registration of
**       YEAR; gives each an account (members: member,
**       secretaries: officer of their committee, 'mua.doc': admin for the
**       dashboards, 'mua.that.N': 16 members whose passwords are hashed at
**       the project's own Argon2id parameters) and writes DIR/members,
**       DIR/secretaries, DIR/units and DIR/logins.  The season's accounts'
**       passwords are hashed at libsodium's minimum so that thousands of
**       logins fit in the run; what a login really costs is `season logins`.
**   season run URL DIR YEAR SECONDS MEMBER_CONNS
**       the season for SECONDS: MEMBER_CONNS connections each logging in
**       one member after another (password), opening their page (where
**       /cua-toi leads), starting the YEAR registration, adding 3 items
**       and submitting; each secretary listing what waits in its subtree
**       and approving it, and when nothing waits looking again after a
**       second (more with over 200 secretaries: 200 looks a second); 2
**       connections reading, 25 times a second each, dashboards of the
**       secretaries' units and (one in four) the public list of last
**       year.  Prints each kind's count, rate, p50 and p99, the failures,
**       the writes acknowledged (`ack ...` for season.sh to compare with
**       the database), its own CPU seconds, and whether the members ran
**       out before the end (the rate is then theirs, not the server's).
**   season quiet URL DIR YEAR SECONDS
**       the 2 reading connections alone: the dashboards without the season.
**   season logins URL DIR
**       one login alone (median of 5), then 16 at once: p50 and p99.
**   season store DB DIR YEAR SECONDS
**       the store's own ceiling: the same rows (registration, items,
**       submission, approval, each with its audit row, the tallies by the
**       schema's triggers) written by plain SQLite transactions of the same
**       shape, one after another from this process.
*/
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SEASON_PASSWORD "mua-dang-ky-2026"
#define REAL_LOGINS 16
#define READER_CONNS 2
#define LOGIN_BATCH 16   /* secretaries logging in at once, under the 30 failures per address */
#define READER_RATE 25 /* requests a second on each reading connection */
#define ITEMS_EACH 3
#define MIN_MEMBERS 20   /* a committee with fewer gets no secretary in the season */
#define MOST_UNITS 900   /* committees (secretaries' connections) when members are short: the server takes 1,024 */
#define QUEUE_LOOKS 200  /* the secretaries' looks a second at an empty queue, all together */

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void die(const char *what) {
    fprintf(stderr, "season: %s\n", what);
    exit(1);
}

/* ---- setup ------------------------------------------------------------ */

static void exec_or_die(sqlite3 *db, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "season: %s\n  in: %.200s\n", msg, sql);
        exit(1);
    }
}

static sqlite3_stmt *prep(sqlite3 *db, const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "season: %s\n  in: %.200s\n", sqlite3_errmsg(db), sql);
        exit(1);
    }
    return st;
}

static FILE *open_out(const char *dir, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) die(path);
    return f;
}

static void add_account(sqlite3_stmt *ins, const char *login, const char *hash, const char *role,
                        long long unit, long long person) {
    sqlite3_reset(ins);
    sqlite3_bind_text(ins, 1, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, role, -1, SQLITE_STATIC);
    if (unit) sqlite3_bind_int64(ins, 4, unit); else sqlite3_bind_null(ins, 4);
    if (person) sqlite3_bind_int64(ins, 5, person); else sqlite3_bind_null(ins, 5);
    if (sqlite3_step(ins) != SQLITE_DONE) die("cannot add an account");
}

/* Members under one committee: active people of its cells this year. */
static const char *MEMBERS_SQL =
    "SELECT p.id, p.code FROM unit_parent up JOIN person p ON p.unit_id=up.unit_id"
    " WHERE up.parent_id=?1 AND up.valid_to IS NULL AND p.active_to IS NULL AND p.category='party_member'"
    " AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.person_id=p.id AND r.year=?2)"
    " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id=p.id) LIMIT ?3";

/* Accounts for up to `want` members of committee uid (mua.FIRST, ...),
** listed in fm; none (0) when fewer than MIN_MEMBERS are there: such a
** committee is not worth a secretary. */
static int unit_members(sqlite3 *db, sqlite3_stmt *mem, sqlite3_stmt *ins, const char *hash, FILE *fm,
                        long long uid, int year, int want, int first) {
    char login[64];
    sqlite3_reset(mem);
    sqlite3_bind_int64(mem, 1, uid);
    sqlite3_bind_int(mem, 2, year);
    sqlite3_bind_int(mem, 3, want);
    exec_or_die(db, "SAVEPOINT unit");
    int n = 0;
    long at = ftell(fm);
    while (sqlite3_step(mem) == SQLITE_ROW) {
        snprintf(login, sizeof login, "mua.%d", first + n);
        fprintf(fm, "%s\t%s\n", login, (const char *)sqlite3_column_text(mem, 1));
        add_account(ins, login, hash, "member", 0, sqlite3_column_int64(mem, 0));
        n++;
    }
    if (n >= MIN_MEMBERS) {
        exec_or_die(db, "RELEASE unit");
        return n;
    }
    exec_or_die(db, "ROLLBACK TO unit; RELEASE unit");
    if (fseek(fm, at, SEEK_SET)) die("members file");
    return 0;
}

static int cmd_setup(int argc, char **argv) {
    if (argc != 7) die("usage: season setup DB YEAR MEMBERS SECRETARIES DIR");
    int year = atoi(argv[3]), members = atoi(argv[4]), secs = atoi(argv[5]);
    const char *dir = argv[6];
    if (sodium_init() < 0) die("libsodium");
    char cheap[crypto_pwhash_STRBYTES], real[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(cheap, SEASON_PASSWORD, strlen(SEASON_PASSWORD), crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) ||
        crypto_pwhash_str(real, SEASON_PASSWORD, strlen(SEASON_PASSWORD), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE))
        die("cannot hash the password");
    sqlite3 *db;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die("cannot open the database");
    sqlite3_busy_timeout(db, 10000);
    exec_or_die(db, "BEGIN IMMEDIATE");
    sqlite3_stmt *ins = prep(db, "INSERT INTO account(login, password_hash, role, scope_unit_id, person_id,"
                                 " created_at) VALUES (?,?,?,?,?,strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
    /* committees spread over the country: every k-th one with members */
    sqlite3_stmt *units = prep(db, "SELECT u.id, u.code FROM unit u WHERE u.kind='grassroots_committee'"
                                   " AND u.active_to IS NULL ORDER BY (u.id * 2654435761) % 1000003");
    sqlite3_stmt *mem = prep(db, MEMBERS_SQL);
    FILE *fm = open_out(dir, "members"), *fs = open_out(dir, "secretaries"), *fu = open_out(dir, "units");
    int per = (members + secs - 1) / secs, got_units = 0, got_members = 0;
    char login[64];
    /* SECRETARIES committees, and more (up to MOST_UNITS) while members are short */
    while ((got_units < secs || (got_members < members && got_units < MOST_UNITS)) &&
           sqlite3_step(units) == SQLITE_ROW) {
        long long uid = sqlite3_column_int64(units, 0);
        char ucode[64];
        snprintf(ucode, sizeof ucode, "%s", (const char *)sqlite3_column_text(units, 1));
        int want = members - got_members < per ? members - got_members : per;
        if (want < MIN_MEMBERS) want = MIN_MEMBERS; /* (a secretary's committee, members enough) */
        int n = unit_members(db, mem, ins, cheap, fm, uid, year, want, got_members);
        if (n == 0) continue;
        got_members += n;
        snprintf(login, sizeof login, "mua.bithu.%d", got_units);
        fprintf(fs, "%s\t%s\n", login, ucode);
        fprintf(fu, "%s\n", ucode);
        add_account(ins, login, cheap, "officer", uid, 0);
        got_units++;
    }
    if (got_units == 0) die("no grassroots committee with members");
    add_account(ins, "mua.doc", cheap, "admin", 0, 0);
    /* the 16 logins at the project's parameters: party members without an account */
    FILE *fl = open_out(dir, "logins");
    sqlite3_stmt *any = prep(db, "SELECT id FROM person WHERE active_to IS NULL AND category='party_member'"
                                 " AND NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id=person.id) LIMIT 16");
    for (int i = 0; i < REAL_LOGINS && sqlite3_step(any) == SQLITE_ROW; i++) {
        snprintf(login, sizeof login, "mua.that.%d", i);
        add_account(ins, login, real, "member", 0, sqlite3_column_int64(any, 0));
        fprintf(fl, "%s\n", login);
    }
    sqlite3_finalize(any);
    sqlite3_finalize(ins);
    sqlite3_finalize(units);
    sqlite3_finalize(mem);
    exec_or_die(db, "COMMIT");
    if (fflush(fm) || ftruncate(fileno(fm), ftell(fm))) die("members file");
    sqlite3_close(db);
    fclose(fm);
    fclose(fs);
    fclose(fu);
    fclose(fl);
    printf("season: %d members under %d grassroots committees, %d secretaries, 1 reader, %d logins at the"
           " project's parameters\n", got_members, got_units, got_units, REAL_LOGINS);
    return 0;
}

/* ---- lists read back -------------------------------------------------- */

typedef struct { char a[64], b[64]; } pair;
typedef struct { pair *v; int n; } pairs;

static pairs read_pairs(const char *dir, const char *name) {
    char path[4096], line[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "r");
    if (!f) die(path);
    pairs p = {0};
    int cap = 0;
    while (fgets(line, sizeof line, f)) {
        if (p.n == cap) {
            cap = cap ? 2 * cap : 256;
            p.v = realloc(p.v, (size_t)cap * sizeof *p.v);
            if (!p.v) die("out of memory");
        }
        pair *x = &p.v[p.n];
        line[strcspn(line, "\n")] = 0;
        char *tab = strchr(line, '\t');
        if (tab) *tab++ = 0;
        snprintf(x->a, sizeof x->a, "%.63s", line);
        snprintf(x->b, sizeof x->b, "%.63s", tab ? tab : "");
        p.n++;
    }
    fclose(f);
    return p;
}

/* ---- latencies -------------------------------------------------------- */

enum { K_LOGIN, K_PAGE, K_CREATE, K_ITEM, K_SUBMIT, K_QUEUE, K_APPROVE, K_DASH, K_PUBLIC, K_N };
static const char *const kind_name[K_N] = {
    "login (member, password)", "member's page /nguoi/CODE", "start registration (write)", "add item (write)",
    "submit (write)", "approval list of the subtree", "approve (write)", "dashboard of a committee",
    "public registrations page"};
static const int kind_writes[K_N] = {0, 0, 1, 1, 1, 0, 1, 0, 0};

typedef struct {
    double *v;
    long n, cap, failed;
} samples;

static samples lat[K_N];

static void sample_add(samples *s, double ms) {
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 4096;
        s->v = realloc(s->v, (size_t)s->cap * sizeof *s->v);
        if (!s->v) die("out of memory");
    }
    s->v[s->n++] = ms;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* nearest rank */
static double pct(samples *s, double p) {
    if (s->n == 0) return 0;
    long k = (long)(p * (double)s->n + 0.999999);
    if (k < 1) k = 1;
    if (k > s->n) k = s->n;
    return s->v[k - 1];
}

/* ---- one simulated user ----------------------------------------------- */

enum { MEMBER, SECRETARY, READER };

typedef struct actor {
    int role, kind, busy, done;
    CURL *h;
    struct curl_slist *hdr;
    char *body;
    size_t len, cap;
    char csrf[64], post[512], url[512];
    const char *login, *person, *unit;
    long long reg;
    int items;
    long long queue[1000];
    int queued, next;
    double wake, due; /* idle until wake; a reader's next request is due */
    long turn;
} actor;

static const char *base_url;
static int season_year;
static double season_start, season_end;
static pairs members, secretaries, units;
static int next_member;
static long ack_regs, ack_items, ack_submits, ack_approvals, transport_errors;

static size_t on_body(char *p, size_t size, size_t n, void *cls) {
    actor *a = cls;
    size_t k = size * n;
    if (a->len + k + 1 > a->cap) {
        a->cap = (a->len + k + 1) * 2;
        a->body = realloc(a->body, a->cap);
        if (!a->body) die("out of memory");
    }
    memcpy(a->body + a->len, p, k);
    a->len += k;
    a->body[a->len] = 0;
    return k;
}

static void set_headers(actor *a) {
    char x[128];
    curl_slist_free_all(a->hdr);
    a->hdr = curl_slist_append(NULL, "Content-Type: application/json");
    if (a->csrf[0]) {
        snprintf(x, sizeof x, "X-CSRF-Token: %s", a->csrf);
        a->hdr = curl_slist_append(a->hdr, x);
    }
    curl_easy_setopt(a->h, CURLOPT_HTTPHEADER, a->hdr);
}

static void request(CURLM *m, actor *a, int kind, const char *post, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void request(CURLM *m, actor *a, int kind, const char *post, const char *fmt, ...) {
    char path[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(path, sizeof path, fmt, ap);
    va_end(ap);
    snprintf(a->url, sizeof a->url, "%s%s", base_url, path);
    curl_easy_setopt(a->h, CURLOPT_URL, a->url);
    if (post) {
        snprintf(a->post, sizeof a->post, "%s", post);
        curl_easy_setopt(a->h, CURLOPT_POSTFIELDS, a->post);
    } else {
        curl_easy_setopt(a->h, CURLOPT_HTTPGET, 1L);
    }
    a->len = 0;
    if (a->body) a->body[0] = 0;
    a->kind = kind;
    a->busy = 1;
    curl_multi_add_handle(m, a->h);
}

static const char *const item_bodies[ITEMS_EACH] = {
    "Nêu gương, gương mẫu trong công tác, chấp hành nghiêm quy định nơi cư trú",
    "Tham gia đầy đủ sinh hoạt chi bộ, đóng góp ý kiến xây dựng Đảng",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về tiết kiệm, chống lãng phí"};

/* The actor's next request, after its last one (ok: it succeeded). */
static void next_step(CURLM *m, actor *a, int ok) {
    char post[256];
    if (now_s() >= season_end) { a->done = 1; return; }
    if (a->role == MEMBER) {
        int k = ok ? a->kind : K_SUBMIT; /* a failure: the next member */
        if (k == K_LOGIN) { request(m, a, K_PAGE, NULL, "/nguoi/%s", a->person); return; }
        if (k == K_PAGE) {
            snprintf(post, sizeof post, "{\"year\":%d}", season_year);
            request(m, a, K_CREATE, post, "/api/v1/people/%s/registrations", a->person);
            return;
        }
        if ((k == K_CREATE || k == K_ITEM) && a->items < ITEMS_EACH) {
            snprintf(post, sizeof post, "{\"body\":\"%s\"}", item_bodies[a->items++]);
            request(m, a, K_ITEM, post, "/api/v1/registrations/%lld/items", a->reg);
            return;
        }
        if (k == K_CREATE || k == K_ITEM) { request(m, a, K_SUBMIT, "{}", "/api/v1/registrations/%lld/submit", a->reg); return; }
        if (next_member >= members.n) { a->done = 1; return; }
        pair *p = &members.v[next_member++];
        a->login = p->a;
        a->person = p->b;
        a->items = 0;
        a->csrf[0] = 0;
        curl_easy_setopt(a->h, CURLOPT_COOKIELIST, "ALL");
        set_headers(a);
        snprintf(post, sizeof post, "{\"login\":\"%s\",\"password\":\"%s\"}", a->login, SEASON_PASSWORD);
        request(m, a, K_LOGIN, post, "/api/v1/session");
    } else if (a->role == SECRETARY) {
        if (a->kind == K_LOGIN && !ok) { a->done = 1; return; }
        if (a->next < a->queued) {
            request(m, a, K_APPROVE, "{}", "/api/v1/registrations/%lld/approve", a->queue[a->next++]);
            return;
        }
        if (a->kind == K_QUEUE && a->queued == 0) { /* nothing waits: look again in a second or more */
            a->wake = now_s() + (secretaries.n > QUEUE_LOOKS ? (double)secretaries.n / QUEUE_LOOKS : 1.0);
            a->kind = K_APPROVE;
            return;
        }
        request(m, a, K_QUEUE, NULL, "/api/v1/missing?kind=approvals&unit=%s&year=%d", a->unit, season_year);
    } else {
        double t = now_s();
        if (a->wake == 0 && a->turn > 0 && t < a->due) { a->wake = a->due; return; } /* its pace */
        a->due = (a->due > 0 ? a->due : t) + 1.0 / READER_RATE;
        const char *u = units.v[a->turn % units.n].a;
        if (a->turn++ % 4 == 3) request(m, a, K_PUBLIC, NULL, "/cong-khai/dang-ky?don_vi=%s&nam=%d", u, season_year - 1);
        else request(m, a, K_DASH, NULL, "/tong-quan?don_vi=%s&nam=%d", u, season_year);
    }
}

/* What a response tells the actor: the CSRF token, the new id, the list. */
static int take_response(actor *a) {
    if (a->kind == K_LOGIN) {
        json_t *j = json_loads(a->body, 0, NULL);
        const char *c = json_string_value(json_object_get(j, "csrf"));
        if (c) snprintf(a->csrf, sizeof a->csrf, "%s", c);
        json_decref(j);
        set_headers(a);
        return c != NULL;
    }
    if (a->kind == K_CREATE) {
        json_t *j = json_loads(a->body, 0, NULL);
        a->reg = json_integer_value(json_object_get(j, "id"));
        json_decref(j);
        if (a->reg) ack_regs++;
        return a->reg != 0;
    }
    if (a->kind == K_QUEUE) {
        json_t *j = json_loads(a->body, 0, NULL);
        a->queued = a->next = 0;
        for (size_t i = 0; json_is_array(j) && i < json_array_size(j) && a->queued < 1000; i++) {
            json_t *id = json_object_get(json_array_get(j, i), "id");
            a->queue[a->queued++] = json_is_integer(id) ? json_integer_value(id) : atoll(json_string_value(id) ? json_string_value(id) : "0");
        }
        int ok = json_is_array(j);
        json_decref(j);
        return ok;
    }
    if (a->kind == K_ITEM) ack_items++;
    if (a->kind == K_SUBMIT) ack_submits++;
    if (a->kind == K_APPROVE) ack_approvals++;
    return 1;
}

static actor *new_actor(int role) {
    actor *a = calloc(1, sizeof *a);
    if (!a) die("out of memory");
    a->role = role;
    a->h = curl_easy_init();
    curl_easy_setopt(a->h, CURLOPT_PRIVATE, a);
    curl_easy_setopt(a->h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(a->h, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(a->h, CURLOPT_COOKIEFILE, "");
    curl_easy_setopt(a->h, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(a->h, CURLOPT_TCP_NODELAY, 1L);
    set_headers(a);
    return a;
}

static void actor_free(actor *a) {
    curl_easy_cleanup(a->h);
    curl_slist_free_all(a->hdr);
    free(a->body);
    free(a);
}

static void login(CURLM *m, actor *a, const char *who) {
    char post[256];
    snprintf(post, sizeof post, "{\"login\":\"%s\",\"password\":\"%s\"}", who, SEASON_PASSWORD);
    request(m, a, K_LOGIN, post, "/api/v1/session");
}

/* Runs the actors until all are done; each finished request is timed by
** libcurl (CURLINFO_TOTAL_TIME_T) and filed under its kind. */
static void drive(CURLM *m, actor **all, int n, int record) {
    for (;;) {
        int running, left, idle = 0;
        curl_multi_perform(m, &running);
        CURLMsg *msg;
        while ((msg = curl_multi_info_read(m, &left))) {
            if (msg->msg != CURLMSG_DONE) continue;
            actor *a;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&a);
            long status = 0;
            curl_off_t us = 0;
            curl_easy_getinfo(a->h, CURLINFO_RESPONSE_CODE, &status);
            curl_easy_getinfo(a->h, CURLINFO_TOTAL_TIME_T, &us);
            curl_multi_remove_handle(m, a->h);
            a->busy = 0;
            int ok = msg->data.result == CURLE_OK && status >= 200 && status < 300;
            if (msg->data.result != CURLE_OK) transport_errors++;
            if (ok) ok = take_response(a);
            if (record) {
                sample_add(&lat[a->kind], (double)us / 1000.0);
                if (!ok) {
                    lat[a->kind].failed++;
                    if (lat[a->kind].failed > 5) {
                    } else if (msg->data.result != CURLE_OK) {
                        fprintf(stderr, "season: %s %s: %s after %.1f s (%.3f s into the season)\n",
                                kind_name[a->kind], a->url, curl_easy_strerror(msg->data.result),
                                (double)us / 1e6, now_s() - season_start);
                    } else {
                        fprintf(stderr, "season: %s %s: HTTP %ld %.200s\n", kind_name[a->kind], a->url, status,
                                a->body ? a->body : "");
                    }
                }
            }
            next_step(m, a, ok);
        }
        double t = now_s();
        for (int i = 0; i < n; i++) {
            actor *a = all[i];
            if (a->busy) continue;
            if (a->done) { idle++; continue; }
            if (a->wake && t >= a->wake) { a->wake = 0; next_step(m, a, 1); }
            else if (a->wake && t >= season_end) a->done = 1;
        }
        if (idle == n) return;
        curl_multi_poll(m, NULL, 0, 5, NULL);
    }
}

/* Waits for the logins under way of all[0..k-1] (not timed); any refusal ends the run. */
static void wait_logins(CURLM *m, actor **all, int k) {
    for (;;) {
        int running, left, busy = 0;
        curl_multi_perform(m, &running);
        CURLMsg *msg;
        while ((msg = curl_multi_info_read(m, &left))) {
            actor *a;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&a);
            curl_multi_remove_handle(m, a->h);
            a->busy = 0;
            if (msg->data.result != CURLE_OK || !take_response(a)) {
                fprintf(stderr, "season: %s: %s\n", a->url, a->body ? a->body : "");
                die("a secretary or the reader cannot log in");
            }
        }
        for (int i = 0; i < k; i++) busy += all[i]->busy;
        if (!busy) return;
        curl_multi_poll(m, NULL, 0, 5, NULL);
    }
}

/* Prints each kind's figures, then the writes' and what was acknowledged;
** the number of failed requests. */
static long report(double took) {
    long writes = 0, failed = 0;
    printf("%-34s %9s %9s %9s %9s %7s\n", "request", "count", "per s", "p50 ms", "p99 ms", "failed");
    for (int i = 0; i < K_N; i++) {
        if (lat[i].n) qsort(lat[i].v, (size_t)lat[i].n, sizeof(double), cmp_double);
        printf("%-34s %9ld %9.1f %9.2f %9.2f %7ld\n", kind_name[i], lat[i].n, (double)lat[i].n / took,
               pct(&lat[i], 0.5), pct(&lat[i], 0.99), lat[i].failed);
        if (kind_writes[i]) writes += lat[i].n;
        failed += lat[i].failed;
    }
    samples w = {0};
    for (int i = 0; i < K_N; i++)
        for (long j = 0; kind_writes[i] && j < lat[i].n; j++) sample_add(&w, lat[i].v[j]);
    if (w.n) qsort(w.v, (size_t)w.n, sizeof(double), cmp_double);
    printf("writes %ld in %.1f s: %.1f/s, p50 %.2f ms, p99 %.2f ms; failed %ld (transport %ld); members %d of %d\n",
           writes, took, (double)writes / took, pct(&w, 0.5), pct(&w, 0.99), failed, transport_errors, next_member,
           members.n);
    if (next_member >= members.n)
        printf("members: every one of them came before the end, so the rate above is theirs, not the server's"
               " (members_short=1)\n");
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
    printf("ack registrations=%ld items=%ld submitted=%ld approved=%ld writes_per_s=%.1f write_p50=%.2f"
           " write_p99=%.2f failed=%ld dash_p50=%.2f dash_p99=%.2f dash_n=%ld client_cpu_s=%.1f\n", ack_regs,
           ack_items, ack_submits, ack_approvals, (double)writes / took, pct(&w, 0.5), pct(&w, 0.99), failed,
           pct(&lat[K_DASH], 0.5), pct(&lat[K_DASH], 0.99), lat[K_DASH].n, cpu);
    free(w.v);
    return failed;
}

static int cmd_run(int argc, char **argv) {
    int quiet = !strcmp(argv[1], "quiet");
    if (argc != 7 - quiet) die("usage: season run URL DIR YEAR SECONDS MEMBER_CONNS | quiet URL DIR YEAR SECONDS");
    base_url = argv[2];
    season_year = atoi(argv[4]);
    double seconds = atof(argv[5]);
    int conns = quiet ? 0 : atoi(argv[6]);
    members = read_pairs(argv[3], "members");
    secretaries = read_pairs(argv[3], "secretaries");
    units = read_pairs(argv[3], "units");
    if (quiet) secretaries.n = 0;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *m = curl_multi_init();
    int n = conns + secretaries.n + READER_CONNS, k = 0;
    actor **all = calloc((size_t)n, sizeof *all);
    if (!all) die("out of memory");
    /* secretaries and readers log in first, LOGIN_BATCH at a time: every
    ** attempt under way counts against the address's bound until it succeeds */
    for (int i = 0; i < secretaries.n; i++) {
        actor *a = all[k++] = new_actor(SECRETARY);
        a->unit = secretaries.v[i].b;
        login(m, a, secretaries.v[i].a);
        if (k % LOGIN_BATCH == 0) wait_logins(m, all, k);
    }
    for (int i = 0; i < READER_CONNS; i++) login(m, all[k++] = new_actor(READER), "mua.doc");
    wait_logins(m, all, k);
    for (int i = 0; i < conns; i++) all[k++] = new_actor(MEMBER);
    double t0 = now_s();
    season_start = t0;
    season_end = t0 + seconds;
    for (int i = 0; i < n; i++) {
        all[i]->kind = all[i]->role == MEMBER ? K_SUBMIT : K_QUEUE;
        next_step(m, all[i], 1);
    }
    drive(m, all, n, 1);
    long failed = report(now_s() - t0);
    if (!quiet && next_member >= members.n) fprintf(stderr, "season: every member was used before the end: more members\n");
    curl_multi_cleanup(m);
    for (int i = 0; i < n; i++) actor_free(all[i]);
    free(all);
    for (int i = 0; i < K_N; i++) free(lat[i].v);
    free(members.v);
    free(secretaries.v);
    free(units.v);
    curl_global_cleanup();
    return failed ? 1 : 0;
}

/* ---- logins ----------------------------------------------------------- */

/* Runs the requests added to m until all are answered. */
static void run_all(CURLM *m) {
    for (int running = 1; running;) {
        curl_multi_perform(m, &running);
        if (running) curl_multi_poll(m, NULL, 0, 50, NULL);
    }
}

/* The answered login of a, in ms (its handle taken out of m, its cookies dropped). */
static double login_ms(CURLM *m, actor *a) {
    long status = 0;
    curl_off_t us = 0;
    curl_easy_getinfo(a->h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(a->h, CURLINFO_TOTAL_TIME_T, &us);
    curl_multi_remove_handle(m, a->h);
    curl_easy_setopt(a->h, CURLOPT_COOKIELIST, "ALL");
    if (status != 200) die("a login failed");
    return (double)us / 1000.0;
}

static int cmd_logins(int argc, char **argv) {
    if (argc != 4) die("usage: season logins URL DIR");
    base_url = argv[2];
    pairs who = read_pairs(argv[3], "logins");
    if (who.n < REAL_LOGINS) die("fewer than 16 login accounts");
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *m = curl_multi_init();
    actor *a[REAL_LOGINS];
    for (int i = 0; i < REAL_LOGINS; i++) a[i] = new_actor(MEMBER);
    double alone[5];
    for (int r = 0; r < 5; r++) { /* one at a time */
        login(m, a[0], who.v[r].a);
        run_all(m);
        alone[r] = login_ms(m, a[0]);
    }
    qsort(alone, 5, sizeof(double), cmp_double);
    samples s = {0};
    for (int i = 0; i < REAL_LOGINS; i++) login(m, a[i], who.v[i].a); /* all at once */
    run_all(m);
    for (int i = 0; i < REAL_LOGINS; i++) sample_add(&s, login_ms(m, a[i]));
    qsort(s.v, (size_t)s.n, sizeof(double), cmp_double);
    printf("logins alone=%.1f concurrent16_p50=%.1f concurrent16_p99=%.1f\n", alone[2], pct(&s, 0.5), pct(&s, 0.99));
    curl_multi_cleanup(m);
    for (int i = 0; i < REAL_LOGINS; i++) actor_free(a[i]);
    free(s.v);
    free(who.v);
    curl_global_cleanup();
    return 0;
}

/* ---- the store's own ceiling ------------------------------------------ */

static void step_done(sqlite3 *db, sqlite3_stmt *st) {
    if (sqlite3_step(st) != SQLITE_DONE) {
        fprintf(stderr, "season: %s\n", sqlite3_errmsg(db));
        exit(1);
    }
    sqlite3_reset(st);
}

/* The ceiling's statements: the rows the server writes for each request. */
typedef struct store_sql { sqlite3_stmt *person, *reg, *item, *status, *trans, *audit; } store_sql;

static store_sql store_prepare(sqlite3 *db) {
    return (store_sql){
        prep(db, "SELECT id, unit_id FROM person WHERE code=?"),
        prep(db, "INSERT INTO registration(person_id, year, unit_id) VALUES (?,?,?)"),
        prep(db, "INSERT INTO registration_item(registration_id, position, body, item_group) VALUES (?, ?, ?, 'other')"),
        prep(db, "UPDATE registration SET status=?2, version=version+1 WHERE id=?1"),
        prep(db, "INSERT INTO registration_transition(registration_id, from_status, to_status, actor, at)"
                 " VALUES (?,?,?,'mua.0',strftime('%Y-%m-%dT%H:%M:%SZ','now'))"),
        prep(db, "INSERT INTO audit(actor, at, action, entity, entity_id, after) VALUES ('mua.0',"
                 " strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?2, 'registration', ?1, (SELECT json_object('id', id,"
                 " 'person_id', person_id, 'year', year, 'unit_id', unit_id, 'status', status, 'version', version)"
                 " FROM registration WHERE id=?1))")};
}

/* The audit row of registration rid's action, as the server writes one for each. */
static void store_audit(sqlite3 *db, const store_sql *q, long long rid, const char *action) {
    sqlite3_bind_int64(q->audit, 1, rid);
    sqlite3_bind_text(q->audit, 2, action, -1, SQLITE_STATIC);
    step_done(db, q->audit);
}

/* One member's season as the server's 6 transactions: the registration,
** 3 items, the submission, the approval. */
static void store_member(sqlite3 *db, const store_sql *q, const char *code, int year) {
    sqlite3_bind_text(q->person, 1, code, -1, SQLITE_STATIC);
    if (sqlite3_step(q->person) != SQLITE_ROW) die("a member's person is missing");
    long long pid = sqlite3_column_int64(q->person, 0), uid = sqlite3_column_int64(q->person, 1);
    sqlite3_reset(q->person);
    exec_or_die(db, "BEGIN IMMEDIATE");
    sqlite3_bind_int64(q->reg, 1, pid);
    sqlite3_bind_int(q->reg, 2, year);
    sqlite3_bind_int64(q->reg, 3, uid);
    step_done(db, q->reg);
    long long rid = sqlite3_last_insert_rowid(db);
    store_audit(db, q, rid, "insert");
    exec_or_die(db, "COMMIT");
    for (int k = 0; k < ITEMS_EACH; k++) {
        exec_or_die(db, "BEGIN IMMEDIATE");
        sqlite3_bind_int64(q->item, 1, rid);
        sqlite3_bind_int(q->item, 2, k + 1);
        sqlite3_bind_text(q->item, 3, item_bodies[k], -1, SQLITE_STATIC);
        step_done(db, q->item);
        store_audit(db, q, rid, "add_item");
        exec_or_die(db, "COMMIT");
    }
    static const char *const moves[2][2] = {{"draft", "submitted"}, {"submitted", "approved"}};
    for (int k = 0; k < 2; k++) {
        exec_or_die(db, "BEGIN IMMEDIATE");
        sqlite3_bind_int64(q->status, 1, rid);
        sqlite3_bind_text(q->status, 2, moves[k][1], -1, SQLITE_STATIC);
        step_done(db, q->status);
        sqlite3_bind_int64(q->trans, 1, rid);
        sqlite3_bind_text(q->trans, 2, moves[k][0], -1, SQLITE_STATIC);
        sqlite3_bind_text(q->trans, 3, moves[k][1], -1, SQLITE_STATIC);
        step_done(db, q->trans);
        store_audit(db, q, rid, k ? "approve" : "submit");
        exec_or_die(db, "COMMIT");
    }
}

static int cmd_store(int argc, char **argv) {
    if (argc != 6) die("usage: season store DB DIR YEAR SECONDS");
    pairs who = read_pairs(argv[3], "members");
    int year = atoi(argv[4]);
    double seconds = atof(argv[5]);
    sqlite3 *db;
    if (sqlite3_open(argv[2], &db) != SQLITE_OK) die("cannot open the database");
    exec_or_die(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA cache_size=-16384");
    store_sql q = store_prepare(db);
    long tx = 0;
    double t0 = now_s(), end = t0 + seconds;
    for (int i = 0; i < who.n && now_s() < end; i++, tx += 2 + ITEMS_EACH + 1) store_member(db, &q, who.v[i].b, year);
    double took = now_s() - t0;
    printf("store transactions=%ld seconds=%.1f per_s=%.1f\n", tx, took, (double)tx / took);
    sqlite3_stmt *sts[] = {q.person, q.reg, q.item, q.status, q.trans, q.audit};
    for (size_t i = 0; i < sizeof sts / sizeof *sts; i++) sqlite3_finalize(sts[i]);
    sqlite3_close(db);
    free(who.v);
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "setup")) return cmd_setup(argc, argv);
    if (argc > 1 && (!strcmp(argv[1], "run") || !strcmp(argv[1], "quiet"))) return cmd_run(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "logins")) return cmd_logins(argc, argv);
    if (argc > 1 && !strcmp(argv[1], "store")) return cmd_store(argc, argv);
    die("usage: season setup|run|logins|store ...");
    return 1;
}
