/*
** main.c — lamtheo's entry point: the one table of commands, global
** options (--db; --config: config.c; the settings: settings.c), dispatch,
** `help` and `version`, and the helpers the commands share.  Exit status:
** 0 ok, 1 bad input or refused, 2 usage.
*/
#include "cli.h"
#include "../web/web.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LAMTHEO_VERSION "0.1.0"
/* A command waits this long for another process's lock: an import of the
** whole country holds the database for a minute or two. */
#define CLI_BUSY_WAIT_MS (5 * 60 * 1000)

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

/* The one table of commands, in the order `help` lists them. */
static const cli_command commands[] = {
    {"init", "init [--demo]", "tạo cơ sở dữ liệu / create the database",
     "Tạo cơ sở dữ liệu mới (mặc định ./lamtheo.db, hoặc --db FILE, hoặc LAMTHEO_DB).\n"
     "Create a new database.  --demo fills it with Chợ Lách district 2016-2021 as the\n"
     "article describes it and prints its 2020 report.", cmd_init},
    {"serve", "serve [--listen 127.0.0.1:8080] [--trusted-proxy ADDR[,ADDR...]]",
     "máy chủ web / web server",
     "Serves the web pages, the JSON API under /api/v1/ and the public pages under\n"
     "/cong-khai/ until interrupted (Ctrl-C).  It keeps the database open, so an import\n"
     "beside it goes through the WAL and pages read on; a write that waits more than 5 s\n"
     "for another process (LAMTHEO_BUSY_WAIT=SECONDS sets it) answers 503 with Retry-After.\n"
     "--trusted-proxy ADDR[,ADDR...] (or LAMTHEO_TRUSTED_PROXY): the reverse proxies\n"
     "  (nginx, Caddy) in front, by IP address.  Only from a connection whose peer is one of\n"
     "  them are X-Forwarded-Proto (https: cookies get Secure) and X-Forwarded-For (the\n"
     "  client's address for the login throttle and the log: the right-most address that\n"
     "  is not itself a trusted proxy) believed; from anyone else they are ignored.\n"
     "LAMTHEO_REQUEST_TIMEOUT=S (1-3600, default 30): a connection idle for S seconds is\n"
     "  closed, and so is one whose request header is not complete S seconds after it\n"
     "  opened or got its last answer (bytes trickled one at a time do not extend it);\n"
     "  a body has S seconds more and one more for each 32 KiB.\n"
     "SIGTERM or SIGINT (Ctrl-C) stops it gracefully: no new connection is taken, the\n"
     "  requests in flight get LAMTHEO_STOP_WAIT=S seconds (1-300, default 10) to finish\n"
     "  (an idle keep-alive connection is not waited for; a second signal ends the wait),\n"
     "  then the WAL is checkpointed into the database, which is closed, and it exits 0.\n"
     "Refused with 400: more than 200 query parameters, cookies or form fields, and a\n"
     "body whose length is ambiguous (Content-Length twice, or with Transfer-Encoding).\n"
     "--listen ADDR (or LAMTHEO_LISTEN; default 127.0.0.1:8080): the address it listens on.\n"
     "Log: one line per request on standard error (journald keeps it): TIME METHOD PATH\n"
     "  STATUS DURATIONms ACCOUNT [err=LT_E...], the path without its query string.\n"
     "  LAMTHEO_LOG_FILE=FILE appends it to FILE instead (created 0640), which SIGHUP\n"
     "  opens again after logrotate moved it; on stderr, SIGHUP is noted and ignored.\n"
     "  LAMTHEO_LOG_LEVEL: info (every request, the default), warn (only 4xx and 5xx) or\n"
     "  error (only 5xx).\n"
     "/healthz (no login): 200 {\"status\":\"ok\",...} when the database answers and its\n"
     "  disk has 16 MB free, else 503 saying which failed.  /metrics: Prometheus text\n"
     "  (requests and latency by route, database size, indicator cache, failed logins),\n"
     "  only from 127.0.0.1/::1 not relayed by a trusted proxy, or for an administrator.", cmd_serve},
    {"import", "import KIND FILE [--encoding E] [--dry-run]",
     "nhập tệp CSV/XLSX / import a CSV or XLSX file",
     "KIND: units, people, registrations, deployments.  The file is CSV (UTF-8 with or\n"
     "without BOM, ',' or ';', CRLF) or XLSX; column headers may be the canonical names or\n"
     "the Vietnamese ones.  Legacy encodings (cp1258, tcvn3, vni) are detected; when unsure,\n"
     "pass --encoding.  All or nothing: every problem is listed as FILE:LINE: column and\n"
     "nothing is written unless the whole file is valid.  --dry-run only checks.", cmd_import},
    {"export", "export KIND [--format csv|json|xlsx] [-o FILE]", "xuất danh sách / export a list",
     "KIND: units, people, registrations, deployments, commendations.  CSV has a BOM and\n"
     "CRLF for Excel; cells starting with = + - @ are neutralised; XLSX (needs -o) keeps\n"
     "text as text.", cmd_export},
    {"report", "report [--unit CODE] [--year Y | --from Y1 --to Y2] [--format F] [-o FILE]\n"
     "          [--number N] [--date D] [--signer NAME] [--recipients \"A; B; C\"]",
     "báo cáo chỉ số / indicator report",
     "The indicators of DESIGN §3 for a unit (default: the top unit) and its sub-units,\n"
     "for one year (default: last year) or a range of years.  F: text, json, csv, or the\n"
     "report laid out as offices file it: html, xlsx, docx, pdf (these need -o FILE), in\n"
     "the Party's format (Hướng dẫn 36-HD/VPTW): \"Số N-BC/HU\" (N blank to write in by\n"
     "hand when not given), dated D (dd/mm/yyyy; today), signed by NAME (the unit's own\n"
     "signer, else its head that year), sent to the recipients given (the committee above,\n"
     "its propaganda board and filing).", cmd_report},
    {"bulletin", "bulletin --year Y [--unit CODE] [--format txt|wav|mp3] [-o FILE]",
     "bản tin truyền thanh / loudspeaker bulletin",
     "The key cadres' published commitments, one bulletin per broadcast station: the\n"
     "unit's own (\"Đài truyền thanh huyện Chợ Lách\": its own people and its agencies')\n"
     "and each commune's below it; as the scripts the stations read (numbers, dates and\n"
     "abbreviations written out), or as audio synthesised by espeak-ng's Vietnamese voice\n"
     "(wav, mp3; needs -o: one station's with its text beside it as FILE.txt, several\n"
     "stations' each a file in -o FILE.zip).\n"
     "Only published registrations enter a bulletin.", cmd_bulletin},
    {"remind", "remind --year Y [--unit CODE] [--format txt|pdf] [-o FILE]",
     "nhắc việc / what is still to do",
     "What is still to do in the unit's subtree (default: the top unit) for year Y: who has\n"
     "not registered, unit by unit, with the deadline; registrations waiting for approval;\n"
     "key cadres not yet published; overdue follow-ups; and a paragraph for the\n"
     "loudspeakers, which gives counts and names no one (txt).  pdf: the list of those not\n"
     "yet registered, a page per unit with its letterhead, to read out at the cell meeting\n"
     "(needs -o FILE).", cmd_remind},
    {"form", "form --year Y (--person CODE | --unit CODE) [--review] --format docx|pdf -o FILE\n"
     "          [--date D] [--signer NAME]",
     "in bản đăng ký / print registration forms",
     "The registration form a person signs (or with --review, the year-end self-assessment\n"
     "and review), for one person or every registration of a cell, one per page.", cmd_form},
    {"search", "search TEXT", "tìm người, đơn vị / find people and units",
     "Ignores case and diacritics: \"son dinh\" finds \"Sơn Định\".", cmd_search},
    {"user", "user add LOGIN --role R [--unit CODE] [--person CODE] | user bulk --unit CODE\n"
     "          [-o SLIPS.pdf] [--days N] [--site URL] | user list [--unit CODE]\n"
     "          | user reset LOGIN [-o SLIP.pdf] | user disable LOGIN\n"
     "          | user role LOGIN --role R [--unit CODE]",
     "tài khoản / accounts",
     "add: R is admin, officer, member or viewer; the password is asked on the terminal, or\n"
     "read from the first line of standard input (at least 10 characters).\n"
     "bulk: an account for everyone in UNIT's subtree (today's members) who has none:\n"
     "pending, each with a one-time activation code valid N days (30), on activation slips\n"
     "(PDF, A4, eight a page, in each cell's list order; the site's address from --site or\n"
     "LAMTHEO_SITE); without -o the logins and codes are printed.  The codes are stored only\n"
     "as a keyed hash: the slips are their one copy.\n"
     "list: login, role, status, name, unit and last login of the accounts of UNIT's subtree.\n"
     "reset: a new code (the password and every session end); disable: sessions end at once.\n"
     "role: the account's role becomes R (officer and viewer of UNIT, else of the unit it\n"
     "already has or its person's); its sessions go on with the new role.",
     cmd_user},
    {"person", "person move CODE (--to UNIT [--position P] | --leave) --date D",
     "chuyển sinh hoạt, thôi sinh hoạt / transfer a person, or end their membership",
     "A transfer (chuyển sinh hoạt): from day D the person registers and is counted in\n"
     "UNIT (its code, or its name without diacritics when only one unit has it), with\n"
     "position P if given (else the same; the head's flag stays behind); the years whose\n"
     "reference date (the year-end review date, or 31 December) is before D keep them\n"
     "where they were.  A person who has left comes back the same way.\n"
     "--leave: D is their last day in their unit (leaving, retiring, death).  For an admin\n"
     "or an officer of the unit they leave or join.  D: dd/mm/yyyy or yyyy-mm-dd.", cmd_person},
    {"backup", "backup FILE | backup [--dir DIR] [--keep-daily 7] [--keep-weekly 4]",
     "sao lưu / consistent copy of the live database",
     "Copies the database while it is in use, in one pass that writes do not restart\n"
     "(writers go on meanwhile).  The copy is made as FILE.tmpXXXXXX beside FILE and takes\n"
     "the name FILE once complete; an existing FILE is never replaced.\n"
     "--dir DIR (made if missing): the copy is DIR/lamtheo-YYYY-MM-DD.db (today in Vietnam);\n"
     "  a copy already made today is replaced, once the new one is complete.  Then of the\n"
     "  files named so in DIR (nothing else there is touched) the 7 newest are kept, and of\n"
     "  the older ones the newest of each of the 4 most recent ISO weeks (Monday to Sunday)\n"
     "  before the oldest of the 7; the rest are removed.  For a daily timer\n"
     "  (dist/systemd/lamtheo-backup.timer).  Without FILE or --dir: the folder\n"
     "  LAMTHEO_BACKUP_DIR; the numbers default to LAMTHEO_BACKUP_KEEP_DAILY and _WEEKLY.", cmd_backup},
    {"restore", "restore FILE", "khôi phục từ bản sao lưu / restore a backup",
     "Puts the backup FILE in place of the database, with the database stopped (lamtheo\n"
     "serve refuses it while it runs: systemctl stop lamtheo).  FILE is refused unless it is\n"
     "a lamtheo database of this version or older that passes the full `check`; it is\n"
     "copied beside the database (FILE itself is not changed), an older one brought to\n"
     "this version, and the copy takes the database's name.  The database it replaces is\n"
     "kept whole as DB.replaced-YYYYMMDD-HHMMSS (its WAL checkpointed into it first).", cmd_restore},
    {"migrate", "migrate --from FILE.db --to postgresql://...",
     "chép sang PostgreSQL / copy to PostgreSQL",
     "Copies a whole SQLite installation (FILE.db: every table, accounts and history\n"
     "included) into a new PostgreSQL database (createdb --template=template0\n"
     "--locale=C.UTF-8), then counts every table's rows on both sides and compares every\n"
     "unit's indicators of every year; only when all agree is the copy committed, else\n"
     "nothing is written.  Stop the servers on FILE.db first: what is written after the\n"
     "copy began is not copied.  Then give the address as --db or LAMTHEO_DB.", cmd_migrate},
    {"check", "check [--quick]", "kiểm tra dữ liệu / check the database",
     "SQLite's integrity and foreign-key checks and lamtheo's own rules, with the tallies\n"
     "counted afresh (9 minutes for the whole country).  --quick: the file's header, the\n"
     "schema version, SQLite's quick_check and the rules one pass shows, without the\n"
     "recounts (for a nightly timer; 3 minutes for the country).  Both first read the\n"
     "file once in order when it fits in the memory available.  Exit status 1 when\n"
     "there is a problem.", cmd_check},
    {"help", "help [CMD | --man]", "trợ giúp / help",
     "Lists the commands, or explains one; --man prints this manual page (roff).", cmd_help},
    {"version", "version", "phiên bản / version", "Prints the version.", cmd_version},
};

