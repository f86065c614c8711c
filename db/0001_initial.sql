-- Honnin Desk store, migration 0001: the initial schema.
-- Never edit this file once released: add 0002_....sql instead (the store records each
-- migration's SHA-256 and refuses to open when a released file has changed).
-- The schema must stay readable by SQLite 3.15 (Debian's sqlcipher 3.4.1 tool opens the
-- store with the recovery key): no STRICT tables, no generated columns, no JSON functions.

CREATE TABLE schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'administrator')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
);

-- Case numbers are "<year of received_on>-<sequence>", one sequence per year.
CREATE TABLE case_sequences (
    year  INTEGER PRIMARY KEY,
    last  INTEGER NOT NULL
);

-- People are named by account name (users.name) throughout: the audit log does the same.
CREATE TABLE cases (
    id                TEXT PRIMARY KEY,  -- 2026-000001
    status            TEXT NOT NULL CHECK (status IN
                          ('intake', 'in_review', 'returned', 'approved', 'rejected', 'closed')),
    received_on       TEXT NOT NULL,     -- ISO date
    intake            TEXT NOT NULL,     -- JSON: the request (CASE.json without documents)
    due_on            TEXT,              -- the verdict's deadline, copied for the queue index
    verdict           TEXT,              -- JSON: the last verdict of the policy engine
    created_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    submitted_by      TEXT,              -- the preparer (four-eyes)
    decided_by        TEXT,
    decided_at        TEXT,
    decision_note     TEXT,
    response_sent_on  TEXT,
    response_kind     TEXT,
    closed_at         TEXT,
    updated_at        TEXT NOT NULL
);
-- The review queue: by status, then due date (no deadline sorts last), then case id.
CREATE INDEX cases_queue ON cases (status, ifnull(due_on, '9999-12-31'), id);
CREATE INDEX cases_due ON cases (ifnull(due_on, '9999-12-31'), id);

-- The principal and representative of each case, copied from the intake for search.
CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('principal', 'representative')),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,        -- folded for search: width, case, no spaces
    birth_date  TEXT,
    address     TEXT,
    UNIQUE (case_id, role)
);
CREATE INDEX persons_name ON persons (name_key, case_id);

CREATE TABLE documents (
    id             INTEGER PRIMARY KEY,
    case_id        TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    holder         TEXT NOT NULL CHECK (holder IN ('principal', 'representative')),
    document_type  TEXT NOT NULL,
    category       TEXT NOT NULL CHECK (category IN ('identity', 'request_form')),
    fields         TEXT NOT NULL DEFAULT '{}',   -- JSON; emptied on disposal
    width          INTEGER NOT NULL,
    height         INTEGER NOT NULL,
    image_sha256   TEXT,                         -- of the masked PNG; kept after disposal
    added_by       TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    disposed_by    TEXT,
    disposed_at    TEXT
);
CREATE INDEX documents_case ON documents (case_id, id);
CREATE INDEX documents_kept ON documents (id) WHERE disposed_at IS NULL;

-- Only masked pages ever reach this table. Disposal deletes the row (secure_delete wipes
-- the pages); the documents row stays as the record of what was checked, by whom, when.
CREATE TABLE document_images (
    document_id  INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    png          BLOB NOT NULL
);

CREATE TABLE masks (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    x            INTEGER NOT NULL,
    y            INTEGER NOT NULL,
    w            INTEGER NOT NULL,
    h            INTEGER NOT NULL,
    origin       TEXT NOT NULL CHECK (origin IN ('automatic', 'operator'))
);
CREATE INDEX masks_document ON masks (document_id);

-- Every status change of a case (the cases row keeps only the last decision).
CREATE TABLE decisions (
    id           INTEGER PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    verdict      TEXT,                 -- verified, more_documents_needed, rejected
    reasons      TEXT NOT NULL DEFAULT '[]',  -- JSON array of reason codes
    note         TEXT,
    decided_by   TEXT NOT NULL,
    decided_at   TEXT NOT NULL
);
CREATE INDEX decisions_case ON decisions (case_id, id);

CREATE TABLE letters (
    id          INTEGER PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    pdf         BLOB NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX letters_case ON letters (case_id, id);

-- Hash chain: hash = SHA-256 of the canonical serialisation of the event including
-- prev_hash. No foreign keys: the log outlives the cases it mentions. details never holds
-- personal data.
CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    case_id      TEXT,
    document_id  INTEGER,
    details      TEXT NOT NULL DEFAULT '{}',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_case ON audit_events (case_id, id);
