/*
** domain.h — the program's one API: the rules of the Directive 05 yearly
** cycle.  The CLI (and later the web) call only these functions; they never
** write SQL.  Every write function runs in one transaction (nested calls
** join the caller's), enforces its rules and permissions here, and leaves
** one audit row per changed row.
*/
#ifndef LT_DOMAIN_H
#define LT_DOMAIN_H

#include "../core/core.h"
#include "../text/text.h"
#include "../store/store.h"

/* ---- who is acting -------------------------------------------------- */
typedef enum { ROLE_ADMIN = 0, ROLE_OFFICER, ROLE_MEMBER, ROLE_VIEWER } lt_role;

/* The context of one action: the database and who acts.  The CLI acts as an
** admin named "cli:<login name>". */
typedef struct lt_ctx {
    lt_db *db;
    char actor[128];
    lt_role role;
    long long scope_unit;  /* officer/viewer: root of their subtree; 0 = all */
    long long person_id;   /* member: their own person; 0 = none */
    char now[21];          /* if set, the time workflow steps are dated (the demo's past) */
    int pending;           /* logged in with an activation code: must choose a password first */
} lt_ctx;

void ctx_init_cli(lt_ctx *ctx, lt_db *db);
const char *role_name(lt_role r);
int role_parse(const char *s, lt_role *out);

/* ---- vocabularies ------------------------------------------------------ */
/* Each parser accepts the English code or the Vietnamese name (any case,
** with or without diacritics) and returns the code (lent, static) or NULL. */
const char *unit_kind_parse(const char *s);
const char *person_category_parse(const char *s);
const char *item_group_parse(const char *s);
const char *deployment_form_parse(const char *s);
const char *grade_parse(const char *s);
const char *gender_parse(const char *s);
/* Booleans: x/có/1/yes/true and empty/không/0/no/false; -1 if neither. */
int bool_parse(const char *s);
/* Vietnamese label of a code (lent, static; the code itself if unknown). */
const char *vocab_label_vi(const char *code);
/* The English words of a code (the code itself when it has none). */
const char *vocab_label_en(const char *code);
/* Is kind one of the party organisations that deploy (targets)? */
int unit_kind_is_party_org(const char *kind);

/* ---- units --------------------------------------------------------------- */
typedef struct unit_in {
    const char *code, *name, *kind;
    const char *parent_code;  /* "" for a root; NULL keeps the parent (new units: a root) */
    const char *active_from;  /* ISO date or NULL (default) */
    const char *active_to;    /* ISO date or NULL (still active) */
} unit_in;

/* Create the unit, or update its name, kind and parent if it exists
** (a parent change closes the old link the day before `since`, or today).
** *changed is set when anything was written. */
int unit_save(lt_ctx *ctx, const unit_in *u, const char *since, long long *id,
              int *changed, lt_err *e);
/* Many units at once, inside the caller's transaction: a batch of
** UNIT_SET_ASIDE_MIN or more, into a table holding fewer, sets the name
** order index and the insert triggers aside (*aside; NULL otherwise), and
** unit_bulk_end makes them again in one sort each, so that the index's
** pages lie in order in the file and a year's tree is read from the disk
** in one sweep, not page by page.  unit_bulk_end(ctx, NULL, e) does nothing. */
#define UNIT_SET_ASIDE_MIN 2000
int unit_bulk_begin(lt_ctx *ctx, long expected, db_aside **aside, lt_err *e);
int unit_bulk_end(lt_ctx *ctx, db_aside *aside, lt_err *e);
/* Look a unit up by code; LT_ENOTFOUND if none. */
int unit_find(lt_ctx *ctx, const char *code, long long *id, lt_err *e);
/* Unit id's name (as it is today) in out, n bytes. */
int unit_name_of(lt_ctx *ctx, long long id, char *out, size_t n, lt_err *e);
/* The ids of the units (of any year) named exactly as unit_id is today,
** itself among them: at most max in ids, *n = max + 1 when there are more. */
int unit_namesakes(lt_ctx *ctx, long long unit_id, long long *ids, int max, int *n, lt_err *e);
/* The unit named by text: its code, or a name whose words (without
** diacritics) match one unit only, or exactly; LT_EINPUT names the
** candidates when several match. */
int unit_find_named(lt_ctx *ctx, const char *text, long long *id, lt_err *e);
/* Close `code` on `on` (its last day is the day before) and record that it
** was merged into each of the successors (which must be active then). */
int unit_merge(lt_ctx *ctx, const char *code, const char *const *successors, int n,
               const char *on, lt_err *e);
/* Is `code` merged on `on` (its last day the day before) into exactly the
** n successors?  (unit_merge of that changes nothing.) */
int unit_merged_into(lt_ctx *ctx, const char *code, const char *const *successors, int n,
                     const char *on);
/* The unit's link to parent_code from `on` (an import of history):
** nothing when it is stored, else unit_move; *changed says which. */
int unit_link_at(lt_ctx *ctx, const char *code, const char *parent_code, const char *on,
                 int *changed, lt_err *e);
/* Move a unit under a new parent from `on` (ISO date). */
int unit_move(lt_ctx *ctx, const char *code, const char *parent_code, const char *on,
              lt_err *e);

/* ---- the tree of one year --------------------------------------------- */
typedef struct unit_node {
    long long id;
    char *code;        /* in the tree's text */
    char *name;
    char kind[24];
    unsigned char party_org, agency;  /* the kind's classes, for counting */
    long parent;       /* index in the tree, -1 for a root */
    long first_child, next_sibling;
} unit_node;

typedef struct unit_tree {
    int year;
    long n;
    unit_node *nodes;  /* in an order where every parent precedes its children */
    struct tree_slot { long long id; long idx; } *by_id_slots; /* open hash: id -> index */
    long nslots;       /* a power of two; idx -1 marks a free slot */
    int ids_are_slots; /* every id is below nslots and is its own slot */
    char *text;        /* the nodes' codes and names */
    size_t ntext;      /* bytes in text */
    long ntops;        /* units without a parent */
    long *holders;     /* how many trees share this memory (tree_copy) */
    unsigned long long serial; /* this loaded tree's own number, shared by its copies
                               ** and never given to another (0: none) */
} unit_tree;

