/* store.c — see store.h. Connection, migrations, statement cache,
 * numbering, originals, IMAP state, entries, events, quarantine. */
#include "bureau/store.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bureau/access.h"
#include "bureau/norm.h"
#include "bureau/regnum.h"
#include "bureau/util.h"

extern const struct {
    int version;
    const char *name;
    const char *sql;
} bureau_migrations[];
extern const size_t bureau_n_migrations;

#define STMT_CACHE_MAX 128

struct stmt_slot {
    const char *sql;  /* the caller's string literal (compared by content) */
    sqlite3_stmt *st;
};

/* A full-text row waiting for the end of its transaction (see insert_fts). */
struct fts_row {
    int64_t entry_id;
    char *field[4];  /* normalised subject, body, sender, attachment names */
};

struct store {
    sqlite3 *db;
    char *number_format;
    struct stmt_slot cache[STMT_CACHE_MAX];
    size_t n_cache;
    struct fts_row *fts;  /* rows of the open transaction, written at commit */
    size_t n_fts, cap_fts;
    size_t fts_mark;      /* n_fts when the open savepoint began */
    int fault;            /* primary code of the last temporary failure, -1 the open
                           * transaction rolled back by SQLite, 0 none */
    int in_tx;            /* store_begin succeeded, not yet committed or rolled back */
};

static void fts_drop_from(struct store *s, size_t from);
static int step_done(struct store *s, sqlite3_stmt *st, char **cause);

sqlite3 *store_db(struct store *s)
{
    return s->db;
}

/* Kept when rc is a fault that passes: the disk full, an I/O error,
 * memory, the database busy or locked. */
static void note_fault(struct store *s, int rc)
{
    rc &= 0xff;
    if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_NOMEM || rc == SQLITE_BUSY ||
        rc == SQLITE_LOCKED)
        s->fault = rc;
}

int store_fault_temporary(struct store *s)
{
    note_fault(s, sqlite3_errcode(s->db));
    /* SQLite rolls a transaction back by itself after some of these */
    if (s->in_tx && sqlite3_get_autocommit(s->db))
        s->fault = -1;
    return s->fault != 0;
}

static int exec_sql(struct store *s, const char *sql, char **cause)
{
    char *err = NULL;
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK) {
        note_fault(s, rc);
        set_cause(cause, "%s", err ? err : sqlite3_errmsg(s->db));
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

int store_tune_reader(struct store *s, char **cause)
{
    return exec_sql(s, "PRAGMA cache_size = -16384; PRAGMA mmap_size = 268435456", cause);
}

static sqlite3_stmt *cached(struct store *s, size_t i)
{
    sqlite3_reset(s->cache[i].st);
    sqlite3_clear_bindings(s->cache[i].st);
    return s->cache[i].st;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, char **cause)
{
    /* the same static string nearly always: pointers first */
    for (size_t i = 0; i < s->n_cache; i++)
        if (s->cache[i].sql == sql)
            return cached(s, i);
    for (size_t i = 0; i < s->n_cache; i++)
        if (strcmp(s->cache[i].sql, sql) == 0)
            return cached(s, i);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        set_cause(cause, "prepare: %s", sqlite3_errmsg(s->db));
        return NULL;
    }
    if (s->n_cache < STMT_CACHE_MAX) {
        s->cache[s->n_cache].sql = sql;
        s->cache[s->n_cache].st = st;
        s->n_cache++;
        return st;
    }
    /* cache full: evict the oldest (never expected with our fixed queries) */
    sqlite3_finalize(s->cache[0].st);
    memmove(&s->cache[0], &s->cache[1], sizeof s->cache[0] * (STMT_CACHE_MAX - 1));
    s->cache[STMT_CACHE_MAX - 1].sql = sql;
    s->cache[STMT_CACHE_MAX - 1].st = st;
    return st;
}

