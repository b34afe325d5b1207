/* remind.c — see remind.h */
#include "bureau/remind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "bureau/calendar.h"
#include "bureau/headtoken.h"
#include "bureau/outbox.h"
#include "bureau/routecap.h"
#include "bureau/templates.h"
#include "bureau/util.h"

#define ESCALATE_TO "direction-services"
#define DIGEST_MAX_ITEMS 500
#define OPEN_STATUSES "('registered', 'routed', 'in-progress')"

struct digest {
    struct buf text, html;
    int due_soon, overdue, open;
};

/* What one digest run needs to list an item. */
struct lister {
    struct store *s;
    const struct notify_ctx *n;
    const char *today;
    const char *horizon;
    int escalation;       /* 1: no reply addresses (the director is not the item's head) */
    struct digest *d;
};

/* Day number of "YYYY-MM-DD" (the store writes them so); 0 when not. */
static int64_t day_of(const char *ymd)
{
    int64_t day;
    return calendar_parse_day(ymd, &day) == 0 ? day : 0;
}

static void html_cell(struct buf *b, const char *attrs, const char *s)
{
    buf_printf(b, "<td%s>", attrs);
    buf_html_escape(b, s);
    buf_puts(b, "</td>");
}

/* "12 j ouvrables / 12 يوم عمل" left, or late; "" without a deadline. */
static void when_text(const struct lister *l, const char *due, char *out, size_t len)
{
    int64_t today = day_of(l->today), dd = day_of(due);
    if (!due || !dd) {
        snprintf(out, len, "sans délai / بدون أجل");
        return;
    }
    int64_t w = l->n->cal ? calendar_working_days(l->n->cal, today, dd) : dd - today;
    if (dd < today)
        snprintf(out, len, "%lld j ouvrables de retard / %lld يوم عمل تأخير",
                 (long long)-w, (long long)-w);
    else
        snprintf(out, len, "%lld j ouvrables restants / %lld يوم عمل متبقية", (long long)w,
                 (long long)w);
}

/* A fresh reply address for the item (headtoken.h): *addr (malloc'd) is
 * where the head replies; *subject_tag (malloc'd, or NULL) what the
 * subject must hold when there is no plus-addressing. */
static int reply_address(const struct lister *l, int64_t id, const char *number,
                         const char *dept, char **addr, char **subject_tag, char **cause)
{
    char token[HEADTOKEN_LEN + 1];
    *addr = *subject_tag = NULL;
    if (headtoken_tx_issue(l->s, id, dept, token, cause) < 0)
        return -1;
    *addr = headtoken_address(l->n->cfg->head_reply_address, number, token);
    if (!*addr) {
        *addr = xstrdup(l->n->cfg->smtp.from_addr ? l->n->cfg->smtp.from_addr : "");
        *subject_tag = xasprintf("[BO %s] [#%s]", number, token);
    }
    sodium_memzero(token, sizeof token);
    return 0;
}

/* The mailto: link of a reply address, with the subject tag. */
static void html_reply_cell(struct buf *b, const char *addr, const char *tag)
{
    buf_puts(b, "<td><a href=\"mailto:");
    buf_html_escape(b, addr);
    if (tag) {
        buf_puts(b, "?subject=");
        for (const unsigned char *p = (const unsigned char *)tag; *p; p++)
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
                buf_putc(b, (char)*p);
            else
                buf_printf(b, "%%%02X", *p);
    }
    buf_puts(b, "\">");
    buf_html_escape(b, addr);
    buf_puts(b, "</a>");
    if (tag) {
        buf_puts(b, "<br>");
        buf_html_escape(b, tag);
    }
    buf_puts(b, "</td>");
}

static int add_item(const struct lister *l, sqlite3_stmt *st, char **cause)
{
    struct digest *d = l->d;
    const char *number = (const char *)sqlite3_column_text(st, 0);
    const char *due = (const char *)sqlite3_column_text(st, 1);
    const char *subject = (const char *)sqlite3_column_text(st, 2);
    const char *kind = (const char *)sqlite3_column_text(st, 3);
    const char *dept = (const char *)sqlite3_column_text(st, 4);
    int urgent = sqlite3_column_int(st, 5);
    int late = due && strcmp(due, l->today) < 0;
    char when[128];
    when_text(l, due, when, sizeof when);
    d->overdue += late;
    d->due_soon += !late && due && strcmp(due, l->horizon) <= 0;
    if (++d->open > DIGEST_MAX_ITEMS)
        return 0;
    char *addr = NULL, *tag = NULL;
    if (!l->escalation &&
        reply_address(l, sqlite3_column_int64(st, 6), number, dept, &addr, &tag, cause) < 0)
        return -1;
    buf_printf(&d->text, "%s %s  %s (%s)%s  [%s, %s]  %s\n", late ? "!" : "-", number,
               due ? due : "—", when, urgent ? "  URGENT" : "", kind, dept,
               subject ? subject : "");
    if (addr)
        buf_printf(&d->text, "    Répondre / للرد : %s%s%s\n", addr, tag ? "  — objet / الموضوع : " : "",
                   tag ? tag : "");
    buf_puts(&d->html, late ? "<tr style=\"color:#b00\">" : "<tr>");
    html_cell(&d->html, "", number);
    html_cell(&d->html, "", due ? due : "—");
    html_cell(&d->html, "", when);
    html_cell(&d->html, urgent ? " style=\"font-weight:bold;color:#b00\"" : "",
              urgent ? "URGENT / مستعجل" : "");
    html_cell(&d->html, "", kind);
    html_cell(&d->html, " dir=\"auto\"", subject);
    if (addr)
        html_reply_cell(&d->html, addr, tag);
    buf_puts(&d->html, "</tr>\n");
    free(addr);
    free(tag);
    return 0;
}

