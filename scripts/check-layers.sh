#!/bin/sh
# check-layers.sh — keeps the dependency direction of the layers:
# cli -> io, domain -> store -> text -> core.  A file may include only
# headers of its own layer or of the layers below it; and SQL stays in the
# store and domain layers (io, web and cli ask the domain), and SQLite in
# the store alone.
fail=0
allowed() {
    case $1 in
    core) echo "core" ;;
    text) echo "core text" ;;
    store) echo "core text store" ;;
    domain) echo "core text store domain" ;;
    io) echo "core text store domain io" ;;
    web) echo "core text store domain io web" ;;
    cli) echo "core text store domain io web cli" ;;
    esac
}
for f in src/*/*.c src/*/*.h; do
    layer=$(basename "$(dirname "$f")")
    ok=$(allowed "$layer")
    for inc in $(grep -o '#include "\.\./[a-z]*/' "$f" | sed 's|.*"\.\./||; s|/||'); do
        case " $ok " in
        *" $inc "*) ;;
        *) echo "layer violation: $f ($layer) includes $inc"; fail=1 ;;
        esac
    done
done
for f in src/io/*.c src/web/*.c src/cli/*.c; do
    if grep -n '"\(SELECT\|INSERT\|UPDATE\|DELETE\|WITH\) \|db_prepare\|sqlite3_prepare\|db_int(' "$f"; then
        echo "SQL outside the store and domain layers: $f"; fail=1
    fi
done
# the engine (SQLite) is named in the store alone: the layers above use
# store.h's statements and columns, so that a second engine can come in
# under them (issue 24)
for f in src/core/*.[ch] src/text/*.[ch] src/domain/*.[ch] src/io/*.[ch] src/web/*.[ch] src/cli/*.[ch]; do
    if grep -n 'sqlite3\.h\|sqlite3_\|SQLITE_' "$f"; then
        echo "the engine named outside the store: $f"; fail=1
    fi
done
exit $fail
