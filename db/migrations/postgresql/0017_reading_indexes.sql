-- Indexes for the reads every page makes (SQLite's 0017 has the same two).
-- The document trigger SQLite's 0017 mends already measures BYTEA in bytes
-- here (0016's baseline).

-- The list of cases, newest first.
CREATE INDEX cases_in_opening_order ON cases (partnership_id, opened_on, id);

-- The returns still owed (the dashboard, reminders).
CREATE INDEX agency_requests_outstanding ON agency_requests (case_id) WHERE returned_on IS NULL;
