/*
** legacy.c — the legacy Vietnamese encodings offices still send us:
** Windows-1258 and TCVN3 ("ABC", glibc's TCVN5712-1) through iconv, and
** VNI-Windows (base letter followed by a mark byte) through our own table;
** plus detection of which one a file is in, by how Vietnamese the text
** reads when decoded each way.  Decoded text is always NFC UTF-8.
*/
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <unicode/uchar.h>

#define BAD_CP 0xFFFDu
#define NFC_CHUNK ((size_t)1 << 20)

/* ---- the Vietnamese letters ------------------------------------------- */
/* The 12 vowels (a ă â e ê i o ô ơ u ư y) with the 6 tones (none, sắc,
** huyền, hỏi, ngã, nặng): lowercase code points.  Uppercase is -0x20 below
** U+0100 and -1 above (checked by the unit test's round trips). */
enum { V_A, V_AB, V_AC, V_E, V_EC, V_I, V_O, V_OC, V_OH, V_U, V_UH, V_Y, NVOWEL };
static const uint16_t vi_lower[NVOWEL][6] = {
    {0x0061, 0x00E1, 0x00E0, 0x1EA3, 0x00E3, 0x1EA1},
    {0x0103, 0x1EAF, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EB7},
    {0x00E2, 0x1EA5, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EAD},
    {0x0065, 0x00E9, 0x00E8, 0x1EBB, 0x1EBD, 0x1EB9},
    {0x00EA, 0x1EBF, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EC7},
    {0x0069, 0x00ED, 0x00EC, 0x1EC9, 0x0129, 0x1ECB},
    {0x006F, 0x00F3, 0x00F2, 0x1ECF, 0x00F5, 0x1ECD},
    {0x00F4, 0x1ED1, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED9},
    {0x01A1, 0x1EDB, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EE3},
    {0x0075, 0x00FA, 0x00F9, 0x1EE7, 0x0169, 0x1EE5},
    {0x01B0, 0x1EE9, 0x1EEB, 0x1EED, 0x1EEF, 0x1EF1},
    {0x0079, 0x00FD, 0x1EF3, 0x1EF7, 0x1EF9, 0x1EF5},
};
/* One character per vowel, used to spell a syllable's nucleus. */
static const char vowel_code[NVOWEL + 1] = "aABeEioOPuUy";
/* Combining tone marks in tone order (index 0 unused). */
static const uint16_t tone_mark[6] = {0, 0x0301, 0x0300, 0x0309, 0x0303, 0x0323};

/* Code point of vowel v with tone t, upper case if up. */
static uint32_t vi_cp(int v, int t, int up) {
    uint32_t c = vi_lower[v][t];
    if (up) c -= c < 0x100 ? 0x20 : 1;
    return c;
}

/* ---- tables built once ---------------------------------------------- */
/* vowel lookup: cp -> 1 + up*72 + v*6 + t (0 = not a vowel letter). */
static uint8_t vow_lo[0x1B1];
static uint8_t vow_hi[0x60];          /* U+1EA0..U+1EFF */
static uint32_t byte_cp[2][256];      /* CP1258, TCVN3 byte -> cp (scoring) */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

/* Decode one byte with cd to a code point (BAD_CP if undefined). */
static uint32_t iconv_byte(iconv_t cd, unsigned char b) {
    unsigned char o[16];
    char *in = (char *)&b, *op = (char *)o;
    size_t il = 1, ol = sizeof o;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &in, &il, &op, &ol) == (size_t)-1) return BAD_CP;
    if (iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) return BAD_CP;
    if (sizeof o - ol < 4) return BAD_CP;
    return (uint32_t)o[0] | (uint32_t)o[1] << 8 | (uint32_t)o[2] << 16 |
           (uint32_t)o[3] << 24;
}

/* Fill the byte table of one iconv encoding (all BAD_CP if unavailable). */
static void fill_byte_table(uint32_t *tab, const char *name) {
    iconv_t cd = iconv_open("UTF-32LE", name);
    for (int b = 0; b < 256; b++)
        tab[b] = cd == (iconv_t)-1 ? (b < 0x80 ? (uint32_t)b : BAD_CP)
                                   : iconv_byte(cd, (unsigned char)b);
    if (cd != (iconv_t)-1) iconv_close(cd);
}

