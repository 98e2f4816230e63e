-- A page that names many children (a manager's dashboard names 25, a search
-- by family name up to 100) once logged a row for each child on every answer,
-- and each row's entry in access_log_by_case fell on a page of the index of
-- its own: the writer wrote about 90 pages to the write-ahead log for each
-- commit of half a dozen dashboards. The children such a page names are now
-- kept once (access_pages, found again by a digest of their ids in order),
-- and each answer logs one row that points at them (access_log.page_id).
-- Reading the log gives one entry for each child, as before
-- (SqlAccessLogRepository::list).
CREATE TABLE access_pages (
  id     INTEGER PRIMARY KEY,
  digest TEXT NOT NULL UNIQUE   -- SHA-256 (hex) of the case ids in order, comma-separated
);
CREATE TABLE access_page_cases (
  page_id  INTEGER NOT NULL REFERENCES access_pages (id),
  position INTEGER NOT NULL,   -- 0, 1, … in the order the page named them
  case_id  INTEGER NOT NULL REFERENCES cases (id),
  PRIMARY KEY (page_id, position)
) WITHOUT ROWID;
CREATE INDEX access_page_cases_by_case ON access_page_cases (case_id, page_id);

ALTER TABLE access_log ADD COLUMN page_id INTEGER REFERENCES access_pages (id);
CREATE INDEX access_log_by_page ON access_log (page_id) WHERE page_id IS NOT NULL;
-- A row of a page has no case of its own: the index by case holds only rows
-- that do, so that a page's rows do not fill it with NULLs.
DROP INDEX access_log_by_case;
CREATE INDEX access_log_by_case ON access_log (case_id) WHERE case_id IS NOT NULL;

CREATE TRIGGER access_pages_no_update BEFORE UPDATE ON access_pages
BEGIN
  SELECT RAISE(ABORT, 'access_pages is append-only');
END;
CREATE TRIGGER access_pages_no_delete BEFORE DELETE ON access_pages
BEGIN
  SELECT RAISE(ABORT, 'access_pages is append-only');
END;
CREATE TRIGGER access_page_cases_no_update BEFORE UPDATE ON access_page_cases
BEGIN
  SELECT RAISE(ABORT, 'access_page_cases is append-only');
END;
CREATE TRIGGER access_page_cases_no_delete BEFORE DELETE ON access_page_cases
BEGIN
  SELECT RAISE(ABORT, 'access_page_cases is append-only');
END;
