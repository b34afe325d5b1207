/* outbox.c — see outbox.h */
#include "bureau/outbox.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/compose.h"
#include "bureau/recipe.h"
#include "bureau/track.h"
#include "bureau/util.h"

#define MAX_MAIL_VARS 64

static int step_done(struct store *s, sqlite3_stmt *st, char **cause)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        set_cause(cause, "outbox: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

/* One queued row: composed bytes, or (recipe not NULL) X'' and the recipe. */
static int insert_row(struct store *s, int64_t entry_id, const char *purpose, const char *rcpt,
                      const char *message_id, const char *data, size_t len,
                      const struct buf *recipe, int64_t attach_raw_id, int64_t *id,
                      char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO outbox (entry_id, purpose, rcpt, message_id, "
                                  "bytes, recipe, attach_raw_id, next_attempt_at, created_at, "
                                  "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?8)",
                                  cause);
    if (!st)
        return -1;
    int64_t now = now_epoch();
    if (entry_id > 0)
        sqlite3_bind_int64(st, 1, entry_id);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_text(st, 2, purpose, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, rcpt, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, message_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob64(st, 5, data ? data : "", data ? len : 0, SQLITE_TRANSIENT);
    if (recipe)
        sqlite3_bind_blob64(st, 6, recipe->data, recipe->len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 6);
    if (attach_raw_id > 0)
        sqlite3_bind_int64(st, 7, attach_raw_id);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_int64(st, 8, now);
    int rc = step_done(s, st, cause);
    sqlite3_clear_bindings(st);
    if (rc == 0 && id)
        *id = sqlite3_last_insert_rowid(store_db(s));
    return rc;
}

int outbox_tx_enqueue(struct store *s, int64_t entry_id, const char *purpose,
                      const char *rcpt, const char *data, size_t len, const char *message_id,
                      int64_t *id, char **cause)
{
    return insert_row(s, entry_id, purpose, rcpt, message_id, data, len, NULL, 0, id, cause);
}

int outbox_tx_enqueue_departure(struct store *s, int64_t entry_id, const char *rcpt,
                                const char *message_id, int64_t mail_id, int64_t *id,
                                char **cause)
{
    if (insert_row(s, entry_id, "departure", rcpt, message_id, NULL, 0, NULL, 0, id, cause) < 0)
        return -1;
    sqlite3_stmt *st = store_stmt(s, "UPDATE outbox SET departure_mail_id = ? WHERE id = ?",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, mail_id);
    sqlite3_bind_int64(st, 2, sqlite3_last_insert_rowid(store_db(s)));
    return step_done(s, st, cause);
}


static size_t add_common_vars(const struct notify_ctx *n, const struct outbox_mail *m,
                              int64_t now, struct tvar *v, char today[11])
{
    size_t k = 0;
    for (size_t i = 0; i < m->n_vars && k < MAX_MAIL_VARS - 5; i++)
        v[k++] = m->vars[i];
    fmt_date(now, today);
    v[k++] = (struct tvar){"org_fr", n->cfg->org_name_fr};
    v[k++] = (struct tvar){"org_ar", n->cfg->org_name_ar};
    v[k++] = (struct tvar){"public_url", n->cfg->public_url};
    v[k++] = (struct tvar){"from_addr", n->cfg->smtp.from_addr};
    v[k++] = (struct tvar){"today", today};
    return k;
}

/* The template's text, kept once per version: a queued mail is composed
 * from the wording it was queued with. */
static int keep_template(struct store *s, const char *name, const char *text, size_t len,
                         const char *sha256, int64_t now, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT OR IGNORE INTO mail_templates (sha256, name, text, "
                                  "first_used) VALUES (?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, text, (int)len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, now);
    return step_done(s, st, cause);
}

int outbox_tx_mail(struct store *s, const struct notify_ctx *n, const struct outbox_mail *m,
                   int64_t *id, char **cause)
{
    struct tvar vars[MAX_MAIL_VARS];
    char today[11];
    const char *text = NULL, *sha = NULL;
    size_t text_len = 0;
    if (!n->tmpl || !n->cfg->smtp.from_addr) {
        set_cause(cause, "no templates or no [smtp] from address");
        return OUTBOX_REFUSED;
    }
    if (templates_source(n->tmpl, m->tmpl, &text, &text_len, &sha) < 0) {
        set_cause(cause, "no template named '%s'", m->tmpl);
        return OUTBOX_REFUSED;
    }
    struct compose_input parties = {
        .from_addr = n->cfg->smtp.from_addr, .from_name = n->cfg->smtp.from_name,
        .to_addr = m->to_addr, .to_name = m->to_name, .attach_name = m->attach_name,
        .reply_to = m->reply_to,
    };
    if (compose_check_parties(&parties, cause) < 0)
        return OUTBOX_REFUSED;
    int64_t now = now_epoch();
    size_t nv = add_common_vars(n, m, now, vars, today);
    struct recipe r = {
        .tmpl = m->tmpl, .tmpl_sha256 = sha, .date = now, .from_addr = parties.from_addr,
        .from_name = parties.from_name, .to_addr = m->to_addr, .to_name = m->to_name,
        .in_reply_to = m->in_reply_to, .references = m->references, .reply_to = m->reply_to,
        .auto_submitted = m->auto_submitted ? m->auto_submitted : "auto-generated",
        .attach_name = m->attach_raw_id > 0 ? m->attach_name : NULL, .vars = vars,
        .n_vars = nv,
    };
    struct buf blob;
    buf_init(&blob, RECIPE_MAX_SIZE);
    if (recipe_encode(&r, &blob) < 0) {
        buf_free(&blob);
        set_cause(cause, "mail too large (recipe cap %u bytes)", RECIPE_MAX_SIZE);
        return OUTBOX_REFUSED;
    }
    char *msgid = compose_message_id(parties.from_addr);
    int rc = keep_template(s, m->tmpl, text, text_len, sha, now, cause);
    if (rc == 0)
        rc = insert_row(s, m->entry_id, m->purpose, m->to_addr, msgid, NULL, 0, &blob,
                        m->attach_raw_id, id, cause);
    free(msgid);
    buf_free(&blob);
    return rc;
}

int64_t outbox_entry_by_msgid(struct store *s, const char *message_id, int64_t *outbox_id)
{
    sqlite3_stmt *st =
        store_stmt(s, "SELECT id, entry_id FROM outbox WHERE message_id = ?", NULL);
    int64_t entry = 0;
    if (!st || !message_id)
        return 0;
    sqlite3_bind_text(st, 1, message_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) {
        if (outbox_id)
            *outbox_id = sqlite3_column_int64(st, 0);
        entry = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return entry;
}

int outbox_tx_fail(struct store *s, int64_t id, const char *reason, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE outbox SET state = 'failed', last_error = ?, "
                                  "updated_at = ?, claim_pid = NULL WHERE id = ?",
                                  cause);
    if (!st)
        return -1;
    bind_opt_text(st, 1, reason);
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_int64(st, 3, id);
    return step_done(s, st, cause);
}

/* --- recovery ------------------------------------------------------------ */

static int claim_is_dead(int64_t pid, int64_t claimed_at)
{
    if (pid <= 0 || pid == (int64_t)getpid())
        return 1;
    if (claimed_at < now_epoch() - OUTBOX_STALE_SENDING)
        return 1;
    return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static int requeue_row(struct store *s, int64_t id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE outbox SET state = 'queued', claim_pid = NULL, "
                                  "possible_duplicates = possible_duplicates + 1, "
                                  "next_attempt_at = ?1, updated_at = ?1, last_error = "
                                  "'interrupted while sending: the server may have it "
                                  "(possible duplicate)' WHERE id = ?2 AND state = 'sending'",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now_epoch());
    sqlite3_bind_int64(st, 2, id);
    return step_done(s, st, cause);
}

int outbox_recover(struct store *s, int *n_requeued, char **cause)
{
    int64_t ids[256];
    size_t n = 0;
    *n_requeued = 0;
    sqlite3_stmt *st = store_stmt(
        s, "SELECT id, claim_pid, claimed_at FROM outbox WHERE state = 'sending' LIMIT 256",
        cause);
    if (!st)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW && n < BU_ARRAY_LEN(ids))
        if (claim_is_dead(sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2)))
            ids[n++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (n == 0)
        return 0;
    if (store_begin(s, cause) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (requeue_row(s, ids[i], cause) < 0) {
            store_rollback(s);
            return -1;
        }
    }
    if (store_commit(s, cause) < 0)
        return -1;
    *n_requeued = (int)n;
    return 0;
}

/* --- delivery ------------------------------------------------------------ */

struct row {
    int64_t id;
    int64_t entry_id;
    char *rcpt;
    char *purpose;
    char *message_id;
    char *bytes;
    size_t len;
    int attempts;
};

static void row_free(struct row *r)
{
    free(r->rcpt);
    free(r->purpose);
    free(r->message_id);
    free(r->bytes);
    memset(r, 0, sizeof *r);
}

static int next_due(struct store *s, int64_t after, int ignore_wait, int64_t *id)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT id FROM outbox WHERE state = 'queued' AND id > ? "
                                  "AND (? OR next_attempt_at <= ?) ORDER BY id LIMIT 1",
                                  NULL);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, ignore_wait);
    sqlite3_bind_int64(st, 3, now_epoch());
    int rc = sqlite3_step(st);
    *id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* In an open transaction: mark the row 'sending'. Returns 1 claimed, 0
 * taken by another sender. */
