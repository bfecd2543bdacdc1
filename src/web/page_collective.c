/*
** page_collective.c — a party organisation's collective registration of a
** year (đăng ký tập thể, /don-vi/CODE/tap-the?nam=Y): its items by group,
** the steps the viewer may take as plain forms (write, submit, approve or
** return with a reason, publish, self-assess each item, evaluate), its
** history, and the sub-units' collective registrations of the year for
** the level above.  The POST handlers act through collective.c, which
** holds every rule, and come back to the page saying what was done.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *page_coll_group(web_req *r, const char *g) {
    if (!strcmp(g, "topic")) return TR(r, "Làm theo chuyên đề", "Following the year's topic");
    if (!strcmp(g, "breakthrough")) return TR(r, "Nội dung đột phá", "Breakthrough");
    return TR(r, "Nội dung khác", "Other");
}

/* A form with one button posting to /don-vi/CODE/tap-the/ACTION for the
** year, with the version seen and extra fields (trusted markup). */
static void action_form(web_req *r, const char *code, int year, const char *version, const char *action,
                        const char *label, const char *fields) {
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/tap-the/%S\" class=\"box\">", code, action);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"nam\" value=\"%d\"/><input type=\"hidden\" name=\"phien_ban\""
                   " value=\"%s\"/>", year, version);
    html_raw(r, fields);
    html_printf(r, "<button type=\"submit\">%s</button></form>", label);
}

/* One item's self-assessment: its text, the three answers, the note. */
static void assess_card(web_req *r, const dom_rows *items, long i) {
    static const char *const answers[][3] = {{"done", "Hoàn thành", "Done"}, {"partly", "Một phần", "Partly"},
                                             {"not_done", "Chưa thực hiện", "Not done"}};
    const char *pos = rows_get(items, i, "position"), *a = rows_get(items, i, "assessment");
    html_printf(r, "<li><p><b>%s.</b> %s</p><p class=\"muted\">%s</p><fieldset><legend>%s</legend>", pos,
                rows_get(items, i, "body"), page_coll_group(r, rows_get(items, i, "item_group")),
                TR(r, "Tự đánh giá", "Self-assessment"));
    for (int k = 0; k < 3; k++)
        html_printf(r, "<label class=\"choice\"><input type=\"radio\" name=\"danh_gia_%S\" value=\"%s\"%S"
                       " required=\"required\"/> %s</label>", pos, answers[k][0],
                    strcmp(a, answers[k][0]) ? "" : " checked=\"checked\"", TR(r, answers[k][1], answers[k][2]));
    html_printf(r, "</fieldset><label for=\"ghi_chu_%S\">%s</label><textarea id=\"ghi_chu_%S\" name=\"ghi_chu_%S\""
                   " rows=\"2\">%s</textarea></li>", pos, TR(r, "Kết quả cụ thể", "What was done"), pos, pos,
                rows_get(items, i, "assessment_note"));
}

/* The items under their groups' headings, as lists (a phone's width). */
static void items_list(web_req *r, const dom_rows *items) {
    const char *shown = "";
    if (items->n == 0)
        html_printf(r, "<p class=\"muted\">%s</p>", TR(r, "Chưa có nội dung nào.", "No items yet."));
    for (long i = 0; i < items->n; i++) {
        const char *g = rows_get(items, i, "item_group"), *a = rows_get(items, i, "assessment");
        if (strcmp(g, shown)) {
            html_printf(r, "%S<h3>%s</h3><ol>", *shown ? "</ol>" : "", page_coll_group(r, g));
            shown = g;
        }
        html_printf(r, "<li value=\"%s\">%s", rows_get(items, i, "position"), rows_get(items, i, "body"));
        if (*rows_get(items, i, "deadline"))
            html_printf(r, " <span class=\"muted\">(%s %s)</span>", TR(r, "hạn", "due"), rows_get(items, i, "deadline"));
        if (*a) html_printf(r, "<br/><b>%s:</b> %s %s", TR(r, "Tự đánh giá", "Self-assessment"), vocab_word(r, a),
                            rows_get(items, i, "assessment_note"));
        html_raw(r, "</li>");
    }
    if (*shown) html_raw(r, "</ol>");
}

/* The self-assessment form: a card per item. */
static void assess_form(web_req *r, const char *code, int year, const char *version, const dom_rows *items) {
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/tap-the/tu-danh-gia\" class=\"box\">", code);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"nam\" value=\"%d\"/><input type=\"hidden\" name=\"phien_ban\""
                   " value=\"%s\"/><ul class=\"accounts\">", year, version);
    for (long i = 0; i < items->n; i++) assess_card(r, items, i);
    html_printf(r, "</ul><button type=\"submit\">%s</button></form>",
                TR(r, "Gửi tự đánh giá", "Send the self-assessment"));
}

