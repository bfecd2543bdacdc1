/*
** page_documents.c — downloads of the documents: the report of a unit in
** HTML, XLSX, DOCX or PDF from the dashboard, the printable registration
** form, and the public bulletin (its text, and its audio synthesised once
** per content and kept in the temporary folder).
*/
#include "pages.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The bulletin the request asks for (?don_vi, ?nam): its unit, year, script. */
static int bulletin_of(web_req *r, char code[64], int *year, lt_buf *script, lt_err *e) {
    long long id;
    *year = page_year(r);
    lt_buf_init(script, 0);
    if (page_unit_arg(r, *year, &id, code, e) || bulletin_script(&r->ctx, code, *year, script, e)) {
        lt_buf_free(script);
        return e->code;
    }
    return LT_OK;
}

/* The public bulletin: its text, and links to listen. */
int page_public_bulletin(web_req *r, lt_err *e) {
    int year;
    char code[64], title[128];
    lt_buf script;
    if (bulletin_of(r, code, &year, &script, e)) return e->code;
    snprintf(title, sizeof title, "%s %d", TR(r, "Bản tin truyền thanh năm", "Loudspeaker bulletin,"), year);
    html_begin(r, title);
    html_printf(r, "<p><audio controls=\"controls\" preload=\"none\" src=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;nam=%d\">"
                   "</audio></p><p><a href=\"/cong-khai/ban-tin.mp3?don_vi=%U&amp;nam=%d\">%s</a></p>", code, year,
                code, year, TR(r, "Tải tệp âm thanh (MP3)", "Download the audio (MP3)"));
    for (char *p = script.p, *line; p && (line = strsep(&p, "\n"));)
        if (*line) html_printf(r, "<p>%s</p>", line);
    lt_buf_free(&script);
    html_end(r);
    return LT_OK;
}

/* The audio of the bulletin: made once per script (named by its hash). */
int page_public_bulletin_audio(web_req *r, lt_err *e) {
    int year;
    char code[64], path[600];
    lt_buf script;
    if (bulletin_of(r, code, &year, &script, e)) return e->code;
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    crypto_hash_sha256(h, (const unsigned char *)(script.p ? script.p : ""), script.len);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/lamtheo-bulletin-%s.mp3", dir && *dir && strlen(dir) < 400 ? dir : "/tmp", hex);
    struct stat st;
    int rc = stat(path, &st) == 0 ? LT_OK : bulletin_audio(script.p ? script.p : "", 1, path, e);
    lt_buf_free(&script);
    char *data;
    size_t n;
    if (rc == LT_OK && (rc = lt_read_file(path, (size_t)256 << 20, &data, &n, e)) == LT_OK) {
        lt_buf_append(&r->out, data, n);
        free(data);
        r->ctype = "audio/mpeg";
    }
    return rc;
}
