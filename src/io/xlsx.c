/*
** xlsx.c — the XLSX reader: opens the zip archive from memory (libzip),
** finds the first worksheet through the workbook and its relationships,
** and streams shared strings, styles and the sheet through expat into an
** io_table.  Every part is bounded when inflated (zip bombs are refused)
** and any damage gives LT_EINPUT naming the part, never a crash.
*/
#include "table_build.h"

#include <expat.h>
#include <stdarg.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define XLSX_MAX_PART  ((zip_uint64_t)256 << 20)  /* bytes of one inflated part */
#define XLSX_CHUNK     65536
#define XLSX_MAX_XF    (1 << 20)                  /* cell styles in styles.xml */
#define XLSX_MISSING   (-1)                       /* part not in the archive */
#define XLSX_SHEET1    "xl/worksheets/sheet1.xml"

/* What every part parser's state starts with. */
typedef struct xlsx_px {
    XML_Parser p;
    const char *part;   /* lent: the part's name, for messages */
    lt_err *e;
    int rc;             /* first error, LT_OK while all is well */
} xlsx_px;

/* What the sheet needs from the other parts. */
typedef struct xlsx_book {
    zip_t *za;
    lt_buf pool;            /* shared strings, each NUL-terminated */
    size_t *off;            /* offset of each shared string in pool */
    size_t nstr, capstr;
    unsigned char *xf_date; /* per cell style: 1 when a date format */
    size_t nxf;
    int date1904;
    lt_err *e;
} xlsx_book;

/* ---- small helpers ------------------------------------------------------ */

/* The local part of an expat "uri|local" name (lent, inside name). */
static const char *xlsx_local(const char *name) {
    const char *s = strrchr(name, '|');
    return s ? s + 1 : name;
}

/* The value of the attribute whose local name is `local`, or NULL (lent). */
static const char *xlsx_attr(const XML_Char **atts, const char *local) {
    for (int i = 0; atts[i] && atts[i + 1]; i += 2)
        if (strcmp(xlsx_local(atts[i]), local) == 0) return atts[i + 1];
    return NULL;
}

/* Copy at most 40 bytes of s into out, cut at a UTF-8 character boundary,
** for quoting a bad value in a message.  Returns out (lent). */
static const char *xlsx_clip(const char *s, char out[48]) {
    size_t n = strlen(s);
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    memcpy(out, s, n);
    out[n] = 0;
    return out;
}

/* Record the first error of a part parse and stop the parser. */
static void xlsx_stop(xlsx_px *x, int rc) {
    if (x->rc) return;
    x->rc = rc;
    XML_StopParser(x->p, XML_FALSE);
}

/* Set an LT_EINPUT error (formats as for lt_err_set; by convention they
** start with "%s: " for the part name) and stop the parser. */
static void xlsx_fail(xlsx_px *x, const char *vi_fmt, const char *en_fmt, ...) {
    if (x->rc) return;
    va_list ap;
    va_start(ap, en_fmt);
    lt_err_vset(x->e, LT_EINPUT, vi_fmt, en_fmt, ap);
    va_end(ap);
    xlsx_stop(x, LT_EINPUT);
}

/* A document type declaration never occurs in OOXML: refuse it (this also
** shuts out entity expansion attacks). */
static void XMLCALL xlsx_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
                                 const XML_Char *pub, int has_internal) {
    (void)name; (void)sys; (void)pub; (void)has_internal;
    xlsx_px *x = ud;
    xlsx_fail(x, "%s: có khai báo DOCTYPE, không được phép",
              "%s: has a DOCTYPE, which is not allowed", x->part);
}

/* ---- reading one part ---------------------------------------------------- */

/* The error for a part that cannot be read. */
static int xlsx_read_error(lt_err *e, const char *part, const char *why) {
    return lt_err_set(e, LT_EINPUT, "tệp XLSX hỏng: không đọc được phần %s (%s)",
                      "damaged XLSX file: cannot read part %s (%s)", part, why);
}

