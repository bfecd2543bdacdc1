#!/bin/sh
# pg.sh — the national benchmarks on PostgreSQL beside SQLite's (issue 24):
#
#     BENCH_SCALE=S sh bench/pg.sh [BUILD]     (make bench BENCH_BACKEND=pg; S 0.01 default)
#
# On the synthetic country at scale S (as scale.sh makes it, kept in
# $BENCH_DIR/scale-S; this script's files in its folder pg) and a
# throwaway PostgreSQL cluster of its own
# (scripts/pg-cluster.sh, made durable as SQLite's WAL is: fsync on,
# synchronous_commit off; shared_buffers a quarter of the memory, at most
# 2 GB), every figure of lamtheo on PostgreSQL is printed beside the same
# figure of lamtheo on SQLite measured in the same run (ratio = PostgreSQL /
# SQLite), or beside PostgreSQL's own floor:
#
#   lamtheo migrate of the country      sqlite3's .dump of the same file
#   import of the people CSV            the same import on SQLite; psql's
#                                       \copy into a plain table
#   the year's report (every unit's     the same on SQLite
#   indicators)
#   the first dashboard of the year,    the same on SQLite (one server each,
#   1,000 dashboards (HTML, JSON) and   alternating, one keep-alive curl)
#   1,000 name searches: p50, p99
#   dashboards under wrk -c64           the same on SQLite
#   approvals through the API, in       the same on SQLite (one server);
#   sequence, then from two clients     two PostgreSQL servers, a client each
#   at once                             (the season's writes from two servers)
#
# Lines "S|what|lamtheo|baseline|baseline figure|ratio|unit" go to
# $BENCH_DIR/pg-S.txt.  Traffic goes to 127.0.0.1 only; every loop is
# bounded.  The cluster is stopped and removed at the end.
set -eu

