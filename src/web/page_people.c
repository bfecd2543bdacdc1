/*
** page_people.c — people: search without diacritics ("son dinh" finds
** "Sơn Định"), a person's page with their registrations over the years,
** and starting a registration; and a registration's page with every step
** of its workflow (write items, submit, approve or return with a reason,
** publish, self-assess each item, evaluate) and its history.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int page_people(web_req *r, lt_err *e) {
    const char *q = web_param_get(&r->query, "q");
    dom_rows rows;
    if (q_people(&r->ctx, r->ctx.scope_unit, 0, q, 200, 0, &rows, e)) return e->code;
    html_begin(r, TR(r, "Cán bộ, đảng viên", "People"));
    html_printf(r, "<form method=\"get\" action=\"/nguoi\" class=\"box\"><label for=\"q\">%s</label>"
                   "<input id=\"q\" name=\"q\" value=\"%s\" placeholder=\"son dinh\"/><button type=\"submit\">"
                   "%s</button></form>", TR(r, "Tìm theo tên (không cần dấu)", "Search by name (no accents needed)"),
                q ? q : "", TR(r, "Tìm", "Search"));
    static const char *const cols[] = {"code", "Mã|Code", "full_name", "Họ tên|Name", "position",
                                       "Chức vụ|Position", "unit_name", "Đơn vị|Unit", NULL};
    html_rows(r, &rows, cols, "code", "/nguoi/");
    if (q && *q && rows.n >= 200)
        html_printf(r, "<p>%s</p>", TR(r, "Có thể còn người khớp khác — hãy gõ thêm tên để thu hẹp.",
                                       "More people may match — type more of the name to narrow it."));
    rows_free(&rows);
    const char *unit = web_param_get(&r->query, "don_vi");
    page_export_links(r, TR(r, "Danh sách cán bộ, đảng viên", "People"), "people", unit, 0);
    page_export_links(r, TR(r, "Bản đăng ký", "Registrations"), "registrations", unit, page_year(r));
    page_export_links(r, TR(r, "Triển khai chuyên đề", "Deployments"), "deployments", unit, page_year(r));
    page_export_links(r, TR(r, "Đơn vị", "Units"), "units", unit, 0);
    html_end(r);
    return LT_OK;
}

/* Where the person has been a member, the last first: a transfer
** (chuyển sinh hoạt) ends one line and begins the next. */
static void person_memberships(web_req *r, const dom_rows *m) {
    html_printf(r, "<h2>%s</h2><ul>", TR(r, "Quá trình sinh hoạt", "Membership"));
    for (long i = 0; i < m->n; i++) {
        const char *to = rows_get(m, i, "valid_to");
        html_printf(r, "<li>%s %s%s%s: <a href=\"/don-vi/%U\">%s</a>", TR(r, "từ", "from"),
                    rows_get(m, i, "valid_from"), *to ? TR(r, " đến ", " to ") : "", to,
                    rows_get(m, i, "unit_code"), rows_get(m, i, "unit_name"));
        if (*rows_get(m, i, "position")) html_printf(r, " · %s", rows_get(m, i, "position"));
        if (!strcmp(rows_get(m, i, "key_cadre"), "1"))
            html_printf(r, " · %s", TR(r, "cán bộ chủ chốt", "key cadre"));
        html_raw(r, "</li>");
    }
    html_raw(r, "</ul>");
}