/* Feed the open part f to x's parser in chunks, counting inflated bytes. */
static int xlsx_feed(zip_file_t *f, xlsx_px *x) {
    zip_uint64_t total = 0;
    for (;;) {
        void *buf = XML_GetBuffer(x->p, XLSX_CHUNK);
        if (!buf) return lt_err_set(x->e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
        zip_int64_t got = zip_fread(f, buf, XLSX_CHUNK);
        if (got < 0) return xlsx_read_error(x->e, x->part, zip_file_strerror(f));
        total += (zip_uint64_t)got;
        if (total > XLSX_MAX_PART)
            return lt_err_set(x->e, LT_EINPUT, "%s: phần giải nén lớn quá %d MiB",
                              "%s: part larger than %d MiB when inflated", x->part,
                              (int)(XLSX_MAX_PART >> 20));
        if (XML_ParseBuffer(x->p, (int)got, got == 0) == XML_STATUS_ERROR) {
            if (x->rc) return x->rc;
            return lt_err_set(x->e, LT_EINPUT, "%s: XML hỏng ở dòng %lu: %s",
                              "%s: bad XML at line %lu: %s", x->part,
                              (unsigned long)XML_GetCurrentLineNumber(x->p),
                              XML_ErrorString(XML_GetErrorCode(x->p)));
        }
        if (x->rc) return x->rc;
        if (got == 0) return LT_OK;
    }
}

/* Parse part `name` (found ignoring case) with x's handlers (x->p made by the caller).
** Returns LT_OK, XLSX_MISSING (no error set) or an error code set in e. */
static int xlsx_parse_part(zip_t *za, const char *name, xlsx_px *x) {
    zip_int64_t idx = zip_name_locate(za, name, ZIP_FL_NOCASE);
    if (idx < 0) return XLSX_MISSING;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) != 0)
        return xlsx_read_error(x->e, name, zip_strerror(za));
    if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_MAX_PART)
        return lt_err_set(x->e, LT_EINPUT, "%s: phần giải nén lớn quá %d MiB",
                          "%s: part larger than %d MiB when inflated", name,
                          (int)(XLSX_MAX_PART >> 20));
    zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)idx, 0);
    if (!f) return xlsx_read_error(x->e, name, zip_strerror(za));
    x->part = name;
    XML_SetUserData(x->p, x);
    XML_SetStartDoctypeDeclHandler(x->p, xlsx_doctype);
    int rc = xlsx_feed(f, x);
    zip_fclose(f);
    return rc;
}

/* A new namespace-aware parser ("uri|local" names), or NULL. */
static XML_Parser xlsx_parser(void) {
    return XML_ParserCreateNS(NULL, '|');
}

/* ---- workbook.xml and its relationships -------------------------------- */

typedef struct xlsx_wb {
    xlsx_px x;
    char *rid;       /* given: r:id of the first <sheet> */
    int date1904;
} xlsx_wb;

/* <sheet r:id=...> (first only) and <workbookPr date1904=...>. */
static void XMLCALL xlsx_wb_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsx_wb *w = ud;
    const char *l = xlsx_local(name);
    if (strcmp(l, "sheet") == 0 && !w->rid) {
        const char *id = xlsx_attr(atts, "id");
        if (id && strlen(id) < 4096 && !(w->rid = strdup(id)))   /* small: bounded */
            xlsx_stop(&w->x, LT_EOOM);
    } else if (strcmp(l, "workbookPr") == 0) {
        const char *v = xlsx_attr(atts, "date1904");
        w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    }
}

typedef struct xlsx_rels {
    xlsx_px x;
    const char *rid; /* lent: the Id sought */
    char *target;    /* given: its Target */
} xlsx_rels;

/* <Relationship Id=... Target=...>: keep the Target of the sought Id. */
static void XMLCALL xlsx_rels_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsx_rels *r = ud;
    if (strcmp(xlsx_local(name), "Relationship") != 0 || r->target) return;
    const char *id = xlsx_attr(atts, "Id"), *tg = xlsx_attr(atts, "Target");
    if (id && tg && strcmp(id, r->rid) == 0 && strlen(tg) < 4096)
        if (!(r->target = strdup(tg))) xlsx_stop(&r->x, LT_EOOM); /* small: bounded */
}

