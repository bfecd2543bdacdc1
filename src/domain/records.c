/*
** records.c — the yearly records around the registrations: topics and the
** opening of a year, deployments and mass deployments, ethical standards,
** inspections and their follow-ups, models, commendations and
** breakthroughs.  Each write checks its fields and the actor's scope, and
** is audited.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Find a unit for a field; the error names the field. */
static int find_unit_field(lt_ctx *ctx, const char *code, const char *field, long long *id,
                           lt_err *e) {
    if (dom_check_line(code, field, DOM_MAX_CODE, 1, e)) return LT_EINPUT;
    if (unit_find(ctx, code, id, e) == LT_OK) return LT_OK;
    return lt_err_set(e, LT_EINPUT, "%s: không có đơn vị mã \"%s\"",
                      "%s: no unit with code \"%s\"", field, code);
}

/* Find a unit a person chose by name (or code) for a field; the error
** names the field, and the units a name could mean. */
static int find_unit_named_field(lt_ctx *ctx, const char *text, const char *field, long long *id, lt_err *e) {
    if (dom_check_line(text, field, 300, 1, e)) return LT_EINPUT;
    lt_err why = {0};
    if (unit_find_named(ctx, text, id, &why) == LT_OK) return LT_OK;
    if (why.code != LT_EINPUT) return lt_err_code(e, why.code);
    lt_err_set(e, LT_EINPUT, "%s: ", "%s: ", field); /* the field, then why in each language */
    size_t lv = strlen(e->vi), len = strlen(e->en);
    snprintf(e->vi + lv, sizeof e->vi - lv, "%s", why.vi);
    snprintf(e->en + len, sizeof e->en - len, "%s", why.en);
    return LT_EINPUT;
}

/* Step an INSERT/UPDATE ... RETURNING id statement; *id and *changed set. */
static int step_returning(lt_ctx *ctx, db_stmt *st, long long *id, int *changed,
                          lt_err *e) {
    int r = db_step_row(ctx->db, st, e);
    if (r < 0) {
        int constraint = db_failed_constraint(ctx->db);
        db_reset(st);
        if (!constraint) return LT_EDB;
        fprintf(stderr, "lamtheo: constraint: %s\n", e ? e->en : "");
        return lt_err_set(e, LT_EINPUT, "dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có",
                          "the data duplicates or contradicts what is stored");
    }
    if (changed) *changed = r;
    if (r == 1 && id) *id = db_col_int64(st, 0);
    db_reset(st);
    return LT_OK;
}

/* Begin a write on unit `unit_id`: open the transaction and check scope. */
static int begin_unit_write(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (db_begin(ctx->db, e)) return LT_EDB;
    int rc = dom_can_write_unit(ctx, unit_id, e);
    if (rc) db_rollback(ctx->db);
    return rc;
}

