/*
** import_layout.c — reading a spreadsheet as offices make it: a title and
** blank lines above the header ("DANH SÁCH CÁN BỘ, ĐẢNG VIÊN ...", "Đơn
** vị: ..."), a header merged over two rows (a group header above its
** sub-headers, or a cell merged down so the row below is empty there), a
** row numbering the columns, blank rows, and a total or signatures at the
** end.  The header is the first of the first rows whose cells (with the
** row below, when that row is more header) name the kind's required
** columns; the table is rewritten as header then data rows, and what was
** left out is said as a phrase in both languages.  Line numbers stay the
** file's own.
*/
#include "import_cols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LAYOUT_SCAN 20    /* rows searched for the header */
#define LAYOUT_LIST 5     /* blank rows named one by one, then "…" */

/* Row r's cell c, trimmed ("" when the row is shorter). */
static const char *lay_cell(const io_table *t, long r, int c) {
    if (r < 0 || r >= t->nrows || c < 0 || c >= t->rows[r].ncells) return "";
    return text_trim(t->rows[r].cells[c]);
}

/* How many cells of row r are not empty. */
static int lay_filled(const io_table *t, long r) {
    int n = 0;
    for (int c = 0; c < t->rows[r].ncells; c++) n += *lay_cell(t, r, c) != 0;
    return n;
}

/* The column a header text names (import_header_match), -1 when none. */
static int lay_match(const import_kind *k, const char *text) {
    if (!*text) return -1;
    char *norm = import_header_norm(text);
    int m = norm ? import_header_match(k, norm) : -1;
    free(norm);
    return m;
}

/* The column a two-row header names at column c of rows r (top) and r+1
** (sub): the sub-header, the two read together ("Mã" under "Đơn vị"), or
** the top cell (merged down over the row below).  *joined is set when the
** two together name it. */
static int lay_combined(const import_kind *k, const io_table *t, long r, int c, int *joined) {
    const char *top = lay_cell(t, r, c), *sub = lay_cell(t, r + 1, c);
    int m = lay_match(k, sub);
    *joined = 0;
    if (m != -1) return m;
    if (*top && *sub) {
        char both[512];
        snprintf(both, sizeof both, "%.250s %.250s", sub, top);
        if ((m = lay_match(k, both)) >= 0) { *joined = 1; return m; }
        snprintf(both, sizeof both, "%.250s %.250s", top, sub);
        if ((m = lay_match(k, both)) >= 0) { *joined = 2; return m; }
    }
    return lay_match(k, top);
}

/* The set of kind columns row r names (two: with row r+1 as its sub-header). */
static unsigned lay_mask(const import_kind *k, const io_table *t, long r, int two) {
    unsigned mask = 0;
    int w = t->rows[r].ncells, j;
    if (two && r + 1 < t->nrows && t->rows[r + 1].ncells > w) w = t->rows[r + 1].ncells;
    for (int c = 0; c < w; c++) {
        int m = two && r + 1 < t->nrows ? lay_combined(k, t, r, c, &j) : lay_match(k, lay_cell(t, r, c));
        if (m >= 0) mask |= 1u << m;
    }
    return mask;
}

