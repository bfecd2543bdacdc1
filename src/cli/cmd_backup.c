/*
** cmd_backup.c — `backup` (a consistent copy of the live database to a
** file, or into a folder of dated copies kept by rotation: the 7 newest
** days and the newest copy of each of the 4 weeks before them) and
** `restore` (a copy of a backup, checked in full and brought to this
** version, put in place of the live database, which is kept aside: the
** store's restore.c).
*/
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BACKUP_USAGE_VI "cách dùng: lamtheo backup TỆP | backup [--dir THƯ_MỤC] [--keep-daily 7] [--keep-weekly 4]" \
                        " (không có --dir: LAMTHEO_BACKUP_DIR)"
#define BACKUP_USAGE_EN "usage: lamtheo backup FILE | backup [--dir DIR] [--keep-daily 7] [--keep-weekly 4]" \
                        " (without --dir: LAMTHEO_BACKUP_DIR)"
#define PATH_CAP 4200

/* ---- the folder of dated backups ------------------------------------------ */

/* Whether name is one of the folder's backups, "lamtheo-yyyy-mm-dd.db" of
** a day that exists; nothing else there is ever touched. */
static int backup_name(const char *name) {
    char iso[11];
    if (strlen(name) != 21 || strncmp(name, "lamtheo-", 8) != 0 || strcmp(name + 18, ".db") != 0) return 0;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? name[8 + i] != '-' : name[8 + i] < '0' || name[8 + i] > '9') return 0;
    char date[11];
    memcpy(date, name + 8, 10);
    date[10] = 0;
    return lt_parse_date(date, iso) == 0 && strcmp(iso, date) == 0;
}

/* The ISO week (yyyyww) of the backup named name. */
static long backup_week(const char *name) {
    struct tm tm = {0};
    tm.tm_year = atoi(name + 8) - 1900;
    tm.tm_mon = atoi(name + 13) - 1;
    tm.tm_mday = atoi(name + 16);
    tm.tm_hour = 12;
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    char w[16];
    strftime(w, sizeof w, "%G%V", &tm);
    return atol(w);
}

static int newest_first(const void *a, const void *b) {
    return strcmp(*(char *const *)b, *(char *const *)a);
}

