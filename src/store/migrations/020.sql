-- @version 20 --------------------------------------------------------------
-- Leaders first and collective registrations (DESIGN §1 items 9-10, §3).
--
-- "Trên trước, dưới sau": a year's setup may give key cadres an earlier
-- registration deadline (year_setup.key_deadline).  A registration keeps
-- the day (in Vietnam) it was first submitted, and the tally counts the
-- key cadres required to register whose registration is submitted and was
-- first submitted on or before that deadline (key_on_time).  A change of
-- the deadline takes the year's shares away and adds them again, as a
-- change of its reference date does.
ALTER TABLE year_setup ADD COLUMN key_deadline TEXT;
ALTER TABLE registration ADD COLUMN submitted_on TEXT;
UPDATE registration SET submitted_on = (SELECT date(min(t.at), '+7 hours')
    FROM registration_transition t WHERE t.registration_id = registration.id
    AND t.to_status = 'submitted');
ALTER TABLE registration_tally ADD COLUMN key_on_time INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tally_change ADD COLUMN key_on_time INTEGER NOT NULL DEFAULT 0;

DROP VIEW registration_tally_of;
CREATE VIEW registration_tally_of AS
SELECT id AS registration_id, person_id, year, unit_id, 0 AS required,
       required * sub AS registered, 0 AS key_required,
       required * key_cadre * (published_at IS NOT NULL) AS key_published, sub AS submitted,
       (sub AND status <> 'submitted') AS approved,
       grade IS 'excellent' AS excellent, grade IS 'good' AS good,
       grade IS 'completed' AS completed, grade IS 'not_completed' AS not_completed,
       required * key_cadre * sub * coalesce(submitted_on <= (SELECT key_deadline FROM year_setup y
           WHERE y.year = r.year), 0) AS key_on_time
FROM (SELECT r.*, (status <> 'draft' AND status <> 'returned') AS sub FROM registration r) r;

DROP TRIGGER registration_tally_share;
CREATE TRIGGER registration_tally_share INSTEAD OF INSERT ON registration_tally_share BEGIN
    INSERT INTO registration_tally VALUES (NEW.year, NEW.unit_id, NEW.required, NEW.registered,
        NEW.key_required, NEW.key_published, NEW.submitted, NEW.approved, NEW.excellent,
        NEW.good, NEW.completed, NEW.not_completed, NEW.key_on_time)
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed,
        key_on_time = key_on_time + excluded.key_on_time;
END;

DROP TRIGGER registration_tally_add;
CREATE TRIGGER registration_tally_add AFTER INSERT ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed, key_on_time
        FROM registration_tally_of WHERE registration_id = NEW.id;
    INSERT INTO registration_realign SELECT id FROM registration WHERE id = NEW.id;
END;

DROP TRIGGER registration_tally_remove;
CREATE TRIGGER registration_tally_remove BEFORE DELETE ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, -required, -registered,
        -key_required, -key_published, -submitted, -approved, -excellent, -good, -completed,
        -not_completed, -key_on_time FROM registration_tally_of WHERE registration_id = OLD.id;
END;

DROP TRIGGER registration_tally_before;
CREATE TRIGGER registration_tally_before BEFORE UPDATE OF person_id, year, unit_id, status,
    grade, published_at, required, key_cadre, submitted_on ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
      OR OLD.required IS NOT NEW.required OR OLD.key_cadre IS NOT NEW.key_cadre
      OR OLD.submitted_on IS NOT NEW.submitted_on
BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, -required, -registered,
        -key_required, -key_published, -submitted, -approved, -excellent, -good, -completed,
        -not_completed, -key_on_time FROM registration_tally_of WHERE registration_id = OLD.id;
END;

DROP TRIGGER registration_tally_after;
CREATE TRIGGER registration_tally_after AFTER UPDATE OF person_id, year, unit_id, status,
    grade, published_at, required, key_cadre, submitted_on ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
      OR OLD.required IS NOT NEW.required OR OLD.key_cadre IS NOT NEW.key_cadre
      OR OLD.submitted_on IS NOT NEW.submitted_on
BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed, key_on_time
        FROM registration_tally_of WHERE registration_id = NEW.id;
END;

DROP TRIGGER tally_change_insert;
CREATE TRIGGER tally_change_insert AFTER INSERT ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (NEW.year, NEW.unit_id, NEW.required, NEW.registered, NEW.key_required,
        NEW.key_published, NEW.submitted, NEW.approved, NEW.excellent, NEW.good,
        NEW.completed, NEW.not_completed, NEW.key_on_time);
