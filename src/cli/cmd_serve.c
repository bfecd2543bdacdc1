/*
** cmd_serve.c — `lamtheo serve [--listen 127.0.0.1:8080] [--trusted-proxy
** ADDR[,ADDR...]]`: the web UI, the JSON API and the public pages on the
** database.  The environment gives LAMTHEO_LISTEN and LAMTHEO_TRUSTED_PROXY
** (when the option is absent), LAMTHEO_REQUEST_TIMEOUT (seconds),
** LAMTHEO_LOG_LEVEL (info, warn: 4xx and 5xx only, error: 5xx only) and
** LAMTHEO_LOG_FILE (the log's file instead of stderr; SIGHUP reopens it).
*/
#include "cli.h"
#include "../web/web.h"

#include <stdlib.h>

int cmd_serve(int argc, char **argv) {
    cli_opt o[] = {{"listen", 1, NULL, 0}, {"trusted-proxy", 1, NULL, 0}};
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, o, 2, pos, 0, &npos, &e)) return cli_fail(&e);
    const char *listen = cli_get(o, 2, "listen"), *proxies = cli_get(o, 2, "trusted-proxy");
    const char *timeout = getenv("LAMTHEO_REQUEST_TIMEOUT");
    if (!listen && getenv("LAMTHEO_LISTEN") && *getenv("LAMTHEO_LISTEN")) listen = getenv("LAMTHEO_LISTEN");
    web_serve_opts so = {listen ? listen : "127.0.0.1:8080",
                         proxies ? proxies : getenv("LAMTHEO_TRUSTED_PROXY"), WEB_REQUEST_TIMEOUT,
                         WEB_STOP_WAIT, NULL};
    const char *log_file = getenv("LAMTHEO_LOG_FILE");
    if (log_file && *log_file) so.log_file = log_file;
    long t;
    if (timeout && *timeout) {
        if (lt_parse_long(timeout, 1, 3600, &t)) {
            lt_err_set(&e, LT_EUSAGE, "LAMTHEO_REQUEST_TIMEOUT phải là số giây từ 1 đến 3600",
                       "LAMTHEO_REQUEST_TIMEOUT must be a number of seconds from 1 to 3600");
            return cli_fail(&e);
        }
        so.timeout = (unsigned)t;
    }
    const char *stop_wait = getenv("LAMTHEO_STOP_WAIT"); /* seconds in-flight requests get on SIGTERM */
    if (stop_wait && *stop_wait) {
        if (lt_parse_long(stop_wait, 1, 300, &t)) {
            lt_err_set(&e, LT_EUSAGE, "LAMTHEO_STOP_WAIT phải là số giây từ 1 đến 300",
                       "LAMTHEO_STOP_WAIT must be a number of seconds from 1 to 300");
            return cli_fail(&e);
        }
        so.stop_wait = (unsigned)t;
    }
    int min_status = cli_log_level(&e);
    if (min_status < 0) return cli_fail(&e);
    web_access_log_min_status(min_status);
    /* a page waits briefly for another process's lock, then answers 503 */
    long wait_ms = cli_busy_wait_ms(WEB_BUSY_WAIT_MS, &e);
    if (wait_ms < 0) return cli_fail(&e);
    db_set_busy_wait(wait_ms, NULL);
    if (web_serve(cli_db_path(), &so, &e)) return cli_fail(&e);
    return 0;
}
