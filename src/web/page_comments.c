/*
** page_comments.c — citizens' comments (ý kiến của Nhân dân): the public
** form's POST (the form itself is drawn by page_public.c under each
** published registration), and the officers' page /y-kien that lists the
** comments of their scope with approve, hide and answer forms.  The rules
** (who, bounds, the question, the rate limit) are comment.c's.
*/
#include "pages.h"

#include <stdio.h>
#include <string.h>

/* The id in the path's first '*', or LT_ENOTFOUND. */
static int path_id(web_req *r, long long *id, lt_err *e) {
    long v;
    if (lt_parse_long(r->args[0], 1, 1L << 53, &v))
        return lt_err_set(e, LT_ENOTFOUND, "không có số này: %s", "no such number: %s", r->args[0]);
    *id = v;
    return LT_OK;
}

int page_comment_send(web_req *r, lt_err *e) {
    long long reg_id = 0, id = 0;
    if (path_id(r, &reg_id, e)) return e->code;
    comment_in c = {form(r, "ten"), form(r, "noi_o"), form(r, "y_kien"), form(r, "cau_hoi"),
                    form(r, "tra_loi_cau_hoi")};
    if (!r->logged_in) snprintf(r->ctx.actor, sizeof r->ctx.actor, "%s", "cong-khai");
    if (comment_add(&r->ctx, reg_id, &c, r->addr, &id, e)) return e->code;
    char to[96];
    snprintf(to, sizeof to, "/cong-khai/dang-ky/%lld?xong=y-kien", reg_id);
    web_redirect(r, to);
    return LT_OK;
}

/* The buttons and the answer form of comment i of rows. */
static void moderation_forms(web_req *r, const dom_rows *rows, long i) {
    long long id = rows_int(rows, i, "id");
    const char *status = rows_get(rows, i, "status");
    if (strcmp(status, "approved")) {
        html_printf(r, "<form method=\"post\" action=\"/y-kien/%lld/duyet\" class=\"inline\">", id);
        html_csrf(r);
        html_printf(r, "<button type=\"submit\">%s</button></form> ", TR(r, "Duyệt, cho hiện", "Approve"));
    }
    if (strcmp(status, "hidden")) {
        html_printf(r, "<form method=\"post\" action=\"/y-kien/%lld/an\" class=\"inline\">", id);
        html_csrf(r);
        html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Ẩn", "Hide"));
    }
    html_printf(r, "<form method=\"post\" action=\"/y-kien/%lld/tra-loi\">", id);
    html_csrf(r);
    html_printf(r, "<label for=\"tl%lld\">%s</label><textarea id=\"tl%lld\" name=\"tra_loi\" rows=\"2\" maxlength=\"%d\""
                   " required=\"required\">%s</textarea><button type=\"submit\">%s</button></form>",
                id, TR(r, "Trả lời (hiện cùng ý kiến khi đã duyệt)", "Answer (shown with the comment once approved)"),
                id, COMMENT_BODY_CHARS, rows_get(rows, i, "answer"), TR(r, "Lưu trả lời", "Save the answer"));
}

/* The status chooser of /y-kien. */
static const char *status_links(web_req *r) {
    static const char *const st[] = {"waiting", "Đang chờ|Waiting", "approved", "Đã duyệt|Approved", "hidden",
                                     "Đã ẩn|Hidden"};
    const char *want = web_param_get(&r->query, "xem"), *shown = "waiting";
    html_raw(r, "<p>");
    for (int k = 0; k < 6; k += 2) {
        const char *bar = strchr(st[k + 1], '|');
        char vi[32];
        snprintf(vi, sizeof vi, "%.*s", (int)(bar - st[k + 1]), st[k + 1]);
        if (want && !strcmp(want, st[k])) shown = st[k];
        html_printf(r, "<a href=\"/y-kien?xem=%S\">%s</a> ", st[k], TR(r, vi, bar + 1));
    }
    html_raw(r, "</p>");
    return shown;
}

