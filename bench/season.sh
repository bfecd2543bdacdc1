#!/bin/sh
# season.sh — the registration season at national scale (issue 22):
#
#     BENCH_SCALE=S sh bench/season.sh [BUILD]     (S: 0.1 default, 1 = the country)
#
# On a copy of the generated country ($BENCH_DIR/scale-S/country.db, made by
# bench/country as scale.sh makes it), bench/season gives accounts to
# members of 200 grassroots committees or more (enough members for 8,000
# writes a second, up to 900 committees) and their secretaries, then one
# `lamtheo serve` is measured, every figure beside a baseline of the same run:
#
#   dashboards of the committees,     the same dashboards read alone (2
#   p50/p99 during the season         connections, SEASON_QUIET seconds)
#   16 logins at once (the project's  one login alone (median of 5)
#   Argon2id), p50 and p99
#   the season, SEASON_SECONDS (60):  the store's own ceiling: the same rows
#   SEASON_CONNS (16) connections     by plain SQLite transactions of the
#   of members logging in, opening    same shape from one C process, on the
#   their page, starting this year's  same database (bench/season store)
#   registration, adding 3 items,
#   submitting; every secretary
#   approving what waits; 2
#   connections reading dashboards
#   and the public page
#
# After the season the server is stopped and the database must hold exactly
# the writes acknowledged (registrations, items, submissions, approvals) and
# pass `lamtheo check` (--quick above S=0.1); any failed request or missing
# write ends the script with status 1, and so does a season whose members
# ran out before its end (its rate would be theirs).  The server's CPU
# seconds in the season are printed beside the load client's (the two
# share the cores).  Lines "S|what|lamtheo|baseline|baseline figure|ratio|
# unit" go to $BENCH_DIR/season-S.txt.  All traffic goes to 127.0.0.1;
# every loop is bounded by its seconds.
#
# Each member connection sends its next request when the last is answered,
# so their number is how many requests wait at once: 16 keep the server's
# cores busy (at 8 a fifth of them stood idle between requests) with every
# latency aim met.
set -eu

B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
S=${BENCH_SCALE:-0.1}
ROOT=${BENCH_DIR:-/tmp/lamtheo-bench}
DIR=$ROOT/scale-$S
W=$DIR/season
LT=$B/lamtheo
SEASON=$B/bench/season
SECS=${SEASON_SECONDS:-60}
QUIET=${SEASON_QUIET:-10}
CONNS=${SEASON_CONNS:-16}
UNITS=${SEASON_UNITS:-200}
YEAR=$(date +%Y)
OUT=$ROOT/season-$S.txt
SRV=

for f in "$LT" "$SEASON" "$B/bench/country"; do
    [ -x "$f" ] || { echo "season.sh: $f is missing (make bench)" >&2; exit 1; }
done
stop_server() { [ -z "$SRV" ] || { kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null || true; SRV=; }; }
trap stop_server EXIT
trap 'exit 130' INT TERM
: >"$OUT"
row() {
    ratio=$(awk -v a="$2" -v b="$4" 'BEGIN { printf (b > 0 ? "%.3g" : "-"), a / b }')
    echo "$S|$1|$2|$3|$4|$ratio|$5" >>"$OUT"
    printf '  %-50s %10s %-5s  %-46s %10s  ratio %s\n' "$1" "$2" "$5" "$3" "$4" "$ratio"
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2" | tail -n 1; }

# ---- a copy of the country, with the season's accounts ----------------------
if [ ! -f "$DIR/country.db" ]; then
    mkdir -p "$DIR"
    echo "== generating the country at scale $S (bench/country)"
    "$B/bench/country" --scale "$S" -o "$DIR/country.db" 2>"$DIR/country.log" || {
        tail -5 "$DIR/country.log" >&2; rm -f "$DIR/country.db"; exit 1; }
fi
rm -rf "$W"
mkdir -p "$W"
cp "$DIR/country.db" "$W/season.db"
sync
# the original's pages out of the system's cache (GNU dd: iflag=nocache with
# count=0 drops a file's cache), so that the copy the server reads keeps
# what it can of it: at S=1 the two files are more than the memory
dd if="$DIR/country.db" iflag=nocache count=0 2>/dev/null || true
# members enough for 8,000 writes a second (6 each, with the approval), and some over
members=$(awk -v s="$SECS" 'BEGIN { printf "%d", s * 8000 / 6 * 1.3 + 1000 }')
"$SEASON" setup "$W/season.db" "$YEAR" "$members" "$UNITS" "$W"
echo "== scale $S, season $YEAR: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

"$LT" --db "$W/season.db" serve --listen 127.0.0.1:0 >"$W/server.out" 2>"$W/server.err" &
SRV=$!
for _ in $(seq 1 600); do grep -q 'http://127.0.0.1:[0-9]*/' "$W/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$W/server.out" | head -n 1)
[ -n "$URL" ] || { echo "season.sh: the server did not start" >&2; cat "$W/server.err" >&2; exit 1; }