/* Build the lookup tables (once per process). */
static void tables_init(void) {
    for (int up = 0; up < 2; up++)
        for (int v = 0; v < NVOWEL; v++)
            for (int t = 0; t < 6; t++) {
                uint32_t c = vi_cp(v, t, up);
                uint8_t val = (uint8_t)(1 + up * 72 + v * 6 + t);
                if (c < sizeof vow_lo) vow_lo[c] = val;
                else if (c >= 0x1EA0 && c < 0x1F00) vow_hi[c - 0x1EA0] = val;
            }
    fill_byte_table(byte_cp[0], "WINDOWS-1258");
    fill_byte_table(byte_cp[1], "TCVN5712-1");
}

/* If c is a Vietnamese vowel letter set *v, *t, *up and return 1. */
static int vi_vowel(uint32_t c, int *v, int *t, int *up) {
    unsigned val = 0;
    if (c < sizeof vow_lo) val = vow_lo[c];
    else if (c >= 0x1EA0 && c < 0x1F00) val = vow_hi[c - 0x1EA0];
    if (!val) return 0;
    val--;
    *up = val >= 72;
    val %= 72;
    *v = (int)(val / 6);
    *t = (int)(val % 6);
    return 1;
}

/* Tone of a combining tone mark, or 0. */
static int tone_of_mark(uint32_t c) {
    for (int t = 1; t < 6; t++)
        if (tone_mark[t] == c) return t;
    return 0;
}

/* ---- small helpers -------------------------------------------------- */
/* Append code point c as UTF-8. */
static int put_cp(lt_buf *b, uint32_t c) {
    char t[4];
    size_t k;
    if (c < 0x80) { t[0] = (char)c; k = 1; }
    else if (c < 0x800) {
        t[0] = (char)(0xC0 | c >> 6); t[1] = (char)(0x80 | (c & 0x3F)); k = 2;
    } else if (c < 0x10000) {
        t[0] = (char)(0xE0 | c >> 12); t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[2] = (char)(0x80 | (c & 0x3F)); k = 3;
    } else {
        t[0] = (char)(0xF0 | c >> 18); t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3F)); t[3] = (char)(0x80 | (c & 0x3F));
        k = 4;
    }
    return lt_buf_append(b, t, k);
}

/* Line and column (1-based) of byte pos; the column counts characters
** when utf8, bytes otherwise. */
static void line_col(const char *s, size_t pos, int utf8, long *line, long *col) {
    long ln = 1, cl = 1;
    for (size_t i = 0; i < pos; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') { ln++; cl = 1; }
        else if (!utf8 || (c & 0xC0) != 0x80) cl++;
    }
    *line = ln;
    *col = cl;
}

/* NFC of valid UTF-8 in pieces split after newlines (NFC never reaches
** across a newline), so big files stay under ICU's bounds. */
static int nfc_chunks(const char *s, size_t n, lt_buf *out) {
    size_t i = 0;
    while (i < n) {
        size_t end = n;
        if (n - i > NFC_CHUNK) {
            const char *nl = memrchr(s + i, '\n', NFC_CHUNK);
            if (!nl) nl = memchr(s + i + NFC_CHUNK, '\n', n - i - NFC_CHUNK);
            if (nl) end = (size_t)(nl - s) + 1;
        }
        int rc = text_nfc(s + i, end - i, out);
        if (rc) return rc;
        i = end;
    }
    return LT_OK;
}

/* ---- names ------------------------------------------------------------- */
/* Name for messages and --encoding. */
const char *text_enc_name(text_enc enc) {
    switch (enc) {
    case TEXT_ENC_UTF8: return "utf-8";
    case TEXT_ENC_CP1258: return "cp1258";
    case TEXT_ENC_TCVN3: return "tcvn3";
    case TEXT_ENC_VNI: return "vni";
    default: return "unknown";
    }
}

