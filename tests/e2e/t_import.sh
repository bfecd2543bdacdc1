# t_import.sh — importing the files offices send: Excel's CSV (BOM, ';',
# CRLF, Vietnamese headers), XLSX, legacy encodings; all or nothing with
# every problem as FILE:LINE: column; re-import changes nothing; export.
# LT_ENGINE=postgresql (t_import_pg.sh) runs the same on new databases in
# the run's cluster (what is SQLite's own, its catalogue, file and WAL, is
# looked at on SQLite alone).
. tests/e2e/lib.sh
if [ "${LT_ENGINE:-}" = postgresql ]; then
    LAMTHEO_DB=$(pg_database "lt_import_$(date +%s%N)") && ok || bad "a new database on PostgreSQL"
fi
F=tests/fixtures
TOOLS=$(dirname "$LT")/tools
# the office imports at the start of 2024: its people count from then on
# (DESIGN §4: tu_ngay defaults to the day of the import)
export LAMTHEO_TODAY=2024-01-15

# sql SQL: db_sql's answer; when the query fails or answers nothing, a text
# no other answer equals (two failed queries never agree)
sql() { _ans=$(db_sql "$1") && [ -n "$_ans" ] && printf '%s\n' "$_ans" || echo "no answer ($(date +%s%N)): $1"; }
# json_field NAME: the field NAME of the JSON object on stdin
json_field() { python3 -c 'import json, sys; v = json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else v)' "$1"; }

# Row counts of every table: the database's state for "nothing written".
state() { sql "SELECT (SELECT count(*) FROM unit)||' '||(SELECT count(*) FROM unit_parent)||' '||(SELECT count(*) FROM person)||' '||(SELECT count(*) FROM registration)||' '||(SELECT count(*) FROM registration_item)||' '||(SELECT count(*) FROM deployment)||' '||(SELECT count(*) FROM audit)"; }

expect_status 0 "init" "$LT" init
expect_status 0 "units from Excel CSV (BOM, ;, CRLF, Vietnamese headers, children first)" \
    "$LT" import units "$F/units.csv"
contains "6 units inserted" "$TMP/out" "6 inserted"
equals "parent links" "$(db_sql "SELECT pu.code FROM unit u JOIN unit_parent p ON p.unit_id=u.id JOIN unit pu ON pu.id=p.parent_id WHERE u.code='CB-01'")" "DB-SD"
equals "kind from Vietnamese name" "$(db_sql "SELECT kind FROM unit WHERE code='CB-KB'")" "grassroots_cell"

expect_status 0 "people" "$LT" import people "$F/people.csv"
contains "7 people" "$TMP/out" "7 inserted"
equals "quoted cell with comma" "$(db_sql "SELECT position FROM person WHERE code='P002'")" "Bí thư Chi bộ, Trưởng ấp"
equals "Vietnamese category and flags" "$(db_sql "SELECT category||key_cadre||head||gender FROM person WHERE code='P002'")" "party_member01female"
equals "ISO birth date" "$(db_sql "SELECT birth_date FROM person WHERE code='P001'")" "1975-04-12"

# re-importing the same files changes nothing
before=$(state)
expect_status 0 "re-import units" "$LT" import units "$F/units.csv"
contains "units unchanged" "$TMP/out" "6 unchanged"
expect_status 0 "re-import people" "$LT" import people "$F/people.csv"
contains "people unchanged" "$TMP/out" "7 unchanged"
equals "re-import wrote nothing" "$(state)" "$before"

# dates as offices write them (DESIGN §4): "/", "-" or ".", and a birth year alone, kept as a year
printf 'ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot,nguoi_dung_dau,ngay_vao_dang\nNAM1,Lê Văn Tám,1975,nam,%s,Đảng viên,party_member,,,05-03-1999\nNAM2,Lê Văn Chín,5.3.1980,nam,%s,Đảng viên,party_member,,,05.03.2001\n' \
    "$(db_sql "SELECT code FROM unit WHERE kind='cell' ORDER BY code LIMIT 1")" \
    "$(db_sql "SELECT code FROM unit WHERE kind='cell' ORDER BY code LIMIT 1")" > "$TMP/dates.csv"
expect_status 0 "dates as offices write them" "$LT" import people "$TMP/dates.csv"
equals "each read right, the year kept as a year" \
    "$(db_sql "SELECT group_concat(birth_date || ' ' || party_joined_on, ', ') FROM (SELECT * FROM person WHERE code IN ('NAM1', 'NAM2') ORDER BY code) AS p")" \
    "1975 1999-03-05, 1980-03-05 2001-03-05"
expect_status 0 "exported" "$LT" export people --format csv
contains "the year exported as it came" "$TMP/out" "NAM1,Lê Văn Tám,1975,"

