/*
** import_cols.c — the columns each import kind takes: their canonical
** names (what export writes), the Vietnamese headers offices write (and the
** template writes), required or not, how cells are checked and what they
** hold; matching a header cell to a column; and the templates to fill.
** The order of each kind's columns is fixed: import.c reads cells by it.
*/
#include "doc.h"
#include "import_cols.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define HIST 0   /* a history column (export writes it): not in the template */
#define TMPL 1

static const import_kind import_kinds[] = {
    {"units", {
        {"ma_don_vi", {"ma dv", "ma so don vi"}, 1, CHK_TEXT, "Mã đơn vị", "Unit code", TMPL, "CB-01",
         "mã riêng của đơn vị, không trùng", "the unit's own code, unique"},
        {"ten_don_vi", {"don vi", "ten", "ten to chuc"}, 1, CHK_TEXT, "Tên đơn vị", "Unit name", TMPL,
         "Chi bộ ấp Tân Điền", "tên đầy đủ", "the full name"},
        {"loai", {"loai don vi", "loai hinh"}, 1, CHK_UNIT_KIND, "Loại đơn vị", "Kind", TMPL, "Chi bộ", NULL, NULL},
        {"ma_don_vi_cap_tren", {"cap tren", "ma cap tren", "don vi cap tren", "truc thuoc"}, 0, CHK_TEXT,
         "Mã đơn vị cấp trên", "Parent unit code", TMPL, "DB-SD",
         "mã đơn vị cấp trên (trong tệp hoặc đã có); để trống nếu là cấp cao nhất",
         "the parent's code (in the file or stored); empty for the top"},
        {"tu_ngay", {"truc thuoc tu ngay"}, 0, CHK_DATE, "Trực thuộc từ ngày", "Under the parent from", HIST,
         "01/01/2020", NULL, NULL},
        {"hoat_dong_tu", {"thanh lap ngay", "ngay thanh lap"}, 0, CHK_DATE, "Ngày thành lập", "Founded on",
         HIST, "01/01/2020", NULL, NULL},
        {"hoat_dong_den", {"ngung hoat dong ngay", "ngay giai the"}, 0, CHK_DATE, "Ngày giải thể",
         "Closed on", HIST, "", NULL, NULL},
        {"sap_nhap_vao", {"hop nhat vao", "don vi ke thua"}, 0, CHK_TEXT, "Hợp nhất vào", "Merged into",
         HIST, "", "mã các đơn vị kế thừa, cách nhau bởi dấu ;", "the successors' codes, split by ;"},
        {"ngay_sap_nhap", {"ngay hop nhat"}, 0, CHK_DATE, "Ngày hợp nhất", "Merged on", HIST, "", NULL, NULL}}},
    {"people", {
        {"ma_nguoi", {"ma so", "ma can bo", "ma dang vien", "so the dang vien"}, 1, CHK_TEXT, "Mã người",
         "Person code", TMPL, "P001", "mã riêng của mỗi người, không trùng", "each person's own code, unique"},
        {"ho_ten", {"ho va ten", "ten"}, 1, CHK_TEXT, "Họ và tên", "Full name", TMPL, "Nguyễn Thị Hoa", NULL, NULL},
        {"ngay_sinh", {"sinh ngay", "nam sinh", "ngay thang nam sinh"}, 0, CHK_BIRTH, "Ngày sinh",
         "Date of birth", TMPL, "05/03/1975", NULL, NULL},
        {"gioi_tinh", {"gioi"}, 0, CHK_GENDER, "Giới tính", "Gender", TMPL, "Nữ", NULL, NULL},
        {"ma_don_vi", {"ma dv", "don vi", "ma chi bo"}, 1, CHK_UNIT_REF, "Mã đơn vị", "Unit code", TMPL, "CB-01",
         NULL, NULL},
        {"chuc_vu", {"chuc danh"}, 0, CHK_TEXT, "Chức vụ", "Position", TMPL, "Bí thư Chi bộ", NULL, NULL},
        {"doi_tuong", {"loai doi tuong"}, 1, CHK_CATEGORY, "Đối tượng", "Category", TMPL, "Đảng viên", NULL, NULL},
        {"can_bo_chu_chot", {"chu chot", "ccc"}, 0, CHK_BOOL, "Cán bộ chủ chốt", "Key cadre", TMPL, "x", NULL, NULL},
        {"nguoi_dung_dau", {"dung dau"}, 0, CHK_BOOL, "Người đứng đầu", "Head", TMPL, "", NULL, NULL},
        {"tu_ngay", {"sinh hoat tu ngay", "ngay sinh hoat", "ngay chuyen den"}, 0, CHK_DATE,
         "Sinh hoạt từ ngày", "Member there from", TMPL, "01/01/2024", NULL, NULL},
        {"ngay_vao_dang", {"ngay ket nap", "ngay vao dang cong san viet nam"}, 0, CHK_DATE, "Ngày vào Đảng",
         "Joined the Party on", TMPL, "19/05/2001", NULL, NULL},
        {"noi_cong_tac", {"co quan cong tac", "don vi cong tac"}, 0, CHK_TEXT, "Nơi công tác", "Workplace",
         TMPL, "Trường Tiểu học Sơn Định", NULL, NULL},
        {"den_ngay", {"sinh hoat den ngay", "ngay chuyen di"}, 0, CHK_DATE, "Sinh hoạt đến ngày",
         "Member there until", HIST, "", NULL, NULL}}},
    {"registrations", {
        {"ma_nguoi", {"ma so", "ma can bo", "ma dang vien"}, 1, CHK_PERSON_REF, "Mã người", "Person code",
         TMPL, "P001", NULL, NULL},
        {"nam", {"nam dang ky"}, 1, CHK_YEAR, "Năm", "Year", TMPL, "2024", NULL, NULL},
        {"noi_dung", {"noi dung dang ky", "noi dung lam theo"}, 1, CHK_TEXT, "Nội dung đăng ký",
         "Item", TMPL, "Giữ gìn phẩm chất đạo đức, lối sống", "một nội dung mỗi dòng", "one item a row"},
        {"nhom", {"nhom noi dung"}, 0, CHK_GROUP, "Nhóm", "Group", TMPL, "Đạo đức", NULL, NULL},
        {"han", {"thoi han"}, 0, CHK_DATE, "Thời hạn", "Deadline", HIST, "", NULL, NULL},
        {"tu_danh_gia", {"ket qua tu danh gia"}, 0, CHK_TEXT, "Tự đánh giá", "Self-assessment", HIST, "", NULL, NULL},
        {"ghi_chu", {"ghi chu danh gia"}, 0, CHK_TEXT, "Ghi chú", "Note", HIST, "", NULL, NULL},
        {"trang_thai", {"tinh trang"}, 0, CHK_TEXT, "Trạng thái", "State", HIST, "", NULL, NULL},
        {"xep_loai", {"ket qua xep loai"}, 0, CHK_TEXT, "Xếp loại", "Grade", HIST, "", NULL, NULL},
        {"ngay_cong_khai", {NULL}, 0, CHK_DATE, "Ngày công khai", "Published on", HIST, "", NULL, NULL},
        {"ma_don_vi", {"ma dv"}, 0, CHK_UNIT_REF, "Mã đơn vị", "Unit code", HIST, "", NULL, NULL}}},
    {"deployments", {
        {"ma_don_vi", {"ma dv", "don vi"}, 1, CHK_UNIT_REF, "Mã đơn vị", "Unit code", TMPL, "CB-01", NULL, NULL},
        {"nam", {NULL}, 1, CHK_YEAR, "Năm", "Year", TMPL, "2024", NULL, NULL},
        {"ngay", {"ngay trien khai"}, 1, CHK_DATE, "Ngày triển khai", "Day", TMPL, "20/03/2024", NULL, NULL},
        {"hinh_thuc", {"hinh thuc trien khai"}, 1, CHK_FORM, "Hình thức", "Form", TMPL, "Sinh hoạt chi bộ", NULL, NULL},
        {"co_mat", {"so co mat", "so du", "co mat"}, 1, CHK_COUNT, "Số có mặt", "Present", TMPL, "18", NULL, NULL},
        {"tong_so", {"so phai du", "tong so dang vien", "tong so"}, 1, CHK_COUNT, "Tổng số đảng viên",
         "Members in all", TMPL, "20", NULL, NULL}}},
};

