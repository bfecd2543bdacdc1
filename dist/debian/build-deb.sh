#!/bin/sh
# build-deb.sh STAGE VERSION ARCH DEB — makes the Debian package DEB from
# STAGE/root (what `make install DESTDIR=STAGE/root PREFIX=/usr` installs;
# the Makefile's deb target puts it there): the binary stripped, the
# documentation and lintian's overrides added, the maintainer scripts and
# conffiles, and DEBIAN/control made by dpkg-gencontrol from
# dist/debian/control with Depends computed by dpkg-shlibdeps.
set -e
stage=$1 version=$2 arch=$3 deb=$4
here=$(cd "$(dirname "$0")" && pwd)
root=$stage/root
[ -x "$root/usr/bin/lamtheo" ] || { echo "build-deb.sh: no $root/usr/bin/lamtheo" >&2; exit 1; }
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/lamtheo"

doc=$root/usr/share/doc/lamtheo
install -d "$doc" "$root/usr/share/lintian/overrides" "$root/DEBIAN" "$stage/debian"
install -m 0644 "$here/copyright" "$doc/copyright"
install -m 0644 "$here/README.Debian" "$doc/README.Debian"
install -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/lamtheo"
install -m 0755 "$here/postinst" "$here/postrm" "$root/DEBIAN/"
find "$root/etc" -type f | sed "s|^$root||" | sort > "$root/DEBIAN/conffiles"

# the changelog of a native package, dated by the last commit (reproducible)
maint=$(sed -n 's/^Maintainer: //p' "$here/control")
when=$(git log -1 --format=%cD 2> /dev/null || date -R)
printf 'lamtheo (%s) unstable; urgency=medium\n\n  * Version %s: see the source tree'"'"'s README.md.\n\n -- %s  %s\n' \
    "$version" "$version" "$maint" "$when" > "$stage/debian/changelog"
gzip -9n < "$stage/debian/changelog" > "$doc/changelog.gz"
chmod 0644 "$doc/changelog.gz"

cp "$here/control" "$stage/debian/control"
(
    cd "$stage"
    if ! dpkg-shlibdeps -Tdebian/substvars -e root/usr/bin/lamtheo 2> debian/shlibdeps.err; then
        cat debian/shlibdeps.err >&2
        exit 1
    fi
    dpkg-gencontrol -plamtheo -Proot -v"$version" -Tdebian/substvars -fdebian/files \
        -DArchitecture="$arch"
)
(cd "$root" && find . -type f ! -path './DEBIAN/*' | sed 's|^\./||' | LC_ALL=C sort | xargs md5sum) \
    > "$root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" > /dev/null
echo "$deb"
