-- @version 10 --------------------------------------------------------------
-- A person's name, birth date, gender or position counts in no indicator:
-- an update of a person bumps the change stamp only when one of the
-- columns the tallies read changes (the tally triggers' own condition).
-- New people, imports and everything else still bump it through the audit.
DROP TRIGGER audit_bumps_stamp;
CREATE TRIGGER audit_bumps_stamp AFTER INSERT ON audit
    WHEN NEW.entity <> 'account' AND NEW.entity <> 'registration' AND NEW.entity <> 'registration_item'
      AND NOT (NEW.entity = 'person' AND NEW.action = 'update')
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
END;
CREATE TRIGGER person_counts_change AFTER UPDATE OF unit_id, category, key_cadre, active_from,
    active_to ON person
    WHEN OLD.unit_id IS NOT NEW.unit_id OR OLD.category IS NOT NEW.category
      OR OLD.key_cadre IS NOT NEW.key_cadre OR OLD.active_from IS NOT NEW.active_from
      OR OLD.active_to IS NOT NEW.active_to
BEGIN
    UPDATE change_stamp SET n = n + 1 WHERE id = 1;
END;
