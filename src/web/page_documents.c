/*
** page_documents.c — downloads of the documents: the report of a unit in
** HTML, XLSX, DOCX or PDF from the dashboard, the parts of it that the
** office writes (assessment, tasks, recommendations: drafts, final, their
** history), the printable registration form, and the public bulletin (its
** text, and its audio from bulletin_cache.c).
*/
#include "pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct { const char *ext, *ctype; report_format fmt; } formats[] = {
    {"html", "text/html; charset=utf-8", REPORT_HTML},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", REPORT_XLSX},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", REPORT_DOCX},
    {"pdf", "application/pdf", REPORT_PDF},
};

int page_report_download(web_req *r, lt_err *e) {
    const char *f = web_param_get(&r->query, "dinh_dang");
    int year = page_year(r), k = -1;
    for (int i = 0; f && i < (int)LT_ARRAY_LEN(formats); i++) if (!strcmp(f, formats[i].ext)) k = i;
    if (k < 0) return lt_err_set(e, LT_EINPUT, "dinh_dang: html, xlsx, docx hoặc pdf", "dinh_dang: html, xlsx, docx or pdf");
    long long id;
    char code[64], name[128];
    if (page_unit_arg(r, year, &id, code, e)) return e->code;
    doc_marks m = {web_param_get(&r->query, "so"), web_param_get(&r->query, "ngay"),
                   web_param_get(&r->query, "nguoi_ky"), web_param_get(&r->query, "noi_nhan")};
    if (report_render(&r->ctx, code, year, year, formats[k].fmt, &m, &r->out, e)) return e->code;
    snprintf(name, sizeof name, "bao-cao-%s-%d.%s", code, year, formats[k].ext);
    /* the HTML report opens in the browser; the others download */
    if (formats[k].fmt == REPORT_HTML) r->ctype = formats[k].ctype;
    else web_attachment(r, formats[k].ctype, name);
    return LT_OK;
}

/* ---- the parts of the report that the office writes ----------------- */
static const char *const part_labels[REPORT_PARTS][2] = {
    {"III.1. Ưu điểm", "Strengths"},
    {"III.2. Hạn chế, khuyết điểm và nguyên nhân", "Shortcomings and their causes"},
    {"III.3. Bài học kinh nghiệm", "Lessons"},
    {"IV. Phương hướng, nhiệm vụ thời gian tới", "Tasks ahead"},
    {"V. Kiến nghị, đề xuất", "Recommendations"},
};

/* The period asked: ?tu=Y1&den=Y2 for a range, else the year (?nam). */
static void texts_period(web_req *r, int *from, int *to) {
    long a, b;
    if (!lt_parse_long(web_param_get(&r->query, "tu"), 1990, 2100, &a) &&
        !lt_parse_long(web_param_get(&r->query, "den"), 1990, 2100, &b) && a <= b) {
        *from = (int)a;
        *to = (int)b;
        return;
    }
    *from = *to = page_year(r);
}

/* Who saved which part when, newest first. */
static int texts_history(web_req *r, long long id, int from, int to, lt_err *e) {
    dom_rows h;
    if (q_report_text_history(&r->ctx, id, from, to, &h, e)) return e->code;
    html_printf(r, "<h2>%s</h2>", TR(r, "Các lần lưu", "Saved versions"));
    if (!h.n) html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa lưu lần nào.", "Never saved."));
    else html_raw(r, "<ul>");
    for (long i = 0; i < h.n; i++) {
        int k = 0;
        while (k < REPORT_PARTS - 1 && strcmp(report_parts[k], rows_get(&h, i, "part"))) k++;
        html_printf(r, "<li>%s %s — %s — %s (%s %s)</li>", rows_get(&h, i, "saved_at"), rows_get(&h, i, "saved_by"),
                    TR(r, part_labels[k][0], part_labels[k][1]),
                    rows_int(&h, i, "final") ? TR(r, "bản chính thức", "final") : TR(r, "bản nháp", "draft"),
                    rows_get(&h, i, "chars"), TR(r, "ký tự", "characters"));
    }
    if (h.n) html_raw(r, "</ul>");
    rows_free(&h);
    return LT_OK;
}

