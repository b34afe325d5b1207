-- 020_headmail.sql — department heads act on an entry by replying to its
-- routed item (issue 16). Each routed mail to a department carries a reply
-- address holding a random token; only its hash is kept here, bound to the
-- entry and the department it was routed to. Re-routing voids the tokens
-- of the other departments. A mail that reaches a reply address (or a head's
-- reply carrying no token) is kept with the entry (followups) and queued
-- in head_mail, where `bureau` acts on it (or records why not) after the
-- pass that registered it.
CREATE TABLE head_tokens (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    department TEXT NOT NULL,
    token_hash TEXT NOT NULL,          -- hex BLAKE2b-256 (crypto_generichash) of the token
    created_at INTEGER NOT NULL,
    voided_at INTEGER,                 -- NULL while valid
    voided_why TEXT
);
CREATE INDEX head_tokens_entry ON head_tokens(entry_id);

CREATE TABLE head_mail (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id),
    raw_id INTEGER NOT NULL REFERENCES raw_messages(id),
    from_addr TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',     -- decoded text (capped), what the commands are read from
    token_hash TEXT,                   -- hash of the token the mail presented, NULL when none
    robot TEXT,                        -- why it is automatic mail (never acted on, never answered)
    received_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    accepted INTEGER,                  -- 1 acted on, 0 not
    outcome TEXT                       -- what was done, or why not
);
CREATE INDEX head_mail_pending ON head_mail(state) WHERE state = 'pending';
