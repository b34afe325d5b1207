/* config.h — the configuration file (INI style: [section], key = value,
 * '#' comments). Errors are reported as file:line:col: message, all of
 * them in one pass. Secrets are read from files or environment variables
 * named in the config, never from the command line. */
#ifndef BUREAU_CONFIG_H
#define BUREAU_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include "bureau/mime.h"

enum tls_mode { TLS_NONE = 0, TLS_IMPLICIT, TLS_STARTTLS };

struct imap_account {
    char *name;              /* section name: [account NAME] */
    char *host;
    int port;                /* default 993 implicit, 143 otherwise */
    enum tls_mode tls;
    int tls_verify;          /* 1 unless insecure = yes */
    char *ca_file;           /* extra trust anchors, NULL = system CAs only */
    char *user;
    char *password;          /* resolved from password_file / password_env */
    char *password_error;    /* why password is NULL (file unreadable, variable
                                unset): reported when the mailbox is used, so that
                                clerk commands need no access to the secret */
    char *mailbox;           /* default "INBOX" */
    char *registered_folder; /* default "Registered" */
    char *quarantine_folder; /* default "Quarantine" */
    char *default_kind;      /* may be NULL */
    int has_secret;          /* password_file or password_env was given */
    int tls_line, tls_col;   /* where `tls =` was set (0: not set) */
    unsigned poll_interval;  /* seconds, when IDLE is missing; default 60 */
    unsigned batch;          /* messages per fetch batch; default 200 */
    unsigned timeout;        /* seconds each connection phase may take; default 60
                                (imap.h: imap_connect_stop) */
};

struct smtp_config {
    char *url;               /* smtp://host:port or smtps://host:port; NULL = no SMTP */
    enum tls_mode tls;       /* STARTTLS required unless tls = none */
    int tls_verify;
    char *ca_file;
    char *user;
    char *password;
    char *password_error;    /* as for imap_account */
    int has_secret;          /* password_file or password_env was given */
    int tls_line, tls_col;   /* where `tls =` was set (0: not set) */
    char *from_addr;         /* envelope and From address */
    char *from_name;         /* display name, UTF-8 */
    unsigned timeout;        /* seconds; default 30 */
    unsigned max_auto_per_day; /* automatic mails per recipient per day; default 5 */
};

/* A key = value line of a list-like section ([approval], [staff]). */
/* [web]: the console (service/web/). Present (has_web) when the section is
 * given; `bureau web` runs without it on the defaults. */
struct web_config {
    int has_web;             /* a [web] section was given: serve runs the console */
    char *listen;            /* "127.0.0.1:8080" (HOST:PORT, [V6]:PORT) */
    char *base_url;          /* public URL of the console, for links in mail; may be NULL */
    char *tls_cert, *tls_key;/* PEM files; both or neither */
    unsigned session_idle;   /* seconds without a request; default 30 min */
    unsigned session_max;    /* seconds since login; default 12 h */
    char *trusted_proxy;     /* address of a reverse proxy whose X-Forwarded-For is believed */
    unsigned max_connections;/* default 64 */
    unsigned timeout;        /* seconds a connection may stay idle; default 30 */
    unsigned reopen_days;    /* the citizen may re-open an answered file this long; 30; 0 never */
    unsigned track_per_minute; /* requests to /suivi per client address and minute; 30 */
};

struct config_pair {
    char *key;
    char *value;
};

struct config {
    char *path;              /* the file it was read from */
    char *db_path;
    char *org_name_fr;
    char *org_name_ar;
    char *number_format;     /* default "{year}/{seq:6}" */
    char *rules_path;        /* directory or file */
    char *templates_dir;
    char *holidays_file;
    char *public_url;        /* optional, for follow-up instructions */
    char *own_addresses;     /* comma-separated; never auto-answered */
    char *internal_domains;  /* comma-separated mail domains of the commune's own
                                departments (subdomains included): internal mail */
    char *head_reply_address; /* "bo+{number}-{token}@commune.ma": the Reply-To of a
                                routed item (headtoken.h); NULL: no plus-addressing */
    char *log_target;        /* "stderr" or "syslog" */
    char *log_level;         /* "debug", "info", "warn", "error" */
    struct mime_limits limits;
    unsigned parsers;        /* [limits] parsers: parser processes of a fetch or an
                                ingest, 1-4; 0 = auto (config_parsers) */
    struct imap_account *accounts;
    size_t n_accounts;
    struct smtp_config smtp;
    char *departure_number_format; /* default "{year}/D{seq:6}" */
    /* [approval]: KIND | default | letter = none | head | director |
     * head, director; directors = names or addresses (service/departures) */
    struct config_pair *approval;
    size_t n_approval;
    struct config_pair *staff;   /* [staff]: NAME = address (--as NAME) */
    size_t n_staff;
    /* reminders */
    char *digest_time;       /* "08:00" */
    unsigned due_soon_days;  /* default 7 */
    /* [routing] per_sender_routed: entries of one sender routed one by one
     * to the heads per day; past it, listed in a digest (routecap.h).
     * Default 20; 0 = no cap. */
    unsigned per_sender_routed;
    struct web_config web;
};

/* The parser processes a fetch or a batch ingest runs: [limits] parsers,
 * or with auto 2 when the machine has two processors or more, else 1. */
unsigned config_parsers(const struct config *c);

/* Path from -c, else $BUREAU_CONFIG, else ./bureau.conf if present, else
 * /etc/bureau/bureau.conf. */
const char *config_default_path(const char *cli_path);

/* Parse the file. On error, every problem is printed to *errors (malloc'd,
 * one "file:line:col: message" per line) and -1 is returned. Relative paths
 * in the file are resolved against the file's directory. */
int config_load(const char *path, struct config **out, char **errors);
void config_free(struct config *c);
const struct imap_account *config_account(const struct config *c, const char *name);

#endif
