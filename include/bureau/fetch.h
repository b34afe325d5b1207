/* fetch.h — one pass over one IMAP mailbox: list, fetch in capped batches,
 * register through the pipeline (commit first), then move each message to
 * the registered or quarantine folder. */
#ifndef BUREAU_FETCH_H
#define BUREAU_FETCH_H

#include <stdatomic.h>
#include <stdio.h>
#include "bureau/config.h"
#include "bureau/pipeline.h"

struct fetch_stats {
    unsigned registered, quarantined, duplicates, followups, bounces, moved;
    unsigned long long bytes;
    /* wall seconds spent: downloading, registering (parse, classify,
     * store, queue the mails), committing, moving on the server; and of
     * the registering, blocked waiting for the parser worker */
    double s_download, s_register, s_commit, s_move, s_parse_wait;
};

/* Bytes fetched in one batch at the most (bounds memory). */
#define FETCH_BATCH_BYTES (16u * 1024 * 1024)

/* Committed messages are moved on the server this many at a time (and at
 * the end of a pass, and after a failure): Dovecot spends as long on a
 * UID MOVE of 200 messages as of 1,000. Until moved, a committed message
 * is only moved by the next pass (imap_seen), never registered again. */
#define FETCH_MOVE_BATCH 1000

/* Runs one pass. Lines describing each message go to out (may be NULL).
 * *stop (may be NULL) is checked between messages: when set, the pass
 * finishes the batch in hand (commit + move) and returns.
 * Returns 0 when every message was handled, -1 on a temporary failure
 * (network, server, database busy: *cause says which), IMAP_PERMANENT (-2)
 * when retrying cannot help (certificate, credentials: see imap.h). */
int fetch_account(struct pipeline *p, const struct imap_account *a, FILE *out,
                  atomic_int *stop, struct fetch_stats *st, char **cause);

/* An account's IMAP login, begun in a thread of its own (a login is a few
 * server round trips) so that the caller opens its store and loads its
 * rules meanwhile. Hand it to fetch_account_login, which finishes it and
 * fetches over it, or drop it with fetch_login_abandon. Never NULL. */
struct fetch_login;
struct fetch_login *fetch_login_start(const struct imap_account *a);
void fetch_login_abandon(struct fetch_login *l);
/* fetch_account over the connection of l (which it takes and frees). */
int fetch_account_login(struct pipeline *p, const struct imap_account *a,
                        struct fetch_login *l, FILE *out, atomic_int *stop,
                        struct fetch_stats *st, char **cause);

/* fetch_session_open returns 0, -1 or IMAP_PERMANENT like imap_connect;
 * *stop (may be NULL) interrupts the connection's phases (imap_connect_stop).
 * A long-lived connection for `bureau serve`: open once, then alternate
 * pass and wait (IDLE when the server has it, else sleep poll_interval).
 * After any -1 from pass or wait, close and open again. */
struct fetch_session;
int fetch_session_open(struct pipeline *p, const struct imap_account *a, atomic_int *stop,
                       struct fetch_session **out, char **cause);
int fetch_session_pass(struct fetch_session *fs, FILE *out, atomic_int *stop,
                       struct fetch_stats *st, char **cause);
int fetch_session_wait(struct fetch_session *fs, atomic_int *stop, char **cause);
void fetch_session_close(struct fetch_session *fs);

#endif
