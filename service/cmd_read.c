/* cmd_read.c — what clerks read: list, show, search, export, attachments. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/csv.h"
#include "bureau/fname.h"
#include "bureau/json.h"
#include "bureau/letterref.h"
#include "bureau/paper.h"
#include "bureau/lifecycle.h"
#include "bureau/mime.h"
#include "bureau/norm.h"
#include "bureau/term.h"
#include "bureau/search.h"
#include "bureau/util.h"

#define LIST_MAX_ROWS 100000
#define OUT_MAX ((size_t)1 << 31)
#define LIST_FLUSH (64 * 1024)  /* list and search write out in blocks of this */

/* Width of a UTF-8 string in terminal columns (combining marks count 0). */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        /* Arabic marks U+064B-065F, U+0670 are zero-width */
        if (p[0] == 0xD9 && ((p[1] >= 0x8B && p[1] <= 0x9F) || p[1] == 0xB0))
            continue;
        w++;
    }
    return w;
}

/* Append s cut to at most width columns, padded with spaces. */
static void put_cell(struct buf *b, const char *s, size_t width)
{
    s = s ? s : "";
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *start = p;
    while (*p) {
        size_t l = (*p < 0x80) ? 1 : (*p >= 0xF0) ? 4 : (*p >= 0xE0) ? 3 : 2;
        char tmp[5] = {0};
        size_t k;
        for (k = 0; k < l && p[k]; k++)
            tmp[k] = (char)p[k];
        if (k < l)
            break;
        size_t cw = display_width(tmp);
        if (w + cw > width)
            break;
        w += cw;
        p += l;
    }
    for (const unsigned char *q = start; q < p; q++)
        buf_putc(b, (*q == '\n' || *q == '\r' || *q == '\t') ? ' ' : (char)*q);
    for (; w < width; w++)
        buf_putc(b, ' ');
}

static void entry_json(struct json *j, const struct entry *e)
{
    json_kv_str(j, "number", e->number);
    json_kv_int(j, "year", e->year);
    json_kv_int(j, "seq", e->seq);
    json_kv_int(j, "received_at", e->received_at);
    json_key(j, "sent_at");
    if (e->sent_at)
        json_int(j, e->sent_at);
    else
        json_null(j);
    json_kv_str(j, "sender_addr", e->sender_addr);
    json_kv_str(j, "sender_name", e->sender_name);
    json_kv_str(j, "recipients", e->recipients);
    json_kv_str(j, "subject", e->subject);
    json_kv_str(j, "body", e->body);
    json_kv_str(j, "message_id", e->message_id);
    json_kv_str(j, "in_reply_to", e->in_reply_to);
    json_kv_str(j, "kind", e->kind);
    json_kv_str(j, "department", e->department);
    json_kv_str(j, "status", e->status);
    json_kv_bool(j, "needs_triage", e->needs_triage);
    json_kv_str(j, "attention", e->attention);
    json_kv_bool(j, "urgent", e->urgent);
    json_kv_str(j, "due_date", e->due_date);
    json_kv_str(j, "closure_code", e->closure_code);
    json_kv_str(j, "reply_number", e->reply_number);
    json_kv_str(j, "source", e->source);
    json_kv_int(j, "n_attachments", e->n_attachments);
    json_kv_bool(j, "internal", e->internal);
}

static void entry_row(struct buf *b, const struct entry *e)
{
    char date[11];
    fmt_date(e->received_at, date);
    put_cell(b, e->number, 13);
    buf_putc(b, ' ');
    buf_puts(b, date);
    buf_putc(b, ' ');
    put_cell(b, e->sender_addr, 26);
    buf_putc(b, ' ');
    put_cell(b, e->kind, 19);
    buf_putc(b, ' ');
    put_cell(b, e->department, 21);
    buf_putc(b, ' ');
    put_cell(b, e->status, 11);
    buf_putc(b, ' ');
    put_cell(b, e->subject, 50);
    while (b->len && b->data[b->len - 1] == ' ')
        b->data[--b->len] = '\0';
    if (e->attention)
        buf_printf(b, "  [! %s]", e->attention);
    buf_putc(b, '\n');
}

static void list_header(struct buf *b)
{
    buf_printf(b, "%-13s %-10s %-26s %-19s %-21s %-11s %s\n", "number", "received", "sender",
               "kind", "department", "status", "subject");
}

/* Writes what out holds to stdout and empties it: -1 when stdout fails. */
static int flush_out(struct buf *out)
{
    size_t w = out->len ? fwrite(out->data, 1, out->len, stdout) : 0;
    int rc = w == out->len ? 0 : -1;
    buf_reset(out);
    return rc;
}

/* Print the entries whose ids the statement yields (column 0). Streamed:
 * each row is written as it is stepped (in blocks of LIST_FLUSH bytes), so
 * memory does not grow with the number of entries. */
