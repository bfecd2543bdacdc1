/*
** page_public.c — the public pages under /cong-khai/ (no login): a
** finder of one's own commune or unit by name (without diacritics) or
** from the list of communes; key cadres' published registrations by unit
** and year, party organisations' published collective registrations, unit
** standards and commended models.  Only published material is ever read here: the
** queries themselves select published rows, whatever the URL asks.  Under
** each published registration: its approved comments (with answers) and
** the form "Gửi ý kiến" (posted to page_comments.c).
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The unit and year of a public page, and its chooser links. */
static int public_scope(web_req *r, int *year, long long *unit, char code[64], lt_err *e) {
    *year = page_year(r);
    return page_unit_arg(r, *year, unit, code, e);
}

/* The finder: a unit by name without diacritics (only units: people are
** never listed here), else the communes of the year's tree to pick from. */
static int public_finder(web_req *r, int year, lt_err *e) {
    const char *q = web_param_get(&r->query, "q");
    html_printf(r, "<form method=\"get\" action=\"/cong-khai/\" class=\"box\"><label for=\"q\">%s</label>"
                   "<input id=\"q\" name=\"q\" value=\"%s\" placeholder=\"%s\"/><input type=\"hidden\" name=\"nam\""
                   " value=\"%d\"/><button type=\"submit\">%s</button></form>",
                TR(r, "Tìm xã, phường, thị trấn hoặc đơn vị của bạn", "Find your commune, ward or unit"),
                q ? q : "", TR(r, "vd: tan thieng", "e.g. tan thieng"), year, TR(r, "Tìm", "Find"));
    if (q && *q) {
        search_hit *hits;
        int n, shown = 0;
        if (search_names(&r->ctx, q, 20, &hits, &n, e)) return e->code;
        html_raw(r, "<ul class=\"found\">");
        for (int i = 0; i < n; i++)
            if (!strcmp(hits[i].kind, "unit")) {
                html_printf(r, "<li><a href=\"/cong-khai/?don_vi=%U&amp;nam=%d\">%s</a></li>", hits[i].code, year,
                            hits[i].name);
                shown++;
            }
        html_raw(r, "</ul>");
        free(hits);
        if (!shown)
            html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Không tìm thấy đơn vị nào có tên như vậy.",
                                                            "No unit has such a name."));
        return LT_OK;
    }
    const ind_result *yr;
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    html_printf(r, "<details><summary>%s</summary><ul class=\"found\">", TR(r, "Hoặc chọn trong danh sách xã, phường,"
                " thị trấn", "Or pick from the list of communes"));
    for (long k = 0; k < yr->tree.n; k++) {
        char place[256];
        const unit_node *u = &yr->tree.nodes[k];
        if (!strcmp(u->kind, "grassroots_committee") && unit_locality(u->name, place, sizeof place))
            html_printf(r, "<li><a href=\"/cong-khai/?don_vi=%U&amp;nam=%d\">%s</a></li>", u->code, year, place);
    }
    html_raw(r, "</ul></details>");
    ind_release(yr);
    return LT_OK;
}

int page_public_index(web_req *r, lt_err *e) {
    int year;
    long long unit;
    char code[64], name[256];
    if (public_scope(r, &year, &unit, code, e) || page_unit_name(r, unit, year, name, e)) return e->code;
    html_begin(r, TR(r, "Công khai", "Public information"));
    html_printf(r, "<p>%s</p>", TR(r, "Thông tin công khai về việc học tập và làm theo tư tưởng, đạo đức, "
                                     "phong cách Hồ Chí Minh.", "Public information on studying and "
                                     "following Hồ Chí Minh's thought, morality and style."));
    int rc = public_finder(r, year, e);
    if (rc) return rc;
    html_printf(r, "<h2>%s — %s %d</h2><ul>", name, TR(r, "năm", "year"), year);
    html_printf(r, "<li><a href=\"/cong-khai/dang-ky?don_vi=%U&amp;nam=%d\">%s</a></li>", code, year,
                TR(r, "Nội dung đăng ký của cán bộ chủ chốt", "Key cadres' commitments"));
    html_printf(r, "<li><a href=\"/cong-khai/tap-the?don_vi=%U&amp;nam=%d\">%s</a></li>", code, year,
                TR(r, "Đăng ký tập thể của các tổ chức đảng", "Party organisations' collective commitments"));
    html_printf(r, "<li><a href=\"/cong-khai/chuan-muc?don_vi=%U&amp;nam=%d\">%s</a></li>", code, year,
                TR(r, "Chuẩn mực đạo đức của đơn vị", "Units' ethical standards"));
    html_printf(r, "<li><a href=\"/cong-khai/mo-hinh?don_vi=%U&amp;nam=%d\">%s</a></li>", code, year,
                TR(r, "Mô hình, điển hình được khen thưởng", "Commended models"));
    html_printf(r, "<li><a href=\"/cong-khai/ban-tin?don_vi=%U&amp;nam=%d\">%s</a></li></ul>", code, year,
                TR(r, "Bản tin truyền thanh (nghe, đọc)", "Loudspeaker bulletin (listen, read)"));
    html_end(r);
    return LT_OK;
}

