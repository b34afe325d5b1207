/* receipt.c — the receipt a clerk prints for a letter handed in (paper.h):
 * two columns, French and Arabic, the same facts in each. */
#include <stdio.h>
#include <string.h>

#include "bureau/config.h"
#include "bureau/paper.h"
#include "bureau/track.h"

#include <sodium.h>

static void esc(struct buf *b, const char *s)
{
    (void)buf_html_escape(b, s && *s ? s : "—");
}

/* A fact: its label and its value; ltr for numbers and dates. */
static void row(struct buf *b, const char *label, const char *value, int ltr)
{
    buf_puts(b, "<tr><th>");
    esc(b, label);
    buf_puts(b, ltr ? "</th><td><span dir=\"ltr\">" : "</th><td><bdi dir=\"auto\">");
    esc(b, value);
    buf_puts(b, ltr ? "</span></td></tr>\n" : "</bdi></td></tr>\n");
}

static const char *unit_name(enum deadline_unit u, int ar)
{
    switch (u) {
    case DL_DAYS: return ar ? "يوما" : "jours";
    case DL_WORKING_DAYS: return ar ? "يوم عمل" : "jours ouvrables";
    case DL_MONTHS: return ar ? "أشهر" : "mois";
    default: return "";
    }
}

static void deadline(char *out, size_t n, const struct kind *k, const char *due, int ar)
{
    if (!due || !*due) {
        snprintf(out, n, "%s", ar ? "بدون أجل قانوني" : "sans délai légal");
        return;
    }
    if (k && k->unit != DL_NONE)
        snprintf(out, n, ar ? "%d %s — أقصاه %s" : "%d %s — au plus tard le %s", k->amount,
                 unit_name(k->unit, ar), due);
    else
        snprintf(out, n, ar ? "أقصاه %s" : "au plus tard le %s", due);
}

static void column(struct buf *b, const struct entry *e, const struct paper_facts *f,
                   const struct rules *r, const struct config *cfg, const char *track, int ar)
{
    const struct kind *k = r ? rules_kind(r, e->kind) : NULL;
    const struct department *d = r ? rules_department(r, e->department) : NULL;
    char when[20], due[160];
    fmt_datetime(e->received_at, when);
    deadline(due, sizeof due, k, e->due_date, ar);
    buf_printf(b, "<section class=\"receipt-col\" lang=\"%s\" dir=\"%s\">\n<h2>", ar ? "ar" : "fr",
               ar ? "rtl" : "ltr");
    esc(b, ar ? cfg->org_name_ar : cfg->org_name_fr);
    buf_puts(b, "</h2>\n<h3>");
    esc(b, ar ? "وصل إيداع رسالة" : "Récépissé de dépôt");
    buf_puts(b, "</h3>\n<table>\n");
    row(b, ar ? "رقم التسجيل" : "Numéro d'enregistrement", e->number, 1);
    row(b, ar ? "تاريخ وساعة التسجيل" : "Enregistré le", when, 1);
    row(b, ar ? "المرسل" : "Expéditeur", e->sender_name, 0);
    row(b, ar ? "الموضوع" : "Objet", e->subject, 0);
    if (f && f->letter_date)
        row(b, ar ? "تاريخ الرسالة" : "Date de la lettre", f->letter_date, 1);
    if (f && f->letter_ref)
        row(b, ar ? "مرجع الرسالة" : "Référence de la lettre", f->letter_ref, 1);
    row(b, ar ? "النوع" : "Nature",
        k ? (ar ? k->name_ar : k->name_fr) : e->kind, 0);
    row(b, ar ? "المصلحة المختصة" : "Service chargé",
        d ? (ar ? d->name_ar : d->name_fr) : e->department, 0);
    row(b, ar ? "الأجل القانوني للجواب" : "Délai légal de réponse", due, 0);
    if (f && f->registered_by)
        row(b, ar ? "سجلها" : "Enregistré par", f->registered_by, 0);
    if (track)
        row(b, ar ? "تتبع الملف عبر الإنترنت" : "Suivre le dossier en ligne", track, 1);
    buf_puts(b, "</table>\n<p class=\"receipt-note\">");
    esc(b, ar ? "يرجى الإشارة إلى رقم التسجيل في كل مراسلة بخصوص هذا الملف."
              : "Merci de rappeler ce numéro dans toute correspondance relative à ce dossier.");
    if (track) {
        buf_puts(b, " ");
        esc(b, ar ? "هذا الرابط خاص بكم: لا تشاركوه."
                  : "Ce lien est personnel : ne le communiquez pas.");
    }
    if (e->sender_addr && *e->sender_addr) {
        buf_puts(b, " ");
        esc(b, ar ? "سيصلكم إشعار بالتوصل عبر البريد الإلكتروني."
                  : "Un accusé de réception vous est aussi envoyé par courriel.");
    }
    buf_puts(b, "</p>\n</section>\n");
}

void paper_receipt(struct buf *b, const struct entry *e, const struct paper_facts *f,
                   const struct rules *r, const struct config *cfg, const char *track_url)
{
    buf_puts(b, "<div class=\"receipt\">\n");
    column(b, e, f, r, cfg, track_url, 0);
    column(b, e, f, r, cfg, track_url, 1);
    buf_puts(b, "</div>\n");
}

char *paper_track_link(struct store *s, const struct config *cfg, const struct entry *e,
                       char **cause)
{
    char token[TRACK_TOKEN_LEN + 1];
    if (!cfg->web.base_url || !*cfg->web.base_url)
        return NULL;
    if (store_begin(s, cause) < 0)
        return NULL;
    if (track_tx_issue(s, e->id, e->number, token, cause) < 0 || store_commit(s, cause) < 0) {
        store_rollback(s);
        return NULL;
    }
    char *url = track_url(cfg->web.base_url, e->number, token);
    sodium_memzero(token, sizeof token);
    return url;
}
