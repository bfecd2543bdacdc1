/*
** page_todo.c — the home page of a secretary, an office clerk or a viewer:
** what there is to do now in their part of the tree, each with a link to
** where it is done (registrations waiting for approval in every open
** year; people not yet registered; units not yet deployed; key
** cadres not yet published; overdue follow-ups).
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of the list: a count and what it counts, linked to the
** dashboard's list of them; nothing when there is none. */
static int todo_line(web_req *r, long long n, const char *what, const char *code, int year, const char *anchor) {
    if (n <= 0) return 0;
    html_printf(r, "<li><a href=\"/tong-quan?don_vi=%U&amp;nam=%d#%s\"><b>%lld</b> %s</a></li>", code, year,
                anchor, n, what);
    return 1;
}

/* What waits in year (its counts for unit id): lines added, or -1 when the
** year has no tree holding the unit. */
static int todo_year(web_req *r, long long id, const char *code, int year, int all, lt_err *e) {
    const ind_result *res;
    long idx;
    int rc = ind_get_unit(&r->ctx, id, year, year, &res, &idx, e);
    if (rc == LT_ENOTFOUND) { lt_err_clear(e); return -1; }
    if (rc) return -1;
    ind_summary s;
    ind_summarize(res, idx, &s);
    const ind_counts *c = &s.c;
    char waiting[96];
    snprintf(waiting, sizeof waiting, "%s %d", TR(r, "bản đăng ký chờ duyệt, năm", "registrations waiting for"
             " approval,"), year);
    int n = todo_line(r, c->reg_submitted - c->reg_approved, waiting, code, year, "cho-duyet");
    if (all) {
        n += todo_line(r, c->reg_required - c->registered, TR(r, "người chưa đăng ký", "people not yet registered"),
                       code, year, "chua-dang-ky");
        n += todo_line(r, c->targets - c->deployed, TR(r, "đơn vị chưa triển khai chuyên đề",
                       "units that have not deployed the topic"), code, year, "chua-trien-khai");
        n += todo_line(r, c->key_required - c->key_published, TR(r, "cán bộ chủ chốt chưa công khai bản đăng ký",
                       "key cadres not yet published"), code, year, "chua-cong-khai");
        n += todo_line(r, c->followups_overdue, TR(r, "việc khắc phục sau kiểm tra đã quá hạn",
                       "overdue follow-ups"), code, year, "qua-han");
    }
    ind_release(res);
    return n;
}

int page_todo(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long id;
    char code[64], name[256];
    if (page_unit_arg(r, year, &id, code, e) || page_unit_name(r, id, year, name, e)) return e->code;
    char title[320];
    snprintf(title, sizeof title, "%s — %s", TR(r, "Việc cần làm", "To do"), name);
    html_begin(r, title);
    char *topic = NULL;
    topic_for_unit(&r->ctx, id, year, &topic, NULL);
    html_printf(r, "<p>%s %d%s%s%s</p>", TR(r, "Năm", "Year"), year, topic ? TR(r, " — chuyên đề: “", " — topic: “") : "",
                topic ? topic : "", topic ? "”" : "");
    free(topic);
    html_raw(r, "<ul class=\"todo\">");
    int n = todo_year(r, id, code, year, 1, e) > 0;
    int open[8], nopen = page_open_years(r, open, 8);
    for (int i = 0; i < nopen; i++) /* the other open years' registrations, still waiting */
        if (open[i] != year) n += todo_year(r, id, code, open[i], 0, e) > 0;
    html_raw(r, "</ul>");
    if (n == 0)
        html_printf(r, "<p class=\"done\">%s</p>", TR(r, "Không có việc nào đang chờ.", "Nothing is waiting."));
    html_printf(r, "<p><a href=\"/tong-quan?don_vi=%U&amp;nam=%d\">%s</a> · <a href=\"/don-vi/%U?nam=%d\">%s</a></p>",
                code, year, TR(r, "Tổng quan chỉ số", "Dashboard"), code, year, TR(r, "Hồ sơ đơn vị", "Unit records"));
    html_end(r);
    return LT_OK;
}
