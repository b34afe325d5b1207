/* paper.c (console) — GET/POST /paper: a clerk registers a letter that came
 * on paper or at the counter (service/paper/ does the work, as for `bureau
 * register`); GET /e/ID/receipt: its receipt, to print. */
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "bureau/paper.h"
#include "web_int.h"

static void input(struct buf *b, struct req *r, const char *name, const char *label,
                  const char *type, size_t max, int required, const char *dir)
{
    buf_printf(b, "<label for=\"p-%s\">", name);
    h_esc(b, label);
    buf_printf(b, "%s</label><input id=\"p-%s\" name=\"%s\" type=\"%s\" maxlength=\"%zu\"%s%s%s%s",
               required ? " *" : "", name, name, type, max, required ? " required" : "",
               dir ? " dir=\"" : "", dir ? dir : "", dir ? "\"" : "");
    const char *v = r->post ? web_field(r, name) : NULL;
    if (v) {
        buf_puts(b, " value=\"");
        h_esc(b, v);
        buf_puts(b, "\"");
    }
    buf_puts(b, ">");
}

static void textarea(struct buf *b, struct req *r, const char *name, const char *label,
                     size_t max, int rows, int required)
{
    buf_printf(b, "<label for=\"p-%s\">", name);
    h_esc(b, label);
    buf_printf(b, "%s</label><textarea id=\"p-%s\" name=\"%s\" rows=\"%d\" maxlength=\"%zu\" "
                  "dir=\"auto\"%s>",
               required ? " *" : "", name, name, rows, max, required ? " required" : "");
    h_esc(b, r->post ? web_field(r, name) : NULL);
    buf_puts(b, "</textarea>");
}

static void option(struct buf *b, const char *v, const char *text, const char *sel)
{
    buf_puts(b, "<option value=\"");
    h_esc(b, v);
    buf_puts(b, sel && !strcmp(sel, v) ? "\" selected>" : "\">");
    h_esc(b, text);
    buf_puts(b, "</option>");
}

static void choices(struct buf *b, struct req *r, int kinds)
{
    const char *name = kinds ? "kind" : "department";
    const char *sel = r->post ? web_field(r, name) : NULL;
    buf_printf(b, "<label for=\"p-%s\">", name);
    h_esc(b, kinds ? T(r, "Type", "النوع") : T(r, "Service", "المصلحة"));
    buf_printf(b, "</label><select id=\"p-%s\" name=\"%s\">", name, name);
    option(b, "", T(r, "— selon les règles —", "— حسب القواعد —"), sel);
    size_t n = 0;
    if (kinds) {
        const struct kind *k = rules_kinds(r->c->rules, &n);
        for (size_t i = 0; i < n; i++)
            option(b, k[i].id, web_kind_label(r, k[i].id), sel);
    } else {
        const struct department *d = rules_departments(r->c->rules, &n);
        for (size_t i = 0; i < n; i++)
            option(b, d[i].id, web_dept_label(r, d[i].id), sel);
    }
    buf_puts(b, "</select>");
}

