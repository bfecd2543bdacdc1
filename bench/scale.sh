#!/bin/sh
# scale.sh — the national-scale benchmarks (issue 5) at one scale S:
#
#     BENCH_SCALE=S sh bench/scale.sh [BUILD]      (S: 0.01 default, 1 = the country)
#
# bench/country makes a synthetic Vietnam at scale S (S=1: ~300,000 party
# organisations, 5.5 million people, registrations 2021–2025 with 3–5 items
# each, the 2025 reorganisation) once, kept in $BENCH_DIR/scale-S.  Then
# every figure is measured next to a baseline from the same run:
#
#   import of the people CSV        sqlite3 shell's .import of the same CSV
#                                   into a plain table (fresh databases);
#                                   and that, then indexes as the search's
#                                   on its text (SQLite's own floor)
#   indicators, every unit, 2024    one WITH RECURSIVE query computing the same
#                                   counts (bench_indicators --existing)
#   one unit's dashboard, HTML and  the static style sheet, fetched the same
#   JSON: 1,000 random units in     way (one curl, keep-alive, in sequence),
#   sequence (p50, p99), then wrk   then under the same wrk load (requests
#   -c64 over the same 1,000 URLs,  a second: the two in ten turns of 2 s)
#   and again while a registration
#   is approved every second; the
#   first dashboard of the year, and
#   after a registration changes and
#   after a deployment of the year
#   name search without diacritics  the same searches as LIKE '%word%' over
#   (1,000 names, API, p50/p99)     person.name_fold in the sqlite3 shell
#                                   (the first 10 names; process start included)
#   server peak memory (VmHWM)      the aim, 1 GiB
#   database size on disk           the people and units CSV files
#
# The table goes to stdout and to $BENCH_DIR/scale-S.txt as lines
# "S|what|lamtheo|baseline|baseline figure|ratio|unit"; bench/plot.sh
# draws every scale found there.  Traffic goes to 127.0.0.1 only; every
# loop is bounded (1,000 requests, wrk 10 s).  Each timed import starts
# after BENCH_IDLE seconds (10) with the machine idle.  Before the server's
# part the database file is read once into the system's cache, as a server
# that has run a while holds it (BENCH_SCALE_COLD=1: not; the disk's figures).
set -eu

B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
S=${BENCH_SCALE:-0.01}
ROOT=${BENCH_DIR:-/tmp/lamtheo-bench}
DIR=$ROOT/scale-$S
LT=$B/lamtheo
COUNTRY=$B/bench/country
IND=$B/bench/bench_indicators
N=${BENCH_SCALE_SAMPLES:-1000}
LIKE=${BENCH_SCALE_LIKE:-10}       # baseline searches (each reads every person at S=1: ~15 s)
YEAR=2024
OUT=$ROOT/scale-$S.txt
SRV=

for f in "$LT" "$COUNTRY" "$IND"; do
    [ -x "$f" ] || { echo "scale.sh: $f is missing (make bench-scale)" >&2; exit 1; }
done
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
stop_server() { [ -z "$SRV" ] || { kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null || true; SRV=; }; }
trap stop_server EXIT
trap 'exit 130' INT TERM
mkdir -p "$DIR"
[ ! -s "$OUT" ] || cp "$OUT" "$OUT.last"
: >"$OUT"

. "$(dirname "$0")/common.sh"

# ---- the country -----------------------------------------------------------
DB=$DIR/country.db
country_made
people=$(sqlite3 "$DB" "SELECT count(*) FROM person")
units=$(sqlite3 "$DB" "SELECT count(*) FROM unit")
items=$(sqlite3 "$DB" "SELECT count(*) FROM registration_item")
echo "== scale $S: $units units, $people people, $items registration items; $(nproc) cores," \
     "load $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- import ------------------------------------------------------------------
