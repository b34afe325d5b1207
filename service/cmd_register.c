/* cmd_register.c — the ways in: init, fetch, ingest, quarantine. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/fetch.h"
#include "bureau/imap.h"
#include "bureau/json.h"
#include "bureau/log.h"
#include "bureau/mime.h"
#include "bureau/pipeline.h"
#include "bureau/serve.h"
#include "bureau/term.h"
#include "bureau/util.h"

#define MAILDIR_MAX_FILES 1000000

static int setup_pipeline(struct cli *c, struct pipeline *p)
{
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return -1;
    memset(p, 0, sizeof *p);
    p->store = c->store;
    p->cfg = c->cfg;
    p->rules = c->rules;
    p->cal = c->cal;
    p->notify = &c->notify;
    p->actor = "system";
    return 0;
}

int cmd_init(struct cli *c)
{
    if (cli_wants_help(c)) {
        printf("usage: bureau init\n\nCreates the database named in the configuration, or "
               "applies the migrations it lacks.\n");
        return 0;
    }
    if (cli_create_store(c) < 0)
        return EXIT_CONFIG_;
    printf("database %s is ready\n", c->cfg->db_path);
    /* rules that load are kept from the start as the last good ones */
    if (c->cfg->rules_path && (cli_need_rules_quietly(c) < 0 || c->rules_last_good))
        fprintf(stderr, "bureau init: warning: the rules in %s do not check (see bureau rules "
                        "check): %s until they do\n", c->cfg->rules_path,
                c->rules ? "the last good rules are used" : "nothing can be classified");
    return 0;
}

/* --- fetch --------------------------------------------------------------- */

int cmd_fetch(struct cli *c)
{
    const char *account = NULL;
    const struct arg_spec specs[] = {{"--account", 1, &account}};
    const char *pos[1];
    int npos;
    if (cli_wants_help(c)) {
        printf("usage: bureau fetch [--account NAME]\n\nOne pass over every configured IMAP "
               "mailbox (or one): each message is\nregistered or quarantined, committed, then "
               "moved to the registered or\nquarantine folder. Exit 0 when every message was "
               "handled, 75 on a\ntemporary failure (server unreachable, database busy), 1 when retrying\ncannot help (certificate or host name verification, wrong credentials).\nRefused (75) while serve or another fetch runs on the same database.\n");
        return 0;
    }
    if (args_scan("fetch", c->argc, c->argv, specs, 1, pos, 0, &npos) < 0)
        return EXIT_USAGE_;
    if (cli_need_config(c) < 0)
        return EXIT_CONFIG_;
    if (!c->cfg->n_accounts) {
        cli_err(c, "no [account NAME] section in %s", c->cfg->path);
        return EXIT_CONFIG_;
    }
    /* the first account logs in while the store opens and the rules load */
    struct fetch_login *early = NULL;
    for (size_t i = 0; i < c->cfg->n_accounts && !early; i++)
        if (!account || !strcmp(account, c->cfg->accounts[i].name))
            early = fetch_login_start(&c->cfg->accounts[i]);
    struct pipeline p;
    if (setup_pipeline(c, &p) < 0) {
        fetch_login_abandon(early);
        return EXIT_CONFIG_;
    }
    char *lock_cause = NULL;  /* taken once the database is known to exist */
    if (serve_lock(c->cfg->db_path, &lock_cause) < 0) {  /* released at exit */
        cli_err(c, "%s: fetch refused (serve fetches the mailboxes itself)", lock_cause);
        free(lock_cause);
        fetch_login_abandon(early);
        return EXIT_TEMPFAIL_;
    }
    int failed = 0, found = 0;
    for (size_t i = 0; i < c->cfg->n_accounts; i++) {
        const struct imap_account *a = &c->cfg->accounts[i];
        if (account && strcmp(account, a->name))
            continue;
        found = 1;
        struct fetch_stats st = {0};
        char *cause = NULL;
        int rc = fetch_account_login(&p, a, early, stdout, NULL, &st, &cause);
        early = NULL;
        if (rc < 0) {
            log_error("account %s: %s%s", a->name, cause ? cause : "failed",
                      rc == IMAP_PERMANENT ? " (fix the configuration: retrying will not help)"
                                           : " (temporary: will be retried)");
            failed = rc == IMAP_PERMANENT ? 2 : failed ? failed : 1;
        }
        free(cause);
        printf("account %s: %u registered, %u quarantined, %u follow-ups, %u bounces, "
               "%u duplicates, %u moved\n",
               a->name, st.registered, st.quarantined, st.followups, st.bounces,
               st.duplicates, st.moved);
        log_info("account %s: %.1f MB in %.2f s downloading, %.2f s registering "
                 "(%.2f s of it waiting for the parser), %.2f s committing, %.2f s moving",
                 a->name, (double)st.bytes / 1e6, st.s_download, st.s_register,
                 st.s_parse_wait, st.s_commit, st.s_move);
    }
    if (!found) {
        cli_err(c, "no account named %s", account);
        return EXIT_USAGE_;
    }
    (void)cli_headmail_pass(c, NULL);  /* what the heads wrote, after the pass */
    return failed == 2 ? EXIT_FAIL : failed ? EXIT_TEMPFAIL_ : 0;
}

