/*
** membership.c — a person's membership over time (DESIGN §2): the rows of
** table membership, each a unit with the position and flags the person
** had there, from one day to another, never overlapping.  A change on a
** day closes the last row the day before and opens the next; a change on
** the last row's own first day corrects it; leaving closes it.  The person
** row's unit, position and flags are the last row's (written here too).
** Which row a year counts, and where its registrations go, follows in the
** database (schema.sql; migration 14).
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The last row of a person: found is 0 when they have none. */
typedef struct last_row {
    int found;
    char from[11], to[11]; /* to "" while open */
    member_state s;
    char position[4 * DOM_MAX_NAME + 1];
} last_row;

static void copy_date(char out[11], const char *s) {
    snprintf(out, 11, "%s", s ? s : "");
}

static int last_row_read(lt_ctx *ctx, long long pid, last_row *l, lt_err *e) {
    memset(l, 0, sizeof *l);
    db_stmt *st = db_prepare(ctx->db, "SELECT valid_from, valid_to, unit_id, position,"
                                           " key_cadre, head FROM membership WHERE person_id=?"
                                           " ORDER BY valid_from DESC LIMIT 1", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, pid);
    int r = db_step_row(ctx->db, st, e);
    if (r == 1) {
        l->found = 1;
        copy_date(l->from, db_col_text(st, 0));
        copy_date(l->to, db_col_text(st, 1));
        l->s.unit_id = db_col_int64(st, 2);
        snprintf(l->position, sizeof l->position, "%s", db_col_text(st, 3));
        l->s.position = l->position;
        l->s.key_cadre = db_col_int(st, 4);
        l->s.head = db_col_int(st, 5);
    }
    db_reset(st);
    return r < 0 ? lt_err_code(e, LT_EDB) : LT_OK;
}

static int same_state(const member_state *a, const member_state *b) {
    return a->unit_id == b->unit_id && !strcmp(a->position ? a->position : "",
                                                b->position ? b->position : "") &&
           !a->key_cadre == !b->key_cadre && !a->head == !b->head;
}

/* A membership row's six values as ?1..?6 (person, first day, state), and
** the INSERT that writes them. */
#define MEMBER_INSERT \
    "INSERT INTO membership(person_id, valid_from, unit_id, position, key_cadre, head) VALUES (?1,?2,?3,?4,?5,?6)"

static void member_bind(db_stmt *st, long long pid, const char *from, const member_state *s) {
    db_bind_int(st, 1, pid);
    db_bind_text(st, 2, from);
    db_bind_int(st, 3, s->unit_id);
    db_bind_text(st, 4, s->position ? s->position : "");
    db_bind_int(st, 5, s->key_cadre ? 1 : 0);
    db_bind_int(st, 6, s->head ? 1 : 0);
}

/* The row of person pid from day `from` takes state s: made, or corrected
** when it is there. */
static int row_put(lt_ctx *ctx, long long pid, const char *from, const member_state *s,
                   lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, MEMBER_INSERT " ON CONFLICT(person_id, valid_from) DO UPDATE SET unit_id=?3, position=?4,"
                                                         " key_cadre=?5, head=?6", e);
    if (!st) return LT_EDB;
    member_bind(st, pid, from, s);
    return db_step_done(ctx->db, st, e);
}

/* (a plain INSERT: someone new has no row to correct, and the upsert's
** search cost a large import more than the person's own row) */
int membership_first(lt_ctx *ctx, long long pid, const char *from, const member_state *s,
                     lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, MEMBER_INSERT, e);
    if (!st) return LT_EDB;
    member_bind(st, pid, from, s);
    return db_step_done(ctx->db, st, e);
}

/* The last row (first day from) ends on `to` (NULL: open again), or the
** day before `before` when to is NULL and before is not. */
static int row_close(lt_ctx *ctx, long long pid, const char *from, const char *to,
                     const char *before, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "UPDATE membership SET valid_to=coalesce(?3,"
                                           " date(?4, '-1 day')) WHERE person_id=?1 AND"
                                           " valid_from=?2", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, pid);
    db_bind_text(st, 2, from);
    db_bind_text(st, 3, to);
    db_bind_text(st, 4, before);
    return db_step_done(ctx->db, st, e);
}

