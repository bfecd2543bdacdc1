/*
** copy.c — a whole SQLite installation into a new PostgreSQL database
** (lamtheo migrate, DESIGN §10): every table PostgreSQL's schema has, row
** for row and value for value, tallies and stamps included, by COPY.
**
** The copy runs in the target's transaction, which the caller opened and
** commits once it has compared what it wants to (the indicators): a copy
** that fails leaves nothing.  The source is read in one snapshot.  The
** target's own triggers are off while the rows arrive (what they would
** compute came with the rows), its foreign keys set aside and made again
** once the rows are in (each checked then in one pass), and each identity
** column is moved past the ids copied.  Every value is checked
** against its column before it is sent, so a bad one is named by table,
** row and column: text must be UTF-8 without NUL, an integer an integer.
** Afterwards every table's rows are counted on the target, against those
** read from the source.
*/
#include "store.h"
#include "schema.h"
#include "pg.h"
#include "../text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_BATCH (256 * 1024)   /* bytes sent to the server at a time */
#define COPY_NOTE_EVERY 100000    /* rows between two progress notes of a table */
#define COPY_MAX_TABLES 128
#define COPY_MAX_COLUMNS 64

enum { COL_INT, COL_TEXT, COL_BYTES };

typedef struct copy_table {
    char name[64];
    int identity;                 /* has an identity column (id) */
    int ncols;
    char col[COPY_MAX_COLUMNS][64];
    int kind[COPY_MAX_COLUMNS];
} copy_table;

typedef struct copy_run {
    lt_db *from, *to;
    copy_table *t;
    int n;
    db_copy_note note;
    void *arg;
    lt_buf out;                   /* COPY's text, sent every COPY_BATCH bytes */
    lt_buf keys;                  /* what makes the foreign keys again (keys_aside) */
} copy_run;

/* ---- the target's tables ------------------------------------------------- */

/* Whether a table's or column's name is one lamtheo's schema could have
** (lower-case ASCII letters, digits, '_'): the names go into SQL between
** double quotes, so none other is taken. */
static int plain_name(const char *s) {
    if (!*s || strlen(s) >= 64) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

/* A table (or a column) of the target that lamtheo's schema has not. */
static int not_ours(int column, const char *name, lt_err *e) {
    if (column)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL đích có cột \"%.64s\" không thuộc lược đồ của"
                          " lamtheo; hãy chép vào một cơ sở dữ liệu mới", "the target PostgreSQL database has a"
                          " column \"%.64s\" that is not lamtheo's; copy into a new database", name);
    return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL đích có bảng \"%.64s\" không thuộc lược đồ của"
                      " lamtheo; hãy chép vào một cơ sở dữ liệu mới", "the target PostgreSQL database has a"
                      " table \"%.64s\" that is not lamtheo's; copy into a new database", name);
}

/* Every table of lamtheo's schema on the target (not its version's table). */
static int tables_read(copy_run *r, lt_err *e) {
    db_stmt *st = db_prepare(r->to, "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE"
                             " a.attrelid = c.oid AND a.attidentity <> '') FROM pg_class c WHERE"
                             " c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
                             " AND c.relkind = 'r'"
                             " AND c.relname <> 'lamtheo_schema' ORDER BY c.oid", e);
    if (!st) return LT_EDB;
    int rc;
    while ((rc = db_step_row(r->to, st, e)) == 1) {
        const char *name = db_col_text(st, 0);
        if (r->n == COPY_MAX_TABLES) {
            rc = lt_err_set(e, LT_EDB, "lỗi nội bộ: quá nhiều bảng", "internal error: too many tables");
            break;
        }
        if (!plain_name(name)) {
            rc = not_ours(0, name, e);
            break;
        }
        copy_table *t = &r->t[r->n++];
        snprintf(t->name, sizeof t->name, "%s", name);
        t->identity = db_col_int(st, 1);
    }
    db_reset(st);
    return rc < 0 ? LT_EDB : rc;
}

