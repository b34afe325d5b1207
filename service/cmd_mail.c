/* cmd_mail.c — `bureau status` (the life cycle of an entry, with the
 * status update it sends the citizen) and `bureau outbox` (list, send,
 * retry, cancel outgoing mail). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/correct.h"
#include "bureau/departure.h"
#include "bureau/json.h"
#include "bureau/lifecycle.h"
#include "bureau/outbox.h"
#include "bureau/term.h"
#include "bureau/util.h"

#define MAX_NOTE 4000
#define MAX_TO 300
#define LIST_MAX_ROWS 10000

/* --- bureau status ------------------------------------------------------- */

static const char status_usage[] =
    "usage: bureau [--as CLERK] status NUMBER STATUS [--note TEXT] [--code CODE] [--to BODY]\n"
    "\n"
    "Moves an entry through its life cycle and records who did it:\n"
    "  registered -> routed | in-progress | answered | rejected | transferred\n"
    "  routed -> in-progress | answered | rejected | transferred\n"
    "  in-progress -> answered | rejected | transferred\n"
    "  answered -> closed | in-progress;  closed, rejected, transferred -> in-progress\n"
    "rejected needs --code (not-official-form, before-court, outside-remit, insulting,\n"
    "unclear); transferred needs --to (the body it went to). The citizen is sent an\n"
    "update for in-progress, answered, closed, rejected and transferred; --note is\n"
    "included in that mail (--note - reads it from standard input).\n"
    "closed --code not-receivable closes an open entry that is no request at all\n"
    "(robot, advertising, mailing list): nobody is told, and stats leave it out.\n";

int cli_text_ok(const char *s, size_t max, int multiline)
{
    size_t n = strlen(s);
    if (n == 0 || n > max || !utf8_valid(s, n))
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 32 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 127)
            return 0;
    return 1;
}

/* The closure codes that fit a move (all of them when from is NULL), with
 * their names, after the error message. */
static void codes_error(struct cli *c, const char *what, const char *code, const char *from,
                        const char *to)
{
    size_t n;
    const struct lifecycle_label *v = lifecycle_codes(&n);
    size_t len = code ? strlen(code) : 0;
    int shown = code && len <= 100 && utf8_valid(code, len) && !str_has_ctl(code, 0);
    if (from)
        fprintf(stderr, "bureau status: %s%s%s%s %s -> %s; the codes of that move:\n", what,
                code ? " \"" : "", code ? (shown ? code : "(not shown)") : "",
                code ? "\"" : "", from, to);
    else
        fprintf(stderr, "bureau status: %s \"%s\"; the codes are:\n", what,
                shown ? code : "(not shown)");
    int any = 0;
    for (size_t i = 0; i < n; i++)
        if (!from || lifecycle_code_fits(from, to, v[i].id)) {
            fprintf(stderr, "  %-18s %s — %s\n", v[i].id, v[i].fr, v[i].ar);
            any = 1;
        }
    if (!any)
        fprintf(stderr, "  (none: leave --code out)\n");
}

/* --note - : the note from standard input, at most max bytes (one
 * trailing newline dropped). NULL when it is longer or unreadable. */
static char *note_from_stdin(size_t max)
{
    struct buf b;
    char chunk[4096];
    size_t n;
    buf_init(&b, max + 1);
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
        if (buf_append(&b, chunk, n) < 0) {
            buf_free(&b);
            return NULL;
        }
    if (ferror(stdin)) {
        buf_free(&b);
        return NULL;
    }
    while (b.len && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == '\r'))
        b.data[--b.len] = '\0';
    return buf_steal(&b);
}

struct status_req {
    const char *ref, *to_status, *note, *code, *to;
};

