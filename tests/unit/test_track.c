/* test_track.c — the tracking link (track.h): the URL, the token issued
 * and checked against a real register, only its hash stored, every wrong
 * presentation refused alike. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/store.h"
#include "bureau/track.h"
#include "bureau/util.h"
#include "t.h"

static char dbpath[256];

static void cleanup(void)
{
    char p[300];
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
}

static void test_url(void)
{
    const char *tok = "0123456789abcdef0123456789abcdef";
    char *u = track_url("https://bo.commune.ma/", "2026/000123", tok);
    CHECK_STR(u, "https://bo.commune.ma/suivi/2026-000123/0123456789abcdef0123456789abcdef");
    free(u);
    u = track_url("https://bo.commune.ma//", "BO 7/2026", tok);
    CHECK_STR(u, "https://bo.commune.ma/suivi/BO-7-2026/0123456789abcdef0123456789abcdef");
    free(u);
    CHECK(track_url(NULL, "2026/000123", tok) == NULL);
    CHECK(track_url("", "2026/000123", tok) == NULL);
}

static int64_t new_entry(struct store *s, const char *raw)
{
    char sha[65];
    int64_t raw_id = 0;
    struct msg m;
    struct entry e;
    sha256_hex(raw, strlen(raw), sha);
    CHECK(store_tx_raw_put(s, raw, strlen(raw), sha, &raw_id, NULL) == 0);
    msg_init(&m);
    m.subject = xstrdup("objet");
    m.from_addr = xstrdup("citizen@example.test");
    struct register_input in = {.msg = &m,
                                .raw_id = raw_id,
                                .kind = "complaint",
                                .department = "urbanisme",
                                .source = "test"};
    CHECK(store_tx_register(s, &in, &e, NULL) == 0);
    int64_t id = e.id;
    entry_free(&e);
    msg_free(&m);
    return id;
}

static void test_issue_check(void)
{
    struct store *s = NULL;
    char *cause = NULL, tok[TRACK_TOKEN_LEN + 1], tok2[TRACK_TOKEN_LEN + 1];
    int64_t id = 0;
    snprintf(dbpath, sizeof dbpath, "/tmp/bureau-test-track-%ld.db", (long)getpid());
    CHECK(store_create(dbpath, NULL, &s, &cause) == 0);
    if (!s)
        return;
    CHECK(store_begin(s, NULL) == 0);
    int64_t a = new_entry(s, "raw one"), b = new_entry(s, "raw two");
    CHECK(track_tx_issue(s, a, "2026/000001", tok, NULL) == 0);
    CHECK(track_tx_issue(s, b, "2026/000002", tok2, NULL) == 0);
    CHECK(store_commit(s, NULL) == 0);
    CHECK(strlen(tok) == TRACK_TOKEN_LEN && strspn(tok, "0123456789abcdef") == TRACK_TOKEN_LEN);
    CHECK(strcmp(tok, tok2) != 0);

    CHECK(track_check(s, "2026-000001", tok, &id, NULL) == 1 && id == a);
    CHECK(track_check(s, "2026-000002", tok2, &id, NULL) == 1 && id == b);
    /* the other entry's token, an unknown number, a changed digit, malformed */
    CHECK(track_check(s, "2026-000001", tok2, &id, NULL) == 0 && id == 0);
    CHECK(track_check(s, "2026-000009", tok, &id, NULL) == 0 && id == 0);
    char bad[TRACK_TOKEN_LEN + 1];
    memcpy(bad, tok, sizeof bad);
    bad[5] = bad[5] == '0' ? '1' : '0';
    CHECK(track_check(s, "2026-000001", bad, &id, NULL) == 0);
    char upper[TRACK_TOKEN_LEN + 1];
    memcpy(upper, tok, sizeof upper);
    for (char *p = upper; *p; p++)
        if (*p >= 'a' && *p <= 'f')
            *p = (char)(*p - 'a' + 'A');
    CHECK(strcmp(upper, tok) == 0 || track_check(s, "2026-000001", upper, &id, NULL) == 0);
    CHECK(track_check(s, "2026-000001", "", &id, NULL) == 0);
    CHECK(track_check(s, "2026-000001", NULL, &id, NULL) == 0);
    CHECK(track_check(s, NULL, tok, &id, NULL) == 0);
    char longtok[TRACK_TOKEN_LEN + 2];
    snprintf(longtok, sizeof longtok, "%s0", tok);
    CHECK(track_check(s, "2026-000001", longtok, &id, NULL) == 0);

    /* only the hash is stored */
    unsigned char h[32];
    char hex[65];
    crypto_generichash(h, sizeof h, (const unsigned char *)tok, TRACK_TOKEN_LEN, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT token_hash, number_part FROM track_tokens "
                                  "WHERE entry_id = ?",
                                  NULL);
    CHECK(st != NULL);
    if (st) {
        sqlite3_bind_int64(st, 1, a);
        CHECK(sqlite3_step(st) == SQLITE_ROW);
        CHECK_STR((const char *)sqlite3_column_text(st, 0), hex);
        CHECK_STR((const char *)sqlite3_column_text(st, 1), "2026-000001");
        sqlite3_reset(st);
    }

    /* a new token replaces the old one */
    char tok3[TRACK_TOKEN_LEN + 1];
    CHECK(store_begin(s, NULL) == 0);
    CHECK(track_tx_issue(s, a, "2026/000001", tok3, NULL) == 0);
    CHECK(store_commit(s, NULL) == 0);
    CHECK(track_check(s, "2026-000001", tok3, &id, NULL) == 1 && id == a);
    CHECK(track_check(s, "2026-000001", tok, &id, NULL) == 0);
    free(cause);
    store_close(s);
    cleanup();
}

int main(void)
{
    test_url();
    test_issue_check();
    T_END();
}
