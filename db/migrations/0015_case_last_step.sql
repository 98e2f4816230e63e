-- The effective date of each case's last step: its last event (by sequence)
-- that is neither a retention event nor a case owner's (engine/retention.h,
-- last_step_on). CaseRepository::append keeps it; before, every read of which
-- cases a period picks, and of when a closed case's retention began, looked
-- for it among the case's events. Filled here for the cases already stored.
ALTER TABLE cases ADD COLUMN last_step_on TEXT;
UPDATE cases SET last_step_on = (
  SELECT e.effective_date FROM case_events e
  WHERE e.case_id = cases.id AND e.type NOT IN
    ('legal_hold_placed', 'legal_hold_lifted', 'identity_erased', 'owner_assigned', 'owner_removed')
  ORDER BY e.seq DESC LIMIT 1);
