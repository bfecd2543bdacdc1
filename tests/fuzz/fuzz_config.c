/*
** fuzz_config.c — libFuzzer target for the configuration file
** (/etc/lamtheo/lamtheo.conf, config.c): the bytes read as the file, line
** by line, as `lamtheo --config FILE` reads it.  A refusal names the file
** and its line ("lamtheo.conf:N: ...") in both languages; a file read
** whole leaves every setting it set a value that the setting takes.
*/
#include "../../src/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* the environment as a fresh process has it, so each run sets what it reads */
    for (int i = 0; i < cli_setting_count; i++) unsetenv(cli_settings[i].name);
    FILE *f = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");
    if (!f) return 0;
    lt_err e = {0};
    int rc = cli_config_read(f, "lamtheo.conf", &e);
    fclose(f);
    if (rc != LT_OK) {
        if (!e.vi[0] || !e.en[0]) abort();
        if (rc == LT_EUSAGE && (strncmp(e.en, "lamtheo.conf:", 13) != 0 || strncmp(e.vi, "lamtheo.conf:", 13) != 0))
            abort(); /* a refusal without the file and line */
        return 0;
    }
    for (int i = 0; i < cli_setting_count; i++) {
        const char *v = getenv(cli_settings[i].name);
        if (!v) continue;
        if (!*v || strlen(v) > CLI_MAX_VALUE) abort(); /* an empty value is the default: never set */
        if (cli_settings[i].kind == CLI_SET_ENV_ONLY) abort(); /* the file cannot name itself */
        if (cli_settings[i].kind == CLI_SET_INT) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < cli_settings[i].lo || n > cli_settings[i].hi) abort();
        }
    }
    return 0;
}