B=${1:-build}
case $B in /*) ;; *) B=$(pwd)/$B ;; esac
S=${BENCH_SCALE:-0.01}
ROOT=${BENCH_DIR:-/tmp/lamtheo-bench}
CDIR=$ROOT/scale-$S
DB=$CDIR/country.db
LT=$B/lamtheo
COUNTRY=$B/bench/country
N=${BENCH_PG_SAMPLES:-1000}
APPROVALS=${BENCH_PG_APPROVALS:-200}
YEAR=2024
OUT=$ROOT/pg-$S.txt
HERE=$(cd "$(dirname "$0")" && pwd)
for f in "$LT" "$COUNTRY"; do
    [ -x "$f" ] || { echo "pg.sh: $f is missing (make bench)" >&2; exit 1; }
done
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
. "$HERE/common.sh"

PGDIR=$(mktemp -d /tmp/lamtheo-bench-pg.XXXXXX)
SERVERS=
stop_all() {
    for p in $SERVERS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null || true; done
    SERVERS=
}
trap 'stop_all; sh "$HERE/../scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM
mkdir -p "$CDIR"
[ ! -s "$OUT" ] || cp "$OUT" "$OUT.last"
: >"$OUT"

DIR=$CDIR
country_made
# (this script's own files apart from scale.sh's, which may run beside it)
DIR=$CDIR/pg
mkdir -p "$DIR"
buffers=$(awk '/^MemTotal:/ { m = int($2 / 4096); print (m > 2048 ? 2048 : m) "MB" }' /proc/meminfo)
CLUSTER=$(PG_CLUSTER_OPTIONS="-c fsync=on -c synchronous_commit=off -c shared_buffers=$buffers" \
    sh "$HERE/../scripts/pg-cluster.sh" start "$PGDIR")
# address DBNAME: a database of the cluster
address() { printf '%s' "$CLUSTER" | sed "s|/postgres?|/$1?|"; }
psql "$CLUSTER" -X -q -c "CREATE DATABASE country" -c "CREATE DATABASE imported"
PGDB=$(address country)
people=$(sqlite3 "$DB" "SELECT count(*) FROM person")
echo "== scale $S: $people people; PostgreSQL $(psql "$CLUSTER" -XAtc 'SHOW server_version'), shared_buffers" \
     "$buffers; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo bench-admin-password | "$LT" --db "$DB" user add benchadmin --role admin >/dev/null 2>&1 || true
sqlite3 "$DB" "DELETE FROM trend_rates; DELETE FROM session"

# ---- the copy and the import ---------------------------------------------------
t0=$(now)
"$LT" migrate --from "$DB" --to "$PGDB" >"$DIR/migrate.log" 2>&1 || { tail -5 "$DIR/migrate.log" >&2; exit 1; }
t_mig=$(since "$t0")
t0=$(now)
sqlite3 "$DB" .dump >/dev/null
row "migrate the country to PostgreSQL (checked)" "$t_mig" "sqlite3 .dump of the file" "$(since "$t0")" s
psql "$PGDB" -X -q -c "VACUUM ANALYZE"

imp=$DIR/import-pg-bench.db
rm -f "$imp" "$imp-wal" "$imp-shm"
for db in "$imp" "$(address imported)"; do
    "$LT" --db "$db" init >/dev/null
    "$LT" --db "$db" import units "$CDIR/csv/units.csv" >/dev/null 2>&1
done
sleep "${BENCH_IDLE:-10}"
t0=$(now)
"$LT" --db "$imp" import people "$CDIR/csv/people.csv" >"$DIR/import.log" 2>&1 || { tail -5 "$DIR/import.log" >&2; exit 1; }
t_lite=$(since "$t0")
sleep "${BENCH_IDLE:-10}"
t0=$(now)
"$LT" --db "$(address imported)" import people "$CDIR/csv/people.csv" >"$DIR/import.log" 2>&1 || {
    tail -5 "$DIR/import.log" >&2; exit 1; }
t_pg=$(since "$t0")
psql "$(address imported)" -X -q -c "CREATE TABLE plain ($(head -n 1 "$CDIR/csv/people.csv" | tr -d '\r' |
    sed 's/,/ text, /g') text)"
t0=$(now)
psql "$(address imported)" -X -q -c "\\copy plain FROM '$CDIR/csv/people.csv' WITH (FORMAT csv, HEADER true)"
t_copy=$(since "$t0")
row "import people ($people rows) on PostgreSQL" "$t_pg" "the same import on SQLite" "$t_lite" s
row "import people ($people rows) on PostgreSQL" "$t_pg" "psql's COPY of the CSV, plain table" "$t_copy" s
rm -f "$imp" "$imp-wal" "$imp-shm"

# ---- the year's report ---------------------------------------------------------
for engine in sqlite pg; do
    [ $engine = sqlite ] && db=$DB || db=$PGDB
    t0=$(now)
    "$LT" --db "$db" report --year "$YEAR" --format json -o "$DIR/report-$engine.json" 2>/dev/null
    eval "t_$engine=\$(since \"\$t0\")"
done
cmp -s "$DIR/report-sqlite.json" "$DIR/report-pg.json" || echo "pg.sh: the two reports differ" >&2
row "report of $YEAR, every unit's indicators" "$t_pg" "the same on SQLite" "$t_sqlite" s

# ---- the servers --------------------------------------------------------------------
# serve DB: a server on DB; its URL and the admin's SESSION and CSRF in
# URL_x, SESSION_x, CSRF_x for x the second argument
serve() {
    "$LT" --db "$1" serve --listen 127.0.0.1:0 >"$DIR/server-$2.out" 2>"$DIR/server-$2.err" &
    SERVERS="$SERVERS $!"
    for _ in $(seq 1 600); do grep -q 'http://127.0.0.1:[0-9]*/' "$DIR/server-$2.out" 2>/dev/null && break; sleep 0.1; done
    u=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/server-$2.out" | head -n 1)
    [ -n "$u" ] || { echo "pg.sh: the server on $2 did not start" >&2; cat "$DIR/server-$2.err" >&2; exit 1; }
    curl -sS -c "$DIR/jar-$2" -H 'Content-Type: application/json' \
        -d '{"login":"benchadmin","password":"bench-admin-password"}' "$u/api/v1/session" >"$DIR/session-$2.json"
    eval "URL_$2=\$u"
    eval "SESSION_$2=\$(awk '\$6 == \"lt_session\" { print \$7 }' \"\$DIR/jar-$2\")"
    eval "CSRF_$2=\$(sed 's/.*\"csrf\":\"\\([^\"]*\\)\".*/\\1/' \"\$DIR/session-$2.json\")"
}
serve "$DB" sqlite
serve "$PGDB" pg
# on ENGINE: the sequence()s and wrk of common.sh go to that engine's server
on() { eval "URL=\$URL_$1 SESSION=\$SESSION_$1 CSRF=\$CSRF_$1"; }
sqlite3 "$DB" "SELECT code FROM unit WHERE active_from <= '$YEAR-12-31' AND (active_to IS NULL
    OR active_to >= '$YEAR-01-01') ORDER BY (id * 2654435761) % 1000003 LIMIT $N" >"$DIR/units.txt"
first=$(head -n 1 "$DIR/units.txt")
awk -v y="$YEAR" '{ print "/tong-quan?don_vi=" $0 "&nam=" y }' "$DIR/units.txt" >"$DIR/html.paths"
awk -v y="$YEAR" '{ print "/api/v1/indicators?unit=" $0 "&year=" y }' "$DIR/units.txt" >"$DIR/json.paths"
sqlite3 "$DB" "SELECT name_fold FROM person ORDER BY (id * 2654435761) % 1000003 LIMIT $N" |
    awk '{ print $1 " " $NF }' | awk '{ gsub(/ /, "+"); print "/api/v1/people?q=" $0 }' >"$DIR/search.paths"
