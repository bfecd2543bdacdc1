# t_membership.sh — people over time (DESIGN §2): a year's figures never
# move because of something dated after its reference date.  On the demo,
# people imported today, a transfer and a leaving dated this year, and a
# new position leave the full JSON report of every unit for every year
# before this one, and for the range of them, byte-identical; a transfer
# back-dated into a past year moves that year, as it should.
# LT_ENGINE=postgresql (t_membership_pg.sh) runs the same on a copy of the
# demo on PostgreSQL.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-02
demo_database
start_server || { finish; exit 0; }
login "$TMP/jar" quantri quantri-demo-2020
# snapshot DIR: the report of every unit for every year 2016-2025 and for
# the range of them, through the API (one curl, one connection; the
# newline between a request's two lines is written out: char() is SQLite's)
snapshot() {
    mkdir -p "$TMP/$1"
    db_sql "WITH RECURSIVE y(n) AS (SELECT 2016 UNION ALL SELECT n + 1 FROM y WHERE n < 2025)
        SELECT 'url = \"$BASE/api/v1/indicators?unit=' || code || '&year=' || n || '\"' || '
' ||
               'output = \"$TMP/$1/' || code || '-' || n || '.json\"' FROM unit, y
        UNION ALL SELECT 'url = \"$BASE/api/v1/indicators?unit=' || code || '&from=2016&to=2025\"' || '
' ||
               'output = \"$TMP/$1/' || code || '-range.json\"' FROM unit" > "$TMP/$1.curl"
    curl -s -b "$TMP/jar" -K "$TMP/$1.curl"
}
snapshot before
check "reports of every unit and year ($(ls "$TMP/before" | wc -l))" test "$(ls "$TMP/before" | wc -l)" -gt 1000
contains "the article's 2020 in them" "$TMP/before/HU-CL-2020.json" '"deployment_rate": 98.8,'

cat > "$TMP/new.csv" <<'EOF'
ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot,ngay_vao_dang,noi_cong_tac
N1,Lê Văn Cường,15/06/1975,nam,DB-HKTB-01,Chi ủy viên,party_member,x,03/02/2001,Trường Tiểu học Hưng Khánh Trung B
N2,Phạm Thị Dung,15/06/1990,nữ,DB-HKTB-01,Đảng viên,party_member,,19/05/2015,
N3,Hoàng Văn Em,15/06/1968,nam,DB-HKTB-02,Phó Bí thư,party_member,x,,
EOF
expect_status 0 "people imported today" "$LT" import people "$TMP/new.csv"
equals "workplace and date admitted kept" \
    "$(db_sql "SELECT party_joined_on || '|' || workplace FROM person WHERE code='N1'")" \
    "2001-02-03|Trường Tiểu học Hưng Khánh Trung B"
equals "their membership starts today" \
    "$(db_sql "SELECT valid_from FROM membership m JOIN person p ON p.id=m.person_id WHERE p.code='N2'")" \
    "2026-12-02"
P=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-HKTB-01') AND code LIKE 'CL%' ORDER BY code LIMIT 1")
Q=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-HKTB-02') AND code LIKE 'CL%' ORDER BY code LIMIT 1")
expect_status 0 "a transfer this year" "$LT" person move "$P" --to DB-HKTB-02 --date 01/03/2026
expect_status 0 "a leaving this year" "$LT" person move "$Q" --leave --date 2026-11-30
printf 'ma_nguoi,ho_ten,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot\n%s,%s,DB-HKTB-02,Phó Bí thư,party_member,x\n' \
    "$P" "$(db_sql "SELECT full_name FROM person WHERE code='$P'")" > "$TMP/promote.csv"
expect_status 0 "a new position and key cadre from today" "$LT" import people "$TMP/promote.csv"
expect_status 0 "check after the changes" "$LT" check
snapshot after
equals "every unit's every past year and range unchanged" "$(diff -r "$TMP/before" "$TMP/after" | head -3)" ""
equals "the transferred person's history" \
    "$(db_sql "SELECT group_concat(x, ' ') FROM (SELECT u.code || ':' || m.valid_from || ':' || coalesce(m.valid_to, '') || ':' || m.key_cadre AS x FROM membership m JOIN unit u ON u.id=m.unit_id JOIN person p ON p.id=m.person_id WHERE p.code='$P' ORDER BY m.valid_from) AS h")" \
    "DB-HKTB-01:2016-05-15:2026-02-28:0 DB-HKTB-02:2026-03-01:2026-12-01:0 DB-HKTB-02:2026-12-02::1"

