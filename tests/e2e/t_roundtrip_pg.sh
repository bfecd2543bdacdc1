#!/bin/sh
# t_roundtrip_pg.sh — t_roundtrip.sh on PostgreSQL (issue 24): the demo's units, people, registrations and deployments exported from a copy of the demo in the run's cluster (lib.sh: demo_database) and imported into a new database there give every unit the same figures in every year and range, and importing them again changes nothing.
LT_ENGINE=postgresql
. tests/e2e/t_roundtrip.sh
