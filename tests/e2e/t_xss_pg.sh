#!/bin/sh
# t_xss_pg.sh — t_xss.sh on PostgreSQL (issue 24): the same checks against a
# server on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_xss.sh