int topic_save(lt_ctx *ctx, const char *unit_code, int year, const char *title,
               const char *body, const char *source_doc, int unconfirmed, lt_err *e) {
    long long unit_id, id = 0;
    int changed = 0;
    if (find_unit_named_field(ctx, unit_code, "don_vi_ban_hanh", &unit_id, e) ||
        dom_check_year(year, e) || dom_check_text(title, "tieu_de", DOM_MAX_TEXT, 1, e) ||
        dom_check_text(body, "noi_dung", 65536, 0, e) ||
        dom_check_line(source_doc, "van_ban", DOM_MAX_NAME, 0, e))
        return e->code;
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO topic(unit_id, year, title, body, source_doc, title_unconfirmed) "
        "VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(unit_id, year) DO UPDATE SET title=?3, "
        "body=?4, source_doc=?5, title_unconfirmed=?6 WHERE (topic.title, topic.body, "
        "topic.source_doc, topic.title_unconfirmed) IS DISTINCT FROM (?3,?4,?5,?6) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        db_bind_text(st, 3, title);
        db_bind_text(st, 4, body ? body : "");
        db_bind_text(st, 5, source_doc ? source_doc : "");
        db_bind_int(st, 6, unconfirmed ? 1 : 0);
        rc = step_returning(ctx, st, &id, &changed, e);
    }
    if (rc == LT_OK && changed) rc = dom_audit(ctx, "save", "topic", id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int topic_latest_year(lt_ctx *ctx, int upto, int *year, lt_err *e) {
    *year = 0;
    db_stmt *st = db_prepare(ctx->db, "SELECT coalesce(max(year), 0) FROM topic WHERE year<=?", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, upto);
    int row = db_step_row(ctx->db, st, e);
    if (row == 1) *year = db_col_int(st, 0);
    db_reset(st);
    return row < 0 ? LT_EDB : LT_OK;
}

/* The walk of topic_for_unit. */
static int topic_walk(lt_ctx *ctx, long long unit_id, int year, char **title, lt_err *e) {
    *title = NULL;
    char ref[11];
    if (dom_year_ref(ctx, year, ref, e)) return LT_EDB;
    /* up the year's tree: each unit's link in force on the reference date
    ** (or its last before, for a unit closed by then) */
    db_stmt *st = db_prepare(ctx->db, "SELECT title FROM topic WHERE unit_id=? AND year=?", e);
    db_stmt *up = db_prepare(ctx->db, "SELECT parent_id FROM unit_parent WHERE unit_id=?1 AND"
                                           " valid_from<=?2 ORDER BY valid_from DESC LIMIT 1", e);
    if (!st || !up) return LT_EDB;
    db_bind_text(up, 2, ref);
    for (int depth = 0; unit_id && depth < 64 && !*title; depth++) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        int found = db_step_is_row(st);
        if (found && !(*title = strdup(db_col_text(st, 0)))) { db_reset(st); return lt_err_oom(e); }
        db_reset(st);
        db_bind_int(up, 1, unit_id);
        unit_id = db_step_is_row(up) ? db_col_int64(up, 0) : 0;
        db_reset(up);
    }
    return LT_OK;
}

/* The walk's title as a row (none without a topic), for the memo. */
static int topic_rows(lt_ctx *ctx, long long unit_id, int year, int kind, int limit, dom_rows *out, lt_err *e) {
    (void)kind, (void)limit;
    char *title;
    int rc = topic_walk(ctx, unit_id, year, &title, e);
    if (rc) return rc;
    rc = rows_run(ctx, out, e, "SELECT CAST(?1 AS TEXT) AS title WHERE ?1 IS NOT NULL", "s", title);
    free(title);
    return rc;
}

int topic_for_unit(lt_ctx *ctx, long long unit_id, int year, char **title, lt_err *e) {
    *title = NULL;
    dom_rows rows; /* every page of a unit names its topic: kept while nothing changes */
    int rc = memo_rows(ctx, unit_id, year, MEMO_TOPIC, 0, topic_rows, &rows, e);
    if (rc) return rc;
    if (rows.n && !(*title = strdup(rows_get(&rows, 0, "title")))) rc = lt_err_oom(e);
    rows_free(&rows);
    return rc;
}

/* A deadline of the year's setup (NULL or "": none) as ISO in out. */
static int year_date(const char *in, const char *field, char out[11], lt_err *e) {
    out[0] = 0;
    return in && *in ? dom_check_date(in, field, out, e) : LT_OK;
}

