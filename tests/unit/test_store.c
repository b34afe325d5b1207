/* test_store.c — numbering, immutability, lookups, quarantine, IMAP state. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bureau/store.h"
#include "bureau/util.h"
#include "t.h"

static char dbpath[256];

static struct store *open_store(const char *fmt)
{
    struct store *s = NULL;
    char *cause = NULL;
    snprintf(dbpath, sizeof dbpath, "/tmp/bureau-test-store-%ld.db", (long)getpid());
    CHECK(store_create(dbpath, fmt, &s, &cause) == 0);
    if (cause)
        fprintf(stderr, "%s\n", cause);
    free(cause);
    return s;
}

static void cleanup(void)
{
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static int64_t put_raw(struct store *s, const char *raw)
{
    char sha[65];
    int64_t id = 0;
    sha256_hex(raw, strlen(raw), sha);
    CHECK(store_tx_raw_put(s, raw, strlen(raw), sha, &id, NULL) == 0);
    return id;
}

static int reg(struct store *s, const char *raw, const char *subject, struct entry *e)
{
    struct msg m;
    msg_init(&m);
    m.subject = xstrdup(subject);
    m.from_addr = xstrdup("citizen@example.test");
    m.body = xstrdup("نص الرسالة");
    struct register_input in = {.msg = &m, .raw_id = put_raw(s, raw), .kind = "complaint",
                                .department = "urbanisme", .source = "test"};
    char *cause = NULL;
    int rc = store_tx_register(s, &in, e, &cause);
    if (rc)
        fprintf(stderr, "register: %s\n", cause);
    free(cause);
    msg_free(&m);
    return rc;
}

static int this_year(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

static void test_numbering(void)
{
    struct store *s = open_store(NULL);
    struct entry e;
    char want[32];
    int y = this_year();
    for (int i = 1; i <= 3; i++) {
        char raw[32];
        snprintf(raw, sizeof raw, "message %d", i);
        CHECK(store_begin(s, NULL) == 0);
        CHECK(reg(s, raw, "objet", &e) == 0);
        CHECK(store_commit(s, NULL) == 0);
        snprintf(want, sizeof want, "%d/%06d", y, i);
        CHECK_STR(e.number, want);
        entry_free(&e);
    }
    /* a rolled-back registration gives its number back: no gap */
    CHECK(store_begin(s, NULL) == 0);
    CHECK(reg(s, "rolled back", "x", &e) == 0);
    snprintf(want, sizeof want, "%d/%06d", y, 4);
    CHECK_STR(e.number, want);
    entry_free(&e);
    store_rollback(s);
    CHECK(store_begin(s, NULL) == 0);
    CHECK(reg(s, "after rollback", "y", &e) == 0);
    CHECK(store_commit(s, NULL) == 0);
    CHECK_STR(e.number, want);
    CHECK(e.seq == 4);
    entry_free(&e);

    /* lookups: full number, short forms, #id */
    char ref[32];
    snprintf(ref, sizeof ref, "%d/2", y);
    CHECK(store_entry_get(s, ref, &e, NULL) == 0 && e.seq == 2);
    entry_free(&e);
    CHECK(store_entry_get(s, "3", &e, NULL) == 0 && e.seq == 3);
    entry_free(&e);
    CHECK(store_entry_get(s, "#1", &e, NULL) == 0 && e.seq == 1);
    entry_free(&e);
    char *cause = NULL;
    CHECK(store_entry_get(s, "99", &e, &cause) == -1 && cause && strstr(cause, "99"));
    free(cause);
    cause = NULL;
    CHECK(store_entry_get(s, "abc'; DROP TABLE entries", &e, &cause) == -1);
    free(cause);

    /* the register is an archive: no delete, no renumbering, no altered original */
    sqlite3 *db = store_db(s);
    CHECK(sqlite3_exec(db, "DELETE FROM entries WHERE seq = 1", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE entries SET seq = 9 WHERE seq = 1", NULL, NULL, NULL) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE raw_messages SET bytes = 'x'", NULL, NULL, NULL) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL) != SQLITE_OK);

    /* mutable columns record an event; others are refused */
    CHECK(store_tx_entry_set(s, 1, "department", "fiscalite", "amina", "urbanisme -> fiscalite",
                             NULL) == 0);
    CHECK(store_entry_by_id(s, 1, &e, NULL) == 0);
    CHECK_STR(e.department, "fiscalite");
    entry_free(&e);
    cause = NULL;
    CHECK(store_tx_entry_set(s, 1, "number", "1", "amina", NULL, &cause) == -1);
    free(cause);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM events WHERE entry_id = 1 AND actor = 'amina'",
                       -1, &st, NULL);
    CHECK(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1);
    sqlite3_finalize(st);
    store_close(s);
    cleanup();
}

