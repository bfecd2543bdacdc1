/*
** lists.c — the lists that exports write, read row by row: each kind's
** rows with the columns its import takes (so that an export imported
** into another database rebuilds every year: units with their parent
** links and merges, people with every membership row, registrations with
** their state), for an admin, officer or viewer.  The io layer writes
** them as CSV, JSON or XLSX without knowing SQL.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The query of each list; its column names are the file's column names. */
static const struct list_kind {
    const char *kind, *sql;
} kinds[] = {
    /* a row per parent link (the unit's history under its parents), its
    ** active days, and on its last row the units it was merged into */
    {"units",
     "SELECT u.code AS ma_don_vi, u.name AS ten_don_vi, u.kind AS loai, coalesce(pu.code, '') AS"
     " ma_don_vi_cap_tren, coalesce(strftime('%d/%m/%Y', l.valid_from), '') AS tu_ngay,"
     " strftime('%d/%m/%Y', u.active_from) AS hoat_dong_tu, coalesce(strftime('%d/%m/%Y',"
     " u.active_to), '') AS hoat_dong_den, CASE WHEN l.valid_from IS NOT DISTINCT FROM (SELECT"
     " max(valid_from) FROM unit_parent WHERE unit_id=u.id) THEN coalesce((SELECT group_concat(code,"
     " ';') FROM (SELECT s.code FROM unit_merge m JOIN unit s ON s.id=m.successor_id WHERE"
     " m.unit_id=u.id ORDER BY s.code) AS successors), '') ELSE '' END AS sap_nhap_vao, CASE WHEN"
     " l.valid_from IS NOT DISTINCT FROM (SELECT max(valid_from) FROM unit_parent WHERE"
     " unit_id=u.id) THEN coalesce((SELECT strftime('%d/%m/%Y',"
     " min(merged_on)) FROM unit_merge WHERE unit_id=u.id), '') ELSE '' END AS ngay_sap_nhap FROM"
     " unit u LEFT JOIN unit_parent l ON l.unit_id=u.id LEFT JOIN unit pu ON pu.id=l.parent_id"
     " ORDER BY u.id, l.valid_from"},
    /* a row per membership row: the unit, position and flags from one day
    ** (tu_ngay) to another (den_ngay, empty while it lasts) */
    {"people",
     "SELECT p.code AS ma_nguoi, p.full_name AS ho_ten, " BIRTH_VN("p.birth_date")
     " AS ngay_sinh, coalesce(p.gender, '') AS gioi_tinh, u.code AS"
     " ma_don_vi, coalesce(m.position, p.position) AS chuc_vu, p.category AS doi_tuong, CASE"
     " coalesce(m.key_cadre, p.key_cadre) WHEN 1 THEN 'x' ELSE '' END AS can_bo_chu_chot, CASE"
     " coalesce(m.head, p.head) WHEN 1 THEN 'x' ELSE '' END AS nguoi_dung_dau, coalesce(strftime("
     "'%d/%m/%Y', m.valid_from), '') AS tu_ngay, coalesce(strftime('%d/%m/%Y', m.valid_to), '') AS"
     " den_ngay, coalesce(strftime('%d/%m/%Y', p.party_joined_on), '') AS ngay_vao_dang,"
     " p.workplace AS noi_cong_tac FROM person p LEFT JOIN membership m ON m.person_id=p.id JOIN"
     " unit u ON u.id=coalesce(m.unit_id, p.unit_id) ORDER BY p.name_sort, p.code, m.valid_from"},
    /* a row per item, with the registration's state on each */
    {"registrations",
     "SELECT p.code AS ma_nguoi, r.year AS nam, i.body AS noi_dung, i.item_group AS nhom,"
     " coalesce(strftime('%d/%m/%Y', i.deadline), '') AS han, coalesce(i.assessment, '') AS"
     " tu_danh_gia, i.assessment_note AS ghi_chu, r.status AS trang_thai, coalesce(r.grade, '')"
     " AS xep_loai, coalesce(strftime('%d/%m/%Y', r.published_at), '') AS ngay_cong_khai, u.code"
     " AS ma_don_vi FROM registration r JOIN person p ON p.id=r.person_id JOIN unit u ON"
     " u.id=r.unit_id JOIN registration_item i ON i.registration_id=r.id"
     " ORDER BY r.year, p.code, i.position"},
    {"deployments",
     "SELECT u.code AS ma_don_vi, d.year AS nam, strftime('%d/%m/%Y', d.held_on) AS ngay,"
     " d.form AS hinh_thuc, d.present AS co_mat, d.expected AS tong_so FROM deployment d"
     " JOIN unit u ON u.id=d.unit_id ORDER BY d.year, u.code"},
    {"commendations",
     "SELECT c.year AS nam, u.code AS ma_don_vi, coalesce(p.full_name, su.name, c.subject_text) AS doi_tuong,"
     " c.title AS danh_hieu, c.level AS cap, c.form AS hinh_thuc, c.decision_no AS so_quyet_dinh,"
     " coalesce(strftime('%d/%m/%Y', c.decision_on), '') AS ngay_quyet_dinh FROM commendation c JOIN unit u"
     " ON u.id=c.unit_id LEFT JOIN person p ON p.id=c.subject_person_id LEFT JOIN unit su ON"
     " su.id=c.subject_unit_id ORDER BY c.year, u.code"},
};