/* Parse an --encoding value, case-insensitively, with aliases. */
text_enc text_enc_parse(const char *name) {
    static const struct { const char *n; text_enc e; } al[] = {
        {"utf-8", TEXT_ENC_UTF8}, {"utf8", TEXT_ENC_UTF8},
        {"cp1258", TEXT_ENC_CP1258}, {"windows-1258", TEXT_ENC_CP1258},
        {"win1258", TEXT_ENC_CP1258}, {"tcvn3", TEXT_ENC_TCVN3},
        {"tcvn", TEXT_ENC_TCVN3}, {"abc", TEXT_ENC_TCVN3},
        {"tcvn5712", TEXT_ENC_TCVN3}, {"vni", TEXT_ENC_VNI},
        {"vni-windows", TEXT_ENC_VNI},
    };
    if (!name) return TEXT_ENC_UNKNOWN;
    for (size_t i = 0; i < LT_ARRAY_LEN(al); i++)
        if (!strcasecmp(name, al[i].n)) return al[i].e;
    return TEXT_ENC_UNKNOWN;
}

/* ---- VNI ------------------------------------------------------------- */
/* Lowercase mark bytes by tone (uppercase forms are 0x20 lower): plain
** tone marks, circumflex+tone (â ê ô), breve+tone (ă), single-byte i and
** ỵ.  đ is 0xF1, ơ 0xF4, ư 0xF6. */
static const uint8_t vni_tone[6] = {0, 0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
static const uint8_t vni_circ[6] = {0xE2, 0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
static const uint8_t vni_breve[6] = {0xEA, 0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
static const uint8_t vni_i[6] = {'i', 0xED, 0xEC, 0xE6, 0xF3, 0xF2};
/* Windows-1252 0x80..0x9F (VNI fonts keep the ANSI punctuation). */
static const uint16_t cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/* Index of b in a 6-entry mark table (either case), or -1. */
static int mark_index(const uint8_t *tab, unsigned char b, int from) {
    for (int t = from; t < 6; t++)
        if (tab[t] == b || (tab[t] >= 0xE0 && tab[t] - 0x20 == b)) return t;
    return -1;
}

/* The base vowel a VNI byte starts (ASCII vowel, ơ, ư, single-byte i
** forms, ỵ): sets *v, *t, *up and returns 1. */
static int vni_base(unsigned char b, int *v, int *t, int *up) {
    static const char asc[] = "aeiouy";
    static const int asc_v[] = {V_A, V_E, V_I, V_O, V_U, V_Y};
    *up = b < 0x80 ? (b >= 'A' && b <= 'Z') : b < 0xE0;
    unsigned char lo = b < 0x80 ? (unsigned char)(b | 0x20)
                    : b >= 0xC0 && b < 0xE0 ? (unsigned char)(b + 0x20) : b;
    *t = 0;
    const char *p = lo < 0x80 && lo ? strchr(asc, lo) : NULL;
    if (p) { *v = asc_v[p - asc]; return 1; }
    if (lo == 0xF4) { *v = V_OH; return 1; }
    if (lo == 0xF6) { *v = V_UH; return 1; }
    if (lo == 0xEE) { *v = V_Y; *t = 5; return 1; }
    int ti = b >= 0xC0 ? mark_index(vni_i, lo, 1) : -1;
    if (ti > 0) { *v = V_I; *t = ti; return 1; }
    return 0;
}

/* Apply the mark byte m to vowel *v (tone *t); 1 if m belongs to it. */
static int vni_apply(unsigned char m, int *v, int *t) {
    if (*t) return 0;
    int k = mark_index(vni_tone, m, 1);
    if (k > 0) { *t = k; return 1; }
    if (*v == V_A || *v == V_E || *v == V_O) {
        k = mark_index(vni_circ, m, 0);
        if (k >= 0) { *v = *v == V_A ? V_AC : *v == V_E ? V_EC : V_OC; *t = k; return 1; }
    }
    if (*v == V_A && (k = mark_index(vni_breve, m, 0)) >= 0) {
        *v = V_AB;
        *t = k;
        return 1;
    }
    return 0;
}

/* A byte that is only ever a mark in VNI (never a letter on its own). */
static int vni_is_mark(unsigned char b) {
    return mark_index(vni_tone, b, 1) > 0 || mark_index(vni_circ, b, 0) >= 0 ||
           mark_index(vni_breve, b, 0) >= 0;
}

/* Decode the VNI unit at s[i] (a letter with its marks, or one byte):
** sets *c (BAD_CP for a stray mark or an undefined byte), returns bytes
** used (1..3).  i < n. */
static size_t vni_next(const unsigned char *s, size_t n, size_t i, uint32_t *c) {
    unsigned char b = s[i];
    int v, t, up;
    if (vni_base(b, &v, &t, &up)) {
        size_t k = 1;
        /* one mark, or leniently circumflex/breve then a separate tone */
        while (k < 3 && i + k < n && vni_apply(s[i + k], &v, &t)) k++;
        *c = vi_cp(v, t, up);
        return k;
    }
    if (b < 0x80) *c = b;
    else if (b == 0xF1 || b == 0xD1) *c = b == 0xF1 ? 0x0111 : 0x0110;
    else if (b < 0xA0) *c = cp1252_hi[b - 0x80] ? cp1252_hi[b - 0x80] : BAD_CP;
    else *c = vni_is_mark(b) ? BAD_CP : b;   /* unused bytes: Latin-1 */
    return 1;
}

/* VNI bytes for code point c into o (at most 2); returns count, 0 if c
** has no VNI form. */
static size_t vni_put(uint32_t c, unsigned char *o) {
    int v, t, up;
    if (c < 0x80) { o[0] = (unsigned char)c; return 1; }
    if (c == 0x0111 || c == 0x0110) { o[0] = c == 0x0111 ? 0xF1 : 0xD1; return 1; }
    if (vi_vowel(c, &v, &t, &up)) {
        unsigned char sh = up ? 0x20 : 0, base = (unsigned char)"aaaeeiooouuy"[v];
        if (up) base = (unsigned char)(base - 0x20);
        if (v == V_I) { o[0] = t ? (unsigned char)(vni_i[t] - sh) : base; return 1; }
        if (v == V_Y && t == 5) { o[0] = (unsigned char)(0xEE - sh); return 1; }
        if (v == V_OH || v == V_UH) base = (unsigned char)((v == V_OH ? 0xF4 : 0xF6) - sh);
        o[0] = base;
        const uint8_t *tab = v == V_AC || v == V_EC || v == V_OC ? vni_circ
                           : v == V_AB ? vni_breve : vni_tone;
        if (tab == vni_tone && !t) return 1;
        o[1] = (unsigned char)(tab[t] - sh);
        return 2;
    }
    for (unsigned b = 0; b < 32; b++)
        if (cp1252_hi[b] == c) { o[0] = (unsigned char)(0x80 + b); return 1; }
    if (c >= 0xA0 && c <= 0xFF && !vni_is_mark((unsigned char)c) &&
        c != 0xD1 && c != 0xF1 && !vni_base((unsigned char)c, &v, &t, &up)) {
        o[0] = (unsigned char)c;
        return 1;
    }
    return 0;
}

/* ---- decoding and encoding ------------------------------------------ */
/* iconv the whole of s[0..n) from `from` to `to`, appending to out.  On a
** byte it cannot convert sets *bad to its offset and returns LT_EINPUT;
** LT_EIO if the converter is missing. */
static int iconv_all(const char *to, const char *from, const char *s, size_t n,
                     lt_buf *out, size_t *bad) {
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1) return LT_EIO;
    char *in = (char *)s, tmp[4096];
    size_t inleft = n;
    int rc = LT_OK, flushing = 0;
    for (;;) {
        char *op = tmp;
        size_t ol = sizeof tmp;
        size_t r = flushing ? iconv(cd, NULL, NULL, &op, &ol)
                            : iconv(cd, &in, &inleft, &op, &ol);
        int err = r == (size_t)-1 ? errno : 0;
        if (lt_buf_append(out, tmp, sizeof tmp - ol)) { rc = LT_ENOMEM; break; }
        if (err == E2BIG) continue;
        if (err) { *bad = n - inleft; rc = LT_EINPUT; break; }
        if (flushing) break;
        flushing = 1;
    }
    iconv_close(cd);
    return rc;
}

/* The iconv name of an iconv-backed encoding. */
static const char *iconv_name(text_enc enc) {
    return enc == TEXT_ENC_CP1258 ? "WINDOWS-1258" : "TCVN5712-1";
}

/* Fill e for a byte of s at pos that cannot be decoded from enc. */
static int bad_byte(lt_err *e, text_enc enc, const char *s, size_t pos) {
    long ln, cl;
    line_col(s, pos, 0, &ln, &cl);
    if (enc == TEXT_ENC_VNI && vni_is_mark((unsigned char)s[pos]))
        return lt_err_set(e, LT_EINPUT,
                          "byte dấu 0x%02X của VNI không đứng sau nguyên âm: dòng %ld, cột %ld",
                          "VNI mark byte 0x%02X does not follow a vowel: line %ld, column %ld",
                          (unsigned char)s[pos], ln, cl);
    return lt_err_set(e, LT_EINPUT,
                      "byte 0x%02X không hợp lệ trong bảng mã %s: dòng %ld, cột %ld",
                      "byte 0x%02X is not valid %s: line %ld, column %ld",
                      (unsigned char)s[pos], text_enc_name(enc), ln, cl);
}

/* Decode VNI s[0..n) to UTF-8 (not yet NFC) in out; *bad on failure. */
static int vni_decode(const char *s, size_t n, lt_buf *out, size_t *bad) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        uint32_t c;
        size_t k = vni_next(p, n, i, &c);
        if (c == BAD_CP) { *bad = i; return LT_EINPUT; }
        if (put_cp(out, c)) return LT_ENOMEM;
        i += k;
    }
    return LT_OK;
}

