# t_ops.sh — what the people who run `lamtheo serve` read (issue 23): one
# access-log line per request on stderr (time, method, the path without
# its query string, status, duration, account, the lt_err code of an
# error), GET /healthz for monitors (200, or 503 naming what failed),
# GET /metrics in Prometheus' text format for this machine or an
# administrator only (never because of X-Forwarded-For), and SIGHUP, which
# does not stop the server and reopens LAMTHEO_LOG_FILE after logrotate
# moved it.
. tests/e2e/lib.sh
"$LT" init --demo > /dev/null || bad "init --demo"
LOG=$TMP/serve.err
TS='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z'
# logged NAME REGEX: a line of the log matches (the line is written once
# the answer is sent, so it may come a moment after curl returns)
logged() {
    for _ in $(seq 1 40); do grep -Eq -- "$2" "$LOG" && { ok; return; }; sleep 0.05; done
    bad "$1: no log line like '$2'"; tail -5 "$LOG"
}
# metric NAME: its value in $TMP/metrics (0 when absent)
metric() { v=$(grep -v '^#' "$TMP/metrics" | grep -F -- "$1 " | head -1 | awk '{print $NF}'); echo "${v:-0}"; }
# metric_now NAME: the same, from /metrics read again
metric_now() { curl -s -o "$TMP/metrics" "$BASE/metrics"; metric "$1"; }
YEAR=$(date +%Y)
# csrf_of JAR PAGE: the CSRF token of a form on PAGE
csrf_of() { curl -s -b "$1" -c "$1" "$BASE$2" | grep -o 'name="csrf" value="[^"]*"' | head -1 | cut -d'"' -f4; }

start_server || { finish; exit 0; }
O=$TMP/officer A=$TMP/admin
login "$O" bithu.tantieng tantieng-demo-2020
login "$A" quantri quantri-demo-2020

# the access log: a GET, its query string's personal data never written
http "a public page" 200 "$BASE/cong-khai/?ten=Nguyen%20Van%20Bi%20Mat&sdt=0912345678"
logged "a GET: time, method, path, status, duration, no account" "^$TS GET /cong-khai/ 200 [0-9]+\.[0-9]ms -\$"
http "a search by an officer" 200 -b "$O" "$BASE/nguoi?q=Tran%20Thi%20Rieng%20Tu"
logged "a GET by an officer: their account" "^$TS GET /nguoi 200 [0-9.]+ms bithu\.tantieng\$"
lacks "the query's name is not logged" "$LOG" "Bi%20Mat"
lacks "nor its words" "$LOG" "Rieng"
lacks "nor a phone number" "$LOG" "0912345678"
lacks "nor a query mark" "$LOG" "?"
# a POST: a failed login, refused with its code; a logout, by its account
tok=$(csrf_of "$TMP/anon" /dang-nhap)
http "a wrong password" 403 -b "$TMP/anon" -d "csrf=$tok&login=khong.co.ai&password=sai-mat-khau" "$BASE/dang-nhap"
logged "a POST refused: 403, no account" "^$TS POST /dang-nhap 403 [0-9.]+ms -\$"
lacks "the password is not logged" "$LOG" "sai-mat-khau"
login "$TMP/out" dangvien.tantieng dangvien-demo-2020
http "a logout" 303 -b "$TMP/out" -d "csrf=$CSRF" "$BASE/dang-xuat"
logged "a POST: its account" "^$TS POST /dang-xuat 303 [0-9.]+ms dangvien\.tantieng\$"
http "a page out of the officer's scope" 403 -b "$O" "$BASE/don-vi/DB-SD-01"
logged "an error: its lt_err code" "^$TS GET /don-vi/DB-SD-01 403 [0-9.]+ms bithu\.tantieng err=LT_EREFUSED\$"
http "no such page" 404 "$BASE/khong-co-trang-nay"
logged "a 404: its code" "^$TS GET /khong-co-trang-nay 404 [0-9.]+ms - err=LT_ENOTFOUND\$"
http "a path that tries to write a line of its own" 404 "$BASE/a%0A2020-01-01T00:00:00.000Z%20GET%20/gia"
if grep -q '^2020-01-01T00:00:00.000Z' "$LOG"; then bad "a forged line"; else ok; fi
logged "the line break written as %0A" "^$TS GET /a%0A2020-01-01T00:00:00.000Z%20GET%20/gia 404 "
curl -s -o /dev/null "$BASE/cong-khai/chuan-muc?mot=1"
logged "a request logged" "GET /cong-khai/chuan-muc 200 "
sleep 0.2
equals "once" "$(grep -c 'GET /cong-khai/chuan-muc ' "$LOG")" "1"

