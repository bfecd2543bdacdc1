#!/bin/sh
# run.sh SECONDS TARGET... — runs each libFuzzer target for SECONDS on a
# copy of its committed corpus (tests/fuzz/corpus/NAME for fuzz_NAME), so
# the committed corpus only grows by hand, one target per core
# (FUZZ_JOBS).  Every committed input is replayed first (the regression
# cases).  A crash is kept in build-fuzz/ and fails the run.  Records
# totals for tests/summary.sh.
secs=$1; shift
jobs=${FUZZ_JOBS:-$(nproc)}
name_of() { n=$(basename "$1"); echo "${n#fuzz_}"; } # build-fuzz/fuzz_csv: csv
# one TARGET: "ok" or "FAIL" into build-fuzz/NAME.res, its line to stdout
one() {
    t=$1
    name=$(name_of "$t")
    corpus=tests/fuzz/corpus/$name
    work=$(mktemp -d /tmp/lamtheo-fuzz.XXXXXX)
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    if "$t" -runs=0 "$corpus" > "build-fuzz/$name.replay.log" 2>&1 &&
       "$t" -max_total_time="$secs" -rss_limit_mb=2048 -artifact_prefix="build-fuzz/$name-" \
            -print_final_stats=1 "$work" > "build-fuzz/$name.log" 2>&1; then
        execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/$name.log" | grep -o '[0-9]*$')
        cov=$(grep -o 'cov: [0-9]*' "build-fuzz/$name.log" | tail -1)
        echo "ok   fuzz_$name: $execs runs, $cov"
        echo ok > "build-fuzz/$name.res"
    else
        tail -30 "build-fuzz/$name.log" "build-fuzz/$name.replay.log" 2>/dev/null
        echo "FAIL fuzz_$name (inputs kept as build-fuzz/$name-*)"
        echo FAIL > "build-fuzz/$name.res"
    fi
    rm -rf "$work"
}
if [ "${1:-}" = --one ]; then one "$2"; exit 0; fi
for t in "$@"; do rm -f "build-fuzz/$(name_of "$t").res"; done
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh "$0" "$secs" --one {}
passed=0; failed=0
for t in "$@"; do
    if [ "$(cat "build-fuzz/$(name_of "$t").res" 2>/dev/null)" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "$passed $failed" > build-fuzz/test.totals
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
