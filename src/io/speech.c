/*
** speech.c — writing text as it is spoken on the loudspeakers: numbers in
** Vietnamese words ("21" -> "hai mươi mốt", "2021" -> "hai nghìn không
** trăm hai mươi mốt"), decimals with "phẩy", percentages, dates
** ("12/04/2021" -> "ngày mười hai tháng tư năm hai nghìn không trăm hai
** mươi mốt") and the abbreviations of party and state bodies.
*/
#include "io.h"

#include <stdio.h>
#include <string.h>

static const char *const digit_words[] = {"không", "một", "hai", "ba", "bốn", "năm",
                                          "sáu", "bảy", "tám", "chín"};

/* Append a word with a space before it when needed. */
static void word(lt_buf *out, const char *w) {
    if (out->len && out->p[out->len - 1] != ' ') lt_buf_putc(out, ' ');
    lt_buf_puts(out, w);
}

/* 0..999 in words; `full` says the hundreds must be spoken even when 0
** ("không trăm") because a higher group precedes it. */
static void hundreds(lt_buf *out, int n, int full) {
    int h = n / 100, t = n / 10 % 10, u = n % 10;
    if (h || full) { word(out, digit_words[h]); word(out, "trăm"); }
    if (t == 0) {
        if (u && (h || full)) word(out, "linh");
        if (u || (!h && !full)) word(out, digit_words[u]);
        return;
    }
    if (t == 1) word(out, "mười");
    else { word(out, digit_words[t]); word(out, "mươi"); }
    if (u == 1) word(out, t == 1 ? "một" : "mốt");
    else if (u == 4 && t > 1) word(out, "tư");
    else if (u == 5) word(out, "lăm");
    else if (u) word(out, digit_words[u]);
}

void speech_number(lt_buf *out, unsigned long long n) {
    static const char *const scale[] = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"};
    int groups[7], ng = 0;
    if (n == 0) { word(out, "không"); return; }
    while (n && ng < 7) { groups[ng++] = (int)(n % 1000); n /= 1000; }
    for (int g = ng - 1; g >= 0; g--) {
        if (groups[g] == 0) continue;
        hundreds(out, groups[g], g != ng - 1);
        if (g) word(out, scale[g]);
    }
}

/* The name of a month as spoken ("tháng tư", "tháng mười hai"). */
static void month(lt_buf *out, int m) {
    static const char *const names[] = {"một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín",
                                        "mười", "mười một", "mười hai"};
    word(out, "tháng");
    word(out, names[(m - 1) % 12]);
}

/* A date already checked to exist. */
static void date(lt_buf *out, int d, int m, int y) {
    word(out, "ngày");
    if (d <= 10) word(out, "mùng");
    speech_number(out, (unsigned long long)d);
    month(out, m);
    word(out, "năm");
    speech_number(out, (unsigned long long)y);
}

/* Abbreviations read out in full (longest first where one contains another). */
static const char *const abbrev[][2] = {
    {"05-CT/TW", "số không năm của Bộ Chính trị"}, {"01-KL/TW", "số không một của Bộ Chính trị"},
    {"124-QĐ/TW", "một trăm hai mươi tư của Trung ương"}, {"132-QĐ/TW", "một trăm ba mươi hai của Trung ương"},
    {"MTTQ", "Mặt trận Tổ quốc"}, {"UBND", "Ủy ban nhân dân"}, {"HĐND", "Hội đồng nhân dân"},
    {"BCH", "Ban Chấp hành"}, {"THCS", "Trung học cơ sở"}, {"THPT", "Trung học phổ thông"},
    {"CCB", "Cựu chiến binh"}, {"TW", "Trung ương"}, {"VN", "Việt Nam"}, {"TP.", "thành phố"},
};

/* Does s start with an abbreviation at a word boundary?  Its index or -1. */
static int abbrev_at(const char *s, const char *start) {
    if (s > start && ((s[-1] >= 'A' && s[-1] <= 'Z') || (s[-1] >= 'a' && s[-1] <= 'z') || (s[-1] >= '0' && s[-1] <= '9')))
        return -1;
    for (unsigned i = 0; i < LT_ARRAY_LEN(abbrev); i++) {
        size_t n = strlen(abbrev[i][0]);
        if (strncmp(s, abbrev[i][0], n) != 0) continue; /* s[n] exists only after a match */
        char next = s[n];
        if (!((next >= 'A' && next <= 'Z') || (next >= 'a' && next <= 'z') || (next >= '0' && next <= '9')))
            return (int)i;
    }
    return -1;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read digits at *p (at most 18) into *v; returns how many. */
static int digits(const char **p, unsigned long long *v) {
    int n = 0;
    *v = 0;
    while (**p >= '0' && **p <= '9' && n < 18) { *v = *v * 10 + (unsigned)(**p - '0'); (*p)++; n++; }
    return n;
}

/* A date "d/m/yyyy" at *p: spoken, *p moved past it; 0 if not a date. */
static int try_date(lt_buf *out, const char **p) {
    const char *s = *p;
    unsigned long long d, m, y;
    int nd = digits(&s, &d);
    if (!nd || nd > 2 || *s++ != '/') return 0;
    int nm = digits(&s, &m);
    if (!nm || nm > 2 || *s++ != '/') return 0;
    if (digits(&s, &y) != 4 || d < 1 || d > 31 || m < 1 || m > 12) return 0;
    date(out, (int)d, (int)m, (int)y);
    *p = s;
    return 1;
}

void speech_text(const char *in, lt_buf *out) {
    for (const char *p = in; *p;) {
        int a = abbrev_at(p, in);
        if (a >= 0) { word(out, abbrev[a][1]); p += strlen(abbrev[a][0]); continue; }
        if (*p >= '0' && *p <= '9') {
            if (try_date(out, &p)) continue;
            unsigned long long v;
            digits(&p, &v);
            /* 1.000.000: dots group thousands in Vietnamese */
            while (*p == '.' && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && !is_digit(p[4]) &&
                   v < 1000000000000ULL) {
                v = v * 1000 + (unsigned)((p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0'));
                p += 4;
            }
            speech_number(out, v);
            if (*p == ',' && p[1] >= '0' && p[1] <= '9') {
                word(out, "phẩy");
                p++;
                while (*p >= '0' && *p <= '9') word(out, digit_words[*p++ - '0']);
            }
            if (*p == '%') { word(out, "phần trăm"); p++; }
            continue;
        }
        if (*p == '%') { word(out, "phần trăm"); p++; continue; }
        lt_buf_putc(out, *p++);
    }
}
