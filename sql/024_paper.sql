-- 024_paper.sql — letters that arrive on paper or are handed in at the
-- counter (issue 14): registered by a clerk in the same numbering as mail.
-- The entry keeps what every arrival has (sender, subject, the summary as
-- its text, the scans as attachments of its record); this row keeps what
-- only a letter has.
CREATE TABLE paper_letters (
    entry_id       INTEGER PRIMARY KEY REFERENCES entries(id),
    channel        TEXT NOT NULL CHECK (channel IN ('counter', 'post')),
    postal_address TEXT,
    letter_date    TEXT,             -- YYYY-MM-DD, the date written on it
    letter_ref     TEXT,             -- the sender's own reference
    registered_by  TEXT NOT NULL
);
