# t_reports.sh — the report as documents: HTML, XLSX, DOCX and PDF from the
# demo database, read back: well-formed parts, the article's figures in
# the text, XLSX numbers equal to the JSON report's, a page that is not blank.
# LT_ENGINE=postgresql (t_reports_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
for f in html xlsx docx pdf; do
    expect_status 0 "report $f" "$LT" report --year 2020 --format $f -o "$TMP/r.$f"
done
expect_status 2 "binary formats need -o" "$LT" report --year 2020 --format pdf
expect_status 2 "unknown format" "$LT" report --year 2020 --format odt

# HTML: well-formed, the figures, the Party's letterhead
if xmllint --noout "$TMP/r.html" 2>/dev/null; then ok; else bad "html well-formed"; fi
contains "html 98,8%" "$TMP/r.html" "84/85 lượt tổ chức đảng trực thuộc, đạt tỷ lệ 98,8%"
contains "html: the Party's letterhead" "$TMP/r.html" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "html issuing body" "$TMP/r.html" "HUYỆN ỦY CHỢ LÁCH"

# DOCX and XLSX: zip archives whose XML parts are well-formed
for f in docx xlsx; do
    rm -rf "$TMP/$f"; mkdir "$TMP/$f"
    if unzip -q "$TMP/r.$f" -d "$TMP/$f"; then ok; else bad "$f unzips"; fi
    n=0
    for x in $(find "$TMP/$f" -name '*.xml' -o -name '*.rels'); do
        xmllint --noout "$x" 2>/dev/null || { bad "$f part $(basename "$x") well-formed"; n=1; }
    done
    [ $n = 0 ] && ok
done
contains "docx text" "$TMP/docx/word/document.xml" "đạt tỷ lệ 98,8%"
contains "docx chart picture" "$TMP/docx/word/_rels/document.xml.rels" "media/chart1.png"
# XLSX numbers are numbers: the district's deployment rate 0.988 on sheet 1 (Bang 1), targets 85
sheet=sheet2.xml  # sheet1 is the cover page, sheet2 "Triển khai chuyên đề"
contains "xlsx rate stored as a number" "$TMP/xlsx/xl/worksheets/$sheet" "<v>0.988</v>"
contains "xlsx count stored as a number" "$TMP/xlsx/xl/worksheets/$sheet" "<v>85</v>"
contains "xlsx frozen header" "$TMP/xlsx/xl/worksheets/$sheet" 'state="frozen"'
contains "xlsx percent format" "$TMP/xlsx/xl/styles.xml" 'formatCode="0.0%"'
"$LT" report --year 2020 --format json > "$TMP/r.json"
contains "json agrees: 84 of 85" "$TMP/r.json" '"deployed": 84,'

# PDF: text extractable with the figures; the first page rendered is not blank
pdftotext "$TMP/r.pdf" "$TMP/r.txt" && ok || bad "pdftotext"
contains "pdf 98,8%" "$TMP/r.txt" "98,8%"
contains "pdf 100,0% completed well" "$TMP/r.txt" "Tỷ lệ hoàn thành tốt trở lên đạt 100,0%"
contains "pdf Vietnamese intact" "$TMP/r.txt" "Huyện ủy Chợ Lách"
pdftoppm -png -r 40 -f 1 -l 1 "$TMP/r.pdf" "$TMP/page"
size=$(wc -c < "$TMP/page-1.png" 2>/dev/null || echo 0)
[ "$size" -gt 8000 ] && ok || bad "first page rendered not blank ($size bytes)"

# a range report carries the trend chart
expect_status 0 "range pdf" "$LT" report --from 2016 --to 2020 --format pdf -o "$TMP/range.pdf"
pdftotext "$TMP/range.pdf" "$TMP/range.txt"
contains "range title" "$TMP/range.txt" "giai đoạn 2016–2020"
# LibreOffice opens what we write: DOCX and XLSX convert to PDF with the figures
for f in docx xlsx; do
    rm -rf "$TMP/lo"
    if timeout 180 libreoffice -env:UserInstallation=file://$TMP/lo-profile --headless --convert-to pdf \
            --outdir "$TMP/lo" "$TMP/r.$f" > /dev/null 2>&1 && [ -s "$TMP/lo/r.pdf" ]; then ok
    else bad "libreoffice converts the $f"; fi
    pdftotext "$TMP/lo/r.pdf" "$TMP/lo.txt" 2>/dev/null
    contains "libreoffice $f shows 98,8%" "$TMP/lo.txt" "98,8%"
