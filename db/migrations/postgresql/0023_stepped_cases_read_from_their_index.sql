-- 0019's index of the cases of one kind by their latest step, holding the
-- columns a report reads of them (SQLite's 0023 says why), so that
-- PostgreSQL can answer from the index alone (an index-only scan): every
-- column the query names must be in it, the id and the latest step's date
-- too, which SQLite's index holds without naming them (the row id, and the
-- expression the filter compares).
DROP INDEX cases_of_kind_by_latest_step;
CREATE INDEX cases_of_kind_by_latest_step ON cases (partnership_id, kind, (COALESCE(latest_step_on, opened_on)))
  INCLUDE (opened_on, reference, state, version, parent_case_id, id, latest_step_on);
