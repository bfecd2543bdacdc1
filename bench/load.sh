#!/bin/sh
# load.sh — many writers and readers at once on one server (issue 6):
# W writers each add R items to their own registration through the JSON
# API while W readers load dashboards, all on 127.0.0.1, bounded in count.
# Prints each side's requests/s and p50/p99, and how many requests failed
# (a busy database would show here).  Usage: sh bench/load.sh [BUILD]
set -eu
B=${1:-build}
W=${LOAD_CLIENTS:-8}
R=${LOAD_REQUESTS:-200}
LT=$(pwd)/$B/lamtheo
DIR=$(mktemp -d /tmp/lamtheo-load.XXXXXX)
export LAMTHEO_DB="$DIR/l.db"
"$LT" init --demo > /dev/null
"$LT" serve --listen 127.0.0.1:0 > "$DIR/serve.out" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; rm -rf "$DIR"' EXIT
for _ in $(seq 1 50); do BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/serve.out" || true); [ -n "$BASE" ] && break; sleep 0.1; done
curl -s -c "$DIR/jar" -H 'Content-Type: application/json' -d '{"login":"quantri","password":"quantri-demo-2020"}' "$BASE/api/v1/session" > "$DIR/s.json"
CSRF=$(sed 's/.*"csrf":"\([^"]*\)".*/\1/' "$DIR/s.json")
# one draft registration per writer
for w in $(seq 1 "$W"); do
    p=$(sqlite3 "$LAMTHEO_DB" "SELECT code FROM person LIMIT 1 OFFSET $((w * 7))")
    curl -s -b "$DIR/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d '{"year":2031}' \
        "$BASE/api/v1/people/$p/registrations" | grep -o '[0-9]*' > "$DIR/reg.$w"
done
writer() {
    reg=$(cat "$DIR/reg.$1")
    for k in $(seq 1 "$R"); do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$DIR/jar" -H "X-CSRF-Token: $CSRF" \
            -H 'Content-Type: application/json' -d "{\"body\":\"tải $1-$k\"}" "$BASE/api/v1/registrations/$reg/items"
    done > "$DIR/w.$1"
}
reader() {
    for k in $(seq 1 "$R"); do
        curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$DIR/jar" "$BASE/tong-quan?don_vi=DB-TT&nam=2020"
    done > "$DIR/r.$1"
}
t0=$(date +%s.%N)
pids=""
for i in $(seq 1 "$W"); do
    writer "$i" &
    pids="$pids $!"
    reader "$i" &
    pids="$pids $!"
done
for p in $pids; do wait "$p"; done
t1=$(date +%s.%N)
summary() { # NAME FILES...: requests/s, p50, p99 (nearest rank), failures
    name=$1; shift
    secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
    n=$(cat "$@" | wc -l)
    bad=$(cat "$@" | awk '$1 !~ /^[23]/' | wc -l)
    cat "$@" | awk '{ printf "%.3f\n", $2 * 1000 }' | sort -n > "$DIR/lat"
    p50=$(sed -n "$(( (n + 1) / 2 ))p" "$DIR/lat")
    p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$DIR/lat")
    awk -v name="$name" -v n="$n" -v secs="$secs" -v p50="$p50" -v p99="$p99" -v bad="$bad" 'BEGIN {
        printf "%-7s %6d requests  %7.1f req/s  p50 %6.1f ms  p99 %6.1f ms  failed %d\n", name, n, n / secs, p50, p99, bad }'
}
echo "== $W writers and $W readers at once, $R requests each, 2 cores (server and clients share them)"
summary writes "$DIR"/w.*
summary reads "$DIR"/r.*
echo "items written: $(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM registration_item WHERE body LIKE 'tải %'") of $((W * R))"
"$LT" check > /dev/null && echo "check: ok"
