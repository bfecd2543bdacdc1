/*
** restore.c — a backup put in place of the live database (`lamtheo
** restore`): the backup copied with SQLite's backup API beside the live
** database, brought to this version and checked in full, then given the
** live database's name, the replaced one kept aside.
**
** It takes SQLite's locks: the live database leaves WAL mode (its WAL
** checkpointed into it), which SQLite allows only when no other process
** has it open, and is then locked exclusively while its name is given to
** the new file; the old file keeps its pages whole under its new name.
*/
#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PATH_CAP 4200

/* file as a read-only SQLite URI that writes nothing beside it: immutable
** unless a -wal file beside it holds pages still to be read. */
static int source_uri(const char *file, char *uri, size_t size) {
    char wal[PATH_CAP];
    snprintf(wal, sizeof wal, "%s-wal", file);
    /* (an absolute path after an empty authority: "file:///a/b") */
    size_t k = (size_t)snprintf(uri, size, "%s", file[0] == '/' ? "file://" : "file:");
    const unsigned char *p = (const unsigned char *)file;
    for (; *p && k + 4 < size; p++)
        k += (size_t)(strchr("%?#", *p) ? snprintf(uri + k, size - k, "%%%02X", *p)
                                          : snprintf(uri + k, size - k, "%c", *p));
    const char *q = access(wal, F_OK) == 0 ? "?mode=ro" : "?immutable=1";
    if (*p || k + strlen(q) >= size) return -1; /* (never a name cut short) */
    snprintf(uri + k, size - k, "%s", q);
    return 0;
}

