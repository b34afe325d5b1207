/* cmd_reply.c — `bureau reply`, `bureau letter` and `bureau drafts`: the
 * answer drafted, approved (visa) and sent (see departure.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/departure.h"
#include "bureau/json.h"
#include "bureau/util.h"

#define MAX_REPEAT 60
#define OUT_MAX (64u * 1024 * 1024)

/* --- shared -------------------------------------------------------------- */

static void ctx_of(struct cli *c, struct departure_ctx *x)
{
    x->s = c->store;
    x->cfg = c->cfg;
    x->rules = c->rules;
    x->tmpl = c->tmpl;
}

static int need_all(struct cli *c)
{
    return cli_need_store(c) < 0 || cli_need_notify(c) < 0 ? -1 : 0;
}

/* Takes every "--name VALUE" of a repeatable option out of argv. */
static size_t take_repeated(struct cli *c, const char *name, const char **out, size_t max)
{
    return args_take_repeated(&c->argc, c->argv, name, out, max, NULL);
}

static int has_arabic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (p[0] >= 0xD8 && p[0] <= 0xDB && (p[1] & 0xC0) == 0x80)
            return 1;
    return 0;
}

struct text {
    char *subject, *ar, *fr;
};

static void text_free(struct text *t)
{
    free(t->subject);
    free(t->ar);
    free(t->fr);
    memset(t, 0, sizeof *t);
}

static void trim_nl(char *s)
{
    size_t n = s ? strlen(s) : 0;
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

/* A text file: lines "[subject]", "[ar]", "[fr]" start sections; without
 * them the whole text is the Arabic body when it has Arabic letters, the
 * French one otherwise. */
static int read_text(struct cli *c, const char *path, struct text *t)
{
    char *data = NULL, *cause = NULL;
    size_t len = 0;
    if (file_read_all(path, DEPARTURE_MAX_BODY * 2, &data, &len, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return -1;
    }
    if (!utf8_valid(data, len) || memchr(data, '\0', len)) {
        cli_err(c, "%s: not UTF-8 text", path);
        free(data);
        return -1;
    }
    struct buf sec[3];
    int cur = -1, any = 0;
    for (int k = 0; k < 3; k++)
        buf_init(&sec[k], DEPARTURE_MAX_BODY * 2);
    for (char *save = data, *l; (l = strsep(&save, "\n")) != NULL;) {
        char *probe = xstrdup(l);
        str_trim(probe);
        int k = !strcmp(probe, "[subject]") ? 0 : !strcmp(probe, "[ar]") ? 1
                                                : !strcmp(probe, "[fr]") ? 2 : -1;
        free(probe);
        if (k >= 0) {
            cur = k;
            any = 1;
            continue;
        }
        if (cur >= 0) {
            buf_puts(&sec[cur], l);
            buf_putc(&sec[cur], '\n');
        }
    }
    free(data);
    if (!any) {  /* no sections: read again as one body */
        for (int k = 0; k < 3; k++)
            buf_free(&sec[k]);
        if (file_read_all(path, DEPARTURE_MAX_BODY * 2, &data, &len, NULL) < 0)
            return -1;
        trim_nl(data);
        if (has_arabic(data))
            t->ar = data;
        else
            t->fr = data;
        return 0;
    }
    char **dst[3] = {&t->subject, &t->ar, &t->fr};
    for (int k = 0; k < 3; k++) {
        *dst[k] = sec[k].len ? buf_steal(&sec[k]) : (buf_free(&sec[k]), NULL);
        trim_nl(*dst[k]);
        if (*dst[k])
            str_trim(*dst[k]);
    }
    return 0;
}

static const char *content_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".pdf", "application/pdf"}, {".png", "image/png"}, {".jpg", "image/jpeg"},
                 {".jpeg", "image/jpeg"},     {".txt", "text/plain"},
                 {".odt", "application/vnd.oasis.opendocument.text"}};
    size_t n = strlen(name);
    for (size_t i = 0; i < BU_ARRAY_LEN(types); i++) {
        size_t l = strlen(types[i].ext);
        if (n > l && !strcasecmp(name + n - l, types[i].ext))
            return types[i].type;
    }
    return "application/octet-stream";
}

struct files {
    struct departure_file f[DEPARTURE_MAX_FILES];
    char *data[DEPARTURE_MAX_FILES];
    size_t n;
};

