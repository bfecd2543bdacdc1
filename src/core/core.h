/*
** core.h — the bottom layer: bounded growable buffers, the error record
** every function fills, and a few small utilities. libc only.
**
** Ownership convention used across lamtheo: a function comment says
** "given" when the caller must free the result, "lent" when it stays owned
** by the callee (and for how long).
*/
#ifndef LT_CORE_H
#define LT_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define LT_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* ---- status codes (also the CLI exit statuses' source) ---------------- */
enum {
    LT_OK = 0,
    LT_EINPUT,     /* the user's input is invalid (exit 1) */
    LT_EREFUSED,   /* a rule or permission refuses the action (exit 1) */
    LT_ENOTFOUND,  /* a named thing does not exist (exit 1) */
    LT_ECONFLICT,  /* someone else changed it first (exit 1) */
    LT_EUSAGE,     /* the command line is malformed (exit 2) */
    LT_EDB,        /* the database failed (exit 1; details in the log) */
    LT_EIO,        /* a file could not be read or written */
    LT_ENOMEM,     /* out of memory or a size bound was passed */
    LT_EBUSY,      /* another process holds the database longer than we wait, or too
                   ** much of this work at once (audio): try again later (exit 1; the
                   ** web answers 503 with Retry-After) */
    LT_EOOM        /* the machine ran out of memory: nothing was done (exit 1; 503) */
};

/* ---- error record ------------------------------------------------------ */
/* One error, in Vietnamese and English, with an optional place
** ("FILE:LINE: column" or a form field).  Filled once, rendered once by
** the caller (CLI text, HTML page or JSON). */
typedef struct lt_err {
    int code;
    char where[256];
    char vi[512];
    char en[512];
} lt_err;

/* Set the error; vi_fmt and en_fmt must take the same arguments in the same
** order.  Returns code so callers can write `return lt_err_set(...)`. */
int lt_err_set(lt_err *e, int code, const char *vi_fmt, const char *en_fmt, ...);
int lt_err_vset(lt_err *e, int code, const char *vi_fmt, const char *en_fmt,
                va_list ap);
/* e's code, or fallback when e is NULL (a caller that wants no message)
** or holds none. */
static inline int lt_err_code(const lt_err *e, int fallback) {
    return e && e->code ? e->code : fallback;
}
/* Out of memory: sets e to LT_EOOM with its message; returns LT_EOOM. */
int lt_err_oom(lt_err *e);
/* If e carries a code but no message (a function returned a bare code),
** give it the plain message of that code, so no front end ever prints an
** empty error. */
void lt_err_default(lt_err *e);
/* Set where the error happened (printf-style). */
void lt_err_where(lt_err *e, const char *fmt, ...) LT_PRINTF(2, 3);
void lt_err_clear(lt_err *e);
/* The exit status for an error code: 0 ok, 2 usage, 1 otherwise. */
int lt_err_exit_status(int code);

/* ---- diagnostics: many problems of one input ------------------------- */
/* A parser or an import collects every problem; the caller reports them all.
** At most LT_DIAG_KEEP are kept; `total` counts all of them. */
#define LT_DIAG_KEEP 1000
typedef struct lt_diag_item {
    long line;          /* 1-based, 0 when not about a line */
    long col;           /* 1-based character column in the line, 0 when none */
    char column[64];    /* column name or "" */
    char vi[256];
    char en[256];
} lt_diag_item;

typedef struct lt_diags {
    lt_diag_item *items;  /* given; freed by lt_diags_free */
    size_t n, cap;
    size_t total;
} lt_diags;

void lt_diags_add(lt_diags *d, long line, const char *column,
                  const char *vi_fmt, const char *en_fmt, ...);
/* The same with ready-made messages. */
void lt_diags_add_text(lt_diags *d, long line, const char *column, const char *vi,
                       const char *en);
/* A problem at a character column of a line rather than at a named column
** (a byte of the file itself); formats only what it keeps. */
void lt_diags_add_at(lt_diags *d, long line, long col, const char *vi_fmt,
                     const char *en_fmt, ...);
/* Add from's problems after to's, as if each had been added to `to`. */
void lt_diags_append(lt_diags *to, const lt_diags *from);
/* Order the kept problems by line, keeping the order within a line. */
void lt_diags_sort(lt_diags *d);
void lt_diags_free(lt_diags *d);

