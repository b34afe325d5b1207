/* search.h — what a person types into a search box, made into an FTS5
 * query for entries_fts (sql/001_register.sql). Used by `bureau search`,
 * `bureau list --text` and the web console: every text gives a valid
 * query or none, never an SQL error.
 *
 * The text is normalised as the index is (norm_text) and cut into words
 * (runs of letters, marks and digits); everything else, FTS5's syntax
 * included (quotes aside), is a separator. Every word is quoted and the
 * words are joined with an explicit AND. A word also matches:
 *  - with or without the Arabic article and clitic (الطريق ~ طريق), unless
 *    what is left is a two-letter particle (الما does not find ما);
 *  - in the singular or the plural: Arabic ة ~ ات (نفاية ~ النفايات), ون ~ ين,
 *    French -s/-x and -al ~ -aux (marche ~ marchés, local ~ locaux);
 *  - as a prefix when it ends with `*` (march* finds marché and marcher;
 *    no plural forms then).
 * Text between double quotes is one exact phrase (its words in order, as
 * written, no other forms). At most SEARCH_MAX_TERMS words count (the
 * rest are ignored), each cut at SEARCH_MAX_WORD bytes. */
#ifndef BUREAU_SEARCH_H
#define BUREAU_SEARCH_H

#define SEARCH_MAX_TERMS 16
#define SEARCH_MAX_WORD 256

/* Returns a malloc'd FTS5 MATCH expression for text (any bytes, NULL-safe),
 * or NULL when it holds no word to search for. */
char *search_fts_query(const char *text);

#endif
