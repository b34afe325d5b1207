/* notify.c — implements notify.h (and notify_tx_status_to of lifecycle.h):
 * which mails an event causes, to whom, with which template variables.
 * A mail that cannot be composed (bad address, broken template) is recorded
 * as an event and skipped: it never rolls back a registration. Only
 * database errors return -1. */
#include "bureau/notify.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "bureau/autoreply.h"
#include "bureau/compose.h"
#include "bureau/headtoken.h"
#include "bureau/lifecycle.h"
#include "bureau/outbox.h"
#include "bureau/routecap.h"
#include "bureau/templates.h"
#include "bureau/track.h"
#include "bureau/util.h"

#define MAX_VARS 48
#define MAX_SUBJECT_VAR 300
#define MAX_BODY_VAR (64 * 1024)
#define MAX_TAG_NUMBER 40

/* Template variables with the strings they own. */
struct vars {
    struct tvar v[MAX_VARS];
    char *owned[MAX_VARS];
    size_t n;
};

static void vars_add(struct vars *vs, const char *name, const char *value)
{
    if (vs->n < MAX_VARS)
        vs->v[vs->n++] = (struct tvar){name, value};
}

static void vars_own(struct vars *vs, const char *name, char *value)
{
    if (vs->n < MAX_VARS) {
        vs->owned[vs->n] = value;
        vs->v[vs->n++] = (struct tvar){name, value};
    } else {
        free(value);
    }
}

static void vars_free(struct vars *vs)
{
    for (size_t i = 0; i < vs->n; i++)
        free(vs->owned[i]);
    vs->n = 0;
}

static char *body_excerpt(const char *body)
{
    if (!body)
        return NULL;
    size_t n = strlen(body), outlen = 0;
    char *u = utf8_sanitize(body, n < MAX_BODY_VAR ? n : MAX_BODY_VAR, &outlen);
    if (n > MAX_BODY_VAR) {
        char *v = xasprintf("%s\n[…]", u);
        free(u);
        return v;
    }
    return u;
}

static void entry_vars(struct vars *vs, const struct notify_ctx *n, const struct entry *e)
{
    char dt[20];
    const struct kind *k = n->rules ? rules_kind(n->rules, e->kind) : NULL;
    const struct department *d = n->rules ? rules_department(n->rules, e->department) : NULL;
    fmt_datetime(e->received_at, dt);
    vars_add(vs, "number", e->number);
    vars_own(vs, "tag", xasprintf("[BO %s]", e->number));
    vars_own(vs, "received_date", xstrndup(dt, 10));
    vars_own(vs, "received_time", xstrndup(dt + 11, 5));
    vars_add(vs, "kind", e->kind);
    vars_add(vs, "kind_fr", k && k->name_fr ? k->name_fr : e->kind);
    vars_add(vs, "kind_ar", k && k->name_ar ? k->name_ar : e->kind);
    vars_add(vs, "department", e->department);
    vars_add(vs, "department_fr", d && d->name_fr ? d->name_fr : e->department);
    vars_add(vs, "department_ar", d && d->name_ar ? d->name_ar : e->department);
    vars_add(vs, "due_date", e->due_date);
    vars_add(vs, "due_date_open", lifecycle_is_open(e->status) ? e->due_date : NULL);
    vars_own(vs, "subject", compose_header_clean(e->subject, MAX_SUBJECT_VAR));
    vars_own(vs, "sender_name", compose_header_clean(e->sender_name, MAX_SUBJECT_VAR));
    vars_add(vs, "sender_addr", e->sender_addr);
    vars_add(vs, "status", e->status);
    vars_add(vs, "status_fr", lifecycle_status_fr(e->status));
    vars_add(vs, "status_ar", lifecycle_status_ar(e->status));
    vars_own(vs, "body", body_excerpt(e->body));
    vars_add(vs, "urgent", e->urgent ? "1" : NULL);
    vars_add(vs, "needs_triage", e->needs_triage ? "1" : NULL);
    vars_own(vs, "n_attachments", xasprintf("%d", e->n_attachments));
    vars_own(vs, "status_command", xasprintf("bureau status %s in-progress", e->number));
}

