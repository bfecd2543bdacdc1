-- @version 7 ---------------------------------------------------------------
-- The same view without IN lists: in a trigger, SQLite builds a temporary
-- table for a list of three or more constants on every row, which made
-- each registration write about 40 times costlier.  (Statuses in order:
-- draft, submitted, returned, approved, published, self_assessed, evaluated.)
DROP VIEW registration_tally_of;
CREATE VIEW registration_tally_of AS
SELECT id AS registration_id, person_id, year, unit_id, required, required * sub AS registered,
       required * key_cadre AS key_required,
       required * key_cadre * (published_at IS NOT NULL) AS key_published, sub AS submitted,
       (sub AND status <> 'submitted') AS approved,
       grade IS 'excellent' AS excellent, grade IS 'good' AS good,
       grade IS 'completed' AS completed, grade IS 'not_completed' AS not_completed
FROM (SELECT r.*, p.key_cadre, p.unit_id AS person_unit,
             (status <> 'draft' AND status <> 'returned') AS sub,
             (p.category <> 'other' AND CAST(substr(p.active_from, 1, 4) AS INTEGER) <= r.year
              AND coalesce(CAST(substr(p.active_to, 1, 4) AS INTEGER), 9999) >= r.year) AS required
      FROM registration r JOIN person p ON p.id = r.person_id)
UNION ALL
SELECT r.id, r.person_id, r.year, p.unit_id, -1, 0, -p.key_cadre, 0, 0, 0, 0, 0, 0, 0
FROM registration r JOIN person p ON p.id = r.person_id
WHERE p.category <> 'other' AND CAST(substr(p.active_from, 1, 4) AS INTEGER) <= r.year
  AND coalesce(CAST(substr(p.active_to, 1, 4) AS INTEGER), 9999) >= r.year;
