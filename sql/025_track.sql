-- 025_track.sql — the citizen's tracking page (issue 16, item 5;
-- include/bureau/track.h). The acknowledgement carries a link with the
-- entry's number and a random token of 128 bits; only the token's hash is
-- kept, with the number as it appears in the link. One token per entry: a
-- new one replaces the old. What the citizen does on the page (satisfied or
-- not, re-opened) is recorded in the entry's events under actor "citizen".
CREATE TABLE track_tokens (
    entry_id INTEGER PRIMARY KEY REFERENCES entries(id),
    number_part TEXT NOT NULL,         -- the number in the link: "2026-000123"
    token_hash TEXT NOT NULL,          -- hex BLAKE2b-256 (crypto_generichash) of the token
    created_at INTEGER NOT NULL
);
CREATE INDEX track_tokens_number ON track_tokens(number_part);
