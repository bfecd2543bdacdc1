#!/bin/sh
# t_membership_pg.sh — t_membership.sh on PostgreSQL (issue 24): people over time, past years' figures unmoved by what is dated after them, transfers and leavings on the command line, by import, in the browser and through the API, and check's findings, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_membership.sh
