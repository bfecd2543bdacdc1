-- schema.sql — lamtheo's database as it is today (LT_SCHEMA_VERSION, schema.h), whole: a
-- new database gets this file.  An older one is brought here by the
-- numbered migrations beside it (store/migrations/NNN.sql: NNN brings
-- version NNN - 1 to NNN, forward only), and then has exactly these
-- tables, indexes, views and triggers (tests/e2e/t_store.sh).  A change
-- to the schema is made in both: here, and in a new migration; and, for
-- PostgreSQL, in schema_pg.sql beside it (test_pg compares the two).
-- Dates are ISO text 'yyyy-mm-dd'; years are integers; text is NFC UTF-8;
-- *_fold columns hold the search fold (no case, no diacritics, đ -> d).

-- Party organisations, agencies and mass organisations, as a tree that
-- changes over time.  The parent of a unit for a given time is in
-- unit_parent, so a unit can move (the 2025 reorganisation moved
-- grassroots committees from districts to provinces) while history stays.
CREATE TABLE unit (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,          -- stable, user-visible
    name        TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('central', 'province', 'district',
                    'grassroots_committee', 'grassroots_cell', 'cell', 'agency', 'mass_org')),
    active_from TEXT NOT NULL DEFAULT '1930-02-03',
    active_to   TEXT,                           -- last active day; NULL = still active
    note        TEXT NOT NULL DEFAULT '',
    name_sort   TEXT NOT NULL DEFAULT ''         -- Vietnamese order: vi_key(name), a BLOB, by trigger
);

-- The parent of a unit from valid_from to valid_to (inclusive; NULL = open).
CREATE TABLE unit_parent (
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    parent_id  INTEGER NOT NULL REFERENCES unit(id),
    valid_from TEXT NOT NULL,
    valid_to   TEXT,
    PRIMARY KEY (unit_id, valid_from)
) WITHOUT ROWID;

CREATE INDEX unit_parent_by_parent ON unit_parent(parent_id);

-- Merges: a closed unit and the unit(s) it was merged into.  A range report
-- carries the history of a unit into its first successor.
CREATE TABLE unit_merge (
    unit_id      INTEGER NOT NULL REFERENCES unit(id),
    successor_id INTEGER NOT NULL REFERENCES unit(id),
    merged_on    TEXT NOT NULL,
    PRIMARY KEY (unit_id, successor_id)
) WITHOUT ROWID;
CREATE INDEX unit_merge_by_successor ON unit_merge(successor_id); -- the units merged into one

-- Cadres, party members, civil servants, public employees and workers.
-- Their membership over time is in membership; unit_id, position,
-- key_cadre and head here are their last row's (domain/membership.c
-- writes both), active_from and active_to its first and last days.
CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    full_name   TEXT NOT NULL,
    name_fold   TEXT NOT NULL,
    name_sort   TEXT NOT NULL,                  -- Vietnamese order: given, middle, family (a BLOB)
    birth_date  TEXT,
    gender      TEXT CHECK (gender IN ('male', 'female', 'other')),
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    position    TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL CHECK (category IN ('party_member', 'cadre', 'civil_servant',
                    'public_employee', 'worker', 'other')),
    key_cadre   INTEGER NOT NULL DEFAULT 0 CHECK (key_cadre IN (0, 1)),
    head        INTEGER NOT NULL DEFAULT 0 CHECK (head IN (0, 1)),
    active_from TEXT NOT NULL DEFAULT '1900-01-01',
    active_to   TEXT,
    name_rank   INTEGER,                        -- place in the name search (name_rank_of)
    party_joined_on TEXT,                       -- party members: the day admitted
    workplace   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX person_by_unit ON person(unit_id);

-- The yearly thematic topic, issued by a unit (the Centre, or a province
-- since 2022).  A unit deploys the topic of its nearest issuing ancestor.
CREATE TABLE topic (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id),
    year        INTEGER NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    source_doc  TEXT NOT NULL DEFAULT '',
    title_unconfirmed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (unit_id, year)
);
CREATE INDEX topic_by_year ON topic(year); -- the years a page offers, a seek each