static char *attach_name(const char *number)
{
    char *s = xasprintf("%s.eml", number);
    for (char *p = s; *p; p++)
        if (*p == '/' || *p == '\\' || (unsigned char)*p < 32)
            *p = '-';
    return s;
}

/* Queue one mail; a refused mail becomes an event on the entry. Returns 1
 * queued, 0 refused (recorded), -1 database error. */
static int queue_id(struct store *s, const struct notify_ctx *n, const struct outbox_mail *m,
                    int64_t *id, char **cause)
{
    char *why = NULL;
    int rc = outbox_tx_mail(s, n, m, id, &why);
    if (rc == 0)
        return 1;
    if (rc != OUTBOX_REFUSED) {
        set_cause(cause, "%s", why ? why : "outbox error");
        free(why);
        return -1;
    }
    char *detail = xasprintf("%s to %s not queued: %s", m->purpose,
                             compose_addr_valid(m->to_addr) ? m->to_addr : "(invalid address)",
                             why ? why : "refused");
    free(why);
    rc = m->entry_id > 0 ? store_event(s, m->entry_id, "system", "mail-refused", detail, cause)
                         : 0;
    free(detail);
    return rc < 0 ? -1 : 0;
}

static int queue(struct store *s, const struct notify_ctx *n, const struct outbox_mail *m,
                 char **cause)
{
    return queue_id(s, n, m, NULL, cause);
}

/* --- routed items to the department heads ------------------------------- */

/* The reply address of one routed mail (headtoken.h): a fresh token for
 * the entry's department; the variables reply_addr (where the head
 * replies) and reply_tag ("[#TOKEN]" in the subject when there is no
 * plus-addressing) are added to vs. */
struct reply_to {
    char *addr;   /* Reply-To, NULL without [bureau] head_reply_address */
    char *ref;    /* the References id carrying the token */
};

static int reply_to_issue(struct store *s, const struct notify_ctx *n, const struct entry *e,
                          struct vars *vs, struct reply_to *rt, char **cause)
{
    char token[HEADTOKEN_LEN + 1];
    memset(rt, 0, sizeof *rt);
    if (headtoken_tx_issue(s, e->id, e->department, token, cause) < 0)
        return -1;
    rt->addr = headtoken_address(n->cfg->head_reply_address, e->number, token);
    rt->ref = headtoken_ref(e->number, token, n->cfg->smtp.from_addr);
    vars_own(vs, "reply_addr", xstrdup(rt->addr ? rt->addr : n->cfg->smtp.from_addr));
    vars_own(vs, "reply_tag", rt->addr ? NULL : xasprintf("[#%s]", token));
    sodium_memzero(token, sizeof token);
    return 0;
}

static void reply_to_free(struct reply_to *rt)
{
    free(rt->addr);
    free(rt->ref);
}

