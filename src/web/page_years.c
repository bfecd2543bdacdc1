/*
** page_years.c — the year setup: the years already set up with their
** deadlines and topics, and the form that opens a year with its deadlines
** and the topic its issuing committee gives.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The years set up so far: deadlines as dd/mm/yyyy, topics by their
** issuing unit's name. */
static void years_table(web_req *r, const dom_rows *y) {
    if (!y->n) {
        html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có năm nào được mở.", "No year is set up yet."));
        return;
    }
    html_printf(r, "<div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th><th>%s</th><th></th></tr></thead><tbody>", TR(r, "Năm", "Year"),
                TR(r, "Hạn đăng ký của cán bộ chủ chốt", "Key cadres register by"), TR(r, "Hạn đăng ký", "Registration by"),
                TR(r, "Hạn sơ kết", "Mid-year by"), TR(r, "Hạn đánh giá", "Review by"),
                TR(r, "Chuyên đề", "Topic"), TR(r, "Đơn vị ban hành", "Issued by"));
    for (long i = 0; i < y->n; i++) {
        char dk[11], d1[11], d2[11], d3[11];
        const char *code = rows_get(y, i, "unit_code");
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", rows_get(y, i, "year"),
                    lt_date_vn(rows_get(y, i, "key_deadline"), dk), lt_date_vn(rows_get(y, i, "registration_deadline"), d1),
                    lt_date_vn(rows_get(y, i, "midyear_deadline"), d2),
                    lt_date_vn(rows_get(y, i, "review_deadline"), d3), rows_get(y, i, "title"));
        if (*code) html_printf(r, "<a href=\"/don-vi/%U\">%s</a>", code, rows_get(y, i, "unit_name"));
        html_printf(r, "</td><td><a href=\"/nam?sua=%s&amp;ma=%U#sua\">%s</a></td></tr>", rows_get(y, i, "year"), code,
                    TR(r, "Sửa", "Change"));
    }
    html_raw(r, "</tbody></table></div>");
}

/* A date field of the form: label, an optional hint, the value dd/mm/yyyy. */
static void date_field(web_req *r, const char *name, const char *label, const char *hint, const char *iso) {
    char vn[11];
    html_printf(r, "<label for=\"%s\">%s</label>", name, label);
    if (hint) html_printf(r, "<p class=\"muted\">%s</p>", hint);
    html_printf(r, "<input id=\"%s\" name=\"%s\" placeholder=\"dd/mm/yyyy\" value=\"%s\"/>", name, name,
                lt_date_vn(iso, vn));
}

/* The form that opens a year (each field with its label), filled with row
** `at` of y when a year is being changed (at < 0: empty). */
static void years_form(web_req *r, const dom_rows *y, long at) {
#define V(col) (at >= 0 ? rows_get(y, at, col) : "")
    html_printf(r, "<h2 id=\"sua\">%s</h2><form method=\"post\" action=\"/nam\" class=\"box\">",
                at >= 0 ? TR(r, "Sửa năm", "Change the year") : TR(r, "Mở năm mới hoặc sửa một năm", "Open a year or change one"));
    html_csrf(r);
    html_printf(r, "<label for=\"nam\">%s</label><input id=\"nam\" name=\"nam\" required=\"required\""
                   " inputmode=\"numeric\" value=\"%s\"/>", TR(r, "Năm", "Year"), V("year"));
    html_unit_picker(r, "don_vi", TR(r, "Cấp ủy ban hành chuyên đề", "Issuing committee"), V("unit_code"),
                     at >= 0 ? atoi(V("year")) : page_year(r), 0);
    html_printf(r, "<label for=\"tieu_de\">%s</label><textarea id=\"tieu_de\" name=\"tieu_de\" rows=\"2\" "
                   "required=\"required\">%s</textarea><label for=\"noi_dung\">%s</label><textarea id=\"noi_dung\" "
                   "name=\"noi_dung\" rows=\"4\">%s</textarea><label for=\"van_ban\">%s</label><input id=\"van_ban\" "
                   "name=\"van_ban\" value=\"%s\"/>", TR(r, "Tên chuyên đề", "Topic title"), V("title"),
                TR(r, "Nội dung", "Text"), V("body"), TR(r, "Văn bản", "Source document"), V("source_doc"));
    date_field(r, "han_can_bo_chu_chot", TR(r, "Hạn đăng ký của cán bộ chủ chốt", "Key cadres' registration deadline"),
               TR(r, "Trên trước, dưới sau: cán bộ chủ chốt đăng ký trước hạn chung (để trống nếu không đặt).",
                  "Leaders first: key cadres register before everyone else (leave empty for none)."), V("key_deadline"));
    date_field(r, "han_dang_ky", TR(r, "Hạn đăng ký", "Registration deadline"), NULL, V("registration_deadline"));
    date_field(r, "han_so_ket", TR(r, "Hạn sơ kết", "Mid-year deadline"), NULL, V("midyear_deadline"));
    date_field(r, "han_danh_gia", TR(r, "Hạn đánh giá", "Review deadline"), NULL, V("review_deadline"));
    html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Lưu", "Save"));
#undef V
}

/* The row of the year being changed (?sua=Y, and ?ma=CODE of its issuing
** committee when the year has topics from several), or -1. */
static long year_being_changed(web_req *r, const dom_rows *y) {
    const char *want = web_param_get(&r->query, "sua"), *code = web_param_get(&r->query, "ma");
    for (long i = 0; want && i < y->n; i++)
        if (!strcmp(rows_get(y, i, "year"), want) && (!code || !*code || !strcmp(rows_get(y, i, "unit_code"), code)))
            return i;
    return -1;
}

int page_year_setup(web_req *r, lt_err *e) {
    dom_rows y;
    if (q_years(&r->ctx, &y, e)) return e->code;
    html_begin(r, TR(r, "Năm và chuyên đề", "Years and topics"));
    const char *done = web_param_get(&r->query, "xong"), *ny = web_param_get(&r->query, "nam");
    long saved;
    if (done && !strcmp(done, "nam") && ny && !lt_parse_long(ny, 1990, 2100, &saved))
        html_printf(r, "<p class=\"done\" role=\"status\">%s %ld %s</p>", TR(r, "Đã lưu năm", "Saved the year"), saved,
                    TR(r, "và chuyên đề.", "and its topic."));
    years_table(r, &y);
    years_form(r, &y, year_being_changed(r, &y));
    rows_free(&y);
    html_end(r);
    return LT_OK;
}

int page_year_save(web_req *r, lt_err *e) {
    int year;
    if (form_year(r, "nam", &year, e)) return e->code;
    year_in y = {year, form(r, "han_dang_ky"), form(r, "han_can_bo_chu_chot"), form(r, "han_so_ket"),
                 form(r, "han_danh_gia")};
    if (year_open(&r->ctx, &y, e) ||
        topic_save(&r->ctx, form(r, "don_vi"), year, form(r, "tieu_de"), form(r, "noi_dung"),
                   form(r, "van_ban"), 0, e))
        return e->code;
    char path[64];
    snprintf(path, sizeof path, "/nam?xong=nam&nam=%d", year);
    web_redirect(r, path);
    return LT_OK;
}