# a bad file: every problem, exact lines, nothing written
before=$(state)
expect_status 1 "bad people file refused" "$LT" import people "$F/people_bad.csv"
contains "bad date" "$TMP/err" "people_bad.csv:2: ngay_sinh (Ngày sinh): ngày không hợp lệ (dd/mm/yyyy, hoặc năm sinh): \"31/02/1980\" | invalid date (dd/mm/yyyy, or the year alone): \"31/02/1980\""
contains "unknown unit" "$TMP/err" "people_bad.csv:3: ma_don_vi (Mã đơn vị): không có đơn vị mã này: \"KHONGCO\""
contains "unknown category on the same line" "$TMP/err" "people_bad.csv:3: doi_tuong (Đối tượng): đối tượng không hợp lệ: \"robot\""
contains "empty name" "$TMP/err" "people_bad.csv:4: ho_ten (Họ và tên): không được để trống | must not be empty"
contains "bad boolean" "$TMP/err" "people_bad.csv:4: can_bo_chu_chot (Cán bộ chủ chốt):"
contains "duplicate code" "$TMP/err" "people_bad.csv:5: ma_nguoi (Mã người): \"P101\" đã có ở dòng 2"
contains "short row" "$TMP/err" "people_bad.csv:6: doi_tuong (Đối tượng): thiếu ô"
lacks "valid row not reported" "$TMP/err" "people_bad.csv:7:"
contains "summary says nothing written" "$TMP/err" "nothing was written"
equals "refused import wrote nothing" "$(state)" "$before"
equals "valid row of a refused file not written" "$(db_sql "SELECT count(*) FROM person WHERE code='P105'")" "0"

# dry run checks without writing
before=$(state)
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP300,Mai Văn Ba,CB-01,cadre\n' > "$TMP/p300.csv"
expect_status 0 "dry run" "$LT" import people "$TMP/p300.csv" --dry-run
contains "dry run says so" "$TMP/out" "dry run"
equals "dry run wrote nothing" "$(state)" "$before"

# registrations (one row per item) and deployments
expect_status 0 "registrations" "$LT" import registrations "$F/registrations.csv"
equals "two items for P001" "$(db_sql "SELECT count(*) FROM registration_item i JOIN registration r ON r.id=i.registration_id JOIN person p ON p.id=r.person_id WHERE p.code='P001'")" "2"
equals "embedded newline kept" "$(db_sql "SELECT body FROM registration_item WHERE body LIKE 'Tham gia%'" | wc -l)" "2"
before=$(state)
expect_status 0 "re-import registrations" "$LT" import registrations "$F/registrations.csv"
equals "registrations unchanged" "$(state)" "$before"
expect_status 0 "deployments" "$LT" import deployments "$F/deployments.csv"
expect_status 0 "report after imports" "$LT" report --year 2024 --unit HU-T --format json
contains "deployment rate 2 of 4" "$TMP/out" '"deployment_rate": 50.0,'
contains "registration rate: 3 draft of 6 required is 0" "$TMP/out" '"registration_rate": 0.0,'

# XLSX (a problem names the column by its name and its title)
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong,ngay_sinh\nP400,Ngô Thị Xuân,CB-02,Đảng viên,=d:29323\n' | "$TOOLS/mkxlsx" "$TMP/people.xlsx"
expect_status 0 "xlsx import" "$LT" import people "$TMP/people.xlsx"
equals "xlsx date cell" "$(db_sql "SELECT birth_date FROM person WHERE code='P400'")" "1980-04-12"
equals "xlsx Vietnamese text" "$(db_sql "SELECT full_name FROM person WHERE code='P400'")" "Ngô Thị Xuân"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP401,Ai Đó,NOWHERE,cadre\n' | "$TOOLS/mkxlsx" "$TMP/bad.xlsx"
before=$(state)
expect_status 1 "bad xlsx refused" "$LT" import people "$TMP/bad.xlsx"
contains "xlsx row number" "$TMP/err" "bad.xlsx:2: ma_don_vi (Mã đơn vị):"
equals "bad xlsx wrote nothing" "$(state)" "$before"
head -c 300 "$TMP/people.xlsx" > "$TMP/broken.xlsx"
expect_status 1 "truncated xlsx refused" "$LT" import people "$TMP/broken.xlsx"
equals "truncated xlsx wrote nothing" "$(state)" "$before"