static int claim_tx(struct store *s, int64_t id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE outbox SET state = 'sending', claim_pid = ?, "
                                  "claimed_at = ?2, updated_at = ?2, attempts = attempts + 1 "
                                  "WHERE id = ?3 AND state = 'queued'",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, (int64_t)getpid());
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_int64(st, 3, id);
    if (step_done(s, st, cause) < 0)
        return -1;
    return sqlite3_changes(store_db(s)) == 1;
}

/* Mark the row 'sending' and commit: returns 1 claimed, 0 taken by another. */
static int claim(struct store *s, int64_t id, char **cause)
{
    if (store_begin(s, cause) < 0)
        return -1;
    int got = claim_tx(s, id, cause);
    if (got < 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, cause) < 0 ? -1 : got;
}

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* Puts the attached original back where compose_build had it. */
static int splice_original(struct store *s, struct row *r, int64_t raw_id, size_t at, int base64,
                           char **cause)
{
    char *raw = NULL;
    size_t raw_len = 0;
    if (at > r->len) {
        set_cause(cause, "outbox row %lld: attachment offset out of range", (long long)r->id);
        return -1;
    }
    if (store_raw_get(s, raw_id, &raw, &raw_len, cause) < 0)
        return -1;
    struct buf b;
    buf_init(&b, COMPOSE_MAX_MESSAGE);
    int rc = buf_append(&b, r->bytes, at) < 0 ||
                     compose_attachment_body(&b, raw, raw_len, base64) < 0 ||
                     buf_append(&b, r->bytes + at, r->len - at) < 0
                 ? -1
                 : 0;
    free(raw);
    if (rc < 0) {
        buf_free(&b);
        set_cause(cause, "outbox row %lld: message too large", (long long)r->id);
        return -1;
    }
    free(r->bytes);
    r->len = b.len;
    r->bytes = buf_steal(&b);
    return 0;
}

