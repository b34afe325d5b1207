/* pipeline.c — see pipeline.h. Reads top to bottom as the life of one
 * message: dedupe, parse, classify, register, notify. */
#include "bureau/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/autoreply.h"
#include "bureau/headtoken.h"
#include "bureau/lifecycle.h"
#include "bureau/log.h"
#include "bureau/mime.h"
#include "bureau/util.h"

#define TRIAGE_DEPARTMENT "direction-services"
#define TRIAGE_KIND "correspondence"
#define INTERNAL_KIND "correspondence"  /* a department's mail: no citizen deadline */

const char *pipe_outcome_name(enum pipe_outcome o)
{
    static const char *const names[] = {"registered", "quarantined", "duplicate",
                                        "follow-up", "bounce", "temporary-failure"};
    return (unsigned)o < BU_ARRAY_LEN(names) ? names[o] : "?";
}

int pipeline_batch_begin(struct pipeline *p, char **cause)
{
    if (store_begin(p->store, cause) < 0)
        return -1;
    p->in_batch = 1;
    return 0;
}

int pipeline_expect(struct pipeline *p, const char *raw, size_t len)
{
    if (!p->worker)
        return 1;
    return mime_worker_submit(p->worker, raw, len, &p->cfg->limits);
}

/* Runs in the worker, on its copy of the pipeline. */
static void classify_hook(const struct msg *m, struct buf *out, void *ctx)
{
    const struct pipeline *p = ctx;
    struct classification c;
    memset(&c, 0, sizeof c);
    if (rules_classify(p->rules, m, p->worker_default_kind, &c) == 0)
        classification_encode(&c, out);
    classification_free(&c);
}

void pipeline_classify_in_worker(struct pipeline *p, const char *default_kind)
{
    if (!p->worker || !p->rules)
        return;
    p->worker_default_kind = default_kind;
    mime_worker_set_hook(p->worker, classify_hook, p);
}

/* The classification the worker sent with the parse just collected, when
 * it applies to this source and reads back correctly. */
static int worker_classification(const struct pipeline *p, const struct pipe_source *src,
                                 struct classification *c)
{
    size_t n = 0;
    const char *x = p->worker && p->rules ? mime_worker_extra(p->worker, &n) : NULL;
    const char *a = src->default_kind, *b = p->worker_default_kind;
    if (!x || !((!a && !b) || (a && b && strcmp(a, b) == 0)))
        return -1;
    return classification_decode(x, n, p->rules, c);
}

/* The parse of raw: collected when it was expected, else done now. */
static enum mime_result parse(struct pipeline *p, const char *raw, size_t len, struct msg *m,
                              char **cause)
{
    if (!p->worker)
        return mime_parse_isolated(raw, len, &p->cfg->limits, m, cause);
    if (mime_worker_is_next(p->worker, raw, len))
        return mime_worker_collect(p->worker, m, cause);
    return mime_worker_parse(p->worker, raw, len, &p->cfg->limits, m, cause);
}

/* raw was expected but needs no parse (a duplicate): take it off the queue. */
static void unexpect(struct pipeline *p, const char *raw, size_t len)
{
    if (!p->worker || !mime_worker_is_next(p->worker, raw, len))
        return;
    struct msg m;
    char *cause = NULL;
    msg_init(&m);
    (void)mime_worker_collect(p->worker, &m, &cause);
    msg_free(&m);
    free(cause);
}

void pipeline_forget_expected(struct pipeline *p)
{
    if (p->worker)
        mime_worker_discard(p->worker);
}

int pipeline_batch_commit(struct pipeline *p, char **cause)
{
    p->in_batch = 0;
    const char *k = getenv("BUREAU_TEST_FAIL_COMMIT");
    if (k && strtoul(k, NULL, 10) == ++p->batch_commits) {
        set_cause(cause, "commit refused (BUREAU_TEST_FAIL_COMMIT)");
        return -1;
    }
    return store_commit(p->store, cause);
}

void pipeline_batch_rollback(struct pipeline *p)
{
    pipeline_forget_expected(p);
    p->in_batch = 0;
    store_rollback(p->store);
}

