/*
** norm.c — NFC normalisation, the diacritic-insensitive search fold and
** Vietnamese collation, over ICU.  Everything stored is NFC; search keys
** are folded ("Sơn Định" -> "son dinh"; SQLite's remove_diacritics leaves
** đ alone, so the fold is ours).
*/
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#define TEXT_MAX_CHARS (1 << 24)

/* UTF-8 -> freshly allocated UTF-16 (given); NULL on invalid input, or
** with *outlen -1 when memory ran out. */
static UChar *to_u16(const char *s, size_t n, int32_t *outlen) {
    *outlen = 0;
    if (n > TEXT_MAX_CHARS) return NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = 0;
    u_strFromUTF8(NULL, 0, &len, s, (int32_t)n, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) return NULL;
    st = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)len + 1) * sizeof(UChar));
    if (!u) { *outlen = -1; return NULL; }
    u_strFromUTF8(u, len + 1, NULL, s, (int32_t)n, &st);
    if (U_FAILURE(st)) { free(u); return NULL; }
    *outlen = len;
    return u;
}

/* Append UTF-16 u[0..n) to out as UTF-8. */
static int append_u16(lt_buf *out, const UChar *u, int32_t n) {
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U16_NEXT(u, i, n, c);
        char tmp[4];
        int32_t k = 0;
        UBool err = 0;
        U8_APPEND((uint8_t *)tmp, k, 4, c, err);
        if (err) continue;
        int rc = lt_buf_append(out, tmp, (size_t)k);
        if (rc) return rc;
    }
    return LT_OK;
}

/* Why to_u16 or normalize gave NULL: invalid text, or no memory. */
static int u16_failure(int32_t outlen) { return outlen == -1 ? LT_EOOM : LT_EINPUT; }

/* Is c a combining mark (what the search fold and text_strip_marks drop)? */
static int is_mark(UChar32 c) {
    int8_t cat = (int8_t)u_charType(c);
    return cat == U_NON_SPACING_MARK || cat == U_COMBINING_SPACING_MARK || cat == U_ENCLOSING_MARK;
}

/* Append code point c as UTF-8 (no allocation beyond out's). */
static int append_cp(lt_buf *out, UChar32 c) {
    char tmp[4];
    int32_t k = 0;
    UBool err = 0;
    U8_APPEND((uint8_t *)tmp, k, 4, c, err);
    return err ? LT_OK : lt_buf_append(out, tmp, (size_t)k);
}

/* Normalise with the given normaliser; result given (UTF-16); NULL on
** failure, with *outlen -1 when memory ran out. */
static UChar *normalize(const UNormalizer2 *nz, const UChar *u, int32_t n, int32_t *outlen) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t cap = n * 3 + 16;
    *outlen = -1;
    UChar *r = malloc((size_t)cap * sizeof(UChar));
    if (!r) return NULL;
    *outlen = 0;
    int32_t len = unorm2_normalize(nz, u, n, r, cap, &st);
    if (U_FAILURE(st)) { free(r); return NULL; }
    *outlen = len;
    return r;
}

/* Code points below NFC_TABLE that leave any text they are in NFC as it
** is (NFC quick check "yes" and no combining class), from ICU once. */
#define NFC_TABLE 0x2000
static unsigned char nfc_plain[NFC_TABLE];
static pthread_once_t nfc_once = PTHREAD_ONCE_INIT;

static void nfc_table_init(void) {
    for (UChar32 c = 0; c < NFC_TABLE; c++)
        nfc_plain[c] = u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES &&
                       u_getCombiningClass(c) == 0;
}

/* Is valid UTF-8 s certainly NFC already?  (Vietnamese typed with
** precomposed letters always is; anything unsure goes through ICU.) */
static int nfc_already(const char *s, size_t n) {
    pthread_once(&nfc_once, nfc_table_init);
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, n, c);
        if (c < 0 || c >= NFC_TABLE || !nfc_plain[c]) return 0;
    }
    return 1;
}

int text_is_nfc(const char *s, size_t n) {
    return !text_utf8_check(s, n, NULL, NULL) && nfc_already(s, n);
}

