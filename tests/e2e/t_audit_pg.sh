#!/bin/sh
# t_audit_pg.sh — t_audit.sh on PostgreSQL (issue 24): every write route, done once as an admin, leaves the audit rows it should, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_audit.sh
