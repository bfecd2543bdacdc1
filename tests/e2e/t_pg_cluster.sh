#!/bin/sh
# t_pg_cluster.sh — the throwaway PostgreSQL cluster the suite runs on
# (issue 24; scripts/pg-cluster.sh): it starts from nothing in a folder of
# its own, answers on a Unix socket there and on no TCP port, holds UTF-8
# and ICU's Vietnamese collation (the sort keys of names rest on it), and
# leaves nothing behind when stopped.  lamtheo makes its schema there,
# builds the demo, checks it and gives SQLite's answers; an address that
# does not answer is said so without being repeated (it may hold a
# password).
. "$(dirname "$0")/lib.sh"
CLUSTER="$(dirname "$0")/../../scripts/pg-cluster.sh"
PG=$(mktemp -d /tmp/lamtheo-pg.XXXXXX)
cleanup_pg() { sh "$CLUSTER" stop "$PG" >/dev/null 2>&1 || true; }
trap cleanup_pg EXIT
if URL=$(sh "$CLUSTER" start "$PG" 2>"$TMP/pg.err"); then ok; else bad "the cluster starts"; cat "$TMP/pg.err"; fi
q() { psql "$URL" -X -At -v ON_ERROR_STOP=1 -c "$1" 2>>"$TMP/pg.err"; }
equals "it answers on its socket" "$(q 'select 1')" "1"
case $URL in *"host=$PG&"*) ok ;; *) bad "...which is in its own folder: $URL" ;; esac
equals "its text is UTF-8" "$(q 'show server_encoding')" "UTF8"
equals "no TCP port" "$(q "select coalesce(nullif(current_setting('listen_addresses'), ''), 'none')")" "none"
equals "ICU's Vietnamese collation is there" "$(q "select count(*) from pg_collation where collname = 'vi-x-icu'")" "1"
equals "...and sorts names as Vietnamese does (A Â Ă, D before Đ)" \
    "$(q "select string_agg(x, ',' order by x collate \"vi-x-icu\") from (values ('Đào'), ('Dương'), ('Ấn'), ('Anh'), ('Ân')) v(x)")" \
    "Anh,Ân,Ấn,Dương,Đào"
NOT_OURS=$(mktemp -d /tmp/lamtheo-pg.XXXXXX)
expect_status 1 "stop refuses a folder it did not make" sh "$CLUSTER" stop "$NOT_OURS"
check "...and leaves it" test -d "$NOT_OURS"
rmdir "$NOT_OURS"

# lamtheo on the cluster: its schema made and checked, what is SQLite's own
# pointed to PostgreSQL's tools, nothing crashes and no address is ever
# printed (the cluster's has no password; its folder's name stands for it)
P=$(basename "$PG")
expect_status 0 "init makes lamtheo's schema on PostgreSQL" "$LT" --db "$URL" init
contains "...and says so" "$TMP/out" "Đã tạo cơ sở dữ liệu PostgreSQL (database created)"
lacks "...without the address" "$TMP/out" "$P"
equals "...with its version" "$(q 'select count(*) from lamtheo_schema')" "1"
expect_status 1 "init again is refused" "$LT" --db "$URL" init
contains "...as lamtheo's tables are there" "$TMP/err" "already holds lamtheo's tables"
expect_status 0 "check finds a new database sound" "$LT" --db "$URL" check
expect_status 1 "backup points to PostgreSQL's own tools" "$LT" --db "$URL" backup "$TMP/b.db"
contains "...naming them" "$TMP/err" "pg_dump"
# the demo made on PostgreSQL (on the run's cluster: lib.sh's pg_demo, built
# once a run by init --demo) gives what it gives on SQLite: every year's
# report, the range report, the exports and a search, byte for byte
DEMO=$(pg_demo) && ok || bad "init --demo runs on PostgreSQL"
"$LT" --db "$TMP/demo.db" init --demo >/dev/null 2>&1
# check there: the demo's tallies match a fresh count; a drifted one is named
expect_status 0 "check finds the demo sound on PostgreSQL" "$LT" --db "$DEMO" check
psql "$DEMO" -X -q -c "UPDATE registration_tally SET good = good + 1 WHERE year = 2020 AND unit_id =
    (SELECT min(unit_id) FROM registration_tally WHERE year = 2020)"
