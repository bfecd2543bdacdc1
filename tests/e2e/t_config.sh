# t_config.sh — the configuration file (issue 23): KEY=VALUE lines as
# systemd's EnvironmentFile= reads them, from --config FILE, LAMTHEO_CONFIG
# or /etc/lamtheo/lamtheo.conf; a flag wins over the environment, which wins
# over the file; a bad line is refused as FILE:LINE; serve takes its listen
# address and log level from it; backup its folder and retention.
. tests/e2e/lib.sh

"$LT" init > /dev/null || bad "init"
MAIN_DB=$LAMTHEO_DB
unset LAMTHEO_DB
cd "$TMP" || exit 1
C=$TMP/lamtheo.conf

# ---- the file names the database; the environment and --db win ------------------
"$LT" --db "$TMP/file.db" init > /dev/null
"$LT" --db "$TMP/env.db" init > /dev/null
"$LT" --db "$TMP/flag.db" init > /dev/null
for d in file env flag; do sqlite3 "$TMP/$d.db" "PRAGMA user_version" > /dev/null; done
cat > "$C" <<EOF
# a comment
   ; another (systemd's)

LAMTHEO_DB=$TMP/file.db
EOF
expect_status 0 "a backup of the file's database" "$LT" --config "$C" backup "$TMP/b1.db"
contains "backup through the file" "$TMP/out" "$TMP/b1.db"
"$LT" --config "$C" user add from.file --role admin > /dev/null 2>&1 <<EOF
mot-mat-khau-dai
EOF
equals "the file's database got the account" "$(sqlite3 "$TMP/file.db" "SELECT count(*) FROM account WHERE login='from.file'")" "1"
LAMTHEO_DB=$TMP/env.db "$LT" --config "$C" user add from.env --role admin > /dev/null 2>&1 <<EOF
mot-mat-khau-dai
EOF
equals "the environment beats the file" "$(sqlite3 "$TMP/env.db" "SELECT count(*) FROM account WHERE login='from.env'")" "1"
equals "... the file's database untouched" "$(sqlite3 "$TMP/file.db" "SELECT count(*) FROM account WHERE login='from.env'")" "0"
LAMTHEO_DB=$TMP/env.db "$LT" --config "$C" --db "$TMP/flag.db" user add from.flag --role admin > /dev/null 2>&1 <<EOF
mot-mat-khau-dai
EOF
equals "--db beats both" "$(sqlite3 "$TMP/flag.db" "SELECT count(*) FROM account WHERE login='from.flag'")" "1"
equals "... not in the environment's" "$(sqlite3 "$TMP/env.db" "SELECT count(*) FROM account WHERE login='from.flag'")" "0"
# a key twice: the last one, as with systemd
printf '%s\n' "LAMTHEO_DB=$TMP/env.db" "LAMTHEO_DB=$TMP/file.db" > "$TMP/twice.conf"
"$LT" --config "$TMP/twice.conf" user list > "$TMP/list" 2>&1
contains "a key twice: the last value" "$TMP/list" "from.file"
lacks "... not the first" "$TMP/list" "from.env"
# --config anywhere, as --config=FILE, and through LAMTHEO_CONFIG
"$LT" user list --config="$C" > "$TMP/list" 2>&1
contains "--config=FILE after the command" "$TMP/list" "from.file"
LAMTHEO_CONFIG=$C "$LT" user list > "$TMP/list" 2>&1
contains "LAMTHEO_CONFIG names the file" "$TMP/list" "from.file"
LAMTHEO_CONFIG=/nowhere "$LT" --config "$C" user list > "$TMP/list" 2>&1
contains "--config beats LAMTHEO_CONFIG" "$TMP/list" "from.file"
expect_status 2 "--config twice" "$LT" --config "$C" --config "$C" user list
contains "--config twice says so" "$TMP/err" "option --config is given twice"
expect_status 2 "--config without a value" "$LT" user list --config
expect_status 2 "--config empty" "$LT" --config= user list

# ---- a missing file --------------------------------------------------------------
expect_status 1 "a missing --config file" "$LT" --config "$TMP/none.conf" user list
contains "it names the file" "$TMP/err" "cannot read the configuration file $TMP/none.conf"
contains "... in Vietnamese" "$TMP/err" "không đọc được tệp cấu hình"
expect_status 1 "a missing LAMTHEO_CONFIG file" env LAMTHEO_CONFIG="$TMP/none.conf" "$LT" version
expect_status 1 "a folder as --config" "$LT" --config "$TMP" version
if [ -e /etc/lamtheo/lamtheo.conf ]; then
    echo "SKIP: a missing default file (this machine has /etc/lamtheo/lamtheo.conf)"
else
    expect_status 0 "no default file is fine" env -u LAMTHEO_CONFIG "$LT" --db "$TMP/file.db" user list
    contains "... and the command runs" "$TMP/out" "from.file"
fi

# ---- quotes and comments -------------------------------------------------------------
mkdir "$TMP/a dir"
"$LT" --db "$TMP/a dir/q.db" init > /dev/null
printf '%s\n' "# quoted" "LAMTHEO_DB=\"$TMP/a dir/q.db\"" "LAMTHEO_SITE='https://x.example/a b#c'" \
    "  LAMTHEO_BUSY_WAIT = 2.5  " "LAMTHEO_TODAY=" > "$C"
expect_status 0 "double quotes: a database in a folder with a space" "$LT" --config "$C" backup "$TMP/q.bak"
if [ -f "$TMP/q.bak" ]; then ok; else bad "no backup from the quoted database"; fi
printf '%s\n' 'LAMTHEO_DB="/tmp/a \"b\" \\c \$d"' > "$C"
"$LT" --config "$C" --db "$TMP/file.db" version > /dev/null 2> "$TMP/err"
equals "escapes in double quotes parse" "$?" "0"

# ---- refused lines, as FILE:LINE ------------------------------------------------------
refused() { # refused NAME WANT_TEXT LINE...
    name=$1; want=$2; shift 2
    printf '%s\n' "# ok" "LAMTHEO_THREADS=4" "$@" > "$C"
    expect_status 2 "$name" "$LT" --config "$C" version
    contains "$name: names FILE:LINE" "$TMP/err" "$C:3:"
    contains "$name: says why" "$TMP/err" "$want"
}
refused "an unknown key" "LAMTHEO_NOPE: unknown key" "LAMTHEO_NOPE=1"
refused "LAMTHEO_CONFIG in the file" "LAMTHEO_CONFIG: unknown key" "LAMTHEO_CONFIG=/x"
refused "a line without =" "the line is not KEY=VALUE" "LAMTHEO_THREADS 4"
refused "export" "the line is not KEY=VALUE" "export LAMTHEO_THREADS=4"
refused "a bad key" "the line is not KEY=VALUE" "9LAMTHEO=1"
refused "a bad number" "LAMTHEO_THREADS must be a number from 1 to 64" "LAMTHEO_THREADS=65"
refused "not a number" "LAMTHEO_REQUEST_TIMEOUT must be a number from 1 to 3600" "LAMTHEO_REQUEST_TIMEOUT=3s"
refused "bad seconds" "LAMTHEO_BUSY_WAIT must be a number from 0 to 86400" "LAMTHEO_BUSY_WAIT=-1"
refused "a bad log level" "LAMTHEO_LOG_LEVEL must be info, warn or error" "LAMTHEO_LOG_LEVEL=debug"
refused "a bad keep" "LAMTHEO_BACKUP_KEEP_DAILY must be a number from 1 to 3650" "LAMTHEO_BACKUP_KEEP_DAILY=0"
refused "an unclosed quote" "a quoted value must end with its quote" 'LAMTHEO_SITE="https://x'
refused "text after the quote" "a quoted value must end with its quote" "LAMTHEO_SITE='a'b"
refused "a backslash outside quotes" "may not hold" 'LAMTHEO_SITE=a\'
contains "the reason in Vietnamese too" "$TMP/err" "không được có"
refused "an unknown escape" "a \\ in double quotes" 'LAMTHEO_SITE="a\nb"'
# a long line, a NUL byte
{ echo "# ok"; echo "LAMTHEO_THREADS=4"; printf 'LAMTHEO_SITE=%05000d\n' 0; } > "$C"
expect_status 2 "a value too long" "$LT" --config "$C" version
contains "a value too long names FILE:LINE" "$TMP/err" "$C:3:"
{ echo "# ok"; echo "LAMTHEO_THREADS=4"; head -c 100000 /dev/zero | tr '\0' x; echo; echo "LAMTHEO_X=1"; } > "$C"
expect_status 2 "a line too long" "$LT" --config "$C" version
contains "a line too long names FILE:LINE" "$TMP/err" "$C:3: the line is longer than"
{ echo "# ok"; echo "LAMTHEO_THREADS=4"; printf 'LAMTHEO_SITE=a\000b\n'; } > "$C"
expect_status 2 "a NUL byte" "$LT" --config "$C" version
contains "a NUL byte names FILE:LINE" "$TMP/err" "$C:3: the line has a NUL byte"
# a bad value in the file is refused even when the environment sets it
printf '%s\n' "LAMTHEO_THREADS=x" > "$C"
expect_status 2 "a bad value under an environment's" env LAMTHEO_THREADS=4 "$LT" --config "$C" version
# the example is read as it is, and as the service's defaults uncommented
expect_status 0 "the example configuration is read" "$LT" --config "$OLDPWD/dist/lamtheo.conf.example" version
sed -n 's/^#\(LAMTHEO_[A-Z_]*=\)/\1/p' "$OLDPWD/dist/lamtheo.conf.example" | grep -v '^LAMTHEO_CONFIG=' > "$C"
expect_status 0 "the example uncommented is read" "$LT" --config "$C" version

# ---- serve: the listen address and the log level from the file ---------------------------
# serve_conf: lamtheo serve with only the configuration file; BASE set
serve_conf() {
    mkdir -p "$TMP/srvtmp"
    rm -f "$TMP/serve.out"   # (as start_server: no address of the last server)
    TMPDIR="$TMP/srvtmp" "$LT" --config "$C" serve > "$TMP/serve.out" 2> "$TMP/serve.err" &
    SERVER_PID=$!
    BASE=""
    for _ in $(seq 1 100); do
        BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" 2>/dev/null | head -1)
        [ -n "$BASE" ] && return 0
        sleep 0.1
    done
    echo "server did not start"; cat "$TMP/serve.err"; return 1
}
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" "LAMTHEO_LISTEN=127.0.0.1:0" "LAMTHEO_LOG_LEVEL=warn" > "$C"
if serve_conf; then
    ok
    http "it answers /healthz on the file's address" 200 "$BASE/healthz"
    http "a page that is not there" 404 "$BASE/khong-co-trang-nay"
    http "the style sheet" 200 "$BASE/tinh/style.css"
    sleep 0.2
    stop_server
    lacks "warn: no 200 line" "$TMP/serve.err" "GET /healthz 200"
    lacks "warn: no 200 line for the style sheet" "$TMP/serve.err" "GET /tinh/style.css 200"
    contains "warn: the 404 line is kept" "$TMP/serve.err" "GET /khong-co-trang-nay 404"
else
    bad "serve on the file's LAMTHEO_LISTEN"
fi
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" "LAMTHEO_LISTEN=127.0.0.1:0" "LAMTHEO_LOG_LEVEL=error" > "$C"
if serve_conf; then
    ok
    http "error level: a 404" 404 "$BASE/khong-co-trang-nay"
    http "error level: a 200" 200 "$BASE/healthz"
    sleep 0.2
    stop_server
    lacks "error: no 404 line" "$TMP/serve.err" "GET /khong-co-trang-nay 404"
    lacks "error: no 200 line" "$TMP/serve.err" "GET /healthz 200"
else
    bad "serve with LAMTHEO_LOG_LEVEL=error"
fi
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" "LAMTHEO_LISTEN=127.0.0.1:0" > "$C"
if serve_conf; then
    ok
    http "info (the default): a 200" 200 "$BASE/healthz"
    sleep 0.2
    stop_server
    contains "info: the 200 line" "$TMP/serve.err" "GET /healthz 200"
else
    bad "serve with the default log level"
fi
# the environment's bad level is refused before serving
expect_status 2 "a bad LAMTHEO_LOG_LEVEL in the environment" \
    env LAMTHEO_LOG_LEVEL=loud "$LT" --db "$MAIN_DB" serve --listen 127.0.0.1:0
contains "... says so" "$TMP/err" "LAMTHEO_LOG_LEVEL must be info, warn or error"
# --listen beats the file's address (an address that cannot be had)
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" "LAMTHEO_LISTEN=256.0.0.1:1" > "$C"
mkdir -p "$TMP/srvtmp"
rm -f "$TMP/serve.out"
TMPDIR="$TMP/srvtmp" "$LT" --config "$C" serve --listen 127.0.0.1:0 > "$TMP/serve.out" 2> "$TMP/serve.err" &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 100); do
    BASE=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" 2>/dev/null | head -1)
    [ -n "$BASE" ] && break
    sleep 0.1
