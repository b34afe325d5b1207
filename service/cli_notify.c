/* cli_notify.c — assembling the notify context for commands that cause
 * mail (ingest, fetch, assign, status, serve). */
#include <stdio.h>
#include <stdlib.h>

#include "bureau/cli.h"

int cli_need_notify(struct cli *c)
{
    if (cli_need_config(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0)
        return -1;
    c->notify.cfg = c->cfg;
    c->notify.rules = c->rules;
    c->notify.cal = c->cal;
    c->notify.tmpl = c->tmpl;
    return 0;
}

void cli_free_notify(struct cli *c)
{
    c->notify.tmpl = NULL;
}