# refused: before the present membership, to the same unit, leaving twice
expect_status 1 "a transfer before the present membership" "$LT" person move "$P" --to DB-HKTB-01 --date 2025-01-01
contains "says why" "$TMP/err" "trước ngày bắt đầu sinh hoạt hiện tại"
expect_status 1 "to the unit they are in" "$LT" person move "$P" --to DB-HKTB-02 --date 2026-12-03
expect_status 1 "leaving twice" "$LT" person move "$Q" --leave --date 2026-12-01
expect_status 1 "no such unit" "$LT" person move "$P" --to NO-SUCH --date 2026-12-03
expect_status 2 "neither --to nor --leave" "$LT" person move "$P" --date 2026-12-03
expect_status 0 "back after leaving" "$LT" person move "$Q" --to DB-HKTB-01 --date 2026-12-02

# a transfer dated in a past year moves that year (from its reference date on)
R=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-HKTB-01') AND code LIKE 'CL%' AND code<>'$P' ORDER BY code LIMIT 1")
req() { db_sql "SELECT sum(people) FROM person_span WHERE unit_id=(SELECT id FROM unit WHERE code='$1') AND first_year<=$2 AND last_year>=$2"; }
before01=$(req DB-HKTB-01 2020); before02=$(req DB-HKTB-02 2020)
expect_status 0 "a transfer on 1 June 2020" "$LT" person move "$R" --to DB-HKTB-02 --date 2020-06-01
equals "2020 counts them in their new cell" "$(req DB-HKTB-01 2020) $(req DB-HKTB-02 2020)" \
    "$((before01 - 1)) $((before02 + 1))"
expect_status 0 "check after the back-dated transfer" "$LT" check

# transfers by import: a row in another unit is a transfer on its tu_ngay;
# a tu_ngay before the present membership is refused with file and line,
# and nothing of the file is written
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong,tu_ngay\nN2,Phạm Thị Dung,DB-HKTB-02,party_member,15/12/2026\n' > "$TMP/move.csv"
expect_status 0 "a transfer by import" "$LT" import people "$TMP/move.csv"
equals "N2 moved on tu_ngay" \
    "$(db_sql "SELECT group_concat(x, ' ') FROM (SELECT u.code || ':' || m.valid_from || ':' || coalesce(m.valid_to, '') AS x FROM membership m JOIN unit u ON u.id=m.unit_id JOIN person p ON p.id=m.person_id WHERE p.code='N2' ORDER BY m.valid_from) AS h")" \
    "DB-HKTB-01:2026-12-02:2026-12-14 DB-HKTB-02:2026-12-15:"
expect_status 0 "the same file again changes nothing" "$LT" import people "$TMP/move.csv"
contains "unchanged" "$TMP/out" "không đổi 1"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong,tu_ngay\nN1,Lê Văn Cường,DB-HKTB-02,party_member,01/01/2026\nN3,Hoàng Văn Em,DB-HKTB-01,party_member,20/12/2026\n' > "$TMP/early.csv"
# (every row's days summed as numbers YYYYMMDD: julianday and total are SQLite's)
memberships() {
    db_sql "SELECT count(*) || '/' || coalesce(sum(CAST(replace(valid_from, '-', '') AS INTEGER)), 0) || '/'
        || coalesce(sum(CAST(replace(valid_to, '-', '') AS INTEGER)), 0) FROM membership"
}
before=$(memberships)
expect_status 1 "a transfer before the present membership, by import" "$LT" import people "$TMP/early.csv"
contains "file, line and column named" "$TMP/err" "early.csv:2: tu_ngay (Sinh hoạt từ ngày): ngày 01/01/2026 trước ngày bắt đầu sinh hoạt hiện tại (02/12/2026)"
equals "nothing of the file written" "$(memberships)" "${before:-(no memberships read)}"

# a file without the new columns keeps what they hold (workplace, date admitted)
printf 'ma_nguoi,ho_ten,ma_don_vi,chuc_vu,doi_tuong\nN1,Lê Văn Cường,DB-HKTB-01,Chi ủy viên,party_member\n' > "$TMP/plain.csv"
expect_status 0 "a file without noi_cong_tac and ngay_vao_dang" "$LT" import people "$TMP/plain.csv"
equals "workplace and date admitted kept by a file without them" \
    "$(db_sql "SELECT party_joined_on || '|' || workplace FROM person WHERE code='N1'")" \
    "2001-02-03|Trường Tiểu học Hưng Khánh Trung B"

