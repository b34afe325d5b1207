/* main.c — `bureau COMMAND [ARGS]`: global options, then the command. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/actor.h"
#include "bureau/cli.h"
#include "bureau/term.h"


static const struct command {
    const char *name;
    int (*run)(struct cli *);
    const char *summary;
} commands[] = {
    {"init", cmd_init, "create or migrate the database"},
    {"backup", cmd_backup, "write a self-contained, checked copy of the database"},
    {"fetch", cmd_fetch, "one pass over every configured IMAP mailbox"},
    {"ingest", cmd_ingest, "register messages from stdin, files or a Maildir"},
    {"list", cmd_list, "list register entries (filters: year, status, department, ...)"},
    {"show", cmd_show, "one entry: headers, text, attachments, history"},
    {"search", cmd_search, "full-text search (Arabic and French folded)"},
    {"export", cmd_export, "the arrival register for a period as CSV"},
    {"attachments", cmd_attachments, "save an entry's attachments to a directory"},
    {"register", cmd_register, "register a letter that came on paper or at the counter"},
    {"receipt", cmd_receipt, "the printable receipt of a letter registered on paper"},
    {"quarantine", cmd_quarantine, "list, show, register or dismiss quarantined mail"},
    {"assign", cmd_assign, "route an entry to another department"},
    {"reclassify", cmd_reclassify, "change an entry's kind"},
    {"departments", cmd_departments, "the departments: ids, French and Arabic names"},
    {"kinds", cmd_kinds, "the kinds of item: ids, names, legal deadlines (--json)"},
    {"status", cmd_status, "move an entry through its life cycle"},
    {"reply", cmd_reply, "draft the answer to an entry (text or canned answer)"},
    {"letter", cmd_letter, "draft a spontaneous letter (departure with no arrival)"},
    {"drafts", cmd_drafts, "list, show, approve, return, edit or cancel drafts"},
    {"departures", cmd_departures, "the departure register: list, show, export"},
    {"print", cmd_print, "a register for a period as print-ready HTML (ar or fr)"},
    {"headmail", cmd_headmail, "act on the department heads' replies now, or list them"},
    {"user", cmd_user, "the console's accounts: add, list, passwd, disable, role"},
    {"web", cmd_web, "the clerks' console (HTTP) alone; serve runs it with [web]"},
    {"rules", cmd_rules, "check, explain, test and apply the routing rules"},
    {"outbox", cmd_outbox, "list, send, retry or cancel outgoing mail"},
    {"due", cmd_due, "open items due within a period"},
    {"overdue", cmd_overdue, "open items past their legal deadline"},
    {"extend", cmd_extend, "extend an information request's deadline once"},
    {"urgent", cmd_urgent, "mark an item urgent (3-day deadline) or not"},
    {"stats", cmd_stats, "figures for a period (décret 2-17-265 report)"},
    {"remind", cmd_remind, "send the deadline digests now"},
    {"serve", cmd_serve, "the always-on service (IDLE, outbox, reminders)"},
    {"parse", cmd_parse, "decode one message file (no database): debugging aid"},
};

static void usage(FILE *f)
{
    fprintf(f, "usage: bureau [-c CONFIG] [--json] [--as CLERK] COMMAND [ARGS]\n\n"
               "The electronic registry office (bureau d'ordre — مكتب الضبط).\n\n"
               "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nbureau COMMAND --help describes each command.\n"
               "The configuration is -c FILE, else $BUREAU_CONFIG, else ./bureau.conf,\n"
               "else /etc/bureau/bureau.conf.\n");
}

static const char *default_actor(void)
{
    const char *a = getenv("BUREAU_CLERK");
    if (!a || !*a)
        a = getenv("USER");
    return a && *a ? a : "clerk";
}

int main(int argc, char **argv)
{
    struct cli c;
    memset(&c, 0, sizeof c);
    term_filter_stdio();
    c.actor = default_actor();
    signal(SIGPIPE, SIG_IGN);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc)
            c.config_path = argv[++i];
        else if (!strcmp(argv[i], "--json"))
            c.json = 1;
        else if (!strcmp(argv[i], "--as") && i + 1 < argc)
            c.actor = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "bureau: unknown option %s\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE_;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE_;
    }
    const char *why = NULL;
    if (!actor_name_valid(c.actor, &why)) {
        fprintf(stderr, "bureau: the clerk name (--as, $BUREAU_CLERK or $USER) is refused: %s\n",
                why);
        return EXIT_USAGE_;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++) {
        if (strcmp(argv[i], commands[k].name) != 0)
            continue;
        c.argc = argc - i;
        c.argv = argv + i;
        int rc = commands[k].run(&c);
        cli_free(&c);
        return rc;
    }
    fprintf(stderr, "bureau: unknown command \"%s\"\n", argv[i]);
    usage(stderr);
    return EXIT_USAGE_;
}
