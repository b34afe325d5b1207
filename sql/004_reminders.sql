-- 004_reminders.sql — one row per day the deadline digests were queued, so
-- that a restart never sends the same day's digests twice.
CREATE TABLE reminder_runs (
    day    TEXT PRIMARY KEY,      -- YYYY-MM-DD, local time
    at     INTEGER NOT NULL,
    queued INTEGER NOT NULL
);