# the person's page shows their workplace, date admitted and memberships
http "the page of someone transferred" 200 -b "$TMP/jar" "$BASE/nguoi/$P"
contains "their memberships, the last first" "$TMP/body" "<h2>Quá trình sinh hoạt</h2><ul><li>từ 02/12/2026: <a href=\"/don-vi/DB-HKTB-02\">"
contains "the first one, closed by the transfer" "$TMP/body" "<li>từ 15/05/2016 đến 28/02/2026: <a href=\"/don-vi/DB-HKTB-01\">"
http "the page of someone imported with a workplace" 200 -b "$TMP/jar" "$BASE/nguoi/N1"
contains "workplace" "$TMP/body" "<p>Nơi công tác: Trường Tiểu học Hưng Khánh Trung B</p>"
contains "date admitted" "$TMP/body" "<p>Ngày vào Đảng: 03/02/2001</p>"
contains "an admin may transfer them" "$TMP/body" 'action="/nguoi/N1/chuyen"'

# each year's list of a unit's people is its members on that year's
# reference date (R moved to DB-HKTB-02 on 1 June 2020)
http "DB-HKTB-01 in 2019" 200 -b "$TMP/jar" "$BASE/don-vi/DB-HKTB-01?nam=2019"
contains "R was there in 2019" "$TMP/body" "href=\"/nguoi/$R\""
http "DB-HKTB-01 in 2020" 200 -b "$TMP/jar" "$BASE/don-vi/DB-HKTB-01?nam=2020"
lacks "R was not there in 2020" "$TMP/body" "href=\"/nguoi/$R\""
http "DB-HKTB-02 in 2020" 200 -b "$TMP/jar" "$BASE/don-vi/DB-HKTB-02?nam=2020"
contains "R was in DB-HKTB-02 in 2020" "$TMP/body" "href=\"/nguoi/$R\""
http "the API's list of 2019" 200 -b "$TMP/jar" "$BASE/api/v1/people?unit=DB-HKTB-01&year=2019"
contains "R in the API's 2019 list" "$TMP/body" "\"code\":\"$R\""
# a registration of a past year shows the position of that year (P is Phó
# Bí thư from today, an ordinary member before)
PREG=$(db_sql "SELECT r.id FROM registration r JOIN person p ON p.id=r.person_id WHERE p.code='$P' AND r.year=2020")
http "P's 2020 registration" 200 -b "$TMP/jar" "$BASE/api/v1/registrations/$PREG"
lacks "not today's position" "$TMP/body" '"position":"Phó Bí thư"'
contains "nor today's key-cadre flag" "$TMP/body" '"key_cadre":0,'
http "P's page: each year's unit" 200 -b "$TMP/jar" "$BASE/nguoi/$P"
contains "2020 in DB-HKTB-01" "$TMP/body" "Năm 2020</a> — Chi bộ ấp 1, xã Hưng Khánh Trung B"

# transfers in the browser: the commune's officer moves one of theirs to
# another commune's cell; the page says it is done
T=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-TT-01') AND code LIKE 'CL%' ORDER BY code LIMIT 1")
U=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-HKTB-01') AND code LIKE 'CL%' AND code NOT IN ('$P','$R') ORDER BY code LIMIT 1")
login "$TMP/officer" bithu.tantieng tantieng-demo-2020
http "the officer opens one of theirs" 200 -b "$TMP/officer" "$BASE/nguoi/$T"
contains "the transfer form" "$TMP/body" 'action="/nguoi/'"$T"'/chuyen"'
contains "the leaving form" "$TMP/body" 'action="/nguoi/'"$T"'/thoi"'
contains "dated today unless changed" "$TMP/body" 'name="ngay" required="required" value="02/12/2026"'
http "a name matching several cells" 400 -b "$TMP/officer" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "den_don_vi=chi bo ap 1" --data-urlencode "ngay=02/12/2026" "$BASE/nguoi/$T/chuyen"
contains "names them and says what to do" "$TMP/body" "khớp 11 đơn vị (Chi bộ ấp 1, Thị trấn Chợ Lách (DB-TTCL-01);"
http "a transfer named by the cell's name, no diacritics" 303 -b "$TMP/officer" \
    --data-urlencode "csrf=$CSRF" --data-urlencode "den_don_vi=chi bo ap 1 hung khanh trung b" \
    --data-urlencode "ngay=02/12/2026" "$BASE/nguoi/$T/chuyen"
