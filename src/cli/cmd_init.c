/*
** cmd_init.c — `lamtheo init [--demo]`: create the database; with --demo
** fill it with Chợ Lách district and print its 2020 report.  A failure
** removes the half-made file, so nothing is left half-written.
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_init(int argc, char **argv) {
    cli_opt opts[] = {{"demo", 0, NULL, 0}};
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, opts, 1, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *path = cli_db_path();
    lt_db *db;
    if (db_open(path, DB_OPEN_CREATE, &db, &e)) return cli_fail(&e);
    int rc = LT_OK;
    if (opts[0].seen) {
        lt_ctx ctx;
        ctx_init_cli(&ctx, db);
        snprintf(ctx.actor, sizeof ctx.actor, "cli:demo");
        rc = demo_build(&ctx, &e);
        lt_buf out;
        lt_buf_init(&out, 0);
        if (rc == LT_OK) rc = report_render(&ctx, "HU-CL", 2020, 2020, REPORT_TEXT, NULL, &out, &e);
        if (rc == LT_OK) {
            printf("Đã tạo cơ sở dữ liệu mẫu %s (demo database created).\n\n%s\n", db_address_shown(path),
                   out.p);
            printf("Tài khoản mẫu / demo logins:\n");
            for (int i = 0; i < demo_account_count; i++)
                printf("  %-20s %-22s %-8s %s\n", demo_accounts[i].login, demo_accounts[i].password,
                       demo_accounts[i].role, demo_accounts[i].who);
            printf("\nThử / try: lamtheo report --year 2020 --format json\n"
                   "           lamtheo report --from 2016 --to 2020\n"
                   "           lamtheo search \"son dinh\"\n");
        }
        lt_buf_free(&out);
    } else {
        printf("Đã tạo cơ sở dữ liệu %s (database created).\n", db_address_shown(path));
    }
    db_close(db);
    if (rc) { db_remove_files(path); return cli_fail(&e); }
    return 0;
}