static void files_free(struct files *fs)
{
    for (size_t i = 0; i < fs->n; i++)
        free(fs->data[i]);
    fs->n = 0;
}

static int read_files(struct cli *c, const char **paths, size_t n, struct files *fs)
{
    if (n > DEPARTURE_MAX_FILES) {
        cli_err(c, "at most %d attachments", DEPARTURE_MAX_FILES);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        char *cause = NULL;
        size_t len = 0;
        if (file_read_all(paths[i], DEPARTURE_MAX_FILE_SIZE, &fs->data[fs->n], &len, &cause) <
            0) {
            cli_err(c, "%s", cause);
            free(cause);
            return -1;
        }
        const char *base = strrchr(paths[i], '/');
        base = base ? base + 1 : paths[i];
        fs->f[fs->n] = (struct departure_file){base, content_type(base), fs->data[fs->n], len};
        fs->n++;
    }
    return 0;
}

static int parse_id(struct cli *c, const char *s, int64_t *id)
{
    char *end = NULL;
    if (*s == '#')
        s++;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0) {
        cli_err(c, "expected a draft id, not \"%s\"", s);
        return -1;
    }
    *id = v;
    return 0;
}

/* --- bureau reply / letter ---------------------------------------------- */

static const char reply_usage[] =
    "usage: bureau [--as NAME] reply NUMBER [--text FILE | --template NAME] [--code CODE]\n"
    "       [--attach FILE]... [--also NUMBER]... [--to ADDRESS,...] [--subject S]\n"
    "\n"
    "Drafts the answer to an entry: free text (FILE: UTF-8, sections [subject], [ar],\n"
    "[fr]; without them the whole text) or a canned answer (templates/replies/NAME.reply;\n"
    "with only --code, the one for the entry's kind and that code). --code is the\n"
    "closure code (answered, a rejection code, info-exception, info-not-held); the\n"
    "arrival takes the status it implies when the answer leaves. --also: further\n"
    "arrivals the same answer closes. The draft then follows its approval circuit\n"
    "([approval] in the config): bureau drafts approve ID.\n";

static const char letter_usage[] =
    "usage: bureau [--as NAME] letter (--to ADDRESS,... | --addressee NAME) --text FILE\n"
    "       [--subject S] [--department ID] [--attach FILE]...\n"
    "\n"
    "Drafts a spontaneous letter (courrier départ, no arrival), numbered in the departure\n"
    "register when approved ([approval] letter = ...). Without --to it leaves on paper.\n";

struct reply_req {
    const char *ref, *text, *tmpl, *code, *to, *subject, *addressee, *dept;
    const char *attach[MAX_REPEAT], *also[MAX_REPEAT];
    size_t n_attach, n_also;
};

static int canned(struct cli *c, const struct reply_req *r, const struct entry *e,
                  struct text *t, const char **code, const char **name)
{
    char *dir = xasprintf("%s/replies", c->cfg->templates_dir ? c->cfg->templates_dir : ".");
    struct replies *rs = NULL;
    char *cause = NULL;
    int rc = replies_load(dir, &rs, &cause);
    free(dir);
    if (rc == 0) {
        *name = r->tmpl ? r->tmpl : replies_find(rs, e->kind, r->code);
        if (!*name) {
            set_cause(&cause, "no canned answer for kind %s and code %s: give --text or "
                              "--template", e->kind, r->code ? r->code : "answered");
            rc = -1;
        }
    }
    if (rc == 0 && !*code)
        *code = replies_code(rs, *name);
    if (rc == 0)
        rc = replies_render(rs, *name, c->cfg, c->rules, e, *code, &t->subject, &t->ar, &t->fr,
                            &cause);
    if (rc < 0) {
        cli_err(c, "%s", cause ? cause : "canned answer failed");
        *name = NULL;
    } else {
        *name = xstrdup(*name);
    }
    free(cause);
    replies_free(rs);
    return rc;
}

