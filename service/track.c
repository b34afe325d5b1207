/* track.c — see track.h */
#include "bureau/track.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"

#define HASH_HEX 64

static volatile int track_sink; /* keeps the comparison of a missing row */

static void need_sodium(void)
{
    if (sodium_init() < 0) {
        fputs("bureau: libsodium cannot be initialised\n", stderr);
        exit(EXIT_OOM);
    }
}

static void hash_hex(const char *token, size_t len, char out[HASH_HEX + 1])
{
    unsigned char h[HASH_HEX / 2];
    need_sodium();
    crypto_generichash(h, sizeof h, (const unsigned char *)token, len, NULL, 0);
    sodium_bin2hex(out, HASH_HEX + 1, h, sizeof h);
    sodium_memzero(h, sizeof h);
}

/* number as it appears in the link, into out (TRACK_MAX_NUMBER + 1) */
static void number_part(const char *number, char out[TRACK_MAX_NUMBER + 1])
{
    size_t n = 0;
    for (const char *p = number ? number : ""; *p && n < TRACK_MAX_NUMBER; p++) {
        int ok = (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                 *p == '-';
        out[n++] = ok ? *p : '-';
    }
    out[n] = '\0';
}

int track_tx_issue(struct store *s, int64_t entry_id, const char *number,
                   char token[TRACK_TOKEN_LEN + 1], char **cause)
{
    unsigned char raw[TRACK_TOKEN_LEN / 2];
    char hash[HASH_HEX + 1], part[TRACK_MAX_NUMBER + 1];
    need_sodium();
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(token, TRACK_TOKEN_LEN + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    hash_hex(token, TRACK_TOKEN_LEN, hash);
    number_part(number, part);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT OR REPLACE INTO track_tokens (entry_id, number_part, "
                                  "token_hash, created_at) VALUES (?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    sqlite3_bind_text(st, 2, part, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now_epoch());
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "track_tokens: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

char *track_url(const char *base_url, const char *number, const char *token)
{
    char part[TRACK_MAX_NUMBER + 1];
    if (!base_url || !*base_url || !token)
        return NULL;
    size_t n = strlen(base_url);
    while (n && base_url[n - 1] == '/')
        n--;
    number_part(number, part);
    return xasprintf("%.*s/suivi/%s/%s", (int)n, base_url, part, token);
}

static int token_shape_ok(const char *t)
{
    size_t n = 0;
    for (; t[n]; n++)
        if (n >= TRACK_TOKEN_LEN || !((t[n] >= '0' && t[n] <= '9') || (t[n] >= 'a' && t[n] <= 'f')))
            return 0;
    return n == TRACK_TOKEN_LEN;
}

int track_check(struct store *s, const char *number_part, const char *token, int64_t *entry_id,
                char **cause)
{
    char hash[HASH_HEX + 1];
    /* the same work whatever is wrong: hash what was presented (capped),
     * look the number up, compare with a hash that never matches when
     * there is no row */
    size_t tn = token ? strnlen(token, TRACK_TOKEN_LEN + 1) : 0;
    int shape =
        token && number_part && token_shape_ok(token) && strlen(number_part) <= TRACK_MAX_NUMBER;
    hash_hex(token ? token : "", tn, hash);
    *entry_id = 0;
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT entry_id, token_hash FROM track_tokens "
                                  "WHERE number_part = ? ORDER BY entry_id",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, number_part ? number_part : "", -1, SQLITE_TRANSIENT);
    int rc, found = 0, rows = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 1);
        rows++;
        if (!h || sqlite3_column_bytes(st, 1) != HASH_HEX)
            continue;
        if (sodium_memcmp(h, hash, HASH_HEX) == 0 && shape && !found) {
            *entry_id = sqlite3_column_int64(st, 0);
            found = 1;
        }
    }
    sqlite3_reset(st);
    if (!rows) {
        static const char none[HASH_HEX + 1] =
            "00000000000000000000000000000000000000000000000000000000000000zz";
        track_sink = sodium_memcmp(none, hash, HASH_HEX); /* what a row would cost */
    }
    sodium_memzero(hash, sizeof hash);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "track_tokens: %s", sqlite3_errmsg(store_db(s)));
        *entry_id = 0;
        return -1;
    }
    return found;
}
