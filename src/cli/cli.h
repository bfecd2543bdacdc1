/*
** cli.h — the command line: the one table of commands (name, usage,
** summary, help, handler), option parsing, and the helpers every command
** shares to open the database and print errors (Vietnamese with English
** beside).  Output files are written by lt_write_file (core.h).
*/
#ifndef LT_CLI_H
#define LT_CLI_H

#include "../core/core.h"
#include "../domain/domain.h"
#include "../io/io.h"

#include <stdio.h>

/* One option of a command: "--name VALUE" (or "--name=VALUE"), or a flag. */
typedef struct cli_opt {
    const char *name;   /* without the leading dashes; "o" is also -o */
    int has_value;
    const char *value;  /* lent from argv */
    int seen;
} cli_opt;

/* The longest value an option, --db or LAMTHEO_DB may have (a file name
** is at most 4,096 bytes on Linux). */
#define CLI_MAX_VALUE 4000

/* Parse argv[0..argc) against opts; positional arguments go to pos (at
** most maxpos).  LT_EUSAGE with a message on an unknown option, an option
** given twice, a value missing, empty or longer than CLI_MAX_VALUE, an
** empty argument, or more arguments than maxpos.  (What each argument may
** hold beyond that, and its own bound, is checked where it is used.) */
int cli_parse(int argc, char **argv, cli_opt *opts, int nopts, char **pos, int maxpos,
              int *npos, lt_err *e);
/* The value of option `name` or NULL. */
const char *cli_get(const cli_opt *opts, int nopts, const char *name);
/* A document's marks from --number, --date, --signer and --recipients
** (recipients separated by ";"), in buf (the recipients' lines). */
doc_marks cli_marks(const cli_opt *opts, int nopts, char *buf, size_t size);
#define CLI_MARK_OPTS {"number", 1, NULL, 0}, {"date", 1, NULL, 0}, {"signer", 1, NULL, 0}, \
                      {"recipients", 1, NULL, 0}

/* The database path: --db, then LAMTHEO_DB, then ./lamtheo.db (lent). */
const char *cli_db_path(void);
/* Open the existing database and set up the CLI's acting context. */
int cli_open(lt_ctx *ctx, lt_err *e);
void cli_close(lt_ctx *ctx);

/* Print an error record as "lamtheo: vi (en)" to stderr; returns the exit
** status for its code. */
int cli_fail(const lt_err *e);
/* Print every diagnostic as "FILE:LINE: column: vi | en", an import's column
** with its title ("ngay_sinh (Ngày sinh)") when kind is the import's (else NULL). */
void cli_print_diags(const char *file, const char *kind, const lt_diags *d);

/* How long to wait for another process's lock on the database:
** LAMTHEO_BUSY_WAIT (seconds, decimals allowed, 0..86400) or default_ms.
** -1 with e filled when the variable is malformed. */
long cli_busy_wait_ms(long default_ms, lt_err *e);

/* The settings: every environment variable lamtheo reads, which is also a
** key of the configuration file (config.c) and an entry of the man page's
** ENVIRONMENT (settings.c holds the one table). */
typedef enum { CLI_SET_TEXT, CLI_SET_INT, CLI_SET_SECONDS, CLI_SET_LEVEL, CLI_SET_ENV_ONLY } cli_set_kind;
typedef struct cli_setting {
    const char *name, *vi, *en, *def; /* def: "" when it depends (said in en) */
    cli_set_kind kind;
    long lo, hi; /* CLI_SET_INT, CLI_SET_SECONDS: the bounds */
} cli_setting;
extern const cli_setting cli_settings[];
extern const int cli_setting_count;
/* Take --config FILE / --config=FILE out of argv[from..*argc), then read
** that file, else $LAMTHEO_CONFIG, else /etc/lamtheo/lamtheo.conf if it
** exists: each key sets its environment variable unless already set. */
int cli_config_load(int *argc, char **argv, int from, lt_err *e);
/* The lines of an open configuration file f, named name in errors
** (NAME:LINE: ...), each setting its variable unless the environment had
** set it: what cli_config_load does once it has the file open.  The fuzz
** target's way in. */
int cli_config_read(FILE *f, const char *name, lt_err *e);
/* LAMTHEO_LOG_LEVEL as the lowest status logged (info 0, warn 400, error
** 500); -1 with e filled when it is not one of these. */
int cli_log_level(lt_err *e);

/* Parse a year argument in 1990..2100. */
int cli_year(const char *s, const char *opt, int *year, lt_err *e);

/* Commands. */
typedef int (*cli_handler)(int argc, char **argv);
typedef struct cli_command {
    const char *name, *usage, *summary, *help;
    cli_handler run;
} cli_command;

int cmd_init(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_migrate(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_bulletin(int argc, char **argv);
int cmd_remind(int argc, char **argv);
int cmd_form(int argc, char **argv);

#endif
