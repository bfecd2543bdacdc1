-- @version 26 --------------------------------------------------------------
-- Sort keys as the collation's own bytes: a unit's and a person's name_sort
-- hold ICU's "vi" sort key as a BLOB (about 30 bytes for a person) instead
-- of its hexadecimal text (about 60), in the same order (both compare byte
-- by byte).  A person's key is in the row and in two indexes
-- (person_by_sort, person_by_name_rank): a national import writes a
-- third less of them.  Every key is made again from the name, so none of
-- the old text is left to sort apart from the new bytes.  The columns stay
-- declared TEXT: that affinity leaves a BLOB as it is.
UPDATE unit SET name_sort = vi_key(name);
UPDATE person SET name_sort = vi_name_key(full_name);
