/* account.h — the console's accounts, roles, sessions and login throttling
 * (issue 14, items 2-3; sql/022_web.sql). Store side only: the HTTP server
 * (service/web/) and `bureau user` (service/cmd_user.c) call these.
 *
 * Roles: clerk (the whole register, every action), head (only the entries
 * of their departments), director (everything, read and triage), none
 * (nothing of the mail: an admin-only account). admin is separate: it
 * manages accounts. A session carries no role: the server reads the
 * account (account_by_id) on every request, so a role change or a
 * disabling takes effect at once.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_argon2id_str,
 * OPSLIMIT_INTERACTIVE and MEMLIMIT_INTERACTIVE: 64 MiB and about 0.1-0.5 s
 * a hash). Tests set BUREAU_TEST_FAST_HASH=1 for OPSLIMIT_MIN and
 * MEMLIMIT_MIN (never in production: such hashes are cheap to crack).
 *
 * Session ids are 32 random bytes; the cookie carries them as 64 lower-case
 * hex digits, the store only their BLAKE2b-256 hash (crypto_generichash), so
 * a copy of the database opens no session.
 *
 * Every function that writes more than one row runs its own transaction
 * (store_begin): do not call them inside one the caller opened. Each calls
 * sodium_init() (idempotent, thread-safe) before using libsodium.
 *
 * Return convention of the functions taking cause: 0 ok, 1 not found or
 * refused (*cause set to a clear message for the person), -1 error
 * (database). In both cases *cause is malloc'd and the caller frees it. */
#ifndef BUREAU_ACCOUNT_H
#define BUREAU_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/store.h"

#define ACCOUNT_LOGIN_MAX 64       /* bytes, [a-z0-9._-] */
#define ACCOUNT_PASSWORD_MIN 10    /* characters (code points) */
#define ACCOUNT_PASSWORD_MAX 1024  /* bytes */
#define ACCOUNT_DEPARTMENTS_MAX 64 /* departments of one head */

enum account_role { ROLE_NONE = 0, ROLE_CLERK, ROLE_HEAD, ROLE_DIRECTOR };

struct account {
    int64_t id;
    char *login;            /* owned */
    char *display_name;     /* owned */
    enum account_role role;
    int admin;              /* manages accounts */
    char **departments;     /* owned, NULL-terminated (never NULL itself); a head's departments */
    char lang[3];           /* "ar" or "fr" */
    int disabled;
    int64_t created_at, last_seen_queues;
};
void account_free(struct account *a);                         /* frees members, not a */
const char *account_role_name(enum account_role r);            /* "none","clerk","head","director" */
int account_role_parse(const char *s, enum account_role *out); /* 0 ok, -1 unknown */
/* clerk/director: 1; head: 1 when dept is one of theirs; none: 0. A
 * disabled account sees nothing (0). */
int account_sees_department(const struct account *a, const char *dept);
/* 1 when s is a login as stored: 1..ACCOUNT_LOGIN_MAX bytes of [a-z0-9._-]
 * (the caller lower-cases what a person typed first). */
int account_login_valid(const char *s);
/* in lower-cased (ASCII) into out: 1 when that is a valid login, else 0
 * (out then holds "?"). */
int account_login_norm(const char *in, char out[ACCOUNT_LOGIN_MAX + 1]);

/* A new account, recorded in account_events ("add") under actor. login is
 * lower-cased (ASCII) then checked; display_name with actor_name_valid and
 * unique among accounts; password ACCOUNT_PASSWORD_MIN..MAX, valid UTF-8,
 * no control character, not the login; lang "ar" or "fr" (NULL: "fr").
 * departments (NULL-terminated, may be NULL) are required for a head and
 * refused for the other roles; their ids are only checked for form here
 * (the CLI checks them against the rules). Refused (1): any of these, or a
 * login already taken. */
int account_add(struct store *s, const char *actor, const char *login, const char *display_name,
                const char *password, enum account_role role, int admin,
                const char *const *departments, const char *lang, char **cause);
/* What account_add checks but the password (the login free, the name
 * unique...): 0, 1 refused, -1. Lets a command refuse before it asks for
 * a password; account_add checks again. */
int account_check_new(struct store *s, const char *actor, const char *login,
                      const char *display_name, enum account_role role,
                      const char *const *departments, const char *lang, char **cause);
