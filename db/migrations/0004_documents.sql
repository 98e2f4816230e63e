-- Documents attached to cases: reports, drafts, chronologies, agency returns.
-- The bytes are stored once per content (keyed by their SHA-256), so the same
-- file attached twice is kept once and a backup carries every document.
CREATE TABLE document_contents (
  sha256     TEXT PRIMARY KEY,
  size_bytes INTEGER NOT NULL,
  content    BLOB NOT NULL
);
CREATE TRIGGER document_contents_no_update BEFORE UPDATE ON document_contents
BEGIN
  SELECT RAISE(ABORT, 'document_contents is append-only');
END;

-- One row per attachment; the case's event log records the same hash.
CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  case_id        INTEGER NOT NULL REFERENCES cases (id),
  event_seq      INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  media_type     TEXT NOT NULL,
  size_bytes     INTEGER NOT NULL,
  sha256         TEXT NOT NULL REFERENCES document_contents (sha256),
  uploaded_by    TEXT NOT NULL,
  uploaded_at    TEXT NOT NULL
);
CREATE INDEX documents_by_case ON documents (case_id);
CREATE TRIGGER documents_no_update BEFORE UPDATE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN
  SELECT RAISE(ABORT, 'documents is append-only');
END;
