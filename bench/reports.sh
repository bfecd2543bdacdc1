#!/bin/sh
# reports.sh — a province-size report (about 3,000 units, 60,000 people)
# in each document format, each timed beside the JSON report of the same
# unit and year measured in the same run (the figures alone, the
# baseline).  Aim: XLSX and DOCX under 1 s, PDF under 2 s.  Data under
# $BENCH_DIR (default /tmp/lamtheo-bench).  Usage: sh bench/reports.sh [BUILD]
set -eu
B=${1:-build}
DIR=${BENCH_DIR:-/tmp/lamtheo-bench}/reports
LT=$(pwd)/$B/lamtheo
mkdir -p "$DIR"
rm -f "$DIR/p.db" "$DIR/p.db-wal" "$DIR/p.db-shm"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }

"$B/bench/gen" --units 3000 --people 60000 --out "$DIR" --year 2024 > /dev/null
"$LT" --db "$DIR/p.db" init > /dev/null
"$LT" --db "$DIR/p.db" import units "$DIR/units.csv" > /dev/null
"$LT" --db "$DIR/p.db" import people "$DIR/people.csv" > /dev/null
"$LT" --db "$DIR/p.db" import registrations "$DIR/registrations.csv" > /dev/null
t=$(now); "$LT" --db "$DIR/p.db" report --year 2024 --format json -o "$DIR/r.json"; base=$(since "$t")
echo "== province report, 3,000 units, 60,000 people (baseline: the JSON report, ${base} s)"
printf '%-6s %10s %10s %8s\n' format seconds baseline ratio
for f in html xlsx docx pdf; do
    t=$(now)
    "$LT" --db "$DIR/p.db" report --year 2024 --format $f -o "$DIR/r.$f"
    s=$(since "$t")
    printf '%-6s %10s %10s %8s\n' "$f" "$s" "$base" "$(awk -v a="$s" -v b="$base" 'BEGIN { printf "%.1f", a / b }')"
done
