/* actions.c — what a person does to an entry from the console: assign,
 * reclassify, status (with closure code and the note for the citizen), an
 * internal note, urgent, extend (web_int.h).
 *
 * Each action is two POSTs: the first checks the form and shows what will
 * change and what mail it causes; the second (confirm=1, the same fields)
 * does it, through the code paths of the CLI (correct.h, cli_urgent_entry,
 * cli_extend_entry), under the person's display name, as `--as` does. The
 * role's rights are checked on both (scope.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/correct.h"
#include "bureau/departure.h"
#include "bureau/lifecycle.h"
#include "bureau/log.h"
#include "web_int.h"

struct act {
    const char *action;
    const char *dept, *kind, *to, *code, *note, *to_body, *reason;
    int on;                   /* urgent: 1 make urgent, 0 no longer */
    const struct department *d;
    const struct kind *k;
    const char *err_fr, *err_ar;
};

static const char *const actions[] = {"assign", "reclassify", "status", "note", "urgent", "extend"};

/* free text (cli_text_ok, as the CLI takes it) that is not only blanks;
 * the form's line ends are LF already (server.c) */
static int text_ok(const char *s, size_t max, int multiline)
{
    if (!s || !cli_text_ok(s, max, multiline))
        return 0;
    return s[strspn(s, " \t\n")] != '\0';
}

static const char *opt(const struct req *r, const char *k)
{
    const char *v = web_field(r, k);
    return v && *v ? v : NULL;
}

static int fail(struct act *a, const char *fr, const char *ar)
{
    a->err_fr = fr;
    a->err_ar = ar;
    return -1;
}

static int check_status(struct req *r, const struct entry *e, struct act *a)
{
    if (!a->to || !lifecycle_status_valid(a->to))
        return fail(a, "Statut inconnu.", "حالة غير معروفة.");
    if (a->code && !lifecycle_code_valid(a->code))
        return fail(a, "Motif de clôture inconnu.", "سبب إغلاق غير معروف.");
    if (!lifecycle_move_ok(e->status, a->to, a->code))
        return fail(a, "Ce changement de statut n'est pas permis depuis le statut actuel.",
                    "هذا التغيير غير مسموح به انطلاقا من الحالة الحالية.");
    if (!lifecycle_code_fits(e->status, a->to, a->code))
        return fail(a, a->code ? "Ce motif de clôture ne va pas avec ce statut."
                               : "Ce statut demande un motif de clôture.",
                    a->code ? "سبب الإغلاق هذا لا يناسب هذه الحالة." : "هذه الحالة تتطلب سبب إغلاق.");
    if ((strcmp(a->to, "transferred") == 0) != (a->to_body != NULL))
        return fail(a, "L'organisme destinataire est demandé pour « transmis », et seulement là.",
                    "الجهة المحال إليها مطلوبة مع «محال» فقط.");
    if (a->to_body && !text_ok(a->to_body, 200, 0))
        return fail(a, "Organisme destinataire : une ligne, 200 octets au plus.",
                    "الجهة المحال إليها: سطر واحد، 200 بايت على الأكثر.");
    if (a->note && !text_ok(a->note, WEB_NOTE_MAX, 1))
        return fail(a, "La note est trop longue ou contient des caractères de contrôle.",
                    "الملاحظة طويلة جدا أو تحتوي على رموز تحكم.");
    int64_t pending = departure_pending_draft(r->c->store, e->id, NULL);
    if (pending != 0 && strcmp(a->to, "in-progress") != 0)
        return fail(a, "Une réponse attend son approbation : approuvez-la, renvoyez-la ou "
                       "annulez-la d'abord.",
                    "جواب في انتظار الموافقة: وافقوا عليه أو أرجعوه أو ألغوه أولا.");
    return 0;
}