static int user_version(struct store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Tests: BUREAU_TEST_KILL_MIGRATION=N kills the process (SIGKILL, as
 * kill -9 would) inside migration N's transaction, its SQL applied and
 * user_version set but not committed. */
static void test_kill_in_migration(int version)
{
    uint64_t k;
    if (parse_u64(getenv("BUREAU_TEST_KILL_MIGRATION"), &k) == 0 && k == (uint64_t)version)
        raise(SIGKILL);
}

static int migrate(struct store *s, char **cause)
{
    for (size_t i = 0; i < bureau_n_migrations; i++) {
        int have = user_version(s);
        if (have < 0) {
            set_cause(cause, "cannot read schema version: %s", sqlite3_errmsg(s->db));
            return -1;
        }
        if (bureau_migrations[i].version <= have)
            continue;
        char *reason = NULL;
        char *pragma = xasprintf("PRAGMA user_version = %d", bureau_migrations[i].version);
        int rc = exec_sql(s, "BEGIN IMMEDIATE", &reason);
        if (rc == 0)
            rc = exec_sql(s, bureau_migrations[i].sql, &reason);
        if (rc == 0)
            rc = exec_sql(s, pragma, &reason);
        if (rc == 0)
            test_kill_in_migration(bureau_migrations[i].version);
        if (rc == 0)
            rc = exec_sql(s, "COMMIT", &reason);
        free(pragma);
        if (rc < 0) {
            exec_sql(s, "ROLLBACK", NULL);
            set_cause(cause, "migration %s: %s", bureau_migrations[i].name, reason);
            free(reason);
            return -1;
        }
    }
    return 0;
}

/* Each message is a SAVEPOINT inside its batch's transaction, and SQLite
 * keeps the pages a savepoint changes in a statement journal, spilled to a
 * temp file past 64 KiB by default: two pwrite calls per page, about 47 per
 * message (strace of an ingest). Kept in memory up to 8 MiB, a message's
 * journal never touches the disk. sqlite3_config must run before SQLite
 * initialises itself; when it already has (a library user opened a
 * database first) the default stays, which is only slower. */
#define STORE_STMT_JOURNAL_SPILL (8 * 1024 * 1024)

static void store_global_init(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, STORE_STMT_JOURNAL_SPILL);
}

/* SQLite opens a file it may not write read-only, without a word, and the
 * first write then fails ("attempt to write a readonly database"), which
 * callers took for a temporary fault and retried for ever. Every command
 * may write (migrations, the audit trail), so a read-only register is
 * refused here, named, as what it is: a permanent fault of the
 * installation. */
static int refuse_readonly(struct store *s, const char *path, char **cause)
{
    if (sqlite3_db_readonly(s->db, "main") != 1)
        return 0;
    char *why = access_denied(path, W_OK);
    set_cause(cause, "%s is read-only for this user (uid %ld): bureau must be able to write "
              "the register (its owner, or a member of its group with write access); a "
              "permanent fault, retrying will not help%s%s", path, (long)geteuid(),
              why ? ". " : "", why ? why : "");
    free(why);
    return -1;
}

/* One number from a query with at most one parameter (?1 = arg); -1 when
 * the query gives no row. */
static int query_i64(struct store *s, const char *sql, int64_t arg, int64_t *v, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, sql, cause);
    if (!st)
        return -1;
    if (sqlite3_bind_parameter_count(st) > 0)
        sqlite3_bind_int64(st, 1, arg);
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(s->db));
        sqlite3_reset(st);
        return -1;
    }
    *v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return 0;
}

/* Each year's counter against the highest number the year holds: one index
 * seek per year, whatever the size of the register. */
static int check_counters(struct store *s, const char *path, char **cause)
{
    int64_t year = -1, top, last;
    for (;;) {
        if (query_i64(s, "SELECT coalesce(min(year), -1) FROM entries WHERE year > ?", year,
                      &year, cause) < 0)
            return -1;
        if (year < 0)
            return 0;
        if (query_i64(s, "SELECT max(seq) FROM entries WHERE year = ?", year, &top, cause) < 0 ||
            query_i64(s, "SELECT last FROM counters WHERE year = ?", year, &last, cause) < 0)
            return -1;
        if (last < top) {
            set_cause(cause,
                      "%s: the counter of %lld stands at %lld but the register holds number "
                      "%lld: this file is not the whole register (restored without its -wal?); "
                      "nothing was done, so that no number is given twice",
                      path, (long long)year, (long long)(last < 0 ? 0 : last), (long long)top);
            return -1;
        }
    }
}

/* History, outbox and follow-ups refer only to entries the file holds. */
static int check_references(struct store *s, const char *path, char **cause)
{
    static const struct {
        const char *what, *sql;
    } refs[] = {
        {"history", "SELECT coalesce(max(entry_id), 0) FROM events"},
        {"outbox", "SELECT coalesce(max(entry_id), 0) FROM outbox"},
        {"follow-ups", "SELECT coalesce(max(entry_id), 0) FROM followups"},
    };
    int64_t top, ref;
    if (query_i64(s, "SELECT coalesce(max(id), 0) FROM entries", -1, &top, cause) < 0)
        return -1;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (query_i64(s, refs[i].sql, -1, &ref, cause) < 0)
            return -1;
        if (ref > top) {
            set_cause(cause,
                      "%s: its %s refers to entry #%lld but the last entry is #%lld: this "
                      "file is not the whole register (restored without its -wal?); nothing "
                      "was done, so that no number is given twice",
                      path, refs[i].what, (long long)ref, (long long)top);
            return -1;
        }
    }
    return 0;
}

