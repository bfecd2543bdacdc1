-- @version 16 --------------------------------------------------------------
-- The account lifecycle (DESIGN §2 "account"): an account is pending (it
-- has a one-time activation code, kept as a keyed hash with the day it
-- expires, and no password yet), active or disabled; and when it last
-- logged in.  The key of the codes' hash is the installation's own, in
-- setting (made at the first code).
ALTER TABLE account ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
    CHECK (status IN ('pending', 'active', 'disabled'));
ALTER TABLE account ADD COLUMN code_hash TEXT;
ALTER TABLE account ADD COLUMN code_expires TEXT;
ALTER TABLE account ADD COLUMN last_login TEXT;
CREATE INDEX account_by_person ON account(person_id);
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
