# t_cli.sh — the command line keeps its word (issue 16.9, 16.10): output
# files written whole into regular files and in place into devices, pipes
# and links' targets, never replacing a device or a link; a failed write
# exits 1 with the reason and leaves the old file as it was; every command
# checks its arguments (empty, too long, twice) and its standard output.
. tests/e2e/lib.sh

"$LT" init --demo > /dev/null
P=$(sqlite3 "$LAMTHEO_DB" "SELECT p.code FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.code = 'DB-TT-01' LIMIT 1")
cd "$TMP" || exit 1

# ---- -o into a device: written in place, never replaced ----------------------
# (a regression would replace the device with a regular file: as root, the
# test writes to a device node of its own, the same device as /dev/full
# (1, 7), never to /dev/full itself; another user cannot replace /dev/full)
FULL=""
if [ "$(id -u)" != 0 ]; then
    FULL=/dev/full
elif mknod "$TMP/full" c 1 7 2> /dev/null &&
     dd if=/dev/zero of="$TMP/full" bs=1 count=1 2>&1 | grep -q "No space left"; then
    FULL="$TMP/full"
else
    echo "SKIP: -o into a device (no device node of our own here)"
fi
for cmd in "report --year 2020" "report --year 2020 --format pdf" "export people" \
           "export people --format xlsx" "bulletin --year 2020" \
           "form --year 2020 --person $P --format pdf"; do
    [ -n "$FULL" ] || break
    # (word splitting of $cmd is wanted)
    # shellcheck disable=SC2086
    expect_status 1 "$cmd -o full device fails" "$LT" $cmd -o "$FULL"
    contains "$cmd -o full device says why" "$TMP/err" "cannot write $FULL: No space left on device"
    contains "$cmd -o full device says it in Vietnamese" "$TMP/err" "không ghi được $FULL"
    if [ -c "$FULL" ]; then ok; else bad "$cmd -o $FULL replaced the device"; rm -f "$FULL"; mknod "$FULL" c 1 7; fi
done

# ---- -o through a symbolic link: the file it points to, the link kept ----------
echo "old" > real.txt
chmod 640 real.txt
ln -s real.txt link.txt
expect_status 0 "report through a link" "$LT" report --year 2020 -o link.txt
if [ -L link.txt ]; then ok; else bad "the link was replaced by a file"; fi
contains "the report is in the file linked to" real.txt "Huyện ủy Chợ Lách"
equals "the file keeps its mode" "$(stat -c %a real.txt)" "640"
ln -s sub/../new.txt dangling.txt
mkdir sub
expect_status 0 "report through a link to nothing yet" "$LT" report --year 2020 -o dangling.txt
if [ -L dangling.txt ]; then ok; else bad "the link to nothing was replaced by a file"; fi
contains "the report is where the link points" new.txt "Huyện ủy Chợ Lách"

# ---- -o into a FIFO and onto standard output -------------------------------------
mkfifo pipe
cat pipe > from-pipe &
reader=$!
(sleep 20; kill "$reader" 2> /dev/null) &   # (a FIFO replaced by a file is never written)
expect_status 0 "report into a FIFO" "$LT" report --year 2020 -o pipe
wait "$reader"
contains "the reader got the report" from-pipe "Huyện ủy Chợ Lách"
if [ -p pipe ]; then ok; else bad "the FIFO was replaced"; fi
"$LT" report --year 2020 -o /dev/stdout | cat > from-stdout
contains "-o /dev/stdout writes standard output" from-stdout "Huyện ủy Chợ Lách"
"$LT" report --year 2020 -o - | cat > from-dash
contains "-o - writes standard output" from-dash "Huyện ủy Chợ Lách"
mkdir adir
expect_status 1 "-o a folder refused" "$LT" report --year 2020 -o adir
contains "says it is a folder" "$TMP/err" "adir is a directory"

# ---- a write that fails midway leaves the old file as it was ------------------
# (a file size limit of 128 KiB, SIGXFSZ ignored: the write of a 1.6 MB
# list fails with EFBIG, as it would on a full disk)
echo "old list" > regs.csv
(trap '' XFSZ; ulimit -f 256; "$LT" export registrations -o regs.csv) > out 2> err
equals "a failed write exits 1" "$?" "1"
contains "and says why" err "cannot write regs.csv: File too large"
equals "the old file is unchanged" "$(cat regs.csv)" "old list"
set -- regs.csv.tmp*
[ ! -e "$1" ] && ok || bad "a failed write left its temporary file $*"

# ---- standard output: every command that prints, into a full device -----------
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nHU-X,Huyện ủy X,district,\n' > u.csv
for cmd in "search son dinh" "report --year 2020" "report --year 2020 --format json" "export units" \
           "bulletin --year 2020" "check" "import units u.csv --dry-run" "help" "help report" "version" \
           "backup $TMP/full-copy.db"; do
    # shellcheck disable=SC2086
    expect_status 1 "$cmd > /dev/full" sh -c '"$@" > /dev/full' - "$LT" $cmd
    contains "$cmd > /dev/full says why" "$TMP/err" "cannot write the output: No space left on device"
