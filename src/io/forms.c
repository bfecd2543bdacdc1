/*
** forms.c — the papers people sign, as documents: a person's registration
** (BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO ... NĂM …) under the cell's letterhead
** (letterhead.c; an agency's for its non-party employees): what it rests
** on and the year's topic, the person's particulars, what they study,
** the items with their deadlines, their commitment, their signature and
** the cell secretary's confirmation with the day it was approved; the
** year-end self-assessment and review the same way, with the items'
** assessments, the self-criticism, the cell's comment and the grade; and
** a whole cell's forms in one file.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The items table: number, item, group, deadline (and the assessment). */
static doc_table *items_table(report_doc *d, const dom_rows *items, int review) {
    static const char *const head[] = {"TT", "Nội dung đăng ký", "Nhóm", "Thời hạn", "Tự đánh giá", "Ghi chú"};
    doc_table *t = doc_table_new(d, review ? "Kết quả thực hiện các nội dung đã đăng ký" : "Nội dung đăng ký làm theo",
                                 review ? 6 : 4, items->n);
    if (!t) return NULL;
    for (int c = 0; c < t->ncols; c++) t->head[c] = (char *)head[c];
    for (long i = 0; i < items->n; i++) {
        doc_cell *c = &t->cells[i * t->ncols];
        const char *vals[6] = {rows_get(items, i, "position"), rows_get(items, i, "body"),
                               vocab_label_vi(rows_get(items, i, "item_group")), rows_get(items, i, "deadline"),
                               *rows_get(items, i, "assessment") ? vocab_label_vi(rows_get(items, i, "assessment")) : "",
                               rows_get(items, i, "assessment_note")};
        for (int k = 0; k < t->ncols; k++) c[k].text = lt_arena_strdup(&d->mem, vals[k]);
    }
    return t;
}

/* The Party's letterhead of the form: the cell's, in the year's tree
** (letterhead.c), without a number; its secretary confirms on the left,
** with the day the cell approved it. */
static int form_letterhead(lt_ctx *ctx, const dom_rows *reg, const doc_marks *m, report_doc *d, lt_err *e) {
    const ind_result *r;
    int year = (int)rows_int(reg, 0, "year");
    if (ind_get(ctx, year, year, &r, e)) return e->code;
    long k = tree_index(&r->tree, rows_int(reg, 0, "unit_id"));
    int rc = k >= 0 ? letterhead_fill(ctx, &r->tree, k, year, NULL, m, d, e)
                    : lt_err_set(e, LT_ENOTFOUND, "đơn vị của bản đăng ký không có trong năm %d",
                                 "the registration's unit is not in the tree of %d", year);
    ind_release(r);
    char day[11] = "";
    const char *approved = rows_get(reg, 0, "approved_at");
    if (strlen(approved) >= 10) snprintf(day, sizeof day, "%.10s", approved);
    char vn[11];
    if (rc == LT_OK)
        d->recipients = doc_fmt(d, "%s\n%s\n%s\n%s\n\n\n%s", d->party ? "XÁC NHẬN CỦA CHI BỘ" : "XÁC NHẬN CỦA CƠ QUAN", *day ? doc_fmt(d, "(duyệt ngày %s)", lt_date_vn(day, vn)) : "", d->signer_for,
                                d->signer_title, d->signer_name);
    return rc;
}

/* What the form rests on: the directive, the Politburo's conclusion from
** 2021, the committee's plan, and the year's topic. */
static void form_grounds(lt_ctx *ctx, const dom_rows *reg, report_doc *d) {
    doc_section *s = doc_add_section(d, "");
    int year = (int)rows_int(reg, 0, "year");
    doc_add_para(d, s, "- Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo"
                       " tư tưởng, đạo đức, phong cách Hồ Chí Minh;");
    if (year >= 2021)
        doc_add_para(d, s, "- Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ"
                           " thị số 05-CT/TW;");
    doc_add_para(d, s, doc_fmt(d, "- Căn cứ kế hoạch của cấp ủy về thực hiện chuyên đề năm %d;", year));
    char *topic = NULL;
    lt_err why = {0};
    if (topic_for_unit(ctx, rows_int(reg, 0, "unit_id"), year, &topic, &why) == LT_OK && topic)
        doc_add_para(d, s, doc_fmt(d, "Chuyên đề năm %d: “%s”.", year, topic));
    free(topic);
}

/* I. Who: name, birth date, date admitted, position, workplace, cell. */
static void form_person(const dom_rows *reg, report_doc *d) {
    doc_section *s = doc_add_section(d, "I. THÔNG TIN CÁ NHÂN");
    doc_add_para(d, s, doc_fmt(d, "Họ và tên: %s", rows_get(reg, 0, "full_name")));
    if (*rows_get(reg, 0, "birth_date")) doc_add_para(d, s, doc_fmt(d, "Ngày sinh: %s", rows_get(reg, 0, "birth_date")));
    if (*rows_get(reg, 0, "party_joined_on"))
        doc_add_para(d, s, doc_fmt(d, "Ngày vào Đảng: %s", rows_get(reg, 0, "party_joined_on")));
    doc_add_para(d, s, doc_fmt(d, "Chức vụ: %s", rows_get(reg, 0, "position")));
    if (*rows_get(reg, 0, "workplace"))
        doc_add_para(d, s, doc_fmt(d, "Nơi công tác: %s", rows_get(reg, 0, "workplace")));
    doc_add_para(d, s, doc_fmt(d, "%s: %s", *rows_get(reg, 0, "party_joined_on") ? "Sinh hoạt tại" : "Đơn vị",
                               rows_get(reg, 0, "unit_name")));
}