static int print_entries(struct cli *c, sqlite3_stmt *st)
{
    struct buf out;
    buf_init(&out, OUT_MAX);
    struct json j;
    json_init(&j, &out);
    size_t n = 0;
    int out_failed = 0;
    if (c->json)
        json_arr_begin(&j);
    else
        list_header(&out);
    int rc = SQLITE_DONE;
    while (!out_failed && (rc = sqlite3_step(st)) == SQLITE_ROW && n < LIST_MAX_ROWS) {
        struct entry e;
        if (store_entry_by_id(c->store, sqlite3_column_int64(st, 0), &e, NULL) < 0)
            continue;
        if (c->json) {
            json_obj_begin(&j);
            entry_json(&j, &e);
            json_obj_end(&j);
        } else {
            entry_row(&out, &e);
        }
        entry_free(&e);
        n++;
        if (out.len >= LIST_FLUSH)
            out_failed = flush_out(&out) < 0;
    }
    int failed = !out_failed && rc != SQLITE_DONE && rc != SQLITE_ROW;
    if (failed)
        cli_err(c, "%s", sqlite3_errmsg(store_db(c->store)));
    if (c->json) {
        json_arr_end(&j);
        buf_putc(&out, '\n');
    } else {
        buf_printf(&out, "(%zu entr%s)\n", n, n == 1 ? "y" : "ies");
    }
    if (!out_failed)
        out_failed = flush_out(&out) < 0 || fflush(stdout) != 0;
    if (out_failed)
        cli_err(c, "writing the output: %s", strerror(errno));
    buf_free(&out);
    return failed || out_failed ? EXIT_FAIL : 0;
}

static int date_bound(struct cli *c, const char *s, int end, int64_t *t)
{
    if (parse_date_ymd(s, t) < 0) {
        cli_err(c, "bad date %s (expected YYYY-MM-DD)", s);
        return -1;
    }
    if (end)
        *t += 86400; /* the whole last day (local midnight to midnight) */
    return 0;
}

/* The triage queue's last line: the quarantined messages waiting for a
 * clerk (too large, unreadable), which have no number yet. */
static void held_footer(struct cli *c)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT count(*), sum(raw_id IS NULL) FROM quarantine "
                                  "WHERE status = 'held'", NULL);
    if (!st)
        return;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0)
        printf("and %lld message(s) held in quarantine, %lld of them too large to download: "
               "bureau quarantine list\n",
               (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1));
    sqlite3_reset(st);
}

int cmd_list(struct cli *c)
{
    const char *year = NULL, *status = NULL, *dept = NULL, *kind = NULL, *from = NULL,
               *to = NULL, *text = NULL, *triage = NULL;
    const struct arg_spec specs[] = {
        {"--year", 1, &year},   {"--status", 1, &status}, {"--department", 1, &dept},
        {"--kind", 1, &kind},   {"--from", 1, &from},     {"--to", 1, &to},
        {"--text", 1, &text},   {"--triage", 0, &triage},
    };
    const char *pos[1];
    int npos;
    if (cli_wants_help(c)) {
        printf("usage: bureau [--json] list [--year Y] [--status S] [--department D] "
               "[--kind K]\n         [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--text WORDS] "
               "[--triage]\n\nEntries of the register in number order.\n");
        return 0;
    }
    if (args_scan("list", c->argc, c->argv, specs, 8, pos, 0, &npos) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (cli_check_status(c, "--status", status) < 0 ||
        cli_check_department(c, "--department", dept) < 0 || cli_check_kind(c, "--kind", kind) < 0)
        return EXIT_USAGE_;
    int64_t tfrom = 0, tto = 0;
    if ((from && date_bound(c, from, 0, &tfrom) < 0) || (to && date_bound(c, to, 1, &tto) < 0))
        return EXIT_USAGE_;
    char *q = text ? search_fts_query(text) : NULL;
    sqlite3_stmt *st = store_stmt(
        c->store,
        "SELECT id FROM entries WHERE (?1 IS NULL OR year = ?1) AND (?2 IS NULL OR status = ?2) "
        "AND (?3 IS NULL OR department = ?3) AND (?4 IS NULL OR kind = ?4) "
        "AND (?5 IS NULL OR received_at >= ?5) AND (?6 IS NULL OR received_at < ?6) "
        "AND (?7 IS NULL OR id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?7)) "
        "AND (?8 IS NULL OR needs_triage = 1 OR attention IS NOT NULL) ORDER BY year, seq",
        NULL);
    if (!st) {
        free(q);
        return EXIT_FAIL;
    }
    if (year)
        sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
    if (status)
        sqlite3_bind_text(st, 2, status, -1, SQLITE_STATIC);
    if (dept)
        sqlite3_bind_text(st, 3, dept, -1, SQLITE_STATIC);
    if (kind)
        sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
    if (from)
        sqlite3_bind_int64(st, 5, tfrom);
    if (to)
        sqlite3_bind_int64(st, 6, tto);
    if (q)
        sqlite3_bind_text(st, 7, q, -1, SQLITE_STATIC);
    if (triage)
        sqlite3_bind_int(st, 8, 1);
    int rc = print_entries(c, st);
    sqlite3_reset(st);
    free(q);
    if (triage && !c->json)
        held_footer(c);
    return rc;
}

int cmd_search(struct cli *c)
{
    if (cli_wants_help(c) || c->argc < 2) {
        printf("usage: bureau [--json] search WORDS...\n\nFull-text search of subjects, texts, "
               "senders and attachment names.\nArabic and French are folded: شكاية finds "
               "شكايه and شَكاية, reclamation finds Réclamation;\nwords are found with or "
               "without the article: طريق finds الطريق and والطريق;\nin the singular or the plural: "
               "نفاية finds النفايات, marche finds marchés;\nmarch* is a prefix, \"...\" an exact "
               "phrase; every word must be found.\n");
        return c->argc < 2 ? EXIT_USAGE_ : 0;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct buf words;
    buf_init(&words, 64 * 1024);
    for (int i = 1; i < c->argc; i++)
        buf_printf(&words, "%s ", c->argv[i]);
    char *q = search_fts_query(words.data);
    buf_free(&words);
    if (!q) {
        cli_err(c, "nothing to search for");
        return EXIT_USAGE_;
    }
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? "
                                  "ORDER BY rank",
                                  NULL);
    if (!st) {
        free(q);
        return EXIT_FAIL;
    }
    sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
    int rc = print_entries(c, st);
    sqlite3_reset(st);
    free(q);
    return rc;
}

/* --- show ---------------------------------------------------------------- */

static void show_attachments_text(struct cli *c, struct buf *b, int64_t id)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT idx, filename, content_type, size FROM attachments "
                                  "WHERE entry_id = ? ORDER BY idx",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, id);
    int any = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (!any++)
            buf_puts(b, "\nAttachments / المرفقات:\n");
        char *name = fname_clean((const char *)sqlite3_column_text(st, 1));
        buf_printf(b, "  %d. %s (%s, %lld bytes)\n", sqlite3_column_int(st, 0),
                   name ? name : "(no name)", (const char *)sqlite3_column_text(st, 2),
                   (long long)sqlite3_column_int64(st, 3));
        free(name);
    }
    sqlite3_reset(st);
}

