/* serve.h — `bureau serve`: one thread per mailbox (IDLE or polling, with
 * reconnect backoff), the main thread sends the outbox and the daily
 * reminders. SIGTERM/SIGINT finish the message in hand and exit; SIGHUP
 * reloads configuration, rules and templates, keeping the old ones when the
 * new ones do not load. A lock file next to the database refuses a second
 * instance. */
#ifndef BUREAU_SERVE_H
#define BUREAU_SERVE_H

#include "bureau/cli.h"

/* Takes the instance lock for db_path ("DB.lock", flock), held by serve and
 * by fetch: two clients moving the same INBOX copy messages twice into the
 * registered folder. Returns the lock fd (keep it open), or -1 with cause
 * (another instance holds it). */
int serve_lock(const char *db_path, char **cause);

#endif
