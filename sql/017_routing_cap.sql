-- 017_routing_cap.sql — the per-sender cap on items routed to the heads
-- ([routing] per_sender_routed, service/routecap.c). Every entry is still
-- registered (and acknowledged under the acknowledgements' own cap); past
-- the cap its routing is held and listed in one digest per sender and
-- department at the next daily digest run.
CREATE TABLE routing_counts (
    sender TEXT NOT NULL,         -- lower-case address ('' when none usable)
    day    TEXT NOT NULL,         -- YYYY-MM-DD, local time
    n      INTEGER NOT NULL,      -- entries routed one by one that day
    PRIMARY KEY (sender, day)
);
CREATE TABLE routing_held (
    entry_id    INTEGER PRIMARY KEY REFERENCES entries(id),
    sender      TEXT NOT NULL,
    held_at     INTEGER NOT NULL,
    digested_at INTEGER          -- NULL until a digest listing it is queued
);
CREATE INDEX routing_held_pending ON routing_held (digested_at, sender);
