/* config.c — see config.h. A table of keys per section; every problem is
 * collected as file:line:col: message before the load fails. */
#include "bureau/config.h"
#include "bureau/headtoken.h"

#include <errno.h>
#include <arpa/inet.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bureau/access.h"
#include "bureau/envsecret.h"
#include "bureau/util.h"

#define CONFIG_MAX_SIZE (1024 * 1024)
#define CONFIG_MAX_ACCOUNTS 32
#define SECRET_MAX_SIZE 4096

struct parse {
    const char *file;
    char *dir;
    struct buf errors;
    int n_errors;
    struct config *cfg;
    struct imap_account *acct;  /* current [account] section, or NULL */
    int section;                /* enum below */
    int line;
};

enum { SEC_NONE, SEC_BUREAU, SEC_LIMITS, SEC_ACCOUNT, SEC_SMTP, SEC_REMINDERS, SEC_APPROVAL,
       SEC_STAFF, SEC_ROUTING, SEC_WEB, SEC_BAD };

#define CONFIG_MAX_PAIRS 500

static void perr(struct parse *p, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void perr(struct parse *p, int col, const char *fmt, ...)
{
    va_list ap;
    buf_printf(&p->errors, "%s:%d:%d: ", p->file, p->line, col);
    va_start(ap, fmt);
    buf_vprintf(&p->errors, fmt, ap);
    va_end(ap);
    buf_putc(&p->errors, '\n');
    p->n_errors++;
}

unsigned config_parsers(const struct config *c)
{
    if (c->parsers)
        return c->parsers;
    return sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2 : 1;
}

const char *config_default_path(const char *cli_path)
{
    if (cli_path)
        return cli_path;
    const char *env = getenv("BUREAU_CONFIG");
    if (env && *env)
        return env;
    if (access("bureau.conf", R_OK) == 0)
        return "bureau.conf";
    return "/etc/bureau/bureau.conf";
}

static char *resolve_path(const struct parse *p, const char *v)
{
    if (v[0] == '/' || !p->dir)
        return xstrdup(v);
    return xasprintf("%s/%s", p->dir, v);
}

static int parse_bool(const char *v, int *out)
{
    if (!strcmp(v, "yes") || !strcmp(v, "true") || !strcmp(v, "on") || !strcmp(v, "1"))
        *out = 1;
    else if (!strcmp(v, "no") || !strcmp(v, "false") || !strcmp(v, "off") || !strcmp(v, "0"))
        *out = 0;
    else
        return -1;
    return 0;
}

static int parse_tls(const char *v, enum tls_mode *out)
{
    if (!strcmp(v, "implicit"))
        *out = TLS_IMPLICIT;
    else if (!strcmp(v, "starttls"))
        *out = TLS_STARTTLS;
    else if (!strcmp(v, "none"))
        *out = TLS_NONE;
    else
        return -1;
    return 0;
}

/* Reads a secret from a file (first line, trailing newline dropped). A
 * failure is not a config error: *err says why, for when it is needed. */
static char *read_secret_file(const char *path, char **err)
{
    char *data = NULL, *cause = NULL;
    size_t len;
    if (file_read_all(path, SECRET_MAX_SIZE, &data, &len, &cause) < 0) {
        char *why = access_denied(path, R_OK);
        set_cause(err, "password_file: %s", why ? why : cause);
        free(why);
        free(cause);
        return NULL;
    }
    char *nl = strpbrk(data, "\r\n");
    if (nl)
        *nl = '\0';
    return data;
}

/* Taken out of the environment on first read (see envsecret.h): neither
 * the parser processes nor /proc/PID/environ keep it. */
static char *read_secret_env(const char *var, char **err)
{
    char *v = NULL;
    if (envsecret_take(var, &v) < 0) {
        set_cause(err, "password_env: environment variable %s is not set", var);
        return NULL;
    }
    return v;
}

static void set_secret(char **dst, char **err, char *value)
{
    if (*dst) {
        explicit_bzero(*dst, strlen(*dst));
        free(*dst);
    }
    *dst = value;
    if (value) {
        free(*err);
        *err = NULL;
    }
}

/* tls / insecure / ca_file, the same for IMAP and SMTP. Returns 1 when k
 * was one of them. */
struct tls_keys {
    enum tls_mode *tls;
    int *verify;
    char **ca_file;
    int *line, *col;  /* where `tls =` was set */
};

static int key_tls(struct parse *p, const char *k, const char *v, int col,
                   const struct tls_keys *t)
{
    int b;
    enum tls_mode *tls = t->tls;
    int *verify = t->verify;
    char **ca_file = t->ca_file;
    if (!strcmp(k, "tls")) {
        if (parse_tls(v, tls) < 0)
            perr(p, col, "tls must be implicit, starttls or none");
        *t->line = p->line;
        *t->col = col;
    } else if (!strcmp(k, "insecure")) {
        if (parse_bool(v, &b) < 0)
            perr(p, col, "insecure must be yes or no");
        else
            *verify = !b;
    } else if (!strcmp(k, "ca_file")) {
        free(*ca_file);
        *ca_file = resolve_path(p, v);
    } else {
        return 0;
    }
    return 1;
}

/* password / password_file / password_env, the same in every section.
 * Returns 0 when k is none of them, 1 when a secret was given, 2 when the
 * key was refused (a password written in the file). */
static int key_secret(struct parse *p, const char *k, const char *v, int col, char **password,
                      char **err)
{
    if (!strcmp(k, "password")) {
        perr(p, col, "passwords are not written in the config: use password_file or password_env");
        return 2;
    }
    if (!strcmp(k, "password_file")) {
        char *path = resolve_path(p, v);
        set_secret(password, err, read_secret_file(path, err));
        free(path);
        return 1;
    }
    if (!strcmp(k, "password_env")) {
        set_secret(password, err, read_secret_env(v, err));
        return 1;
    }
    return 0;
}

static void set_str(char **dst, const char *v)
{
    free(*dst);
    *dst = xstrdup(v);
}

static void set_uint(struct parse *p, unsigned *dst, const char *v, int col, int duration)
{
    uint64_t n;
    int rc = duration ? parse_duration(v, &n) : parse_u64(v, &n);
    if (rc < 0 || n > 100000000) {
        perr(p, col, "expected a %s, got \"%s\"", duration ? "duration (e.g. 60s, 5m)" : "number",
             v);
        return;
    }
    *dst = (unsigned)n;
}

static void key_bureau(struct parse *p, const char *k, const char *v, int col)
{
    struct config *c = p->cfg;
    if (!strcmp(k, "database"))
        c->db_path = (free(c->db_path), resolve_path(p, v));
    else if (!strcmp(k, "organisation_fr"))
        set_str(&c->org_name_fr, v);
    else if (!strcmp(k, "organisation_ar"))
        set_str(&c->org_name_ar, v);
    else if (!strcmp(k, "number_format")) {
        if (!strstr(v, "{seq"))
            perr(p, col, "number_format must contain {seq} or {seq:N}");
        set_str(&c->number_format, v);
    } else if (!strcmp(k, "departure_number_format")) {
        if (!strstr(v, "{seq"))
            perr(p, col, "departure_number_format must contain {seq} or {seq:N}");
        set_str(&c->departure_number_format, v);
    } else if (!strcmp(k, "rules"))
        c->rules_path = (free(c->rules_path), resolve_path(p, v));
    else if (!strcmp(k, "templates"))
        c->templates_dir = (free(c->templates_dir), resolve_path(p, v));
    else if (!strcmp(k, "holidays"))
        c->holidays_file = (free(c->holidays_file), resolve_path(p, v));
    else if (!strcmp(k, "public_url"))
        set_str(&c->public_url, v);
    else if (!strcmp(k, "own_addresses"))
        set_str(&c->own_addresses, v);
    else if (!strcmp(k, "internal_domains"))
        set_str(&c->internal_domains, v);
    else if (!strcmp(k, "head_reply_address")) {
        char *why = NULL;
        if (headtoken_pattern_check(v, &why) < 0)
            perr(p, col, "%s, got \"%s\"", why, v);
        free(why);
        set_str(&c->head_reply_address, v);
    }
    else if (!strcmp(k, "log")) {
        if (strcmp(v, "stderr") && strcmp(v, "syslog"))
            perr(p, col, "log must be stderr or syslog");
        set_str(&c->log_target, v);
    } else if (!strcmp(k, "log_level")) {
        if (strcmp(v, "debug") && strcmp(v, "info") && strcmp(v, "warn") && strcmp(v, "error"))
            perr(p, col, "log_level must be debug, info, warn or error");
        set_str(&c->log_level, v);
    } else
        perr(p, 1, "unknown key \"%s\" in [bureau]", k);
}

static void key_limits(struct parse *p, const char *k, const char *v, int col)
{
    struct mime_limits *l = &p->cfg->limits;
    uint64_t n;
    if (!strcmp(k, "max_message_size") || !strcmp(k, "max_body_text") ||
        !strcmp(k, "max_header_len")) {
        if (parse_size(v, &n) < 0 || n == 0 || n > (uint64_t)1 << 32) {
            perr(p, col, "expected a size (e.g. 25M), got \"%s\"", v);
            return;
        }
        if (!strcmp(k, "max_message_size"))
            l->max_message_size = n;
        else if (!strcmp(k, "max_body_text"))
            l->max_body_text = n;
        else
            l->max_header_len = n;
    } else if (!strcmp(k, "max_mime_depth"))
        set_uint(p, &l->max_depth, v, col, 0);
    else if (!strcmp(k, "max_mime_parts"))
        set_uint(p, &l->max_parts, v, col, 0);
    else if (!strcmp(k, "parsers")) {
        if (!strcmp(v, "auto"))
            p->cfg->parsers = 0;
        else {
            set_uint(p, &p->cfg->parsers, v, col, 0);
            if (p->cfg->parsers < 1 || p->cfg->parsers > 4)
                perr(p, col, "parsers must be 1-4 or auto");
        }
    } else if (!strcmp(k, "parse_timeout")) {
        unsigned secs = 0;
        set_uint(p, &secs, v, col, 1);
        if (secs)
            l->timeout_ms = secs * 1000;
    } else
        perr(p, 1, "unknown key \"%s\" in [limits]", k);
}

static void key_account(struct parse *p, const char *k, const char *v, int col)
{
    struct imap_account *a = p->acct;
    int secret;
    if (!strcmp(k, "host"))
        set_str(&a->host, v);
    else if (!strcmp(k, "port")) {
        unsigned port = 0;
        set_uint(p, &port, v, col, 0);
        if (port < 1 || port > 65535)
            perr(p, col, "port must be 1-65535");
        a->port = (int)port;
    } else if (key_tls(p, k, v, col,
                       &(struct tls_keys){&a->tls, &a->tls_verify, &a->ca_file, &a->tls_line,
                                          &a->tls_col}))
        ;
    else if (!strcmp(k, "user"))
        set_str(&a->user, v);
    else if ((secret = key_secret(p, k, v, col, &a->password, &a->password_error)) != 0)
        a->has_secret |= secret == 1;
    else if (!strcmp(k, "mailbox"))
        set_str(&a->mailbox, v);
    else if (!strcmp(k, "registered_folder"))
        set_str(&a->registered_folder, v);
    else if (!strcmp(k, "quarantine_folder"))
        set_str(&a->quarantine_folder, v);
    else if (!strcmp(k, "default_kind"))
        set_str(&a->default_kind, v);
    else if (!strcmp(k, "poll_interval"))
        set_uint(p, &a->poll_interval, v, col, 1);
    else if (!strcmp(k, "timeout")) {
        set_uint(p, &a->timeout, v, col, 1);
        if (a->timeout < 1 || a->timeout > 3600)
            perr(p, col, "timeout must be 1s-3600s");
    }
    else if (!strcmp(k, "batch")) {
        set_uint(p, &a->batch, v, col, 0);
        if (a->batch < 1 || a->batch > 10000)
            perr(p, col, "batch must be 1-10000");
    } else
        perr(p, 1, "unknown key \"%s\" in [account %s]", k, a->name);
}

static void key_smtp(struct parse *p, const char *k, const char *v, int col)
{
    struct smtp_config *s = &p->cfg->smtp;
    int secret;
    if (!strcmp(k, "url")) {
        if (strncmp(v, "smtp://", 7) && strncmp(v, "smtps://", 8))
            perr(p, col, "url must start with smtp:// or smtps://");
        set_str(&s->url, v);
    } else if (key_tls(p, k, v, col,
                       &(struct tls_keys){&s->tls, &s->tls_verify, &s->ca_file, &s->tls_line,
                                          &s->tls_col}))
        ;
    else if (!strcmp(k, "user"))
        set_str(&s->user, v);
    else if ((secret = key_secret(p, k, v, col, &s->password, &s->password_error)) != 0)
        s->has_secret |= secret == 1;
    else if (!strcmp(k, "from")) {
        if (str_has_ctl(v, 0) || !strchr(v, '@'))
            perr(p, col, "from must be a plain email address");
        set_str(&s->from_addr, v);
    } else if (!strcmp(k, "from_name")) {
        if (str_has_ctl(v, 0))
            perr(p, col, "from_name must not contain control characters");
        set_str(&s->from_name, v);
    } else if (!strcmp(k, "timeout"))
        set_uint(p, &s->timeout, v, col, 1);
    else if (!strcmp(k, "max_auto_per_day"))
        set_uint(p, &s->max_auto_per_day, v, col, 0);
    else
        perr(p, 1, "unknown key \"%s\" in [smtp]", k);
}

/* "HH:MM", 00:00 to 23:59: remind.c reads the four digits as they stand, and a time
 * past 23:59 would never come, so the digest would silently never go. */
static int is_hhmm(const char *v)
{
    if (strlen(v) != 5 || v[2] != ':')
        return 0;
    for (int i = 0; i < 5; i++)
        if (i != 2 && (v[i] < '0' || v[i] > '9'))
            return 0;
    return (v[0] - '0') * 10 + (v[1] - '0') <= 23 && v[3] <= '5';
}

static void key_reminders(struct parse *p, const char *k, const char *v, int col)
{
    if (!strcmp(k, "digest_time")) {
        if (!is_hhmm(v))
            perr(p, col, "digest_time must be HH:MM, 00:00 to 23:59");
        else
            set_str(&p->cfg->digest_time, v);
    } else if (!strcmp(k, "due_soon_days"))
        set_uint(p, &p->cfg->due_soon_days, v, col, 0);
    else
        perr(p, 1, "unknown key \"%s\" in [reminders]", k);
}

static void key_web(struct parse *p, const char *k, const char *v, int col)
{
    struct web_config *w = &p->cfg->web;
    if (str_has_ctl(v, 0)) {
        perr(p, col, "[web] %s must not contain control characters", k);
        return;
    }
    if (!strcmp(k, "listen")) {
        if (!strchr(v, ':'))
            perr(p, col, "listen must be HOST:PORT (e.g. 127.0.0.1:8080)");
        set_str(&w->listen, v);
    } else if (!strcmp(k, "base_url")) {
        if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8))
            perr(p, col, "base_url must start with http:// or https://");
        set_str(&w->base_url, v);
    } else if (!strcmp(k, "tls_cert")) {
        free(w->tls_cert);
        w->tls_cert = resolve_path(p, v);
    } else if (!strcmp(k, "tls_key")) {
        free(w->tls_key);
        w->tls_key = resolve_path(p, v);
    } else if (!strcmp(k, "session_idle"))
        set_uint(p, &w->session_idle, v, col, 1);
    else if (!strcmp(k, "session_max"))
        set_uint(p, &w->session_max, v, col, 1);
    else if (!strcmp(k, "trusted_proxy"))
        set_str(&w->trusted_proxy, v);
    else if (!strcmp(k, "max_connections"))
        set_uint(p, &w->max_connections, v, col, 0);
    else if (!strcmp(k, "timeout"))
        set_uint(p, &w->timeout, v, col, 1);
    else if (!strcmp(k, "reopen_days"))
        set_uint(p, &w->reopen_days, v, col, 0);
    else if (!strcmp(k, "track_per_minute"))
        set_uint(p, &w->track_per_minute, v, col, 0);
    else
        perr(p, 1, "unknown key \"%s\" in [web]", k);
}

