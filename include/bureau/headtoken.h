/* headtoken.h — the reply address of a routed item (issue 16, item 1).
 *
 * Each routed mail to a department carries a token of 128 random bits
 * (libsodium randombytes, 32 lower-case hex digits). The store keeps only
 * its BLAKE2b-256 hash (crypto_generichash), bound to the entry and to the
 * department the item was routed to (sql/020_headmail.sql). Routing the
 * entry to another department voids the tokens of every other one. The
 * token is never sent to the citizen: only the heads' mails carry it.
 *
 * Where the token travels: with [bureau] head_reply_address set (a pattern
 * such as "bo+{number}-{token}@commune.ma", for a mailbox that accepts
 * plus-addressing), in the Reply-To of the routed mail; always also in its
 * References, as the id "hm.NUMBER.TOKEN@DOMAIN" (the fallback for a
 * mailbox without plus-addressing: a reply keeps References), and in the
 * subject as "[#TOKEN]" when no pattern is set.
 *
 * The pipeline uses this header (issuing at routing, recognising a reply);
 * acting on a reply is headmail.h's, outside the pipeline. */
#ifndef BUREAU_HEADTOKEN_H
#define BUREAU_HEADTOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/msg.h"
#include "bureau/store.h"

#define HEADTOKEN_LEN 32       /* hex digits of a token */
#define HEADTOKEN_HASH_LEN 64  /* hex digits of its hash */
#define HEADTOKEN_MAX_NUMBER 40

/* A fresh token, NUL-terminated. */
void headtoken_new(char out[HEADTOKEN_LEN + 1]);
/* The hex hash of token[0..len). */
void headtoken_hash(const char *token, size_t len, char out[HEADTOKEN_HASH_LEN + 1]);

/* "2026/000123" -> "2026-000123": every character that is not a letter,
 * a digit or '-' becomes '-'. malloc'd. */
char *headtoken_number_part(const char *number);

/* The reply address of pattern ({number} and {token} replaced), malloc'd;
 * NULL when pattern is NULL or the result is not a valid address. */
char *headtoken_address(const char *pattern, const char *number, const char *token);
/* 0 if pattern holds {number} then {token} once each and gives a valid
 * address; else -1 with cause. */
int headtoken_pattern_check(const char *pattern, char **cause);
/* The References id carrying the token (no brackets), malloc'd. */
char *headtoken_ref(const char *number, const char *token, const char *from_addr);

/* The token m presents: an address of To, Cc, Delivered-To or
 * X-Original-To that fits pattern (may be NULL), else an "hm." id of
 * In-Reply-To / References, else "[BO NUMBER]" with "[#TOKEN]" in the
 * subject. Returns 1 with *number (malloc'd, the number
 * part as written, e.g. "2026-000123") and hash (of the token presented);
 * 0 when m presents none. Pure: reads m only. */
int headtoken_find(const char *pattern, const struct msg *m, char **number,
                   char hash[HEADTOKEN_HASH_LEN + 1]);

/* Inside the caller's transaction: voids the entry's valid tokens of every
 * department but dept (all of them when dept is NULL), with why; then,
 * when token is not NULL, issues a new one for dept into token. */
int headtoken_tx_void(struct store *s, int64_t entry_id, const char *dept, const char *why,
                      char **cause);
int headtoken_tx_issue(struct store *s, int64_t entry_id, const char *dept,
                       char token[HEADTOKEN_LEN + 1], char **cause);

enum headtoken_verdict {
    HEADTOKEN_VALID = 0,   /* *dept: the department it was issued for */
    HEADTOKEN_NONE,        /* the mail presented no token */
    HEADTOKEN_WRONG,       /* no token of this entry has that hash */
    HEADTOKEN_VOID,        /* it was the entry's, voided (*dept: issued for) */
};
/* Compares hash (may be NULL) with every token of the entry, each with
 * sodium_memcmp. -1 with cause on a database error. *dept malloc'd or NULL. */
int headtoken_check(struct store *s, int64_t entry_id, const char *hash, char **dept,
                    char **cause);

/* --- queueing a head's mail (queue.c), inside the pipeline's transaction */

struct config;

/* If m presents a token (headtoken_find) whose number part names an entry,
 * m is kept with that entry (followups, event "head-mail") and queued in
 * head_mail as 'pending' for headmail_process (headmail.h), whoever sent
 * it: the token and the sender are checked there. Returns 1 with
 * *attached filled (caller frees with entry_free), 0 when m presents no
 * token of a known entry, -1 with cause on a database error. */
int headtoken_tx_queue(struct store *s, const struct config *cfg, const struct msg *m,
                       int64_t raw_id, struct entry *attached, char **cause);
/* Queues m, already kept with entry e (a head's reply without a token),
 * with hash (NULL: none presented). */
int headtoken_tx_enqueue(struct store *s, const struct config *cfg, const struct entry *e,
                         const struct msg *m, int64_t raw_id, const char *hash, char **cause);

#endif
