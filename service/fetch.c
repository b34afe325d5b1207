/* fetch.c — see fetch.h */
#include "bureau/fetch.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <sqlite3.h>

#include "bureau/imap.h"
#include "bureau/log.h"
#include "bureau/mime.h"
#include "bureau/util.h"

struct fetched {
    uint32_t uid;
    const char *data;  /* held by the batch's IMAP response */
    size_t len;
};

struct batch {
    struct fetched *v;
    size_t n, cap;
    size_t expected;  /* the first ones, handed to the parser at download */
    struct imap_held *held;  /* owns the data */
};

/* UIDs to move after the commit, per destination folder. */
struct uidset {
    uint32_t *v;
    size_t n;
};

static void uidset_add(struct uidset *s, uint32_t uid)
{
    s->v = xrealloc(s->v, sizeof *s->v * (s->n + 1));
    s->v[s->n++] = uid;
}

static int on_message(void *arg, uint32_t uid, const char *data, size_t len)
{
    struct batch *b = arg;
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->v = xrealloc(b->v, sizeof *b->v * b->cap);
    }
    b->v[b->n].uid = uid;
    b->v[b->n].data = data;
    b->v[b->n].len = len;
    b->n++;
    return 0;
}

static int cmp_fetched(const void *a, const void *b)
{
    uint32_t x = ((const struct fetched *)a)->uid, y = ((const struct fetched *)b)->uid;
    return x < y ? -1 : x > y;
}

static void batch_clear(struct batch *b)
{
    imap_held_free(b->held);
    b->held = NULL;
    b->n = 0;
    b->expected = 0;
}

#define FETCH_FRAMING (1u << 20)  /* IMAP framing allowed in a download's answer */

/* One line per message. The lines of a batch are said once its commit
 * has returned, and dropped if it failed: a number shown is a number
 * kept. To out for `bureau fetch`, to the log for serve. */
#define FETCH_SAID_MAX (16u * 1024 * 1024)  /* > 10,000 lines of 1 KB */

static void report(struct buf *said, const struct pipe_result *r, uint32_t uid, size_t len)
{
    char line[1024];
    switch (r->outcome) {
    case PIPE_QUARANTINED:
        snprintf(line, sizeof line, "quarantined #%lld uid %u (%zu bytes): %s", (long long)r->id,
                 uid, len, r->reason ? r->reason : "");
        break;
    case PIPE_DUPLICATE:
        snprintf(line, sizeof line, "duplicate uid %u%s%s", uid, r->number[0] ? " of " : "",
                 r->number);
        break;
    default:
        snprintf(line, sizeof line, "%s %s uid %u (%zu bytes)", pipe_outcome_name(r->outcome),
                 r->number[0] ? r->number : "-", uid, len);
    }
    (void)buf_printf(said, "%s\n", line);
}

static void say(FILE *out, const char *source, struct buf *said)
{
    if (!said->len)
        return;
    if (out) {
        fwrite(said->data, 1, said->len, out);
        fflush(out);
    } else {
        for (const char *p = said->data, *e; *p; p = e + 1) {
            e = strchr(p, '\n');
            log_info("%s: %.*s", source, (int)(e - p), p);
        }
    }
    buf_reset(said);
}

static void count(struct fetch_stats *st, const struct pipe_result *r)
{
    switch (r->outcome) {
    case PIPE_REGISTERED: st->registered++; break;
    case PIPE_QUARANTINED: st->quarantined++; break;
    case PIPE_DUPLICATE: st->duplicates++; break;
    case PIPE_FOLLOWUP: st->followups++; break;
    case PIPE_DSN: st->bounces++; break;
    default: break;
    }
}

/* The commit of the last batch, in its own thread (see commit_start). */
struct committer {
    pthread_t th;
    int pending;   /* a commit was started and not waited for */
    int running;   /* ... in the thread th */
    int done_fd;   /* eventfd the thread signals when done; -1 none */
    struct pipeline *p;
    int rc;
    char *cause;
};

struct pass {
    struct pipeline *p;
    const struct imap_account *a;
    struct imap_conn *conn;
    atomic_int *stop;  /* interrupts the connection (serve's stop flag); may be NULL */
    uint32_t uidvalidity;
    char *source;
    FILE *out;
    struct buf said;  /* the report of the batch being committed */
    struct fetch_stats *st;
    struct uidset to_registered, to_quarantine;  /* committed, to move */
    struct uidset new_registered, new_quarantine; /* of the batch not yet committed */
    struct mime_worker *parser;  /* parses a batch ahead of its storage */
    struct committer commit;
};

