# t_letterhead.sh — documents a Party office can sign and file (DESIGN §9,
# Hướng dẫn 36-HD/VPTW): each unit's letterhead — the organisation above
# over the issuing committee, "*", "Số N-BC/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
# the place and the date with its leading zeros, "Nơi nhận:" and the
# signature block by kind with the signer — in PDF, DOCX, HTML and XLSX;
# --number, --date, --signer and --recipients, and the same on the web's
# download form; a unit's own abbreviation, place and signer.  LT_ENGINE=
# postgresql (t_letterhead_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-02
demo_database
pdf_text() { pdftotext -layout "$1" - 2>/dev/null | tr -s ' ' > "$2"; }
ART=${LAMTHEO_ARTEFACTS:-build/artefacts}  # page images of the documents, to look at
mkdir -p "$ART"

# the district's 2020 report, numbered, dated and sent where the office says
expect_status 0 "district report" "$LT" report --unit HU-CL --year 2020 --format pdf -o "$TMP/hu.pdf" \
    --number 127 --date 5/12/2020
pdf_text "$TMP/hu.pdf" "$TMP/hu.txt"
contains "the Party's name" "$TMP/hu.txt" "ĐẢNG CỘNG SẢN VIỆT NAM"
lacks "not the State's title" "$TMP/hu.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA"
lacks "nor its motto" "$TMP/hu.txt" "Độc lập - Tự do - Hạnh phúc"
contains "the organisation above" "$TMP/hu.txt" "ĐẢNG BỘ TỈNH BẾN TRE"
contains "the issuing committee" "$TMP/hu.txt" "HUYỆN ỦY CHỢ LÁCH"
contains "the number, the kind, the issuer" "$TMP/hu.txt" "Số 127-BC/HU"
lacks "no colon after Số" "$TMP/hu.txt" "Số:"
contains "place and date, leading zeros" "$TMP/hu.txt" "Chợ Lách, ngày 05 tháng 12 năm 2020"
contains "who signs for whom" "$TMP/hu.txt" "T/M BAN THƯỜNG VỤ"
contains "as what" "$TMP/hu.txt" "BÍ THƯ"
contains "the signer recorded for the district" "$TMP/hu.txt" "Lê Minh Hòa"
contains "recipients" "$TMP/hu.txt" "Nơi nhận:"
contains "reported to the committee above" "$TMP/hu.txt" "- Ban Thường vụ Tỉnh ủy (báo cáo),"
contains "its propaganda board" "$TMP/hu.txt" "- Ban Tuyên giáo Tỉnh ủy,"
contains "filed" "$TMP/hu.txt" "- Lưu Văn phòng Huyện ủy."
contains "thousands the Vietnamese way" "$TMP/hu.txt" "4.238 lượt đoàn viên"
contains "the second page numbered" "$TMP/hu.txt" "$(printf '\f') 2"
pdffonts "$TMP/hu.pdf" > "$TMP/fonts"
contains "a serif face as the guide asks" "$TMP/fonts" "LiberationSerif-Bold"

# months 1 and 2 with a zero, the others without (36-HD/VPTW)
expect_status 0 "dated in March" "$LT" report --unit HU-CL --year 2020 --format pdf -o "$TMP/m.pdf" --date 05/03/2021
pdf_text "$TMP/m.pdf" "$TMP/m.txt"
contains "tháng 3" "$TMP/m.txt" "ngày 05 tháng 3 năm 2021"
contains "a blank number to write in" "$TMP/m.txt" "-BC/HU"
expect_status 0 "dated in February" "$LT" report --unit HU-CL --year 2020 --format pdf -o "$TMP/f.pdf" --date 2021-02-09
pdf_text "$TMP/f.pdf" "$TMP/f.txt"
contains "tháng 02" "$TMP/f.txt" "ngày 09 tháng 02 năm 2021"
expect_status 0 "dated by default today" "$LT" report --unit HU-CL --year 2020 --format pdf -o "$TMP/t.pdf"
pdf_text "$TMP/t.pdf" "$TMP/t.txt"
contains "today" "$TMP/t.txt" "ngày 02 tháng 12 năm 2026"

