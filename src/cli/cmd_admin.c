/*
** cmd_admin.c — administration: `user add` (the password from the
** terminal without echo, or from standard input), `user bulk`, `list`,
** `reset`, `disable` and `role` (accounts with activation slips) and `check`
** (integrity and our own rules; --quick: what one pass shows).  `backup` and
** `restore` are in cmd_backup.c.
*/
#include "cli.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Read one line (the password) into buf; no echo on a terminal. */
static int read_password(char *buf, size_t size, lt_err *e) {
    int tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fprintf(stderr, "Mật khẩu (password): ");
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    char *got = fgets(buf, (int)size, stdin);
    if (tty) { tcsetattr(STDIN_FILENO, TCSANOW, &old); fputc('\n', stderr); }
    if (!got)
        return lt_err_set(e, LT_EINPUT, "không đọc được mật khẩu", "no password was given");
    buf[strcspn(buf, "\r\n")] = 0;
    return LT_OK;
}

#define USER_USAGE_VI "cách dùng: lamtheo user add LOGIN --role R [--unit CODE] [--person CODE]" \
    " | user bulk --unit CODE [-o PHIẾU.pdf] | user list [--unit CODE] | user reset LOGIN" \
    " [-o PHIẾU.pdf] | user disable LOGIN | user role LOGIN --role R [--unit CODE]"
#define USER_USAGE_EN "usage: lamtheo user add LOGIN --role R [--unit CODE] [--person CODE]" \
    " | user bulk --unit CODE [-o SLIPS.pdf] | user list [--unit CODE] | user reset LOGIN" \
    " [-o SLIP.pdf] | user disable LOGIN | user role LOGIN --role R [--unit CODE]"

/* --role R, or LT_EUSAGE naming the four. */
static int role_opt(const cli_opt *o, int n, lt_role *role, lt_err *e) {
    if (!cli_get(o, n, "role") || role_parse(cli_get(o, n, "role"), role))
        return lt_err_set(e, LT_EUSAGE, "--role: admin, officer, member hoặc viewer",
                          "--role: admin, officer, member or viewer");
    return LT_OK;
}

/* user add LOGIN --role R [--unit CODE] [--person CODE]: the password from
** the terminal or standard input. */
static int user_add(lt_ctx *ctx, const char *login, const cli_opt *o, int n, lt_err *e) {
    lt_role role;
    if (role_opt(o, n, &role, e)) return e->code;
    char pw[256];
    int rc = read_password(pw, sizeof pw, e);
    if (rc == LT_OK) rc = account_add(ctx, login, pw, role, cli_get(o, n, "unit"), cli_get(o, n, "person"), e);
    memset(pw, 0, sizeof pw);
    if (rc == LT_OK) printf("Đã tạo tài khoản %s (%s).\n", login, role_name(role));
    return rc;
}

/* Slips to -o as a PDF (when given), or their logins and codes printed. */
static int slips_out(const account_slip *s, long k, const cli_opt *o, int n, lt_err *e) {
    const char *path = cli_get(o, n, "o");
    if (!path) {
        for (long i = 0; i < k; i++) printf("%s\t%s\t%s\t%s\n", s[i].login, s[i].code, s[i].expires, s[i].full_name);
        return LT_OK;
    }
    lt_buf out;
    lt_buf_init(&out, 0);
    const char *site = cli_get(o, n, "site") ? cli_get(o, n, "site") : getenv("LAMTHEO_SITE");
    int rc = slips_render_pdf(s, k, site, &out, e);
    if (rc == LT_OK) rc = lt_write_file(path, out.p ? out.p : "", out.len, e);
    if (out.p) sodium_memzero(out.p, out.len);
    lt_buf_free(&out);
    return rc;
}

/* --days N (1..366), or 0 for the default. */
static int days_opt(const cli_opt *o, int n, int *days, lt_err *e) {
    long v = 0;
    *days = 0;
    if (cli_get(o, n, "days") && lt_parse_long(cli_get(o, n, "days"), 1, 366, &v))
        return lt_err_set(e, LT_EUSAGE, "--days: từ 1 đến 366 ngày", "--days: 1 to 366 days");
    *days = (int)v;
    return LT_OK;
}

static int user_bulk(lt_ctx *ctx, const cli_opt *o, int n, lt_err *e) {
    int days;
    if (!cli_get(o, n, "unit")) return lt_err_set(e, LT_EUSAGE, USER_USAGE_VI, USER_USAGE_EN);
    if (days_opt(o, n, &days, e)) return e->code;
    account_slip *s;
    long k;
    int rc = account_bulk(ctx, cli_get(o, n, "unit"), days, &s, &k, e);
    if (rc == LT_OK) rc = slips_out(s, k, o, n, e);
    char vi[LT_COUNT_MAX], en[LT_COUNT_MAX];   /* "1.234 tài khoản", "1,234 pending accounts" */
    lt_count_fmt(vi, rc == LT_OK ? k : 0, '.');
    lt_count_fmt(en, rc == LT_OK ? k : 0, ',');
    if (rc == LT_OK)
        fprintf(stderr, "Đã tạo %s tài khoản chờ kích hoạt%s%s (%s pending %s)\n", vi,
                cli_get(o, n, "o") ? "; phiếu kích hoạt: " : "", cli_get(o, n, "o") ? cli_get(o, n, "o") : "", en,
                k == 1 ? "account" : "accounts");
    if (rc == LT_OK && cli_get(o, n, "o"))
        fprintf(stderr, "Lưu ý: mã chỉ có trong tệp phiếu này; in xong hãy xóa tệp. (The codes are only in"
                        " this file: delete it once printed.)\n");
    if (s) { sodium_memzero(s, (size_t)k * sizeof *s); free(s); }
    return rc;
}