# spreadsheets as offices make them (issue 20): a title and blank lines
# above the header, an STT column, Vietnamese headers, blank rows, a total
# and signatures below; the header is found, the rest left out and named
before=$(state)
expect_status 1 "office CSV with a bad date and unit refused" "$LT" import people "$F/office_people_bad.csv"
contains "the real line of the bad date" "$TMP/err" "office_people_bad.csv:9: ngay_sinh (Ngày sinh): ngày không hợp lệ (dd/mm/yyyy, hoặc năm sinh): \"30/02/1980\""
contains "the real line of the unknown unit" "$TMP/err" "office_people_bad.csv:10: ma_don_vi (Mã đơn vị): không có đơn vị mã này: \"KHONGCO\""
lacks "no complaint about the title" "$TMP/err" "required column is missing"
lacks "nor about the title" "$TMP/err" "office_people_bad.csv:1:"
lacks "nor about the signatures" "$TMP/err" "office_people_bad.csv:14:"
contains "what was left out, even when refused" "$TMP/err" "bỏ qua dòng 1–4 (tiêu đề)"
equals "refused office file wrote nothing" "$(state)" "$before"
expect_status 0 "office CSV" "$LT" import people "$F/office_people.csv"
contains "four people" "$TMP/out" "4 dòng; thêm 4"
contains "header found and lines left out" "$TMP/out" "tiêu đề cột ở dòng 5; bỏ qua dòng 1–4 (tiêu đề), dòng 8 (trống), dòng 11–17 (dòng tổng cộng, chữ ký)"
contains "and in English" "$TMP/out" "column headers on line 5; skipped lines 1–4 (title), line 8 (blank), lines 11–17 (total, signatures)"
equals "dates as offices write them, a birth year alone" \
    "$(db_sql "SELECT group_concat(code || ' ' || birth_date || ' ' || gender, ', ') FROM (SELECT * FROM person WHERE code LIKE 'OF%' ORDER BY code) AS p")" \
    "OF01 1975-03-05 male, OF02 1980 female, OF03 1980-03-05 male, OF04 1982-03-05 female"
equals "no signer or total imported" "$(db_sql "SELECT count(*) FROM person WHERE full_name IN ('Trần Văn Lập', 'Tổng cộng: 4 người')")" "0"
expect_status 0 "office CSV again" "$LT" import people "$F/office_people.csv"
contains "unchanged" "$TMP/out" "4 unchanged"
# XLSX: a title, a header merged over two rows (a group header over its
# sub-headers, cells merged down), the columns' numbers, a date cell, a
# blank row, a total and signatures
cat > "$TMP/office.txt" <<'ROWS'
ĐẢNG BỘ XÃ SƠN ĐỊNH,,,,ĐẢNG CỘNG SẢN VIỆT NAM
DANH SÁCH CÁN BỘ ĐẢNG VIÊN NĂM 2024

STT,Mã người,Họ và tên,Ngày sinh,Thông tin sinh hoạt,,Đối tượng,Người đứng đầu
,,,,Mã đơn vị,Chức vụ
(1),(2),(3),(4),(5),(6),(7),(8)
=1,XL01,Nguyễn Văn Xuân,=d:27459,CB-01,Bí thư Chi bộ,Đảng viên,x
=2,XL02,Trần Thị Hạ,=1978,CB-02,,Đảng viên,

=3,XL03,Lê Văn Thu,05/03/1980,CB-02,Đảng viên,Đảng viên,
,Cộng: 3 người

,,,,,Sơn Định ngày 15 tháng 01 năm 2024
,NGƯỜI LẬP BIỂU,,,,T/M CHI BỘ
!merge A1:D1 E1:H1 A2:H2 A4:A5 B4:B5 C4:C5 D4:D5 E4:F4 G4:G5 H4:H5
ROWS
"$TOOLS/mkxlsx" "$TMP/office.xlsx" < "$TMP/office.txt"
expect_status 0 "office XLSX with a two-row header" "$LT" import people "$TMP/office.xlsx"
contains "three people" "$TMP/out" "3 dòng; thêm 3"
contains "the two header rows, the numbers, the total and signatures named" "$TMP/out" \
    "tiêu đề cột ở dòng 4–5; bỏ qua dòng 1–3 (tiêu đề), dòng 6 (đánh số cột), dòng 11–14 (dòng tổng cộng, chữ ký)"
equals "sub-headers and headers merged down both read" \
    "$(db_sql "SELECT group_concat(x, ', ') FROM (SELECT p.code || ' ' || p.birth_date || ' ' || u.code || ' ' || p.position || ' ' || p.head AS x
        FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.code LIKE 'XL%' ORDER BY p.code) AS t")" \
    "XL01 1975-03-06 CB-01 Bí thư Chi bộ 1, XL02 1978 CB-02  0, XL03 1980-03-05 CB-02 Đảng viên 0"