# a commune's and a cell's letterheads
expect_status 0 "commune report" "$LT" report --unit DB-TT --year 2020 --format pdf -o "$TMP/tt.pdf"
pdf_text "$TMP/tt.pdf" "$TMP/tt.txt"
contains "the district's organisation above" "$TMP/tt.txt" "ĐẢNG BỘ HUYỆN CHỢ LÁCH"
contains "the commune's committee" "$TMP/tt.txt" "ĐẢNG ỦY XÃ TÂN THIỀNG"
contains "ĐU" "$TMP/tt.txt" "-BC/ĐU"
contains "the commune's place" "$TMP/tt.txt" "Tân Thiềng, ngày 02 tháng 12 năm 2026"
contains "T/M ĐẢNG ỦY" "$TMP/tt.txt" "T/M ĐẢNG ỦY"
expect_status 0 "a commune of a long name" "$LT" report --unit DB-HKTB --year 2020 --format pdf -o "$TMP/hk.pdf"
pdf_text "$TMP/hk.pdf" "$TMP/hk.txt"
contains "its name breaks before the place, never inside" "$TMP/hk.txt" "HƯNG KHÁNH TRUNG B"
contains "nor the date" "$TMP/hk.txt" "ngày 02 tháng 12 năm 2026"
head=$(db_sql "SELECT p.full_name FROM membership m JOIN person p ON p.id=m.person_id
    JOIN unit u ON u.id=m.unit_id WHERE u.code='DB-TT' AND m.head=1 ORDER BY m.valid_from, m.person_id")
contains "signed by its secretary ($head)" "$TMP/tt.txt" "${head:-(no secretary found)}"
expect_status 0 "cell report" "$LT" report --unit DB-TT-02 --year 2020 --format pdf -o "$TMP/c.pdf"
pdf_text "$TMP/c.pdf" "$TMP/c.txt"
contains "the commune's organisation above the cell" "$TMP/c.txt" "ĐẢNG BỘ XÃ TÂN THIỀNG"
contains "the cell, without the commune again" "$TMP/c.txt" "CHI BỘ ẤP 2"
lacks "not its long name" "$TMP/c.txt" "CHI BỘ ẤP 2, XÃ TÂN THIỀNG"
contains "CB" "$TMP/c.txt" "-BC/CB"
contains "the cell's place is its commune's" "$TMP/c.txt" "Tân Thiềng, ngày"
lacks "not the hamlet" "$TMP/c.txt" "ấp 2, xã Tân Thiềng, ngày"
contains "T/M CHI BỘ" "$TMP/c.txt" "T/M CHI BỘ"
contains "reported to the commune's committee" "$TMP/c.txt" "- Đảng ủy xã Tân Thiềng (báo cáo),"
contains "filed by the cell" "$TMP/c.txt" "- Lưu Chi bộ."
# 2025: the new commune under the province, the boards merged
expect_status 0 "the new xã Chợ Lách, 2025" "$LT" report --unit DB-XCL --year 2025 --format pdf -o "$TMP/x.pdf"
pdf_text "$TMP/x.pdf" "$TMP/x.txt"
contains "under the province" "$TMP/x.txt" "ĐẢNG BỘ TỈNH VĨNH LONG"
contains "its committee" "$TMP/x.txt" "ĐẢNG ỦY XÃ CHỢ LÁCH"
contains "its place" "$TMP/x.txt" "Chợ Lách, ngày"
contains "the merged board" "$TMP/x.txt" "- Ban Tuyên giáo và Dân vận Tỉnh ủy,"
tr '\n' ' ' < "$TMP/x.txt" | tr -s ' ' > "$TMP/x1.txt"
contains "carries whom it was formed from" "$TMP/x1.txt" "Đảng bộ xã Chợ Lách được thành lập ngày 01/07/2025 trên cơ sở hợp nhất Đảng bộ Thị trấn Chợ Lách, Đảng bộ xã Hòa Nghĩa và Đảng bộ xã Long Thới."
contains "and their own figures to their last day" "$TMP/x1.txt" "Đảng bộ xã Long Thới (đến ngày 30/06/2025) 100,0%"
expect_status 0 "the province formed in 2025" "$LT" report --unit TU-VL --year 2025 --format pdf -o "$TMP/vl.pdf"
pdf_text "$TMP/vl.pdf" "$TMP/vl.txt"
tr '\n' ' ' < "$TMP/vl.txt" | tr -s ' ' > "$TMP/vl1.txt"
contains "formed from the Party organisations only" "$TMP/vl1.txt" "trên cơ sở hợp nhất Đảng bộ tỉnh Bến Tre và Huyện ủy Chợ Lách."
expect_status 0 "the district's 2024 still" "$LT" report --unit HU-CL --year 2024 --format pdf -o "$TMP/h24.pdf"
pdf_text "$TMP/h24.pdf" "$TMP/h24.txt"
contains "under its own letterhead" "$TMP/h24.txt" "HUYỆN ỦY CHỢ LÁCH"
lacks "formed from nobody" "$TMP/h24.txt" "được thành lập"
# an agency is not a Party organisation: its own documents keep the State's header
expect_status 0 "an agency's report" "$LT" report --unit CQ-KB --year 2020 --format html -o "$TMP/kb.html"
contains "the State's title" "$TMP/kb.html" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

# the signer and recipients given; marks that are wrong say so and write nothing
expect_status 0 "signer and recipients given" "$LT" report --unit DB-TT --year 2020 --format pdf \
    -o "$TMP/g.pdf" --signer "Nguyễn Văn Bình" --recipients "Huyện ủy Chợ Lách (báo cáo); - Lưu VP"
pdf_text "$TMP/g.pdf" "$TMP/g.txt"
contains "the signer given" "$TMP/g.txt" "Nguyễn Văn Bình"
contains "the recipients given, one a line" "$TMP/g.txt" "- Huyện ủy Chợ Lách (báo cáo)"
contains "each with one dash" "$TMP/g.txt" "- Lưu VP"
lacks "not the default ones" "$TMP/g.txt" "Ban Tuyên giáo"
expect_status 1 "a number that is not one" "$LT" report --year 2020 --format pdf -o "$TMP/bad.pdf" --number 12a
contains "says which mark" "$TMP/err" "số văn bản \"12a\""
expect_status 1 "a day that does not exist" "$LT" report --year 2020 --format pdf -o "$TMP/bad.pdf" --date 30/02/2021
contains "says so" "$TMP/err" "ngày văn bản \"30/02/2021\""
check "nothing written" test ! -e "$TMP/bad.pdf"

# every format carries the same letterhead
for f in docx html xlsx; do
    expect_status 0 "report $f" "$LT" report --unit HU-CL --year 2020 --format $f -o "$TMP/hu.$f" --number 127 \
        --date 05/12/2020
done
unzip -p "$TMP/hu.docx" word/document.xml > "$TMP/doc.xml"
contains "docx: the Party's name" "$TMP/doc.xml" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "docx: underlined" "$TMP/doc.xml" '<w:u w:val="single"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">ĐẢNG CỘNG SẢN VIỆT NAM'
contains "docx: the number" "$TMP/doc.xml" "Số 127-BC/HU"
contains "docx: the date in italics" "$TMP/doc.xml" '<w:i/><w:sz w:val="26"/></w:rPr><w:t xml:space="preserve">Chợ Lách, ngày 05 tháng 12 năm 2020'
contains "docx: the signer" "$TMP/doc.xml" "Lê Minh Hòa"
contains "docx: thousands" "$TMP/doc.xml" "4.238"
contains "docx: a table's header again on every page" "$TMP/doc.xml" "<w:tblHeader/>"
contains "docx: pages numbered, but the first" "$TMP/doc.xml" "<w:titlePg/>"
unzip -p "$TMP/hu.docx" word/header1.xml > "$TMP/hdr.xml"
contains "docx: the number at the top" "$TMP/hdr.xml" "PAGE"
contains "html: ruled" "$TMP/hu.html" '<b class="ruled">ĐẢNG CỘNG SẢN VIỆT NAM</b>'
contains "html: the number" "$TMP/hu.html" "Số 127-BC/HU"
unzip -p "$TMP/hu.xlsx" xl/sharedStrings.xml > "$TMP/xs.xml"
contains "xlsx: the Party's name" "$TMP/xs.xml" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "xlsx: the number" "$TMP/xs.xml" "Số 127-BC/HU"
unzip -p "$TMP/hu.xlsx" xl/workbook.xml > "$TMP/wb.xml"
contains "xlsx: sheets named in Vietnamese" "$TMP/wb.xml" '<sheet name="Triển khai chuyên đề"'
contains "xlsx: the cover" "$TMP/wb.xml" '<sheet name="Báo cáo"'
unzip -p "$TMP/hu.xlsx" xl/styles.xml > "$TMP/st.xml"
contains "xlsx: bordered cells" "$TMP/st.xml" '<left style="thin">'
pdftotext "$TMP/hu.pdf" - | grep -c "Biểu đồ 1. Tỷ lệ triển khai chuyên đề" > "$TMP/n"
equals "the chart has its title" "$(cat "$TMP/n")" 1
pdftotext -layout "$TMP/hu.pdf" - > "$TMP/hu-full.txt"
contains "a long name wraps, never cut" "$TMP/hu-full.txt" "Kho bạc Nhà nước huyện Chợ"
lacks "no name cut short" "$TMP/hu-full.txt" "Chợ Lá…"

# LibreOffice opens them with the letterhead whole
for f in docx xlsx; do
    rm -rf "$TMP/lo"
    if timeout 180 libreoffice -env:UserInstallation=file://$TMP/lo-profile --headless --convert-to pdf \
            --outdir "$TMP/lo" "$TMP/hu.$f" > /dev/null 2>&1 && [ -s "$TMP/lo/hu.pdf" ]; then ok
    else bad "libreoffice converts the $f"; fi
    pdftotext "$TMP/lo/hu.pdf" "$TMP/lo.txt" 2>/dev/null
    for want in "ĐẢNG CỘNG SẢN VIỆT NAM" "ĐẢNG BỘ TỈNH BẾN TRE" "Số 127-BC/HU" "Chợ Lách, ngày 05 tháng 12 năm 2020"; do
        contains "libreoffice $f: $want" "$TMP/lo.txt" "$want"
    done
    [ $f = xlsx ] || contains "libreoffice docx: the signer" "$TMP/lo.txt" "Lê Minh Hòa"
done

# a non-party employee's form: headed by their agency, without the Party's header
A=$(db_sql "SELECT p.code FROM registration r JOIN person p ON p.id=r.person_id JOIN unit u ON
    u.id=r.unit_id WHERE r.year=2020 AND u.kind='agency' AND p.party_joined_on IS NULL ORDER BY p.code LIMIT 1")
expect_status 0 "an employee's form ($A)" "$LT" form --year 2020 --person "$A" --format pdf -o "$TMP/ag.pdf"
pdf_text "$TMP/ag.pdf" "$TMP/ag.txt"
contains "the agency's header" "$TMP/ag.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
lacks "not the Party's" "$TMP/ag.txt" "ĐẢNG CỘNG SẢN VIỆT NAM"
lacks "nor a Party committee above it" "$TMP/ag.txt" "ĐẢNG BỘ HUYỆN"
contains "its head confirms" "$TMP/ag.txt" "XÁC NHẬN CỦA CƠ QUAN"

# the form a member signs: the cell's letterhead, its secretary confirms
P=$(db_sql "SELECT p.code FROM registration r JOIN person p ON p.id=r.person_id
    JOIN unit u ON u.id=r.unit_id WHERE r.year=2020 AND u.code='DB-TT-02' ORDER BY p.code LIMIT 1")
expect_status 0 "a registration form" "$LT" form --year 2020 --person "$P" --format pdf -o "$TMP/form.pdf" \
    --date 10/01/2020
pdf_text "$TMP/form.pdf" "$TMP/form.txt"
contains "form: the Party's name" "$TMP/form.txt" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "form: the commune above the cell" "$TMP/form.txt" "ĐẢNG BỘ XÃ TÂN THIỀNG"
contains "form: place and date" "$TMP/form.txt" "Tân Thiềng, ngày 10 tháng 01 năm 2020"
contains "form: the cell confirms" "$TMP/form.txt" "T/M CHI BỘ"
lacks "form: no number" "$TMP/form.txt" "-BC/"
contains "form: what it rests on" "$TMP/form.txt" "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016"
lacks "form: no conclusion before 2021" "$TMP/form.txt" "Kết luận số 01-KL/TW"
contains "form: the year's topic" "$TMP/form.txt" "Chuyên đề năm 2020: “"
contains "form: the birth date" "$TMP/form.txt" "Ngày sinh: "
contains "form: what they study" "$TMP/form.txt" "II. NỘI DUNG HỌC TẬP"
contains "form: the commitments" "$TMP/form.txt" "III. NỘI DUNG ĐĂNG KÝ LÀM THEO"
contains "form: the pledge" "$TMP/form.txt" "Tôi xin cam kết thực hiện nghiêm túc"
contains "form: the day the cell approved it" "$TMP/form.txt" "(duyệt ngày "
K=$(db_sql "SELECT p.code FROM registration r JOIN person p ON p.id=r.person_id
    WHERE r.year=2021 AND r.key_cadre=1 AND r.published_at IS NOT NULL ORDER BY p.code LIMIT 1")
expect_status 0 "a key cadre's review form, 2021" "$LT" form --year 2021 --person "$K" --review --format pdf \
    -o "$TMP/review.pdf"
pdf_text "$TMP/review.pdf" "$TMP/review.txt"
contains "review: the conclusion of 2021" "$TMP/review.txt" "Căn cứ Kết luận số 01-KL/TW ngày 18/5/2021"
contains "review: published, and when" "$TMP/review.txt" "đã công khai ngày"
contains "review: the items assessed" "$TMP/review.txt" "Tự đánh giá"
contains "review: the self-criticism" "$TMP/review.txt" "IV. TỰ NHẬN XÉT, TỰ PHÊ BÌNH"
contains "review: the cell's comment" "$TMP/review.txt" "V. NHẬN XÉT, ĐÁNH GIÁ CỦA CHI BỘ"
contains "review: the grade" "$TMP/review.txt" "Xếp loại: Hoàn thành"
pdftoppm -png -r 50 -f 1 -l 1 "$TMP/form.pdf" "$ART/form-2020" && ok || bad "the form's page image"

# sections with substance, set so they can be read
expect_status 0 "a five-year report" "$LT" report --unit HU-CL --from 2016 --to 2020 --format pdf -o "$TMP/five.pdf"
pdf_text "$TMP/five.pdf" "$TMP/five.txt"
contains "each year's topic" "$TMP/five.txt" "- Năm 2016: “Học tập và làm theo"
contains "the years side by side" "$TMP/five.txt" "Bảng. Kết quả qua các năm"
contains "the inspections themselves" "$TMP/five.txt" "Huyện ủy Chợ Lách kiểm tra Đảng bộ xã Hòa Nghĩa"
contains "the breakthroughs with their results" "$TMP/five.txt" "Kết quả: Đạt: 100% hồ sơ giải quyết đúng hạn."
equals "the written parts' places" "$(grep -c '^III. ĐÁNH GIÁ CHUNG\|^IV. PHƯƠNG HƯỚNG\|^V. KIẾN NGHỊ' "$TMP/five.txt")" 3
check "a table's header again on the page it goes on to" test "$(grep -c '^ *Đơn vị ' "$TMP/five.txt")" -ge 4
equals "no rate broken across lines" "$(grep -c '^ *% *$' "$TMP/five.txt")" 0
# a year without a topic has nothing to deploy: no deployment rate, said so
expect_status 0 "a year before the first topic" "$LT" report --unit HU-CL --year 2015 --format pdf -o "$TMP/y15.pdf"
pdf_text "$TMP/y15.pdf" "$TMP/y15.txt"
tr '\n' ' ' < "$TMP/y15.txt" | tr -s ' ' > "$TMP/y15a.txt"
contains "said plainly" "$TMP/y15a.txt" "cấp ủy không ban hành chuyên đề cho đơn vị nên không có tỷ lệ triển khai chuyên đề."
lacks "no deployment table" "$TMP/y15.txt" "Bảng 1. Triển khai chuyên đề"
lacks "no 0,0% deployed" "$TMP/y15a.txt" "được triển khai đến"
expect_status 0 "a range across it" "$LT" report --unit HU-CL --from 2015 --to 2016 --format pdf -o "$TMP/y1516.pdf"
pdf_text "$TMP/y1516.pdf" "$TMP/y1516.txt"
contains "that year without a topic" "$TMP/y1516.txt" "- Năm 2015: không có chuyên đề."
contains "and without a rate in the years' table" "$TMP/y1516.txt" "2015 — —"

# page images to look at, kept beside the build
pdftoppm -png -r 50 -f 1 -l 1 "$TMP/hu.pdf" "$ART/report-2020" &&
    pdftoppm -png -r 50 -f 1 -l 1 "$TMP/five.pdf" "$ART/report-2016-2020" && ok || bad "page images"

# a unit's own letterhead, kept by its officer, and the web's download form
start_server || { finish; exit 0; }
login "$TMP/off" bithu.tantieng tantieng-demo-2020
http "the unit page offers it" 200 -b "$TMP/off" "$BASE/don-vi/DB-TT"
contains "the form" "$TMP/body" 'action="/don-vi/DB-TT/the-thuc"'
http "an abbreviation of one word only" 400 -b "$TMP/off" -d "csrf=$CSRF&ky_hieu=Đ U&dia_danh=&nguoi_ky=" "$BASE/don-vi/DB-TT/the-thuc"
contains "says how" "$TMP/body" "viết liền"
code=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$TMP/off" \
    --data-urlencode "csrf=$CSRF" --data-urlencode "ky_hieu=ĐUTT" --data-urlencode "dia_danh=Cái Mơn" \
    --data-urlencode "nguoi_ky=Trần Văn Ký" "$BASE/don-vi/DB-TT/the-thuc")
equals "saved, back to the unit" "$code" "303 $BASE/don-vi/DB-TT?xong=the-thuc"
equals "audited" "$(db_sql "SELECT count(*) FROM audit WHERE entity='unit_letterhead' AND actor='bithu.tantieng'")" 1
http "another commune's is not theirs" 403 -b "$TMP/off" -d "csrf=$CSRF&ky_hieu=X" "$BASE/don-vi/DB-SD/the-thuc"
curl -s -o "$TMP/w.pdf" -b "$TMP/off" -G --data-urlencode "don_vi=DB-TT" --data-urlencode "nam=2020" \
    --data-urlencode "dinh_dang=pdf" --data-urlencode "so=12" --data-urlencode "ngay=15/12/2020" "$BASE/bao-cao"
pdf_text "$TMP/w.pdf" "$TMP/w.txt"
contains "the unit's own abbreviation" "$TMP/w.txt" "Số 12-BC/ĐUTT"
contains "its own place, the date given" "$TMP/w.txt" "Cái Mơn, ngày 15 tháng 12 năm 2020"
contains "its own signer" "$TMP/w.txt" "Trần Văn Ký"
curl -s -o "$TMP/wc.pdf" -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT-02&nam=2020&dinh_dang=pdf"
pdf_text "$TMP/wc.pdf" "$TMP/wc.txt"
contains "a cell takes its committee's place" "$TMP/wc.txt" "Cái Mơn, ngày"
http "the dashboard's form" 200 -b "$TMP/off" "$BASE/tong-quan?don_vi=DB-TT&nam=2020"
contains "asks the number" "$TMP/body" 'name="so"'
contains "the signer" "$TMP/body" 'name="nguoi_ky"'
contains "the recipients" "$TMP/body" 'name="noi_nhan"'
http "a wrong mark is said" 400 -b "$TMP/off" "$BASE/bao-cao?don_vi=DB-TT&nam=2020&dinh_dang=pdf&so=x"
contains "which one" "$TMP/body" "số văn bản"
stop_server
# what the work rests on: Kết luận 01-KL/TW beside Chỉ thị 05-CT/TW from 2021
expect_status 0 "a report of 2024" "$LT" report --unit DB-TT --year 2024 --format html -o "$TMP/basis24.html"
contains "cites the directive and the conclusion" "$TMP/basis24.html" "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và Kết luận số 01-KL/TW ngày 18/5/2021"
expect_status 0 "a report of 2019" "$LT" report --unit DB-TT --year 2019 --format html -o "$TMP/basis19.html"
contains "cites the directive" "$TMP/basis19.html" "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016"
lacks "and no conclusion yet" "$TMP/basis19.html" "01-KL/TW"
expect_status 0 "a bulletin of 2024" "$LT" bulletin --year 2024 --unit DB-TT
contains "the bulletin reads out the conclusion" "$TMP/out" "phong cách Hồ Chí Minh và Kết luận số không một của Bộ Chính trị, Đài xin"
expect_status 0 "a bulletin of 2020" "$LT" bulletin --year 2020 --unit DB-TT
lacks "not before 2021" "$TMP/out" "01-KL/TW"
finish
