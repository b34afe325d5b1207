/* watchdog.c — see watchdog.h */
#include "bureau/watchdog.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bureau/util.h"

#define WATCHDOG_TICK_MS 200   /* how often the thread looks */

struct watchdog {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t th;
    int quit;
    int fd;                /* our duplicate of the socket; -1 none yet */
    atomic_int *stop;
    int armed;
    const char *phase;
    double secs, deadline; /* the armed phase's length and end (mono_seconds) */
    double stop_seen;      /* when the armed phase first saw the stop flag; 0 not yet */
    enum watchdog_cut cut;
    const char *cut_phase;
    double cut_secs;
};

int watchdog_stopping(const struct watchdog *w)
{
    return w && w->stop && atomic_load(w->stop);
}

static void cut_now(struct watchdog *w, enum watchdog_cut why)
{
    w->cut = why;
    w->cut_phase = w->phase;
    w->cut_secs = w->secs;
    shutdown(w->fd, SHUT_RDWR);
}

/* Called with the lock held. */
static void look(struct watchdog *w)
{
    double now = mono_seconds();

    if (!w->armed || w->fd < 0 || w->cut)
        return;
    if (watchdog_stopping(w) && w->stop_seen == 0)
        w->stop_seen = now;
    if (now >= w->deadline)
        cut_now(w, WATCHDOG_EXPIRED);
    else if (w->stop_seen && now - w->stop_seen >= WATCHDOG_STOP_GRACE)
        cut_now(w, WATCHDOG_STOPPED);
}

static void tick_from_now(struct timespec *ts)
{
    clock_gettime(CLOCK_MONOTONIC, ts);
    ts->tv_nsec += WATCHDOG_TICK_MS * 1000000L;
    if (ts->tv_nsec >= 1000000000L) {
        ts->tv_sec++;
        ts->tv_nsec -= 1000000000L;
    }
}

static void *watch_main(void *arg)
{
    struct watchdog *w = arg;
    struct timespec ts;

    pthread_mutex_lock(&w->mu);
    while (!w->quit) {
        look(w);
        tick_from_now(&ts);
        pthread_cond_timedwait(&w->cv, &w->mu, &ts);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

struct watchdog *watchdog_new(atomic_int *stop, char **cause)
{
    struct watchdog *w = xcalloc(1, sizeof *w);
    pthread_condattr_t ca;

    w->fd = -1;
    w->stop = stop;
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    int r = pthread_create(&w->th, NULL, watch_main, w);
    if (r != 0) {
        set_cause(cause, "cannot start the connection's watchdog thread: %s", strerror(r));
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

void watchdog_free(struct watchdog *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->mu);
    w->quit = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    if (w->fd >= 0)
        close(w->fd);
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w);
}

void watchdog_arm(struct watchdog *w, const char *phase, double secs)
{
    pthread_mutex_lock(&w->mu);
    w->armed = 1;
    w->phase = phase;
    w->secs = secs;
    w->deadline = mono_seconds() + secs;
    w->stop_seen = 0;
    pthread_mutex_unlock(&w->mu);
}

void watchdog_disarm(struct watchdog *w)
{
    pthread_mutex_lock(&w->mu);
    w->armed = 0;
    pthread_mutex_unlock(&w->mu);
}

enum watchdog_cut watchdog_cut(struct watchdog *w, const char **phase, double *secs)
{
    pthread_mutex_lock(&w->mu);
    enum watchdog_cut cut = w->cut;
    if (phase)
        *phase = w->cut_phase;
    if (secs)
        *secs = w->cut_secs;
    pthread_mutex_unlock(&w->mu);
    return cut;
}

/* --- the connect ---------------------------------------------------------- */

/* Waits for a non-blocking connect on fd until end; 0 connected, else -1
 * with errno (ETIMEDOUT at the deadline, ECANCELED on stop). */
static int wait_connected(struct watchdog *w, int fd, double end)
{
    for (;;) {
        double left = end - mono_seconds();
        if (watchdog_stopping(w)) {
            errno = ECANCELED;
            return -1;
        }
        if (left <= 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        struct pollfd pfd = {.fd = fd, .events = POLLOUT};
        int ms = left * 1000 < WATCHDOG_TICK_MS ? (int)(left * 1000) + 1 : WATCHDOG_TICK_MS;
        int r = poll(&pfd, 1, ms);
        if (r < 0 && errno != EINTR)
            return -1;
        if (r > 0) {
            int err = 0;
            socklen_t len = sizeof err;
            if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
                return -1;
            errno = err;
            return err ? -1 : 0;
        }
    }
}

/* One address; the connected socket, or -1 with errno. */
static int connect_one(struct watchdog *w, const struct addrinfo *ai, double end)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    ai->ai_protocol);
    if (fd < 0)
        return -1;
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0 ||
        (errno == EINPROGRESS && wait_connected(w, fd, end) == 0))
        return fd;
    int saved = errno;
    close(fd);
    errno = saved;
    return -1;
}

static void connect_cause(char **cause, const char *host, unsigned port, int err, unsigned secs)
{
    if (err == ETIMEDOUT)
        set_cause(cause, "cannot connect to %s:%u: timed out after %u s (no answer to the "
                  "connection)", host, port, secs);
    else if (err == ECANCELED)
        set_cause(cause, "cannot connect to %s:%u: interrupted (stopping)", host, port);
    else if (err == ECONNREFUSED)
        set_cause(cause, "cannot connect to %s:%u: connection refused (nothing listens "
                  "on that port)", host, port);
    else
        set_cause(cause, "cannot connect to %s:%u: %s", host, port, strerror(err));
}

int watchdog_connect(struct watchdog *w, const char *host, unsigned port, unsigned secs,
                     int *fd, char **cause)
{
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_protocol = IPPROTO_TCP}, *res = NULL;
    char service[16];
    double end = mono_seconds() + secs;

    *fd = -1;
    snprintf(service, sizeof service, "%u", port);
    int r = getaddrinfo(host, service, &hints, &res);
    if (r != 0) {
        set_cause(cause, "cannot resolve host %s: %s (name resolution failed: check the "
                  "host name and DNS)", host, r == EAI_SYSTEM ? strerror(errno) : gai_strerror(r));
        return -1;
    }
    int err = EHOSTUNREACH;
    for (const struct addrinfo *ai = res; ai && *fd < 0; ai = ai->ai_next) {
        *fd = connect_one(w, ai, end);
        if (*fd < 0)
            err = errno;
        if (err == ETIMEDOUT || err == ECANCELED)
            break;
    }
    freeaddrinfo(res);
    if (*fd < 0) {
        connect_cause(cause, host, port, err, secs);
        return -1;
    }
    pthread_mutex_lock(&w->mu);
    if (w->fd >= 0)
        close(w->fd);
    w->fd = fcntl(*fd, F_DUPFD_CLOEXEC, 0);
    pthread_mutex_unlock(&w->mu);
    return 0;
}