static int status_validate(struct cli *c, const struct status_req *r, const struct entry *e)
{
    if (!lifecycle_status_valid(r->to_status)) {
        cli_err(c, "unknown status \"%s\" (one of: %s)", r->to_status, lifecycle_status_list());
        return -1;
    }
    if (r->code && !lifecycle_code_valid(r->code)) {
        codes_error(c, "unknown closure code", r->code, NULL, NULL);
        return -1;
    }
    if (!lifecycle_move_ok(e->status, r->to_status, r->code)) {
        int nr = lifecycle_move_ok(e->status, r->to_status, LIFECYCLE_NOT_RECEIVABLE);
        cli_err(c, "%s is %s: it cannot move to %s%s%s%s (see --help)", e->number, e->status,
                r->to_status, r->code ? " with --code " : "", r->code ? r->code : "",
                nr ? "; only mail that is no request (robots, bulk mail) is closed before it "
                     "is answered, with --code " LIFECYCLE_NOT_RECEIVABLE
                   : "");
        return -1;
    }
    if (!lifecycle_code_fits(e->status, r->to_status, r->code)) {
        codes_error(c, r->code ? "this closure code does not go with" : "a closure code is "
                    "needed for", r->code, e->status, r->to_status);
        return -1;
    }
    if ((strcmp(r->to_status, "transferred") == 0) != (r->to != NULL)) {
        cli_err(c, "--to BODY is required with transferred and only there");
        return -1;
    }
    if (r->note && !cli_text_ok(r->note, MAX_NOTE, 1)) {
        cli_err(c, "--note must be valid UTF-8 text without control characters, at most %d "
                   "bytes", MAX_NOTE);
        return -1;
    }
    if (r->to && !cli_text_ok(r->to, MAX_TO, 0)) {
        cli_err(c, "--to must be one line of valid UTF-8, at most %d bytes", MAX_TO);
        return -1;
    }
    return 0;
}

static int count_status_mails(struct cli *c, int64_t entry_id)
{
    sqlite3_stmt *st = store_stmt(
        c->store, "SELECT count(*) FROM outbox WHERE entry_id = ? AND purpose = 'status'", NULL);
    int n = 0;
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, entry_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return n;
}

static int status_tx(struct cli *c, const struct status_req *r, const struct entry *e,
                     char **cause)
{
    const struct status_move mv = {.to = r->to_status, .code = r->code, .note = r->note,
                                   .to_body = r->to};
    return correct_tx_status(c->store, &c->notify, e, &mv, c->actor, cause);
}

static void status_print(struct cli *c, const struct entry *e, const char *to, int queued)
{
    if (!c->json) {
        printf("%s: %s -> %s by %s%s\n", e->number, e->status, to, c->actor,
               queued ? " (status update queued for the citizen)" : "");
        return;
    }
    struct buf b;
    struct json j;
    buf_init(&b, 64 * 1024);
    json_init(&j, &b);
    json_obj_begin(&j);
    json_kv_str(&j, "number", e->number);
    json_kv_str(&j, "old_status", e->status);
    json_kv_str(&j, "status", to);
    json_kv_str(&j, "actor", c->actor);
    json_kv_bool(&j, "update_queued", queued);
    json_obj_end(&j);
    printf("%s\n", b.data);
    buf_free(&b);
}

static int status_run(struct cli *c, const struct status_req *req);

int cmd_status(struct cli *c)
{
    struct status_req r = {0};
    const char *pos[2];
    int npos = 0;
    struct arg_spec specs[] = {{"--note", 1, &r.note}, {"--code", 1, &r.code}, {"--to", 1, &r.to}};
    if (cli_wants_help(c)) {
        fputs(status_usage, stdout);
        return 0;
    }
    if (args_scan("status", c->argc, c->argv, specs, 3, pos, 2, &npos) < 0 || npos != 2) {
        fputs(status_usage, stderr);
        return EXIT_USAGE_;
    }
    r.ref = pos[0];
    r.to_status = pos[1];
    char *stdin_note = NULL;
    if (r.note && !strcmp(r.note, "-")) {
        stdin_note = note_from_stdin(MAX_NOTE);
        if (!stdin_note) {
            cli_err(c, "--note -: the note on standard input is unreadable or longer than %d "
                       "bytes", MAX_NOTE);
            return EXIT_USAGE_;
        }
        r.note = stdin_note;
    }
    int ret = status_run(c, &r);
    free(stdin_note);
    return ret;
}