int year_open(lt_ctx *ctx, const year_in *y, lt_err *e) {
    char d1[11], dk[11], d2[11], d3[11];
    if (dom_check_year(y->year, e)) return LT_EINPUT;
    if (ctx->role != ROLE_ADMIN)
        return lt_err_set(e, LT_EREFUSED, "chỉ quản trị viên được mở năm",
                          "only an admin may open a year");
    if (year_date(y->reg_deadline, "han_dang_ky", d1, e) ||
        year_date(y->key_deadline, "han_can_bo_chu_chot", dk, e) ||
        year_date(y->mid_deadline, "han_so_ket", d2, e) || year_date(y->review_deadline, "han_danh_gia", d3, e))
        return LT_EINPUT;
    if (*dk && *d1 && strcmp(dk, d1) > 0)
        return lt_err_set(e, LT_EINPUT, "han_can_bo_chu_chot: hạn của cán bộ chủ chốt phải trước hoặc trùng"
                          " hạn đăng ký chung (trên trước, dưới sau)", "han_can_bo_chu_chot: the key cadres'"
                          " deadline must be on or before everyone's registration deadline");
    if (db_begin(ctx->db, e)) return LT_EDB;
    /* the year's row written whole, as anew: the old one goes first (its
    ** triggers take its reference date's places back), then the new.  Not
    ** an upsert: the BEFORE INSERT trigger takes the places back for an
    ** insert that then conflicts too, and nothing would put them back. */
    db_stmt *st = db_prepare(ctx->db, "DELETE FROM year_setup WHERE year=?", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, y->year);
        rc = db_step_done(ctx->db, st, e);
    }
    st = rc ? NULL : db_prepare(ctx->db, "INSERT INTO year_setup(year, registration_deadline,"
                                " midyear_deadline, review_deadline, key_deadline) VALUES (?,?,?,?,?)", e);
    if (rc == LT_OK && !st) rc = LT_EDB;
    if (st) {
        db_bind_int(st, 1, y->year);
        db_bind_text(st, 2, *d1 ? d1 : NULL);
        db_bind_text(st, 3, *d2 ? d2 : NULL);
        db_bind_text(st, 4, *d3 ? d3 : NULL);
        db_bind_text(st, 5, *dk ? dk : NULL);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = db_audit(ctx->db, ctx->actor, "open", "year_setup", y->year, NULL, NULL, e);
    return dom_finish(ctx, rc, e);
}

/* Check the fields of a deployment; fill the form code and the ISO date. */
static int deployment_validate(lt_ctx *ctx, const deployment_in *d, long long *unit_id,
                               const char **form, char day[11], lt_err *e) {
    if (find_unit_field(ctx, d->unit_code, "ma_don_vi", unit_id, e)) return LT_EINPUT;
    if (d->year < 1990 || d->year > 2100)
        return lt_err_set(e, LT_EINPUT, "nam: năm %d nằm ngoài 1990–2100",
                          "nam: year %d is outside 1990–2100", d->year);
    if (dom_check_date(d->held_on, "ngay", day, e)) return LT_EINPUT;
    if (!(*form = deployment_form_parse(d->form ? d->form : "")))
        return lt_err_set(e, LT_EINPUT, "hinh_thuc: không hợp lệ \"%s\" (Sinh hoạt chi bộ / "
                          "Hội nghị / Lồng ghép)", "hinh_thuc: invalid \"%s\" (cell_meeting / "
                          "conference / integrated)", d->form ? d->form : "");
    if (d->present < 0 || d->expected < 0 || d->present > d->expected)
        return lt_err_set(e, LT_EINPUT, "co_mat: số có mặt (%ld) phải từ 0 đến tổng số (%ld)",
                          "co_mat: present (%ld) must be between 0 and expected (%ld)",
                          d->present, d->expected);
    return dom_check_text(d->note, "ghi_chu", DOM_MAX_TEXT, 0, e);
}

int deployment_save(lt_ctx *ctx, const deployment_in *d, int *changed_out, lt_err *e) {
    long long unit_id, id = 0;
    const char *form = NULL;
    char day[11];
    int changed = 0;
    if (deployment_validate(ctx, d, &unit_id, &form, day, e)) return LT_EINPUT;
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO deployment(unit_id, year, held_on, form, present, expected, note) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(unit_id, year) DO UPDATE SET held_on=?3,"
        " form=?4, present=?5, expected=?6, note=?7 WHERE (deployment.held_on, deployment.form,"
        " deployment.present, deployment.expected, deployment.note) IS DISTINCT FROM (?3,?4,?5,?6,?7) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, d->year);
        db_bind_text(st, 3, day);
        db_bind_text(st, 4, form);
        db_bind_int(st, 5, d->present);
        db_bind_int(st, 6, d->expected);
        db_bind_text(st, 7, d->note ? d->note : "");
        rc = step_returning(ctx, st, &id, &changed, e);
    }
    if (rc == LT_OK && changed) rc = dom_audit(ctx, "save", "deployment", id, NULL, e);
    if (changed_out) *changed_out = changed;
    return dom_finish(ctx, rc, e);
}