static void key_routing(struct parse *p, const char *k, const char *v, int col)
{
    if (!strcmp(k, "per_sender_routed"))
        set_uint(p, &p->cfg->per_sender_routed, v, col, 0);
    else
        perr(p, 1, "unknown key \"%s\" in [routing]", k);
}

static void add_pair(struct parse *p, struct config_pair **v, size_t *n, const char *k,
                     const char *val, int col)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*v)[i].key, k)) {
            perr(p, 1, "\"%s\" given twice", k);
            return;
        }
    if (*n >= CONFIG_MAX_PAIRS || str_has_ctl(k, 0) || str_has_ctl(val, 0) || !*val) {
        perr(p, col, "bad or too many entries (at most %d)", CONFIG_MAX_PAIRS);
        return;
    }
    *v = xrealloc(*v, sizeof **v * (*n + 1));
    (*v)[*n].key = xstrdup(k);
    (*v)[(*n)++].value = xstrdup(val);
}

/* An approval circuit: none, head, director, or "head, director". */
static int circuit_valid(const char *v)
{
    static const char *const ok[] = {"none", "head", "director", "head, director",
                                     "head,director"};
    for (size_t i = 0; i < BU_ARRAY_LEN(ok); i++)
        if (!strcmp(v, ok[i]))
            return 1;
    return 0;
}