struct dom_list {
    lt_ctx *ctx;
    db_stmt *st;
};

/* A list of one query (given by us, not by the caller). */
static int list_of(lt_ctx *ctx, const char *sql, dom_list **out, lt_err *e) {
    dom_list *l = calloc(1, sizeof *l);
    *out = NULL;
    if (!l) return lt_err_oom(e);
    l->ctx = ctx;
    if (!(l->st = db_prepare(ctx->db, sql, e))) { free(l); return LT_EDB; }
    *out = l;
    return LT_OK;
}

int dom_list_open(lt_ctx *ctx, const char *kind, dom_list **out, lt_err *e) {
    const struct list_kind *k = NULL;
    *out = NULL;
    for (unsigned i = 0; i < LT_ARRAY_LEN(kinds); i++)
        if (strcmp(kinds[i].kind, kind) == 0) k = &kinds[i];
    if (!k)
        return lt_err_set(e, LT_EUSAGE, "không có danh sách \"%s\" (units, people, registrations,"
                          " deployments, commendations)", "unknown list \"%s\" (units, people, registrations,"
                          " deployments, commendations)", kind);
    if (ctx->role != ROLE_ADMIN && ctx->role != ROLE_VIEWER && ctx->role != ROLE_OFFICER)
        return lt_err_set(e, LT_EREFUSED, "bạn không có quyền xuất danh sách",
                          "you may not export lists");
    return list_of(ctx, k->sql, out, e);
}

/* The column of each list that is per year (the others are not). */
static const char *list_year_column(const char *kind) {
    return !strcmp(kind, "registrations") ? "r.year" : !strcmp(kind, "deployments") ? "d.year"
         : !strcmp(kind, "commendations") ? "c.year" : NULL;
}

int dom_list_open_in(lt_ctx *ctx, const char *kind, long long root, int year, dom_list **out, lt_err *e) {
    if (dom_list_open(ctx, kind, out, e)) return e->code; /* the kind and the role */
    dom_list_close(*out);
    *out = NULL;
    long long mine = scope_sees_all(ctx) ? 0 : ctx->scope_unit;
    if (root && !unit_in_subtree(ctx, root, mine))
        return lt_err_set(e, LT_EREFUSED, "đơn vị này nằm ngoài phạm vi đơn vị của bạn",
                          "this unit is outside your unit's scope");
    if (!root) root = mine;
    const struct list_kind *k = NULL;
    for (unsigned i = 0; i < LT_ARRAY_LEN(kinds); i++)
        if (strcmp(kinds[i].kind, kind) == 0) k = &kinds[i];
    const char *ycol = list_year_column(kind), *order = NULL;
    for (const char *p = strstr(k->sql, " ORDER BY "); p; p = strstr(p + 1, " ORDER BY ")) order = p;
    char cte[1024] = "", sql[4096], today[11];
    if (root && scope_units_sql(cte, sizeof cte, "TRUE")) return lt_err_set(e, LT_EDB, "lỗi nội bộ", "scope SQL too long");
    int n = snprintf(sql, sizeof sql, "%s%.*s WHERE %s AND %s%s%s", cte, (int)(order - k->sql), k->sql,
                     root ? "u.id IN (SELECT id FROM scoped)" : "?1=?1 AND ?2=?2",
                     ycol && year ? ycol : "?3=?3", ycol && year ? "=?3" : "", order);
    if (n < 0 || (size_t)n >= sizeof sql) return lt_err_set(e, LT_EDB, "lỗi nội bộ", "list SQL too long");
    if (list_of(ctx, sql, out, e)) return e->code;
    lt_today(today);
    db_bind_int((*out)->st, 1, root);
    db_bind_text((*out)->st, 2, today);
    db_bind_int((*out)->st, 3, year);
    return LT_OK;
}

int dom_codes_open(lt_ctx *ctx, int people, dom_list **out, lt_err *e) {
    return list_of(ctx, people ? "SELECT code FROM person" : "SELECT code FROM unit", out, e);
}

int dom_list_columns(const dom_list *l) { return db_col_count(l->st); }

const char *dom_list_name(const dom_list *l, int c) {
    const char *n = db_col_name(l->st, c);
    return n ? n : "";
}

int dom_list_next(dom_list *l, lt_err *e) {
    return db_step_row(l->ctx->db, l->st, e);
}

int dom_list_is_int(const dom_list *l, int c) {
    return db_col_type(l->st, c) == DB_INT;
}

long long dom_list_int(const dom_list *l, int c) { return db_col_int64(l->st, c); }

const char *dom_list_text(const dom_list *l, int c) { return db_col_text(l->st, c); }

void dom_list_close(dom_list *l) {
    if (!l) return;
    db_reset(l->st);
    free(l);
}
