/*
** doc_build.c — turns the indicators of a unit and a year (or a range)
** into the report document every format renders: the header of a
** Vietnamese administrative report, eight numbered sections with their
** sentences and tables by sub-unit, the chart data, recipients and the
** signature block.  Only published material (mottos, commended models)
** is quoted.
*/
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void doc_rate_text(long tenths, char out[32]) { report_percent_vi(tenths, out); }

int doc_clean(const char *s, lt_buf *tmp, const char **out) {
    size_t n = strlen(s);
    *out = s;
    if (text_check_free(s, n, 1, NULL, NULL) == TEXT_FREE_OK) return LT_OK;
    lt_buf_init(tmp, 0);
    if (text_clean(s, n, TEXT_REPLACEMENT, tmp)) { lt_buf_free(tmp); *out = ""; return LT_ENOMEM; }
    *out = tmp->p;
    return LT_OK;
}

void doc_escape(lt_buf *b, const char *s) {
    lt_buf tmp = {0};
    doc_clean(s, &tmp, &s);
    for (; *s; s++) {
        if (*s == '&') lt_buf_puts(b, "&amp;");
        else if (*s == '<') lt_buf_puts(b, "&lt;");
        else if (*s == '>') lt_buf_puts(b, "&gt;");
        else if (*s == '"') lt_buf_puts(b, "&quot;");
        else lt_buf_putc(b, *s);
    }
    lt_buf_free(&tmp);
}

void xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f) {
    lt_buf tmp = {0};
    doc_clean(s ? s : "", &tmp, &s);
    worksheet_write_string(ws, row, col, s, f);
    lt_buf_free(&tmp);
}

lxw_workbook *xlsx_begin(char path[32], lt_err *e) {
    snprintf(path, 32, "/tmp/lamtheo-xlsx-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) { lt_err_set(e, LT_EIO, "không tạo được tệp tạm", "cannot create a temporary file"); return NULL; }
    close(fd);
    lxw_workbook *wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        lt_err_set(e, LT_EIO, "không tạo được bảng tính", "cannot create the workbook");
    }
    return wb;
}

int xlsx_end(lxw_workbook *wb, const char *path, int rc, lt_buf *out, lt_err *e) {
    lxw_error err = workbook_close(wb);
    if (rc == LT_OK && err != LXW_NO_ERROR)
        rc = lt_err_set(e, LT_EIO, "không ghi được bảng tính: %s", "cannot write the workbook: %s", lxw_strerror(err));
    char *data;
    size_t n;
    if (rc == LT_OK && (rc = lt_read_file(path, (size_t)1 << 30, &data, &n, e)) == LT_OK) {
        lt_buf_append(out, data, n);
        free(data);
    }
    unlink(path);
    return rc;
}

char *doc_fmt(const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = lt_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    va_start(ap, f);
    vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, f, ap);
    va_end(ap);
    return s;
}

static void add_para(doc_section *s, char *text) {
    s->para = lt_xrealloc(s->para, (size_t)(s->npara + 1) * sizeof *s->para);
    s->para[s->npara++] = text;
}

static doc_section *add_section(report_doc *d, const char *heading) {
    doc_section *s = &d->sec[d->nsec++];
    memset(s, 0, sizeof *s);
    s->heading = lt_xstrdup(heading);
    return s;
}

/* A table with one row per sub-unit of idx (and a total row). */
typedef void (*row_fill)(doc_cell *cells, const ind_summary *s);

static doc_table *subunit_table(const ind_result *r, long idx, const char *title,
                                const char *const *head, int ncols, row_fill fill) {
    doc_table *t = lt_xcalloc(1, sizeof *t);
    t->title = lt_xstrdup(title);
    t->ncols = ncols + 1;
    t->head = lt_xcalloc((size_t)t->ncols, sizeof *t->head);
    t->head[0] = lt_xstrdup("Đơn vị");
    for (int c = 0; c < ncols; c++) t->head[c + 1] = lt_xstrdup(head[c]);
    long n = 1;
    for (long c = r->tree.nodes[idx].first_child; c >= 0; c = r->tree.nodes[c].next_sibling) n++;
    t->cells = lt_xcalloc((size_t)(n * t->ncols), sizeof *t->cells);
    long row = 0;
    for (long c = r->tree.nodes[idx].first_child; ; c = r->tree.nodes[c].next_sibling, row++) {
        long k = c >= 0 ? c : idx;
        ind_summary s;
        ind_summarize(r, k, &s);
        doc_cell *cells = &t->cells[row * t->ncols];
        cells[0].kind = CELL_TEXT;
        cells[0].text = c >= 0 ? lt_xstrdup(r->tree.nodes[k].name) : lt_xstrdup("Toàn đơn vị");
        fill(cells + 1, &s);
        if (c < 0) break;
    }
    t->nrows = row + 1;
    t->total_last = 1;
    return t;
}

