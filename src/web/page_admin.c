/*
** page_admin.c — list exports (CSV for Excel) and the audit log with
** filters.
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lists that can be exported: the import kinds. */
static const char *known_kind(const char *k) {
    static const char *const kinds[] = {"units", "people", "registrations", "deployments"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(kinds); i++)
        if (strcmp(kinds[i], k) == 0) return kinds[i];
    return NULL;
}

int page_export(web_req *r, lt_err *e) {
    if (!known_kind(r->args[0]))
        return lt_err_set(e, LT_ENOTFOUND, "không có danh sách này", "no such list");
    if (export_list(&r->ctx, r->args[0], EXPORT_CSV, &r->out, e)) return e->code;
    char name[64];
    snprintf(name, sizeof name, "%s.csv", known_kind(r->args[0]));
    web_attachment(r, "text/csv; charset=utf-8", name);
    return LT_OK;
}

int page_audit(web_req *r, lt_err *e) {
    const char *actor = web_param_get(&r->query, "nguoi"), *entity = web_param_get(&r->query, "loai");
    const char *from = web_param_get(&r->query, "tu"), *to = web_param_get(&r->query, "den");
    char f[11] = "", t[11] = "";
    if (from && *from && lt_parse_date(from, f)) return lt_err_set(e, LT_EINPUT, "tu: ngày không hợp lệ", "tu: invalid date");
    if (to && *to && lt_parse_date(to, t)) return lt_err_set(e, LT_EINPUT, "den: ngày không hợp lệ", "den: invalid date");
    dom_rows rows;
    if (q_audit(&r->ctx, actor, entity, f, t, 200, 0, &rows, e)) return e->code;
    html_begin(r, TR(r, "Nhật ký thay đổi", "Audit log"));
    html_printf(r, "<form method=\"get\" action=\"/nhat-ky\" class=\"box\"><label>%s</label><input name=\"nguoi\" "
                   "value=\"%s\"/><label>%s</label><input name=\"loai\" value=\"%s\" placeholder=\"registration\"/>"
                   "<label>%s</label><input name=\"tu\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/><label>%s</label>"
                   "<input name=\"den\" value=\"%s\" placeholder=\"dd/mm/yyyy\"/><button type=\"submit\">%s</button>"
                   "</form>", TR(r, "Người thực hiện", "Who"), actor ? actor : "", TR(r, "Đối tượng", "What"),
                entity ? entity : "", TR(r, "Từ ngày", "From"), from ? from : "", TR(r, "Đến ngày", "To"),
                to ? to : "", TR(r, "Lọc", "Filter"));
    static const char *const cols[] = {"at", "Lúc|At", "actor", "Người|Who", "action", "Việc|Action", "entity",
                                       "Đối tượng|Entity", "entity_id", "Số|Id", "before", "Trước|Before",
                                       "after", "Sau|After", NULL};
    html_rows(r, &rows, cols, NULL, NULL);
    rows_free(&rows);
    html_end(r);
    return LT_OK;
}