/* Templates read back from mail_templates, by the SHA-256 of their text,
 * for one sending pass. */
#define TCACHE_SIZE 16
struct tcache {
    char sha[TCACHE_SIZE][65];
    struct templates *t[TCACHE_SIZE];
    size_t n;
};

static void tcache_free(struct tcache *c)
{
    for (size_t i = 0; i < c->n; i++)
        templates_free(c->t[i]);
    c->n = 0;
}

static const struct templates *tcache_get(struct store *s, struct tcache *c, const char *name,
                                          const char *sha, char **cause)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->sha[i], sha) == 0)
            return c->t[i];
    sqlite3_stmt *st =
        store_stmt(s, "SELECT text FROM mail_templates WHERE sha256 = ? AND name = ?", cause);
    if (!st)
        return NULL;
    sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    struct templates *t = NULL;
    char got[65];
    if (sqlite3_step(st) != SQLITE_ROW) {
        set_cause(cause, "template '%s' %.12s is not in mail_templates", name, sha);
    } else {
        const char *text = (const char *)sqlite3_column_text(st, 0);
        size_t len = (size_t)sqlite3_column_bytes(st, 0);
        sha256_hex(text, len, got);
        if (strcmp(got, sha) != 0)
            set_cause(cause, "stored template '%s' %.12s does not match its digest", name, sha);
        else
            (void)templates_from_source(name, text, len, &t, cause);
    }
    sqlite3_reset(st);
    if (!t)
        return NULL;
    if (c->n == TCACHE_SIZE)
        tcache_free(c);
    snprintf(c->sha[c->n], sizeof c->sha[c->n], "%s", sha);
    c->t[c->n++] = t;
    return t;
}

