/* server.c — the console's HTTP server: libmicrohttpd on one internal
 * thread, the caps on what a request may bring, the answers with their
 * security headers, and the routing of paths to pages (web_int.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "bureau/log.h"
#include "bureau/web.h"
#include "web_int.h"

#define WEB_MAX_COOKIES 4

/* what an answer carries besides its body: kept per request */
struct answer_extra {
    char *cookies[WEB_MAX_COOKIES];
    size_t n;
};

static struct answer_extra *extra_of(struct req *r);

/* --- answers ---------------------------------------------------------------- */

static void security_headers(struct req *r, struct MHD_Response *resp)
{
    MHD_add_response_header(resp, "Content-Security-Policy",
                            "default-src 'none'; style-src 'self'; img-src 'self'; "
                            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->w->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    struct answer_extra *x = extra_of(r);
    for (size_t i = 0; x && i < x->n; i++)
        MHD_add_response_header(resp, "Set-Cookie", x->cookies[i]);
}

static enum MHD_Result queue(struct req *r, unsigned status, struct MHD_Response *resp)
{
    if (!resp)
        return MHD_NO;
    security_headers(r, resp);
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(resp, "Retry-After", "30");
    enum MHD_Result ret = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

enum MHD_Result web_send_page(struct req *r, unsigned status, struct buf *page)
{
    size_t n = page->len;
    char *data = buf_steal(page);
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
    return queue(r, status, resp);
}

enum MHD_Result web_send_redirect(struct req *r, const char *location)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    /* only our own paths: never an address taken from the request */
    MHD_add_response_header(resp, "Location", location[0] == '/' && location[1] != '/' ? location : "/");
    return queue(r, MHD_HTTP_SEE_OTHER, resp);
}

/* RFC 6266: an ASCII fallback name and the UTF-8 one, percent-encoded. */
static char *disposition(const char *filename)
{
    struct buf b;
    buf_init(&b, 8192);
    buf_puts(&b, "attachment; filename=\"");
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)filename; *p && n < 200; p++, n++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 *p == '.' || *p == '-' || *p == '_';
        buf_putc(&b, ok ? (char)*p : '_');
    }
    buf_puts(&b, "\"; filename*=UTF-8''");
    n = 0;
    for (const unsigned char *p = (const unsigned char *)filename; *p && n < 600; p++, n++) {
        int ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 *p == '.' || *p == '-' || *p == '_';
        if (ok)
            buf_putc(&b, (char)*p);
        else
            buf_printf(&b, "%%%02X", *p);
    }
    return buf_steal(&b);
}

/* A content type as a token/token, else application/octet-stream; never
 * a type a browser would render as a page. */
static const char *safe_ctype(const char *ct)
{
    if (!ct || !*ct || strlen(ct) > 100)
        return "application/octet-stream";
    for (const char *p = ct; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              strchr("/.+-_", *p)))
            return "application/octet-stream";
    if (str_has_prefix_ci(ct, "text/html") || str_has_prefix_ci(ct, "application/xhtml") ||
        str_has_prefix_ci(ct, "image/svg") || str_has_prefix_ci(ct, "text/xml") ||
        str_has_prefix_ci(ct, "application/xml"))
        return "application/octet-stream";
    return ct;
}

enum MHD_Result web_send_download(struct req *r, char *data, size_t n, const char *ctype,
                                  const char *filename)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(n, data, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(data);
        return MHD_NO;
    }
    char *cd = disposition(filename && *filename ? filename : "download");
    MHD_add_response_header(resp, "Content-Type", safe_ctype(ctype));
    MHD_add_response_header(resp, "Content-Disposition", cd);
    free(cd);
    return queue(r, MHD_HTTP_OK, resp);
}