/* What each check takes, for the import page. */
static const char *const check_what[][2] = {
    [CHK_TEXT] = {"chữ", "text"},
    [CHK_DATE] = {"ngày dd/mm/yyyy (5/3/2024, 05-03-2024, 05.03.2024, 2024-03-05 hoặc ô ngày của Excel)",
                  "a date dd/mm/yyyy (5/3/2024, 05-03-2024, 05.03.2024, 2024-03-05 or an Excel date cell)"},
    [CHK_BIRTH] = {"ngày dd/mm/yyyy, hoặc chỉ năm sinh (1975)", "a date dd/mm/yyyy, or the year alone (1975)"},
    [CHK_BOOL] = {"x (hoặc có, 1) nếu đúng; để trống (hoặc không, 0) nếu không",
                  "x (or có, 1) when true; empty (or không, 0) when not"},
    [CHK_YEAR] = {"năm, bốn chữ số", "a year, four digits"},
    [CHK_COUNT] = {"số nguyên; viết 1.300 cũng được", "a whole number; 1.300 is read as 1300"},
    [CHK_UNIT_KIND] = {"Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ (trực thuộc), Cơ quan, Đoàn thể, Huyện ủy, Tỉnh ủy",
                       "Đảng bộ cơ sở, Chi bộ cơ sở, Chi bộ (trực thuộc), Cơ quan, Đoàn thể, Huyện ủy, Tỉnh ủy"},
    [CHK_CATEGORY] = {"Đảng viên, Cán bộ, Công chức, Viên chức, Người lao động hoặc Khác",
                      "Đảng viên, Cán bộ, Công chức, Viên chức, Người lao động or Khác"},
    [CHK_GENDER] = {"Nam hoặc Nữ", "Nam or Nữ"},
    [CHK_GROUP] = {"Đạo đức, Phong cách, Tác phong, Chuyên môn hoặc Khác",
                   "Đạo đức, Phong cách, Tác phong, Chuyên môn or Khác"},
    [CHK_FORM] = {"Sinh hoạt chi bộ, Hội nghị hoặc Lồng ghép", "Sinh hoạt chi bộ, Hội nghị or Lồng ghép"},
    [CHK_UNIT_REF] = {"mã một đơn vị đã có", "the code of a stored unit"},
    [CHK_PERSON_REF] = {"mã một người đã có", "the code of a stored person"},
};

