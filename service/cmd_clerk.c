/* cmd_clerk.c — a clerk's corrections: assign (imputation) and reclassify.
 * Each is one transaction: the change, its event, and the mail it causes
 * (correct.h, shared with `rules apply`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/cli.h"
#include "bureau/correct.h"
#include "bureau/util.h"

static int finish_tx(struct cli *c, int rc, char *cause)
{
    if (rc == 0)
        rc = store_commit(c->store, &cause);
    int ret = 0;
    if (rc < 0) {
        store_rollback(c->store);
        ret = cli_write_failed(c, cause);
    }
    free(cause);
    return ret;
}

/* The entry stays in the department the rules gave it for lack of a better
 * one: the clerk confirms it. Only the triage mark changes; the head
 * already has the item. */
static int confirm_triage(struct cli *c, const struct entry *e)
{
    char *cause = NULL;
    int rc = store_begin(c->store, &cause);
    if (rc == 0)
        rc = store_tx_entry_set(c->store, e->id, "needs_triage", "0", c->actor,
                                "triaged: stays with its department", &cause);
    int ret = finish_tx(c, rc, cause);
    if (!ret)
        printf("%s stays with %s (triage confirmed by %s; nothing sent)\n", e->number,
               e->department, c->actor);
    return ret;
}

int cmd_assign(struct cli *c)
{
    if (cli_wants_help(c) || c->argc != 3) {
        printf("usage: bureau [--as CLERK] assign NUMBER DEPARTMENT\n\nRoutes the entry to "
               "DEPARTMENT (an id from the rules, e.g. urbanisme),\nrecords who did it, and "
               "sends the routed item to the department head. Assigning an entry to the\n"
               "department it is already in is refused (exit 1, nothing recorded), unless it\n"
               "awaits triage: then the triage is confirmed, and nothing is sent.\n");
        return c->argc != 3 ? EXIT_USAGE_ : 0;
    }
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    const char *dept = c->argv[2];
    if (!rules_department(c->rules, dept)) {
        if (cli_check_department(c, "DEPARTMENT", dept) == 0)
            cli_err(c, "\"%s\" is no longer a department of the rules", dept);
        return EXIT_USAGE_;
    }
    struct entry e;
    if (cli_load_entry(c, c->argv[1], &e) < 0)
        return EXIT_FAIL;
    if (!strcmp(e.department, dept)) {
        int ret = e.needs_triage ? confirm_triage(c, &e) : EXIT_FAIL;
        if (!e.needs_triage)
            cli_err(c, "%s is already with %s: nothing changed, nothing sent", e.number, dept);
        entry_free(&e);
        return ret;
    }
    char *cause = NULL;
    int rc = store_begin(c->store, &cause);
    if (rc == 0)
        rc = correct_tx_department(c->store, &c->notify, &e, dept, 1, c->actor, NULL, &cause);
    int ret = finish_tx(c, rc, cause);
    if (!ret)
        printf("%s assigned to %s by %s\n", e.number, dept, c->actor);
    entry_free(&e);
    return ret;
}

int cmd_reclassify(struct cli *c)
{
    if (cli_wants_help(c) || c->argc != 3) {
        printf("usage: bureau [--as CLERK] reclassify NUMBER KIND\n\nChanges the entry's kind "
               "(complaint, information-request, petition,\nsuggestion, correspondence) and "
               "recomputes its legal deadline from the date\nit was received.\n");
        return c->argc != 3 ? EXIT_USAGE_ : 0;
    }
    if (cli_need_store(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0)
        return EXIT_CONFIG_;
    const struct kind *k = rules_kind(c->rules, c->argv[2]);
    if (!k) {
        if (cli_check_kind(c, "KIND", c->argv[2]) == 0)
            cli_err(c, "\"%s\" is no longer a kind of the rules", c->argv[2]);
        return EXIT_USAGE_;
    }
    struct entry e;
    if (cli_load_entry(c, c->argv[1], &e) < 0)
        return EXIT_FAIL;
    char due[11] = "";
    char *cause = NULL;
    int rc = store_begin(c->store, &cause);
    if (rc == 0)
        rc = correct_tx_kind(c->store, c->cal, &e, k, c->actor, NULL, due, &cause);
    int ret = finish_tx(c, rc, cause);
    if (!ret)
        printf("%s is now %s, due %s\n", e.number, k->id, due[0] ? due : "(no legal deadline)");
    entry_free(&e);
    return ret;
}
