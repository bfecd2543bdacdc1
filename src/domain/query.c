/*
** query.c — the reading side of the API: lists of people, registrations,
** what is missing, the audit log and the public material, as rows of
** text with named columns that pages render as HTML and the API as JSON.
** Subtree scoping uses the tree of the year in question, passed to SQL as
** a JSON array of unit ids (json_each).
*/
#include "domain_int.h"

#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_MAX 100000

const char *rows_cell(const dom_rows *r, long row, int col) {
    if (row < 0 || row >= r->n || col < 0 || col >= r->ncols) return "";
    return r->cells[row * r->ncols + col];
}

int rows_column(const dom_rows *r, const char *name) {
    for (int c = 0; c < r->ncols; c++)
        if (!strcmp(r->names[c], name)) return c;
    return -1;
}

rows_type rows_cell_type(const dom_rows *r, long row, int col) {
    if (row < 0 || row >= r->n || col < 0 || col >= r->ncols) return ROWS_NULL;
    return (rows_type)r->types[row * r->ncols + col];
}

const char *rows_get(const dom_rows *r, long row, const char *name) {
    return rows_cell(r, row, rows_column(r, name)); /* "" for -1 */
}

long long rows_int(const dom_rows *r, long row, const char *name) {
    int c = rows_column(r, name);
    /* (an integer cell's text is SQLite's own decimal form of it) */
    return rows_cell_type(r, row, c) == ROWS_INT ? strtoll(rows_cell(r, row, c), NULL, 10) : 0;
}

void rows_free(dom_rows *r) {
    if (r->shared) {
        memo_let_go(r->shared);
        memset(r, 0, sizeof *r);
        return;
    }
    for (long i = 0; !r->text && i < r->n * r->ncols; i++) free(r->cells[i]);
    for (int c = 0; !r->text && c < r->ncols; c++) free(r->names[c]);
    free(r->text);
    free(r->cells);
    free(r->types);
    free(r->names);
    memset(r, 0, sizeof *r);
}

/* A copy of column c of the statement's row (given; NULL text is ""), or
** NULL when memory ran out (SQLite's own conversion of a number to text
** too: its NULL then is not a NULL value). */
static char *column_dup(db_stmt *st, int c) {
    int type = db_col_type(st, c);
    const char *t = db_col_text_or_null(st, c);
    if (!t && type != DB_NULL) return NULL;
    return strdup(t ? t : "");
}

/* Append the statement's row to out (room for *cap rows); LT_EOOM leaves
** out as it was. */
static int row_add(dom_rows *out, db_stmt *st, long *cap) {
    if (out->n == *cap) {
        long more = *cap ? *cap * 2 : 32;
        char **cells = realloc(out->cells, (size_t)(more * out->ncols) * sizeof *cells);
        if (cells) out->cells = cells;
        unsigned char *types = cells ? realloc(out->types, (size_t)(more * out->ncols)) : NULL;
        if (!types) return LT_EOOM;
        out->types = types;
        *cap = more;
    }
    char **row = &out->cells[out->n * out->ncols];
    unsigned char *type = &out->types[out->n * out->ncols];
    for (int c = 0; c < out->ncols; c++) {
        static const unsigned char of[] = {[DB_INT] = ROWS_INT, [DB_REAL] = ROWS_REAL, [DB_TEXT] = ROWS_TEXT,
                                           [DB_BLOB] = ROWS_TEXT, [DB_NULL] = ROWS_NULL};
        type[c] = of[db_col_type(st, c)];
        if ((row[c] = column_dup(st, c))) continue;
        while (c-- > 0) free(row[c]);
        return LT_EOOM;
    }
    out->n++;
    return LT_OK;
}

/* Run sql with parameters bound from fmt ('i' int, 'I' long long, 's'
** text or NULL) and collect every row (at most ROWS_MAX) into out. */
int rows_run(lt_ctx *ctx, dom_rows *out, lt_err *e, const char *sql, const char *fmt, ...) {
    memset(out, 0, sizeof *out);
    db_stmt *st = db_prepare(ctx->db, sql, e);
    if (!st) return LT_EDB;
    va_list ap;
    va_start(ap, fmt);
    for (int i = 0; fmt[i]; i++) {
        if (fmt[i] == 'i') db_bind_int(st, i + 1, va_arg(ap, int));
        else if (fmt[i] == 'I') db_bind_int(st, i + 1, va_arg(ap, long long));
        else db_bind_text(st, i + 1, va_arg(ap, const char *));
    }
    va_end(ap);
    int ncols = db_col_count(st), rc = LT_OK;
    out->names = calloc((size_t)(ncols ? ncols : 1), sizeof *out->names);
    for (int c = 0; out->names && c < ncols && rc == LT_OK; c++, out->ncols++) {
        const char *name = db_col_name(st, c);
        if (!name || !(out->names[c] = strdup(name))) rc = LT_EOOM;
    }
    if (!out->names) rc = LT_EOOM;
    long cap = 0;
    while (rc == LT_OK && out->n < ROWS_MAX) {
        int row = db_step_row(ctx->db, st, e);
        if (row <= 0) { rc = row ? lt_err_code(e, LT_EDB) : LT_OK; break; }
        rc = row_add(out, st, &cap);
    }
    db_reset(st);
    if (rc == LT_EOOM) lt_err_oom(e);
    if (rc) rows_free(out);
    return rc;
}

/* Marks for the units of r's tree whose merged predecessors matter (one
** byte a unit), or NULL when the year has none merged; *oom set when
** memory ran out. */
static char *merged_marks(const ind_result *r, int *oom) {
    char *in = r->nmerged ? calloc((size_t)(r->tree.n ? r->tree.n : 1), 1) : NULL;
    *oom = r->nmerged && !in;
    return in;
}

/* The ids of the units merged into the marked units of r's tree (their
** records of the year count there), appended to b as ",ID". */
static void append_merged(const ind_result *r, const char *in, lt_buf *b) {
    for (long m = 0; in && m < r->nmerged; m++)
        if (in[r->merged[m].idx]) lt_buf_printf(b, ",%lld", r->merged[m].id);
}

