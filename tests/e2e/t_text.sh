# t_text.sh — what stored text may hold and what the documents make of it
# (issue 16): control characters refused on every input path, and made
# harmless by every document writer for databases that already hold them
# (16.4); download names built from any code, and what a new code may hold
# (16.5); a UTF-8 file with a few bad bytes reported byte by byte, on the
# command line and on the import page (16.13).  LT_ENGINE=postgresql
# (t_text_pg.sh) runs the same on a copy of the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
VT=$(printf '\013')
SOH=$(printf '\001')
TAB=$(printf '\t')
REG=$(db_sql "SELECT r.id FROM registration r JOIN person p ON p.id=r.person_id
      WHERE r.year=2020 AND r.published_at IS NOT NULL AND p.code='CL00356'")
PERSON=CL00356                 # a key cadre of DB-TT, published in 2020
# a code older versions accepted (imported before codes had a form), for 16.5
BADCODE='XSS-Q"; filename=evil.html'
db_sql "UPDATE unit SET code='$BADCODE' WHERE code='DB-TT-02'" || bad "store an old bad code"

# ---- 16.4 refused: import, the JSON API, the page forms -------------------------------
printf 'ma_nguoi,nam,noi_dung,nhom\nCL00001,2030,Học tập%slàm theo,morality\n' "$VT" > "$TMP/vt.csv"
before=$(db_sql "SELECT count(*) FROM registration_item")
expect_status 1 "import: an item with U+000B refused" "$LT" import registrations "$TMP/vt.csv"
contains "import: FILE:LINE: column: message" "$TMP/err" \
    "$TMP/vt.csv:2: noi_dung (Nội dung đăng ký): nội dung có ký tự điều khiển không được phép (U+000B) ở vị trí 8 | the text contains a control character that is not allowed (U+000B) at position 8"
printf 'ma_nguoi,nam,noi_dung,nhom\nCL00001,2030,Một,morality\nCL00001,2030,Hai\001,style\n' > "$TMP/soh.csv"
expect_status 1 "import: the second item of a registration refused" "$LT" import registrations "$TMP/soh.csv"
contains "import: at the item's own line" "$TMP/err" "$TMP/soh.csv:3: noi_dung (Nội dung đăng ký): nội dung có ký tự điều khiển không được phép (U+0001) ở vị trí 4"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nT1,"Võ%sVăn Tư",DB-TT-01,cadre\n' "$TAB" > "$TMP/tab.csv"
expect_status 1 "import: a name with a tab refused" "$LT" import people "$TMP/tab.csv"
contains "import: a name is one line" "$TMP/err" "$TMP/tab.csv:2: ho_ten (Họ và tên): phải viết trên một dòng"
equals "import wrote nothing" "$(db_sql "SELECT count(*) FROM registration_item")" "${before:-(no count read)}"

start_server || { finish; exit 0; }
login "$TMP/a" quantri quantri-demo-2020; C=$CSRF
NEW=$(curl -s -b "$TMP/a" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' -d '{"year":2031}' \
      "$BASE/api/v1/people/CL00001/registrations" | grep -o '[0-9]*' | head -1)
http "API: an item with U+0001 refused" 400 -b "$TMP/a" -H "X-CSRF-Token: $C" -H 'Content-Type: application/json' \
    -d '{"body":"Làm theo\u0001 Bác","group":"style"}' "$BASE/api/v1/registrations/$NEW/items"
contains "API: names the character and its place" "$TMP/body" "(U+0001) ở vị trí 9"
http "form: an item with U+000B refused" 400 -b "$TMP/a" --data-urlencode "noi_dung=Một${VT}hai" \
    -d "csrf=$C&nhom=style" "$BASE/dang-ky/$NEW/noi-dung"
contains "form: names the character and its place" "$TMP/body" "(U+000B) ở vị trí 4"
http "form: CR LF and tabs in an item are kept" 303 -b "$TMP/a" --data-urlencode "noi_dung=Một${TAB}hai
ba" -d "csrf=$C&nhom=style" "$BASE/dang-ky/$NEW/noi-dung"

# ---- 16.5 downloads are named from a sanitised name, whatever the code ----------------
curl -s -D "$TMP/h" -o "$TMP/r.pdf" -b "$TMP/a" "$BASE/bao-cao?don_vi=XSS-Q%22%3B%20filename%3Devil.html&nam=2020&dinh_dang=pdf"
tr -d '\r' < "$TMP/h" > "$TMP/hdr"
contains "report: one plain name and its UTF-8 form" "$TMP/hdr" \
    "Content-Disposition: attachment; filename=\"bao-cao-XSS-Q-filename-evil.html-2020.pdf\"; filename*=UTF-8''bao-cao-XSS-Q-filename-evil.html-2020.pdf"
equals "report: the quote did not end the name" "$(grep -c 'filename=evil' "$TMP/hdr")" 0
if head -c 5 "$TMP/r.pdf" | grep -q '%PDF-'; then ok; else bad "report of the old code is still made"; fi
curl -s -D "$TMP/h" -o /dev/null -b "$TMP/a" "$BASE/dang-ky/$REG/in?dinh_dang=docx"
tr -d '\r' < "$TMP/h" > "$TMP/hdr"
contains "form: named by the helper" "$TMP/hdr" \
    "Content-Disposition: attachment; filename=\"dang-ky-$REG.docx\"; filename*=UTF-8''dang-ky-$REG.docx"
curl -s -D "$TMP/h" -o /dev/null -b "$TMP/a" "$BASE/xuat/units"
tr -d '\r' < "$TMP/h" > "$TMP/hdr"
contains "export: a download too, named in Vietnamese" "$TMP/hdr" "Content-Disposition: attachment; filename=\"Danh-sach-don-vi.csv\"; filename*=UTF-8''Danh-s%C3%A1ch-%C4%91%C6%A1n-v%E1%BB%8B.csv"

# ---- 16.13 a UTF-8 file with a few bad bytes: each byte named at once ------------------
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP601,Nguyễn Văn An,DB-TT-01,cadre\nP602,Trần Thị B\341nh,DB-TT-01,cadre\nP603,Lê \377 Văn,DB-TT-01,cadre\n' > "$TMP/bad8.csv"
http "import page: the file checked" 200 -b "$TMP/a" -F "csrf=$C" -F loai=people -F "tep=@$TMP/bad8.csv" "$BASE/nhap"
contains "import page: the first bad byte, its line and column" "$TMP/body" "<td>3</td><td>ký tự 16</td><td></td><td>byte 0xE1 không phải UTF-8 hợp lệ</td>"
contains "import page: the second" "$TMP/body" "<td>4</td><td>ký tự 9</td><td></td><td>byte 0xFF không phải UTF-8 hợp lệ</td>"
lacks "import page: no question of the encoding" "$TMP/body" "bảng mã"
stop_server
equals "nothing but the good item written" \
    "$(db_sql "SELECT count(*) FROM registration_item WHERE registration_id=$NEW")" 1

# ---- 16.4 written: a database that already holds controls (older versions stored them) -----
# (the characters written into the SQL as they are: char() is SQLite's;
# U+0085 and U+FFFE, U+FFFF as their UTF-8 bytes)
US=$(printf '\037') ESC=$(printf '\033') NEL=$(printf '\302\205') FFFE=$(printf '\357\277\276') FFFF=$(printf '\357\277\277')
db_sql "UPDATE topic SET title=title || '$VT$FFFF' WHERE year=2020" || bad "put controls in the database (topic)"
db_sql "UPDATE standard SET motto=motto || '$SOH$US'" || bad "put controls in the database (standard)"
db_sql "UPDATE person SET full_name='Đặng Đức${SOH}Phúc', position='Bí thư$VT$FFFF'
        WHERE code='$PERSON'" || bad "put controls in the database (person)"
db_sql "UPDATE registration_item SET body=body || '$VT$ESC$NEL$FFFE'
        WHERE registration_id=$REG" || bad "put controls in the database (registration_item)"
# every XML part of every zip a writer makes is well-formed
xml_parts_ok() {   # NAME FILE
    rm -rf "$TMP/x"; mkdir "$TMP/x"
    if unzip -q "$2" -d "$TMP/x"; then ok; else bad "$1 unzips"; return; fi
    for x in $(find "$TMP/x" -name '*.xml' -o -name '*.rels'); do
        if xmllint --noout "$x" 2> "$TMP/xml.err"; then ok; else bad "$1: $(basename "$x") not well-formed"; head -3 "$TMP/xml.err"; fi
    done
}
expect_status 0 "report docx" "$LT" report --unit DB-TT --year 2020 --format docx -o "$TMP/r.docx"
xml_parts_ok "report docx" "$TMP/r.docx"
unzip -p "$TMP/r.docx" word/document.xml > "$TMP/r.xml"
contains "report docx shows U+FFFD where the controls were" "$TMP/r.xml" "��”."
expect_status 0 "report xlsx" "$LT" report --unit DB-TT --year 2020 --format xlsx -o "$TMP/r.xlsx"
xml_parts_ok "report xlsx" "$TMP/r.xlsx"
expect_status 0 "report html" "$LT" report --unit DB-TT --year 2020 --format html -o "$TMP/r.html"
if xmllint --noout "$TMP/r.html" 2>/dev/null; then ok; else bad "report html well-formed"; fi
expect_status 0 "report pdf" "$LT" report --unit DB-TT --year 2020 --format pdf -o "$TMP/r.pdf"
expect_status 0 "form docx" "$LT" form --year 2020 --person "$PERSON" --format docx -o "$TMP/f.docx"
xml_parts_ok "form docx" "$TMP/f.docx"
unzip -p "$TMP/f.docx" word/document.xml > "$TMP/f.xml"
contains "form docx shows U+FFFD where the control was" "$TMP/f.xml" "Đặng Đức�Phúc"
expect_status 0 "review form docx" "$LT" form --year 2020 --person "$PERSON" --review --format docx -o "$TMP/fr.docx"
xml_parts_ok "review form docx" "$TMP/fr.docx"
expect_status 0 "form pdf" "$LT" form --year 2020 --person "$PERSON" --format pdf -o "$TMP/f.pdf"
expect_status 0 "export xlsx" "$LT" export people --format xlsx -o "$TMP/p.xlsx"
xml_parts_ok "export xlsx" "$TMP/p.xlsx"
expect_status 0 "bulletin" "$LT" bulletin --year 2020 --unit DB-TT -o "$TMP/b.txt"
if LC_ALL=C grep -q "[$VT$SOH]" "$TMP/b.txt"; then bad "bulletin holds a control character"; else ok; fi
contains "bulletin reads the name" "$TMP/b.txt" "Đặng Đức Phúc"

# ---- 16.5 a new code holds only A-Z a-z 0-9 - _ . --------------------------------------
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nOK-1,Chi bộ một,cell,DB-TT\n"X""; y",Chi bộ hai,cell,DB-TT\nĐB-3,Chi bộ ba,cell,DB-TT\n' > "$TMP/codes.csv"
expect_status 1 "import: codes of another form refused" "$LT" import units "$TMP/codes.csv"
contains "import: names the quote" "$TMP/err" \
    "$TMP/codes.csv:3: ma_don_vi (Mã đơn vị): mã chỉ được gồm chữ cái không dấu A-Z, a-z, chữ số và - _ . ; không được có \"\"\" (U+0022) ở vị trí 2"
contains "import: names the Đ" "$TMP/err" "$TMP/codes.csv:4: ma_don_vi (Mã đơn vị):"
contains "import: in English too" "$TMP/err" "\"Đ\" (U+0110) at position 1"
equals "import wrote no unit" "$(db_sql "SELECT count(*) FROM unit WHERE code='OK-1'")" 0
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nNV 01,Võ Văn Một,DB-TT-01,cadre\n' > "$TMP/pcode.csv"
expect_status 1 "import: a person code with a space refused" "$LT" import people "$TMP/pcode.csv"
contains "import: names the space" "$TMP/err" "$TMP/pcode.csv:2: ma_nguoi (Mã người):"
expect_status 0 "the old code still reports" "$LT" report --unit "$BADCODE" --year 2020
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\n"XSS-Q""; filename=evil.html",Chi bộ ấp Hai,cell,DB-TT\n' > "$TMP/old.csv"
expect_status 0 "and is still renamed by an import" "$LT" import units "$TMP/old.csv"
equals "renamed" "$(db_sql "SELECT name FROM unit WHERE code='XSS-Q\"; filename=evil.html'")" "Chi bộ ấp Hai"

# ---- 16.13 the same on the command line, detected or said ------------------------------
before=$(db_sql "SELECT count(*) FROM person")
for opt in "" "--encoding utf-8"; do how=${opt:-detected}
    expect_status 1 "import $how: refused" "$LT" import people "$TMP/bad8.csv" $opt
    contains "import $how: FILE:LINE:COLUMN of the first bad byte" "$TMP/err" \
        "$TMP/bad8.csv:3:16: byte 0xE1 không phải UTF-8 hợp lệ | byte 0xE1 is not valid UTF-8"
    contains "import $how: and of the second" "$TMP/err" "$TMP/bad8.csv:4:9: byte 0xFF không phải UTF-8 hợp lệ"
    contains "import $how: counted" "$TMP/err" "2 lỗi"
    lacks "import $how: no question of the encoding" "$TMP/err" "--encoding"
done
printf '\357\273\277ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP604,V\303\265 \300n,DB-TT-01,cadre\n' > "$TMP/bom8.csv"
expect_status 1 "import with a BOM: refused" "$LT" import people "$TMP/bom8.csv"
contains "import with a BOM: the column as the file shows it" "$TMP/err" "$TMP/bom8.csv:2:9: byte 0xC0"
equals "nothing written" "$(db_sql "SELECT count(*) FROM person")" "${before:-(no count read)}"
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong"; for (i = 0; i < 1500; i++) printf "Q%d,Lê Văn \377%d,DB-TT-01,cadre\n", i, i }' > "$TMP/many8.csv"
expect_status 1 "import of many bad bytes: refused" "$LT" import people "$TMP/many8.csv"
contains "import of many bad bytes: the usual limit" "$TMP/err" "... và 500 lỗi khác | ... and 500 more problems"
contains "import of many bad bytes: the count as a clerk reads it" "$TMP/err" "1.500 lỗi; không ghi gì vào cơ sở dữ liệu (1,500 problems;"
expect_status 1 "import with one bad byte: refused" "$LT" import people "$TMP/bom8.csv"
contains "one problem is one in English too" "$TMP/err" "1 lỗi; không ghi gì vào cơ sở dữ liệu (1 problem; nothing was written)"
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong"; for (i = 0; i < 1001; i++) printf "Q%d,Lê Văn \377%d,DB-TT-01,cadre\n", i, i }' > "$TMP/more8.csv"
expect_status 1 "import of 1,001 bad bytes: refused" "$LT" import people "$TMP/more8.csv"
contains "one more problem is one" "$TMP/err" "... và 1 lỗi khác | ... and 1 more problem"

finish
