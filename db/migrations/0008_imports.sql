-- Spreadsheets imported into a partnership: one row per file whose cases were
-- written, so that the same file (the same SHA-256) is never imported twice,
-- and one row per spreadsheet row, so that the same case (the sheet's own
-- reference) is never imported twice from another file either (an export of
-- an overlapping period, a file saved again). The events an import records
-- carry the same hash and reference (case_import.h); a dry run writes nothing
-- here.
CREATE TABLE imports (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  sheet          TEXT NOT NULL,
  file_sha256    TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  rows_imported  INTEGER NOT NULL,
  imported_by    TEXT NOT NULL,
  imported_at    TEXT NOT NULL,
  UNIQUE (partnership_id, file_sha256)
);
CREATE TABLE imported_rows (
  import_id        INTEGER NOT NULL REFERENCES imports (id),
  partnership_id   INTEGER NOT NULL REFERENCES partnerships (id),
  sheet            TEXT NOT NULL,
  source_reference TEXT NOT NULL,
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  UNIQUE (partnership_id, sheet, source_reference)
);