/* A file that exists but was never initialised (or is bureau.db copied
 * without the -wal that held everything) is refused before anything is
 * written to it. */
static int check_schema(struct store *s, const char *path, char **cause)
{
    int v = user_version(s);
    if (v < 0) {
        set_cause(cause, "%s: %s", path, sqlite3_errmsg(s->db));
        return -1;
    }
    if (v == 0) {
        set_cause(cause,
                  "%s has no register in it (no schema: never initialised, or a copy of "
                  "the file without its -wal); `bureau init` initialises a new register",
                  path);
        return -1;
    }
    return 0;
}

/* All the checks read one snapshot: a writer committing meanwhile (serve)
 * cannot make an event appear to refer to an entry the check did not see. */
static int check_register(struct store *s, const char *path, char **cause)
{
    if (exec_sql(s, "BEGIN", cause) < 0)
        return -1;
    int rc = check_counters(s, path, cause);
    if (rc == 0)
        rc = check_references(s, path, cause);
    exec_sql(s, "COMMIT", NULL);
    return rc;
}

/* The register's file exists (or, creating, is made now: mode 0660
 * whatever the umask, so that the clerks' group can write it and the -wal
 * and -shm files SQLite gives the same mode; others get nothing: personal
 * data, loi 09-08). A missing directory or a permission is said in words
 * (access.h). *made: the file was created here. */
static int reach_file(const char *path, int create, int *made, char **cause)
{
    struct stat sb;
    if (stat(path, &sb) == 0)
        return 0;
    int err = errno;
    char *why = err == EACCES ? access_denied(path, R_OK | W_OK) : NULL;
    if (!why && err == ENOENT && create) {
        int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
        if (fd >= 0) {
            int ok = fchmod(fd, 0660) == 0;
            close(fd);
            *made = 1;
            if (ok)
                return 0;
        }
        err = errno;
        why = access_create_fault(path);
    } else if (!why && err == ENOENT) {
        why = access_create_fault(path);
        if (why) {
            char *all = xasprintf("no such file, and %s", why);
            free(why);
            why = all;
        } else {
            why = xstrdup("no such file; `bureau init` creates a new register");
        }
    }
    set_cause(cause, "%s: %s", path, why ? why : strerror(err));
    free(why);
    return -1;
}

static void unlink_if_empty(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && sb.st_size == 0)
        unlink(path);
}

static int open_register(const char *path, const char *number_format, int create,
                         struct store **out, char **cause)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, store_global_init);
    int made = 0;
    if (reach_file(path, create, &made, cause) < 0)
        return -1;
    struct store *s = xcalloc(1, sizeof *s);
    s->number_format = xstrdup(number_format ? number_format : "{year}/{seq:6}");
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        char *why = access_denied(path, R_OK | W_OK);
        set_cause(cause, "%s: %s", path,
                  why ? why : s->db ? sqlite3_errmsg(s->db) : "cannot open");
        free(why);
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    if (refuse_readonly(s, path, cause) < 0)
        goto fail;
    sqlite3_busy_timeout(s->db, 15000);
    /* no checkpoint on every close: a clerk's read-only command would pay
     * for it; store_close checkpoints when this connection wrote */
    (void)sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    if (!create && check_schema(s, path, cause) < 0)
        goto fail;
    /* page_size only takes on a new, empty database (before WAL): 16 KiB
     * pages hold a typical 20 KB original in two pages instead of five and
     * halve the pwrite calls of an ingest (bench/README.md). */
    if (exec_sql(s,
                 "PRAGMA page_size=16384; "
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                 "PRAGMA foreign_keys=ON;",
                 cause) < 0)
        goto fail;
    if (migrate(s, cause) < 0)
        goto fail;
    if (check_register(s, path, cause) < 0)
        goto fail;
    *out = s;
    return 0;
fail:
    store_close(s);
    if (made)
        unlink_if_empty(path);
    return -1;
}

int store_open(const char *path, const char *number_format, struct store **out, char **cause)
{
    return open_register(path, number_format, 0, out, cause);
}

int store_create(const char *path, const char *number_format, struct store **out,
                 char **cause)
{
    return open_register(path, number_format, 1, out, cause);
}