/* Decode a legacy (single-byte based) s[0..n) into tmp, not yet NFC. */
static int legacy_decode(text_enc enc, const char *s, size_t n, lt_buf *tmp,
                         lt_err *e) {
    const char *nul = memchr(s, 0, n);
    if (nul) return bad_byte(e, enc, s, (size_t)(nul - s));
    size_t bad = 0;
    int rc = enc == TEXT_ENC_VNI ? vni_decode(s, n, tmp, &bad)
                                 : iconv_all("UTF-8", iconv_name(enc), s, n, tmp, &bad);
    if (rc == LT_EINPUT) return bad_byte(e, enc, s, bad < n ? bad : n - 1);
    if (rc == LT_EIO)
        return lt_err_set(e, LT_EIO, "hệ thống thiếu bộ chuyển mã %s",
                          "the system lacks the %s converter", iconv_name(enc));
    if (rc) return lt_err_set(e, rc, "văn bản quá lớn", "text too large");
    return LT_OK;
}

/* Fill e for invalid UTF-8 in s[0..n). */
static int bad_utf8(lt_err *e, const char *s, size_t n) {
    long ln = 0, cl = 0;
    text_utf8_check(s, n, &ln, &cl);
    return lt_err_set(e, LT_EINPUT, "tệp không phải UTF-8 hợp lệ: dòng %ld, cột %ld",
                      "not valid UTF-8: line %ld, column %ld", ln, cl);
}

