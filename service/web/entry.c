/* entry.c — one entry in the console: its facts, the deadline with the
 * working days left, the decoded text (never the mail's HTML), the
 * attachments and the original as downloads, the follow-ups, the mails it
 * caused, its whole history as a timeline, and the actions the role may
 * take (actions.c). An entry the person may not see does not exist: 404,
 * for the page and for every download alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/calendar.h"
#include "bureau/fname.h"
#include "bureau/lifecycle.h"
#include "bureau/log.h"
#include "web_int.h"

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void fact(struct buf *b, const char *label, const char *id)
{
    buf_puts(b, "<dt>");
    h_esc(b, label);
    buf_printf(b, "</dt><dd id=\"%s\">", id);
}

static void due_fact(struct buf *b, struct req *r, const struct entry *e)
{
    fact(b, T(r, "Échéance légale", "الأجل القانوني"), "due");
    if (web_day(e->due_date) < 0) {
        h_esc(b, T(r, "sans délai légal", "بدون أجل قانوني"));
        buf_puts(b, "</dd>");
        return;
    }
    h_ltr(b, e->due_date);
    if (lifecycle_is_open(e->status)) {
        int64_t today = calendar_local_day(now_epoch());
        int64_t dd = web_day(e->due_date);
        int64_t w = calendar_working_days(r->c->cal, today, dd);
        /* the parenthesis in the page's direction, isolated from the date
         * before it (else Arabic pages show it at the wrong end) */
        buf_printf(b, " <bdi dir=\"%s\" id=\"days-left\"%s>(", r->ar ? "rtl" : "ltr",
                   dd < today ? " class=\"late\"" : "");
        buf_printf(b, "<span dir=\"ltr\">%lld</span> ", (long long)(w < 0 ? -w : w));
        h_esc(b, dd < today ? T(r, "jours ouvrables de retard", "يوم عمل تأخير")
                            : T(r, "jours ouvrables restants", "يوم عمل متبقية"));
        buf_puts(b, ")</bdi>");
    }
    if (e->urgent) {
        buf_puts(b, " · ");
        h_esc(b, T(r, "urgent", "مستعجل"));
    }
    buf_puts(b, "</dd>");
}

static void facts(struct buf *b, struct req *r, const struct entry *e)
{
    buf_puts(b, "<dl class=\"facts\">");
    fact(b, T(r, "Numéro", "الرقم"), "number");
    h_ltr(b, e->number);
    buf_puts(b, "</dd>");
    fact(b, T(r, "Reçu le", "تاريخ الورود"), "received");
    h_datetime(b, e->received_at);
    buf_puts(b, "</dd>");
    fact(b, T(r, "Expéditeur", "المرسل"), "sender");
    h_bdi(b, e->sender_name);
    buf_puts(b, " ");
    if (e->sender_addr) {
        buf_puts(b, "&lt;");
        h_ltr(b, e->sender_addr);
        buf_puts(b, "&gt;");
    }
    buf_puts(b, "</dd>");
    fact(b, T(r, "Objet", "الموضوع"), "subject");
    h_bdi(b, e->subject);
    buf_puts(b, "</dd>");
    fact(b, T(r, "Type", "النوع"), "kind");
    h_esc(b, web_kind_label(r, e->kind));
    buf_puts(b, "</dd>");
    fact(b, T(r, "Service", "المصلحة"), "department");
    h_esc(b, web_dept_label(r, e->department));
    if (e->needs_triage) {
        buf_puts(b, " · <strong>");
        h_esc(b, T(r, "à trier", "للفرز"));
        buf_puts(b, "</strong>");
    }
    buf_puts(b, "</dd>");
    fact(b, T(r, "Statut", "الحالة"), "status");
    h_esc(b, web_status_label(r, e->status));
    if (e->closure_code) {
        buf_puts(b, " (");
        h_esc(b, r->ar ? lifecycle_code_ar(e->closure_code) : lifecycle_code_fr(e->closure_code));
        buf_puts(b, ")");
    }
    buf_puts(b, "</dd>");
    due_fact(b, r, e);
    if (e->attention) {
        fact(b, T(r, "À revoir", "للمراجعة"), "attention");
        h_bdi(b, e->attention);
        buf_puts(b, "</dd>");
    }
    if (e->reply_number) {
        fact(b, T(r, "Réponse", "الجواب"), "reply");
        h_ltr(b, e->reply_number);
        buf_puts(b, "</dd>");
    }
    fact(b, T(r, "Source", "المصدر"), "source");
    h_ltr(b, e->source);
    buf_puts(b, "</dd></dl>");
}