static const char *db_override;

const char *cli_db_path(void) {
    if (db_override) return db_override;
    const char *env = getenv("LAMTHEO_DB");
    if (env && *env) return env; /* (its length was checked by take_db) */
    return "lamtheo.db";
}

int cli_fail(const lt_err *given) {
    lt_err e = *given;
    if (!e.code) e.code = LT_EINPUT;
    lt_err_default(&e); /* a bare code still says something */
    if (e.where[0]) fprintf(stderr, "lamtheo: %s: %s (%s)\n", e.where, e.vi, e.en);
    else fprintf(stderr, "lamtheo: %s (%s)\n", e.vi, e.en);
    return lt_err_exit_status(e.code);
}

void cli_print_diags(const char *file, const char *kind, const lt_diags *d) {
    for (size_t i = 0; i < d->n; i++) {
        const lt_diag_item *it = &d->items[i];
        if (it->line > 0 && it->col > 0) fprintf(stderr, "%s:%ld:%ld: ", file, it->line, it->col);
        else if (it->line > 0) fprintf(stderr, "%s:%ld: ", file, it->line);
        else fprintf(stderr, "%s: ", file);
        const char *title = kind && it->column[0] ? import_column_title(kind, it->column, 0) : "";
        if (*title && strcmp(title, it->column)) fprintf(stderr, "%s (%s): ", it->column, title);
        else if (it->column[0]) fprintf(stderr, "%s: ", it->column);
        fprintf(stderr, "%s | %s\n", it->vi, it->en);
    }
    if (d->total > d->n) {
        char vi[LT_COUNT_MAX], en[LT_COUNT_MAX];
        lt_count_fmt(vi, (long long)(d->total - d->n), '.');
        lt_count_fmt(en, (long long)(d->total - d->n), ',');
        fprintf(stderr, "%s: ... và %s lỗi khác | ... and %s more %s\n", file, vi, en,
                d->total - d->n == 1 ? "problem" : "problems");
    }
}