sed 's/^=2,XL02,Trần Thị Hạ,=1978,CB-02/=2,XL02,Trần Thị Hạ,=1978,NOWHERE/' "$TMP/office.txt" | "$TOOLS/mkxlsx" "$TMP/office_bad.xlsx"
expect_status 1 "office XLSX with an unknown unit" "$LT" import people "$TMP/office_bad.xlsx"
contains "the sheet's own row number" "$TMP/err" "office_bad.xlsx:8: ma_don_vi (Mã đơn vị): không có đơn vị mã này: \"NOWHERE\""
# a unit's code merged down beside its people, as offices group them
printf 'Mã người,Họ và tên,Mã đơn vị,Đối tượng\nXM01,Người Một,CB-01,Đảng viên\nXM02,Người Hai,,Đảng viên\nXM03,Người Ba,,Cán bộ\n!merge C2:C4\n' |
    "$TOOLS/mkxlsx" "$TMP/merged_down.xlsx"
expect_status 0 "a code merged down" "$LT" import people "$TMP/merged_down.xlsx"
equals "each person in the merged unit" "$(db_sql "SELECT group_concat(x, ', ') FROM (SELECT p.code || ' ' || u.code AS x
    FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.code LIKE 'XM%' ORDER BY p.code) AS t")" \
    "XM01 CB-01, XM02 CB-01, XM03 CB-01"
# a title of its own with a comma above a header split by ';'
printf 'DANH SÁCH ĐƠN VỊ, NĂM 2024\nMã đơn vị;Tên đơn vị;Loại đơn vị;Mã đơn vị cấp trên\nCB-03;Chi bộ ấp Phú Lợi;Chi bộ;DB-SD\n' > "$TMP/title_semi.csv"
expect_status 0 "';' found below a title with a comma" "$LT" import units "$TMP/title_semi.csv"
equals "its unit" "$(db_sql "SELECT name FROM unit WHERE code='CB-03'")" "Chi bộ ấp Phú Lợi"
# counts the Vietnamese way in deployments
printf 'Mã đơn vị,Năm,Ngày triển khai,Hình thức,Số có mặt,Tổng số đảng viên\nCB-03,2024,5/3/2024,Hội nghị,"1.200","1.250"\n' > "$TMP/dep_dots.csv"
expect_status 0 "counts with dots between thousands" "$LT" import deployments "$TMP/dep_dots.csv"
equals "read as numbers" "$(db_sql "SELECT present || '/' || expected FROM deployment d JOIN unit u ON u.id=d.unit_id WHERE u.code='CB-03'")" "1200/1250"

# legacy encodings: detected and converted; NFC stored
for enc in tcvn3 vni cp1258; do
    sed "s/P20/Q${enc}/" "$F/people_legacy.csv" | "$TOOLS/encode" $enc > "$TMP/legacy_$enc.csv"
    expect_status 0 "detects $enc" "$LT" import people "$TMP/legacy_$enc.csv"
    equals "$enc decoded" "$(db_sql "SELECT full_name FROM person WHERE code='Q${enc}2'")" "Lương Văn Được"
done
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP500,\340,CB-01,cadre\n' > "$TMP/unsure.csv"
before=$(state)
expect_status 1 "unsure encoding refused" "$LT" import people "$TMP/unsure.csv"
contains "names the option" "$TMP/err" "--encoding"
equals "unsure import wrote nothing" "$(state)" "$before"
expect_status 0 "explicit encoding" "$LT" import people "$TMP/unsure.csv" --encoding cp1258
equals "cp1258 à" "$(db_sql "SELECT full_name FROM person WHERE code='P500'")" "à"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP501,Ch\341\273\243 \377,CB-01,cadre\n' > "$TMP/badutf8.csv"
expect_status 1 "invalid UTF-8 named" "$LT" import people "$TMP/badutf8.csv" --encoding utf-8
contains "line and column" "$TMP/err" "badutf8.csv:2:10: byte 0xFF"

# a file of 8 MB or more is read on two cores: a fault near its end is
# still named by its file and line, read as UTF-8 or decoded from TCVN3,
# and nothing is written
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong";
    for (i = 1; i <= 200000; i++) printf "H%06d,Hà Thị Huệ Hương %d,CB-01,party_member\n", i, i;
    print "H999999,Hà \"Huệ,CB-01,party_member" }' > "$TMP/huge.csv"
equals "the file is large enough for two cores" "$(awk -v n="$(wc -c < "$TMP/huge.csv")" 'BEGIN { print (n >= 8388608) }')" "1"
"$TOOLS/encode" tcvn3 < "$TMP/huge.csv" > "$TMP/huge_tcvn3.csv"
before=$(state)
for f in huge.csv huge_tcvn3.csv; do
    expect_status 1 "$f: a stray quote on its last line" "$LT" import people "$TMP/$f"
    contains "$f: named with its line" "$TMP/err" "$f: dòng 200002: dấu ngoặc kép lạc giữa ô không có ngoặc"
