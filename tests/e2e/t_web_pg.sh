#!/bin/sh
# t_web_pg.sh — t_web.sh on PostgreSQL (issue 24): login, the registration workflow as each
# role, CSRF, scope, the public pages, the JSON API, headers and well-formed pages, on a copy
# of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_web.sh
