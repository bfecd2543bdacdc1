/*
** pages.h — private to src/web: the handlers the route table names, and
** small helpers the page files share.
*/
#ifndef LT_PAGES_H
#define LT_PAGES_H

#include "web.h"

/* auth and home (page_auth.c) */
int page_home(web_req *r, lt_err *e);
int page_login_form(web_req *r, lt_err *e);
int page_login(web_req *r, lt_err *e);
int page_logout(web_req *r, lt_err *e);
int page_password_form(web_req *r, lt_err *e);
int page_accounts(web_req *r, lt_err *e);
int page_account(web_req *r, lt_err *e);
int page_account_role(web_req *r, lt_err *e);
int page_account_reset(web_req *r, lt_err *e);
int page_account_disable(web_req *r, lt_err *e);
int page_unit_accounts(web_req *r, lt_err *e);
int page_password(web_req *r, lt_err *e);
int page_mine(web_req *r, lt_err *e);
/* dashboard (page_dashboard.c) */
int page_dashboard(web_req *r, lt_err *e);
int page_todo(web_req *r, lt_err *e);
/* units and their records (page_units.c) */
int page_units(web_req *r, lt_err *e);
int page_unit(web_req *r, lt_err *e);
int page_unit_deploy(web_req *r, lt_err *e);
int page_unit_deploy_all(web_req *r, lt_err *e);
int page_unit_mass(web_req *r, lt_err *e);
int page_unit_standard(web_req *r, lt_err *e);
int page_unit_letterhead(web_req *r, lt_err *e);
int page_report_texts(web_req *r, lt_err *e);
int page_report_texts_save(web_req *r, lt_err *e);
int page_unit_inspection(web_req *r, lt_err *e);
int page_unit_followup(web_req *r, lt_err *e);
int page_unit_followup_done(web_req *r, lt_err *e);
int page_unit_model(web_req *r, lt_err *e);
int page_unit_breakthrough(web_req *r, lt_err *e);
int page_year_setup(web_req *r, lt_err *e);
int page_year_save(web_req *r, lt_err *e);
/* people (page_people.c) */
int page_people(web_req *r, lt_err *e);
int page_person(web_req *r, lt_err *e);
int page_person_register(web_req *r, lt_err *e);
int page_person_move(web_req *r, lt_err *e);
int page_person_leave(web_req *r, lt_err *e);
int page_unit_take_in(web_req *r, lt_err *e);
int api_person_move(web_req *r, lt_err *e);
/* registrations (page_people.c) */
int page_registration(web_req *r, lt_err *e);
int page_reg_item(web_req *r, lt_err *e);
int page_reg_submit(web_req *r, lt_err *e);
int page_reg_approve(web_req *r, lt_err *e);
int page_reg_return(web_req *r, lt_err *e);
int page_reg_publish(web_req *r, lt_err *e);
int page_reg_assess(web_req *r, lt_err *e);
int page_reg_evaluate(web_req *r, lt_err *e);
/* collective registrations (page_collective.c) */
int page_collective(web_req *r, lt_err *e);
int page_coll_create(web_req *r, lt_err *e);
int page_coll_item(web_req *r, lt_err *e);
int page_coll_submit(web_req *r, lt_err *e);
int page_coll_approve(web_req *r, lt_err *e);
int page_coll_return(web_req *r, lt_err *e);
int page_coll_publish(web_req *r, lt_err *e);
int page_coll_assess(web_req *r, lt_err *e);
int page_coll_evaluate(web_req *r, lt_err *e);
int page_coll_print(web_req *r, lt_err *e);
/* documents: report downloads, printable forms, the public bulletin (page_documents.c) */
int page_report_download(web_req *r, lt_err *e);
int page_reg_print(web_req *r, lt_err *e);
int page_public_bulletin(web_req *r, lt_err *e);
int page_public_bulletin_audio(web_req *r, lt_err *e);
/* the bulletin's audio, made once and kept within bounds (bulletin_cache.c) */
/* Does unit_id's subtree have a key cadre's registration published for
** year (anything for its bulletin to say)?  Sets *has. */
int bulletin_has_content(lt_ctx *ctx, long long unit_id, int year, int *has, lt_err *e);
/* Append the bulletin's MP3 of unit (id and code) for year to out: from
** the server's cache, or rendered now and kept.  LT_ENOTFOUND when there
** is nothing to say (nothing is rendered), LT_EBUSY when as many
** renderings as allowed are running. */
int bulletin_cache_mp3(lt_ctx *ctx, long long unit_id, const char *unit_code, int year, lt_buf *out,
                       lt_err *e);
