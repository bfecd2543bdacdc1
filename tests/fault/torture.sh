#!/bin/sh
# torture.sh [SAMPLE] — fault injection over lamtheo's main jobs, as curl's
# torture tests and SQLite's OOM and I/O-error tests do: each scenario runs
# once to count its allocations and its writes/syncs, then once more for
# each N with the Nth allocation failing (LT_FAULT_ALLOC=N), then for each N
# with the Nth write or sync failing (LT_FAULT_IO=N).  After every run:
#   - no crash, no sanitizer report, no leak (the binary is the ASan/UBSan
#     build, LeakSanitizer on): exit 0, or exit 1 with a message;
#   - the database passes `lamtheo check`, and holds exactly what the run
#     said it did: an import whole or not at all, a report or a backup
#     either there whole or not there at all and the database untouched,
#     every write the web acknowledged present and none of the others.
# SAMPLE 0 runs every N (make torture); SAMPLE K runs about K values of N
# per scenario and kind, spread over the whole range (make check).  The
# calls of the first db_open (the same in every command: SQLite reads the
# schema) are failed in the first scenario only.  Prints a table and
# "RESULT passed failed"; figures go to build-asan/torture.txt.
# TORTURE_SCENARIOS names the scenarios to run (default all, in the order
# of the loop at the end), so that two runs can share the two cores;
# TORTURE_KINDS the kinds of fault (default "ALLOC IO").
# Usage: LAMTHEO_FAULT_BIN=build-asan/lamtheo-fault LAMTHEO_BIN=build/lamtheo sh tests/fault/torture.sh [SAMPLE]
SAMPLE=${1:-0}
FB=${LAMTHEO_FAULT_BIN:?LAMTHEO_FAULT_BIN not set}
LT=${LAMTHEO_BIN:?LAMTHEO_BIN not set}
TMP=$(mktemp -d "${LAMTHEO_TEST_TMP:-/tmp}/torture.XXXXXX")
SUMMARY=${TORTURE_SUMMARY:-$(dirname "$FB")/torture.txt}
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0:exitcode=86"
export ASAN_OPTIONS="exitcode=86:detect_leaks=1"
export UBSAN_OPTIONS="exitcode=86"
PASS=0; FAIL=0; SHOWN=0
ok() { PASS=$((PASS + 1)); }
bad() {
    FAIL=$((FAIL + 1)); SHOWN=$((SHOWN + 1))
    [ "$SHOWN" -le 40 ] && echo "FAIL: $*"
    [ "$SHOWN" -le 40 ] && [ -s "$TMP/err" ] && head -n 8 "$TMP/err" | sed 's/^/    /'
}

# ---- the database every run starts from -----------------------------------
BASE=$TMP/base.db
LAMTHEO_DB=$BASE "$LT" init > /dev/null || { echo "RESULT 0 1"; exit 0; }
cat > "$TMP/units.csv" <<'EOF'
ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren
HU-T,Huyện ủy Thử Nghiệm,district,
DB-T,Đảng bộ xã Thử,grassroots_committee,HU-T
CB-T,Chi bộ ấp Một,cell,DB-T
EOF
cat > "$TMP/people0.csv" <<'EOF'
ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot
P1,Nguyễn Văn An,15/06/1970,nam,CB-T,Bí thư chi bộ,party_member,x
P2,Trần Thị Bình,15/06/1985,nữ,CB-T,Đảng viên,party_member,
EOF
cat > "$TMP/people.csv" <<'EOF'
ma_nguoi,ho_ten,ngay_sinh,gioi_tinh,ma_don_vi,chuc_vu,doi_tuong,can_bo_chu_chot
T1,Lê Văn Cường,15/06/1975,nam,CB-T,Chi ủy viên,party_member,
T2,Phạm Thị Dung,15/06/1990,nữ,CB-T,Đảng viên,party_member,
T3,Hoàng Văn Em,15/06/1968,nam,DB-T,Phó Bí thư,party_member,x
T4,Võ Thị Phương,15/06/1995,nữ,CB-T,Đảng viên,party_member,
T5,Đặng Văn Giang,15/06/1980,nam,CB-T,Đảng viên,party_member,
EOF
printf 'nam,ngay,hinh_thuc,co_mat,tong_so,ma_don_vi\n2024,05/03/2024,cell_meeting,2,2,CB-T\n' > "$TMP/dep.csv"
export LAMTHEO_TODAY=2024-06-01
for f in units.csv people0.csv; do
    kind=${f%%[0-9].csv}; kind=${kind%.csv}
    LAMTHEO_DB=$BASE "$LT" import "$kind" "$TMP/$f" > /dev/null || { echo "setup: import $f failed"; echo "RESULT 0 1"; exit 0; }
