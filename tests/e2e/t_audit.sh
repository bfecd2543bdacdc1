# t_audit.sh — accountability: every write route of the route table, done
# once as an admin, leaves the audit rows it should (one per record it
# changes), each with its actor and, for a record, the row after.  The
# routes come from `lamtheo help serve`: a new write route without a case
# here fails the test.  LT_ENGINE=postgresql (t_audit_pg.sh) runs the same
# on a copy of the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
start_server || { finish; exit 0; }
login "$TMP/a" quantri quantri-demo-2020; C=$CSRF
# audit_sql SQL: db_sql, on SQLite waiting for the server's lock (a PRAGMA
# of SQLite's: PostgreSQL's readers wait for no writer)
audit_sql() {
    if [ "${LT_ENGINE:-}" != postgresql ]; then
        sqlite3 "$LAMTHEO_DB" "PRAGMA busy_timeout=5000; $1" | tail -1
    else
        db_sql "$1"
    fi
}
audits() { audit_sql "SELECT max(id) FROM audit"; }
KEY=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT' AND p.key_cadre=1 ORDER BY p.id LIMIT 1")
KEY2=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT' AND p.key_cadre=1 ORDER BY p.id LIMIT 1 OFFSET 1")
: > "$TMP/done"

# step PATTERN WANT METHOD PATH [curl args...]: one request; WANT audit rows ("+" = at least one)
step() {
    pattern=$1; want=$2; method=$3; path=$4; shift 4
    before=$(audits)
    code=$(curl -s -o "$TMP/body" -w '%{http_code}' -b "$TMP/a" -c "$TMP/a" -X "$method" "$@" "$BASE$path")
    after=$(audits)
    n=$((after - before))
    case "$code" in 2*|3*) ;; *) bad "$method $path: HTTP $code"; head -c 300 "$TMP/body"; echo ;; esac
    if [ "$want" = "+" ]; then [ "$n" -ge 1 ] && ok || bad "$method $pattern: no audit row"
    else [ "$n" = "$want" ] && ok || bad "$method $pattern: $n audit rows, wanted $want"; fi
    bad_rows=$(db_sql "SELECT count(*) FROM audit WHERE id>$before AND (actor<>'quantri' OR
        (after IS NULL AND action NOT IN ('login','logout','open')))")
    [ "$bad_rows" = 0 ] && ok || bad "$method $pattern: audit rows without actor or row after"
    echo "$method $pattern" >> "$TMP/done"
}
step /don-vi/*/trien-khai 1 POST /don-vi/DB-TT-01/trien-khai -d "csrf=$C&nam=2030&ngay=05/03/2030&hinh_thuc=cell_meeting&co_mat=5&tong_so=6"
step /don-vi/*/trien-khai-tat-ca + POST /don-vi/DB-TT/trien-khai-tat-ca -d "csrf=$C&nam=2030&ngay=05/03/2030"
step /don-vi/*/dan-van 1 POST /don-vi/MT-CL/dan-van -d "csrf=$C&nam=2030&ngay=20/03/2030&doan_vien=1&hoi_vien=2&nhan_dan=3"
step /don-vi/*/chuan-muc 1 POST /don-vi/DB-TT/chuan-muc -d "csrf=$C&phuong_cham=Gần dân&ngay=01/01/2030&tu_nam=2030"
step /don-vi/*/kiem-tra 1 POST /don-vi/DB-TT/kiem-tra -d "csrf=$C&don_vi_kiem_tra=HU-CL&loai=inspection&ngay=10/05/2030"
INSP=$(db_sql "SELECT max(id) FROM inspection")
step /don-vi/*/khac-phuc 1 POST /don-vi/DB-TT/khac-phuc -d "csrf=$C&kiem_tra=$INSP&noi_dung=Bổ sung&han=30/06/2030"
FU=$(db_sql "SELECT max(id) FROM followup")
step /don-vi/*/khac-phuc-xong 1 POST /don-vi/DB-TT/khac-phuc-xong -d "csrf=$C&khac_phuc=$FU&ngay=20/06/2030"
step /don-vi/*/mo-hinh 2 POST /don-vi/DB-TT/mo-hinh -d "csrf=$C&nam=2030&ten=Mô hình&cap=district"
step /don-vi/*/the-thuc 1 POST /don-vi/DB-TT/the-thuc -d "csrf=$C&ky_hieu=ĐU&dia_danh=Tân Thiềng&nguoi_ky="
step /don-vi/*/phan-viet 1 POST "/don-vi/DB-TT/phan-viet?tu=2030&den=2030" -d "csrf=$C&luu=nhap&strengths=Ưu điểm"
step /don-vi/*/dot-pha 1 POST /don-vi/DB-TT/dot-pha -d "csrf=$C&nam=2030&noi_dung=Chuyển đổi số"
step /nam 2 POST /nam -d "csrf=$C&nam=2030&don_vi=TW&tieu_de=Chuyên đề năm 2030"
step /nguoi/*/dang-ky 1 POST /nguoi/$KEY/dang-ky -d "csrf=$C&nam=2030"
REG=$(db_sql "SELECT max(id) FROM registration")
step /dang-ky/*/noi-dung 1 POST /dang-ky/$REG/noi-dung -d "csrf=$C&noi_dung=Tiếp dân&nhom=style"
step /dang-ky/*/gui 1 POST /dang-ky/$REG/gui -d "csrf=$C"
step /dang-ky/*/tra-lai 1 POST /dang-ky/$REG/tra-lai -d "csrf=$C&ly_do=Cụ thể hơn"
curl -s -o /dev/null -b "$TMP/a" -d "csrf=$C" "$BASE/dang-ky/$REG/gui"
step /dang-ky/*/duyet 1 POST /dang-ky/$REG/duyet -d "csrf=$C"
step /dang-ky/*/cong-khai 1 POST /dang-ky/$REG/cong-khai -d "csrf=$C"
step /dang-ky/*/tu-danh-gia 2 POST /dang-ky/$REG/tu-danh-gia -d "csrf=$C&danh_gia_1=done"
step /dang-ky/*/danh-gia 1 POST /dang-ky/$REG/danh-gia -d "csrf=$C&xep_loai=good"
# a cell's collective registration, every step (the admin stands for the level above)
TT=/don-vi/DB-TT-01/tap-the
step /don-vi/*/tap-the/tao 1 POST $TT/tao -d "csrf=$C&nam=2030"
step /don-vi/*/tap-the/noi-dung 1 POST $TT/noi-dung -d "csrf=$C&nam=2030&noi_dung=Học tập chuyên đề&nhom=topic"
step /don-vi/*/tap-the/gui 1 POST $TT/gui -d "csrf=$C&nam=2030"
step /don-vi/*/tap-the/tra-lai 1 POST $TT/tra-lai -d "csrf=$C&nam=2030&ly_do=Cụ thể hơn"
curl -s -o /dev/null -b "$TMP/a" -d "csrf=$C&nam=2030" "$BASE$TT/gui"
step /don-vi/*/tap-the/duyet 1 POST $TT/duyet -d "csrf=$C&nam=2030"
step /don-vi/*/tap-the/cong-khai 1 POST $TT/cong-khai -d "csrf=$C&nam=2030"
step /don-vi/*/tap-the/tu-danh-gia 2 POST $TT/tu-danh-gia -d "csrf=$C&nam=2030&danh_gia_1=done"
step /don-vi/*/tap-the/danh-gia 1 POST $TT/danh-gia -d "csrf=$C&nam=2030&xep_loai=good"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nAUD1,Lê Văn Kiểm,DB-TT-01,cadre\n' > "$TMP/p.csv"
step /nhap 0 POST /nhap -F "csrf=$C" -F loai=people -F "tep=@$TMP/p.csv"
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
step /nhap/xac-nhan 1 POST /nhap/xac-nhan -d "csrf=$C&ma=$TICKET&loai=people"
step /nguoi/*/chuyen 1 POST /nguoi/AUD1/chuyen -d "csrf=$C&den_don_vi=DB-TT-02&ngay=01/02/2031"
step /don-vi/*/nhan-chuyen 1 POST /don-vi/DB-TT-01/nhan-chuyen -d "csrf=$C&ma_nguoi=AUD1&ngay=01/03/2031"
step /nguoi/*/thoi 1 POST /nguoi/AUD1/thoi -d "csrf=$C&ngay=01/04/2031"
# the API
api() { pattern=$1; want=$2; path=$3; body=$4; step "$pattern" "$want" POST "$path" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' -d "$body"; }
api /api/v1/people/*/registrations 1 /api/v1/people/$KEY2/registrations '{"year":2030}'
R2=$(db_sql "SELECT max(id) FROM registration")
api /api/v1/registrations/*/items 1 /api/v1/registrations/$R2/items '{"body":"Gương mẫu","group":"morality"}'
api /api/v1/registrations/*/submit 1 /api/v1/registrations/$R2/submit '{}'
api /api/v1/registrations/*/return 1 /api/v1/registrations/$R2/return '{"reason":"Bổ sung"}'
curl -s -o /dev/null -b "$TMP/a" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' -d '{}' "$BASE/api/v1/registrations/$R2/submit"
api /api/v1/registrations/*/approve 1 /api/v1/registrations/$R2/approve '{}'
api /api/v1/registrations/*/publish 1 /api/v1/registrations/$R2/publish '{}'
api /api/v1/registrations/*/assess 1 /api/v1/registrations/$R2/assess '{"position":1,"assessment":"done"}'
api /api/v1/registrations/*/self-assess 1 /api/v1/registrations/$R2/self-assess '{}'
api /api/v1/people/*/move 1 /api/v1/people/AUD1/move '{"to":"DB-TT-02","date":"2031-05-01"}'
api /api/v1/registrations/*/evaluate 1 /api/v1/registrations/$R2/evaluate '{"grade":"good"}'
# accounts: for a unit's people without one, a new code, a role, disabling
step /don-vi/*/tai-khoan + POST /don-vi/DB-TT-02/tai-khoan -d "csrf=$C"
ACC=$(db_sql "SELECT login FROM account WHERE status='pending' ORDER BY login LIMIT 1")
step /tai-khoan/*/cap-lai 1 POST /tai-khoan/$ACC/cap-lai -d "csrf=$C"
step /tai-khoan/*/vai-tro 1 POST /tai-khoan/$ACC/vai-tro -d "csrf=$C&vai_tro=viewer&don_vi=DB-TT-02"
step /tai-khoan/*/khoa 1 POST /tai-khoan/$ACC/khoa -d "csrf=$C"
# a citizen's comment (sent here by the admin, logged in: the session's token) and its moderation
PUB=$(db_sql "SELECT id FROM registration WHERE published_at IS NOT NULL ORDER BY id LIMIT 1")
curl -s -b "$TMP/a" -o "$TMP/pub" "$BASE/cong-khai/dang-ky/$PUB"
QT=$(grep -o 'name="cau_hoi" value="[^"]*"' "$TMP/pub" | cut -d'"' -f4)
case "$(grep -o '<label for="tl[0-9]*">[^<]*' "$TMP/pub")" in
*"Hai cộng ba"*) QA=5 ;; *"Bảy trừ bốn"*) QA=3 ;; *"Một tuần"*) QA=7 ;; *"Bốn cộng bốn"*|*"Chín trừ một"*) QA=8 ;;
*"Mười trừ sáu"*) QA=4 ;; *"Một năm"*) QA=12 ;; *"Ba nhân hai"*) QA=6 ;; esac
step /cong-khai/dang-ky/*/y-kien 1 POST /cong-khai/dang-ky/$PUB/y-kien -d "csrf=$C&cau_hoi=$QT&tra_loi_cau_hoi=$QA&ten=An&y_kien=Tốt"
CID=$(db_sql "SELECT max(id) FROM comment")
step /y-kien/*/tra-loi 1 POST /y-kien/$CID/tra-loi -d "csrf=$C&tra_loi=Cảm ơn"
step /y-kien/*/duyet 1 POST /y-kien/$CID/duyet -d "csrf=$C"
step /y-kien/*/an 1 POST /y-kien/$CID/an -d "csrf=$C"
# one's own password (changed, then back as it was)
step /mat-khau 1 POST /mat-khau -d "csrf=$C&hien_tai=quantri-demo-2020&moi=quantri-moi-2031&nhap_lai=quantri-moi-2031"
curl -s -o /dev/null -b "$TMP/a" -d "csrf=$C&hien_tai=quantri-moi-2031&moi=quantri-demo-2020&nhap_lai=quantri-demo-2020" "$BASE/mat-khau"
# sessions: logging in and out are audited too
step /dang-xuat 1 POST /dang-xuat -d "csrf=$C"
tok=$(curl -s -c "$TMP/b" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
before=$(audits)
curl -s -o /dev/null -b "$TMP/b" -c "$TMP/b" -d "csrf=$tok&login=quantri&password=quantri-demo-2020" "$BASE/dang-nhap"
[ $(( $(audits) - before )) = 1 ] && ok || bad "POST /dang-nhap: login not audited"; echo "POST /dang-nhap" >> "$TMP/done"
cp "$TMP/b" "$TMP/a"; C=$(curl -s -b "$TMP/a" "$BASE/api/v1/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')
step /api/v1/session 1 DELETE /api/v1/session -H "X-CSRF-Token: $C"
before=$(audits)
curl -s -o /dev/null -c "$TMP/a" -H 'Content-Type: application/json' -d '{"login":"quantri","password":"quantri-demo-2020"}' "$BASE/api/v1/session"
[ $(( $(audits) - before )) = 1 ] && ok || bad "POST /api/v1/session: login not audited"; echo "POST /api/v1/session" >> "$TMP/done"

# every write route of the table was walked
"$LT" help serve | awk '$1 ~ /^(POST|DELETE)$/ {print $1, $2}' | while read -r m p; do
    grep -qxF "$m $p" "$TMP/done" || echo "$m $p"
done > "$TMP/missing"
if [ -s "$TMP/missing" ]; then bad "write routes this test does not walk: $(tr '\n' ' ' < "$TMP/missing")"; else ok; fi
stop_server
finish
