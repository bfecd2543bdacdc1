/*
** page_dashboard.c — the dashboard of one unit and year: every indicator
** with the counts behind it, the excellent-cap warnings, charts by
** sub-unit and over the years, drill-down into sub-units, and the lists
** of what is still missing.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TREND_FROM 2016   /* the first year of the programme's records */
#define TREND_YEARS 6    /* the years a dashboard's trend shows */

/* One indicator card: the rate and the counts behind it. */
static void card(web_req *r, const char *label, long rate, long long num, long long den) {
    html_raw(r, "<div class=\"card\"><div class=\"v\">");
    html_rate(r, rate);
    html_printf(r, "</div><div class=\"k\">%s<br/>%N / %N</div></div>", label, num, den);
}

static void cards(web_req *r, const ind_summary *s) {
    const ind_counts *c = &s->c;
    html_raw(r, "<div class=\"cards\">");
    card(r, TR(r, "Triển khai chuyên đề", "Topic deployed"), s->deployment_rate, c->deployed, c->targets);
    card(r, TR(r, "Tổ chức đảng đăng ký tập thể", "Collective registrations"), s->collective_registration_rate,
         c->collective, c->targets);
    card(r, TR(r, "Đăng ký làm theo", "Registered"), s->registration_rate, c->registered, c->reg_required);
    card(r, TR(r, "Cán bộ chủ chốt đăng ký đúng hạn", "Key cadres on time"), s->key_cadre_on_time_rate,
         c->key_on_time, c->key_due);
    card(r, TR(r, "Được duyệt", "Approved"), s->approved_rate, c->reg_approved, c->reg_submitted);
    card(r, TR(r, "Cán bộ chủ chốt công khai", "Key cadres published"), s->published_key_cadre_rate,
         c->key_published, c->key_required);
    card(r, TR(r, "Hoàn thành tốt trở lên", "Good or better"), s->good_or_better_rate,
         c->grades[GRADE_EXCELLENT] + c->grades[GRADE_GOOD], c->evaluated);
    card(r, TR(r, "Có chuẩn mực đạo đức", "With an ethical standard"), s->standard_rate, c->std_with,
         c->std_units);
    html_raw(r, "</div>");
    html_printf(r, "<p>%s: %N · %s: %N · %s: %N · %s: %N</p>",
                TR(r, "Xuất sắc", "Excellent"), c->grades[GRADE_EXCELLENT], TR(r, "Tốt", "Good"),
                c->grades[GRADE_GOOD], TR(r, "Hoàn thành", "Completed"), c->grades[GRADE_COMPLETED],
                TR(r, "Không hoàn thành", "Not completed"), c->grades[GRADE_NOT_COMPLETED]);
    html_printf(r, "<p>%s: %N · %s: %N (%s %N) · %s: %N · %s: %N · %s: %N/%N</p>",
                TR(r, "Kiểm tra, giám sát", "Inspections"), c->inspections,
                TR(r, "Việc khắc phục đang mở", "Open follow-ups"), c->followups_open,
                TR(r, "quá hạn", "overdue"), c->followups_overdue, TR(r, "Mô hình", "Models"), c->models,
                TR(r, "Khen thưởng", "Commendations"),
                c->commendations[0] + c->commendations[1] + c->commendations[2] + c->commendations[3] +
                    c->commendations[4],
                TR(r, "Đột phá có kết quả", "Breakthroughs with a result"), c->breakthroughs_done,
                c->breakthroughs);
}

