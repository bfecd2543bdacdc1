# t_import_web.sh — import in the browser (issue 20): the columns each kind
# takes and templates to fill (XLSX, CSV) that import back; an office's
# spreadsheet checked with its header found and what was left out named, a
# preview of the first rows, each problem one a row with its line, the
# column's Vietnamese name and the value; nothing written until confirmed;
# counts of thousands with their separator ("1.234 dòng").  LT_ENGINE=
# postgresql (t_import_web_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
F=tests/fixtures
demo_database
start_server || { finish; exit 0; }
A=$TMP/admin
login "$A" quantri quantri-demo-2020; ACSRF=$CSRF

# the import page says what each kind takes, and offers its templates
http "import page" 200 -b "$A" "$BASE/nhap"
contains "a column with its Vietnamese header, name and required" "$TMP/body" "<td>Họ và tên</td><td><code>ho_ten</code></td><td>có</td>"
contains "a birth date may be a year alone" "$TMP/body" "ngày dd/mm/yyyy, hoặc chỉ năm sinh (1975)"
contains "an XLSX template" "$TMP/body" 'href="/nhap/mau/people.xlsx"'
contains "a CSV template" "$TMP/body" 'href="/nhap/mau/deployments.csv"'
http "import page in English" 200 -b "$A" "$BASE/nhap?lang=en"
contains "English headers" "$TMP/body" "<td>Full name</td><td><code>ho_ten</code></td><td>yes</td>"
http "no such template" 404 -b "$A" "$BASE/nhap/mau/planets.csv"
http "no such format" 404 -b "$A" "$BASE/nhap/mau/people.pdf"

# the CSV template: BOM, the Vietnamese headers; filled in, it imports
curl -s -D "$TMP/hdr" -o "$TMP/tpl.csv" -b "$A" "$BASE/nhap/mau/people.csv"
contains "a download" "$TMP/hdr" "attachment"
contains "BOM and Vietnamese headers" "$TMP/tpl.csv" "$(printf '\357\273\277Mã người,Họ và tên,Ngày sinh,Giới tính,Mã đơn vị')"
printf 'TPL01,Ngô Văn Mẫu,5/3/1975,Nam,DB-SD-01,Chi ủy viên,Đảng viên,x,,,19/05/2001,Trường Tiểu học\r\n' >> "$TMP/tpl.csv"
http "the filled template checked" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/tpl.csv" "$BASE/nhap"
contains "one valid row" "$TMP/body" "tpl.csv: 1 dòng hợp lệ — 1 thêm mới"
contains "its preview under the Vietnamese headers" "$TMP/body" "<th>Dòng</th><th>Mã người</th><th>Họ và tên</th>"
contains "the row previewed" "$TMP/body" "<td>2</td><td>TPL01</td><td>Ngô Văn Mẫu</td><td>5/3/1975</td>"
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
equals "not written before confirming" "$(db_sql "SELECT count(*) FROM person WHERE code='TPL01'")" "0"
http "confirm" 200 -b "$A" -d "csrf=$ACSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan"
contains "says what it wrote" "$TMP/body" "Đã ghi vào cơ sở dữ liệu Cán bộ, đảng viên: 1 dòng — 1 thêm mới"
contains "links to the list" "$TMP/body" 'href="/nguoi"'
equals "written, as the template said" "$(db_sql "SELECT birth_date || ' ' || key_cadre || ' ' || party_joined_on FROM person WHERE code='TPL01'")" "1975-03-05 1 2001-05-19"

# a file that cannot be read as a table: named, where and what, nothing
# written, and the way back to the import page
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nW1,Hà "Huệ,DB-SD-01,Đảng viên\n' > "$TMP/stray.csv"
http "a file with a stray quote checked" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/stray.csv" "$BASE/nhap"
contains "named with its line and what is wrong" "$TMP/body" "stray.csv: dòng 2: dấu ngoặc kép lạc giữa ô không có ngoặc — chưa ghi gì"
contains "the way back to the import page" "$TMP/body" '<a href="/nhap">Sửa tệp rồi nhập lại</a>'
equals "nothing written from it" "$(db_sql "SELECT count(*) FROM person WHERE code='W1'")" "0"

