/* imap.h — one IMAP connection (libetpan): TLS with certificate and host
 * name verification on by default, UID-based listing, BODY.PEEK[] fetch
 * with a size cap, and moving messages to a folder.
 *
 * Errors: -1 with *cause; after any -1 the connection must be closed and
 * re-opened (the stream may be out of sync). Passwords are never logged. */
#ifndef BUREAU_IMAP_H
#define BUREAU_IMAP_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include "bureau/config.h"

struct imap_conn;

/* imap_connect's return for failures that retrying cannot cure: certificate
 * or host name verification, wrong credentials, LOGINDISABLED, an unreadable
 * password file. -1 stays "temporary" (network, server down). */
#define IMAP_PERMANENT (-2)

int imap_connect(const struct imap_account *a, struct imap_conn **out, char **cause);
/* The same, for a connection that *stop (may be NULL) interrupts.
 *
 * Deadlines: every phase of the connection (connect, TLS handshake,
 * greeting, STARTTLS, login, SELECT, listing, download, move, IDLE and its
 * end, logout) must complete within a->timeout seconds (60 when 0); a
 * listing or download gets more in proportion to the bytes it may bring
 * (128 KiB/s), a move to the messages it moves. Past it, the socket is cut
 * and the call fails (-1: temporary) with a cause naming the phase ("...
 * timed out: the greeting did not complete within 30 s"). Once *stop is
 * set, whatever is in progress is cut WATCHDOG_STOP_GRACE (2) seconds later
 * (watchdog.h). Resolution failure, refusal and timeout of the connect each
 * have their own cause. */
int imap_connect_stop(const struct imap_account *a, atomic_int *stop, struct imap_conn **out,
                      char **cause);
void imap_close(struct imap_conn *c);   /* LOGOUT when possible, then free */

/* SELECT mailbox; returns UIDVALIDITY and UIDNEXT. */
int imap_select(struct imap_conn *c, const char *mailbox, uint32_t *uidvalidity,
                uint32_t *uidnext, char **cause);

struct imap_msginfo {
    uint32_t uid;
    uint32_t size;   /* RFC822.SIZE */
};
/* Messages with UID >= from_uid in the selected mailbox, ascending by UID
 * (the "UID n:*" quirk filtered). *out is malloc'd. */
int imap_list(struct imap_conn *c, uint32_t from_uid, struct imap_msginfo **out, size_t *n,
              char **cause);

/* The header of message uid (BODY.PEEK[HEADER], the message stays unseen),
 * at most IMAP_MAX_HEADER bytes (the server may send a little more; past
 * that the connection is cut). *out is malloc'd and NUL-terminated. */
#define IMAP_MAX_HEADER (64 * 1024)
int imap_fetch_header(struct imap_conn *c, uint32_t uid, char **out, size_t *len, char **cause);

/* Fetch BODY.PEEK[] of the given UIDs (does not set \Seen); calls cb once
 * per message received, in any order. The data is valid only during the
 * call. cb returning -1 stops the fetch (imap_fetch then returns -1). */
typedef int (*imap_fetch_cb)(void *arg, uint32_t uid, const char *data, size_t len);
int imap_fetch(struct imap_conn *c, const uint32_t *uids, size_t n, imap_fetch_cb cb,
               void *arg, char **cause);
/* The same, but the data handed to cb stays valid until imap_held_free
 * of *held (also after a failure): a batch is read where libetpan put it,
 * not copied. */
struct imap_held;
int imap_fetch_held(struct imap_conn *c, const uint32_t *uids, size_t n, imap_fetch_cb cb,
                    void *arg, struct imap_held **held, char **cause);
void imap_held_free(struct imap_held *held);
/* The most bytes the server may send in answer to each later download (0:
 * the default, 64 MiB). Every answer has a cap (8 MiB for most commands;
 * for the listing, 256 bytes per message SELECT announced, plus 10,000 that
 * may have arrived since): libetpan would hold any amount in memory. A server that sends more is cut off, and the command
 * fails with a cause that says so. */
void imap_set_fetch_cap(struct imap_conn *c, size_t bytes);
/* Did the last failure come from that cap? */
int imap_answer_overflowed(const struct imap_conn *c);

/* Move the UIDs to folder (created when missing): UID MOVE when the server
 * has MOVE, else UID COPY + STORE \Deleted + UID EXPUNGE of exactly these
 * UIDs (never a plain EXPUNGE). */
int imap_move(struct imap_conn *c, const uint32_t *uids, size_t n, const char *folder,
              char **cause);

int imap_has_idle(const struct imap_conn *c);
/* IDLE until the server reports a change (returns 1) or timeout_s passes
 * (returns 0), or stop_flag becomes non-zero (returns 0). Returns 1 at once
 * when the server announced new mail (EXISTS) since the last SELECT or
 * listing, in answer to another command: it would not say it again in
 * IDLE. -1 on error. When
 * the stop flag is set, an error (a signal interrupting the exchange) also
 * returns 0: the caller is stopping and closes the connection. */
int imap_idle(struct imap_conn *c, unsigned timeout_s, atomic_int *stop_flag, char **cause);

#endif
