/*
** config.c — the configuration file (/etc/lamtheo/lamtheo.conf, or
** --config FILE, or $LAMTHEO_CONFIG): KEY=VALUE lines, the format systemd's
** EnvironmentFile= reads, so the same file serves the units and the
** program.  Only this small format is read, by hand:
**   - a line is at most CONFIG_MAX_LINE bytes, with no NUL byte;
**   - leading blanks are skipped; an empty line, or one whose first other
**     character is '#' or ';', is nothing;
**   - KEY is [A-Za-z_][A-Za-z0-9_]*, one of cli_settings (main.c) but
**     LAMTHEO_CONFIG; blanks around '=' are dropped, and at the value's end;
**   - VALUE is plain (no backslash: systemd would take it as an escape or
**     a line continuation), or all of it in '...' (literally) or "..."
**     (where \" \\ \$ \` stand for the character); nothing is expanded;
**   - an empty value leaves the setting to its default; a key given twice
**     takes its last value;
**   - a number is checked against its range, LAMTHEO_LOG_LEVEL is info,
**     warn or error.
** A key sets its environment variable only when the environment has not
** set it: an option wins over the environment, the environment over the
** file, the file over the default.  This runs before any command, so every
** getenv() reader sees the file's settings without knowing about it.
*/
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CONFIG_DEFAULT "/etc/lamtheo/lamtheo.conf"
#define CONFIG_MAX_LINE (CLI_MAX_VALUE + 200)

static const cli_setting *setting_named(const char *name) {
    for (int i = 0; i < cli_setting_count; i++)
        if (strcmp(cli_settings[i].name, name) == 0) return &cli_settings[i];
    return NULL;
}

/* One line of f into buf (without its '\n'): 1 read, 0 at the end, -1 too
** long, -2 with a NUL byte. */
static int read_line(FILE *f, char *buf, size_t cap) {
    size_t n = 0;
    int c, got = 0, nul = 0;
    while ((c = getc(f)) != EOF) {
        got = 1;
        if (c == '\n') break;
        if (c == 0) nul = 1;
        if (n + 1 >= cap) {
            while ((c = getc(f)) != EOF && c != '\n') {} /* (the rest of it) */
            return -1;
        }
        buf[n++] = (char)c;
    }
    buf[n] = 0;
    if (nul) return -2;
    return got;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* The value after '=' in place (quotes taken off, escapes done): NULL with
** why (vi, en) when it is not one systemd and we read alike. */
static char *value_of(char *v, const char **vi, const char **en) {
    while (is_blank(*v)) v++;
    size_t n = strlen(v);
    while (n && is_blank(v[n - 1])) v[--n] = 0;
    if (n && (v[0] == '"' || v[0] == '\'')) {
        char q = v[0], *out = v, *p = v + 1;
        for (; *p && *p != q; p++) {
            if (q == '"' && *p == '\\') {
                if (!p[1] || !strchr("\"\\$`", p[1])) {
                    *vi = "dấu \\ trong ngoặc kép chỉ dùng trước \" \\ $ `";
                    *en = "a \\ in double quotes may only come before \" \\ $ `";
                    return NULL;
                }
                p++;
            }
            *out++ = *p;
        }
        if (*p != q || p[1]) {
            *vi = "giá trị trong ngoặc phải đóng ngoặc ở cuối dòng";
            *en = "a quoted value must end with its quote at the end of the line";
            return NULL;
        }
        *out = 0;
        return v;
    }
    if (strchr(v, '\\') || strchr(v, '"') || strchr(v, '\'')) {
        *vi = "giá trị không ngoặc không được có \\ hay dấu ngoặc (hãy đặt cả giá trị trong '...')";
        *en = "a value without quotes may not hold \\ or quotes (put the whole value in '...')";
        return NULL;
    }
    return v;
}

/* Whether value is a good one for s (a number in range, a log level). */
static int value_ok(const cli_setting *s, const char *value) {
    long l;
    char *end;
    switch (s->kind) {
    case CLI_SET_INT: return lt_parse_long(value, s->lo, s->hi, &l) == 0;
    case CLI_SET_SECONDS: {
        errno = 0;
        double d = strtod(value, &end);
        return !errno && end != value && !*end && d >= (double)s->lo && d <= (double)s->hi;
    }
    case CLI_SET_LEVEL: return !strcmp(value, "info") || !strcmp(value, "warn") || !strcmp(value, "error");
    default: return 1;
    }
}

/* One line (number no) of file: set its variable unless the environment
** had set it before the file was read (env_had, by setting): a key given
** twice in the file takes its last value, as with systemd. */
static int config_line(const char *file, long no, char *line, const unsigned char *env_had, lt_err *e) {
    char *p = line;
    while (is_blank(*p)) p++;
    if (!*p || *p == '#' || *p == ';') return LT_OK;
    char *key = p;
    if (!(*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
        return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: dòng không có dạng KHÓA=GIÁ_TRỊ",
                          "%.200s:%ld: the line is not KEY=VALUE", file, no);
    while (*p == '_' || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) p++;
    char *key_end = p;
    while (is_blank(*p)) p++;
    if (*p != '=')
        return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: dòng không có dạng KHÓA=GIÁ_TRỊ",
                          "%.200s:%ld: the line is not KEY=VALUE", file, no);
    *key_end = 0;
    const cli_setting *s = setting_named(key);
    if (!s || s->kind == CLI_SET_ENV_ONLY)
        return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: %.100s: khóa không được biết (xem lamtheo help --man)",
                          "%.200s:%ld: %.100s: unknown key (see lamtheo help --man)", file, no, key);
    const char *vi = "", *en = "";
    char *value = value_of(p + 1, &vi, &en);
    if (!value) return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: %s: %s", "%.200s:%ld: %s: %s", file, no, key, vi, en);
    if (strlen(value) > CLI_MAX_VALUE)
        return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: %s: giá trị dài quá %d byte",
                          "%.200s:%ld: %s: the value is longer than %d bytes", file, no, key, CLI_MAX_VALUE);
    if (!*value) return LT_OK; /* the default */
    if (!value_ok(s, value)) {
        if (s->kind == CLI_SET_LEVEL)
            return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: %s phải là info, warn hoặc error, không phải \"%.40s\"",
                              "%.200s:%ld: %s must be info, warn or error, not \"%.40s\"", file, no, key, value);
        return lt_err_set(e, LT_EUSAGE, "%.200s:%ld: %s phải là số từ %ld đến %ld, không phải \"%.40s\"",
                          "%.200s:%ld: %s must be a number from %ld to %ld, not \"%.40s\"", file, no, key,
                          s->lo, s->hi, value);
    }
    if (env_had[s - cli_settings]) return LT_OK; /* the environment wins */
    if (setenv(key, value, 1) != 0) return lt_err_oom(e);
    return LT_OK;
}

