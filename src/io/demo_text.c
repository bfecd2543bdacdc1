/*
** demo_text.c — what the demo's people write.  Commitments fitted to each
** one's duties (a commune's secretary does not promise what a cell member
** or a treasury clerk does), with their place and year in them, and the
** workplaces of cell members.  Templates take {P} (the place), {N} (a
** small number) and {Y} (the year).
*/
#include "demo.h"

#include <stdio.h>
#include <string.h>

static const char *const morality[] = {
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước; vận động gia đình cùng thực hiện",
    "Giữ gìn phẩm chất đạo đức, lối sống; không vi phạm những điều đảng viên không được làm",
    "Thực hành tiết kiệm, chống lãng phí trong sinh hoạt và công tác; không tổ chức tiệc tùng phô trương",
    "Trung thực, thẳng thắn tự phê bình và phê bình trong sinh hoạt chi bộ",
    "Đấu tranh với quan điểm sai trái, thông tin xấu độc trên mạng xã hội",
    "Giữ gìn đoàn kết nội bộ; không nói xấu, không gây mất đoàn kết ở cơ quan và nơi cư trú",
    "Sống giản dị, chan hòa; quan tâm giúp đỡ hàng xóm lúc khó khăn, hoạn nạn",
    "Nêu gương cần, kiệm, liêm, chính, chí công vô tư trong thực thi nhiệm vụ",
};

static const char *const manner[] = {
    "Tham gia đầy đủ, đúng giờ sinh hoạt chi bộ hằng tháng và sinh hoạt chuyên đề hằng quý",
    "Gần dân, lắng nghe ý kiến Nhân dân {P}; trả lời kiến nghị trong 7 ngày làm việc",
    "Nói đi đôi với làm; trên trước, dưới sau; trong trước, ngoài sau",
    "Đổi mới lề lối làm việc; giải quyết công việc đúng hạn, không để tồn đọng",
    "Đọc và trao đổi trong chi bộ {N} tác phẩm, bài viết của Chủ tịch Hồ Chí Minh trong năm {Y}",
    "Ứng xử văn minh, lịch sự với Nhân dân và đồng nghiệp; không gây phiền hà, sách nhiễu",
    "Mỗi tháng dành thời gian thăm hỏi, nắm đời sống các hộ gia đình nơi cư trú",
    "Sử dụng dịch vụ công trực tuyến và hướng dẫn bà con {P} cùng sử dụng",
};

/* Duties, by role: the two items each person draws from their own. */
static const char *const duties[DEMO_ROLES][7] = {
    [ROLE_COMMUNE_SECRETARY] = {
        "Chỉ đạo 100% chi bộ của Đảng bộ {P} đưa chuyên đề năm {Y} vào sinh hoạt định kỳ",
        "Đối thoại trực tiếp với Nhân dân {P} ít nhất {N} lần trong năm {Y}",
        "Chỉ đạo hoàn thành chỉ tiêu nghị quyết năm {Y} của Đảng bộ {P} về xây dựng nông thôn mới",
        "Kiểm tra việc đăng ký làm theo của cán bộ chủ chốt xã; xử lý kịp thời vi phạm",
        "Tiếp dân định kỳ ngày 15 hằng tháng tại trụ sở Đảng ủy {P}", NULL},
    [ROLE_COMMUNE_DEPUTY] = {
        "Theo dõi việc các chi bộ ấp thực hiện chuẩn mực đạo đức theo chuyên đề năm {Y}",
        "Tổ chức sơ kết 6 tháng việc học tập và làm theo Bác ở Đảng bộ {P}",
        "Hướng dẫn các chi bộ viết bản đăng ký gắn với nhiệm vụ cụ thể của từng đảng viên",
        "Phát hiện, giới thiệu {N} gương điển hình làm theo Bác ở {P}",
        "Chuẩn bị nội dung sinh hoạt chuyên đề hằng quý cho các chi bộ trực thuộc", NULL},
    [ROLE_COMMUNE_CHAIR] = {
        "Giải quyết đúng hạn 100% hồ sơ thủ tục hành chính tại bộ phận một cửa {P}",
        "Chỉ đạo làm mới {N} km đường giao thông nông thôn ở {P} trong năm {Y}",
        "Tiếp công dân định kỳ và đột xuất; giải quyết dứt điểm đơn thư tồn đọng",
        "Hỗ trợ {N} hộ nghèo của {P} vay vốn phát triển vườn cây ăn trái, hoa kiểng",
        "Công khai dự toán, quyết toán ngân sách xã tại trụ sở và trên loa truyền thanh", NULL},
    [ROLE_FRONT_CHAIR] = {
        "Vận động Nhân dân {P} đóng góp làm cầu, đường và lắp đèn chiếu sáng",
        "Tổ chức lấy ý kiến Nhân dân {P} về cán bộ, đảng viên nơi cư trú",
        "Vận động quỹ Vì người nghèo, xây {N} căn nhà đại đoàn kết trong năm {Y}",
        "Giám sát việc thực hiện quy chế dân chủ ở cơ sở tại {P}",
        "Phối hợp các đoàn thể tổ chức ngày hội đại đoàn kết ở các ấp", NULL},
    [ROLE_CELL_SECRETARY] = {
        "Duy trì sinh hoạt chi bộ đúng kỳ, có nội dung chuyên đề hằng quý",
        "Phân công mỗi đảng viên phụ trách {N} hộ gia đình trong ấp",
        "Vận động bà con {P} giữ vệ sinh môi trường, trồng hoa hai bên đường",
        "Theo dõi, nhận xét việc thực hiện bản đăng ký của từng đảng viên chi bộ",
        "Nắm tình hình, hòa giải kịp thời mâu thuẫn trong khu dân cư", NULL},
    [ROLE_CELL_MEMBER] = {
        "Giúp {N} hộ nghèo, cận nghèo ở {P} chuyển đổi giống cây ăn trái, hoa kiểng",
        "Tham gia tổ tự quản, giữ gìn an ninh trật tự ở {P}",
        "Vận động gia đình và bà con hiến đất, góp ngày công làm đường giao thông nông thôn",
        "Hướng dẫn bà con kỹ thuật ghép, nhân giống cây trồng",
        "Gương mẫu đóng góp các khoản quỹ ở địa phương đầy đủ, đúng hạn",
        "Cùng tổ dân phát quang, quét dọn đường làng mỗi tháng một lần",
        "Vận động con em trong độ tuổi đến trường, không để trẻ em {P} bỏ học"},
    [ROLE_AGENCY_HEAD] = {
        "Chỉ đạo {P} hoàn thành đúng hạn các chỉ tiêu công tác năm {Y}",
        "Công khai quy chế chi tiêu nội bộ; thực hành tiết kiệm trong {P}",
        "Đối thoại với cán bộ, công chức của đơn vị {N} lần trong năm",
        "Gương mẫu kê khai tài sản, thu nhập đúng quy định",
        "Xây dựng {P} trong sạch, vững mạnh, không có cán bộ vi phạm kỷ luật", NULL},
    [ROLE_SPECIALIST] = {
        "Hoàn thành đúng hạn 100% hồ sơ, văn bản được giao tại {P}",
        "Tự học nâng cao trình độ chuyên môn, tin học, ngoại ngữ",
        "Đề xuất {N} sáng kiến cải tiến quy trình làm việc trong năm {Y}",
        "Chấp hành nghiêm giờ giấc làm việc, nội quy của {P}",
        "Tận tình hướng dẫn người dân, doanh nghiệp đến liên hệ công việc", NULL},
    [ROLE_WORKER] = {
        "Giữ gìn tài sản, vệ sinh công sở của {P} sạch đẹp",
        "Chấp hành giờ giấc, nội quy lao động của cơ quan",
        "Tiết kiệm điện, nước, văn phòng phẩm trong cơ quan",
        "Hỗ trợ đồng nghiệp hoàn thành công việc được giao", NULL},
    [ROLE_DISTRICT_LEADER] = {
        "Đi cơ sở ít nhất {N} ngày mỗi tháng; nắm tình hình đời sống Nhân dân {P}",
        "Chỉ đạo đưa việc học tập và làm theo Bác thành nội dung thường xuyên của các tổ chức đảng {P}",
        "Tiếp công dân định kỳ; đối thoại với Nhân dân về những vấn đề bức xúc",
        "Công khai lịch làm việc và kết quả thực hiện cam kết trước Ban Thường vụ",
        "Chỉ đạo hoàn thành các chỉ tiêu nghị quyết năm {Y} của Đảng bộ {P}", NULL},
};

