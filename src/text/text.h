/*
** text.h — the Vietnamese text layer: UTF-8 validation with line and
** column, NFC normalisation, the search fold, Vietnamese collation keys,
** and decoding of the legacy encodings offices still use (CP1258, TCVN3,
** VNI) with detection.  Depends on core only (and ICU, iconv).
*/
#ifndef LT_TEXT_H
#define LT_TEXT_H

#include "../core/core.h"

/* ---- UTF-8 --------------------------------------------------------------- */
/* Check that s[0..n) is valid UTF-8 (no overlongs, no surrogates, no NUL).
** On failure fill *line and *col (1-based; col counts characters) of the
** first bad byte and return -1. */
int text_utf8_check(const char *s, size_t n, long *line, long *col);

/* The code point at s[*i] (*i < n), advancing *i past it; an invalid
** sequence (or a truncated one) gives U+FFFD and advances one byte. */
uint32_t text_utf8_next(const char *s, size_t n, size_t *i);

/* Add one problem to d for every byte of s[0..n) that is not valid UTF-8
** (NUL included), at its line and its column (characters, each bad byte
** counting as one, as text_utf8_check counts): "byte 0xE1 is not valid
** UTF-8".  Returns how many there are (all counted in d->total, the first
** LT_DIAG_KEEP kept). */
size_t text_utf8_diags(const char *s, size_t n, lt_diags *d);

/* ---- what free text may hold -------------------------------------------- */
/* Free text (anything typed that is stored: names, codes, item texts,
** notes) is valid UTF-8 without control characters.  Multi-line text may
** hold TAB, LF and CR (browsers end a textarea's lines with CR LF; they are
** kept as sent); one-line text (names, codes, titles) none of the three.
** Refused everywhere: the other C0 controls U+0000-U+001F, DEL U+007F, the
** C1 controls U+0080-U+009F, and U+FFFE, U+FFFF (not characters; XML 1.0
** forbids them, and the C0 controls).  Returns TEXT_FREE_OK, or what the
** first refused character is, with *pos its 1-based position in
** characters (an invalid byte counts as one) and *cp the character (for
** TEXT_FREE_UTF8, the invalid byte); pos and cp may be NULL. */
typedef enum {
    TEXT_FREE_OK = 0,
    TEXT_FREE_UTF8,      /* a byte that is not valid UTF-8 */
    TEXT_FREE_CONTROL,   /* a C0 or C1 control or DEL */
    TEXT_FREE_BREAK,     /* TAB, LF or CR in one-line text */
    TEXT_FREE_NONCHAR    /* U+FFFE or U+FFFF */
} text_free;
text_free text_check_free(const char *s, size_t n, int multiline, long *pos, uint32_t *cp);

/* Append s[0..n) to out with every character that multi-line free text may
** not hold, and every byte that is not UTF-8, replaced by repl (documents
** use TEXT_REPLACEMENT, U+FFFD; speech a space): the last guard of the
** document writers, so that text older versions stored makes well-formed
** XML.  LT_OK, or LT_ENOMEM (out's bound) leaving out as it was. */
#define TEXT_REPLACEMENT "\xEF\xBF\xBD"
int text_clean(const char *s, size_t n, const char *repl, lt_buf *out);

/* ---- normalisation and folding (ICU) ----------------------------------- */
/* NFC of valid UTF-8 s[0..n), appended to out.  Returns LT_OK or an error
** code (input not valid UTF-8, or out's bound passed). */
int text_nfc(const char *s, size_t n, lt_buf *out);
/* Is s (n bytes) valid UTF-8 that is certainly NFC already, so that it
** may be used as it is?  (0 also when unsure: text_nfc then decides.) */
int text_is_nfc(const char *s, size_t n);
/* NFC as a new string (given), or NULL if s is not valid UTF-8 or memory
** ran out. */
char *text_nfc_dup(const char *s);

