# t_comments.sh — citizens' comments on published registrations over HTTP:
# the form with its question against robots, bounds, the rate limit, a
# draft refused; moderation (approve, hide, answer) as each role, inside
# and outside scope; and the marker test: what a visitor writes appears
# nowhere public (pages, API, the person's page) before approval, and a
# hidden comment never.  LT_ENGINE=postgresql (t_comments_pg.sh) runs the
# same on a copy of the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
echo 'sondinh-canbo-2020' | "$LT" user add canbo.sondinh --role officer --unit DB-SD > /dev/null || bad "officer added"
PUB=$(db_sql "SELECT r.id FROM registration r JOIN unit u ON u.id=r.unit_id WHERE u.code='DB-TT'
    AND r.year=2025 AND r.published_at IS NOT NULL ORDER BY r.id LIMIT 1")
PCODE=$(db_sql "SELECT p.code FROM registration r JOIN person p ON p.id=r.person_id WHERE r.id=$PUB")
DRAFT=$(db_sql "SELECT r.id FROM registration r WHERE r.published_at IS NULL ORDER BY r.id LIMIT 1")
echo 'nguoi-duoc-gop-y-2025' | "$LT" user add canbo.gopy --role member --person "$PCODE" > /dev/null || bad "member added"
start_server || { finish; exit 0; }
G=$TMP/guest M=$TMP/member O=$TMP/officer A=$TMP/admin V=$TMP/viewer X=$TMP/outside P=$TMP/person
login "$M" dangvien.tantieng dangvien-demo-2020; MCSRF=$CSRF
login "$O" bithu.tantieng tantieng-demo-2020; OCSRF=$CSRF
login "$A" quantri quantri-demo-2020; ACSRF=$CSRF
login "$V" xem.sondinh sondinh-demo-2020; VCSRF=$CSRF
login "$X" canbo.sondinh sondinh-canbo-2020; XCSRF=$CSRF
login "$P" canbo.gopy nguoi-duoc-gop-y-2025
WAIT_MARK="Y-KIEN-CHO-DUYET-4b2e"
HIDE_MARK="Y-KIEN-BI-AN-8d1c"
ANSWER_MARK="TRA-LOI-CUA-CAP-UY-51af"

# answer_of QUESTION: the number that answers it ("" for a question we do not know)
answer_of() {
    case "$1" in
    *"Hai cộng ba"*) echo 5 ;; *"Bảy trừ bốn"*) echo 3 ;; *"Một tuần"*) echo 7 ;; *"Bốn cộng bốn"*) echo 8 ;;
    *"Mười trừ sáu"*) echo 4 ;; *"Một năm"*) echo 12 ;; *"Ba nhân hai"*) echo 6 ;; *"Chín trừ một"*) echo 8 ;;
    esac
}
# form_of REG: the public page of REG read as a guest; its CSRF token,
# question token and right answer in FCSRF, FTOKEN, FANSWER.
form_of() {
    curl -s -c "$G" -b "$G" -o "$TMP/form.html" "$BASE/cong-khai/dang-ky/$1"
    FCSRF=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/form.html" | head -1 | sed 's/.*value="//;s/"$//')
    FTOKEN=$(grep -o 'name="cau_hoi" value="[^"]*"' "$TMP/form.html" | head -1 | sed 's/.*value="//;s/"$//')
    FANSWER=$(answer_of "$(grep -o '<label for="tl[0-9]*">[^<]*' "$TMP/form.html" | head -1)")
}
# send NAME WANT REG BODY [ANSWER [TEN [NOI_O]]]: a guest sends a comment on REG
send() {
    form_of "$3"
    http "$1" "$2" -b "$G" -c "$G" --data-urlencode "csrf=$FCSRF" --data-urlencode "cau_hoi=$FTOKEN" \
        --data-urlencode "tra_loi_cau_hoi=${5:-$FANSWER}" --data-urlencode "ten=${6:-Lò Văn Dân}" \
        --data-urlencode "noi_o=${7:-Bản Tân Thiềng}" --data-urlencode "y_kien=$4" "$BASE/cong-khai/dang-ky/$3/y-kien"
}
comment_id() { db_sql "SELECT id FROM comment WHERE body LIKE '%$1%'"; }
# nowhere NAME MARK: MARK is on no public page, API answer or the person's own page
nowhere() {
    for url in "/cong-khai/dang-ky?don_vi=DB-TT&nam=2025" "/cong-khai/dang-ky/$PUB" "/cong-khai/?don_vi=DB-TT&nam=2025" \
        "/api/v1/public/registrations?unit=DB-TT&year=2025" "/cong-khai/ban-tin?don_vi=DB-TT&nam=2025"; do
        curl -s -o "$TMP/page" "$BASE$url"
        lacks "$1: not on $url" "$TMP/page" "$2"
    done
    curl -s -b "$P" -o "$TMP/page" "$BASE/nguoi/$PCODE"
    lacks "$1: not on the person's page" "$TMP/page" "$2"
}