/* --- ingest -------------------------------------------------------------- */

/* Many files (or a Maildir) are registered INGEST_BATCH to a transaction;
 * what each message became is printed once its batch is committed. */
#define INGEST_BATCH 200

struct ingest_tally {
    unsigned ok, quarantined;
    int batching;           /* more than one message: use batches */
    unsigned in_batch;      /* messages in the open batch */
    struct buf pending;     /* their report lines */
};

static void print_pending(struct ingest_tally *t)
{
    fwrite(t->pending.data ? t->pending.data : "", 1, t->pending.len, stdout);
    fflush(stdout);
    buf_reset(&t->pending);
}

static int batch_flush(struct pipeline *p, struct ingest_tally *t)
{
    char *cause = NULL;
    if (!p->in_batch)
        return 0;
    t->in_batch = 0;
    if (pipeline_batch_commit(p, &cause) < 0) {
        fprintf(stderr, "bureau ingest: cannot commit the batch: %s\n", cause);
        free(cause);
        store_rollback(p->store);
        buf_reset(&t->pending);
        return -1;
    }
    print_pending(t);
    return 0;
}

static int ingest_bytes(struct pipeline *p, const char *raw, size_t len, const char *source,
                        struct ingest_tally *t)
{
    struct pipe_source src = {.source = source};
    struct pipe_result r;
    char *cause = NULL;
    if (t->batching && !p->in_batch && pipeline_batch_begin(p, &cause) < 0) {
        fprintf(stderr, "bureau ingest: %s: temporary failure: %s\n", source, cause);
        free(cause);
        return -1;
    }
    if (pipeline_process(p, raw, len, &src, &r) < 0) {
        fprintf(stderr, "bureau ingest: %s: temporary failure: %s\n", source, r.reason);
        free(r.reason);
        batch_flush(p, t);  /* what the batch already holds is kept */
        return -1;
    }
    if (r.outcome == PIPE_QUARANTINED) {
        buf_printf(&t->pending, "quarantined #%lld %s: %s\n", (long long)r.id, source, r.reason);
        t->quarantined++;
    } else {
        buf_printf(&t->pending, "%s %s %s\n", pipe_outcome_name(r.outcome),
                   r.number[0] ? r.number : "-", source);
        t->ok++;
    }
    free(r.reason);
    if (!p->in_batch) {  /* one message: its own transaction, already committed */
        print_pending(t);
        return 0;
    }
    return ++t->in_batch >= INGEST_BATCH ? batch_flush(p, t) : 0;
}

/* A message read ahead of its turn, its parse already under way. Files
 * are read up to 4x the message cap: a larger message is refused outright
 * (the MTA bounces it); a merely oversized one is kept in quarantine. */