/* Decode s[0..n) from enc to NFC UTF-8 appended to out (unchanged on
** failure). */
int text_decode(text_enc enc, const char *s, size_t n, lt_buf *out, lt_err *e) {
    size_t start = out->len;
    int rc;
    if (!s) n = 0;
    if (enc == TEXT_ENC_UTF8) {
        if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) { s += 3; n -= 3; }
        rc = nfc_chunks(s, n, out);   /* which checks each piece is UTF-8 */
        if (rc && text_utf8_check(s, n, NULL, NULL)) {
            out->len = start;
            if (out->p) out->p[start] = 0;
            return bad_utf8(e, s, n);
        }
    } else if (enc == TEXT_ENC_CP1258 || enc == TEXT_ENC_TCVN3 || enc == TEXT_ENC_VNI) {
        lt_buf tmp;
        lt_buf_init(&tmp, out->max);
        rc = n ? legacy_decode(enc, s, n, &tmp, e) : LT_OK;
        if (rc) { lt_buf_free(&tmp); return rc; }
        rc = nfc_chunks(tmp.p, tmp.len, out);
        lt_buf_free(&tmp);
    } else {
        return lt_err_set(e, LT_EUSAGE, "bảng mã không rõ", "unknown encoding");
    }
    if (rc) {
        out->len = start;
        if (out->p) out->p[start] = 0;
        return lt_err_set(e, rc == LT_ENOMEM ? LT_ENOMEM : LT_EINPUT,
                          "không chuẩn hoá được văn bản (quá lớn?)",
                          "could not normalise the text (too large?)");
    }
    return LT_OK;
}

