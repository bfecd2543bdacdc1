/*
** report.c — the indicator report of one unit and its direct sub-units for
** a year or a range, as text (Vietnamese, "98,8%"), JSON (plain numbers and
** the counts behind them; null for an absent rate) or CSV.
*/
#include "doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "98,8%", or "—" when absent (out holds 32 bytes). */
void report_percent_vi(long tenths, char out[32]) {
    if (tenths < 0) { strcpy(out, "—"); return; }
    size_t n = lt_count_fmt(out, tenths / 10 % 100000, 0); /* (a dashboard writes dozens: no snprintf) */
    out[n] = ',', out[n + 1] = (char)('0' + tenths % 10), out[n + 2] = '%', out[n + 3] = 0;
}

void report_int_vi(long long v, char out[32]) { lt_count_fmt(out, v, '.'); }

static json_t *json_rate(long tenths) {
    return tenths < 0 ? json_null() : json_real((double)tenths / 10.0);
}

/* The counts of a summary as a JSON object. */
static json_t *json_counts(const ind_summary *s) {
    const ind_counts *c = &s->c;
    json_t *grades = json_pack("{sI sI sI sI}", "excellent", c->grades[GRADE_EXCELLENT],
                               "good", c->grades[GRADE_GOOD], "completed",
                               c->grades[GRADE_COMPLETED], "not_completed",
                               c->grades[GRADE_NOT_COMPLETED]);
    json_t *levels = json_pack("{sI sI sI sI sI}", "unit", c->commendations[LEVEL_UNIT],
                               "grassroots", c->commendations[LEVEL_GRASSROOTS], "district",
                               c->commendations[LEVEL_DISTRICT], "province",
                               c->commendations[LEVEL_PROVINCE], "central",
                               c->commendations[LEVEL_CENTRAL]);
    json_t *o = json_pack("{sI sI sI sI sI sI sI sI sI sI sI sI sI sI sI sI sI sI sI}",
        "deployment_targets", c->targets, "deployed", c->deployed,
        "registration_required", c->reg_required, "registered", c->registered,
        "registrations_submitted", c->reg_submitted, "registrations_approved", c->reg_approved,
        "key_cadres", c->key_required, "key_cadres_published", c->key_published,
        "evaluated", c->evaluated, "standard_units", c->std_units,
        "units_with_standard", c->std_with, "inspections", c->inspections,
        "followups_open", c->followups_open, "followups_overdue", c->followups_overdue,
        "models", c->models, "breakthroughs", c->breakthroughs,
        "breakthroughs_with_result", c->breakthroughs_done,
        "mass_union_members", c->mass_union, "mass_people_reached", c->mass_people);
    json_object_set_new(o, "mass_association_members", json_integer(c->mass_association));
    json_object_set_new(o, "collective_registered", json_integer(c->collective));
    json_object_set_new(o, "key_cadres_due", json_integer(c->key_due));
    json_object_set_new(o, "key_cadres_on_time", json_integer(c->key_on_time));
    json_object_set_new(o, "grades", grades);
    json_object_set_new(o, "commendations", levels);
    return o;
}

/* One unit's object: identity, rates, counts. */
static json_t *json_unit(const ind_result *r, long idx) {
    ind_summary s;
    ind_summarize(r, idx, &s);
    const unit_node *u = &r->tree.nodes[idx];
    json_t *o = json_pack("{ss ss ss}", "code", u->code, "name", u->name, "kind", u->kind);
    json_object_set_new(o, "deployment_rate", json_rate(s.deployment_rate));
    json_object_set_new(o, "registration_rate", json_rate(s.registration_rate));
    json_object_set_new(o, "approved_rate", json_rate(s.approved_rate));
    json_object_set_new(o, "published_key_cadre_rate", json_rate(s.published_key_cadre_rate));
    json_object_set_new(o, "good_or_better_rate", json_rate(s.good_or_better_rate));
    json_object_set_new(o, "standard_rate", json_rate(s.standard_rate));
    json_object_set_new(o, "collective_registration_rate", json_rate(s.collective_registration_rate));
    json_object_set_new(o, "key_cadre_on_time_rate", json_rate(s.key_cadre_on_time_rate));
    json_object_set_new(o, "counts", json_counts(&s));
    return o;
}

