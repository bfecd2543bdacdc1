/*
** page_units.c — the units tree (closed and merged units with their
** successors), a unit's page with its records of the year, and the forms
** that record deployments (one unit, or all sub-units at once), mass
** deployments, standards, inspections and follow-ups, models and
** commendations, breakthroughs; and the year's setup (admin).
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tree below root as nested lists (iterative; stacks sized by the tree). */
static void tree_list(web_req *r, const unit_tree *t, long root) {
    long *stack = malloc((size_t)(t->n + 1) * sizeof *stack);
    int *depth = malloc((size_t)(t->n + 1) * sizeof *depth);
    long *kids = malloc((size_t)(t->n + 1) * sizeof *kids);
    if (!stack || !depth || !kids) { /* the page fails whole (the router reads out.err) */
        free(stack); free(depth); free(kids);
        r->out.err = LT_EOOM;
        return;
    }
    long top = 0;
    int open = 0;
    stack[top] = root;
    depth[top++] = 0;
    while (top > 0) {
        long i = stack[--top];
        int d = depth[top];
        while (open > d) { html_raw(r, "</ul>"); open--; }
        while (open < d + 1) { html_raw(r, "<ul class=\"tree\">"); open++; }
        html_printf(r, "<li><a href=\"/don-vi/%U\">%s</a> <small>%s</small></li>", t->nodes[i].code,
                    t->nodes[i].name, vocab_word(r, t->nodes[i].kind));
        /* push children in reverse so they come out in order */
        long nk = 0;
        for (long c = t->nodes[i].first_child; c >= 0; c = t->nodes[c].next_sibling) kids[nk++] = c;
        for (long k = nk - 1; k >= 0; k--) { stack[top] = kids[k]; depth[top++] = d + 1; }
    }
    while (open-- > 0) html_raw(r, "</ul>");
    free(stack);
    free(depth);
    free(kids);
}

int page_units(web_req *r, lt_err *e) {
    char today[11];
    lt_today(today);
    int year = web_param_get(&r->query, "nam") ? page_year(r) : atoi(today);
    const ind_result *yr; /* the year's handle: its tree */
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    const unit_tree *t = &yr->tree;
    char title[96];
    snprintf(title, sizeof title, "%s %d", TR(r, "Cây đơn vị năm", "Units in"), year);
    html_begin(r, title);
    html_printf(r, "<p>%s <a href=\"/don-vi?nam=2020\">2020</a> · <a href=\"/don-vi?nam=%d\">%d</a></p>",
                TR(r, "Cây đơn vị theo từng năm:", "The tree of a year:"), atoi(today), atoi(today));
    /* the actor's part of the year's tree (scope.c): all of it, their
    ** unit's subtree, or nothing when their unit is not in that year */
    long top;
    lt_err none = {0};
    if (scope_tree_top(&r->ctx, t, &top, &none)) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, none.vi, none.en));
    else if (top >= 0) tree_list(r, t, top);
    else for (long i = 0; i < t->n; i++) if (t->nodes[i].parent < 0) tree_list(r, t, i);
    ind_release(yr);
    dom_rows closed;
    if (q_units_closed(&r->ctx, &closed, e)) return e->code;
    html_printf(r, "<h2>%s</h2>", TR(r, "Đơn vị đã giải thể, sáp nhập", "Closed and merged units"));
    static const char *const cols[] = {"name", "Tên|Name", "active_to", "Đến ngày|Until", "successors",
                                       "Sáp nhập vào|Merged into", NULL};
    html_rows(r, &closed, cols, "code", "/don-vi/");
    rows_free(&closed);
    html_end(r);
    return LT_OK;
}

/* One list of the unit's records with its heading. */
static int records(web_req *r, long long unit_id, int year, const char *what, const char *vi,
                   const char *en, const char *const *cols, lt_err *e) {
    dom_rows rows;
    if (q_unit_records(&r->ctx, unit_id, year, what, &rows, e)) return e->code;
    html_printf(r, "<h2>%s</h2>", TR(r, vi, en));
    html_rows(r, &rows, cols, NULL, NULL);
    rows_free(&rows);
    return LT_OK;
}

