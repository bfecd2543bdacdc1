# t_backup.sh — backups, restore and the quick check: `check --quick`
# passes a good database and names what is wrong in a damaged one (the
# full check alone recounts the tallies); `backup --dir` writes today's
# dated copy and rotates the folder (7 daily, the newest of 4 weeks before
# them, nothing else touched); `restore` brings a backup back (a change made
# after it gone, the replaced database kept aside and itself valid),
# refuses a damaged, foreign, newer or failing file and a database in use,
# leaving the live one as it was, and upgrades an older one.
. tests/e2e/lib.sh

export LAMTHEO_TODAY=2026-12-03
DB=$LAMTHEO_DB
expect_status 0 "init --demo" "$LT" init --demo
accounts() { sqlite3 "$1" "SELECT count(*) FROM account WHERE login='$2'"; }

# ---- check --quick -----------------------------------------------------
expect_status 0 "check --quick on the demo" "$LT" check --quick
equals "check --quick says ok" "$(cat "$TMP/out")" "ok"
expect_status 2 "check --quick takes no argument" "$LT" check --quick x

# a rule one pass shows, broken by hand: both checks name it
expect_status 0 "backup FILE still works" "$LT" backup "$TMP/rule.db"
expect_status 1 "backup FILE never replaces a file" "$LT" backup "$TMP/rule.db"
sqlite3 "$TMP/rule.db" "UPDATE registration SET grade = NULL WHERE id = (SELECT min(id) FROM registration
    WHERE status = 'evaluated')"
LAMTHEO_DB="$TMP/rule.db" expect_status 1 "check --quick finds a grade without its status" "$LT" check --quick
contains "check --quick names it" "$TMP/err" "grade does not match status"
LAMTHEO_DB="$TMP/rule.db" expect_status 1 "check finds it too" "$LT" check
contains "check names it" "$TMP/err" "grade does not match status"

# a tally off by one: a recount shows it, the quick check does not look
"$LT" backup "$TMP/tally.db" > /dev/null
sqlite3 "$TMP/tally.db" "UPDATE registration_tally SET registered = registered + 1
    WHERE (year, unit_id) = (SELECT year, unit_id FROM registration_tally WHERE registered > 0 LIMIT 1)"
LAMTHEO_DB="$TMP/tally.db" expect_status 0 "check --quick does not recount" "$LT" check --quick
LAMTHEO_DB="$TMP/tally.db" expect_status 1 "check recounts the tally" "$LT" check
contains "check names the tally" "$TMP/err" "registration tally does not match"

# pages overwritten in the middle of the file
"$LT" backup "$TMP/pages.db" > /dev/null
pages=$(sqlite3 "$TMP/pages.db" "PRAGMA page_count")
head -c 409600 /dev/urandom | dd of="$TMP/pages.db" bs=4096 seek=$((pages / 2)) conv=notrunc 2> /dev/null
LAMTHEO_DB="$TMP/pages.db" expect_status 1 "check --quick finds overwritten pages" "$LT" check --quick
if grep -qiE "integrity|damaged|malformed|hỏng" "$TMP/err"; then ok; else bad "overwritten pages named"; cat "$TMP/err"; fi

# a file cut short (not whole pages): the header's part names it
"$LT" backup "$TMP/cut.db" > /dev/null
truncate -s -100 "$TMP/cut.db"
LAMTHEO_DB="$TMP/cut.db" expect_status 1 "check --quick finds a file cut short" "$LT" check --quick
contains "check --quick names the cut" "$TMP/err" "cut short"

# ---- backup --dir: today's copy and rotation ---------------------------
BK="$TMP/bk"
expect_status 0 "backup --dir makes the folder" "$LT" backup --dir "$BK"
contains "backup --dir names the copy" "$TMP/out" "$BK/lamtheo-2026-12-03.db"
equals "the folder is private" "$(stat -c %a "$BK")" "700"
LAMTHEO_DB="$BK/lamtheo-2026-12-03.db" expect_status 0 "today's copy passes check" "$LT" check
# a second run the same day replaces today's copy with a fresher one
echo 'mat-khau-rat-dai-2021' | "$LT" user add sauban --role admin > /dev/null
expect_status 0 "backup --dir again today" "$LT" backup --dir "$BK"
equals "today's copy replaced by the newer one" "$(accounts "$BK/lamtheo-2026-12-03.db" sauban)" "1"
equals "one copy for today, no leftovers" "$(ls "$BK")" "lamtheo-2026-12-03.db"
expect_status 2 "--keep-daily without --dir" "$LT" backup "$TMP/x.db" --keep-daily 3
expect_status 2 "--keep-daily 0 refused" "$LT" backup --dir "$BK" --keep-daily 0
expect_status 2 "backup --dir with a FILE too" "$LT" backup --dir "$BK" "$TMP/x.db"

