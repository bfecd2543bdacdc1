# t_leaders.sh — leaders first (trên trước, dưới sau; DESIGN §1 item 10):
# a year's setup gives key cadres an earlier registration deadline, the
# key cadres registered by it are counted (key_cadre_on_time_rate) in every
# report and on the dashboard with those who missed it, a key cadre sees
# their own deadline and a member sees which of their leaders have not yet
# registered; and the collective registrations' rate beside it.
# LT_ENGINE=postgresql (t_leaders_pg.sh) runs the same on a copy of the
# demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database

# ---- the figures: the demo's key cadres register in January and February,
# by 20 February from 2017 on ------------------------------------------------
want_on_time=$(db_sql "SELECT count(*) FROM registration WHERE year=2024 AND key_cadre<>0 AND required<>0
    AND status NOT IN ('draft','returned') AND submitted_on<='2024-02-20'")
want_due=$(db_sql "SELECT count(*) FROM membership m JOIN person p ON p.id=m.person_id WHERE m.key_cadre=1
    AND p.category<>'other' AND m.valid_from<='2024-12-15' AND (m.valid_to IS NULL OR m.valid_to>='2024-12-15')")
check "some key cadres of 2024 were late" test "$want_on_time" -lt "$want_due"
expect_status 0 "report 2024 as JSON" "$LT" report --year 2024 --format json
contains "key cadres on time counted" "$TMP/out" "\"key_cadres_on_time\": $want_on_time,"
contains "of the key cadres due" "$TMP/out" "\"key_cadres_due\": $want_due,"
contains "the rate" "$TMP/out" '"key_cadre_on_time_rate": '
contains "the collective rate is there too (every organisation of the demo's 2024)" "$TMP/out" '"collective_registration_rate": 100.0,'
contains "with its count" "$TMP/out" '"collective_registered": 85,'
expect_status 0 "report 2016 as JSON" "$LT" report --year 2016 --format json
contains "no key-cadre deadline in 2016: absent, not 0%" "$TMP/out" '"key_cadre_on_time_rate": null,'
expect_status 0 "report 2024 as text" "$LT" report --year 2024
contains "the text names it" "$TMP/out" "Tỷ lệ cán bộ chủ chốt đăng ký đúng hạn"
contains "with the counts" "$TMP/out" "($want_on_time/$want_due)"
contains "and the collective one" "$TMP/out" "Tỷ lệ tổ chức đảng đăng ký tập thể"
expect_status 0 "report 2024 as CSV" "$LT" report --year 2024 --format csv
contains "its columns" "$TMP/out" "ty_le_dang_ky_tap_the,da_dang_ky_tap_the,ty_le_chu_chot_dung_han,chu_chot_dung_han,chu_chot_phai_dung_han"
expect_status 0 "report 2024 as PDF" "$LT" report --year 2024 --format pdf -o "$TMP/r.pdf"
pdftotext "$TMP/r.pdf" - | tr '\n' ' ' | tr -s ' ' > "$TMP/r.txt"
contains "the document says it the Vietnamese way" "$TMP/r.txt" "trên trước, dưới sau”, $want_on_time/$want_due lượt cán bộ chủ chốt"
contains "and the collective registrations" "$TMP/r.txt" "lượt tổ chức đảng đăng ký tập thể"

# a registration submitted late counts late; the deadline moved counts again
late=$(db_sql "SELECT id FROM registration WHERE year=2024 AND key_cadre<>0 AND required<>0 AND submitted_on>'2024-02-20' ORDER BY id LIMIT 1")
check "the demo has a late one" test -n "$late"

echo 'phuc-chuchot-2026' | "$LT" user add phuc.tantieng --role member --person CL00356 > /dev/null || bad "a key cadre's account"
start_server || { finish; exit 0; }
A=$TMP/admin O=$TMP/officer M=$TMP/member K=$TMP/key
login "$A" quantri quantri-demo-2020; ACSRF=$CSRF
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$M" dangvien.tantieng dangvien-demo-2020
login "$K" phuc.tantieng phuc-chuchot-2026; KCSRF=$CSRF

# ---- the dashboard ------------------------------------------------------------
http "the district's dashboard of 2024" 200 -b "$A" "$BASE/tong-quan?don_vi=HU-CL&nam=2024"
contains "a card for key cadres on time" "$TMP/body" "Cán bộ chủ chốt đăng ký đúng hạn"
contains "a card for collective registrations" "$TMP/body" "Tổ chức đảng đăng ký tập thể"
contains "the list of key cadres who missed it" "$TMP/body" "id=\"chu-chot-tre-han\">Cán bộ chủ chốt chưa đăng ký trong hạn dành cho cán bộ chủ chốt ($((want_due - want_on_time)))"
late_name=$(db_sql "SELECT p.full_name FROM registration r JOIN person p ON p.id=r.person_id WHERE r.id=$late")
late_day=$(db_sql "SELECT strftime('%d/%m/%Y', submitted_on) FROM registration WHERE id=$late")
# (an empty answer is no name or day: it must not match any page)
contains "naming them, with the day theirs came" "$TMP/body" "${late_day:-(no day read)}"
contains "by name" "$TMP/body" "${late_name:-(no name read)}"
http "2016's dashboard" 200 -b "$A" "$BASE/tong-quan?don_vi=HU-CL&nam=2016"
lacks "no such list without a key-cadre deadline" "$TMP/body" 'id="chu-chot-tre-han"'
http "the missing list as JSON" 200 -b "$A" "$BASE/api/v1/missing?kind=key_late&unit=HU-CL&year=2024"
contains "lists them" "$TMP/body" "${late_name:-(no name read)}"

# ---- the year setup -----------------------------------------------------------
http "a key-cadre deadline after everyone's" 400 -b "$A" --data-urlencode "csrf=$ACSRF" --data-urlencode "don_vi=Huyện ủy Chợ Lách" \
    --data-urlencode "tieu_de=Chuyên đề thử 7e1c" -d "nam=2031&han_dang_ky=31/03/2031&han_can_bo_chu_chot=15/04/2031" "$BASE/nam"
contains "is refused, saying why" "$TMP/body" "trên trước, dưới sau"
contains "beside its field" "$TMP/body" 'field-error'
check "nothing written" test "$(db_sql "SELECT count(*) FROM year_setup WHERE year=2031")" = 0
http "a year with a key-cadre deadline" 303 -b "$A" --data-urlencode "csrf=$ACSRF" --data-urlencode "don_vi=Huyện ủy Chợ Lách" \
    --data-urlencode "tieu_de=Chuyên đề thử 7e1c" -d "nam=2031&han_dang_ky=31/03/2031&han_can_bo_chu_chot=28/02/2031" "$BASE/nam"
check "is kept" test "$(db_sql "SELECT key_deadline FROM year_setup WHERE year=2031")" = 2031-02-28
http "the years' list" 200 -b "$A" "$BASE/nam"
contains "shows it the Vietnamese way" "$TMP/body" "<td>2031</td><td>28/02/2031</td><td>31/03/2031</td>"

http "changing 2024: its form comes filled" 200 -b "$A" "$BASE/nam?sua=2024&ma=TU-BT"
contains "with the key cadres' deadline" "$TMP/body" 'name="han_can_bo_chu_chot" placeholder="dd/mm/yyyy" value="20/02/2024"'
contains "everyone's" "$TMP/body" 'name="han_dang_ky" placeholder="dd/mm/yyyy" value="31/03/2024"'
contains "the topic's title" "$TMP/body" 'chăm lo đời sống Nhân dân, phát huy dân chủ ở cơ sở</textarea>'
contains "its issuing committee by name" "$TMP/body" 'value="Đảng bộ tỉnh Bến Tre"'
contains "each year has its link" "$TMP/body" 'href="/nam?sua=2031&amp;ma=HU-CL#sua"'
# moving 2024's deadline counts again at once (the cached year is not kept)
http "2024's key-cadre deadline moved to March" 303 -b "$A" --data-urlencode "csrf=$ACSRF" -d "don_vi=TU-BT" \
    --data-urlencode "tieu_de=$(db_sql "SELECT title FROM topic WHERE year=2024 ORDER BY id LIMIT 1")" \
    -d "nam=2024&han_dang_ky=31/03/2024&han_can_bo_chu_chot=31/03/2024&han_so_ket=15/07/2024&han_danh_gia=15/12/2024" "$BASE/nam"
http "the JSON of 2024" 200 -b "$A" "$BASE/api/v1/indicators?unit=HU-CL&year=2024"
contains "every key cadre on time now" "$TMP/body" "\"key_cadres_on_time\": $want_due"
expect_status 0 "check after the move" "$LT" check

# ---- a member and a key cadre, this year ----------------------------------------
db_sql "UPDATE registration SET status='draft', published_at=NULL, approved_at=NULL, approved_by=NULL,
    approver_id=NULL, submitted_on=NULL WHERE year=2026 AND person_id=(SELECT id FROM person WHERE code='CL00356')"
http "the member's page" 200 -b "$M" "$BASE/nguoi/CL00360?nam=2026"
contains "says which leaders have not registered" "$TMP/body" "Cán bộ chủ chốt chưa đăng ký (trên trước, dưới sau):"
contains "by name and post" "$TMP/body" "Đặng Đức Phúc (Bí thư Đảng ủy, Đảng bộ xã Tân Thiềng)"
contains "and that they may register all the same" "$TMP/body" "Bạn vẫn đăng ký được như thường."
lacks "not those who have" "$TMP/body" "Võ Thị Linh (Phó Bí thư"
lacks "the member's deadline is everyone's" "$TMP/body" "Hạn đăng ký của cán bộ chủ chốt"
http "the key cadre's own page" 200 -b "$K" "$BASE/nguoi/CL00356?nam=2026"
contains "gives him the key cadres' deadline" "$TMP/body" "Hạn đăng ký của cán bộ chủ chốt (trước hạn chung):</b> 20/02/2026"
lacks "not the list of leaders waiting" "$TMP/body" "Cán bộ chủ chốt chưa đăng ký (trên trước"
# submitting through the web keeps the day (in Vietnam) of the first submission
reg=$(db_sql "SELECT id FROM registration WHERE year=2026 AND person_id=(SELECT id FROM person WHERE code='CL00356')")
http "he submits it" 303 -b "$K" -d "csrf=$KCSRF" "$BASE/dang-ky/$reg/gui"
check "the day of submission kept" test "$(db_sql "SELECT submitted_on FROM registration WHERE id=$reg")" = \
    "$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)"
http "the member's page again" 200 -b "$M" "$BASE/nguoi/CL00360?nam=2026"
lacks "no longer waits for him" "$TMP/body" "Đặng Đức Phúc (Bí thư Đảng ủy"
stop_server
finish