/* Table t's columns that take values (a generated one is computed), with
** the kind of value each holds. */
static int columns_read(copy_run *r, copy_table *t, lt_err *e) {
    db_stmt *st = db_prepare(r->to, "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                             " WHERE attrelid = CAST(?1 AS regclass) AND attnum > 0 AND NOT attisdropped"
                             " AND attgenerated = '' ORDER BY attnum", e);
    if (!st) return LT_EDB;
    db_bind_text(st, 1, t->name);
    int rc;
    t->ncols = 0;
    while ((rc = db_step_row(r->to, st, e)) == 1) {
        const char *name = db_col_text(st, 0), *type = db_col_text(st, 1);
        if (t->ncols == COPY_MAX_COLUMNS) {
            rc = lt_err_set(e, LT_EDB, "lỗi nội bộ: bảng %s có quá nhiều cột",
                            "internal error: table %s has too many columns", t->name);
            break;
        }
        if (!plain_name(name)) {
            rc = not_ours(1, name, e);
            break;
        }
        snprintf(t->col[t->ncols], sizeof t->col[0], "%s", name);
        t->kind[t->ncols++] = !strcmp(type, "bigint") || !strcmp(type, "integer") ? COL_INT
                              : !strcmp(type, "bytea") ? COL_BYTES : COL_TEXT;
    }
    db_reset(st);
    return rc < 0 ? LT_EDB : rc;
}

/* The foreign keys are set aside while the rows arrive and made again
** after them, each checked then in one pass: checked row by row at the
** end of each COPY, they took longer than the copy itself.  r->keys holds
** the statements that make them again. */
static int keys_aside(copy_run *r, lt_err *e) {
    db_stmt *st = db_prepare(r->to, "SELECT CAST(CAST(c.conrelid AS regclass) AS text), c.conname,"
                             " pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid ="
                             " c.conrelid WHERE c.contype = 'f' AND t.relnamespace = (SELECT oid FROM"
                             " pg_namespace WHERE nspname = current_schema()) ORDER BY c.oid", e);
    if (!st) return LT_EDB;
    lt_buf drop = {0};
    int rc;
    while ((rc = db_step_row(r->to, st, e)) == 1) {
        const char *table = db_col_text(st, 0), *name = db_col_text(st, 1);
        lt_buf_printf(&drop, "ALTER TABLE %s DROP CONSTRAINT \"%s\";", table, name);
        lt_buf_printf(&r->keys, "ALTER TABLE %s ADD CONSTRAINT \"%s\" %s;", table, name, db_col_text(st, 2));
    }
    db_reset(st);
    rc = rc < 0 ? LT_EDB : drop.err || r->keys.err ? lt_err_oom(e) : drop.len ? db_exec(r->to, drop.p, e) : LT_OK;
    lt_buf_free(&drop);
    return rc;
}

static int keys_back(copy_run *r, lt_err *e) {
    return r->keys.len ? db_exec(r->to, r->keys.p, e) : LT_OK;
}

/* Run "HEAD t1 TAIL; HEAD t2 TAIL; ..." over every table, or as one
** statement "HEAD t1, t2, ... TAIL" (joined). */
static int each_table(copy_run *r, const char *head, const char *tail, int joined, lt_err *e) {
    lt_buf sql = {0};
    for (int k = 0; k < r->n; k++) {
        if (!joined || !k) lt_buf_printf(&sql, "%s ", head);
        lt_buf_printf(&sql, "\"%s\"", r->t[k].name);
        if (!joined || k == r->n - 1) lt_buf_printf(&sql, " %s;", tail);
        else lt_buf_puts(&sql, ", ");
    }
    int rc = sql.err ? lt_err_oom(e) : db_exec(r->to, sql.p ? sql.p : "", e);
    lt_buf_free(&sql);
    return rc;
}

/* ---- the values ------------------------------------------------------------ */

/* Where a bad value is: "bảng person, dòng id 12, cột name". */
static int bad_value(copy_table *t, int c, long long row, long long id, const char *vi, const char *en,
                     lt_err *e) {
    char where_vi[200], where_en[200];
    if (id) {
        snprintf(where_vi, sizeof where_vi, "bảng %s, dòng có id %lld, cột %s", t->name, id, t->col[c]);
        snprintf(where_en, sizeof where_en, "table %s, the row with id %lld, column %s", t->name, id, t->col[c]);
    } else {
        snprintf(where_vi, sizeof where_vi, "bảng %s, dòng thứ %lld, cột %s", t->name, row, t->col[c]);
        snprintf(where_en, sizeof where_en, "table %s, row %lld, column %s", t->name, row, t->col[c]);
    }
    return lt_err_set(e, LT_EINPUT, "%s: %s", "%s: %s", where_vi, vi, where_en, en);
}

