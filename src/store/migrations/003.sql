-- @version 3 ---------------------------------------------------------------
-- The change stamp for reusing indicators, and their index.
CREATE TABLE change_stamp (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO change_stamp VALUES (1, 0);
CREATE TRIGGER audit_bumps_stamp AFTER INSERT ON audit WHEN NEW.entity <> 'account' BEGIN UPDATE change_stamp SET n = n + 1 WHERE id = 1; END;
CREATE INDEX registration_indicators ON registration(year, unit_id, status, grade, published_at);