static int move_all(struct pass *ps, char **cause)
{
    if (ps->to_registered.n &&
        imap_move(ps->conn, ps->to_registered.v, ps->to_registered.n,
                  ps->a->registered_folder, cause) < 0)
        return -1;
    if (ps->to_quarantine.n &&
        imap_move(ps->conn, ps->to_quarantine.v, ps->to_quarantine.n,
                  ps->a->quarantine_folder, cause) < 0)
        return -1;
    ps->st->moved += (unsigned)(ps->to_registered.n + ps->to_quarantine.n);
    ps->to_registered.n = ps->to_quarantine.n = 0;
    return 0;
}

/* Where a message goes on the server: into reg or quar, the pass's lists
 * of committed messages, or those of the batch in hand. */
static void route(struct uidset *reg, struct uidset *quar, uint32_t uid, enum pipe_outcome o)
{
    uidset_add(o == PIPE_QUARANTINED ? quar : reg, uid);
}

static void uidset_take(struct uidset *to, struct uidset *from)
{
    if (from->n) {
        to->v = xrealloc(to->v, sizeof *to->v * (to->n + from->n));
        memcpy(to->v + to->n, from->v, sizeof *to->v * from->n);
        to->n += from->n;
    }
    from->n = 0;
}

static void source_for(struct pass *ps, uint32_t uid, struct pipe_source *src)
{
    memset(src, 0, sizeof *src);
    src->source = ps->source;
    src->account = ps->a->name;
    src->mailbox = ps->a->mailbox;
    src->uidvalidity = ps->uidvalidity;
    src->uid = uid;
    src->default_kind = ps->a->default_kind;
}

/* --- a batch's commit beside the next download ---------------------------
 *
 * A batch's COMMIT (its fdatasync, and the WAL checkpoint that follows
 * some commits) runs in a thread of its own while the main thread
 * downloads the next batch and hands its first messages to the parser:
 * the disk, the IMAP server and the parser work at the same time. Nothing
 * touches the store between commit_start and commit_wait, and nothing is
 * moved on the server before the commit of its batch has returned. */

static void *commit_main(void *arg)
{
    struct committer *c = arg;
    c->rc = pipeline_batch_commit(c->p, &c->cause);
    if (c->done_fd >= 0)
        (void)eventfd_write(c->done_fd, 1);
    return NULL;
}

static void commit_start(struct pass *ps)
{
    struct committer *c = &ps->commit;
    c->p = ps->p;
    c->rc = 0;
    c->cause = NULL;
    c->pending = 1;
    c->running = sqlite3_threadsafe() && pthread_create(&c->th, NULL, commit_main, c) == 0;
    if (!c->running)
        commit_main(c);
}

/* Waits for the batch being committed, if any: its messages join those
 * to move. On failure they do not (the next pass fetches them again). */
static int commit_wait(struct pass *ps, char **cause)
{
    struct committer *c = &ps->commit;
    if (!c->pending)
        return 0;
    double t0 = mono_seconds();
    /* meanwhile the parser goes on with the next batch's first messages */
    while (c->running && c->done_fd >= 0 && ps->p->worker &&
           mime_worker_service(ps->p->worker, c->done_fd, 1000) == 0)
        ;
    if (c->running)
        pthread_join(c->th, NULL);
    eventfd_t drop;
    if (c->done_fd >= 0)
        (void)eventfd_read(c->done_fd, &drop);
    c->running = c->pending = 0;
    ps->st->s_commit += mono_seconds() - t0;
    if (c->rc < 0) {
        set_cause(cause, "%s", c->cause ? c->cause : "commit failed");
        free(c->cause);
        c->cause = NULL;
        store_rollback(ps->p->store);  /* a failed COMMIT can leave it open */
        ps->new_registered.n = ps->new_quarantine.n = 0;
        buf_reset(&ps->said);
        return -1;
    }
    if (getenv("BUREAU_TEST_CRASH_AFTER_COMMIT"))
        _exit(9);
    uidset_take(&ps->to_registered, &ps->new_registered);
    uidset_take(&ps->to_quarantine, &ps->new_quarantine);
    say(ps->out, ps->source, &ps->said);
    return 0;
}

/* Moves what is committed when FETCH_MOVE_BATCH messages wait, or all of
 * it when final. Between batches this runs while the last batch's commit
 * is still in flight: the server moves while the disk syncs. */
