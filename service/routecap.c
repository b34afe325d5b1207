/* routecap.c — see routecap.h. */
#include "bureau/routecap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/outbox.h"
#include "bureau/templates.h"
#include "bureau/util.h"

#define DIGEST_MAX_ITEMS 500  /* listed in one mail; the rest are counted */

static char *sender_key(const char *addr)
{
    char *k = xstrdup(addr ? addr : "");
    for (char *p = k; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return k;
}

/* 1 when the sender's count for today was below cap (and is now one more). */
static int count_take(struct store *s, const char *key, unsigned cap, char **cause)
{
    char day[11];
    fmt_date(now_epoch(), day);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO routing_counts (sender, day, n) VALUES (?1, ?2, 1) "
                                  "ON CONFLICT (sender, day) DO UPDATE SET n = n + 1 "
                                  "WHERE n < ?3",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, cap);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    if (rc < 0)
        set_cause(cause, "routing_counts: %s", sqlite3_errmsg(store_db(s)));
    else
        rc = sqlite3_changes(store_db(s)) > 0;
    sqlite3_reset(st);
    return rc;
}

static int hold(struct store *s, const struct entry *e, const char *key, unsigned cap,
                char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT OR IGNORE INTO routing_held (entry_id, sender, held_at) "
                                  "VALUES (?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, now_epoch());
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    if (rc < 0)
        set_cause(cause, "routing_held: %s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    if (rc < 0)
        return -1;
    char *d = xasprintf("more than %u entries from this sender today ([routing] "
                        "per_sender_routed): listed in the heads' next digest instead of a "
                        "mail of its own",
                        cap);
    rc = store_event(s, e->id, "system", "routing-held", d, cause);
    free(d);
    return rc;
}

int routecap_tx_take(struct store *s, const struct entry *e, unsigned cap, char **cause)
{
    /* a letter a clerk registered by hand (service/paper/) is no flood */
    if (cap == 0 || (e->source && strncmp(e->source, "paper:", 6) == 0))
        return 1;
    char *key = sender_key(e->sender_addr);
    int rc = count_take(s, key, cap, cause);
    if (rc == 0)
        rc = hold(s, e, key, cap, cause) < 0 ? -1 : 0;
    free(key);
    return rc;
}

/* --- the digest ---------------------------------------------------------- */

struct held {
    int64_t id;
    int to_route;  /* 'registered' and not waiting for triage */
};

/* One sender's held entries of one department, being gathered. */
struct group {
    char *sender, *dept;
    struct buf text, html;
    struct held *v;
    size_t n, cap;
};

static void group_start(struct group *g, const char *sender, const char *dept)
{
    g->sender = xstrdup(sender);
    g->dept = xstrdup(dept);
    g->n = 0;
    buf_init(&g->text, 1024 * 1024);
    buf_init(&g->html, 2 * 1024 * 1024);
    buf_puts(&g->html, "<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">"
                       "\n<thead><tr><th>N° / الرقم</th><th>Reçu le / تاريخ التوصل</th>"
                       "<th>Nature / النوع</th><th>Objet / الموضوع</th></tr></thead>\n<tbody>\n");
}

/* Ends the group; its id array is kept for the next one. */
static void group_end(struct group *g)
{
    free(g->sender);
    free(g->dept);
    g->sender = g->dept = NULL;
    g->n = 0;
    buf_free(&g->text);
    buf_free(&g->html);
}

/* Row: entry id, number, received_at, kind, subject, status, needs_triage. */
static void group_add(struct group *g, sqlite3_stmt *st)
{
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->v = xrealloc(g->v, g->cap * sizeof *g->v);
    }
    const char *status = (const char *)sqlite3_column_text(st, 7);
    g->v[g->n].id = sqlite3_column_int64(st, 2);
    g->v[g->n].to_route = status && !strcmp(status, "registered") && !sqlite3_column_int(st, 8);
    if (++g->n > DIGEST_MAX_ITEMS)
        return;
    const char *number = (const char *)sqlite3_column_text(st, 3);
    const char *kind = (const char *)sqlite3_column_text(st, 5);
    const char *subject = (const char *)sqlite3_column_text(st, 6);
    char *clean = utf8_sanitize(subject ? subject : "", subject ? strlen(subject) : 0, NULL);
    for (char *p = clean; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = ' ';
    char when[20];
    fmt_datetime(sqlite3_column_int64(st, 4), when);
    buf_printf(&g->text, "- %s  %s  [%s]  %s\n", number, when, kind, clean);
    buf_puts(&g->html, "<tr><td>");
    buf_html_escape(&g->html, number);
    buf_puts(&g->html, "</td><td>");
    buf_html_escape(&g->html, when);
    buf_puts(&g->html, "</td><td>");
    buf_html_escape(&g->html, kind);
    buf_puts(&g->html, "</td><td dir=\"auto\">");
    buf_html_escape(&g->html, clean);
    buf_puts(&g->html, "</td></tr>\n");
    free(clean);
}

/* The entries are listed in a digest: marked, and routed when they were
 * waiting for it. */
static int mark_listed(struct store *s, const struct held *v, size_t n, int64_t now,
                       char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "UPDATE routing_held SET digested_at = ? WHERE entry_id = ?",
                                  cause);
    if (!st)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        sqlite3_bind_int64(st, 1, now);
        sqlite3_bind_int64(st, 2, v[i].id);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        if (rc < 0)
            set_cause(cause, "routing_held: %s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        if (rc == 0 && v[i].to_route)
            rc = store_tx_entry_set(s, v[i].id, "status", "routed", "system",
                                    "registered -> routed (listed in the heads' digest of the "
                                    "entries held past the sender's daily cap)",
                                    cause);
    }
    return rc;
}

