/*
** remind.c — what is still to do in a subtree for year Y, for the office
** to pass on through whatever channel it uses: who has not registered,
** unit by unit, with the deadline; registrations waiting for approval; key
** cadres not yet published; overdue follow-ups.  As plain text with a
** paragraph for the loudspeakers (which names no one: it gives counts), and
** as a printable list per cell (PDF), to read out at the cell meeting.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REMIND_MAX 20000 /* people a reminder lists (a province's worth) */

/* The registration deadline of year as dd/mm/yyyy, or "". */
static void deadline_of(lt_ctx *ctx, int year, char out[11]) {
    dom_rows ys;
    lt_err ignored = {0};
    *out = 0;
    if (q_year_deadlines(ctx, year, &ys, &ignored)) return;
    if (ys.n && *rows_get(&ys, 0, "registration_deadline")) lt_date_vn(rows_get(&ys, 0, "registration_deadline"), out);
    rows_free(&ys);
}

/* Rows in the tree's order of their units (each unit's people together,
** as the list reads), then as the query gave them (by name). */
typedef struct placed { long tree_at, row; } placed;

static int by_place(const void *a, const void *b) {
    const placed *x = a, *y = b;
    if (x->tree_at != y->tree_at) return x->tree_at < y->tree_at ? -1 : 1;
    return (x->row > y->row) - (x->row < y->row);
}

/* The people of unit idx's subtree not yet registered: rows, and their
** order (row indices, given). */
static int not_registered(lt_ctx *ctx, const ind_result *r, long idx, int year, dom_rows *rows, long **order,
                          lt_err *e) {
    if (q_missing(ctx, r->tree.nodes[idx].id, year, MISSING_REGISTRATIONS, REMIND_MAX, rows, e)) return e->code;
    placed *p = malloc((size_t)(rows->n ? rows->n : 1) * sizeof *p);
    *order = malloc((size_t)(rows->n ? rows->n : 1) * sizeof **order);
    if (!p || !*order) {
        free(p);
        free(*order);
        rows_free(rows);
        return lt_err_oom(e);
    }
    for (long i = 0; i < rows->n; i++) {
        long at = tree_index(&r->tree, rows_int(rows, i, "unit_id"));
        p[i] = (placed){at < 0 ? r->tree.n : at, i};
    }
    qsort(p, (size_t)rows->n, sizeof *p, by_place);
    for (long i = 0; i < rows->n; i++) (*order)[i] = p[i].row;
    free(p);
    return LT_OK;
}

int remind_text(lt_ctx *ctx, const char *unit_code, int year, lt_buf *out, lt_err *e) {
    const ind_result *r;
    long idx;
    if (report_result(ctx, unit_code, year, year, &r, &idx, e)) return e->code;
    ind_summary s;
    ind_summarize(r, idx, &s);
    const ind_counts *c = &s.c;
    char deadline[11];
    deadline_of(ctx, year, deadline);
    const char *name = r->tree.nodes[idx].name;
    lt_buf_printf(out, "%s — việc còn phải làm năm %d\n\n", name, year);
    long long missing = c->reg_required - c->registered;
    lt_buf_printf(out, "Chưa đăng ký làm theo: %lld người%s%s%s.\n", missing, *deadline ? " (hạn " : "", deadline,
                  *deadline ? ")" : "");
    lt_buf_printf(out, "Bản đăng ký chờ duyệt: %lld.\nCán bộ chủ chốt chưa công khai bản đăng ký: %lld.\n"
                       "Việc khắc phục sau kiểm tra đã quá hạn: %lld.\n", c->reg_submitted - c->reg_approved,
                  c->key_required - c->key_published, c->followups_overdue);
    dom_rows rows;
    long *order;
    int rc = missing > 0 ? not_registered(ctx, r, idx, year, &rows, &order, e) : LT_OK;
    if (missing > 0 && rc == LT_OK) {
        long long unit = -1;
        for (long k = 0; k < rows.n; k++) {
            long i = order[k];
            if (rows_int(&rows, i, "unit_id") != unit) {
                unit = rows_int(&rows, i, "unit_id");
                lt_buf_printf(out, "\n%s:\n", rows_get(&rows, i, "unit_name"));
            }
            lt_buf_printf(out, "  - %s%s%s\n", rows_get(&rows, i, "full_name"),
                          *rows_get(&rows, i, "position") ? ", " : "", rows_get(&rows, i, "position"));
        }
        free(order);
        rows_free(&rows);
    }
    if (rc == LT_OK) {
        lt_buf_printf(out, "\nĐọc trên đài truyền thanh:\n\nKính thưa bà con nhân dân. Thực hiện %s, %s đề nghị"
                           " các đồng chí cán bộ, đảng viên", doc_basis(year), name);
        if (missing > 0)
            lt_buf_printf(out, " chưa đăng ký làm theo năm %d (còn %lld đồng chí) khẩn trương hoàn thành bản đăng ký"
                               "%s%s, cán bộ chủ chốt đăng ký trước để làm gương.\n", year, missing,
                          *deadline ? " trước ngày " : "", deadline);
        else
            lt_buf_printf(out, " tiếp tục thực hiện tốt các nội dung đã đăng ký làm theo năm %d.\n", year);
    }
    ind_release(r);
    if (rc == LT_OK && out->err) rc = lt_err_oom(e);
    return rc;
}

