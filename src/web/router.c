/*
** router.c — every request goes through here: static files, the session,
** the form body, then the route table (web_routes in routes.c).  The
** router alone enforces method (405 with Allow), login, role, scope and the
** CSRF token of writes, and runs each write route in one transaction
** (but those marked WR_OWN_TX: logging in), so handlers hold only their
** own logic.
*/
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Does path match pattern ('*' = one non-empty segment)?  Fills args. */
static int match(const char *pattern, const char *path, web_req *r) {
    int na = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (*p == '*') {
            size_t n = strcspn(s, "/");
            if (n == 0 || n >= sizeof r->args[0] || na >= 3) return 0;
            memcpy(r->args[na], s, n);
            r->args[na++][n] = 0;
            s += n;
            p++;
        } else if (*p++ != *s++) {
            return 0;
        }
    }
    return *p == 0 && *s == 0;
}

/* The unit code a SCOPE_UNIT route is about ("" if none given). */
static const char *scope_unit_code(web_req *r) {
    if (strchr(r->route->pattern, '*')) return r->args[0];
    const char *c = web_param_get(&r->query, r->is_api ? "unit" : "don_vi");
    return c ? c : "";
}

/* May the actor see (and, through the domain, act on) records of unit_id
** or of person person_id? */
static int in_scope(web_req *r, long long unit_id, long long person_id) {
    if (r->ctx.role == ROLE_ADMIN) return 1;
    if (r->ctx.role == ROLE_MEMBER) return person_id && person_id == r->ctx.person_id;
    return unit_in_subtree(&r->ctx, unit_id, r->ctx.scope_unit);
}

static int check_scope(web_req *r, int *answered, lt_err *e) {
    long long unit_id = 0, person_id = 0;
    dom_rows rows = {0};
    switch (r->route->scope) {
    case SCOPE_NONE: return LT_OK;
    case SCOPE_UNIT: {
        const char *code = scope_unit_code(r);
        if (!*code) return LT_OK;
        int rc = unit_find(&r->ctx, code, &unit_id, e);
        if (rc == LT_ENOTFOUND && !r->is_api && !strchr(r->route->pattern, '*')) { /* a name typed in a picker */
            lt_err_clear(e);
            if (web_unit_by_name(r, "don_vi", answered, e) || *answered) return e->code;
            rc = unit_find(&r->ctx, scope_unit_code(r), &unit_id, e);
        }
        if (rc) return e->code;
        break;
    }
    case SCOPE_PERSON:
        if (q_person(&r->ctx, r->args[0], &rows, e)) return e->code;
        unit_id = rows_int(&rows, 0, "unit_id");
        person_id = rows_int(&rows, 0, "id");
        break;
    case SCOPE_REG: {
        long id;
        if (lt_parse_long(r->args[0], 1, 1L << 53, &id))
            return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký này", "no such registration");
        if (q_registration(&r->ctx, id, &rows, e)) return e->code;
        unit_id = rows_int(&rows, 0, "unit_id");
        person_id = rows_int(&rows, 0, "person_id");
        break;
    }
    }
    rows_free(&rows);
    if (in_scope(r, unit_id, person_id)) return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "việc này nằm ngoài phạm vi đơn vị của bạn",
                      "this is outside your unit's scope");
}

/* The CSRF token that must come with a write: the session's, or before
** login the one in the lt_csrf cookie (double submit). */
static int check_csrf(web_req *r, lt_err *e) {
    /* logging in through the API: a JSON body, which a cross-site form
    ** cannot send without the browser asking first */
    if (r->is_api && !r->logged_in && r->content_type &&
        !strncmp(r->content_type, "application/json", 16))
        return LT_OK;
    const char *want = r->logged_in ? r->csrf : web_param_get(&r->cookies, "lt_csrf");
    const char *got = r->csrf_header ? r->csrf_header : web_param_get(&r->form, "csrf");
    if (want && got && session_token_equal(want, got)) return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "phiên làm việc của biểu mẫu không hợp lệ hoặc đã hết hạn; "
                      "hãy tải lại trang và gửi lại", "the form's security token is missing or "
                      "stale; reload the page and send it again");
}

void web_pick_language(web_req *r) {
    const char *lang = web_param_get(&r->query, "lang");
    if (lang && (!strcmp(lang, "en") || !strcmp(lang, "vi"))) web_set_cookie(r, "lang", lang, 31536000);
    else lang = web_param_get(&r->cookies, "lang");
    r->lang_en = lang && !strcmp(lang, "en");
}

