/*
** domain_int.h — private to the domain layer: helpers shared by its files.
*/
#ifndef LT_DOMAIN_INT_H
#define LT_DOMAIN_INT_H

#include "domain.h"

#include <pthread.h>

/* Bounds on stored text.  DOM_MAX_CODE bounds a code looked up (older
** databases may hold longer ones); a new code has at most DOM_CODE_CHARS. */
#define DOM_MAX_CODE 64
#define DOM_CODE_CHARS 32
#define DOM_MAX_NAME 256
#define DOM_MAX_TEXT 4000

/* Passwords (password.c): Argon2id at libsodium's interactive limits (64
** MiB, 2 passes), at most as many at once as there are cores.  pw_hash
** fills out (crypto_pwhash_STRBYTES bytes): 0, or -1 out of memory;
** pw_verify is 1 when password opens hash; pw_most_at_once is the most
** that have run at once. */
int pw_hash(char *out, const char *password);
int pw_verify(const char *hash, const char *password);
int pw_most_at_once(void);

const char *level_parse(const char *s);
const char *assessment_parse(const char *s);

/* The row as JSON (given), for the "before" of an audit row. */
int dom_snapshot(lt_ctx *ctx, const char *table, long long id, char **out, lt_err *e);
/* Write the audit row of a change to table/id; takes ownership of before
** (may be NULL) and reads "after" from the database itself. */
int dom_audit(lt_ctx *ctx, const char *action, const char *table, long long id,
              char *before, lt_err *e);
/* Membership over time (membership.c).  A person's state in a unit: the
** unit and the position and flags they have there. */
typedef struct member_state {
    long long unit_id;
    const char *position;
    int key_cadre, head;
} member_state;
/* Record that person pid has state s from day `on` (ISO): their first row,
** nothing if their last row has it already, a correction of the last row
** when it starts on `on`, else the last row closes the day before and a
** new one opens.  A day before the last row's start is refused, and so is
** a change to someone who has left.  The person row follows. */
int membership_record(lt_ctx *ctx, long long pid, const char *on, const member_state *s,
                      lt_err *e);
/* SQL: membership row m covers day d (a parameter or column). */
#define MEMBER_ON(d) "m.valid_from<=" d " AND (m.valid_to IS NULL OR m.valid_to>=" d ")"
/* SQL: the reference date of the year of registration r (DESIGN §2). */
#define REG_REF "coalesce((SELECT reference_date FROM year_setup WHERE year=r.year), r.year||'-12-31')"
/* SQL: the position of registration r's person in its year (their row on
** the reference date, else their present position). */
#define REG_POSITION "coalesce((SELECT m.position FROM membership m WHERE m.person_id=r.person_id" \
    " AND m.valid_from<=" REG_REF " ORDER BY m.valid_from DESC LIMIT 1), p.position)"
/* The whole history of someone new, whose person row has just been
** written (a batch): the rows checked as person_history_save checks them,
** written, and the person row made to follow the last. */
int membership_history_new(lt_ctx *ctx, long long pid, const person_span_in *spans, int n,
                           lt_err *e);
/* The first row of someone new, whose person row has it already (a batch). */
int membership_first(lt_ctx *ctx, long long pid, const char *from, const member_state *s,
                     lt_err *e);
/* A transfer to unit_id on `on` (or a return after leaving), with a new
** position when one is given, keeping the key-cadre flag, not the head's;
** leaving on `on` (the last day). */
int membership_move(lt_ctx *ctx, long long pid, long long unit_id, const char *position,
                    const char *on, lt_err *e);
int membership_leave(lt_ctx *ctx, long long pid, const char *on, lt_err *e);
/* May the actor change records of this unit? */
/* SQL: "p is the link in force on day d of its unit" (p a unit_parent
** row): the rule's parent (scope.c). */
#define LINK_ON(d)                                                                    \
    "p.valid_from=(SELECT max(q.valid_from) FROM unit_parent q WHERE q.unit_id=p.unit_id" \
    " AND q.valid_from<=" d ") AND (p.valid_to IS NULL OR p.valid_to>=" d ")"
int dom_can_write_unit(lt_ctx *ctx, long long unit_id, lt_err *e);
/* Commit when rc is LT_OK, else roll back; returns the final status. */
int dom_finish(lt_ctx *ctx, int rc, lt_err *e);
/* Validate a date into ISO; a year's range. */
int dom_check_date(const char *s, const char *field, char out[11], lt_err *e);
/* A birth date: a date (dom_check_date), or a year alone as older
** members' records give it (1900 to this year), kept as the year. */
int dom_check_birth(const char *s, char out[11], lt_err *e);
/* SQL: a stored birth date as shown, "dd/mm/yyyy" or the year alone. */
#define BIRTH_VN(col) \
    "CASE WHEN length(" col ")=4 THEN " col " ELSE coalesce(strftime('%d/%m/%Y', " col "), '') END"
