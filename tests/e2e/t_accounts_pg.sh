#!/bin/sh
# t_accounts_pg.sh — t_accounts.sh on PostgreSQL (issue 24): members' accounts made in bulk with their slips, listed, reset, disabled, activated and given roles, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_accounts.sh