static void show_events(struct cli *c, struct buf *b, struct json *j, int64_t id)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT at, actor, action, detail FROM events "
                                  "WHERE entry_id = ? ORDER BY id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, id);
    if (c->json) {
        json_key(j, "events");
        json_arr_begin(j);
    } else {
        buf_puts(b, "\nHistory / السجل:\n");
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *actor = (const char *)sqlite3_column_text(st, 1);
        const char *action = (const char *)sqlite3_column_text(st, 2);
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (c->json) {
            json_obj_begin(j);
            json_kv_int(j, "at", sqlite3_column_int64(st, 0));
            json_kv_str(j, "actor", actor);
            json_kv_str(j, "action", action);
            json_kv_str(j, "detail", detail);
            json_obj_end(j);
        } else {
            char when[20];
            fmt_datetime(sqlite3_column_int64(st, 0), when);
            buf_printf(b, "  %s  %-10s %-14s %s\n", when, actor, action, detail ? detail : "");
        }
    }
    sqlite3_reset(st);
    if (c->json)
        json_arr_end(j);
}

static void show_attachments_json(struct cli *c, struct json *j, int64_t id)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT idx, filename, content_type, size, sha256 FROM "
                                  "attachments WHERE entry_id = ? ORDER BY idx",
                                  NULL);
    json_key(j, "attachments");
    json_arr_begin(j);
    if (st) {
        sqlite3_bind_int64(st, 1, id);
        while (sqlite3_step(st) == SQLITE_ROW) {
            json_obj_begin(j);
            json_kv_int(j, "index", sqlite3_column_int(st, 0));
            fname_json(j, (const char *)sqlite3_column_text(st, 1));
            json_kv_str(j, "content_type", (const char *)sqlite3_column_text(st, 2));
            json_kv_int(j, "size", sqlite3_column_int64(st, 3));
            json_kv_str(j, "sha256", (const char *)sqlite3_column_text(st, 4));  /* NULL before 006 */
            json_obj_end(j);
        }
        sqlite3_reset(st);
    }
    json_arr_end(j);
}