int dom_check_year(int year, lt_err *e);
/* A text field: present if required, at most max bytes, and only what
** free text may hold (text_check_free): dom_check_text for multi-line text
** (TAB, LF, CR allowed), dom_check_line for one line (names, titles, codes
** looked up).  The error names the field, the character refused (U+000B)
** and its position in characters. */
int dom_check_text(const char *s, const char *field, size_t max, int required, lt_err *e);
int dom_check_line(const char *s, const char *field, size_t max, int required, lt_err *e);
/* The code of a new unit or person (DESIGN §2: unique, stable,
** user-visible; it goes into addresses and file names): 1 to
** DOM_CODE_CHARS of A-Z a-z 0-9 - _ . ; the error names the first other
** character.  Codes stored before this rule keep working: only new codes
** are checked. */
int dom_check_code(const char *s, const char *field, lt_err *e);

/* Search text (search.c): the LIKE patterns "%word%" of its folded words
** (the word index's query is the store's: db_words_query).  At most
** SEARCH_WORDS words; a word-index search considers at most
** SEARCH_CANDIDATES names (the first by name rank: people named alike,
** by the ASCII letters of their folded given and family names), then sorts
** them. */
#define SEARCH_WORDS 6
#define SEARCH_CANDIDATES 300
int search_patterns(const char *folded, char pats[][128]);

/* Between the counting (indicators.c) and the years' cache (years.c): the
** counts of years from..to afresh (one year from a copy of `known`, its
** tree, when not NULL; of its tally alone when tally_only), of year y on day `on` (a unit closed during it),
** a copy sharing a result's tree and count blocks (LT_EOOM leaves nothing
** to free), a tally row v (unit_id, then REG_TALLY_COLUMNS) added into
** unit i and the sums above it, and the memory a result holds (what it
** shares divided among its holders). */
/* SQL: a unit that closed during a year (?1 its first day) before its
** reference date (?2): in no tree of the year, with a report of its own. */
#define CLOSED_IN_YEAR "active_to>=?1 AND active_to<?2 AND active_from<=active_to"
int ind_count(lt_ctx *ctx, int from, int to, const unit_tree *known, int tally_only, ind_result *r,
              lt_err *e);
int ind_count_on(lt_ctx *ctx, int y, const char *on, ind_result *r, lt_err *e);
int ind_result_copy(ind_result *to, const ind_result *from);
void ind_add_tally_row(ind_result *r, long i, const long long *v);
size_t ind_bytes(const ind_result *r);

/* Reading a year's records for the indicators (ind_read.c): the rows of
** up to IND_QUERIES queries, run on the caller's connection and, for a
** big tree, on a second one at once.  ind_reads_start starts the helper;
** the caller reads its tree meanwhile, then ind_reads_finish runs what is
** left, waits for the helper and checks that it saw the same stamps
** (reading its queries again if not).  Bound in each query: ?1 the year,
** ?2 its first day, ?3 its last, ?4 the day it is judged on (`judged`,
** NULL for its reference date; today while that is ahead). */
#define IND_QUERIES 12
#define IND_STAMPS 5
/* n rows of ncols, in pieces of IND_ROWS_PIECE rows: they grow without
** being copied, and hold no more room than a piece beyond their rows.
** (The sanitizer build makes pieces of 3 rows, so that the tests' queries
** of more than 3 rows cross them.) */
#ifndef IND_ROWS_PIECE
#define IND_ROWS_PIECE 8192
#endif
typedef struct ind_rows { long long **pieces; long n; int ncols; } ind_rows;
static inline const long long *ind_row(const ind_rows *q, long j) {
    return q->pieces[j / IND_ROWS_PIECE] + (j % IND_ROWS_PIECE) * q->ncols;
}
typedef struct ind_reads {
    int year, from, to, nq;
    const char *const *sql;
    char today[11];                 /* the day the year is judged on */
    char tree_day[11];              /* the day of its tree: `judged`, or its reference date */
    ind_rows rows[IND_QUERIES];
    pthread_mutex_t lock;
    pthread_cond_t started;         /* the helper made its first claim or failed */
    int next;                       /* the first query nobody has taken */
    char dbfile[4096];              /* the helper's, "" when there is none */
    pthread_t helper;
    int helper_running, helper_started, helper_failed, by_helper[IND_QUERIES];
    long long helper_stamps[IND_STAMPS];
} ind_reads;
void ind_reads_start(lt_ctx *ctx, int year, const char *judged, const char *const *sql, int nq,
                     long units, ind_reads *rd);