/* Transfer (chuyển sinh hoạt, also taking back someone who left) and
** leaving, for an officer or admin, dated today unless changed: folded
** away below the registrations, which are what the page is opened for. */
static void move_forms(web_req *r, const char *code, int member) {
    char today[11];
    page_today(today);
    html_printf(r, "<details%s><summary>%s</summary>", member ? "" : " open=\"open\"",
                member ? TR(r, "Chuyển sinh hoạt, thôi sinh hoạt", "Transfer or leaving")
                       : TR(r, "Nhận sinh hoạt trở lại", "Take back into a unit"));
    html_printf(r, "<form method=\"post\" action=\"/nguoi/%U/chuyen\" class=\"box\"><b>%s</b>", code,
                member ? TR(r, "Chuyển sinh hoạt đảng", "Transfer to another unit")
                       : TR(r, "Nhận sinh hoạt trở lại", "Take back into a unit"));
    html_csrf(r);
    html_printf(r, "<label for=\"den_don_vi\">%s</label><input id=\"den_don_vi\" name=\"den_don_vi\" "
                   "required=\"required\" placeholder=\"%s\"/><label for=\"ngay_chuyen\">%s</label><input "
                   "id=\"ngay_chuyen\" name=\"ngay\" required=\"required\" value=\"%s\" "
                   "placeholder=\"dd/mm/yyyy\"/><label for=\"chuc_vu_moi\">%s</label><input "
                   "id=\"chuc_vu_moi\" name=\"chuc_vu\"/><button type=\"submit\">%s</button></form>",
                TR(r, "Đơn vị đến (tên, không cần dấu, hoặc mã)", "Unit joined (name or code)"),
                TR(r, "vd: chi bo ap 1 tan thieng", "e.g. chi bo ap 1"),
                TR(r, "Sinh hoạt ở đơn vị mới từ ngày", "Member there from"), today,
                TR(r, "Chức vụ ở đơn vị mới (để trống: giữ nguyên)", "Position there (empty: the same)"),
                TR(r, "Ghi nhận chuyển", "Record the transfer"));
    if (!member) { html_raw(r, "</details>"); return; }
    html_printf(r, "<form method=\"post\" action=\"/nguoi/%U/thoi\" class=\"box\"><b>%s</b>", code,
                TR(r, "Thôi sinh hoạt (nghỉ hưu, chuyển ra ngoài, từ trần…)",
                   "Leaving (retired, moved away, died…)"));
    html_csrf(r);
    html_printf(r, "<label for=\"ngay_thoi\">%s</label><input id=\"ngay_thoi\" name=\"ngay\" "
                   "required=\"required\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/>"
                   "<button type=\"submit\">%s</button></form>",
                TR(r, "Ngày sinh hoạt cuối cùng", "Last day as a member"), today,
                TR(r, "Ghi nhận thôi sinh hoạt", "Record the leaving"));
    html_raw(r, "</details>");
}

/* The next step of a registration in status (a person's own words). */
static const char *next_step(web_req *r, const char *status) {
    static const char *const steps[][3] = {
        {"", "Viết bản đăng ký: bấm “Viết bản đăng ký” ở cuối trang.",
         "Write your registration: press “Write a registration” below."},
        {"draft", "Thêm các nội dung cam kết rồi bấm “Gửi duyệt”.", "Add your commitments, then press “Submit”."},
        {"returned", "Sửa theo ý kiến của cấp ủy rồi gửi duyệt lại.",
         "Amend it as the committee asked and submit it again."},
        {"submitted", "Cấp ủy đang xem để duyệt; bạn chưa phải làm gì.",
         "The committee is reviewing it: nothing to do for now."},
        {"approved", "Thực hiện các nội dung đã cam kết; cuối năm tự đánh giá.",
         "Carry out your commitments; assess yourself at the year's end."},
        {"published", "Thực hiện các nội dung đã cam kết; cuối năm tự đánh giá.",
         "Carry out your commitments; assess yourself at the year's end."},
        {"self_assessed", "Chi bộ sẽ đánh giá, xếp loại.", "The cell will grade it."},
        {"evaluated", "Đã đánh giá, xếp loại xong năm này.", "This year is graded."},
    };
    for (unsigned i = 0; i < LT_ARRAY_LEN(steps); i++)
        if (!strcmp(steps[i][0], status)) return TR(r, steps[i][1], steps[i][2]);
    return "";
}

