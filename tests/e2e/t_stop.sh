# t_stop.sh — the graceful stop: SIGTERM during a stream of writes from
# several clients.  The server takes no new connection, lets the requests
# in flight finish (a slow upload, a PDF report), checkpoints the WAL and
# exits 0; every write it acknowledged is in the database.  A second signal
# ends the wait; an idle keep-alive connection does not hold the stop.
# Correctness, not speed: the bounds are generous for a loaded machine.
# LT_ENGINE=postgresql (t_stop_pg.sh): the same on the demo on PostgreSQL,
# where the WAL is the cluster's own (not looked at).
. tests/e2e/lib.sh
demo_database

expect_status 2 "LAMTHEO_STOP_WAIT out of range is a usage error" env LAMTHEO_STOP_WAIT=0 "$LT" serve --listen 127.0.0.1:0
contains "names the variable" "$TMP/err" "LAMTHEO_STOP_WAIT"
expect_status 2 "LAMTHEO_STOP_WAIT not a number" env LAMTHEO_STOP_WAIT=soon "$LT" serve --listen 127.0.0.1:0

# wait_gone PID SECONDS: 0 once PID has exited, 1 if still running after SECONDS
wait_gone() {
    n=0
    while kill -0 "$1" 2>/dev/null; do
        n=$((n + 1))
        [ "$n" -gt $(($2 * 10)) ] && return 1
        sleep 0.1
    done
    return 0
}
# slow_req PORT FIRST_PART REST_PART OUT: sends FIRST_PART, writes "sent" to
# OUT.sent, waits for the file OUT.go (at most 120 s), sends REST_PART, then
# writes the status line of the answer to OUT ("none" if the connection
# closed without one).
slow_req() {
    python3 - "$@" <<'EOF'
import socket, sys, time
port, first, rest, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
first = first.replace('\\r', '\r')
s = socket.create_connection(('127.0.0.1', port))
s.settimeout(120)
s.sendall(first.encode())
open(out + '.sent', 'w').write('sent\n')
for _ in range(1200):
    try:
        open(out + '.go').close()
        break
    except OSError:
        time.sleep(0.1)
try:
    if rest:
        s.sendall(rest.encode())
    data = b''
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
        if b'\r\n\r\n' in data:
            head, body = data.split(b'\r\n\r\n', 1)
            n = [int(l.split(b':')[1]) for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')]
            if n and len(body) >= n[0]:
                break
    line = data.split(b'\r\n', 1)[0].decode() if data else 'none'
except OSError as e:
    line = 'none ' + str(e)
open(out, 'w').write(line + '\n')
EOF
}
# wait_file FILE SECONDS
wait_file() {
    for _ in $(seq 1 $(($2 * 10))); do [ -s "$1" ] && return 0; sleep 0.1; done
    return 1
}

# 1. SIGTERM during a stream of writes from 4 clients, a slow upload and a PDF
LAMTHEO_STOP_WAIT=120 start_server || { finish; exit 0; }
# (first, a second server on its port: it says so and ends, its threads and
# shared writer let go, and leaves the first serving)
expect_status 1 "a second server on the same port" "$LT" serve --listen "127.0.0.1:$PORT"
contains "says the port is in use" "$TMP/err" "cannot listen on 127.0.0.1:$PORT"
http "the first server still answers" 200 "$BASE/healthz"
O=$TMP/officer A=$TMP/admin
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$A" quantri quantri-demo-2020
KEY=$(curl -s -b "$O" "$BASE/api/v1/people?unit=DB-TT&q=" | grep -o '"code":"CL[0-9]*","full_name":"[^"]*","unit_code":"DB-TT"' | head -1 | cut -d'"' -f4)
http "a registration to write into" 201 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' \
    -d '{"year":2027}' "$BASE/api/v1/people/$KEY/registrations"
KREG=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$TMP/body")
SESSION=$(grep lt_session "$O" | awk '{print $NF}')

# writer I: adds items "STOP-I-N" until the server refuses the connection;
# each one answered 2xx is written to acked.I, each refusal to refused.I
writer() {
    n=0
    while [ "$n" -lt 5000 ]; do
        n=$((n + 1))
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 120 -b "$O" -H "X-CSRF-Token: $OCSRF" \
            -H 'Content-Type: application/json' -d "{\"body\":\"STOP-$1-$n\",\"group\":\"style\"}" \
            "$BASE/api/v1/registrations/$KREG/items")
        case $code in
            2??) echo "STOP-$1-$n" >> "$TMP/acked.$1" ;;
            000) echo "STOP-$1-$n" >> "$TMP/refused.$1"; return 0 ;;
            *) echo "STOP-$1-$n $code" >> "$TMP/other.$1" ;;
        esac
    done
}
for i in 1 2 3 4; do : > "$TMP/acked.$i"; writer "$i" & eval "W$i=\$!"; done
# wait for every writer to be under way (at most 60 s)
for _ in $(seq 1 600); do
    all=1
    for i in 1 2 3 4; do [ "$(wc -l < "$TMP/acked.$i")" -ge 5 ] || all=0; done
    [ "$all" = 1 ] && break
    sleep 0.1
