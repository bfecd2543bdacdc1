/*
** unit_picker.c — units chosen by name, never by code.  The picker a form
** shows is a text box with a list of the units in reach, which a browser
** completes as one types: the list (/goi-y/don-vi, a province's 400 names)
** is fetched by a small script the first time the box is used, not sent
** with every page; without script the box is a plain text box.  The
** resolver turns what was typed (a name with or without diacritics,
** "name — the unit above", or a code) into one unit of the actor's part of
** the year's tree, or into a page that lists the units it could mean.
*/
#include "pages.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PICKER_LISTED 400  /* units a picker lists; more are found by typing */
#define CHOICES_SHOWN 30   /* units a "which one?" page lists */

/* The part of the year's tree the actor may pick from: its top index. */
static int picker_top(web_req *r, const unit_tree *t, long *top, lt_err *e) {
    *top = -1;
    if (scope_tree_top(&r->ctx, t, top, e)) return e->code;
    return LT_OK;
}

static int walk_scope(tree_walk *w, const unit_tree *t, long top) {
    return top >= 0 ? tree_walk_begin(w, t, top) : tree_walk_all(w, t);
}

/* Whether unit i of the tree is in the part below top (-1: all). */
static int in_part(const unit_tree *t, long top, long i) {
    if (top < 0) return 1;
    for (int depth = 0; i >= 0 && depth < 64; i = t->nodes[i].parent, depth++)
        if (i == top) return 1;
    return 0;
}

/* Is unit k's name shared by another unit of the part?  The units of that
** name come from the name's index and are each looked for in the part,
** rather than the part (a country, for an administrator) being read
** through.  A name carried by more than SHARED_MAX units counts as shared. */
#define SHARED_MAX 256
static int name_shared(web_req *r, const unit_tree *t, long top, long k) {
    long long ids[SHARED_MAX];
    int n = 0;
    lt_err ignored = {0};
    if (unit_namesakes(&r->ctx, t->nodes[k].id, ids, SHARED_MAX, &n, &ignored)) return 0;
    if (n > SHARED_MAX) return 1;
    for (int j = 0; j < n; j++) {
        long i = ids[j] == t->nodes[k].id ? -1 : tree_index(t, ids[j]);
        if (i >= 0 && in_part(t, top, i)) return 1;
    }
    return 0;
}

/* The label of unit k: its name, with the unit above when the name alone
** is shared ("Chi bộ Ấp 1 — Đảng ủy xã Tân Thiềng"). */
static void unit_label(const unit_tree *t, long k, int shared, char *out, size_t n) {
    const unit_node *u = &t->nodes[k];
    if (shared && u->parent >= 0) snprintf(out, n, "%s — %s", u->name, t->nodes[u->parent].name);
    else snprintf(out, n, "%s", u->name);
}

/* Does every word of folded text q occur in folded s? */
static int words_in(const char *q, const char *s) {
    char word[128];
    for (const char *p = q; *p;) {
        while (*p == ' ') p++;
        size_t n = strcspn(p, " ");
        if (n == 0) break;
        if (n >= sizeof word) return 0;
        memcpy(word, p, n);
        word[n] = 0;
        if (strcmp(word, "—") && strcmp(word, "-") && !strstr(s, word)) return 0;
        p += n;
    }
    return 1;
}

/* How unit k answers folded text q: 2 its name or label exactly, 1 every
** word in its name and the name above, 0 not. */
static int unit_answers(const unit_tree *t, long k, const char *q) {
    const unit_node *u = &t->nodes[k];
    char *name = text_fold_dup(u->name);
    char both[600];
    snprintf(both, sizeof both, "%s — %s", u->name, u->parent >= 0 ? t->nodes[u->parent].name : "");
    char *label = text_fold_dup(both);
    int how = 0;
    if (name && label) how = !strcmp(q, name) || !strcmp(q, label) ? 2 : words_in(q, label) ? 1 : 0;
    free(name);
    free(label);
    return how;
}

/* Is unit k inside the subtree of unit top (in t)? */
static int is_under(const unit_tree *t, long k, long top) {
    for (long i = k; i >= 0; i = t->nodes[i].parent)
        if (i == top) return 1;
    return 0;
}

int unit_pick(web_req *r, const char *text, int year, unit_choice *out, int max, int *n, lt_err *e) {
    *n = 0;
    const ind_result *yr;
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    const unit_tree *t = &yr->tree;
    long top;
    char *q = text_fold_dup(text);
    tree_walk w;
    int rc = picker_top(r, t, &top, e);
    if (rc == LT_OK && (!q || walk_scope(&w, t, top))) rc = lt_err_oom(e);
    if (rc) { free(q); ind_release(yr); return rc; }
    int best = 0, under_first = 1; /* every match so far lies under the first */
    long first = -1;
    for (long k; (k = tree_walk_next(&w)) >= 0;) {
        int how = strcmp(text, t->nodes[k].code) ? unit_answers(t, k, q) : 3; /* a code is exact */
        if (how == 0 || how < best) continue;
        if (how > best) { best = how; *n = 0; first = k; under_first = 1; }
        else under_first = under_first && is_under(t, k, first);
        if (*n < max) {
            unit_choice *c = &out[*n];
            snprintf(c->code, sizeof c->code, "%s", t->nodes[k].code);
            unit_label(t, k, 1, c->label, sizeof c->label);
        }
        (*n)++;
    }
    tree_walk_end(&w);
    if (*n > 1 && best == 1 && under_first) *n = 1; /* "tan thieng": the commune, not its cells */
    free(q);
    ind_release(yr);
    return LT_OK;
}

