# t_login.sh — logging in is throttled however it is done: every failed
# attempt is recorded whatever happens to the request (the JSON API's login
# ran inside the router's transaction, whose rollback on the refusal took
# the record with it), and after THROTTLE_FAILURES of them even the right
# password is refused for a while; 30 from one address hold back anyone
# there, fewer do not.  LT_ENGINE=postgresql (t_login_pg.sh): the same on
# a new database in the run's cluster.
. tests/e2e/lib.sh
if [ "${LT_ENGINE:-}" = postgresql ]; then
    LAMTHEO_DB=$(pg_database "lt_login_$(date +%s%N)") && ok || bad "a new database on PostgreSQL"
fi
"$LT" init > /dev/null || bad "init"
printf 'quantri-mat-khau-1\n' | "$LT" user add quantri --role admin > /dev/null || bad "user add quantri"
printf 'xem-mat-khau-12\n' | "$LT" user add xem --role admin > /dev/null || bad "user add xem"
start_server || { finish; exit 0; }
failures() { db_sql "SELECT count(*) FROM login_failure WHERE login='$1'"; }
api_login() {
    http "$1" "$2" -H 'Content-Type: application/json' -d "{\"login\":\"$3\",\"password\":\"$4\"}" \
        "$BASE/api/v1/session"
}

# the JSON API: a right password works, and leaves no failure behind
api_login "API login" 200 quantri quantri-mat-khau-1
equals "a success leaves no failure record" "$(failures quantri)" "0"
for i in 1 2 3 4 5; do
    api_login "wrong password $i through the API" 403 quantri "sai-mat-khau-$i"
done
equals "every failure through the API is recorded" "$(failures quantri)" "5"
for i in 6 7; do
    api_login "wrong password $i through the API" 403 quantri "sai-mat-khau-$i"
    contains "attempt $i is throttled" "$TMP/body" "thử lại sau"
done
equals "throttled attempts are not counted again" "$(failures quantri)" "5"
api_login "the right password after seven failures" 403 quantri quantri-mat-khau-1
contains "says to wait" "$TMP/body" "thử lại sau"
contains "says why in English too" "$TMP/body" "too many failed logins"

# the form: the login's failures hold it back there too
tok=$(curl -s -c "$TMP/jar" "$BASE/dang-nhap" | grep -o 'name="csrf" value="[^"]*"' | cut -d'"' -f4)
http "the right password through the form" 403 -b "$TMP/jar" -d "csrf=$tok&login=quantri&password=quantri-mat-khau-1" "$BASE/dang-nhap"
contains "the form says to wait" "$TMP/body" "thử lại sau"
equals "no session was made" "$(db_sql 'SELECT count(*) FROM session')" "1"

# someone else at the same address (one commune hall, one NAT) is not held
# back by those five failures: only 30 from one address hold it back
curl -s -D "$TMP/hdr" -o /dev/null -b "$TMP/jar" -d "csrf=$tok&login=xem&password=xem-mat-khau-12" "$BASE/dang-nhap"
contains "another person from the same address logs in" "$TMP/hdr" "lt_session="
# (the time a minute ago from date(1): PostgreSQL's strftime knows no 'now')
minute_ago=$(date -u -d '1 minute ago' +%Y-%m-%dT%H:%M:%SZ)
db_sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i<25)
    INSERT INTO login_failure(login, addr, at) SELECT 'khach.' || i, '127.0.0.1',
    '$minute_ago' FROM n"
http "after 30 failures from the address, anyone is held back" 403 -b "$TMP/jar" -d "csrf=$tok&login=xem&password=xem-mat-khau-12" "$BASE/dang-nhap"
contains "...told to wait" "$TMP/body" "thử lại sau"

# an attempt refused by the throttle is not counted again: the lock ends
# THROTTLE_MINUTES after the last real failure, not after the last knock
equals "throttled attempts are not counted" "$(failures xem)" "0"
stop_server
finish
