#!/bin/sh
# demo.sh — creates the demo database (Chợ Lách district, 2016–2021) in
# ./demo/lamtheo.db, anew each time, prints its 2020 report and the demo
# logins, and starts the web server on it (Ctrl-C stops it).
set -e
mkdir -p demo
rm -f demo/lamtheo.db demo/lamtheo.db-wal demo/lamtheo.db-shm
./build/lamtheo --db demo/lamtheo.db init --demo
echo
echo "Mở trình duyệt / open http://127.0.0.1:${PORT:-8080}/ (dừng: Ctrl-C / stop: Ctrl-C)"
exec ./build/lamtheo --db demo/lamtheo.db serve --listen "127.0.0.1:${PORT:-8080}"
