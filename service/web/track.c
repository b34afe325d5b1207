/* track.c — the citizen's tracking page (issue 16, item 5; track.h):
 * GET /suivi/NUMBER/TOKEN, and the two forms on it, POST .../avis
 * (satisfied or not, once) and .../rouvrir (re-open once, within
 * [web] reopen_days of the answer). Public: no session.
 *
 * What the page shows is the register's public side only: the number, the
 * kind, the department, the date received, the legal deadline, the status
 * and the dates of the status moves, the extension with its reason, and what
 * the citizen did here. Never a name, an address, a subject or any text of
 * the message, nor a clerk's note.
 *
 * An unknown number, a wrong token and a malformed path give the same
 * answer, byte for byte (track_check does the same work for each). Every
 * request under /suivi/ counts against its address (trusted_proxy: the
 * forwarded one): past [web] track_per_minute, 429. The forms carry a
 * double-submit token (cookie and field) and must come from our Origin,
 * as the login form does. */
#include <arpa/inet.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bureau/correct.h"
#include "bureau/lifecycle.h"
#include "bureau/log.h"
#include "bureau/track.h"
#include "web_int.h"

#define TRACK_COOKIE "bureau_track"
#define TRACK_REASON_MAX 1000 /* bytes of the citizen's reason to re-open */
#define RL_SLOTS 4096

/* --- the rate limit: a token bucket per address (an IPv6 one by its /64) -------- */

struct rl_slot {
    char key[64];
    int64_t last_ms;
    int64_t milli; /* thousandths of a request left */
};

static struct rl_slot rl_table[RL_SLOTS];
static pthread_mutex_t rl_mu = PTHREAD_MUTEX_INITIALIZER;

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void rl_key(const char *addr, char out[64])
{
    unsigned char a6[16];
    if (strchr(addr, ':') && inet_pton(AF_INET6, addr, a6) == 1) {
        memset(a6 + 8, 0, 8);
        inet_ntop(AF_INET6, a6, out, 64);
        return;
    }
    snprintf(out, 64, "%s", addr);
}

/* 1 when addr may make one more request now. Two addresses falling in the
 * same slot while both are active share one bucket (the stricter way). */
static int rate_ok(const char *addr, unsigned per_minute)
{
    char key[64];
    uint32_t h = 2166136261u;
    rl_key(addr, key);
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    int64_t now = mono_ms(), cap = (int64_t)per_minute * 1000;
    pthread_mutex_lock(&rl_mu);
    struct rl_slot *s = &rl_table[h % RL_SLOTS];
    if (s->key[0]) {
        s->milli += (now - s->last_ms) * per_minute / 60;
        if (s->milli > cap)
            s->milli = cap;
    }
    if (!s->key[0] || (strcmp(s->key, key) && s->milli >= cap)) {
        snprintf(s->key, sizeof s->key, "%s", key);
        s->milli = cap;
    }
    s->last_ms = now;
    int ok = s->milli >= 1000;
    if (ok)
        s->milli -= 1000;
    pthread_mutex_unlock(&rl_mu);
    return ok;
}

/* --- the answers ------------------------------------------------------------------ */

static void lang_of(struct req *r)
{
    const char *l = r->post ? web_field(r, "lang") : web_arg(r, "lang");
    if (l) {
        r->ar = !strcmp(l, "ar");
        return;
    }
    const char *al = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept-Language");
    r->ar = al && (al[0] == 'a' || al[0] == 'A') && (al[1] == 'r' || al[1] == 'R');
}

