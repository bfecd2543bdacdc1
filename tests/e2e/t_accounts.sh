# t_accounts.sh — accounts for every member (DESIGN §2 "account", §4): a
# cell's accounts made at once, pending, with activation slips to hand out
# (PDF, eight a page, the codes only printed, never stored); listed with
# their status; a reset gives a new code; disabling ends the sessions at
# once and refuses the next login; a role changes within what the officer
# may grant.  LT_ENGINE=postgresql (t_accounts_pg.sh) runs the same on a
# copy of the demo on PostgreSQL.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-02
demo_database
members=$(db_sql "SELECT count(*) FROM membership m JOIN unit u ON u.id=m.unit_id
    WHERE u.code='DB-TT-01' AND m.valid_from<='2026-12-02' AND (m.valid_to IS NULL OR m.valid_to>='2026-12-02')
    AND NOT EXISTS (SELECT 1 FROM account a WHERE a.person_id=m.person_id)")
check "a cell with members without accounts ($members)" test "$members" -ge 5
expect_status 0 "accounts for a cell" "$LT" user bulk --unit DB-TT-01 -o "$TMP/slips.pdf" --site https://lamtheo.example.vn/
contains "says how many" "$TMP/err" "Đã tạo $members tài khoản chờ kích hoạt"
equals "all pending, with a code's hash and its last day" \
    "$(db_sql "SELECT count(*) FROM account WHERE status='pending' AND length(code_hash)=64
        AND code_expires='2027-01-01' AND password_hash='' AND role='member'")" "$members"
pdftotext -layout "$TMP/slips.pdf" "$TMP/slips.txt"
equals "a slip each" "$(grep -o 'Mã kích hoạt: [A-Z2-9-]*' "$TMP/slips.txt" | wc -l)" "$members"
contains "the site's address" "$TMP/slips.txt" "https://lamtheo.example.vn/"
contains "the cell" "$TMP/slips.txt" "Sinh hoạt tại: Chi bộ ấp 1, xã Tân Thiềng"
contains "how long the code lasts" "$TMP/slips.txt" "hết hạn ngày 01/01/2027"
equals "eight slips a page" "$(pdfinfo "$TMP/slips.pdf" | awk '/^Pages:/ { print $2 }')" "$(( (members + 7) / 8 ))"
CODE=$(grep -o 'Mã kích hoạt: [A-Z2-9-]*' "$TMP/slips.txt" | head -1 | cut -d' ' -f4)
check "a code of 13 letters without look-alikes ($CODE)" sh -c "echo '$CODE' | grep -qx '[A-HJKMNP-Z2-9]\{4\}-[A-HJKMNP-Z2-9]\{4\}-[A-HJKMNP-Z2-9]\{5\}'"
# (the whole database as text: SQLite's file, or PostgreSQL's dump of it)
STORED=$LAMTHEO_DB
if [ "${LT_ENGINE:-}" = postgresql ]; then
    STORED=$TMP/dump.sql
    pg_dump "$LAMTHEO_DB" > "$STORED" || bad "the database dumped"
fi
lacks "the code is not in the database" "$STORED" "$(echo "$CODE" | tr -d -)"
lacks "nor grouped" "$STORED" "$CODE"
expect_status 0 "again" "$LT" user bulk --unit DB-TT-01
contains "nobody left without one" "$TMP/err" "Đã tạo 0 tài khoản"
contains "...said in English too" "$TMP/err" "(0 pending accounts)"
equals "one audit row per account" "$(db_sql "SELECT count(*) FROM audit WHERE entity='account' AND action='activate'")" "$members"
printf 'ma_don_vi,ten,loai,ma_cap_tren\nCB-MOT,Chi bộ một người,cell,\n' > "$TMP/one-unit.csv"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nMOT01,Lê Văn Một,CB-MOT,Đảng viên\n' > "$TMP/one-person.csv"
expect_status 0 "a cell of one" "$LT" import units "$TMP/one-unit.csv"
expect_status 0 "...and its member" "$LT" import people "$TMP/one-person.csv"
expect_status 0 "an account for the one" "$LT" user bulk --unit CB-MOT
contains "one account is one in English" "$TMP/err" "Đã tạo 1 tài khoản chờ kích hoạt (1 pending account)"

# the list: login, role, status in Vietnamese, name, unit, last login
expect_status 0 "the cell's accounts" "$LT" user list --unit DB-TT-01
equals "the pending ones" "$(grep -c 'Chờ kích hoạt' "$TMP/out")" "$members"
LOGIN=$(grep 'Chờ kích hoạt' "$TMP/out" | head -1 | cut -f1)
check "a readable login ($LOGIN)" sh -c "echo '$LOGIN' | grep -qx '[a-z.]*\.cl[0-9]*'"
contains "never logged in" "$TMP/out" "chưa đăng nhập"

# a reset: a new code on a new slip
before=$(db_sql "SELECT code_hash FROM account WHERE login='$LOGIN'")
expect_status 0 "a reset" "$LT" user reset "$LOGIN" -o "$TMP/slip.pdf"
pdftotext "$TMP/slip.pdf" "$TMP/slip.txt"
contains "its slip" "$TMP/slip.txt" "$LOGIN"
check "another code" test "$(db_sql "SELECT code_hash FROM account WHERE login='$LOGIN'")" != "$before"
expect_status 1 "no such account" "$LT" user reset nobody.here
contains "says so" "$TMP/err" 'không có tài khoản "nobody.here"'
expect_status 2 "bulk needs a unit" "$LT" user bulk
expect_status 2 "an unknown subcommand" "$LT" user frob
expect_status 2 "days out of range" "$LT" user bulk --unit DB-TT-01 --days 0

# disabling ends the sessions at once and refuses the next login
start_server || { finish; exit 0; }
login "$TMP/jar" dangvien.tantieng dangvien-demo-2020
http "logged in" 200 -b "$TMP/jar" "$BASE/api/v1/session"
contains "as the member" "$TMP/body" '"login":"dangvien.tantieng"'
check "the last login recorded" test -n "$(db_sql "SELECT last_login FROM account WHERE login='dangvien.tantieng'")"
# ...and shown in Vietnam's time (UTC+7), never the server's zone
db_sql "UPDATE account SET last_login='2026-01-01T20:30:00Z' WHERE login='dangvien.tantieng'"
TZ=UTC "$LT" user list --unit DB-TT-01 > "$TMP/list" 2>&1
contains "the last login in Vietnam's time" "$TMP/list" "02/01/2026 03:30"
expect_status 0 "disable" "$LT" user disable dangvien.tantieng
http "the session is over" 401 -b "$TMP/jar" "$BASE/api/v1/indicators"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"login":"dangvien.tantieng","password":"dangvien-demo-2020"}' "$BASE/api/v1/session")
equals "the next login refused, as a wrong password is" "$code" "403"
expect_status 0 "the list" "$LT" user list --unit DB-TT-01
contains "shows it disabled" "$TMP/out" "$(printf 'dangvien.tantieng\tmember\tĐã khóa')"

