# t_report_texts.sh — the parts of a year-end or five-year report that the
# office writes (DESIGN §9): strengths, shortcomings and causes, lessons,
# tasks ahead, recommendations, per unit and period, written in the web by
# the unit's own officer or an admin, kept as drafts until saved final,
# every version kept; the report quotes the final ones and, without them,
# says plainly where they are written — never the same boilerplate.
# LT_ENGINE=postgresql (t_report_texts_pg.sh): the same on the demo on
# PostgreSQL.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-02
demo_database
pdf_text() { pdftotext -layout "$1" - 2>/dev/null | tr -s ' ' > "$2"; }

expect_status 0 "the 2020 report before" "$LT" report --unit DB-TT --year 2020 --format pdf -o "$TMP/a.pdf"
pdf_text "$TMP/a.pdf" "$TMP/a.txt"
contains "the assessment's place" "$TMP/a.txt" "III. ĐÁNH GIÁ CHUNG"
contains "says where the strengths are written" "$TMP/a.txt" "(Chưa có nội dung: phần ưu điểm do cấp ủy viết"
contains "the tasks' place" "$TMP/a.txt" "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"
contains "the recommendations' place" "$TMP/a.txt" "V. KIẾN NGHỊ, ĐỀ XUẤT"
lacks "no boilerplate of the article" "$TMP/a.txt" "Tiếp tục triển khai Chỉ thị 05-CT/TW thiết thực"

