/* send.c — the last approval of a draft, in its transaction: the departure
 * number, the departure row, the composed mail per addressee (kept as
 * sent, queued in the outbox), and the arrivals it answers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bureau/compose.h"
#include "bureau/lifecycle.h"
#include "bureau/outbox.h"
#include "bureau/util.h"
#include "dep_int.h"

#define MAX_VARS 48

static int next_seq(struct store *s, int year, int64_t *seq, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO departure_counters (year, last) VALUES (?, 1) "
                                  "ON CONFLICT (year) DO UPDATE SET last = last + 1 "
                                  "RETURNING last",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, year);
    if (sqlite3_step(st) != SQLITE_ROW) {
        set_cause(cause, "departure numbering: %s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        return -1;
    }
    *seq = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* "name (role), ..." of the approvals given on the draft's current text. */
static char *approvers(struct store *s, int64_t draft_id)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT actor, role FROM draft_events WHERE draft_id = ?1 AND action = "
        "'draft-approved' AND id > (SELECT coalesce(max(id), 0) FROM draft_events WHERE "
        "draft_id = ?1 AND action IN ('drafted', 'draft-edited', 'draft-returned')) ORDER BY id",
        NULL);
    struct buf b;
    buf_init(&b, 8192);
    if (!st)
        return buf_steal(&b);
    sqlite3_bind_int64(st, 1, draft_id);
    while (sqlite3_step(st) == SQLITE_ROW)
        buf_printf(&b, "%s%s (%s)", b.len ? ", " : "", sqlite3_column_text(st, 0),
                   sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
    sqlite3_reset(st);
    return buf_steal(&b);
}

struct files {
    struct compose_file *f;
    char **owned;   /* names, types and bytes */
    size_t n;
};

static void files_free(struct files *fs)
{
    for (size_t i = 0; i < fs->n * 3; i++)
        free(fs->owned[i]);
    free(fs->owned);
    free(fs->f);
    memset(fs, 0, sizeof *fs);
}

static int load_files(struct store *s, int64_t draft_id, struct files *fs, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT filename, content_type, bytes, sha256, size FROM "
                                  "draft_attachments WHERE draft_id = ? ORDER BY idx",
                                  cause);
    if (!st)
        return -1;
    fs->f = xcalloc(DEPARTURE_MAX_FILES, sizeof *fs->f);
    fs->owned = xcalloc(DEPARTURE_MAX_FILES * 3, sizeof *fs->owned);
    sqlite3_bind_int64(st, 1, draft_id);
    while (sqlite3_step(st) == SQLITE_ROW && fs->n < DEPARTURE_MAX_FILES) {
        size_t len = (size_t)sqlite3_column_bytes(st, 2);
        char *data = xmalloc(len + 1);
        if (len)
            memcpy(data, sqlite3_column_blob(st, 2), len);
        fs->owned[fs->n * 3] = dep_col(st, 0);
        fs->owned[fs->n * 3 + 1] = dep_col(st, 1);
        fs->owned[fs->n * 3 + 2] = data;
        fs->f[fs->n] = (struct compose_file){fs->owned[fs->n * 3], fs->owned[fs->n * 3 + 1],
                                             data, len};
        fs->n++;
    }
    sqlite3_reset(st);
    return 0;
}

struct dep_row {
    int64_t id;
    int year;
    int64_t seq, at;
    char number[64];
};

