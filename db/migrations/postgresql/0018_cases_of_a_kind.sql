-- The cases of one kind, newest first (SQLite's 0018 has the same index).
CREATE INDEX cases_of_kind_in_opening_order ON cases (partnership_id, kind, opened_on, id);
