#!/bin/sh
# run.sh — what `make bench` runs: generates the data (bench/gen), times
# lamtheo's imports against the sqlite3 shell's `.import --csv` of the same
# files, runs bench/bench_indicators, and prints one table where every
# figure stands beside a baseline measured in the same run, with the ratio
# lamtheo / baseline (above 1: lamtheo is slower).  Also prints and writes
# the machine facts.  Then runs bench/web.sh (wrk against the dashboard
# and a static asset of `lamtheo serve`, with its own table).  Data and
# databases live under $BENCH_DIR (default /tmp/lamtheo-bench), never in
# the repository.  Usage: sh bench/run.sh [BUILD]
set -eu

B=${1:-build}
DIR=${BENCH_DIR:-/tmp/lamtheo-bench}
PEOPLE=${BENCH_PEOPLE:-1000000}     # people to import (falls back to 200000, see below)
UNITS=${BENCH_UNITS:-33000}         # their tree: ~30 people per cell
REG_ROWS=${BENCH_REG_ROWS:-400000}  # registration item rows to import
IND_UNITS=${BENCH_IND_UNITS:-100000}
IND_PEOPLE=${BENCH_IND_PEOPLE:-300000}
IND_LIMIT=${BENCH_IND_LIMIT:-180}   # seconds for the per-unit SQL baseline
YEAR=2024
LT=$(pwd)/$B/lamtheo
GEN=$B/bench/gen
TABLE=$DIR/table.txt

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }
usrow() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", s * 1e6 / n }'; }

# The facts of this machine, printed and written to $DIR/machine.txt.
machine() {
    echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc:   $(nproc)"
    echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
    echo "ram:     $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "sqlite3: $(sqlite3 --version | cut -d' ' -f1-2)"
    echo "kernel:  $(uname -r)"
}

# lt_import KIND FILE DB: import with lamtheo into DB; prints the seconds.
lt_import() {
    t0=$(now)
    LAMTHEO_DB=$3 "$LT" import "$1" "$2" >"$DIR/import-$1.log" 2>&1 || {
        cat "$DIR/import-$1.log" >&2; exit 1; }
    since "$t0"
}

# sq_import FILE TABLE: the baseline, sqlite3's .import into a fresh db.
sq_import() {
    rm -f "$DIR/baseline.db"
    t0=$(now)
    sqlite3 "$DIR/baseline.db" ".import --csv $1 $2"
    since "$t0"
}

fresh_db() {
    rm -f "$1" "$1-wal" "$1-shm" "$1-journal"
    LAMTHEO_DB=$1 "$LT" init >/dev/null
}

# row LABEL ROWS LAMTHEO_S BASELINE_LABEL BASELINE_S: one line of the table.
row() {
    echo "$1|$3 s ($(usrow "$3" "$2") µs/row)|$4|$5 s ($(usrow "$5" "$2") µs/row)|$(ratio "$3" "$5")" \
        >>"$TABLE"
}

# The per-row cost on a 20,000-row prefix decides whether 1M rows fit in
# ~8 minutes; if not, measure 200,000 rows (and say so).
choose_people() {
    head -n 20001 "$DIR/data/people.csv" >"$DIR/people-20k.csv"
    fresh_db "$DIR/probe.db"
    lt_import units "$DIR/data/units.csv" "$DIR/probe.db" >/dev/null
    s=$(lt_import people "$DIR/people-20k.csv" "$DIR/probe.db")
    est=$(awk -v s="$s" -v n="$PEOPLE" 'BEGIN { printf "%d", s / 20000 * n * 1.5 }')
    echo "probe: 20000 people in $s s; $PEOPLE would take about $est s (x1.5 margin)"
    rm -f "$DIR/probe.db"*
    if [ "$est" -gt 480 ] && [ "$PEOPLE" -gt 200000 ]; then
        echo "NOTE: more than ~8 minutes expected: measuring 200000 people instead of $PEOPLE"
        PEOPLE=200000
    fi
}

bench_import() {
    echo "== import: $UNITS units, $PEOPLE people, $REG_ROWS registration rows"
    "$GEN" --units "$UNITS" --people "$PEOPLE" --out "$DIR/data" --year "$YEAR"
    choose_people
    # same seed: a smaller run writes the same first people and registrations
    if [ "$PEOPLE" -lt "$(($(wc -l <"$DIR/data/people.csv") - 1))" ]; then
        "$GEN" --units "$UNITS" --people "$PEOPLE" --out "$DIR/data" --year "$YEAR"
    fi
    head -n $((REG_ROWS + 1)) "$DIR/data/registrations.csv" >"$DIR/registrations.csv"
    REG_ROWS=$(($(wc -l <"$DIR/registrations.csv") - 1))
    db=$DIR/lamtheo.db
    fresh_db "$db"
    lu=$(lt_import units "$DIR/data/units.csv" "$db"); bu=$(sq_import "$DIR/data/units.csv" u)
    row "import units (fresh db)" "$UNITS" "$lu" "sqlite3 .import --csv" "$bu"
    lp=$(lt_import people "$DIR/data/people.csv" "$db")
    bp=$(sq_import "$DIR/data/people.csv" p)
    row "import people (after units)" "$PEOPLE" "$lp" "sqlite3 .import --csv" "$bp"
    lr=$(lt_import registrations "$DIR/registrations.csv" "$db")
    br=$(sq_import "$DIR/registrations.csv" r)
    row "import registrations (after people)" "$REG_ROWS" "$lr" "sqlite3 .import --csv" "$br"
    echo "lamtheo database after the imports: $(du -m "$db" | cut -f1) MiB"
    rm -f "$db" "$db-wal" "$db-shm" "$DIR/baseline.db"
}

bench_indicators() {
    echo "== indicators: $IND_UNITS units, $IND_PEOPLE people, year $YEAR"
    "$B/bench/bench_indicators" --db "$DIR/indicators.db" --units "$IND_UNITS" \
        --people "$IND_PEOPLE" --year "$YEAR" --limit "$IND_LIMIT" | tee "$DIR/indicators.txt" |
        grep -v '^TABLE|'
    grep '^TABLE|' "$DIR/indicators.txt" | cut -d'|' -f2- >>"$TABLE"
    rm -f "$DIR/indicators.db" "$DIR/indicators.db-wal" "$DIR/indicators.db-shm"
}

print_table() {
    echo
    echo "== results (ratio = lamtheo / baseline; above 1 means lamtheo is slower)"
    awk -F'|' '{ printf "%-38s %-28s %-40s %-28s %s\n", $1, $2, $3, $4, $5 }' "$TABLE"
}

main() {
    mkdir -p "$DIR"
    : >"$TABLE"
    machine | tee "$DIR/machine.txt"
    t0=$(now)
    bench_import
    bench_indicators
    {
        echo "what|lamtheo|baseline|baseline time|ratio"
        cat "$TABLE"
    } >"$DIR/results.txt"
    print_table
    echo
    echo "total $(since "$t0") s; machine facts in $DIR/machine.txt, table in $DIR/results.txt"
    echo
    sh bench/reports.sh "$B"
    echo
    sh bench/web.sh "$B"
}

main