static int route_to_heads(struct store *s, const struct notify_ctx *n, const struct entry *e,
                          const char *purpose, const char *tmpl, struct vars *vs, int64_t raw_id,
                          int *queued, char **cause)
{
    const struct department *d = n->rules ? rules_department(n->rules, e->department) : NULL;
    char *name = attach_name(e->number);
    int rc = 0;
    *queued = 0;
    if (!d || d->n_heads == 0) {
        free(name);
        return store_event(s, e->id, "system", "mail-refused",
                           "no head address for this department: nothing routed", cause);
    }
    struct reply_to rt;
    if (reply_to_issue(s, n, e, vs, &rt, cause) < 0) {
        free(name);
        return -1;
    }
    size_t back = 0;
    for (size_t i = 0; i < d->n_heads && rc >= 0; i++) {
        if (e->sender_addr && strcasecmp(d->heads[i], e->sender_addr) == 0) {
            back++;  /* never send an item back to the department that wrote it */
            continue;
        }
        struct outbox_mail m = {
            .entry_id = e->id, .purpose = purpose, .tmpl = tmpl, .vars = vs->v, .n_vars = vs->n,
            .to_addr = d->heads[i], .auto_submitted = "auto-generated", .attach_name = name,
            .attach_raw_id = raw_id > 0 ? raw_id : 0, .reply_to = rt.addr, .references = rt.ref,
        };
        rc = queue(s, n, &m, cause);
        *queued += rc > 0;
    }
    reply_to_free(&rt);
    free(name);
    if (rc >= 0 && back && back == d->n_heads)
        rc = store_event(s, e->id, "system", "mail-refused",
                         "not routed: the department's head is the sender; assign it to "
                         "another department if it concerns one", cause);
    return rc < 0 ? -1 : 0;
}

static int routed_inner(struct store *s, const struct notify_ctx *n, const struct entry *e,
                        char **cause)
{
    struct vars vs = {0};
    int queued = 0;
    entry_vars(&vs, n, e);
    int rc = route_to_heads(s, n, e, "routed", "routed", &vs, e->raw_id, &queued, cause);
    vars_free(&vs);
    if (rc < 0 || queued == 0 || e->needs_triage || !e->status ||
        strcmp(e->status, "registered") != 0)
        return rc;
    return store_tx_entry_set(s, e->id, "status", "routed", "system",
                              "registered -> routed (sent to the department)", cause);
}

/* The item to its department's heads again, with why (the variable var of
 * routed.tmpl): an urgency, a re-opening. */
static int routed_again(struct store *s, const struct notify_ctx *n, const struct entry *e,
                        const char *var, const char *reason, char **cause)
{
    if (!n || !n->tmpl)
        return 0;
    struct vars vs = {0};
    int queued = 0;
    entry_vars(&vs, n, e);
    vars_own(&vs, var, body_excerpt(reason));
    int rc = route_to_heads(s, n, e, "routed", "routed", &vs, e->raw_id, &queued, cause);
    vars_free(&vs);
    return rc;
}

int notify_tx_reopened(struct store *s, const struct notify_ctx *n, const struct entry *e,
                       const char *reason, char **cause)
{
    return routed_again(s, n, e, "reopened_reason", reason, cause);
}

int notify_tx_urgent(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *reason, char **cause)
{
    return routed_again(s, n, e, "urgent_reason", reason, cause);
}

int notify_tx_routed(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     char **cause)
{
    if (!n || !n->tmpl)
        return 0;
    return routed_inner(s, n, e, cause);
}

/* --- acknowledgement ----------------------------------------------------- */

/* The tracking link (track.h) as the variable track_url, when the
 * console has a public address: a fresh token, only its hash stored. */
static int track_link(struct store *s, const struct notify_ctx *n, const struct entry *e,
                      struct vars *vs, char **cause)
{
    char token[TRACK_TOKEN_LEN + 1];
    const char *base = n->cfg ? n->cfg->web.base_url : NULL;
    if (!base || !*base)
        return 0;
    if (track_tx_issue(s, e->id, e->number, token, cause) < 0)
        return -1;
    vars_own(vs, TRACK_URL_VAR, track_url(base, e->number, token));
    sodium_memzero(token, sizeof token);
    return 0;
}

