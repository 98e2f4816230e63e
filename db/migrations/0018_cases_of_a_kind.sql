-- The cases of one kind, newest first: the case list filtered by kind, and
-- the reports, which read the notifications, rapid reviews and local reviews
-- of a period kind by kind. With only 0017's index SQLite read every case of
-- the partnership, looking up each row to test its kind (three times for a
-- yearly report); this one holds the kind, so it reads that kind's alone.
CREATE INDEX cases_of_kind_in_opening_order ON cases (partnership_id, kind, opened_on, id);
