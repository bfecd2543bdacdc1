#!/bin/sh
# web.sh — the web benchmark: wrk against one unit's dashboard (HTML), its
# indicators (JSON) and a static asset (/tinh/style.css) of the same server,
# on the demo database and on a 100,000-unit synthetic tree (filled by
# bench_indicators --fill-only, then given an admin account).  Prints, per
# target, requests/s, p50 and p99 latency and the ratio of its requests/s
# to the static asset's on the same server.  Aim (the project's issue):
# dashboard p99 under 20 ms and at least half the static throughput.
#
#     sh bench/web.sh [BUILD]       (BUILD: default build; needs BUILD/lamtheo
#                                    and BUILD/bench/bench_indicators: make bench)
#
# Load: `wrk -t2 -c16 -d10s --latency` per target.  A target whose single
# request already takes more than BENCH_WEB_SLOW_MS (500) is not hammered:
# it is requested one at a time with curl, BENCH_WEB_SAMPLES (20) times or
# until BENCH_WEB_BUDGET (90) seconds have passed (at least 3 requests), and
# its requests/s is then that of one client in sequence (labelled so).
# Every request goes to 127.0.0.1; the servers are stopped on exit.  Data
# lives under $BENCH_DIR/web (default /tmp/lamtheo-bench/web); the table is
# also written to $BENCH_DIR/web-results.txt.
set -eu

B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
DIR=${BENCH_DIR:-/tmp/lamtheo-bench}
WD=$DIR/web
LT=$B/lamtheo
FILL=$B/bench/bench_indicators
UNITS=${BENCH_WEB_UNITS:-100000}
PEOPLE=${BENCH_WEB_PEOPLE:-300000}
SECONDS_EACH=${BENCH_WEB_SECONDS:-10}
SLOW_MS=${BENCH_WEB_SLOW_MS:-500}
SAMPLES=${BENCH_WEB_SAMPLES:-20}
BUDGET=${BENCH_WEB_BUDGET:-90}
YEAR=2020
TABLE=$WD/table.txt
SRV=

for f in "$LT" "$FILL"; do
    [ -x "$f" ] || { echo "web.sh: $f is missing (run make bench, or make $f)" >&2; exit 1; }
done
command -v curl >/dev/null || { echo "web.sh: curl is needed" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
    echo "web.sh: installing wrk (apt-get install -y wrk)"
    apt-get install -y wrk >/dev/null || { echo "web.sh: cannot install wrk" >&2; exit 1; }
fi

stop_server() {
    if [ -n "$SRV" ]; then
        kill "$SRV" 2>/dev/null || true
        wait "$SRV" 2>/dev/null || true
        SRV=
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# start_server DB: serves DB on a free port of 127.0.0.1; sets URL.
start_server() {
    "$LT" --db "$1" serve --listen 127.0.0.1:0 >"$WD/server.out" 2>"$WD/server.err" &
    SRV=$!
    i=0
    while ! grep -q 'http://127.0.0.1:[0-9]*/' "$WD/server.out" 2>/dev/null; do
        i=$((i + 1))
        if [ "$i" -gt 100 ] || ! kill -0 "$SRV" 2>/dev/null; then
            echo "web.sh: the server did not start:" >&2; cat "$WD/server.err" >&2; exit 1
        fi
        sleep 0.1
    done
    URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$WD/server.out" | head -n 1)
}

# login LOGIN PASSWORD: the form's CSRF token, then POST; sets SESSION.
login() {
    jar=$WD/cookies.txt
    rm -f "$jar"
    curl -sS --max-time 10 -c "$jar" -b "$jar" -o "$WD/login.html" "$URL/dang-nhap"
    csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$WD/login.html" | head -n 1)
    curl -sS --max-time 10 -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
        --data-urlencode "login=$1" --data-urlencode "password=$2" "$URL/dang-nhap"
    SESSION=$(awk '$6 == "lt_session" { print $7 }' "$jar")
    [ -n "$SESSION" ] || { echo "web.sh: login as $1 failed" >&2; exit 1; }
}

# cpu_ticks: the server's user + system clock ticks so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SRV/stat"; }

# wait_idle: wrk stops sending at its deadline but the server still works
# through the requests it has queued; wait (at most 5 minutes) until the
# server has used less than 2 ticks of CPU in half a second.
wait_idle() {
    i=0
    a=$(cpu_ticks)
    while [ "$i" -lt 600 ]; do
        sleep 0.5
        b=$(cpu_ticks)
        [ $((b - a)) -lt 2 ] && return 0
        a=$b
        i=$((i + 1))
    done
    echo "web.sh: the server is still busy after 5 minutes" >&2
}

# one PATH: one request; prints its seconds, fails unless the answer is 200.
one() {
    out=$(curl -sS --max-time 300 -o "$WD/body" -H "Cookie: lt_session=$SESSION" \
        -w '%{http_code} %{time_total}' "$URL$1")
    case $out in
    "200 "*) echo "${out#200 }" ;;
    *) echo "web.sh: GET $1 answered ${out% *} (want 200)" >&2; exit 1 ;;
    esac
}