/* Lines to write on by hand. */
static void dotted(report_doc *d, doc_section *s, int n) {
    for (int i = 0; i < n; i++)
        doc_add_para(d, s, "......................................................................................."
                           "..............");
}

/* One person's form for one registration. */
static int form_doc(lt_ctx *ctx, long long reg_id, int review, const doc_marks *m, report_doc *d, lt_err *e) {
    dom_rows reg, items;
    memset(d, 0, sizeof *d);
    if (q_registration(ctx, reg_id, &reg, e)) return e->code;
    if (q_registration_items(ctx, reg_id, &items, e)) { rows_free(&reg); return e->code; }
    const char *year = rows_get(&reg, 0, "year"), *name = rows_get(&reg, 0, "full_name");
    int rc = form_letterhead(ctx, &reg, m, d, e);
    d->title = review ? "BẢN TỰ ĐÁNH GIÁ, XẾP LOẠI" : "BẢN ĐĂNG KÝ";
    /* broken where a reader breaks it, never inside "Hồ Chí Minh" */
    d->subtitle = doc_fmt(d, "HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC,\nPHONG CÁCH HỒ CHÍ MINH NĂM %s", year);
    form_grounds(ctx, &reg, d);
    form_person(&reg, d);
    doc_section *s = doc_add_section(d, "II. NỘI DUNG HỌC TẬP");
    doc_add_para(d, s, doc_fmt(d, "Học tập, quán triệt chuyên đề năm %s và các văn bản của cấp ủy về học tập và làm"
                                  " theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; tự nghiên cứu gắn với chức trách,"
                                  " nhiệm vụ được giao.", year));
    s = doc_add_section(d, review ? "III. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG ĐÃ ĐĂNG KÝ" : "III. NỘI DUNG ĐĂNG KÝ LÀM THEO");
    if (*rows_get(&reg, 0, "published_at")) {
        char day[11] = "", vn[11];
        snprintf(day, sizeof day, "%.10s", rows_get(&reg, 0, "published_at"));
        doc_add_para(d, s, doc_fmt(d, "(Nội dung đăng ký của cán bộ chủ chốt, đã công khai ngày %s.)", lt_date_vn(day, vn)));
    }
    s->table = items_table(d, &items, review);
    if (review) {
        dotted(d, doc_add_section(d, "IV. TỰ NHẬN XÉT, TỰ PHÊ BÌNH"), 3);
        s = doc_add_section(d, "V. NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ");
        dotted(d, s, 2);
        doc_add_para(d, s, doc_fmt(d, "Xếp loại: %s", *rows_get(&reg, 0, "grade") ?
                                   vocab_label_vi(rows_get(&reg, 0, "grade")) : "......................"));
    } else {
        doc_add_para(d, doc_add_section(d, ""), "Tôi xin cam kết thực hiện nghiêm túc các nội dung đã đăng ký, chịu"
                     " sự giám sát của chi bộ, cơ quan, đơn vị và Nhân dân nơi cư trú.");
    }
    d->signer_for = review ? "NGƯỜI TỰ ĐÁNH GIÁ" : "NGƯỜI ĐĂNG KÝ";
    d->signer_title = "(ký, ghi rõ họ tên)";
    d->signer_name = lt_arena_strdup(&d->mem, name);
    rows_free(&reg);
    rows_free(&items);
    if (rc == LT_OK && d->mem.failed) rc = lt_err_oom(e);
    return rc;
}

int form_render(lt_ctx *ctx, const long long *reg_ids, int n, int review, report_format fmt,
                const doc_marks *m, lt_buf *out, lt_err *e) {
    if (fmt != REPORT_DOCX && fmt != REPORT_PDF)
        return lt_err_set(e, LT_EUSAGE, "bản đăng ký in ra DOCX hoặc PDF", "forms are printed as DOCX or PDF");
    if (n < 1) return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký nào", "there are no registrations");
    char date[11];
    if (doc_marks_check(m, date, e)) return e->code;
    doc_marks iso = m ? *m : (doc_marks){0};
    iso.date = date;
    report_doc *docs = calloc((size_t)n, sizeof *docs);
    if (!docs) return lt_err_oom(e);
    int rc = LT_OK, made = 0;
    for (; made < n && rc == LT_OK; made++) rc = form_doc(ctx, reg_ids[made], review, &iso, &docs[made], e);
    /* (a form that failed is freed below with the others: made counts it) */
    if (rc == LT_OK) rc = fmt == REPORT_DOCX ? doc_render_docx(docs, n, out, e) : doc_render_pdf(docs, n, out, e);
    for (int i = 0; i < made; i++) doc_free(&docs[i]);
    free(docs);
    return rc;
}
