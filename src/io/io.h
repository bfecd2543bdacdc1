/*
** io.h — input and output of files: the CSV and XLSX readers (into one
** in-memory table shape), import of units, people, registrations and
** deployments, and exports.  Depends on domain, store, text, core.
*/
#ifndef LT_IO_H
#define LT_IO_H

#include "../core/core.h"
#include "../text/text.h"
#include "../domain/domain.h"

/* ---- tables: what a CSV or XLSX file reads into ----------------------- */
/* Bounds on any table read from outside. */
#define IO_MAX_ROWS      10000000L   /* rows in one file */
#define IO_MAX_COLS      256         /* cells in one row */
#define IO_MAX_CELL      65536       /* bytes in one cell */
#define IO_MAX_FILE      ((size_t)1 << 30) /* bytes in one file */

typedef struct io_row {
    long line;       /* where the row starts: CSV line number, or XLSX row number */
    int ncells;
    char **cells;    /* each NUL-terminated UTF-8, as read (not trimmed) */
} io_row;

typedef struct io_table {
    io_row *rows;    /* rows[0] is the header row when the file has one */
    long nrows;
    char sep;        /* CSV: the separator found (',' or ';'); XLSX: 0 */
    struct io_block *blocks; /* the cells' text and lists, a few big blocks */
} io_table;

void io_table_free(io_table *t);
/* A copy of s[0..n), NUL-terminated, kept with t's cells (to replace a
** cell: rows[i].cells[c] = io_table_text(t, ...)); freed with t. */
char *io_table_text(io_table *t, const char *s, size_t n);
/* Give row r of t ncells cells (at most IO_MAX_COLS), the new ones empty:
** LT_OK, LT_ENOMEM past the bound, LT_EOOM. */
int io_row_widen(io_table *t, io_row *r, int ncells);

/* Parse CSV text (already UTF-8, BOM already dropped) into t.  RFC 4180
** quoting, embedded newlines in quoted cells, CRLF or LF, separator ','
** or ';' detected from the first lines (the one whose count outside quotes
** is the same on more of them; ',' on a tie).  Empty lines are skipped; ragged rows are
** kept as they are (the importer reports missing cells).  Problems (an
** unterminated quote, a stray quote, a too long cell, too many cells or
** rows) go to e with the line number; the result is then LT_EINPUT. */
int io_csv_parse(const char *data, size_t n, io_table *t, lt_err *e);
/* io_csv_parse on two cores for a file of `min` bytes or more, each half
** of it first passed by accept (when not NULL; the caller's check of the
** text, such as text_is_nfc, on half of it, cut at a line end).  0: t holds
** what io_csv_parse gives; -1: not done (a smaller file, no place to cut,
** a half refused or failing): t is empty, and io_csv_parse's answer, with
** its error, is the one to take. */
#define IO_CSV_TWO_MIN ((size_t)8 << 20)   /* some 90,000 people */
int io_csv_parse_two(const char *data, size_t n, size_t min, int (*accept)(const char *, size_t),
                     io_table *t);

/* Read the first worksheet of an XLSX file held in memory (data, n) into t.
** Shared strings, inline strings, numbers and booleans are read; a number
** whose cell style is a date format becomes "dd/mm/yyyy"; numbers are
** written without a trailing ".0".  Empty cells between filled ones are
** empty strings; an empty cell of a merged range holds the text of the
** range's top-left cell; rows keep their sheet row number in `line`.  Damaged
** archives or XML give LT_EINPUT with a message naming the part. */
int io_xlsx_read(const char *data, size_t n, io_table *t, lt_err *e);

/* Does the data look like an XLSX (zip) file? */
int io_is_xlsx(const char *data, size_t n);