static void key_approval(struct parse *p, const char *k, const char *v, int col)
{
    if (strcmp(k, "directors") != 0 && !circuit_valid(v))
        perr(p, col, "[approval] %s: expected none, head, director or \"head, director\", "
                     "got \"%s\"", k, v);
    else
        add_pair(p, &p->cfg->approval, &p->cfg->n_approval, k, v, col);
}

static void key_staff(struct parse *p, const char *k, const char *v, int col)
{
    if (!strchr(v, '@') || strchr(v, ' ') || strchr(v, ','))
        perr(p, col, "[staff] %s: expected one mail address, got \"%s\"", k, v);
    else
        add_pair(p, &p->cfg->staff, &p->cfg->n_staff, k, v, col);
}

static void account_defaults(struct imap_account *a, const char *name)
{
    memset(a, 0, sizeof *a);
    a->name = xstrdup(name);
    a->tls = TLS_IMPLICIT;
    a->tls_verify = 1;
    a->poll_interval = 60;
    a->batch = 200;
    a->timeout = 60;
}

static void open_section(struct parse *p, char *name, int col)
{
    p->acct = NULL;
    name = str_trim(name);
    if (!strcmp(name, "bureau"))
        p->section = SEC_BUREAU;
    else if (!strcmp(name, "limits"))
        p->section = SEC_LIMITS;
    else if (!strcmp(name, "smtp"))
        p->section = SEC_SMTP;
    else if (!strcmp(name, "reminders"))
        p->section = SEC_REMINDERS;
    else if (!strcmp(name, "approval"))
        p->section = SEC_APPROVAL;
    else if (!strcmp(name, "staff"))
        p->section = SEC_STAFF;
    else if (!strcmp(name, "routing"))
        p->section = SEC_ROUTING;
    else if (!strcmp(name, "web")) {
        p->section = SEC_WEB;
        p->cfg->web.has_web = 1;
    }
    else if (!strncmp(name, "account", 7) && (name[7] == ' ' || name[7] == '\t')) {
        char *an = str_trim(name + 7);
        p->section = SEC_ACCOUNT;
        if (!*an || str_has_ctl(an, 0) || strchr(an, '/')) {
            perr(p, col, "bad account name");
            p->section = SEC_BAD;
            return;
        }
        for (size_t i = 0; i < p->cfg->n_accounts; i++)
            if (!strcmp(p->cfg->accounts[i].name, an)) {
                perr(p, col, "account \"%s\" defined twice", an);
                p->section = SEC_BAD;
                return;
            }
        if (p->cfg->n_accounts >= CONFIG_MAX_ACCOUNTS) {
            perr(p, col, "too many accounts (at most %d)", CONFIG_MAX_ACCOUNTS);
            p->section = SEC_BAD;
            return;
        }
        p->cfg->accounts = xrealloc(p->cfg->accounts,
                                    sizeof *p->cfg->accounts * (p->cfg->n_accounts + 1));
        p->acct = &p->cfg->accounts[p->cfg->n_accounts++];
        account_defaults(p->acct, an);
    } else {
        perr(p, col, "unknown section [%s]", name);
        p->section = SEC_BAD;
    }
}

