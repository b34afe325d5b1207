/* notify.h — the outbound side as seen by the ingest pipeline. Every
 * function here runs inside the registration transaction, so the outbox
 * rows it writes commit or roll back with the entry. */
#ifndef BUREAU_NOTIFY_H
#define BUREAU_NOTIFY_H

#include "bureau/calendar.h"
#include "bureau/config.h"
#include "bureau/msg.h"
#include "bureau/rules.h"
#include "bureau/store.h"

struct templates;

struct notify_ctx {
    const struct config *cfg;
    const struct rules *rules;
    const struct calendar *cal;
    const struct templates *tmpl;   /* may be NULL: then nothing is queued */
};

/* A new entry was registered from message m: queue the acknowledgement to
 * the citizen (unless m is automatic mail, or the per-day cap is reached:
 * both recorded as events) and the routed item to the department head(s). */
int notify_tx_registered(struct store *s, const struct notify_ctx *n, const struct entry *e,
                         const struct msg *m, char **cause);

/* Message m (its header only: the rest was not downloaded) was quarantined
 * as #qid because its size is over max_message_size: queue the "oversize"
 * notice to its sender (the limit and other ways to send), unless m is
 * automatic mail, the daily cap is reached or the template is missing. */
int notify_tx_oversize(struct store *s, const struct notify_ctx *n, const struct msg *m,
                       int64_t qid, size_t size, char **cause);

/* If m is a follow-up to an existing entry (registry tag in the subject or a
 * reference to one of our Message-IDs) AND comes from that entry's sender:
 * attach it to that entry (event + raw kept), tell the department, fill
 * *attached (caller frees with entry_free) and return 1. Return 0 when it
 * must be registered as a new entry. -1 on error. */
int notify_tx_followup(struct store *s, const struct notify_ctx *n, const struct msg *m,
                       int64_t raw_id, struct entry *attached, char **cause);

/* Keeps m (raw_id) with entry e: a followups row and an event (action
 * "followup", "department-reply" or "head-mail"), inside the transaction. */
int notify_tx_keep(struct store *s, const struct entry *e, const struct msg *m, int64_t raw_id,
                   const char *action, char **cause);

/* If m is a delivery status notification about one of our outbox messages:
 * mark that row failed (with the DSN's reason), keep the raw, return 1.
 * Return 0 otherwise. -1 on error. */
int notify_tx_dsn(struct store *s, const struct notify_ctx *n, const struct msg *m,
                  int64_t raw_id, char **cause);

/* A clerk changed an entry's status (already stored): queue the status
 * update to the citizen when it is one they should hear about. */
int notify_tx_status(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *old_status, const char *note, char **cause);

/* A notice to the citizen with no change of status (a deadline extended,
 * an item made urgent): the status template with notice_fr / notice_ar as
 * its title (the subject names the notice, not the status) and the note. */
int notify_tx_notice(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *notice_fr, const char *notice_ar, const char *note,
                     char **cause);

/* An entry was made urgent: the routed item goes to the head(s) again,
 * with the urgent mark, its new deadline and the clerk's reason. */
int notify_tx_urgent(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *reason, char **cause);

/* The answer to a head's mail (headmail.h): with reason_fr set, the
 * refusal (template head_refused: the entry's number and the reason, never
 * its content: it may go to a stranger); else the confirmation (head_done:
 * what was done and the entry's state; reply_to and references, when set,
 * carry a fresh token of the item). Purpose "headmail"; *outbox_id
 * gets the row (0 when not queued: no templates, or refused and recorded
 * as a mail-refused event). */
struct notify_head {
    const char *to_addr, *in_reply_to, *mail_subject;
    const char *reply_to, *references;   /* the item's reply address again, or NULL */
    const char *done, *refused;          /* lines, may be NULL */
    const char *reason_fr, *reason_ar;   /* the refusal's reason, or NULL */
};
int notify_tx_head(struct store *s, const struct notify_ctx *n, const struct entry *e,
                   const struct notify_head *h, int64_t *outbox_id, char **cause);

/* The citizen re-opened the entry (the tracking page): its department
 * gets the item again, marked re-opened, with the citizen's reason. */
int notify_tx_reopened(struct store *s, const struct notify_ctx *n, const struct entry *e,
                       const char *reason, char **cause);

/* An entry was (re)assigned to a department: queue the routed item. */
int notify_tx_routed(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     char **cause);

#endif
