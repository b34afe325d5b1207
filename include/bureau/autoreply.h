/* autoreply.h — when the service must not answer automatically (mail loops,
 * bounces, lists, spam, its own mail) and the per-recipient daily cap. */
#ifndef BUREAU_AUTOREPLY_H
#define BUREAU_AUTOREPLY_H

#include "bureau/config.h"
#include "bureau/msg.h"
#include "bureau/rules.h"
#include "bureau/store.h"

/* NULL when m may be answered automatically; otherwise a static string
 * naming the reason: RFC 3834 Auto-Submitted other than "no", Precedence
 * bulk/junk/list, List-Id, an empty Return-Path, a MAILER-DAEMON or
 * postmaster sender, a sender among cfg->own_addresses or cfg->smtp.from_addr,
 * X-Spam-Flag: YES, a DSN, or no valid sender address. */
const char *autoreply_refusal(const struct config *cfg, const struct msg *m);

/* NULL unless m was sent by a machine, not a person: a DSN, an empty
 * Return-Path, a MAILER-DAEMON / postmaster / no-reply sender,
 * Auto-Submitted other than "no", Precedence bulk/junk/list, List-Id or
 * List-Unsubscribe, X-Autoreply: yes. Then a static string naming the
 * signal. (X-Spam-Flag is not one: a person's complaint can be flagged.) */
const char *autoreply_robot(const struct msg *m);

/* 1 if addr is one of the commune's own departments: the address of a head
 * of any department in r, or an address whose domain is in
 * cfg->internal_domains (or a subdomain of one). Our own addresses
 * (autoreply_is_own) are not: they are the registry office itself. */
int autoreply_is_internal(const struct config *cfg, const struct rules *r, const char *addr);

/* 1 if addr (compared case-insensitively) is one of ours. */
int autoreply_is_own(const struct config *cfg, const char *addr);
/* 1 if addr's local part is mailer-daemon, postmaster, noreply/no-reply... */
int autoreply_is_robot(const char *addr);

/* Count one automatic mail to addr for today's date (local time) inside the
 * caller's transaction. Returns 1 when it is within cap (and counted), 0
 * when the cap is reached (not counted), -1 on error. cap 0 = no limit. */
int autoreply_tx_take(struct store *s, const char *addr, unsigned cap, char **cause);

#endif
