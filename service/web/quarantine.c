/* quarantine.c — the quarantine in the console (clerks and directors;
 * heads have none): the held messages with their reason, one message's
 * header block (as text, escaped) and its original as a download, and the
 * clerk's two ways out: register it anyway, or dismiss it with a reason
 * (the same code as `bureau quarantine register|dismiss`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "web_int.h"

#define HEADER_SHOWN (16 * 1024)

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static enum MHD_Result list(struct req *r)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT id, received_at, reason, source, size FROM quarantine "
                                  "WHERE status = 'held' ORDER BY id DESC LIMIT 500",
                                  NULL);
    if (!st)
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Quarantaine", "الحجر"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Quarantaine", "الحجر"));
    buf_puts(&b, "</h1><table id=\"quarantine\"><tbody>");
    while (sqlite3_step(st) == SQLITE_ROW) {
        buf_printf(&b, "<tr><td><a href=\"/quarantine/%lld\">#%lld</a></td><td>",
                   (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 0));
        h_datetime(&b, sqlite3_column_int64(st, 1));
        buf_puts(&b, "</td><td>");
        h_bdi(&b, col(st, 2));
        buf_puts(&b, "</td><td>");
        h_ltr(&b, col(st, 3));
        buf_puts(&b, "</td></tr>");
    }
    sqlite3_reset(st);
    buf_puts(&b, "</tbody></table></main>");
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

struct held {
    int64_t id, raw_id, received_at;
    char *reason, *status;
};

static int load(struct req *r, int64_t id, struct held *h)
{
    sqlite3_stmt *st = store_stmt(r->c->store,
                                  "SELECT id, raw_id, received_at, reason, status FROM quarantine "
                                  "WHERE id = ?",
                                  NULL);
    int found = 0;
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        found = 1;
        h->id = id;
        h->raw_id = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 1);
        h->received_at = sqlite3_column_int64(st, 2);
        h->reason = xstrdup(col(st, 3));
        h->status = xstrdup(col(st, 4));
    }
    sqlite3_reset(st);
    return found;
}

/* The header block of the original: up to the first empty line, capped,
 * made valid UTF-8. */
static void header_block(struct buf *b, const char *raw, size_t n)
{
    size_t end = n < HEADER_SHOWN ? n : HEADER_SHOWN;
    for (size_t i = 0; i + 1 < end; i++)
        if (raw[i] == '\n' && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < n && raw[i + 2] == '\n'))) {
            end = i + 1;
            break;
        }
    size_t olen = 0;
    char *s = utf8_sanitize(raw, end, &olen);
    buf_puts(b, "<pre class=\"body\" dir=\"ltr\" id=\"headers\">");
    h_esc(b, s);
    buf_puts(b, "</pre>");
    free(s);
}