int store_checkpoint(struct store *s, int *left, char **cause)
{
    int nlog = 0, ncopied = 0;
    int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &nlog, &ncopied);
    if (left)
        *left = nlog > ncopied ? nlog - ncopied : 0;
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        set_cause(cause, "checkpoint: %s", sqlite3_errmsg(s->db));
        return -1;
    }
    return 0;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_cache; i++)
        sqlite3_finalize(s->cache[i].st);
    s->n_cache = 0;
    if (s->db && sqlite3_get_autocommit(s->db) && sqlite3_total_changes64(s->db) > 0)
        (void)store_checkpoint(s, NULL, NULL);
    if (s->db)
        sqlite3_close(s->db);
    fts_drop_from(s, 0);
    free(s->fts);
    free(s->number_format);
    free(s);
}

int store_begin(struct store *s, char **cause)
{
    s->fault = 0;
    if (exec_sql(s, "BEGIN IMMEDIATE", cause) < 0)
        return -1;
    s->in_tx = 1;
    return 0;
}

static void fts_drop_from(struct store *s, size_t from)
{
    for (size_t i = from; i < s->n_fts; i++)
        for (int k = 0; k < 4; k++)
            free(s->fts[i].field[k]);
    s->n_fts = from;
    if (s->fts_mark > from)
        s->fts_mark = from;
}

static int fts_flush(struct store *s, char **cause)
{
    for (size_t i = 0; i < s->n_fts; i++) {
        sqlite3_stmt *st = store_stmt(s,
                                      "INSERT INTO entries_fts (rowid, subject, body, sender, "
                                      "attachments) VALUES (?, ?, ?, ?, ?)",
                                      cause);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, s->fts[i].entry_id);
        for (int k = 0; k < 4; k++)
            sqlite3_bind_text(st, k + 2, s->fts[i].field[k], -1, SQLITE_STATIC);
        if (step_done(s, st, cause) < 0)
            return -1;
    }
    fts_drop_from(s, 0);
    return 0;
}

int store_commit(struct store *s, char **cause)
{
    if (fts_flush(s, cause) < 0 || exec_sql(s, "COMMIT", cause) < 0)
        return -1;
    s->in_tx = 0;
    return 0;
}

void store_rollback(struct store *s)
{
    (void)store_fault_temporary(s);  /* before ROLLBACK clears the error */
    s->in_tx = 0;
    fts_drop_from(s, 0);
    if (!sqlite3_get_autocommit(s->db))
        exec_sql(s, "ROLLBACK", NULL);
}

int store_savepoint(struct store *s, char **cause)
{
    if (exec_sql(s, "SAVEPOINT msg", cause) < 0)
        return -1;
    s->fts_mark = s->n_fts;
    return 0;
}

int store_release(struct store *s, char **cause)
{
    return exec_sql(s, "RELEASE msg", cause);
}

void store_rollback_savepoint(struct store *s)
{
    (void)store_fault_temporary(s);
    fts_drop_from(s, s->fts_mark);
    exec_sql(s, "ROLLBACK TO msg", NULL);
    exec_sql(s, "RELEASE msg", NULL);
}

void store_format_number(const struct store *s, int year, int64_t seq, char *out, size_t outlen)
{
    store_format_number_as(s->number_format, year, seq, out, outlen);
}

void store_format_number_as(const char *format, int year, int64_t seq, char *out, size_t outlen)
{
    struct buf b;
    buf_init(&b, outlen ? outlen - 1 : 0);
    const char *p = format;
    while (*p) {
        if (strncmp(p, "{year}", 6) == 0) {
            buf_printf(&b, "%04d", year);
            p += 6;
        } else if (strncmp(p, "{seq", 4) == 0 && (p[4] == '}' || p[4] == ':')) {
            int width = 0;
            const char *q = p + 4;
            if (*q == ':') {
                for (q++; isdigit((unsigned char)*q) && width < 20; q++)
                    width = width * 10 + (*q - '0');
            }
            if (*q != '}') {
                buf_putc(&b, *p++);
                continue;
            }
            buf_printf(&b, "%0*lld", width, (long long)seq);
            p = q + 1;
        } else {
            buf_putc(&b, *p++);
        }
    }
    snprintf(out, outlen, "%s", b.data ? b.data : "");
    buf_free(&b);
}

/* --- helpers ------------------------------------------------------------- */

