/* account.c — see account.h: accounts, roles and passwords. */
#include "bureau/account.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "account_int.h"
#include "bureau/actor.h"
#include "bureau/util.h"

/* What an unknown or disabled login is checked against, so that it costs
 * the same hash as a real one: argon2id hashes of random passwords nobody
 * kept, with the two sets of limits (hash_limits). */
static const char DUMMY_HASH[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$BT1Upy6caQlzu2mEFosJ/Q$X52aaDmZNg7rAzZxOxvrAwQSDKArBKU7lrFTuWnI65A";
static const char DUMMY_HASH_FAST[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=8,t=1,p=1$nU3fqw9S5lha1Orf+NwUqQ$9TnMYVxrCOgfrN9JMIgglrejhHJ633ER8BUbjMNDUO4";

static const char *const ROLE_NAMES[] = {"none", "clerk", "head", "director"};

#define USER_COLS "id, login, display_name, role, admin, lang, disabled, created_at, last_seen_queues"

/* --- shared with session.c ------------------------------------------------ */

void acct_sodium(void)
{
    if (sodium_init() < 0) {
        fputs("bureau: libsodium cannot be initialised\n", stderr);
        _exit(EXIT_OOM);
    }
}

int acct_step_done(struct store *s, sqlite3_stmt *st, char **cause)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        return -1;
    }
    sqlite3_reset(st);
    return 0;
}

int acct_first_i64(struct store *s, sqlite3_stmt *st, int64_t *v, char **cause)
{
    int rc = sqlite3_step(st);
    int r = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (r == 1)
        *v = sqlite3_column_int64(st, 0);
    else if (r < 0)
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    return r;
}

int account_login_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > ACCOUNT_LOGIN_MAX)
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

int account_login_norm(const char *in, char out[ACCOUNT_LOGIN_MAX + 1])
{
    size_t n = in ? strlen(in) : 0;
    if (n == 0 || n > ACCOUNT_LOGIN_MAX) {
        strcpy(out, "?");
        return 0;
    }
    for (size_t i = 0; i <= n; i++)
        out[i] = in[i] >= 'A' && in[i] <= 'Z' ? (char)(in[i] + 'a' - 'A') : in[i];
    if (!account_login_valid(out)) {
        strcpy(out, "?");
        return 0;
    }
    return 1;
}

/* --- roles ---------------------------------------------------------------- */

const char *account_role_name(enum account_role r)
{
    return (unsigned)r < BU_ARRAY_LEN(ROLE_NAMES) ? ROLE_NAMES[r] : "none";
}

int account_role_parse(const char *s, enum account_role *out)
{
    for (size_t i = 0; s && i < BU_ARRAY_LEN(ROLE_NAMES); i++)
        if (!strcmp(s, ROLE_NAMES[i])) {
            *out = (enum account_role)i;
            return 0;
        }
    return -1;
}

int account_sees_department(const struct account *a, const char *dept)
{
    if (!a || a->disabled)
        return 0;
    if (a->role == ROLE_CLERK || a->role == ROLE_DIRECTOR)
        return 1;
    if (a->role != ROLE_HEAD || !dept)
        return 0;
    for (char **d = a->departments; d && *d; d++)
        if (!strcmp(*d, dept))
            return 1;
    return 0;
}

void account_free(struct account *a)
{
    if (!a)
        return;
    free(a->login);
    free(a->display_name);
    for (char **d = a->departments; d && *d; d++)
        free(*d);
    free(a->departments);
    memset(a, 0, sizeof *a);
}

/* --- checks (1 refused, with cause) ----------------------------------------- */

/* A rule department id: 1..64 of [a-z0-9], '-' and '_' after the first. */
static int dept_id_valid(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64 || s[0] == '-' || s[0] == '_')
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

