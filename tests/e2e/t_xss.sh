# t_xss.sh — markup stored in every text field a user can fill (imports,
# page forms, the API) is shown as text on every page, public ones
# included: no page carries a live <script> or <img onerror>.
. tests/e2e/lib.sh
demo_database
X='<script>alert(1)</script>"'"'"'><img src=x onerror=alert(1)>'
XC=$(printf '%s' "$X" | sed 's/"/""/g')   # for a quoted CSV cell

# through imports: unit names, people's names and positions, registration items
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nXSS-CB,"%s",cell,DB-TT\n' "$XC" > "$TMP/u.csv"
expect_status 0 "unit with markup" "$LT" import units "$TMP/u.csv"
# (a member since 2020: the key cadres of 2020 are those of 2020)
printf 'ma_nguoi,ho_ten,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot,tu_ngay\nXSS1,"%s",XSS-CB,"%s",cadre,x,01/01/2020\n' "$XC" "$XC" > "$TMP/p.csv"
expect_status 0 "person with markup" "$LT" import people "$TMP/p.csv"
start_server || { finish; exit 0; }
login "$TMP/a" quantri quantri-demo-2020; C=$CSRF
post() { curl -s -o /dev/null -w '%{http_code}' -b "$TMP/a" --data-urlencode "$2" -d "csrf=$C&$3" "$BASE$1"; }
# through page forms: every free-text field of every record
for f in "phuong_cham=$X|noi_dung=$X|ngay=01/01/2020&tu_nam=2020|/don-vi/XSS-CB/chuan-muc" \
         "noi_dung=$X|ket_luan=$X|ngay=10/05/2020&don_vi_kiem_tra=HU-CL&loai=inspection&khac_phuc=a&han=01/01/2021|/don-vi/XSS-CB/kiem-tra" \
         "ten=$X|mo_ta=$X|nam=2020&doi_tuong=x&cap=district&so_quyet_dinh=1|/don-vi/XSS-CB/mo-hinh" \
         "noi_dung=$X|ket_qua=$X|nam=2020|/don-vi/XSS-CB/dot-pha" \
         "tieu_de=$X|noi_dung=$X|nam=2020&don_vi=XSS-CB|/nam"; do
    a=$(printf '%s' "$f" | cut -d'|' -f1); b=$(printf '%s' "$f" | cut -d'|' -f2)
    rest=$(printf '%s' "$f" | cut -d'|' -f3); path=$(printf '%s' "$f" | cut -d'|' -f4)
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/a" --data-urlencode "$a" --data-urlencode "$b" -d "csrf=$C&$rest" "$BASE$path")
    case "$code" in 303) ok ;; *) bad "store markup through $path: $code" ;; esac
done
# through the API: a registration of the person, its item, published; a return reason, a note
REG=$(curl -s -b "$TMP/a" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' -d '{"year":2020}' "$BASE/api/v1/people/XSS1/registrations" | grep -o '[0-9]*')
J=$(printf '%s' "$X" | sed 's/\\/\\\\/g; s/"/\\"/g')
for step in "items|{\"body\":\"$J\",\"group\":\"style\"}" "submit|{}" "return|{\"reason\":\"$J\"}" "submit|{}" "approve|{}" "publish|{}" \
            "assess|{\"position\":1,\"assessment\":\"done\",\"note\":\"$J\"}"; do
    s=${step%%|*}; body=${step#*|}
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/a" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' -d "$body" "$BASE/api/v1/registrations/$REG/$s")
    [ "$code" = 200 ] && ok || bad "API $s: $code"
done

# every page that shows these, public ones included
live=0
for p in "/don-vi/XSS-CB?nam=2020" "/tong-quan?don_vi=DB-TT&nam=2020" "/tong-quan?don_vi=XSS-CB&nam=2020" /don-vi \
         "/nguoi?q=script" /nguoi/XSS1 "/dang-ky/$REG" /nhat-ky "/cong-khai/dang-ky?don_vi=DB-TT&nam=2020" \
         "/cong-khai/chuan-muc?don_vi=DB-TT&nam=2020" "/cong-khai/mo-hinh?don_vi=DB-TT&nam=2020" \
         "/cong-khai/ban-tin?don_vi=DB-TT&nam=2020" "/bao-cao?don_vi=DB-TT&nam=2020&dinh_dang=html"; do
    curl -s -b "$TMP/a" -o "$TMP/page" "$BASE$p"
    if grep -q '<script>alert(1)' "$TMP/page" || grep -q '<img src=x' "$TMP/page"; then bad "live markup on $p"; live=1
    else ok; fi
done
# JSON carries the text as it is, as JSON, never as a page a browser would render
for p in "/api/v1/registrations/$REG" /api/v1/people/XSS1; do
    curl -s -D "$TMP/hdr" -o /dev/null -b "$TMP/a" "$BASE$p"
    contains "$p is JSON" "$TMP/hdr" "Content-Type: application/json"
    contains "$p is not sniffed" "$TMP/hdr" "X-Content-Type-Options: nosniff"
done
curl -s -b "$TMP/a" "$BASE/cong-khai/dang-ky?don_vi=DB-TT&nam=2020" | grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' && ok || bad "public page shows the markup as text"
stop_server
finish
