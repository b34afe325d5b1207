/* remind.h — the daily deadline digest: to each department head, every
 * open item of the department with its working days left and its own
 * reply address (a fresh token per item and digest, headtoken.h; the
 * counts of items overdue and due within due_soon_days); every overdue
 * item is also escalated to the direction des services (no reply
 * addresses there: the director is not the item's head). Queued through the outbox
 * in one transaction, at most once per day. */
#ifndef BUREAU_REMIND_H
#define BUREAU_REMIND_H

#include <stdint.h>
#include "bureau/notify.h"
#include "bureau/store.h"

/* Queue today's digests if it is past [reminders] digest_time and they were
 * not queued today. *queued gets the number of mails queued (0 when not
 * due yet). force ignores the time of day and the once-a-day record. */
int remind_run(struct store *s, const struct notify_ctx *n, int64_t now, int force,
               int *queued, char **cause);
#define remind_if_due(s, n, now, queued, cause) remind_run(s, n, now, 0, queued, cause)

#endif