/* Queues the group's mail to each head of its department: 1 when it is to
 * be marked listed (queued, or no head to send to), 0 when refused (an
 * event says why), -1 on a database error. */
static int group_send(struct store *s, const struct notify_ctx *n, struct group *g,
                      int64_t now, int *queued, char **cause)
{
    const struct department *d = n->rules ? rules_department(n->rules, g->dept) : NULL;
    char date[11], count[24], more[24], cap[24];
    fmt_date(now, date);
    snprintf(count, sizeof count, "%zu", g->n);
    snprintf(more, sizeof more, "%zu", g->n > DIGEST_MAX_ITEMS ? g->n - DIGEST_MAX_ITEMS : 0);
    snprintf(cap, sizeof cap, "%u", n->cfg->per_sender_routed);
    buf_puts(&g->html, "</tbody></table>\n");
    const struct tvar vars[] = {
        {"department", g->dept},
        {"department_fr", d && d->name_fr ? d->name_fr : g->dept},
        {"department_ar", d && d->name_ar ? d->name_ar : g->dept},
        {"sender_addr", *g->sender ? g->sender : NULL},
        {"date", date},
        {"n_items", count},
        {"n_more", g->n > DIGEST_MAX_ITEMS ? more : NULL},
        {"cap", cap},
        {"items", g->text.data},
        {"items_html", g->html.data},
    };
    int sent = 0;
    char *why = NULL;
    for (size_t i = 0; d && i < d->n_heads; i++) {
        struct outbox_mail m = {.purpose = "digest", .tmpl = "routed_digest",
                                .vars = vars, .n_vars = BU_ARRAY_LEN(vars),
                                .to_addr = d->heads[i]};
        int rc = outbox_tx_mail(s, n, &m, NULL, &why);
        if (rc == -1) {
            set_cause(cause, "%s", why ? why : "outbox error");
            free(why);
            return -1;
        }
        sent += rc == 0;
    }
    *queued += sent;
    if (sent || !d || d->n_heads == 0) {
        free(why);
        return 1;
    }
    char *detail = xasprintf("digest of the held entries not queued: %s", why ? why : "refused");
    free(why);
    int rc = store_event(s, g->v[0].id, "system", "mail-refused", detail, cause);
    free(detail);
    return rc < 0 ? -1 : 0;
}

int routecap_tx_digest(struct store *s, const struct notify_ctx *n, int64_t now, int *queued,
                       char **cause)
{
    if (!n || !n->tmpl)
        return 0;
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT h.sender, e.department, e.id, e.number, e.received_at, e.kind, e.subject, "
        "e.status, e.needs_triage FROM routing_held h JOIN entries e ON e.id = h.entry_id "
        "WHERE h.digested_at IS NULL ORDER BY h.sender, e.department, e.year, e.seq",
        cause);
    if (!st)
        return -1;
    /* each group's mail is queued when the next group starts; the entries
     * are marked after the scan (routing_held is not changed under a
     * statement that reads it), so only their ids are kept */
    struct group g = {0};
    struct held *done = NULL;
    size_t n_done = 0, cap_done = 0;
    int rc = 0, more = 1;
    while (rc == 0 && more) {
        more = sqlite3_step(st) == SQLITE_ROW;
        const char *sender = more ? (const char *)sqlite3_column_text(st, 0) : NULL;
        const char *dept = more ? (const char *)sqlite3_column_text(st, 1) : NULL;
        if (g.sender && (!more || strcmp(g.sender, sender) || strcmp(g.dept, dept))) {
            rc = group_send(s, n, &g, now, queued, cause);
            if (rc == 1) {
                if (n_done + g.n > cap_done) {
                    cap_done = (n_done + g.n) * 2;
                    done = xrealloc(done, cap_done * sizeof *done);
                }
                memcpy(done + n_done, g.v, g.n * sizeof *done);
                n_done += g.n;
                rc = 0;
            }
            group_end(&g);
        }
        if (rc == 0 && more) {
            if (!g.sender)
                group_start(&g, sender, dept);
            group_add(&g, st);
        }
    }
    sqlite3_reset(st);
    if (g.sender)
        group_end(&g);
    free(g.v);
    if (rc == 0)
        rc = mark_listed(s, done, n_done, now, cause);
    free(done);
    return rc;
}
