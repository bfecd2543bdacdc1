/*
** person.c — people: cadres, party members, civil servants, public
** employees and workers, with their unit, position, category and flags.
** Names are stored NFC with their search fold and Vietnamese sort key.
*/
#include "domain_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int person_find(lt_ctx *ctx, const char *code, long long *id, lt_err *e) {
    db_stmt *st = db_prepare(ctx->db, "SELECT id FROM person WHERE code=?", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, code);
    int r = db_step_row(ctx->db, st, e);
    if (r < 0) return LT_EDB;
    if (r == 0)
        return lt_err_set(e, LT_ENOTFOUND, "không có người mã \"%s\"",
                          "no person with code \"%s\"", code);
    *id = db_col_int64(st, 0);
    db_reset(st);
    return LT_OK;
}

/* Validate a person_in but its unit; fill the parsed codes and the dates.
** The code of someone new must have the form of a code (dom_check_code);
** a stored one is kept whatever it is. */

static int person_validate_fields(const person_in *p, int is_new, const char **category,
                                  const char **gender, person_dates *d, lt_err *e) {
    char *birth = d->birth;
    if ((is_new ? dom_check_code(p->code, "ma_nguoi", e)
                : dom_check_line(p->code, "ma_nguoi", DOM_MAX_CODE, 1, e)) ||
        dom_check_line(p->full_name, "ho_ten", DOM_MAX_NAME, 1, e) ||
        dom_check_line(p->position, "chuc_vu", DOM_MAX_NAME, 0, e) ||
        dom_check_line(p->workplace, "noi_cong_tac", DOM_MAX_NAME, 0, e))
        return LT_EINPUT;
    d->joined[0] = 0;
    if (p->party_joined_on && *p->party_joined_on &&
        dom_check_date(p->party_joined_on, "ngay_vao_dang", d->joined, e))
        return LT_EINPUT;
    if (p->since && *p->since) {
        if (dom_check_date(p->since, "tu_ngay", d->since, e)) return LT_EINPUT;
    } else {
        lt_today(d->since);
    }
    *category = person_category_parse(p->category ? p->category : "");
    if (!*category)
        return lt_err_set(e, LT_EINPUT, "doi_tuong: đối tượng không hợp lệ \"%s\"",
                          "doi_tuong: unknown category \"%s\"", p->category ? p->category : "");
    *gender = NULL;
    if (p->gender && *p->gender && !(*gender = gender_parse(p->gender)))
        return lt_err_set(e, LT_EINPUT, "gioi_tinh: không hợp lệ \"%s\" (Nam/Nữ)",
                          "gioi_tinh: invalid \"%s\" (Nam/Nữ)", p->gender);
    birth[0] = 0;
    if (p->birth_date && *p->birth_date && dom_check_birth(p->birth_date, birth, e))
        return LT_EINPUT;
    return dom_check_line(p->unit_code, "ma_don_vi", DOM_MAX_CODE, 1, e) ? LT_EINPUT : LT_OK;
}

static int no_such_unit(const char *code, lt_err *e) {
    return lt_err_set(e, LT_EINPUT, "ma_don_vi: không có đơn vị mã \"%s\"",
                      "ma_don_vi: no unit with code \"%s\"", code);
}

/* Validate a person_in; fill the parsed codes, the ISO birth date and the unit. */
static int person_validate(lt_ctx *ctx, const person_in *p, int is_new, const char **category,
                           const char **gender, person_dates *d, long long *unit_id,
                           lt_err *e) {
    if (person_validate_fields(p, is_new, category, gender, d, e)) return LT_EINPUT;
    int rc = unit_find(ctx, p->unit_code, unit_id, e);
    return rc == LT_ENOTFOUND ? no_such_unit(p->unit_code, e) : rc;
}