/* The ids of the subtree of root in year's tree as a JSON array (given),
** in *ids, and its number of units in *count; *ids is NULL when the
** subtree is the whole tree (root 0 means every unit), so that queries
** over everything need no list of 300,000 ids.  *year_r holds the year's
** tree (shared with the indicators) until ind_release: the year's tally
** alone when the whole year is not cached (a list needs the tree, not the
** year's counts: the first name search after a start computed the whole
** national year, 0.3-0.6 s). */
static int subtree_of(lt_ctx *ctx, long long root, int year, const ind_result **year_r,
                      char **ids, long *count, lt_err *e) {
    *ids = NULL;
    if (ind_get_tally(ctx, year, year_r, e)) return lt_err_code(e, LT_EDB);
    const unit_tree *t = &(*year_r)->tree;
    long start = root ? tree_index(t, root) : -1, k = 0, i;
    if (root == 0 || (start >= 0 && t->nodes[start].parent < 0 && t->ntops == 1)) {
        *count = t->n;
        return LT_OK;
    }
    lt_buf b;
    lt_buf_init(&b, 0);
    lt_buf_putc(&b, '[');
    tree_walk w;
    int oom;
    char *in = merged_marks(*year_r, &oom);
    if (oom || tree_walk_begin(&w, t, start)) b.err = LT_EOOM; /* not in the year's tree: none */
    while (!oom && (i = tree_walk_next(&w)) >= 0) {
        lt_buf_printf(&b, "%s%lld", k++ ? "," : "", t->nodes[i].id);
        if (in) in[i] = 1;
    }
    if (!oom) tree_walk_end(&w);
    append_merged(*year_r, in, &b); /* and the units merged into them */
    free(in);
    lt_buf_putc(&b, ']');
    *count = k;
    /* never NULL here: NULL means the whole tree */
    if (!(*ids = lt_buf_take(&b))) { ind_release(*year_r); return lt_err_oom(e); }
    return LT_OK;
}

static int subtree_ids(lt_ctx *ctx, long long root, int year, char **ids, long *count,
                       lt_err *e) {
    const ind_result *r;
    int rc = subtree_of(ctx, root, year, &r, ids, count, e);
    if (rc == LT_OK) ind_release(r);
    return rc;
}

/* The condition "col is in the subtree" for SQL whose ?1 is ids (NULL:
** every unit). */
static const char *in_subtree(lt_ctx *ctx, const char *ids, const char *col, char *buf, size_t n) {
    if (!ids) return "TRUE";
    char list[160];
    db_json_ids_sql(ctx->db, 1, list, sizeof list);
    snprintf(buf, n, "%s IN (%s)", col, list);
    return buf;
}

/* Rows of fmt (SQL with one %s, the condition that col is in root's
** subtree of year; ?2 the year) into out. */
static int subtree_rows(lt_ctx *ctx, long long root, int year, const char *fmt, const char *col,
                        dom_rows *out, lt_err *e) {
    char *ids, sql[1024], cond[256];
    long units;
    if (subtree_ids(ctx, root, year, &ids, &units, e)) return lt_err_code(e, LT_EDB);
    snprintf(sql, sizeof sql, fmt, in_subtree(ctx, ids, col, cond, sizeof cond));
    int rc = rows_run(ctx, out, e, sql, "si", ids, year);
    free(ids);
    return rc;
}

/* A subtree of at most this many units has its people listed with LIKE
** among its own people (every match) rather than through the word index
** (the first matches); tests lower it (q_set_small_subtree). */
static long small_subtree = Q_SMALL_SUBTREE;

void q_set_small_subtree(long units) { small_subtree = units; }

static int this_year(void) {
    char today[11];
    lt_today(today);
    return atoi(today);
}

/* People's rows name their unit by id (unit_code) and leave its name
** (unit_name) to units_named, which takes both from the year's tree in
** memory: a list of 200 people read 200 unit rows from anywhere in the
** file otherwise.  Unit, position and flags are those of the person's
** membership row m on the year's reference date (?10). */
#define PEOPLE_COLS "SELECT p.code, p.full_name, m.unit_id AS unit_code, '' AS unit_name," \
    " m.position, p.category, m.key_cadre, m.head FROM person p JOIN membership m ON"  \
    " m.person_id=p.id AND " MEMBER_ON("?10")
/* People of the word index's first matches (%s: db_words_sql's, of the
** match ?2) in the subtree (%s), read from person_by_name_rank (ranks near
** each other): ?3 the limit, ?4 the offset, ?10 the reference date. */
#define PEOPLE_HITS "SELECT p.code, p.full_name, m.unit_id AS unit_code, '' AS unit_name,"  \
    " m.position, p.category, m.key_cadre, m.head FROM person p INDEXED BY"               \
    " person_by_name_rank JOIN membership m ON m.person_id=p.id AND " MEMBER_ON("?10")   \
    " WHERE p.name_rank IN (%s) AND %s ORDER BY p.name_sort, p.code LIMIT ?3 OFFSET ?4"

/* Replace a cell's text; LT_EOOM leaves it as it was. */
static int set_cell(dom_rows *rows, long row, int col, const char *text) {
    char **cell = &rows->cells[row * rows->ncols + col], *copy = strdup(text);
    if (!copy) return LT_EOOM;
    free(*cell);
    *cell = copy;
    rows->types[row * rows->ncols + col] = ROWS_TEXT;
    return LT_OK;
}

/* Replace each row's unit id (unit_code) by the unit's code and fill its
** name (unit_name), from the tree t, or for a unit not in it (one closed
** before this year) from the unit table. */
static int units_named(lt_ctx *ctx, const unit_tree *t, dom_rows *rows, lt_err *e) {
    int code = rows_column(rows, "unit_code"), name = rows_column(rows, "unit_name");
    for (long i = 0; code >= 0 && name >= 0 && i < rows->n; i++) {
        long long id = rows_int(rows, i, "unit_code");
        long k = tree_index(t, id);
        if (k >= 0) {
            if (set_cell(rows, i, name, t->nodes[k].name) || set_cell(rows, i, code, t->nodes[k].code))
                return lt_err_oom(e);
            continue;
        }
        dom_rows u;
        int rc = rows_run(ctx, &u, e, "SELECT code, name FROM unit WHERE id=?", "I", id);
        if (rc) return rc;
        if (set_cell(rows, i, name, rows_cell(&u, 0, 1)) || set_cell(rows, i, code, rows_cell(&u, 0, 0)))
            rc = lt_err_oom(e);
        rows_free(&u);
        if (rc) return rc;
    }
    return LT_OK;
}

