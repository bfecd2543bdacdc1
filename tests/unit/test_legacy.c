/*
** test_legacy.c — the legacy encodings: every Vietnamese letter round-trips
** through CP1258, TCVN3 and VNI; known VNI/CP1258/TCVN3 bytes; detection of
** real text, ASCII, BOM, invalid and ambiguous input; NFC output.
*/
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "../../src/text/text.h"

/* All 72 vowel forms (12 vowels x 6 tones) and đ, lower and upper case:
** 67 non-ASCII letters each. */
static const char LOWER[] =
    "aáàảãạăắằẳẵặâấầẩẫậeéèẻẽẹêếềểễệiíìỉĩịoóòỏõọôốồổỗộơớờởỡợuúùủũụưứừửữựyýỳỷỹỵđ";
static const char UPPER[] =
    "AÁÀẢÃẠĂẮẰẲẴẶÂẤẦẨẪẬEÉÈẺẼẸÊẾỀỂỄỆIÍÌỈĨỊOÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢUÚÙỦŨỤƯỨỪỬỮỰYÝỲỶỸỴĐ";
static const char SENTENCE[] =
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh — "
    "Chợ Lách, Sơn Định, Tân Thiềng";
/* TCVN3 has no em dash. */
static const char SENTENCE_TCVN[] =
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh - "
    "Chợ Lách, Sơn Định, Tân Thiềng";

static const text_enc LEGACY[3] = {TEXT_ENC_CP1258, TEXT_ENC_TCVN3, TEXT_ENC_VNI};

/* Encode s into enc; returns the bytes (given) and their length. */
static char *enc_str(text_enc enc, const char *s, size_t *len) {
    lt_buf b;
    lt_err e;
    lt_buf_init(&b, 0);
    lt_err_clear(&e);
    int rc = text_encode(enc, s, strlen(s), &b, &e);
    if (rc) fail_msg("encode %s failed: %s", text_enc_name(enc), e.en);
    *len = b.len;
    return lt_buf_take(&b);
}

/* Decode bytes from enc; returns the UTF-8 (given) or NULL, filling e. */
static char *dec_str(text_enc enc, const char *s, size_t n, lt_err *e) {
    lt_buf b;
    lt_buf_init(&b, 0);
    lt_err_clear(e);
    if (text_decode(enc, s, n, &b, e)) { lt_buf_free(&b); return NULL; }
    return lt_buf_take(&b);
}

/* s -> enc -> UTF-8 must give s back. */
static void roundtrip(text_enc enc, const char *s) {
    size_t n;
    lt_err e;
    char *bytes = enc_str(enc, s, &n);
    char *back = dec_str(enc, bytes, n, &e);
    if (!back) fail_msg("decode %s failed: %s", text_enc_name(enc), e.en);
    if (strcmp(back, s)) fail_msg("%s: '%s' came back as '%s'", text_enc_name(enc), s, back);
    free(bytes);
    free(back);
}

/* Every letter, alone and all together, in every legacy encoding. */
static void test_all_letters_roundtrip(void **state) {
    (void)state;
    for (int k = 0; k < 3; k++) {
        roundtrip(LEGACY[k], LOWER);
        roundtrip(LEGACY[k], UPPER);
        for (int c = 0; c < 2; c++) {
            const char *p = c ? UPPER : LOWER;
            int count = 0;
            while (*p) {
                size_t cl = (unsigned char)*p < 0x80 ? 1 : (unsigned char)*p < 0xE0 ? 2 : 3;
                char one[8] = {0};
                memcpy(one, p, cl);
                roundtrip(LEGACY[k], one);
                count += (unsigned char)*p >= 0x80;
                p += cl;
            }
            assert_int_equal(count, 67);
        }
    }
}

/* The VNI table against known VNI text (public converters' examples). */
static void test_vni_known_bytes(void **state) {
    (void)state;
    struct { const char *u, *v; } k[] = {
        {"Xin chào các bạn", "Xin cha\xF8o ca\xF9" "c ba\xEF" "n"},
        {"Đảng", "\xD1" "a\xFB" "ng"},
        {"Trường", "Tr\xF6\xF4\xF8" "ng"},
        {"ấ ầ ẩ ẫ ậ", "a\xE1 a\xE0 a\xE5 a\xE3 a\xE4"},
        {"ắ ằ ẳ ẵ ặ ă", "a\xE9 a\xE8 a\xFA a\xFC a\xEB a\xEA"},
        {"í ì ỉ ĩ ị ỵ đ", "\xED \xEC \xE6 \xF3 \xF2 \xEE \xF1"},
        {"ƯỚC Ỵ Ị Ể", "\xD6\xD4\xD9" "C \xCE \xD2 E\xC5"},
    };
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        size_t n;
        lt_err e;
        char *b = enc_str(TEXT_ENC_VNI, k[i].u, &n);
        assert_string_equal(b, k[i].v);
        char *u = dec_str(TEXT_ENC_VNI, k[i].v, strlen(k[i].v), &e);
        assert_non_null(u);
        assert_string_equal(u, k[i].u);
        free(b);
        free(u);
    }
}