int text_nfc(const char *s, size_t n, lt_buf *out) {
    if (text_utf8_check(s, n, NULL, NULL)) return LT_EINPUT;
    if (nfc_already(s, n)) return lt_buf_append(out, s, n);
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st)) return LT_EINPUT;
    int32_t ulen, rlen;
    UChar *u = to_u16(s, n, &ulen);
    if (!u) return u16_failure(ulen);
    UChar *r = normalize(nfc, u, ulen, &rlen);
    free(u);
    if (!r) return u16_failure(rlen);
    int rc = append_u16(out, r, rlen);
    free(r);
    return rc;
}

char *text_nfc_dup(const char *s) {
    lt_buf b;
    lt_buf_init(&b, 0);
    if (text_nfc(s, strlen(s), &b)) { lt_buf_free(&b); return NULL; }
    return lt_buf_take(&b);
}

int text_fold_icu(const char *s, size_t n, lt_buf *out) {
    if (text_utf8_check(s, n, NULL, NULL)) return LT_EINPUT;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st)) return LT_EINPUT;
    int32_t ulen, rlen;
    UChar *u = to_u16(s, n, &ulen);
    if (!u) return u16_failure(ulen);
    UChar *r = normalize(nfd, u, ulen, &rlen);
    free(u);
    if (!r) return u16_failure(rlen);
    int rc = LT_OK, pending_space = 0, any = 0;
    for (int32_t i = 0; i < rlen && rc == LT_OK;) {
        UChar32 c;
        U16_NEXT(r, i, rlen, c);
        if (is_mark(c)) continue;
        if (u_isUWhiteSpace(c)) { pending_space = any; continue; }
        if (c == 0x0111 || c == 0x0110) c = 'd';
        c = u_tolower(c);
        if (pending_space) { rc = lt_buf_putc(out, ' '); pending_space = 0; }
        UChar one[2];
        int32_t k = 0;
        U16_APPEND_UNSAFE(one, k, c);
        if (rc == LT_OK) rc = append_u16(out, one, k);
        any = 1;
    }
    free(r);
    return rc;
}

/* The fold of single code points below U+0370 and in U+1E00..U+1EFF
** (every letter Vietnamese writes, precomposed or with combining marks),
** computed once by text_fold_icu itself: an ASCII byte, FOLD_DROP for a
** mark, FOLD_SPACE for white space, FOLD_SLOW when the fold of the code
** point is anything else (then the whole string takes the ICU path). */
enum { FOLD_SLOW = 0, FOLD_DROP = 1, FOLD_SPACE = 2 };
#define FOLD_LOW 0x370
static unsigned char fold_low[FOLD_LOW], fold_ext[0x100];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static unsigned char fold_of(UChar32 c) {
    char u8[4];
    int32_t k = 0;
    UBool err = 0;
    U8_APPEND((uint8_t *)u8, k, 4, c, err);
    if (err) return FOLD_SLOW;
    lt_buf b;
    lt_buf_init(&b, 0);
    /* between two letters, so that white space and marks show as such */
    char probe[8] = "a";
    memcpy(probe + 1, u8, (size_t)k);
    probe[1 + k] = 'a';
    unsigned char f = FOLD_SLOW;
    if (text_fold_icu(probe, (size_t)k + 2, &b) == LT_OK) {
        if (b.len == 2) f = FOLD_DROP;
        else if (b.len == 3 && b.p[1] == ' ') f = FOLD_SPACE;
        else if (b.len == 3 && (unsigned char)b.p[1] > FOLD_SPACE && (unsigned char)b.p[1] < 0x80)
            f = (unsigned char)b.p[1];
    }
    lt_buf_free(&b);
    return f;
}

static void fold_tables_init(void) {
    for (UChar32 c = 1; c < FOLD_LOW; c++) fold_low[c] = fold_of(c);
    for (UChar32 c = 0; c < 0x100; c++) fold_ext[c] = fold_of(0x1E00 + c);
}

/* The table fold; LT_EAGAIN-like 1 when some code point needs ICU. */
static int fold_fast(const char *s, size_t n, lt_buf *out) {
    pthread_once(&fold_once, fold_tables_init);
    size_t start = out->len;
    int pending_space = 0, any = 0;
    for (size_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, n, c);
        unsigned char f = c > 0 && c < FOLD_LOW ? fold_low[c]
                          : c >= 0x1E00 && c < 0x1F00 ? fold_ext[c - 0x1E00] : FOLD_SLOW;
        if (f == FOLD_SLOW) { out->len = start; return 1; }
        if (f == FOLD_DROP) continue;
        if (f == FOLD_SPACE) { pending_space = any; continue; }
        if (pending_space && lt_buf_putc(out, ' ')) return LT_ENOMEM;
        if (lt_buf_putc(out, (char)f)) return LT_ENOMEM;
        pending_space = 0;
        any = 1;
    }
    return LT_OK;
}

