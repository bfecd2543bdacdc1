#!/bin/sh
# summary.sh — adds up the totals of the plain, sanitizer, torture and fuzz runs and
# prints the closing line CI counts: "N passed, N failed".
p=0; f=0
for t in build/test.totals build-asan/test.totals build-asan/torture.totals build-fuzz/test.totals; do
    if [ -f "$t" ]; then
        read a b < "$t"
        p=$((p + a)); f=$((f + b))
    else
        f=$((f + 1))
    fi
done
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
