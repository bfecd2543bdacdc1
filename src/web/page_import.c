/*
** page_import.c — import in the browser: upload, see every problem with its
** line and column before anything is written, then confirm.
*/
#include "pages.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *const import_kinds[][3] = {
    {"units", "Đơn vị", "Units"},
    {"people", "Cán bộ, đảng viên", "People"},
    {"registrations", "Bản đăng ký (mỗi dòng một nội dung)", "Registrations (one row per item)"},
    {"deployments", "Triển khai chuyên đề", "Deployments"},
};

static const char *known_kind(const char *k) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(import_kinds); i++)
        if (strcmp(import_kinds[i][0], k) == 0) return import_kinds[i][0];
    return NULL;
}

int page_import_form(web_req *r, lt_err *e) {
    (void)e;
    html_begin(r, TR(r, "Nhập tệp CSV hoặc Excel", "Import a CSV or Excel file"));
    html_raw(r, "<form method=\"post\" action=\"/nhap\" enctype=\"multipart/form-data\" class=\"box\">");
    html_csrf(r);
    html_printf(r, "<label for=\"loai\">%s</label><select id=\"loai\" name=\"loai\">", TR(r, "Loại dữ liệu", "Kind"));
    for (unsigned i = 0; i < LT_ARRAY_LEN(import_kinds); i++)
        html_printf(r, "<option value=\"%s\">%s</option>", import_kinds[i][0],
                    r->lang_en ? import_kinds[i][2] : import_kinds[i][1]);
    html_printf(r, "</select><label for=\"tep\">%s</label><input id=\"tep\" type=\"file\" name=\"tep\" "
                   "accept=\".csv,.xlsx\" required=\"required\"/><label for=\"bang_ma\">%s</label><select id=\"bang_ma\" "
                   "name=\"bang_ma\"><option value=\"\">%s</option><option>utf-8</option><option>cp1258"
                   "</option><option>tcvn3</option><option>vni</option></select><button type=\"submit\">%s"
                   "</button></form><p>%s</p>",
                TR(r, "Tệp", "File"), TR(r, "Bảng mã (CSV)", "Encoding (CSV)"), TR(r, "Tự nhận biết", "Detect"),
                TR(r, "Kiểm tra", "Check"), TR(r, "Chưa có gì được ghi cho đến khi bạn xác nhận.",
                                               "Nothing is written until you confirm."));
    html_end(r);
    return LT_OK;
}

/* The folder where uploads wait for confirmation. */
static const char *pending_dir(void) {
    const char *dir = getenv("TMPDIR");
    return dir && *dir && strlen(dir) < 400 ? dir : "/tmp";
}

/* Where an upload waits: named by the account and a random token, so only
** the one who uploaded it can confirm it. */
static void pending_path(web_req *r, const char *token, char *out, size_t n) {
    snprintf(out, n, "%s/lamtheo-upload-%.64s-%s", pending_dir(), r->ctx.actor, token);
}

/* Remove uploads left unconfirmed for more than an hour. */
static void pending_sweep(void) {
    DIR *d = opendir(pending_dir());
    if (!d) return;
    time_t now = time(NULL);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strncmp(de->d_name, "lamtheo-upload-", 15) != 0) continue;
        char path[700];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", pending_dir(), de->d_name);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && now - st.st_mtime > 3600) unlink(path);
    }
    closedir(d);
}