/* Fills *out (caller frees with account_free); login is lower-cased first.
 * 1 when there is no such account (disabled ones are found). */
int account_get(struct store *s, const char *login, struct account *out, char **cause);
int account_by_id(struct store *s, int64_t id, struct account *out, char **cause);
/* verifies with crypto_pwhash_str_verify; unknown or disabled login: still spends one hash
 * (against a fixed dummy hash) and returns 1 — the caller cannot tell which.
 * On 0, *out is the account (caller frees); on 1 and -1 it is untouched. */
int account_check_password(struct store *s, const char *login, const char *password,
                           struct account *out, char **cause);
/* A new password (checked as account_add does); ends the account's sessions.
 * Recorded ("passwd"; the detail never holds the password). */
int account_set_password(struct store *s, const char *actor, const char *login,
                         const char *password, char **cause);
/* disabling ends its sessions. Refused (1) when the account is already in
 * that state. Recorded ("disable" or "enable"). */
int account_set_disabled(struct store *s, const char *actor, const char *login, int disabled,
                         char **cause);
/* Replaces role, admin and departments (rules as account_add). Recorded
 * ("role", the detail the new role, admin and departments). */
int account_set_role(struct store *s, const char *actor, const char *login, enum account_role role,
                     int admin, const char *const *departments, char **cause);
/* The person's own choices: not recorded as account changes. */
int account_set_lang(struct store *s, int64_t user_id, const char *lang, char **cause);
int account_set_last_seen_queues(struct store *s, int64_t user_id, int64_t when, char **cause);
/* Every account, by login. caller frees each + array */
int account_list(struct store *s, struct account **out, size_t *n, char **cause);

/* --- sessions (service/web/session.c) ------------------------------------ */

#define SESSION_ID_HEX 64  /* hex digits of a cookie value */
#define SESSION_CSRF_HEX 64

struct session {
    int64_t id, user_id, created_at, last_seen;
    char csrf[65];
};
/* new session: id_hex_out receives the 64-hex-char cookie value (the only copy; only its hash
 * is stored). out may be NULL. Refused (1) for an unknown or disabled account. address may be
 * NULL (kept for the record only, capped). */
int session_create(struct store *s, int64_t user_id, const char *address, int64_t now,
                   char id_hex_out[65], struct session *out, char **cause);
/* 0 valid (last_seen set to now), 1 absent, malformed, expired (idle or max; expired rows
 * deleted) or its account disabled. Idle: now - last_seen > idle; max: now - created_at > max
 * (seconds; 0 turns that limit off). out may be NULL. */
int session_lookup(struct store *s, const char *id_hex, int64_t now, unsigned idle, unsigned max,
                   struct session *out, char **cause);
/* Logout: 0 removed, 1 absent or malformed. */
int session_destroy(struct store *s, const char *id_hex, char **cause);
/* Deletes expired sessions and those of disabled accounts, and login
 * attempts older than LOGIN_KEEP (they are kept that long as a record). */
int session_purge(struct store *s, int64_t now, unsigned idle, unsigned max, char **cause);
/* 1 when constant-time equal (sodium_memcmp), lengths checked first */
int session_csrf_ok(const struct session *se, const char *token);

/* --- login attempts ------------------------------------------------------ */

#define LOGIN_WINDOW (15 * 60)          /* seconds */
#define LOGIN_MAX_FAILS_LOGIN 5
#define LOGIN_MAX_FAILS_ADDRESS 20
#define LOGIN_KEEP (90 * 24 * 3600)     /* seconds the attempts are kept */

/* Records one attempt. login is normalised as account_get does (one that
 * cannot be a login is recorded as "?"); address is capped (64 bytes, no
 * control character, else "?"). */
int login_record(struct store *s, const char *login, const char *address, int ok, int64_t now,
                 char **cause);
/* 1 when throttled: >= 5 failures for that login or >= 20 failures from that address in the
 * last 15 minutes (failures before the last success of that login do not count for the
 * login); *retry_after = seconds until one more attempt would be allowed (at least 1). 0 when
 * not throttled (*retry_after = 0). -1 error. */
int login_throttled(struct store *s, const char *login, const char *address, int64_t now,
                    int64_t *retry_after, char **cause);

#endif