/* Fill e for the character at pos of UTF-8 u that enc cannot hold. */
static int no_mapping(lt_err *e, text_enc enc, const char *u, size_t n, size_t pos) {
    long ln, cl;
    size_t i = pos < n ? pos : n;
    line_col(u, i, 1, &ln, &cl);
    uint32_t c = i < n ? text_utf8_next(u, n, &i) : 0;
    return lt_err_set(e, LT_EINPUT,
                      "ký tự U+%04X (dòng %ld, cột %ld) không có trong bảng mã %s",
                      "character U+%04X (line %ld, column %ld) has no mapping in %s",
                      (unsigned)c, ln, cl, text_enc_name(enc));
}

/* Encode NFC UTF-8 u[0..n) to VNI; *bad is the offset of an unmappable
** character. */
static int vni_encode(const char *u, size_t n, lt_buf *out, size_t *bad) {
    size_t i = 0;
    while (i < n) {
        size_t at = i;
        unsigned char o[2];
        size_t k = vni_put(text_utf8_next(u, n, &i), o);
        if (!k) { *bad = at; return LT_EINPUT; }
        if (lt_buf_append(out, o, k)) return LT_ENOMEM;
    }
    return LT_OK;
}

/* Encode valid UTF-8 s[0..n) into enc, appended to out (unchanged on
** failure). */
int text_encode(text_enc enc, const char *s, size_t n, lt_buf *out, lt_err *e) {
    if (!s) n = 0;
    if (enc < TEXT_ENC_UTF8 || enc > TEXT_ENC_VNI)
        return lt_err_set(e, LT_EUSAGE, "bảng mã không rõ", "unknown encoding");
    if (text_utf8_check(s, n, NULL, NULL)) return bad_utf8(e, s, n);
    pthread_once(&tables_once, tables_init);
    size_t start = out->len, bad = 0;
    lt_buf u;
    lt_buf_init(&u, 0);
    int rc = nfc_chunks(s, n, &u);
    if (!rc && enc == TEXT_ENC_UTF8) rc = lt_buf_append(out, u.p, u.len);
    else if (!rc && enc == TEXT_ENC_VNI) rc = vni_encode(u.p, u.len, out, &bad);
    else if (!rc) rc = iconv_all(iconv_name(enc), "UTF-8", u.p, u.len, out, &bad);
    if (rc) {
        out->len = start;
        if (out->p) out->p[start] = 0;
        if (rc == LT_EINPUT) rc = no_mapping(e, enc, u.p, u.len, bad);
        else if (rc == LT_EIO)
            rc = lt_err_set(e, LT_EIO, "hệ thống thiếu bộ chuyển mã %s",
                            "the system lacks the %s converter", iconv_name(enc));
        else rc = lt_err_set(e, rc, "văn bản quá lớn", "text too large");
    }
    lt_buf_free(&u);
    return rc;
}

/* ---- detection ----------------------------------------------------- */
/* How Vietnamese one decoding reads: words holding non-ASCII letters that
** are good syllables, that are Vietnamese letters but odd syllables
** (weak), and words or symbols that no Vietnamese text has (bad). */
typedef struct { long good, weak, bad; } enc_score;

/* The word being read: one code per letter (vowel_code for vowels, the
** ASCII consonant, 'D' for đ). */
typedef struct {
    char code[16];
    int len, tones, nup, first_up, nonascii, bad, toolong;
} word;

/* Is s[0..n) one of the NUL-separated strings in list (ending "\0\0")? */
static int in_list(const char *list, const char *s, size_t n) {
    for (const char *p = list; *p; p += strlen(p) + 1)
        if (strlen(p) == n && !memcmp(p, s, n)) return 1;
    return 0;
}

static const char initials[] =
    "b\0c\0ch\0d\0D\0g\0gh\0gi\0h\0k\0kh\0l\0m\0n\0ng\0ngh\0nh\0p\0ph\0"
    "qu\0r\0s\0t\0th\0tr\0v\0x\0";
