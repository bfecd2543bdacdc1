#!/bin/sh
# t_import_web_pg.sh — t_import_web.sh on PostgreSQL (issue 24): import in the browser, its
# templates, an office's spreadsheet checked and previewed, nothing written until confirmed,
# against a server on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_import_web.sh
