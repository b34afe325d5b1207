/* watchdog.h — overall deadlines for one TCP connection's phases, and a
 * stop flag that interrupts them.
 *
 * A library that blocks in read() (libetpan) only has a per-read timeout:
 * a server that trickles one byte a second, or never finishes its answer,
 * holds the caller for ever. A watchdog is a thread that watches one
 * socket: while a phase is armed (watchdog_arm), it shuts the socket down
 * (shutdown(2), so the blocked read returns at once and the library's call
 * fails) when the phase's deadline passes, or WATCHDOG_STOP_GRACE seconds
 * after the stop flag was seen set (a phase armed after the flag was set
 * gets that grace too: the last moves and the LOGOUT may still finish).
 * Nothing is cut while no phase is armed.
 *
 * The connect itself is watchdog_connect: resolution, then a non-blocking
 * connect polled in short slices against the deadline and the stop flag,
 * with a cause that tells a name that does not resolve from a refused
 * connection from a timeout. */
#ifndef BUREAU_WATCHDOG_H
#define BUREAU_WATCHDOG_H

#include <stdatomic.h>

#define WATCHDOG_STOP_GRACE 2.0  /* seconds a phase may go on once stop is set */

struct watchdog;

enum watchdog_cut {
    WATCHDOG_NONE = 0,
    WATCHDOG_EXPIRED,   /* the armed phase passed its deadline */
    WATCHDOG_STOPPED,   /* the stop flag was set */
};

/* A watchdog (its thread started) for a connection stopped by *stop (may be
 * NULL). NULL with *cause when the thread cannot start. */
struct watchdog *watchdog_new(atomic_int *stop, char **cause);
/* Stops the thread, closes its copy of the socket. NULL is fine. */
void watchdog_free(struct watchdog *w);

/* Connects to host:port within secs seconds (a stop interrupts it). On
 * success *fd is the connected socket (non-blocking, close-on-exec; the
 * caller owns it) and the watchdog watches it from now on. -1 with *cause
 * ("cannot resolve host X: ...", "connection refused", "timed out"...). */
int watchdog_connect(struct watchdog *w, const char *host, unsigned port, unsigned secs,
                     int *fd, char **cause);

/* Arms the deadline of a phase (its name, a static string, is kept for
 * the cause) secs seconds from now; the next arm replaces it. */
void watchdog_arm(struct watchdog *w, const char *phase, double secs);
void watchdog_disarm(struct watchdog *w);

/* Whether the socket was cut, and why. When it was, *phase and *secs (may
 * be NULL) say which phase and its deadline. */
enum watchdog_cut watchdog_cut(struct watchdog *w, const char **phase, double *secs);

/* Is the stop flag set? */
int watchdog_stopping(const struct watchdog *w);

#endif