done
LAMTHEO_DB=$BASE "$LT" import deployments "$TMP/dep.csv" > /dev/null 2>&1
printf 'quantri-mat-khau-1\n' | LAMTHEO_DB=$BASE "$LT" user add quantri --role admin > /dev/null || { echo "RESULT 0 1"; exit 0; }
sqlite3 "$BASE" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
fingerprint() { sqlite3 "$1" .dump | md5sum | cut -c1-32; }
BASE_PRINT=$(fingerprint "$BASE")

# ---- one run --------------------------------------------------------------
# fresh: a copy of the base database as $DB
fresh() { DB=$TMP/run.db; rm -f "$DB" "$DB-wal" "$DB-shm"; cp "$BASE" "$DB"; }
# sane STATUS: no crash or sanitizer report; exit 1 says why
sane() {
    case "$1" in
    0) ;;
    1) grep -qE '^lamtheo: .+|^[^ ]+:[0-9]+: ' "$TMP/err" || { bad "$RUN: exit 1 without a message"; return 1; } ;;
    *) bad "$RUN: exit $1 (crash or sanitizer)"; return 1 ;;
    esac
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$TMP/err"; then
        bad "$RUN: sanitizer report"; return 1
    fi
    return 0
}
checked() {
    LAMTHEO_DB=$DB "$LT" check > "$TMP/check.out" 2>&1 || { bad "$RUN: check fails: $(head -c 300 "$TMP/check.out")"; return 1; }
}
count_people() { sqlite3 "$DB" "SELECT count(*) FROM person WHERE code LIKE 'T_'"; }

