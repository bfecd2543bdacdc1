#!/bin/sh
# t_authz_pg.sh — the authorisation matrix of t_authz.sh on PostgreSQL
# (issue 24): every route × every role × an object in and out of scope,
# against a server on a copy of the demo in the run's cluster (lib.sh:
# pg_demo), answered as on SQLite.
LT_ENGINE=postgresql
. tests/e2e/t_authz.sh
