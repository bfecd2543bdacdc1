-- @version 14 --------------------------------------------------------------
-- Membership over time (DESIGN §2).  A person's history is a run of rows
-- that never overlap: the unit where they register and are counted, with
-- the position and flags they had, from valid_from to valid_to (inclusive;
-- NULL = open).  A transfer closes one row and opens the next; leaving
-- closes the last; a change of position or flags on a day does the same
-- with the unit unchanged.  person.unit_id, position, key_cadre and head
-- are the last row's (domain/membership.c writes both).
--
-- Year Y counts the row that covers Y's reference date: the year-end
-- review date of Y's setup when it falls in Y, else 31 December Y.  So a
-- row counts in the years first_year..last_year of membership_years, and
-- nothing dated after a year's reference date changes that year.
ALTER TABLE person ADD COLUMN party_joined_on TEXT;
ALTER TABLE person ADD COLUMN workplace TEXT NOT NULL DEFAULT '';
CREATE TABLE membership (
    person_id  INTEGER NOT NULL REFERENCES person(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    position   TEXT NOT NULL DEFAULT '',
    key_cadre  INTEGER NOT NULL DEFAULT 0 CHECK (key_cadre IN (0, 1)),
    head       INTEGER NOT NULL DEFAULT 0 CHECK (head IN (0, 1)),
    PRIMARY KEY (person_id, valid_from)
) WITHOUT ROWID;
CREATE INDEX membership_by_unit ON membership(unit_id, valid_from, valid_to);

-- A registration counts where its person's row of its year is, with that
-- row's flags: unit_id, required (the person must register that year) and
-- key_cadre are kept so by the triggers below ("realign"); a registration
-- of a year with no row of its person keeps the unit it was written in.
-- The tallies then read registrations alone.
ALTER TABLE registration ADD COLUMN required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE registration ADD COLUMN key_cadre INTEGER NOT NULL DEFAULT 0;

-- A year's reference date as its setup gives it: the review date when it
-- falls in the year (NULL otherwise: 31 December, written where it is read).
ALTER TABLE year_setup ADD COLUMN reference_date TEXT GENERATED ALWAYS AS
    (CASE WHEN substr(review_deadline, 1, 4) = printf('%04d', year) THEN review_deadline END) VIRTUAL;

-- The upgrade: every person gets rows that give every existing report the
-- figures it gave before.  Before, a person counted in each year from
-- their active_from's to their active_to's (at the unit of their
-- registration of the year if they had one, else at their own unit), so:
-- from 1 January of the later of that first year and the earliest year
-- the database knows, to 31 December of the last year (or open), split
-- where a registration of a year sits in another unit.
INSERT INTO membership(person_id, valid_from, valid_to, unit_id, position, key_cadre, head)
WITH RECURSIVE
known(e) AS (SELECT coalesce(min(y), CAST(strftime('%Y', 'now') AS INTEGER)) FROM (
    SELECT min(year) AS y FROM registration UNION ALL SELECT min(year) FROM deployment
    UNION ALL SELECT min(year) FROM topic UNION ALL SELECT min(year) FROM year_setup)),
span AS (SELECT id, unit_id, max(CAST(substr(active_from, 1, 4) AS INTEGER), (SELECT e FROM known)) AS e,
                CAST(substr(active_to, 1, 4) AS INTEGER) AS l FROM person),
bounds AS (SELECT id, unit_id, CASE WHEN l < e THEN l ELSE e END AS e, l FROM span),
moved AS (SELECT b.id, r.year, r.unit_id FROM bounds b JOIN registration r ON r.person_id = b.id
          WHERE r.unit_id <> b.unit_id AND r.year >= b.e AND (b.l IS NULL OR r.year <= b.l)),
lim AS (SELECT b.id, b.unit_id, b.e, b.l,
               CASE WHEN b.l IS NULL THEN max(m.year) + 1 ELSE min(max(m.year) + 1, b.l) END AS x
        FROM bounds b JOIN moved m ON m.id = b.id GROUP BY b.id),
yrs(id, y) AS (SELECT id, e FROM lim UNION ALL
               SELECT yrs.id, yrs.y + 1 FROM yrs JOIN lim ON lim.id = yrs.id WHERE yrs.y < lim.x),
unit_of AS (SELECT yrs.id, yrs.y, coalesce((SELECT unit_id FROM moved m WHERE m.id = yrs.id
                                            AND m.year = yrs.y), lim.unit_id) AS u
            FROM yrs JOIN lim ON lim.id = yrs.id),
isl AS (SELECT id, u, y, y - row_number() OVER (PARTITION BY id, u ORDER BY y) AS g FROM unit_of),
seg AS (SELECT id, u, min(y) AS f, max(y) AS t FROM isl GROUP BY id, u, g)
SELECT s.id, s.f || '-01-01',
       CASE WHEN s.t < lim.x THEN s.t || '-12-31' WHEN lim.l IS NULL THEN NULL ELSE lim.l || '-12-31' END,
       s.u, p.position, p.key_cadre, p.head
FROM seg s JOIN lim ON lim.id = s.id JOIN person p ON p.id = s.id
UNION ALL
SELECT b.id, b.e || '-01-01', CASE WHEN b.l IS NULL THEN NULL ELSE b.l || '-12-31' END,
       b.unit_id, p.position, p.key_cadre, p.head
FROM bounds b JOIN person p ON p.id = b.id WHERE b.id NOT IN (SELECT id FROM moved);

-- The years a row counts in (first_year > last_year: none).
CREATE VIEW membership_years AS
SELECT person_id, valid_from, valid_to, unit_id, key_cadre,
       fy + (coalesce((SELECT reference_date FROM year_setup WHERE year = fy), fy || '-12-31')
             < valid_from) AS first_year,
       CASE WHEN valid_to IS NULL THEN 9999
            ELSE ly - (coalesce((SELECT reference_date FROM year_setup WHERE year = ly),
                                ly || '-12-31') > valid_to) END AS last_year
FROM (SELECT m.*, CAST(substr(valid_from, 1, 4) AS INTEGER) AS fy,
             CAST(substr(valid_to, 1, 4) AS INTEGER) AS ly FROM membership m);

-- The row of each registration's person at its year's reference date.
CREATE VIEW registration_place AS
SELECT r.id AS registration_id, coalesce(m.unit_id, r.unit_id) AS unit_id,
       (m.unit_id IS NOT NULL AND p.category <> 'other') AS required,
       coalesce(m.key_cadre, 0) AS key_cadre
FROM (SELECT registration.*, coalesce((SELECT reference_date FROM year_setup y
                                       WHERE y.year = registration.year), year || '-12-31') AS ref
      FROM registration) r
JOIN person p ON p.id = r.person_id
LEFT JOIN membership m ON m.person_id = r.person_id AND m.valid_from <= r.ref
    AND (m.valid_to IS NULL OR m.valid_to >= r.ref);

DROP TRIGGER person_span_add;
DROP TRIGGER person_span_remove;
DROP TRIGGER person_tally_before;
DROP TRIGGER person_tally_after;
DROP TRIGGER registration_tally_add;
DROP TRIGGER registration_tally_remove;
DROP TRIGGER registration_tally_before;
DROP TRIGGER registration_tally_after;
DROP VIEW person_span_of;
DROP VIEW registration_tally_of;

-- Realigning a registration: inserting its id into this view places it.
CREATE VIEW registration_realign AS SELECT id FROM registration WHERE 0;
CREATE TRIGGER registration_realign INSTEAD OF INSERT ON registration_realign BEGIN
    UPDATE registration SET (unit_id, required, key_cadre) = (SELECT unit_id, required, key_cadre
        FROM registration_place WHERE registration_id = NEW.id) WHERE id = NEW.id;
END;
INSERT INTO registration_realign SELECT id FROM registration;

-- What each membership row adds to person_span (nothing if not required).
CREATE VIEW person_span_of AS
SELECT y.person_id, y.valid_from, y.valid_to, y.unit_id, y.first_year, y.last_year, 1 AS people,
       y.key_cadre AS key_cadres
FROM membership_years y JOIN person p ON p.id = y.person_id
WHERE p.category <> 'other' AND y.first_year <= y.last_year;

-- What each registration adds to registration_tally, from its own row:
-- required and key_required are no longer corrections (always 0).
CREATE VIEW registration_tally_of AS
SELECT id AS registration_id, person_id, year, unit_id, 0 AS required,
       required * sub AS registered, 0 AS key_required,
       required * key_cadre * (published_at IS NOT NULL) AS key_published, sub AS submitted,
       (sub AND status <> 'submitted') AS approved,
       grade IS 'excellent' AS excellent, grade IS 'good' AS good,
       grade IS 'completed' AS completed, grade IS 'not_completed' AS not_completed
FROM (SELECT r.*, (status <> 'draft' AND status <> 'returned') AS sub FROM registration r);

DELETE FROM person_span;
INSERT INTO person_span SELECT unit_id, first_year, last_year, sum(people), sum(key_cadres)
    FROM person_span_of GROUP BY 1, 2, 3;
DELETE FROM registration_tally;
INSERT INTO registration_tally SELECT * FROM (SELECT year, unit_id, sum(required), sum(registered),
    sum(key_required), sum(key_published), sum(submitted), sum(approved), sum(excellent),
    sum(good), sum(completed), sum(not_completed) FROM registration_tally_of GROUP BY 1, 2);

-- Shares to add to a tally (negated: to take away), a row each: inserting
-- into these views adds each row into its tally's row (made if missing).
CREATE VIEW person_span_share AS SELECT * FROM person_span WHERE 0;
CREATE TRIGGER person_span_share INSTEAD OF INSERT ON person_span_share BEGIN
    INSERT INTO person_span VALUES (NEW.unit_id, NEW.first_year, NEW.last_year, NEW.people,
                                    NEW.key_cadres)
    ON CONFLICT DO UPDATE SET people = people + excluded.people,
                              key_cadres = key_cadres + excluded.key_cadres;
END;
CREATE VIEW registration_tally_share AS SELECT * FROM registration_tally WHERE 0;
CREATE TRIGGER registration_tally_share INSTEAD OF INSERT ON registration_tally_share BEGIN
    INSERT INTO registration_tally VALUES (NEW.year, NEW.unit_id, NEW.required, NEW.registered,
        NEW.key_required, NEW.key_published, NEW.submitted, NEW.approved, NEW.excellent,
        NEW.good, NEW.completed, NEW.not_completed)
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;

-- The triggers: a tally's share is taken away before what it is counted
-- from changes and added after (the views see the rows of the moment);
-- a registration is realigned (registration_place) after anything that
-- places it changes: its own insertion, its person's rows or category,
-- its year's reference date.
CREATE TRIGGER registration_tally_add AFTER INSERT ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed
        FROM registration_tally_of WHERE registration_id = NEW.id;
    INSERT INTO registration_realign SELECT id FROM registration WHERE id = NEW.id;
END;
CREATE TRIGGER registration_tally_remove BEFORE DELETE ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, -required, -registered,
        -key_required, -key_published, -submitted, -approved, -excellent, -good, -completed,
        -not_completed FROM registration_tally_of WHERE registration_id = OLD.id;
END;
CREATE TRIGGER registration_tally_before BEFORE UPDATE OF person_id, year, unit_id, status,
    grade, published_at, required, key_cadre ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
      OR OLD.required IS NOT NEW.required OR OLD.key_cadre IS NOT NEW.key_cadre
BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, -required, -registered,
        -key_required, -key_published, -submitted, -approved, -excellent, -good, -completed,
        -not_completed FROM registration_tally_of WHERE registration_id = OLD.id;
END;
CREATE TRIGGER registration_tally_after AFTER UPDATE OF person_id, year, unit_id, status,
    grade, published_at, required, key_cadre ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
      OR OLD.required IS NOT NEW.required OR OLD.key_cadre IS NOT NEW.key_cadre
BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed
        FROM registration_tally_of WHERE registration_id = NEW.id;
END;
CREATE TRIGGER membership_add AFTER INSERT ON membership BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, people, key_cadres
        FROM person_span_of WHERE person_id = NEW.person_id AND valid_from = NEW.valid_from;
    INSERT INTO registration_realign SELECT id FROM registration WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER membership_remove BEFORE DELETE ON membership BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, -people, -key_cadres
        FROM person_span_of WHERE person_id = OLD.person_id AND valid_from = OLD.valid_from;
END;
CREATE TRIGGER membership_removed AFTER DELETE ON membership BEGIN
    INSERT INTO registration_realign SELECT id FROM registration WHERE person_id = OLD.person_id;
END;
CREATE TRIGGER membership_change_before BEFORE UPDATE ON membership BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, -people, -key_cadres
        FROM person_span_of WHERE person_id = OLD.person_id AND valid_from = OLD.valid_from;
END;
CREATE TRIGGER membership_change_after AFTER UPDATE ON membership BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, people, key_cadres
        FROM person_span_of WHERE person_id = NEW.person_id AND valid_from = NEW.valid_from;
    INSERT INTO registration_realign SELECT id FROM registration WHERE person_id = NEW.person_id;
END;
CREATE TRIGGER person_category_before BEFORE UPDATE OF category ON person
    WHEN OLD.category IS NOT NEW.category
BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, -people, -key_cadres
        FROM person_span_of WHERE person_id = OLD.id;
END;
CREATE TRIGGER person_category_after AFTER UPDATE OF category ON person
    WHEN OLD.category IS NOT NEW.category
BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, people, key_cadres
        FROM person_span_of WHERE person_id = NEW.id;
    INSERT INTO registration_realign SELECT id FROM registration WHERE person_id = NEW.id;
END;
-- A year's reference date changes (its setup is written or removed): the
-- rows whose first or last year it is are counted again, and the year's
-- registrations placed again.  Each trigger inserts (year, -1) before and
-- (year, 1) after into this view, whose INSTEAD OF trigger does it.
CREATE VIEW year_reference_change AS SELECT 0 AS year, 0 AS sign WHERE 0;
CREATE TRIGGER year_reference_change INSTEAD OF INSERT ON year_reference_change BEGIN
    INSERT INTO person_span_share SELECT unit_id, first_year, last_year, NEW.sign * people,
        NEW.sign * key_cadres FROM person_span_of
        WHERE substr(valid_from, 1, 4) = printf('%04d', NEW.year)
           OR substr(valid_to, 1, 4) = printf('%04d', NEW.year);
    INSERT INTO registration_realign SELECT id FROM registration
        WHERE NEW.sign > 0 AND year = NEW.year;
END;
CREATE TRIGGER year_ref_insert_before BEFORE INSERT ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, -1); END;
CREATE TRIGGER year_ref_insert_after AFTER INSERT ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, 1); END;
CREATE TRIGGER year_ref_update_before BEFORE UPDATE OF review_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, -1); END;
CREATE TRIGGER year_ref_update_after AFTER UPDATE OF review_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, 1); END;
CREATE TRIGGER year_ref_delete_before BEFORE DELETE ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (OLD.year, -1); END;
CREATE TRIGGER year_ref_delete_after AFTER DELETE ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (OLD.year, 1); END;