/* The forms that record things for this unit (writers only). */
static void record_forms(web_req *r, const char *code, int year) {
    if (r->ctx.role != ROLE_ADMIN && r->ctx.role != ROLE_OFFICER) return;
    html_printf(r, "<h2>%s</h2>", TR(r, "Ghi nhận", "Record"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/trien-khai\" class=\"box\"><b>%s</b>", code,
                TR(r, "Triển khai chuyên đề", "Deployment of the topic"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" value=\"%d\" inputmode=\"numeric\"/>"
                   "<label>%s</label><input name=\"ngay\" placeholder=\"dd/mm/yyyy\" required=\"required\"/>"
                   "<label>%s</label><select name=\"hinh_thuc\"><option value=\"cell_meeting\">Sinh hoạt chi bộ"
                   "</option><option value=\"conference\">Hội nghị</option><option value=\"integrated\">Lồng ghép"
                   "</option></select><label>%s</label><input name=\"co_mat\" inputmode=\"numeric\" required=\"required\"/>"
                   "<label>%s</label><input name=\"tong_so\" inputmode=\"numeric\" required=\"required\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), year, TR(r, "Ngày", "Date"), TR(r, "Hình thức", "Form"),
                TR(r, "Có mặt", "Present"), TR(r, "Tổng số", "Expected"), TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/trien-khai-tat-ca\" class=\"box\"><b>%s</b>",
                code, TR(r, "Triển khai cho tất cả đơn vị trực thuộc chưa triển khai",
                         "Deployment for every sub-unit not yet deployed"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" value=\"%d\"/><label>%s</label><input name=\"ngay\" "
                   "placeholder=\"dd/mm/yyyy\" required=\"required\"/><button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), year, TR(r, "Ngày", "Date"), TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/dan-van\" class=\"box\"><b>%s</b>", code,
                TR(r, "Triển khai đến đoàn viên, hội viên, nhân dân", "Mass deployment"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" value=\"%d\"/><label>%s</label><input name=\"ngay\" "
                   "placeholder=\"dd/mm/yyyy\" required=\"required\"/><label>%s</label><input name=\"doan_vien\" "
                   "inputmode=\"numeric\" value=\"0\"/><label>%s</label><input name=\"hoi_vien\" inputmode=\"numeric\" "
                   "value=\"0\"/><label>%s</label><input name=\"nhan_dan\" inputmode=\"numeric\" value=\"0\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), year, TR(r, "Ngày", "Date"), TR(r, "Số đoàn viên", "Union members"),
                TR(r, "Số hội viên", "Association members"), TR(r, "Số người dân", "People reached"),
                TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/chuan-muc\" class=\"box\"><b>%s</b>", code,
                TR(r, "Chuẩn mực đạo đức", "Ethical standard"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"phuong_cham\" required=\"required\"/><label>%s</label>"
                   "<textarea name=\"noi_dung\" rows=\"3\"></textarea><label>%s</label><input name=\"ngay\" "
                   "placeholder=\"dd/mm/yyyy\" required=\"required\"/><label>%s</label><input name=\"tu_nam\" value=\"%d\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Phương châm", "Motto"), TR(r, "Các nội dung (mỗi dòng một nội dung)", "Items, one per line"),
                TR(r, "Ngày thông qua", "Adopted on"), TR(r, "Áp dụng từ năm", "Valid from"), year,
                TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/kiem-tra\" class=\"box\"><b>%s</b>", code,
                TR(r, "Kiểm tra, giám sát đơn vị này", "Inspection of this unit"));
    html_csrf(r);
    html_unit_picker(r, "don_vi_kiem_tra", TR(r, "Đơn vị kiểm tra, giám sát", "Inspecting unit"), "", year, 1);
    html_printf(r, "<label>%s</label><select "
                   "name=\"loai\"><option value=\"inspection\">%s</option><option value=\"supervision\">%s"
                   "</option></select><label>%s</label><input name=\"ngay\" placeholder=\"dd/mm/yyyy\" required=\"required\"/>"
                   "<label>%s</label><textarea name=\"noi_dung\" rows=\"2\"></textarea><label>%s</label>"
                   "<textarea name=\"ket_luan\" rows=\"2\"></textarea><label>%s</label><input name=\"khac_phuc\"/>"
                   "<label>%s</label><input name=\"han\" placeholder=\"dd/mm/yyyy\"/><button type=\"submit\">%s"
                   "</button></form>",
                TR(r, "Loại", "Kind"),
                TR(r, "Kiểm tra", "Inspection"), TR(r, "Giám sát", "Supervision"), TR(r, "Ngày", "Date"),
                TR(r, "Nội dung", "Content"), TR(r, "Kết luận", "Conclusion"),
                TR(r, "Việc cần khắc phục", "Follow-up"), TR(r, "Hạn khắc phục", "Due"), TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/mo-hinh\" class=\"box\"><b>%s</b>", code,
                TR(r, "Mô hình, điển hình và khen thưởng", "Model and commendation"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" value=\"%d\"/><label>%s</label><input name=\"ten\" "
                   "required=\"required\"/><label>%s</label><input name=\"doi_tuong\"/><label>%s</label><textarea "
                   "name=\"mo_ta\" rows=\"2\"></textarea><label>%s</label><input name=\"dong_gop\" "
                   "inputmode=\"numeric\"/><label>%s</label><select name=\"cap\"><option value=\"\">—</option>"
                   "<option value=\"unit\">Đơn vị</option><option value=\"grassroots\">Cơ sở</option>"
                   "<option value=\"district\">Huyện</option><option value=\"province\">Tỉnh</option>"
                   "<option value=\"central\">Trung ương</option></select><label>%s</label><input "
                   "name=\"so_quyet_dinh\"/><label>%s</label><input name=\"ngay_quyet_dinh\" "
                   "placeholder=\"dd/mm/yyyy\"/><button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), year, TR(r, "Tên mô hình", "Title"),
                TR(r, "Người, tập thể", "Person or collective"), TR(r, "Mô tả", "Description"),
                TR(r, "Số tiền đóng góp (đồng)", "Contribution (VND)"),
                TR(r, "Cấp khen thưởng", "Commendation level"), TR(r, "Số quyết định", "Decision no."),
                TR(r, "Ngày quyết định", "Decision date"), TR(r, "Lưu", "Save"));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/dot-pha\" class=\"box\"><b>%s</b>", code,
                TR(r, "Nội dung đột phá", "Breakthrough"));
    html_csrf(r);
    html_printf(r, "<label>%s</label><input name=\"nam\" value=\"%d\"/><label>%s</label><textarea "
                   "name=\"noi_dung\" rows=\"2\" required=\"required\"></textarea><label>%s</label><input name=\"ket_qua\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Năm", "Year"), year, TR(r, "Nội dung", "Content"), TR(r, "Kết quả", "Result"),
                TR(r, "Lưu", "Save"));
}

/* Taking in a member transferred from elsewhere (the code on their
** transfer papers), for an officer or admin. */
/* Accounts for everyone of the unit who has none, their slips downloaded. */
static void accounts_form(web_req *r, const char *code) {
    if (r->ctx.role != ROLE_ADMIN && r->ctx.role != ROLE_OFFICER) return;
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/tai-khoan\" class=\"box\"><b>%s</b><p>%s</p>",
                code, TR(r, "Tài khoản cho người chưa có", "Accounts for those without one"),
                TR(r, "Tạo tài khoản cho mọi người của đơn vị (kể cả các đơn vị trực thuộc) chưa có tài khoản, "
                      "và tải về phiếu kích hoạt (8 phiếu một trang A4) để phát tại buổi sinh hoạt. Mã kích "
                      "hoạt chỉ có trên phiếu, dùng một lần, hết hạn sau 30 ngày.",
                   "Make an account for everyone of the unit (and the units below it) who has none, and "
                   "download their activation slips (eight an A4 page) to hand out at the next meeting. "
                   "The codes are only on the slips, single use, valid 30 days."));
    html_csrf(r);
    html_printf(r, "<button type=\"submit\">%s</button></form>", TR(r, "Tạo tài khoản và tải phiếu", "Make them and download the slips"));
}

/* The unit's own letterhead marks (DESIGN §9), each empty for its default. */
static int letterhead_form(web_req *r, long long id, const char *code, lt_err *e) {
    if (r->ctx.role != ROLE_ADMIN && r->ctx.role != ROLE_OFFICER) return LT_OK;
    unit_letterhead own;
    if (unit_letterhead_get(&r->ctx, id, &own, e)) return e->code;
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/the-thuc\" class=\"box\"><b>%s</b><p>%s</p>", code,
                TR(r, "Thể thức văn bản của đơn vị", "The unit's letterhead"),
                TR(r, "Dùng trên báo cáo và biểu mẫu (Hướng dẫn 36-HD/VPTW). Để trống để dùng mặc định.",
                   "Used on reports and forms (Hướng dẫn 36-HD/VPTW). Leave empty for the default."));
    html_csrf(r);
    html_printf(r, "<label for=\"ky_hieu\">%s</label><input id=\"ky_hieu\" name=\"ky_hieu\" value=\"%s\""
                   " placeholder=\"HU, ĐU, CB\"/><label for=\"dia_danh\">%s</label><input id=\"dia_danh\""
                   " name=\"dia_danh\" value=\"%s\" placeholder=\"%s\"/><label for=\"nguoi_ky_dv\">%s</label>"
                   "<input id=\"nguoi_ky_dv\" name=\"nguoi_ky\" value=\"%s\" placeholder=\"%s\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Ký hiệu cơ quan ban hành (trong số văn bản: Số 12-BC/HU)", "Issuer abbreviation (in the"
                   " number: Số 12-BC/HU)"), own.abbr,
                TR(r, "Địa danh ghi trước ngày tháng", "Place name before the date"), own.place,
                TR(r, "vd: Chợ Lách", "e.g. Chợ Lách"),
                TR(r, "Người ký (để trống: bí thư của đơn vị trong năm)", "Signer (empty: the unit's secretary"
                   " that year)"), own.signer, TR(r, "Họ và tên", "Full name"), TR(r, "Lưu", "Save"));
    return LT_OK;
}