# ---- before the season: dashboards alone, logins ----------------------------
"$SEASON" quiet "$URL" "$W" "$YEAR" 8 >/dev/null # each dashboard once first (not timed)
"$SEASON" quiet "$URL" "$W" "$YEAR" "$QUIET" >"$W/quiet.out"
"$SEASON" logins "$URL" "$W" >"$W/logins.out"

# ---- the season --------------------------------------------------------------
# the server's CPU seconds so far (user and system, /proc/PID/stat's 14th and 15th fields)
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$SRV/stat"; }
status=0
cpu0=$(server_cpu)
"$SEASON" run "$URL" "$W" "$YEAR" "$SECS" "$CONNS" >"$W/season.out" 2>"$W/season.err" || status=1
cpu1=$(server_cpu)
cat "$W/season.out"
if grep -q 'members_short=1' "$W/season.out"; then
    echo "season.sh: the season ran out of members (SEASON_UNITS committees hold too few): the rate is not the server's" >&2
    status=1
fi
[ ! -s "$W/season.err" ] || { echo "season.sh: the client said:" >&2; head -20 "$W/season.err" >&2; }
peak=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SRV/status")
stop_server

# ---- nothing lost --------------------------------------------------------------
regs=$(sqlite3 "$W/season.db" "SELECT count(*) FROM registration r JOIN account a ON a.person_id=r.person_id
    WHERE r.year=$YEAR AND a.login LIKE 'mua.%'")
items=$(sqlite3 "$W/season.db" "SELECT count(*) FROM registration_item i JOIN registration r ON r.id=i.registration_id
    JOIN account a ON a.person_id=r.person_id WHERE r.year=$YEAR AND a.login LIKE 'mua.%'")
sent=$(sqlite3 "$W/season.db" "SELECT count(*) FROM registration r JOIN account a ON a.person_id=r.person_id
    WHERE r.year=$YEAR AND a.login LIKE 'mua.%' AND r.status IN ('submitted', 'approved')")
approved=$(sqlite3 "$W/season.db" "SELECT count(*) FROM registration r JOIN account a ON a.person_id=r.person_id
    WHERE r.year=$YEAR AND a.login LIKE 'mua.%' AND r.status='approved'")
a=$W/season.out
for k in "registrations $regs" "items $items" "submitted $sent" "approved $approved"; do
    set -- $k
    acked=$(field "$1" "$a")
    if [ "$acked" != "$2" ]; then
        echo "season.sh: $1 acknowledged $acked, in the database $2" >&2
        status=1
    fi
done
echo "   in the database: $regs registrations, $items items, $sent submitted (of which $approved approved):" \
     "each as acknowledged"
quick=--quick
[ "$S" = 0.1 ] || [ "$S" = 0.01 ] && quick=
"$LT" --db "$W/season.db" check $quick >"$W/check.out" 2>&1 || { echo "season.sh: check failed" >&2; cat "$W/check.out" >&2; status=1; }

# ---- the store's own ceiling -------------------------------------------------
"$SEASON" store "$W/season.db" "$W" $((YEAR + 1)) 20 >"$W/store.out"

# ---- the figures --------------------------------------------------------------
echo "== figures (scale $S)"
row "write requests per second, ${SECS} s of the season" "$(field writes_per_s "$a")" \
    "the store's own transactions per second" "$(field per_s "$W/store.out")" "/s"
row "write requests p50" "$(field write_p50 "$a")" "" 0 ms
row "write requests p99" "$(field write_p99 "$a")" "" 0 ms
row "failed requests" "$(field failed "$a")" "" 0 ""
row "dashboard p50 during the season" "$(field dash_p50 "$a")" "the same dashboards alone, p50" "$(field dash_p50 "$W/quiet.out")" ms
row "dashboard p99 during the season" "$(field dash_p99 "$a")" "the same dashboards alone, p99" "$(field dash_p99 "$W/quiet.out")" ms
row "16 logins at once, p50" "$(field concurrent16_p50 "$W/logins.out")" "one login alone" "$(field alone "$W/logins.out")" ms
row "16 logins at once, p99" "$(field concurrent16_p99 "$W/logins.out")" "one login alone" "$(field alone "$W/logins.out")" ms
row "server peak memory (VmHWM)" "$peak" "aim" 1024 MiB
# where the two cores went: the server's and the load client's own CPU seconds in the run
row "server's CPU seconds in the season" "$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN { printf "%.1f", b - a }')" \
    "the load client's" "$(field client_cpu_s "$a")" s
exit $status