struct ahead {
    const char *path;
    char *data;
    size_t len;
    char *cause;  /* why it could not be read, or NULL */
};

static void read_ahead(struct pipeline *p, struct ahead *a, const char *path)
{
    a->path = path;
    a->data = NULL;
    a->len = 0;
    a->cause = NULL;
    (void)file_read_all(path, p->cfg->limits.max_message_size * 4, &a->data, &a->len,
                        &a->cause);
}

/* Needs no parse ahead: unreadable, or over the cap (refused at once). */
static int not_for_parser(const struct pipeline *p, const struct ahead *a)
{
    return a->cause != NULL || a->len > p->cfg->limits.max_message_size;
}

/* 0 stored, 1 refused, 2 temporary failure (stop). */
static int ingest_ahead(struct pipeline *p, struct ahead *a, struct ingest_tally *t)
{
    if (a->cause) {
        fprintf(stderr, "bureau ingest: %s\n", a->cause);
        return 1;
    }
    char *source =
        strcmp(a->path, "-") == 0 ? xstrdup("stdin") : xasprintf("file:%s", a->path);
    int rc = ingest_bytes(p, a->data, a->len, source, t);
    free(source);
    return rc < 0 ? 2 : 0;
}

/* Registers the files in order; while one is stored, the next ones are
 * read and parsed (and classified) by the pipeline's worker. */