static int status_run(struct cli *c, const struct status_req *req)
{
    struct status_req r = *req;
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    struct entry e;
    char *cause = NULL;
    if (store_entry_get(c->store, r.ref, &e, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    int ret = EXIT_USAGE_;
    if (status_validate(c, &r, &e) < 0)
        goto done;
    int64_t pending = departure_pending_draft(c->store, e.id, NULL);
    if (pending != 0 && strcmp(r.to_status, "in-progress") != 0) {
        cli_err(c, "%s has an answer awaiting approval (draft #%lld): approve, return or "
                   "cancel it first", e.number, (long long)pending);
        ret = EXIT_FAIL;
        goto done;
    }
    int before = count_status_mails(c, e.id);
    int rc = store_begin(c->store, &cause);
    if (rc == 0)
        rc = status_tx(c, &r, &e, &cause);
    if (rc == 0)
        rc = store_commit(c->store, &cause);
    if (rc < 0) {
        store_rollback(c->store);
        ret = cli_write_failed(c, cause);
        goto done;
    }
    status_print(c, &e, r.to_status, count_status_mails(c, e.id) > before);
    ret = EXIT_OK;
done:
    free(cause);
    entry_free(&e);
    return ret;
}

/* --- bureau outbox ------------------------------------------------------- */

static const char outbox_usage[] =
    "usage: bureau outbox [list [--state S]] | show ID | send [--once] [--now] | retry ID |\n"
    "       cancel ID\n"
    "\n"
    "list    outgoing mail, newest first (states: queued, sending, sent, failed, cancelled)\n"
    "show    the message exactly as it is (or was) sent, headers and MIME included\n"
    "        (but a sent acknowledgement's tracking token, replaced by a mark)\n"
    "send    deliver every queued message that is due, over one SMTP connection;\n"
    "        --once stops after one message, --now ignores the retry wait.\n"
    "        Exit 0, or 75 when some message must be tried again later.\n"
    "retry   queue a failed or cancelled message again (same bytes, same Message-ID)\n"
    "cancel  never send a queued or failed message\n";

static const char list_sql[] =
    "SELECT o.id, o.state, o.purpose, e.number, o.rcpt, o.attempts, o.next_attempt_at, "
    "o.sent_at, o.last_error, o.message_id, o.possible_duplicates, o.created_at "
    "FROM outbox o LEFT JOIN entries e ON e.id = o.entry_id "
    "WHERE (?1 IS NULL OR o.state = ?1) ORDER BY o.id DESC LIMIT ?2";

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void list_json_row(struct json *j, sqlite3_stmt *st)
{
    json_obj_begin(j);
    json_kv_int(j, "id", sqlite3_column_int64(st, 0));
    json_kv_str(j, "state", col(st, 1));
    json_kv_str(j, "purpose", col(st, 2));
    json_kv_str(j, "number", col(st, 3));
    json_kv_str(j, "rcpt", col(st, 4));
    json_kv_int(j, "attempts", sqlite3_column_int64(st, 5));
    json_kv_int(j, "next_attempt_at", sqlite3_column_int64(st, 6));
    json_key(j, "sent_at");
    if (sqlite3_column_type(st, 7) == SQLITE_NULL)
        json_null(j);
    else
        json_int(j, sqlite3_column_int64(st, 7));
    json_kv_str(j, "last_error", col(st, 8));
    json_kv_str(j, "message_id", col(st, 9));
    json_kv_int(j, "possible_duplicates", sqlite3_column_int64(st, 10));
    json_kv_int(j, "created_at", sqlite3_column_int64(st, 11));
    json_obj_end(j);
}

static void list_text_row(sqlite3_stmt *st)
{
    char when[20];
    int sent = sqlite3_column_type(st, 7) != SQLITE_NULL;
    fmt_datetime(sqlite3_column_int64(st, sent ? 7 : 6), when);
    printf("#%-5lld %-9s %-8s %-12s %-30s tries=%d %s %s%s%s\n",
           (long long)sqlite3_column_int64(st, 0), col(st, 1), col(st, 2),
           col(st, 3) ? col(st, 3) : "-", col(st, 4), sqlite3_column_int(st, 5),
           sent ? "sent" : "next", when, col(st, 8) ? "  " : "", col(st, 8) ? col(st, 8) : "");
}

static int outbox_list(struct cli *c, const char *state)
{
    char *cause = NULL;
    sqlite3_stmt *st = store_stmt(c->store, list_sql, &cause);
    if (!st) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    struct buf b;
    struct json j;
    buf_init(&b, 256u * 1024 * 1024);
    json_init(&j, &b);
    json_arr_begin(&j);
    if (state)
        sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, LIST_MAX_ROWS);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->json)
            list_json_row(&j, st);
        else
            list_text_row(st);
    }
    sqlite3_reset(st);
    json_arr_end(&j);
    if (c->json)
        printf("%s\n", b.data);
    buf_free(&b);
    return EXIT_OK;
}

