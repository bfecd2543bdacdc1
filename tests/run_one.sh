#!/bin/sh
# run_one.sh RESULTS NAME — runs one test of run.sh: a unit test binary
# (test_*, in $B/tests) or an end-to-end script (t_*.sh, in tests/e2e).
# Its output goes to RESULTS/NAME.out; "passed failed seconds" to
# RESULTS/NAME.res; one line "ok ..." or "FAIL ..." to stdout.  A program
# that crashes, exits non-zero or prints no "RESULT passed failed" line
# counts as one failure.
results=$1
name=$2
case $name in
    test_*) set -- "$B/tests/$name" ;;
    *) set -- sh "tests/e2e/$name" ;;
esac
t0=$(date +%s)
"$@" > "$results/$name.out" 2>&1
status=$?
secs=$(($(date +%s) - t0))
res=$(grep '^RESULT ' "$results/$name.out" | tail -n 1)
if [ -z "$res" ]; then
    tail -n 20 "$results/$name.out"
    echo "FAIL $name: no result (exit $status, $secs s)"
    echo "0 1 $secs" > "$results/$name.res"
    exit 0
fi
p=$(echo "$res" | cut -d' ' -f2)
f=$(echo "$res" | cut -d' ' -f3)
if [ "$f" -gt 0 ] || [ $status -ne 0 ]; then
    grep -E 'FAIL|ERROR|Error|error:|runtime error' "$results/$name.out" | head -n 30
    [ "$f" -gt 0 ] || f=1
    echo "FAIL $name: $p passed, $f failed (exit $status, $secs s)"
else
    echo "ok   $name: $p passed ($secs s)"
fi
echo "$p $f $secs" > "$results/$name.res"
