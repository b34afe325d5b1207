/* cli.c — see cli.h: loading what a command needs, once. */
#include "bureau/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "bureau/util.h"

void cli_err(const struct cli *c, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "bureau %s: ", c->argv && c->argc ? c->argv[0] : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_wants_help(const struct cli *c)
{
    for (int i = 1; i < c->argc; i++)
        if (!strcmp(c->argv[i], "--help") || !strcmp(c->argv[i], "-h"))
            return 1;
    return 0;
}

int cli_need_config(struct cli *c)
{
    if (c->cfg)
        return 0;
    const char *path = config_default_path(c->config_path);
    char *errors = NULL;
    if (config_load(path, &c->cfg, &errors) < 0) {
        fprintf(stderr, "%s", errors);
        fprintf(stderr, "bureau: configuration %s has errors; nothing was done\n", path);
        free(errors);
        return -1;
    }
    log_setup(c->cfg->log_target, c->cfg->log_level);
    return 0;
}

int cli_need_store(struct cli *c)
{
    if (c->store)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    char *cause = NULL;
    if (store_open(c->cfg->db_path, c->cfg->number_format, &c->store, &cause) < 0) {
        fprintf(stderr, "bureau: database: %s\n", cause);
        free(cause);
        return -1;
    }
    return 0;
}

int cli_need_rules(struct cli *c)
{
    if (c->rules)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    if (!c->cfg->rules_path) {
        fprintf(stderr, "bureau: no rules configured ([bureau] rules = DIR)\n");
        return -1;
    }
    struct rules_diags d = {0};
    if (rules_load(c->cfg->rules_path, &c->rules, &d) < 0) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col,
                    d.v[i].message);
        fprintf(stderr, "bureau: the rules in %s do not check; nothing was done\n",
                c->cfg->rules_path);
        rules_diags_free(&d);
        return -1;
    }
    rules_diags_free(&d);
    return 0;
}

int cli_need_calendar(struct cli *c)
{
    if (c->cal)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    char *cause = NULL;
    if (calendar_load(c->cfg->holidays_file, &c->cal, &cause) < 0) {
        fprintf(stderr, "%s\n", cause);
        free(cause);
        return -1;
    }
    return 0;
}

void cli_free(struct cli *c)
{
    cli_free_notify(c);
    calendar_free(c->cal);
    rules_free(c->rules);
    store_close(c->store);
    config_free(c->cfg);
    c->cal = NULL;
    c->rules = NULL;
    c->store = NULL;
    c->cfg = NULL;
}