/* The year chooser of a public page. */
static void year_links(web_req *r, const char *page, const char *code, int year) {
    html_printf(r, "<p>%s <a href=\"/cong-khai/%S?don_vi=%U&amp;nam=%d\">%d</a> · <b>%d</b> · "
                   "<a href=\"/cong-khai/%S?don_vi=%U&amp;nam=%d\">%d</a></p>", TR(r, "Năm:", "Year:"), page,
                code, year - 1, year - 1, year, page, code, year + 1, year + 1);
}

#define PUBLIC_PAGE 10 /* people a page of published commitments shows */

/* Paging links of a public list of n people at page pg (1-based). */
static void public_pages(web_req *r, const char *page, const char *code, int year, long n, long pg) {
    long pages = (n + PUBLIC_PAGE - 1) / PUBLIC_PAGE;
    if (pages < 2) return;
    html_printf(r, "<p class=\"pages\">%s ", TR(r, "Trang:", "Page:"));
    for (long i = 1; i <= pages; i++)
        if (i == pg) html_printf(r, "<b>%N</b> ", (long long)i);
        else html_printf(r, "<a href=\"/cong-khai/%S?don_vi=%U&amp;nam=%d&amp;trang=%ld\">%N</a> ", page, code, year,
                         i, (long long)i);
    html_raw(r, "</p>");
}

/* The approved comments of registration reg_id, with their answers. */
static int public_comments(web_req *r, long long reg_id, lt_err *e) {
    dom_rows c;
    if (q_comments_public(&r->ctx, reg_id, &c, e)) return e->code;
    html_comments(r, &c, 4);
    rows_free(&c);
    return LT_OK;
}

/* The token a form of a public page sends against CSRF: the session's,
** else the lt_csrf cookie's (set when missing), as the login form does. */
static const char *public_csrf(web_req *r, char fresh[44]) {
    if (r->logged_in) return r->csrf;
    const char *tok = web_param_get(&r->cookies, "lt_csrf");
    if (tok && session_token_valid(tok)) return tok;
    session_new_token(fresh);
    web_set_cookie(r, "lt_csrf", fresh, 7200);
    return fresh;
}

