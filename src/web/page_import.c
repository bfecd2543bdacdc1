/*
** page_import.c — import in the browser: the columns each kind takes and a
** template to fill (XLSX or CSV); upload, see where the header was found,
** what was left out (titles, totals, signatures), a preview of the first
** rows and every problem with its line, column and value before anything
** is written; then confirm.
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

/* The name of kind k in the user's language. */
static const char *kind_label(web_req *r, const char *k) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(import_kinds); i++)
        if (strcmp(import_kinds[i][0], k) == 0) return r->lang_en ? import_kinds[i][2] : import_kinds[i][1];
    return k;
}

/* The columns kind k takes, as a table, and links to its templates. */
static void show_columns(web_req *r, unsigned i) {
    const char *k = import_kinds[i][0];
    import_col_info c;
    html_printf(r, "<details id=\"cot-%s\"><summary>%s</summary><p><a href=\"/nhap/mau/%s.xlsx\">%s</a> · "
                   "<a href=\"/nhap/mau/%s.csv\">%s</a></p><div class=\"scroll\"><table><thead><tr><th>%s</th>"
                   "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", k,
                r->lang_en ? import_kinds[i][2] : import_kinds[i][1], k, TR(r, "Tải tệp mẫu Excel (.xlsx)",
                "Download the Excel template (.xlsx)"), k, TR(r, "tệp mẫu CSV", "the CSV template"),
                TR(r, "Cột", "Column"), TR(r, "Tên trong hệ thống", "Name"), TR(r, "Bắt buộc", "Required"),
                TR(r, "Nội dung", "Holds"), TR(r, "Ví dụ", "Example"));
    for (int n = 0; import_column_info(k, n, &c) == LT_OK; n++)
        html_printf(r, "<tr><td>%s</td><td><code>%s</code></td><td>%s</td><td>%s%S</td><td>%s</td></tr>",
                    r->lang_en ? c.title_en : c.title_vi, c.name, c.required ? TR(r, "có", "yes") : "",
                    r->lang_en ? c.what_en : c.what_vi, c.in_template ? "" : TR(r, " <span class=\"muted\">"
                    "(chỉ có trong tệp xuất từ hệ thống)</span>", " <span class=\"muted\">(only in files "
                    "exported from here)</span>"), c.example);
    html_raw(r, "</tbody></table></div></details>");
}

/* The encodings a CSV file may come in, as the form offers them. */
static const char *const encodings[][2] = {
    {"utf-8", "Unicode (UTF-8)"}, {"cp1258", "Windows-1258"},
    {"tcvn3", "TCVN3 (ABC, .VnTime)"}, {"vni", "VNI (VNI-Times)"},
};

/* The upload form, with kind and the encoding enc chosen (NULL, "": the
** first kind, detect). */
static void import_form(web_req *r, const char *kind, const char *enc) {
    html_raw(r, "<form method=\"post\" action=\"/nhap\" enctype=\"multipart/form-data\" class=\"box\">");
    html_csrf(r);
    html_printf(r, "<label for=\"loai\">%s</label><select id=\"loai\" name=\"loai\">", TR(r, "Loại dữ liệu", "Kind"));
    for (unsigned i = 0; i < LT_ARRAY_LEN(import_kinds); i++)
        html_printf(r, "<option value=\"%s\"%S>%s</option>", import_kinds[i][0],
                    kind && !strcmp(kind, import_kinds[i][0]) ? " selected=\"selected\"" : "",
                    r->lang_en ? import_kinds[i][2] : import_kinds[i][1]);
    html_printf(r, "</select><label for=\"tep\">%s</label><input id=\"tep\" type=\"file\" name=\"tep\" "
                   "accept=\".csv,.xlsx\" required=\"required\"/><label for=\"bang_ma\">%s</label><select id=\"bang_ma\" "
                   "name=\"bang_ma\"><option value=\"\">%s</option>",
                TR(r, "Tệp", "File"), TR(r, "Bảng mã (CSV)", "Encoding (CSV)"), TR(r, "Tự nhận biết", "Detect"));
    for (unsigned i = 0; i < LT_ARRAY_LEN(encodings); i++)
        html_printf(r, "<option value=\"%s\"%S>%s</option>", encodings[i][0],
                    enc && !strcmp(enc, encodings[i][0]) ? " selected=\"selected\"" : "", encodings[i][1]);
    html_printf(r, "</select><button type=\"submit\">%s</button></form><p>%s</p>", TR(r, "Kiểm tra", "Check"),
                TR(r, "Chưa có gì được ghi cho đến khi bạn xác nhận.", "Nothing is written until you confirm."));
}