/* One integer of a pragma on h; -1 when it cannot be read. */
static long long pragma_int(sqlite3 *h, const char *sql) {
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Open the backup file read-only and refuse what is not a lamtheo database
** of this version or an older one; *version: its schema version. */
static int source_open(const char *file, sqlite3 **h, int *version, lt_err *e) {
    char uri[3 * PATH_CAP];
    struct stat sb;
    *h = NULL;
    if (stat(file, &sb) != 0 || !S_ISREG(sb.st_mode))
        return lt_err_set(e, LT_ENOTFOUND, "không có tệp %s", "no file %s", file);
    if (source_uri(file, uri, sizeof uri) || sqlite3_open_v2(uri, h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL))
        return lt_err_set(e, LT_EIO, "không mở được %s", "cannot open %s", file);
    long long id = pragma_int(*h, "PRAGMA application_id"), v = pragma_int(*h, "PRAGMA user_version");
    *version = (int)v;
    if (id < 0 || v < 0)
        return lt_err_set(e, LT_EREFUSED, "%s không phải cơ sở dữ liệu (%s); không khôi phục",
                          "%s is not a database (%s); not restoring it", file, sqlite3_errmsg(*h));
    if (id != LT_APPLICATION_ID)
        return lt_err_set(e, LT_EREFUSED, "%s không phải cơ sở dữ liệu lamtheo; không khôi phục",
                          "%s is not a lamtheo database; not restoring it", file);
    if (v > db_schema_version())
        return lt_err_set(e, LT_EREFUSED, "%s thuộc phiên bản mới hơn (%lld > %d); hãy nâng cấp lamtheo trước",
                          "%s is from a newer version (%lld > %d); upgrade lamtheo first", file, v,
                          db_schema_version());
    return LT_OK;
}

/* Copy every page of src into the new file tmp (SQLite's backup API). */
static int source_copy(sqlite3 *src, const char *file, const char *tmp, lt_err *e) {
    sqlite3 *to = NULL;
    int rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *bk = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", src, "main") : NULL;
    if (bk) {
        rc = sqlite3_backup_step(bk, -1);
        sqlite3_backup_finish(bk);
    }
    if (rc != SQLITE_DONE)
        lt_err_set(e, LT_EREFUSED, "không đọc được %s: %s; không khôi phục", "cannot read %s: %s; not restoring it",
                   file, sqlite3_errmsg(to));
    if (sqlite3_close(to) != SQLITE_OK && rc == SQLITE_DONE)
        return lt_err_set(e, LT_EIO, "không ghi được %s", "cannot write %s", tmp);
    return rc == SQLITE_DONE ? LT_OK : e->code;
}

/* The copy tmp opened (brought forward if older), checked in full (its
** problems added to d), and closed as one file without a WAL. */
static int copy_checked(const char *file, const char *tmp, lt_diags *d, lt_err *e) {
    lt_db *db;
    int rc = db_open(tmp, DB_OPEN_EXISTING, &db, e);
    if (rc == LT_OK) rc = db_check(db, d, e);
    if (rc == LT_EINPUT)
        rc = lt_err_set(e, LT_EREFUSED, "%s không qua được kiểm tra (lamtheo check); không khôi phục",
                        "%s fails the check (lamtheo check); not restoring it", file);
    if (rc == LT_OK) rc = db_exec(db, "PRAGMA journal_mode=DELETE", e);
    db_close(db);
    return rc;
}

/* The live database locked for the swap: out of WAL mode (its WAL
** checkpointed into the file and removed: SQLite does that only when no
** other connection is open) and exclusively locked.  *h NULL when there is
** no live database.  A live file SQLite cannot read (damaged) is taken as
** it is: *h NULL, *damaged 1. */
static int live_lock(const char *live, sqlite3 **h, int *damaged, lt_err *e) {
    char wal[PATH_CAP];
    *h = NULL;
    *damaged = 0;
    if (access(live, F_OK) != 0) return LT_OK;
    if (sqlite3_open_v2(live, h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
        return lt_err_set(e, LT_EIO, "không mở được %s", "cannot open %s", live);
    sqlite3_busy_timeout(*h, 2000);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(*h, "PRAGMA journal_mode=DELETE", -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    int off = rc == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    if (off) rc = sqlite3_exec(*h, "BEGIN EXCLUSIVE; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    snprintf(wal, sizeof wal, "%s-wal", live);
    if (off && rc == SQLITE_OK && access(wal, F_OK) != 0) return LT_OK;
    int code = sqlite3_errcode(*h) & 0xff;
    sqlite3_close(*h);
    *h = NULL;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) { *damaged = 1; return LT_OK; }
    return lt_err_set(e, LT_ECONFLICT, "cơ sở dữ liệu %s đang được dùng (lamtheo serve?); hãy dừng nó trước "
                      "(systemctl stop lamtheo) rồi khôi phục", "the database %s is in use (lamtheo serve?); stop "
                      "it first (systemctl stop lamtheo), then restore", live);
}

/* "LIVE.replaced-yyyymmdd-hhmmss" (Vietnam's time) into aside. */
static void aside_name(const char *live, char *aside, size_t size) {
    time_t t = time(NULL) + 7 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(aside, size, "%s.replaced-%s", live, stamp);
}

/* A damaged live database set aside as it is, with its WAL beside it. */
static int set_aside_damaged(const char *live, const char *aside, lt_err *e) {
    char from[PATH_CAP], to[PATH_CAP + 128];
    if (link(live, aside) != 0)
        return lt_err_set(e, LT_EIO, "không đặt được %s sang %s: %s", "cannot set %s aside as %s: %s", live, aside,
                          strerror(errno));
    snprintf(from, sizeof from, "%s-wal", live);
    snprintf(to, sizeof to, "%s-wal", aside);
    if (access(from, F_OK) == 0 && rename(from, to) != 0)
        return lt_err_set(e, LT_EIO, "không đặt được %s sang %s: %s", "cannot set %s aside as %s: %s", from, to,
                          strerror(errno));
    snprintf(from, sizeof from, "%s-shm", live);
    unlink(from);
    return LT_OK;
}

/* tmp takes the live database's name; the old file keeps its pages under
** aside (a second name given while it is locked, so never a torn copy). */
static int swap_in(const char *live, const char *tmp, char *aside, size_t size, int *kept, lt_err *e) {
    sqlite3 *h;
    int damaged, rc = live_lock(live, &h, &damaged, e);
    *kept = 0;
    if (rc) return rc;
    aside_name(live, aside, size);
    if (damaged) rc = set_aside_damaged(live, aside, e);
    else if (h && link(live, aside) != 0)
        rc = lt_err_set(e, LT_EIO, "không đặt được %s sang %s: %s", "cannot set %s aside as %s: %s", live, aside,
                        strerror(errno));
    *kept = rc == LT_OK && (h || damaged);
    if (rc == LT_OK) rc = lt_tmp_commit(tmp, live, 1, e);
    if (rc && *kept) { unlink(aside); *kept = 0; } /* (the live name still holds the old file) */
    sqlite3_close(h); /* (its rollback touches nothing: it wrote nothing) */
    return rc;
}

/* The new file fd (named tmp) given the live database's mode and, when
** run as root, its owner: the service's user must still write it. */
static int same_owner(const char *live, int fd, const char *tmp, lt_err *e) {
    struct stat sb;
    if (stat(live, &sb) != 0) return LT_OK;
    if ((geteuid() == 0 && fchown(fd, sb.st_uid, sb.st_gid) != 0) || fchmod(fd, sb.st_mode & 0777) != 0)
        return lt_err_set(e, LT_EIO, "không đặt được quyền của %s: %s", "cannot set the owner or mode of %s: %s",
                          tmp, strerror(errno));
    return LT_OK;
}

int db_restore_from(const char *file, const char *live, lt_diags *d, db_restored *out, lt_err *e) {
    char tmp[PATH_CAP];
    sqlite3 *src;
    memset(out, 0, sizeof *out);
    int rc = source_open(file, &src, &out->version, e), fd = -1;
    if (rc == LT_OK) fd = lt_tmp_create(live, 0600, tmp, sizeof tmp, e);
    if (fd >= 0) rc = same_owner(live, fd, tmp, e);
    if (fd >= 0) close(fd);
    if (rc == LT_OK && fd < 0) rc = e->code;
    if (rc == LT_OK) rc = source_copy(src, file, tmp, e);
    sqlite3_close(src);
    if (rc == LT_OK) rc = copy_checked(file, tmp, d, e);
    if (rc == LT_OK) rc = swap_in(live, tmp, out->aside, sizeof out->aside, &out->kept, e);
    if (rc && fd >= 0) db_remove_files(tmp);
    return rc;
}
