/* draft.c — drafts of departures and their approval circuit (see
 * departure.h): create, edit, return, cancel, approve; who may approve. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bureau/compose.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"
#include "dep_int.h"

#define MAX_COMMENT 4000
#define MAX_CIRCUIT 4

/* --- closure codes -------------------------------------------------------- */

static const struct {
    const char *id, *fr, *ar;
} extra_codes[] = {
    {"answered", "Réponse apportée", "تمت الإجابة"},
    {"info-exception",
     "Information exclue du droit d'accès (article 7 de la loi 31-13)",
     "معلومات مستثناة من الحق في الحصول عليها (المادة 7 من القانون 31.13)"},
    {"info-not-held", "Information non détenue par l'organisme",
     "المعلومات غير متوفرة لدى الهيئة"},
};

int departure_code_valid(const char *code)
{
    for (size_t i = 0; code && i < BU_ARRAY_LEN(extra_codes); i++)
        if (!strcmp(code, extra_codes[i].id))
            return 1;
    return lifecycle_code_valid(code);
}

const char *departure_code_list(void)
{
    static char list[512];
    if (!list[0])
        snprintf(list, sizeof list, "answered %s info-exception info-not-held",
                 lifecycle_code_list());
    return list;
}

const char *departure_code_status(const char *code)
{
    return !code || !strcmp(code, "answered") ? "answered" : "rejected";
}

const char *dep_code_fr(const char *code)
{
    for (size_t i = 0; i < BU_ARRAY_LEN(extra_codes); i++)
        if (!strcmp(code ? code : "answered", extra_codes[i].id))
            return extra_codes[i].fr;
    return lifecycle_code_fr(code);
}

const char *dep_code_ar(const char *code)
{
    for (size_t i = 0; i < BU_ARRAY_LEN(extra_codes); i++)
        if (!strcmp(code ? code : "answered", extra_codes[i].id))
            return extra_codes[i].ar;
    return lifecycle_code_ar(code);
}

/* --- small helpers -------------------------------------------------------- */

int dep_step(struct store *s, sqlite3_stmt *st, char **cause)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        set_cause(cause, "departures: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

char *dep_col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void dep_draft_free(struct draft *d)
{
    char **f[] = {&d->state, &d->circuit, &d->department, &d->addressees, &d->addressee_name,
                  &d->subject, &d->body_ar, &d->body_fr, &d->closure_code, &d->drafter};
    for (size_t i = 0; i < BU_ARRAY_LEN(f); i++) {
        free(*f[i]);
        *f[i] = NULL;
    }
}

int dep_draft_load(struct store *s, int64_t id, struct draft *d, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT entry_id, state, circuit, step, department, "
                                  "addressees, addressee_name, subject, body_ar, body_fr, "
                                  "closure_code, drafter FROM drafts WHERE id = ?",
                                  cause);
    memset(d, 0, sizeof *d);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        set_cause(cause, "no draft #%lld", (long long)id);
        return -1;
    }
    d->id = id;
    d->entry_id = sqlite3_column_int64(st, 0);
    d->state = dep_col(st, 1);
    d->circuit = dep_col(st, 2);
    d->step = sqlite3_column_int(st, 3);
    d->department = dep_col(st, 4);
    d->addressees = dep_col(st, 5);
    d->addressee_name = dep_col(st, 6);
    d->subject = dep_col(st, 7);
    d->body_ar = dep_col(st, 8);
    d->body_fr = dep_col(st, 9);
    d->closure_code = dep_col(st, 10);
    d->drafter = dep_col(st, 11);
    sqlite3_reset(st);
    return 0;
}

