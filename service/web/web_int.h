/* web_int.h — what the files of the console (service/web/) share: the
 * server, one request, the page helpers. Nothing outside service/web/
 * includes it.
 *
 * Ownership: struct web owns its struct cli (config, rules, calendar,
 * templates: read-only once started, shared by the server's threads), one
 * struct cli per server thread (WEB_POOL at most: a shallow copy of it
 * with a store connection of its own, so that actions set their actor and
 * use their store without a lock) and the TLS PEM text; struct req owns
 * its form fields, its account and the page it builds, and borrows its
 * thread's cli (r->c). */
#ifndef BUREAU_WEB_INT_H
#define BUREAU_WEB_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "bureau/account.h"
#include "bureau/calendar.h"
#include "bureau/cli.h"
#include "bureau/util.h"

/* caps on what a request may bring */
#define WEB_MAX_BODY (64 * 1024)          /* an urlencoded form */
#define WEB_MAX_UPLOAD (20 * 1024 * 1024) /* a multipart form (scans) */
#define WEB_MAX_FIELDS 64
#define WEB_MAX_FIELD (32 * 1024)         /* one field's value, files aside */
#define WEB_MAX_HEADERS 64
#define WEB_MAX_URL 8192                  /* path and query string */
#define WEB_PAGE_MAX (16 * 1024 * 1024)   /* one page or download built in memory */
#define WEB_PAGE_SIZE 50                  /* rows of the register per page */
#define WEB_NOTE_MAX 4000                 /* bytes of a note or a reason */
#define WEB_POOL 4                        /* server threads */

struct web {
    struct MHD_Daemon *d;
    struct cli cli;          /* owned: config, store, rules, calendar, templates */
    char *config_path;
    char addr[96];           /* "HOST:PORT" it listens on */
    char *cert_pem, *key_pem;
    int tls;
    pthread_mutex_t mu;      /* guards workers and last_purge */
    struct cli *workers[WEB_POOL];
    size_t n_workers;
    int64_t last_purge;      /* expired sessions and old login attempts, every 15 min */
};

struct form_field {
    char *key;
    char *val;               /* NUL-terminated (a file's bytes may hold NULs: len) */
    size_t len;
    char *filename;          /* a file part, or NULL */
    char *ctype;
};

struct req {
    struct web *w;
    struct cli *c;           /* this thread's: its own store; shared rules, config... */
    struct MHD_Connection *conn;
    const char *method, *url;
    int post;
    int multipart;
    struct MHD_PostProcessor *pp;
    struct form_field f[WEB_MAX_FIELDS];
    size_t nf;
    size_t body;             /* bytes received */
    int refused;             /* 413: over a cap; 400: malformed */
    char addr[64];           /* the client, as believed (trusted_proxy) */
    /* set by web_auth */
    int logged_in;
    struct session se;
    struct account a;
    char sid[65];
    int ar;                  /* the page's language: 1 Arabic, 0 French */
    int64_t now;
};

/* --- server.c: answers ------------------------------------------------------ */
/* Each takes the body (HTML built with page.c) and frees it. */
enum MHD_Result web_send_page(struct req *r, unsigned status, struct buf *page);
enum MHD_Result web_send_redirect(struct req *r, const char *location);
/* attachment download: Content-Disposition attachment with an RFC 6266
 * name (ASCII fallback and filename*=UTF-8''...). data is taken (freed). */
enum MHD_Result web_send_download(struct req *r, char *data, size_t n, const char *ctype,
                                  const char *filename);
/* The same answer for what does not exist and what the role may not see. */
enum MHD_Result web_not_found(struct req *r);
enum MHD_Result web_error(struct req *r, unsigned status, const char *fr, const char *ar);
/* After a failed write of the register (rolled back): 1 when the fault
 * passes (store_fault_temporary: a full disk, the register busy); then
 * answer web_write_later, 503 with Retry-After: nothing was recorded. */
int web_write_passes(struct req *r);
enum MHD_Result web_write_later(struct req *r);
/* A query-string argument or a form field (POST), or NULL. */
const char *web_arg(struct req *r, const char *key);
const char *web_field(const struct req *r, const char *key);
const struct form_field *web_file(const struct req *r, const char *key);
/* Set-Cookie values queued for the answer (at most 4). */
void web_set_cookie(struct req *r, const char *cookie);
/* "https://host" or "http://host" as the browser reached us. */
const char *web_origin(struct req *r);

/* "123/rest" -> 123 and rest ("" at the end); NULL when s does not start
 * with 1..15 digits making a number > 0 (server.c). */
