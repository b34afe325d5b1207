/* util.c — see util.h */
#include "bureau/util.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The torture hook (util_test_fail_alloc): allocations counted since it was
 * set, and the one that fails. Process-wide; only tests set it. */
static long alloc_seen, alloc_fail_at;

static void oom(void)
{
    static const char msg[] = "bureau: out of memory\n";
    ssize_t r = write(2, msg, sizeof msg - 1);
    (void)r;
    _exit(EXIT_OOM);
}

/* Counts one allocation; 1 when the torture hook says this one fails. */
static int alloc_fails(void)
{
    alloc_seen++;
    return alloc_fail_at > 0 && alloc_seen == alloc_fail_at;
}

void util_test_fail_alloc(long nth)
{
    alloc_seen = 0;
    alloc_fail_at = nth;
}

long util_test_allocs(void)
{
    return alloc_seen;
}

void *xmalloc(size_t n)
{
    void *p = alloc_fails() ? NULL : malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = alloc_fails() ? NULL : calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = alloc_fails() ? NULL : realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *xstrdup(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    char *p = NULL;
    va_start(ap, fmt);
    if (alloc_fails() || vasprintf(&p, fmt, ap) < 0)
        oom();
    va_end(ap);
    return p;
}

void set_cause(char **cause, const char *fmt, ...)
{
    if (!cause)
        return;
    free(*cause);
    va_list ap;
    va_start(ap, fmt);
    if (alloc_fails() || vasprintf(cause, fmt, ap) < 0)
        oom();
    va_end(ap);
}

void buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

static int buf_reserve(struct buf *b, size_t extra)
{
    if (extra > b->max || b->len > b->max - extra)
        return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
    return 0;
}

int buf_append(struct buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_putc_slow(struct buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || buf_reserve(b, (size_t)n) < 0)
        return -1;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

void buf_reset(struct buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

char *buf_steal(struct buf *b)
{
    char *p = b->data ? b->data : xstrdup("");
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int buf_html_escape(struct buf *b, const char *s)
{
    int rc = 0;
    for (; s && *s && rc == 0; s++) {
        switch (*s) {
        case '&': rc = buf_puts(b, "&amp;"); break;
        case '<': rc = buf_puts(b, "&lt;"); break;
        case '>': rc = buf_puts(b, "&gt;"); break;
        case '"': rc = buf_puts(b, "&quot;"); break;
        case '\'': rc = buf_puts(b, "&#39;"); break;
        default: rc = buf_putc(b, *s);
        }
    }
    return rc;
}

int str_casecmp_ascii(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int str_has_prefix_ci(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

char *str_trim(char *s)
{
    char *e;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
        *--e = '\0';
    return s;
}

int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end)
        return -1;
    *out = v;
    return 0;
}

static int parse_suffixed(const char *s, uint64_t *out, const char *units,
                          const uint64_t *mult)
{
    if (!s || !isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno)
        return -1;
    uint64_t m = 1;
    if (*end) {
        const char *u = strchr(units, *end);
        if (!u || end[1])
            return -1;
        m = mult[u - units];
    }
    if (v > UINT64_MAX / m)
        return -1;
    *out = v * m;
    return 0;
}

int parse_size(const char *s, uint64_t *out)
{
    static const uint64_t mult[] = {1024, 1024, 1024 * 1024, 1024 * 1024 * 1024};
    return parse_suffixed(s, out, "kKMG", mult);
}

int parse_duration(const char *s, uint64_t *seconds)
{
    static const uint64_t mult[] = {1, 60, 3600, 86400};
    return parse_suffixed(s, seconds, "smhd", mult);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        len = 2;
        cp = s[0] & 0x1F;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        len = 3;
        cp = s[0] & 0x0F;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        len = 4;
        cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t l = utf8_seq(p + i, n - i);
        if (!l)
            return 0;
        i += l;
    }
    return 1;
}

char *utf8_sanitize(const char *s, size_t n, size_t *outlen)
{
    const unsigned char *p = (const unsigned char *)s;
    char *out = xmalloc(n * 3 + 1);
    size_t i = 0, o = 0;
    while (i < n) {
        size_t l = utf8_seq(p + i, n - i);
        if (l) {
            memcpy(out + o, p + i, l);
            o += l;
            i += l;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    if (outlen)
        *outlen = o;
    return out;
}

int str_has_ctl(const char *s, int allow_tab)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\t' && allow_tab)
            continue;
        if (*p < 0x20 || *p == 0x7F)
            return 1;
    }
    return 0;
}

void sha256_hex(const void *data, size_t n, char out[65])
{
    unsigned char d[32];
    static const char hx[] = "0123456789abcdef";
    gnutls_hash_fast(GNUTLS_DIG_SHA256, data, n, d);
    for (int i = 0; i < 32; i++) {
        out[2 * i] = hx[d[i] >> 4];
        out[2 * i + 1] = hx[d[i] & 15];
    }
    out[64] = '\0';
}

int file_read_all(const char *path, size_t max, char **out, size_t *outlen, char **cause)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        set_cause(cause, "%s: %s", path, strerror(errno));
        return -1;
    }
    struct buf b;
    buf_init(&b, max);
    char tmp[65536];
    size_t n;
    int rc = 0;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (buf_append(&b, tmp, n) < 0) {
            set_cause(cause, "%s: larger than the limit of %zu bytes", path, max);
            rc = -1;
            break;
        }
    }
    if (rc == 0 && ferror(f)) {
        set_cause(cause, "%s: read error: %s", path, strerror(errno));
        rc = -1;
    }
    if (f != stdin)
        fclose(f);
    if (rc < 0) {
        buf_free(&b);
        return -1;
    }
    if (outlen)
        *outlen = b.len;
    *out = buf_steal(&b);
    return 0;
}

int file_write_atomic(const char *path, const void *data, size_t n, int mode, char **cause)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        set_cause(cause, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    const char *p = data;
    size_t left = n;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            set_cause(cause, "%s: write: %s", tmp, strerror(errno));
            goto fail;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) < 0 || close(fd) < 0) {
        fd = -1;
        set_cause(cause, "%s: fsync: %s", tmp, strerror(errno));
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        set_cause(cause, "%s: rename: %s", path, strerror(errno));
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int64_t now_epoch(void)
{
    return (int64_t)time(NULL);
}

void fmt_date(int64_t t, char out[11])
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void fmt_datetime(int64_t t, char out[20])
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void fmt_rfc5322(int64_t t, char out[40])
{
    /* the program never calls setlocale, so %a and %b are English */
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    int off = (int)(tm.tm_gmtoff / 60);
    char sign = off < 0 ? '-' : '+';
    off = (off < 0 ? -off : off) % (24 * 60);
    size_t n = strftime(out, 34, "%a, %d %b %Y %H:%M:%S ", &tm);
    int h = off / 60, m = off % 60;
    out[n++] = sign;
    out[n++] = (char)('0' + h / 10);
    out[n++] = (char)('0' + h % 10);
    out[n++] = (char)('0' + m / 10);
    out[n++] = (char)('0' + m % 10);
    out[n] = '\0';
}

int parse_date_ymd(const char *s, int64_t *t)
{
    int y, m, d;
    char *end;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    y = (int)strtol(s, &end, 10);
    if (end != s + 4)
        return -1;
    m = (int)strtol(s + 5, &end, 10);
    if (end != s + 7)
        return -1;
    d = (int)strtol(s + 8, &end, 10);
    if (end != s + 10 || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    time_t tt = mktime(&tm);
    if (tt == (time_t)-1 || tm.tm_mday != d)
        return -1;
    *t = (int64_t)tt;
    return 0;
}
