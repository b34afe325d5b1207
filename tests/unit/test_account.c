/* test_account.c — the console's accounts, sessions and login throttling
 * (account.h) on a register in a temporary file. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bureau/account.h"
#include "bureau/store.h"
#include "bureau/util.h"
#include "t.h"

#define PW "correct horse battery"
#define IDLE 600
#define MAX 3600

static char dbpath[256];

static struct store *open_store(void)
{
    struct store *s = NULL;
    char *cause = NULL;
    snprintf(dbpath, sizeof dbpath, "/tmp/bureau-test-account-%ld.db", (long)getpid());
    CHECK(store_create(dbpath, NULL, &s, &cause) == 0);
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

static int64_t count(struct store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* rc of fn, with its cause freed (and shown when want differs) */
#define RC(want, call)                                                                 \
    do {                                                                               \
        char *cause = NULL;                                                            \
        int got_ = (call);                                                             \
        if (got_ != (want))                                                            \
            fprintf(stderr, "%s:%d: %s -> %d (%s)\n", __FILE__, __LINE__, #call, got_, \
                    cause ? cause : "");                                               \
        CHECK(got_ == (want));                                                         \
        free(cause);                                                                   \
    } while (0)

static const char *const URB[] = {"urbanisme", NULL};
static const char *const TWO[] = {"urbanisme", "etat-civil", NULL};
static const char *const BAD_DEPT[] = {"Urbanisme!", NULL};

static void test_roles(void)
{
    enum account_role r;
    CHECK_STR(account_role_name(ROLE_HEAD), "head");
    CHECK_STR(account_role_name(ROLE_NONE), "none");
    CHECK(account_role_parse("director", &r) == 0 && r == ROLE_DIRECTOR);
    CHECK(account_role_parse("clerk", &r) == 0 && r == ROLE_CLERK);
    CHECK(account_role_parse("admin", &r) < 0);
    CHECK(account_role_parse(NULL, &r) < 0);
    char *d0[] = {NULL}, *d1[] = {"urbanisme", NULL};
    struct account a = {.role = ROLE_CLERK, .departments = d0};
    CHECK(account_sees_department(&a, "fiscalite"));
    a.role = ROLE_DIRECTOR;
    CHECK(account_sees_department(&a, "fiscalite"));
    a.role = ROLE_NONE;
    CHECK(!account_sees_department(&a, "fiscalite"));
    a.role = ROLE_HEAD;
    a.departments = d1;
    CHECK(account_sees_department(&a, "urbanisme"));
    CHECK(!account_sees_department(&a, "fiscalite"));
    a.disabled = 1;
    CHECK(!account_sees_department(&a, "urbanisme"));
}

