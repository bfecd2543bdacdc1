#!/bin/sh
# t_login_pg.sh — t_login.sh on PostgreSQL (issue 24): every failed login recorded however it
# was made, and the throttle by login and by address, on a new database in the run's cluster
# (lib.sh: pg_database).
LT_ENGINE=postgresql
. tests/e2e/t_login.sh