int q_people(lt_ctx *ctx, long long root, int year, const char *text, int limit, int offset,
             dom_rows *out, lt_err *e) {
    char *ids, *fold = text && *text ? text_fold_dup(text) : NULL, sql[1536], cond[256], ref[11];
    long units;
    const ind_result *year_r;
    if (text && *text && !fold) return lt_err_oom(e);
    if (year <= 0) year = this_year();
    if (dom_year_ref(ctx, year, ref, e) || subtree_of(ctx, root, year, &year_r, &ids, &units, e)) {
        free(fold);
        return lt_err_code(e, LT_EDB);
    }
    const char *where = in_subtree(ctx, ids, "m.unit_id", cond, sizeof cond);
    char match[SEARCH_WORDS * 128];
    int rc;
    if (fold && units > small_subtree
        && db_words_query(ctx->db, fold, 0, SEARCH_WORDS, match, sizeof match) > 0) {
        /* whole words; their beginnings only when nothing matches */
        char hits[256], candidates[16];
        snprintf(candidates, sizeof candidates, "%d", SEARCH_CANDIDATES);
        db_words_sql(ctx->db, 1, 2, candidates, hits, sizeof hits);
        snprintf(sql, sizeof sql, PEOPLE_HITS, hits, where);
        rc = rows_run(ctx, out, e, sql, "ssiissssss", ids, match, limit, offset, NULL, NULL, NULL,
                      NULL, NULL, ref);
        if (rc == LT_OK && out->n == 0 && offset == 0) {
            rows_free(out);
            db_words_query(ctx->db, fold, 1, SEARCH_WORDS, match, sizeof match);
            rc = rows_run(ctx, out, e, sql, "ssiissssss", ids, match, limit, offset, NULL, NULL,
                          NULL, NULL, NULL, ref);
        }
    } else {
        char pats[SEARCH_WORDS][128];
        search_patterns(fold ? fold : "", pats);
        snprintf(sql, sizeof sql, PEOPLE_COLS " WHERE %s AND p.name_fold LIKE ?2 ESCAPE '\\'"
                 " AND p.name_fold LIKE ?3 ESCAPE '\\' AND p.name_fold LIKE ?4 ESCAPE '\\'"
                 " AND p.name_fold LIKE ?5 ESCAPE '\\' AND p.name_fold LIKE ?6 ESCAPE '\\'"
                 " AND p.name_fold LIKE ?7 ESCAPE '\\' ORDER BY p.name_sort, p.code LIMIT ?8"
                 " OFFSET ?9", where);
        rc = rows_run(ctx, out, e, sql, "sssssssiis", ids, pats[0], pats[1], pats[2], pats[3],
                      pats[4], pats[5], limit, offset, ref);
    }
    if (rc == LT_OK && (rc = units_named(ctx, &year_r->tree, out, e))) rows_free(out);
    ind_release(year_r);
    free(fold);
    free(ids);
    return rc;
}

#define PERSON_SQL                                                                        \
    "SELECT p.code, p.full_name, u.code AS unit_code, u.name AS unit_name, p.position,"       \
    " p.category, p.key_cadre, p.head, " BIRTH_VN("p.birth_date")                              \
    " AS birth_date, p.gender, p.unit_id, p.id, coalesce(strftime('%d/%m/%Y',"                \
    " p.party_joined_on), '') AS party_joined_on, p.workplace, coalesce(strftime('%d/%m/%Y',"   \
    " p.active_to), '') AS left_on FROM person p JOIN unit u ON u.id=p.unit_id"

static int one_person(dom_rows *out, int rc, const char *what, lt_err *e) {
    if (rc == LT_OK && out->n == 0) {
        rows_free(out);
        return lt_err_set(e, LT_ENOTFOUND, "không có người %s", "no person %s", what);
    }
    return rc;
}

int q_person(lt_ctx *ctx, const char *code, dom_rows *out, lt_err *e) {
    return one_person(out, rows_run(ctx, out, e, PERSON_SQL " WHERE p.code=?", "s", code), code, e);
}

int q_person_by_id(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e) {
    return one_person(out, rows_run(ctx, out, e, PERSON_SQL " WHERE p.id=?", "I", id), "", e);
}

int q_person_registrations(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT r.id, r.year, r.status, coalesce(r.grade, '') AS grade,"
                    " r.published_at, u.code AS unit_code, u.name AS unit_name FROM registration r"
                    " JOIN unit u ON u.id=r.unit_id WHERE r.person_id=? ORDER BY r.year DESC", "I",
                    person_id);
}

int q_person_memberships(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT u.code AS unit_code, u.name AS unit_name,"
                    " strftime('%d/%m/%Y', m.valid_from) AS valid_from, coalesce(strftime('%d/%m/%Y',"
                    " m.valid_to), '') AS valid_to, m.position, m.key_cadre, m.head FROM membership m"
                    " JOIN unit u ON u.id=m.unit_id WHERE m.person_id=? ORDER BY m.valid_from DESC",
                    "I", person_id);
}

int q_registration(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e) {
    int rc = rows_run(ctx, out, e,
        "SELECT r.id, r.year, r.status, r.grade, r.return_reason, r.approved_by, r.approved_at,"
        " r.published_at, r.evaluated_by, r.version, p.id AS person_id, p.code AS person_code,"
        " p.full_name, " REG_POSITION " AS position, r.key_cadre, u.id AS unit_id, u.code AS"
        " unit_code, u.name AS unit_name, coalesce(strftime('%d/%m/%Y', p.party_joined_on), '')"
        " AS party_joined_on, p.workplace, " BIRTH_VN("p.birth_date") " AS birth_date, p.category FROM registration r"
        " JOIN person p ON p.id=r.person_id JOIN unit u ON u.id=r.unit_id WHERE r.id=?", "I", reg_id);
    if (rc == LT_OK && out->n == 0) {
        rows_free(out);
        return lt_err_set(e, LT_ENOTFOUND, "không có bản đăng ký số %lld",
                          "no registration number %lld", reg_id);
    }
    return rc;
}

int q_registration_items(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT position, body, item_group, coalesce(strftime("
                    "'%d/%m/%Y', deadline), '') AS deadline, assessment, assessment_note FROM"
                    " registration_item WHERE registration_id=? ORDER BY position", "I", reg_id);
}

int q_registration_history(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT from_status, to_status, actor, at, reason FROM"
                    " registration_transition WHERE registration_id=? ORDER BY id", "I", reg_id);
}