int unit_label_of(web_req *r, const char *code, int year, char *out, size_t n, lt_err *e) {
    snprintf(out, n, "%s", code);
    const ind_result *yr;
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    const unit_tree *t = &yr->tree;
    long top = -1, k = -1;
    lt_err ignored = {0};
    scope_tree_top(&r->ctx, t, &top, &ignored);
    long long id;
    if (unit_find(&r->ctx, code, &id, &ignored) == LT_OK) k = tree_index(t, id);
    if (k >= 0) unit_label(t, k, name_shared(r, t, top, k), out, n);
    ind_release(yr);
    return LT_OK;
}

/* A listed unit's name and place in the list, to find names listed twice. */
typedef struct named { const char *name; long at; } named;

static int by_name_cmp(const void *a, const void *b) {
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

/* The units a picker lists, added to names: the part's top, then level by
** level down, PICKER_LISTED at most (a commune's cells all; a province its
** districts and communes, the rest found by typing).  A name shared by two
** listed units carries the unit above. */
static void picker_options(json_t *names, const unit_tree *t, long top) {
    long *queue = malloc(PICKER_LISTED * sizeof *queue);
    if (!queue) return;
    long head = 0, tail = 0;
    if (top >= 0) queue[tail++] = top;
    else
        for (long i = 0; i < t->n && tail < PICKER_LISTED; i++)
            if (t->nodes[i].parent < 0) queue[tail++] = i;
    while (head < tail) {
        long k = queue[head++];
        for (long c = t->nodes[k].first_child; c >= 0 && tail < PICKER_LISTED; c = t->nodes[c].next_sibling)
            queue[tail++] = c;
    }
    named *by_name = malloc((size_t)(tail ? tail : 1) * sizeof *by_name);
    char *shared = calloc((size_t)(tail ? tail : 1), 1);
    if (!by_name || !shared) { free(queue); free(by_name); free(shared); return; }
    for (long i = 0; i < tail; i++) by_name[i] = (named){t->nodes[queue[i]].name, i};
    qsort(by_name, (size_t)tail, sizeof *by_name, by_name_cmp);
    for (long i = 1; i < tail; i++)
        if (!strcmp(by_name[i].name, by_name[i - 1].name)) shared[by_name[i].at] = shared[by_name[i - 1].at] = 1;
    for (long i = 0; i < tail; i++) {
        char label[600];
        unit_label(t, queue[i], shared[i], label, sizeof label);
        json_array_append_new(names, json_string(label));
    }
    free(by_name);
    free(shared);
    free(queue);
}

/* The units above the part's top, nearest last, added to names: where
** inspections and topics come from. */
static void picker_above(json_t *names, const unit_tree *t, long top) {
    long chain[32], n = 0;
    for (long k = top >= 0 ? t->nodes[top].parent : -1; k >= 0 && n < 32; k = t->nodes[k].parent) chain[n++] = k;
    while (n > 0) json_array_append_new(names, json_string(t->nodes[chain[--n]].name));
}

/* ---- a part's names, remembered for its tree ----------------------------
** The names depend only on the tree and the part's top: for an
** administrator 400 labelled names, sorted.  A tree's serial is never
** reused, so a kept list is never another tree's; a changed tree is a new
** one, and its old lists age out. */
#define PICKER_MEMO 16

static struct picker_memo {
    unsigned long long serial, last_use;
    long top;
    int above;
    char *json;
    size_t len;
} picker_memo[PICKER_MEMO];
static unsigned long long picker_clock;
static pthread_mutex_t picker_lock = PTHREAD_MUTEX_INITIALIZER;

/* The kept names of (serial, top, above) added to the answer: 1, else 0. */
static int picker_memo_out(web_req *r, unsigned long long serial, long top, int above) {
    int found = 0;
    pthread_mutex_lock(&picker_lock);
    for (int i = 0; i < PICKER_MEMO && !found; i++) {
        struct picker_memo *m = &picker_memo[i];
        if (m->json && m->serial == serial && m->top == top && m->above == above) {
            lt_buf_append(&r->out, m->json, m->len);
            m->last_use = ++picker_clock;
            found = 1;
        }
    }
    pthread_mutex_unlock(&picker_lock);
    return found;
}

/* Keep the names' JSON text (len bytes, given) of (serial, top, above), in
** place of the least recently used. */
static void picker_memo_keep(unsigned long long serial, long top, int above, char *json, size_t len) {
    pthread_mutex_lock(&picker_lock);
    struct picker_memo *m = &picker_memo[0];
    for (int i = 1; i < PICKER_MEMO; i++)
        if (picker_memo[i].last_use < m->last_use) m = &picker_memo[i];
    free(m->json);
    *m = (struct picker_memo){serial, ++picker_clock, top, above, json, len};
    pthread_mutex_unlock(&picker_lock);
}

/* The names of the part below top (-1: all) of tree t, and with above the
** units above it, as a JSON array in r's answer. */
static int picker_names(web_req *r, const unit_tree *t, long top, int above, lt_err *e) {
    r->ctype = "application/json; charset=utf-8";
    if (t->serial && picker_memo_out(r, t->serial, top, above)) return LT_OK;
    json_t *names = json_array();
    if (!names) return lt_err_oom(e);
    if (above) picker_above(names, t, top);
    picker_options(names, t, top);
    char *json = json_dumps(names, JSON_COMPACT);
    json_decref(names);
    if (!json) return lt_err_oom(e);
    size_t len = strlen(json);
    lt_buf_append(&r->out, json, len);
    if (t->serial) picker_memo_keep(t->serial, top, above, json, len);
    else free(json);
    return r->out.err ? lt_err_oom(e) : LT_OK;
}

int page_unit_names(web_req *r, lt_err *e) {
    const char *above = web_param_get(&r->query, "tren");
    int year = page_year(r);
    const ind_result *yr;
    if (ind_get(&r->ctx, year, year, &yr, e)) return e->code;
    long top = -1;
    int rc = scope_tree_top(&r->ctx, &yr->tree, &top, e);
    if (rc == LT_OK) rc = picker_names(r, &yr->tree, top, above && !strcmp(above, "1"), e);
    ind_release(yr);
    return rc;
}

void html_unit_picker(web_req *r, const char *field, const char *label, const char *code, int year, int above) {
    char current[600] = "";
    lt_err ignored = {0};
    if (code && *code) unit_label_of(r, code, year, current, sizeof current, &ignored);
    html_printf(r, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" list=\"%s-ds\" value=\"%s\""
                   " autocomplete=\"off\" placeholder=\"%s\" data-names=\"/goi-y/don-vi?nam=%d%s\"/>"
                   "<datalist id=\"%s-ds\"></datalist>", field, label, field, field, field, current,
                TR(r, "gõ tên đơn vị, vd: tan thieng", "type the unit's name, e.g. tan thieng"), year,
                above ? "&tren=1" : "", field);
    r->unit_picker = 1; /* html_end adds the script that fills the list */
}

/* The "which one?" page: each unit the text may mean, as a link to the
** same page with that unit. */
static void choose_page(web_req *r, const char *param, const char *text, const unit_choice *c, int n) {
    html_begin(r, TR(r, "Chọn đơn vị", "Choose the unit"));
    html_printf(r, "<p>%s “%s”. %s</p><ul class=\"found\">", TR(r, "Có nhiều đơn vị khớp với", "Several units match"),
                text, TR(r, "Hãy chọn một:", "Choose one:"));
    for (int i = 0; i < n && i < CHOICES_SHOWN; i++) {
        html_printf(r, "<li><a href=\"%s?", r->path);
        for (int j = 0; j < r->query.n; j++)
            if (strcmp(r->query.v[j].name, param))
                html_printf(r, "%U=%U&amp;", r->query.v[j].name, r->query.v[j].value);
        html_printf(r, "%U=%U\">%s</a></li>", param, c[i].code, c[i].label);
    }
    html_raw(r, "</ul>");
    if (n > CHOICES_SHOWN)
        html_printf(r, "<p>%s %N %s</p>", TR(r, "Và", "And"), (long long)(n - CHOICES_SHOWN),
                    TR(r, "đơn vị khác: hãy gõ rõ hơn.", "more: type more of the name."));
    html_end(r);
}

int web_unit_by_name(web_req *r, const char *param, int *answered, lt_err *e) {
    *answered = 0;
    const char *text = web_param_get(&r->query, param);
    if (!text || !*text) return LT_OK;
    unit_choice *c = malloc(CHOICES_SHOWN * sizeof *c);
    if (!c) return lt_err_oom(e);
    int n, rc = unit_pick(r, text, page_year(r), c, CHOICES_SHOWN, &n, e);
    if (rc == LT_OK && n == 0)
        rc = lt_err_set(e, LT_ENOTFOUND, "không tìm thấy đơn vị nào tên “%.200s” trong phạm vi của bạn",
                        "no unit named “%.200s” within your scope", text);
    else if (rc == LT_OK && n == 1)
        rc = web_param_replace(&r->query, param, c[0].code, e);
    else if (rc == LT_OK) {
        choose_page(r, param, text, c, n);
        *answered = 1;
    }
    free(c);
    return rc;
}
