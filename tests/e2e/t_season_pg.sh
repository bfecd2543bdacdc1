#!/bin/sh
# t_season_pg.sh — t_season.sh on PostgreSQL (issue 24): the season
# benchmark's load client for a few seconds against a server on the demo
# with the season's accounts, copied into the run's cluster (lamtheo migrate:
# the bench's setup writes SQLite's file), and the database holding exactly
# the writes acknowledged.
LT_ENGINE=postgresql
. tests/e2e/t_season.sh
