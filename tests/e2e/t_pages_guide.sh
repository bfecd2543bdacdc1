# t_pages_guide.sh — pages that people use without being told (issue 20):
# units chosen by name (a picker, the "which one?" page, names without
# diacritics, never outside one's scope), a form sent with a mistake coming
# back with what was typed and the problem beside its field, the home page
# of each role saying what there is to do, and the dashboard's cards and
# lists counting the same things.  LT_ENGINE=postgresql (t_pages_guide_pg.sh):
# the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
# one registration of last year still waits for approval
db_sql "UPDATE registration SET status='submitted', grade=NULL, evaluated_by=NULL, evaluated_at=NULL,
    approved_by=NULL, approved_at=NULL, approver_id=NULL, published_at=NULL WHERE id=(SELECT r.id FROM registration r
    JOIN unit u ON u.id=r.unit_id WHERE u.code='DB-TT-01' AND r.year=2025 AND r.key_cadre=0 ORDER BY r.id LIMIT 1)"
start_server || { finish; exit 0; }
O=$TMP/officer A=$TMP/admin M=$TMP/member V=$TMP/viewer
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$A" quantri quantri-demo-2020
login "$M" dangvien.tantieng dangvien-demo-2020
login "$V" xem.sondinh sondinh-demo-2020

# ---- units by name ----------------------------------------------------------
http "dashboard" 200 -b "$O" "$BASE/tong-quan"
contains "the unit is chosen by name" "$TMP/body" '<input id="don_vi" name="don_vi" list="don_vi-ds" value="Đảng bộ xã Tân Thiềng"'
lacks "no unit code asked for" "$TMP/body" 'Mã đơn vị'
contains "a cell's bar is labelled with its rate" "$TMP/body" \
    '<rect x="240" y="34" width="300" height="12" fill="#b71c1c"/><text x="544" y="45" font-size="11">100,0%</text>'
contains "the picker's names are fetched when it is used" "$TMP/body" 'data-names="/goi-y/don-vi?nam=2026"/><datalist id="don_vi-ds"></datalist>'
contains "by the picker's script" "$TMP/body" '<script src="/tinh/chon-don-vi.js"></script></body>'
http "the picker's names" 200 -b "$O" "$BASE/goi-y/don-vi?nam=2026"
contains "the commune first, then its cells by name" "$TMP/body" '["Đảng bộ xã Tân Thiềng","Chi bộ ấp 1, xã Tân Thiềng",'
lacks "no code among them" "$TMP/body" 'DB-TT'
http "a commune's records" 200 -b "$O" "$BASE/don-vi/DB-TT"
contains "its inspecting unit's picker asks for the units above too" "$TMP/body" \
    'id="don_vi_kiem_tra" name="don_vi_kiem_tra" list="don_vi_kiem_tra-ds" value="" autocomplete="off" placeholder="gõ tên đơn vị, vd: tan thieng" data-names="/goi-y/don-vi?nam=2026&amp;tren=1"/>'
http "an inspecting unit's names" 200 -b "$O" "$BASE/goi-y/don-vi?nam=2026&tren=1"
contains "begin with the units above the commune" "$TMP/body" '["Ban Chấp hành Trung ương","Đảng bộ tỉnh Vĩnh Long","Đảng bộ xã Tân Thiềng",'
http "the picker's script" 200 "$BASE/tinh/chon-don-vi.js"
contains "fills the list from data-names" "$TMP/body" "getAttribute('data-names')"
http "a page without a picker" 200 -b "$O" "$BASE/viec-can-lam"
lacks "has no script" "$TMP/body" '<script'
http "a name without diacritics" 200 -b "$A" "$BASE/tong-quan?don_vi=tan+thieng&nam=2024"
contains "lands on the commune, not its cells" "$TMP/body" '<h1>Đảng bộ xã Tân Thiềng — năm 2024'
http "a cell by part of its name" 200 -b "$O" "$BASE/tong-quan?don_vi=ap+3&nam=2024"
contains "the cell" "$TMP/body" '<h1>Chi bộ ấp 3, xã Tân Thiềng — năm 2024'
http "a name that means several units" 200 -b "$A" "$BASE/tong-quan?don_vi=chi+bo+ap+1&nam=2024"
contains "asks which one" "$TMP/body" '<h1>Chọn đơn vị</h1>'
contains "each choice keeps the year" "$TMP/body" 'href="/tong-quan?nam=2024&amp;don_vi=DB-TT-01">Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Tân Thiềng</a>'
http "a name outside one's scope" 404 -b "$O" "$BASE/tong-quan?don_vi=son+dinh"
contains "is not found within it" "$TMP/body" 'trong phạm vi của bạn'
http "nor for a viewer of another commune" 404 -b "$V" "$BASE/tong-quan?don_vi=tan+thieng"
http "a code still works" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT-02&nam=2024"
contains "by its code" "$TMP/body" '<h1>Chi bộ ấp 2, xã Tân Thiềng — năm 2024'