# every day from 1 October to 2 December, and files that are not ours
d=2026-10-01
while [ "$d" != 2026-12-03 ]; do
    echo old > "$BK/lamtheo-$d.db"
    d=$(date -d "$d + 1 day" +%F)
done
for f in lamtheo-2026-10-01.db.bak lamtheo-2026-10-01.db-wal lamtheo-2026-13-01.db lamtheo-2026-02-30.db \
         other.db lamtheo-latest.db Lamtheo-2026-10-05.db; do
    echo mine > "$BK/$f"
done
mkdir "$BK/lamtheo-2026-10-03.db.d"
ln -s /nonexistent "$BK/lamtheo-2026-10-04.db.link"
expect_status 0 "backup --dir rotates" "$LT" backup --dir "$BK" --keep-daily 7 --keep-weekly 4
kept=$(ls "$BK" | grep -E '^lamtheo-[0-9]{4}-[0-9]{2}-[0-9]{2}\.db$' | grep -v 2026-13-01 | grep -v 2026-02-30 | tr '\n' ' ')
# daily: 3 Dec and the 6 days before (ISO weeks 49 and 48); weekly, the
# weeks before those (47, 46, 45, 44): the newest of each
equals "the 7 daily and the newest of 4 weeks kept" "$kept" "lamtheo-2026-11-01.db lamtheo-2026-11-08.db \
lamtheo-2026-11-15.db lamtheo-2026-11-22.db lamtheo-2026-11-27.db lamtheo-2026-11-28.db lamtheo-2026-11-29.db \
lamtheo-2026-11-30.db lamtheo-2026-12-01.db lamtheo-2026-12-02.db lamtheo-2026-12-03.db "
for f in lamtheo-2026-10-01.db.bak lamtheo-2026-10-01.db-wal lamtheo-2026-13-01.db lamtheo-2026-02-30.db \
         other.db lamtheo-latest.db Lamtheo-2026-10-05.db lamtheo-2026-10-03.db.d; do
    if [ -e "$BK/$f" ]; then ok; else bad "rotation removed $f, not its own"; fi
done
if [ -L "$BK/lamtheo-2026-10-04.db.link" ]; then ok; else bad "rotation removed a link"; fi
contains "each removal is said" "$TMP/out" "lamtheo-2026-10-01.db (old backup removed)"
equals "the removals counted" "$(grep -c 'old backup removed' "$TMP/out")" "53"
# a day later, keeping 2 daily and 1 week: 3 and 4 December (week 49),
# and the newest of week 48
LAMTHEO_TODAY=2026-12-04 expect_status 0 "the next day's run" "$LT" backup --dir "$BK" --keep-daily 2 --keep-weekly 1
equals "2 daily and one week kept" "$(ls "$BK" | grep -E '^lamtheo-2026-1[12]-[0-9]{2}\.db$' | tr '\n' ' ')" \
    "lamtheo-2026-11-29.db lamtheo-2026-12-03.db lamtheo-2026-12-04.db "