/* Parse part `name` with a new parser calling start, end and text (the
** last two may be NULL) over state x.  Returns like xlsx_parse_part. */
static int xlsx_run(zip_t *za, const char *name, xlsx_px *x, lt_err *e,
                    XML_StartElementHandler start, XML_EndElementHandler end,
                    XML_CharacterDataHandler text) {
    x->p = xlsx_parser();
    x->e = e;
    if (!x->p) return lt_err_set(e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
    XML_SetElementHandler(x->p, start, end);
    if (text) XML_SetCharacterDataHandler(x->p, text);
    int rc = xlsx_parse_part(za, name, x);
    XML_ParserFree(x->p);
    x->p = NULL;
    return rc;
}

/* The archive name of the first worksheet (given), from the workbook and
** its relationships; NULL with rc LT_OK when they do not say. */
static char *xlsx_sheet_name(xlsx_book *bk, int *rc) {
    xlsx_wb w;
    memset(&w, 0, sizeof w);
    *rc = xlsx_run(bk->za, "xl/workbook.xml", &w.x, bk->e, xlsx_wb_start, NULL, NULL);
    bk->date1904 = w.date1904;
    if (*rc == XLSX_MISSING || (*rc == LT_OK && !w.rid)) { *rc = LT_OK; free(w.rid); return NULL; }
    if (*rc) { free(w.rid); return NULL; }
    xlsx_rels r;
    memset(&r, 0, sizeof r);
    r.rid = w.rid;
    *rc = xlsx_run(bk->za, "xl/_rels/workbook.xml.rels", &r.x, bk->e, xlsx_rels_start,
                   NULL, NULL);
    free(w.rid);
    if (*rc == XLSX_MISSING) *rc = LT_OK;
    if (*rc || !r.target) { free(r.target); return NULL; }
    lt_buf b;
    lt_buf_init(&b, 4096);
    int bad = r.target[0] == '/' ? lt_buf_puts(&b, r.target + 1)
                                 : lt_buf_printf(&b, "xl/%s", r.target);
    free(r.target);
    if (bad) { lt_buf_free(&b); return NULL; }
    char *name = lt_buf_take(&b);
    if (!name) *rc = lt_err_oom(bk->e);
    return name;
}

/* ---- sharedStrings.xml -------------------------------------------------- */

typedef struct xlsx_ss {
    xlsx_px x;
    xlsx_book *bk;
    lt_buf text;     /* the <si> being read */
    int in_si, in_t, rph;
} xlsx_ss;

/* <si> starts a string; <t> holds text; <rPh> (phonetic) is skipped. */
static void XMLCALL xlsx_ss_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsx_ss *s = ud;
    const char *l = xlsx_local(name);
    (void)atts;
    if (strcmp(l, "si") == 0) { s->in_si = 1; s->in_t = s->rph = 0; lt_buf_reset(&s->text); }
    else if (!s->in_si) return;
    else if (strcmp(l, "t") == 0) s->in_t++;
    else if (strcmp(l, "rPh") == 0) s->rph++;
}

