/*
** fuzz_comment.c — libFuzzer target for a citizen's comment form (the body
** of POST /cong-khai/dang-ky/ID/y-kien): the form parsed as the router
** parses it, then checked as comment.c checks it (bounds in characters,
** one-line name and place, the question against robots).  A cau_hoi of
** "q" stands for a token the server made, so that answers are reached.
** A comment accepted is valid UTF-8 within its bounds; a refusal names
** the field it is about.
*/
#include "../../src/web/web.h"

#include <stdlib.h>
#include <string.h>

/* The characters of s (UTF-8 checked already). */
static size_t chars(const char *s) {
    size_t n = 0;
    for (; s && *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *field(const web_params *p, const char *name) {
    const char *v = web_param_get(p, name);
    return v ? v : "";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    web_params p = {0};
    lt_err e = {0};
    if (web_parse_urlencoded((const char *)data, size, &p, &e) == LT_OK) {
        char token[COMMENT_TOKEN];
        const char *vi, *en;
        comment_in c = {field(&p, "ten"), field(&p, "noi_o"), field(&p, "y_kien"), field(&p, "cau_hoi"),
                        field(&p, "tra_loi_cau_hoi")};
        if (!strcmp(c.token, "q")) {
            comment_question(token, &vi, &en);
            if (!comment_question_of(token, &vi, &en)) abort(); /* our own token is good */
            c.token = token;
        }
        if (comment_check(&c, &e) == LT_OK) {
            if (chars(c.name) > COMMENT_NAME_CHARS || !*c.name || chars(c.place) > COMMENT_PLACE_CHARS ||
                chars(c.body) > COMMENT_BODY_CHARS || !*c.body || strchr(c.name, '\n') || strchr(c.place, '\n'))
                abort();
            if (text_utf8_check(c.body, strlen(c.body), NULL, NULL)) abort();
        } else if (e.code != LT_EINPUT || (strncmp(e.vi, "ten: ", 5) && strncmp(e.vi, "noi_o: ", 7) &&
                                           strncmp(e.vi, "y_kien: ", 8) && strncmp(e.vi, "tra_loi_cau_hoi: ", 17))) {
            abort(); /* a refusal names its field */
        }
    }
    web_params_free(&p);
    return 0;
}
