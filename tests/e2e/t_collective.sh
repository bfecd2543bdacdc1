# t_collective.sh — collective registrations (đăng ký tập thể) over HTTP:
# a cell's officer writes and submits its registration of the year and
# may not approve it; the commune's officer (the level above) returns it
# with a reason, then approves it once submitted again; the cell publishes
# and self-assesses it, the commune evaluates it.  Viewers and members
# never write, an officer of another commune is outside scope, a stale
# page is refused, bad input comes back in Vietnamese, and the history
# lists every step.  LT_ENGINE=postgresql (t_collective_pg.sh) runs the
# same on a copy of the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
# FK: written before the test's own writes, so that foreign keys hold and
# cascade (SQLite's PRAGMA: it enforces them only when asked; PostgreSQL
# always does)
FK=
if [ "${LT_ENGINE:-}" != postgresql ]; then FK="PRAGMA foreign_keys=ON; "; fi
# a district that has not started its collective registrations (the demo's
# are taken away, with their audit rows, so that what follows counts only
# this test's)
db_sql "${FK}DELETE FROM collective; DELETE FROM audit WHERE entity IN ('collective', 'collective_item')"
echo 'chibo-ap1-2026' | "$LT" user add canbo.tt01 --role officer --unit DB-TT-01 > /dev/null || bad "cell officer added"
echo 'sondinh-canbo-2020' | "$LT" user add canbo.sondinh --role officer --unit DB-SD > /dev/null || bad "officer added"
echo 'xem-tantieng-2026' | "$LT" user add xem.tantieng --role viewer --unit DB-TT > /dev/null || bad "viewer added"
start_server || { finish; exit 0; }
CELL=$TMP/cell COM=$TMP/commune X=$TMP/outside V=$TMP/viewer M=$TMP/member A=$TMP/admin
login "$CELL" canbo.tt01 chibo-ap1-2026; CC=$CSRF
login "$COM" bithu.tantieng tantieng-demo-2020; OC=$CSRF
login "$X" canbo.sondinh sondinh-canbo-2020; XC=$CSRF
login "$V" xem.tantieng xem-tantieng-2026; VC=$CSRF
login "$M" dangvien.tantieng dangvien-demo-2020; MC=$CSRF
login "$A" quantri quantri-demo-2020
U=$BASE/don-vi/DB-TT-01/tap-the
ver() { db_sql "SELECT c.version FROM collective c JOIN unit u ON u.id=c.unit_id WHERE u.code='DB-TT-01' AND c.year=2026"; }
status() { db_sql "SELECT c.status FROM collective c JOIN unit u ON u.id=c.unit_id WHERE u.code='DB-TT-01' AND c.year=2026"; }
# post NAME WANT JAR CSRF ACTION [FIELD=VALUE...]: a form sent to the cell's page
post() {
    name=$1; want=$2; jar=$3; tok=$4; action=$5; shift 5
    set -- --data-urlencode "csrf=$tok" --data-urlencode "nam=2026" "$@"
    http "$name" "$want" -b "$jar" "$@" "$U/$action"
}

# the page: linked from the unit's page, the year chosen as other pages do, nothing yet
http "the unit's page" 200 -b "$CELL" "$BASE/don-vi/DB-TT-01?nam=2026"
contains "links to the collective registration" "$TMP/body" "/don-vi/DB-TT-01/tap-the?nam=2026"
http "the page, its year by default" 200 -b "$CELL" "$U"
contains "the latest topic's year" "$TMP/body" "Đăng ký tập thể năm 2026"
contains "says there is none yet" "$TMP/body" "chưa có bản đăng ký tập thể năm"
contains "the form to start one" "$TMP/body" "/don-vi/DB-TT-01/tap-the/tao"
lacks "no script" "$TMP/body" "<script"
contains "fits a phone" "$TMP/body" 'name="viewport"'