int cli_open(lt_ctx *ctx, lt_err *e) {
    lt_db *db;
    int rc = db_open(cli_db_path(), DB_OPEN_EXISTING, &db, e);
    if (rc) return rc;
    ctx_init_cli(ctx, db);
    return LT_OK;
}

void cli_close(lt_ctx *ctx) {
    db_close(ctx->db);
    ctx->db = NULL;
}

long cli_busy_wait_ms(long default_ms, lt_err *e) {
    const char *env = getenv("LAMTHEO_BUSY_WAIT");
    if (!env || !*env) return default_ms;
    char *end;
    errno = 0;
    double secs = strtod(env, &end);
    if (errno || *end || !(secs >= 0 && secs <= 86400)) {
        lt_err_set(e, LT_EUSAGE, "LAMTHEO_BUSY_WAIT phải là số giây từ 0 đến 86400, không phải \"%.40s\"",
                   "LAMTHEO_BUSY_WAIT must be a number of seconds from 0 to 86400, not \"%.40s\"", env);
        return -1;
    }
    return (long)(secs * 1000 + 0.5);
}

/* Said once on stderr when a command has waited a second for another
** process (a large import has the database to itself). */
static void busy_notice(void) {
    fprintf(stderr, "lamtheo: cơ sở dữ liệu đang bận (một tiến trình khác đang ghi); đang chờ... "
                    "(the database is busy: another process is writing; waiting...)\n");
}

