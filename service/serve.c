/* serve.c — see serve.h */
#include "bureau/serve.h"
#include "bureau/web.h"

#include <stdatomic.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "bureau/fetch.h"
#include "bureau/imap.h"
#include "bureau/log.h"
#include "bureau/mime.h"
#include "bureau/outbox.h"
#include "bureau/remind.h"
#include "bureau/templates.h"
#include "bureau/util.h"

#define BACKOFF_MIN 1
#define BACKOFF_MAX 300
#define OUTBOX_TICK 5    /* seconds between outbox passes */

static volatile sig_atomic_t got_stop, got_reload;
static atomic_int stop_threads; /* read by the account threads */
static atomic_int stop_outbox;  /* SIGTERM/SIGINT: the outbox pass stops between mails */

static void on_signal(int sig)
{
    if (sig == SIGHUP) {
        got_reload = 1;
    } else {
        got_stop = 1;
        stop_threads = 1;
        stop_outbox = 1;
    }
}

int serve_lock(const char *db_path, char **cause)
{
    char *path = xasprintf("%s.lock", db_path);
    /* 0660 whatever the umask, like the register (a clerk's fetch and the
     * service share it); one left 0640 by another user is locked read-only
     * (flock does not need write access) */
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
    if (fd >= 0)
        (void)fchmod(fd, 0660);
    else if (errno == EEXIST)
        fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0 && errno == EACCES)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_cause(cause, "%s: %s", path, strerror(errno));
        free(path);
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        set_cause(cause, "another bureau serve or fetch is already running on %s (lock %s)", db_path,
                  path);
        close(fd);
        free(path);
        return -1;
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && write(fd, pid, (size_t)n) < 0)
        log_warn("cannot write pid to %s", path);
    free(path);
    return fd;
}

/* Everything a reload replaces, loaded together. */
struct world {
    struct cli c;
};

struct account_thread {
    pthread_t tid;
    const struct world *w;
    const struct imap_account *a;
    struct pipeline p;  /* its store is opened by the thread */
    int started;
};

static void sleep_interruptible(unsigned secs)
{
    for (unsigned i = 0; i < secs * 10 && !stop_threads; i++)
        usleep(100 * 1000);
}

static void account_cycle(struct pipeline *p, const struct imap_account *a)
{
    struct fetch_session *fs = NULL;
    unsigned backoff = BACKOFF_MIN;
    while (!stop_threads) {
        char *cause = NULL;
        int orc = fs ? 0 : fetch_session_open(p, a, &stop_threads, &fs, &cause);
        if (orc == IMAP_PERMANENT) {
            /* only the administrator can cure it: say so, retry slowly */
            log_error("account %s: %s; fix the configuration and send SIGHUP "
                      "(retrying in %u s)", a->name, cause, BACKOFF_MAX);
            free(cause);
            sleep_interruptible(BACKOFF_MAX);
            continue;
        }
        if (orc < 0) {
            log_warn("account %s: %s; retrying in %u s", a->name, cause, backoff);
            free(cause);
            sleep_interruptible(backoff);
            backoff = backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2;
            continue;
        }
        struct fetch_stats st = {0};
        int rc = fetch_session_pass(fs, NULL, &stop_threads, &st, &cause);
        if (st.registered + st.quarantined + st.followups + st.bounces)
            log_info("account %s: %u registered, %u quarantined, %u follow-ups, %u bounces",
                     a->name, st.registered, st.quarantined, st.followups, st.bounces);
        if (rc == 0)
            backoff = BACKOFF_MIN;  /* the connection works again */
        if (rc == 0 && !stop_threads)
            rc = fetch_session_wait(fs, &stop_threads, &cause);
        if (rc < 0) {
            log_warn("account %s: %s; reconnecting in %u s", a->name,
                     cause ? cause : "error", backoff);
            fetch_session_close(fs);
            fs = NULL;
            sleep_interruptible(backoff);
            backoff = backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2;
        }
        free(cause);
    }
    fetch_session_close(fs);
}

static void *account_main(void *arg)
{
    struct account_thread *t = arg;
    const struct cli *c = &t->w->c;
    struct store *s = NULL;
    char *cause = NULL;
    /* one database connection per thread */
    if (store_open(c->cfg->db_path, c->cfg->number_format, &s, &cause) < 0) {
        log_error("account %s: database: %s", t->a->name, cause);
        free(cause);
        return NULL;
    }
    t->p.store = s;
    account_cycle(&t->p, t->a);
    t->p.store = NULL;
    store_close(s);
    return NULL;
}

