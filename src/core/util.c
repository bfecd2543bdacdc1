/*
** util.c — small helpers: huge-page hints and counted JSON allocation, bounded
** file reading, strict integer and date parsing, percent rounding.
*/
#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>


static _Thread_local unsigned long oom_count;

void *lt_json_malloc(size_t n) {
    void *p = malloc(n);
    if (!p) oom_count++;
    return p;
}

unsigned long lt_oom_count(void) { return oom_count; }
void lt_oom_note(void) { oom_count++; }

void lt_mem_hint_large(void *p, size_t n) {
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1), to = ((uintptr_t)p + n) & ~(huge - 1);
    if (n >= 2 * huge && to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p, (void)n;
#endif
}


int lt_read_file(const char *path, size_t max, char **out, size_t *len, lt_err *e) {
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return lt_err_set(e, LT_EIO, "không mở được tệp %s: %s",
                          "cannot open file %s: %s", path, strerror(errno));
    struct stat st;
    int sized = fstat(fileno(f), &st) == 0;
    if (sized && S_ISDIR(st.st_mode)) {
        fclose(f);
        return lt_err_set(e, LT_EIO, "%s là thư mục, không phải tệp",
                          "%s is a directory, not a file", path);
    }
    /* read straight into the buffer, given the file's size at once when it
    ** is known (the file may still change while it is read) */
    size_t step = sized && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size <= max
                      ? (size_t)st.st_size + 1 : 65536;
    lt_buf b;
    lt_buf_init(&b, max);
    int rc = LT_OK;
    size_t hinted = 0;   /* the room last given huge pages */
    for (;;) {
        size_t want = step < max - b.len ? step : max - b.len, n;
        if (want == 0) {   /* at the bound: the file may end right here */
            if (fgetc(f) == EOF) break;
            rc = lt_err_set(e, LT_EINPUT, "tệp %s quá lớn (tối đa %zu byte)",
                            "file %s is too large (at most %zu bytes)", path, max);
            break;
        }
        if (lt_buf_reserve(&b, want)) {
            rc = lt_err_set(e, LT_ENOMEM, "hết bộ nhớ khi đọc tệp %s",
                            "out of memory while reading file %s", path);
            break;
        }
        if (b.cap != hinted) lt_mem_hint_large(b.p, hinted = b.cap);   /* once it grew */
        b.len += n = fread(b.p + b.len, 1, want, f);
        b.p[b.len] = 0;
        if (n < want) break;
        step = 65536;
    }
    if (rc == LT_OK && ferror(f))
        rc = lt_err_set(e, LT_EIO, "lỗi đọc tệp %s", "error reading file %s", path);
    fclose(f);
    if (rc) { lt_buf_free(&b); return rc; }
    *len = b.len;
    *out = lt_buf_take(&b);
    return LT_OK;
}

int lt_parse_long(const char *s, long lo, long hi, long *out) {
    if (!s || !*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) return -1;
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '+') return -1;
    *out = v;
    return 0;
}

size_t lt_count_fmt(char buf[LT_COUNT_MAX], long long v, char sep) {
    char digits[LT_COUNT_MAX], *p = digits + sizeof digits;   /* 20 digits, 6 separators, a sign */
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    int n = 0;
    do {
        if (sep && n && n % 3 == 0) *--p = sep;
        *--p = (char)('0' + u % 10);
        n++;
    } while (u /= 10);
    if (v < 0) *--p = '-';
    size_t len = (size_t)(digits + sizeof digits - p);
    memcpy(buf, p, len);
    buf[len] = 0;
    return len;
}

int lt_parse_count(const char *s, long hi, long *out) {
    char digits[32];
    size_t n = 0, len = s ? strlen(s) : 0, first = s ? strcspn(s, ".") : 0;
    if (!s || len >= sizeof digits || (first < len && (first == 0 || first > 3))) return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '.') { /* dots group thousands: every group after the first has three digits */
            if ((len - i - 1) % 4 != 3 || (i + 4 < len && s[i + 4] != '.')) return -1;
            continue;
        }
        digits[n++] = s[i];
    }
    digits[n] = 0;
    return lt_parse_long(digits, 0, hi, out);
}

static int days_in_month(int y, int m) {
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

/* Parse 1..maxd digits at *p into *v. */
static int take_digits(const char **p, int mind, int maxd, int *v) {
    int n = 0, x = 0;
    while (**p >= '0' && **p <= '9' && n < maxd) { x = x * 10 + (**p - '0'); (*p)++; n++; }
    if (n < mind) return -1;
    *v = x;
    return 0;
}

/* v as n digits, zero first. */
static void put_digits(char *out, int v, int n) {
    for (int i = n - 1; i >= 0; i--, v /= 10) out[i] = (char)('0' + v % 10);
}

void lt_iso_day(char out[11], int y, int m, int d) {
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = 0;
}

int lt_parse_date(const char *s, char out[11]) {
    int y, m, d;
    const char *p = s;
    if (strlen(s) > 10) return -1;
    size_t lead = strspn(s, "0123456789");
    if (lead == 4 && s[4] == '-') { /* ISO yyyy-mm-dd */
        if (take_digits(&p, 4, 4, &y) || *p++ != '-' || take_digits(&p, 2, 2, &m) ||
            *p++ != '-' || take_digits(&p, 2, 2, &d) || *p)
            return -1;
    } else { /* d/m/yyyy as offices write it: "/", "-" or ".", with or without zeros */
        char sep = lead >= 1 && lead <= 2 ? s[lead] : 0;
        if (sep != '/' && sep != '-' && sep != '.') return -1;
        if (take_digits(&p, 1, 2, &d) || *p++ != sep || take_digits(&p, 1, 2, &m) ||
            *p++ != sep || take_digits(&p, 4, 4, &y) || *p)
            return -1;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    lt_iso_day(out, y, m, d);
    return 0;
}

void lt_today(char out[11]) {
    const char *env = getenv("LAMTHEO_TODAY");
    if (env && strlen(env) == 10 && lt_parse_date(env, out) == 0) return;
    time_t t = time(NULL) + 7 * 3600; /* the day in Vietnam (UTC+7, no daylight saving) */
    static _Thread_local time_t day_of = -1; /* (a page asks many times a day) */
    static _Thread_local char day[11];
    if (t / 86400 != day_of) {
        struct tm tm;
        gmtime_r(&t, &tm);
        lt_iso_day(day, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
        day_of = t / 86400;
    }
    memcpy(out, day, 11);
}

long lt_percent_tenths(long long num, long long den) {
    /* num/den*1000 rounded half-up, exactly, in integers */
    return (long)((num * 2000 + den) / (2 * den));
}

const char *lt_time_vn(const char *utc, char out[17]) {
    struct tm t = {0};
    int y, mo, d, h, mi;
    if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) != 5) {
        snprintf(out, 17, "%s", utc ? utc : "");
        return out;
    }
    t.tm_year = y - 1900;
    t.tm_mon = mo - 1;
    t.tm_mday = d;
    t.tm_hour = h + 7; /* Asia/Ho_Chi_Minh: UTC+7, no summer time */
    t.tm_min = mi;
    time_t at = timegm(&t);
    struct tm vn;
    if (!gmtime_r(&at, &vn) || !strftime(out, 17, "%d/%m/%Y %H:%M", &vn)) snprintf(out, 17, "%s", utc);
    return out;
}

const char *lt_date_vn(const char *iso, char out[11]) {
    if (iso && strlen(iso) == 10) snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else snprintf(out, 11, "%s", iso ? iso : "");
    return out;
}
