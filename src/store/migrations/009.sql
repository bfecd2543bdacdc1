-- @version 9 ---------------------------------------------------------------
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