/* The tree of `year` (DESIGN §2): as it stood on the year's reference
** date, the units active then, each under the parent link in force then. */
int tree_load(lt_ctx *ctx, int year, unit_tree *t, lt_err *e);
/* The tree on `day` (ISO), labelled `year`. */
int tree_load_on(lt_ctx *ctx, const char *day, int year, unit_tree *t, lt_err *e);
/* Every unit of years from..to (those active at some time from 1 January
** of the first to the last reference date, each under its latest parent
** then): where a range's figures are kept, each unit's its own. */
int tree_load_range(lt_ctx *ctx, int from, int to, unit_tree *t, lt_err *e);
void tree_free(unit_tree *t);
/* `from` again in `to`: a loaded tree never changes, so the two share its
** memory, which the last tree_free of them frees (from any thread). */
void tree_copy(unit_tree *to, const unit_tree *from);
long tree_index(const unit_tree *t, long long id);  /* -1 if absent */
/* The unit that a report or page of the whole tree opens on: the root
** with the largest subtree, then down from the Centre or a province that
** has a single child (the Centre above one province above one district
** gives the district); -1 for an empty tree, -2 when memory ran out. */
long tree_top(const unit_tree *t);
/* A walk of a subtree in tree order (each unit, then its children's
** subtrees in turn) from the node at index `start` (none when it is not
** an index, as tree_index's -1), or of the whole tree (tree_walk_all):
** tree_walk_next gives the next index, -1 at the end, and tree_walk_end
** frees what the walk holds.  It holds no more than the walk needs (a
** page walks a cell of a national tree). */
typedef struct tree_walk { const unit_tree *t; long *stack, top, cap; } tree_walk;
int tree_walk_begin(tree_walk *w, const unit_tree *t, long start); /* LT_OK or LT_EOOM */
int tree_walk_all(tree_walk *w, const unit_tree *t);                /* LT_OK or LT_EOOM */
long tree_walk_next(tree_walk *w);
void tree_walk_end(tree_walk *w);

/* ---- the actor's scope (scope.c: the rule, once) ----------------------- */
/* Is unit `id` inside the subtree of `root` in the tree of id's own day
** (today while it is active, its last day once closed, its first before
** it opens)?  Every root holds itself; root 0 holds every unit. */
int unit_in_subtree(lt_ctx *ctx, long long id, long long root);
/* Does the actor see every unit (an admin, or an officer or viewer without
** a scope unit)? */
int scope_sees_all(const lt_ctx *ctx);
/* Where the actor's part of a year's tree t begins: *top -1 when they see
** all of it, else the index of their scope unit; LT_ENOTFOUND (e filled)
** when t does not hold their scope unit, LT_EREFUSED for a member. */
int scope_tree_top(const lt_ctx *ctx, const unit_tree *t, long *top, lt_err *e);
/* Into out: SQL "WITH RECURSIVE ... " defining the table scoped(id) of the
** units that the condition `which` (SQL on the unit row `u`) selects and
** that lie, by unit_in_subtree's rule, in the subtree of the unit bound
** to ?1, today being ?2; a statement follows it.  LT_ENOMEM if n is short. */
int scope_units_sql(char *out, size_t n, const char *which);

/* ---- people -------------------------------------------------------------- */
/* A person to save.  For someone who exists, a NULL field (or a flag of
** -1) keeps what is stored. */
typedef struct person_in {
    const char *code, *full_name, *birth_date, *gender, *unit_code, *position, *category;
    int key_cadre, head;
    /* since: the day from which the unit, position and flags hold (tu_ngay;
    ** NULL: today), so that nothing before it changes; party_joined_on
    ** (ngay_vao_dang) and workplace (noi_cong_tac) as the others */
    const char *since, *party_joined_on, *workplace;
} person_in;

int person_save(lt_ctx *ctx, const person_in *p, long long *id, int *changed, lt_err *e);
/* A person with their whole membership history (an import of history): n
** rows sorted by their first day, each a unit, position and flags from
** `from` to `to` (NULL or "": until the next row begins, or still).  A new
** person is made with them; a stored person's rows must begin the file's
** (then the file's later rows are added) or be them (nothing changes),
** else LT_EINPUT names the first day they differ.  The person's own
** fields are p's (its unit, position and flags are the last row's). */
typedef struct person_span_in {
    const char *unit_code, *position, *from, *to;
    int key_cadre, head;
} person_span_in;
int person_history_save(lt_ctx *ctx, const person_in *p, const person_span_in *spans, int n,
                        int *changed, lt_err *e);
int person_find(lt_ctx *ctx, const char *code, long long *id, lt_err *e);
/* A transfer (chuyển sinh hoạt) of person `code` on `date` to the unit
** named by unit (a code or a name: unit_find_named), with a new position
** if one is given (NULL or "": kept; the head's flag is not), or, with
** unit NULL, their leaving on `date` (their last day): for an admin or an
** officer of the unit they leave or join.  Audited. */
int person_move(lt_ctx *ctx, const char *code, const char *unit, const char *position,
                const char *date, lt_err *e);
/* The reference date of a year (DESIGN §2): its setup's review date when
** that falls in the year, else 31 December. */
int dom_year_ref(lt_ctx *ctx, int year, char out[11], lt_err *e);

/* Many new people at once, for large imports, inside the caller's
** transaction.  person_bulk_add checks a person exactly as person_save does
** and inserts them; their code must not be stored yet (update existing
** people with person_save, which audits each change).  When the batch is
** large against what is stored, begin sets the person table's secondary
** indexes, word index and tally triggers aside and end rebuilds them
** (sorting once is much faster than inserting row by row); the new
** people's membership rows are then written together (by end, or before
** someone with history), so they are not there to read until then.  end
** writes one audit row for the batch naming its source and the ids it
** inserted. */
typedef struct person_bulk person_bulk;
/* The transaction of an import of `expected` people (db_begin).  For the
** first import of many (nobody stored yet, so every row goes through a
** batch, which looks up each unit and numbers each person itself), without
** the foreign keys' checks: a seek for each reference of each row. */
int person_bulk_transaction(lt_ctx *ctx, long expected, lt_err *e);
int person_bulk_begin(lt_ctx *ctx, long expected, person_bulk **out, lt_err *e);
int person_bulk_add(person_bulk *b, const person_in *p, lt_err *e);
/* Someone new with their whole history (spans as person_history_save takes
** them, checked the same way): the person as their last row has them. */
int person_bulk_add_history(person_bulk *b, const person_in *p, const person_span_in *spans, int n,
                            lt_err *e);
