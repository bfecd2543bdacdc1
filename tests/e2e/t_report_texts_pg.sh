#!/bin/sh
# t_report_texts_pg.sh — t_report_texts.sh on PostgreSQL (issue 24): the
# report's parts the office writes in the web (drafts, final versions, every
# version kept, who may write) and the reports that quote them, on a copy of
# the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_report_texts.sh
