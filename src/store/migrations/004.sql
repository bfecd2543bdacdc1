-- @version 4 ---------------------------------------------------------------
-- Each file of this folder is the migration from the version before it,
-- run as is by an older database (store/schema.c); the statements that
-- fill new tables or columns from the data already there are part of it.
-- (tests/fixtures/schema_v3.sql and the files up to N are version N's
-- schema, which tests/e2e/t_store.sh upgrades from.)  The tallies are
-- what the indicators read instead of scanning
-- every person and registration: they are kept exact by triggers on every
-- write, and `lamtheo check` compares them with a fresh count.

-- People who must register (category other than 'other'), per unit and
-- span of active years: a person active from 2019-05-01 with no end
-- counts in (unit, 2019, 9999).  The people required in year Y at a unit
-- are the rows with first_year <= Y <= last_year.
CREATE TABLE person_span (
    unit_id    INTEGER NOT NULL,
    first_year INTEGER NOT NULL,
    last_year  INTEGER NOT NULL,
    people     INTEGER NOT NULL,
    key_cadres INTEGER NOT NULL,
    PRIMARY KEY (unit_id, first_year, last_year)
) WITHOUT ROWID;

-- Per year and unit: the registrations' counts, and the correction that
-- moves a registered person from their own unit to the unit of their
-- registration (people required and key cadres: -1 at the person's unit,
-- +1 at the registration's unit, when the person is required that year).
CREATE TABLE registration_tally (
    year          INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL,
    required      INTEGER NOT NULL,   -- correction to person_span.people
    registered    INTEGER NOT NULL,   -- required people with status >= submitted
    key_required  INTEGER NOT NULL,   -- correction to person_span.key_cadres
    key_published INTEGER NOT NULL,
    submitted     INTEGER NOT NULL,   -- registrations with status >= submitted
    approved      INTEGER NOT NULL,   -- registrations with status >= approved
    excellent     INTEGER NOT NULL,
    good          INTEGER NOT NULL,
    completed     INTEGER NOT NULL,
    not_completed INTEGER NOT NULL,
    PRIMARY KEY (year, unit_id)
) WITHOUT ROWID;

-- What each person adds to person_span (nothing if not required).
CREATE VIEW person_span_of AS
SELECT id AS person_id, unit_id, CAST(substr(active_from, 1, 4) AS INTEGER) AS first_year,
       coalesce(CAST(substr(active_to, 1, 4) AS INTEGER), 9999) AS last_year,
       1 AS people, key_cadre AS key_cadres
FROM person WHERE category <> 'other';

-- What each registration adds to registration_tally: one row at the
-- registration's unit and the correction row at the person's unit.
CREATE VIEW registration_tally_of AS
SELECT id AS registration_id, person_id, year, unit_id, required, required * sub AS registered,
       required * key_cadre AS key_required,
       required * key_cadre * (published_at IS NOT NULL) AS key_published, sub AS submitted,
       status IN ('approved', 'published', 'self_assessed', 'evaluated') AS approved,
       grade IS 'excellent' AS excellent, grade IS 'good' AS good,
       grade IS 'completed' AS completed, grade IS 'not_completed' AS not_completed
FROM (SELECT r.*, p.key_cadre, p.unit_id AS person_unit,
             status IN ('submitted', 'approved', 'published', 'self_assessed', 'evaluated') AS sub,
             (p.category <> 'other' AND CAST(substr(p.active_from, 1, 4) AS INTEGER) <= r.year
              AND coalesce(CAST(substr(p.active_to, 1, 4) AS INTEGER), 9999) >= r.year) AS required
      FROM registration r JOIN person p ON p.id = r.person_id)
UNION ALL
SELECT r.id, r.person_id, r.year, p.unit_id, -1, 0, -p.key_cadre, 0, 0, 0, 0, 0, 0, 0
FROM registration r JOIN person p ON p.id = r.person_id
WHERE p.category <> 'other' AND CAST(substr(p.active_from, 1, 4) AS INTEGER) <= r.year
  AND coalesce(CAST(substr(p.active_to, 1, 4) AS INTEGER), 9999) >= r.year;

-- The triggers add a row's share after it is written, and take it away
-- before the row changes or is deleted (the view still sees the old row).
CREATE TRIGGER person_span_add AFTER INSERT ON person BEGIN
    INSERT INTO person_span SELECT unit_id, first_year, last_year, people, key_cadres
        FROM person_span_of WHERE person_id = NEW.id
    ON CONFLICT DO UPDATE SET people = people + excluded.people,
                              key_cadres = key_cadres + excluded.key_cadres;
END;
CREATE TRIGGER person_span_remove BEFORE DELETE ON person BEGIN
    INSERT INTO person_span SELECT unit_id, first_year, last_year, -people, -key_cadres
        FROM person_span_of WHERE person_id = OLD.id
    ON CONFLICT DO UPDATE SET people = people + excluded.people,
                              key_cadres = key_cadres + excluded.key_cadres;
END;
CREATE TRIGGER person_tally_before BEFORE UPDATE OF unit_id, category, key_cadre, active_from,
    active_to ON person
    WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.category IS NOT NEW.category
      OR OLD.key_cadre IS NOT NEW.key_cadre OR OLD.active_from IS NOT NEW.active_from
      OR OLD.active_to IS NOT NEW.active_to
BEGIN
    INSERT INTO person_span SELECT unit_id, first_year, last_year, -people, -key_cadres
        FROM person_span_of WHERE person_id = OLD.id
    ON CONFLICT DO UPDATE SET people = people + excluded.people,
                              key_cadres = key_cadres + excluded.key_cadres;
    INSERT INTO registration_tally SELECT year, unit_id, -required, -registered, -key_required,
        -key_published, -submitted, -approved, -excellent, -good, -completed, -not_completed
        FROM registration_tally_of WHERE person_id = OLD.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;
CREATE TRIGGER person_tally_after AFTER UPDATE OF unit_id, category, key_cadre, active_from,
    active_to ON person
    WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.category IS NOT NEW.category
      OR OLD.key_cadre IS NOT NEW.key_cadre OR OLD.active_from IS NOT NEW.active_from
      OR OLD.active_to IS NOT NEW.active_to
BEGIN
    INSERT INTO person_span SELECT unit_id, first_year, last_year, people, key_cadres
        FROM person_span_of WHERE person_id = NEW.id
    ON CONFLICT DO UPDATE SET people = people + excluded.people,
                              key_cadres = key_cadres + excluded.key_cadres;
    INSERT INTO registration_tally SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed
        FROM registration_tally_of WHERE person_id = NEW.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;
CREATE TRIGGER registration_tally_add AFTER INSERT ON registration BEGIN
    INSERT INTO registration_tally SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed
        FROM registration_tally_of WHERE registration_id = NEW.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;
CREATE TRIGGER registration_tally_remove BEFORE DELETE ON registration BEGIN
    INSERT INTO registration_tally SELECT year, unit_id, -required, -registered, -key_required,
        -key_published, -submitted, -approved, -excellent, -good, -completed, -not_completed
        FROM registration_tally_of WHERE registration_id = OLD.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;
CREATE TRIGGER registration_tally_before BEFORE UPDATE OF person_id, year, unit_id, status,
    grade, published_at ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
BEGIN
    INSERT INTO registration_tally SELECT year, unit_id, -required, -registered, -key_required,
        -key_published, -submitted, -approved, -excellent, -good, -completed, -not_completed
        FROM registration_tally_of WHERE registration_id = OLD.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;
CREATE TRIGGER registration_tally_after AFTER UPDATE OF person_id, year, unit_id, status,
    grade, published_at ON registration
    WHEN OLD.person_id IS NOT NEW.person_id OR OLD.year IS NOT NEW.year
      OR OLD.unit_id IS NOT NEW.unit_id OR OLD.status IS NOT NEW.status
      OR OLD.grade IS NOT NEW.grade OR (OLD.published_at IS NULL) <> (NEW.published_at IS NULL)
BEGIN
    INSERT INTO registration_tally SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed
        FROM registration_tally_of WHERE registration_id = NEW.id
    ON CONFLICT DO UPDATE SET required = required + excluded.required,
        registered = registered + excluded.registered,
        key_required = key_required + excluded.key_required,
        key_published = key_published + excluded.key_published,
        submitted = submitted + excluded.submitted, approved = approved + excluded.approved,
        excellent = excellent + excluded.excellent, good = good + excluded.good,
        completed = completed + excluded.completed,
        not_completed = not_completed + excluded.not_completed;
END;

-- Deployments of a year, read by the indicators.
CREATE INDEX deployment_by_year ON deployment(year, unit_id);

-- Word indexes of the folded names, for search: "son dinh" finds every
-- name with a word starting "son" and one starting "dinh".  They hold only
-- the index (the text stays in person and unit) and follow every write.
CREATE VIRTUAL TABLE person_name_words USING fts5(name_fold, content='person',
    content_rowid='id', detail=none, columnsize=0);
CREATE VIRTUAL TABLE unit_name_words USING fts5(name_fold, content='unit',
    content_rowid='id', detail=none, columnsize=0);
CREATE TRIGGER person_words_add AFTER INSERT ON person BEGIN
    INSERT INTO person_name_words(rowid, name_fold) VALUES (NEW.id, NEW.name_fold);
END;
CREATE TRIGGER person_words_remove AFTER DELETE ON person BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        VALUES ('delete', OLD.id, OLD.name_fold);
END;
CREATE TRIGGER person_words_change AFTER UPDATE OF name_fold ON person
    WHEN OLD.name_fold IS NOT NEW.name_fold
BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        VALUES ('delete', OLD.id, OLD.name_fold);
    INSERT INTO person_name_words(rowid, name_fold) VALUES (NEW.id, NEW.name_fold);
END;
CREATE TRIGGER unit_words_add AFTER INSERT ON unit BEGIN
    INSERT INTO unit_name_words(rowid, name_fold) VALUES (NEW.id, NEW.name_fold);
END;
CREATE TRIGGER unit_words_remove AFTER DELETE ON unit BEGIN
    INSERT INTO unit_name_words(unit_name_words, rowid, name_fold)
        VALUES ('delete', OLD.id, OLD.name_fold);
END;
CREATE TRIGGER unit_words_change AFTER UPDATE OF name_fold ON unit
    WHEN OLD.name_fold IS NOT NEW.name_fold
BEGIN
    INSERT INTO unit_name_words(unit_name_words, rowid, name_fold)
        VALUES ('delete', OLD.id, OLD.name_fold);
    INSERT INTO unit_name_words(rowid, name_fold) VALUES (NEW.id, NEW.name_fold);
END;

-- People in name order, for listing a large subtree page by page.  (The
-- index on name_fold served no query: LIKE '%word%' cannot use it.)
CREATE INDEX person_by_sort ON person(name_sort);
DROP INDEX person_by_fold;

-- Fill the word indexes and the tallies from the data already there (a
-- migrated database; a new one has none).
INSERT INTO person_name_words(person_name_words) VALUES ('rebuild');
INSERT INTO unit_name_words(unit_name_words) VALUES ('rebuild');
INSERT INTO person_span SELECT unit_id, first_year, last_year, sum(people), sum(key_cadres)
    FROM person_span_of GROUP BY 1, 2, 3;
INSERT INTO registration_tally SELECT year, unit_id, sum(required), sum(registered),
    sum(key_required), sum(key_published), sum(submitted), sum(approved), sum(excellent),
    sum(good), sum(completed), sum(not_completed)
    FROM registration_tally_of GROUP BY 1, 2;
