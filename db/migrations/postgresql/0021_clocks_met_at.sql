-- The time an hour-based clock was met (SQLite's 0021 says why), and the index
-- of open clocks made again to carry it.
ALTER TABLE deadlines ADD COLUMN met_at TEXT;
DROP INDEX deadlines_open_whole;
CREATE INDEX deadlines_open_whole ON deadlines (due_date)
  INCLUDE (case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
           met_on, met_at, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