/* Sub-units: a table with drill-down links and the bar chart. */
static void subunits(web_req *r, const ind_result *res, long idx, int year) {
    int n = 0;
    for (long c = res->tree.nodes[idx].first_child; c >= 0; c = res->tree.nodes[c].next_sibling) n++;
    if (n == 0) return;
    const char **labels = calloc((size_t)n, sizeof *labels);
    long *dep = calloc((size_t)n, sizeof *dep), *good = calloc((size_t)n, sizeof *good);
    if (!labels || !dep || !good) { /* the page fails whole (the router reads out.err) */
        free(labels); free(dep); free(good);
        r->out.err = LT_EOOM;
        return;
    }
    html_printf(r, "<h2>%s</h2><div class=\"scroll\"><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
                   "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
                TR(r, "Đơn vị trực thuộc", "Sub-units"), TR(r, "Đơn vị", "Unit"),
                TR(r, "Triển khai", "Deployed"), TR(r, "Đăng ký tập thể", "Collective"), TR(r, "Đăng ký", "Registered"),
                TR(r, "Công khai", "Published"), TR(r, "Tốt trở lên", "Good+"));
    int i = 0;
    for (long c = res->tree.nodes[idx].first_child; c >= 0; c = res->tree.nodes[c].next_sibling, i++) {
        ind_summary s;
        ind_summarize(res, c, &s);
        labels[i] = res->tree.nodes[c].name;
        dep[i] = s.deployment_rate;
        good[i] = s.good_or_better_rate;
        html_printf(r, "<tr><td><a href=\"/tong-quan?don_vi=%U&amp;nam=%d\">%s</a></td><td class=\"num\">",
                    res->tree.nodes[c].code, year, res->tree.nodes[c].name);
        html_rate(r, s.deployment_rate);
        html_raw(r, "</td><td class=\"num\">");
        html_rate(r, s.collective_registration_rate);
        html_raw(r, "</td><td class=\"num\">");
        html_rate(r, s.registration_rate);
        html_raw(r, "</td><td class=\"num\">");
        html_rate(r, s.published_key_cadre_rate);
        html_raw(r, "</td><td class=\"num\">");
        html_rate(r, s.good_or_better_rate);
        html_raw(r, "</td></tr>");
    }
    html_raw(r, "</tbody></table></div>");
    svg_bars(r, TR(r, "Tỷ lệ theo đơn vị trực thuộc", "Rates by sub-unit"), labels, dep, good, n,
             TR(r, "Triển khai", "Deployed"), TR(r, "Hoàn thành tốt trở lên", "Good or better"));
    free(labels);
    free(dep);
    free(good);
}

/* The trend of the unit over the TREND_YEARS years up to year (not before
** TREND_FROM), from the small per-year cache of two rates per unit. */
static int trend(web_req *r, long long unit_id, int year, lt_err *e) {
    int from = year - TREND_YEARS + 1 > TREND_FROM ? year - TREND_YEARS + 1 : TREND_FROM;
    int n = year - from + 1;
    if (n < 2) return LT_OK;
    int *years = calloc((size_t)n, sizeof *years);
    long *dep = calloc((size_t)n, sizeof *dep), *good = calloc((size_t)n, sizeof *good);
    if (!years || !dep || !good) {
        free(years); free(dep); free(good);
        return lt_err_oom(e);
    }
    for (int i = 0; i < n; i++) years[i] = from + i;
    int rc = ind_trend_rates(&r->ctx, from, n, unit_id, dep, good, e);
    if (rc == LT_OK) {
        html_printf(r, "<h2>%s</h2>", TR(r, "Diễn biến qua các năm", "Over the years"));
        svg_trend(r, TR(r, "Diễn biến qua các năm", "Over the years"), years, dep, good, n,
                  TR(r, "Triển khai", "Deployed"), TR(r, "Hoàn thành tốt trở lên", "Good or better"));
    }
    free(years);
    free(dep);
    free(good);
    return rc;
}

/* Registrations waiting for approval in the other open years, as links
** to those years' lists: nothing waits unseen behind the year shown.  Only
** those years' tallies are read (ind_waiting: the first dashboard of a
** year computed another whole year for this line; and a unit closed
** during such a year, computed on its last day, a year no cache keeps). */
static void waiting_elsewhere(web_req *r, long long unit_id, const char *code, int year) {
    int open[8], n = page_open_years(r, open, 8), said = 0;
    for (int i = 0; i < n; i++) {
        long long waiting = open[i] == year ? 0 : ind_waiting(&r->ctx, unit_id, open[i]);
        if (waiting <= 0) continue;
        if (said++) html_raw(r, " · ");
        else html_printf(r, "<p class=\"warn\">%s ", TR(r, "Còn chờ duyệt ở năm khác:", "Also waiting in other years:"));
        html_printf(r, "<a href=\"/tong-quan?don_vi=%U&amp;nam=%d#cho-duyet\">%s %d: %N</a>", code, open[i],
                    TR(r, "năm", "year"), open[i], waiting);
    }
    if (said) html_raw(r, "</p>");
}

