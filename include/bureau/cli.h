/* cli.h — the shared context of the `bureau` subcommands. Each command is
 * int cmd_NAME(struct cli *); returning a process exit code. Options common
 * to all commands (-c FILE, --json, --as NAME) are parsed by main.c before
 * the command runs; the command sees its own arguments in argc/argv
 * (argv[0] is the command name). */
#ifndef BUREAU_CLI_H
#define BUREAU_CLI_H

#include <stdio.h>
#include "bureau/calendar.h"
#include "bureau/config.h"
#include "bureau/notify.h"
#include "bureau/rules.h"
#include "bureau/store.h"

struct templates;

struct cli {
    int argc;
    char **argv;
    const char *config_path;  /* from -c, may be NULL */
    const char *actor;        /* --as NAME, $BUREAU_CLERK, $USER, "clerk" */
    int json;                 /* --json */
    int log_errors;           /* 1: loading errors go to the log (serve), not stderr */
    int rules_strict;         /* 1: the rule files or nothing (rules test, apply...) */
    int rules_last_good;      /* set: c->rules are the last good rules, the files were refused */
    struct config *cfg;       /* loaded on demand by cli_need_* */
    struct store *store;
    struct rules *rules;
    struct calendar *cal;
    struct templates *tmpl;
    struct notify_ctx notify;
};

/* Load what a command needs; print the reason and return -1 on failure. */
int cli_need_config(struct cli *c);
/* The register named by `database =`: an existing, whole one (store_open
 * refuses a missing file, one with no schema or one whose counters are
 * behind its entries). Only `init` creates: cli_create_store. */
int cli_need_store(struct cli *c);       /* also loads config */
int cli_create_store(struct cli *c);
/* The rules of `rules =`. When the files do not check, every error is
 * reported with file:line:col and the last good rules (rules_good.h) are
 * used instead, saying so, unless c->rules_strict; -1 when there are none.
 * Rules that load are kept as the last good ones. Quietly: the same
 * without a word (the catalog's checks, which can do without). */
int cli_need_rules(struct cli *c);       /* also loads config */
int cli_need_rules_quietly(struct cli *c);
int cli_need_calendar(struct cli *c);    /* also loads config */
/* config, rules, calendar and templates; fills c->notify. Without an
 * [smtp] section notify.tmpl stays NULL and no mail is queued. */
int cli_need_notify(struct cli *c);
void cli_free_notify(struct cli *c);
void cli_free(struct cli *c);

/* Look an entry up by number (see store_entry_get); on failure print the
 * reason and return -1. The caller frees *e with entry_free. */
int cli_load_entry(struct cli *c, const char *ref, struct entry *e);

/* A filter's value (opt names the option, e.g. "--department") that no
 * rule defines and no entry holds: print the error with every valid id and
 * its French and Arabic names, and return -1; 0 when it is known or NULL.
 * Departments and kinds come from the rules (loaded quietly: without them,
 * from the register). Defined in cmd_catalog.c. */
int cli_check_department(struct cli *c, const char *opt, const char *id);
int cli_check_kind(struct cli *c, const char *opt, const char *id);
int cli_check_status(struct cli *c, const char *opt, const char *id);

/* The heads' mail pass (headmail_process) on c's store, logged; run may be
 * NULL. fetch, ingest and serve run it after theirs. Defined in
 * service/headmail/cmd_headmail.c. */
struct headmail_run;
int cli_headmail_pass(struct cli *c, struct headmail_run *run);

/* The checks and the transaction of `bureau extend` and `bureau urgent` on
 * e (loaded before), under c->actor, with their notices (c needs notify):
 * 0 done (due: the new legal deadline), 1 refused or -1 error, with *why
 * (malloc'd, the caller frees) saying why. Defined in cmd_deadlines.c; the
 * console calls them too. */
int cli_extend_entry(struct cli *c, const struct entry *e, const char *reason, char due[11],
                     char **why);
int cli_urgent_entry(struct cli *c, const struct entry *e, int on, const char *reason,
                     char due[11], char **why);

/* Attachment idx (1-based) of e, exactly as registered (kept in its row,
 * or cut again from the original, which must give the registered size and
 * digest): 0 with *data and *n, *name (a safe file name, fname_safe_file) and
 * *ctype (may be NULL), all malloc'd; 1 no such attachment; -1 error with
 * *cause. Defined in cmd_read.c. */
int cli_entry_attachment(struct cli *c, const struct entry *e, int idx, char **name,
                         char **ctype, char **data, size_t *n, char **cause);

/* 1 when s is text a person may give (a note, a reason): 1..max bytes of
 * valid UTF-8 without control characters (line ends and tabs allowed
 * when multiline). Defined in cmd_mail.c. */
