/*
** html.c — writing responses: HTML that escapes by default (%s escapes,
** only %S is trusted markup), the page frame with navigation in Vietnamese
** or English, tables of rows, JSON responses, redirects, cookies, and the
** one function that turns an error record into what the user sees.
*/
#include "pages.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The characters html_text writes as entities, and the end of a string. */
static const unsigned char html_special[256] = {[0] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1};

void html_text(web_req *r, const char *s) {
    for (const char *p = s; *p;) {
        const char *run = p; /* copied as it is, in one go */
        while (!html_special[(unsigned char)*p]) p++;
        lt_buf_append(&r->out, run, (size_t)(p - run));
        switch (*p) {
        case '&': lt_buf_puts(&r->out, "&amp;"); break;
        case '<': lt_buf_puts(&r->out, "&lt;"); break;
        case '>': lt_buf_puts(&r->out, "&gt;"); break;
        case '"': lt_buf_puts(&r->out, "&quot;"); break;
        case '\'': lt_buf_puts(&r->out, "&#39;"); break;
        default: return; /* the end of s */
        }
        p++;
    }
}

void html_raw(web_req *r, const char *s) { lt_buf_puts(&r->out, s); }

/* Append s URL-encoded (unreserved characters kept). */
static void url_encode(lt_buf *b, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            lt_buf_putc(b, (char)*p);
        } else {
            lt_buf_putc(b, '%');
            lt_buf_putc(b, hex[*p >> 4]);
            lt_buf_putc(b, hex[*p & 15]);
        }
    }
}

/* v in decimal, with sep between thousands unless sep is 0 (pages print
** thousands of numbers: no vsnprintf each). */
static void put_int(lt_buf *b, long long v, char sep) {
    char digits[LT_COUNT_MAX];
    lt_buf_append(b, digits, lt_count_fmt(digits, v, sep));
}

/* The separator of thousands in a count on r's page: "25.000", "25,000". */
static char count_sep(const web_req *r) { return r->lang_en ? ',' : '.'; }

void html_printf(web_req *r, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') {
            const char *end = strchrnul(p, '%');
            lt_buf_append(&r->out, p, (size_t)(end - p));
            p = end - 1;
            continue;
        }
        p++;
        if (*p == 's') html_text(r, va_arg(ap, const char *));
        else if (*p == 'S') html_raw(r, va_arg(ap, const char *));
        else if (*p == 'U') url_encode(&r->out, va_arg(ap, const char *));
        else if (*p == 'd') put_int(&r->out, va_arg(ap, int), 0);
        else if (*p == 'N') put_int(&r->out, va_arg(ap, long long), count_sep(r));
        else if (p[0] == 'l' && p[1] == 'd') { put_int(&r->out, va_arg(ap, long), 0); p++; }
        else if (p[0] == 'z' && p[1] == 'u') { lt_buf_printf(&r->out, "%zu", va_arg(ap, size_t)); p++; }
        else if (p[0] == 'l' && p[1] == 'l' && p[2] == 'd') {
            put_int(&r->out, va_arg(ap, long long), 0);
            p += 2;
        } else if (*p == '%') lt_buf_putc(&r->out, '%');
        else break; /* unknown conversion: a programming error; stop */
    }
    va_end(ap);
}

void html_rate(web_req *r, long tenths) {
    char p[32];
    report_percent_vi(tenths, p);
    if (r->lang_en && tenths >= 0) snprintf(p, sizeof p, "%ld.%ld%%", tenths / 10 % 100000, tenths % 10);
    html_text(r, p);
}

void html_csrf(web_req *r) {
    html_printf(r, "<input type=\"hidden\" name=\"csrf\" value=\"%s\"/>", r->csrf);
}

