/* smtp.c — see smtp.h */
#include "bureau/smtp.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "bureau/compose.h"
#include "bureau/util.h"

#define SMTP_CONNECT_TIMEOUT 15L
#define SMTP_HALT_GRACE 2     /* seconds a mail in hand has to finish after a stop request */

struct smtp {
    CURL *curl;
    const struct smtp_config *cfg;
    char errbuf[CURL_ERROR_SIZE];
    long last_code;
    atomic_int *halt;  /* set: the transfer in hand is abandoned (serve's SIGTERM) */
    time_t halt_seen;  /* when progress_cb first saw *halt set, 0 before */
};

long smtp_last_code(const struct smtp *s)
{
    return s->last_code;
}

struct reader {
    const char *data;
    size_t len;
    size_t pos;
};

static size_t read_cb(char *ptr, size_t size, size_t nmemb, void *userdata)
{
    struct reader *r = userdata;
    size_t room = size * nmemb, left = r->len - r->pos;
    size_t n = left < room ? left : room;
    memcpy(ptr, r->data + r->pos, n);
    r->pos += n;
    return n;
}

static int url_ok(const struct smtp_config *cfg, char **cause)
{
    if (!cfg->url || (!str_has_prefix_ci(cfg->url, "smtp://") &&
                      !str_has_prefix_ci(cfg->url, "smtps://"))) {
        set_cause(cause, "[smtp] url must be smtp://host:port or smtps://host:port");
        return -1;
    }
    if (str_has_ctl(cfg->url, 0)) {
        set_cause(cause, "[smtp] url contains control characters");
        return -1;
    }
    if (!compose_addr_valid(cfg->from_addr)) {
        set_cause(cause, "[smtp] from is not a valid address");
        return -1;
    }
    return 0;
}

static void set_tls(CURL *c, const struct smtp_config *cfg)
{
    if (str_has_prefix_ci(cfg->url, "smtps://"))
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    else if (cfg->tls != TLS_NONE)
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, cfg->tls_verify ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, cfg->tls_verify ? 2L : 0L);
    if (cfg->ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, cfg->ca_file);
}

/* libcurl calls this at least once a second, also while it waits for a
 * greeting or a reply: after a stop request, the mail in hand has
 * SMTP_HALT_GRACE seconds to finish, then the stalled exchange is ended. */
static int progress_cb(void *data, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                       curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    struct smtp *s = data;
    if (!s->halt || !atomic_load(s->halt))
        return 0;
    time_t now = time(NULL);
    if (!s->halt_seen)
        s->halt_seen = now;
    return now - s->halt_seen >= SMTP_HALT_GRACE ? 1 : 0;
}

void smtp_set_halt(struct smtp *s, atomic_int *halt)
{
    s->halt = halt;
}

static void set_options(struct smtp *s)
{
    const struct smtp_config *cfg = s->cfg;
    CURL *c = s->curl;
    long timeout = cfg->timeout ? (long)cfg->timeout : 30L;
    curl_easy_setopt(c, CURLOPT_URL, cfg->url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < SMTP_CONNECT_TIMEOUT ? timeout
                                                                          : SMTP_CONNECT_TIMEOUT);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout * 4);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, timeout);
    /* Every reply, QUIT's too: curl waits 120 s for the QUIT answer after a
     * timed-out exchange unless told otherwise. */
    curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, s);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    set_tls(c, cfg);
    if (cfg->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, cfg->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, cfg->password ? cfg->password : "");
    }
}

int smtp_new(const struct smtp_config *cfg, struct smtp **out, char **cause)
{
    static int global_done;
    if (url_ok(cfg, cause) < 0)
        return -1;
    if (!global_done) {
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
            set_cause(cause, "curl_global_init failed");
            return -1;
        }
        global_done = 1;
    }
    struct smtp *s = xcalloc(1, sizeof *s);
    s->cfg = cfg;
    s->curl = curl_easy_init();
    if (!s->curl) {
        free(s);
        set_cause(cause, "curl_easy_init failed");
        return -1;
    }
    set_options(s);
    *out = s;
    return 0;
}

void smtp_free(struct smtp *s)
{
    if (!s)
        return;
    curl_easy_cleanup(s->curl);
    free(s);
}

static enum smtp_result classify(CURLcode rc, long code)
{
    if (rc == CURLE_LOGIN_DENIED || rc == CURLE_COULDNT_CONNECT ||
        rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_RESOLVE_HOST ||
        rc == CURLE_USE_SSL_FAILED || rc == CURLE_PEER_FAILED_VERIFICATION ||
        rc == CURLE_SSL_CONNECT_ERROR)
        return SMTP_TEMPFAIL;
    if (code >= 500 && code <= 599)
        return SMTP_PERMFAIL;
    return SMTP_TEMPFAIL;
}

/* A transfer abandoned on a stop request leaves its connection cached in
 * the middle of an exchange: shut its socket so that it is never reused and
 * so that the QUIT curl sends on cleanup fails at once instead of waiting
 * for the silent server's answer. */
static void drop_connection(struct smtp *s)
{
    curl_socket_t fd = CURL_SOCKET_BAD;
    if (curl_easy_getinfo(s->curl, CURLINFO_ACTIVESOCKET, &fd) == CURLE_OK &&
        fd != CURL_SOCKET_BAD)
        shutdown(fd, SHUT_RDWR);
}

enum smtp_result smtp_send(struct smtp *s, const char *rcpt, const char *data, size_t len,
                           char **cause)
{
    s->last_code = 0;
    if (!compose_addr_valid(rcpt) || !compose_addr_valid(s->cfg->from_addr)) {
        set_cause(cause, "refused: invalid envelope address");
        return SMTP_PERMFAIL;
    }
    struct reader r = {data, len, 0};
    char from[COMPOSE_MAX_ADDR + 3], to[COMPOSE_MAX_ADDR + 3];
    snprintf(from, sizeof from, "<%s>", s->cfg->from_addr);
    snprintf(to, sizeof to, "<%s>", rcpt);
    struct curl_slist *rcpts = curl_slist_append(NULL, to);
    if (!rcpts) {
        set_cause(cause, "out of memory");
        return SMTP_TEMPFAIL;
    }
    s->errbuf[0] = '\0';
    curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(s->curl, CURLOPT_READDATA, &r);
    curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
    CURLcode rc = curl_easy_perform(s->curl);
    long code = 0;
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
    s->last_code = code;
    curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, NULL);
    curl_slist_free_all(rcpts);
    if (rc == CURLE_OK)
        return SMTP_SENT;
    if (rc == CURLE_ABORTED_BY_CALLBACK)
        drop_connection(s);
    enum smtp_result res = classify(rc, code);
    set_cause(cause, "%s%s (code %ld%s%s)", res == SMTP_PERMFAIL ? "rejected: " : "",
              curl_easy_strerror(rc), code, s->errbuf[0] ? ": " : "", s->errbuf);
    return res;
}