static const char finals[] = "c\0ch\0m\0n\0ng\0nh\0p\0t\0";
/* Nuclei spelt with vowel_code: a ă=A â=B e ê=E i o ô=O ơ=P u ư=U y. */
static const char nuclei[] =
    "a\0A\0B\0e\0E\0i\0o\0O\0P\0u\0U\0y\0"
    "ai\0ao\0au\0ay\0Bu\0By\0eo\0Eu\0ia\0iE\0iu\0oa\0oA\0oe\0oi\0oo\0Oi\0"
    "Pi\0ua\0uB\0uE\0ui\0uO\0uP\0uy\0Ua\0Ui\0UP\0Uu\0yE\0"
    "iEu\0oai\0oay\0oeo\0uBy\0uOi\0UPi\0UPu\0uyE\0uya\0uyu\0yEu\0";

/* Is c a vowel code? */
static int is_vcode(char c) { return c && strchr(vowel_code, c) != NULL; }

/* Does initial w[0..a), nucleus w[a..b), final w[b..len) spell a
** Vietnamese syllable? */
static int syl_parts_ok(const char *w, int a, int b, int len) {
    return (a == 0 || in_list(initials, w, (size_t)a)) && b > a &&
           in_list(nuclei, w + a, (size_t)(b - a)) &&
           (b == len || in_list(finals, w + b, (size_t)(len - b)));
}

/* Is the word a plausible Vietnamese syllable (initial, nucleus, final)? */
static int syl_ok(const char *w, int len) {
    int a = 0, b;
    while (a < len && !is_vcode(w[a])) a++;
    b = a;
    while (b < len && is_vcode(w[b])) b++;
    for (int k = b; k < len; k++)
        if (is_vcode(w[k])) return 0;
    if (a == 1 && w[0] == 'q' && b - a >= 2 && w[1] == 'u') a = 2;  /* qu */
    if (a == 1 && w[0] == 'g' && b - a >= 2 && w[1] == 'i' &&
        syl_parts_ok(w, 2, b, len))                                  /* gi */
        return 1;
    return syl_parts_ok(w, a, b, len);
}

/* End the current word, scoring it if it held non-ASCII letters. */
static void word_end(word *w, enc_score *sc) {
    if (w->nonascii) {
        int case_ok = w->nup == 0 || w->nup == w->len || (w->nup == 1 && w->first_up);
        if (w->bad || w->tones > 1 || !case_ok) sc->bad++;
        else if (w->toolong || !syl_ok(w->code, w->len)) sc->weak++;
        else sc->good++;
    }
    memset(w, 0, sizeof *w);
}

/* Add a letter with code ch to the word (a word longer than code[] is
** only marked as too long). */
static void word_add(word *w, char ch, int up, int nonascii) {
    w->nonascii |= nonascii;
    if (w->len >= (int)sizeof w->code) { w->toolong = 1; return; }
    if (up) { w->nup++; if (w->len == 0) w->first_up = 1; }
    w->code[w->len++] = ch;
}

/* Non-ASCII characters that are ordinary in Vietnamese text but not
** letters: quotes, dashes, ellipsis, bullet, NBSP, «», °, ₫. */
static int neutral(uint32_t c) {
    static const uint16_t ok[] = {0x00A0, 0x00AB, 0x00BB, 0x00B0, 0x2013, 0x2014,
                                  0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2022,
                                  0x20AB};
    for (size_t i = 0; i < LT_ARRAY_LEN(ok); i++)
        if (ok[i] == c) return 1;
    return 0;
}

