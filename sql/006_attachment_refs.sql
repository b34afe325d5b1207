-- 006_attachment_refs.sql — attachments are no longer stored a second time,
-- decoded, beside the original they come from. A row keeps the name, type,
-- decoded size and the SHA-256 of the decoded bytes; bytes is empty, and
-- `bureau attachments` decodes the stored original again (in the isolated
-- parser) and refuses a part whose size or digest differ. Rows written
-- before this migration keep their bytes (length(bytes) = size) and are
-- served from them.
ALTER TABLE attachments ADD COLUMN sha256 TEXT;