/* The form, checked; -1 with a->err_* set. */
static int check(struct req *r, const struct entry *e, struct act *a)
{
    const struct rules *rules = r->c->rules;
    a->dept = opt(r, "dept");
    a->kind = opt(r, "kind");
    a->to = opt(r, "to");
    a->code = opt(r, "code");
    a->note = opt(r, "note");
    a->to_body = opt(r, "to_body");
    a->reason = opt(r, "reason");
    if (a->reason && !text_ok(a->reason, WEB_NOTE_MAX, 0))
        return fail(a, "Le motif doit tenir sur une ligne (4000 octets au plus).",
                    "يجب أن يكون السبب في سطر واحد (4000 بايت على الأكثر).");
    if (!strcmp(a->action, "assign")) {
        a->d = a->dept ? rules_department(rules, a->dept) : NULL;
        if (!a->d)
            return fail(a, "Service inconnu.", "مصلحة غير معروفة.");
        if (!strcmp(e->department, a->dept) && !e->needs_triage)
            return fail(a, "L'entrée est déjà dans ce service : rien à changer.",
                        "المدخلة في هذه المصلحة أصلا: لا شيء للتغيير.");
    } else if (!strcmp(a->action, "reclassify")) {
        a->k = a->kind ? rules_kind(rules, a->kind) : NULL;
        if (!a->k)
            return fail(a, "Type inconnu.", "نوع غير معروف.");
        if (!strcmp(e->kind, a->kind))
            return fail(a, "L'entrée est déjà de ce type.", "المدخلة من هذا النوع أصلا.");
    } else if (!strcmp(a->action, "status"))
        return check_status(r, e, a);
    else if (!strcmp(a->action, "note")) {
        if (!a->note || !text_ok(a->note, WEB_NOTE_MAX, 1))
            return fail(a, "Écrivez la note (4000 octets au plus).",
                        "اكتبوا الملاحظة (4000 بايت على الأكثر).");
    } else if (!strcmp(a->action, "urgent") || !strcmp(a->action, "extend")) {
        const char *on = opt(r, "on");
        a->on = !on || strcmp(on, "0") != 0;
        if (!a->reason)
            return fail(a, "Le motif est demandé.", "السبب مطلوب.");
    }
    return 0;
}

static void li(struct buf *b, const char *text)
{
    buf_puts(b, "<li>");
    h_esc(b, text);
    buf_puts(b, "</li>");
}

