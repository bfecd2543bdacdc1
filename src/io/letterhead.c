/*
** letterhead.c — the Party's letterhead and signature block (Hướng dẫn
** 36-HD/VPTW, DESIGN §9, reference/party-documents.md) of a unit in a
** year's tree: the organisation above it ("ĐẢNG BỘ HUYỆN CHỢ LÁCH") over
** the issuing committee ("ĐẢNG ỦY XÃ TÂN THIỀNG") and "*", the number
** line "Số 12-BC/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM", the place and date
** ("Tân Thiềng, ngày 05 tháng 12 năm 2020"), "Nơi nhận:" and the block
** ("T/M ĐẢNG ỦY" / "BÍ THƯ" / the signer's name).
**
** Names are read by their first words, without diacritics: "Huyện ủy X"
** and "Đảng bộ huyện X" are the same committee, whose organisation is
** "Đảng bộ huyện X" and whose place is X.  What a unit stores of its own
** (unit_letterhead: abbreviation, place, signer) wins over what is read.
** Assumed where the guide is silent: a cell's place is its committee's;
** a unit that is not a Party organisation (an agency, a mass organisation)
** keeps the State's header, as its own documents do.
*/
#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A way a Party organisation's name begins. */
typedef struct org_form {
    const char *fold;          /* the first words, folded */
    const char *committee;     /* the committee that issues: "Huyện ủy" */
    const char *organisation;  /* the organisation it leads: "Đảng bộ huyện" */
    const char *abbr;          /* the issuer's abbreviation */
    const char *locality;      /* what follows is a place name, of this kind ("huyện"), or NULL */
} org_form;

static const org_form org_forms[] = {
    {"ban chap hanh trung uong", "Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương", "TW", NULL},
    {"tinh uy", "Tỉnh ủy", "Đảng bộ tỉnh", "TU", "tỉnh"},
    {"dang bo tinh", "Tỉnh ủy", "Đảng bộ tỉnh", "TU", "tỉnh"},
    {"thanh uy", "Thành ủy", "Đảng bộ thành phố", "TU", "thành phố"},
    {"dang bo thanh pho", "Thành ủy", "Đảng bộ thành phố", "TU", "thành phố"},
    {"huyen uy", "Huyện ủy", "Đảng bộ huyện", "HU", "huyện"},
    {"dang bo huyen", "Huyện ủy", "Đảng bộ huyện", "HU", "huyện"},
    {"quan uy", "Quận ủy", "Đảng bộ quận", "QU", "quận"},
    {"dang bo quan", "Quận ủy", "Đảng bộ quận", "QU", "quận"},
    {"thi uy", "Thị ủy", "Đảng bộ thị xã", "TX", "thị xã"},
    {"dang bo thi xa", "Thị ủy", "Đảng bộ thị xã", "TX", "thị xã"},
    {"dang uy", "Đảng ủy", "Đảng bộ", "ĐU", NULL},
    {"dang bo", "Đảng ủy", "Đảng bộ", "ĐU", NULL},
    {"chi bo", "Chi bộ", "Chi bộ", "CB", NULL},
};

/* Words that begin a commune's or ward's name after "Đảng bộ", folded,
** and as a station's name writes them. */
static const char *const commune_words[] = {"xa ", "phuong ", "thi tran ", "dac khu "};
static const char *const commune_kinds[] = {"xã", "phường", "thị trấn", "đặc khu"};

static int is_committee(const char *kind) {
    return !strcmp(kind, "central") || !strcmp(kind, "province") || !strcmp(kind, "district") ||
           !strcmp(kind, "grassroots_committee");
}

static int is_cell(const char *kind) { return !strcmp(kind, "cell") || !strcmp(kind, "grassroots_cell"); }

/* Does folded text begin with the words w (a whole word at its end)? */
static int starts_words(const char *folded, const char *w) {
    size_t n = strlen(w);
    return !strncmp(folded, w, n) && (folded[n] == ' ' || !folded[n]);
}

/* The text after the first n words of s ("" when none are left). */
static const char *after_words(const char *s, int n) {
    for (; n > 0 && *s; n--) {
        const char *sp = strchr(s, ' ');
        s = sp ? sp + 1 : s + strlen(s);
    }
    return s;
}

static int words_in(const char *s) {
    int n = 1;
    for (; *s; s++) n += *s == ' ';
    return n;
}

/* The form of name, and the rest of it after the form's words (*rest);
** NULL when the name is not one of a Party organisation's. */
static const org_form *org_form_of(const char *name, const char **rest) {
    char *fold = text_fold_dup(name);
    const org_form *f = NULL;
    for (unsigned i = 0; fold && !f && i < LT_ARRAY_LEN(org_forms); i++)
        if (starts_words(fold, org_forms[i].fold)) f = &org_forms[i];
    free(fold);
    if (f) *rest = after_words(name, words_in(f->fold));
    return f;
}