# The scenarios: run_NAME FAULTVAR N (N=0: count only)
run_import() {
    fresh
    env "$1=$2" LT_FAULT_COUNT="$TMP/count" LAMTHEO_DB="$DB" "$FB" import people "$TMP/people.csv" > "$TMP/out" 2> "$TMP/err"
    st=$?
    sane "$st" || return
    checked || return
    n=$(count_people)
    # exit 1 with the import whole: only when its summary could not be printed after it
    if [ "$st:$n" = 1:5 ] && grep -q 'cannot write the output' "$TMP/err"; then ok; return; fi
    case "$st:$n" in 0:5|1:0) ok ;; *) bad "$RUN: exit $st with $n of 5 people" ;; esac
}
# whole_report FILE FORMAT: the file is a whole report of its format
whole_report() {
    case "$2" in
    xlsx|docx) unzip -tq "$1" > /dev/null 2>&1 ;;
    pdf) pdftotext "$1" - 2>/dev/null | grep -q 'Tỷ lệ' ;;
    *) grep -q 'Tỷ lệ' "$1" ;;
    esac
}
run_report() { # $3: format
    fresh
    out=$TMP/out.$3; rm -f "$out" "$out".tmp*
    env "$1=$2" LT_FAULT_COUNT="$TMP/count" LAMTHEO_DB="$DB" "$FB" report --year 2024 --format "$3" -o "$out" > "$TMP/out" 2> "$TMP/err"
    st=$?
    sane "$st" || return
    [ "$(fingerprint "$DB")" = "$BASE_PRINT" ] || { bad "$RUN: a report changed the database"; return; }
    left=$(ls "$out".tmp* 2>/dev/null | wc -l)
    [ "$left" = 0 ] || { bad "$RUN: a temporary file was left"; return; }
    # exit 1: no file, or (a write after it failed: its folder's sync, standard output) a whole one
    if [ "$st" = 1 ]; then
        [ ! -e "$out" ] || whole_report "$out" "$3" && ok || bad "$RUN: failed and left part of $out"
        return
    fi
    whole_report "$out" "$3" && ok || bad "$RUN: exit 0 but $out is not a whole report"
}
run_backup() {
    fresh
    rm -f "$TMP/b.db" "$TMP"/b.db.*
    env "$1=$2" LT_FAULT_COUNT="$TMP/count" LAMTHEO_DB="$DB" "$FB" backup "$TMP/b.db" > "$TMP/out" 2> "$TMP/err"
    st=$?
    sane "$st" || return
    [ "$(fingerprint "$DB")" = "$BASE_PRINT" ] || { bad "$RUN: a backup changed the database"; return; }
    left=$(ls "$TMP"/b.db?* 2>/dev/null | grep -v -e '-wal$' -e '-shm$' | wc -l)
    [ "$left" = 0 ] || { bad "$RUN: a temporary file was left: $(ls "$TMP"/b.db?*)"; return; }
    if [ "$st" = 1 ] && [ ! -e "$TMP/b.db" ]; then ok; return; fi
    # exit 0, or exit 1 after the copy was made (its folder's sync, standard output): a whole copy
    LAMTHEO_DB=$TMP/b.db "$LT" check > /dev/null 2>&1 && [ "$(fingerprint "$TMP/b.db")" = "$BASE_PRINT" ] &&
        ok || bad "$RUN: exit $st and the backup is not the database"
}
# The registration workflow through the JSON API, as a member's secretary
# does it: log in, start a registration, add an item, submit, approve,
# publish.  Each write acknowledged (2xx) must be in the database after,
# none of the others; every answer is a response (never a dropped
# connection), and every refusal a JSON error.
api() { # METHOD PATH [BODY]: status in $CODE, body in $TMP/body
    CODE=$(curl -s -m 60 -o "$TMP/body" -w '%{http_code}' -X "$1" -b "$TMP/jar" -c "$TMP/jar" \
        -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" ${3:+-d "$3"} "$URL$2")
    [ "$CODE" = 000 ] || ANSWERED=1
    case "$CODE" in
    2??) ;;
    000) NOANSWER="$1 $2" ;; # judged once the server has stopped (run_api)
    *) grep -q '"error"' "$TMP/body" || bad "$RUN: $1 $2: HTTP $CODE without a JSON error" ;;
    esac
}
run_api() {
    fresh
    rm -f "$TMP/jar" "$TMP/serve.out"
    env "$1=$2" LT_FAULT_COUNT="$TMP/count" LAMTHEO_DB="$DB" LAMTHEO_THREADS=1 \
        "$FB" serve --listen 127.0.0.1:0 > "$TMP/serve.out" 2> "$TMP/err" &
    spid=$!
    URL=""
    for _ in $(seq 1 200); do
        URL=$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/serve.out" 2>/dev/null)
        [ -n "$URL" ] && break
        kill -0 "$spid" 2>/dev/null || break
        sleep 0.05
    done
    if [ -z "$URL" ]; then # the fault stopped the server from starting (or saying where)
        kill -0 "$spid" 2>/dev/null && { bad "$RUN: the server runs but never said where"; kill -9 "$spid"; }
        wait "$spid"; st=$?
        sane "$st" || return
        [ "$st" = 1 ] && ok || bad "$RUN: the server neither started nor said why"
        return
    fi
    CSRF=""; ANSWERED=0; NOANSWER=""
    api POST /api/v1/session '{"login":"quantri","password":"quantri-mat-khau-1"}'
    CSRF=$(sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p' "$TMP/body")
    made=0 item=0 status=none
    api POST /api/v1/people/P2/registrations '{"year":2024}'
    case "$CODE" in 2??) made=1 ;; esac
    reg=$(sqlite3 -cmd '.timeout 5000' "$DB" "SELECT r.id FROM registration r JOIN person p ON p.id=r.person_id WHERE p.code='P2' AND r.year=2024")
    [ -n "$reg" ] || reg=0
    [ "$made" = 1 ] && status=draft
    api POST "/api/v1/registrations/$reg/items" '{"body":"Gương mẫu chấp hành nội quy","group":"style"}'
    case "$CODE" in 2??) item=1 ;; esac
    for step in submit:submitted approve:approved publish:published; do
        api POST "/api/v1/registrations/$reg/${step%%:*}" '{}'
        case "$CODE" in 2??) status=${step#*:} ;; esac
    done
    alive=0; kill -0 "$spid" 2>/dev/null && alive=1
    kill -TERM "$spid" 2>/dev/null; wait "$spid"; st=$?
    sane "$st" || return
    # a request unanswered is a failure, unless the server stopped because
    # it could not say where it serves (its address written, its flush
    # failed: exit 1 with that message, and it answers nothing)
    if [ -n "$NOANSWER" ] && ! { [ "$st" = 1 ] && [ "$ANSWERED" = 0 ] && grep -q 'địa chỉ phục vụ' "$TMP/err"; }; then
        bad "$RUN: $NOANSWER: no answer"; return
    fi
    [ "$alive" = 0 ] && [ "$ANSWERED" = 1 ] && { bad "$RUN: the server stopped by itself after answering"; return; }
    checked || return
    got=$(sqlite3 "$DB" "SELECT count(*), coalesce(max(status),'none'), (SELECT count(*) FROM registration_item i JOIN registration r ON r.id=i.registration_id JOIN person p ON p.id=r.person_id WHERE p.code='P2') FROM registration r JOIN person p ON p.id=r.person_id WHERE p.code='P2'")
    want="$made|$status|$item"
    [ "$got" = "$want" ] && ok || bad "$RUN: the database holds $got, the answers said $want"
}

