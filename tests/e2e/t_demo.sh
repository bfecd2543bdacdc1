# t_demo.sh — the demo database reproduces the article: 98,8% deployed and
# 100% completed well in 2020; mottos, the LED model, search, exit codes.
. tests/e2e/lib.sh

expect_status 0 "init --demo" "$LT" init --demo
contains "init prints the 2020 report" "$TMP/out" "98,8%  (84/85)"
expect_status 1 "init refuses an existing database" "$LT" init
contains "init names the problem" "$TMP/err" "already exists"

expect_status 0 "report json" "$LT" report --year 2020 --format json
root=$(head -12 "$TMP/out")
equals "root is the district" "$(printf '%s\n' "$root" | grep '"code"' | head -1 | tr -d ' ,')" '"code":"HU-CL"'
contains "deployment_rate 98.8" "$TMP/out" '"deployment_rate": 98.8,'
contains "good_or_better_rate 100.0" "$TMP/out" '"good_or_better_rate": 100.0,'
contains "deployed 84" "$TMP/out" '"deployed": 84,'
contains "targets 85" "$TMP/out" '"deployment_targets": 85,'
contains "topic of 2020" "$TMP/out" '"topic": "Tăng cường khối đại đoàn kết'

# other years vary
expect_status 0 "report 2016" "$LT" report --year 2016 --format json
head -12 "$TMP/out" > "$TMP/root"
lacks "2016 differs from 2020" "$TMP/root" '"good_or_better_rate": 100.0,'
contains "2016 has a rate" "$TMP/root" '"good_or_better_rate": 9'
expect_status 0 "report 2018" "$LT" report --year 2018 --format json
contains "2018 shows the excellent-cap warning" "$TMP/out" 'DB-PS-03'
expect_status 0 "range report" "$LT" report --from 2016 --to 2020 --unit HU-CL
contains "range heading" "$TMP/out" "từ năm 2016 đến năm 2020"
expect_status 0 "csv report" "$LT" report --year 2020 --format csv
contains "csv root row" "$TMP/out" "HU-CL,Huyện ủy Chợ Lách,98.8,"
expect_status 0 "sub-unit report" "$LT" report --year 2020 --unit DB-VT --format json
contains "Vĩnh Thành missed one cell" "$TMP/out" '"deployment_rate": 83.3,'

# 2025: a commune merged on 1 July reports up to its last day, under the
# topic of the province it belonged to; its successor under the new one's
expect_status 0 "a merged commune's 2025" "$LT" report --year 2025 --unit DB-HN --format json
contains "up to its last day" "$TMP/out" '"until": "2025-06-30"'
contains "Bến Tre's topic" "$TMP/out" "tinh gọn tổ chức bộ máy"
expect_status 0 "its successor's 2025" "$LT" report --year 2025 --unit DB-XCL --format json
contains "Vĩnh Long's topic" "$TMP/out" "phát triển tỉnh Vĩnh Long"

# the article's agencies, mottos and model
n=$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM standard WHERE motto LIKE 'Công minh, chính trực%' OR motto LIKE 'Xây đi đôi với chống%' OR motto LIKE 'Năng động, đổi mới%'")
equals "three mottos of the article" "$n" "3"
n=$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM model m JOIN commendation c ON c.model_id=m.id JOIN unit u ON u.id=m.unit_id WHERE m.title LIKE '%huyện lộ 41%' AND u.code='DB-TT'")
equals "LED lights of road 41 commended" "$n" "1"

# search ignores diacritics, đ included
expect_status 0 "search son dinh" "$LT" search son dinh
contains "finds Sơn Định" "$TMP/out" "Đảng bộ xã Sơn Định"
expect_status 0 "search cho lach" "$LT" search "CHO LACH"
contains "finds Chợ Lách" "$TMP/out" "Huyện ủy Chợ Lách"

# exit statuses
expect_status 2 "no command" "$LT"
expect_status 2 "unknown command" "$LT" frobnicate
expect_status 2 "bad option" "$LT" report --bogus
expect_status 2 "bad year" "$LT" report --year 20x0
expect_status 1 "unknown unit" "$LT" report --unit NOPE --year 2020
contains "names the unit" "$TMP/err" 'NOPE'
expect_status 0 "help" "$LT" help import
contains "help text" "$TMP/out" "FILE:LINE"
# the same demo from every build: every compiler draws its names and figures
# in the same order (gcc and clang order a call's arguments differently)
equals "the same people, whatever compiled it" \
    "$(sqlite3 "$LAMTHEO_DB" "SELECT group_concat(full_name) FROM (SELECT full_name FROM person ORDER BY id)" | md5sum | cut -c1-32)" \
    89d5dff897ea9ceaae7240c22cedd445
equals "the same front's figures" "$(sqlite3 "$LAMTHEO_DB" "SELECT union_members || ' ' || association_members || ' ' ||
    people_reached FROM mass_deployment WHERE year=2020")" "4238 9919 23163"
expect_status 0 "check" "$LT" check
expect_status 0 "backup" "$LT" backup "$TMP/copy.db"
LAMTHEO_DB="$TMP/copy.db" expect_status 0 "backup passes check" "$LT" check
expect_status 1 "backup refuses to overwrite" "$LT" backup "$TMP/copy.db"
finish