static void take_in_form(web_req *r, const char *code) {
    if (r->ctx.role != ROLE_ADMIN && r->ctx.role != ROLE_OFFICER) return;
    char today[11];
    page_today(today);
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/nhan-chuyen\" class=\"box\"><b>%s</b>", code,
                TR(r, "Nhận người chuyển đến sinh hoạt", "Take in a member transferred here"));
    html_csrf(r);
    html_printf(r, "<label for=\"ma_nguoi\">%s</label><input id=\"ma_nguoi\" name=\"ma_nguoi\" "
                   "required=\"required\"/><label for=\"ngay_nhan\">%s</label><input id=\"ngay_nhan\" "
                   "name=\"ngay\" required=\"required\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/>"
                   "<label for=\"chuc_vu_nhan\">%s</label><input id=\"chuc_vu_nhan\" name=\"chuc_vu\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Mã cán bộ, đảng viên (ghi trên giấy giới thiệu)", "The person's code (on their papers)"),
                TR(r, "Sinh hoạt tại đơn vị từ ngày", "Member here from"), today,
                TR(r, "Chức vụ tại đơn vị (để trống: giữ nguyên)", "Position here (empty: the same)"),
                TR(r, "Ghi nhận", "Record"));
}

/* Open follow-ups of the unit's inspections, each with a "done" form. */
static int open_followups(web_req *r, long long unit_id, const char *code, int year, lt_err *e) {
    dom_rows rows;
    if (q_unit_records(&r->ctx, unit_id, 1, "followups", &rows, e)) return e->code;
    html_printf(r, "<h2>%s (%N)</h2>", TR(r, "Việc khắc phục chưa xong", "Open follow-ups"), (long long)rows.n);
    int writer = r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER;
    for (long i = 0; i < rows.n; i++) {
        html_printf(r, "<p>%s — %s %s</p>", rows_get(&rows, i, "body"), TR(r, "hạn", "due"),
                    rows_get(&rows, i, "due_on"));
        if (!writer) continue;
        html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/khac-phuc-xong\" class=\"box\">", code);
        html_csrf(r);
        html_printf(r, "<input type=\"hidden\" name=\"nam\" value=\"%d\"/>", year); /* back to this year */
        html_printf(r, "<input type=\"hidden\" name=\"khac_phuc\" value=\"%s\"/><label>%s</label><input "
                       "name=\"ngay\" placeholder=\"dd/mm/yyyy\" required=\"required\"/><button type=\"submit\">%s"
                       "</button></form>", rows_get(&rows, i, "id"), TR(r, "Ngày hoàn thành", "Done on"),
                    TR(r, "Đã khắc phục", "Mark done"));
    }
    rows_free(&rows);
    return LT_OK;
}