static void attachments(struct buf *b, struct req *r, const struct entry *e)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT idx, filename, content_type, size FROM attachments "
                                  "WHERE entry_id = ? ORDER BY idx",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, e->id);
    buf_puts(b, "<h2>");
    h_esc(b, T(r, "Pièces jointes et original", "المرفقات والأصل"));
    buf_puts(b, "</h2><ul id=\"attachments\">");
    while (sqlite3_step(st) == SQLITE_ROW) {
        buf_printf(b, "<li><a href=\"/e/%lld/att/%d\" download>", (long long)e->id,
                   sqlite3_column_int(st, 0));
        char *name = fname_safe_file(sqlite3_column_int(st, 0), col(st, 1)); /* as saved */
        h_bdi(b, name);
        free(name);
        buf_puts(b, "</a> ");
        h_ltr(b, col(st, 2));
        buf_printf(b, " <span dir=\"ltr\">%lld</span> ", (long long)sqlite3_column_int64(st, 3));
        h_esc(b, T(r, "octets", "بايت"));
        buf_puts(b, "</li>");
    }
    sqlite3_reset(st);
    buf_printf(b, "<li><a id=\"eml\" href=\"/e/%lld/eml\" download>", (long long)e->id);
    h_esc(b, T(r, "Le message original (.eml)", "الرسالة الأصلية (.eml)"));
    buf_puts(b, "</a></li></ul>");
}

static void followups(struct buf *b, struct req *r, const struct entry *e)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT raw_id, from_addr, subject, received_at FROM followups "
                                  "WHERE entry_id = ? ORDER BY id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, e->id);
    int any = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!any) {
            buf_puts(b, "<h2>");
            h_esc(b, T(r, "Suivis et réponses reçus", "المتابعات والردود الواردة"));
            buf_puts(b, "</h2><ul id=\"followups\">");
        }
        any = 1;
        buf_puts(b, "<li>");
        h_datetime(b, sqlite3_column_int64(st, 3));
        buf_puts(b, " ");
        h_ltr(b, col(st, 1));
        buf_puts(b, " — ");
        h_bdi(b, col(st, 2));
        buf_printf(b, " <a href=\"/e/%lld/raw/%lld\" download>.eml</a></li>", (long long)e->id,
                   (long long)sqlite3_column_int64(st, 0));
    }
    sqlite3_reset(st);
    if (any)
        buf_puts(b, "</ul>");
}

static void mails(struct buf *b, struct req *r, const struct entry *e)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT purpose, rcpt, state, created_at FROM outbox "
                                  "WHERE entry_id = ? ORDER BY id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, e->id);
    buf_puts(b, "<h2>");
    h_esc(b, T(r, "Courriels envoyés", "الرسائل المرسلة"));
    buf_puts(b, "</h2><table id=\"mails\"><tbody>");
    while (sqlite3_step(st) == SQLITE_ROW) {
        buf_puts(b, "<tr><td>");
        h_datetime(b, sqlite3_column_int64(st, 3));
        buf_puts(b, "</td><td>");
        h_ltr(b, col(st, 0));
        buf_puts(b, "</td><td>");
        h_ltr(b, col(st, 1));
        buf_puts(b, "</td><td>");
        h_ltr(b, col(st, 2));
        buf_puts(b, "</td></tr>");
    }
    sqlite3_reset(st);
    buf_puts(b, "</tbody></table>");
}

