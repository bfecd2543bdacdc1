# t_roundtrip.sh — one installation hands its data to another: the demo's
# units (with their parent links over time, active days and merges),
# people (with every membership row), registrations (with their state)
# and deployments, exported and imported into an empty database, give
# every unit the same deployment and registration figures in every year
# and range; importing the files again changes nothing.  (Standards,
# inspections, models, commendations, topics and year setups have no
# export kind yet: their figures are not compared.)  LT_ENGINE=postgresql
# (t_roundtrip_pg.sh) runs the same from a copy of the demo on PostgreSQL
# into a new database in the same cluster.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-02
demo_database
# a history to carry: a transfer, a leaving and a return, a new position
P=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-TT-01') AND code LIKE 'CL%' ORDER BY code LIMIT 1")
Q=$(db_sql "SELECT code FROM person WHERE unit_id=(SELECT id FROM unit WHERE code='DB-SD-01') AND code LIKE 'CL%' ORDER BY code LIMIT 1")
expect_status 0 "a transfer in 2018" "$LT" person move "$P" --to DB-TT-02 --date 2018-06-01
expect_status 0 "a leaving in 2019" "$LT" person move "$Q" --leave --date 2019-03-31
expect_status 0 "a return in 2020" "$LT" person move "$Q" --to DB-VB-01 --date 2020-02-01 --position "Chi ủy viên"

for k in units people registrations deployments; do
    expect_status 0 "export $k" "$LT" export "$k" -o "$TMP/$k.csv"
done
contains "units' history columns" "$TMP/units.csv" "ma_don_vi_cap_tren,tu_ngay,hoat_dong_tu,hoat_dong_den,sap_nhap_vao,ngay_sap_nhap"
contains "a merged unit's last row" "$TMP/units.csv" "HU-CL,Huyện ủy Chợ Lách,district,TU-BT,01/01/1990,01/01/1990,30/06/2025,TU-VL,01/07/2025"
contains "a cell's second parent" "$TMP/units.csv" "DB-TTCL-01,\"Chi bộ ấp 1, Thị trấn Chợ Lách\",cell,DB-XCL,01/07/2025"
contains "a person's rows" "$TMP/people.csv" ",DB-TT-01,"
equals "Q's two rows (a gap between)" "$(grep -c "^$Q," "$TMP/people.csv")" "2"
contains "registrations' state" "$TMP/registrations.csv" "han,tu_danh_gia,ghi_chu,trang_thai,xep_loai,ngay_cong_khai,ma_don_vi"

other="$TMP/other.db"
if [ "${LT_ENGINE:-}" = postgresql ]; then
    other=$(pg_database "lt_roundtrip_other_$(date +%s%N)") && ok || bad "a new database on PostgreSQL"
fi
# other_sql SQL: db_sql on the other installation's database
other_sql() { LAMTHEO_DB="$other" db_sql "$1"; }
LAMTHEO_DB="$other" expect_status 0 "an empty database" "$LT" init
LAMTHEO_DB="$other" expect_status 0 "import units" "$LT" import units "$TMP/units.csv"
# into a database without people the history goes in as one batch, checked
# as one person at a time is: Q's second row made to overlap the first is
# refused at Q's line, and nothing of the file is written
awk -F, -v q="$Q" 'BEGIN { OFS = "," } $1 == q { n++; if (n == 2) $10 = "01/01/2019" } { print }' \
    "$TMP/people.csv" > "$TMP/people-overlap.csv"
LAMTHEO_DB="$other" expect_status 1 "an overlap in the batch" "$LT" import people "$TMP/people-overlap.csv"
contains "names the person's line and the day" "$TMP/err" "people-overlap.csv:$(grep -n "^$Q," "$TMP/people.csv" | head -1 | cut -d: -f1): tu_ngay (Sinh hoạt từ ngày): 01/01/2019 trùng với thời gian sinh hoạt trước"
equals "no one written" "$(other_sql "SELECT count(*) FROM person")" "0"
for k in people deployments registrations; do
    LAMTHEO_DB="$other" expect_status 0 "import $k" "$LT" import "$k" "$TMP/$k.csv"
done
equals "one audit row for the batch of people" \
    "$(other_sql "SELECT count(*) FROM audit WHERE entity='person'")" "1"
LAMTHEO_DB="$other" expect_status 0 "check after the imports" "$LT" check
for k in units people deployments registrations; do
    LAMTHEO_DB="$other" expect_status 0 "import $k again" "$LT" import "$k" "$TMP/$k.csv"
    contains "$k again: nothing changed" "$TMP/out" "thêm 0, cập nhật 0,"
done
MEMBERSHIP="SELECT group_concat(x, ' ') FROM (SELECT p.code || '@' || u.code || ':' || m.valid_from || '..' || coalesce(m.valid_to, '') || ':' || m.position || m.key_cadre || m.head AS x FROM membership m JOIN person p ON p.id=m.person_id JOIN unit u ON u.id=m.unit_id ORDER BY p.code, m.valid_from) AS r"
# (an empty answer is none read: it must not match another empty one)
want=$(db_sql "$MEMBERSHIP")
equals "every membership row carried" "$(other_sql "$MEMBERSHIP")" "${want:-(no memberships read)}"
LINKS="SELECT group_concat(x, ' ') FROM (SELECT u.code || '<' || p.code || ':' || l.valid_from || '..' || coalesce(l.valid_to, '') AS x FROM unit_parent l JOIN unit u ON u.id=l.unit_id JOIN unit p ON p.id=l.parent_id ORDER BY u.code, l.valid_from) AS r"
want=$(db_sql "$LINKS")
equals "every parent link carried" "$(other_sql "$LINKS")" "${want:-(no links read)}"