static void parse_line(struct parse *p, char *line)
{
    char *s = line;
    while (*s == ' ' || *s == '\t')
        s++;
    if (!*s || *s == '#' || *s == ';')
        return;
    int col = (int)(s - line) + 1;
    if (*s == '[') {
        char *end = strchr(s, ']');
        if (!end) {
            perr(p, col, "unterminated section header");
            p->section = SEC_BAD;
            return;
        }
        *end = '\0';
        open_section(p, s + 1, col);
        return;
    }
    char *eq = strchr(s, '=');
    if (!eq) {
        perr(p, col, "expected key = value");
        return;
    }
    *eq = '\0';
    char *key = str_trim(s);
    char *val = eq + 1;
    /* an inline comment needs a space before '#' */
    for (char *h = val; (h = strchr(h, '#')) != NULL; h++)
        if (h > val && (h[-1] == ' ' || h[-1] == '\t')) {
            *h = '\0';
            break;
        }
    int vcol = (int)(eq - line) + 2;
    while (*val == ' ' || *val == '\t')
        val++, vcol++;
    val = str_trim(val);
    switch (p->section) {
    case SEC_BUREAU: key_bureau(p, key, val, vcol); break;
    case SEC_LIMITS: key_limits(p, key, val, vcol); break;
    case SEC_ACCOUNT: key_account(p, key, val, vcol); break;
    case SEC_SMTP: key_smtp(p, key, val, vcol); break;
    case SEC_REMINDERS: key_reminders(p, key, val, vcol); break;
    case SEC_APPROVAL: key_approval(p, key, val, vcol); break;
    case SEC_ROUTING: key_routing(p, key, val, vcol); break;
    case SEC_WEB: key_web(p, key, val, vcol); break;
    case SEC_STAFF: key_staff(p, key, val, vcol); break;
    case SEC_NONE: perr(p, col, "key outside of any section"); break;
    default: break;
    }
}

