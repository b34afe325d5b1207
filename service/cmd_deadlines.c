/* cmd_deadlines.c — bureau due, overdue, extend and stats: the legal
 * deadlines of open items and the figures of décret 2-17-265.
 *
 * Dates are local calendar dates handled as day numbers; an item is open
 * while its status is not answered, closed, rejected or transferred. The
 * time an item was answered is the first status event whose new status is
 * answered or closed (events.action = 'status', detail "OLD -> NEW..."),
 * or the date of the departure that answered it (departure_arrivals). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/csv.h"
#include "bureau/json.h"
#include "bureau/lifecycle.h"
#include "bureau/pipeline.h"
#include "bureau/term.h"
#include "bureau/track.h"
#include "bureau/util.h"

#define DL_MAX_WITHIN 3660          /* days accepted by --within */
#define DL_MAX_LIST 100000          /* rows printed by due / overdue */
#define DL_MAX_STATS_ROWS 2000000   /* entries aggregated by stats */
#define DL_MAX_KEYS 500             /* distinct kinds/departments/... kept */
#define DL_MAX_REASON 2000          /* bytes of an extension reason */
#define DL_SUBJECT_WIDTH 50         /* display columns of a subject in tables */
#define DL_OUT_MAX (512u * 1024 * 1024)

static const char *const closed_statuses[] = {"answered", "closed", "rejected", "transferred"};
#define OPEN_SQL "status NOT IN ('answered', 'closed', 'rejected', 'transferred')"

/* --- dates ---------------------------------------------------------------- */

/* Epoch of local midnight starting that day. */
static int64_t day_start(int64_t day)
{
    struct tm tm = {0};
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static int today_opt(struct cli *c, const char *opt, int64_t *today)
{
    if (!opt) {
        *today = calendar_local_day(now_epoch());
        return 0;
    }
    if (calendar_parse_day(opt, today) < 0) {
        cli_err(c, "--today wants a date YYYY-MM-DD, not %s", opt);
        return -1;
    }
    return 0;
}

/* --- text tables, aligned by display width -------------------------------- */

/* Display columns of valid UTF-8 s; control characters count as one (they
 * are printed as spaces). */
static size_t text_width(const char *s)
{
    size_t w = 0, n = strlen(s);
    utf8proc_ssize_t off = 0;
    while ((size_t)off < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + off,
                                              (utf8proc_ssize_t)(n - off), &cp);
        if (k <= 0) {
            k = 1;
            cp = '?';
        }
        int cw = cp < 0x20 || cp == 0x7f ? 1 : utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        off += k;
    }
    return w;
}

/* Copy of s safe for a terminal (valid UTF-8, control and bidi-override
 * characters turned into spaces), cut to max display columns with "…". */
static char *cell_text(const char *s, size_t max)
{
    size_t n = s ? strlen(s) : 0, w = 0;
    char *clean = utf8_sanitize(s ? s : "", n, &n);
    struct buf b;
    buf_init(&b, n + 8);
    utf8proc_ssize_t off = 0;
    while ((size_t)off < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)clean + off,
                                              (utf8proc_ssize_t)(n - off), &cp);
        if (k <= 0)
            break;
        int bad = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
                  (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
        int cw = bad ? 1 : utf8proc_charwidth(cp);
        if (cw < 0)
            cw = 0;
        if (max && w + (size_t)cw > max - 1 && (size_t)(off + k) < n) {
            buf_puts(&b, "…");
            break;
        }
        if (bad)
            buf_putc(&b, ' ');
        else
            buf_append(&b, clean + off, (size_t)k);
        w += (size_t)cw;
        off += k;
    }
    free(clean);
    return buf_steal(&b);
}

struct table {
    size_t ncols, nrows, cap;
    char **cells;            /* nrows * ncols, owned */
    const char *right;       /* per column: 'r' right-aligned, else left */
};

static void table_init(struct table *t, size_t ncols, const char *right)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->right = right;
}

/* Adds a row of ncols strings (copied, made terminal-safe). */
static void table_row(struct table *t, const char *const *cols, size_t maxw)
{
    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = xrealloc(t->cells, t->cap * t->ncols * sizeof *t->cells);
    }
    for (size_t i = 0; i < t->ncols; i++)
        t->cells[t->nrows * t->ncols + i] = cell_text(cols[i], maxw);
    t->nrows++;
}

static void table_print(const struct table *t, FILE *out, const char *indent)
{
    size_t *w = xcalloc(t->ncols, sizeof *w);
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < t->ncols; i++) {
            size_t cw = text_width(t->cells[r * t->ncols + i]);
            if (cw > w[i])
                w[i] = cw;
        }
    for (size_t r = 0; r < t->nrows; r++) {
        fputs(indent, out);
        for (size_t i = 0; i < t->ncols; i++) {
            const char *s = t->cells[r * t->ncols + i];
            size_t pad = w[i] - text_width(s);
            int last = i + 1 == t->ncols;
            if (t->right && t->right[i] == 'r')
                fprintf(out, "%*s%s", (int)pad, "", s);
            else
                fprintf(out, "%s%*s", s, last ? 0 : (int)pad, "");
            fputs(last ? "\n" : "  ", out);
        }
    }
    free(w);
}

static void table_free(struct table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

static void emit_buf(struct buf *b)
{
    fwrite(b->data, 1, b->len, stdout);
    if (b->len && b->data[b->len - 1] != '\n')
        fputc('\n', stdout);
}

/* --- due / overdue --------------------------------------------------------- */

static const char *const due_sql =
    "SELECT number, due_date, kind, department, status, urgent, subject, sender_addr, "
    "received_at FROM entries WHERE due_date IS NOT NULL AND " OPEN_SQL
    " AND due_date >= ?1 AND due_date <= ?2 AND (?3 IS NULL OR department = ?3) "
    "ORDER BY due_date, year, seq";

static const char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return s ? (const char *)s : "";
}

static void due_json_row(struct json *j, sqlite3_stmt *st, int64_t today, int overdue)
{
    int64_t day;
    json_obj_begin(j);
    json_kv_str(j, "number", col_text(st, 0));
    json_kv_str(j, "due_date", col_text(st, 1));
    json_key(j, "days_left");
    if (calendar_parse_day(col_text(st, 1), &day) == 0)
        json_int(j, day - today);
    else
        json_null(j);
    if (overdue) {
        json_key(j, "days_overdue");
        if (calendar_parse_day(col_text(st, 1), &day) == 0)
            json_int(j, today - day);
        else
            json_null(j);
    }
    json_kv_str(j, "kind", col_text(st, 2));
    json_kv_str(j, "department", col_text(st, 3));
    json_kv_str(j, "status", col_text(st, 4));
    json_kv_bool(j, "urgent", sqlite3_column_int(st, 5));
    json_kv_str(j, "subject", col_text(st, 6));
    json_kv_str(j, "sender_addr", col_text(st, 7));
    json_kv_int(j, "received_at", sqlite3_column_int64(st, 8));
    json_obj_end(j);
}

