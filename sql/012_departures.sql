-- 012_departures.sql — the departure register (سجل الصادرات): every letter
-- that leaves, numbered gap-free within the year in its own counter, with
-- the draft it came from, its approvals (visa), the arrivals it answers and
-- the exact bytes that left. Code: service/departures/.
--
-- A number is taken only in the transaction that records the last approval
-- (a draft thrown away leaves no gap); the mail is composed in that same
-- transaction and its bytes kept in departure_mails, which never change:
-- the outbox row points at them (outbox.departure_mail_id) and sends them
-- as they are, so what is stored is what left.

CREATE TABLE departure_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- A draft answer (or spontaneous letter, entry_id NULL) and its circuit.
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER REFERENCES entries(id),
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'returned', 'approved', 'cancelled')),
    circuit      TEXT NOT NULL,        -- 'none', 'head' or 'head,director' (at drafting)
    step         INTEGER NOT NULL DEFAULT 0,  -- approvals given on the current text
    department   TEXT,                 -- whose head approves
    addressees   TEXT NOT NULL,        -- comma-separated addresses
    addressee_name TEXT,
    subject      TEXT NOT NULL,
    body_ar      TEXT,
    body_fr      TEXT,
    closure_code TEXT,                 -- NULL: answered
    template     TEXT,                 -- canned answer it started from, or NULL
    drafter      TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX drafts_entry ON drafts(entry_id, state);

-- The other arrivals one answer closes (the draft's entry_id is the first).
CREATE TABLE draft_arrivals (
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    PRIMARY KEY (draft_id, entry_id)
);

CREATE TABLE draft_attachments (
    id           INTEGER PRIMARY KEY,
    draft_id     INTEGER NOT NULL REFERENCES drafts(id),
    idx          INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    bytes        BLOB NOT NULL,
    UNIQUE (draft_id, idx)
);

-- Every step of a draft's life, with who (also mirrored on the entry).
CREATE TABLE draft_events (
    id       INTEGER PRIMARY KEY,
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    at       INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    role     TEXT,
    detail   TEXT
);
CREATE INDEX draft_events_draft ON draft_events(draft_id, id);

CREATE TABLE departures (
    id           INTEGER PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    year         INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    sent_at      INTEGER NOT NULL,     -- the departure's date (the approval)
    draft_id     INTEGER NOT NULL UNIQUE REFERENCES drafts(id),
    addressees   TEXT NOT NULL,
    addressee_name TEXT,
    subject      TEXT NOT NULL,
    body_ar      TEXT,
    body_fr      TEXT,
    closure_code TEXT,
    department   TEXT,
    n_attachments INTEGER NOT NULL DEFAULT 0,
    drafter      TEXT NOT NULL,
    approvers    TEXT,                 -- "name (role), ..." in order
    UNIQUE (year, seq)
);
CREATE INDEX departures_sent ON departures(sent_at);

CREATE TABLE departure_arrivals (
    departure_id INTEGER NOT NULL REFERENCES departures(id),
    entry_id     INTEGER NOT NULL REFERENCES entries(id),
    PRIMARY KEY (departure_id, entry_id)
);
CREATE INDEX departure_arrivals_entry ON departure_arrivals(entry_id);

CREATE TABLE departure_attachments (
    departure_id INTEGER NOT NULL REFERENCES departures(id),
    idx          INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    PRIMARY KEY (departure_id, idx)
);

-- The composed message for each addressee, exactly as it left.
CREATE TABLE departure_mails (
    id           INTEGER PRIMARY KEY,
    departure_id INTEGER NOT NULL REFERENCES departures(id),
    rcpt         TEXT NOT NULL,
    message_id   TEXT NOT NULL UNIQUE,
    sha256       TEXT NOT NULL,
    bytes        BLOB NOT NULL
);

ALTER TABLE outbox ADD COLUMN departure_mail_id INTEGER REFERENCES departure_mails(id);

-- The outbox's purpose list gains 'departure'. Widening a CHECK leaves
-- every stored row valid and the file format unchanged, the case SQLite's
-- documentation (lang_altertable.html, "other kinds of table schema
-- changes") allows through writable_schema; the other columns, whoever
-- added them, are left as they are.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''digest'')', '''digest'', ''departure'')')
 WHERE type = 'table' AND name = 'outbox';
PRAGMA writable_schema = RESET;

CREATE TRIGGER departures_no_delete BEFORE DELETE ON departures
BEGIN SELECT RAISE(ABORT, 'departures are never deleted'); END;
CREATE TRIGGER departures_no_renumber BEFORE UPDATE ON departures
BEGIN SELECT RAISE(ABORT, 'departures are never renumbered or altered'); END;
CREATE TRIGGER departure_mails_no_delete BEFORE DELETE ON departure_mails
BEGIN SELECT RAISE(ABORT, 'sent letters are never deleted'); END;
CREATE TRIGGER departure_mails_no_update BEFORE UPDATE ON departure_mails
BEGIN SELECT RAISE(ABORT, 'sent letters are never altered'); END;
CREATE TRIGGER departure_arrivals_no_change BEFORE DELETE ON departure_arrivals
BEGIN SELECT RAISE(ABORT, 'departures are never unlinked'); END;
CREATE TRIGGER departure_attachments_no_delete BEFORE DELETE ON departure_attachments
BEGIN SELECT RAISE(ABORT, 'departures are never altered'); END;
CREATE TRIGGER draft_events_no_delete BEFORE DELETE ON draft_events
BEGIN SELECT RAISE(ABORT, 'history is never deleted'); END;
CREATE TRIGGER draft_events_no_update BEFORE UPDATE ON draft_events
BEGIN SELECT RAISE(ABORT, 'history is never altered'); END;
CREATE TRIGGER drafts_no_delete BEFORE DELETE ON drafts
BEGIN SELECT RAISE(ABORT, 'drafts are never deleted (cancel them)'); END;
CREATE TRIGGER drafts_approved_frozen BEFORE UPDATE ON drafts WHEN OLD.state = 'approved'
BEGIN SELECT RAISE(ABORT, 'an approved draft never changes'); END;
