-- @version 21 --------------------------------------------------------------
-- The expired sessions that each login sweeps away are found by an index:
-- without it every login read the whole session table, and in the
-- registration season (bench/season.sh: hundreds of logins a second and
-- tens of thousands of sessions) logins took a fifth of the server's time
-- and grew slower as sessions piled up.
CREATE INDEX session_by_expiry ON session(expires_at);