# activation: in with the code, sent to choose a password before anything
# else; the code ends with it; the new password opens the account
expect_status 0 "accounts for another cell, printed" "$LT" user bulk --unit DB-TT-02
FIRST=$(head -1 "$TMP/out")
A=$(echo "$FIRST" | cut -f1); ACODE=$(echo "$FIRST" | cut -f2)
SECOND=$(sed -n 2p "$TMP/out")
B=$(echo "$SECOND" | cut -f1); BCODE=$(echo "$SECOND" | cut -f2)
login "$TMP/a" "$A" "$ACODE"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$TMP/a" "$BASE/cua-toi")
equals "every page sends them to choose a password" "$code" "302 $BASE/mat-khau"
http "the API says so" 403 -b "$TMP/a" "$BASE/api/v1/indicators"
contains "in words" "$TMP/body" "hãy đặt mật khẩu của mình trước"
http "the password page" 200 -b "$TMP/a" "$BASE/mat-khau"
contains "explains" "$TMP/body" "Bạn đã vào bằng mã kích hoạt"
lacks "no current password asked" "$TMP/body" 'name="hien_tai"'
http "two different passwords" 422 -b "$TMP/a" -d "csrf=$CSRF&moi=mat-khau-rieng-2026&nhap_lai=mat-khau-khac-2026" "$BASE/mat-khau"
contains "refused, said" "$TMP/body" "hai lần nhập mật khẩu mới không khớp"
http "too short" 422 -b "$TMP/a" -d "csrf=$CSRF&moi=ngan&nhap_lai=ngan" "$BASE/mat-khau"
http "the code itself" 422 -b "$TMP/a" --data-urlencode "csrf=$CSRF" --data-urlencode "moi=$ACODE" \
    --data-urlencode "nhap_lai=$ACODE" "$BASE/mat-khau"
