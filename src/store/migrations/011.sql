-- @version 11 --------------------------------------------------------------
-- Every change to registration_tally as a row of differences, in order: a
-- cached year of indicators is brought up to date by adding the changes
-- logged since it was computed, instead of being computed again
-- (indicators.c).  The tally's rows are upserted by (year, unit_id) and
-- never change key.  The last 100,000 changes are kept; an older result
-- is computed again.  Ids are never reused (AUTOINCREMENT), so a result's
-- place in the log stays a place even if the log is emptied.
CREATE TABLE tally_change (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    year          INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL,
    required      INTEGER NOT NULL,
    registered    INTEGER NOT NULL,
    key_required  INTEGER NOT NULL,
    key_published INTEGER NOT NULL,
    submitted     INTEGER NOT NULL,
    approved      INTEGER NOT NULL,
    excellent     INTEGER NOT NULL,
    good          INTEGER NOT NULL,
    completed     INTEGER NOT NULL,
    not_completed INTEGER NOT NULL
);
CREATE TRIGGER tally_change_insert AFTER INSERT ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed)
    VALUES (NEW.year, NEW.unit_id, NEW.required, NEW.registered, NEW.key_required,
        NEW.key_published, NEW.submitted, NEW.approved, NEW.excellent, NEW.good,
        NEW.completed, NEW.not_completed);
END;
CREATE TRIGGER tally_change_update AFTER UPDATE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed)
    VALUES (NEW.year, NEW.unit_id, NEW.required - OLD.required, NEW.registered - OLD.registered,
        NEW.key_required - OLD.key_required, NEW.key_published - OLD.key_published,
        NEW.submitted - OLD.submitted, NEW.approved - OLD.approved,
        NEW.excellent - OLD.excellent, NEW.good - OLD.good, NEW.completed - OLD.completed,
        NEW.not_completed - OLD.not_completed);
END;
CREATE TRIGGER tally_change_delete AFTER DELETE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed)
    VALUES (OLD.year, OLD.unit_id, -OLD.required, -OLD.registered, -OLD.key_required,
        -OLD.key_published, -OLD.submitted, -OLD.approved, -OLD.excellent, -OLD.good,
        -OLD.completed, -OLD.not_completed);
END;
CREATE TRIGGER tally_change_prune AFTER INSERT ON tally_change WHEN NEW.id % 1000 = 0 BEGIN
    DELETE FROM tally_change WHERE id <= NEW.id - 100000;
END;