# ---- restore -----------------------------------------------------------
GOOD="$BK/lamtheo-2026-12-04.db"
sum_before=$(md5sum < "$GOOD")
echo 'mat-khau-rat-dai-2021' | "$LT" user add sau-sao-luu --role admin > /dev/null
equals "a change after the backup" "$(accounts "$DB" sau-sao-luu)" "1"
expect_status 0 "restore a good backup" "$LT" restore "$GOOD"
contains "restore says so" "$TMP/out" "restored from the backup"
contains "restore names the replaced database" "$TMP/out" "kept aside"
equals "the change after the backup is gone" "$(accounts "$DB" sau-sao-luu)" "0"
equals "the data of the backup is there" "$(accounts "$DB" sauban)" "1"
expect_status 0 "the restored database passes check" "$LT" check
aside=$(ls "$DB".replaced-* 2> /dev/null | head -1)
if [ -n "$aside" ] && [ -f "$aside" ]; then ok; else bad "the replaced database kept aside"; fi
equals "the replaced database kept its data" "$(accounts "$aside" sau-sao-luu)" "1"
LAMTHEO_DB="$aside" expect_status 0 "the replaced database is valid" "$LT" check
if [ -e "$aside-wal" ]; then bad "the replaced database has a WAL beside it"; else ok; fi
equals "the backup file unchanged" "$(md5sum < "$GOOD")" "$sum_before"
if [ -e "$GOOD-wal" ] || [ -e "$GOOD-shm" ]; then bad "restore wrote beside the backup"; else ok; fi
equals "the restored database is in WAL mode once used" "$(sqlite3 "$DB" 'PRAGMA journal_mode')" "wal"

# refused: the live database must come through unchanged
live_state() { sqlite3 "$DB" "SELECT count(*), group_concat(login) FROM account"; }
refused() { # NAME FILE TEXT
    before=$(live_state)
    nasides=$(ls "$DB".replaced-* | wc -l)
    expect_status 1 "restore refuses $1" "$LT" restore "$2"
    contains "restore names why ($1)" "$TMP/err" "$3"
    equals "live database unchanged ($1)" "$(live_state)" "$before"
    equals "nothing set aside ($1)" "$(ls "$DB".replaced-* | wc -l)" "$nasides"
    equals "no temporary file left ($1)" "$(ls "$(dirname "$DB")" | grep -c '\.tmp')" "0"
}
refused "overwritten pages" "$TMP/pages.db" "pages.db"
refused "a tally off by one" "$TMP/tally.db" "fails the check"
grep -q "registration tally does not match" "$TMP/err" && ok || bad "restore prints the check's problems"
sqlite3 "$TMP/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
refused "another program's database" "$TMP/other.db" "is not a lamtheo database"
echo "not a database at all, only text that is long enough to be a header of something" > "$TMP/text.db"
refused "a text file" "$TMP/text.db" "is not a database"
"$LT" backup "$TMP/newer.db" > /dev/null
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
refused "a newer version" "$TMP/newer.db" "newer version"
refused "a missing file" "$TMP/none.db" "no file"
expect_status 2 "restore needs one FILE" "$LT" restore

# a server holding the database open: refused until it stops
if start_server; then
    http "the server answers" 200 "$BASE/dang-nhap"
    refused "while the server runs" "$GOOD" "in use"
    stop_server
fi

# an older version is brought forward after the copy
v13_new "$TMP/v13.db"
sqlite3 "$TMP/v13.db" "INSERT INTO unit(code, name, name_fold, name_sort, kind) VALUES ('CU', 'Huyện cũ', 'huyen cu', 'x', 'district')"
v13_done "$TMP/v13.db"
expect_status 0 "restore a version-13 database" "$LT" restore "$TMP/v13.db"
contains "restore says it upgraded" "$TMP/out" "upgraded from schema version 13"
equals "upgraded to this version" "$(sqlite3 "$DB" 'PRAGMA user_version')" "28"
equals "its data is there" "$(sqlite3 "$DB" "SELECT name FROM unit WHERE code='CU'")" "Huyện cũ"
equals "the version-13 file itself unchanged" "$(sqlite3 "$TMP/v13.db" 'PRAGMA user_version')" "13"
expect_status 0 "the upgraded database passes check" "$LT" check

# a damaged live database is set aside as it is
cp "$TMP/text.db" "$DB"
rm -f "$DB-wal" "$DB-shm"
n=$(ls "$DB".replaced-* | wc -l)
sleep 1 # (a new second: a new name to set it aside under)
expect_status 0 "restore over a damaged database" "$LT" restore "$GOOD"
equals "the damaged one kept aside" "$(ls "$DB".replaced-* | wc -l)" "$((n + 1))"
expect_status 0 "the restored database passes check" "$LT" check
finish
