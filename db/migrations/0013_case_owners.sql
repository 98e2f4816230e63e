-- The case owner: the person in the partnership's business unit who looks after
-- a case day to day (engine/include/casereview/engine/case_owner.h). Each change
-- is also an event in the case's chain ("owner_assigned", "owner_removed"); this
-- row is the owner now, and a case without one has no row.
CREATE TABLE case_owners (
  case_id     INTEGER PRIMARY KEY REFERENCES cases (id),
  user_id     INTEGER NOT NULL REFERENCES users (id),
  assigned_by TEXT NOT NULL,
  assigned_at TEXT NOT NULL
);
CREATE INDEX case_owners_by_user ON case_owners (user_id);
