/*
** csv.c — the CSV reader: RFC 4180 text (quotes, "" escapes, newlines
** inside quoted cells, CRLF / LF / CR line ends) into an io_table, with the
** separator (',' or ';') guessed from the first lines.  One pass, linear
** time, no recursion; every bound of io.h is enforced with the line number.
*/
#include "table_build.h"

#include <pthread.h>
#include <string.h>

/* Parser state over data[0..n). */
typedef struct csv_st {
    const char *d;
    size_t n, i;     /* input and the read position */
    long line;       /* line of position i (1-based) */
    char sep;
    char stop[256];  /* the bytes that end an unquoted cell */
    lt_buf cell;     /* the quoted cell being read */
    io_tb tb;
    lt_err *e;
} csv_st;

/* How many of the first lines have the count most common among them
** (counts of 0 left out). */
static int csv_steady(const long *count, int lines) {
    int best = 0;
    for (int i = 0; i < lines; i++) {
        int same = 0;
        for (int j = 0; count[i] && j < lines; j++) same += count[j] == count[i];
        if (same > best) best = same;
    }
    return best;
}

/* The separator: the one of ',' and ';' (outside quotes) whose count is
** the same on more of the first lines ("DANH SÁCH CÁN BỘ, ĐẢNG VIÊN" above
** a header split by ';' has a comma of its own); ',' on a tie. */
static char csv_detect_sep(const char *d, size_t n) {
    enum { LINES = 20 };
    long commas[LINES] = {0}, semis[LINES] = {0};
    int lines = 0, q = 0, blank = 1;
    for (size_t i = 0; i < n && lines < LINES; i++) {
        char c = d[i];
        if (c == '"') q = !q;
        if (c == '"' || q) { blank = 0; continue; }
        if (c == '\r' || c == '\n') { lines += !blank; blank = 1; continue; }
        blank = 0;
        if (c == ',') commas[lines]++;
        else if (c == ';') semis[lines]++;
    }
    if (!blank && lines < LINES) lines++;
    return csv_steady(semis, lines) > csv_steady(commas, lines) ? ';' : ',';
}

/* Append d[from..to) to the cell, failing when the cell gets too long. */
static int csv_put(csv_st *s, size_t from, size_t to) {
    size_t k = to - from;
    if (k == 0) return LT_OK;
    if (s->cell.len + k > IO_MAX_CELL)
        return io_tb_error(IO_TB_LONG, NULL, 0, s->line, s->e);
    if (lt_buf_append(&s->cell, s->d + from, k))
        return io_tb_error(IO_TB_NOMEM, NULL, 0, s->line, s->e);
    return LT_OK;
}

/* The error for a NUL byte at the current line. */
static int csv_nul(csv_st *s) {
    return lt_err_set(s->e, LT_EINPUT, "dòng %ld: dữ liệu có byte NUL",
                      "line %ld: NUL byte in the data", s->line);
}

/* Read a quoted cell; s->i is on the opening quote.  Leaves s->i on the
** separator, line end or end of input that follows the closing quote. */
static int csv_quoted(csv_st *s) {
    const char *d = s->d;
    long qline = s->line;
    size_t i = ++s->i;
    for (;;) {
        size_t j = i;
        while (j < s->n && d[j] != '"' && d[j] != '\r' && d[j] != '\n' && d[j] != 0) j++;
        int rc = csv_put(s, i, j);
        if (rc) return rc;
        if (j >= s->n)
            return lt_err_set(s->e, LT_EINPUT,
                              "dòng %ld: dấu ngoặc kép mở ở đây không được đóng",
                              "line %ld: the quote opened here is never closed", qline);
        if (d[j] == 0) return csv_nul(s);
        if (d[j] == '"') {
            if (j + 1 < s->n && d[j + 1] == '"') {
                if ((rc = csv_put(s, j, j + 1))) return rc;
                i = j + 2;
                continue;
            }
            i = j + 1;
            break;
        }
        size_t end = j + 1;                       /* a line end inside quotes */
        if (d[j] == '\r' && end < s->n && d[end] == '\n') end++;
        if ((rc = csv_put(s, j, end))) return rc;
        s->line++;
        i = end;
    }
    s->i = i;
    if (i >= s->n || d[i] == s->sep || d[i] == '\r' || d[i] == '\n') return LT_OK;
    if (d[i] == 0) return csv_nul(s);
    return lt_err_set(s->e, LT_EINPUT,
                      "dòng %ld: có chữ sau dấu ngoặc kép đóng (thiếu dấu phân cách?)",
                      "line %ld: text after a closing quote (missing separator?)", s->line);
}

/* Read an unquoted cell up to the separator, line end or end of input:
** it goes into the table straight from the input. */
static int csv_plain(csv_st *s) {
    const unsigned char *d = (const unsigned char *)s->d;
    size_t j = s->i;
    while (j < s->n && !s->stop[d[j]]) j++;
    if (j < s->n && d[j] == 0) return csv_nul(s);
    if (j < s->n && d[j] == '"')
        return lt_err_set(s->e, LT_EINPUT,
                          "dòng %ld: dấu ngoặc kép lạc giữa ô không có ngoặc",
                          "line %ld: stray quote inside an unquoted cell", s->line);
    int rc = io_tb_cell(&s->tb, s->d + s->i, j - s->i);
    s->i = j;
    return rc ? io_tb_error(rc, NULL, 0, s->line, s->e) : LT_OK;
}

