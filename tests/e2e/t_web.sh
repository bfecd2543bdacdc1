# t_web.sh — the web application over HTTP: login, the registration
# workflow step by step as each role, CSRF, scope, the public pages never
# showing a draft, the JSON API, security headers, well-formed pages.
# LT_ENGINE=postgresql (t_web_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
start_server || { finish; exit 0; }
M=$TMP/member O=$TMP/officer A=$TMP/admin V=$TMP/viewer
DRAFT_MARK="BAN-NHAP-KHONG-CONG-KHAI-7f3a"
PUB_MARK="DA-CONG-KHAI-9c1e"

# login and the session cookie
http "login page" 200 -c "$M" "$BASE/dang-nhap"
contains "login form has a CSRF field" "$TMP/body" 'name="csrf"'
http "wrong password" 403 -b "$M" -c "$M" -d "csrf=$(grep -o 'value="[^"]*"' "$TMP/body" | head -1 | cut -d'"' -f2)&login=dangvien.tantieng&password=sai-mat-khau-roi" "$BASE/dang-nhap"
contains "says wrong password" "$TMP/body" "sai tên đăng nhập hoặc mật khẩu"
login "$M" dangvien.tantieng dangvien-demo-2020; MCSRF=$CSRF
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$A" quantri quantri-demo-2020; ACSRF=$CSRF
login "$V" xem.sondinh sondinh-demo-2020; VCSRF=$CSRF

# every link of a role's menu opens for that role (a member's has no dashboard)
for jar in "$M" "$O" "$A" "$V"; do
    curl -s -b "$jar" "$BASE/cong-khai/" | tr '\n' ' ' | sed 's/.*<nav>//; s/<\/nav>.*//' | grep -o 'href="/[^"?]*"' |
        cut -d'"' -f2 > "$TMP/menu"
    check "a menu for $(basename "$jar")" test -s "$TMP/menu"
    while read -r link; do
        code=$(curl -s -L -o /dev/null -w '%{http_code}' -b "$jar" "$BASE$link")  # (followed where it leads)
        [ "$code" = 200 ] && ok || bad "$(basename "$jar")'s menu: $link answers $code"
    done < "$TMP/menu"
done
equals "member has a CSRF token" "${#MCSRF}" "43"
tok=$(curl -s -c "$TMP/fresh" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -s -D "$TMP/hdr" -o /dev/null -b "$TMP/fresh" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$BASE/dang-nhap"
contains "session cookie is HttpOnly and SameSite" "$TMP/hdr" "HttpOnly; SameSite=Lax; Max-Age=28800"
old_session=$(grep -o 'lt_session=[^;]*' "$TMP/hdr")
curl -s -D "$TMP/hdr2" -o /dev/null -b "$TMP/fresh" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$BASE/dang-nhap"
[ "$old_session" != "$(grep -o 'lt_session=[^;]*' "$TMP/hdr2")" ] && ok || bad "a new session id at each login"
curl -s -D "$TMP/hdr" -o /dev/null -b "$M" "$BASE/cua-toi"
ME=$(grep -i '^location:' "$TMP/hdr" | sed 's|.*/nguoi/||; s/\r//')
[ -n "$ME" ] && ok || bad "member page redirect"

# the member writes and submits a registration for 2027
http "member starts a registration" 303 -b "$M" -d "csrf=$MCSRF&nam=2027" "$BASE/nguoi/$ME/dang-ky"
REG=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$M" -d "csrf=$MCSRF&nam=2027" "$BASE/nguoi/$ME/dang-ky" | sed 's|.*/dang-ky/||')
http "member adds an item" 303 -b "$M" --data-urlencode "noi_dung=Gương mẫu đi đầu $DRAFT_MARK" -d "csrf=$MCSRF&nhom=morality" "$BASE/dang-ky/$REG/noi-dung"
http "registration page" 200 -b "$M" "$BASE/dang-ky/$REG"
contains "item shown to its author" "$TMP/body" "$DRAFT_MARK"
http "no CSRF token: refused" 403 -b "$M" -d "nhom=style&noi_dung=x" "$BASE/dang-ky/$REG/noi-dung"
http "wrong CSRF token: refused" 403 -b "$M" -d "csrf=$OCSRF&noi_dung=x" "$BASE/dang-ky/$REG/noi-dung"
http "member may not approve" 403 -b "$M" -d "csrf=$MCSRF" "$BASE/dang-ky/$REG/duyet"
for p in "/cong-khai/dang-ky?nam=2027" "/cong-khai/dang-ky?nam=2027&don_vi=DB-TT" "/api/v1/public/registrations?year=2027"; do
    http "public $p" 200 "$BASE$p"
    lacks "draft never public ($p)" "$TMP/body" "$DRAFT_MARK"
done
http "member submits" 303 -b "$M" -d "csrf=$MCSRF" "$BASE/dang-ky/$REG/gui"
http "dashboard lists it as waiting" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT&nam=2027"
contains "waiting for approval" "$TMP/body" "/dang-ky/$REG"

# the cell's committee officer returns it with a reason, then approves it
http "return needs a reason" 400 -b "$O" -d "csrf=$OCSRF&ly_do=" "$BASE/dang-ky/$REG/tra-lai"
http "officer returns" 303 -b "$O" --data-urlencode "ly_do=Cần cụ thể hơn" -d "csrf=$OCSRF" "$BASE/dang-ky/$REG/tra-lai"
http "member sees the reason" 200 -b "$M" "$BASE/dang-ky/$REG"
check "its history in Vietnam's time, never a UTC stamp" sh -c "! grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z' '$TMP/body'"
contains "its states by name" "$TMP/body" "<td>Chờ duyệt</td><td>Bị trả lại</td>"
contains "reason shown" "$TMP/body" "Cần cụ thể hơn"
http "member resubmits" 303 -b "$M" -d "csrf=$MCSRF" "$BASE/dang-ky/$REG/gui"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$O" -d "csrf=$OCSRF" "$BASE/dang-ky/$REG/duyet")
equals "officer approves, back to it" "$code" "303 $BASE/dang-ky/$REG?xong=duyet"
http "the page says what happened" 200 -b "$O" "$BASE/dang-ky/$REG?xong=duyet"
contains "approved, it says" "$TMP/body" 'role="status">Đã duyệt bản đăng ký.'
# the dashboard seen while it waited (and kept in memory since) follows the approval
http "the dashboard again" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT&nam=2027"
lacks "no longer waiting there" "$TMP/body" "/dang-ky/$REG\""
http "an unknown notice says nothing" 200 -b "$O" "$BASE/dang-ky/$REG?xong=%3Cb%3E"
lacks "nothing reflected" "$TMP/body" 'role="status"'
http "approve twice is refused" 403 -b "$O" -d "csrf=$OCSRF" "$BASE/dang-ky/$REG/duyet"
contains "says why" "$TMP/body" "không thể chuyển"
http "the self-assessment, a card an item" 200 -b "$M" "$BASE/dang-ky/$REG"
contains "its answers as full-width choices" "$TMP/body" '<label class="choice"><input type="radio" name="danh_gia_1" value="done" required="required"/>'
lacks "none chosen for the member" "$TMP/body" 'checked="checked"'
http "nothing chosen is said, not taken as done" 400 -b "$M" -d "csrf=$MCSRF&ghi_chu_1=xong" "$BASE/dang-ky/$REG/tu-danh-gia"
contains "which item and what to do" "$TMP/body" "nội dung số 1: hãy chọn mức tự đánh giá"
http "member self-assesses" 303 -b "$M" -d "csrf=$MCSRF&danh_gia_1=done&ghi_chu_1=xong" "$BASE/dang-ky/$REG/tu-danh-gia"
http "officer evaluates" 303 -b "$O" -d "csrf=$OCSRF&xep_loai=good" "$BASE/dang-ky/$REG/danh-gia"
http "history" 200 -b "$M" "$BASE/api/v1/registrations/$REG"
contains "evaluated" "$TMP/body" '"status":"evaluated"'
contains "history kept" "$TMP/body" '"to":"returned"'

# a key cadre's registration through the API, published, shows on the public page
KEY=$(curl -s -b "$O" "$BASE/api/v1/people?unit=DB-TT&q=" | grep -o '"code":"CL[0-9]*","full_name":"[^"]*","unit_code":"DB-TT"' | head -1 | cut -d'"' -f4)
http "API: start a registration" 201 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{"year":2027}' "$BASE/api/v1/people/$KEY/registrations"
KREG=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$TMP/body")
http "API: add item" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d "{\"body\":\"Tiếp dân mỗi tuần $PUB_MARK\",\"group\":\"style\"}" "$BASE/api/v1/registrations/$KREG/items"
http "API: no CSRF header refused" 403 -b "$O" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$KREG/submit"
contains "JSON error code" "$TMP/body" '"code":"refused"'
http "API: submit" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$KREG/submit"
http "API: approve" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$KREG/approve"
http "API: key cadre cannot self-assess unpublished" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{"position":1,"assessment":"done"}' "$BASE/api/v1/registrations/$KREG/assess"
http "API: ...refused" 403 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$KREG/self-assess"
http "public before publication" 200 "$BASE/cong-khai/dang-ky?nam=2027&don_vi=DB-TT"
lacks "not public before publication" "$TMP/body" "$PUB_MARK"
http "API: publish" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$KREG/publish"
http "public after publication" 200 "$BASE/cong-khai/dang-ky?nam=2027&don_vi=DB-TT"
contains "published item public" "$TMP/body" "$PUB_MARK"
lacks "draft still not public" "$TMP/body" "$DRAFT_MARK"
http "API: bad JSON" 400 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d '{"year":' "$BASE/api/v1/people/$KEY/registrations"
contains "JSON error names the place" "$TMP/body" '"code":"bad_input"'

# scope: an officer of Tân Thiềng sees nothing of Sơn Định; a viewer writes nothing
http "officer outside scope" 403 -b "$O" "$BASE/don-vi/DB-SD"
# the dashboard opens on the account's own unit and the latest year with a
# topic, never a year to come (the demo's topics run to 2026)
# (this year in Vietnam from date(1): PostgreSQL's strftime knows no 'now')
latest=$(db_sql "SELECT max(year) FROM topic WHERE year <= $(date -u -d '7 hours' +%Y)")
http "the officer's dashboard, unasked" 200 -b "$O" "$BASE/tong-quan"
contains "on their unit and the topic's latest year" "$TMP/body" "<h1>Đảng bộ xã Tân Thiềng — năm $latest</h1>"
http "a cell's page" 200 -b "$O" "$BASE/don-vi/DB-TT-01"
contains "titled by its name, not its code" "$TMP/body" "<h1>Chi bộ ấp 1, xã Tân Thiềng</h1>"
http "officer dashboard outside scope" 403 -b "$O" "$BASE/tong-quan?don_vi=DB-SD"
http "officer API outside scope" 403 -b "$O" "$BASE/api/v1/indicators?unit=DB-SD&year=2020"
http "the admin's dashboard of Sơn Định" 200 -b "$A" "$BASE/tong-quan?don_vi=DB-SD&nam=2020"
contains "offers the report's written parts" "$TMP/body" "/don-vi/DB-SD/phan-viet?nam=2020"
http "viewer inside scope reads" 200 -b "$V" "$BASE/tong-quan?don_vi=DB-SD&nam=2020"
lacks "the same page, without what only writers may do" "$TMP/body" "/phan-viet"
contains "the viewer's own header on it" "$TMP/body" "(xem.sondinh)</button>"
lacks "not the admin's" "$TMP/body" "(quantri)"
http "viewer may not write" 403 -b "$V" -d "csrf=$VCSRF&nam=2020&ngay=01/03/2020&hinh_thuc=conference&co_mat=1&tong_so=1" "$BASE/don-vi/DB-SD/trien-khai"
http "member may not read another's registration" 403 -b "$M" "$BASE/dang-ky/$KREG"
http "member may not see the dashboard" 403 -b "$M" "$BASE/tong-quan"
http "anonymous dashboard goes to login" 302 "$BASE/tong-quan"
http "anonymous API is 401" 401 "$BASE/api/v1/indicators"

# the dashboard's figures change after a deployment is recorded
http "dashboard 2027 before" 200 -b "$A" "$BASE/api/v1/indicators?unit=DB-TT&year=2027"
contains "none deployed" "$TMP/body" '"deployed": 0,'
http "record a deployment" 303 -b "$O" -d "csrf=$OCSRF&nam=2027&ngay=05/03/2027&hinh_thuc=cell_meeting&co_mat=9&tong_so=10" "$BASE/don-vi/DB-TT-01/trien-khai"
http "dashboard 2027 after" 200 -b "$A" "$BASE/api/v1/indicators?unit=DB-TT&year=2027"
contains "one deployed" "$TMP/body" '"deployed": 1,'
http "bad deployment names the field" 400 -b "$O" -d "csrf=$OCSRF&nam=2027&ngay=31/02/2027&hinh_thuc=cell_meeting&co_mat=9&tong_so=10" "$BASE/don-vi/DB-TT-02/trien-khai"
contains "field named" "$TMP/body" "ngay"

# pages: security headers, 404/405, escaping, language switch
# a citizen finds their own commune by name without diacritics, or from the list
http "the public finder" 200 "$BASE/cong-khai/?q=tan+thieng"
contains "finds the commune" "$TMP/body" '<a href="/cong-khai/?don_vi=DB-TT&amp;nam='
contains "by its name" "$TMP/body" ">Đảng bộ xã Tân Thiềng</a>"
head=$(db_sql "SELECT p.full_name FROM membership m JOIN person p ON p.id=m.person_id JOIN unit u ON u.id=m.unit_id WHERE u.code='DB-TT' AND m.head=1")
http "people are never listed" 200 -G --data-urlencode "q=$head" "$BASE/cong-khai/"
lacks "not even by their name ($head)" "$TMP/body" "$head</a>"
contains "it says nothing was found" "$TMP/body" "Không tìm thấy đơn vị nào"
http "the list to pick from" 200 "$BASE/cong-khai/"
contains "every commune listed" "$TMP/body" ">xã Tân Thiềng</a>"
http "a commune's public page" 200 "$BASE/cong-khai/?don_vi=DB-TT&nam=2020"
contains "named" "$TMP/body" "<h2>Đảng bộ xã Tân Thiềng — năm 2020</h2>"
contains "its published commitments" "$TMP/body" '/cong-khai/dang-ky?don_vi=DB-TT&amp;nam=2020'
curl -s -D "$TMP/hdr" -o /dev/null "$BASE/cong-khai/"
contains "CSP" "$TMP/hdr" "Content-Security-Policy: default-src 'self'; script-src 'self'"
contains "frame-ancestors" "$TMP/hdr" "frame-ancestors 'none'"
contains "nosniff" "$TMP/hdr" "X-Content-Type-Options: nosniff"
contains "referrer" "$TMP/hdr" "Referrer-Policy: same-origin"
http "unknown page" 404 "$BASE/khong-co"
http "wrong method" 405 -X PUT "$BASE/dang-nhap"
http "English" 200 -b "$A" "$BASE/tong-quan?nam=2020&lang=en"
contains "English page" "$TMP/body" "Topic deployed"
contains "the switch back keeps the page and its parameters" "$TMP/body" 'href="/tong-quan?nam=2020&amp;lang=vi" class="lang"'
http "a page with parameters" 200 -b "$A" "$BASE/don-vi/DB-TT-01?nam=2020&xong=luu"
contains "the switch keeps them, not the notice" "$TMP/body" 'href="/don-vi/DB-TT-01?nam=2020&amp;lang=en" class="lang"' 
http "static traversal refused" 404 "$BASE/tinh/..%2f..%2fetc%2fpasswd"
http "static file" 200 "$BASE/tinh/style.css"
http "the icon" 200 -D "$TMP/hdr" "$BASE/tinh/favicon.svg"
contains "an SVG" "$TMP/hdr" "Content-Type: image/svg+xml"
http "every page names it" 200 "$BASE/cong-khai/"
contains "in its head" "$TMP/body" '<link rel="icon" href="/tinh/favicon.svg" type="image/svg+xml"/>' 
M2=$TMP/member2
login "$M2" dangvien.tantieng dangvien-demo-2020; M2CSRF=$CSRF
REG2=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$M2" -d "csrf=$M2CSRF&nam=2028" "$BASE/nguoi/$ME/dang-ky" | sed 's|.*/dang-ky/||')
http "logout" 303 -b "$M" -d "csrf=$MCSRF" "$BASE/dang-xuat"
http "session gone after logout" 302 -b "$M" "$BASE/cua-toi"

# import in the browser: every problem shown before anything is written, then confirm
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nW001,Lê Thị Web,DB-TT-01,Đảng viên\nW002,,DB-TT-01,robot\n' > "$TMP/bad.csv"
http "upload with problems" 200 -b "$O" -F "csrf=$OCSRF" -F loai=people -F "tep=@$TMP/bad.csv" "$BASE/nhap"
contains "how many problems, and that nothing was written" "$TMP/body" "bad.csv: 2 lỗi; chưa ghi gì</p>"
contains "the problems' table has its head" "$TMP/body" "<th>Dòng</th><th>Cột</th><th>Giá trị</th><th>Lỗi</th>"
contains "problem line and column shown" "$TMP/body" "<td>3</td><td>Họ và tên</td>"
contains "second problem of the line" "$TMP/body" "<td>3</td><td>Đối tượng</td><td>robot</td>"
lacks "no confirm button when invalid" "$TMP/body" "/nhap/xac-nhan"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nW001,Lê Thị Web,DB-TT-01,Đảng viên\n' > "$TMP/good.csv"
http "upload a valid file" 200 -b "$O" -F "csrf=$OCSRF" -F loai=people -F "tep=@$TMP/good.csv" "$BASE/nhap"
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
http "not written before confirming" 404 -b "$O" "$BASE/nguoi/W001"
http "confirm" 200 -b "$O" -d "csrf=$OCSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan"
http "written after confirming" 200 -b "$O" "$BASE/nguoi/W001"
http "a ticket is used once" 404 -b "$O" -d "csrf=$OCSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan"
http "upload without CSRF refused" 403 -b "$O" -F loai=people -F "tep=@$TMP/good.csv" "$BASE/nhap"

# records of a unit: mass deployment, inspection with a follow-up, closing it
http "mass deployment" 303 -b "$A" -d "csrf=$ACSRF&nam=2027&ngay=20/03/2027&doan_vien=10&hoi_vien=20&nhan_dan=1.300" "$BASE/don-vi/MT-CL/dan-van"
equals "a count written the Vietnamese way" "$(db_sql "SELECT people_reached FROM mass_deployment WHERE year=2027")" 1300
http "inspection with a follow-up" 303 -b "$A" -d "csrf=$ACSRF&don_vi_kiem_tra=HU-CL&loai=supervision&ngay=10/05/2027&noi_dung=Giam+sat&ket_luan=Dat&khac_phuc=Bo+sung+ho+so&han=30/06/2027" "$BASE/don-vi/DB-TT/kiem-tra"
http "unit page lists it" 200 -b "$A" "$BASE/don-vi/DB-TT?nam=2027"
contains "open follow-up" "$TMP/body" "Bo sung ho so"
FU=$(grep -o 'name="khac_phuc" value="[0-9]*"' "$TMP/body" | tail -1 | cut -d'"' -f4)
contains "the form keeps the page's year" "$TMP/body" '<input type="hidden" name="nam" value="2027"/>'
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$A" -d "csrf=$ACSRF&nam=2027&khac_phuc=$FU&ngay=20/06/2027" "$BASE/don-vi/DB-TT/khac-phuc-xong")
equals "closed, back to the same unit and year, saying so" "$code" "303 $BASE/don-vi/DB-TT?nam=2027&xong=luu"
http "unit page after" 200 -b "$A" "$BASE/don-vi/DB-TT?nam=2027&xong=luu"
contains "says it is saved" "$TMP/body" 'role="status">Đã lưu.'
lacks "closed follow-up gone" "$TMP/body" "Bo sung ho so"

# text that looks like markup is shown as text everywhere
XSS='<script>alert(1)</script>"'"'"'><img src=x onerror=alert(1)>'
http "store markup in an item" 303 -b "$M2" --data-urlencode "noi_dung=$XSS" -d "csrf=$M2CSRF&nhom=style" "$BASE/dang-ky/$REG2/noi-dung"
http "markup shown as text" 200 -b "$O" "$BASE/dang-ky/$REG2"
lacks "no live script tag" "$TMP/body" "<script>alert(1)"
lacks "no live img tag" "$TMP/body" "<img src=x"
contains "escaped" "$TMP/body" "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;"

# every page is well-formed (XHTML syntax checked by xmllint)
for p in /dang-nhap /cong-khai/ "/cong-khai/dang-ky?nam=2020" "/cong-khai/chuan-muc?nam=2020" \
         "/cong-khai/mo-hinh?nam=2020" "/tong-quan?nam=2020" /don-vi /don-vi/DB-TT "/nguoi?q=son" \
         "/nguoi/$KEY" "/dang-ky/$KREG" "/dang-ky/$REG2" /nhap /nam /nhat-ky "/tong-quan?nam=2020&lang=en"; do
    curl -s -b "$A" -o "$TMP/page.html" "$BASE$p"
    if xmllint --noout "$TMP/page.html" 2> "$TMP/xml.err"; then ok; else bad "well-formed $p"; head -3 "$TMP/xml.err"; fi
done
# documents: report downloads, printable forms, the public bulletin
curl -s -D "$TMP/hdr" -o "$TMP/rep.pdf" -b "$A" "$BASE/bao-cao?don_vi=HU-CL&nam=2020&dinh_dang=pdf"
contains "report is a PDF download" "$TMP/hdr" "Content-Type: application/pdf"
contains "named attachment" "$TMP/hdr" 'attachment; filename="bao-cao-HU-CL-2020.pdf"'
pdftotext "$TMP/rep.pdf" "$TMP/rep.txt" && contains "report figures" "$TMP/rep.txt" "98,8%"
http "report as HTML" 200 -b "$A" "$BASE/bao-cao?don_vi=HU-CL&nam=2020&dinh_dang=html"
contains "the Party's letterhead" "$TMP/body" "ĐẢNG CỘNG SẢN VIỆT NAM"
http "unknown format" 400 -b "$A" "$BASE/bao-cao?don_vi=HU-CL&nam=2020&dinh_dang=odt"
http "dashboard links the downloads" 200 -b "$A" "$BASE/tong-quan?don_vi=HU-CL&nam=2020"
contains "download link" "$TMP/body" "/bao-cao?don_vi=HU-CL&amp;nam=2020&amp;dinh_dang=docx"
curl -s -D "$TMP/hdr" -o "$TMP/form.pdf" -b "$O" "$BASE/dang-ky/$REG/in?dinh_dang=pdf"
contains "form is a PDF" "$TMP/hdr" "Content-Type: application/pdf"
pdftotext "$TMP/form.pdf" "$TMP/form.txt" && contains "form text" "$TMP/form.txt" "BẢN ĐĂNG KÝ"
http "public bulletin" 200 "$BASE/cong-khai/ban-tin?don_vi=DB-TT&nam=2020"
contains "a station" "$TMP/body" "Đài truyền thanh xã Tân Thiềng."
contains "a player" "$TMP/body" "<audio controls"
lacks "no draft in the bulletin" "$TMP/body" "$DRAFT_MARK"
curl -s -D "$TMP/hdr" -o "$TMP/b.mp3" "$BASE/cong-khai/ban-tin.mp3?don_vi=DB-TT&nam=2020"
contains "audio" "$TMP/hdr" "Content-Type: audio/mpeg"
size=$(wc -c < "$TMP/b.mp3"); [ "$size" -gt 100000 ] && ok || bad "bulletin audio has sound ($size bytes)"

# two officers on the same registration at once: one wins, the other is told
CREG=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$M2" -d "csrf=$M2CSRF&nam=2029" "$BASE/nguoi/$ME/dang-ky" | sed 's|.*/dang-ky/||')
curl -s -o /dev/null -b "$M2" -d "csrf=$M2CSRF&noi_dung=Mot+viec&nhom=style" "$BASE/dang-ky/$CREG/noi-dung"
curl -s -o /dev/null -b "$M2" -d "csrf=$M2CSRF" "$BASE/dang-ky/$CREG/gui"
V=$(curl -s -b "$O" "$BASE/dang-ky/$CREG" | grep -o 'name="phien_ban" value="[0-9]*"' | head -1 | cut -d'"' -f4)
login "$TMP/officer2" quantri quantri-demo-2020; O2CSRF=$CSRF
curl -s -o /dev/null -w '%{http_code}\n' -b "$O" -d "csrf=$OCSRF&phien_ban=$V" "$BASE/dang-ky/$CREG/duyet" > "$TMP/race1" &
racer=$!
curl -s -o /dev/null -w '%{http_code}\n' -b "$TMP/officer2" --data-urlencode "ly_do=Chưa cụ thể" -d "csrf=$O2CSRF&phien_ban=$V" "$BASE/dang-ky/$CREG/tra-lai" > "$TMP/race2"
wait "$racer"
codes=$(cat "$TMP/race1" "$TMP/race2" | sort | tr '\n' ' ')
equals "one wins, the other gets a conflict" "$codes" "303 409 "
http "the loser is told clearly" 409 -b "$O" -d "csrf=$OCSRF&phien_ban=$V" "$BASE/dang-ky/$CREG/duyet"
contains "conflict message" "$TMP/body" "vừa được người khác thay đổi"
http "API: a stale version is a conflict" 409 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d "{\"version\":$V}" "$BASE/api/v1/registrations/$CREG/approve"
contains "stable code" "$TMP/body" '"code":"conflict"'

# holes found in review stay closed
tok=$(curl -s -c "$TMP/fresh3" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
curl -s -D "$TMP/hdr" -o /dev/null -b "$TMP/fresh3" --data-urlencode "next=/	/evil.example/x" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$BASE/dang-nhap"
contains "no open redirect" "$TMP/hdr" "Location: /"
lacks "no redirect to another host" "$TMP/hdr" "evil.example"
http "multipart without a boundary refused" 400 -b "$O" -H 'Content-Type: multipart/form-data' --data-binary "csrf=$OCSRF" "$BASE/nhap"
head -c 300000 /dev/zero | tr '\0' 'a' > "$TMP/big"
http "too large a form refused" 413 -b "$O" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big" "$BASE/nhap"
contains "names the form's bound" "$TMP/body" "tối đa 256 KB"
http "too large a form refused in English" 413 -b "$O" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big" "$BASE/nhap?lang=en"
contains "refused in the reader's language" "$TMP/body" "the request is too large (at most 256 KB)"
http "upload kept for confirmation" 200 -b "$O" -F "csrf=$OCSRF" -F loai=people -F "tep=@$TMP/good.csv" "$BASE/nhap"
f=$(ls "$TMP/srvtmp"/lamtheo-upload-* 2>/dev/null | head -1)
equals "pending upload readable by its owner only" "$(stat -c %a "$f" 2>/dev/null)" "600"
case "$f" in *bithu.tantieng*) ok ;; *) bad "pending upload tied to its account: $f" ;; esac
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
http "another account cannot confirm it" 404 -b "$A" -d "csrf=$ACSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan"
http "NFD through the API" 200 -b "$O" -H "X-CSRF-Token: $OCSRF" -H 'Content-Type: application/json' -d "{\"body\":\"Vie\u0302\u0323t NFD\",\"group\":\"style\"}" "$BASE/api/v1/registrations/$REG2/items"
http "read it back" 200 -b "$O" "$BASE/api/v1/registrations/$REG2"
contains "stored NFC" "$TMP/body" "Việt NFD"
http "words in any order" 200 -b "$A" "$BASE/nguoi?q=dinh+son"
http "words in any order (units)" 200 -b "$A" "$BASE/api/v1/people?q=van+tran"
contains "found" "$TMP/body" "Trần Văn"
http "a range of more than 30 years refused" 400 -b "$A" "$BASE/api/v1/indicators?from=1990&to=2100"

# login throttling: after 5 failures even the right password waits
tok=$(curl -s -c "$TMP/fresh2" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
for i in 1 2 3 4 5; do
    curl -s -o /dev/null -b "$TMP/fresh2" -d "csrf=$tok&login=xem.sondinh&password=sai-$i-mat-khau" "$BASE/dang-nhap"
done
http "throttled after repeated failures" 403 -b "$TMP/fresh2" -d "csrf=$tok&login=xem.sondinh&password=sondinh-demo-2020" "$BASE/dang-nhap"
contains "says to wait" "$TMP/body" "thử lại sau"
http "export CSV for Excel" 200 -b "$A" "$BASE/xuat/people"
contains "BOM" "$TMP/body" "$(printf '\357\273\277ma_nguoi')"
http "an officer exports their own subtree" 200 -b "$O" "$BASE/xuat/people"
lacks "not everyone (t_admin_pages.sh checks it row by row)" "$TMP/body" ",DB-SD"
stop_server
finish