# the form is there, with a question in Vietnamese and no script
http "public page of a registration" 200 "$BASE/cong-khai/dang-ky/$PUB"
contains "the form to send a comment" "$TMP/body" "Gửi ý kiến"
contains "a question to answer" "$TMP/body" "(ghi bằng số)"
lacks "no script" "$TMP/body" "<script"
http "the list has the form too" 200 "$BASE/cong-khai/dang-ky?don_vi=DB-TT&nam=2025"
contains "a form under each person" "$TMP/body" "/cong-khai/dang-ky/$PUB/y-kien"
http "no public page for a draft" 404 "$BASE/cong-khai/dang-ky/$DRAFT"
http "no public page for a word" 404 "$BASE/cong-khai/dang-ky/abc"

# refusals: the question, the bounds, a draft, the CSRF token
send "wrong answer" 400 "$PUB" "$WAIT_MARK sai" 99
contains "says the answer is wrong" "$TMP/body" "câu trả lời chưa đúng"
contains "keeps what was typed" "$TMP/body" "$WAIT_MARK sai"
contains "the form is drawn again" "$TMP/body" "aria-invalid"
form_of "$PUB"
http "forged token" 400 -b "$G" --data-urlencode "csrf=$FCSRF" --data-urlencode "cau_hoi=0.1.00" \
    --data-urlencode "tra_loi_cau_hoi=5" --data-urlencode "ten=A" --data-urlencode "y_kien=B" "$BASE/cong-khai/dang-ky/$PUB/y-kien"
contains "says the question is stale" "$TMP/body" "câu hỏi đã cũ"
send "no text" 400 "$PUB" ""
contains "names the field" "$TMP/body" "không được để trống"
send "text too long" 400 "$PUB" "$(head -c 2001 /dev/zero | tr '\0' 'a')"
contains "says too long" "$TMP/body" "dài quá 2000 ký tự"
send "text of 2000 letters with diacritics is not too long" 400 "$PUB" "$(printf 'ệ%.0s' $(seq 1 2000))" 99
lacks "2000 characters fit" "$TMP/body" "dài quá"
send "name too long" 400 "$PUB" "x" "" "$(head -c 101 /dev/zero | tr '\0' 'b')"
contains "says the name is too long" "$TMP/body" "dài quá 100 ký tự"
send "place too long" 400 "$PUB" "x" "" "An" "$(head -c 101 /dev/zero | tr '\0' 'c')"
contains "says the place is too long" "$TMP/body" "dài quá 100 ký tự"
form_of "$PUB"
http "a draft refused" 404 -b "$G" --data-urlencode "csrf=$FCSRF" --data-urlencode "cau_hoi=$FTOKEN" \
    --data-urlencode "tra_loi_cau_hoi=$FANSWER" --data-urlencode "ten=A" --data-urlencode "y_kien=$WAIT_MARK nhap" \
    "$BASE/cong-khai/dang-ky/$DRAFT/y-kien"
http "no CSRF token" 403 -b "$G" --data-urlencode "cau_hoi=$FTOKEN" --data-urlencode "tra_loi_cau_hoi=$FANSWER" \
    --data-urlencode "ten=A" --data-urlencode "y_kien=$WAIT_MARK csrf" "$BASE/cong-khai/dang-ky/$PUB/y-kien"
equals "nothing stored by refusals" "$(db_sql 'SELECT count(*) FROM comment')" "0"

http "officer's list, empty" 200 -b "$O" "$BASE/y-kien"
contains "the menu counts none" "$TMP/body" "Ý kiến (0)"

# a comment sent: thanks, waiting, nowhere public
send "a comment sent" 303 "$PUB" "Đề nghị đồng chí $WAIT_MARK <b>giữ lời</b>"
equals "it waits" "$(db_sql "SELECT status FROM comment WHERE body LIKE '%$WAIT_MARK%'")" "waiting"
http "thanks" 200 -b "$G" "$BASE/cong-khai/dang-ky/$PUB?xong=y-kien"
contains "says thank you" "$TMP/body" "Cảm ơn bạn; ý kiến sẽ hiện sau khi cấp ủy xem xét"
check "audited" test "$(db_sql "SELECT count(*) FROM audit WHERE entity='comment' AND action='insert'")" = 1
check "the address is not stored" test "$(db_sql "SELECT count(*) FROM comment WHERE sender LIKE '%127.0.0.1%'")" = 0
nowhere "waiting" "$WAIT_MARK"
send "a second comment" 303 "$PUB" "$HIDE_MARK"
W=$(comment_id "$WAIT_MARK") H=$(comment_id "$HIDE_MARK")

# moderation: who may see the list
http "officer's list" 200 -b "$O" "$BASE/y-kien"
contains "officer sees the waiting comment" "$TMP/body" "$WAIT_MARK"
contains "the menu counts the waiting" "$TMP/body" "Ý kiến (2)"
http "admin's list" 200 -b "$A" "$BASE/y-kien"
contains "admin sees the waiting comment" "$TMP/body" "$WAIT_MARK"
http "outside officer's list" 200 -b "$X" "$BASE/y-kien"
lacks "outside officer does not see it" "$TMP/body" "$WAIT_MARK"
http "member has no list" 403 -b "$M" "$BASE/y-kien"
http "viewer has no list" 403 -b "$V" "$BASE/y-kien"
http "guest is sent to log in" 302 "$BASE/y-kien"
http "dashboard counts" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT&nam=2025"
contains "dashboard line" "$TMP/body" "Ý kiến của Nhân dân (chờ / đã duyệt)"