/* Read one record starting at s->i (not on a line end) into the table and
** step past its line end. */
static int csv_record(csv_st *s) {
    long rline = s->line;
    int rc;
    for (;;) {
        if (s->i < s->n && s->d[s->i] == '"') {
            lt_buf_reset(&s->cell);
            if ((rc = csv_quoted(s))) return rc;
            rc = io_tb_cell(&s->tb, s->cell.p, s->cell.len);
            if (rc) return io_tb_error(rc, NULL, 0, s->line, s->e);
        } else if ((rc = csv_plain(s))) {
            return rc;
        }
        if (s->i < s->n && s->d[s->i] == s->sep) { s->i++; continue; }
        break;
    }
    rc = io_tb_end_row(&s->tb, rline);
    if (rc) return io_tb_error(rc, NULL, 0, rline, s->e);
    if (s->i < s->n) {                      /* on '\r' or '\n' */
        if (s->d[s->i] == '\r' && s->i + 1 < s->n && s->d[s->i + 1] == '\n') s->i++;
        s->i++;
        s->line++;
    }
    return LT_OK;
}

/* Parse data[0..n) with separator sep into t, the first line numbered 1;
** *lines the line the input ends on.  On failure t is left empty. */
static int csv_run(const char *data, size_t n, char sep, io_table *t, long *lines, lt_err *e) {
    csv_st s;
    memset(&s, 0, sizeof s);
    io_tb_init(&s.tb, t);
    s.d = data;
    s.n = n;
    s.line = 1;
    s.e = e;
    s.sep = t->sep = sep;
    for (const char *c = "\r\n\""; *c; c++) s.stop[(unsigned char)*c] = 1;
    s.stop[(unsigned char)s.sep] = s.stop[0] = 1;
    lt_buf_init(&s.cell, IO_MAX_CELL);
    int rc = LT_OK;
    while (rc == LT_OK && s.i < n) {
        char c = data[s.i];
        if (c == '\r' || c == '\n') {           /* an empty line: skip it */
            if (c == '\r' && s.i + 1 < n && data[s.i + 1] == '\n') s.i++;
            s.i++;
            s.line++;
            continue;
        }
        rc = csv_record(&s);
    }
    lt_buf_free(&s.cell);
    *lines = s.line;
    if (rc) io_tb_abort(&s.tb);
    return rc;
}

/* Parse CSV data[0..n) into t (see io.h).  On failure t is left empty and
** e says what and where.  t's contents are given to the caller. */
int io_csv_parse(const char *data, size_t n, io_table *t, lt_err *e) {
    long lines;
    if (n > IO_MAX_FILE) {
        memset(t, 0, sizeof *t);
        return lt_err_set(e, LT_EINPUT, "tệp CSV lớn quá %zu byte",
                          "CSV file larger than %zu bytes", IO_MAX_FILE);
    }
    if (!data) n = 0;
    return csv_run(data, n, csv_detect_sep(data, n), t, &lines, e);
}

/* ---- a large file on two cores ------------------------------------------
** A large file is parsed in two halves at once, split at a line end with
** an even number of quotes before it: in text the reader accepts, a quote
** outside a quoted cell opens one and the quotes inside one come in pairs,
** so that line end ends a record.  Each half then gives the rows, and
** fails where, the one pass would; the second half's lines are numbered on
** from the first's.  Reading the 485 MB of a national people file took
** 5.9-7.6 s on one core, nearly half of it the kernel clearing the fresh
** memory the cells are given; 3.4-4.5 s on two. */
#define CSV_SPLIT_TRIES 1000

typedef struct csv_half {
    const char *d;
    size_t n;
    char sep;
    int (*accept)(const char *, size_t);
    io_table t;
    long lines;
    int rc;
    lt_err e;
} csv_half;

static void *csv_half_main(void *arg) {
    csv_half *h = arg;
    if (h->accept && !h->accept(h->d, h->n)) h->rc = LT_EINPUT;
    else h->rc = csv_run(h->d, h->n, h->sep, &h->t, &h->lines, &h->e);
    return NULL;
}

static size_t quotes_in(const char *from, const char *to) {
    size_t k = 0;
    for (const char *q = from; q < to && (q = memchr(q, '"', (size_t)(to - q))) != NULL; q++) k++;
    return k;
}

/* Just after a line end near the middle of d[0..n) with an even number of
** quotes before it; 0 when none is found soon. */
static size_t csv_split(const char *d, size_t n) {
    size_t at = n / 2, quotes = quotes_in(d, d + at);
    for (int tries = 0; tries < CSV_SPLIT_TRIES; tries++) {
        const char *nl = memchr(d + at, '\n', n - at);
        if (!nl || nl + 1 >= d + n) return 0;
        quotes += quotes_in(d + at, nl + 1);
        at = (size_t)(nl + 1 - d);
        if (quotes % 2 == 0) return at;
    }
    return 0;
}

int io_csv_parse_two(const char *data, size_t n, size_t min, int (*accept)(const char *, size_t),
                     io_table *t) {
    memset(t, 0, sizeof *t);
    size_t at = data && n >= min && n >= 2 && n <= IO_MAX_FILE ? csv_split(data, n) : 0;
    if (!at) return -1;
    char sep = csv_detect_sep(data, n);
    csv_half h[2] = {{.d = data, .n = at, .sep = sep, .accept = accept},
                     {.d = data + at, .n = n - at, .sep = sep, .accept = accept}};
    pthread_t other;
    if (pthread_create(&other, NULL, csv_half_main, &h[1])) return -1;
    csv_half_main(&h[0]);
    pthread_join(other, NULL);
    if (h[0].rc || h[1].rc || h[0].t.nrows + h[1].t.nrows > IO_MAX_ROWS ||
        io_table_join(&h[0].t, &h[1].t, h[0].lines - 1)) {
        io_table_free(&h[0].t);
        io_table_free(&h[1].t);
        return -1;
    }
    *t = h[0].t;
    return 0;
}