int dep_draft_arrivals(struct store *s, const struct draft *d, int64_t **ids, size_t *n,
                       char **cause)
{
    *ids = xcalloc(DEPARTURE_MAX_ALSO + 2, sizeof **ids);
    *n = 0;
    if (d->entry_id <= 0)
        return 0;
    (*ids)[(*n)++] = d->entry_id;
    sqlite3_stmt *st = store_stmt(
        s, "SELECT entry_id FROM draft_arrivals WHERE draft_id = ? ORDER BY entry_id", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, d->id);
    while (sqlite3_step(st) == SQLITE_ROW && *n < DEPARTURE_MAX_ALSO + 1)
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

int dep_tx_event(struct store *s, const struct draft *d, const char *actor, const char *action,
                 const char *role, const char *detail, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO draft_events (draft_id, at, actor, action, role, "
                                  "detail) VALUES (?, ?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, d->id);
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_text(st, 3, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    bind_opt(st, 5, role);
    bind_opt(st, 6, detail);
    if (dep_step(s, st, cause) < 0)
        return -1;
    int64_t *ids = NULL;
    size_t n = 0;
    int rc = dep_draft_arrivals(s, d, &ids, &n, cause);
    char *full = xasprintf("draft #%lld%s%s%s%s", (long long)d->id, role ? " (" : "",
                           role ? role : "", role ? ")" : "", detail ? ": " : "");
    char *line = xasprintf("%s%s", full, detail ? detail : "");
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = store_event(s, ids[i], actor, action, line, cause);
    free(full);
    free(line);
    free(ids);
    return rc;
}

int64_t departure_pending_draft(struct store *s, int64_t entry_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT d.id FROM drafts d WHERE d.state IN ('pending', "
                                  "'returned') AND (d.entry_id = ?1 OR d.id IN (SELECT "
                                  "draft_id FROM draft_arrivals WHERE entry_id = ?1)) "
                                  "ORDER BY d.id LIMIT 1",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    int rc = sqlite3_step(st);
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        id = -1;
    }
    sqlite3_reset(st);
    return id;
}

/* --- who is who ----------------------------------------------------------- */

const char *departure_circuit(const struct config *cfg, const char *kind)
{
    static const char *const known[] = {"none", "head", "director", "head,director"};
    const char *v = NULL, *dflt = NULL;
    for (size_t i = 0; i < cfg->n_approval; i++) {
        if (kind && !strcmp(cfg->approval[i].key, kind))
            v = cfg->approval[i].value;
        if (!strcmp(cfg->approval[i].key, "default"))
            dflt = cfg->approval[i].value;
    }
    v = v ? v : dflt ? dflt : "head";
    if (!strncmp(v, "head,", 5) || !strncmp(v, "head, ", 6))
        return known[3];
    for (size_t i = 0; i < 3; i++)
        if (!strcmp(v, known[i]))
            return known[i];
    return known[1];
}

/* The address [staff] gives actor, or actor itself when it is one. */
static const char *actor_addr(const struct config *cfg, const char *actor)
{
    for (size_t i = 0; i < cfg->n_staff; i++)
        if (!strcmp(cfg->staff[i].key, actor))
            return cfg->staff[i].value;
    return strchr(actor, '@') ? actor : NULL;
}

static int is_head(const struct departure_ctx *x, const char *dept, const char *actor)
{
    const struct department *d = x->rules && dept ? rules_department(x->rules, dept) : NULL;
    const char *addr = actor_addr(x->cfg, actor);
    for (size_t i = 0; d && i < d->n_heads; i++)
        if (!strcasecmp(d->heads[i], actor) || (addr && !strcasecmp(d->heads[i], addr)))
            return 1;
    return 0;
}

/* 1 if word (a name or address) is an item of the comma-separated list. */
static int in_list(const char *list, const char *word)
{
    size_t n = word ? strlen(word) : 0;
    for (const char *p = list; p && *p && n;) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ",");
        size_t l = len;
        while (l > 0 && (p[l - 1] == ' ' || p[l - 1] == '\t'))
            l--;
        if (l == n && !strncasecmp(p, word, n))
            return 1;
        p += len;
    }
    return 0;
}

static int is_director(const struct departure_ctx *x, const char *actor)
{
    const char *dirs = NULL, *addr = actor_addr(x->cfg, actor);
    for (size_t i = 0; i < x->cfg->n_approval; i++)
        if (!strcmp(x->cfg->approval[i].key, "directors"))
            dirs = x->cfg->approval[i].value;
    return in_list(dirs, actor) || (addr && in_list(dirs, addr));
}

/* The role of step k of circuit ("none": the sender). */
static const char *circuit_role(const char *circuit, int k, int *n_steps)
{
    if (!strcmp(circuit, "none")) {
        *n_steps = 0;
        return "sender";
    }
    if (!strcmp(circuit, "head,director")) {
        *n_steps = 2;
        return k == 0 ? "head" : "director";
    }
    *n_steps = 1;
    return circuit;
}

/* --- checks on a new draft ------------------------------------------------- */

static int text_ok(const char *s, size_t max, int multiline)
{
    size_t n = strlen(s);
    if (n > max || !utf8_valid(s, n))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 32 && !(multiline && (*p == '\n' || *p == '\t' || *p == '\r'))) || *p == 127)
            return 0;
    return 1;
}