# moderation refused outside scope and for other roles
for step in duyet an tra-loi; do
    http "outside officer may not $step" 403 -b "$X" -d "csrf=$XCSRF&tra_loi=x" "$BASE/y-kien/$W/$step"
    http "member may not $step" 403 -b "$M" -d "csrf=$MCSRF&tra_loi=x" "$BASE/y-kien/$W/$step"
    http "viewer may not $step" 403 -b "$V" -d "csrf=$VCSRF&tra_loi=x" "$BASE/y-kien/$W/$step"
    http "guest may not $step" 303 -d "tra_loi=x" "$BASE/y-kien/$W/$step"
    http "officer's $step needs the CSRF token" 403 -b "$O" -d "tra_loi=x" "$BASE/y-kien/$W/$step"
done
http "no such comment" 404 -b "$A" -d "csrf=$ACSRF" "$BASE/y-kien/999999/duyet"
equals "still waiting" "$(db_sql "SELECT status, CASE WHEN answer IS NULL THEN 1 ELSE 0 END FROM comment WHERE id=$W")" "waiting|1"

# an answer before approval stays unseen; approval shows both
http "officer answers" 303 -b "$O" --data-urlencode "csrf=$OCSRF" --data-urlencode "tra_loi=$ANSWER_MARK" "$BASE/y-kien/$W/tra-loi"
http "an empty answer" 400 -b "$O" -d "csrf=$OCSRF&tra_loi=" "$BASE/y-kien/$W/tra-loi"
contains "comes back on the moderation page, beside the answer" "$TMP/body" 'aria-describedby="loi-tra_loi"'
lacks "not a dead end" "$TMP/body" 'Không thực hiện được' 
nowhere "answered, waiting" "$ANSWER_MARK"
nowhere "answered, waiting" "$WAIT_MARK"
http "officer approves" 303 -b "$O" -d "csrf=$OCSRF" "$BASE/y-kien/$W/duyet"
http "admin hides the other" 303 -b "$A" -d "csrf=$ACSRF" "$BASE/y-kien/$H/an"
http "officer's list, decided" 200 -b "$O" "$BASE/y-kien"
contains "the menu counts none waiting again" "$TMP/body" "Ý kiến (0)"
for url in "/cong-khai/dang-ky?don_vi=DB-TT&nam=2025" "/cong-khai/dang-ky/$PUB"; do
    curl -s -o "$TMP/page" "$BASE$url"
    contains "approved on $url" "$TMP/page" "$WAIT_MARK"
    contains "the answer on $url" "$TMP/page" "$ANSWER_MARK"
    contains "escaped on $url" "$TMP/page" "&lt;b&gt;giữ lời&lt;/b&gt;"
    lacks "hidden not on $url" "$TMP/page" "$HIDE_MARK"
done
curl -s -b "$P" -o "$TMP/page" "$BASE/nguoi/$PCODE"
contains "the person sees it on their page" "$TMP/page" "$WAIT_MARK"
contains "and the answer" "$TMP/page" "$ANSWER_MARK"
nowhere "hidden" "$HIDE_MARK"
http "admin answers too" 303 -b "$A" --data-urlencode "csrf=$ACSRF" --data-urlencode "tra_loi=$ANSWER_MARK 2" "$BASE/y-kien/$W/tra-loi"
http "officer hides an approved one" 303 -b "$O" -d "csrf=$OCSRF" "$BASE/y-kien/$W/an"
nowhere "hidden after approval" "$WAIT_MARK"
http "admin approves again" 303 -b "$A" -d "csrf=$ACSRF" "$BASE/y-kien/$W/duyet"
curl -s -o "$TMP/page" "$BASE/cong-khai/dang-ky/$PUB"
contains "shown again" "$TMP/page" "$ANSWER_MARK 2"
equals "every step audited" "$(db_sql "SELECT group_concat(action) FROM (SELECT action FROM audit
    WHERE entity='comment' ORDER BY id) AS a")" "insert,insert,answer,approve,hide,answer,hide,approve"
equals "who decided" "$(db_sql "SELECT decided_by, answered_by FROM comment WHERE id=$W")" "quantri|quantri"

# the rate limit: five an hour from one address
send "third" 303 "$PUB" "ba"
send "fourth" 303 "$PUB" "bon"
send "fifth" 303 "$PUB" "nam"
send "sixth refused" 400 "$PUB" "sau-KHONG-LUU"
contains "says to wait" "$TMP/body" "trong một giờ qua"
equals "five kept" "$(db_sql 'SELECT count(*) FROM comment')" "5"

stop_server
finish