/* The form's name of an encoding. */
static const char *encoding_label(const char *enc) {
    for (unsigned i = 0; i < LT_ARRAY_LEN(encodings); i++)
        if (!strcmp(enc, encodings[i][0])) return encodings[i][1];
    return enc;
}

int page_import_form(web_req *r, lt_err *e) {
    (void)e;
    html_begin(r, TR(r, "Nhập tệp CSV hoặc Excel", "Import a CSV or Excel file"));
    import_form(r, NULL, NULL);
    html_printf(r, "<h2>%s</h2><p>%s</p><p>%s</p>", TR(r, "Các cột của từng loại", "The columns of each kind"),
                TR(r, "Cột theo thứ tự nào cũng được; tiêu đề cột viết bằng tiếng Việt (có dấu hay không) hoặc "
                      "bằng tên trong hệ thống. Ngày viết dd/mm/yyyy (5/3/1975, 05-03-1975, 05.03.1975 cũng được); "
                      "số viết 45.000 cũng được.",
                   "Columns in any order; headers in Vietnamese (with or without marks) or by their names here. "
                   "Dates as dd/mm/yyyy (5/3/1975, 05-03-1975, 05.03.1975 too); numbers as 45.000 too."),
                TR(r, "Bảng tính của văn phòng nhập được như đang có: tên cơ quan, tiêu đề \"DANH SÁCH ...\" và "
                      "dòng trống phía trên, cột STT, tiêu đề gộp hai dòng, dòng tổng cộng và phần chữ ký phía dưới "
                      "được bỏ qua, và trang kiểm tra nói rõ đã bỏ qua những dòng nào.",
                   "Office spreadsheets import as they are: the agency's name, a \"DANH SÁCH ...\" title and blank "
                   "lines above, an STT column, a header over two rows, a total line and signatures below are left "
                   "out, and the check page says which lines were."));
    for (unsigned i = 0; i < LT_ARRAY_LEN(import_kinds); i++) show_columns(r, i);
    html_end(r);
    return LT_OK;
}

