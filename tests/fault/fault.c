/*
** fault.c — fault injection for the torture build (build-asan/lamtheo-fault,
** `make torture`, and a bounded part of it in `make check`): the Nth
** allocation, or the Nth write or sync, fails once, as curl's torture tests
** and SQLite's OOM and I/O-error tests do.  Linked into that binary only,
** with `-Wl,--wrap` of lamtheo's own calls (malloc, calloc, realloc, strdup,
** strndup; fwrite, fputs, fputc, fprintf, printf, puts, putchar, fflush,
** fclose, write, fsync, rename), so the libraries' own calls are left alone,
** except that SQLite's and jansson's allocations are routed through the same
** count (jansson's come through lamtheo's own lt_json_malloc, so they are
** counted too) and SQLite's file writes and syncs go through a VFS shim here.
** Writes to standard error are never failed: they carry the message the
** test looks for.
**
**   LT_FAULT_ALLOC=N   the Nth allocation (from 1) returns NULL
**   LT_FAULT_IO=N      the Nth write, flush, sync or rename fails with ENOSPC
**                      (SQLite: SQLITE_IOERR_WRITE / _FSYNC / _TRUNCATE)
**   LT_FAULT_COUNT=F   at exit, "alloc A io W failed K open_alloc B E open_io
**                      B E" is appended to F (B..E: the calls made by the first
**                      db_open, which every command makes alike)
**
** Without these variables the binary behaves as the sanitizer build does.
*/
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the counts -------------------------------------------------------- */
static long alloc_fail_at, io_fail_at;
static long n_alloc, n_io, n_failed;

/* Count one call; 1 when it is the one to fail. */
static int due(long *counter, long at) {
    long k = __atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
    if (at <= 0 || k != at) return 0;
    __atomic_add_fetch(&n_failed, 1, __ATOMIC_RELAXED);
    return 1;
}
static int alloc_due(void) { return due(&n_alloc, alloc_fail_at); }
static int io_due(void) { return due(&n_io, io_fail_at); }

/* ---- lamtheo's own allocations ---------------------------------------- */
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n) { return alloc_due() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return alloc_due() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return alloc_due() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return alloc_due() ? NULL : __real_strdup(s); }
char *__wrap_strndup(const char *s, size_t n) { return alloc_due() ? NULL : __real_strndup(s, n); }

/* ---- SQLite's allocations --------------------------------------------- */
static sqlite3_mem_methods sqlite_mem;
static void *sq_malloc(int n) { return alloc_due() ? NULL : sqlite_mem.xMalloc(n); }
static void *sq_realloc(void *p, int n) { return alloc_due() ? NULL : sqlite_mem.xRealloc(p, n); }
static void sq_free(void *p) { sqlite_mem.xFree(p); }
static int sq_size(void *p) { return sqlite_mem.xSize(p); }
static int sq_roundup(int n) { return sqlite_mem.xRoundup(n); }
static int sq_init(void *a) { return sqlite_mem.xInit(a); }
static void sq_shutdown(void *a) { sqlite_mem.xShutdown(a); }


/* ---- lamtheo's own writes ---------------------------------------------- */
/* A failed stdio call sets the stream's error flag (glibc's _IO_ERR_SEEN), as
** a real failure would, so that ferror() tells. */
static int stream_fails(FILE *f) {
    if (f == stderr || !io_due()) return 0;
    f->_flags |= 0x20; /* _IO_ERR_SEEN */
    errno = ENOSPC;
    return 1;
}

size_t __real_fwrite(const void *p, size_t size, size_t n, FILE *f);
int __real_fputs(const char *s, FILE *f);
int __real_fputc(int c, FILE *f);
int __real_fflush(FILE *f);
int __real_fclose(FILE *f);
int __real_puts(const char *s);
int __real_putchar(int c);
ssize_t __real_write(int fd, const void *p, size_t n);
int __real_vfprintf(FILE *f, const char *fmt, va_list ap);
int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);