/* Feed one decoded character to the scorer. */
static void feed(word *w, enc_score *sc, uint32_t c) {
    int v, t, up;
    int tm = tone_of_mark(c);
    if (tm) {
        if (w->len > 0 && !w->toolong && is_vcode(w->code[w->len - 1]))
            w->tones++;
        else
            w->bad = 1;
        w->nonascii = 1;
        if (w->len == 0) { sc->bad++; memset(w, 0, sizeof *w); }
    } else if (vi_vowel(c, &v, &t, &up)) {
        word_add(w, vowel_code[v], up, c >= 0x80);
        if (t) w->tones++;
    } else if (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        word_add(w, (char)(c | 0x20), c < 'a', 0);
    } else if (c == 0x0111 || c == 0x0110) {
        word_add(w, 'D', c == 0x0110, 1);
    } else if (c >= 0x80 && c != BAD_CP && u_isalpha((UChar32)c)) {
        word_add(w, '?', u_isupper((UChar32)c), 1);
        w->bad = 1;
    } else {
        word_end(w, sc);
        if (c == BAD_CP || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ||
            (c >= 0x7F && !neutral(c)))
            sc->bad++;
    }
}

/* Score s[0..n) read as enc. */
static void score_enc(text_enc enc, const unsigned char *s, size_t n, enc_score *sc) {
    word w;
    memset(&w, 0, sizeof w);
    memset(sc, 0, sizeof *sc);
    const uint32_t *tab = enc == TEXT_ENC_CP1258 ? byte_cp[0] : byte_cp[1];
    for (size_t i = 0; i < n;) {
        uint32_t c;
        if (enc == TEXT_ENC_VNI) i += vni_next(s, n, i, &c);
        else c = tab[s[i++]];
        feed(&w, sc, c);
    }
    word_end(&w, sc);
}

/* One number for a score: good words count, odd and bad ones count
** against. */
static long score_value(const enc_score *sc) {
    return 2 * sc->good - sc->weak - 4 * sc->bad;
}

/* Count non-ASCII bytes in valid UTF-8 sequences and invalid bytes. */
static void utf8_counts(const unsigned char *s, size_t n, size_t *ok, size_t *bad) {
    *ok = *bad = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) { i++; continue; }
        long ln, cl;
        size_t k = s[i] < 0xE0 ? 2 : s[i] < 0xF0 ? 3 : 4;
        if (k <= n - i && !text_utf8_check((const char *)s + i, k, &ln, &cl)) {
            (*ok)++;
            i += k;
        } else {
            (*bad)++;
            i++;
        }
    }
}

/* Guess the encoding of s[0..n); *sure is 1 only when the evidence is
** clear. */
text_enc text_enc_detect(const char *s, size_t n, int *sure) {
    int dummy;
    if (!sure) sure = &dummy;
    *sure = 1;
    if (!s || n == 0) return TEXT_ENC_UTF8;
    const unsigned char *p = (const unsigned char *)s;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) return TEXT_ENC_UTF8;
    if (!text_utf8_check(s, n, NULL, NULL)) return TEXT_ENC_UTF8;
    pthread_once(&tables_once, tables_init);
    static const text_enc cand[3] = {TEXT_ENC_CP1258, TEXT_ENC_TCVN3, TEXT_ENC_VNI};
    enc_score sc[3];
    long val[3];
    int best = 0, second = -1;
    for (int k = 0; k < 3; k++) {
        score_enc(cand[k], p, n, &sc[k]);
        val[k] = score_value(&sc[k]);
        if (val[k] > val[best]) best = k;
    }
    for (int k = 0; k < 3; k++)
        if (k != best && (second < 0 || val[k] > val[second])) second = k;
    const enc_score *b = &sc[best];
    int legacy_sure = b->good >= 3 && 10 * b->bad <= b->good && b->weak <= b->good &&
                      val[second] * 2 < val[best];
    size_t u_ok, u_bad;
    utf8_counts(p, n, &u_ok, &u_bad);
    /* UTF-8 but for some bad bytes: its valid multibyte characters
    ** outnumber the words the best legacy reading makes Vietnamese and
    ** the bad bytes four to one; or, when no legacy reading is clearly
    ** Vietnamese, there are some and at least as many as the bad bytes (a
    ** legacy file has almost none: its letters are bytes that UTF-8 reads
    ** as bad), or no legacy reading makes any word Vietnamese at all.
    ** Sure: the caller names each bad byte rather than ask. */
    if ((u_ok >= 4 * u_bad && u_ok >= (size_t)b->good) ||
        (u_ok > 0 && !legacy_sure && (u_ok >= u_bad || b->good == 0)))
        return TEXT_ENC_UTF8;
    *sure = legacy_sure;
    return cand[best];
}