/* One unit's list: its letterhead, the title, and the table of its people
** (rows order[from..to)). */
static int unit_list(lt_ctx *ctx, const ind_result *r, long k, int year, const char *deadline, const dom_rows *rows,
                     const long *order, long from, long to, report_doc *d, lt_err *e) {
    if (letterhead_fill(ctx, &r->tree, k, year, "DS", NULL, d, e)) return e->code;
    d->recipients = doc_fmt(d, "Nơi nhận:\n- Đọc tại buổi sinh hoạt của %s,\n- Lưu.", r->tree.nodes[k].name);
    d->title = "DANH SÁCH";
    d->subtitle = doc_fmt(d, "cán bộ, đảng viên chưa đăng ký làm theo năm %d", year);
    doc_section *sec = doc_add_section(d, "");
    doc_add_para(d, sec, doc_fmt(d, "Đến nay, %s còn %ld đồng chí chưa đăng ký làm theo năm %d%s%s.",
                                 r->tree.nodes[k].name, to - from, year, *deadline ? "; hạn đăng ký: " : "", deadline));
    doc_table *t = doc_table_new(d, doc_fmt(d, "Danh sách chưa đăng ký — %s", r->tree.nodes[k].name), 3, to - from);
    if (!t) return lt_err_oom(e);
    t->head[0] = "STT";
    t->head[1] = "Họ và tên";
    t->head[2] = "Chức vụ";
    for (long i = from; i < to; i++) {
        doc_cell *row = &t->cells[(i - from) * 3];
        row[0] = (doc_cell){CELL_INT, i - from + 1, NULL};
        row[1].text = doc_fmt(d, "%s", rows_get(rows, order[i], "full_name"));
        row[2].text = doc_fmt(d, "%s", rows_get(rows, order[i], "position"));
    }
    sec->table = t;
    return d->mem.failed ? lt_err_oom(e) : LT_OK;
}

int remind_pdf(lt_ctx *ctx, const char *unit_code, int year, lt_buf *out, lt_err *e) {
    const ind_result *r;
    long idx;
    if (report_result(ctx, unit_code, year, year, &r, &idx, e)) return e->code;
    char deadline[11];
    deadline_of(ctx, year, deadline);
    dom_rows rows;
    long *order;
    int rc = not_registered(ctx, r, idx, year, &rows, &order, e);
    if (rc) { ind_release(r); return rc; }
    report_doc *docs = calloc((size_t)(rows.n ? rows.n : 1), sizeof *docs);
    int n = 0;
    if (!docs) rc = lt_err_oom(e);
    for (long from = 0, to; rc == LT_OK && from < rows.n; from = to) { /* a page (or more) per unit */
        long long unit = rows_int(&rows, order[from], "unit_id");
        for (to = from; to < rows.n && rows_int(&rows, order[to], "unit_id") == unit; to++) {}
        long k = tree_index(&r->tree, unit);
        if (k >= 0) rc = unit_list(ctx, r, k, year, deadline, &rows, order, from, to, &docs[n++], e);
    }
    if (rc == LT_OK && n == 0)
        rc = lt_err_set(e, LT_ENOTFOUND, "%s: mọi người đã đăng ký làm theo năm %d", "%s: everyone has registered"
                        " for %d", r->tree.nodes[idx].name, year);
    if (rc == LT_OK) rc = doc_render_pdf(docs, n, out, e);
    for (int i = 0; docs && i < n; i++) doc_free(&docs[i]);
    free(docs);
    free(order);
    rows_free(&rows);
    ind_release(r);
    return rc;
}