/* The lists of what is missing in the subtree (key cadres late only in a
** year with a key-cadre deadline, key_deadline). */
static int missing(web_req *r, long long unit_id, const char *code, int year, int key_deadline, lt_err *e) {
    static const struct { missing_kind kind; const char *vi, *en, *cols[8], *link, *prefix; } lists[] = {
        /* (in the order of missing_kind; their anchors in `anchors`) */
        {MISSING_DEPLOYMENTS, "Chưa triển khai chuyên đề", "Not yet deployed",
         {"code", "Mã|Code", "name", "Đơn vị|Unit", NULL}, "code", "/don-vi/"},
        {MISSING_REGISTRATIONS, "Chưa đăng ký", "Not yet registered",
         {"code", "Mã|Code", "full_name", "Họ tên|Name", "unit_name", "Đơn vị|Unit", NULL}, "code", "/nguoi/"},
        {MISSING_APPROVALS, "Chờ duyệt", "Waiting for approval",
         {"id", "Số|No.", "full_name", "Họ tên|Name", "unit_name", "Đơn vị|Unit", NULL}, "id", "/dang-ky/"},
        {MISSING_PUBLICATIONS, "Cán bộ chủ chốt chưa công khai", "Key cadres not yet published",
         {"full_name", "Họ tên|Name", "unit_name", "Đơn vị|Unit", "status", "Bản đăng ký|Registration", NULL},
         "code", "/nguoi/"},
        {MISSING_FOLLOWUPS, "Việc khắc phục quá hạn của các cuộc kiểm tra trong năm",
         "Overdue follow-ups of the year's inspections",
         {"body", "Nội dung|Item", "due_on", "Hạn|Due", "unit_name", "Đơn vị|Unit", NULL}, NULL, NULL},
        {MISSING_KEY_LATE, "Cán bộ chủ chốt chưa đăng ký trong hạn dành cho cán bộ chủ chốt",
         "Key cadres who missed their earlier deadline",
         {"full_name", "Họ tên|Name", "unit_name", "Đơn vị|Unit", "submitted_on", "Ngày gửi|Submitted on", NULL},
         "code", "/nguoi/"},
        {MISSING_COLLECTIVES, "Tổ chức đảng chưa gửi bản đăng ký tập thể", "Party organisations without a collective"
         " registration", {"code", "Mã|Code", "name", "Đơn vị|Unit", "status", "Bản đăng ký|Registration", NULL}, "code",
         "/don-vi/"},
    };
    for (unsigned i = 0; i < LT_ARRAY_LEN(lists); i++) {
        if (lists[i].kind == MISSING_KEY_LATE && !key_deadline) continue;
        dom_rows rows;
        if (q_missing(&r->ctx, unit_id, year, lists[i].kind, 50, &rows, e)) return e->code;
        static const char *const anchors[] = {"chua-trien-khai", "chua-dang-ky", "cho-duyet", "chua-cong-khai",
                                              "qua-han", "chu-chot-tre-han", "chua-dang-ky-tap-the"};
        html_printf(r, "<h2 id=\"%s\">%s (%N%s)</h2>", anchors[i], TR(r, lists[i].vi, lists[i].en), (long long)rows.n,
                    rows.n == 50 ? "+" : "");
        if (lists[i].kind == MISSING_APPROVALS) waiting_elsewhere(r, unit_id, code, year);
        html_rows(r, &rows, lists[i].cols, lists[i].link, lists[i].prefix);
        rows_free(&rows);
    }
    return LT_OK;
}

/* Whether the viewer may write the report's parts (the report form links
** to them): one of what a kept page differs by. */
static int writes_report_parts(const web_req *r) {
    return r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER;
}