/* The form "Gửi ý kiến" for registration reg_id, with a question against
** robots; open (not folded) when `open`. */
static void comment_form(web_req *r, long long reg_id, int open) {
    char fresh[44], token[COMMENT_TOKEN];
    const char *csrf = public_csrf(r, fresh), *vi, *en;
    comment_question(token, &vi, &en);
    html_printf(r, "<details%S><summary>%s</summary><form method=\"post\" action=\"/cong-khai/dang-ky/%lld/y-kien\""
                   " class=\"box\"><input type=\"hidden\" name=\"csrf\" value=\"%s\"/>"
                   "<input type=\"hidden\" name=\"cau_hoi\" value=\"%s\"/>", open ? " open=\"open\"" : "",
                TR(r, "Gửi ý kiến", "Send a comment"), reg_id, csrf, token);
    html_printf(r, "<label for=\"ten%lld\">%s</label><input id=\"ten%lld\" name=\"ten\" required=\"required\""
                   " maxlength=\"%d\"/><label for=\"noi%lld\">%s</label><input id=\"noi%lld\" name=\"noi_o\""
                   " maxlength=\"%d\"/>", reg_id, TR(r, "Họ và tên", "Your name"), reg_id, COMMENT_NAME_CHARS, reg_id,
                TR(r, "Thôn, tổ dân phố (không bắt buộc)", "Village or ward (optional)"), reg_id, COMMENT_PLACE_CHARS);
    html_printf(r, "<label for=\"yk%lld\">%s</label><textarea id=\"yk%lld\" name=\"y_kien\" rows=\"4\""
                   " required=\"required\" maxlength=\"%d\"></textarea>", reg_id, TR(r, "Ý kiến", "Comment"), reg_id,
                COMMENT_BODY_CHARS);
    html_printf(r, "<label for=\"tl%lld\">%s %s</label><input id=\"tl%lld\" name=\"tra_loi_cau_hoi\""
                   " inputmode=\"numeric\" autocomplete=\"off\" required=\"required\" maxlength=\"8\"/>",
                reg_id, vi, r->lang_en ? en : "(ghi bằng số)", reg_id);
    html_printf(r, "<p><small>%s</small></p><button type=\"submit\">%s</button></form></details>",
                TR(r, "Ý kiến chỉ hiện lên sau khi cấp ủy xem xét.", "Comments appear once the committee has "
                   "reviewed them."), TR(r, "Gửi ý kiến", "Send"));
}

/* One person's published commitments, their comments and the form to
** send one (open when `open`). */
static int public_registration(web_req *r, const dom_rows *regs, long i, int open, lt_err *e) {
    dom_rows items;
    if (q_registration_items(&r->ctx, rows_int(regs, i, "id"), &items, e)) return e->code;
    html_printf(r, "<h3>%s — %s</h3><ol>", rows_get(regs, i, "full_name"), rows_get(regs, i, "position"));
    for (long k = 0; k < items.n; k++) {
        html_printf(r, "<li>%s", rows_get(&items, k, "body"));
        if (*rows_get(&items, k, "deadline"))
            html_printf(r, " <small>(%s %s)</small>", TR(r, "hạn", "by"), rows_get(&items, k, "deadline"));
        html_raw(r, "</li>");
    }
    html_printf(r, "</ol><p><small>%s %s</small></p>", TR(r, "Công khai ngày", "Published on"),
                rows_get(regs, i, "published_at"));
    rows_free(&items);
    if (public_comments(r, rows_int(regs, i, "id"), e)) return e->code;
    comment_form(r, rows_int(regs, i, "id"), open);
    return LT_OK;
}

/* One published registration alone, with its comments and the form open
** (where a comment sent with a mistake comes back). */
int page_public_registration(web_req *r, lt_err *e) {
    long id;
    dom_rows reg = {0};
    if (lt_parse_long(r->args[0], 1, 1L << 53, &id) == 0 && q_registration(&r->ctx, id, &reg, e) &&
        e->code != LT_ENOTFOUND)
        return e->code;
    if (reg.n == 0 || !*rows_get(&reg, 0, "published_at")) {
        rows_free(&reg);
        return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký công khai này", "no such published registration");
    }
    html_begin(r, TR(r, "Nội dung đăng ký đã công khai", "A published commitment"));
    html_printf(r, "<p><a href=\"/cong-khai/dang-ky?don_vi=%U&amp;nam=%lld\">%s</a></p><h2>%s</h2>",
                rows_get(&reg, 0, "unit_code"), rows_int(&reg, 0, "year"),
                TR(r, "Cán bộ chủ chốt của đơn vị", "The unit's key cadres"), rows_get(&reg, 0, "unit_name"));
    int rc = public_registration(r, &reg, 0, 1, e);
    rows_free(&reg);
    if (rc == LT_OK) html_end(r);
    return rc;
}

