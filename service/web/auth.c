/* auth.c — logging in and out, the session cookie, the CSRF and Origin
 * checks of every POST, the person's language (web_int.h).
 *
 * The login form has no session yet: it is protected by a double-submit
 * token (a random value both in an HttpOnly SameSite=Strict cookie and in
 * the form, compared in constant time) and by the Origin check. Failed and
 * successful logins are recorded (login_record) and throttled per login and
 * per address (login_throttled) before any password is checked. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/log.h"
#include "web_int.h"

#define SID_COOKIE "bureau_sid"
#define LOGIN_COOKIE "bureau_login"

static int hex_ok(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

static void cookie(struct req *r, const char *name, const char *value, int expire)
{
    char *c = xasprintf("%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
                        r->w->tls ? "; Secure" : "", expire ? "; Max-Age=0" : "");
    web_set_cookie(r, c);
    free(c);
}

/* Before a session: Arabic when asked (?lang=ar) or when the browser puts
 * Arabic first. */
static int guess_arabic(struct req *r)
{
    const char *l = web_arg(r, "lang");
    if (l)
        return !strcmp(l, "ar");
    const char *al = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Language");
    return al && (al[0] == 'a' || al[0] == 'A') && (al[1] == 'r' || al[1] == 'R');
}

int web_auth(struct req *r)
{
    const char *sid = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, SID_COOKIE);
    const struct web_config *wc = &r->c->cfg->web;
    char *cause = NULL;
    r->ar = guess_arabic(r);
    if (!hex_ok(sid, SESSION_ID_HEX))
        return 0;
    int rc = session_lookup(r->c->store, sid, r->now, wc->session_idle, wc->session_max,
                            &r->se, &cause);
    if (rc == 0)
        rc = account_by_id(r->c->store, r->se.user_id, &r->a, &cause);
    if (rc < 0)
        log_msg(LOG_LV_ERROR, "web: session: %s", cause ? cause : "?");
    free(cause);
    if (rc != 0)
        return 0;
    if (r->a.disabled) {
        account_free(&r->a);
        return 0;
    }
    r->logged_in = 1;
    snprintf(r->sid, sizeof r->sid, "%s", sid);
    r->ar = !strcmp(r->a.lang, "ar");
    return 1;
}

void web_auth_free(struct req *r)
{
    if (r->logged_in)
        account_free(&r->a);
    r->logged_in = 0;
    sodium_memzero(r->sid, sizeof r->sid);
}

/* The Origin (else the Referer) is this console's own. */
int web_same_origin(struct req *r)
{
    const char *own = web_origin(r);
    const char *o = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Origin");
    if (o)
        return !strcmp(o, own);
    const char *ref = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Referer");
    size_t n = strlen(own);
    return ref && !strncmp(ref, own, n) && ref[n] == '/';
}

int web_post_ok(struct req *r)
{
    const char *tok = web_field(r, "csrf");
    return r->logged_in && web_same_origin(r) && tok && session_csrf_ok(&r->se, tok);
}

enum MHD_Result web_login_page(struct req *r, const char *error, unsigned status)
{
    if (!r->logged_in)
        r->ar = guess_arabic(r);
    /* the browser's pre-login token when it has one: a second tab, or the
     * favicon request a browser makes beside the form, must not replace the
     * cookie of the form already on screen */
    char tok[65];
    const char *pre = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, LOGIN_COOKIE);
    if (hex_ok(pre, 64))
        memcpy(tok, pre, 65);
    else {
        unsigned char raw[32];
        randombytes_buf(raw, sizeof raw);
        sodium_bin2hex(tok, sizeof tok, raw, sizeof raw);
        cookie(r, LOGIN_COOKIE, tok, 0);
    }
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Connexion", "تسجيل الدخول"));
    buf_puts(&b, "<main class=\"login\"><h1>");
    h_esc(&b, T(r, "Bureau d'ordre — connexion", "مكتب الضبط — تسجيل الدخول"));
    buf_puts(&b, "</h1>");
    if (error) {
        buf_puts(&b, "<p class=\"error\" role=\"alert\">");
        h_esc(&b, error);
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"token\" "
                 "value=\"");
    buf_puts(&b, tok);
    buf_printf(&b, "\"><input type=\"hidden\" name=\"lang\" value=\"%s\"><p><label for=\"login\">",
               r->ar ? "ar" : "fr");
    h_esc(&b, T(r, "Identifiant", "اسم المستخدم"));
    buf_puts(&b, "</label><input id=\"login\" name=\"login\" autocomplete=\"username\" required "
                 "maxlength=\"64\" dir=\"ltr\"></p><p><label for=\"password\">");
    h_esc(&b, T(r, "Mot de passe", "كلمة المرور"));
    buf_puts(&b, "</label><input id=\"password\" name=\"password\" type=\"password\" "
                 "autocomplete=\"current-password\" required maxlength=\"1024\" dir=\"ltr\"></p>"
                 "<p><button type=\"submit\">");
    h_esc(&b, T(r, "Se connecter", "دخول"));
    buf_printf(&b, "</button></p></form><p class=\"langs\"><a href=\"/login?lang=%s\">%s</a></p>"
                   "</main>",
               r->ar ? "fr" : "ar", r->ar ? "Français" : "العربية");
    page_end(&b);
    sodium_memzero(tok, sizeof tok);
    return web_send_page(r, status, &b);
}