size_t __wrap_fwrite(const void *p, size_t size, size_t n, FILE *f) {
    return stream_fails(f) ? 0 : __real_fwrite(p, size, n, f);
}
int __wrap_fputs(const char *s, FILE *f) { return stream_fails(f) ? EOF : __real_fputs(s, f); }
int __wrap_fputc(int c, FILE *f) { return stream_fails(f) ? EOF : __real_fputc(c, f); }
int __wrap_puts(const char *s) { return stream_fails(stdout) ? EOF : __real_puts(s); }
int __wrap_putchar(int c) { return stream_fails(stdout) ? EOF : __real_putchar(c); }
int __wrap_fflush(FILE *f) { return f && stream_fails(f) ? EOF : __real_fflush(f); }
int __wrap_fclose(FILE *f) {
    if (f != stderr && io_due()) {
        __real_fclose(f); /* the stream is gone either way, as after a real failure */
        errno = ENOSPC;
        return EOF;
    }
    return __real_fclose(f);
}
int __wrap_vfprintf(FILE *f, const char *fmt, va_list ap) {
    return stream_fails(f) ? -1 : __real_vfprintf(f, fmt, ap);
}
int __wrap_fprintf(FILE *f, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = stream_fails(f) ? -1 : __real_vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}
int __wrap_printf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = stream_fails(stdout) ? -1 : __real_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}
ssize_t __wrap_write(int fd, const void *p, size_t n) {
    if (fd != 2 && io_due()) { errno = ENOSPC; return -1; }
    return __real_write(fd, p, n);
}
int __wrap_fsync(int fd) {
    if (io_due()) { errno = EIO; return -1; }
    return __real_fsync(fd);
}
int __wrap_rename(const char *from, const char *to) {
    if (io_due()) { errno = ENOSPC; return -1; }
    return __real_rename(from, to);
}

/* ---- SQLite's writes: a VFS that passes everything to the default one but
** counts (and fails) writes, syncs and truncations ------------------------ */
typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct in the same block */
} fault_file;

static sqlite3_vfs *real_vfs;
#define REAL(f) (((fault_file *)(f))->real)

static int ff_close(sqlite3_file *f) {
    int rc = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
    return rc;
}
static int ff_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off) {
    return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}