-- The opening of a year: deadlines for registration, mid-year check and review.
CREATE TABLE year_setup (
    year                  INTEGER PRIMARY KEY,
    registration_deadline TEXT,
    midyear_deadline      TEXT,
    review_deadline       TEXT,
    -- the year's reference date as the setup gives it: the review date when
    -- it falls in the year (NULL otherwise: 31 December, written where read)
    reference_date        TEXT GENERATED ALWAYS AS
        (CASE WHEN substr(review_deadline, 1, 4) = printf('%04d', year) THEN review_deadline END) VIRTUAL,
    -- key cadres' registration deadline, before everyone else's (DESIGN §1 item 10)
    key_deadline          TEXT
);

-- A party organisation's deployment of the year's topic.
CREATE TABLE deployment (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    year      INTEGER NOT NULL,
    held_on   TEXT NOT NULL,
    form      TEXT NOT NULL CHECK (form IN ('cell_meeting', 'conference', 'integrated')),
    present   INTEGER NOT NULL CHECK (present >= 0),
    expected  INTEGER NOT NULL CHECK (expected >= present),
    note      TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, year)
);

-- A mass organisation's deployment to union members, association members, people.
CREATE TABLE mass_deployment (
    id                  INTEGER PRIMARY KEY,
    unit_id             INTEGER NOT NULL REFERENCES unit(id),
    year                INTEGER NOT NULL,
    held_on             TEXT NOT NULL,
    union_members       INTEGER NOT NULL DEFAULT 0 CHECK (union_members >= 0),
    association_members INTEGER NOT NULL DEFAULT 0 CHECK (association_members >= 0),
    people_reached      INTEGER NOT NULL DEFAULT 0 CHECK (people_reached >= 0),
    note                TEXT NOT NULL DEFAULT '',
    UNIQUE (unit_id, year)
);

-- A person's written commitment for a year.  status: draft, submitted,
-- returned, approved, published, self_assessed, evaluated.  version
-- increases on every change (optimistic locking).  A registration counts
-- where its person's membership of its year is, with that row's flags:
-- unit_id, required (the person must register that year) and key_cadre
-- are kept so by the triggers (registration_realign); a registration of a
-- year with no row of its person keeps the unit it was written in.
CREATE TABLE registration (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person(id),
    year          INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL REFERENCES unit(id),
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted',
                      'returned', 'approved', 'published', 'self_assessed', 'evaluated')),
    return_reason TEXT,
    approver_id   INTEGER REFERENCES person(id),
    approved_by   TEXT,
    approved_at   TEXT,
    published_at  TEXT,
    grade         TEXT CHECK (grade IN ('excellent', 'good', 'completed', 'not_completed')),
    evaluated_by  TEXT,
    evaluated_at  TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    required      INTEGER NOT NULL DEFAULT 0,
    key_cadre     INTEGER NOT NULL DEFAULT 0,
    submitted_on  TEXT,              -- the day (in Vietnam) it was first submitted
    UNIQUE (person_id, year)
);

CREATE INDEX registration_by_year_unit ON registration(year, unit_id);

-- The items of a registration, with the year-end self-assessment.
CREATE TABLE registration_item (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    body            TEXT NOT NULL,
    item_group      TEXT NOT NULL DEFAULT 'other' CHECK (item_group IN ('morality', 'style',
                        'working_manner', 'expertise', 'other')),
    deadline        TEXT,
    assessment      TEXT CHECK (assessment IN ('done', 'partly', 'not_done')),
    assessment_note TEXT NOT NULL DEFAULT ''
);

CREATE INDEX registration_item_by_reg ON registration_item(registration_id, position);

-- Every status change of a registration: who, when, from, to, why.
CREATE TABLE registration_transition (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id) ON DELETE CASCADE,
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    actor           TEXT NOT NULL,
    at              TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX registration_transition_by_reg ON registration_transition(registration_id);

