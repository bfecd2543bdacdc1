/*
** page_accounts.c — accounts in the browser (DESIGN §2 "account"): the
** list of an officer's or admin's subtree (search by name without
** diacritics, unit, role, status, page by page, with the last login), an
** account's own page with a new code on a new slip, disabling and its
** role (within what the actor may grant); and from a unit's page, an account
** for everyone of it who has none, with the slips to hand out.
*/
#include "pages.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNTS_PAGE 50

/* The slips as a PDF download named after what they are for, or LT_EIO. */
static int slips_download(web_req *r, const account_slip *s, long n, const char *name, lt_err *e) {
    lt_buf pdf;
    lt_buf_init(&pdf, 0);
    int rc = slips_render_pdf(s, n, getenv("LAMTHEO_SITE"), &pdf, e);
    if (rc == LT_OK) {
        lt_buf_reset(&r->out);
        if (lt_buf_append(&r->out, pdf.p, pdf.len)) rc = lt_err_oom(e);
        web_attachment(r, "application/pdf", name);
    }
    if (pdf.p) sodium_memzero(pdf.p, pdf.len);
    lt_buf_free(&pdf);
    return rc;
}

/* One select of the filter form. */
static void filter_select(web_req *r, const char *name, const char *label, const char *const *opts,
                          const char *now) {
    html_printf(r, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"><option value=\"\">%s</option>",
                name, label, name, name, TR(r, "Tất cả", "All"));
    for (int i = 0; opts[i]; i += 2)
        html_printf(r, "<option value=\"%s\"%S>%s</option>", opts[i], !strcmp(now, opts[i]) ? " selected=\"selected\"" : "",
                    vocab_word(r, opts[i]));
    html_raw(r, "</select>");
}

/* The row's actions: a new code (its slip downloads), disabling. */
static void account_actions(web_req *r, const dom_rows *rows, long i) {
    const char *login = rows_get(rows, i, "login");
    html_printf(r, "<div><form method=\"post\" action=\"/tai-khoan/%U/cap-lai\" class=\"inline\">", login);
    html_csrf(r);
    html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Cấp mã mới", "New code"));
    if (strcmp(rows_get(rows, i, "status"), "disabled") != 0) {
        html_printf(r, "<form method=\"post\" action=\"/tai-khoan/%U/khoa\" class=\"inline\">", login);
        html_csrf(r);
        html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Khóa", "Disable"));
    }
    html_raw(r, "</div>");
}