/* The unit's people, a page at a time (a commune has thousands). */
#define UNIT_PEOPLE_PAGE 200

/* Page `page` of the people (read with one more than a page), under a
** heading with their count or the places shown, and links to the pages
** before and after. */
static void people_page(web_req *r, const dom_rows *people, const char *const *cols, const char *code, int year,
                        long page) {
    int more = people->n > UNIT_PEOPLE_PAGE;
    dom_rows shown = *people; /* the one more is not shown */
    if (more) shown.n = UNIT_PEOPLE_PAGE;
    long long first = (long long)(page - 1) * UNIT_PEOPLE_PAGE;
    if ((page == 1 && !more) || shown.n == 0) /* all of them, or a page past the last */
        html_printf(r, "<h2 id=\"nguoi\">%s (%N)</h2>", TR(r, "Cán bộ, đảng viên", "People"), (long long)shown.n);
    else
        html_printf(r, "<h2 id=\"nguoi\">%s (%s%N–%N)</h2>", TR(r, "Cán bộ, đảng viên", "People"),
                    TR(r, "người thứ ", ""), first + 1, first + shown.n);
    html_rows(r, &shown, cols, "code", "/nguoi/");
    if (page == 1 && !more) return;
    html_raw(r, "<p class=\"pages\">");
    if (page > 1)
        html_printf(r, "<a href=\"/don-vi/%U?nam=%d&amp;trang=%ld#nguoi\">%s</a> ", code, year, page - 1,
                    TR(r, "← Trang trước", "← Previous"));
    html_printf(r, "%s %N", TR(r, "Trang", "Page"), (long long)page);
    if (more)
        html_printf(r, " <a href=\"/don-vi/%U?nam=%d&amp;trang=%ld#nguoi\">%s</a>", code, year, page + 1,
                    TR(r, "Trang sau →", "Next →"));
    html_raw(r, "</p>");
}