enum MHD_Result web_error(struct req *r, unsigned status, const char *fr, const char *ar)
{
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, fr, ar));
    buf_puts(&b, "<h1>");
    h_esc(&b, T(r, fr, ar));
    buf_puts(&b, "</h1><p><a href=\"/\">");
    h_esc(&b, T(r, "Retour aux files de travail", "العودة إلى قوائم العمل"));
    buf_puts(&b, "</a></p>");
    page_end(&b);
    return web_send_page(r, status, &b);
}

int web_write_passes(struct req *r)
{
    return r->c && store_fault_temporary(r->c->store);
}

enum MHD_Result web_write_later(struct req *r)
{
    return web_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
                     "Rien n'a été enregistré : le registre ne peut pas écrire pour le moment "
                     "(disque plein ou registre occupé). Réessayez dans un moment.",
                     "لم يسجل أي شيء: لا يمكن للسجل الكتابة حاليا (القرص ممتلئ أو السجل "
                     "مشغول). أعيدوا المحاولة بعد قليل.");
}

enum MHD_Result web_not_found(struct req *r)
{
    return web_error(r, MHD_HTTP_NOT_FOUND, "Introuvable", "غير موجود");
}

/* --- request values --------------------------------------------------------------- */

const char *web_arg(struct req *r, const char *key)
{
    const char *v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
    if (v && strlen(v) > WEB_MAX_FIELD)
        return NULL;
    return v;
}

const char *web_field(const struct req *r, const char *key)
{
    for (size_t i = 0; i < r->nf; i++)
        if (!strcmp(r->f[i].key, key) && !r->f[i].filename)
            return r->f[i].val;
    return NULL;
}

const struct form_field *web_file(const struct req *r, const char *key)
{
    for (size_t i = 0; i < r->nf; i++)
        if (!strcmp(r->f[i].key, key) && r->f[i].filename)
            return &r->f[i];
    return NULL;
}

/* The extra answer state lives after the req in the same allocation. */
struct req_alloc {
    struct req r;
    struct answer_extra x;
    char origin[300];
};

static struct answer_extra *extra_of(struct req *r)
{
    return &((struct req_alloc *)r)->x;
}

void web_set_cookie(struct req *r, const char *cookie)
{
    struct answer_extra *x = extra_of(r);
    if (x->n < WEB_MAX_COOKIES)
        x->cookies[x->n++] = xstrdup(cookie);
}

const char *web_origin(struct req *r)
{
    char *o = ((struct req_alloc *)r)->origin;
    const char *base = r->w->cli.cfg->web.base_url;
    if (base) {
        /* scheme://host[:port] of base_url */
        const char *h = strstr(base, "://");
        const char *end = h ? strchr(h + 3, '/') : NULL;
        size_t n = end ? (size_t)(end - base) : strlen(base);
        snprintf(o, sizeof ((struct req_alloc *)r)->origin, "%.*s", (int)n, base);
        return o;
    }
    const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
    if (!host || strlen(host) > 255 || str_has_ctl(host, 0))
        host = "";
    snprintf(o, sizeof ((struct req_alloc *)r)->origin, "%s://%s", r->w->tls ? "https" : "http", host);
    return o;
}

/* --- the form ----------------------------------------------------------------------- */

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *ctype, const char *enc,
                                const char *data, uint64_t off, size_t size)
{
    (void)kind;
    (void)enc;
    struct req *r = cls;
    struct form_field *f = NULL;
    if (!key)
        return MHD_NO;
    /* continuation of the last field */
    if (r->nf && off > 0 && !strcmp(r->f[r->nf - 1].key, key))
        f = &r->f[r->nf - 1];
    else {
        if (r->nf >= WEB_MAX_FIELDS || strlen(key) > 64) {
            r->refused = MHD_HTTP_CONTENT_TOO_LARGE;
            return MHD_NO;
        }
        f = &r->f[r->nf++];
        f->key = xstrdup(key);
        f->val = xstrdup("");
        f->len = 0;
        /* capped, and never read past the end of a shorter one */
        f->filename = filename ? xstrndup(filename, strnlen(filename, 255)) : NULL;
        f->ctype = ctype ? xstrndup(ctype, strnlen(ctype, 100)) : NULL;
    }
    size_t cap = f->filename ? WEB_MAX_UPLOAD : WEB_MAX_FIELD;
    if (f->len + size > cap) {
        r->refused = MHD_HTTP_CONTENT_TOO_LARGE;
        return MHD_NO;
    }
    f->val = xrealloc(f->val, f->len + size + 1);
    memcpy(f->val + f->len, data, size);
    f->len += size;
    f->val[f->len] = '\0';
    return MHD_YES;
}

