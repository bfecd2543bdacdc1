/*
** domain_int.h — private to the domain layer: helpers shared by its files.
*/
#ifndef LT_DOMAIN_INT_H
#define LT_DOMAIN_INT_H

#include "domain.h"

/* Bounds on stored text. */
#define DOM_MAX_CODE 64
#define DOM_MAX_NAME 256
#define DOM_MAX_TEXT 4000

const char *level_parse(const char *s);
const char *assessment_parse(const char *s);

/* The row as JSON (given), for the "before" of an audit row. */
char *dom_snapshot(lt_ctx *ctx, const char *table, long long id);
/* Write the audit row of a change to table/id; takes ownership of before
** (may be NULL) and reads "after" from the database itself. */
int dom_audit(lt_ctx *ctx, const char *action, const char *table, long long id,
              char *before, lt_err *e);
/* May the actor change records of this unit? */
int dom_can_write_unit(lt_ctx *ctx, long long unit_id, lt_err *e);
/* Commit when rc is LT_OK, else roll back; returns the final status. */
int dom_finish(lt_ctx *ctx, int rc, lt_err *e);
/* Validate a date into ISO; a text field's presence, length and UTF-8;
** a year's range. */
int dom_check_date(const char *s, const char *field, char out[11], lt_err *e);
int dom_check_text(const char *s, const char *field, size_t max, int required, lt_err *e);
int dom_check_year(int year, lt_err *e);

/* Search text (search.c): the LIKE patterns "%word%" of its folded words,
** and the word-index query (every word as a prefix of a word of the name).
** At most SEARCH_WORDS words; a word-index search considers at most
** SEARCH_CANDIDATES names (the first by id), then sorts them. */
#define SEARCH_WORDS 6
#define SEARCH_CANDIDATES 300
int search_patterns(const char *folded, char pats[][128]);
int search_match_expr(const char *folded, int prefix, char *out, size_t n);

#endif
