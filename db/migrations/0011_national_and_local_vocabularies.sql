-- casereview: foreign_keys=off
-- National and local vocabularies (engine/include/casereview/engine/vocabulary.h).
-- The national codes are kept by the national vocabulary editor, a new role;
-- a partnership adds local codes only it sees, and retires codes for itself.
-- Every code in the store before this migration was shared by all partnerships
-- and stays national, as active or retired as it was.

-- The memberships' role check gains national_editor (SQLite cannot change a
-- CHECK, so the table is rebuilt; nothing refers to it).
CREATE TABLE memberships_new (
  user_id        INTEGER NOT NULL REFERENCES users (id),
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  role           TEXT NOT NULL CHECK (role IN ('administrator', 'manager', 'panel_member', 'agency_contributor',
                                               'independent_reviewer', 'scrutineer', 'auditor',
                                               'national_editor')),
  agency         TEXT NOT NULL DEFAULT '',
  reviewer_id    INTEGER REFERENCES reviewers (id),
  PRIMARY KEY (user_id, partnership_id)
);
INSERT INTO memberships_new (user_id, partnership_id, role, agency, reviewer_id)
  SELECT user_id, partnership_id, role, agency, reviewer_id FROM memberships;
DROP TABLE memberships;
ALTER TABLE memberships_new RENAME TO memberships;

-- A code belongs to the nation (partnership_id NULL) or to one partnership.
-- One code means one thing to whoever can see it: the repository refuses a
-- local code that is national, or a national code some partnership holds.
CREATE TABLE factor_vocabulary_new (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL,
  partnership_id INTEGER REFERENCES partnerships (id),
  domain         TEXT NOT NULL CHECK (domain IN ('child', 'social_environment', 'physical_environment',
                                                 'service_provision')),
  label          TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1,
  added_by       TEXT NOT NULL,
  added_at       TEXT NOT NULL
);
INSERT INTO factor_vocabulary_new (code, partnership_id, domain, label, active, added_by, added_at)
  SELECT code, NULL, domain, label, active, added_by, added_at FROM factor_vocabulary ORDER BY rowid;
DROP TABLE factor_vocabulary;
ALTER TABLE factor_vocabulary_new RENAME TO factor_vocabulary;
CREATE UNIQUE INDEX factor_codes_national ON factor_vocabulary (code) WHERE partnership_id IS NULL;
CREATE UNIQUE INDEX factor_codes_local ON factor_vocabulary (partnership_id, code) WHERE partnership_id IS NOT NULL;

CREATE TABLE theme_vocabulary_new (
  id             INTEGER PRIMARY KEY,
  code           TEXT NOT NULL,
  partnership_id INTEGER REFERENCES partnerships (id),
  label          TEXT NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1,
  added_by       TEXT NOT NULL,
  added_at       TEXT NOT NULL
);
INSERT INTO theme_vocabulary_new (code, partnership_id, label, active, added_by, added_at)
  SELECT code, NULL, label, active, added_by, added_at FROM theme_vocabulary ORDER BY rowid;
DROP TABLE theme_vocabulary;
ALTER TABLE theme_vocabulary_new RENAME TO theme_vocabulary;
CREATE UNIQUE INDEX theme_codes_national ON theme_vocabulary (code) WHERE partnership_id IS NULL;
CREATE UNIQUE INDEX theme_codes_local ON theme_vocabulary (partnership_id, code) WHERE partnership_id IS NOT NULL;

-- A national code one partnership no longer uses. Its `active` column stays as
-- the national editor set it; a local code is retired in its own row.
CREATE TABLE vocabulary_retirements (
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  vocabulary     TEXT NOT NULL CHECK (vocabulary IN ('factors', 'themes')),
  code           TEXT NOT NULL,
  retired_by     TEXT NOT NULL,
  retired_at     TEXT NOT NULL,
  PRIMARY KEY (partnership_id, vocabulary, code)
);

-- Which scope each recorded change was made in (NULL: national, as every
-- change before this migration was).
ALTER TABLE vocabulary_changes ADD COLUMN partnership_id INTEGER REFERENCES partnerships (id);
