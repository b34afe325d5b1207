/* imap.c — IMAP client on libetpan; contracts in bureau/imap.h.
 *
 * libetpan's GnuTLS build verifies nothing: the peer chain is checked here
 * with a GnuTLS trust list (system CAs + ca_file) and the configured host
 * name, before any credential is sent. */
#include "bureau/imap.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>

#include "bureau/log.h"
#include "bureau/util.h"
#include "bureau/watchdog.h"

#define IMAP_TIMEOUT_S 60        /* each phase's deadline, unless configured */
#define IMAP_LOGOUT_TIMEOUT_S 5
#define IMAP_MIN_RATE (128u << 10) /* bytes/s a download or listing is given time for */
#define IMAP_MOVES_PER_S 50      /* messages a move is given time for, per second */
#define IMAP_MAX_CHAIN 16        /* certificates examined in a peer chain */
#define IMAP_MAX_HOST 255
#define IMAP_MAX_FOLDER 200      /* bytes in a mailbox name */
#define IMAP_MAX_CREATED 8       /* folders remembered as present per connection */
#define IMAP_MAX_LIST 2000000    /* messages accepted from one listing */
#define IMAP_MAX_SERVER_TEXT 200 /* bytes of server text quoted in a cause */
#define IMAP_TRACE_MAX 300       /* bytes of protocol logged per trace line */
/* Bytes the server may send in answer to one command (libetpan 1.9.4 keeps
 * a whole answer in memory, literals included, with no cap of its own): */
#define IMAP_MAX_ANSWER (8u << 20)           /* any command (IDLE included) */
#define IMAP_LIST_BYTES_PER_MSG 256          /* the listing: per message expected (a
                                                generous line: FLAGS, MODSEQ may come) */
#define IMAP_LIST_SLACK 10000                /* ... messages arrived since SELECT */
#define IMAP_DEFAULT_FETCH_CAP (64u << 20)   /* a download, unless told */

struct imap_conn {
    mailimap *imap;
    char *host;
    unsigned port;
    struct watchdog *wd;  /* deadlines of every phase; the stop flag */
    unsigned timeout;     /* seconds: a phase's deadline (a download gets more) */
    int in_login;
    int trace;           /* BUREAU_IMAP_TRACE: the protocol to the debug log */
    size_t rx_cap;       /* bytes allowed in answer to the command being sent */
    size_t rx_left;      /* ... of them, not yet received */
    int rx_over;         /* the server sent more: the connection was cut */
    size_t fetch_cap;    /* rx_cap of the next downloads (imap_set_fetch_cap) */
    int64_t selected;    /* messages SELECT announced; -1 when it did not say */
    char *created[IMAP_MAX_CREATED];
    size_t n_created;
};

static const char *imap_strerror(int r)
{
    switch (r) {
    case MAILIMAP_ERROR_STREAM: return "connection lost or timed out";
    case MAILIMAP_ERROR_PARSE: return "unparsable server response";
    case MAILIMAP_ERROR_CONNECTION_REFUSED: return "connection refused";
    case MAILIMAP_ERROR_MEMORY: return "out of memory";
    case MAILIMAP_ERROR_FATAL: return "server closed the session (BYE)";
    case MAILIMAP_ERROR_PROTOCOL: return "protocol error";
    case MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION: return "server refused the connection";
    case MAILIMAP_ERROR_BAD_STATE: return "command not allowed in this state";
    case MAILIMAP_ERROR_LOGIN: return "login refused";
    case MAILIMAP_ERROR_SELECT: return "SELECT refused";
    case MAILIMAP_ERROR_UID_FETCH: return "UID FETCH refused";
    case MAILIMAP_ERROR_UID_MOVE: return "UID MOVE refused";
    case MAILIMAP_ERROR_UID_COPY: return "UID COPY refused";
    case MAILIMAP_ERROR_UID_STORE: return "UID STORE refused";
    case MAILIMAP_ERROR_EXPUNGE: return "UID EXPUNGE refused";
    case MAILIMAP_ERROR_CREATE: return "CREATE refused";
    case MAILIMAP_ERROR_STARTTLS: return "STARTTLS refused";
    case MAILIMAP_ERROR_SSL: return "TLS handshake failed";
    case MAILIMAP_ERROR_CAPABILITY: return "CAPABILITY refused";
    case MAILIMAP_ERROR_EXTENSION: return "IDLE refused";
    default: return "IMAP error";
    }
}

/* Printable copy of at most IMAP_MAX_SERVER_TEXT bytes of server text. */
static void clean_text(const char *s, size_t n, char *out, size_t outsz)
{
    size_t i, j = 0;

    for (i = 0; i < n && j + 1 < outsz; i++) {
        unsigned char ch = (unsigned char)s[i];
        out[j++] = (ch < 0x20 || ch >= 0x7f) ? ' ' : (char)ch;
    }
    out[j] = '\0';
}