/* s[0..n) in COPY's text format. */
static void put_text(lt_buf *b, const char *s, int n) {
    for (int i = 0; i < n; i++) {
        char c = s[i];
        const char *esc = c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
        if (esc) lt_buf_append(b, esc, 2);
        else lt_buf_append(b, &c, 1);
    }
}

/* bytea's hex form, its backslash escaped for COPY: \\x0a1b... */
static void put_bytes(lt_buf *b, const unsigned char *p, int n) {
    static const char hex[] = "0123456789abcdef";
    lt_buf_append(b, "\\\\x", 3);
    for (int i = 0; i < n; i++) {
        char two[2] = {hex[p[i] >> 4], hex[p[i] & 15]};
        lt_buf_append(b, two, 2);
    }
}

/* Column c of the source's current row, checked against its kind. */
static int put_value(copy_run *r, copy_table *t, db_stmt *st, int c, long long row, long long id, lt_err *e) {
    int type = db_col_type(st, c);
    if (type == DB_NULL) {
        lt_buf_append(&r->out, "\\N", 2);
        return LT_OK;
    }
    if (t->kind[c] == COL_INT) {
        if (type != DB_INT)
            return bad_value(t, c, row, id, "không phải số nguyên", "not an integer", e);
        lt_buf_printf(&r->out, "%lld", db_col_int64(st, c));
    } else if (t->kind[c] == COL_BYTES) {
        const unsigned char *p = db_col_blob(st, c);
        put_bytes(&r->out, p, db_col_bytes(st, c));
    } else {
        const char *s = db_col_text(st, c);
        int n = db_col_bytes(st, c);
        long line, col;
        if (!s || text_utf8_check(s, (size_t)n, &line, &col))
            return bad_value(t, c, row, id, "không phải chữ UTF-8 (hoặc có byte 0)",
                             "not UTF-8 text (or holds a 0 byte)", e);
        put_text(&r->out, s, n);
    }
    return LT_OK;
}

/* ---- a table ------------------------------------------------------------------- */

static int send_out(copy_run *r, lt_err *e) {
    if (r->out.err) return lt_err_oom(e);
    int rc = pg_copy_put(db_pg_conn(r->to), r->out.p, r->out.len, e);
    lt_buf_reset(&r->out);
    return rc;
}

/* The source's rows of t, through a COPY already begun; *rows counted. */
static int rows_send(copy_run *r, copy_table *t, long long *rows, lt_err *e) {
    lt_buf sql = {0};
    int idc = -1;
    lt_buf_printf(&sql, "SELECT ");
    for (int c = 0; c < t->ncols; c++) {
        lt_buf_printf(&sql, "%s\"%s\"", c ? ", " : "", t->col[c]);
        if (!strcmp(t->col[c], "id") && t->kind[c] == COL_INT) idc = c;
    }
    lt_buf_printf(&sql, " FROM \"%s\"", t->name);
    db_stmt *st = sql.err ? NULL : db_prepare(r->from, sql.p, e);
    int rc = sql.err ? lt_err_oom(e) : st ? LT_OK : LT_EDB;
    lt_buf_free(&sql);
    int step = 0;
    while (rc == LT_OK && (step = db_step_row(r->from, st, e)) == 1) {
        long long id = idc >= 0 && db_col_type(st, idc) == DB_INT ? db_col_int64(st, idc) : 0;
        ++*rows;
        for (int c = 0; c < t->ncols && rc == LT_OK; c++) {
            if (c) lt_buf_append(&r->out, "\t", 1);
            rc = put_value(r, t, st, c, *rows, id, e);
        }
        lt_buf_append(&r->out, "\n", 1);
        if (rc == LT_OK && (r->out.len >= COPY_BATCH || r->out.err)) rc = send_out(r, e);
        if (rc == LT_OK && r->note && *rows % COPY_NOTE_EVERY == 0) r->note(t->name, *rows, 0, r->arg);
    }
    if (rc == LT_OK && step < 0) rc = LT_EDB;
    if (st) db_reset(st);
    return rc;
}

static long long count_rows(lt_db *db, const char *table, lt_err *e) {
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    return db_int(db, sql, 0, e);
}