# a CSV whose old encoding cannot be told for sure: the page names the
# likely one and offers the form again with it chosen (the command line's
# --encoding means nothing here); chosen, the file is read
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nW2,\340,DB-SD-01,cadre\n' > "$TMP/unsure.csv"
http "a file of an unsure encoding checked" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/unsure.csv" "$BASE/nhap"
contains "names the likely encoding" "$TMP/body" "unsure.csv: không chắc tệp viết bằng bảng mã nào; có lẽ là <strong>Windows-1258</strong>"
contains "the form again, that encoding chosen" "$TMP/body" '<option value="cp1258" selected="selected">Windows-1258</option>'
contains "the kind kept" "$TMP/body" '<option value="people" selected="selected">'
lacks "no command line advice" "$TMP/body" "--encoding"
http "checked again in that encoding" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F bang_ma=cp1258 -F "tep=@$TMP/unsure.csv" "$BASE/nhap"
contains "read: ready to confirm" "$TMP/body" "/nhap/xac-nhan"
contains "its name decoded" "$TMP/body" "<td>à</td>"
contains "its category as a clerk reads it" "$TMP/body" "<td>Cán bộ</td>"
lacks "not as the code the file wrote" "$TMP/body" "<td>cadre</td>"
equals "nothing written before the confirmation" "$(db_sql "SELECT count(*) FROM person WHERE code='W2'")" "0"

# the XLSX template: its headers are read back as the kind's columns
curl -s -D "$TMP/hdr" -o "$TMP/tpl.xlsx" -b "$A" "$BASE/nhap/mau/units.xlsx"
contains "a workbook" "$TMP/hdr" "spreadsheetml"
equals "the headers, and the guide sheet" "$(unzip -p "$TMP/tpl.xlsx" xl/sharedStrings.xml | grep -o 'Mã đơn vị cấp trên\|Tên trong hệ thống' | sort -u | tr '\n' ' ')" "Mã đơn vị cấp trên Tên trong hệ thống "
for k in units people registrations deployments; do
    curl -s -o "$TMP/tpl_$k.xlsx" -b "$A" "$BASE/nhap/mau/$k.xlsx"
    expect_status 0 "the empty $k template imports" "$LT" import "$k" "$TMP/tpl_$k.xlsx"
    contains "no rows" "$TMP/out" "0 dòng"
done

# an office's file: title, STT, blank rows, total, signatures; two problems
sed 's/CB-01/DB-SD-01/' "$F/office_people_bad.csv" > "$TMP/office_bad.csv"
http "office file with problems" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/office_bad.csv" "$BASE/nhap"
contains "the header found, what was left out" "$TMP/body" "Tiêu đề cột ở dòng 5; đã bỏ qua dòng 1–4 (tiêu đề), dòng 8 (trống), dòng 11–17 (dòng tổng cộng, chữ ký)."
contains "the problems' table has its head" "$TMP/body" "<th>Dòng</th><th>Cột</th><th>Giá trị</th><th>Lỗi</th>"
contains "a bad date: line, column by its name, value, what is wrong" "$TMP/body" \
    "<tr><td>9</td><td>Ngày sinh</td><td>30/02/1980</td><td>ngày không hợp lệ (dd/mm/yyyy, hoặc năm sinh)</td></tr>"
contains "an unknown unit" "$TMP/body" "<tr><td>10</td><td>Mã đơn vị</td><td>KHONGCO</td><td>không có đơn vị mã này</td></tr>"
equals "one row a problem" "$(grep -oE '<tr><td>[0-9]+</td>(<td>[^<]*</td>){3}</tr>' "$TMP/body" | wc -l)" "2"
contains "a preview all the same" "$TMP/body" "<td>6</td><td>OF01</td><td>Lê Văn Một</td>"
lacks "no confirm button when invalid" "$TMP/body" "/nhap/xac-nhan"
sed 's/CB-01/DB-SD-01/' "$F/office_people.csv" > "$TMP/office.csv"
http "office file" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/office.csv" "$BASE/nhap"
contains "four valid rows" "$TMP/body" "office.csv: 4 dòng hợp lệ — 4 thêm mới"
lacks "no signer previewed" "$TMP/body" "Trần Văn Lập"
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
http "confirm the office file" 200 -b "$A" -d "csrf=$ACSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan"
contains "written, and what was left out said again" "$TMP/body" "dòng 11–17 (dòng tổng cộng, chữ ký)"
equals "the four people" "$(db_sql "SELECT count(*) FROM person WHERE code LIKE 'OF0_'")" "4"