static void fail(struct imap_conn *c, char **cause, const char *what, int r)
{
    char said[IMAP_MAX_SERVER_TEXT + 1];
    const char *resp = c && c->imap ? c->imap->imap_response : NULL;

    const char *phase = NULL;
    double secs = 0;
    enum watchdog_cut cut = c && c->wd ? watchdog_cut(c->wd, &phase, &secs) : WATCHDOG_NONE;

    if (cut == WATCHDOG_EXPIRED) {
        set_cause(cause, "%s: timed out: the %s did not complete within %.0f s (its "
                         "deadline); connection closed", what, phase, secs);
    } else if (cut == WATCHDOG_STOPPED) {
        set_cause(cause, "%s: interrupted during the %s (stopping)", what, phase);
    } else if (c && c->rx_over) {
        set_cause(cause, "%s: the server sent more than %zu bytes in answer (the cap); "
                         "connection closed", what, c->rx_cap);
    } else if (resp && *resp) {
        clean_text(resp, strlen(resp), said, sizeof said);
        set_cause(cause, "%s: %s (server said: %s)", what, imap_strerror(r), said);
    } else {
        set_cause(cause, "%s: %s", what, imap_strerror(r));
    }
}

/* Arms the deadline of the phase about to run: the configured timeout, and
 * extra_s more (a download's bytes at IMAP_MIN_RATE, a move's messages).
 * Every exchange with the server runs under one (see watchdog.h);
 * end_phase when it has returned. */
static void phase(struct imap_conn *c, const char *name, double extra_s)
{
    watchdog_arm(c->wd, name, (double)c->timeout + extra_s);
}

static double bytes_time(size_t bytes)
{
    return (double)bytes / IMAP_MIN_RATE;
}

static void end_phase(struct imap_conn *c)
{
    watchdog_disarm(c->wd);
}

static void trace(struct imap_conn *c, int type, const char *str, size_t size)
{
    char line[IMAP_TRACE_MAX + 1];

    if (type == MAILSTREAM_LOG_TYPE_DATA_SENT_PRIVATE ||
        (c->in_login && type == MAILSTREAM_LOG_TYPE_DATA_SENT)) {
        log_debug("imap %s > [credentials withheld]", c->host);
        return;
    }
    if (type != MAILSTREAM_LOG_TYPE_DATA_SENT && type != MAILSTREAM_LOG_TYPE_DATA_RECEIVED)
        return;
    clean_text(str, size, line, sizeof line);
    log_debug("imap %s %c %s", c->host, type == MAILSTREAM_LOG_TYPE_DATA_SENT ? '>' : '<',
              line);
}

/* Sees every byte sent and received. Each command sent opens a new
 * allowance of rx_cap bytes for its answer (libetpan sends the next command
 * only once the last answer is complete); a server that sends more is cut
 * off: the socket is shut down, and the command in progress fails. */
static void io_logger(mailimap *s, int type, const char *str, size_t size, void *ctx)
{
    struct imap_conn *c = ctx;

    if (type == MAILSTREAM_LOG_TYPE_DATA_SENT || type == MAILSTREAM_LOG_TYPE_DATA_SENT_PRIVATE) {
        c->rx_left = c->rx_cap;
    } else if (type == MAILSTREAM_LOG_TYPE_DATA_RECEIVED && !c->rx_over) {
        if (size <= c->rx_left) {
            c->rx_left -= size;
        } else {
            c->rx_over = 1;
            int fd = s->imap_stream ? mailstream_low_get_fd(mailstream_get_low(s->imap_stream))
                                    : -1;
            if (fd >= 0)
                shutdown(fd, SHUT_RDWR);
        }
    }
    if (c->trace)
        trace(c, type, str, size);
}

static void ignore_sigpipe(void)
{
    struct sigaction sa;

    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
        sa.sa_handler = SIG_IGN;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = 0;
        sigaction(SIGPIPE, &sa, NULL);
    }
}

static int is_ip_literal(const char *host)
{
    unsigned char tmp[sizeof(struct in6_addr)];

    return inet_pton(AF_INET, host, tmp) == 1 || inet_pton(AF_INET6, host, tmp) == 1;
}

static void tls_setup(struct mailstream_ssl_context *ctx, void *data)
{
    struct imap_conn *c = data;

    if (!is_ip_literal(c->host))
        mailstream_ssl_set_server_name(ctx, c->host);
}

static int load_trust(gnutls_x509_trust_list_t tl, const char *ca_file, char **cause)
{
    int r;

    if (gnutls_x509_trust_list_add_system_trust(tl, 0, 0) < 0 && !ca_file) {
        set_cause(cause, "no system CA certificates could be loaded");
        return -1;
    }
    if (!ca_file)
        return 0;
    r = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
    if (r <= 0) {
        set_cause(cause, "ca_file %s: no usable certificate (%s)", ca_file,
                  r < 0 ? gnutls_strerror(r) : "empty");
        return -1;
    }
    return 0;
}

static int import_chain(carray *chain, gnutls_x509_crt_t *crts, unsigned *n, char **cause)
{
    unsigned i, count = carray_count(chain);

    if (count == 0) {
        set_cause(cause, "server sent no certificate");
        return -1;
    }
    if (count > IMAP_MAX_CHAIN)
        count = IMAP_MAX_CHAIN;
    for (i = 0; i < count; i++) {
        MMAPString *der = carray_get(chain, i);
        gnutls_datum_t d = { (unsigned char *)der->str, (unsigned)der->len };

        if (gnutls_x509_crt_init(&crts[i]) < 0) {
            set_cause(cause, "out of memory");
            return -1;
        }
        *n = i + 1;
        if (gnutls_x509_crt_import(crts[i], &d, GNUTLS_X509_FMT_DER) < 0) {
            set_cause(cause, "server certificate %u is not valid DER", i);
            return -1;
        }
    }
    return 0;
}

