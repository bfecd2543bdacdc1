# t_busy.sh — another process holding the database: commands wait for it
# (saying so) instead of failing at once; the server keeps a connection open
# so that an import beside it never takes the database alone; a page that
# cannot wait long enough answers 503 with Retry-After, never 500.  The
# other process is the sqlite3 shell, fed through a FIFO, so that it holds
# its lock exactly as long as the test says.
. tests/e2e/lib.sh
"$LT" init > /dev/null || bad "init"
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nHU-X,Huyện ủy Thử,district,\nCB-X,Chi bộ Thử,cell,HU-X\n' > "$TMP/units.csv"
"$LT" import units "$TMP/units.csv" > /dev/null || bad "import units"
printf 'quantri-mat-khau-1\n' | "$LT" user add quantri --role admin > /dev/null || bad "user add"

# hold LOCK_SQL in a sqlite3 shell until release_lock
hold_lock() {
    rm -f "$TMP/fifo" "$TMP/sql.out"
    mkfifo "$TMP/fifo"
    sqlite3 "$LAMTHEO_DB" < "$TMP/fifo" > "$TMP/sql.out" 2>&1 &
    SQL_PID=$!
    exec 7> "$TMP/fifo"
    printf '%s\nSELECT '"'"'held'"'"';\n' "$1" >&7
    for _ in $(seq 1 100); do grep -q held "$TMP/sql.out" && return 0; sleep 0.05; done
    bad "the sqlite3 shell did not take its lock: $(cat "$TMP/sql.out")"
}
release_lock() { printf 'COMMIT;\n' >&7; exec 7>&-; wait "$SQL_PID"; }

# 1. A command started while another process has the database to itself
# (as a large import does: rollback journal, exclusive lock) waits for it.
hold_lock "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;"
LAMTHEO_BUSY_WAIT=30 "$LT" report --year 2024 --format json > "$TMP/rep.out" 2> "$TMP/rep.err" &
REP=$!
sleep 1.5
kill -0 "$REP" 2>/dev/null && ok || bad "report gave up at once while the database was held: $(cat "$TMP/rep.err")"
release_lock
wait "$REP"; equals "report waited, then ran" "$?" "0"
contains "it said why it waits" "$TMP/rep.err" "đang chờ"
contains "the report came out" "$TMP/rep.out" '"deployment_rate"'
for c in "search thu" "backup $TMP/b1.db" "import units $TMP/units.csv" "check"; do
    hold_lock "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;"
    (sleep 1; release_lock) &
    REL=$!
    # shellcheck disable=SC2086
    LAMTHEO_BUSY_WAIT=30 "$LT" $c > "$TMP/c.out" 2> "$TMP/c.err"
    st=$?
    wait "$REL"
    equals "$c waits for the database" "$st" "0"
done
[ -s "$TMP/b1.db" ] && ok || bad "the backup taken after the wait is there"

# 2. Past the bound: exit 1 with the reason, not a wrong one.
hold_lock "PRAGMA journal_mode=DELETE; BEGIN EXCLUSIVE;"
expect_status 1 "report gives up after LAMTHEO_BUSY_WAIT" env LAMTHEO_BUSY_WAIT=0.3 "$LT" report --year 2024
contains "says the database is busy" "$TMP/err" "cơ sở dữ liệu đang bận"
lacks "not a migration error" "$TMP/err" "nâng cấp"
lacks "not called a foreign file" "$TMP/err" "không phải cơ sở dữ liệu"
release_lock
expect_status 2 "a malformed LAMTHEO_BUSY_WAIT is a usage error" env LAMTHEO_BUSY_WAIT=soon "$LT" check
contains "names the variable" "$TMP/err" "LAMTHEO_BUSY_WAIT"
expect_status 0 "the database is back in WAL mode and passes check" "$LT" check
equals "journal mode" "$(sqlite3 "$LAMTHEO_DB" 'PRAGMA journal_mode')" "wal"

# 3. A running server keeps a connection open: nobody takes the database
# alone beside it (before, a server that had not yet answered a request
# held none, and a large import took the database from under it).
LAMTHEO_BUSY_WAIT=0.5 start_server || { finish; exit 0; }
mode=$(sqlite3 "$LAMTHEO_DB" 'PRAGMA journal_mode=DELETE' 2>&1)
[ "$mode" != delete ] && ok || bad "the database left WAL mode beside a fresh server"
equals "still in WAL mode" "$(sqlite3 "$LAMTHEO_DB" 'PRAGMA journal_mode')" "wal"

