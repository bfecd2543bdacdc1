#!/bin/sh
# accounts.sh — the account lifecycle's two aims (issue 18), each beside a
# baseline measured in the same run:
#   user bulk for a province-sized subtree (bench/gen: 3,000 units, 60,000
#   people), slips PDF included, against the sqlite3 shell writing the
#   same number of account and audit rows (aim: under 30 s);
#   16 logins at once through the API, their p50 and slowest, against one
#   login alone (the median of 5): Argon2id at libsodium's interactive
#   limits (64 MiB, 2 passes) is one hash per login.
# Data under $BENCH_DIR (default /tmp/lamtheo-bench).
# Usage: sh bench/accounts.sh [BUILD]
set -eu
B=${1:-build}
DIR=${BENCH_DIR:-/tmp/lamtheo-bench}/accounts
LT=$(pwd)/$B/lamtheo
mkdir -p "$DIR"
rm -f "$DIR"/a.db* "$DIR"/base.db
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

"$B/bench/gen" --units 3000 --people 60000 --out "$DIR" --year 2024 > /dev/null
"$LT" --db "$DIR/a.db" init > /dev/null
"$LT" --db "$DIR/a.db" import units "$DIR/units.csv" > /dev/null
"$LT" --db "$DIR/a.db" import people "$DIR/people.csv" > /dev/null
top=$(sqlite3 "$DIR/a.db" "SELECT u.code FROM unit u WHERE NOT EXISTS (SELECT 1 FROM unit_parent p WHERE p.unit_id=u.id) LIMIT 1")

t=$(now); "$LT" --db "$DIR/a.db" user bulk --unit "$top" -o "$DIR/slips.pdf" 2> /dev/null; bulk=$(since "$t")
n=$(sqlite3 "$DIR/a.db" "SELECT count(*) FROM account WHERE status='pending'")
t=$(now)
sqlite3 "$DIR/base.db" "CREATE TABLE account(id INTEGER PRIMARY KEY, login TEXT UNIQUE, password_hash TEXT,
    role TEXT, person_id INTEGER, created_at TEXT, status TEXT, code_hash TEXT, code_expires TEXT);
    CREATE TABLE audit(id INTEGER PRIMARY KEY, actor TEXT, at TEXT, action TEXT, entity TEXT, entity_id INTEGER,
    before TEXT, after TEXT);
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $n)
    INSERT INTO account SELECT i, 'login.' || i, '', 'member', i, '2026', 'pending', hex(randomblob(32)),
        '2027-01-01' FROM k;
    INSERT INTO audit SELECT NULL, 'cli', '2026', 'activate', 'account', id, NULL, login FROM account;"
base=$(since "$t")
pages=$(pdfinfo "$DIR/slips.pdf" | awk '/^Pages:/ { print $2 }')
echo "== user bulk, $n accounts, $pages pages of slips"
printf '%-40s %10s %10s %8s\n' what seconds baseline ratio
printf '%-40s %10s %10s %8s\n' "user bulk with the slips (aim < 30 s)" "$bulk" "$base" "$(ratio "$bulk" "$base")"

# logins: 16 accounts with passwords, a server, one alone then 16 at once
for i in $(seq 1 16); do
    echo "mat-khau-dang-nhap-$i" | "$LT" --db "$DIR/a.db" user add "bench.login$i" --role viewer --unit "$top" > /dev/null
done
"$LT" --db "$DIR/a.db" serve --listen 127.0.0.1:0 > "$DIR/serve.out" 2> "$DIR/serve.err" &
pid=$!
for _ in $(seq 1 100); do url=$(grep -o 'http://127.0.0.1:[0-9]*' "$DIR/serve.out" | head -1) && [ -n "$url" ] && break; sleep 0.1; done
one() { curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d "{\"login\":\"bench.login$1\",\"password\":\"mat-khau-dang-nhap-$1\"}" "$url/api/v1/session"; }
for i in 1 2 3 4 5; do one "$i"; done | sort -n | sed -n 3p > "$DIR/alone.t"
seq 1 16 | xargs -P 16 -I{} sh -c "curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' \
    -d '{\"login\":\"bench.login{}\",\"password\":\"mat-khau-dang-nhap-{}\"}' $url/api/v1/session" | sort -n > "$DIR/many.t"
kill "$pid"; wait "$pid" 2> /dev/null || true
alone=$(cat "$DIR/alone.t"); p50=$(sed -n 8p "$DIR/many.t"); worst=$(tail -1 "$DIR/many.t")
echo "== logins ($(nproc) processors)"
printf '%-40s %10s %10s %8s\n' "16 at once, p50" "$p50" "$alone" "$(ratio "$p50" "$alone")"
printf '%-40s %10s %10s %8s\n' "16 at once, slowest" "$worst" "$alone" "$(ratio "$worst" "$alone")"
