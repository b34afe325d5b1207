/* act.c — applying a head's mail (headmail.h). One pending head_mail row
 * per transaction: who may act is decided from the token and the sender
 * (both), then each command runs in a savepoint of its own, so that a
 * command refused (a move the life cycle forbids, an unknown department)
 * leaves the others done; the answer to the sender is queued before the
 * commit. */
#include "bureau/headmail.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bureau/autoreply.h"
#include "bureau/correct.h"
#include "bureau/departure.h"
#include "bureau/headtoken.h"
#include "bureau/lifecycle.h"
#include "bureau/norm.h"
#include "bureau/util.h"

#define RUN_MAX 1000        /* rows processed by one call */
#define MAX_TO_BODY 300     /* "transmis à ...", as bureau status --to */
#define ECHO_MAX 200        /* bytes of a refused command echoed back */

struct row {
    int64_t id, entry_id;
    char *from, *subject, *msgid, *body, *hash, *robot;
};

static void row_free(struct row *r)
{
    free(r->from);
    free(r->subject);
    free(r->msgid);
    free(r->body);
    free(r->hash);
    free(r->robot);
}

static char *col(sqlite3_stmt *st, int i)
{
    const char *v = (const char *)sqlite3_column_text(st, i);
    return v ? xstrdup(v) : NULL;
}

/* The oldest pending row: 1, 0 when none, -1 on error. */
static int load_pending(struct store *s, struct row *r, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT id, entry_id, from_addr, subject, message_id, body, "
                                  "token_hash, robot FROM head_mail WHERE state = 'pending' "
                                  "ORDER BY id LIMIT 1",
                                  cause);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *r = (struct row){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), col(st, 2),
                          col(st, 3), col(st, 4), col(st, 5), col(st, 6), col(st, 7)};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "head_mail: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return rc == SQLITE_ROW;
}

/* --- who may act --------------------------------------------------------- */

enum refusal { R_NO_TOKEN, R_WRONG, R_VOID, R_NOT_HEAD };

static const struct {
    const char *id, *fr, *ar;
} reasons[] = {
    [R_NO_TOKEN] = {"no token: the mail did not come through the item's reply address",
                    "le message ne passe pas par l'adresse de réponse propre au dossier "
                    "(jeton absent)",
                    "الرسالة لم تصل عبر عنوان الرد الخاص بالملف (الرمز غائب)"},
    [R_WRONG] = {"wrong token: no token of this item has that value",
                 "le jeton de l'adresse de réponse n'est pas celui de ce dossier",
                 "رمز عنوان الرد ليس رمز هذا الملف"},
    [R_VOID] = {"voided token: the item was re-routed since",
                "ce jeton n'est plus valable : le dossier a été réaffecté depuis",
                "هذا الرمز لم يعد صالحا: أعيد توجيه الملف منذ ذلك الحين"},
    [R_NOT_HEAD] = {"the sender is not a head of the department the token was issued for",
                    "l'expéditeur n'est pas chef du service auquel ce jeton a été délivré",
                    "المرسل ليس رئيس المصلحة التي سلم لها هذا الرمز"},
};

static int is_head(const struct notify_ctx *n, const char *dept, const char *addr)
{
    const struct department *d = n->rules && dept ? rules_department(n->rules, dept) : NULL;
    for (size_t i = 0; d && addr && i < d->n_heads; i++)
        if (str_casecmp_ascii(d->heads[i], addr) == 0)
            return 1;
    return 0;
}

/* 1 when the mail may act, 0 refused (*why), -1 on error. Both must hold:
 * a valid token of the entry, issued for its department, and a sender who
 * is a head of that department. */
static int authorise(struct store *s, const struct notify_ctx *n, const struct row *r,
                     const struct entry *e, enum refusal *why, char **cause)
{
    char *dept = NULL;
    int v = headtoken_check(s, e->id, r->hash, &dept, cause);
    if (v < 0)
        return -1;
    int ok = 0;
    if (v == HEADTOKEN_NONE)
        *why = R_NO_TOKEN;
    else if (v == HEADTOKEN_WRONG)
        *why = R_WRONG;
    else if (v == HEADTOKEN_VOID || !dept || !e->department || strcmp(dept, e->department))
        *why = R_VOID;
    else if (!is_head(n, dept, r->from))
        *why = R_NOT_HEAD;
    else
        ok = 1;
    free(dept);
    return ok;
}

/* The name the head's actions are recorded under: their [staff] name,
 * else their address. Borrowed. */