/* The report to sign and file: its number, date, signer and recipients
** (each left empty for its default: DESIGN §4), then the format. */
static void report_form(web_req *r, const char *code, int year) {
    char today[11];
    page_today(today);
    html_printf(r, "<details class=\"box\"><summary>%s</summary><form method=\"get\" action=\"/bao-cao\">"
                   "<input type=\"hidden\" name=\"don_vi\" value=\"%s\"/><input type=\"hidden\" name=\"nam\""
                   " value=\"%d\"/>", TR(r, "Báo cáo có số, ngày, người ký và nơi nhận", "The report with its number,"
                   " date, signer and recipients"), code, year);
    html_printf(r, "<label for=\"so\">%s</label><input id=\"so\" name=\"so\" inputmode=\"numeric\""
                   " placeholder=\"%s\"/><label for=\"ngay\">%s</label><input id=\"ngay\" name=\"ngay\""
                   " placeholder=\"dd/mm/yyyy\" value=\"%s\"/><label for=\"nguoi_ky\">%s</label><input"
                   " id=\"nguoi_ky\" name=\"nguoi_ky\" placeholder=\"%s\"/><label for=\"noi_nhan\">%s</label>"
                   "<textarea id=\"noi_nhan\" name=\"noi_nhan\" rows=\"4\" placeholder=\"%s\"></textarea>",
                TR(r, "Số văn bản (để trống: ghi tay sau)", "Number (empty: written in by hand)"),
                TR(r, "vd: 12", "e.g. 12"), TR(r, "Ngày văn bản", "Date"), today,
                TR(r, "Người ký (để trống: bí thư của đơn vị)", "Signer (empty: the unit's secretary)"),
                TR(r, "Họ và tên", "Full name"), TR(r, "Nơi nhận, mỗi nơi một dòng (để trống: cấp ủy cấp trên, ban"
                   " tuyên giáo, lưu văn phòng)", "Recipients, one a line (empty: the committee above, its board,"
                   " filing)"), TR(r, "Ban Thường vụ Huyện ủy (báo cáo)", "Ban Thường vụ Huyện ủy (báo cáo)"));
    static const char *const kinds[][2] = {{"pdf", "PDF"}, {"docx", "Word"}, {"xlsx", "Excel"}, {"html", "HTML"}};
    html_raw(r, "<p>");
    for (int i = 0; i < 4; i++)
        html_printf(r, "<button type=\"submit\" name=\"dinh_dang\" value=\"%s\">%s %s</button> ", kinds[i][0],
                    TR(r, "Tải", "Download"), kinds[i][1]);
    html_raw(r, "</p></form>");
    if (writes_report_parts(r))
        html_printf(r, "<p><a href=\"/don-vi/%U/phan-viet?nam=%d\">%s</a></p>", code, year,
                    TR(r, "Viết phần đánh giá chung, phương hướng, kiến nghị của báo cáo",
                       "Write the report's assessment, tasks and recommendations"));
    html_raw(r, "</details>");
}

/* The unit (by name) and year chooser: a GET form, working without script. */
static void chooser(web_req *r, const char *code, int year) {
    char today[11];
    lt_today(today);
    html_raw(r, "<form method=\"get\" action=\"/tong-quan\" class=\"box\">");
    html_unit_picker(r, "don_vi", TR(r, "Đơn vị", "Unit"), code, year, 0);
    html_printf(r, "<label for=\"nam\">%s</label><select id=\"nam\" name=\"nam\">", TR(r, "Năm", "Year"));
    for (int y = atoi(today); y >= TREND_FROM; y--)
        html_printf(r, "<option%S>%d</option>", y == year ? " selected=\"selected\"" : "", y);
    html_printf(r, "</select><button type=\"submit\">%s</button></form>", TR(r, "Xem", "Show"));
}

/* Keep the title and what the page wrote from `from` on, for the next
** viewer of the same variant (nothing is said when it cannot be kept). */
static void keep_written(web_req *r, long long unit_id, int year, long long variant, const char *title,
                         size_t from) {
    size_t tl = strlen(title), bl = r->out.len - from;
    char *kept = malloc(tl + 1 + bl);
    if (!kept) return;
    memcpy(kept, title, tl + 1);
    memcpy(kept + tl + 1, r->out.p + from, bl);
    memo_text_put(&r->ctx, unit_id, year, MEMO_PAGE_DASHBOARD, variant, kept, tl + 1 + bl);
    free(kept);
}

