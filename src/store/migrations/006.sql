-- @version 6 ---------------------------------------------------------------
-- Units in Vietnamese order with what a year's tree needs, so the tree is
-- read in order from the index without sorting.
CREATE INDEX unit_by_sort ON unit(name_sort, code, kind, name, active_from, active_to);
