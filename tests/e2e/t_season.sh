# t_season.sh — the season benchmark's load client (bench/season, issue 22)
# for a few seconds on the demo: members log in, register, add items and
# submit, secretaries approve, nothing fails, and the database holds exactly
# the writes the server acknowledged — the check bench/season.sh makes at
# national scale, kept working here.  LT_ENGINE=postgresql (t_season_pg.sh):
# the same season against a server on PostgreSQL.
. tests/e2e/lib.sh
BIN=$(dirname "$LT")/bench
Y=$(($(date +%Y) + 1)) # the demo's people have this year's registrations already
if [ "${LT_ENGINE:-}" = postgresql ]; then
    # (the bench's setup writes its accounts into SQLite's file: there the
    # demo gets them, and the whole is copied into a new database on the
    # run's cluster by lamtheo migrate below)
    SEASON_DB=$TMP/season.db
    "$LT" --db "$SEASON_DB" init --demo > /dev/null && ok || bad "init --demo"
else
    demo_database
    SEASON_DB=$LAMTHEO_DB
fi
mkdir -p "$TMP/s"
expect_status 0 "accounts for the season" "$BIN/season" setup "$SEASON_DB" $Y 120 3 "$TMP/s"
contains "members under committees, a secretary each" "$TMP/out" "secretaries, 1 reader, 16 logins"
if [ "${LT_ENGINE:-}" = postgresql ]; then
    LAMTHEO_DB=$(pg_database "lt_season_$(date +%s%N)") && ok || bad "a new database on the cluster"
    expect_status 0 "the demo and the season's accounts copied to PostgreSQL" \
        "$LT" migrate --from "$SEASON_DB" --to "$LAMTHEO_DB"
fi
start_server || { finish; exit 0; }
expect_status 0 "a short season: no request failed" "$BIN/season" run "$BASE" "$TMP/s" $Y 3 4
cp "$TMP/out" "$TMP/season.out"
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$TMP/season.out"; }
q() { db_sql "$1"; }
MINE="FROM registration r JOIN account a ON a.person_id=r.person_id WHERE r.year=$Y AND a.login LIKE 'mua.%'"
check "some members registered" test "$(field registrations)" -gt 0
equals "registrations as acknowledged" "$(q "SELECT count(*) $MINE")" "$(field registrations)"
equals "items as acknowledged" "$(q "SELECT count(*) FROM registration_item i JOIN registration r ON
    r.id=i.registration_id JOIN account a ON a.person_id=r.person_id WHERE r.year=$Y AND a.login LIKE 'mua.%'")" \
    "$(field items)"
equals "submissions as acknowledged" "$(q "SELECT count(*) $MINE AND r.status IN ('submitted','approved')")" \
    "$(field submitted)"
equals "approvals as acknowledged" "$(q "SELECT count(*) $MINE AND r.status='approved'")" "$(field approved)"
expect_status 0 "logins at once (the project's Argon2id)" "$BIN/season" logins "$BASE" "$TMP/s"
contains "the logins' figures" "$TMP/out" "concurrent16_p99="
stop_server
expect_status 0 "the database passes check" "$LT" check
if [ "${LT_ENGINE:-}" != postgresql ]; then # (the bench writes SQLite's file itself)
    expect_status 0 "the store's own ceiling writes the same rows" "$BIN/season" store "$LAMTHEO_DB" "$TMP/s" $((Y + 1)) 1
    contains "its figure" "$TMP/out" "per_s="
fi
finish
