/* pipeline.h — one message from raw bytes to the register:
 * de-duplicate → parse (isolated) → classify → register (+ notify) in one
 * transaction. The IMAP fetch (fetch.c) and `bureau ingest` both feed it.
 *
 * A batch (pipeline_batch_begin/commit) groups many messages in one
 * transaction; each message runs in its own SAVEPOINT so that a failure
 * rolls back only that message (and its number: no gap). */
#ifndef BUREAU_PIPELINE_H
#define BUREAU_PIPELINE_H

#include <stddef.h>
#include <stdint.h>
#include "bureau/calendar.h"
#include "bureau/config.h"
#include "bureau/mime.h"
#include "bureau/notify.h"
#include "bureau/rules.h"
#include "bureau/store.h"

struct pipeline {
    struct store *store;
    const struct config *cfg;
    const struct rules *rules;
    const struct calendar *cal;
    const struct notify_ctx *notify;  /* may be NULL: nothing is queued */
    const char *actor;                /* "system" */
    int in_batch;
    unsigned batch_commits;           /* batches committed (or refused) so far */
    struct mime_worker *worker;       /* NULL: mime_parse_isolated; else the
                                         caller's, and pipeline_expect works */
    const char *worker_default_kind;  /* see pipeline_classify_in_worker */
};

/* How the attention of an entry flagged by a rule marked `urgent: yes`
 * begins; `bureau urgent` (on or off) clears it. */
#define PIPE_URGENT_HINT "possibly urgent"

struct pipe_source {
    const char *source;       /* "imap:ACCOUNT/MAILBOX", "stdin", "file:PATH" */
    const char *account;      /* NULL unless IMAP */
    const char *mailbox;
    uint32_t uidvalidity;
    uint32_t uid;             /* 0 unless IMAP */
    const char *default_kind; /* may be NULL */
};

enum pipe_outcome {
    PIPE_REGISTERED = 0,
    PIPE_QUARANTINED,
    PIPE_DUPLICATE,    /* same bytes already registered or quarantined */
    PIPE_FOLLOWUP,     /* attached to an existing entry */
    PIPE_DSN,          /* a bounce of one of our own mails */
    PIPE_TEMPFAIL,     /* nothing stored; try again later */
};

struct pipe_result {
    enum pipe_outcome outcome;
    char number[64];   /* entry number (registered, follow-up, duplicate of an entry) */
    int64_t id;        /* entry id, or quarantine id when quarantined */
    char *reason;      /* malloc'd: why quarantined / tempfail; caller frees */
};

const char *pipe_outcome_name(enum pipe_outcome o);

int pipeline_batch_begin(struct pipeline *p, char **cause);
/* BUREAU_TEST_FAIL_COMMIT=K: the pipeline's K-th batch commit fails, as a
 * full disk would make it fail (for tests). */
int pipeline_batch_commit(struct pipeline *p, char **cause);
void pipeline_batch_rollback(struct pipeline *p);

/* Optional, with p->worker set: raw is among the next messages that
 * pipeline_process will be given, in the order of these calls. Its parse
 * starts now, beside the storage of the ones before it. The bytes must stay
 * valid until it is processed, or until pipeline_forget_expected
 * (pipeline_batch_rollback does it too). Returns 0, or 1 when not taken
 * now (queue full: try again after the next pipeline_process; no worker;
 * over the size cap). */
int pipeline_expect(struct pipeline *p, const char *raw, size_t len);
/* Forget what was expected and not processed (before its bytes go). */
void pipeline_forget_expected(struct pipeline *p);

/* With p->worker set and before its first use: the worker classifies each
 * message too, right after parsing it, for messages whose source has this
 * default_kind (the others are classified here). The parent checks what
 * comes back (classification_decode). p must stay where it is while the
 * worker lives. */
void pipeline_classify_in_worker(struct pipeline *p, const char *default_kind);

/* Process one message. Returns 0 with res filled (any outcome but
 * TEMPFAIL), or -1 with res->outcome = PIPE_TEMPFAIL and res->reason. */
int pipeline_process(struct pipeline *p, const char *raw, size_t len,
                     const struct pipe_source *src, struct pipe_result *res);

/* Record a message refused before download (IMAP, listed over the size
 * cap, or sent bigger than the download's cap): a quarantine row without
 * bytes, pointing at the IMAP folder. why: the reason (NULL: over
 * max_message_size at size bytes). header[0..hlen) (may be NULL): the
 * message's header, parsed to tell its sender (notify_tx_oversize) in the
 * same transaction. */
int pipeline_quarantine_unfetched(struct pipeline *p, const struct pipe_source *src,
                                  size_t size, const char *why, const char *folder,
                                  const char *header, size_t hlen, struct pipe_result *res);

/* A letter a person registers (paper, the counter: service/paper/): m is
 * what they typed, raw..len its record (kept as the original bytes, with
 * the scans). No de-duplication (the record is new bytes), no follow-up
 * absorption (a letter handed in is a letter), no parse. The rules decide
 * what is not given. also_tx (may be NULL) runs in the same transaction
 * after the entry is made (its paper facts); an error rolls it all back. */
struct pipe_given {
    const char *department;   /* NULL: the rules decide (triage when unsure) */
    const char *kind;         /* NULL: the rules decide */
    int (*also_tx)(struct store *s, int64_t entry_id, void *arg, char **cause);
    void *arg;
};
int pipeline_register_given(struct pipeline *p, const char *raw, size_t len,
                            const struct msg *m, const struct pipe_source *src,
                            const struct pipe_given *g, struct pipe_result *res);

/* Register a quarantined message anyway (clerk's decision). */
int pipeline_register_quarantined(struct pipeline *p, int64_t qid, struct pipe_result *res);

#endif