static void show_text(struct buf *b, const struct entry *e)
{
    char recv[20], sent[20] = "-";
    fmt_datetime(e->received_at, recv);
    if (e->sent_at)
        fmt_datetime(e->sent_at, sent);
    buf_printf(b, "Number / رقم الترتيب:   %s\n", e->number);
    buf_printf(b, "Received / تاريخ الورود: %s (sent %s)\n", recv, sent);
    buf_printf(b, "From / المرسل:          %s%s%s%s%s\n", e->sender_name ? e->sender_name : "",
               e->sender_addr ? " <" : "", e->sender_addr ? e->sender_addr : "",
               e->sender_addr ? ">" : "",
               e->internal ? "  (internal: a department of the commune / مراسلة داخلية)" : "");
    buf_printf(b, "To:                     %s\n", e->recipients ? e->recipients : "");
    buf_printf(b, "Subject / الموضوع:      %s\n", e->subject ? e->subject : "");
    buf_printf(b, "Kind / النوع:           %s\n", e->kind);
    buf_printf(b, "Department / المصلحة:   %s%s\n", e->department,
               e->needs_triage ? "  (needs triage)" : "");
    buf_printf(b, "Status / المآل:         %s%s%s\n", e->status, e->closure_code ? " — " : "",
               e->closure_code ? e->closure_code : "");
    buf_printf(b, "Due / الأجل:            %s\n", e->due_date ? e->due_date : "-");
    if (e->attention)
        buf_printf(b, "Attention / تنبيه:       %s\n", e->attention);
    buf_printf(b, "Message-ID:             %s\n", e->message_id ? e->message_id : "-");
    buf_printf(b, "Source:                 %s\n", e->source ? e->source : "-");
    buf_printf(b, "\n%s\n", e->body ? e->body : "");
}

/* What a letter registered on paper has besides (paper.h), when it is one. */
static void show_paper(struct cli *c, struct buf *b, struct json *j, const struct entry *e)
{
    struct paper_facts f;
    if (paper_get(c->store, e->id, &f, NULL) != 1)
        return;
    if (c->json) {
        json_key(j, "paper");
        json_obj_begin(j);
        json_kv_str(j, "channel", f.channel);
        json_kv_str(j, "postal_address", f.postal_address);
        json_kv_str(j, "letter_date", f.letter_date);
        json_kv_str(j, "letter_ref", f.letter_ref);
        json_kv_str(j, "registered_by", f.registered_by);
        json_obj_end(j);
    } else {
        buf_printf(b, "Paper / رسالة ورقية:   %s, registered by %s\n",
                   strcmp(f.channel, "post") == 0 ? "received by post" : "handed in at the counter",
                   f.registered_by);
        buf_printf(b, "Letter / الرسالة:       dated %s, reference %s\n",
                   f.letter_date ? f.letter_date : "-", f.letter_ref ? f.letter_ref : "-");
        if (f.postal_address) {
            buf_puts(b, "Postal address / العنوان:\n");
            for (const char *p = f.postal_address; *p;) {
                size_t n = strcspn(p, "\n");
                buf_printf(b, "  %.*s\n", (int)n, p);
                p += n + (p[n] == '\n');
            }
        }
        buf_putc(b, '\n');
    }
    paper_facts_free(&f);
}

/* --- follow-ups and replies ------------------------------------------------ */

/* The follow-ups and department replies kept with an entry (followups), as
 * `show` and `attachments` read them: each original parsed again, isolated. */
struct later {
    int64_t raw_id, at;
    const char *from, *subject;  /* the statement's, valid until the next step */
    int citizen;                 /* 1: the entry's sender; 0: a department's reply */
};

static sqlite3_stmt *laters_stmt(struct cli *c, int64_t entry_id)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT raw_id, received_at, from_addr, subject FROM followups "
                                  "WHERE entry_id = ? ORDER BY id",
                                  NULL);
    if (st)
        sqlite3_bind_int64(st, 1, entry_id);
    return st;
}

static void later_from_row(sqlite3_stmt *st, const struct entry *e, struct later *l)
{
    l->raw_id = sqlite3_column_int64(st, 0);
    l->at = sqlite3_column_int64(st, 1);
    l->from = (const char *)sqlite3_column_text(st, 2);
    l->subject = (const char *)sqlite3_column_text(st, 3);
    l->citizen = l->from && e->sender_addr && strcasecmp(l->from, e->sender_addr) == 0;
}

/* Parses original raw_id again into m (msg_init'd here; msg_free it in any
 * case). Returns 0 or -1 with cause. */
static int reparse_raw(struct cli *c, int64_t raw_id, int with_data, struct msg *m, char **cause)
{
    char *raw = NULL;
    size_t len = 0;
    msg_init(m);
    if (store_raw_get(c->store, raw_id, &raw, &len, cause) < 0)
        return -1;
    enum mime_result r = with_data ? mime_parse_isolated_data(raw, len, &c->cfg->limits, m, cause)
                                   : mime_parse_isolated(raw, len, &c->cfg->limits, m, cause);
    free(raw);
    if (r != MIME_OK && cause && !*cause)
        set_cause(cause, "raw #%lld no longer parses", (long long)raw_id);
    return r == MIME_OK ? 0 : -1;
}