static int addressees_ok(const char *list, char **cause)
{
    size_t n = 0;
    for (const char *p = list; *p;) {
        p += strspn(p, " ,");
        size_t len = strcspn(p, " ,");
        if (!len)
            break;
        char *a = xstrndup(p, len);
        int ok = compose_addr_valid(a);
        if (!ok)
            set_cause(cause, "not a valid mail address: \"%.80s\"", a);
        free(a);
        if (!ok)
            return -1;
        if (++n > DEPARTURE_MAX_ADDRESSEES) {
            set_cause(cause, "more than %d addressees", DEPARTURE_MAX_ADDRESSEES);
            return -1;
        }
        p += len;
    }
    return 0;
}

static int check_input(const struct draft_input *in, char **cause)
{
    const char *bodies[] = {in->body_ar, in->body_fr};
    if (!in->body_ar && !in->body_fr) {
        set_cause(cause, "a draft needs a text (--text FILE or --template NAME)");
        return -1;
    }
    for (size_t i = 0; i < 2; i++)
        if (bodies[i] && !text_ok(bodies[i], DEPARTURE_MAX_BODY, 1)) {
            set_cause(cause, "the text must be valid UTF-8 without control characters, at "
                             "most %u bytes", DEPARTURE_MAX_BODY);
            return -1;
        }
    if (in->subject && (!*in->subject || !text_ok(in->subject, DEPARTURE_MAX_SUBJECT, 0))) {
        set_cause(cause, "the subject must be one line of UTF-8, at most %d bytes",
                  DEPARTURE_MAX_SUBJECT);
        return -1;
    }
    if (in->closure_code && !departure_code_valid(in->closure_code)) {
        set_cause(cause, "unknown closure code \"%s\" (one of: %s)", in->closure_code,
                  departure_code_list());
        return -1;
    }
    if (in->n_files > DEPARTURE_MAX_FILES || in->n_also > DEPARTURE_MAX_ALSO) {
        set_cause(cause, "at most %d attachments and %d further arrivals", DEPARTURE_MAX_FILES,
                  DEPARTURE_MAX_ALSO);
        return -1;
    }
    for (size_t i = 0; i < in->n_files; i++)
        if (in->files[i].len > DEPARTURE_MAX_FILE_SIZE ||
            !text_ok(in->files[i].name, 200, 0) || !*in->files[i].name) {
            set_cause(cause, "attachment %s: a name of at most 200 bytes and at most %u bytes",
                      in->files[i].name, DEPARTURE_MAX_FILE_SIZE);
            return -1;
        }
    if (in->addressee_name && !text_ok(in->addressee_name, 200, 0)) {
        set_cause(cause, "the addressee's name must be one line of at most 200 bytes");
        return -1;
    }
    return in->addressees ? addressees_ok(in->addressees, cause) : 0;
}

/* An arrival may be answered: it exists, no other answer awaits approval,
 * its status allows the move. */
static int arrival_ok(struct store *s, int64_t id, const char *code, struct entry *e,
                      char **cause)
{
    if (store_entry_by_id(s, id, e, cause) < 0)
        return -1;
    int64_t pending = departure_pending_draft(s, id, cause);
    if (pending != 0) {
        if (pending > 0)
            set_cause(cause, "%s already has an answer awaiting approval (draft #%lld)",
                      e->number, (long long)pending);
        entry_free(e);
        return -1;
    }
    if (!lifecycle_transition_ok(e->status, departure_code_status(code))) {
        set_cause(cause, "%s is %s: it cannot be answered (re-open it first)", e->number,
                  e->status);
        entry_free(e);
        return -1;
    }
    return 0;
}

