/*
** proxy.c — believing a reverse proxy (nginx, Caddy) that terminates TLS
** in front of `lamtheo serve`: the addresses named by --trusted-proxy, and
** what their X-Forwarded-For and X-Forwarded-Proto headers say about the
** client.  server.c asks only when the connection's peer is one of those
** addresses; from anyone else the headers are ignored.  Addresses are
** kept as 16 bytes of IPv6, IPv4 mapped into ::ffff:0:0/96, so that
** 127.0.0.1 and ::ffff:127.0.0.1 (a dual-stack socket's view) are one.
*/
#include "web.h"

#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

/* Parse the plain address s[0..n) ("1.2.3.4" or "::1") into out.
** Returns 0 if it is one. */
static int addr_plain(const char *s, size_t n, unsigned char out[16]) {
    char tmp[64];
    struct in_addr v4;
    if (n == 0 || n >= sizeof tmp) return -1;
    memcpy(tmp, s, n);
    tmp[n] = 0;
    if (inet_pton(AF_INET, tmp, &v4) == 1) {
        memset(out, 0, 10);
        out[10] = out[11] = 0xff;
        memcpy(out + 12, &v4, 4);
        return 0;
    }
    return inet_pton(AF_INET6, tmp, out) == 1 ? 0 : -1;
}

/* Parse an address as proxies write it in X-Forwarded-For: plain, or with
** a port that some add ("1.2.3.4:80", "[::1]", "[::1]:80"; the port is
** dropped).  Returns 0 if it is one. */
static int addr_parse(const char *s, size_t n, unsigned char out[16]) {
    const char *colon = memchr(s, ':', n);
    if (n >= 2 && s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (!close || (close + 1 < s + n && close[1] != ':')) return -1;
        return addr_plain(s + 1, (size_t)(close - s - 1), out);
    }
    if (colon && memchr(s, '.', n) && colon == memrchr(s, ':', n)) n = (size_t)(colon - s);
    return addr_plain(s, n, out);
}

/* The address a as text: dotted for IPv4 (mapped), else IPv6's own form. */
static void addr_text(const unsigned char a[16], char out[64]) {
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (memcmp(a, mapped, 12) == 0) inet_ntop(AF_INET, a + 12, out, 64);
    else inet_ntop(AF_INET6, a, out, 64);
}

/* Is the address a one of p? */
static int proxies_have(const web_proxies *p, const unsigned char a[16]) {
    for (int i = 0; i < p->n; i++)
        if (memcmp(p->a[i], a, 16) == 0) return 1;
    return 0;
}

/* s[0..n) without the spaces and tabs around it: start in *s, length returned. */
static size_t trim(const char **s, size_t n) {
    while (n && (**s == ' ' || **s == '\t')) (*s)++, n--;
    while (n && ((*s)[n - 1] == ' ' || (*s)[n - 1] == '\t')) n--;
    return n;
}

int web_proxies_parse(const char *list, web_proxies *p, lt_err *e) {
    memset(p, 0, sizeof *p);
    const char *s = list;
    while (*s) {
        size_t len = strcspn(s, ",");
        const char *item = s;
        size_t n = trim(&item, len);
        s += len + (s[len] == ',');
        if (n == 0) continue;
        if (p->n == WEB_MAX_PROXIES)
            return lt_err_set(e, LT_EUSAGE, "--trusted-proxy: tối đa %d địa chỉ",
                              "--trusted-proxy: at most %d addresses", WEB_MAX_PROXIES);
        if (addr_plain(item, n, p->a[p->n]))
            return lt_err_set(e, LT_EUSAGE, "--trusted-proxy: địa chỉ IP không hợp lệ \"%.*s\"",
                              "--trusted-proxy: invalid IP address \"%.*s\"", (int)(n > 64 ? 64 : n),
                              item);
        p->n++;
    }
    return LT_OK;
}

int web_proxies_has(const web_proxies *p, const char *addr) {
    unsigned char a[16];
    return addr_plain(addr, strlen(addr), a) == 0 && proxies_have(p, a);
}

int web_forwarded_for(const web_proxies *p, const char *xff, char out[64]) {
    unsigned char a[16];
    size_t end = strlen(xff);
    if (end == 0 || end > WEB_MAX_FORWARDED) return LT_EINPUT;
    /* from the right: each proxy appends the address it received from */
    for (;;) {
        size_t start = end;
        while (start > 0 && xff[start - 1] != ',') start--;
        const char *item = xff + start;
        size_t n = trim(&item, end - start);
        if (n == 0 || addr_parse(item, n, a)) return LT_EINPUT;
        if (!proxies_have(p, a) || start == 0) break; /* no trusted proxy vouches further */
        end = start - 1;
    }
    addr_text(a, out); /* the first untrusted one, or the left-most if all are trusted */
    return LT_OK;
}

int web_forwarded_https(const char *proto) {
    if (!proto) return 0;
    size_t n = strcspn(proto, ",");
    n = trim(&proto, n);
    return n == 5 && strncasecmp(proto, "https", 5) == 0;
}