const import_kind *import_kind_find(const char *kind) {
    for (unsigned i = 0; kind && i < LT_ARRAY_LEN(import_kinds); i++)
        if (strcmp(import_kinds[i].kind, kind) == 0) return &import_kinds[i];
    return NULL;
}

int import_kind_ncols(const import_kind *k) {
    int n = 0;
    while (n < IMPORT_MAX_COLS && k->cols[n].name) n++;
    return n;
}

/* Is c an ASCII letter or digit (the fold leaves no others that matter)? */
static int hdr_alnum(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

char *import_header_norm(const char *h) {
    char *f = text_fold_dup(h ? h : "");
    if (!f) return NULL;
    size_t o = 0;
    int depth = 0, space = 0;
    for (size_t i = 0; f[i]; i++) {
        unsigned char c = (unsigned char)f[i];
        if (c == '(') depth++;
        else if (c == ')' && depth > 0) { depth--; space = 1; }
        else if (depth > 0) continue;
        else if (c >= 'A' && c <= 'Z') c = (unsigned char)(c - 'A' + 'a');
        if (depth > 0 || c == ')' || c == '(' || !hdr_alnum(c)) { space = o > 0; continue; }
        if (space) f[o++] = ' ';
        space = 0;
        f[o++] = (char)c;
    }
    f[o] = 0;
    return f;
}

/* Does norm equal name with its '_' read as spaces? */
static int hdr_eq_name(const char *norm, const char *name) {
    for (; *norm && *name; norm++, name++)
        if (*norm != (*name == '_' ? ' ' : *name)) return 0;
    return !*norm && !*name;
}

/* The titles normalised, made once (a header cell is matched against
** every title, and the first rows of a file have many cells). */
static char *title_norm[LT_ARRAY_LEN(import_kinds)][IMPORT_MAX_COLS];
static pthread_once_t title_once = PTHREAD_ONCE_INIT;

static void title_init(void) {
    for (unsigned k = 0; k < LT_ARRAY_LEN(import_kinds); k++)
        for (int c = 0; c < IMPORT_MAX_COLS && import_kinds[k].cols[c].name; c++)
            title_norm[k][c] = import_header_norm(import_kinds[k].cols[c].title_vi);
}

/* Does norm equal the normalised title of column c of k? */
static int hdr_eq_title(const import_kind *k, int c, const char *norm) {
    pthread_once(&title_once, title_init);
    const char *t = title_norm[k - import_kinds][c];
    if (t) return strcmp(t, norm) == 0;
    char *made = import_header_norm(k->cols[c].title_vi);   /* no memory the first time */
    int eq = made && strcmp(made, norm) == 0;
    free(made);
    return eq;
}

int import_header_match(const import_kind *k, const char *norm) {
    static const char *const seq[] = {"stt", "tt", "so tt", "so thu tu", "thu tu", "s tt"};
    if (!norm || !*norm) return -1;
    for (unsigned i = 0; i < LT_ARRAY_LEN(seq); i++)
        if (strcmp(norm, seq[i]) == 0) return IMPORT_SEQ_COL;
    for (int c = 0; c < IMPORT_MAX_COLS && k->cols[c].name; c++) {
        const import_col *col = &k->cols[c];
        if (hdr_eq_name(norm, col->name)) return c;
        for (int a = 0; a < 4 && col->alias[a]; a++)
            if (strcmp(norm, col->alias[a]) == 0) return c;
    }
    for (int c = 0; c < IMPORT_MAX_COLS && k->cols[c].name; c++)
        if (hdr_eq_title(k, c, norm)) return c;
    return -1;
}

int import_column_info(const char *kind, int i, import_col_info *out) {
    const import_kind *k = import_kind_find(kind);
    if (!k || i < 0 || i >= import_kind_ncols(k)) return -1;
    const import_col *c = &k->cols[i];
    *out = (import_col_info){c->name, c->title_vi, c->title_en, c->note_vi ? c->note_vi : check_what[c->check][0],
                             c->note_en ? c->note_en : check_what[c->check][1], c->example, c->required,
                             c->in_template};
    return LT_OK;
}

const char *import_column_title(const char *kind, const char *column, int en) {
    const import_kind *k = import_kind_find(kind);
    for (int c = 0; k && column && c < import_kind_ncols(k); c++)
        if (strcmp(k->cols[c].name, column) == 0) return en ? k->cols[c].title_en : k->cols[c].title_vi;
    return column ? column : "";
}

/* The template as CSV: BOM, the headers, CRLF. */
static int template_csv(const import_kind *k, lt_buf *out, lt_err *e) {
    lt_buf_puts(out, "\xEF\xBB\xBF");
    for (int c = 0, n = 0; c < import_kind_ncols(k); c++) {
        if (!k->cols[c].in_template) continue;
        if (n++) lt_buf_putc(out, ',');
        export_csv_cell(out, k->cols[c].title_vi);
    }
    if (lt_buf_puts(out, "\r\n")) return lt_err_oom(e);
    return LT_OK;
}

/* The second sheet: each column, required or not, what it holds, an example. */
static void template_guide(lxw_workbook *wb, const import_kind *k, lxw_format *bold) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Huong dan");
    static const char *const head[] = {"Cột", "Tên trong hệ thống", "Bắt buộc", "Nội dung", "Ví dụ"};
    for (int h = 0; h < 5; h++) xlsx_text(ws, 0, (lxw_col_t)h, head[h], bold);
    lxw_row_t r = 1;
    for (int c = 0; c < import_kind_ncols(k); c++) {
        const import_col *col = &k->cols[c];
        if (!col->in_template) continue;
        xlsx_text(ws, r, 0, col->title_vi, NULL);
        xlsx_text(ws, r, 1, col->name, NULL);
        xlsx_text(ws, r, 2, col->required ? "có" : "", NULL);
        xlsx_text(ws, r, 3, col->note_vi ? col->note_vi : check_what[col->check][0], NULL);
        xlsx_text(ws, r++, 4, col->example, NULL);
    }
    worksheet_set_column(ws, 0, 2, 20, NULL);
    worksheet_set_column(ws, 3, 3, 70, NULL);
    worksheet_set_column(ws, 4, 4, 28, NULL);
}

