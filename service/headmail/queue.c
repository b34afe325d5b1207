/* queue.c — a mail to a reply address is kept and queued (headtoken.h);
 * acting on it is headmail_process's, after the pass. */
#include "bureau/headtoken.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bureau/autoreply.h"
#include "bureau/config.h"
#include "bureau/headmail.h"
#include "bureau/notify.h"
#include "bureau/util.h"

/* The entry whose number gives number part `part` (headtoken_number_part),
 * compared case-insensitively: 0 when none, -1 on error. */
static int64_t entry_by_part(struct store *s, const char *part, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, number FROM entries WHERE number LIKE ?",
                                  cause);
    if (!st)
        return -1;
    char *like = xstrdup(part);
    for (char *p = like; *p; p++)
        if (*p == '-')
            *p = '_';  /* part holds only letters, digits and '-' */
    sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT);
    int64_t id = 0;
    while (id == 0 && sqlite3_step(st) == SQLITE_ROW) {
        char *np = headtoken_number_part((const char *)sqlite3_column_text(st, 1));
        if (strcasecmp(np, part) == 0)
            id = sqlite3_column_int64(st, 0);
        free(np);
    }
    sqlite3_reset(st);
    free(like);
    return id;
}

/* Why m is automatic mail (never a command, never answered), or NULL. */
static const char *robot_of(const struct config *cfg, const struct msg *m)
{
    const char *r = autoreply_robot(m);
    return r ? r : autoreply_refusal(cfg, m);
}

int headtoken_tx_enqueue(struct store *s, const struct config *cfg, const struct entry *e,
                         const struct msg *m, int64_t raw_id, const char *hash, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO head_mail (entry_id, raw_id, from_addr, subject, "
                                  "message_id, body, token_hash, robot, received_at) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    size_t blen = m->body ? strlen(m->body) : 0, outlen = 0;
    char *body = utf8_sanitize(m->body ? m->body : "",
                               blen < HEADMAIL_MAX_BODY ? blen : HEADMAIL_MAX_BODY, &outlen);
    const char *robot = robot_of(cfg, m);
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, raw_id);
    sqlite3_bind_text(st, 3, m->from_addr ? m->from_addr : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, m->subject ? m->subject : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, m->message_id ? m->message_id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, body, (int)outlen, SQLITE_TRANSIENT);
    if (hash)
        sqlite3_bind_text(st, 7, hash, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 7);
    if (robot)
        sqlite3_bind_text(st, 8, robot, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 8);
    sqlite3_bind_int64(st, 9, now_epoch());
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    free(body);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "head_mail: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

int headtoken_tx_queue(struct store *s, const struct config *cfg, const struct msg *m,
                       int64_t raw_id, struct entry *attached, char **cause)
{
    char *part = NULL, hash[HEADTOKEN_HASH_LEN + 1];
    if (!headtoken_find(cfg ? cfg->head_reply_address : NULL, m, &part, hash))
        return 0;
    int64_t id = entry_by_part(s, part, cause);
    free(part);
    if (id <= 0)
        return id < 0 ? -1 : 0;
    struct entry e;
    memset(&e, 0, sizeof e);
    if (store_entry_by_id(s, id, &e, cause) < 0)
        return -1;
    if (notify_tx_keep(s, &e, m, raw_id, "head-mail", cause) < 0 ||
        headtoken_tx_enqueue(s, cfg, &e, m, raw_id, hash, cause) < 0) {
        entry_free(&e);
        return -1;
    }
    *attached = e;
    return 1;
}
