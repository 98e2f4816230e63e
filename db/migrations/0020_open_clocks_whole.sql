-- The open clocks with every column a clock is read with: the dashboard, the
-- timeliness pages and the case list's "due within" and "overdue" filters read
-- every open clock of the partnership (about 4,000 of the 150,000 clocks of a
-- ten-year national record). Through 0001's deadlines_open, which holds only
-- the due date, SQLite looked up each clock's row in the table as well; this
-- index holds the whole clock, in the same order, so those reads stay in it.
-- It replaces deadlines_open, of which it is an extension.
CREATE INDEX deadlines_open_whole ON deadlines
  (due_date, case_id, rule_id, amount, unit, anchor_id, anchor_date, anchor_at, due_at, provisional, remaining,
   met_on, ended_on, pauses)
  WHERE met_on IS NULL AND ended_on IS NULL;
DROP INDEX deadlines_open;