static int check_departments(enum account_role role, const char *const *depts, char **cause)
{
    size_t n = 0;
    for (; depts && depts[n]; n++)
        if (!dept_id_valid(depts[n])) {
            set_cause(cause, "a department id is 1 to 64 of a-z, 0-9, '-' and '_'");
            return 1;
        }
    if (role == ROLE_HEAD && n == 0) {
        set_cause(cause, "a head needs at least one department");
        return 1;
    }
    if (role != ROLE_HEAD && n > 0) {
        set_cause(cause, "only a head has departments (the role %s sees %s)",
                  account_role_name(role), role == ROLE_NONE ? "no entry" : "every entry");
        return 1;
    }
    if (n > ACCOUNT_DEPARTMENTS_MAX) {
        set_cause(cause, "at most %d departments", ACCOUNT_DEPARTMENTS_MAX);
        return 1;
    }
    return 0;
}

static int check_role(enum account_role role, const char *const *depts, char **cause)
{
    if ((unsigned)role >= BU_ARRAY_LEN(ROLE_NAMES)) {
        set_cause(cause, "unknown role");
        return 1;
    }
    return check_departments(role, depts, cause);
}

static int check_lang(const char *lang, char **cause)
{
    if (lang && strcmp(lang, "ar") != 0 && strcmp(lang, "fr") != 0) {
        set_cause(cause, "the language is ar or fr");
        return 1;
    }
    return 0;
}

static int check_actor(const char *actor, char **cause)
{
    const char *why = NULL;
    if (!actor_name_valid(actor, &why)) {
        set_cause(cause, "the name of who makes the change is refused: %s", why);
        return 1;
    }
    return 0;
}

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int check_password(const char *pw, const char *login, char **cause)
{
    size_t n = pw ? strlen(pw) : 0;
    if (n > ACCOUNT_PASSWORD_MAX || !utf8_valid(pw ? pw : "", n) || str_has_ctl(pw ? pw : "", 0)) {
        set_cause(cause, "the password must be valid UTF-8 text of at most %d bytes, without "
                  "control characters", ACCOUNT_PASSWORD_MAX);
        return 1;
    }
    if (code_points(pw ? pw : "") < ACCOUNT_PASSWORD_MIN) {
        set_cause(cause, "the password must have at least %d characters",
                  ACCOUNT_PASSWORD_MIN);
        return 1;
    }
    if (login && str_casecmp_ascii(pw, login) == 0) {
        set_cause(cause, "the password must not be the login");
        return 1;
    }
    return 0;
}

static int norm_login(const char *in, char out[ACCOUNT_LOGIN_MAX + 1], char **cause)
{
    if (account_login_norm(in, out))
        return 0;
    set_cause(cause, "a login is 1 to %d characters among a-z, 0-9, '.', '_' and '-'",
              ACCOUNT_LOGIN_MAX);
    return 1;
}

/* --- hashing -------------------------------------------------------------- */

static int fast_hash(void)
{
    const char *f = getenv("BUREAU_TEST_FAST_HASH");
    return f && !strcmp(f, "1");
}

static int hash_password(const char *pw, char out[crypto_pwhash_STRBYTES], char **cause)
{
    int fast = fast_hash();
    unsigned long long ops = fast ? crypto_pwhash_argon2id_OPSLIMIT_MIN
                                  : crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    size_t mem = fast ? crypto_pwhash_argon2id_MEMLIMIT_MIN
                      : crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
    acct_sodium();
    if (crypto_pwhash_argon2id_str(out, pw, strlen(pw), ops, mem) != 0) {
        set_cause(cause, "the password cannot be hashed (out of memory?)");
        return -1;
    }
    return 0;
}

/* 1 when pw matches hash (crypto_pwhash_str_verify), else 0. */
static int verify(const char *hash, const char *pw)
{
    char h[crypto_pwhash_STRBYTES];
    size_t n = strlen(pw);
    if (n > ACCOUNT_PASSWORD_MAX)
        n = ACCOUNT_PASSWORD_MAX;
    int ours = snprintf(h, sizeof h, "%s", hash) < (int)sizeof h;
    if (!ours)  /* not a hash this program wrote: fails, at the same cost */
        snprintf(h, sizeof h, "%s", DUMMY_HASH);
    acct_sodium();
    return crypto_pwhash_str_verify(h, pw, n) == 0 && ours;
}