int page_unit(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long id;
    char code[64];
    if (page_unit_arg(r, year, &id, code, e)) return e->code;
    const char *pg = web_param_get(&r->query, "trang");
    long page = 1;
    if (pg && lt_parse_long(pg, 1, 1000000, &page)) page = 1;
    dom_rows people; /* a page of them, and one more to know there are more */
    if (q_people(&r->ctx, id, year, NULL, UNIT_PEOPLE_PAGE + 1, (int)((page - 1) * UNIT_PEOPLE_PAGE), &people, e))
        return e->code;
    char title[256];
    if (page_unit_name(r, id, year, title, e)) { rows_free(&people); return e->code; }
    html_begin(r, title);
    html_printf(r, "<p><a href=\"/tong-quan?don_vi=%U&amp;nam=%d\">%s</a> · %s <a href=\"/don-vi/%U?nam=%d\">%d</a>"
                   " <a href=\"/don-vi/%U?nam=%d\">%d</a> · <a href=\"/don-vi/%U/tap-the?nam=%d\">%s</a></p>", code, year,
                TR(r, "Chỉ số của đơn vị", "Indicators"), TR(r, "Năm:", "Year:"), code, year - 1, year - 1,
                code, year + 1, year + 1, code, year, TR(r, "Đăng ký tập thể", "Collective registration"));
    page_export_links(r, TR(r, "Bản đăng ký", "Registrations"), "registrations", code, year);
    page_export_links(r, TR(r, "Triển khai chuyên đề", "Deployments"), "deployments", code, year);
    static const char *const dep[] = {"year", "Năm|Year", "held_on", "Ngày|Date", "form", "Hình thức|Form",
                                      "present", "#Có mặt|Present", "expected", "#Tổng số|Expected", NULL};
    static const char *const ins[] = {"kind", "Loại|Kind", "held_on", "Ngày|Date", "inspecting",
                                      "Đơn vị kiểm tra|By", "content", "Nội dung|Content", "conclusion",
                                      "Kết luận|Conclusion", "followups_open", "#Khắc phục còn mở|Open", NULL};
    static const char *const std[] = {"motto", "Phương châm|Motto", "adopted_on", "Thông qua|Adopted",
                                      "valid_from", "Từ năm|From", NULL};
    static const char *const mod[] = {"title", "Mô hình|Model", "description", "Mô tả|Description",
                                      "contribution_vnd", "#Đóng góp (đồng)|Contribution (VND)", NULL};
    static const char *const com[] = {"title", "Khen thưởng|Commendation", "level", "Cấp|Level",
                                      "decision_no", "Quyết định|Decision", "decision_on", "Ngày|Date", NULL};
    static const char *const brk[] = {"body", "Nội dung|Content", "result", "Kết quả|Result", NULL};
    int rc = records(r, id, year, "deployments", "Triển khai chuyên đề", "Deployments", dep, e);
    if (!rc) rc = records(r, id, year, "inspections", "Kiểm tra, giám sát", "Inspections", ins, e);
    if (!rc) rc = records(r, id, year, "standards", "Chuẩn mực đạo đức", "Standards", std, e);
    if (!rc) rc = records(r, id, year, "models", "Mô hình, điển hình", "Models", mod, e);
    if (!rc) rc = records(r, id, year, "commendations", "Khen thưởng", "Commendations", com, e);
    if (!rc) rc = records(r, id, year, "breakthroughs", "Nội dung đột phá", "Breakthroughs", brk, e);
    if (!rc) rc = open_followups(r, id, code, year, e);
    if (rc == LT_OK) {
        static const char *const pcols[] = {"code", "Mã|Code", "full_name", "Họ tên|Name", "unit_name",
                                            "Đơn vị|Unit", "position", "Chức vụ|Position", NULL};
        people_page(r, &people, pcols, code, year, page);
        take_in_form(r, code);
        accounts_form(r, code);
        rc = letterhead_form(r, id, code, e);
    }
    if (rc == LT_OK) {
        record_forms(r, code, year);
        html_end(r);
    }
    rows_free(&people);
    return rc;
}