/* import, export, audit (page_admin.c) */
int page_import_form(web_req *r, lt_err *e);
int page_import_template(web_req *r, lt_err *e);
int page_import_check(web_req *r, lt_err *e);
int page_import_confirm(web_req *r, lt_err *e);
int page_export(web_req *r, lt_err *e);
int page_audit(web_req *r, lt_err *e);
/* "LABEL (year Y) — download: Excel · CSV", links to /xuat/KIND with the
** page's unit and year (NULL or "", 0: none). */
void page_export_links(web_req *r, const char *label, const char *kind, const char *unit, int year);
/* Who did something, as readers read it: the office for "cli:..." actors,
** else their person's name when known (name), else the login (lent). */
const char *page_actor_label(web_req *r, const char *actor, const char *name);
/* public (page_public.c) */
int page_public_index(web_req *r, lt_err *e);
int page_public_registrations(web_req *r, lt_err *e);
int page_public_standards(web_req *r, lt_err *e);
int page_public_models(web_req *r, lt_err *e);
int page_public_collectives(web_req *r, lt_err *e);
/* A collective registration item's group (topic, breakthrough, other) in the page's language. */
const char *page_coll_group(web_req *r, const char *g);
int page_public_registration(web_req *r, lt_err *e);
/* citizens' comments (page_comments.c) */
int page_comment_send(web_req *r, lt_err *e);
int page_comments(web_req *r, lt_err *e);
int page_comment_approve(web_req *r, lt_err *e);
int page_comment_hide(web_req *r, lt_err *e);
int page_comment_answer(web_req *r, lt_err *e);
/* Parts of other pages: a person's approved comments, the counts per unit. */
int page_comments_of_person(web_req *r, long long person_id, lt_err *e);
/* Approved comments (q_comments_public or q_comments_of_person rows) with
** their answers, under a heading of that level; nothing when none. */
void html_comments(web_req *r, const dom_rows *c, int level);
int page_comment_counts(web_req *r, lt_err *e);
int page_static(web_req *r, lt_err *e);
/* ops.c: health for monitors, metrics for Prometheus */
int page_healthz(web_req *r, lt_err *e);
int page_metrics(web_req *r, lt_err *e);
/* API (api.c) */
int api_index(web_req *r, lt_err *e);
int api_session_get(web_req *r, lt_err *e);
int api_session_login(web_req *r, lt_err *e);
int api_session_logout(web_req *r, lt_err *e);
int api_indicators(web_req *r, lt_err *e);
int api_units(web_req *r, lt_err *e);
int api_people(web_req *r, lt_err *e);
int api_person(web_req *r, lt_err *e);
int api_person_register(web_req *r, lt_err *e);
int api_registration(web_req *r, lt_err *e);
int api_reg_action(web_req *r, lt_err *e);
int api_missing(web_req *r, lt_err *e);
int api_audit(web_req *r, lt_err *e);
int api_public_registrations(web_req *r, lt_err *e);

/* shared helpers (page_common.c) */
/* The year asked for (?nam / ?year), else the latest year with a topic,
** never after this one (before any: last year). */
int page_year(web_req *r);
/* Today as dd/mm/yyyy, for a form's date field. */
void page_today(char out[11]);
/* The unit asked for (?don_vi / ?unit), else the actor's scope unit, else
** the default top unit of the year's tree; fills id and the lent code in
** a buffer.  LT_ENOTFOUND when there is none. */
int page_unit_arg(web_req *r, int year, long long *id, char code[64], lt_err *e);
/* Unit id's name in year's tree (else its name as it is), in name. */
int page_unit_name(web_req *r, long long id, int year, char name[256], lt_err *e);
/* ---- units by name (unit_picker.c) ---- */
typedef struct unit_choice { char code[64]; char label[600]; } unit_choice;
/* The units of the actor's part of year's tree that text names (a code,
** a name with or without diacritics, "name — the unit above"): *n of
** them, the first max in out; exact names win over partial ones. */
int unit_pick(web_req *r, const char *text, int year, unit_choice *out, int max, int *n, lt_err *e);
/* The label a picker shows for unit code: its name, with the unit above
** when the name is shared within the actor's part. */
int unit_label_of(web_req *r, const char *code, int year, char *out, size_t n, lt_err *e);
/* A labelled text box for a unit, holding code's label, whose list of the
** units in reach the browser completes from (and, if above, the units
** above them: who inspects, who sets a topic), fetched when it is used. */
void html_unit_picker(web_req *r, const char *field, const char *label, const char *code, int year, int above);
/* GET /goi-y/don-vi?nam=Y[&tren=1]: the names a picker lists, a JSON array. */
int page_unit_names(web_req *r, lt_err *e);
/* The years still open for work, newest first (at most max): those set up
** from last year on, and any whose review deadline has not passed. */
int page_open_years(web_req *r, int *years, int max);
/* A vocabulary code (kind, category, group, grade, role...) in the page's
** language. */
const char *vocab_word(web_req *r, const char *code);
/* A form field, trimmed; "" if absent (lent). */
const char *form(web_req *r, const char *name);
/* The year field `name` of a form; LT_EINPUT naming it. */
int form_year(web_req *r, const char *name, int *year, lt_err *e);
/* A whole-number field ("45.000.000" as well); LT_EINPUT naming it. */
int form_count(web_req *r, const char *name, long *v, lt_err *e);
/* The registration id in args[0]. */
long long page_reg_id(web_req *r);
/* The label of a registration status in the user's language. */
const char *status_label(web_req *r, const char *status);

#endif