/* One message's unit of work: a savepoint inside a batch, else a
 * transaction of its own. */
static int unit_begin(struct pipeline *p, char **cause)
{
    return p->in_batch ? store_savepoint(p->store, cause) : store_begin(p->store, cause);
}

static int unit_commit(struct pipeline *p, char **cause)
{
    return p->in_batch ? store_release(p->store, cause) : store_commit(p->store, cause);
}

static void unit_rollback(struct pipeline *p)
{
    if (p->in_batch)
        store_rollback_savepoint(p->store);
    else
        store_rollback(p->store);
}

static int mark_uid(struct pipeline *p, const struct pipe_source *src, int64_t raw_id,
                    int quarantined, char **cause)
{
    if (!src->account || !src->uid)
        return 0;
    return store_tx_imap_mark_uid(p->store, src->account, src->mailbox, src->uidvalidity,
                                  src->uid, raw_id, quarantined, cause);
}

static void fill_number(struct pipeline *p, int64_t entry_id, struct pipe_result *res)
{
    struct entry e;
    res->id = entry_id;
    if (store_entry_by_id(p->store, entry_id, &e, NULL) == 0) {
        snprintf(res->number, sizeof res->number, "%s", e.number);
        entry_free(&e);
    }
}

/* Already seen these exact bytes: say what became of them. */
static int handle_duplicate(struct pipeline *p, int64_t raw_id, const struct pipe_source *src,
                            struct pipe_result *res, char **cause)
{
    int64_t outcome = store_raw_outcome(p->store, raw_id);
    res->outcome = PIPE_DUPLICATE;
    if (outcome > 0)
        fill_number(p, outcome, res);
    else if (outcome < 0)
        res->id = -outcome;
    if (!src->account)
        return 0;
    if (unit_begin(p, cause) < 0)
        return -1;
    if (mark_uid(p, src, raw_id, outcome < 0, cause) < 0 || unit_commit(p, cause) < 0) {
        unit_rollback(p);
        return -1;
    }
    return 0;
}

static int quarantine_tx(struct pipeline *p, const char *raw, size_t len, const char *sha,
                         const struct pipe_source *src, const char *reason,
                         struct pipe_result *res, char **cause)
{
    int64_t raw_id, qid;
    if (store_tx_raw_put(p->store, raw, len, sha, &raw_id, cause) < 0 ||
        store_tx_quarantine(p->store, raw_id, reason, src->source, src->account, &qid, cause) <
            0 ||
        mark_uid(p, src, raw_id, 1, cause) < 0)
        return -1;
    res->outcome = PIPE_QUARANTINED;
    res->id = qid;
    res->reason = xstrdup(reason);
    return 0;
}

static void describe_hits(const struct classification *c, struct buf *b)
{
    buf_printf(b, "department %s (score %d), kind %s (score %d)%s", c->department,
               c->dept_score, c->kind, c->kind_score, c->needs_triage ? ", needs triage" : "");
    if (c->limit_hit)
        buf_puts(b, ", a pattern hit the match limit");
    if (c->model_department)
        buf_printf(b, "; %s %s, p = %.2f, words: %s", c->model_routed ? "routed by model:" :
                   "the model proposes (below its confidence)", c->model_department, c->model_p,
                   c->model_words && *c->model_words ? c->model_words : "-");
    for (size_t i = 0; i < c->n_hits; i++)
        buf_printf(b, "%s%s[%s%s]%+d", i ? ", " : "; rules: ", c->hits[i].rule,
                   c->hits[i].field, c->hits[i].shadow ? ", shadow" : "", c->hits[i].weight);
}

static void due_date_for(const struct pipeline *p, const char *kind_id, int64_t received,
                         char out[11])
{
    out[0] = '\0';
    const struct kind *k = p->rules ? rules_kind(p->rules, kind_id) : NULL;
    if (k && p->cal)
        calendar_due(p->cal, k, 0, 0, received, out);
}