static enum MHD_Result form(struct req *r, const char *error, unsigned status)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Courrier papier", "البريد الورقي"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Enregistrer un courrier papier ou déposé au guichet",
                "تسجيل رسالة ورقية أو مودعة بالشباك"));
    buf_puts(&b, "</h1>");
    if (error) {
        buf_puts(&b, "<p class=\"error\" role=\"alert\" id=\"error\">");
        h_esc(&b, T(r, "Rien n'a été enregistré : ", "لم يسجل أي شيء: "));
        h_bdi(&b, error);
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<form class=\"paper\" method=\"post\" action=\"/paper\" "
                 "enctype=\"multipart/form-data\">");
    h_csrf(&b, r);
    const char *ch = r->post ? web_field(r, "channel") : NULL;
    int post = ch && !strcmp(ch, "post");
    buf_puts(&b, "<fieldset><legend>");
    h_esc(&b, T(r, "Arrivé", "وردت"));
    buf_printf(&b, "</legend><label><input type=\"radio\" name=\"channel\" value=\"counter\"%s> ",
               post ? "" : " checked");
    h_esc(&b, T(r, "déposé au guichet", "مودعة بالشباك"));
    buf_printf(&b, "</label> <label><input type=\"radio\" name=\"channel\" value=\"post\"%s> ",
               post ? " checked" : "");
    h_esc(&b, T(r, "par la poste", "بالبريد"));
    buf_puts(&b, "</label></fieldset>");
    input(&b, r, "sender", T(r, "Expéditeur (nom)", "المرسل (الاسم)"), "text", PAPER_MAX_NAME,
          1, "auto");
    input(&b, r, "email", T(r, "Courriel (accusé de réception)", "البريد الإلكتروني (للإشعار)"),
          "email", 254, 0, "ltr");
    textarea(&b, r, "address", T(r, "Adresse postale", "العنوان البريدي"), PAPER_MAX_ADDRESS, 3,
             0);
    input(&b, r, "letter_date", T(r, "Date de la lettre", "تاريخ الرسالة"), "date", 10, 0,
          "ltr");
    input(&b, r, "letter_ref", T(r, "Référence de la lettre", "مرجع الرسالة"), "text",
          PAPER_MAX_REF, 0, "auto");
    input(&b, r, "subject", T(r, "Objet", "الموضوع"), "text", PAPER_MAX_SUBJECT, 1, "auto");
    textarea(&b, r, "summary", T(r, "Résumé", "ملخص"), PAPER_MAX_SUMMARY, 8, 1);
    choices(&b, r, 1);
    choices(&b, r, 0);
    buf_puts(&b, "<label for=\"p-scans\">");
    h_esc(&b, T(r, "Pièces scannées (PDF ou images, 20 Mo en tout)",
                "الوثائق الممسوحة (PDF أو صور، 20 ميغابايت في المجموع)"));
    buf_puts(&b, "</label><input id=\"p-scans\" name=\"scans\" type=\"file\" multiple "
                 "accept=\"application/pdf,image/jpeg,image/png,image/tiff,image/webp\">"
                 "<button type=\"submit\" id=\"p-submit\">");
    h_esc(&b, T(r, "Enregistrer et imprimer le récépissé", "تسجيل وطبع الوصل"));
    buf_puts(&b, "</button></form></main>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

/* A form field, "" as NULL. */
static const char *given(const struct req *r, const char *key)
{
    const char *v = web_field(r, key);
    return v && *v ? v : NULL;
}

static enum MHD_Result register_post(struct req *r)
{
    struct paper_scan scans[PAPER_MAX_SCANS];
    size_t n = 0;
    for (size_t i = 0; i < r->nf; i++) {
        const struct form_field *f = &r->f[i];
        if (strcmp(f->key, "scans") != 0 || !f->filename || (!f->len && !*f->filename))
            continue; /* the browser sends an empty part when no file is chosen */
        if (n == PAPER_MAX_SCANS)
            return form(r, "scans: too many files", MHD_HTTP_BAD_REQUEST);
        scans[n++] = (struct paper_scan){f->filename, f->val, f->len};
    }
    const char *channel = web_field(r, "channel");
    struct paper_letter l = {
        .channel = channel ? channel : "counter",
        .sender_name = web_field(r, "sender"), .sender_email = given(r, "email"),
        .postal_address = given(r, "address"), .letter_date = given(r, "letter_date"),
        .letter_ref = given(r, "letter_ref"), .subject = web_field(r, "subject"),
        .summary = web_field(r, "summary"), .kind = given(r, "kind"),
        .department = given(r, "department"), .scans = scans, .n_scans = n,
    };
    char *cause = NULL;
    if (paper_check(&l, r->c->rules, &cause) < 0) {
        enum MHD_Result ret = form(r, cause, MHD_HTTP_BAD_REQUEST);
        free(cause);
        return ret;
    }
    struct pipe_result res;
    r->c->actor = r->a.display_name;
    int rc = cli_register_paper(r->c, &l, &res);
    r->c->actor = "console";
    if (rc < 0) {
        log_msg(LOG_LV_ERROR, "web: paper letter not registered: %s",
                res.reason ? res.reason : "?");
        free(res.reason);
        return web_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
                         "Rien n'a été enregistré (registre occupé) : réessayez",
                         "لم يسجل أي شيء (السجل مشغول): أعيدوا المحاولة");
    }
    char loc[64];
    snprintf(loc, sizeof loc, "/e/%lld/receipt", (long long)res.id);
    return web_send_redirect(r, loc);
}

enum MHD_Result web_paper(struct req *r)
{
    if (r->a.role != ROLE_CLERK)
        return web_not_found(r);
    return r->post ? register_post(r) : form(r, NULL, MHD_HTTP_OK);
}

/* The receipt; track: the tracking link to print on it, or NULL (then a
 * clerk gets the button that makes one). */