static void status_cause(unsigned status, const char *host, char **cause)
{
    gnutls_datum_t out = { NULL, 0 };

    if (gnutls_certificate_verification_status_print(status, GNUTLS_CRT_X509, &out, 0) == 0) {
        set_cause(cause, "certificate verification failed for %s: %s", host,
                  (const char *)out.data);
        gnutls_free(out.data);
    } else {
        set_cause(cause, "certificate verification failed for %s (status 0x%x)", host, status);
    }
}

/* Verify the stream's peer chain against system CAs + ca_file and host. */
static int verify_peer(struct imap_conn *c, const char *ca_file, char **cause)
{
    gnutls_x509_crt_t crts[IMAP_MAX_CHAIN];
    gnutls_x509_trust_list_t tl = NULL;
    carray *chain = mailstream_get_certificate_chain(c->imap->imap_stream);
    unsigned i, n = 0, status = 0;
    int rc = -1, r;
    gnutls_typed_vdata_st vd[2] = {
        { GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)c->host, 0 },
        { GNUTLS_DT_KEY_PURPOSE_OID, (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER, 0 },
    };

    if (!chain) {
        set_cause(cause, "certificate verification failed for %s: no TLS peer certificate",
                  c->host);
        return -1;
    }
    if (import_chain(chain, crts, &n, cause) < 0)
        goto out;
    if (gnutls_x509_trust_list_init(&tl, 0) < 0) {
        set_cause(cause, "out of memory");
        goto out;
    }
    if (load_trust(tl, ca_file, cause) < 0)
        goto out;
    r = gnutls_x509_trust_list_verify_crt2(tl, crts, n, vd, 2, 0, &status, NULL);
    if (r < 0) {
        set_cause(cause, "certificate verification failed for %s: %s", c->host,
                  gnutls_strerror(r));
        goto out;
    }
    if (status != 0) {
        status_cause(status, c->host, cause);
        goto out;
    }
    rc = 0;
out:
    if (tl)
        gnutls_x509_trust_list_deinit(tl, 1);
    for (i = 0; i < n; i++)
        gnutls_x509_crt_deinit(crts[i]);
    mailstream_certificate_chain_free(chain);
    return rc;
}

static int refresh_capability(struct imap_conn *c, char **cause)
{
    struct mailimap_capability_data *cap = NULL;
    phase(c, "capability query", 0);
    int r = mailimap_capability(c->imap, &cap);
    end_phase(c);

    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "CAPABILITY", r);
        return -1;
    }
    mailimap_capability_data_free(cap);
    return 0;
}

static int valid_name(const char *s, size_t max)
{
    return s && *s && strlen(s) <= max && !str_has_ctl(s, 0);
}

static int check_account(const struct imap_account *a, char **cause)
{
    if (!valid_name(a->host, IMAP_MAX_HOST)) {
        set_cause(cause, "IMAP host missing or invalid");
        return -1;
    }
    if (a->port < 0 || a->port > 65535) {
        set_cause(cause, "IMAP port %d out of range", a->port);
        return -1;
    }
    if (!a->user || !a->password || str_has_ctl(a->user, 0) || str_has_ctl(a->password, 0)) {
        set_cause(cause, "IMAP user or password missing or invalid");
        return -1;
    }
    return 0;
}

/* The TCP connection (resolution, connect: watchdog_connect), the TLS
 * handshake for tls = implicit, and the greeting, each under its deadline.
 * Done here rather than by mailimap_ssl_connect, whose connect waits its
 * whole timeout for a stop and says "connection refused" for any cause. */
static int open_stream(struct imap_conn *c, const struct imap_account *a, char **cause)
{
    int fd, r;
    mailstream *s;
    char what[IMAP_MAX_HOST + 40];

    c->port = (unsigned)(a->port > 0 ? a->port : a->tls == TLS_IMPLICIT ? 993 : 143);
    if (watchdog_connect(c->wd, a->host, c->port, c->timeout, &fd, cause) < 0)
        return -1;
    if (a->tls == TLS_IMPLICIT) {
        phase(c, "TLS handshake", 0);
        s = mailstream_ssl_open_with_callback_timeout(fd, 2 * c->timeout, tls_setup, c);
    } else {
        s = mailstream_socket_open_timeout(fd, 2 * c->timeout);
    }
    if (!s) {
        snprintf(what, sizeof what, "TLS handshake with %s:%u", a->host, c->port);
        fail(c, cause, what, MAILIMAP_ERROR_SSL);
        end_phase(c);
        close(fd);
        return -1;
    }
    phase(c, "greeting", 0);
    r = mailimap_connect(c->imap, s);
    end_phase(c);
    if (r != MAILIMAP_NO_ERROR_AUTHENTICATED && r != MAILIMAP_NO_ERROR_NON_AUTHENTICATED) {
        snprintf(what, sizeof what, "greeting from %s:%u", a->host, c->port);
        fail(c, cause, what, r);
        return -1;
    }
    return 0;
}