/* Leaders first (trên trước, dưới sau): the key cadres of the person's
** unit and the one above who have not yet registered for the year, with
** the word that the person may register all the same. */
static void key_cadres_waiting(web_req *r, long long unit_id, int year) {
    dom_rows k;
    lt_err ignored = {0};
    if (q_key_cadres_waiting(&r->ctx, unit_id, year, &k, &ignored)) return;
    if (k.n) {
        html_printf(r, "<p class=\"warn\">%s ", TR(r, "Cán bộ chủ chốt chưa đăng ký (trên trước, dưới sau):",
                                                   "Key cadres not yet registered (leaders first):"));
        for (long i = 0; i < k.n; i++)
            html_printf(r, "%s%s (%s, %s)", i ? "; " : "", rows_get(&k, i, "full_name"),
                        *rows_get(&k, i, "position") ? rows_get(&k, i, "position") : TR(r, "cán bộ chủ chốt", "key cadre"),
                        rows_get(&k, i, "unit_name"));
        html_printf(r, ". %s</p>", TR(r, "Bạn vẫn đăng ký được như thường.", "You may still register."));
    }
    rows_free(&k);
}

/* What the person has to do now, on their own page: the year's topic and
** registration deadline (a key cadre's own, earlier, where the year sets
** one), where their registration stands, the next step, and whether the
** leaders have registered. */
static void person_now(web_req *r, long long unit_id, int key_cadre, const dom_rows *regs, int year) {
    char *topic = NULL, deadline[11] = "", key_deadline[11] = "";
    lt_err ignored = {0};
    topic_for_unit(&r->ctx, unit_id, year, &topic, &ignored);
    dom_rows ys;
    if (q_year_deadlines(&r->ctx, year, &ys, &ignored) == LT_OK) {
        if (ys.n) {
            lt_date_vn(rows_get(&ys, 0, "registration_deadline"), deadline);
            lt_date_vn(rows_get(&ys, 0, "key_deadline"), key_deadline);
        }
        rows_free(&ys);
    }
    long at = -1;
    for (long i = 0; i < regs->n; i++)
        if (atoi(rows_get(regs, i, "year")) == year) at = i;
    const char *status = at >= 0 ? rows_get(regs, at, "status") : "";
    html_printf(r, "<section class=\"box now\"><h2>%s %d</h2>", TR(r, "Việc của bạn năm", "Your tasks for"), year);
    if (topic) html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Chuyên đề", "Topic"), topic);
    if (key_cadre && *key_deadline)
        html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Hạn đăng ký của cán bộ chủ chốt (trước hạn chung)",
                                                  "Key cadres' registration deadline (before everyone's)"), key_deadline);
    else if (*deadline)
        html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Hạn đăng ký", "Registration deadline"), deadline);
    if (at >= 0)
        html_printf(r, "<p><b>%s:</b> <a href=\"/dang-ky/%U\">%s</a></p>", TR(r, "Bản đăng ký của bạn", "Your registration"),
                    rows_get(regs, at, "id"), status_label(r, status));
    html_printf(r, "<p class=\"next\"><b>%s:</b> %s</p>", TR(r, "Việc tiếp theo", "Next step"),
                next_step(r, status));
    if (!key_cadre) key_cadres_waiting(r, unit_id, year);
    html_raw(r, "</section>");
    free(topic);
}

/* The year a new registration is most likely for: the page's year, or
** the next once that one has its registration. */
static int year_to_register(web_req *r, const dom_rows *regs) {
    int year = page_year(r);
    for (long i = 0; i < regs->n; i++)
        if (atoi(rows_get(regs, i, "year")) == year) return year + 1;
    return year;
}

