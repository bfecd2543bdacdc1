#!/bin/sh
# t_bulletin_pg.sh — t_bulletin.sh on PostgreSQL (issue 24): the loudspeaker
# bulletin's script and audio, drafts and ordinary members kept out of
# everything public, and the server's bounded cache of public MP3s, on a
# copy of the demo in the run's cluster (lib.sh: demo_database).
LT_ENGINE=postgresql
. tests/e2e/t_bulletin.sh