/* What the action will change and which mail it causes. */
static void describe(struct buf *b, struct req *r, const struct entry *e, const struct act *a)
{
    const struct notify_ctx *n = &r->c->notify;
    int mail = n->tmpl != NULL;
    buf_puts(b, "<h2>");
    h_esc(b, T(r, "Ce qui change", "ما سيتغير"));
    buf_puts(b, "</h2><ul id=\"change\">");
    if (!strcmp(a->action, "assign")) {
        buf_puts(b, "<li>");
        h_esc(b, web_dept_label(r, e->department));
        buf_puts(b, " → <strong>");
        h_esc(b, web_dept_label(r, a->dept));
        buf_puts(b, "</strong></li>");
    } else if (!strcmp(a->action, "reclassify")) {
        char due[11] = "";
        int ext = store_entry_has_event(r->c->store, e->id, "extended", NULL) > 0;
        calendar_due(r->c->cal, a->k, e->urgent, ext, e->received_at, due);
        buf_puts(b, "<li>");
        h_esc(b, web_kind_label(r, e->kind));
        buf_puts(b, " → <strong>");
        h_esc(b, web_kind_label(r, a->kind));
        buf_puts(b, "</strong>; ");
        h_esc(b, T(r, "nouvelle échéance", "الأجل الجديد"));
        buf_puts(b, " ");
        h_ltr(b, due[0] ? due : "—");
        buf_puts(b, "</li>");
    } else if (!strcmp(a->action, "status")) {
        buf_puts(b, "<li>");
        h_esc(b, web_status_label(r, e->status));
        buf_puts(b, " → <strong>");
        h_esc(b, web_status_label(r, a->to));
        buf_puts(b, "</strong>");
        if (a->code) {
            buf_puts(b, " (");
            h_esc(b, r->ar ? lifecycle_code_ar(a->code) : lifecycle_code_fr(a->code));
            buf_puts(b, ")");
        }
        buf_puts(b, "</li>");
    } else if (!strcmp(a->action, "note")) {
        li(b, T(r, "Une note interne s'ajoute à l'historique :", "تضاف ملاحظة داخلية إلى السجل:"));
        buf_puts(b, "<li><div class=\"body\" dir=\"auto\" id=\"note-preview\">");
        h_esc(b, a->note);
        buf_puts(b, "</div></li>");
    }
    else if (!strcmp(a->action, "urgent"))
        li(b, a->on ? T(r, "L'entrée devient urgente : échéance raccourcie.",
                        "تصبح المدخلة مستعجلة: يقصر الأجل.")
                    : T(r, "L'entrée n'est plus urgente : échéance légale ordinaire.",
                        "لم تعد المدخلة مستعجلة: الأجل القانوني العادي."));
    else if (!strcmp(a->action, "extend"))
        li(b, T(r, "L'échéance est prorogée une fois (loi 31-13).",
                "يمدد الأجل مرة واحدة (القانون 31.13)."));
    buf_puts(b, "</ul><h2>");
    h_esc(b, T(r, "Courriels que cela envoie", "الرسائل التي سترسل"));
    buf_puts(b, "</h2><ul id=\"mail\" class=\"mail\">");
    int any = 0;
    if (mail && !strcmp(a->action, "assign") && strcmp(e->department, a->dept) != 0) {
        for (size_t i = 0; i < a->d->n_heads; i++) {
            buf_puts(b, "<li>");
            h_esc(b, T(r, "L'élément est envoyé au chef du service : ",
                       "يرسل العنصر إلى رئيس المصلحة: "));
            h_ltr(b, a->d->heads[i]);
            buf_puts(b, "</li>");
            any = 1;
        }
    }
    int citizen = mail && e->sender_addr && !e->internal;
    if (citizen && !strcmp(a->action, "status") && lifecycle_citizen_facing(a->to) &&
        !(a->code && !strcmp(a->code, LIFECYCLE_NOT_RECEIVABLE))) {
        buf_puts(b, "<li>");
        h_esc(b, T(r, "Le citoyen est informé du nouveau statut, en arabe et en français",
                   "يُخبر المواطن بالحالة الجديدة، بالعربية والفرنسية"));
        h_esc(b, a->note ? T(r, ", avec votre note : ", "، مع ملاحظتكم: ") : " : ");
        h_ltr(b, e->sender_addr);
        buf_puts(b, "</li>");
        any = 1;
    }
    if (citizen && (!strcmp(a->action, "urgent") || !strcmp(a->action, "extend"))) {
        buf_puts(b, "<li>");
        h_esc(b, T(r, "Le citoyen est informé de la nouvelle échéance : ",
                   "يُخبر المواطن بالأجل الجديد: "));
        h_ltr(b, e->sender_addr);
        buf_puts(b, "</li>");
        any = 1;
    }
    if (mail && !strcmp(a->action, "urgent") && a->on) {
        li(b, T(r, "Le chef du service reçoit l'élément à nouveau, marqué urgent, avec le motif.",
                "يتلقى رئيس المصلحة العنصر من جديد، معلما كمستعجل، مع السبب."));
        any = 1;
    }
    if (!any)
        li(b, T(r, "Aucun courriel.", "لا توجد أي رسالة."));
    buf_puts(b, "</ul>");
}

static void hidden(struct buf *b, const char *k, const char *v)
{
    if (!v)
        return;
    buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", k);
    h_esc(b, v);
    buf_puts(b, "\">");
}

