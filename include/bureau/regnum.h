/* regnum.h — a registry number as people type or paste it. One parser for
 * every command that takes a NUMBER (through store_entry_get) and for the
 * web console.
 *
 * Accepted, with spaces and bidi marks around ignored:
 *   2026/000123, 2026/123, 2026-123    year first
 *   123/2026                           year last (a 4-digit year 1900-9999)
 *   [BO 2026/000123], BO 2026/123      the tag of our mails, pasted
 *   ٢٠٢٦/١٢٣, ۲۰۲۶/۱۲۳                 Arabic-Indic and Persian digits
 *   123                                that number in default_year
 * When both parts could be a year (2026/2025), the first is the year. */
#ifndef BUREAU_REGNUM_H
#define BUREAU_REGNUM_H

#include <stdint.h>

#define REGNUM_MAX_TEXT 64   /* longer text is not a registry number */

struct regnum {
    int year;
    int64_t seq;
};

/* Returns 0 and fills *out, or -1 with a malloc'd reason in *cause (which
 * may be NULL). Never reads past the terminating NUL. */
int regnum_parse(const char *text, int default_year, struct regnum *out, char **cause);

/* The current local year, the default_year commands use. */
int regnum_this_year(void);

#endif
