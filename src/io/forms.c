/*
** forms.c — the papers people sign, as documents: a person's registration
** (BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO ... NĂM …) with the party committee and
** cell at the top, "ĐẢNG CỘNG SẢN VIỆT NAM", place and date, their
** particulars, the items with their deadlines, the member's signature and
** the cell secretary's confirmation; the year-end self-assessment and
** review the same way; and a whole cell's forms in one file.
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
** (letterhead.c), without a number; its secretary confirms on the left. */
static int form_letterhead(lt_ctx *ctx, long long unit_id, int year, const doc_marks *m, report_doc *d,
                           lt_err *e) {
    const ind_result *r;
    if (ind_get(ctx, year, year, &r, e)) return e->code;
    long k = tree_index(&r->tree, unit_id);
    int rc = k >= 0 ? letterhead_fill(ctx, &r->tree, k, year, NULL, m, d, e)
                    : lt_err_set(e, LT_ENOTFOUND, "đơn vị của bản đăng ký không có trong năm %d",
                                 "the registration's unit is not in the tree of %d", year);
    ind_release(r);
    if (rc == LT_OK)
        d->recipients = doc_fmt(d, "XÁC NHẬN CỦA CHI BỘ\n%s\n%s\n\n\n\n%s", d->signer_for, d->signer_title,
                                d->signer_name);
    return rc;
}

/* One person's form for one registration. */
static int form_doc(lt_ctx *ctx, long long reg_id, int review, const doc_marks *m, report_doc *d, lt_err *e) {
    dom_rows reg, items;
    memset(d, 0, sizeof *d);
    if (q_registration(ctx, reg_id, &reg, e)) return e->code;
    if (q_registration_items(ctx, reg_id, &items, e)) { rows_free(&reg); return e->code; }
    const char *year = rows_get(&reg, 0, "year"), *name = rows_get(&reg, 0, "full_name");
    int rc = form_letterhead(ctx, rows_int(&reg, 0, "unit_id"), atoi(year), m, d, e);
    d->title = review ? "BẢN TỰ ĐÁNH GIÁ, XẾP LOẠI" : "BẢN ĐĂNG KÝ";
    d->subtitle = doc_fmt(d, "HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH NĂM %s", year);
    doc_section *s = &d->sec[d->nsec++];
    s->heading = "";
    s->para = lt_arena_alloc(&d->mem, 8 * sizeof *s->para);
    if (s->para) {
        s->cap = 8;
        s->para[s->npara++] = doc_fmt(d, "Họ và tên: %s", name);
        if (*rows_get(&reg, 0, "party_joined_on"))
            s->para[s->npara++] = doc_fmt(d, "Ngày vào Đảng: %s", rows_get(&reg, 0, "party_joined_on"));
        s->para[s->npara++] = doc_fmt(d, "Chức vụ: %s", rows_get(&reg, 0, "position"));
        if (*rows_get(&reg, 0, "workplace"))
            s->para[s->npara++] = doc_fmt(d, "Nơi công tác: %s", rows_get(&reg, 0, "workplace"));
        s->para[s->npara++] = doc_fmt(d, "Chi bộ: %s", rows_get(&reg, 0, "unit_name"));
        if (review && *rows_get(&reg, 0, "grade"))
            s->para[s->npara++] = doc_fmt(d, "Chi bộ đánh giá, xếp loại: %s",
                                          vocab_label_vi(rows_get(&reg, 0, "grade")));
    }
    s->table = items_table(d, &items, review);
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