# BENCH_SCALE_WEB_ONLY=1 keeps the import and indicator lines of the last
# run at this scale and measures only the server (its code changed)
if [ "${BENCH_SCALE_WEB_ONLY:-0}" = 1 ] && [ -s "$OUT.last" ]; then
    grep -E '\|(import people|indicators, all units|indicators again)' "$OUT.last" >>"$OUT"
    cat "$OUT"
else
imp=$DIR/import.db
rm -f "$imp" "$imp-wal" "$imp-shm" "$DIR/plain.db"
"$LT" --db "$imp" init >/dev/null
"$LT" --db "$imp" import units "$DIR/csv/units.csv" >/dev/null 2>&1
# each timed import after BENCH_IDLE seconds idle: one run just after another
# that freed much memory was 5-10 s slower at S=1 (BENCHMARKS.md)
sleep "${BENCH_IDLE:-10}"
t0=$(now)
"$LT" --db "$imp" import people "$DIR/csv/people.csv" >"$DIR/import.log" 2>&1 || {
    tail -5 "$DIR/import.log" >&2; exit 1; }
t_ours=$(since "$t0")
sleep "${BENCH_IDLE:-10}"
t0=$(now)
sqlite3 "$DIR/plain.db" ".import --csv $DIR/csv/people.csv people"
t_base=$(since "$t0")
row "import people ($people rows)" "$t_ours" "sqlite3 .import, plain table" "$t_base" s
# what SQLite itself takes to index the same text as the search needs: by
# unit, by name, a covering name index and the FTS5 word index
t0=$(now)
sqlite3 "$DIR/plain.db" "PRAGMA threads=2; BEGIN;
    CREATE INDEX by_unit ON people(ma_don_vi);
    CREATE INDEX by_name ON people(ho_ten);
    CREATE INDEX by_name_all ON people(ho_ten, ma_nguoi, ma_don_vi, chuc_vu, doi_tuong,
                                       can_bo_chu_chot, nguoi_dung_dau);
    CREATE VIRTUAL TABLE words USING fts5(ho_ten, content='people', detail=none, columnsize=0,
                                         tokenize='unicode61 remove_diacritics 2');
    INSERT INTO words(words) VALUES ('rebuild');
    COMMIT;" >/dev/null
t_idx=$(since "$t0")
row "import people, against .import and the same indexes" "$t_ours" \
    "sqlite3 .import, then 3 indexes + FTS5" "$(awk -v a="$t_base" -v b="$t_idx" 'BEGIN { printf "%.2f", a + b }')" s
rm -f "$imp" "$imp-wal" "$imp-shm" "$DIR/plain.db"

# ---- indicators --------------------------------------------------------------
"$IND" --existing --db "$DB" --year "$YEAR" --limit 30 >"$DIR/indicators.log" 2>&1 || {
    tail -5 "$DIR/indicators.log" >&2; exit 1; }
ours=$(sed -n 's/^lamtheo ind_compute.*: \([0-9.]*\) s$/\1/p' "$DIR/indicators.log")
base=$(sed -n 's/^baseline A.*units: \([0-9.]*\) s .*/\1/p' "$DIR/indicators.log")
bad=$(sed -n 's/.*mismatching units: \([0-9]*\) of.*/\1/p' "$DIR/indicators.log" | head -n 1)
again=$(sed -n 's/^lamtheo again.*: \([0-9.]*\) s$/\1/p' "$DIR/indicators.log")
row "indicators, all units, $YEAR (mismatches $bad)" "$ours" "one WITH RECURSIVE query" "$base" s
row "indicators again, warm caches (median of 3)" "$again" "one WITH RECURSIVE query" "$base" s
fi

