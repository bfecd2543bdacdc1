# t_store.sh — the database file: schema version and application id,
# refusing files that are not ours or are newer, accounts, audit rows.
. tests/e2e/lib.sh

expect_status 0 "init" "$LT" init
equals "user_version" "$(sqlite3 "$LAMTHEO_DB" "PRAGMA user_version")" "28"
equals "application_id" "$(sqlite3 "$LAMTHEO_DB" 'PRAGMA application_id')" "1280591941"
equals "WAL" "$(sqlite3 "$LAMTHEO_DB" 'PRAGMA journal_mode')" "wal"

# a database of every earlier version is brought forward by the
# migrations, data kept, and ends with exactly the schema of a new one,
# which schema.sql makes whole (every table, index, trigger and view by
# name, with its SQL, comments and spaces aside: schema_normal)
for v in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
    old="$TMP/v$v.db"
    if [ "$v" -le 2 ]; then
        sqlite3 "$old" < tests/fixtures/schema_v$v.sql
    else
        schema_of_version "$v" | sqlite3 "$old"
    fi
    # (from version 5 on, units are written by lamtheo only: their sort key
    # is lamtheo's SQL function vi_key; from version 12 on, so are people:
    # name_rank_of.  Those insert triggers are set aside, the shell gives
    # what lamtheo would, 'giang thi lan' of id 1 its name rank, and the
    # triggers are put back as they were)
    aside="'unit_sort_add'"
    [ "$v" -lt 12 ] || aside="$aside, 'person_words_add'"
    put_back=$(sqlite3 "$old" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name IN ($aside)")
    sqlite3 "$old" "PRAGMA application_id=1280591941; PRAGMA user_version=$v;
        DROP TRIGGER IF EXISTS unit_sort_add;
        $([ "$v" -lt 12 ] || echo "DROP TRIGGER person_words_add;")
        INSERT INTO unit(code, name, name_fold, kind) VALUES ('HU', 'Huyện ủy', 'huyen uy', 'district');
        INSERT INTO person(code, full_name, name_fold, name_sort, unit_id, category)
            VALUES ('P1', 'Giàng Thị Lan', 'giang thi lan', 'x', 1, 'party_member')"
    [ "$v" -lt 12 ] || sqlite3 "$old" "UPDATE person SET name_rank =
            (((((12 * 27 + 1) * 27 + 14) * 27 + 0) * 27 + 7) * 27 + 9) * 17179869184 + id;
        INSERT INTO person_name_words(rowid, name_fold) SELECT name_rank, name_fold FROM person"
    [ -z "$put_back" ] || sqlite3 "$old" "$put_back"
    LAMTHEO_DB="$old" expect_status 0 "upgrade from version $v" "$LT" check
    equals "version after upgrade from $v" "$(sqlite3 "$old" 'PRAGMA user_version')" "28"
    LAMTHEO_DB="$old" expect_status 0 "search after upgrade from $v" "$LT" search giang lan
    contains "finds a person kept from $v" "$TMP/out" "P1"
    equals "data kept from $v" "$(sqlite3 "$old" "SELECT name FROM unit WHERE code='HU'")" "Huyện ủy"
    equals "one membership row from $v, in the person's unit" \
        "$(sqlite3 "$old" "SELECT count(*), min(unit_id), min(valid_to IS NULL) FROM membership")" "1|1|1"
    [ "$v" -ge 5 ] || equals "sort key filled from $v" "$(sqlite3 "$old" "SELECT name_sort <> '' FROM unit WHERE code='HU'")" "1"
    equals "same schema as new after $v" "$(schema_normal "$old")" "$(schema_normal "$LAMTHEO_DB")"
done

# the upgrade to sort keys as bytes (version 26): a database of version 25,
# its keys hexadecimal text (here in the reverse of the names' order), has
# every key made again from the name, the same bytes as a new database's
# (given name first: An before Bình before Cường), and units likewise
v25="$TMP/v25.db"
schema_of_version 25 | sqlite3 "$v25"
put_back=$(sqlite3 "$v25" "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name IN ('unit_sort_add', 'person_words_add')")
sqlite3 "$v25" "PRAGMA application_id=1280591941; PRAGMA user_version=25;
    DROP TRIGGER unit_sort_add; DROP TRIGGER person_words_add;
    INSERT INTO unit(code, name, name_fold, kind, name_sort) VALUES ('HU', 'Huyện ủy', 'huyen uy', 'district', '01'),
        ('XA', 'Đảng ủy xã An Phú', 'dang uy xa an phu', 'grassroots_committee', '00');
    INSERT INTO person(code, full_name, name_fold, name_sort, unit_id, category) VALUES
        ('P1', 'Trần Văn An', 'tran van an', 'ff', 1, 'party_member'),
        ('P2', 'Nguyễn Thị Bình', 'nguyen thi binh', '80', 1, 'party_member'),
        ('P3', 'Lê Cường', 'le cuong', '00', 1, 'party_member')"
sqlite3 "$v25" "$put_back"
LAMTHEO_DB="$v25" expect_status 0 "upgrade from version 25" "$LT" search an
contains "the upgrade says what it does and that it takes time" "$TMP/err" \
    "đang nâng cấp cơ sở dữ liệu từ phiên bản 25 lên 28; cơ sở dữ liệu lớn có thể mất vài phút"
LAMTHEO_DB="$v25" expect_status 0 "a second command on the upgraded database" "$LT" search an
lacks "no upgrade said when there is none" "$TMP/err" "nâng cấp"
equals "people in the names' order after the upgrade from 25" \
    "$(sqlite3 "$v25" "SELECT group_concat(code || ':' || typeof(name_sort), ' ') FROM (SELECT * FROM person ORDER BY name_sort)")" \
    "P1:blob P2:blob P3:blob"
equals "units in the names' order after the upgrade from 25" \
    "$(sqlite3 "$v25" "SELECT group_concat(code || ':' || typeof(name_sort), ' ') FROM (SELECT * FROM unit ORDER BY name_sort)")" \
    "XA:blob HU:blob"
fresh25="$TMP/fresh25.db"
LAMTHEO_DB="$fresh25" "$LT" init > /dev/null
printf 'ma_don_vi,ten,loai,ma_cap_tren\nHU,Huyện ủy,district,\nXA,Đảng ủy xã An Phú,grassroots_committee,HU\n' > "$TMP/u25.csv"
printf 'ma_nguoi,ho_ten,ma_don_vi,doi_tuong\nP1,Trần Văn An,HU,Đảng viên\nP2,Nguyễn Thị Bình,HU,Đảng viên\nP3,Lê Cường,HU,Đảng viên\n' > "$TMP/p25.csv"
LAMTHEO_DB="$fresh25" expect_status 0 "units for the keys of a new database" "$LT" import units "$TMP/u25.csv"
LAMTHEO_DB="$fresh25" expect_status 0 "people for the keys of a new database" "$LT" import people "$TMP/p25.csv"
keys() { sqlite3 "$1" "SELECT group_concat(code || '=' || hex(name_sort), ' ') FROM (SELECT code, name_sort FROM $2 ORDER BY code)"; }
equals "people's keys as a new database's after the upgrade from 25" "$(keys "$v25" person)" "$(keys "$fresh25" person)"
equals "units' keys as a new database's after the upgrade from 25" "$(keys "$v25" unit)" "$(keys "$fresh25" unit)"

# the upgrade to membership over time (version 14) keeps every figure: a
# version-13 database with people who left, joined late, are not required,
# and registered in another unit than their own in some years gives the
# same counts per unit and year after it as before (before: the people
# spans plus the registration tally's corrections; after: no corrections)
v13="$TMP/v13-figures.db"
v13_new "$v13"
sqlite3 "$v13" "INSERT INTO unit(id, code, name, name_fold, kind) VALUES (1, 'HU', 'Huyện ủy', 'huyen uy', 'district'),
        (2, 'CB', 'Chi bộ', 'chi bo', 'cell');
    INSERT INTO person(id, code, full_name, name_fold, name_sort, unit_id, category, key_cadre, active_from, active_to)
        VALUES (1, 'P1', 'Một', 'mot', 'a', 1, 'party_member', 1, '1900-01-01', NULL),
               (2, 'P2', 'Hai', 'hai', 'b', 2, 'cadre', 0, '1900-01-01', '2020-06-30'),
               (3, 'P3', 'Ba', 'ba', 'c', 1, 'other', 0, '1900-01-01', NULL),
               (4, 'P4', 'Bốn', 'bon', 'd', 2, 'party_member', 1, '2020-03-01', NULL);
    INSERT INTO registration(person_id, year, unit_id, status, grade, published_at) VALUES
        (1, 2019, 1, 'submitted', NULL, NULL), (1, 2020, 2, 'published', NULL, '2020-05-01'),
        (1, 2021, 1, 'evaluated', 'good', '2021-05-01'), (2, 2019, 2, 'draft', NULL, NULL),
        (2, 2020, 2, 'submitted', NULL, NULL), (3, 2020, 1, 'submitted', NULL, NULL),
        (4, 2021, 1, 'approved', NULL, NULL);"
v13_done "$v13"
figures_before=$(tally_figures "$v13" 2019 2022)
LAMTHEO_DB="$v13" expect_status 0 "version 13 with history upgraded" "$LT" report --year 2020
# (its people's name ranks are the shell's, not lamtheo's: check names
# them, and nothing else)
LAMTHEO_DB="$v13" "$LT" check > "$TMP/out" 2> "$TMP/err"
lacks "tallies equal a fresh count after the upgrade" "$TMP/err" "tally"
lacks "registrations placed by membership after the upgrade" "$TMP/err" "not placed"
lacks "no overlapping rows after the upgrade" "$TMP/err" "overlap"
equals "every unit's figures of every year kept by the upgrade" "$(tally_figures "$v13" 2019 2022)" "$figures_before"
equals "the figures are the ones of the history" "$figures_before" \
    "2019:1=1,1,1,0,1,0,0,0,0,0 2019:2=1,0,0,0,0,0,0,0,0,0 2020:1=0,0,0,0,1,0,0,0,0,0 2020:2=3,2,2,1,2,1,0,0,0,0 2021:1=2,2,2,1,2,2,0,1,0,0 2022:1=1,1,0,0,0,0,0,0,0,0 2022:2=1,1,0,0,0,0,0,0,0,0"
equals "the people's rows, split where a year's registration sat elsewhere" \
    "$(sqlite3 "$v13" "SELECT group_concat(person_id || '@' || unit_id || ':' || valid_from || '..' || coalesce(valid_to, ''), ' ') FROM (SELECT * FROM membership ORDER BY person_id, valid_from)")" \
    "1@1:2019-01-01..2019-12-31 1@2:2020-01-01..2020-12-31 1@1:2021-01-01.. 2@2:2019-01-01..2020-12-31 3@1:2019-01-01.. 4@2:2020-01-01..2020-12-31 4@1:2021-01-01..2021-12-31 4@2:2022-01-01.."

# the demo as an installation of version 13 held it (each person in one
# unit, each registration where it counted), upgraded: every unit's
# figures of every year kept, and the article's 2020 figures reported
LAMTHEO_DB="$TMP/demo15.db" "$LT" init --demo > /dev/null
v13_from "$TMP/demo15.db" "$TMP/demo13.db"
figures_before=$(tally_figures "$TMP/demo13.db" 2016 2026)
LAMTHEO_DB="$TMP/demo13.db" expect_status 0 "the demo of version 13 upgraded" "$LT" report --year 2020 --unit HU-CL --format json
contains "98,8% deployed" "$TMP/out" '"deployment_rate": 98.8,'
contains "100% completed well" "$TMP/out" '"good_or_better_rate": 100.0,'
equals "every unit's figures of every year kept by the demo's upgrade" "$(tally_figures "$TMP/demo13.db" 2016 2026)" "$figures_before"
check "some figures to keep" test "$(echo "$figures_before" | wc -w)" -gt 500
LAMTHEO_DB="$TMP/demo13.db" "$LT" check > "$TMP/out" 2> "$TMP/err"
lacks "its tallies equal a fresh count" "$TMP/err" "tally"
lacks "its registrations placed by membership" "$TMP/err" "not placed"

# the tallies the indicators read are compared with a fresh count by check
LAMTHEO_DB="$TMP/tally.db" "$LT" init --demo > /dev/null
LAMTHEO_DB="$TMP/tally.db" expect_status 0 "demo tallies match" "$LT" check
sqlite3 "$TMP/tally.db" "UPDATE registration_tally SET good = good + 1 WHERE year = 2020 AND unit_id =
    (SELECT min(unit_id) FROM registration_tally WHERE year = 2020)"
LAMTHEO_DB="$TMP/tally.db" expect_status 1 "a drifted tally is found" "$LT" check
contains "names the tally" "$TMP/err" "registration tally does not match: 2020/"
# ...and rows kept that no fresh count has (check once read its two
# differences as one, from the left, and lost these)
cp "$TMP/tally.db" "$TMP/stale.db"
sqlite3 "$TMP/stale.db" "UPDATE registration_tally SET good = good - 1 WHERE year = 2020 AND unit_id =
    (SELECT min(unit_id) FROM registration_tally WHERE year = 2020); INSERT INTO person_span VALUES
    (1, 2000, 2001, 5, 0); INSERT INTO registration_tally(year, unit_id, required, registered,
    key_required, key_published, submitted, approved, excellent, good, completed, not_completed,
    key_on_time) VALUES (1999, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0)"
LAMTHEO_DB="$TMP/stale.db" expect_status 1 "stale tally rows are found" "$LT" check
contains "...the people's" "$TMP/err" "people tally does not match: 1/2000-2001"
contains "...the registrations'" "$TMP/err" "registration tally does not match: 1999/1"
lacks "...and nothing else" "$TMP/err" "2020/"

# a stale name rank, and none (an id outside 1..2^34 gets none), are found
rank=$(sqlite3 "$TMP/tally.db" "SELECT name_rank FROM person WHERE id = 2")
for bad in "$rank + 1" NULL; do
    sqlite3 "$TMP/tally.db" "UPDATE person SET name_rank = $bad WHERE id = 2"
    LAMTHEO_DB="$TMP/tally.db" expect_status 1 "a name rank $bad is found" "$LT" check
    contains "names the person" "$TMP/err" "name rank does not match the name (or the id is outside 1..2^34): $(sqlite3 "$TMP/tally.db" "SELECT code FROM person WHERE id = 2")"
done
sqlite3 "$TMP/tally.db" "UPDATE person SET name_rank = $rank WHERE id = 2"
sqlite3 "$TMP/tally.db" "DROP TRIGGER person_words_change; UPDATE person SET name_fold='zzz' WHERE id=1"
LAMTHEO_DB="$TMP/tally.db" expect_status 1 "a stale word index is found" "$LT" check
contains "names the word index" "$TMP/err" "word index does not match: person_name_words"

# a database of a newer version is refused, not touched
cp "$LAMTHEO_DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version=99'
LAMTHEO_DB="$TMP/newer.db" expect_status 1 "newer database refused" "$LT" check
contains "says upgrade" "$TMP/err" "newer version"

# another program's SQLite file is refused
sqlite3 "$TMP/other.db" 'CREATE TABLE t(x); PRAGMA user_version=3'
LAMTHEO_DB="$TMP/other.db" expect_status 1 "foreign database refused" "$LT" check
contains "not ours" "$TMP/err" "not a lamtheo database"
printf 'not a database at all, just text\n%.0s' 1 2 3 4 5 6 7 8 9 10 > "$TMP/text.db"
LAMTHEO_DB="$TMP/text.db" expect_status 1 "text file refused" "$LT" check

# an empty file is not a lamtheo database either (only init creates one)
: > "$TMP/empty.db"
LAMTHEO_DB="$TMP/empty.db" expect_status 1 "empty file refused" "$LT" check
contains "empty file not ours" "$TMP/err" "not a lamtheo database"
LAMTHEO_DB="$TMP/empty.db" expect_status 0 "init takes an empty file" "$LT" init
LAMTHEO_DB="$TMP/missing.db" expect_status 1 "missing database named" "$LT" check
contains "tells how to create" "$TMP/err" "lamtheo init"

# accounts: password from stdin, rules enforced, hash is Argon2id
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nHU,Huyện ủy,district,\nCB,Chi bộ,cell,HU\n' > "$TMP/u.csv"
expect_status 0 "units" "$LT" import units "$TMP/u.csv"
echo 'mat-khau-rat-dai-2021' | expect_status 0 "user add admin" "$LT" user add quantri --role admin
equals "argon2id hash" "$(sqlite3 "$LAMTHEO_DB" "SELECT substr(password_hash,1,10) FROM account WHERE login='quantri'")" '$argon2id$'
echo 'ngan' | expect_status 1 "short password refused" "$LT" user add ngan --role admin
contains "password rule" "$TMP/err" "10 to 128"
echo 'mat-khau-rat-dai-2021' | expect_status 1 "duplicate login refused" "$LT" user add quantri --role admin
echo 'mat-khau-rat-dai-2021' | expect_status 2 "officer needs a unit" "$LT" user add canbo --role officer
echo 'mat-khau-rat-dai-2021' | expect_status 0 "officer with unit" "$LT" user add canbo --role officer --unit CB
echo 'mat-khau-rat-dai-2021' | expect_status 2 "bad role" "$LT" user add x1x --role king
equals "audit leaves the hash out" "$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM audit WHERE entity='account' AND after LIKE '%argon%'")" "0"