/* The template as XLSX: the headers, bold and frozen, code and text
** columns formatted as text (codes keep their leading zeros); then the guide. */
static int template_xlsx(const import_kind *k, lt_buf *out, lt_err *e) {
    char path[32];
    lxw_workbook *wb = xlsx_begin(path, e);
    if (!wb) return e->code;
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sach");
    lxw_format *bold = workbook_add_format(wb), *text = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_text_wrap(bold);
    format_set_num_format(text, "@");
    for (int c = 0, n = 0; c < import_kind_ncols(k); c++) {
        const import_col *col = &k->cols[c];
        if (!col->in_template) continue;
        int as_text = col->check == CHK_TEXT || col->check == CHK_UNIT_REF || col->check == CHK_PERSON_REF;
        worksheet_set_column(ws, (lxw_col_t)n, (lxw_col_t)n, col->check == CHK_TEXT ? 28 : 16,
                             as_text ? text : NULL);
        xlsx_text(ws, 0, (lxw_col_t)n++, col->title_vi, bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    template_guide(wb, k, bold);
    return xlsx_end(wb, path, LT_OK, out, e);
}

int import_template(const char *kind, export_format fmt, lt_buf *out, lt_err *e) {
    const import_kind *k = import_kind_find(kind);
    if (!k) return lt_err_set(e, LT_ENOTFOUND, "không có mẫu này", "no such template");
    return fmt == EXPORT_XLSX ? template_xlsx(k, out, e) : template_csv(k, out, e);
}
