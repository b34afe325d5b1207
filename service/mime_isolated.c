/* mime_isolated.c — mime_parse in a separate worker process (see
 * include/bureau/mime.h).
 *
 * A worker is forked on first use and kept: fork costs milliseconds on some
 * machines, and the ingest target is thousands of messages per second. The
 * parent sends one message at a time over a socketpair and reads the reply
 * with a poll() deadline of lim->timeout_ms. When the worker crashes, hangs
 * (it is SIGKILLed) or answers nonsense, it is reaped, that message gets
 * MIME_CRASH, and the next call starts a fresh worker. The worker is also
 * replaced when its peak resident size has grown by ISO_WORKER_MAX_GROWTH
 * since its first message (it says so in its replies: a leak in a parser
 * library on hostile input does not pile up), after ISO_WORKER_MAX_MESSAGES messages, and
 * whenever the limits change. Replacing a worker means a fork, and each
 * fork makes the parent's memory copy-on-write again: 1,000 messages per
 * worker cost a fifth of an ingest's time in page faults.
 * The worker has RLIMIT_AS and a per-message RLIMIT_CPU, and leaves with
 * _exit. Calls are serialised by a mutex (one worker per process); the
 * worker is stopped and reaped at exit.
 *
 * Wire format (host byte order, same binary on both ends). Request: "BMQ1",
 * u32 flags, u64 length, the bytes. Reply: u64 length, then "BMS1", u32
 * worker state (1: replace me), i32 result, then either the cause string or the message fields. Strings are
 * a u32 length (0xFFFFFFFF for NULL) and the bytes. The parent validates
 * everything it reads: a subverted parser can at worst produce a wrong
 * (but well-formed) msg.
 *
 * Test hook: when the environment variable BUREAU_MIME_CHILD_FAULT is
 * "segv" or "hang" at the time of the call, the worker crashes or hangs on
 * that message instead of parsing it; "bloat" makes it leak 48 MiB first
 * (tests/unit/test_mime.c). */
#include "bureau/mime.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bureau/log.h"
#include "bureau/util.h"
#include "bureau/wire.h"

#define ISO_FAULT_ENV "BUREAU_MIME_CHILD_FAULT"
#define ISO_MAGIC "BMS1"
#define ISO_REQ_MAGIC "BMQ1"
#define ISO_WORKER_MAX_MESSAGES 20000
#define ISO_WORKER_MAX_GROWTH (32u * 1024 * 1024)
#define ISO_STATE_REPLACE 1u
#define ISO_FAULT_SEGV 1u
#define ISO_FAULT_HANG 2u
#define ISO_WITH_DATA 4u   /* send the decoded attachment bytes back too */
#define ISO_FAULT_BLOAT 16u
#define ISO_FAULT_OOM 32u  /* the message's first allocation fails */
#define ISO_HOOK 8u        /* run the worker's hook and send its bytes back */
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