static void later_text(struct buf *b, const struct later *l, const struct msg *m,
                       const char *err)
{
    char when[20];
    fmt_datetime(l->at, when);
    buf_printf(b, "\n--- %s, raw #%lld, %s, from %s\n",
               l->citizen ? "follow-up of the citizen / متابعة المواطن"
                          : "reply of the department / جواب المصلحة",
               (long long)l->raw_id, when, l->from ? l->from : "");
    buf_printf(b, "Subject / الموضوع: %s\n", l->subject ? l->subject : "");
    if (err) {
        buf_printf(b, "(text unavailable: %s)\n", err);
        return;
    }
    buf_printf(b, "\n%s\n", m->body ? m->body : "");
    for (size_t i = 0; i < m->n_att; i++) {
        char *name = fname_clean(m->att[i].filename);
        buf_printf(b, "  attachment %zu. %s (%s, %zu bytes) — bureau attachments NUMBER DIR "
                      "--raw %lld\n",
                   i + 1, name ? name : "(no name)",
                   m->att[i].content_type ? m->att[i].content_type : "", m->att[i].size,
                   (long long)l->raw_id);
        free(name);
    }
}

static void later_json(struct json *j, const struct later *l, const struct msg *m,
                       const char *err)
{
    json_obj_begin(j);
    json_kv_int(j, "raw_id", l->raw_id);
    json_kv_str(j, "kind", l->citizen ? "followup" : "department-reply");
    json_kv_str(j, "from", l->from);
    json_kv_str(j, "subject", l->subject);
    json_kv_int(j, "received_at", l->at);
    json_kv_str(j, "body", err ? NULL : m->body);
    json_kv_str(j, "error", err);
    json_key(j, "attachments");
    json_arr_begin(j);
    for (size_t i = 0; !err && i < m->n_att; i++) {
        json_obj_begin(j);
        json_kv_int(j, "index", (int64_t)i + 1);
        fname_json(j, m->att[i].filename);
        json_kv_str(j, "content_type", m->att[i].content_type);
        json_kv_int(j, "size", (int64_t)m->att[i].size);
        json_kv_str(j, "sha256", m->att[i].sha256);
        json_obj_end(j);
    }
    json_arr_end(j);
    json_obj_end(j);
}

/* Every follow-up and reply with its text: a section of the text, or the
 * "followups" array of the JSON. */
static void show_laters(struct cli *c, struct buf *b, struct json *j, const struct entry *e)
{
    sqlite3_stmt *st = laters_stmt(c, e->id);
    if (c->json) {
        json_key(j, "followups");
        json_arr_begin(j);
    }
    int any = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        struct later l;
        struct msg m;
        char *cause = NULL;
        later_from_row(st, e, &l);
        int rc = reparse_raw(c, l.raw_id, 0, &m, &cause);
        if (!c->json && !any++)
            buf_puts(b, "\nFollow-ups and replies / المتابعات والردود:\n");
        if (c->json)
            later_json(j, &l, &m, rc < 0 ? cause : NULL);
        else
            later_text(b, &l, &m, rc < 0 ? cause : NULL);
        msg_free(&m);
        free(cause);
    }
    if (st)
        sqlite3_reset(st);
    if (c->json)
        json_arr_end(j);
}