/* Browsers send a textarea's line ends as CRLF (HTML's form encoding): the
 * register keeps text with LF, as the CLI gives it. */
static void form_line_ends(struct req *r)
{
    for (size_t i = 0; i < r->nf; i++) {
        struct form_field *f = &r->f[i];
        if (f->filename)
            continue;
        size_t o = 0;
        for (size_t k = 0; k < f->len; k++)
            if (!(f->val[k] == '\r' && k + 1 < f->len && f->val[k + 1] == '\n'))
                f->val[o++] = f->val[k];
        f->len = o;
        f->val[o] = '\0';
    }
}

static void req_free(struct req *r)
{
    if (!r)
        return;
    if (r->pp)
        MHD_destroy_post_processor(r->pp);
    for (size_t i = 0; i < r->nf; i++) {
        free(r->f[i].key);
        if (r->f[i].val)
            explicit_bzero(r->f[i].val, r->f[i].len);
        free(r->f[i].val);
        free(r->f[i].filename);
        free(r->f[i].ctype);
    }
    web_auth_free(r);
    struct answer_extra *x = extra_of(r);
    for (size_t i = 0; i < x->n; i++)
        free(x->cookies[i]);
    free(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)conn;
    (void)toe;
    req_free(*con_cls);
    *con_cls = NULL;
}

static enum MHD_Result add_arg_len(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    *(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 2;
    return MHD_YES;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    (void)kind;
    (void)key;
    (void)value;
    (*(size_t *)cls)++;
    return MHD_YES;
}

/* The client's address; behind the trusted proxy, the last address of its
 * X-Forwarded-For (the one the proxy itself added). */
static void client_address(struct req *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char host[64] = "?";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, host,
                      sizeof host);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, host,
                      sizeof host);
    }
    const char *proxy = r->w->cli.cfg->web.trusted_proxy;
    const char *xff = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Forwarded-For");
    if (proxy && xff && !strcmp(proxy, host)) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ')
            last++;
        size_t n = strlen(last);
        while (n && last[n - 1] == ' ')
            n--;
        if (n > 0 && n < sizeof host && !str_has_ctl(last, 0)) {
            memcpy(host, last, n);
            host[n] = '\0';
        }
    }
    snprintf(r->addr, sizeof r->addr, "%s", host);
}

/* --- routing ------------------------------------------------------------------------ */

static enum MHD_Result web_send_empty(struct req *r, unsigned status)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    return resp ? queue(r, status, resp) : MHD_NO;
}

static enum MHD_Result send_css(struct req *r)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        strlen(web_stylesheet), (void *)web_stylesheet, MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", "text/css; charset=utf-8");
    return queue(r, MHD_HTTP_OK, resp);
}

const char *web_path_id(const char *s, int64_t *id)
{
    int64_t v = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9' && digits < 15) {
        v = v * 10 + (*s++ - '0');
        digits++;
    }
    if (!digits || v <= 0 || (*s && *s != '/'))
        return NULL;
    *id = v;
    return *s ? s + 1 : s;
}

int64_t web_day(const char *ymd)
{
    int64_t day;
    return calendar_parse_day(ymd, &day) == 0 ? day : -1;
}

/* "/e/123/rest": 123 and "rest" ("" when none). 0 when the path is not that. */
static int entry_path(const char *url, int64_t *id, const char **rest)
{
    if (strncmp(url, "/e/", 3) != 0)
        return 0;
    *rest = web_path_id(url + 3, id);
    return *rest != NULL;
}