static json_t *json_warnings(const ind_result *r, long idx) {
    json_t *a = json_array();
    long *w, n = ind_cap_warnings(r, idx, &w);
    if (n < 0) lt_oom_note(); /* the list is not whole: the report fails */
    for (long i = 0; i < n; i++) {
        const unit_node *u = &r->tree.nodes[w[i]];
        const ind_counts *c = ind_own(r, w[i]);
        char vi[512], en[512];
        snprintf(vi, sizeof vi, "%s: số hoàn thành xuất sắc (%lld) vượt 20%% số hoàn thành tốt "
                 "(%lld) (%s)", u->name, c->grades[GRADE_EXCELLENT], c->grades[GRADE_GOOD],
                 ind_cap_rule(r->to, 0));
        snprintf(en, sizeof en, "%s: excellent (%lld) exceeds 20%% of good (%lld) (%s)", u->name,
                 c->grades[GRADE_EXCELLENT], c->grades[GRADE_GOOD], ind_cap_rule(r->to, 1));
        json_array_append_new(a, json_pack("{ss ss ss}", "unit", u->code, "message_vi", vi,
                                           "message_en", en));
    }
    free(w);
    return a;
}

static int render_json(lt_ctx *ctx, const ind_result *r, long idx, lt_buf *out, lt_err *e) {
    json_t *o = json_unit(r, idx);
    int rc = LT_OK;
    json_object_set_new(o, "from", json_integer(r->from));
    json_object_set_new(o, "to", json_integer(r->to));
    if (r->from == r->to) {
        json_object_set_new(o, "year", json_integer(r->to));
        if (*r->until) json_object_set_new(o, "until", json_string(r->until));
        char *title = NULL;
        rc = topic_for_unit(ctx, r->tree.nodes[idx].id, r->to, &title, e);
        json_object_set_new(o, "topic", title ? json_string(title) : json_null());
        free(title);
    }
    json_object_set_new(o, "warnings", json_warnings(r, idx));
    json_t *subs = json_array();
    for (long c = r->tree.nodes[idx].first_child; c >= 0; c = r->tree.nodes[c].next_sibling)
        json_array_append_new(subs, json_unit(r, c));
    json_object_set_new(o, "subunits", subs);
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    if (s) lt_buf_puts(out, s);
    else out->err = LT_EOOM;
    lt_buf_putc(out, '\n');
    free(s);
    json_decref(o);
    return rc;
}

/* Append s padded with spaces to `width` characters (not bytes), on the
** left when right_align; NFC Vietnamese letters are one code point each. */
static void pad(lt_buf *out, const char *s, int width, int right_align) {
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) chars += (*p & 0xC0) != 0x80;
    if (right_align) for (int i = chars; i < width; i++) lt_buf_putc(out, ' ');
    lt_buf_puts(out, s);
    if (!right_align) for (int i = chars; i < width; i++) lt_buf_putc(out, ' ');
}

/* One "label: rate (num/den)" line of the text report. */
static void text_line(lt_buf *out, const char *label, long rate, long long num, long long den) {
    char p[32];
    report_percent_vi(rate, p);
    lt_buf_puts(out, "  ");
    pad(out, label, 42, 0);
    pad(out, p, 8, 1);
    lt_buf_printf(out, "  (%lld/%lld)\n", num, den);
}

/* One row of the sub-unit table: name and three rates. */
static void text_row(lt_buf *out, const char *name, const char *a, const char *b,
                     const char *c) {
    lt_buf_puts(out, "  ");
    pad(out, name, 44, 0);
    pad(out, a, 11, 1);
    pad(out, b, 9, 1);
    pad(out, c, 9, 1);
    lt_buf_putc(out, '\n');
}