/* CP1258 keeps tones as combining bytes; TCVN3 is precomposed. */
static void test_cp1258_tcvn3_bytes(void **state) {
    (void)state;
    size_t n;
    char *b = enc_str(TEXT_ENC_CP1258, "ấ Ỵ à", &n);
    assert_string_equal(b, "\xE2\xEC Y\xF2 \xE0");
    free(b);
    b = enc_str(TEXT_ENC_TCVN3, "à ơ Đ", &n);
    assert_string_equal(b, "\xB5 \xAC \xA7");
    free(b);
}

/* Decoded text is NFC even where the legacy bytes are decomposed. */
static void test_decode_is_nfc(void **state) {
    (void)state;
    lt_err e;
    char *u = dec_str(TEXT_ENC_CP1258, "a\xEC \xE2\xF2 \xF5\xD2", 8, &e);
    assert_non_null(u);
    assert_string_equal(u, "á ậ ở");
    char *nfc = text_nfc_dup(u);
    assert_string_equal(u, nfc);
    free(u);
    free(nfc);
    u = dec_str(TEXT_ENC_TCVN3, "a\xB3 \xA9\xB4", 5, &e);  /* TCVN combining marks */
    assert_non_null(u);
    assert_string_equal(u, "á ậ");
    free(u);
    u = dec_str(TEXT_ENC_UTF8, "a\xCC\x81", 3, &e);          /* a + U+0301 */
    assert_non_null(u);
    assert_string_equal(u, "á");
    free(u);
}