int page_person(web_req *r, lt_err *e) {
    dom_rows p, regs, spans;
    if (q_person(&r->ctx, r->args[0], &p, e)) return e->code;
    long long id = rows_int(&p, 0, "id");
    if (q_person_registrations(&r->ctx, id, &regs, e)) {
        rows_free(&p);
        return e->code;
    }
    if (q_person_memberships(&r->ctx, id, &spans, e)) {
        rows_free(&p);
        rows_free(&regs);
        return e->code;
    }
    html_begin(r, rows_get(&p, 0, "full_name"));
    html_printf(r, "<p>%s · %s · <a href=\"/don-vi/%U\">%s</a>%S</p>", rows_get(&p, 0, "position"),
                vocab_word(r, rows_get(&p, 0, "category")), rows_get(&p, 0, "unit_code"),
                rows_get(&p, 0, "unit_name"),
                strcmp(rows_get(&p, 0, "key_cadre"), "1") == 0 ? TR(r, " · <b>Cán bộ chủ chốt</b>",
                                                                    " · <b>Key cadre</b>") : "");
    if (*rows_get(&p, 0, "workplace"))
        html_printf(r, "<p>%s: %s</p>", TR(r, "Nơi công tác", "Workplace"), rows_get(&p, 0, "workplace"));
    if (*rows_get(&p, 0, "party_joined_on"))
        html_printf(r, "<p>%s: %s</p>", TR(r, "Ngày vào Đảng", "Admitted to the Party"),
                    rows_get(&p, 0, "party_joined_on"));
    if (r->ctx.role == ROLE_MEMBER && r->ctx.person_id == id) { /* their own page */
        char before[20];
        account_previous_login(&r->ctx, before);
        html_printf(r, "<p class=\"muted\">%s %s</p>", TR(r, "Lần đăng nhập trước:", "Your previous login:"),
                    *before ? before : TR(r, "đây là lần đầu", "this is the first"));
        if (!*rows_get(&p, 0, "left_on"))
            person_now(r, rows_int(&p, 0, "unit_id"), !strcmp(rows_get(&p, 0, "key_cadre"), "1"), &regs, page_year(r));
    }
    if (spans.n) person_memberships(r, &spans);
    if (*rows_get(&p, 0, "left_on"))
        html_printf(r, "<p><b>%s %s</b></p>", TR(r, "Thôi sinh hoạt từ sau ngày", "Left after"),
                    rows_get(&p, 0, "left_on"));
    html_printf(r, "<h2>%s</h2>", TR(r, "Bản đăng ký qua các năm", "Registrations over the years"));
    if (regs.n == 0) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có.", "None yet."));
    else html_raw(r, "<ul>");
    for (long i = 0; i < regs.n; i++) {
        html_printf(r, "<li><a href=\"/dang-ky/%U\">%s %s</a> — %s — <span class=\"status\">%s</span>",
                    rows_get(&regs, i, "id"), TR(r, "Năm", "Year"), rows_get(&regs, i, "year"),
                    rows_get(&regs, i, "unit_name"), status_label(r, rows_get(&regs, i, "status")));
        if (*rows_get(&regs, i, "grade"))
            html_printf(r, " · %s", vocab_word(r, rows_get(&regs, i, "grade")));
        html_raw(r, "</li>");
    }
    if (regs.n) html_raw(r, "</ul>");
    int rc = page_comments_of_person(r, id, e);
    if (r->ctx.role != ROLE_VIEWER && rc == LT_OK) {
        html_printf(r, "<form method=\"post\" action=\"/nguoi/%U/dang-ky\" class=\"box\">", r->args[0]);
        html_csrf(r);
        html_printf(r, "<label for=\"nam\">%s</label><input id=\"nam\" name=\"nam\" value=\"%d\" "
                       "inputmode=\"numeric\"/><button type=\"submit\">%s</button></form>",
                    TR(r, "Năm", "Year"), year_to_register(r, &regs), TR(r, "Viết bản đăng ký", "Write a registration"));
    }
    if (r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER)
        move_forms(r, r->args[0], !*rows_get(&p, 0, "left_on"));
    rows_free(&p);
    rows_free(&regs);
    rows_free(&spans);
    if (rc == LT_OK) html_end(r);
    return rc;
}

