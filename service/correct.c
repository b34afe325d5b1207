/* correct.c — see correct.h. */
#include "bureau/correct.h"

#include <stdlib.h>
#include <string.h>

#include "bureau/headtoken.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"

static char *change(const char *from, const char *to, const char *why)
{
    return why ? xasprintf("%s -> %s (%s)", from ? from : "none", to ? to : "none", why)
               : xasprintf("%s -> %s", from ? from : "none", to ? to : "none");
}

static int set(struct store *s, const struct entry *e, const char *column, const char *from,
               const char *to, const char *actor, const char *why, char **cause)
{
    char *detail = change(from, to, why);
    int rc = store_tx_entry_set(s, e->id, column, to, actor, detail, cause);
    free(detail);
    return rc;
}

int correct_tx_department(struct store *s, const struct notify_ctx *n, const struct entry *e,
                          const char *dept, int clear_triage, const char *actor,
                          const char *why, char **cause)
{
    struct entry now = {0};
    char *void_why = xasprintf("re-routed %s -> %s by %s", e->department ? e->department : "none",
                               dept, actor);
    int voided = headtoken_tx_void(s, e->id, dept, void_why, cause);
    free(void_why);
    if (voided < 0 || set(s, e, "department", e->department, dept, actor, why, cause) < 0)
        return -1;
    if (clear_triage && e->needs_triage &&
        store_tx_entry_set(s, e->id, "needs_triage", "0", actor, "triaged", cause) < 0)
        return -1;
    if (store_entry_by_id(s, e->id, &now, cause) < 0)
        return -1;
    int rc = 0;
    if (!now.needs_triage && !strcmp(now.status, "registered")) {
        rc = set(s, e, "status", "registered", "routed", actor, NULL, cause);
        free(now.status);
        now.status = xstrdup("routed");
    }
    if (rc == 0)
        rc = notify_tx_routed(s, n, &now, cause);
    entry_free(&now);
    return rc;
}

int correct_tx_kind(struct store *s, const struct calendar *cal, const struct entry *e,
                    const struct kind *k, const char *actor, const char *why, char due[11],
                    char **cause)
{
    char d[11] = "";
    int extended = store_entry_has_event(s, e->id, "extended", cause);
    if (extended < 0)
        return -1;
    calendar_due(cal, k, e->urgent, extended, e->received_at, d);
    if (set(s, e, "kind", e->kind, k->id, actor, why, cause) < 0)
        return -1;
    int same = (!e->due_date && !d[0]) || (e->due_date && !strcmp(e->due_date, d));
    if (!same) {
        char *reason = why ? xasprintf("kind %s; %s", k->id, why) : xasprintf("kind %s", k->id);
        int rc = set(s, e, "due_date", e->due_date, d[0] ? d : NULL, actor, reason, cause);
        free(reason);
        if (rc < 0)
            return -1;
    }
    if (due)
        memcpy(due, d, sizeof d);
    return 0;
}

int correct_tx_status(struct store *s, const struct notify_ctx *n, const struct entry *e,
                      const struct status_move *mv, const char *actor, char **cause)
{
    char *detail = xasprintf("%s -> %s%s%s%s%s", e->status, mv->to, mv->to_body ? " to " : "",
                             mv->to_body ? mv->to_body : "", mv->note ? ": " : "",
                             mv->note ? mv->note : "");
    int rc = store_tx_entry_set(s, e->id, "status", mv->to, actor, detail, cause);
    free(detail);
    if (rc == 0 && mv->code)
        rc = store_tx_entry_set(s, e->id, "closure_code", mv->code, actor, mv->code, cause);
    if (rc == 0 && e->attention)
        rc = store_tx_entry_set(s, e->id, "attention", NULL, actor,
                                "seen: the status was changed", cause);
    if (rc < 0)
        return -1;
    struct entry upd;
    if (store_entry_by_id(s, e->id, &upd, cause) < 0)
        return -1;
    rc = notify_tx_status_to(s, n, &upd, e->status, mv->note, mv->to_body, cause);
    entry_free(&upd);
    return rc;
}