/* The SQL of each missing list: %s the condition that the unit column
** col is in the subtree (?1 its ids), ?2 the year, ?3 its first day, ?4
** its reference date, ?5 the day it is judged on (the reference date, or
** today while that is ahead), ?6 the limit (each list uses some). */
static const struct { const char *col, *sql; } missing_sql[] = {
    [MISSING_DEPLOYMENTS] = {"u.id",
        "SELECT u.code, u.name FROM unit u WHERE %s"
        " AND u.kind IN ('grassroots_committee','grassroots_cell','cell') AND NOT EXISTS"
        " (SELECT 1 FROM deployment d WHERE d.unit_id=u.id AND d.year=?2)"
        " ORDER BY u.name COLLATE vi, u.code LIMIT ?6"},
    /* as the indicators count them: the people whose membership row of the
    ** year's reference date (?4) is in the subtree, with no registration
    ** of the year submitted or further (their registrations count there) */
    [MISSING_REGISTRATIONS] = {"m.unit_id",
        "SELECT p.code, p.full_name, u.name AS unit_name, p.position, m.unit_id FROM membership m JOIN person p ON"
        " p.id=m.person_id JOIN unit u ON u.id=m.unit_id WHERE %s AND m.valid_from<=?4 AND"
        " (m.valid_to IS NULL OR m.valid_to>=?4) AND p.category<>'other' AND NOT EXISTS"
        " (SELECT 1 FROM registration r WHERE r.person_id=p.id AND r.year=?2 AND"
        " r.status<>'draft' AND r.status<>'returned') ORDER BY p.name_sort, p.code LIMIT ?6"},
    [MISSING_APPROVALS] = {"r.unit_id",
        "SELECT r.id, p.code, p.full_name, u.name AS unit_name FROM registration r JOIN person p"
        " ON p.id=r.person_id JOIN unit u ON u.id=r.unit_id WHERE %s AND r.year=?2"
        " AND r.status='submitted' ORDER BY p.name_sort, p.code LIMIT ?6"},
    /* as the indicators count them: the key cadres whose membership row of
    ** the reference date is in the subtree, with no published registration
    ** of the year, and where their registration stands */
    [MISSING_PUBLICATIONS] = {"m.unit_id",
        "SELECT p.code, p.full_name, u.name AS unit_name, coalesce((SELECT r.status FROM registration r"
        " WHERE r.person_id=p.id AND r.year=?2 ORDER BY r.id DESC LIMIT 1), 'not_registered') AS status FROM membership m"
        " JOIN person p ON p.id=m.person_id JOIN unit u ON u.id=m.unit_id WHERE %s AND m.valid_from<=?4 AND"
        " (m.valid_to IS NULL OR m.valid_to>=?4) AND m.key_cadre=1 AND p.category<>'other' AND NOT EXISTS"
        " (SELECT 1 FROM registration r WHERE r.person_id=p.id AND r.year=?2 AND r.published_at IS NOT NULL)"
        " ORDER BY p.name_sort, p.code LIMIT ?6"},
    /* as the indicators count them: follow-ups of the inspections held in
    ** the year, open and past due on the day judged */
    [MISSING_FOLLOWUPS] = {"i.inspected_unit_id",
        "SELECT f.id, f.body, strftime('%%d/%%m/%%Y', f.due_on) AS due_on, u.name AS unit_name"
        " FROM followup f JOIN inspection i ON i.id=f.inspection_id JOIN unit u ON"
        " u.id=i.inspected_unit_id WHERE %s AND i.held_on BETWEEN ?3 AND substr(?3, 1, 4) || '-12-31' AND"
        " (f.done_on IS NULL OR f.done_on>?5) AND f.due_on<?5 ORDER BY f.due_on LIMIT ?6"},
    /* as the indicators count them: the key cadres whose membership row of
    ** the reference date is in the subtree, with no registration submitted
    ** (and not returned) first submitted by the year's key-cadre deadline;
    ** the day theirs was submitted, if it was */
    [MISSING_KEY_LATE] = {"m.unit_id",
        "SELECT p.code, p.full_name, u.name AS unit_name, coalesce((SELECT strftime('%%d/%%m/%%Y', r.submitted_on)"
        " FROM registration r WHERE r.person_id=p.id AND r.year=?2 AND r.status<>'draft' AND r.status<>'returned'),"
        " 'not_registered') AS submitted_on FROM membership m JOIN person p ON p.id=m.person_id JOIN unit u ON"
        " u.id=m.unit_id JOIN year_setup y ON y.year=?2 AND y.key_deadline IS NOT NULL WHERE %s AND"
        " m.valid_from<=?4 AND (m.valid_to IS NULL OR m.valid_to>=?4) AND m.key_cadre=1 AND p.category<>'other'"
        " AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.person_id=p.id AND r.year=?2 AND"
        " r.status<>'draft' AND r.status<>'returned' AND r.submitted_on<=y.key_deadline)"
        " ORDER BY p.name_sort, p.code LIMIT ?6"},
    [MISSING_COLLECTIVES] = {"u.id",
        "SELECT u.code, u.name, coalesce((SELECT c.status FROM collective c WHERE c.unit_id=u.id AND c.year=?2),"
        " 'not_registered') AS status FROM unit u WHERE %s AND u.kind IN ('grassroots_committee','grassroots_cell',"
        "'cell') AND NOT EXISTS (SELECT 1 FROM collective c WHERE c.unit_id=u.id AND c.year=?2 AND"
        " c.status<>'draft' AND c.status<>'returned') ORDER BY u.name COLLATE vi, u.code LIMIT ?6"},
};

/* How many of a list's items a unit's own counts say it holds (for
** publications, an upper bound: key cadres required and not published). */
static long long missing_in(const ind_counts *c, missing_kind kind) {
    switch (kind) {
    case MISSING_DEPLOYMENTS: return c->targets - c->deployed;
    case MISSING_REGISTRATIONS: return c->reg_required - c->registered;
    case MISSING_APPROVALS: return c->reg_submitted - c->reg_approved;
    case MISSING_PUBLICATIONS: return c->key_required - c->key_published;
    case MISSING_FOLLOWUPS: return c->followups_overdue;
    case MISSING_KEY_LATE: return c->key_due - c->key_on_time;
    case MISSING_COLLECTIVES: return c->targets - c->collective;
    }
    return 0;
}

