-- casereview: foreign_keys=off
-- 0003: accounts, roles per partnership, sessions, the access log and signed
-- checkpoints of the audit chain. Case references become unique per partnership
-- (numbered per partnership, so one partnership's numbering reveals nothing of
-- another's), which needs the cases table rebuilt: SQLite's documented procedure,
-- with foreign keys off for this migration only and checked before commit.

CREATE TABLE cases_new (
  id             INTEGER PRIMARY KEY,
  reference      TEXT NOT NULL,
  kind           TEXT NOT NULL,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  state          TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 0),
  head_hash      TEXT NOT NULL,
  opened_on      TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  summary        TEXT NOT NULL,
  parent_case_id INTEGER REFERENCES cases (id),
  relation       TEXT NOT NULL DEFAULT '',
  outcome        TEXT NOT NULL DEFAULT '',
  UNIQUE (partnership_id, reference)
);
INSERT INTO cases_new (id, reference, kind, partnership_id, state, version, head_hash, opened_on, created_at,
                       updated_at, summary, parent_case_id, relation, outcome)
  SELECT id, reference, kind, partnership_id, state, version, head_hash, opened_on, created_at, updated_at, summary,
         parent_case_id, relation, outcome FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE INDEX cases_by_partnership ON cases (partnership_id, kind, state);
CREATE INDEX cases_by_parent ON cases (parent_case_id);

CREATE TABLE case_reference_counters_new (
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  prefix         TEXT NOT NULL,
  year           INTEGER NOT NULL,
  last           INTEGER NOT NULL,
  PRIMARY KEY (partnership_id, prefix, year)
);
INSERT INTO case_reference_counters_new (partnership_id, prefix, year, last)
  SELECT 1, prefix, year, last FROM case_reference_counters;
DROP TABLE case_reference_counters;
ALTER TABLE case_reference_counters_new RENAME TO case_reference_counters;

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,
  display_name         TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  active               INTEGER NOT NULL DEFAULT 1,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  created_at           TEXT NOT NULL,
  created_by           TEXT NOT NULL
);

-- A user's role in each partnership they belong to.
CREATE TABLE memberships (
  user_id        INTEGER NOT NULL REFERENCES users (id),
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  role           TEXT NOT NULL CHECK (role IN ('administrator', 'manager', 'panel_member', 'agency_contributor',
                                               'independent_reviewer', 'scrutineer', 'auditor')),
  agency         TEXT NOT NULL DEFAULT '',
  reviewer_id    INTEGER REFERENCES reviewers (id),
  PRIMARY KEY (user_id, partnership_id)
);

-- Sessions by the SHA-256 of their token: the token itself is never stored.
CREATE TABLE sessions (
  token_hash     TEXT PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  csrf_token     TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  last_seen_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  revoked        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- Every read of a child's identifying details. Append-only.
CREATE TABLE access_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  username       TEXT NOT NULL,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  case_id        INTEGER REFERENCES cases (id),
  what           TEXT NOT NULL,
  reason         TEXT NOT NULL
);
CREATE INDEX access_log_by_case ON access_log (case_id);
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN
  SELECT RAISE(ABORT, 'access_log is append-only');
END;

-- Signed checkpoints of every case's chain head (HMAC with the server key, which
-- is kept outside the database).
CREATE TABLE audit_checkpoints (
  id         INTEGER PRIMARY KEY,
  taken_at   TEXT NOT NULL,
  taken_by   TEXT NOT NULL,
  heads      TEXT NOT NULL,
  signature  TEXT NOT NULL
);
