/*
** page_admin.c — list exports (CSV for Excel or XLSX, of the actor's
** subtree) and the audit log as a page: who did what, when, to which
** record, by name and in words, with filters and pages.
*/
#include "pages.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_PAGE 50

/* The lists that can be exported, with their file names' words. */
static const struct { const char *kind, *vi, *en; } export_kinds[] = {
    {"units", "Danh sách đơn vị", "Units"},
    {"people", "Danh sách cán bộ, đảng viên", "People"},
    {"registrations", "Bản đăng ký", "Registrations"},
    {"deployments", "Triển khai chuyên đề", "Deployments"},
    {"accounts", "Tài khoản", "Accounts"},
};

int page_export(web_req *r, lt_err *e) {
    int k = -1;
    for (int i = 0; i < (int)LT_ARRAY_LEN(export_kinds); i++)
        if (!strcmp(export_kinds[i].kind, r->args[0])) k = i;
    if (k < 0) return lt_err_set(e, LT_ENOTFOUND, "không có danh sách này", "no such list");
    const char *fmt = web_param_get(&r->query, "dinh_dang"), *unit = web_param_get(&r->query, "don_vi");
    const char *y = web_param_get(&r->query, "nam");
    int xlsx = fmt && !strcmp(fmt, "xlsx");
    long year = 0;
    if (fmt && *fmt && !xlsx && strcmp(fmt, "csv"))
        return lt_err_set(e, LT_EINPUT, "định dạng phải là xlsx hoặc csv", "the format must be xlsx or csv");
    if (y && *y && lt_parse_long(y, 1990, 2100, &year))
        return lt_err_set(e, LT_EINPUT, "nam: năm không hợp lệ", "nam: invalid year");
    long long root = 0;
    if (unit && *unit && unit_find(&r->ctx, unit, &root, e)) return e->code;
    export_format ef = xlsx ? EXPORT_XLSX : EXPORT_CSV;
    int rc = k == 4 ? export_accounts(&r->ctx, unit, ef, &r->out, e)
                    : export_list_in(&r->ctx, r->args[0], root, (int)year, ef, &r->out, e);
    if (rc) return rc;
    char name[200];
    snprintf(name, sizeof name, "%s%s%.64s%s%.0ld.%s", TR(r, export_kinds[k].vi, export_kinds[k].en),
             unit && *unit ? " " : "", unit ? unit : "", year ? " " : "", year, xlsx ? "xlsx" : "csv");
    web_attachment(r, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8", name);
    return LT_OK;
}

void page_export_links(web_req *r, const char *label, const char *kind, const char *unit, int year) {
    static const char *const formats[] = {"xlsx", "Excel", "csv", "CSV"};
    html_printf(r, "<p class=\"export\">%s", label);
    if (year) html_printf(r, " (%s %d)", TR(r, "năm", "year"), year);
    html_printf(r, " — %s ", TR(r, "tải về:", "download:"));
    for (int i = 0; i < 4; i += 2) {
        html_printf(r, "%S<a href=\"/xuat/%U?dinh_dang=%S", i ? " · " : "", kind, formats[i]);
        if (unit && *unit) html_printf(r, "&amp;don_vi=%U", unit);
        if (year) html_printf(r, "&amp;nam=%d", year);
        html_printf(r, "\">%s</a>", formats[i + 1]);
    }
    html_raw(r, "</p>");
}

const char *page_actor_label(web_req *r, const char *actor, const char *name) {
    if (!strncmp(actor, "cli:", 4)) return TR(r, "văn phòng (dòng lệnh)", "the office (command line)");
    return name && *name ? name : actor;
}

/* ---- the audit log -------------------------------------------------------- */

/* The kinds of records the filter offers (q_audit_list's groups). */
static const char *const audit_kinds[] = {
    "registration", "Bản đăng ký", "Registrations",
    "collective", "Bản đăng ký tập thể", "Collective registrations",
    "person", "Cán bộ, đảng viên", "People",
    "unit", "Đơn vị", "Units",
    "account", "Tài khoản", "Accounts",
    "topic", "Năm, chuyên đề", "Years and topics",
    "deployment", "Triển khai", "Deployments",
    "inspection", "Kiểm tra, giám sát", "Inspections",
    "model", "Mô hình, khen thưởng", "Models and commendations",
    "standard", "Chuẩn mực đạo đức", "Standards",
    "breakthrough", "Nội dung đột phá", "Breakthroughs",
    "report_text", "Phần viết của báo cáo", "Report texts",
    NULL};

/* What an audit row's action did, in words (every action the domain
** writes: grep dom_audit and db_audit). */
static const char *const audit_actions[] = {
    "insert:registration", "Tạo bản đăng ký", "Started a registration",
    "submitted:registration", "Gửi duyệt bản đăng ký", "Submitted a registration",
    "approved:registration", "Duyệt bản đăng ký", "Approved a registration",
    "returned:registration", "Trả lại bản đăng ký", "Returned a registration",
    "published:registration", "Công khai bản đăng ký", "Published a registration",
    "self_assessed:registration", "Tự đánh giá bản đăng ký", "Self-assessed a registration",
    "evaluated:registration", "Đánh giá, xếp loại bản đăng ký", "Graded a registration",
    "draft:registration", "Đưa bản đăng ký về bản nháp", "Put a registration back to draft",
    "set_items:registration", "Ghi nội dung đăng ký (nhập tệp)", "Set a registration's items (import)",
    "restore:registration", "Ghi trạng thái bản đăng ký (nhập tệp)", "Restored a registration's state (import)",
    "insert:registration_item", "Thêm nội dung đăng ký", "Added an item",
    "assess:registration_item", "Tự đánh giá một nội dung", "Self-assessed an item",
    "insert:collective", "Tạo bản đăng ký tập thể", "Started a collective registration",
    "submitted:collective", "Gửi cấp trên duyệt bản đăng ký tập thể", "Submitted a collective registration",
    "approved:collective", "Duyệt bản đăng ký tập thể", "Approved a collective registration",
    "returned:collective", "Trả lại bản đăng ký tập thể", "Returned a collective registration",
    "published:collective", "Công khai bản đăng ký tập thể", "Published a collective registration",
    "self_assessed:collective", "Tự đánh giá bản đăng ký tập thể", "Self-assessed a collective registration",
    "evaluated:collective", "Đánh giá, xếp loại bản đăng ký tập thể", "Graded a collective registration",
    "set_items:collective", "Ghi nội dung đăng ký tập thể", "Set a collective registration's items",
    "insert:collective_item", "Thêm nội dung đăng ký tập thể", "Added a collective item",
    "assess:collective_item", "Tự đánh giá một nội dung đăng ký tập thể", "Self-assessed a collective item",
    "insert:unit", "Thêm đơn vị", "Added a unit",
    "update:unit", "Sửa đơn vị", "Changed a unit",
    "move:unit", "Chuyển đơn vị sang cấp trên khác", "Moved a unit under another",
    "merge:unit", "Sáp nhập đơn vị", "Merged a unit",
    "insert:unit_letterhead", "Lưu thể thức văn bản", "Saved a letterhead",
    "update:unit_letterhead", "Sửa thể thức văn bản", "Changed a letterhead",
    "insert:person", "Thêm cán bộ, đảng viên", "Added a person",
    "update:person", "Sửa thông tin cán bộ, đảng viên", "Changed a person",
    "move:person", "Chuyển sinh hoạt đảng", "Recorded a transfer",
    "leave:person", "Thôi sinh hoạt", "Recorded a leaving",
    "history:person", "Ghi quá trình sinh hoạt (nhập tệp)", "Recorded a membership history (import)",
    "import:person", "Nhập danh sách cán bộ, đảng viên", "Imported people",
    "insert:account", "Tạo tài khoản", "Created an account",
    "activate:account", "Kích hoạt tài khoản", "Activated an account",
    "reset:account", "Cấp mã kích hoạt mới", "Gave a new activation code",
    "disable:account", "Khóa tài khoản", "Disabled an account",
    "role:account", "Đổi vai trò", "Changed a role",
    "password:account", "Đổi mật khẩu", "Changed a password",
    "login:account", "Đăng nhập", "Logged in",
    "logout:account", "Đăng xuất", "Logged out",
    "save:topic", "Lưu chuyên đề", "Saved a topic",
    "open:year_setup", "Mở năm", "Opened a year",
    "save:deployment", "Ghi nhận triển khai", "Recorded a deployment",
    "save:mass_deployment", "Ghi nhận triển khai đến đoàn viên, hội viên, nhân dân", "Recorded a mass deployment",
    "insert:standard", "Ghi chuẩn mực đạo đức", "Adopted a standard",
    "insert:inspection", "Ghi nhận kiểm tra, giám sát", "Recorded an inspection",
    "insert:followup", "Thêm việc khắc phục", "Added a follow-up",
    "update:followup", "Hoàn thành việc khắc phục", "Closed a follow-up",
    "insert:model", "Thêm mô hình", "Added a model",
    "insert:commendation", "Ghi nhận khen thưởng", "Recorded a commendation",
    "insert:breakthrough", "Ghi nhận nội dung đột phá", "Recorded a breakthrough",
    "insert:report_text", "Lưu phần viết của báo cáo", "Saved a report's written part",
    NULL};

/* The action of an audit row in words (its code when unknown). */
static const char *audit_action_words(web_req *r, const char *action, const char *entity) {
    char key[96];
    snprintf(key, sizeof key, "%.40s:%.40s", action, entity);
    for (int i = 0; audit_actions[i]; i += 3)
        if (!strcmp(audit_actions[i], key)) return TR(r, audit_actions[i + 1], audit_actions[i + 2]);
    return action;
}

/* The kind of record an entity is, in words (of audit_kinds' groups). */
static const char *audit_entity_words(web_req *r, const char *entity) {
    static const char *const alias[] = {"registration_item", "registration", "unit_letterhead", "unit",
                                        "year_setup", "topic", "mass_deployment", "deployment", "followup",
                                        "inspection", "commendation", "model", NULL};
    for (int i = 0; alias[i]; i += 2)
        if (!strcmp(alias[i], entity)) entity = alias[i + 1];
    for (int i = 0; audit_kinds[i]; i += 3)
        if (!strcmp(audit_kinds[i], entity)) return TR(r, audit_kinds[i + 1], audit_kinds[i + 2]);
    return entity;
}

/* A stored field's name in words (its name when unknown). */
static const char *audit_field_words(web_req *r, const char *k) {
    static const char *const fields[] = {
        "status", "Trạng thái", "Status", "full_name", "Họ tên", "Name", "name", "Tên", "Name",
        "code", "Mã", "Code", "position", "Chức vụ", "Position", "category", "Đối tượng", "Category",
        "key_cadre", "Cán bộ chủ chốt", "Key cadre", "head", "Người đứng đầu", "Head",
        "grade", "Xếp loại", "Grade", "return_reason", "Lý do trả lại", "Reason returned",
        "published_at", "Ngày công khai", "Published", "title", "Tên", "Title", "body", "Nội dung", "Text",
        "held_on", "Ngày", "Date", "form", "Hình thức", "Form", "present", "Có mặt", "Present",
        "expected", "Tổng số", "Expected", "assessment", "Tự đánh giá", "Self-assessment",
        "assessment_note", "Ghi chú", "Note", "done_on", "Ngày hoàn thành", "Done on", "kind", "Loại", "Kind",
        "active_to", "Hoạt động đến", "Active until", "unit_id", "Đơn vị (số)", "Unit (id)",
        "birth_date", "Ngày sinh", "Born", "gender", "Giới tính", "Gender", "motto", "Phương châm", "Motto",
        "items", "Các chuẩn mực", "Items", "due_on", "Hạn", "Due", "deadline", "Hạn", "Deadline",
        "result", "Kết quả", "Result", "workplace", "Nơi công tác", "Workplace",
        "party_joined_on", "Ngày vào Đảng", "Joined the Party", "year", "Năm", "Year",
        "union_members", "Đoàn viên", "Union members", "association_members", "Hội viên", "Association members",
        "people_reached", "Nhân dân", "People reached", "approved_by", "Người duyệt", "Approved by",
        "approved_at", "Lúc duyệt", "Approved at", "evaluated_by", "Người đánh giá", "Evaluated by",
        "evaluated_at", "Lúc đánh giá", "Evaluated at", "active_from", "Hoạt động từ", "Active from",
        "issuer_abbr", "Chữ viết tắt", "Abbreviation", "place", "Địa danh", "Place", "signer", "Người ký", "Signer",
        "source_doc", "Văn bản", "Source document", "note", "Ghi chú", "Note", "content", "Nội dung", "Content",
        "findings", "Phát hiện", "Findings", "conclusion", "Kết luận", "Conclusion", "level", "Cấp", "Level",
        "decision_no", "Số quyết định", "Decision no.", "decision_on", "Ngày quyết định", "Decision date",
        "subject_text", "Đối tượng", "Subject", "contribution_vnd", "Đóng góp (đồng)", "Contribution (VND)",
        "final", "Bản chính thức", "Final", "part", "Phần", "Part", "saved_by", "Người lưu", "Saved by",
        "saved_at", "Lúc lưu", "Saved at", "year_from", "Từ năm", "From year", "year_to", "Đến năm", "To year",
        "valid_from", "Áp dụng từ năm", "Valid from", "valid_to", "Áp dụng đến năm", "Valid to",
        "required", "Phải đăng ký", "Required", "item_group", "Nhóm", "Group", NULL};
    for (int i = 0; fields[i]; i += 3)
        if (!strcmp(fields[i], k)) return TR(r, fields[i + 1], fields[i + 2]);
    return k;
}

/* A field's value as a reader reads it: codes in words, long text cut. */
static void audit_value(web_req *r, json_t *v) {
    char num[32];
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v)), s = num;
    else if (json_is_real(v)) snprintf(num, sizeof num, "%g", json_real_value(v)), s = num;
    if (!s || !*s) { html_raw(r, "—"); return; }
    char when[17];
    const char *w = status_label(r, s);
    if (w == s) w = vocab_word(r, s);
    if (!strncmp(s, "cli:", 4)) w = page_actor_label(r, s, NULL);
    else if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') w = lt_date_vn(s, when);
    else if (strlen(s) >= 16 && s[4] == '-' && s[10] == 'T') w = lt_time_vn(s, when);
    size_t n = strlen(w);
    if (n <= 80) { html_text(r, w); return; }
    while (n > 77 && (n > 80 || ((unsigned char)w[n] & 0xC0) == 0x80)) n--;
    char cut[84];
    snprintf(cut, sizeof cut, "%.*s", (int)n, w);
    html_printf(r, "%s…", cut);
}