/* --- reading -------------------------------------------------------------- */

static char *col_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return xstrdup(t ? (const char *)t : "");
}

static void row_account(sqlite3_stmt *st, struct account *a)
{
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    a->login = col_dup(st, 1);
    a->display_name = col_dup(st, 2);
    const char *role = (const char *)sqlite3_column_text(st, 3);
    if (account_role_parse(role, &a->role) < 0)
        a->role = ROLE_NONE;
    a->admin = sqlite3_column_int(st, 4) != 0;
    const char *lang = (const char *)sqlite3_column_text(st, 5);
    snprintf(a->lang, sizeof a->lang, "%s", lang && !strcmp(lang, "ar") ? "ar" : "fr");
    a->disabled = sqlite3_column_int(st, 6) != 0;
    a->created_at = sqlite3_column_int64(st, 7);
    a->last_seen_queues = sqlite3_column_int64(st, 8);
}

static int load_departments(struct store *s, struct account *a, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT department FROM user_departments WHERE user_id = ? ORDER BY department",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, a->id);
    size_t n = 0, cap = 4;
    a->departments = xcalloc(cap, sizeof *a->departments);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n + 1 >= cap) {
            cap *= 2;
            a->departments = xrealloc(a->departments, cap * sizeof *a->departments);
        }
        a->departments[n++] = col_dup(st, 0);
        a->departments[n] = NULL;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

/* st selects USER_COLS with its parameter bound: 0, 1 (what names the
 * account, for the message), -1. */
static int read_account(struct store *s, sqlite3_stmt *st, const char *what, struct account *out,
                        char **cause)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            set_cause(cause, "no account %s", what);
        else
            set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        sqlite3_reset(st);
        return rc == SQLITE_DONE ? 1 : -1;
    }
    struct account a;
    row_account(st, &a);
    sqlite3_reset(st);
    if (load_departments(s, &a, cause) < 0) {
        account_free(&a);
        return -1;
    }
    *out = a;
    return 0;
}

int account_get(struct store *s, const char *login, struct account *out, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    if (!account_login_norm(login, l)) {
        set_cause(cause, "no account with that login");
        return 1;
    }
    sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS " FROM users WHERE login = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    char *what = xasprintf("\"%s\"", l);
    int rc = read_account(s, st, what, out, cause);
    free(what);
    return rc;
}

int account_by_id(struct store *s, int64_t id, struct account *out, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS " FROM users WHERE id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    char *what = xasprintf("#%lld", (long long)id);
    int rc = read_account(s, st, what, out, cause);
    free(what);
    return rc;
}

int account_list(struct store *s, struct account **out, size_t *n, char **cause)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = store_stmt(s, "SELECT id FROM users ORDER BY login", cause);
    if (!st)
        return -1;
    int64_t *ids = NULL;
    size_t k = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (k == cap) {
            cap = cap ? cap * 2 : 16;
            ids = xrealloc(ids, cap * sizeof *ids);
        }
        ids[k++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    int ret = rc == SQLITE_DONE ? 0 : -1;
    if (ret < 0)
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    *out = xcalloc(k ? k : 1, sizeof **out);
    for (size_t i = 0; i < k && ret == 0; i++, (*n)++)
        if (account_by_id(s, ids[i], &(*out)[i], cause) != 0)
            ret = -1;
    free(ids);
    return ret;
}

/* --- writing (inside a transaction) -------------------------------------- */

/* The id of the account named l: 0, 1 (none, with cause), -1. */
static int id_of(struct store *s, const char *l, int64_t *id, int *disabled, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT id, disabled FROM users WHERE login = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        if (disabled)
            *disabled = sqlite3_column_int(st, 1) != 0;
    } else if (rc == SQLITE_DONE) {
        set_cause(cause, "no account \"%s\"", l);
    } else {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    }
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