expect_status 1 "...and finds a drifted tally" "$LT" --db "$DEMO" check
contains "...naming it" "$TMP/err" "registration tally does not match: 2020/"
psql "$DEMO" -X -q -c "UPDATE registration_tally SET good = good - 1 WHERE year = 2020 AND unit_id =
    (SELECT min(unit_id) FROM registration_tally WHERE year = 2020)"
same() { # what: the command's output on both engines
    what=$1; shift
    "$LT" --db "$TMP/demo.db" "$@" >"$TMP/lite.out" 2>&1
    "$LT" --db "$DEMO" "$@" >"$TMP/pg.out" 2>&1
    if cmp -s "$TMP/lite.out" "$TMP/pg.out" && [ -s "$TMP/lite.out" ]; then ok
    else bad "$what as on SQLite"; diff "$TMP/lite.out" "$TMP/pg.out" | head -5; fi
}
for y in 2016 2018 2020 2021; do same "the $y report" report --year $y --format json; done
same "the 2016-2020 report" report --from 2016 --to 2020
for k in units people registrations deployments; do same "the $k export" export $k; done
same "a search" search "son dinh"
same "the accounts" user list
# ...and so do the pages, read as the administrator (the forms' tokens aside)
PAGES="/tong-quan /tong-quan?nam=2018 /viec-can-lam /don-vi /don-vi/HU-CL /don-vi/DB-TT /don-vi/DB-TT-01
/don-vi/DB-TT/tap-the /nguoi /nguoi?q=nguyen /tai-khoan /nam /y-kien /cong-khai/ /cong-khai/chuan-muc
/cong-khai/mo-hinh /cong-khai/tap-the /api/v1/indicators?year=2020 /api/v1/units /api/v1/people
/bao-cao?nam=2020&dinh_dang=html"
pages_of() { # DB DIR: each page of PAGES into DIR, numbered
    mkdir -p "$2"
    start_server --db "$1"
    login "$2/jar" quantri quantri-demo-2020
    n=0
    for p in $PAGES; do
        n=$((n + 1))
        curl -s -b "$2/jar" "$BASE$p" | sed -E 's/(name="csrf" value=")[^"]*/\1/g; s/"csrf":"[^"]*"//g' > "$2/$n"
    done
    stop_server
}
pages_of "$TMP/demo.db" "$TMP/lite"
pages_of "$DEMO" "$TMP/pg"
n=0
for p in $PAGES; do
    n=$((n + 1))
    if [ -s "$TMP/lite/$n" ] && cmp -s "$TMP/lite/$n" "$TMP/pg/$n"; then ok
    else bad "the page $p as on SQLite"; diff "$TMP/lite/$n" "$TMP/pg/$n" | head -5; fi
done
start_server --db "$URL"
http "the server answers on PostgreSQL" 302 "$BASE/"
stop_server
lacks "...and never prints the address" "$TMP/serve.err" "$P"
lacks "...even in its log" "$TMP/serve.out" "$P"

sh "$CLUSTER" stop "$PG"
check "stopped, its folder is gone" test ! -e "$PG"
if psql "$URL" -X -Atc 'select 1' >/dev/null 2>&1; then bad "it still answers after stop"; else ok; fi

# (from a folder where the address, read as a path, names a file lamtheo
# could create: postgresql:/u:bí-mật@h.invalid/lamtheo)
mkdir -p "$TMP/cwd/postgresql:/u:bí-mật@h.invalid"
cd "$TMP/cwd"
expect_status 1 "a postgresql:// address that answers not is said so" "$LT" --db "postgresql://u:bí-mật@h.invalid/lamtheo" init
contains "...in Vietnamese" "$TMP/err" "không kết nối được tới PostgreSQL"
contains "...and in English" "$TMP/err" "cannot connect to PostgreSQL"
lacks "...without repeating the address's password" "$TMP/err" "bí-mật"
check "...and creates nothing" test ! -e "postgresql:/u:bí-mật@h.invalid/lamtheo"
cd - >/dev/null
finish