static int make_draft(struct cli *c, struct reply_req *r, const struct entry *e)
{
    struct text t = {0};
    struct files fs = {0};
    const char *code = r->code, *tmpl_name = NULL;
    int64_t also[MAX_REPEAT];
    int ret = EXIT_FAIL;
    if (r->text ? read_text(c, r->text, &t) < 0 : canned(c, r, e, &t, &code, &tmpl_name) < 0)
        goto done;
    if (read_files(c, r->attach, r->n_attach, &fs) < 0)
        goto done;
    for (size_t i = 0; i < r->n_also; i++) {
        struct entry o;
        if (cli_load_entry(c, r->also[i], &o) < 0)
            goto done;
        also[i] = o.id;
        entry_free(&o);
    }
    struct draft_input in = {
        .entry_id = e ? e->id : 0, .also = also, .n_also = r->n_also, .addressees = r->to,
        .addressee_name = r->addressee, .department = r->dept,
        .subject = r->subject ? r->subject : t.subject, .body_ar = t.ar, .body_fr = t.fr,
        .closure_code = code, .template_name = tmpl_name, .files = fs.f, .n_files = fs.n,
        .actor = c->actor,
    };
    struct departure_ctx x;
    ctx_of(c, &x);
    int64_t id = 0;
    char *cause = NULL;
    if (departure_draft_create(&x, &in, &id, &cause) < 0) {
        ret = cli_write_failed(c, cause);
        free(cause);
        goto done;
    }
    const char *circuit = departure_circuit(c->cfg, e ? e->kind : "letter");
    if (c->json)
        printf("{\"draft\": %lld, \"circuit\": \"%s\"}\n", (long long)id, circuit);
    else
        printf("draft #%lld%s%s by %s (approval: %s)\n", (long long)id, e ? " answers " : "",
               e ? e->number : "", c->actor, circuit);
    ret = EXIT_OK;
done:
    free((char *)tmpl_name);
    text_free(&t);
    files_free(&fs);
    return ret;
}

int cmd_reply(struct cli *c)
{
    struct reply_req r = {0};
    if (cli_wants_help(c)) {
        fputs(reply_usage, stdout);
        return 0;
    }
    r.n_attach = take_repeated(c, "--attach", r.attach, MAX_REPEAT);
    r.n_also = take_repeated(c, "--also", r.also, MAX_REPEAT);
    const struct arg_spec specs[] = {{"--text", 1, &r.text}, {"--template", 1, &r.tmpl},
                                     {"--code", 1, &r.code}, {"--to", 1, &r.to},
                                     {"--subject", 1, &r.subject}};
    const char *pos[1];
    int npos = 0;
    if (args_scan("reply", c->argc, c->argv, specs, 5, pos, 1, &npos) < 0 || npos != 1 ||
        (r.text && r.tmpl) || (!r.text && !r.tmpl && !r.code)) {
        fputs(reply_usage, stderr);
        return EXIT_USAGE_;
    }
    if (need_all(c) < 0)
        return EXIT_CONFIG_;
    struct entry e;
    if (cli_load_entry(c, pos[0], &e) < 0)
        return EXIT_FAIL;
    int ret = make_draft(c, &r, &e);
    entry_free(&e);
    return ret;
}

int cmd_letter(struct cli *c)
{
    struct reply_req r = {0};
    if (cli_wants_help(c)) {
        fputs(letter_usage, stdout);
        return 0;
    }
    r.n_attach = take_repeated(c, "--attach", r.attach, MAX_REPEAT);
    const struct arg_spec specs[] = {{"--text", 1, &r.text},          {"--to", 1, &r.to},
                                     {"--subject", 1, &r.subject},    {"--addressee", 1,
                                                                       &r.addressee},
                                     {"--department", 1, &r.dept}};
    const char *pos[1];
    int npos = 0;
    if (args_scan("letter", c->argc, c->argv, specs, 5, pos, 0, &npos) < 0 || !r.text ||
        (!r.to && !r.addressee)) {
        fputs(letter_usage, stderr);
        return EXIT_USAGE_;
    }
    if (need_all(c) < 0)
        return EXIT_CONFIG_;
    return make_draft(c, &r, NULL);
}

/* --- bureau drafts ------------------------------------------------------- */

static const char drafts_usage[] =
    "usage: bureau [--as NAME] drafts [list [--state S]] | show ID | approve ID |\n"
    "       return ID --comment TEXT | cancel ID | edit ID --text FILE\n"
    "\n"
    "list     drafts awaiting approval (pending, returned), or --state S (all: every one)\n"
    "show     a draft: text in both languages, attachments, circuit and history\n"
    "approve  the next visa of the circuit, by --as NAME (a head of the draft's department,\n"
    "         then a director, per [approval]); the last one numbers the departure and\n"
    "         queues its mail (bureau outbox send delivers it)\n"
    "return   send it back to the drafter with a comment; edit changes its text (the\n"
    "         approvals start again); cancel throws it away (no number is used)\n";

