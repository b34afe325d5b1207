/* fetch.h — one pass over one IMAP mailbox: list, fetch in capped batches,
 * register through the pipeline (commit first), then move each message to
 * the registered or quarantine folder. */
#ifndef BUREAU_FETCH_H
#define BUREAU_FETCH_H

#include <stdio.h>
#include "bureau/config.h"
#include "bureau/pipeline.h"

struct fetch_stats {
    unsigned registered, quarantined, duplicates, followups, bounces, moved;
    unsigned long long bytes;
};

/* Bytes fetched in one batch at the most (bounds memory). */
#define FETCH_BATCH_BYTES (16u * 1024 * 1024)

/* Runs one pass. Lines describing each message go to out (may be NULL).
 * *stop (may be NULL) is checked between messages: when set, the pass
 * finishes the batch in hand (commit + move) and returns.
 * Returns 0 when every message was handled, -1 on a temporary failure
 * (network, server, database busy: *cause says which). */
int fetch_account(struct pipeline *p, const struct imap_account *a, FILE *out,
                  volatile int *stop, struct fetch_stats *st, char **cause);

#endif