/* Add the finished string to the pool. */
static void xlsx_ss_push(xlsx_ss *s) {
    xlsx_book *bk = s->bk;
    if (bk->nstr == bk->capstr) {
        size_t cap = bk->capstr ? bk->capstr * 2 : 256;
        size_t *o = realloc(bk->off, cap * sizeof *o);
        if (!o) { lt_err_set(s->x.e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
                  xlsx_stop(&s->x, LT_ENOMEM); return; }
        bk->off = o;
        bk->capstr = cap;
    }
    bk->off[bk->nstr] = bk->pool.len;
    if (lt_buf_append(&bk->pool, s->text.p ? s->text.p : "", s->text.len + 1)) {
        lt_err_set(s->x.e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
        xlsx_stop(&s->x, LT_ENOMEM);
        return;
    }
    bk->nstr++;
}

/* </si> adds the string; </t> and </rPh> close their spans. */
static void XMLCALL xlsx_ss_end(void *ud, const XML_Char *name) {
    xlsx_ss *s = ud;
    const char *l = xlsx_local(name);
    if (!s->in_si) return;
    if (strcmp(l, "si") == 0) { s->in_si = 0; xlsx_ss_push(s); }
    else if (strcmp(l, "t") == 0 && s->in_t > 0) s->in_t--;
    else if (strcmp(l, "rPh") == 0 && s->rph > 0) s->rph--;
}

/* Text inside <si><t> (not phonetic runs) goes to the string. */
static void XMLCALL xlsx_ss_text(void *ud, const XML_Char *txt, int len) {
    xlsx_ss *s = ud;
    if (!s->in_si || !s->in_t || s->rph || len <= 0) return;
    if (lt_buf_append(&s->text, txt, (size_t)len)) {
        xlsx_fail(&s->x, "%s: chuỗi số %zu dài quá %d byte",
                  "%s: string number %zu is longer than %d bytes",
                  s->x.part, s->bk->nstr, IO_MAX_CELL);
    }
}

/* Read the shared strings (an absent part means none). */
static int xlsx_load_strings(xlsx_book *bk) {
    xlsx_ss s;
    memset(&s, 0, sizeof s);
    s.bk = bk;
    lt_buf_init(&s.text, IO_MAX_CELL);
    int rc = xlsx_run(bk->za, "xl/sharedStrings.xml", &s.x, bk->e, xlsx_ss_start,
                      xlsx_ss_end, xlsx_ss_text);
    lt_buf_free(&s.text);
    return rc == XLSX_MISSING ? LT_OK : rc;
}

/* ---- styles.xml ----------------------------------------------------------- */

typedef struct xlsx_st {
    xlsx_px x;
    int in_xfs;
    int *xf_fmt;         /* numFmtId of each cellXfs/xf */
    size_t nxf, capxf;
    int *cfmt;           /* custom numFmts: id << 1 | (1 if a date) */
    size_t nc, capc;
} xlsx_st;

/* Is a number format code a date: d, m or y outside quotes, [..] and the
** one-character escapes (\x, _x, *x)? */
static int xlsx_code_is_date(const char *c) {
    for (; *c; c++) {
        if (*c == '"') { c = strchr(c + 1, '"'); if (!c) return 0; }
        else if (*c == '[') { c = strchr(c + 1, ']'); if (!c) return 0; }
        else if (*c == '\\' || *c == '_' || *c == '*') { if (!*++c) return 0; }
        else if (strchr("dDmMyY", *c)) return 1;
    }
    return 0;
}

/* Built-in date formats: 14-22 and 45-47. */
static int xlsx_builtin_date(int id) {
    return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

/* Append v to a growable int array (bounded by XLSX_MAX_XF). */
static int xlsx_push_int(int **a, size_t *n, size_t *cap, int v) {
    if (*n >= XLSX_MAX_XF) return -1;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        int *p = realloc(*a, c * sizeof *p);
        if (!p) return -1;
        *a = p;
        *cap = c;
    }
    (*a)[(*n)++] = v;
    return 0;
}

/* <cellXfs><xf numFmtId=...> and <numFmt numFmtId=... formatCode=...>. */
static void XMLCALL xlsx_st_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsx_st *s = ud;
    const char *l = xlsx_local(name);
    long id = 0;
    const char *v = xlsx_attr(atts, "numFmtId");
    if (v && lt_parse_long(v, 0, 1000000, &id)) id = -1;
    if (strcmp(l, "cellXfs") == 0) s->in_xfs = 1;
    else if (strcmp(l, "xf") == 0 && s->in_xfs) {
        if (xlsx_push_int(&s->xf_fmt, &s->nxf, &s->capxf, (int)id))
            xlsx_fail(&s->x, "%s: quá nhiều kiểu ô", "%s: too many cell styles", s->x.part);
    } else if (strcmp(l, "numFmt") == 0 && id >= 0) {
        const char *code = xlsx_attr(atts, "formatCode");
        int v2 = (int)id << 1 | (code && xlsx_code_is_date(code));
        if (xlsx_push_int(&s->cfmt, &s->nc, &s->capc, v2))
            xlsx_fail(&s->x, "%s: quá nhiều định dạng số", "%s: too many number formats",
                      s->x.part);
    }
}

/* </cellXfs> ends the list of cell styles. */
static void XMLCALL xlsx_st_end(void *ud, const XML_Char *name) {
    xlsx_st *s = ud;
    if (strcmp(xlsx_local(name), "cellXfs") == 0) s->in_xfs = 0;
}

/* Is number format id a date, given the custom formats read? */
static int xlsx_fmt_is_date(const xlsx_st *s, int id) {
    for (size_t i = s->nc; i-- > 0;)
        if (s->cfmt[i] >> 1 == id) return s->cfmt[i] & 1;
    return xlsx_builtin_date(id);
}

/* Read the styles into bk->xf_date (an absent part means no dates). */
static int xlsx_load_styles(xlsx_book *bk) {
    xlsx_st s;
    memset(&s, 0, sizeof s);
    int rc = xlsx_run(bk->za, "xl/styles.xml", &s.x, bk->e, xlsx_st_start, xlsx_st_end, NULL);
    if (rc == XLSX_MISSING) rc = LT_OK;
    if (rc == LT_OK && s.nxf) {
        bk->xf_date = malloc(s.nxf);
        if (!bk->xf_date) rc = lt_err_set(bk->e, LT_ENOMEM, "hết bộ nhớ", "out of memory");
        for (size_t i = 0; bk->xf_date && i < s.nxf; i++)
            bk->xf_date[i] = (unsigned char)xlsx_fmt_is_date(&s, s.xf_fmt[i]);
        if (bk->xf_date) bk->nxf = s.nxf;
    }
    free(s.xf_fmt);
    free(s.cfmt);
    return rc;
}

/* ---- values ----------------------------------------------------------------- */

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void xlsx_civil(long z, int *y, int *m, int *d) {
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A date serial as "dd/mm/yyyy" into out[64]; -1 when out of Excel's range
** (before day 1 or after 9999).  The 1900 system keeps Excel's fake
** 29/02/1900 (serial 60). */
static int xlsx_date(double v, int d1904, char out[64]) {
    if (!(v >= 1 && v < 3000000)) return -1;
    long s = (long)floor(v), days;
    int y, m, d;
    if (d1904) days = s - 24107;
    else if (s == 60) { snprintf(out, 64, "29/02/1900"); return 0; }
    else days = s < 60 ? s - 25568 : s - 25569;
    xlsx_civil(days, &y, &m, &d);
    if (y > 9999) return -1;
    snprintf(out, 64, "%02d/%02d/%04d", d, m, y);
    return 0;
}

/* A numeric cell's text as written by Excel into out[64]; -1 when s is not
** a finite decimal number. */
static int xlsx_number(const char *s, int date, int d1904, char out[64]) {
    if (!*s || strspn(s, "0123456789+-.eE") != strlen(s)) return -1;
    char *end;
    double v = strtod(s, &end);
    if (*end || !isfinite(v)) return -1;
    if (date && xlsx_date(v, d1904, out) == 0) return 0;
    snprintf(out, 64, "%.15g", v);
    if (strcmp(out, "-0") == 0) strcpy(out, "0");
    return 0;
}

/* An ISO "yyyy-mm-dd..." (t="d" cells) as "dd/mm/yyyy"; -1 if not one. */
static int xlsx_iso_date(const char *s, char out[64]) {
    int y, m, d, k = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &k) != 3 || k != 10) return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 0) return -1;
    snprintf(out, 64, "%02d/%02d/%04d", d, m, y);
    return 0;
}