static int drafts_list(struct cli *c, const char *state)
{
    sqlite3_stmt *st = store_stmt(
        c->store,
        "SELECT d.id, d.state, d.circuit, d.step, e.number, d.drafter, d.subject, "
        "d.created_at, d.department FROM drafts d LEFT JOIN entries e ON e.id = d.entry_id "
        "WHERE (?1 IS NULL AND d.state IN ('pending', 'returned')) OR ?1 = 'all' OR "
        "d.state = ?1 ORDER BY d.id",
        NULL);
    if (!st)
        return EXIT_FAIL;
    struct buf b;
    struct json j;
    buf_init(&b, OUT_MAX);
    json_init(&j, &b);
    if (c->json)
        json_arr_begin(&j);
    if (state)
        sqlite3_bind_text(st, 1, state, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *num = (const char *)sqlite3_column_text(st, 4);
        if (c->json) {
            json_obj_begin(&j);
            json_kv_int(&j, "id", sqlite3_column_int64(st, 0));
            json_kv_str(&j, "state", (const char *)sqlite3_column_text(st, 1));
            json_kv_str(&j, "circuit", (const char *)sqlite3_column_text(st, 2));
            json_kv_int(&j, "approvals", sqlite3_column_int(st, 3));
            json_kv_str(&j, "number", num);
            json_kv_str(&j, "drafter", (const char *)sqlite3_column_text(st, 5));
            json_kv_str(&j, "subject", (const char *)sqlite3_column_text(st, 6));
            json_kv_int(&j, "created_at", sqlite3_column_int64(st, 7));
            json_kv_str(&j, "department", (const char *)sqlite3_column_text(st, 8));
            json_obj_end(&j);
        } else {
            buf_printf(&b, "#%-5lld %-9s %-14s visas=%d %-13s %-12s %s\n",
                       (long long)sqlite3_column_int64(st, 0), sqlite3_column_text(st, 1),
                       sqlite3_column_text(st, 2), sqlite3_column_int(st, 3),
                       num ? num : "(letter)", sqlite3_column_text(st, 5),
                       sqlite3_column_text(st, 6));
        }
    }
    sqlite3_reset(st);
    if (c->json) {
        json_arr_end(&j);
        buf_putc(&b, '\n');
    }
    fwrite(b.data ? b.data : "", 1, b.len, stdout);
    buf_free(&b);
    return EXIT_OK;
}

static void show_events(struct cli *c, int64_t id, struct buf *b, struct json *j)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT at, actor, action, role, detail FROM draft_events "
                                  "WHERE draft_id = ? ORDER BY id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, id);
    if (c->json) {
        json_key(j, "events");
        json_arr_begin(j);
    } else {
        buf_puts(b, "history:\n");
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        char when[20];
        fmt_datetime(sqlite3_column_int64(st, 0), when);
        const char *role = (const char *)sqlite3_column_text(st, 3);
        const char *detail = (const char *)sqlite3_column_text(st, 4);
        if (c->json) {
            json_obj_begin(j);
            json_kv_int(j, "at", sqlite3_column_int64(st, 0));
            json_kv_str(j, "actor", (const char *)sqlite3_column_text(st, 1));
            json_kv_str(j, "action", (const char *)sqlite3_column_text(st, 2));
            json_kv_str(j, "role", role);
            json_kv_str(j, "detail", detail);
            json_obj_end(j);
        } else {
            buf_printf(b, "  %s %-12s %-15s%s%s%s %s\n", when, sqlite3_column_text(st, 1),
                       sqlite3_column_text(st, 2), role ? " (" : "", role ? role : "",
                       role ? ")" : "", detail ? detail : "");
        }
    }
    sqlite3_reset(st);
    if (c->json)
        json_arr_end(j);
}