/* The other language's link: this page with every parameter it was asked
** with (but the notice of what was just done, and lang). */
static void lang_link(web_req *r) {
    html_raw(r, "<a href=\"");
    for (const char *seg = r->path; *seg;) { /* each segment encoded, its slashes kept */
        size_t n = strcspn(seg, "/");
        char part[WEB_MAX_PATH];
        snprintf(part, sizeof part, "%.*s", (int)n, seg);
        html_printf(r, "%U", part);
        seg += n;
        if (*seg == '/') { html_raw(r, "/"); seg++; }
    }
    html_raw(r, "?");
    for (int i = 0; i < r->query.n; i++)
        if (strcmp(r->query.v[i].name, "lang") && strcmp(r->query.v[i].name, "xong"))
            html_printf(r, "%U=%U&amp;", r->query.v[i].name, r->query.v[i].value);
    html_printf(r, "lang=%s\" class=\"lang\">%s</a>", r->lang_en ? "vi" : "en", r->lang_en ? "Tiếng Việt" : "English");
}

/* The navigation links a role sees. */
static void html_nav(web_req *r) {
    html_raw(r, "<nav>");
    if (r->logged_in) {
        if (r->ctx.role != ROLE_MEMBER) { /* a member opens only their own pages */
            html_printf(r, "<a href=\"/viec-can-lam\">%s</a>", TR(r, "Việc cần làm", "To do"));
            html_printf(r, "<a href=\"/tong-quan\">%s</a>", TR(r, "Tổng quan", "Dashboard"));
            html_printf(r, "<a href=\"/don-vi\">%s</a>", TR(r, "Đơn vị", "Units"));
            html_printf(r, "<a href=\"/nguoi\">%s</a>", TR(r, "Cán bộ, đảng viên", "People"));
        }
        if (r->ctx.role == ROLE_MEMBER) {
            html_printf(r, "<a href=\"/cua-toi\">%s</a>", TR(r, "Bản đăng ký của tôi", "My registration"));
            html_printf(r, "<a href=\"/mat-khau\">%s</a>", TR(r, "Đổi mật khẩu", "Password"));
        }
        if (r->ctx.role == ROLE_ADMIN || r->ctx.role == ROLE_OFFICER) {
            html_printf(r, "<a href=\"/nhap\">%s</a>", TR(r, "Nhập tệp", "Import"));
            html_printf(r, "<a href=\"/tai-khoan\">%s</a>", TR(r, "Tài khoản", "Accounts"));
            html_printf(r, "<a href=\"/y-kien\">%s (%N)</a>", TR(r, "Ý kiến", "Comments"),
                        (long long)comment_waiting_count(&r->ctx));
        }
        if (r->ctx.role == ROLE_ADMIN) {
            html_printf(r, "<a href=\"/nam\">%s</a>", TR(r, "Năm, chuyên đề", "Year setup"));
            html_printf(r, "<a href=\"/nhat-ky\">%s</a>", TR(r, "Nhật ký", "Audit log"));
        }
    }
    html_printf(r, "<a href=\"/cong-khai/\">%s</a>", TR(r, "Công khai", "Public"));
    lang_link(r);
    if (r->logged_in) {
        html_printf(r, "<form method=\"post\" action=\"/dang-xuat\" class=\"inline\">");
        html_csrf(r);
        html_printf(r, "<button type=\"submit\">%s (%s)</button></form>",
                    TR(r, "Đăng xuất", "Log out"), r->ctx.actor);
    } else {
        html_printf(r, "<a href=\"/dang-nhap\">%s</a>", TR(r, "Đăng nhập", "Log in"));
    }
    html_raw(r, "</nav>");
}