# every write is audited with its actor
equals "audit actor" "$(sqlite3 "$LAMTHEO_DB" "SELECT count(*) FROM audit WHERE entity='unit' AND actor LIKE 'cli:%' AND after LIKE '%\"code\":\"CB\"%'")" "1"
expect_status 0 "check passes" "$LT" check
# ---- a backup of a live database (issue 16.3) ------------------------------
# under back-to-back writes through the API a backup finishes (it used to
# start again at every write and never end), and its copy passes check
LIVE="$TMP/live.db"
LAMTHEO_DB="$LIVE" "$LT" init --demo > /dev/null
saved_db=$LAMTHEO_DB
export LAMTHEO_DB="$LIVE"
start_server
curl -s -c "$TMP/wjar" -H 'Content-Type: application/json' \
    -d '{"login":"quantri","password":"quantri-demo-2020"}' "$BASE/api/v1/session" > "$TMP/wlogin.json"
csrf=$(sed 's/.*"csrf":"\([^"]*\)".*/\1/' "$TMP/wlogin.json")
person=$(sqlite3 "$LIVE" "SELECT code FROM person WHERE key_cadre = 0 LIMIT 1")
reg=$(curl -s -b "$TMP/wjar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
    -d '{"year":2031}' "$BASE/api/v1/people/$person/registrations" | grep -o '[0-9]*' | head -1)
