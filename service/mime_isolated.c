/* mime_isolated.c — mime_parse in a forked child (see include/bureau/mime.h).
 *
 * The child parses, serialises the result over a pipe and _exits. Wire
 * format (host byte order, same binary on both ends): "BMS1", i32 result,
 * then either the cause string or the message fields. Strings are a u32
 * length (0xFFFFFFFF for NULL) and the bytes. The parent reads with a
 * poll() deadline, kills the child on timeout or oversized output, and
 * always reaps it. It validates everything it reads: a parser subverted by
 * a hostile message can at worst produce a wrong (but well-formed) msg.
 *
 * Test hook: when the environment variable BUREAU_MIME_CHILD_FAULT is
 * "segv" or "hang", the child crashes or hangs instead of parsing (used by
 * tests/unit/test_mime.c to exercise the crash and timeout paths). */
#include "bureau/mime.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bureau/util.h"

#define ISO_FAULT_ENV "BUREAU_MIME_CHILD_FAULT"
#define ISO_MAGIC "BMS1"
#define ISO_NULL 0xFFFFFFFFu
#define ISO_EXTRA_OUTPUT (4u * 1024 * 1024)   /* headers, names, framing */
#define ISO_AS_BUDGET (512ull * 1024 * 1024)  /* address space the child may add */
#define ISO_AS_PER_BYTE 16ull                 /* ... plus this per input byte */

#if defined(__SANITIZE_ADDRESS__)
#define ISO_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ISO_SANITIZED 1
#endif
#endif
#ifndef ISO_SANITIZED
#define ISO_SANITIZED 0
#endif

static size_t output_cap(const struct mime_limits *lim)
{
    return lim->max_message_size * 2 + lim->max_body_text + ISO_EXTRA_OUTPUT;
}

/* ---- child: serialise ---- */

static void put_u32(struct buf *b, uint32_t v)
{
    (void)buf_append(b, &v, sizeof(v));
}

static void put_i64(struct buf *b, int64_t v)
{
    (void)buf_append(b, &v, sizeof(v));
}

static void put_bytes(struct buf *b, const void *p, size_t n)
{
    put_u32(b, (uint32_t)n);
    (void)buf_append(b, p, n);
}

static void put_str(struct buf *b, const char *s)
{
    if (!s)
        put_u32(b, ISO_NULL);
    else
        put_bytes(b, s, strlen(s));
}

static void put_msg(struct buf *b, const struct msg *m)
{
    const char *const strs[] = {m->subject,    m->from_addr,   m->from_name,  m->reply_to,
                                m->to,         m->cc,          m->return_path, m->date_raw,
                                m->message_id, m->in_reply_to, m->references, m->body,
                                m->body_charset, m->dsn_original_id, m->dsn_action};

    for (size_t i = 0; i < BU_ARRAY_LEN(strs); i++)
        put_str(b, strs[i]);
    put_i64(b, m->date);
    put_u32(b, (uint32_t)m->body_from_html);
    put_u32(b, (uint32_t)m->charset_guessed);
    put_u32(b, (uint32_t)m->is_dsn);
    put_u32(b, (uint32_t)m->n_headers);
    for (size_t i = 0; i < m->n_headers; i++) {
        put_str(b, m->headers[i].name);
        put_str(b, m->headers[i].value);
    }
    put_u32(b, (uint32_t)m->n_att);
    for (size_t i = 0; i < m->n_att; i++) {
        put_str(b, m->att[i].filename);
        put_str(b, m->att[i].content_type);
        put_bytes(b, m->att[i].data, m->att[i].size);
    }
}

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

static void child_limits(size_t len, const struct mime_limits *lim)
{
    struct rlimit rl;
    rlim_t cpu = lim->timeout_ms / 1000 + 1;
    FILE *f;
    unsigned long pages = 0;

    rl.rlim_cur = cpu;
    rl.rlim_max = cpu + 1;
    (void)setrlimit(RLIMIT_CPU, &rl);
    if (ISO_SANITIZED)
        return;
    f = fopen("/proc/self/statm", "r");
    if (!f)
        return;
    if (fscanf(f, "%lu", &pages) == 1 && pages > 0) {
        rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) +
                                    ISO_AS_BUDGET + ISO_AS_PER_BYTE * len;
        (void)setrlimit(RLIMIT_AS, &rl);
    }
    fclose(f);
}