/* Said before a database of an earlier version is upgraded (store.h). */
static void upgrade_notice(int from, int to) {
    fprintf(stderr, "lamtheo: đang nâng cấp cơ sở dữ liệu từ phiên bản %d lên %d; cơ sở dữ liệu lớn có thể mất "
                    "vài phút, nếu bị ngắt giữa chừng thì vẫn giữ nguyên như cũ (upgrading the database from "
                    "schema version %d to %d; a large one takes minutes; stopped midway, it stays as it was)\n",
            from, to, from, to);
}

int cli_year(const char *s, const char *opt, int *year, lt_err *e) {
    long y;
    if (lt_parse_long(s, 1990, 2100, &y))
        return lt_err_set(e, LT_EUSAGE, "%s: năm không hợp lệ \"%s\" (1990-2100)",
                          "%s: invalid year \"%s\" (1990-2100)", opt, s);
    *year = (int)y;
    return LT_OK;
}

const char *cli_get(const cli_opt *opts, int nopts, const char *name) {
    for (int i = 0; i < nopts; i++)
        if (strcmp(opts[i].name, name) == 0) return opts[i].seen ? opts[i].value : NULL;
    return NULL;
}

doc_marks cli_marks(const cli_opt *opts, int nopts, char *buf, size_t size) {
    const char *to = cli_get(opts, nopts, "recipients");
    snprintf(buf, size, "%s", to ? to : "");
    for (char *c = buf; *c; c++) if (*c == ';') *c = '\n';
    return (doc_marks){cli_get(opts, nopts, "number"), cli_get(opts, nopts, "date"),
                       cli_get(opts, nopts, "signer"), buf};
}

