#!/bin/sh
# t_servers_pg.sh — two `lamtheo serve` on one PostgreSQL database behind
# Debian's nginx (dist/nginx/lamtheo.conf run as it is, with an upstream
# line per server: DESIGN §10, issue 24).  Each answers /healthz and
# /metrics for the database it shares.  nginx takes the servers in turn,
# and whichever answers: a session made through one serves on the other,
# and ends on both when it ends on one; a write through one server is in
# the next figure the other gives, though each had the year's figures
# cached before; a conflicting write from both at once leaves one winner.
. "$(dirname "$0")/lib.sh"
nginx_missing && { finish; exit 0; }
LT_ENGINE=postgresql demo_database
start_server --trusted-proxy 127.0.0.1 || { finish; exit 0; }
A=$BASE A_PORT=$PORT A_PID=$SERVER_PID
start_server --trusted-proxy 127.0.0.1 || { finish; exit 0; }
B=$BASE B_PORT=$PORT B_PID=$SERVER_PID
nginx_start lamtheo.example.gov.vn "$A_PORT" "$B_PORT"

# what a load balancer and a monitor ask each server
for server in "$A" "$B"; do
    http "healthz of $server" 200 "$server/healthz"
    contains "...the database answers" "$TMP/body" '"database":"ok"'
    curl -s -o "$TMP/metrics" "$server/metrics"
    size=$(awk '$1 == "lamtheo_database_bytes" { print $2 }' "$TMP/metrics")
    check "...and its metrics give the database's size ($size)" test "${size:-0}" -gt 1000000
    lacks "...without a write-ahead log of SQLite's" "$TMP/metrics" "lamtheo_database_wal_bytes"
done

# a login through nginx
tok=$(tls -c "$TMP/jar" "$HTTPS/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
tls -o /dev/null -b "$TMP/jar" -c "$TMP/jar" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$HTTPS/dang-nhap"
SESSION=$(awk '$6 == "lt_session" { print $7 }' "$TMP/jar")
check "the login gave a session" test -n "$SESSION"
answered=0
for i in 1 2 3 4 5 6; do
    tls -b "$TMP/jar" "$HTTPS/api/v1/session" | grep -q '"login":"quantri"' && answered=$((answered + 1))
done
equals "six requests in a row through nginx: the session serves on each" "$answered" 6
used=$(grep 'GET /api/v1/session' "$NG/access.log" | cut -d' ' -f1 | sort -u | tr '\n' ' ')
equals "...answered by both servers in turn" "$used" "$(printf '127.0.0.1:%s\n' "$A_PORT" "$B_PORT" | sort | tr '\n' ' ')"

# as SERVER PATH CURL_ARGS...: straight to one server with the session
as() { server=$1 path=$2; shift 2; curl -s -H "Cookie: lt_session=$SESSION" "$@" "$server$path"; }
CSRF=$(as "$A" /api/v1/session | sed 's/.*"csrf":"\([^"]*\)".*/\1/')
# the demo's current year, whose registrations are under way
Y=$(db_sql "SELECT max(year) FROM year_setup")
# submitted SERVER: the registrations submitted in Y in the whole tree (the report's first unit), as SERVER counts them
submitted() { as "$1" "/api/v1/indicators?year=$Y" | grep -o '"registrations_submitted": [0-9]*' | head -1 | grep -o '[0-9]*$'; }
# waiting SERVER: the registrations of Y waiting for approval, as SERVER lists them
waiting() { as "$1" "/api/v1/missing?kind=approvals&year=$Y" | tr '{' '\n'; }
# step SERVER ACTION ID: a registration's step through SERVER; its HTTP status
step() { as "$1" "/api/v1/registrations/$3/$2" -o /dev/null -w '%{http_code}' -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' -d '{}'; }
before=$(submitted "$A")
check "the figures are there" test -n "$before"
equals "both servers give the same figure" "$(submitted "$B")" "$before"
drafts=$(db_sql "SELECT id FROM registration r WHERE year = $Y AND status = 'draft' AND EXISTS
    (SELECT 1 FROM registration_item i WHERE i.registration_id = r.id) ORDER BY id LIMIT 4")
n=$before
k=0
for id in $drafts; do
    k=$((k + 1))
    if [ $((k % 2)) = 1 ]; then w=$A r=$B; else w=$B r=$A; fi
    waiting "$w" > /dev/null; waiting "$r" > /dev/null # (both have the list in memory)
    equals "registration $id submitted through one server" "$(step "$w" submit "$id")" 200
    n=$((n + 1))
    equals "...the other server counts it at once" "$(submitted "$r")" "$n"
    equals "...and so does the first" "$(submitted "$w")" "$n"
    equals "...and lists it as waiting for approval" "$(waiting "$r" | grep -c "\"id\": *$id\b")" 1
done
equals "four submitted in all" "$k" 4
# the same registration approved through both at once: one wins, the other is told
id=$(echo "$drafts" | head -1)
step "$A" approve "$id" > "$TMP/a.code" &
other=$!
step "$B" approve "$id" > "$TMP/b.code"
wait "$other"
codes=$(printf '%s\n%s\n' "$(cat "$TMP/a.code")" "$(cat "$TMP/b.code")" | sort | tr '\n' ' ')
# (the other is told: a conflict, or, once the first is in, that it is approved already)
case $codes in "200 403 "|"200 409 ") ok ;; *) bad "approved through both at once: $codes" ;; esac
equals "...and it was approved once" "$(db_sql "SELECT count(*) FROM registration_transition WHERE registration_id = $id AND to_status = 'approved'")" 1

# the session ends on both when it ends on one
code=$(as "$B" /api/v1/session -o /dev/null -w '%{http_code}' -X DELETE -H "X-CSRF-Token: $CSRF")
equals "logged out through one server" "$code" 200
equals "...the other no longer knows the session" "$(as "$A" /api/v1/session -o /dev/null -w '%{http_code}')" 401
equals "...nor does nginx" "$(tls -b "$TMP/jar" -o /dev/null -w '%{http_code}' "$HTTPS/api/v1/session")" 401

nginx_stop
SERVER_PID=$A_PID; stop_server
SERVER_PID=$B_PID; stop_server
finish
