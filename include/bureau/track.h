/* track.h — the citizen's tracking link (issue 16, item 5).
 *
 * The acknowledgement of an entry carries the link
 * BASE/suivi/NUMBER/TOKEN: NUMBER is the registry number with every
 * character other than a letter, a digit or '-' made '-' ("2026-000123"),
 * TOKEN 128 random bits (libsodium randombytes, 32 lower-case hex digits).
 * The store keeps only the token's BLAKE2b-256 hash (sql/025_track.sql),
 * one per entry. The link is made only when [web] base_url is set.
 *
 * The pipeline issues the token (notify.c, inside the registration
 * transaction); the console (service/web/track.c) checks it. Nothing here
 * logs. */
#ifndef BUREAU_TRACK_H
#define BUREAU_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/store.h"

#define TRACK_TOKEN_LEN 32                      /* hex digits of a token */
#define TRACK_MAX_NUMBER 40                     /* bytes of a number part */
#define TRACK_CITIZEN "citizen"                 /* the actor of what the citizen does on the page */
#define TRACK_REOPEN_EVENT "citizen-reopen"     /* detail: the citizen's reason */
#define TRACK_SATISFACTION_EVENT "satisfaction" /* detail: "satisfied" / "not-satisfied" */
#define TRACK_URL_VAR "track_url"               /* the acknowledgement's template variable */
/* Once the acknowledgement is sent, its outbox recipe keeps the link with
 * this in place of the token (outbox.c): the register never holds a token
 * longer than the mail waits in the queue. */
#define TRACK_SCRUBBED "[token-removed-once-sent]"

/* Inside the caller's transaction: a fresh token for the entry (number as
 * stored), replacing any earlier one; the token into token. 0, or -1 with
 * cause. */
int track_tx_issue(struct store *s, int64_t entry_id, const char *number,
                   char token[TRACK_TOKEN_LEN + 1], char **cause);

/* The link, malloc'd: base_url without its trailing '/', "/suivi/", the
 * number part, '/', the token. NULL when base_url is NULL or empty. */
char *track_url(const char *base_url, const char *number, const char *token);

/* The entry whose link is /suivi/number_part/token: 1 with *entry_id, 0
 * when there is none (unknown number, wrong or malformed token: the same
 * work and the same answer either way; hashes compared with
 * sodium_memcmp), -1 with cause on a database error. */
int track_check(struct store *s, const char *number_part, const char *token, int64_t *entry_id,
                char **cause);

#endif
