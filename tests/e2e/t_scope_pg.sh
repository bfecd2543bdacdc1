#!/bin/sh
# t_scope_pg.sh — t_scope.sh on PostgreSQL (issue 24): every GET route a viewer and an officer
# of xã Sơn Định may use names nothing outside its subtree, and xã Chợ Lách's officer gets
# nothing of 2020, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_scope.sh