static void child_main(int fd, const char *raw, size_t len, const struct mime_limits *lim)
{
    struct msg m;
    struct buf b;
    char *cause = NULL;
    enum mime_result r;

    const char *fault = getenv(ISO_FAULT_ENV);

    child_limits(len, lim);
    if (fault && strcmp(fault, "segv") == 0)
        raise(SIGSEGV);
    while (fault && strcmp(fault, "hang") == 0)
        pause();
    msg_init(&m);
    buf_init(&b, output_cap(lim));
    r = mime_parse(raw, len, lim, &m, &cause);
    (void)buf_append(&b, ISO_MAGIC, 4);
    put_u32(&b, (uint32_t)(int32_t)r);
    if (r == MIME_OK)
        put_msg(&b, &m);
    else
        put_str(&b, cause ? cause : "parse failed");
    if (b.len >= b.max - 64) {
        buf_reset(&b);
        (void)buf_append(&b, ISO_MAGIC, 4);
        put_u32(&b, (uint32_t)(int32_t)MIME_REJECT);
        put_str(&b, "decoded message larger than the output cap");
    }
    _exit(write_all(fd, b.data, b.len) == 0 ? 0 : 3);
}

/* ---- parent: deserialise ---- */

struct rd {
    const char *p;
    size_t n;
    int bad;
};

static uint32_t get_u32(struct rd *r)
{
    uint32_t v = 0;

    if (r->bad || r->n < sizeof(v)) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, sizeof(v));
    r->p += sizeof(v);
    r->n -= sizeof(v);
    return v;
}

static int64_t get_i64(struct rd *r)
{
    int64_t v = 0;

    if (r->bad || r->n < sizeof(v)) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, sizeof(v));
    r->p += sizeof(v);
    r->n -= sizeof(v);
    return v;
}

static unsigned char *get_bytes(struct rd *r, size_t *len)
{
    uint32_t l = get_u32(r);
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

static char *get_str(struct rd *r)
{
    size_t l;
    char *s;

    if (!r->bad && r->n >= 4 && memcmp(r->p, "\xFF\xFF\xFF\xFF", 4) == 0) {
        (void)get_u32(r);
        return NULL;
    }
    s = (char *)get_bytes(r, &l);
    if (s && (!utf8_valid(s, l) || strlen(s) != l)) {
        r->bad = 1;
        free(s);
        return NULL;
    }
    return s;
}

static void get_msg(struct rd *r, struct msg *m, unsigned max_parts)
{
    char **const strs[] = {&m->subject,    &m->from_addr,   &m->from_name,  &m->reply_to,
                           &m->to,         &m->cc,          &m->return_path, &m->date_raw,
                           &m->message_id, &m->in_reply_to, &m->references, &m->body,
                           &m->body_charset, &m->dsn_original_id, &m->dsn_action};
    uint32_t n;

    for (size_t i = 0; i < BU_ARRAY_LEN(strs); i++)
        *strs[i] = get_str(r);
    m->date = get_i64(r);
    m->body_from_html = get_u32(r) != 0;
    m->charset_guessed = get_u32(r) != 0;
    m->is_dsn = get_u32(r) != 0;
    n = get_u32(r);
    if (r->bad || n > r->n / 8)
        goto bad;
    m->headers = xcalloc(n ? n : 1, sizeof(*m->headers));
    for (; m->n_headers < n && !r->bad; m->n_headers++) {
        m->headers[m->n_headers].name = get_str(r);
        m->headers[m->n_headers].value = get_str(r);
        if (!m->headers[m->n_headers].name || !m->headers[m->n_headers].value)
            r->bad = 1;
    }
    n = get_u32(r);
    if (r->bad || n > max_parts + 1u)
        goto bad;
    m->att = xcalloc(n ? n : 1, sizeof(*m->att));
    for (; m->n_att < n && !r->bad; m->n_att++) {
        m->att[m->n_att].filename = get_str(r);
        m->att[m->n_att].content_type = get_str(r);
        m->att[m->n_att].data = get_bytes(r, &m->att[m->n_att].size);
    }
    return;
bad:
    r->bad = 1;
}

static enum mime_result decode_output(const char *p, size_t n, const struct mime_limits *lim,
                                      struct msg *out, char **cause)
{
    struct rd r;
    int32_t res;

    if (n < 8 || memcmp(p, ISO_MAGIC, 4) != 0) {
        set_cause(cause, "parser produced no result");
        return MIME_CRASH;
    }
    r.p = p + 4;
    r.n = n - 4;
    r.bad = 0;
    res = (int32_t)get_u32(&r);
    if (res == MIME_OK) {
        get_msg(&r, out, lim->max_parts);
    } else if (res == MIME_REJECT || res == MIME_CRASH || res == MIME_SYSERR) {
        char *c = get_str(&r);
        if (!r.bad) {
            set_cause(cause, "%s", c ? c : "parse failed");
            free(c);
            return (enum mime_result)res;
        }
        free(c);
    }
    if (r.bad || r.n != 0 || res != MIME_OK) {
        msg_free(out);
        set_cause(cause, "parser produced malformed output");
        return MIME_CRASH;
    }
    return MIME_OK;
}

/* ---- parent: run ---- */

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read the child's output until EOF. Returns 0 at EOF, 1 on timeout,
 * 2 when the output passes its cap, -1 on a read error. */
static int read_child(int fd, unsigned timeout_ms, struct buf *b)
{
    int64_t deadline = now_ms() + timeout_ms;
    char tmp[65536];

    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int64_t left = deadline - now_ms();
        int pr;
        ssize_t r;
        if (left <= 0)
            return 1;
        pr = poll(&pfd, 1, (int)(left > 60000 ? 60000 : left));
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr < 0)
            return -1;
        if (pr == 0)
            continue;
        r = read(fd, tmp, sizeof(tmp));
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            return 0;
        if (buf_append(b, tmp, (size_t)r) < 0)
            return 2;
    }
}