# ---- the server --------------------------------------------------------------
# how much of the file the system's cache holds: at S=1 the search's p99 is
# the disk's when little of it is (BENCHMARKS.md)
in_cache() {
    cached=$(fincore -b -n -o RES "$DB" 2>/dev/null | awk '{ printf "%.0f", $1 / 1048576 }')
    echo "== the database file in the system's cache$1: ${cached:-?} of $(($(stat -c %s "$DB") / 1048576)) MiB"
}
in_cache ""
# A server that has run a while holds in the system's cache what it reads;
# what ran before it here (the import, or the season's copy of 22 GB) may
# have left little of the file there.  So the file is read once first when
# it fits in the memory the system can give the cache (BENCH_SCALE_COLD=1:
# measured as it is, the disk's figures).
avail_k=$(awk '/^MemAvailable:/ { print $2 }' /proc/meminfo)
if [ "${BENCH_SCALE_COLD:-0}" != 1 ] && [ $(($(stat -c %s "$DB") / 1024)) -lt "$avail_k" ]; then
    cat "$DB" >/dev/null
    in_cache ", read first"
fi
echo bench-admin-password | "$LT" --db "$DB" user add benchadmin --role admin >/dev/null 2>&1 || true
# as after an import: no trend rates kept by an earlier run's server
sqlite3 "$DB" "DELETE FROM trend_rates" 2>/dev/null || true
# start_server: lamtheo serve on DB, URL, and the admin's SESSION and CSRF
start_server() {
    "$LT" --db "$DB" serve --listen 127.0.0.1:0 >"$DIR/server.out" 2>"$DIR/server.err" &
    SRV=$!
    for _ in $(seq 1 600); do grep -q 'http://127.0.0.1:[0-9]*/' "$DIR/server.out" 2>/dev/null && break; sleep 0.1; done
    URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/server.out" | head -n 1)
    [ -n "$URL" ] || { echo "scale.sh: the server did not start" >&2; cat "$DIR/server.err" >&2; exit 1; }
    rm -f "$jar"
    curl -sS -c "$jar" -H 'Content-Type: application/json' \
        -d '{"login":"benchadmin","password":"bench-admin-password"}' "$URL/api/v1/session" >"$DIR/session.json"
    SESSION=$(awk '$6 == "lt_session" { print $7 }' "$jar")
    CSRF=$(sed 's/.*"csrf":"\([^"]*\)".*/\1/' "$DIR/session.json")
    [ -n "$SESSION" ] || { echo "scale.sh: login failed" >&2; exit 1; }
}
jar=$DIR/cookies.txt
start_server

# N random units that exist in YEAR (a fixed pseudo-random order)
sqlite3 "$DB" "SELECT code FROM unit WHERE active_from <= '$YEAR-12-31' AND (active_to IS NULL
    OR active_to >= '$YEAR-01-01') ORDER BY (id * 2654435761) % 1000003 LIMIT $N" >"$DIR/units.txt"
for _ in $(seq 1 200); do echo "/tinh/style.css"; done >"$DIR/static.paths"
sequence "$DIR/static.paths" "$DIR/static.t"      # warms the server up, too
st50=$(pct "$DIR/static.t" 50); st99=$(pct "$DIR/static.t" 99)
# the first dashboard computes the year's indicators for every unit; time it alone
first=$(head -n 1 "$DIR/units.txt")
cold=$(curl -sS -o /dev/null -H "Cookie: lt_session=$SESSION" -w '%{time_total}' \
    "$URL/tong-quan?don_vi=$first&nam=$YEAR" | awk '{ printf "%.2f", $1 * 1000 }')
awk -v y="$YEAR" '{ print "/tong-quan?don_vi=" $0 "&nam=" y }' "$DIR/units.txt" >"$DIR/html.paths"
awk -v y="$YEAR" '{ print "/api/v1/indicators?unit=" $0 "&year=" y }' "$DIR/units.txt" >"$DIR/json.paths"
sequence "$DIR/html.paths" "$DIR/html.t"
sequence "$DIR/json.paths" "$DIR/json.t"
# one registration of the year approved through the API: the next dashboard
# computes that year again, not the other years of its trend
reg=$(sqlite3 "$DB" "SELECT id FROM registration WHERE year = $YEAR AND status = 'submitted' LIMIT 1")
code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -H "X-CSRF-Token: $CSRF" -X POST \
    "$URL/api/v1/registrations/$reg/approve")
