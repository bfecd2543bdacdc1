# t_authz.sh — the authorisation matrix, generated from the route table
# (`lamtheo help serve`): every route × every role (and anonymous) × an
# object inside and one outside the account's scope.  A request that the
# table denies must be refused by the router (302/401 to log in, or 403
# with the role or scope message); one it allows must get past the router.
# Every HTML page met on the way is checked to be well-formed.  Last, a
# session past its expiry gets the login page and a 401.  LT_ENGINE=
# postgresql (t_authz_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
start_server || { finish; exit 0; }
login "$TMP/admin" quantri quantri-demo-2020; CS_admin=$CSRF
login "$TMP/officer" bithu.tantieng tantieng-demo-2020; CS_officer=$CSRF
login "$TMP/member" dangvien.tantieng dangvien-demo-2020; CS_member=$CSRF
login "$TMP/viewer" xem.sondinh sondinh-demo-2020; CS_viewer=$CSRF
ME=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$TMP/member" "$BASE/cua-toi" | sed 's|.*/nguoi/||')
person_in() { curl -s -b "$TMP/admin" "$BASE/api/v1/people?unit=$1" | grep -o '"code":"CL[0-9]*"' | cut -d'"' -f4 | grep -v "^$ME\$" | head -1; }
reg_of() { curl -s -b "$TMP/admin" "$BASE/api/v1/people/$1" | grep -o '"registrations":\[{"id":[0-9]*' | grep -o '[0-9]*'; }
TT_OTHER=$(person_in DB-TT-01); SD_PERSON=$(person_in DB-SD-01)
REG_ME=$(reg_of "$ME"); REG_TT=$(reg_of "$TT_OTHER"); REG_SD=$(reg_of "$SD_PERSON")
[ -n "$ME" ] && [ -n "$TT_OTHER" ] && [ -n "$SD_PERSON" ] && [ -n "$REG_SD" ] && ok || bad "fixtures found"

# object ROLE SCOPE IN|OUT: the path argument for a role's inside/outside object
object() {
    case "$2:$1:$3" in
    unit:viewer:in) echo DB-SD-01 ;; unit:viewer:out) echo DB-TT-01 ;;
    unit:*:in) echo DB-TT-01 ;; unit:*:out) echo DB-SD-01 ;;
    person:member:in) echo "$ME" ;; person:member:out) echo "$TT_OTHER" ;;
    person:viewer:in) echo "$SD_PERSON" ;; person:viewer:out) echo "$ME" ;;
    person:*:in) echo "$ME" ;; person:*:out) echo "$SD_PERSON" ;;
    registration:member:in) echo "$REG_ME" ;; registration:member:out) echo "$REG_TT" ;;
    registration:viewer:in) echo "$REG_SD" ;; registration:viewer:out) echo "$REG_ME" ;;
    registration:*:in) echo "$REG_TT" ;; registration:*:out) echo "$REG_SD" ;;
    *) echo "" ;;
    esac
}

denied_msg='vai trò của bạn không được làm việc này\|nằm ngoài phạm vi đơn vị của bạn'
routes=$("$LT" help serve | awk '$1 ~ /^(GET|POST|DELETE)$/ {print $1, $2, $3, $4, $5}')
count=0
printf '%s\n' "$routes" > "$TMP/routes"
while read -r method path flags roles scope; do
    case "$path" in /dang-nhap|/dang-xuat|/api/v1/session|/tinh/*) continue ;; esac
    count=$((count + 1))
    for who in anonymous admin officer member viewer; do
        for side in in out; do
            [ "$scope" = "-" ] && [ "$side" = out ] && continue
            [ "$who" = admin ] && [ "$side" = out ] && continue   # an admin's scope is everything
            arg=$(object "$who" "$scope" "$side")
            [ "$who" = anonymous ] && arg=$(object officer "$scope" "$side")
            url=$path
            case "$path" in
            /xuat/*) url=/xuat/people ;;
            *'*'*) url=$(printf '%s' "$path" | sed "s|\*|${arg:-$ME}|") ;; # the handler judges scope "-"
            esac
            if [ "$scope" = unit ] && ! printf '%s' "$path" | grep -q '\*'; then
                case "$path" in /api/*) url="$url?unit=$arg" ;; *) url="$url?don_vi=$arg" ;; esac
            fi
            jar=/dev/null; cs=""
            [ "$who" != anonymous ] && jar="$TMP/$who" && eval cs=\$CS_$who
            set -- -s -o "$TMP/body" -w '%{http_code}' -b "$jar" -X "$method"
            if [ "$method" != GET ]; then
                case "$path" in
                /api/*) set -- "$@" -H "X-CSRF-Token: $cs" -H 'Content-Type: application/json' -d '{}' ;;
                *) set -- "$@" -d "csrf=$cs" ;;
                esac
            fi
            code=$(curl "$@" "$BASE$url")
            # what the table says
            allowed=1
            case "$flags" in *login*) [ "$who" = anonymous ] && allowed=0 ;; esac
            case ",$roles," in *",$who,"*) ;; *) [ "$who" != anonymous ] && case "$flags" in *login*) allowed=0 ;; esac ;; esac
            [ "$side" = out ] && [ "$who" != anonymous ] && allowed=0
            if [ "$who" = anonymous ] && [ "$allowed" = 0 ]; then
                case "$code" in 302|303|401) ok ;; *) bad "$who $method $url: $code, wanted a login" ;; esac
            elif [ "$allowed" = 0 ]; then
                if [ "$code" = 403 ] && grep -q "$denied_msg" "$TMP/body"; then ok
                else bad "$who $side $method $url: $code, wanted 403 from the router"; fi
            else
                if [ "$code" != 401 ] && ! grep -q "$denied_msg" "$TMP/body"; then ok
                else bad "$who $side $method $url: $code, wanted to pass the router"; head -c 200 "$TMP/body"; echo; fi
            fi
            # every HTML page any role gets is well-formed
            if [ "$method" = GET ] && grep -q '^<!DOCTYPE html>' "$TMP/body"; then
                if xmllint --noout "$TMP/body" 2> "$TMP/xml.err"; then ok
                else bad "well-formed $who $url"; head -3 "$TMP/xml.err"; fi
            fi
        done
    done
done < "$TMP/routes"
[ "$count" -gt 50 ] && ok || bad "only $count routes checked"

# a session past its expiry is no session, for pages and the API
login "$TMP/expired" dangvien.tantieng dangvien-demo-2020
http "a live session" 200 -b "$TMP/expired" "$BASE/api/v1/session"
tok=$(awk '$6 == "lt_session" {print $7}' "$TMP/expired")
hash=$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)
past=$(date -u -d '-1 minute' +%Y-%m-%dT%H:%M:%SZ)
db_sql "UPDATE session SET expires_at='$past' WHERE token_hash='$hash'"
equals "the session expired in the database" \
    "$(db_sql "SELECT count(*) FROM session WHERE token_hash='$hash' AND expires_at='$past'")" "1"
http "a page after expiry: to the login" 302 -b "$TMP/expired" "$BASE/cua-toi"
curl -s -o /dev/null -D "$TMP/hdr" -b "$TMP/expired" "$BASE/cua-toi"
contains "the login page" "$TMP/hdr" "Location: /dang-nhap"
http "the API after expiry: 401" 401 -b "$TMP/expired" "$BASE/api/v1/session"
http "an API list after expiry: 401" 401 -b "$TMP/expired" "$BASE/api/v1/people/$ME"
stop_server
finish