static int ack(struct store *s, const struct notify_ctx *n, const struct entry *e,
               const struct msg *m, char **cause)
{
    const char *why = e->internal ? "internal correspondence: a department of the commune, "
                                    "not a citizen"
                                  : autoreply_refusal(n->cfg, m);
    if (why)
        return store_event(s, e->id, "system", "ack-skipped", why, cause);
    int ok = autoreply_tx_take(s, m->from_addr, n->cfg->smtp.max_auto_per_day, cause);
    if (ok < 0)
        return -1;
    if (ok == 0) {
        char *d = xasprintf("daily cap of %u automatic mails to this address reached",
                            n->cfg->smtp.max_auto_per_day);
        int rc = store_event(s, e->id, "system", "ack-skipped", d, cause);
        free(d);
        return rc;
    }
    struct vars vs = {0};
    entry_vars(&vs, n, e);
    if (track_link(s, n, e, &vs, cause) < 0) {
        vars_free(&vs);
        return -1;
    }
    char *to_name = compose_header_clean(m->from_name, 200);
    struct outbox_mail om = {
        .entry_id = e->id, .purpose = "ack", .tmpl = "ack", .vars = vs.v, .n_vars = vs.n,
        .to_addr = m->from_addr, .to_name = to_name, .in_reply_to = m->message_id,
        .references = m->references, .auto_submitted = "auto-replied",
    };
    int rc = queue(s, n, &om, cause);
    free(to_name);
    vars_free(&vs);
    return rc < 0 ? -1 : 0;
}

int notify_tx_registered(struct store *s, const struct notify_ctx *n, const struct entry *e,
                         const struct msg *m, char **cause)
{
    if (!n || !n->tmpl)
        return 0;
    if (ack(s, n, e, m, cause) < 0)
        return -1;
    /* past the sender's daily cap the entry waits for the heads' digest */
    int take = routecap_tx_take(s, e, n->cfg ? n->cfg->per_sender_routed : 0, cause);
    if (take <= 0)
        return take;
    return routed_inner(s, n, e, cause);
}

/* --- oversized mail ------------------------------------------------------ */

static char *megabytes(size_t n)
{
    return xasprintf("%zu.%zu MB", n / 1000000, (n % 1000000) / 100000);
}

int notify_tx_oversize(struct store *s, const struct notify_ctx *n, const struct msg *m,
                       int64_t qid, size_t size, char **cause)
{
    if (!n || !n->tmpl || autoreply_refusal(n->cfg, m))
        return 0;
    int ok = autoreply_tx_take(s, m->from_addr, n->cfg->smtp.max_auto_per_day, cause);
    if (ok <= 0)
        return ok;
    struct vars vs = {0};
    char dt[20];
    fmt_datetime(now_epoch(), dt);
    vars_own(&vs, "subject", compose_header_clean(m->subject, MAX_SUBJECT_VAR));
    vars_own(&vs, "sender_name", compose_header_clean(m->from_name, MAX_SUBJECT_VAR));
    vars_add(&vs, "sender_addr", m->from_addr);
    vars_own(&vs, "size", megabytes(size));
    vars_own(&vs, "limit", megabytes(n->cfg->limits.max_message_size));
    vars_own(&vs, "quarantine_id", xasprintf("%lld", (long long)qid));
    vars_own(&vs, "received_date", xstrndup(dt, 10));
    char *to_name = compose_header_clean(m->from_name, 200);
    struct outbox_mail om = {
        .purpose = "ack", .tmpl = "oversize", .vars = vs.v, .n_vars = vs.n,
        .to_addr = m->from_addr, .to_name = to_name, .in_reply_to = m->message_id,
        .references = m->references, .auto_submitted = "auto-replied",
    };
    int rc = queue(s, n, &om, cause);
    free(to_name);
    vars_free(&vs);
    return rc < 0 ? -1 : 0;
}

/* --- follow-ups ---------------------------------------------------------- */

/* id if entry id exists and was sent by addr (case-insensitive), else 0. */
static int64_t entry_if_sender(struct store *s, int64_t id, const char *addr)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT id FROM entries WHERE id = ? AND sender_addr = ? "
                                  "COLLATE NOCASE",
                                  NULL);
    int64_t found = 0;
    if (!st || id <= 0)
        return 0;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_text(st, 2, addr, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        found = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return found;
}

static int64_t entry_by_number(struct store *s, const char *number)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id FROM entries WHERE number = ?", NULL);
    int64_t id = 0;
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return id;
}