# the home pages say what there is to do
http "the cell's home page" 200 -b "$CELL" "$BASE/viec-can-lam?nam=2026"
contains "says its collective registration is to send" "$TMP/body" 'href="/don-vi/DB-TT-01/tap-the?nam=2026">Đơn vị chưa gửi bản đăng ký tập thể năm 2026'
http "the commune's dashboard" 200 -b "$COM" "$BASE/tong-quan?don_vi=DB-TT&nam=2026"
contains "lists the organisations without one" "$TMP/body" 'id="chua-dang-ky-tap-the">Tổ chức đảng chưa gửi bản đăng ký tập thể ('
contains "the cell among them" "$TMP/body" 'Chi bộ ấp 1, xã Tân Thiềng'
contains "and the card" "$TMP/body" 'Tổ chức đảng đăng ký tập thể'
http "the commune's home page" 200 -b "$COM" "$BASE/viec-can-lam?nam=2026"
contains "counts its cells without one" "$TMP/body" 'tổ chức đảng trực thuộc chưa gửi bản đăng ký tập thể'

# who may not write: a viewer, a member, an officer of another commune
post "a viewer cannot start one" 403 "$V" "$VC" tao
post "a member cannot start one" 403 "$M" "$MC" tao
post "another commune's officer is outside scope" 403 "$X" "$XC" tao
contains "says it is outside scope" "$TMP/body" "ngoài phạm vi"
http "another commune's officer cannot read it" 403 -b "$X" "$U"
http "a member cannot read it" 403 -b "$M" "$U"
http "no collective registration for a commune's agency" 400 -b "$A" --data-urlencode "csrf=$(curl -s -b "$A" "$BASE/api/v1/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')" \
    --data-urlencode "nam=2026" "$BASE/don-vi/CQ-BDV/tap-the/tao"
contains "only party organisations" "$TMP/body" "chỉ tổ chức đảng"
http "an agency's page says who registers" 200 -b "$A" "$BASE/don-vi/CQ-BDV/tap-the?nam=2026"
contains "says only party organisations" "$TMP/body" "chỉ tổ chức đảng (đảng bộ cơ sở, chi bộ) mới đăng ký"
lacks "no form to start one" "$TMP/body" "/tap-the/tao"
equals "nothing created" "$(status)" ""

# the cell writes: start, an empty item refused, items, submit
post "the cell starts it" 303 "$CELL" "$CC" tao
equals "a draft" "$(status)" "draft"
http "the page after starting" 200 -b "$CELL" "$U?nam=2026&xong=tt-tao"
contains "says it was started" "$TMP/body" "Đã tạo bản đăng ký tập thể"
contains "the form to add an item" "$TMP/body" "/don-vi/DB-TT-01/tap-the/noi-dung"
post "submitting with no item" 400 "$CELL" "$CC" gui --data-urlencode "phien_ban=$(ver)"
contains "says to add an item first" "$TMP/body" "hãy thêm ít nhất một nội dung"
post "an empty item" 400 "$CELL" "$CC" noi-dung --data-urlencode "phien_ban=$(ver)" --data-urlencode "noi_dung=" \
    --data-urlencode "nhom=topic"
contains "says the item is empty, in Vietnamese" "$TMP/body" "không được để trống"
contains "the form is drawn again" "$TMP/body" "aria-invalid"
post "a bad deadline" 400 "$CELL" "$CC" noi-dung --data-urlencode "noi_dung=Học tập chuyên đề" --data-urlencode "han=31/02/2026"
contains "says the date is wrong" "$TMP/body" "ngày không hợp lệ"
contains "keeps what was typed" "$TMP/body" "Học tập chuyên đề"
post "a topic item" 303 "$CELL" "$CC" noi-dung --data-urlencode "phien_ban=$(ver)" \
    --data-urlencode "noi_dung=Tổ chức học tập chuyên đề năm 2026 cho 100% đảng viên" --data-urlencode "nhom=topic" \
    --data-urlencode "han=30/06/2026"