/* ---- reports ------------------------------------------------------------ */
typedef enum {
    REPORT_TEXT = 0, REPORT_JSON, REPORT_CSV,            /* figures */
    REPORT_HTML, REPORT_XLSX, REPORT_DOCX, REPORT_PDF    /* the report as a document */
} report_format;
/* "text", "json", "csv", "html", "xlsx", "docx" or "pdf"; -1 if none. */
int report_format_parse(const char *s, report_format *out);

/* What the office fills in on a document (DESIGN §4 --number, --date,
** --signer; DESIGN §9): each NULL or "" for its default. */
typedef struct doc_marks {
    const char *number;      /* "12" (digits); default: a blank to write in by hand */
    const char *date;        /* dd/mm/yyyy or ISO; default: today */
    const char *signer;      /* default: the unit's own signer, else its head that year */
    const char *recipients;  /* one a line; default: the committee above, its board, filing */
} doc_marks;
/* LT_EINPUT naming the mark that is wrong; date (11 bytes) gets the date
** as ISO, or "" when none was given. */
int doc_marks_check(const doc_marks *m, char date[11], lt_err *e);

/* The indicators of unit_code (NULL: the largest root of the year's tree)
** and its direct sub-units for years from..to, appended to out; the
** documents (HTML, XLSX, DOCX, PDF) carry the marks m (NULL: defaults). */
int report_render(lt_ctx *ctx, const char *unit_code, int from, int to, report_format fmt,
                  const doc_marks *m, lt_buf *out, lt_err *e);
/* The result of years from..to for unit_code (ind_get_unit: a unit closed
** during the year has its own, r->until) or, when NULL, for the default
** top unit of the year's tree, held (ind_release), and its index. */
int report_result(lt_ctx *ctx, const char *unit_code, int from, int to, const ind_result **r,
                  long *idx, lt_err *e);
/* A rate in tenths of a percent the Vietnamese way: "98,8%", "—" if absent. */
void report_percent_vi(long tenths, char out[32]);
/* A whole number the Vietnamese way, dots between thousands: "4.238". */
void report_int_vi(long long v, char out[32]);

/* ---- activation slips (slips.c) ------------------------------------------ */
/* n slips as a PDF (A4, eight a page, cut lines), with the site's address
** (site NULL or "": the member asks their cell's secretary), appended to out. */
int slips_render_pdf(const account_slip *s, long n, const char *site, lt_buf *out, lt_err *e);

/* ---- exports ------------------------------------------------------------- */
typedef enum { EXPORT_CSV = 0, EXPORT_JSON, EXPORT_XLSX } export_format;

/* Append one CSV cell, quoted when needed; a cell that starts with = + - @
** (or a tab or carriage return) is prefixed with ' so spreadsheets never
** run it as a formula. */
void export_csv_cell(lt_buf *out, const char *s);
/* Export a list: kind is units, people, registrations, deployments or
** commendations.  The
** CSV has a UTF-8 BOM and CRLF (what Excel expects) and the import's own
** column names, so an export imports back unchanged.  XLSX writes every
** text as a string cell (never a formula) and whole numbers as numbers. */
int export_list(lt_ctx *ctx, const char *kind, export_format fmt, lt_buf *out, lt_err *e);
/* The same as the actor may see it (dom_list_open_in): the subtree of root
** (0: the actor's scope), year's rows of a list per year (0: every year). */
int export_list_in(lt_ctx *ctx, const char *kind, long long root, int year, export_format fmt, lt_buf *out,
                   lt_err *e);
/* The accounts of unit_code's subtree (NULL or "": the actor's scope) for
** an admin or officer: login, name, role and state in words, unit. */
int export_accounts(lt_ctx *ctx, const char *unit_code, export_format fmt, lt_buf *out, lt_err *e);