int cli_text_ok(const char *s, size_t max, int multiline);

/* 1 if raw_id is one of e's follow-ups or replies (cmd_read.c). */
int cli_is_followup(struct cli *c, const struct entry *e, int64_t raw_id);

/* `bureau quarantine dismiss` and `register` (cmd_register.c), under
 * c->actor. dismiss: 0, or -1 with *cause (no such held message...).
 * register: 0 with *number (malloc'd; NULL when an earlier run had
 * registered it and only its move on the server was left), -1 refused
 * with *cause, -2 the original could not be fetched (try again later), -3
 * the rules or templates do not load. */
int cli_quarantine_dismiss(struct cli *c, int64_t qid, const char *reason, char **cause);
int cli_quarantine_register(struct cli *c, int64_t qid, char **number, char **cause);

/* A letter on paper registered under c->actor through c's store, rules and
 * notify (paper_register): the CLI's `register` and the console's form.
 * And its receipt as a whole HTML page. Defined in service/paper/. */
struct paper_letter;
struct paper_facts;
struct pipe_result;
struct buf;
int cli_register_paper(struct cli *c, const struct paper_letter *l, struct pipe_result *res);
void cli_paper_receipt_page(struct cli *c, const struct entry *e, const struct paper_facts *f,
                            const char *track_url, struct buf *b);

/* `bureau rules suggest` and `bureau rules test --register`
 * (service/rules_suggest.c): the register as the labelled set. */
int cli_rules_suggest(struct cli *c, const char *rules_path, const char *since,
                      const char *output, const char *min_support, int json);
int cli_rules_test_register(struct cli *c, const struct rules *r, const char *since, int json);
/* The register's entries placed for good as training messages of the
 * routing model (label: their department): EXIT_OK with *v, *n. */
struct model_sample;
int cli_register_training(struct cli *c, const char *since, struct model_sample **v,
                          size_t *n);

/* Print an error for the user: "bureau CMD: message". */
void cli_err(const struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A write of the register failed with cause (may be NULL): prints it and
 * returns the exit status, EXIT_TEMPFAIL_ ("retry later", nothing was
 * recorded) when store_fault_temporary says the fault passes (a full
 * disk), EXIT_FAIL otherwise. Call it after the rollback. */
int cli_write_failed(struct cli *c, const char *cause);
/* 1 if argv contains --help or -h (after the command name). */
int cli_wants_help(const struct cli *c);

/* exit codes (sysexits where an MTA reads them) */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,
    EXIT_USAGE_ = 64,
    EXIT_DATAERR_ = 65,
    EXIT_TEMPFAIL_ = 75,
    EXIT_CONFIG_ = 78,
};

/* Commands: registered in main.c; each defined in its service/cmd_*.c. */
int cmd_fetch(struct cli *c);
int cmd_ingest(struct cli *c);
int cmd_list(struct cli *c);
int cmd_show(struct cli *c);
int cmd_search(struct cli *c);
int cmd_export(struct cli *c);
int cmd_attachments(struct cli *c);
int cmd_quarantine(struct cli *c);
int cmd_assign(struct cli *c);
int cmd_reclassify(struct cli *c);
int cmd_init(struct cli *c);
int cmd_backup(struct cli *c);      /* backup FILE */
int cmd_rules(struct cli *c);       /* rules check|explain|test|apply */
int cmd_status(struct cli *c);
int cmd_outbox(struct cli *c);      /* outbox [list|send|retry|cancel] */
int cmd_due(struct cli *c);
int cmd_overdue(struct cli *c);
int cmd_stats(struct cli *c);
int cmd_remind(struct cli *c);
int cmd_serve(struct cli *c);
int cmd_extend(struct cli *c);
int cmd_urgent(struct cli *c);
int cmd_parse(struct cli *c);      /* no config, no database */
int cmd_departments(struct cli *c); /* ids with French and Arabic names */
int cmd_kinds(struct cli *c);
int cmd_user(struct cli *c);        /* user add|list|passwd|disable|enable|role */
int cmd_web(struct cli *c);         /* the console alone (service/web/cmd_web.c) */
/* service/departures/ */
int cmd_reply(struct cli *c);
int cmd_letter(struct cli *c);
int cmd_drafts(struct cli *c);
int cmd_departures(struct cli *c);
int cmd_print(struct cli *c);
/* service/paper/ */
int cmd_register(struct cli *c);    /* a letter on paper or from the counter */
int cmd_receipt(struct cli *c);
/* service/headmail/ */
int cmd_headmail(struct cli *c);

#endif