static void test_add(struct store *s)
{
    RC(0, account_add(s, "admin", "Amina", "Amina Alaoui", PW, ROLE_CLERK, 1, NULL, NULL,
                      &cause));
    RC(0, account_add(s, "admin", "karim.b", "كريم بناني", "كلمة سر طويلة جدا", ROLE_HEAD, 0,
                      TWO, "ar", &cause));
    /* refused, nothing written */
    int64_t users = count(s, "SELECT count(*) FROM users");
    RC(1, account_add(s, "admin", "AMINA", "Other", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "amina2", "Amina Alaoui", PW, ROLE_CLERK, 0, NULL, NULL,
                      &cause));
    RC(1, account_add(s, "admin", "a b", "Ab", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "", "Ab", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    char longlogin[80];
    memset(longlogin, 'a', 65);
    longlogin[65] = '\0';
    RC(1, account_add(s, "admin", longlogin, "Ab", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", "short", ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "abcdefghijk", "Ab", "ABCDEFGHIJK", ROLE_CLERK, 0, NULL, NULL,
                      &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", "with\na newline", ROLE_CLERK, 0, NULL, NULL,
                      &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", "\xff\xfe invalid utf8", ROLE_CLERK, 0, NULL, NULL,
                      &cause));
    char *huge = xmalloc(ACCOUNT_PASSWORD_MAX + 2);
    memset(huge, 'x', ACCOUNT_PASSWORD_MAX + 1);
    huge[ACCOUNT_PASSWORD_MAX + 1] = '\0';
    RC(1, account_add(s, "admin", "ab", "Ab", huge, ROLE_CLERK, 0, NULL, NULL, &cause));
    free(huge);
    RC(1, account_add(s, "admin", "ab", "Ab", PW, ROLE_HEAD, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", PW, ROLE_CLERK, 0, URB, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", PW, ROLE_HEAD, 0, BAD_DEPT, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", PW, ROLE_CLERK, 0, NULL, "en", &cause));
    RC(1, account_add(s, "admin", "ab", "A\nb", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", " Ab", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "ad\x1bmin", "ab", "Ab", PW, ROLE_CLERK, 0, NULL, NULL, &cause));
    RC(1, account_add(s, "admin", "ab", "Ab", PW, (enum account_role)7, 0, NULL, NULL, &cause));
    RC(1, account_check_new(s, "admin", "amina", "New", ROLE_CLERK, NULL, NULL, &cause));
    RC(0, account_check_new(s, "admin", "new", "New", ROLE_CLERK, NULL, NULL, &cause));
    CHECK(count(s, "SELECT count(*) FROM users") == users);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE action = 'add'") == 2);
    CHECK(count(s, "SELECT count(*) FROM users WHERE pw_hash LIKE '$argon2id$%'") == 2);
    CHECK(count(s, "SELECT count(*) FROM users WHERE instr(pw_hash, 'horse') > 0") == 0);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE instr(detail, 'horse') > 0") ==
          0);
}

static void test_get(struct store *s)
{
    struct account a;
    RC(0, account_get(s, "AMINA", &a, &cause));
    CHECK_STR(a.login, "amina");
    CHECK_STR(a.display_name, "Amina Alaoui");
    CHECK(a.role == ROLE_CLERK && a.admin == 1 && a.disabled == 0);
    CHECK_STR(a.lang, "fr");
    CHECK(a.departments && a.departments[0] == NULL);
    CHECK(a.created_at > 0);
    int64_t id = a.id;
    account_free(&a);
    RC(0, account_get(s, "karim.b", &a, &cause));
    CHECK(a.role == ROLE_HEAD && a.admin == 0);
    CHECK_STR(a.lang, "ar");
    CHECK(a.departments[0] && a.departments[1] && !a.departments[2]);
    CHECK(account_sees_department(&a, "etat-civil") && account_sees_department(&a, "urbanisme"));
    CHECK(!account_sees_department(&a, "fiscalite"));
    account_free(&a);
    RC(0, account_by_id(s, id, &a, &cause));
    CHECK_STR(a.login, "amina");
    account_free(&a);
    RC(1, account_get(s, "nobody", &a, &cause));
    RC(1, account_get(s, "not a login", &a, &cause));
    RC(1, account_by_id(s, 9999, &a, &cause));

    struct account *v = NULL;
    size_t n = 0;
    RC(0, account_list(s, &v, &n, &cause));
    CHECK(n == 2 && v && !strcmp(v[0].login, "amina") && !strcmp(v[1].login, "karim.b"));
    for (size_t i = 0; i < n; i++)
        account_free(&v[i]);
    free(v);
}

/* The cause of a refused check, copied into out. */
static int check_pw(struct store *s, const char *login, const char *pw, char *why, size_t n)
{
    struct account a;
    char *cause = NULL;
    int rc = account_check_password(s, login, pw, &a, &cause);
    snprintf(why, n, "%s", cause ? cause : "");
    free(cause);
    if (rc == 0) {
        CHECK(a.login && !strcmp(a.login, login));
        account_free(&a);
    }
    return rc;
}

static void test_password(struct store *s)
{
    char w1[200], w2[200], w3[200];
    CHECK(check_pw(s, "amina", PW, w1, sizeof w1) == 0);
    CHECK(check_pw(s, "amina", PW "x", w1, sizeof w1) == 1);
    CHECK(check_pw(s, "nobody", PW, w2, sizeof w2) == 1);
    CHECK(check_pw(s, "amina", "", w3, sizeof w3) == 1);
    CHECK(check_pw(s, "amina", NULL, w3, sizeof w3) == 1);
    CHECK(check_pw(s, "bad login!", PW, w3, sizeof w3) == 1);
    CHECK_STR(w1, w2);  /* a wrong password and an unknown login say the same */
    RC(0, account_set_password(s, "admin", "amina", "a new long password", &cause));
    CHECK(check_pw(s, "amina", PW, w1, sizeof w1) == 1);
    CHECK(check_pw(s, "amina", "a new long password", w1, sizeof w1) == 0);
    RC(1, account_set_password(s, "admin", "amina", "short", &cause));
    RC(1, account_set_password(s, "admin", "nobody", "a new long password", &cause));
    CHECK(check_pw(s, "amina", "a new long password", w1, sizeof w1) == 0);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE action = 'passwd'") == 1);
    RC(0, account_set_password(s, "admin", "amina", PW, &cause));
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* With the real limits (BUREAU_TEST_FAST_HASH unset): the hash is an
 * argon2id one with 64 MiB, and an unknown login costs a hash too. */
static void test_real_hash(struct store *s)
{
    unsetenv("BUREAU_TEST_FAST_HASH");
    RC(0, account_add(s, "admin", "real", "Real Hash", PW, ROLE_DIRECTOR, 0, NULL, NULL, &cause));
    CHECK(count(s, "SELECT count(*) FROM users WHERE login = 'real' AND pw_hash LIKE "
                   "'$argon2id$v=19$m=65536,t=2,p=1$%'") == 1);
    char w[200];
    /* CPU time, the least of three tries each: argon2id is CPU-bound, and
     * wall time on a loaded machine measures the other processes too */
    double known = 1e9, unknown = 1e9, wrong = 1e9;
    for (int i = 0; i < 3; i++) {
        double t0 = cpu_seconds();
        CHECK(check_pw(s, "real", PW, w, sizeof w) == 0);
        double d = cpu_seconds() - t0;
        known = d < known ? d : known;
        t0 = cpu_seconds();
        CHECK(check_pw(s, "nobody-at-all", PW, w, sizeof w) == 1);
        d = cpu_seconds() - t0;
        unknown = d < unknown ? d : unknown;
        t0 = cpu_seconds();
        CHECK(check_pw(s, "real", PW "!", w, sizeof w) == 1);
        d = cpu_seconds() - t0;
        wrong = d < wrong ? d : wrong;
    }
    printf("check_password: known %.3f s, wrong %.3f s, unknown login %.3f s\n", known, wrong,
           unknown);
    CHECK(known > 0.01);
    CHECK(unknown > known * 0.5 && wrong > known * 0.5);
    setenv("BUREAU_TEST_FAST_HASH", "1", 1);
}

static int64_t user_id(struct store *s, const char *login)
{
    struct account a;
    int64_t id = 0;
    if (account_get(s, login, &a, NULL) == 0)
        id = a.id;
    account_free(&a);
    return id;
}

static void test_sessions(struct store *s)
{
    int64_t uid = user_id(s, "amina"), t = 1800000000;
    char hex[65], hex2[65];
    struct session se, got;
    RC(0, session_create(s, uid, "192.0.2.7", t, hex, &se, &cause));
    CHECK(strlen(hex) == 64 && strspn(hex, "0123456789abcdef") == 64);
    CHECK(strlen(se.csrf) == 64 && strspn(se.csrf, "0123456789abcdef") == 64);
    CHECK(strcmp(se.csrf, hex) != 0);
    CHECK(se.user_id == uid && se.created_at == t && se.last_seen == t && se.id > 0);
    /* only the hash of the id's bytes is kept */
    unsigned char raw[32], h[32];
    char hhex[65];
    sodium_hex2bin(raw, sizeof raw, hex, 64, NULL, NULL, NULL);
    crypto_generichash(h, sizeof h, raw, sizeof raw, NULL, 0);
    sodium_bin2hex(hhex, sizeof hhex, h, sizeof h);
    char sql[300];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE id_hash = '%s'", hhex);
    CHECK(count(s, sql) == 1);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM sessions WHERE instr(id_hash, '%s') > 0",
             hex);
    CHECK(count(s, sql) == 0);

    RC(0, session_lookup(s, hex, t + 100, IDLE, MAX, &got, &cause));
    CHECK(got.id == se.id && got.user_id == uid && got.last_seen == t + 100);
    CHECK_STR(got.csrf, se.csrf);
    /* malformed ids */
    char upper[65];
    for (int i = 0; i < 65; i++)
        upper[i] = (char)(hex[i] >= 'a' && hex[i] <= 'f' ? hex[i] - 32 : hex[i]);
    RC(1, session_lookup(s, upper, t + 100, IDLE, MAX, &got, &cause));
    RC(1, session_lookup(s, "abc", t + 100, IDLE, MAX, &got, &cause));
    RC(1, session_lookup(s, NULL, t + 100, IDLE, MAX, &got, &cause));
    char longer[80];
    snprintf(longer, sizeof longer, "%s00", hex);
    RC(1, session_lookup(s, longer, t + 100, IDLE, MAX, &got, &cause));
    char other[65];
    memcpy(other, hex, 65);
    other[0] = other[0] == '0' ? '1' : '0';
    RC(1, session_lookup(s, other, t + 100, IDLE, MAX, &got, &cause));

    /* idle expiry: the row goes */
    RC(0, session_lookup(s, hex, t + 100 + IDLE, IDLE, MAX, &got, &cause));
    RC(1, session_lookup(s, hex, t + 100 + 2 * IDLE + 1, IDLE, MAX, &got, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions") == 0);
    RC(1, session_lookup(s, hex, t + 100 + IDLE, IDLE, MAX, &got, &cause));

    /* absolute expiry, however active */
    RC(0, session_create(s, uid, NULL, t, hex, &se, &cause));
    for (int64_t now = t + IDLE / 2; now <= t + MAX; now += IDLE / 2)
        RC(0, session_lookup(s, hex, now, IDLE, MAX, NULL, &cause));
    RC(1, session_lookup(s, hex, t + MAX + 1, IDLE, MAX, NULL, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions") == 0);

    /* logout */
    RC(0, session_create(s, uid, "a\nb", t, hex, &se, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions WHERE address = '?'") == 1);
    RC(0, session_destroy(s, hex, &cause));
    RC(1, session_lookup(s, hex, t + 1, IDLE, MAX, NULL, &cause));
    RC(1, session_destroy(s, hex, &cause));
    RC(1, session_destroy(s, "zz", &cause));

    /* a password change and a disabling end the account's sessions */
    RC(0, session_create(s, uid, NULL, t, hex, &se, &cause));
    RC(0, account_set_password(s, "admin", "amina", PW, &cause));
    RC(1, session_lookup(s, hex, t + 1, IDLE, MAX, NULL, &cause));
    int64_t kid = user_id(s, "karim.b");
    RC(0, session_create(s, kid, NULL, t, hex, &se, &cause));
    RC(0, session_create(s, uid, NULL, t, hex2, &se, &cause));
    RC(0, account_set_disabled(s, "admin", "karim.b", 1, &cause));
    RC(1, account_set_disabled(s, "admin", "karim.b", 1, &cause));
    RC(1, session_lookup(s, hex, t + 1, IDLE, MAX, NULL, &cause));
    RC(0, session_lookup(s, hex2, t + 1, IDLE, MAX, NULL, &cause));
    RC(1, session_create(s, kid, NULL, t, hex, &se, &cause));
    RC(1, session_create(s, 9999, NULL, t, hex, &se, &cause));
    char w[200];
    CHECK(check_pw(s, "karim.b", "كلمة سر طويلة جدا", w, sizeof w) == 1);
    RC(0, account_set_disabled(s, "admin", "karim.b", 0, &cause));
    CHECK(check_pw(s, "karim.b", "كلمة سر طويلة جدا", w, sizeof w) == 0);
    /* a session whose account was disabled behind the store's back is refused too */
    RC(0, session_create(s, kid, NULL, t, hex, &se, &cause));
    sqlite3_exec(store_db(s), "UPDATE users SET disabled = 1 WHERE login = 'karim.b'", NULL,
                 NULL, NULL);
    RC(1, session_lookup(s, hex, t + 1, IDLE, MAX, NULL, &cause));
    sqlite3_exec(store_db(s), "UPDATE users SET disabled = 0 WHERE login = 'karim.b'", NULL,
                 NULL, NULL);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE action IN ('disable', "
                   "'enable')") == 2);

    /* purge: idle, too old, and the old login attempts */
    RC(0, session_create(s, uid, NULL, t, hex, &se, &cause));            /* idle at t+1000 */
    RC(0, session_create(s, uid, NULL, t + 900, hex, &se, &cause));      /* fresh */
    RC(0, login_record(s, "amina", "192.0.2.1", 0, t - LOGIN_KEEP - 10, &cause));
    RC(0, login_record(s, "amina", "192.0.2.1", 0, t, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions") == 3);
    RC(0, session_purge(s, t + 1000, IDLE, MAX, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions") == 1);
    CHECK(count(s, "SELECT count(*) FROM login_attempts") == 1);
    RC(0, session_purge(s, t + 900 + MAX + 1, 0, MAX, &cause));
    CHECK(count(s, "SELECT count(*) FROM sessions") == 0);
    sqlite3_exec(store_db(s), "DELETE FROM login_attempts", NULL, NULL, NULL);

    /* CSRF tokens */
    RC(0, session_create(s, uid, NULL, t, hex, &se, &cause));
    char tok[80];
    memcpy(tok, se.csrf, 65);
    CHECK(session_csrf_ok(&se, tok));
    tok[63] = tok[63] == 'a' ? 'b' : 'a';
    CHECK(!session_csrf_ok(&se, tok));
    memcpy(tok, se.csrf, 65);
    tok[10] = '\0';
    CHECK(!session_csrf_ok(&se, tok));
    snprintf(tok, sizeof tok, "%sab", se.csrf);
    CHECK(!session_csrf_ok(&se, tok));
    CHECK(!session_csrf_ok(&se, NULL));
    CHECK(!session_csrf_ok(&se, ""));
    CHECK(!session_csrf_ok(NULL, se.csrf));
    RC(0, session_destroy(s, hex, &cause));
}

static int throttled(struct store *s, const char *login, const char *addr, int64_t now,
                     int64_t *retry)
{
    char *cause = NULL;
    int rc = login_throttled(s, login, addr, now, retry, &cause);
    if (rc < 0)
        fprintf(stderr, "login_throttled: %s\n", cause);
    free(cause);
    return rc;
}

static void test_throttle(struct store *s)
{
    int64_t t = 1800000000, retry = -1;
    for (int i = 0; i < 4; i++)
        RC(0, login_record(s, i % 2 ? "Amina" : "amina", "192.0.2.1", 0, t + i, &cause));
    CHECK(throttled(s, "amina", "192.0.2.9", t + 10, &retry) == 0 && retry == 0);
    RC(0, login_record(s, "AMINA", "192.0.2.2", 0, t + 5, &cause));
    CHECK(throttled(s, "amina", "192.0.2.9", t + 10, &retry) == 1);
    CHECK(retry == t + LOGIN_WINDOW - (t + 10));  /* until the first of the five is old */
    CHECK(throttled(s, "Amina", "192.0.2.9", t + 10, &retry) == 1);
    CHECK(throttled(s, "karim.b", "192.0.2.9", t + 10, &retry) == 0);
    CHECK(throttled(s, "amina", "192.0.2.9", t + LOGIN_WINDOW, &retry) == 0);
    /* failures before the last success do not count for the login */
    RC(0, login_record(s, "amina", "192.0.2.1", 1, t + 20, &cause));
    CHECK(throttled(s, "amina", "192.0.2.9", t + 21, &retry) == 0);
    for (int i = 0; i < 4; i++)
        RC(0, login_record(s, "amina", "192.0.2.1", 0, t + 30 + i, &cause));
    CHECK(throttled(s, "amina", "192.0.2.9", t + 40, &retry) == 0);
    RC(0, login_record(s, "amina", "192.0.2.1", 0, t + 40, &cause));
    CHECK(throttled(s, "amina", "192.0.2.9", t + 41, &retry) == 1);
    CHECK(retry == t + 30 + LOGIN_WINDOW - (t + 41));

    /* by address: 20 failures from one address, whatever the logins */
    int64_t u = t + 10000;
    for (int i = 0; i < 19; i++) {
        char login[20];
        snprintf(login, sizeof login, "guess%d", i);
        RC(0, login_record(s, login, "198.51.100.3", 0, u + i, &cause));
    }
    CHECK(throttled(s, "fresh", "198.51.100.3", u + 30, &retry) == 0);
    RC(0, login_record(s, "not a login!", "198.51.100.3", 0, u + 19, &cause));
    CHECK(count(s, "SELECT count(*) FROM login_attempts WHERE login = '?'") == 1);
    CHECK(throttled(s, "fresh", "198.51.100.3", u + 30, &retry) == 1);
    CHECK(retry == u + LOGIN_WINDOW - (u + 30));
    CHECK(throttled(s, "fresh", "198.51.100.4", u + 30, &retry) == 0);
    CHECK(throttled(s, "fresh", "198.51.100.3", u + 19 + LOGIN_WINDOW, &retry) == 0);
    /* successes from the address do not wipe its failures */
    RC(0, login_record(s, "amina", "198.51.100.3", 1, u + 31, &cause));
    CHECK(throttled(s, "fresh", "198.51.100.3", u + 32, &retry) == 1);
}

static void test_role_change(struct store *s)
{
    struct account a;
    /* amina is the only admin: she may neither lose it nor be disabled */
    char *why = NULL;
    CHECK(account_set_role(s, "admin", "amina", ROLE_HEAD, 0, URB, &why) == 1 && why &&
          strstr(why, "last enabled admin"));
    free(why);
    why = NULL;
    CHECK(account_set_disabled(s, "admin", "amina", 1, &why) == 1 && why &&
          strstr(why, "last enabled admin"));
    free(why);
    RC(0, account_get(s, "amina", &a, &cause));
    CHECK(a.admin == 1 && !a.disabled && a.role == ROLE_CLERK);
    account_free(&a);
    /* with a second admin, she can */
    RC(0, account_set_role(s, "admin", "karim.b", ROLE_HEAD, 1, URB, &cause));
    RC(0, account_set_role(s, "admin", "amina", ROLE_HEAD, 0, URB, &cause));
    RC(0, account_get(s, "amina", &a, &cause));
    CHECK(a.role == ROLE_HEAD && a.admin == 0 && a.departments[0] &&
          !strcmp(a.departments[0], "urbanisme") && !a.departments[1]);
    account_free(&a);
    RC(1, account_set_role(s, "admin", "amina", ROLE_HEAD, 0, NULL, &cause));
    RC(1, account_set_role(s, "admin", "amina", ROLE_DIRECTOR, 0, URB, &cause));
    RC(1, account_set_role(s, "admin", "nobody", ROLE_DIRECTOR, 0, NULL, &cause));
    RC(0, account_set_role(s, "admin", "amina", ROLE_NONE, 1, NULL, &cause));
    RC(0, account_get(s, "amina", &a, &cause));
    CHECK(a.role == ROLE_NONE && a.admin == 1 && !a.departments[0]);
    CHECK(!account_sees_department(&a, "urbanisme"));
    account_free(&a);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE action = 'role'") == 3);
    CHECK(count(s, "SELECT count(*) FROM user_departments WHERE user_id = (SELECT id FROM users "
                   "WHERE login = 'amina')") == 0);

    int64_t uid = user_id(s, "amina");
    RC(0, account_set_lang(s, uid, "ar", &cause));
    RC(1, account_set_lang(s, uid, "en", &cause));
    RC(1, account_set_lang(s, uid, NULL, &cause));
    RC(1, account_set_lang(s, 9999, "fr", &cause));
    RC(0, account_set_last_seen_queues(s, uid, 1800000123, &cause));
    RC(1, account_set_last_seen_queues(s, 9999, 1, &cause));
    RC(0, account_get(s, "amina", &a, &cause));
    CHECK_STR(a.lang, "ar");
    CHECK(a.last_seen_queues == 1800000123);
    account_free(&a);
}

static void test_audit(struct store *s)
{
    sqlite3 *db = store_db(s);
    int64_t n = count(s, "SELECT count(*) FROM account_events");
    CHECK(n >= 8);
    CHECK(sqlite3_exec(db, "UPDATE account_events SET actor = 'x'", NULL, NULL, NULL) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM account_events", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(db, "DELETE FROM users WHERE login = 'amina'", NULL, NULL, NULL) !=
          SQLITE_OK);
    CHECK(sqlite3_exec(db, "UPDATE users SET login = 'other' WHERE login = 'amina'", NULL, NULL,
                       NULL) != SQLITE_OK);
    CHECK(count(s, "SELECT count(*) FROM account_events") == n);
    CHECK(count(s, "SELECT count(*) FROM account_events WHERE actor = 'x'") == 0);
    CHECK(count(s, "SELECT count(*) FROM users WHERE login = 'amina'") == 1);
}

int main(void)
{
    setenv("BUREAU_TEST_FAST_HASH", "1", 1);
    struct store *s = open_store();
    if (!s)
        T_END();
    test_roles();
    test_add(s);
    test_get(s);
    test_password(s);
    test_real_hash(s);
    test_sessions(s);
    test_throttle(s);
    test_role_change(s);
    test_audit(s);
    store_close(s);
    cleanup();
    T_END();
}