static int render_text(lt_ctx *ctx, const ind_result *r, long idx, lt_buf *out, lt_err *e) {
    ind_summary s;
    ind_summarize(r, idx, &s);
    const unit_node *u = &r->tree.nodes[idx];
    if (r->from == r->to && *r->until)
        lt_buf_printf(out, "%s — năm %d (đến ngày %.2s/%.2s/%.4s, ngày cuối hoạt động)\n", u->name, r->to,
                      r->until + 8, r->until + 5, r->until);
    else if (r->from == r->to) lt_buf_printf(out, "%s — năm %d\n", u->name, r->to);
    else lt_buf_printf(out, "%s — từ năm %d đến năm %d\n", u->name, r->from, r->to);
    char *title = NULL;
    if (r->from == r->to && topic_for_unit(ctx, u->id, r->to, &title, e)) return e->code;
    if (title) lt_buf_printf(out, "Chuyên đề: %s\n", title);
    free(title);
    lt_buf_puts(out, "\n");
    text_line(out, "Tỷ lệ triển khai chuyên đề", s.deployment_rate, s.c.deployed, s.c.targets);
    text_line(out, "Tỷ lệ tổ chức đảng đăng ký tập thể", s.collective_registration_rate, s.c.collective,
              s.c.targets);
    text_line(out, "Tỷ lệ đăng ký làm theo", s.registration_rate, s.c.registered, s.c.reg_required);
    text_line(out, "Tỷ lệ cán bộ chủ chốt đăng ký đúng hạn", s.key_cadre_on_time_rate, s.c.key_on_time,
              s.c.key_due);
    text_line(out, "Tỷ lệ bản đăng ký được duyệt", s.approved_rate, s.c.reg_approved, s.c.reg_submitted);
    text_line(out, "Tỷ lệ cán bộ chủ chốt công khai đăng ký", s.published_key_cadre_rate,
              s.c.key_published, s.c.key_required);
    text_line(out, "Tỷ lệ hoàn thành tốt trở lên", s.good_or_better_rate,
              s.c.grades[GRADE_EXCELLENT] + s.c.grades[GRADE_GOOD], s.c.evaluated);
    text_line(out, "Tỷ lệ đơn vị có chuẩn mực đạo đức", s.standard_rate, s.c.std_with, s.c.std_units);
    lt_buf_printf(out, "  Xếp loại: xuất sắc %lld, tốt %lld, hoàn thành %lld, không hoàn thành %lld\n",
                  s.c.grades[GRADE_EXCELLENT], s.c.grades[GRADE_GOOD],
                  s.c.grades[GRADE_COMPLETED], s.c.grades[GRADE_NOT_COMPLETED]);
    lt_buf_printf(out, "  Kiểm tra, giám sát: %lld; việc khắc phục chưa xong %lld, quá hạn %lld\n",
                  s.c.inspections, s.c.followups_open, s.c.followups_overdue);
    lt_buf_printf(out, "  Mô hình, điển hình: %lld; khen thưởng: %lld; đột phá có kết quả: %lld/%lld\n",
                  s.c.models, s.c.commendations[0] + s.c.commendations[1] + s.c.commendations[2] +
                  s.c.commendations[3] + s.c.commendations[4], s.c.breakthroughs_done,
                  s.c.breakthroughs);
    long *w, nw = ind_cap_warnings(r, idx, &w);
    if (nw < 0) out->err = LT_EOOM;
    for (long i = 0; i < nw && i < IND_WARNINGS_SHOWN; i++)
        lt_buf_printf(out, "  CẢNH BÁO: %s: xuất sắc vượt 20%% số hoàn thành tốt\n",
                      r->tree.nodes[w[i]].name);
    if (nw > IND_WARNINGS_SHOWN)
        lt_buf_printf(out, "  CẢNH BÁO: và %ld đơn vị khác (and %ld more units)\n",
                      nw - IND_WARNINGS_SHOWN, nw - IND_WARNINGS_SHOWN);
    free(w);
    if (u->first_child >= 0) {
        lt_buf_putc(out, '\n');
        text_row(out, "Đơn vị trực thuộc", "Triển khai", "Đăng ký", "Tốt+");
    }
    for (long c = u->first_child; c >= 0; c = r->tree.nodes[c].next_sibling) {
        ind_summary cs;
        ind_summarize(r, c, &cs);
        char a[32], b[32], d[32];
        report_percent_vi(cs.deployment_rate, a);
        report_percent_vi(cs.registration_rate, b);
        report_percent_vi(cs.good_or_better_rate, d);
        text_row(out, r->tree.nodes[c].name, a, b, d);
    }
    return LT_OK;
}

/* A plain CSV number for a rate ("" when absent). */
static void csv_rate(lt_buf *out, long tenths) {
    if (tenths >= 0) lt_buf_printf(out, "%ld.%ld", tenths / 10, tenths % 10);
    lt_buf_putc(out, ',');
}

static void csv_row(lt_buf *out, const ind_result *r, long idx) {
    ind_summary s;
    ind_summarize(r, idx, &s);
    const unit_node *u = &r->tree.nodes[idx];
    export_csv_cell(out, u->code);
    lt_buf_putc(out, ',');
    export_csv_cell(out, u->name);
    lt_buf_putc(out, ',');
    csv_rate(out, s.deployment_rate);
    csv_rate(out, s.registration_rate);
    csv_rate(out, s.approved_rate);
    csv_rate(out, s.published_key_cadre_rate);
    csv_rate(out, s.good_or_better_rate);
    csv_rate(out, s.standard_rate);
    lt_buf_printf(out, "%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,", s.c.deployed,
                  s.c.targets, s.c.registered, s.c.reg_required, s.c.grades[GRADE_EXCELLENT],
                  s.c.grades[GRADE_GOOD], s.c.grades[GRADE_COMPLETED],
                  s.c.grades[GRADE_NOT_COMPLETED], s.c.evaluated);
    csv_rate(out, s.collective_registration_rate);
    lt_buf_printf(out, "%lld,", s.c.collective);
    csv_rate(out, s.key_cadre_on_time_rate);
    lt_buf_printf(out, "%lld,%lld\r\n", s.c.key_on_time, s.c.key_due);
}

