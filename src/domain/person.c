/*
** person.c — people: cadres, party members, civil servants, public
** employees and workers, with their unit, position, category and flags.
** Names are stored NFC with their search fold and Vietnamese sort key.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int person_find(lt_ctx *ctx, const char *code, long long *id, lt_err *e) {
    sqlite3_stmt *st = db_prepare(ctx->db, "SELECT id FROM person WHERE code=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, code);
    int r = db_step_row(ctx->db, st, e);
    if (r < 0) return LT_EDB;
    if (r == 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có người mã \"%s\"",
                          "no person with code \"%s\"", code);
    *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return LT_OK;
}

/* Validate a person_in; fill the parsed codes and the ISO birth date. */
static int person_validate(lt_ctx *ctx, const person_in *p, const char **category,
                           const char **gender, char birth[11], long long *unit_id,
                           lt_err *e) {
    if (dom_check_text(p->code, "ma_nguoi", DOM_MAX_CODE, 1, e) ||
        dom_check_text(p->full_name, "ho_ten", DOM_MAX_NAME, 1, e) ||
        dom_check_text(p->position, "chuc_vu", DOM_MAX_NAME, 0, e))
        return LT_EINPUT;
    *category = person_category_parse(p->category ? p->category : "");
    if (!*category)
        return lt_err_set(e, LT_EINPUT, "doi_tuong: đối tượng không hợp lệ \"%s\"",
                          "doi_tuong: unknown category \"%s\"", p->category ? p->category : "");
    *gender = NULL;
    if (p->gender && *p->gender && !(*gender = gender_parse(p->gender)))
        return lt_err_set(e, LT_EINPUT, "gioi_tinh: không hợp lệ \"%s\" (Nam/Nữ)",
                          "gioi_tinh: invalid \"%s\" (Nam/Nữ)", p->gender);
    birth[0] = 0;
    if (p->birth_date && *p->birth_date && dom_check_date(p->birth_date, "ngay_sinh", birth, e))
        return LT_EINPUT;
    if (dom_check_text(p->unit_code, "ma_don_vi", DOM_MAX_CODE, 1, e)) return LT_EINPUT;
    if (unit_find(ctx, p->unit_code, unit_id, e))
        return lt_err_set(e, LT_EINPUT, "ma_don_vi: không có đơn vị mã \"%s\"",
                          "ma_don_vi: no unit with code \"%s\"", p->unit_code);
    return LT_OK;
}

/* Insert or update the person row; *changed when anything differs. */
static int person_write(lt_ctx *ctx, const person_in *p, const char *category,
                        const char *gender, const char *birth, long long unit_id,
                        long long *id, int *changed, lt_err *e) {
    char *fold = text_fold_dup(p->full_name);
    char *sort = text_name_sort_key(p->full_name);
    sqlite3_stmt *st = db_prepare(ctx->db,
        "INSERT INTO person(code, full_name, name_fold, name_sort, birth_date, gender, unit_id,"
        " position, category, key_cadre, head) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11) "
        "ON CONFLICT(code) DO UPDATE SET full_name=?2, name_fold=?3, name_sort=?4,"
        " birth_date=?5, gender=?6, unit_id=?7, position=?8, category=?9, key_cadre=?10,"
        " head=?11 WHERE (full_name, birth_date, gender, unit_id, position, category, key_cadre,"
        " head) IS NOT (?2,?5,?6,?7,?8,?9,?10,?11) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text(st, 1, p->code);
        db_bind_text(st, 2, p->full_name);
        db_bind_text(st, 3, fold);
        db_bind_text(st, 4, sort);
        db_bind_text(st, 5, *birth ? birth : NULL);
        db_bind_text(st, 6, gender);
        db_bind_int(st, 7, unit_id);
        db_bind_text(st, 8, p->position ? p->position : "");
        db_bind_text(st, 9, category);
        db_bind_int(st, 10, p->key_cadre ? 1 : 0);
        db_bind_int(st, 11, p->head ? 1 : 0);
        int r = db_step_row(ctx->db, st, e);
        if (r < 0) rc = LT_EDB;
        *changed = r == 1;
        if (r == 1) *id = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
    }
    free(fold);
    free(sort);
    return rc;
}

/* For a person who exists, fields left NULL (flags -1) keep their stored
** values: an import without a column changes nothing in it.  `keep` holds
** the stored row while `out` is used. */
static void person_merge(lt_ctx *ctx, const person_in *p, person_in *out, dom_rows *keep) {
    *out = *p;
    memset(keep, 0, sizeof *keep);
    if (!p->code || q_person(ctx, p->code, keep, NULL) != LT_OK) {
        if (out->key_cadre < 0) out->key_cadre = 0;
        if (out->head < 0) out->head = 0;
        return;
    }
    if (!out->full_name) out->full_name = rows_get(keep, 0, "full_name");
    if (!out->birth_date) out->birth_date = rows_get(keep, 0, "birth_date");
    if (!out->gender) out->gender = rows_get(keep, 0, "gender");
    if (!out->unit_code) out->unit_code = rows_get(keep, 0, "unit_code");
    if (!out->position) out->position = rows_get(keep, 0, "position");
    if (!out->category) out->category = rows_get(keep, 0, "category");
    if (out->key_cadre < 0) out->key_cadre = atoi(rows_get(keep, 0, "key_cadre"));
    if (out->head < 0) out->head = atoi(rows_get(keep, 0, "head"));
}

int person_save(lt_ctx *ctx, const person_in *given, long long *id_out, int *changed_out,
                lt_err *e) {
    const char *category = NULL, *gender = NULL;
    char birth[11];
    long long unit_id = 0, id = 0;
    int changed = 0;
    person_in merged, *p = &merged;
    dom_rows keep;
    person_merge(ctx, given, &merged, &keep);
    if (person_validate(ctx, p, &category, &gender, birth, &unit_id, e)) { rows_free(&keep); return LT_EINPUT; }
    if (db_begin(ctx->db, e)) { rows_free(&keep); return LT_EDB; }
    int rc = dom_can_write_unit(ctx, unit_id, e);
    lt_err nf;
    int existed = rc == LT_OK && person_find(ctx, p->code, &id, &nf) == LT_OK;
    /* moving someone needs the right to their present unit as well */
    if (existed && keep.n && rc == LT_OK)
        rc = dom_can_write_unit(ctx, atoll(rows_get(&keep, 0, "unit_id")), e);
    char *before = existed ? dom_snapshot(ctx, "person", id) : NULL;
    if (rc == LT_OK)
        rc = person_write(ctx, p, category, gender, birth, unit_id, &id, &changed, e);
    if (rc == LT_OK && changed)
        rc = dom_audit(ctx, existed ? "update" : "insert", "person", id, before, e);
    else
        free(before);
    if (rc == LT_OK && id_out) {
        if (!changed) person_find(ctx, p->code, &id, &nf);
        *id_out = id;
    }
    if (changed_out) *changed_out = changed;
    rows_free(&keep);
    return dom_finish(ctx, rc, e);
}
