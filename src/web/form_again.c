/*
** form_again.c — a form sent with a mistake comes back as the page it was
** sent from, never a dead end: the router draws that page again (its own
** handler, its own checks), and this file marks the form in it: what the
** person typed is put back in every field, the problem is said beside the
** field it is about (aria-invalid, focused) and, with the field's label,
** at the top of the page.  The page's HTML is ours, written with the same
** few patterns (a label, then its control with name="..."), which is all
** that is read here.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Replace n bytes at `at` of the page with s: LT_OK or LT_EOOM. */
static int splice(lt_buf *page, size_t at, size_t n, const char *s) {
    lt_buf out;
    lt_buf_init(&out, page->max);
    lt_buf_append(&out, page->p, at);
    lt_buf_puts(&out, s);
    lt_buf_puts(&out, page->p + at + n);
    if (out.err) { lt_buf_free(&out); return LT_EOOM; }
    lt_buf_free(page);
    *page = out;
    return LT_OK;
}

/* s written for an attribute or a text node. */
static void escape(lt_buf *b, const char *s) {
    for (; *s; s++) {
        switch (*s) {
        case '&': lt_buf_puts(b, "&amp;"); break;
        case '<': lt_buf_puts(b, "&lt;"); break;
        case '>': lt_buf_puts(b, "&gt;"); break;
        case '"': lt_buf_puts(b, "&quot;"); break;
        default: lt_buf_putc(b, *s);
        }
    }
}

/* The value of attribute `attr` in the tag at p (up to its '>'), into out;
** 0 when it has none. */
static int attr_of(const char *p, const char *attr, char *out, size_t n) {
    const char *end = strchr(p, '>');
    char key[40];
    snprintf(key, sizeof key, " %s=\"", attr);
    const char *a = strstr(p, key);
    if (!a || !end || a > end) return 0;
    a += strlen(key);
    size_t len = strcspn(a, "\"");
    snprintf(out, n, "%.*s", (int)len, a);
    return 1;
}

/* The form that posts to path: [*from, *to) of the page; 0 if none. */
static int find_form(const lt_buf *page, const char *path, size_t *from, size_t *to) {
    char key[WEB_MAX_PATH + 16];
    snprintf(key, sizeof key, "action=\"%s\"", path);
    const char *a = strstr(page->p, key);
    if (!a) return 0;
    const char *end = strstr(a, "</form>");
    if (!end) return 0;
    *from = (size_t)(a - page->p);
    *to = (size_t)(end - page->p);
    return 1;
}

/* The first control named `name` in [at, to): its tag's offset, or -1;
** *after is where to look for the next. */
static long find_control(const lt_buf *page, size_t at, size_t to, const char *name, size_t *after) {
    char key[WEB_MAX_NAME + 16];
    snprintf(key, sizeof key, " name=\"%s\"", name);
    for (const char *p = page->p + at; (p = strstr(p, key)) && (size_t)(p - page->p) < to; p++) {
        const char *tag = p;
        while (tag > page->p && *tag != '<') tag--;
        if (!strncmp(tag, "<input", 6) || !strncmp(tag, "<textarea", 9) || !strncmp(tag, "<select", 7)) {
            *after = (size_t)(p - page->p) + strlen(key);
            return tag - page->p;
        }
    }
    return -1;
}

/* Put value back into the control at tag: an input's value, a textarea's
** text, a select's or a radio's choice.  *len follows the form's end. */
static int refill(lt_buf *page, size_t tag, const char *value, size_t *to) {
    const char *t = page->p + tag, *close = strchr(t, '>');
    char type[16] = "", v[256];
    lt_buf esc = {0};
    escape(&esc, value);
    int rc = LT_OK;
    size_t before = page->len;
    attr_of(t, "type", type, sizeof type);
    if (!strncmp(t, "<textarea", 9)) {
        const char *end = strstr(close, "</textarea>");
        if (end) rc = splice(page, (size_t)(close + 1 - page->p), (size_t)(end - close - 1), esc.p ? esc.p : "");
    } else if (!strncmp(t, "<select", 7)) {
        const char *end = strstr(close, "</select>");
        for (const char *o = close; end && (o = strstr(o, "<option")) && o < end; o++) {
            const char *oc = strchr(o, '>');
            int has_value = attr_of(o, "value", v, sizeof v);
            if (!has_value) snprintf(v, sizeof v, "%.*s", (int)strcspn(oc + 1, "<"), oc + 1);
            if (strcmp(v, esc.p ? esc.p : "")) continue;
            if (!strstr(o, " selected=") || strstr(o, " selected=") > oc) rc = splice(page, (size_t)(o + 7 - page->p), 0, " selected=\"selected\"");
            break;
        }
    } else if (!strcmp(type, "radio") || !strcmp(type, "checkbox")) {
        if (attr_of(t, "value", v, sizeof v) && !strcmp(v, esc.p ? esc.p : "") && !strstr(t, " checked="))
            rc = splice(page, tag + 6, 0, " checked=\"checked\"");
    } else if (strcmp(type, "hidden") && strcmp(type, "password") && strcmp(type, "file")) {
        const char *a = strstr(t, " value=\"");
        if (a && a < close) {
            const char *q = strchr(a + 8, '"');
            rc = splice(page, (size_t)(a + 8 - page->p), (size_t)(q - a - 8), esc.p ? esc.p : "");
        } else {
            lt_buf attr = {0};
            lt_buf_puts(&attr, " value=\"");
            lt_buf_puts(&attr, esc.p ? esc.p : "");
            lt_buf_puts(&attr, "\"");
            rc = attr.err ? LT_EOOM : splice(page, tag + 6, 0, attr.p);
            lt_buf_free(&attr);
        }
    }
    lt_buf_free(&esc);
    *to += page->len - before;
    return rc;
}