-- A unit's ethical standard (motto and items) and the years it is valid.
CREATE TABLE standard (
    id         INTEGER PRIMARY KEY,
    unit_id    INTEGER NOT NULL REFERENCES unit(id),
    motto      TEXT NOT NULL,
    items      TEXT NOT NULL DEFAULT '',          -- one item per line
    adopted_on TEXT NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_to   INTEGER,                           -- NULL = still valid
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- Inspections and supervisions, and the follow-ups they ask for.
CREATE TABLE inspection (
    id                 INTEGER PRIMARY KEY,
    inspecting_unit_id INTEGER NOT NULL REFERENCES unit(id),
    inspected_unit_id  INTEGER NOT NULL REFERENCES unit(id),
    kind               TEXT NOT NULL CHECK (kind IN ('inspection', 'supervision')),
    held_on            TEXT NOT NULL,
    content            TEXT NOT NULL DEFAULT '',
    findings           TEXT NOT NULL DEFAULT '',
    conclusion         TEXT NOT NULL DEFAULT ''
);

CREATE INDEX inspection_by_inspected ON inspection(inspected_unit_id);

CREATE TABLE followup (
    id            INTEGER PRIMARY KEY,
    inspection_id INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
    body          TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    done_on       TEXT
);

CREATE INDEX followup_by_inspection ON followup(inspection_id);

-- Exemplary models ("mô hình, điển hình") and commendations.  The subject
-- is a person, a unit or free text.  A model may carry a commendation.
CREATE TABLE model (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    unit_id          INTEGER NOT NULL REFERENCES unit(id),   -- where it belongs in reports
    subject_person_id INTEGER REFERENCES person(id),
    subject_unit_id  INTEGER REFERENCES unit(id),
    subject_text     TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL,
    description      TEXT NOT NULL DEFAULT '',
    contribution_vnd INTEGER CHECK (contribution_vnd IS NULL OR contribution_vnd >= 0)
);

CREATE INDEX model_by_unit ON model(unit_id, year);

CREATE TABLE commendation (
    id               INTEGER PRIMARY KEY,
    year             INTEGER NOT NULL,
    unit_id          INTEGER NOT NULL REFERENCES unit(id),
    model_id         INTEGER REFERENCES model(id),
    subject_person_id INTEGER REFERENCES person(id),
    subject_unit_id  INTEGER REFERENCES unit(id),
    subject_text     TEXT NOT NULL DEFAULT '',
    title            TEXT NOT NULL,
    level            TEXT NOT NULL CHECK (level IN ('unit', 'grassroots', 'district',
                         'province', 'central')),
    form             TEXT NOT NULL DEFAULT 'praise' CHECK (form IN ('praise',
                         'certificate_of_merit', 'emulation_flag', 'medal', 'other')),
    decision_no      TEXT NOT NULL DEFAULT '',
    decision_on      TEXT
);

CREATE INDEX commendation_by_unit ON commendation(unit_id, year);

-- A unit's breakthrough contents for a year and the result at year end.
CREATE TABLE breakthrough (
    id      INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    year    INTEGER NOT NULL,
    body    TEXT NOT NULL,
    result  TEXT
);

CREATE INDEX breakthrough_by_unit ON breakthrough(unit_id, year);

-- Who may log in, with what role and over which subtree.
CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,                  -- Argon2id (libsodium crypto_pwhash_str)
    role          TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'member', 'viewer')),
    scope_unit_id INTEGER REFERENCES unit(id),
    person_id     INTEGER REFERENCES person(id),
    created_at    TEXT NOT NULL,
    -- pending: a one-time activation code (a keyed hash, setting's
    -- activation_key) that expires, no password yet; active; disabled
    status        TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('pending', 'active', 'disabled')),
    code_hash     TEXT,
    code_expires  TEXT,                           -- the code's last day
    last_login    TEXT                            -- UTC, ISO 8601
);

CREATE INDEX account_by_person ON account(person_id);