echo 0 > "$TMP/writes"
(k=0; while [ ! -e "$TMP/stop" ] && [ "$k" -lt 20000 ]; do
    k=$((k + 1))
    curl -s -o /dev/null -b "$TMP/wjar" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
        -d "{\"body\":\"backup-$k\"}" "$BASE/api/v1/registrations/$reg/items"
    echo "$k" > "$TMP/writes.new"; mv "$TMP/writes.new" "$TMP/writes" # never read half-written
done) &
writer=$!
n=0; while [ "$(cat "$TMP/writes")" -lt 5 ] && [ "$n" -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
before=$(cat "$TMP/writes")
expect_status 0 "a backup under steady writes finishes (within 90 s)" timeout 90 "$LT" backup "$TMP/live-copy.db"
after=$(cat "$TMP/writes")
[ "$after" -gt "$before" ] && ok || bad "the writer wrote nothing while the backup ran ($before -> $after)"
LAMTHEO_DB="$TMP/live-copy.db" expect_status 0 "the copy made under writes passes check" "$LT" check
equals "the copy keeps its application id" "$(sqlite3 "$TMP/live-copy.db" 'PRAGMA application_id')" "1280591941"

# a backup killed outright leaves no file under the name asked for (only
# its temporary file, named so); one stopped by SIGTERM (or Ctrl-C) leaves
# nothing at all; an existing file is never replaced
for sig in KILL TERM; do
    f="$TMP/killed-$sig.db"
    "$LT" backup "$f" > /dev/null 2>&1 &
    pid=$!
    n=0
    while [ "$n" -lt 200000 ]; do
        set -- "$f" "$f".tmp*
        if [ -e "$1" ] || [ -e "$2" ]; then break; fi
        n=$((n + 1))
    done
    kill -"$sig" "$pid"
    wait "$pid" 2>/dev/null
    [ ! -e "$f" ] && ok || bad "a backup killed by SIG$sig left $f"
    if [ "$sig" = TERM ]; then
        set -- "$f"*
        [ ! -e "$1" ] && ok || bad "a backup stopped by SIGTERM left $*"
    fi
    rm -f "$f"*
done
echo "kept" > "$TMP/kept.db"
expect_status 1 "a backup refuses an existing file" timeout 60 "$LT" backup "$TMP/kept.db"
equals "the existing file is unchanged" "$(cat "$TMP/kept.db")" "kept"
ln -s "$TMP/nowhere.db" "$TMP/dangling.db"
expect_status 1 "a backup refuses a link, even to nothing" timeout 60 "$LT" backup "$TMP/dangling.db"
[ ! -e "$TMP/nowhere.db" ] && ok || bad "a backup wrote through a link"
touch "$TMP/stop"
wait "$writer"
stop_server
LAMTHEO_DB=$saved_db
expect_status 2 "backup of an empty name refused" "$LT" backup ''
contains "says it is empty" "$TMP/err" "argument 1 is empty"
lacks "writes no backup" "$TMP/out" "backup written"

# ---- what is wrong with a database that does not open (issue 16.8) ---------
# each reason in its own words: missing, not readable, not writable (the
# file, its folder, the file system), not a database, not ours, damaged.
# Root may read and write anything: as root, the commands run as nobody
# (setpriv), in a folder of their own under /tmp that nobody may enter.
as_other() {
    if [ "$(id -u)" = 0 ]; then setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv > /dev/null; then
    echo "SKIP: permissions (root without setpriv)"
else
    PERM=$(mktemp -d /tmp/lamtheo-perm.XXXXXX)
    chmod 755 "$PERM"
    mkdir "$PERM/rofile" "$PERM/roboth" "$PERM/rodir" "$PERM/noread" "$PERM/noenter"
    for d in rofile roboth rodir noread noenter; do cp "$LIVE" "$PERM/$d/x.db"; done
    chmod 444 "$PERM/rofile/x.db"; chmod 777 "$PERM/rofile"
    chmod 444 "$PERM/roboth/x.db"; chmod 555 "$PERM/roboth"
    printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nHU-RO,Huyện ủy,district,\n' > "$PERM/u.csv"
    chmod 644 "$PERM/u.csv"
    chmod 666 "$PERM/rodir/x.db"; chmod 555 "$PERM/rodir"
    chmod 600 "$PERM/noread/x.db"; chmod 777 "$PERM/noread"
    [ "$(id -u)" = 0 ] || chmod 000 "$PERM/noread/x.db"
    chmod 700 "$PERM/noenter"; [ "$(id -u)" = 0 ] || chmod 000 "$PERM/noenter"
    # a read-only file (its folder writable, for the -shm file) is read; a
    # write says why it cannot be done, and check what it could not check
    LAMTHEO_DB="$PERM/rofile/x.db" expect_status 0 "a read-only file is read" as_other "$LT" report --year 2020
    LAMTHEO_DB="$PERM/rofile/x.db" expect_status 1 "a write into a read-only file" as_other "$LT" import units "$PERM/u.csv"
    contains "says the file is read-only" "$TMP/err" "x.db is read-only: lamtheo needs to write to it"
    lacks "not a database error" "$TMP/err" "attempt to write a readonly database"
    LAMTHEO_DB="$PERM/rofile/x.db" expect_status 1 "check of a read-only file" as_other "$LT" check
    contains "says what it could not check" "$TMP/err" "cannot check the word index person_name_words"
    lacks "finds no false mismatch" "$TMP/err" "does not match"
    LAMTHEO_DB="$PERM/roboth/x.db" expect_status 1 "a read-only file in a read-only folder" as_other "$LT" report --year 2020
    contains "says the file is read-only" "$TMP/err" "x.db is read-only: lamtheo needs to write to it"
    lacks "not called foreign" "$TMP/err" "not a lamtheo database"
    LAMTHEO_DB="$PERM/rodir/x.db" expect_status 1 "a read-only folder refused" as_other "$LT" check
    contains "says the folder is read-only" "$TMP/err" "the folder $PERM/rodir is not writable: lamtheo needs to write the -wal and -shm files beside"
    contains "says it in Vietnamese" "$TMP/err" "thư mục $PERM/rodir không ghi được"
    LAMTHEO_DB="$PERM/noread/x.db" expect_status 1 "an unreadable file refused" as_other "$LT" check
    contains "says it cannot be read" "$TMP/err" "no permission to read the file"
    LAMTHEO_DB="$PERM/noenter/x.db" expect_status 1 "a folder that may not be entered" as_other "$LT" check
    contains "says the folder may not be entered" "$TMP/err" "no permission to enter its folder"
    lacks "not called missing" "$TMP/err" "no database"
    LAMTHEO_DB="$PERM/rodir/new.db" expect_status 1 "init in a read-only folder" as_other "$LT" init
    contains "says the folder is not writable" "$TMP/err" "the folder $PERM/rodir is not writable"
    chmod 755 "$PERM/rodir" "$PERM/noenter"
    rm -rf "$PERM"
fi
# a read-only file system (a read-only bind mount, in a mount namespace of
# its own, where that is allowed)
if unshare -m true 2> /dev/null; then
    mkdir -p "$TMP/romount"
    cp "$LIVE" "$TMP/romount/x.db"
    unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && LAMTHEO_DB="$1/x.db" "$2" check' \
        - "$TMP/romount" "$LT" > "$TMP/out" 2> "$TMP/err"
    contains "says the file system is read-only" "$TMP/err" "x.db is on a read-only file system"
else
    echo "SKIP: a read-only file system (no mount namespace here)"
fi
LAMTHEO_DB="$TMP/text.db" expect_status 1 "a text file refused" "$LT" report --year 2020
contains "says it is no database at all" "$TMP/err" "text.db is not a lamtheo database, nor any SQLite file"
LAMTHEO_DB="$TMP/other.db" expect_status 1 "another program's database refused" "$LT" report --year 2020
contains "says it is another program's" "$TMP/err" "other.db is not a lamtheo database (an empty SQLite file, or another program's)"
mkdir "$TMP/folder.db"
LAMTHEO_DB="$TMP/folder.db" expect_status 1 "a folder refused" "$LT" check
contains "says it is a folder" "$TMP/err" "folder.db is a folder, not a database file"
# damaged: a few pages of the people's table overwritten in the middle of
# a copy; and the schema on the first page
cp "$LIVE" "$TMP/damaged.db"
for page in $(sqlite3 "$TMP/damaged.db" "SELECT pageno FROM dbstat WHERE name = 'person' AND pagetype = 'leaf'
        ORDER BY pageno LIMIT 3 OFFSET 5"); do
    dd if=/dev/urandom of="$TMP/damaged.db" bs=4096 seek=$((page - 1)) count=1 conv=notrunc 2> /dev/null
done
LAMTHEO_DB="$TMP/damaged.db" expect_status 1 "a damaged database found by check" "$LT" check
contains "check says integrity" "$TMP/err" "integrity"
LAMTHEO_DB="$TMP/damaged.db" expect_status 1 "a damaged database refused by export" "$LT" export people
contains "export says damaged" "$TMP/err" "damaged.db is damaged"
contains "and what to do" "$TMP/err" "restore it from a backup"
cp "$LIVE" "$TMP/damaged1.db"
dd if=/dev/urandom of="$TMP/damaged1.db" bs=1 seek=100 count=3000 conv=notrunc 2> /dev/null
LAMTHEO_DB="$TMP/damaged1.db" expect_status 1 "a damaged schema refused" "$LT" report --year 2020
contains "report says damaged" "$TMP/err" "damaged1.db is damaged"
finish