/* ---- bounded growable buffer ------------------------------------------- */
/* Always NUL-terminated after any successful append.  `max` bounds len; an
** append that would pass it fails with LT_ENOMEM and leaves the buffer as
** it was; when memory runs out it fails with LT_EOOM.  A failure is also
** kept in `err` until lt_buf_reset, so code that writes a whole page or
** document piece by piece checks once at the end.  A zeroed lt_buf with
** max 0 means "no bound beyond SIZE_MAX/2". */
typedef struct lt_buf {
    char *p;
    size_t len, cap, max;
    int err;    /* the first failure since init or reset: LT_ENOMEM, LT_EOOM, or 0 */
} lt_buf;

void lt_buf_init(lt_buf *b, size_t max);
int lt_buf_reserve(lt_buf *b, size_t extra);  /* room for extra more bytes */
void lt_buf_free(lt_buf *b);
void lt_buf_reset(lt_buf *b);
int lt_buf_append_grow(lt_buf *b, const void *data, size_t n); /* lt_buf_append's other case */
/* n bytes of data added: in the common case, when they fit, without a call
** (a page is written a few bytes at a time, hundreds of times). */
static inline int lt_buf_append(lt_buf *b, const void *data, size_t n) {
    if (n >= b->cap - b->len || (b->max && n > b->max - b->len)) return lt_buf_append_grow(b, data, n);
    if (n) memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
    return LT_OK;
}
int lt_buf_puts(lt_buf *b, const char *s);
static inline int lt_buf_putc(lt_buf *b, char c) { return lt_buf_append(b, &c, 1); }
int lt_buf_printf(lt_buf *b, const char *fmt, ...) LT_PRINTF(2, 3);
/* Take the contents (given, NUL-terminated) and leave b empty; NULL (b
** freed) when there is nothing to take and no memory for an empty string,
** or when an append has failed (b->err). */
char *lt_buf_take(lt_buf *b);

/* ---- small utilities ----------------------------------------------------- */

/* Allocations whose failure cannot be told by the caller (jansson's: a
** json_object_set_new whose value failed just leaves the field out) go
** through lt_json_malloc, which counts this thread's failures; code that
** builds JSON compares lt_oom_count() before and after and fails if it
** grew, so no answer goes out with a field missing. */
void *lt_json_malloc(size_t n);
unsigned long lt_oom_count(void);
/* Count a failure the caller saw but cannot return (it builds JSON). */
void lt_oom_note(void);

/* Ask for huge pages behind a large buffer just allocated that will be
** filled whole (a file read, a table of its cells): filling a fresh buffer
** faults once per 4 KiB page otherwise, and faults are dear on a virtual
** machine.  Not for buffers used in part: a huge page is taken whole.
** Does nothing to buffers under 4 MiB. */
void lt_mem_hint_large(void *p, size_t n);

/* Read a whole file into *out (given, NUL-terminated), refusing files larger
** than max bytes.  Sets e on failure. */
int lt_read_file(const char *path, size_t max, char **out, size_t *len, lt_err *e);

/* ---- files written whole (file.c) ------------------------------------ */
/* Write n bytes of data to path, the one way every output file is written:
** - NULL, "-" or "/dev/stdout": standard output, flushed;
** - a regular file, or no file yet: a temporary file beside it, written,
**   synced and renamed over it (it holds the old contents or the new, never
**   part of them); an existing file keeps its mode (and owner, for root);
** - a symbolic link: these rules for the file it points to, found with
**   realpath(); the link stays.  A link to nothing yet: the rules for the
**   name it holds (so the file is created there, whole);
** - a device, a FIFO, a socket: opened and written in place;
** - a directory: refused.
** Every write, sync, close and rename is checked: LT_EIO "cannot write
** PATH: reason" (the name as given).  LT_EUSAGE for an empty name. */
int lt_write_file(const char *path, const void *data, size_t n, lt_err *e);
/* Flush standard output; LT_EIO "cannot write the output: reason" if that
** or any earlier write to it failed. */
int lt_flush_stdout(lt_err *e);

