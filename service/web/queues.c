/* queues.c — the work queues a person lands on, each with its count
 * (web_int.h). A queue is a condition on the entries (alias e) that the
 * register page (reglist.c) applies as ?queue=NAME, with the same scope, so
 * the count and the list always agree. Parameters: ?102 today, ?103 the
 * last day of "due soon", ?104 when the person last looked (epoch). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "web_int.h"

#define OPEN " e.status IN ('registered', 'routed', 'in-progress') "

struct queue {
    const char *id, *fr, *ar, *sql;
};

static const struct queue queues[] = {
    {"triage", "À trier", "للفرز", OPEN "AND e.needs_triage = 1"},
    {"handle", "À traiter", "للمعالجة", OPEN},
    {"new", "Nouveaux suivis et réponses", "متابعات وردود جديدة",
     " e.id IN (SELECT entry_id FROM followups WHERE received_at > ?104) "},
    {"due", "Échéance proche", "أجل قريب", OPEN "AND e.due_date >= ?102 AND e.due_date <= ?103"},
    {"overdue", "En retard", "متأخرة", OPEN "AND e.due_date < ?102"},
    {"approval", "Réponses à approuver", "ردود في انتظار الموافقة",
     " e.id IN (SELECT entry_id FROM drafts WHERE state = 'pending') "},
    {"attention", "À revoir", "للمراجعة", " e.attention IS NOT NULL "},
};

const char *web_queue_sql(const char *queue)
{
    for (size_t i = 0; queue && i < sizeof queues / sizeof *queues; i++)
        if (!strcmp(queues[i].id, queue))
            return queues[i].sql;
    return NULL;
}

const char *web_queue_label(const struct req *r, const char *queue)
{
    for (size_t i = 0; queue && i < sizeof queues / sizeof *queues; i++)
        if (!strcmp(queues[i].id, queue))
            return T(r, queues[i].fr, queues[i].ar);
    return NULL;
}

void web_queue_bind(const struct req *r, sqlite3_stmt *st)
{
    char today[11], soon[11];
    int64_t t = calendar_local_day(now_epoch());
    calendar_fmt_day(t, today);
    calendar_fmt_day(t + (int64_t)r->c->cfg->due_soon_days, soon);
    sqlite3_bind_text(st, 102, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 103, soon, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 104, r->a.last_seen_queues);
}

/* The number of entries in queue (NULL: all) of department dept (NULL:
 * all) that the person sees; -1 on error. */
static long queue_count(struct req *r, const char *queue, const char *dept)
{
    char *sql = xasprintf("SELECT count(*) FROM entries e WHERE %s AND %s%s", WEB_SCOPE_SQL,
                          queue ? web_queue_sql(queue) : "1",
                          dept ? " AND e.department = ?105" : "");
    char *cause = NULL;
    sqlite3_stmt *st = NULL;
    long n = -1;
    if (sqlite3_prepare_v2(store_db(r->c->store), sql, -1, &st, NULL) == SQLITE_OK) {
        web_scope_bind(r, st);
        web_queue_bind(r, st);
        if (dept)
            sqlite3_bind_text(st, 105, dept, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
    } else
        log_msg(LOG_LV_ERROR, "web: queue %s: %s", queue ? queue : "all",
                sqlite3_errmsg(store_db(r->c->store)));
    sqlite3_finalize(st);
    free(cause);
    free(sql);
    return n;
}

/* The open entries of every department in one query (one count per
 * department would scan the open entries once each). */
static long *dept_counts(struct req *r, const struct department *d, size_t nd)
{
    sqlite3_stmt *st = NULL;
    long *v = xcalloc(nd ? nd : 1, sizeof *v);
    if (sqlite3_prepare_v2(store_db(r->c->store),
                           "SELECT e.department, count(*) FROM entries e WHERE " OPEN
                           "AND" WEB_SCOPE_SQL "GROUP BY e.department",
                           -1, &st, NULL) != SQLITE_OK) {
        free(v);
        return NULL;
    }
    web_scope_bind(r, st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *dept = (const char *)sqlite3_column_text(st, 0);
        for (size_t i = 0; dept && i < nd; i++)
            if (!strcmp(d[i].id, dept))
                v[i] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
    return v;
}

static void tile(struct buf *b, const char *href_query, const char *label, long n)
{
    buf_puts(b, "<li><a href=\"/register?");
    h_esc(b, href_query);
    buf_puts(b, "\"><span class=\"count\" dir=\"ltr\">");
    buf_printf(b, "%ld", n);
    buf_puts(b, "</span>");
    h_bdi(b, label);
    buf_puts(b, "</a></li>");
}

static long quarantine_count(struct req *r)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT count(*) FROM quarantine WHERE status = 'held'", NULL);
    long n = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    if (st)
        sqlite3_reset(st);
    return n;
}

enum MHD_Result web_queues(struct req *r)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Files de travail", "قوائم العمل"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Files de travail", "قوائم العمل"));
    buf_puts(&b, "</h1><ul class=\"tiles\" id=\"queues\">");
    for (size_t i = 0; i < sizeof queues / sizeof *queues; i++) {
        if (r->a.role == ROLE_HEAD && !strcmp(queues[i].id, "triage"))
            continue;
        char q[64];
        snprintf(q, sizeof q, "queue=%s", queues[i].id);
        tile(&b, q, T(r, queues[i].fr, queues[i].ar), queue_count(r, queues[i].id, NULL));
    }
    if (r->a.role != ROLE_HEAD) {
        buf_puts(&b, "<li><a href=\"/quarantine\"><span class=\"count\" dir=\"ltr\">");
        buf_printf(&b, "%ld", quarantine_count(r));
        buf_puts(&b, "</span>");
        h_bdi(&b, T(r, "Quarantaine", "الحجر"));
        buf_puts(&b, "</a></li>");
    }
    buf_puts(&b, "</ul><h2>");
    h_esc(&b, T(r, "À traiter, par service", "للمعالجة، حسب المصلحة"));
    buf_puts(&b, "</h2><ul class=\"tiles\" id=\"departments\">");
    size_t nd = 0;
    const struct department *d = rules_departments(r->c->rules, &nd);
    long *counts = dept_counts(r, d, nd);
    for (size_t i = 0; i < nd; i++) {
        if (!account_sees_department(&r->a, d[i].id))
            continue;
        struct buf q;
        buf_init(&q, 1024);
        buf_puts(&q, "queue=handle&dept=");
        h_url(&q, d[i].id);
        tile(&b, q.data, web_dept_label(r, d[i].id), counts ? counts[i] : -1);
        buf_free(&q);
    }
    free(counts);
    buf_puts(&b, "</ul><form method=\"post\" action=\"/seen\">");
    h_csrf(&b, r);
    buf_puts(&b, "<button type=\"submit\" id=\"seen\">");
    h_esc(&b, T(r, "Marquer les suivis comme vus", "تعليم المتابعات كمطلع عليها"));
    buf_puts(&b, "</button></form></main>");
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

enum MHD_Result web_seen_post(struct req *r)
{
    char *cause = NULL;
    if (account_set_last_seen_queues(r->c->store, r->a.id, r->now, &cause) != 0)
        log_msg(LOG_LV_ERROR, "web: seen: %s", cause ? cause : "?");
    free(cause);
    return web_send_redirect(r, "/");
}
