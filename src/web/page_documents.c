/*
** page_documents.c — downloads of the documents: the report of a unit in
** HTML, XLSX, DOCX or PDF from the dashboard, the printable registration
** form, and the public bulletin (its text, and its audio from
** bulletin_cache.c).
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
    if (report_render(&r->ctx, code, year, year, formats[k].fmt, &r->out, e)) return e->code;
    snprintf(name, sizeof name, "bao-cao-%s-%d.%s", code, year, formats[k].ext);
    /* the HTML report opens in the browser; the others download */
    if (formats[k].fmt == REPORT_HTML) r->ctype = formats[k].ctype;
    else web_attachment(r, formats[k].ctype, name);
    return LT_OK;
}

/* A registration's form to print and sign; ?danh_gia=1 for the review. */
int page_reg_print(web_req *r, lt_err *e) {
    const char *f = web_param_get(&r->query, "dinh_dang"), *rev = web_param_get(&r->query, "danh_gia");
    int pdf = !f || strcmp(f, "docx") != 0;
    long long id = page_reg_id(r);
    char name[64];
    if (form_render(&r->ctx, &id, 1, rev && !strcmp(rev, "1"), pdf ? REPORT_PDF : REPORT_DOCX, &r->out, e))
        return e->code;
    snprintf(name, sizeof name, "dang-ky-%lld.%s", id, pdf ? "pdf" : "docx");
    web_attachment(r, pdf ? formats[3].ctype : formats[2].ctype, name);
    return LT_OK;
}

/* The public bulletin: its text, and the player and link to listen when
** there is anything to say. */
int page_public_bulletin(web_req *r, lt_err *e) {
    int year = page_year(r), has = 0;
    long long id;
    char code[64], title[128];
    lt_buf script;
    lt_buf_init(&script, 0);
    if (page_unit_arg(r, year, &id, code, e) || bulletin_has_content(&r->ctx, id, year, &has, e) ||
        bulletin_script(&r->ctx, code, year, &script, e)) {
        lt_buf_free(&script);
        return e->code;
    }
    snprintf(title, sizeof title, "%s %d", TR(r, "Bản tin truyền thanh năm", "Loudspeaker bulletin,"), year);
    html_begin(r, title);
    if (has)
        html_printf(r, "<p><audio controls=\"controls\" preload=\"none\" src=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;"
                       "nam=%d\"></audio></p><p><a href=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;nam=%d\">%s</a></p>",
                    code, year, code, year, TR(r, "Tải tệp âm thanh (MP3)", "Download the audio (MP3)"));
    else
        html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Chưa có nội dung công khai nên chưa có bản tin âm thanh.",
                                                       "Nothing is published yet, so there is no audio."));
    for (char *p = script.p, *line; p && (line = strsep(&p, "\n"));)
        if (*line) html_printf(r, "<p>%s</p>", line);
    lt_buf_free(&script);
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
