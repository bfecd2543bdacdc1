# t_scope.sh — every list a scoped account can reach stays inside its
# subtree (scope.c).  A viewer and an officer of xã Sơn Định (DB-SD) walk
# every GET route of the route table (`lamtheo help serve`) their role may
# use, with objects of their subtree and several years, and no answer
# (pages, API, documents) names a unit outside the subtree: the markers
# are the codes and names of every other unit except Sơn Định's superiors
# (whose names head its documents), and the codes of everyone outside.
# An officer of the new xã Chợ Lách (from 1 July 2025) asking for 2020, a
# year without their unit, is refused rather than shown the district.
# LT_ENGINE=postgresql (t_scope_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
echo 'sondinh-canbo-2020' | "$LT" user add canbo.sondinh --role officer --unit DB-SD > /dev/null || bad "officer added"
echo 'xachola-canbo-2025' | "$LT" user add canbo.xachola --role officer --unit DB-XCL > /dev/null || bad "officer added"
OUT="NOT (code LIKE 'DB-SD%') AND code NOT IN ('TW', 'TU-BT', 'TU-VL', 'HU-CL')"
{
    db_sql "SELECT code FROM unit WHERE $OUT"
    db_sql "SELECT name FROM unit WHERE $OUT"
    db_sql "SELECT p.code FROM person p JOIN unit u ON u.id=p.unit_id WHERE NOT (u.code LIKE 'DB-SD%')"
} > "$TMP/markers"
[ "$(wc -l < "$TMP/markers")" -gt 500 ] && ok || bad "markers listed"
start_server || { finish; exit 0; }
login "$TMP/admin" quantri quantri-demo-2020
login "$TMP/viewer" xem.sondinh sondinh-demo-2020
login "$TMP/officer" canbo.sondinh sondinh-canbo-2020
login "$TMP/xcl" canbo.xachola xachola-canbo-2025
SD_PERSON=$(curl -s -b "$TMP/admin" "$BASE/api/v1/people?unit=DB-SD-01" | grep -o '"code":"CL[0-9]*"' | head -1 | cut -d'"' -f4)
REG_SD=$(curl -s -b "$TMP/admin" "$BASE/api/v1/people/$SD_PERSON" | grep -o '"registrations":\[{"id":[0-9]*' | grep -o '[0-9]*')
[ -n "$SD_PERSON" ] && [ -n "$REG_SD" ] && ok || bad "a person and a registration of Sơn Định"
# citizens' comments outside Sơn Định (waiting and approved): its officer's /y-kien and dashboard name none
db_sql "INSERT INTO comment(registration_id, author, body, created_at, sender, status)
    SELECT r.id, 'An', 'Tốt', '2025-01-01T00:00:00Z', 'x', s.v FROM registration r JOIN unit u ON u.id=r.unit_id,
    (SELECT 'waiting' AS v UNION SELECT 'approved') s WHERE u.code='DB-TT' AND r.published_at IS NOT NULL"
# collective registrations of Sơn Định and of elsewhere: its pages show its own only
db_sql "INSERT INTO collective(unit_id, year, status) SELECT u.id, y.n, 'submitted' FROM unit u,
    (SELECT 2025 AS n UNION SELECT $(date +%Y)) y WHERE u.code IN ('DB-SD', 'DB-SD-01', 'DB-TT', 'DB-TT-01')
    ON CONFLICT (unit_id, year) DO NOTHING"
PUB_SD=$(db_sql "SELECT r.id FROM registration r JOIN unit u ON u.id=r.unit_id WHERE u.code LIKE 'DB-SD%'
    AND r.published_at IS NOT NULL ORDER BY r.id DESC LIMIT 1")
[ -n "$PUB_SD" ] && ok || bad "a published registration of Sơn Định"
THIS=$(date +%Y)

# answer WHO URL: GET it and check that no marker is in it (documents as text)
answers=0
answer() {
    ctype=$(curl -s -o "$TMP/body" -w '%{content_type}' -b "$TMP/$1" "$BASE$2")
    case "$ctype" in
    application/pdf*) pdftotext "$TMP/body" "$TMP/text" 2>/dev/null ;;
    application/vnd.openxml*) unzip -p "$TMP/body" '*.xml' > "$TMP/text" 2>/dev/null ;;
    *) cp "$TMP/body" "$TMP/text" ;;
    esac
    answers=$((answers + 1))
    if grep -qF -f "$TMP/markers" "$TMP/text"; then
        bad "$1 $2 names a unit or person outside Sơn Định: $(grep -oF -f "$TMP/markers" "$TMP/text" | sort -u | head -3 | tr '\n' ' ')"
    else ok; fi
}

