#!/bin/sh
# pg-cluster.sh — a throwaway PostgreSQL cluster for the tests (issue 24:
# the suite on PostgreSQL as on SQLite), from Debian's own PostgreSQL:
#
#     sh scripts/pg-cluster.sh start DIR   a new cluster in DIR (made if
#                                           missing), listening on a Unix
#                                           socket in DIR alone (no TCP);
#                                           prints its address
#     sh scripts/pg-cluster.sh stop DIR    stops it and removes DIR (only a
#                                           DIR that start or standby made)
#
# and for the test of a standby that takes over (tests/e2e/t_standby_pg.sh):
#
#     sh scripts/pg-cluster.sh standby PRIMARY DIR
#                                           a hot standby of the cluster in
#                                           PRIMARY, in DIR, fed by streaming
#                                           replication (pg_basebackup -R);
#                                           prints its address
#     sh scripts/pg-cluster.sh kill DIR    kill -9 of the cluster's server
#     sh scripts/pg-cluster.sh promote DIR the standby becomes a primary
#
# PostgreSQL refuses to run as root: under root the cluster belongs to the
# postgres user that Debian's package makes, so DIR must be one that user
# can reach (mktemp -d /tmp/..., not inside another root-only folder).
# Connections from this machine are trusted; fsync is off (a test's data).
# PG_CLUSTER_OPTIONS adds server settings ("-c fsync=on -c ...": the later
# one wins), as the benchmarks do (bench/pg.sh).
set -eu
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$BIN" ] && [ -x "$BIN/initdb" ] || {
    echo "pg-cluster.sh: PostgreSQL is not installed (sh scripts/install-deps.sh)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
usage() { echo "usage: sh scripts/pg-cluster.sh start|stop|kill|promote DIR | standby PRIMARY DIR" >&2; exit 2; }
[ $# = 2 ] || [ "$#:$1" = 3:standby ] || usage
D=$2
# serve DIR: the cluster in DIR started, listening on its socket there alone
serve() {
    as_owner "$BIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$1' -c fsync=off ${PG_CLUSTER_OPTIONS:-}" start >/dev/null ||
        { cat "$1/server.log" >&2; exit 1; }
    echo "postgresql:///postgres?host=$1&user=lamtheo"
}
case $1 in
start)
    mkdir -p "$D"
    [ "$(id -u)" != 0 ] || chown postgres: "$D"
    as_owner "$BIN/initdb" -D "$D/data" -U lamtheo -E UTF8 --locale=C.UTF-8 --auth=trust \
        >"$D/initdb.log" 2>&1 || { cat "$D/initdb.log" >&2; exit 1; }
    serve "$D"
    ;;
standby)
    P=$2 D=$3
    mkdir -p "$D"
    [ "$(id -u)" != 0 ] || chown postgres: "$D"
    # (initdb.log: the mark of a folder of ours, which stop removes)
    as_owner "$BIN/pg_basebackup" -h "$P" -U lamtheo -D "$D/data" -R -X stream -c fast \
        >"$D/initdb.log" 2>&1 || { cat "$D/initdb.log" >&2; exit 1; }
    serve "$D"
    ;;
kill)
    kill -9 "$(head -n 1 "$D/data/postmaster.pid")"
    ;;
promote)
    as_owner "$BIN/pg_ctl" -D "$D/data" -w -t 60 promote >/dev/null
    ;;
stop)
    # only a folder this script made (its initdb.log): a wrong DIR is not removed
    [ -f "$D/initdb.log" ] || { echo "pg-cluster.sh: $D holds no cluster of ours; not removed" >&2; exit 1; }
    [ ! -d "$D/data" ] || as_owner "$BIN/pg_ctl" -D "$D/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    rm -rf "$D"
    ;;
*) usage ;;
esac