int page_comments(web_req *r, lt_err *e) {
    html_begin(r, TR(r, "Ý kiến của Nhân dân", "Citizens' comments"));
    const char *status = status_links(r);
    dom_rows rows;
    if (q_comments_moderate(&r->ctx, status, &rows, e)) return e->code;
    if (rows.n == 0) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Không có ý kiến nào.", "No comments."));
    const char *unit_shown = "";
    for (long i = 0; i < rows.n; i++) {
        if (strcmp(unit_shown, rows_get(&rows, i, "unit_name")))
            html_printf(r, "<h2>%s</h2>", unit_shown = rows_get(&rows, i, "unit_name"));
        html_printf(r, "<div class=\"box\"><p><a href=\"/nguoi/%U\">%s</a> — %s %s · <a href=\"/cong-khai/dang-ky/"
                       "%lld\">%s</a></p>", rows_get(&rows, i, "person_code"), rows_get(&rows, i, "full_name"),
                    TR(r, "năm", "year"), rows_get(&rows, i, "year"), rows_int(&rows, i, "registration_id"),
                    TR(r, "trang công khai", "public page"));
        html_printf(r, "<blockquote><p>%s</p><footer>%s", rows_get(&rows, i, "body"), rows_get(&rows, i, "author"));
        if (*rows_get(&rows, i, "place")) html_printf(r, ", %s", rows_get(&rows, i, "place"));
        html_printf(r, " — %s</footer></blockquote>", rows_get(&rows, i, "created_at"));
        moderation_forms(r, &rows, i);
        html_raw(r, "</div>");
    }
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}

/* A moderation step on the comment of the path, then back to the list. */
static int moderate(web_req *r, int (*step)(lt_ctx *, long long, lt_err *), const char *done, lt_err *e) {
    long long id = 0;
    if (path_id(r, &id, e) || step(&r->ctx, id, e)) return e->code;
    char to[64];
    snprintf(to, sizeof to, "/y-kien?xong=%s", done);
    web_redirect(r, to);
    return LT_OK;
}

int page_comment_approve(web_req *r, lt_err *e) { return moderate(r, comment_approve, "y-kien-duyet", e); }

int page_comment_hide(web_req *r, lt_err *e) { return moderate(r, comment_hide, "y-kien-an", e); }

int page_comment_answer(web_req *r, lt_err *e) {
    long long id = 0;
    if (path_id(r, &id, e) || comment_answer(&r->ctx, id, form(r, "tra_loi"), e)) return e->code;
    web_redirect(r, "/y-kien?xong=y-kien-tra-loi");
    return LT_OK;
}

/* Approved comments as the public and the person read them, each with
** its answer; a "year" column, when the rows hold one, says which year's
** registration it is about.  Nothing when there are none. */
void html_comments(web_req *r, const dom_rows *c, int level) {
    if (c->n) html_printf(r, "<h%d>%s</h%d>", level, TR(r, "Ý kiến của Nhân dân", "Citizens' comments"), level);
    for (long k = 0; k < c->n; k++) {
        html_printf(r, "<blockquote class=\"comment\"><p>%s</p><footer>%s", rows_get(c, k, "body"),
                    rows_get(c, k, "author"));
        if (*rows_get(c, k, "place")) html_printf(r, ", %s", rows_get(c, k, "place"));
        if (*rows_get(c, k, "year")) html_printf(r, " — %s %s,", TR(r, "năm", "year"), rows_get(c, k, "year"));
        else html_raw(r, " —");
        html_printf(r, " %s</footer>", rows_get(c, k, "created_at"));
        if (*rows_get(c, k, "answer"))
            html_printf(r, "<p class=\"answer\"><b>%s</b> %s</p>", TR(r, "Trả lời:", "Answer:"),
                        rows_get(c, k, "answer"));
        html_raw(r, "</blockquote>");
    }
}

/* On a person's page: the approved comments on their published
** registrations, with the answers (nothing when there are none). */
int page_comments_of_person(web_req *r, long long person_id, lt_err *e) {
    dom_rows c;
    if (q_comments_of_person(&r->ctx, person_id, &c, e)) return e->code;
    html_comments(r, &c, 2);
    rows_free(&c);
    return LT_OK;
}

/* On the dashboard: per unit of the actor's scope, the comments waiting
** and approved (nothing when there are none). */
int page_comment_counts(web_req *r, lt_err *e) {
    dom_rows c;
    if (q_comment_counts(&r->ctx, &c, e)) return e->code;
    if (c.n) html_printf(r, "<p><a href=\"/y-kien\">%s</a>: ", TR(r, "Ý kiến của Nhân dân (chờ / đã duyệt)",
                                                                 "Citizens' comments (waiting / approved)"));
    for (long k = 0; k < c.n; k++)
        html_printf(r, "%s%s %N / %N", k ? " · " : "", rows_get(&c, k, "unit_name"), rows_int(&c, k, "waiting"),
                    rows_int(&c, k, "approved"));
    if (c.n) html_raw(r, "</p>");
    rows_free(&c);
    return LT_OK;
}