for engine in sqlite pg; do
    on $engine
    eval "cold_$engine=\$(curl -sS -o /dev/null -H \"Cookie: lt_session=\$SESSION\" -w '%{time_total}' \
        \"\$URL/tong-quan?don_vi=\$first&nam=\$YEAR\" | awk '{ printf \"%.2f\", \$1 * 1000 }')"
done
row "first dashboard of the year (all indicators)" "$cold_pg" "the same on SQLite" "$cold_sqlite" ms
for what in html json search; do
    for engine in sqlite pg; do
        on $engine
        sequence "$DIR/$what.paths" "$DIR/$what-$engine.t"
    done
    row "$what, $N in sequence, p50" "$(pct "$DIR/$what-pg.t" 50)" "the same on SQLite" "$(pct "$DIR/$what-sqlite.t" 50)" ms
    row "$what, $N in sequence, p99" "$(pct "$DIR/$what-pg.t" 99)" "the same on SQLite" "$(pct "$DIR/$what-sqlite.t" 99)" ms
done
for engine in sqlite pg; do
    on $engine
    PATHS=$DIR/html.paths wrk -t2 -c64 -d10s --timeout 10s -s "$HERE/scale.lua" \
        -H "Cookie: lt_session=$SESSION" "$URL" >"$DIR/wrk-$engine.txt"
    eval "rps_$engine=\$(awk '/^Requests\\/sec:/ { printf \"%.0f\", \$2 }' \"\$DIR/wrk-$engine.txt\")"
done
row "dashboard HTML under wrk -c64, requests/s" "$rps_pg" "the same on SQLite" "$rps_sqlite" req/s

# ---- writes: approvals through the API ------------------------------------------
# submitted registrations of any year (the copy was made before any was
# approved, so each engine has them all): the first APPROVALS approved in
# sequence on each engine, the next APPROVALS from two clients at once
sqlite3 "$DB" "SELECT id FROM registration WHERE status = 'submitted' ORDER BY id LIMIT $((APPROVALS * 2))" \
    >"$DIR/approve.ids"
# approve IDS_FILE ENGINE OUT: one keep-alive curl approving each; seconds per request in OUT
approve() {
    on "$2"
    awk -v u="$URL" '{ printf "url = \"%s/api/v1/registrations/%s/approve\"\noutput = \"/dev/null\"\n", u, $1 }' \
        "$1" >"$1.cfg"
    curl -sS -X POST -H "Cookie: lt_session=$SESSION" -H "X-CSRF-Token: $CSRF" -K "$1.cfg" \
        -w '%{http_code} %{time_total}\n' >"$1.raw"
    awk '$1 != 200 { bad++ } { print $2 } END { if (bad) print bad " approvals not 200" > "/dev/stderr" }' \
        "$1.raw" >"$3"
}
head -n "$APPROVALS" "$DIR/approve.ids" >"$DIR/approve-1.ids"
tail -n +"$((APPROVALS + 1))" "$DIR/approve.ids" >"$DIR/approve-2.ids"
split -n l/2 "$DIR/approve-2.ids" "$DIR/approve-half."
for engine in sqlite pg; do
    t0=$(now)
    approve "$DIR/approve-1.ids" $engine "$DIR/approve-$engine.t"
    eval "aps_$engine=\$(awk -v n=\"\$APPROVALS\" -v t=\"\$(since \$t0)\" 'BEGIN { printf \"%.0f\", n / t }')"
done
row "approvals in sequence, p50" "$(pct "$DIR/approve-pg.t" 50)" "the same on SQLite" "$(pct "$DIR/approve-sqlite.t" 50)" ms
row "approvals in sequence, per second" "$aps_pg" "the same on SQLite" "$aps_sqlite" 1/s
# two clients at once: on SQLite's one server, and on two PostgreSQL servers
serve "$PGDB" pg2
n2=$(wc -l < "$DIR/approve-2.ids")
for engine in sqlite pg; do
    [ $engine = sqlite ] && second=sqlite || second=pg2
    cp "$DIR/approve-half.aa" "$DIR/half-a-$engine.ids"
    cp "$DIR/approve-half.ab" "$DIR/half-b-$engine.ids"
    t0=$(now)
    approve "$DIR/half-a-$engine.ids" $engine "$DIR/two-a-$engine.t" & a=$!
    approve "$DIR/half-b-$engine.ids" $second "$DIR/two-b-$engine.t"
    wait "$a"
    eval "two_$engine=\$(awk -v n=\"\$n2\" -v t=\"\$(since \$t0)\" 'BEGIN { printf \"%.0f\", n / t }')"
done
row "approvals from two clients, two PostgreSQL servers, per second" "$two_pg" \
    "two clients, one SQLite server" "$two_sqlite" 1/s
stop_all
echo "results in $OUT"
