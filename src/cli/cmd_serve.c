/*
** cmd_serve.c — `lamtheo serve [--listen 127.0.0.1:8080]`: the web UI, the
** JSON API and the public pages on the database.
*/
#include "cli.h"
#include "../web/web.h"

int cmd_serve(int argc, char **argv) {
    cli_opt o[] = {{"listen", 1, NULL, 0}};
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, o, 1, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *listen = cli_get(o, 1, "listen");
    /* a page waits briefly for another process's lock, then answers 503 */
    long wait_ms = cli_busy_wait_ms(WEB_BUSY_WAIT_MS, &e);
    if (wait_ms < 0) return cli_fail(&e);
    db_set_busy_wait(wait_ms, NULL);
    if (web_serve(cli_db_path(), listen ? listen : "127.0.0.1:8080", &e)) return cli_fail(&e);
    return 0;
}