struct action_name {
    const char *id, *fr, *ar;
};

static const struct action_name action_names[] = {
    {"registered", "Enregistré", "سُجّل"},
    {"classified", "Classé par les règles", "صُنّف بالقواعد"},
    {"department", "Service", "المصلحة"},
    {"kind", "Type", "النوع"},
    {"status", "Statut", "الحالة"},
    {"closure_code", "Motif de clôture", "سبب الإغلاق"},
    {"due_date", "Échéance", "الأجل"},
    {"needs_triage", "Tri", "الفرز"},
    {"urgent", "Urgence", "الاستعجال"},
    {"extended", "Prorogation", "التمديد"},
    {"note", "Note interne", "ملاحظة داخلية"},
    {"followup", "Suivi du citoyen", "متابعة المواطن"},
    {"department-reply", "Réponse du service", "رد المصلحة"},
    {"attention", "À revoir", "للمراجعة"},
    {"ack-skipped", "Accusé non envoyé", "إشعار لم يرسل"},
    {"from-quarantine", "Sorti de quarantaine", "أُخرج من الحجر"},
    {"head-mail-done", "Commande du chef de service", "أمر رئيس المصلحة"},
    {"head-mail-refused", "Courriel de chef refusé", "رسالة رئيس مرفوضة"},
};

static const char *action_label(const struct req *r, const char *a)
{
    for (size_t i = 0; a && i < sizeof action_names / sizeof *action_names; i++)
        if (!strcmp(action_names[i].id, a))
            return T(r, action_names[i].fr, action_names[i].ar);
    return a;
}

static void history(struct buf *b, struct req *r, const struct entry *e)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT at, actor, action, detail FROM events WHERE entry_id = ? "
                                  "ORDER BY id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, e->id);
    buf_puts(b, "<h2>");
    h_esc(b, T(r, "Historique", "السجل التاريخي"));
    buf_puts(b, "</h2><ol class=\"timeline\" id=\"history\">");
    while (sqlite3_step(st) == SQLITE_ROW) {
        buf_puts(b, "<li>");
        h_datetime(b, sqlite3_column_int64(st, 0));
        buf_puts(b, " — <strong>");
        h_esc(b, action_label(r, col(st, 2)));
        buf_puts(b, "</strong> — ");
        h_bdi(b, col(st, 1));
        if (col(st, 3) && *col(st, 3)) {
            buf_puts(b, ": ");
            h_bdi(b, col(st, 3));
        }
        buf_puts(b, "</li>");
    }
    sqlite3_reset(st);
    buf_puts(b, "</ol>");
}

static const char *const done_msgs[][3] = {
    {"assign", "Réaffecté.", "أعيد التوجيه."},
    {"triage", "Tri confirmé.", "تم تأكيد الفرز."},
    {"reclassify", "Type changé.", "تم تغيير النوع."},
    {"status", "Statut changé.", "تم تغيير الحالة."},
    {"note", "Note ajoutée.", "أضيفت الملاحظة."},
    {"urgent", "Urgence changée.", "تم تغيير الاستعجال."},
    {"extend", "Délai prorogé.", "تم تمديد الأجل."},
};

