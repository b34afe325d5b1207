-- 013_attention_quarantine.sql — why a clerk must look at an entry again, or NULL.
-- Set when the citizen writes again about an entry already answered,
-- closed, rejected or transferred (contesting the answer): the entry then
-- shows in `bureau list --triage` until a clerk changes its status.
ALTER TABLE entries ADD COLUMN attention TEXT;

-- A message quarantined unfetched (over max_message_size) is found again in
-- the IMAP quarantine folder, where it has another UID, by its listed size
-- and the SHA-256 of its header (IMAP_MAX_HEADER bytes at most), so that
-- `bureau quarantine register` can download it once the limit is raised.
ALTER TABLE quarantine ADD COLUMN header_sha256 TEXT;
