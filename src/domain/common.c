/*
** common.c — what every domain file shares: the acting context, roles,
** the vocabularies (English codes and their Vietnamese names), audit
** snapshots and the permission checks.
*/
#include "domain_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pwd.h>
#include <pthread.h>

void ctx_init_cli(lt_ctx *ctx, lt_db *db) {
    memset(ctx, 0, sizeof *ctx);
    ctx->db = db;
    ctx->role = ROLE_ADMIN;
    const char *who = getenv("USER");
    if (!who || !*who) {
        struct passwd *pw = getpwuid(getuid());
        who = pw ? pw->pw_name : "unknown";
    }
    snprintf(ctx->actor, sizeof ctx->actor, "cli:%.100s", who);
}

static const char *const role_names[] = {"admin", "officer", "member", "viewer"};

const char *role_name(lt_role r) {
    return (unsigned)r < LT_ARRAY_LEN(role_names) ? role_names[r] : "?";
}

int role_parse(const char *s, lt_role *out) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(role_names); i++)
        if (strcmp(s, role_names[i]) == 0) { *out = (lt_role)i; return 0; }
    return -1;
}

/* ---- vocabularies ------------------------------------------------------ */
typedef struct vocab { const char *code, *vi, *alias1, *alias2; } vocab;

static const vocab unit_kinds[] = {
    {"central", "Trung ương", "Ban Chấp hành Trung ương", NULL},
    {"province", "Tỉnh ủy", "Đảng bộ tỉnh", NULL},
    {"district", "Huyện ủy", "Đảng bộ huyện", NULL},
    {"grassroots_committee", "Đảng bộ cơ sở", NULL, NULL},
    {"grassroots_cell", "Chi bộ cơ sở", NULL, NULL},
    {"cell", "Chi bộ trực thuộc", "Chi bộ", NULL},
    {"agency", "Cơ quan, đơn vị", "Cơ quan", "Đơn vị"},
    {"mass_org", "MTTQ, đoàn thể", "Đoàn thể", "MTTQ"},
    {NULL, NULL, NULL, NULL}};
