/* scope.c — what each role sees and may do in the console (web_int.h).
 *
 *   clerk    the whole register, every action;
 *   director the whole register; triage: assign, reclassify, urgent, note;
 *   head     only the entries of their departments (others do not exist:
 *            404), and there: status, note, extend, assign (send it on);
 *   none     no mail at all (an account that only administers accounts).
 * A disabled account never gets this far (web_auth). */
#include <string.h>

#include "web_int.h"

int web_reads_mail(const struct req *r)
{
    return r->logged_in && !r->a.disabled && r->a.role != ROLE_NONE;
}

int web_sees(const struct req *r, const struct entry *e)
{
    return web_reads_mail(r) && account_sees_department(&r->a, e->department);
}

int web_may(const struct req *r, const char *action, const struct entry *e)
{
    static const char *const director[] = {"assign", "reclassify", "urgent", "note"};
    static const char *const head[] = {"status", "note", "extend", "assign"};
    if (!web_sees(r, e))
        return 0;
    switch (r->a.role) {
    case ROLE_CLERK: return 1;
    case ROLE_DIRECTOR:
        for (size_t i = 0; i < sizeof director / sizeof *director; i++)
            if (!strcmp(action, director[i]))
                return 1;
        return 0;
    case ROLE_HEAD:
        for (size_t i = 0; i < sizeof head / sizeof *head; i++)
            if (!strcmp(action, head[i]))
                return 1;
        return 0;
    default: return 0;
    }
}

void web_scope_bind(const struct req *r, sqlite3_stmt *st)
{
    sqlite3_bind_int(st, 100, r->a.role == ROLE_HEAD);
    sqlite3_bind_int64(st, 101, r->a.id);
}