const char *web_path_id(const char *s, int64_t *id);
/* The day number of a "YYYY-MM-DD" from the register, or -1 when it is not one. */
int64_t web_day(const char *ymd);

/* --- auth.c: login, sessions, CSRF ------------------------------------------- */
/* Reads the session cookie: 1 logged in (r->a, r->se set), 0 not. */
int web_auth(struct req *r);
void web_auth_free(struct req *r);
/* A POST that changes something: the session's CSRF token and the Origin. */
int web_post_ok(struct req *r);
/* The request's Origin (else its Referer) is this console's own. */
int web_same_origin(struct req *r);
enum MHD_Result web_login_page(struct req *r, const char *error, unsigned status);
enum MHD_Result web_login_post(struct req *r);
enum MHD_Result web_logout(struct req *r);
enum MHD_Result web_lang_post(struct req *r);

/* --- page.c: HTML -------------------------------------------------------------- */
#define T(r, fr_, ar_) ((r)->ar ? (ar_) : (fr_))
void h_esc(struct buf *b, const char *s);                /* text and attribute values */
void h_bdi(struct buf *b, const char *s);                /* user content: <bdi dir=auto> */
void h_ltr(struct buf *b, const char *s);                /* numbers, dates: never flip */
void h_csrf(struct buf *b, const struct req *r);         /* hidden csrf field */
void h_url(struct buf *b, const char *s);                /* percent-encoded query value */
void page_begin(struct buf *b, struct req *r, const char *title);
void page_end(struct buf *b);
const char *web_status_label(const struct req *r, const char *status);
const char *web_dept_label(const struct req *r, const char *dept);
const char *web_kind_label(const struct req *r, const char *kind);
void h_date(struct buf *b, int64_t t);                   /* YYYY-MM-DD, ltr */
void h_datetime(struct buf *b, int64_t t);
extern const char web_stylesheet[];

/* --- scope.c: who sees and does what ----------------------------------------------- */
/* 1 when the account may read mail at all (clerk, director, head). */
int web_reads_mail(const struct req *r);
/* 1 when it may see entry e (its department is one of a head's). */
int web_sees(const struct req *r, const struct entry *e);
/* 1 when it may take action (assign, reclassify, status, note, urgent,
 * extend) on e. */
int web_may(const struct req *r, const char *action, const struct entry *e);
/* The SQL condition on alias e that limits a list to what the account
 * sees; binds ?100 (1 for a head) and ?101 (the user id). */
#define WEB_SCOPE_SQL                                                                        \
    " (?100 = 0 OR e.department IN (SELECT department FROM user_departments WHERE user_id = " \
    "?101)) "
void web_scope_bind(const struct req *r, sqlite3_stmt *st);

/* --- the pages ------------------------------------------------------------------ */
/* track.c: /suivi/NUMBER/TOKEN[/avis|/rouvrir], the citizen's page, public
 * (no session); rest is what follows "/suivi/". */
enum MHD_Result web_track(struct req *r, const char *rest);
enum MHD_Result web_queues(struct req *r);                 /* queues.c: GET / */
enum MHD_Result web_seen_post(struct req *r);              /* POST /seen */
/* queues.c: the count of a queue ("triage", "new", "due", "overdue",
 * "approval", "handle"), -1 on error; also the SQL of its condition. */
const char *web_queue_sql(const char *queue);
const char *web_queue_label(const struct req *r, const char *queue);
void web_queue_bind(const struct req *r, sqlite3_stmt *st);  /* ?102..?104 */
enum MHD_Result web_register(struct req *r, int csv);     /* reglist.c: /register[.csv], /search */
enum MHD_Result web_entry(struct req *r, int64_t id, const char *rest); /* entry.c: /e/ID... */
enum MHD_Result web_action(struct req *r, int64_t id, const char *action); /* actions.c */
void web_action_forms(struct buf *b, struct req *r, const struct entry *e); /* actions.c */
enum MHD_Result web_quarantine(struct req *r, const char *rest); /* quarantine.c */
enum MHD_Result web_accounts(struct req *r);               /* admin.c */
enum MHD_Result web_figures(struct req *r);                /* figures.c */
/* paper.c: /paper (clerks: the form and its POST), /e/ID/receipt, and the
 * paper facts on an entry's page (nothing when it is not a letter). */
enum MHD_Result web_paper(struct req *r);
enum MHD_Result web_receipt(struct req *r, const struct entry *e);
/* POST /e/ID/receipt (clerks): the receipt with a fresh tracking link. */
enum MHD_Result web_receipt_post(struct req *r, int64_t id);
void web_paper_facts(struct buf *b, struct req *r, const struct entry *e);

#endif
