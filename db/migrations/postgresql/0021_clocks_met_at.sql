-- The time a clock was met, and the mark of the met clocks stored before it
-- was kept (SQLite's 0021 says why and how they are given it); the index of
-- open clocks made again to carry it.
ALTER TABLE deadlines ADD COLUMN met_at TEXT;
ALTER TABLE deadlines ADD COLUMN met_at_unknown INTEGER NOT NULL DEFAULT 0;
UPDATE deadlines SET met_at_unknown = 1 WHERE met_on IS NOT NULL;
CREATE INDEX deadlines_met_at_unknown ON deadlines (case_id) WHERE met_at_unknown = 1;
DROP INDEX deadlines_open_whole;
CREATE INDEX deadlines_open_whole ON deadlines (due_date)
  INCLUDE (case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
           met_on, met_at, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
