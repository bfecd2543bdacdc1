#!/bin/sh
# t_leaders_pg.sh — t_leaders.sh on PostgreSQL (issue 24): key cadres' earlier deadline counted in the reports and on the dashboard, the year setup's key-cadre deadline, and the leaders a member waits for, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_leaders.sh
