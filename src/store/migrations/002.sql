-- @version 2 ---------------------------------------------------------------
-- Sessions and login throttling for the web server.
CREATE TABLE session (token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE, csrf TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX session_by_account ON session(account_id);
CREATE TABLE login_failure (id INTEGER PRIMARY KEY, login TEXT NOT NULL, addr TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX login_failure_by_login ON login_failure(login, at);
