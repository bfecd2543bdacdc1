# lib.sh — helpers for the end-to-end scripts: run the real binary and check
# its output, exit status and the database.  Source it; call `finish` last.
LT=${LAMTHEO_BIN:?LAMTHEO_BIN not set}
TMP=$(mktemp -d "${LAMTHEO_TEST_TMP:-/tmp}/e2e.XXXXXX")
export LAMTHEO_DB="$TMP/test.db"
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
finish() { rm -rf "$TMP"; echo "RESULT $PASS $FAIL"; }

# ---- a running server ------------------------------------------------------
# start_server [OPTION...]: starts `lamtheo serve` on a free loopback port
# (with the options given); sets BASE and PORT.
start_server() {
    mkdir -p "$TMP/srvtmp"
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