/* A host name or address that never leaves the machine: 127.0.0.0/8, ::1
 * (also IPv4-mapped) and localhost. Nothing is resolved. */
static int host_is_loopback(const char *h, size_t n)
{
    char buf[256];
    unsigned char a[16];
    if (n >= 2 && h[0] == '[' && h[n - 1] == ']')
        h++, n -= 2;
    if (!n || n >= sizeof buf)
        return 0;
    memcpy(buf, h, n);
    buf[n] = '\0';
    if (!strcasecmp(buf, "localhost") || !strcasecmp(buf, "localhost."))
        return 1;
    if (inet_pton(AF_INET, buf, a) == 1)
        return a[0] == 127;
    if (inet_pton(AF_INET6, buf, a) != 1)
        return 0;
    static const unsigned char one[16] = {[15] = 1};
    static const unsigned char mapped[12] = {[10] = 0xff, [11] = 0xff};
    return !memcmp(a, one, 16) || (!memcmp(a, mapped, 12) && a[12] == 127);
}

/* The host of an smtp:// or smtps:// URL (no user info expected). */
static int url_host_is_loopback(const char *url)
{
    const char *h = strstr(url, "://");
    if (!h)
        return 0;
    h += 3;
    const char *at = strpbrk(h, "@/");
    if (at && *at == '@')
        h = at + 1;
    size_t n = h[0] == '[' ? strcspn(h, "]") + 1 : strcspn(h, ":/");
    return host_is_loopback(h, n);
}