/* Mail sent by a machine, under `automatic_mail: not-receivable`: it keeps
 * its number (the register has no gaps) and is closed at once, recorded as
 * the rules' doing; nobody is mailed. */
static int close_not_receivable(struct pipeline *p, const struct entry *e, const char *why,
                                char **cause)
{
    char *detail = xasprintf("%s -> closed (" LIFECYCLE_NOT_RECEIVABLE ": automatic mail, %s)",
                             e->status, why);
    int rc = store_tx_entry_set(p->store, e->id, "status", "closed", "rules", detail, cause);
    free(detail);
    if (rc == 0)
        rc = store_tx_entry_set(p->store, e->id, "closure_code", LIFECYCLE_NOT_RECEIVABLE,
                                "rules", LIFECYCLE_NOT_RECEIVABLE, cause);
    if (rc == 0 && e->needs_triage)
        rc = store_tx_entry_set(p->store, e->id, "needs_triage", "0", "rules",
                                "nothing to triage: automatic mail", cause);
    return rc;
}

/* A possibly urgent information request (a rule marked `urgent: yes`
 * fired): flagged for the clerk to confirm with `bureau urgent`, never
 * made urgent by the rules. */
static int flag_urgent_tx(struct pipeline *p, const struct entry *e,
                          const struct classification *c, char **cause)
{
    const char *rule = rules_urgent_hint(p->rules, c);
    if (!rule || e->urgent)
        return 0;
    char *why = xasprintf(PIPE_URGENT_HINT " (rule %s): a person's life, safety or freedom may "
                          "be at stake (loi 31-13: 3 days); confirm with bureau urgent",
                          rule);
    int rc = store_tx_entry_set(p->store, e->id, "attention", why, "rules", why, cause);
    free(why);
    return rc;
}

/* given: NULL, or what a person chose at registration (pipe_given), said
 * in the "classified" event. */
static int register_tx(struct pipeline *p, const struct msg *m, int64_t raw_id,
                       const struct classification *c, const struct pipe_source *src,
                       const char *given, struct pipe_result *res, char **cause)
{
    int64_t received = now_epoch();
    char due[11];
    int internal = autoreply_is_internal(p->cfg, p->rules, m->from_addr);
    const char *kind = internal && rules_kind(p->rules, INTERNAL_KIND) ? INTERNAL_KIND : c->kind;
    due_date_for(p, kind, received, due);
    struct register_input in = {
        .msg = m, .raw_id = raw_id, .kind = kind, .department = c->department,
        .needs_triage = c->needs_triage, .due_date = due[0] ? due : NULL,
        .source = src->source, .account = src->account, .actor = p->actor,
        .received_at = received, .internal = internal,
    };
    struct entry e;
    if (store_tx_register(p->store, &in, &e, cause) < 0)
        return -1;
    struct buf why;
    buf_init(&why, 16 * 1024);
    describe_hits(c, &why);
    if (given)
        buf_printf(&why, "; %s", given);
    if (internal)
        buf_printf(&why, "; internal correspondence from one of the commune's departments "
                         "(kind %s)", kind);
    int rc = store_event(p->store, e.id, "rules", "classified", why.data, cause);
    buf_free(&why);
    const char *robot = rules_close_automatic(p->rules) ? autoreply_robot(m) : NULL;
    if (rc == 0 && !robot)
        rc = flag_urgent_tx(p, &e, c, cause);
    if (rc == 0 && robot)
        rc = close_not_receivable(p, &e, robot, cause);
    else if (rc == 0 && p->notify && p->notify->tmpl)
        rc = notify_tx_registered(p->store, p->notify, &e, m, cause);
    if (rc == 0) {
        res->outcome = PIPE_REGISTERED;
        res->id = e.id;
        snprintf(res->number, sizeof res->number, "%s", e.number);
    }
    entry_free(&e);
    return rc;
}

/* DSN about our own mail, a mail to an item's reply address (queued for
 * headmail_process), or a follow-up: 1 when consumed. */