int person_bulk_end(person_bulk *b, const char *source, lt_err *e);
void person_bulk_free(person_bulk *b);
/* A new person made ready for person_bulk_add_ready on any thread, without
** the database: every check of person_bulk_add but the unit's, and the
** name's search fold and sort key (a third of a large import's time, done
** on a second core while the first writes).  p's strings stay the
** caller's; rc and e say why the person is refused. */
/* The dates of a person_in, checked and in ISO: birth and joined ("" when
** not given: party_joined_on), since (today when not given). */
typedef struct person_dates { char birth[11], since[11], joined[11]; } person_dates;
typedef struct person_ready {
    person_in p;
    const char *category, *gender;
    person_dates d;
    char *fold;
    unsigned char *sort; /* the name's sort key, sort_len bytes (text.h) */
    size_t sort_len;
    int rc;
    lt_err *e;           /* rc's message (NULL when memory ran out for it): a
                         ** refusal is rare, and a batch's ready people are many */
} person_ready;
void person_ready_make(const person_in *p, person_ready *r);
/* Write r (made ready) into the batch: its unit looked up and checked, as
** person_bulk_add; r's refusal, if it had one, in *e. */
int person_bulk_add_ready(person_bulk *b, const person_ready *r, lt_err *e);
void person_ready_clear(person_ready *r);

/* ---- topics and the year's setup ------------------------------------- */
int topic_save(lt_ctx *ctx, const char *unit_code, int year, const char *title,
               const char *body, const char *source_doc, int unconfirmed, lt_err *e);
/* The topic that unit `unit_id` deploys in year: its nearest issuing
** ancestor's.  Fills title (given) or sets *title NULL if none. */
int topic_for_unit(lt_ctx *ctx, long long unit_id, int year, char **title, lt_err *e);
/* The latest year up to upto that has a topic (0 when none has). */
int topic_latest_year(lt_ctx *ctx, int upto, int *year, lt_err *e);
/* A year's setup: its deadlines (NULL or "" for none); key_deadline is
** the key cadres' registration deadline, before everyone else's (trên
** trước, dưới sau: DESIGN §1 item 10). */
typedef struct year_in {
    int year;
    const char *reg_deadline, *key_deadline, *mid_deadline, *review_deadline;
} year_in;
int year_open(lt_ctx *ctx, const year_in *y, lt_err *e);

/* ---- deployments ------------------------------------------------------- */
typedef struct deployment_in {
    const char *unit_code;
    int year;
    const char *held_on, *form, *note;
    long present, expected;
} deployment_in;

int deployment_save(lt_ctx *ctx, const deployment_in *d, int *changed, lt_err *e);
int mass_deployment_save(lt_ctx *ctx, const char *unit_code, int year, const char *held_on,
                         long union_members, long association_members, long people_reached,
                         lt_err *e);

/* ---- registrations and their workflow ------------------------------ */
/* Statuses in order; RETURNED ranks with DRAFT. */
typedef enum {
    REG_DRAFT = 0, REG_SUBMITTED, REG_RETURNED, REG_APPROVED, REG_PUBLISHED,
    REG_SELF_ASSESSED, REG_EVALUATED
} reg_status;
const char *reg_status_name(reg_status s);
int reg_status_parse(const char *s, reg_status *out);

/* Create a draft registration of person_code for year (or find the one
** there is).  Only the person (member), an officer of their unit or an
** ancestor, or an admin. */
int reg_create(lt_ctx *ctx, const char *person_code, int year, long long *reg_id, lt_err *e);
/* Check one item's text and group as reg_add_item and reg_set_items do (an
** import checks each row with it, so a problem is told at its own line). */
int reg_item_check(const char *body, const char *group, lt_err *e);
/* Add an item (only while draft or returned). */
int reg_add_item(lt_ctx *ctx, long long reg_id, const char *body, const char *group,
                 const char *deadline, lt_err *e);
/* Replace all items at once (import): only while draft or returned;
** *changed says whether they differed. */
int reg_set_items(lt_ctx *ctx, long long reg_id, const char *const *bodies,
                  const char *const *groups, int n, int *changed, lt_err *e);
/* A registration's state as another installation kept it (an admin's
** import of history): status, grade, the day it was published (""
** none), the unit it was written in (counted there only in a year its
** person has no membership), and each item's deadline, self-assessment
** and note; *changed says whether anything differed.  The workflow's
** steps and their history are not replayed. */
typedef struct reg_restore_in {
    const char *status, *grade, *published_on, *unit_code;
    int nitems;
    const char *const *deadlines, *const *assessments, *const *notes;
} reg_restore_in;
int reg_restore(lt_ctx *ctx, long long reg_id, const reg_restore_in *in, int *changed, lt_err *e);
int reg_submit(lt_ctx *ctx, long long reg_id, lt_err *e);
int reg_approve(lt_ctx *ctx, long long reg_id, lt_err *e);
int reg_return(lt_ctx *ctx, long long reg_id, const char *reason, lt_err *e);
int reg_publish(lt_ctx *ctx, long long reg_id, lt_err *e);
/* Self-assess item number `position` (1-based): done / partly / not_done. */
int reg_assess_item(lt_ctx *ctx, long long reg_id, int position, const char *assessment,
                    const char *note, lt_err *e);
/* When every item is assessed: move to self_assessed. */
int reg_self_assess(lt_ctx *ctx, long long reg_id, lt_err *e);
int reg_evaluate(lt_ctx *ctx, long long reg_id, const char *grade, lt_err *e);
int reg_get_status(lt_ctx *ctx, long long reg_id, reg_status *s, lt_err *e);
/* LT_ECONFLICT unless the registration is still at `version` (the one the
** actor saw): of two people acting on the same page, the second is told. */
int reg_expect_version(lt_ctx *ctx, long long reg_id, long version, lt_err *e);
int reg_find(lt_ctx *ctx, const char *person_code, int year, long long *reg_id, lt_err *e);

/* ---- standards, inspections, models, commendations, breakthroughs -- */
int standard_save(lt_ctx *ctx, const char *unit_code, const char *motto, const char *items,
                  const char *adopted_on, int valid_from, int valid_to, lt_err *e);
int inspection_add(lt_ctx *ctx, const char *inspecting_code, const char *inspected_code,
                   const char *kind, const char *held_on, const char *content,
                   const char *findings, const char *conclusion, long long *id, lt_err *e);
int followup_add(lt_ctx *ctx, long long inspection_id, const char *body, const char *due_on,
                 long long *id, lt_err *e);
int followup_done(lt_ctx *ctx, long long followup_id, const char *done_on, lt_err *e);

typedef struct award_in {
    int year;
    const char *unit_code;           /* where it is counted */
    const char *subject_person_code; /* or NULL */
    const char *subject_unit_code;   /* or NULL */
    const char *subject_text;        /* or NULL */
    const char *title, *description;
    long long contribution_vnd;      /* -1 = none */
    const char *level, *form, *decision_no, *decision_on; /* commendation only */
} award_in;
int model_add(lt_ctx *ctx, const award_in *a, long long *id, lt_err *e);
int commendation_add(lt_ctx *ctx, const award_in *a, long long model_id, long long *id,
                     lt_err *e);
