/* wire.h — the byte format between a parent and its worker process (same
 * binary on both ends, host byte order): u32, i64, byte strings with a u32
 * length, and text strings that may be NULL (length 0xFFFFFFFF).
 *
 * The reader is for bytes a subverted worker may have written: every get
 * checks what is left, a short or malformed field marks the reader bad
 * (and returns zero or NULL), and text must be valid UTF-8 without NUL.
 * Check r->bad once at the end. Returned strings are malloc'd. */
#ifndef BUREAU_WIRE_H
#define BUREAU_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/util.h"

void wire_put_u32(struct buf *b, uint32_t v);
void wire_put_i64(struct buf *b, int64_t v);
void wire_put_bytes(struct buf *b, const void *p, size_t n);
void wire_put_str(struct buf *b, const char *s);  /* s may be NULL */

struct wire_rd {
    const char *p;
    size_t n;
    int bad;
};
uint32_t wire_get_u32(struct wire_rd *r);
int64_t wire_get_i64(struct wire_rd *r);
unsigned char *wire_get_bytes(struct wire_rd *r, size_t *len);  /* NUL-terminated copy */
char *wire_get_str(struct wire_rd *r);

#endif