/* The locality name is of: its kind (*kind: "huyện", "xã") and its place
** name (*place, within name: "Chợ Lách"); 0 when it names none. */
static int locality_of(const char *name, const char **kind, const char **place) {
    const char *rest = "";
    const org_form *f = org_form_of(name, &rest);
    if (!f || !*rest) return 0;
    if (f->locality) { *kind = f->locality; *place = rest; return 1; }
    char *fold = text_fold_dup(rest);
    int found = 0;
    for (unsigned i = 0; fold && !found && i < LT_ARRAY_LEN(commune_words); i++)
        if (!strncmp(fold, commune_words[i], strlen(commune_words[i]))) {
            *kind = commune_kinds[i];
            *place = after_words(rest, words_in(commune_words[i]) - 1);
            found = 1;
        }
    free(fold);
    return found;
}

/* A place name read from a committee's name ("Huyện ủy Chợ Lách": Chợ
** Lách; "Đảng bộ xã Tân Thiềng": Tân Thiềng; the Central Committee's: Hà
** Nội), or NULL. */
static char *place_in_name(report_doc *d, const char *name) {
    const char *rest = "", *kind, *place;
    const org_form *f = org_form_of(name, &rest);
    if (f && !strcmp(f->abbr, "TW")) return "Hà Nội";
    return locality_of(name, &kind, &place) ? lt_arena_strdup(&d->mem, place) : NULL;
}

/* The words of line before the place name that the unit's name gives
** (where a line that cannot fit breaks: "ĐẢNG ỦY THỊ TRẤN / CHỢ LÁCH"), 0
** when it names no place. */
static int lead_words(const char *line, const char *unit_name) {
    const char *kind, *place;
    if (!*line || !locality_of(unit_name, &kind, &place) || !*place) return 0;
    int lead = words_in(line) - words_in(place);
    return lead > 0 ? lead : 0;
}

int unit_locality(const char *name, char *out, size_t n) {
    const char *kind, *place;
    *out = 0;
    if (!locality_of(name, &kind, &place)) return 0;
    snprintf(out, n, "%s %s", kind, place);
    return 1;
}

/* The committee that issues for unit u ("Đảng ủy xã Tân Thiềng"), or for
** a cell its own name without the commune its committee already names. */
static char *issuer_name(report_doc *d, const unit_tree *t, const unit_node *u) {
    const char *rest = "";
    const org_form *f = is_committee(u->kind) ? org_form_of(u->name, &rest) : NULL;
    if (f) return *rest ? doc_fmt(d, "%s %s", f->committee, rest) : lt_arena_strdup(&d->mem, f->committee);
    const char *comma = strrchr(u->name, ',');
    if (is_cell(u->kind) && comma && u->parent >= 0) {
        char *tail = text_fold_dup(comma + 1), *above = text_fold_dup(t->nodes[u->parent].name);
        const char *t0 = tail;
        while (t0 && *t0 == ' ') t0++;
        int named = tail && above && *t0 && strstr(above, t0) != NULL;
        free(tail);
        free(above);
        if (named) return doc_fmt(d, "%.*s", (int)(comma - u->name), u->name);
    }
    return lt_arena_strdup(&d->mem, u->name);
}

/* The organisation above u as the first line ("Đảng bộ huyện Chợ Lách"),
** "" for a province (under the Central Committee) or a root. */
static char *superior_name(report_doc *d, const unit_tree *t, const unit_node *u) {
    if (u->parent < 0) return "";
    const unit_node *p = &t->nodes[u->parent];
    if (!strcmp(p->kind, "central")) return "";
    const char *rest = "";
    const org_form *f = org_form_of(p->name, &rest);
    if (f && strcmp(f->abbr, "CB") && *rest) return doc_fmt(d, "%s %s", f->organisation, rest);
    return lt_arena_strdup(&d->mem, p->name);
}

/* The place of unit idx: its own stored, else read from its name when it
** is a committee, else its committee's (up the tree); "" when none. */
static char *place_of(lt_ctx *ctx, report_doc *d, const unit_tree *t, long idx, lt_err *e) {
    for (long k = idx; k >= 0; k = t->nodes[k].parent) {
        unit_letterhead own;
        if (unit_letterhead_get(ctx, t->nodes[k].id, &own, e)) { d->broken = e->code; return ""; }
        if (*own.place) return lt_arena_strdup(&d->mem, own.place);
        char *read = is_committee(t->nodes[k].kind) ? place_in_name(d, t->nodes[k].name) : NULL;
        if (read) return read;
    }
    return "";
}