done
if [ -n "$BASE" ]; then ok; http "--listen beats the file" 200 "$BASE/healthz"; stop_server
else bad "--listen did not beat the file's address"; kill "$SERVER_PID" 2> /dev/null; wait "$SERVER_PID"; fi

# ---- backup: the folder and retention from the file ---------------------------------------
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" "LAMTHEO_BACKUP_DIR='$TMP/backups'" "LAMTHEO_BACKUP_KEEP_DAILY=2" \
    "LAMTHEO_BACKUP_KEEP_WEEKLY=0" > "$C"
mkdir "$TMP/backups"
for d in 2026-01-01 2026-01-02 2026-01-03; do cp "$MAIN_DB" "$TMP/backups/lamtheo-$d.db"; done
expect_status 0 "backup with no FILE: the file's folder" env LAMTHEO_TODAY=2026-01-04 "$LT" --config "$C" backup
if [ -f "$TMP/backups/lamtheo-2026-01-04.db" ]; then ok; else bad "no copy in LAMTHEO_BACKUP_DIR"; fi
equals "the file's retention (2 daily, 0 weekly)" "$(ls "$TMP/backups" | tr '\n' ' ')" \
    "lamtheo-2026-01-03.db lamtheo-2026-01-04.db "
expect_status 0 "--keep-daily beats the file" env LAMTHEO_TODAY=2026-01-05 "$LT" --config "$C" backup --keep-daily 3
equals "... three kept" "$(ls "$TMP/backups" | wc -l)" "3"
expect_status 0 "the environment's keep beats the file" \
    env LAMTHEO_TODAY=2026-01-06 LAMTHEO_BACKUP_KEEP_DAILY=1 "$LT" --config "$C" backup
equals "... one kept" "$(ls "$TMP/backups" | tr '\n' ' ')" "lamtheo-2026-01-06.db "
expect_status 2 "a bad LAMTHEO_BACKUP_KEEP_WEEKLY in the environment" \
    env LAMTHEO_BACKUP_KEEP_WEEKLY=x "$LT" --config "$C" backup
printf '%s\n' "LAMTHEO_DB=$MAIN_DB" > "$C"
expect_status 2 "backup with no FILE and no folder: usage" "$LT" --config "$C" backup
contains "... says how" "$TMP/err" "usage: lamtheo backup FILE"

# ---- documented ----------------------------------------------------------------------------------
"$LT" help > "$TMP/help"
contains "help shows --config" "$TMP/help" "--config FILE"
"$LT" help --man > "$TMP/man.1"
contains "the man page's synopsis has --config" "$TMP/man.1" '\fB\-\-config\fR \fIFILE\fR'
contains "the man page lists LAMTHEO_LOG_LEVEL" "$TMP/man.1" ".B LAMTHEO_LOG_LEVEL"
contains "the man page says the order" "$TMP/man.1" "an option wins over the environment"
cd "$OLDPWD" || exit 1
finish
