-- @version 27 --------------------------------------------------------------
-- The search's index without the unit, position and flags: since
-- membership over time (version 14) a hit shows those of the person's
-- membership on the year's reference date, read by the join, and nothing
-- reads them from this index.  It holds what a hit shows of the person
-- (name, code, category), its sort key and the name fold that the word
-- index is filled from.  Smaller by a tenth, and a national import
-- builds it in less time.
DROP INDEX person_by_name_rank;
CREATE INDEX person_by_name_rank ON person(name_rank, name_sort, code, full_name, category, name_fold);