static int config_read(const char *file, int must, lt_err *e) {
    FILE *f = fopen(file, "r");
    if (!f) {
        if (!must && errno == ENOENT) return LT_OK;
        return lt_err_set(e, LT_EIO, "không đọc được tệp cấu hình %.200s: %s",
                          "cannot read the configuration file %.200s: %s", file, strerror(errno));
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
        fclose(f);
        return lt_err_set(e, LT_EIO, "không đọc được tệp cấu hình %.200s: là thư mục",
                          "cannot read the configuration file %.200s: it is a folder", file);
    }
    int rc = cli_config_read(f, file, e);
    fclose(f);
    return rc;
}

int cli_config_read(FILE *f, const char *file, lt_err *e) {
    char *line = malloc(CONFIG_MAX_LINE);
    unsigned char *env_had = malloc((size_t)cli_setting_count);
    if (!line || !env_had) { free(line); free(env_had); return lt_err_oom(e); }
    for (int i = 0; i < cli_setting_count; i++) env_had[i] = getenv(cli_settings[i].name) != NULL;
    int rc = LT_OK, got;
    long no = 0;
    while (rc == LT_OK && (got = read_line(f, line, CONFIG_MAX_LINE)) != 0) {
        no++;
        if (got == -1)
            rc = lt_err_set(e, LT_EUSAGE, "%.200s:%ld: dòng dài quá %d byte", "%.200s:%ld: the line is longer than %d bytes",
                            file, no, CONFIG_MAX_LINE - 2);
        else if (got == -2)
            rc = lt_err_set(e, LT_EUSAGE, "%.200s:%ld: dòng có byte NUL", "%.200s:%ld: the line has a NUL byte", file, no);
        else rc = config_line(file, no, line, env_had, e);
    }
    if (rc == LT_OK && ferror(f))
        rc = lt_err_set(e, LT_EIO, "không đọc được tệp cấu hình %.200s", "cannot read the configuration file %.200s",
                        file);
    free(line);
    free(env_had);
    return rc;
}

int cli_config_load(int *argc, char **argv, int from, lt_err *e) {
    const char *given = NULL;
    int k = from;
    while (k < *argc) {
        int take;
        if (given && (strcmp(argv[k], "--config") == 0 || strncmp(argv[k], "--config=", 9) == 0))
            return lt_err_set(e, LT_EUSAGE, "tùy chọn --config được cho hai lần", "option --config is given twice");
        if (strcmp(argv[k], "--config") == 0) {
            if (k + 1 >= *argc)
                return lt_err_set(e, LT_EUSAGE, "--config cần một giá trị", "--config needs a value");
            given = argv[k + 1];
            take = 2;
        } else if (strncmp(argv[k], "--config=", 9) == 0) {
            given = argv[k] + 9;
            take = 1;
        } else {
            k++;
            continue;
        }
        memmove(&argv[k], &argv[k + take], (size_t)(*argc - k - take + 1) * sizeof *argv);
        *argc -= take;
    }
    const char *what = "--config";
    if (!given && (given = getenv("LAMTHEO_CONFIG"))) what = "LAMTHEO_CONFIG";
    if (!given) return config_read(CONFIG_DEFAULT, 0, e);
    if (!*given) return lt_err_set(e, LT_EUSAGE, "%s: tên tệp rỗng", "%s: the file name is empty", what);
    if (strlen(given) > CLI_MAX_VALUE)
        return lt_err_set(e, LT_EUSAGE, "%s: tên tệp dài quá %d byte", "%s: the file name is longer than %d bytes",
                          what, CLI_MAX_VALUE);
    return config_read(given, 1, e);
}

int cli_log_level(lt_err *e) {
    const char *v = getenv("LAMTHEO_LOG_LEVEL");
    if (!v || !*v || !strcmp(v, "info")) return 0;
    if (!strcmp(v, "warn")) return 400;
    if (!strcmp(v, "error")) return 500;
    lt_err_set(e, LT_EUSAGE, "LAMTHEO_LOG_LEVEL phải là info, warn hoặc error, không phải \"%.40s\"",
               "LAMTHEO_LOG_LEVEL must be info, warn or error, not \"%.40s\"", v);
    return -1;
}