static enum MHD_Result one(struct req *r, const struct held *h)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    char title[40];
    snprintf(title, sizeof title, "#%lld", (long long)h->id);
    page_begin(&b, r, T(r, "Quarantaine", "الحجر"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Quarantaine ", "الحجر "));
    h_ltr(&b, title);
    buf_puts(&b, "</h1><dl class=\"facts\"><dt>");
    h_esc(&b, T(r, "Reçu le", "تاريخ الورود"));
    buf_puts(&b, "</dt><dd>");
    h_datetime(&b, h->received_at);
    buf_puts(&b, "</dd><dt>");
    h_esc(&b, T(r, "Motif", "السبب"));
    buf_puts(&b, "</dt><dd id=\"reason\">");
    h_bdi(&b, h->reason);
    buf_puts(&b, "</dd><dt>");
    h_esc(&b, T(r, "État", "الوضعية"));
    buf_puts(&b, "</dt><dd id=\"qstatus\">");
    h_ltr(&b, h->status);
    buf_puts(&b, "</dd></dl>");
    if (h->raw_id) {
        char *raw = NULL, *cause = NULL;
        size_t n = 0;
        if (store_raw_get(r->c->store, h->raw_id, &raw, &n, &cause) == 0)
            header_block(&b, raw, n);
        free(raw);
        free(cause);
        buf_printf(&b, "<p><a id=\"eml\" href=\"/quarantine/%lld/eml\" download>", (long long)h->id);
        h_esc(&b, T(r, "Le message original (.eml)", "الرسالة الأصلية (.eml)"));
        buf_puts(&b, "</a></p>");
    }
    if (!strcmp(h->status, "held") && r->a.role == ROLE_CLERK) {
        buf_printf(&b, "<div class=\"actions\"><form method=\"post\" action=\"/quarantine/%lld/register\">",
                   (long long)h->id);
        h_csrf(&b, r);
        buf_puts(&b, "<button type=\"submit\" id=\"q-register\">");
        h_esc(&b, T(r, "Enregistrer quand même", "تسجيل رغم ذلك"));
        buf_printf(&b, "</button></form><form method=\"post\" action=\"/quarantine/%lld/dismiss\">",
                   (long long)h->id);
        h_csrf(&b, r);
        buf_puts(&b, "<label for=\"q-reason\">");
        h_esc(&b, T(r, "Motif du rejet", "سبب الرفض"));
        buf_puts(&b, "</label> <input id=\"q-reason\" name=\"reason\" dir=\"auto\" required "
                     "maxlength=\"4000\"> <button type=\"submit\" id=\"q-dismiss\">");
        h_esc(&b, T(r, "Écarter", "استبعاد"));
        buf_puts(&b, "</button></form></div>");
    }
    buf_puts(&b, "</main>");
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

static enum MHD_Result act(struct req *r, const struct held *h, const char *what)
{
    struct cli *c = r->c;
    char *cause = NULL, *number = NULL;
    int rc;
    if (r->a.role != ROLE_CLERK)
        return web_error(r, MHD_HTTP_FORBIDDEN, "Votre rôle ne permet pas cette action.",
                         "دوركم لا يسمح بهذا الإجراء.");
    c->actor = r->a.display_name;
    if (!strcmp(what, "dismiss")) {
        const char *reason = web_field(r, "reason");
        if (!reason || !cli_text_ok(reason, WEB_NOTE_MAX, 0)) {
            c->actor = "console";
            return web_error(r, MHD_HTTP_BAD_REQUEST, "Le motif est demandé (une ligne).",
                             "السبب مطلوب (سطر واحد).");
        }
        rc = cli_quarantine_dismiss(c, h->id, reason, &cause);
    } else
        rc = cli_quarantine_register(c, h->id, &number, &cause);
    c->actor = "console";
    enum MHD_Result ret;
    if (rc < 0) {
        log_msg(LOG_LV_WARN, "web: quarantine #%lld %s: %s", (long long)h->id, what,
                cause ? cause : "?");
        if (web_write_passes(r)) {
            free(cause);
            free(number);
            return web_write_later(r);
        }
        struct buf b;
        buf_init(&b, WEB_PAGE_MAX);
        page_begin(&b, r, T(r, "Refusé", "مرفوض"));
        buf_puts(&b, "<main><p class=\"error\" id=\"error\">");
        h_bdi(&b, cause);
        buf_puts(&b, "</p></main>");
        page_end(&b);
        ret = web_send_page(r, MHD_HTTP_CONFLICT, &b);
    } else {
        char loc[64];
        snprintf(loc, sizeof loc, "/quarantine/%lld", (long long)h->id);
        ret = web_send_redirect(r, loc);
    }
    free(cause);
    free(number);
    return ret;
}

enum MHD_Result web_quarantine(struct req *r, const char *rest)
{
    if (r->a.role == ROLE_HEAD)
        return web_not_found(r);
    if (!*rest)
        return r->post ? web_not_found(r) : list(r);
    int64_t id = 0;
    const char *tail = web_path_id(rest, &id);
    if (!tail)
        return web_not_found(r);
    struct held h = {0};
    if (!load(r, id, &h))
        return web_not_found(r);
    enum MHD_Result ret;
    if (!r->post && !*tail)
        ret = one(r, &h);
    else if (!r->post && !strcmp(tail, "eml") && h.raw_id) {
        char *raw = NULL, *cause = NULL;
        size_t n = 0;
        char name[48];
        snprintf(name, sizeof name, "quarantine-%lld.eml", (long long)id);
        if (store_raw_get(r->c->store, h.raw_id, &raw, &n, &cause) == 0)
            ret = web_send_download(r, raw, n, "message/rfc822", name);
        else
            ret = web_not_found(r);
        free(cause);
    } else if (r->post && (!strcmp(tail, "register") || !strcmp(tail, "dismiss")))
        ret = act(r, &h, tail);
    else
        ret = web_not_found(r);
    free(h.reason);
    free(h.status);
    return ret;
}
