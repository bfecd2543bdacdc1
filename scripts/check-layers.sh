#!/bin/sh
# check-layers.sh — keeps the dependency direction of the layers:
# cli -> io, domain -> store -> text -> core.  A file may include only
# headers of its own layer or of the layers below it; and SQL stays in the
# store and domain layers (io, web and cli ask the domain).
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
exit $fail
