/* mime.h — raw RFC 5322 bytes to a struct msg (libetpan underneath).
 *
 * The parser treats its input as hostile. mime_parse runs in the calling
 * process; mime_parse_isolated runs it in a child process so that a crash or
 * a hang of the parser costs only that message. */
#ifndef BUREAU_MIME_H
#define BUREAU_MIME_H

#include <sys/types.h>

#include "bureau/msg.h"

struct mime_limits {
    size_t max_message_size;  /* bytes; default 25 MiB */
    unsigned max_depth;       /* multipart nesting; default 16 */
    unsigned max_parts;       /* MIME parts in total; default 200 */
    size_t max_header_len;    /* one unfolded header; default 64 KiB */
    size_t max_body_text;     /* decoded text kept; default 2 MiB */
    unsigned timeout_ms;      /* isolated parse wall time; default 10000 */
};

void mime_limits_default(struct mime_limits *l);

enum mime_result {
    MIME_OK = 0,
    MIME_REJECT = -1,   /* input breaks a cap or cannot be parsed: quarantine */
    MIME_CRASH = -2,    /* parser crashed or hung (isolated only): quarantine */
    MIME_SYSERR = -3,   /* fork/pipe/memory trouble: temporary, retry later */
};

/* Parse raw[0..len) into *out (which the caller has msg_init'ed and later
 * msg_free's). On failure *cause holds the reason. raw need not be
 * NUL-terminated and is not kept after return. */
enum mime_result mime_parse(const char *raw, size_t len, const struct mime_limits *lim,
                            struct msg *out, char **cause);

/* Same contract, with the parse done in a forked child (one per process,
 * shared by all threads, one message at a time). The attachments come back
 * without their bytes (data NULL; size and sha256 set). */
enum mime_result mime_parse_isolated(const char *raw, size_t len,
                                     const struct mime_limits *lim, struct msg *out,
                                     char **cause);
/* The same with the attachments' decoded bytes (to save them). */
enum mime_result mime_parse_isolated_data(const char *raw, size_t len,
                                          const struct mime_limits *lim, struct msg *out,
                                          char **cause);

/* A parser process of one's own, with messages in flight: while the caller
 * stores one message, the worker already parses the next ones, and several
 * requests and replies share a system call. Results come back in submit
 * order with the same outcomes as mime_parse_isolated (a crash or hang
 * costs only that message; the ones behind it go to a fresh process).
 * Owned by one thread. */
#define MIME_WORKER_DEPTH 64                /* messages in flight at most */
#define MIME_WORKER_BYTES (16u * 1024 * 1024) /* ... and their bytes (one always fits) */
struct mime_worker;
struct mime_worker *mime_worker_new(void);
void mime_worker_free(struct mime_worker *w);   /* stops the process */
/* Queue raw for parsing. The bytes are NOT copied: they must stay valid
 * until collected or discarded. Returns 0, or 1 when refused (queue full,
 * message over the size cap, other limits than the queued ones): parse it
 * with mime_worker_parse when its turn comes. */
int mime_worker_submit(struct mime_worker *w, const char *raw, size_t len,
                       const struct mime_limits *lim);
size_t mime_worker_inflight(const struct mime_worker *w);
/* Keeps the worker busy while the caller waits for something else: writes
 * what requests it can, reads the replies that came (they stay queued for
 * mime_worker_collect), for up to timeout_ms or until wake_fd is readable
 * (returns 1 then, else 0). Never blocks on the worker, never stops it. */
int mime_worker_service(struct mime_worker *w, int wake_fd, int timeout_ms);
/* Bytes of replies read and not yet collected (for tests). */
size_t mime_worker_read_ahead(const struct mime_worker *w);
/* Is raw (same pointer and length) the oldest message in flight? */
int mime_worker_is_next(const struct mime_worker *w, const char *raw, size_t len);
/* The result of the oldest message in flight (msg_init'ed out). */
enum mime_result mime_worker_collect(struct mime_worker *w, struct msg *out, char **cause);
/* Optional, before the first submit: fn runs in the worker after each
 * successful parse and appends bytes that come back with the result
 * (mime_worker_extra), so that work on the parsed message runs beside the
 * caller too. It runs on the worker's copy of the caller's memory as it
 * was when the worker was forked: ctx must not change afterwards. */
struct buf;
typedef void (*mime_worker_hook)(const struct msg *m, struct buf *out, void *ctx);
void mime_worker_set_hook(struct mime_worker *w, mime_worker_hook fn, void *ctx);
/* Optional, after the hook and before the first submit: parse on n
 * processes (1, the default, to 4), each with its own queue of
 * MIME_WORKER_DEPTH messages; results still come back in submit order, and
 * a crash or hang still costs only the message it happened on. Not with a
 * fork server (mime_worker_forkserver serves one process). Returns the
 * number in effect. */
unsigned mime_worker_set_parsers(struct mime_worker *w, unsigned n);
/* Optional, after the hook: start the process now, with these limits,
 * rather than when the first result is collected: a caller that is about
 * to wait for the network (an IMAP login) pays the fork and the process's
 * first touch of its memory meanwhile, and its first messages are parsed
 * as soon as they are submitted. Returns 0, or -1 (the process starts
 * later, as without it). */
int mime_worker_prestart(struct mime_worker *w, const struct mime_limits *lim);
/* Optional, after the hook, and only while the calling process runs no
 * other thread: start a fork server, a process that forks the workers from
 * then on. A worker forked straight from a process where another thread
 * holds a lock (malloc's, iconv's, a library's) inherits it held and may
 * hang on it; one forked by the fork server, single-threaded, cannot. For
 * callers that start threads afterwards (bureau serve). If the fork server
 * stops answering, workers are forked directly again (a warning is
 * logged). Returns 0, or -1 with *cause. */
int mime_worker_forkserver(struct mime_worker *w, char **cause);
/* The hook's bytes for the message collected last; NULL when none. */
const char *mime_worker_extra(const struct mime_worker *w, size_t *len);
/* Seconds the caller has spent blocked waiting for the worker's replies
 * (0 for NULL): how much of its time went to waiting for the parser. */
double mime_worker_waited(const struct mime_worker *w);
/* Messages one process serves at most before it is replaced (0: the
 * default, 20,000; it is also replaced when its peak size grows by 32 MiB). */
void mime_worker_set_recycle(struct mime_worker *w, unsigned max_messages);
/* The worker process now, or 0 (for tests). */
pid_t mime_worker_pid(const struct mime_worker *w);
/* Forget every message in flight (their results are not wanted). */
void mime_worker_discard(struct mime_worker *w);
/* Discard what is in flight, then parse raw now. */
enum mime_result mime_worker_parse(struct mime_worker *w, const char *raw, size_t len,
                                   const struct mime_limits *lim, struct msg *out, char **cause);

#endif