/* The units of root's subtree (year's tree) whose own counts hold items of
** the list, in tree order, until they hold `limit` of them: a JSON array
** (given), or NULL when there are none.  The indicators already know
** where the missing items are, so the list's query reads a few units
** instead of a whole country. */
static int missing_units(lt_ctx *ctx, long long root, int year, missing_kind kind, int limit,
                         char **ids, lt_err *e) {
    const ind_result *r;
    *ids = NULL;
    if (ind_get(ctx, year, year, &r, e)) return lt_err_code(e, LT_EDB);
    const unit_tree *t = &r->tree;
    long found = 0, i;
    long long held = 0;
    lt_buf b;
    lt_buf_init(&b, 0);
    tree_walk w;
    int oom;
    char *in = merged_marks(r, &oom);
    if (oom || (root == 0 ? tree_walk_all(&w, t) : tree_walk_begin(&w, t, tree_index(t, root))))
        b.err = LT_EOOM; /* (a root not in the year's tree: none) */
    while (!oom && held < limit && (i = tree_walk_next(&w)) >= 0) {
        long long k = missing_in(ind_own(r, i), kind);
        if (k > 0) {
            lt_buf_printf(&b, "%s%lld", found++ ? "," : "[", t->nodes[i].id);
            held += k;
            if (in) in[i] = 1;
        }
    }
    if (!oom) tree_walk_end(&w);
    append_merged(r, in, &b); /* units whose items count there */
    free(in);
    ind_release(r);
    if (b.err) { lt_buf_free(&b); return lt_err_oom(e); }
    if (!found) { lt_buf_free(&b); return LT_OK; }
    lt_buf_putc(&b, ']');
    /* never NULL here: NULL means no unit holds any */
    return (*ids = lt_buf_take(&b)) ? LT_OK : lt_err_oom(e);
}

static int missing_rows(lt_ctx *ctx, long long root, int year, int list, int limit,
                        dom_rows *out, lt_err *e) {
    missing_kind kind = (missing_kind)list; /* checked by q_missing */
    char *ids, sql[1536], cond[256];
    int rc = missing_units(ctx, root, year, kind, limit, &ids, e);
    if (rc) return rc;
    /* ids NULL: no unit holds any; an empty list with its columns, no rows read */
    snprintf(sql, sizeof sql, missing_sql[kind].sql,
             !ids ? "FALSE" : *ids ? in_subtree(ctx, ids, missing_sql[kind].col, cond, sizeof cond) : "TRUE");
    char y0[16], ref[11], today[11];
    snprintf(y0, sizeof y0, "%04d-01-01", year);
    lt_today(today);
    rc = dom_year_ref(ctx, year, ref, e);
    const char *judged = strcmp(ref, today) < 0 ? ref : today;
    if (rc == LT_OK) rc = rows_run(ctx, out, e, sql, "sisssi", ids, year, y0, ref, judged, limit);
    free(ids);
    return rc;
}

int q_missing(lt_ctx *ctx, long long root, int year, missing_kind kind, int limit,
              dom_rows *out, lt_err *e) {
    if ((unsigned)kind >= LT_ARRAY_LEN(missing_sql))
        return lt_err_set(e, LT_EINPUT, "danh sách không hợp lệ", "unknown list");
    return memo_rows(ctx, root, year, (int)kind, limit, missing_rows, out, e);
}

int q_audit(lt_ctx *ctx, const char *actor, const char *entity, const char *from,
            const char *to, int limit, int offset, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e,
        "SELECT id, actor, at, action, entity, entity_id, before, after FROM audit"
        " WHERE (coalesce(?1,'')='' OR actor=?1) AND (coalesce(?2,'')='' OR entity=?2)"
        " AND (coalesce(?3,'')='' OR at>=?3) AND (coalesce(?4,'')='' OR at<?4 || 'T99')"
        " ORDER BY id DESC LIMIT ?5 OFFSET ?6", "ssssii", actor, entity, from, to, limit, offset);
}

/* SQL: the audit row a's group of entities (q_audit_list's kinds). */
#define AUDIT_KIND "CASE a.entity WHEN 'registration_item' THEN 'registration' WHEN 'unit_letterhead' THEN 'unit'" \
    " WHEN 'year_setup' THEN 'topic' WHEN 'mass_deployment' THEN 'deployment' WHEN 'followup' THEN 'inspection'" \
    " WHEN 'commendation' THEN 'model' WHEN 'collective_item' THEN 'collective' ELSE a.entity END"
/* SQL: the unit, person and registration an audit row a is about, and a title. */
#define AUDIT_ON(t, col) "(SELECT " col " FROM " t " WHERE id=a.entity_id)"
#define AUDIT_UNIT "CASE a.entity WHEN 'unit' THEN a.entity_id WHEN 'unit_letterhead' THEN a.entity_id" \
    " WHEN 'deployment' THEN " AUDIT_ON("deployment", "unit_id") " WHEN 'mass_deployment' THEN "          \
    AUDIT_ON("mass_deployment", "unit_id") " WHEN 'standard' THEN " AUDIT_ON("standard", "unit_id")     \
    " WHEN 'breakthrough' THEN " AUDIT_ON("breakthrough", "unit_id") " WHEN 'report_text' THEN "          \
    AUDIT_ON("report_text", "unit_id") " WHEN 'topic' THEN " AUDIT_ON("topic", "unit_id")                 \
    " WHEN 'inspection' THEN " AUDIT_ON("inspection", "inspected_unit_id") " WHEN 'followup' THEN"       \
    " (SELECT i.inspected_unit_id FROM followup f JOIN inspection i ON i.id=f.inspection_id WHERE"        \
    " f.id=a.entity_id) WHEN 'model' THEN " AUDIT_ON("model", "unit_id") " WHEN 'commendation' THEN "     \
    AUDIT_ON("commendation", "unit_id") " WHEN 'collective' THEN " AUDIT_ON("collective", "unit_id")      \
    " WHEN 'collective_item' THEN (SELECT c.unit_id FROM collective_item i JOIN collective c ON"           \
    " c.id=i.collective_id WHERE i.id=a.entity_id) END"
#define AUDIT_REG "CASE a.entity WHEN 'registration' THEN a.entity_id WHEN 'registration_item' THEN " \
    AUDIT_ON("registration_item", "registration_id") " END"
#define AUDIT_TITLE "CASE a.entity WHEN 'topic' THEN " AUDIT_ON("topic", "title") " WHEN 'model' THEN " \
    AUDIT_ON("model", "title") " WHEN 'commendation' THEN " AUDIT_ON("commendation", "title")          \
    " WHEN 'account' THEN " AUDIT_ON("account", "login") " END"