static int absorb_tx(struct pipeline *p, const struct msg *m, int64_t raw_id,
                     struct pipe_result *res, char **cause)
{
    if (!p->notify)
        return 0;
    int r = notify_tx_dsn(p->store, p->notify, m, raw_id, cause);
    if (r != 0) {
        res->outcome = PIPE_DSN;
        return r;
    }
    struct entry e;
    r = headtoken_tx_queue(p->store, p->cfg, m, raw_id, &e, cause);
    if (r == 0)
        r = notify_tx_followup(p->store, p->notify, m, raw_id, &e, cause);
    if (r == 1) {
        res->outcome = PIPE_FOLLOWUP;
        res->id = e.id;
        snprintf(res->number, sizeof res->number, "%s", e.number);
        entry_free(&e);
    }
    return r;
}

static int store_parsed_tx(struct pipeline *p, const char *raw, size_t len, const char *sha,
                           const struct msg *m, const struct classification *c,
                           const struct pipe_source *src, struct pipe_result *res,
                           char **cause)
{
    int64_t raw_id;
    if (store_tx_raw_put(p->store, raw, len, sha, &raw_id, cause) < 0)
        return -1;
    int absorbed = absorb_tx(p, m, raw_id, res, cause);
    if (absorbed < 0)
        return -1;
    if (!absorbed && register_tx(p, m, raw_id, c, src, NULL, res, cause) < 0)
        return -1;
    return mark_uid(p, src, raw_id, 0, cause);
}

static int tempfail(struct pipe_result *res, char *cause)
{
    res->outcome = PIPE_TEMPFAIL;
    res->reason = cause ? cause : xstrdup("temporary failure");
    return -1;
}

static int classify(const struct pipeline *p, const struct msg *m,
                    const struct pipe_source *src, struct classification *c)
{
    memset(c, 0, sizeof *c);
    if (p->rules)
        return rules_classify(p->rules, m, src->default_kind, c);
    c->department = xstrdup(TRIAGE_DEPARTMENT);
    c->kind = xstrdup(src->default_kind ? src->default_kind : TRIAGE_KIND);
    c->needs_triage = 1;
    return 0;
}

int pipeline_process(struct pipeline *p, const char *raw, size_t len,
                     const struct pipe_source *src, struct pipe_result *res)
{
    char sha[65], *cause = NULL;
    memset(res, 0, sizeof *res);
    sha256_hex(raw, len, sha);

    int64_t raw_id = store_raw_find(p->store, sha);
    if (raw_id) {
        unexpect(p, raw, len);
        return handle_duplicate(p, raw_id, src, res, &cause) < 0 ? tempfail(res, cause) : 0;
    }

    struct msg m;
    msg_init(&m);
    enum mime_result mr = parse(p, raw, len, &m, &cause);
    if (mr == MIME_SYSERR) {
        msg_free(&m);
        return tempfail(res, cause);
    }
    struct classification c;
    memset(&c, 0, sizeof c);
    if (mr == MIME_OK && worker_classification(p, src, &c) < 0 && classify(p, &m, src, &c) < 0) {
        msg_free(&m);
        return tempfail(res, xstrdup("classification failed"));
    }
    int rc = unit_begin(p, &cause);
    if (rc == 0) {
        if (mr == MIME_OK)
            rc = store_parsed_tx(p, raw, len, sha, &m, &c, src, res, &cause);
        else
            rc = quarantine_tx(p, raw, len, sha, src, cause ? cause : "unparsable", res, &cause);
    }
    if (rc == 0)
        rc = unit_commit(p, &cause);
    else
        unit_rollback(p);
    classification_free(&c);
    msg_free(&m);
    if (rc < 0)
        return tempfail(res, cause);
    free(cause);
    return 0;
}

/* What the person chose replaces the rules' decision; the entry needs
 * triage only when the rules were unsure of what was left to them. The
 * note for the "classified" event (malloc'd), or NULL when nothing was
 * given. */