/* "Chợ Lách, ngày 05 tháng 12 năm 2020": days 1–9 and months 1–2 with a
** leading zero (36-HD/VPTW). */
static char *place_date(report_doc *d, const char *place, const char *iso) {
    int day = atoi(iso + 8), month = atoi(iso + 5), year = atoi(iso);
    return doc_fmt(d, "%s%sngày %02d tháng %0*d năm %d", place, *place ? ", " : "", day, month <= 2 ? 2 : 1,
                   month, year);
}

/* The issuer's abbreviation: stored, else by kind and name. */
static const char *issuer_abbr(const unit_node *u, const unit_letterhead *own) {
    if (*own->abbr) return own->abbr;
    if (is_cell(u->kind)) return "CB";
    if (!strcmp(u->kind, "grassroots_committee")) return "ĐU";
    const char *rest;
    const org_form *f = is_committee(u->kind) ? org_form_of(u->name, &rest) : NULL;
    if (f && strcmp(f->abbr, "ĐU") && strcmp(f->abbr, "CB")) return f->abbr;
    return !strcmp(u->kind, "province") ? "TU" : !strcmp(u->kind, "district") ? "HU" : "";
}

/* The recipients by default: the committee above (to report to), its
** propaganda board when it has one, and filing. */
static char *default_recipients(report_doc *d, const unit_tree *t, const unit_node *u, const char *iso) {
    lt_buf b;
    lt_buf_init(&b, 0);
    lt_buf_puts(&b, "Nơi nhận:");
    const unit_node *p = u->parent >= 0 ? &t->nodes[u->parent] : NULL;
    const char *rest = "";
    const org_form *pf = p && strcmp(p->kind, "central") ? org_form_of(p->name, &rest) : NULL;
    if (pf && strcmp(p->kind, "grassroots_committee") && !is_cell(p->kind)) {
        lt_buf_printf(&b, "\n- Ban Thường vụ %s (báo cáo),", pf->committee);
        lt_buf_printf(&b, "\n- %s %s,", atoi(iso) >= 2025 ? "Ban Tuyên giáo và Dân vận" : "Ban Tuyên giáo",
                      pf->committee);
    } else if (pf) {
        lt_buf_printf(&b, "\n- %s%s%s (báo cáo),", pf->committee, *rest ? " " : "", rest);
    }
    if (u->first_child >= 0) lt_buf_puts(&b, "\n- Các tổ chức đảng trực thuộc,");
    const org_form *own = is_committee(u->kind) ? org_form_of(u->name, &rest) : NULL;
    if (is_cell(u->kind)) lt_buf_puts(&b, "\n- Lưu Chi bộ.");
    else if (own) lt_buf_printf(&b, "\n- Lưu Văn phòng %s.", own->committee);
    else lt_buf_puts(&b, "\n- Lưu Văn phòng.");
    char *s = b.err ? NULL : lt_arena_strdup(&d->mem, b.p);
    lt_buf_free(&b);
    if (!s) { d->mem.failed = 1; return ""; }
    return s;
}

/* The recipients as the office wrote them, one a line, each with its dash. */
static char *given_recipients(report_doc *d, const char *text) {
    lt_buf b;
    lt_buf_init(&b, 0);
    lt_buf_puts(&b, "Nơi nhận:");
    char *copy = lt_arena_strdup(&d->mem, text);
    for (char *p = copy, *line; p && (line = strsep(&p, "\n"));) {
        line[strcspn(line, "\r")] = 0;
        while (*line == ' ' || *line == '-') line++;
        if (*line) lt_buf_printf(&b, "\n- %s", line);
    }
    char *s = b.err ? NULL : lt_arena_strdup(&d->mem, b.p);
    lt_buf_free(&b);
    if (!s) { d->mem.failed = 1; return ""; }
    return s;
}

/* The head of unit u in year (who signs for it), "" when none. */
static char *head_of(lt_ctx *ctx, report_doc *d, const unit_node *u, int year, lt_err *e) {
    char name[4 * 120 + 1];
    if (unit_head_name(ctx, u->id, year, name, sizeof name, e)) { d->broken = e->code; return ""; }
    return lt_arena_strdup(&d->mem, name);
}