static enum MHD_Result preview(struct req *r, const struct entry *e, const struct act *a)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Confirmer", "تأكيد"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Confirmer : ", "تأكيد: "));
    h_ltr(&b, e->number);
    buf_puts(&b, "</h1>");
    describe(&b, r, e, a);
    buf_printf(&b, "<form method=\"post\" action=\"/e/%lld/%s\">", (long long)e->id, a->action);
    h_csrf(&b, r);
    hidden(&b, "dept", a->dept);
    hidden(&b, "kind", a->kind);
    hidden(&b, "to", a->to);
    hidden(&b, "code", a->code);
    hidden(&b, "note", a->note);
    hidden(&b, "to_body", a->to_body);
    hidden(&b, "reason", a->reason);
    hidden(&b, "on", !strcmp(a->action, "urgent") ? (a->on ? "1" : "0") : NULL);
    buf_puts(&b, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\" "
                 "id=\"confirm\">");
    h_esc(&b, T(r, "Confirmer", "تأكيد"));
    buf_printf(&b, "</button> <a href=\"/e/%lld\" id=\"cancel\">", (long long)e->id);
    h_esc(&b, T(r, "Annuler", "إلغاء"));
    buf_puts(&b, "</a></form></main>");
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

/* Runs the action under the person's name: 0, or -1 with *why. */
static int perform(struct req *r, const struct entry *e, const struct act *a, char **why)
{
    struct cli *c = r->c;
    struct store *s = c->store;
    char due[11] = "";
    int rc;
    c->actor = r->a.display_name;
    if (!strcmp(a->action, "urgent"))
        rc = cli_urgent_entry(c, e, a->on, a->reason, due, why);
    else if (!strcmp(a->action, "extend"))
        rc = cli_extend_entry(c, e, a->reason, due, why);
    else {
        rc = store_begin(s, why);
        if (rc == 0) {
            if (!strcmp(a->action, "assign") && !strcmp(e->department, a->dept))
                rc = store_tx_entry_set(s, e->id, "needs_triage", "0", c->actor,
                                        "triaged: stays with its department", why);
            else if (!strcmp(a->action, "assign"))
                rc = correct_tx_department(s, &c->notify, e, a->dept, 1, c->actor, a->reason, why);
            else if (!strcmp(a->action, "reclassify"))
                rc = correct_tx_kind(s, c->cal, e, a->k, c->actor, a->reason, due, why);
            else if (!strcmp(a->action, "note"))
                rc = store_event(s, e->id, c->actor, "note", a->note, why);
            else {
                const struct status_move mv = {
                    .to = a->to, .code = a->code, .note = a->note, .to_body = a->to_body};
                rc = correct_tx_status(s, &c->notify, e, &mv, c->actor, why);
            }
        }
        if (rc == 0)
            rc = store_commit(s, why);
        if (rc < 0)
            store_rollback(s);
    }
    c->actor = "console";
    return rc;
}

