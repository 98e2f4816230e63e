-- The open clocks with every column a clock is read with (SQLite's 0020 has
-- the same columns in its key): here the others are carried by INCLUDE, so
-- that an index-only scan reads the open clocks without their table.
CREATE INDEX deadlines_open_whole ON deadlines (due_date)
  INCLUDE (case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
           met_on, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
DROP INDEX deadlines_open;