start_server || { finish; exit 0; }
login "$TMP/off" bithu.tantieng tantieng-demo-2020
http "the page to write them" 200 -b "$TMP/off" "$BASE/don-vi/DB-TT/phan-viet?nam=2020"
equals "five parts" "$(grep -o '<textarea' "$TMP/body" | wc -l)" 5
contains "named as in the report" "$TMP/body" "III.2. Hạn chế, khuyết điểm và nguyên nhân"
contains "the unit by name" "$TMP/body" "Đảng bộ xã Tân Thiềng"
C=$CSRF
save() { # save JAR UNIT QUERY LUU FIELD=VALUE [FIELD=VALUE]: the answer's status and where it leads
    f2=${6:-luu=$4}
    curl -s -o "$TMP/body" -w '%{http_code} %{redirect_url}' -b "$TMP/$1" --data-urlencode "csrf=$C" \
        --data-urlencode "luu=$4" --data-urlencode "$5" --data-urlencode "$f2" "$BASE/don-vi/$2/phan-viet?$3"
}
code=$(save off DB-TT "tu=2020&den=2020" nhap "strengths=Bản nháp DRAFTMARK7Q")
equals "a draft saved" "$code" "303 $BASE/don-vi/DB-TT/phan-viet?tu=2020&den=2020&xong=phan-viet-nhap"
http "the page says so" 200 -b "$TMP/off" "$BASE/don-vi/DB-TT/phan-viet?tu=2020&den=2020&xong=phan-viet-nhap"
contains "the news" "$TMP/body" "Đã lưu bản nháp"
contains "the draft kept" "$TMP/body" "DRAFTMARK7Q"
contains "marked a draft" "$TMP/body" "III.1. Ưu điểm (nháp)"
curl -s -o "$TMP/d.pdf" -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT&nam=2020&dinh_dang=pdf"
pdf_text "$TMP/d.pdf" "$TMP/d.txt"
lacks "a draft is not in the report" "$TMP/d.txt" "DRAFTMARK7Q"
code=$(save off DB-TT "tu=2020&den=2020" chinh-thuc "strengths=Cấp ủy sâu sát FINALMARK8R.
Đảng viên gương mẫu nơi cư trú." "tasks=Đưa chuyên đề vào sinh hoạt chi bộ TASKMARK3K.")
equals "saved final" "$code" "303 $BASE/don-vi/DB-TT/phan-viet?tu=2020&den=2020&xong=phan-viet"
curl -s -o "$TMP/f.pdf" -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT&nam=2020&dinh_dang=pdf"
pdf_text "$TMP/f.pdf" "$TMP/f.txt"
contains "the strengths in the report" "$TMP/f.txt" "Cấp ủy sâu sát FINALMARK8R."
contains "each line a paragraph" "$TMP/f.txt" "Đảng viên gương mẫu nơi cư trú."
contains "the tasks" "$TMP/f.txt" "TASKMARK3K"
lacks "no placeholder where written" "$TMP/f.txt" "(Chưa có nội dung: phần ưu điểm"
contains "still one where not" "$TMP/f.txt" "(Chưa có nội dung: phần bài học kinh nghiệm"
curl -s -o "$TMP/f.docx" -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT&nam=2020&dinh_dang=docx"
unzip -p "$TMP/f.docx" word/document.xml > "$TMP/f.xml"
contains "in the DOCX too" "$TMP/f.xml" "FINALMARK8R"
equals "every version kept, nothing for an empty part" \
    "$(db_sql "SELECT part || ':' || final FROM report_text ORDER BY id" | paste -sd ' ')" \
    "strengths:0 strengths:1 tasks:1"
equals "audited" "$(db_sql "SELECT count(*) FROM audit WHERE entity='report_text' AND actor='bithu.tantieng'")" 3
save off DB-TT "tu=2020&den=2020" chinh-thuc "strengths=Cấp ủy sâu sát FINALMARK8R.
Đảng viên gương mẫu nơi cư trú." "tasks=Đưa chuyên đề vào sinh hoạt chi bộ TASKMARK3K." > /dev/null
equals "the same again is no new version" "$(db_sql "SELECT count(*) FROM report_text")" 3
http "the history" 200 -b "$TMP/off" "$BASE/don-vi/DB-TT/phan-viet?tu=2020&den=2020"
equals "three saves listed" "$(grep -o 'bithu.tantieng — ' "$TMP/body" | wc -l)" 3

# per period: another year has none; a five-year report its own
curl -s -o "$TMP/y.pdf" -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT&nam=2021&dinh_dang=pdf"
pdf_text "$TMP/y.pdf" "$TMP/y.txt"
lacks "not in 2021's report" "$TMP/y.txt" "FINALMARK8R"
code=$(save off DB-TT "tu=2016&den=2020" chinh-thuc "lessons=Năm năm RANGEMARK5P.")
equals "a five-year period's" "$code" "303 $BASE/don-vi/DB-TT/phan-viet?tu=2016&den=2020&xong=phan-viet"
expect_status 0 "the five-year report" "$LT" report --unit DB-TT --from 2016 --to 2020 --format pdf -o "$TMP/r.pdf"
pdf_text "$TMP/r.pdf" "$TMP/r.txt"
contains "quotes its own" "$TMP/r.txt" "RANGEMARK5P"
lacks "not the year's" "$TMP/r.txt" "FINALMARK8R"

# who writes: the unit's own officer, or an admin
code=$(save off DB-TT-02 "tu=2020&den=2020" chinh-thuc "strengths=CELLMARK")
equals "not a cell's, by the commune's officer" "${code%% *}" 403
code=$(save off DB-SD "tu=2020&den=2020" chinh-thuc "strengths=SDMARK")
equals "nor another commune's" "${code%% *}" 403
code=$(save off DB-TT "tu=2020&den=2020" chinh-thuc "strengths=$(printf 'bad\001text')")
equals "a control character refused" "${code%% *}" 400
contains "naming the part" "$TMP/body" "Ưu điểm"
login "$TMP/view" xem.sondinh sondinh-demo-2020
http "a viewer does not write" 403 -b "$TMP/view" "$BASE/don-vi/DB-SD/phan-viet?nam=2020"
login "$TMP/adm" quantri quantri-demo-2020
C=$CSRF
code=$(save adm DB-SD "tu=2020&den=2020" chinh-thuc "recommendations=ADMINMARK2Z")
equals "an admin writes for any unit" "$code" "303 $BASE/don-vi/DB-SD/phan-viet?tu=2020&den=2020&xong=phan-viet"
equals "nothing written by those refused" "$(db_sql "SELECT count(*) FROM report_text WHERE body LIKE '%CELLMARK%' OR body LIKE '%SDMARK%' OR body LIKE '%bad%'")" 0
stop_server
finish
