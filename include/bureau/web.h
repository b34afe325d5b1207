/* web.h — the clerks' console (issue 14): an HTTP server (libmicrohttpd)
 * beside the pipeline, a client of the same store, events and outbox. Its
 * code is service/web/; the pipeline never includes this header.
 *
 * The server answers on a pool of WEB_POOL (4) threads of libmicrohttpd's,
 * each with its own connection to the register; the configuration, rules,
 * calendar and templates are loaded once, from the configuration file of
 * the process, and shared read-only. At most WEB_POOL argon2id checks
 * (64 MiB each) run at once. */
#ifndef BUREAU_WEB_H
#define BUREAU_WEB_H

#include "bureau/cli.h"

struct web;

/* Starts the console on [web] (defaults without the section) of
 * config_path's configuration. 0 and *out, or -1 with *cause (malloc'd):
 * the address is taken, the certificate does not load, the register or
 * the rules do not open. */
int web_start(const char *config_path, struct web **out, char **cause);
/* The address it listens on, "HOST:PORT" (the real port when 0 was asked). */
const char *web_address(const struct web *w);
/* Stops accepting, finishes the request in hand, frees everything. NULL-safe. */
void web_stop(struct web *w);

/* `bureau web`: the console alone, until SIGTERM or SIGINT. */
int cmd_web(struct cli *c);

#endif