/* Composes r's message from its decoded recipe: 0, or -1 with cause. */
static int compose_recipe(struct store *s, struct tcache *c, struct row *r,
                          const struct recipe_decoded *d, int64_t raw_id, char **cause)
{
    struct rendered rd = {0};
    char *raw = NULL, *msgid = NULL;
    size_t raw_len = 0;
    int rc = -1;
    const struct templates *t = tcache_get(s, c, d->r.tmpl, d->r.tmpl_sha256, cause);
    if (!t || templates_render(t, d->r.tmpl, d->r.vars, d->r.n_vars, &rd, cause) < 0)
        goto done;
    if (raw_id > 0 && store_raw_get(s, raw_id, &raw, &raw_len, cause) < 0)
        goto done;
    struct compose_input in = {
        .from_addr = d->r.from_addr, .from_name = d->r.from_name, .to_addr = d->r.to_addr,
        .to_name = d->r.to_name, .subject = rd.subject, .text = rd.text, .html = rd.html,
        .in_reply_to = d->r.in_reply_to, .references = d->r.references,
        .reply_to = d->r.reply_to, .auto_submitted = d->r.auto_submitted, .attach = raw, .attach_len = raw_len,
        .attach_name = d->r.attach_name, .date = d->r.date, .message_id = r->message_id,
    };
    rc = compose_build(&in, &r->bytes, &r->len, &msgid, cause);
done:
    free(msgid);
    free(raw);
    rendered_free(&rd);
    return rc;
}

/* A departure's message: the bytes kept in departure_mails, as they are. */
static int load_departure_mail(struct store *s, struct row *r, int64_t mail_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT bytes FROM departure_mails WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, mail_id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        set_cause(cause, "outbox row %lld: no departure mail #%lld", (long long)r->id,
                  (long long)mail_id);
        return -1;
    }
    r->len = (size_t)sqlite3_column_bytes(st, 0);
    r->bytes = xmalloc(r->len + 1);
    if (r->len)
        memcpy(r->bytes, sqlite3_column_blob(st, 0), r->len);
    r->bytes[r->len] = '\0';
    sqlite3_reset(st);
    return 0;
}

/* Loads row id with its complete message. -1 with cause on a database
 * error; 1 with cause when the row's message cannot be composed (its
 * fields are loaded: the row is to be marked failed). */
