-- Indexes for the reads every page makes, and a trigger that measures bytes.
--
-- The list of cases is newest first; without an index in that order SQLite
-- sorted every case of the partnership, text and all, to give the first 50
-- (about 100 ms on 50,000 cases).
CREATE INDEX cases_in_opening_order ON cases (partnership_id, opened_on, id);

-- The returns still owed (the dashboard, reminders): a few hundred among a
-- national record's quarter of a million requests.
CREATE INDEX agency_requests_outstanding ON agency_requests (case_id) WHERE returned_on IS NULL;

-- 0012's trigger measured content with length(), which counts the characters
-- of text up to its first NUL: a content stored as text and starting with a
-- zero byte passed for erased. Bytes are what erasure empties.
DROP TRIGGER document_contents_erase_only;
CREATE TRIGGER document_contents_erase_only BEFORE UPDATE ON document_contents
WHEN NEW.sha256 <> OLD.sha256 OR NEW.size_bytes <> OLD.size_bytes
  OR NOT (length(CAST(NEW.content AS BLOB)) = 0 OR length(CAST(OLD.content AS BLOB)) = 0)
BEGIN
  SELECT RAISE(ABORT, 'a document''s content is only ever erased, or given again once erased');
END;