done
LAMTHEO_DB="$TMP/new.db" expect_status 1 "init > /dev/full" sh -c '"$@" > /dev/full' - "$LT" init
echo 'mat-khau-rat-dai-2021' | expect_status 1 "user add > /dev/full" sh -c '"$@" > /dev/full' - "$LT" user add sodayfull --role admin
expect_status 1 "--version > /dev/full" sh -c '"$@" > /dev/full' - "$LT" --version

# ---- arguments: empty, too long, missing, twice -------------------------------
long=$(awk 'BEGIN { for (i = 0; i < 5000; i++) printf "a" }')
expect_status 1 "search of 5,000 characters" "$LT" search "$long"
contains "says the bound" "$TMP/err" "longer than 200 bytes"
lacks "not called empty" "$TMP/err" "must not be empty"
expect_status 2 "an empty search" "$LT" search ''
contains "says it is empty" "$TMP/err" "argument 1 is empty"
expect_status 2 "an empty -o" "$LT" report --year 2020 -o ''
contains "-o empty" "$TMP/err" "-o: the value is empty"
expect_status 2 "an empty --unit" "$LT" report --year 2020 --unit ''
contains "--unit empty" "$TMP/err" "--unit: the value is empty"
expect_status 2 "an over-long --unit" "$LT" report --year 2020 --unit "$long"
contains "says the bound of a value" "$TMP/err" "--unit: the value is longer than 4000 bytes"
expect_status 2 "an option given twice" "$LT" report --year 2020 --year 2019
contains "says twice" "$TMP/err" "option --year is given twice"
expect_status 2 "an empty --db after the command" "$LT" check --db ''
contains "--db empty" "$TMP/err" "--db: the file name is empty"
expect_status 2 "--db without a value" "$LT" check --db
contains "--db needs a value" "$TMP/err" "--db needs a value"
LAMTHEO_DB="$long" expect_status 2 "an over-long LAMTHEO_DB" "$LT" check
contains "says the bound of LAMTHEO_DB" "$TMP/err" "LAMTHEO_DB: the file name is longer than 4000 bytes"
expect_status 0 "--db=FILE after the command" "$LT" check "--db=$LAMTHEO_DB"
expect_status 2 "an empty import file name" "$LT" import units ''
expect_status 2 "an empty login" "$LT" user add '' --role admin
expect_status 2 "check takes no argument" "$LT" check extra
expect_status 2 "help takes one command" "$LT" help report extra
expect_status 2 "version takes no argument" "$LT" version extra
expect_status 2 "an empty --listen" "$LT" serve --listen ''

# what is still to do: the office's reminder, and the list for the cell meeting
"$LT" report --unit DB-TT --year 2026 --format json > "$TMP/tt.json"
MISSING=$(python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['counts']; print(c['registration_required'] - c['registered'])" "$TMP/tt.json")
WAITING=$(python3 -c "import json,sys; c=json.load(open(sys.argv[1]))['counts']; print(c['registrations_submitted'] - c['registrations_approved'])" "$TMP/tt.json")
expect_status 0 "remind" "$LT" remind --year 2026 --unit DB-TT
cp "$TMP/out" "$TMP/remind.out"
contains "remind: who has not registered, with the deadline" "$TMP/out" "Chưa đăng ký làm theo: $MISSING người (hạn 31/03/2026)."
contains "remind: what waits for approval" "$TMP/out" "Bản đăng ký chờ duyệt: $WAITING."
check "remind: each one named, under their unit" test "$(grep -c '^  - ' "$TMP/out")" = "$MISSING"
contains "remind: a paragraph for the loudspeakers" "$TMP/out" "(còn $MISSING đồng chí) khẩn trương hoàn thành bản đăng ký trước ngày 31/03/2026"
sed -n '/^Đọc trên đài/,$p' "$TMP/out" > "$TMP/loud"
first=$(grep '^  - ' "$TMP/out" | head -1 | sed 's/^  - //; s/,.*//')
lacks "remind: the loudspeakers name no one" "$TMP/loud" "$first"
expect_status 0 "remind: the list to read at the cell meeting" "$LT" remind --year 2026 --unit DB-TT --format pdf -o "$TMP/remind.pdf"
pdftotext -layout "$TMP/remind.pdf" "$TMP/remind.txt"
contains "remind pdf: titled" "$TMP/remind.txt" "cán bộ, đảng viên chưa đăng ký làm theo năm 2026"
contains "remind pdf: the person" "$TMP/remind.txt" "$first"
UNITS=$(grep -c "^[^ ].*:$" "$TMP/remind.out"); PAGES=$(pdfinfo "$TMP/remind.pdf" | sed -n "s/^Pages: *//p")
equals "remind pdf: a page per unit with someone missing" "$PAGES" "$((UNITS - 1))"
expect_status 2 "remind: pdf needs a file" "$LT" remind --year 2026 --format pdf
expect_status 2 "remind: a year" "$LT" remind
finish