static enum MHD_Result refused(struct req *r, const struct entry *e, unsigned status,
                               const char *fr, const char *ar, const char *detail)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Refusé", "مرفوض"));
    buf_puts(&b, "<main><h1>");
    h_ltr(&b, e->number);
    buf_puts(&b, "</h1><p class=\"error\" role=\"alert\" id=\"error\">");
    h_esc(&b, T(r, fr, ar));
    if (detail) {
        buf_puts(&b, " ");
        h_bdi(&b, detail);
    }
    buf_printf(&b, "</p><p><a href=\"/e/%lld\">", (long long)e->id);
    h_esc(&b, T(r, "Retour à l'entrée", "العودة إلى المدخلة"));
    buf_puts(&b, "</a></p></main>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

enum MHD_Result web_action(struct req *r, int64_t id, const char *action)
{
    struct entry e;
    char *cause = NULL;
    int known = 0;
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
        known |= !strcmp(action, actions[i]);
    if (!known || store_entry_by_id(r->c->store, id, &e, &cause) < 0) {
        free(cause);
        return web_not_found(r);
    }
    enum MHD_Result ret;
    struct act a = {.action = action};
    if (!web_sees(r, &e))
        ret = web_not_found(r);
    else if (!web_may(r, action, &e))
        ret = refused(r, &e, MHD_HTTP_FORBIDDEN, "Votre rôle ne permet pas cette action.",
                      "دوركم لا يسمح بهذا الإجراء.", NULL);
    else if (check(r, &e, &a) < 0)
        ret = refused(r, &e, MHD_HTTP_BAD_REQUEST, a.err_fr, a.err_ar, NULL);
    else if (!web_field(r, "confirm") || strcmp(web_field(r, "confirm"), "1") != 0)
        ret = preview(r, &e, &a);
    else if (perform(r, &e, &a, &cause) != 0) {
        log_msg(LOG_LV_WARN, "web: %s %s by %s: %s", e.number, action, r->a.login,
                cause ? cause : "?");
        ret = web_write_passes(r) ? web_write_later(r)
                                  : refused(r, &e, MHD_HTTP_CONFLICT, "Action refusée :",
                                            "إجراء مرفوض:", cause);
    } else {
        char loc[64];
        int triage = !strcmp(action, "assign") && !strcmp(e.department, a.dept);
        snprintf(loc, sizeof loc, "/e/%lld?done=%s", (long long)e.id, triage ? "triage" : action);
        log_msg(LOG_LV_INFO, "web: %s %s by %s", e.number, action, r->a.login);
        ret = web_send_redirect(r, loc);
    }
    free(cause);
    entry_free(&e);
    return ret;
}

/* --- the forms on the entry page ---------------------------------------------------- */

static void form_open(struct buf *b, struct req *r, const struct entry *e, const char *action,
                      const char *title)
{
    buf_printf(b, "<form method=\"post\" action=\"/e/%lld/%s\" id=\"form-%s\"><h3>",
               (long long)e->id, action, action);
    h_esc(b, title);
    buf_puts(b, "</h3>");
    h_csrf(b, r);
}

static void form_close(struct buf *b, struct req *r, const char *action)
{
    buf_printf(b, "<button type=\"submit\" id=\"do-%s\">", action);
    h_esc(b, T(r, "Continuer…", "متابعة…"));
    buf_puts(b, "</button></form>");
}

static void label(struct buf *b, const char *text, const char *forid)
{
    buf_printf(b, "<label for=\"%s\">", forid);
    h_esc(b, text);
    buf_puts(b, "</label> ");
}

static void opt_el(struct buf *b, const char *v, const char *text, int sel)
{
    buf_puts(b, "<option value=\"");
    h_esc(b, v);
    buf_puts(b, sel ? "\" selected>" : "\">");
    h_esc(b, text);
    buf_puts(b, "</option>");
}

static void reason_input(struct buf *b, struct req *r, const char *action, int required)
{
    char id[40];
    snprintf(id, sizeof id, "%s-reason", action);
    label(b, T(r, "Motif", "السبب"), id);
    buf_printf(b, "<input id=\"%s\" name=\"reason\" dir=\"auto\" maxlength=\"4000\"%s> ", id,
               required ? " required" : "");
}

static void status_form(struct buf *b, struct req *r, const struct entry *e)
{
    static const char *const st[] = {"routed", "in-progress", "answered", "closed",
                                      "rejected", "transferred"};
    size_t nc = 0;
    const struct lifecycle_label *codes = lifecycle_codes(&nc);
    int any = 0;
    for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
        int ok = lifecycle_move_ok(e->status, st[i], NULL);
        for (size_t j = 0; !ok && j < nc; j++)
            ok = lifecycle_move_ok(e->status, st[i], codes[j].id);
        any |= ok;
    }
    if (!any)
        return;
    form_open(b, r, e, "status", T(r, "Statut", "الحالة"));
    label(b, T(r, "Nouveau statut", "الحالة الجديدة"), "status-to");
    buf_puts(b, "<select id=\"status-to\" name=\"to\">");
    for (size_t i = 0; i < sizeof st / sizeof *st; i++) {
        int ok = lifecycle_move_ok(e->status, st[i], NULL);
        for (size_t j = 0; !ok && j < nc; j++)
            ok = lifecycle_move_ok(e->status, st[i], codes[j].id);
        if (ok)
            opt_el(b, st[i], web_status_label(r, st[i]), 0);
    }
    buf_puts(b, "</select> ");
    label(b, T(r, "Motif de clôture", "سبب الإغلاق"), "status-code");
    buf_puts(b, "<select id=\"status-code\" name=\"code\"><option value=\"\">—</option>");
    for (size_t j = 0; j < nc; j++)
        opt_el(b, codes[j].id, T(r, codes[j].fr, codes[j].ar), 0);
    buf_puts(b, "</select><br>");
    label(b, T(r, "Note pour le citoyen (facultative)", "ملاحظة للمواطن (اختيارية)"), "status-note");
    buf_puts(b, "<textarea id=\"status-note\" name=\"note\" dir=\"auto\" rows=\"3\" cols=\"60\" "
                "maxlength=\"4000\"></textarea><br>");
    label(b, T(r, "Organisme destinataire (si transmis)", "الجهة المحال إليها (عند الإحالة)"),
          "status-to-body");
    buf_puts(b, "<input id=\"status-to-body\" name=\"to_body\" dir=\"auto\" maxlength=\"200\"> ");
    form_close(b, r, "status");
}