done
equals "the large files wrote nothing" "$(state)" "$before"

# NFD input is stored as NFC
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP502,Vie\314\202\314\243t,CB-01,cadre\n' > "$TMP/nfd.csv"
expect_status 0 "NFD import" "$LT" import people "$TMP/nfd.csv"
equals "stored NFC" "$(printf '%s' "$(db_sql "SELECT full_name FROM person WHERE code='P502'")" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" "$(printf 'Việt' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)"

# a large file of new people goes in as one batch: indexes and tallies
# rebuilt, one audit row for the batch, search and check as after any import
# (N people: 60,000 on SQLite; 6,000 on PostgreSQL, where each row is still
# a few round trips to the server: docs/postgresql.md)
N=60000
[ "${LT_ENGINE:-}" = postgresql ] && N=6000
# grouped V SEP: V with SEP between thousands, as lamtheo prints counts
grouped() { printf '%s' "$1" | sed -e ':a' -e "s/\([0-9]\)\([0-9]\{3\}\)\(\$\|[^0-9]\)/\1$2\2\3/" -e 'ta'; }
awk -v n="$N" 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong,can_bo_chu_chot";
    for (i = 1; i <= n; i++) printf "B%06d,Lô Thị Bảy %d,CB-01,%s,%s\n", i, i, i % 10 ? "party_member" : "other", i % 50 ? "" : "x" }' > "$TMP/big.csv"
audits=$(db_sql "SELECT count(*) FROM audit")
expect_status 0 "large import" "$LT" import people "$TMP/big.csv"
equals "all rows in" "$(db_sql "SELECT count(*) FROM person WHERE code LIKE 'B%'")" "$N"
db_sql "SELECT after FROM audit ORDER BY id DESC LIMIT 1" > "$TMP/batch_audit"
equals "one audit row for the batch" "$(db_sql "SELECT count(*) FROM audit") $(db_sql "SELECT action FROM audit ORDER BY id DESC LIMIT 1")|$(json_field inserted < "$TMP/batch_audit")" "$((audits + 1)) import|$N"
equals "the batch's audit names its first and last ids" \
    "$(json_field first_id < "$TMP/batch_audit")-$(json_field last_id < "$TMP/batch_audit")" \
    "$(sql "SELECT min(id) || '-' || max(id) FROM person WHERE code LIKE 'B%'")"
# (SQLite's catalogue: its batch sets indexes and insert triggers aside and
# makes them again; PostgreSQL's stay as they are)
if [ "${LT_ENGINE:-}" != postgresql ]; then
    equals "indexes back" "$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM sqlite_schema WHERE name IN ('person_by_unit', 'person_by_sort', 'membership_add', 'membership_by_unit', 'person_words_add')")" "5"
fi
expect_status 0 "check after the batch" "$LT" check
if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's WAL)
    equals "the WAL again after an import that had the database to itself" \
        "$(sqlite3 "$LAMTHEO_DB" "PRAGMA journal_mode")" "wal"
fi
last=$((N - 1)); tens=$((N / 10 - 1))   # (59999 and 5999 of 60,000)
expect_status 0 "batch people found by search" "$LT" search "lo thi bay $last"
contains "found" "$TMP/out" "$(printf 'B%06d' "$last")"
expect_status 0 "no whole word: words as beginnings" "$LT" search "lo th bay $tens"
contains "prefix found" "$TMP/out" "$(printf 'B%06d' "$((tens * 10))")"
lacks "prefix only" "$TMP/out" "$(printf 'B%06d' "$((last - 1000))")"
equals "required people counted" "$(sql "SELECT sum(people), sum(key_cadres) FROM person_span WHERE unit_id=(SELECT id FROM unit WHERE code='CB-01') AND first_year<=2024 AND last_year>=2024")" \
    "$(sql "SELECT count(*), sum(key_cadre) FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='CB-01') AND category<>'other'")"
# a large file with one bad row changes nothing and keeps every index
sed 's/^B/C/' "$TMP/big.csv" > "$TMP/big2.csv"
printf 'C999999,Người Cuối,NO-SUCH-UNIT,cadre,\nC000007,Lô Thị Bảy 7,CB-01,party_member,\n' >> "$TMP/big2.csv"
before=$(state)
expect_status 1 "large import with a bad row and a code twice" "$LT" import people "$TMP/big2.csv"
contains "bad row named" "$TMP/err" "big2.csv:$((N + 2)): ma_don_vi"
contains "the second row of a code names the first" "$TMP/err" "big2.csv:$((N + 3)): ma_nguoi (Mã người): \"C000007\" đã có ở dòng 8"
equals "said once" "$(grep -c "big2.csv:$((N + 3)):" "$TMP/err")" "1"
equals "nothing written" "$(state)" "$before"
if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's WAL)
    equals "the WAL again after a refused import" "$(sqlite3 "$LAMTHEO_DB" "PRAGMA journal_mode")" "wal"