static int start_tls(struct imap_conn *c, char **cause)
{
    int r;

    if (refresh_capability(c, cause) < 0)
        return -1;
    if (!mailimap_has_extension(c->imap, "STARTTLS")) {
        set_cause(cause, "%s does not offer STARTTLS (tls = starttls configured)", c->host);
        return -1;
    }
    phase(c, "STARTTLS", 0);
    r = mailimap_socket_starttls_with_callback(c->imap, tls_setup, c);
    end_phase(c);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "STARTTLS", r);
        return -1;
    }
    return 0;
}

static int login(struct imap_conn *c, const struct imap_account *a, char **cause)
{
    int r;

    if (mailimap_has_extension(c->imap, "LOGINDISABLED")) {
        set_cause(cause, "%s refuses LOGIN on this connection (LOGINDISABLED)", c->host);
        return IMAP_PERMANENT;
    }
    c->in_login = 1;
    phase(c, "login", 0);
    r = mailimap_login(c->imap, a->user, a->password);
    end_phase(c);
    c->in_login = 0;
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "LOGIN", r);
        /* a NO to LOGIN is wrong credentials; anything else is the network */
        return r == MAILIMAP_ERROR_LOGIN ? IMAP_PERMANENT : -1;
    }
    return 0;
}

static int establish(struct imap_conn *c, const struct imap_account *a, char **cause)
{
    if (open_stream(c, a, cause) < 0)
        return -1;
    if (a->tls == TLS_STARTTLS && start_tls(c, cause) < 0)
        return -1;
    if (a->tls != TLS_NONE && a->tls_verify && verify_peer(c, a->ca_file, cause) < 0)
        return IMAP_PERMANENT;
    if (refresh_capability(c, cause) < 0)
        return -1;
    if (c->imap->imap_state == MAILIMAP_STATE_NON_AUTHENTICATED) {
        int r = login(c, a, cause);
        if (r < 0)
            return r;
    }
    return refresh_capability(c, cause);
}

static void conn_free(struct imap_conn *c)
{
    size_t i;

    if (!c)
        return;
    watchdog_free(c->wd);
    if (c->imap)
        mailimap_free(c->imap);
    for (i = 0; i < c->n_created; i++)
        free(c->created[i]);
    free(c->host);
    free(c);
}

int imap_connect(const struct imap_account *a, struct imap_conn **out, char **cause)
{
    return imap_connect_stop(a, NULL, out, cause);
}