static char *default_subject(const struct entry *e)
{
    char *clean = compose_header_clean(e ? e->subject : NULL, 300);
    char *s = *clean ? xasprintf("جواب / Réponse : %s", clean) : xstrdup("جواب / Réponse");
    free(clean);
    return s;
}

static int insert_draft(struct store *s, const struct draft_input *in, const struct entry *e,
                        const char *circuit, int64_t *id, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT INTO drafts (entry_id, circuit, department, addressees, addressee_name, "
        "subject, body_ar, body_fr, closure_code, template, drafter, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        cause);
    if (!st)
        return -1;
    char *subject = in->subject ? xstrdup(in->subject) : default_subject(e);
    char *name = in->addressee_name ? xstrdup(in->addressee_name)
                                    : compose_header_clean(e ? e->sender_name : NULL, 200);
    if (e)
        sqlite3_bind_int64(st, 1, e->id);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_text(st, 2, circuit, -1, SQLITE_STATIC);
    bind_opt(st, 3, in->department ? in->department : e ? e->department : NULL);
    sqlite3_bind_text(st, 4, in->addressees ? in->addressees : e ? e->sender_addr : "", -1,
                      SQLITE_TRANSIENT);
    bind_opt(st, 5, *name ? name : NULL);
    sqlite3_bind_text(st, 6, subject, -1, SQLITE_TRANSIENT);
    bind_opt(st, 7, in->body_ar);
    bind_opt(st, 8, in->body_fr);
    bind_opt(st, 9, in->closure_code && strcmp(in->closure_code, "answered") ? in->closure_code
                                                                              : NULL);
    bind_opt(st, 10, in->template_name);
    sqlite3_bind_text(st, 11, in->actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 12, now_epoch());
    int rc = dep_step(s, st, cause);
    free(subject);
    free(name);
    if (rc == 0)
        *id = sqlite3_last_insert_rowid(store_db(s));
    return rc;
}

static int insert_files(struct store *s, int64_t id, const struct draft_input *in, char **cause)
{
    for (size_t i = 0; i < in->n_files; i++) {
        const struct departure_file *f = &in->files[i];
        char sha[65];
        sha256_hex(f->data, f->len, sha);
        sqlite3_stmt *st = store_stmt(s,
                                      "INSERT INTO draft_attachments (draft_id, idx, filename, "
                                      "content_type, size, sha256, bytes) VALUES (?, ?, ?, ?, "
                                      "?, ?, ?)",
                                      cause);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        sqlite3_bind_text(st, 3, f->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, f->content_type, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 5, (int64_t)f->len);
        sqlite3_bind_text(st, 6, sha, -1, SQLITE_TRANSIENT);
        sqlite3_bind_blob64(st, 7, f->len ? f->data : "", f->len, SQLITE_STATIC);
        if (dep_step(s, st, cause) < 0)
            return -1;
    }
    return 0;
}

static int insert_also(struct store *s, int64_t id, const struct draft_input *in, char **cause)
{
    for (size_t i = 0; i < in->n_also; i++) {
        struct entry e;
        if (in->also[i] == in->entry_id)
            continue;
        if (arrival_ok(s, in->also[i], in->closure_code, &e, cause) < 0)
            return -1;
        entry_free(&e);
        sqlite3_stmt *st = store_stmt(
            s, "INSERT OR IGNORE INTO draft_arrivals (draft_id, entry_id) VALUES (?, ?)", cause);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, in->also[i]);
        if (dep_step(s, st, cause) < 0)
            return -1;
    }
    return 0;
}

