#!/bin/sh
# pg-census.sh [TEST...] — the port's census (issue 24, docs/postgresql.md):
# builds lamtheo with -DLT_SQL_CENSUS into build-census, runs the suite (or
# the tests named, e.g. t_demo.sh test_domain) so that every statement the
# domain gives SQLite is written down, then prepares each one on a
# throwaway PostgreSQL cluster (pg-cluster.sh) with tests/tools/pg_census,
# which prints those PostgreSQL refuses and their count.  For the port's
# work; not part of `make check`.
set -e
B=build-census
make -s B=$B CFLAGS="-O2 -g -DLT_SQL_CENSUS" -j"$(nproc)" $B/lamtheo $B/tools/pg_census \
    $(for t in "$@"; do case $t in test_*) echo $B/tests/$t ;; esac; done) >/dev/null
[ $# -gt 0 ] || make -s B=$B CFLAGS="-O2 -g -DLT_SQL_CENSUS" -j"$(nproc)" test-bin >/dev/null
LT_SQL_CENSUS="$(mktemp /tmp/lt-census.XXXXXX)"
export LT_SQL_CENSUS
if [ $# -gt 0 ]; then
    export LAMTHEO_BIN="$(pwd)/$B/lamtheo" B
    export LAMTHEO_TEST_TMP="$(mktemp -d /tmp/lamtheo-test.XXXXXX)"
    for t in "$@"; do
        case $t in
            test_*) $B/tests/$t >/dev/null 2>&1 || true ;;
            *) sh tests/e2e/$t >/dev/null 2>&1 || true ;;
        esac
    done
    rm -rf "$LAMTHEO_TEST_TMP"
else
    TEST_JOBS=$(nproc) sh tests/run.sh $B >/dev/null 2>&1 || true
fi
dir="$(mktemp -d /tmp/lt-census-pg.XXXXXX)"
address=$(sh scripts/pg-cluster.sh start "$dir")
rc=0
$B/tools/pg_census "$address" "$LT_SQL_CENSUS" || rc=$?
sh scripts/pg-cluster.sh stop "$dir"
rm -f "$LT_SQL_CENSUS"
exit $rc
