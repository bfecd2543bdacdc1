#!/bin/sh
# t_pages_guide_pg.sh — t_pages_guide.sh on PostgreSQL (issue 24): units chosen by name, forms
# that come back with their mistake, each role's home page and the dashboard's counts, against
# a server on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_pages_guide.sh
