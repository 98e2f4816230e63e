-- The cases of one kind with a step since a day (SQLite's 0019 has the same index).
CREATE INDEX cases_of_kind_by_latest_step ON cases (partnership_id, kind, (COALESCE(latest_step_on, opened_on)));