int page_person_register(web_req *r, lt_err *e) {
    long year;
    long long id;
    if (lt_parse_long(form(r, "nam"), 1990, 2100, &year))
        return lt_err_set(e, LT_EINPUT, "nam: năm không hợp lệ", "nam: invalid year");
    if (reg_create(&r->ctx, r->args[0], (int)year, &id, e)) return e->code;
    char path[64];
    snprintf(path, sizeof path, "/dang-ky/%lld", id);
    web_redirect(r, path);
    return LT_OK;
}

/* Back to the person's page (code) saying what was done. */
static int back_to_person(web_req *r, const char *code, const char *done) {
    char path[160];
    snprintf(path, sizeof path, "/nguoi/%.64s?xong=%s", code, done);
    web_redirect(r, path);
    return LT_OK;
}

int page_person_move(web_req *r, lt_err *e) {
    const char *to = form(r, "den_don_vi");
    if (!*to)
        return lt_err_set(e, LT_EINPUT, "den_don_vi: hãy nhập tên hoặc mã đơn vị đến",
                          "den_don_vi: give the name or code of the unit joined");
    if (person_move(&r->ctx, r->args[0], to, form(r, "chuc_vu"), form(r, "ngay"), e)) return e->code;
    return back_to_person(r, r->args[0], "chuyen");
}

int page_person_leave(web_req *r, lt_err *e) {
    if (person_move(&r->ctx, r->args[0], NULL, NULL, form(r, "ngay"), e)) return e->code;
    return back_to_person(r, r->args[0], "thoi");
}

int page_unit_take_in(web_req *r, lt_err *e) {
    const char *code = form(r, "ma_nguoi");
    if (!*code)
        return lt_err_set(e, LT_EINPUT, "ma_nguoi: hãy nhập mã của người chuyển đến",
                          "ma_nguoi: give the code of the person joining");
    if (person_move(&r->ctx, code, r->args[0], form(r, "chuc_vu"), form(r, "ngay"), e)) return e->code;
    return back_to_person(r, code, "nhan");
}

/* ---- a registration ------------------------------------------------------- */
/* A form with one button posting to /dang-ky/ID/ACTION, with extra fields. */
static void action_form(web_req *r, const char *id, const char *version, const char *action,
                        const char *label, const char *fields) {
    html_printf(r, "<form method=\"post\" action=\"/dang-ky/%U/%S\" class=\"box\">", id, action);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"phien_ban\" value=\"%s\"/>", version);
    html_raw(r, fields);
    html_printf(r, "<button type=\"submit\">%s</button></form>", label);
}

/* One item's self-assessment as a card: its text, then the three answers
** as full-width choices, none chosen until the person chooses (or as
** they answered before), and the note. */
static void assess_card(web_req *r, const dom_rows *items, long i) {
    static const char *const answers[][3] = {{"done", "Hoàn thành", "Done"}, {"partly", "Một phần", "Partly"},
                                             {"not_done", "Chưa thực hiện", "Not done"}};
    const char *pos = rows_get(items, i, "position"), *a = rows_get(items, i, "assessment");
    html_printf(r, "<li><p><b>%s.</b> %s</p><p class=\"muted\">%s · %s %s</p><fieldset><legend>%s</legend>", pos,
                rows_get(items, i, "body"), vocab_word(r, rows_get(items, i, "item_group")), TR(r, "hạn", "due"), rows_get(items, i, "deadline"),
                TR(r, "Tự đánh giá", "Self-assessment"));
    for (int k = 0; k < 3; k++)
        html_printf(r, "<label class=\"choice\"><input type=\"radio\" name=\"danh_gia_%S\" value=\"%s\"%S"
                       " required=\"required\"/> %s</label>", pos, answers[k][0],
                    strcmp(a, answers[k][0]) ? "" : " checked=\"checked\"", TR(r, answers[k][1], answers[k][2]));
    html_printf(r, "</fieldset><label for=\"ghi_chu_%S\">%s</label><textarea id=\"ghi_chu_%S\" name=\"ghi_chu_%S\""
                   " rows=\"2\">%s</textarea></li>", pos, TR(r, "Ghi chú (kết quả cụ thể)", "Note (what was done)"),
                pos, pos, rows_get(items, i, "assessment_note"));
}