static void purge_tick(struct req *r)
{
    struct web *w = r->w;
    const struct web_config *wc = &w->cli.cfg->web;
    char *cause = NULL;
    pthread_mutex_lock(&w->mu);
    int due = r->now - w->last_purge >= 15 * 60;
    if (due)
        w->last_purge = r->now;
    pthread_mutex_unlock(&w->mu);
    if (!due)
        return;
    if (session_purge(r->c->store, r->now, wc->session_idle, wc->session_max, &cause) != 0)
        log_msg(LOG_LV_WARN, "web: purge: %s", cause ? cause : "?");
    free(cause);
}

static enum MHD_Result route(struct req *r)
{
    const char *u = r->url;
    purge_tick(r);
    int get = !r->post;
    if (get && !strcmp(u, "/static/console.css"))
        return send_css(r);
    if (get && !strcmp(u, "/favicon.ico")) /* asked by every browser: no page, no cookie */
        return web_send_empty(r, MHD_HTTP_NOT_FOUND);
    if (!strcmp(u, "/login"))
        return get ? web_login_page(r, NULL, MHD_HTTP_OK) : web_login_post(r);
    if (!strncmp(u, "/suivi/", 7)) /* the citizen's tracking page: public */
        return web_track(r, u + 7);
    if (!web_auth(r)) {
        if (get)
            return web_send_redirect(r, "/login");
        return web_error(r, MHD_HTTP_FORBIDDEN, "Session expirée : reconnectez-vous",
                         "انتهت الجلسة: أعيدوا تسجيل الدخول");
    }
    if (r->post && !web_post_ok(r))
        return web_error(r, MHD_HTTP_FORBIDDEN,
                         "Formulaire refusé (jeton ou origine invalide) : rechargez la page",
                         "رُفض النموذج (رمز أو مصدر غير صالح): أعيدوا تحميل الصفحة");
    if (r->post && !strcmp(u, "/logout"))
        return web_logout(r);
    if (r->post && !strcmp(u, "/lang"))
        return web_lang_post(r);
    if (!strcmp(u, "/accounts"))
        return web_accounts(r);
    if (!web_reads_mail(r))
        return get && !strcmp(u, "/") && r->a.admin ? web_send_redirect(r, "/accounts")
                                                     : web_not_found(r);
    if (get && !strcmp(u, "/"))
        return web_queues(r);
    if (r->post && !strcmp(u, "/seen"))
        return web_seen_post(r);
    if (get && (!strcmp(u, "/register") || !strcmp(u, "/search")))
        return web_register(r, 0);
    if (get && !strcmp(u, "/register.csv"))
        return web_register(r, 1);
    if (get && !strcmp(u, "/figures"))
        return web_figures(r);
    if (!strcmp(u, "/paper"))
        return web_paper(r);
    if (!strcmp(u, "/quarantine") || !strncmp(u, "/quarantine/", 12))
        return web_quarantine(r, u[11] ? u + 12 : "");
    int64_t id;
    const char *rest;
    if (entry_path(u, &id, &rest)) {
        if (r->post && !strcmp(rest, "receipt"))
            return web_receipt_post(r, id);
        if (r->post)
            return web_action(r, id, rest);
        return web_entry(r, id, rest);
    }
    return web_not_found(r);
}

/* The cli of the calling server thread: made on its first request, a
 * shallow copy of w->cli with a store connection of its own. NULL when the
 * register does not open (the request gets 503). */
static __thread struct cli *thread_cli;
static __thread const struct web *thread_web;