/* The first entry named by a "[BO NUMBER]" tag in the subject that was sent
 * by addr; 0 if none. Tags naming other people's entries are ignored. */
static int64_t entry_by_tag(struct store *s, const char *subject, const char *addr)
{
    int tries = 0;
    for (const char *p = subject; p && tries < 8 && (p = strstr(p, "[BO ")) != NULL; p += 4) {
        const char *num = p + 4, *end = strchr(num, ']');
        num += strspn(num, " ");
        if (!end || end <= num || (size_t)(end - num) > MAX_TAG_NUMBER)
            continue;
        char *number = xstrndup(num, (size_t)(end - num));
        str_trim(number);
        int64_t id = entry_if_sender(s, entry_by_number(s, number), addr);
        free(number);
        tries++;
        if (id > 0)
            return id;
    }
    return 0;
}

/* The entry of the first of our Message-IDs that m answers and whose entry
 * was sent by m's sender; 0 if none. */
/* Entry of the first of our mails that m answers (In-Reply-To, then
 * References). With only_sender, an entry counts only when m comes from its
 * sender. */
static int64_t entry_by_refs(struct store *s, const struct msg *m, int only_sender)
{
    int64_t id = outbox_entry_by_msgid(s, m->in_reply_to, NULL);
    if (only_sender)
        id = entry_if_sender(s, id, m->from_addr);
    int tries = 0;
    for (const char *p = m->references; id <= 0 && p && *p && tries < COMPOSE_MAX_REFERENCES;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, " \t");
        if (len > 0 && len < 256) {
            char *one = xstrndup(p, len);
            id = outbox_entry_by_msgid(s, one, NULL);
            if (only_sender)
                id = entry_if_sender(s, id, m->from_addr);
            free(one);
            tries++;
        }
        p += len;
    }
    return id > 0 ? id : 0;
}

/* 1 if addr is one of the heads of department dept. */
static int is_head_of(const struct notify_ctx *n, const char *dept, const char *addr)
{
    const struct department *d = n && n->rules && dept ? rules_department(n->rules, dept) : NULL;
    for (size_t i = 0; d && i < d->n_heads; i++)
        if (strcasecmp(d->heads[i], addr) == 0)
            return 1;
    return 0;
}