fi
# a large file's rows are checked on a second core and written here in
# file order: problems thousands of rows apart (further than the rows made
# ready ahead) come out in the file's order, each at its line, as one
# thread gave them
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong,can_bo_chu_chot,gioi_tinh";
    for (i = 1; i <= 30000; i++) {
        g = i == 1 ? "Nam?" : i == 9000 ? "Q" : i == 30000 ? "Nữ,thêm" : "Nữ"
        u = i == 20000 ? "NO-SUCH" : "CB-01"; c = i == 14000 ? "alien" : "cadre"; x = ""
        code = i == 25000 || i == 29000 ? 5 : i
        printf "E%06d,Người Thứ %d,%s,%s,%s,%s\n", code, i, u, c, x, g } }' > "$TMP/big4.csv"
before=$(state)
expect_status 1 "large import with problems far apart" "$LT" import people "$TMP/big4.csv"
grep -o 'big4.csv:[0-9]*: [a-z_]* ' "$TMP/err" | tr '\n' ' ' > "$TMP/lines"
equals "each named at its line, in the file's order" "$(cat "$TMP/lines")" \
    "big4.csv:2: gioi_tinh  big4.csv:9001: gioi_tinh  big4.csv:14001: doi_tuong  big4.csv:20001: ma_don_vi  big4.csv:25001: ma_nguoi  big4.csv:29001: ma_nguoi  "
contains "a code on three rows: each names the one before" "$TMP/err" 'big4.csv:29001: ma_nguoi (Mã người): "E000005" đã có ở dòng 25001'
contains "the first named by the second" "$TMP/err" 'big4.csv:25001: ma_nguoi (Mã người): "E000005" đã có ở dòng 6'
contains "and the extra cell of the last row" "$TMP/err" "big4.csv:30001: thừa ô ở cột 7"
equals "nothing written" "$(state)" "$before"
# stored people in a large file are changed one by one, the new ones added
awk -v n="$N" 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong,can_bo_chu_chot";
    for (i = 1; i <= n + 1; i++) printf "B%06d,Lô Thị Bảy %d,CB-01,%s,%s\n", i, i, i % 10 ? "party_member" : "other", i % 50 == 1 ? "x" : "" }' > "$TMP/big5.csv"
expect_status 0 "large file of stored people" "$LT" import people "$TMP/big5.csv"
# (a flag moves from every 50th person to the one after: two changes a 50)
contains "changes counted" "$TMP/out" "1 inserted, $(grouped $((N / 25)) ,) updated, $(grouped $((N - N / 25)) ,) unchanged"
equals "the flags as the file gives them" "$(db_sql "SELECT sum(key_cadre), sum(CASE WHEN code='B000051' AND key_cadre<>0 THEN 1 ELSE 0 END),
    sum(CASE WHEN code='B000050' AND key_cadre<>0 THEN 1 ELSE 0 END) FROM person WHERE code LIKE 'B%'")" "$((N / 50 + 1))|1|0"
# with another process reading, the import goes through the WAL as before
# (on PostgreSQL the reader is a session of psql)
if [ "${LT_ENGINE:-}" = postgresql ]; then
    (echo "SELECT count(*) FROM person;"; sleep 4) | psql "$LAMTHEO_DB" -X -q >/dev/null &
else
    (echo "SELECT count(*) FROM person;"; sleep 4) | sqlite3 "$LAMTHEO_DB" >/dev/null &
fi
reader=$!
sleep 1
# (large enough to ask for the database alone; its people in two units by
# turns, a hundred rows each, as a district's file comes unit by unit)
sed 's/^B/D/' "$TMP/big.csv" | awk -F, -v OFS=, 'NR > 1 && int(NR / 100) % 2 { $3 = "CB-03" } 1' > "$TMP/big3.csv"
expect_status 0 "import while another process has the database open" "$LT" import people "$TMP/big3.csv"
contains "$N inserted beside the reader" "$TMP/out" "$(grouped "$N" ,) inserted"
contains "the count as a clerk reads it" "$TMP/out" "$(grouped "$N" .) dòng; thêm $(grouped "$N" .)"
wait $reader
equals "each in the unit of its row" \
    "$(db_sql "SELECT u.code, count(*) FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.code LIKE 'D%' GROUP BY 1 ORDER BY 1" | tr '\n' ' ')" \
    "$(awk -F, 'NR > 1 { n[$3]++ } END { for (u in n) print u "|" n[u] }' "$TMP/big3.csv" | sort | tr '\n' ' ')"