/* "T/M BAN THƯỜNG VỤ" / "BÍ THƯ" by the unit's kind. */
static void authority(report_doc *d, const unit_node *u) {
    d->signer_title = "BÍ THƯ";
    if (!strcmp(u->kind, "central")) { d->signer_for = "T/M BAN CHẤP HÀNH TRUNG ƯƠNG"; d->signer_title = "TỔNG BÍ THƯ"; }
    else if (!strcmp(u->kind, "province") || !strcmp(u->kind, "district")) d->signer_for = "T/M BAN THƯỜNG VỤ";
    else if (!strcmp(u->kind, "grassroots_committee")) d->signer_for = "T/M ĐẢNG ỦY";
    else if (is_cell(u->kind)) d->signer_for = "T/M CHI BỘ";
    else { d->signer_for = "THỦ TRƯỞNG CƠ QUAN"; d->signer_title = ""; }
}

int letterhead_fill(lt_ctx *ctx, const unit_tree *t, long idx, int year, const char *kind,
                    const doc_marks *m, report_doc *d, lt_err *e) {
    const unit_node *u = &t->nodes[idx];
    unit_letterhead own;
    if (unit_letterhead_get(ctx, u->id, &own, e)) return e->code;
    char today[11];
    lt_today(today);
    const char *iso = m && m->date && *m->date ? m->date : today;
    d->party = is_committee(u->kind) || is_cell(u->kind);
    /* a State agency's own documents name their superior body, which lamtheo
    ** does not know: no line above it rather than the Party committee's */
    d->issuer_parent = d->party ? doc_upper(d, superior_name(d, t, u)) : "";
    d->issuer = doc_upper(d, issuer_name(d, t, u));
    d->parent_lead = u->parent >= 0 ? lead_words(d->issuer_parent, t->nodes[u->parent].name) : 0;
    d->issuer_lead = lead_words(d->issuer, u->name);
    const char *abbr = issuer_abbr(u, &own);
    d->doc_no = !kind ? "" : doc_fmt(d, "Số %s-%s%s%s", m && m->number && *m->number ? m->number : "       ", kind,
                                     *abbr ? "/" : "", abbr);
    d->right_title = d->party ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    d->right_motto = d->party ? "" : "Độc lập - Tự do - Hạnh phúc";
    const char *place = place_of(ctx, d, t, idx, e);
    d->place_date = place_date(d, place, iso);
    d->date_lead = *place ? words_in(place) : 0; /* "Hưng Khánh Trung B, / ngày 02 tháng 12 năm 2020" */
    d->recipients = m && m->recipients && *m->recipients ? given_recipients(d, m->recipients)
                                                          : default_recipients(d, t, u, iso);
    authority(d, u);
    d->signer_name = m && m->signer && *m->signer ? lt_arena_strdup(&d->mem, m->signer)
                   : *own.signer ? lt_arena_strdup(&d->mem, own.signer) : head_of(ctx, d, u, year, e);
    return d->broken ? d->broken : LT_OK;
}

int doc_marks_check(const doc_marks *m, char date[11], lt_err *e) {
    *date = 0;
    if (!m) return LT_OK;
    if (m->number && *m->number) {
        size_t n = strlen(m->number);
        int ok = n <= 6;
        for (size_t i = 0; ok && i < n; i++) ok = m->number[i] >= '0' && m->number[i] <= '9';
        if (!ok) return lt_err_set(e, LT_EINPUT, "số văn bản \"%.32s\": chỉ gồm chữ số (vd: 12)",
                                   "document number \"%.32s\": digits only (e.g. 12)", m->number);
    }
    if (m->date && *m->date && lt_parse_date(m->date, date))
        return lt_err_set(e, LT_EINPUT, "ngày văn bản \"%.32s\" không hợp lệ (dd/mm/yyyy)",
                          "document date \"%.32s\" is not valid (dd/mm/yyyy)", m->date);
    if (m->signer && (strlen(m->signer) > 120 || strchr(m->signer, '\n') ||
                      text_check_free(m->signer, strlen(m->signer), 0, NULL, NULL) != TEXT_FREE_OK))
        return lt_err_set(e, LT_EINPUT, "người ký: một dòng, tối đa 120 ký tự", "signer: one line of at most 120 bytes");
    if (m->recipients && (strlen(m->recipients) > 2000 ||
                          text_check_free(m->recipients, strlen(m->recipients), 1, NULL, NULL) != TEXT_FREE_OK))
        return lt_err_set(e, LT_EINPUT, "nơi nhận: tối đa 2000 ký tự, mỗi nơi một dòng",
                          "recipients: at most 2000 bytes, one a line");
    return LT_OK;
}

const char *doc_basis(int year) {
    static const char directive[] = "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm"
                                    " theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";
    static const char both[] = "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo"
                               " tư tưởng, đạo đức, phong cách Hồ Chí Minh và Kết luận số 01-KL/TW ngày 18/5/2021"
                               " của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW";
    return year >= 2021 ? both : directive;
}
