/*
** file.c — files written whole.  Every output file of lamtheo (a report,
** a list, a form, a bulletin, a backup) goes through here: a regular file
** is written under a temporary name beside it and renamed over it once
** complete and synced, so it holds the old contents or the new, never
** part; a device, a FIFO or standard output is written in place.  Every
** write, sync and close is checked.  The command line asks for a
** temporary file to be removed when it is interrupted (lt_tmp_guard_install).
*/
#include "core.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporary file an interrupt removes (one at a time: the command
** line writes one file at a time).  Only used once installed. */
static char guard_path[PATH_MAX + 32];
static volatile sig_atomic_t guard_on, guard_armed;

/* SIGINT, SIGTERM, SIGHUP: remove the temporary file, then die of the
** signal as if there were no handler (SA_RESETHAND restored the default;
** the signal raised again is delivered when the handler returns). */
static void guard_signal(int sig) {
    if (guard_armed) unlink(guard_path);
    raise(sig);
}

void lt_tmp_guard_install(void) {
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = guard_signal;
    sa.sa_flags = SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    for (unsigned i = 0; i < LT_ARRAY_LEN(sigs); i++) {
        /* a signal ignored by whoever started us (nohup) stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        sigaction(sigs[i], &sa, NULL);
    }
    guard_on = 1;
}

/* Forget the guarded temporary file (it was renamed or removed). */
static void guard_clear(void) {
    if (guard_on) guard_armed = 0;
}

int lt_tmp_create(const char *path, int mode, char *tmp, size_t size, lt_err *e) {
    static const char digits[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t len = strlen(path);
    if (!len) {
        lt_err_set(e, LT_EUSAGE, "tên tệp rỗng", "empty file name");
        return -1;
    }
    if (len + 11 > size || len + 11 > sizeof guard_path) {
        lt_err_set(e, LT_EIO, "không ghi được %.200s...: %s", "cannot write %.200s...: %s", path,
                   strerror(ENAMETOOLONG));
        return -1;
    }
    int fd = -1;
    /* an interrupt between the file's creation and its guard would leave
    ** it: the guarded signals wait until it is guarded */
    sigset_t guarded, before;
    sigemptyset(&guarded);
    sigaddset(&guarded, SIGINT);
    sigaddset(&guarded, SIGTERM);
    sigaddset(&guarded, SIGHUP);
    if (guard_on) sigprocmask(SIG_BLOCK, &guarded, &before);
    for (int tries = 0; fd < 0 && tries < 100; tries++) {
        unsigned char r[6];
        if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) /* (never short for 6 bytes) */
            for (unsigned k = 0; k < sizeof r; k++) r[k] = (unsigned char)(rand() ^ getpid() ^ tries);
        snprintf(tmp, size, "%s.tmp", path);
        for (unsigned k = 0; k < sizeof r; k++) tmp[len + 4 + k] = digits[r[k] % 62];
        tmp[len + 10] = 0;
        /* the umask applies to mode, as it would to the file itself */
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, (mode_t)mode);
        if (fd < 0 && errno != EEXIST) break;
    }
    int saved = errno;
    if (fd >= 0 && guard_on) {
        memcpy(guard_path, tmp, len + 11);
        guard_armed = 1;
    }
    if (guard_on) sigprocmask(SIG_SETMASK, &before, NULL);
    if (fd < 0) {
        lt_err_set(e, LT_EIO, "không tạo được tệp tạm %s: %s", "cannot create the temporary file %s: %s",
                   tmp, strerror(saved));
        return -1;
    }
    return fd;
}

void lt_tmp_discard(const char *tmp) {
    unlink(tmp);
    guard_clear();
}

/* Sync the folder that holds path, so that a rename in it is kept. */
static int sync_folder(const char *path) {
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) < sizeof dir) snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else { errno = ENAMETOOLONG; return -1; }
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Rename tmp to path unless path exists (then errno EEXIST): the kernel's
** RENAME_NOREPLACE, or where the file system lacks it, link() then
** unlink(), which refuses an existing name too. */
static int rename_noreplace(const char *tmp, const char *path) {
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) return -1;
    if (link(tmp, path) != 0) return -1;
    unlink(tmp);
    return 0;
}

int lt_tmp_commit(const char *tmp, const char *path, int replace, lt_err *e) {
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    int rc = fd < 0 || fsync(fd) != 0 ? -1 : 0;
    int saved = errno;
    if (fd >= 0) close(fd);
    if (rc == 0) rc = replace ? rename(tmp, path) : rename_noreplace(tmp, path);
    else errno = saved;
    if (rc != 0) {
        saved = errno;
        lt_tmp_discard(tmp);
        if (saved == EEXIST)
            return lt_err_set(e, LT_EREFUSED, "tệp %s đã có; không ghi đè",
                              "file %s already exists; not overwriting it", path);
        return lt_err_set(e, LT_EIO, "không ghi được %s: %s", "cannot write %s: %s", path, strerror(saved));
    }
    guard_clear();
    /* the new name is in the folder once the folder is synced */
    if (sync_folder(path) != 0)
        return lt_err_set(e, LT_EIO, "không ghi được thư mục chứa %s: %s",
                          "cannot sync the folder of %s: %s", path, strerror(errno));
    return LT_OK;
}