int imap_connect_stop(const struct imap_account *a, atomic_int *stop, struct imap_conn **out,
                      char **cause)
{
    struct imap_conn *c;

    *out = NULL;
    if (!a->password && a->password_error) {
        set_cause(cause, "%s", a->password_error);
        return IMAP_PERMANENT;
    }
    if (check_account(a, cause) < 0)
        return IMAP_PERMANENT;
    if (a->tls != TLS_NONE && a->tls != TLS_IMPLICIT && a->tls != TLS_STARTTLS) {
        set_cause(cause, "unknown TLS mode %d", (int)a->tls);
        return -1;
    }
    ignore_sigpipe();
    c = xcalloc(1, sizeof *c);
    c->host = xstrdup(a->host);
    c->timeout = a->timeout ? a->timeout : IMAP_TIMEOUT_S;
    c->imap = mailimap_new(0, NULL);
    if (!c->imap) {
        set_cause(cause, "out of memory");
        conn_free(c);
        return -1;
    }
    c->wd = watchdog_new(stop, cause);
    if (!c->wd) {
        conn_free(c);
        return -1;
    }
    /* per read: a stall is cut by the phase's deadline first */
    mailimap_set_timeout(c->imap, 2 * c->timeout);
    c->trace = getenv("BUREAU_IMAP_TRACE") != NULL;
    c->rx_cap = c->rx_left = IMAP_MAX_ANSWER;
    c->fetch_cap = IMAP_DEFAULT_FETCH_CAP;
    c->selected = -1;
    mailimap_set_logger(c->imap, io_logger, c);
    int rc = establish(c, a, cause);
    if (rc < 0) {
        conn_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void imap_close(struct imap_conn *c)
{
    if (!c)
        return;
    if (c->imap && c->imap->imap_stream && c->imap->imap_state != MAILIMAP_STATE_DISCONNECTED) {
        mailimap_set_timeout(c->imap, IMAP_LOGOUT_TIMEOUT_S);
        mailstream_low_set_timeout(mailstream_get_low(c->imap->imap_stream),
                                   IMAP_LOGOUT_TIMEOUT_S);
        watchdog_arm(c->wd, "logout", IMAP_LOGOUT_TIMEOUT_S);
        mailimap_logout(c->imap);
        end_phase(c);
    }
    conn_free(c);
}

static const char mb64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/* Next code point of valid UTF-8 at *p; advances *p. */
static uint32_t utf8_next(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t cp;
    int n;

    if (s[0] < 0x80) {
        *p = s + 1;
        return s[0];
    }
    n = s[0] >= 0xf0 ? 3 : s[0] >= 0xe0 ? 2 : 1;
    cp = s[0] & (0x3f >> n);
    for (int i = 1; i <= n; i++)
        cp = (cp << 6) | (s[i] & 0x3f);
    *p = s + n + 1;
    return cp;
}

static void put_u16(struct buf *b, uint32_t *acc, int *bits, uint32_t u)
{
    *acc = (*acc << 16) | u;
    *bits += 16;
    while (*bits >= 6) {
        *bits -= 6;
        buf_putc(b, mb64[(*acc >> *bits) & 0x3f]);
    }
}

/* One run of non-printable-ASCII code points as &...- (RFC 3501 5.1.3). */
static const unsigned char *encode_run(struct buf *b, const unsigned char *p)
{
    uint32_t acc = 0;
    int bits = 0;

    buf_putc(b, '&');
    while (*p && (*p < 0x20 || *p > 0x7e)) {
        uint32_t cp = utf8_next(&p);

        if (cp >= 0x10000) {
            cp -= 0x10000;
            put_u16(b, &acc, &bits, 0xd800 | (cp >> 10));
            put_u16(b, &acc, &bits, 0xdc00 | (cp & 0x3ff));
        } else {
            put_u16(b, &acc, &bits, cp);
        }
    }
    if (bits > 0)
        buf_putc(b, mb64[(acc << (6 - bits)) & 0x3f]);
    buf_putc(b, '-');
    return p;
}

/* The mailbox name as sent on the wire: UTF-8 -> modified UTF-7. */
static char *folder_wire(const char *folder, char **cause)
{
    const unsigned char *p = (const unsigned char *)folder;
    struct buf b;

    if (!valid_name(folder, IMAP_MAX_FOLDER) || !utf8_valid(folder, strlen(folder))) {
        set_cause(cause, "mailbox name missing, too long, not UTF-8 or with control characters");
        return NULL;
    }
    buf_init(&b, IMAP_MAX_FOLDER * 4 + 16);
    while (*p) {
        if (*p == '&') {
            buf_puts(&b, "&-");
            p++;
        } else if (*p >= 0x20 && *p <= 0x7e) {
            buf_putc(&b, (char)*p++);
        } else {
            p = encode_run(&b, p);
        }
    }
    return buf_steal(&b);
}

/* EXISTS announced since the SELECT or the listing? The server may announce new
 * mail in answer to any command (the download, the MOVE); libetpan notes it
 * in the selection info and says nothing. Unless imap_idle looks, a message
 * announced so is only seen at the next poll (the "missed IDLE
 * notification" of test_serve_restart). */
static int exists_announced(const struct imap_conn *c)
{
    const struct mailimap_selection_info *si = c->imap->imap_selection_info;

    return si && si->sel_has_exists;
}

static void exists_forget(struct imap_conn *c)
{
    struct mailimap_selection_info *si = c->imap->imap_selection_info;

    if (si)
        si->sel_has_exists = 0;
}

int imap_select(struct imap_conn *c, const char *mailbox, uint32_t *uidvalidity,
                uint32_t *uidnext, char **cause)
{
    char *wire = folder_wire(mailbox, cause);
    int r;

    if (!wire)
        return -1;
    phase(c, "SELECT", 0);
    r = mailimap_select(c->imap, wire);
    end_phase(c);
    free(wire);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "SELECT", r);
        return -1;
    }
    if (!c->imap->imap_selection_info || c->imap->imap_selection_info->sel_uidvalidity == 0) {
        set_cause(cause, "SELECT %s: server gave no UIDVALIDITY", mailbox);
        return -1;
    }
    *uidvalidity = c->imap->imap_selection_info->sel_uidvalidity;
    *uidnext = c->imap->imap_selection_info->sel_uidnext;
    c->selected = c->imap->imap_selection_info->sel_has_exists
                      ? (int64_t)c->imap->imap_selection_info->sel_exists
                      : -1;
    exists_forget(c);
    return 0;
}

static int cmp_info(const void *a, const void *b)
{
    uint32_t x = ((const struct imap_msginfo *)a)->uid, y = ((const struct imap_msginfo *)b)->uid;

    return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

    return x < y ? -1 : x > y;
}

/* UID and RFC822.SIZE of one FETCH response; 0 when it has no UID. */
static int info_of(struct mailimap_msg_att *att, struct imap_msginfo *mi)
{
    clistiter *it;
    int has_uid = 0;

    mi->uid = 0;
    mi->size = 0;
    for (it = clist_begin(att->att_list); it; it = clist_next(it)) {
        struct mailimap_msg_att_item *item = clist_content(it);
        struct mailimap_msg_att_static *st;

        if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC || !item->att_data.att_static)
            continue;
        st = item->att_data.att_static;
        if (st->att_type == MAILIMAP_MSG_ATT_UID) {
            mi->uid = st->att_data.att_uid;
            has_uid = 1;
        } else if (st->att_type == MAILIMAP_MSG_ATT_RFC822_SIZE) {
            mi->size = st->att_data.att_rfc822_size;
        }
    }
    return has_uid;
}

