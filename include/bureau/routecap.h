/* routecap.h — the per-sender cap on items routed to the department heads.
 *
 * Every message is registered; the acknowledgements have their own cap
 * ([smtp] max_auto_per_day, autoreply.h). Without this one, 1,000 messages
 * from one sender make one routed mail per entry and head. Past
 * [routing] per_sender_routed entries of a sender in a day (default 20,
 * 0 = no cap), an entry's routing is held (table routing_held, an event
 * "routing-held" in its history); the next daily digest run (remind.h, at
 * [reminders] digest_time, or `bureau remind`) sends each head one mail per
 * sender listing that sender's held entries, and those entries become
 * routed. Routing a clerk asks for (assign, urgent) is never capped. */
#ifndef BUREAU_ROUTECAP_H
#define BUREAU_ROUTECAP_H

#include <stdint.h>

#include "bureau/notify.h"
#include "bureau/store.h"

/* Inside the caller's transaction: 1 when entry e (just registered) may be
 * routed on its own (counted against its sender's day), 0 when its
 * sender's cap for today is reached (the entry is held and the event
 * recorded), -1 with cause on a database error. */
int routecap_tx_take(struct store *s, const struct entry *e, unsigned cap, char **cause);

/* Inside the caller's transaction: for each sender and department with
 * held entries not yet listed, one "routed_digest" mail to each head;
 * those entries are marked listed and, when they were 'registered' and not
 * waiting for triage, become 'routed'. A group whose mail is refused (no
 * routed_digest template, bad head address) stays held, with the reason as
 * an event on its first entry. *queued counts the mails queued. */
int routecap_tx_digest(struct store *s, const struct notify_ctx *n, int64_t now, int *queued,
                       char **cause);

#endif
