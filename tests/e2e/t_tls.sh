# t_tls.sh — Debian's nginx in front of `lamtheo serve`, terminating TLS, as
# dist/nginx/lamtheo.conf sets it up (issue 23): the example file runs as it
# is, only its addresses and paths replaced, on loopback with a throwaway
# self-signed certificate.  Through it cookies are Secure and responses
# carry Strict-Transport-Security; plain HTTP is redirected; the client's
# real address (curl binds 127.0.0.2-4, nginx connects from 127.0.0.1, the
# trusted proxy) is what the login throttle counts, whatever X-Forwarded-For
# the client writes; and straight to lamtheo, X-Forwarded-* is not believed.
. tests/e2e/lib.sh
nginx_missing && { finish; exit 0; }
"$LT" init --demo > /dev/null || bad "init --demo"
start_server --trusted-proxy 127.0.0.1 || { finish; exit 0; }
nginx_start lamtheo.example.gov.vn "$PORT"

# the login page over HTTPS
got=$(tls -D "$TMP/hdr" -o "$TMP/body" -w '%{http_code}' "$HTTPS/dang-nhap")
equals "the login page over TLS, the certificate verified" "$got" "200"
contains "...it is lamtheo's" "$TMP/body" 'name="csrf"'
grep -qi '^strict-transport-security: max-age=31536000' "$TMP/hdr" && ok || bad "HSTS over HTTPS"
grep -i '^set-cookie: lt_csrf=' "$TMP/hdr" | grep -q '; Secure' && ok || bad "the CSRF cookie is Secure over HTTPS"
# plain HTTP: redirected, nothing of lamtheo's
got=$(curl -s -D "$TMP/hdr" -o /dev/null -w '%{http_code}' -H "Host: $NAME" "http://127.0.0.1:$HP/dang-nhap?x=1")
equals "plain HTTP is redirected" "$got" "301"
contains "...to HTTPS, the same path" "$TMP/hdr" "Location: https://$NAME/dang-nhap?x=1"
lacks "...no cookie over plain HTTP" "$TMP/hdr" "lt_csrf"

# a login through nginx: the session cookie Secure, HttpOnly, SameSite; the session works
tok=$(tls -c "$TMP/jar" "$HTTPS/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
tls -D "$TMP/hdr" -o /dev/null -b "$TMP/jar" -c "$TMP/jar" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" \
    "$HTTPS/dang-nhap"
grep -i '^set-cookie: lt_session=' "$TMP/hdr" | grep -q 'HttpOnly; SameSite=Lax; Max-Age=28800; Secure' && ok ||
    bad "the session cookie is HttpOnly, SameSite and Secure through nginx"
tls -b "$TMP/jar" -o "$TMP/body" "$HTTPS/api/v1/session"
contains "the Secure session cookie comes back over HTTPS" "$TMP/body" '"login":"quantri"'

# failed logins: the address counted is the client's, not nginx's and not what the client wrote
# fail_login N FROM XFF: a failed login for a login name of its own, from the address FROM
fail_login() {
    tok=$(tls --interface "$2" -c "$TMP/j$1" "$HTTPS/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
    tls --interface "$2" -b "$TMP/j$1" -o "$TMP/body" -H "X-Forwarded-For: $3" \
        -d "csrf=$tok&login=khong.co.$1&password=sai-mat-khau-$1" "$HTTPS/dang-nhap"
}
addr_of() { sqlite3 "$LAMTHEO_DB" "SELECT addr FROM login_failure WHERE login='khong.co.$1'"; }
THROTTLED="đăng nhập sai quá nhiều lần"
fail_login 1 127.0.0.2 "6.6.6.6"
equals "the client's own address reaches the throttle, not the X-Forwarded-For it wrote" "$(addr_of 1)" "127.0.0.2"
# 25 earlier failures from 127.0.0.3: 5 more hold it back (30 per address)
sqlite3 "$LAMTHEO_DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<25)
    INSERT INTO login_failure(login, addr, at) SELECT 'khach.' || i, '127.0.0.3',
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minute') FROM n"
for i in 2 3 4 5 6; do fail_login "$i" 127.0.0.3 "203.0.113.$i"; done
equals "another client, another address" "$(addr_of 4)" "127.0.0.3"
fail_login 7 127.0.0.3 "203.0.113.7"
contains "thirty failures from one client: the next is throttled, whatever it writes" "$TMP/body" "$THROTTLED"
fail_login 8 127.0.0.4 "127.0.0.3"
lacks "a third client is not throttled" "$TMP/body" "$THROTTLED"
contains "...only told the password is wrong" "$TMP/body" "sai tên đăng nhập hoặc mật khẩu"

# straight to lamtheo, not through nginx: X-Forwarded-* come from a peer not trusted
curl -s --interface 127.0.0.2 -D "$TMP/hdr" -o /dev/null -H 'X-Forwarded-Proto: https' "$BASE/dang-nhap"
lacks "X-Forwarded-Proto from a client: no Secure" "$TMP/hdr" "Secure"
grep -qi 'strict-transport-security' "$TMP/hdr" && bad "HSTS over plain HTTP" || ok
tok=$(curl -s --interface 127.0.0.2 -c "$TMP/j9" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -s --interface 127.0.0.2 -b "$TMP/j9" -o /dev/null -H "X-Forwarded-For: 198.51.100.9" \
    -d "csrf=$tok&login=khong.co.9&password=sai" "$BASE/dang-nhap"
equals "X-Forwarded-For from a client: its own address counted" "$(addr_of 9)" "127.0.0.2"

nginx_stop
stop_server
finish
