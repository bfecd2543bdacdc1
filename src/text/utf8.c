/*
** utf8.c — strict UTF-8 validation that reports where the first bad byte
** is, as a line and a character column, so an import error can point at it
** (or every bad byte, for a file that is UTF-8 but for a few); and what
** free text may hold: the one check every stored text passes
** (text_check_free) and the cleaning every document writer applies.
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

uint32_t text_utf8_next(const char *s, size_t n, size_t *i) {
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t k = utf8_seq_len(p, n - *i);
    if (k == 0 && p[0] == 0) k = 1;              /* NUL: a character, if not a valid one */
    if (k == 0) { (*i)++; return 0xFFFDu; }
    uint32_t c = k == 1 ? p[0] : p[0] & (0x7Fu >> k);
    for (size_t j = 1; j < k; j++) c = c << 6 | (p[j] & 0x3Fu);
    *i += k;
    return c;
}

size_t text_utf8_diags(const char *s, size_t n, lt_diags *d) {
    const unsigned char *p = (const unsigned char *)s;
    size_t found = 0;
    long line = 1, col = 1;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq_len(p + i, n - i);
        if (k == 0) {
            lt_diags_add_at(d, line, col, "byte 0x%02X không phải UTF-8 hợp lệ",
                            "byte 0x%02X is not valid UTF-8", p[i]);
            found++;
            k = 1;
        }
        if (p[i] == '\n') { line++; col = 1; } else col++;
        i += k;
    }
    return found;
}

/* ---- what free text may hold -------------------------------------------- */
/* What free text makes of code point c: TEXT_FREE_OK or why it is refused. */
static text_free free_char(uint32_t c, int multiline) {
    if (c >= 0x20 && c < 0x7F) return TEXT_FREE_OK;
    if (c == '\t' || c == '\n' || c == '\r') return multiline ? TEXT_FREE_OK : TEXT_FREE_BREAK;
    if (c < 0xA0) return TEXT_FREE_CONTROL;      /* C0, DEL, C1 */
    if (c == 0xFFFE || c == 0xFFFF) return TEXT_FREE_NONCHAR;
    return TEXT_FREE_OK;
}

/* Are the eight bytes at p printable ASCII (0x20..0x7E)? */
static int ascii8_printable(const unsigned char *p) {
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    uint64_t w;
    memcpy(&w, p, 8);
    return !(w & high) && !((w - 0x20 * ones) & ~w & high) /* no byte below 0x20 */
           && !((w + ones) & high);                          /* none is 0x7F */
}

text_free text_check_free(const char *s, size_t n, int multiline, long *pos, uint32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    long chars = 0;
    for (size_t i = 0; i < n;) {
        if (n - i >= 8 && ascii8_printable(p + i)) { i += 8; chars += 8; continue; }
        size_t at = i;
        uint32_t c = text_utf8_next(s, n, &i);
        chars++;
        text_free why = c == 0xFFFDu && i == at + 1 ? TEXT_FREE_UTF8 : free_char(c, multiline);
        if (why == TEXT_FREE_OK) continue;
        if (pos) *pos = chars;
        if (cp) *cp = why == TEXT_FREE_UTF8 ? p[at] : c;
        return why;
    }
    return TEXT_FREE_OK;
}

int text_clean(const char *s, size_t n, const char *repl, lt_buf *out) {
    size_t start = out->len, from = 0;
    int rc = LT_OK;
    for (size_t i = 0; i < n && rc == LT_OK;) {
        size_t at = i;
        uint32_t c = text_utf8_next(s, n, &i);
        int invalid = c == 0xFFFDu && i == at + 1;   /* (U+FFFD itself is 3 bytes) */
        if (!invalid && free_char(c, 1) == TEXT_FREE_OK) continue;
        rc = lt_buf_append(out, s + from, at - from);
        if (rc == LT_OK) rc = lt_buf_puts(out, repl);
        from = i;
    }
    if (rc == LT_OK) rc = lt_buf_append(out, s + from, n - from);
    if (rc == LT_OK && !out->p) rc = lt_buf_puts(out, "");
    if (rc) {
        out->len = start;
        if (out->p) out->p[start] = 0;
        return LT_ENOMEM;
    }
    return LT_OK;
}
