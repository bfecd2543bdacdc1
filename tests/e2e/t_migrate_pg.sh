#!/bin/sh
# t_migrate_pg.sh — lamtheo migrate --from FILE --to postgresql://... (DESIGN
# §10, issue 24): an installation on SQLite (the demo: six years of a
# district, its accounts and its history) copied into a new PostgreSQL
# database gives the same counts in every table, the same reports, exports
# and search, passes check, lets its people log in with their passwords,
# and goes on numbering its rows past the copied ones.  A target that holds
# data, a value PostgreSQL cannot hold, a row whose parent is gone, a
# missing file, an address with a password: each refused with a message,
# nothing half-written, no password repeated.
. "$(dirname "$0")/lib.sh"
demo_database
LITE=$LAMTHEO_DB
PGDB=$(pg_database "lt_migrate_$(date +%s%N)") && ok || bad "a new database on the cluster"

# ---- the copy -----------------------------------------------------------
expect_status 0 "migrate copies the demo" "$LT" migrate --from "$LITE" --to "$PGDB"
contains "...and says what it copied and checked" "$TMP/out" "37 bảng"
contains "...every unit's indicators compared" "$TMP/out" "chỉ số của mọi đơn vị trong 11 năm khớp"
contains "...telling each table as it goes" "$TMP/err" "registration_item"
q() { psql "$PGDB" -X -A -t -q -v ON_ERROR_STOP=1 -c "$1"; }
# every table of SQLite's but the word indexes' (PostgreSQL's are indexes)
tables=$(sqlite3 "$LITE" "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
    AND name NOT LIKE 'sqlite_%' ORDER BY name")
differ=
for t in $tables; do
    [ "$(sqlite3 "$LITE" "SELECT count(*) FROM $t")" = "$(q "SELECT count(*) FROM $t")" ] || differ="$differ $t"
done
equals "every table holds as many rows on both" "$differ" ""
equals "...37 tables of them" "$(echo "$tables" | wc -w)" "37"
equals "the audit trail came whole" "$(q "SELECT count(*) FROM audit")" "$(sqlite3 "$LITE" "SELECT count(*) FROM audit")"
equals "people's sort keys are SQLite's bytes" \
    "$(q "SELECT encode(name_sort, 'hex') FROM person ORDER BY id LIMIT 1")" \
    "$(sqlite3 "$LITE" "SELECT lower(hex(name_sort)) FROM person ORDER BY id LIMIT 1")"
expect_status 0 "check finds the copy sound" "$LT" --db "$PGDB" check

# the same answers from both
for y in 2016 2020; do
    "$LT" --db "$LITE" report --year $y -o "$TMP/lite-$y.html" 2>/dev/null
    "$LT" --db "$PGDB" report --year $y -o "$TMP/pg-$y.html" 2>/dev/null
    check "the $y report is SQLite's byte for byte" cmp -s "$TMP/lite-$y.html" "$TMP/pg-$y.html"
done
"$LT" --db "$LITE" export people -o "$TMP/lite-people.csv" 2>/dev/null
"$LT" --db "$PGDB" export people -o "$TMP/pg-people.csv" 2>/dev/null
check "the people's export is SQLite's" cmp -s "$TMP/lite-people.csv" "$TMP/pg-people.csv"
check "...and holds the people" test "$(wc -l < "$TMP/pg-people.csv")" -gt 500
equals "a search finds the same people" "$("$LT" --db "$PGDB" search "nguyen van" | head -5)" \
    "$("$LT" --db "$LITE" search "nguyen van" | head -5)"

# life goes on there: the copied ids are not given again, the passwords work
printf 'ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot,nguoi_dung_dau\nMOI01,Lê Văn Mới,01/01/1990,Nam,DB-TTCL-01,Đảng viên,Đảng viên,,\n' > "$TMP/new.csv"
expect_status 0 "a person imported after the copy" "$LT" --db "$PGDB" import people "$TMP/new.csv"
equals "...takes the id after the copied ones" "$(q "SELECT id FROM person WHERE code = 'MOI01'")" \
    "$(( $(sqlite3 "$LITE" "SELECT max(id) FROM person") + 1 ))"
"$LT" --db "$PGDB" search "le van moi" > "$TMP/found" 2>&1
contains "...and is found by name" "$TMP/found" "MOI01"
LAMTHEO_DB=$PGDB start_server
login "$TMP/jar" quantri quantri-demo-2020
http "the administrator logs in with the demo's password" 200 -b "$TMP/jar" "$BASE/api/v1/session"
contains "...as the administrator" "$TMP/body" '"role":"admin"'
stop_server

# ---- refusals -------------------------------------------------------------
rows_before=$(q "SELECT count(*) FROM person")
expect_status 1 "a second copy into a database with data is refused" "$LT" migrate --from "$LITE" --to "$PGDB"
contains "...saying so" "$TMP/err" "đã có dữ liệu"
equals "...and leaves it as it was" "$(q "SELECT count(*) FROM person")" "$rows_before"

cp "$LITE" "$TMP/bad.db"
sqlite3 "$TMP/bad.db" "UPDATE person SET full_name = CAST(X'4cc3' || X'ff' AS TEXT) WHERE id = 7"
BAD=$(pg_database "lt_migrate_bad_$(date +%s%N)")
expect_status 1 "a name that is not UTF-8 stops the copy" "$LT" migrate --from "$TMP/bad.db" --to "$BAD"
contains "...named by table, row and column" "$TMP/err" "bảng person, dòng có id 7, cột full_name"
equals "...and nothing is written" "$(psql "$BAD" -X -At -c "SELECT count(*) FROM unit")" "0"
sqlite3 "$TMP/bad.db" "UPDATE person SET full_name = 'Lê Văn Bảy' WHERE id = 7"
expect_status 0 "...once mended, the same database takes the copy" "$LT" migrate --from "$TMP/bad.db" --to "$BAD"

# a row whose parent is gone (SQLite enforces foreign keys only when asked)
cp "$LITE" "$TMP/orphan.db"
sqlite3 "$TMP/orphan.db" "DELETE FROM registration WHERE id = (SELECT min(registration_id) FROM registration_item)"
ORPHAN=$(pg_database "lt_migrate_orphan_$(date +%s%N)")
expect_status 1 "an item whose registration is gone stops the copy" "$LT" migrate --from "$TMP/orphan.db" --to "$ORPHAN"
contains "...naming the table and its key" "$TMP/err" 'registration_item'
equals "...and nothing is written" "$(psql "$ORPHAN" -X -At -c "SELECT count(*) FROM registration_item")" "0"
equals "...its foreign keys all there" "$(psql "$ORPHAN" -X -At -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")" \
    "$(psql "$PGDB" -X -At -c "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")"

