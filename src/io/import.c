/*
** import.c — importing units, people, registrations and deployments from
** CSV or XLSX, all or nothing.
**
** The file is read whole (bounded), decoded to NFC UTF-8 (legacy encodings
** detected), parsed into a table, and its header matched to the kind's
** columns (canonical names or the Vietnamese headers offices write).  Then
** every row is checked for format, and applied through the domain API
** inside one transaction, each row in its own savepoint so one bad row
** does not hide the next one's problems.  Every problem is collected as
** LINE: column: message; if there is any (or on a dry run) the whole
** transaction is rolled back, so nothing is written unless all rows are
** valid.  Re-importing the same file changes nothing: the domain's save
** functions compare before they write.  Files as export writes them carry
** history (a units file with tu_ngay: a row per parent link; a people file
** with den_ngay: a row per membership; a registrations file with
** trang_thai: each one's state), so that one installation hands its data
** to another.
*/
#include "import_cols.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The codes of the stored units or people, sorted: a large file checks
** its references against them instead of running a query per row. */
typedef struct code_set { char **v; long n; int loaded; } code_set;
#define REFS_IN_MEMORY 5000   /* rows from which the codes are loaded */

static int code_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load the stored codes of people (people 1) or units into cs; LT_OK, or
** the failure (cs then holds what it could: the caller fails the import). */
static int code_set_load(lt_ctx *ctx, int people, code_set *cs) {
    long cap = 0;
    int rc = LT_OK, row = 0;
    dom_list *l = NULL;
    lt_err e = {0};
    dom_codes_open(ctx, people, &l, &e);
    while (l && rc == LT_OK && (row = dom_list_next(l, &e)) == 1) {
        if (cs->n == cap) {
            long more = cap ? cap * 2 : 1024;
            char **v = realloc(cs->v, (size_t)more * sizeof *v);
            if (!v) { rc = LT_EOOM; break; }
            cs->v = v;
            cap = more;
        }
        if (!(cs->v[cs->n] = strdup(dom_list_text(l, 0)))) rc = LT_EOOM;
        else cs->n++;
    }
    if (rc == LT_OK && (!l || row < 0)) rc = LT_EDB;
    dom_list_close(l);
    qsort(cs->v, (size_t)cs->n, sizeof *cs->v, code_cmp); /* strcmp order, whatever SQL gave */
    cs->loaded = 1;
    return rc;
}

static void code_set_free(code_set *cs) {
    for (long i = 0; i < cs->n; i++) free(cs->v[i]);
    free(cs->v);
}

/* The state of one import. */
typedef struct importer {
    lt_ctx *ctx;
    const import_kind *k;
    io_table t;
    int colidx[IMPORT_MAX_COLS];   /* table column of each kind column, -1 if absent */
    lt_diags *d;
    import_stats *stats;
    import_progress_fn progress;
    void *progress_arg;
    int dry_run;
    code_set refs[2];              /* stored unit and person codes, for large files */
    struct code_seen *seen;        /* people: the codes of the rows made so far */
} importer;

/* The cell of kind column c in row r, trimmed in place ("" if absent). */
static const char *cell(importer *im, const io_row *r, int c) {
    int i = im->colidx[c];
    if (i < 0 || i >= r->ncells) return "";
    return text_trim(r->cells[i]);
}

/* The cell of column c, or NULL when the file has no such column (the
** stored value is then kept). */
static const char *kept(importer *im, const io_row *r, int c) {
    return im->colidx[c] < 0 ? NULL : cell(im, r, c);
}

/* Match the header row to the kind's columns (import_header_match: the
** canonical names, the Vietnamese headers and their aliases; a row number
** column and unknown headers are left out); problems go to d. */
static int map_header(importer *im) {
    const io_row *h = &im->t.rows[0];
    for (int c = 0; c < IMPORT_MAX_COLS; c++) im->colidx[c] = -1;
    for (int i = 0; i < h->ncells; i++) {
        char *f = import_header_norm(h->cells[i]);
        int c = f ? import_header_match(im->k, f) : -1;
        free(f);
        if (c < 0) continue;
        if (im->colidx[c] >= 0)
            lt_diags_add(im->d, h->line, im->k->cols[c].name, "cột bị lặp (cột %d và %d)",
                         "column appears twice (columns %d and %d)", im->colidx[c] + 1, i + 1);
        else
            im->colidx[c] = i;
    }
    for (int c = 0; c < IMPORT_MAX_COLS && im->k->cols[c].name; c++)
        if (im->k->cols[c].required && im->colidx[c] < 0)
            lt_diags_add(im->d, h->line, im->k->cols[c].name, "thiếu cột bắt buộc",
                         "required column is missing");
    return im->d->total ? LT_EINPUT : LT_OK;
}

/* The import cannot go on for lack of memory (or the database failed):
** said once, as a problem of the whole file, so nothing is written. */
static void import_broken(importer *im, int code) {
    lt_err e = {.code = code};
    lt_err_default(&e);
    lt_diags_add_text(im->d, 0, "", e.vi, e.en);
}

/* Report a domain error of row r: the message already names its field. */
static void row_error(importer *im, const io_row *r, const lt_err *e) {
    char col[64] = "";
    const char *vi = e->vi, *en = e->en;
    const char *colon = strstr(vi, ": ");
    /* messages of the form "field: what" put the field in the column slot */
    if (colon && colon - vi < (long)sizeof col && !memchr(vi, ' ', (size_t)(colon - vi))) {
        memcpy(col, vi, (size_t)(colon - vi));
        col[colon - vi] = 0;
        vi = colon + 2;
        const char *ec = strstr(en, ": ");
        if (ec && strncmp(en, col, strlen(col)) == 0) en = ec + 2;
    }
    lt_diags_add_text(im->d, r->line, col, vi, en);
}

/* ---- a code on two rows ------------------------------------------------ */
/* The rows' keys (kind column col, and the year column year when >= 0) in
** an open hash table of row numbers: a row whose key an earlier row has is
** a problem naming that row's line.  Cells are read as cell() left them
** (trimmed when their row was checked), so a helper may check rows while
** this thread writes earlier ones. */
typedef struct seen_slot { unsigned hash, row; } seen_slot;   /* row 0: empty (the header) */
typedef struct code_seen { seen_slot *slot; size_t mask; int col, year; } code_seen;

static int seen_init(code_seen *s, long rows, int col, int year) {
    size_t cap = 1024;
    while (cap < 2 * (size_t)rows) cap *= 2;
    *s = (code_seen){calloc(cap, sizeof *s->slot), cap - 1, col, year};
    if (!s->slot) return LT_EOOM;
    lt_mem_hint_large(s->slot, cap * sizeof *s->slot);
    return LT_OK;
}

