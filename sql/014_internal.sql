-- 014_internal.sql — mail from the commune's own departments (a head's
-- address, or a domain of [bureau] internal_domains) is registered as
-- internal correspondence: it keeps its number like any arrival, but no
-- citizen acknowledgement or status update is sent for it, and it is never
-- routed back to its sender.
ALTER TABLE entries ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
