-- The reports read a few kinds of event across every case of a partnership
-- (CaseRepository::events_of_types): a child death's notification and panel
-- review, a rapid review's decision. Without this index each report read every
-- event of every case; with it, only the events of the types asked for.
CREATE INDEX case_events_by_type ON case_events (type, case_id);