static int reap(pid_t pid)
{
    int st = 0;

    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 0;  /* ECHILD: SIGCHLD ignored, already reaped */
    return st;
}

static void fmt_timeout(unsigned ms, char *out, size_t n)
{
    if (ms % 1000 == 0)
        snprintf(out, n, "%u s", ms / 1000);
    else
        snprintf(out, n, "%u ms", ms);
}

static enum mime_result judge(int rd, int st, unsigned timeout_ms, char **cause)
{
    char t[32];

    if (rd == 1) {
        fmt_timeout(timeout_ms, t, sizeof(t));
        set_cause(cause, "parser timed out after %s", t);
        return MIME_CRASH;
    }
    if (rd == 2) {
        set_cause(cause, "parser output larger than its cap");
        return MIME_REJECT;
    }
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU) {
        set_cause(cause, "parser timed out (CPU limit)");
        return MIME_CRASH;
    }
    if (WIFSIGNALED(st)) {
        set_cause(cause, "parser crashed (signal %d)", WTERMSIG(st));
        return MIME_CRASH;
    }
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        set_cause(cause, "parser exited with status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        return MIME_CRASH;
    }
    if (rd < 0) {
        set_cause(cause, "reading from the parser failed: %s", strerror(errno));
        return MIME_SYSERR;
    }
    return MIME_OK;
}

enum mime_result mime_parse_isolated(const char *raw, size_t len,
                                     const struct mime_limits *lim, struct msg *out,
                                     char **cause)
{
    int fds[2], rd, st;
    pid_t pid;
    struct buf b;
    enum mime_result res;

    if (len > lim->max_message_size) {
        set_cause(cause, "message too large (%zu bytes, limit %zu)", len, lim->max_message_size);
        return MIME_REJECT;
    }
    if (pipe2(fds, O_CLOEXEC) < 0) {
        set_cause(cause, "pipe: %s", strerror(errno));
        return MIME_SYSERR;
    }
    pid = fork();
    if (pid < 0) {
        set_cause(cause, "fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return MIME_SYSERR;
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], raw, len, lim);
    }
    close(fds[1]);
    buf_init(&b, output_cap(lim));
    rd = read_child(fds[0], lim->timeout_ms, &b);
    close(fds[0]);
    if (rd != 0)
        kill(pid, SIGKILL);
    st = reap(pid);
    res = judge(rd, st, lim->timeout_ms, cause);
    if (res == MIME_OK)
        res = decode_output(b.data, b.len, lim, out, cause);
    buf_free(&b);
    return res;
}