static int ff_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off) {
    if (io_due()) return SQLITE_IOERR_WRITE;
    return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 size) {
    if (io_due()) return SQLITE_IOERR_TRUNCATE;
    return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int ff_sync(sqlite3_file *f, int flags) {
    if (io_due()) return SQLITE_IOERR_FSYNC;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int ff_size(sqlite3_file *f, sqlite3_int64 *size) {
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int ff_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int ff_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int ff_check_lock(sqlite3_file *f, int *out) {
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int ff_control(sqlite3_file *f, int op, void *arg) {
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int ff_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int ff_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int ff_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **pp) {
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, pp);
}
static int ff_shm_lock(sqlite3_file *f, int off, int n, int flags) {
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void ff_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int ff_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int ff_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp) {
    return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}
static int ff_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p) {
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods fault_methods = {
    3, ff_close, ff_read, ff_write, ff_truncate, ff_sync, ff_size, ff_lock, ff_unlock,
    ff_check_lock, ff_control, ff_sector, ff_device, ff_shm_map, ff_shm_lock, ff_shm_barrier,
    ff_shm_unmap, ff_fetch, ff_unfetch};

static int fv_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out) {
    (void)vfs;
    fault_file *ff = (fault_file *)f;
    ff->real = (sqlite3_file *)(ff + 1);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
    f->pMethods = ff->real->pMethods ? &fault_methods : NULL;
    return rc;
}
static int fv_delete(sqlite3_vfs *v, const char *n, int sync) {
    (void)v;
    return real_vfs->xDelete(real_vfs, n, sync);
}
static int fv_access(sqlite3_vfs *v, const char *n, int flags, int *out) {
    (void)v;
    return real_vfs->xAccess(real_vfs, n, flags, out);
}
static int fv_fullname(sqlite3_vfs *v, const char *n, int size, char *out) {
    (void)v;
    return real_vfs->xFullPathname(real_vfs, n, size, out);
}
static int fv_random(sqlite3_vfs *v, int n, char *out) {
    (void)v;
    return real_vfs->xRandomness(real_vfs, n, out);
}
static int fv_sleep(sqlite3_vfs *v, int us) {
    (void)v;
    return real_vfs->xSleep(real_vfs, us);
}
static int fv_time(sqlite3_vfs *v, double *out) {
    (void)v;
    return real_vfs->xCurrentTime(real_vfs, out);
}
static int fv_error(sqlite3_vfs *v, int n, char *out) {
    (void)v;
    return real_vfs->xGetLastError(real_vfs, n, out);
}
static int fv_time64(sqlite3_vfs *v, sqlite3_int64 *out) {
    (void)v;
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static sqlite3_vfs fault_vfs = {
    2, 0, 0, NULL, "lamtheo-fault", NULL, fv_open, fv_delete, fv_access, fv_fullname,
    NULL, NULL, NULL, NULL, fv_random, fv_sleep, fv_time, fv_error, fv_time64,
    NULL, NULL, NULL};

/* ---- the first opening of the database -------------------------------- */
/* Every command begins by opening the database, the same calls whatever it
** does next (SQLite reads the schema: thousands of allocations).  The
** report names where the first db_open began and ended, so that a driver
** may fail those calls in one scenario only. */
typedef struct lt_db lt_db;
typedef struct lt_err lt_err;
int __real_db_open(const char *path, int mode, lt_db **out, lt_err *e);
static long open_from_alloc = -1, open_to_alloc = -1, open_from_io = -1, open_to_io = -1;

int __wrap_db_open(const char *path, int mode, lt_db **out, lt_err *e) {
    long none = -1;
    int first = __atomic_compare_exchange_n(&open_from_alloc, &none, n_alloc, 0, __ATOMIC_RELAXED,
                                            __ATOMIC_RELAXED);
    if (first) open_from_io = n_io;
    int rc = __real_db_open(path, mode, out, e);
    if (first) { open_to_alloc = n_alloc; open_to_io = n_io; }
    return rc;
}

/* ---- setup and the report at exit --------------------------------------- */
static void report(void) {
    const char *path = getenv("LT_FAULT_COUNT");
    if (!path || !*path) return;
    char line[256];
    int n = snprintf(line, sizeof line, "alloc %ld io %ld failed %ld open_alloc %ld %ld open_io %ld %ld\n",
                     n_alloc, n_io, n_failed, open_from_alloc, open_to_alloc, open_from_io, open_to_io);
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd < 0) return;
    if (__real_write(fd, line, (size_t)n) != n) { /* nothing else to do */ }
    close(fd);
}

static long env_long(const char *name) {
    const char *s = getenv(name);
    return s && *s ? atol(s) : 0;
}

__attribute__((constructor)) static void fault_setup(void) {
    static sqlite3_mem_methods counted;
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_mem);
    counted = (sqlite3_mem_methods){sq_malloc, sq_free, sq_realloc, sq_size, sq_roundup,
                                    sq_init, sq_shutdown, NULL};
    sqlite3_config(SQLITE_CONFIG_MALLOC, &counted);
    real_vfs = sqlite3_vfs_find(NULL);
    fault_vfs.szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile;
    fault_vfs.mxPathname = real_vfs->mxPathname;
    sqlite3_vfs_register(&fault_vfs, 1);
    atexit(report);
    /* the shim's own setup above is not counted: faults begin with main */
    n_alloc = n_io = 0;
    alloc_fail_at = env_long("LT_FAULT_ALLOC");
    io_fail_at = env_long("LT_FAULT_IO");
}
