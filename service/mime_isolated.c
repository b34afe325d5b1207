/* mime_isolated.c — mime_parse in a separate worker process (see
 * include/bureau/mime.h).
 *
 * A worker is forked on first use and kept: fork costs milliseconds on some
 * machines, and the ingest target is thousands of messages per second. The
 * parent sends one message at a time over a socketpair and reads the reply
 * with a poll() deadline of lim->timeout_ms. When the worker crashes, hangs
 * (it is SIGKILLed) or answers nonsense, it is reaped, that message gets
 * MIME_CRASH, and the next call starts a fresh worker. The worker is also
 * replaced after ISO_WORKER_MAX_MESSAGES messages and whenever the limits
 * change, so state left behind by a hostile message does not live long.
 * The worker has RLIMIT_AS and a per-message RLIMIT_CPU, and leaves with
 * _exit. Calls are serialised by a mutex (one worker per process); the
 * worker is stopped and reaped at exit.
 *
 * Wire format (host byte order, same binary on both ends). Request: "BMQ1",
 * u32 flags, u64 length, the bytes. Reply: u64 length, then "BMS1", i32
 * result, then either the cause string or the message fields. Strings are
 * a u32 length (0xFFFFFFFF for NULL) and the bytes. The parent validates
 * everything it reads: a subverted parser can at worst produce a wrong
 * (but well-formed) msg.
 *
 * Test hook: when the environment variable BUREAU_MIME_CHILD_FAULT is
 * "segv" or "hang" at the time of the call, the worker crashes or hangs on
 * that message instead of parsing it (tests/unit/test_mime.c). */
#include "bureau/mime.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bureau/util.h"

#define ISO_FAULT_ENV "BUREAU_MIME_CHILD_FAULT"
#define ISO_MAGIC "BMS1"
#define ISO_REQ_MAGIC "BMQ1"
#define ISO_WORKER_MAX_MESSAGES 1000
#define ISO_FAULT_SEGV 1u
#define ISO_FAULT_HANG 2u
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
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *dst, size_t n)
{
    char *p = dst;

    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

static void worker_address_space(const struct mime_limits *lim)
{
    struct rlimit rl;
    FILE *f;
    unsigned long pages = 0;

    if (ISO_SANITIZED)
        return;
    f = fopen("/proc/self/statm", "r");
    if (!f)
        return;
    if (fscanf(f, "%lu", &pages) == 1 && pages > 0) {
        rl.rlim_cur = rl.rlim_max = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) +
                                    ISO_AS_BUDGET + ISO_AS_PER_BYTE * lim->max_message_size;
        (void)setrlimit(RLIMIT_AS, &rl);
    }
    fclose(f);
}

/* CPU seconds used so far plus the per-message allowance. */
static void worker_cpu_limit(const struct mime_limits *lim)
{
    struct rusage ru;
    struct rlimit rl;

    if (getrusage(RUSAGE_SELF, &ru) < 0)
        return;
    rl.rlim_cur = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec + lim->timeout_ms / 1000 + 2;
    rl.rlim_max = RLIM_INFINITY;
    (void)setrlimit(RLIMIT_CPU, &rl);
}

static void worker_reply(int fd, const char *raw, size_t len, const struct mime_limits *lim)
{
    struct msg m;
    struct buf b;
    char *cause = NULL;
    enum mime_result r;
    uint64_t n;

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
    n = b.len;
    if (write_all(fd, (const char *)&n, sizeof(n)) < 0 || write_all(fd, b.data, b.len) < 0)
        _exit(3);
    msg_free(&m);
    free(cause);
    buf_free(&b);
}

static void worker_main(int fd, const struct mime_limits *lim)
{
    for (;;) {
        char magic[4];
        uint32_t flags;
        uint64_t len;
        char *raw;

        if (read_all(fd, magic, 4) < 0)
            _exit(0);
        if (memcmp(magic, ISO_REQ_MAGIC, 4) != 0 || read_all(fd, &flags, sizeof(flags)) < 0 ||
            read_all(fd, &len, sizeof(len)) < 0 || len > lim->max_message_size)
            _exit(2);
        raw = xmalloc(len ? len : 1);
        if (read_all(fd, raw, len) < 0)
            _exit(2);
        worker_cpu_limit(lim);
        if (flags & ISO_FAULT_SEGV) {
            signal(SIGSEGV, SIG_DFL);
            raise(SIGSEGV);
        }
        while (flags & ISO_FAULT_HANG)
            pause();
        worker_reply(fd, raw, len, lim);
        free(raw);
    }
}

/* ---- parent: deserialise ---- */

struct rd {
    const char *p;
    size_t n;
    int bad;
};

/* Copies the next n bytes into out; on short input marks r bad, zero-fills. */
static void take(struct rd *r, void *out, size_t n)
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

static uint32_t get_u32(struct rd *r)
{
    uint32_t v;
    take(r, &v, sizeof v);
    return v;
}

