# t_crash_pg.sh — t_crash.sh on PostgreSQL (issue 24): kill -9 of lamtheo
# during imports and web writes on a copy of the demo in the run's cluster;
# after each, check passes, the import is whole or absent, and every write
# acknowledged to a client is there.
LT_ENGINE=postgresql exec sh tests/crash/crash.sh "${CRASH_ROUNDS:-6}"