post "a breakthrough item" 303 "$CELL" "$CC" noi-dung \
    --data-urlencode "noi_dung=Bê tông hóa 500 m đường ấp" --data-urlencode "nhom=breakthrough"
http "the items grouped" 200 -b "$CELL" "$U?nam=2026"
contains "the topic's group" "$TMP/body" "Làm theo chuyên đề"
contains "the breakthrough group" "$TMP/body" "Nội dung đột phá"
contains "the deadline shown" "$TMP/body" "30/06/2026"
V1=$(ver)
post "the cell submits" 303 "$CELL" "$CC" gui --data-urlencode "phien_ban=$V1"
equals "submitted" "$(status)" "submitted"
post "a stale page is refused" 409 "$CELL" "$CC" gui --data-urlencode "phien_ban=$V1"
post "no item once submitted" 403 "$CELL" "$CC" noi-dung --data-urlencode "noi_dung=Thêm"
contains "says why" "$TMP/body" "chỉ sửa được nội dung"

# the cell cannot approve its own; another commune cannot either
post "the cell's own officer may not approve" 403 "$CELL" "$CC" duyet --data-urlencode "phien_ban=$(ver)"
contains "says only the level above may" "$TMP/body" "chỉ cấp ủy cấp trên"
http "the cell's page has no approve button" 200 -b "$CELL" "$U?nam=2026"
lacks "no approve form" "$TMP/body" "/tap-the/duyet"
post "another commune cannot approve" 403 "$X" "$XC" duyet
post "a viewer cannot approve" 403 "$V" "$VC" duyet
equals "still submitted" "$(status)" "submitted"

http "the commune's home page once it is sent" 200 -b "$COM" "$BASE/viec-can-lam?nam=2026"
contains "says one waits for its approval" "$TMP/body" 'href="/don-vi/DB-TT/tap-the?nam=2026#truc-thuoc"><b>1</b> bản đăng ký tập thể của đơn vị trực thuộc chờ duyệt'
http "the cell's home page once it is sent" 200 -b "$CELL" "$BASE/viec-can-lam?nam=2026"
lacks "no longer to send" "$TMP/body" 'Đơn vị chưa gửi bản đăng ký tập thể'

# the commune: the list of its cells, a return needs a reason
http "the commune's page lists its cells" 200 -b "$COM" "$BASE/don-vi/DB-TT/tap-the?nam=2026"
contains "the sub-units' list" "$TMP/body" "Đăng ký tập thể của các đơn vị trực thuộc"
contains "the cell waits for approval" "$TMP/body" "Chờ duyệt"
contains "a link to the cell's" "$TMP/body" "/don-vi/DB-TT-01/tap-the?nam=2026"
contains "cells not registered" "$TMP/body" "Chưa đăng ký"
http "the commune sees the buttons" 200 -b "$COM" "$U?nam=2026"
contains "an approve form" "$TMP/body" "/tap-the/duyet"
contains "a return form" "$TMP/body" "/tap-the/tra-lai"
post "a return without a reason" 400 "$COM" "$OC" tra-lai --data-urlencode "phien_ban=$(ver)" --data-urlencode "ly_do="
contains "says a reason is needed" "$TMP/body" "phải nêu lý do trả lại"
post "the commune returns it" 303 "$COM" "$OC" tra-lai --data-urlencode "phien_ban=$(ver)" \
    --data-urlencode "ly_do=Cần nêu chỉ tiêu cụ thể hơn"
equals "returned" "$(status)" "returned"
http "the reason shown to the cell" 200 -b "$CELL" "$U?nam=2026&xong=tt-tra-lai"
contains "the reason" "$TMP/body" "Cần nêu chỉ tiêu cụ thể hơn"
contains "says what was done" "$TMP/body" "Đã trả lại bản đăng ký tập thể"
post "the cell amends it" 303 "$CELL" "$CC" noi-dung --data-urlencode "noi_dung=Vận động 20 hộ <script>x</script>" \
    --data-urlencode "nhom=other"