# a table of someone else's in the target, under a name no SQL of ours could hold
ODD=$(pg_database "lt_migrate_odd_$(date +%s%N)")
psql "$ODD" -X -q -c 'CREATE TABLE "ghi chú"" của tôi" (x int)'
expect_status 1 "a target holding a table not lamtheo's is refused" "$LT" migrate --from "$LITE" --to "$ODD"
contains "...naming it" "$TMP/err" 'has a table "ghi chú" của tôi" that is not lamtheo'"'"'s'
equals "...and nothing is written" "$(psql "$ODD" -X -At -c "SELECT count(*) FROM unit")" "0"

expect_status 2 "--to must be PostgreSQL" "$LT" migrate --from "$LITE" --to "$TMP/other.db"
contains "...says what each is" "$TMP/err" "--to là địa chỉ postgresql://"
expect_status 2 "both are needed" "$LT" migrate --from "$LITE"
expect_status 1 "a missing file is named" "$LT" migrate --from "$TMP/none.db" --to "$PGDB"
contains "...as missing" "$TMP/err" "none.db"
NOPE=$(pg_address_of nosuchdb | sed 's|postgresql://|postgresql://lamtheo:pw-s3cret-77@|')
expect_status 1 "an unreachable database" "$LT" migrate --from "$LITE" --to "$NOPE"
lacks "...without its password" "$TMP/err" "pw-s3cret-77"
finish
