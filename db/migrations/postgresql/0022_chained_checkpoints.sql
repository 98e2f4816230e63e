-- Checkpoints chained, each signing the heads changed since the one before
-- (SQLite's 0022 says why): the version each case was last signed at, the
-- index of the cases past it, and each checkpoint's predecessor's signature.
ALTER TABLE cases ADD COLUMN signed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX cases_unsigned ON cases (id) WHERE version > signed_version;
ALTER TABLE audit_checkpoints ADD COLUMN previous_signature TEXT;