[ "$code" = 200 ] || echo "scale.sh: approving registration $reg answered $code" >&2
changed=$(curl -sS -o /dev/null -H "Cookie: lt_session=$SESSION" -w '%{time_total}' \
    "$URL/tong-quan?don_vi=$first&nam=$YEAR" | awk '{ printf "%.2f", $1 * 1000 }')
# a deployment of the year recorded (the form a cell's secretary sends): the
# next dashboard computes that year again, from its cached tree, and none of
# its trend's other years (schema 28: before, every year was stale)
cell=$(sqlite3 "$DB" "SELECT code FROM unit WHERE kind = 'cell' AND active_from <= '$YEAR-01-01' AND
    active_to IS NULL ORDER BY id LIMIT 1")
present=$(($(date +%s) % 50)) # (a deployment as it stands already changes nothing)
code=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" -H "X-CSRF-Token: $CSRF" \
    -d "nam=$YEAR&ngay=$YEAR-03-02&hinh_thuc=cell_meeting&co_mat=$present&tong_so=60" "$URL/don-vi/$cell/trien-khai")
case $code in 200|303) ;; *) echo "scale.sh: a deployment of $cell answered $code" >&2 ;; esac
deployed=$(curl -sS -o /dev/null -H "Cookie: lt_session=$SESSION" -w '%{time_total}' \
    "$URL/tong-quan?don_vi=$first&nam=$YEAR" | awk '{ printf "%.2f", $1 * 1000 }')
row "first dashboard of the year (all indicators)" "$cold" "static style sheet p50" "$st50" ms
row "dashboard after a registration of the year changes" "$changed" "first dashboard of the year" "$cold" ms
row "dashboard after a deployment of the year" "$deployed" "first dashboard of the year" "$cold" ms
row "dashboard HTML, $N random units, p50" "$(pct "$DIR/html.t" 50)" "static style sheet p50" "$st50" ms
row "dashboard HTML, $N random units, p99" "$(pct "$DIR/html.t" 99)" "static style sheet p99" "$st99" ms
row "indicators JSON, $N random units, p50" "$(pct "$DIR/json.t" 50)" "static style sheet p50" "$st50" ms
row "indicators JSON, $N random units, p99" "$(pct "$DIR/json.t" 99)" "static style sheet p99" "$st99" ms

# wrk -c64 over the same URLs (bench/scale.lua picks them in turn)
under_wrk() { # PATHS LABEL: requests/s and p99 under wrk -t2 -c64 -d10s
    PATHS=$1 wrk -t2 -c64 -d10s --timeout 10s --latency -s "$(dirname "$0")/scale.lua" \
        -H "Cookie: lt_session=$SESSION" "$URL" >"$DIR/wrk.txt"
    grep -q 'Non-2xx\|Socket errors' "$DIR/wrk.txt" && echo "scale.sh: $2: $(grep 'Non-2xx\|Socket errors' "$DIR/wrk.txt")" >&2
    W_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$DIR/wrk.txt")
    W_P99=$(ms "$(awk '$1 == "99%" { print $2 }' "$DIR/wrk.txt")")
}
# in_turn PATHS_A PATHS_B: requests/s of each under wrk -c64, in ten turns of
# 2 s each; A's in T_A, B's in T_B.  On this shared virtual machine the
# rate of the same page swings by a third from one ten-second run to the
# next; taken in turn, both see the same machine
in_turn() {
    n_a=0; n_b=0
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        for side in a b; do
            [ $side = a ] && paths=$1 || paths=$2
            PATHS=$paths wrk -t2 -c64 -d2s --timeout 10s -s "$(dirname "$0")/scale.lua" \
                -H "Cookie: lt_session=$SESSION" "$URL" >"$DIR/wrk.txt"
            n=$(awk '/requests in/ { print $1 }' "$DIR/wrk.txt")
            [ $side = a ] && n_a=$((n_a + n)) || n_b=$((n_b + n))
        done
    done
    T_A=$((n_a / 20)); T_B=$((n_b / 20))
}
under_wrk "$DIR/static.paths" static; s_p99=$W_P99
under_wrk "$DIR/html.paths" html
h_p99=$W_P99
in_turn "$DIR/static.paths" "$DIR/html.paths"
row "dashboard HTML under wrk -c64, requests/s" "$T_B" "static style sheet under wrk -c64" "$T_A" req/s
row "dashboard HTML under wrk -c64, p99" "$h_p99" "static style sheet under wrk -c64, p99" "$s_p99" ms
under_wrk "$DIR/json.paths" json
row "indicators JSON under wrk -c64, p99" "$W_P99" "static style sheet under wrk -c64, p99" "$s_p99" ms
# the same load while a registration of the year is approved every second:
# each approval empties the kept missing lists and the next page brings the
# year's indicators up to date (what users see in the registration season)
sqlite3 "$DB" "SELECT id FROM registration WHERE year = $YEAR AND status = 'submitted' LIMIT 10" \
    >"$DIR/approve.ids"
