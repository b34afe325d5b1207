-- 023_web_index.sql — the console's register sorted by deadline (issue 14):
-- ORDER BY due_date, id walks this index (the rowid is its last column)
-- instead of sorting the whole register.
CREATE INDEX entries_due ON entries(due_date);
