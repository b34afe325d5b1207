/* html2text.h — HTML (already decoded to UTF-8) to readable plain text.
 *
 * Drops comments and the content of script, style, title and head-only
 * elements; block elements (p, div, br, li, tr, h1-h6, table, ...) become
 * line breaks, cells a space; whitespace is collapsed outside <pre>;
 * character references are decoded (numeric, and the common named ones).
 * Non-ASCII text (Arabic, accented Latin) is copied unchanged. */
#ifndef BUREAU_HTML2TEXT_H
#define BUREAU_HTML2TEXT_H

#include <stddef.h>

/* Convert html[0..n). The result is malloc'd, NUL-terminated, at most
 * max_out bytes (cut on a character boundary), owned by the caller;
 * *outlen (if not NULL) receives its length. Never fails. */
char *html2text(const char *html, size_t n, size_t max_out, size_t *outlen);

/* Find a charset declared in <meta charset=...> or <meta http-equiv
 * content="...; charset=..."> within the first 4 KiB of html. Writes it
 * into out (size outsz) and returns 1, or returns 0. */
int html_meta_charset(const char *html, size_t n, char *out, size_t outsz);

#endif