static int load_row(struct store *s, struct tcache *c, int64_t id, struct row *r, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT entry_id, rcpt, purpose, message_id, bytes, attempts, "
                                  "attach_raw_id, attach_at, attach_base64, recipe, "
                                  "departure_mail_id FROM outbox WHERE id = ?",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        set_cause(cause, "no outbox row #%lld", (long long)id);
        return -1;
    }
    r->id = id;
    r->entry_id = sqlite3_column_int64(st, 0);
    r->rcpt = col_dup(st, 1);
    r->purpose = col_dup(st, 2);
    r->message_id = col_dup(st, 3);
    r->attempts = sqlite3_column_int(st, 5);
    int64_t raw_id = sqlite3_column_int64(st, 6);
    size_t at = (size_t)sqlite3_column_int64(st, 7);
    int base64 = sqlite3_column_int(st, 8);
    int has_recipe = sqlite3_column_type(st, 9) != SQLITE_NULL, decoded = -1;
    int64_t mail_id = sqlite3_column_int64(st, 10);
    struct recipe_decoded d;
    if (mail_id > 0) {
        sqlite3_reset(st);
        return load_departure_mail(s, r, mail_id, cause);
    }
    if (has_recipe) {  /* decoding copies it out of the row */
        decoded = recipe_decode(sqlite3_column_blob(st, 9),
                                (size_t)sqlite3_column_bytes(st, 9), &d, cause);
    } else {
        r->len = (size_t)sqlite3_column_bytes(st, 4);
        r->bytes = xmalloc(r->len + 1);
        if (r->len)
            memcpy(r->bytes, sqlite3_column_blob(st, 4), r->len);
        r->bytes[r->len] = '\0';
    }
    sqlite3_reset(st);
    if (has_recipe) {
        int rc = decoded == 0 ? compose_recipe(s, c, r, &d, raw_id, cause) : -1;
        if (decoded == 0)
            recipe_decoded_free(&d);
        return rc < 0 ? 1 : 0;
    }
    return raw_id > 0 ? splice_original(s, r, raw_id, at, base64, cause) : 0;
}

int outbox_message(struct store *s, int64_t id, char **data, size_t *len, char **cause)
{
    struct row r = {0};
    struct tcache c = {0};
    int rc = load_row(s, &c, id, &r, cause);
    tcache_free(&c);
    if (rc != 0) {
        row_free(&r);
        return -1;
    }
    *data = r.bytes;
    *len = r.len;
    r.bytes = NULL;
    row_free(&r);
    return 0;
}

static int64_t backoff(int attempts)
{
    int64_t d = OUTBOX_BACKOFF_BASE;
    for (int i = 1; i < attempts && d < OUTBOX_BACKOFF_CAP; i++)
        d *= 2;
    return d < OUTBOX_BACKOFF_CAP ? d : OUTBOX_BACKOFF_CAP;
}

static int set_outcome(struct store *s, const struct row *r, const char *state, int64_t next,
                       const char *err, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE outbox SET state = ?1, next_attempt_at = ?2, "
                                  "last_error = ?3, updated_at = ?4, claim_pid = NULL, "
                                  "sent_at = CASE WHEN ?1 = 'sent' THEN ?4 ELSE sent_at END "
                                  "WHERE id = ?5",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, next);
    bind_opt_text(st, 3, err);
    sqlite3_bind_int64(st, 4, now_epoch());
    sqlite3_bind_int64(st, 5, r->id);
    return step_done(s, st, cause);
}

/* A sent mail keeps no tracking token (track.h): its recipe is stored again
 * with the token of track_url replaced by a mark. 0, or -1 with cause. */
static int scrub_token_tx(struct store *s, const struct row *r, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT recipe FROM outbox WHERE id = ? AND recipe IS "
                                     "NOT NULL AND instr(recipe, CAST(? AS BLOB)) > 0",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_text(st, 2, "v:" TRACK_URL_VAR, -1, SQLITE_STATIC);
    struct recipe_decoded d;
    int rc = sqlite3_step(st), decoded = -1;
    if (rc == SQLITE_ROW)
        decoded = recipe_decode(sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0),
                                &d, NULL);
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "outbox: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    if (decoded < 0)
        return 0;
    char *mark = NULL;
    for (size_t i = 0; i < d.r.n_vars; i++) {
        const char *v = d.vars[i].value;
        const char *slash = v ? strrchr(v, '/') : NULL;
        if (strcmp(d.vars[i].name, TRACK_URL_VAR) || !slash)
            continue;
        mark = xasprintf("%.*s/%s", (int)(slash - v), v, TRACK_SCRUBBED);
        d.vars[i].value = mark;
    }
    struct buf blob;
    buf_init(&blob, RECIPE_MAX_SIZE);
    rc = mark ? recipe_encode(&d.r, &blob) : -1;
    if (rc == 0) {
        st = store_stmt(s, "UPDATE outbox SET recipe = ? WHERE id = ?", cause);
        rc = st ? 0 : -1;
        if (st) {
            sqlite3_bind_blob64(st, 1, blob.data, blob.len, SQLITE_STATIC);
            sqlite3_bind_int64(st, 2, r->id);
            rc = step_done(s, st, cause);
        }
    } else
        rc = 0;  /* nothing to scrub (or it would not fit: left as sent) */
    buf_free(&blob);
    free(mark);
    recipe_decoded_free(&d);
    return rc;
}

