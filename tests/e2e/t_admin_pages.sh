# t_admin_pages.sh — issue 20 items 9 and 10: the audit log as a page (a
# table in words and names, filters, pages), the year setup (the years set
# up, a notice once saved, in the admin's menu), exports of an officer's
# own subtree as CSV and XLSX from the pages that show the lists, and a
# request refused before the router still getting a page in the user's
# language with their menu.  LT_ENGINE=postgresql (t_admin_pages_pg.sh): the
# same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
start_server || { finish; exit 0; }
A="$TMP/admin"; O="$TMP/officer"; M="$TMP/member"; V="$TMP/viewer"
login "$A" quantri quantri-demo-2020; ACSRF=$CSRF
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$M" dangvien.tantieng dangvien-demo-2020
login "$V" xem.sondinh sondinh-demo-2020
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

# ---- the audit log ----------------------------------------------------------
# an officer's approval, to be found by name and kind
REG=$(db_sql "SELECT r.id FROM registration r JOIN unit u ON u.id=r.unit_id
    WHERE (u.code='DB-TT' OR u.code LIKE 'DB-TT-%') AND r.status='submitted' ORDER BY r.id LIMIT 1")
WHO=$(db_sql "SELECT p.full_name FROM registration r JOIN person p ON p.id=r.person_id WHERE r.id=$REG")
V_REG=$(db_sql "SELECT version FROM registration WHERE id=$REG")
[ -n "$REG" ] && ok || bad "a submitted registration of Tân Thiềng"
http "officer approves" 303 -b "$O" -d "csrf=$OCSRF&phien_ban=$V_REG" "$BASE/dang-ky/$REG/duyet"
http "audit page" 200 -b "$A" "$BASE/nhat-ky"
contains "a table" "$TMP/body" '<table class="audit">'
contains "the action in words" "$TMP/body" "Duyệt bản đăng ký"
contains "the record by name, linked" "$TMP/body" "<a href=\"/dang-ky/$REG\">$WHO</a>"
contains "the command line as the office" "$TMP/body" "văn phòng (dòng lệnh)"
contains "local time" "$TMP/body" "$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)"
contains "what changed, in words" "$TMP/body" "Chờ duyệt → Đã duyệt"
lacks "no cli: code shown" "$TMP/body" "<td>cli:"
lacks "no raw status code" "$TMP/body" "→ approved"
contains "kinds as a select in words" "$TMP/body" '<option value="registration">Bản đăng ký</option>'
contains "labels for their fields" "$TMP/body" '<label for="nguoi">'
contains "pages" "$TMP/body" "Trang sau →"
contains "the next page keeps the filters" "$TMP/body" "/nhat-ky?nguoi=&amp;loai=&amp;tu=&amp;den=&amp;trang=2"
http "audit page 2" 200 -b "$A" "$BASE/nhat-ky?trang=2"
contains "page 2" "$TMP/body" "← Trang trước"
http "by who" 200 -b "$A" "$BASE/nhat-ky?nguoi=bithu"
contains "the officer's approval" "$TMP/body" "Duyệt bản đăng ký"
lacks "nobody else" "$TMP/body" "văn phòng (dòng lệnh)"
http "by kind" 200 -b "$A" "$BASE/nhat-ky?loai=account&nguoi=tantieng"
contains "logins" "$TMP/body" "Đăng nhập"
lacks "no approvals" "$TMP/body" "Duyệt bản đăng ký"
contains "the kind kept selected" "$TMP/body" '<option value="account" selected="selected">'
http "by dates" 200 -b "$A" "$BASE/nhat-ky?tu=01/01/2000&den=31/12/2000"
contains "none then" "$TMP/body" "Không có thay đổi nào khớp."
http "a bad date" 400 -b "$A" "$BASE/nhat-ky?tu=32/13/2000"
http "English" 200 -b "$A" "$BASE/nhat-ky?lang=en&nguoi=bithu"
contains "English action" "$TMP/body" "Approved a registration"
lacks "no Vietnamese action" "$TMP/body" "Duyệt bản đăng ký"
http "English back to Vietnamese" 200 -b "$A" "$BASE/nhat-ky?lang=vi"
http "an officer is refused the log" 403 -b "$O" "$BASE/nhat-ky"

# ---- the year setup -------------------------------------------------------
http "year setup" 200 -b "$A" "$BASE/nam"
contains "in the admin's menu" "$TMP/body" '<a href="/nam">Năm, chuyên đề</a>'
contains "the years set up" "$TMP/body" "<td>2020</td><td>20/02/2020</td><td>31/03/2020</td><td>15/07/2020</td><td>15/12/2020</td>"
contains "the issuing unit by name" "$TMP/body" '<a href="/don-vi/TU-BT">'
contains "labelled fields" "$TMP/body" '<label for="han_dang_ky">'
http "save a year" 303 -b "$A" -d "csrf=$ACSRF&nam=2031&don_vi=TW&tieu_de=Chuyên đề thử năm 2031&han_dang_ky=31/3/2031" "$BASE/nam"
to=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$A" -d "csrf=$ACSRF&nam=2031&don_vi=TW&tieu_de=Chuyên đề thử năm 2031" "$BASE/nam")
equals "back to the year setup" "${to#"$BASE"}" "/nam?xong=nam&nam=2031"
http "after saving" 200 -b "$A" "$BASE/nam?xong=nam&nam=2031"
contains "says saved" "$TMP/body" "Đã lưu năm 2031 và chuyên đề."
contains "lists it" "$TMP/body" "Chuyên đề thử năm 2031"
http "the officer's menu" 200 -b "$O" "$BASE/nguoi"
lacks "no year setup for an officer" "$TMP/body" 'href="/nam"'

# ---- exports of one's own subtree -------------------------------------------
contains "export links on the people page" "$TMP/body" '/xuat/people?dinh_dang=xlsx'
contains "a CSV link too" "$TMP/body" '/xuat/registrations?dinh_dang=csv&amp;nam='
http "accounts page" 200 -b "$O" "$BASE/tai-khoan"
contains "export links on the accounts page" "$TMP/body" '/xuat/accounts?dinh_dang=xlsx'
http "officer's people CSV" 200 -b "$O" "$BASE/xuat/people"
contains "BOM" "$TMP/body" "$(printf '\357\273\277ma_nguoi')"
tail -n +2 "$TMP/body" | $PY -c 'import csv,sys; [print(r[4]) for r in csv.reader(sys.stdin)]' | sort -u > "$TMP/units"
[ "$(wc -l < "$TMP/units")" -ge 3 ] && ok || bad "several units of Tân Thiềng"
grep -Ev '^DB-TT(-|$)' "$TMP/units" > "$TMP/outside"
[ -s "$TMP/outside" ] && bad "officer's export reaches outside: $(head -3 "$TMP/outside")" || ok
SD=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code LIKE 'DB-SD%' ORDER BY p.code LIMIT 1")
lacks "no one of Sơn Định" "$TMP/body" "$SD,"
http "the admin's has Sơn Định" 200 -b "$A" "$BASE/xuat/people"
contains "everyone" "$TMP/body" "$SD,"
http "officer's people XLSX" 200 -b "$O" "$BASE/xuat/people?dinh_dang=xlsx"
cp "$TMP/body" "$TMP/p.xlsx"
$PY - "$TMP/p.xlsx" "$SD" <<'EOF' > "$TMP/xl" 2>&1
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
assert 'xl/worksheets/sheet1.xml' in names, names
text = z.read('xl/sharedStrings.xml').decode()
assert 'ma_nguoi' in text and 'DB-TT-01' in text, 'no header or Tân Thiềng'
assert sys.argv[2] not in text, 'Sơn Định in it'
print('xlsx ok')
EOF
contains "the XLSX opens with only Tân Thiềng" "$TMP/xl" "xlsx ok"
http "a year's registrations" 200 -b "$O" "$BASE/xuat/registrations?nam=2020&dinh_dang=csv"
tail -n +2 "$TMP/body" | $PY -c 'import csv,sys; [print(r[1], r[10][:5]) for r in csv.reader(sys.stdin)]' | sort -u > "$TMP/years"
equals "only 2020, only Tân Thiềng" "$(cut -d' ' -f1 "$TMP/years" | sort -u | tr '\n' ' ')$(cut -d' ' -f2 "$TMP/years" | sort -u | tr '\n' ' ')" "2020 DB-TT "
http "a unit of one's subtree" 200 -b "$O" "$BASE/xuat/deployments?don_vi=DB-TT-01"
lacks "not the rest of Tân Thiềng" "$TMP/body" "DB-TT-02"
http "a unit outside is refused" 403 -b "$O" "$BASE/xuat/deployments?don_vi=DB-SD"
http "officer's accounts" 200 -b "$O" "$BASE/xuat/accounts?dinh_dang=csv"
contains "their accounts, roles in words" "$TMP/body" "dangvien.tantieng,Trần Thanh Ân,Người đăng ký"
lacks "no admin" "$TMP/body" "quantri"
lacks "no account of Sơn Định" "$TMP/body" "xem.sondinh"
http "a viewer's people" 200 -b "$V" "$BASE/xuat/people"
lacks "the viewer's has no Tân Thiềng" "$TMP/body" ",DB-TT"
http "a viewer may not export accounts" 403 -b "$V" "$BASE/xuat/accounts"
http "a member is refused" 403 -b "$M" "$BASE/xuat/people"
http "no such list" 404 -b "$O" "$BASE/xuat/secrets"
http "a bad format" 400 -b "$O" "$BASE/xuat/people?dinh_dang=exe"

# ---- refused before the router ----------------------------------------------
head -c 300000 /dev/zero | tr '\0' 'a' > "$TMP/big"
http "too large, logged in" 413 -b "$O" -b "lang=en" --data-binary "@$TMP/big" "$BASE/nhap/xac-nhan"
contains "in English" "$TMP/body" "the request is too large"
contains "with the officer's menu" "$TMP/body" "Log out (bithu.tantieng)"
contains "the page frame" "$TMP/body" '<a href="/tai-khoan">Accounts</a>'
http "too large, Vietnamese" 413 -b "$O" --data-binary "@$TMP/big" "$BASE/nhap/xac-nhan"
contains "in Vietnamese" "$TMP/body" "dữ liệu gửi lên quá lớn"
contains "Vietnamese menu" "$TMP/body" "Đăng xuất (bithu.tantieng)"
http "malformed query, logged in" 400 -b "$O" "$BASE/nguoi?q=%FF"
contains "the menu there too" "$TMP/body" "Đăng xuất (bithu.tantieng)"
http "too large, no session" 413 --data-binary "@$TMP/big" "$BASE/nhap/xac-nhan"
contains "a login link" "$TMP/body" '<a href="/dang-nhap">'
http "too large, the API" 413 -b "$O" --data-binary "@$TMP/big" "$BASE/api/v1/session"
contains "JSON" "$TMP/body" '"code":"too_large"'
stop_server
finish