/* The two ways a person row is written: an upsert that changes a stored
** person only when something differs (RETURNING the id when it wrote), and
** a plain INSERT for batches of new people (the cheapest statement), given
** the id and the name rank by the batch: a large batch sets the insert
** trigger that would give the rank aside. */
static const char PERSON_UPSERT[] =
    "INSERT INTO person(code, full_name, name_fold, name_sort, birth_date, gender, unit_id,"
    " position, category, key_cadre, head, party_joined_on, workplace, active_from)"
    " VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14) "
    "ON CONFLICT(code) DO UPDATE SET full_name=?2, name_fold=?3, name_sort=?4,"
    " birth_date=?5, gender=?6, unit_id=?7, position=?8, category=?9, key_cadre=?10,"
    " head=?11, party_joined_on=?12, workplace=?13 WHERE (person.full_name, person.birth_date,"
    " person.gender, person.unit_id, person.position, person.category, person.key_cadre,"
    " person.head, person.party_joined_on, person.workplace)"
    " IS DISTINCT FROM (?2,?5,?6,?7,?8,?9,?10,?11,?12,?13) RETURNING id";
static const char PERSON_INSERT[] =
    "INSERT INTO person(code, full_name, name_fold, name_sort, birth_date, gender, unit_id,"
    " position, category, key_cadre, head, party_joined_on, workplace, active_from, id,"
    " name_rank) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16)";

/* The person's name as stored for search and order: its fold, and its sort
** key of sort_len bytes. */
typedef struct person_keys {
    const char *fold;
    const unsigned char *sort;
    size_t sort_len;
} person_keys;

/* One of the two statements above (insert: the plain INSERT), prepared
** once by the connection (store.h: db_prepare). */
static db_stmt *person_stmt(lt_ctx *ctx, int insert, lt_err *e) {
    return db_prepare(ctx->db, insert ? PERSON_INSERT : PERSON_UPSERT, e);
}

/* Write the person row with st (person_stmt's; insert: the plain INSERT),
** its name's fold and sort key those of k.  *changed whether a row was
** written at all, and then *id is its id (else *id is left as it was).  The
** plain INSERT writes the id *id holds, and its name rank (text.h; NULL for
** an id it cannot place); it refuses a stored code.  Every value is lent to
** the statement, every parameter bound afresh, and the statement reset
** before this returns. */
static int person_write(lt_ctx *ctx, db_stmt *st, int insert, const person_in *p,
                        const char *category, const char *gender, const person_dates *d,
                        long long unit_id, const person_keys *k, long long *id, int *changed,
                        lt_err *e) {
    const char *birth = d->birth, *fold = k->fold;
    int rc = st ? LT_OK : LT_EDB;
    if (st) {
        db_bind_text_lent(st, 1, p->code);
        db_bind_text_lent(st, 2, p->full_name);
        db_bind_text_lent(st, 3, fold);
        db_bind_blob_lent(st, 4, k->sort, k->sort_len);
        db_bind_text_lent(st, 5, *birth ? birth : NULL);
        db_bind_text_lent(st, 6, gender);
        db_bind_int(st, 7, unit_id);
        db_bind_text_lent(st, 8, p->position ? p->position : "");
        db_bind_text_lent(st, 9, category);
        db_bind_int(st, 10, p->key_cadre ? 1 : 0);
        db_bind_int(st, 11, p->head ? 1 : 0);
        db_bind_text_lent(st, 12, *d->joined ? d->joined : NULL);
        db_bind_text_lent(st, 13, p->workplace ? p->workplace : "");
        db_bind_text_lent(st, 14, d->since);
        if (insert) {
            long long rank = fold ? text_name_rank(fold, *id) : -1;
            db_bind_int(st, 15, *id);
            if (rank >= 0) db_bind_int(st, 16, rank);
            else db_bind_null(st, 16);
        }
        int r = db_step_row(ctx->db, st, e);
        *changed = r == 1 || (r == 0 && insert);
        if (r == 1) *id = db_col_int64(st, 0);   /* the upsert wrote (the INSERT's id is *id's) */
        if (r < 0 && insert && db_failed_constraint(ctx->db))
            rc = lt_err_set(e, LT_EINPUT, "ma_nguoi: \"%s\" đã có", "ma_nguoi: \"%s\" is stored already",
                            p->code);
        else if (r < 0)
            rc = LT_EDB;
        db_reset(st);
    }
    return rc;
}

