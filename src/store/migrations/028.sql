-- @version 28 --------------------------------------------------------------
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

DROP TRIGGER audit_bumps_stamp;
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