static int record(struct store *s, int64_t user_id, const char *actor, const char *action,
                  const char *detail, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO account_events (user_id, at, actor, action, detail) "
                                  "VALUES (?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now_epoch());
    sqlite3_bind_text(st, 3, actor, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 5, detail, -1, SQLITE_TRANSIENT);
    return acct_step_done(s, st, cause);
}

/* "head, departments etat-civil, urbanisme, admin". Caller frees. */
static char *role_detail(enum account_role role, int admin, const char *const *depts)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    buf_puts(&b, account_role_name(role));
    for (size_t i = 0; depts && depts[i]; i++)
        buf_printf(&b, "%s%s", i ? ", " : ", departments ", depts[i]);
    if (admin)
        buf_puts(&b, ", admin");
    return buf_steal(&b);
}

static int set_departments(struct store *s, int64_t id, const char *const *depts, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM user_departments WHERE user_id = ?", cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    for (size_t i = 0; depts && depts[i]; i++) {
        st = store_stmt(s,
                        "INSERT OR IGNORE INTO user_departments (user_id, department) "
                        "VALUES (?, ?)",
                        cause);
        if (!st)
            return -1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, depts[i], -1, SQLITE_TRANSIENT);
        if (acct_step_done(s, st, cause) < 0)
            return -1;
    }
    return 0;
}

/* Commits when rc is 0, else rolls back; returns the outcome. */
static int finish(struct store *s, int rc, char **cause)
{
    if (rc == 0 && store_commit(s, cause) < 0)
        rc = -1;
    if (rc != 0)
        store_rollback(s);
    return rc;
}

/* 1 (with cause) when some account has that login or display name. */
static int taken(struct store *s, const char *login, const char *name, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        s, "SELECT login = ?1 FROM users WHERE login = ?1 OR display_name = ?2 LIMIT 1", cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    int64_t same_login = 0;
    int rc = acct_first_i64(s, st, &same_login, cause);
    if (rc == 1 && same_login)
        set_cause(cause, "the login \"%s\" is taken", login);
    else if (rc == 1)
        set_cause(cause, "another account already has the name \"%s\" (the name recorded in "
                  "the history must tell people apart)", name);
    return rc;
}

static int insert_user(struct store *s, const char *l, const char *name, const char *hash,
                       enum account_role role, int admin, const char *lang, int64_t *id,
                       char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                    "INSERT INTO users (login, display_name, pw_hash, role, admin, lang, "
                    "created_at, pw_changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    cause);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, account_role_name(role), -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, admin != 0);
    sqlite3_bind_text(st, 6, lang ? lang : "fr", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 7, now_epoch());
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    *id = sqlite3_last_insert_rowid(store_db(s));
    return 0;
}

static int add_checks(const char *actor, const char *name, enum account_role role,
                      const char *const *depts, const char *lang, char **cause)
{
    const char *why = NULL;
    if (!actor_name_valid(name, &why)) {
        set_cause(cause, "the display name is refused: %s", why);
        return 1;
    }
    int rc = check_actor(actor, cause);
    if (rc == 0)
        rc = check_role(role, depts, cause);
    if (rc == 0)
        rc = check_lang(lang, cause);
    return rc;
}

int account_check_new(struct store *s, const char *actor, const char *login,
                      const char *display_name, enum account_role role,
                      const char *const *departments, const char *lang, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    int rc = norm_login(login, l, cause);
    if (rc == 0)
        rc = add_checks(actor, display_name, role, departments, lang, cause);
    return rc == 0 ? taken(s, l, display_name, cause) : rc;
}