static const vocab categories[] = {
    {"party_member", "Đảng viên", NULL, NULL},
    {"cadre", "Cán bộ", NULL, NULL},
    {"civil_servant", "Công chức", NULL, NULL},
    {"public_employee", "Viên chức", NULL, NULL},
    {"worker", "Người lao động", NULL, NULL},
    {"other", "Khác", NULL, NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab groups[] = {
    {"morality", "Đạo đức", "Tư tưởng, đạo đức", NULL},
    {"style", "Phong cách", NULL, NULL},
    {"working_manner", "Tác phong", "Tác phong, lề lối làm việc", "Lề lối làm việc"},
    {"expertise", "Chuyên môn", "Chuyên môn, nghiệp vụ", NULL},
    {"other", "Khác", NULL, NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab forms[] = {
    {"cell_meeting", "Sinh hoạt chi bộ", NULL, NULL},
    {"conference", "Hội nghị", NULL, NULL},
    {"integrated", "Lồng ghép", "Lồng ghép sinh hoạt", NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab grades[] = {
    {"excellent", "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành xuất sắc", NULL},
    {"good", "Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt", NULL},
    {"completed", "Hoàn thành nhiệm vụ", "Hoàn thành", NULL},
    {"not_completed", "Không hoàn thành nhiệm vụ", "Không hoàn thành", NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab genders[] = {
    {"male", "Nam", NULL, NULL},
    {"female", "Nữ", NULL, NULL},
    {"other", "Khác", NULL, NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab levels[] = {
    {"unit", "Đơn vị", NULL, NULL},
    {"grassroots", "Cơ sở", NULL, NULL},
    {"district", "Huyện", "Cấp huyện", NULL},
    {"province", "Tỉnh", "Cấp tỉnh", NULL},
    {"central", "Trung ương", NULL, NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab assessments[] = {
    {"done", "Hoàn thành", "Đã thực hiện", NULL},
    {"partly", "Thực hiện một phần", "Một phần", NULL},
    {"not_done", "Chưa thực hiện", "Không thực hiện", NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab account_roles[] = {
    {"admin", "Quản trị viên", NULL, NULL},
    {"officer", "Cán bộ quản lý", NULL, NULL},
    {"member", "Người đăng ký", NULL, NULL},
    {"viewer", "Người xem", NULL, NULL},
    {NULL, NULL, NULL, NULL}};
static const vocab account_states[] = {
    {"pending", "Chờ kích hoạt", NULL, NULL},
    {"active", "Đang dùng", NULL, NULL},
    {"disabled", "Đã khóa", NULL, NULL},
    {NULL, NULL, NULL, NULL}};

static const vocab inspection_kinds[] = {
    {"inspection", "Kiểm tra", NULL, NULL},
    {"supervision", "Giám sát", NULL, NULL},
    {NULL, NULL, NULL, NULL}};

/* Every code's English words, for the English pages (the codes are
** English, but not words a reader reads). */
static const struct { const char *code, *en; } english[] = {
    {"central", "Central"}, {"province", "Province"}, {"district", "District"},
    {"grassroots_committee", "Grassroots party committee"}, {"grassroots_cell", "Grassroots party cell"},
    {"cell", "Party cell"}, {"agency", "Agency or unit"}, {"mass_org", "Front or mass organisation"},
    {"party_member", "Party member"}, {"cadre", "Cadre"}, {"civil_servant", "Civil servant"},
    {"public_employee", "Public employee"}, {"worker", "Worker"}, {"other", "Other"},
    {"morality", "Morality"}, {"style", "Style"}, {"working_manner", "Working manner"},
    {"expertise", "Expertise"}, {"cell_meeting", "Cell meeting"}, {"conference", "Conference"},
    {"integrated", "Within other meetings"}, {"excellent", "Excellent"}, {"good", "Good"},
    {"completed", "Completed"}, {"not_completed", "Not completed"}, {"male", "Male"}, {"female", "Female"},
    {"unit", "Unit"}, {"grassroots", "Grassroots"}, {"done", "Done"}, {"partly", "Partly done"},
    {"not_done", "Not done"}, {"admin", "Administrator"}, {"officer", "Officer"}, {"member", "Member"},
    {"viewer", "Viewer"}, {"pending", "Waiting for activation"}, {"active", "Active"},
    {"disabled", "Disabled"}, {"inspection", "Inspection"}, {"supervision", "Supervision"},
};

const char *vocab_label_en(const char *code) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(english); i++)
        if (strcmp(english[i].code, code) == 0) return english[i].en;
    return code;
}

/* The folds of every vocabulary word, made once (ICU folding is not free
** and an import asks for them on every row). */
static struct { const char *word; char *fold; } folds[128];
static int nfolds;
static pthread_once_t folds_once = PTHREAD_ONCE_INIT;

static void fold_word(const char *w) {
    if (w && nfolds < (int)LT_ARRAY_LEN(folds)) {
        folds[nfolds].word = w;
        folds[nfolds++].fold = text_fold_dup(w);
    }
}

static void folds_init(void) {
    static const vocab *const all[] = {unit_kinds, categories, groups, forms, grades, genders,
                                       levels, assessments};
    for (unsigned i = 0; i < LT_ARRAY_LEN(all); i++)
        for (const vocab *p = all[i]; p->code; p++) {
            fold_word(p->vi);
            fold_word(p->alias1);
            fold_word(p->alias2);
        }
}

/* Does the folded input equal the fold of candidate (a vocabulary word)?
** A fold that could not be made once (no memory) is made now; *oom is set
** when even that fails. */
static int fold_eq(const char *folded, const char *candidate, int *oom) {
    if (!candidate) return 0;
    pthread_once(&folds_once, folds_init);
    for (int i = 0; i < nfolds; i++) {
        if (folds[i].word != candidate) continue;
        if (folds[i].fold) return strcmp(folds[i].fold, folded) == 0;
        char *f = text_fold_dup(candidate);
        if (!f) { *oom = 1; return 0; }
        int eq = strcmp(f, folded) == 0;
        free(f);
        return eq;
    }
    return 0;
}

/* The last word each thread looked up in each vocabulary, and what it
** gave: an import asks for the same few words on every row.  One slot a
** vocabulary (there are eight), taken at its first use. */
typedef struct vocab_seen { const vocab *v; const char *found; char word[40]; } vocab_seen;
static _Thread_local vocab_seen seen[8];

static vocab_seen *seen_of(const vocab *v) {
    unsigned i = 0;
    while (i < LT_ARRAY_LEN(seen) - 1 && seen[i].v && seen[i].v != v) i++;
    if (seen[i].v != v)   /* a new slot (or, were there more, the last one shared) */
        seen[i] = (vocab_seen){v, NULL, ""};   /* "" is no word of any vocabulary */
    return &seen[i];
}

static const char *vocab_parse(const vocab *v, const char *s) {
    if (!s) return NULL;
    for (const vocab *p = v; p->code; p++)
        if (strcmp(s, p->code) == 0) return p->code;
    vocab_seen *last = seen_of(v);
    if (strcmp(last->word, s) == 0) return last->found;
    char *f = text_fold_dup(s);
    if (!f) return NULL;
    const char *found = NULL;
    int oom = 0;
    for (const vocab *p = v; p->code && !found; p++)
        if (fold_eq(f, p->vi, &oom) || fold_eq(f, p->alias1, &oom) ||
            fold_eq(f, p->alias2, &oom) || strcmp(f, p->code) == 0)
            found = p->code;
    free(f);
    if (!oom && strlen(s) < sizeof last->word) {  /* an answer cut short by memory is not kept */
        last->found = found;
        strcpy(last->word, s);
    }
    return found;
}

const char *unit_kind_parse(const char *s) { return vocab_parse(unit_kinds, s); }
const char *person_category_parse(const char *s) { return vocab_parse(categories, s); }
const char *item_group_parse(const char *s) { return vocab_parse(groups, s); }
const char *deployment_form_parse(const char *s) { return vocab_parse(forms, s); }
const char *grade_parse(const char *s) { return vocab_parse(grades, s); }
const char *gender_parse(const char *s) { return vocab_parse(genders, s); }
const char *level_parse(const char *s) { return vocab_parse(levels, s); }
const char *assessment_parse(const char *s) { return vocab_parse(assessments, s); }

const char *vocab_label_vi(const char *code) {
    static const vocab *const all[] = {unit_kinds, categories, groups, forms, grades, genders,
                                       levels, assessments, account_states, account_roles, inspection_kinds};
    for (unsigned i = 0; i < LT_ARRAY_LEN(all); i++)
        for (const vocab *p = all[i]; p->code; p++)
            if (strcmp(p->code, code) == 0) return p->vi;
    return code;
}

/* 1, 0 or -1 for a folded word (bool_parse). */
static int bool_word(const char *f) {
    static const char *const yes[] = {"x", "co", "1", "yes", "true", "y"};
    static const char *const no[] = {"", "khong", "0", "no", "false", "n"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(yes); i++)
        if (strcmp(f, yes[i]) == 0) return 1;
    for (unsigned i = 0; i < LT_ARRAY_LEN(no); i++)
        if (strcmp(f, no[i]) == 0) return 0;
    return -1;
}

int bool_parse(const char *s) {
    /* a short word of ASCII letters and digits folds to itself in lower
    ** case: no fold, no allocation (an import asks twice a row) */
    char small[8];
    size_t n = 0;
    if (!s) s = "";
    for (; n < sizeof small - 1; n++) {
        unsigned char c = (unsigned char)s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) break;
        small[n] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    small[n] = 0;
    if (!s[n]) return bool_word(small);
    char *f = text_fold_dup(s);
    if (!f) return -1;
    int r = bool_word(f);
    free(f);
    return r;
}

int unit_kind_is_party_org(const char *kind) {
    return strcmp(kind, "grassroots_committee") == 0 || strcmp(kind, "grassroots_cell") == 0 ||
           strcmp(kind, "cell") == 0;
}

/* ---- audit --------------------------------------------------------------- */
int dom_snapshot(lt_ctx *ctx, const char *table, long long id, char **out, lt_err *e) {
    return db_row_json(ctx->db, table, id, out, e);
}

int dom_audit(lt_ctx *ctx, const char *action, const char *table, long long id,
              char *before, lt_err *e) {
    char *after = NULL;
    int rc = strcmp(action, "delete") == 0 ? LT_OK : dom_snapshot(ctx, table, id, &after, e);
    if (rc == LT_OK) rc = db_audit(ctx->db, ctx->actor, action, table, id, before, after, e);
    free(before);
    free(after);
    return rc;
}

/* ---- permissions ------------------------------------------------------- */
int dom_can_write_unit(lt_ctx *ctx, long long unit_id, lt_err *e) {
    if (ctx->role == ROLE_ADMIN) return LT_OK;
    if (ctx->role == ROLE_OFFICER && unit_in_subtree(ctx, unit_id, ctx->scope_unit))
        return LT_OK;
    return lt_err_set(e, LT_EREFUSED, "bạn không có quyền thay đổi dữ liệu của đơn vị này",
                      "you may not change this unit's records");
}

/* Run the final step of a write: commit on success, roll back otherwise. */
int dom_finish(lt_ctx *ctx, int rc, lt_err *e) {
    if (rc == LT_OK) return db_commit(ctx->db, e);
    db_rollback(ctx->db);
    return rc;
}

int dom_check_birth(const char *s, char out[11], lt_err *e) {
    char today[11];
    long y;
    lt_today(today);
    if (s && strlen(s) == 4 && lt_parse_long(s, 1900, atoi(today), &y) == 0) {
        snprintf(out, 11, "%ld", y);
        return LT_OK;
    }
    return dom_check_date(s, "ngay_sinh", out, e);
}

int dom_check_date(const char *s, const char *field, char out[11], lt_err *e) {
    if (!s || lt_parse_date(s, out))
        return lt_err_set(e, LT_EINPUT, "%s: ngày không hợp lệ \"%s\" (dd/mm/yyyy)",
                          "%s: invalid date \"%s\" (dd/mm/yyyy)", field, s ? s : "");
    return LT_OK;
}

/* The check of every stored text field: present when required, at most
** max bytes, and only what free text may hold (text.h: text_check_free,
** multi-line or one line); the message names the field, the refused
** character and its position in characters. */
static int check_text(const char *s, const char *field, size_t max, int required, int multiline,
                      lt_err *e) {
    if (!s || !*s) {
        if (!required) return LT_OK;
        return lt_err_set(e, LT_EINPUT, "%s: không được để trống", "%s: must not be empty",
                          field);
    }
    size_t n = strlen(s);
    if (n > max)
        return lt_err_set(e, LT_EINPUT, "%s: dài quá %zu byte", "%s: longer than %zu bytes",
                          field, max);
    long pos = 0;
    uint32_t cp = 0;
    switch (text_check_free(s, n, multiline, &pos, &cp)) {
    case TEXT_FREE_OK:
        return LT_OK;
    case TEXT_FREE_UTF8:
        return lt_err_set(e, LT_EINPUT, "%s: không phải UTF-8 hợp lệ (byte 0x%02X ở vị trí %ld)",
                          "%s: not valid UTF-8 (byte 0x%02X at position %ld)", field, (unsigned)cp, pos);
    case TEXT_FREE_BREAK:
        return lt_err_set(e, LT_EINPUT, "%s: phải viết trên một dòng, không xuống dòng, không tab "
                          "(U+%04X ở vị trí %ld)", "%s: must be one line, without line breaks or tabs "
                          "(U+%04X at position %ld)", field, (unsigned)cp, pos);
    case TEXT_FREE_NONCHAR:
        return lt_err_set(e, LT_EINPUT, "%s: nội dung có ký tự không hợp lệ (U+%04X) ở vị trí %ld",
                          "%s: the text contains a non-character (U+%04X) at position %ld", field,
                          (unsigned)cp, pos);
    default:
        return lt_err_set(e, LT_EINPUT, "%s: nội dung có ký tự điều khiển không được phép (U+%04X) "
                          "ở vị trí %ld", "%s: the text contains a control character that is not "
                          "allowed (U+%04X) at position %ld", field, (unsigned)cp, pos);
    }
}

int dom_check_text(const char *s, const char *field, size_t max, int required, lt_err *e) {
    return check_text(s, field, max, required, 1, e);
}

int dom_check_line(const char *s, const char *field, size_t max, int required, lt_err *e) {
    return check_text(s, field, max, required, 0, e);
}

/* Is c one of the characters a code may hold? */
static int code_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

int dom_check_code(const char *s, const char *field, lt_err *e) {
    if (check_text(s, field, DOM_MAX_CODE, 1, 0, e)) return LT_EINPUT;
    size_t n = strlen(s), i = 0;
    long pos = 1;
    while (i < n && code_char(s[i])) { i++; pos++; }
    if (i < n) {
        size_t at = i;
        uint32_t cp = text_utf8_next(s, n, &i);
        return lt_err_set(e, LT_EINPUT, "%s: mã chỉ được gồm chữ cái không dấu A-Z, a-z, chữ số và "
                          "- _ . ; không được có \"%.*s\" (U+%04X) ở vị trí %ld", "%s: a code may hold only "
                          "the letters A-Z, a-z, digits and - _ . ; not \"%.*s\" (U+%04X) at position %ld",
                          field, (int)(i - at), s + at, (unsigned)cp, pos);
    }
    if (n > DOM_CODE_CHARS)
        return lt_err_set(e, LT_EINPUT, "%s: mã dài quá %d ký tự", "%s: a code is at most %d characters",
                          field, DOM_CODE_CHARS);
    return LT_OK;
}

int dom_check_year(int year, lt_err *e) {
    if (year < 1990 || year > 2100)
        return lt_err_set(e, LT_EINPUT, "năm %d nằm ngoài 1990–2100",
                          "year %d is outside 1990–2100", year);
    return LT_OK;
}
