/* lifecycle.h — the statuses of an entry, the transitions a clerk may make,
 * the closure codes of DOMAIN.md, and their French and Arabic names (used
 * by `bureau status` and by the status-update mails). */
#ifndef BUREAU_LIFECYCLE_H
#define BUREAU_LIFECYCLE_H

#include "bureau/notify.h"
#include "bureau/store.h"

/* The closure code of mail that is no request at all (robots, bulk mail,
 * mailing lists): the entry is closed with it, the citizen is not told, and
 * `stats` leaves it out of the legal figures. */
#define LIFECYCLE_NOT_RECEIVABLE "not-receivable"

struct lifecycle_label {
    const char *id;
    const char *fr;
    const char *ar;
};

/* 1 if s is a known status / closure code. */
int lifecycle_status_valid(const char *s);
int lifecycle_code_valid(const char *code);
/* 1 if a clerk may move an entry from status `from` to `to`:
 *   registered  -> routed, in-progress, answered, rejected, transferred
 *   routed      -> in-progress, answered, rejected, transferred
 *   in-progress -> answered, rejected, transferred
 *   answered    -> closed, in-progress (re-opened)
 *   closed, rejected, transferred -> in-progress (re-opened) */
int lifecycle_transition_ok(const char *from, const char *to);
/* 1 for registered, routed, in-progress: an item still to be answered. */
int lifecycle_is_open(const char *s);
/* lifecycle_transition_ok, plus: an open entry (registered, routed,
 * in-progress) may be closed at once with code not-receivable. */
int lifecycle_move_ok(const char *from, const char *to, const char *code);
/* 1 when code (NULL: none) is what a move from `from` to `to` takes:
 * rejected takes one of the rejection grounds (every code but
 * not-receivable), closing an open entry takes not-receivable, any other
 * move no code. */
int lifecycle_code_fits(const char *from, const char *to, const char *code);
/* Every closure code with its names, *n of them (static). */
const struct lifecycle_label *lifecycle_codes(size_t *n);
/* 1 when the citizen is told about a move to this status: in-progress,
 * answered, closed, rejected, transferred (routed is not: the
 * acknowledgement already names the department). */
int lifecycle_citizen_facing(const char *status);
/* French / Arabic display names; the id itself for an unknown value. */
const char *lifecycle_status_fr(const char *s);
const char *lifecycle_status_ar(const char *s);
const char *lifecycle_code_fr(const char *code);
const char *lifecycle_code_ar(const char *code);
/* Space-separated list of every status / code, for error messages. */
const char *lifecycle_status_list(void);
const char *lifecycle_code_list(void);

/* notify_tx_status with the body a transferred item went to (may be NULL);
 * notify_tx_status(…) is this with transferred_to NULL. A mail is queued
 * when e->status is citizen-facing, and also when the status did not change
 * (old_status equals e->status) but a note is given: a notice such as a
 * deadline extension. */
int notify_tx_status_to(struct store *s, const struct notify_ctx *n, const struct entry *e,
                        const char *old_status, const char *note, const char *transferred_to,
                        char **cause);

#endif
