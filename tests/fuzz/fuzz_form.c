/*
** fuzz_form.c — libFuzzer target for the web's handling of outside
** parameters: query strings and form bodies (percent-decoding, bounds,
** UTF-8 and NFC of every value) and cookie values checked as session
** tokens.  Every parsed value must be valid UTF-8 and within its bound.
*/
#include "../../src/web/web.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    web_params p = {0};
    lt_err e = {0};
    if (web_parse_urlencoded((const char *)data, size, &p, &e) == LT_OK) {
        if (p.n > WEB_MAX_PARAMS) abort();
        for (int i = 0; i < p.n; i++) {
            size_t n = strlen(p.v[i].value);
            if (n > 2 * WEB_MAX_VALUE || strlen(p.v[i].name) > 3 * WEB_MAX_NAME) abort();
            if (text_utf8_check(p.v[i].value, n, NULL, NULL)) abort();
            if (web_param_get(&p, p.v[i].name) == NULL) abort();
            (void)session_token_valid(p.v[i].value); /* a cookie's value */
        }
    } else if (e.vi[0] == 0) {
        abort(); /* a refusal always says why */
    }
    web_params_free(&p);
    return 0;
}