equals "and its membership there" "$(db_sql "SELECT count(*) FROM person p JOIN membership m ON m.person_id=p.id WHERE p.code LIKE 'D%' AND m.unit_id=p.unit_id AND m.valid_to IS NULL")" "$N"

if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's catalogue, as above)
    equals "indexes kept" "$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM sqlite_schema WHERE name IN ('person_by_unit', 'person_by_sort', 'membership_add', 'membership_by_unit', 'person_words_add')")" "5"
fi
expect_status 0 "check after the refusal" "$LT" check

# usage errors
expect_status 2 "unknown kind" "$LT" import planets "$F/people.csv"
expect_status 1 "missing file" "$LT" import people "$TMP/none.csv"
printf 'ho_ten,ma_don_vi\nA,CB-01\n' > "$TMP/nocols.csv"
expect_status 1 "missing required columns" "$LT" import people "$TMP/nocols.csv"
contains "names the column" "$TMP/err" "nocols.csv:1: ma_nguoi (Mã người): thiếu cột bắt buộc"

# export: CSV for Excel, formula injection neutralised, imports back unchanged
db_sql "UPDATE person SET position='=HYPERLINK(\"http://x\")' WHERE code='P003'"
db_sql "UPDATE membership SET position='=HYPERLINK(\"http://x\")' WHERE person_id=(SELECT id FROM person WHERE code='P003')"
expect_status 0 "export people" "$LT" export people -o "$TMP/people_out.csv"
contains "BOM and header" "$TMP/people_out.csv" "$(printf '\357\273\277ma_nguoi,ho_ten')"
contains "formula neutralised" "$TMP/people_out.csv" "\"'=HYPERLINK(\"\"http://x\"\")\""
db_sql "UPDATE person SET position='' WHERE code='P003'"
db_sql "UPDATE membership SET position='' WHERE person_id=(SELECT id FROM person WHERE code='P003')"
expect_status 0 "export again" "$LT" export people -o "$TMP/people_out.csv"
before=$(state)
expect_status 0 "export imports back" "$LT" import people "$TMP/people_out.csv"
equals "round trip changes nothing" "$(state)" "$before"
# into another database: the same people, each a member from the same day
# as here (tu_ngay), with their workplace and date admitted
db_sql "UPDATE person SET workplace='Trường Tiểu học Sơn Định', party_joined_on='2001-02-03' WHERE code='P001'"
expect_status 0 "export people with their membership's first day" "$LT" export people -o "$TMP/people_out.csv"
contains "tu_ngay, den_ngay and the new columns" "$TMP/people_out.csv" "nguoi_dung_dau,tu_ngay,den_ngay,ngay_vao_dang,noi_cong_tac"
expect_status 0 "export units" "$LT" export units -o "$TMP/units_out.csv"
other="$TMP/other.db"
if [ "${LT_ENGINE:-}" = postgresql ]; then
    other=$(pg_database "lt_import_other_$(date +%s%N)") && ok || bad "another database on PostgreSQL"
fi
LAMTHEO_DB="$other" expect_status 0 "another database" "$LT" init
LAMTHEO_DB="$other" LAMTHEO_TODAY=2026-12-02 expect_status 0 "its units" "$LT" import units "$TMP/units_out.csv"
LAMTHEO_DB="$other" LAMTHEO_TODAY=2026-12-02 expect_status 0 "its people, imported later" "$LT" import people "$TMP/people_out.csv"
# (a row each, not one text: PostgreSQL's group_concat of 120,000 rows takes
# time that grows with their square)
PEOPLE_NOW="SELECT p.code || '@' || u.code || ':' || m.valid_from || ':' || p.workplace || ':' || coalesce(p.party_joined_on, '') FROM person p JOIN unit u ON u.id=p.unit_id JOIN membership m ON m.person_id=p.id AND m.valid_to IS NULL ORDER BY p.code"
LAMTHEO_DB="$other" sql "$PEOPLE_NOW" > "$TMP/people_other"
sql "$PEOPLE_NOW" > "$TMP/people_here"
if cmp -s "$TMP/people_other" "$TMP/people_here"; then ok; else
    bad "the same people, members from the same days"; diff "$TMP/people_other" "$TMP/people_here" | head -10
fi
expect_status 0 "export json" "$LT" export units --format json
contains "json units" "$TMP/out" '"ma_don_vi": "HU-T"'