contains "refused, said" "$TMP/body" "không được là mã kích hoạt"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$TMP/a" \
    -d "csrf=$CSRF&moi=mat-khau-rieng-2026&nhap_lai=mat-khau-rieng-2026" "$BASE/mat-khau")
equals "saved, to their own page" "$code" "303 $BASE/cua-toi?xong=mat-khau"
code=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$TMP/a" "$BASE/cua-toi?xong=mat-khau")
http "their page" 200 -b "$TMP/a" "$code"
contains "with the news" "$TMP/body" "Đã lưu mật khẩu mới"
contains "their first login, they are told" "$TMP/body" "Lần đăng nhập trước: đây là lần đầu"
APAGE=$code
equals "active, the code gone" "$(db_sql "SELECT status || ':' || CASE WHEN code_hash IS NULL THEN 1 ELSE 0 END FROM account WHERE login='$A'")" "active:1"
api_login() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$2\"}" "$BASE/api/v1/session"; }
equals "the code no longer opens it" "$(api_login "$A" "$ACODE")" "403"
equals "the new password does" "$(api_login "$A" mat-khau-rieng-2026)" "200"
http "their page after another login" 200 -b "$TMP/a" "$APAGE"
check "tells them when they logged in before" grep -q 'Lần đăng nhập trước: [0-3][0-9]/[01][0-9]/20[0-9][0-9] [0-2][0-9]:' "$TMP/body"
typed=$(echo "$BCODE" | tr -d - | tr 'A-Z' 'a-z')
equals "a code typed in small letters without dashes" "$(api_login "$B" "$typed")" "200"
db_sql "UPDATE account SET code_expires='2026-12-01' WHERE login='$B'"
equals "an expired code refused" "$(api_login "$B" "$BCODE")" "403"
# an active account changes its password with the current one
http "the change form" 200 -b "$TMP/a" "$BASE/mat-khau"
contains "asks the current one" "$TMP/body" 'name="hien_tai"'
http "a wrong current password" 422 -b "$TMP/a" -d "csrf=$CSRF&hien_tai=sai-mat-khau-cu&moi=mat-khau-moi-2027&nhap_lai=mat-khau-moi-2027" "$BASE/mat-khau"
contains "refused, said" "$TMP/body" "mật khẩu hiện tại không đúng"

# someone who leaves logs in no more: a leaving dated in the past disables
# their account at once and ends their session; a transfer keeps it
AP=$(db_sql "SELECT p.code FROM account a JOIN person p ON p.id=a.person_id WHERE a.login='$A'")
BP=$(db_sql "SELECT p.code FROM account a JOIN person p ON p.id=a.person_id WHERE a.login='$B'")
expect_status 0 "a transfer" "$LT" person move "$BP" --to DB-TT-03 --date 2026-12-02
equals "keeps the account" "$(db_sql "SELECT status FROM account WHERE login='$B'")" "pending"
expect_status 0 "a leaving yesterday" "$LT" person move "$AP" --leave --date 2026-12-01
equals "the account disabled" "$(db_sql "SELECT status FROM account WHERE login='$A'")" "disabled"
http "the session over" 302 -b "$TMP/a" "$BASE/cua-toi"
equals "the login refused" "$(api_login "$A" mat-khau-rieng-2026)" "403"