static void due_table_row(struct table *t, sqlite3_stmt *st, int64_t today, int overdue)
{
    int64_t day;
    char left[32] = "?", rec[11];
    if (calendar_parse_day(col_text(st, 1), &day) == 0)
        snprintf(left, sizeof left, "%lld", (long long)(overdue ? today - day : day - today));
    fmt_date(sqlite3_column_int64(st, 8), rec);
    const char *cols[] = {col_text(st, 0), rec, col_text(st, 1), left,
                          col_text(st, 2), col_text(st, 3), col_text(st, 4),
                          sqlite3_column_int(st, 5) ? "urgent" : "", col_text(st, 6)};
    table_row(t, cols, DL_SUBJECT_WIDTH);
}

/* Lists open items with lo <= due_date <= hi. */
static int list_due(struct cli *c, const char *lo, const char *hi, const char *dept,
                    int64_t today, int overdue, int json, const char *what)
{
    char *cause = NULL;
    sqlite3_stmt *st = store_stmt(c->store, due_sql, &cause);
    if (!st) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    sqlite3_bind_text(st, 1, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hi, -1, SQLITE_TRANSIENT);
    if (dept)
        sqlite3_bind_text(st, 3, dept, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 3);
    struct buf out;
    struct json j;
    struct table t;
    buf_init(&out, DL_OUT_MAX);
    json_init(&j, &out);
    json_arr_begin(&j);
    table_init(&t, 9, "...r.....");
    const char *head[] = {"NUMBER", "RECEIVED", "DUE", overdue ? "LATE" : "LEFT", "KIND",
                          "DEPARTMENT", "STATUS", "", "SUBJECT"};
    table_row(&t, head, 0);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < DL_MAX_LIST) {
        if (json)
            due_json_row(&j, st, today, overdue);
        else
            due_table_row(&t, st, today, overdue);
        n++;
    }
    int failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    if (failed)
        cli_err(c, "%s", sqlite3_errmsg(store_db(c->store)));
    sqlite3_reset(st);
    json_arr_end(&j);
    if (failed) {
    } else if (json) {
        emit_buf(&out);
    } else {
        if (n)
            table_print(&t, stdout, "");
        printf("%zu %s%s\n", n, what, n >= DL_MAX_LIST ? " (list cut)" : "");
    }
    table_free(&t);
    buf_free(&out);
    return failed ? EXIT_FAIL : EXIT_OK;
}

/* "7", "7d", "2w" -> days */
static int parse_within(const char *s, int *days)
{
    uint64_t v = 0;
    size_t i = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (uint64_t)(s[i] - '0');
        if (v > DL_MAX_WITHIN)
            return -1;
    }
    if (i == 0)
        return -1;
    if (s[i] == 'w' && !s[i + 1])
        v *= 7;
    else if (!((s[i] == 'd' && !s[i + 1]) || !s[i]))
        return -1;
    if (v > DL_MAX_WITHIN)
        return -1;
    *days = (int)v;
    return 0;
}

static const char due_usage[] =
    "usage: bureau due [--within 7d] [--department D] [--today YYYY-MM-DD] [--json]\n"
    "Open items whose legal deadline falls from today to today + N days, soonest\n"
    "first, with the days left. --within takes N, Nd or Nw (default: [reminders]\n"
    "due_soon_days, 7). Open = not answered, closed, rejected or transferred.\n";

