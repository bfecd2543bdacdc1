# t_browser.sh — runs the browser test (tests/browser/workflow.test.js,
# headless chromium through playwright-core) against a running server on
# the demo database: a member's registration through approval and
# publication (workflow), then each role's pages walked at phone and
# desktop widths (walk); screenshots go to $B/screenshots as artefacts.
. tests/e2e/lib.sh
demo_database
# accounts for a cell, their codes printed: the browser activates one
"$LT" user bulk --unit DB-TT-05 > "$TMP/codes" 2> /dev/null || bad "user bulk"
export ACT_LOGIN="$(head -1 "$TMP/codes" | cut -f1)" ACT_CODE="$(head -1 "$TMP/codes" | cut -f2)"
start_server || { finish; exit 0; }
shots="$(dirname "$LT")/screenshots${LT_ENGINE:+-$LT_ENGINE}"
# each test prints "RESULT passed failed" last
for test in workflow walk; do
    out=$(cd tests/browser && timeout 300 node $test.test.js "$BASE" "$shots/$test" 2>&1)
    printf '%s\n' "$out" | grep -v '^RESULT'
    res=$(printf '%s\n' "$out" | grep '^RESULT' | tail -1)
    if [ -n "$res" ]; then
        PASS=$((PASS + $(echo "$res" | cut -d' ' -f2)))
        FAIL=$((FAIL + $(echo "$res" | cut -d' ' -f3)))
    else
        bad "browser test $test gave no result"
    fi
done
stop_server
finish
