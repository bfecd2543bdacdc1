/*
** import_cols.h — private to src/io: the columns each import kind takes
** (canonical name, the Vietnamese header offices write and its aliases,
** required or not, how its cells are checked, what it holds), header
** matching, and finding the header and the data rows in an office's
** spreadsheet (import_layout.c).
*/
#ifndef LT_IMPORT_COLS_H
#define LT_IMPORT_COLS_H

#include "io.h"

#define IMPORT_MAX_COLS 16
#define IMPORT_SEQ_COL (-2)   /* header_match: an "STT" column, left out */

/* How a column's cells are checked before any row is applied. */
typedef enum {
    CHK_TEXT = 0, CHK_DATE, CHK_BIRTH, CHK_BOOL, CHK_YEAR, CHK_COUNT, CHK_UNIT_KIND, CHK_CATEGORY,
    CHK_GENDER, CHK_GROUP, CHK_FORM, CHK_UNIT_REF, CHK_PERSON_REF
} import_check;

/* A column of an import kind.  Aliases are written folded (no diacritics,
** lower case, words split by one space); the title is the header the
** template writes, and matches too. */
typedef struct import_col {
    const char *name;
    const char *alias[4];
    int required;
    import_check check;
    const char *title_vi, *title_en;
    int in_template;          /* 0: columns of history that export writes */
    const char *example;
    const char *note_vi, *note_en;   /* what a text column holds (NULL: said by its check) */
} import_col;

typedef struct import_kind {
    const char *kind;
    import_col cols[IMPORT_MAX_COLS];
} import_kind;

/* The kind named kind, or NULL. */
const import_kind *import_kind_find(const char *kind);
/* The number of columns of k. */
int import_kind_ncols(const import_kind *k);

/* A header cell as matched: folded, parenthesised parts left out, every
** run of other than letters and digits one space, trimmed.  Given (free);
** NULL when out of memory or not UTF-8. */
char *import_header_norm(const char *h);
/* The column of k that normalised header h names, IMPORT_SEQ_COL for a
** row number column ("STT", "TT", "Số TT"), or -1. */
int import_header_match(const import_kind *k, const char *norm);

/* Find the header row (one row, or two rows of a merged header) and the
** data rows of t, for kind k; rewrite t so that rows[0] is the header and
** the data rows follow, and say in st what was left out (titles, blank
** rows, a total or signatures at the end).  LT_OK, or LT_ENOMEM. */
int import_layout(const import_kind *k, io_table *t, import_stats *st);

#endif
