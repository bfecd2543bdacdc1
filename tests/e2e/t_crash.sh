# t_crash.sh — a few rounds of tests/crash/crash.sh (kill -9 during imports
# and web writes, backup during writes and restore); `make crash` runs 200.
exec sh tests/crash/crash.sh "${CRASH_ROUNDS:-6}"
