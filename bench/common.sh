# common.sh — what the national benchmarks share (scale.sh, pg.sh): the
# clock, a line of the table ("S|what|lamtheo|baseline|baseline figure|
# ratio|unit" to $OUT and the screen), percentiles, and a sequence of
# requests through one keep-alive curl with the session $SESSION to $URL
# (files in $DIR); the country at scale $S.  Sourced; sets nothing itself.
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# row WHAT OURS BASELINE_NAME BASELINE UNIT: prints and records one line.
row() {
    ratio=$(awk -v a="$2" -v b="$4" 'BEGIN { printf (b > 0 ? "%.3g" : "-"), a / b }')
    echo "$S|$1|$2|$3|$4|$ratio|$5" >>"$OUT"
    printf '  %-46s %12s %-4s  %-44s %12s  ratio %s\n' "$1" "$2" "$5" "$3" "$4" "$ratio"
}
# pct FILE P: the P-th percentile (nearest rank) of the numbers in FILE, in ms.
pct() {
    sort -g "$1" | awk -v p="$2" '{ v[NR] = $1 } END {
        k = int(p / 100 * NR); if (k < p / 100 * NR) k++; if (k < 1) k = 1; printf "%.2f", v[k] * 1000 }'
}
ms() { # a wrk duration (715.00us, 1.2ms, 3.4s) in milliseconds
    echo "$1" | awk '{ v = $1 + 0; u = $1; sub(/^[0-9.]+/, "", u)
        printf "%.2f", v * (u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : 60000) }'
}
# sequence FILE_OF_PATHS OUT: one curl, keep-alive, each path in turn; seconds per request
sequence() {
    awk -v u="$URL" '{ printf "url = \"%s%s\"\noutput = \"/dev/null\"\n", u, $0 }' "$1" >"$DIR/curl.cfg"
    curl -sS -H "Cookie: lt_session=$SESSION" -K "$DIR/curl.cfg" -w '%{http_code} %{time_total}\n' >"$DIR/seq.raw"
    awk '$1 != 200 { bad++ } { print $2 } END { if (bad) print bad " answers not 200" > "/dev/stderr" }' \
        "$DIR/seq.raw" >"$2"
}
# country_made: the synthetic country at scale $S in $DB, with its CSV
# files in $DIR/csv, made by $COUNTRY unless there (a country without its
# CSV files, as season.sh makes one, is made again).
country_made() {
    if [ ! -f "$DB" ] || [ ! -f "$DIR/csv/people.csv" ]; then
        echo "== generating the country at scale $S (bench/country)"
        rm -rf "$DIR/csv" "$DB"
        mkdir -p "$DIR/csv"
        t0=$(now)
        "$COUNTRY" --scale "$S" -o "$DB" --csv "$DIR/csv" 2>"$DIR/country.log" || {
            tail -5 "$DIR/country.log" >&2; rm -f "$DB"; exit 1; }
        echo "   generated in $(since "$t0") s"
    fi
}