/* tls = none sends the password in clear: only to this machine. Reported
 * where `tls = none` was written. */
static void check_cleartext(struct parse *p, int line, int col, const char *what,
                            const char *host)
{
    int keep = p->line;
    p->line = line;
    perr(p, col, "%s: tls = none sends the password in clear, which is allowed only to a "
         "loopback host (127.0.0.0/8, ::1, localhost), not %s: use tls = starttls or implicit",
         what, host);
    p->line = keep;
}

static void finish_tls_checks(struct parse *p)
{
    struct config *c = p->cfg;
    for (size_t i = 0; i < c->n_accounts; i++) {
        struct imap_account *a = &c->accounts[i];
        if (a->tls == TLS_NONE && a->has_secret && a->host &&
            !host_is_loopback(a->host, strlen(a->host))) {
            char *what = xasprintf("[account %s]", a->name);
            check_cleartext(p, a->tls_line, a->tls_col, what, a->host);
            free(what);
        }
    }
    if (c->smtp.url && c->smtp.tls == TLS_NONE && c->smtp.has_secret &&
        strncmp(c->smtp.url, "smtps://", 8) && !url_host_is_loopback(c->smtp.url))
        check_cleartext(p, c->smtp.tls_line, c->smtp.tls_col, "[smtp]", c->smtp.url);
}

