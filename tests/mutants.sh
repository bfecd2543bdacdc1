#!/bin/sh
# mutants.sh — a small mutation run (`make mutants`; not part of `make check`).
# Each mutant below is a plausible bug: a file, an exact one-line snippet of
# it, its replacement, the tests that must catch it, and what it breaks.
# The tree (sources, tests, the current build) is copied to a temporary
# folder; the tests named by any mutant are first run there unchanged (they
# must pass); then each mutant in turn is applied (its snippet must occur
# exactly once), built, and its tests run until one fails: caught.  A table
# gives each mutant's result and seconds; the exit status is 1 if any
# mutant was missed, did not apply or did not build.
#   sh tests/mutants.sh [NAME...]     only the mutants named
# Tests: test_X runs build/tests/test_X; t_X.sh runs tests/e2e/t_X.sh
# against the mutant's binary.  Each test may take 600 s at most.
ROOT=$(pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/lamtheo-mutants.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM

# ---- the mutants ----------------------------------------------------------
# name, file, from, to, tests, breaks: one a line; a blank line ends each.
cat > "$W/mutants.txt" <<'EOF'
name   session-expiry-ignored
file   src/domain/session.c
from   " s.expires_at>?", e);
to     " (s.expires_at>? OR 1)", e);
tests  test_session t_authz.sh
breaks an expired session still resumes: pages and API stay logged in

name   throttle-login-and-address
file   src/domain/session.c
from   "(login=?2 OR addr=?3)"
to     "(login=?2 AND addr=?3)"
tests  test_session
breaks failures counted per login and address: guesses from many addresses go on

name   throttle-one-late
file   src/domain/session.c
from   >= THROTTLE_FAILURES)
to     > THROTTLE_FAILURES)
tests  test_session
breaks a sixth guess is let through

name   csrf-any-token
file   src/domain/session.c
from   return sodium_memcmp(a, b, n) == 0;
to     return 1;
tests  t_web.sh
breaks any token of the right length passes the CSRF check

name   csrf-check-skipped
file   src/web/router.c
from   if (want && got && session_token_equal(want, got)) return LT_OK;
to     if (want && got) return LT_OK;
tests  t_web.sh
breaks a write with any token at all is accepted

name   scope-router-everything
file   src/web/router.c
from   return unit_in_subtree(&r->ctx, unit_id, r->ctx.scope_unit);
to     return unit_in_subtree(&r->ctx, unit_id, 0);
tests  t_authz.sh
breaks an officer or viewer opens units, people and registrations of other units

name   scope-router-any-person
file   src/web/router.c
from   if (r->ctx.role == ROLE_MEMBER) return person_id && person_id == r->ctx.person_id;
to     if (r->ctx.role == ROLE_MEMBER) return person_id != 0;
tests  t_authz.sh
breaks a member opens anyone's page and registration

name   scope-closed-units-all
file   src/domain/query.c
from   "u.id IN (SELECT id FROM scoped)");
to     "1");
tests  test_domain t_scope.sh
breaks every closed unit of the district is listed to a scoped account

