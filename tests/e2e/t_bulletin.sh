# t_bulletin.sh — the loudspeaker bulletin: the script of the published
# commitments with dates and numbers as spoken, audio that lasts and is
# not silence, and a draft that never reaches a bulletin, report or public
# page; an ordinary member's published registration neither (key cadres'
# only); the public MP3: nothing rendered for a unit and year with nothing
# to say, a bounded cache that evicts the least recently served, at most
# LAMTHEO_AUDIO_RENDERS renderings at once (503 with Retry-After beyond),
# and its folder gone when the server stops.  LT_ENGINE=postgresql
# (t_bulletin_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
expect_status 0 "bulletin text" "$LT" bulletin --year 2020 --unit DB-TT
contains "station" "$TMP/out" "Đài truyền thanh xã Tân Thiềng."
contains "a key cadre" "$TMP/out" "Đồng chí "
contains "date as spoken, once, the last of the items" "$TMP/out" "Các nội dung trên hoàn thành trước ngày ba mươi tháng chín năm hai nghìn không trăm hai mươi."
contains "abbreviation read out" "$TMP/out" "Mặt trận Tổ quốc"
lacks "no digits left" "$TMP/out" "2020"
expect_status 0 "whole district" "$LT" bulletin --year 2020
contains "every commune has its station" "$TMP/out" "Đài truyền thanh xã Vĩnh Thành."
contains "the district's station is the district's" "$TMP/out" "Đài truyền thanh huyện Chợ Lách."
lacks "not the Party committee's" "$TMP/out" "Đài truyền thanh Huyện ủy"
equals "twelve stations" "$(grep -c '^Đài truyền thanh ' "$TMP/out")" 12
sed '/^---$/q' "$TMP/out" > "$TMP/district.txt"
contains "the district's key cadres on its own station" "$TMP/district.txt" "Đồng chí "
lacks "not 'nothing published'" "$TMP/district.txt" "chưa có nội dung đăng ký được công khai"
lacks "the communes' people on their own stations" "$TMP/district.txt" "Đảng bộ xã"
expect_status 0 "one commune" "$LT" bulletin --year 2020 --unit DB-TT
equals "deadlines read once per person" "$(grep -o 'hoàn thành trước' "$TMP/out" | wc -l)" "$(grep -o 'Đồng chí ' "$TMP/out" | wc -l)"
expect_status 2 "a district's audio is a file per station" "$LT" bulletin --year 2020 --format mp3 -o "$TMP/all.mp3"
contains "says how" "$TMP/err" "-o TỆP.zip"
expect_status 0 "every station's audio in a zip" "$LT" bulletin --year 2020 --format mp3 -o "$TMP/all.zip"
unzip -l "$TMP/all.zip" > "$TMP/zip.txt"
equals "an audio file and a script per station" "$(grep -c '\.mp3$' "$TMP/zip.txt") $(grep -c '\.txt$' "$TMP/zip.txt")" "12 12"
contains "named for the station" "$TMP/zip.txt" "09-dai-truyen-thanh-xa-tan-thieng.mp3"
unzip -p "$TMP/all.zip" 09-dai-truyen-thanh-xa-tan-thieng.txt > "$TMP/tt.txt"
contains "with its own script" "$TMP/tt.txt" "Đài truyền thanh xã Tân Thiềng."
expect_status 2 "year required" "$LT" bulletin --unit DB-TT
expect_status 2 "audio needs -o" "$LT" bulletin --year 2020 --format wav
expect_status 1 "unknown unit" "$LT" bulletin --year 2020 --unit NOPE

# a draft with a marker, of a key cadre, never reaches anything public
MARK="NHAP-KHONG-DUOC-CONG-KHAI-4b2"
KEY=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT' AND p.key_cadre=1 ORDER BY p.code LIMIT 1")
printf 'ma_nguoi,nam,noi_dung\n%s,2027,Việc làm %s\n' "$KEY" "$MARK" > "$TMP/draft.csv"
expect_status 0 "draft imported" "$LT" import registrations "$TMP/draft.csv"
for y in 2021 2027; do
    "$LT" bulletin --year $y > "$TMP/b.txt"
    lacks "draft not in the $y bulletin" "$TMP/b.txt" "$MARK"
    for f in html docx pdf xlsx; do
        "$LT" report --year $y --format $f -o "$TMP/r.$f" || bad "report $f $y"
    done
    lacks "draft not in the $y html report" "$TMP/r.html" "$MARK"
    pdftotext "$TMP/r.pdf" "$TMP/r.txt"; lacks "draft not in the $y pdf" "$TMP/r.txt" "$MARK"
    unzip -p "$TMP/r.docx" word/document.xml > "$TMP/d.xml"; lacks "draft not in the $y docx" "$TMP/d.xml" "$MARK"
    unzip -p "$TMP/r.xlsx" xl/sharedStrings.xml > "$TMP/s.xml"; lacks "draft not in the $y xlsx" "$TMP/s.xml" "$MARK"
