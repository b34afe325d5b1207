/* wire.c — see wire.h */
#include "bureau/wire.h"

#include <stdlib.h>
#include <string.h>


#define WIRE_NULL 0xFFFFFFFFu

void wire_put_u32(struct buf *b, uint32_t v)
{
    (void)buf_append(b, &v, sizeof(v));
}

void wire_put_i64(struct buf *b, int64_t v)
{
    (void)buf_append(b, &v, sizeof(v));
}

void wire_put_bytes(struct buf *b, const void *p, size_t n)
{
    wire_put_u32(b, (uint32_t)n);
    (void)buf_append(b, p, n);
}

void wire_put_str(struct buf *b, const char *s)
{
    if (!s)
        wire_put_u32(b, WIRE_NULL);
    else
        wire_put_bytes(b, s, strlen(s));
}

/* Copies the next n bytes into out; on short input marks r bad, zero-fills. */
static void take(struct wire_rd *r, void *out, size_t n)
{
    if (r->bad || r->n < n) {
        r->bad = 1;
        memset(out, 0, n);
        return;
    }
    memcpy(out, r->p, n);
    r->p += n;
    r->n -= n;
}

uint32_t wire_get_u32(struct wire_rd *r)
{
    uint32_t v;
    take(r, &v, sizeof v);
    return v;
}

int64_t wire_get_i64(struct wire_rd *r)
{
    int64_t v;
    take(r, &v, sizeof v);
    return v;
}

unsigned char *wire_get_bytes(struct wire_rd *r, size_t *len)
{
    uint32_t l = wire_get_u32(r);
    unsigned char *d;

    *len = 0;
    if (r->bad || l > r->n) {
        r->bad = 1;
        return NULL;
    }
    d = xmalloc((size_t)l + 1);
    memcpy(d, r->p, l);
    d[l] = '\0';
    r->p += l;
    r->n -= l;
    *len = l;
    return d;
}

char *wire_get_str(struct wire_rd *r)
{
    size_t l;
    char *s;

    if (!r->bad && r->n >= 4 && memcmp(r->p, "\xFF\xFF\xFF\xFF", 4) == 0) {
        (void)wire_get_u32(r);
        return NULL;
    }
    s = (char *)wire_get_bytes(r, &l);
    if (s && (!utf8_valid(s, l) || strlen(s) != l)) {
        r->bad = 1;
        free(s);
        return NULL;
    }
    return s;
}
