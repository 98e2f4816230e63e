-- Retention and erasure (engine/include/casereview/engine/retention.h).

-- How many years after closure a partnership keeps a kind of case's identity;
-- a kind without a row keeps the shipped default.
CREATE TABLE retention_periods (
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  case_kind      TEXT NOT NULL,
  years          INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
  reason         TEXT NOT NULL,
  set_by         TEXT NOT NULL,
  set_at         TEXT NOT NULL,
  PRIMARY KEY (partnership_id, case_kind)
);

-- A case whose identity must be kept whatever its retention says (litigation,
-- an inquiry, a police investigation). Placing and lifting are also events in
-- the case's chain; this row is the hold in force.
CREATE TABLE legal_holds (
  case_id   INTEGER PRIMARY KEY REFERENCES cases (id),
  reason    TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  placed_at TEXT NOT NULL
);

-- A case whose child's identity was erased: its case_subjects row (the details
-- and the salt of the commitment in its first event) is gone, and so is the
-- content of its documents that no other case holds. The pseudonym it had is
-- kept so that redacted views still follow the same child.
CREATE TABLE identity_erasures (
  case_id            INTEGER PRIMARY KEY REFERENCES cases (id),
  pseudonym          TEXT NOT NULL,
  reason             TEXT NOT NULL,
  documents_erased   INTEGER NOT NULL,
  erased_by          TEXT NOT NULL,
  erased_at          TEXT NOT NULL
);
CREATE TRIGGER identity_erasures_no_update BEFORE UPDATE ON identity_erasures
BEGIN
  SELECT RAISE(ABORT, 'an erasure is never changed');
END;
CREATE TRIGGER identity_erasures_no_delete BEFORE DELETE ON identity_erasures
BEGIN
  SELECT RAISE(ABORT, 'an erasure is never undone');
END;

-- A document's content may now be erased (emptied: its row, size and hash stay,
-- since each document and the case's chain refer to them), and an erased
-- content given again by an upload of the very same bytes; nothing else changes it.
DROP TRIGGER document_contents_no_update;
CREATE TRIGGER document_contents_erase_only BEFORE UPDATE ON document_contents
WHEN NEW.sha256 <> OLD.sha256 OR NEW.size_bytes <> OLD.size_bytes
  OR NOT (length(NEW.content) = 0 OR length(OLD.content) = 0)
BEGIN
  SELECT RAISE(ABORT, 'a document''s content is only ever erased, or given again once erased');
END;
