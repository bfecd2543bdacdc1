#!/bin/sh
# demo.sh — creates the demo database (Chợ Lách district, 2016–2021) in
# ./demo/lamtheo.db, anew each time, and prints its 2020 report.
set -e
mkdir -p demo
rm -f demo/lamtheo.db demo/lamtheo.db-wal demo/lamtheo.db-shm
./build/lamtheo --db demo/lamtheo.db init --demo
echo
echo "Cơ sở dữ liệu mẫu / demo database: demo/lamtheo.db"
echo "  ./build/lamtheo --db demo/lamtheo.db report --year 2020 --format json"
