-- Honnin Desk store, migration 0002: indexes of the desktop case list.
-- Never edit this file once released: add 0003_....sql instead.
-- The list sorts by case number, received date, status or due date (each both ways) and
-- filters by status and by operator (the preparer, else the account that opened the case);
-- every sort, alone or under one equality filter, is served in index order so that a keyset
-- page is an index seek. Descending pages walk the same indexes backwards.
-- Plain expression indexes only (SQLite 3.15 reads them: Debian's sqlcipher 3.4.1 tool).

CREATE INDEX cases_received ON cases (received_on, id);
CREATE INDEX cases_status_id ON cases (status, id);
CREATE INDEX cases_status_received ON cases (status, received_on, id);

CREATE INDEX cases_operator_id ON cases (ifnull(submitted_by, created_by), id);
CREATE INDEX cases_operator_received ON cases (ifnull(submitted_by, created_by), received_on, id);
CREATE INDEX cases_operator_status
    ON cases (ifnull(submitted_by, created_by), status, ifnull(due_on, '9999-12-31'), id);
CREATE INDEX cases_operator_due
    ON cases (ifnull(submitted_by, created_by), ifnull(due_on, '9999-12-31'), id);
