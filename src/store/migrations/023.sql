-- @version 23 --------------------------------------------------------------
-- The trend's two rates of every unit (deployment, good or better) of each
-- year already judged on its reference date, kept with the stamps they were
-- computed at (rates_kept.c): a server started again reads them instead of
-- computing five whole years for its first dashboard (2.6 s nationally).
-- A cache: a counted change of the year makes its row stale, and the next
-- trend computes and keeps it again.  units: 12 bytes a unit, little-endian.
CREATE TABLE trend_rates (
    year         INTEGER PRIMARY KEY,
    formula      INTEGER NOT NULL,
    change_stamp INTEGER NOT NULL,
    tree_stamp   INTEGER NOT NULL,
    year_stamp   INTEGER NOT NULL,
    judged       TEXT NOT NULL,
    units        BLOB NOT NULL
);