done

# audio: espeak-ng's Vietnamese voice, normalised; lasts and is not silence
expect_status 0 "wav" "$LT" bulletin --year 2020 --unit DB-TT --format wav -o "$TMP/b.wav"
contains "the text travels beside the audio" "$TMP/b.wav.txt" "Đài truyền thanh xã Tân Thiềng."
sox "$TMP/b.wav" -n stat 2> "$TMP/stat"
len=$(grep 'Length (seconds)' "$TMP/stat" | awk '{print int($3)}')
rms=$(grep 'RMS     amplitude' "$TMP/stat" | awk '{print $3}')
[ "${len:-0}" -ge 60 ] && [ "${len:-0}" -le 900 ] && ok || bad "bulletin lasts 1 to 15 minutes ($len s)"
awk "BEGIN{exit !($rms > 0.01)}" && ok || bad "not silence (RMS $rms)"
expect_status 0 "mp3" "$LT" bulletin --year 2020 --unit DB-TT --format mp3 -o "$TMP/b.mp3"
case "$(head -c 2 "$TMP/b.mp3" | od -An -tx1 | tr -d ' \n')" in 4944|fffb|fff3|fff2|ffe3) ok ;; *) bad "mp3 file" ;; esac

# ---- the public MP3 through the server (src/web/bulletin_cache.c) ---------
# mp3s: the bulletins kept in the server's folder, one name a line
mp3s() { ls "$TMP"/srvtmp/lamtheo-bulletins-*/ 2>/dev/null | grep '\.mp3$' | sort; }
# ask UNIT YEAR [WANT]: the public MP3 of the unit's year; body in $TMP/body
ask() { http "MP3 of $1 $2" "${3:-200}" -D "$TMP/hdr" "$BASE/cong-khai/ban-tin.mp3?don_vi=$1&nam=$2"; }
export LAMTHEO_AUDIO_CACHE_FILES=2 LAMTHEO_AUDIO_RENDERS=1
start_server || { finish; exit 0; }
unset LAMTHEO_AUDIO_CACHE_FILES LAMTHEO_AUDIO_RENDERS
http "the bulletin page" 200 "$BASE/cong-khai/ban-tin?don_vi=DB-TT&nam=2020"
contains "with its player" "$TMP/body" "ban-tin.mp3?don_vi=DB-TT"
contains "named for its station" "$TMP/body" "Đài truyền thanh xã Tân Thiềng — bản tin năm 2020"
http "the district's page" 200 "$BASE/cong-khai/ban-tin?don_vi=HU-CL&nam=2020"
contains "its own station" "$TMP/body" "Đài truyền thanh huyện Chợ Lách — bản tin năm 2020"
contains "and the communes' listed" "$TMP/body" '<a href="/cong-khai/ban-tin?don_vi=DB-TT&amp;nam=2020">Đài truyền thanh xã Tân Thiềng</a>'
lacks "not read on the district's" "$TMP/body" "Đài truyền thanh xã Tân Thiềng.</p>"
http "a cell's bulletin page" 200 "$BASE/cong-khai/ban-tin?don_vi=DB-SD-01&nam=2020"
lacks "nothing to play" "$TMP/body" "<audio"
# nothing to say: a cell without key cadres, a year without publications, no such unit
t0=$(date +%s%N)
ask DB-SD-01 2020 404
t1=$(date +%s%N)
contains "says why, in Vietnamese" "$TMP/body" "chưa có nội dung đăng ký của cán bộ chủ chốt được công khai"
[ $(((t1 - t0) / 1000000)) -lt 1000 ] && ok || bad "nothing to say took $(((t1 - t0) / 1000000)) ms"
ask DB-TT 2030 404
ask NOPE 2020 404
equals "nothing written for nothing to say" "$(ls -A "$TMP/srvtmp")" ""
# the count bound (2): the least recently served goes first
ask CQ-VKS 2020; A=$(mp3s)
contains "audio" "$TMP/hdr" "Content-Type: audio/mpeg"
case "$(head -c 2 "$TMP/body" | od -An -tx1 | tr -d ' \n')" in 4944|fffb|fff3|fff2|ffe3) ok ;; *) bad "served an mp3" ;; esac
equals "the folder is the server's own" "$(stat -c %a "$TMP"/srvtmp/lamtheo-bulletins-*)" "700"
ask CQ-KB 2020; B=$(mp3s | grep -vxF "$A")
ask CQ-VKS 2020
equals "asked again: served, nothing new" "$(mp3s | wc -l)" "2"
ask CQ-BDV 2020
equals "a third: still two" "$(mp3s | wc -l)" "2"
mp3s | grep -qxF "$B" && bad "the least recently served stays" || ok
mp3s | grep -qxF "$A" && ok || bad "the one served again went"
for u in CQ-VPHU CQ-KB DB-TT; do for y in 2019 2021; do ask $u $y; done; done
equals "many bulletins: still two" "$(mp3s | wc -l)" "2"
# one rendering at a time: others are told to come back (six asked at
# once, so that some overlap even when a rendering is quick and the
# machine busy: three did not always, in a loaded run of the suite)
pids=""
for u in CQ-VKS CQ-KB CQ-BDV; do
    for y in 2017 2018; do
        curl -s -o /dev/null -D "$TMP/par.$u.$y" "$BASE/cong-khai/ban-tin.mp3?don_vi=$u&nam=$y" &
        pids="$pids $!"
    done