static struct cli *cli_of_thread(struct web *w)
{
    if (thread_cli && thread_web == w)
        return thread_cli;
    char *cause = NULL;
    struct cli *c = NULL;
    pthread_mutex_lock(&w->mu);
    if (w->n_workers < WEB_POOL) {
        c = xmalloc(sizeof *c);
        *c = w->cli;
        c->store = NULL;
        if (store_open(c->cfg->db_path, c->cfg->number_format, &c->store, &cause) < 0) {
            log_msg(LOG_LV_ERROR, "web: %s", cause ? cause : "the register does not open");
            free(c);
            c = NULL;
        } else {
            if (store_tune_reader(c->store, &cause) < 0)
                log_msg(LOG_LV_WARN, "web: page cache and mmap not set: %s", cause ? cause : "?");
            w->workers[w->n_workers++] = c;
        }
    }
    pthread_mutex_unlock(&w->mu);
    free(cause);
    thread_cli = c;
    thread_web = w;
    return c;
}

static enum MHD_Result refuse_now(struct req *r, unsigned status)
{
    const char *fr = status == MHD_HTTP_CONTENT_TOO_LARGE ? "Requête trop grande" : "Requête refusée";
    const char *ar = status == MHD_HTTP_CONTENT_TOO_LARGE ? "الطلب كبير جدا" : "طلب مرفوض";
    return web_error(r, status, fr, ar);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    struct web *w = cls;
    struct req *r = *con_cls;
    if (!r) {
        struct req_alloc *ra = xcalloc(1, sizeof *ra);
        r = &ra->r;
        *con_cls = r;
        r->w = w;
        r->c = cli_of_thread(w);
        r->conn = conn;
        r->method = method;
        r->url = url;
        r->now = now_epoch();
        r->post = !strcmp(method, "POST");
        client_address(r);
        if (!r->c)
            return web_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "Registre indisponible",
                             "السجل غير متاح");
        size_t nh = 0;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &nh);
        if (strcmp(method, "GET") && strcmp(method, "HEAD") && !r->post)
            return web_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "Méthode refusée", "طريقة مرفوضة");
        size_t ulen = strlen(url);
        MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg_len, &ulen);
        if (nh > WEB_MAX_HEADERS || ulen > WEB_MAX_URL)
            return refuse_now(r, nh > WEB_MAX_HEADERS ? MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE
                                                      : MHD_HTTP_URI_TOO_LONG);
        if (r->post) {
            const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
            const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
            int multipart = ct && str_has_prefix_ci(ct, "multipart/form-data");
            r->multipart = multipart;
            uint64_t len = 0;
            if (!ct || (!multipart && !str_has_prefix_ci(ct, "application/x-www-form-urlencoded")))
                return refuse_now(r, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE);
            if (cl && (parse_u64(cl, &len) < 0 ||
                       len > (multipart ? WEB_MAX_UPLOAD + 65536 : WEB_MAX_BODY)))
                return refuse_now(r, MHD_HTTP_CONTENT_TOO_LARGE);
            r->pp = MHD_create_post_processor(conn, 16 * 1024, on_field, r);
            if (!r->pp)
                return refuse_now(r, MHD_HTTP_BAD_REQUEST);
        }
        return MHD_YES;
    }
    if (r->post && *upload_size) {
        r->body += *upload_size;
        size_t cap = r->multipart ? WEB_MAX_UPLOAD + 65536 : WEB_MAX_BODY;
        if (r->body > cap)
            return MHD_NO; /* a body with no length that grows past the cap: cut off */
        if (!r->refused && MHD_post_process(r->pp, upload, *upload_size) != MHD_YES &&
            !r->refused)
            r->refused = MHD_HTTP_BAD_REQUEST;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->refused)
        return refuse_now(r, (unsigned)r->refused);
    form_line_ends(r);
    return route(r);
}

/* --- start and stop --------------------------------------------------------------- */

__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_msg(LOG_LV_WARN, "web: %s", msg);
}