END;

DROP TRIGGER tally_change_update;
CREATE TRIGGER tally_change_update AFTER UPDATE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (NEW.year, NEW.unit_id, NEW.required - OLD.required, NEW.registered - OLD.registered,
        NEW.key_required - OLD.key_required, NEW.key_published - OLD.key_published,
        NEW.submitted - OLD.submitted, NEW.approved - OLD.approved,
        NEW.excellent - OLD.excellent, NEW.good - OLD.good, NEW.completed - OLD.completed,
        NEW.not_completed - OLD.not_completed, NEW.key_on_time - OLD.key_on_time);
END;

DROP TRIGGER tally_change_delete;
CREATE TRIGGER tally_change_delete AFTER DELETE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (OLD.year, OLD.unit_id, -OLD.required, -OLD.registered, -OLD.key_required,
        -OLD.key_published, -OLD.submitted, -OLD.approved, -OLD.excellent, -OLD.good,
        -OLD.completed, -OLD.not_completed, -OLD.key_on_time);
END;

-- A year setup that moves the year's reference date or its key cadres'
-- deadline: the year's key cadres on time are taken away before and added
-- after (before the registrations are placed again).
DROP TRIGGER year_reference_change;
CREATE TRIGGER year_reference_change INSTEAD OF INSERT ON year_reference_change BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, NEW.sign * people,
        NEW.sign * key_cadres FROM person_span_of
        WHERE substr(valid_from, 1, 4) = printf('%04d', NEW.year)
           OR substr(valid_to, 1, 4) = printf('%04d', NEW.year);
    INSERT INTO registration_tally_share SELECT year, unit_id, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        NEW.sign * key_on_time FROM registration_tally_of WHERE year = NEW.year AND key_on_time;
    INSERT INTO registration_realign SELECT id FROM registration
        WHERE NEW.sign > 0 AND year = NEW.year;
END;

DROP TRIGGER year_ref_update_before;
CREATE TRIGGER year_ref_update_before BEFORE UPDATE OF review_deadline, key_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline OR OLD.key_deadline IS NOT NEW.key_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, -1); END;

DROP TRIGGER year_ref_update_after;
CREATE TRIGGER year_ref_update_after AFTER UPDATE OF review_deadline, key_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline OR OLD.key_deadline IS NOT NEW.key_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, 1); END;

-- A party organisation's collective registration of a year (đăng ký tập
-- thể, DESIGN §1 item 9): items of what the unit will do, written and
-- submitted by the unit's officer, approved (or returned with a reason),
-- at year end evaluated by an officer of the level above; the same
-- statuses as a person's registration, every change kept.
CREATE TABLE collective (
    id            INTEGER PRIMARY KEY,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    year          INTEGER NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted',
                      'returned', 'approved', 'published', 'self_assessed', 'evaluated')),
    return_reason TEXT,
    submitted_at  TEXT,                           -- UTC, ISO 8601: the first submission
    approved_by   TEXT,
    approved_at   TEXT,
    published_at  TEXT,
    grade         TEXT CHECK (grade IN ('excellent', 'good', 'completed', 'not_completed')),
    evaluated_by  TEXT,
    evaluated_at  TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (unit_id, year)
);
-- (read by the indicators: the year's collective registrations submitted)
CREATE INDEX collective_by_year ON collective(year, unit_id, status);

-- Its items: what the unit will do to follow the year's topic (group
-- 'topic'), its breakthrough contents ('breakthrough'), or 'other'.
CREATE TABLE collective_item (
    id              INTEGER PRIMARY KEY,
    collective_id   INTEGER NOT NULL REFERENCES collective(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL,
    item_group      TEXT NOT NULL DEFAULT 'topic' CHECK (item_group IN ('topic', 'breakthrough',
                        'other')),
    deadline        TEXT,
    assessment      TEXT CHECK (assessment IN ('done', 'partly', 'not_done')),
    assessment_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX collective_item_by_collective ON collective_item(collective_id, position);

CREATE TABLE collective_transition (
    id            INTEGER PRIMARY KEY,
    collective_id INTEGER NOT NULL REFERENCES collective(id) ON DELETE CASCADE,
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    actor         TEXT NOT NULL,
    at            TEXT NOT NULL,
    reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX collective_transition_by_collective ON collective_transition(collective_id);