/* The page from its title to the lists of what is missing, at the state
** this page reads: the same for every viewer in the same language, with
** the same part of the tree (the unit chooser's label names the unit's
** namesakes in it) and the same role's additions.  Kept (memo_text) as the
** title, a NUL, then the body, while nothing changes. */
static int dashboard_written(web_req *r, long long unit_id, const char *code, int year, long long variant,
                             lt_err *e) {
    const ind_result *res;
    long idx;
    int rc = ind_get_unit(&r->ctx, unit_id, year, year, &res, &idx, e);
    if (rc == LT_ENOTFOUND)
        return lt_err_set(e, LT_ENOTFOUND, "đơn vị %s không hoạt động trong năm %d",
                          "unit %s was not active in %d", code, year);
    if (rc) return rc;
    char title[400], until[48] = "";
    if (*res->until)
        snprintf(until, sizeof until, " (%s %.2s/%.2s/%.4s)", TR(r, "đến ngày", "until"), res->until + 8,
                 res->until + 5, res->until);
    snprintf(title, sizeof title, "%s — %s %d%s", res->tree.nodes[idx].name, TR(r, "năm", "year"), year,
             until);
    html_begin(r, title);
    size_t from = r->out.len;
    chooser(r, code, year);
    char *topic = NULL;
    topic_for_unit(&r->ctx, unit_id, year, &topic, NULL);
    if (topic) html_printf(r, "<p><b>%s:</b> %s</p>", TR(r, "Chuyên đề", "Topic"), topic);
    free(topic);
    ind_summary s;
    ind_summarize(res, idx, &s);
    cards(r, &s);
    long *w, nw = ind_cap_warnings(res, idx, &w);
    for (long i = 0; i < nw && i < IND_WARNINGS_SHOWN; i++)
        html_printf(r, "<p class=\"warn\">%s: %s (%s)</p>", res->tree.nodes[w[i]].name,
                    TR(r, "số hoàn thành xuất sắc vượt 20% số hoàn thành tốt", "excellent exceeds 20% of good"),
                    ind_cap_rule(year, r->lang_en));
    if (nw > IND_WARNINGS_SHOWN)
        html_printf(r, "<p class=\"warn\">%s %N %s</p>", TR(r, "Và", "And"), (long long)(nw - IND_WARNINGS_SHOWN),
                    TR(r, "đơn vị khác vượt mức này.", "more units over this cap."));
    free(w);
    html_printf(r, "<p>%s <a href=\"/bao-cao?don_vi=%U&amp;nam=%d&amp;dinh_dang=pdf\">PDF</a> · "
                   "<a href=\"/bao-cao?don_vi=%U&amp;nam=%d&amp;dinh_dang=docx\">Word</a> · "
                   "<a href=\"/bao-cao?don_vi=%U&amp;nam=%d&amp;dinh_dang=xlsx\">Excel</a> · "
                   "<a href=\"/bao-cao?don_vi=%U&amp;nam=%d&amp;dinh_dang=html\">HTML</a> · "
                   "<a href=\"/api/v1/indicators?unit=%U&amp;year=%d\">JSON</a> · <a href=\"/don-vi/%U\">%s</a></p>",
                TR(r, "Tải báo cáo:", "Download the report:"), code, year, code, year, code, year, code, year, code,
                year, code, TR(r, "Hồ sơ đơn vị", "Unit records"));
    report_form(r, code, year);
    subunits(r, res, idx, year);
    ind_release(res);
    rc = trend(r, unit_id, year, e);
    if (rc == LT_OK) rc = missing(r, unit_id, code, year, s.c.key_due > 0, e);
    if (rc == LT_OK && !r->out.err) keep_written(r, unit_id, year, variant, title, from);
    return rc;
}

int page_dashboard(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long unit_id;
    char code[64];
    if (page_unit_arg(r, year, &unit_id, code, e)) return e->code;
    /* what differs between viewers of the same unit and year: the language,
    ** their part of the tree (an administrator's is all of it) and role */
    long long variant = (long long)((unsigned long long)r->ctx.scope_unit << 2 |
                                    (unsigned)writes_report_parts(r) << 1 | (unsigned)r->lang_en);
    memo_text kept;
    int rc = LT_OK;
    if (memo_text_get(&r->ctx, unit_id, year, MEMO_PAGE_DASHBOARD, variant, &kept)) {
        html_begin(r, kept.text);
        html_raw(r, kept.text + strlen(kept.text) + 1);
        r->unit_picker = 1; /* (the chooser's, in the kept text) */
        memo_text_free(&kept);
    } else {
        rc = dashboard_written(r, unit_id, code, year, variant, e);
    }
    if (rc == LT_OK) rc = page_comment_counts(r, e);
    if (rc == LT_OK) html_end(r);
    return rc;
}