/* The real sentence, encoded each way, is detected surely. */
static void test_detect_sentence(void **state) {
    (void)state;
    for (int k = 0; k < 3; k++) {
        size_t n;
        const char *s = LEGACY[k] == TEXT_ENC_TCVN3 ? SENTENCE_TCVN : SENTENCE;
        char *b = enc_str(LEGACY[k], s, &n);
        int sure = -1;
        text_enc got = text_enc_detect(b, n, &sure);
        if (got != LEGACY[k] || sure != 1)
            fail_msg("%s detected as %s sure=%d", text_enc_name(LEGACY[k]),
                     text_enc_name(got), sure);
        free(b);
    }
    int sure = -1;
    assert_int_equal(text_enc_detect(SENTENCE, strlen(SENTENCE), &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
}

/* ASCII and empty input are UTF-8, surely. */
static void test_detect_ascii(void **state) {
    (void)state;
    int sure = -1;
    const char *a = "ma_dang_vien,ho_ten\n1,Nguyen Van An\n";
    assert_int_equal(text_enc_detect(a, strlen(a), &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
    sure = -1;
    assert_int_equal(text_enc_detect("", 0, &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
}

/* A BOM means UTF-8, and decoding drops it. */
static void test_bom(void **state) {
    (void)state;
    const char s[] = "\xEF\xBB\xBFH\xE1\xBB\x8D" "c";  /* BOM "Học" */
    int sure = -1;
    assert_int_equal(text_enc_detect(s, sizeof s - 1, &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
    lt_err e;
    char *u = dec_str(TEXT_ENC_UTF8, s, sizeof s - 1, &e);
    assert_non_null(u);
    assert_string_equal(u, "Học");
    free(u);
}

/* Invalid UTF-8 names the line and column, and leaves out unchanged. */
static void test_invalid_utf8(void **state) {
    (void)state;
    const char s[] = "dòng một\nHọc\xFFtập\n";
    lt_buf b;
    lt_err e;
    lt_buf_init(&b, 0);
    lt_buf_puts(&b, "x");
    lt_err_clear(&e);
    assert_int_equal(text_decode(TEXT_ENC_UTF8, s, sizeof s - 1, &b, &e), LT_EINPUT);
    assert_int_equal(e.code, LT_EINPUT);
    assert_non_null(strstr(e.en, "line 2, column 4"));
    assert_non_null(strstr(e.vi, "dòng 2, cột 4"));
    assert_string_equal(b.p, "x");
    lt_buf_free(&b);
}

/* Too little evidence: a best guess, not sure. */
static void test_detect_ambiguous(void **state) {
    (void)state;
    int sure = -1;
    text_enc got = text_enc_detect("Ho\xE0", 3, &sure);  /* "Hoà" or VNI "Hồ" */
    assert_int_not_equal(got, TEXT_ENC_UNKNOWN);
    assert_int_equal(sure, 0);
    sure = -1;
    text_enc_detect("\xE0", 1, &sure);
    assert_int_equal(sure, 0);
}

/* UTF-8 but for a stray byte is UTF-8, surely (issue 16.13): the import
** names the byte rather than ask for --encoding. */
static void test_detect_mostly_utf8(void **state) {
    (void)state;
    int sure = -1;
    const char m[] = "Học tập và làm theo tư tưởng\xE0 đạo đức";
    assert_int_equal(text_enc_detect(m, sizeof m - 1, &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
    sure = -1;   /* a short file, two bad bytes to six good characters */
    const char f[] = "P601,Nguyễn Văn An\nP602,Trần Thị B\xE1" "nh\nP603,Lê \xFF Văn\n";
    assert_int_equal(text_enc_detect(f, sizeof f - 1, &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
    sure = -1;   /* as many bad bytes as good characters, but no legacy reading makes a word */
    const char t[] = "ma,ten\n1,Lê\n2,A\x80" "B";
    assert_int_equal(text_enc_detect(t, sizeof t - 1, &sure), TEXT_ENC_UTF8);
    assert_int_equal(sure, 1);
}

/* Names and aliases of --encoding. */
static void test_names(void **state) {
    (void)state;
    assert_int_equal(text_enc_parse("UTF8"), TEXT_ENC_UTF8);
    assert_int_equal(text_enc_parse("utf-8"), TEXT_ENC_UTF8);
    assert_int_equal(text_enc_parse("Windows-1258"), TEXT_ENC_CP1258);
    assert_int_equal(text_enc_parse("win1258"), TEXT_ENC_CP1258);
    assert_int_equal(text_enc_parse("ABC"), TEXT_ENC_TCVN3);
    assert_int_equal(text_enc_parse("tcvn5712"), TEXT_ENC_TCVN3);
    assert_int_equal(text_enc_parse("VNI-Windows"), TEXT_ENC_VNI);
    assert_int_equal(text_enc_parse("latin1"), TEXT_ENC_UNKNOWN);
    assert_int_equal(text_enc_parse(NULL), TEXT_ENC_UNKNOWN);
    for (int k = 0; k < 3; k++)
        assert_int_equal(text_enc_parse(text_enc_name(LEGACY[k])), LEGACY[k]);
    assert_string_equal(text_enc_name(TEXT_ENC_UTF8), "utf-8");
}

/* Errors: unmappable characters, stray VNI marks, bad CP1258 bytes. */
static void test_errors(void **state) {
    (void)state;
    lt_buf b;
    lt_err e;
    lt_buf_init(&b, 0);
    lt_err_clear(&e);
    assert_int_equal(text_encode(TEXT_ENC_CP1258, "ok\n中", 6, &b, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "U+4E2D"));
    assert_non_null(strstr(e.en, "line 2"));
    assert_int_equal(b.len, 0);
    assert_int_equal(text_encode(TEXT_ENC_VNI, "ä", 2, &b, &e), LT_EINPUT);
    assert_int_equal(text_encode(TEXT_ENC_TCVN3, "—", 3, &b, &e), LT_EINPUT);
    lt_err_clear(&e);
    assert_int_equal(text_decode(TEXT_ENC_VNI, "ab\n\xF9x", 5, &b, &e), LT_EINPUT);
    assert_non_null(strstr(e.en, "line 2"));
    assert_int_equal(text_decode(TEXT_ENC_CP1258, "a\x81", 2, &b, &e), LT_EINPUT);
    assert_int_equal(text_decode(TEXT_ENC_TCVN3, "a\0b", 3, &b, &e), LT_EINPUT);
    assert_int_equal(b.len, 0);
    lt_buf_free(&b);
}

const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_all_letters_roundtrip),
    cmocka_unit_test(test_vni_known_bytes),
    cmocka_unit_test(test_cp1258_tcvn3_bytes),
    cmocka_unit_test(test_decode_is_nfc),
    cmocka_unit_test(test_detect_sentence),
    cmocka_unit_test(test_detect_ascii),
    cmocka_unit_test(test_bom),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_detect_mostly_utf8),
    cmocka_unit_test(test_detect_ambiguous),
    cmocka_unit_test(test_names),
    cmocka_unit_test(test_errors),
};

UNIT_MAIN(tests)
