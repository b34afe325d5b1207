/* admin.c — the accounts page, for accounts with the admin flag only (404
 * for everyone else): every account with its role, departments and state;
 * a form to add one; disable and enable. The same store functions as
 * `bureau user` (account.h), recorded under the admin's display name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "web_int.h"

static void role_opt(struct buf *b, const char *v)
{
    buf_printf(b, "<option value=\"%s\">%s</option>", v, v);
}

static enum MHD_Result page(struct req *r, const char *msg, int error, unsigned status)
{
    struct account *v = NULL;
    size_t n = 0;
    char *cause = NULL;
    if (account_list(r->c->store, &v, &n, &cause) != 0) {
        free(cause);
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    }
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Comptes", "الحسابات"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Comptes", "الحسابات"));
    buf_puts(&b, "</h1>");
    if (msg) {
        buf_printf(&b, "<p class=\"%s\" id=\"%s\">", error ? "error" : "done", error ? "error" : "done");
        h_bdi(&b, msg);
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<table id=\"accounts\"><tbody>");
    for (size_t i = 0; i < n; i++) {
        buf_puts(&b, "<tr><td>");
        h_ltr(&b, v[i].login);
        buf_puts(&b, "</td><td>");
        h_bdi(&b, v[i].display_name);
        buf_puts(&b, "</td><td>");
        h_ltr(&b, account_role_name(v[i].role));
        if (v[i].admin)
            buf_puts(&b, " + admin");
        buf_puts(&b, "</td><td>");
        for (char **d = v[i].departments; *d; d++) {
            h_esc(&b, web_dept_label(r, *d));
            buf_puts(&b, d[1] ? ", " : "");
        }
        buf_puts(&b, "</td><td>");
        buf_puts(&b, "<form method=\"post\" action=\"/accounts\">");
        h_csrf(&b, r);
        buf_puts(&b, "<input type=\"hidden\" name=\"login\" value=\"");
        h_esc(&b, v[i].login);
        buf_printf(&b, "\"><input type=\"hidden\" name=\"op\" value=\"%s\"><button type=\"submit\">",
                   v[i].disabled ? "enable" : "disable");
        h_esc(&b, v[i].disabled ? T(r, "Réactiver", "إعادة التفعيل") : T(r, "Désactiver", "تعطيل"));
        buf_puts(&b, "</button></form></td></tr>");
        account_free(&v[i]);
    }
    free(v);
    buf_puts(&b, "</tbody></table><h2>");
    h_esc(&b, T(r, "Nouveau compte", "حساب جديد"));
    buf_puts(&b, "</h2><form method=\"post\" action=\"/accounts\" id=\"add\">");
    h_csrf(&b, r);
    buf_puts(&b, "<input type=\"hidden\" name=\"op\" value=\"add\">");
    const char *f[][3] = {{"login", "Identifiant", "اسم المستخدم"},
                          {"name", "Nom affiché", "الاسم المعروض"},
                          {"departments", "Services (chef : ids séparés par des virgules)",
                           "المصالح (للرئيس: معرفات مفصولة بفواصل)"},
                          {"password", "Mot de passe (10 caractères au moins)", "كلمة المرور (10 أحرف على الأقل)"}};
    for (size_t i = 0; i < 4; i++) {
        buf_printf(&b, "<p><label for=\"add-%s\">", f[i][0]);
        h_esc(&b, T(r, f[i][1], f[i][2]));
        buf_printf(&b, "</label> <input id=\"add-%s\" name=\"%s\" dir=\"auto\"%s></p>", f[i][0],
                   f[i][0], i == 3 ? " type=\"password\" autocomplete=\"new-password\"" : "");
    }
    buf_puts(&b, "<p><label for=\"add-role\">");
    h_esc(&b, T(r, "Rôle", "الدور"));
    buf_puts(&b, "</label> <select id=\"add-role\" name=\"role\">");
    role_opt(&b, "clerk");
    role_opt(&b, "head");
    role_opt(&b, "director");
    role_opt(&b, "none");
    buf_puts(&b, "</select> <label><input type=\"checkbox\" name=\"admin\" value=\"1\"> admin</label></p>"
                 "<button type=\"submit\" id=\"add-submit\">");
    h_esc(&b, T(r, "Créer", "إنشاء"));
    buf_puts(&b, "</button></form></main>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

/* "a, b" -> NULL-terminated array (caller frees with free_list) */
static char **split(const char *s, size_t max)
{
    char **v = xcalloc(max + 1, sizeof *v);
    size_t n = 0;
    char *copy = xstrdup(s ? s : ""), *save = copy, *t;
    while ((t = strsep(&save, ",")) != NULL && n < max) {
        t = str_trim(t);
        if (*t)
            v[n++] = xstrdup(t);
    }
    free(copy);
    return v;
}

static void free_list(char **v)
{
    for (char **p = v; *p; p++)
        free(*p);
    free(v);
}

static enum MHD_Result post(struct req *r)
{
    const char *op = web_field(r, "op");
    const char *login = web_field(r, "login");
    struct store *s = r->c->store;
    char *cause = NULL;
    int rc;
    if (!op || !login)
        return page(r, T(r, "Formulaire incomplet.", "نموذج ناقص."), 1, MHD_HTTP_BAD_REQUEST);
    if (!strcmp(op, "disable") || !strcmp(op, "enable")) {
        if (!strcmp(op, "disable") && !strcmp(login, r->a.login))
            return page(r, T(r, "Vous ne pouvez pas désactiver votre propre compte.",
                             "لا يمكنكم تعطيل حسابكم الخاص."), 1, MHD_HTTP_CONFLICT);
        rc = account_set_disabled(s, r->a.display_name, login, !strcmp(op, "disable"), &cause);
    } else if (!strcmp(op, "add")) {
        enum account_role role;
        const char *rs = web_field(r, "role");
        if (!rs || account_role_parse(rs, &role) < 0)
            return page(r, T(r, "Rôle inconnu.", "دور غير معروف."), 1, MHD_HTTP_BAD_REQUEST);
        char **depts = split(web_field(r, "departments"), ACCOUNT_DEPARTMENTS_MAX);
        int bad = 0;
        for (char **d = depts; *d; d++)
            bad |= !rules_department(r->c->rules, *d);
        if (bad) {
            free_list(depts);
            return page(r, T(r, "Service inconnu.", "مصلحة غير معروفة."), 1, MHD_HTTP_BAD_REQUEST);
        }
        const char *adm = web_field(r, "admin");
        rc = account_add(s, r->a.display_name, login, web_field(r, "name"), web_field(r, "password"),
                         role, adm && !strcmp(adm, "1"), depts[0] ? (const char *const *)depts : NULL,
                         r->ar ? "ar" : "fr", &cause);
        free_list(depts);
    } else
        return page(r, T(r, "Opération inconnue.", "عملية غير معروفة."), 1, MHD_HTTP_BAD_REQUEST);
    enum MHD_Result ret;
    if (rc != 0) {
        ret = page(r, cause ? cause : "?", 1, rc < 0 ? MHD_HTTP_INTERNAL_SERVER_ERROR : MHD_HTTP_CONFLICT);
    } else {
        log_msg(LOG_LV_INFO, "web: account %s %s by %s", login, op, r->a.login);
        ret = page(r, T(r, "Fait.", "تم."), 0, MHD_HTTP_OK);
    }
    free(cause);
    return ret;
}

enum MHD_Result web_accounts(struct req *r)
{
    if (!r->a.admin)
        return web_not_found(r);
    return r->post ? post(r) : page(r, NULL, 0, MHD_HTTP_OK);
}