-- A unit's own letterhead (DESIGN §9, Hướng dẫn 36-HD/VPTW): the issuer's
-- abbreviation in its documents' numbers (HU, ĐU, CB, ...), its place name
-- and who signs for it; '' takes the default (by its kind, from its name
-- or its committee's, the head of the unit that year).
CREATE TABLE unit_letterhead (
    id          INTEGER PRIMARY KEY REFERENCES unit(id),  -- the unit's
    issuer_abbr TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    signer      TEXT NOT NULL DEFAULT ''
);

-- The parts of a report that people write (DESIGN §9): for a unit and a
-- period (one year: year_from = year_to; or a range), the strengths, the
-- shortcomings and their causes, the lessons, the tasks ahead and the
-- recommendations.  Every save is kept (the history); a report quotes
-- the newest final text of each part, and a draft waits.
CREATE TABLE report_text (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    year_from INTEGER NOT NULL,
    year_to   INTEGER NOT NULL,
    part      TEXT NOT NULL CHECK (part IN ('strengths', 'shortcomings', 'lessons', 'tasks',
                                            'recommendations')),
    body      TEXT NOT NULL,
    final     INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
    saved_by  TEXT NOT NULL,
    saved_at  TEXT NOT NULL                      -- UTC, ISO 8601
);

CREATE INDEX report_text_by_period ON report_text(unit_id, year_from, year_to, part, id);

-- The installation's own settings: activation_key (the key of the
-- activation codes' hash, 32 random bytes in hex, made at the first code).
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Every write: who, when, what, and the row before and after (JSON).
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    actor     TEXT NOT NULL,                      -- account login or 'cli:<user>'
    at        TEXT NOT NULL,                      -- UTC, ISO 8601
    action    TEXT NOT NULL,                      -- insert, update, delete, or a workflow verb
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    before    TEXT,                               -- JSON or NULL
    after     TEXT                                -- JSON or NULL
);

CREATE INDEX audit_by_entity ON audit(entity, entity_id);

-- Sessions and login throttling for the web server.  Only a token's hash
-- is stored, so a stolen database gives no working session.
CREATE TABLE session (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,                     -- the form token of this session
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL                      -- UTC; refused after this
) WITHOUT ROWID;

CREATE INDEX session_by_account ON session(account_id);
CREATE INDEX session_by_expiry ON session(expires_at); -- each login sweeps the expired ones

CREATE TABLE login_failure (
    id    INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    addr  TEXT NOT NULL,
    at    TEXT NOT NULL
);

CREATE INDEX login_failure_by_login ON login_failure(login, at);
CREATE INDEX login_failure_by_addr ON login_failure(addr, at);