/* The search fold: decompose, drop combining marks, map đ/Đ to d, lower
** case, collapse runs of white space to one space, trim.  "Sơn Định" ->
** "son dinh".  Appends to out. */
int text_fold(const char *s, size_t n, lt_buf *out);
char *text_fold_dup(const char *s);  /* given; NULL: invalid UTF-8, or no memory */
/* The same computed through ICU for every character: the definition that
** text_fold's table (built from it) must match; slower. */
int text_fold_icu(const char *s, size_t n, lt_buf *out);

/* Vietnamese written without its diacritics, case kept: decompose, drop
** combining marks, map đ/Đ to d/D ("Báo cáo Sơn Định" -> "Bao cao Son
** Dinh"); other characters stay as they are.  Appends to out;
** LT_EINPUT for invalid UTF-8, LT_ENOMEM past out's bound. */
int text_strip_marks(const char *s, size_t n, lt_buf *out);

/* Upper case under Vietnamese rules ("Huyện ủy" -> "HUYỆN ỦY"); given;
** NULL when memory ran out. */
char *text_upper_dup(const char *s);

/* Trim ASCII white space (and NBSP) at both ends in place; returns s. */
char *text_trim(char *s);

/* ---- Vietnamese collation ---------------------------------------------- */
/* The sort key of s under ICU's "vi" collation: *len bytes, none of them
** NUL, that sort in Vietnamese order under memcmp (a key that begins
** another sorts first), as SQLite orders them stored as a BLOB; NULL when
** memory ran out. (given) */
unsigned char *text_collate_key(const char *s, size_t *len);
/* The sort key for a person's full name: given name, then middle names,
** then family name, each by Vietnamese order ("Nguyễn Văn An" sorts as
** "An Văn Nguyễn"); as text_collate_key. (given; NULL when memory ran out) */
unsigned char *text_name_sort_key(const char *full_name, size_t *len);
/* The place of a person in the name search's index (store/schema.sql,
** version 12): the first four letters of the given name (the last word of
** the folded name) and the first two of the family name (the first word),
** a-z counting 1-26 and other characters 0, times 2^34, plus the id, so
** people named alike are next to each other and no two share a place.
** -1 for an id outside 1 .. 2^34 - 1. */
long long text_name_rank(const char *fold, long long id);
/* Compare two UTF-8 strings under Vietnamese collation (<0, 0, >0). */
int text_collate_cmp(const char *a, const char *b);
int text_collate_cmpn(const char *a, size_t na, const char *b, size_t nb);

/* ---- legacy encodings ------------------------------------------------- */
typedef enum {
    TEXT_ENC_UNKNOWN = 0,
    TEXT_ENC_UTF8,
    TEXT_ENC_CP1258,   /* Windows-1258 */
    TEXT_ENC_TCVN3,    /* TCVN 5712:1993 "ABC" (glibc TCVN5712-1) */
    TEXT_ENC_VNI       /* VNI Windows fonts: base letter + mark bytes */
} text_enc;

/* Name for messages and --encoding ("utf-8", "cp1258", "tcvn3", "vni"). */
const char *text_enc_name(text_enc enc);
/* Parse an --encoding value (case-insensitive; accepts aliases such as
** "windows-1258", "abc", "tcvn", "utf8").  TEXT_ENC_UNKNOWN if not known. */
text_enc text_enc_parse(const char *name);

/* Guess the encoding of s[0..n).  Returns the encoding and sets *sure to 1
** when the evidence is clear, 0 when the caller should ask the user to say
** it with --encoding (then the return value is the most likely one).  Pure
** ASCII is UTF-8 and sure; so is a file that is UTF-8 but for a few bad
** bytes (the caller then names them: text_utf8_diags). */
text_enc text_enc_detect(const char *s, size_t n, int *sure);

/* Decode s[0..n) from enc to NFC UTF-8, appended to out.  A UTF-8 BOM is
** dropped.  On failure fills e (with the line of the first bad byte). */
int text_decode(text_enc enc, const char *s, size_t n, lt_buf *out, lt_err *e);

/* Encode valid UTF-8 into enc (for tests and for exports to old systems);
** characters with no mapping fail with LT_EINPUT. */
int text_encode(text_enc enc, const char *s, size_t n, lt_buf *out, lt_err *e);

#endif