static int create_tx(const struct departure_ctx *x, const struct draft_input *in,
                     int64_t *draft_id, char **cause)
{
    struct entry e;
    int have = 0, rc = -1;
    if (in->entry_id > 0) {
        if (arrival_ok(x->s, in->entry_id, in->closure_code, &e, cause) < 0)
            return -1;
        have = 1;
        if (!in->addressees && !compose_addr_valid(e.sender_addr)) {
            set_cause(cause, "%s has no valid sender address: give --to", e.number);
            goto done;
        }
    } else if (!in->addressees && !in->addressee_name) {
        set_cause(cause, "a letter needs an addressee (--to ADDRESS or --addressee NAME)");
        return -1;
    }
    const char *circuit = departure_circuit(x->cfg, have ? e.kind : "letter");
    const char *dept = in->department ? in->department : have ? e.department : NULL;
    if (strstr(circuit, "head") && (!dept || !x->rules || !rules_department(x->rules, dept))) {
        set_cause(cause, "the circuit \"%s\" needs a known department (--department ID)",
                  circuit);
        goto done;
    }
    struct draft d = {.id = 0};
    if (insert_draft(x->s, in, have ? &e : NULL, circuit, draft_id, cause) < 0 ||
        insert_files(x->s, *draft_id, in, cause) < 0 || insert_also(x->s, *draft_id, in, cause) < 0)
        goto done;
    d.id = *draft_id;
    d.entry_id = in->entry_id;
    char *detail = xasprintf("circuit %s%s%s", circuit, in->template_name ? ", from " : "",
                             in->template_name ? in->template_name : "");
    rc = dep_tx_event(x->s, &d, in->actor, "drafted", NULL, detail, cause);
    free(detail);
done:
    if (have)
        entry_free(&e);
    return rc;
}

/* Runs fn inside one BEGIN IMMEDIATE transaction. */
static int in_tx(struct store *s, int rc_of_fn, char **cause)
{
    if (rc_of_fn < 0) {
        store_rollback(s);
        return -1;
    }
    if (store_commit(s, cause) < 0) {
        store_rollback(s);
        return -1;
    }
    return rc_of_fn;
}

int departure_draft_create(const struct departure_ctx *x, const struct draft_input *in,
                           int64_t *draft_id, char **cause)
{
    if (check_input(in, cause) < 0 || store_begin(x->s, cause) < 0)
        return -1;
    return in_tx(x->s, create_tx(x, in, draft_id, cause), cause);
}

int departure_tx_draft_create(const struct departure_ctx *x, const struct draft_input *in,
                              int64_t *draft_id, char **cause)
{
    if (check_input(in, cause) < 0)
        return -1;
    return create_tx(x, in, draft_id, cause);
}

/* --- edit, return, cancel ------------------------------------------------- */

static int load_open(struct store *s, int64_t id, struct draft *d, char **cause)
{
    if (dep_draft_load(s, id, d, cause) < 0)
        return -1;
    if (strcmp(d->state, "pending") && strcmp(d->state, "returned")) {
        set_cause(cause, "draft #%lld is %s", (long long)id, d->state);
        dep_draft_free(d);
        return -1;
    }
    return 0;
}

static int set_state(struct store *s, int64_t id, const char *state, int step, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "UPDATE drafts SET state = ?, step = ?, updated_at = ? WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, step);
    sqlite3_bind_int64(st, 3, now_epoch());
    sqlite3_bind_int64(st, 4, id);
    return dep_step(s, st, cause);
}

static int edit_tx(const struct departure_ctx *x, int64_t id, const char *ar, const char *fr,
                   const char *actor, char **cause)
{
    struct draft d;
    if (load_open(x->s, id, &d, cause) < 0)
        return -1;
    sqlite3_stmt *st = store_stmt(x->s,
                                  "UPDATE drafts SET body_ar = coalesce(?, body_ar), body_fr = "
                                  "coalesce(?, body_fr) WHERE id = ?",
                                  cause);
    int rc = st ? 0 : -1;
    if (rc == 0) {
        bind_opt(st, 1, ar);
        bind_opt(st, 2, fr);
        sqlite3_bind_int64(st, 3, id);
        rc = dep_step(x->s, st, cause);
    }
    if (rc == 0)
        rc = set_state(x->s, id, "pending", 0, cause);
    if (rc == 0)
        rc = dep_tx_event(x->s, &d, actor, "draft-edited", NULL,
                          d.step ? "text changed: the approvals start again" : "text changed",
                          cause);
    dep_draft_free(&d);
    return rc;
}

