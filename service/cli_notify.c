/* cli_notify.c — assembling the notify context for commands that cause
 * mail (ingest, fetch, assign, status, serve). */
#include <stdio.h>
#include <stdlib.h>

#include "bureau/cli.h"
#include "bureau/templates.h"

int cli_need_notify(struct cli *c)
{
    if (cli_need_config(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0)
        return -1;
    if (!c->tmpl && c->cfg->smtp.url) {
        char *cause = NULL;
        if (!c->cfg->templates_dir) {
            fprintf(stderr, "bureau: [smtp] is configured but [bureau] templates is not\n");
            return -1;
        }
        if (templates_load(c->cfg->templates_dir, &c->tmpl, &cause) < 0) {
            fprintf(stderr, "bureau: templates: %s\n", cause);
            free(cause);
            return -1;
        }
    }
    c->notify.cfg = c->cfg;
    c->notify.rules = c->rules;
    c->notify.cal = c->cal;
    c->notify.tmpl = c->tmpl;
    return 0;
}

void cli_free_notify(struct cli *c)
{
    templates_free(c->tmpl);
    c->tmpl = NULL;
    c->notify.tmpl = NULL;
}
