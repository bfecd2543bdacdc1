/*
** cmd_admin.c — administration: `user add` (the password from the
** terminal without echo, or from standard input), `backup` (a consistent
** copy of the live database) and `check` (integrity and our own rules).
*/
#include "cli.h"

#include <stdio.h>
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

int cmd_user(int argc, char **argv) {
    cli_opt o[] = {{"role", 1, NULL, 0}, {"unit", 1, NULL, 0}, {"person", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[2];
    lt_err e = {0};
    lt_role role;
    if (cli_parse(argc, argv, o, n, pos, 2, &npos, &e)) return cli_fail(&e);
    if (npos != 2 || strcmp(pos[0], "add") != 0 || !cli_get(o, n, "role")) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo user add LOGIN --role R [--unit CODE] [--person CODE]",
                   "usage: lamtheo user add LOGIN --role R [--unit CODE] [--person CODE]");
        return cli_fail(&e);
    }
    if (role_parse(cli_get(o, n, "role"), &role)) {
        lt_err_set(&e, LT_EUSAGE, "--role: admin, officer, member hoặc viewer",
                   "--role: admin, officer, member or viewer");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    char pw[256];
    int rc = read_password(pw, sizeof pw, &e);
    if (rc == LT_OK)
        rc = account_add(&ctx, pos[1], pw, role, cli_get(o, n, "unit"), cli_get(o, n, "person"), &e);
    memset(pw, 0, sizeof pw);
    cli_close(&ctx);
    if (rc) return cli_fail(&e);
    printf("Đã tạo tài khoản %s (%s).\n", pos[1], role_name(role));
    return 0;
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

int cmd_backup(int argc, char **argv) {
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, NULL, 0, pos, 1, &npos, &e)) return cli_fail(&e);
    if (npos != 1) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo backup FILE", "usage: lamtheo backup FILE");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    int rc = db_backup(ctx.db, pos[0], &e);
    cli_close(&ctx);
    if (rc) return cli_fail(&e);
    printf("Đã sao lưu vào %s (backup written).\n", pos[0]);
    return 0;
}

int cmd_check(int argc, char **argv) {
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, NULL, 0, pos, 0, &npos, &e)) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo check", "usage: lamtheo check");
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    lt_diags d = {0};
    int rc = db_check(ctx.db, &d, &e);
    cli_close(&ctx);
    if (rc == LT_EINPUT) {
        cli_print_diags(cli_db_path(), &d);
        lt_diags_free(&d);
        return 1;
    }
    lt_diags_free(&d);
    if (rc) return cli_fail(&e);
    printf("ok\n");
    return 0;
}