/* The label before the control at tag (its text), into out. */
static void label_before(const lt_buf *page, size_t from, size_t tag, char *out, size_t n) {
    *out = 0;
    const char *l = NULL;
    for (const char *p = page->p + from; (p = strstr(p, "<label")) && (size_t)(p - page->p) < tag; p++) l = p;
    if (!l) return;
    const char *text = strchr(l, '>'), *end = strstr(l, "</label>");
    if (text && end && text < end) snprintf(out, n, "%.*s", (int)(end - text - 1), text + 1);
}

/* Say the problem beside the control at tag, and mark it. */
static int mark_control(lt_buf *page, size_t tag, const char *field, const char *why) {
    const char *t = page->p + tag, *close = strchr(t, '>');
    const char *end = !strncmp(t, "<textarea", 9) ? strstr(close, "</textarea>")
                    : !strncmp(t, "<select", 7) ? strstr(close, "</select>") : NULL;
    size_t after = end ? (size_t)(strchr(end, '>') + 1 - page->p) : (size_t)(close + 1 - page->p);
    lt_buf note = {0};
    lt_buf_printf(&note, "<p class=\"field-error\" id=\"loi-%s\">", field);
    escape(&note, why);
    lt_buf_puts(&note, "</p>");
    int rc = note.err ? LT_EOOM : splice(page, after, 0, note.p);
    lt_buf_free(&note);
    lt_buf attrs = {0};
    lt_buf_printf(&attrs, " aria-invalid=\"true\" aria-describedby=\"loi-%s\" autofocus=\"autofocus\"", field);
    size_t at = tag + strcspn(page->p + tag, " ");
    if (rc == LT_OK) rc = attrs.err ? LT_EOOM : splice(page, at, 0, attrs.p);
    lt_buf_free(&attrs);
    return rc;
}

/* The page's summary after its title. */
static int summary(web_req *r, const char *label, const char *why) {
    const char *h1 = strstr(r->out.p, "</h1>");
    if (!h1) return LT_OK;
    lt_buf s = {0};
    lt_buf_printf(&s, "<p class=\"error\" role=\"alert\">%s ", TR(r, "Chưa lưu:", "Not saved:"));
    if (*label) { lt_buf_puts(&s, label); lt_buf_puts(&s, ": "); }
    escape(&s, why);
    lt_buf_printf(&s, " %s</p>", *label ? TR(r, "Hãy sửa ô được đánh dấu bên dưới rồi gửi lại.",
                                                "Correct the field marked below and send it again.")
                                         : TR(r, "Hãy sửa rồi gửi lại.", "Correct it and send it again."));
    int rc = s.err ? LT_EOOM : splice(&r->out, (size_t)(h1 + 5 - r->out.p), 0, s.p);
    lt_buf_free(&s);
    return rc;
}

int web_form_mark(web_req *r, const char *post_path, const lt_err *e) {
    const char *msg = r->lang_en ? e->en : e->vi;
    char field[WEB_MAX_NAME + 1] = "";
    size_t n = strspn(msg, "abcdefghijklmnopqrstuvwxyz_0123456789");
    const char *why = msg;
    if (n > 0 && n <= WEB_MAX_NAME && !strncmp(msg + n, ": ", 2)) {
        memcpy(field, msg, n);
        field[n] = 0;
        why = msg + n + 2;
    }
    size_t from, to;
    char label[256] = "";
    if (!find_form(&r->out, post_path, &from, &to)) return summary(r, "", why);
    for (int i = 0; i < r->form.n; i++) {
        if (!strcmp(r->form.v[i].name, "csrf")) continue;
        size_t at = from, after;
        for (long tag; (tag = find_control(&r->out, at, to, r->form.v[i].name, &after)) >= 0;) {
            size_t len = r->out.len; /* radios: each of the group, after what refill added */
            if (refill(&r->out, (size_t)tag, r->form.v[i].value, &to)) return LT_EOOM;
            at = after + (r->out.len - len);
        }
    }
    size_t after;
    long tag = *field ? find_control(&r->out, from, to, field, &after) : -1;
    if (tag >= 0) {
        label_before(&r->out, from, (size_t)tag, label, sizeof label);
        if (mark_control(&r->out, (size_t)tag, field, why)) return LT_EOOM;
    }
    return summary(r, label, why); /* (never the field's internal name) */
}