static size_t dedupe_infos(struct imap_msginfo *v, size_t n)
{
    size_t i, j = 0;

    qsort(v, n, sizeof *v, cmp_info);
    for (i = 0; i < n; i++) {
        if (j == 0 || v[j - 1].uid != v[i].uid)
            v[j++] = v[i];
    }
    return j;
}

static int selected_empty(const struct imap_conn *c)
{
    return c->selected == 0;
}

/* The cap on the listing's answer: the messages SELECT announced (those
 * that arrived since, up to IMAP_LIST_SLACK), never more than IMAP_MAX_LIST. */
static size_t list_cap(const struct imap_conn *c)
{
    size_t n = c->selected >= 0 ? (size_t)c->selected + IMAP_LIST_SLACK : IMAP_MAX_LIST;
    return (n < IMAP_MAX_LIST ? n : IMAP_MAX_LIST) * IMAP_LIST_BYTES_PER_MSG;
}

int imap_list(struct imap_conn *c, uint32_t from_uid, struct imap_msginfo **out, size_t *n,
              char **cause)
{
    struct mailimap_set *set;
    struct mailimap_fetch_type *ft;
    clist *result = NULL;
    clistiter *it;
    size_t cnt = 0;
    int r;

    *out = NULL;
    *n = 0;
    if (from_uid == 0)
        from_uid = 1;
    if (selected_empty(c))
        return 0;
    set = mailimap_set_new_interval(from_uid, 0);
    ft = mailimap_fetch_type_new_fetch_att_list_empty();
    if (!set || !ft)
        abort();
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_rfc822_size());
    c->rx_cap = list_cap(c);
    phase(c, "listing", bytes_time(c->rx_cap));
    r = mailimap_uid_fetch(c->imap, set, ft, &result);
    end_phase(c);
    exists_forget(c);  /* what was announced so far is in this listing */
    mailimap_set_free(set);
    mailimap_fetch_type_free(ft);
    if (r != MAILIMAP_NO_ERROR)
        fail(c, cause, "UID FETCH (list)", r);
    c->rx_cap = IMAP_MAX_ANSWER;
    if (r != MAILIMAP_NO_ERROR)
        return -1;
    if (clist_count(result) > IMAP_MAX_LIST) {
        set_cause(cause, "server listed %d messages (cap %d)", clist_count(result),
                  IMAP_MAX_LIST);
        mailimap_fetch_list_free(result);
        return -1;
    }
    *out = xcalloc((size_t)clist_count(result) + 1, sizeof **out);
    for (it = clist_begin(result); it; it = clist_next(it)) {
        struct imap_msginfo mi;

        if (info_of(clist_content(it), &mi) && mi.uid >= from_uid)
            (*out)[cnt++] = mi;
    }
    mailimap_fetch_list_free(result);
    *n = dedupe_infos(*out, cnt);
    return 0;
}

/* A UID set with consecutive runs folded into intervals; uids sorted. */
static struct mailimap_set *make_set(const uint32_t *sorted, size_t n)
{
    struct mailimap_set *set = mailimap_set_new_empty();
    size_t i = 0;

    if (!set)
        abort();
    while (i < n) {
        size_t j = i;

        while (j + 1 < n && sorted[j + 1] <= sorted[j] + 1)
            j++;
        if (mailimap_set_add_interval(set, sorted[i], sorted[j]) != MAILIMAP_NO_ERROR)
            abort();
        i = j + 1;
    }
    return set;
}

static uint32_t *sorted_copy(const uint32_t *uids, size_t n)
{
    uint32_t *v = xmalloc((n ? n : 1) * sizeof *v);

    memcpy(v, uids, n * sizeof *v);
    qsort(v, n, sizeof *v, cmp_u32);
    return v;
}

/* The UID and BODY[] of one FETCH response; 0 when either is missing. */
static int body_of(struct mailimap_msg_att *att, uint32_t *uid, const char **data, size_t *len)
{
    clistiter *it;
    int has_body = 0;

    *uid = 0;
    for (it = clist_begin(att->att_list); it; it = clist_next(it)) {
        struct mailimap_msg_att_item *item = clist_content(it);
        struct mailimap_msg_att_static *st;

        if (item->att_type != MAILIMAP_MSG_ATT_ITEM_STATIC || !item->att_data.att_static)
            continue;
        st = item->att_data.att_static;
        if (st->att_type == MAILIMAP_MSG_ATT_UID) {
            *uid = st->att_data.att_uid;
        } else if (st->att_type == MAILIMAP_MSG_ATT_BODY_SECTION &&
                   st->att_data.att_body_section) {
            struct mailimap_msg_att_body_section *bs = st->att_data.att_body_section;

            *data = bs->sec_body_part ? bs->sec_body_part : "";
            *len = bs->sec_body_part ? bs->sec_length : 0;
            has_body = 1;
        }
    }
    return *uid != 0 && has_body;
}