static enum MHD_Result page(struct req *r, const struct entry *e)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, e->number);
    buf_puts(&b, "<main><h1>");
    h_ltr(&b, e->number);
    buf_puts(&b, " — ");
    h_bdi(&b, e->subject);
    buf_puts(&b, "</h1>");
    const char *done = web_arg(r, "done");
    for (size_t i = 0; done && i < sizeof done_msgs / sizeof *done_msgs; i++)
        if (!strcmp(done, done_msgs[i][0])) {
            buf_puts(&b, "<p class=\"done\" role=\"status\" id=\"done\">");
            h_esc(&b, T(r, done_msgs[i][1], done_msgs[i][2]));
            buf_puts(&b, "</p>");
        }
    facts(&b, r, e);
    web_paper_facts(&b, r, e);
    buf_puts(&b, "<h2>");
    h_esc(&b, T(r, "Texte", "النص"));
    buf_puts(&b, "</h2><div class=\"body\" dir=\"auto\" id=\"body\">");
    h_esc(&b, e->body);
    buf_puts(&b, "</div>");
    attachments(&b, r, e);
    followups(&b, r, e);
    web_action_forms(&b, r, e);
    history(&b, r, e);
    mails(&b, r, e);
    buf_puts(&b, "</main>");
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

/* the number as a file name: 2026/000123 -> 2026-000123 */
static char *number_file(const struct entry *e, const char *suffix)
{
    char *s = xasprintf("%s%s", e->number, suffix);
    for (char *p = s; *p; p++)
        if (*p == '/' || *p == '\\' || *p == ' ')
            *p = '-';
    return s;
}

static enum MHD_Result download_raw(struct req *r, const struct entry *e, int64_t raw_id,
                                    const char *suffix)
{
    char *data = NULL, *cause = NULL;
    size_t n = 0;
    if (store_raw_get(r->c->store, raw_id, &data, &n, &cause) < 0) {
        log_msg(LOG_LV_ERROR, "web: %s: %s", e->number, cause ? cause : "?");
        free(cause);
        return web_not_found(r);
    }
    char *name = number_file(e, suffix);
    enum MHD_Result ret = web_send_download(r, data, n, "message/rfc822", name);
    free(name);
    return ret;
}

static enum MHD_Result attachment(struct req *r, const struct entry *e, int idx)
{
    char *name = NULL, *ctype = NULL, *data = NULL, *cause = NULL;
    size_t n = 0;
    int rc = cli_entry_attachment(r->c, e, idx, &name, &ctype, &data, &n, &cause);
    if (rc != 0) {
        if (rc < 0)
            log_msg(LOG_LV_ERROR, "web: %s: %s", e->number, cause ? cause : "?");
        free(cause);
        return rc < 0 ? web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                  "Pièce jointe illisible (voir le journal)",
                                  "مرفق غير مقروء (انظر السجل)")
                      : web_not_found(r);
    }
    enum MHD_Result ret = web_send_download(r, data, n, ctype, name);
    free(name);
    free(ctype);
    return ret;
}

enum MHD_Result web_entry(struct req *r, int64_t id, const char *rest)
{
    struct entry e;
    char *cause = NULL;
    if (store_entry_by_id(r->c->store, id, &e, &cause) < 0) {
        free(cause);
        return web_not_found(r);
    }
    enum MHD_Result ret;
    int64_t n = 0;
    const char *tail = NULL;
    if (!strncmp(rest, "att/", 4) || !strncmp(rest, "raw/", 4))
        tail = web_path_id(rest + 4, &n);
    if (!web_sees(r, &e))
        ret = web_not_found(r);
    else if (!*rest)
        ret = page(r, &e);
    else if (!strcmp(rest, "receipt"))
        ret = web_receipt(r, &e);
    else if (!strcmp(rest, "eml"))
        ret = download_raw(r, &e, e.raw_id, ".eml");
    else if (tail && !*tail && rest[0] == 'a' && n <= 100000)
        ret = attachment(r, &e, (int)n);
    else if (tail && !*tail && rest[0] == 'r' && cli_is_followup(r->c, &e, n)) {
        char suffix[40];
        snprintf(suffix, sizeof suffix, "-r%lld.eml", (long long)n);
        ret = download_raw(r, &e, n, suffix);
    } else
        ret = web_not_found(r);
    entry_free(&e);
    return ret;
}
