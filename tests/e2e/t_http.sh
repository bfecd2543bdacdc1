# t_http.sh — what a client sends that the server must bound or refuse
# (issue 16.12), on raw sockets (tests/e2e/rawhttp.py): connections that
# trickle a header or a body, or send nothing, are closed soon after the
# request timeout (LAMTHEO_REQUEST_TIMEOUT, 2 s here) however often a
# byte comes; too many query parameters or cookies and too large headers
# get a 400 or 431 answer, not silence; a body whose length is ambiguous
# (Content-Length twice, or with Transfer-Encoding) gets 400 and the
# connection is closed.
. tests/e2e/lib.sh
demo_database
export LAMTHEO_REQUEST_TIMEOUT=2
start_server || { finish; exit 0; }
# Debian's own python3 when there is one (a pyenv shim first on PATH takes a
# second to start, and this script starts python some 25 times)
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
RAW="$PY tests/e2e/rawhttp.py"
# answer NAME WANT REQUEST: the status of the first answer to REQUEST (all
# of them in $CODES: libmicrohttpd 0.9.75 repeats the head of its own 400
# and 431 when a Cookie header or a Content-Length fails its parser); the
# answer in $TMP/raw
answer() {
    $RAW send "$PORT" "$3" 2 > "$TMP/raw"
    CODES=$(head -1 "$TMP/raw")
    equals "$1" "${CODES%% *}" "$2"
}

# trickling and idle connections, all at once: closed within 1.5 s of the
# bound (the header's 2 s from the connection's opening; the body's 2 s
# and one for each 32 KiB of its length from the end of its header)
$RAW slow "$PORT" 2 > "$TMP/slow"
while read -r group closed first last; do
    case $group in header) want=40/40 ;; *) want=5/5 ;; esac
    equals "$group: every connection closed" "$closed" "$want"
    awk -v f="$first" -v l="$last" 'BEGIN { exit !(f >= 1.9 && l <= 3.5) }' && ok ||
        bad "$group: closed between ${first} s and ${last} s, wanted within [1.9, 3.5]"
done < "$TMP/slow"
contains "the closing is logged" "$TMP/serve.err" "closed: the request was not complete in time"
http "the server still answers" 200 "$BASE/cong-khai/"

# a slow request that completes in time is answered, and so is the next
# one on the same connection after a pause (each request has its own bound)
$PY - "$PORT" > "$TMP/keep" <<'PY'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.settimeout(3)
req = b'GET /cong-khai/ HTTP/1.1\r\nHost: x\r\n\r\n'
def page():  # one whole answer (the page ends with </html>), or what came before a close
    got = b''
    try:
        while b'</html>' not in got:
            chunk = s.recv(65536)
            if not chunk: break
            got += chunk
    except OSError:
        pass
    return got
for part in (req[:10], req[10:20]):  # the first header takes 1 s
    s.sendall(part)
    time.sleep(0.5)
s.sendall(req[20:])
first = page()
time.sleep(1.2)                      # then a pause: 2.2 s since the connection opened
s.sendall(req)
print((first + page()).count(b'HTTP/1.1 200'))
PY
equals "a slow but timely request, then another after a pause, answered" "$(cat "$TMP/keep")" "2"

# too many parameters: an answer, in the reader's language
answer "1,000 query parameters: 400" 400 'GET /cong-khai/?{1000*a=1&} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
contains "says too many parameters" "$TMP/raw" "quá nhiều tham số (tối đa 200)"
answer "3,000 empty parameters: 400" 400 'GET /cong-khai/?{3000*a&} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
answer "201 parameters: 400" 400 'GET /cong-khai/?{201*b=2&}&lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
answer "200 parameters: served" 200 'GET /cong-khai/?{199*b=2&}lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
answer "190 long parameters (a 57 KB request line): served" 200 \
    'GET /cong-khai/?{190*a=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv&} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
answer "201 cookies: 400" 400 'GET /cong-khai/?lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {201*c=1; }\r\n\r\n'
contains "says too many parameters (English)" "$TMP/raw" "too many parameters (at most 200)"
answer "5,000 cookies: 431" 431 'GET /cong-khai/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCookie: {5000*cc=1; }\r\n\r\n'
answer "a 70 KB header: 431" 431 'GET /cong-khai/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: {70000*a}\r\n\r\n'
answer "a 70 KB request line: 414" 414 'GET /cong-khai/?q={70000*a} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
answer "the query still reaches the page" 200 'GET /cong-khai/dang-ky?nam=2022&lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'
contains "the page read its query" "$TMP/raw" 'lang="en"'

# the length of a body must be unambiguous (RFC 9112 §6.3)
refused() { answer "refused: $1" 400 "POST /dang-nhap HTTP/1.1\r\nHost: x\r\nConnection: close\r\n$2\r\n\r\nabcde\r\n0\r\n\r\n"; }
refused "two lengths" 'Content-Length: 5\r\nContent-Length: 6'
refused "the same length twice" 'Content-Length: 5\r\nContent-Length: 5'
refused "a length and chunked" 'Content-Length: 5\r\nTransfer-Encoding: chunked'
refused "chunked twice" 'Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked'
refused "an encoding other than chunked" 'Transfer-Encoding: gzip'
refused "a list of lengths (libmicrohttpd's own 400)" 'Content-Length: 5, 6'
answer "a request hidden after an ambiguous length is not served" 400 \
    'POST /dang-nhap HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 37\r\n\r\nGET /cong-khai/ HTTP/1.1\r\nHost: x\r\n\r\n'
equals "...one answer only" "$CODES" "400"
contains "and the connection is closed" "$TMP/raw" "Connection: close"
contains "says why" "$TMP/raw" "độ dài nội dung gửi lên không rõ ràng"
answer "one Content-Length is fine" 403 'POST /dang-nhap HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nabcde'
stop_server
finish