static int step_done(struct store *s, sqlite3_stmt *st, char **cause)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        note_fault(s, rc);
        set_cause(cause, "%s", sqlite3_errmsg(s->db));
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static char *col_text(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

/* --- originals ----------------------------------------------------------- */

int64_t store_raw_find(struct store *s, const char *sha256)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id FROM raw_messages WHERE sha256 = ?", NULL);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return id;
}

int store_tx_raw_put(struct store *s, const char *raw, size_t len, const char *sha256,
                     int64_t *raw_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO raw_messages (sha256, size, received_at, bytes) VALUES (?, ?, ?, ?)",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)len);
    sqlite3_bind_int64(st, 3, now_epoch());
    sqlite3_bind_blob64(st, 4, raw, len, SQLITE_STATIC);
    if (step_done(s, st, cause) < 0)
        return -1;
    *raw_id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int64_t store_raw_outcome(struct store *s, int64_t raw_id)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "SELECT id FROM entries WHERE raw_id = ?1 "
        "UNION ALL SELECT -id FROM quarantine WHERE raw_id = ?1 LIMIT 1",
        NULL);
    if (!st)
        return 0;
    sqlite3_bind_int64(st, 1, raw_id);
    int64_t r = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    return r;
}

int store_raw_get(struct store *s, int64_t raw_id, char **data, size_t *len, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT bytes FROM raw_messages WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, raw_id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        set_cause(cause, "original message #%lld not found", (long long)raw_id);
        return -1;
    }
    size_t n = (size_t)sqlite3_column_bytes(st, 0);
    *data = xmalloc(n + 1);
    if (n)
        memcpy(*data, sqlite3_column_blob(st, 0), n);
    (*data)[n] = '\0';
    *len = n;
    sqlite3_reset(st);
    return 0;
}

/* --- IMAP state ---------------------------------------------------------- */

/* Binds ?1..?4 = account, mailbox, uidvalidity, uid. */
static void bind_uid_key(sqlite3_stmt *st, const char *account, const char *mailbox,
                         uint32_t uidvalidity, uint32_t uid)
{
    sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, mailbox, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, uidvalidity);
    sqlite3_bind_int64(st, 4, uid);
}

int store_imap_state(struct store *s, const char *account, const char *mailbox,
                     uint32_t *uidvalidity, uint32_t *last_uid)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT uidvalidity, last_uid FROM imap_state WHERE account = ? AND mailbox = ?",
        NULL);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, account, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, mailbox, -1, SQLITE_STATIC);
    *uidvalidity = 0;
    *last_uid = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *uidvalidity = (uint32_t)sqlite3_column_int64(st, 0);
        *last_uid = (uint32_t)sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
    return 0;
}

int store_tx_imap_set_state(struct store *s, const char *account, const char *mailbox,
                            uint32_t uidvalidity, uint32_t last_uid, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT INTO imap_state (account, mailbox, uidvalidity, last_uid) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (account, mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, "
        "last_uid = excluded.last_uid",
        cause);
    if (!st)
        return -1;
    bind_uid_key(st, account, mailbox, uidvalidity, last_uid);
    return step_done(s, st, cause);
}

int store_imap_seen_range(struct store *s, const char *account, const char *mailbox,
                          uint32_t uidvalidity, uint32_t lo, uint32_t hi,
                          struct store_seen **out, size_t *n, char **cause)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT uid, 1 + quarantined FROM imap_seen WHERE account = ? "
                                  "AND mailbox = ? AND uidvalidity = ? AND uid >= ? AND uid <= ? "
                                  "ORDER BY uid",
                                  cause);
    if (!st)
        return -1;
    bind_uid_key(st, account, mailbox, uidvalidity, lo);
    sqlite3_bind_int64(st, 5, hi);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *out = xrealloc(*out, cap * sizeof **out);
        }
        (*out)[*n].uid = (uint32_t)sqlite3_column_int64(st, 0);
        (*out)[(*n)++].seen = sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "imap_seen: %s", sqlite3_errmsg(s->db));
        free(*out);
        *out = NULL;
        *n = 0;
        return -1;
    }
    return 0;
}

int store_tx_imap_mark_uid(struct store *s, const char *account, const char *mailbox,
                           uint32_t uidvalidity, uint32_t uid, int64_t raw_id, int quarantined,
                           char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT OR IGNORE INTO imap_seen (account, mailbox, uidvalidity, uid, raw_id, "
        "quarantined) VALUES (?, ?, ?, ?, ?, ?)",
        cause);
    if (!st)
        return -1;
    bind_uid_key(st, account, mailbox, uidvalidity, uid);
    if (raw_id > 0)
        sqlite3_bind_int64(st, 5, raw_id);
    else
        sqlite3_bind_null(st, 5);
    sqlite3_bind_int(st, 6, quarantined ? 1 : 0);
    return step_done(s, st, cause);
}

