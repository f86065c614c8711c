-- Honnin Desk store, migration 0003: letters as records of what was sent, how and when.
-- Never edit this file once released: add 0004_....sql instead.
-- The app sends nothing itself (it is offline): the operator posts the letter or attaches
-- its PDF to an email and records here how, on which date and who did it.
-- SQLite 3.15 reads it (Debian's sqlcipher 3.4.1 tool): plain ADD COLUMN, no STRICT.

ALTER TABLE letters ADD COLUMN delivery_channel TEXT
    CHECK (delivery_channel IS NULL OR delivery_channel IN ('post', 'email_attachment'));
ALTER TABLE letters ADD COLUMN delivered_on TEXT;    -- ISO date the letter went out
ALTER TABLE letters ADD COLUMN delivered_by TEXT;    -- account name (users.name)
ALTER TABLE letters ADD COLUMN delivery_recorded_at TEXT;
