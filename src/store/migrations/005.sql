-- @version 5 ---------------------------------------------------------------
-- A unit's name as a Vietnamese sort key (ICU, hex text that sorts with
-- plain byte order), so the tree of 300,000 units is ordered without a
-- collation call per comparison.  vi_key() is lamtheo's own SQL function
-- (store/db.c): units are written by lamtheo only.
ALTER TABLE unit ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
CREATE TRIGGER unit_sort_add AFTER INSERT ON unit BEGIN
    UPDATE unit SET name_sort = vi_key(NEW.name) WHERE id = NEW.id;
END;
CREATE TRIGGER unit_sort_change AFTER UPDATE OF name ON unit BEGIN
    UPDATE unit SET name_sort = vi_key(NEW.name) WHERE id = NEW.id;
END;
UPDATE unit SET name_sort = vi_key(name);
