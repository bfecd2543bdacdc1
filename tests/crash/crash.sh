#!/bin/sh
# crash.sh N — kills lamtheo with SIGKILL at random moments, N times, half
# of them during an import of 3,000 people and half during a burst of web
# writes, and after each: `lamtheo check` passes, the import is there
# whole or not at all, and every write acknowledged to a client is there.
# Then once during a large import (the database to itself).
# Then a backup taken during writes opens, passes check, and restores.
# Prints "RESULT passed failed".  Traffic goes to 127.0.0.1 only; every
# loop is bounded.  Usage: LAMTHEO_BIN=build/lamtheo sh tests/crash/crash.sh 200
# With LT_ENGINE=postgresql (t_crash_pg.sh), the same on a copy of the demo
# in the run's PostgreSQL cluster (lib.sh: demo_database), less what is
# SQLite's own (the journal of a large import, lamtheo backup's file copy).
N=${1:-10}
. tests/e2e/lib.sh
PG=; [ "${LT_ENGINE:-}" = postgresql ] && PG=1
if [ -n "$PG" ]; then count() { db_sql "$1"; }
else count() { sqlite3 "$LAMTHEO_DB" "PRAGMA busy_timeout=5000; $1" | tail -1; }; fi
rand_sleep() { sleep "$(awk -v s="$1" 'BEGIN { srand(s); printf "%.2f", 0.05 + rand() * 0.9 }')"; }

demo_database
[ "$FAIL" = 0 ] || { finish; exit 0; }
# a file of 3,000 people; each round imports it under its own code prefix
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong"; for (i = 0; i < 3000; i++) printf "K%05d,Nguyễn Văn Thử %d,DB-TT-01,Đảng viên\n", i, i }' > "$TMP/people.csv"

crash_import() {
    sed "s/^K/R$1K/" "$TMP/people.csv" > "$TMP/round.csv"
    "$LT" import people "$TMP/round.csv" > /dev/null 2>&1 &
    pid=$!
    rand_sleep "$1"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    n=$(count "SELECT count(*) FROM person WHERE code LIKE 'R$1K%'")
    case "$n" in 0|3000) ok ;; *) bad "round $1: import half written ($n of 3000 people)" ;; esac
}

crash_web() {
    rm -f "$TMP/serve.out"   # (no address of the last round's server)
    "$LT" serve --listen 127.0.0.1:0 > "$TMP/serve.out" 2>/dev/null &
    spid=$!
    base=""
    for _ in $(seq 1 50); do base=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" 2>/dev/null); [ -n "$base" ] && break; sleep 0.1; done
    [ -n "$base" ] || { bad "round $1: server did not start"; kill -9 "$spid"; wait "$spid" 2>/dev/null; return; }
    curl -s -c "$TMP/jar" -H 'Content-Type: application/json' -d '{"login":"quantri","password":"quantri-demo-2020"}' \
        "$base/api/v1/session" > "$TMP/login.json"
    csrf=$(sed 's/.*"csrf":"\([^"]*\)".*/\1/' "$TMP/login.json")
    person=$(count "SELECT code FROM person WHERE key_cadre = 0 ORDER BY id LIMIT 1 OFFSET $1")
    reg=$(curl -s -b "$TMP/jar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
        -d "{\"year\":$((2030 + $1 % 60))}" "$base/api/v1/people/$person/registrations" | grep -o '[0-9]*')
    : > "$TMP/acked"
    (for k in $(seq 1 300); do
        code=$(curl -s -o /dev/null -w '%{http_code}' -b "$TMP/jar" -H "X-CSRF-Token: $csrf" \
            -H 'Content-Type: application/json' -d "{\"body\":\"crash-$1-$k\"}" "$base/api/v1/registrations/$reg/items")
        [ "$code" = 200 ] && echo "crash-$1-$k" >> "$TMP/acked"
    done) &
    writer=$!
    rand_sleep "$1"
    kill -9 "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
    wait "$writer" 2>/dev/null
    lost=0
    while read -r body; do
        [ "$(count "SELECT count(*) FROM registration_item WHERE body='$body'")" = 1 ] || lost=$((lost + 1))
    done < "$TMP/acked"
    [ "$lost" = 0 ] && ok || bad "round $1: $lost acknowledged writes lost of $(wc -l < "$TMP/acked")"
}

i=1
while [ "$i" -le "$N" ]; do
    if [ $((i % 2)) = 1 ]; then crash_import "$i"; else crash_web "$i"; fi
    if "$LT" check > "$TMP/check.out" 2>&1; then ok; else bad "round $i: check failed"; cat "$TMP/check.out"; fi
    i=$((i + 1))
done

# a large file (2 MiB or more) is imported with the database to itself,
# through a rollback journal: killed at any moment, it is there whole or
# not at all, and the database goes back to the WAL when next opened
awk 'BEGIN { print "ma_nguoi,ho_ten,ma_don_vi,doi_tuong"; for (i = 0; i < 60000; i++) printf "L%06d,Nguyễn Thị Lớn %d,DB-TT-01,Đảng viên\n", i, i }' > "$TMP/large.csv"
"$LT" import people "$TMP/large.csv" > /dev/null 2>&1 &
pid=$!
sleep "$(awk -v s="$N" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 2.6 }')"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if "$LT" check > "$TMP/check.out" 2>&1; then ok; else bad "large import killed: check failed"; cat "$TMP/check.out"; fi
n=$(count "SELECT count(*) FROM person WHERE code LIKE 'L0%'")
case "$n" in 0|60000) ok ;; *) bad "large import half written ($n of 60000 people)" ;; esac
if [ -n "$PG" ]; then finish; exit 0; fi  # (PostgreSQL's backups are its own tools)
[ "$(sqlite3 "$LAMTHEO_DB" "PRAGMA journal_mode")" = wal ] && ok || bad "not back in the WAL after a killed large import"

# a backup taken during writes opens, passes check, and restores
sed "s/^K/BK/" "$TMP/people.csv" > "$TMP/backup.csv"
"$LT" import people "$TMP/backup.csv" > /dev/null 2>&1 &
ipid=$!
sleep 0.3
if "$LT" backup "$TMP/copy.db" > /dev/null 2>&1; then ok; else bad "backup during an import"; fi
wait "$ipid"
LAMTHEO_DB="$TMP/copy.db" "$LT" check > /dev/null 2>&1 && ok || bad "the backup passes check"
n=$(sqlite3 "$TMP/copy.db" "SELECT count(*) FROM person WHERE code LIKE 'BK%'")
case "$n" in 0|3000) ok ;; *) bad "the backup holds half an import ($n)" ;; esac
# restore (README): copy the backup over the database, drop its -wal and -shm, check
cp "$TMP/copy.db" "$LAMTHEO_DB" && rm -f "$LAMTHEO_DB-wal" "$LAMTHEO_DB-shm"
"$LT" check > /dev/null 2>&1 && ok || bad "restored database passes check"
"$LT" report --year 2020 --format json | grep -q '"deployment_rate": 98.8' && ok || bad "restored database reports"
finish
