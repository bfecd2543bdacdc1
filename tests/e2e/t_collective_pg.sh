#!/bin/sh
# t_collective_pg.sh — t_collective.sh on PostgreSQL (issue 24): a cell's collective registration written, returned, approved, published, self-assessed and evaluated by who may, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_collective.sh