/* --- entries ------------------------------------------------------------- */

void entry_free(struct entry *e)
{
    if (!e)
        return;
    free(e->number);
    free(e->sender_addr);
    free(e->sender_name);
    free(e->recipients);
    free(e->subject);
    free(e->body);
    free(e->message_id);
    free(e->in_reply_to);
    free(e->refs);
    free(e->kind);
    free(e->department);
    free(e->status);
    free(e->due_date);
    free(e->closure_code);
    free(e->reply_number);
    free(e->source);
    free(e->mailbox_account);
    free(e->attention);
    memset(e, 0, sizeof *e);
}

#define ENTRY_COLS                                                                       \
    "id, number, year, seq, received_at, sent_at, sender_addr, sender_name, recipients, " \
    "subject, body, message_id, in_reply_to, refs, kind, department, status, "           \
    "needs_triage, urgent, due_date, closure_code, reply_number, source, n_attachments, " \
    "raw_id, account, attention, internal"

static void entry_from_row(sqlite3_stmt *st, struct entry *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->number = col_text(st, 1);
    e->year = sqlite3_column_int(st, 2);
    e->seq = sqlite3_column_int64(st, 3);
    e->received_at = sqlite3_column_int64(st, 4);
    e->sent_at = sqlite3_column_int64(st, 5);
    e->sender_addr = col_text(st, 6);
    e->sender_name = col_text(st, 7);
    e->recipients = col_text(st, 8);
    e->subject = col_text(st, 9);
    e->body = col_text(st, 10);
    e->message_id = col_text(st, 11);
    e->in_reply_to = col_text(st, 12);
    e->refs = col_text(st, 13);
    e->kind = col_text(st, 14);
    e->department = col_text(st, 15);
    e->status = col_text(st, 16);
    e->needs_triage = sqlite3_column_int(st, 17);
    e->urgent = sqlite3_column_int(st, 18);
    e->due_date = col_text(st, 19);
    e->closure_code = col_text(st, 20);
    e->reply_number = col_text(st, 21);
    e->source = col_text(st, 22);
    e->n_attachments = sqlite3_column_int(st, 23);
    e->raw_id = sqlite3_column_int64(st, 24);
    e->mailbox_account = col_text(st, 25);
    e->attention = col_text(st, 26);
    e->internal = sqlite3_column_int(st, 27);
}

int store_entry_by_id(struct store *s, int64_t id, struct entry *out, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT " ENTRY_COLS " FROM entries WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        set_cause(cause, "no entry #%lld", (long long)id);
        return -1;
    }
    entry_from_row(st, out);
    sqlite3_reset(st);
    return 0;
}

static int lookup_year_seq(struct store *s, int year, int64_t seq, struct entry *out,
                           char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT " ENTRY_COLS " FROM entries WHERE year = ? AND seq = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, year);
    sqlite3_bind_int64(st, 2, seq);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_reset(st);
        char number[64];
        store_format_number(s, year, seq, number, sizeof number);
        set_cause(cause, "no entry numbered %s in the register", number);
        return -1;
    }
    entry_from_row(st, out);
    sqlite3_reset(st);
    return 0;
}

