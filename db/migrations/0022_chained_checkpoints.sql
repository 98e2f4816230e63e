-- Each daily checkpoint signed every case's head: on a national record some
-- 5.6 MB a day, 2 GB a year, all read at once to verify. A checkpoint now
-- signs the heads changed since the one before, with that one's signature
-- (audit.h): each case keeps the version last signed, and the cases past it
-- are found in the index below. The first checkpoint after this migration
-- signs every case, as before; those stored before it have no previous
-- signature and are verified as they were signed.
ALTER TABLE cases ADD COLUMN signed_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX cases_unsigned ON cases (id) WHERE version > signed_version;
ALTER TABLE audit_checkpoints ADD COLUMN previous_signature TEXT;
