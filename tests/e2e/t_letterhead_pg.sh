#!/bin/sh
# t_letterhead_pg.sh — t_letterhead.sh on PostgreSQL (issue 24): each unit's letterhead in
# PDF, DOCX, HTML and XLSX, the forms, and the web's own letterhead and download form, on a
# copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_letterhead.sh
