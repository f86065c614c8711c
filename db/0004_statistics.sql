-- Honnin Desk store, migration 0004: an index of the yearly statistics.
-- Never edit this file once released: add 0005_....sql instead.
-- The statistics count the cases ever returned and ever rejected; their status history is
-- in decisions, and this index lists each status's cases (from the index alone) instead of
-- a look-up of every case's history. cases_received (0002) serves the period itself.
-- SQLite 3.15 reads it (Debian's sqlcipher 3.4.1 tool): a plain index.

CREATE INDEX decisions_reached ON decisions (to_status, case_id);
