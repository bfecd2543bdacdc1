#!/bin/sh
# install-deps.sh — installs the Debian packages lamtheo needs to build,
# test and fuzz.  Installs only what is missing, so a second run is quick.
set -e
PKGS="build-essential pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
libicu-dev libjansson-dev libsodium-dev libzip-dev libexpat1-dev libcmocka-dev
libmicrohttpd-dev curl libxml2-utils zip unzip"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