int breakthrough_save(lt_ctx *ctx, const char *unit_code, int year, const char *body,
                      const char *result, lt_err *e);

/* ---- indicators (DESIGN §3) ----------------------------------------- */
enum { GRADE_EXCELLENT = 0, GRADE_GOOD, GRADE_COMPLETED, GRADE_NOT_COMPLETED, GRADE_N };
enum { LEVEL_UNIT = 0, LEVEL_GRASSROOTS, LEVEL_DISTRICT, LEVEL_PROVINCE, LEVEL_CENTRAL, LEVEL_N };

/* Counts of one unit (own) or of a subtree. */
typedef struct ind_counts {
    long long targets, deployed;            /* party-org-years and those deployed */
    long long reg_required, registered;     /* people required; with status >= submitted */
    long long reg_submitted, reg_approved;  /* registrations >= submitted, >= approved */
    long long key_required, key_published;
    long long key_due, key_on_time;         /* key cadres required in years with a key-cadre
                                            ** deadline; registered by it (DESIGN §1 item 10) */
    long long collective;                   /* targets with a collective registration submitted */
    long long collective_waiting;           /* collective registrations waiting for approval */
    long long grades[GRADE_N], evaluated;
    long long std_units, std_with;
    long long inspections, followups_open, followups_overdue;
    long long models, commendations[LEVEL_N], breakthroughs, breakthroughs_done;
    long long mass_union, mass_association, mass_people;
} ind_counts;

/* Indicators for every unit of a year's tree (from == to), or of the
** years from..to: one year's tree is the tree on its reference date, and
** a record of a unit not in it counts for the unit's successor by merge
** that is (merged[]: such units, by id, with their successor's index); a
** range's tree holds every unit of its years' trees, each with the sum of
** its figures of each year (DESIGN §3).  own[i] belongs to tree->nodes[i].
** In a year most units are cells without units below them, so the sums
** below a unit are kept only for units with children: below[below_at[i]],
** below_at[i] -1 for the others (ind_summarize adds the two); a range
** keeps them for every unit. */
/* The counts are kept in blocks of IND_BLOCK units that results share
** until one of them changes a block (copy on write): a cached year
** brought up to date after a registration's change copies the few blocks
** the change touches, not the whole country. */
#ifndef IND_BLOCK_SHIFT /* tests build with small blocks too (make check) */
#define IND_BLOCK_SHIFT 10   /* 1,024 units: 224 KB */
#endif
#define IND_BLOCK (1L << IND_BLOCK_SHIFT)
typedef struct ind_block {
    long holders;      /* results sharing the block */
    long n;            /* counts in it (IND_BLOCK, fewer in the last) */
    ind_counts c[];
} ind_block;

typedef struct ind_merged { long long id; long idx; } ind_merged;
typedef struct ind_result {
    int from, to;
    char until[11];    /* "" , or the last day of a unit closed during the year
                       ** whose own figures these are (ind_get_unit) */
    unit_tree tree;
    ind_merged *merged; /* sorted by id */
    long nmerged;
    ind_block **own;   /* records attached to each unit itself: ind_own */
    ind_block **below; /* everything strictly below a unit with children */
    long *below_at;
    long nbelow;
    int oom;           /* while computing: memory ran out (the result is then thrown away) */
    int tally_only;    /* only the registration tally was counted (ind_get_tally) */
} ind_result;

/* The records attached to unit i of r's tree itself. */
static inline const ind_counts *ind_own(const ind_result *r, long i) {
    return &r->own[i >> IND_BLOCK_SHIFT]->c[i & (IND_BLOCK - 1)];
}

int ind_compute(lt_ctx *ctx, int from, int to, ind_result *r, lt_err *e);
/* The index where unit_id's records of r's year count: the unit's own, or
** its successor's by merge; -1 when nowhere. */
long ind_unit_index(const ind_result *r, long long unit_id);
void ind_free(ind_result *r);

/* The same, shared: a result computed earlier is reused while no data has
** changed since (the database's change stamp) and the day is the same.
** *out is lent until ind_release; many threads may hold it at once. */
int ind_get(lt_ctx *ctx, int from, int to, const ind_result **out, lt_err *e);
/* Year y's registration counts as ind_get gives them (registered,
** published, submitted, approved, graded, on time); the people required
** and every other count are right only when the whole year was at hand
** (!tally_only): for what waits in another year, without reading that
** year's every record. */
int ind_get_tally(lt_ctx *ctx, int y, const ind_result **out, lt_err *e);
/* The registrations of unit_id's part of year y (its subtree in y's tree)
** submitted and not yet approved: what waits in another open year.  From
** the year's tally when it is at hand (ind_get_tally), else counted from
** the unit down (ind_waiting_below) when its part is small, and the tally
** then wanted for ind_warm.  0 for a unit in no tree of y (closed before
** its reference date: its people's registrations count where they went),
** -1 when the year cannot be read. */
long long ind_waiting(lt_ctx *ctx, long long unit_id, int y);
/* The same figure counted from unit_id down in y's tree, its merged units
** included, reading no more than max_units units (waiting.c): LT_ENOMEM
** when its part is larger. */
int ind_waiting_below(lt_ctx *ctx, long long unit_id, int y, long max_units, long long *waiting,
                      lt_err *e);
/* Read the tallies that ind_waiting counted without, so that the pages
** after find them kept: the server calls it once a page has gone, when
** ind_warm_wanted says there are some. */
int ind_warm_wanted(void);
void ind_warm(lt_ctx *ctx);
void ind_release(const ind_result *r);
/* The result of years from..to that holds unit_id, and its index in *idx:
** ind_get's; for one year when the unit closed during it, before its
** reference date (in no tree of the year), the year on the tree of its
** last day, whose figures are its own up to that day (r->until). */
int ind_get_unit(lt_ctx *ctx, long long unit_id, int from, int to, const ind_result **out,
                 long *idx, lt_err *e);
/* Trees of at least min_units units (IND_PARALLEL_MIN unless set) are
** counted with a second connection reading beside the caller's
** (ind_read.c); tests set 0 to take that path on small databases. */
#define IND_PARALLEL_MIN 20000
void ind_set_parallel(long min_units);
/* The cache's work since the process started (for tests): results
** computed, years whose tally alone was counted (ind_get_tally), cached
** years brought up to date with the logged changes of
** registrations instead, years whose every unit's trend rates were
** worked out, years whose trend rates were read as the database kept
** them (rates_kept.c), results handed out from the cache as they were, and
** waiting figures counted from a unit down (ind_waiting_below). */
typedef struct ind_work { long computed, tallied, patched, rated, kept, hits, counted_below; } ind_work;
void ind_work_done(ind_work *w);
/* Drop every unheld cached result (at shutdown, so nothing is left). */
void ind_cache_clear(void);
/* One unit's deployment and good-or-better rates in each of the n years
** from, from+1, ... (tenths of a percent, -1 when absent or the unit is not
** in that year's tree), for trends; n at most 16.  A small shared cache
** keeps only these two rates of every unit per year (~5 MB for the
** country, not the ~150 MB of a whole result). */
int ind_trend_rates(lt_ctx *ctx, int from, int n, long long unit_id, long *deployment,
                    long *good_or_better, lt_err *e);