int text_fold(const char *s, size_t n, lt_buf *out) {
    if (text_utf8_check(s, n, NULL, NULL)) return LT_EINPUT;
    int rc = fold_fast(s, n, out);
    return rc == 1 ? text_fold_icu(s, n, out) : rc;
}

char *text_fold_dup(const char *s) {
    lt_buf b;
    lt_buf_init(&b, 0);
    if (text_fold(s, strlen(s), &b)) { lt_buf_free(&b); return NULL; }
    return lt_buf_take(&b);
}

/* Character by character, without allocating: a mark is dropped, đ/Đ is
** d/D, a character whose decomposition holds marks is that decomposition
** without them ("ệ" -> "e", "Đ" -> "D"), any other stays as it is. */
int text_strip_marks(const char *s, size_t n, lt_buf *out) {
    if (n > INT32_MAX || text_utf8_check(s, n, NULL, NULL)) return LT_EINPUT;
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    if (U_FAILURE(st)) return LT_EINPUT;
    size_t start = out->len;
    int rc = lt_buf_reserve(out, n);   /* never longer than s */
    if (rc == LT_OK) out->p[out->len] = 0;
    for (int32_t i = 0; i < (int32_t)n && rc == LT_OK;) {
        UChar32 c;
        U8_NEXT((const uint8_t *)s, i, (int32_t)n, c);
        if (is_mark(c)) continue;
        if (c == 0x0111 || c == 0x0110) { rc = lt_buf_putc(out, c == 0x0111 ? 'd' : 'D'); continue; }
        UChar d[32];
        st = U_ZERO_ERROR;
        int32_t dn = unorm2_getDecomposition(nfd, c, d, 32, &st), marked = 0;
        for (int32_t j = 0; U_SUCCESS(st) && j < dn;) {
            UChar32 x;
            U16_NEXT(d, j, dn, x);
            marked |= is_mark(x);
        }
        if (!marked) { rc = append_cp(out, c); continue; }
        for (int32_t j = 0; j < dn && rc == LT_OK;) {
            UChar32 x;
            U16_NEXT(d, j, dn, x);
            if (!is_mark(x)) rc = append_cp(out, x);
        }
    }
    if (rc) {
        out->len = start;
        if (out->p) out->p[start] = 0;
    }
    return rc;
}

char *text_upper_dup(const char *s) {
    int32_t ulen;
    UChar *u = to_u16(s, strlen(s), &ulen);
    if (!u) return ulen == -1 ? NULL : strdup(s);
    UErrorCode st = U_ZERO_ERROR;
    int32_t cap = ulen * 2 + 8;
    UChar *up = malloc((size_t)cap * sizeof(UChar));
    if (!up) { free(u); return NULL; }
    int32_t n = u_strToUpper(up, cap, u, ulen, "vi", &st);
    free(u);
    lt_buf b;
    lt_buf_init(&b, 0);
    int rc = U_FAILURE(st) ? LT_EINPUT : append_u16(&b, up, n);
    free(up);
    if (rc) { lt_buf_free(&b); return rc == LT_EINPUT ? strdup(s) : NULL; }
    return lt_buf_take(&b);
}