int mass_deployment_save(lt_ctx *ctx, const char *unit_code, int year, const char *held_on,
                         long union_members, long association_members, long people_reached,
                         lt_err *e) {
    long long unit_id, id = 0;
    char day[11];
    int changed = 0;
    if (find_unit_field(ctx, unit_code, "ma_don_vi", &unit_id, e) || dom_check_year(year, e) ||
        dom_check_date(held_on, "ngay", day, e))
        return LT_EINPUT;
    if (union_members < 0 || association_members < 0 || people_reached < 0)
        return lt_err_set(e, LT_EINPUT, "số lượng không được âm", "counts must not be negative");
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO mass_deployment(unit_id, year, held_on, union_members, association_members,"
        " people_reached) VALUES (?1,?2,?3,?4,?5,?6) ON CONFLICT(unit_id, year) DO UPDATE SET"
        " held_on=?3, union_members=?4, association_members=?5, people_reached=?6 RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        db_bind_text(st, 3, day);
        db_bind_int(st, 4, union_members);
        db_bind_int(st, 5, association_members);
        db_bind_int(st, 6, people_reached);
        rc = step_returning(ctx, st, &id, &changed, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "save", "mass_deployment", id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int standard_save(lt_ctx *ctx, const char *unit_code, const char *motto, const char *items,
                  const char *adopted_on, int valid_from, int valid_to, lt_err *e) {
    long long unit_id, id = 0;
    char day[11];
    if (find_unit_field(ctx, unit_code, "ma_don_vi", &unit_id, e) ||
        dom_check_line(motto, "phuong_cham", DOM_MAX_TEXT, 1, e) ||
        dom_check_text(items, "noi_dung", 65536, 0, e) ||
        dom_check_date(adopted_on, "ngay", day, e) || dom_check_year(valid_from, e))
        return LT_EINPUT;
    if (valid_to && valid_to < valid_from)
        return lt_err_set(e, LT_EINPUT, "năm hết hiệu lực trước năm bắt đầu",
                          "valid_to is before valid_from");
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO standard(unit_id, motto, items, adopted_on, valid_from, valid_to) "
        "VALUES (?,?,?,?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_text(st, 2, motto);
        db_bind_text(st, 3, items ? items : "");
        db_bind_text(st, 4, day);
        db_bind_int(st, 5, valid_from);
        if (valid_to) db_bind_int(st, 6, valid_to);
        rc = step_returning(ctx, st, &id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "standard", id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int inspection_add(lt_ctx *ctx, const char *inspecting_code, const char *inspected_code,
                   const char *kind, const char *held_on, const char *content,
                   const char *findings, const char *conclusion, long long *id, lt_err *e) {
    long long by, of;
    char day[11];
    if (find_unit_named_field(ctx, inspecting_code, "don_vi_kiem_tra", &by, e) ||
        find_unit_field(ctx, inspected_code, "don_vi_duoc_kiem_tra", &of, e) ||
        dom_check_date(held_on, "ngay", day, e) ||
        dom_check_text(content, "noi_dung", DOM_MAX_TEXT, 0, e) ||
        dom_check_text(findings, "ket_qua", DOM_MAX_TEXT, 0, e) ||
        dom_check_text(conclusion, "ket_luan", DOM_MAX_TEXT, 0, e))
        return LT_EINPUT;
    if (!kind || (strcmp(kind, "inspection") && strcmp(kind, "supervision")))
        return lt_err_set(e, LT_EINPUT, "loai: phải là inspection (kiểm tra) hoặc supervision "
                          "(giám sát)", "kind: must be inspection or supervision");
    if (begin_unit_write(ctx, by, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO inspection(inspecting_unit_id, inspected_unit_id, kind, held_on, content,"
        " findings, conclusion) VALUES (?,?,?,?,?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, by);
        db_bind_int(st, 2, of);
        db_bind_text(st, 3, kind);
        db_bind_text(st, 4, day);
        db_bind_text(st, 5, content ? content : "");
        db_bind_text(st, 6, findings ? findings : "");
        db_bind_text(st, 7, conclusion ? conclusion : "");
        rc = step_returning(ctx, st, id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "inspection", *id, NULL, e);
    return dom_finish(ctx, rc, e);
}

/* The inspecting unit of an inspection (0 if none). */
static long long inspection_unit(lt_ctx *ctx, long long inspection_id) {
    return db_int(ctx->db, "SELECT inspecting_unit_id FROM inspection WHERE id=?",
                  inspection_id, NULL);
}

int followup_add(lt_ctx *ctx, long long inspection_id, const char *body, const char *due_on,
                 long long *id, lt_err *e) {
    char day[11];
    long long unit_id = inspection_unit(ctx, inspection_id);
    if (unit_id <= 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có cuộc kiểm tra số %lld",
                          "no inspection number %lld", inspection_id);
    if (dom_check_text(body, "noi_dung", DOM_MAX_TEXT, 1, e) ||
        dom_check_date(due_on, "han", day, e))
        return LT_EINPUT;
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO followup(inspection_id, body, due_on) VALUES (?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, inspection_id);
        db_bind_text(st, 2, body);
        db_bind_text(st, 3, day);
        rc = step_returning(ctx, st, id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "followup", *id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int followup_done(lt_ctx *ctx, long long followup_id, const char *done_on, lt_err *e) {
    char day[11];
    long long unit_id = db_int(ctx->db, "SELECT i.inspecting_unit_id FROM followup f JOIN "
                               "inspection i ON i.id=f.inspection_id WHERE f.id=?", followup_id, e);
    if (unit_id <= 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có việc khắc phục số %lld",
                          "no follow-up number %lld", followup_id);
    if (dom_check_date(done_on, "ngay", day, e)) return LT_EINPUT;
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    char *before = NULL;
    int rc = dom_snapshot(ctx, "followup", followup_id, &before, e);
    db_stmt *st = rc ? NULL : db_prepare(ctx->db, "UPDATE followup SET done_on=? WHERE id=?", e);
    if (rc == LT_OK && !st) rc = LT_EDB;
    if (st) {
        db_bind_text(st, 1, day);
        db_bind_int(st, 2, followup_id);
        rc = db_step_done(ctx->db, st, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "update", "followup", followup_id, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

/* Resolve and check the common fields of a model or commendation. */
typedef struct award_ids { long long unit, person, subject_unit; } award_ids;

static int award_validate(lt_ctx *ctx, const award_in *a, award_ids *ids, lt_err *e) {
    memset(ids, 0, sizeof *ids);
    if (dom_check_year(a->year, e) || find_unit_field(ctx, a->unit_code, "ma_don_vi", &ids->unit, e) ||
        dom_check_line(a->title, "ten", DOM_MAX_TEXT, 1, e) ||
        dom_check_text(a->description, "mo_ta", 65536, 0, e) ||
        dom_check_line(a->subject_text, "doi_tuong", DOM_MAX_NAME, 0, e))
        return LT_EINPUT;
    if (a->subject_person_code && *a->subject_person_code &&
        person_find(ctx, a->subject_person_code, &ids->person, e))
        return LT_EINPUT;
    if (a->subject_unit_code && *a->subject_unit_code &&
        find_unit_field(ctx, a->subject_unit_code, "don_vi_duoc_khen", &ids->subject_unit, e))
        return LT_EINPUT;
    return LT_OK;
}

/* Bind the subject columns (person, unit, text) at positions i..i+2. */
static void bind_subject(db_stmt *st, int i, const award_in *a, const award_ids *ids) {
    if (ids->person) db_bind_int(st, i, ids->person);
    if (ids->subject_unit) db_bind_int(st, i + 1, ids->subject_unit);
    db_bind_text(st, i + 2, a->subject_text ? a->subject_text : "");
}

int model_add(lt_ctx *ctx, const award_in *a, long long *id, lt_err *e) {
    award_ids ids;
    if (award_validate(ctx, a, &ids, e)) return LT_EINPUT;
    if (begin_unit_write(ctx, ids.unit, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO model(year, unit_id, subject_person_id, subject_unit_id, subject_text,"
        " title, description, contribution_vnd) VALUES (?,?,?,?,?,?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, a->year);
        db_bind_int(st, 2, ids.unit);
        bind_subject(st, 3, a, &ids);
        db_bind_text(st, 6, a->title);
        db_bind_text(st, 7, a->description ? a->description : "");
        if (a->contribution_vnd >= 0) db_bind_int(st, 8, a->contribution_vnd);
        rc = step_returning(ctx, st, id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "model", *id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int commendation_add(lt_ctx *ctx, const award_in *a, long long model_id, long long *id,
                     lt_err *e) {
    award_ids ids;
    char day[11] = "";
    const char *level = level_parse(a->level ? a->level : "");
    if (award_validate(ctx, a, &ids, e)) return LT_EINPUT;
    if (!level)
        return lt_err_set(e, LT_EINPUT, "cap: cấp khen thưởng không hợp lệ \"%s\"",
                          "level: unknown level \"%s\"", a->level ? a->level : "");
    if (a->decision_on && *a->decision_on && dom_check_date(a->decision_on, "ngay_quyet_dinh", day, e))
        return LT_EINPUT;
    if (dom_check_line(a->decision_no, "so_quyet_dinh", DOM_MAX_CODE, 0, e)) return LT_EINPUT;
    if (begin_unit_write(ctx, ids.unit, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO commendation(year, unit_id, subject_person_id, subject_unit_id, subject_text,"
        " title, level, form, decision_no, decision_on, model_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        " RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, a->year);
        db_bind_int(st, 2, ids.unit);
        bind_subject(st, 3, a, &ids);
        db_bind_text(st, 6, a->title);
        db_bind_text(st, 7, level);
        db_bind_text(st, 8, a->form && *a->form ? a->form : "praise");
        db_bind_text(st, 9, a->decision_no ? a->decision_no : "");
        db_bind_text(st, 10, *day ? day : NULL);
        if (model_id) db_bind_int(st, 11, model_id);
        rc = step_returning(ctx, st, id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "commendation", *id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int breakthrough_save(lt_ctx *ctx, const char *unit_code, int year, const char *body,
                      const char *result, lt_err *e) {
    long long unit_id, id = 0;
    if (find_unit_field(ctx, unit_code, "ma_don_vi", &unit_id, e) || dom_check_year(year, e) ||
        dom_check_text(body, "noi_dung", DOM_MAX_TEXT, 1, e) ||
        dom_check_text(result, "ket_qua", DOM_MAX_TEXT, 0, e))
        return LT_EINPUT;
    if (begin_unit_write(ctx, unit_id, e)) return e->code;
    db_stmt *st = db_prepare(ctx->db,
        "INSERT INTO breakthrough(unit_id, year, body, result) VALUES (?,?,?,?) RETURNING id", e);
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_int(st, 1, unit_id);
        db_bind_int(st, 2, year);
        db_bind_text(st, 3, body);
        db_bind_text(st, 4, result && *result ? result : NULL);
        rc = step_returning(ctx, st, &id, NULL, e);
    }
    if (rc == LT_OK) rc = dom_audit(ctx, "insert", "breakthrough", id, NULL, e);
    return dom_finish(ctx, rc, e);
}

int deployment_any(lt_ctx *ctx, long long unit_id) {
    return (int)db_int(ctx->db, "SELECT EXISTS (SELECT 1 FROM deployment WHERE unit_id=?)", unit_id, NULL);
}