/* The items, with self-assessment fields when `assessing` (a card each, as
** on a phone; a table otherwise). */
static void items_table(web_req *r, const dom_rows *items, const char *id, const char *version, int assessing) {
    if (assessing) {
        html_printf(r, "<form method=\"post\" action=\"/dang-ky/%U/tu-danh-gia\" class=\"box\">", id);
        html_csrf(r);
        html_printf(r, "<input type=\"hidden\" name=\"phien_ban\" value=\"%s\"/><ul class=\"accounts\">", version);
        for (long i = 0; i < items->n; i++) assess_card(r, items, i);
        html_printf(r, "</ul><button type=\"submit\">%s</button></form>",
                    TR(r, "Gửi tự đánh giá", "Send the self-assessment"));
        return;
    }
    html_printf(r, "<div class=\"scroll\"><table><thead><tr><th>#</th><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th></tr></thead><tbody>", TR(r, "Nội dung", "Item"), TR(r, "Nhóm", "Group"),
                TR(r, "Hạn", "Deadline"), TR(r, "Tự đánh giá", "Self-assessment"));
    for (long i = 0; i < items->n; i++) {
        const char *a = rows_get(items, i, "assessment");
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>", rows_get(items, i, "position"),
                    rows_get(items, i, "body"), vocab_word(r, rows_get(items, i, "item_group")),
                    rows_get(items, i, "deadline"));
        if (*a) html_printf(r, "%s %s", vocab_word(r, a), rows_get(items, i, "assessment_note"));
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

/* The buttons of the steps the actor may take now. */
static void workflow_forms(web_req *r, const dom_rows *reg, const char *id) {
    const char *st = rows_get(reg, 0, "status"), *v = rows_get(reg, 0, "version");
    int author = r->ctx.role == ROLE_MEMBER || r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER;
    int reviewer = r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER;
    int draft = !strcmp(st, "draft") || !strcmp(st, "returned");
    char fields[1024];
    if (author && draft) {
        snprintf(fields, sizeof fields, "<label>%s</label><textarea name=\"noi_dung\" rows=\"2\" required=\"required\">"
                 "</textarea><label>%s</label><select name=\"nhom\"><option value=\"morality\">Đạo đức</option>"
                 "<option value=\"style\">Phong cách</option><option value=\"working_manner\">Tác phong, lề lối "
                 "làm việc</option><option value=\"expertise\">Chuyên môn</option><option value=\"other\">Khác"
                 "</option></select><label>%s</label><input name=\"han\" placeholder=\"dd/mm/yyyy\"/>",
                 TR(r, "Nội dung làm theo", "What you will do"), TR(r, "Nhóm", "Group"),
                 TR(r, "Hạn hoàn thành", "Deadline"));
        action_form(r, id, v, "noi-dung", TR(r, "Thêm nội dung", "Add the item"), fields);
        action_form(r, id, v, "gui", TR(r, "Gửi chi bộ duyệt", "Submit for approval"), "");
    }
    if (reviewer && !strcmp(st, "submitted")) {
        action_form(r, id, v, "duyet", TR(r, "Duyệt", "Approve"), "");
        snprintf(fields, sizeof fields, "<label>%s</label><textarea name=\"ly_do\" rows=\"2\" required=\"required\"></textarea>",
                 TR(r, "Lý do trả lại", "Reason for returning"));
        action_form(r, id, v, "tra-lai", TR(r, "Trả lại", "Return"), fields);
    }
    if (reviewer && !strcmp(st, "approved") && !*rows_get(reg, 0, "published_at"))
        action_form(r, id, v, "cong-khai", TR(r, "Công khai", "Publish"), "");
    if (reviewer && !strcmp(st, "self_assessed")) {
        snprintf(fields, sizeof fields, "<label>%s</label><select name=\"xep_loai\"><option value=\"excellent\">"
                 "Hoàn thành xuất sắc nhiệm vụ</option><option value=\"good\" selected=\"selected\">Hoàn thành tốt nhiệm vụ"
                 "</option><option value=\"completed\">Hoàn thành nhiệm vụ</option><option value=\"not_completed\">"
                 "Không hoàn thành nhiệm vụ</option></select>", TR(r, "Xếp loại", "Grade"));
        action_form(r, id, v, "danh-gia", TR(r, "Đánh giá", "Evaluate"), fields);
    }
}

/* A registration's history as its readers read it: states by name, the
** time in Vietnam's, who, and why. */
static void reg_history(web_req *r, const dom_rows *h) {
    html_printf(r, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                TR(r, "Lúc", "At"), TR(r, "Từ", "From"), TR(r, "Sang", "To"), TR(r, "Người thực hiện", "By"),
                TR(r, "Lý do", "Reason"));
    for (long i = 0; i < h->n; i++) {
        char at[17];
        const char *from = rows_get(h, i, "from_status");
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    lt_time_vn(rows_get(h, i, "at"), at), *from ? status_label(r, from) : "",
                    status_label(r, rows_get(h, i, "to_status")),
                    page_actor_label(r, rows_get(h, i, "actor"), NULL),
                    rows_get(h, i, "reason"));
    }
    html_raw(r, "</tbody></table>");
}

