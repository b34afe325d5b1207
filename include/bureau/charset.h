/* charset.h — bytes in a declared (or undeclared, or wrongly declared)
 * charset to valid UTF-8, and RFC 2047 header decoding.
 *
 * Nothing here fails: undecodable bytes become U+FFFD. All results are
 * malloc'd, NUL-terminated, valid UTF-8, and owned by the caller. NUL and
 * other bytes are preserved as decoded (callers that need C strings
 * without NUL use charset_strip_nul). */
#ifndef BUREAU_CHARSET_H
#define BUREAU_CHARSET_H

#include <stddef.h>

#define CHARSET_NAME_MAX 64

struct charset_text {
    char *text;                      /* malloc'd UTF-8, NUL-terminated */
    size_t len;                      /* bytes in text, without the NUL */
    char charset[CHARSET_NAME_MAX];  /* lower-case charset actually used */
    int guessed;                     /* 1 when the declared label was overridden
                                        or absent and bytes were non-ASCII */
};

/* Map a MIME charset label to the name handed to iconv, lower case, into
 * out. Returns 0 when the label is absent/empty/meaningless ("unknown",
 * "x-user-defined", "default"), 1 otherwise. Aliases: iso-8859-6-i/-e,
 * arabic, asmo-708 -> iso-8859-6; cp1256 -> windows-1256; utf8 -> utf-8 ... */
int charset_alias(const char *label, char out[CHARSET_NAME_MAX]);

/* 1 when iconv can convert from the (aliased) label. */
int charset_known(const char *label);

/* Decode in[0..n) declared as label (NULL = undeclared) into r. At most
 * max_out bytes of UTF-8 are kept (cut on a character boundary). Applies
 * the recovery rules: valid UTF-8 declared as a single-byte charset is
 * UTF-8; windows-1256 Arabic declared as Latin-1/ASCII/windows-1252 or
 * undeclared is windows-1256; ISO-8859-6 and windows-1256 swapped are
 * told apart. r->guessed is set in those cases. Never fails. */
void charset_decode(const char *in, size_t n, const char *label, size_t max_out,
                    struct charset_text *r);

/* 1 when s[0..n) (not valid UTF-8) looks like Arabic in windows-1256:
 * most high bytes are Arabic letters and they form words. */
int charset_looks_cp1256(const unsigned char *s, size_t n);

/* Decode an unfolded header value: RFC 2047 encoded words (B and Q, any
 * charset iconv knows, adjacent words joined), raw 8-bit text through
 * charset_decode with no label. CR, LF, NUL and other C0 controls
 * (except TAB) become spaces. Output capped at max_out bytes. malloc'd. */
char *charset_decode_header(const char *in, size_t n, size_t max_out);

/* Remove NUL bytes from s[0..*len) in place; updates *len. */
void charset_strip_nul(char *s, size_t *len);

#endif