# one problem is one in English, and in Vietnamese the count says it
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nQ1,Lê Văn Một,KHONGCO,Đảng viên\n' > "$TMP/one-bad.csv"
http "a file with one problem" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/one-bad.csv" "$BASE/nhap"
contains "one problem, nothing written" "$TMP/body" "one-bad.csv: 1 lỗi; chưa ghi gì"
http "...in English" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/one-bad.csv" "$BASE/nhap?lang=en"
contains "...one problem, not problems" "$TMP/body" "one-bad.csv: 1 problem; nothing was written"

# counts of a thousand and more are written as people read them: a dot
# between thousands (an English page: a comma); a line number stays plain
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong";
    for (i = 1; i <= 1234; i++) printf "NG%04d,Người Thứ %d,DB-SD-01,party_member\n", i, i }' > "$TMP/many.csv"
http "a file of 1234 people" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/many.csv" "$BASE/nhap"
contains "the counts with their dots" "$TMP/body" "many.csv: 1.234 dòng hợp lệ — 1.234 thêm mới, 0 cập nhật, 0 không đổi."
contains "the preview's count too" "$TMP/body" "Những dòng đầu: 10 trong 1.234 dòng dữ liệu."
lacks "no count without its dot" "$TMP/body" "1234 dòng"
http "in English" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/many.csv" "$BASE/nhap?lang=en"
contains "the counts with their commas" "$TMP/body" "many.csv: 1,234 valid rows — 1,234 new, 0 updated, 0 unchanged."
TICKET=$(grep -o 'name="ma" value="[^"]*"' "$TMP/body" | cut -d'"' -f4)
http "confirm the 1234 people" 200 -b "$A" -d "csrf=$ACSRF&ma=$TICKET&loai=people" "$BASE/nhap/xac-nhan?lang=vi"
contains "what it wrote, with its dots" "$TMP/body" "Đã ghi vào cơ sở dữ liệu Cán bộ, đảng viên: 1.234 dòng — 1.234 thêm mới"
# the unit's page lists its people a page at a time: it said "(200)" of
# more than a thousand
http "the cell's page" 200 -b "$A" "$BASE/don-vi/DB-SD-01"
contains "...its first 200 people, said so" "$TMP/body" "Cán bộ, đảng viên (người thứ 1–200)"
contains "...and a link to the next 200" "$TMP/body" 'trang=2#nguoi">Trang sau →</a>'
http "...its second page" 200 -b "$A" "$BASE/don-vi/DB-SD-01?trang=2"
contains "...the next 200" "$TMP/body" "Cán bộ, đảng viên (người thứ 201–400)"
contains "...with a way back" "$TMP/body" 'trang=1#nguoi">← Trang trước</a> Trang 2 <a'
http "...in English" 200 -b "$A" "$BASE/don-vi/DB-SD-01?trang=2&lang=en"
contains "...numbered as English writes them" "$TMP/body" "People (201–400)</h2>"
http "...a page past the last" 200 -b "$A" "$BASE/don-vi/DB-SD-01?trang=50"
lacks "...has no next page" "$TMP/body" "Trang sau"
contains "...and nobody on it" "$TMP/body" "Cán bộ, đảng viên (0)</h2>"
http "a small unit's page" 200 -b "$A" "$BASE/don-vi/DB-SD-02"
check "...counts its people whole, no pages" grep -qE 'Cán bộ, đảng viên \([0-9]+\)</h2>' "$TMP/body"
lacks "...and no page links" "$TMP/body" "Trang sau"
http "the cell's to-do page" 200 -b "$A" "$BASE/viec-can-lam?don_vi=DB-SD-01"
check "says how many are not registered, with the dot" grep -qE '<b>1\.[0-9]{3}</b> người chưa đăng ký' "$TMP/body"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\n' > "$TMP/late.csv"
awk 'NR > 1 && NR <= 1235' "$TMP/many.csv" >> "$TMP/late.csv"
printf 'NG9999,Người Sai,KHONGCO,party_member\n' >> "$TMP/late.csv"
http "a problem on line 1236" 200 -b "$A" -F "csrf=$ACSRF" -F loai=people -F "tep=@$TMP/late.csv" "$BASE/nhap"
contains "its line number as it is" "$TMP/body" "<tr><td>1236</td><td>Mã đơn vị</td><td>KHONGCO</td>"
stop_server
finish