static void render_csv(const ind_result *r, long idx, lt_buf *out) {
    lt_buf_puts(out, "\xEF\xBB\xBFma_don_vi,ten_don_vi,ty_le_trien_khai,ty_le_dang_ky,ty_le_duyet,"
                     "ty_le_cong_khai_can_bo_chu_chot,ty_le_tot_tro_len,ty_le_chuan_muc,"
                     "da_trien_khai,so_phai_trien_khai,da_dang_ky,so_phai_dang_ky,xuat_sac,tot,"
                     "hoan_thanh,khong_hoan_thanh,da_danh_gia,ty_le_dang_ky_tap_the,da_dang_ky_tap_the,"
                     "ty_le_chu_chot_dung_han,chu_chot_dung_han,chu_chot_phai_dung_han\r\n");
    csv_row(out, r, idx);
    for (long c = r->tree.nodes[idx].first_child; c >= 0; c = r->tree.nodes[c].next_sibling)
        csv_row(out, r, c);
}

int report_result(lt_ctx *ctx, const char *unit_code, int from, int to, const ind_result **r,
                  long *idx, lt_err *e) {
    *r = NULL;
    if (unit_code) {
        long long id;
        if (unit_find(ctx, unit_code, &id, e)) return e->code;
        int rc = ind_get_unit(ctx, id, from, to, r, idx, e);
        if (rc == LT_ENOTFOUND)
            rc = lt_err_set(e, LT_EINPUT, "đơn vị %s không hoạt động trong năm %d", "unit %s was not"
                            " active in %d", unit_code, to);
        return rc;
    }
    if (ind_get(ctx, from, to, r, e)) return e->code;
    if ((*idx = tree_top(&(*r)->tree)) >= 0) return LT_OK;
    int rc = *idx == -2 ? lt_err_oom(e) : lt_err_set(e, LT_ENOTFOUND, "chưa có đơn vị nào trong năm %d",
                                                     "there are no units in %d", to);
    ind_release(*r);
    *r = NULL;
    return rc;
}

/* The formats laid out as a document. */
static int render_document(lt_ctx *ctx, const char *unit_code, int from, int to, report_format fmt,
                           const doc_marks *m, lt_buf *out, lt_err *e) {
    report_doc d;
    char date[11];
    if (doc_marks_check(m, date, e)) return e->code;
    doc_marks iso = m ? *m : (doc_marks){0};
    iso.date = date;
    if (doc_build(ctx, unit_code, from, to, &iso, &d, e)) return e->code;
    int rc = fmt == REPORT_HTML ? doc_render_html(&d, out, e)
           : fmt == REPORT_XLSX ? doc_render_xlsx(&d, out, e)
           : fmt == REPORT_DOCX ? doc_render_docx(&d, 1, out, e)
                                : doc_render_pdf(&d, 1, out, e);
    doc_free(&d);
    return rc;
}

int report_render(lt_ctx *ctx, const char *unit_code, int from, int to, report_format fmt,
                  const doc_marks *m, lt_buf *out, lt_err *e) {
    unsigned long oom_before = lt_oom_count();
    int rc;
    if (fmt >= REPORT_HTML) {
        rc = render_document(ctx, unit_code, from, to, fmt, m, out, e);
    } else {
        const ind_result *r;
        long idx;
        if (report_result(ctx, unit_code, from, to, &r, &idx, e)) return e->code;
        rc = fmt == REPORT_JSON ? render_json(ctx, r, idx, out, e)
           : fmt == REPORT_TEXT ? render_text(ctx, r, idx, out, e) : (render_csv(r, idx, out), LT_OK);
        ind_release(r);
    }
    /* a piece that could not be written (memory, or the output's bound): no report */
    if (rc == LT_OK && (out->err == LT_EOOM || lt_oom_count() != oom_before)) rc = lt_err_oom(e);
    else if (rc == LT_OK && out->err)
        rc = lt_err_set(e, out->err, "báo cáo quá lớn", "the report is too large");
    return rc;
}

int report_format_parse(const char *s, report_format *out) {
    static const char *const names[] = {"text", "json", "csv", "html", "xlsx", "docx", "pdf"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(names); i++)
        if (strcmp(s, names[i]) == 0) { *out = (report_format)i; return 0; }
    return -1;
}
