/*
** static.c — the embedded static files (the stylesheet, the icon, the unit
** picker's script), served under /tinh/ by name from a fixed table: no file
** system path is ever built from a request, so there is nothing to traverse.
*/
#include "pages.h"

#include <string.h>

__asm__(".section .rodata\n"
        ".global lt_style_css\n"
        "lt_style_css:\n"
        ".incbin \"src/web/static/style.css\"\n"
        ".byte 0\n"
        ".previous\n");
extern const char lt_style_css[];
__asm__(".section .rodata\n"
        ".global lt_favicon_svg\n"
        "lt_favicon_svg:\n"
        ".incbin \"src/web/static/favicon.svg\"\n"
        ".byte 0\n"
        ".previous\n");
extern const char lt_favicon_svg[];
__asm__(".section .rodata\n"
        ".global lt_picker_js\n"
        "lt_picker_js:\n"
        ".incbin \"src/web/static/chon-don-vi.js\"\n"
        ".byte 0\n"
        ".previous\n");
extern const char lt_picker_js[];

static const struct { const char *name, *ctype; const char *data; } files[] = {
    {"style.css", "text/css; charset=utf-8", lt_style_css},
    {"favicon.svg", "image/svg+xml", lt_favicon_svg},
    {"chon-don-vi.js", "text/javascript; charset=utf-8", lt_picker_js},
};

int web_static(web_req *r, const char *name) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(files); i++)
        if (strcmp(files[i].name, name) == 0) {
            r->ctype = files[i].ctype;
            lt_buf_puts(&r->out, files[i].data);
            return LT_OK;
        }
    return LT_ENOTFOUND;
}

int page_static(web_req *r, lt_err *e) {
    if (web_static(r, r->args[0]) == LT_OK) return LT_OK;
    return lt_err_set(e, LT_ENOTFOUND, "không có tệp này", "no such file");
}
