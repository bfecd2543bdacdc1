/*
** utf8.c — strict UTF-8 validation that reports where the first bad byte
** is, as a line and a character column, so an import error can point at it.
*/
#include "text.h"

#include <stdint.h>
#include <string.h>

/* Length of the valid sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n) {
    unsigned c = s[0];
    if (c < 0x80) return c ? 1 : 0;
    if (c >= 0xC2 && c <= 0xDF) {
        return (n >= 2 && (s[1] & 0xC0) == 0x80) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0;  /* overlong */
        if (c == 0xED && s[1] >= 0xA0) return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0;  /* overlong */
        if (c == 0xF4 && s[1] >= 0x90) return 0; /* above U+10FFFF */
        return 4;
    }
    return 0;
}

/* The length of the valid UTF-8 prefix of p[0..n) (n if all is valid).
** Runs of ASCII without NUL are skipped eight bytes at a time: almost all
** of a Vietnamese file's bytes, outside the diacritics. */
static size_t utf8_valid_prefix(const unsigned char *p, size_t n) {
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    size_t i = 0;
    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & high) && !((w - ones) & ~w & high)) { i += 8; continue; } /* ASCII, no NUL */
        }
        size_t k = utf8_seq_len(p + i, n - i);
        if (!k) return i;
        i += k;
    }
    return n;
}

int text_utf8_check(const char *s, size_t n, long *line, long *col) {
    const unsigned char *p = (const unsigned char *)s;
    size_t bad = utf8_valid_prefix(p, n);
    if (bad == n) return 0;
    long ln = 1, cl = 1; /* where it is: characters counted up to it */
    for (size_t i = 0; i < bad; i += utf8_seq_len(p + i, bad - i)) {
        if (p[i] == '\n') { ln++; cl = 1; } else cl++;
    }
    if (line) *line = ln;
    if (col) *col = cl;
    return -1;
}
