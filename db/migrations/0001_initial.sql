-- 0001: cases with their hash-chained event log, deadline projection, bank-holiday
-- calendar, partnership rule settings.
-- Dates are ISO 8601 text ("YYYY-MM-DD"), instants "YYYY-MM-DDTHH:MM:SSZ" (UTC):
-- text sorts correctly, and reads the same in SQLite and PostgreSQL.

CREATE TABLE partnerships (
  id   INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
INSERT INTO partnerships (id, code, name) VALUES (1, 'default', 'Default partnership');

CREATE TABLE cases (
  id             INTEGER PRIMARY KEY,
  reference      TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  state          TEXT NOT NULL,
  version        INTEGER NOT NULL CHECK (version >= 0),
  head_hash      TEXT NOT NULL,
  opened_on      TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  summary        TEXT NOT NULL
);
CREATE INDEX cases_by_partnership ON cases (partnership_id, kind, state);

CREATE TABLE case_reference_counters (
  prefix TEXT NOT NULL,
  year   INTEGER NOT NULL,
  last   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
);

-- The record. Rows are only ever inserted: the triggers below refuse changes, and
-- the hash chain (see engine/include/casereview/engine/event.h) reveals any made
-- behind the database's back.
CREATE TABLE case_events (
  case_id        INTEGER NOT NULL REFERENCES cases (id),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  type           TEXT NOT NULL,
  actor          TEXT NOT NULL,
  recorded_at    TEXT NOT NULL,
  effective_date TEXT NOT NULL,
  payload        TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN
  SELECT RAISE(ABORT, 'case_events is append-only');
END;

-- Projection of each case's clocks, rebuilt from the events on every change.
CREATE TABLE deadlines (
  case_id     INTEGER NOT NULL REFERENCES cases (id),
  rule_id     TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  unit        TEXT NOT NULL,
  anchor_id   TEXT NOT NULL,
  anchor_date TEXT NOT NULL,
  anchor_at   TEXT,
  due_date    TEXT,           -- NULL while paused
  due_at      TEXT,           -- hour-based rules only
  provisional INTEGER NOT NULL DEFAULT 0,
  remaining   INTEGER,        -- while paused: units left
  met_on      TEXT,
  ended_on    TEXT,
  pauses      TEXT NOT NULL,  -- JSON array of {"from","to","reason"}
  PRIMARY KEY (case_id, rule_id)
);
CREATE INDEX deadlines_open ON deadlines (due_date) WHERE met_on IS NULL AND ended_on IS NULL;

CREATE TABLE bank_holidays (
  date  TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  notes TEXT NOT NULL
);

CREATE TABLE calendar_loads (
  revision   INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,
  loaded_by  TEXT NOT NULL,
  loaded_at  TEXT NOT NULL,
  first_year INTEGER NOT NULL,
  last_year  INTEGER NOT NULL
);

CREATE TABLE rule_settings (
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  rule_id        TEXT NOT NULL,
  amount         INTEGER,
  anchor_id      TEXT,
  changed_by     TEXT NOT NULL,
  changed_at     TEXT NOT NULL,
  PRIMARY KEY (partnership_id, rule_id)
);
