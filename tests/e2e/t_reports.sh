# t_reports.sh — the report as documents: HTML, XLSX, DOCX and PDF from the
# demo database, read back: well-formed parts, the article's figures in
# the text, XLSX numbers equal to the JSON report's, a page that is not blank.
. tests/e2e/lib.sh
"$LT" init --demo > /dev/null || bad "init --demo"
for f in html xlsx docx pdf; do
    expect_status 0 "report $f" "$LT" report --year 2020 --format $f -o "$TMP/r.$f"
done
expect_status 2 "binary formats need -o" "$LT" report --year 2020 --format pdf
expect_status 2 "unknown format" "$LT" report --year 2020 --format odt

# HTML: well-formed, the figures, the administrative layout
if xmllint --noout "$TMP/r.html" 2>/dev/null; then ok; else bad "html well-formed"; fi
contains "html 98,8%" "$TMP/r.html" "84/85 lượt tổ chức đảng trực thuộc, đạt tỷ lệ 98,8%"
contains "html national title" "$TMP/r.html" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
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
sheet=sheet2.xml  # sheet1 is the cover page, sheet2 "Bang 1"
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
finish