/* Find the option named by arg ("--x", "--x=v" or "-o"); *inline_value set
** to the part after '=' if any. */
static cli_opt *find_opt(cli_opt *opts, int nopts, const char *arg, const char **inline_value) {
    const char *name = arg[1] == '-' ? arg + 2 : arg + 1;
    size_t len = strcspn(name, "=");
    *inline_value = name[len] == '=' ? name + len + 1 : NULL;
    if (arg[1] != '-' && len != 1) return NULL;
    for (int i = 0; i < nopts; i++)
        if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) return &opts[i];
    return NULL;
}

int cli_parse(int argc, char **argv, cli_opt *opts, int nopts, char **pos, int maxpos,
              int *npos, lt_err *e) {
    *npos = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *iv;
        if (a[0] != '-' || a[1] == 0) {
            if (*npos >= maxpos)
                return lt_err_set(e, LT_EUSAGE, "thừa đối số \"%.200s\"", "unexpected argument \"%.200s\"", a);
            if (!*a)
                return lt_err_set(e, LT_EUSAGE, "đối số thứ %d rỗng", "argument %d is empty", *npos + 1);
            pos[(*npos)++] = argv[i];
            continue;
        }
        cli_opt *o = find_opt(opts, nopts, a, &iv);
        if (!o) return lt_err_set(e, LT_EUSAGE, "tùy chọn không hợp lệ \"%.200s\"", "unknown option \"%.200s\"", a);
        const char *dashes = o->name[1] ? "--" : "-";
        if (o->seen)
            return lt_err_set(e, LT_EUSAGE, "tùy chọn %s%s được cho hai lần", "option %s%s is given twice",
                              dashes, o->name);
        o->seen = 1;
        if (!o->has_value) {
            if (iv) return lt_err_set(e, LT_EUSAGE, "%.200s không nhận giá trị", "%.200s takes no value", a);
            continue;
        }
        if (iv) o->value = iv;
        else if (i + 1 < argc) o->value = argv[++i];
        else return lt_err_set(e, LT_EUSAGE, "%s cần một giá trị", "%s needs a value", a);
        if (!*o->value)
            return lt_err_set(e, LT_EUSAGE, "%s%s: giá trị rỗng", "%s%s: the value is empty", dashes, o->name);
        if (strlen(o->value) > CLI_MAX_VALUE)
            return lt_err_set(e, LT_EUSAGE, "%s%s: giá trị dài quá %d byte", "%s%s: the value is longer than %d bytes",
                              dashes, o->name, CLI_MAX_VALUE);
    }
    return LT_OK;
}

