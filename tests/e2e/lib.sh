# lib.sh — helpers for the end-to-end scripts: run the real binary and check
# its output, exit status and the database.  Source it; call `finish` last.
LT=${LAMTHEO_BIN:?LAMTHEO_BIN not set}
TMP=$(mktemp -d "${LAMTHEO_TEST_TMP:-/tmp}/e2e.XXXXXX")
export LAMTHEO_DB="$TMP/test.db"
# (never this machine's /etc/lamtheo/lamtheo.conf: t_config.sh names its own)
export LAMTHEO_CONFIG=/dev/null
PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); }
bad() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
# check NAME COMMAND...: passes when the command exits 0
check() { name=$1; shift; if "$@" >/dev/null 2>&1; then ok; else bad "$name"; fi; }
# expect_status WANT NAME COMMAND...
expect_status() {
    want=$1; name=$2; shift 2
    "$@" > "$TMP/out" 2> "$TMP/err"
    got=$?
    if [ "$got" = "$want" ]; then ok; else bad "$name: exit $got, wanted $want"; cat "$TMP/err" | head -5; fi
}
# contains NAME FILE TEXT: FILE contains TEXT literally
contains() { if grep -qF -- "$3" "$2"; then ok; else bad "$1: '$3' not in output"; head -20 "$2"; fi; }
lacks() { if grep -qF -- "$3" "$2"; then bad "$1: '$3' unexpectedly present"; else ok; fi; }
equals() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', wanted '$3'"; fi; }
# finish: the result; a server the test left running (still this shell's
# child: its number is not another's) is stopped first (one was found still
# serving after a whole CI run)
finish() {
    if [ -n "${SERVER_PID:-}" ] && [ "$(ps -o ppid= -p "$SERVER_PID" 2>/dev/null | tr -d ' ')" = "$$" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
    echo "RESULT $PASS $FAIL"
}

# ---- a running server ------------------------------------------------------
# start_server [OPTION...]: starts `lamtheo serve` on a free loopback port
# (with the options given); sets BASE and PORT.
start_server() {
    mkdir -p "$TMP/srvtmp"
    # (the last server's address must not be read before this one's shell
    # has truncated the file: under load a test once asked a stopped server)
    rm -f "$TMP/serve.out"
    TMPDIR="$TMP/srvtmp" "$LT" serve --listen 127.0.0.1:0 "$@" > "$TMP/serve.out" 2> "$TMP/serve.err" &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" 2>/dev/null | head -1)
        PORT=${BASE##*:}
        [ -n "$BASE" ] && return 0
        sleep 0.1
    done
    echo "server did not start"; cat "$TMP/serve.err"; return 1
}
# stop_server: stops it and checks it exits cleanly (no leak reports under ASan).
stop_server() {
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID"
    st=$?
    if [ "$st" = 0 ]; then ok; else bad "server exit status $st"; tail -30 "$TMP/serve.err"; fi
    SERVER_PID=
}
# http NAME WANT_STATUS CURL_ARGS...: one request; body in $TMP/body.
http() {
    name=$1; want=$2; shift 2
    got=$(curl -s -o "$TMP/body" -w '%{http_code}' "$@")
    if [ "$got" = "$want" ]; then ok; else bad "$name: HTTP $got, wanted $want"; head -c 400 "$TMP/body"; echo; fi
}
# login JAR USER PASSWORD: a session cookie in JAR; CSRF token in $CSRF.
login() {
    curl -s -c "$1" -b "$1" -o "$TMP/login.html" "$BASE/dang-nhap"
    tok=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/login.html" | head -1 | sed 's/.*value="//;s/"$//')
    curl -s -c "$1" -b "$1" -o /dev/null -d "csrf=$tok&login=$2&password=$3" "$BASE/dang-nhap"
    CSRF=$(curl -s -b "$1" "$BASE/api/v1/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')
}

# ---- nginx in front (dist/nginx/lamtheo.conf) ---------------------------
# nginx_missing: true (and said) when Debian's nginx is not installed.
nginx_missing() {
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    [ -x "$NGINX" ] && return 1
    bad "nginx is not installed (make deps installs nginx-light)"
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# nginx_start NAME PORT...: the example site run as it is, its addresses and
# paths this test's: plain HTTP on $HP, TLS on $SP with a throwaway
# certificate for NAME, passing to the lamtheo servers on each PORT in turn
# (an upstream line each).  Sets NG (its folder), HTTPS and NGINX_PID; each
# line the test replaces must be in the example.  The access log says which
# server answered each request ($upstream_addr).
nginx_start() {
    NAME=$1; shift
    NG=$TMP/nginx
    mkdir -p "$NG/temp"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=$NAME" \
        -addext "subjectAltName=DNS:$NAME" -keyout "$NG/site.key" -out "$NG/site.pem" 2> "$TMP/openssl.err" ||
        { bad "openssl made no certificate"; cat "$TMP/openssl.err"; }
    HP=$(free_port)
    SP=$(free_port)
    upstreams=
    for p in "$@"; do upstreams="$upstreams    server 127.0.0.1:$p;\n"; done
    sed -e "s|^    listen 80;|    listen 127.0.0.1:$HP;|" -e "s|^    listen 443 ssl http2;|    listen 127.0.0.1:$SP ssl http2;|" \
        -e '/^    listen \[::\]/d' -e "s|/etc/ssl/certs/lamtheo.example.gov.vn.pem|$NG/site.pem|" \
        -e "s|/etc/ssl/private/lamtheo.example.gov.vn.key|$NG/site.key|" -e "s|lamtheo.example.gov.vn|$NAME|g" \
        -e "s|^    server 127.0.0.1:8080;|$upstreams|" dist/nginx/lamtheo.conf > "$NG/site.conf"
    for want in "listen 127.0.0.1:$HP;" "listen 127.0.0.1:$SP ssl" "ssl_certificate     $NG/site.pem;" \
        "ssl_certificate_key $NG/site.key;" "proxy_pass http://lamtheo;"; do
        contains "the example has the line the test replaces ($want)" "$NG/site.conf" "$want"
    done
    for p in "$@"; do contains "...and passes to lamtheo on $p" "$NG/site.conf" "server 127.0.0.1:$p;"; done
    {
        [ "$(id -u)" = 0 ] && echo "user root root;"   # (the workers write the temporary files below)
        cat <<EOF
worker_processes 1;
pid $NG/nginx.pid;
error_log $NG/error.log;
events { worker_connections 64; }
http {
    log_format upstream '\$upstream_addr \$status \$request';
    access_log $NG/access.log upstream;
    client_body_temp_path $NG/temp/body;
    proxy_temp_path $NG/temp/proxy;
    fastcgi_temp_path $NG/temp/fastcgi;
    uwsgi_temp_path $NG/temp/uwsgi;
    scgi_temp_path $NG/temp/scgi;
    include $NG/site.conf;
}
EOF
    } > "$NG/nginx.conf"
    expect_status 0 "nginx -t accepts the example" "$NGINX" -e "$NG/error.log" -p "$NG" -c "$NG/nginx.conf" -t
    "$NGINX" -e "$NG/error.log" -p "$NG" -c "$NG/nginx.conf" -g 'daemon off;' 2> "$TMP/nginx.err" &
    NGINX_PID=$!
    for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$HP/" && break; sleep 0.1; done
    HTTPS="https://$NAME:$SP"
}
# tls CURL_ARGS...: curl over TLS to nginx, the certificate verified against the throwaway one
tls() { curl -s --resolve "$NAME:$SP:127.0.0.1" --cacert "$NG/site.pem" "$@"; }
# nginx_stop: nginx stopped; its error log must hold no error.
nginx_stop() {
    kill -QUIT "$NGINX_PID" 2> /dev/null
    wait "$NGINX_PID"
    grep -q '\[emerg\]\|\[crit\]' "$NG/error.log" && { bad "nginx's error log has errors"; cat "$NG/error.log"; } || ok
}

# ---- PostgreSQL --------------------------------------------------------
# The run's cluster is $LAMTHEO_TEST_PG (tests/run.sh starts it; its
# address names the database postgres).  pg_database NAME: a new empty
# database there, its address printed.  pg_demo: a new database holding the
# demo, copied from one built once a run (init --demo takes minutes there:
# every statement is a round trip), its address printed.
pg_address_of() { printf '%s' "$LAMTHEO_TEST_PG" | sed "s|/postgres?|/$1?|"; }
pg_database() {
    [ -n "$LAMTHEO_TEST_PG" ] || { echo "no PostgreSQL cluster (tests/run.sh starts one)" >&2; return 1; }
    psql "$LAMTHEO_TEST_PG" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1${2:+ TEMPLATE $2}" >&2 || return 1
    pg_address_of "$1"
}
pg_demo() {
    [ -n "$LAMTHEO_TEST_PG" ] || { echo "no PostgreSQL cluster (tests/run.sh starts one)" >&2; return 1; }
    (
        flock 9
        if [ "$(psql "$LAMTHEO_TEST_PG" -X -Atc "SELECT count(*) FROM pg_database WHERE datname = 'lt_demo'")" != 1 ]; then
            PGOPTIONS="-c client_min_messages=warning" psql "$LAMTHEO_TEST_PG" -X -q \
                -c "DROP DATABASE IF EXISTS lt_demo_making" \
                -c "CREATE DATABASE lt_demo_making" >&2 &&
            "$LT" --db "$(pg_address_of lt_demo_making)" init --demo >/dev/null &&
            psql "$LAMTHEO_TEST_PG" -X -q -c "ALTER DATABASE lt_demo_making RENAME TO lt_demo" >&2
        fi
    ) 9>"${LAMTHEO_TEST_TMP:-/tmp}/pg-demo.lock" || return 1
    pg_database "lt_$(basename "$TMP" | tr -c 'a-zA-Z0-9\n' '_' | tr 'A-Z' 'a-z')_$(date +%s%N)" lt_demo
}
# demo_database: the test's database holds the demo: the SQLite file
# $LAMTHEO_DB made by init --demo, or, with LT_ENGINE=postgresql (the
# t_*_pg.sh scripts), a copy of the run's demo on PostgreSQL (pg_demo),
# which LAMTHEO_DB then names.
demo_database() {
    if [ "${LT_ENGINE:-}" = postgresql ]; then
        LAMTHEO_DB=$(pg_demo) && ok || bad "a demo on PostgreSQL"
    else
        "$LT" init --demo > /dev/null && ok || bad "init --demo"
    fi
}
# db_sql SQL: run SQL on the test's database ($LAMTHEO_DB), either engine.
db_sql() {
    case $LAMTHEO_DB in
    postgres*) psql "$LAMTHEO_DB" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1" ;;
    *) sqlite3 "$LAMTHEO_DB" "$1" ;;
    esac
}

# ---- databases of earlier versions -------------------------------------
# schema_of_version V (3 or more): the SQL that made a database of version
# V: version 3's schema and the migrations after it up to V (less the fills
# of units' and people's sort keys and people's name ranks, which need
# lamtheo's vi_key, vi_name_key and name_rank_of).
schema_of_version() {
    cat tests/fixtures/schema_v3.sql
    k=4
    while [ "$k" -le "$1" ]; do cat "src/store/migrations/$(printf %03d "$k").sql"; k=$((k + 1)); done |
        grep -v '^UPDATE unit SET name_sort\|^UPDATE person SET name_sort\|^UPDATE person SET name_rank'
}
# schema_normal DB: every table, index, view and trigger of DB by name with
# its SQL, without comments and with spaces made plain (a table that
# migrations grew by ALTER TABLE is stored otherwise than one made whole).
schema_normal() {
    sqlite3 "$1" "SELECT type || ' ' || name || ': ' || coalesce(sql, '') || ' ~~~' FROM sqlite_schema
        ORDER BY name" | sed 's/--.*$//' | tr '\n\t' '  ' | tr -s ' ' |
        sed 's/ *\([(),;=<>+*-]\) */\1/g; s/~~~ */\n/g'
}

# v13_new DB: an empty database of version 13, with the insert triggers
# that need lamtheo's own SQL functions (vi_key, name_rank_of) set aside
# in $V13_PUT_BACK; v13_done DB puts them back.
v13_new() {
    schema_of_version 13 | sqlite3 "$1"
    V13_PUT_BACK=$(sqlite3 "$1" "SELECT group_concat(sql, ';') FROM sqlite_schema
        WHERE name IN ('unit_sort_add', 'person_words_add')")
    sqlite3 "$1" "PRAGMA application_id=1280591941; PRAGMA user_version=13;
        DROP TRIGGER unit_sort_add; DROP TRIGGER person_words_add;"
}
v13_done() { sqlite3 "$1" "$V13_PUT_BACK"; }
# v13_from SRC DST: SRC's units, topics, people, registrations and
# deployments written into a new version-13 database DST, as an
# installation of that version held them: a person in their last unit,
# active from their first day to their last, and each registration in the
# unit it counts in (the tallies of version 13 are its triggers' own).
v13_from() {
    v13_new "$2"
    for t in unit unit_parent unit_merge year_setup topic person registration deployment; do
        cols=$(sqlite3 "$2" "ATTACH '$1' AS s; SELECT group_concat(name) FROM pragma_table_info('$t')
            WHERE name IN (SELECT name FROM s.pragma_table_info('$t'))")
        sqlite3 "$2" "ATTACH '$1' AS s; INSERT INTO main.$t($cols) SELECT $cols FROM s.$t" || return 1
    done
    v13_done "$2"
}
# tally_figures DB FIRST LAST: every unit's people, key cadres and
# registration counts of every year FIRST..LAST as the tallies give them,
# in the database's own terms (before version 14 the registration tally
# held corrections to the people spans; since, none): "YEAR:UNIT=..." for
# each year and unit that has any, separated by spaces.
tally_figures() {
    sqlite3 "$1" "SELECT group_concat(f, ' ') FROM (WITH RECURSIVE
        y(n) AS (SELECT $2 UNION ALL SELECT n + 1 FROM y WHERE n < $3),
        ps AS (SELECT n, unit_id, sum(people) AS p, sum(key_cadres) AS k FROM y
               JOIN person_span ON first_year <= n AND last_year >= n GROUP BY 1, 2),
        rt AS (SELECT * FROM registration_tally WHERE year BETWEEN $2 AND $3),
        keys AS (SELECT n, unit_id FROM ps UNION SELECT year, unit_id FROM rt)
        SELECT k.n || ':' || k.unit_id || '=' || (coalesce(ps.p, 0) + coalesce(rt.required, 0)) || ','
            || (coalesce(ps.k, 0) + coalesce(rt.key_required, 0)) || ',' || coalesce(rt.registered, 0)
            || ',' || coalesce(rt.key_published, 0) || ',' || coalesce(rt.submitted, 0) || ','
            || coalesce(rt.approved, 0) || ',' || coalesce(rt.excellent, 0) || ',' || coalesce(rt.good, 0)
            || ',' || coalesce(rt.completed, 0) || ',' || coalesce(rt.not_completed, 0) AS f
        FROM keys k LEFT JOIN ps ON ps.n = k.n AND ps.unit_id = k.unit_id
        LEFT JOIN rt ON rt.year = k.n AND rt.unit_id = k.unit_id
        WHERE coalesce(ps.p, 0) + coalesce(rt.required, 0) + coalesce(rt.submitted, 0) > 0
        ORDER BY k.n, k.unit_id)"
}
