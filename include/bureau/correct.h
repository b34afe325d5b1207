/* correct.h — corrections of an entry's routing and kind: the one code path
 * of `bureau assign`, `bureau reclassify` and `bureau rules apply`.
 *
 * Each function runs inside the caller's transaction (store_begin) and does
 * everything the change implies, so that a correction by a clerk and one by
 * the rules leave the same register: the column and its event, the legal
 * deadline recomputed, the routed item queued to the new department. */
#ifndef BUREAU_CORRECT_H
#define BUREAU_CORRECT_H

#include "bureau/calendar.h"
#include "bureau/notify.h"
#include "bureau/rules.h"
#include "bureau/store.h"

/* Moves entry e (as loaded before the transaction) to department dept.
 * The reply tokens of every other department are voided (headtoken.h).
 * Events: "department" (detail "OLD -> NEW", then " (why)" when why is
 * given); with clear_triage, a "needs_triage" event when e needed triage;
 * "status" registered -> routed when the entry no longer needs triage. Then
 * the routed item is queued to the department's head(s) (nothing is queued
 * when n->tmpl is NULL: no [smtp] section). */
int correct_tx_department(struct store *s, const struct notify_ctx *n, const struct entry *e,
                          const char *dept, int clear_triage, const char *actor,
                          const char *why, char **cause);

/* Changes e's kind to k and recomputes its legal deadline from the date it
 * was received (urgency and a granted extension kept; a kind without a
 * deadline leaves none). Events: "kind" and "due_date" (details as above).
 * *due (may be NULL) receives the new due date, "" when none. */
int correct_tx_kind(struct store *s, const struct calendar *cal, const struct entry *e,
                    const struct kind *k, const char *actor, const char *why, char due[11],
                    char **cause);

/* A move of e's status (checked by the caller: lifecycle_move_ok,
 * lifecycle_code_fits, no answer awaiting approval), the one code path of
 * `bureau status` and a head's "Statut :". Events under actor: "status"
 * ("OLD -> NEW[ to BODY][: note]"), "closure_code" with code, "attention"
 * cleared when set; then the citizen's status update (notify_tx_status_to). */
struct status_move {
    const char *to;        /* the new status */
    const char *code;      /* closure code, or NULL */
    const char *note;      /* for the citizen's mail, or NULL */
    const char *to_body;   /* transferred: the body it went to */
};
int correct_tx_status(struct store *s, const struct notify_ctx *n, const struct entry *e,
                      const struct status_move *mv, const char *actor, char **cause);

#endif
