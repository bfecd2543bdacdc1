-- @version 18 --------------------------------------------------------------
-- The parts of a report that people write (DESIGN §9): for a unit and a
-- period (one year: year_from = year_to; or a range), the strengths, the
-- shortcomings and their causes, the lessons, the tasks ahead and the
-- recommendations.  Every save is kept (the history); a report quotes
-- the newest final text of each part, and a draft waits.
CREATE TABLE report_text (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES unit(id),
    year_from INTEGER NOT NULL,
    year_to   INTEGER NOT NULL,
    part      TEXT NOT NULL CHECK (part IN ('strengths', 'shortcomings', 'lessons', 'tasks',
                                            'recommendations')),
    body      TEXT NOT NULL,
    final     INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1)),
    saved_by  TEXT NOT NULL,
    saved_at  TEXT NOT NULL                      -- UTC, ISO 8601
);
CREATE INDEX report_text_by_period ON report_text(unit_id, year_from, year_to, part, id);