static void test_format(void)
{
    struct store *s = open_store("BO-{year}-{seq:4}");
    char out[64];
    store_format_number(s, 2026, 7, out, sizeof out);
    CHECK_STR(out, "BO-2026-0007");
    store_format_number(s, 2026, 123456, out, sizeof out);
    CHECK_STR(out, "BO-2026-123456");
    store_close(s);
    cleanup();
    s = open_store(NULL);
    store_format_number(s, 2027, 1, out, sizeof out);
    CHECK_STR(out, "2027/000001");
    store_close(s);
    cleanup();
}

static void test_dedupe_and_quarantine(void)
{
    struct store *s = open_store(NULL);
    char sha[65];
    const char *raw = "From: x\r\n\r\nbody";
    sha256_hex(raw, strlen(raw), sha);
    CHECK(store_raw_find(s, sha) == 0);
    CHECK(store_begin(s, NULL) == 0);
    int64_t rid = put_raw(s, raw), qid = 0;
    CHECK(store_tx_quarantine(s, rid, "unparsable", "test", NULL, &qid, NULL) == 0);
    CHECK(store_tx_imap_mark_uid(s, "general", "INBOX", 77, 5, rid, 1, NULL) == 0);
    CHECK(store_commit(s, NULL) == 0);
    CHECK(store_raw_find(s, sha) == rid);
    CHECK(store_raw_outcome(s, rid) == -qid);
    CHECK(store_begin(s, NULL) == 0);
    CHECK(store_tx_imap_mark_uid(s, "general", "INBOX", 77, 9, rid, 0, NULL) == 0);
    CHECK(store_tx_imap_mark_uid(s, "general", "INBOX", 77, 12, rid, 0, NULL) == 0);
    CHECK(store_tx_imap_mark_uid(s, "general", "Other", 77, 7, rid, 0, NULL) == 0);
    CHECK(store_commit(s, NULL) == 0);
    struct store_seen *seen = NULL;
    size_t nseen = 0;
    CHECK(store_imap_seen_range(s, "general", "INBOX", 77, 5, 11, &seen, &nseen, NULL) == 0);
    CHECK(nseen == 2 && seen[0].uid == 5 && seen[0].seen == 2 && seen[1].uid == 9 &&
          seen[1].seen == 1);
    free(seen);
    CHECK(store_imap_seen_range(s, "general", "INBOX", 78, 1, 100, &seen, &nseen, NULL) == 0);
    CHECK(nseen == 0 && !seen);
    /* the same bytes cannot be stored twice */
    CHECK(store_begin(s, NULL) == 0);
    int64_t again = 0;
    char *cause = NULL;
    CHECK(store_tx_raw_put(s, raw, strlen(raw), sha, &again, &cause) == -1);
    free(cause);
    store_rollback(s);
    char *data = NULL;
    size_t len = 0;
    CHECK(store_raw_get(s, rid, &data, &len, NULL) == 0 && len == strlen(raw) &&
          memcmp(data, raw, len) == 0);
    free(data);
    uint32_t v, last;
    CHECK(store_begin(s, NULL) == 0);
    CHECK(store_tx_imap_set_state(s, "general", "INBOX", 77, 12, NULL) == 0);
    CHECK(store_commit(s, NULL) == 0);
    CHECK(store_imap_state(s, "general", "INBOX", &v, &last) == 0 && v == 77 && last == 12);
    store_close(s);
    cleanup();
}

static void test_reopen_keeps_schema(void)
{
    struct store *s = open_store(NULL);
    struct entry e;
    CHECK(store_begin(s, NULL) == 0);
    CHECK(reg(s, "persisted", "objet", &e) == 0);
    CHECK(store_commit(s, NULL) == 0);
    entry_free(&e);
    store_close(s);
    s = open_store(NULL);  /* migrations are not re-applied */
    CHECK(store_entry_by_id(s, 1, &e, NULL) == 0);
    CHECK_STR(e.subject, "objet");
    entry_free(&e);
    store_close(s);
    cleanup();
}

int main(void)
{
    test_numbering();
    test_format();
    test_dedupe_and_quarantine();
    test_reopen_keeps_schema();
    T_END();
}