static int table_copy(copy_run *r, copy_table *t, lt_err *e) {
    int rc = columns_read(r, t, e);
    lt_buf sql = {0};
    lt_buf_printf(&sql, "COPY \"%s\" (", t->name);
    for (int c = 0; c < t->ncols; c++) lt_buf_printf(&sql, "%s\"%s\"", c ? ", " : "", t->col[c]);
    lt_buf_printf(&sql, ") FROM STDIN");
    if (rc == LT_OK) rc = sql.err ? lt_err_oom(e) : pg_copy_begin(db_pg_conn(r->to), sql.p, e);
    lt_buf_free(&sql);
    if (rc) return rc;
    long long rows = 0, written = -1;
    lt_buf_reset(&r->out);
    rc = rows_send(r, t, &rows, e);
    if (rc == LT_OK) rc = send_out(r, e);
    if (rc == LT_OK) rc = pg_copy_end(db_pg_conn(r->to), NULL, &written, e);
    else pg_copy_end(db_pg_conn(r->to), "lamtheo migrate", NULL, NULL);
    if (rc) return rc;
    /* (the rows read, in the source's snapshot, are its count) */
    long long has = count_rows(r->to, t->name, e);
    if (has < 0) return LT_EDB;
    if (has != rows || written != rows)
        return lt_err_set(e, LT_EDB, "bảng %s: nguồn có %lld dòng nhưng đích có %lld",
                          "table %s: the source holds %lld rows but the target %lld", t->name, rows, has);
    if (t->identity) rc = db_ids_given(r->to, t->name, e);
    if (rc == LT_OK && r->note) r->note(t->name, rows, 1, r->arg);
    return rc;
}

/* ---- the whole ------------------------------------------------------------------ */

/* Whether the target holds nothing of an installation's own. */
static int target_empty(lt_db *to, lt_err *e) {
    long long n = db_int(to, "SELECT (SELECT count(*) FROM unit) + (SELECT count(*) FROM person)"
                             " + (SELECT count(*) FROM account) + (SELECT count(*) FROM audit)", 0, e);
    if (n < 0) return LT_EDB;
    if (n > 0)
        return lt_err_set(e, LT_EREFUSED, "cơ sở dữ liệu PostgreSQL đích đã có dữ liệu; hãy chép vào một cơ sở"
                          " dữ liệu mới (createdb --template=template0 --locale=C.UTF-8)", "the target PostgreSQL"
                          " database already holds data; copy into a new one (createdb --template=template0"
                          " --locale=C.UTF-8)");
    return LT_OK;
}

static int tables_copy(copy_run *r, lt_err *e) {
    for (int k = 0; k < r->n; k++)
        if (table_copy(r, &r->t[k], e)) return lt_err_code(e, LT_EDB);
    return LT_OK;
}

int db_copy(lt_db *from, lt_db *to, db_copy_note note, void *arg, lt_err *e) {
    if (db_engine_pg(from) || !db_engine_pg(to))
        return lt_err_set(e, LT_EUSAGE, "chỉ chép được từ một tệp SQLite sang PostgreSQL",
                          "the copy goes from an SQLite file to PostgreSQL only");
    copy_run r = {.from = from, .to = to, .note = note, .arg = arg};
    if (!(r.t = calloc(COPY_MAX_TABLES, sizeof *r.t))) return lt_err_oom(e);
    int rc = target_empty(to, e);
    if (rc == LT_OK) rc = tables_read(&r, e);
    if (rc == LT_OK) rc = db_read_begin(from, e);
    if (rc == LT_OK) {
        if ((rc = each_table(&r, "TRUNCATE", "", 1, e)) == LT_OK &&
            (rc = keys_aside(&r, e)) == LT_OK &&
            (rc = each_table(&r, "ALTER TABLE", "DISABLE TRIGGER USER", 0, e)) == LT_OK &&
            (rc = tables_copy(&r, e)) == LT_OK && (rc = keys_back(&r, e)) == LT_OK)
            rc = each_table(&r, "ALTER TABLE", "ENABLE TRIGGER USER", 0, e);
        db_read_end(from);
    }
    lt_buf_free(&r.out);
    lt_buf_free(&r.keys);
    free(r.t);
    return rc;
}