# 4. A write that cannot get the lock within the server's bound: 503 with
# Retry-After and a clear message, in JSON and on the page; reads go on.
hold_lock "BEGIN IMMEDIATE;"
curl -s -D "$TMP/hdr" -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"login":"quantri","password":"quantri-mat-khau-1"}' "$BASE/api/v1/session" > "$TMP/code"
equals "API login while another process writes" "$(cat "$TMP/code")" "503"
contains "Retry-After" "$TMP/hdr" "Retry-After: "
contains "JSON says busy" "$TMP/body" '"code":"busy"'
tok=$(curl -s -c "$TMP/jar" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
http "form login while another process writes" 503 -b "$TMP/jar" -d "csrf=$tok&login=quantri&password=quantri-mat-khau-1" "$BASE/dang-nhap"
contains "the page says the database is busy" "$TMP/body" "cơ sở dữ liệu đang bận"
contains "and that nothing was changed" "$TMP/body" "Chưa có gì thay đổi"
http "public pages read on" 200 "$BASE/cong-khai/"
release_lock
http "API login once the lock is gone" 200 -H 'Content-Type: application/json' \
    -d '{"login":"quantri","password":"quantri-mat-khau-1"}' "$BASE/api/v1/session"
lacks "no 500 was logged" "$TMP/serve.err" " 500 "   # (the status; not a duration of 500.6ms)
stop_server

# 5. A write waiting for the lock does not hold back the pages: writes are
# answered in the write lane, reads by the workers.  One worker, so that
# before the lane the page waited behind the write on it.  Graceful stop
# with a write still waiting: it is let go and the server stops cleanly.
LAMTHEO_THREADS=1 LAMTHEO_BUSY_WAIT=30 start_server || { finish; exit 0; }
hold_lock "BEGIN IMMEDIATE;"
curl -s -o "$TMP/login.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"login":"quantri","password":"quantri-mat-khau-1"}' "$BASE/api/v1/session" > "$TMP/login.code" &
LOGIN=$!
sleep 1 # the login has reached the lock
http "a public page while a write waits for the lock" 200 --max-time 10 "$BASE/cong-khai/"
http "the login page too" 200 --max-time 10 "$BASE/dang-nhap"
kill -0 "$LOGIN" 2>/dev/null && ok || bad "the login did not wait for the lock: $(cat "$TMP/login.code")"
release_lock
wait "$LOGIN"
equals "the waiting login went through once the lock was gone" "$(cat "$TMP/login.code")" "200"
contains "with its session" "$TMP/login.body" '"csrf"'
# a write answered in the lane, then a page on the same kept-alive connection
two=$(curl -s -o /dev/null -w '%{http_code} %{num_connects};' -H 'Content-Type: application/json' \
    -d '{"login":"quantri","password":"quantri-mat-khau-1"}' "$BASE/api/v1/session" \
    --next -s -o /dev/null -w '%{http_code} %{num_connects}' "$BASE/cong-khai/")
equals "a write, then a page on the same connection" "$two" "200 1;200 0"
stop_server

# 6. Stopping while writes wait in the lane: the one under way ends as
# before (503, busy), the one still queued is answered 503 without being
# done, and the server stops cleanly.
hold_lock "BEGIN IMMEDIATE;"
LAMTHEO_THREADS=1 LAMTHEO_BUSY_WAIT=3 LAMTHEO_STOP_WAIT=1 start_server || { finish; exit 0; }
for i in 1 2; do
    curl -s -o "$TMP/w$i.body" -w '%{http_code}' -H 'Content-Type: application/json' \
        -d '{"login":"quantri","password":"quantri-mat-khau-1"}' "$BASE/api/v1/session" > "$TMP/w$i.code" &
    eval "W$i=\$!"
    sleep 0.3
done
stop_server
wait "$W1" "$W2"
equals "both waiting writes answered 503" "$(cat "$TMP/w1.code") $(cat "$TMP/w2.code")" "503 503"
cat "$TMP/w1.body" "$TMP/w2.body" > "$TMP/w.body"
contains "the one under way: the database is busy" "$TMP/w.body" "cơ sở dữ liệu đang bận"
contains "the one queued: the server is stopping, nothing changed" "$TMP/w.body" "máy chủ đang dừng; chưa có gì thay đổi"
release_lock
finish