# in the browser: an officer makes a cell's accounts from its page (the
# slips download), lists and finds them, gives one a new code, disables one
login "$TMP/off" bithu.tantieng tantieng-demo-2020
http "the unit page offers it" 200 -b "$TMP/off" "$BASE/don-vi/DB-TT-04"
contains "the form" "$TMP/body" 'action="/don-vi/DB-TT-04/tai-khoan"'
curl -s -D "$TMP/hdr" -o "$TMP/web-slips.pdf" -b "$TMP/off" -d "csrf=$CSRF" "$BASE/don-vi/DB-TT-04/tai-khoan"
contains "a PDF" "$TMP/hdr" "Content-Type: application/pdf"
contains "downloaded by name" "$TMP/hdr" 'filename="phieu-kich-hoat-DB-TT-04.pdf"'
made=$(db_sql "SELECT count(*) FROM account a JOIN person p ON p.id=a.person_id JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT-04'")
equals "a slip for each" "$(pdftotext "$TMP/web-slips.pdf" - | grep -c 'Mã kích hoạt:')" "$made"
http "again: nobody left" 200 -b "$TMP/off" -d "csrf=$CSRF" "$BASE/don-vi/DB-TT-04/tai-khoan"
contains "said so" "$TMP/body" "Mọi người của đơn vị đã có tài khoản."
http "another commune's unit" 403 -b "$TMP/off" -d "csrf=$CSRF" "$BASE/don-vi/DB-SD-01/tai-khoan"
http "the list" 200 -b "$TMP/off" "$BASE/tai-khoan?don_vi=DB-TT-04&trang_thai=pending"
equals "the pending ones of the cell" "$(grep -o '<li><a href="/tai-khoan/[^"]*"><b>[^<]*</b></a> <code>' "$TMP/body" | wc -l)" "$made"
contains "in Vietnamese" "$TMP/body" "Chờ kích hoạt"
W=$(db_sql "SELECT a.login FROM account a JOIN person p ON p.id=a.person_id JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT-04' ORDER BY a.login LIMIT 1")
WNAME=$(db_sql "SELECT p.name_fold FROM account a JOIN person p ON p.id=a.person_id WHERE a.login='$W'")
http "found by name without diacritics" 200 -b "$TMP/off" "$BASE/tai-khoan?q=$(echo "$WNAME" | tr ' ' '+')"
contains "the one" "$TMP/body" "<code>$W</code>"
http "outside the officer's subtree" 403 -b "$TMP/off" "$BASE/tai-khoan?don_vi=DB-SD"
curl -s -D "$TMP/hdr" -o "$TMP/w.pdf" -b "$TMP/off" -d "csrf=$CSRF" "$BASE/tai-khoan/$W/cap-lai"
contains "a new slip" "$TMP/hdr" "Content-Type: application/pdf"
contains "with the login" "$(pdftotext "$TMP/w.pdf" - > "$TMP/w.txt"; echo "$TMP/w.txt")" "$W"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$TMP/off" -d "csrf=$CSRF" "$BASE/tai-khoan/$W/khoa")
equals "disabled, back to the list" "$code" "303 $BASE/tai-khoan?xong=khoa"
http "the list says so" 200 -b "$TMP/off" "$BASE/tai-khoan?xong=khoa&q=$W"
contains "the news" "$TMP/body" "Đã khóa tài khoản"
contains "its state" "$TMP/body" "Đã khóa"
http "an admin's account is not the officer's" 403 -b "$TMP/off" -d "csrf=$CSRF" "$BASE/tai-khoan/quantri/khoa"

# roles: an officer gives what they may, within their subtree, by unit
# name; never an admin, never their own; the new role works at once
R=$(db_sql "SELECT a.login FROM account a JOIN person p ON p.id=a.person_id JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT-04' AND a.login<>'$W' ORDER BY a.login LIMIT 1")
http "an account's page" 200 -b "$TMP/off" "$BASE/tai-khoan/$R"
contains "the role form" "$TMP/body" "action=\"/tai-khoan/$R/vai-tro\""
contains "its cell by name" "$TMP/body" '<option value="DB-TT-04" selected="selected">Chi bộ ấp 4, xã Tân Thiềng</option>'
contains "up to the officer's commune" "$TMP/body" '<option value="DB-TT">Đảng bộ xã Tân Thiềng</option>'
lacks "nothing above it" "$TMP/body" 'value="HU-CL"'
lacks "no admin to give" "$TMP/body" 'value="admin"'
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$TMP/off" -d "csrf=$CSRF&vai_tro=officer&don_vi=DB-TT-04" "$BASE/tai-khoan/$R/vai-tro")
equals "made the cell's officer" "$code" "303 $BASE/tai-khoan/$R?xong=vai-tro"
equals "stored so" "$(db_sql "SELECT a.role || ' ' || u.code FROM account a JOIN unit u ON u.id=a.scope_unit_id WHERE a.login='$R'")" "officer DB-TT-04"
equals "audited" "$(db_sql "SELECT count(*) FROM audit WHERE action='role' AND actor='bithu.tantieng'")" 1
http "the page says so" 200 -b "$TMP/off" "$BASE/tai-khoan/$R?xong=vai-tro"
contains "the news" "$TMP/body" "Đã đổi vai trò"
contains "the new role" "$TMP/body" "Cán bộ quản lý"
http "never an admin" 403 -b "$TMP/off" -d "csrf=$CSRF&vai_tro=admin" "$BASE/tai-khoan/$R/vai-tro"
http "nor beyond the subtree" 403 -b "$TMP/off" -d "csrf=$CSRF&vai_tro=officer&don_vi=HU-CL" "$BASE/tai-khoan/$R/vai-tro"
http "nor an admin's account" 403 -b "$TMP/off" -d "csrf=$CSRF&vai_tro=member" "$BASE/tai-khoan/quantri/vai-tro"
http "nor their own" 403 -b "$TMP/off" -d "csrf=$CSRF&vai_tro=viewer&don_vi=DB-TT" "$BASE/tai-khoan/bithu.tantieng/vai-tro"
http "another commune's account is not theirs to see" 404 -b "$TMP/off" "$BASE/tai-khoan/xem.sondinh"
equals "nothing else changed" "$(db_sql "SELECT count(*) FROM audit WHERE action='role'")" 1
login "$TMP/view" xem.sondinh sondinh-demo-2020
http "a viewer lists no accounts" 403 -b "$TMP/view" "$BASE/tai-khoan"
login "$TMP/adm" quantri quantri-demo-2020
http "the admin sees every unit up to the top" 200 -b "$TMP/adm" "$BASE/tai-khoan/xem.sondinh"
contains "and may give admin" "$TMP/body" 'value="admin"'
http "the admin makes the viewer an officer" 303 -b "$TMP/adm" -d "csrf=$CSRF&vai_tro=officer&don_vi=DB-SD" "$BASE/tai-khoan/xem.sondinh/vai-tro"
http "whose session has it at once" 200 -b "$TMP/view" "$BASE/tai-khoan"
expect_status 0 "in the terminal too" "$LT" user role "$R" --role member
equals "a member again, of their person" "$(db_sql "SELECT role || '|' || coalesce(CAST(scope_unit_id AS TEXT), '') FROM account WHERE login='$R'")" "member|"
expect_status 1 "an account without a person is no member" "$LT" user role quantri --role member
contains "says why" "$TMP/err" "không gắn với đảng viên nào"
expect_status 2 "a role it does not know" "$LT" user role "$R" --role chief
expect_status 0 "check after it all" "$LT" check
P1=$(db_sql "SELECT login FROM account WHERE status='pending' ORDER BY login LIMIT 1")
db_sql "UPDATE account SET code_hash=NULL WHERE login='$P1'"
expect_status 1 "a pending account without its code is found" "$LT" check
contains "naming it" "$TMP/err" "$P1"
stop_server
finish