/* The indicators of one subtree, rates in tenths of a percent (-1 when the
** denominator is 0: "absent"). */
typedef struct ind_summary {
    ind_counts c;
    long deployment_rate, registration_rate, approved_rate, published_key_cadre_rate,
         good_or_better_rate, standard_rate, collective_registration_rate, key_cadre_on_time_rate;
    int excellent_cap_exceeded;  /* excellent > 20% of good in this subtree */
} ind_summary;

void ind_summarize(const ind_result *r, long idx, ind_summary *s);
/* Where two results of the same years (of two databases: lamtheo migrate)
** part: -1 when every unit is the same (id, code, name, parent) with the
** same own figures and the same sums; else the index in a of the first
** unit that is not the same, of the first whose own figures differ when
** the units are, of the first whose sums differ when those are (the
** smaller tree's size when one has more units). */
long ind_first_difference(const ind_result *a, const ind_result *b);
/* Units (indices) in the subtree of idx whose own registrations pass the
** excellent cap; *out given. */
long ind_cap_warnings(const ind_result *r, long idx, long **out);
/* The rule in force for year's review that caps excellent at 20% of good,
** as a page or document cites it (en: in English). */
const char *ind_cap_rule(int year, int en);
/* How many of them a page or document names; the rest are counted. */
#define IND_WARNINGS_SHOWN 10

/* ---- lists to export (lists.c) ------------------------------------------ */
/* The rows of list `kind` (units, people, registrations, deployments,
** commendations), with the import's column names, for an admin, officer
** or viewer; read with dom_list_next (1 a row, 0 the end, < 0 failed),
** then closed. */
typedef struct dom_list dom_list;
int dom_list_open(lt_ctx *ctx, const char *kind, dom_list **out, lt_err *e);
int dom_list_columns(const dom_list *l);
const char *dom_list_name(const dom_list *l, int c);
int dom_list_next(dom_list *l, lt_err *e);
int dom_list_is_int(const dom_list *l, int c);   /* the cell holds a whole number */
long long dom_list_int(const dom_list *l, int c);
const char *dom_list_text(const dom_list *l, int c);  /* "" for NULL */
void dom_list_close(dom_list *l);
/* The same list as the actor may see it (web exports): the rows of units
** in the subtree of root (0: the actor's whole scope; a root outside it is
** refused) by scope.c's rule, and for a list that is per year
** (registrations, deployments, commendations) only year's rows when year
** is not 0. */
int dom_list_open_in(lt_ctx *ctx, const char *kind, long long root, int year, dom_list **out, lt_err *e);
/* Every stored code of people (people 1) or units, as a list of one column. */
int dom_codes_open(lt_ctx *ctx, int people, dom_list **out, lt_err *e);
/* Whether any person is stored (1), none (0), or the database failed (-1). */
int person_any(lt_ctx *ctx);
/* Whether unit_id has any deployment stored (1), none (0), or -1. */
int deployment_any(lt_ctx *ctx, long long unit_id);

/* ---- search ------------------------------------------------------------- */
typedef struct search_hit {
    char kind[8];      /* "person" or "unit" */
    char code[64];
    char name[256];
    char unit_name[256];
} search_hit;
/* Diacritic- and case-insensitive search of people and units whose name
** contains every word of text.  *hits given. */
int search_names(lt_ctx *ctx, const char *text, int limit, search_hit **hits, int *n,
                 lt_err *e);

/* A unit's own letterhead marks (DESIGN §9), each "" for the default: the
** issuer's abbreviation in its documents' numbers (HU, ĐU, CB, ...), its
** place name, and who signs for it.  Saved by an admin or an officer of
** the unit's subtree, audited. */
typedef struct unit_letterhead { char abbr[33], place[201], signer[241]; } unit_letterhead;
int unit_letterhead_get(lt_ctx *ctx, long long unit_id, unit_letterhead *out, lt_err *e);
int unit_letterhead_save(lt_ctx *ctx, const char *unit_code, const unit_letterhead *in, lt_err *e);
/* The full name of the head of unit_id (its secretary: head there) on
** year's reference date, in out (n bytes), "" when it has none. */
int unit_head_name(lt_ctx *ctx, long long unit_id, int year, char *out, size_t n, lt_err *e);

/* ---- the parts of a report that people write (report_text.c) ------------ */
/* For a unit and a period (from = to: a year), DESIGN §9: strengths,
** shortcomings and their causes, lessons, tasks ahead, recommendations. */
#define REPORT_PARTS 5
extern const char *const report_parts[REPORT_PARTS];
typedef struct report_texts {
    char *body[REPORT_PARTS];   /* the newest text of each part, NULL when none (given) */
    int final[REPORT_PARTS];    /* is it final (a report quotes it), or a draft */
} report_texts;
/* The newest text of each part (final_only: the newest final one). */
int report_texts_get(lt_ctx *ctx, long long unit_id, int from, int to, int final_only, report_texts *out,
                     lt_err *e);
void report_texts_free(report_texts *t);
/* Save the parts (NULL or "" for an empty one) as drafts or final: a new
** version of each part that changed, the old ones kept; audited.  The
** officer of that unit itself, or an admin. */
int report_texts_save(lt_ctx *ctx, const char *unit_code, int from, int to, const char *const body[REPORT_PARTS],
                      int final, lt_err *e);

/* ---- accounts ------------------------------------------------------------ */
int account_add(lt_ctx *ctx, const char *login, const char *password, lt_role role,
                const char *unit_code, const char *person_code, lt_err *e);
/* Password rules: 10 to 128 bytes, not the login. */
int account_password_ok(const char *login, const char *password, lt_err *e);