static const cli_command *find_command(const char *name) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(commands); i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void print_usage(FILE *f) {
    fprintf(f, "lamtheo %s — Chỉ thị 05-CT/TW: học tập và làm theo tư tưởng, đạo đức, phong cách "
               "Hồ Chí Minh\n\nCách dùng / usage: lamtheo [--db FILE] [--config FILE] COMMAND ...\n\n",
            LAMTHEO_VERSION);
    for (unsigned i = 0; i < LT_ARRAY_LEN(commands); i++)
        fprintf(f, "  %-60s %s\n", commands[i].usage, commands[i].summary);
    fprintf(f, "\n--config FILE: tệp cấu hình KEY=VALUE / the configuration file (default\n"
               "  /etc/lamtheo/lamtheo.conf, or LAMTHEO_CONFIG; see lamtheo help --man, FILES).\n");
    fprintf(f, "\nlamtheo help COMMAND: chi tiết / details.\n");
}

/* The web routes, generated from the route table (for `help serve`):
** METHOD PATH flags roles scope help. */
static const char *const route_scopes[] = {"-", "unit", "person", "registration"};

/* A route's flags and roles, comma-separated ("-" for none). */
static void route_marks(const web_route *rt, char flags[64], char roles[64]) {
    flags[0] = roles[0] = 0;
    if (rt->flags & WR_LOGIN) strcat(flags, "login,");
    if (rt->flags & WR_WRITE) strcat(flags, "write,");
    if (rt->flags & WR_API) strcat(flags, "api,");
    if (rt->flags & WR_PUBLIC) strcat(flags, "public,");
    if (rt->flags & WR_OWN_TX) strcat(flags, "own-transaction,");
    if (rt->flags & WR_PENDING) strcat(flags, "pending,");
    if (!flags[0]) strcat(flags, "-,");
    flags[strlen(flags) - 1] = 0;
    for (int k = ROLE_ADMIN; k <= ROLE_VIEWER; k++)
        if (rt->roles & (1u << k)) { strcat(roles, role_name((lt_role)k)); strcat(roles, ","); }
    if (!roles[0]) strcat(roles, "-,");
    roles[strlen(roles) - 1] = 0;
}

static void print_routes(void) {
    printf("\n%-7s %-36s %-18s %-28s %-12s %s\n", "METHOD", "PATH", "FLAGS", "ROLES", "SCOPE", "HELP");
    for (int i = 0; i < web_route_count; i++) {
        const web_route *rt = &web_routes[i];
        char flags[64], roles[64];
        route_marks(rt, flags, roles);
        printf("%-7s %-36s %-18s %-28s %-12s %s\n", rt->method, rt->pattern, flags, roles,
               route_scopes[rt->scope], rt->help_en);
    }
}

/* s as roff text: backslashes and minus signs escaped, a line starting
** with '.' or '\'' guarded; with fill, each line's leading spaces dropped
** (the text is filled). */
static void man_text(const char *s, int fill) {
    int bol = 1;
    for (; *s; s++) {
        if (bol && fill) while (*s == ' ') s++;
        if (!*s) break;
        if (bol && (*s == '.' || *s == '\'')) fputs("\\&", stdout);
        bol = *s == '\n';
        if (*s == '\\') fputs("\\e", stdout);
        else if (*s == '-') fputs("\\-", stdout);
        else putchar(*s);
    }
    putchar('\n');
}

