/*
** buf.c — lt_buf, the one growable byte buffer used everywhere.  It carries
** a maximum size so that input can never grow it past a bound (the idea of
** curl's dynbuf).
*/
#include "core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LT_BUF_HARD_MAX ((size_t)1 << 40)

void lt_buf_init(lt_buf *b, size_t max) {
    memset(b, 0, sizeof *b);
    b->max = max;
}

void lt_buf_free(lt_buf *b) {
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->err = 0;
}

void lt_buf_reset(lt_buf *b) {
    b->len = 0;
    b->err = 0;
    if (b->p) b->p[0] = 0;
}

/* Remember the first failure; returns it. */
static int failed(lt_buf *b, int code) {
    if (!b->err) b->err = code;
    return code;
}

int lt_buf_reserve(lt_buf *b, size_t extra) {
    size_t max = b->max ? b->max : LT_BUF_HARD_MAX;
    if (extra > max || b->len > max - extra) return failed(b, LT_ENOMEM);
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return LT_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) return failed(b, LT_EOOM);
    b->p = p;
    b->cap = cap;
    return LT_OK;
}

int lt_buf_append_grow(lt_buf *b, const void *data, size_t n) {
    int rc = lt_buf_reserve(b, n);
    if (rc) return rc;
    if (n) memcpy(b->p + b->len, data, n);
    b->len += n;
    b->p[b->len] = 0;
    return LT_OK;
}

int lt_buf_puts(lt_buf *b, const char *s) {
    return lt_buf_append(b, s, strlen(s));
}

int lt_buf_printf(lt_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return failed(b, LT_ENOMEM);
    if ((size_t)n < sizeof small) return lt_buf_append(b, small, (size_t)n);
    int rc = lt_buf_reserve(b, (size_t)n);
    if (rc) return rc;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return LT_OK;
}

char *lt_buf_take(lt_buf *b) {
    if (b->err) { lt_buf_free(b); return NULL; }
    char *p = b->p ? b->p : calloc(1, 1);
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}