int departure_draft_edit(const struct departure_ctx *x, int64_t id, const char *body_ar,
                         const char *body_fr, const char *actor, char **cause)
{
    const char *b[] = {body_ar, body_fr};
    for (size_t i = 0; i < 2; i++)
        if (b[i] && !text_ok(b[i], DEPARTURE_MAX_BODY, 1)) {
            set_cause(cause, "the text must be valid UTF-8 without control characters");
            return -1;
        }
    if (store_begin(x->s, cause) < 0)
        return -1;
    return in_tx(x->s, edit_tx(x, id, body_ar, body_fr, actor, cause), cause);
}

static int simple_tx(const struct departure_ctx *x, int64_t id, const char *state,
                     const char *action, const char *detail, const char *actor, char **cause)
{
    struct draft d;
    if (load_open(x->s, id, &d, cause) < 0)
        return -1;
    int rc = set_state(x->s, id, state, 0, cause);
    if (rc == 0)
        rc = dep_tx_event(x->s, &d, actor, action, NULL, detail, cause);
    dep_draft_free(&d);
    return rc;
}

int departure_draft_return(const struct departure_ctx *x, int64_t id, const char *comment,
                           const char *actor, char **cause)
{
    if (!comment || !*comment || !text_ok(comment, MAX_COMMENT, 1)) {
        set_cause(cause, "a return needs a comment (UTF-8, at most %d bytes)", MAX_COMMENT);
        return -1;
    }
    if (store_begin(x->s, cause) < 0)
        return -1;
    return in_tx(x->s, simple_tx(x, id, "returned", "draft-returned", comment, actor, cause),
                 cause);
}

int departure_draft_cancel(const struct departure_ctx *x, int64_t id, const char *actor,
                           char **cause)
{
    if (store_begin(x->s, cause) < 0)
        return -1;
    return in_tx(x->s, simple_tx(x, id, "cancelled", "draft-cancelled", NULL, actor, cause),
                 cause);
}

/* --- approval ------------------------------------------------------------- */

static int may_approve(const struct departure_ctx *x, const struct draft *d, const char *role,
                       const char *actor, char **cause)
{
    if (!strcmp(role, "head") && !is_head(x, d->department, actor)) {
        set_cause(cause, "%s is not a head of %s: the head of the draft's department approves "
                         "it ([staff] and the rules' heads, docs/operations.md)",
                  actor, d->department ? d->department : "(none)");
        return -1;
    }
    if (!strcmp(role, "director") && !is_director(x, actor)) {
        set_cause(cause, "%s is not a director ([approval] directors)", actor);
        return -1;
    }
    return 0;
}

static int approve_tx(const struct departure_ctx *x, int64_t id, const char *actor,
                      char *number, size_t len, char **cause)
{
    struct draft d;
    int n_steps = 0;
    if (dep_draft_load(x->s, id, &d, cause) < 0)
        return -1;
    int rc = -1;
    if (strcmp(d.state, "pending") != 0) {
        set_cause(cause, "draft #%lld is %s%s", (long long)id, d.state,
                  !strcmp(d.state, "returned") ? ": edit it first" : "");
        goto done;
    }
    const char *role = circuit_role(d.circuit, d.step, &n_steps);
    if (may_approve(x, &d, role, actor, cause) < 0)
        goto done;
    char *detail = n_steps ? xasprintf("visa %d of %d", d.step + 1, n_steps)
                           : xstrdup("sent without approval (circuit none)");
    rc = dep_tx_event(x->s, &d, actor, "draft-approved", role, detail, cause);
    free(detail);
    if (rc == 0 && d.step + 1 < n_steps) {
        rc = set_state(x->s, id, "pending", d.step + 1, cause);
        goto done;
    }
    if (rc == 0)
        rc = dep_tx_finalize(x, &d, number, len, cause);
    rc = rc < 0 ? -1 : 1;
done:
    dep_draft_free(&d);
    return rc;
}

int departure_draft_approve(const struct departure_ctx *x, int64_t id, const char *actor,
                            char *number, size_t len, char **cause)
{
    if (store_begin(x->s, cause) < 0)
        return -1;
    return in_tx(x->s, approve_tx(x, id, actor, number, len, cause), cause);
}
