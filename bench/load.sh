#!/bin/sh
# load.sh — many writers and readers at once on one server (issue 6), with
# wrk and bench/load.lua: 8 writer connections (one wrk thread each) add
# items to their own draft registration through the JSON API while 8 reader
# connections (likewise) load a commune's dashboard, both for LOAD_SECONDS
# (default 10).
# Prints one line per side: requests, requests/s, p50, p99 and failed
# requests (any status but 2xx/3xx — a busy database would show here — a
# socket error or a request cut).  Then checks that the items in the database are exactly
# the writes acknowledged, that nothing failed, and `lamtheo check`; exits 1
# otherwise.  All traffic goes to 127.0.0.1.  Usage: sh bench/load.sh [BUILD]
set -eu
B=${1:-build}
S=${LOAD_SECONDS:-10}
LT=$(pwd)/$B/lamtheo
LUA=$(pwd)/bench/load.lua
DASHBOARD="/tong-quan?don_vi=DB-TT&nam=2020"
if ! command -v wrk >/dev/null; then
    echo "load.sh: installing wrk (apt-get install -y wrk)"
    apt-get install -y wrk >/dev/null || { echo "load.sh: cannot install wrk" >&2; exit 1; }
fi
DIR=$(mktemp -d /tmp/lamtheo-load.XXXXXX)
export LAMTHEO_DB="$DIR/l.db"
"$LT" init --demo > /dev/null
"$LT" serve --listen 127.0.0.1:0 > "$DIR/serve.out" 2>&1 &
SPID=$!
trap 'kill $SPID 2>/dev/null; rm -rf "$DIR"' EXIT
BASE=
for _ in $(seq 1 50); do BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/serve.out" || true); [ -n "$BASE" ] && break; sleep 0.1; done
[ -n "$BASE" ] || { echo "load.sh: the server did not start" >&2; cat "$DIR/serve.out" >&2; exit 1; }

# log in through the API; one draft registration (year 2031) per writer
curl -s -c "$DIR/jar" -H 'Content-Type: application/json' -d '{"login":"quantri","password":"quantri-demo-2020"}' \
    "$BASE/api/v1/session" > "$DIR/s.json"
CSRF=$(sed 's/.*"csrf":"\([^"]*\)".*/\1/' "$DIR/s.json")
SESSION=$(awk '$6 == "lt_session" { print $7 }' "$DIR/jar")
REGS=
for w in $(seq 1 8); do
    p=$(sqlite3 "$LAMTHEO_DB" "SELECT code FROM person LIMIT 1 OFFSET $((w * 7))")
    reg=$(curl -s -b "$DIR/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' -d '{"year":2031}' \
        "$BASE/api/v1/people/$p/registrations" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p')
    [ -n "$reg" ] || { echo "load.sh: cannot create a registration for $p" >&2; exit 1; }
    REGS="$REGS $reg"
done

# both sides at once; load.lua stops each thread after S seconds (-d is a backstop)
# shellcheck disable=SC2086 # REGS is a list of numbers
wrk -t8 -c8 -d$((S + 3))s --timeout 10s --latency -s "$LUA" "$BASE" -- write "$S" "$SESSION" "$CSRF" $REGS \
    > "$DIR/writes.out" 2>&1 &
WPID=$!
wrk -t8 -c8 -d$((S + 3))s --timeout 10s --latency -s "$LUA" "$BASE" -- read "$S" "$SESSION" "$DASHBOARD" \
    > "$DIR/reads.out" 2>&1 &
RPID=$!
wait $WPID || { cat "$DIR/writes.out" >&2; exit 1; }
wait $RPID || { cat "$DIR/reads.out" >&2; exit 1; }

echo "== 8 writer and 8 reader connections at once for ${S} s, $(nproc) cores (server and wrk share them)"
grep -h -e '^writes ' -e '^reads ' "$DIR/writes.out" "$DIR/reads.out" || true
acked=$(sed -n 's/^acknowledged //p' "$DIR/writes.out")
items=$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM registration_item WHERE body LIKE 'tải wrk %'")
failed=$(sed -n 's/.* failed \([0-9]*\).*/\1/p' "$DIR/writes.out" "$DIR/reads.out" | awk '{ s += $1 } END { print s + 0 }')
echo "items in the database: $items; writes acknowledged: ${acked:-?}"
status=0
if [ "$(grep -c -e '^writes ' -e '^reads ' "$DIR/writes.out" "$DIR/reads.out" | awk -F: '{ s += $2 } END { print s }')" -ne 2 ] ||
   [ "$failed" -ne 0 ]; then
    echo "load.sh: FAIL: requests failed (wrk's reports follow)"
    cat "$DIR/writes.out" "$DIR/reads.out"
    status=1
fi
if [ "$items" != "$acked" ]; then echo "load.sh: FAIL: the items differ from the writes acknowledged"; status=1; fi
if "$LT" check > /dev/null; then echo "check: ok"; else echo "load.sh: FAIL: lamtheo check"; status=1; fi
exit $status