static int move_due(struct pass *ps, int final, char **cause)
{
    double t0 = mono_seconds();
    int rc = 0;
    if (final || ps->to_registered.n + ps->to_quarantine.n >= FETCH_MOVE_BATCH)
        rc = move_all(ps, cause);
    ps->st->s_move += mono_seconds() - t0;
    return rc;
}

/* The most the server may send for a batch listed at `listed` bytes: one
 * message may be bigger than listed (sizes are approximate on some
 * servers) up to the size cap, and the framing. */
static size_t fetch_cap(const struct pass *ps, size_t listed)
{
    return listed + ps->p->cfg->limits.max_message_size + FETCH_FRAMING;
}

/* Download uids (listed at `listed` bytes in all) into b, sorted by UID,
 * and hand its first messages to the parser (b->expected of them). */
static int download(struct pass *ps, const uint32_t *uids, size_t n, size_t listed,
                    struct batch *b, char **cause)
{
    double t0 = mono_seconds();
    imap_set_fetch_cap(ps->conn, fetch_cap(ps, listed));
    int rc = imap_fetch_held(ps->conn, uids, n, on_message, b, &b->held, cause);
    ps->st->s_download += mono_seconds() - t0;
    if (rc == 0 && b->n < n)
        log_warn("%s: asked for %zu messages, server returned %zu (expunged meanwhile?)",
                 ps->source, n, b->n);
    if (b->n > 1)  /* none at all after a failure: b->v may be NULL */
        qsort(b->v, b->n, sizeof *b->v, cmp_fetched);
    while (b->expected < b->n &&
           pipeline_expect(ps->p, b->v[b->expected].data, b->v[b->expected].len) == 0)
        b->expected++;
    return rc;
}

/* Register a downloaded batch in one transaction and start its commit:
 * what was processed is committed even when a later message failed. */
static int process_batch(struct pass *ps, struct batch *b, atomic_int *stop, char **cause)
{
    double t0 = mono_seconds(), w0 = mime_worker_waited(ps->p->worker);
    if (pipeline_batch_begin(ps->p, cause) < 0) {
        pipeline_forget_expected(ps->p);
        return -1;
    }
    int rc = 0;
    size_t ahead = b->expected;  /* the messages before it are in the parser's hands */
    for (size_t i = 0; i < b->n; i++) {
        struct pipe_source src;
        struct pipe_result r;
        if (ahead < i)
            ahead = i;
        while (ahead < b->n && pipeline_expect(ps->p, b->v[ahead].data, b->v[ahead].len) == 0)
            ahead++;
        source_for(ps, b->v[i].uid, &src);
        if (pipeline_process(ps->p, b->v[i].data, b->v[i].len, &src, &r) < 0) {
            set_cause(cause, "uid %u: %s", b->v[i].uid, r.reason);
            free(r.reason);
            rc = -1;
            break;
        }
        count(ps->st, &r);
        ps->st->bytes += b->v[i].len;
        report(&ps->said, &r, b->v[i].uid, b->v[i].len);
        route(&ps->new_registered, &ps->new_quarantine, b->v[i].uid, r.outcome);
        free(r.reason);
        if (stop && *stop)
            break;
    }
    pipeline_forget_expected(ps->p);  /* the batch's bytes go after this */
    ps->st->s_register += mono_seconds() - t0;
    ps->st->s_parse_wait += mime_worker_waited(ps->p->worker) - w0;
    commit_start(ps);
    return rc;
}

/* Quarantine a message without its bytes (why: NULL when listed over the
 * size cap). It is moved with the pass's other committed messages. */
static int handle_oversized(struct pass *ps, const struct imap_msginfo *mi, const char *why,
                            char **cause)
{
    struct pipe_source src;
    struct pipe_result r;
    char *header = NULL, *herr = NULL;
    size_t hlen = 0;
    source_for(ps, mi->uid, &src);
    if (!why && imap_fetch_header(ps->conn, mi->uid, &header, &hlen, &herr) < 0) {
        log_warn("%s: uid %u: its header could not be read, the sender is not told: %s",
                 ps->source, mi->uid, herr);
        free(herr);
    }
    int rc = pipeline_quarantine_unfetched(ps->p, &src, mi->size, why, ps->a->quarantine_folder,
                                           header, hlen, &r);
    free(header);
    if (rc < 0) {
        set_cause(cause, "uid %u: %s", mi->uid, r.reason);
        free(r.reason);
        return -1;
    }
    log_warn("%s: uid %u quarantined as #%lld: %s", ps->source, mi->uid, (long long)r.id,
             r.reason);
    count(ps->st, &r);
    report(&ps->said, &r, mi->uid, mi->size);
    say(ps->out, ps->source, &ps->said);  /* committed by pipeline_quarantine_unfetched */
    uidset_add(&ps->to_quarantine, mi->uid);
    free(r.reason);
    return 0;
}