int cmd_show(struct cli *c)
{
    if (cli_wants_help(c) || c->argc != 2) {
        printf("usage: bureau [--json] show NUMBER\n\nOne entry: headers, text, attachments, "
               "the text of every follow-up and department reply, and its whole history.\nNUMBER is 2026/000123, 2026/123, or 123 for this "
               "year.\n");
        return c->argc != 2 ? EXIT_USAGE_ : 0;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct entry e;
    if (cli_load_entry(c, c->argv[1], &e) < 0)
        return EXIT_FAIL;
    struct buf out;
    buf_init(&out, OUT_MAX);
    struct json j;
    json_init(&j, &out);
    if (c->json) {
        json_obj_begin(&j);
        entry_json(&j, &e);
        show_paper(c, &out, &j, &e);
        show_attachments_json(c, &j, e.id);
        show_laters(c, &out, &j, &e);
        show_events(c, &out, &j, e.id);
        json_obj_end(&j);
        buf_putc(&out, '\n');
    } else {
        show_text(&out, &e);
        show_paper(c, &out, &j, &e);
        show_attachments_text(c, &out, e.id);
        show_laters(c, &out, &j, &e);
        show_events(c, &out, &j, e.id);
    }
    fwrite(out.data, 1, out.len, stdout);
    buf_free(&out);
    entry_free(&e);
    return 0;
}

/* --- export -------------------------------------------------------------- */

/* The date of the departure that answered e (its reply_number), or "". */
static void reply_date(struct store *s, const struct entry *e, char out[11])
{
    out[0] = '\0';
    sqlite3_stmt *st = e->reply_number
                           ? store_stmt(s, "SELECT sent_at FROM departures WHERE number = ?",
                                        NULL)
                           : NULL;
    if (!st)
        return;
    sqlite3_bind_text(st, 1, e->reply_number, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        fmt_date(sqlite3_column_int64(st, 0), out);
    sqlite3_reset(st);
}

static void export_row(struct buf *b, struct store *s, const struct entry *e,
                       const struct rules *r, int ar)
{
    char recv[20], sent[11] = "", natt[16], rdate[11];
    reply_date(s, e, rdate);
    fmt_datetime(e->received_at, recv);
    if (e->sent_at)
        fmt_date(e->sent_at, sent);
    snprintf(natt, sizeof natt, "%d", e->n_attachments);
    char *sender = e->sender_addr ? xasprintf("%s%s<%s>", e->sender_name ? e->sender_name : "",
                                              e->sender_name ? " " : "", e->sender_addr)
                                  : xstrdup(e->sender_name ? e->sender_name : "");
    const char *st = ar ? lifecycle_status_ar(e->status) : lifecycle_status_fr(e->status);
    const char *code = !e->closure_code ? NULL
                       : ar ? lifecycle_code_ar(e->closure_code)
                            : lifecycle_code_fr(e->closure_code);
    char *outcome = xasprintf("%s%s%s", st, code ? " — " : "", code ? code : "");
    struct paper_facts pf;
    int paper = paper_get(s, e->id, &pf, NULL) == 1;
    char *ref = paper ? xstrdup(pf.letter_ref) : letterref_extract(e->body);
    if (paper)
        paper_facts_free(&pf);
    const char *cells[] = {e->number,  recv,          sent,    ref,
                           sender,     e->subject,    natt,    rules_kind_label(r, e->kind, ar),
                           rules_department_label(r, e->department, ar), outcome, e->due_date,
                           e->reply_number, rdate};
    for (size_t i = 0; i < BU_ARRAY_LEN(cells); i++)
        csv_field(b, cells[i], i + 1 == BU_ARRAY_LEN(cells));
    free(sender);
    free(outcome);
    free(ref);
}

int cmd_export(struct cli *c)
{
    const char *from = NULL, *to = NULL, *outpath = NULL, *lang = NULL;
    const struct arg_spec specs[] = {{"--from", 1, &from},       {"--to", 1, &to},
                                     {"-o", 1, &outpath},        {"--output", 1, &outpath},
                                     {"--lang", 1, &lang}};
    const char *pos[1];
    int npos;
    if (cli_wants_help(c)) {
        printf("usage: bureau export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--output FILE]\n"
               "                     [--lang fr|ar]\n\n"
               "The arrival register (سجل الواردات) for the period as CSV, UTF-8 with a BOM\n"
               "so that spreadsheet programs show Arabic. Columns: number, date of arrival,\n"
               "date of the letter (its Date header), its reference (a \"Réf :\" or \"المرجع:\"\n"
               "line at the top of the text; empty when there is none), sender, subject,\n"
               "attachments, kind, service, outcome, due date, the departure number of the\n"
               "reply and its date (bureau departures). Kind, service and outcome are\n"
               "named in French (--lang fr, the default) or Arabic.\n");
        return 0;
    }
    for (int i = 1; i < c->argc; i++)
        if (!strcmp(c->argv[i], "-o"))
            c->argv[i] = "--output";
    if (args_scan("export", c->argc, c->argv, specs, 5, pos, 0, &npos) < 0)
        return EXIT_USAGE_;
    if (lang && strcmp(lang, "fr") && strcmp(lang, "ar")) {
        cli_err(c, "--lang is fr or ar");
        return EXIT_USAGE_;
    }
    int ar = lang && !strcmp(lang, "ar");
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (c->cfg->rules_path && cli_need_rules(c) < 0)
        fprintf(stderr, "bureau export: the rules do not load: kinds and services given by "
                        "their ids\n");
    int64_t tfrom = 0, tto = INT64_MAX;
    if ((from && date_bound(c, from, 0, &tfrom) < 0) || (to && date_bound(c, to, 1, &tto) < 0))
        return EXIT_USAGE_;
    struct buf out;
    buf_init(&out, OUT_MAX);
    buf_puts(&out, "\xEF\xBB\xBF");
    static const char *const head[] = {
        "N° d'ordre / رقم الترتيب", "Date d'arrivée / تاريخ الورود",
        "Date de la lettre / تاريخ الرسالة", "Référence / المرجع", "Expéditeur / المرسل",
        "Objet / الموضوع", "Pièces jointes / المرفقات", "Nature / النوع",
        "Service / المصلحة", "Suite donnée / المآل", "Échéance / الأجل",
        "N° de départ de la réponse / رقم صادر الجواب",
        "Date de la réponse / تاريخ الجواب"};
    for (size_t i = 0; i < BU_ARRAY_LEN(head); i++)
        csv_field(&out, head[i], i + 1 == BU_ARRAY_LEN(head));
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT id FROM entries WHERE received_at >= ? AND "
                                  "received_at < ? ORDER BY year, seq",
                                  NULL);
    if (!st) {
        buf_free(&out);
        return EXIT_FAIL;
    }
    sqlite3_bind_int64(st, 1, tfrom);
    sqlite3_bind_int64(st, 2, tto);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        struct entry e;
        if (store_entry_by_id(c->store, sqlite3_column_int64(st, 0), &e, NULL) == 0) {
            export_row(&out, c->store, &e, c->rules, ar);
            entry_free(&e);
            n++;
        }
    }
    sqlite3_reset(st);
    char *cause = NULL;
    int rc = 0;
    if (outpath) {
        if (file_write_atomic(outpath, out.data, out.len, 0640, &cause) < 0) {
            cli_err(c, "%s", cause);
            rc = EXIT_FAIL;
        } else {
            fprintf(stderr, "%zu entries written to %s\n", n, outpath);
        }
    } else {
        term_raw_stdout();
        fwrite(out.data, 1, out.len, stdout);
    }
    free(cause);
    buf_free(&out);
    return rc;
}