/* person_write with the keys of p's name worked out here. */
static int person_write_keyed(lt_ctx *ctx, int insert, const person_in *p, const char *category,
                              const char *gender, const person_dates *d, long long unit_id,
                              long long *id, int *changed, lt_err *e) {
    size_t sort_len;
    char *fold = text_fold_dup(p->full_name);
    unsigned char *sort = text_name_sort_key(p->full_name, &sort_len);
    person_keys k = {fold, sort, sort_len};
    int rc = !fold || !sort ? lt_err_oom(e)
             : person_write(ctx, person_stmt(ctx, insert, e), insert, p, category, gender, d, unit_id,
                            &k, id, changed, e);
    free(fold);
    free(sort);
    return rc;
}

/* For a person who exists, fields left NULL (flags -1) keep their stored
** values: an import without a column changes nothing in it.  `keep` holds
** the stored row while `out` is used. */
static int person_merge(lt_ctx *ctx, const person_in *p, person_in *out, dom_rows *keep, lt_err *e) {
    *out = *p;
    memset(keep, 0, sizeof *keep);
    lt_err why = {0};
    int rc = p->code ? q_person(ctx, p->code, keep, &why) : LT_ENOTFOUND;
    if (rc != LT_OK && rc != LT_ENOTFOUND) { /* never taken for a new person: stored fields would go */
        if (e) *e = why;
        return rc;
    }
    if (rc == LT_ENOTFOUND) {
        if (out->key_cadre < 0) out->key_cadre = 0;
        if (out->head < 0) out->head = 0;
        return LT_OK;
    }
    if (!out->full_name) out->full_name = rows_get(keep, 0, "full_name");
    if (!out->birth_date) out->birth_date = rows_get(keep, 0, "birth_date");
    if (!out->gender) out->gender = rows_get(keep, 0, "gender");
    if (!out->unit_code) out->unit_code = rows_get(keep, 0, "unit_code");
    if (!out->position) out->position = rows_get(keep, 0, "position");
    if (!out->category) out->category = rows_get(keep, 0, "category");
    if (out->key_cadre < 0) out->key_cadre = atoi(rows_get(keep, 0, "key_cadre"));
    if (out->head < 0) out->head = atoi(rows_get(keep, 0, "head"));
    if (!out->party_joined_on) out->party_joined_on = rows_get(keep, 0, "party_joined_on");
    if (!out->workplace) out->workplace = rows_get(keep, 0, "workplace");
    return LT_OK;
}

int person_save(lt_ctx *ctx, const person_in *given, long long *id_out, int *changed_out,
                lt_err *e) {
    const char *category = NULL, *gender = NULL;
    person_dates d;
    long long unit_id = 0, id = 0;
    int changed = 0;
    person_in merged, *p = &merged;
    dom_rows keep;
    if (person_merge(ctx, given, &merged, &keep, e)) return lt_err_code(e, LT_EDB);
    if (person_validate(ctx, p, keep.n == 0, &category, &gender, &d, &unit_id, e)) {
        rows_free(&keep);
        return LT_EINPUT;
    }
    if (db_begin(ctx->db, e)) { rows_free(&keep); return LT_EDB; }
    int rc = dom_can_write_unit(ctx, unit_id, e);
    lt_err nf = {0};
    int found = rc == LT_OK ? person_find(ctx, p->code, &id, &nf) : LT_ENOTFOUND;
    int existed = found == LT_OK;
    if (found != LT_OK && found != LT_ENOTFOUND) { rc = found; if (e) *e = nf; }
    /* moving someone needs the right to their present unit as well */
    if (existed && keep.n && rc == LT_OK)
        rc = dom_can_write_unit(ctx, atoll(rows_get(&keep, 0, "unit_id")), e);
    char *before = NULL;
    if (existed && rc == LT_OK) rc = dom_snapshot(ctx, "person", id, &before, e);
    if (rc == LT_OK)
        rc = person_write_keyed(ctx, 0, p, category, gender, &d, unit_id, &id, &changed, e);
    if (rc == LT_OK && changed) {
        member_state s = {unit_id, p->position ? p->position : "", p->key_cadre, p->head};
        rc = membership_record(ctx, id, d.since, &s, e);
    }
    if (rc == LT_OK && changed)
        rc = dom_audit(ctx, existed ? "update" : "insert", "person", id, before, e);
    else
        free(before);
    if (rc == LT_OK && id_out) *id_out = id; /* written, or found above when unchanged */
    if (changed_out) *changed_out = changed;
    rows_free(&keep);
    return dom_finish(ctx, rc, e);
}

