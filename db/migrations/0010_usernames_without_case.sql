-- Usernames do not differ by letter case: "Demo.Manager" is demo.manager.
-- Sign-in and the checks before adding a user compare them with COLLATE
-- NOCASE (usernames are ASCII: passwords.h); this index serves that lookup, and
-- the triggers refuse a new or renamed account that differs from another only
-- in case. Accounts made before that differ only in case are left as they are
-- (neither loses anything): sign-in prefers the exact spelling.
CREATE INDEX users_by_username_without_case ON users (username COLLATE NOCASE);
CREATE TRIGGER users_username_unique_without_case_insert BEFORE INSERT ON users
WHEN EXISTS (SELECT 1 FROM users WHERE username = NEW.username COLLATE NOCASE)
BEGIN
  SELECT RAISE(ABORT, 'a user with this username in another letter case exists');
END;
CREATE TRIGGER users_username_unique_without_case_update BEFORE UPDATE OF username ON users
WHEN EXISTS (SELECT 1 FROM users WHERE username = NEW.username COLLATE NOCASE AND id <> NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'a user with this username in another letter case exists');
END;