done
expect_status 0 "commendations as xlsx" "$LT" export commendations --format xlsx -o "$TMP/c.xlsx"
unzip -p "$TMP/c.xlsx" xl/sharedStrings.xml > "$TMP/c.xml"
contains "the LED model's commendation" "$TMP/c.xml" "huyện lộ 41"

# a long topic title (up to 4,000 bytes is allowed) reaches every document whole
long=$(awk 'BEGIN { for (i = 0; i < 250; i++) printf "Học tập Bác "; printf "CUỐI-CHUYÊN-ĐỀ" }')
db_sql "UPDATE topic SET title='$long' WHERE year=2020"
expect_status 0 "report with a long topic" "$LT" report --year 2020 --format docx -o "$TMP/long.docx"
unzip -p "$TMP/long.docx" word/document.xml > "$TMP/long.xml"
if xmllint --noout "$TMP/long.xml" 2>/dev/null; then ok; else bad "long topic: docx well-formed"; fi
contains "long topic whole" "$TMP/long.xml" "CUỐI-CHUYÊN-ĐỀ"

# the forms people sign: one person's, a whole cell's, the review
P=$(db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE u.code='DB-TT-01' ORDER BY p.id LIMIT 1")
expect_status 0 "registration form pdf" "$LT" form --year 2020 --person "$P" --format pdf -o "$TMP/f.pdf"
pdftotext "$TMP/f.pdf" "$TMP/f.txt"
contains "form title" "$TMP/f.txt" "PHONG CÁCH HỒ CHÍ MINH NĂM 2020"
contains "party name" "$TMP/f.txt" "ĐẢNG CỘNG SẢN VIỆT NAM"
contains "cell confirmation" "$TMP/f.txt" "XÁC NHẬN CỦA CHI BỘ"
contains "the member signs" "$TMP/f.txt" "NGƯỜI ĐĂNG KÝ"
expect_status 0 "review form docx" "$LT" form --year 2020 --person "$P" --review --format docx -o "$TMP/f.docx"
unzip -p "$TMP/f.docx" word/document.xml > "$TMP/f.xml"
if xmllint --noout "$TMP/f.xml"; then ok; else bad "form docx well-formed"; fi
contains "review title" "$TMP/f.xml" "BẢN TỰ ĐÁNH GIÁ, XẾP LOẠI"
contains "grade shown" "$TMP/f.xml" "Xếp loại: "
expect_status 0 "a cell's forms in one file" "$LT" form --year 2020 --unit DB-TT-01 --format pdf -o "$TMP/cell.pdf"
pages=$(pdfinfo "$TMP/cell.pdf" | awk '/^Pages:/ {print $2}')
regs=$(db_sql "SELECT count(*) FROM registration r JOIN unit u ON u.id=r.unit_id WHERE u.code='DB-TT-01' AND r.year=2020")
[ "$pages" -ge "$regs" ] && [ "$regs" -gt 1 ] && ok || bad "one page or more per registration ($pages pages, $regs registrations)"
expect_status 2 "form usage" "$LT" form --year 2020 --format pdf -o "$TMP/x.pdf"
expect_status 1 "form of nobody" "$LT" form --year 2020 --person NOBODY --format pdf -o "$TMP/x.pdf"

# list exports as XLSX: strings stay strings (never formulas)
db_sql "UPDATE person SET position='=1+2' WHERE code='$P';
    UPDATE membership SET position='=1+2' WHERE person_id=(SELECT id FROM person WHERE code='$P')"
expect_status 0 "people as xlsx" "$LT" export people --format xlsx -o "$TMP/p.xlsx"
rm -rf "$TMP/px"; mkdir "$TMP/px"; unzip -q "$TMP/p.xlsx" -d "$TMP/px"
lacks "no formula cells" "$TMP/px/xl/worksheets/sheet1.xml" "<f>"
contains "the text kept as text" "$TMP/px/xl/sharedStrings.xml" "=1+2"
contains "header frozen" "$TMP/px/xl/worksheets/sheet1.xml" 'state="frozen"'
finish