(while read -r id; do
    sleep 1
    curl -sS -o /dev/null -b "$jar" -H "X-CSRF-Token: $CSRF" -X POST "$URL/api/v1/registrations/$id/approve"
done <"$DIR/approve.ids") &
approving=$!
under_wrk "$DIR/html.paths" html-approving
wait "$approving"
row "dashboard HTML under wrk -c64, an approval a second, p99" "$W_P99" "static style sheet under wrk -c64, p99" "$s_p99" ms

# ---- name search ---------------------------------------------------------------
# a family name and a given name of N random people, without diacritics
sqlite3 "$DB" "SELECT name_fold FROM person ORDER BY (id * 2654435761) % 1000003 LIMIT $N" |
    awk '{ print $1 " " $NF }' >"$DIR/names.txt"
awk '{ gsub(/ /, "+"); print "/api/v1/people?q=" $0 }' "$DIR/names.txt" >"$DIR/search.paths"
sequence "$DIR/search.paths" "$DIR/search.t"
: >"$DIR/like.t"
head -n "$LIKE" "$DIR/names.txt" | while read -r fam given; do
    t0=$(now)
    sqlite3 "$DB" "SELECT code FROM person WHERE name_fold LIKE '%$fam%' AND name_fold LIKE
        '%$given%' ORDER BY name_sort LIMIT 200" >/dev/null
    echo "$(since "$t0")" >>"$DIR/like.t"
done
row "name search API, $N names, p50" "$(pct "$DIR/search.t" 50)" "LIKE scan in sqlite3 ($LIKE names), p50" "$(pct "$DIR/like.t" 50)" ms
row "name search API, $N names, p99" "$(pct "$DIR/search.t" 99)" "LIKE scan in sqlite3 ($LIKE names), max" "$(pct "$DIR/like.t" 100)" ms

# ---- memory and size -------------------------------------------------------------
hwm=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SRV/status")
stop_server
row "server peak memory (VmHWM)" "$hwm" "aim" 1024 MiB
# a server started again: the years before YEAR are judged, and the first
# server kept their trend rates in the database, so its first dashboard
# computes YEAR alone
start_server
restarted=$(curl -sS -o /dev/null -H "Cookie: lt_session=$SESSION" -w '%{time_total}' \
    "$URL/tong-quan?don_vi=$first&nam=$YEAR" | awk '{ printf "%.2f", $1 * 1000 }')
stop_server
row "first dashboard of the year, server started again" "$restarted" "first dashboard of the year" "$cold" ms
size=$(du -m "$DB" | cut -f1)
csv=$(du -mc "$DIR/csv/people.csv" "$DIR/csv/units.csv" | tail -n 1 | cut -f1)
row "database size ($items items)" "$size" "people and units CSV" "$csv" MiB
echo "results in $OUT"