static char *apply_given(struct classification *c, const struct pipe_given *g,
                         const char *actor)
{
    if (!g->department && !g->kind)
        return NULL;
    if (g->department) {
        free(c->department);
        c->department = xstrdup(g->department);
        free(c->model_department); /* the person's choice, not the model's */
        free(c->model_words);
        c->model_department = c->model_words = NULL;
        c->model_routed = 0;
    }
    if (g->kind) {
        free(c->kind);
        c->kind = xstrdup(g->kind);
    }
    if (g->department && g->kind)
        c->needs_triage = 0;
    return xasprintf("%s%s%s chosen at registration by %s", g->department ? "department" : "",
                     g->department && g->kind ? " and " : "", g->kind ? "kind" : "", actor);
}

int pipeline_register_given(struct pipeline *p, const char *raw, size_t len,
                            const struct msg *m, const struct pipe_source *src,
                            const struct pipe_given *g, struct pipe_result *res)
{
    char sha[65], *cause = NULL;
    memset(res, 0, sizeof *res);
    sha256_hex(raw, len, sha);
    struct classification c;
    if (classify(p, m, src, &c) < 0) {
        classification_free(&c);
        return tempfail(res, xstrdup("classification failed"));
    }
    char *given = apply_given(&c, g, p->actor);
    int64_t raw_id;
    int rc = unit_begin(p, &cause);
    if (rc == 0)
        rc = store_tx_raw_put(p->store, raw, len, sha, &raw_id, &cause);
    if (rc == 0)
        rc = register_tx(p, m, raw_id, &c, src, given, res, &cause);
    if (rc == 0 && g->also_tx)
        rc = g->also_tx(p->store, res->id, g->arg, &cause);
    if (rc == 0)
        rc = unit_commit(p, &cause);
    else
        unit_rollback(p);
    free(given);
    classification_free(&c);
    if (rc < 0) {
        res->id = 0;
        res->number[0] = '\0';
        return tempfail(res, cause);
    }
    free(cause);
    return 0;
}

/* The sender of an oversized message is told (notify_tx_oversize) when its
 * header parses: nothing else of it is known. */
static int tell_oversized(struct pipeline *p, const char *header, size_t hlen, int64_t qid,
                          size_t size, char **cause)
{
    struct msg m;
    char *why = NULL;
    msg_init(&m);
    int rc = 0;
    if (parse(p, header, hlen, &m, &why) == MIME_OK)
        rc = notify_tx_oversize(p->store, p->notify, &m, qid, size, cause);
    else
        log_warn("quarantined message #%lld: its header does not parse (%s): the sender is "
                 "not told", (long long)qid, why ? why : "?");
    free(why);
    msg_free(&m);
    return rc;
}

int pipeline_quarantine_unfetched(struct pipeline *p, const struct pipe_source *src,
                                  size_t size, const char *why, const char *folder,
                                  const char *header, size_t hlen, struct pipe_result *res)
{
    char *cause = NULL;
    memset(res, 0, sizeof *res);
    char *reason = why ? xasprintf("%s; the original stays in IMAP folder %s", why, folder)
                       : xasprintf("message of %zu bytes exceeds max_message_size (%zu); "
                                   "the original stays in IMAP folder %s",
                                   size, p->cfg->limits.max_message_size, folder);
    char *ref = xasprintf("%s/%s uidvalidity %u uid %u", src->account, folder,
                          src->uidvalidity, src->uid);
    int rc = unit_begin(p, &cause);
    int64_t qid = 0;
    if (rc == 0)
        rc = store_tx_quarantine(p->store, 0, reason, src->source, src->account, &qid, &cause);
    if (rc == 0) {
        sqlite3_stmt *st = store_stmt(p->store,
                                      "UPDATE quarantine SET raw_id = NULL, size = ?, "
                                      "imap_ref = ?, header_sha256 = ? WHERE id = ?",
                                      &cause);
        rc = -1;
        if (st) {
            char hsha[65];
            if (header)
                sha256_hex(header, hlen, hsha);
            sqlite3_bind_int64(st, 1, (sqlite3_int64)size);
            sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
            if (header)
                sqlite3_bind_text(st, 3, hsha, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, 3);
            sqlite3_bind_int64(st, 4, qid);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
            if (rc < 0)
                set_cause(&cause, "%s", sqlite3_errmsg(store_db(p->store)));
            sqlite3_reset(st);
        }
    }
    if (rc == 0 && header)
        rc = tell_oversized(p, header, hlen, qid, size, &cause);
    if (rc == 0)
        rc = mark_uid(p, src, 0, 1, &cause);
    if (rc == 0)
        rc = unit_commit(p, &cause);
    else
        unit_rollback(p);
    free(ref);
    if (rc < 0) {
        free(reason);
        return tempfail(res, cause);
    }
    res->outcome = PIPE_QUARANTINED;
    res->id = qid;
    res->reason = reason;
    return 0;
}