/* What the pass downloads: the listed messages not yet committed and not
 * over the size cap (those are quarantined unfetched here). Which are
 * committed comes from one read of the store, not one per message. */
static int plan(struct pass *ps, const struct imap_msginfo *list, size_t n, atomic_int *stop,
                struct imap_msginfo *want, size_t *nw, char **cause)
{
    size_t max_size = ps->p->cfg->limits.max_message_size, k = 0, nseen = 0;
    struct store_seen *seen = NULL;
    *nw = 0;
    if (n && store_imap_seen_range(ps->p->store, ps->a->name, ps->a->mailbox, ps->uidvalidity,
                                   list[0].uid, list[n - 1].uid, &seen, &nseen, cause) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0 && !(stop && *stop); i++) {
        const struct imap_msginfo *mi = &list[i];
        while (k < nseen && seen[k].uid < mi->uid)
            k++;
        if (k < nseen && seen[k].uid == mi->uid)  /* committed by an earlier pass, not moved */
            route(&ps->to_registered, &ps->to_quarantine, mi->uid,
                  seen[k].seen == 2 ? PIPE_QUARANTINED : PIPE_REGISTERED);
        else if (mi->size > max_size)
            rc = handle_oversized(ps, mi, NULL, cause);
        else
            want[(*nw)++] = *mi;
    }
    free(seen);
    return rc;
}

/* How many of want[0..n) go in the next batch (at least one), and their
 * listed bytes. */
static size_t batch_len(const struct pass *ps, const struct imap_msginfo *want, size_t n,
                        size_t *bytes)
{
    size_t k = 0;
    *bytes = 0;
    while (k < n && (k == 0 || (k < ps->a->batch && *bytes + want[k].size <= FETCH_BATCH_BYTES)))
        *bytes += want[k++].size;
    return k;
}

/* A new connection for the rest of the pass, the old one having been cut.
 * On failure the old one stays (dead: what uses it fails and says so). */
static int reconnect(struct pass *ps, char **cause)
{
    struct imap_conn *c;
    uint32_t validity = 0, next = 0;
    if (imap_connect_stop(ps->a, ps->stop, &c, cause) < 0)
        return -1;
    int rc = imap_select(c, ps->a->mailbox, &validity, &next, cause);
    if (rc == 0 && validity != ps->uidvalidity) {
        set_cause(cause, "UIDVALIDITY changed during the pass");
        rc = -1;
    }
    if (rc < 0) {
        imap_close(c);
        return -1;
    }
    imap_close(ps->conn);
    ps->conn = c;
    return 0;
}

/* The server sent more than the cap for the batch want[0..k), and the
 * connection was cut. A batch of one is quarantined without its bytes; a
 * larger one is fetched again one message at a time (*singles of them), so
 * that only the message at fault is quarantined and the others go through.
 * Then the pass goes on over a new connection. */
static int after_overflow(struct pass *ps, const struct imap_msginfo *want, size_t k,
                          size_t listed, size_t *singles, char **cause)
{
    log_warn("%s: %s", ps->source, *cause ? *cause : "answer over its cap");
    free(*cause);
    *cause = NULL;
    if (k == 1) {
        char *why = xasprintf("the server sent more than %zu bytes for this message, listed "
                              "at %u bytes", fetch_cap(ps, listed), want[0].size);
        int rc = handle_oversized(ps, &want[0], why, cause);
        free(why);
        if (rc < 0)
            return -1;
    } else {
        *singles = k;
    }
    return reconnect(ps, cause);
}