# /healthz: no login, four fields and nothing else
http "healthz" 200 "$BASE/healthz"
if grep -Eq '^\{"status":"ok","database":"ok","disk_free_bytes":[0-9]+,"version":"[0-9][^"]*"\}$' "$TMP/body"
then ok; else bad "healthz says exactly status, database, disk, version"; cat "$TMP/body"; fi
curl -s -D "$TMP/hdr" -o /dev/null "$BASE/healthz"
contains "healthz is JSON" "$TMP/hdr" "application/json"
mv "$LAMTHEO_DB" "$LAMTHEO_DB.aside"
http "healthz, the database file gone" 503 "$BASE/healthz"
contains "says the database failed" "$TMP/body" '"status":"error","database":"missing"'
mv "$LAMTHEO_DB.aside" "$LAMTHEO_DB"
http "healthz, the database back" 200 "$BASE/healthz"
chmod 000 "$LAMTHEO_DB"
if [ "$(id -u)" != 0 ]; then
    http "healthz, the database file unreadable" 503 "$BASE/healthz"
    contains "says it is unreadable" "$TMP/body" '"database":"unreadable"'
fi
chmod 644 "$LAMTHEO_DB"

# /metrics from this machine: Prometheus text, counts that grow
http "metrics from loopback" 200 -o "$TMP/metrics" "$BASE/metrics"
curl -s -o "$TMP/metrics" -D "$TMP/hdr" "$BASE/metrics"
contains "Prometheus' content type" "$TMP/hdr" "text/plain; version=0.0.4"
PUB='lamtheo_http_requests_total{method="GET",route="/cong-khai/",status="2xx"}'
HEALTH_FAIL='lamtheo_http_requests_total{method="GET",route="/healthz",status="5xx"}'
BUCKET='lamtheo_http_request_duration_seconds_count{method="GET",route="/cong-khai/"}'
before=$(metric "$PUB"); bucket_before=$(metric "$BUCKET"); failed_before=$(metric lamtheo_logins_failed_total)
equals "a route counted by its pattern" "$(metric 'lamtheo_http_requests_total{method="GET",route="/don-vi/*",status="4xx"}')" "1"
[ "$(metric "$HEALTH_FAIL")" -ge 1 ] && ok || bad "the failed healthz not counted as 5xx"
lacks "no raw path as a label" "$TMP/metrics" "DB-SD-01"
contains "the database's size" "$TMP/metrics" "lamtheo_database_bytes "
[ "$(metric lamtheo_database_bytes)" -gt 100000 ] && ok || bad "database size $(metric lamtheo_database_bytes)"
contains "the indicator cache" "$TMP/metrics" "lamtheo_indicator_computed_total "
contains "the latency histogram" "$TMP/metrics" 'route="/cong-khai/",le="+Inf"}'
for i in 1 2 3; do curl -s -o /dev/null "$BASE/cong-khai/?lan=$i"; done
tok=$(csrf_of "$TMP/anon" /dang-nhap)
curl -s -o /dev/null -b "$TMP/anon" -d "csrf=$tok&login=khong.co.ai&password=sai-nua" "$BASE/dang-nhap"
http "the dashboard computes indicators" 200 -b "$A" "$BASE/tong-quan"
sleep 0.2
curl -s -o "$TMP/metrics" "$BASE/metrics"
equals "requests counted" "$(metric "$PUB")" "$((before + 3))"
equals "their latencies counted" "$(metric "$BUCKET")" "$((bucket_before + 3))"
equals "the failed login counted" "$(metric lamtheo_logins_failed_total)" "$((failed_before + 1))"
[ "$(metric lamtheo_indicator_computed_total)" -ge 1 ] && ok || bad "indicators computed not counted"
# what waits in the other open year (2025) is not read from the whole year
# (the first dashboard of a year took twice as long), nor from its whole
# tally (a third of the page nationally): it is counted from the unit down,
# and the tally is read once the page has gone, for the pages after
equals "the other open year counted from the unit down" "$(metric lamtheo_indicator_waiting_below_total)" 1
for _ in $(seq 1 50); do
    curl -s -o "$TMP/metrics" "$BASE/metrics"
    [ "$(metric lamtheo_indicator_tallied_total)" = 1 ] && break
    sleep 0.1
done
equals "...its tally read alone after the page" "$(metric lamtheo_indicator_tallied_total)" 1
computed=$(metric lamtheo_indicator_computed_total); hits=$(metric lamtheo_indicator_cache_hits_total)
http "the same dashboard again" 200 -b "$A" "$BASE/tong-quan"
curl -s -o "$TMP/metrics" "$BASE/metrics"
equals "...nothing computed again" "$(metric lamtheo_indicator_computed_total)" "$computed"
[ "$(metric lamtheo_indicator_cache_hits_total)" -gt "$hits" ] && ok ||
    bad "the dashboard from the cache is not counted as a hit ($hits before)"
# the to-do page says what waits in 2025 from the same tally: it computes
# no year (it computed 2025 whole, a second national year for one line)
tallied=$(metric lamtheo_indicator_tallied_total)
http "the to-do page" 200 -b "$A" "$BASE/viec-can-lam"
curl -s -o "$TMP/metrics" "$BASE/metrics"
equals "...computes no year" "$(metric lamtheo_indicator_computed_total) $(metric lamtheo_indicator_tallied_total)" "$computed $tallied"
equals "...and reads the kept tally" "$(metric lamtheo_indicator_waiting_below_total)" 1
# a unit closed during an open year (DB-TTCL, 30 June 2025): its dashboard
# of 2024 says what waits in the other open years from those years as
# cached, not from its own last day, which no cache keeps (each such page
# computed 2025 again)
tallied=$(metric lamtheo_indicator_tallied_total)
http "a closed unit's dashboard of an earlier year" 200 -b "$A" "$BASE/tong-quan?don_vi=DB-TTCL&nam=2024"
curl -s -o "$TMP/metrics" "$BASE/metrics"
equals "...reads 2025's tally as kept" "$(metric lamtheo_indicator_tallied_total)" "$tallied"
computed=$(metric lamtheo_indicator_computed_total)
http "...asked again" 200 -b "$A" "$BASE/tong-quan?don_vi=DB-TTCL&nam=2024"
curl -s -o "$TMP/metrics" "$BASE/metrics"
equals "...computes no year again" "$(metric lamtheo_indicator_computed_total)" "$computed"
# a deployment of the dashboard's year, as a cell's secretary records it:
# the next dashboard computes that year again, not its trend's five other
# years (any record made every year stale: six national years, seconds)
http "the dashboard of $YEAR" 200 -b "$A" "$BASE/tong-quan?nam=$YEAR"
computed=$(metric_now lamtheo_indicator_computed_total)
tok=$(csrf_of "$A" /tong-quan)
http "a deployment of $YEAR recorded" 303 -b "$A" \
    -d "csrf=$tok&nam=$YEAR&ngay=$YEAR-03-02&hinh_thuc=cell_meeting&co_mat=5&tong_so=6" "$BASE/don-vi/DB-TT-01/trien-khai"
http "...the dashboard after it" 200 -b "$A" "$BASE/tong-quan?nam=$YEAR"
equals "...computes that year alone again" "$(metric_now lamtheo_indicator_computed_total)" "$((computed + 1))"
# a name search lists people of the year's tree: it reads the tree with the
# year's tally, and computes no whole year (the first search after a start
# computed the national year, 0.3-0.6 s)
computed=$(metric_now lamtheo_indicator_computed_total)
http "a name search in $((YEAR - 3))" 200 -b "$A" "$BASE/api/v1/people?q=an&year=$((YEAR - 3))"
equals "...computes no whole year" "$(metric_now lamtheo_indicator_computed_total)" "$computed"

# SIGHUP: nothing to reopen, the server goes on
kill -HUP "$SERVER_PID"
sleep 0.2
http "serving after SIGHUP" 200 "$BASE/healthz"
contains "SIGHUP noted" "$LOG" "SIGHUP"
"$LT" help serve > "$TMP/help"
contains "help serve says what SIGHUP does" "$TMP/help" "SIGHUP"
contains "help serve lists /healthz" "$TMP/help" "/healthz"
stop_server

# behind a trusted proxy on this machine: a relayed request is not this
# machine's, whatever its X-Forwarded-For says; an administrator may read
start_server --trusted-proxy 127.0.0.1
login "$O" bithu.tantieng tantieng-demo-2020
login "$A" quantri quantri-demo-2020
http "metrics relayed for a client" 404 -H "X-Forwarded-For: 203.0.113.9" "$BASE/metrics"
lacks "nothing of them shown" "$TMP/body" "lamtheo_"
http "metrics relayed, claiming loopback" 404 -H "X-Forwarded-For: 127.0.0.1" "$BASE/metrics"
http "metrics relayed for an officer" 404 -b "$O" -H "X-Forwarded-For: 203.0.113.9" "$BASE/metrics"
http "metrics relayed for an administrator" 200 -b "$A" -H "X-Forwarded-For: 203.0.113.9" "$BASE/metrics"
contains "the administrator reads them" "$TMP/body" "lamtheo_http_requests_total"
http "healthz relayed: no login needed" 200 -H "X-Forwarded-For: 203.0.113.9" "$BASE/healthz"
http "metrics from this machine, not relayed" 200 "$BASE/metrics"
stop_server

# LAMTHEO_LOG_FILE: the log goes to the file; logrotate moves it and sends
# SIGHUP; the lines after it go to a new file, none lost, none in both
LF=$TMP/log/access.log
mkdir -p "$TMP/log"
LAMTHEO_LOG_FILE=$LF start_server
LOG=$LF
http "a request logged to the file" 200 "$BASE/cong-khai/?truoc=1"
logged "...its line in LAMTHEO_LOG_FILE" "^$TS GET /cong-khai/ 200 "
lacks "...not on stderr" "$TMP/serve.err" "GET /cong-khai/"
equals "the log file is not for everyone (0640)" "$(stat -c %a "$LF")" "640"
mv "$LF" "$LF.1"
http "a request while the file is moved" 200 "$BASE/healthz"
LOG=$LF.1
logged "...still goes to the moved file" "GET /healthz 200 "
LOG=$LF
kill -HUP "$SERVER_PID"
for _ in $(seq 1 40); do [ -f "$LF" ] && break; sleep 0.05; done
http "a request after SIGHUP" 200 "$BASE/tinh/style.css"
logged "...its line in the new file" "^$TS GET /tinh/style.css 200 "
contains "the new file says it was reopened" "$LF" "log file reopened"
lacks "the new file has none of the old lines" "$LF" "GET /healthz"
lacks "the old file has none of the new" "$LF.1" "style.css"
# a new file that cannot be opened (a folder in its place): SIGHUP keeps
# the file it has, and says so there
mv "$LF" "$LF.2"
mkdir "$LF"
kill -HUP "$SERVER_PID"
LOG=$LF.2
logged "a log file that cannot be opened is named in the one kept" "cannot open the log file $LF"
http "serving after that SIGHUP" 200 "$BASE/healthz"
logged "...and logging to the file it had" "GET /healthz 200 .*"
[ "$(grep -c 'GET /healthz 200' "$LF.2")" = 1 ] && ok || bad "the request after the failed SIGHUP in the kept file"
stop_server
LOG=$TMP/serve.err
expect_status 1 "a log file that cannot be opened stops serve before it starts" \
    env LAMTHEO_LOG_FILE=/nonexistent/dir/access.log "$LT" serve --listen 127.0.0.1:0
contains "...naming it" "$TMP/err" "/nonexistent/dir/access.log"

# a real peer that is not loopback (when this machine has an address)
ADDR=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' | grep -v '^127\.' | head -1)
if [ -n "$ADDR" ]; then
    "$LT" serve --listen "$ADDR:0" > "$TMP/serve2.out" 2> "$TMP/serve2.err" &
    PID2=$!
    for _ in $(seq 1 50); do B2=$(grep -o "http://$ADDR:[0-9]*" "$TMP/serve2.out" | head -1); [ -n "$B2" ] && break; sleep 0.1; done
    http "metrics from another address" 404 "$B2/metrics"
    BASE_SAVED=$BASE; BASE=$B2; login "$A" quantri quantri-demo-2020; BASE=$BASE_SAVED
    http "metrics from another address for an administrator" 200 -b "$A" "$B2/metrics"
    kill -TERM "$PID2"; wait "$PID2"
fi
finish