int notify_tx_keep(struct store *s, const struct entry *e, const struct msg *m, int64_t raw_id,
                   const char *action, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO followups (entry_id, raw_id, from_addr, subject, "
                                  "message_id, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, raw_id);
    sqlite3_bind_text(st, 3, m->from_addr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, m->subject ? m->subject : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, m->message_id ? m->message_id : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 6, now_epoch());
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "followups: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    char *subj = compose_header_clean(m->subject, MAX_SUBJECT_VAR);
    const char *what = !strcmp(action, "followup")           ? "follow-up"
                       : !strcmp(action, "department-reply") ? "reply of the department"
                                                             : "mail to the reply address";
    char *detail = xasprintf("%s from %s (raw #%lld): %s", what,
                             m->from_addr ? m->from_addr : "(no sender)", (long long)raw_id,
                             subj);
    rc = store_event(s, e->id, "system", action, detail, cause);
    free(detail);
    free(subj);
    return rc;
}

static int tell_department(struct store *s, const struct notify_ctx *n, const struct entry *e,
                           const struct msg *m, int64_t raw_id, char **cause)
{
    struct vars vs = {0};
    char dt[20];
    int queued = 0;
    fmt_datetime(m->date ? m->date : now_epoch(), dt);
    entry_vars(&vs, n, e);
    vars_add(&vs, "followup_from", m->from_addr);
    vars_own(&vs, "followup_name", compose_header_clean(m->from_name, MAX_SUBJECT_VAR));
    vars_own(&vs, "followup_subject", compose_header_clean(m->subject, MAX_SUBJECT_VAR));
    vars_own(&vs, "followup_body", body_excerpt(m->body));
    vars_own(&vs, "followup_date", xstrdup(dt));
    int rc = route_to_heads(s, n, e, "followup", "followup", &vs, raw_id, &queued, cause);
    vars_free(&vs);
    return rc;
}

/* The entry named by a "[BO NUMBER]" tag of the subject, whoever sent it
 * (the caller checks the sender); 0 if none. */
static int64_t entry_by_any_tag(struct store *s, const char *subject)
{
    const char *p = subject ? strstr(subject, "[BO ") : NULL;
    const char *end = p ? strchr(p + 4, ']') : NULL;
    if (!end || (size_t)(end - p - 4) > MAX_TAG_NUMBER)
        return 0;
    char *number = xstrndup(p + 4, (size_t)(end - p - 4));
    int64_t id = entry_by_number(s, str_trim(number));
    free(number);
    return id;
}

/* A department head answering the routed item (a reply to one of our mails
 * about the entry, or naming its number, from a head of its department)
 * is kept with the entry as the department's reply: internal
 * correspondence gets no arrival number. It carries no token (those are
 * headtoken_tx_queue's): it is queued in head_mail, where any command in
 * it is refused for that reason. */
static int head_reply(struct store *s, const struct notify_ctx *n, const struct msg *m,
                      int64_t raw_id, struct entry *attached, char **cause)
{
    int64_t id = entry_by_refs(s, m, 0);
    if (id == 0)
        id = entry_by_any_tag(s, m->subject);
    if (id == 0)
        return 0;
    struct entry e;
    memset(&e, 0, sizeof e);
    if (store_entry_by_id(s, id, &e, cause) < 0)
        return -1;
    if (!is_head_of(n, e.department, m->from_addr)) {
        entry_free(&e);
        return 0;
    }
    if (notify_tx_keep(s, &e, m, raw_id, "department-reply", cause) < 0 ||
        headtoken_tx_enqueue(s, n ? n->cfg : NULL, &e, m, raw_id, NULL, cause) < 0) {
        entry_free(&e);
        return -1;
    }
    *attached = e;
    return 1;
}

/* The citizen writing again about an entry already answered, closed,
 * rejected or transferred may be contesting the answer: the entry is
 * flagged for the clerks (list --triage) until its status changes. */
static int flag_contested(struct store *s, const struct entry *e, const struct msg *m,
                          int64_t raw_id, char **cause)
{
    static const char *const done[] = {"answered", "closed", "rejected", "transferred"};
    size_t i;
    for (i = 0; i < BU_ARRAY_LEN(done); i++)
        if (e->status && strcmp(e->status, done[i]) == 0)
            break;
    if (i == BU_ARRAY_LEN(done))
        return 0;
    char *why = xasprintf("follow-up from the citizen after %s (raw #%lld)", e->status,
                          (long long)raw_id);
    char *detail = xasprintf("%s: %s may be contesting the answer", why, m->from_addr);
    int rc = store_tx_entry_set(s, e->id, "attention", why, "system", detail, cause);
    free(detail);
    free(why);
    return rc;
}

int notify_tx_followup(struct store *s, const struct notify_ctx *n, const struct msg *m,
                       int64_t raw_id, struct entry *attached, char **cause)
{
    if (!m->from_addr || m->is_dsn)
        return 0;
    int64_t id = entry_by_tag(s, m->subject, m->from_addr);
    if (id == 0)
        id = entry_by_refs(s, m, 1);
    if (id == 0)
        return head_reply(s, n, m, raw_id, attached, cause);
    struct entry e;
    memset(&e, 0, sizeof e);
    if (store_entry_by_id(s, id, &e, cause) < 0)
        return -1;
    int rc = 0;
    if (!e.sender_addr || strcasecmp(e.sender_addr, m->from_addr) != 0)
        goto done;
    if (notify_tx_keep(s, &e, m, raw_id, "followup", cause) < 0 ||
        flag_contested(s, &e, m, raw_id, cause) < 0 ||
        (n && n->tmpl && !autoreply_refusal(n->cfg, m) &&
         tell_department(s, n, &e, m, raw_id, cause) < 0)) {
        rc = -1;
        goto done;
    }
    *attached = e;
    return 1;
done:
    entry_free(&e);
    return rc;
}

/* --- delivery status notifications -------------------------------------- */

static int64_t dsn_row(struct store *s, const struct msg *m, int64_t *entry_id)
{
    int64_t row = 0;
    const char *cands[] = {m->dsn_original_id, m->in_reply_to};
    for (size_t i = 0; i < BU_ARRAY_LEN(cands) && row == 0; i++)
        if (cands[i])
            *entry_id = outbox_entry_by_msgid(s, cands[i], &row);
    for (const char *p = m->references; row == 0 && p && *p;) {
        p += strspn(p, " \t");
        size_t len = strcspn(p, " \t");
        if (len > 0 && len < 256) {
            char *one = xstrndup(p, len);
            *entry_id = outbox_entry_by_msgid(s, one, &row);
            free(one);
        }
        p += len;
    }
    return row;
}

int notify_tx_dsn(struct store *s, const struct notify_ctx *n, const struct msg *m,
                  int64_t raw_id, char **cause)
{
    int64_t entry_id = 0;
    if (!m->is_dsn)
        return 0;
    int64_t row = dsn_row(s, m, &entry_id);
    if (row == 0)
        return 0;
    const char *action = m->dsn_action ? m->dsn_action : "failed";
    int failed = strcasecmp(action, "failed") == 0;
    char *clean = compose_header_clean(action, 40);
    char *reason = xasprintf("delivery status notification: %s (raw #%lld)", clean,
                             (long long)raw_id);
    int rc = failed ? outbox_tx_fail(s, row, reason, cause) : 0;
    sqlite3_stmt *st = rc < 0 ? NULL
                              : store_stmt(s, "UPDATE outbox SET dsn_raw_id = ? WHERE id = ?",
                                           cause);
    if (st) {
        sqlite3_bind_int64(st, 1, raw_id);
        sqlite3_bind_int64(st, 2, row);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
        if (rc < 0)
            set_cause(cause, "outbox: %s", sqlite3_errmsg(store_db(s)));
    } else {
        rc = -1;
    }
    if (rc == 0 && entry_id > 0)
        rc = store_event(s, entry_id, "system", failed ? "mail-bounced" : "mail-dsn", reason,
                         cause);
    free(reason);
    free(clean);
    return rc < 0 ? -1 : 1;
}

/* --- status updates ------------------------------------------------------ */

static int status_skip(const struct notify_ctx *n, const struct entry *e)
{
    return e->internal || !e->sender_addr || !compose_addr_valid(e->sender_addr) ||
           autoreply_is_robot(e->sender_addr) || autoreply_is_own(n->cfg, e->sender_addr);
}

static int status_mail(struct store *s, const struct notify_ctx *n, const struct entry *e,
                       const char *old_status, const char *note, const char *transferred_to,
                       const char *notice_fr, const char *notice_ar, char **cause);

int notify_tx_notice(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *notice_fr, const char *notice_ar, const char *note,
                     char **cause)
{
    return status_mail(s, n, e, e->status, note, NULL, notice_fr, notice_ar, cause);
}

int notify_tx_status_to(struct store *s, const struct notify_ctx *n, const struct entry *e,
                        const char *old_status, const char *note, const char *transferred_to,
                        char **cause)
{
    return status_mail(s, n, e, old_status, note, transferred_to, NULL, NULL, cause);
}

static int status_mail(struct store *s, const struct notify_ctx *n, const struct entry *e,
                       const char *old_status, const char *note, const char *transferred_to,
                       const char *notice_fr, const char *notice_ar, char **cause)
{
    int notice = note && old_status && e->status && strcmp(old_status, e->status) == 0;
    if (!n || !n->tmpl || !(lifecycle_citizen_facing(e->status) || notice))
        return 0;
    if (e->closure_code && !strcmp(e->closure_code, LIFECYCLE_NOT_RECEIVABLE) &&
        !strcmp(e->status, "closed"))
        return 0;  /* no request, nobody to tell */
    if (status_skip(n, e))
        return store_event(s, e->id, "system", "status-mail-skipped",
                           e->internal ? "internal correspondence: no citizen to tell"
                                       : "the sender address cannot receive automatic mail",
                           cause);
    struct vars vs = {0};
    entry_vars(&vs, n, e);
    vars_add(&vs, "old_status", old_status);
    vars_add(&vs, "old_status_fr", lifecycle_status_fr(old_status));
    vars_add(&vs, "old_status_ar", lifecycle_status_ar(old_status));
    vars_own(&vs, "note", note ? body_excerpt(note) : NULL);
    vars_add(&vs, "code", e->closure_code);
    vars_add(&vs, "code_fr", e->closure_code ? lifecycle_code_fr(e->closure_code) : NULL);
    vars_add(&vs, "code_ar", e->closure_code ? lifecycle_code_ar(e->closure_code) : NULL);
    vars_own(&vs, "transferred_to", transferred_to ? body_excerpt(transferred_to) : NULL);
    vars_add(&vs, "notice_fr", notice_fr);
    vars_add(&vs, "notice_ar", notice_ar);
    char *to_name = compose_header_clean(e->sender_name, 200);
    struct outbox_mail om = {
        .entry_id = e->id, .purpose = "status", .tmpl = "status", .vars = vs.v,
        .n_vars = vs.n, .to_addr = e->sender_addr, .to_name = to_name,
        .in_reply_to = e->message_id, .references = e->refs, .auto_submitted = "auto-generated",
    };
    int rc = queue(s, n, &om, cause);
    free(to_name);
    vars_free(&vs);
    return rc < 0 ? -1 : 0;
}

int notify_tx_status(struct store *s, const struct notify_ctx *n, const struct entry *e,
                     const char *old_status, const char *note, char **cause)
{
    return notify_tx_status_to(s, n, e, old_status, note, NULL, cause);
}

/* --- a head's mail acted on or refused (headmail.h) ---------------------- */

int notify_tx_head(struct store *s, const struct notify_ctx *n, const struct entry *e,
                   const struct notify_head *h, int64_t *outbox_id, char **cause)
{
    *outbox_id = 0;
    if (!n || !n->tmpl)
        return 0;
    struct vars vs = {0};
    if (h->reason_fr) {  /* to anyone: the number only, nothing of the entry */
        vars_add(&vs, "number", e->number);
        vars_own(&vs, "tag", xasprintf("[BO %s]", e->number));
        vars_add(&vs, "reason_fr", h->reason_fr);
        vars_add(&vs, "reason_ar", h->reason_ar);
    } else {
        entry_vars(&vs, n, e);
        vars_own(&vs, "done", body_excerpt(h->done));
    }
    vars_own(&vs, "mail_subject", compose_header_clean(h->mail_subject, MAX_SUBJECT_VAR));
    vars_own(&vs, "refused", h->refused && *h->refused ? body_excerpt(h->refused) : NULL);
    struct outbox_mail om = {
        .entry_id = e->id, .purpose = "headmail",
        .tmpl = h->reason_fr ? "head_refused" : "head_done", .vars = vs.v, .n_vars = vs.n,
        .to_addr = h->to_addr, .in_reply_to = h->in_reply_to,
        .references = h->references ? h->references : h->in_reply_to, .reply_to = h->reply_to,
        .auto_submitted = "auto-replied",
    };
    int rc = queue_id(s, n, &om, outbox_id, cause);
    vars_free(&vs);
    if (rc <= 0)
        *outbox_id = 0;
    return rc < 0 ? -1 : 0;
}