/* The person row follows their last membership row. */
static int mirror(lt_ctx *ctx, long long pid, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db,
        "UPDATE person SET (unit_id, position, key_cadre, head, active_from, active_to) ="
        " (SELECT m.unit_id, m.position, m.key_cadre, m.head, (SELECT min(valid_from) FROM"
        " membership WHERE person_id=?1), m.valid_to FROM membership m WHERE m.person_id=?1"
        " ORDER BY m.valid_from DESC LIMIT 1) WHERE id=?1 AND EXISTS (SELECT 1 FROM membership"
        " WHERE person_id=?1)", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, pid);
    return db_step_done(ctx->db, st, e);
}

/* Refusals name the day's field (`field`, "" for none). */
static int before_start(const char *field, const char *on, const char *from, lt_err *e) {
    char d1[11], d2[11];
    return lt_err_set(e, LT_EINPUT, "%sngày %s trước ngày bắt đầu sinh hoạt hiện tại (%s)",
                      "%s%s is before the start of the present membership (%s)", field,
                      lt_date_vn(on, d1), lt_date_vn(from, d2));
}

/* membership_record, and with `reopen` a return after leaving. */
static int record(lt_ctx *ctx, long long pid, const char *on, const member_state *s, int reopen,
                  const char *field, lt_err *e) {
    last_row l;
    int rc = last_row_read(ctx, pid, &l, e);
    if (rc) return rc;
    char d1[11], d2[11];
    if (l.found && *l.to) { /* they have left */
        if (!reopen)
            return same_state(&l.s, s) ? LT_OK
                 : lt_err_set(e, LT_EINPUT, "%sngười này đã thôi sinh hoạt ngày %s (nhận lại:"
                              " chuyển sinh hoạt đến một đơn vị)", "%sthe membership ended on %s"
                              " (to take them back, transfer them to a unit)", field,
                              lt_date_vn(l.to, d2));
        if (strcmp(on, l.to) <= 0)
            return lt_err_set(e, LT_EINPUT, "%sngười này đã thôi sinh hoạt ngày %s; ngày %s phải"
                              " sau ngày đó", "%sthe membership ended on %s; %s must be after it",
                              field, lt_date_vn(l.to, d2), lt_date_vn(on, d1));
    } else if (l.found) {
        if (same_state(&l.s, s)) return LT_OK;
        if (strcmp(on, l.from) < 0) return before_start(field, on, l.from, e);
        if (strcmp(on, l.from) > 0) rc = row_close(ctx, pid, l.from, NULL, on, e);
    }
    if (rc == LT_OK) rc = row_put(ctx, pid, on, s, e);
    return rc ? rc : mirror(ctx, pid, e);
}

int membership_record(lt_ctx *ctx, long long pid, const char *on, const member_state *s,
                      lt_err *e) {
    return record(ctx, pid, on, s, 0, "tu_ngay: ", e);
}

int membership_move(lt_ctx *ctx, long long pid, long long unit_id, const char *position,
                    const char *on, lt_err *e) {
    last_row l;
    int rc = last_row_read(ctx, pid, &l, e);
    if (rc) return rc;
    if (l.found && !*l.to && l.s.unit_id == unit_id)
        return lt_err_set(e, LT_EINPUT, "người này đang sinh hoạt ở đơn vị đó",
                          "the person is in that unit already");
    member_state s = l.found ? l.s : (member_state){0, "", 0, 0};
    s.unit_id = unit_id;
    s.head = 0; /* the head of one unit is not the next one's */
    if (position && *position) s.position = position;
    return record(ctx, pid, on, &s, 1, "", e);
}

/* Someone who has left (their last day `on` is past) logs in no more:
** their accounts are disabled and their sessions end.  (Until that day
** they go on; the login checks the day too.)  A transfer keeps them. */
static int accounts_of_leaver(lt_ctx *ctx, long long pid, const char *on, lt_err *e) {
    char today[11];
    lt_today(today);
    if (strcmp(on, today) >= 0) return LT_OK;
    db_stmt *st = db_prepare(ctx->db, "SELECT id FROM account WHERE person_id=? AND status<>'disabled'", e);
    if (!st) return LT_EDB;
    long long ids[16];
    int n = 0, row;
    db_bind_int(st, 1, pid);
    while (n < 16 && (row = db_step_row(ctx->db, st, e)) == 1) ids[n++] = db_col_int64(st, 0);
    db_reset(st);
    int rc = LT_OK;
    for (int i = 0; i < n && rc == LT_OK; i++) {
        rc = (st = db_prepare(ctx->db, "UPDATE account SET status='disabled', password_hash='',"
                                       " code_hash=NULL, code_expires=NULL WHERE id=?", e)) ? LT_OK : LT_EDB;
        if (rc == LT_OK) { db_bind_int(st, 1, ids[i]); rc = db_step_done(ctx->db, st, e); }
        if (rc == LT_OK && (st = db_prepare(ctx->db, "DELETE FROM session WHERE account_id=?", e))) {
            db_bind_int(st, 1, ids[i]);
            rc = db_step_done(ctx->db, st, e);
        }
        if (rc == LT_OK) rc = dom_audit(ctx, "disable", "account", ids[i], NULL, e);
    }
    return rc;
}