/* What an action did, said on the page it leads to (?xong=KEY). */
static const struct { const char *key, *vi, *en; } done_notices[] = {
    {"chuyen", "Đã ghi nhận chuyển sinh hoạt đảng.", "The transfer is recorded."},
    {"thoi", "Đã ghi nhận thôi sinh hoạt.", "The leaving is recorded."},
    {"nhan", "Đã ghi nhận người chuyển đến sinh hoạt tại đơn vị.", "The person's transfer in is recorded."},
    {"khoa", "Đã khóa tài khoản; các phiên đăng nhập của nó đã kết thúc.",
     "The account is disabled; its sessions have ended."},
    {"them-muc", "Đã thêm nội dung vào bản đăng ký.", "The item is added."},
    {"nop", "Đã nộp bản đăng ký; cấp ủy sẽ xem và duyệt.", "Submitted: the committee will review it."},
    {"duyet", "Đã duyệt bản đăng ký.", "The registration is approved."},
    {"tra-lai", "Đã trả lại bản đăng ký kèm lý do; người đăng ký sẽ sửa và nộp lại.",
     "Returned with the reason: its author will amend and submit it again."},
    {"cong-khai", "Đã công khai bản đăng ký: nội dung nay có trên trang công khai và bản tin truyền thanh.",
     "Published: it is now on the public pages and in the loudspeaker bulletin."},
    {"tu-danh-gia", "Đã ghi nhận bản tự đánh giá; chi bộ sẽ đánh giá, xếp loại.",
     "The self-assessment is recorded: the cell will grade it."},
    {"danh-gia", "Đã đánh giá, xếp loại bản đăng ký.", "The registration is graded."},
    {"tt-tao", "Đã tạo bản đăng ký tập thể; hãy thêm nội dung rồi gửi cấp trên duyệt.",
     "The collective registration is started: add its items, then submit it."},
    {"tt-noi-dung", "Đã thêm nội dung vào bản đăng ký tập thể.", "The item is added."},
    {"tt-gui", "Đã gửi bản đăng ký tập thể; cấp ủy cấp trên sẽ xem và duyệt.",
     "Submitted: the level above will review it."},
    {"tt-duyet", "Đã duyệt bản đăng ký tập thể.", "The collective registration is approved."},
    {"tt-tra-lai", "Đã trả lại bản đăng ký tập thể kèm lý do; đơn vị sẽ sửa và gửi lại.",
     "Returned with the reason: the unit will amend and submit it again."},
    {"tt-cong-khai", "Đã công khai bản đăng ký tập thể.", "The collective registration is published."},
    {"tt-tu-danh-gia", "Đã ghi nhận bản tự đánh giá; cấp ủy cấp trên sẽ đánh giá, xếp loại.",
     "The self-assessment is recorded: the level above will grade it."},
    {"tt-danh-gia", "Đã đánh giá, xếp loại bản đăng ký tập thể.", "The collective registration is graded."},
    {"luu", "Đã lưu.", "Saved."},
    {"phan-viet", "Đã lưu bản chính thức; báo cáo tải từ nay có các phần này.",
     "Saved as final: reports made from now on carry these parts."},
    {"phan-viet-nhap", "Đã lưu bản nháp; báo cáo chưa dùng cho đến khi lưu bản chính thức.",
     "Saved as a draft: reports use it once it is saved as final."},
    {"the-thuc", "Đã lưu thể thức văn bản; báo cáo và biểu mẫu tải sau đây dùng thể thức này.",
     "The letterhead is saved: reports and forms made from now on use it."},
    {"vai-tro", "Đã đổi vai trò; tài khoản dùng vai trò mới ngay từ lần bấm sau.",
     "The role is changed; the account works with it from its next click."},
    {"y-kien", "Cảm ơn bạn; ý kiến sẽ hiện sau khi cấp ủy xem xét.",
     "Thank you: the comment will appear once the committee has reviewed it."},
    {"y-kien-duyet", "Đã duyệt ý kiến: ý kiến nay hiện trên trang công khai.",
     "The comment is approved: it now shows on the public page."},
    {"y-kien-an", "Đã ẩn ý kiến.", "The comment is hidden."},
    {"y-kien-tra-loi", "Đã lưu câu trả lời; câu trả lời hiện cùng ý kiến khi ý kiến đã được duyệt.",
     "The answer is saved: it shows with the comment once the comment is approved."},
    {"mat-khau", "Đã lưu mật khẩu mới. Lần sau hãy đăng nhập bằng mật khẩu này.",
     "Your new password is saved: log in with it from now on."},
};

static void html_done_notice(web_req *r) {
    const char *key = web_param_get(&r->query, "xong");
    for (unsigned i = 0; key && i < LT_ARRAY_LEN(done_notices); i++)
        if (!strcmp(key, done_notices[i].key))
            html_printf(r, "<p class=\"done\" role=\"status\">%s</p>",
                        TR(r, done_notices[i].vi, done_notices[i].en));
}