name   scope-year-widened
file   src/web/page_common.c
from   if (!(r->route->flags & WR_PUBLIC)) {
to     if (0) {
tests  t_scope.sh
breaks an account whose unit is not in a year's tree sees the whole tree of that year

name   scope-closed-by-today
file   src/domain/scope.c
from   #define OWN_DAY(u) "max(" u ".active_from, min(coalesce(" u ".active_to, ?2), ?2))"
to     #define OWN_DAY(u) "?2"
tests  test_domain
breaks a closed unit is placed by today's tree, where it has no parent, and leaves its scope

name   csv-minus-not-neutralised
file   src/io/export.c
from   s[0] == '+' || s[0] == '-' || s[0] == '@'
to     s[0] == '+' || s[0] == '@'
tests  test_csv
breaks an exported cell starting with - runs as a formula in a spreadsheet

name   csv-tab-not-neutralised
file   src/io/export.c
from   s[0] == '@' || s[0] == '\t' ||
to     s[0] == '@' ||
tests  test_csv
breaks an exported cell starting with a tab hides a formula

name   public-every-published
file   src/domain/query.c
from   " AND r.year=?2 AND p.key_cadre=1 AND r.published_at IS NOT NULL"
to     " AND r.year=?2 AND r.published_at IS NOT NULL"
tests  test_domain
breaks the public pages and bulletins list ordinary members' registrations too

name   write-commits-on-failure
file   src/domain/common.c
from   db_rollback(ctx->db);
to     db_commit(ctx->db, NULL);
tests  test_domain
breaks a domain write that fails midway keeps its first half

name   rounding-truncates
file   src/core/util.c
from   return (long)((num * 2000 + den) / (2 * den));
to     return (long)(num * 1000 / den);
tests  test_indicators
breaks 98,75% is written 98,7%

name   rounding-ties-down
file   src/core/util.c
from   (num * 2000 + den) / (2 * den)
to     (num * 2000 + den - 1) / (2 * den)
tests  test_indicators
breaks ties of the tenth go down: 0,05% is written 0,0%

name   absent-rate-is-zero
file   src/domain/indicators.c
from   return den > 0 ? lt_percent_tenths(num, den) : -1;
to     return den > 0 ? lt_percent_tenths(num, den) : 0;
tests  test_indicators
breaks a rate without a denominator shows 0% instead of being absent

name   root-target-counts-itself
file   src/domain/indicators.c
from   s->c.targets = below->targets > 0 ? below->targets : own->targets;
to     s->c.targets = below->targets + own->targets;
tests  test_indicators
breaks a party organisation with units below it counts itself among its targets

name   good-or-better-without-excellent
file   src/domain/indicators.c
from   rate(s->c.grades[GRADE_EXCELLENT] + s->c.grades[GRADE_GOOD], s->c.evaluated);
to     rate(s->c.grades[GRADE_GOOD], s->c.evaluated);
tests  test_indicators
breaks "completed well or better" leaves out the excellent

name   import-keeps-valid-rows
file   src/io/import.c
from   if (d->total || dry_run) db_rollback(ctx->db);
to     if (dry_run) db_rollback(ctx->db);
tests  t_import.sh
breaks a file with errors is imported in part (not all or nothing)

name   fold-keeps-d-stroke
file   src/text/norm.c
from   if (c == 0x0111 || c == 0x0110) c = 'd';
to     if (c == 0x0110) c = 'd';
tests  test_text
breaks "son dinh" no longer finds "Sơn Định"

name   fold-keeps-case
file   src/text/norm.c
from   c = u_tolower(c);
to     (void)u_tolower(c);
tests  test_text
breaks the search tells upper from lower case

name   audio-for-nothing-to-say
file   src/web/bulletin_cache.c
from   if (!has)
to     if (0)
tests  t_bulletin.sh
breaks anyone makes the server render audio for units and years with nothing published

name   audio-renders-unbounded
file   src/web/bulletin_cache.c
from   if (cache.renders < cache.max_renders) {
to     if (1) {
tests  t_bulletin.sh
breaks any number of audio renderings run at once

name   login-in-router-transaction
file   src/web/routes.c
from   {"POST", "/api/v1/session", WR_API | WR_WRITE | WR_OWN_TX, ROLES_ALL
to     {"POST", "/api/v1/session", WR_API | WR_WRITE, ROLES_ALL
tests  t_login.sh
breaks a refused API login rolls its failure record back: no throttle

name   busy-gives-up-at-once
file   src/store/db.c
from   if (waited >= busy_wait_ms) return 0;
to     if (waited >= 0) return 0;
tests  t_busy.sh
breaks a command fails at once while another process holds the database

name   sqlite-rollback-unseen
file   src/store/db.c
from   if (db->depth > 0 && !db->aborted && sqlite3_get_autocommit(db->h)) {
to     if (0) {
tests  test_failure
breaks after SQLite rolled a transaction back by itself, the rest of the action commits

name   buffer-failure-forgotten
file   src/core/buf.c
from   if (b->err) { lt_buf_free(b); return NULL; }
to     if (0) { lt_buf_free(b); return NULL; }
tests  test_failure
breaks a page or document that ran out of memory midway goes out cut short

name   upgrade-ignores-other-units
file   src/store/schema.sql
from   WHERE r.unit_id <> b.unit_id AND r.year >= b.e
to     WHERE 0 AND r.unit_id <> b.unit_id AND r.year >= b.e
tests  t_store.sh
breaks an upgraded database counts people where they are now in years they registered elsewhere

name   membership-ignores-review-date
file   src/store/schema.sql
from   fy + (coalesce((SELECT reference_date FROM year_setup WHERE year = fy), fy || '-12-31')
to     fy + (coalesce(NULL, fy || '-12-31')
tests  test_exact
breaks a year whose review date is set counts people who joined after it
EOF

# ---- the work -------------------------------------------------------------
tar -cf - --exclude=tests/browser --exclude='build/*.log' src tests scripts bench Makefile \
    $( [ -d build ] && echo build ) | tar -xf - -C "$W" || exit 1

# build TESTS...: the binary, the tools and the unit tests named; 0 if built
build() {
    targets="build/lamtheo build/tools/mkxlsx build/tools/encode"
    for t in "$@"; do case "$t" in test_*) targets="$targets build/tests/$t" ;; esac; done
    make -C "$W" -j2 B=build $targets > "$W/build.log" 2>&1
}

# passes TEST: 0 when the test runs to its end with nothing failed
passes() {
    case "$1" in
    test_*) (cd "$W" && timeout 600 "build/tests/$1") > "$W/test.log" 2>&1 ;;
    t_*.sh) (cd "$W" && LAMTHEO_BIN="$W/build/lamtheo" LAMTHEO_TEST_TMP="$W" timeout 600 sh "tests/e2e/$1") \
                > "$W/test.log" 2>&1 ;;
    *) echo "unknown test $1" > "$W/test.log"; return 1 ;;
    esac
    st=$?
    res=$(grep -a '^RESULT ' "$W/test.log" | tail -1)
    [ $st -eq 0 ] && [ -n "$res" ] && [ "$(echo "$res" | cut -d' ' -f3)" = 0 ]
}

# count FILE SNIPPET: how many times the snippet occurs in the file
count() {
    FROM=$2 awk 'BEGIN { f = ENVIRON["FROM"] }
        { s = $0; while ((i = index(s, f)) > 0) { n++; s = substr(s, i + length(f)) } }
        END { print n + 0 }' "$1"
}

# apply FILE FROM TO: the snippet replaced, in the copy
apply() {
    FROM=$2 TO=$3 awk 'BEGIN { f = ENVIRON["FROM"]; t = ENVIRON["TO"] }
        { i = index($0, f); if (i) $0 = substr($0, 1, i - 1) t substr($0, i + length(f)); print }' \
        "$ROOT/$1" > "$W/$1"
}

# wanted NAME: is the mutant among those named on the command line?
SELECTED="$*"
wanted() { for n in $SELECTED; do [ "$n" = "$1" ] && return 0; done; return 1; }

# the mutants as lines "name|file|tests|breaks" (from and to in files)
awk -v dir="$W" '
    /^$/ { if (name != "") { print name "|" file "|" tests "|" breaks; name = "" } next }
    { key = $1; val = $0; sub(/^[a-z]+ +/, "", val) }
    key == "name" { name = val } key == "file" { file = val } key == "tests" { tests = val }
    key == "breaks" { breaks = val }
    key == "from" { print val > (dir "/" name ".from") }
    key == "to" { print val > (dir "/" name ".to") }
    END { if (name != "") print name "|" file "|" tests "|" breaks }
' "$W/mutants.txt" > "$W/list"

# the baseline: every test named, unchanged, must pass
all_tests=$(cut -d'|' -f3 "$W/list" | tr ' ' '\n' | sort -u | tr '\n' ' ')
if [ -n "$SELECTED" ]; then
    all_tests=$(for n in $SELECTED; do grep "^$n|" "$W/list" | cut -d'|' -f3; done | tr ' ' '\n' | sort -u | tr '\n' ' ')
fi
echo "baseline: building and running $all_tests"
build $all_tests || { tail -20 "$W/build.log"; echo "the unchanged tree does not build"; exit 1; }
for t in $all_tests; do
    passes "$t" || { grep -a 'FAIL\|ERROR' "$W/test.log" | head -10; echo "baseline: $t fails unchanged"; exit 1; }
done

printf '%-34s %-9s %7s  %s\n' mutant result seconds "what it breaks"
total=0; caught=0; bad=0
while IFS='|' read -r name file tests breaks; do
    [ -n "$SELECTED" ] && ! wanted "$name" && continue
    total=$((total + 1))
    start=$(date +%s)
    from=$(cat "$W/$name.from"); to=$(cat "$W/$name.to")
    n=$(count "$ROOT/$file" "$from")
    if [ "$n" != 1 ]; then
        result="snippet×$n"
    else
        apply "$file" "$from" "$to"
        if ! build $tests; then
            result="no-build"
            tail -5 "$W/build.log" | sed 's/^/    /'
        else
            result=missed
            for t in $tests; do passes "$t" || { result=caught; break; }; done
        fi
        cp "$ROOT/$file" "$W/$file" # the original again, newer than the mutant's object
    fi
    case "$result" in caught) caught=$((caught + 1)) ;; *) bad=$((bad + 1)) ;; esac
    printf '%-34s %-9s %7s  %s\n' "$name" "$result" "$(($(date +%s) - start))" "$breaks"
done < "$W/list"
echo "$total mutants: $caught caught, $bad missed or not run"
[ "$bad" -eq 0 ]