int membership_leave(lt_ctx *ctx, long long pid, const char *on, lt_err *e) {
    last_row l;
    int rc = last_row_read(ctx, pid, &l, e);
    if (rc) return rc;
    if (!l.found || *l.to)
        return lt_err_set(e, LT_EINPUT, "người này không còn sinh hoạt ở đơn vị nào",
                          "the person is not a member of any unit now");
    if (strcmp(on, l.from) < 0) return before_start("", on, l.from, e);
    rc = row_close(ctx, pid, l.from, on, NULL, e);
    if (rc == LT_OK) rc = mirror(ctx, pid, e);
    return rc ? rc : accounts_of_leaver(ctx, pid, on, e);
}

/* LT_EINPUT unless unit_id is active on day `on`. */
static int unit_open_on(lt_ctx *ctx, long long unit_id, const char *on, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT name, active_from<=?2 AND (active_to IS NULL OR"
                                           " active_to>=?2) FROM unit WHERE id=?1", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, unit_id);
    db_bind_text(st, 2, on);
    int r = db_step_row(ctx->db, st, e), rc = r < 0 ? lt_err_code(e, LT_EDB) : LT_OK;
    char d[11];
    if (r == 1 && !db_col_int(st, 1))
        rc = lt_err_set(e, LT_EINPUT, "%s không hoạt động ngày %s", "%s is not active on %s",
                        db_col_text(st, 0), lt_date_vn(on, d));
    db_reset(st);
    return rc;
}

int person_move(lt_ctx *ctx, const char *code, const char *unit_code, const char *position,
                const char *date, lt_err *e) {
    long long pid, unit_id = 0;
    char on[11];
    if (dom_check_date(date, "ngay", on, e) || dom_check_line(position, "chuc_vu", DOM_MAX_NAME, 0, e))
        return LT_EINPUT;
    if (person_find(ctx, code, &pid, e)) return e->code;
    if (unit_code && (unit_find_named(ctx, unit_code, &unit_id, e) || unit_open_on(ctx, unit_id, on, e)))
        return e->code;
    if (db_begin(ctx->db, e)) return LT_EDB;
    long long from_unit = db_int(ctx->db, "SELECT unit_id FROM person WHERE id=?", pid, e);
    /* an officer of either side may record it */
    lt_err no = {0};
    int rc = from_unit < 0 ? lt_err_code(e, LT_EDB) : dom_can_write_unit(ctx, from_unit, &no);
    if (rc == LT_EREFUSED && unit_id) rc = dom_can_write_unit(ctx, unit_id, e);
    else if (rc && e) *e = no;
    char *before = NULL;
    if (rc == LT_OK) rc = dom_snapshot(ctx, "person", pid, &before, e);
    if (rc == LT_OK)
        rc = unit_id ? membership_move(ctx, pid, unit_id, position, on, e) : membership_leave(ctx, pid, on, e);
    if (rc == LT_OK) rc = dom_audit(ctx, unit_id ? "move" : "leave", "person", pid, before, e);
    else free(before);
    return dom_finish(ctx, rc, e);
}

int dom_year_ref(lt_ctx *ctx, int year, char out[11], lt_err *e) {
    snprintf(out, 11, "%04d-12-31", year);
    db_stmt *st = db_prepare(ctx->db, "SELECT reference_date FROM year_setup WHERE year=?"
                                           " AND reference_date IS NOT NULL", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, year);
    int r = db_step_row(ctx->db, st, e);
    if (r == 1 && strlen(db_col_text(st, 0)) == 10) copy_date(out, db_col_text(st, 0));
    db_reset(st);
    return r < 0 ? lt_err_code(e, LT_EDB) : LT_OK;
}