/* --- attachments --------------------------------------------------------- */

static int write_new_file(const char *path, const void *data, size_t n, char **cause)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        set_cause(cause, "%s: %s", path, strerror(errno));
        return -1;
    }
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0) {
            set_cause(cause, "%s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return close(fd);
}

/* The entry's original, parsed again (isolated) with the attachments'
 * bytes: loaded on first need. */
struct reparsed {
    int done;
    enum mime_result r;
    struct msg m;
};

static const struct msg_attachment *att_from_original(struct cli *c, const struct entry *e,
                                                      struct reparsed *rp, int idx,
                                                      char **cause)
{
    if (!rp->done) {
        char *raw = NULL;
        size_t len = 0;
        rp->done = 1;
        msg_init(&rp->m);
        rp->r = MIME_SYSERR;
        if (store_raw_get(c->store, e->raw_id, &raw, &len, cause) == 0)
            rp->r = mime_parse_isolated_data(raw, len, &c->cfg->limits, &rp->m, cause);
        free(raw);
    }
    if (rp->r != MIME_OK)
        return NULL;
    if (idx < 1 || (size_t)idx > rp->m.n_att || !rp->m.att[idx - 1].data) {
        set_cause(cause, "the original has no attachment %d", idx);
        return NULL;
    }
    return &rp->m.att[idx - 1];
}

/* Bytes of attachment idx: kept in the row (registered before migration
 * 006) or cut again from the original, which must give the registered
 * size and digest. */
static int attachment_bytes(struct cli *c, const struct entry *e, sqlite3_stmt *st,
                            struct reparsed *rp, const void **data, size_t *n, char **cause)
{
    int idx = sqlite3_column_int(st, 0);
    size_t size = (size_t)sqlite3_column_int64(st, 3);
    const char *sha = (const char *)sqlite3_column_text(st, 4);
    if ((size_t)sqlite3_column_bytes(st, 2) == size) {
        *data = sqlite3_column_blob(st, 2);
        *n = size;
        return 0;
    }
    const struct msg_attachment *a = att_from_original(c, e, rp, idx, cause);
    if (!a)
        return -1;
    if (a->size != size || (sha && strcmp(sha, a->sha256) != 0)) {
        set_cause(cause, "attachment %d: the original no longer decodes to the registered "
                         "bytes (%zu bytes, sha256 %s; now %zu bytes, sha256 %s); the original "
                         "itself is intact in the register",
                  idx, size, sha ? sha : "-", a->size, a->sha256);
        return -1;
    }
    *data = a->data;
    *n = a->size;
    return 0;
}

/* Saves the attachments of follow-up or reply raw_id into dir, named
 * rRAW-NN-name. Returns the number saved, -1 after reporting a failure. */
static int save_later_attachments(struct cli *c, int64_t raw_id, const char *dir)
{
    struct msg m;
    char *cause = NULL;
    int n = 0;
    if (reparse_raw(c, raw_id, 1, &m, &cause) < 0) {
        cli_err(c, "raw #%lld: %s", (long long)raw_id, cause);
        n = -1;
    }
    for (size_t i = 0; n >= 0 && i < m.n_att; i++) {
        char *name = fname_safe_file((int)i + 1, m.att[i].filename);
        char *path = xasprintf("%s/r%lld-%s", dir, (long long)raw_id, name);
        if (write_new_file(path, m.att[i].data, m.att[i].size, &cause) < 0) {
            cli_err(c, "%s", cause);
            n = -1;
        } else {
            printf("%s\n", path);
            n++;
        }
        free(path);
        free(name);
    }
    msg_free(&m);
    free(cause);
    return n;
}

/* The entry's own attachments into dir; the number saved, or -1. */
static int save_entry_attachments(struct cli *c, const struct entry *e, const char *dir)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT idx, filename, bytes, size, sha256 FROM attachments "
                                  "WHERE entry_id = ? ORDER BY idx",
                                  NULL);
    struct reparsed rp = {0};
    char *cause = NULL;
    int n = 0, failed = 0;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, e->id);
    while (sqlite3_step(st) == SQLITE_ROW) {
        const void *data = NULL;
        size_t len = 0;
        if (attachment_bytes(c, e, st, &rp, &data, &len, &cause) < 0) {
            cli_err(c, "%s: %s", e->number, cause);
            failed = 1;
            continue;
        }
        char *name = fname_safe_file(sqlite3_column_int(st, 0),
                                     (const char *)sqlite3_column_text(st, 1));
        char *path = xasprintf("%s/%s", dir, name);
        if (write_new_file(path, data, len, &cause) < 0) {
            cli_err(c, "%s", cause);
            failed = 1;
        } else {
            printf("%s\n", path);
            n++;
        }
        free(path);
        free(name);
    }
    sqlite3_reset(st);
    if (rp.done)
        msg_free(&rp.m);
    free(cause);
    return failed ? -1 : n;
}

