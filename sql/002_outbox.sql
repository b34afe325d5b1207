-- 002_outbox.sql — mail that leaves: the durable outbox, follow-ups attached
-- to entries, and the per-recipient daily counters of automatic mail.
-- Applied inside one transaction together with PRAGMA user_version = 2.

-- One row per (message, recipient). The bytes are composed when the row is
-- written, so every retry sends the same bytes and the same Message-ID.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER REFERENCES entries(id),
    purpose         TEXT NOT NULL
                    CHECK (purpose IN ('ack', 'routed', 'status', 'followup',
                                       'reminder', 'digest')),
    rcpt            TEXT NOT NULL,
    message_id      TEXT NOT NULL UNIQUE,
    bytes           BLOB NOT NULL,
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    claim_pid       INTEGER,
    claimed_at      INTEGER,
    possible_duplicates INTEGER NOT NULL DEFAULT 0,
    dsn_raw_id      INTEGER REFERENCES raw_messages(id)
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_entry ON outbox(entry_id);

-- Messages attached to an existing entry as follow-ups (same sender).
CREATE TABLE followups (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries(id),
    raw_id      INTEGER NOT NULL REFERENCES raw_messages(id),
    from_addr   TEXT,
    subject     TEXT,
    message_id  TEXT,
    received_at INTEGER NOT NULL,
    UNIQUE (raw_id)
);
CREATE INDEX followups_entry ON followups(entry_id);

-- Automatic mails per recipient per day (local date), for the daily cap.
CREATE TABLE auto_counts (
    rcpt TEXT NOT NULL,
    day  TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (rcpt, day)
);

CREATE TRIGGER followups_no_delete BEFORE DELETE ON followups
BEGIN SELECT RAISE(ABORT, 'follow-ups are never deleted'); END;