/* The account lifecycle (DESIGN §2 "account").  An activation slip: what
** a cell secretary hands to a member (the code is only ever printed). */
#define ACCOUNT_CODE_DAYS 30
typedef struct account_slip {
    char full_name[4 * 120 + 1], unit_name[4 * 200 + 1];
    char login[65], code[24], expires[11]; /* code grouped "ABCD-EFGH-JKMNP"; expires ISO */
} account_slip;
/* Accounts for everyone in the subtree of unit_code (today's members) who
** has none: pending members, each with a one-time activation code valid
** for `days` (ACCOUNT_CODE_DAYS when 0), logins readable and unique (the
** folded name and the person's code).  An admin, or an officer for their
** own subtree.  *slips (given, *n of them) in tree order of units, each
** unit's people in Vietnamese name order, as its member list is sorted. */
int account_bulk(lt_ctx *ctx, const char *unit_code, int days, account_slip **slips, long *n,
                 lt_err *e);
/* A new activation code for login (pending again: the password and every
** session end), its slip in *slip; disabling login ends its sessions at
** once.  An admin, or an officer for accounts of their subtree (never an
** admin's). */
int account_reset(lt_ctx *ctx, const char *login, int days, account_slip *slip, lt_err *e);
int account_disable(lt_ctx *ctx, const char *login, lt_err *e);
/* Login's role becomes `role`: an officer or viewer scoped to unit_code
** (NULL or "": the scope it has, else its person's unit), a member of its
** person.  An admin, or an officer within their subtree who never makes
** an admin, touches an admin's account or reaches outside it; nobody
** changes their own.  Sessions go on with the new role at once. */
int account_set_role(lt_ctx *ctx, const char *login, lt_role role, const char *unit_code, lt_err *e);
/* Does `typed` (any case, with or without spaces and dashes) match the
** code of hash `hash_hex`?  Always the same work, whatever it is given. */
int account_code_matches(lt_db *db, const char *hash_hex, const char *typed);
/* The actor's own new password, typed twice: for a pending account (in
** with its activation code) the code ends and the account becomes active;
** an active one gives its current password.  The password rules of
** account_password_ok, and never the activation code. */
int account_set_password(lt_ctx *ctx, const char *current, const char *password,
                         const char *again, lt_err *e);
/* When the actor logged in before this session ("dd/mm/yyyy hh:mm", local
** time), or "" for the first time. */
void account_previous_login(lt_ctx *ctx, char out[20]);

/* ---- sessions (web login) ------------------------------------------------ */
/* Check login and password (Argon2id); refuse after repeated failures for
** the login or the address; on success create a session that expires and
** fill token (the cookie value, 43 characters) . */
int session_login(lt_db *db, const char *login, const char *password, const char *addr,
                  char token[44], lt_err *e);
/* Delete the session of token (logging out is server-side). */
int session_logout(lt_db *db, const char *token, lt_err *e);
/* The acting context and CSRF token of a live session, or LT_EREFUSED. */
int session_resume(lt_db *db, const char *token, lt_ctx *ctx, char csrf[44], lt_err *e);
/* Is token shaped like one of ours (43 URL-safe base64 characters)? */
int session_token_valid(const char *token);
/* A fresh random token (for the CSRF cookie before login). */
void session_new_token(char out[44]);
/* Constant-time equality of two tokens (0 for empty ones). */
int session_token_equal(const char *a, const char *b);

/* ---- reading: lists for pages and the API ------------------------------ */
/* Rows with named columns; every list below returns one.  Each cell is
** kept as text ("" for NULL) with the type of the value read, so that
** pages print the text and the API and callers take numbers as numbers. */
typedef enum { ROWS_NULL = 0, ROWS_INT, ROWS_REAL, ROWS_TEXT } rows_type;
typedef struct dom_rows {
    int ncols;
    char **names;          /* ncols column names (given) */
    long n;
    char **cells;          /* n * ncols cells (given) */
    unsigned char *types;  /* n * ncols rows_type (given) */
    char *text;            /* if set, every name and cell lies in it: one block to free */
    void *shared;          /* if set, all of it is a list the memo keeps, read-only, shared
                           ** with other readers: rows_free lets go of it (memo.c) */
} dom_rows;
const char *rows_cell(const dom_rows *r, long row, int col);
rows_type rows_cell_type(const dom_rows *r, long row, int col);
/* The index of the column called name, or -1. */
int rows_column(const dom_rows *r, const char *name);
/* The cell of a named column ("" if no such column). */
const char *rows_get(const dom_rows *r, long row, const char *name);
/* The integer of a named column's cell (an id, a year, a count or a
** flag), 0 when it holds none. */
long long rows_int(const dom_rows *r, long row, const char *name);
void rows_free(dom_rows *r);

/* Accounts of the subtree of unit_code (NULL: the actor's whole scope), by
** login, narrowed by f when not NULL: login, role, status, full_name,
** unit_code, unit_name, last_login (dd/mm/yyyy hh:mm, local time, or ""). */
typedef struct account_filter {
    const char *text;            /* words of the name or login, any case or diacritics */
    const char *role, *status;   /* their codes, or NULL/"" for any */
    int limit, offset;           /* a page (limit 0: every one) */
    const char *login;           /* that one account only, or NULL/"" */
} account_filter;
int q_accounts(lt_ctx *ctx, const char *unit_code, const account_filter *f, dom_rows *out, lt_err *e);
/* The units login's role may be scoped to by the actor: its own unit (its
** person's, else its scope unit) and those above it today, up to the
** actor's scope unit (an admin: the top), nearest first: code, name. */
int q_account_units(lt_ctx *ctx, const char *login, dom_rows *out, lt_err *e);
/* The versions of the written parts of unit_id's report for from..to,
** newest first (at most 50): part, final, saved_by, saved_at (dd/mm/yyyy
** hh:mm, Vietnam's time), chars. */
int q_report_text_history(lt_ctx *ctx, long long unit_id, int from, int to, dom_rows *out, lt_err *e);

/* People of year's subtree of root (0: everyone; year 0: this year), as
** members there on the year's reference date, whose folded name contains
** text's words when text is given, by Vietnamese name order.  Columns:
** code, full_name, unit_code, unit_name, position, category, key_cadre,
** head (those of the year). */
int q_people(lt_ctx *ctx, long long root, int year, const char *text, int limit, int offset,
             dom_rows *out, lt_err *e);
