/*
** arena.c — lt_arena: many small allocations freed together, for the
** structures built once and thrown away whole (a report document).  A
** failed allocation is kept in the arena, so a builder checks once.
*/
#include "core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK (16 << 10)
#define ALIGN 16

typedef struct lt_arena_chunk {
    struct lt_arena_chunk *next;
    size_t used, size;
    _Alignas(ALIGN) unsigned char data[];
} lt_arena_chunk;

void *lt_arena_alloc(lt_arena *a, size_t n) {
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < n) { a->failed = 1; return NULL; }
    lt_arena_chunk *c = a->chunks;
    if (!c || c->size - c->used < need) {
        size_t size = need > CHUNK / 4 ? need : CHUNK;   /* a large piece gets its own chunk */
        if (size > SIZE_MAX - sizeof *c || !(c = malloc(sizeof *c + size))) {
            a->failed = 1;
            return NULL;
        }
        c->used = 0;
        c->size = size;
        if (size == CHUNK || !a->chunks) { c->next = a->chunks; a->chunks = c; }
        else { c->next = a->chunks->next; a->chunks->next = c; } /* keep the current chunk first */
    }
    void *p = c->data + c->used;
    c->used += need;
    memset(p, 0, n);
    return p;
}

char *lt_arena_strdup(lt_arena *a, const char *s) {
    size_t n = strlen(s);
    char *p = lt_arena_alloc(a, n + 1);
    if (!p) return (char *)"";
    memcpy(p, s, n + 1);
    return p;
}

char *lt_arena_vprintf(lt_arena *a, const char *fmt, va_list ap) {
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *p = n >= 0 ? lt_arena_alloc(a, (size_t)n + 1) : NULL;
    if (p) vsnprintf(p, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!p) { a->failed = 1; return (char *)""; }
    return p;
}

char *lt_arena_printf(lt_arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = lt_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void lt_arena_free(lt_arena *a) {
    for (lt_arena_chunk *c = a->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->chunks = NULL;
    a->failed = 0;
}
