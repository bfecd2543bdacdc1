# t_picker_names.sh — a unit's name that another unit shares carries the
# unit above in the unit picker ("Chi bộ ấp 1 — Đảng bộ xã ..."), and only
# when the other unit is in the reader's part of the tree: an administrator
# sees both communes' cells, a commune's secretary only their own.  (The
# picker finds the namesakes through the name's index, not by reading the
# whole tree; this is what it must still tell apart.)  LT_ENGINE=postgresql
# (t_picker_names_pg.sh): the same on the demo on PostgreSQL.
. tests/e2e/lib.sh
demo_database
# a cell of Sơn Định takes the name of a cell of Tân Thiềng (before the
# server starts: its cached trees know nothing of changes made in SQL)
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nDB-SD-01,"Chi bộ ấp 1, xã Tân Thiềng",cell,DB-SD\n' > "$TMP/u.csv"
"$LT" import units "$TMP/u.csv" > "$TMP/import.out" 2>&1 || { bad "renaming a cell"; cat "$TMP/import.out"; }
equals "the two cells share a name" "$(db_sql "SELECT count(*) FROM unit WHERE name='Chi bộ ấp 1, xã Tân Thiềng'")" 2
start_server || { finish; exit 0; }
A=$TMP/admin O=$TMP/officer
login "$A" quantri quantri-demo-2020
login "$O" bithu.tantieng tantieng-demo-2020
http "admin: the Tân Thiềng cell's dashboard" 200 -b "$A" "$BASE/tong-quan?don_vi=DB-TT-01&nam=2024"
contains "admin: its name carries the commune" "$TMP/body" \
    'list="don_vi-ds" value="Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Tân Thiềng"'
http "admin: the Sơn Định cell's dashboard" 200 -b "$A" "$BASE/tong-quan?don_vi=DB-SD-01&nam=2024"
contains "admin: so does its namesake's" "$TMP/body" \
    'list="don_vi-ds" value="Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Sơn Định"'
http "officer: their cell's dashboard" 200 -b "$O" "$BASE/tong-quan?don_vi=DB-TT-01&nam=2024"
contains "officer: the name alone (the namesake is outside their commune)" "$TMP/body" \
    'list="don_vi-ds" value="Chi bộ ấp 1, xã Tân Thiềng" autocomplete'
http "officer: the picker's names" 200 -b "$O" "$BASE/goi-y/don-vi?nam=2024"
contains "officer: listed by the name alone" "$TMP/body" '"Chi bộ ấp 1, xã Tân Thiềng",'
lacks "officer: the other commune is not listed" "$TMP/body" 'Sơn Định'
http "admin: the picker's names" 200 -b "$A" "$BASE/goi-y/don-vi?nam=2024"
contains "admin: the list tells the namesakes apart" "$TMP/body" \
    '"Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Sơn Định"'
contains "admin: both of them" "$TMP/body" '"Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Tân Thiềng"'
# a part's list is remembered for the tree it was made from: a renamed unit
# makes a new tree, and the next list says the new name
printf 'ma_don_vi,ten_don_vi,loai,ma_don_vi_cap_tren\nDB-SD-01,"Chi bộ ấp Mới, xã Sơn Định",cell,DB-SD\n' > "$TMP/u2.csv"
"$LT" import units "$TMP/u2.csv" > "$TMP/import.out" 2>&1 || { bad "renaming the cell again"; cat "$TMP/import.out"; }
http "admin: the picker's names after the renaming" 200 -b "$A" "$BASE/goi-y/don-vi?nam=2024"
contains "...lists the new name" "$TMP/body" '"Chi bộ ấp Mới, xã Sơn Định"'
lacks "...and the old namesakes no more" "$TMP/body" 'Chi bộ ấp 1, xã Tân Thiềng — Đảng bộ xã Sơn Định'
stop_server
finish
