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

#endif