static int deliver(clist *result, const uint32_t *sorted, size_t n, imap_fetch_cb cb,
                   void *arg, char **cause)
{
    clistiter *it;

    for (it = clist_begin(result); it; it = clist_next(it)) {
        uint32_t uid;
        const char *data = NULL;
        size_t len = 0;

        if (!body_of(clist_content(it), &uid, &data, &len))
            continue;
        if (!bsearch(&uid, sorted, n, sizeof *sorted, cmp_u32))
            continue;
        if (cb(arg, uid, data, len) < 0) {
            set_cause(cause, "fetch stopped by the caller at UID %u", uid);
            return -1;
        }
    }
    return 0;
}

int imap_fetch_held(struct imap_conn *c, const uint32_t *uids, size_t n, imap_fetch_cb cb,
                    void *arg, struct imap_held **held, char **cause)
{
    struct mailimap_set *set;
    struct mailimap_fetch_type *ft;
    uint32_t *sorted;
    clist *result = NULL;
    int r, rc;

    *held = NULL;
    if (n == 0)
        return 0;
    sorted = sorted_copy(uids, n);
    set = make_set(sorted, n);
    ft = mailimap_fetch_type_new_fetch_att_list_empty();
    if (!ft)
        abort();
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(
        ft, mailimap_fetch_att_new_body_peek_section(mailimap_section_new(NULL)));
    c->rx_cap = c->fetch_cap;
    phase(c, "download", bytes_time(c->rx_cap));
    r = mailimap_uid_fetch(c->imap, set, ft, &result);
    end_phase(c);
    mailimap_set_free(set);
    mailimap_fetch_type_free(ft);
    if (r != MAILIMAP_NO_ERROR)
        fail(c, cause, "UID FETCH BODY.PEEK[]", r);
    c->rx_cap = IMAP_MAX_ANSWER;
    if (r != MAILIMAP_NO_ERROR) {
        free(sorted);
        return -1;
    }
    rc = deliver(result, sorted, n, cb, arg, cause);
    free(sorted);
    *held = (struct imap_held *)result;
    return rc;
}

struct header_out {
    char *data;
    size_t len;
};

static int keep_header(void *arg, uint32_t uid, const char *data, size_t len)
{
    struct header_out *h = arg;
    (void)uid;
    if (len > IMAP_MAX_HEADER)
        len = IMAP_MAX_HEADER;
    free(h->data);
    h->data = xstrndup(data, len);
    h->len = len;
    return 0;
}

int imap_fetch_header(struct imap_conn *c, uint32_t uid, char **out, size_t *len, char **cause)
{
    struct mailimap_set *set = mailimap_set_new_single(uid);
    struct mailimap_fetch_type *ft = mailimap_fetch_type_new_fetch_att_list_empty();
    struct header_out h = {0};
    clist *result = NULL;
    int r, rc;

    if (!set || !ft)
        abort();
    mailimap_fetch_type_new_fetch_att_list_add(ft, mailimap_fetch_att_new_uid());
    mailimap_fetch_type_new_fetch_att_list_add(
        ft, mailimap_fetch_att_new_body_peek_section(mailimap_section_new_header()));
    c->rx_cap = IMAP_MAX_HEADER + 4096;
    r = mailimap_uid_fetch(c->imap, set, ft, &result);
    c->rx_cap = IMAP_MAX_ANSWER;
    mailimap_set_free(set);
    mailimap_fetch_type_free(ft);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "UID FETCH BODY.PEEK[HEADER]", r);
        return -1;
    }
    rc = deliver(result, &uid, 1, keep_header, &h, cause);
    mailimap_fetch_list_free(result);
    if (rc == 0 && !h.data) {
        set_cause(cause, "UID %u: no header in the answer", uid);
        rc = -1;
    }
    if (rc < 0) {
        free(h.data);
        return -1;
    }
    *out = h.data;
    *len = h.len;
    return 0;
}

void imap_set_fetch_cap(struct imap_conn *c, size_t bytes)
{
    c->fetch_cap = bytes ? bytes : IMAP_DEFAULT_FETCH_CAP;
}

int imap_answer_overflowed(const struct imap_conn *c)
{
    return c->rx_over;
}

void imap_held_free(struct imap_held *held)
{
    if (held)
        mailimap_fetch_list_free((clist *)held);
}

int imap_fetch(struct imap_conn *c, const uint32_t *uids, size_t n, imap_fetch_cb cb,
               void *arg, char **cause)
{
    struct imap_held *held;
    int rc = imap_fetch_held(c, uids, n, cb, arg, &held, cause);
    imap_held_free(held);
    return rc;
}

static int was_created(const struct imap_conn *c, const char *folder)
{
    size_t i;

    for (i = 0; i < c->n_created; i++) {
        if (strcmp(c->created[i], folder) == 0)
            return 1;
    }
    return 0;
}

/* CREATE folder unless done on this connection; a refusal (typically
 * "already exists") is not an error: the move that follows reports a
 * folder that really is missing. */
static int ensure_folder(struct imap_conn *c, const char *folder, char **cause)
{
    int r;

    if (was_created(c, folder))
        return 0;
    phase(c, "CREATE", 0);
    r = mailimap_create(c->imap, folder);
    end_phase(c);
    if (r != MAILIMAP_NO_ERROR && r != MAILIMAP_ERROR_CREATE) {
        fail(c, cause, "CREATE", r);
        return -1;
    }
    if (c->n_created < IMAP_MAX_CREATED)
        c->created[c->n_created++] = xstrdup(folder);
    return 0;
}

