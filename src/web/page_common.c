/*
** page_common.c — small helpers shared by the page handlers: the year and
** unit a page is about, form fields, labels.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void page_today(char out[11]) {
    char iso[11];
    lt_today(iso);
    lt_date_vn(iso, out);
}

int page_unit_name(web_req *r, long long id, int year, char name[256], lt_err *e) {
    const ind_result *yr;
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    long k = tree_index(&yr->tree, id);
    if (k >= 0) snprintf(name, 256, "%s", yr->tree.nodes[k].name);
    ind_release(yr);
    if (k < 0 && unit_name_of(&r->ctx, id, name, 256, e)) return e->code; /* not in that year's tree */
    return LT_OK;
}

int page_year(web_req *r) {
    const char *y = web_param_get(&r->query, r->is_api ? "year" : "nam");
    long v;
    if (y && lt_parse_long(y, 1990, 2100, &v) == 0) return (int)v;
    char today[11];
    lt_today(today);
    int latest = 0;
    lt_err ignored = {0}; /* (a store that cannot say: last year, as before) */
    if (topic_latest_year(&r->ctx, atoi(today), &latest, &ignored) == LT_OK && latest) return latest;
    return atoi(today) - 1;
}

int page_unit_arg(web_req *r, int year, long long *id, char code[64], lt_err *e) {
    const char *c = strchr(r->route->pattern, '*') && r->route->scope == SCOPE_UNIT
                        ? r->args[0] : web_param_get(&r->query, r->is_api ? "unit" : "don_vi");
    if (c && *c) {
        if (strlen(c) >= 64 || unit_find(&r->ctx, c, id, e))
            return lt_err_set(e, LT_ENOTFOUND, "không có đơn vị mã \"%.64s\"", "no unit with code \"%.64s\"", c);
        snprintf(code, 64, "%.63s", c);
        return LT_OK;
    }
    const ind_result *yr; /* the year's handle: its tree, as the indicators have it */
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    const unit_tree *t = &yr->tree;
    /* the actor's own part of the year's tree (scope.c); a year without
    ** their unit is refused, never widened to the whole tree, except on
    ** the public pages, which show only what everyone may see */
    long idx = -1;
    if (scope_tree_top(&r->ctx, t, &idx, e)) {
        if (!(r->route->flags & WR_PUBLIC)) {
            ind_release(yr);
            return e->code;
        }
        lt_err_clear(e);
    }
    if (idx < 0 && (idx = tree_top(t)) == -2) { /* the whole tree's top */
        ind_release(yr);
        return lt_err_oom(e);
    }
    if (idx >= 0) {
        *id = t->nodes[idx].id;
        snprintf(code, 64, "%s", t->nodes[idx].code);
    }
    ind_release(yr);
    if (idx < 0) return lt_err_set(e, LT_ENOTFOUND, "chưa có đơn vị nào trong năm %d",
                                   "there are no units in %d", year);
    return LT_OK;
}

const char *form(web_req *r, const char *name) {
    const char *v = web_param_get(&r->form, name);
    if (!v) return "";
    /* values are owned by the request's parameter list; trim in place */
    return text_trim((char *)v);
}

/* The year field of a form (LT_EINPUT naming it). */
int form_year(web_req *r, const char *name, int *year, lt_err *e) {
    long y;
    if (lt_parse_long(form(r, name), 1990, 2100, &y) == 0) { *year = (int)y; return LT_OK; }
    return lt_err_set(e, LT_EINPUT, "%s: năm không hợp lệ", "%s: invalid year", name);
}

/* A whole-number field (LT_EINPUT naming it). */
int form_count(web_req *r, const char *name, long *v, lt_err *e) {
    if (lt_parse_count(form(r, name), 100000000000, v) == 0) return LT_OK; /* "45.000.000" as well */
    return lt_err_set(e, LT_EINPUT, "%s: phải là số nguyên không âm", "%s: must be a whole number", name);
}

long long page_reg_id(web_req *r) { return atoll(r->args[0]); }

const char *status_label(web_req *r, const char *status) {
    static const char *const map[][3] = {
        {"draft", "Bản nháp", "Draft"},
        {"submitted", "Chờ duyệt", "Submitted"},
        {"returned", "Bị trả lại", "Returned"},
        {"approved", "Đã duyệt", "Approved"},
        {"published", "Đã công khai", "Published"},
        {"self_assessed", "Đã tự đánh giá", "Self-assessed"},
        {"evaluated", "Đã đánh giá", "Evaluated"},
        {"not_registered", "Chưa đăng ký", "Not registered"},
    };
    for (unsigned i = 0; i < LT_ARRAY_LEN(map); i++)
        if (strcmp(map[i][0], status) == 0) return r->lang_en ? map[i][2] : map[i][1];
    return status;
}

int page_open_years(web_req *r, int *years, int max) {
    char today[11];
    lt_today(today);
    int n = 0, now = atoi(today);
    dom_rows ys;
    lt_err ignored = {0};
    if (q_year_list(&r->ctx, &ys, &ignored)) return 0;
    for (long i = 0; i < ys.n && n < max; i++) {
        int y = atoi(rows_get(&ys, i, "year"));
        const char *review = rows_get(&ys, i, "review_deadline");
        if (y >= now - 1 || (*review && strcmp(review, today) >= 0)) years[n++] = y;
    }
    rows_free(&ys);
    return n;
}

const char *vocab_word(web_req *r, const char *code) {
    return r->lang_en ? vocab_label_en(code) : vocab_label_vi(code);
}