static int insert_departure(struct store *s, const struct draft *d, const char *approved_by,
                            size_t n_files, struct dep_row *r, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT INTO departures (number, year, seq, sent_at, draft_id, addressees, "
        "addressee_name, subject, body_ar, body_fr, closure_code, department, n_attachments, "
        "drafter, approvers) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        cause);
    if (!st)
        return -1;
    const char *v[] = {d->addressees, d->addressee_name, d->subject, d->body_ar, d->body_fr,
                       d->closure_code, d->department};
    sqlite3_bind_text(st, 1, r->number, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, r->year);
    sqlite3_bind_int64(st, 3, r->seq);
    sqlite3_bind_int64(st, 4, r->at);
    sqlite3_bind_int64(st, 5, d->id);
    for (int i = 0; i < 7; i++)
        if (v[i])
            sqlite3_bind_text(st, 6 + i, v[i], -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 13, (int64_t)n_files);
    sqlite3_bind_text(st, 14, d->drafter, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 15, approved_by, -1, SQLITE_STATIC);
    if (dep_step(s, st, cause) < 0)
        return -1;
    r->id = sqlite3_last_insert_rowid(store_db(s));
    st = store_stmt(s,
                    "INSERT INTO departure_attachments (departure_id, idx, filename, "
                    "content_type, size, sha256) SELECT ?, idx, filename, content_type, size, "
                    "sha256 FROM draft_attachments WHERE draft_id = ?",
                    cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int64(st, 2, d->id);
    return dep_step(s, st, cause);
}

/* --- the mail ------------------------------------------------------------- */

struct vars {
    struct tvar v[MAX_VARS];
    char *owned[MAX_VARS];
    size_t n;
};

static void add(struct vars *vs, const char *name, const char *value)
{
    if (vs->n < MAX_VARS)
        vs->v[vs->n++] = (struct tvar){name, value};
}

static void own(struct vars *vs, const char *name, char *value)
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

static char *file_names(const struct files *fs)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    for (size_t i = 0; i < fs->n; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", fs->f[i].name);
    return buf_steal(&b);
}

/* The outcome as the letter states it: the closure code in words, after the
 * status it implies when that says more ("Rejetée — Hors compétence"); an
 * answer is just "Réponse apportée", not "تمت الإجابة — تمت الإجابة". */
static char *outcome(const char *status, const char *code_id, const char *code)
{
    if (!code || !*code)
        return status ? xstrdup(status) : NULL;
    if (!status || !code_id || !strcmp(code_id, "answered") || !strcmp(status, code))
        return xstrdup(code);
    return xasprintf("%s — %s", status, code);
}

static void mail_vars(struct vars *vs, const struct departure_ctx *x, const struct draft *d,
                      const struct entry *e, const struct dep_row *r, const struct files *fs,
                      const char *others)
{
    char date[11], recv[11];
    const struct kind *k = e && x->rules ? rules_kind(x->rules, e->kind) : NULL;
    const char *status = departure_code_status(d->closure_code);
    fmt_date(r->at, date);
    add(vs, "org_fr", x->cfg->org_name_fr);
    add(vs, "org_ar", x->cfg->org_name_ar);
    add(vs, "from_addr", x->cfg->smtp.from_addr);
    add(vs, "public_url", x->cfg->public_url);
    own(vs, "today", xstrdup(date));
    add(vs, "departure_number", r->number);
    own(vs, "departure_date", xstrdup(date));
    add(vs, "subject", d->subject);
    add(vs, "addressee_name", d->addressee_name);
    add(vs, "body_ar", d->body_ar);
    add(vs, "body_fr", d->body_fr);
    add(vs, "code", d->closure_code ? d->closure_code : "answered");
    add(vs, "code_fr", dep_code_fr(d->closure_code));
    add(vs, "code_ar", dep_code_ar(d->closure_code));
    add(vs, "status_fr", lifecycle_status_fr(status));
    add(vs, "status_ar", lifecycle_status_ar(status));
    own(vs, "outcome_fr", outcome(lifecycle_status_fr(status), d->closure_code,
                                      dep_code_fr(d->closure_code)));
    own(vs, "outcome_ar", outcome(lifecycle_status_ar(status), d->closure_code,
                                      dep_code_ar(d->closure_code)));
    own(vs, "attachments", fs->n ? file_names(fs) : NULL);
    add(vs, "other_numbers", others && *others ? others : NULL);
    if (e)
        fmt_date(e->received_at, recv);
    add(vs, "number", e ? e->number : NULL);
    own(vs, "tag", e ? xasprintf("[BO %s]", e->number) : NULL);
    own(vs, "received_date", e ? xstrdup(recv) : NULL);
    own(vs, "arrival_subject", e ? compose_header_clean(e->subject, 300) : NULL);
    add(vs, "kind_fr", k && k->name_fr ? k->name_fr : e ? e->kind : NULL);
    add(vs, "kind_ar", k && k->name_ar ? k->name_ar : e ? e->kind : NULL);
    add(vs, "remedies", e && !strcmp(e->kind, "information-request") &&
                                !strcmp(status, "rejected")
                            ? "1"
                            : NULL);
}

static char *references(const struct entry *e)
{
    if (!e || !e->message_id)
        return NULL;
    return xasprintf("%s%s%s", e->refs ? e->refs : "", e->refs ? " " : "", e->message_id);
}

static int store_mail(struct store *s, int64_t dep_id, int64_t entry_id, const char *rcpt,
                      const char *bytes, size_t len, const char *msgid, char **cause)
{
    char sha[65];
    sha256_hex(bytes, len, sha);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO departure_mails (departure_id, rcpt, message_id, "
                                  "sha256, bytes) VALUES (?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, dep_id);
    sqlite3_bind_text(st, 2, rcpt, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, msgid, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, sha, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob64(st, 5, bytes, len, SQLITE_STATIC);
    if (dep_step(s, st, cause) < 0)
        return -1;
    int64_t mail_id = sqlite3_last_insert_rowid(store_db(s));
    return outbox_tx_enqueue_departure(s, entry_id, rcpt, msgid, mail_id, NULL, cause);
}

static int compose_one(const struct departure_ctx *x, const struct draft *d,
                       const struct entry *e, const struct rendered *rd, const struct files *fs,
                       const struct dep_row *r, const char *rcpt, char **cause)
{
    char *refs = references(e), *out = NULL, *msgid = NULL;
    size_t len = 0;
    struct compose_input in = {
        .from_addr = x->cfg->smtp.from_addr, .from_name = x->cfg->smtp.from_name,
        .to_addr = rcpt, .to_name = d->addressee_name, .subject = rd->subject,
        .text = rd->text, .html = rd->html, .in_reply_to = e ? e->message_id : NULL,
        .references = refs, .date = r->at, .files = fs->f, .n_files = fs->n,
    };
    int rc = compose_build(&in, &out, &len, &msgid, cause);
    if (rc == 0)
        rc = store_mail(x->s, r->id, e ? e->id : 0, rcpt, out, len, msgid, cause);
    free(refs);
    free(out);
    free(msgid);
    return rc;
}

static int send_mails(const struct departure_ctx *x, const struct draft *d,
                      const struct entry *e, const struct dep_row *r, const char *others,
                      char **cause)
{
    if (!d->addressees || !*d->addressees)
        return 0;   /* a letter that leaves on paper */
    if (!x->tmpl || !templates_has(x->tmpl, "departure") || !x->cfg->smtp.from_addr) {
        set_cause(cause, "cannot send: no \"departure\" template or no [smtp] from address");
        return -1;
    }
    struct files fs = {0};
    struct vars vs = {0};
    struct rendered rd = {0};
    int rc = load_files(x->s, d->id, &fs, cause);
    if (rc == 0) {
        mail_vars(&vs, x, d, e, r, &fs, others);
        rc = templates_render(x->tmpl, "departure", vs.v, vs.n, &rd, cause);
    }
    for (const char *p = d->addressees; rc == 0 && *p;) {
        p += strspn(p, " ,");
        size_t l = strcspn(p, " ,");
        if (!l)
            break;
        char *rcpt = xstrndup(p, l);
        rc = compose_one(x, d, e, &rd, &fs, r, rcpt, cause);
        free(rcpt);
        p += l;
    }
    rendered_free(&rd);
    vars_free(&vs);
    files_free(&fs);
    return rc;
}

/* --- the arrivals --------------------------------------------------------- */

static int answer_arrival(struct store *s, const struct draft *d, const struct entry *e,
                          const struct dep_row *r, const char *actor, char **cause)
{
    const char *to = departure_code_status(d->closure_code);
    if (!lifecycle_transition_ok(e->status, to)) {
        set_cause(cause, "%s is %s: it cannot be answered (re-open it first)", e->number,
                  e->status);
        return -1;
    }
    char *detail = xasprintf("%s -> %s: departure %s", e->status, to, r->number);
    int rc = store_tx_entry_set(s, e->id, "status", to, actor, detail, cause);
    free(detail);
    if (rc == 0 && d->closure_code)
        rc = store_tx_entry_set(s, e->id, "closure_code", d->closure_code, actor,
                                d->closure_code, cause);
    if (rc == 0)
        rc = store_tx_entry_set(s, e->id, "reply_number", r->number, actor, r->number, cause);
    sqlite3_stmt *st = rc == 0 ? store_stmt(s,
                                            "INSERT INTO departure_arrivals (departure_id, "
                                            "entry_id) VALUES (?, ?)",
                                            cause)
                               : NULL;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, r->id);
    sqlite3_bind_int64(st, 2, e->id);
    return dep_step(s, st, cause);
}

static int load_arrivals(struct store *s, const struct draft *d, struct entry **es, size_t *n,
                         char **others, char **cause)
{
    int64_t *ids = NULL;
    size_t k = 0;
    struct buf b;
    buf_init(&b, 64 * 1024);
    int rc = dep_draft_arrivals(s, d, &ids, &k, cause);
    *es = xcalloc(k + 1, sizeof **es);
    *n = 0;
    for (size_t i = 0; rc == 0 && i < k; i++) {
        rc = store_entry_by_id(s, ids[i], &(*es)[i], cause);
        if (rc == 0) {
            (*n)++;
            if (i > 0)
                buf_printf(&b, "%s%s", b.len ? ", " : "", (*es)[i].number);
        }
    }
    free(ids);
    *others = buf_steal(&b);
    return rc;
}

static int test_fail(char **cause)
{
    const char *k = getenv("BUREAU_TEST_FAIL_DEPARTURE");
    if (k && *k) {
        set_cause(cause, "departure refused (BUREAU_TEST_FAIL_DEPARTURE)");
        return -1;
    }
    return 0;
}

int dep_tx_finalize(const struct departure_ctx *x, const struct draft *d, char *number,
                    size_t len, char **cause)
{
    struct dep_row r = {.at = now_epoch()};
    struct entry *es = NULL;
    size_t n = 0;
    char *others = NULL, *by = approvers(x->s, d->id);
    struct files fs = {0};
    time_t tt = (time_t)r.at;
    struct tm tm;
    localtime_r(&tt, &tm);
    r.year = tm.tm_year + 1900;
    int rc = load_arrivals(x->s, d, &es, &n, &others, cause);
    if (rc == 0)
        rc = next_seq(x->s, r.year, &r.seq, cause);
    if (rc == 0) {
        store_format_number_as(x->cfg->departure_number_format, r.year, r.seq, r.number,
                               sizeof r.number);
        rc = load_files(x->s, d->id, &fs, cause);
    }
    if (rc == 0)
        rc = insert_departure(x->s, d, by, fs.n, &r, cause);
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = answer_arrival(x->s, d, &es[i], &r, "system", cause);
    if (rc == 0)
        rc = send_mails(x, d, n ? &es[0] : NULL, &r, others, cause);
    if (rc == 0) {
        sqlite3_stmt *st = store_stmt(
            x->s, "UPDATE drafts SET state = 'approved', updated_at = ? WHERE id = ?", cause);
        rc = st ? 0 : -1;
        if (st) {
            sqlite3_bind_int64(st, 1, r.at);
            sqlite3_bind_int64(st, 2, d->id);
            rc = dep_step(x->s, st, cause);
        }
    }
    if (rc == 0) {
        char *detail = xasprintf("departure %s to %s", r.number,
                                 d->addressees && *d->addressees ? d->addressees : "(paper)");
        rc = dep_tx_event(x->s, d, "system", "departure", NULL, detail, cause);
        free(detail);
    }
    if (rc == 0)
        rc = test_fail(cause);
    if (rc == 0)
        snprintf(number, len, "%s", r.number);
    for (size_t i = 0; i < n; i++)
        entry_free(&es[i]);
    free(es);
    free(others);
    free(by);
    files_free(&fs);
    return rc;
}
