#!/bin/sh
# t_stop_pg.sh — t_stop.sh on PostgreSQL (issue 24): the graceful stop during
# a stream of writes (requests in flight finished, every acknowledged write
# in the database, a second signal, an idle connection), on a copy of the
# demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_stop.sh