void html_begin(web_req *r, const char *title) {
    r->ctype = "text/html; charset=utf-8";
    /* 16 KB with its NUL, a page's usual size, rather than grown from 64 bytes by doubling */
    lt_buf_reserve(&r->out, (16 << 10) - 1);
    html_printf(r, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"/>"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
                   "<title>%s — lamtheo</title><link rel=\"stylesheet\" href=\"/tinh/style.css\"/>"
                   "<link rel=\"icon\" href=\"/tinh/favicon.svg\" type=\"image/svg+xml\"/>"
                   "</head><body><header><a class=\"brand\" href=\"/\">lamtheo</a> ",
                r->lang_en ? "en" : "vi", title);
    html_nav(r);
    html_printf(r, "</header><main><h1>%s</h1>", title);
    html_done_notice(r);
}

void html_end(web_req *r) {
    html_printf(r, "</main><footer>%s</footer>",
                TR(r, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh — Chỉ thị 05-CT/TW, Kết luận"
                   " 01-KL/TW", "Studying and following Hồ Chí Minh's thought, morality and style — Directive"
                   " 05-CT/TW, Conclusion 01-KL/TW"));
    if (r->unit_picker) html_raw(r, "<script src=\"/tinh/chon-don-vi.js\"></script>");
    html_raw(r, "</body></html>\n");
}

const char *html_cell_words(web_req *r, const char *v) {
    if (*v < 'a' || *v > 'z') return v;
    const char *s = status_label(r, v);
    return s != v ? s : vocab_word(r, v);
}

void html_rows(web_req *r, const dom_rows *rows, const char *const *cols, const char *link_col,
               const char *link_prefix) {
    int link_shown = 0; /* else the first column carries the link */
    for (int c = 0; link_col && cols[c]; c += 2) link_shown |= !strcmp(cols[c], link_col);
    if (rows->n == 0) {
        html_printf(r, "<p class=\"empty\">%s</p>", TR(r, "Không có.", "None."));
        return;
    }
    html_raw(r, "<div class=\"scroll\"><table><thead><tr>");
    for (int c = 0; cols[c]; c += 2) {
        /* a heading is "Vietnamese|English", after a '#' for a column of counts */
        const char *h = cols[c + 1] + (cols[c + 1][0] == '#'), *bar = strchr(h, '|');
        char head[128];
        if (!bar) snprintf(head, sizeof head, "%s", h);
        else if (r->lang_en) snprintf(head, sizeof head, "%s", bar + 1);
        else snprintf(head, sizeof head, "%.*s", (int)(bar - h), h);
        html_printf(r, "<th>%s</th>", head);
    }
    html_raw(r, "</tr></thead><tbody>");
    for (long i = 0; i < rows->n; i++) {
        html_raw(r, "<tr>");
        for (int c = 0; cols[c]; c += 2) {
            const char *v = rows_get(rows, i, cols[c]);
            const char *shown = html_cell_words(r, v);
            if (link_col && (link_shown ? !strcmp(cols[c], link_col) : c == 0))
                html_printf(r, "<td><a href=\"%S%U\">%s</a></td>", link_prefix, rows_get(rows, i, link_col),
                            shown);
            else if (cols[c + 1][0] == '#' && rows_cell_type(rows, i, rows_column(rows, cols[c])) == ROWS_INT)
                html_printf(r, "<td>%N</td>", rows_int(rows, i, cols[c]));
            else
                html_printf(r, "<td>%s</td>", shown);
        }
        html_raw(r, "</tr>");
    }
    html_raw(r, "</tbody></table></div>");
}

json_t *json_cell(const dom_rows *rows, long i, int c) {
    const char *t = rows_cell(rows, i, c);
    switch (rows_cell_type(rows, i, c)) {
    case ROWS_NULL: return json_null();
    case ROWS_INT: return json_integer(strtoll(t, NULL, 10));
    case ROWS_REAL: return json_real(strtod(t, NULL));
    default: return json_string(t);
    }
}

json_t *json_row(const dom_rows *rows, long i) {
    json_t *o = json_object();
    for (int c = 0; c < rows->ncols; c++) json_object_set_new(o, rows->names[c], json_cell(rows, i, c));
    return o;
}