/* Is the actor of the level above the unit (as the domain will check)? */
static int of_level_above(web_req *r, long long unit_id) {
    return r->ctx.role == ROLE_ADMIN || (r->ctx.role == ROLE_OFFICER && r->ctx.scope_unit != unit_id);
}

/* The forms of the steps the actor may take now. */
static void workflow_forms(web_req *r, const dom_rows *c, const dom_rows *items) {
    const char *st = rows_get(c, 0, "status"), *v = rows_get(c, 0, "version"), *code = rows_get(c, 0, "unit_code");
    int year = rows_int(c, 0, "year"), writer = r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER;
    int above = writer && of_level_above(r, rows_int(c, 0, "unit_id"));
    char f[1200];
    if (writer && (!strcmp(st, "draft") || !strcmp(st, "returned"))) {
        snprintf(f, sizeof f, "<label for=\"noi_dung\">%s</label><textarea id=\"noi_dung\" name=\"noi_dung\" rows=\"3\""
                 " required=\"required\"></textarea><label for=\"nhom\">%s</label><select id=\"nhom\" name=\"nhom\">"
                 "<option value=\"topic\">%s</option><option value=\"breakthrough\">%s</option><option value=\"other\">"
                 "%s</option></select><label for=\"han\">%s</label><input id=\"han\" name=\"han\" placeholder=\"dd/mm/yyyy\"/>",
                 TR(r, "Nội dung đơn vị sẽ làm", "What the unit will do"), TR(r, "Nhóm", "Group"),
                 page_coll_group(r, "topic"), page_coll_group(r, "breakthrough"), page_coll_group(r, "other"),
                 TR(r, "Hạn hoàn thành", "Deadline"));
        action_form(r, code, year, v, "noi-dung", TR(r, "Thêm nội dung", "Add the item"), f);
        action_form(r, code, year, v, "gui", TR(r, "Gửi cấp ủy cấp trên duyệt", "Submit to the level above"), "");
    }
    if (above && !strcmp(st, "submitted")) {
        action_form(r, code, year, v, "duyet", TR(r, "Duyệt", "Approve"), "");
        snprintf(f, sizeof f, "<label for=\"ly_do\">%s</label><textarea id=\"ly_do\" name=\"ly_do\" rows=\"2\""
                 " required=\"required\"></textarea>", TR(r, "Lý do trả lại", "Reason for returning"));
        action_form(r, code, year, v, "tra-lai", TR(r, "Trả lại", "Return"), f);
    }
    if (writer && !strcmp(st, "approved"))
        action_form(r, code, year, v, "cong-khai", TR(r, "Công khai", "Publish"), "");
    if (writer && (!strcmp(st, "approved") || !strcmp(st, "published")))
        assess_form(r, code, year, v, items);
    if (above && !strcmp(st, "self_assessed")) {
        snprintf(f, sizeof f, "<label for=\"xep_loai\">%s</label><select id=\"xep_loai\" name=\"xep_loai\">"
                 "<option value=\"excellent\">%s</option><option value=\"good\" selected=\"selected\">%s</option>"
                 "<option value=\"completed\">%s</option><option value=\"not_completed\">%s</option></select>",
                 TR(r, "Xếp loại", "Grade"), vocab_word(r, "excellent"), vocab_word(r, "good"),
                 vocab_word(r, "completed"), vocab_word(r, "not_completed"));
        action_form(r, code, year, v, "danh-gia", TR(r, "Đánh giá, xếp loại", "Evaluate"), f);
    }
}

/* The history: states by name, the time in Vietnam's, who, why. */
static void history(web_req *r, const dom_rows *h) {
    html_printf(r, "<h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th></tr></thead><tbody>", TR(r, "Lịch sử", "History"), TR(r, "Lúc", "At"),
                TR(r, "Từ", "From"), TR(r, "Sang", "To"), TR(r, "Người thực hiện", "By"), TR(r, "Lý do", "Reason"));
    for (long i = 0; i < h->n; i++) {
        char at[17];
        html_printf(r, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>",
                    lt_time_vn(rows_get(h, i, "at"), at), status_label(r, rows_get(h, i, "from_status")),
                    status_label(r, rows_get(h, i, "to_status")), page_actor_label(r, rows_get(h, i, "actor"), NULL),
                    rows_get(h, i, "reason"));
    }
    html_raw(r, "</tbody></table></div>");
}