/* Language, session and form body: everything a handler may read.  A
** GET (or HEAD) opens its page's read snapshot first, so that its session
** is read in it too, not in a transaction of its own (*snapshot: 1 then). */
static int prepare(web_req *r, int *snapshot, lt_err *e) {
    web_pick_language(r);
    lt_db *db = web_thread_db(e);
    if (!db) return LT_EDB;
    r->ctx.db = db;
    lt_err ignore = {0};
    /* a page reads in one snapshot; a write's session and checks read in one
    ** too, which dispatch ends before the write begins */
    *snapshot = db_read_begin(db, &ignore) == LT_OK;
    const char *tok = web_param_get(&r->cookies, "lt_session");
    if (tok && session_resume(db, tok, &r->ctx, r->csrf, &ignore) == LT_OK) {
        r->logged_in = 1;
        snprintf(r->token, sizeof r->token, "%s", tok);
    } else {
        r->ctx.db = db;
    }
    if (r->content_type && !strncmp(r->content_type, "application/x-www-form-urlencoded", 33))
        return web_parse_urlencoded(r->body.p ? r->body.p : "", r->body.len, &r->form, e);
    return LT_OK;
}

/* Find the route for the request, or answer 404 / 405. */
static const web_route *find_route(web_req *r, lt_err *e) {
    const web_route *found = NULL;
    const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;
    for (int i = 0; i < web_route_count && !found; i++) {
        web_req probe;
        if (!match(web_routes[i].pattern, r->path, &probe)) continue;
        if (strcmp(web_routes[i].method, method) == 0) {
            found = &web_routes[i];
            memcpy(r->args, probe.args, sizeof r->args);
        } else if (strlen(r->allow) + 8 < sizeof r->allow) {
            if (r->allow[0]) strcat(r->allow, ", ");
            strcat(r->allow, web_routes[i].method);
        }
    }
    if (found) { r->allow[0] = 0; return found; }
    if (r->allow[0]) {
        lt_err_set(e, LT_EUSAGE, "phương thức %s không dùng được ở đây", "method %s is not allowed here",
                   r->method);
        r->status = 405;
    } else {
        lt_err_set(e, LT_ENOTFOUND, "không có trang này", "there is no such page");
    }
    return NULL;
}

/* The handler, and whether what it wrote came out whole: a page or an
** answer that ran out of memory on the way is not sent (a write's
** transaction is then rolled back), whether the failure was its buffer's
** or one that JSON building could only count (lt_oom_count). */
static int run_handler(web_req *r, const web_route *rt, lt_err *e) {
    unsigned long oom_before = lt_oom_count();
    int rc = rt->run(r, e);
    if (rc == LT_OK && (r->out.err == LT_EOOM || lt_oom_count() != oom_before)) rc = lt_err_oom(e);
    else if (rc == LT_OK && r->out.err)
        rc = lt_err_set(e, r->out.err, "trang quá lớn để gửi", "the page is too large to send");
    return rc;
}

/* A form sent with a mistake (LT_EINPUT) comes back as the page it was
** sent from: the GET route of the same path, else of its parent
** (/don-vi/X/kiem-tra from /don-vi/X) or grandparent (/y-kien/N/tra-loi
** from /y-kien), with the year it was sent for, its
** own role and scope checks, and the form marked (form_again.c).  0 when
** there is no such page, or it cannot be drawn: the error page then. */
static int form_again(web_req *r, const lt_err *why) {
    const web_route *post = r->route;
    if (r->is_api || strcmp(r->method, "POST") || (post->flags & WR_OWN_TX) || why->code != LT_EINPUT ||
        !r->content_type || strncmp(r->content_type, "application/x-www-form-urlencoded", 33))
        return 0;
    char post_path[WEB_MAX_PATH], back[WEB_MAX_PATH];
    snprintf(post_path, sizeof post_path, "%s", r->path);
    const web_route *get = NULL;
    web_req probe;
    snprintf(back, sizeof back, "%s", post_path);
    for (int pass = 0; pass < 3 && !get; pass++) { /* the path, its parent, its grandparent */
        char *slash = strrchr(back, '/');
        if (pass > 0 && slash && slash != back) *slash = 0;
        for (int i = 0; i < web_route_count && !get; i++)
            if (!strcmp(web_routes[i].method, "GET") && !(web_routes[i].flags & WR_API) &&
                match(web_routes[i].pattern, back, &probe))
                get = &web_routes[i];
    }
    if (!get) return 0;
    lt_err e = {0};
    const char *year = web_param_get(&r->form, "nam");
    if (year && *year && web_param_replace(&r->query, "nam", year, &e)) return 0;
    r->route = get;
    memcpy(r->args, probe.args, sizeof r->args);
    snprintf(r->path, sizeof r->path, "%s", back);
    lt_buf_reset(&r->out);
    r->location[0] = 0;
    r->status = 0;
    int answered = 0, rc = db_read_begin(r->ctx.db, &e);
    if (rc) return 0;
    if (!(get->roles & (1u << r->ctx.role))) rc = LT_EREFUSED;
    if (rc == LT_OK) rc = check_scope(r, &answered, &e);
    if (rc == LT_OK && !answered) rc = run_handler(r, get, &e);
    if (rc == LT_OK && !answered) rc = web_form_mark(r, post_path, why);
    db_read_end(r->ctx.db);
    if (rc || answered || r->location[0]) { /* nothing to show the form in */
        lt_buf_reset(&r->out);
        r->location[0] = 0;
        snprintf(r->path, sizeof r->path, "%s", post_path);
        r->route = post;
        return 0;
    }
    r->status = 400;
    return 1;
}