/* In an open transaction: what became of the row. */
static int record_tx(struct store *s, const struct row *r, enum smtp_result res,
                     const char *err, char **cause)
{
    const char *state = res == SMTP_SENT ? "sent" : "failed";
    int64_t next = now_epoch();
    if (res == SMTP_TEMPFAIL && r->attempts < OUTBOX_MAX_ATTEMPTS) {
        state = "queued";
        next += backoff(r->attempts);
    }
    int rc = set_outcome(s, r, state, next, err, cause);
    if (rc == 0 && res == SMTP_SENT && !strcmp(r->purpose, "ack"))
        rc = scrub_token_tx(s, r, cause);
    if (rc == 0 && r->entry_id > 0 && strcmp(state, "queued") != 0) {
        char *detail = xasprintf("%s to %s <%s>%s%s", r->purpose, r->rcpt, r->message_id,
                                 err ? ": " : "", err ? err : "");
        rc = store_event(s, r->entry_id, "system",
                         res == SMTP_SENT ? "mail-sent" : "mail-failed", detail, cause);
        free(detail);
    }
    return rc;
}

static void tally(struct outbox_run *run, enum smtp_result res, const struct row *r)
{
    if (res == SMTP_SENT)
        run->sent++;
    else if (res == SMTP_TEMPFAIL && r->attempts < OUTBOX_MAX_ATTEMPTS)
        run->deferred++;
    else
        run->failed++;
}

/* Send the claimed row id, then in one transaction record what became of
 * it and claim the next due row (*next, 0 when none or when the pass
 * stops): one commit per message, and never more than one row 'sending'.
 * Returns 1 when the pass should stop (server unreachable), 0 to go on,
 * -1 on a database error. */
static int deliver_one(struct store *s, struct smtp *smtp, struct tcache *c, int64_t id,
                       int claim_next, int ignore_wait, atomic_int *halt, int64_t *next,
                       struct outbox_run *run, char **cause)
{
    struct row r = {0};
    char *err = NULL;
    *next = 0;
    int loaded = load_row(s, c, id, &r, &err);
    if (loaded < 0) {
        set_cause(cause, "%s", err ? err : "outbox: cannot load a row");
        free(err);
        row_free(&r);
        return -1;
    }
    enum smtp_result res = SMTP_PERMFAIL;  /* a message that cannot be composed */
    int stop = 0;
    if (loaded == 0) {
        res = smtp_send(smtp, r.rcpt, r.bytes, r.len, &err);
        long code = smtp_last_code(smtp);
        stop = res == SMTP_TEMPFAIL && (code < 400 || code > 499);
    }
    int rc = store_begin(s, cause);
    if (rc == 0)
        rc = record_tx(s, &r, res, err, cause);
    int64_t cand = 0;
    if (halt && atomic_load(halt))
        claim_next = 0;  /* stopping: this one is recorded, no other is claimed */
    if (rc == 0 && claim_next && !stop && next_due(s, id, ignore_wait, &cand) < 0) {
        set_cause(cause, "outbox: %s", sqlite3_errmsg(store_db(s)));
        rc = -1;
    }
    if (rc == 0 && cand) {
        int got = claim_tx(s, cand, cause);
        rc = got < 0 ? -1 : 0;
        *next = got == 1 ? cand : 0;
    }
    if (rc == 0)
        rc = store_commit(s, cause);
    if (rc < 0) {
        store_rollback(s);
        *next = 0;
    } else {
        tally(run, res, &r);
    }
    row_free(&r);
    free(err);
    return rc < 0 ? -1 : stop;
}

