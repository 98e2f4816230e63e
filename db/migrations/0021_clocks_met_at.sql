-- The time an hour-based clock was met (a JAR discussion within 24 hours of
-- the death, the CDOP told within 48): its status compares that time with the
-- due hour, so a clock met after its due hour but on its due day is late. Until
-- now only the day was stored, and such a clock read as met on time. Clocks
-- stored before this column are re-projected from their events by
-- `casereview db migrate` (CaseService::reproject_untimed_met_clocks).
ALTER TABLE deadlines ADD COLUMN met_at TEXT;
-- 0020's index of open clocks holds every column a clock is read with; it is
-- made again with the new one, so that those reads still stay in it.
DROP INDEX deadlines_open_whole;
CREATE INDEX deadlines_open_whole ON deadlines
  (due_date, case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
   met_on, met_at, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