/* `lamtheo help --man`: the man page lamtheo(1) in roff, made from the
** table of commands and the route table (the Makefile's $(B)/lamtheo.1). */
static void print_man(void) {
    printf("'\\\" -*- coding: UTF-8 -*-\n"
           ".\\\" lamtheo(1), made by `lamtheo help --man` from its table of commands: do not edit.\n"
           ".TH LAMTHEO 1 \"\" \"lamtheo %s\" \"User Commands\"\n"
           ".SH NAME\nlamtheo \\- runs the Directive 05\\-CT/TW programme for a Party committee\n"
           ".SH SYNOPSIS\n.B lamtheo\n[\\fB\\-\\-db\\fR \\fIFILE\\fR] [\\fB\\-\\-config\\fR \\fIFILE\\fR] \\fICOMMAND\\fR [\\fIARGUMENT\\fR...]\n"
           ".SH DESCRIPTION\n", LAMTHEO_VERSION);
    man_text("lamtheo runs the Directive 05-CT/TW programme (\"học tập và làm theo tư tưởng, đạo đức,\n"
             "phong cách Hồ Chí Minh\") for a Party committee and every organisation under it:\n"
             "yearly topics, commitments and their workflow, reviews, commendations and the\n"
             "indicator reports, over one SQLite database.  --db FILE (anywhere on the command line)\n"
             "names the database; else LAMTHEO_DB; else ./lamtheo.db.  --config FILE (anywhere too)\n"
             "names the configuration file (FILES); else LAMTHEO_CONFIG; else /etc/lamtheo/lamtheo.conf.", 1);
    printf(".SH COMMANDS\n");
    for (unsigned i = 0; i < LT_ARRAY_LEN(commands); i++) {
        const cli_command *c = &commands[i];
        printf(".SS %s\n.nf\n\\fBlamtheo ", c->name);
        man_text(c->usage, 0);
        printf("\\fR\n.fi\n");
        man_text(c->summary, 1);
        printf(".PP\n");
        man_text(c->help, 1);
        if (c->run != cmd_serve) continue;
        printf(".PP\nThe routes it answers (method, path; flags; roles; scope):\n");
        for (int k = 0; k < web_route_count; k++) {
            const web_route *rt = &web_routes[k];
            char flags[64], roles[64], head[1024];
            route_marks(rt, flags, roles);
            printf(".TP\n\\fB%s\\fR ", rt->method);
            man_text(rt->pattern, 0);
            snprintf(head, sizeof head, "%s (%s; %s; %s)", rt->help_en, flags, roles, route_scopes[rt->scope]);
            man_text(head, 1);
        }
    }
    printf(".SH ENVIRONMENT\n");
    for (int i = 0; i < cli_setting_count; i++) {
        printf(".TP\n.B ");
        man_text(cli_settings[i].name, 0);
        char text[1024];
        snprintf(text, sizeof text, "%s (%s)", cli_settings[i].en, cli_settings[i].vi);
        man_text(text, 1);
    }
    printf(".SH FILES\n.TP\n.I /etc/lamtheo/lamtheo.conf\n");
    man_text("The configuration (or --config FILE, or LAMTHEO_CONFIG; a missing default file is no\n"
             "error): KEY=VALUE lines of the variables above (but LAMTHEO_CONFIG), as systemd's\n"
             "EnvironmentFile= reads them: '#' or ';' starts a comment line, blank lines are skipped,\n"
             "a value may be in single or double quotes, nothing is expanded.  A key sets its variable\n"
             "only when the environment has not set it, so an option wins over the environment, which\n"
             "wins over the file.  An unknown key, a line that is not KEY=VALUE or a number out of its\n"
             "range is refused as FILE:LINE (exit 2).", 1);
    printf(".TP\n.I /var/lib/lamtheo/lamtheo.db\n");
    man_text("The database of lamtheo.service (the service runs as the user lamtheo).", 1);
    printf(".SH \"EXIT STATUS\"\n");
    man_text("0 ok; 1 bad input or refused (a value the command cannot use, a rule, a database or\n"
             "file that cannot be read or written, output that did not reach its file or standard\n"
             "output); 2 usage (an unknown command or option, an option given twice, an argument or a\n"
             "value missing, empty, or longer than 4,000 bytes).", 1);
    printf(".SH \"SEE ALSO\"\n.BR systemctl (1),\n.BR sqlite3 (1)\n");
}

static int cmd_help(int argc, char **argv) {
    if (argc > 1) {
        fprintf(stderr, "lamtheo: cách dùng: lamtheo help [LỆNH] (usage: lamtheo help [COMMAND])\n");
        return 2;
    }
    if (argc < 1) { print_usage(stdout); return 0; }
    if (strcmp(argv[0], "--man") == 0) { print_man(); return 0; }
    const cli_command *c = find_command(argv[0]);
    if (!c) {
        fprintf(stderr, "lamtheo: không có lệnh \"%.200s\" (unknown command)\n", argv[0]);
        return 2;
    }
    printf("lamtheo %s\n  %s\n\n%s\n", c->usage, c->summary, c->help);
    if (c->run == cmd_serve) print_routes();
    return 0;
}