/* ---- the worksheet -------------------------------------------------------- */

#define XLSX_MAX_MERGES 20000 /* merged ranges a sheet may have that are filled */

/* A merged range: rows r1..r2 (the sheet's numbers), columns c1..c2 (0-based). */
typedef struct xlsx_merge { long r1, r2; int c1, c2; } xlsx_merge;

typedef struct xlsx_sh {
    xlsx_px x;
    const xlsx_book *bk;
    io_tb tb;
    int in_data, in_row, in_c, in_v, in_is, in_t, rph;
    long row, last_row;   /* current and previous row numbers */
    int col, next_col;    /* current cell's column (0-based), the next one */
    char type[48];        /* the cell's t attribute (clipped) */
    long style;           /* the cell's s attribute */
    int has_value;
    lt_buf val;           /* text of <v> or <is> */
    xlsx_merge *merges;   /* the sheet's merged ranges, in the order read */
    int nmerges, merges_cap;
} xlsx_sh;

/* The 0-based column of a cell reference "C7" ("AB12", ...), or -1. */
static int xlsx_ref_col(const char *r) {
    int col = 0, nl = 0, nd = 0;
    for (; *r >= 'A' && *r <= 'Z'; r++, nl++) {
        if (nl == 3) return -1;
        col = col * 26 + (*r - 'A' + 1);
    }
    for (; *r >= '0' && *r <= '9'; r++) nd++;
    if (!nl || !nd || nd > 9 || *r || col > 16384) return -1;
    return col - 1;
}

/* A cell reference "C7": its 0-based column and its row; -1 if not one. */
static int xlsx_ref(const char *r, int *col, long *row) {
    *col = xlsx_ref_col(r);
    return *col < 0 || lt_parse_long(r + strspn(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), 1, IO_MAX_ROWS, row) ? -1 : 0;
}

/* <mergeCell ref="A4:B5">: keep the range (a bad one, or one past
** XLSX_MAX_MERGES, is left out: merges only fill cells). */
static void xlsx_sh_merge(xlsx_sh *s, const XML_Char **atts) {
    const char *ref = xlsx_attr(atts, "ref"), *colon = ref ? strchr(ref, ':') : NULL;
    char a[16], b[16];
    xlsx_merge m;
    if (!colon || colon - ref >= (long)sizeof a || strlen(colon + 1) >= sizeof b) return;
    snprintf(a, sizeof a, "%.*s", (int)(colon - ref), ref);
    snprintf(b, sizeof b, "%s", colon + 1);
    if (xlsx_ref(a, &m.c1, &m.r1) || xlsx_ref(b, &m.c2, &m.r2) || m.r2 < m.r1 || m.c2 < m.c1 ||
        m.c1 >= IO_MAX_COLS)
        return;
    if (m.c2 >= IO_MAX_COLS) m.c2 = IO_MAX_COLS - 1; /* (no row holds more) */
    if (s->nmerges == s->merges_cap) {
        if (s->merges_cap >= XLSX_MAX_MERGES) return;
        int cap = s->merges_cap ? 2 * s->merges_cap : 64;
        xlsx_merge *more = realloc(s->merges, (size_t)cap * sizeof *more);
        if (!more) return;
        s->merges = more;
        s->merges_cap = cap;
    }
    s->merges[s->nmerges++] = m;
}