/* The template t with {P}, {N}, {Y} filled, into out. */
static void expand(const char *t, const char *place, int number, int year, char *out, size_t n) {
    size_t len = 0;
    out[0] = 0;
    while (*t && len + 1 < n) {
        char piece[32] = "";
        const char *add = NULL;
        if (!strncmp(t, "{P}", 3)) add = place;
        else if (!strncmp(t, "{N}", 3)) snprintf(piece, sizeof piece, "%d", number), add = piece;
        else if (!strncmp(t, "{Y}", 3)) snprintf(piece, sizeof piece, "%d", year), add = piece;
        if (add) {
            int w = snprintf(out + len, n - len, "%s", add);
            len = w < 0 || (size_t)w >= n - len ? n - 1 : len + (size_t)w;
            t += 3;
        } else {
            out[len++] = *t++;
            out[len] = 0;
        }
    }
}

static int count_of(const char *const *pool, int cap) {
    int n = 0;
    while (n < cap && pool[n]) n++;
    return n;
}

const char *demo_commitment(demo_role role, const char *place, int year, int k, unsigned pick,
                            char *out, size_t n) {
    const char *const *own = duties[(unsigned)role < DEMO_ROLES ? role : ROLE_CELL_MEMBER];
    int nown = count_of(own, 7), number = 2 + (int)(pick % 4);
    switch (k) {
    case 0:
        expand(morality[(pick + (unsigned)year) % 8], place, number, year, out, n);
        return "morality";
    case 2:
        expand(manner[(pick / 2 + (unsigned)year * 3) % 8], place, number, year, out, n);
        return "working_manner";
    case 1:
        expand(own[pick % (unsigned)nown], place, number, year, out, n);
        return "expertise";
    default: {
        unsigned first = pick % (unsigned)nown, other = (pick / 3 + (unsigned)year + 1) % (unsigned)nown;
        if (other == first) other = (other + 1) % (unsigned)nown; /* not twice the same */
        expand(own[other], place, number, year, out, n);
        return "style";
    }
    }
}

void demo_workplace(const char *place, int serial, char *out, size_t n) {
    static const char *const where[] = {
        "Hội Nông dân {P}", "Trường Tiểu học {P}", "Trạm Y tế {P}", "hộ sản xuất hoa kiểng, {P}",
        "hộ trồng cây ăn trái, {P}", "Hợp tác xã giống cây trồng {P}", "Công an {P}",
        "Trường Trung học cơ sở {P}", "cán bộ hưu trí, {P}", "hộ kinh doanh, {P}"};
    expand(where[(unsigned)serial % (sizeof where / sizeof *where)], place, 0, 0, out, n);
}
