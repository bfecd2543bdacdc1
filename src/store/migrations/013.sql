-- @version 13 --------------------------------------------------------------
-- What the indicators read of a year, from indexes that hold all of it:
-- the standards in force by unit (not each standard's row), and a year's
-- breakthroughs with their result (not every breakthrough of every year;
-- SQLite 3.40 reads the table for an index on `result <> ''`).
CREATE INDEX standard_in_force ON standard(unit_id, valid_from, valid_to);
DROP INDEX standard_by_unit;
CREATE INDEX breakthrough_by_year ON breakthrough(year, unit_id, result);
