/*
** fuzz_json.c — libFuzzer target for JSON request bodies: web_json_body
** either refuses with a message or gives an object whose strings are
** valid UTF-8 in NFC.
*/
#include "../../src/web/web.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    json_t *o = NULL;
    lt_err e = {0};
    if (web_json_body((const char *)data, size, &o, &e) != LT_OK) {
        if (!e.vi[0] || o) abort();
        return 0;
    }
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        if (!json_is_string(v)) continue;
        const char *s = json_string_value(v);
        if (text_utf8_check(s, json_string_length(v), NULL, NULL) == 0) {
            char *nfc = text_nfc_dup(s);
            if (nfc && strcmp(nfc, s) != 0) abort(); /* already NFC */
            free(nfc);
        }
    }
    json_decref(o);
    return 0;
}
