# t_install.sh — installed as Debian administrators expect (issue 23): `make
# install` (DESTDIR, PREFIX) puts the binary, lamtheo(1), the systemd units
# and /etc/lamtheo/lamtheo.conf where they belong, never replacing a changed
# configuration; the installed binary runs; the man page, made by the binary
# from its table of commands, names every command `lamtheo help` lists,
# every route of `lamtheo help serve` and every LAMTHEO_* variable of src/
# (so do the example configuration); `make deb` builds the package, with
# Depends computed, the maintainer scripts and conffiles, clean for lintian
# (overrides say why).  make runs on the build folder that holds
# $LAMTHEO_BIN with -o, so nothing is rebuilt.
. tests/e2e/lib.sh

ROOT=$PWD
B=$(dirname "$LT")
case $B in "$ROOT"/*) B=${B#"$ROOT"/} ;; esac
# (a make above us passes its variables down; this one takes only its own)
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
mk() { make -s --no-print-directory -o "$B/lamtheo" B="$B" "$@"; }
rm -f "$B/lamtheo.1" # (made again from this binary)

# ---- make install DESTDIR PREFIX=/usr ------------------------------------------
R=$TMP/root
expect_status 0 "make install" mk install DESTDIR="$R" PREFIX=/usr
[ -s "$TMP/err" ] && head -5 "$TMP/err"
if [ -x "$R/usr/bin/lamtheo" ]; then ok; else bad "no $R/usr/bin/lamtheo"; fi
expect_status 0 "installed binary: version" "$R/usr/bin/lamtheo" version
contains "installed binary: version" "$TMP/out" "lamtheo "
expect_status 0 "installed binary: init --demo" "$R/usr/bin/lamtheo" --db "$TMP/x.db" init --demo
expect_status 0 "installed binary: check" "$R/usr/bin/lamtheo" --db "$TMP/x.db" check

# ---- the man page: every command, every route, every variable -----------------
MAN=$R/usr/share/man/man1/lamtheo.1.gz
if [ -f "$MAN" ] && gzip -t "$MAN"; then ok; else bad "no gzipped man page at $MAN"; fi
gzip -dc "$MAN" > "$TMP/man.1" 2> /dev/null
"$LT" help > "$TMP/help.txt"
sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' "$TMP/help.txt" > "$TMP/commands"
n=$(wc -l < "$TMP/commands")
if [ "$n" -ge 15 ]; then ok; else bad "only $n commands read from lamtheo help"; fi
sed -n 's/^\.SS \([a-z][a-z]*\)$/\1/p' "$TMP/man.1" > "$TMP/man_commands"
equals "man page's commands are help's" "$(tr '\n' ' ' < "$TMP/man_commands")" "$(tr '\n' ' ' < "$TMP/commands")"
missing=""
while read -r c; do
    grep -qF "\\fBlamtheo $c" "$TMP/man.1" || missing="$missing $c"
done < "$TMP/commands"
equals "every command's usage in the man page" "$missing" ""
# the routes, as `help serve` prints them (METHOD PATH ...), each a .TP item
"$LT" help serve | sed -n '/^METHOD /,$p' | sed 1d | awk '{print $1, $2}' > "$TMP/routes"
n=$(wc -l < "$TMP/routes")
if [ "$n" -ge 20 ]; then ok; else bad "only $n routes read from lamtheo help serve"; fi
missing=""
while read -r m p; do
    grep -qxF "\\fB$m\\fR $(printf %s "$p" | sed 's/-/\\-/g')" "$TMP/man.1" || missing="$missing $m:$p"
done < "$TMP/routes"
equals "every route in the man page" "$missing" ""
# every LAMTHEO_* variable that src/ names, in the man page and the example
# configuration (a new one must be documented in both)
grep -rhoE '"LAMTHEO_[A-Z0-9_]+"' src | tr -d '"' | sort -u > "$TMP/vars"
n=$(wc -l < "$TMP/vars")
if [ "$n" -ge 5 ]; then ok; else bad "only $n LAMTHEO_ variables found in src/"; fi
missing=""; missing_conf=""
while read -r v; do
    grep -qxF ".B $(printf %s "$v" | sed 's/-/\\-/g')" "$TMP/man.1" || missing="$missing $v"
    grep -qE "^#?$v=" dist/lamtheo.conf.example || missing_conf="$missing_conf $v"
done < "$TMP/vars"
equals "every LAMTHEO_ variable in the man page" "$missing" ""
equals "every LAMTHEO_ variable in lamtheo.conf.example" "$missing_conf" ""
# it renders, without groff's warnings
if command -v man > /dev/null; then
    LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings -E UTF-8 -l "$MAN" 2> "$TMP/man.err" | col -bx > "$TMP/man.txt"
    contains "man -l renders NAME" "$TMP/man.txt" "lamtheo - runs the Directive 05-CT/TW programme"
    contains "man -l renders a command" "$TMP/man.txt" "lamtheo report [--unit CODE]"
    if [ -s "$TMP/man.err" ]; then bad "man warns: $(head -3 "$TMP/man.err")"; else ok; fi
else
    echo "SKIP: man -l (no man here)"
fi

# ---- the units and the configuration ------------------------------------------
U=$R/lib/systemd/system
for f in dist/systemd/*; do
    [ -f "$f" ] || continue
    if [ -f "$U/${f##*/}" ]; then ok; else bad "${f##*/} not installed in /lib/systemd/system"; fi
done
for k in "User=lamtheo" "ExecStart=/usr/bin/lamtheo serve --listen \${LAMTHEO_LISTEN}" \
         "Environment=LAMTHEO_LISTEN=127.0.0.1:8080" "Environment=LAMTHEO_DB=/var/lib/lamtheo/lamtheo.db" \
         "EnvironmentFile=-/etc/lamtheo/lamtheo.conf" "ProtectSystem=strict" \
         "ReadWritePaths=/var/lib/lamtheo -/var/backups/lamtheo" "PrivateTmp=yes" "NoNewPrivileges=yes" \
         "ProtectHome=yes" "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" "SystemCallFilter=@system-service"; do
    contains "lamtheo.service has $k" "$U/lamtheo.service" "$k"
done
if command -v systemd-analyze > /dev/null; then
    # (verify wants the binaries where the units say: the installed one here)
    mkdir -p "$TMP/verify"
    for f in "$U"/*; do sed "s|/usr/bin/lamtheo|$R/usr/bin/lamtheo|g" "$f" > "$TMP/verify/${f##*/}"; done
    expect_status 0 "systemd-analyze verify" systemd-analyze verify --man=no "$TMP/verify"/*
    [ -s "$TMP/err" ] && head -5 "$TMP/err"
else
    echo "SKIP: systemd-analyze verify (no systemd-analyze here)"
fi
C=$R/etc/lamtheo/lamtheo.conf
if cmp -s "$C" dist/lamtheo.conf.example; then ok; else bad "lamtheo.conf is not the example"; fi
echo "LAMTHEO_THREADS=3" >> "$C"
expect_status 0 "make install again" mk install DESTDIR="$R" PREFIX=/usr
contains "a changed lamtheo.conf is kept" "$C" "LAMTHEO_THREADS=3"
expect_status 0 "the installed binary reads the installed configuration" \
    "$R/usr/bin/lamtheo" --config "$C" --db "$TMP/x.db" check --quick
# PREFIX=/usr/local: the unit with the administrator's own, pointing there
R2=$TMP/root2
expect_status 0 "make install PREFIX=/usr/local" mk install DESTDIR="$R2"
if [ -x "$R2/usr/local/bin/lamtheo" ] && [ -f "$R2/usr/local/share/man/man1/lamtheo.1.gz" ]; then ok
else bad "PREFIX=/usr/local: binary or man page missing"; fi
contains "PREFIX=/usr/local: unit in /usr/local/lib/systemd/system runs /usr/local/bin/lamtheo" \
    "$R2/usr/local/lib/systemd/system/lamtheo.service" "ExecStart=/usr/local/bin/lamtheo serve"
if [ -f "$R2/etc/lamtheo/lamtheo.conf" ]; then ok; else bad "PREFIX=/usr/local: no /etc/lamtheo/lamtheo.conf"; fi

# ---- make deb -------------------------------------------------------------------
if grep -qa __asan_init "$LT"; then
    echo "SKIP: make deb (a package of the sanitizer build would be no package; the plain run builds it)"
elif ! command -v dpkg-deb > /dev/null || ! command -v dpkg-shlibdeps > /dev/null; then
    echo "SKIP: make deb (no dpkg-deb or dpkg-shlibdeps: make deps installs dpkg-dev)"
else
    expect_status 0 "make deb" mk deb
    [ -s "$TMP/err" ] && grep -v 'warning' "$TMP/err" | head -5
    DEB=$(ls "$B"/lamtheo_*_*.deb 2> /dev/null | head -1)
    if [ -f "$DEB" ]; then ok; else bad "no $B/lamtheo_VERSION_ARCH.deb"; fi
    v=$("$LT" version | awk '{print $2}')
    equals "the package's name" "${DEB##*/}" "lamtheo_${v}_$(dpkg --print-architecture).deb"
    dpkg-deb -c "$DEB" > "$TMP/deb.list"
    for f in ./usr/bin/lamtheo ./usr/share/man/man1/lamtheo.1.gz ./lib/systemd/system/lamtheo.service \
             ./etc/lamtheo/lamtheo.conf ./usr/share/doc/lamtheo/copyright ./usr/share/doc/lamtheo/changelog.gz \
             ./usr/share/lintian/overrides/lamtheo ./usr/share/doc/lamtheo/examples/nginx-lamtheo.conf \
             ./usr/share/doc/lamtheo/examples/logrotate-lamtheo; do
        contains "package holds $f" "$TMP/deb.list" " $f"
    done
    dpkg-deb -I "$DEB" > "$TMP/deb.info"
    dep=$(dpkg-deb -f "$DEB" Depends)
    # computed: a dependency for each library the binary links (ldd), none guessed
    for l in libsqlite3-0 libsodium23 libmicrohttpd12 libjansson4 libc6 adduser; do
        case ", $dep," in *", $l "*|*", $l,"*) ok ;; *) bad "Depends lacks $l: $dep" ;; esac
    done
    contains "dpkg-deb -I shows Depends" "$TMP/deb.info" "Depends: adduser, "
    dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./conffiles > "$TMP/conffiles"
    equals "conffiles" "$(cat "$TMP/conffiles")" "/etc/lamtheo/lamtheo.conf"
    dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./postinst > "$TMP/postinst"
    contains "postinst makes the system user" "$TMP/postinst" "adduser --system --group"
    contains "postinst makes the backups' folder" "$TMP/postinst" "/var/backups/lamtheo"
    dpkg-deb --ctrl-tarfile "$DEB" | tar -xOf - ./postrm > "$TMP/postrm"
    contains "postrm removes the user on purge" "$TMP/postrm" 'if [ "$1" = purge ]; then'
    if command -v lintian > /dev/null; then
        expect_status 0 "lintian (warnings and errors; overrides say why)" lintian --fail-on error,warning "$DEB"
        grep -E '^[EW]: ' "$TMP/out" | head -10
    else
        echo "SKIP: lintian (not installed: make deps installs it)"
    fi
fi

finish