int outbox_send_due(struct store *s, const struct config *cfg, struct smtp *smtp, int flags,
                    struct outbox_run *run, char **cause)
{
    return outbox_send_due_stop(s, cfg, smtp, flags, NULL, run, cause);
}

int outbox_send_due_stop(struct store *s, const struct config *cfg, struct smtp *smtp,
                         int flags, atomic_int *halt, struct outbox_run *run, char **cause)
{
    struct smtp *own = NULL;
    int64_t last = 0, id = 0;
    struct tcache tc = {0};
    int ignore_wait = (flags & OUTBOX_SEND_IGNORE_WAIT) != 0, one = (flags & OUTBOX_SEND_ONE) != 0;
    memset(run, 0, sizeof *run);
    if (outbox_recover(s, &run->requeued, cause) < 0)
        return -1;
    if (!smtp) {
        if (smtp_new(&cfg->smtp, &own, cause) < 0)
            return -1;
        smtp = own;
    }
    if (halt)
        smtp_set_halt(smtp, halt);
    int rc = 0;
    while (rc == 0 && !(halt && atomic_load(halt) && !id)) {
        if (!id) {  /* claim one on its own: the first, or after a race */
            int64_t cand = 0;
            if (next_due(s, last, ignore_wait, &cand) < 0) {
                set_cause(cause, "outbox: %s", sqlite3_errmsg(store_db(s)));
                rc = -1;
                break;
            }
            if (cand == 0)
                break;
            last = cand;
            int got = claim(s, cand, cause);
            if (got < 0)
                rc = -1;
            if (got <= 0)
                continue;
            id = cand;
        }
        int64_t next = 0;
        int r = deliver_one(s, smtp, &tc, id, !one, ignore_wait, halt, &next, run, cause);
        if (next)
            last = next;
        else
            last = id > last ? id : last;
        id = next;
        if (r < 0)
            rc = -1;
        else if (r > 0 || (one && run->sent + run->failed + run->deferred))
            break;
    }
    smtp_free(own);
    tcache_free(&tc);
    return rc;
}

/* --- clerk actions ------------------------------------------------------- */

static int clerk_update(struct store *s, int64_t id, const char *sql, const char *action,
                        const char *actor, char **cause)
{
    if (store_begin(s, cause) < 0)
        return -1;
    sqlite3_stmt *st = store_stmt(s, sql, cause);
    int rc = -1;
    if (!st)
        goto done;
    sqlite3_bind_int64(st, 1, now_epoch());
    sqlite3_bind_int64(st, 2, id);
    if (step_done(s, st, cause) < 0)
        goto done;
    if (sqlite3_changes(store_db(s)) != 1) {
        set_cause(cause, "outbox #%lld: no such message in a state that allows %s",
                  (long long)id, action);
        goto done;
    }
    int64_t entry = 0;
    st = store_stmt(s, "SELECT entry_id FROM outbox WHERE id = ?", cause);
    if (!st)
        goto done;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        entry = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    rc = 0;
    if (entry > 0) {
        char *detail = xasprintf("outbox #%lld", (long long)id);
        rc = store_event(s, entry, actor ? actor : "clerk", action, detail, cause);
        free(detail);
    }
done:
    if (rc < 0) {
        store_rollback(s);
        return -1;
    }
    return store_commit(s, cause);
}

int outbox_retry(struct store *s, int64_t id, const char *actor, char **cause)
{
    return clerk_update(s, id,
                        "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?1, "
                        "updated_at = ?1 WHERE id = ?2 AND state IN ('failed', 'cancelled', "
                        "'queued')",
                        "mail-retry", actor, cause);
}

int outbox_cancel(struct store *s, int64_t id, const char *actor, char **cause)
{
    return clerk_update(s, id,
                        "UPDATE outbox SET state = 'cancelled', updated_at = ?1 "
                        "WHERE id = ?2 AND state IN ('queued', 'failed')",
                        "mail-cancelled", actor, cause);
}
