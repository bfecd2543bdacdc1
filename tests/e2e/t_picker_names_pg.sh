#!/bin/sh
# t_picker_names_pg.sh — t_picker_names.sh on PostgreSQL (issue 24): a unit's
# name shared with another carries the unit above in the unit picker, only
# where the reader sees both, on a copy of the demo in the run's cluster
# (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_picker_names.sh