/* ---- a whole history at once (imports) ------------------------------------ */
/* A stored row, read for comparing with a file's. */
typedef struct stored_row {
    char from[11], to[11], position[4 * DOM_MAX_NAME + 1];
    long long unit_id;
    int key_cadre, head;
} stored_row;

static int stored_rows(lt_ctx *ctx, long long pid, stored_row **out, int *n, lt_err *e) {
    *out = NULL;
    *n = 0;
    db_stmt *st = db_prepare(ctx->db, "SELECT valid_from, coalesce(valid_to, ''), unit_id, position,"
                                           " key_cadre, head FROM membership WHERE person_id=?"
                                           " ORDER BY valid_from", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, pid);
    int row, rc = LT_OK;
    while ((row = db_step_row(ctx->db, st, e)) == 1) {
        stored_row *more = realloc(*out, (size_t)(*n + 1) * sizeof **out);
        if (!more) { rc = lt_err_oom(e); break; }
        stored_row *s = &(*out = more)[(*n)++];
        copy_date(s->from, db_col_text(st, 0));
        copy_date(s->to, db_col_text(st, 1));
        s->unit_id = db_col_int64(st, 2);
        snprintf(s->position, sizeof s->position, "%s", db_col_text(st, 3));
        s->key_cadre = db_col_int(st, 4);
        s->head = db_col_int(st, 5);
    }
    db_reset(st);
    if (rc == LT_OK && row < 0) rc = lt_err_code(e, LT_EDB);
    if (rc) { free(*out); *out = NULL; *n = 0; }
    return rc;
}

/* Check the spans (sorted by from) into rows: dates, units, no overlap;
** the error names the field. */
static int spans_check(lt_ctx *ctx, const person_span_in *spans, int n, stored_row *rows, lt_err *e) {
    char d[11];
    for (int i = 0; i < n; i++) {
        stored_row *r = &rows[i];
        memset(r, 0, sizeof *r);
        if (dom_check_date(spans[i].from, "tu_ngay", r->from, e)) return LT_EINPUT;
        if (spans[i].to && *spans[i].to && dom_check_date(spans[i].to, "den_ngay", r->to, e)) return LT_EINPUT;
        if (*r->to && strcmp(r->to, r->from) < 0)
            return lt_err_set(e, LT_EINPUT, "den_ngay: trước tu_ngay %s", "den_ngay: before tu_ngay %s",
                              lt_date_vn(r->from, d));
        if (i && !strcmp(r->from, rows[i - 1].from))
            return lt_err_set(e, LT_EINPUT, "tu_ngay: hai dòng cùng bắt đầu ngày %s",
                              "tu_ngay: two rows start on %s", lt_date_vn(r->from, d));
        if (i && *rows[i - 1].to && strcmp(rows[i - 1].to, r->from) >= 0)
            return lt_err_set(e, LT_EINPUT, "tu_ngay: %s trùng với thời gian sinh hoạt trước (đến %s)",
                              "tu_ngay: %s overlaps the membership before (to %s)", lt_date_vn(r->from, d),
                              rows[i - 1].to);
        if (unit_find(ctx, spans[i].unit_code, &r->unit_id, e))
            return lt_err_set(e, LT_EINPUT, "ma_don_vi: không có đơn vị mã \"%s\"",
                              "ma_don_vi: no unit with code \"%s\"", spans[i].unit_code);
        if (dom_check_line(spans[i].position, "chuc_vu", DOM_MAX_NAME, 0, e)) return LT_EINPUT;
        int rc = dom_can_write_unit(ctx, r->unit_id, e);
        if (rc) return rc;
        snprintf(r->position, sizeof r->position, "%s", spans[i].position ? spans[i].position : "");
        r->key_cadre = spans[i].key_cadre > 0;
        r->head = spans[i].head > 0;
    }
    return LT_OK;
}

static int same_row(const stored_row *a, const stored_row *b) {
    return !strcmp(a->from, b->from) && a->unit_id == b->unit_id && !strcmp(a->position, b->position) &&
           a->key_cadre == b->key_cadre && a->head == b->head;
}

