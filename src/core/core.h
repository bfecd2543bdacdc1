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
    LT_EBUSY       /* too much of this work at once: try again later */
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
/* Order the kept problems by line, keeping the order within a line. */
void lt_diags_sort(lt_diags *d);
void lt_diags_free(lt_diags *d);

/* ---- bounded growable buffer ------------------------------------------- */
/* Always NUL-terminated after any successful append.  `max` bounds len; an
** append that would pass it fails with LT_ENOMEM and leaves the buffer as
** it was.  A zeroed lt_buf with max 0 means "no bound beyond SIZE_MAX/2". */
typedef struct lt_buf {
    char *p;
    size_t len, cap, max;
} lt_buf;

void lt_buf_init(lt_buf *b, size_t max);
int lt_buf_reserve(lt_buf *b, size_t extra);  /* room for extra more bytes */
void lt_buf_free(lt_buf *b);
void lt_buf_reset(lt_buf *b);
int lt_buf_append(lt_buf *b, const void *data, size_t n);
int lt_buf_puts(lt_buf *b, const char *s);
int lt_buf_putc(lt_buf *b, char c);
int lt_buf_printf(lt_buf *b, const char *fmt, ...) LT_PRINTF(2, 3);
/* Take the contents (given, NUL-terminated) and leave b empty. */
char *lt_buf_take(lt_buf *b);

/* ---- small utilities ----------------------------------------------------- */
/* malloc/realloc/strdup that abort on failure: only for small, bounded,
** internal sizes (never for sizes that come from input). */
void *lt_xmalloc(size_t n);
void *lt_xcalloc(size_t n, size_t size);
void *lt_xrealloc(void *p, size_t n);
char *lt_xstrdup(const char *s);

/* Ask for huge pages behind a large buffer just allocated that will be
** filled whole (a file read, a table of its cells): filling a fresh buffer
** faults once per 4 KiB page otherwise, and faults are dear on a virtual
** machine.  Not for buffers used in part: a huge page is taken whole.
** Does nothing to buffers under 4 MiB. */
void lt_mem_hint_large(void *p, size_t n);

/* Read a whole file into *out (given, NUL-terminated), refusing files larger
** than max bytes.  Sets e on failure. */
int lt_read_file(const char *path, size_t max, char **out, size_t *len, lt_err *e);

/* Parse a base-10 integer that must fill the whole string and lie in
** [lo, hi].  Returns 0 on success. */
int lt_parse_long(const char *s, long lo, long hi, long *out);

/* Dates: "dd/mm/yyyy", "d/m/yyyy" or "yyyy-mm-dd" to ISO "yyyy-mm-dd"
** (out must hold 11 bytes).  Returns 0 if the date exists. */
int lt_parse_date(const char *s, char out[11]);
/* Today's date in Vietnam (UTC+7) as ISO (the LAMTHEO_TODAY environment
** variable, if a valid ISO date, overrides it for tests). */
void lt_today(char out[11]);

/* Round num/den*100 half-up to one decimal; returns tenths of a percent.
** den must be > 0. */
long lt_percent_tenths(long long num, long long den);

#define LT_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
