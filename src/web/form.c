/*
** form.c — request parameters: query strings and form bodies
** (application/x-www-form-urlencoded) percent-decoded into a bounded list,
** every value checked as UTF-8 and stored NFC; and JSON bodies (jansson),
** their strings NFC.  Outside input: bounded in count and size, fuzzed
** (tests/fuzz/fuzz_form.c, fuzz_json.c).
*/
#include "web.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Percent-decode s[0..n) ('+' is a space) into out (NUL-terminated). */
static int url_decode(const char *s, size_t n, lt_buf *out) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') c = ' ';
        else if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        }
        int rc = lt_buf_putc(out, c);
        if (rc) return rc;
    }
    if (!out->p) return lt_buf_puts(out, "");
    return LT_OK;
}

int web_params_add(web_params *p, const char *name, const char *value, size_t vlen, lt_err *e) {
    if (p->n >= WEB_MAX_PARAMS)
        return lt_err_set(e, LT_EINPUT, "quá nhiều tham số (tối đa %d)",
                          "too many parameters (at most %d)", WEB_MAX_PARAMS);
    size_t nlen = strlen(name);
    if (nlen == 0 || nlen > WEB_MAX_NAME)
        return lt_err_set(e, LT_EINPUT, "tên trường không hợp lệ", "invalid field name");
    if (vlen > WEB_MAX_VALUE)
        return lt_err_set(e, LT_EINPUT, "%s: dài quá %d byte", "%s: longer than %d bytes",
                          name, WEB_MAX_VALUE);
    long line, col;
    if (text_utf8_check(name, nlen, &line, &col) || text_utf8_check(value, vlen, &line, &col))
        return lt_err_set(e, LT_EINPUT, "%.64s: không phải UTF-8 hợp lệ",
                          "%.64s: not valid UTF-8", text_utf8_check(name, nlen, NULL, NULL) ? "?" : name);
    lt_buf v;
    lt_buf_init(&v, WEB_MAX_VALUE * 2);
    int rc = text_nfc(value, vlen, &v);
    if (rc == LT_OK && !v.p) rc = lt_buf_puts(&v, "");
    if (rc) {
        lt_buf_free(&v);
        if (rc == LT_EOOM) return lt_err_oom(e);
        return lt_err_set(e, LT_EINPUT, "%s: không đọc được", "%s: unreadable", name);
    }
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 8;
        web_param *more = realloc(p->v, (size_t)cap * sizeof *p->v);
        if (!more) { lt_buf_free(&v); return lt_err_oom(e); }
        p->v = more;
        p->cap = cap;
    }
    char *copy = strdup(name), *value_nfc = lt_buf_take(&v);
    if (!copy || !value_nfc) { free(copy); free(value_nfc); return lt_err_oom(e); }
    p->v[p->n].name = copy;
    p->v[p->n].value = value_nfc;
    p->n++;
    return LT_OK;
}

int web_parse_urlencoded(const char *s, size_t n, web_params *p, lt_err *e) {
    size_t i = 0;
    lt_buf name, value;
    lt_buf_init(&name, WEB_MAX_NAME * 3);
    lt_buf_init(&value, WEB_MAX_VALUE);
    int rc = LT_OK;
    while (i < n && rc == LT_OK) {
        size_t end = i;
        while (end < n && s[end] != '&' && s[end] != ';') end++;
        size_t eq = i;
        while (eq < end && s[eq] != '=') eq++;
        lt_buf_reset(&name);
        lt_buf_reset(&value);
        if (end > i) {
            int bad = url_decode(s + i, eq - i, &name);
            if (!bad) bad = url_decode(s + (eq < end ? eq + 1 : end), eq < end ? end - eq - 1 : 0, &value);
            if (bad == LT_EOOM) rc = lt_err_oom(e);
            else if (bad) rc = lt_err_set(e, LT_EINPUT, "trường quá dài", "field too long");
            else if (memchr(name.p, 0, name.len) || memchr(value.p, 0, value.len))
                rc = lt_err_set(e, LT_EINPUT, "trường chứa ký tự NUL", "field contains a NUL byte");
            else if (name.len > 0)
                rc = web_params_add(p, name.p, value.p, value.len, e);
        }
        i = end + 1;
    }
    lt_buf_free(&name);
    lt_buf_free(&value);
    return rc;
}

const char *web_param_get(const web_params *p, const char *name) {
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0) return p->v[i].value;
    return NULL;
}

int web_param_replace(web_params *p, const char *name, const char *value, lt_err *e) {
    for (int i = 0; i < p->n; i++)
        if (strcmp(p->v[i].name, name) == 0) {
            char *v = strdup(value);
            if (!v) return lt_err_oom(e);
            free(p->v[i].value);
            p->v[i].value = v;
            return LT_OK;
        }
    return web_params_add(p, name, value, strlen(value), e);
}

void web_params_free(web_params *p) {
    for (int i = 0; i < p->n; i++) { free(p->v[i].name); free(p->v[i].value); }
    free(p->v);
    memset(p, 0, sizeof *p);
}

int web_json_body(const char *data, size_t n, struct json_t **out, lt_err *e) {
    json_error_t je;
    *out = json_loadb(data, n, JSON_REJECT_DUPLICATES, &je);
    if (!*out || !json_is_object(*out)) {
        if (*out) json_decref(*out);
        *out = NULL;
        return lt_err_set(e, LT_EINPUT, "nội dung JSON không hợp lệ (dòng %d, cột %d): %s",
                          "invalid JSON body (line %d, column %d): %s", je.line, je.column, je.text);
    }
    /* text is stored NFC, whatever form the client sent */
    const char *key;
    json_t *v;
    json_object_foreach(*out, key, v) {
        if (!json_is_string(v)) continue;
        char *nfc = text_nfc_dup(json_string_value(v));
        if (nfc) json_string_set(v, nfc);
        free(nfc);
    }
    return LT_OK;
}