/* The backups in dir, newest first (given; free each and the array). */
static int backups_in(const char *dir, char ***out, size_t *n, lt_err *e) {
    DIR *d = opendir(dir);
    *out = NULL;
    *n = 0;
    if (!d) return lt_err_set(e, LT_EIO, "không đọc được thư mục %s: %s", "cannot read the folder %s: %s", dir,
                              strerror(errno));
    size_t cap = 0;
    struct dirent *de;
    char path[PATH_CAP];
    struct stat sb;
    int rc = LT_OK;
    while (rc == LT_OK && (de = readdir(d))) {
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (!backup_name(de->d_name) || lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        char **grown = *n == cap ? realloc(*out, (cap = cap ? cap * 2 : 32) * sizeof *grown) : *out;
        char *copy = grown ? strdup(de->d_name) : NULL;
        if (grown) *out = grown;
        if (!copy) rc = lt_err_oom(e);
        else (*out)[(*n)++] = copy;
    }
    closedir(d);
    if (*n) qsort(*out, *n, sizeof **out, newest_first);
    return rc;
}

/* Remove the backups in dir beyond the `daily` newest and, of those
** older, the newest of each of the `weekly` most recent ISO weeks that
** hold none of the daily ones; `keep` (the one just written) always
** stays.  Each removal is printed. */
static int rotate(const char *dir, const char *keep, long daily, long weekly, lt_err *e) {
    char **names;
    size_t n;
    int rc = backups_in(dir, &names, &n, e);
    long days = 0, weeks = 0, last_week = -1;
    for (size_t i = 0; i < n; i++) {
        long week = backup_week(names[i]);
        if (!strcmp(names[i], keep) || days < daily) { days++; last_week = week; }
        else if (week != last_week && weeks < weekly) { weeks++; last_week = week; }
        else if (rc == LT_OK) {
            char path[PATH_CAP];
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            if (unlink(path) == 0) printf("Đã xóa bản sao lưu cũ %s (old backup removed).\n", path);
            else rc = lt_err_set(e, LT_EIO, "không xóa được %s: %s", "cannot remove %s: %s", path, strerror(errno));
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return rc;
}

/* dir, made (mode 0700) if missing. */
static int backup_folder(const char *dir, lt_err *e) {
    struct stat sb;
    if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) return LT_OK;
    if (stat(dir, &sb) == 0)
        return lt_err_set(e, LT_EREFUSED, "%s không phải thư mục", "%s is not a folder", dir);
    if (mkdir(dir, 0700) != 0)
        return lt_err_set(e, LT_EIO, "không tạo được thư mục %s: %s", "cannot create the folder %s: %s", dir,
                          strerror(errno));
    return LT_OK;
}

/* Today's copy (Vietnam's date) in dir: a new file, or one that replaces
** the copy already made today only once complete (written as NAME.part,
** then renamed over it). */
static int backup_today(lt_db *db, const char *dir, char name[22], char *path, lt_err *e) {
    char today[11], part[PATH_CAP + 8];
    lt_today(today);
    snprintf(name, 22, "lamtheo-%s.db", today);
    if (snprintf(path, PATH_CAP, "%s/%s", dir, name) >= PATH_CAP)
        return lt_err_set(e, LT_EUSAGE, "tên thư mục quá dài", "the folder's name is too long");
    struct stat sb;
    if (lstat(path, &sb) != 0) return db_backup(db, path, e);
    snprintf(part, sizeof part, "%s.part", path);
    unlink(part); /* (a copy left by an interrupted run of today) */
    int rc = db_backup(db, part, e);
    return rc ? rc : lt_tmp_commit(part, path, 1, e);
}

/* --keep-daily / --keep-weekly: n in lo..hi, else the variable env, else
** def when not given. */
static int keep_opt(const cli_opt *o, int n, const char *name, const char *env, long lo, long def, long *out,
                    lt_err *e) {
    const char *v = cli_get(o, n, name), *ev = getenv(env);
    *out = def;
    if (v && lt_parse_long(v, lo, 3650, out))
        return lt_err_set(e, LT_EUSAGE, "--%s: từ %ld đến 3650", "--%s: %ld to 3650", name, lo);
    if (!v && ev && *ev && lt_parse_long(ev, lo, 3650, out))
        return lt_err_set(e, LT_EUSAGE, "%s: từ %ld đến 3650", "%s: %ld to 3650", env, lo);
    return LT_OK;
}

static int backup_rotated(lt_db *db, const char *dir, const cli_opt *o, int n, lt_err *e) {
    long daily, weekly;
    char name[22], path[PATH_CAP];
    if (keep_opt(o, n, "keep-daily", "LAMTHEO_BACKUP_KEEP_DAILY", 1, 7, &daily, e)
        || keep_opt(o, n, "keep-weekly", "LAMTHEO_BACKUP_KEEP_WEEKLY", 0, 4, &weekly, e)
        || backup_folder(dir, e) || backup_today(db, dir, name, path, e))
        return e->code;
    printf("Đã sao lưu vào %s (backup written).\n", path);
    return rotate(dir, name, daily, weekly, e);
}

int cmd_backup(int argc, char **argv) {
    cli_opt o[] = {{"dir", 1, NULL, 0}, {"keep-daily", 1, NULL, 0}, {"keep-weekly", 1, NULL, 0}};
    int n = (int)LT_ARRAY_LEN(o), npos;
    char *pos[1];
    lt_err e = {0};
    if (cli_parse(argc, argv, o, n, pos, 1, &npos, &e)) return cli_fail(&e);
    /* no FILE and no --dir: the folder LAMTHEO_BACKUP_DIR */
    const char *dir_name = o[0].seen ? o[0].value : npos == 0 ? getenv("LAMTHEO_BACKUP_DIR") : NULL;
    if (dir_name && (!*dir_name || strlen(dir_name) > CLI_MAX_VALUE)) dir_name = NULL;
    int dir = dir_name != NULL;
    if (dir ? npos != 0 : npos != 1 || o[1].seen || o[2].seen) {
        lt_err_set(&e, LT_EUSAGE, BACKUP_USAGE_VI, BACKUP_USAGE_EN);
        return cli_fail(&e);
    }
    lt_ctx ctx;
    if (cli_open(&ctx, &e)) return cli_fail(&e);
    int rc = dir ? backup_rotated(ctx.db, dir_name, o, n, &e) : db_backup(ctx.db, pos[0], &e);
    cli_close(&ctx);
    if (rc) return cli_fail(&e);
    if (!dir) printf("Đã sao lưu vào %s (backup written).\n", pos[0]);
    return 0;
}

int cmd_restore(int argc, char **argv) {
    char *pos[1];
    int npos;
    lt_err e = {0};
    if (cli_parse(argc, argv, NULL, 0, pos, 1, &npos, &e) || npos != 1) {
        lt_err_set(&e, LT_EUSAGE, "cách dùng: lamtheo restore TỆP", "usage: lamtheo restore FILE");
        return cli_fail(&e);
    }
    const char *live = cli_db_path();
    lt_diags d = {0};
    db_restored done;
    int rc = db_restore_from(pos[0], live, &d, &done, &e);
    cli_print_diags(pos[0], NULL, &d);
    lt_diags_free(&d);
    if (rc) return cli_fail(&e);
    printf("Đã khôi phục %s từ %s (restored from the backup).\n", live, pos[0]);
    if (done.version < db_schema_version())
        printf("Bản sao lưu thuộc phiên bản %d, đã nâng cấp lên %d (upgraded from schema version %d).\n",
               done.version, db_schema_version(), done.version);
    if (done.kept)
        printf("Cơ sở dữ liệu cũ được giữ lại ở %s (the replaced database is kept aside).\n", done.aside);
    return 0;
}