void web_action_forms(struct buf *b, struct req *r, const struct entry *e)
{
    int any = 0;
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
        any |= web_may(r, actions[i], e);
    if (!any)
        return;
    buf_puts(b, "<h2>");
    h_esc(b, T(r, "Actions", "الإجراءات"));
    buf_puts(b, "</h2><div class=\"actions\">");
    size_t n = 0;
    if (web_may(r, "assign", e)) {
        form_open(b, r, e, "assign", T(r, "Réaffecter", "إعادة التوجيه"));
        label(b, T(r, "Service", "المصلحة"), "assign-dept");
        buf_puts(b, "<select id=\"assign-dept\" name=\"dept\">");
        const struct department *d = rules_departments(r->c->rules, &n);
        for (size_t i = 0; i < n; i++)
            opt_el(b, d[i].id, web_dept_label(r, d[i].id), !strcmp(d[i].id, e->department));
        buf_puts(b, "</select> ");
        reason_input(b, r, "assign", 0);
        form_close(b, r, "assign");
    }
    if (web_may(r, "reclassify", e)) {
        form_open(b, r, e, "reclassify", T(r, "Changer le type", "تغيير النوع"));
        label(b, T(r, "Type", "النوع"), "reclassify-kind");
        buf_puts(b, "<select id=\"reclassify-kind\" name=\"kind\">");
        const struct kind *k = rules_kinds(r->c->rules, &n);
        for (size_t i = 0; i < n; i++)
            opt_el(b, k[i].id, web_kind_label(r, k[i].id), !strcmp(k[i].id, e->kind));
        buf_puts(b, "</select> ");
        form_close(b, r, "reclassify");
    }
    if (web_may(r, "status", e))
        status_form(b, r, e);
    if (web_may(r, "note", e)) {
        form_open(b, r, e, "note", T(r, "Note interne (jamais envoyée)", "ملاحظة داخلية (لا ترسل أبدا)"));
        buf_puts(b, "<textarea id=\"note-text\" name=\"note\" dir=\"auto\" rows=\"3\" cols=\"60\" "
                    "maxlength=\"4000\" required aria-label=\"note\"></textarea><br>");
        form_close(b, r, "note");
    }
    if (web_may(r, "urgent", e) && lifecycle_is_open(e->status)) {
        form_open(b, r, e, "urgent", e->urgent ? T(r, "Ne plus traiter en urgence", "إلغاء الاستعجال")
                                               : T(r, "Traiter en urgence", "معالجة مستعجلة"));
        buf_printf(b, "<input type=\"hidden\" name=\"on\" value=\"%d\">", !e->urgent);
        reason_input(b, r, "urgent", 1);
        form_close(b, r, "urgent");
    }
    const struct kind *k = rules_kind(r->c->rules, e->kind);
    if (web_may(r, "extend", e) && lifecycle_is_open(e->status) && k && k->extension > 0) {
        form_open(b, r, e, "extend", T(r, "Proroger le délai (une fois)", "تمديد الأجل (مرة واحدة)"));
        reason_input(b, r, "extend", 1);
        form_close(b, r, "extend");
    }
    buf_puts(b, "</div>");
}