/* A year's tree in two steps, so that its links can be read on the second
** connection with the year's records (ind_read.c) while the caller reads
** its units: the units active on `day`, found by id but not linked, then
** linked by the rows of TREE_LINKS_SELECT (unit_id, parent_id, the link's
** first day as YYYYMMDD) of the links valid on that day (the tree is
** freed on failure).  tree_load's tree is the same. */
#define TREE_LINKS_SELECT \
    "SELECT unit_id, parent_id, CAST(replace(valid_from, '-', '') AS INTEGER) FROM unit_parent"
int tree_units_on(lt_ctx *ctx, const char *day, int year, unit_tree *t, lt_err *e);
int tree_link_rows(unit_tree *t, const ind_rows *links, lt_err *e);
int ind_reads_finish(lt_ctx *ctx, ind_reads *rd, lt_err *e);
void ind_reads_free(ind_reads *rd);
/* The change stamp, the tree stamp, the sum of the year stamps of
** from..to (each year's in years[] when not NULL, years[0] for from) and
** the last registration tally change (schema.sql; migration 11). */
/* What one read snapshot gave once, kept in it (store's db_snapshot_memo):
** the stamps with every year's, the audit log's last id (memo.c), the
** unit last found by its code. */
#define SNAP_YEARS 112 /* (1990–2100, the years allowed) */
typedef struct snap_year { int year; long long n, changes; } snap_year; /* year_stamp's n, year_change's */
typedef struct snap_memo {
    int have_stamps, have_audit;
    long long stamps[3];  /* change, tree, tally log */
    int nyears;           /* years with a stamp (beyond SNAP_YEARS: not kept) */
    snap_year years[SNAP_YEARS];
    long long audit_last;
    char unit_code[64];
    long long unit_id;    /* unit_code's; 0: none kept */
} snap_memo;
/* The stamps of years from..to: the change stamp, the tree stamp, the sum
** of the years' registration stamps (year_stamp), the tally log's last
** id, the sum of the years' own change stamps (year_change); years[]
** (when not NULL) gets each year's own, years[0] for from. */
int ind_read_stamps(lt_db *db, int from, int to, long long stamps[IND_STAMPS], snap_year *years,
                    lt_err *e);

/* rates_kept.c: each judged year's two trend rates of every unit, kept in
** the database while the stamps they were computed at stand.  A unit's
** rates are in tenths of a percent, -1 when absent; a year's units are
** placed by id (id -1 where there is none: "dense") or sorted by id. */
typedef struct unit_rates { long long id; int dep, good; } unit_rates;
typedef struct rates_stamps {
    int year;
    long long change, tree, year_stamp; /* ind_read_stamps': the change stamp with the year's own */
    char judged[11];                    /* the year's reference date, passed */
} rates_stamps;
/* The kept units of s's year at those stamps (given; dense as above):
** 1, or 0 when there are none (or none that decode). */
int rates_kept_read(lt_db *db, const rates_stamps *s, unit_rates **units, long *n, int *dense);
/* Keep n units (either order) for s's year, through a connection of its
** own to dbfile, if the stamps still stand; nothing is said when it cannot
** (a read-only copy): the rates are computed again next time. */
void rates_kept_write(const char *dbfile, const rates_stamps *s, const unit_rates *units, long n);

/* Run sql with parameters bound from fmt ('i' int, 'I' long long, 's'
** text or NULL) and collect every row into out (query.c). */
int rows_run(lt_ctx *ctx, dom_rows *out, lt_err *e, const char *sql, const char *fmt, ...);
/* memo.c: lists kept while the database stands as it is (its audit log's
** last id, the day): the list from memory, else read (and kept), in one
** read snapshot (its own, or the caller's transaction).  kind: a missing_kind, or one of MEMO_* for other lists; the
** reader is given the same root, year, kind and limit. */
enum { MEMO_YEAR_LIST = 100, MEMO_TOPIC, MEMO_NAMESAKES, MEMO_COMMENT_COUNTS };
typedef int (*memo_reader)(lt_ctx *ctx, long long root, int year, int kind, int limit, dom_rows *out,
                           lt_err *e);
int memo_rows(lt_ctx *ctx, long long root, int year, int kind, int limit, memo_reader read, dom_rows *out,
              lt_err *e);
/* Let go of a kept list that rows_free found in a dom_rows (its `shared`). */
void memo_let_go(void *shared);

#endif
