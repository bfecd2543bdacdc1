-- @version 8 ---------------------------------------------------------------
-- A change to a registration touches the indicators of its own year only:
-- it bumps that year's stamp, not the change stamp, so the computed
-- indicators of the other years stay (a dashboard's trend shows six).  A
-- registration that cannot be found (not in practice) bumps the change
-- stamp.  Comparisons, not IN lists: see version 7.
CREATE TABLE year_stamp (
    year INTEGER PRIMARY KEY,
    n    INTEGER NOT NULL
);
DROP TRIGGER audit_bumps_stamp;
CREATE TRIGGER audit_bumps_stamp AFTER INSERT ON audit
    WHEN NEW.entity <> 'account' AND NEW.entity <> 'registration' AND NEW.entity <> 'registration_item'
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER audit_bumps_year AFTER INSERT ON audit
    WHEN NEW.entity = 'registration' OR NEW.entity = 'registration_item'
BEGIN
    INSERT INTO year_stamp(year, n)
        SELECT year, 1 FROM registration WHERE id = CASE NEW.entity WHEN 'registration' THEN NEW.entity_id
            ELSE (SELECT registration_id FROM registration_item WHERE id = NEW.entity_id) END
    ON CONFLICT(year) DO UPDATE SET n = n + 1;
    UPDATE change_stamp SET n = n + 1 WHERE id = 1 AND changes() = 0;
END;