/* Keep the upload for confirmation (mode 0600, never over an existing file). */
static int pending_write(web_req *r, const char *token, lt_err *e) {
    char path[700];
    pending_path(r, token, path, sizeof path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return lt_err_set(e, LT_EIO, "không lưu được tệp tạm: %s", "cannot keep the upload: %s", strerror(errno));
    int ok = write(fd, r->upload.p, r->upload.len) == (ssize_t)r->upload.len;
    ok = close(fd) == 0 && ok;
    if (ok) return LT_OK;
    unlink(path);
    return lt_err_set(e, LT_EIO, "không lưu được tệp tạm", "cannot keep the upload");
}

/* Show the problems of a checked import as a table. */
static void show_diags(web_req *r, const char *file, const lt_diags *d) {
    html_printf(r, "<p class=\"error\">%s: %zu %s</p><div class=\"scroll\"><table><thead><tr><th>%s</th>"
                   "<th>%s</th><th>%s</th></tr></thead><tbody>", file, d->total,
                TR(r, "lỗi; chưa ghi gì", "problems; nothing was written"), TR(r, "Dòng", "Line"),
                TR(r, "Cột", "Column"), TR(r, "Lỗi", "Problem"));
    for (size_t i = 0; i < d->n; i++) {   /* the column: its name, or a character's place */
        const lt_diag_item *it = &d->items[i];
        if (it->col > 0)
            html_printf(r, "<tr><td>%ld</td><td>%ld</td><td>%s</td></tr>", it->line, it->col, r->lang_en ? it->en : it->vi);
        else
            html_printf(r, "<tr><td>%ld</td><td>%s</td><td>%s</td></tr>", it->line, it->column, r->lang_en ? it->en : it->vi);
    }
    html_raw(r, "</tbody></table></div>");
}

int page_import_check(web_req *r, lt_err *e) {
    const char *kind = known_kind(form(r, "loai"));
    text_enc enc = *form(r, "bang_ma") ? text_enc_parse(form(r, "bang_ma")) : TEXT_ENC_UNKNOWN;
    if (!kind) return lt_err_set(e, LT_EINPUT, "loai: loại dữ liệu không hợp lệ", "loai: unknown kind");
    if (r->upload.len == 0) return lt_err_set(e, LT_EINPUT, "tep: chưa chọn tệp", "tep: no file was sent");
    import_stats st;
    lt_diags d = {0};
    const char *name = r->upload_name[0] ? r->upload_name : "tep";
    int rc = import_data(&r->ctx, kind, r->upload.p, r->upload.len, enc, 1, NULL, NULL, &st, &d, e);
    if (rc && !(rc == LT_EINPUT && d.total)) { lt_diags_free(&d); return rc; }
    html_begin(r, TR(r, "Kết quả kiểm tra", "Check result"));
    if (d.total) {
        show_diags(r, name, &d);
        html_printf(r, "<p><a href=\"/nhap\">%s</a></p>", TR(r, "Sửa tệp rồi nhập lại", "Correct the file and try again"));
    } else {
        char token[44];
        session_new_token(token);
        pending_sweep();
        if (pending_write(r, token, e)) { lt_diags_free(&d); return e->code; }
        html_printf(r, "<p class=\"ok\">%s: %ld %s — %ld %s, %ld %s, %ld %s.</p>", name, st.rows,
                    TR(r, "dòng hợp lệ", "valid rows"), st.inserted, TR(r, "thêm mới", "new"), st.updated,
                    TR(r, "cập nhật", "updated"), st.unchanged, TR(r, "không đổi", "unchanged"));
        html_raw(r, "<form method=\"post\" action=\"/nhap/xac-nhan\" class=\"box\">");
        html_csrf(r);
        html_printf(r, "<input type=\"hidden\" name=\"ma\" value=\"%s\"/><input type=\"hidden\" name=\"loai\" "
                       "value=\"%s\"/><input type=\"hidden\" name=\"bang_ma\" value=\"%s\"/><button type=\"submit\">"
                       "%s</button></form>", token, kind, form(r, "bang_ma"), TR(r, "Xác nhận ghi", "Confirm and write"));
    }
    lt_diags_free(&d);
    html_end(r);
    return LT_OK;
}

int page_import_confirm(web_req *r, lt_err *e) {
    const char *token = form(r, "ma"), *kind = known_kind(form(r, "loai"));
    if (!session_token_valid(token) || !kind)
        return lt_err_set(e, LT_EINPUT, "phiếu nhập không hợp lệ hoặc đã dùng", "unknown or used import");
    char path[700];
    pending_path(r, token, path, sizeof path);
    text_enc enc = *form(r, "bang_ma") ? text_enc_parse(form(r, "bang_ma")) : TEXT_ENC_UNKNOWN;
    import_stats st;
    lt_diags d = {0};
    int rc = import_file(&r->ctx, kind, path, enc, 0, NULL, NULL, &st, &d, e);
    if (rc == LT_EIO) rc = lt_err_set(e, LT_ENOTFOUND, "phiếu nhập đã dùng hoặc hết hạn; hãy tải tệp lên lại",
                                      "this import was used or has expired; upload the file again");
    if (rc == LT_EINPUT && d.total) {
        unlink(path);
        html_begin(r, TR(r, "Không nhập được", "Not imported"));
        show_diags(r, kind, &d);
        html_end(r);
        rc = LT_OK;
        r->status = 400;
    } else if (rc == LT_OK) {
        unlink(path);
        html_begin(r, TR(r, "Đã nhập", "Imported"));
        html_printf(r, "<p class=\"ok\">%ld %s: %ld %s, %ld %s, %ld %s.</p>", st.rows, TR(r, "dòng", "rows"),
                    st.inserted, TR(r, "thêm mới", "new"), st.updated, TR(r, "cập nhật", "updated"),
                    st.unchanged, TR(r, "không đổi", "unchanged"));
        html_end(r);
    }
    lt_diags_free(&d);
    return rc;
}
