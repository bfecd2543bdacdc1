#!/bin/sh
# install-deps.sh — installs what lamtheo needs to build and test: Debian
# packages (the libraries, clang for sanitizers and fuzzing, chromium and
# Vietnamese fonts for the browser tests, node if the machine has none) and
# playwright-core from npm for driving chromium; dpkg-dev and lintian for
# make deb; nginx for the test of the TLS example (tests/e2e/t_tls.sh); libcurl for
# the season benchmark's load client (bench/season.c); procps (ps) for the e2e
# tests' stopping of a server left running; PostgreSQL for the throwaway
# cluster the tests start themselves (scripts/pg-cluster.sh, issue 24) and
# libpq, through which the store speaks to it.
# Installs only what is missing, so a second run is quick.
set -e
cd "$(dirname "$0")/.."
PKGS="build-essential pkg-config clang libclang-rt-14-dev sqlite3 libsqlite3-dev
libicu-dev libjansson-dev libsodium-dev libzip-dev libexpat1-dev libcmocka-dev
libmicrohttpd-dev curl libxml2-utils zip unzip chromium fonts-noto-core
libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-liberation2 poppler-utils
espeak-ng sox lame libreoffice-writer-nogui libreoffice-calc-nogui python3
dpkg-dev lintian nginx-light libcurl4-openssl-dev procps postgresql libpq-dev"
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
    echo "installing:$missing"
    # the tests start clusters of their own (scripts/pg-cluster.sh): Debian's
    # package is asked not to make (and start) one for the machine; delete
    # this file before installing PostgreSQL for an installation's use
    case " $missing " in *" postgresql "*)
        $SUDO mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.d/lamtheo-tests.conf >/dev/null
    esac
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