/* The year the form came from (its hidden nam), else the page's. */
static int form_or_page_year(web_req *r) {
    long y;
    return lt_parse_long(form(r, "nam"), 1990, 2100, &y) == 0 ? (int)y : page_year(r);
}

/* After a record is saved: back to the unit's page of its year, saying so. */
static int back_to_unit(web_req *r, int year) {
    char path[128];
    snprintf(path, sizeof path, "/don-vi/%.64s?nam=%d&xong=luu", r->args[0], year);
    web_redirect(r, path);
    return LT_OK;
}

int page_unit_deploy(web_req *r, lt_err *e) {
    deployment_in d = {r->args[0], 0, form(r, "ngay"), form(r, "hinh_thuc"), form(r, "ghi_chu"), 0, 0};
    if (form_year(r, "nam", &d.year, e) || form_count(r, "co_mat", &d.present, e) ||
        form_count(r, "tong_so", &d.expected, e) || deployment_save(&r->ctx, &d, NULL, e))
        return e->code;
    return back_to_unit(r, d.year);
}

int page_unit_deploy_all(web_req *r, lt_err *e) {
    int year;
    long long id;
    if (form_year(r, "nam", &year, e) || unit_find(&r->ctx, r->args[0], &id, e)) return e->code;
    dom_rows missing;
    if (q_missing(&r->ctx, id, year, MISSING_DEPLOYMENTS, 100000, &missing, e)) return e->code;
    int rc = LT_OK;
    for (long i = 0; i < missing.n && rc == LT_OK; i++) {
        if (strcmp(rows_get(&missing, i, "code"), r->args[0]) == 0) continue;
        deployment_in d = {rows_get(&missing, i, "code"), year, form(r, "ngay"), "cell_meeting", "", 0, 0};
        rc = deployment_save(&r->ctx, &d, NULL, e);
    }
    rows_free(&missing);
    return rc ? rc : back_to_unit(r, year);
}

int page_unit_mass(web_req *r, lt_err *e) {
    int year;
    long u, a, p;
    if (form_year(r, "nam", &year, e) || form_count(r, "doan_vien", &u, e) ||
        form_count(r, "hoi_vien", &a, e) || form_count(r, "nhan_dan", &p, e) ||
        mass_deployment_save(&r->ctx, r->args[0], year, form(r, "ngay"), u, a, p, e))
        return e->code;
    return back_to_unit(r, year);
}

