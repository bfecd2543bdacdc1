#!/bin/sh
# t_reports_pg.sh — t_reports.sh on PostgreSQL (issue 24): the report as HTML, XLSX, DOCX and
# PDF with the demo's figures, the forms and the list exports, read back, on a copy of the
# demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_reports.sh
