-- The latest effective date among each case's steps (the events that are
-- neither retention's nor a case owner's), beside 0015's date of the last one
-- recorded: a step recorded after the case closed may carry an earlier date
-- (an action agreed at a meeting before), so the last recorded can be earlier
-- than a step the case had. Which cases a period picks (a step on or after its
-- first day) is read from this one; retention keeps reading the last recorded.
-- Filled here for the cases already stored; CaseRepository::append keeps it.
ALTER TABLE cases ADD COLUMN latest_step_on TEXT;
UPDATE cases SET latest_step_on = (
  SELECT MAX(e.effective_date) FROM case_events e
  WHERE e.case_id = cases.id AND e.type NOT IN
    ('legal_hold_placed', 'legal_hold_lifted', 'identity_erased', 'owner_assigned', 'owner_removed'));
