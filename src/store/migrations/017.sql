-- @version 17 --------------------------------------------------------------
-- A unit's own letterhead (DESIGN §9, Hướng dẫn 36-HD/VPTW): the issuer's
-- abbreviation in its documents' numbers (HU, ĐU, CB, ...), its place name
-- and who signs for it; '' takes the default (by its kind, from its name
-- or its committee's, the head of the unit that year).
CREATE TABLE unit_letterhead (
    id          INTEGER PRIMARY KEY REFERENCES unit(id),  -- the unit's
    issuer_abbr TEXT NOT NULL DEFAULT '',
    place       TEXT NOT NULL DEFAULT '',
    signer      TEXT NOT NULL DEFAULT ''
);
