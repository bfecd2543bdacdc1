#!/bin/sh
# t_import_pg.sh — t_import.sh on PostgreSQL (issue 24): the files offices send imported from the
# command line (Excel's CSV, XLSX, legacy encodings, large files in one batch), all or nothing
# with every problem at its line, re-imports and exports that change nothing, on new databases in
# the run's cluster (lib.sh: pg_database).
LT_ENGINE=postgresql
. tests/e2e/t_import.sh