static const char *actor_of(const struct config *cfg, const char *addr)
{
    for (size_t i = 0; cfg && i < cfg->n_staff; i++)
        if (str_casecmp_ascii(cfg->staff[i].value, addr) == 0)
            return cfg->staff[i].key;
    return addr;
}

/* --- the commands -------------------------------------------------------- */

struct act {
    struct store *s;
    const struct notify_ctx *n;
    struct entry e;           /* reloaded after each command */
    const char *actor;
    struct buf done, refused; /* one line per command */
    int rerouted;
};

/* One line of the refused list: the command as written (capped), why. */
static void refuse(struct act *a, const struct headcmd *c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void refuse(struct act *a, const struct headcmd *c, const char *fmt, ...)
{
    size_t n = strlen(c->text);
    char *echo = utf8_sanitize(c->text, n < ECHO_MAX ? n : ECHO_MAX, NULL);
    for (char *p = echo; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    buf_printf(&a->refused, "- %s : %s%s — ", headcmd_name(c->kind, c->arabic), echo,
               n > ECHO_MAX ? "…" : "");
    free(echo);
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&a->refused, fmt, ap);
    va_end(ap);
    buf_putc(&a->refused, '\n');
}

static int reload(struct act *a, char **cause)
{
    struct entry e;
    if (store_entry_by_id(a->s, a->e.id, &e, cause) < 0)
        return -1;
    entry_free(&a->e);
    a->e = e;
    return 0;
}

/* 0 applied, 1 refused (a line added), -1 error. */
static int do_status(struct act *a, const struct headcmd *c, char **cause)
{
    const char *to = c->status, *from = a->e.status;
    if (!to) {
        refuse(a, c, "statut non compris (traité, en cours, rejeté CODE, transmis à "
                     "ORGANISME, clôturé) / حالة غير مفهومة");
        return 1;
    }
    if (c->code && !lifecycle_code_valid(c->code)) {
        refuse(a, c, "motif inconnu / سبب غير معروف (%s)", lifecycle_code_list());
        return 1;
    }
    if (!lifecycle_move_ok(from, to, c->code) || !lifecycle_code_fits(from, to, c->code)) {
        refuse(a, c, "le dossier est « %s » : ce passage n'est pas permis%s / الملف «%s»: "
                     "هذا الانتقال غير مسموح",
               lifecycle_status_fr(from),
               !strcmp(to, "rejected") && !c->code ? " sans motif (not-official-form, "
                                                     "before-court, outside-remit, "
                                                     "insulting, unclear)" : "",
               lifecycle_status_ar(from));
        return 1;
    }
    if (!strcmp(to, "transferred") &&
        (!c->to_body || strlen(c->to_body) > MAX_TO_BODY || str_has_ctl(c->to_body, 0))) {
        refuse(a, c, "préciser l'organisme : Statut : transmis à ... / حددوا الجهة");
        return 1;
    }
    int64_t draft = departure_pending_draft(a->s, a->e.id, cause);
    if (draft < 0)
        return -1;
    if (draft > 0 && strcmp(to, "in-progress")) {
        refuse(a, c, "une réponse attend le visa (projet #%lld) / جواب ينتظر التأشير",
               (long long)draft);
        return 1;
    }
    const struct status_move mv = {.to = to, .code = c->code,
                                   .to_body = !strcmp(to, "transferred") ? c->to_body : NULL};
    if (correct_tx_status(a->s, a->n, &a->e, &mv, a->actor, cause) < 0)
        return -1;
    buf_printf(&a->done, "- %s : %s — %s → %s / %s → %s\n", headcmd_name(c->kind, c->arabic),
               c->text, lifecycle_status_fr(from), lifecycle_status_fr(to),
               lifecycle_status_ar(from), lifecycle_status_ar(to));
    return 0;
}

/* The department written (an id, or its French or Arabic name). */
static const struct department *find_department(const struct rules *r, const char *written)
{
    const struct department *d = r ? rules_department(r, written) : NULL;
    size_t n = 0;
    const struct department *all = r && !d ? rules_departments(r, &n) : NULL;
    char *w = norm_text(written, strlen(written), NULL);
    for (size_t i = 0; i < n && !d; i++) {
        const char *names[] = {all[i].id, all[i].name_fr, all[i].name_ar};
        for (size_t k = 0; k < 3 && !d; k++) {
            char *x = names[k] ? norm_text(names[k], strlen(names[k]), NULL) : NULL;
            if (x && !strcmp(x, w))
                d = &all[i];
            free(x);
        }
    }
    free(w);
    return d;
}

static int do_reroute(struct act *a, const struct headcmd *c, char **cause)
{
    const struct department *d = find_department(a->n->rules, c->department);
    if (!d) {
        refuse(a, c, "service inconnu / مصلحة غير معروفة (bureau departments)");
        return 1;
    }
    if (!strcmp(d->id, a->e.department)) {
        refuse(a, c, "le dossier est déjà à ce service / الملف لدى هذه المصلحة");
        return 1;
    }
    if (!c->reason || strlen(c->reason) > MAX_TO_BODY) {
        refuse(a, c, "indiquer le motif : Réaffecter : %s — motif / اذكروا السبب", d->id);
        return 1;
    }
    if (correct_tx_department(a->s, a->n, &a->e, d->id, 1, a->actor, c->reason, cause) < 0)
        return -1;
    a->rerouted = 1;
    buf_printf(&a->done, "- %s : %s — %s → %s (%s) ; votre adresse de réponse pour ce "
                         "dossier n'est plus valable / لم يعد عنوان الرد صالحا لمصلحتكم\n",
               headcmd_name(c->kind, c->arabic), c->text, a->e.department, d->id, c->reason);
    return 0;
}

static int do_note(struct act *a, const struct headcmd *c, const char *text, char **cause)
{
    if (!*text || strlen(text) > HEADCMD_MAX_TEXT) {
        refuse(a, c, "note vide ou trop longue (%d octets au plus) / ملاحظة فارغة أو طويلة",
               HEADCMD_MAX_TEXT);
        return 1;
    }
    if (store_event(a->s, a->e.id, a->actor, "note", text, cause) < 0)
        return -1;
    buf_printf(&a->done, "- %s : ajoutée au dossier / أضيفت إلى الملف\n",
               headcmd_name(HEADCMD_NOTE, c->arabic));
    return 0;
}

static int do_answer(struct act *a, const struct headcmd *c, char **cause)
{
    if (!*c->text || strlen(c->text) > HEADCMD_MAX_TEXT) {
        refuse(a, c, "texte vide ou trop long / نص فارغ أو طويل");
        return 1;
    }
    struct departure_ctx x = {.s = a->s, .cfg = a->n->cfg, .rules = a->n->rules,
                              .tmpl = a->n->tmpl};
    struct draft_input in = {.entry_id = a->e.id, .actor = a->actor,
                             .body_ar = c->arabic ? c->text : NULL,
                             .body_fr = c->arabic ? NULL : c->text};
    int64_t id = 0;
    char *why = NULL;
    if (departure_tx_draft_create(&x, &in, &id, &why) < 0) {
        if (store_fault_temporary(a->s)) {
            *cause = why;  /* the whole mail waits for the disk: nothing refused */
            return -1;
        }
        refuse(a, c, "%s", why ? why : "refusé");
        free(why);
        return 1;
    }
    buf_printf(&a->done, "- %s : projet de réponse #%lld, en attente du visa au registre des "
                         "départs (jamais envoyé directement) / مشروع جواب ينتظر التأشير\n",
               headcmd_name(c->kind, c->arabic), (long long)id);
    return 0;
}

static int do_one(struct act *a, const struct headcmd *c, char **cause)
{
    if (a->rerouted) {
        refuse(a, c, "après la réaffectation, le dossier n'est plus à votre service / بعد "
                     "إعادة التوجيه لم يعد الملف لدى مصلحتكم");
        return 1;
    }
    switch (c->kind) {
    case HEADCMD_STATUS: return do_status(a, c, cause);
    case HEADCMD_REROUTE: return do_reroute(a, c, cause);
    case HEADCMD_NOTE: return do_note(a, c, c->text, cause);
    case HEADCMD_ANSWER: return do_answer(a, c, cause);
    }
    return 1;
}

/* Each command in a savepoint: a refused one leaves nothing behind. A
 * command that fails on something other than the database is refused with
 * the reason. A fault that passes (a full disk, store_fault_temporary)
 * fails the whole mail instead: it stays pending, nothing of it applied
 * and nobody told, and the next pass acts on it once. */
static int run_commands(struct act *a, const struct headcmds *cmds, char **cause)
{
    for (size_t i = 0; i < cmds->n; i++) {
        char *why = NULL;
        if (store_savepoint(a->s, cause) < 0)
            return -1;
        int rc = do_one(a, &cmds->v[i], &why);
        if ((rc == 0 && (store_release(a->s, cause) < 0 || reload(a, cause) < 0)) ||
            (rc < 0 && store_fault_temporary(a->s))) {
            if (rc < 0 && why) {
                free(*cause);
                *cause = why;
                why = NULL;
            }
            free(why);
            return -1;
        }
        if (rc != 0)
            store_rollback_savepoint(a->s);
        if (rc < 0)
            refuse(a, &cmds->v[i], "%s", why ? why : "échec");
        free(why);
    }
    if (cmds->dropped)
        buf_printf(&a->refused, "- %zu commande(s) au-delà de %d non lues / أوامر زائدة\n",
                   cmds->dropped, HEADCMD_MAX);
    return 0;
}

/* --- one mail ------------------------------------------------------------ */

static int finish(struct store *s, const struct row *r, int accepted, const char *outcome,
                  const char *actor, int64_t outbox_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE head_mail SET state = 'done', accepted = ?, "
                                  "outcome = ?, actor = ?, answer_outbox_id = ? WHERE id = ?",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, accepted);
    sqlite3_bind_text(st, 2, outcome, -1, SQLITE_TRANSIENT);
    if (actor)
        sqlite3_bind_text(st, 3, actor, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 3);
    if (outbox_id > 0)
        sqlite3_bind_int64(st, 4, outbox_id);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int64(st, 5, r->id);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "head_mail: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

/* The commands of a refused mail, as the refusal lists them. */
static char *refused_list(const struct headcmds *cmds)
{
    struct act a = {.s = NULL};
    buf_init(&a.refused, 64 * 1024);
    for (size_t i = 0; i < cmds->n; i++)
        refuse(&a, &cmds->v[i], "non exécuté / لم ينفذ");
    if (!cmds->n)
        buf_puts(&a.refused, "- note interne (le message lui-même) / ملاحظة داخلية\n");
    return buf_steal(&a.refused);
}

/* Not acted on: kept with the reason; the sender told unless the mail is
 * automatic, or carries neither a token nor a command (a head's plain
 * reply: kept as the department's reply, nothing was asked). */
static int refuse_mail(struct store *s, const struct notify_ctx *n, const struct row *r,
                       const struct entry *e, const struct headcmds *cmds, enum refusal why,
                       struct headmail_run *run, char **cause)
{
    int answer = !r->robot && (cmds->n > 0 || why != R_NO_TOKEN);
    char *outcome = r->robot ? xasprintf("automatic mail (%s): neither acted on nor answered",
                                         r->robot)
                             : xasprintf("not acted on: %s%s", reasons[why].id,
                                         answer ? "" : " (no command: kept, not answered)");
    char *detail = xasprintf("mail #%lld from %s: %s", (long long)r->id,
                             *r->from ? r->from : "(no sender)", outcome);
    int rc = store_event(s, e->id, "system", "head-mail-refused", detail, cause);
    free(detail);
    int64_t ob = 0;
    int take = rc == 0 && answer && n->tmpl
                   ? autoreply_tx_take(s, r->from, n->cfg->smtp.max_auto_per_day, cause)
                   : 0;
    if (take < 0)
        rc = -1;
    if (rc == 0 && take > 0) {
        char *list = refused_list(cmds);
        const struct notify_head h = {.to_addr = r->from, .in_reply_to = r->msgid,
                                      .mail_subject = r->subject, .refused = list,
                                      .reason_fr = reasons[why].fr,
                                      .reason_ar = reasons[why].ar};
        rc = notify_tx_head(s, n, e, &h, &ob, cause);
        free(list);
    }
    if (rc == 0)
        rc = finish(s, r, 0, outcome, NULL, ob, cause);
    free(outcome);
    if (answer)
        run->refused++;
    else
        run->silent++;
    return rc;
}

/* The confirmation carries the item's reply address again (a fresh token:
 * none is kept in clear), so that the head may answer it with the next
 * command; not after a re-routing, which took the item from them. */
struct again {
    char *addr, *refs;
};

static int reply_again(struct store *s, const struct notify_ctx *n, const struct entry *e,
                       const char *msgid, struct again *g, char **cause)
{
    char token[HEADTOKEN_LEN + 1];
    memset(g, 0, sizeof *g);
    if (headtoken_tx_issue(s, e->id, e->department, token, cause) < 0)
        return -1;
    g->addr = headtoken_address(n->cfg->head_reply_address, e->number, token);
    char *ref = headtoken_ref(e->number, token, n->cfg->smtp.from_addr);
    g->refs = msgid && *msgid ? xasprintf("%s %s", msgid, ref) : xstrdup(ref);
    free(ref);
    sodium_memzero(token, sizeof token);
    return 0;
}

static int confirm(struct store *s, const struct notify_ctx *n, const struct row *r,
                   const struct act *a, int64_t *ob, char **cause)
{
    struct again g = {0};
    if (!a->rerouted && n->tmpl && reply_again(s, n, &a->e, r->msgid, &g, cause) < 0)
        return -1;
    const struct notify_head h = {.to_addr = r->from, .in_reply_to = r->msgid,
                                  .mail_subject = r->subject, .done = a->done.data,
                                  .refused = a->refused.data, .reply_to = g.addr,
                                  .references = g.refs};
    int rc = notify_tx_head(s, n, &a->e, &h, ob, cause);
    free(g.addr);
    free(g.refs);
    return rc;
}

static int accept_mail(struct store *s, const struct notify_ctx *n, const struct row *r,
                       const struct entry *e, const struct headcmds *cmds,
                       struct headmail_run *run, char **cause)
{
    struct act a = {.s = s, .n = n, .actor = actor_of(n->cfg, r->from)};
    int rc = store_entry_by_id(s, e->id, &a.e, cause);
    if (rc < 0)
        return -1;
    buf_init(&a.done, 64 * 1024);
    buf_init(&a.refused, 64 * 1024);
    if (cmds->n)
        rc = run_commands(&a, cmds, cause);
    else if (*cmds->own_text) {
        struct headcmd note = {.kind = HEADCMD_NOTE, .text = cmds->own_text};
        rc = do_note(&a, &note, cmds->own_text, cause) < 0 ? -1 : 0;
    } else
        buf_puts(&a.done, "- rien : message vide / لا شيء: رسالة فارغة\n");
    int64_t ob = 0;
    if (rc == 0)
        rc = reload(&a, cause) == 0 ? confirm(s, n, r, &a, &ob, cause) : -1;
    char *outcome = xasprintf("acted on by %s:\n%s%s%s", a.actor, a.done.data,
                              a.refused.len ? "refused:\n" : "", a.refused.data);
    if (rc == 0)
        rc = store_event(s, e->id, a.actor, "head-mail-done", outcome, cause);
    if (rc == 0)
        rc = finish(s, r, 1, outcome, a.actor, ob, cause);
    free(outcome);
    buf_free(&a.done);
    buf_free(&a.refused);
    entry_free(&a.e);
    run->accepted++;
    return rc;
}

static int process_tx(struct store *s, const struct notify_ctx *n, const struct row *r,
                      struct headmail_run *run, char **cause)
{
    struct entry e;
    if (store_entry_by_id(s, r->entry_id, &e, cause) < 0)
        return -1;
    struct headcmds cmds;
    headcmd_parse(r->body, r->body ? strlen(r->body) : 0, &cmds);
    enum refusal why = R_NO_TOKEN;
    int ok = r->robot ? 0 : authorise(s, n, r, &e, &why, cause);
    int rc = ok < 0 ? -1
             : ok   ? accept_mail(s, n, r, &e, &cmds, run, cause)
                    : refuse_mail(s, n, r, &e, &cmds, why, run, cause);
    headcmds_free(&cmds);
    entry_free(&e);
    return rc;
}

/* A read before the write lock: serve asks at every tick. */
static int any_pending(struct store *s)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM head_mail WHERE state = 'pending' LIMIT 1",
                                  NULL);
    if (!st)
        return 1;  /* let the transaction report it */
    int r = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return r;
}

int headmail_process(struct store *s, const struct notify_ctx *n, struct headmail_run *run,
                     char **cause)
{
    memset(run, 0, sizeof *run);
    for (int i = 0; i < RUN_MAX && any_pending(s); i++) {
        struct row r = {0};
        if (store_begin(s, cause) < 0)
            return -1;
        int got = load_pending(s, &r, cause);
        int rc = got > 0 ? process_tx(s, n, &r, run, cause) : got;
        row_free(&r);
        if (rc < 0 || got == 0) {
            if (rc < 0) {
                store_rollback(s);
                return -1;
            }
            store_rollback(s);
            return 0;
        }
        if (store_commit(s, cause) < 0) {
            store_rollback(s);
            return -1;
        }
    }
    return 0;
}
