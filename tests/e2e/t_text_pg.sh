#!/bin/sh
# t_text_pg.sh — t_text.sh on PostgreSQL (issue 24): control characters refused on every input path and made harmless by every document writer, download names from any code, and bad UTF-8 bytes reported one by one, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_text.sh
