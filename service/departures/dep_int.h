/* dep_int.h — what the files of service/departures/ share (not for others). */
#ifndef BUREAU_DEP_INT_H
#define BUREAU_DEP_INT_H

#include "bureau/departure.h"

struct draft {
    int64_t id, entry_id;
    char *state, *circuit, *department, *addressees, *addressee_name, *subject;
    char *body_ar, *body_fr, *closure_code, *drafter;
    int step;
};
void dep_draft_free(struct draft *d);
int dep_draft_load(struct store *s, int64_t id, struct draft *d, char **cause);
/* The arrivals a draft answers: its entry first, then draft_arrivals. */
int dep_draft_arrivals(struct store *s, const struct draft *d, int64_t **ids, size_t *n,
                       char **cause);
/* A row of draft_events, and the same as an event on each arrival. */
int dep_tx_event(struct store *s, const struct draft *d, const char *actor, const char *action,
                 const char *role, const char *detail, char **cause);
int dep_step(struct store *s, sqlite3_stmt *st, char **cause);
char *dep_col(sqlite3_stmt *st, int i);

/* The last approval's work, inside the open transaction: number, departure
 * row, mails kept and queued, arrivals answered, draft approved. */
int dep_tx_finalize(const struct departure_ctx *x, const struct draft *d, char *number,
                    size_t len, char **cause);
const char *dep_code_fr(const char *code);
const char *dep_code_ar(const char *code);

#endif
