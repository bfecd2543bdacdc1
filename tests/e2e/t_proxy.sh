# t_proxy.sh — `lamtheo serve` behind a reverse proxy that terminates TLS
# (issue 16.11): cookies get Secure only when a trusted proxy
# (--trusted-proxy, LAMTHEO_TRUSTED_PROXY) says the request came over
# HTTPS, and the login throttle counts the client's address from a trusted
# proxy's X-Forwarded-For (the right-most one it does not vouch for),
# never from a header any other client sends.
. tests/e2e/lib.sh
"$LT" init --demo > /dev/null || bad "init --demo"
# cookies NAME CURL_ARGS...: the Set-Cookie lines of the login page in $TMP/hdr
cookies() { curl -s -D "$TMP/hdr" -o /dev/null "$@" "$BASE/dang-nhap"; grep -i '^set-cookie:' "$TMP/hdr" > "$TMP/cookies"; }
# fail_login N XFF: a failed login for a login name of its own (so only
# the address can be what throttles it) with that X-Forwarded-For
fail_login() {
    tok=$(curl -s -c "$TMP/j$1" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
    curl -s -b "$TMP/j$1" -o "$TMP/body" -H "X-Forwarded-For: $2" \
        -d "csrf=$tok&login=khong.co.$1&password=sai-mat-khau-$1" "$BASE/dang-nhap"
}
addr_of() { sqlite3 "$LAMTHEO_DB" "SELECT addr FROM login_failure WHERE login='khong.co.$1'"; }
THROTTLED="đăng nhập sai quá nhiều lần"

# no trusted proxy: the headers are anyone's, and believed from no one
start_server || { finish; exit 0; }
# 25 earlier failures from this address: 5 more hold it back (30 per address)
sqlite3 "$LAMTHEO_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<25)
    INSERT INTO login_failure(login, addr, at) SELECT 'khach.' || i, '127.0.0.1',
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minute') FROM n"
cookies -H 'X-Forwarded-Proto: https'
contains "a cookie is set" "$TMP/cookies" "lt_csrf="
lacks "X-Forwarded-Proto from an untrusted peer: no Secure" "$TMP/cookies" "Secure"
for i in 1 2 3 4 5; do fail_login "$i" "203.0.113.$i"; done
equals "X-Forwarded-For from an untrusted peer is not the address counted" "$(addr_of 3)" "127.0.0.1"
fail_login 6 "203.0.113.6"
contains "a new X-Forwarded-For does not escape the throttle" "$TMP/body" "$THROTTLED"
stop_server
sqlite3 "$LAMTHEO_DB" "DELETE FROM login_failure"

# the proxy is trusted: https and the client's address are believed
start_server --trusted-proxy 127.0.0.1
cookies -H 'X-Forwarded-Proto: https'
contains "X-Forwarded-Proto: https from the trusted proxy: Secure" "$TMP/cookies" "SameSite=Lax; Max-Age=7200; Secure"
cookies -H 'X-Forwarded-Proto: http'
lacks "X-Forwarded-Proto: http: no Secure" "$TMP/cookies" "Secure"
cookies
lacks "no X-Forwarded-Proto: no Secure" "$TMP/cookies" "Secure"
tok=$(curl -s -c "$TMP/jar" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -s -D "$TMP/hdr" -o /dev/null -b "$TMP/jar" -H 'X-Forwarded-Proto: https' \
    -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$BASE/dang-nhap"
contains "the session cookie is Secure over https" "$TMP/hdr" "lt_session="
grep -i 'lt_session=' "$TMP/hdr" | grep -q 'HttpOnly; SameSite=Lax; Max-Age=28800; Secure' && ok ||
    bad "the session cookie is HttpOnly, SameSite and Secure"
fail_login 11 "198.51.100.11"
equals "the client's address is counted" "$(addr_of 11)" "198.51.100.11"
fail_login 12 "6.6.6.6, 198.51.100.12"
equals "the right-most address, not what the client wrote before it" "$(addr_of 12)" "198.51.100.12"
fail_login 13 "198.51.100.13, 127.0.0.1"
equals "a trusted proxy in the list is skipped" "$(addr_of 13)" "198.51.100.13"
fail_login 14 "[2001:db8::14]:4711"
equals "IPv6 with a port" "$(addr_of 14)" "2001:db8::14"
fail_login 15 "not-an-address"
equals "an entry that is not an address: the proxy's own" "$(addr_of 15)" "127.0.0.1"
fail_login 16 "198.51.100.16"
lacks "six failures, each client's first: not throttled" "$TMP/body" "$THROTTLED"
contains "...only a wrong password" "$TMP/body" "sai tên đăng nhập hoặc mật khẩu"
stop_server

# a trusted proxy that is not the peer: nothing believed
start_server --trusted-proxy 10.9.9.9,192.0.2.1
cookies -H 'X-Forwarded-Proto: https'
lacks "X-Forwarded-Proto from a peer not in the list: no Secure" "$TMP/cookies" "Secure"
fail_login 31 "198.51.100.31"
equals "X-Forwarded-For from a peer not in the list: ignored" "$(addr_of 31)" "127.0.0.1"
stop_server

# the environment names it too
export LAMTHEO_TRUSTED_PROXY=127.0.0.1
start_server
cookies -H 'X-Forwarded-Proto: https'
contains "LAMTHEO_TRUSTED_PROXY: Secure" "$TMP/cookies" "Secure"
stop_server
unset LAMTHEO_TRUSTED_PROXY

expect_status 2 "an address that is not one is refused" timeout 10 "$LT" serve --listen 127.0.0.1:0 --trusted-proxy 10.0.0.300
contains "naming it" "$TMP/err" '"10.0.0.300"'
expect_status 2 "the option twice is refused" timeout 10 "$LT" serve --listen 127.0.0.1:0 --trusted-proxy 10.0.0.1 --trusted-proxy 10.0.0.2
expect_status 2 "a request timeout of 0 is refused" timeout 10 env LAMTHEO_REQUEST_TIMEOUT=0 "$LT" serve --listen 127.0.0.1:0
"$LT" help serve > "$TMP/help"
contains "help serve names --trusted-proxy" "$TMP/help" "--trusted-proxy ADDR[,ADDR...]"
contains "help serve names LAMTHEO_TRUSTED_PROXY" "$TMP/help" "LAMTHEO_TRUSTED_PROXY"
contains "help serve names LAMTHEO_REQUEST_TIMEOUT" "$TMP/help" "LAMTHEO_REQUEST_TIMEOUT"
finish
