/*
** export.c — lists out of the database as CSV (UTF-8 with BOM, CRLF, the
** import's column names, formula injection neutralised) or JSON.
*/
#include "doc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void export_csv_cell(lt_buf *out, const char *s) {
    int risky = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                s[0] == '\r';
    int quote = risky || strpbrk(s, ",;\"\r\n") != NULL;
    if (quote) lt_buf_putc(out, '"');
    if (risky) lt_buf_putc(out, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"') lt_buf_putc(out, '"');
        lt_buf_putc(out, *p);
    }
    if (quote) lt_buf_putc(out, '"');
}

/* The query of each list; its column names are the file's column names. */
static const struct export_kind {
    const char *kind, *sql;
} kinds[] = {
    /* a row per parent link (the unit's history under its parents), its
    ** active days, and on its last row the units it was merged into */
    {"units",
     "SELECT u.code AS ma_don_vi, u.name AS ten_don_vi, u.kind AS loai, coalesce(pu.code, '') AS"
     " ma_don_vi_cap_tren, coalesce(strftime('%d/%m/%Y', l.valid_from), '') AS tu_ngay,"
     " strftime('%d/%m/%Y', u.active_from) AS hoat_dong_tu, coalesce(strftime('%d/%m/%Y',"
     " u.active_to), '') AS hoat_dong_den, CASE WHEN l.valid_from IS (SELECT max(valid_from) FROM"
     " unit_parent WHERE unit_id=u.id) THEN coalesce((SELECT group_concat(code, ';') FROM (SELECT"
     " s.code FROM unit_merge m JOIN unit s ON s.id=m.successor_id WHERE m.unit_id=u.id ORDER BY"
     " s.code)), '') ELSE '' END AS sap_nhap_vao, CASE WHEN l.valid_from IS (SELECT max(valid_from)"
     " FROM unit_parent WHERE unit_id=u.id) THEN coalesce((SELECT strftime('%d/%m/%Y',"
     " min(merged_on)) FROM unit_merge WHERE unit_id=u.id), '') ELSE '' END AS ngay_sap_nhap FROM"
     " unit u LEFT JOIN unit_parent l ON l.unit_id=u.id LEFT JOIN unit pu ON pu.id=l.parent_id"
     " ORDER BY u.id, l.valid_from"},
    /* a row per membership row: the unit, position and flags from one day
    ** (tu_ngay) to another (den_ngay, empty while it lasts) */
    {"people",
     "SELECT p.code AS ma_nguoi, p.full_name AS ho_ten, coalesce(strftime('%d/%m/%Y',"
     " p.birth_date), '') AS ngay_sinh, coalesce(p.gender, '') AS gioi_tinh, u.code AS"
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

static void export_row_csv(sqlite3_stmt *st, lt_buf *out) {
    int nc = sqlite3_column_count(st);
    for (int i = 0; i < nc; i++) {
        if (i) lt_buf_putc(out, ',');
        export_csv_cell(out, db_col_text(st, i));
    }
    lt_buf_puts(out, "\r\n");
}

static json_t *export_row_json(sqlite3_stmt *st) {
    json_t *o = json_object();
    for (int i = 0; i < sqlite3_column_count(st); i++) {
        json_t *v = sqlite3_column_type(st, i) == SQLITE_INTEGER
                        ? json_integer(sqlite3_column_int64(st, i))
                        : json_string(db_col_text(st, i));
        json_object_set_new(o, sqlite3_column_name(st, i), v);
    }
    return o;
}

/* The rows of st as one sheet: a bold frozen header, strings as strings. */
static int export_xlsx(lt_db *db, sqlite3_stmt *st, lt_buf *out, lt_err *e) {
    char path[32];
    lxw_workbook *wb = xlsx_begin(path, e);
    if (!wb) return e->code;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sach");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    int nc = sqlite3_column_count(st), row, rc = LT_OK;
    for (int c = 0; c < nc; c++) {
        xlsx_text(ws, 0, (lxw_col_t)c, sqlite3_column_name(st, c), bold);
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 1 ? 28 : 16, NULL);
    }
    lxw_row_t r = 1;
    while ((row = db_step_row(db, st, e)) == 1 && r < 1048576) {
        for (int c = 0; c < nc; c++) {
            if (sqlite3_column_type(st, c) == SQLITE_INTEGER)
                worksheet_write_number(ws, r, (lxw_col_t)c, (double)sqlite3_column_int64(st, c), NULL);
            else
                xlsx_text(ws, r, (lxw_col_t)c, db_col_text(st, c), NULL);
        }
        r++;
    }
    if (row < 0) rc = LT_EDB;
    worksheet_freeze_panes(ws, 1, 0);
    return xlsx_end(wb, path, rc, out, e);
}

int export_list(lt_ctx *ctx, const char *kind, export_format fmt, lt_buf *out, lt_err *e) {
    const struct export_kind *k = NULL;
    for (unsigned i = 0; i < LT_ARRAY_LEN(kinds); i++)
        if (strcmp(kinds[i].kind, kind) == 0) k = &kinds[i];
    if (!k)
        return lt_err_set(e, LT_EUSAGE, "không có danh sách \"%s\" (units, people, registrations,"
                          " deployments, commendations)", "unknown list \"%s\" (units, people, registrations,"
                          " deployments, commendations)", kind);
    if (ctx->role != ROLE_ADMIN && ctx->role != ROLE_VIEWER && ctx->role != ROLE_OFFICER)
        return lt_err_set(e, LT_EREFUSED, "bạn không có quyền xuất danh sách",
                          "you may not export lists");
    sqlite3_stmt *st = db_prepare(ctx->db, k->sql, e);
    if (!st) return LT_EDB;
    if (fmt == EXPORT_XLSX) {
        int rc = export_xlsx(ctx->db, st, out, e);
        sqlite3_reset(st);
        return rc;
    }
    json_t *arr = fmt == EXPORT_JSON ? json_array() : NULL;
    if (!arr) {
        lt_buf_puts(out, "\xEF\xBB\xBF");
        for (int i = 0; i < sqlite3_column_count(st); i++)
            lt_buf_printf(out, "%s%s", i ? "," : "", sqlite3_column_name(st, i));
        lt_buf_puts(out, "\r\n");
    }
    int row;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        if (arr) json_array_append_new(arr, export_row_json(st));
        else export_row_csv(st, out);
    }
    sqlite3_reset(st);
    if (arr) {
        char *s = json_dumps(arr, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        if (s) { lt_buf_puts(out, s); lt_buf_putc(out, '\n'); }
        free(s);
        json_decref(arr);
    }
    return row < 0 ? LT_EDB : LT_OK;
}
