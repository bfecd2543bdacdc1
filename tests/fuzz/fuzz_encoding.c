/*
** fuzz_encoding.c — libFuzzer target for the legacy encodings: detection
** and decoding in every encoding must never crash or hang, and whatever
** decodes must be valid UTF-8 (and encode back without crashing).
*/
#include <stdint.h>
#include <stdlib.h>

#include "../../src/text/text.h"

/* Run detection, then decode (and re-encode) the input in each encoding. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *s = (const char *)data;
    int sure = -1;
    text_enc guess = text_enc_detect(s, size, &sure);
    if (guess < TEXT_ENC_UTF8 || guess > TEXT_ENC_VNI || (sure != 0 && sure != 1))
        abort();
    for (int k = TEXT_ENC_UTF8; k <= TEXT_ENC_VNI; k++) {
        lt_buf out, back;
        lt_err e;
        lt_buf_init(&out, 1 << 22);
        lt_buf_init(&back, 1 << 22);
        lt_err_clear(&e);
        if (text_decode((text_enc)k, s, size, &out, &e) == LT_OK) {
            if (out.len && text_utf8_check(out.p, out.len, NULL, NULL)) abort();
            text_encode((text_enc)k, out.p ? out.p : "", out.len, &back, &e);
        } else if (out.len != 0) {
            abort();  /* a failed decode leaves out as it was */
        }
        lt_buf_free(&out);
        lt_buf_free(&back);
    }
    return 0;
}