int page_registration(web_req *r, lt_err *e) {
    long long id = page_reg_id(r);
    dom_rows reg, items, hist;
    if (q_registration(&r->ctx, id, &reg, e)) return e->code;
    if (q_registration_items(&r->ctx, id, &items, e)) { rows_free(&reg); return e->code; }
    if (q_registration_history(&r->ctx, id, &hist, e)) { rows_free(&reg); rows_free(&items); return e->code; }
    char title[400];
    snprintf(title, sizeof title, "%s %s — %s", TR(r, "Bản đăng ký năm", "Registration"),
             rows_get(&reg, 0, "year"), rows_get(&reg, 0, "full_name"));
    html_begin(r, title);
    const char *st = rows_get(&reg, 0, "status");
    html_printf(r, "<p><a href=\"/nguoi/%U\">%s</a> · %s · %s · <span class=\"status\">%s</span></p>",
                rows_get(&reg, 0, "person_code"), rows_get(&reg, 0, "full_name"), rows_get(&reg, 0, "position"),
                rows_get(&reg, 0, "unit_name"), status_label(r, st));
    if (!strcmp(st, "returned"))
        html_printf(r, "<p class=\"warn\">%s: %s</p>", TR(r, "Lý do trả lại", "Returned because"),
                    rows_get(&reg, 0, "return_reason"));
    if (*rows_get(&reg, 0, "grade"))
        html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Xếp loại", "Grade"),
                    vocab_word(r, rows_get(&reg, 0, "grade")));
    int assessing = r->ctx.role != ROLE_VIEWER && (!strcmp(st, "approved") || !strcmp(st, "published"));
    html_printf(r, "<p>%s <a href=\"/dang-ky/%U/in?dinh_dang=pdf\">PDF</a> · <a href=\"/dang-ky/%U/in?dinh_dang=docx\">"
                   "Word</a> · <a href=\"/dang-ky/%U/in?dinh_dang=pdf&amp;danh_gia=1\">%s</a></p>",
                TR(r, "In bản đăng ký:", "Print the form:"), r->args[0], r->args[0], r->args[0],
                TR(r, "Bản tự đánh giá (PDF)", "Self-assessment (PDF)"));
    items_table(r, &items, r->args[0], rows_get(&reg, 0, "version"), assessing);
    workflow_forms(r, &reg, r->args[0]);
    html_printf(r, "<h2>%s</h2>", TR(r, "Lịch sử", "History"));
    reg_history(r, &hist);
    rows_free(&reg);
    rows_free(&items);
    rows_free(&hist);
    html_end(r);
    return LT_OK;
}