static int64_t get_i64(struct rd *r)
{
    int64_t v;
    take(r, &v, sizeof v);
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

/* ---- parent: the worker ---- */

struct worker {
    pid_t pid;
    int fd;
    unsigned served;
    struct mime_limits lim;
};

static struct worker worker = {0, -1, 0, {0, 0, 0, 0, 0, 0}};
static pthread_mutex_t worker_lock = PTHREAD_MUTEX_INITIALIZER;
static int worker_atexit_done;

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int reap(pid_t pid)
{
    int st = 0;

    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 0;  /* ECHILD: SIGCHLD ignored, already reaped */
    return st;
}

/* Stop the worker: kill it (when asked), close, reap. Returns its status. */
static int worker_stop(int kill_it)
{
    int st = 0;

    if (worker.pid <= 0)
        return 0;
    if (kill_it)
        kill(worker.pid, SIGKILL);
    close(worker.fd);
    st = reap(worker.pid);
    worker.pid = 0;
    worker.fd = -1;
    return st;
}

static void worker_at_exit(void)
{
    pthread_mutex_lock(&worker_lock);
    (void)worker_stop(0);
    pthread_mutex_unlock(&worker_lock);
}

static int worker_start(const struct mime_limits *lim, char **cause)
{
    int sv[2];
    pid_t pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        set_cause(cause, "socketpair: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid < 0) {
        set_cause(cause, "fork: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        /* keep only stdio and the socket (as fd 3): no database or IMAP fds */
        if (dup2(sv[1], 3) < 0)
            _exit(4);
        close_range(4, ~0u, 0);
        signal(SIGPIPE, SIG_DFL);
        worker_address_space(lim);
        worker_main(3, lim);
    }
    close(sv[1]);
    worker.pid = pid;
    worker.fd = sv[0];
    worker.served = 0;
    worker.lim = *lim;
    if (!worker_atexit_done) {
        atexit(worker_at_exit);
        worker_atexit_done = 1;
    }
    return 0;
}

/* Read the reply until complete. Returns 0, 1 on timeout, 2 when the reply
 * passes its cap, -1 when the worker went away. */
static int read_reply(int fd, int64_t deadline, size_t cap, struct buf *b)
{
    uint64_t want = 0;
    int have_len = 0;
    char tmp[65536];

    for (;;) {
        struct pollfd pfd = {fd, POLLIN, 0};
        int64_t left = deadline - now_ms();
        ssize_t r;
        if (have_len && b->len == want)
            return 0;
        if (left <= 0)
            return 1;
        if (poll(&pfd, 1, (int)(left > 60000 ? 60000 : left)) <= 0)
            continue;
        r = read(fd, tmp, have_len && want - b->len < sizeof(tmp) ? (size_t)(want - b->len) : sizeof(tmp));
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r <= 0)
            return -1;
        if (buf_append(b, tmp, (size_t)r) < 0)
            return 2;
        if (!have_len && b->len >= sizeof(want)) {
            memcpy(&want, b->data, sizeof(want));
            if (want > cap)
                return 2;
            memmove(b->data, b->data + sizeof(want), b->len - sizeof(want));
            b->len -= sizeof(want);
            have_len = 1;
        }
        if (have_len && b->len > want)
            return 2;
    }
}

static void fmt_timeout(unsigned ms, char *out, size_t n)
{
    if (ms % 1000 == 0)
        snprintf(out, n, "%u s", ms / 1000);
    else
        snprintf(out, n, "%u ms", ms);
}

/* The outcome of a failed exchange, after the worker has been stopped. */
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
    set_cause(cause, "parser exited with status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return MIME_CRASH;
}

static int same_limits(const struct mime_limits *a, const struct mime_limits *b)
{
    return a->max_message_size == b->max_message_size && a->max_depth == b->max_depth &&
           a->max_parts == b->max_parts && a->max_header_len == b->max_header_len &&
           a->max_body_text == b->max_body_text && a->timeout_ms == b->timeout_ms;
}

static uint32_t fault_flags(void)
{
    const char *f = getenv(ISO_FAULT_ENV);

    if (!f)
        return 0;
    return strcmp(f, "segv") == 0 ? ISO_FAULT_SEGV : strcmp(f, "hang") == 0 ? ISO_FAULT_HANG : 0;
}

static int send_request(const char *raw, size_t len)
{
    uint32_t flags = fault_flags();
    uint64_t n = len;

    return write_all(worker.fd, ISO_REQ_MAGIC, 4) < 0 ||
                   write_all(worker.fd, (const char *)&flags, sizeof(flags)) < 0 ||
                   write_all(worker.fd, (const char *)&n, sizeof(n)) < 0 ||
                   write_all(worker.fd, raw, len) < 0
               ? -1
               : 0;
}

static enum mime_result exchange(const char *raw, size_t len, const struct mime_limits *lim,
                                 struct msg *out, char **cause)
{
    int64_t deadline = now_ms() + lim->timeout_ms;
    struct buf b;
    enum mime_result res;
    int rd = -1;

    buf_init(&b, output_cap(lim) + 16);
    if (send_request(raw, len) == 0)
        rd = read_reply(worker.fd, deadline, output_cap(lim), &b);
    if (rd != 0) {
        res = judge(rd, worker_stop(1), lim->timeout_ms, cause);
    } else {
        res = decode_output(b.data, b.len, lim, out, cause);
        if (res == MIME_CRASH)
            (void)worker_stop(1);
        else
            worker.served++;
    }
    buf_free(&b);
    return res;
}

enum mime_result mime_parse_isolated(const char *raw, size_t len,
                                     const struct mime_limits *lim, struct msg *out,
                                     char **cause)
{
    enum mime_result res = MIME_SYSERR;

    if (len > lim->max_message_size) {
        set_cause(cause, "message too large (%zu bytes, limit %zu)", len, lim->max_message_size);
        return MIME_REJECT;
    }
    pthread_mutex_lock(&worker_lock);
    if (worker.pid > 0 && (worker.served >= ISO_WORKER_MAX_MESSAGES || !same_limits(&worker.lim, lim)))
        (void)worker_stop(1);
    if (worker.pid <= 0 && worker_start(lim, cause) < 0)
        goto out;
    res = exchange(raw, len, lim, out, cause);
out:
    pthread_mutex_unlock(&worker_lock);
    return res;
}