/* The request once prepared, inside the snapshot prepare opened if it
** did (*snapshot, closed here before a write). */
static void dispatch(web_req *r, int *snapshot) {
    lt_err e = {0};
    const web_route *rt = r->route = find_route(r, &e);
    if (!rt) {
        int st = r->status;
        web_fail(r, &e);
        if (st == 405) r->status = 405;
        return;
    }
    if ((rt->flags & WR_LOGIN) && !r->logged_in) {
        if (r->is_api) {
            lt_err_set(&e, LT_EREFUSED, "cần đăng nhập", "login required");
            web_fail(r, &e);
            r->status = 401;
        } else {
            char next[WEB_MAX_PATH + 32];
            snprintf(next, sizeof next, "/dang-nhap?next=%.1000s", r->path);
            web_redirect(r, next);
        }
        return;
    }
    if ((rt->flags & WR_LOGIN) && r->ctx.pending && !(rt->flags & WR_PENDING)) {
        /* in with an activation code: their own password first */
        if (r->is_api) {
            lt_err_set(&e, LT_EREFUSED, "hãy đặt mật khẩu của mình trước (/mat-khau)",
                       "choose your own password first (/mat-khau)");
            web_fail(r, &e);
        } else {
            web_redirect(r, "/mat-khau");
        }
        return;
    }
    int rc = LT_OK, reading = !(rt->flags & WR_WRITE);
    if (reading) rc = db_read_begin(r->ctx.db, &e); /* one snapshot for the whole page */
    if (rc == LT_OK && (rt->flags & WR_LOGIN) && !(rt->roles & (1u << r->ctx.role)))
        rc = lt_err_set(&e, LT_EREFUSED, "vai trò của bạn không được làm việc này",
                        "your role may not do this");
    int answered = 0; /* the router answered itself: which unit was meant */
    if (rc == LT_OK) rc = check_scope(r, &answered, &e);
    if (answered) {
        if (reading) db_read_end(r->ctx.db);
        return;
    }
    if (rc == LT_OK && (rt->flags & WR_WRITE)) rc = check_csrf(r, &e);
    if ((rt->flags & WR_WRITE) && *snapshot) { /* checked: the write reads and writes in its own transaction */
        db_read_end(r->ctx.db);
        *snapshot = 0;
    }
    if (rc == LT_OK && (rt->flags & WR_WRITE) && !(rt->flags & WR_OWN_TX)) {
        rc = db_begin(r->ctx.db, &e);
        if (rc == LT_OK) {
            rc = run_handler(r, rt, &e);
            if (rc == LT_OK) rc = db_commit(r->ctx.db, &e);
            else db_rollback(r->ctx.db);
        }
    } else if (rc == LT_OK) {
        rc = run_handler(r, rt, &e);
    }
    if (reading) db_read_end(r->ctx.db);
    if (rc && form_again(r, &e)) return;
    if (rc) { lt_err_default(&e); web_fail(r, &e); }
}

void web_dispatch(web_req *r) {
    lt_err e = {0};
    int snapshot = 0;
    lt_buf_init(&r->out, 0);
    r->is_api = strncmp(r->path, "/api/", 5) == 0;
    if (web_ops_early(r)) return; /* /healthz: answers even when the database does not open */
    if (prepare(r, &snapshot, &e)) web_fail(r, &e);
    else dispatch(r, &snapshot);
    if (snapshot) db_read_end(r->ctx.db);
}