static enum MHD_Result receipt_page(struct req *r, const struct entry *e, const char *track)
{
    struct paper_facts f;
    char *cause = NULL;
    int is = paper_get(r->c->store, e->id, &f, &cause);
    if (is <= 0) {
        if (is < 0)
            log_msg(LOG_LV_ERROR, "web: %s: %s", e->number, cause ? cause : "?");
        free(cause);
        return web_not_found(r);
    }
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Récépissé", "وصل"));
    buf_puts(&b, "<main><p class=\"noprint\" role=\"status\" id=\"done\">");
    h_esc(&b, T(r, "Courrier enregistré. Imprimez ce récépissé (Ctrl+P) et remettez-le.",
                "سجلت الرسالة. اطبعوا هذا الوصل (Ctrl+P) وسلموه."));
    buf_printf(&b, " <a href=\"/e/%lld\">", (long long)e->id);
    h_esc(&b, T(r, "Voir l'entrée", "عرض الملف"));
    buf_puts(&b, "</a> · <a href=\"/paper\">");
    h_esc(&b, T(r, "Enregistrer un autre courrier", "تسجيل رسالة أخرى"));
    buf_puts(&b, "</a></p>");
    const char *base = r->c->cfg->web.base_url;
    if (!track && r->a.role == ROLE_CLERK && base && *base) {
        buf_printf(&b, "<form class=\"noprint\" method=\"post\" action=\"/e/%lld/receipt\">",
                   (long long)e->id);
        h_csrf(&b, r);
        buf_puts(&b, "<button type=\"submit\" id=\"track-link\">");
        h_esc(&b, T(r, "Imprimer avec le lien de suivi du citoyen (remplace le précédent)",
                    "الطبع مع رابط تتبع الملف للمواطن (يعوض الرابط السابق)"));
        buf_puts(&b, "</button></form>");
    }
    paper_receipt(&b, e, &f, r->c->rules, r->c->cfg, track);
    buf_puts(&b, "</main>");
    page_end(&b);
    paper_facts_free(&f);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

enum MHD_Result web_receipt(struct req *r, const struct entry *e)
{
    return receipt_page(r, e, NULL);
}

enum MHD_Result web_receipt_post(struct req *r, int64_t id)
{
    struct entry e;
    char *cause = NULL;
    if (store_entry_by_id(r->c->store, id, &e, &cause) < 0) {
        free(cause);
        return web_not_found(r);
    }
    enum MHD_Result ret;
    struct paper_facts f;
    if (!web_sees(r, &e) || paper_get(r->c->store, e.id, &f, NULL) != 1)
        ret = web_not_found(r);
    else {
        paper_facts_free(&f);
        char *link = r->a.role == ROLE_CLERK ? paper_track_link(r->c->store, r->c->cfg, &e, &cause)
                                             : NULL;
        if (link) {
            log_msg(LOG_LV_INFO, "web: %s: a tracking link issued by %s", e.number, r->a.login);
            ret = receipt_page(r, &e, link);
        } else if (r->a.role != ROLE_CLERK)
            ret = web_error(r, MHD_HTTP_FORBIDDEN, "Votre rôle ne permet pas cette action.",
                            "دوركم لا يسمح بهذا الإجراء.");
        else {
            log_msg(LOG_LV_WARN, "web: %s: no tracking link: %s", e.number,
                    cause ? cause : "no base_url");
            ret = web_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
                            "Pas de lien de suivi (adresse publique non configurée ou registre "
                            "occupé)",
                            "لا رابط للتتبع (العنوان العمومي غير مضبوط أو السجل مشغول)");
        }
        free(link);
    }
    free(cause);
    entry_free(&e);
    return ret;
}

void web_paper_facts(struct buf *b, struct req *r, const struct entry *e)
{
    struct paper_facts f;
    if (paper_get(r->c->store, e->id, &f, NULL) != 1)
        return;
    buf_puts(b, "<dl class=\"facts\" id=\"paper\"><dt>");
    h_esc(b, T(r, "Courrier papier", "رسالة ورقية"));
    buf_puts(b, "</dt><dd>");
    h_esc(b, !strcmp(f.channel, "post") ? T(r, "reçu par la poste", "وردت بالبريد")
                                        : T(r, "déposé au guichet", "أودعت بالشباك"));
    buf_puts(b, " · ");
    h_bdi(b, f.registered_by);
    buf_printf(b, " · <a href=\"/e/%lld/receipt\">", (long long)e->id);
    h_esc(b, T(r, "récépissé", "الوصل"));
    buf_puts(b, "</a></dd>");
    if (f.letter_date || f.letter_ref) {
        buf_puts(b, "<dt>");
        h_esc(b, T(r, "Lettre", "الرسالة"));
        buf_puts(b, "</dt><dd>");
        h_ltr(b, f.letter_date ? f.letter_date : "—");
        buf_puts(b, " · ");
        h_bdi(b, f.letter_ref);
        buf_puts(b, "</dd>");
    }
    if (f.postal_address) {
        buf_puts(b, "<dt>");
        h_esc(b, T(r, "Adresse postale", "العنوان البريدي"));
        buf_puts(b, "</dt><dd class=\"address\">");
        h_bdi(b, f.postal_address);
        buf_puts(b, "</dd>");
    }
    buf_puts(b, "</dl>");
    paper_facts_free(&f);
}