# pct FILE P: the P-th percentile (nearest rank) of the numbers in FILE.
pct() {
    sort -g "$1" | awk -v p="$2" '{ v[NR] = $1 } END {
        k = int(p / 100 * NR); if (k < p / 100 * NR) k++; if (k < 1) k = 1; print v[k] }'
}

# ms VALUE: a wrk duration (715.00us, 1.2ms, 3.4s, 1.0m) in milliseconds.
ms() {
    echo "$1" | awk '{ v = $1 + 0; u = $1; sub(/^[0-9.]+/, "", u)
        f = u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : u == "m" ? 60000 : 1
        printf "%.2f", v * f }'
}

# measure LABEL PATH [static]: one row of the table.  The static row of a
# server comes first: it is the denominator of the ratio of the others.
measure() {
    label=$1 path=$2
    wait_idle
    one "$path" >/dev/null # warm-up (and the check that the answer is 200)
    # up to 5 requests alone; one slower than SLOW_MS makes it a slow target
    : >"$WD/times"
    slow=0
    for k in 1 2 3 4 5; do
        t=$(one "$path")
        echo "$t" >>"$WD/times"
        if awk -v t="$t" -v s="$SLOW_MS" 'BEGIN { exit !(t * 1000 > s) }'; then slow=1; break; fi
    done
    bytes=$(wc -c <"$WD/body")
    if [ "$slow" = 1 ]; then
        t0=$(date +%s)
        n=1
        while [ "$n" -lt "$SAMPLES" ] && { [ "$n" -lt 3 ] || [ $(($(date +%s) - t0)) -lt "$BUDGET" ]; }; do
            one "$path" >>"$WD/times"
            n=$((n + 1))
        done
        rps=$(awk '{ s += $1 } END { printf "%.3f", NR / s }' "$WD/times")
        p50=$(pct "$WD/times" 50 | awk '{ printf "%.2f", $1 * 1000 }')
        p99=$(pct "$WD/times" 99 | awk '{ printf "%.2f", $1 * 1000 }')
        alone=$p50
        how="curl, $n in sequence"
    else
        alone=$(pct "$WD/times" 50 | awk '{ printf "%.2f", $1 * 1000 }')
        wrk -t2 -c16 -d"${SECONDS_EACH}s" --timeout 10s --latency \
            -H "Cookie: lt_session=$SESSION" "$URL$path" >"$WD/wrk.txt"
        rps=$(awk '/^Requests\/sec:/ { printf "%.1f", $2 }' "$WD/wrk.txt")
        p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$WD/wrk.txt")")
        p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$WD/wrk.txt")")
        n=$(awk '/requests in/ { print $1 }' "$WD/wrk.txt")
        how="wrk -t2 -c16, $n in ${SECONDS_EACH}s"
        bad=$(awk '/Non-2xx|Socket errors/' "$WD/wrk.txt")
        [ -z "$bad" ] || { echo "web.sh: $label: $bad" >&2; how="$how; ERRORS: $bad"; }
    fi
    [ "${3:-}" = static ] && STATIC_RPS=$rps
    ratio=$(awk -v a="$rps" -v b="$STATIC_RPS" 'BEGIN { r = a / b
        printf (r >= 0.01 ? "%.2f" : r >= 0.0001 ? "%.4f" : "%.2g"), r }')
    echo "$label|$rps|$p50|$p99|$ratio|$alone|$bytes|$how" >>"$TABLE"
    printf '  %-44s %10s req/s  p50 %9s ms  p99 %9s ms  ratio %-7s (alone %s ms; %s)\n' \
        "$label" "$rps" "$p50" "$p99" "$ratio" "$alone" "$how"
}