int page_unit_letterhead(web_req *r, lt_err *e) {
    unit_letterhead in;
    snprintf(in.abbr, sizeof in.abbr, "%s", form(r, "ky_hieu"));
    snprintf(in.place, sizeof in.place, "%s", form(r, "dia_danh"));
    snprintf(in.signer, sizeof in.signer, "%s", form(r, "nguoi_ky"));
    if (strlen(form(r, "ky_hieu")) >= sizeof in.abbr || strlen(form(r, "dia_danh")) >= sizeof in.place ||
        strlen(form(r, "nguoi_ky")) >= sizeof in.signer)
        return lt_err_set(e, LT_EINPUT, "thể thức văn bản: nội dung quá dài", "letterhead: too long");
    if (unit_letterhead_save(&r->ctx, r->args[0], &in, e)) return e->code;
    char path[128];
    snprintf(path, sizeof path, "/don-vi/%.64s?xong=the-thuc", r->args[0]);
    web_redirect(r, path);
    return LT_OK;
}

int page_unit_standard(web_req *r, lt_err *e) {
    int from;
    if (form_year(r, "tu_nam", &from, e) ||
        standard_save(&r->ctx, r->args[0], form(r, "phuong_cham"), form(r, "noi_dung"), form(r, "ngay"),
                      from, 0, e))
        return e->code;
    return back_to_unit(r, from);
}

int page_unit_inspection(web_req *r, lt_err *e) {
    long long insp, fu;
    char iso[11];
    if (inspection_add(&r->ctx, form(r, "don_vi_kiem_tra"), r->args[0], form(r, "loai"), form(r, "ngay"),
                       form(r, "noi_dung"), form(r, "ket_qua"), form(r, "ket_luan"), &insp, e))
        return e->code;
    if (*form(r, "khac_phuc") && followup_add(&r->ctx, insp, form(r, "khac_phuc"), form(r, "han"), &fu, e))
        return e->code;
    lt_parse_date(form(r, "ngay"), iso);
    return back_to_unit(r, atoi(iso));
}

int page_unit_followup(web_req *r, lt_err *e) {
    long long fu;
    long insp;
    if (lt_parse_long(form(r, "kiem_tra"), 1, 1L << 53, &insp))
        return lt_err_set(e, LT_EINPUT, "kiem_tra: số không hợp lệ", "kiem_tra: invalid number");
    if (followup_add(&r->ctx, insp, form(r, "noi_dung"), form(r, "han"), &fu, e)) return e->code;
    return back_to_unit(r, form_or_page_year(r));
}

int page_unit_followup_done(web_req *r, lt_err *e) {
    long fu;
    if (lt_parse_long(form(r, "khac_phuc"), 1, 1L << 53, &fu))
        return lt_err_set(e, LT_EINPUT, "khac_phuc: số không hợp lệ", "khac_phuc: invalid number");
    if (followup_done(&r->ctx, fu, form(r, "ngay"), e)) return e->code;
    return back_to_unit(r, form_or_page_year(r));
}

int page_unit_model(web_req *r, lt_err *e) {
    int year;
    long vnd = -1;
    if (form_year(r, "nam", &year, e)) return e->code;
    if (*form(r, "dong_gop") && form_count(r, "dong_gop", &vnd, e)) return e->code;
    award_in a = {year, r->args[0], NULL, NULL, form(r, "doi_tuong"), form(r, "ten"), form(r, "mo_ta"),
                  vnd, form(r, "cap"), "praise", form(r, "so_quyet_dinh"), form(r, "ngay_quyet_dinh")};
    long long model, com;
    if (model_add(&r->ctx, &a, &model, e)) return e->code;
    if (*a.level && commendation_add(&r->ctx, &a, model, &com, e)) return e->code;
    return back_to_unit(r, year);
}

int page_unit_breakthrough(web_req *r, lt_err *e) {
    int year;
    if (form_year(r, "nam", &year, e) ||
        breakthrough_save(&r->ctx, r->args[0], year, form(r, "noi_dung"), form(r, "ket_qua"), e))
        return e->code;
    return back_to_unit(r, year);
}