static int drafts_show(struct cli *c, int64_t id)
{
    sqlite3_stmt *st = store_stmt(
        c->store,
        "SELECT d.state, d.circuit, d.step, e.number, d.drafter, d.subject, d.body_ar, "
        "d.body_fr, d.addressees, d.closure_code, d.department, "
        "(SELECT group_concat(filename || ' (' || size || ' bytes)', ', ') FROM "
        "draft_attachments WHERE draft_id = d.id) FROM drafts d LEFT JOIN entries e ON "
        "e.id = d.entry_id WHERE d.id = ?",
        NULL);
    if (!st)
        return EXIT_FAIL;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        cli_err(c, "no draft #%lld", (long long)id);
        return EXIT_FAIL;
    }
    static const char *const keys[] = {"state",   "circuit",  "approvals", "number",
                                       "drafter", "subject",  "body_ar",   "body_fr",
                                       "to",      "code",     "department", "attachments"};
    struct buf b;
    struct json j;
    buf_init(&b, OUT_MAX);
    json_init(&j, &b);
    if (c->json) {
        json_obj_begin(&j);
        json_kv_int(&j, "id", id);
    } else {
        buf_printf(&b, "draft #%lld\n", (long long)id);
    }
    for (int i = 0; i < 12; i++) {
        const char *v = (const char *)sqlite3_column_text(st, i);
        if (c->json && i == 2)
            json_kv_int(&j, keys[i], sqlite3_column_int(st, i));
        else if (c->json)
            json_kv_str(&j, keys[i], v);
        else if (i == 6 || i == 7)
            buf_printf(&b, "--- %s ---\n%s\n", keys[i], v ? v : "");
        else
            buf_printf(&b, "%-12s %s\n", keys[i], v ? v : "-");
    }
    sqlite3_reset(st);
    show_events(c, id, &b, &j);
    if (c->json) {
        json_obj_end(&j);
        buf_putc(&b, '\n');
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    return EXIT_OK;
}

static int drafts_act(struct cli *c, const char *verb, int64_t id, const char *comment,
                      const char *text)
{
    struct departure_ctx x;
    ctx_of(c, &x);
    char *cause = NULL, number[64] = "";
    int rc;
    struct text t = {0};
    if (!strcmp(verb, "approve"))
        rc = departure_draft_approve(&x, id, c->actor, number, sizeof number, &cause);
    else if (!strcmp(verb, "return"))
        rc = departure_draft_return(&x, id, comment, c->actor, &cause);
    else if (!strcmp(verb, "cancel"))
        rc = departure_draft_cancel(&x, id, c->actor, &cause);
    else if (read_text(c, text, &t) < 0)
        return EXIT_FAIL;
    else
        rc = departure_draft_edit(&x, id, t.ar, t.fr, c->actor, &cause);
    text_free(&t);
    if (rc < 0) {
        int ret = cli_write_failed(c, cause);
        free(cause);
        return ret;
    }
    if (c->json)
        printf("{\"draft\": %lld, \"action\": \"%s\", \"departure\": %s%s%s}\n", (long long)id,
               verb, number[0] ? "\"" : "null", number, number[0] ? "\"" : "");
    else if (number[0])
        printf("draft #%lld approved by %s: departure %s queued for sending\n", (long long)id,
               c->actor, number);
    else
        printf("draft #%lld: %s by %s%s\n", (long long)id, verb, c->actor,
               !strcmp(verb, "approve") ? " (further approval needed)" : "");
    return EXIT_OK;
}

int cmd_drafts(struct cli *c)
{
    const char *state = NULL, *comment = NULL, *text = NULL, *pos[2];
    int npos = 0;
    if (cli_wants_help(c)) {
        fputs(drafts_usage, stdout);
        return 0;
    }
    const struct arg_spec specs[] = {{"--state", 1, &state}, {"--comment", 1, &comment},
                                     {"--text", 1, &text}};
    if (args_scan("drafts", c->argc, c->argv, specs, 3, pos, 2, &npos) < 0) {
        fputs(drafts_usage, stderr);
        return EXIT_USAGE_;
    }
    const char *verb = npos ? pos[0] : "list";
    int64_t id = 0;
    int is_list = !strcmp(verb, "list");
    static const char *const verbs[] = {"show", "approve", "return", "cancel", "edit"};
    int known = is_list;
    for (size_t i = 0; i < BU_ARRAY_LEN(verbs); i++)
        known |= !strcmp(verb, verbs[i]);
    if (!known || (is_list ? npos > 1 : npos != 2) ||
        (!strcmp(verb, "return") && !comment) || (!strcmp(verb, "edit") && !text)) {
        fputs(drafts_usage, stderr);
        return EXIT_USAGE_;
    }
    if (!is_list && parse_id(c, pos[1], &id) < 0)
        return EXIT_USAGE_;
    if (need_all(c) < 0)
        return EXIT_CONFIG_;
    if (is_list)
        return drafts_list(c, state);
    if (!strcmp(verb, "show"))
        return drafts_show(c, id);
    return drafts_act(c, verb, id, comment, text);
}