json_t *json_rows_array(const dom_rows *rows) {
    json_t *a = json_array();
    for (long i = 0; i < rows->n; i++) json_array_append_new(a, json_row(rows, i));
    return a;
}

void json_rows(web_req *r, const dom_rows *rows) {
    web_json(r, json_rows_array(rows));
}

void web_json(web_req *r, json_t *o) {
    r->ctype = "application/json; charset=utf-8";
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
    lt_buf_reset(&r->out);
    if (s) lt_buf_puts(&r->out, s);
    else r->out.err = LT_EOOM; /* the router answers 503 (the object or its text had no memory) */
    lt_buf_putc(&r->out, '\n');
    free(s);
    json_decref(o);
}

void web_redirect(web_req *r, const char *path) {
    r->status = strcmp(r->method, "GET") == 0 ? 302 : 303;
    /* only local paths of plain characters: never an open redirect */
    int safe = path[0] == '/' && path[1] != '/' && strlen(path) < sizeof r->location;
    for (const char *p = path; safe && *p; p++)
        safe = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
               strchr("/-_.?=&%~+", *p) != NULL;
    if (!safe) path = "/";
    snprintf(r->location, sizeof r->location, "%s", path);
    lt_buf_reset(&r->out);
}

/* Append s to out as part of a file name: runs of characters other than
** A-Z a-z 0-9 . _ (non-ASCII ones kept when keep_utf8) and of '-' become
** one '-', none at either end; nor does it begin with a dot. */
static void file_name_chars(lt_buf *out, const char *s, int keep_utf8) {
    size_t start = out->len;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int c = *p;
        int keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   (c == '.' && out->len > start) || c == '_' || (keep_utf8 && c >= 0x80);
        if (!keep) { dash = out->len > start; continue; }
        if (dash) lt_buf_putc(out, '-');
        dash = 0;
        lt_buf_putc(out, (char)c);
    }
}

/* Split name into its stem (cleaned of what free text may not hold, at
** most WEB_FILE_STEM bytes, cut between characters) and its extension
** (after the last '.', 1-8 ASCII letters or digits; "" when none). */
static int file_name_split(const char *name, lt_buf *stem, char ext[9]) {
    const char *dot = strrchr(name, '.');
    size_t n = strlen(name), k = dot ? strlen(dot + 1) : 0;
    int ok = dot && k >= 1 && k <= 8;
    for (size_t i = 1; ok && i <= k; i++)
        ok = (dot[i] >= 'a' && dot[i] <= 'z') || (dot[i] >= 'A' && dot[i] <= 'Z') || (dot[i] >= '0' && dot[i] <= '9');
    snprintf(ext, 9, "%s", ok ? dot + 1 : "");
    if (ok) n = (size_t)(dot - name);
    if (n > WEB_FILE_STEM) {
        n = WEB_FILE_STEM;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80) n--;   /* not inside a character */
    }
    return text_clean(name, n, "-", stem);
}

void web_attachment(web_req *r, const char *ctype, const char *name) {
    lt_buf stem, plain, ascii, utf8;
    char ext[9];
    lt_buf_init(&stem, WEB_FILE_STEM * 3 + 16);
    lt_buf_init(&plain, WEB_FILE_STEM * 3 + 16);
    lt_buf_init(&ascii, WEB_FILE_STEM + 16);
    lt_buf_init(&utf8, WEB_FILE_STEM * 9 + 64);
    int rc = file_name_split(name ? name : "", &stem, ext);
    if (rc == LT_OK) rc = text_strip_marks(stem.p, stem.len, &plain);
    if (rc == LT_OK) {
        file_name_chars(&ascii, plain.p, 0);
        lt_buf tmp;
        lt_buf_init(&tmp, WEB_FILE_STEM * 3 + 16);
        file_name_chars(&tmp, stem.p, 1);
        if (tmp.p) url_encode(&utf8, tmp.p);   /* RFC 5987: attr-char kept, the rest %XX */
        lt_buf_free(&tmp);
    }
    if (rc || !ascii.len) {   /* nothing plain left ("한국"): "tai-ve" (download) */
        lt_buf_reset(&ascii);
        lt_buf_puts(&ascii, "tai-ve");
    }
    if (rc || !utf8.len) {
        lt_buf_reset(&utf8);
        lt_buf_puts(&utf8, ascii.p ? ascii.p : "tai-ve");
    }
    r->ctype = ctype;
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"%s%s%s\"; filename*=UTF-8''%s%s%s",
             ascii.p ? ascii.p : "", *ext ? "." : "", ext, utf8.p ? utf8.p : "", *ext ? "." : "", ext);
    lt_buf_free(&stem);
    lt_buf_free(&plain);
    lt_buf_free(&ascii);
    lt_buf_free(&utf8);
}