static int ingest_paths(struct pipeline *p, char *const *paths, size_t n,
                        struct ingest_tally *t, unsigned *refused)
{
    struct ahead win[MIME_WORKER_DEPTH];
    size_t next = 0, done = 0, bytes = 0, expected = 0;
    int rc = 0;
    while (done < n) {
        /* keep the window full: as many files as the worker may hold */
        while (next < n && next - done < MIME_WORKER_DEPTH &&
               (next == done || bytes < MIME_WORKER_BYTES)) {
            struct ahead *a = &win[next % MIME_WORKER_DEPTH];
            read_ahead(p, a, paths[next++]);
            bytes += a->len;
        }
        /* hand them to the parser in their order; one it cannot take yet
         * (its queue holds enough bytes) is offered again next time round */
        if (expected < done)
            expected = done;
        while (expected < next) {
            struct ahead *e = &win[expected % MIME_WORKER_DEPTH];
            if (!not_for_parser(p, e) && pipeline_expect(p, e->data, e->len) != 0)
                break;
            expected++;
        }
        struct ahead *a = &win[done % MIME_WORKER_DEPTH];
        int r = ingest_ahead(p, a, t);
        *refused += r == 1;
        bytes -= a->len;
        free(a->data);
        free(a->cause);
        done++;
        if (r == 2) {
            rc = -1;
            break;
        }
    }
    pipeline_forget_expected(p);  /* before the window's bytes go */
    for (; done < next; done++) {
        free(win[done % MIME_WORKER_DEPTH].data);
        free(win[done % MIME_WORKER_DEPTH].cause);
    }
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The messages of a Maildir (new/, then cur/), each sorted by name,
 * appended to *paths. -1 when a folder cannot be read. */
static int maildir_paths(const char *dir, char ***paths, size_t *n)
{
    static const char *const subs[] = {"new", "cur"};
    int errors = 0;
    for (size_t s = 0; s < 2; s++) {
        char *d = xasprintf("%s/%s", dir, subs[s]);
        DIR *dh = opendir(d);
        if (!dh) {
            fprintf(stderr, "bureau ingest: %s: %s\n", d, strerror(errno));
            free(d);
            errors++;
            continue;
        }
        size_t first = *n;
        struct dirent *de;
        while ((de = readdir(dh)) && *n < MAILDIR_MAX_FILES) {
            if (de->d_name[0] == '.')
                continue;
            *paths = xrealloc(*paths, sizeof **paths * (*n + 1));
            (*paths)[(*n)++] = xasprintf("%s/%s", d, de->d_name);
        }
        closedir(dh);
        qsort(*paths + first, *n - first, sizeof **paths, cmp_str);
        free(d);
    }
    return errors ? -1 : 0;
}

int cmd_ingest(struct cli *c)
{
    const char *maildir = NULL;
    const struct arg_spec specs[] = {{"--maildir", 1, &maildir}};
    const char **pos = xcalloc((size_t)c->argc + 1, sizeof *pos);
    int npos;
    if (cli_wants_help(c)) {
        printf("usage: bureau ingest [-] [FILE...] [--maildir DIR]\n\n"
               "Registers messages given on standard input (for an MTA pipe), as files, or\n"
               "in a Maildir (new/ and cur/). Each ends registered, quarantined, attached\n"
               "to an entry as a follow-up, or recognised as a duplicate.\n"
               "Exit codes: 0 every message is safely stored; 65 a message was refused\n"
               "(larger than 4x max_message_size); 75 temporary failure (retry later).\n");
        return 0;
    }
    if (args_scan("ingest", c->argc, c->argv, specs, 1, pos, c->argc, &npos) < 0) {
        free(pos);
        return EXIT_USAGE_;
    }
    struct pipeline p;
    if (setup_pipeline(c, &p) < 0) {
        free(pos);
        return EXIT_TEMPFAIL_;
    }
    struct ingest_tally t = {0};
    unsigned refused = 0;
    int temp = 0;
    if (!npos && !maildir)
        pos[npos++] = "-";
    char **paths = xcalloc((size_t)npos + 1, sizeof *paths);
    size_t n = 0;
    for (int i = 0; i < npos; i++)
        paths[n++] = xstrdup(pos[i]);
    if (maildir && maildir_paths(maildir, &paths, &n) < 0)
        refused++;
    buf_init(&t.pending, (size_t)1 << 30);
    t.batching = n > 1;
    struct mime_worker *w = NULL;
    if (t.batching) {  /* parse and classify ahead, beside the storage */
        w = mime_worker_new();
        (void)mime_worker_set_parsers(w, config_parsers(p.cfg));
        p.worker = w;
        pipeline_classify_in_worker(&p, NULL);
    }
    if (ingest_paths(&p, paths, n, &t, &refused) < 0)
        temp++;
    if (batch_flush(&p, &t) < 0)
        temp++;
    (void)cli_headmail_pass(c, NULL);  /* what the heads wrote, after the pass */
    p.worker = NULL;
    mime_worker_free(w);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    buf_free(&t.pending);
    if (npos + (maildir != NULL) > 1 || maildir)
        printf("%u stored, %u quarantined, %u refused\n", t.ok, t.quarantined, refused);
    free(pos);
    if (temp)
        return EXIT_TEMPFAIL_;
    return refused ? EXIT_DATAERR_ : 0;
}

/* --- quarantine ---------------------------------------------------------- */

static int quarantine_list(struct cli *c, const char *status)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT id, received_at, status, reason, source, "
                                  "COALESCE(size, (SELECT size FROM raw_messages r WHERE "
                                  "r.id = q.raw_id)), entry_id FROM quarantine q "
                                  "WHERE ?1 IS NULL OR status = ?1 ORDER BY id",
                                  NULL);
    if (!st)
        return EXIT_FAIL;
    if (status)
        sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    struct buf out;
    buf_init(&out, (size_t)1 << 30);
    struct json j;
    json_init(&j, &out);
    if (c->json)
        json_arr_begin(&j);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char when[20];
        fmt_datetime(sqlite3_column_int64(st, 1), when);
        const char *reason = (const char *)sqlite3_column_text(st, 3);
        if (c->json) {
            json_obj_begin(&j);
            json_kv_int(&j, "id", sqlite3_column_int64(st, 0));
            json_kv_int(&j, "received_at", sqlite3_column_int64(st, 1));
            json_kv_str(&j, "status", (const char *)sqlite3_column_text(st, 2));
            json_kv_str(&j, "reason", reason);
            json_kv_str(&j, "source", (const char *)sqlite3_column_text(st, 4));
            json_kv_int(&j, "size", sqlite3_column_int64(st, 5));
            json_obj_end(&j);
        } else {
            buf_printf(&out, "#%-5lld %s  %-10s %8lld bytes  %s\n",
                       (long long)sqlite3_column_int64(st, 0), when,
                       (const char *)sqlite3_column_text(st, 2),
                       (long long)sqlite3_column_int64(st, 5), reason ? reason : "");
        }
    }
    sqlite3_reset(st);
    if (c->json) {
        json_arr_end(&j);
        buf_putc(&out, '\n');
    }
    fwrite(out.data ? out.data : "", 1, out.len, stdout);
    buf_free(&out);
    return 0;
}