/* 1 if raw_id is one of the entry's follow-ups or replies. */
int cli_is_followup(struct cli *c, const struct entry *e, int64_t raw_id)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT 1 FROM followups WHERE entry_id = ? AND raw_id = ?", NULL);
    int found = 0;
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, raw_id);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

/* Which originals' attachments to save: the entry's (raw_only 0, all 0),
 * one follow-up's (raw_only), or the entry's and every follow-up's (all). */
static int save_attachments(struct cli *c, const struct entry *e, const char *dir, int all,
                            int64_t raw_only, int *saved)
{
    int failed = 0, k;
    *saved = 0;
    if (!raw_only || raw_only == e->raw_id) {
        if ((k = save_entry_attachments(c, e, dir)) < 0)
            failed = 1;
        else
            *saved += k;
        if (!all)
            return failed ? -1 : 0;
    }
    sqlite3_stmt *st = laters_stmt(c, e->id);
    int64_t raws[256];
    size_t nr = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW && nr < BU_ARRAY_LEN(raws)) {
        int64_t r = sqlite3_column_int64(st, 0);
        if (all || r == raw_only)
            raws[nr++] = r;
    }
    if (st)
        sqlite3_reset(st);
    for (size_t i = 0; i < nr; i++) {
        if ((k = save_later_attachments(c, raws[i], dir)) < 0)
            failed = 1;
        else
            *saved += k;
    }
    return failed ? -1 : 0;
}

int cmd_attachments(struct cli *c)
{
    const char *all = NULL, *raw = NULL;
    const struct arg_spec specs[] = {{"--all", 0, &all}, {"--raw", 1, &raw}};
    const char *pos[2];
    int npos = 0;
    if (cli_wants_help(c)) {
        printf("usage: bureau attachments NUMBER DIR [--all | --raw ID]\n\nSaves the entry's "
               "attachments into DIR (created if missing) under safe names\n(NN-name); existing "
               "files are never overwritten. --raw ID saves those of one\nfollow-up or "
               "department reply (raw #ID in `bureau show`) as rID-NN-name;\n--all saves the "
               "entry's and those of every follow-up and reply.\n");
        return 0;
    }
    if (args_scan("attachments", c->argc, c->argv, specs, 2, pos, 2, &npos) < 0 || npos != 2) {
        if (npos != 2)
            cli_err(c, "usage: bureau attachments NUMBER DIR [--all | --raw ID]");
        return EXIT_USAGE_;
    }
    uint64_t rv = 0;
    if (raw && (parse_u64(raw, &rv) < 0 || rv == 0 || rv > INT64_MAX)) {
        cli_err(c, "--raw %s: expected the number of a follow-up (raw #N in bureau show)", raw);
        return EXIT_USAGE_;
    }
    int64_t raw_only = (int64_t)rv;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct entry e;
    if (cli_load_entry(c, pos[0], &e) < 0)
        return EXIT_FAIL;
    int rc = 0, n = 0;
    const char *dir = pos[1];
    if (raw_only && raw_only != e.raw_id && !cli_is_followup(c, &e, raw_only)) {
        cli_err(c, "raw #%lld is neither %s nor one of its follow-ups or replies",
                (long long)raw_only, e.number);
        rc = EXIT_FAIL;
    } else if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
        cli_err(c, "%s: %s", dir, strerror(errno));
        rc = EXIT_FAIL;
    } else {
        if (save_attachments(c, &e, dir, all != NULL, raw_only, &n) < 0)
            rc = EXIT_FAIL;
        fprintf(stderr, "%d attachment(s) of %s saved in %s\n", n, e.number, dir);
    }
    entry_free(&e);
    return rc;
}

int cli_entry_attachment(struct cli *c, const struct entry *e, int idx, char **name,
                         char **ctype, char **data, size_t *n, char **cause)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT idx, filename, bytes, size, sha256, content_type "
                                  "FROM attachments WHERE entry_id = ? AND idx = ?",
                                  cause);
    struct reparsed rp = {0};
    int rc = 1;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int(st, 2, idx);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const void *p = NULL;
        size_t len = 0;
        rc = attachment_bytes(c, e, st, &rp, &p, &len, cause);
        if (rc == 0) {
            *data = xmalloc(len ? len : 1);
            memcpy(*data, p, len);
            *n = len;
            *name = fname_safe_file(idx, (const char *)sqlite3_column_text(st, 1));
            *ctype = xstrdup((const char *)sqlite3_column_text(st, 5));
        }
    }
    sqlite3_reset(st);
    if (rp.done)
        msg_free(&rp.m);
    return rc;
}