static struct mailimap_store_att_flags *deleted_flag(void)
{
    struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
    struct mailimap_store_att_flags *sf;

    if (!fl || mailimap_flag_list_add(fl, mailimap_flag_new_deleted()) != MAILIMAP_NO_ERROR)
        abort();
    sf = mailimap_store_att_flags_new_add_flags_silent(fl);
    if (!sf)
        abort();
    return sf;
}

static int copy_delete_expunge(struct imap_conn *c, struct mailimap_set *set,
                               const char *folder, char **cause)
{
    struct mailimap_store_att_flags *sf;
    int r;

    if (!mailimap_has_extension(c->imap, "UIDPLUS")) {
        set_cause(cause, "%s has neither MOVE nor UIDPLUS: cannot remove moved messages "
                  "without expunging others", c->host);
        return -1;
    }
    r = mailimap_uid_copy(c->imap, set, folder);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "UID COPY", r);
        return -1;
    }
    sf = deleted_flag();
    r = mailimap_uid_store(c->imap, set, sf);
    mailimap_store_att_flags_free(sf);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "UID STORE +FLAGS.SILENT (\\Deleted)", r);
        return -1;
    }
    r = mailimap_uid_expunge(c->imap, set);
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "UID EXPUNGE", r);
        return -1;
    }
    return 0;
}

int imap_move(struct imap_conn *c, const uint32_t *uids, size_t n, const char *folder,
              char **cause)
{
    struct mailimap_set *set;
    uint32_t *sorted;
    char *wire;
    int r, rc = 0;

    if (n == 0)
        return 0;
    wire = folder_wire(folder, cause);
    if (!wire)
        return -1;
    if (ensure_folder(c, wire, cause) < 0) {
        free(wire);
        return -1;
    }
    sorted = sorted_copy(uids, n);
    set = make_set(sorted, n);
    free(sorted);
    phase(c, "move", (double)n / IMAP_MOVES_PER_S);
    if (mailimap_has_extension(c->imap, "MOVE")) {
        r = mailimap_uid_move(c->imap, set, wire);
        if (r != MAILIMAP_NO_ERROR) {
            fail(c, cause, "UID MOVE", r);
            rc = -1;
        }
    } else {
        rc = copy_delete_expunge(c, set, wire, cause);
    }
    end_phase(c);
    mailimap_set_free(set);
    free(wire);
    return rc;
}

int imap_has_idle(const struct imap_conn *c)
{
    return c && c->imap && mailimap_has_idle(c->imap);
}

/* Wait in one-second slices; 1 on server data, 0 on timeout/stop, -1 on
 * error. A signal (EINTR) only re-checks the stop flag. */
static int idle_wait(struct imap_conn *c, unsigned timeout_s, atomic_int *stop_flag)
{
    double end = mono_seconds() + timeout_s;
    mailstream *s = c->imap->imap_stream;

    if (s->read_buffer_len > 0)
        return 1;
    while (!(stop_flag && *stop_flag) && mono_seconds() < end) {
        int w;

        errno = 0;
        w = mailstream_wait_idle(s, 1);
        if (w == MAILSTREAM_IDLE_HASDATA)
            return 1;
        if (w == MAILSTREAM_IDLE_ERROR && errno == EINTR)
            continue;
        if (w == MAILSTREAM_IDLE_ERROR || w == MAILSTREAM_IDLE_CANCELLED)
            return -1;
    }
    return 0;
}

int imap_idle(struct imap_conn *c, unsigned timeout_s, atomic_int *stop_flag, char **cause)
{
    int r, got;

    if (!imap_has_idle(c)) {
        set_cause(cause, "%s does not support IDLE", c->host);
        return -1;
    }
    if (exists_announced(c))
        return 1;  /* new mail announced since the listing */
    if (mailstream_setup_idle(c->imap->imap_stream) < 0) {
        set_cause(cause, "cannot prepare IDLE on the connection");
        return -1;
    }
    phase(c, "IDLE", 0);
    r = mailimap_idle(c->imap);
    end_phase(c);
    if (r != MAILIMAP_NO_ERROR) {
        mailstream_unsetup_idle(c->imap->imap_stream);
        if (stop_flag && *stop_flag)
            return 0;  /* a stop signal interrupted the command: stopping anyway */
        fail(c, cause, "IDLE", r);
        return -1;
    }
    /* ... or before the server's "+ idling" */
    got = exists_announced(c) ? 1 : idle_wait(c, timeout_s, stop_flag);
    phase(c, "end of IDLE", 0);
    r = mailimap_idle_done(c->imap);
    end_phase(c);
    mailstream_unsetup_idle(c->imap->imap_stream);
    if (stop_flag && *stop_flag && (got < 0 || r != MAILIMAP_NO_ERROR))
        return 0;
    if (got < 0) {
        set_cause(cause, "connection lost while idling");
        return -1;
    }
    if (r != MAILIMAP_NO_ERROR) {
        fail(c, cause, "IDLE DONE", r);
        return -1;
    }
    return got;
}