http "markup typed is shown as text" 200 -b "$CELL" "$U?nam=2026"
lacks "no markup from an item" "$TMP/body" "<script>x"
contains "the item escaped" "$TMP/body" "Vận động 20 hộ &lt;script&gt;x&lt;/script&gt;"
post "the cell submits again" 303 "$CELL" "$CC" gui --data-urlencode "phien_ban=$(ver)"
post "the commune approves" 303 "$COM" "$OC" duyet --data-urlencode "phien_ban=$(ver)"
equals "approved" "$(status)" "approved"
equals "first submission kept" "$(db_sql "SELECT CASE WHEN submitted_at = (SELECT min(at) FROM collective_transition
    WHERE to_status='submitted') THEN 1 ELSE 0 END FROM collective")" "1"

# publish, self-assess, evaluate
post "the commune may not evaluate yet" 403 "$COM" "$OC" danh-gia --data-urlencode "xep_loai=good"
http "nothing of it public while approved, not published" 200 "$BASE/cong-khai/tap-the?don_vi=DB-TT&nam=2026"
lacks "its items are not public" "$TMP/body" "Bê tông hóa 500 m đường ấp"
db_sql "${FK}INSERT INTO collective(unit_id, year, status) SELECT id, 2026, 'draft' FROM unit
    WHERE code='DB-TT-02'; INSERT INTO collective_item(collective_id, position, body) SELECT max(id), 1, 'Dấu nháp 7kq2'
    FROM collective"
http "a draft's public page" 200 "$BASE/cong-khai/tap-the?don_vi=DB-TT&nam=2026"
lacks "a draft never public" "$TMP/body" "7kq2"
post "the cell publishes" 303 "$CELL" "$CC" cong-khai --data-urlencode "phien_ban=$(ver)"
equals "published" "$(status)" "published"
http "the public page of the commune's collective registrations" 200 "$BASE/cong-khai/tap-the?don_vi=DB-TT&nam=2026"
contains "the cell's items public once published" "$TMP/body" "Bê tông hóa 500 m đường ấp"
contains "under its unit" "$TMP/body" "<h2>Chi bộ ấp 1, xã Tân Thiềng</h2>"
contains "with the day, in Vietnam" "$TMP/body" "Công khai ngày $(db_sql "SELECT strftime('%d/%m/%Y', published_at, '+7 hours') FROM collective WHERE status='published'")"
lacks "still not the draft" "$TMP/body" "7kq2"
http "the public index links it" 200 "$BASE/cong-khai/?don_vi=DB-TT&nam=2026"
contains "the link" "$TMP/body" 'href="/cong-khai/tap-the?don_vi=DB-TT&amp;nam=2026">Đăng ký tập thể của các tổ chức đảng'
db_sql "${FK}DELETE FROM collective WHERE unit_id=(SELECT id FROM unit WHERE code='DB-TT-02')"
http "the self-assessment form" 200 -b "$CELL" "$U?nam=2026"
contains "a card per item" "$TMP/body" 'name="danh_gia_3"'
post "a self-assessment missing an item" 400 "$CELL" "$CC" tu-danh-gia --data-urlencode "danh_gia_1=done"
contains "says which item" "$TMP/body" "nội dung số 2"
post "the cell self-assesses" 303 "$CELL" "$CC" tu-danh-gia --data-urlencode "phien_ban=$(ver)" \
    --data-urlencode "danh_gia_1=done" --data-urlencode "ghi_chu_1=100% đảng viên học tập" \
    --data-urlencode "danh_gia_2=partly" --data-urlencode "danh_gia_3=done"