static void finish_checks(struct parse *p)
{
    finish_tls_checks(p);
    struct config *c = p->cfg;
    p->line = 0;
    if (!c->db_path)
        perr(p, 0, "[bureau] database is required");
    for (size_t i = 0; i < c->n_accounts; i++) {
        struct imap_account *a = &c->accounts[i];
        if (!a->host)
            perr(p, 0, "[account %s] host is required", a->name);
        if (!a->user)
            perr(p, 0, "[account %s] user is required", a->name);
        if (!a->has_secret)
            perr(p, 0, "[account %s] password_file or password_env is required", a->name);
        if (!a->port)
            a->port = a->tls == TLS_IMPLICIT ? 993 : 143;
        if (!a->mailbox)
            a->mailbox = xstrdup("INBOX");
        if (!a->registered_folder)
            a->registered_folder = xstrdup("Registered");
        if (!a->quarantine_folder)
            a->quarantine_folder = xstrdup("Quarantine");
    }
    if (c->smtp.url && !c->smtp.from_addr)
        perr(p, 0, "[smtp] from is required");
    if (!c->web.tls_cert != !c->web.tls_key)
        perr(p, 0, "[web] tls_cert and tls_key go together");
    if (c->web.max_connections == 0 || c->web.max_connections > 1024)
        perr(p, 0, "[web] max_connections must be 1..1024");
    if (c->web.reopen_days > 3650)
        perr(p, 0, "[web] reopen_days must be 0..3650");
    if (c->web.track_per_minute == 0 || c->web.track_per_minute > 10000)
        perr(p, 0, "[web] track_per_minute must be 1..10000");
}