done
[ "$all" = 1 ] && ok || bad "the writers did not get under way"
# an upload in flight: its header and half its body now, the rest after SIGTERM
SLOWBODY="{\"body\":\"STOP-SLOW-UPLOAD\",\"group\":\"style\"}"
HALF=$(printf %s "$SLOWBODY" | cut -c1-20) REST=$(printf %s "$SLOWBODY" | cut -c21-)
slow_req "$PORT" "POST /api/v1/registrations/$KREG/items HTTP/1.1\r
Host: 127.0.0.1\r
Cookie: lt_session=$SESSION\r
X-CSRF-Token: $OCSRF\r
Content-Type: application/json\r
Content-Length: ${#SLOWBODY}\r
\r
$HALF" "$REST" "$TMP/slow" &
SLOW=$!
wait_file "$TMP/slow.sent" 30 && ok || bad "the slow upload did not start"
# a big report in flight: the district's PDF, its request begun (all but
# the header's last line) before SIGTERM and completed after it, so that it
# is made and sent during the stop; read slowly through a small window
ASESSION=$(grep lt_session "$A" | awk '{print $NF}')
python3 - "$PORT" "/bao-cao?don_vi=HU-CL&nam=2020&dinh_dang=pdf" "$ASESSION" "$TMP/rep" <<'EOF' &
import socket, sys, time
port, path, session, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
s.connect(('127.0.0.1', port))
s.settimeout(120)
s.sendall(b'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')  # the connection is taken and served
s.recv(65536)
s.sendall(('GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: lt_session=%s\r\n' % (path, session)).encode())
open(out + '.sent', 'w').write('sent\n')
for _ in range(1200):
    try:
        open(out + '.go').close()
        break
    except OSError:
        time.sleep(0.1)
s.sendall(b'\r\n')
data, started, want = b'', False, None
try:
    while True:
        b = s.recv(1024)
        if not b:
            break
        data += b
        if not started:
            open(out + '.started', 'w').write('started\n')
            started = True
        if want is None and b'\r\n\r\n' in data:
            head = data.split(b'\r\n\r\n', 1)[0]
            n = [int(l.split(b':')[1]) for l in head.split(b'\r\n') if l.lower().startswith(b'content-length:')]
            want = len(head) + 4 + n[0] if n else -1
        if want is not None and want >= 0 and len(data) >= want:
            break
        time.sleep(0.02)
except OSError:
    pass
head, _, body = data.partition(b'\r\n\r\n')
open(out + '.pdf', 'wb').write(body)
open(out + '.code', 'w').write((head.split(b'\r\n', 1)[0].split(b' ')[1].decode() if head else 'none') + '\n')
EOF
PDF=$!
wait_file "$TMP/rep.sent" 60 && ok || bad "the PDF's request was not sent"
# (its request line read: the server counts it in flight)
sleep 1
kill -TERM "$SERVER_PID"
for _ in $(seq 1 300); do grep -q "stopping" "$TMP/serve.err" && break; sleep 0.1; done
echo go > "$TMP/rep.go"; echo go > "$TMP/slow.go"
n=$(sed -n 's/.*stopping: \([0-9]*\) requests in flight.*/\1/p' "$TMP/serve.err")
[ "${n:-0}" -ge 2 ] && ok || bad "the upload and the PDF were not in flight: '$n'"
contains "it says it is stopping" "$TMP/serve.err" "đang dừng… "
contains "and how many requests are in flight" "$TMP/serve.err" "requests in flight"
# a new connection after SIGTERM: refused, never a half answer
code=$(curl -s -o "$TMP/late.body" -w '%{http_code}' --max-time 30 "$BASE/healthz")
equals "a request after SIGTERM gets no connection" "$code" "000"
[ -s "$TMP/late.body" ] && bad "a request after SIGTERM got a body" || ok
if wait_gone "$SERVER_PID" 120; then ok; else bad "the server did not exit within the bound"; kill -KILL "$SERVER_PID"; fi
wait "$SERVER_PID"; equals "the server exits 0" "$?" "0"
for i in 1 2 3 4; do eval "wait \$W$i"; done
wait "$SLOW"; wait "$PDF"
contains "it says it stopped" "$TMP/serve.err" "stopped, every request finished"
equals "the upload in flight was answered" "$(cut -d' ' -f2 "$TMP/slow")" "200"
equals "the PDF in flight was answered" "$(cat "$TMP/rep.code")" "200"
[ "$(head -c 5 "$TMP/rep.pdf")" = "%PDF-" ] && tail -c 32 "$TMP/rep.pdf" | grep -q '%%EOF' && ok ||
    bad "the PDF in flight came whole: $(wc -c < "$TMP/rep.pdf") bytes"
pdftotext "$TMP/rep.pdf" "$TMP/rep.txt" 2>/dev/null && grep -q "Chợ Lách" "$TMP/rep.txt" && ok || bad "the PDF reads"
cat "$TMP"/acked.* > "$TMP/acked"
acked=$(wc -l < "$TMP/acked")
[ "$acked" -ge 20 ] && ok || bad "only $acked writes were acknowledged"
cat "$TMP"/other.* 2>/dev/null | head -5 > "$TMP/other"
[ -s "$TMP/other" ] && bad "writes answered neither 2xx nor refused: $(cat "$TMP/other")" || ok
# (the acknowledged writes found among the registration's items)
db_sql "SELECT body FROM registration_item WHERE registration_id = $KREG" | sort -u > "$TMP/items"
sort "$TMP/acked" > "$TMP/acked.sorted"
present=$(comm -12 "$TMP/acked.sorted" "$TMP/items" | wc -l)
equals "every acknowledged write is in the database ($acked)" "$present" "$acked"
equals "the upload in flight is in the database" \
    "$(db_sql "SELECT count(*) FROM registration_item WHERE body = 'STOP-SLOW-UPLOAD'")" "1"
if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's WAL file beside the database)
    [ ! -s "$LAMTHEO_DB-wal" ] && ok || bad "the WAL was not checkpointed: $(wc -c < "$LAMTHEO_DB-wal") bytes"
fi
expect_status 0 "check passes after the stop" "$LT" check

# 2. A second SIGTERM ends the wait: a request that never completes is cut
LAMTHEO_STOP_WAIT=300 start_server || { finish; exit 0; }
rm -f "$TMP/hang" "$TMP/hang.sent"
slow_req "$PORT" "POST /api/v1/session HTTP/1.1\r
Host: 127.0.0.1\r
Content-Type: application/json\r
Content-Length: 100\r
\r
{" "" "$TMP/hang" &
HANG=$!
wait_file "$TMP/hang.sent" 30 && ok || bad "the hanging request did not start"
sleep 0.3
kill -TERM "$SERVER_PID"
for _ in $(seq 1 300); do grep -q "stopping" "$TMP/serve.err" && break; sleep 0.1; done
contains "one request in flight" "$TMP/serve.err" "stopping: 1 requests in flight"
sleep 0.5
kill -0 "$SERVER_PID" 2>/dev/null && ok || bad "the server did not wait for the request in flight"
kill -INT "$SERVER_PID"
if wait_gone "$SERVER_PID" 60; then ok; else bad "a second signal did not end the wait"; kill -KILL "$SERVER_PID"; fi
wait "$SERVER_PID"; equals "exit 0 after a second signal" "$?" "0"
contains "it says the request was cut" "$TMP/serve.err" "1 requests cut off (a second signal)"
echo go > "$TMP/hang.go"; wait "$HANG"
equals "the request cut got no half answer" "$(cut -d' ' -f1 "$TMP/hang")" "none"
if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's WAL file beside the database)
    [ ! -s "$LAMTHEO_DB-wal" ] && ok || bad "the WAL was not checkpointed after a second signal"
fi

# 3. An idle keep-alive connection is not in flight: it does not hold the stop
LAMTHEO_STOP_WAIT=300 start_server || { finish; exit 0; }
rm -f "$TMP/idle" "$TMP/idle.sent"
python3 - "$PORT" "$TMP/idle" <<'EOF' &
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
s.sendall(b'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
s.settimeout(30)
data = s.recv(65536)
open(sys.argv[2], 'w').write(data.split(b'\r\n', 1)[0].decode() + '\n')
time.sleep(90)
EOF
IDLE=$!
wait_file "$TMP/idle" 30 && ok || bad "the keep-alive request was not answered"
kill -TERM "$SERVER_PID"
if wait_gone "$SERVER_PID" 60; then ok; else bad "an idle keep-alive connection held the stop"; kill -KILL "$SERVER_PID"; fi
wait "$SERVER_PID"; equals "exit 0 beside an idle connection" "$?" "0"
contains "nothing in flight" "$TMP/serve.err" "stopping: 0 requests in flight"
kill "$IDLE" 2>/dev/null; wait "$IDLE" 2>/dev/null
expect_status 0 "check passes at the end" "$LT" check
finish