int account_add(struct store *s, const char *actor, const char *login, const char *display_name,
                const char *password, enum account_role role, int admin,
                const char *const *departments, const char *lang, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1], hash[crypto_pwhash_STRBYTES];
    int rc = norm_login(login, l, cause);
    if (rc == 0)
        rc = add_checks(actor, display_name, role, departments, lang, cause);
    if (rc == 0)
        rc = check_password(password, l, cause);
    if (rc == 0)  /* before the transaction: the write lock is not held for the hash */
        rc = hash_password(password, hash, cause);
    if (rc != 0)
        return rc;
    int64_t id = 0;
    char *detail = NULL;
    if (store_begin(s, cause) < 0)
        return -1;
    rc = taken(s, l, display_name, cause);
    if (rc == 0)
        rc = insert_user(s, l, display_name, hash, role, admin, lang, &id, cause);
    if (rc == 0)
        rc = set_departments(s, id, departments, cause);
    if (rc == 0) {
        char *rd = role_detail(role, admin, departments);
        detail = xasprintf("%s (%s), %s", l, display_name, rd);
        free(rd);
        rc = record(s, id, actor, "add", detail, cause);
    }
    free(detail);
    sodium_memzero(hash, sizeof hash);
    return finish(s, rc, cause);
}

/* Checks actor and login, opens the transaction and finds the account:
 * 0 inside the transaction, else 1 or -1 with none open. */
static int begin_on(struct store *s, const char *actor, const char *login,
                    char l[ACCOUNT_LOGIN_MAX + 1], int64_t *id, int *disabled, char **cause)
{
    int rc = check_actor(actor, cause);
    if (rc == 0)
        rc = norm_login(login, l, cause);
    if (rc != 0)
        return rc;
    if (store_begin(s, cause) < 0)
        return -1;
    rc = id_of(s, l, id, disabled, cause);
    if (rc != 0)
        store_rollback(s);
    return rc;
}

static int update_id(struct store *s, const char *sql, int64_t id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, sql, cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    return acct_step_done(s, st, cause);
}

int account_check_password(struct store *s, const char *login, const char *password,
                           struct account *out, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    const char *pw = password ? password : "";
    sqlite3_stmt *st = store_stmt(s, "SELECT id, pw_hash FROM users WHERE login = ? AND "
                                     "disabled = 0", cause);
    if (!st)
        return -1;
    int valid = account_login_norm(login, l);
    sqlite3_bind_text(st, 1, l, -1, SQLITE_TRANSIENT);
    int rc = valid ? sqlite3_step(st) : SQLITE_DONE;
    int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    char *hash = rc == SQLITE_ROW ? col_dup(st, 1) : NULL;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    int ok = verify(hash ? hash : fast_hash() ? DUMMY_HASH_FAST : DUMMY_HASH, pw);
    ok = ok && hash && strlen(pw) <= ACCOUNT_PASSWORD_MAX;
    free(hash);
    if (!ok) {
        set_cause(cause, "wrong login or password");
        return 1;
    }
    return account_by_id(s, id, out, cause);
}

int account_set_password(struct store *s, const char *actor, const char *login,
                         const char *password, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1], hash[crypto_pwhash_STRBYTES];
    int rc = norm_login(login, l, cause);
    if (rc == 0)
        rc = check_password(password, l, cause);
    if (rc == 0)
        rc = hash_password(password, hash, cause);
    int64_t id;
    if (rc == 0)
        rc = begin_on(s, actor, login, l, &id, NULL, cause);
    if (rc != 0)
        return rc;
    sqlite3_stmt *st = store_stmt(s, "UPDATE users SET pw_hash = ?, pw_changed_at = ? "
                                     "WHERE id = ?", cause);
    rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 2, now_epoch());
        sqlite3_bind_int64(st, 3, id);
        rc = acct_step_done(s, st, cause);
    }
    sodium_memzero(hash, sizeof hash);
    if (rc == 0)
        rc = acct_end_sessions(s, id, cause);
    if (rc == 0)
        rc = record(s, id, actor, "passwd", "password changed, sessions ended", cause);
    return finish(s, rc, cause);
}

/* 1 when account id is the only enabled admin (then no one could manage
 * the accounts from the console after it goes), 0 not, -1 error. */