static int quarantine_show(struct cli *c, int64_t qid)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT raw_id, reason, status, imap_ref FROM quarantine "
                                  "WHERE id = ?",
                                  NULL);
    if (!st)
        return EXIT_FAIL;
    sqlite3_bind_int64(st, 1, qid);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        cli_err(c, "no quarantined message #%lld", (long long)qid);
        return EXIT_FAIL;
    }
    int64_t raw_id = sqlite3_column_int64(st, 0);
    fprintf(stderr, "# quarantine #%lld (%s): %s%s%s\n", (long long)qid,
            sqlite3_column_text(st, 2), sqlite3_column_text(st, 1),
            sqlite3_column_type(st, 3) != SQLITE_NULL ? " — " : "",
            sqlite3_column_type(st, 3) != SQLITE_NULL ? (const char *)sqlite3_column_text(st, 3)
                                                      : "");
    sqlite3_reset(st);
    if (!raw_id)
        return 0;
    char *raw = NULL, *cause = NULL;
    size_t len;
    if (store_raw_get(c->store, raw_id, &raw, &len, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    term_raw_stdout();
    fwrite(raw, 1, len, stdout);
    free(raw);
    return 0;
}

int cli_quarantine_dismiss(struct cli *c, int64_t qid, const char *reason, char **cause)
{
    if (store_begin(c->store, cause) < 0)
        return -1;
    sqlite3_stmt *st = store_stmt(c->store,
                                  "UPDATE quarantine SET status = 'dismissed' "
                                  "WHERE id = ? AND status = 'held'",
                                  cause);
    if (!st)
        goto fail_tx;
    sqlite3_bind_int64(st, 1, qid);
    sqlite3_step(st);
    sqlite3_reset(st);
    if (sqlite3_changes(store_db(c->store)) != 1) {
        set_cause(cause, "no held quarantined message #%lld", (long long)qid);
        goto fail_tx;
    }
    st = store_stmt(c->store,
                    "INSERT INTO events (quarantine_id, at, actor, action, detail) "
                    "VALUES (?, ?, ?, 'dismissed', ?)",
                    cause);
    if (!st)
        goto fail_tx;
    sqlite3_bind_int64(st, 1, qid);
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_text(st, 3, c->actor, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE) {
        sqlite3_reset(st);
        set_cause(cause, "%s", sqlite3_errmsg(store_db(c->store)));
        goto fail_tx;
    }
    sqlite3_reset(st);
    if (store_commit(c->store, cause) < 0)
        return -1;
    return 0;
fail_tx:
    store_rollback(c->store);
    return -1;
}

static int quarantine_dismiss(struct cli *c, int64_t qid, const char *reason)
{
    char *cause = NULL;
    if (!reason) {
        cli_err(c, "dismiss needs --reason TEXT (it goes into the history)");
        return EXIT_USAGE_;
    }
    if (cli_quarantine_dismiss(c, qid, reason, &cause) < 0) {
        cli_err(c, "%s", cause ? cause : "failed");
        free(cause);
        return EXIT_FAIL;
    }
    printf("quarantined message #%lld dismissed by %s (the original is kept)\n",
           (long long)qid, c->actor);
    return 0;
}

/* Where the original of a message quarantined unfetched is on the server:
 * imap_ref is "ACCOUNT/FOLDER uidvalidity V uid U" (pipeline.c). */
struct imap_place {
    const struct imap_account *a;
    char *folder;
    uint32_t uid;            /* in folder, once found */
    uint32_t size;           /* as listed when it was quarantined */
    char header_sha[65];     /* "" when its header was not read */
};

static int place_parse(const struct config *cfg, const char *account, const char *ref,
                       struct imap_place *pl, char **cause)
{
    for (size_t i = 0; account && i < cfg->n_accounts; i++)
        if (strcmp(cfg->accounts[i].name, account) == 0)
            pl->a = &cfg->accounts[i];
    if (!pl->a) {
        set_cause(cause, "its account %s is no longer configured", account ? account : "-");
        return -1;
    }
    size_t al = strlen(account);
    const char *mark = strstr(ref, " uidvalidity ");
    if (strncmp(ref, account, al) != 0 || ref[al] != '/' || !mark || mark <= ref + al + 1) {
        set_cause(cause, "unreadable IMAP reference %s", ref);
        return -1;
    }
    pl->folder = xstrndup(ref + al + 1, (size_t)(mark - ref - (long)al - 1));
    return 0;
}

/* The UID in the selected folder of the message listed at pl->size whose
 * header has pl->header_sha (or the only one of that size when the header
 * was not read). */
static int place_find(struct imap_conn *conn, struct imap_place *pl, char **cause)
{
    struct imap_msginfo *list = NULL;
    size_t n = 0, same = 0;
    if (imap_list(conn, 1, &list, &n, cause) < 0)
        return -1;
    for (size_t i = 0; i < n && !pl->uid; i++) {
        if (list[i].size != pl->size)
            continue;
        same++;
        char *h = NULL, sha[65];
        size_t hl = 0;
        if (!pl->header_sha[0])
            continue;
        if (imap_fetch_header(conn, list[i].uid, &h, &hl, cause) < 0)
            break;
        sha256_hex(h, hl, sha);
        if (strcmp(sha, pl->header_sha) == 0)
            pl->uid = list[i].uid;
        free(h);
    }
    if (!pl->uid && !pl->header_sha[0] && same == 1)
        for (size_t i = 0; i < n && !pl->uid; i++)
            if (list[i].size == pl->size)
                pl->uid = list[i].uid;
    free(list);
    if (!pl->uid && cause && !*cause)
        set_cause(cause, "no message of %u bytes%s in folder %s", pl->size,
                  pl->header_sha[0] ? " with its header" : " (or several)", pl->folder);
    return pl->uid ? 0 : -1;
}

struct fetched {
    char *data;
    size_t len;
};

static int keep_fetched(void *arg, uint32_t uid, const char *data, size_t len)
{
    struct fetched *f = arg;
    (void)uid;
    free(f->data);
    f->data = xmalloc(len + 1);
    memcpy(f->data, data, len);
    f->data[len] = '\0';
    f->len = len;
    return 0;
}

/* Downloads the original at pl (under the current max_message_size) over
 * *conn, which is opened here and left open for the move. */
static int download_place(const struct config *cfg, struct imap_place *pl,
                          struct imap_conn **conn, struct fetched *f, char **cause)
{
    uint32_t validity = 0, next = 0;
    size_t max = cfg->limits.max_message_size;
    if (pl->size > max) {
        set_cause(cause, "it is %u bytes, still over max_message_size (%zu): raise it in "
                         "[limits] first", pl->size, max);
        return -1;
    }
    if (imap_connect(pl->a, conn, cause) < 0 ||
        imap_select(*conn, pl->folder, &validity, &next, cause) < 0 ||
        place_find(*conn, pl, cause) < 0)
        return -1;
    imap_set_fetch_cap(*conn, max + (1u << 20));
    if (imap_fetch(*conn, &pl->uid, 1, keep_fetched, f, cause) < 0)
        return -1;
    if (!f->data) {
        set_cause(cause, "uid %u is no longer in folder %s", pl->uid, pl->folder);
        return -1;
    }
    if (f->len > max) {
        set_cause(cause, "it is %zu bytes, still over max_message_size (%zu): raise it in "
                         "[limits] first", f->len, max);
        return -1;
    }
    return 0;
}

/* Keeps the downloaded bytes with quarantine row qid (one transaction). */
static int keep_original(struct cli *c, int64_t qid, const struct fetched *f, char **cause)
{
    char sha[65];
    int64_t raw_id = 0;
    sha256_hex(f->data, f->len, sha);
    if (store_begin(c->store, cause) < 0)
        return -1;
    raw_id = store_raw_find(c->store, sha);
    int rc = raw_id > 0 ? 0 : store_tx_raw_put(c->store, f->data, f->len, sha, &raw_id, cause);
    sqlite3_stmt *st = rc == 0 ? store_stmt(c->store, "UPDATE quarantine SET raw_id = ?, "
                                                      "size = ? WHERE id = ?", cause)
                               : NULL;
    if (st) {
        sqlite3_bind_int64(st, 1, raw_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)f->len);
        sqlite3_bind_int64(st, 3, qid);
        if (sqlite3_step(st) != SQLITE_DONE)
            set_cause(cause, "%s", sqlite3_errmsg(store_db(c->store)));
        else
            rc = 1;
        sqlite3_reset(st);
    }
    if (rc == 1 && store_commit(c->store, cause) == 0)
        return 0;
    store_rollback(c->store);
    return -1;
}