-- The change stamp for reusing indicators, and their index.
CREATE TABLE change_stamp (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO change_stamp VALUES (1, 0);

CREATE INDEX registration_indicators ON registration(year, unit_id, status, grade, published_at);

-- People who must register (category other than 'other'), per unit and
-- span of years, from their membership rows (person_span_of): a row from
-- 2019-05-01 with no end counts in (unit, 2019, 9999).  The people
-- required in year Y at a unit are the rows with first_year <= Y <= last_year.
CREATE TABLE person_span (
    unit_id    INTEGER NOT NULL,
    first_year INTEGER NOT NULL,
    last_year  INTEGER NOT NULL,
    people     INTEGER NOT NULL,
    key_cadres INTEGER NOT NULL,
    PRIMARY KEY (unit_id, first_year, last_year)
) WITHOUT ROWID;

-- Per year and unit: the registrations' counts (registration_tally_of).
-- Its columns are described once, in store.h (REG_TALLY_COLUMNS).
-- required and key_required were corrections to person_span until
-- registrations were placed by membership (version 14); since, always 0.
CREATE TABLE registration_tally (
    year          INTEGER NOT NULL,
    unit_id       INTEGER NOT NULL,
    required      INTEGER NOT NULL,   -- 0 (was a correction to person_span.people)
    registered    INTEGER NOT NULL,   -- required people with status >= submitted
    key_required  INTEGER NOT NULL,   -- 0 (was a correction to person_span.key_cadres)
    key_published INTEGER NOT NULL,
    submitted     INTEGER NOT NULL,   -- registrations with status >= submitted
    approved      INTEGER NOT NULL,   -- registrations with status >= approved
    excellent     INTEGER NOT NULL,
    good          INTEGER NOT NULL,
    completed     INTEGER NOT NULL,
    not_completed INTEGER NOT NULL,
    key_on_time   INTEGER NOT NULL DEFAULT 0, -- key cadres required, submitted by the key deadline
    PRIMARY KEY (year, unit_id)
) WITHOUT ROWID;

-- Deployments of a year, read by the indicators.
CREATE INDEX deployment_by_year ON deployment(year, unit_id);

CREATE VIRTUAL TABLE unit_name_words USING fts5(name_fold, content='unit',
    content_rowid='id', detail=none, columnsize=0);

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

CREATE TRIGGER unit_sort_add AFTER INSERT ON unit BEGIN
    UPDATE unit SET name_sort = vi_key(NEW.name) WHERE id = NEW.id;
END;

CREATE TRIGGER unit_sort_change AFTER UPDATE OF name ON unit BEGIN
    UPDATE unit SET name_sort = vi_key(NEW.name) WHERE id = NEW.id;
END;

-- Units in Vietnamese order with what a year's tree needs, so the tree is
-- read in order from the index without sorting.
CREATE INDEX unit_by_sort ON unit(name_sort, code, kind, name, active_from, active_to);

-- A change to a registration touches the indicators of its own year only:
-- it bumps that year's stamp, not the change stamp, so the computed
-- indicators of the other years stay (a dashboard's trend shows six).  A
-- registration that cannot be found (not in practice) bumps the change
-- stamp.  (Comparisons, not IN lists: SQLite plans them better.)
CREATE TABLE year_stamp (
    year INTEGER PRIMARY KEY,
    n    INTEGER NOT NULL
);

CREATE TRIGGER audit_bumps_year AFTER INSERT ON audit
    WHEN NEW.entity = 'registration' OR NEW.entity = 'registration_item'
BEGIN
    INSERT INTO year_stamp(year, n)
        SELECT year, 1 FROM registration WHERE id = CASE NEW.entity WHEN 'registration' THEN NEW.entity_id
            ELSE (SELECT registration_id FROM registration_item WHERE id = NEW.entity_id) END
    ON CONFLICT(year) DO UPDATE SET n = n + 1;
    UPDATE change_stamp SET n = n + 1 WHERE id = 1 AND changes() = 0;
END;

-- A change to units (names, kinds, dates, parents, merges: all audited as
-- 'unit') also bumps the tree stamp.  While it stands, the trees of the
-- years that computed indicators hold are still right, and a computation
-- after a change to people or records starts from a copy of them.
CREATE TABLE tree_stamp (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  INTEGER NOT NULL
);
INSERT INTO tree_stamp VALUES (1, 0);

CREATE TRIGGER audit_bumps_tree AFTER INSERT ON audit WHEN NEW.entity = 'unit'
BEGIN
    UPDATE tree_stamp SET n = n + 1 WHERE id = 1;
END;

-- The records of one year bump that year's change stamp, not the change
-- stamp: a deployment, a collective registration, a model, a commendation,
-- a breakthrough, a mass deployment, an inspection or its follow-up of
-- 2026 leaves the computed indicators of 2021-2025 as they are (a
-- dashboard's trend shows six years, and the judged years' rates are kept
-- in trend_rates).  Before, any of them made every cached year stale, and
-- the next national dashboard computed six whole years again (2-3 s).
-- What no indicator counts (comments, the written parts of reports,
-- topics, the items of collective registrations) bumps nothing.  A record
-- that cannot be found (not in practice) bumps the change stamp.  The
-- indicators of years from..to are stale when the change stamp or one of
-- their years' change stamps moved (ind_read.c adds them up).
CREATE TABLE year_change (
    year INTEGER PRIMARY KEY,
    n    INTEGER NOT NULL
);

CREATE TRIGGER audit_bumps_stamp AFTER INSERT ON audit
    WHEN NEW.entity <> 'account' AND NEW.entity <> 'registration' AND NEW.entity <> 'registration_item'
      AND NOT (NEW.entity = 'person' AND NEW.action = 'update')
      AND NEW.entity <> 'comment' AND NEW.entity <> 'report_text' AND NEW.entity <> 'topic'
      AND NEW.entity <> 'collective_item'
      AND NEW.entity <> 'deployment' AND NEW.entity <> 'collective' AND NEW.entity <> 'model'
      AND NEW.entity <> 'commendation' AND NEW.entity <> 'breakthrough' AND NEW.entity <> 'mass_deployment'
      AND NEW.entity <> 'inspection' AND NEW.entity <> 'followup'
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
END;

-- (its year as it is, and as it was when the audit row holds the record
-- before the change)
CREATE TRIGGER audit_bumps_year_change AFTER INSERT ON audit
    WHEN NEW.entity = 'deployment' OR NEW.entity = 'collective' OR NEW.entity = 'model'
      OR NEW.entity = 'commendation' OR NEW.entity = 'breakthrough' OR NEW.entity = 'mass_deployment'
      OR NEW.entity = 'inspection' OR NEW.entity = 'followup'
BEGIN
    INSERT INTO year_change(year, n)
        SELECT year, 1 FROM (
            SELECT CASE NEW.entity
                WHEN 'deployment' THEN (SELECT year FROM deployment WHERE id = NEW.entity_id)
                WHEN 'collective' THEN (SELECT year FROM collective WHERE id = NEW.entity_id)
                WHEN 'model' THEN (SELECT year FROM model WHERE id = NEW.entity_id)
                WHEN 'commendation' THEN (SELECT year FROM commendation WHERE id = NEW.entity_id)
                WHEN 'breakthrough' THEN (SELECT year FROM breakthrough WHERE id = NEW.entity_id)
                WHEN 'mass_deployment' THEN (SELECT year FROM mass_deployment WHERE id = NEW.entity_id)
                WHEN 'inspection' THEN (SELECT CAST(substr(held_on, 1, 4) AS INTEGER) FROM inspection
                                        WHERE id = NEW.entity_id)
                ELSE (SELECT CAST(substr(i.held_on, 1, 4) AS INTEGER) FROM followup f
                      JOIN inspection i ON i.id = f.inspection_id WHERE f.id = NEW.entity_id)
            END AS year
            UNION
            SELECT CASE WHEN NOT json_valid(NEW.before) THEN NULL
                WHEN NEW.entity = 'inspection' THEN CAST(substr(json_extract(NEW.before, '$.held_on'), 1, 4) AS INTEGER)
                WHEN NEW.entity = 'followup' THEN (SELECT CAST(substr(held_on, 1, 4) AS INTEGER) FROM inspection
                                                   WHERE id = json_extract(NEW.before, '$.inspection_id'))
                ELSE json_extract(NEW.before, '$.year')
            END)
        WHERE year IS NOT NULL
    ON CONFLICT(year) DO UPDATE SET n = n + 1;
    UPDATE change_stamp SET n = n + 1 WHERE id = 1 AND changes() = 0;
END;

CREATE TRIGGER person_counts_change AFTER UPDATE OF unit_id, category, key_cadre, active_from,
    active_to ON person
    WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.category IS NOT NEW.category
      OR OLD.key_cadre IS NOT NEW.key_cadre OR OLD.active_from IS NOT NEW.active_from
      OR OLD.active_to IS NOT NEW.active_to
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
END;

-- The trend's two rates of every unit (deployment, good or better) of each
-- year already judged on its reference date, with the stamps they were
-- computed at (rates_kept.c): a server started again reads them instead of
-- computing five whole years.  A cache: a counted change of the year makes
-- its row stale.  units: 12 bytes a unit (id, two rates), little-endian.
CREATE TABLE trend_rates (
    year         INTEGER PRIMARY KEY,
    formula      INTEGER NOT NULL,
    change_stamp INTEGER NOT NULL,
    tree_stamp   INTEGER NOT NULL,
    year_stamp   INTEGER NOT NULL,
    judged       TEXT NOT NULL,
    units        BLOB NOT NULL
);

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
    not_completed INTEGER NOT NULL,
    key_on_time   INTEGER NOT NULL DEFAULT 0
);

CREATE TRIGGER tally_change_insert AFTER INSERT ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (NEW.year, NEW.unit_id, NEW.required, NEW.registered, NEW.key_required,
        NEW.key_published, NEW.submitted, NEW.approved, NEW.excellent, NEW.good,
        NEW.completed, NEW.not_completed, NEW.key_on_time);
END;

CREATE TRIGGER tally_change_update AFTER UPDATE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (NEW.year, NEW.unit_id, NEW.required - OLD.required, NEW.registered - OLD.registered,
        NEW.key_required - OLD.key_required, NEW.key_published - OLD.key_published,
        NEW.submitted - OLD.submitted, NEW.approved - OLD.approved,
        NEW.excellent - OLD.excellent, NEW.good - OLD.good, NEW.completed - OLD.completed,
        NEW.not_completed - OLD.not_completed, NEW.key_on_time - OLD.key_on_time);
END;

CREATE TRIGGER tally_change_delete AFTER DELETE ON registration_tally BEGIN
    INSERT INTO tally_change(year, unit_id, required, registered, key_required, key_published,
        submitted, approved, excellent, good, completed, not_completed, key_on_time)
    VALUES (OLD.year, OLD.unit_id, -OLD.required, -OLD.registered, -OLD.key_required,
        -OLD.key_published, -OLD.submitted, -OLD.approved, -OLD.excellent, -OLD.good,
        -OLD.completed, -OLD.not_completed, -OLD.key_on_time);
END;

CREATE TRIGGER tally_change_prune AFTER INSERT ON tally_change WHEN NEW.id % 1000 = 0 BEGIN
    DELETE FROM tally_change WHERE id <= NEW.id - 100000;
END;

CREATE INDEX person_by_name_rank ON person(name_rank, name_sort, code, full_name, category, name_fold);

CREATE VIRTUAL TABLE person_name_words USING fts5(name_fold, content='person',
    content_rowid='name_rank', detail=none, columnsize=0);

CREATE TRIGGER person_words_add AFTER INSERT ON person BEGIN
    UPDATE person SET name_rank = name_rank_of(NEW.name_fold, NEW.id)
        WHERE id = NEW.id AND name_rank IS NULL;
    INSERT INTO person_name_words(rowid, name_fold)
        SELECT name_rank, name_fold FROM person WHERE id = NEW.id AND name_rank IS NOT NULL;
END;

CREATE TRIGGER person_words_remove AFTER DELETE ON person WHEN OLD.name_rank IS NOT NULL BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        VALUES ('delete', OLD.name_rank, OLD.name_fold);
END;

CREATE TRIGGER person_words_change AFTER UPDATE OF name_fold ON person
    WHEN OLD.name_fold IS NOT NEW.name_fold
BEGIN
    INSERT INTO person_name_words(person_name_words, rowid, name_fold)
        SELECT 'delete', OLD.name_rank, OLD.name_fold WHERE OLD.name_rank IS NOT NULL;
    UPDATE person SET name_rank = name_rank_of(NEW.name_fold, NEW.id) WHERE id = NEW.id;
    INSERT INTO person_name_words(rowid, name_fold)
        SELECT name_rank, name_fold FROM person WHERE id = NEW.id AND name_rank IS NOT NULL;
END;

-- What the indicators read of a year, from indexes that hold all of it:
-- the standards in force by unit (not each standard's row), and a year's
-- breakthroughs with their result (not every breakthrough of every year;
-- SQLite 3.40 reads the table for an index on `result <> ''`).
CREATE INDEX standard_in_force ON standard(unit_id, valid_from, valid_to);

CREATE INDEX breakthrough_by_year ON breakthrough(year, unit_id, result);

-- Membership over time (DESIGN §2).  A person's history is a run of rows
-- that never overlap: the unit where they register and are counted, with
-- the position and flags they had, from valid_from to valid_to (inclusive;
-- NULL = open).  A transfer closes one row and opens the next; leaving
-- closes the last; a change of position or flags on a day does the same
-- with the unit unchanged.  Year Y counts the row that covers Y's
-- reference date (year_setup.reference_date, else 31 December Y), so
-- nothing dated after a year's reference date changes that year.
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

-- Realigning a registration: inserting its id into this view places it.
CREATE VIEW registration_realign AS SELECT id FROM registration WHERE 0;

CREATE TRIGGER registration_realign INSTEAD OF INSERT ON registration_realign BEGIN
    UPDATE registration SET (unit_id, required, key_cadre) = (SELECT unit_id, required, key_cadre
        FROM registration_place WHERE registration_id = NEW.id) WHERE id = NEW.id;
END;

-- What each membership row adds to person_span (nothing if not required).
CREATE VIEW person_span_of AS
SELECT y.person_id, y.valid_from, y.valid_to, y.unit_id, y.first_year, y.last_year, 1 AS people,
       y.key_cadre AS key_cadres
FROM membership_years y JOIN person p ON p.id = y.person_id
WHERE p.category <> 'other' AND y.first_year <= y.last_year;

-- What each registration adds to registration_tally, from its own row
-- (required and key_required: always 0).
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

-- The triggers: a tally's share is taken away before what it is counted
-- from changes and added after (the views see the rows of the moment);
-- a registration is realigned (registration_place) after anything that
-- places it changes: its own insertion, its person's rows or category,
-- its year's reference date.
CREATE TRIGGER registration_tally_add AFTER INSERT ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, required, registered, key_required,
        key_published, submitted, approved, excellent, good, completed, not_completed, key_on_time
        FROM registration_tally_of WHERE registration_id = NEW.id;
    INSERT INTO registration_realign SELECT id FROM registration WHERE id = NEW.id;
END;

CREATE TRIGGER registration_tally_remove BEFORE DELETE ON registration BEGIN
    INSERT INTO registration_tally_share SELECT year, unit_id, -required, -registered,
        -key_required, -key_published, -submitted, -approved, -excellent, -good, -completed,
        -not_completed, -key_on_time FROM registration_tally_of WHERE registration_id = OLD.id;
END;

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

-- A year setup that moves a year's reference date moves the rows that
-- count in it: their shares are taken away before and added after.
CREATE VIEW year_reference_change AS SELECT 0 AS year, 0 AS sign WHERE 0;

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

CREATE TRIGGER year_ref_insert_before BEFORE INSERT ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, -1); END;

CREATE TRIGGER year_ref_insert_after AFTER INSERT ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, 1); END;

CREATE TRIGGER year_ref_update_before BEFORE UPDATE OF review_deadline, key_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline OR OLD.key_deadline IS NOT NEW.key_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, -1); END;

CREATE TRIGGER year_ref_update_after AFTER UPDATE OF review_deadline, key_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline OR OLD.key_deadline IS NOT NEW.key_deadline
BEGIN INSERT INTO year_reference_change VALUES (NEW.year, 1); END;

CREATE TRIGGER year_ref_delete_before BEFORE DELETE ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (OLD.year, -1); END;

CREATE TRIGGER year_ref_delete_after AFTER DELETE ON year_setup
BEGIN INSERT INTO year_reference_change VALUES (OLD.year, 1); END;

-- A year's tree is the tree on its reference date (DESIGN §2), so a year
-- setup that moves the reference date changes that year's tree: it bumps
-- the tree stamp, as a change to units does.
CREATE TRIGGER year_setup_insert_bumps_tree AFTER INSERT ON year_setup
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER year_setup_update_bumps_tree AFTER UPDATE OF review_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER year_setup_delete_bumps_tree AFTER DELETE ON year_setup
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;

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