# ---- a form with a mistake comes back -----------------------------------------
http "an inspection with a wrong date" 400 -b "$O" --data-urlencode "csrf=$OCSRF" \
    --data-urlencode "don_vi_kiem_tra=Đảng bộ xã Tân Thiềng" -d "loai=supervision&ngay=32/13/2026" \
    --data-urlencode "noi_dung=Giám sát việc thực hiện chuyên đề 7b1c" "$BASE/don-vi/DB-TT/kiem-tra"
contains "on the unit's own page" "$TMP/body" '<h1>Đảng bộ xã Tân Thiềng'
contains "says it at the top with the field's label" "$TMP/body" 'Chưa lưu: Ngày: ngày không hợp lệ'
contains "beside the field" "$TMP/body" 'aria-describedby="loi-ngay" autofocus="autofocus" value="32/13/2026" name="ngay"'
contains "the problem under it" "$TMP/body" '<p class="field-error" id="loi-ngay">ngày không hợp lệ'
contains "keeps the text typed" "$TMP/body" 'Giám sát việc thực hiện chuyên đề 7b1c</textarea>'
contains "keeps the choice made" "$TMP/body" '<option selected="selected" value="supervision">'
lacks "no dead-end page" "$TMP/body" 'Không thực hiện được'
check "nothing was written" test "$(db_sql "SELECT count(*) FROM inspection WHERE content LIKE '%7b1c%'")" = 0
http "an inspecting unit by name" 303 -b "$O" --data-urlencode "csrf=$OCSRF" \
    --data-urlencode "don_vi_kiem_tra=dang bo xa tan thieng" -d "loai=inspection&ngay=02/03/2026" \
    --data-urlencode "noi_dung=Kiểm tra 9d2e" "$BASE/don-vi/DB-TT-01/kiem-tra"