/* <row r=...>: start a row. */
static void xlsx_sh_row(xlsx_sh *s, const XML_Char **atts) {
    const char *r = xlsx_attr(atts, "r");
    char clip[48];
    s->row = s->last_row + 1;
    if (r && lt_parse_long(r, 1, IO_MAX_ROWS, &s->row)) {
        xlsx_fail(&s->x, "%s: số hàng \"%s\" không hợp lệ",
                  "%s: bad row number \"%s\"", s->x.part, xlsx_clip(r, clip));
        return;
    }
    s->in_row = 1;
    s->next_col = 0;
}

/* <c r=... t=... s=...>: start a cell. */
static void xlsx_sh_cell(xlsx_sh *s, const XML_Char **atts) {
    const char *r = xlsx_attr(atts, "r"), *t = xlsx_attr(atts, "t");
    const char *st = xlsx_attr(atts, "s");
    char clip[48];
    s->col = r ? xlsx_ref_col(r) : s->next_col;
    if (s->col < 0) {
        xlsx_fail(&s->x, "%s: hàng %ld: tham chiếu ô \"%s\" không hợp lệ",
                  "%s: row %ld: bad cell reference \"%s\"", s->x.part, s->row,
                  xlsx_clip(r, clip));
        return;
    }
    xlsx_clip(t ? t : "n", s->type);
    s->style = 0;
    if (st && lt_parse_long(st, 0, 100000000, &s->style)) s->style = -1;
    s->has_value = 0;
    lt_buf_reset(&s->val);
    s->in_c = 1;
}

/* sheetData > row > c > (v | is > [r >] t, rPh skipped): track where we are. */
static void XMLCALL xlsx_sh_start(void *ud, const XML_Char *name, const XML_Char **atts) {
    xlsx_sh *s = ud;
    const char *l = xlsx_local(name);
    if (strcmp(l, "sheetData") == 0) s->in_data = 1;
    else if (!s->in_data && strcmp(l, "mergeCell") == 0) xlsx_sh_merge(s, atts);
    else if (!s->in_data) return;
    else if (strcmp(l, "row") == 0 && !s->in_row) xlsx_sh_row(s, atts);
    else if (!s->in_row) return;
    else if (strcmp(l, "c") == 0 && !s->in_c) xlsx_sh_cell(s, atts);
    else if (!s->in_c) return;
    else if (strcmp(l, "v") == 0) { s->in_v = 1; s->has_value = 1; }
    else if (strcmp(l, "is") == 0) { s->in_is = 1; s->has_value = 1; }
    else if (!s->in_is) return;
    else if (strcmp(l, "t") == 0) s->in_t++;
    else if (strcmp(l, "rPh") == 0) s->rph++;
}

/* The text of the finished cell (lent: the cell buffer, a pool string or
** buf), or NULL after setting an error. */
static const char *xlsx_sh_text(xlsx_sh *s, char buf[64]) {
    const char *v = s->val.p ? s->val.p : "", *ty = s->type;
    char clip[48];
    long i;
    if (!*v && strcmp(ty, "s") != 0) return "";   /* <v/>: an empty cell */
    if (strcmp(ty, "s") == 0) {
        if (s->bk->nstr && lt_parse_long(v, 0, (long)s->bk->nstr - 1, &i) == 0)
            return s->bk->pool.p + s->bk->off[i];
        xlsx_fail(&s->x, "%s: hàng %ld: chỉ số chuỗi dùng chung \"%s\" không hợp lệ",
                  "%s: row %ld: bad shared string index \"%s\"", s->x.part, s->row,
                  xlsx_clip(v, clip));
        return NULL;
    }
    if (strcmp(ty, "inlineStr") == 0 || strcmp(ty, "str") == 0 || strcmp(ty, "e") == 0)
        return v;
    if (strcmp(ty, "b") == 0 && (strcmp(v, "0") == 0 || strcmp(v, "1") == 0))
        return v[0] == '1' ? "TRUE" : "FALSE";
    if (strcmp(ty, "d") == 0) return xlsx_iso_date(v, buf) == 0 ? buf : v;
    if (strcmp(ty, "n") == 0) {
        int date = s->style >= 0 && (size_t)s->style < s->bk->nxf && s->bk->xf_date[s->style];
        if (xlsx_number(v, date, s->bk->date1904, buf) == 0) return buf;
    }
    xlsx_fail(&s->x, "%s: hàng %ld: giá trị \"%s\" không hợp với kiểu ô \"%s\"",
              "%s: row %ld: value \"%s\" does not fit cell type \"%s\"",
              s->x.part, s->row, xlsx_clip(v, clip), ty);
    return NULL;
}