int page_accounts(web_req *r, lt_err *e) {
    const char *q = web_param_get(&r->query, "q"), *unit = web_param_get(&r->query, "don_vi");
    const char *role = web_param_get(&r->query, "vai_tro"), *status = web_param_get(&r->query, "trang_thai");
    const char *pg = web_param_get(&r->query, "trang");
    long long unit_id;
    lt_err not_code = {0};
    if (unit && *unit && unit_find(&r->ctx, unit, &unit_id, &not_code) == LT_ENOTFOUND) { /* a name typed */
        int answered;
        if (web_unit_by_name(r, "don_vi", &answered, e) || answered) return e->code;
        unit = web_param_get(&r->query, "don_vi");
    }
    long page = 1;
    if (pg && lt_parse_long(pg, 1, 100000, &page)) page = 1;
    account_filter f = {q, role, status, ACCOUNTS_PAGE + 1, (int)((page - 1) * ACCOUNTS_PAGE), NULL};
    dom_rows rows;
    if (q_accounts(&r->ctx, unit, &f, &rows, e)) return e->code;
    html_begin(r, TR(r, "Tài khoản", "Accounts"));
    html_raw(r, "<form method=\"get\" action=\"/tai-khoan\" class=\"box\">");
    html_printf(r, "<label for=\"q\">%s</label><input id=\"q\" name=\"q\" value=\"%s\" placeholder=\"%s\"/>",
                TR(r, "Họ tên hoặc tên đăng nhập (không cần dấu)", "Name or login"), q ? q : "",
                TR(r, "vd: nguyen van an", "e.g. nguyen van an"));
    html_unit_picker(r, "don_vi", TR(r, "Đơn vị", "Unit"), unit ? unit : "", page_year(r), 0);
    static const char *const roles[] = {"admin", "admin", "officer", "officer", "member", "member",
                                        "viewer", "viewer", NULL};
    static const char *const states[] = {"pending", "pending", "active", "active", "disabled", "disabled", NULL};
    filter_select(r, "vai_tro", TR(r, "Vai trò", "Role"), roles, role ? role : "");
    filter_select(r, "trang_thai", TR(r, "Trạng thái", "Status"), states, status ? status : "");
    html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Lọc", "Filter"));
    long shown = rows.n > ACCOUNTS_PAGE ? ACCOUNTS_PAGE : rows.n;
    if (!shown) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Không có tài khoản nào.", "No accounts."));
    else html_raw(r, "<ul class=\"accounts\">");
    for (long i = 0; i < shown; i++) { /* a card each: readable on a phone as on a desk */
        const char *last = rows_get(&rows, i, "last_login"), *name = rows_get(&rows, i, "full_name");
        html_printf(r, "<li><a href=\"/tai-khoan/%U\"><b>%s</b></a> <code>%s</code><br/>%s%s%s · <span class=\"status\">%s</span> · %s %s",
                    rows_get(&rows, i, "login"), *name ? name : rows_get(&rows, i, "login"), rows_get(&rows, i, "login"),
                    rows_get(&rows, i, "unit_name"), *rows_get(&rows, i, "unit_name") ? " · " : "",
                    vocab_word(r, rows_get(&rows, i, "role")),
                    vocab_word(r, rows_get(&rows, i, "status")),
                    TR(r, "đăng nhập lần cuối:", "last login:"), *last ? last : TR(r, "chưa có", "never"));
        account_actions(r, &rows, i);
        html_raw(r, "</li>");
    }
    if (shown) html_raw(r, "</ul>");
    if (page > 1 || rows.n > ACCOUNTS_PAGE) {
        html_raw(r, "<p class=\"pages\">");
        if (page > 1)
            html_printf(r, "<a href=\"/tai-khoan?q=%U&amp;don_vi=%U&amp;vai_tro=%U&amp;trang_thai=%U&amp;trang=%ld\">%s</a> ",
                        q ? q : "", unit ? unit : "", role ? role : "", status ? status : "", page - 1,
                        TR(r, "← Trang trước", "← Previous"));
        html_printf(r, "%s %N", TR(r, "Trang", "Page"), (long long)page);
        if (rows.n > ACCOUNTS_PAGE)
            html_printf(r, " <a href=\"/tai-khoan?q=%U&amp;don_vi=%U&amp;vai_tro=%U&amp;trang_thai=%U&amp;trang=%ld\">%s</a>",
                        q ? q : "", unit ? unit : "", role ? role : "", status ? status : "", page + 1,
                        TR(r, "Trang sau →", "Next →"));
        html_raw(r, "</p>");
    }
    rows_free(&rows);
    page_export_links(r, TR(r, "Danh sách tài khoản", "Accounts"), "accounts", unit, 0);
    html_end(r);
    return LT_OK;
}

/* The role form: the roles the actor may give (an officer never an
** admin), and for an officer or viewer the unit, chosen by name among
** the account's own and those above it within the actor's reach. */
static void role_form(web_req *r, const char *login, const char *now_role, const char *now_unit,
                      const dom_rows *units) {
    html_printf(r, "<form method=\"post\" action=\"/tai-khoan/%U/vai-tro\" class=\"box\"><h2>%s</h2>", login,
                TR(r, "Đổi vai trò", "Change the role"));
    html_csrf(r);
    html_printf(r, "<label for=\"vai_tro\">%s</label><select id=\"vai_tro\" name=\"vai_tro\">",
                TR(r, "Vai trò", "Role"));
    static const char *const roles[] = {"member", "officer", "viewer", "admin"};
    for (int i = 0; i < 4; i++) {
        if (!strcmp(roles[i], "admin") && r->ctx.role != ROLE_ADMIN) continue;
        html_printf(r, "<option value=\"%s\"%S>%s</option>", roles[i],
                    !strcmp(now_role, roles[i]) ? " selected=\"selected\"" : "",
                    vocab_word(r, roles[i]));
    }
    html_printf(r, "</select><label for=\"don_vi\">%s</label><select id=\"don_vi\" name=\"don_vi\">",
                TR(r, "Đơn vị quản lý hoặc xem (với cán bộ quản lý, người xem)",
                   "Unit managed or viewed (officer, viewer)"));
    for (long i = 0; i < units->n; i++)
        html_printf(r, "<option value=\"%s\"%S>%s</option>", rows_get(units, i, "code"),
                    !strcmp(now_unit, rows_get(units, i, "code")) ? " selected=\"selected\"" : "",
                    rows_get(units, i, "name"));
    html_printf(r, "</select><button type=\"submit\">%s</button></form>", TR(r, "Lưu vai trò", "Save the role"));
}