static int run_pass(struct pass *ps, const struct imap_msginfo *list, size_t n,
                    atomic_int *stop, char **cause)
{
    struct imap_msginfo *want = xmalloc(sizeof *want * (n ? n : 1));
    uint32_t *uids = xmalloc(sizeof *uids * (n ? n : 1));
    struct batch b = {0};
    size_t nw = 0;
    int rc = plan(ps, list, n, stop, want, &nw, cause);
    size_t singles = 0;  /* messages to fetch one by one (after_overflow) */
    for (size_t at = 0; rc == 0 && at < nw && !(stop && *stop);) {
        size_t listed, k = batch_len(ps, want + at, nw - at, &listed);
        if (singles) {
            k = 1;
            listed = want[at].size;
            singles--;
        }
        for (size_t i = 0; i < k; i++)
            uids[i] = want[at + i].uid;
        at += k;
        rc = download(ps, uids, k, listed, &b, cause);  /* beside the previous batch's commit */
        int over = rc < 0 && imap_answer_overflowed(ps->conn);
        /* ... and so are the moves (not over a connection just cut) */
        int mrc = over ? 0 : move_due(ps, 0, rc < 0 ? NULL : cause);
        int wrc = commit_wait(ps, rc < 0 || mrc < 0 ? NULL : cause);
        if (mrc < 0 || wrc < 0)
            rc = -1;
        else if (over)
            rc = after_overflow(ps, want + at - k, k, listed, &singles, cause);
        else if (b.n && process_batch(ps, &b, stop, rc < 0 ? NULL : cause) < 0)
            rc = -1;
        if (over && rc == 0 && k > 1)
            at -= k;  /* the batch again, one message at a time */
        pipeline_forget_expected(ps->p);
        batch_clear(&b);
    }
    /* the last commit, and every move still owed (also after a failure) */
    if (commit_wait(ps, rc < 0 ? NULL : cause) < 0)
        rc = -1;
    if (move_due(ps, 1, rc < 0 ? NULL : cause) < 0)
        rc = -1;
    free(b.v);
    free(uids);
    free(want);
    return rc;
}

static int check_uidvalidity(struct pass *ps, char **cause)
{
    uint32_t old_validity, last_uid;
    store_imap_state(ps->p->store, ps->a->name, ps->a->mailbox, &old_validity, &last_uid);
    if (old_validity && old_validity != ps->uidvalidity)
        log_warn("%s: UIDVALIDITY changed from %u to %u; de-duplicating by content", ps->source,
                 old_validity, ps->uidvalidity);
    return 0;
}

static int save_state(struct pass *ps, const struct imap_msginfo *list, size_t n)
{
    uint32_t last = n ? list[n - 1].uid : 0;
    char *cause = NULL;
    int rc = store_begin(ps->p->store, &cause);
    if (rc == 0)
        rc = store_tx_imap_set_state(ps->p->store, ps->a->name, ps->a->mailbox,
                                     ps->uidvalidity, last, &cause);
    if (rc == 0)
        rc = store_commit(ps->p->store, &cause);
    else
        store_rollback(ps->p->store);
    if (rc < 0)
        log_warn("%s: cannot save IMAP state: %s", ps->source, cause);
    free(cause);
    return rc;
}

struct fetch_session {
    struct pass ps;
};

/* --- the login beside the start-up --------------------------------------- */

struct fetch_login {
    pthread_t th;
    int running;
    const struct imap_account *a;
    struct imap_conn *conn;
    int rc;
    char *cause;
};

static void *login_main(void *arg)
{
    struct fetch_login *l = arg;
    l->rc = imap_connect(l->a, &l->conn, &l->cause);
    return NULL;
}

struct fetch_login *fetch_login_start(const struct imap_account *a)
{
    struct fetch_login *l = xcalloc(1, sizeof *l);
    l->a = a;
    l->running = pthread_create(&l->th, NULL, login_main, l) == 0;
    if (!l->running)
        login_main(l);
    return l;
}

/* Waits for the login; its connection (or its failure) goes to the caller. */
static int login_finish(struct fetch_login *l, struct imap_conn **conn, char **cause)
{
    if (l->running)
        pthread_join(l->th, NULL);
    int rc = l->rc;
    *conn = l->conn;
    if (rc < 0)
        set_cause(cause, "%s", l->cause ? l->cause : "cannot connect");
    free(l->cause);
    free(l);
    return rc;
}

void fetch_login_abandon(struct fetch_login *l)
{
    struct imap_conn *conn = NULL;
    if (l && login_finish(l, &conn, NULL) == 0 && conn)
        imap_close(conn);
}