void web_set_cookie(web_req *r, const char *name, const char *value, long max_age) {
    if (r->ncookies_out >= 3) return;
    snprintf(r->cookies_out[r->ncookies_out++], sizeof r->cookies_out[0],
             "%s=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s", name, max_age < 0 ? "" : value,
             max_age < 0 ? 0 : max_age, r->https ? "; Secure" : "");
}

static int status_of(int code) {
    switch (code) {
    case LT_EINPUT: case LT_EUSAGE: return 400;
    case LT_EREFUSED: return 403;
    case LT_ENOTFOUND: return 404;
    case LT_ECONFLICT: return 409;
    case LT_ENOMEM: return 413;
    case LT_EBUSY: case LT_EOOM: return 503;
    default: return 500;
    }
}

static const char *code_name(int code) {
    switch (code) {
    case LT_EINPUT: case LT_EUSAGE: return "bad_input";
    case LT_EREFUSED: return "refused";
    case LT_ENOTFOUND: return "not_found";
    case LT_ECONFLICT: return "conflict";
    case LT_ENOMEM: return "too_large";
    case LT_EBUSY: return "busy";
    case LT_EOOM: return "out_of_memory";
    default: return "internal";
    }
}

void web_fail(web_req *r, const lt_err *e) {
    int code = e->code ? e->code : LT_EINPUT;
    r->status = status_of(code);
    r->err_code = code; /* for the access log */
    const char *vi = e->vi, *en = e->en;
    if (code == LT_EDB || code == LT_EIO) {
        fprintf(stderr, "lamtheo serve: %s %s: %s\n", r->method, r->path, e->en);
        vi = "lỗi hệ thống; thao tác chưa được thực hiện, hãy thử lại sau";
        en = "internal error; nothing was changed, try again later";
    }
    if (code == LT_EBUSY || code == LT_EOOM) {
        /* another process (a large import) holds the database longer than a
        ** page may wait, or memory ran out: nothing was done; say when to
        ** come back */
        fprintf(stderr, "lamtheo serve: %s %s: %s\n", r->method, r->path, e->en);
        r->retry_after = WEB_RETRY_AFTER;
    }
    lt_buf_reset(&r->out);
    r->location[0] = 0;
    if (r->is_api) {
        web_json(r, json_pack("{s{ss ss ss ss}}", "error", "code", code_name(code), "message",
                              r->lang_en ? en : vi, "message_vi", vi, "message_en", en));
        return;
    }
    html_begin(r, TR(r, "Không thực hiện được", "Could not be done"));
    html_printf(r, "<p class=\"error\">%s</p>", r->lang_en ? en : vi);
    const char *hint = r->status == 403 ? TR(r, "Nếu cần quyền này, hãy liên hệ quản trị viên.",
                                             "If you need this access, ask an administrator.")
                     : r->status == 404 ? TR(r, "Kiểm tra lại đường dẫn.", "Check the address.")
                     : r->status == 503 ? TR(r, "Chưa có gì thay đổi. Hãy tải lại trang sau ít phút.",
                                             "Nothing was changed. Reload the page in a few minutes.")
                     : TR(r, "Hãy sửa lại và gửi lại.", "Correct it and send it again.");
    html_printf(r, "<p>%s <a href=\"/\">%s</a></p>", hint, TR(r, "Về trang chủ", "Home"));
    html_end(r);
}
