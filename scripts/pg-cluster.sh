#!/bin/sh
# pg-cluster.sh — a throwaway PostgreSQL cluster for the tests (issue 24:
# the suite on PostgreSQL as on SQLite), from Debian's own PostgreSQL:
#
#     sh scripts/pg-cluster.sh start DIR   a new cluster in DIR (made if
#                                           missing), listening on a Unix
#                                           socket in DIR alone (no TCP);
#                                           prints its address
#     sh scripts/pg-cluster.sh stop DIR    stops it and removes DIR (only a
#                                           DIR that start made)
#
# PostgreSQL refuses to run as root: under root the cluster belongs to the
# postgres user that Debian's package makes, so DIR must be one that user
# can reach (mktemp -d /tmp/..., not inside another root-only folder).
# Connections from this machine are trusted; fsync is off (a test's data).
set -eu
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || {
    echo "pg-cluster.sh: PostgreSQL is not installed (sh scripts/install-deps.sh)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ $# = 2 ] || { echo "usage: sh scripts/pg-cluster.sh start|stop DIR" >&2; exit 2; }
D=$2
case $1 in
start)
    mkdir -p "$D"
    [ "$(id -u)" != 0 ] || chown postgres: "$D"
    as_owner "$BIN/initdb" -D "$D/data" -U lamtheo -E UTF8 --locale=C.UTF-8 --auth=trust \
        >"$D/initdb.log" 2>&1 || { cat "$D/initdb.log" >&2; exit 1; }
    as_owner "$BIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$D' -c fsync=off" start >/dev/null ||
        { cat "$D/server.log" >&2; exit 1; }
    echo "postgresql:///postgres?host=$D&user=lamtheo"
    ;;
stop)
    # only a folder this script made (its initdb.log): a wrong DIR is not removed
    [ -f "$D/initdb.log" ] || { echo "pg-cluster.sh: $D holds no cluster of ours; not removed" >&2; exit 1; }
    [ ! -d "$D/data" ] || as_owner "$BIN/pg_ctl" -D "$D/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    rm -rf "$D"
    ;;
*) echo "usage: sh scripts/pg-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