static void put_msg(struct buf *b, const struct msg *m, int with_data)
{
    const char *const strs[] = {m->subject,    m->from_addr,   m->from_name,  m->reply_to,
                                m->to,         m->cc,          m->return_path, m->date_raw,
                                m->message_id, m->in_reply_to, m->references, m->body,
                                m->body_charset, m->dsn_original_id, m->dsn_action};

    for (size_t i = 0; i < BU_ARRAY_LEN(strs); i++)
        wire_put_str(b, strs[i]);
    wire_put_i64(b, m->date);
    wire_put_u32(b, (uint32_t)m->body_from_html);
    wire_put_u32(b, (uint32_t)m->charset_guessed);
    wire_put_u32(b, (uint32_t)m->is_dsn);
    wire_put_u32(b, (uint32_t)m->n_headers);
    for (size_t i = 0; i < m->n_headers; i++) {
        wire_put_str(b, m->headers[i].name);
        wire_put_str(b, m->headers[i].value);
    }
    wire_put_u32(b, (uint32_t)m->n_att);
    for (size_t i = 0; i < m->n_att; i++) {
        wire_put_str(b, m->att[i].filename);
        wire_put_str(b, m->att[i].content_type);
        wire_put_i64(b, (int64_t)m->att[i].size);
        wire_put_str(b, m->att[i].sha256);
        if (with_data)
            wire_put_bytes(b, m->att[i].data, m->att[i].size);
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

/* The worker's buffered input: requests often arrive several to a read. */
struct rbuf {
    int fd;
    size_t off, len;
    char data[64 * 1024];
};

static int read_all(struct rbuf *rb, void *dst, size_t n)
{
    char *p = dst;

    while (n > 0) {
        if (rb->off < rb->len) {
            size_t k = rb->len - rb->off < n ? rb->len - rb->off : n;
            memcpy(p, rb->data + rb->off, k);
            rb->off += k;
            p += k;
            n -= k;
            continue;
        }
        /* large remainders go straight to dst, small ones through the buffer */
        int direct = n >= sizeof(rb->data);
        ssize_t r = read(rb->fd, direct ? p : rb->data, direct ? n : sizeof(rb->data));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        if (direct) {
            p += r;
            n -= (size_t)r;
        } else {
            rb->off = 0;
            rb->len = (size_t)r;
        }
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

/* Before each message: CPU seconds used so far plus the per-message
 * allowance, and the peak size so far (peak_rss_kb). */
static long peak_rss_kb;  /* the worker's high-water mark, as of its last message */

static void worker_begin_message(const struct mime_limits *lim)
{
    struct rusage ru;
    struct rlimit rl;

    if (getrusage(RUSAGE_SELF, &ru) < 0)
        return;
    peak_rss_kb = ru.ru_maxrss;
    rl.rlim_cur = (rlim_t)ru.ru_utime.tv_sec + (rlim_t)ru.ru_stime.tv_sec + lim->timeout_ms / 1000 + 2;
    rl.rlim_max = RLIM_INFINITY;
    (void)setrlimit(RLIMIT_CPU, &rl);
}

/* The hook the worker was forked with (mime_worker_set_hook). */
static mime_worker_hook child_hook;
static void *child_ctx;

/* The worker's peak resident size when it began its first message. */
static long peak_rss_base_kb;

static void worker_reply(int fd, const char *raw, size_t len, const struct mime_limits *lim,
                         uint32_t flags)
{
    struct msg m;
    struct buf b;
    char *cause = NULL;
    enum mime_result r;
    uint64_t n;

    msg_init(&m);
    buf_init(&b, output_cap(lim) + sizeof(n));
    r = mime_parse(raw, len, lim, &m, &cause);
    n = 0;
    (void)buf_append(&b, &n, sizeof(n));  /* the length, filled in below */
    (void)buf_append(&b, ISO_MAGIC, 4);
    /* the peak as this message began, against the first message's: grown by
     * leaks of earlier messages (or one very large message: a spare fork) */
    if (!peak_rss_base_kb)
        peak_rss_base_kb = peak_rss_kb ? peak_rss_kb : 1;
    wire_put_u32(&b, peak_rss_kb - peak_rss_base_kb > (long)(ISO_WORKER_MAX_GROWTH / 1024)
                         ? ISO_STATE_REPLACE
                         : 0);
    wire_put_u32(&b, (uint32_t)(int32_t)r);
    if (r == MIME_OK) {
        put_msg(&b, &m, (flags & ISO_WITH_DATA) != 0);
        if (flags & ISO_HOOK) {
            struct buf extra;
            buf_init(&extra, ISO_EXTRA_OUTPUT);
            if (child_hook)
                child_hook(&m, &extra, child_ctx);
            wire_put_bytes(&b, extra.data ? extra.data : "", extra.len);
            buf_free(&extra);
        }
    } else
        wire_put_str(&b, cause ? cause : "parse failed");
    if (b.len >= b.max - 64) {
        buf_reset(&b);
        (void)buf_append(&b, &n, sizeof(n));
        (void)buf_append(&b, ISO_MAGIC, 4);
        wire_put_u32(&b, 0);
        wire_put_u32(&b, (uint32_t)(int32_t)MIME_REJECT);
        wire_put_str(&b, "decoded message larger than the output cap");
    }
    n = b.len - sizeof(n);
    memcpy(b.data, &n, sizeof(n));
    if (write_all(fd, b.data, b.len) < 0)
        _exit(3);
    msg_free(&m);
    free(cause);
    buf_free(&b);
}

static void worker_main(int fd, const struct mime_limits *lim)
{
    static struct rbuf rb;

    rb.fd = fd;
    for (;;) {
        char magic[4];
        uint32_t flags;
        uint64_t len;
        char *raw;

        if (read_all(&rb, magic, 4) < 0)
            _exit(0);
        if (memcmp(magic, ISO_REQ_MAGIC, 4) != 0 || read_all(&rb, &flags, sizeof(flags)) < 0 ||
            read_all(&rb, &len, sizeof(len)) < 0 || len > lim->max_message_size)
            _exit(2);
        raw = xmalloc(len ? len : 1);
        if (read_all(&rb, raw, len) < 0)
            _exit(2);
        worker_begin_message(lim);
        if (flags & ISO_FAULT_SEGV) {
            signal(SIGSEGV, SIG_DFL);
            raise(SIGSEGV);
        }
        while (flags & ISO_FAULT_HANG)
            pause();
        if (flags & ISO_FAULT_OOM)
            util_test_fail_alloc(1);
        if (flags & ISO_FAULT_BLOAT) {  /* a leak, as a parser library might */
            char *leak = malloc(48u * 1024 * 1024);
            if (leak)
                memset(leak, 1, 48u * 1024 * 1024);
            __asm__ volatile("" : : "r"(leak) : "memory");
        }
        worker_reply(fd, raw, len, lim, flags);
        free(raw);
    }
}

/* ---- parent: deserialise ---- */

static void get_msg(struct wire_rd *r, struct msg *m, unsigned max_parts, size_t max_size,
                    int with_data)
{
    char **const strs[] = {&m->subject,    &m->from_addr,   &m->from_name,  &m->reply_to,
                           &m->to,         &m->cc,          &m->return_path, &m->date_raw,
                           &m->message_id, &m->in_reply_to, &m->references, &m->body,
                           &m->body_charset, &m->dsn_original_id, &m->dsn_action};
    uint32_t n;

    for (size_t i = 0; i < BU_ARRAY_LEN(strs); i++)
        *strs[i] = wire_get_str(r);
    m->date = wire_get_i64(r);
    m->body_from_html = wire_get_u32(r) != 0;
    m->charset_guessed = wire_get_u32(r) != 0;
    m->is_dsn = wire_get_u32(r) != 0;
    n = wire_get_u32(r);
    if (r->bad || n > r->n / 8)
        goto bad;
    m->headers = xcalloc(n ? n : 1, sizeof(*m->headers));
    for (; m->n_headers < n && !r->bad; m->n_headers++) {
        m->headers[m->n_headers].name = wire_get_str(r);
        m->headers[m->n_headers].value = wire_get_str(r);
        if (!m->headers[m->n_headers].name || !m->headers[m->n_headers].value)
            r->bad = 1;
    }
    n = wire_get_u32(r);
    if (r->bad || n > max_parts + 1u)
        goto bad;
    m->att = xcalloc(n ? n : 1, sizeof(*m->att));
    for (; m->n_att < n && !r->bad; m->n_att++) {
        struct msg_attachment *a = &m->att[m->n_att];
        a->filename = wire_get_str(r);
        a->content_type = wire_get_str(r);
        int64_t size = wire_get_i64(r);
        char *sha = wire_get_str(r);
        if (size < 0 || (uint64_t)size > max_size || !sha || strlen(sha) != 64 ||
            strspn(sha, "0123456789abcdef") != 64)
            r->bad = 1;
        else
            memcpy(a->sha256, sha, 65);
        a->size = size < 0 ? 0 : (size_t)size;
        free(sha);
        if (with_data && !r->bad) {
            size_t got = 0;
            a->data = wire_get_bytes(r, &got);
            if (!a->data || got != a->size)
                r->bad = 1;
        }
    }
    return;
bad:
    r->bad = 1;
}

static enum mime_result decode_output(const char *p, size_t n, const struct mime_limits *lim,
                                      uint32_t flags, struct buf *extra, uint32_t *state,
                                      struct msg *out, char **cause)
{
    int with_data = (flags & ISO_WITH_DATA) != 0;
    struct wire_rd r;
    int32_t res;

    if (n < 8 || memcmp(p, ISO_MAGIC, 4) != 0) {
        set_cause(cause, "parser produced no result");
        return MIME_CRASH;
    }
    r.p = p + 4;
    r.n = n - 4;
    r.bad = 0;
    *state = wire_get_u32(&r);
    res = (int32_t)wire_get_u32(&r);
    if (res == MIME_OK) {
        get_msg(&r, out, lim->max_parts, lim->max_message_size, with_data);
        if (flags & ISO_HOOK) {
            size_t l = 0;
            unsigned char *x = wire_get_bytes(&r, &l);
            if (x && !r.bad)
                (void)buf_append(extra, x, l);
            free(x);
        }
    } else if (res == MIME_REJECT || res == MIME_CRASH || res == MIME_SYSERR) {
        char *c = wire_get_str(&r);
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

/* One request on its way to (or in) the worker. The bytes are the
 * caller's: they must stay valid until the result is collected. */
struct iso_req {
    const char *raw;
    size_t len;
    uint32_t flags;
    int64_t submitted_ms;
    char hdr[16];  /* "BMQ1", u32 flags, u64 length */
};

struct lane {
    pid_t pid;
    int fd;                    /* non-blocking socket to the worker */
    unsigned sent;             /* requests written to this worker process */
    struct mime_limits lim;    /* the process's limits */
    struct mime_limits want;   /* the limits of the latest request */
    struct iso_req q[MIME_WORKER_DEPTH];
    size_t head, n;            /* ring of requests in flight, oldest first */
    size_t n_sent;             /* of them, completely written (from head) */
    size_t off;                /* bytes of the next one written */
    size_t bytes;              /* message bytes in flight */
    struct buf in;             /* reply bytes read; those from in_off not consumed */
    size_t in_off;
    struct buf extra;          /* the hook's bytes for the last message collected */
    mime_worker_hook hook;
    void *hook_ctx;
    int64_t last_ms;           /* when the worker last finished a message */
    uint32_t flags;            /* added to the next requests' flags */
    int replace;               /* the process asked to be replaced */
    unsigned max_messages;     /* per process */
    double waited;             /* seconds the caller spent blocked on replies */
    int quiet;                 /* mime_worker_service saw the socket end: leave it */
    int deaf;                  /* a write failed (it is gone): read what it said */
    pid_t fs_pid;              /* the fork server (mime_worker_forkserver), or 0 */
    int fs_fd;                 /* its control socket (blocking), or -1 */
    int via_fs;                /* the worker process is the fork server's child */
};

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

static struct iso_req *req_at(struct lane *w, size_t i)
{
    return &w->q[(w->head + i) % MIME_WORKER_DEPTH];
}

static int fs_wait(struct lane *w, pid_t pid);

/* Stop the process: kill it (when asked), close, reap. Requests in flight
 * stay queued and go to the next process. Returns the status. */
static int worker_stop(struct lane *w, int kill_it)
{
    int st = 0;

    if (w->pid > 0) {
        if (kill_it)
            kill(w->pid, SIGKILL);
        close(w->fd);
        st = w->via_fs ? fs_wait(w, w->pid) : reap(w->pid);
    }
    w->pid = 0;
    w->fd = -1;
    w->via_fs = 0;
    w->quiet = 0;
    w->deaf = 0;
    w->in_off = 0;
    w->n_sent = 0;
    w->off = 0;
    buf_reset(&w->in);
    return st;
}

/* Signals sent to the whole process group (a Ctrl-C, a SIGTERM to the
 * service's group) are for the caller, which finishes the message in
 * hand: the parser must not die under it. It leaves when its socket ends. */
static void child_signals(void)
{
    signal(SIGPIPE, SIG_DFL);
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
}

/* socketpair, then fork: the pid in the parent (sv[0] is its end, sv[1]
 * the child's), 0 in the child, -1 with *cause. */
static pid_t fork_paired(int sv[2], char **cause)
{
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        set_cause(cause, "socketpair: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        set_cause(cause, "fork: %s", strerror(errno));
        close(sv[0]);
        close(sv[1]);
    }
    return pid;
}

/* In the new process: serve the requests of sock (as fd 3), and nothing
 * else: no database or IMAP descriptor stays open. */
static void worker_child(int sock, const struct mime_limits *lim)
{
    if (dup2(sock, 3) < 0)
        _exit(4);
    close_range(4, ~0u, 0);
    child_signals();
    worker_address_space(lim);
    worker_main(3, lim);
}

/* ---- the fork server ----
 *
 * A child forked while another thread of the caller holds a lock (malloc's
 * under AddressSanitizer, iconv's, the time zone's, a library's) inherits
 * it held, by nobody: its first call that takes it hangs, and the message
 * it was parsing is quarantined as a parser timeout. A caller that runs
 * other threads (bureau serve: the outbox, the other accounts, the
 * commits) therefore starts, while it has one thread, a fork server: a
 * process that does nothing but fork workers (from itself, single-
 * threaded) and reap them. Requests are fixed-size records; the reply to a
 * start carries the worker's socket (SCM_RIGHTS). */

#define FS_START 1u
#define FS_WAIT 2u
#define FS_TIMEOUT_MS 10000

struct fs_req {
    uint32_t op;
    int32_t pid;             /* FS_WAIT: the worker to reap */
    struct mime_limits lim;  /* FS_START: the worker's limits */
};

/* Send i (and fd, when >= 0) over the control socket. */
static int fs_send(int ctl, int32_t i, int fd)
{
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct iovec iov = {&i, sizeof i};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1};
    if (fd >= 0) {
        memset(&u, 0, sizeof u);
        mh.msg_control = u.buf;
        mh.msg_controllen = sizeof u.buf;
        struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
        c->cmsg_level = SOL_SOCKET;
        c->cmsg_type = SCM_RIGHTS;
        c->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(c), &fd, sizeof fd);
    }
    ssize_t r;
    while ((r = sendmsg(ctl, &mh, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    return r == (ssize_t)sizeof i ? 0 : -1;
}

static void forkserver_main(int ctl)
{
    static struct rbuf rb;

    rb.fd = ctl;
    for (;;) {
        struct fs_req rq;
        if (read_all(&rb, &rq, sizeof rq) < 0)
            _exit(0);  /* the caller closed its end, or is gone */
        if (rq.op == FS_WAIT) {
            int32_t st = reap(rq.pid);
            if (fs_send(ctl, st, -1) < 0)
                _exit(0);
            continue;
        }
        if (rq.op != FS_START)
            _exit(2);
        int sv[2];
        int32_t pid = fork_paired(sv, NULL);
        if (pid == 0)
            worker_child(sv[1], &rq.lim);
        if (pid > 0)
            close(sv[1]);
        int rc = fs_send(ctl, pid, pid > 0 ? sv[0] : -1);
        if (pid > 0)
            close(sv[0]);
        if (rc < 0)
            _exit(0);
    }
}

/* Wait (up to FS_TIMEOUT_MS) for the control socket to be readable. */
static int fs_ready(struct lane *w)
{
    struct pollfd pfd = {w->fs_fd, POLLIN, 0};
    int r;
    while ((r = poll(&pfd, 1, FS_TIMEOUT_MS)) < 0 && errno == EINTR)
        ;
    return r == 1 ? 0 : -1;
}

static void forkserver_stop(struct lane *w)
{
    if (w->fs_pid <= 0)
        return;
    close(w->fs_fd);  /* it leaves when it reads the end */
    (void)reap(w->fs_pid);
    w->fs_pid = 0;
    w->fs_fd = -1;
}

/* The fork server does not answer: stop it; workers are forked here from
 * now on, as without one. */
static void forkserver_lost(struct lane *w)
{
    kill(w->fs_pid, SIGKILL);
    forkserver_stop(w);
    log_warn("the parser's fork server stopped answering; forking parsers directly");
}

/* One exchange with the fork server: rq, then its int32 reply and the
 * descriptor that came with it (*fd, -1 when none). -1 when it does not
 * answer (it is stopped then). */
static int fs_call(struct lane *w, const struct fs_req *rq, int32_t *reply, int *fd)
{
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct iovec iov = {reply, sizeof *reply};
    struct msghdr mh = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
                        .msg_controllen = sizeof u.buf};
    ssize_t r = -1;
    *fd = -1;
    if (write_all(w->fs_fd, (const char *)rq, sizeof *rq) == 0 && fs_ready(w) == 0)
        while ((r = recvmsg(w->fs_fd, &mh, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
            ;
    if (r != (ssize_t)sizeof *reply) {
        forkserver_lost(w);
        return -1;
    }
    struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
        c->cmsg_len == CMSG_LEN(sizeof(int)))
        memcpy(fd, CMSG_DATA(c), sizeof *fd);
    return 0;
}

static int fs_wait(struct lane *w, pid_t pid)
{
    struct fs_req rq;
    int32_t st = 0;
    int fd;
    if (w->fs_pid <= 0)
        return 0;  /* gone with its children: reaped by init */
    memset(&rq, 0, sizeof rq);  /* padding included: it is sent */
    rq.op = FS_WAIT;
    rq.pid = pid;
    if (fs_call(w, &rq, &st, &fd) < 0)
        return 0;
    if (fd >= 0)
        close(fd);
    return st;
}

/* A worker from the fork server: its pid, and its socket in *fd. 0 when
 * the fork server could not give one (then the caller forks). */
static pid_t fs_start(struct lane *w, int *fd)
{
    struct fs_req rq;
    memset(&rq, 0, sizeof rq);
    rq.op = FS_START;
    rq.lim = w->want;
    int32_t pid = 0;
    if (fs_call(w, &rq, &pid, fd) < 0)
        return 0;
    if (pid > 0 && *fd >= 0)
        return pid;
    if (*fd >= 0)
        close(*fd);
    if (pid > 0) {  /* a process without its socket: of no use */
        kill(pid, SIGKILL);
        (void)fs_wait(w, pid);
    }
    return 0;  /* it could not fork (out of processes?): neither can we, likely */
}

static int lane_forkserver(struct lane *w, char **cause)
{
    int sv[2];
    if (w->fs_pid > 0)
        return 0;
    pid_t pid = fork_paired(sv, cause);
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (dup2(sv[1], 3) < 0)
            _exit(4);
        close_range(4, ~0u, 0);
        child_signals();
        signal(SIGCHLD, SIG_DFL);  /* its workers' statuses are wanted */
        child_hook = w->hook;
        child_ctx = w->hook_ctx;
        forkserver_main(3);
    }
    close(sv[1]);
    w->fs_pid = pid;
    w->fs_fd = sv[0];
    return 0;
}

static int worker_start(struct lane *w, char **cause)
{
    int sv[2];
    pid_t pid = w->fs_pid > 0 ? fs_start(w, &sv[0]) : 0;

    w->via_fs = pid > 0;
    if (pid <= 0) {
        pid = fork_paired(sv, cause);
        if (pid < 0)
            return -1;
        if (pid == 0) {
            child_hook = w->hook;
            child_ctx = w->hook_ctx;
            worker_child(sv[1], &w->want);
        }
        close(sv[1]);
    }
    (void)fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
    w->pid = pid;
    w->fd = sv[0];
    w->sent = 0;
    w->replace = 0;
    w->lim = w->want;
    w->last_ms = now_ms();
    return 0;
}

static int same_limits(const struct mime_limits *a, const struct mime_limits *b)
{
    return a->max_message_size == b->max_message_size && a->max_depth == b->max_depth &&
           a->max_parts == b->max_parts && a->max_header_len == b->max_header_len &&
           a->max_body_text == b->max_body_text && a->timeout_ms == b->timeout_ms;
}

/* A process that has served its share, or has other limits, takes no new
 * request; it is replaced once it has answered the ones it holds. */
static int retiring(const struct lane *w)
{
    return w->pid > 0 && (w->replace || w->sent >= w->max_messages ||
                          !same_limits(&w->lim, &w->want));
}

/* Something to write: a request begun, or a new one to a serving process. */
static int can_send(const struct lane *w)
{
    return w->pid > 0 && !w->deaf && w->n_sent < w->n && (w->off > 0 || !retiring(w));
}

/* Write what can be written without blocking. A process that cannot be
 * written to (it crashed on an earlier request, or left) is written no
 * more: the replies it sent before are still read, the request it died on
 * is judged by the collect that finds the socket's end, and those it did
 * not answer go to the next process. */
static void write_some(struct lane *w)
{
    while (can_send(w)) {
        struct iso_req *r = req_at(w, w->n_sent);
        size_t hl = sizeof r->hdr;
        struct iovec iov[2];
        int k = 0;
        if (w->off < hl)
            iov[k++] = (struct iovec){r->hdr + w->off, hl - w->off};
        size_t boff = w->off > hl ? w->off - hl : 0;
        if (boff < r->len)
            iov[k++] = (struct iovec){(void *)(r->raw + boff), r->len - boff};
        struct msghdr mh = {.msg_iov = iov, .msg_iovlen = (size_t)k};
        ssize_t got = k ? sendmsg(w->fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) : 0;
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (got < 0) {
            w->deaf = 1;
            return;
        }
        w->off += (size_t)got;
        if (w->off == hl + r->len) {
            w->n_sent++;
            w->sent++;
            w->off = 0;
        }
    }
}

/* Consumed replies leave the buffer only before more is read, so that
 * collecting replies read ahead does not move the ones behind each time. */
static void in_compact(struct lane *w)
{
    if (!w->in_off)
        return;
    memmove(w->in.data, w->in.data + w->in_off, w->in.len - w->in_off);
    w->in.len -= w->in_off;
    w->in_off = 0;
}

/* Length of the head reply when it is all in w->in; 0 when not yet, or
 * SIZE_MAX when it announces more than the cap. */
static size_t head_reply(const struct lane *w)
{
    uint64_t want;
    size_t avail = w->in.len - w->in_off;

    if (avail < sizeof(want))
        return 0;
    memcpy(&want, w->in.data + w->in_off, sizeof(want));
    if (want > output_cap(&w->lim))
        return SIZE_MAX;
    return avail - sizeof(want) >= want ? (size_t)want : 0;
}

/* Feed the worker and read until the head reply is complete. Returns 0,
 * 1 on timeout, 2 when the reply passes its cap, -1 when the worker went
 * away. */
static int pump(struct lane *w, int64_t deadline)
{
    char tmp[65536];

    for (;;) {
        size_t got = head_reply(w);
        if (got == SIZE_MAX)
            return 2;
        if (got)
            return 0;
        write_some(w);
        /* past the deadline, what the process has already sent is still
         * read: the caller may have been busy elsewhere (another lane, a
         * long commit) while the reply waited in the socket */
        int64_t left = deadline - now_ms();
        short ev = POLLIN;
        if (can_send(w) && left > 0)
            ev |= POLLOUT;
        struct pollfd pfd = {w->fd, ev, 0};
        double t0 = mono_seconds();
        int ready = poll(&pfd, 1, left <= 0 ? 0 : (int)(left > 60000 ? 60000 : left));
        w->waited += mono_seconds() - t0;
        if (ready <= 0 && left <= 0)
            return 1;
        if (ready <= 0)
            continue;
        if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
            continue;
        ssize_t r = read(w->fd, tmp, sizeof tmp);
        if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (r <= 0)
            return -1;
        in_compact(w);
        if (buf_append(&w->in, tmp, (size_t)r) < 0)
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
    if (WIFEXITED(st) && WEXITSTATUS(st) == EXIT_OOM) {
        set_cause(cause, "parser ran out of memory (the message needs more than its limit)");
        return MIME_CRASH;
    }
    set_cause(cause, "parser exited with status %d", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return MIME_CRASH;
}

static uint32_t fault_flags(void)
{
    const char *f = getenv(ISO_FAULT_ENV);

    if (!f)
        return 0;
    return strcmp(f, "segv") == 0   ? ISO_FAULT_SEGV
           : strcmp(f, "hang") == 0 ? ISO_FAULT_HANG
           : strcmp(f, "bloat") == 0 ? ISO_FAULT_BLOAT
           : strcmp(f, "oom") == 0   ? ISO_FAULT_OOM
                                     : 0;
}

static void pop(struct lane *w)
{
    w->bytes -= w->q[w->head].len;
    w->head = (w->head + 1) % MIME_WORKER_DEPTH;
    w->n--;
}

static struct lane *lane_new(void)
{
    struct lane *w = xcalloc(1, sizeof *w);
    w->fd = -1;
    w->fs_fd = -1;
    buf_init(&w->in, 0);
    buf_init(&w->extra, ISO_EXTRA_OUTPUT);
    w->max_messages = ISO_WORKER_MAX_MESSAGES;
    return w;
}

static void lane_set_recycle(struct lane *w, unsigned max_messages)
{
    w->max_messages = max_messages ? max_messages : ISO_WORKER_MAX_MESSAGES;
}

static pid_t lane_pid(const struct lane *w)
{
    return w->pid;
}

static void lane_set_hook(struct lane *w, mime_worker_hook fn, void *ctx)
{
    if (w->hook != fn || w->hook_ctx != ctx) {  /* the processes have the old one */
        if (w->pid > 0)
            (void)worker_stop(w, 1);
        forkserver_stop(w);
    }
    w->hook = fn;
    w->hook_ctx = ctx;
}

static double lane_waited(const struct lane *w)
{
    return w ? w->waited : 0;
}

static const char *lane_extra(const struct lane *w, size_t *len)
{
    *len = w->extra.len;
    return w->extra.len ? w->extra.data : NULL;
}

static void lane_free(struct lane *w)
{
    if (!w)
        return;
    (void)worker_stop(w, w->n > 0);
    forkserver_stop(w);
    buf_free(&w->in);
    buf_free(&w->extra);
    free(w);
}

/* The limits of the requests to come, and the room their replies need. */
static void want_limits(struct lane *w, const struct mime_limits *lim)
{
    w->want = *lim;
    w->in.max = output_cap(lim) + sizeof(uint64_t) + 65536;
}

static int lane_prestart(struct lane *w, const struct mime_limits *lim)
{
    if (w->pid > 0 || w->n > 0)
        return 0;
    want_limits(w, lim);
    char *cause = NULL;
    int rc = worker_start(w, &cause);
    free(cause);
    return rc;
}

/* Before a poll that waits for something else: feed the process, and say
 * what to wait for on its socket (pfd->fd -1: nothing). */
static void lane_poll_setup(struct lane *w, struct pollfd *pfd)
{
    int live = w->pid > 0 && !w->quiet;
    if (live)
        write_some(w);
    in_compact(w);
    size_t room = w->in.max > w->in.len ? w->in.max - w->in.len : 0;
    short ev = (short)((room ? POLLIN : 0) | (live && can_send(w) ? POLLOUT : 0));
    pfd->fd = live && ev ? w->fd : -1;
    pfd->events = ev;
    pfd->revents = 0;
}

/* After it: keep the replies that came (they stay queued for collect). */
static void lane_poll_done(struct lane *w, const struct pollfd *pfd)
{
    short got = pfd->fd >= 0 ? pfd->revents : 0;
    size_t room = w->in.max > w->in.len ? w->in.max - w->in.len : 0;
    if (room && (got & (POLLIN | POLLHUP | POLLERR))) {
        char tmp[65536];
        ssize_t r = read(w->fd, tmp, room < sizeof tmp ? room : sizeof tmp);
        if (r > 0)
            (void)buf_append(&w->in, tmp, (size_t)r);  /* fits: at most room */
        else if (r == 0 || (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK))
            w->quiet = 1;  /* gone: the next collect finds out and says why */
    } else if (got & (POLLHUP | POLLERR)) {
        w->quiet = 1;
    }
}

static size_t lane_read_ahead(const struct lane *w)
{
    return w->in.len - w->in_off;
}

static size_t lane_inflight(const struct lane *w)
{
    return w->n;
}

static int lane_submit(struct lane *w, const char *raw, size_t len,
                       const struct mime_limits *lim)
{
    if (w->n == MIME_WORKER_DEPTH || len > lim->max_message_size ||
        (w->n > 0 && (w->bytes + len > MIME_WORKER_BYTES || !same_limits(lim, &w->want))))
        return 1;
    struct iso_req *r = req_at(w, w->n);
    uint32_t flags = fault_flags() | w->flags | (w->hook ? ISO_HOOK : 0);
    uint64_t n = len;
    r->raw = raw;
    r->len = len;
    r->flags = flags;
    r->submitted_ms = now_ms();
    memcpy(r->hdr, ISO_REQ_MAGIC, 4);
    memcpy(r->hdr + 4, &flags, sizeof flags);
    memcpy(r->hdr + 8, &n, sizeof n);
    w->n++;
    w->bytes += len;
    want_limits(w, lim);
    write_some(w);
    return 0;
}

static int lane_is_next(const struct lane *w, const char *raw, size_t len)
{
    return w->n > 0 && w->q[w->head].raw == raw && w->q[w->head].len == len;
}

static enum mime_result lane_collect(struct lane *w, struct msg *out, char **cause)
{
    buf_reset(&w->extra);  /* nothing from an earlier message, whatever happens */
    if (w->n == 0) {
        set_cause(cause, "no message in flight to the parser");
        return MIME_SYSERR;
    }
    /* a fresh process when none runs, the old one is retiring and idle, or
     * it died before the oldest request reached it */
    if (w->n_sent == 0 && (w->pid <= 0 || w->deaf || (w->off == 0 && retiring(w)))) {
        (void)worker_stop(w, 1);
        if (worker_start(w, cause) < 0) {
            pop(w);
            return MIME_SYSERR;
        }
    }
    int64_t start = w->q[w->head].submitted_ms > w->last_ms ? w->q[w->head].submitted_ms
                                                            : w->last_ms;
    int rd = pump(w, start + w->lim.timeout_ms);
    enum mime_result res;
    if (rd != 0) {
        res = judge(rd, worker_stop(w, 1), w->lim.timeout_ms, cause);
        pop(w);
        return res;
    }
    uint64_t want;
    memcpy(&want, w->in.data + w->in_off, sizeof want);
    uint32_t state = 0;
    res = decode_output(w->in.data + w->in_off + sizeof want, (size_t)want, &w->lim,
                        w->q[w->head].flags, &w->extra, &state, out, cause);
    if (state & ISO_STATE_REPLACE)
        w->replace = 1;  /* takes no new request; replaced once it has answered */
    size_t used = sizeof want + (size_t)want;
    w->in_off += used;
    if (w->in_off == w->in.len) {
        buf_reset(&w->in);
        w->in_off = 0;
    }
    w->n_sent--;
    w->last_ms = now_ms();
    pop(w);
    if (res == MIME_CRASH)
        (void)worker_stop(w, 1);
    return res;
}

static void lane_discard(struct lane *w)
{
    if (w->n == 0)
        return;
    (void)worker_stop(w, 1);
    w->n = 0;
    w->bytes = 0;
}

static enum mime_result lane_parse(struct lane *w, const char *raw, size_t len,
                                   const struct mime_limits *lim, struct msg *out, char **cause)
{
    if (len > lim->max_message_size) {
        set_cause(cause, "message too large (%zu bytes, limit %zu)", len, lim->max_message_size);
        return MIME_REJECT;
    }
    lane_discard(w);
    (void)lane_submit(w, raw, len, lim);
    return lane_collect(w, out, cause);
}

/* ---- the caller's side: one lane, or several ----
 *
 * A mime_worker is up to ISO_MAX_LANES lanes, each a process with its own
 * queue, crash handling and recycling as above. A message goes to the
 * lane with the fewest messages in flight; the order ring records which,
 * so that results are collected in submit order whatever lane parsed
 * them, and a crash still costs one message (the others of its lane go
 * to that lane's next process). */
#define ISO_MAX_LANES 4

struct mime_worker {
    struct lane *lane[ISO_MAX_LANES];
    unsigned n_lanes;
    unsigned char order[ISO_MAX_LANES * MIME_WORKER_DEPTH]; /* lane of each, oldest first */
    size_t o_head, o_n;
    int last;        /* lane of the message collected last, or -1 */
};

struct mime_worker *mime_worker_new(void)
{
    struct mime_worker *w = xcalloc(1, sizeof *w);
    w->lane[0] = lane_new();
    w->n_lanes = 1;
    w->last = -1;
    return w;
}

unsigned mime_worker_set_parsers(struct mime_worker *w, unsigned n)
{
    if (n < 1)
        n = 1;
    if (n > ISO_MAX_LANES)
        n = ISO_MAX_LANES;
    if (w->o_n > 0 || w->lane[0]->fs_pid > 0)
        return w->n_lanes;  /* messages in flight, or a fork server: as it is */
    while (w->n_lanes > n)
        lane_free(w->lane[--w->n_lanes]);
    while (w->n_lanes < n) {
        struct lane *l = lane_new();
        l->max_messages = w->lane[0]->max_messages;
        l->hook = w->lane[0]->hook;
        l->hook_ctx = w->lane[0]->hook_ctx;
        w->lane[w->n_lanes++] = l;
    }
    return w->n_lanes;
}

void mime_worker_free(struct mime_worker *w)
{
    if (!w)
        return;
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_free(w->lane[i]);
    free(w);
}

void mime_worker_set_recycle(struct mime_worker *w, unsigned max_messages)
{
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_set_recycle(w->lane[i], max_messages);
}

pid_t mime_worker_pid(const struct mime_worker *w)
{
    return lane_pid(w->lane[0]);
}

void mime_worker_set_hook(struct mime_worker *w, mime_worker_hook fn, void *ctx)
{
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_set_hook(w->lane[i], fn, ctx);
}

int mime_worker_forkserver(struct mime_worker *w, char **cause)
{
    if (w->n_lanes > 1) {
        set_cause(cause, "a fork server serves a single parser process");
        return -1;
    }
    return lane_forkserver(w->lane[0], cause);
}

double mime_worker_waited(const struct mime_worker *w)
{
    double t = 0;
    for (unsigned i = 0; w && i < w->n_lanes; i++)
        t += lane_waited(w->lane[i]);
    return t;
}

const char *mime_worker_extra(const struct mime_worker *w, size_t *len)
{
    if (w->last < 0) {
        *len = 0;
        return NULL;
    }
    return lane_extra(w->lane[w->last], len);
}

int mime_worker_prestart(struct mime_worker *w, const struct mime_limits *lim)
{
    int rc = 0;
    for (unsigned i = 0; i < w->n_lanes; i++)
        if (lane_prestart(w->lane[i], lim) < 0)
            rc = -1;
    return rc;
}

int mime_worker_service(struct mime_worker *w, int wake_fd, int timeout_ms)
{
    struct pollfd pfd[1 + ISO_MAX_LANES];
    pfd[0] = (struct pollfd){wake_fd, POLLIN, 0};
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_poll_setup(w->lane[i], &pfd[1 + i]);
    if (poll(pfd, 1 + w->n_lanes, timeout_ms) <= 0)
        return 0;
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_poll_done(w->lane[i], &pfd[1 + i]);
    return (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0;
}

size_t mime_worker_read_ahead(const struct mime_worker *w)
{
    size_t n = 0;
    for (unsigned i = 0; i < w->n_lanes; i++)
        n += lane_read_ahead(w->lane[i]);
    return n;
}

size_t mime_worker_inflight(const struct mime_worker *w)
{
    size_t n = 0;
    for (unsigned i = 0; i < w->n_lanes; i++)
        n += lane_inflight(w->lane[i]);
    return n;
}

/* The lane with the fewest messages in flight (then the fewest bytes). */
static unsigned lane_pick(const struct mime_worker *w)
{
    unsigned best = 0;
    for (unsigned i = 1; i < w->n_lanes; i++) {
        const struct lane *a = w->lane[i], *b = w->lane[best];
        if (a->n < b->n || (a->n == b->n && a->bytes < b->bytes))
            best = i;
    }
    return best;
}

int mime_worker_submit(struct mime_worker *w, const char *raw, size_t len,
                       const struct mime_limits *lim)
{
    unsigned l = lane_pick(w);
    if (lane_submit(w->lane[l], raw, len, lim) != 0)
        return 1;
    w->order[(w->o_head + w->o_n++) % sizeof w->order] = (unsigned char)l;
    return 0;
}

int mime_worker_is_next(const struct mime_worker *w, const char *raw, size_t len)
{
    return w->o_n > 0 && lane_is_next(w->lane[w->order[w->o_head]], raw, len);
}

enum mime_result mime_worker_collect(struct mime_worker *w, struct msg *out, char **cause)
{
    if (w->o_n == 0) {
        if (w->last >= 0)
            buf_reset(&w->lane[w->last]->extra);
        w->last = -1;
        set_cause(cause, "no message in flight to the parser");
        return MIME_SYSERR;
    }
    unsigned l = w->order[w->o_head];
    w->o_head = (w->o_head + 1) % sizeof w->order;
    w->o_n--;
    w->last = (int)l;
    return lane_collect(w->lane[l], out, cause);
}

void mime_worker_discard(struct mime_worker *w)
{
    for (unsigned i = 0; i < w->n_lanes; i++)
        lane_discard(w->lane[i]);
    w->o_head = w->o_n = 0;
}

enum mime_result mime_worker_parse(struct mime_worker *w, const char *raw, size_t len,
                                   const struct mime_limits *lim, struct msg *out, char **cause)
{
    mime_worker_discard(w);
    w->last = 0;
    return lane_parse(w->lane[0], raw, len, lim, out, cause);
}

/* The process-wide worker of mime_parse_isolated, one call at a time. */
static struct mime_worker *global_worker;
static pthread_mutex_t global_lock = PTHREAD_MUTEX_INITIALIZER;

static void global_at_exit(void)
{
    pthread_mutex_lock(&global_lock);
    mime_worker_free(global_worker);
    global_worker = NULL;
    pthread_mutex_unlock(&global_lock);
}

static enum mime_result global_parse(const char *raw, size_t len, const struct mime_limits *lim,
                                     uint32_t flags, struct msg *out, char **cause)
{
    pthread_mutex_lock(&global_lock);
    if (!global_worker) {
        global_worker = mime_worker_new();
        atexit(global_at_exit);
    }
    global_worker->lane[0]->flags = flags;  /* one lane: mime_worker_new's */
    enum mime_result res = mime_worker_parse(global_worker, raw, len, lim, out, cause);
    global_worker->lane[0]->flags = 0;
    pthread_mutex_unlock(&global_lock);
    return res;
}

enum mime_result mime_parse_isolated(const char *raw, size_t len,
                                     const struct mime_limits *lim, struct msg *out,
                                     char **cause)
{
    return global_parse(raw, len, lim, 0, out, cause);
}

enum mime_result mime_parse_isolated_data(const char *raw, size_t len,
                                          const struct mime_limits *lim, struct msg *out,
                                          char **cause)
{
    return global_parse(raw, len, lim, ISO_WITH_DATA, out, cause);
}