# a people file whose history differs from the stored one is refused,
# naming the line and the day, and nothing of it is written
awk -F, -v q="$Q" 'BEGIN { OFS = "," } $1 == q && !done { $10 = "16/05/2016"; done = 1 } { print }' \
    "$TMP/people.csv" > "$TMP/people-other.csv"
before=$(other_sql "$MEMBERSHIP")
LAMTHEO_DB="$other" expect_status 1 "another history for the same person" "$LT" import people "$TMP/people-other.csv"
contains "names the day they differ" "$TMP/err" "tu_ngay (Sinh hoạt từ ngày): quá trình sinh hoạt trong tệp khác với quá trình đã lưu từ ngày 15/05/2016"
equals "nothing written" "$(other_sql "$MEMBERSHIP")" "${before:-(no memberships read)}"

# history is an admin's: an officer's units and registrations files with
# history columns are refused, in the browser's import too
LAMTHEO_DB="$other" start_server || { finish; exit 0; }
LAMTHEO_DB="$other" "$LT" user add can.bo --role officer --unit DB-TT > /dev/null 2>&1 <<EOF2
can-bo-mat-khau-2026
EOF2
login "$TMP/officer" can.bo can-bo-mat-khau-2026
http "an officer's units history" 200 -b "$TMP/officer" -F "csrf=$CSRF" -F loai=units -F "tep=@$TMP/units.csv" "$BASE/nhap"
contains "refused as an admin's" "$TMP/body" "chỉ quản trị viên được nhập quá trình của đơn vị"
grep '^CL' "$TMP/registrations.csv" | grep ',DB-TT-0' | head -3 > "$TMP/tt-regs.body"
{ head -1 "$TMP/registrations.csv"; cat "$TMP/tt-regs.body"; } > "$TMP/tt-regs.csv"
http "an officer's registrations with their state" 200 -b "$TMP/officer" -F "csrf=$CSRF" -F loai=registrations -F "tep=@$TMP/tt-regs.csv" "$BASE/nhap"
contains "refused as an admin's" "$TMP/body" "chỉ quản trị viên được nhập trạng thái của bản đăng ký"
stop_server

# the figures of every unit, year by year and over ranges: the report's
# JSON (report_render, which `lamtheo report --format json` prints too)
# from each installation's server, every unit and period in one curl
FIELDS='"(deployment_targets|deployed|registration_required|registered|registrations_submitted|registrations_approved|key_cadres|key_cadres_published|evaluated|excellent|good|completed|not_completed|until)"'
for u in $(db_sql "SELECT code FROM unit ORDER BY code"); do
    for args in "year=2016" "year=2020" "year=2025" "from=2017&to=2019" "from=2021&to=2025"; do
        echo "$u $args"
    done
done > "$TMP/periods"
figures() { # DB OUT: "unit period status carried-figures" a line, in the order of $TMP/periods
    db=$1; rm -rf "$TMP/fig"; mkdir "$TMP/fig"
    echo 'mat-khau-so-lieu-2026' | LAMTHEO_DB="$db" "$LT" user add so.lieu --role admin > /dev/null 2>&1
    LAMTHEO_DB="$db" start_server || return
    login "$TMP/fig.jar" so.lieu mat-khau-so-lieu-2026
    awk -v base="$BASE" '{ printf "url = \"%s/api/v1/indicators?unit=%s&%s\"\noutput = \"%s/fig/%05d\"\n", base, $1, $2, tmp, NR }' \
        tmp="$TMP" "$TMP/periods" | curl -s -b "$TMP/fig.jar" -K - -w '%{http_code}\n' > "$TMP/fig.status"
    stop_server
    awk -v re="$FIELDS" 'FNR == 1 && NR > 1 { print "" } $0 ~ re || /"error"/ { gsub(/[ \t]/, ""); printf "%s", $0 }
        END { print "" }' "$TMP/fig"/* > "$TMP/fig.figures"
    paste -d' ' "$TMP/periods" "$TMP/fig.status" "$TMP/fig.figures" > "$2"
}
figures "$LAMTHEO_DB" "$TMP/figures-1"
figures "$other" "$TMP/figures-2"
# (96 units, 5 periods: the three units made by the merger of 1 July 2025
# have no figures before 2021-2025)
equals "every unit and period answered with figures" "$(grep -c ' 200 .*"deployed"' "$TMP/figures-1")" "471"
equals "or refused as not active then" "$(grep -c ' 400 .*khônghoạtđộngtrongnăm' "$TMP/figures-1")" "9"
differ=$(paste -d'\n' "$TMP/figures-1" "$TMP/figures-2" | awk 'NR % 2 { a = $0; next } a != $0 { n++; if (n <= 3) print substr(a " <> " $0, 1, 400) > "/dev/stderr" } END { print n + 0 }')
equals "every unit's figures of every year and range the same" "$differ" "0"
LAMTHEO_DB="$other" "$LT" report --year 2016 --unit HU-CL > "$TMP/hu2.txt"
"$LT" report --year 2016 --unit HU-CL > "$TMP/hu1.txt"
equals "the district's 2016 registration rate (was 0,0%)" "$(grep 'đăng ký làm theo' "$TMP/hu2.txt")" "$(grep 'đăng ký làm theo' "$TMP/hu1.txt")"
contains "with its 85 targets" "$TMP/hu2.txt" "(83/85)"
finish
