-- 009_attention.sql — why a clerk must look at an entry again, or NULL.
-- Set when the citizen writes again about an entry already answered,
-- closed, rejected or transferred (contesting the answer): the entry then
-- shows in `bureau list --triage` until a clerk changes its status.
ALTER TABLE entries ADD COLUMN attention TEXT;
