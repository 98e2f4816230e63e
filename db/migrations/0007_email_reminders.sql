-- 0007: e-mail reminders. Users get an e-mail address (where their reminders
-- go; none by default), and every reminder e-mail is recorded before it is
-- sent: the claim that makes it go out once per recipient, item and day however
-- many processes send at the same time (engine/include/casereview/engine/reminder_sender.h).

ALTER TABLE users ADD COLUMN email TEXT;

CREATE TABLE reminder_sends (
  id             INTEGER PRIMARY KEY,
  partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
  kind           TEXT NOT NULL CHECK (kind IN ('digest', 'escalation', 'agency_request')),
  item_key       TEXT NOT NULL,
  recipient      TEXT NOT NULL,
  day            TEXT NOT NULL,
  subject        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'failed')),
  attempts       INTEGER NOT NULL CHECK (attempts >= 1),
  claimed_by     TEXT NOT NULL,
  claimed_at     TEXT NOT NULL,
  sent_at        TEXT,
  last_error     TEXT NOT NULL DEFAULT '',
  UNIQUE (item_key, recipient, day)
);
CREATE INDEX reminder_sends_by_day ON reminder_sends (partnership_id, day);