int q_audit_list(lt_ctx *ctx, const audit_filter *f, dom_rows *out, lt_err *e) {
    char *fold = f->who && *f->who ? text_fold_dup(f->who) : NULL, pat[SEARCH_WORDS][128];
    if (f->who && *f->who && !fold) return lt_err_set(e, LT_EINPUT, "tên người không hợp lệ", "invalid name");
    search_patterns(fold ? fold : "", pat);
    free(fold);
#define AUDIT_WHO(p) "(coalesce(ap.name_fold, '') || ' ' || a.actor) LIKE " p " ESCAPE '\\'"
    return rows_run(ctx, out, e,
        "SELECT a.id, a.at, a.actor, a.actor_name, a.action, a.entity, coalesce(a.entity_id, 0) AS entity_id,"
        " coalesce(tp.full_name, tu.name, a.title, '') AS target, rg.year AS target_year,"
        " coalesce(a.reg_id, 0) AS reg_id, coalesce(tp.code, '') AS person_code, coalesce(tu.code, '') AS"
        " unit_code, CASE a.entity WHEN 'account' THEN coalesce(a.title, '') ELSE '' END AS account_login,"
        " coalesce(a.before, '') AS before, coalesce(a.after, '') AS after FROM (SELECT a.*,"
        " coalesce(ap.full_name, '') AS actor_name, " AUDIT_UNIT " AS unit_id, " AUDIT_REG " AS reg_id,"
        " " AUDIT_TITLE " AS title FROM audit a LEFT JOIN account ac ON ac.login=a.actor LEFT JOIN person ap"
        " ON ap.id=ac.person_id WHERE " AUDIT_WHO("?1") " AND " AUDIT_WHO("?2") " AND " AUDIT_WHO("?3")
        " AND (?4='' OR " AUDIT_KIND "=?4) AND (?5='' OR date(a.at, '+7 hours')>=?5)"
        " AND (?6='' OR date(a.at, '+7 hours')<=?6) ORDER BY a.id DESC LIMIT ?7 OFFSET ?8) a"
        " LEFT JOIN registration rg ON rg.id=a.reg_id LEFT JOIN person tp ON tp.id=CASE WHEN"
        " a.entity='person' THEN a.entity_id ELSE rg.person_id END LEFT JOIN unit tu ON tu.id=a.unit_id"
        " ORDER BY a.id DESC", "ssssssii", pat[0], pat[1], pat[2], f->kind ? f->kind : "",
        f->from ? f->from : "", f->to ? f->to : "", f->limit > 0 ? f->limit : 50, f->offset);
}

int q_years(lt_ctx *ctx, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e,
        "SELECT yy.year, coalesce(y.registration_deadline, '') AS registration_deadline,"
        " coalesce(y.key_deadline, '') AS key_deadline,"
        " coalesce(y.midyear_deadline, '') AS midyear_deadline, coalesce(y.review_deadline, '') AS"
        " review_deadline, coalesce(t.title, '') AS title, coalesce(t.body, '') AS body, coalesce(t.source_doc, '')"
        " AS source_doc, coalesce(u.name, '') AS unit_name,"
        " coalesce(u.code, '') AS unit_code FROM (SELECT year FROM year_setup UNION SELECT year FROM topic) yy"
        " LEFT JOIN year_setup y ON y.year=yy.year LEFT JOIN topic t ON t.year=yy.year LEFT JOIN unit u ON"
        " u.id=t.unit_id ORDER BY yy.year DESC, u.name COLLATE vi, u.code", "");
}

int q_year_deadlines(lt_ctx *ctx, int year, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e,
        "SELECT coalesce(registration_deadline, '') AS registration_deadline, coalesce(key_deadline, '') AS"
        " key_deadline, coalesce(midyear_deadline, '') AS midyear_deadline, coalesce(review_deadline, '') AS"
        " review_deadline FROM year_setup WHERE year=?1", "i", year);
}

static int year_list_rows(lt_ctx *ctx, long long root, int year, int kind, int limit, dom_rows *out,
                          lt_err *e) {
    (void)root, (void)year, (void)kind, (void)limit;
    return rows_run(ctx, out, e,
        /* each year the next one down of either table, by two index seeks: not
        ** a read of every topic, nor a temporary tree */
        "WITH RECURSIVE yy(year) AS (SELECT max(m) FROM (SELECT max(year) AS m FROM topic UNION ALL"
        " SELECT max(year) FROM year_setup) AS tops UNION ALL SELECT (SELECT max(m) FROM (SELECT"
        " max(year) AS m FROM topic WHERE year<yy.year UNION ALL SELECT max(year) FROM year_setup WHERE"
        " year<yy.year) AS below) FROM yy WHERE yy.year IS NOT NULL) SELECT year, coalesce((SELECT review_deadline FROM year_setup y"
        " WHERE y.year=yy.year), '') AS review_deadline FROM yy WHERE year IS NOT NULL", "");
}

int q_year_list(lt_ctx *ctx, dom_rows *out, lt_err *e) {
    /* every dashboard asks (for the years still open): kept while nothing changes */
    return memo_rows(ctx, 0, 0, MEMO_YEAR_LIST, 0, year_list_rows, out, e);
}

/* The closed units and their successors, each only when in the actor's
** scope (scope.c: a closed unit by the tree of its last day): %s the
** statement that defines scoped(id), then the conditions on a successor s
** and on the unit u. */
#define CLOSED_SQL "%sSELECT u.code, u.name, u.kind, strftime('%%d/%%m/%%Y', u.active_to) AS active_to," \
    " coalesce((SELECT group_concat(s.name, '; ') FROM unit_merge m JOIN unit s ON" \
    " s.id=m.successor_id WHERE m.unit_id=u.id AND %s), '') AS successors FROM unit u WHERE" \
    " u.active_to IS NOT NULL AND %s ORDER BY u.active_to DESC, u.name COLLATE vi, u.code"

int q_units_closed(lt_ctx *ctx, dom_rows *out, lt_err *e) {
    char cte[1024], sql[2048], today[11];
    if (scope_sees_all(ctx)) {
        snprintf(sql, sizeof sql, CLOSED_SQL, "", "TRUE", "TRUE");
        return rows_run(ctx, out, e, sql, "");
    }
    if (scope_units_sql(cte, sizeof cte, "u.active_to IS NOT NULL OR u.id IN"
                        " (SELECT successor_id FROM unit_merge)"))
        return lt_err_set(e, LT_EDB, "lỗi nội bộ", "internal error: scope SQL too long");
    snprintf(sql, sizeof sql, CLOSED_SQL, cte, "s.id IN (SELECT id FROM scoped)",
             "u.id IN (SELECT id FROM scoped)");
    lt_today(today);
    return rows_run(ctx, out, e, sql, "Is", ctx->scope_unit, today);
}