static int cmd_version(int argc, char **argv) {
    (void)argv;
    if (argc > 0) {
        fprintf(stderr, "lamtheo: cách dùng: lamtheo version (usage: lamtheo version)\n");
        return 2;
    }
    printf("lamtheo %s (%s)\n", LAMTHEO_VERSION, db_engine_version());
    return 0;
}

/* Check a database name given by --db or LAMTHEO_DB (named by what):
** not empty, at most CLI_MAX_VALUE bytes. */
static int db_name_ok(const char *name, const char *what, lt_err *e) {
    if (!*name)
        return lt_err_set(e, LT_EUSAGE, "%s: tên tệp rỗng", "%s: the file name is empty", what);
    if (strlen(name) > CLI_MAX_VALUE)
        return lt_err_set(e, LT_EUSAGE, "%s: tên tệp dài quá %d byte", "%s: the file name is longer than %d bytes",
                          what, CLI_MAX_VALUE);
    return LT_OK;
}

/* Take "--db FILE" or "--db=FILE" out of argv[from..*argc) (before the
** command, or anywhere after it) into db_override; then check it, or
** LAMTHEO_DB when there is none.  LT_EUSAGE on a name missing, empty, too
** long or given twice. */
static int take_db(int *argc, char **argv, int from, lt_err *e) {
    int k = from;
    while (k < *argc) {
        int take;
        if (db_override && (strcmp(argv[k], "--db") == 0 || strncmp(argv[k], "--db=", 5) == 0))
            return lt_err_set(e, LT_EUSAGE, "tùy chọn --db được cho hai lần", "option --db is given twice");
        if (strcmp(argv[k], "--db") == 0) {
            if (k + 1 >= *argc) return lt_err_set(e, LT_EUSAGE, "--db cần một giá trị", "--db needs a value");
            db_override = argv[k + 1];
            take = 2;
        } else if (strncmp(argv[k], "--db=", 5) == 0) {
            db_override = argv[k] + 5;
            take = 1;
        } else {
            k++;
            continue;
        }
        memmove(&argv[k], &argv[k + take], (size_t)(*argc - k - take + 1) * sizeof *argv);
        *argc -= take;
    }
    if (db_override) return db_name_ok(db_override, "--db", e);
    const char *env = getenv("LAMTHEO_DB");
    return env && *env ? db_name_ok(env, "LAMTHEO_DB", e) : LT_OK;
}

/* The end of every command: whatever it printed must have reached standard
** output; if not, the command fails (exit 1) even if it did its work. */
static int finish(int status) {
    lt_err e = {0};
    if (lt_flush_stdout(&e) != LT_OK && status == 0) return cli_fail(&e);
    return status;
}

int main(int argc, char **argv) {
    /* SQLite frees a page bitmap at every savepoint release; without this
    ** glibc gives the top of the heap back to the kernel each time. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
    lt_err e = {0};
    if (cli_config_load(&argc, argv, 1, &e) || take_db(&argc, argv, 1, &e)) return cli_fail(&e);
    if (argc < 2) { print_usage(stderr); return 2; }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) { print_usage(stdout); return finish(0); }
    if (strcmp(name, "--version") == 0) return finish(cmd_version(argc - 2, argv + 2));
    const cli_command *c = find_command(name);
    if (!c) {
        fprintf(stderr, "lamtheo: không có lệnh \"%.200s\" (unknown command); xem: lamtheo help\n", name);
        return 2;
    }
    /* wait for another process's lock (a large import) up to CLI_BUSY_WAIT_MS,
    ** saying so after a second; `serve` sets its own, shorter wait */
    lt_err busy_err = {0};
    long wait_ms = cli_busy_wait_ms(CLI_BUSY_WAIT_MS, &busy_err);
    if (wait_ms < 0) return cli_fail(&busy_err);
    db_set_busy_wait(wait_ms, busy_notice);
    db_set_upgrade_notice(upgrade_notice);
    /* a temporary file being written is removed if the command is
    ** interrupted (the server's threads stop on their own) */
    if (c->run != cmd_serve) lt_tmp_guard_install();
    web_set_version(LAMTHEO_VERSION); /* for /healthz and /metrics */
    return finish(c->run(argc - 2, argv + 2));
}