/* GET /nhap/mau/KIND.xlsx or KIND.csv: an empty file to fill, with the
** Vietnamese headers. */
int page_import_template(web_req *r, lt_err *e) {
    const char *arg = r->args[0], *dot = strrchr(arg, '.');
    char kind[32];
    size_t n = dot ? (size_t)(dot - arg) : 0;
    if (!dot || n >= sizeof kind || (strcmp(dot, ".csv") && strcmp(dot, ".xlsx")))
        return lt_err_set(e, LT_ENOTFOUND, "không có mẫu này", "no such template");
    memcpy(kind, arg, n);
    kind[n] = 0;
    if (!known_kind(kind)) return lt_err_set(e, LT_ENOTFOUND, "không có mẫu này", "no such template");
    int xlsx = strcmp(dot, ".xlsx") == 0;
    if (import_template(kind, xlsx ? EXPORT_XLSX : EXPORT_CSV, &r->out, e)) return e->code;
    char name[64];
    snprintf(name, sizeof name, "mau-nhap-%s%s", kind, dot);
    web_attachment(r, xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                           : "text/csv; charset=utf-8", name);
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

/* The message of a problem without the value the table shows beside it
** (a trailing `: "VALUE"`), into out. */
static const char *diag_message(const char *msg, const char *value, char *out, size_t n) {
    size_t ml = strlen(msg), vl = value ? strlen(value) : 0;
    if (!vl || ml < vl + 4 || strcmp(msg + ml - 1, "\"") || strncmp(msg + ml - vl - 4, ": \"", 3) ||
        strncmp(msg + ml - vl - 1, value, vl) || ml - vl - 4 >= n)
        return msg;
    memcpy(out, msg, ml - vl - 4);
    out[ml - vl - 4] = 0;
    return out;
}

/* Show the problems of a checked import as a table, one a row: the line,
** the column by its header (or a character's place), the value (from the
** file as read, when v is not NULL) and what is wrong. */
static void show_diags(web_req *r, const char *file, const char *kind, const lt_diags *d, const import_view *v) {
    html_printf(r, "<p class=\"error\">%s: %N %s</p><div class=\"scroll\"><table><thead><tr><th>%s</th>"
                   "<th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>", file, (long long)d->total,
                TR(r, "lỗi; chưa ghi gì", d->total == 1 ? "problem; nothing was written" : "problems; nothing was written"),
                TR(r, "Dòng", "Line"),
                TR(r, "Cột", "Column"), TR(r, "Giá trị", "Value"), TR(r, "Lỗi", "Problem"));
    for (size_t i = 0; i < d->n; i++) {
        const lt_diag_item *it = &d->items[i];
        const char *value = it->col > 0 ? NULL : import_view_value(v, it->line, it->column);
        char msg[256], place[48];
        if (it->col > 0) snprintf(place, sizeof place, "%s %ld", TR(r, "ký tự", "character"), it->col);
        html_printf(r, "<tr><td>%ld</td><td>%s</td><td>%s</td><td>%s</td></tr>", it->line,
                    it->col > 0 ? place : import_column_title(kind, it->column, r->lang_en), value ? value : "",
                    diag_message(r->lang_en ? it->en : it->vi, value, msg, sizeof msg));
    }
    if (d->total > d->n)
        html_printf(r, "<tr><td colspan=\"4\">%s %N %s</td></tr>", TR(r, "… và", "… and"),
                    (long long)(d->total - d->n), TR(r, "lỗi nữa", "more"));
    html_raw(r, "</tbody></table></div>");
}

/* Where the header was found and what was left out, when the file was
** more than a bare table. */
static void show_layout(web_req *r, const import_stats *st) {
    if (!st->skipped_vi[0] && st->header_line <= 1 && st->header_rows < 2) return;
    char lines[48];
    if (st->header_rows == 2) snprintf(lines, sizeof lines, "%ld–%ld", st->header_line, st->header_line + 1);
    else snprintf(lines, sizeof lines, "%ld", st->header_line);
    html_printf(r, "<p class=\"muted\">%s %s", TR(r, "Tiêu đề cột ở dòng", "Column headers on line"), lines);
    if (st->skipped_vi[0])
        html_printf(r, "; %s %s", TR(r, "đã bỏ qua", "left out"), r->lang_en ? st->skipped_en : st->skipped_vi);
    html_raw(r, ".</p>");
}

#define PREVIEW_ROWS 10

/* The first data rows as read, under the columns' Vietnamese headers. */
static void show_preview(web_req *r, const char *kind, const import_view *v) {
    long n = import_view_nrows(v);
    int nc = import_view_ncols(v);
    if (!n || !nc) return;
    html_printf(r, "<h2>%s</h2><p>%s %N %s %N %s.</p><div class=\"scroll\"><table><thead><tr><th>%s</th>",
                TR(r, "Xem trước", "Preview"), TR(r, "Những dòng đầu:", "The first rows:"),
                (long long)(n < PREVIEW_ROWS ? n : PREVIEW_ROWS), TR(r, "trong", "of"), (long long)n,
                TR(r, "dòng dữ liệu", "data rows"), TR(r, "Dòng", "Line"));
    for (int c = 0; c < nc; c++)
        html_printf(r, "<th>%s</th>", import_column_title(kind, import_view_col(v, c), r->lang_en));
    html_raw(r, "</tr></thead><tbody>");
    for (long i = 0; i < n && i < PREVIEW_ROWS; i++) {
        html_printf(r, "<tr><td>%ld</td>", import_view_line(v, i));
        for (int c = 0; c < nc; c++) /* a code as the file may write it (cadre): in words */
            html_printf(r, "<td>%s</td>", html_cell_words(r, import_view_cell(v, i, c)));
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

/* What an import read and does, after what (ending the paragraph): "1.234
** dòng hợp lệ — 1.234 thêm mới, 0 cập nhật, 0 không đổi." */
static void show_counts(web_req *r, const import_stats *st, const char *rows_word) {
    html_printf(r, "%N %s — %N %s, %N %s, %N %s.</p>", (long long)st->rows, rows_word, (long long)st->inserted,
                TR(r, "thêm mới", "new"), (long long)st->updated, TR(r, "cập nhật", "updated"),
                (long long)st->unchanged, TR(r, "không đổi", "unchanged"));
}

/* The form that writes a checked upload kept under token. */
static void show_confirm(web_req *r, const char *name, const char *kind, const char *token, const import_stats *st) {
    html_printf(r, "<p class=\"ok\">%s: ", name);
    show_counts(r, st, TR(r, "dòng hợp lệ", "valid rows"));
    html_raw(r, "<form method=\"post\" action=\"/nhap/xac-nhan\" class=\"box\">");
    html_csrf(r);
    html_printf(r, "<input type=\"hidden\" name=\"ma\" value=\"%s\"/><input type=\"hidden\" name=\"loai\" "
                   "value=\"%s\"/><input type=\"hidden\" name=\"bang_ma\" value=\"%s\"/><button type=\"submit\">"
                   "%s</button> <a href=\"/nhap\">%s</a></form><p>%s</p>", token, kind, form(r, "bang_ma"),
                TR(r, "Xác nhận ghi", "Confirm and write"), TR(r, "Thôi, không ghi", "Cancel"),
                TR(r, "Chưa có gì được ghi cho đến khi bạn xác nhận.", "Nothing is written until you confirm."));
}

int page_import_check(web_req *r, lt_err *e) {
    const char *kind = known_kind(form(r, "loai"));
    text_enc enc = *form(r, "bang_ma") ? text_enc_parse(form(r, "bang_ma")) : TEXT_ENC_UNKNOWN;
    if (!kind) return lt_err_set(e, LT_EINPUT, "loai: loại dữ liệu không hợp lệ", "loai: unknown kind");
    if (r->upload.len == 0) return lt_err_set(e, LT_EINPUT, "tep: chưa chọn tệp", "tep: no file was sent");
    import_stats st;
    lt_diags d = {0};
    import_view *v = NULL;
    const char *name = r->upload_name[0] ? r->upload_name : "tep";
    int rc = import_check_view(&r->ctx, kind, r->upload.p, r->upload.len, enc, &st, &d, &v, e);
    if (rc == LT_EINPUT && st.unsure_of != TEXT_ENC_UNKNOWN) { /* the encoding to choose, in the form */
        lt_diags_free(&d);
        import_view_free(v);
        const char *likely = text_enc_name(st.unsure_of);
        html_begin(r, TR(r, "Chọn bảng mã của tệp", "Choose the file's encoding"));
        html_printf(r, "<p class=\"error\">%s: %s <strong>%s</strong>. %s</p>", name,
                    TR(r, "không chắc tệp viết bằng bảng mã nào; có lẽ là", "cannot tell the file's encoding; it is probably"),
                    encoding_label(likely), TR(r, "Chưa ghi gì. Hãy chọn lại tệp, xem bảng mã đã chọn dưới đây (đổi nếu "
                    "tệp gõ bằng bảng mã khác) rồi bấm Kiểm tra.", "Nothing was written. Choose the file again, check the "
                    "encoding chosen below (change it if the file was typed in another) and press Check."));
        import_form(r, kind, likely);
        html_end(r);
        return LT_OK;
    }
    if (rc == LT_EINPUT && !d.total) { /* not readable as a table: the file, where and what */
        lt_diags_free(&d);
        import_view_free(v);
        html_begin(r, TR(r, "Kết quả kiểm tra", "Check result"));
        html_printf(r, "<p class=\"error\">%s: %s — %s</p><p><a href=\"/nhap\">%s</a></p>", name,
                    TR(r, e->vi, e->en), TR(r, "chưa ghi gì", "nothing was written"),
                    TR(r, "Sửa tệp rồi nhập lại", "Correct the file and try again"));
        html_end(r);
        return LT_OK;
    }
    if (rc && !(rc == LT_EINPUT && d.total)) { lt_diags_free(&d); import_view_free(v); return rc; }
    html_begin(r, TR(r, "Kết quả kiểm tra", "Check result"));
    html_printf(r, "<p>%s: <strong>%s</strong></p>", TR(r, "Loại dữ liệu", "Kind"), kind_label(r, kind));
    show_layout(r, &st);
    if (d.total) {
        show_diags(r, name, kind, &d, v);
        html_printf(r, "<p><a href=\"/nhap#cot-%s\">%s</a></p>", kind,
                    TR(r, "Sửa tệp rồi nhập lại", "Correct the file and try again"));
    } else {
        char token[44];
        session_new_token(token);
        pending_sweep();
        if (pending_write(r, token, e)) { lt_diags_free(&d); import_view_free(v); return e->code; }
        show_confirm(r, name, kind, token, &st);
    }
    show_preview(r, kind, v);
    lt_diags_free(&d);
    import_view_free(v);
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
        show_diags(r, kind_label(r, kind), kind, &d, NULL);
        html_end(r);
        rc = LT_OK;
        r->status = 400;
    } else if (rc == LT_OK) {
        unlink(path);
        html_begin(r, TR(r, "Đã nhập", "Imported"));
        html_printf(r, "<p class=\"ok\">%s %s: ", TR(r, "Đã ghi vào cơ sở dữ liệu", "Written to the database"),
                    kind_label(r, kind));
        show_counts(r, &st, TR(r, "dòng", "rows"));
        show_layout(r, &st);
        const char *list = !strcmp(kind, "people") ? "/nguoi" : !strcmp(kind, "units") ? "/don-vi" : "/tong-quan";
        html_printf(r, "<p><a href=\"%s\">%s</a> · <a href=\"/nhap\">%s</a></p>", list,
                    !strcmp(kind, "people") ? TR(r, "Xem danh sách cán bộ, đảng viên", "See the people")
                    : !strcmp(kind, "units") ? TR(r, "Xem cây đơn vị", "See the units")
                    : TR(r, "Xem tổng quan", "See the dashboard"), TR(r, "Nhập tệp khác", "Import another file"));
        html_end(r);
    }
    lt_diags_free(&d);
    return rc;
}