int q_collectives(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    /* (root a parameter, not in the text: one statement for every unit) */
    char *ids, sql[1024], cond[256];
    long units;
    if (subtree_ids(ctx, root, year, &ids, &units, e)) return lt_err_code(e, LT_EDB);
    snprintf(sql, sizeof sql, "SELECT u.code, u.name, u.kind, c.id AS id, coalesce(c.status, '') AS"
             " status, coalesce(c.grade, '') AS grade FROM unit u LEFT JOIN collective c ON c.unit_id=u.id"
             " AND c.year=?2 WHERE %s AND u.id<>?3 AND u.kind IN ('grassroots_committee',"
             "'grassroots_cell','cell') ORDER BY u.name COLLATE vi, u.code", in_subtree(ctx, ids, "u.id", cond, sizeof cond));
    int rc = rows_run(ctx, out, e, sql, "siI", ids, year, root);
    free(ids);
    return rc;
}

int q_public_collectives(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT c.id, u.name AS unit_name, strftime('%%d/%%m/%%Y', c.published_at, '+7 hours') AS published_at,"
        " i.position, i.body, i.item_group FROM collective c JOIN unit u ON u.id=c.unit_id JOIN collective_item i"
        " ON i.collective_id=c.id WHERE %s AND c.year=?2 AND c.published_at IS NOT NULL"
        " ORDER BY u.name COLLATE vi, u.code, c.id, i.position", "c.unit_id", out, e);
}

int q_public_registrations(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT r.id, p.code, p.full_name, " REG_POSITION " AS position, u.name AS unit_name,"
        " strftime('%%d/%%m/%%Y', r.published_at) AS published_at FROM registration r JOIN person p"
        " ON p.id=r.person_id JOIN unit u ON u.id=r.unit_id WHERE %s"
        " AND r.year=?2 AND r.key_cadre=1 AND r.published_at IS NOT NULL"
        " ORDER BY u.name COLLATE vi, u.code, p.name_sort, p.code", "r.unit_id", out, e);
}

int q_public_standards(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT u.name AS unit_name, s.motto, s.items, strftime('%%d/%%m/%%Y', s.adopted_on) AS"
        " adopted_on FROM standard s JOIN unit u ON u.id=s.unit_id WHERE %s"
        " AND s.valid_from<=?2 AND (s.valid_to IS NULL OR"
        " s.valid_to>=?2) ORDER BY u.name COLLATE vi, u.code, s.id", "s.unit_id", out, e);
}

int q_public_models(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT m.year, m.title, m.description, coalesce(p.full_name, su.name, m.subject_text)"
        " AS subject, u.name AS unit_name, m.contribution_vnd AS contribution_vnd,"
        " c.level, c.decision_no FROM model m JOIN commendation c ON c.model_id=m.id JOIN unit u"
        " ON u.id=m.unit_id LEFT JOIN person p ON p.id=m.subject_person_id LEFT JOIN unit su ON"
        " su.id=m.subject_unit_id WHERE %s AND"
        " m.year<=?2 ORDER BY m.year DESC, m.title COLLATE vi, m.id", "m.unit_id", out, e);
}

int q_subtree_breakthroughs(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT b.year, u.name AS unit_name, b.body, b.result FROM breakthrough b JOIN unit u ON"
        " u.id=b.unit_id WHERE %s AND b.year<=?2 ORDER BY b.year DESC, u.name_sort, b.id", "b.unit_id", out, e);
}

int q_subtree_inspections(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e) {
    return subtree_rows(ctx, root, year,
        "SELECT CAST(strftime('%%Y', i.held_on) AS INTEGER) AS year, i.kind, strftime('%%d/%%m/%%Y',"
        " i.held_on) AS held_on, u.name AS unit_name, b.name AS inspecting, i.content, i.conclusion FROM"
        " inspection i JOIN unit u ON u.id=i.inspected_unit_id JOIN unit b ON b.id=i.inspecting_unit_id"
        " WHERE %s AND strftime('%%Y', i.held_on)<=CAST(?2 AS TEXT) ORDER BY i.held_on DESC, i.id",
        "i.inspected_unit_id", out, e);
}

int q_unit_records(lt_ctx *ctx, long long unit_id, int year, const char *what, dom_rows *out,
                   lt_err *e) {
    static const struct { const char *what, *sql; } q[] = {
        {"deployments", "SELECT year, strftime('%d/%m/%Y', held_on) AS held_on, form, present,"
                        " expected FROM deployment WHERE unit_id=?1 ORDER BY year DESC"},
        {"inspections", "SELECT i.id, i.kind, strftime('%d/%m/%Y', i.held_on) AS held_on, b.name"
                        " AS inspecting, i.content, i.conclusion, (SELECT count(*) FROM followup f"
                        " WHERE f.inspection_id=i.id AND f.done_on IS NULL) AS followups_open FROM"
                        " inspection i JOIN unit b ON b.id=i.inspecting_unit_id WHERE"
                        " i.inspected_unit_id=?1 AND strftime('%Y', i.held_on)=CAST(?2 AS TEXT)"
                        " ORDER BY i.held_on"},
        {"standards", "SELECT motto, items, strftime('%d/%m/%Y', adopted_on) AS adopted_on,"
                      " valid_from, valid_to FROM standard WHERE unit_id=?1 AND valid_from<=?2"
                      " ORDER BY valid_from DESC"},
        {"models", "SELECT id, title, description, contribution_vnd FROM model WHERE unit_id=?1"
                   " AND year=?2"},
        {"commendations", "SELECT id, title, level, form, decision_no, strftime('%d/%m/%Y',"
                          " decision_on) AS decision_on FROM commendation WHERE unit_id=?1 AND year=?2"},
        {"breakthroughs", "SELECT id, body, result FROM breakthrough WHERE unit_id=?1 AND year=?2"},
        {"registrations", "SELECT r.id, p.code, p.full_name FROM registration r JOIN person p ON"
                          " p.id=r.person_id WHERE r.unit_id=?1 AND r.year=?2 ORDER BY p.name_sort, p.code"},
        {"followups", "SELECT f.id, f.inspection_id, f.body, strftime('%d/%m/%Y', f.due_on) AS due_on"
                      " FROM followup f JOIN inspection i ON i.id=f.inspection_id WHERE"
                      " i.inspected_unit_id=?1 AND f.done_on IS NULL AND ?2>0 ORDER BY f.due_on"},
    };
    for (unsigned i = 0; i < LT_ARRAY_LEN(q); i++)
        if (strcmp(q[i].what, what) == 0) return rows_run(ctx, out, e, q[i].sql, "Ii", unit_id, year);
    return lt_err_set(e, LT_EINPUT, "danh sách không hợp lệ", "unknown list");
}

