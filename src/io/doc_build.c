/*
** doc_build.c — turns the indicators of a unit and a year (or a range)
** into the report document every format renders, as a year-end or
** five-year report (sơ kết, tổng kết) is written: the Party's letterhead
** (letterhead.c); I. deployment; II. results, in six parts with their
** sentences and tables by sub-unit; III. the general assessment, IV. the
** tasks ahead and V. the recommendations, which people write
** (report_text.c) and the report quotes; the chart data, recipients and
** the signature block.  Only published material (mottos, commended
** models) is quoted.
*/
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void doc_rate_text(long tenths, char out[32]) { report_percent_vi(tenths, out); }

static _Thread_local int clean_failed;

void doc_clean_reset(void) { clean_failed = 0; }
int doc_clean_failed(void) { return clean_failed; }

int doc_clean(const char *s, lt_buf *tmp, const char **out) {
    size_t n = strlen(s);
    *out = s;
    if (text_check_free(s, n, 1, NULL, NULL) == TEXT_FREE_OK) return LT_OK;
    lt_buf_init(tmp, 0);
    int rc = text_clean(s, n, TEXT_REPLACEMENT, tmp);
    if (rc) { lt_buf_free(tmp); *out = ""; clean_failed = 1; return rc; }
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
        if ((rc = lt_buf_append(out, data, n)))
            rc = rc == LT_EOOM ? lt_err_oom(e) : lt_err_set(e, rc, "bảng tính quá lớn", "the workbook is too large");
        free(data);
    }
    unlink(path);
    return rc;
}

char *doc_fmt(report_doc *d, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    char *s = lt_arena_vprintf(&d->mem, f, ap);
    va_end(ap);
    return s;
}

char *doc_upper(report_doc *d, const char *s) {
    char *up = text_upper_dup(s);
    if (!up) { d->mem.failed = 1; return (char *)""; }
    char *kept = lt_arena_strdup(&d->mem, up);
    free(up);
    return kept;
}

doc_table *doc_table_new(report_doc *d, const char *title, int ncols, long nrows) {
    doc_table *t = lt_arena_alloc(&d->mem, sizeof *t);
    if (!t) return NULL;
    t->title = lt_arena_strdup(&d->mem, title);
    t->ncols = ncols;
    t->nrows = nrows;
    t->head = lt_arena_alloc(&d->mem, (size_t)(ncols ? ncols : 1) * sizeof *t->head);
    t->cells = lt_arena_alloc(&d->mem, (size_t)(nrows * ncols + 1) * sizeof *t->cells);
    if (!t->head || !t->cells) return NULL;
    for (int c = 0; c < ncols; c++) t->head[c] = "";
    for (long i = 0; i < nrows * ncols; i++) t->cells[i] = (doc_cell){CELL_TEXT, 0, ""};
    return t;
}

/* A whole number the Vietnamese way, "4.238" (from d's arena). */
static char *num(report_doc *d, long long v) {
    char t[32];
    report_int_vi(v, t);
    return lt_arena_strdup(&d->mem, t);
}

/* Append a paragraph to s (its list grows in d's arena). */
void doc_add_para(report_doc *d, doc_section *s, char *text) {
    if (s->npara == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        char **para = lt_arena_alloc(&d->mem, (size_t)cap * sizeof *para);
        if (!para) return;
        if (s->npara) memcpy(para, s->para, (size_t)s->npara * sizeof *para);
        s->para = para;
        s->cap = cap;
    }
    s->para[s->npara++] = text;
}

doc_section *doc_add_section(report_doc *d, const char *heading) {
    if (d->nsec == DOC_MAX_SECTIONS) { d->mem.failed = 1; d->nsec--; } /* (never: a report has at most 16) */
    doc_section *s = &d->sec[d->nsec++];
    memset(s, 0, sizeof *s);
    s->heading = lt_arena_strdup(&d->mem, heading);
    return s;
}

