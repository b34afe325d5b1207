/* session.c — see account.h: the console's sessions and login attempts. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "account_int.h"
#include "bureau/account.h"
#include "bureau/util.h"

#define SESSION_RAW 32     /* random bytes of a session id and of a CSRF token */
#define ADDRESS_MAX 64

/* The stored form of a cookie value: hex BLAKE2b-256 of its 32 bytes. */
static void id_hash(const unsigned char raw[SESSION_RAW], char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, raw, SESSION_RAW, NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The hash of a cookie value: 0, or -1 when it is not 64 lower-case hex
 * digits. */
static int hash_of_hex(const char *hex, char out[65])
{
    unsigned char raw[SESSION_RAW];
    size_t n = 0;
    if (!hex || strnlen(hex, SESSION_ID_HEX + 1) != SESSION_ID_HEX ||
        strspn(hex, "0123456789abcdef") != SESSION_ID_HEX ||
        sodium_hex2bin(raw, sizeof raw, hex, SESSION_ID_HEX, NULL, &n, NULL) != 0 ||
        n != SESSION_RAW)
        return -1;
    id_hash(raw, out);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

static void random_hex(char out[65], unsigned char raw[SESSION_RAW])
{
    randombytes_buf(raw, SESSION_RAW);
    sodium_bin2hex(out, 65, raw, SESSION_RAW);
}

static const char *capped_address(const char *a)
{
    return a && *a && strlen(a) <= ADDRESS_MAX && !str_has_ctl(a, 0) ? a : "?";
}

int acct_end_sessions(struct store *s, int64_t user_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE user_id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    return acct_step_done(s, st, cause);
}

/* 0 when the account exists and is enabled, 1 (with cause), -1. */
static int account_usable(struct store *s, int64_t user_id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT disabled FROM users WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    int64_t disabled = 0;
    int rc = acct_first_i64(s, st, &disabled, cause);
    if (rc == 0 || (rc == 1 && disabled)) {
        set_cause(cause, "account #%lld %s", (long long)user_id,
                  rc == 0 ? "does not exist" : "is disabled");
        return 1;
    }
    return rc < 0 ? -1 : 0;
}

int session_create(struct store *s, int64_t user_id, const char *address, int64_t now,
                   char id_hex_out[65], struct session *out, char **cause)
{
    acct_sodium();
    int rc = account_usable(s, user_id, cause);
    if (rc != 0)
        return rc;
    unsigned char raw[SESSION_RAW];
    char hash[65];
    struct session se = {.user_id = user_id, .created_at = now, .last_seen = now};
    random_hex(id_hex_out, raw);
    id_hash(raw, hash);
    random_hex(se.csrf, raw);
    sodium_memzero(raw, sizeof raw);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO sessions (id_hash, csrf, user_id, created_at, "
                                  "last_seen, address) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, se.csrf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, user_id);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_text(st, 5, capped_address(address), -1, SQLITE_TRANSIENT);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    se.id = sqlite3_last_insert_rowid(store_db(s));
    if (out)
        *out = se;
    return 0;
}

static int delete_session(struct store *s, int64_t id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return acct_step_done(s, st, cause);
}

static int expired(const struct session *se, int64_t now, unsigned idle, unsigned max)
{
    return (idle && now - se->last_seen > (int64_t)idle) ||
           (max && now - se->created_at > (int64_t)max);
}

/* The session whose id hashes to hash: 0 (*se, *disabled), 1 none, -1. */
static int find(struct store *s, const char *hash, struct session *se, int *disabled,
                char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT s.id, s.user_id, s.created_at, s.last_seen, s.csrf, "
                                  "u.disabled FROM sessions s JOIN users u ON u.id = s.user_id "
                                  "WHERE s.id_hash = ?",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        se->id = sqlite3_column_int64(st, 0);
        se->user_id = sqlite3_column_int64(st, 1);
        se->created_at = sqlite3_column_int64(st, 2);
        se->last_seen = sqlite3_column_int64(st, 3);
        const char *csrf = (const char *)sqlite3_column_text(st, 4);
        snprintf(se->csrf, sizeof se->csrf, "%s", csrf ? csrf : "");
        *disabled = sqlite3_column_int(st, 5) != 0;
    } else if (rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int touch(struct store *s, struct session *se, int64_t now, char **cause)
{
    if (now <= se->last_seen)
        return 0;
    sqlite3_stmt *st = store_stmt(s, "UPDATE sessions SET last_seen = ? WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now);
    sqlite3_bind_int64(st, 2, se->id);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    se->last_seen = now;
    return 0;
}

int session_lookup(struct store *s, const char *id_hex, int64_t now, unsigned idle, unsigned max,
                   struct session *out, char **cause)
{
    char hash[65];
    struct session se;
    int disabled = 0;
    acct_sodium();
    memset(&se, 0, sizeof se);
    if (hash_of_hex(id_hex, hash) < 0) {
        set_cause(cause, "malformed session id");
        return 1;
    }
    int rc = find(s, hash, &se, &disabled, cause);
    if (rc == 1)
        set_cause(cause, "no such session");
    if (rc != 0)
        return rc;
    if (disabled || expired(&se, now, idle, max)) {
        set_cause(cause, "%s", disabled ? "the account is disabled" : "the session has expired");
        return delete_session(s, se.id, cause) < 0 ? -1 : 1;
    }
    if (touch(s, &se, now, cause) < 0)
        return -1;
    if (out)
        *out = se;
    return 0;
}

int session_destroy(struct store *s, const char *id_hex, char **cause)
{
    char hash[65];
    acct_sodium();
    if (hash_of_hex(id_hex, hash) < 0) {
        set_cause(cause, "malformed session id");
        return 1;
    }
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE id_hash = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    if (sqlite3_changes(store_db(s)) == 0) {
        set_cause(cause, "no such session");
        return 1;
    }
    return 0;
}

int session_purge(struct store *s, int64_t now, unsigned idle, unsigned max, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "DELETE FROM sessions WHERE (?1 > 0 AND last_seen < ?3 - ?1) "
                                  "OR (?2 > 0 AND created_at < ?3 - ?2) "
                                  "OR user_id IN (SELECT id FROM users WHERE disabled = 1)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, idle);
    sqlite3_bind_int64(st, 2, max);
    sqlite3_bind_int64(st, 3, now);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    st = store_stmt(s, "DELETE FROM login_attempts WHERE at < ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now - LOGIN_KEEP);
    return acct_step_done(s, st, cause);
}

int session_csrf_ok(const struct session *se, const char *token)
{
    if (!se || !token || strnlen(token, SESSION_CSRF_HEX + 1) != SESSION_CSRF_HEX ||
        strlen(se->csrf) != SESSION_CSRF_HEX)
        return 0;
    return sodium_memcmp(se->csrf, token, SESSION_CSRF_HEX) == 0;
}

/* --- login attempts ------------------------------------------------------- */

int login_record(struct store *s, const char *login, const char *address, int ok, int64_t now,
                 char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    account_login_norm(login, l);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO login_attempts (login, address, at, ok) "
                                  "VALUES (?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, capped_address(address), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int(st, 4, ok != 0);
    return acct_step_done(s, st, cause);
}

/* The time of the limit-th most recent failure counted by st (bound by the
 * caller, ?3 = limit - 1 still to bind): 1 with *at, 0 when there are fewer
 * failures, -1. */
static int nth_failure(struct store *s, sqlite3_stmt *st, int limit, int64_t *at, char **cause)
{
    sqlite3_bind_int(st, 3, limit - 1);
    return acct_first_i64(s, st, at, cause);
}

/* Seconds to wait because of the failures for login l (0: none). */
static int login_wait(struct store *s, const char *l, int64_t now, int64_t *wait, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT at FROM login_attempts WHERE login = ?1 AND ok = 0 "
                                  "AND at > ?2 AND id > (SELECT coalesce(max(id), 0) FROM "
                                  "login_attempts WHERE login = ?1 AND ok = 1) "
                                  "ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?3",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now - LOGIN_WINDOW);
    int64_t at = 0;
    int rc = nth_failure(s, st, LOGIN_MAX_FAILS_LOGIN, &at, cause);
    *wait = rc == 1 ? at + LOGIN_WINDOW - now : 0;
    return rc < 0 ? -1 : 0;
}

static int address_wait(struct store *s, const char *a, int64_t now, int64_t *wait,
                        char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT at FROM login_attempts WHERE address = ?1 AND ok = 0 "
                                  "AND at > ?2 ORDER BY at DESC, id DESC LIMIT 1 OFFSET ?3",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now - LOGIN_WINDOW);
    int64_t at = 0;
    int rc = nth_failure(s, st, LOGIN_MAX_FAILS_ADDRESS, &at, cause);
    *wait = rc == 1 ? at + LOGIN_WINDOW - now : 0;
    return rc < 0 ? -1 : 0;
}

int login_throttled(struct store *s, const char *login, const char *address, int64_t now,
                    int64_t *retry_after, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    int64_t by_login = 0, by_address = 0;
    *retry_after = 0;
    if (account_login_norm(login, l) && login_wait(s, l, now, &by_login, cause) < 0)
        return -1;
    if (address_wait(s, capped_address(address), now, &by_address, cause) < 0)
        return -1;
    if (by_login <= 0 && by_address <= 0)
        return 0;
    *retry_after = by_login > by_address ? by_login : by_address;
    return 1;
}