/* The page the actor acted on must still be current (?phien_ban). */
static int still_current(web_req *r, lt_err *e) {
    long v;
    if (!*form(r, "phien_ban")) return LT_OK; /* a client that does not say */
    if (lt_parse_long(form(r, "phien_ban"), 1, 1L << 40, &v))
        return lt_err_set(e, LT_EINPUT, "phien_ban không hợp lệ", "invalid phien_ban");
    return reg_expect_version(&r->ctx, page_reg_id(r), v, e);
}

/* After a step: back to the registration, saying what was done (done: a
** key of html.c's notices). */
static int back_to_reg(web_req *r, const char *done) {
    char path[96];
    snprintf(path, sizeof path, "/dang-ky/%lld?xong=%s", page_reg_id(r), done);
    web_redirect(r, path);
    return LT_OK;
}

int page_reg_item(web_req *r, lt_err *e) {
    const char *han = form(r, "han");
    if (reg_add_item(&r->ctx, page_reg_id(r), form(r, "noi_dung"), form(r, "nhom"), *han ? han : NULL, e))
        return e->code;
    return back_to_reg(r, "them-muc");
}

int page_reg_submit(web_req *r, lt_err *e) {
    return still_current(r, e) || reg_submit(&r->ctx, page_reg_id(r), e) ? e->code : back_to_reg(r, "nop");
}

int page_reg_approve(web_req *r, lt_err *e) {
    return still_current(r, e) || reg_approve(&r->ctx, page_reg_id(r), e) ? e->code : back_to_reg(r, "duyet");
}

int page_reg_return(web_req *r, lt_err *e) {
    return still_current(r, e) || reg_return(&r->ctx, page_reg_id(r), form(r, "ly_do"), e) ? e->code
                                                                                     : back_to_reg(r, "tra-lai");
}

int page_reg_publish(web_req *r, lt_err *e) {
    return still_current(r, e) || reg_publish(&r->ctx, page_reg_id(r), e) ? e->code : back_to_reg(r, "cong-khai");
}

int page_reg_assess(web_req *r, lt_err *e) {
    long long id = page_reg_id(r);
    dom_rows items;
    if (still_current(r, e) || q_registration_items(&r->ctx, id, &items, e)) return e->code;
    int rc = LT_OK;
    for (long i = 0; i < items.n && rc == LT_OK; i++) {
        char f1[32], f2[32];
        snprintf(f1, sizeof f1, "danh_gia_%s", rows_get(&items, i, "position"));
        snprintf(f2, sizeof f2, "ghi_chu_%s", rows_get(&items, i, "position"));
        if (!*form(r, f1)) /* nothing chosen: said on the registration, which keeps what was chosen before */
            rc = lt_err_set(e, LT_EINPUT, "nội dung số %s: hãy chọn mức tự đánh giá (Hoàn thành, Một phần hoặc Chưa"
                            " thực hiện)", "item %s: choose how it went (done, partly or not done)",
                            rows_get(&items, i, "position"));
        if (rc) break;
        rc = reg_assess_item(&r->ctx, id, rows_int(&items, i, "position"), form(r, f1), form(r, f2), e);
    }
    rows_free(&items);
    if (rc == LT_OK) rc = reg_self_assess(&r->ctx, id, e);
    return rc ? rc : back_to_reg(r, "tu-danh-gia");
}

int page_reg_evaluate(web_req *r, lt_err *e) {
    return still_current(r, e) || reg_evaluate(&r->ctx, page_reg_id(r), form(r, "xep_loai"), e) ? e->code
                                                                                                : back_to_reg(r, "danh-gia");
}
