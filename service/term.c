/* term.c — implements term.h. */
#include "bureau/term.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TERM_BUF_MAX ((size_t)1 << 40)
#define TERM_STDOUT_BUF (64 * 1024)

/* Length of the UTF-8 sequence at s[0..n): > 0 when valid, 0 when not
 * UTF-8, -1 when it is cut short by the end of s. */
static int utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0], cp, min;
    int len;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    cp = c & (0xFFu >> (len + 1));
    for (int k = 1; k < len; k++) {
        if ((size_t)k >= n)
            return -1;
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Clean s[0..n) into out. With hold, a cut UTF-8 sequence or a CR at the
 * very end is left unconsumed; returns the number of bytes consumed. */
static size_t clean(const char *str, size_t n, struct buf *out, int hold)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n && ((s[run] >= 0x20 && s[run] < 0x7F) || s[run] == '\n' || s[run] == '\t'))
            run++;
        if (run > i) {
            (void)buf_append(out, s + i, run - i);
            i = run;
            continue;
        }
        unsigned c = s[i];
        if (c == '\r' && i + 1 < n && s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (c == '\r' && i + 1 == n && hold)
            return i;
        if (c < 0x80) {
            (void)buf_printf(out, "\\x%02x", c);
            i++;
            continue;
        }
        int l = utf8_seq(s + i, n - i);
        if (l < 0 && hold)
            return i;
        if (l <= 0) {
            (void)buf_printf(out, "\\x%02x", c);
            i++;
        } else if (l == 2 && c == 0xC2 && s[i + 1] < 0xA0) {
            (void)buf_printf(out, "\\u%04x", (unsigned)s[i + 1]);
            i += 2;
        } else {
            (void)buf_append(out, s + i, (size_t)l);
            i += (size_t)l;
        }
    }
    return n;
}

void term_clean(const char *s, size_t n, struct buf *out)
{
    (void)clean(s, n, out, 0);
}

char *term_strdup(const char *s)
{
    struct buf b;
    if (!s)
        return NULL;
    buf_init(&b, TERM_BUF_MAX);
    (void)buf_append(&b, "", 0);
    term_clean(s, strlen(s), &b);
    return buf_steal(&b);
}

/* ---- the stdio filter ---- */

struct tstream {
    int fd;
    char hold[4]; /* a cut UTF-8 sequence or a CR, until the next write */
    size_t nhold;
};

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static ssize_t ts_write(void *cookie, const char *p, size_t n)
{
    struct tstream *t = cookie;
    struct buf in, out;
    buf_init(&in, TERM_BUF_MAX);
    buf_init(&out, TERM_BUF_MAX);
    (void)buf_append(&in, t->hold, t->nhold);
    (void)buf_append(&in, p, n);
    size_t used = clean(in.data, in.len, &out, 1);
    t->nhold = in.len - used;
    if (t->nhold > sizeof t->hold) /* cannot happen: at most 3 bytes or a CR */
        t->nhold = 0;
    memcpy(t->hold, in.data + used, t->nhold);
    int rc = out.len ? write_all(t->fd, out.data, out.len) : 0;
    buf_free(&in);
    buf_free(&out);
    return rc < 0 ? -1 : (ssize_t)n;
}

static FILE *raw_stdout;

void term_filter_stdio(void)
{
    static struct tstream so = {.fd = 1}, se = {.fd = 2};
    cookie_io_functions_t fns = {.write = ts_write};
    FILE *o = fopencookie(&so, "w", fns), *e = fopencookie(&se, "w", fns);
    if (o) {
        fflush(stdout);
        setvbuf(o, NULL, isatty(1) ? _IOLBF : _IOFBF, TERM_STDOUT_BUF);
        raw_stdout = stdout;
        stdout = o;
    }
    if (e) {
        fflush(stderr);
        setvbuf(e, NULL, _IOLBF, TERM_STDOUT_BUF);
        stderr = e;
    }
}

void term_raw_stdout(void)
{
    if (raw_stdout && !isatty(1)) {
        fflush(stdout);
        stdout = raw_stdout;
    }
}