/* The account's pipeline and parser, made before any thread starts: the
 * parser's fork server is forked while the service has one thread, and
 * every parser process comes from it (see mime_worker_forkserver). The
 * parser lives as long as the thread, across reconnections. */
static void account_prepare(struct account_thread *t)
{
    const struct cli *c = &t->w->c;
    t->p = (struct pipeline){.cfg = c->cfg, .rules = c->rules, .cal = c->cal,
                             .notify = &c->notify, .actor = "system"};
    t->p.worker = mime_worker_new();
    pipeline_classify_in_worker(&t->p, t->a->default_kind);
    char *cause = NULL;
    if (mime_worker_forkserver(t->p.worker, &cause) < 0)
        log_warn("account %s: no parser fork server (%s); forking parsers directly",
                 t->a->name, cause);
    free(cause);
}

/* The service needs every secret at start; clerk commands do not. */
static int secrets_missing(const struct config *cfg)
{
    int missing = 0;
    for (size_t i = 0; i < cfg->n_accounts; i++)
        if (!cfg->accounts[i].password) {
            log_error("[account %s] %s", cfg->accounts[i].name,
                      cfg->accounts[i].password_error ? cfg->accounts[i].password_error
                                                      : "no password");
            missing = 1;
        }
    if (cfg->smtp.url && cfg->smtp.password_error) {
        log_error("[smtp] %s", cfg->smtp.password_error);
        missing = 1;
    }
    return missing;
}

static int load_world(struct world *w, const char *config_path)
{
    memset(w, 0, sizeof *w);
    w->c.config_path = config_path;
    w->c.actor = "system";
    w->c.log_errors = 1;
    if (cli_need_store(&w->c) < 0 || cli_need_notify(&w->c) < 0 || secrets_missing(w->c.cfg)) {
        cli_free(&w->c);
        return -1;
    }
    log_setup(w->c.cfg->log_target, w->c.cfg->log_level);
    return 0;
}

static void start_threads(struct world *w, struct account_thread **out, size_t *n)
{
    *n = w->c.cfg->n_accounts;
    *out = xcalloc(*n ? *n : 1, sizeof **out);
    stop_threads = 0;
    for (size_t i = 0; i < *n; i++) {
        (*out)[i].w = w;
        (*out)[i].a = &w->c.cfg->accounts[i];
        account_prepare(&(*out)[i]);  /* all before the first thread */
    }
    for (size_t i = 0; i < *n; i++) {
        struct account_thread *t = &(*out)[i];
        t->started = pthread_create(&t->tid, NULL, account_main, t) == 0;
        if (!t->started)
            log_error("account %s: cannot start a thread", t->a->name);
    }
}

static void stop_all(struct account_thread *t, size_t n)
{
    stop_threads = 1;
    for (size_t i = 0; i < n; i++) {
        if (t[i].started)
            pthread_join(t[i].tid, NULL);
        mime_worker_free(t[i].p.worker);
    }
    free(t);
}

static void outbox_tick(struct world *w, struct smtp **smtp)
{
    if (!w->c.cfg->smtp.url)
        return;
    struct outbox_run run = {0};
    char *cause = NULL;
    if (outbox_send_due_stop(w->c.store, w->c.cfg, NULL, 0, &stop_outbox, &run, &cause) < 0)
        log_warn("outbox: %s", cause);
    else if (run.sent || run.failed || run.deferred || run.requeued)
        log_info("outbox: %d sent, %d deferred, %d failed, %d requeued", run.sent,
                 run.deferred, run.failed, run.requeued);
    (void)smtp;
    free(cause);
}

static void reminders_tick(struct world *w)
{
    char *cause = NULL;
    int n = 0;
    if (remind_if_due(w->c.store, &w->c.notify, now_epoch(), &n, &cause) < 0)
        log_warn("reminders: %s", cause);
    else if (n > 0)
        log_info("reminders: %d digest(s) queued", n);
    free(cause);
}

/* The account threads' commits land in the WAL; folding them back into
 * the database file every tick keeps bureau.db whole on its own (a copy of
 * it alone is then the register, not an empty schema). PASSIVE: it never
 * waits for the threads, and does nothing when the WAL holds nothing new. */
static void checkpoint_tick(struct world *w)
{
    char *cause = NULL;
    if (store_checkpoint(w->c.store, NULL, &cause) < 0)
        log_warn("database: %s", cause);
    free(cause);
}

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;  /* library reads and writes go on; loops check the flags */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