/* Is k a field kept for the program's own use (sort keys, versions)? */
static int audit_internal(const char *k) {
    size_t n = strlen(k);
    return !strcmp(k, "id") || !strcmp(k, "version") || !strcmp(k, "title_unconfirmed") ||
           (n > 3 && !strcmp(k + n - 3, "_id")) || (n > 5 && (!strcmp(k + n - 5, "_fold") ||
           !strcmp(k + n - 5, "_sort") || !strcmp(k + n - 5, "_rank")));
}

/* What changed between before and after (JSON objects, or plain text as
** accounts keep: shown unless it is the record's name), in words, with
** the raw values under <details>. */
static void audit_changes(web_req *r, const char *before, const char *after, const char *target) {
    json_t *b = *before ? json_loads(before, 0, NULL) : NULL, *a = *after ? json_loads(after, 0, NULL) : NULL;
    int shown = 0;
    if (json_is_object(a)) {
        const char *k;
        json_t *v;
        json_object_foreach(a, k, v) {
            json_t *old = json_is_object(b) ? json_object_get(b, k) : NULL;
            if (audit_internal(k) || (old && json_equal(old, v)) || (!old && (json_is_null(v) ||
                (json_is_string(v) && !*json_string_value(v)))) || shown >= 6)
                continue;
            /* an item's position is its number, a person's their post */
            const char *label = !strcmp(k, "position") && json_is_integer(v) ? TR(r, "Mục số", "Item no.")
                                                                             : audit_field_words(r, k);
            html_printf(r, "%S%s: ", shown++ ? "<br/>" : "", label);
            if (old) { audit_value(r, old); html_raw(r, " → "); }
            audit_value(r, v);
        }
    } else if (*after && !a && strcmp(after, target)) {
        json_t *s = json_string(after);
        html_raw(r, "→ ");
        audit_value(r, s);
        json_decref(s);
        shown = 1;
    }
    if (!shown && json_is_object(b) && !json_is_object(a)) html_text(r, TR(r, "(đã xóa)", "(removed)"));
    if (*before || *after)
        html_printf(r, "<details><summary>%s</summary><pre>%s\n%s</pre></details>", TR(r, "Chi tiết", "Details"),
                    before, after);
    json_decref(a);
    json_decref(b);
}