static void cell_int(doc_cell *c, long long v) { c->kind = CELL_INT; c->v = v; }
static void cell_rate(doc_cell *c, long v) { c->kind = CELL_RATE; c->v = v; }

static void fill_deploy(doc_cell *c, const ind_summary *s) {
    cell_int(&c[0], s->c.targets);
    cell_int(&c[1], s->c.deployed);
    cell_rate(&c[2], s->deployment_rate);
}

static void fill_register(doc_cell *c, const ind_summary *s) {
    cell_int(&c[0], s->c.reg_required);
    cell_int(&c[1], s->c.registered);
    cell_rate(&c[2], s->registration_rate);
    cell_int(&c[3], s->c.key_required);
    cell_rate(&c[4], s->published_key_cadre_rate);
}

static void fill_grades(doc_cell *c, const ind_summary *s) {
    cell_int(&c[0], s->c.evaluated);
    cell_int(&c[1], s->c.grades[GRADE_EXCELLENT]);
    cell_int(&c[2], s->c.grades[GRADE_GOOD]);
    cell_int(&c[3], s->c.grades[GRADE_COMPLETED]);
    cell_int(&c[4], s->c.grades[GRADE_NOT_COMPLETED]);
    cell_rate(&c[5], s->good_or_better_rate);
}

/* "năm 2020" or "giai đoạn 2016–2020". */
static void period(const ind_result *r, char out[48]) {
    if (r->from == r->to) snprintf(out, 48, "năm %d", r->to);
    else snprintf(out, 48, "giai đoạn %d–%d", r->from, r->to);
}

/* The place of a unit from its name: "Huyện ủy Chợ Lách" -> "Chợ Lách". */
static char *place_of(const char *name) {
    static const char *const prefixes[] = {"Huyện ủy ", "Tỉnh ủy ", "Thành ủy ", "Đảng bộ tỉnh ",
                                           "Đảng bộ huyện ", "Đảng bộ xã ", "Đảng bộ phường ",
                                           "Đảng bộ Thị trấn ", "Đảng bộ ", "Chi bộ "};
    for (unsigned i = 0; i < LT_ARRAY_LEN(prefixes); i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0) return lt_xstrdup(name + strlen(prefixes[i]));
    return lt_xstrdup(name);
}

