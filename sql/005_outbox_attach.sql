-- 005_outbox_attach.sql — a routed item's attached original is not stored a
-- second time: the row keeps the composed message with the attachment's body
-- cut out at attach_at, and the sender puts it back from raw_messages (which
-- never change), encoded the same way, so every retry sends identical bytes.
ALTER TABLE outbox ADD COLUMN attach_raw_id INTEGER REFERENCES raw_messages(id);
ALTER TABLE outbox ADD COLUMN attach_at INTEGER;
ALTER TABLE outbox ADD COLUMN attach_base64 INTEGER;
