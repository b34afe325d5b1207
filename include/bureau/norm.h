/* norm.h — the normalised copy of Arabic/French text used for matching and
 * search (DOMAIN.md "Arabic text for matching and search"): NFKC; format
 * characters dropped; tashkeel, Quranic marks and tatweel dropped; alef
 * forms -> ا, ة -> ه, ى -> ي, Persian/Maghrebi letters folded; Arabic-Indic
 * and Persian digits -> 0-9; Latin lower-cased with accents removed.
 * Invalid UTF-8 bytes are replaced, never an error. */
#ifndef BUREAU_NORM_H
#define BUREAU_NORM_H

#include <stddef.h>

/* Returns a malloc'd NUL-terminated normalised copy of s[0..n); *outlen
 * (if not NULL) gets its length. Never NULL. */
char *norm_text(const char *s, size_t n, size_t *outlen);

/* Fold only the literal characters of a PCRE2 pattern, leaving escapes,
 * classes syntax and metacharacters intact, so that the pattern matches
 * norm_text output. Malloc'd, never NULL. */
char *norm_pattern(const char *pattern, size_t n, size_t *outlen);

/* Search stems. An Arabic word in normalised text with the article and a
 * clitic in front (ال، وال، بال، فال، كال، لل) has its stem after them:
 * الطريق -> طريق. norm_stem returns the byte offset of the stem in the
 * word w[0..n) (a run of Arabic letters), or 0 when it has no such prefix
 * or fewer than two letters would remain. norm_stems returns the stems of
 * every such word of a normalised text, space-separated (malloc'd, "" when
 * none): the full-text index gets them beside the text, so that طريق finds
 * الطريق and the other way round. */
size_t norm_stem(const char *w, size_t n);
char *norm_stems(const char *text);

#endif