static void build_header(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    const unit_node *u = &r->tree.nodes[idx];
    char today[11], per[48];
    lt_today(today);
    period(r, per);
    d->issuer_parent = u->parent >= 0 ? text_upper_dup(r->tree.nodes[u->parent].name) : lt_xstrdup("");
    d->issuer = text_upper_dup(u->name);
    d->doc_no = lt_xstrdup("Số:      -BC");
    d->right_title = lt_xstrdup("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    d->right_motto = lt_xstrdup("Độc lập - Tự do - Hạnh phúc");
    char *place = place_of(u->name);
    d->place_date = doc_fmt("%s, ngày %d tháng %d năm %d", place, atoi(today + 8), atoi(today + 5), atoi(today));
    free(place);
    d->title = lt_xstrdup("BÁO CÁO");
    d->subtitle = doc_fmt("Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh %s", per);
    d->recipients = doc_fmt("Nơi nhận:\n- Cấp ủy cấp trên (báo cáo),\n- Các tổ chức đảng trực thuộc,\n- Lưu Văn phòng.");
    d->signer_for = lt_xstrdup(strcmp(u->kind, "cell") && strcmp(u->kind, "grassroots_cell")
                                   ? "T/M BAN THƯỜNG VỤ" : "T/M CHI BỘ");
    d->signer_title = lt_xstrdup(strcmp(u->kind, "cell") && strcmp(u->kind, "grassroots_cell")
                                     ? "BÍ THƯ" : "BÍ THƯ CHI BỘ");
    dom_rows people;
    d->signer_name = NULL;
    if (q_people(ctx, u->id, NULL, 500, 0, &people, NULL) == LT_OK) {
        for (long i = 0; i < people.n && !d->signer_name; i++)
            if (!strcmp(rows_get(&people, i, "unit_code"), u->code) && !strcmp(rows_get(&people, i, "head"), "1"))
                d->signer_name = lt_xstrdup(rows_get(&people, i, "full_name"));
        rows_free(&people);
    }
    if (!d->signer_name) d->signer_name = lt_xstrdup("");
}

static void section_deployment(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char rate[32], per[48];
    ind_summarize(r, idx, &s);
    period(r, per);
    doc_rate_text(s.deployment_rate, rate);
    doc_section *sec = add_section(d, "I. CÔNG TÁC TRIỂN KHAI, QUÁN TRIỆT CHUYÊN ĐỀ");
    char *topic = NULL;
    if (r->from == r->to) topic_for_unit(ctx, r->tree.nodes[idx].id, r->to, &topic, NULL);
    if (topic) add_para(sec, doc_fmt("Chuyên đề %s: \"%s\".", per, topic));
    free(topic);
    add_para(sec, doc_fmt("Trong %s, chuyên đề được triển khai đến %lld/%lld lượt tổ chức đảng trực thuộc, "
                      "đạt tỷ lệ %s.", per, s.c.deployed, s.c.targets, rate));
    if (s.c.mass_union + s.c.mass_association + s.c.mass_people > 0)
        add_para(sec, doc_fmt("Mặt trận Tổ quốc và các đoàn thể triển khai đến %lld lượt đoàn viên, %lld lượt hội "
                          "viên và %lld lượt người dân.", s.c.mass_union, s.c.mass_association, s.c.mass_people));
    static const char *const head[] = {"Số tổ chức đảng", "Đã triển khai", "Tỷ lệ"};
    sec->table = subunit_table(r, idx, "Bảng 1. Triển khai chuyên đề theo đơn vị", head, 3, fill_deploy);
    sec->chart = CHART_BARS;
}

static void section_registration(const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char a[32], b[32], c[32];
    ind_summarize(r, idx, &s);
    doc_rate_text(s.registration_rate, a);
    doc_rate_text(s.approved_rate, b);
    doc_rate_text(s.published_key_cadre_rate, c);
    doc_section *sec = add_section(d, "II. VIỆC ĐĂNG KÝ LÀM THEO VÀ CÔNG KHAI");
    add_para(sec, doc_fmt("Có %lld/%lld lượt cán bộ, đảng viên, công chức, viên chức, người lao động viết bản "
                      "đăng ký làm theo, đạt %s; %lld bản đăng ký được cấp ủy duyệt (%s).",
                      s.c.registered, s.c.reg_required, a, s.c.reg_approved, b));
    add_para(sec, doc_fmt("Nội dung đăng ký của %lld/%lld lượt cán bộ chủ chốt được công khai trên hệ thống "
                      "truyền thanh và trang công khai, đạt %s.", s.c.key_published, s.c.key_required, c));
    static const char *const head[] = {"Phải đăng ký", "Đã đăng ký", "Tỷ lệ", "Cán bộ chủ chốt",
                                       "Tỷ lệ công khai"};
    sec->table = subunit_table(r, idx, "Bảng 2. Đăng ký và công khai theo đơn vị", head, 5, fill_register);
}

static void section_review(const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char a[32];
    ind_summarize(r, idx, &s);
    doc_rate_text(s.good_or_better_rate, a);
    doc_section *sec = add_section(d, "III. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI");
    add_para(sec, doc_fmt("Đã đánh giá %lld lượt: hoàn thành xuất sắc %lld, hoàn thành tốt %lld, hoàn thành %lld, "
                      "không hoàn thành %lld. Tỷ lệ hoàn thành tốt trở lên đạt %s.", s.c.evaluated,
                      s.c.grades[GRADE_EXCELLENT], s.c.grades[GRADE_GOOD], s.c.grades[GRADE_COMPLETED],
                      s.c.grades[GRADE_NOT_COMPLETED], a));
    long *w, nw = ind_cap_warnings(r, idx, &w);
    for (long i = 0; i < nw && i < IND_WARNINGS_SHOWN; i++)
        add_para(sec, doc_fmt("Lưu ý: tại %s, số hoàn thành xuất sắc vượt 20%% số hoàn thành tốt (Quy định "
                          "124-QĐ/TW).", r->tree.nodes[w[i]].name));
    if (nw > IND_WARNINGS_SHOWN)
        add_para(sec, doc_fmt("Ngoài ra còn %ld đơn vị khác vượt mức này.", nw - IND_WARNINGS_SHOWN));
    free(w);
    static const char *const head[] = {"Đã đánh giá", "Xuất sắc", "Tốt", "Hoàn thành", "Không hoàn thành",
                                       "Tốt trở lên"};
    sec->table = subunit_table(r, idx, "Bảng 3. Kết quả đánh giá theo đơn vị", head, 6, fill_grades);
    sec->chart = r->from < r->to ? CHART_TREND : 0;
}

static void section_records(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char a[32];
    dom_rows rows;
    ind_summarize(r, idx, &s);
    doc_rate_text(s.standard_rate, a);
    doc_section *sec = add_section(d, "IV. XÂY DỰNG CHUẨN MỰC ĐẠO ĐỨC");
    add_para(sec, doc_fmt("Có %lld/%lld tổ chức đảng, cơ quan, đơn vị có chuẩn mực đạo đức còn hiệu lực (%s).",
                      s.c.std_with, s.c.std_units, a));
    if (q_public_standards(ctx, r->tree.nodes[idx].id, r->to, &rows, NULL) == LT_OK) {
        for (long i = 0; i < rows.n && i < 12; i++)
            add_para(sec, doc_fmt("- %s: \"%s\".", rows_get(&rows, i, "unit_name"), rows_get(&rows, i, "motto")));
        rows_free(&rows);
    }
    sec = add_section(d, "V. KIỂM TRA, GIÁM SÁT");
    add_para(sec, doc_fmt("Đã tiến hành %lld cuộc kiểm tra, giám sát; còn %lld việc khắc phục chưa hoàn thành, "
                      "trong đó %lld việc quá hạn.", s.c.inspections, s.c.followups_open, s.c.followups_overdue));
    sec = add_section(d, "VI. NHÂN RỘNG MÔ HÌNH, ĐIỂN HÌNH; KHEN THƯỞNG");
    add_para(sec, doc_fmt("Có %lld mô hình, điển hình; khen thưởng %lld lượt (cấp cơ sở %lld, cấp huyện %lld, cấp "
                      "tỉnh %lld, Trung ương %lld).", s.c.models,
                      s.c.commendations[0] + s.c.commendations[1] + s.c.commendations[2] + s.c.commendations[3] +
                          s.c.commendations[4],
                      s.c.commendations[LEVEL_GRASSROOTS], s.c.commendations[LEVEL_DISTRICT],
                      s.c.commendations[LEVEL_PROVINCE], s.c.commendations[LEVEL_CENTRAL]));
    if (q_public_models(ctx, r->tree.nodes[idx].id, r->to, &rows, NULL) == LT_OK) {
        for (long i = 0; i < rows.n && i < 12; i++)
            if (atoi(rows_get(&rows, i, "year")) >= r->from)
                add_para(sec, doc_fmt("- %s (%s, %s).", rows_get(&rows, i, "title"), rows_get(&rows, i, "unit_name"),
                                  rows_get(&rows, i, "year")));
        rows_free(&rows);
    }
    sec = add_section(d, "VII. NỘI DUNG ĐỘT PHÁ");
    add_para(sec, doc_fmt("Các tổ chức đảng xác định %lld nội dung đột phá; %lld nội dung đã có kết quả.",
                      s.c.breakthroughs, s.c.breakthroughs_done));
    sec = add_section(d, "VIII. PHƯƠNG HƯỚNG THỜI GIAN TỚI");
    add_para(sec, lt_xstrdup("Tiếp tục triển khai Chỉ thị 05-CT/TW thiết thực, hiệu quả, đi vào chiều sâu; "
                             "đưa việc học tập và làm theo Bác vào sinh hoạt chi bộ thường xuyên."));
    add_para(sec, lt_xstrdup("Đa dạng hình thức tuyên truyền; gắn với kiểm tra, giám sát; kịp thời bình xét, "
                             "biểu dương, khen thưởng, lan tỏa các điển hình."));
    add_para(sec, lt_xstrdup("Xác định rõ những nội dung cần đột phá trong năm tới để tạo chuyển biến rõ nét, "
                             "xây dựng tổ chức đảng trong sạch, vững mạnh."));
}

/* The chart data: rates by sub-unit, and the trend over the range's years. */
static int build_chart(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d, lt_err *e) {
    doc_chart *c = &d->chart;
    for (long k = r->tree.nodes[idx].first_child; k >= 0; k = r->tree.nodes[k].next_sibling) c->nbars++;
    c->labels = lt_xcalloc((size_t)(c->nbars + 1), sizeof *c->labels);
    c->rate_a = lt_xcalloc((size_t)(c->nbars + 1), sizeof *c->rate_a);
    c->rate_b = lt_xcalloc((size_t)(c->nbars + 1), sizeof *c->rate_b);
    int i = 0;
    for (long k = r->tree.nodes[idx].first_child; k >= 0; k = r->tree.nodes[k].next_sibling, i++) {
        ind_summary s;
        ind_summarize(r, k, &s);
        c->labels[i] = lt_xstrdup(r->tree.nodes[k].name);
        c->rate_a[i] = s.deployment_rate;
        c->rate_b[i] = s.good_or_better_rate;
    }
    c->nyears = r->to - r->from + 1;
    c->years = lt_xcalloc((size_t)c->nyears, sizeof *c->years);
    c->trend_a = lt_xcalloc((size_t)c->nyears, sizeof *c->trend_a);
    c->trend_b = lt_xcalloc((size_t)c->nyears, sizeof *c->trend_b);
    for (int y = 0; y < c->nyears; y++) {
        const ind_result *ry;
        c->years[y] = r->from + y;
        c->trend_a[y] = c->trend_b[y] = -1;
        if (ind_get(ctx, c->years[y], c->years[y], &ry, e)) return e->code;
        long k = tree_index(&ry->tree, r->tree.nodes[idx].id);
        if (k >= 0) {
            ind_summary s;
            ind_summarize(ry, k, &s);
            c->trend_a[y] = s.deployment_rate;
            c->trend_b[y] = s.good_or_better_rate;
        }
        ind_release(ry);
    }
    return LT_OK;
}

int doc_build(lt_ctx *ctx, const char *unit_code, int from, int to, report_doc *d, lt_err *e) {
    memset(d, 0, sizeof *d);
    const ind_result *r;
    if (ind_get(ctx, from, to, &r, e)) return e->code;
    long idx = report_unit_index(ctx, r, unit_code, e);
    int rc = idx < 0 ? e->code : LT_OK;
    if (rc == LT_OK) {
        build_header(ctx, r, idx, d);
        section_deployment(ctx, r, idx, d);
        section_registration(r, idx, d);
        section_review(r, idx, d);
        section_records(ctx, r, idx, d);
        rc = build_chart(ctx, r, idx, d, e);
    }
    ind_release(r);
    if (rc) doc_free(d);
    return rc;
}

static void table_free(doc_table *t) {
    if (!t) return;
    for (int c = 0; c < t->ncols; c++) free(t->head[c]);
    for (long i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i].text);
    free(t->head);
    free(t->cells);
    free(t->title);
    free(t);
}

void doc_free(report_doc *d) {
    char **strs[] = {&d->issuer_parent, &d->issuer, &d->doc_no, &d->right_title, &d->right_motto,
                     &d->place_date, &d->title, &d->subtitle,
                     &d->recipients, &d->signer_for, &d->signer_title, &d->signer_name};
    for (unsigned i = 0; i < LT_ARRAY_LEN(strs); i++) free(*strs[i]);
    for (int s = 0; s < d->nsec; s++) {
        for (int p = 0; p < d->sec[s].npara; p++) free(d->sec[s].para[p]);
        free(d->sec[s].para);
        free(d->sec[s].heading);
        table_free(d->sec[s].table);
    }
    for (int i = 0; i < d->chart.nbars; i++) free(d->chart.labels[i]);
    free(d->chart.labels);
    free(d->chart.rate_a);
    free(d->chart.rate_b);
    free(d->chart.years);
    free(d->chart.trend_a);
    free(d->chart.trend_b);
    memset(d, 0, sizeof *d);
}