done
wait $pids
grep -l '^HTTP/1.1 503' "$TMP"/par.* > "$TMP/busy"
[ -s "$TMP/busy" ] && ok || bad "no 503 among six renderings at once"
grep -l '^HTTP/1.1 200' "$TMP"/par.* > /dev/null && ok || bad "none of six at once was rendered"
grep -qi '^Retry-After: [0-9]' $(head -1 "$TMP/busy") 2>/dev/null && ok || bad "a 503 says when to come back"

# an ordinary member's published registration is not public: key cadres' only
MARK="THANH-VIEN-THUONG-7d3"
login "$TMP/admin" quantri quantri-demo-2020
NK=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT-01' AND p.key_cadre=0 AND p.category='party_member' ORDER BY p.code LIMIT 1")
# api NAME ACTION JSON: a step of the registration as the admin
api() { http "$1" 200 -b "$TMP/admin" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d "$3" "$BASE/api/v1/registrations/$REG/$2"; }
http "a member's registration" 201 -b "$TMP/admin" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d '{"year":2027}' "$BASE/api/v1/people/$NK/registrations"
REG=$(sed 's/.*"id":\([0-9]*\).*/\1/' "$TMP/body")
api "its item" items "{\"body\":\"Giúp dân $MARK\",\"group\":\"style\"}"
api "submitted" submit '{}'; api "approved" approve '{}'; api "published" publish '{}'
contains "it is published" "$TMP/body" '"status":"published"'
http "public registrations of 2027" 200 "$BASE/cong-khai/dang-ky?don_vi=DB-TT&nam=2027"
lacks "not on the public page" "$TMP/body" "$MARK"
http "the public API of 2027" 200 "$BASE/api/v1/public/registrations?unit=DB-TT&year=2027"
lacks "not in the public API" "$TMP/body" "$MARK"
http "the bulletin of 2027" 200 "$BASE/cong-khai/ban-tin?don_vi=DB-TT-01&nam=2027"
lacks "not in the bulletin" "$TMP/body" "$MARK"
ask DB-TT-01 2027 404
stop_server
equals "the folder is gone with the server" "$(ls -A "$TMP/srvtmp")" ""

# the byte bound: a bulletin larger than it is served, not kept
export LAMTHEO_AUDIO_CACHE_BYTES=1000
start_server || { finish; exit 0; }
unset LAMTHEO_AUDIO_CACHE_BYTES
ask CQ-VKS 2020
[ "$(wc -c < "$TMP/body")" -gt 1000 ] && ok || bad "served whole"
equals "larger than the bound: not kept" "$(mp3s | wc -l)" "0"
stop_server
finish
