/* cli.c — see cli.h: loading what a command needs, once. */
#include "bureau/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/log.h"
#include "bureau/rules_good.h"
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

int cli_write_failed(struct cli *c, const char *cause)
{
    int temporary = c->store && store_fault_temporary(c->store);
    cli_err(c, "%s%s", cause ? cause : "failed",
            temporary ? " (temporary: nothing was recorded, retry later)" : "");
    return temporary ? EXIT_TEMPFAIL_ : EXIT_FAIL;
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

/* The rules that loaded from the files become the last good ones (only
 * beside a register that exists: never next to a mistyped path). */
static void keep_good(struct cli *c, const struct rules_srcs *src)
{
    if (!c->cfg->db_path || access(c->cfg->db_path, F_OK) != 0)
        return;
    char *file = rules_good_file(c->cfg->db_path), *cause = NULL;
    if (rules_good_save(file, src, c->cfg->rules_path, c->actor ? c->actor : "?", NULL,
                        &cause) < 0)
        report(c, "bureau: warning: these rules load but cannot be kept as the last good "
                  "ones: %s", cause);
    free(cause);
    free(file);
}

static void report_diags(const struct cli *c, const struct rules_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        report(c, "%s:%d:%d: %s", d->v[i].file, d->v[i].line, d->v[i].col, d->v[i].message);
}

/* The rule files do not check (d says why): take the last good rules into
 * c->rules, saying so unless quiet. -1 when there are none or they do not
 * load either (then nothing is said: the caller reports d). */
static int fall_back(struct cli *c, const struct rules_diags *d, int quiet, char **why)
{
    char *file = rules_good_file(c->cfg->db_path), *cause = NULL;
    struct rules_good g;
    struct rules_diags gd = {0};
    int rc = rules_good_read(file, &g, &cause);
    if (rc == 1)
        set_cause(why, "no last good rules are kept (%s: none yet)", file);
    else if (rc < 0)
        set_cause(why, "the last good rules cannot be used: %s", cause);
    else if (rules_load_srcs(&g.src, &c->rules, &gd) < 0)
        set_cause(why, "the last good rules in %s no longer load (%s:%d: %s)", file,
                  gd.n ? gd.v[0].file : "?", gd.n ? gd.v[0].line : 0,
                  gd.n ? gd.v[0].message : "?");
    if (rc == 0 && c->rules && !quiet) {
        char when[20];
        fmt_datetime(g.recorded_at, when);
        report_diags(c, d);
        report(c, "bureau: the rules in %s do not check (%zu error%s above) and are refused; "
                  "running on the last good rules: %s as loaded on %s by %s (kept in %s). "
                  "Fix the files (bureau rules check)%s", c->cfg->rules_path, d->n,
               d->n == 1 ? "" : "s", g.path, when, g.by, file,
               c->log_errors ? ", then reload (systemctl reload bureau)" : "");
    }
    c->rules_last_good = c->rules != NULL;
    rules_diags_free(&gd);
    rules_good_free(&g);
    free(cause);
    free(file);
    return c->rules ? 0 : -1;
}

static int load_rules(struct cli *c, int quiet)
{
    if (c->rules)
        return 0;
    if (cli_need_config(c) < 0)
        return -1;
    if (!c->cfg->rules_path) {
        if (!quiet)
            report(c, "bureau: no rules configured ([bureau] rules = DIR)");
        return -1;
    }
    struct rules_srcs src;
    struct rules_diags d = {0};
    char *why = NULL;
    int bad = rules_read(c->cfg->rules_path, &src, &d) < 0;
    if (rules_load_srcs(&src, &c->rules, &d) == 0 && !bad) {
        keep_good(c, &src);
    } else {
        rules_free(c->rules);
        c->rules = NULL;
        if ((c->rules_strict || fall_back(c, &d, quiet, &why) < 0) && !quiet) {
            report_diags(c, &d);
            report(c, "bureau: the rules in %s do not check%s%s%s", c->cfg->rules_path,
                   why ? " and " : "", why ? why : "",
                   c->log_errors ? "" : "; nothing was done");
        }
    }
    rules_srcs_free(&src);
    rules_diags_free(&d);
    free(why);
    return c->rules ? 0 : -1;
}

int cli_need_rules(struct cli *c)
{
    return load_rules(c, 0);
}

int cli_need_rules_quietly(struct cli *c)
{
    return load_rules(c, 1);
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