/* Subtrees of at most this many units are searched among their own people;
** larger ones through the word index, from its first matches (tests set 0
** to take that path on small databases). */
#define Q_SMALL_SUBTREE 2000
void q_set_small_subtree(long units);
/* One person (same columns, their present ones, plus birth_date, gender,
** unit_id, id, party_joined_on, workplace, left_on: their last day as a
** member when they have left; dates dd/mm/yyyy or ""). */
int q_person(lt_ctx *ctx, const char *code, dom_rows *out, lt_err *e);
/* The same by id. */
int q_person_by_id(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e);
/* A person's registrations: id, year, status, grade, published_at, and
** unit_code, unit_name: where they counted that year. */
int q_person_registrations(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e);
/* A person's memberships, the last first: unit_code, unit_name, valid_from,
** valid_to ("" while open; dd/mm/yyyy), position, key_cadre, head. */
int q_person_memberships(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e);
/* One registration: id, year, status, grade, return_reason, approved_by,
** approved_at, published_at, evaluated_by, version, person_id,
** person_code, full_name, position, key_cadre, unit_id, unit_code,
** unit_name (position, flag and unit those of its year), party_joined_on
** (dd/mm/yyyy or ""), workplace, birth_date (dd/mm/yyyy, a year alone, or
** ""), category. */
int q_registration(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e);
/* Its items: position, body, item_group, deadline, assessment, assessment_note. */
int q_registration_items(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e);
/* Its history: from_status, to_status, actor, at, reason. */
int q_registration_history(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e);

/* ---- collective registrations (collective.c) ---------------------------- */
/* A party organisation's registration of a year as a unit, with the
** registration's statuses (reg_status) and steps.  Writing, submitting,
** publishing (once approved) and self-assessing: an officer of the unit or
** above, or an admin; approving, returning (with a reason) and evaluating:
** an officer of the level above (scope unit a strict ancestor) or an admin. */
#define COLL_MAX_ITEMS 200
/* Create the draft of unit_code (a party organisation active in year), or
** find the one there is. */
int coll_create(lt_ctx *ctx, const char *unit_code, int year, long long *id, lt_err *e);
/* Whether any collective registration of the years from..to is recorded
** (documents speak of their rate only then: an office that did not record
** them in those years did not have 0%). */
int coll_recorded(lt_ctx *ctx, int from, int to);
int coll_find(lt_ctx *ctx, const char *unit_code, int year, long long *id, lt_err *e);
/* LT_OK if unit_code may register for year (coll_create's check of the
** unit), else LT_EINPUT saying why. */
int coll_may_register(lt_ctx *ctx, const char *unit_code, int year, lt_err *e);
/* An item's group: topic / breakthrough / other (or their Vietnamese
** names); NULL if neither. */
const char *coll_group_parse(const char *s);
/* Add an item, or replace all (n at most COLL_MAX_ITEMS; groups may be
** NULL: the topic), while draft or returned. */
int coll_add_item(lt_ctx *ctx, long long id, const char *body, const char *group,
                  const char *deadline, lt_err *e);
int coll_set_items(lt_ctx *ctx, long long id, const char *const *bodies, const char *const *groups,
                   int n, lt_err *e);
int coll_submit(lt_ctx *ctx, long long id, lt_err *e);
int coll_approve(lt_ctx *ctx, long long id, lt_err *e);
int coll_return(lt_ctx *ctx, long long id, const char *reason, lt_err *e);
int coll_publish(lt_ctx *ctx, long long id, lt_err *e);
/* Self-assess item number position (1-based), then, every item assessed,
** coll_self_assess. */
int coll_assess_item(lt_ctx *ctx, long long id, int position, const char *assessment, const char *note,
                     lt_err *e);
int coll_self_assess(lt_ctx *ctx, long long id, lt_err *e);
int coll_evaluate(lt_ctx *ctx, long long id, const char *grade, lt_err *e);
/* LT_ECONFLICT unless it is still at `version` (the one the actor saw). */
int coll_expect_version(lt_ctx *ctx, long long id, long version, lt_err *e);
/* One: id, unit_id, unit_code, unit_name, unit_kind, year, status,
** return_reason, submitted_at, approved_by, approved_at, published_at,
** grade, evaluated_by, evaluated_at, version.  Its items (topic first,
** then breakthrough, other): position, body, item_group, deadline
** (dd/mm/yyyy or ""), assessment, assessment_note.  Its history:
** from_status, to_status, actor, at, reason. */
int q_collective(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e);
int q_collective_items(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e);
int q_collective_history(lt_ctx *ctx, long long id, dom_rows *out, lt_err *e);
/* The party organisations of root's subtree in year's tree but root,
** with their collective registration of the year: code, name, kind, id,
** status, grade ("" where there is none), by name (query.c). */
int q_collectives(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);

/* The key cadres of unit_id and the unit above it (their rows of year's
** reference date) who have not submitted a registration for the year
** (trên trước, dưới sau: a member sees whether their leaders have):
** code, full_name, position, unit_name; at most 20. */
int q_key_cadres_waiting(lt_ctx *ctx, long long unit_id, int year, dom_rows *out, lt_err *e);

/* What is missing in the subtree of unit idx of year Y's tree. */
typedef enum {
    MISSING_DEPLOYMENTS = 0, /* code, name: party organisations not deployed */
    MISSING_REGISTRATIONS,   /* code, full_name, unit_name, position, unit_id: required, not submitted */
    MISSING_APPROVALS,       /* id, code, full_name, unit_name: waiting for approval */
    MISSING_PUBLICATIONS,    /* code, full_name, unit_name, status: key cadres unpublished */
    MISSING_FOLLOWUPS,       /* id, body, due_on, unit_name: overdue follow-ups */
    MISSING_KEY_LATE,        /* code, full_name, unit_name, submitted_on (dd/mm/yyyy, or
                             ** not_registered): key cadres not registered by the key-cadre
                             ** deadline (none when the year sets no such deadline) */
    MISSING_COLLECTIVES      /* code, name, status: party organisations whose collective
                             ** registration is not submitted (status: where it stands,
                             ** not_registered when there is none) */
} missing_kind;
int q_missing(lt_ctx *ctx, long long root, int year, missing_kind kind, int limit,
              dom_rows *out, lt_err *e);
/* How many lists and texts were given from memory, kept while nothing changed
** (memo.c; for tests). */
long memo_hit_count(void);

/* A part of a page kept like the lists while nothing changes (memo.c):
** written once for a unit, year, kind of page and variant of it (its
** language, the viewer's part of the tree, what their role adds), then
** lent from memory, read-only, until memo_text_free.  Only inside the
** page's read snapshot (the router opens one for every page that reads):
** the text is kept for the state of the database it was written from, and
** given only at that state. */
enum { MEMO_PAGE_DASHBOARD = 200 };
typedef struct memo_text {
    const char *text; /* len bytes, and a NUL */
    size_t len;
    void *shared;
} memo_text;
/* 1 and the kept text in out, or 0 (out empty). */
int memo_text_get(lt_ctx *ctx, long long root, int year, int kind, long long variant, memo_text *out);
/* Keep a copy of the len bytes at text (nothing is said when it cannot). */
void memo_text_put(lt_ctx *ctx, long long root, int year, int kind, long long variant, const char *text,
                   size_t len);
void memo_text_free(memo_text *t);