/* Report a builder failure for the current row and stop. */
static void xlsx_sh_tberr(xlsx_sh *s, int rc) {
    if (s->x.rc) return;
    xlsx_stop(&s->x, io_tb_error(rc, s->x.part, 1, s->row, s->x.e));
}

/* </c>: place the cell's text in its column, filling the gap with "". */
static void xlsx_sh_endcell(xlsx_sh *s) {
    char buf[64];
    s->in_c = s->in_v = s->in_is = s->in_t = s->rph = 0;
    if (!s->has_value) return;
    const char *txt = xlsx_sh_text(s, buf);
    if (!txt) return;
    int rc = IO_TB_OK;
    if (s->col < s->tb.ncells) {
        xlsx_fail(&s->x, "%s: hàng %ld: các ô không theo thứ tự cột",
                  "%s: row %ld: cells out of column order", s->x.part, s->row);
        return;
    }
    if (s->col >= IO_MAX_COLS) rc = IO_TB_COLS;
    while (rc == IO_TB_OK && s->tb.ncells < s->col) rc = io_tb_cell(&s->tb, "", 0);
    if (rc == IO_TB_OK) rc = io_tb_cell(&s->tb, txt, strlen(txt));
    if (rc) xlsx_sh_tberr(s, rc);
    s->next_col = s->col + 1;
}

/* Close what the start handler opened; </c> places the cell, </row> ends
** the row. */
static void XMLCALL xlsx_sh_end(void *ud, const XML_Char *name) {
    xlsx_sh *s = ud;
    const char *l = xlsx_local(name);
    if (!s->in_data) return;
    if (strcmp(l, "sheetData") == 0) { s->in_data = 0; return; }
    if (s->in_c) {
        if (strcmp(l, "c") == 0) xlsx_sh_endcell(s);
        else if (strcmp(l, "v") == 0) s->in_v = 0;
        else if (strcmp(l, "is") == 0) s->in_is = 0;
        else if (strcmp(l, "t") == 0 && s->in_t > 0) s->in_t--;
        else if (strcmp(l, "rPh") == 0 && s->rph > 0) s->rph--;
    } else if (s->in_row && strcmp(l, "row") == 0) {
        s->in_row = 0;
        s->last_row = s->row;
        int rc = io_tb_end_row(&s->tb, s->row);
        if (rc) xlsx_sh_tberr(s, rc);
    }
}

/* Text of <v>, or of <is><t> outside phonetic runs, goes to the cell. */
static void XMLCALL xlsx_sh_chars(void *ud, const XML_Char *txt, int len) {
    xlsx_sh *s = ud;
    if (len <= 0 || !s->in_c || !(s->in_v || (s->in_is && s->in_t && !s->rph))) return;
    if (lt_buf_append(&s->val, txt, (size_t)len)) {
        xlsx_sh_tberr(s, IO_TB_LONG);
    }
}

/* The index of the row of t whose sheet row is line, or -1 (rows are in
** the sheet's order). */
static long row_at(const io_table *t, long line) {
    long lo = 0, hi = t->nrows - 1;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        if (t->rows[mid].line == line) return mid;
        if (t->rows[mid].line < line) lo = mid + 1;
        else hi = mid - 1;
    }
    return -1;
}

/* Merged cells read as an office reads them: every cell of a range holds
** the text of its top-left one (a header "Đơn vị" over two columns, a
** unit's code merged down beside its people), where the file leaves them
** empty.  Rows the sheet left out entirely stay out. */
static int xlsx_fill_merges(io_table *t, const xlsx_merge *m, int n) {
    for (int k = 0; k < n; k++) {
        long top = row_at(t, m[k].r1);
        if (top < 0 || m[k].c1 >= t->rows[top].ncells || !*t->rows[top].cells[m[k].c1]) continue;
        char *text = t->rows[top].cells[m[k].c1];
        for (long i = top; i < t->nrows && t->rows[i].line <= m[k].r2; i++) {
            io_row *row = &t->rows[i];
            int rc = io_row_widen(t, row, m[k].c2 + 1 > row->ncells ? m[k].c2 + 1 : row->ncells);
            if (rc) return rc;
            for (int c = m[k].c1; c <= m[k].c2; c++)
                if (!*row->cells[c]) row->cells[c] = text;
        }
    }
    return LT_OK;
}

