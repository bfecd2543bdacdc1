#!/bin/sh
# summary.sh — adds up the totals of the plain, sanitizer and fuzz runs and
# prints the closing line CI counts: "N passed, N failed".
p=0; f=0
for d in build build-asan build-fuzz; do
    if [ -f "$d/test.totals" ]; then
        read a b < "$d/test.totals"
        p=$((p + a)); f=$((f + b))
    else
        f=$((f + 1))
    fi
done
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