equals "self-assessed" "$(status)" "self_assessed"
post "the cell may not evaluate itself" 403 "$CELL" "$CC" danh-gia --data-urlencode "xep_loai=excellent"
post "a bad grade" 400 "$COM" "$OC" danh-gia --data-urlencode "xep_loai=tuyet-voi"
post "the commune evaluates" 303 "$COM" "$OC" danh-gia --data-urlencode "phien_ban=$(ver)" --data-urlencode "xep_loai=good"
equals "evaluated" "$(status)" "evaluated"
equals "the grade" "$(db_sql "SELECT grade || ',' || evaluated_by FROM collective")" "good,bithu.tantieng"

# the history lists every step, with who; the audit log has them too
http "the final page" 200 -b "$V" "$U?nam=2026"
contains "the grade shown" "$TMP/body" "Hoàn thành tốt nhiệm vụ"
contains "the assessment note" "$TMP/body" "100% đảng viên học tập"
lacks "a viewer sees no form" "$TMP/body" 'method="post" action="/don-vi'
for s in "Bị trả lại" "Đã duyệt" "Đã công khai" "Đã tự đánh giá" "Đã đánh giá" "Cần nêu chỉ tiêu cụ thể hơn"; do
    contains "history: $s" "$TMP/body" "$s"
done
equals "seven steps recorded" "$(db_sql "SELECT group_concat(to_status || ':' || actor, ' ') FROM
    (SELECT * FROM collective_transition ORDER BY id) AS t")" \
    "submitted:canbo.tt01 returned:bithu.tantieng submitted:canbo.tt01 approved:bithu.tantieng published:canbo.tt01 self_assessed:canbo.tt01 evaluated:bithu.tantieng"
equals "audited" "$(db_sql "SELECT count(*) FROM audit WHERE entity='collective'")" "8"
equals "items audited" "$(db_sql "SELECT count(*) FROM audit WHERE entity='collective_item'")" "6"
# the printed form, under the cell's letterhead
http "the form as PDF" 200 -b "$CELL" "$U/in?nam=2026&dinh_dang=pdf"
pdftotext "$TMP/body" "$TMP/form.txt" 2>/dev/null
contains "its title" "$TMP/form.txt" "BẢN ĐĂNG KÝ TẬP THỂ"
contains "its year" "$TMP/form.txt" "PHONG CÁCH HỒ CHÍ MINH NĂM 2026"
contains "the Party's letterhead" "$TMP/form.txt" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "an item" "$TMP/form.txt" "Bê tông hóa 500 m đường ấp"
contains "the level above confirms" "$TMP/form.txt" "CẤP ỦY CẤP TRÊN"
http "the form as Word" 200 -b "$CELL" "$U/in?nam=2026&dinh_dang=docx"
unzip -p "$TMP/body" word/document.xml > "$TMP/form.xml" 2>/dev/null
contains "the Word form's title" "$TMP/form.xml" "BẢN ĐĂNG KÝ TẬP THỂ"
http "no form of a year without one" 404 -b "$CELL" "$U/in?nam=2020&dinh_dang=pdf"
http "no form outside scope" 403 -b "$X" "$U/in?nam=2026&dinh_dang=pdf"
http "the commune's list says evaluated" 200 -b "$COM" "$BASE/don-vi/DB-TT/tap-the?nam=2026"
contains "evaluated in the list" "$TMP/body" "Đã đánh giá"
# the audit log reads them as a kind of their own, in words, by unit
http "the audit log of collective registrations" 200 -b "$A" "$BASE/nhat-ky?loai=collective"
contains "the kind offered" "$TMP/body" '<option value="collective" selected="selected">Bản đăng ký tập thể</option>'
contains "an approval in words" "$TMP/body" "Duyệt bản đăng ký tập thể"
contains "an item in words" "$TMP/body" "Thêm nội dung đăng ký tập thể"
contains "with its unit" "$TMP/body" "Chi bộ ấp 1, xã Tân Thiềng"
lacks "nothing else" "$TMP/body" "Đăng nhập"
stop_server
finish