/* The collective registration id of the unit and year: its head, items,
** forms and history. */
static int show_collective(web_req *r, long long id, lt_err *e) {
    dom_rows c, items, hist;
    if (q_collective(&r->ctx, id, &c, e)) return e->code;
    if (q_collective_items(&r->ctx, id, &items, e)) { rows_free(&c); return e->code; }
    if (q_collective_history(&r->ctx, id, &hist, e)) { rows_free(&c); rows_free(&items); return e->code; }
    const char *st = rows_get(&c, 0, "status"), *code = rows_get(&c, 0, "unit_code");
    html_printf(r, "<p>%s <span class=\"status\">%s</span></p>", TR(r, "Trạng thái:", "Status:"), status_label(r, st));
    if (!strcmp(st, "returned"))
        html_printf(r, "<p class=\"warn\">%s: %s</p>", TR(r, "Lý do trả lại", "Returned because"),
                    rows_get(&c, 0, "return_reason"));
    if (*rows_get(&c, 0, "grade"))
        html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Xếp loại", "Grade"), vocab_word(r, rows_get(&c, 0, "grade")));
    html_printf(r, "<p>%s <a href=\"/don-vi/%U/tap-the/in?nam=%s&amp;dinh_dang=pdf\">PDF</a> · <a href=\"/don-vi/%U/"
                   "tap-the/in?nam=%s&amp;dinh_dang=docx\">Word</a></p>", TR(r, "In bản đăng ký:", "Print the form:"),
                code, rows_get(&c, 0, "year"), code, rows_get(&c, 0, "year"));
    items_list(r, &items);
    workflow_forms(r, &c, &items);
    history(r, &hist);
    rows_free(&c);
    rows_free(&items);
    rows_free(&hist);
    return LT_OK;
}

/* No registration yet: said, with the form to start one for who may. */
static void none_yet(web_req *r, const char *code, int year) {
    lt_err why = {0};
    if (coll_may_register(&r->ctx, code, year, &why)) { /* not a party organisation of the year */
        const char *msg = TR(r, why.vi, why.en), *field_end = strstr(msg, ": ");
        html_printf(r, "<p class=\"muted\">%s</p>", field_end ? field_end + 2 : msg);
        return;
    }
    html_printf(r, "<p class=\"muted\">%s %d.</p>", TR(r, "Đơn vị chưa có bản đăng ký tập thể năm",
                                                      "The unit has no collective registration for"), year);
    if (r->ctx.role != ROLE_ADMIN && r->ctx.role != ROLE_OFFICER) return;
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/tap-the/tao\" class=\"box\">", code);
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"nam\" value=\"%d\"/><button type=\"submit\">%s</button></form>",
                year, TR(r, "Viết bản đăng ký tập thể", "Write the collective registration"));
}

/* The sub-units' collective registrations of the year, when there are any. */
static int sub_units(web_req *r, long long id, int year, lt_err *e) {
    dom_rows s;
    if (q_collectives(&r->ctx, id, year, &s, e)) return e->code;
    if (s.n) {
        html_printf(r, "<h2 id=\"truc-thuoc\">%s (%N)</h2><ul>", TR(r, "Đăng ký tập thể của các đơn vị trực thuộc",
                                                    "The sub-units' collective registrations"), (long long)s.n);
        for (long i = 0; i < s.n; i++) {
            const char *st = rows_get(&s, i, "status");
            html_printf(r, "<li><a href=\"/don-vi/%U/tap-the?nam=%d\">%s</a>: %s%s%s</li>", rows_get(&s, i, "code"),
                        year, rows_get(&s, i, "name"), status_label(r, *st ? st : "not_registered"),
                        *rows_get(&s, i, "grade") ? " · " : "", vocab_word(r, rows_get(&s, i, "grade")));
        }
        html_raw(r, "</ul>");
    }
    rows_free(&s);
    return LT_OK;
}

int page_collective(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long unit_id, id = 0;
    char code[64], name[256], title[400];
    if (page_unit_arg(r, year, &unit_id, code, e) || page_unit_name(r, unit_id, year, name, e)) return e->code;
    snprintf(title, sizeof title, "%s %d — %s", TR(r, "Đăng ký tập thể năm", "Collective registration"), year, name);
    html_begin(r, title);
    html_printf(r, "<p><a href=\"/don-vi/%U?nam=%d\">%s</a> · %s <a href=\"/don-vi/%U/tap-the?nam=%d\">%d</a>"
                   " <a href=\"/don-vi/%U/tap-the?nam=%d\">%d</a></p>", code, year, TR(r, "Hồ sơ đơn vị", "The unit"),
                TR(r, "Năm:", "Year:"), code, year - 1, year - 1, code, year + 1, year + 1);
    int rc = coll_find(&r->ctx, code, year, &id, e);
    if (rc == LT_ENOTFOUND) {
        lt_err_clear(e);
        none_yet(r, code, year);
        rc = LT_OK;
    } else if (rc == LT_OK) {
        rc = show_collective(r, id, e);
    }
    if (rc == LT_OK) rc = sub_units(r, unit_id, year, e);
    if (rc == LT_OK) html_end(r);
    return rc;
}