static int user_role(lt_ctx *ctx, const char *login, const cli_opt *o, int n, lt_err *e) {
    lt_role role;
    if (role_opt(o, n, &role, e) || account_set_role(ctx, login, role, cli_get(o, n, "unit"), e)) return e->code;
    printf("Tài khoản %s nay có vai trò %s (%s).\n", login, vocab_label_vi(role_name(role)), role_name(role));
    return LT_OK;
}

static int user_list(lt_ctx *ctx, const cli_opt *o, int n, lt_err *e) {
    dom_rows rows;
    if (q_accounts(ctx, cli_get(o, n, "unit"), NULL, &rows, e)) return e->code;
    for (long i = 0; i < rows.n; i++)
        printf("%s\t%s\t%s\t%s\t%s\t%s\n", rows_get(&rows, i, "login"), rows_get(&rows, i, "role"),
               vocab_label_vi(rows_get(&rows, i, "status")), rows_get(&rows, i, "full_name"),
               rows_get(&rows, i, "unit_code"), *rows_get(&rows, i, "last_login") ?
               rows_get(&rows, i, "last_login") : "chưa đăng nhập");
    rows_free(&rows);
    return LT_OK;
}

int cmd_user(int argc, char **argv) {
    cli_opt o[] = {{"role", 1, NULL, 0}, {"unit", 1, NULL, 0}, {"person", 1, NULL, 0},
                   {"o", 1, NULL, 0}, {"days", 1, NULL, 0}, {"site", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[2];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 2, &npos, &e)) return cli_fail(&e);
    const char *what = npos ? pos[0] : "";
    int with_login = !strcmp(what, "add") || !strcmp(what, "reset") || !strcmp(what, "disable")
                     || !strcmp(what, "role");
    if (!(with_login ? npos == 2 : npos == 1 && (!strcmp(what, "bulk") || !strcmp(what, "list")))) {
        lt_err_set(&e, LT_EUSAGE, USER_USAGE_VI, USER_USAGE_EN);
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    int rc;
    if (!strcmp(what, "add")) rc = user_add(&ctx, pos[1], o, n, &e);
    else if (!strcmp(what, "bulk")) rc = user_bulk(&ctx, o, n, &e);
    else if (!strcmp(what, "list")) rc = user_list(&ctx, o, n, &e);
    else if (!strcmp(what, "role")) rc = user_role(&ctx, pos[1], o, n, &e);
    else if (!strcmp(what, "disable")) {
        rc = account_disable(&ctx, pos[1], &e);
        if (rc == LT_OK) printf("Đã khóa tài khoản %s; các phiên của nó đã kết thúc.\n", pos[1]);
    } else {
        int days;
        account_slip slip;
        rc = days_opt(o, n, &days, &e);
        if (rc == LT_OK) rc = account_reset(&ctx, pos[1], days, &slip, &e);
        if (rc == LT_OK) rc = slips_out(&slip, 1, o, n, &e);
        sodium_memzero(&slip, sizeof slip);
    }
    cli_close(&ctx);
    return rc ? cli_fail(&e) : 0;
}

/* lamtheo person move CODE (--to UNIT [--position P] | --leave) --date D */
int cmd_person(int argc, char **argv) {
    cli_opt o[] = {{"to", 1, NULL, 0}, {"leave", 0, NULL, 0}, {"date", 1, NULL, 0},
                   {"position", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[2];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 2, &npos, &e)) return cli_fail(&e);
    const char *to = cli_get(o, n, "to"), *date = cli_get(o, n, "date");
    if (npos != 2 || strcmp(pos[0], "move") != 0 || !date || !to == !o[1].seen) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo person move MÃ (--to ĐƠN_VỊ [--position CHỨC_VỤ]"
                   " | --leave) --date NGÀY", "usage: lamtheo person move CODE (--to UNIT [--position P]"
                   " | --leave) --date D");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    int rc = person_move(&ctx, pos[1], to, cli_get(o, n, "position"), date, &e);
    dom_rows p = {0};
    if (rc == LT_OK && to) rc = q_person(&ctx, pos[1], &p, &e);
    cli_close(&ctx);
    if (rc) return cli_fail(&e);
    if (to) printf("Đã chuyển sinh hoạt %s đến %s (%s) từ ngày %s (transferred).\n", pos[1],
                   rows_get(&p, 0, "unit_name"), rows_get(&p, 0, "unit_code"), date);
    else printf("Đã ghi %s thôi sinh hoạt, ngày cuối %s (membership ended).\n", pos[1], date);
    rows_free(&p);
    return 0;
}

int cmd_check(int argc, char **argv) {
    cli_opt o[] = {{"quick", 0, NULL, 0}};
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, o, 1, pos, 0, &npos, &e)) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo check [--quick]", "usage: lamtheo check [--quick]");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_diags d = {0};
    int rc = o[0].seen ? db_check_quick(ctx.db, &d, &e) : db_check(ctx.db, &d, &e);
    cli_close(&ctx);
    if (rc == LT_EINPUT) {
        cli_print_diags(db_address_shown(cli_db_path()), NULL, &d);
        lt_diags_free(&d);
        return 1;
    }
    lt_diags_free(&d);
    if (rc) return cli_fail(&e);
    printf("ok\n");
    return 0;
}