static int only_admin(struct store *s, int64_t id, char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT (SELECT admin = 1 AND disabled = 0 FROM users WHERE id = ?1)"
                                  " AND (SELECT count(*) FROM users WHERE admin = 1 AND "
                                  "disabled = 0) = 1",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) != 0 : -1;
    if (rc < 0)
        set_cause(cause, "%s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    return rc;
}

static int keep_an_admin(struct store *s, int64_t id, const char *login, char **cause)
{
    int only = only_admin(s, id, cause);
    if (only == 1)
        set_cause(cause, "\"%s\" is the last enabled admin: give another account --admin "
                         "first", login);
    return only;
}

int account_set_disabled(struct store *s, const char *actor, const char *login, int disabled,
                         char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    int64_t id;
    int was = 0;
    int rc = begin_on(s, actor, login, l, &id, &was, cause);
    if (rc != 0)
        return rc;
    disabled = disabled != 0;
    if (was == disabled) {
        set_cause(cause, "the account \"%s\" is already %s", l, disabled ? "disabled" : "enabled");
        rc = 1;
    }
    if (rc == 0 && disabled)
        rc = keep_an_admin(s, id, l, cause);
    if (rc == 0)
        rc = update_id(s, disabled ? "UPDATE users SET disabled = 1 WHERE id = ?"
                                   : "UPDATE users SET disabled = 0 WHERE id = ?", id, cause);
    if (rc == 0 && disabled)
        rc = acct_end_sessions(s, id, cause);
    if (rc == 0)
        rc = record(s, id, actor, disabled ? "disable" : "enable",
                    disabled ? "disabled, sessions ended" : "enabled", cause);
    return finish(s, rc, cause);
}

int account_set_role(struct store *s, const char *actor, const char *login, enum account_role role,
                     int admin, const char *const *departments, char **cause)
{
    char l[ACCOUNT_LOGIN_MAX + 1];
    int64_t id;
    int rc = check_role(role, departments, cause);
    if (rc == 0)
        rc = begin_on(s, actor, login, l, &id, NULL, cause);
    if (rc != 0)
        return rc;
    if (!admin && (rc = keep_an_admin(s, id, l, cause)) != 0)
        return finish(s, rc, cause);
    sqlite3_stmt *st = store_stmt(s, "UPDATE users SET role = ?, admin = ? WHERE id = ?", cause);
    rc = st ? 0 : -1;
    if (st) {
        sqlite3_bind_text(st, 1, account_role_name(role), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, admin != 0);
        sqlite3_bind_int64(st, 3, id);
        rc = acct_step_done(s, st, cause);
    }
    if (rc == 0)
        rc = set_departments(s, id, departments, cause);
    if (rc == 0) {
        char *detail = role_detail(role, admin, departments);
        rc = record(s, id, actor, "role", detail, cause);
        free(detail);
    }
    return finish(s, rc, cause);
}

/* UPDATE users SET ... = ?1 WHERE id = ?2, ?1 text or number: 0, 1 (no
 * such account), -1. */
static int set_column(struct store *s, const char *sql, int64_t id, const char *text,
                      int64_t num, char **cause)
{
    sqlite3_stmt *st = store_stmt(s, sql, cause);
    if (!st)
        return -1;
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, num);
    sqlite3_bind_int64(st, 2, id);
    if (acct_step_done(s, st, cause) < 0)
        return -1;
    if (sqlite3_changes(store_db(s)) == 0) {
        set_cause(cause, "no account #%lld", (long long)id);
        return 1;
    }
    return 0;
}

int account_set_lang(struct store *s, int64_t user_id, const char *lang, char **cause)
{
    if (check_lang(lang ? lang : "", cause))
        return 1;
    return set_column(s, "UPDATE users SET lang = ?1 WHERE id = ?2", user_id, lang, 0, cause);
}

int account_set_last_seen_queues(struct store *s, int64_t user_id, int64_t when, char **cause)
{
    return set_column(s, "UPDATE users SET last_seen_queues = ?1 WHERE id = ?2", user_id, NULL,
                      when, cause);
}