static int outbox_send(struct cli *c, int flags)
{
    char *cause = NULL;
    struct outbox_run run;
    if (!c->cfg->smtp.url) {
        cli_err(c, "no [smtp] url in the configuration: nothing can be sent");
        return EXIT_CONFIG_;
    }
    if (outbox_send_due(c->store, c->cfg, NULL, flags, &run, &cause) < 0) {
        /* a full disk, an I/O error or a busy database passes: the next run
         * sends what this one could not (every row stays queued) */
        int e = sqlite3_errcode(store_db(c->store)) & 0xff;
        int temporary = e == SQLITE_FULL || e == SQLITE_IOERR || e == SQLITE_BUSY ||
                        e == SQLITE_LOCKED || e == SQLITE_NOMEM;
        cli_err(c, "%s%s", cause ? cause : "failed", temporary ? " (temporary: retry later)" : "");
        free(cause);
        return temporary ? EXIT_TEMPFAIL_ : EXIT_FAIL;
    }
    if (c->json)
        printf("{\"sent\": %d, \"deferred\": %d, \"failed\": %d, \"requeued\": %d}\n", run.sent,
               run.deferred, run.failed, run.requeued);
    else
        printf("sent %d, deferred %d, failed %d, requeued after interruption %d\n", run.sent,
               run.deferred, run.failed, run.requeued);
    return run.deferred > 0 ? EXIT_TEMPFAIL_ : EXIT_OK;
}

static int outbox_id(struct cli *c, const char *verb, const char *arg, int64_t *out)
{
    uint64_t id = 0;
    const char *p = arg && arg[0] == '#' ? arg + 1 : arg;
    if (!p || parse_u64(p, &id) != 0 || id == 0 || id > INT64_MAX) {
        cli_err(c, "%s needs an outbox ID (see bureau outbox list)", verb);
        return -1;
    }
    *out = (int64_t)id;
    return 0;
}

static int outbox_show(struct cli *c, const char *arg)
{
    int64_t id;
    char *cause = NULL, *data = NULL;
    size_t len = 0;
    if (outbox_id(c, "show", arg, &id) < 0)
        return EXIT_USAGE_;
    if (outbox_message(c->store, id, &data, &len, &cause) < 0) {
        cli_err(c, "outbox #%lld: %s", (long long)id, cause ? cause : "failed");
        free(cause);
        return EXIT_FAIL;
    }
    term_raw_stdout();
    int ok = fwrite(data, 1, len, stdout) == len;
    free(data);
    return ok ? EXIT_OK : EXIT_FAIL;
}

static int outbox_act(struct cli *c, const char *verb, const char *arg)
{
    int64_t id;
    char *cause = NULL;
    if (outbox_id(c, verb, arg, &id) < 0)
        return EXIT_USAGE_;
    int rc = strcmp(verb, "retry") == 0 ? outbox_retry(c->store, id, c->actor, &cause)
                                        : outbox_cancel(c->store, id, c->actor, &cause);
    if (rc < 0) {
        cli_err(c, "%s", cause ? cause : "failed");
        free(cause);
        return EXIT_FAIL;
    }
    printf("outbox #%lld: %s\n", (long long)id,
           strcmp(verb, "retry") == 0 ? "queued again" : "cancelled");
    return EXIT_OK;
}

int cmd_outbox(struct cli *c)
{
    const char *state = NULL, *once = NULL, *now = NULL, *pos[2] = {NULL, NULL};
    int npos = 0;
    struct arg_spec specs[] = {{"--state", 1, &state}, {"--once", 0, &once}, {"--now", 0, &now}};
    if (cli_wants_help(c)) {
        fputs(outbox_usage, stdout);
        return 0;
    }
    if (args_scan("outbox", c->argc, c->argv, specs, 3, pos, 2, &npos) < 0) {
        fputs(outbox_usage, stderr);
        return EXIT_USAGE_;
    }
    const char *verb = npos > 0 ? pos[0] : "list";
    int is_list = strcmp(verb, "list") == 0, is_send = strcmp(verb, "send") == 0;
    int is_act = strcmp(verb, "retry") == 0 || strcmp(verb, "cancel") == 0 ||
                 strcmp(verb, "show") == 0;
    if ((!is_list && !is_send && !is_act) || (is_act ? npos != 2 : npos > 1) ||
        (state && !is_list) || ((once || now) && !is_send)) {
        fputs(outbox_usage, stderr);
        return EXIT_USAGE_;
    }
    if (state && strcmp(state, "queued") && strcmp(state, "sending") && strcmp(state, "sent") &&
        strcmp(state, "failed") && strcmp(state, "cancelled")) {
        cli_err(c, "unknown state \"%s\" (queued, sending, sent, failed, cancelled)", state);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (is_list)
        return outbox_list(c, state);
    if (is_send)
        return outbox_send(c, (once ? OUTBOX_SEND_ONE : 0) | (now ? OUTBOX_SEND_IGNORE_WAIT : 0));
    if (strcmp(verb, "show") == 0)
        return outbox_show(c, pos[1]);
    return outbox_act(c, verb, pos[1]);
}