/* The audit log, newest first, filtered by actor, entity and date range
** (each NULL or "" for any).  Columns: id, actor, at, action, entity,
** entity_id, before, after. */
int q_audit(lt_ctx *ctx, const char *actor, const char *entity, const char *from,
            const char *to, int limit, int offset, dom_rows *out, lt_err *e);

/* The audit log for reading (an admin's page), newest first: who (words of
** the actor's login or of their person's name, without diacritics), kind (a
** group of entities: registration with its items, unit with its letterhead,
** person, account, topic with the year setup, deployment with the mass
** one, inspection with its follow-ups, model with commendations, standard,
** breakthrough, report_text), from/to (ISO days in Vietnam's time); each
** NULL or "" for any.  Columns: id, at, actor, actor_name (their person's
** full name, or ""), action, entity, entity_id, target (the record's name:
** a person, a unit, a title or a login), target_year (a registration's),
** reg_id, person_code, unit_code, account_login (for links), before, after. */
typedef struct audit_filter {
    const char *who, *kind, *from, *to;
    int limit, offset;
} audit_filter;
int q_audit_list(lt_ctx *ctx, const audit_filter *f, dom_rows *out, lt_err *e);

/* The years set up or with a topic, newest first, a row per topic: year,
** registration_deadline, midyear_deadline, review_deadline (ISO or ""),
** title, unit_name, unit_code (its issuing unit; "" without a topic). */
int q_years(lt_ctx *ctx, dom_rows *out, lt_err *e);
/* One year's deadlines (ISO or ""): registration_deadline, key_deadline,
** midyear_deadline, review_deadline; no row when the year is not set up.
** The years set up or with a topic, newest first, once each: year,
** review_deadline.  (What a page asks every time: not every topic's text.) */
int q_year_deadlines(lt_ctx *ctx, int year, dom_rows *out, lt_err *e);
int q_year_list(lt_ctx *ctx, dom_rows *out, lt_err *e);

/* Units closed or merged in the actor's scope (scope.c), with those of
** their successors in it: code, name, kind, active_to, successors (their names). */
int q_units_closed(lt_ctx *ctx, dom_rows *out, lt_err *e);

/* Public (no login; only what is published): key cadres' published
** registrations in the subtree of root for year: id, code, full_name,
** position, unit_name, published_at; their items with
** q_registration_items.  Unit standards valid in year: unit_name, motto,
** items, adopted_on.  Commended models: year, title, description,
** subject, unit_name, contribution_vnd, level, decision_no. */
int q_public_registrations(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
int q_public_standards(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
int q_public_models(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
/* Published collective registrations of the subtree, an item a row: id,
** unit_name, published_at (dd/mm/yyyy), position, body, item_group, by
** unit. */
int q_public_collectives(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
/* Of the subtree of root in year's tree, up to year (newest first), for a
** report that quotes them: breakthroughs (year, unit_name, body, result)
** and inspections of its units (year, kind, held_on, unit_name,
** inspecting, content, conclusion). */
int q_subtree_breakthroughs(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
int q_subtree_inspections(lt_ctx *ctx, long long root, int year, dom_rows *out, lt_err *e);
/* The units merged into unit_id, by name: id, code, name, kind, merged_on,
** last_day (ISO dates), and founded (unit_id's own first day, ISO). */
int q_unit_predecessors(lt_ctx *ctx, long long unit_id, dom_rows *out, lt_err *e);

/* The records of one unit (not its subtree) for year: deployments
** (year, held_on, form, present, expected), inspections (id, kind, held_on,
** inspecting, content, conclusion, followups_open), standards, models,
** commendations, breakthroughs (id, body, result), open follow-ups of its
** inspections of any year (id, inspection_id, body, due_on), registrations
** of its people for the year (id, code, full_name). */
int q_unit_records(lt_ctx *ctx, long long unit_id, int year, const char *what, dom_rows *out,
                   lt_err *e);

/* ---- citizens' comments on published registrations (comment.c) --------- */
/* Bounds in characters; comments one address may send in an hour. */
#define COMMENT_NAME_CHARS 100
#define COMMENT_PLACE_CHARS 100
#define COMMENT_BODY_CHARS 2000
#define COMMENT_PER_HOUR 5
#define COMMENT_TOKEN 64 /* room for a question's token, NUL included */
/* A comment as a visitor sends it: the form's fields ten, noi_o, y_kien,
** and the question's token (cau_hoi) and answer (tra_loi_cau_hoi). */
typedef struct comment_in { const char *name, *place, *body, *token, *answer; } comment_in;
/* A question against robots for a form: its token (for a hidden field)
** and its words (lent, static). */
void comment_question(char token[COMMENT_TOKEN], const char **vi, const char **en);
/* The words of a token's question (lent, static), or NULL for a token we
** did not make or that is too old. */
int comment_question_of(const char *token, const char **vi, const char **en);
/* A comment's fields and its answer to the question checked: LT_EINPUT
** naming the field ("ten: ...") otherwise.  No database needed. */
int comment_check(const comment_in *c, lt_err *e);
/* Add a checked comment, waiting, to published registration reg_id, from
** address addr (at most COMMENT_PER_HOUR an hour); audited. */
int comment_add(lt_ctx *ctx, long long reg_id, const comment_in *c, const char *addr, long long *id,
                lt_err *e);
/* Moderation by an officer of the registration's unit or above, or an
** admin; audited.  Approve (shown publicly), hide, or answer (the answer
** is shown with the comment once it is approved). */
int comment_approve(lt_ctx *ctx, long long id, lt_err *e);
int comment_hide(lt_ctx *ctx, long long id, lt_err *e);
int comment_answer(lt_ctx *ctx, long long id, const char *answer, lt_err *e);
/* Approved comments of a published registration (id, author, place, body,
** created_at dd/mm/yyyy, answer, answered_at). */
int q_comments_public(lt_ctx *ctx, long long reg_id, dom_rows *out, lt_err *e);
/* Approved comments on person_id's registrations (year, and those above). */
int q_comments_of_person(lt_ctx *ctx, long long person_id, dom_rows *out, lt_err *e);
/* Comments of status ("waiting", "approved", "hidden") in the actor's
** scope, by unit then time: id, registration_id, year, full_name,
** unit_code, unit_name, author, place, body, created_at, status, answer. */
int q_comments_moderate(lt_ctx *ctx, const char *status, dom_rows *out, lt_err *e);
/* Per unit of the actor's scope with comments: unit_code, unit_name,
** waiting, approved. */
int q_comment_counts(lt_ctx *ctx, dom_rows *out, lt_err *e);
/* Comments waiting in the actor's scope (0 on any error). */
long comment_waiting_count(lt_ctx *ctx);

#endif