/* Key cadres' published commitments, grouped by their unit, a page of
** PUBLIC_PAGE people at a time (a phone scrolls one commune's page). */
int page_public_registrations(web_req *r, lt_err *e) {
    int year;
    long long unit;
    char code[64], title[160];
    if (public_scope(r, &year, &unit, code, e)) return e->code;
    dom_rows regs;
    if (q_public_registrations(&r->ctx, unit, year, &regs, e)) return e->code;
    const char *t = web_param_get(&r->query, "trang");
    long pg = 1;
    if (t && lt_parse_long(t, 1, 100000, &pg)) pg = 1;
    snprintf(title, sizeof title, "%s %d", TR(r, "Nội dung đăng ký của cán bộ chủ chốt năm",
                                              "Key cadres' commitments,"), year);
    html_begin(r, title);
    year_links(r, "dang-ky", code, year);
    if (regs.n == 0) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có nội dung công khai.",
                                                                      "Nothing published yet."));
    else html_printf(r, "<p>%N %s</p>", (long long)regs.n, TR(r, "người đã công khai.", "people published."));
    int rc = LT_OK;
    const char *unit_shown = "";
    for (long i = (pg - 1) * PUBLIC_PAGE; i < regs.n && i < pg * PUBLIC_PAGE && rc == LT_OK; i++) {
        if (strcmp(unit_shown, rows_get(&regs, i, "unit_name")))
            html_printf(r, "<h2>%s</h2>", unit_shown = rows_get(&regs, i, "unit_name"));
        rc = public_registration(r, &regs, i, 0, e);
    }
    public_pages(r, "dang-ky", code, year, regs.n, pg);
    rows_free(&regs);
    if (rc == LT_OK) html_end(r);
    return rc;
}

int page_public_collectives(web_req *r, lt_err *e) {
    int year;
    long long unit;
    char code[64], title[160];
    if (public_scope(r, &year, &unit, code, e)) return e->code;
    dom_rows rows;
    if (q_public_collectives(&r->ctx, unit, year, &rows, e)) return e->code;
    snprintf(title, sizeof title, "%s %d", TR(r, "Đăng ký tập thể của các tổ chức đảng năm",
                                              "Party organisations' collective commitments,"), year);
    html_begin(r, title);
    year_links(r, "tap-the", code, year);
    if (rows.n == 0) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có nội dung công khai.",
                                                                      "Nothing published yet."));
    const char *shown = "";
    for (long i = 0; i < rows.n; i++) {
        if (strcmp(shown, rows_get(&rows, i, "id"))) {
            html_printf(r, "%S<h2>%s</h2><p class=\"muted\">%s %s</p><ol>", *shown ? "</ol>" : "",
                        rows_get(&rows, i, "unit_name"), TR(r, "Công khai ngày", "Published on"),
                        rows_get(&rows, i, "published_at"));
            shown = rows_get(&rows, i, "id");
        }
        html_printf(r, "<li>%s <span class=\"muted\">(%s)</span></li>", rows_get(&rows, i, "body"),
                    page_coll_group(r, rows_get(&rows, i, "item_group")));
    }
    if (*shown) html_raw(r, "</ol>");
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}

int page_public_standards(web_req *r, lt_err *e) {
    int year;
    long long unit;
    char code[64];
    if (public_scope(r, &year, &unit, code, e)) return e->code;
    dom_rows rows;
    if (q_public_standards(&r->ctx, unit, year, &rows, e)) return e->code;
    html_begin(r, TR(r, "Chuẩn mực đạo đức của đơn vị", "Units' ethical standards"));
    year_links(r, "chuan-muc", code, year);
    static const char *const cols[] = {"unit_name", "Đơn vị|Unit", "motto", "Phương châm|Motto", "adopted_on",
                                       "Ngày thông qua|Adopted on", NULL};
    html_rows(r, &rows, cols, NULL, NULL);
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}

int page_public_models(web_req *r, lt_err *e) {
    int year;
    long long unit;
    char code[64];
    if (public_scope(r, &year, &unit, code, e)) return e->code;
    dom_rows rows;
    if (q_public_models(&r->ctx, unit, year, &rows, e)) return e->code;
    html_begin(r, TR(r, "Mô hình, điển hình được khen thưởng", "Commended models"));
    year_links(r, "mo-hinh", code, year);
    static const char *const cols[] = {"year", "Năm|Year", "title", "Mô hình|Model", "subject",
                                       "Người, tập thể|Who", "unit_name", "Đơn vị|Unit", "contribution_vnd",
                                       "#Đóng góp (đồng)|Contribution (VND)", "level", "Cấp khen|Level", NULL};
    html_rows(r, &rows, cols, NULL, NULL);
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}
