/*
** page_years.c — the year setup: open a year with its deadlines and the
** topic its issuing committee gives.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int page_year_setup(web_req *r, lt_err *e) {
    (void)e;
    html_begin(r, TR(r, "Mở năm và chuyên đề", "Open a year and its topic"));
    html_raw(r, "<form method=\"post\" action=\"/nam\" class=\"box\">");
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" required=\"required\"/><label>%s</label><input name=\"don_vi\" "
                   "required=\"required\"/><label>%s</label><textarea name=\"tieu_de\" rows=\"2\" required=\"required\"></textarea>"
                   "<label>%s</label><textarea name=\"noi_dung\" rows=\"4\"></textarea><label>%s</label>"
                   "<input name=\"van_ban\"/><label>%s</label><input name=\"han_dang_ky\" placeholder=\"dd/mm/yyyy\"/>"
                   "<label>%s</label><input name=\"han_so_ket\" placeholder=\"dd/mm/yyyy\"/><label>%s</label>"
                   "<input name=\"han_danh_gia\" placeholder=\"dd/mm/yyyy\"/><button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), TR(r, "Mã đơn vị ban hành chuyên đề", "Issuing unit code"),
                TR(r, "Tên chuyên đề", "Topic title"), TR(r, "Nội dung", "Text"),
                TR(r, "Văn bản", "Source document"), TR(r, "Hạn đăng ký", "Registration deadline"),
                TR(r, "Hạn sơ kết", "Mid-year deadline"), TR(r, "Hạn đánh giá", "Review deadline"),
                TR(r, "Lưu", "Save"));
    html_end(r);
    return LT_OK;
}

int page_year_save(web_req *r, lt_err *e) {
    int year;
    const char *d1 = form(r, "han_dang_ky"), *d2 = form(r, "han_so_ket"), *d3 = form(r, "han_danh_gia");
    if (form_year(r, "nam", &year, e) ||
        year_open(&r->ctx, year, *d1 ? d1 : NULL, *d2 ? d2 : NULL, *d3 ? d3 : NULL, e) ||
        topic_save(&r->ctx, form(r, "don_vi"), year, form(r, "tieu_de"), form(r, "noi_dung"),
                   form(r, "van_ban"), 0, e))
        return e->code;
    char path[64];
    snprintf(path, sizeof path, "/tong-quan?nam=%d", year);
    web_redirect(r, path);
    return LT_OK;
}
