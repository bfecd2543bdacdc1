/*
** test_proxy.c — unit tests of what lamtheo believes from a reverse proxy
** (src/web/proxy.c): the --trusted-proxy list, the client's address taken
** from X-Forwarded-For (the right-most address no trusted proxy vouches
** for), and https from X-Forwarded-Proto.
*/
#include "unit.h"

#include <string.h>

#include "../../src/web/web.h"

/* The proxies of list, which must parse. */
static web_proxies proxies(const char *list) {
    web_proxies p;
    lt_err e = {0};
    assert_int_equal(web_proxies_parse(list, &p, &e), LT_OK);
    return p;
}

/* The client web_forwarded_for finds in xff with proxies list ("" if refused). */
static const char *client(const char *list, const char *xff) {
    static char out[64];
    web_proxies p = proxies(list);
    strcpy(out, "untouched");
    if (web_forwarded_for(&p, xff, out) != LT_OK) {
        assert_string_equal(out, "untouched"); /* the caller keeps the peer's */
        return "";
    }
    return out;
}

static void test_parse_list(void **state) {
    (void)state;
    web_proxies p = proxies(" 10.0.0.1 ,::1,, 192.0.2.7");
    assert_int_equal(p.n, 3);
    assert_true(web_proxies_has(&p, "10.0.0.1"));
    assert_true(web_proxies_has(&p, "::1"));
    assert_true(web_proxies_has(&p, "::ffff:192.0.2.7")); /* a dual-stack socket's view */
    assert_false(web_proxies_has(&p, "10.0.0.2"));
    assert_false(web_proxies_has(&p, "127.0.0.1"));
    assert_false(web_proxies_has(&p, ""));
    assert_int_equal(proxies("").n, 0);
    assert_false(web_proxies_has(&(web_proxies){0}, "127.0.0.1"));
}

static void test_parse_refused(void **state) {
    (void)state;
    static const char *const bad[] = {"1.2.3", "10.0.0.300", "localhost", "[::1]", "10.0.0.1:80",
                                      "10.0.0.1/8", "::1, nginx"};
    for (unsigned i = 0; i < LT_ARRAY_LEN(bad); i++) {
        web_proxies p;
        lt_err e = {0};
        assert_int_equal(web_proxies_parse(bad[i], &p, &e), LT_EUSAGE);
        assert_non_null(strstr(e.en, "invalid IP address"));
    }
    char many[512] = "";
    for (int i = 0; i <= WEB_MAX_PROXIES; i++) sprintf(many + strlen(many), "10.0.0.%d,", i + 1);
    web_proxies p;
    lt_err e = {0};
    assert_int_equal(web_proxies_parse(many, &p, &e), LT_EUSAGE);
    assert_non_null(strstr(e.en, "at most 16"));
}

static void test_forwarded_for(void **state) {
    (void)state;
    assert_string_equal(client("127.0.0.1", "203.0.113.9"), "203.0.113.9");
    /* a client may write anything before what the proxy appends */
    assert_string_equal(client("127.0.0.1", "6.6.6.6, 203.0.113.9"), "203.0.113.9");
    assert_string_equal(client("127.0.0.1", "garbage, 203.0.113.9"), "203.0.113.9");
    /* trusted proxies in the chain are skipped; all trusted: the left-most */
    assert_string_equal(client("127.0.0.1,10.0.0.5", "203.0.113.9,10.0.0.5, 127.0.0.1"), "203.0.113.9");
    assert_string_equal(client("127.0.0.1,10.0.0.5", "10.0.0.5, 127.0.0.1"), "10.0.0.5");
    /* ports, brackets, IPv6, and the dotted form of a mapped address */
    assert_string_equal(client("127.0.0.1", "203.0.113.9:4711"), "203.0.113.9");
    assert_string_equal(client("127.0.0.1", "[2001:db8::1]:4711"), "2001:db8::1");
    assert_string_equal(client("127.0.0.1", "[2001:db8::1]"), "2001:db8::1");
    assert_string_equal(client("127.0.0.1", "2001:DB8:0::1"), "2001:db8::1");
    assert_string_equal(client("127.0.0.1", "::ffff:203.0.113.9"), "203.0.113.9");
    /* what the proxy appended is not an address: refused, the peer stays */
    assert_string_equal(client("127.0.0.1", ""), "");
    assert_string_equal(client("127.0.0.1", "   "), "");
    assert_string_equal(client("127.0.0.1", "203.0.113.9,"), "");
    assert_string_equal(client("127.0.0.1", "203.0.113.9, unknown"), "");
    assert_string_equal(client("127.0.0.1", "203.0.113.9, ,127.0.0.1"), "");
    assert_string_equal(client("127.0.0.1", "[2001:db8::1"), "");
    assert_string_equal(client("127.0.0.1", "1.2.3.4:5:6"), "");
    char big[WEB_MAX_FORWARDED + 16];
    memset(big, ' ', sizeof big - 1);
    big[sizeof big - 1] = 0;
    memcpy(big + sizeof big - 12, "203.0.113.9", 11);
    assert_string_equal(client("127.0.0.1", big), "");
}

static void test_forwarded_https(void **state) {
    (void)state;
    assert_true(web_forwarded_https("https"));
    assert_true(web_forwarded_https(" HTTPS "));
    assert_true(web_forwarded_https("https, http"));
    assert_false(web_forwarded_https("http, https"));
    assert_false(web_forwarded_https("http"));
    assert_false(web_forwarded_https("httpsx"));
    assert_false(web_forwarded_https(""));
    assert_false(web_forwarded_https(NULL));
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse_list),
    cmocka_unit_test(test_parse_refused),
    cmocka_unit_test(test_forwarded_for),
    cmocka_unit_test(test_forwarded_https),
};

UNIT_MAIN(tests)
