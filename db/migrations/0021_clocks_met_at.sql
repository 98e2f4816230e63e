-- The time a clock was met (a JAR discussion within 24 hours of the death, the
-- CDOP told within 48): an hour-based clock's status compares that time with
-- its due hour, so a clock met after its due hour but on its due day is late.
-- Until now only the day was stored, and such a clock read as met on time.
ALTER TABLE deadlines ADD COLUMN met_at TEXT;
-- The met clocks stored before the time was kept. `casereview db migrate`
-- gives each the time from the case's events and clears the mark
-- (CaseService::fill_met_times): once, and again only if it was interrupted.
-- A clock stored from now on, or recomputed by a step of its case, is 0.
ALTER TABLE deadlines ADD COLUMN met_at_unknown INTEGER NOT NULL DEFAULT 0;
UPDATE deadlines SET met_at_unknown = 1 WHERE met_on IS NOT NULL;
CREATE INDEX deadlines_met_at_unknown ON deadlines (case_id) WHERE met_at_unknown = 1;
-- 0020's index of open clocks holds every column a clock is read with; it is
-- made again with the new one, so that those reads still stay in it.
DROP INDEX deadlines_open_whole;
CREATE INDEX deadlines_open_whole ON deadlines
  (due_date, case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
   met_on, met_at, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