/* A message the parser refused still gets an entry: what we can read of
 * its headers is best-effort, the original bytes are what count. */
static void minimal_msg(struct msg *m)
{
    if (!m->subject)
        m->subject = xstrdup("(message illisible — رسالة غير مقروءة)");
    if (!m->body)
        m->body = xstrdup("");
}

int pipeline_register_quarantined(struct pipeline *p, int64_t qid, struct pipe_result *res)
{
    char *cause = NULL, *raw = NULL;
    size_t len = 0;
    memset(res, 0, sizeof *res);
    sqlite3_stmt *st = store_stmt(
        p->store, "SELECT raw_id, status, source, account FROM quarantine WHERE id = ?", &cause);
    if (!st)
        return tempfail(res, cause);
    sqlite3_bind_int64(st, 1, qid);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        return tempfail(res, xasprintf("no quarantined message #%lld", (long long)qid));
    }
    int64_t raw_id = sqlite3_column_int64(st, 0);
    char *status = xstrdup((const char *)sqlite3_column_text(st, 1));
    char *source = xstrdup((const char *)sqlite3_column_text(st, 2));
    char *account = xstrdup((const char *)sqlite3_column_text(st, 3));
    sqlite3_reset(st);
    int rc = -1;
    struct msg m;
    msg_init(&m);
    struct classification c;
    memset(&c, 0, sizeof c);
    if (strcmp(status, "held") != 0) {
        set_cause(&cause, "quarantined message #%lld is already %s", (long long)qid, status);
        goto done;
    }
    if (!raw_id) {
        set_cause(&cause, "quarantined message #%lld was never downloaded (too large); "
                          "raise max_message_size and fetch it from the quarantine folder",
                  (long long)qid);
        goto done;
    }
    if (store_raw_get(p->store, raw_id, &raw, &len, &cause) < 0)
        goto done;
    free(cause);
    cause = NULL;
    if (mime_parse_isolated(raw, len, &p->cfg->limits, &m, &cause) != MIME_OK) {
        msg_free(&m);
        msg_init(&m);
    }
    minimal_msg(&m);
    struct pipe_source src = {.source = source, .account = account};
    if (classify(p, &m, &src, &c) < 0 || unit_begin(p, &cause) < 0)
        goto done;
    rc = register_tx(p, &m, raw_id, &c, &src, NULL, res, &cause);
    if (rc == 0) {
        st = store_stmt(p->store,
                        "UPDATE quarantine SET status = 'registered', entry_id = ? WHERE id = ?",
                        &cause);
        rc = st ? 0 : -1;
        if (st) {
            sqlite3_bind_int64(st, 1, res->id);
            sqlite3_bind_int64(st, 2, qid);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
            sqlite3_reset(st);
        }
    }
    if (rc == 0) {
        char *d = xasprintf("registered from quarantine #%lld by %s", (long long)qid, p->actor);
        rc = store_event(p->store, res->id, p->actor, "from-quarantine", d, &cause);
        free(d);
    }
    rc = rc == 0 ? unit_commit(p, &cause) : (unit_rollback(p), -1);
done:
    classification_free(&c);
    msg_free(&m);
    free(raw);
    free(status);
    free(source);
    free(account);
    if (rc < 0)
        return tempfail(res, cause);
    free(cause);
    return 0;
}