/* The HTML list is a whole table: header, the rows, the end. */
static void html_table_begin(struct buf *b, int escalation)
{
    buf_printf(b, "<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">\n"
                  "<thead><tr><th>N° / الرقم</th><th>Échéance / الأجل</th>"
                  "<th>Jours ouvrables / أيام العمل</th><th>Urgence / الاستعجال</th>"
                  "<th>Nature / النوع</th><th>Objet / الموضوع</th>%s</tr></thead>\n<tbody>\n",
               escalation ? "" : "<th>Répondre / للرد</th>");
}

/* Every open item of a department (or, for escalation, the overdue items
 * of all), overdue first, those without a deadline last. */
static int collect(const struct lister *l, const char *dept, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        l->s,
        "SELECT number, due_date, subject, kind, department, urgent, id FROM entries "
        "WHERE status IN " OPEN_STATUSES " "
        "AND ((?2 = 0 AND department = ?1) "
        "  OR (?2 = 1 AND due_date IS NOT NULL AND due_date < ?3)) "
        "ORDER BY due_date IS NULL, due_date, year, seq",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, dept, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, l->escalation);
    sqlite3_bind_text(st, 3, l->today, -1, SQLITE_STATIC);
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = add_item(l, st, cause);
    sqlite3_reset(st);
    return rc;
}

static int queue_digest(struct store *s, const struct notify_ctx *n,
                        const struct department *dep, int escalation, struct digest *d,
                        const char *today, int *queued, char **cause)
{
    char soon[16], late[16], open[16];
    snprintf(soon, sizeof soon, "%d", d->due_soon);
    snprintf(late, sizeof late, "%d", d->overdue);
    snprintf(open, sizeof open, "%d", d->open);
    const struct tvar vars[] = {
        {"department", dep->id},       {"department_fr", dep->name_fr},
        {"department_ar", dep->name_ar}, {"date", today},
        {"n_due_soon", soon},          {"n_overdue", late},
        {"n_open", open},              {"items", d->text.data},
        {"items_html", d->html.data},  {"escalation", escalation ? "1" : NULL},
    };
    for (size_t i = 0; i < dep->n_heads; i++) {
        struct outbox_mail m = {.purpose = "digest", .tmpl = "digest", .vars = vars,
                                .n_vars = BU_ARRAY_LEN(vars), .to_addr = dep->heads[i]};
        int64_t id;
        int rc = outbox_tx_mail(s, n, &m, &id, cause);
        if (rc == -1)
            return -1;
        if (rc == 0)
            (*queued)++;
    }
    return 0;
}

static int digest_for(struct store *s, const struct notify_ctx *n,
                      const struct department *dep, int escalation, const char *today,
                      const char *horizon, int *queued, char **cause)
{
    struct digest d = {.due_soon = 0};
    struct lister l = {.s = s, .n = n, .today = today, .horizon = horizon,
                       .escalation = escalation, .d = &d};
    buf_init(&d.text, 1024 * 1024);
    buf_init(&d.html, 2 * 1024 * 1024);
    html_table_begin(&d.html, escalation);
    /* a department with no head gets no digest: its items get no token */
    int rc = dep->n_heads ? collect(&l, dep->id, cause) : 0;
    buf_puts(&d.html, "</tbody></table>\n");
    if (rc == 0 && d.open > 0)
        rc = queue_digest(s, n, dep, escalation, &d, today, queued, cause);
    buf_free(&d.text);
    buf_free(&d.html);
    return rc;
}

static int past_digest_time(const struct config *cfg, int64_t now)
{
    time_t t = (time_t)now;
    struct tm tm;
    localtime_r(&t, &tm);
    const char *dt = cfg->digest_time ? cfg->digest_time : "08:00";
    int hh = (dt[0] - '0') * 10 + (dt[1] - '0');
    int mm = (dt[3] - '0') * 10 + (dt[4] - '0');
    return tm.tm_hour * 60 + tm.tm_min >= hh * 60 + mm;
}

static int already_ran(struct store *s, const char *today)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM reminder_runs WHERE day = ?", NULL);
    if (!st)
        return 1;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    int r = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return r;
}

static int record_run(struct store *s, const char *today, int queued, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT OR REPLACE INTO reminder_runs (day, at, queued) "
                                  "VALUES (?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_int(st, 3, queued);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    if (rc < 0)
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    return rc;
}

int remind_run(struct store *s, const struct notify_ctx *n, int64_t now, int force,
               int *queued, char **cause)
{
    char today[11], horizon[11];
    *queued = 0;
    if (!n || !n->tmpl || !n->rules)
        return 0;
    fmt_date(now, today);
    if (!force && (!past_digest_time(n->cfg, now) || already_ran(s, today)))
        return 0;
    fmt_date(now + (int64_t)n->cfg->due_soon_days * 86400, horizon);
    size_t nd;
    const struct department *deps = rules_departments(n->rules, &nd);
    if (store_begin(s, cause) < 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < nd && rc == 0; i++)
        rc = digest_for(s, n, &deps[i], 0, today, horizon, queued, cause);
    const struct department *esc = rules_department(n->rules, ESCALATE_TO);
    if (rc == 0 && esc)
        rc = digest_for(s, n, esc, 1, today, horizon, queued, cause);
    if (rc == 0)
        rc = routecap_tx_digest(s, n, now, queued, cause);
    if (rc == 0)
        rc = record_run(s, today, *queued, cause);
    if (rc == 0)
        return store_commit(s, cause);
    store_rollback(s);
    return -1;
}