/* One account of the actor's reach: who, where, state, last login, its
** actions and the role form. */
int page_account(web_req *r, lt_err *e) {
    account_filter f = {NULL, NULL, NULL, 1, 0, r->args[0]};
    dom_rows rows, units;
    if (q_accounts(&r->ctx, NULL, &f, &rows, e)) return e->code;
    if (!rows.n) {
        rows_free(&rows);
        return lt_err_set(e, LT_ENOTFOUND, "không có tài khoản \"%.64s\" trong phạm vi của bạn",
                          "no account \"%.64s\" within your scope", r->args[0]);
    }
    if (q_account_units(&r->ctx, r->args[0], &units, e)) { rows_free(&rows); return e->code; }
    const char *name = rows_get(&rows, 0, "full_name"), *last = rows_get(&rows, 0, "last_login");
    html_begin(r, *name ? name : r->args[0]);
    html_printf(r, "<dl class=\"facts\"><dt>%s</dt><dd><code>%s</code></dd><dt>%s</dt><dd>%s</dd><dt>%s</dt>"
                   "<dd>%s</dd><dt>%s</dt><dd class=\"status\">%s</dd><dt>%s</dt><dd>%s</dd></dl>",
                TR(r, "Tên đăng nhập", "Login"), r->args[0], TR(r, "Đơn vị", "Unit"),
                rows_get(&rows, 0, "unit_name"), TR(r, "Vai trò", "Role"),
                vocab_word(r, rows_get(&rows, 0, "role")),
                TR(r, "Trạng thái", "Status"),
                vocab_word(r, rows_get(&rows, 0, "status")),
                TR(r, "Đăng nhập lần cuối", "Last login"), *last ? last : TR(r, "chưa có", "never"));
    account_actions(r, &rows, 0);
    if (strcmp(r->args[0], r->ctx.actor) != 0)
        role_form(r, r->args[0], rows_get(&rows, 0, "role"), rows_get(&rows, 0, "unit_code"), &units);
    html_printf(r, "<p><a href=\"/tai-khoan\">%s</a></p>", TR(r, "← Mọi tài khoản", "← All accounts"));
    rows_free(&units);
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}

int page_account_role(web_req *r, lt_err *e) {
    lt_role role;
    const char *v = web_param_get(&r->form, "vai_tro");
    if (!v || role_parse(v, &role))
        return lt_err_set(e, LT_EINPUT, "hãy chọn một vai trò", "choose a role");
    if (account_set_role(&r->ctx, r->args[0], role, web_param_get(&r->form, "don_vi"), e)) return e->code;
    char to[160];
    snprintf(to, sizeof to, "/tai-khoan/%.64s?xong=vai-tro", r->args[0]);
    web_redirect(r, to);
    return LT_OK;
}

int page_account_reset(web_req *r, lt_err *e) {
    account_slip slip;
    int rc = account_reset(&r->ctx, r->args[0], 0, &slip, e);
    char name[96];
    snprintf(name, sizeof name, "phieu-kich-hoat-%.64s.pdf", r->args[0]);
    if (rc == LT_OK) rc = slips_download(r, &slip, 1, name, e);
    sodium_memzero(&slip, sizeof slip);
    return rc;
}

int page_account_disable(web_req *r, lt_err *e) {
    if (account_disable(&r->ctx, r->args[0], e)) return e->code;
    web_redirect(r, "/tai-khoan?xong=khoa");
    return LT_OK;
}

/* From a unit's page: an account for everyone of its subtree who has none,
** the slips downloaded at once (or a page saying nobody was left). */
int page_unit_accounts(web_req *r, lt_err *e) {
    account_slip *s;
    long n;
    if (account_bulk(&r->ctx, r->args[0], 0, &s, &n, e)) return e->code;
    int rc = LT_OK;
    if (n == 0) {
        html_begin(r, TR(r, "Tài khoản", "Accounts"));
        html_printf(r, "<p class=\"done\" role=\"status\">%s</p><p><a href=\"/don-vi/%U\">%s</a></p>",
                    TR(r, "Mọi người của đơn vị đã có tài khoản.", "Everyone of the unit has an account."),
                    r->args[0], TR(r, "Trở lại đơn vị", "Back to the unit"));
        html_end(r);
    } else {
        char name[96];
        snprintf(name, sizeof name, "phieu-kich-hoat-%.64s.pdf", r->args[0]);
        rc = slips_download(r, s, n, name, e);
    }
    if (s) { sodium_memzero(s, (size_t)n * sizeof *s); free(s); }
    return rc;
}
