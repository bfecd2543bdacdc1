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