/* A query a document quotes failed: the document is not made (a report
** that silently left out its mottos or models would be a wrong report). */
static void query_failed(report_doc *d, const lt_err *why) {
    if (!d->broken) d->broken = why->code ? why->code : LT_EDB;
}

/* A table with one row per sub-unit of idx (and a total row). */
typedef void (*row_fill)(doc_cell *cells, const ind_summary *s);

static doc_table *subunit_table(report_doc *d, const ind_result *r, long idx, const char *title,
                                const char *const *head, int ncols, row_fill fill) {
    long n = 1;
    for (long c = r->tree.nodes[idx].first_child; c >= 0; c = r->tree.nodes[c].next_sibling) n++;
    doc_table *t = doc_table_new(d, title, ncols + 1, n);
    if (!t) return NULL;
    t->head[0] = "Đơn vị";
    for (int c = 0; c < ncols; c++) t->head[c + 1] = lt_arena_strdup(&d->mem, head[c]);
    long row = 0;
    for (long c = r->tree.nodes[idx].first_child; ; c = r->tree.nodes[c].next_sibling, row++) {
        long k = c >= 0 ? c : idx;
        ind_summary s;
        ind_summarize(r, k, &s);
        doc_cell *cells = &t->cells[row * t->ncols];
        cells[0].kind = CELL_TEXT;
        cells[0].text = c >= 0 ? lt_arena_strdup(&d->mem, r->tree.nodes[k].name) : "Toàn đơn vị";
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

/* "năm 2020", "năm 2025 (đến ngày 30/06/2025)" (a unit closed during the
** year) or "giai đoạn 2016–2020". */
static void period(const ind_result *r, char out[48]) {
    if (r->from != r->to) snprintf(out, 48, "giai đoạn %d–%d", r->from, r->to);
    else if (*r->until)
        snprintf(out, 48, "năm %d (đến ngày %.2s/%.2s/%.4s)", r->to, r->until + 8, r->until + 5, r->until);
    else snprintf(out, 48, "năm %d", r->to);
}

static void build_header(const ind_result *r, report_doc *d) {
    char per[48];
    period(r, per);
    d->title = "BÁO CÁO";
    /* broken where a reader breaks it, never inside "Hồ Chí Minh" */
    d->subtitle = doc_fmt(d, "Kết quả học tập và làm theo tư tưởng, đạo đức,\nphong cách Hồ Chí Minh %s", per);
}

/* Has unit id a topic in year (its own or an ancestor's)?  Without one
** there is nothing to deploy and no deployment rate. */
static int has_topic(lt_ctx *ctx, long long id, int year, report_doc *d) {
    char *topic = NULL;
    lt_err why = {0};
    if (topic_for_unit(ctx, id, year, &topic, &why)) query_failed(d, &why);
    int has = topic != NULL;
    free(topic);
    return has;
}

/* For a range: the unit's main rates year by year ("—" for a year it
** was not in the tree). */
static doc_table *years_table(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    static const char *const head[] = {"Năm", "Triển khai chuyên đề", "Đăng ký làm theo", "Hoàn thành tốt trở lên"};
    doc_table *t = doc_table_new(d, "Bảng. Kết quả qua các năm", 4, r->to - r->from + 1);
    if (!t) return NULL;
    for (int c = 0; c < 4; c++) t->head[c] = (char *)head[c];
    t->sheet = "Kết quả qua các năm";
    for (int y = r->from; y <= r->to; y++) {
        doc_cell *c = &t->cells[(y - r->from) * 4];
        const ind_result *ry;
        lt_err why = {0};
        c[0].text = doc_fmt(d, "%d", y);
        cell_rate(&c[1], -1);
        cell_rate(&c[2], -1);
        cell_rate(&c[3], -1);
        if (ind_get(ctx, y, y, &ry, &why)) { query_failed(d, &why); continue; }
        long k = tree_index(&ry->tree, r->tree.nodes[idx].id);
        if (k >= 0) {
            ind_summary s;
            ind_summarize(ry, k, &s);
            cell_rate(&c[1], has_topic(ctx, r->tree.nodes[idx].id, y, d) ? s.deployment_rate : -1);
            cell_rate(&c[2], s.registration_rate);
            cell_rate(&c[3], s.good_or_better_rate);
        }
        ind_release(ry);
    }
    return t;
}

/* The row of a predecessor's own figures over from..its last year. */
static void predecessor_row(lt_ctx *ctx, report_doc *d, const dom_rows *p, long i, int from, int to, doc_cell *c) {
    char vn[11];
    int last = atoi(rows_get(p, i, "last_day"));
    c[0].text = doc_fmt(d, "%s (đến ngày %s)", rows_get(p, i, "name"), lt_date_vn(rows_get(p, i, "last_day"), vn));
    for (int k = 1; k < 4; k++) cell_rate(&c[k], -1);
    const ind_result *rp;
    long k;
    lt_err why = {0};
    if (ind_get_unit(ctx, rows_int(p, i, "id"), from, last < to ? last : to, &rp, &k, &why)) {
        if (why.code != LT_ENOTFOUND) query_failed(d, &why);
        return;
    }
    ind_summary s;
    ind_summarize(rp, k, &s);
    cell_rate(&c[1], s.deployment_rate);
    cell_rate(&c[2], s.registration_rate);
    cell_rate(&c[3], s.good_or_better_rate);
    ind_release(rp);
}

/* Is predecessor i part of the period (its last day on or after first),
** and, for a Party organisation, one too (an agency closed into a
** province is not what the province was formed from)? */
static int carried(const dom_rows *p, long i, const char *first, const char *unit_kind) {
    const char *last = rows_get(p, i, "last_day"), *kind = rows_get(p, i, "kind");
    if (!*last || strcmp(last, first) < 0) return 0;
    int party = strcmp(unit_kind, "agency") && strcmp(unit_kind, "mass_org");
    return !party || (strcmp(kind, "agency") && strcmp(kind, "mass_org"));
}

/* A unit formed by a merge carries its predecessors' history: whom it was
** formed from, and their own figures over the period up to their last
** day (each in its own reports; DESIGN §2, §3: never added to the unit's). */
static void section_predecessors(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    dom_rows p;
    lt_err why = {0};
    if (q_unit_predecessors(ctx, r->tree.nodes[idx].id, &p, &why)) { query_failed(d, &why); return; }
    long n = 0;
    char first[16];
    snprintf(first, sizeof first, "%d-01-01", r->from);
    for (long i = 0; i < p.n; i++) n += carried(&p, i, first, r->tree.nodes[idx].kind);
    if (n) {
        lt_buf names;
        lt_buf_init(&names, 0);
        for (long i = 0, k = 0; i < p.n; i++) {
            if (!carried(&p, i, first, r->tree.nodes[idx].kind)) continue;
            lt_buf_printf(&names, "%s%s", k ? (k == n - 1 ? " và " : ", ") : "", rows_get(&p, i, "name"));
            k++;
        }
        char vn[11], vm[11];
        const char *founded = rows_get(&p, 0, "founded"), *merged = rows_get(&p, 0, "merged_on");
        doc_section *sec = doc_add_section(d, "");
        doc_add_para(d, sec, !strcmp(founded, merged)
            ? doc_fmt(d, "%s được thành lập ngày %s trên cơ sở hợp nhất %s. Kết quả của các đơn vị này đến ngày hợp"
                         " nhất (báo cáo riêng của từng đơn vị):", r->tree.nodes[idx].name, lt_date_vn(founded, vn),
                      names.p ? names.p : "")
            : doc_fmt(d, "Ngày %s, %s sáp nhập vào %s. Kết quả của các đơn vị này đến ngày sáp nhập (báo cáo riêng"
                         " của từng đơn vị):", lt_date_vn(merged, vm), names.p ? names.p : "", r->tree.nodes[idx].name));
        lt_buf_free(&names);
        static const char *const head[] = {"Đơn vị trước hợp nhất", "Triển khai chuyên đề", "Đăng ký làm theo",
                                           "Hoàn thành tốt trở lên"};
        doc_table *t = doc_table_new(d, "Bảng. Kết quả của các đơn vị trước hợp nhất", 4, n);
        if (t) {
            for (int c = 0; c < 4; c++) t->head[c] = (char *)head[c];
            t->sheet = "Đơn vị trước hợp nhất";
            for (long i = 0, k = 0; i < p.n; i++)
                if (carried(&p, i, first, r->tree.nodes[idx].kind))
                    predecessor_row(ctx, d, &p, i, r->from, r->to, &t->cells[4 * k++]);
        }
        sec->table = t;
    }
    rows_free(&p);
}

static void section_deployment(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char rate[32], per[48];
    ind_summarize(r, idx, &s);
    period(r, per);
    doc_rate_text(s.deployment_rate, rate);
    doc_add_para(d, doc_add_section(d, ""), doc_fmt(d, "Thực hiện %s, %s báo cáo kết quả %s như sau:",
                                                   doc_basis(r->to), r->tree.nodes[idx].name, per));
    doc_section *sec = doc_add_section(d, "I. CÔNG TÁC TRIỂN KHAI, QUÁN TRIỆT CHUYÊN ĐỀ");
    char *topic = NULL;
    lt_err why = {0};
    if (r->from == r->to && topic_for_unit(ctx, r->tree.nodes[idx].id, r->to, &topic, &why))
        query_failed(d, &why);
    if (topic) doc_add_para(d, sec, doc_fmt(d, "Chuyên đề %s: “%s”.", per, topic));
    int no_topic = r->from == r->to && !topic; /* nothing to deploy: no deployment rate to give */
    d->no_topic = no_topic;
    free(topic);
    for (int y = r->from; r->from != r->to && y <= r->to; y++) { /* each year's topic */
        if (topic_for_unit(ctx, r->tree.nodes[idx].id, y, &topic, &why)) query_failed(d, &why);
        doc_add_para(d, sec, topic ? doc_fmt(d, "- Năm %d: “%s”.", y, topic)
                               : doc_fmt(d, "- Năm %d: không có chuyên đề.", y));
        free(topic);
        topic = NULL;
    }
    if (no_topic)
        doc_add_para(d, sec, doc_fmt(d, "Trong %s, cấp ủy không ban hành chuyên đề cho đơn vị nên không có tỷ lệ triển"
                                        " khai chuyên đề.", per));
    else
        doc_add_para(d, sec, doc_fmt(d, "Trong %s, chuyên đề được triển khai đến %s/%s lượt tổ chức đảng trực thuộc, "
                          "đạt tỷ lệ %s.", per, num(d, s.c.deployed), num(d, s.c.targets), rate));
    if (s.c.mass_union + s.c.mass_association + s.c.mass_people > 0)
        doc_add_para(d, sec, doc_fmt(d, "Mặt trận Tổ quốc và các đoàn thể triển khai đến %s lượt đoàn viên, %s lượt hội "
                          "viên và %s lượt người dân.", num(d, s.c.mass_union), num(d, s.c.mass_association), num(d, s.c.mass_people)));
    static const char *const head[] = {"Số tổ chức đảng", "Đã triển khai", "Tỷ lệ"};
    if (!no_topic) {
        sec->table = subunit_table(d, r, idx, "Bảng 1. Triển khai chuyên đề theo đơn vị", head, 3, fill_deploy);
        if (sec->table) sec->table->sheet = "Triển khai chuyên đề";
    }
    sec->chart = CHART_BARS;
    if (r->from != r->to) doc_add_section(d, "")->table = years_table(ctx, r, idx, d);
    section_predecessors(ctx, r, idx, d);
}

static void section_registration(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    doc_add_section(d, "II. KẾT QUẢ THỰC HIỆN");
    ind_summary s;
    char a[32], b[32], c[32];
    ind_summarize(r, idx, &s);
    doc_rate_text(s.registration_rate, a);
    doc_rate_text(s.approved_rate, b);
    doc_rate_text(s.published_key_cadre_rate, c);
    doc_section *sec = doc_add_section(d, "1. Việc đăng ký làm theo và công khai");
    doc_add_para(d, sec, doc_fmt(d, "Có %s/%s lượt cán bộ, đảng viên, công chức, viên chức, người lao động viết bản "
                      "đăng ký làm theo, đạt %s; %s bản đăng ký được cấp ủy duyệt (%s).",
                      num(d, s.c.registered), num(d, s.c.reg_required), a, num(d, s.c.reg_approved), b));
    doc_add_para(d, sec, doc_fmt(d, "Nội dung đăng ký của %s/%s lượt cán bộ chủ chốt được công khai trên hệ thống "
                      "truyền thanh và trang công khai, đạt %s.", num(d, s.c.key_published), num(d, s.c.key_required), c));
    if (s.c.key_due > 0) { /* the years with a key-cadre deadline (trên trước, dưới sau) */
        doc_rate_text(s.key_cadre_on_time_rate, c);
        doc_add_para(d, sec, doc_fmt(d, "Thực hiện phương châm “trên trước, dưới sau”, %s/%s lượt cán bộ chủ chốt "
                          "đăng ký trong hạn dành cho cán bộ chủ chốt, đạt %s.", num(d, s.c.key_on_time),
                          num(d, s.c.key_due), c));
    }
    if (s.c.targets > 0 && coll_recorded(ctx, r->from, r->to)) {
        doc_rate_text(s.collective_registration_rate, c);
        doc_add_para(d, sec, doc_fmt(d, "Có %s/%s lượt tổ chức đảng đăng ký tập thể việc học tập và làm theo, đạt %s.",
                          num(d, s.c.collective), num(d, s.c.targets), c));
    }
    static const char *const head[] = {"Phải đăng ký", "Đã đăng ký", "Tỷ lệ", "Cán bộ chủ chốt",
                                       "Tỷ lệ công khai"};
    sec->table = subunit_table(d, r, idx, "Bảng 2. Đăng ký và công khai theo đơn vị", head, 5, fill_register);
    if (sec->table) sec->table->sheet = "Đăng ký, công khai";
}

static void section_review(const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char a[32];
    ind_summarize(r, idx, &s);
    doc_rate_text(s.good_or_better_rate, a);
    doc_section *sec = doc_add_section(d, "2. Kết quả đánh giá, xếp loại");
    doc_add_para(d, sec, doc_fmt(d, "Đã đánh giá %s lượt: hoàn thành xuất sắc %s, hoàn thành tốt %s, hoàn thành %s, "
                      "không hoàn thành %s. Tỷ lệ hoàn thành tốt trở lên đạt %s.", num(d, s.c.evaluated),
                      num(d, s.c.grades[GRADE_EXCELLENT]), num(d, s.c.grades[GRADE_GOOD]), num(d, s.c.grades[GRADE_COMPLETED]),
                      num(d, s.c.grades[GRADE_NOT_COMPLETED]), a));
    long *w, nw = ind_cap_warnings(r, idx, &w);
    if (nw < 0) d->mem.failed = 1;
    for (long i = 0; i < nw && i < IND_WARNINGS_SHOWN; i++)
        doc_add_para(d, sec, doc_fmt(d, "Lưu ý: tại %s, số hoàn thành xuất sắc vượt 20%% số hoàn thành tốt (%s).",
                                     r->tree.nodes[w[i]].name, ind_cap_rule(r->to, 0)));
    if (nw > IND_WARNINGS_SHOWN)
        doc_add_para(d, sec, doc_fmt(d, "Ngoài ra còn %ld đơn vị khác vượt mức này.", nw - IND_WARNINGS_SHOWN));
    free(w);
    static const char *const head[] = {"Đã đánh giá", "Xuất sắc", "Tốt", "Hoàn thành", "Không hoàn thành",
                                       "Tốt trở lên"};
    sec->table = subunit_table(d, r, idx, "Bảng 3. Kết quả đánh giá theo đơn vị", head, 6, fill_grades);
    if (sec->table) sec->table->sheet = "Đánh giá, xếp loại";
    sec->chart = r->from < r->to ? CHART_TREND : 0;
}

/* At most this many records are quoted in a section; the rest are counted. */
#define DOC_LISTED 12

typedef char *(*row_line)(report_doc *d, const dom_rows *rows, long i);

/* Rows of years from..: one line each, then how many more there are. */
static void list_rows(report_doc *d, doc_section *sec, const dom_rows *rows, int from, row_line line) {
    long shown = 0, more = 0;
    for (long i = 0; i < rows->n; i++) {
        if (rows_int(rows, i, "year") < from) continue;
        if (shown < DOC_LISTED) { doc_add_para(d, sec, line(d, rows, i)); shown++; }
        else more++;
    }
    if (more) doc_add_para(d, sec, doc_fmt(d, "- Và %s nội dung khác.", num(d, more)));
}

/* The full stop a quoted text needs at its end ("" when it has one). */
static const char *stop(const char *s) {
    size_t n = strlen(s);
    return n && strchr(".!?…", s[n - 1]) ? "" : ".";
}

/* "- 10/05/2020, Huyện ủy Chợ Lách kiểm tra Đảng bộ xã Tân Thiềng: nội dung. Kết luận: ..." */
static char *list_inspection(report_doc *d, const dom_rows *rows, long i) {
    const char *conclusion = rows_get(rows, i, "conclusion"), *content = rows_get(rows, i, "content");
    return doc_fmt(d, "- %s, %s %s %s%s%s%s%s%s%s", rows_get(rows, i, "held_on"), rows_get(rows, i, "inspecting"),
                   !strcmp(rows_get(rows, i, "kind"), "supervision") ? "giám sát" : "kiểm tra",
                   rows_get(rows, i, "unit_name"), *content ? ": " : "", content, stop(content),
                   *conclusion ? " Kết luận: " : "", conclusion, *conclusion ? stop(conclusion) : "");
}

/* "- Đảng bộ xã Tân Thiềng (2020): nội dung. Kết quả: ..." */
static char *list_breakthrough(report_doc *d, const dom_rows *rows, long i) {
    const char *result = rows_get(rows, i, "result");
    const char *body = rows_get(rows, i, "body");
    return doc_fmt(d, "- %s (%s): %s%s %s%s%s", rows_get(rows, i, "unit_name"), rows_get(rows, i, "year"), body,
                   stop(body), *result ? "Kết quả: " : "Chưa có kết quả.", result, *result ? stop(result) : "");
}

static void section_records(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    ind_summary s;
    char a[32];
    dom_rows rows;
    lt_err why = {0};
    ind_summarize(r, idx, &s);
    doc_rate_text(s.standard_rate, a);
    doc_section *sec = doc_add_section(d, "3. Xây dựng chuẩn mực đạo đức");
    doc_add_para(d, sec, doc_fmt(d, "Có %s/%s tổ chức đảng, cơ quan, đơn vị có chuẩn mực đạo đức còn hiệu lực (%s).",
                      num(d, s.c.std_with), num(d, s.c.std_units), a));
    if (q_public_standards(ctx, r->tree.nodes[idx].id, r->to, &rows, &why) == LT_OK) {
        for (long i = 0; i < rows.n && i < 12; i++)
            doc_add_para(d, sec, doc_fmt(d, "- %s: \"%s\".", rows_get(&rows, i, "unit_name"),
                                     rows_get(&rows, i, "motto")));
        rows_free(&rows);
    } else {
        query_failed(d, &why);
    }
    sec = doc_add_section(d, "4. Kiểm tra, giám sát");
    doc_add_para(d, sec, doc_fmt(d, "Đã tiến hành %s cuộc kiểm tra, giám sát; còn %s việc khắc phục chưa hoàn thành, "
                      "trong đó %s việc quá hạn.", num(d, s.c.inspections), num(d, s.c.followups_open), num(d, s.c.followups_overdue)));
    if (q_subtree_inspections(ctx, r->tree.nodes[idx].id, r->to, &rows, &why) == LT_OK) {
        list_rows(d, sec, &rows, r->from, list_inspection);
        rows_free(&rows);
    } else {
        query_failed(d, &why);
    }
    sec = doc_add_section(d, "5. Nhân rộng mô hình, điển hình; khen thưởng");
    long long commended = 0;
    for (int k = 0; k < LEVEL_N; k++) commended += s.c.commendations[k];
    doc_add_para(d, sec, doc_fmt(d, "Có %s mô hình, điển hình; khen thưởng %s lượt (cấp cơ sở %s, cấp huyện %s, cấp "
                      "tỉnh %s, Trung ương %s).", num(d, s.c.models), num(d, commended),
                      num(d, s.c.commendations[LEVEL_GRASSROOTS]), num(d, s.c.commendations[LEVEL_DISTRICT]),
                      num(d, s.c.commendations[LEVEL_PROVINCE]), num(d, s.c.commendations[LEVEL_CENTRAL])));
    if (q_public_models(ctx, r->tree.nodes[idx].id, r->to, &rows, &why) == LT_OK) {
        for (long i = 0; i < rows.n && i < 12; i++)
            if (rows_int(&rows, i, "year") >= r->from)
                doc_add_para(d, sec, doc_fmt(d, "- %s (%s, %s).", rows_get(&rows, i, "title"),
                                         rows_get(&rows, i, "unit_name"), rows_get(&rows, i, "year")));
        rows_free(&rows);
    } else {
        query_failed(d, &why);
    }
    sec = doc_add_section(d, "6. Nội dung đột phá");
    doc_add_para(d, sec, doc_fmt(d, "Các tổ chức đảng xác định %s nội dung đột phá; %s nội dung đã có kết quả.",
                      num(d, s.c.breakthroughs), num(d, s.c.breakthroughs_done)));
    if (q_subtree_breakthroughs(ctx, r->tree.nodes[idx].id, r->to, &rows, &why) == LT_OK) {
        list_rows(d, sec, &rows, r->from, list_breakthrough);
        rows_free(&rows);
    } else {
        query_failed(d, &why);
    }
}

/* The parts people write (report_text.c), each as its paragraphs, or
** a line saying plainly where it is written. */
static void written_part(report_doc *d, const char *heading, const char *text, const char *what) {
    doc_section *sec = doc_add_section(d, heading);
    if (!text || !*text) {
        doc_add_para(d, sec, doc_fmt(d, "(Chưa có nội dung: %s do cấp ủy viết tại trang “Phần viết của báo cáo” của đơn"
                                    " vị trong lamtheo.)", what));
        return;
    }
    char *copy = lt_arena_strdup(&d->mem, text);
    for (char *p = copy, *line; p && (line = strsep(&p, "\n"));) {
        line[strcspn(line, "\r")] = 0;
        if (*line) doc_add_para(d, sec, line);
    }
}

/* III–V: the assessment, the tasks ahead and the recommendations, the
** final texts of the unit and the period. */
static void sections_written(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d) {
    report_texts t;
    lt_err why = {0};
    if (report_texts_get(ctx, r->tree.nodes[idx].id, r->from, r->to, 1, &t, &why)) {
        query_failed(d, &why);
        return;
    }
    doc_add_section(d, "III. ĐÁNH GIÁ CHUNG");
    written_part(d, "1. Ưu điểm", t.body[0], "phần ưu điểm");
    written_part(d, "2. Hạn chế, khuyết điểm và nguyên nhân", t.body[1], "phần hạn chế và nguyên nhân");
    written_part(d, "3. Bài học kinh nghiệm", t.body[2], "phần bài học kinh nghiệm");
    written_part(d, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", t.body[3], "phần phương hướng, nhiệm vụ");
    written_part(d, "V. KIẾN NGHỊ, ĐỀ XUẤT", t.body[4], "phần kiến nghị, đề xuất");
    report_texts_free(&t);
}

/* The chart data: rates by sub-unit, and the trend over the range's years. */
static int build_chart(lt_ctx *ctx, const ind_result *r, long idx, report_doc *d, lt_err *e) {
    doc_chart *c = &d->chart;
    for (long k = r->tree.nodes[idx].first_child; k >= 0; k = r->tree.nodes[k].next_sibling) c->nbars++;
    c->labels = lt_arena_alloc(&d->mem, (size_t)(c->nbars + 1) * sizeof *c->labels);
    c->rate_a = lt_arena_alloc(&d->mem, (size_t)(c->nbars + 1) * sizeof *c->rate_a);
    c->rate_b = lt_arena_alloc(&d->mem, (size_t)(c->nbars + 1) * sizeof *c->rate_b);
    c->nyears = r->to - r->from + 1;
    c->years = lt_arena_alloc(&d->mem, (size_t)c->nyears * sizeof *c->years);
    c->trend_a = lt_arena_alloc(&d->mem, (size_t)c->nyears * sizeof *c->trend_a);
    c->trend_b = lt_arena_alloc(&d->mem, (size_t)c->nyears * sizeof *c->trend_b);
    if (d->mem.failed) { c->nbars = c->nyears = 0; return lt_err_oom(e); }
    int i = 0;
    for (long k = r->tree.nodes[idx].first_child; k >= 0; k = r->tree.nodes[k].next_sibling, i++) {
        ind_summary s;
        ind_summarize(r, k, &s);
        c->labels[i] = lt_arena_strdup(&d->mem, r->tree.nodes[k].name);
        c->rate_a[i] = d->no_topic ? -1 : s.deployment_rate;
        c->rate_b[i] = s.good_or_better_rate;
    }
    for (int y = 0; y < c->nyears; y++) {
        const ind_result *ry;
        c->years[y] = r->from + y;
        c->trend_a[y] = c->trend_b[y] = -1;
        if (ind_get(ctx, c->years[y], c->years[y], &ry, e)) return e->code;
        long k = tree_index(&ry->tree, r->tree.nodes[idx].id);
        if (k >= 0) {
            ind_summary s;
            ind_summarize(ry, k, &s);
            c->trend_a[y] = has_topic(ctx, r->tree.nodes[idx].id, c->years[y], d) ? s.deployment_rate : -1;
            c->trend_b[y] = s.good_or_better_rate;
        }
        ind_release(ry);
    }
    return LT_OK;
}

int doc_build(lt_ctx *ctx, const char *unit_code, int from, int to, const doc_marks *m, report_doc *d,
              lt_err *e) {
    memset(d, 0, sizeof *d);
    const ind_result *r;
    long idx;
    if (report_result(ctx, unit_code, from, to, &r, &idx, e)) return e->code;
    lt_err why = {0};
    if (letterhead_fill(ctx, &r->tree, idx, to, "BC", m, d, &why)) query_failed(d, &why);
    build_header(r, d);
    section_deployment(ctx, r, idx, d);
    section_registration(ctx, r, idx, d);
    section_review(r, idx, d);
    section_records(ctx, r, idx, d);
    sections_written(ctx, r, idx, d);
    int rc = build_chart(ctx, r, idx, d, e);
    ind_release(r);
    /* memory ran out, or a quoted query failed, somewhere in the build */
    if (rc == LT_OK && d->broken)
        rc = d->broken == LT_EOOM ? lt_err_oom(e) : lt_err_set(e, d->broken, "không lập được báo cáo: lỗi "
             "khi đọc dữ liệu; hãy thử lại", "cannot make the report: reading the data failed; try again");
    else if (rc == LT_OK && d->mem.failed)
        rc = lt_err_oom(e);
    if (rc) doc_free(d);
    return rc;
}

void doc_free(report_doc *d) {
    lt_arena_free(&d->mem);
    memset(d, 0, sizeof *d);
}
