# t_bulletin.sh — the loudspeaker bulletin: the script of the published
# commitments with dates and numbers as spoken, audio that lasts and is
# not silence, and a draft that never reaches a bulletin, report or public page.
. tests/e2e/lib.sh
"$LT" init --demo > /dev/null || bad "init --demo"
expect_status 0 "bulletin text" "$LT" bulletin --year 2020 --unit DB-TT
contains "station" "$TMP/out" "Đài truyền thanh xã Tân Thiềng."
contains "a key cadre" "$TMP/out" "Đồng chí "
contains "date as spoken" "$TMP/out" "ngày ba mươi tháng sáu năm hai nghìn không trăm hai mươi"
contains "abbreviation read out" "$TMP/out" "Mặt trận Tổ quốc"
lacks "no digits left" "$TMP/out" "2020"
expect_status 0 "whole district" "$LT" bulletin --year 2020
contains "every commune has its station" "$TMP/out" "Đài truyền thanh xã Vĩnh Thành."
expect_status 2 "year required" "$LT" bulletin --unit DB-TT
expect_status 2 "audio needs -o" "$LT" bulletin --year 2020 --format wav
expect_status 1 "unknown unit" "$LT" bulletin --year 2020 --unit NOPE

# a draft with a marker, of a key cadre, never reaches anything public
MARK="NHAP-KHONG-DUOC-CONG-KHAI-4b2"
KEY=$(sqlite3 "$LAMTHEO_DB" "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT' AND p.key_cadre=1 LIMIT 1")
printf 'ma_nguoi,nam,noi_dung\n%s,2022,Việc làm %s\n' "$KEY" "$MARK" > "$TMP/draft.csv"
expect_status 0 "draft imported" "$LT" import registrations "$TMP/draft.csv"
for y in 2021 2022; do
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
finish
