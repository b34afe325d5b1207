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

/* Loading problems: to stderr for a command, to the log for the daemon. */
static void report(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void report(const struct cli *c, const char *fmt, ...)
{
    char line[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (c->log_errors)
        log_error("%s", line);
    else
        fprintf(stderr, "%s\n", line);
}

/* Each line of a multi-line error text, reported separately. */
static void report_lines(const struct cli *c, char *text)
{
    char *save = text, *line;
    while ((line = strsep(&save, "\n")) != NULL)
        if (*line)
            report(c, "%s", line);
}

int cli_load_entry(struct cli *c, const char *ref, struct entry *e)
{
    char *cause = NULL;
    if (store_entry_get(c->store, ref, e, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return -1;
    }
    return 0;
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
        report_lines(c, errors);
        report(c, "bureau: configuration %s has errors%s", path,
               c->log_errors ? "" : "; nothing was done");
        free(errors);
        return -1;
    }
    if (!c->log_errors)  /* the daemon applies them once the whole reload is good */
        log_setup(c->cfg->log_target, c->cfg->log_level);
    return 0;
}

static int need_store(struct cli *c, int create)
{
    if (c->store)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    char *cause = NULL;
    int rc = create ? store_create(c->cfg->db_path, c->cfg->number_format, &c->store, &cause)
                    : store_open(c->cfg->db_path, c->cfg->number_format, &c->store, &cause);
    if (rc < 0) {
        report(c, "bureau: database: %s (`database =` in %s)", cause, c->cfg->path);
        free(cause);
        return -1;
    }
    return 0;
}

int cli_need_store(struct cli *c)
{
    return need_store(c, 0);
}

int cli_create_store(struct cli *c)
{
    return need_store(c, 1);
}

int cli_need_rules(struct cli *c)
{
    if (c->rules)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    if (!c->cfg->rules_path) {
        report(c, "bureau: no rules configured ([bureau] rules = DIR)");
        return -1;
    }
    struct rules_diags d = {0};
    if (rules_load(c->cfg->rules_path, &c->rules, &d) < 0) {
        for (size_t i = 0; i < d.n; i++)
            report(c, "%s:%d:%d: %s", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].message);
        report(c, "bureau: the rules in %s do not check%s", c->cfg->rules_path,
               c->log_errors ? "" : "; nothing was done");
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
        report(c, "%s", cause);
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