check "is recorded against that unit" test "$(db_sql "SELECT u.code FROM inspection i JOIN unit u ON u.id=i.inspecting_unit_id WHERE i.content LIKE '%9d2e%'")" = DB-TT
# an empty registration is sent: the form says to add an item
WHO=$(db_sql "SELECT p.code FROM person p WHERE p.category<>'other' AND p.active_to IS NULL AND NOT EXISTS (SELECT 1 FROM registration r WHERE r.person_id=p.id AND r.year=2026) ORDER BY p.code LIMIT 1")
ACSRF=$(curl -s -b "$A" "$BASE/api/v1/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')
http "a registration started for one not registered" 303 -b "$A" -d "csrf=$ACSRF&nam=2026" "$BASE/nguoi/$WHO/dang-ky"
EMPTY=$(db_sql "SELECT r.id FROM registration r JOIN person p ON p.id=r.person_id WHERE p.code='$WHO' AND r.year=2026")
http "sent with no item" 400 -b "$A" -d "csrf=$ACSRF" "$BASE/dang-ky/$EMPTY/gui"
contains "says to add an item" "$TMP/body" 'hãy thêm ít nhất một nội dung cam kết'
lacks "not a page about permissions" "$TMP/body" 'Nếu cần quyền này'
check "and it is still a draft" test "$(db_sql "SELECT status FROM registration WHERE id=$EMPTY")" = draft

# the year setup's issuing committee and the accounts filter take names too
http "a topic issued by a committee named" 303 -b "$A" --data-urlencode "csrf=$ACSRF" --data-urlencode "don_vi=dang bo xa tan thieng" \
    --data-urlencode "tieu_de=Chuyên đề thử 4c8a" -d "nam=2032" "$BASE/nam"
check "is the commune's" test "$(db_sql "SELECT u.code FROM topic t JOIN unit u ON u.id=t.unit_id WHERE t.title LIKE '%4c8a%'")" = DB-TT
http "a committee nobody has" 400 -b "$A" --data-urlencode "csrf=$ACSRF" --data-urlencode "don_vi=khong co dau ca" \
    --data-urlencode "tieu_de=Chuyên đề thử 5d9b" -d "nam=2033" "$BASE/nam"
contains "comes back on the form, saying why" "$TMP/body" "<p class=\"error\" role=\"alert\">Chưa lưu: không có đơn vị nào có mã hoặc tên"
lacks "no internal field name shown" "$TMP/body" 'don_vi_ban_hanh'
check "and nothing written" test "$(db_sql "SELECT count(*) FROM topic WHERE title LIKE '%5d9b%'")" = 0
http "accounts of a cell by its name" 200 -b "$O" "$BASE/tai-khoan?don_vi=ap+1"
contains "the filter holds the cell" "$TMP/body" 'value="Chi bộ ấp 1, xã Tân Thiềng"'

# ---- home pages by role -------------------------------------------------------
http "an officer's home" 200 -L -b "$O" "$BASE/"
contains "is what there is to do" "$TMP/body" '<h1>Việc cần làm — Đảng bộ xã Tân Thiềng</h1>'
WAIT=$(db_sql "SELECT count(*) FROM registration r JOIN unit u ON u.id=r.unit_id WHERE r.status='submitted' AND r.year=2026 AND (u.code='DB-TT' OR u.code LIKE 'DB-TT-%')")
contains "with the registrations waiting" "$TMP/body" "<b>$WAIT</b> bản đăng ký chờ duyệt, năm 2026"
contains "linked to the list" "$TMP/body" 'href="/tong-quan?don_vi=DB-TT&amp;nam=2026#cho-duyet"'
contains "and last year's still waiting" "$TMP/body" '<b>1</b> bản đăng ký chờ duyệt, năm 2025</a>'
http "the list it links to" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT&nam=2026"
contains "has the anchor and the same count" "$TMP/body" "<h2 id=\"cho-duyet\">Chờ duyệt ($WAIT)</h2>"
contains "and says what waits in another year" "$TMP/body" 'Còn chờ duyệt ở năm khác: <a href="/tong-quan?don_vi=DB-TT&amp;nam=2025#cho-duyet">năm 2025: 1</a>'

http "a member's home" 200 -L -b "$M" "$BASE/"
contains "says this year's task" "$TMP/body" 'Việc của bạn năm 2026'
contains "with the deadline" "$TMP/body" 'Hạn đăng ký:</b> 31/03/2026'
contains "and the next step" "$TMP/body" 'Việc tiếp theo:'

# ---- the dashboard's cards and lists count the same things -----------------------
# (what a card says is missing, its list lists: key cadres not published and
# overdue follow-ups, for the admin's whole tree, year by year)
for y in 2016 2018 2020 2022 2024 2025 2026; do
    curl -s -b "$A" "$BASE/tong-quan?nam=$y" | tr -d '\n' > "$TMP/dash"
    pub=$(grep -o 'Cán bộ chủ chốt công khai<br/>[0-9]* / [0-9]*' "$TMP/dash" | grep -o '[0-9]* / [0-9]*' | awk '{print $3 - $1}')
    listed=$(grep -o 'Cán bộ chủ chốt chưa công khai ([0-9+]*)' "$TMP/dash" | grep -o '([0-9+]*)' | tr -d '()')
    [ -n "$pub" ] && [ "$pub" = "$listed" ] && ok || bad "$y: the card misses $pub key cadres, the list has $listed"
    over=$(grep -o 'Việc khắc phục đang mở</b>\?: [0-9]* (quá hạn [0-9]*)\|Việc khắc phục đang mở: [0-9]* (quá hạn [0-9]*)' "$TMP/dash" | grep -o 'quá hạn [0-9]*' | grep -o '[0-9]*')
    olist=$(grep -o 'Việc khắc phục quá hạn[^(]*([0-9+]*)' "$TMP/dash" | grep -o '([0-9+]*)' | tr -d '()')
    [ -n "$over" ] && [ "$over" = "$olist" ] && ok || bad "$y: the card says $over overdue, the list has $olist"
done

# ---- names, never codes alone ------------------------------------------------------
http "the units tree" 200 -b "$A" "$BASE/don-vi"
contains "a merged unit's successor by name" "$TMP/body" '<td>Đảng bộ xã Chợ Lách</td>'
lacks "not by its code" "$TMP/body" '<td>DB-XCL</td>'

# ---- English throughout: the vocabulary in words -------------------------------------
http "the units in English" 200 -b "$O" "$BASE/don-vi?lang=en"
contains "kinds in English words" "$TMP/body" 'Party cell'
lacks "not the Vietnamese kind" "$TMP/body" 'Chi bộ trực thuộc'
lacks "nor the code" "$TMP/body" 'grassroots_committee'
http "a unit's inspections in Vietnamese" 200 -b "$O" "$BASE/don-vi/DB-TT-01?nam=2026&lang=vi"
lacks "no raw inspection kind" "$TMP/body" '<td>inspection</td>'

# ---- the public commitments: by unit, a page at a time ---------------------------
http "a district's published commitments" 200 "$BASE/cong-khai/dang-ky?don_vi=HU-CL&nam=2020"
check "ten people a page" test "$(grep -o '<h3>' "$TMP/body" | wc -l)" = 10
contains "under their unit" "$TMP/body" '<h2>Chi bộ Văn phòng Huyện ủy</h2>'
contains "with the pages" "$TMP/body" 'href="/cong-khai/dang-ky?don_vi=HU-CL&amp;nam=2020&amp;trang=2"'
ALL=$(grep -o '<p>[0-9]* người đã công khai' "$TMP/body" | grep -o '[0-9]*')
http "the last page" 200 "$BASE/cong-khai/dang-ky?don_vi=HU-CL&nam=2020&trang=$(( (ALL + 9) / 10 ))"
check "holds the rest" test "$(grep -o '<h3>' "$TMP/body" | wc -l)" = $(( ALL - (ALL + 9) / 10 * 10 + 10 ))

# ---- amounts as people write them: 180.000.000 đồng, the year as it is -------------
http "the commended models" 200 "$BASE/cong-khai/mo-hinh?nam=2020"
contains "a contribution with its dots" "$TMP/body" "<td>180.000.000</td>"
contains "its year without" "$TMP/body" "<tr><td>2020</td>"
http "in English" 200 "$BASE/cong-khai/mo-hinh?nam=2020&lang=en"
contains "with its commas" "$TMP/body" "<td>180,000,000</td>"

stop_server
finish