int store_entry_get(struct store *s, const char *ref, struct entry *out, char **cause)
{
    if (ref[0] == '#') {
        uint64_t id;
        if (parse_u64(ref + 1, &id) < 0) {
            set_cause(cause, "bad entry id: %s", ref);
            return -1;
        }
        return store_entry_by_id(s, (int64_t)id, out, cause);
    }
    sqlite3_stmt *st = store_stmt(s, "SELECT " ENTRY_COLS " FROM entries WHERE number = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) {
        entry_from_row(st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    struct regnum rn;
    if (regnum_parse(ref, regnum_this_year(), &rn, cause) < 0)
        return -1;
    return lookup_year_seq(s, rn.year, rn.seq, out, cause);
}

int store_event(struct store *s, int64_t entry_id, const char *actor, const char *action,
                const char *detail, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "INSERT INTO events (entry_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
        cause);
    if (!st)
        return -1;
    if (entry_id > 0)
        sqlite3_bind_int64(st, 1, entry_id);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int64(st, 2, now_epoch());
    bind_text(st, 3, actor ? actor : "system");
    bind_text(st, 4, action);
    bind_text(st, 5, detail);
    return step_done(s, st, cause);
}

int store_entry_has_event(struct store *s, int64_t entry_id, const char *action, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT 1 FROM events WHERE entry_id = ? AND action = ? LIMIT 1", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    sqlite3_bind_text(st, 2, action, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    int r = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (r < 0)
        set_cause(cause, "%s", sqlite3_errmsg(s->db));
    sqlite3_reset(st);
    return r;
}

static int next_seq(struct store *s, int year, int64_t *seq, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT INTO counters (year, last) VALUES (?, 1) "
        "ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, year);
    if (sqlite3_step(st) != SQLITE_ROW) {
        set_cause(cause, "numbering: %s", sqlite3_errmsg(s->db));
        sqlite3_reset(st);
        return -1;
    }
    *seq = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return 0;
}

/* Only what the register shows of an attachment: name, type, size and
 * digest. Its bytes are in the stored original, and `bureau attachments`
 * cuts them out again and checks the digest (sql/006_attachment_refs.sql). */
static int insert_attachments(struct store *s, int64_t entry_id, const struct msg *m,
                              char **cause)
{
    for (size_t i = 0; i < m->n_att; i++) {
        const struct msg_attachment *a = &m->att[i];
        sqlite3_stmt *st = store_stmt(s,
                                      "INSERT INTO attachments (entry_id, idx, filename, "
                                      "content_type, size, bytes, sha256) "
                                      "VALUES (?, ?, ?, ?, ?, X'', ?)",
                                      cause);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, entry_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        bind_text(st, 3, a->filename);
        bind_text(st, 4, a->content_type);
        sqlite3_bind_int64(st, 5, (sqlite3_int64)a->size);
        bind_text(st, 6, a->sha256[0] ? a->sha256 : NULL);
        if (step_done(s, st, cause) < 0)
            return -1;
    }
    return 0;
}

static char *norm_or_empty(const char *s)
{
    return norm_text(s ? s : "", s ? strlen(s) : 0, NULL);
}

/* A normalised text followed by the stems of its Arabic words with the
 * article (norm_stems): search finds طريق in الطريق. Takes text. */
static char *with_stems(char *text)
{
    char *stems = norm_stems(text);
    if (!*stems) {
        free(stems);
        return text;
    }
    char *both = xasprintf("%s\n%s", text, stems);
    free(stems);
    free(text);
    return both;
}

/* The full-text row is written when the transaction commits, not here.
 * FTS5 writes its pending rows out as a new segment at every SAVEPOINT, so
 * a row inserted inside each message's savepoint cost one segment (and
 * its merges) per message; written at commit, a batch makes one. Rows of
 * a savepoint rolled back are dropped with it (store_rollback_savepoint). */
static int insert_fts(struct store *s, int64_t entry_id, const struct msg *m, char **cause)
{
    (void)cause;
    struct buf names;
    buf_init(&names, 64 * 1024);
    for (size_t i = 0; i < m->n_att; i++)
        if (m->att[i].filename)
            buf_printf(&names, "%s\n", m->att[i].filename);
    char *sender = xasprintf("%s %s", m->from_name ? m->from_name : "",
                             m->from_addr ? m->from_addr : "");
    if (s->n_fts == s->cap_fts) {
        s->cap_fts = s->cap_fts ? s->cap_fts * 2 : 64;
        s->fts = xrealloc(s->fts, s->cap_fts * sizeof *s->fts);
    }
    struct fts_row *r = &s->fts[s->n_fts++];
    r->entry_id = entry_id;
    r->field[0] = with_stems(norm_or_empty(m->subject));
    r->field[1] = with_stems(norm_or_empty(m->body));
    r->field[2] = norm_or_empty(sender);
    r->field[3] = norm_or_empty(names.data);
    free(sender);
    buf_free(&names);
    int rc = 0;
    if (sqlite3_get_autocommit(s->db))  /* no transaction open: write it now */
        rc = fts_flush(s, cause);
    return rc;
}

static int year_of(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    localtime_r(&tt, &tm);
    return tm.tm_year + 1900;
}

static int insert_entry(struct store *s, const struct register_input *in, int year,
                        int64_t seq, const char *number, int64_t received, char **cause)
{
    const struct msg *m = in->msg;
    sqlite3_stmt *st = store_stmt(
        s,
        "INSERT INTO entries (number, year, seq, received_at, sent_at, sender_addr, "
        "sender_name, recipients, cc, subject, body, message_id, in_reply_to, refs, kind, "
        "department, needs_triage, due_date, n_attachments, raw_id, source, account, "
        "internal) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int64(st, 3, seq);
    sqlite3_bind_int64(st, 4, received);
    if (m->date)
        sqlite3_bind_int64(st, 5, m->date);
    else
        sqlite3_bind_null(st, 5);
    bind_text(st, 6, m->from_addr);
    bind_text(st, 7, m->from_name);
    bind_text(st, 8, m->to);
    bind_text(st, 9, m->cc);
    bind_text(st, 10, m->subject);
    bind_text(st, 11, m->body);
    bind_text(st, 12, m->message_id);
    bind_text(st, 13, m->in_reply_to);
    bind_text(st, 14, m->references);
    bind_text(st, 15, in->kind);
    bind_text(st, 16, in->department);
    sqlite3_bind_int(st, 17, in->needs_triage);
    bind_text(st, 18, in->due_date);
    sqlite3_bind_int64(st, 19, (sqlite3_int64)m->n_att);
    sqlite3_bind_int64(st, 20, in->raw_id);
    bind_text(st, 21, in->source);
    bind_text(st, 22, in->account);
    sqlite3_bind_int(st, 23, in->internal ? 1 : 0);
    return step_done(s, st, cause);
}

int store_tx_register(struct store *s, const struct register_input *in, struct entry *out,
                      char **cause)
{
    int64_t received = in->received_at ? in->received_at : now_epoch();
    int year = year_of(received);
    int64_t seq;
    char number[64];
    if (next_seq(s, year, &seq, cause) < 0)
        return -1;
    store_format_number(s, year, seq, number, sizeof number);
    if (insert_entry(s, in, year, seq, number, received, cause) < 0)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (insert_attachments(s, id, in->msg, cause) < 0 || insert_fts(s, id, in->msg, cause) < 0)
        return -1;
    char *detail = xasprintf("number %s; kind %s; department %s%s; source %s", number,
                             in->kind, in->department, in->needs_triage ? " (needs triage)" : "",
                             in->source ? in->source : "-");
    int rc = store_event(s, id, in->actor ? in->actor : "system", "registered", detail, cause);
    free(detail);
    if (rc < 0)
        return -1;
    return out ? store_entry_by_id(s, id, out, cause) : 0;
}

/* The columns a clerk or the service may change, each with its statement
 * (static strings: store_stmt keeps them prepared). */
#define SET_COL(c) {#c, "UPDATE entries SET " #c " = ? WHERE id = ?"}
static const struct {
    const char *col, *sql;
} mutable_cols[] = {
    SET_COL(department), SET_COL(kind), SET_COL(status), SET_COL(needs_triage),
    SET_COL(due_date), SET_COL(closure_code), SET_COL(reply_number), SET_COL(urgent),
    SET_COL(attention),
};
#undef SET_COL

int store_tx_entry_set(struct store *s, int64_t entry_id, const char *column,
                       const char *value, const char *actor, const char *detail,
                       char **cause)
{
    size_t i;
    for (i = 0; i < BU_ARRAY_LEN(mutable_cols); i++)
        if (strcmp(column, mutable_cols[i].col) == 0)
            break;
    if (i == BU_ARRAY_LEN(mutable_cols)) {
        set_cause(cause, "column %s cannot be changed", column);
        return -1;
    }
    sqlite3_stmt *st = store_stmt(s, mutable_cols[i].sql, cause);
    if (!st)
        return -1;
    bind_text(st, 1, value);
    sqlite3_bind_int64(st, 2, entry_id);
    if (step_done(s, st, cause) < 0)
        return -1;
    if (sqlite3_changes(s->db) != 1) {
        set_cause(cause, "no entry #%lld", (long long)entry_id);
        return -1;
    }
    return store_event(s, entry_id, actor, column, detail, cause);
}

/* --- quarantine ---------------------------------------------------------- */

int store_tx_quarantine(struct store *s, int64_t raw_id, const char *reason,
                        const char *source, const char *account, int64_t *qid, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO quarantine (raw_id, received_at, reason, source, "
                                  "account) VALUES (?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    if (raw_id > 0)
        sqlite3_bind_int64(st, 1, raw_id);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int64(st, 2, now_epoch());
    bind_text(st, 3, reason);
    bind_text(st, 4, source);
    bind_text(st, 5, account);
    if (step_done(s, st, cause) < 0)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if (qid)
        *qid = id;
    st = store_stmt(s,
                    "INSERT INTO events (quarantine_id, at, actor, action, detail) "
                    "VALUES (?, ?, 'system', 'quarantined', ?)",
                    cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_epoch());
    bind_text(st, 3, reason);
    return step_done(s, st, cause);
}
