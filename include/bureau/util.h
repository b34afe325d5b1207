/* util.h — small shared helpers: capped growable buffers, allocation,
 * error causes. Every function here is safe to call from any module. */
#ifndef BUREAU_UTIL_H
#define BUREAU_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define BU_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that ends the process on out-of-memory: "bureau: out of
 * memory" on stderr and _exit(EXIT_OOM) (the service cannot go on without
 * memory; a half-registered message is worse than a restart: the open
 * transaction is rolled back by SQLite, a parser worker's message is
 * quarantined as "ran out of memory", systemd restarts serve). No function
 * returns after a failed allocation, so no error path needs unwinding. */
#define EXIT_OOM 71 /* EX_OSERR */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Tests only (the allocation torture, tests/unit/test_alloc_torture.c):
 * from now on, count the allocations above (set_cause's included) and make
 * the nth fail (0: none fails, only count). util_test_allocs() is the count
 * since the last util_test_fail_alloc(). */
void util_test_fail_alloc(long nth);
long util_test_allocs(void);

/* Error convention: a failing function returns -1 and, when cause is not
 * NULL, stores a malloc'd human-readable reason in *cause (the caller
 * frees it). set_cause frees any reason already there. */
void set_cause(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable byte buffer with a hard maximum. data is always NUL-terminated
 * (the NUL is not counted in len). Appends past max fail with -1 and
 * leave the buffer unchanged. */
struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};
void buf_init(struct buf *b, size_t max);
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc_slow(struct buf *b, char c);
/* One byte: inline while there is room (the hot path of encoders). */
static inline int buf_putc(struct buf *b, char c)
{
    if (b->len + 1 < b->cap && b->len < b->max) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return 0;
    }
    return buf_putc_slow(b, c);
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void buf_reset(struct buf *b);
char *buf_steal(struct buf *b);        /* returns data (never NULL), resets b */
void buf_free(struct buf *b);
/* s (may be NULL) escaped for HTML text and attribute values: & < > " '.
 * Every HTML page and mail part the service writes goes through it. */
int buf_html_escape(struct buf *b, const char *s);

/* Strings */
int str_casecmp_ascii(const char *a, const char *b);
int str_has_prefix_ci(const char *s, const char *prefix);
char *str_trim(char *s);               /* in place, returns s */
/* Parse a non-negative decimal integer with optional unit suffix
 * (k, M, G for sizes; s, m, h, d for durations when allowed).
 * Returns 0 on success. */
int parse_u64(const char *s, uint64_t *out);
int parse_size(const char *s, uint64_t *out);   /* "25M" -> bytes */
int parse_duration(const char *s, uint64_t *seconds); /* "7d", "90s", "2h" */

/* UTF-8: 1 if s[0..n) is valid UTF-8 (no overlongs, no surrogates). */
int utf8_valid(const char *s, size_t n);
/* Copy making valid UTF-8: invalid bytes become U+FFFD. Result malloc'd. */
char *utf8_sanitize(const char *s, size_t n, size_t *outlen);
/* 1 if s contains CR, LF, NUL or another C0/DEL control char (TAB allowed
 * when allow_tab). Used to refuse header/address injection. */
int str_has_ctl(const char *s, int allow_tab);

/* Hex SHA-256 of data (65 bytes incl. NUL into out). */
void sha256_hex(const void *data, size_t n, char out[65]);

/* Files */
int file_read_all(const char *path, size_t max, char **out, size_t *outlen, char **cause);
/* Write durably: temp file in the same directory, fsync, rename. */
int file_write_atomic(const char *path, const void *data, size_t n, int mode, char **cause);

/* Time */
int64_t now_epoch(void);
double mono_seconds(void);  /* CLOCK_MONOTONIC, for measuring durations */
/* "2026-11-22" / "2026-11-22 10:05:41" in local time. Static-free: out given. */
void fmt_date(int64_t t, char out[11]);
void fmt_datetime(int64_t t, char out[20]);
/* RFC 5322 date, e.g. "Sun, 22 Nov 2026 10:05:41 +0000". */
void fmt_rfc5322(int64_t t, char out[40]);
int parse_date_ymd(const char *s, int64_t *t); /* "YYYY-MM-DD" -> local midnight */

#endif
