-- A user's calendar subscription: a secret address that a calendar program
-- reads without signing in. Only the SHA-256 of the secret is kept. A user has
-- at most one live address per partnership: making a new one or revoking it
-- ends the old one, which then answers 404.
CREATE TABLE calendar_feeds (
  token_hash     TEXT PRIMARY KEY,
  user_id        INTEGER NOT NULL REFERENCES users (id),
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  created_at     TEXT NOT NULL,
  revoked_at     TEXT
);
CREATE INDEX calendar_feeds_by_user ON calendar_feeds (user_id, partnership_id);
