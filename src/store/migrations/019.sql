-- @version 19 --------------------------------------------------------------
-- Citizens' comments on a published registration (ý kiến của Nhân dân,
-- DESIGN §1 item 11): a comment waits until an officer of the person's
-- unit approves it (then it is public, with the officer's answer if any)
-- or hides it.  `sender` is a keyed hash of the sender's address (the key
-- in setting 'comment_key'), kept only to limit how many comments one
-- address sends an hour: the address itself is never stored.
CREATE TABLE comment (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id),
    author          TEXT NOT NULL,
    place           TEXT NOT NULL DEFAULT '',     -- village, ward; may be ''
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL,                -- UTC, ISO 8601
    sender          TEXT NOT NULL,                -- keyed hash of the address (hex)
    status          TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'approved', 'hidden')),
    decided_by      TEXT,
    decided_at      TEXT,                         -- UTC, ISO 8601
    answer          TEXT,
    answered_by     TEXT,
    answered_at     TEXT                          -- UTC, ISO 8601
);
CREATE INDEX comment_by_registration ON comment(registration_id, status, id);
CREATE INDEX comment_by_status ON comment(status, registration_id);
CREATE INDEX comment_by_sender ON comment(sender, created_at);