/* The record an audit row is about: its kind in words and its name, a
** link where it has a page. */
static void audit_target(web_req *r, const dom_rows *rows, long i) {
    const char *entity = rows_get(rows, i, "entity"), *name = rows_get(rows, i, "target");
    long long reg = rows_int(rows, i, "reg_id");
    html_printf(r, "<td>%s: ", audit_entity_words(r, entity));
    if (reg)
        html_printf(r, "<a href=\"/dang-ky/%lld\">%s</a> (%s)", reg, *name ? name : "?", rows_get(rows, i, "target_year"));
    else if (*rows_get(rows, i, "person_code"))
        html_printf(r, "<a href=\"/nguoi/%U\">%s</a>", rows_get(rows, i, "person_code"), name);
    else if (*rows_get(rows, i, "account_login"))
        html_printf(r, "<a href=\"/tai-khoan/%U\">%s</a>", rows_get(rows, i, "account_login"), name);
    else if (!strcmp(entity, "year_setup"))
        html_printf(r, "%s %s", TR(r, "năm", "year"), rows_get(rows, i, "entity_id"));
    else if (!strcmp(entity, "person") && !rows_int(rows, i, "entity_id"))
        html_text(r, TR(r, "nhiều người (một lần nhập)", "many people (one import)"));
    else if (*rows_get(rows, i, "unit_code") && *name && strcmp(entity, "topic") && strcmp(entity, "model") &&
             strcmp(entity, "commendation"))
        html_printf(r, "<a href=\"/don-vi/%U\">%s</a>", rows_get(rows, i, "unit_code"), name);
    else
        html_text(r, *name ? name : rows_get(rows, i, "entity_id"));
    html_raw(r, "</td>");
}