# ---- the driver -----------------------------------------------------------
# values N SKIP_FROM SKIP_TO TOTAL: the N to try, skipping (SKIP_FROM, SKIP_TO]
values() {
    awk -v total="$1" -v from="$2" -v to="$3" -v sample="$SAMPLE" 'BEGIN {
        n = 0; for (i = 1; i <= total; i++) if (i <= from || i > to) keep[n++] = i;
        if (sample <= 0 || sample >= n) { for (i = 0; i < n; i++) print keep[i]; exit }
        for (k = 0; k < sample; k++) print keep[int(k * (n - 1) / (sample - 1))];
    }' | uniq
}
printf '%-14s %-6s %8s %8s %6s\n' scenario kind calls tried failed > "$SUMMARY"
first=1
for sc in ${TORTURE_SCENARIOS:-import report:html report:xlsx report:docx report:pdf backup api}; do
    name=${sc%%:*}; arg=${sc#*:}; [ "$arg" = "$sc" ] && arg=""
    rm -f "$TMP/count"
    RUN="$sc (no fault)"
    "run_$name" LT_FAULT_NONE 0 $arg
    read -r _ allocs _ ios _ _ _ oa_from oa_to _ oi_from oi_to < "$TMP/count"
    if [ "$first" = 1 ]; then oa_from=0; oa_to=0; oi_from=0; oi_to=0; first=0; fi
    for kind in ${TORTURE_KINDS:-ALLOC IO}; do
        if [ $kind = ALLOC ]; then total=$allocs; sf=$oa_from; st=$oa_to; else total=$ios; sf=$oi_from; st=$oi_to; fi
        before=$FAIL; tried=0
        for n in $(values "$total" "$sf" "$st"); do
            RUN="$sc LT_FAULT_$kind=$n"
            "run_$name" "LT_FAULT_$kind" "$n" $arg
            tried=$((tried + 1))
        done
        printf '%-14s %-6s %8s %8s %6s\n' "$sc" "$kind" "$total" "$tried" "$((FAIL - before))" >> "$SUMMARY"
        echo "$sc $kind: $total calls, $tried tried, $((FAIL - before)) failed"
    done
done
cat "$SUMMARY"
rm -rf "$TMP"
[ -n "$TORTURE_TOTALS" ] && echo "$PASS $FAIL" > "$TORTURE_TOTALS"
echo "RESULT $PASS $FAIL"
[ "$FAIL" -eq 0 ]