/* ---- imports ------------------------------------------------------------- */
typedef struct import_stats {
    long rows;       /* data rows read */
    long inserted;   /* rows that created something */
    long updated;    /* rows that changed something */
    long unchanged;  /* rows already as the file says */
    long header_line;    /* the file's line of the header row (its first of two) */
    int header_rows;     /* 1, or 2 for a header merged over two rows */
    long skipped;        /* lines left out: titles, blank rows, a total, signatures */
    char skipped_vi[400], skipped_en[400];  /* which and why, as a phrase; "" if none */
    text_enc unsure_of;  /* refused as unsure of the CSV's encoding: the likely one (else TEXT_ENC_UNKNOWN) */
} import_stats;

/* Progress: called now and then with rows done and total (may be NULL). */
typedef void (*import_progress_fn)(void *arg, long done, long total);

/* Import a file of `kind` (units, people, registrations, deployments).  The
** file is CSV or XLSX; CSV text is decoded from enc (TEXT_ENC_UNKNOWN:
** detect, and refuse naming the likely encoding when unsure).  Every row is
** validated first and every problem goes to d as FILE:LINE: column;
** nothing is written unless there are none, and then all rows are
** written in one transaction (none when dry_run).  Returns LT_EINPUT when
** d holds problems. */
int import_file(lt_ctx *ctx, const char *kind, const char *path, text_enc enc, int dry_run,
                import_progress_fn progress, void *progress_arg, import_stats *stats,
                lt_diags *d, lt_err *e);

/* The same for a file already in memory (an upload). */
int import_data(lt_ctx *ctx, const char *kind, const char *data, size_t n, text_enc enc,
                int dry_run, import_progress_fn progress, void *progress_arg, import_stats *stats,
                lt_diags *d, lt_err *e);

/* A column an import kind takes, as the import page describes it. */
typedef struct import_col_info {
    const char *name, *title_vi, *title_en;   /* lent, static */
    const char *what_vi, *what_en, *example;
    int required, in_template;                /* in_template 0: history columns of exports */
} import_col_info;
/* Column i (from 0) of kind into out: LT_OK, or -1 past its last column. */
int import_column_info(const char *kind, int i, import_col_info *out);
/* The header of column `column` of kind, Vietnamese (en 0) or English;
** column itself when unknown (lent). */
const char *import_column_title(const char *kind, const char *column, int en);
/* An empty file to fill for kind: the Vietnamese headers, CSV (UTF-8 BOM,
** CRLF) or XLSX (with a second sheet saying what each column holds). */
int import_template(const char *kind, export_format fmt, lt_buf *out, lt_err *e);

/* A checked import's table as read (the header found, the data rows),
** kept for the check page: a preview and each problem's value. */
typedef struct import_view import_view;
/* import_data as a dry run that also gives *view (free with
** import_view_free; NULL when the file could not be read as a table). */
int import_check_view(lt_ctx *ctx, const char *kind, const char *data, size_t n, text_enc enc,
                      import_stats *stats, lt_diags *d, import_view **view, lt_err *e);
void import_view_free(import_view *v);
int import_view_ncols(const import_view *v);              /* kind columns the file has */
const char *import_view_col(const import_view *v, int i); /* their names, in file order */
long import_view_nrows(const import_view *v);             /* data rows */
long import_view_line(const import_view *v, long row);    /* the file's line of a row */
const char *import_view_cell(const import_view *v, long row, int i);  /* trimmed, lent */
/* The cell of the file at line in column `column` (a kind column's name),
** or NULL when there is none. */
const char *import_view_value(const import_view *v, long line, const char *column);

/* ---- forms people sign --------------------------------------------------- */
/* The registration forms (or with review, the self-assessment and review
** forms) of the n registrations, one per page, as DOCX or PDF, under
** their cell's letterhead; the marks m give the date and the secretary
** who confirms (NULL: defaults). */
int form_render(lt_ctx *ctx, const long long *reg_ids, int n, int review, report_format fmt,
                const doc_marks *m, lt_buf *out, lt_err *e);
/* A party organisation's collective registration id as its form, DOCX or
** PDF, under its own letterhead (form_collective.c). */
int form_collective_render(lt_ctx *ctx, long long id, report_format fmt, const doc_marks *m, lt_buf *out,
                           lt_err *e);

