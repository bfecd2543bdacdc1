#!/bin/sh
# run.sh BUILD_DIR — runs every unit test binary and every end-to-end script
# against BUILD_DIR/lamtheo, TEST_JOBS at a time (default: one per core),
# the longest first by the times of the last run (run_one.sh runs each).
# Each prints "RESULT passed failed" last; a program that crashes or prints
# no RESULT line counts as one failure.  Ends with "N passed, N failed" and
# records the totals for summary.sh and each test's seconds in
# BUILD_DIR/test.times; every output is kept in BUILD_DIR/test.log.
B=${1:-build}
JOBS=${TEST_JOBS:-$(nproc)}
export B
export LAMTHEO_BIN="$(pwd)/$B/lamtheo"
export LAMTHEO_TEST_TMP="$(mktemp -d /tmp/lamtheo-test.XXXXXX)"
# LeakSanitizer: leaks of system libraries' own caches are listed in lsan.supp
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
# The run's throwaway PostgreSQL cluster (scripts/pg-cluster.sh), for the
# tests on the second engine (lib.sh: pg_database, pg_demo); stopped at the
# end.  One that cannot start leaves LAMTHEO_TEST_PG empty: those tests fail.
PG_DIR="$(mktemp -d /tmp/lamtheo-pg.XXXXXX)"
trap 'sh scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || rmdir "$PG_DIR" 2>/dev/null' EXIT
export LAMTHEO_TEST_PG="$(sh scripts/pg-cluster.sh start "$PG_DIR" 2>"$PG_DIR.err")"
[ -n "$LAMTHEO_TEST_PG" ] || { echo "the test cluster did not start:"; cat "$PG_DIR.err"; }
rm -f "$PG_DIR.err"
results="$B/test-results"
rm -rf "$results"
mkdir -p "$results"

names=$(
    for t in "$B"/tests/test_*; do [ -x "$t" ] && basename "$t"; done
    for t in tests/e2e/t_*.sh; do [ -f "$t" ] && basename "$t"; done
)
# the last run's seconds (this build's, else the plain build's, else those
# kept in tests/test.times for a fresh clone); a test not timed yet goes first
hint="$B/test.times"
[ -f "$hint" ] || hint=build/test.times
[ -f "$hint" ] || hint=tests/test.times
[ -f "$hint" ] || hint=/dev/null
order=$(printf '%s\n' $names | awk -v hint="$hint" 'FILENAME == hint { secs[$2] = $1; next }
    { print ($1 in secs ? secs[$1] : 99999), $1 }' "$hint" - | sort -rn | cut -d' ' -f2)

printf '%s\n' $order | xargs -P "$JOBS" -I{} sh tests/run_one.sh "$results" {}

passed=0
failed=0
: > "$B/test.times.new"
: > "$B/test.log"
for n in $names; do
    cat "$results/$n.out" >> "$B/test.log" 2>/dev/null
    if [ -f "$results/$n.res" ]; then
        read p f s < "$results/$n.res"
        echo "$s $n" >> "$B/test.times.new"
    else
        echo "FAIL $n: did not run"
        p=0 f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done
mv "$B/test.times.new" "$B/test.times"
rm -rf "$LAMTHEO_TEST_TMP" "$results"
echo "$passed $failed" > "$B/test.totals"
echo "$B: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
