-- @version 25 --------------------------------------------------------------
-- Merges by successor: what waits in a unit's part of another open year is
-- counted from the unit down when that year's tally is not at hand
-- (waiting.c), and the units merged into each unit of the part are found
-- by one seek each instead of a read of every merge.
CREATE INDEX unit_merge_by_successor ON unit_merge(successor_id);