/* The locality a Party organisation's name is of, as its broadcast
** station names it ("Huyện ủy Chợ Lách": "huyện Chợ Lách"; "Đảng bộ xã Tân
** Thiềng": "xã Tân Thiềng"), in out; 0 when the name names none
** (letterhead.c). */
int unit_locality(const char *name, char *out, size_t n);
/* What the work of year rests on, as a document cites it: Chỉ thị
** 05-CT/TW, and from 2021 Kết luận 01-KL/TW beside it (letterhead.c). */
const char *doc_basis(int year);
/* What is still to do in the subtree of unit_code (NULL: the top) for
** year (remind.c): as text, with the paragraph for the loudspeakers; and
** the printable list of those not yet registered, a page per unit (PDF;
** LT_ENOTFOUND when everyone has registered). */
int remind_text(lt_ctx *ctx, const char *unit_code, int year, lt_buf *out, lt_err *e);
int remind_pdf(lt_ctx *ctx, const char *unit_code, int year, lt_buf *out, lt_err *e);

/* ---- loudspeaker bulletins ------------------------------------------------- */
/* One broadcast station's bulletin: the station's unit, its name
** ("Đài truyền thanh xã Tân Thiềng") and its spoken script. */
typedef struct bulletin_station {
    char code[64], name[300];
    lt_buf script;
} bulletin_station;
/* The stations of unit_code (NULL: the top unit) for year: the unit's own
** (its own key cadres and those of its units that have no station: a
** district's agencies, a commune's cells) and, unless STATIONS_OWN, each
** commune's below it, with their scripts (STATIONS_ALL) or named only
** (STATIONS_NAMED: the unit's own script, the others' code and name).
** A script gives every key cadre's published commitments, numbers, dates
** and abbreviations written out as read.  *st given (bulletin_stations_free). */
typedef enum { STATIONS_OWN = 0, STATIONS_ALL, STATIONS_NAMED } bulletin_which;
int bulletin_stations(lt_ctx *ctx, const char *unit_code, int year, bulletin_which which, bulletin_station **st,
                      int *n, lt_err *e);
void bulletin_stations_free(bulletin_station *st, int n);
/* The scripts of bulletin_stations one after another, each headed by its
** station, "---" between them; appended to out. */
int bulletin_script(lt_ctx *ctx, const char *unit_code, int year, int all, lt_buf *out, lt_err *e);
/* Synthesise script to out_path as WAV (or MP3 when mp3): espeak-ng's
** Vietnamese voice, normalised with sox, encoded by lame; written to
** out_path by lt_write_file (whole, or in place for a device or a pipe). */
int bulletin_audio(const char *script, int mp3, const char *out_path, lt_err *e);
/* Every station's audio (WAV, or MP3 when mp3) and script in one zip at
** out_path ("01-dai-truyen-thanh-huyen-cho-lach.mp3" and ".txt", ...). */
int bulletin_zip(const bulletin_station *st, int n, int mp3, const char *out_path, lt_err *e);
/* Numbers as spoken ("2021" -> "hai nghìn không trăm hai mươi mốt"), and a
** whole text with its numbers, decimals, percentages, dates and
** abbreviations written out. */
void speech_number(lt_buf *out, unsigned long long n);
void speech_text(const char *in, lt_buf *out);

/* ---- the demo ------------------------------------------------------------ */
/* Fill an empty database with Chợ Lách district as the article describes
** it (DESIGN §8), years 2016-2021, and the 2025 reorganisation. */
int demo_build(lt_ctx *ctx, lt_err *e);

/* The demo's accounts: login, password, role, unit and who it stands for. */
typedef struct demo_account { const char *login, *password, *role, *unit, *who; } demo_account;
extern const demo_account demo_accounts[];
extern const int demo_account_count;

#endif
