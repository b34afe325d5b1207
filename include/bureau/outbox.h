/* outbox.h — the durable outbox: every automatic mail is stored as a row in
 * the same transaction as the event that causes it, with its Message-ID and
 * either its recipe (recipe.h: composed when sent, always to the same
 * bytes) or its composed bytes; a sender delivers due rows over SMTP.
 *
 * States: queued -> sending -> sent | queued (retry later) | failed;
 * queued/failed -> cancelled by a clerk; failed/cancelled -> queued by retry.
 * A row is marked 'sending' and committed before the SMTP transaction and
 * 'sent' after it. The one duplicate window: a crash (or lost connection)
 * after the server accepted DATA and before the 'sent' commit; such a row is
 * found in 'sending' on the next run, requeued and counted in
 * possible_duplicates. Retries send the same bytes and Message-ID. */
#ifndef BUREAU_OUTBOX_H
#define BUREAU_OUTBOX_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include "bureau/config.h"
#include "bureau/notify.h"
#include "bureau/smtp.h"
#include "bureau/store.h"
#include "bureau/templates.h"

#define OUTBOX_BACKOFF_BASE 60        /* seconds before the first retry */
#define OUTBOX_BACKOFF_CAP (4 * 3600) /* longest wait between retries */
#define OUTBOX_MAX_ATTEMPTS 30        /* then the row is marked failed */
#define OUTBOX_STALE_SENDING 3600     /* 'sending' older than this is requeued */

/* Insert a queued row (inside the caller's transaction). entry_id 0 = none.
 * purpose: ack, routed, status, followup, reminder, digest, departure. */
int outbox_tx_enqueue(struct store *s, int64_t entry_id, const char *purpose,
                      const char *rcpt, const char *data, size_t len, const char *message_id,
                      int64_t *id, char **cause);

/* A departure's mail (inside the caller's transaction): a row with no
 * bytes of its own, sent from departure_mails row mail_id exactly as it
 * is kept there (sql/012_departures.sql). */
int outbox_tx_enqueue_departure(struct store *s, int64_t entry_id, const char *rcpt,
                                const char *message_id, int64_t mail_id, int64_t *id,
                                char **cause);

/* An arbitrary templated mail (for notify.c and for reminders/digests). The
 * from address and name come from cfg->smtp; the variables org_fr, org_ar,
 * public_url, from_addr and today are added to vars. */
struct outbox_mail {
    int64_t entry_id;             /* 0 = not about one entry */
    const char *purpose;
    const char *tmpl;             /* template name, e.g. "digest" */
    const struct tvar *vars;
    size_t n_vars;
    const char *to_addr;          /* validated: refused with cause if bad */
    const char *to_name;          /* may be NULL */
    const char *in_reply_to;      /* may be NULL */
    const char *references;       /* may be NULL */
    const char *reply_to;         /* Reply-To address, may be NULL */
    const char *auto_submitted;   /* NULL = "auto-generated" */
    const char *attach_name;      /* file name of the attached original */
    int64_t attach_raw_id;        /* raw_messages id of the original to attach
                                     when the mail is composed, or 0 */
};
/* Enqueue the mail's recipe (inside the caller's transaction), keeping the
 * template's text in mail_templates. Returns 0 and the row id;
 * OUTBOX_REFUSED (-2) with cause when the mail itself is refused (no such
 * template, invalid address or name, no [smtp] from address): nothing was
 * written, the transaction is intact; -1 with cause on a database error
 * (the caller should roll back). A mail whose rendered subject or size
 * compose_build refuses is refused when it is sent: the row is marked
 * failed with the reason. */
#define OUTBOX_REFUSED (-2)
int outbox_tx_mail(struct store *s, const struct notify_ctx *n, const struct outbox_mail *m,
                   int64_t *id, char **cause);

/* The complete message of row id as it is (or was) sent, malloc'd in
 * *data: 0, or -1 with cause (no such row, or it cannot be composed). */
int outbox_message(struct store *s, int64_t id, char **data, size_t *len, char **cause);

/* Entry id of the outbox row carrying that Message-ID (0 if none or if the
 * row is about no entry); *outbox_id (when not NULL) gets the row id, and is
 * left untouched when no row has that id. */
int64_t outbox_entry_by_msgid(struct store *s, const char *message_id, int64_t *outbox_id);

/* Mark a row failed with a reason (inside the caller's transaction). */
int outbox_tx_fail(struct store *s, int64_t id, const char *reason, char **cause);

/* Requeue 'sending' rows left by a process that is gone (or older than
 * OUTBOX_STALE_SENDING), counting each as a possible duplicate. */
int outbox_recover(struct store *s, int *n_requeued, char **cause);

struct outbox_run {
    int sent;
    int deferred;       /* temporary failure: queued again with backoff */
    int failed;         /* permanent failure, or attempts exhausted */
    int requeued;       /* recovered from 'sending' */
};

enum {
    OUTBOX_SEND_ONE = 1,        /* stop after one message */
    OUTBOX_SEND_IGNORE_WAIT = 2 /* also rows whose next attempt is later */
};

/* Recover, then deliver every queued row that is due (each row at most once
 * per call), one SMTP transaction per row over one reused connection. smtp
 * may be NULL (one is made from cfg->smtp and freed). A temporary failure
 * that is a connection problem stops the pass (the server is down: the
 * other rows keep their turn). Returns 0 (see *run), or -1 when nothing
 * could be tried (no [smtp] url, database error). */
int outbox_send_due(struct store *s, const struct config *cfg, struct smtp *smtp, int flags,
                    struct outbox_run *run, char **cause);
/* The same, stopping between two mails once *stop (may be NULL) is set:
 * the mail being sent is finished and recorded, and no other row is
 * claimed (none is left 'sending'). `serve` stops so within a second of
 * SIGTERM, not after the whole pass. */
int outbox_send_due_stop(struct store *s, const struct config *cfg, struct smtp *smtp,
                         int flags, atomic_int *stop, struct outbox_run *run, char **cause);

/* Clerk actions, each with an event on the row's entry (when it has one).
 * retry: failed/cancelled/queued -> queued, due now. cancel: queued or
 * failed -> cancelled. -1 with cause when the row is unknown or in a state
 * that does not allow it. */
int outbox_retry(struct store *s, int64_t id, const char *actor, char **cause);
int outbox_cancel(struct store *s, int64_t id, const char *actor, char **cause);

#endif