/* A short page in the request's language with the other language below. */
static enum MHD_Result notice(struct req *r, unsigned status, const char *fr, const char *ar)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, fr, ar));
    buf_puts(&b, "<main class=\"track\"><h1>");
    h_esc(&b, T(r, fr, ar));
    buf_printf(&b, "</h1><p lang=\"%s\" dir=\"%s\">", r->ar ? "fr" : "ar", r->ar ? "ltr" : "rtl");
    h_esc(&b, r->ar ? fr : ar);
    buf_puts(&b, "</p></main>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

static enum MHD_Result unknown(struct req *r)
{
    return notice(r, MHD_HTTP_NOT_FOUND,
                  "Dossier introuvable : vérifiez le lien reçu dans l'accusé de réception.",
                  "الملف غير موجود: تحققوا من الرابط الوارد في إشعار التوصل.");
}

/* --- what the register says, publicly --------------------------------------------- */

static int answer_status(const char *s)
{
    return s && (!strcmp(s, "answered") || !strcmp(s, "closed"));
}

/* "OLD -> NEW[...]": the two words, or -1. */
static int transition(const char *d, char old[32], char nw[32])
{
    const char *arrow = d ? strstr(d, " -> ") : NULL;
    size_t n = arrow ? (size_t)(arrow - d) : 0;
    if (!arrow || n == 0 || n >= 32)
        return -1;
    memcpy(old, d, n);
    old[n] = '\0';
    const char *a = arrow + 4;
    n = 0;
    while (n < 31 && ((a[n] >= 'a' && a[n] <= 'z') || a[n] == '-'))
        n++;
    memcpy(nw, a, n);
    nw[n] = '\0';
    return n ? 0 : -1;
}

struct facts {
    int64_t answered_at; /* the last move from an open status to an answer; 0 none */
    int reopened;        /* the citizen re-opened it */
    const char *opinion; /* "satisfied" / "not-satisfied" / NULL */
    char opinion_buf[16];
};

static void event_li(struct buf *b, struct req *r, int64_t at, const char *fr, const char *ar,
                     const char *detail)
{
    buf_puts(b, "<li>");
    h_date(b, at);
    buf_puts(b, " — ");
    h_esc(b, T(r, fr, ar));
    if (detail) {
        buf_puts(b, T(r, " — motif : ", " — السبب: "));
        h_bdi(b, detail);
    }
    buf_puts(b, "</li>");
}

static void status_li(struct buf *b, struct req *r, int64_t at, const char *old, const char *nw)
{
    if (!strcmp(nw, "in-progress") && !lifecycle_is_open(old))
        event_li(b, r, at, "Dossier ré-ouvert", "أعيد فتح الملف", NULL);
    else
        event_li(b, r, at, lifecycle_status_fr(nw), lifecycle_status_ar(nw), NULL);
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* The public events of entry id as <li>s into b (NULL: only f). */
static int public_events(struct store *s, struct req *r, int64_t id, struct buf *b, struct facts *f,
                         char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT at, action, detail FROM events WHERE entry_id = ? AND "
                                  "action IN ('registered', 'status', 'extended', "
                                  "'" TRACK_REOPEN_EVENT "', '" TRACK_SATISFACTION_EVENT "') "
                                  "ORDER BY at, id",
                                  cause);
    if (!st)
        return -1;
    memset(f, 0, sizeof *f);
    sqlite3_bind_int64(st, 1, id);
    int rc;
    char old[32], nw[32];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t at = sqlite3_column_int64(st, 0);
        const char *action = col(st, 1), *detail = col(st, 2);
        if (!strcmp(action, "status")) {
            if (transition(detail, old, nw) < 0)
                continue;
            if (answer_status(nw) && !answer_status(old))
                f->answered_at = at;
            if (b)
                status_li(b, r, at, old, nw);
        } else if (!strcmp(action, "registered") && b)
            event_li(b, r, at, "Enregistré au bureau d'ordre", "سجل في مكتب الضبط", NULL);
        else if (!strcmp(action, "extended") && b)
            event_li(b, r, at, "Délai de réponse prorogé", "تم تمديد أجل الرد", detail);
        else if (!strcmp(action, TRACK_REOPEN_EVENT))
            f->reopened = 1;
        else if (!strcmp(action, TRACK_SATISFACTION_EVENT)) {
            snprintf(f->opinion_buf, sizeof f->opinion_buf, "%s", detail ? detail : "");
            f->opinion = f->opinion_buf;
            if (b)
                event_li(b, r, at,
                         strcmp(f->opinion, "satisfied") ? "Votre avis : pas satisfait(e)"
                                                         : "Votre avis : satisfait(e)",
                         strcmp(f->opinion, "satisfied") ? "رأيكم: غير راض(ية)" : "رأيكم: راض(ية)",
                         NULL);
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "events: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

/* 1 when the citizen may still re-open e (f from public_events). */
static int may_reopen(const struct req *r, const struct entry *e, const struct facts *f)
{
    unsigned days = r->c->cfg->web.reopen_days;
    return days && answer_status(e->status) && !f->reopened && f->answered_at &&
           r->now - f->answered_at <= (int64_t)days * 86400;
}

static int may_give_opinion(const struct entry *e, const struct facts *f)
{
    return answer_status(e->status) && !f->opinion;
}

/* --- the page ------------------------------------------------------------------------- */

static int hex64(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return 0;
    return 1;
}

/* The form token: the browser's cookie when it has one, else a new one set. */
static void form_token(struct req *r, char tok[65])
{
    const char *c = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, TRACK_COOKIE);
    if (hex64(c)) {
        memcpy(tok, c, 65);
        return;
    }
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(tok, 65, raw, sizeof raw);
    char *ck = xasprintf("%s=%s; Path=/suivi/; HttpOnly; SameSite=Strict%s", TRACK_COOKIE, tok,
                         r->w->tls ? "; Secure" : "");
    web_set_cookie(r, ck);
    free(ck);
}

static void fact(struct buf *b, const char *label, const char *id)
{
    buf_puts(b, "<dt>");
    h_esc(b, label);
    buf_printf(b, "</dt><dd id=\"%s\">", id);
}

static void facts_dl(struct buf *b, struct req *r, const struct entry *e)
{
    buf_puts(b, "<dl class=\"facts\">");
    fact(b, T(r, "Numéro d'ordre", "رقم الترتيب"), "number");
    h_ltr(b, e->number);
    buf_puts(b, "</dd>");
    fact(b, T(r, "Nature", "النوع"), "kind");
    h_esc(b, web_kind_label(r, e->kind));
    buf_puts(b, "</dd>");
    fact(b, T(r, "Service compétent", "المصلحة المختصة"), "department");
    h_esc(b, web_dept_label(r, e->department));
    buf_puts(b, "</dd>");
    fact(b, T(r, "Reçu le", "تاريخ التوصل"), "received");
    h_date(b, e->received_at);
    buf_puts(b, "</dd>");
    fact(b, T(r, "Délai légal de réponse", "الأجل القانوني للجواب"), "due");
    if (e->due_date && *e->due_date)
        h_ltr(b, e->due_date);
    else
        h_esc(b, T(r, "sans délai légal", "بدون أجل قانوني"));
    buf_puts(b, "</dd>");
    fact(b, T(r, "État", "الحالة"), "status");
    h_esc(b, web_status_label(r, e->status));
    buf_puts(b, "</dd></dl>");
}

static void form_open(struct buf *b, struct req *r, const char *base, const char *what,
                      const char *tok)
{
    buf_puts(b, "<form method=\"post\" action=\"");
    h_esc(b, base);
    buf_printf(b, "/%s\" id=\"form-%s\">", what, what);
    buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", tok);
    buf_printf(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", r->ar ? "ar" : "fr");
}

static void forms(struct buf *b, struct req *r, const struct entry *e, const struct facts *f,
                  const char *base)
{
    int opinion = may_give_opinion(e, f), reopen = may_reopen(r, e, f);
    if (!opinion && !reopen)
        return;
    char tok[65];
    form_token(r, tok);
    buf_puts(b, "<section class=\"actions\">");
    if (opinion) {
        form_open(b, r, base, "avis", tok);
        buf_puts(b, "<p>");
        h_esc(b, T(r, "La réponse vous a-t-elle satisfait(e) ?", "هل أرضاكم الجواب؟"));
        buf_puts(b, "</p><button type=\"submit\" name=\"answer\" value=\"yes\" id=\"satisfied\">");
        h_esc(b, T(r, "Oui", "نعم"));
        buf_puts(b, "</button> <button type=\"submit\" name=\"answer\" value=\"no\" "
                    "id=\"not-satisfied\">");
        h_esc(b, T(r, "Non", "لا"));
        buf_puts(b, "</button></form>");
    }
    if (reopen) {
        form_open(b, r, base, "rouvrir", tok);
        buf_puts(b, "<p><label for=\"reason\">");
        h_esc(b, T(r, "Ré-ouvrir le dossier (une seule fois) : pourquoi ?",
                   "إعادة فتح الملف (مرة واحدة فقط): لماذا؟"));
        buf_printf(b,
                   "</label></p><p><textarea id=\"reason\" name=\"reason\" dir=\"auto\" "
                   "rows=\"3\" cols=\"60\" required maxlength=\"%d\"></textarea></p>"
                   "<p><button type=\"submit\" id=\"reopen\">",
                   TRACK_REASON_MAX);
        h_esc(b, T(r, "Ré-ouvrir", "إعادة الفتح"));
        buf_puts(b, "</button></p></form>");
    }
    buf_puts(b, "</section>");
    sodium_memzero(tok, sizeof tok);
}

static enum MHD_Result page(struct req *r, const struct entry *e, const char *base)
{
    struct buf b, ev;
    struct facts f;
    char *cause = NULL;
    buf_init(&ev, WEB_PAGE_MAX);
    if (public_events(r->c->store, r, e->id, &ev, &f, &cause) < 0) {
        log_msg(LOG_LV_ERROR, "web: track: %s", cause ? cause : "?");
        free(cause);
        buf_free(&ev);
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    }
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Suivi de votre dossier", "تتبع ملفكم"));
    buf_puts(&b, "<main class=\"track\"><p class=\"langs\">");
    buf_puts(&b, "<a href=\"");
    h_esc(&b, base);
    buf_printf(&b, "?lang=%s\" lang=\"%s\" id=\"other-lang\">%s</a></p><h1>", r->ar ? "fr" : "ar",
               r->ar ? "fr" : "ar", r->ar ? "Français" : "العربية");
    h_esc(&b, T(r, "Suivi de votre dossier", "تتبع ملفكم"));
    buf_puts(&b, "</h1>");
    const char *ok = web_arg(r, "ok");
    if (ok && (!strcmp(ok, "avis") || !strcmp(ok, "rouvrir"))) {
        buf_puts(&b, "<p class=\"done\" role=\"status\" id=\"ok\">");
        h_esc(&b, !strcmp(ok, "avis")
                      ? T(r, "Merci : votre avis est enregistré.", "شكرا: تم تسجيل رأيكم.")
                      : T(r, "Votre dossier est ré-ouvert : le service le reprend.",
                          "أعيد فتح ملفكم: ستعود المصلحة إلى معالجته."));
        buf_puts(&b, "</p>");
    }
    facts_dl(&b, r, e);
    buf_puts(&b, "<h2>");
    h_esc(&b, T(r, "Étapes", "المراحل"));
    buf_puts(&b, "</h2><ul class=\"timeline\" id=\"events\">");
    buf_append(&b, ev.data, ev.len);
    buf_puts(&b, "</ul>");
    buf_free(&ev);
    forms(&b, r, e, &f, base);
    page_end(&b);
    return web_send_page(r, MHD_HTTP_OK, &b);
}

/* --- the forms ------------------------------------------------------------------------ */

static int form_ok(struct req *r)
{
    const char *tok = web_field(r, "csrf");
    const char *c = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, TRACK_COOKIE);
    return web_same_origin(r) && hex64(tok) && hex64(c) && sodium_memcmp(tok, c, 64) == 0;
}

/* Inside the transaction, on e as it is now: 0 done, 1 refused (*why
 * static), -1 database error. */
static int opinion_tx(struct req *r, const struct entry *e, const char **why, char **cause)
{
    struct facts f;
    const char *a = web_field(r, "answer");
    if (!a || (strcmp(a, "yes") && strcmp(a, "no"))) {
        *why = "answer";
        return 1;
    }
    if (public_events(r->c->store, r, e->id, NULL, &f, cause) < 0)
        return -1;
    if (!may_give_opinion(e, &f)) {
        *why = "opinion";
        return 1;
    }
    return store_event(r->c->store, e->id, TRACK_CITIZEN, TRACK_SATISFACTION_EVENT,
                       !strcmp(a, "yes") ? "satisfied" : "not-satisfied", cause);
}

static int reopen_tx(struct req *r, const struct entry *e, const char **why, char **cause)
{
    struct facts f;
    struct store *s = r->c->store;
    const char *reason = web_field(r, "reason");
    if (!reason || !cli_text_ok(reason, TRACK_REASON_MAX, 1)) {
        *why = "reason";
        return 1;
    }
    if (public_events(s, r, e->id, NULL, &f, cause) < 0)
        return -1;
    if (!may_reopen(r, e, &f)) {
        *why = "reopen";
        return 1;
    }
    const struct status_move mv = {.to = "in-progress"};
    if (store_event(s, e->id, TRACK_CITIZEN, TRACK_REOPEN_EVENT, reason, cause) < 0 ||
        correct_tx_status(s, &r->c->notify, e, &mv, TRACK_CITIZEN, cause) < 0)
        return -1;
    if (store_tx_entry_set(s, e->id, "attention", "re-opened by the citizen", TRACK_CITIZEN,
                           "re-opened by the citizen from the tracking page", cause) < 0)
        return -1;
    return notify_tx_reopened(s, &r->c->notify, e, reason, cause);
}

static enum MHD_Result refused(struct req *r, const char *why, const char *base)
{
    const char *fr = "Cette demande n'est plus possible pour ce dossier.";
    const char *ar = "لم يعد هذا الطلب ممكنا بالنسبة لهذا الملف.";
    unsigned status = MHD_HTTP_CONFLICT;
    if (!strcmp(why, "form")) {
        fr = "Le formulaire a expiré : rechargez la page et recommencez.";
        ar = "انتهت صلاحية النموذج: أعيدوا تحميل الصفحة والمحاولة.";
        status = MHD_HTTP_FORBIDDEN;
    } else if (!strcmp(why, "reason") || !strcmp(why, "answer")) {
        fr = "Indiquez en quelques mots pourquoi (1000 octets au plus, texte seulement).";
        ar = "اذكروا السبب في كلمات قليلة (1000 بايت على الأكثر، نص فقط).";
        status = MHD_HTTP_BAD_REQUEST;
    }
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, fr, ar));
    buf_puts(&b, "<main class=\"track\"><p class=\"error\" role=\"alert\" id=\"refused\">");
    h_esc(&b, T(r, fr, ar));
    buf_puts(&b, "</p><p><a href=\"");
    h_esc(&b, base);
    buf_printf(&b, "?lang=%s\">", r->ar ? "ar" : "fr");
    h_esc(&b, T(r, "Retour au dossier", "العودة إلى الملف"));
    buf_puts(&b, "</a></p></main>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

static enum MHD_Result act(struct req *r, const struct entry *e, const char *what, const char *base)
{
    struct store *s = r->c->store;
    char *cause = NULL;
    const char *why = NULL;
    if (!form_ok(r))
        return refused(r, "form", base);
    int rc = store_begin(s, &cause);
    struct entry now;
    if (rc == 0)
        rc = store_entry_by_id(s, e->id, &now, &cause);
    if (rc == 0) {
        rc = !strcmp(what, "avis") ? opinion_tx(r, &now, &why, &cause)
                                   : reopen_tx(r, &now, &why, &cause);
        entry_free(&now);
    }
    if (rc == 0)
        rc = store_commit(s, &cause);
    if (rc != 0)
        store_rollback(s);
    if (rc < 0) {
        log_msg(LOG_LV_ERROR, "web: track %s: %s", what, cause ? cause : "?");
        free(cause);
        return web_write_passes(r) ? web_write_later(r)
                                   : web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
                                               "Erreur du registre", "خطأ في السجل");
    }
    free(cause);
    if (rc > 0)
        return refused(r, why, base);
    char *loc = xasprintf("%s?lang=%s&ok=%s", base, r->ar ? "ar" : "fr", what);
    enum MHD_Result ret = web_send_redirect(r, loc);
    free(loc);
    return ret;
}

/* --- the route ------------------------------------------------------------------------ */

/* "NUMBER/TOKEN[/WHAT]" into its parts (copies, capped); 0 or -1. */
static int split_path(const char *rest, char num[TRACK_MAX_NUMBER + 2],
                      char tok[TRACK_TOKEN_LEN + 2], const char **what)
{
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : 0;
    if (!slash || n == 0 || n > TRACK_MAX_NUMBER)
        return -1;
    memcpy(num, rest, n);
    num[n] = '\0';
    const char *t = slash + 1, *end = strchr(t, '/');
    size_t tn = end ? (size_t)(end - t) : strlen(t);
    if (tn != TRACK_TOKEN_LEN)
        return -1;
    memcpy(tok, t, tn);
    tok[tn] = '\0';
    *what = end ? end + 1 : "";
    return 0;
}

enum MHD_Result web_track(struct req *r, const char *rest)
{
    char num[TRACK_MAX_NUMBER + 2] = "", tok[TRACK_TOKEN_LEN + 2] = "";
    const char *what = "";
    char *cause = NULL;
    int64_t id = 0;
    lang_of(r);
    if (!rate_ok(r->addr, r->c->cfg->web.track_per_minute)) {
        log_msg(LOG_LV_WARN, "web: tracking pages rate-limited for %s", r->addr);
        return notice(r, MHD_HTTP_TOO_MANY_REQUESTS,
                      "Trop de demandes : réessayez dans une minute.",
                      "طلبات كثيرة: أعيدوا المحاولة بعد دقيقة.");
    }
    int shape = split_path(rest, num, tok, &what) == 0;
    int found = track_check(r->c->store, num, tok, &id, &cause);
    /* our own path back: what matched, nothing the request added */
    char *base = found == 1 ? xasprintf("/suivi/%s/%s", num, tok) : NULL;
    sodium_memzero(tok, sizeof tok);
    if (found < 0) {
        log_msg(LOG_LV_ERROR, "web: track: %s", cause ? cause : "?");
        free(cause);
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    }
    int get = !r->post && !*what;
    int post = r->post && (!strcmp(what, "avis") || !strcmp(what, "rouvrir"));
    struct entry e;
    if (!shape || found != 1 || !(get || post) ||
        store_entry_by_id(r->c->store, id, &e, &cause) < 0) {
        free(cause);
        free(base);
        return unknown(r);
    }
    enum MHD_Result ret = get ? page(r, &e, base) : act(r, &e, what, base);
    free(base);
    entry_free(&e);
    return ret;
}