/* Read the worksheet `name` into t. */
static int xlsx_load_sheet(xlsx_book *bk, const char *name, io_table *t) {
    xlsx_sh s;
    memset(&s, 0, sizeof s);
    s.bk = bk;
    io_tb_init(&s.tb, t);
    lt_buf_init(&s.val, IO_MAX_CELL);
    int rc = xlsx_run(bk->za, name, &s.x, bk->e, xlsx_sh_start, xlsx_sh_end, xlsx_sh_chars);
    if (rc == XLSX_MISSING)
        rc = lt_err_set(bk->e, LT_EINPUT, "tệp XLSX thiếu phần %s",
                        "XLSX file lacks part %s", name);
    lt_buf_free(&s.val);
    if (rc == LT_OK && s.tb.ncells) {   /* a row left open by odd nesting */
        int r2 = io_tb_end_row(&s.tb, s.row);
        if (r2) rc = io_tb_error(r2, name, 1, s.row, bk->e);
    }
    if (rc == LT_OK && xlsx_fill_merges(t, s.merges, s.nmerges))
        rc = lt_err_set(bk->e, LT_ENOMEM, "không đủ bộ nhớ để đọc các ô gộp của %s",
                        "not enough memory for the merged cells of %s", name);
    free(s.merges);
    if (rc) io_tb_abort(&s.tb);
    return rc;
}

/* ---- the whole file -------------------------------------------------------- */

/* Does the data start like a zip archive ("PK\3\4")? */
int io_is_xlsx(const char *data, size_t n) {
    return data && n >= 4 && memcmp(data, "PK\003\004", 4) == 0;
}

/* Read strings, styles and the first sheet of the open archive into t. */
static int xlsx_load(xlsx_book *bk, io_table *t) {
    int rc = xlsx_load_strings(bk);
    if (rc == LT_OK) rc = xlsx_load_styles(bk);
    if (rc) return rc;
    char *name = xlsx_sheet_name(bk, &rc);
    if (rc) return rc;
    if (name && zip_name_locate(bk->za, name, ZIP_FL_NOCASE) < 0) { free(name); name = NULL; }
    rc = xlsx_load_sheet(bk, name ? name : XLSX_SHEET1, t);
    free(name);
    return rc;
}

/* Open the archive in data[0..n) (lent to libzip for the call). */
static zip_t *xlsx_open(const char *data, size_t n, lt_err *e) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, n, 0, &ze);
    zip_t *za = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
    if (!za) {
        lt_err_set(e, LT_EINPUT, "tệp XLSX hỏng: không phải tệp zip đọc được (%s)",
                   "damaged XLSX file: not a readable zip archive (%s)", zip_error_strerror(&ze));
        if (src) zip_source_free(src);
    }
    zip_error_fini(&ze);
    return za;
}

/* Read the first worksheet of the XLSX file in data[0..n) into t (see
** io.h).  On failure t is left empty.  t's contents are given. */
int io_xlsx_read(const char *data, size_t n, io_table *t, lt_err *e) {
    memset(t, 0, sizeof *t);
    if (!io_is_xlsx(data, n))
        return lt_err_set(e, LT_EINPUT, "tệp XLSX hỏng: không phải tệp zip",
                          "damaged XLSX file: not a zip archive");
    if (n > IO_MAX_FILE)
        return lt_err_set(e, LT_EINPUT, "tệp XLSX lớn quá %zu byte",
                          "XLSX file larger than %zu bytes", IO_MAX_FILE);
    zip_t *za = xlsx_open(data, n, e);
    if (!za) return LT_EINPUT;
    locale_t cloc = newlocale(LC_ALL_MASK, "C", (locale_t)0);  /* strtod, "%g" */
    locale_t old = cloc ? uselocale(cloc) : (locale_t)0;
    xlsx_book bk;
    memset(&bk, 0, sizeof bk);
    bk.za = za;
    bk.e = e;
    lt_buf_init(&bk.pool, 0);
    int rc = xlsx_load(&bk, t);
    zip_discard(za);
    if (cloc) { uselocale(old); freelocale(cloc); }
    lt_buf_free(&bk.pool);
    free(bk.off);
    free(bk.xf_date);
    if (rc) io_table_free(t);
    return rc;
}