# the queries each route is asked with (years as pages and the API name them)
queries() {
    case "$1" in /api/*) y=year; u=unit ;; *) y=nam; u=don_vi ;; esac
    for year in "" 2020 2025 "$THIS"; do
        yq=${year:+$y=$year}
        case "$1" in
        /bao-cao) for f in html docx xlsx pdf; do echo "dinh_dang=$f${yq:+&$yq}"; done ;;
        /api/v1/missing) for k in deployments registrations approvals publications followups; do
                             echo "kind=$k${yq:+&$yq}"; echo "kind=$k&$u=DB-SD-01${yq:+&$yq}"; done ;;
        /dang-ky/*/in) echo "dinh_dang=pdf"; echo "dinh_dang=docx" ;;
        /don-vi/*/tap-the/in) echo "dinh_dang=pdf${yq:+&$yq}"; echo "dinh_dang=docx${yq:+&$yq}" ;;
        /xuat/*) for f in csv xlsx; do echo "dinh_dang=$f${yq:+&$yq}"; echo "dinh_dang=$f&$u=DB-SD-01${yq:+&$yq}"; done ;;
        *) echo "$yq"; echo "$u=DB-SD${yq:+&$yq}" ;;
        esac
    done
    case "$1" in /nguoi|/api/v1/people) echo "q=nguyen" ;; esac
}

routes=$("$LT" help serve | awk '$1 == "GET" {print $2, $4, $5}')
printf '%s\n' "$routes" > "$TMP/routes"
while read -r path roles scope; do
    # no lists; audio: t_bulletin.sh; the public finder lists every commune to anyone (t_web.sh)
    case "$path" in /dang-nhap|/tinh/*|/cong-khai/ban-tin.mp3|/cong-khai/) continue ;; esac
    case "$scope:$path" in
    unit:*'*'*) args="DB-SD DB-SD-01" ;;
    person:*'*'*) args=$SD_PERSON ;;
    registration:*'*'*) args=$REG_SD ;;
    *:/tai-khoan/*) args=xem.sondinh ;;  # an account of Sơn Định
    *:/cong-khai/dang-ky/*) args=$PUB_SD ;;  # a published registration of Sơn Định, with its comments
    *:/nhap/mau/*) args="people.csv units.xlsx" ;;  # templates: headers and examples only
    *:/xuat/*) args="people registrations deployments units accounts" ;;  # every list, CSV and XLSX
    *'*'*) case ",$roles," in *,viewer,*|*,officer,*) bad "no case for $path" ;; esac; continue ;;
    *) args=- ;;
    esac
    for who in viewer officer; do
        case ",$roles," in *",$who,"*) ;; *) continue ;; esac
        for arg in $args; do
            url=$path
            [ "$arg" != - ] && url=$(printf '%s' "$path" | sed "s|\*|$arg|")
            queries "$path" | sort -u > "$TMP/queries"
            while read -r q; do answer "$who" "$url${q:+?$q}"; done < "$TMP/queries"
        done
    done
done < "$TMP/routes"
[ "$answers" -gt 300 ] && ok || bad "only $answers answers checked"

# the closed units of the district (Thị trấn Chợ Lách...) are not Sơn Định's
curl -s -b "$TMP/viewer" "$BASE/don-vi" > "$TMP/body"
contains "the tree shows Sơn Định" "$TMP/body" "DB-SD-07"
lacks "no closed unit of elsewhere" "$TMP/body" "DB-TTCL"
curl -s -b "$TMP/admin" "$BASE/don-vi" > "$TMP/body"
contains "an admin sees the closed units" "$TMP/body" "DB-TTCL"
curl -s -b "$TMP/viewer" "$BASE/api/v1/units?year=2020" > "$TMP/body"
contains "the units API lists the subtree" "$TMP/body" '"code":"DB-SD-01"'
lacks "its top names no parent outside" "$TMP/body" '"parent":"HU-CL"'

# xã Chợ Lách did not exist in 2020: its officer gets nothing of that year
for url in "/tong-quan?nam=2020" "/bao-cao?nam=2020&dinh_dang=html" "/api/v1/indicators?year=2020" \
           "/api/v1/missing?kind=deployments&year=2020"; do
    http "xã Chợ Lách's officer, $url" 404 -b "$TMP/xcl" "$BASE$url"
    lacks "not widened to the district: $url" "$TMP/body" "Sơn Định"
done
http "xã Chợ Lách's units of 2020" 200 -b "$TMP/xcl" "$BASE/api/v1/units?year=2020"
equals "none" "$(cat "$TMP/body")" "[]"
http "xã Chợ Lách's tree of 2020" 200 -b "$TMP/xcl" "$BASE/don-vi?nam=2020"
lacks "no unit of the district" "$TMP/body" "Sơn Định"
http "xã Chợ Lách's dashboard of 2025" 200 -b "$TMP/xcl" "$BASE/tong-quan?nam=2025"
contains "its own" "$TMP/body" "Đảng bộ xã Chợ Lách"
http "the public pages still show the district" 200 -b "$TMP/xcl" "$BASE/cong-khai/dang-ky?nam=2020"
stop_server
finish
