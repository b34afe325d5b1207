/* account_int.h — what account.c and session.c share; not for the rest of
 * the program (account.h is the interface). */
#ifndef BUREAU_WEB_ACCOUNT_INT_H
#define BUREAU_WEB_ACCOUNT_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "bureau/account.h"

/* sodium_init(), once; the process ends (EXIT_OOM's code) when libsodium
 * cannot start (no randomness). */
void acct_sodium(void);
/* Steps st to its end and resets it: 0, or -1 with the database's reason. */
int acct_step_done(struct store *s, sqlite3_stmt *st, char **cause);
/* Steps st once and resets it: 1 with *v the first column of the row, 0
 * when there is none, -1 with cause. */
int acct_first_i64(struct store *s, sqlite3_stmt *st, int64_t *v, char **cause);
/* Deletes every session of the account (session.c). */
int acct_end_sessions(struct store *s, int64_t user_id, char **cause);

#endif