/* The stored rows made the file's: equal (nothing), or the file's going
** on after them (added; the last stored one may close), else refused. */
static int rows_reconcile(lt_ctx *ctx, long long pid, const stored_row *want, int n, int *changed,
                          lt_err *e) {
    stored_row *have;
    int nh, rc = stored_rows(ctx, pid, &have, &nh, e);
    if (rc) return rc;
    char d[11];
    for (int i = 0; i < nh && rc == LT_OK; i++) {
        int last = i == nh - 1;
        if (i >= n || !same_row(&have[i], &want[i]) ||
            (strcmp(have[i].to, want[i].to) && !(last && !*have[i].to && (i + 1 < n || *want[i].to))))
            rc = lt_err_set(e, LT_EINPUT, "tu_ngay: quá trình sinh hoạt trong tệp khác với quá trình đã"
                            " lưu từ ngày %s", "tu_ngay: the memberships of the file differ from the stored"
                            " ones from %s", lt_date_vn(have[i].from, d));
    }
    member_state s;
    for (int i = nh ? nh - 1 : 0; rc == LT_OK && i < n; i++) {
        if (i >= nh) {
            s = (member_state){want[i].unit_id, want[i].position, want[i].key_cadre, want[i].head};
            rc = row_put(ctx, pid, want[i].from, &s, e);
            *changed = 1;
        }
        /* each row ends on its den_ngay, or the day before the next begins */
        const char *to = *want[i].to ? want[i].to : NULL, *before = i + 1 < n ? want[i + 1].from : NULL;
        int open_now = i < nh ? !*have[i].to : 1;
        if (rc == LT_OK && open_now && (to || before)) {
            rc = row_close(ctx, pid, want[i].from, to, before, e);
            *changed = 1;
        }
    }
    free(have);
    return rc == LT_OK && *changed ? mirror(ctx, pid, e) : rc;
}

int membership_history_new(lt_ctx *ctx, long long pid, const person_span_in *spans, int n,
                           lt_err *e) {
    if (n < 1) return lt_err_set(e, LT_EINPUT, "tu_ngay: không có dòng nào", "tu_ngay: no rows");
    stored_row *want = calloc((size_t)n, sizeof *want);
    if (!want) return lt_err_oom(e);
    int changed = 0, rc = spans_check(ctx, spans, n, want, e);
    if (rc == LT_OK) rc = rows_reconcile(ctx, pid, want, n, &changed, e); /* (none stored: all written) */
    free(want);
    return rc;
}

int person_history_save(lt_ctx *ctx, const person_in *p, const person_span_in *spans, int n,
                        int *changed, lt_err *e) {
    *changed = 0;
    if (n < 1) return lt_err_set(e, LT_EINPUT, "tu_ngay: không có dòng nào", "tu_ngay: no rows");
    stored_row *want = calloc((size_t)n, sizeof *want);
    if (!want) return lt_err_oom(e);
    if (db_begin(ctx->db, e)) { free(want); return LT_EDB; }
    int rc = spans_check(ctx, spans, n, want, e), made = 0;
    long long pid = 0;
    lt_err nf = {0};
    if (rc == LT_OK && person_find(ctx, p->code, &pid, &nf) == LT_ENOTFOUND) {
        /* a new person: made with their first row, the others follow */
        person_in first = *p;
        first.unit_code = spans[0].unit_code;
        first.position = spans[0].position;
        first.key_cadre = spans[0].key_cadre > 0;
        first.head = spans[0].head > 0;
        first.since = spans[0].from;
        rc = person_save(ctx, &first, &pid, &made, e);
    }
    if (rc == LT_OK) {
        char *before = NULL;
        int moved = 0;
        rc = dom_snapshot(ctx, "person", pid, &before, e);
        if (rc == LT_OK) rc = rows_reconcile(ctx, pid, want, n, &moved, e);
        if (rc == LT_OK && moved) rc = dom_audit(ctx, "history", "person", pid, before, e);
        else free(before);
        *changed = made || moved;
    }
    if (rc == LT_OK) { /* the person's own fields, their row being the last one now */
        person_in last = *p;
        last.unit_code = spans[n - 1].unit_code;
        last.position = spans[n - 1].position;
        last.key_cadre = spans[n - 1].key_cadre > 0;
        last.head = spans[n - 1].head > 0;
        last.since = spans[n - 1].from;
        int fields = 0;
        rc = person_save(ctx, &last, NULL, &fields, e);
        *changed |= fields;
    }
    free(want);
    return dom_finish(ctx, rc, e);
}