int page_report_texts(web_req *r, lt_err *e) {
    int from, to;
    texts_period(r, &from, &to);
    long long id;
    char code[64], title[160];
    report_texts t;
    if (page_unit_arg(r, to, &id, code, e) || report_texts_get(&r->ctx, id, from, to, 0, &t, e)) return e->code;
    if (from == to) snprintf(title, sizeof title, "%s %d", TR(r, "Phần viết của báo cáo năm", "The written parts of the report,"), to);
    else snprintf(title, sizeof title, "%s %d–%d", TR(r, "Phần viết của báo cáo giai đoạn", "The written parts of the report,"), from, to);
    char name[256];
    if (page_unit_name(r, id, to, name, e)) { report_texts_free(&t); return e->code; }
    html_begin(r, title);
    html_printf(r, "<p>%s <a href=\"/tong-quan?don_vi=%U&amp;nam=%d\">%s</a>. %s</p>", TR(r, "Đơn vị:", "Unit:"), code, to,
                name, TR(r, "Báo cáo sơ kết, tổng kết dùng bản chính thức mới nhất của từng phần; bản nháp được giữ"
                            " lại, chưa vào báo cáo.", "The report quotes the newest final text of each part; drafts"
                            " are kept and wait."));
    html_printf(r, "<form method=\"post\" action=\"/don-vi/%U/phan-viet?tu=%d&amp;den=%d\" class=\"box\">", code, from, to);
    html_csrf(r);
    for (int i = 0; i < REPORT_PARTS; i++)
        html_printf(r, "<label for=\"%s\">%s%s</label><textarea id=\"%s\" name=\"%s\" rows=\"6\">%s</textarea>",
                    report_parts[i], TR(r, part_labels[i][0], part_labels[i][1]),
                    !t.body[i] || !*t.body[i] ? "" : t.final[i] ? TR(r, " (chính thức)", " (final)") : TR(r, " (nháp)", " (draft)"),
                    report_parts[i], report_parts[i], t.body[i] ? t.body[i] : "");
    html_printf(r, "<p><button type=\"submit\" name=\"luu\" value=\"nhap\">%s</button> <button type=\"submit\""
                   " name=\"luu\" value=\"chinh-thuc\">%s</button></p></form>", TR(r, "Lưu bản nháp", "Save as a draft"),
                TR(r, "Lưu bản chính thức (vào báo cáo)", "Save as final (into the report)"));
    report_texts_free(&t);
    int rc = texts_history(r, id, from, to, e);
    if (rc == LT_OK) html_end(r);
    return rc;
}

int page_report_texts_save(web_req *r, lt_err *e) {
    int from, to;
    texts_period(r, &from, &to);
    const char *body[REPORT_PARTS];
    for (int i = 0; i < REPORT_PARTS; i++) body[i] = form(r, report_parts[i]);
    int final = !strcmp(form(r, "luu"), "chinh-thuc");
    if (report_texts_save(&r->ctx, r->args[0], from, to, body, final, e)) return e->code;
    char path[160];
    snprintf(path, sizeof path, "/don-vi/%.64s/phan-viet?tu=%d&den=%d&xong=%s", r->args[0], from, to,
             final ? "phan-viet" : "phan-viet-nhap");
    web_redirect(r, path);
    return LT_OK;
}

/* A registration's form to print and sign; ?danh_gia=1 for the review. */
int page_reg_print(web_req *r, lt_err *e) {
    const char *f = web_param_get(&r->query, "dinh_dang"), *rev = web_param_get(&r->query, "danh_gia");
    int pdf = !f || strcmp(f, "docx") != 0;
    long long id = page_reg_id(r);
    char name[64];
    if (form_render(&r->ctx, &id, 1, rev && !strcmp(rev, "1"), pdf ? REPORT_PDF : REPORT_DOCX, NULL, &r->out, e))
        return e->code;
    snprintf(name, sizeof name, "dang-ky-%lld.%s", id, pdf ? "pdf" : "docx");
    web_attachment(r, pdf ? formats[3].ctype : formats[2].ctype, name);
    return LT_OK;
}

/* The public bulletin: its text, and the player and link to listen when
** there is anything to say. */
int page_public_bulletin(web_req *r, lt_err *e) {
    int year = page_year(r), has = 0, n = 0;
    long long id;
    char code[64];
    bulletin_station *st = NULL;
    if (page_unit_arg(r, year, &id, code, e) || bulletin_has_content(&r->ctx, id, year, &has, e) ||
        bulletin_stations(&r->ctx, code, year, STATIONS_NAMED, &st, &n, e))
        return e->code;
    char title[400];
    snprintf(title, sizeof title, "%s — %s %d", st[0].name, TR(r, "bản tin năm", "bulletin of"), year);
    html_begin(r, title);
    if (has)
        html_printf(r, "<p><audio controls=\"controls\" preload=\"none\" src=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;"
                       "nam=%d\"></audio></p><p><a href=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;nam=%d\">%s</a></p>",
                    code, year, code, year, TR(r, "Tải tệp âm thanh (MP3)", "Download the audio (MP3)"));
    else
        html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có nội dung công khai nên chưa có bản tin âm thanh.",
                                                       "Nothing is published yet, so there is no audio."));
    for (char *p = st[0].script.p, *line; p && (line = strsep(&p, "\n"));)
        if (*line) html_printf(r, "<p>%s</p>", line);
    if (n > 1) { /* the communes' own stations, each its bulletin */
        html_printf(r, "<h2>%s</h2><ul>", TR(r, "Các đài truyền thanh cấp xã", "The communes' stations"));
        for (int i = 1; i < n; i++)
            html_printf(r, "<li><a href=\"/cong-khai/ban-tin?don_vi=%U&amp;nam=%d\">%s</a></li>", st[i].code, year,
                        st[i].name);
        html_raw(r, "</ul>");
    }
    bulletin_stations_free(st, n);
    html_end(r);
    return LT_OK;
}

/* The audio of the bulletin (bulletin_cache.c); a 503 when busy says when
** to come back. */
int page_public_bulletin_audio(web_req *r, lt_err *e) {
    int year = page_year(r);
    long long id;
    char code[64];
    if (page_unit_arg(r, year, &id, code, e)) return e->code;
    int rc = bulletin_cache_mp3(&r->ctx, id, code, year, &r->out, e);
    if (rc == LT_EBUSY) r->retry_after = 10;
    if (rc == LT_OK) r->ctype = "audio/mpeg";
    return rc;
}