demo() {
    db=$WD/demo.db
    rm -f "$db" "$db-wal" "$db-shm"
    "$LT" --db "$db" init --demo >"$WD/demo-init.log"
    start_server "$db"
    login quantri quantri-demo-2020
    echo "== web: demo database ($URL)"
    measure "demo: static /tinh/style.css" "/tinh/style.css" static
    measure "demo: dashboard HTML, DB-TTCL (grassroots)" "/tong-quan?don_vi=DB-TTCL&nam=$YEAR"
    measure "demo: dashboard HTML, HU-CL (district)" "/tong-quan?don_vi=HU-CL&nam=$YEAR"
    measure "demo: indicators JSON, DB-TTCL" "/api/v1/indicators?unit=DB-TTCL&year=$YEAR"
    stop_server
}

big() {
    db=$WD/tree.db
    echo "== web: $UNITS-unit tree, $PEOPLE people, year $YEAR"
    "$FILL" --fill-only --db "$db" --units "$UNITS" --people "$PEOPLE" --year "$YEAR"
    echo bench-admin-password | "$LT" --db "$db" user add benchadmin --role admin >/dev/null
    # the shape of bench/benchlib.h: T000000 the province, H… districts, then
    # the grassroots organisations X…, the first of which is a đảng bộ cơ sở
    grass=$(sqlite3 "$db" "SELECT code FROM unit WHERE kind='grassroots_committee' ORDER BY id LIMIT 1")
    root=$(sqlite3 "$db" "SELECT code FROM unit WHERE kind='province' ORDER BY id LIMIT 1")
    below=$(sqlite3 "$db" "SELECT count(*) FROM unit_parent WHERE parent_id=(SELECT id FROM unit WHERE code='$grass')")
    start_server "$db"
    login benchadmin bench-admin-password
    echo "   ($URL; grassroots $grass with $below cells, root $root)"
    measure "tree: static /tinh/style.css" "/tinh/style.css" static
    measure "tree: dashboard HTML, $grass (grassroots)" "/tong-quan?don_vi=$grass&nam=$YEAR"
    measure "tree: dashboard HTML, $root (root)" "/tong-quan?don_vi=$root&nam=$YEAR"
    measure "tree: indicators JSON, $grass" "/api/v1/indicators?unit=$grass&year=$YEAR"
    stop_server
    rm -f "$db" "$db-wal" "$db-shm"
}

main() {
    mkdir -p "$WD"
    : >"$TABLE"
    echo "== web benchmark: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
         "$(wrk --version 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    demo
    big
    {
        echo "target|requests/s|p50 ms|p99 ms|ratio|alone ms|bytes|how"
        cat "$TABLE"
    } >"$DIR/web-results.txt"
    echo
    echo "== web results (ratio = requests/s / the same server's static requests/s;" \
         "aim: dashboard p99 < 20 ms, ratio >= 0.5)"
    awk -F'|' '{ printf "%-44s %11s %10s %10s %8s %10s   %s\n", $1, $2, $3, $4, $5, $6, $8 }' \
        "$DIR/web-results.txt"
    echo "table in $DIR/web-results.txt"
}

main