/* SIGHUP: build a new world; on success swap, else keep the old one. */
static void reload(struct world **w, struct account_thread **threads, size_t *n,
                   const char *config_path)
{
    struct world *fresh = xcalloc(1, sizeof *fresh);
    log_info("SIGHUP: reloading configuration, rules and templates");
    if (load_world(fresh, config_path) < 0) {
        log_error("reload failed (see above); keeping the configuration, rules and "
                  "templates in use");
        free(fresh);
        return;
    }
    if (fresh->c.rules_last_good)
        log_error("reload: the new rules are refused (see above); keeping the last good "
                  "rules, with the configuration and templates reloaded");
    stop_all(*threads, *n);
    cli_free(&(*w)->c);
    free(*w);
    *w = fresh;
    start_threads(*w, threads, n);
    log_info("reload done: %zu mailbox(es)%s", *n,
             (*w)->c.rules_last_good ? ", on the last good rules" : "");
}

/* The console beside the mailboxes when [web] is configured. A console
 * that cannot start (its port taken...) is logged and mail goes on: intake
 * never stops for the web side. */
static struct web *console_start(const struct world *w, const char *config_path)
{
    struct web *web = NULL;
    char *cause = NULL;
    if (!w->c.cfg->web.has_web)
        return NULL;
    if (web_start(config_path, &web, &cause) < 0) {
        log_error("console not started: %s", cause ? cause : "?");
        free(cause);
        return NULL;
    }
    log_info("console listening on %s", web_address(web));
    return web;
}

int cmd_serve(struct cli *c)
{
    if (cli_wants_help(c)) {
        printf("usage: bureau [-c CONFIG] serve\n\nThe always-on service: watches every "
               "configured mailbox (IDLE, or polling\nevery poll_interval), sends the outbox, "
               "queues the daily deadline digests, and runs the console when [web] is\nconfigured.\nSIGTERM/SIGINT: finish the message in "
               "hand and exit. SIGHUP: reload the\nconfiguration, rules and templates (the "
               "old ones stay when the new ones are\ninvalid). Only one instance may run on "
               "a database.\n");
        return 0;
    }
    struct world *w = xcalloc(1, sizeof *w);
    if (load_world(w, c->config_path) < 0) {
        free(w);
        return EXIT_CONFIG_;
    }
    char *cause = NULL;
    int lock = serve_lock(w->c.cfg->db_path, &cause);
    if (lock < 0) {
        log_error("%s", cause);
        free(cause);
        cli_free(&w->c);
        free(w);
        return EXIT_TEMPFAIL_;
    }
    install_signals();
    struct account_thread *threads;
    size_t n;
    start_threads(w, &threads, &n);
    log_info("serving %zu mailbox(es) on %s (pid %ld)", n, w->c.cfg->db_path, (long)getpid());
    struct web *web = console_start(w, c->config_path);
    if (w->c.rules_last_good)
        log_warn("running on the last good rules: the rule files were refused (see above)");
    while (!got_stop) {
        if (got_reload) {
            got_reload = 0;
            reload(&w, &threads, &n, c->config_path);
            web_stop(web);  /* the console reads the new configuration and rules too */
            web = console_start(w, c->config_path);
        }
        (void)cli_headmail_pass(&w->c, NULL);  /* after the accounts' passes */
        outbox_tick(w, NULL);
        reminders_tick(w);
        checkpoint_tick(w);
        for (int i = 0; i < OUTBOX_TICK * 10 && !got_stop && !got_reload; i++)
            usleep(100 * 1000);
    }
    log_info("stopping: finishing the message in hand");
    web_stop(web);
    stop_all(threads, n);
    cli_free(&w->c);
    free(w);
    close(lock);
    log_info("stopped");
    return 0;
}

int cmd_remind(struct cli *c)
{
    if (cli_wants_help(c)) {
        printf("usage: bureau remind\n\nQueues the deadline digests now (each department "
               "head: every open item,\nwith its working days left and its own reply address; "
               "overdue items also to the\ndirection des services),\neven if today's were already queued. `bureau serve` "
               "does this once a day\nat [reminders] digest_time. Send them with `bureau "
               "outbox send`.\n");
        return 0;
    }
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    if (!c->notify.tmpl) {
        cli_err(c, "no [smtp] section: there is nothing to send digests with");
        return EXIT_CONFIG_;
    }
    char *cause = NULL;
    int n = 0;
    if (remind_run(c->store, &c->notify, now_epoch(), 1, &n, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    printf("%d digest(s) queued\n", n);
    return 0;
}
