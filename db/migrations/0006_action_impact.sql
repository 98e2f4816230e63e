-- What a completed action changed, as partnerships report learning: learning,
-- then the action, the evidence it was done, and the difference it made.
-- Projected from the action's update events like the other columns; actions
-- recorded before it have none.
ALTER TABLE case_actions ADD COLUMN impact TEXT NOT NULL DEFAULT '';