char *text_trim(char *s) {
    char *p = s;
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') p++;
        else if ((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xA0) p += 2;
        else break;
    }
    size_t n = strlen(p);
    while (n > 0) {
        if (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n') n--;
        else if (n >= 2 && (unsigned char)p[n - 2] == 0xC2 && (unsigned char)p[n - 1] == 0xA0) n -= 2;
        else break;
    }
    memmove(s, p, n);
    s[n] = 0;
    return s;
}

/* ---- collation --------------------------------------------------------- */
/* ICU collators are not thread-safe for concurrent use; each thread keeps
** its own clone of one shared "vi" collator. */
static pthread_key_t coll_key;
static pthread_once_t coll_once = PTHREAD_ONCE_INIT;

static void coll_free(void *p) { ucol_close(p); }
static void coll_init(void) { pthread_key_create(&coll_key, coll_free); }

static UCollator *vi_collator(void) {
    pthread_once(&coll_once, coll_init);
    UCollator *c = pthread_getspecific(coll_key);
    if (!c) {
        UErrorCode st = U_ZERO_ERROR;
        c = ucol_open("vi", &st);
        if (U_FAILURE(st)) return NULL;
        pthread_setspecific(coll_key, c);
    }
    return c;
}

unsigned char *text_collate_key(const char *s, size_t *len) {
    *len = 0;
    UCollator *c = vi_collator();
    int32_t ulen;
    UChar *u = to_u16(s, strlen(s), &ulen);
    if (!u && ulen == -1) return NULL;
    if (!c || !u) { free(u); return calloc(1, 1); }
    uint8_t small[512];
    int32_t k = ucol_getSortKey(c, u, ulen, small, sizeof small);
    unsigned char *key = k > 0 ? malloc((size_t)k) : calloc(1, 1);
    if (key && k > (int32_t)sizeof small) ucol_getSortKey(c, u, ulen, key, k);
    else if (key && k > 0) memcpy(key, small, (size_t)k);
    free(u);
    /* the key ends in one NUL, its only one: the stored bytes are those before it */
    if (key && k > 0) {
        const unsigned char *nul = memchr(key, 0, (size_t)k);
        *len = nul ? (size_t)(nul - key) : (size_t)k;
    }
    return key;
}

static int rank_letter(const char *word, size_t i, size_t len) {
    if (i >= len) return 0;
    unsigned char c = (unsigned char)word[i];
    return c < 'a' ? 0 : c > 'z' ? 26 : c - 'a' + 1;
}

long long text_name_rank(const char *fold, long long id) {
    if (id < 1 || id >= (1LL << 34)) return -1;
    const char *last = strrchr(fold, ' ');
    const char *given = last ? last + 1 : fold;
    size_t given_len = strlen(given), family_len = strcspn(fold, " ");
    long long group = 0;
    for (size_t i = 0; i < 4; i++) group = group * 27 + rank_letter(given, i, given_len);
    for (size_t i = 0; i < 2; i++) group = group * 27 + rank_letter(fold, i, family_len);
    return group * (1LL << 34) + id;
}

/* Append word w to out at *k, after a space unless it is the first. */
static void put_word(char *out, size_t *k, const char *w) {
    size_t n = strlen(w);
    if (*k) out[(*k)++] = ' ';
    memcpy(out + *k, w, n);
    *k += n;
}

unsigned char *text_name_sort_key(const char *full_name, size_t *len) {
    /* Reorder words: last word (given name) first, then the middle words,
    ** then the first word (family name), one space between (never longer
    ** than the name: one allocation holds the words and their new order) */
    *len = 0;
    size_t n = strlen(full_name), k = 0;
    char *copy = malloc(2 * n + 2);
    if (!copy) return NULL;
    char *reordered = copy + n + 1, *words[64];
    memcpy(copy, full_name, n + 1);
    int nw = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, " \t", &save); tok && nw < 64; tok = strtok_r(NULL, " \t", &save))
        words[nw++] = tok;
    if (nw > 0) put_word(reordered, &k, words[nw - 1]);
    for (int i = 1; i < nw - 1; i++) put_word(reordered, &k, words[i]);
    if (nw > 1) put_word(reordered, &k, words[0]);
    reordered[k] = 0;
    unsigned char *key = text_collate_key(reordered, len);
    free(copy);
    return key;
}

int text_collate_cmp(const char *a, const char *b) {
    return text_collate_cmpn(a, strlen(a), b, strlen(b));
}

int text_collate_cmpn(const char *a, size_t na, const char *b, size_t nb) {
    UCollator *c = vi_collator();
    UErrorCode st = U_ZERO_ERROR;
    UCollationResult r = UCOL_EQUAL;
    if (c && na < INT32_MAX && nb < INT32_MAX)
        r = ucol_strcollUTF8(c, a, (int32_t)na, b, (int32_t)nb, &st);
    if (!c || U_FAILURE(st) || na >= INT32_MAX || nb >= INT32_MAX) { /* byte order */
        int k = memcmp(a, b, na < nb ? na : nb);
        return k ? (k < 0 ? -1 : 1) : na < nb ? -1 : na > nb;
    }
    return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}