int cmd_due(struct cli *c)
{
    const char *within = NULL, *dept = NULL, *today_s = NULL, *json = NULL;
    const struct arg_spec specs[] = {{"--within", 1, &within}, {"--department", 1, &dept},
                                     {"--today", 1, &today_s}, {"--json", 0, &json}};
    int npos, days = 7;
    int64_t today;
    char lo[11], hi[11];
    if (cli_wants_help(c)) {
        fputs(due_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("due", c->argc, c->argv, specs, (int)BU_ARRAY_LEN(specs), NULL, 0, &npos) < 0)
        return EXIT_USAGE_;
    if (within && parse_within(within, &days) < 0) {
        cli_err(c, "--within wants a number of days (7, 7d, 2w; at most %d), not %s",
                DL_MAX_WITHIN, within);
        return EXIT_USAGE_;
    }
    if (today_opt(c, today_s, &today) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (cli_check_department(c, "--department", dept) < 0)
        return EXIT_USAGE_;
    if (!within && c->cfg->due_soon_days > 0 && c->cfg->due_soon_days <= DL_MAX_WITHIN)
        days = (int)c->cfg->due_soon_days;
    calendar_fmt_day(today, lo);
    calendar_fmt_day(today + days, hi);
    char *what = xasprintf("open item(s) due from %s to %s", lo, hi);
    int rc = list_due(c, lo, hi, dept, today, 0, c->json || json, what);
    free(what);
    return rc;
}

static const char overdue_usage[] =
    "usage: bureau overdue [--department D] [--today YYYY-MM-DD] [--json]\n"
    "Open items whose legal deadline has passed (due date before today), oldest\n"
    "first, with the days of delay.\n";

int cmd_overdue(struct cli *c)
{
    const char *dept = NULL, *today_s = NULL, *json = NULL;
    const struct arg_spec specs[] = {
        {"--department", 1, &dept}, {"--today", 1, &today_s}, {"--json", 0, &json}};
    int npos;
    int64_t today;
    char hi[11];
    if (cli_wants_help(c)) {
        fputs(overdue_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("overdue", c->argc, c->argv, specs, (int)BU_ARRAY_LEN(specs), NULL, 0,
                  &npos) < 0)
        return EXIT_USAGE_;
    if (today_opt(c, today_s, &today) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (cli_check_department(c, "--department", dept) < 0)
        return EXIT_USAGE_;
    calendar_fmt_day(today - 1, hi);
    return list_due(c, "0000-00-00", hi, dept, today, 1, c->json || json, "overdue open item(s)");
}

/* --- extend ---------------------------------------------------------------- */

static int is_closed_status(const char *s)
{
    for (size_t i = 0; i < BU_ARRAY_LEN(closed_statuses); i++)
        if (!strcmp(s, closed_statuses[i]))
            return 1;
    return 0;
}

/* Why entry e (of kind k) cannot be extended, or NULL when it can. */
static const char *extend_refusal(const struct entry *e, const struct kind *k)
{
    if (!k)
        return "its kind is not defined in the rules";
    if (k->extension <= 0 || k->unit == DL_NONE)
        return "only information requests (loi 31-13) can be extended";
    if (e->urgent && k->urgent_unit != DL_NONE)
        return "an urgent request's deadline cannot be extended";
    if (is_closed_status(e->status))
        return "it is no longer open";
    return NULL;
}

static int extend_reason_ok(struct cli *c, const char *reason)
{
    size_t n = reason ? strlen(reason) : 0;
    const char *p = reason;
    while (p && (*p == ' ' || *p == '\t'))
        p++;
    if (!reason || !*p) {
        cli_err(c, "--reason TEXT is required");
        return -1;
    }
    if (n > DL_MAX_REASON || !utf8_valid(reason, n) || str_has_ctl(reason, 0)) {
        cli_err(c, "--reason must be one line of valid UTF-8, at most %d bytes",
                DL_MAX_REASON);
        return -1;
    }
    return 0;
}

/* The notice of an extension goes out as a status mail (template "status")
 * with no status change (old_status == status), the new deadline in
 * due_date and the reasons in the note. */
static int extend_notice(struct cli *c, int64_t id, const char *due, const char *reason,
                         char **cause)
{
    struct entry upd;
    if (store_entry_by_id(c->store, id, &upd, cause) < 0)
        return -1;
    char *note = xasprintf("Délai de réponse prolongé une fois (loi 31-13) jusqu'au %s. "
                           "Motif : %s\n"
                           "تم تمديد أجل الرد مرة واحدة (القانون 31.13) إلى غاية %s. "
                           "السبب: %s",
                           due, reason, due, reason);
    int rc = notify_tx_notice(c->store, &c->notify, &upd, "Prorogation du délai de réponse",
                              "تمديد أجل الرد", note, cause);
    free(note);
    entry_free(&upd);
    return rc;
}

/* Inside the transaction: new due date, the 'extended' event (detail: the
 * reason), and the notice to the requester when templates are loaded. */
static int extend_tx(struct cli *c, const struct entry *e, const char *due, const char *reason,
                     char **cause)
{
    char *detail = xasprintf("%s -> %s (extension)", e->due_date ? e->due_date : "none", due);
    int rc = store_tx_entry_set(c->store, e->id, "due_date", due, c->actor, detail, cause);
    free(detail);
    if (rc == 0)
        rc = store_event(c->store, e->id, c->actor, "extended", reason, cause);
    if (rc == 0 && c->notify.tmpl)
        rc = extend_notice(c, e->id, due, reason, cause);
    return rc;
}

int cli_extend_entry(struct cli *c, const struct entry *e, const char *reason, char due[11],
                     char **why)
{
    char *cause = NULL;
    const struct kind *k = rules_kind(c->rules, e->kind);
    const char *no = extend_refusal(e, k);
    int done = no ? 0 : store_entry_has_event(c->store, e->id, "extended", &cause);
    if (done != 0)
        no = done > 0 ? "its deadline was already extended once" : cause;
    if (!no && calendar_due(c->cal, k, e->urgent, 1, e->received_at, due) < 0)
        no = "no deadline can be computed for its kind";
    if (no) {
        *why = xasprintf("%s cannot be extended: %s", e->number, no);
        free(cause);
        return done < 0 ? -1 : 1;
    }
    if (store_begin(c->store, &cause) < 0 || extend_tx(c, e, due, reason, &cause) < 0 ||
        store_commit(c->store, &cause) < 0) {
        store_rollback(c->store);
        *why = cause ? cause : xstrdup("database error");
        return -1;
    }
    return 0;
}

static int extend_entry(struct cli *c, const char *ref, const char *reason)
{
    struct entry e;
    char *cause = NULL, due[11];
    int rc = EXIT_FAIL;
    if (store_entry_get(c->store, ref, &e, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    if (cli_extend_entry(c, &e, reason, due, &cause) != 0) {
        cli_err(c, "%s", cause);
        goto out;
    }
    if (c->json) {
        struct buf out;
        struct json j;
        buf_init(&out, 4096);
        json_init(&j, &out);
        json_obj_begin(&j);
        json_kv_str(&j, "number", e.number);
        json_kv_str(&j, "old_due_date", e.due_date);
        json_kv_str(&j, "due_date", due);
        json_kv_bool(&j, "notice_queued", c->notify.tmpl != NULL);
        json_obj_end(&j);
        emit_buf(&out);
        buf_free(&out);
    } else
        printf("extended %s: due %s -> %s%s\n", e.number, e.due_date ? e.due_date : "none",
               due, c->notify.tmpl ? "" : " (no notice queued: templates not loaded)");
    rc = EXIT_OK;
out:
    free(cause);
    entry_free(&e);
    return rc;
}

static const char extend_usage[] =
    "usage: bureau extend NUMBER --reason TEXT\n"
    "Extend an open information request's deadline once (loi 31-13: 20 more\n"
    "working days), record the reason in its history and queue the notice to the\n"
    "requester. Urgent requests and other kinds cannot be extended.\n";

int cmd_extend(struct cli *c)
{
    const char *reason = NULL, *pos[1];
    const struct arg_spec specs[] = {{"--reason", 1, &reason}};
    int npos;
    if (cli_wants_help(c)) {
        fputs(extend_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("extend", c->argc, c->argv, specs, 1, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    if (npos != 1) {
        cli_err(c, "which entry? usage: bureau extend NUMBER --reason TEXT");
        return EXIT_USAGE_;
    }
    if (extend_reason_ok(c, reason) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0 ||
        cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    return extend_entry(c, pos[0], reason);
}

/* --- stats ------------------------------------------------------------------ */

struct counter {
    char **keys;
    long *n;
    size_t len;
};

static void counter_add(struct counter *c, const char *key, long inc)
{
    if (!key || !*key)
        key = "(none)";
    for (size_t i = 0; i < c->len; i++)
        if (!strcmp(c->keys[i], key)) {
            c->n[i] += inc;
            return;
        }
    if (c->len >= DL_MAX_KEYS && strcmp(key, "(other)")) {
        counter_add(c, "(other)", inc);
        return;
    }
    c->keys = xrealloc(c->keys, (c->len + 1) * sizeof *c->keys);
    c->n = xrealloc(c->n, (c->len + 1) * sizeof *c->n);
    c->keys[c->len] = xstrdup(key);
    c->n[c->len++] = inc;
}

static long counter_get(const struct counter *c, const char *key)
{
    for (size_t i = 0; i < c->len; i++)
        if (!strcmp(c->keys[i], key))
            return c->n[i];
    return 0;
}

static void counter_free(struct counter *c)
{
    for (size_t i = 0; i < c->len; i++)
        free(c->keys[i]);
    free(c->keys);
    free(c->n);
    memset(c, 0, sizeof *c);
}

/* Sorts by count, largest first, then by key. */
static void counter_sort(struct counter *c)
{
    for (size_t i = 1; i < c->len; i++)
        for (size_t k = i; k > 0; k--) {
            int before = c->n[k] > c->n[k - 1] ||
                         (c->n[k] == c->n[k - 1] && strcmp(c->keys[k], c->keys[k - 1]) < 0);
            if (!before)
                break;
            char *tk = c->keys[k];
            long tn = c->n[k];
            c->keys[k] = c->keys[k - 1];
            c->n[k] = c->n[k - 1];
            c->keys[k - 1] = tk;
            c->n[k - 1] = tn;
        }
}

enum outcome { OUT_TOTAL, OUT_ANSWERED, OUT_REJECTED, OUT_TRANSFERRED, OUT_PENDING, OUT_N };
static const char *const outcome_ids[OUT_N] = {"total", "answered", "rejected", "transferred",
                                               "pending"};
static const char *const outcome_fr[OUT_N] = {"Total", "Répondues", "Rejetées", "Transférées",
                                              "En cours"};
static const char *const outcome_ar[OUT_N] = {"المجموع", "تم الرد", "مرفوضة", "محالة",
                                              "قيد المعالجة"};

struct stats {
    int64_t today;
    long entries;
    struct counter kind, dept, status;
    long answered, answered_undated, on_time, late, pending_overdue, reopened;
    long reopened_citizen;            /* re-opened by the citizen (tracking page) */
    long satisfied, not_satisfied;    /* the citizens' answers on the tracking page */
    long not_receivable;              /* closed as not-receivable: counted apart */
    int64_t *delays;
    size_t n_delays;
    struct counter complaints[OUT_N]; /* per outcome, keyed by department */
    struct counter codes;             /* rejected complaints by closure code */
};

/* One entry of the period, with what its status events tell. */
struct stat_entry {
    int64_t id, received_at, answered_at;
    int reopened;
    int citizen_reopened;
    int opinion;   /* 0 none, 1 satisfied, 2 not satisfied */
    char *kind, *dept, *status, *code, *due;
};

static void stat_entries_free(struct stat_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].kind);
        free(v[i].dept);
        free(v[i].status);
        free(v[i].code);
        free(v[i].due);
    }
    free(v);
}

static int is_answer_status(const char *s)
{
    return !strcmp(s, "answered") || !strcmp(s, "closed");
}

/* Splits "OLD -> NEW[ anything]" into two status words. */
static int parse_transition(const char *d, char old[32], char nw[32])
{
    const char *arrow = d ? strstr(d, "->") : NULL;
    if (!arrow)
        return -1;
    const char *a = d, *b = arrow;
    while (*a == ' ')
        a++;
    while (b > a && b[-1] == ' ')
        b--;
    if (b == a || (size_t)(b - a) >= 32)
        return -1;
    memcpy(old, a, (size_t)(b - a));
    old[b - a] = '\0';
    a = arrow + 2;
    while (*a == ' ')
        a++;
    size_t n = 0;
    while (n < 31 && ((a[n] >= 'a' && a[n] <= 'z') || a[n] == '-' || a[n] == '_'))
        n++;
    if (!n)
        return -1;
    memcpy(nw, a, n);
    nw[n] = '\0';
    return 0;
}

static struct stat_entry *find_entry(struct stat_entry *v, size_t n, int64_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].id == id)
            return &v[mid];
        if (v[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int load_entries(struct store *s, int64_t t0, int64_t t1, struct stat_entry **out,
                        size_t *n, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT id, received_at, kind, department, status, "
                                  "closure_code, due_date FROM entries "
                                  "WHERE received_at >= ?1 AND received_at < ?2 ORDER BY id",
                                  cause);
    size_t cap = 0;
    int rc;
    *out = NULL;
    *n = 0;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < DL_MAX_STATS_ROWS) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        struct stat_entry *e = &(*out)[(*n)++];
        memset(e, 0, sizeof *e);
        e->id = sqlite3_column_int64(st, 0);
        e->received_at = sqlite3_column_int64(st, 1);
        e->kind = xstrdup(col_text(st, 2));
        e->dept = xstrdup(col_text(st, 3));
        e->status = xstrdup(col_text(st, 4));
        e->code = xstrdup(col_text(st, 5));
        e->due = xstrdup(col_text(st, 6));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

static int load_status_events(struct store *s, int64_t t0, int64_t t1, struct stat_entry *v,
                              size_t n, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT v.entry_id, v.at, v.detail FROM events v JOIN entries e ON e.id = v.entry_id "
        "WHERE v.action = 'status' AND e.received_at >= ?1 AND e.received_at < ?2 "
        "ORDER BY v.entry_id, v.at, v.id",
        cause);
    int rc;
    char old[32], nw[32];
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct stat_entry *e = find_entry(v, n, sqlite3_column_int64(st, 0));
        if (!e || parse_transition(col_text(st, 2), old, nw) < 0)
            continue;
        if (is_answer_status(nw) && !e->answered_at)
            e->answered_at = sqlite3_column_int64(st, 1);
        if (is_closed_status(old) && !is_closed_status(nw))
            e->reopened = 1;
    }
    if (rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

/* What the citizens did on the tracking page (track.h): re-opened, and
 * satisfied or not (the first answer counts). */
static int load_citizen_events(struct store *s, int64_t t0, int64_t t1, struct stat_entry *v,
                               size_t n, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT v.entry_id, v.action, v.detail FROM events v JOIN entries e ON e.id = "
        "v.entry_id WHERE v.action IN ('" TRACK_REOPEN_EVENT "', '" TRACK_SATISFACTION_EVENT
        "') AND v.actor = '" TRACK_CITIZEN "' AND e.received_at >= ?1 AND e.received_at < ?2 "
        "ORDER BY v.entry_id, v.id",
        cause);
    int rc;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct stat_entry *e = find_entry(v, n, sqlite3_column_int64(st, 0));
        if (!e)
            continue;
        if (!strcmp(col_text(st, 1), TRACK_REOPEN_EVENT))
            e->citizen_reopened = 1;
        else if (!e->opinion)
            e->opinion = !strcmp(col_text(st, 2), "satisfied") ? 1 : 2;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

/* An entry answered by a departure (sql/012) was answered on the
 * departure's date, whatever status its closure code gave it. */
static int load_departure_dates(struct store *s, int64_t t0, int64_t t1, struct stat_entry *v,
                                size_t n, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT a.entry_id, min(d.sent_at) FROM departure_arrivals a JOIN departures d ON "
        "d.id = a.departure_id JOIN entries e ON e.id = a.entry_id WHERE e.received_at >= ?1 "
        "AND e.received_at < ?2 GROUP BY a.entry_id",
        cause);
    int rc;
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct stat_entry *e = find_entry(v, n, sqlite3_column_int64(st, 0));
        if (e)
            e->answered_at = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

static enum outcome outcome_of(const char *status)
{
    if (is_answer_status(status))
        return OUT_ANSWERED;
    if (!strcmp(status, "rejected"))
        return OUT_REJECTED;
    if (!strcmp(status, "transferred"))
        return OUT_TRANSFERRED;
    return OUT_PENDING;
}

static void add_timeliness(struct stats *S, const struct stat_entry *e)
{
    int64_t due;
    int has_due = calendar_parse_day(e->due, &due) == 0;
    if (e->answered_at) {
        int64_t ans = calendar_local_day(e->answered_at);
        S->answered++;
        S->delays[S->n_delays++] = ans - calendar_local_day(e->received_at);
        if (has_due && ans <= due)
            S->on_time++;
        else if (has_due)
            S->late++;
    } else if (is_answer_status(e->status)) {
        S->answered++;
        S->answered_undated++;
    } else if (!is_closed_status(e->status) && has_due && due < S->today) {
        S->pending_overdue++;
    }
}

static void add_entry(struct stats *S, const struct stat_entry *e)
{
    S->entries++;
    counter_add(&S->kind, e->kind, 1);
    counter_add(&S->dept, e->dept, 1);
    counter_add(&S->status, e->status, 1);
    add_timeliness(S, e);
    S->reopened += e->reopened;
    S->reopened_citizen += e->citizen_reopened;
    S->satisfied += e->opinion == 1;
    S->not_satisfied += e->opinion == 2;
    if (strcmp(e->kind, "complaint"))
        return;
    enum outcome o = outcome_of(e->status);
    counter_add(&S->complaints[OUT_TOTAL], e->dept, 1);
    for (int i = OUT_ANSWERED; i < OUT_N; i++)
        counter_add(&S->complaints[i], e->dept, i == (int)o);
    if (o == OUT_REJECTED)
        counter_add(&S->codes, e->code, 1);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int stats_compute(struct store *s, int64_t t0, int64_t t1, struct stats *S, char **cause)
{
    struct stat_entry *v = NULL;
    size_t n = 0;
    if (load_entries(s, t0, t1, &v, &n, cause) < 0 ||
        load_status_events(s, t0, t1, v, n, cause) < 0 ||
        load_departure_dates(s, t0, t1, v, n, cause) < 0 ||
        load_citizen_events(s, t0, t1, v, n, cause) < 0) {
        stat_entries_free(v, n);
        return -1;
    }
    S->delays = xcalloc(n ? n : 1, sizeof *S->delays);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(v[i].status, "closed") && !strcmp(v[i].code, LIFECYCLE_NOT_RECEIVABLE))
            S->not_receivable++;  /* no request: out of every legal figure */
        else
            add_entry(S, &v[i]);
    }
    qsort(S->delays, S->n_delays, sizeof *S->delays, cmp_i64);
    counter_sort(&S->kind);
    counter_sort(&S->dept);
    counter_sort(&S->status);
    counter_sort(&S->complaints[OUT_TOTAL]);
    counter_sort(&S->codes);
    stat_entries_free(v, n);
    return 0;
}

static void stats_free(struct stats *S)
{
    counter_free(&S->kind);
    counter_free(&S->dept);
    counter_free(&S->status);
    for (int i = 0; i < OUT_N; i++)
        counter_free(&S->complaints[i]);
    counter_free(&S->codes);
    free(S->delays);
}

/* -1 when undefined */
static double on_time_share(const struct stats *S)
{
    long d = S->on_time + S->late + S->pending_overdue;
    return d ? (double)S->on_time / (double)d : -1;
}

static double avg_delay(const struct stats *S)
{
    double sum = 0;
    for (size_t i = 0; i < S->n_delays; i++)
        sum += (double)S->delays[i];
    return S->n_delays ? sum / (double)S->n_delays : -1;
}

static double median_delay(const struct stats *S)
{
    size_t n = S->n_delays;
    if (!n)
        return -1;
    if (n % 2)
        return (double)S->delays[n / 2];
    return ((double)S->delays[n / 2 - 1] + (double)S->delays[n / 2]) / 2;
}

/* --- stats labels --------------------------------------------------------- */

/* fr (ar=0) or ar (ar=1) label of a kind ('k'), department ('d'), status
 * ('s') or closure code ('c'); "" when unknown. */
static const char *label(const struct cli *c, int what, const char *id, int ar)
{
    if (what == 's' || what == 'c') {
        const char *l = what == 's' ? (ar ? lifecycle_status_ar(id) : lifecycle_status_fr(id))
                                    : (ar ? lifecycle_code_ar(id) : lifecycle_code_fr(id));
        return l && strcmp(l, id) ? l : "";
    }
    if (!c->rules || (what != 'k' && what != 'd'))
        return "";
    if (what == 'k') {
        const struct kind *k = rules_kind(c->rules, id);
        const char *l = k ? (ar ? k->name_ar : k->name_fr) : NULL;
        return l ? l : "";
    }
    const struct department *d = rules_department(c->rules, id);
    const char *l = d ? (ar ? d->name_ar : d->name_fr) : NULL;
    return l ? l : "";
}

/* --- stats output ------------------------------------------------------------ */

struct period {
    const char *from, *to;   /* as given, or NULL */
    char today[11];
};

static void json_counter(struct json *j, const char *key, const struct counter *c)
{
    json_key(j, key);
    json_obj_begin(j);
    for (size_t i = 0; i < c->len; i++)
        json_kv_int(j, c->keys[i], c->n[i]);
    json_obj_end(j);
}

static void json_num_or_null(struct json *j, const char *key, double v)
{
    json_key(j, key);
    if (v < 0)
        json_null(j);
    else
        json_num(j, v);
}

static void json_labels(struct json *j, const struct cli *c, const char *key, int what,
                        const struct counter *ids)
{
    json_key(j, key);
    json_obj_begin(j);
    for (size_t i = 0; i < ids->len; i++) {
        json_key(j, ids->keys[i]);
        json_obj_begin(j);
        json_kv_str(j, "fr", label(c, what, ids->keys[i], 0));
        json_kv_str(j, "ar", label(c, what, ids->keys[i], 1));
        json_obj_end(j);
    }
    json_obj_end(j);
}

static void json_complaints(struct json *j, const struct stats *S)
{
    const struct counter *tot = &S->complaints[OUT_TOTAL];
    long by[OUT_N] = {0};
    json_key(j, "complaints");
    json_obj_begin(j);
    json_key(j, "by_department");
    json_obj_begin(j);
    for (size_t i = 0; i < tot->len; i++) {
        json_key(j, tot->keys[i]);
        json_obj_begin(j);
        for (int o = 0; o < OUT_N; o++) {
            long v = counter_get(&S->complaints[o], tot->keys[i]);
            by[o] += v;
            json_kv_int(j, outcome_ids[o], v);
        }
        json_obj_end(j);
    }
    json_obj_end(j);
    json_key(j, "by_outcome");
    json_obj_begin(j);
    for (int o = 0; o < OUT_N; o++)
        json_kv_int(j, outcome_ids[o], by[o]);
    json_obj_end(j);
    json_counter(j, "rejected_by_code", &S->codes);
    json_obj_end(j);
}

static void stats_json(const struct cli *c, const struct stats *S, const struct period *p,
                       struct buf *out)
{
    struct json j;
    json_init(&j, out);
    json_obj_begin(&j);
    json_kv_str(&j, "from", p->from);
    json_kv_str(&j, "to", p->to);
    json_kv_str(&j, "today", p->today);
    json_kv_int(&j, "entries", S->entries);
    json_kv_int(&j, "not_receivable", S->not_receivable);
    json_counter(&j, "by_kind", &S->kind);
    json_counter(&j, "by_department", &S->dept);
    json_counter(&j, "by_status", &S->status);
    json_kv_int(&j, "answered", S->answered);
    json_kv_int(&j, "answered_on_time", S->on_time);
    json_kv_int(&j, "answered_late", S->late);
    json_kv_int(&j, "answered_without_date", S->answered_undated);
    json_kv_int(&j, "pending_overdue", S->pending_overdue);
    json_num_or_null(&j, "on_time_share", on_time_share(S));
    json_key(&j, "days_to_answer");
    json_obj_begin(&j);
    json_kv_int(&j, "count", (int64_t)S->n_delays);
    json_num_or_null(&j, "average", avg_delay(S));
    json_num_or_null(&j, "median", median_delay(S));
    json_obj_end(&j);
    json_kv_int(&j, "reopened", S->reopened);
    json_kv_int(&j, "reopened_by_citizen", S->reopened_citizen);
    json_key(&j, "satisfaction");
    json_obj_begin(&j);
    json_kv_int(&j, "satisfied", S->satisfied);
    json_kv_int(&j, "not_satisfied", S->not_satisfied);
    json_obj_end(&j);
    json_complaints(&j, S);
    json_key(&j, "labels");
    json_obj_begin(&j);
    json_labels(&j, c, "kind", 'k', &S->kind);
    json_labels(&j, c, "department", 'd', &S->dept);
    json_labels(&j, c, "status", 's', &S->status);
    json_obj_end(&j);
    json_obj_end(&j);
}

static void csv_row(struct buf *b, const char *section, const char *key, const char *sub,
                    const char *fr, const char *ar, const char *value)
{
    csv_field(b, section, 0);
    csv_field(b, key, 0);
    csv_field(b, sub, 0);
    csv_field(b, fr, 0);
    csv_field(b, ar, 0);
    csv_field(b, value, 1);
}

static void csv_int(struct buf *b, const char *section, const char *key, const char *sub,
                    const char *fr, const char *ar, long v)
{
    char num[32];
    snprintf(num, sizeof num, "%ld", v);
    csv_row(b, section, key, sub, fr, ar, num);
}

static void csv_num(struct buf *b, const char *section, const char *key, const char *fr,
                    const char *ar, double v)
{
    char num[32] = "";
    if (v >= 0)
        snprintf(num, sizeof num, "%.4f", v);
    csv_row(b, section, key, "", fr, ar, num);
}

static void csv_counter(struct buf *b, const struct cli *c, const char *section, int what,
                        const struct counter *ctr)
{
    for (size_t i = 0; i < ctr->len; i++)
        csv_int(b, section, ctr->keys[i], "", label(c, what, ctr->keys[i], 0),
                label(c, what, ctr->keys[i], 1), ctr->n[i]);
}

static void stats_csv(const struct cli *c, const struct stats *S, const struct period *p,
                      struct buf *b)
{
    buf_puts(b, "\xEF\xBB\xBF");
    csv_row(b, "section", "key", "sub", "label_fr", "label_ar", "value");
    csv_row(b, "period", "from", "", "Du", "من", p->from);
    csv_row(b, "period", "to", "", "Au", "إلى", p->to);
    csv_int(b, "total", "entries", "", "Entrées", "الواردات", S->entries);
    csv_int(b, "total", "not_receivable", "", "Non recevables (hors statistiques)",
            "غير مقبولة (خارج الإحصائيات)", S->not_receivable);
    csv_counter(b, c, "kind", 'k', &S->kind);
    csv_counter(b, c, "department", 'd', &S->dept);
    csv_counter(b, c, "status", 's', &S->status);
    csv_int(b, "timeliness", "answered", "", "Répondus", "تم الرد", S->answered);
    csv_int(b, "timeliness", "answered_on_time", "", "Dans les délais", "داخل الأجل",
            S->on_time);
    csv_int(b, "timeliness", "answered_late", "", "Hors délai", "خارج الأجل", S->late);
    csv_int(b, "timeliness", "answered_without_date", "", "Date de réponse inconnue",
            "تاريخ الرد غير معروف", S->answered_undated);
    csv_int(b, "timeliness", "pending_overdue", "", "En retard sans réponse",
            "متأخرة بدون رد", S->pending_overdue);
    csv_num(b, "timeliness", "on_time_share", "Taux de réponse dans les délais",
            "نسبة الرد داخل الأجل", on_time_share(S));
    csv_num(b, "days_to_answer", "average", "Délai moyen (jours)", "متوسط مدة الرد (أيام)",
            avg_delay(S));
    csv_num(b, "days_to_answer", "median", "Délai médian (jours)", "وسيط مدة الرد (أيام)",
            median_delay(S));
    csv_int(b, "reopened", "entries", "", "Rouverts", "أعيد فتحها", S->reopened);
    csv_int(b, "reopened", "by_citizen", "", "Rouverts par le citoyen",
            "أعاد المواطن فتحها", S->reopened_citizen);
    csv_int(b, "satisfaction", "satisfied", "", "Citoyens satisfaits", "مواطنون راضون",
            S->satisfied);
    csv_int(b, "satisfaction", "not_satisfied", "", "Citoyens non satisfaits",
            "مواطنون غير راضين", S->not_satisfied);
    const struct counter *tot = &S->complaints[OUT_TOTAL];
    for (size_t i = 0; i < tot->len; i++)
        for (int o = 0; o < OUT_N; o++)
            csv_int(b, "complaints", tot->keys[i], outcome_ids[o],
                    label(c, 'd', tot->keys[i], 0), label(c, 'd', tot->keys[i], 1),
                    counter_get(&S->complaints[o], tot->keys[i]));
    for (size_t i = 0; i < S->codes.len; i++)
        csv_int(b, "complaints_rejected_by_code", S->codes.keys[i], "",
                label(c, 'c', S->codes.keys[i], 0), label(c, 'c', S->codes.keys[i], 1),
                S->codes.n[i]);
}

static void pct(char out[16], long n, long total)
{
    if (total > 0)
        snprintf(out, 16, "%.1f%%", 100.0 * (double)n / (double)total);
    else
        snprintf(out, 16, "-");
}

static void print_counter(const struct cli *c, const char *title, int what,
                          const struct counter *ctr, long total)
{
    struct table t;
    char num[32], share[16];
    printf("\n%s\n", title);
    table_init(&t, 5, "...rr");
    for (size_t i = 0; i < ctr->len; i++) {
        snprintf(num, sizeof num, "%ld", ctr->n[i]);
        pct(share, ctr->n[i], total);
        const char *cols[] = {ctr->keys[i], label(c, what, ctr->keys[i], 0),
                              label(c, what, ctr->keys[i], 1), num, share};
        table_row(&t, cols, 40);
    }
    table_print(&t, stdout, "  ");
    table_free(&t);
}

static void print_figures(const struct stats *S)
{
    struct table t;
    char v[11][32];
    double share = on_time_share(S), avg = avg_delay(S), med = median_delay(S);
    snprintf(v[0], 32, "%ld", S->answered);
    snprintf(v[1], 32, "%ld", S->on_time);
    snprintf(v[2], 32, "%ld", S->late);
    snprintf(v[3], 32, "%ld", S->pending_overdue);
    pct(v[4], S->on_time, S->on_time + S->late + S->pending_overdue);
    snprintf(v[5], 32, avg < 0 ? "-" : "%.1f", avg);
    snprintf(v[6], 32, med < 0 ? "-" : "%.1f", med);
    snprintf(v[7], 32, "%ld", S->reopened);
    snprintf(v[8], 32, "%ld", S->reopened_citizen);
    snprintf(v[9], 32, "%ld", S->satisfied);
    snprintf(v[10], 32, "%ld", S->not_satisfied);
    (void)share;
    const char *rows[11][2] = {
        {"Répondus", "تم الرد"},
        {"Dans les délais", "داخل الأجل"},
        {"Hors délai", "خارج الأجل"},
        {"En retard, sans réponse", "متأخرة بدون رد"},
        {"Taux dans les délais", "نسبة الرد داخل الأجل"},
        {"Délai moyen (jours)", "متوسط مدة الرد (أيام)"},
        {"Délai médian (jours)", "وسيط مدة الرد (أيام)"},
        {"Rouverts", "أعيد فتحها"},
        {"Rouverts par le citoyen", "أعاد المواطن فتحها"},
        {"Citoyens satisfaits", "مواطنون راضون"},
        {"Citoyens non satisfaits", "مواطنون غير راضين"},
    };
    printf("\nDélais — الآجال\n");
    table_init(&t, 3, "..r");
    for (int i = 0; i < 11; i++) {
        const char *cols[] = {rows[i][0], rows[i][1], v[i]};
        table_row(&t, cols, 0);
    }
    table_print(&t, stdout, "  ");
    table_free(&t);
}

static void print_complaints(const struct cli *c, const struct stats *S)
{
    const struct counter *tot = &S->complaints[OUT_TOTAL];
    struct table t;
    char num[OUT_N][32];
    printf("\nRéclamations par service et par suite — الشكايات حسب المصلحة والمآل\n");
    table_init(&t, 2 + OUT_N, "..rrrrr");
    const char *head[2 + OUT_N] = {"", ""};
    for (int o = 0; o < OUT_N; o++)
        head[2 + o] = outcome_fr[o];
    table_row(&t, head, 0);
    for (int o = 0; o < OUT_N; o++)
        head[2 + o] = outcome_ar[o];
    table_row(&t, head, 0);
    for (size_t i = 0; i < tot->len; i++) {
        const char *cols[2 + OUT_N] = {tot->keys[i], label(c, 'd', tot->keys[i], 0)};
        for (int o = 0; o < OUT_N; o++) {
            snprintf(num[o], 32, "%ld", counter_get(&S->complaints[o], tot->keys[i]));
            cols[2 + o] = num[o];
        }
        table_row(&t, cols, 40);
    }
    table_print(&t, stdout, "  ");
    table_free(&t);
    long rejected = 0;
    for (size_t i = 0; i < S->codes.len; i++)
        rejected += S->codes.n[i];
    if (S->codes.len)
        print_counter(c, "Réclamations rejetées par motif — الشكايات المرفوضة حسب السبب", 'c',
                      &S->codes, rejected);
}

static void stats_table(const struct cli *c, const struct stats *S, const struct period *p)
{
    printf("Statistiques — إحصائيات: %s → %s (au %s)\n", p->from ? p->from : "début",
           p->to ? p->to : "fin", p->today);
    printf("Entrées — الواردات: %ld\n", S->entries);
    if (S->not_receivable)
        printf("Non recevables, hors statistiques — غير مقبولة، خارج الإحصائيات: %ld\n",
               S->not_receivable);
    print_counter(c, "Par type — حسب النوع", 'k', &S->kind, S->entries);
    print_counter(c, "Par service — حسب المصلحة", 'd', &S->dept, S->entries);
    print_counter(c, "Par statut — حسب الحالة", 's', &S->status, S->entries);
    print_figures(S);
    print_complaints(c, S);
}

static const char stats_usage[] =
    "usage: bureau stats [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--today YYYY-MM-DD]\n"
    "                    [--json | --csv]\n"
    "Figures for the entries received in the period (both dates included; default:\n"
    "all): counts by kind, department and status; answered on time (first change\n"
    "to answered/closed on or before the due date), late, and still open past the\n"
    "deadline; average and median days to answer; re-opened items (and those the\n"
    "citizen re-opened from the tracking page), the citizens' satisfaction; complaints by\n"
    "department and outcome and rejected complaints by closure code (décret\n"
    "2-17-265). --csv writes UTF-8 with a BOM. Entries closed as not-receivable\n"
    "(robot mail) are left out of every figure and counted apart.\n";

static int stats_period(struct cli *c, struct period *p, int64_t *t0, int64_t *t1)
{
    int64_t d0 = 0, d1 = 0;
    if (p->from && calendar_parse_day(p->from, &d0) < 0) {
        cli_err(c, "--from wants a date YYYY-MM-DD, not %s", p->from);
        return -1;
    }
    if (p->to && calendar_parse_day(p->to, &d1) < 0) {
        cli_err(c, "--to wants a date YYYY-MM-DD, not %s", p->to);
        return -1;
    }
    if (p->from && p->to && d1 < d0) {
        cli_err(c, "--to %s is before --from %s", p->to, p->from);
        return -1;
    }
    *t0 = p->from ? day_start(d0) : INT64_MIN;
    *t1 = p->to ? day_start(d1 + 1) : INT64_MAX;
    return 0;
}

int cmd_stats(struct cli *c)
{
    const char *json = NULL, *csv = NULL, *today_s = NULL;
    struct period p = {NULL, NULL, ""};
    const struct arg_spec specs[] = {{"--from", 1, &p.from},     {"--to", 1, &p.to},
                                     {"--today", 1, &today_s}, {"--json", 0, &json},
                                     {"--csv", 0, &csv}};
    struct stats S;
    int64_t t0, t1;
    int npos;
    char *cause = NULL;
    if (cli_wants_help(c)) {
        fputs(stats_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("stats", c->argc, c->argv, specs, (int)BU_ARRAY_LEN(specs), NULL, 0, &npos) <
        0)
        return EXIT_USAGE_;
    memset(&S, 0, sizeof S);
    if (stats_period(c, &p, &t0, &t1) < 0 || today_opt(c, today_s, &S.today) < 0)
        return EXIT_USAGE_;
    if ((json || c->json) && csv) {
        cli_err(c, "--json and --csv exclude each other");
        return EXIT_USAGE_;
    }
    calendar_fmt_day(S.today, p.today);
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (c->cfg->rules_path && !c->rules && cli_need_rules(c) < 0)
        fprintf(stderr, "bureau stats: going on without labels\n");
    if (stats_compute(c->store, t0, t1, &S, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        stats_free(&S);
        return EXIT_FAIL;
    }
    struct buf out;
    buf_init(&out, DL_OUT_MAX);
    if (json || c->json)
        stats_json(c, &S, &p, &out);
    else if (csv)
        stats_csv(c, &S, &p, &out), term_raw_stdout();
    else
        stats_table(c, &S, &p);
    if (out.len)
        fwrite(out.data, 1, out.len, stdout);
    if (json || c->json)
        fputc('\n', stdout);
    buf_free(&out);
    stats_free(&S);
    return EXIT_OK;
}

/* --- urgent ------------------------------------------------------------------ */

static const char urgent_usage[] =
    "usage: bureau urgent NUMBER --reason TEXT [--off]\n"
    "Mark an open item urgent (loi 31-13: a person's life, safety or freedom is at\n"
    "stake) and give it its kind's urgent deadline (3 days for an information\n"
    "request); --off removes the mark and restores the normal deadline (with its\n"
    "extension if it had one). Only kinds with an urgent deadline. The requester is\n"
    "told the new deadline; made urgent, the item goes to the head(s) again, marked\n"
    "urgent, with the reason.\n"
    "An item the rules flagged as possibly urgent (attention \"possibly urgent\",\n"
    "list --triage) is confirmed by the first form and cleared by --off with the\n"
    "reason it is not (nothing else changes, nobody is mailed).\n";

/* The citizen is told of the new deadline (the clerk's reason stays
 * internal); when the item becomes urgent, the head gets it again marked
 * urgent, with the reason. */
static int urgent_mails(struct cli *c, int64_t id, int on, const char *due, const char *reason,
                        char **cause)
{
    struct entry upd;
    if (store_entry_by_id(c->store, id, &upd, cause) < 0)
        return -1;
    char *note = on ? xasprintf("Votre demande est traitée en urgence (loi 31-13) : "
                                "réponse au plus tard le %s.\n"
                                "يعالج طلبكم على وجه الاستعجال (القانون 31.13): "
                                "الجواب في أجل أقصاه %s.",
                                due, due)
                    : xasprintf("Votre demande n'est plus traitée en urgence : délai légal de "
                                "réponse le %s.\n"
                                "لم يعد طلبكم يعالج على وجه الاستعجال: الأجل القانوني للجواب "
                                "هو %s.",
                                due, due);
    int rc = notify_tx_notice(c->store, &c->notify, &upd,
                              on ? "Traitement en urgence" : "Fin du traitement en urgence",
                              on ? "معالجة على وجه الاستعجال" : "انتهاء المعالجة الاستعجالية",
                              note, cause);
    if (rc == 0 && on)
        rc = notify_tx_urgent(c->store, &c->notify, &upd, reason, cause);
    free(note);
    entry_free(&upd);
    return rc;
}

/* The attention the rules set on a possibly urgent request (pipeline.h). */
static int urgent_flagged(const struct entry *e)
{
    return e->attention && !strncmp(e->attention, PIPE_URGENT_HINT, strlen(PIPE_URGENT_HINT));
}

static int urgent_tx(struct cli *c, const struct entry *e, int on, const char *due,
                     const char *reason, char **cause)
{
    char *detail = xasprintf("%s -> %s (%s)", e->due_date ? e->due_date : "none", due,
                             on ? "urgent" : "no longer urgent");
    int rc = store_tx_entry_set(c->store, e->id, "urgent", on ? "1" : "0", c->actor, reason,
                                cause);
    if (rc == 0)
        rc = store_tx_entry_set(c->store, e->id, "due_date", due, c->actor, detail, cause);
    free(detail);
    if (rc == 0 && urgent_flagged(e))
        rc = store_tx_entry_set(c->store, e->id, "attention", NULL, c->actor,
                                "the possible urgency is confirmed", cause);
    if (rc == 0 && c->notify.tmpl)
        rc = urgent_mails(c, e->id, on, due, reason, cause);
    return rc;
}

/* The rules flagged it as possibly urgent and the clerk says it is not:
 * the flag goes, nothing else changes. */
static int not_urgent_tx(struct cli *c, const struct entry *e, const char *reason,
                         char **cause)
{
    char *detail = xasprintf("not urgent: %s", reason);
    int rc = store_tx_entry_set(c->store, e->id, "attention", NULL, c->actor, detail, cause);
    free(detail);
    return rc;
}

int cli_urgent_entry(struct cli *c, const struct entry *e, int on, const char *reason,
                     char due[11], char **why)
{
    char *cause = NULL;
    const struct kind *k = rules_kind(c->rules, e->kind);
    const char *no = NULL;
    int ext = 0;
    if (!on && !e->urgent && urgent_flagged(e)) {
        if (store_begin(c->store, &cause) < 0 || not_urgent_tx(c, e, reason, &cause) < 0 ||
            store_commit(c->store, &cause) < 0) {
            store_rollback(c->store);
            *why = cause ? cause : xstrdup("database error");
            return -1;
        }
        snprintf(due, 11, "%s", e->due_date ? e->due_date : "");
        return 0;
    }
    if (!k || k->urgent_unit == DL_NONE)
        no = "its kind has no urgent deadline";
    else if (is_closed_status(e->status))
        no = "it is no longer open";
    else if (!e->urgent == !on)
        no = on ? "it is already urgent" : "it is not urgent";
    else if ((ext = store_entry_has_event(c->store, e->id, "extended", &cause)) < 0)
        no = cause;
    else if (calendar_due(c->cal, k, on, ext, e->received_at, due) < 0)
        no = "no deadline can be computed for its kind";
    if (no) {
        *why = xasprintf("%s: %s", e->number, no);
        free(cause);
        return ext < 0 ? -1 : 1;
    }
    if (store_begin(c->store, &cause) < 0 || urgent_tx(c, e, on, due, reason, &cause) < 0 ||
        store_commit(c->store, &cause) < 0) {
        store_rollback(c->store);
        *why = cause ? cause : xstrdup("database error");
        return -1;
    }
    return 0;
}

static int urgent_entry(struct cli *c, const char *ref, int on, const char *reason)
{
    struct entry e;
    char *cause = NULL, due[11];
    int rc = EXIT_FAIL;
    if (store_entry_get(c->store, ref, &e, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    if (cli_urgent_entry(c, &e, on, reason, due, &cause) != 0) {
        cli_err(c, "%s", cause);
        goto out;
    }
    if (!on && !e.urgent)
        printf("%s: not urgent, the rules' flag is removed; due %s\n", e.number,
               e.due_date ? e.due_date : "none");
    else
        printf("%s %s: due %s -> %s\n", e.number, on ? "is urgent" : "is no longer urgent",
               e.due_date ? e.due_date : "none", due);
    rc = EXIT_OK;
out:
    free(cause);
    entry_free(&e);
    return rc;
}

/* bureau urgent NUMBER --reason TEXT [--off] (to be registered in main.c). */
int cmd_urgent(struct cli *c)
{
    const char *reason = NULL, *off = NULL, *pos[1];
    const struct arg_spec specs[] = {{"--reason", 1, &reason}, {"--off", 0, &off}};
    int npos;
    if (cli_wants_help(c)) {
        fputs(urgent_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("urgent", c->argc, c->argv, specs, 2, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    if (npos != 1) {
        cli_err(c, "which entry? usage: bureau urgent NUMBER --reason TEXT [--off]");
        return EXIT_USAGE_;
    }
    if (extend_reason_ok(c, reason) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0 ||
        cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    return urgent_entry(c, pos[0], !off, reason);
}