/* A new temporary file beside path, "PATH.tmpXXXXXX" (six random letters
** and digits), created with mode less the umask and written into tmp (size
** bytes, at least strlen(path) + 11).  Returns its descriptor (given), or
** -1 with e set.  While lt_tmp_guard_install is in force, an interrupt
** removes it until lt_tmp_commit or lt_tmp_discard. */
int lt_tmp_create(const char *path, int mode, char *tmp, size_t size, lt_err *e);
/* Sync tmp (closed or not) and move it to path: over an existing path when
** replace, else never replacing anything there (LT_EREFUSED "already
** exists"); then sync path's folder so that the name is kept.  On failure
** tmp is removed. */
int lt_tmp_commit(const char *tmp, const char *path, int replace, lt_err *e);
/* Remove tmp: a failed write's cleanup. */
void lt_tmp_discard(const char *tmp);
/* For the command line, which writes one file at a time from one thread:
** SIGINT, SIGTERM and SIGHUP remove the temporary file of lt_tmp_create
** that is being written, then end the process as the signal would.  (A
** SIGKILL cannot be caught: its temporary file stays, named as such.)  Not
** for the server, whose threads write files concurrently. */
void lt_tmp_guard_install(void);

/* Parse a base-10 integer that must fill the whole string and lie in
** [lo, hi].  Returns 0 on success. */
int lt_parse_long(const char *s, long lo, long hi, long *out);
/* A whole number 0..hi as offices write it, with or without dots between
** thousands ("45.000.000", "4238"); 0, or -1 when it is not one. */
int lt_parse_count(const char *s, long hi, long *out);
/* v in decimal into buf, with sep between thousands as people read a
** count ("550.000"; English "550,000"; sep 0: none), NUL-terminated;
** returns its length. */
#define LT_COUNT_MAX 32
size_t lt_count_fmt(char buf[LT_COUNT_MAX], long long v, char sep);

/* Dates: "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" to ISO "yyyy-mm-dd"
** (out must hold 11 bytes).  Returns 0 if the date exists. */
int lt_parse_date(const char *s, char out[11]);
/* Day d of month m of year y (0..9999) as ISO "yyyy-mm-dd" into out,
** written by hand: a national import writes one or two on every row, and
** snprintf was a twentieth of its checks. */
void lt_iso_day(char out[11], int y, int m, int d);
/* Today's date in Vietnam (UTC+7) as ISO (the LAMTHEO_TODAY environment
** variable, if a valid ISO date, overrides it for tests). */
void lt_today(char out[11]);
/* An ISO date as Vietnamese write it, dd/mm/yyyy (anything else as it
** is, cut to 10 bytes); returns out. */
const char *lt_date_vn(const char *iso, char out[11]);
/* A UTC time "yyyy-mm-ddThh:mm..." as read in Vietnam: "dd/mm/yyyy hh:mm"
** (UTC+7); anything else as it is.  Returns out (17 bytes). */
const char *lt_time_vn(const char *utc, char out[17]);

/* Round num/den*100 half-up to one decimal; returns tenths of a percent.
** den must be > 0. */
long lt_percent_tenths(long long num, long long den);

/* ---- arena: many small pieces freed at once (arena.c) -------------------- */
/* For a structure built of many small strings and arrays (a document):
** each allocation comes from the arena, and lt_arena_free frees them all.
** When memory runs out an allocation fails and the arena keeps it
** (`failed`), so the builder checks once at the end; the string functions
** then give "" (never NULL), so the code between needs no checks. */
typedef struct lt_arena { struct lt_arena_chunk *chunks; int failed; } lt_arena;

/* n zeroed bytes, aligned for any type; NULL (and failed) when memory ran out. */
void *lt_arena_alloc(lt_arena *a, size_t n);
/* A copy of s (lent until lt_arena_free); "" when memory ran out. */
char *lt_arena_strdup(lt_arena *a, const char *s);
/* A formatted string (lent until lt_arena_free); "" when memory ran out. */
char *lt_arena_printf(lt_arena *a, const char *fmt, ...) LT_PRINTF(2, 3);
char *lt_arena_vprintf(lt_arena *a, const char *fmt, va_list ap);
/* Frees every piece; the arena is empty and may be used again. */
void lt_arena_free(lt_arena *a);

#define LT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