/* The log's rows as a table: when, who, what, on which record, what changed. */
static void audit_table(web_req *r, const dom_rows *rows, long n) {
    html_printf(r, "<div class=\"scroll\"><table class=\"audit\"><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th><th>%s</th></tr></thead><tbody>", TR(r, "Lúc", "When"), TR(r, "Người", "Who"),
                TR(r, "Việc", "What"), TR(r, "Đối tượng", "Record"), TR(r, "Thay đổi", "Changes"));
    for (long i = 0; i < n; i++) {
        char at[17];
        const char *actor = rows_get(rows, i, "actor"), *name = rows_get(rows, i, "actor_name");
        html_printf(r, "<tr><td>%s</td><td>%s", lt_time_vn(rows_get(rows, i, "at"), at),
                    page_actor_label(r, actor, name));
        if (*name && strncmp(actor, "cli:", 4)) html_printf(r, " <small>(%s)</small>", actor);
        html_printf(r, "</td><td>%s</td>", audit_action_words(r, rows_get(rows, i, "action"), rows_get(rows, i, "entity")));
        audit_target(r, rows, i);
        html_raw(r, "<td>");
        audit_changes(r, rows_get(rows, i, "before"), rows_get(rows, i, "after"), rows_get(rows, i, "target"));
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

/* The filter form, its fields holding what was asked. */
static void audit_form(web_req *r, const char *who, const char *kind, const char *from, const char *to) {
    html_printf(r, "<form method=\"get\" action=\"/nhat-ky\" class=\"box\"><label for=\"nguoi\">%s</label>"
                   "<input id=\"nguoi\" name=\"nguoi\" value=\"%s\" placeholder=\"%s\"/><label for=\"loai\">%s</label>"
                   "<select id=\"loai\" name=\"loai\"><option value=\"\">%s</option>",
                TR(r, "Người thực hiện (tên hoặc tên đăng nhập)", "Who (name or login)"), who,
                TR(r, "vd: nguyen van an", "e.g. nguyen van an"), TR(r, "Loại hồ sơ", "Kind of record"),
                TR(r, "Tất cả", "All"));
    for (int i = 0; audit_kinds[i]; i += 3)
        html_printf(r, "<option value=\"%s\"%S>%s</option>", audit_kinds[i],
                    !strcmp(kind, audit_kinds[i]) ? " selected=\"selected\"" : "",
                    TR(r, audit_kinds[i + 1], audit_kinds[i + 2]));
    html_printf(r, "</select><label for=\"tu\">%s</label><input id=\"tu\" name=\"tu\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/>"
                   "<label for=\"den\">%s</label><input id=\"den\" name=\"den\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/>"
                   "<button type=\"submit\">%s</button></form>", TR(r, "Từ ngày", "From"), from,
                TR(r, "Đến ngày", "To"), to, TR(r, "Lọc", "Filter"));
}

/* A link to page `page` of the log with the same filters. */
static void audit_page_link(web_req *r, const char *const q[4], long page, const char *label) {
    html_printf(r, " <a href=\"/nhat-ky?nguoi=%U&amp;loai=%U&amp;tu=%U&amp;den=%U&amp;trang=%ld\">%s</a> ",
                q[0], q[1], q[2], q[3], page, label);
}

int page_audit(web_req *r, lt_err *e) {
    const char *q[4] = {web_param_get(&r->query, "nguoi"), web_param_get(&r->query, "loai"),
                        web_param_get(&r->query, "tu"), web_param_get(&r->query, "den")};
    for (int i = 0; i < 4; i++) if (!q[i]) q[i] = "";
    const char *pg = web_param_get(&r->query, "trang");
    long page = 1;
    if (pg && lt_parse_long(pg, 1, 1000000, &page)) page = 1;
    char f[11] = "", t[11] = "";
    if (*q[2] && lt_parse_date(q[2], f)) return lt_err_set(e, LT_EINPUT, "Từ ngày: ngày không hợp lệ (dd/mm/yyyy)", "From: invalid date (dd/mm/yyyy)");
    if (*q[3] && lt_parse_date(q[3], t)) return lt_err_set(e, LT_EINPUT, "Đến ngày: ngày không hợp lệ (dd/mm/yyyy)", "To: invalid date (dd/mm/yyyy)");
    audit_filter af = {q[0], q[1], f, t, AUDIT_PAGE + 1, (int)((page - 1) * AUDIT_PAGE)};
    dom_rows rows;
    if (q_audit_list(&r->ctx, &af, &rows, e)) return e->code;
    html_begin(r, TR(r, "Nhật ký thay đổi", "Audit log"));
    audit_form(r, q[0], q[1], q[2], q[3]);
    long shown = rows.n > AUDIT_PAGE ? AUDIT_PAGE : rows.n;
    if (!shown) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Không có thay đổi nào khớp.", "No changes match."));
    else audit_table(r, &rows, shown);
    if (page > 1 || rows.n > AUDIT_PAGE) {
        html_raw(r, "<p class=\"pages\">");
        if (page > 1) audit_page_link(r, q, page - 1, TR(r, "← Trang trước", "← Previous"));
        html_printf(r, "%s %N", TR(r, "Trang", "Page"), (long long)page);
        if (rows.n > AUDIT_PAGE) audit_page_link(r, q, page + 1, TR(r, "Trang sau →", "Next →"));
        html_raw(r, "</p>");
    }
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}