equals "now in DB-HKTB-01" "$(db_sql "SELECT u.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE p.code='$T'")" "DB-HKTB-01"
http "someone outside the officer's communes" 403 -b "$TMP/officer" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "den_don_vi=DB-TT-01" --data-urlencode "ngay=02/12/2026" "$BASE/nguoi/$U/chuyen"
http "taken in by the commune's cell (the destination's officer)" 303 -b "$TMP/officer" \
    --data-urlencode "csrf=$CSRF" --data-urlencode "ma_nguoi=$U" --data-urlencode "ngay=03/12/2026" \
    "$BASE/don-vi/DB-TT-01/nhan-chuyen"
http "the page after taking in" 200 -b "$TMP/officer" "$BASE/nguoi/$U?xong=nhan"
contains "says it is done" "$TMP/body" '<p class="done" role="status">Đã ghi nhận người chuyển đến'
contains "their new membership" "$TMP/body" "<li>từ 03/12/2026: <a href=\"/don-vi/DB-TT-01\">"
http "a leaving" 303 -b "$TMP/officer" --data-urlencode "csrf=$CSRF" --data-urlencode "ngay=31/12/2026" \
    "$BASE/nguoi/$U/thoi"
http "the page of someone who left" 200 -b "$TMP/officer" "$BASE/nguoi/$U?xong=thoi"
contains "says it is done" "$TMP/body" "Đã ghi nhận thôi sinh hoạt."
contains "and when" "$TMP/body" "Thôi sinh hoạt từ sau ngày 31/12/2026"
lacks "no second leaving" "$TMP/body" "/thoi\""
http "a transfer to a unit closed then" 400 -b "$TMP/officer" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "den_don_vi=DB-TTCL" --data-urlencode "ngay=01/01/2027" "$BASE/nguoi/$U/chuyen"
contains "says so" "$TMP/body" "không hoạt động ngày 01/01/2027"
login "$TMP/viewer" xem.sondinh sondinh-demo-2020
http "a viewer may not" 403 -b "$TMP/viewer" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "ma_nguoi=$T" --data-urlencode "ngay=03/12/2026" "$BASE/don-vi/DB-SD-01/nhan-chuyen"

# the same through the API
login "$TMP/jar" quantri quantri-demo-2020
http "API: a transfer" 200 -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"to":"DB-HKTB-02","date":"2026-12-20","position":"Chi ủy viên"}' "$BASE/api/v1/people/$T/move"
contains "answers the memberships" "$TMP/body" '"memberships":[{"unit_code":"DB-HKTB-02","unit_name":"Chi bộ ấp 2, xã Hưng Khánh Trung B","valid_from":"20/12/2026","valid_to":"","position":"Chi ủy viên","key_cadre":0,"head":0}'
http "API: both to and leave" 400 -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"to":"DB-HKTB-01","leave":true,"date":"2026-12-21"}' "$BASE/api/v1/people/$T/move"
http "API: a leaving" 200 -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"leave":true,"date":"2026-12-21"}' "$BASE/api/v1/people/$T/move"
contains "the last row closed" "$TMP/body" '"valid_from":"20/12/2026","valid_to":"21/12/2026"'
login "$TMP/officer" bithu.tantieng tantieng-demo-2020
http "API: an officer of neither unit" 403 -b "$TMP/officer" -H "X-CSRF-Token: $CSRF" \
    -H 'Content-Type: application/json' -d '{"to":"DB-HKTB-01","date":"2026-12-22"}' "$BASE/api/v1/people/$P/move"
stop_server
expect_status 0 "check after the web's transfers" "$LT" check

# check names a registration not placed by its person's membership
db_sql "UPDATE registration SET required=1-required WHERE id=(SELECT min(id) FROM registration)"
expect_status 1 "check finds a misplaced registration" "$LT" check
cat "$TMP/out" "$TMP/err" > "$TMP/both"
contains "named" "$TMP/both" "registration not placed"
db_sql "UPDATE registration SET required=1-required WHERE id=(SELECT min(id) FROM registration)"
db_sql "INSERT INTO membership(person_id, valid_from, unit_id) SELECT id, '2020-01-01', unit_id FROM person WHERE code='N1'"
expect_status 1 "check finds overlapping memberships" "$LT" check
cat "$TMP/out" "$TMP/err" > "$TMP/both"
contains "the person named" "$TMP/both" "a person's memberships overlap: N1"
finish
