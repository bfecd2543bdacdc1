/*
** form_collective.c — a party organisation's collective registration as
** the paper it signs (BẢN ĐĂNG KÝ TẬP THỂ HỌC TẬP VÀ LÀM THEO ... NĂM …),
** built as a person's form (forms.c) with the same document builder:
** the unit's own Party letterhead (letterhead.c) without a number, what
** it rests on and the year's topic, the items by group with their
** deadlines (and self-assessments once made), the unit's commitment,
** signed for the unit by its head, and the level above's confirmation on
** the left with the day it approved.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *group_vi(const char *g) {
    if (!strcmp(g, "topic")) return "Làm theo chuyên đề";
    if (!strcmp(g, "breakthrough")) return "Đột phá";
    return "Khác";
}

/* The items table: number, item, group, deadline, self-assessment, note. */
static doc_table *items_table(report_doc *d, const dom_rows *items, int assessed) {
    static const char *const head[] = {"TT", "Nội dung đăng ký", "Nhóm", "Thời hạn", "Tự đánh giá", "Kết quả"};
    doc_table *t = doc_table_new(d, "Nội dung đăng ký làm theo của tập thể", assessed ? 6 : 4, items->n);
    if (!t) return NULL;
    for (int c = 0; c < t->ncols; c++) t->head[c] = (char *)head[c];
    for (long i = 0; i < items->n; i++) {
        doc_cell *c = &t->cells[i * t->ncols];
        const char *a = rows_get(items, i, "assessment");
        const char *vals[6] = {doc_fmt(d, "%ld", i + 1), rows_get(items, i, "body"),
                               group_vi(rows_get(items, i, "item_group")), rows_get(items, i, "deadline"),
                               *a ? vocab_label_vi(a) : "", rows_get(items, i, "assessment_note")};
        for (int k = 0; k < t->ncols; k++) c[k].text = lt_arena_strdup(&d->mem, vals[k]);
    }
    return t;
}

/* The unit's letterhead in the year's tree, and on the left the level
** above's confirmation with the day it approved. */
static int coll_letterhead(lt_ctx *ctx, const dom_rows *c, const doc_marks *m, report_doc *d, lt_err *e) {
    const ind_result *r;
    int year = (int)rows_int(c, 0, "year");
    if (ind_get(ctx, year, year, &r, e)) return e->code;
    long k = tree_index(&r->tree, rows_int(c, 0, "unit_id"));
    int rc = k >= 0 ? letterhead_fill(ctx, &r->tree, k, year, NULL, m, d, e)
                    : lt_err_set(e, LT_ENOTFOUND, "đơn vị không có trong cây đơn vị năm %d",
                                 "the unit is not in the tree of %d", year);
    ind_release(r);
    char day[11] = "", vn[11];
    const char *approved = rows_get(c, 0, "approved_at");
    if (strlen(approved) >= 10) snprintf(day, sizeof day, "%.10s", approved);
    if (rc == LT_OK)
        d->recipients = doc_fmt(d, "XÁC NHẬN CỦA\nCẤP ỦY CẤP TRÊN\n%s", *day ? doc_fmt(d, "(duyệt ngày %s)",
                                lt_date_vn(day, vn)) : "");
    return rc;
}

/* What it rests on: the directive, the conclusion of 2021, the year's topic. */
static void coll_grounds(lt_ctx *ctx, const dom_rows *c, report_doc *d) {
    doc_section *s = doc_add_section(d, "");
    int year = (int)rows_int(c, 0, "year");
    doc_add_para(d, s, "- Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo"
                       " tư tưởng, đạo đức, phong cách Hồ Chí Minh;");
    if (year >= 2021)
        doc_add_para(d, s, "- Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ"
                           " thị số 05-CT/TW;");
    doc_add_para(d, s, doc_fmt(d, "- Căn cứ kế hoạch của cấp ủy cấp trên về thực hiện chuyên đề năm %d,", year));
    doc_add_para(d, s, doc_fmt(d, "%s đăng ký tập thể học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
                                  " năm %d như sau:", rows_get(c, 0, "unit_name"), year));
    char *topic = NULL;
    lt_err why = {0};
    if (topic_for_unit(ctx, rows_int(c, 0, "unit_id"), year, &topic, &why) == LT_OK && topic)
        doc_add_para(d, s, doc_fmt(d, "Chuyên đề năm %d: “%s”.", year, topic));
    free(topic);
}

/* The form of collective registration id. */
static int coll_doc(lt_ctx *ctx, long long id, const doc_marks *m, report_doc *d, lt_err *e) {
    dom_rows c, items;
    memset(d, 0, sizeof *d);
    if (q_collective(ctx, id, &c, e)) return e->code;
    if (q_collective_items(ctx, id, &items, e)) { rows_free(&c); return e->code; }
    int assessed = 0;
    for (long i = 0; i < items.n; i++) assessed |= *rows_get(&items, i, "assessment") != 0;
    int rc = coll_letterhead(ctx, &c, m, d, e);
    d->title = "BẢN ĐĂNG KÝ TẬP THỂ";
    d->subtitle = doc_fmt(d, "HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC,\nPHONG CÁCH HỒ CHÍ MINH NĂM %s",
                          rows_get(&c, 0, "year"));
    coll_grounds(ctx, &c, d);
    doc_section *s = doc_add_section(d, "I. NỘI DUNG HỌC TẬP");
    doc_add_para(d, s, doc_fmt(d, "Tổ chức cho cán bộ, đảng viên học tập, quán triệt chuyên đề năm %s; đưa nội dung"
                                  " học tập và làm theo vào sinh hoạt định kỳ của tổ chức đảng.", rows_get(&c, 0, "year")));
    s = doc_add_section(d, "II. NỘI DUNG ĐĂNG KÝ LÀM THEO");
    s->table = items_table(d, &items, assessed);
    if (*rows_get(&c, 0, "grade"))
        doc_add_para(d, doc_add_section(d, "III. ĐÁNH GIÁ, XẾP LOẠI CỦA CẤP TRÊN"),
                     doc_fmt(d, "Xếp loại: %s", vocab_label_vi(rows_get(&c, 0, "grade"))));
    doc_add_para(d, doc_add_section(d, ""), "Tập thể cam kết thực hiện nghiêm túc các nội dung đã đăng ký, chịu sự"
                 " lãnh đạo, kiểm tra, giám sát của cấp ủy cấp trên và sự giám sát của Nhân dân.");
    rows_free(&c);
    rows_free(&items);
    if (rc == LT_OK && d->mem.failed) rc = lt_err_oom(e);
    return rc;
}

int form_collective_render(lt_ctx *ctx, long long id, report_format fmt, const doc_marks *m, lt_buf *out,
                           lt_err *e) {
    if (fmt != REPORT_DOCX && fmt != REPORT_PDF)
        return lt_err_set(e, LT_EUSAGE, "bản đăng ký in ra DOCX hoặc PDF", "forms are printed as DOCX or PDF");
    char date[11];
    if (doc_marks_check(m, date, e)) return e->code;
    doc_marks iso = m ? *m : (doc_marks){0};
    iso.date = date;
    report_doc d;
    int rc = coll_doc(ctx, id, &iso, &d, e);
    if (rc == LT_OK) rc = fmt == REPORT_DOCX ? doc_render_docx(&d, 1, out, e) : doc_render_pdf(&d, 1, out, e);
    doc_free(&d);
    return rc;
}
