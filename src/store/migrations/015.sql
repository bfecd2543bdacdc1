-- @version 15 --------------------------------------------------------------
-- A year's tree is the tree on its reference date (DESIGN §2), so a year
-- setup that moves the reference date changes that year's tree: it bumps
-- the tree stamp, as a change to units does (version 9).
CREATE TRIGGER year_setup_insert_bumps_tree AFTER INSERT ON year_setup
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER year_setup_update_bumps_tree AFTER UPDATE OF review_deadline ON year_setup
    WHEN OLD.review_deadline IS NOT NEW.review_deadline
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER year_setup_delete_bumps_tree AFTER DELETE ON year_setup
BEGIN UPDATE tree_stamp SET n = n + 1 WHERE id = 1; END;
