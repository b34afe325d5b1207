-- 007_outbox_recipes.sql — an automatic mail is queued as its recipe and
-- composed when it is sent. Composing a registration's two mails (the
-- acknowledgement and the routed item, about 14 KB together) had doubled
-- what an ingest writes; a recipe is the template's SHA-256, the variables,
-- the parties and the Date, about 2 KB. The template's text is kept once
-- per version in mail_templates, so a queued mail is composed from the
-- wording it was queued with even after templates/ changes, and every
-- retry sends the same bytes (src: service/recipe.c, service/outbox.c).
--
-- A row with a recipe has bytes = X'' and attach_raw_id set when the
-- original goes with it; rows written before this migration keep their
-- composed bytes and are sent from them.
CREATE TABLE mail_templates (
    sha256     TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    text       TEXT NOT NULL,
    first_used INTEGER NOT NULL
);
ALTER TABLE outbox ADD COLUMN recipe BLOB;

CREATE TRIGGER mail_templates_no_update BEFORE UPDATE ON mail_templates
BEGIN SELECT RAISE(ABORT, 'stored mail templates never change'); END;
CREATE TRIGGER mail_templates_no_delete BEFORE DELETE ON mail_templates
BEGIN SELECT RAISE(ABORT, 'stored mail templates are never deleted'); END;
