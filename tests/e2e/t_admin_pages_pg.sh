#!/bin/sh
# t_admin_pages_pg.sh — t_admin_pages.sh on PostgreSQL (issue 24): the audit log's page, the
# year setup, an officer's exports of their own subtree and a request refused before the
# router, against a server on a copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_admin_pages.sh
