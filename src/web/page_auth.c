/*
** page_auth.c — the home page, logging in and out, and a member's own page.
*/
#include "pages.h"

#include <stdio.h>
#include <string.h>

int page_home(web_req *r, lt_err *e) {
    (void)e;
    if (!r->logged_in) web_redirect(r, "/cong-khai/");
    else if (r->ctx.role == ROLE_MEMBER) web_redirect(r, "/cua-toi");
    else web_redirect(r, "/viec-can-lam");
    return LT_OK;
}

/* The login form; `problem` is shown above it when set. */
static void login_form(web_req *r, const char *problem) {
    const char *tok = web_param_get(&r->cookies, "lt_csrf");
    char fresh[44];
    if (!tok || !session_token_valid(tok)) {
        session_new_token(fresh);
        web_set_cookie(r, "lt_csrf", fresh, 7200);
        tok = fresh;
    }
    const char *next = web_param_get(&r->query, "next");
    if (!next) next = form(r, "next");
    html_begin(r, TR(r, "Đăng nhập", "Log in"));
    if (problem) html_printf(r, "<p class=\"error\">%s</p>", problem);
    html_printf(r, "<form method=\"post\" action=\"/dang-nhap\" class=\"box\">"
                   "<input type=\"hidden\" name=\"csrf\" value=\"%s\"/>"
                   "<input type=\"hidden\" name=\"next\" value=\"%s\"/>"
                   "<label for=\"login\">%s</label><input id=\"login\" name=\"login\" "
                   "autocomplete=\"username\" required=\"required\" maxlength=\"64\"/>"
                   "<label for=\"password\">%s</label><input id=\"password\" name=\"password\" "
                   "type=\"password\" autocomplete=\"current-password\" required=\"required\" maxlength=\"128\"/>"
                   "<button type=\"submit\">%s</button></form>",
                tok, next, TR(r, "Tên đăng nhập", "Login"), TR(r, "Mật khẩu", "Password"),
                TR(r, "Đăng nhập", "Log in"));
    html_end(r);
}

int page_login_form(web_req *r, lt_err *e) {
    (void)e;
    login_form(r, NULL);
    return LT_OK;
}

int page_login(web_req *r, lt_err *e) {
    char token[44];
    lt_err why = {0};
    if (session_login(r->ctx.db, form(r, "login"), form(r, "password"), r->addr, token, &why)) {
        if (why.code != LT_EREFUSED) { *e = why; return why.code; } /* busy, failed */
        r->status = 403;
        login_form(r, r->lang_en ? why.en : why.vi);
        return LT_OK;
    }
    web_set_cookie(r, "lt_session", token, 8 * 3600);
    web_set_cookie(r, "lt_csrf", "", -1);
    const char *next = form(r, "next");
    web_redirect(r, next[0] == '/' ? next : "/");
    return LT_OK;
}

/* The password form: a pending account (in with its activation code)
** chooses its own; an active one changes it, giving the current one. */
static void password_form(web_req *r, const char *problem) {
    html_begin(r, r->ctx.pending ? TR(r, "Đặt mật khẩu của bạn", "Choose your password")
                                 : TR(r, "Đổi mật khẩu", "Change your password"));
    if (r->ctx.pending)
        html_printf(r, "<p>%s</p>", TR(r, "Bạn đã vào bằng mã kích hoạt. Hãy đặt mật khẩu của riêng mình: "
                                          "từ 10 ký tự, khác tên đăng nhập và mã kích hoạt. Mã sẽ hết hiệu lực.",
                                       "You are in with your activation code. Choose your own password: "
                                       "10 characters or more, not your login nor the code, which then ends."));
    if (problem) html_printf(r, "<p class=\"error\">%s</p>", problem);
    html_raw(r, "<form method=\"post\" action=\"/mat-khau\" class=\"box\">");
    html_csrf(r);
    if (!r->ctx.pending)
        html_printf(r, "<label for=\"hien_tai\">%s</label><input id=\"hien_tai\" name=\"hien_tai\" "
                       "type=\"password\" autocomplete=\"current-password\" required=\"required\" maxlength=\"128\"/>",
                    TR(r, "Mật khẩu hiện tại", "Current password"));
    html_printf(r, "<label for=\"moi\">%s</label><input id=\"moi\" name=\"moi\" type=\"password\" "
                   "autocomplete=\"new-password\" required=\"required\" minlength=\"10\" maxlength=\"128\"/>"
                   "<label for=\"nhap_lai\">%s</label><input id=\"nhap_lai\" name=\"nhap_lai\" type=\"password\" "
                   "autocomplete=\"new-password\" required=\"required\" minlength=\"10\" maxlength=\"128\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Mật khẩu mới (ít nhất 10 ký tự)", "New password (10 characters or more)"),
                TR(r, "Nhập lại mật khẩu mới", "The new password again"), TR(r, "Lưu mật khẩu", "Save"));
    html_end(r);
}

int page_password_form(web_req *r, lt_err *e) {
    (void)e;
    password_form(r, NULL);
    return LT_OK;
}

/* (Its own transaction: the Argon2id hash is made before the write lock.) */
int page_password(web_req *r, lt_err *e) {
    lt_err why = {0};
    if (account_set_password(&r->ctx, form(r, "hien_tai"), form(r, "moi"), form(r, "nhap_lai"), &why)) {
        if (why.code != LT_EINPUT && why.code != LT_EREFUSED) { *e = why; return why.code; }
        r->status = 422;
        password_form(r, r->lang_en ? why.en : why.vi);
        return LT_OK;
    }
    web_redirect(r, r->ctx.role == ROLE_MEMBER ? "/cua-toi?xong=mat-khau" : "/tong-quan?xong=mat-khau");
    return LT_OK;
}

int page_logout(web_req *r, lt_err *e) {
    if (session_logout(r->ctx.db, r->token, e)) return e->code;
    web_set_cookie(r, "lt_session", "", -1);
    web_redirect(r, "/cong-khai/");
    return LT_OK;
}

int page_mine(web_req *r, lt_err *e) {
    dom_rows rows;
    if (!r->ctx.person_id)
        return lt_err_set(e, LT_ENOTFOUND, "tài khoản chưa gắn với một người",
                          "this account is not linked to a person");
    if (q_person_by_id(&r->ctx, r->ctx.person_id, &rows, e)) return e->code;
    char path[128];
    const char *done = web_param_get(&r->query, "xong"); /* what was just done, said there */
    if (done && (strlen(done) > 16 || strspn(done, "abcdefghijklmnopqrstuvwxyz-") != strlen(done))) done = NULL;
    snprintf(path, sizeof path, "/nguoi/%.80s%s%.16s", rows_get(&rows, 0, "code"), done ? "?xong=" : "",
             done ? done : "");
    rows_free(&rows);
    web_redirect(r, path);
    return LT_OK;
}