/* ---- the steps ------------------------------------------------------------ */
/* The collective registration the form is about (unit in the path, its
** year field), checked to be the version the actor saw (?phien_ban). */
static int target(web_req *r, long long *id, int *year, lt_err *e) {
    long v;
    if (form_year(r, "nam", year, e) || coll_find(&r->ctx, r->args[0], *year, id, e)) return e->code;
    if (!*form(r, "phien_ban")) return LT_OK; /* a client that does not say */
    if (lt_parse_long(form(r, "phien_ban"), 1, 1L << 40, &v))
        return lt_err_set(e, LT_EINPUT, "phien_ban không hợp lệ", "invalid phien_ban");
    return coll_expect_version(&r->ctx, *id, v, e);
}

/* After a step: back to the page of the year, saying what was done. */
static int back(web_req *r, int year, const char *done) {
    char path[200];
    snprintf(path, sizeof path, "/don-vi/%.64s/tap-the?nam=%d&xong=%s", r->args[0], year, done);
    web_redirect(r, path);
    return LT_OK;
}

int page_coll_create(web_req *r, lt_err *e) {
    int year;
    long long id;
    if (form_year(r, "nam", &year, e) || coll_create(&r->ctx, r->args[0], year, &id, e)) return e->code;
    return back(r, year, "tt-tao");
}

int page_coll_item(web_req *r, lt_err *e) {
    int year;
    long long id;
    const char *han = form(r, "han");
    if (target(r, &id, &year, e) || coll_add_item(&r->ctx, id, form(r, "noi_dung"), form(r, "nhom"), han, e))
        return e->code;
    return back(r, year, "tt-noi-dung");
}

int page_coll_submit(web_req *r, lt_err *e) {
    int year;
    long long id;
    return target(r, &id, &year, e) || coll_submit(&r->ctx, id, e) ? e->code : back(r, year, "tt-gui");
}

int page_coll_approve(web_req *r, lt_err *e) {
    int year;
    long long id;
    return target(r, &id, &year, e) || coll_approve(&r->ctx, id, e) ? e->code : back(r, year, "tt-duyet");
}

int page_coll_return(web_req *r, lt_err *e) {
    int year;
    long long id;
    return target(r, &id, &year, e) || coll_return(&r->ctx, id, form(r, "ly_do"), e) ? e->code
                                                                                    : back(r, year, "tt-tra-lai");
}

int page_coll_publish(web_req *r, lt_err *e) {
    int year;
    long long id;
    return target(r, &id, &year, e) || coll_publish(&r->ctx, id, e) ? e->code : back(r, year, "tt-cong-khai");
}

int page_coll_assess(web_req *r, lt_err *e) {
    int year;
    long long id;
    dom_rows items;
    if (target(r, &id, &year, e) || q_collective_items(&r->ctx, id, &items, e)) return e->code;
    int rc = LT_OK;
    for (long i = 0; i < items.n && rc == LT_OK; i++) {
        char f1[32], f2[32];
        const char *pos = rows_get(&items, i, "position");
        snprintf(f1, sizeof f1, "danh_gia_%s", pos);
        snprintf(f2, sizeof f2, "ghi_chu_%s", pos);
        if (!*form(r, f1))
            rc = lt_err_set(e, LT_EINPUT, "nội dung số %s: hãy chọn mức tự đánh giá (Hoàn thành, Một phần hoặc"
                            " Chưa thực hiện)", "item %s: choose how it went (done, partly or not done)", pos);
        else rc = coll_assess_item(&r->ctx, id, atoi(pos), form(r, f1), form(r, f2), e);
    }
    rows_free(&items);
    if (rc == LT_OK) rc = coll_self_assess(&r->ctx, id, e);
    return rc ? rc : back(r, year, "tt-tu-danh-gia");
}

int page_coll_evaluate(web_req *r, lt_err *e) {
    int year;
    long long id;
    return target(r, &id, &year, e) || coll_evaluate(&r->ctx, id, form(r, "xep_loai"), e) ? e->code
                                                                                         : back(r, year, "tt-danh-gia");
}

/* The form to print and sign (?dinh_dang=pdf, the default, or docx). */
int page_coll_print(web_req *r, lt_err *e) {
    const char *f = web_param_get(&r->query, "dinh_dang");
    int pdf = !f || strcmp(f, "docx") != 0, year = page_year(r);
    long long id;
    char name[128];
    if (coll_find(&r->ctx, r->args[0], year, &id, e) ||
        form_collective_render(&r->ctx, id, pdf ? REPORT_PDF : REPORT_DOCX, NULL, &r->out, e))
        return e->code;
    snprintf(name, sizeof name, "dang-ky-tap-the-%.64s-%d.%s", r->args[0], year, pdf ? "pdf" : "docx");
    web_attachment(r, pdf ? "application/pdf"
                          : "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
    return LT_OK;
}
