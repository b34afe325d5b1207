/* cmd_web.c — `bureau web`: the console alone, until SIGTERM or SIGINT
 * (web.h). `bureau serve` starts the same server beside the mailboxes when
 * the configuration has a [web] section. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "bureau/log.h"
#include "bureau/web.h"

int cmd_web(struct cli *c)
{
    if (cli_wants_help(c) || c->argc != 1) {
        printf("usage: bureau [-c CONFIG] web\n\nRuns the clerks' console (HTTP, or HTTPS with "
               "tls_cert and tls_key) on [web] listen\n(default 127.0.0.1:8080) until SIGTERM or "
               "SIGINT. Accounts: bureau user add.\n");
        return c->argc != 1 ? EXIT_USAGE_ : 0;
    }
    if (cli_need_config(c) < 0)
        return EXIT_CONFIG_;
    log_setup(c->cfg->log_target, c->cfg->log_level);
    /* the signals are taken by this thread alone (sigwait), before the
     * server's thread starts and inherits the mask */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    struct web *w = NULL;
    char *cause = NULL;
    if (web_start(c->config_path, &w, &cause) < 0) {
        cli_err(c, "%s", cause ? cause : "failed");
        free(cause);
        return EXIT_CONFIG_;
    }
    log_msg(LOG_LV_INFO, "console listening on %s", web_address(w));
    printf("console listening on %s\n", web_address(w));
    fflush(stdout);
    int sig = 0;
    do
        sigwait(&set, &sig);
    while (sig == SIGHUP);
    log_msg(LOG_LV_INFO, "console stopping (signal %d)", sig);
    web_stop(w);
    return 0;
}