/* "HOST:PORT", "[V6]:PORT", "localhost:PORT": numeric addresses only. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, char **cause)
{
    char host[80];
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof host) {
        set_cause(cause, "[web] listen = %s: expected HOST:PORT", s);
        return -1;
    }
    size_t hn = (size_t)(colon - s);
    memcpy(host, s, hn);
    host[hn] = '\0';
    if (host[0] == '[' && hn > 2 && host[hn - 1] == ']') {
        memmove(host, host + 1, hn - 2);
        host[hn - 2] = '\0';
    }
    if (!strcmp(host, "localhost"))
        snprintf(host, sizeof host, "%s", "127.0.0.1");
    uint64_t port;
    if (parse_u64(colon + 1, &port) < 0 || port > 65535) {
        set_cause(cause, "[web] listen = %s: bad port", s);
        return -1;
    }
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
    } else {
        set_cause(cause, "[web] listen = %s: the host must be an IP address", s);
        return -1;
    }
    return 0;
}

static int load_tls(struct web *w, char **cause)
{
    const struct web_config *wc = &w->cli.cfg->web;
    size_t n;
    if (!wc->tls_cert)
        return 0;
    if (file_read_all(wc->tls_cert, 1024 * 1024, &w->cert_pem, &n, cause) < 0 ||
        file_read_all(wc->tls_key, 1024 * 1024, &w->key_pem, &n, cause) < 0)
        return -1;
    w->tls = 1;
    return 0;
}

int web_start(const char *config_path, struct web **out, char **cause)
{
    struct web *w = xcalloc(1, sizeof *w);
    *out = NULL;
    pthread_mutex_init(&w->mu, NULL);
    w->config_path = config_path ? xstrdup(config_path) : NULL;
    w->cli.config_path = w->config_path;
    w->cli.actor = "console";
    w->cli.log_errors = 1;
    if (cli_need_store(&w->cli) < 0 || cli_need_notify(&w->cli) < 0) {
        set_cause(cause, "the console cannot open the register, its rules or its templates "
                         "(see the log)");
        web_stop(w);
        return -1;
    }
    struct sockaddr_storage ss;
    if (parse_listen(w->cli.cfg->web.listen, &ss, cause) < 0 || load_tls(w, cause) < 0) {
        web_stop(w);
        return -1;
    }
    const struct web_config *wc = &w->cli.cfg->web;
    unsigned per_ip = wc->max_connections / 2 < 8 ? 8 : wc->max_connections / 2;
    if (wc->trusted_proxy)
        per_ip = wc->max_connections; /* everyone comes through the proxy */
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (w->tls)
        flags |= MHD_USE_TLS;
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, w->cert_pem},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, w->key_pem},
        {MHD_OPTION_END, 0, NULL},
    };
    w->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, w, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)wc->max_connections,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, per_ip, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)wc->timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_STRICT_FOR_CLIENT, 1,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)WEB_POOL, MHD_OPTION_ARRAY,
        w->tls ? tls_opts : &tls_opts[2], MHD_OPTION_END);
    if (!w->d) {
        set_cause(cause, "the console cannot listen on %s%s (address in use, or the TLS "
                         "certificate or key do not load)",
                  wc->listen, w->tls ? " with TLS" : "");
        web_stop(w);
        return -1;
    }
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
    unsigned port = di ? di->port : 0;
    char host[64] = "?";
    if (ss.ss_family == AF_INET)
        inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof host);
    else
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof host);
    snprintf(w->addr, sizeof w->addr, ss.ss_family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, port);
    *out = w;
    return 0;
}

const char *web_address(const struct web *w)
{
    return w->addr;
}

void web_stop(struct web *w)
{
    if (!w)
        return;
    if (w->d)
        MHD_stop_daemon(w->d);
    for (size_t i = 0; i < w->n_workers; i++) {
        store_close(w->workers[i]->store);
        free(w->workers[i]);
    }
    pthread_mutex_destroy(&w->mu);
    cli_free(&w->cli);
    if (w->key_pem)
        explicit_bzero(w->key_pem, strlen(w->key_pem));
    free(w->key_pem);
    free(w->cert_pem);
    free(w->config_path);
    free(w);
}