/* ---- many new people at once ------------------------------------------- */
/* A batch this large (and at least as large as what is stored) sets the
** indexes and insert triggers aside. */
#define BULK_SET_ASIDE_MIN 50000

/* What the batch knows of a unit code: its id and whether we may write it. */
typedef struct unit_memo { char *code; long long id; int rc; } unit_memo;

struct person_bulk {
    lt_ctx *ctx;
    db_stmt *insert;  /* person_stmt's INSERT, looked up once (its 300 characters
                           ** hashed and compared for every row cost the writer some 5%) */
    unit_memo *memo;       /* open hash by code */
    long nmemo, nslots;
    unit_memo *last;       /* the unit of the row before (a file's rows come unit by unit) */
    db_aside *aside;       /* indexes and triggers set aside, or NULL */
    db_aside *aside_rows;  /* the same of membership */
    long long next_id;     /* the id the next new person gets */
    long added;            /* the batch's ids: next_id - added .. next_id - 1 */
    long long members_from; /* membership set aside: the first id whose row is still to write */
};

static unsigned long hash_str(const char *s) {
    unsigned long h = 1469598103934665603UL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

static unit_memo *memo_slot(unit_memo *m, long nslots, const char *code) {
    unsigned long i = hash_str(code) % (unsigned long)nslots;
    while (m[i].code && strcmp(m[i].code, code)) i = (i + 1) % (unsigned long)nslots;
    return &m[i];
}

/* The memo of the unit of code in *out: looked up, and checked for
** writing, the first time the batch meets it. */
static int unit_memo_of(person_bulk *b, const char *code, unit_memo **out, lt_err *e) {
    if (2 * (b->nmemo + 1) > b->nslots) {
        long n = b->nslots ? b->nslots * 2 : 1024;
        unit_memo *m = calloc((size_t)n, sizeof *m);
        if (!m) return lt_err_oom(e);
        for (long i = 0; i < b->nslots; i++)
            if (b->memo[i].code) *memo_slot(m, n, b->memo[i].code) = b->memo[i];
        free(b->memo);
        b->memo = m;
        b->nslots = n;
        b->last = NULL;
    }
    unit_memo *u = memo_slot(b->memo, b->nslots, code);
    if (!u->code) {
        lt_err ignored = {0};
        if (!(u->code = strdup(code))) return lt_err_oom(e);
        int found = unit_find(b->ctx, code, &u->id, &ignored);
        if (found != LT_OK && found != LT_ENOTFOUND) { /* a failure is not remembered as an answer */
            free(u->code);
            u->code = NULL;
            if (e) *e = ignored;
            return found;
        }
        u->rc = found ? LT_ENOTFOUND : dom_can_write_unit(b->ctx, u->id, &ignored);
        b->nmemo++;
    }
    *out = u;
    return LT_OK;
}

/* The unit of code, looked up and checked for writing once per batch. */
static int bulk_unit(person_bulk *b, const char *code, long long *id, lt_err *e) {
    unit_memo *u = b->last;
    if (!u || strcmp(u->code, code)) {
        int rc = unit_memo_of(b, code, &u, e);
        if (rc) return rc;
        b->last = u;
    }
    *id = u->id;
    if (u->rc == LT_ENOTFOUND) return no_such_unit(code, e);
    return u->rc ? dom_can_write_unit(b->ctx, u->id, e) : LT_OK;
}

int person_bulk_transaction(lt_ctx *ctx, long expected, lt_err *e) {
    if (expected < BULK_SET_ASIDE_MIN || person_any(ctx) != 0) return db_begin(ctx->db, e);
    if (db_begin_unchecked(ctx->db, e)) return LT_EDB;
    if (person_any(ctx) == 0) return LT_OK;
    db_rollback(ctx->db); /* someone stored people before the transaction began */
    return db_begin(ctx->db, e);
}

int person_bulk_begin(lt_ctx *ctx, long expected, person_bulk **out, lt_err *e) {
    person_bulk *b = calloc(1, sizeof *b);
    if (!b) return lt_err_oom(e);
    b->ctx = ctx;
    long long stored = db_int(ctx->db, "SELECT coalesce(max(id), 0) FROM person", 0, e);
    if (stored < 0) { /* never number new people from a failed read */
        free(b);
        if (e && !e->code) lt_err_set(e, LT_EDB, "không đọc được số người đã có", "cannot read the people stored");
        return lt_err_code(e, LT_EDB);
    }
    b->next_id = b->members_from = stored + 1;
    if (expected >= BULK_SET_ASIDE_MIN && expected >= stored &&
        (db_set_aside(ctx->db, "person", &b->aside, e) ||
         db_set_aside(ctx->db, "membership", &b->aside_rows, e))) {
        person_bulk_free(b);
        return LT_EDB;
    }
    if (!(b->insert = person_stmt(ctx, 1, e))) {
        person_bulk_free(b);
        return LT_EDB;
    }
    *out = b;
    return LT_OK;
}

/* r refused with code and the message of why (copied: why is the maker's). */
static void ready_refused(person_ready *r, int code, const lt_err *why) {
    r->rc = code;
    if ((r->e = malloc(sizeof *r->e))) *r->e = *why;
}

void person_ready_make(const person_in *given, person_ready *r) {
    memset(r, 0, sizeof *r);
    r->p = *given;
    if (r->p.key_cadre < 0) r->p.key_cadre = 0;
    if (r->p.head < 0) r->p.head = 0;
    lt_err why;   /* (its texts cleared, not the whole: a ready person is made in a row's time) */
    why.code = 0;
    why.where[0] = why.vi[0] = why.en[0] = 0;
    int rc = person_validate_fields(&r->p, 1, &r->category, &r->gender, &r->d, &why);
    if (rc) {
        ready_refused(r, rc, &why);
        return;
    }
    r->fold = text_fold_dup(r->p.full_name);
    r->sort = text_name_sort_key(r->p.full_name, &r->sort_len);
    if (!r->fold || !r->sort) ready_refused(r, lt_err_oom(&why), &why);
}

void person_ready_clear(person_ready *r) {
    free(r->fold);
    free(r->sort);
    free(r->e);
    r->fold = NULL;
    r->sort = NULL;
    r->e = NULL;
}

/* The membership rows of the people added since members_from, with the
** membership table set aside: each one's first row holds what their person
** row does (from active_from), so one INSERT ... SELECT writes them all (a
** row each as the people came cost the writer a quarter of its time). */
static int bulk_members(person_bulk *b, lt_err *e) {
    if (!b->aside_rows || b->members_from >= b->next_id) return LT_OK;
    db_stmt *st = db_prepare(b->ctx->db, "INSERT INTO membership(person_id, valid_from, unit_id, position,"
                             " key_cadre, head) SELECT id, active_from, unit_id, position, key_cadre, head"
                             " FROM person WHERE id >= ?1 AND id < ?2", e);
    if (!st) return LT_EDB;
    db_bind_int(st, 1, b->members_from);
    db_bind_int(st, 2, b->next_id);
    b->members_from = b->next_id;
    return db_step_done(b->ctx->db, st, e);
}

int person_bulk_add_ready(person_bulk *b, const person_ready *r, lt_err *e) {
    if (r->rc) {
        if (e && r->e) *e = *r->e;
        else if (e) lt_err_oom(e);
        return r->rc;
    }
    long long unit_id = 0, id = b->next_id;
    if (bulk_unit(b, r->p.unit_code, &unit_id, e)) return e->code;
    person_keys k = {r->fold, r->sort, r->sort_len};
    int written;
    if (person_write(b->ctx, b->insert, 1, &r->p, r->category, r->gender, &r->d, unit_id, &k, &id,
                     &written, e))
        return e->code;
    member_state s = {unit_id, r->p.position ? r->p.position : "", r->p.key_cadre, r->p.head};
    if (!b->aside_rows && membership_first(b->ctx, id, r->d.since, &s, e)) /* else bulk_members */
        return e->code;
    db_aside_note_span(b->aside_rows, unit_id, r->d.since, NULL, s.key_cadre != 0, r->category);
    b->added++;
    b->next_id = id + 1;
    return LT_OK;
}

int person_bulk_add(person_bulk *b, const person_in *given, lt_err *e) {
    person_ready r;
    person_ready_make(given, &r);
    int rc = person_bulk_add_ready(b, &r, e);
    person_ready_clear(&r);
    return rc;
}

int person_bulk_add_history(person_bulk *b, const person_in *given, const person_span_in *spans, int n,
                            lt_err *e) {
    if (n < 1) return lt_err_set(e, LT_EINPUT, "tu_ngay: không có dòng nào", "tu_ngay: no rows");
    const char *category = NULL, *gender = NULL;
    person_dates d;
    long long unit_id = 0, id = b->next_id;
    person_in p = *given; /* written with the last row's unit and flags, from the first row's day */
    p.unit_code = spans[n - 1].unit_code;
    p.position = spans[n - 1].position;
    p.key_cadre = spans[n - 1].key_cadre > 0;
    p.head = spans[n - 1].head > 0;
    p.since = spans[0].from;
    if (person_validate_fields(&p, 1, &category, &gender, &d, e) ||
        bulk_unit(b, p.unit_code, &unit_id, e) || bulk_members(b, e))
        return e->code;
    int written;
    if (person_write_keyed(b->ctx, 1, &p, category, gender, &d, unit_id, &id, &written, e) ||
        membership_history_new(b->ctx, id, spans, n, e))
        return e->code;
    b->added++;
    b->next_id = b->members_from = id + 1;
    return LT_OK;
}

int person_bulk_end(person_bulk *b, const char *source, lt_err *e) {
    int rc = bulk_members(b, e);
    if (rc == LT_OK) rc = b->aside ? db_restore(b->ctx->db, b->aside, e) : LT_OK;
    b->aside = NULL;
    if (rc == LT_OK && b->aside_rows) rc = db_restore(b->ctx->db, b->aside_rows, e);
    b->aside_rows = NULL;
    if (rc == LT_OK && b->added) rc = db_ids_given(b->ctx->db, "person", e);
    if (rc == LT_OK && b->added) {
        json_t *after = json_pack("{s:s, s:I, s:I, s:I}", "source", source ? source : "",
                                  "inserted", (json_int_t)b->added, "first_id",
                                  (json_int_t)(b->next_id - b->added), "last_id", (json_int_t)(b->next_id - 1));
        char *text = json_dumps(after, JSON_COMPACT);
        rc = db_audit(b->ctx->db, b->ctx->actor, "import", "person", 0, NULL, text, e);
        free(text);
        json_decref(after);
    }
    person_bulk_free(b);
    return rc;
}

void person_bulk_free(person_bulk *b) {
    if (!b) return;
    for (long i = 0; i < b->nslots; i++) free(b->memo[i].code);
    free(b->memo);
    db_aside_free(b->aside);
    db_aside_free(b->aside_rows);
    free(b);
}

int person_any(lt_ctx *ctx) {
    return (int)db_int(ctx->db, "SELECT EXISTS (SELECT 1 FROM person)", 0, NULL);
}