/* The error of writing standard output; err 0 when the reason is not known
** (a write that failed earlier, inside stdio). */
static int stdout_failed(int err, lt_err *e) {
    if (!err)
        return lt_err_set(e, LT_EIO, "không ghi được kết quả ra đầu ra chuẩn", "cannot write the output");
    return lt_err_set(e, LT_EIO, "không ghi được kết quả ra đầu ra chuẩn: %s", "cannot write the output: %s",
                      strerror(err));
}

int lt_flush_stdout(lt_err *e) {
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout)) return LT_OK;
    return stdout_failed(errno, e);
}

/* Write all n bytes to fd (again after a short write or an interrupt);
** 0, or -1 with errno. */
static int write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { if (w == 0) errno = EIO; return -1; }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The error of writing `shown` (the name the user gave): errno's reason. */
static int write_failed(const char *shown, int err, lt_err *e) {
    return lt_err_set(e, LT_EIO, "không ghi được %s: %s", "cannot write %s: %s", shown, strerror(err));
}

/* A device, a FIFO or a socket: opened as it is and written. */
static int write_in_place(const char *shown, const char *target, const char *data, size_t n, lt_err *e) {
    int fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return write_failed(shown, errno, e);
    int rc = write_all(fd, data, n);
    int err = errno;
    if (close(fd) != 0 && rc == 0) rc = -1, err = errno;
    return rc ? write_failed(shown, err, e) : LT_OK;
}

/* A regular file (st: its status) or none yet (st NULL): a temporary file
** beside target, given the old file's mode and owner, written, synced and
** renamed over target. */
static int write_replacing(const char *shown, const char *target, const struct stat *st, const char *data,
                           size_t n, lt_err *e) {
    char tmp[PATH_MAX + 32];
    int fd = lt_tmp_create(target, st ? 0600 : 0666, tmp, sizeof tmp, e);
    if (fd < 0) return e ? e->code : LT_EIO;
    int rc = 0;
    if (st) {
        if (fchown(fd, st->st_uid, st->st_gid)) {} /* only root may give a file away: best effort */
        rc = fchmod(fd, st->st_mode & 07777);
    }
    if (rc == 0) rc = write_all(fd, data, n);
    int err = errno;
    if (close(fd) != 0 && rc == 0) rc = -1, err = errno;
    if (rc) {
        lt_tmp_discard(tmp);
        return write_failed(shown, err, e);
    }
    return lt_tmp_commit(tmp, target, 1, e);
}

/* lt_write_file for path, following at most `links` more symbolic links
** that point to nothing yet. */
static int write_path(const char *path, const char *data, size_t n, int links, lt_err *e) {
    struct stat st;
    char real[PATH_MAX];
    const char *target = path;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        if (realpath(path, real)) target = real;
        else if (stat(path, &st) == 0) target = path; /* a link of /proc/self/fd to a pipe: no name */
        else if (errno != ENOENT || links == 0) return write_failed(path, errno, e);
        else { /* a link to nothing yet: the same rules for the name it holds */
            char to[PATH_MAX], next[PATH_MAX];
            ssize_t k = readlink(path, to, sizeof to - 1);
            if (k < 0) return write_failed(path, errno, e);
            to[k] = 0;
            const char *slash = strrchr(path, '/');
            int len = to[0] == '/' || !slash ? snprintf(next, sizeof next, "%s", to)
                                             : snprintf(next, sizeof next, "%.*s/%s", (int)(slash - path), path, to);
            if (len < 0 || (size_t)len >= sizeof next) return write_failed(path, ENAMETOOLONG, e);
            return write_path(next, data, n, links - 1, e);
        }
    }
    if (stat(target, &st) != 0) {
        if (errno != ENOENT) return write_failed(path, errno, e);
        return write_replacing(path, target, NULL, data, n, e);
    }
    if (S_ISDIR(st.st_mode))
        return lt_err_set(e, LT_EIO, "%s là thư mục, không phải tệp", "%s is a directory, not a file", path);
    if (!S_ISREG(st.st_mode)) return write_in_place(path, target, data, n, e);
    return write_replacing(path, target, &st, data, n, e);
}

int lt_write_file(const char *path, const void *data, size_t n, lt_err *e) {
    if (!path || !strcmp(path, "-") || !strcmp(path, "/dev/stdout")) {
        errno = 0;
        if (n && fwrite(data, 1, n, stdout) != n) return stdout_failed(errno, e);
        return lt_flush_stdout(e);
    }
    if (!*path) return lt_err_set(e, LT_EUSAGE, "tên tệp rỗng", "empty file name");
    return write_path(path, data, n, 8, e);
}
