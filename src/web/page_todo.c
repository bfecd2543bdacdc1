/*
** page_todo.c — the home page of a secretary, an office clerk or a viewer:
** what there is to do now in their part of the tree, each with a link to
** where it is done (registrations waiting for approval in every open
** year; people not yet registered; units not yet deployed; key
** cadres not yet published or late; overdue follow-ups; collective
** registrations: the unit's own to send, its sub-units' to approve and
** those not sent).
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line of the list: a count and what it counts, linked to the
** dashboard's list of them; nothing when there is none. */
static int todo_line(web_req *r, long long n, const char *what, const char *code, int year, const char *anchor) {
    if (n <= 0) return 0;
    html_printf(r, "<li><a href=\"/tong-quan?don_vi=%U&amp;nam=%d#%s\"><b>%N</b> %s</a></li>", code, year,
                anchor, n, what);
    return 1;
}

/* The collective registrations of year: the unit's own when it is a party
** organisation that has not sent it, and the `waiting` of the units below
** it for its approval (the indicators count them), each linked to where it
** is done. */
static int todo_collective(web_req *r, const char *code, int year, int own_due, long long waiting) {
    int n = 0;
    if (own_due) {
        html_printf(r, "<li><a href=\"/don-vi/%U/tap-the?nam=%d\">%s %d</a></li>", code, year,
                    TR(r, "Đơn vị chưa gửi bản đăng ký tập thể năm", "The unit's collective registration to send for"), year);
        n++;
    }
    if (waiting > 0) {
        html_printf(r, "<li><a href=\"/don-vi/%U/tap-the?nam=%d#truc-thuoc\"><b>%N</b> %s</a></li>", code, year, waiting,
                    TR(r, "bản đăng ký tập thể của đơn vị trực thuộc chờ duyệt", "sub-units' collective registrations"
                       " waiting for approval"));
        n++;
    }
    return n;
}

/* The registrations waiting for approval in year: its line. */
static int todo_waiting(web_req *r, long long n, const char *code, int year) {
    char what[96];
    snprintf(what, sizeof what, "%s %d", TR(r, "bản đăng ký chờ duyệt, năm", "registrations waiting for approval,"),
             year);
    return todo_line(r, n, what, code, year, "cho-duyet");
}

/* What there is to do in year (its counts for unit id): lines added, or -1
** when the year has no tree holding the unit. */
static int todo_year(web_req *r, long long id, const char *code, int year, lt_err *e) {
    const ind_result *res;
    long idx;
    int rc = ind_get_unit(&r->ctx, id, year, year, &res, &idx, e);
    if (rc == LT_ENOTFOUND) { lt_err_clear(e); return -1; }
    if (rc) return -1;
    ind_summary s;
    ind_summarize(res, idx, &s);
    const ind_counts *c = &s.c;
    int n = todo_waiting(r, c->reg_submitted - c->reg_approved, code, year);
    n += todo_line(r, c->reg_required - c->registered, TR(r, "người chưa đăng ký", "people not yet registered"),
                   code, year, "chua-dang-ky");
    n += todo_line(r, c->targets - c->deployed, TR(r, "đơn vị chưa triển khai chuyên đề",
                   "units that have not deployed the topic"), code, year, "chua-trien-khai");
    n += todo_line(r, c->key_required - c->key_published, TR(r, "cán bộ chủ chốt chưa công khai bản đăng ký",
                   "key cadres not yet published"), code, year, "chua-cong-khai");
    n += todo_line(r, c->followups_overdue, TR(r, "việc khắc phục sau kiểm tra đã quá hạn",
                   "overdue follow-ups"), code, year, "qua-han");
    n += todo_line(r, c->key_due - c->key_on_time, TR(r, "cán bộ chủ chốt chưa đăng ký trong hạn dành cho cán bộ"
                   " chủ chốt", "key cadres not registered by their earlier deadline"), code, year, "chu-chot-tre-han");
    if (res->tree.nodes[idx].first_child >= 0) /* (a cell alone: its own line below) */
        n += todo_line(r, c->targets - c->collective, TR(r, "tổ chức đảng trực thuộc chưa gửi bản đăng ký tập thể",
                       "party organisations below without a collective registration"), code, year,
                       "chua-dang-ky-tap-the");
    const ind_counts *own = ind_own(res, idx);
    int own_due = res->tree.nodes[idx].party_org && !own->collective;
    long long waiting_below = c->collective_waiting - own->collective_waiting;
    ind_release(res);
    return n + todo_collective(r, code, year, own_due, waiting_below);
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
    int n = todo_year(r, id, code, year, e) > 0;
    int open[8], nopen = page_open_years(r, open, 8);
    for (int i = 0; i < nopen; i++) /* the other open years' registrations, still waiting (their tallies) */
        if (open[i] != year) n += todo_waiting(r, ind_waiting(&r->ctx, id, open[i]), code, open[i]);
    html_raw(r, "</ul>");
    if (n == 0)
        html_printf(r, "<p class=\"done\">%s</p>", TR(r, "Không có việc nào đang chờ.", "Nothing is waiting."));
    html_printf(r, "<p><a href=\"/tong-quan?don_vi=%U&amp;nam=%d\">%s</a> · <a href=\"/don-vi/%U?nam=%d\">%s</a></p>",
                code, year, TR(r, "Tổng quan chỉ số", "Dashboard"), code, year, TR(r, "Hồ sơ đơn vị", "Unit records"));
    html_end(r);
    return LT_OK;
}
