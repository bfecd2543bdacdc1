#!/bin/sh
# t_standby_pg.sh — a hot standby takes over (DESIGN §10, issue 24;
# docs/postgresql.md): a primary cluster and its standby fed by PostgreSQL's
# streaming replication, synchronous, so that a commit is acknowledged once
# the standby holds it.  A server writes a stream of items into a
# registration through the API; the primary is killed (kill -9) in the
# middle of it; the standby is promoted, and the same server, which was
# given both machines' addresses, goes on writing there without a restart
# (a lost connection is made again, to whichever takes writes); every write
# the API acknowledged, before the failure and after, is there, and the
# database is sound.
. "$(dirname "$0")/lib.sh"
CLUSTER="$(dirname "$0")/../../scripts/pg-cluster.sh"
P=$(mktemp -d /tmp/lamtheo-primary.XXXXXX)
S=$(mktemp -d /tmp/lamtheo-standby.XXXXXX)
rmdir "$S"
cleanup_pg() { sh "$CLUSTER" stop "$P" >/dev/null 2>&1; sh "$CLUSTER" stop "$S" >/dev/null 2>&1 || true; }
trap cleanup_pg EXIT
PRIMARY=$(sh "$CLUSTER" start "$P" 2>"$TMP/pg.err") && ok || { bad "the primary starts"; cat "$TMP/pg.err"; }
STANDBY=$(sh "$CLUSTER" standby "$P" "$S" 2>"$TMP/pg.err") && ok || { bad "the standby starts"; cat "$TMP/pg.err"; }
on() { psql "$1" -X -A -t -q -v ON_ERROR_STOP=1 -c "$2"; }
on "$PRIMARY" "ALTER SYSTEM SET synchronous_standby_names = '*'" && on "$PRIMARY" "SELECT pg_reload_conf()" >/dev/null
for _ in $(seq 1 100); do
    [ "$(on "$PRIMARY" "SELECT sync_state FROM pg_stat_replication")" = sync ] && break
    sleep 0.1
done
equals "the standby is fed synchronously" "$(on "$PRIMARY" "SELECT sync_state FROM pg_stat_replication")" "sync"
equals "...and is in recovery" "$(on "$STANDBY" "SELECT pg_is_in_recovery()")" "t"

# the demo on the primary (made on SQLite and copied: lamtheo migrate)
on "$PRIMARY" "CREATE DATABASE lamtheo"
DB_P=$(printf '%s' "$PRIMARY" | sed 's|/postgres?|/lamtheo?|')
DB_S=$(printf '%s' "$STANDBY" | sed 's|/postgres?|/lamtheo?|')
"$LT" init --demo > /dev/null || bad "init --demo"
expect_status 0 "the demo copied to the primary" "$LT" migrate --from "$LAMTHEO_DB" --to "$DB_P"
# (a draft of the demo's current year, whose registrations are under way)
REG=$(on "$DB_P" "SELECT min(id) FROM registration WHERE status = 'draft' AND year = (SELECT max(year) FROM year_setup)")
check "a draft to write into ($REG)" test -n "$REG"
before=$(on "$DB_P" "SELECT count(*) FROM registration_item WHERE body LIKE 'ghi-%'")
equals "...no item of the stream yet" "$before" 0

# the server knows both machines and takes whichever takes writes
# (docs/postgresql.md: target_session_attrs=read-write)
DB_BOTH="postgresql:///lamtheo?host=$P,$S&user=lamtheo&target_session_attrs=read-write"
# the stream of writes: item i is acknowledged when the API answers 200
LAMTHEO_DB=$DB_BOTH start_server || { finish; exit 0; }
login "$TMP/jar" quantri quantri-demo-2020
: > "$TMP/acked"
(
    i=0
    while [ ! -f "$TMP/stop" ]; do
        i=$((i + 1))
        code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' -b "$TMP/jar" -H "X-CSRF-Token: $CSRF" \
            -H 'Content-Type: application/json' -d "{\"body\":\"ghi-$i\",\"group\":\"style\"}" \
            "$BASE/api/v1/registrations/$REG/items")
        [ "$code" = 200 ] && echo "ghi-$i" >> "$TMP/acked"
    done
) &
WRITER=$!
for _ in $(seq 1 100); do [ "$(wc -l < "$TMP/acked")" -ge 20 ] && break; sleep 0.1; done
sh "$CLUSTER" kill "$P"
sleep 1
acked=$(wc -l < "$TMP/acked")
check "writes were acknowledged before the primary died ($acked)" test "$acked" -ge 20

# the standby takes over; the same server goes on writing there
expect_status 0 "the standby is promoted" sh "$CLUSTER" promote "$S"
equals "...and is a primary now" "$(on "$STANDBY" "SELECT pg_is_in_recovery()")" "f"
for _ in $(seq 1 100); do [ "$(wc -l < "$TMP/acked")" -ge $((acked + 20)) ] && break; sleep 0.1; done
touch "$TMP/stop"
wait "$WRITER"
after=$(($(wc -l < "$TMP/acked") - acked))
check "the server, not restarted, writes on the new primary ($after more)" test "$after" -ge 20
on "$DB_S" "SELECT body FROM registration_item WHERE registration_id = $REG AND body LIKE 'ghi-%'" | sort > "$TMP/there"
missing=$(sort "$TMP/acked" | comm -23 - "$TMP/there" | tr '\n' ' ')
equals "every acknowledged write is on the standby, before the failure and after" "$missing" ""
check "...(and nothing but the stream's: at most those in flight more)" \
    test "$(wc -l < "$TMP/there")" -le $(($(wc -l < "$TMP/acked") + 2))
stop_server
expect_status 0 "check finds the promoted database sound" "$LT" --db "$DB_S" check
finish