/* Where quarantined message qid sits on the IMAP server (*pl; pl->a NULL
 * when it has no IMAP reference), whether its bytes are kept (*kept) and
 * whether it is still held (*is_held). */
static int load_place(struct cli *c, int64_t qid, struct imap_place *pl, int *kept, int *is_held,
                      char **cause)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT raw_id, imap_ref, account, size, header_sha256, "
                                  "status = 'held' FROM quarantine WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, qid);
    int rc = 0;
    *kept = 1;
    *is_held = 1;  /* an unknown id: pipeline_register_quarantined says so */
    if (sqlite3_step(st) == SQLITE_ROW) {
        *kept = sqlite3_column_type(st, 0) != SQLITE_NULL;
        *is_held = sqlite3_column_int(st, 5);
        pl->size = (uint32_t)sqlite3_column_int64(st, 3);
        if (sqlite3_column_text(st, 4))
            snprintf(pl->header_sha, sizeof pl->header_sha, "%s",
                     (const char *)sqlite3_column_text(st, 4));
        if (sqlite3_column_text(st, 1))
            rc = place_parse(c->cfg, (const char *)sqlite3_column_text(st, 2),
                             (const char *)sqlite3_column_text(st, 1), pl, cause);
    }
    sqlite3_reset(st);
    return rc;
}