static void seen_free(code_seen *s) {
    free(s->slot);
    s->slot = NULL;
}

static long row_year(importer *im, const io_row *r, int y) {
    long yr = 0;
    if (y >= 0) lt_parse_long(cell(im, r, y), 0, 9999, &yr);
    return yr;
}

/* Row i's key (its code "" for none) and the key's hash. */
static unsigned seen_key(code_seen *s, importer *im, long i, const char **code, long *year) {
    *code = cell(im, &im->t.rows[i], s->col);
    *year = row_year(im, &im->t.rows[i], s->year);
    unsigned h = 2166136261u;
    for (const char *p = *code; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
    return h ^ (unsigned)*year * 2654435761u;
}

/* Row i's key into s: the row that had it before (taking its place, so a
** third row names the second), or 0.  The slot of the row SEEN_AHEAD
** further on is fetched meanwhile: a national file's table is 128 MB, and
** waiting for each row's slot was a tenth of the checks' time. */
#define SEEN_AHEAD 16
static long seen_add(code_seen *s, importer *im, long i) {
    const char *code;
    long year;
    if (i + SEEN_AHEAD < im->t.nrows)
        __builtin_prefetch(&s->slot[seen_key(s, im, i + SEEN_AHEAD, &code, &year) & s->mask], 1);
    unsigned h = seen_key(s, im, i, &code, &year);
    if (!*code) return 0;
    for (size_t k = h & s->mask;; k = (k + 1) & s->mask) {
        seen_slot *slot = &s->slot[k];
        if (!slot->row) {
            *slot = (seen_slot){h, (unsigned)i};
            return 0;
        }
        const io_row *r = &im->t.rows[slot->row];
        if (slot->hash == h && !strcmp(r->cells[im->colidx[s->col]], code) && row_year(im, r, s->year) == year) {
            long before = slot->row;
            slot->row = (unsigned)i;
            return before;
        }
    }
}

/* Row i's problem of having the key of row `before`, into d. */
static void seen_twice(importer *im, lt_diags *d, long i, long before, int col) {
    lt_diags_add(d, im->t.rows[i].line, im->k->cols[col].name, "\"%s\" đã có ở dòng %ld",
                 "\"%s\" already appears on line %ld", cell(im, &im->t.rows[i], col),
                 im->t.rows[before].line);
}

/* Report codes that appear on two rows of the file (kind column c, and
** the year column y when >= 0). */
static void find_duplicates(importer *im, int c, int y) {
    if (!strcmp(im->k->kind, "registrations")) return; /* many rows per person by design */
    code_seen s;
    if (seen_init(&s, im->t.nrows, c, y)) { import_broken(im, LT_EOOM); return; }
    for (long i = 1; i < im->t.nrows; i++) {
        long before = seen_add(&s, im, i);
        if (before) seen_twice(im, im->d, i, before, c);
    }
    seen_free(&s);
}

/* Is v a valid cell for check k? */
static int cell_ok(importer *im, import_check k, const char *v) {
    char iso[11];
    long n;
    long long id;
    switch (k) {
    case CHK_TEXT: return 1;
    case CHK_DATE: return lt_parse_date(v, iso) == 0;
    case CHK_BIRTH: return lt_parse_date(v, iso) == 0 || (strlen(v) == 4 && lt_parse_long(v, 1900, 2100, &n) == 0);
    case CHK_BOOL: return bool_parse(v) >= 0;
    case CHK_YEAR: return lt_parse_long(v, 1990, 2100, &n) == 0;
    case CHK_COUNT: return lt_parse_count(v, 1000000, &n) == 0;
    case CHK_UNIT_KIND: return unit_kind_parse(v) != NULL;
    case CHK_CATEGORY: return person_category_parse(v) != NULL;
    case CHK_GENDER: return gender_parse(v) != NULL;
    case CHK_GROUP: return item_group_parse(v) != NULL;
    case CHK_FORM: return deployment_form_parse(v) != NULL;
    case CHK_UNIT_REF: case CHK_PERSON_REF: {
        int person = k == CHK_PERSON_REF;
        code_set *cs = &im->refs[person];
        if (im->t.nrows < REFS_IN_MEMORY)
            return (person ? person_find(im->ctx, v, &id, NULL) : unit_find(im->ctx, v, &id, NULL)) == LT_OK;
        if (!cs->loaded) {
            int rc = code_set_load(im->ctx, person, cs);
            if (rc) import_broken(im, rc);
        }
        return bsearch(&v, cs->v, (size_t)cs->n, sizeof *cs->v, code_cmp) != NULL;
    }
    }
    return 0;
}

/* What is wrong with a cell that fails each check, in both languages. */
static const char *const check_msg[][2] = {
    [CHK_TEXT] = {"", ""},
    [CHK_DATE] = {"ngày không hợp lệ", "invalid date"},
    [CHK_BIRTH] = {"ngày không hợp lệ (dd/mm/yyyy, hoặc năm sinh)", "invalid date (dd/mm/yyyy, or the year alone)"},
    [CHK_BOOL] = {"phải là x/có/1 hoặc để trống/không/0", "must be x/có/1/yes or empty/không/0/no"},
    [CHK_YEAR] = {"năm không hợp lệ (1990–2100)", "invalid year (1990–2100)"},
    [CHK_COUNT] = {"phải là số nguyên không âm", "must be a whole number, 0 or more"},
    [CHK_UNIT_KIND] = {"loại đơn vị không hợp lệ", "unknown unit kind"},
    [CHK_CATEGORY] = {"đối tượng không hợp lệ", "unknown category"},
    [CHK_GENDER] = {"giới tính không hợp lệ (Nam/Nữ)", "invalid gender (Nam/Nữ)"},
    [CHK_GROUP] = {"nhóm không hợp lệ", "unknown group"},
    [CHK_FORM] = {"hình thức không hợp lệ (Sinh hoạt chi bộ / Hội nghị / Lồng ghép)",
                  "unknown form (cell_meeting / conference / integrated)"},
    [CHK_UNIT_REF] = {"không có đơn vị mã này", "no unit with this code"},
    [CHK_PERSON_REF] = {"không có người mã này", "no person with this code"},
};

/* Check one non-empty cell of column c; a problem in d names what is wrong. */
static void check_cell(importer *im, lt_diags *d, const io_row *r, int c, const char *v) {
    const import_col *col = &im->k->cols[c];
    if (cell_ok(im, col->check, v)) return;
    char vmsg[256], emsg[256];
    snprintf(vmsg, sizeof vmsg, "%s: \"%.120s\"", check_msg[col->check][0], v);
    snprintf(emsg, sizeof emsg, "%s: \"%.120s\"", check_msg[col->check][1], v);
    lt_diags_add_text(d, r->line, col->name, vmsg, emsg);
}

/* Check a row before applying it: no cells beyond the header, required
** cells present, each cell of the right form.  Returns 1 when the row may
** be applied; every problem of the row goes to d (the import's, or the
** row's own: import_people).  The stored codes a large file checks against
** must be loaded already (refs_load) when another thread calls it. */
static int check_row_into(importer *im, lt_diags *d, const io_row *r) {
    size_t before = d->total;
    int width = im->t.rows[0].ncells;
    for (int i = width; i < r->ncells; i++)
        if (*text_trim(r->cells[i])) {
            lt_diags_add(d, r->line, "", "thừa ô ở cột %d (tiêu đề chỉ có %d cột)",
                         "extra cell in column %d (the header has %d columns)", i + 1, width);
            break;
        }
    for (int c = 0; c < IMPORT_MAX_COLS && im->k->cols[c].name; c++) {
        if (im->colidx[c] < 0) continue;
        const char *v = cell(im, r, c);
        if (*v) check_cell(im, d, r, c, v);
        else if (im->k->cols[c].required && im->colidx[c] >= r->ncells)
            lt_diags_add(d, r->line, im->k->cols[c].name, "thiếu ô (dòng ngắn hơn tiêu đề)",
                         "missing cell (the row is shorter than the header)");
        else if (im->k->cols[c].required)
            lt_diags_add(d, r->line, im->k->cols[c].name, "không được để trống",
                         "must not be empty");
    }
    return d->total == before;
}

static int check_row(importer *im, const io_row *r) { return check_row_into(im, im->d, r); }

/* The stored codes every reference column of a large file is checked
** against, loaded now (else at the first such cell). */
static void refs_load(importer *im) {
    if (im->t.nrows < REFS_IN_MEMORY) return;
    for (int c = 0; c < IMPORT_MAX_COLS && im->k->cols[c].name; c++) {
        import_check k = im->k->cols[c].check;
        code_set *cs = &im->refs[k == CHK_PERSON_REF];
        if (im->colidx[c] < 0 || (k != CHK_UNIT_REF && k != CHK_PERSON_REF) || cs->loaded) continue;
        int rc = code_set_load(im->ctx, k == CHK_PERSON_REF, cs);
        if (rc) import_broken(im, rc);
    }
}

/* Count one applied row into the stats and report progress. */
static void row_done(importer *im, long i, int existed, int changed) {
    if (!changed) im->stats->unchanged++;
    else if (existed) im->stats->updated++;
    else im->stats->inserted++;
    if (im->progress && (i % 1000 == 0 || i == im->t.nrows - 1))
        im->progress(im->progress_arg, i, im->t.nrows - 1);
}

/* The value of a checked integer cell. */
static long int_cell(importer *im, const io_row *r, int c) {
    long v = 0;
    lt_parse_count(cell(im, r, c), 1000000, &v);
    return v;
}

/* ---- units: parents first, whatever the order of the rows ---------------- */
typedef struct code_row { const char *code; long row; } code_row;

static int code_row_cmp(const void *a, const void *b) {
    return strcmp(((const code_row *)a)->code, ((const code_row *)b)->code);
}

/* The row of the file that defines code, or -1. */
static long row_of(const code_row *idx, long n, const char *code) {
    code_row key = {code, 0};
    const code_row *hit = bsearch(&key, idx, (size_t)n, sizeof *idx, code_row_cmp);
    return hit ? hit->row : -1;
}

/* The depth of each row below the rows of its ancestors in the file (0:
** its parent is not in the file); -1 for rows in a cycle.  Linear. */
static int unit_depths(importer *im, const code_row *idx, long nidx, long *depth) {
    long n = im->t.nrows;
    long *chain = malloc((size_t)n * sizeof *chain);
    if (!chain) return LT_EOOM;
    for (long i = 1; i < n; i++) depth[i] = LONG_MIN;
    for (long i = 1; i < n; i++) {
        long len = 0, j = i, base = 0;
        while (j > 0 && depth[j] == LONG_MIN && len < n) {
            depth[j] = LONG_MIN + 1; /* on the current chain */
            chain[len++] = j;
            const char *parent = im->colidx[3] >= 0 ? cell(im, &im->t.rows[j], 3) : "";
            j = *parent ? row_of(idx, nidx, parent) : -1;
        }
        if (j > 0 && depth[j] == LONG_MIN + 1) base = -1;      /* came back: a cycle */
        else if (j > 0) base = depth[j] < 0 ? -1 : depth[j] + 1;
        for (long k = len - 1; k >= 0; k--) {
            depth[chain[k]] = base < 0 ? -1 : base;
            if (base >= 0) base++;
        }
    }
    free(chain);
    return LT_OK;
}

/* Rows by depth, then file order (qsort_r: the server may import in
** several threads at once). */
static int by_depth(const void *a, const void *b, void *arg) {
    const long *depth = arg;
    long x = *(const long *)a, y = *(const long *)b;
    if (depth[x] != depth[y]) return depth[x] < depth[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}

static int import_units(importer *im) {
    long n = im->t.nrows, nidx = 0, norder = 0;
    code_row *idx = calloc((size_t)n, sizeof *idx);
    long *depth = calloc((size_t)n, sizeof *depth), *order = calloc((size_t)n, sizeof *order);
    if (!idx || !depth || !order) n = 0; /* nothing below runs */
    for (long i = 1; i < n; i++) idx[nidx++] = (code_row){cell(im, &im->t.rows[i], 0), i};
    qsort(idx, (size_t)nidx, sizeof *idx, code_row_cmp);
    if (!n || unit_depths(im, idx, nidx, depth)) {
        free(idx);
        free(depth);
        free(order);
        import_broken(im, LT_EOOM);
        return LT_EOOM;
    }
    for (long i = 1; i < n; i++) {
        if (!check_row(im, &im->t.rows[i])) continue;
        if (depth[i] < 0)
            lt_diags_add(im->d, im->t.rows[i].line, "ma_don_vi_cap_tren", "các đơn vị trong tệp làm cấp trên "
                         "của nhau thành vòng lặp", "units of the file are each other's parents in a cycle");
        else
            order[norder++] = i;
    }
    qsort_r(order, (size_t)norder, sizeof *order, by_depth, depth);
    db_aside *aside = NULL;
    lt_err bulk = {0};
    if (unit_bulk_begin(im->ctx, norder, &aside, &bulk)) {
        lt_diags_add_text(im->d, 0, "", bulk.vi, bulk.en);
        norder = 0;   /* nothing is written */
    }
    for (long k = 0; k < norder; k++) {
        const io_row *r = &im->t.rows[order[k]];
        long long id;
        lt_err e = {0};
        int existed = unit_find(im->ctx, cell(im, r, 0), &id, &e) == LT_OK, changed = 0;
        unit_in u = {cell(im, r, 0), cell(im, r, 1), cell(im, r, 2),
                     im->colidx[3] >= 0 ? cell(im, r, 3) : NULL, kept(im, r, 5), kept(im, r, 6)};
        if (unit_save(im->ctx, &u, NULL, NULL, &changed, &e)) row_error(im, r, &e);
        else row_done(im, order[k], existed, changed);
    }
    if (im->d->total || im->dry_run) db_aside_free(aside); /* rolled back by the caller */
    else if (unit_bulk_end(im->ctx, aside, &bulk)) lt_diags_add_text(im->d, 0, "", bulk.vi, bulk.en);
    free(idx);
    free(depth);
    free(order);
    return LT_OK;
}

/* ---- people: checked and made ready on a second core --------------------- */
/* A file of PIPE_MIN_ROWS people or more is read by two threads: a helper
** checks each row and makes its person ready (person_ready_make: the
** checks and the name's fold and sort key, a third of the rows' time) at
** most PIPE_RING rows ahead, while this thread writes them in file order.
** A row's problems are kept with it and added as it is written, so the
** problems and their order are one thread's. */
#define PIPE_MIN_ROWS 20000
#define PIPE_RING 4096
#define PIPE_BATCH 64            /* rows made or written between two signals */

typedef struct row_ready {
    int ok;                      /* check_row passed */
    lt_diags d;                  /* the row's problems */
    person_in p;                 /* as the file gives it (absent columns kept) */
    person_ready pr;             /* as someone new */
} row_ready;

typedef struct people_pipe {
    importer *im;
    row_ready *ring;
    long made, written;          /* rows 1..made are ready, 1..written given back (lock) */
    long seen;                   /* `made` as the writer last read it (its own) */
    pthread_mutex_t lock;
    pthread_cond_t moved;
    pthread_t helper;
} people_pipe;

static person_in person_of_row(importer *im, const io_row *r) {
    return (person_in){cell(im, r, 0), cell(im, r, 1), kept(im, r, 2), kept(im, r, 3),
                       cell(im, r, 4), kept(im, r, 5), cell(im, r, 6),
                       im->colidx[7] < 0 ? -1 : bool_parse(cell(im, r, 7)) == 1,
                       im->colidx[8] < 0 ? -1 : bool_parse(cell(im, r, 8)) == 1,
                       kept(im, r, 9), kept(im, r, 10), kept(im, r, 11)};
}

/* Row i checked, and made ready when it passed, into rr. */
static void row_make(importer *im, long i, row_ready *rr) {
    const io_row *r = &im->t.rows[i];
    memset(rr, 0, sizeof *rr);
    long before = seen_add(im->seen, im, i);   /* its problem first, as a file's problems are said */
    if (before) seen_twice(im, &rr->d, i, before, 0);
    rr->ok = check_row_into(im, &rr->d, r) && !before;
    if (!rr->ok) return;
    rr->p = person_of_row(im, r);
    person_ready_make(&rr->p, &rr->pr);
}

static void row_ready_clear(row_ready *rr) {
    lt_diags_free(&rr->d);
    person_ready_clear(&rr->pr);
}

/* The helper: every row into its place of the ring, PIPE_BATCH at a time,
** each batch once the rows a ring before it are written.  The helper frees
** what a place held before making it again: memory is given back by the
** thread that took it (the writer freeing the helper's made both wait on
** the allocator's lock, a tenth of the rows' time). */
static void *pipe_main(void *arg) {
    people_pipe *pp = arg;
    long n = pp->im->t.nrows;
    for (long i = 1; i < n;) {
        long end = i + PIPE_BATCH < n ? i + PIPE_BATCH : n;
        pthread_mutex_lock(&pp->lock);
        while (end - 1 - pp->written > PIPE_RING) pthread_cond_wait(&pp->moved, &pp->lock);
        pthread_mutex_unlock(&pp->lock);
        for (; i < end; i++) {
            row_ready_clear(&pp->ring[i % PIPE_RING]);
            row_make(pp->im, i, &pp->ring[i % PIPE_RING]);
        }
        pthread_mutex_lock(&pp->lock);
        pp->made = end - 1;
        pthread_cond_broadcast(&pp->moved);
        pthread_mutex_unlock(&pp->lock);
    }
    return NULL;
}

/* Start the helper for a large file; 0 when the rows are read here alone. */
static int pipe_start(importer *im, people_pipe *pp) {
    memset(pp, 0, sizeof *pp);
    if (im->t.nrows - 1 < PIPE_MIN_ROWS) return 0;
    refs_load(im); /* the helper must not read the database */
    if (!(pp->ring = calloc(PIPE_RING, sizeof *pp->ring))) return 0;
    pp->im = im;
    pthread_mutex_init(&pp->lock, NULL);
    pthread_cond_init(&pp->moved, NULL);
    if (pthread_create(&pp->helper, NULL, pipe_main, pp) == 0) return 1;
    pthread_mutex_destroy(&pp->lock);
    pthread_cond_destroy(&pp->moved);
    free(pp->ring);
    return 0;
}

/* Row i as the helper made it (waiting for it), rows before it written. */
static row_ready *pipe_take(people_pipe *pp, long i) {
    if (i > pp->seen) {
        pthread_mutex_lock(&pp->lock);
        pp->written = i - 1;
        pthread_cond_broadcast(&pp->moved);
        while (pp->made < i) pthread_cond_wait(&pp->moved, &pp->lock);
        pp->seen = pp->made;
        pthread_mutex_unlock(&pp->lock);
    }
    return &pp->ring[i % PIPE_RING];
}

/* Row i is written: its place is given back (the helper hears of it every
** PIPE_BATCH rows, and frees what it held when it makes it again). */
static void pipe_give_back(people_pipe *pp, long i) {
    if (i % PIPE_BATCH) return;
    pthread_mutex_lock(&pp->lock);
    pp->written = i;
    pthread_cond_broadcast(&pp->moved);
    pthread_mutex_unlock(&pp->lock);
}

static void pipe_end(people_pipe *pp) {
    pthread_join(pp->helper, NULL);
    for (long i = 0; i < PIPE_RING; i++) row_ready_clear(&pp->ring[i]);
    pthread_mutex_destroy(&pp->lock);
    pthread_cond_destroy(&pp->moved);
    free(pp->ring);
}

/* Write row i (checked and made ready): someone new into the batch,
** someone stored (none_stored: nobody) through person_save. */
static void person_row_write(importer *im, person_bulk *bulk, int none_stored, long i, const row_ready *rr) {
    long long id;
    lt_err e = {0};
    int existed = !none_stored && person_find(im->ctx, rr->p.code, &id, &e) == LT_OK, changed = 1;
    if (existed ? person_save(im->ctx, &rr->p, NULL, &changed, &e) : person_bulk_add_ready(bulk, &rr->pr, &e))
        row_error(im, &im->t.rows[i], &e);
    else
        row_done(im, i, existed, changed);
}

/* New people go in as one batch (person_bulk: checked like person_save,
** one audit row for the batch); people already stored are updated one by
** one through person_save, which audits each change.  A large file's rows
** are made ready on a second core (above). */
static int import_people(importer *im) {
    person_bulk *bulk;
    lt_err be = {0};
    code_seen seen;
    if (seen_init(&seen, im->t.nrows, 0, -1)) {
        import_broken(im, LT_EOOM);
        return LT_EOOM;
    }
    im->seen = &seen;
    if (person_bulk_begin(im->ctx, im->t.nrows - 1, &bulk, &be)) {
        lt_diags_add_text(im->d, 0, "", be.vi, be.en);
        seen_free(&seen);
        return be.code;
    }
    int none_stored = person_any(im->ctx) == 0;
    people_pipe pp;
    int piped = pipe_start(im, &pp);
    for (long i = 1; i < im->t.nrows; i++) {
        row_ready own, *rr = piped ? pipe_take(&pp, i) : &own;
        if (!piped) row_make(im, i, &own);
        lt_diags_append(im->d, &rr->d);
        if (rr->ok) person_row_write(im, bulk, none_stored, i, rr);
        if (piped) pipe_give_back(&pp, i);
        else row_ready_clear(&own);
    }
    if (piped) pipe_end(&pp);
    seen_free(&seen);
    im->seen = NULL;
    if (im->d->total || im->dry_run) { /* rolled back by the caller: nothing to rebuild */
        person_bulk_free(bulk);
        return LT_OK;
    }
    if (person_bulk_end(bulk, im->k->kind, &be)) lt_diags_add_text(im->d, 0, "", be.vi, be.en);
    return LT_OK;
}

static int import_deployments(importer *im) {
    for (long i = 1; i < im->t.nrows; i++) {
        const io_row *r = &im->t.rows[i];
        if (!check_row(im, r)) continue;
        deployment_in dep = {cell(im, r, 0), (int)int_cell(im, r, 1), cell(im, r, 2),
                             cell(im, r, 3), "", int_cell(im, r, 4), int_cell(im, r, 5)};
        lt_err e = {0};
        long long uid;
        int existed = 0, changed = 0;
        if (unit_find(im->ctx, dep.unit_code, &uid, &e) == LT_OK)
            existed = deployment_any(im->ctx, uid) > 0;
        if (deployment_save(im->ctx, &dep, &changed, &e)) row_error(im, r, &e);
        else row_done(im, i, existed, changed);
    }
    return LT_OK;
}

/* ---- registrations: one row per item, grouped by person and year ---------- */
typedef struct reg_row { const char *person; int year; long row; } reg_row;

static int reg_row_cmp(const void *a, const void *b) {
    const reg_row *x = a, *y = b;
    int c = strcmp(x->person, y->person);
    if (c) return c;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* The state of registration reg as rows g[0..n) give it (a file with
** trang_thai, as export writes it): its first row's status, grade, day of
** publication and unit, and each row's item's deadline and assessment. */
static int import_reg_state(importer *im, const reg_row *g, long n, long long reg, int *changed,
                            lt_err *e) {
    const char **cols = calloc((size_t)(3 * n), sizeof *cols);
    if (!cols) return lt_err_oom(e);
    for (long k = 0; k < n; k++) {
        const io_row *r = &im->t.rows[g[k].row];
        cols[k] = cell(im, r, 4);
        cols[n + k] = cell(im, r, 5);
        cols[2 * n + k] = cell(im, r, 6);
    }
    const io_row *first = &im->t.rows[g[0].row];
    reg_restore_in in = {cell(im, first, 7), cell(im, first, 8), cell(im, first, 9), cell(im, first, 10),
                         (int)n, cols, cols + n, cols + 2 * n};
    int rc = reg_restore(im->ctx, reg, &in, changed, e);
    free(cols);
    return rc;
}

/* Apply the items of rows g[0..n) (one person, one year). */
static void import_one_registration(importer *im, const reg_row *g, long n) {
    const char **bodies = calloc((size_t)n, sizeof *bodies);
    const char **groups = calloc((size_t)n, sizeof *groups);
    if (!bodies || !groups) {
        free(bodies);
        free(groups);
        import_broken(im, LT_EOOM);
        return;
    }
    for (long k = 0; k < n; k++) {
        const io_row *r = &im->t.rows[g[k].row];
        bodies[k] = cell(im, r, 2);
        groups[k] = cell(im, r, 3);
    }
    const io_row *first = &im->t.rows[g[0].row];
    long long reg;
    lt_err e = {0};
    int existed = reg_find(im->ctx, g[0].person, g[0].year, &reg, &e) == LT_OK, changed = 0, restored = 0;
    if (db_begin(im->ctx->db, &e) == LT_EDB) {
        row_error(im, first, &e);
    } else {
        int rc = reg_create(im->ctx, g[0].person, g[0].year, &reg, &e);
        if (rc == LT_OK) rc = reg_set_items(im->ctx, reg, bodies, groups, (int)n, &changed, &e);
        if (rc == LT_OK && im->colidx[7] >= 0) rc = import_reg_state(im, g, n, reg, &restored, &e);
        changed |= restored;
        if (rc == LT_OK) db_commit(im->ctx->db, &e);
        else db_rollback(im->ctx->db);
        if (rc) row_error(im, first, &e);
        else for (long k = 0; k < n; k++) row_done(im, g[k].row, existed, changed);
    }
    free(bodies);
    free(groups);
}

static int import_registrations(importer *im) {
    reg_row *rows = calloc((size_t)im->t.nrows, sizeof *rows);
    long n = 0;
    if (!rows) { import_broken(im, LT_EOOM); return LT_EOOM; }
    for (long i = 1; i < im->t.nrows; i++) {
        const io_row *r = &im->t.rows[i];
        lt_err e = {0};
        if (!check_row(im, r)) continue;
        /* each item on its own line: a group's problem is told at its first */
        if (reg_item_check(cell(im, r, 2), cell(im, r, 3), &e)) { row_error(im, r, &e); continue; }
        rows[n++] = (reg_row){cell(im, r, 0), (int)int_cell(im, r, 1), i};
    }
    qsort(rows, (size_t)n, sizeof *rows, reg_row_cmp);
    for (long s = 0, k; s < n; s = k) {
        for (k = s + 1; k < n && reg_row_cmp(&rows[s], &rows[k]) < 0 &&
                        strcmp(rows[s].person, rows[k].person) == 0 && rows[s].year == rows[k].year;)
            k++;
        import_one_registration(im, &rows[s], k - s);
    }
    free(rows);
    return LT_OK;
}

/* ---- history: units and people as export writes them --------------------- */
/* A row with its code and a day (ISO, "" when the cell is empty), sorted by
** code, then day, then line. */
typedef struct dated_row { const char *code; char day[11]; long row; } dated_row;

static int dated_cmp(const void *a, const void *b) {
    const dated_row *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (!c) c = strcmp(x->day, y->day);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* By day alone, then line. */
static int by_day(const void *a, const void *b) {
    const dated_row *x = a, *y = b;
    int c = strcmp(x->day, y->day);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* The ISO day of a checked date cell ("" when empty). */
static void day_cell(importer *im, const io_row *r, int c, char out[11]) {
    const char *v = cell(im, r, c);
    if (!*v || lt_parse_date(v, out)) out[0] = 0;
}

/* The merge of row r's unit into the units its sap_nhap_vao lists (split
** by ';' or ','), on ngay_sap_nhap. */
static void import_merge(importer *im, const io_row *r, int *changed) {
    char list[1024], on[11]; /* 16 codes and their separators */
    const char *succ[16];
    int n = 0, more = 0;
    if (strlen(cell(im, r, 7)) >= sizeof list) more = 1;
    snprintf(list, sizeof list, "%s", cell(im, r, 7));
    for (char *save = NULL, *t = strtok_r(list, ";,", &save); t; t = strtok_r(NULL, ";,", &save))
        if (*(t = text_trim(t)) && n < 16) succ[n++] = t;
        else if (*t) more = 1;
    if (more) {
        lt_diags_add(im->d, r->line, "sap_nhap_vao", "nhiều nhất 16 đơn vị kế thừa", "at most 16 successors");
        return;
    }
    day_cell(im, r, 8, on);
    lt_err e = {0};
    if (!*on) {
        lt_diags_add(im->d, r->line, "ngay_sap_nhap", "cần ngày sáp nhập", "the day of the merge is needed");
        return;
    }
    if (unit_merged_into(im->ctx, cell(im, r, 0), succ, n, on)) return;
    if (unit_merge(im->ctx, cell(im, r, 0), succ, n, on, &e)) row_error(im, r, &e);
    else *changed = 1;
}

/* Units with their history (a file with tu_ngay, as export writes it, for
** an admin): each unit made or updated (a new one as a root), then every
** row's parent link from its tu_ngay, day by day, then the merges. */
static int import_units_history(importer *im) {
    if (im->ctx->role != ROLE_ADMIN) {
        lt_diags_add(im->d, im->t.rows[0].line, "tu_ngay", "chỉ quản trị viên được nhập quá trình của "
                     "đơn vị", "only an admin may import units' history");
        return LT_OK;
    }
    long n = im->t.nrows, m = 0;
    dated_row *rows = calloc((size_t)n, sizeof *rows);
    int *changed = calloc((size_t)n, sizeof *changed), *existed = calloc((size_t)n, sizeof *existed);
    if (!rows || !changed || !existed) n = 0, import_broken(im, LT_EOOM);
    for (long i = 1; i < n; i++) {
        const io_row *r = &im->t.rows[i];
        if (!check_row(im, r)) continue;
        unit_in u = {cell(im, r, 0), cell(im, r, 1), cell(im, r, 2), NULL, kept(im, r, 5), kept(im, r, 6)};
        lt_err e = {0};
        long long id;
        existed[i] = unit_find(im->ctx, u.code, &id, &e) == LT_OK;
        if (unit_save(im->ctx, &u, NULL, NULL, &changed[i], &e)) { row_error(im, r, &e); continue; }
        rows[m] = (dated_row){u.code, "", i};
        day_cell(im, r, 4, rows[m].day);
        if (!*rows[m].day) day_cell(im, r, 5, rows[m].day);
        m++;
    }
    qsort(rows, (size_t)m, sizeof *rows, by_day);
    for (long k = 0; k < m; k++) { /* the parent links, day by day */
        const io_row *r = &im->t.rows[rows[k].row];
        lt_err e = {0};
        int c = 0;
        if (!*cell(im, r, 3)) continue;
        if (!*rows[k].day)
            lt_diags_add(im->d, r->line, "tu_ngay", "cần ngày bắt đầu trực thuộc (tu_ngay hoặc hoat_dong_tu)",
                         "the first day under the parent is needed (tu_ngay or hoat_dong_tu)");
        else if (unit_link_at(im->ctx, rows[k].code, cell(im, r, 3), rows[k].day, &c, &e))
            row_error(im, r, &e);
        changed[rows[k].row] |= c;
    }
    for (long k = 0; k < m; k++)
        if (*cell(im, &im->t.rows[rows[k].row], 7))
            import_merge(im, &im->t.rows[rows[k].row], &changed[rows[k].row]);
    for (long k = 0; k < m; k++) row_done(im, rows[k].row, existed[rows[k].row], changed[rows[k].row]);
    free(rows);
    free(changed);
    free(existed);
    return LT_OK;
}

/* One person's rows g[0..n) (sorted by tu_ngay) at once: someone new in
** the batch when bulk is not NULL (a database without people yet). */
static void import_person_history(importer *im, person_bulk *bulk, const dated_row *g, long n) {
    person_span_in *spans = calloc((size_t)n, sizeof *spans);
    if (!spans) { import_broken(im, LT_EOOM); return; }
    for (long k = 0; k < n; k++) {
        const io_row *r = &im->t.rows[g[k].row];
        spans[k] = (person_span_in){cell(im, r, 4), cell(im, r, 5), cell(im, r, 9), cell(im, r, 12),
                                    bool_parse(cell(im, r, 7)) == 1, bool_parse(cell(im, r, 8)) == 1};
    }
    const io_row *last = &im->t.rows[g[n - 1].row];
    person_in p = {cell(im, last, 0), cell(im, last, 1), kept(im, last, 2), kept(im, last, 3), NULL,
                   NULL, cell(im, last, 6), 0, 0, NULL, kept(im, last, 10), kept(im, last, 11)};
    long long id;
    lt_err e = {0};
    int existed = !bulk && person_find(im->ctx, p.code, &id, &e) == LT_OK, changed = 1;
    if (bulk ? person_bulk_add_history(bulk, &p, spans, (int)n, &e)
             : person_history_save(im->ctx, &p, spans, (int)n, &changed, &e))
        row_error(im, &im->t.rows[g[0].row], &e);
    else
        for (long k = 0; k < n; k++) row_done(im, g[k].row, existed, changed);
    free(spans);
}

/* People with their history (a file with den_ngay, as export writes it):
** each person's rows together, by tu_ngay, which each row needs.  Into a
** database without people yet (one installation handing its data to
** another) they go in as one batch, as import_people's new people do. */
static int import_people_history(importer *im) {
    long n = im->t.nrows, m = 0;
    person_bulk *bulk = NULL;
    lt_err be = {0};
    if (person_any(im->ctx) == 0 && person_bulk_begin(im->ctx, n - 1, &bulk, &be)) {
        lt_diags_add_text(im->d, 0, "", be.vi, be.en);
        return be.code;
    }
    dated_row *rows = calloc((size_t)(n ? n : 1), sizeof *rows);
    if (!rows) { person_bulk_free(bulk); import_broken(im, LT_EOOM); return LT_EOOM; }
    for (long i = 1; i < n; i++) {
        const io_row *r = &im->t.rows[i];
        if (!check_row(im, r)) continue;
        rows[m] = (dated_row){cell(im, r, 0), "", i};
        day_cell(im, r, 9, rows[m].day);
        if (!*rows[m].day)
            lt_diags_add(im->d, r->line, "tu_ngay", "cần ngày bắt đầu sinh hoạt ở mỗi dòng khi tệp có den_ngay",
                         "each row needs its first day when the file has den_ngay");
        else
            m++;
    }
    qsort(rows, (size_t)m, sizeof *rows, dated_cmp);
    for (long s0 = 0, k; s0 < m; s0 = k) {
        for (k = s0 + 1; k < m && !strcmp(rows[k].code, rows[s0].code);) k++;
        import_person_history(im, bulk, &rows[s0], k - s0);
    }
    free(rows);
    if (!bulk) return LT_OK;
    if (im->d->total || im->dry_run) { /* rolled back by the caller: nothing to rebuild */
        person_bulk_free(bulk);
        return LT_OK;
    }
    if (person_bulk_end(bulk, im->k->kind, &be)) lt_diags_add_text(im->d, 0, "", be.vi, be.en);
    return LT_OK;
}

/* A file read as UTF-8 (said so, or found to be UTF-8 but for a few
** bytes): every byte that is not UTF-8 as a problem at its line and
** column, as the file is (a BOM skipped).  Returns how many. */
static size_t utf8_bad_bytes(importer *im, const char *data, size_t n) {
    if (n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) { data += 3; n -= 3; }
    return text_utf8_diags(data, n, im->d);
}

/* Decode the file's bytes into im->t (XLSX, or CSV in enc or detected). */
static int load_table(importer *im, const char *data, size_t n, text_enc enc, lt_err *e) {
    if (io_is_xlsx(data, n)) {
        if (io_xlsx_read(data, n, &im->t, e)) return e->code;
        /* cells are stored NFC, whatever form the spreadsheet holds */
        for (long i = 0; i < im->t.nrows; i++)
            for (int c = 0; c < im->t.rows[i].ncells; c++) {
                char *nfc = text_nfc_dup(im->t.rows[i].cells[c]);
                if (!nfc) continue;
                char *kept = io_table_text(&im->t, nfc, strlen(nfc));
                free(nfc);
                if (!kept)
                    return lt_err_set(e, LT_ENOMEM, "hết bộ nhớ khi đọc bảng",
                                      "out of memory while reading the table");
                im->t.rows[i].cells[c] = kept;
            }
        return LT_OK;
    }
    /* valid UTF-8 (what detection would say first) that is NFC already is
    ** parsed as it is: no copy; a large file on two cores */
    size_t bom = n >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    if (enc == TEXT_ENC_UNKNOWN || enc == TEXT_ENC_UTF8) {
        if (io_csv_parse_two(data + bom, n - bom, IO_CSV_TWO_MIN, text_is_nfc, &im->t) == 0) return LT_OK;
        if (text_is_nfc(data + bom, n - bom)) return io_csv_parse(data + bom, n - bom, &im->t, e);
    }
    int sure = 1;
    if (enc == TEXT_ENC_UNKNOWN) enc = text_enc_detect(data, n, &sure);
    if (!sure) {
        im->stats->unsure_of = enc;
        return lt_err_set(e, LT_EINPUT, "không chắc bảng mã của tệp; có lẽ là %s — hãy chạy lại "
                          "với --encoding %s (hoặc utf-8, cp1258, tcvn3, vni)", "cannot tell the "
                          "file's encoding; it is probably %s — run again with --encoding %s (or "
                          "utf-8, cp1258, tcvn3, vni)", text_enc_name(enc), text_enc_name(enc));
    }
    lt_buf utf8;
    lt_buf_init(&utf8, IO_MAX_FILE * 2);
    if (lt_buf_reserve(&utf8, n) == LT_OK)   /* about the room it needs at once: no copies */
        lt_mem_hint_large(utf8.p, utf8.cap);
    int rc = text_decode(enc, data, n, &utf8, e);
    if (rc == LT_EINPUT && enc == TEXT_ENC_UTF8 && utf8_bad_bytes(im, data, n))
        rc = lt_err_set(e, LT_EINPUT, "tệp không phải UTF-8 hợp lệ", "the file is not valid UTF-8");
    if (rc == LT_OK && io_csv_parse_two(utf8.p, utf8.len, IO_CSV_TWO_MIN, NULL, &im->t) != 0)
        rc = io_csv_parse(utf8.p ? utf8.p : "", utf8.len, &im->t, e);
    lt_buf_free(&utf8);
    return rc;
}

int import_file(lt_ctx *ctx, const char *kind, const char *path, text_enc enc, int dry_run,
                import_progress_fn progress, void *progress_arg, import_stats *stats,
                lt_diags *d, lt_err *e) {
    char *data;
    size_t n;
    memset(stats, 0, sizeof *stats);
    if (lt_read_file(path, IO_MAX_FILE, &data, &n, e)) return e->code;
    int rc = import_data(ctx, kind, data, n, enc, dry_run, progress, progress_arg, stats, d, e);
    free(data);
    return rc;
}

/* The table of a checked import, kept for the check page (io.h). */
struct import_view {
    const import_kind *k;
    io_table t;
    int ncols;
    int order[IMPORT_MAX_COLS];   /* kind columns the file has, in the file's order */
    int colidx[IMPORT_MAX_COLS];
};

/* Give im's table to a new view (*view; NULL when memory ran out). */
static void view_take(importer *im, import_view **view) {
    import_view *v = calloc(1, sizeof *v);
    *view = v;
    if (!v) { io_table_free(&im->t); return; }
    v->k = im->k;
    v->t = im->t;
    memset(&im->t, 0, sizeof im->t);
    memcpy(v->colidx, im->colidx, sizeof v->colidx);
    for (int i = 0; v->t.nrows > 0 && i < v->t.rows[0].ncells; i++)
        for (int c = 0; c < IMPORT_MAX_COLS; c++)
            if (v->colidx[c] == i && v->ncols < IMPORT_MAX_COLS) v->order[v->ncols++] = c;
}

/* Apply the rows of a table whose header matched, in one transaction
** (rolled back when there are problems or on a dry run). */
static int import_rows(importer *im, const char *kind, lt_err *e) {
    lt_ctx *ctx = im->ctx;
    /* a history file names a unit (tu_ngay) or a person (den_ngay) on
    ** several rows, each from its own day */
    int units_history = !strcmp(kind, "units") && im->colidx[4] >= 0;
    int people_history = !strcmp(kind, "people") && im->colidx[12] >= 0;
    /* (a people file's rows are checked for it as they are made ready) */
    if (!units_history && !people_history && strcmp(kind, "people"))
        find_duplicates(im, 0, !strcmp(kind, "deployments") ? 1 : -1);
    int rc = !strcmp(kind, "people") ? person_bulk_transaction(ctx, im->t.nrows - 1, e) : db_begin(ctx->db, e);
    if (rc == LT_OK) {
        if (units_history) import_units_history(im);
        else if (people_history) import_people_history(im);
        else if (!strcmp(kind, "units")) import_units(im);
        else if (!strcmp(kind, "people")) import_people(im);
        else if (!strcmp(kind, "registrations")) import_registrations(im);
        else import_deployments(im);
        if (im->d->total || im->dry_run) db_rollback(ctx->db);
        else rc = db_commit(ctx->db, e);
    }
    return rc;
}

/* import_data, and when view is not NULL the table kept in *view. */
static int import_run(lt_ctx *ctx, const char *kind, const char *data, size_t n, text_enc enc,
                      int dry_run, import_progress_fn progress, void *progress_arg, import_stats *stats,
                      lt_diags *d, import_view **view, lt_err *e) {
    importer im = {ctx, NULL, {0}, {0}, d, stats, progress, progress_arg, dry_run, {{0}, {0}}, NULL};
    memset(stats, 0, sizeof *stats);
    if (view) *view = NULL;
    if (!(im.k = import_kind_find(kind)))
        return lt_err_set(e, LT_EUSAGE, "không nhập được loại \"%s\" (units, people, "
                          "registrations, deployments)", "cannot import \"%s\" (units, people, "
                          "registrations, deployments)", kind);
    if (ctx->role == ROLE_MEMBER || ctx->role == ROLE_VIEWER)
        return lt_err_set(e, LT_EREFUSED, "bạn không có quyền nhập dữ liệu",
                          "you may not import data");
    if (load_table(&im, data, n, enc, e)) return e->code;
    if (import_layout(im.k, &im.t, stats)) {
        io_table_free(&im.t);
        return lt_err_oom(e);
    }
    int rc = LT_EINPUT;
    if (im.t.nrows < 1) {
        lt_diags_add(d, 1, "", "tệp trống", "the file is empty");
    } else if (map_header(&im) == LT_OK) {
        stats->rows = im.t.nrows - 1;
        rc = import_rows(&im, kind, e);
    }
    if (view) view_take(&im, view);
    io_table_free(&im.t);
    code_set_free(&im.refs[0]);
    code_set_free(&im.refs[1]);
    lt_diags_sort(d);
    if (rc == LT_OK && d->total) rc = LT_EINPUT;
    return rc;
}

int import_data(lt_ctx *ctx, const char *kind, const char *data, size_t n, text_enc enc,
                int dry_run, import_progress_fn progress, void *progress_arg, import_stats *stats,
                lt_diags *d, lt_err *e) {
    return import_run(ctx, kind, data, n, enc, dry_run, progress, progress_arg, stats, d, NULL, e);
}

int import_check_view(lt_ctx *ctx, const char *kind, const char *data, size_t n, text_enc enc,
                      import_stats *stats, lt_diags *d, import_view **view, lt_err *e) {
    return import_run(ctx, kind, data, n, enc, 1, NULL, NULL, stats, d, view, e);
}

void import_view_free(import_view *v) {
    if (!v) return;
    io_table_free(&v->t);
    free(v);
}

int import_view_ncols(const import_view *v) { return v ? v->ncols : 0; }

const char *import_view_col(const import_view *v, int i) {
    return v && i >= 0 && i < v->ncols ? v->k->cols[v->order[i]].name : "";
}

long import_view_nrows(const import_view *v) { return v && v->t.nrows > 0 ? v->t.nrows - 1 : 0; }

long import_view_line(const import_view *v, long row) {
    return row >= 0 && row < import_view_nrows(v) ? v->t.rows[row + 1].line : 0;
}

/* Row r's cell of kind column c, trimmed ("" when absent). */
static const char *view_cell_at(const import_view *v, long r, int c) {
    int i = c >= 0 && c < IMPORT_MAX_COLS ? v->colidx[c] : -1;
    if (i < 0 || i >= v->t.rows[r].ncells) return "";
    return text_trim(v->t.rows[r].cells[i]);
}

const char *import_view_cell(const import_view *v, long row, int i) {
    if (row < 0 || row >= import_view_nrows(v) || i < 0 || i >= v->ncols) return "";
    return view_cell_at(v, row + 1, v->order[i]);
}

const char *import_view_value(const import_view *v, long line, const char *column) {
    if (!v || !column || !*column) return NULL;
    int c = 0;
    while (c < IMPORT_MAX_COLS && v->k->cols[c].name && strcmp(v->k->cols[c].name, column)) c++;
    if (c == IMPORT_MAX_COLS || !v->k->cols[c].name || v->colidx[c] < 0) return NULL;
    long lo = 1, hi = v->t.nrows - 1;   /* data rows, in the file's order */
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        if (v->t.rows[mid].line == line) return view_cell_at(v, mid, c);
        if (v->t.rows[mid].line < line) lo = mid + 1;
        else hi = mid - 1;
    }
    return NULL;
}
