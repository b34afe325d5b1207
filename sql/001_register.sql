-- 001_register.sql — the arrival register, originals, quarantine, audit trail.
-- Applied inside one transaction together with PRAGMA user_version = 1.

-- Original message bytes (legal evidence): written once, never changed.
CREATE TABLE raw_messages (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    size        INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    bytes       BLOB NOT NULL
);

-- Gap-free numbering: one row per year, bumped in the registering transaction.
CREATE TABLE counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    received_at   INTEGER NOT NULL,
    sent_at       INTEGER,
    sender_addr   TEXT,
    sender_name   TEXT,
    recipients    TEXT,
    cc            TEXT,
    subject       TEXT,
    body          TEXT,
    message_id    TEXT,
    in_reply_to   TEXT,
    refs          TEXT,
    kind          TEXT NOT NULL,
    department    TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'registered',
    needs_triage  INTEGER NOT NULL DEFAULT 0,
    urgent        INTEGER NOT NULL DEFAULT 0,
    due_date      TEXT,
    closure_code  TEXT,
    reply_number  TEXT,
    n_attachments INTEGER NOT NULL DEFAULT 0,
    raw_id        INTEGER NOT NULL REFERENCES raw_messages(id),
    source        TEXT,
    account       TEXT,
    UNIQUE (year, seq)
);
CREATE INDEX entries_received ON entries(received_at);
CREATE INDEX entries_status ON entries(status, due_date);
CREATE INDEX entries_dept ON entries(department);
CREATE INDEX entries_msgid ON entries(message_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    entry_id     INTEGER NOT NULL REFERENCES entries(id),
    idx          INTEGER NOT NULL,
    filename     TEXT,
    content_type TEXT,
    size         INTEGER NOT NULL,
    bytes        BLOB NOT NULL,
    UNIQUE (entry_id, idx)
);

-- raw_id is NULL only for a message refused before download (over the size
-- cap): its original then stays in the IMAP quarantine folder, named by imap_ref.
CREATE TABLE quarantine (
    id          INTEGER PRIMARY KEY,
    raw_id      INTEGER REFERENCES raw_messages(id),
    size        INTEGER,
    imap_ref    TEXT,
    received_at INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    source      TEXT,
    account     TEXT,
    status      TEXT NOT NULL DEFAULT 'held'
                CHECK (status IN ('held', 'registered', 'dismissed')),
    entry_id    INTEGER REFERENCES entries(id)
);

-- Audit trail: every change to an entry (or a quarantined message).
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    entry_id      INTEGER REFERENCES entries(id),
    quarantine_id INTEGER REFERENCES quarantine(id),
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    detail        TEXT
);
CREATE INDEX events_entry ON events(entry_id, id);

-- IMAP bookkeeping: the high-water mark per mailbox, and every UID handled.
CREATE TABLE imap_state (
    account     TEXT NOT NULL,
    mailbox     TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL,
    PRIMARY KEY (account, mailbox)
);
CREATE TABLE imap_seen (
    account     TEXT NOT NULL,
    mailbox     TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid         INTEGER NOT NULL,
    raw_id      INTEGER REFERENCES raw_messages(id),
    quarantined INTEGER NOT NULL DEFAULT 0,   -- 1: belongs in the quarantine folder
    PRIMARY KEY (account, mailbox, uidvalidity, uid)
);

-- Full-text search over the normalised text (see norm.h); rowid = entries.id.
CREATE VIRTUAL TABLE entries_fts USING fts5(
    subject, body, sender, attachments,
    content = '', tokenize = 'unicode61 remove_diacritics 2'
);

-- The register is an archive: entries and originals are never deleted,
-- and a number, once given, never changes.
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END;
CREATE TRIGGER entries_no_renumber BEFORE UPDATE OF number, year, seq, raw_id ON entries
BEGIN SELECT RAISE(ABORT, 'register entries are never renumbered'); END;
CREATE TRIGGER raw_no_delete BEFORE DELETE ON raw_messages
BEGIN SELECT RAISE(ABORT, 'original messages are never deleted'); END;
CREATE TRIGGER raw_no_update BEFORE UPDATE ON raw_messages
BEGIN SELECT RAISE(ABORT, 'original messages are never altered'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'history is never deleted'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'history is never altered'); END;
