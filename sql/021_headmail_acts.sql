-- 021_headmail_acts.sql — acting on a head's mail (issue 16, items 2-3):
-- the confirmation to the head and the answer to a refused sender leave
-- through the outbox with purpose 'headmail'. The CHECK is widened as
-- 012 did (writable_schema; every stored row stays valid). The pattern
-- keys on 'digest', so that whatever another migration appended after it
-- stays.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''digest'',', '''digest'', ''headmail'',')
 WHERE type = 'table' AND name = 'outbox' AND instr(sql, '''headmail''') = 0;
PRAGMA writable_schema = RESET;

-- the actor a head's actions were recorded under, and the outbox row of
-- the mail that told the sender (NULL when none was sent)
ALTER TABLE head_mail ADD COLUMN actor TEXT;
ALTER TABLE head_mail ADD COLUMN answer_outbox_id INTEGER REFERENCES outbox(id);