static int session_open(struct pipeline *p, const struct imap_account *a, struct fetch_login *l,
                        atomic_int *stop, struct fetch_session **out, char **cause)
{
    struct fetch_session *fs = xcalloc(1, sizeof *fs);
    fs->ps.p = p;
    fs->ps.stop = stop;
    fs->ps.a = a;
    fs->ps.source = xasprintf("imap:%s/%s", a->name, a->mailbox);
    buf_init(&fs->ps.said, FETCH_SAID_MAX);
    fs->ps.commit.done_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (!p->worker) {  /* the pipeline's parser (and classifier) for the session */
        fs->ps.parser = mime_worker_new();
        (void)mime_worker_set_parsers(fs->ps.parser, config_parsers(p->cfg));
        p->worker = fs->ps.parser;
        pipeline_classify_in_worker(p, a->default_kind);
    }
    /* started beside our own login; never forked while the thread of an
     * early login runs (the child would inherit the locks it holds) */
    if (!l)
        (void)mime_worker_prestart(p->worker, &p->cfg->limits);
    int rc = l ? login_finish(l, &fs->ps.conn, cause)
               : imap_connect_stop(a, stop, &fs->ps.conn, cause);
    if (rc < 0) {
        fetch_session_close(fs);
        return rc;
    }
    if (l)
        (void)mime_worker_prestart(p->worker, &p->cfg->limits);
    *out = fs;
    return 0;
}

int fetch_session_open(struct pipeline *p, const struct imap_account *a, atomic_int *stop,
                       struct fetch_session **out, char **cause)
{
    return session_open(p, a, NULL, stop, out, cause);
}

void fetch_session_close(struct fetch_session *fs)
{
    if (!fs)
        return;
    if (fs->ps.conn)
        imap_close(fs->ps.conn);
    free(fs->ps.to_registered.v);
    free(fs->ps.to_quarantine.v);
    free(fs->ps.new_registered.v);
    free(fs->ps.new_quarantine.v);
    free(fs->ps.source);
    if (fs->ps.commit.done_fd >= 0)
        close(fs->ps.commit.done_fd);
    buf_free(&fs->ps.said);
    if (fs->ps.parser && fs->ps.p->worker == fs->ps.parser)
        fs->ps.p->worker = NULL;
    mime_worker_free(fs->ps.parser);
    free(fs);
}

int fetch_session_pass(struct fetch_session *fs, FILE *out, atomic_int *stop,
                       struct fetch_stats *st, char **cause)
{
    struct pass *ps = &fs->ps;
    struct imap_msginfo *list = NULL;
    size_t n = 0;
    uint32_t uidnext;
    ps->out = out;
    ps->st = st;
    ps->to_registered.n = ps->to_quarantine.n = 0;
    ps->new_registered.n = ps->new_quarantine.n = 0;
    if (imap_select(ps->conn, ps->a->mailbox, &ps->uidvalidity, &uidnext, cause) < 0)
        return -1;
    check_uidvalidity(ps, cause);
    if (imap_list(ps->conn, 1, &list, &n, cause) < 0)
        return -1;
    int rc = run_pass(ps, list, n, stop, cause);
    if (rc == 0)
        save_state(ps, list, n);
    free(list);
    return rc;
}

int fetch_session_wait(struct fetch_session *fs, atomic_int *stop, char **cause)
{
    const struct imap_account *a = fs->ps.a;
    unsigned poll = a->poll_interval ? a->poll_interval : 60;
    if (imap_has_idle(fs->ps.conn))
        /* IDLE wakes us at once; the pass every poll_interval anyway is a
         * safety net for a missed notification (RFC 2177 also wants IDLE
         * re-issued within 29 minutes) */
        return imap_idle(fs->ps.conn, poll < 25 * 60 ? poll : 25 * 60, stop, cause) < 0 ? -1 : 0;
    for (unsigned i = 0; i < poll * 10 && !(stop && *stop); i++)
        usleep(100 * 1000);
    return 0;
}

int fetch_account_login(struct pipeline *p, const struct imap_account *a,
                        struct fetch_login *l, FILE *out, atomic_int *stop,
                        struct fetch_stats *st, char **cause)
{
    struct fetch_session *fs;
    int orc = session_open(p, a, l, stop, &fs, cause);
    if (orc < 0)
        return orc;
    int rc = fetch_session_pass(fs, out, stop, st, cause);
    fetch_session_close(fs);
    return rc;
}

int fetch_account(struct pipeline *p, const struct imap_account *a, FILE *out,
                  atomic_int *stop, struct fetch_stats *st, char **cause)
{
    return fetch_account_login(p, a, NULL, out, stop, st, cause);
}
