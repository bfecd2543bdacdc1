/*
** api.c — the JSON API under /api/v1/: the same data, actions and
** indicators as the pages, through the same router (login, roles, scope,
** CSRF via the X-CSRF-Token header).  Bodies are JSON objects (jansson);
** errors are {"error": {"code", "message", ...}} from web_fail.
*/
#include "pages.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The request body as a JSON object (a new reference), or LT_EINPUT. */
static int body_json(web_req *r, json_t **out, lt_err *e) {
    return web_json_body(r->body.p ? r->body.p : "{}", r->body.p ? r->body.len : 2, out, e);
}

/* A string member of o ("" if absent or not a string; lent). */
static const char *jstr(json_t *o, const char *k) {
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

int api_index(web_req *r, lt_err *e) {
    (void)e;
    json_t *a = json_array();
    for (int i = 0; i < web_route_count; i++) {
        const web_route *rt = &web_routes[i];
        if (strncmp(rt->pattern, "/api/", 5) != 0) continue;
        json_t *roles = json_array();
        for (int k = ROLE_ADMIN; k <= ROLE_VIEWER; k++)
            if (rt->roles & (1u << k)) json_array_append_new(roles, json_string(role_name((lt_role)k)));
        json_array_append_new(a, json_pack("{ss ss sb sb so ss ss}", "method", rt->method, "path", rt->pattern,
                                           "login", (rt->flags & WR_LOGIN) != 0, "writes",
                                           (rt->flags & WR_WRITE) != 0, "roles", roles, "help_vi", rt->help_vi,
                                           "help_en", rt->help_en));
    }
    web_json(r, json_pack("{ss so}", "version", "v1", "routes", a));
    return LT_OK;
}

int api_session_get(web_req *r, lt_err *e) {
    (void)e;
    web_json(r, json_pack("{ss ss ss sI sI}", "login", r->ctx.actor, "role", role_name(r->ctx.role), "csrf",
                          r->csrf, "scope_unit", r->ctx.scope_unit, "person", r->ctx.person_id));
    return LT_OK;
}

int api_session_login(web_req *r, lt_err *e) {
    json_t *b;
    if (body_json(r, &b, e)) return e->code;
    char token[44];
    int rc = session_login(r->ctx.db, jstr(b, "login"), jstr(b, "password"), r->addr, token, e);
    json_decref(b);
    if (rc) return rc;
    lt_ctx ctx;
    char csrf[44];
    if (session_resume(r->ctx.db, token, &ctx, csrf, e)) return e->code;
    web_set_cookie(r, "lt_session", token, 8 * 3600);
    web_json(r, json_pack("{ss ss ss}", "login", ctx.actor, "role", role_name(ctx.role), "csrf", csrf));
    return LT_OK;
}

int api_session_logout(web_req *r, lt_err *e) {
    if (session_logout(r->ctx.db, r->token, e)) return e->code;
    web_set_cookie(r, "lt_session", "", -1);
    web_json(r, json_pack("{sb}", "ok", 1));
    return LT_OK;
}

int api_indicators(web_req *r, lt_err *e) {
    int from = page_year(r), to = from;
    const char *f = web_param_get(&r->query, "from"), *t = web_param_get(&r->query, "to");
    long a, b;
    if (f && t && !lt_parse_long(f, 1990, 2100, &a) && !lt_parse_long(t, 1990, 2100, &b)) {
        from = (int)a;
        to = (int)b;
    }
    long long id;
    char code[64];
    if (page_unit_arg(r, to, &id, code, e)) return e->code;
    r->ctype = "application/json; charset=utf-8";
    return report_render(&r->ctx, code, from, to, REPORT_JSON, NULL, &r->out, e);
}

/* The units of the year's tree in the actor's part of it (scope.c), in
** tree order; its top names no parent (that one is outside the part). */
int api_units(web_req *r, lt_err *e) {
    const ind_result *yr;
    long top, i;
    lt_err none = {0};
    if (ind_get(&r->ctx, page_year(r), page_year(r), &yr, e)) return e->code;
    const unit_tree *t = &yr->tree;
    json_t *a = json_array();
    tree_walk w;
    if (scope_tree_top(&r->ctx, t, &top, &none)) tree_walk_begin(&w, t, -1); /* their unit is not in it */
    else if (top >= 0) tree_walk_begin(&w, t, top);
    else tree_walk_all(&w, t);
    while ((i = tree_walk_next(&w)) >= 0) {
        const char *parent = t->nodes[i].parent >= 0 && i != top ? t->nodes[t->nodes[i].parent].code : NULL;
        json_array_append_new(a, json_pack("{ss ss ss ss?}", "code", t->nodes[i].code, "name", t->nodes[i].name,
                                           "kind", t->nodes[i].kind, "parent", parent));
    }
    tree_walk_end(&w);
    ind_release(yr);
    web_json(r, a);
    return LT_OK;
}

int api_people(web_req *r, lt_err *e) {
    long long root = r->ctx.scope_unit;
    const char *u = web_param_get(&r->query, "unit");
    if (u && *u && unit_find(&r->ctx, u, &root, e)) return e->code;
    dom_rows rows;
    if (q_people(&r->ctx, root, web_param_get(&r->query, "year") ? page_year(r) : 0,
                 web_param_get(&r->query, "q"), 200, 0, &rows, e)) return e->code;
    json_rows(r, &rows);
    rows_free(&rows);
    return LT_OK;
}

/* A person (code) as JSON: their fields, registrations (with the unit
** each counted in) and memberships, the last first. */
static int person_json(web_req *r, const char *code, lt_err *e) {
    dom_rows p, regs, spans;
    if (q_person(&r->ctx, code, &p, e)) return e->code;
    long long id = rows_int(&p, 0, "id");
    int rc = q_person_registrations(&r->ctx, id, &regs, e);
    if (rc == LT_OK && (rc = q_person_memberships(&r->ctx, id, &spans, e))) rows_free(&regs);
    if (rc == LT_OK) {
        json_t *o = json_row(&p, 0);
        json_t *a = json_array();
        static const char *const shown[] = {"id", "year", "status", "grade", "unit_code"};
        for (long i = 0; i < regs.n; i++) {
            json_t *reg = json_object();
            for (unsigned k = 0; k < sizeof shown / sizeof shown[0]; k++)
                json_object_set_new(reg, shown[k], json_cell(&regs, i, rows_column(&regs, shown[k])));
            json_array_append_new(a, reg);
        }
        json_object_set_new(o, "registrations", a);
        json_object_set_new(o, "memberships", json_rows_array(&spans));
        web_json(r, o);
        rows_free(&regs);
        rows_free(&spans);
    }
    rows_free(&p);
    return rc;
}

int api_person(web_req *r, lt_err *e) {
    return person_json(r, r->args[0], e);
}

/* {"to": unit (code or name), "date": day} or {"leave": true, "date": last
** day}: an officer of either unit, or an admin. */
int api_person_move(web_req *r, lt_err *e) {
    json_t *b;
    if (body_json(r, &b, e)) return e->code;
    int leave = json_is_true(json_object_get(b, "leave"));
    const char *to = jstr(b, "to");
    int rc = LT_OK;
    if (leave == !!*to)
        rc = lt_err_set(e, LT_EINPUT, "cần đúng một trong hai: \"to\" (đơn vị đến) hoặc \"leave\": true",
                        "give exactly one of \"to\" (the unit joined) or \"leave\": true");
    else rc = person_move(&r->ctx, r->args[0], leave ? NULL : to, jstr(b, "position"),
                          jstr(b, "date"), e);
    json_decref(b);
    return rc ? rc : person_json(r, r->args[0], e);
}

int api_person_register(web_req *r, lt_err *e) {
    json_t *b;
    if (body_json(r, &b, e)) return e->code;
    long long id;
    json_int_t year = json_integer_value(json_object_get(b, "year"));
    json_decref(b);
    if (year < 1990 || year > 2100) return lt_err_set(e, LT_EINPUT, "year: năm không hợp lệ", "year: invalid year");
    if (reg_create(&r->ctx, r->args[0], (int)year, &id, e)) return e->code;
    r->status = 201;
    web_json(r, json_pack("{sI}", "id", id));
    return LT_OK;
}

/* The registration as JSON: header, items, history. */
int api_registration(web_req *r, lt_err *e) {
    long long id = page_reg_id(r);
    dom_rows reg, items, hist;
    if (q_registration(&r->ctx, id, &reg, e)) return e->code;
    json_t *o = json_row(&reg, 0);
    rows_free(&reg);
    if (q_registration_items(&r->ctx, id, &items, e)) { json_decref(o); return e->code; }
    json_t *a = json_array();
    for (long i = 0; i < items.n; i++)
        json_array_append_new(a, json_pack("{ss ss ss ss}", "body", rows_get(&items, i, "body"), "group",
                                           rows_get(&items, i, "item_group"), "deadline",
                                           rows_get(&items, i, "deadline"), "assessment",
                                           rows_get(&items, i, "assessment")));
    rows_free(&items);
    json_object_set_new(o, "items", a);
    if (q_registration_history(&r->ctx, id, &hist, e)) { json_decref(o); return e->code; }
    a = json_array();
    for (long i = 0; i < hist.n; i++)
        json_array_append_new(a, json_pack("{ss ss ss ss}", "from", rows_get(&hist, i, "from_status"), "to",
                                           rows_get(&hist, i, "to_status"), "actor", rows_get(&hist, i, "actor"),
                                           "at", rows_get(&hist, i, "at")));
    rows_free(&hist);
    json_object_set_new(o, "history", a);
    web_json(r, o);
    return LT_OK;
}

/* POST /api/v1/registrations/ID/ACTION: the action is the path's last segment. */
int api_reg_action(web_req *r, lt_err *e) {
    const char *action = strrchr(r->path, '/') + 1;
    long long id = page_reg_id(r);
    json_t *b;
    if (body_json(r, &b, e)) return e->code;
    int rc = LT_OK;
    json_t *ver = json_object_get(b, "version");
    if (json_is_integer(ver) && (rc = reg_expect_version(&r->ctx, id, (long)json_integer_value(ver), e))) {
        json_decref(b);
        return rc;
    }
    if (!strcmp(action, "items")) {
        const char *dl = jstr(b, "deadline");
        rc = reg_add_item(&r->ctx, id, jstr(b, "body"), jstr(b, "group"), *dl ? dl : NULL, e);
    } else if (!strcmp(action, "submit")) rc = reg_submit(&r->ctx, id, e);
    else if (!strcmp(action, "approve")) rc = reg_approve(&r->ctx, id, e);
    else if (!strcmp(action, "return")) rc = reg_return(&r->ctx, id, jstr(b, "reason"), e);
    else if (!strcmp(action, "publish")) rc = reg_publish(&r->ctx, id, e);
    else if (!strcmp(action, "assess"))
        rc = reg_assess_item(&r->ctx, id, (int)json_integer_value(json_object_get(b, "position")),
                             jstr(b, "assessment"), jstr(b, "note"), e);
    else if (!strcmp(action, "self-assess")) rc = reg_self_assess(&r->ctx, id, e);
    else rc = reg_evaluate(&r->ctx, id, jstr(b, "grade"), e);
    json_decref(b);
    if (rc) return rc;
    reg_status s;
    if (reg_get_status(&r->ctx, id, &s, e)) return e->code;
    web_json(r, json_pack("{sI ss}", "id", id, "status", reg_status_name(s)));
    return LT_OK;
}

int api_missing(web_req *r, lt_err *e) {
    static const char *const kinds[] = {"deployments", "registrations", "approvals", "publications", "followups",
                                        "key_late", "collectives"};
    const char *k = web_param_get(&r->query, "kind");
    int year = page_year(r), kind = -1;
    for (int i = 0; k && i < (int)LT_ARRAY_LEN(kinds); i++) if (!strcmp(k, kinds[i])) kind = i;
    if (kind < 0)
        return lt_err_set(e, LT_EINPUT, "kind: deployments, registrations, approvals, publications, followups,"
                          " key_late hoặc collectives", "kind: deployments, registrations, approvals, publications,"
                          " followups, key_late or collectives");
    long long id;
    char code[64];
    dom_rows rows;
    if (page_unit_arg(r, year, &id, code, e) || q_missing(&r->ctx, id, year, (missing_kind)kind, 1000, &rows, e))
        return e->code;
    json_rows(r, &rows);
    rows_free(&rows);
    return LT_OK;
}

int api_audit(web_req *r, lt_err *e) {
    dom_rows rows;
    if (q_audit(&r->ctx, web_param_get(&r->query, "actor"), web_param_get(&r->query, "entity"),
                web_param_get(&r->query, "from"), web_param_get(&r->query, "to"), 500, 0, &rows, e))
        return e->code;
    json_rows(r, &rows);
    rows_free(&rows);
    return LT_OK;
}

int api_public_registrations(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long id;
    char code[64];
    dom_rows rows;
    if (page_unit_arg(r, year, &id, code, e) || q_public_registrations(&r->ctx, id, year, &rows, e))
        return e->code;
    json_t *a = json_array();
    for (long i = 0; i < rows.n; i++) {
        dom_rows items;
        if (q_registration_items(&r->ctx, rows_int(&rows, i, "id"), &items, e)) break;
        json_t *its = json_array();
        for (long k = 0; k < items.n; k++) json_array_append_new(its, json_string(rows_get(&items, k, "body")));
        rows_free(&items);
        json_array_append_new(a, json_pack("{ss ss ss ss so}", "name", rows_get(&rows, i, "full_name"), "position",
                                           rows_get(&rows, i, "position"), "unit", rows_get(&rows, i, "unit_name"),
                                           "published_at", rows_get(&rows, i, "published_at"), "items", its));
    }
    rows_free(&rows);
    web_json(r, a);
    return LT_OK;
}