static void config_defaults(struct config *c, const char *path)
{
    c->path = xstrdup(path);
    c->number_format = xstrdup("{year}/{seq:6}");
    c->departure_number_format = xstrdup("{year}/D{seq:6}");
    c->org_name_fr = xstrdup("Bureau d'ordre");
    c->org_name_ar = xstrdup("مكتب الضبط");
    mime_limits_default(&c->limits);
    c->smtp.tls = TLS_STARTTLS;
    c->smtp.tls_verify = 1;
    c->smtp.timeout = 30;
    c->smtp.max_auto_per_day = 5;
    c->due_soon_days = 7;
    c->per_sender_routed = 20;
    c->digest_time = xstrdup("08:00");
    c->web.listen = xstrdup("127.0.0.1:8080");
    c->web.session_idle = 30 * 60;
    c->web.session_max = 12 * 3600;
    c->web.max_connections = 64;
    c->web.timeout = 30;
    c->web.reopen_days = 30;
    c->web.track_per_minute = 30;
}

int config_load(const char *path, struct config **out, char **errors)
{
    char *data = NULL, *cause = NULL;
    size_t len;
    *out = NULL;
    if (file_read_all(path, CONFIG_MAX_SIZE, &data, &len, &cause) < 0) {
        char *why = access_denied(path, R_OK);
        *errors = xasprintf("%s\n", why ? why : cause);
        free(why);
        free(cause);
        return -1;
    }
    struct parse p = {.file = path};
    char *pathcopy = xstrdup(path);
    p.dir = xstrdup(dirname(pathcopy));
    free(pathcopy);
    buf_init(&p.errors, 1024 * 1024);
    p.cfg = xcalloc(1, sizeof *p.cfg);
    config_defaults(p.cfg, path);
    if (memchr(data, '\0', len) || !utf8_valid(data, len)) {
        perr(&p, 0, "the file is not valid UTF-8 text");
    } else {
        char *save = data, *line;
        while ((line = strsep(&save, "\n")) != NULL) {
            p.line++;
            parse_line(&p, line);
        }
        finish_checks(&p);
    }
    free(data);
    free(p.dir);
    if (p.n_errors) {
        *errors = buf_steal(&p.errors);
        config_free(p.cfg);
        return -1;
    }
    buf_free(&p.errors);
    *errors = NULL;
    *out = p.cfg;
    return 0;
}

static void account_free(struct imap_account *a)
{
    free(a->name);
    free(a->host);
    free(a->ca_file);
    free(a->user);
    if (a->password) {
        explicit_bzero(a->password, strlen(a->password));
        free(a->password);
    }
    free(a->password_error);
    free(a->mailbox);
    free(a->registered_folder);
    free(a->quarantine_folder);
    free(a->default_kind);
}

static void pairs_free(struct config_pair *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].key);
        free(v[i].value);
    }
    free(v);
}

void config_free(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_accounts; i++)
        account_free(&c->accounts[i]);
    free(c->accounts);
    free(c->path);
    free(c->db_path);
    free(c->org_name_fr);
    free(c->org_name_ar);
    free(c->number_format);
    free(c->departure_number_format);
    pairs_free(c->approval, c->n_approval);
    pairs_free(c->staff, c->n_staff);
    free(c->rules_path);
    free(c->templates_dir);
    free(c->holidays_file);
    free(c->public_url);
    free(c->own_addresses);
    free(c->internal_domains);
    free(c->head_reply_address);
    free(c->log_target);
    free(c->log_level);
    free(c->smtp.url);
    free(c->smtp.ca_file);
    free(c->smtp.user);
    if (c->smtp.password) {
        explicit_bzero(c->smtp.password, strlen(c->smtp.password));
        free(c->smtp.password);
    }
    free(c->smtp.password_error);
    free(c->smtp.from_addr);
    free(c->smtp.from_name);
    free(c->digest_time);
    free(c->web.listen);
    free(c->web.base_url);
    free(c->web.tls_cert);
    free(c->web.tls_key);
    free(c->web.trusted_proxy);
    free(c);
}

const struct imap_account *config_account(const struct config *c, const char *name)
{
    for (size_t i = 0; i < c->n_accounts; i++)
        if (!strcmp(c->accounts[i].name, name))
            return &c->accounts[i];
    return NULL;
}