/* SQL: a word pattern (a parameter) in account a's person's folded name or login. */
#define ACCOUNT_WORD(p) "(coalesce(p.name_fold, '') || ' ' || a.login) LIKE " p " ESCAPE '\\'"

int q_accounts(lt_ctx *ctx, const char *unit_code, const account_filter *f, dom_rows *out, lt_err *e) {
    long long root = ctx->role == ROLE_ADMIN ? 0 : ctx->scope_unit;
    if (ctx->role == ROLE_MEMBER)
        return lt_err_set(e, LT_EREFUSED, "đảng viên không xem được danh sách tài khoản",
                          "a member may not list accounts");
    if (unit_code && *unit_code) {
        if (unit_find(ctx, unit_code, &root, e)) return e->code;
        if (!unit_in_subtree(ctx, root, ctx->role == ROLE_ADMIN ? 0 : ctx->scope_unit))
            return lt_err_set(e, LT_EREFUSED, "đơn vị %s ngoài phạm vi của bạn",
                              "unit %s is outside your scope", unit_code);
    }
    static const account_filter all = {0};
    if (!f) f = &all;
    char *fold = f->text && *f->text ? text_fold_dup(f->text) : NULL, pat[SEARCH_WORDS][128];
    if (f->text && *f->text && !fold) return lt_err_set(e, LT_EINPUT, "từ tìm không hợp lệ", "invalid search text");
    search_patterns(fold ? fold : "", pat);
    free(fold);
    char *ids, sql[2048], cond[256];
    long units;
    if (subtree_ids(ctx, root, this_year(), &ids, &units, e)) return lt_err_code(e, LT_EDB);
    /* an account belongs where its scope unit is, else where its person is */
    snprintf(sql, sizeof sql,
        "SELECT a.login, a.role, a.status, coalesce(p.full_name, '') AS full_name, coalesce(u.code, '')"
        " AS unit_code, coalesce(u.name, '') AS unit_name, coalesce(strftime('%%d/%%m/%%Y %%H:%%M',"
        " a.last_login, '+7 hours'), '') AS last_login FROM account a LEFT JOIN person p ON"
        " p.id=a.person_id LEFT JOIN unit u ON u.id=coalesce(a.scope_unit_id, p.unit_id)"
        " WHERE %s AND " ACCOUNT_WORD("?2") " AND " ACCOUNT_WORD("?3") " AND " ACCOUNT_WORD("?4")
        " AND " ACCOUNT_WORD("?5") " AND " ACCOUNT_WORD("?6") " AND " ACCOUNT_WORD("?7")
        " AND (?8 = '' OR a.role = ?8) AND (?9 = '' OR a.status = ?9) AND (?12 = '' OR a.login = ?12)"
        " ORDER BY a.login LIMIT ?10 OFFSET ?11", in_subtree(ctx, ids, "coalesce(a.scope_unit_id, p.unit_id)", cond, sizeof cond));
    int rc = rows_run(ctx, out, e, sql, "sssssssssiis", ids, pat[0], pat[1], pat[2], pat[3], pat[4], pat[5],
                      f->role ? f->role : "", f->status ? f->status : "", f->limit > 0 ? f->limit : INT_MAX, f->offset,
                      f->login ? f->login : "");
    free(ids);
    return rc;
}

int q_account_units(lt_ctx *ctx, const char *login, dom_rows *out, lt_err *e) {
    char today[11];
    lt_today(today);
    long long root = ctx->role == ROLE_ADMIN ? 0 : ctx->scope_unit;
    return rows_run(ctx, out, e,
        "WITH RECURSIVE up(id, depth) AS (SELECT coalesce(pe.unit_id, a.scope_unit_id), 0 FROM account a"
        " LEFT JOIN person pe ON pe.id=a.person_id WHERE a.login=?1 UNION ALL SELECT p.parent_id, up.depth+1"
        " FROM up JOIN unit_parent p ON p.unit_id=up.id AND " LINK_ON("?2") " WHERE up.id IS DISTINCT FROM ?3"
        " AND up.depth < 64) SELECT u.code, u.name FROM up JOIN unit u ON u.id=up.id"
        /* an officer's list ends at their own unit, or is empty when it never reaches it */
        " WHERE ?3 = 0 OR EXISTS (SELECT 1 FROM up WHERE up.id=?3) ORDER BY up.depth",
        "ssI", login, today, root);
}

int q_key_cadres_waiting(lt_ctx *ctx, long long unit_id, int year, dom_rows *out, lt_err *e) {
    char ref[11];
    if (dom_year_ref(ctx, year, ref, e)) return e->code;
    return rows_run(ctx, out, e,
        "WITH RECURSIVE up(id, depth) AS (SELECT CAST(?1 AS BIGINT), 0 UNION ALL SELECT p.parent_id, up.depth+1 FROM up JOIN"
        " unit_parent p ON p.unit_id=up.id AND " LINK_ON("?3") " WHERE up.depth < 1)"
        " SELECT pe.code, pe.full_name, m.position, u.name AS unit_name FROM up JOIN membership m ON"
        " m.unit_id=up.id AND m.valid_from<=?3 AND (m.valid_to IS NULL OR m.valid_to>=?3) AND m.key_cadre=1"
        " JOIN person pe ON pe.id=m.person_id JOIN unit u ON u.id=m.unit_id WHERE pe.category<>'other' AND"
        " NOT EXISTS (SELECT 1 FROM registration r WHERE r.person_id=pe.id AND r.year=?2 AND r.status<>'draft'"
        " AND r.status<>'returned') ORDER BY up.depth, pe.name_sort, pe.code LIMIT 20", "Iis", unit_id, year, ref);
}

int q_report_text_history(lt_ctx *ctx, long long unit_id, int from, int to, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT part, final, saved_by, strftime('%d/%m/%Y %H:%M', saved_at, '+7 hours')"
                    " AS saved_at, length(body) AS chars FROM report_text WHERE unit_id=?1 AND year_from=?2 AND"
                    " year_to=?3 ORDER BY id DESC LIMIT 50", "Iii", unit_id, from, to);
}

int q_unit_predecessors(lt_ctx *ctx, long long unit_id, dom_rows *out, lt_err *e) {
    return rows_run(ctx, out, e, "SELECT u.id, u.code, u.name, u.kind, m.merged_on, coalesce(u.active_to, '') AS last_day,"
                    " (SELECT active_from FROM unit WHERE id=?1) AS founded FROM unit_merge m JOIN unit u ON"
                    " u.id=m.unit_id WHERE m.successor_id=?1 ORDER BY u.name_sort, u.code", "I", unit_id);
}
