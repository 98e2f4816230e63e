-- The cases of one kind with a step since a day: the yearly and CDOP annual
-- reports read the notifications, rapid reviews and deaths with a step in
-- their period (CaseFilter's ActiveInPeriod::only_stepped). With 0018's index
-- SQLite read every case of the kind opened before the period's end (40,000
-- deaths over ten years) to keep the few thousand stepped in it. The
-- expression is the filter's own (case_filter_clause.cpp): SQLite uses an
-- index on an expression only for the same expression.
CREATE INDEX cases_of_kind_by_latest_step ON cases (partnership_id, kind, COALESCE(latest_step_on, opened_on));
