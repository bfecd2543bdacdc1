#!/bin/sh
# t_comments_pg.sh — t_comments.sh on PostgreSQL (issue 24): citizens' comments sent, refused, moderated and shown only once approved, on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_comments.sh
