#!/bin/sh
# run.sh BUILD_DIR — runs every unit test binary and every end-to-end script
# against BUILD_DIR/lamtheo.  Each prints "RESULT passed failed" last; a
# program that crashes or prints no RESULT line counts as one failure.
# Ends with "N passed, N failed" and records the totals for summary.sh.
B=${1:-build}
export LAMTHEO_BIN="$(pwd)/$B/lamtheo"
export LAMTHEO_TEST_TMP="$(mktemp -d /tmp/lamtheo-test.XXXXXX)"
# LeakSanitizer: leaks of system libraries' own caches are listed in lsan.supp
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
passed=0
failed=0
log="$B/test.log"
: > "$log"
run_one() {
    name=$1; shift
    out=$("$@" 2>&1)
    status=$?
    printf '%s\n' "$out" >> "$log"
    res=$(printf '%s\n' "$out" | grep '^RESULT ' | tail -n 1)
    if [ -z "$res" ]; then
        printf '%s\n' "$out" | tail -n 20
        echo "FAIL $name: no result (exit $status)"
        failed=$((failed + 1))
        return
    fi
    p=$(echo "$res" | cut -d' ' -f2)
    f=$(echo "$res" | cut -d' ' -f3)
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -gt 0 ] || [ $status -ne 0 ]; then
        printf '%s\n' "$out" | grep -E 'FAIL|ERROR|Error|error:|runtime error' | head -n 30
        [ "$f" -gt 0 ] || failed=$((failed + 1))
        echo "FAIL $name: $p passed, $f failed (exit $status)"
    else
        echo "ok   $name: $p passed"
    fi
}
for t in "$B"/tests/test_*; do
    [ -x "$t" ] || continue
    run_one "$(basename "$t")" "$t"
done
for t in tests/e2e/t_*.sh; do
    [ -f "$t" ] || continue
    run_one "$(basename "$t")" sh "$t"
done
rm -rf "$LAMTHEO_TEST_TMP"
echo "$passed $failed" > "$B/test.totals"
echo "$B: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
