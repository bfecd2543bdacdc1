# t_scale.sh — the national generator (bench/country) at S=0.01 and the
# fast paths on its realistic data: the country passes check, its 2025
# reorganisation is there (63 provinces become 34, districts close), its
# rates are plausible, every unit's indicators equal the recursive SQL
# baseline's, a range report across the merges works, and the country
# held by version 13 keeps every figure through the upgrade.
. tests/e2e/lib.sh

BIN=$(dirname "$LT")/bench
DB=$TMP/country.db
expect_status 0 "generate S=0.01" "$BIN/country" --scale 0.01 -o "$DB"
expect_status 1 "an existing file is not overwritten" "$BIN/country" --scale 0.01 -o "$DB"
expect_status 0 "the country passes check" "$LT" --db "$DB" check
q() { sqlite3 "$DB" "$1"; }
equals "63 provinces in 2024" "$(q "SELECT count(*) FROM unit WHERE kind='province' AND active_from<='2024-12-31'
    AND (active_to IS NULL OR active_to>='2024-01-01')")" "63"
equals "34 provinces after 1 July 2025" "$(q "SELECT count(*) FROM unit WHERE kind='province' AND active_to IS NULL")" "34"
equals "no district after 1 July 2025" "$(q "SELECT count(*) FROM unit WHERE kind='district' AND active_to IS NULL")" "0"
check "merged provinces have successors" test "$(q "SELECT count(*) FROM unit_merge m JOIN unit u ON u.id=m.unit_id
    WHERE u.kind='province'")" -ge 29
check "Vietnamese names with diacritics" test "$(q "SELECT count(*) FROM person WHERE full_name LIKE 'Nguyễn %'")" -gt 10000

# the rates of the country vary and are plausible, 2021 to 2025
for y in 2021 2024 2025; do
    expect_status 0 "report $y" "$LT" --db "$DB" report --year "$y" --format json
    for rate in deployment_rate registration_rate good_or_better_rate; do
        v=$(sqlite3 :memory: "SELECT CAST(json_extract(readfile('$TMP/out'), '$.$rate') * 10 AS INT)")
        check "$y $rate plausible ($v)" test "${v:-0}" -ge 500 -a "${v:-0}" -lt 1000
    done
done
# the excellent cap: every unit over it named, up to 10, the rest counted on one line
# (the units over it: their own grades are their 2024 registration tally's)
over=$(q "SELECT count(*) FROM registration_tally WHERE year=2024 AND excellent*5 > good")
check "some units over the cap ($over)" test "$over" -ge 1
cap_lines() { "$LT" --db "$1" report --year 2024 | grep -c 'CẢNH BÁO'; }
equals "each unit over the cap named" "$(cap_lines "$DB")" "$over"
cp "$DB" "$TMP/capped.db" # 20 more units over it, in a copy (its tallies no longer match its rows)
sqlite3 "$TMP/capped.db" "UPDATE registration_tally SET excellent = good + 1 WHERE year=2024 AND unit_id IN
    (SELECT unit_id FROM registration_tally WHERE year=2024 AND good > 0 AND excellent*5 <= good LIMIT 20)"
equals "10 named and one line for the rest" "$(cap_lines "$TMP/capped.db")" "11"
"$LT" --db "$TMP/capped.db" report --year 2024 > "$TMP/capped.txt"
contains "the rest counted" "$TMP/capped.txt" "và $((over + 20 - 10)) đơn vị khác"
expect_status 0 "range report across the merges" "$LT" --db "$DB" report --from 2021 --to 2025 --format json
contains "range named" "$TMP/out" '"from": 2021'

# every unit's counts equal one WITH RECURSIVE query's, on realistic data
expect_status 0 "indicators against SQL" "$BIN/bench_indicators" --existing --db "$DB" --year 2024 --limit 1
equals "no unit differs from the closure query nor the per-unit queries" \
    "$(grep -c 'mismatching units: 0 of' "$TMP/out")" "2"

# the country as an installation of version 13 held it, upgraded to
# membership over time: every unit's figures of every year kept
v13_from "$DB" "$TMP/country13.db"
figures_before=$(tally_figures "$TMP/country13.db" 2021 2025)
check "figures to keep ($(echo "$figures_before" | wc -w) units and years)" \
    test "$(echo "$figures_before" | wc -w)" -gt 10000
expect_status 0 "the country of version 13 upgraded" "$LT" --db "$TMP/country13.db" report --year 2021
equals "every unit's figures of every year kept by the country's upgrade" \
    "$(tally_figures "$TMP/country13.db" 2021 2025)" "$figures_before"
finish