static int lay_bits(unsigned m) {
    int n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

/* Is row r+1 the second row of a header starting at r: it names columns
** row r does not, and at least half its cells are header names (alone, or
** read with the cell above)? */
static int lay_two_rows(const import_kind *k, const io_table *t, long r) {
    if (r + 1 >= t->nrows) return 0;
    if (lay_bits(lay_mask(k, t, r, 1)) <= lay_bits(lay_mask(k, t, r, 0))) return 0;
    int filled = 0, names = 0, j;
    for (int c = 0; c < t->rows[r + 1].ncells; c++) {
        if (!*lay_cell(t, r + 1, c)) continue;
        filled++;
        names += lay_combined(k, t, r, c, &j) != -1 && (j || lay_match(k, lay_cell(t, r + 1, c)) != -1);
    }
    return 2 * names >= filled;
}

/* The header row: the first of the first rows that names every required
** column, alone or with the row below as its sub-headers (unless that row
** names them all alone and this one is a title of a cell or two); else the
** one that names most; else the first row that is not empty. */
static long lay_header(const import_kind *k, const io_table *t) {
    unsigned req = 0;
    for (int c = 0; c < import_kind_ncols(k); c++)
        if (k->cols[c].required) req |= 1u << c;
    long best = -1, first = -1;
    int best_n = 0;
    for (long r = 0; r < t->nrows && r < LAYOUT_SCAN; r++) {
        if (first < 0 && lay_filled(t, r)) first = r;
        unsigned m = lay_mask(k, t, r, 0), m2 = lay_mask(k, t, r, 1);
        if ((m & req) == req) return r;
        if ((m2 & req) == req && r + 1 < t->nrows &&
            ((lay_mask(k, t, r + 1, 0) & req) != req || (m && lay_filled(t, r) >= 3)))
            return r;
        int n = lay_bits(m) > lay_bits(m2) ? lay_bits(m) : lay_bits(m2);
        if (n > best_n) best_n = n, best = r;
    }
    return best >= 0 ? best : first >= 0 ? first : 0;
}

/* Build the header of two rows into rows[r] (cells of the wider row, each
** the text that names its column).  LT_OK or LT_ENOMEM. */
static int lay_merge(const import_kind *k, io_table *t, long r) {
    io_row *a = &t->rows[r], *b = &t->rows[r + 1];
    char **cells = b->ncells > a->ncells ? b->cells : a->cells;
    int w = b->ncells > a->ncells ? b->ncells : a->ncells, j;
    for (int c = 0; c < w; c++) {
        const char *top = lay_cell(t, r, c), *sub = lay_cell(t, r + 1, c);
        int m = lay_combined(k, t, r, c, &j);
        char both[512];
        const char *pick = m != -1 && lay_match(k, sub) == m ? sub : *top ? top : sub;
        if (j) {
            snprintf(both, sizeof both, "%.250s %.250s", j == 1 ? sub : top, j == 1 ? top : sub);
            if (!(pick = io_table_text(t, both, strlen(both)))) return LT_ENOMEM;
        }
        cells[c] = (char *)pick;
    }
    a->cells = cells;
    a->ncells = w;
    return LT_OK;
}

/* Does the first filled cell of row r begin with one of words (folded,
** whole words), or (date) read as a place and a date ("Chợ Lách, ngày 15
** tháng 01 năm 2024")?  A code ("CONG-01": a digit, no space) never does. */
static int lay_starts(const io_table *t, long r, const char *const *words, int date) {
    const char *v = "";
    for (int c = 0; c < t->rows[r].ncells && !*v; c++) v = lay_cell(t, r, c);
    if (!*v || (!strchr(v, ' ') && strpbrk(v, "0123456789"))) return 0;
    char *f = text_fold_dup(v);
    if (!f) return 0;
    for (char *p = f; *p; p++)
        if ((unsigned char)*p < 0x80 && !(*p >= 'a' && *p <= 'z') && !(*p >= '0' && *p <= '9')) *p = ' ';
    char *s = f;
    while (*s == ' ') s++;
    int hit = 0;
    for (int i = 0; words[i] && !hit; i++) {
        size_t n = strlen(words[i]);
        hit = strncmp(s, words[i], n) == 0 && (s[n] == 0 || s[n] == ' ');
    }
    if (!hit && date) hit = strstr(f, "ngay ") && strstr(f, " thang ") && strstr(f, " nam ");
    free(f);
    return hit;
}

/* What a row after the data is. */
enum { ROW_DATA = 0, ROW_BLANK, ROW_TOTAL, ROW_SIGN, ROW_SHORT };

/* A total begins with its word; a signature line or a date has up to
** three cells (one a signer), the first a signer's title; other rows of
** one or two cells are short. */
static int lay_kind_of(const io_table *t, long r) {
    static const char *const total[] = {"tong cong", "cong", "tong so", "tong", NULL};
    static const char *const sign[] = {"nguoi lap", "lap bieu", "bi thu", "pho bi thu", "t m", "tm", "k t", "kt",
                                       "thu truong", "xac nhan", "ky", "chu tich", "truong ban", "noi nhan",
                                       "ghi chu", "luu", "dang uy", "chi uy", NULL};
    int n = lay_filled(t, r);
    if (n == 0) return ROW_BLANK;
    if (lay_starts(t, r, total, 0)) return ROW_TOTAL;
    if (n <= 3 && lay_starts(t, r, sign, 1)) return ROW_SIGN;
    return n <= 2 ? ROW_SHORT : ROW_DATA;
}

/* Is row r the columns' numbers ("1 2 3 …" or "(1) (2) …")? */
static int lay_numbers(const io_table *t, long r) {
    long want = -1, v;
    int n = 0;
    for (int c = 0; c < t->rows[r].ncells; c++) {
        char buf[16];
        const char *s = lay_cell(t, r, c);
        if (!*s) continue;
        size_t len = strlen(s);
        if (len >= sizeof buf) return 0;
        memcpy(buf, s, len + 1);
        char *p = buf;
        if (*p == '(' && len > 2 && buf[len - 1] == ')') { buf[len - 1] = 0; p++; }
        if (lt_parse_long(p, 0, 999, &v) || (want >= 0 && v != want)) return 0;
        want = v + 1;
        n++;
    }
    return n >= 3;
}

/* Append "dòng A–B" / "lines A–B" (or one line) and why to the phrases. */
static void lay_say(import_stats *st, long from, long to, const char *why_vi, const char *why_en) {
    size_t nv = strlen(st->skipped_vi), ne = strlen(st->skipped_en);
    const char *sep = nv ? ", " : "";
    if (from == to) {
        snprintf(st->skipped_vi + nv, sizeof st->skipped_vi - nv, "%sdòng %ld (%s)", sep, from, why_vi);
        snprintf(st->skipped_en + ne, sizeof st->skipped_en - ne, "%sline %ld (%s)", sep, from, why_en);
    } else {
        snprintf(st->skipped_vi + nv, sizeof st->skipped_vi - nv, "%sdòng %ld–%ld (%s)", sep, from, to, why_vi);
        snprintf(st->skipped_en + ne, sizeof st->skipped_en - ne, "%slines %ld–%ld (%s)", sep, from, to, why_en);
    }
}

/* The reasons of the rows t..end after the data, as "dòng tổng cộng, chữ ký". */
static void lay_say_tail(const io_table *t, long from, import_stats *st) {
    int total = 0, sign = 0;
    for (long r = from; r < t->nrows; r++) {
        int kd = lay_kind_of(t, r);
        total |= kd == ROW_TOTAL;
        sign |= kd == ROW_SIGN;
    }
    long last = t->rows[t->nrows - 1].line;
    st->skipped += last - t->rows[from].line + 1;
    lay_say(st, t->rows[from].line, last,
            total && sign ? "dòng tổng cộng, chữ ký" : total ? "dòng tổng cộng" : sign ? "chữ ký" : "không phải dữ liệu",
            total && sign ? "total, signatures" : total ? "total" : sign ? "signatures" : "not data");
}

/* Where the data ends: after the last row that is data, at the first row
** after it that is blank, a total or a signature (short rows before that
** are data with cells missing, and are reported). */
static long lay_tail(const io_table *t, long start) {
    long e = t->nrows;
    while (e > start && lay_kind_of(t, e - 1) != ROW_DATA) e--;
    for (long r = e; r < t->nrows; r++)
        if (lay_kind_of(t, r) != ROW_SHORT) return r;
    return t->nrows;
}

int import_layout(const import_kind *k, io_table *t, import_stats *st) {
    st->skipped = 0;
    st->skipped_vi[0] = st->skipped_en[0] = 0;
    st->header_rows = 1;
    if (t->nrows < 1) return LT_OK;
    long h = lay_header(k, t), start = h + 1;
    st->header_line = t->rows[h].line;
    if (t->rows[h].line > 1) {
        st->skipped += t->rows[h].line - 1;
        lay_say(st, 1, t->rows[h].line - 1, "tiêu đề", "title");
    }
    if (lay_two_rows(k, t, h)) {
        if (lay_merge(k, t, h)) return LT_ENOMEM;
        st->header_rows = 2;
        start++;
    }
    if (start < t->nrows && lay_numbers(t, start)) {
        lay_say(st, t->rows[start].line, t->rows[start].line, "đánh số cột", "column numbers");
        st->skipped++;
        start++;
    }
    io_row head = t->rows[h];   /* the rows are moved up over it below */
    long end = lay_tail(t, start), w = 1;
    int blanks = 0;
    for (long r = start; r < end; r++) {
        if (lay_filled(t, r)) { t->rows[w++] = t->rows[r]; continue; }
        st->skipped++;
        if (++blanks <= LAYOUT_LIST) lay_say(st, t->rows[r].line, t->rows[r].line, "trống", "blank");
    }
    if (blanks > LAYOUT_LIST) {
        size_t nv = strlen(st->skipped_vi), ne = strlen(st->skipped_en);
        snprintf(st->skipped_vi + nv, sizeof st->skipped_vi - nv, ", …");
        snprintf(st->skipped_en + ne, sizeof st->skipped_en - ne, ", …");
    }
    if (end < t->nrows) lay_say_tail(t, end, st);
    t->rows[0] = head;
    t->nrows = w;
    return LT_OK;
}