enum MHD_Result web_login_post(struct req *r)
{
    const char *lang = web_field(r, "lang");
    r->ar = lang && !strcmp(lang, "ar");
    const char *tok = web_field(r, "token");
    const char *pre = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, LOGIN_COOKIE);
    if (!web_same_origin(r) || !hex_ok(tok, 64) || !hex_ok(pre, 64) || sodium_memcmp(tok, pre, 64) != 0)
        return web_login_page(r, T(r, "Le formulaire a expiré : recommencez.",
                                   "انتهت صلاحية النموذج: أعيدوا المحاولة."),
                              MHD_HTTP_FORBIDDEN);
    const char *login = web_field(r, "login");
    const char *pw = web_field(r, "password");
    struct store *s = r->c->store;
    char *cause = NULL;
    int64_t retry = 0;
    if (!login || !pw)
        return web_login_page(r, T(r, "Identifiant ou mot de passe incorrect.",
                                   "اسم المستخدم أو كلمة المرور غير صحيحة."),
                              MHD_HTTP_UNAUTHORIZED);
    int th = login_throttled(s, login, r->addr, r->now, &retry, &cause);
    if (th < 0) { /* the register cannot say: no login now, and not a throttle */
        log_msg(LOG_LV_ERROR, "web: login of %s: %s", r->addr, cause ? cause : "?");
        free(cause);
        return web_login_page(r, T(r, "Connexion impossible pour l'instant : réessayez.",
                                   "تعذر الدخول حاليا: أعيدوا المحاولة."),
                              MHD_HTTP_SERVICE_UNAVAILABLE);
    }
    if (th != 0) {
        free(cause);
        char *msg = xasprintf(T(r, "Trop d'essais : réessayez dans %lld minute(s).",
                                "محاولات كثيرة: أعيدوا المحاولة بعد %lld دقيقة."),
                              (long long)((retry + 59) / 60));
        log_msg(LOG_LV_WARN, "web: login throttled for %s", r->addr);
        enum MHD_Result ret = web_login_page(r, msg, MHD_HTTP_TOO_MANY_REQUESTS);
        free(msg);
        return ret;
    }
    struct account a;
    int rc = account_check_password(s, login, pw, &a, &cause);
    free(cause);
    cause = NULL;
    if (login_record(s, login, r->addr, rc == 0, r->now, &cause) < 0)
        log_msg(LOG_LV_ERROR, "web: login record: %s", cause ? cause : "?");
    free(cause);
    cause = NULL;
    if (rc != 0)
        return web_login_page(r, T(r, "Identifiant ou mot de passe incorrect.",
                                   "اسم المستخدم أو كلمة المرور غير صحيحة."),
                              MHD_HTTP_UNAUTHORIZED);
    char sid[65];
    rc = session_create(s, a.id, r->addr, r->now, sid, NULL, &cause);
    account_free(&a);
    if (rc != 0) {
        log_msg(LOG_LV_ERROR, "web: session: %s", cause ? cause : "?");
        free(cause);
        return web_write_passes(r) ? web_write_later(r)
                                   : web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                               "Erreur du registre", "خطأ في السجل");
    }
    cookie(r, SID_COOKIE, sid, 0);
    cookie(r, LOGIN_COOKIE, "", 1);
    sodium_memzero(sid, sizeof sid);
    return web_send_redirect(r, "/");
}

enum MHD_Result web_logout(struct req *r)
{
    char *cause = NULL;
    session_destroy(r->c->store, r->sid, &cause);
    free(cause);
    cookie(r, SID_COOKIE, "", 1);
    return web_send_redirect(r, "/login");
}

/* "back" is one of our own paths, else the queues. */
static const char *safe_back(const char *b)
{
    if (!b || b[0] != '/' || b[1] == '/' || b[1] == '\\' || strlen(b) > 1024 || str_has_ctl(b, 0))
        return "/";
    return b;
}

enum MHD_Result web_lang_post(struct req *r)
{
    const char *lang = web_field(r, "lang");
    char *cause = NULL;
    if (!lang || (strcmp(lang, "ar") && strcmp(lang, "fr")))
        return web_error(r, MHD_HTTP_BAD_REQUEST, "Langue inconnue", "لغة غير معروفة");
    if (account_set_lang(r->c->store, r->a.id, lang, &cause) != 0)
        log_msg(LOG_LV_ERROR, "web: lang: %s", cause ? cause : "?");
    free(cause);
    return web_send_redirect(r, safe_back(web_field(r, "back")));
}