# a whole tree at once (UNIT_SET_ASIDE_MIN units or more into a database
# with fewer): the name order index is made after the rows, in one sort,
# so that its pages lie in order in the file and a year's tree is read in
# one sweep of the disk; the sort keys and the word index as after any import
tree="$TMP/tree.db"
if [ "${LT_ENGINE:-}" = postgresql ]; then
    tree=$(pg_database "lt_import_tree_$(date +%s%N)") && ok || bad "a database for a tree on PostgreSQL"
fi
# tree_left: the tree's units and, on SQLite, how many of the name index and
# the insert triggers its batch sets aside are there (SQLite's catalogue:
# PostgreSQL sets none aside, and keeps sort keys and words without them);
# TREE_ALL: what that is with all of them
tree_left() {
    _n=$(LAMTHEO_DB="$tree" db_sql "SELECT count(*) FROM unit")
    if [ "${LT_ENGINE:-}" != postgresql ]; then
        _n="$_n $(sqlite3 "$tree" "SELECT count(*) FROM sqlite_schema WHERE name IN ('unit_by_sort', 'unit_words_add', 'unit_sort_add')")"
    fi
    echo "$_n"
}
TREE_ALL=" 3"
[ "${LT_ENGINE:-}" != postgresql ] || TREE_ALL=
LAMTHEO_DB="$tree" expect_status 0 "a database for a whole tree" "$LT" init
awk 'BEGIN { print "ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren"; print "DU-X,Đảng ủy xã Tân Tiến,grassroots_committee,";
    print "CB-DUYEN,Chi bộ Duyên Hải,cell,DU-X"; print "CB-DONG,Chi bộ Đông Hải,cell,DU-X";
    for (i = 1; i <= 3000; i++) printf "CB-%04d,Chi bộ ấp Thạnh %d,cell,DU-X\n", i, (i * 7919) % 3001 }' > "$TMP/tree.csv"
LAMTHEO_DB="$tree" expect_status 0 "a dry run of the tree" "$LT" import --dry-run units "$TMP/tree.csv"
equals "the dry run left no unit and every index" "$(tree_left)" "0$TREE_ALL"
# one bad row near the end: nothing written, every index and trigger back
{ cat "$TMP/tree.csv"; printf 'CB-XAU,Chi bộ Xấu,hợp tác xã,DU-X\n'; } > "$TMP/tree_bad.csv"
LAMTHEO_DB="$tree" expect_status 1 "a tree with one bad row" "$LT" import units "$TMP/tree_bad.csv"
contains "the bad row named by its line and column" "$TMP/err" "tree_bad.csv:3005: loai"
equals "nothing of it written, every index and trigger back" "$(tree_left)" "0$TREE_ALL"
LAMTHEO_DB="$tree" expect_status 0 "the tree in one import" "$LT" import units "$TMP/tree.csv"
contains "every unit in" "$TMP/out" "3,003 inserted"
if [ "${LT_ENGINE:-}" != postgresql ]; then # (SQLite's catalogue, and its file's pages)
    equals "the index and the insert triggers made again" \
        "$(sqlite3 "$tree" "SELECT count(*) FROM sqlite_schema WHERE name IN ('unit_by_sort', 'unit_words_add', 'unit_sort_add')")" "3"
    LEAVES_IN_ORDER="WITH l AS (SELECT pageno, row_number() OVER (ORDER BY path) AS k FROM dbstat
        WHERE name='unit_by_sort' AND pagetype='leaf')
        SELECT count(*) > 10 AND sum(b.pageno - a.pageno NOT BETWEEN 1 AND 2) <= 1 FROM l a JOIN l b ON b.k = a.k + 1"
    equals "the name index's pages one after another in the file" "$(sqlite3 "$tree" "$LEAVES_IN_ORDER")" "1"
fi
equals "each unit's sort key: D before Đ" \
    "$(LAMTHEO_DB="$tree" db_sql "SELECT group_concat(code, ' ') FROM (SELECT code FROM unit WHERE code IN ('CB-DONG', 'CB-DUYEN') ORDER BY name_sort) AS u")" "CB-DUYEN CB-DONG"
LAMTHEO_DB="$tree" expect_status 0 "a unit of the tree found by its name's words" "$LT" search "thanh 2999"
contains "found" "$TMP/out" "Chi bộ ấp Thạnh 2999"
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nCB-MOI,Chi bộ Ấp Mới,cell,DU-X\n' > "$TMP/one_more.csv"
LAMTHEO_DB="$tree" expect_status 0 "one unit more, later" "$LT" import units "$TMP/one_more.csv"
LAMTHEO_DB="$tree" expect_status 0 "found by its name too" "$LT" search "ap moi"
contains "found" "$TMP/out" "Chi bộ Ấp Mới"
LAMTHEO_DB="$tree" expect_status 0 "check after the tree" "$LT" check
finish