/* A message quarantined without its bytes (over max_message_size) is
 * brought in from the IMAP quarantine folder first, over *conn (left open
 * for the move). */
static int bring_in(struct cli *c, int64_t qid, struct imap_place *pl, struct imap_conn **conn,
                    char **cause)
{
    struct fetched f = {0};
    int rc = download_place(c->cfg, pl, conn, &f, cause);
    if (rc == 0)
        rc = keep_original(c, qid, &f, cause);
    if (rc < 0) {
        char *why = xasprintf("cannot fetch quarantined message #%lld from %s: %s",
                              (long long)qid, pl->folder, *cause ? *cause : "?");
        free(*cause);
        *cause = why;
    }
    free(f.data);
    return rc;
}

/* Moves a registered message from the quarantine folder to the registered
 * one, if it is still there: also after a run killed between its commit
 * and its move (a rerun does only this). */
static void move_registered(int64_t qid, struct imap_place *pl, struct imap_conn **conn)
{
    char *cause = NULL;
    uint32_t validity = 0, next = 0;
    if (!*conn && (imap_connect(pl->a, conn, &cause) < 0 ||
                   imap_select(*conn, pl->folder, &validity, &next, &cause) < 0))
        goto out;
    if (!pl->uid && place_find(*conn, pl, NULL) < 0)
        goto out;  /* no longer there: moved already */
    if (imap_move(*conn, &pl->uid, 1, pl->a->registered_folder, &cause) == 0) {
        printf("moved quarantine #%lld from %s to %s\n", (long long)qid, pl->folder,
               pl->a->registered_folder);
        goto out;
    }
out:
    if (cause)
        log_warn("quarantine #%lld: registered, but not moved from %s to %s on the server: %s",
                 (long long)qid, pl->folder, pl->a->registered_folder, cause);
    free(cause);
}

