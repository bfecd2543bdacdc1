/*
** doc.h — private to src/io: the report as a document model, built once
** from the indicators and rendered to each format (HTML, XLSX, DOCX, PDF),
** laid out in the Party's format (Hướng dẫn 36-HD/VPTW, DESIGN §9): the
** organisation above and the issuing committee, "*", the number line,
** "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule, place and date, the title,
** numbered sections with tables, charts, recipients and signature.
*/
#ifndef LT_DOC_H
#define LT_DOC_H

#include "io.h"

#include <cairo.h>
#include <xlsxwriter.h>

typedef enum { CELL_TEXT = 0, CELL_INT, CELL_RATE } doc_cell_kind;

/* One table cell: text, a whole number, or a rate in tenths (-1 absent). */
typedef struct doc_cell {
    doc_cell_kind kind;
    long long v;
    char *text;        /* CELL_TEXT (given to the table) */
} doc_cell;

typedef struct doc_table {
    char *title;
    const char *sheet; /* its sheet's name in a workbook (at most 31 characters), or NULL: "Bảng N" */
    int ncols;
    char **head;       /* ncols headings */
    long nrows;
    doc_cell *cells;   /* nrows * ncols */
    int total_last;    /* the last row is a total (printed bold) */
} doc_table;

typedef struct doc_section {
    char *heading;     /* "I. ..." */
    int npara, cap;
    char **para;
    doc_table *table;  /* or NULL */
    int chart;         /* 1: the bars by sub-unit after it, 2: the trend */
} doc_section;

#define DOC_MAX_SECTIONS 20 /* (a report has at most 16) */

typedef struct doc_chart {
    int nbars;
    char **labels;
    long *rate_a, *rate_b;   /* deployment, good or better (tenths; -1 absent) */
    int nyears;
    int *years;
    long *trend_a, *trend_b;
} doc_chart;

/* A document's strings and arrays all come from its arena (mem): doc_free
** frees them at once, and a build that ran out of memory is told by
** mem.failed, checked once at its end. */
typedef struct report_doc {
    lt_arena mem;
    int broken;            /* while building: the code of a query that failed, or 0 */
    char *issuer_parent, *issuer, *doc_no;
    int parent_lead, issuer_lead; /* their words before the place name, where a line too long breaks (0: none) */
    int date_lead;         /* the place's words before the date, where place_date breaks when too long */
    int no_topic;          /* a year without a topic for the unit: no deployment rate anywhere in it */
    int party;             /* the Party's header (the title ruled under), else the State's */
    char *right_title, *right_motto; /* top right: the Party's name (no motto), or the State's title and motto */
    char *place_date, *title, *subtitle;
    int nsec;
    doc_section sec[DOC_MAX_SECTIONS];
    char *recipients;      /* lines */
    char *signer_for, *signer_title, *signer_name;
    doc_chart chart;
} report_doc;

/* Build the document of unit_code (NULL: the top unit) for from..to, with
** the marks m (NULL: defaults; its date ISO). */
int doc_build(lt_ctx *ctx, const char *unit_code, int from, int to, const doc_marks *m, report_doc *d,
              lt_err *e);
/* The letterhead and signature block of unit idx of tree t (letterhead.c):
** kind is the document kind's abbreviation in the number ("BC"), NULL for
** a document without a number (a form); year, whose head signs; the marks
** m (NULL: defaults; its date ISO). */
int letterhead_fill(lt_ctx *ctx, const unit_tree *t, long idx, int year, const char *kind,
                    const doc_marks *m, report_doc *d, lt_err *e);
void doc_free(report_doc *d);

/* A formatted string from d's arena (lent until doc_free; "" when memory ran out). */
char *doc_fmt(report_doc *d, const char *f, ...) LT_PRINTF(2, 3);
/* A copy of s from d's arena, in upper case under Vietnamese rules. */
char *doc_upper(report_doc *d, const char *s);
/* A new section of d headed heading ("" for none; at most DOC_MAX_SECTIONS),
** and a paragraph appended to one (text lent from d's arena). */
doc_section *doc_add_section(report_doc *d, const char *heading);
void doc_add_para(report_doc *d, doc_section *s, char *text);
/* A table of nrows rows and ncols columns from d's arena, every cell
** empty text; NULL when memory ran out. */
doc_table *doc_table_new(report_doc *d, const char *title, int ncols, long nrows);

/* s as the writers may write it: s itself (*out = s) when it holds only
** what free text may hold, else its text_clean copy in tmp (initialised
** here; free it with lt_buf_free), or "" with LT_ENOMEM.  Every writer
** passes stored text through it, since older versions stored control
** characters that no XML parser reads. */
int doc_clean(const char *s, lt_buf *tmp, const char **out);
/* Whether a doc_clean of this thread has failed (memory ran out: the text
** was written as "") since doc_clean_reset: every renderer resets it when
** it begins and fails when it ends if so, so no document goes out with a
** piece left blank. */
void doc_clean_reset(void);
int doc_clean_failed(void);
/* Append text cleaned (doc_clean) and escaped for XML and HTML (& < > "). */
void doc_escape(lt_buf *b, const char *s);
/* worksheet_write_string of s cleaned (doc_clean): libxlsxwriter writes
** U+FFFE, U+FFFF and bytes that are not UTF-8 as they are. */
void xlsx_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *f);

/* A workbook written to a private temporary file (libxlsxwriter writes
** files); path holds 32 bytes.  NULL with e filled on failure. */
lxw_workbook *xlsx_begin(char path[32], lt_err *e);
/* Close the workbook, append the file to out and remove it.  rc is the
** caller's status so far (the file is removed whatever happens). */
int xlsx_end(lxw_workbook *wb, const char *path, int rc, lt_buf *out, lt_err *e);

/* A rate the Vietnamese way ("98,8%" or "—"), for text. */
void doc_rate_text(long tenths, char out[32]);

/* Renderers: each appends the whole file to out.  DOCX and PDF take n
** documents, each starting on a new page (a cell's forms in one file);
** the charts are those of the first. */
int doc_render_html(const report_doc *d, lt_buf *out, lt_err *e);
int doc_render_xlsx(const report_doc *d, lt_buf *out, lt_err *e);
int doc_render_docx(const report_doc *d, int n, lt_buf *out, lt_err *e);
int doc_render_pdf(const report_doc *d, int n, lt_buf *out, lt_err *e);
/* A PDF of A4 pages written into out (doc_pdf_open), and its end: the
** drawing context and the surface destroyed, what went wrong said in e. */
cairo_t *doc_pdf_open(lt_buf *out);
int doc_pdf_close(cairo_t *cr, lt_buf *out, lt_err *e);

/* Charts drawn by cairo, the same routine for every surface. */
typedef enum { CHART_BARS = 1, CHART_TREND = 2 } chart_kind;
/* Draw onto a cairo context (a cairo_t *) of width x height points. */
void chart_draw(void *cairo_ctx, const doc_chart *c, chart_kind kind, double width, double height);
/* The chart as PNG (for DOCX, XLSX and HTML). */
int chart_png(const doc_chart *c, chart_kind kind, int width, int height, lt_buf *out, lt_err *e);
/* The chart's size in points for its kind. */
void chart_size(const doc_chart *c, chart_kind kind, double *w, double *h);

#endif