int cli_quarantine_register(struct cli *c, int64_t qid, char **number, char **cause)
{
    struct pipeline p;
    *number = NULL;
    if (setup_pipeline(c, &p) < 0) {
        set_cause(cause, "the register's rules or templates do not load");
        return -3;
    }
    p.actor = c->actor;
    struct imap_place pl = {0};
    struct imap_conn *conn = NULL;
    int rc = 0, kept = 1, is_held = 1;
    if (load_place(c, qid, &pl, &kept, &is_held, cause) < 0 ||
        (is_held && !kept && bring_in(c, qid, &pl, &conn, cause) < 0)) {
        if (!*cause)
            set_cause(cause, "quarantined message #%lld cannot be read", (long long)qid);
        rc = -2;
        goto done;
    }
    if (!is_held && pl.a) {  /* registered by a run that did not get to move it */
        move_registered(qid, &pl, &conn);
        goto done;
    }
    struct pipe_result r;
    if (pipeline_register_quarantined(&p, qid, &r) < 0) {
        free(*cause);
        *cause = r.reason;
        rc = -1;
        goto done;
    }
    *number = xstrdup(r.number);
    free(r.reason);
    if (pl.a)
        move_registered(qid, &pl, &conn);
done:
    if (conn)
        imap_close(conn);
    free(pl.folder);
    return rc;
}

static int quarantine_register(struct cli *c, int64_t qid)
{
    char *cause = NULL, *number = NULL;
    int rc = cli_quarantine_register(c, qid, &number, &cause);
    if (rc < 0) {
        cli_err(c, "%s", cause ? cause : "?");
        free(cause);
        return rc == -2 ? EXIT_TEMPFAIL_ : rc == -3 ? EXIT_CONFIG_ : EXIT_FAIL;
    }
    if (number)
        printf("registered %s from quarantine #%lld\n", number, (long long)qid);
    free(number);
    free(cause);
    return 0;
}

int cmd_quarantine(struct cli *c)
{
    const char *reason = NULL, *status = NULL;
    const struct arg_spec specs[] = {{"--reason", 1, &reason}, {"--status", 1, &status}};
    const char *pos[2];
    int npos;
    if (cli_wants_help(c)) {
        printf("usage: bureau quarantine [list [--status held|registered|dismissed]]\n"
               "       bureau quarantine show ID        (the original bytes on stdout)\n"
               "       bureau quarantine register ID    (give it a number anyway)\n"
               "       bureau quarantine dismiss ID --reason TEXT\n");
        return 0;
    }
    if (args_scan("quarantine", c->argc, c->argv, specs, 2, pos, 2, &npos) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    const char *verb = npos ? pos[0] : "list";
    if (!strcmp(verb, "list"))
        return quarantine_list(c, status);
    uint64_t id;
    const char *idarg = npos > 1 ? pos[1] : "";
    if (*idarg == '#')
        idarg++;
    if (parse_u64(idarg, &id) < 0) {
        cli_err(c, "%s needs a quarantine id (see bureau quarantine list)", verb);
        return EXIT_USAGE_;
    }
    if (!strcmp(verb, "show"))
        return quarantine_show(c, (int64_t)id);
    if (!strcmp(verb, "dismiss"))
        return quarantine_dismiss(c, (int64_t)id, reason);
    if (!strcmp(verb, "register"))
        return quarantine_register(c, (int64_t)id);
    cli_err(c, "unknown action %s", verb);
    return EXIT_USAGE_;
}
