/* test_config.c — parsing, defaults, secrets, and every error in one pass. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/config.h"
#include "bureau/util.h"
#include "t.h"

static char dir[128];

static char *write_file(const char *name, const char *text)
{
    char *p = xasprintf("%s/%s", dir, name);
    CHECK(file_write_atomic(p, text, strlen(text), 0600, NULL) == 0);
    return p;
}

static void test_good(void)
{
    char *pw = write_file("imap.pass", "s3cret\n");
    free(pw);
    char *path = write_file("good.conf",
                            "# comment\n"
                            "[bureau]\n"
                            "database = data/bureau.db\n"
                            "organisation_ar = جماعة تيزنيت\n"
                            "number_format = BO/{year}/{seq:5}\n"
                            "[limits]\n"
                            "max_message_size = 2M   # inline comment\n"
                            "parse_timeout = 5s\n"
                            "parsers = 3\n"
                            "[account general]\n"
                            "host = 127.0.0.1\n"
                            "tls = starttls\n"
                            "user = bo\n"
                            "password_file = imap.pass\n"
                            "default_kind = complaint\n"
                            "[account plaintes]\n"
                            "host = imap.example.ma\n"
                            "user = plaintes\n"
                            "password_env = BUREAU_TEST_PW\n");
    setenv("BUREAU_TEST_PW", "from-env", 1);
    struct config *c = NULL;
    char *errors = NULL;
    CHECK(config_load(path, &c, &errors) == 0);
    if (errors)
        fprintf(stderr, "%s", errors);
    if (c) {
        char *db = xasprintf("%s/data/bureau.db", dir);
        CHECK_STR(c->db_path, db);
        free(db);
        CHECK_STR(c->org_name_ar, "جماعة تيزنيت");
        CHECK_STR(c->number_format, "BO/{year}/{seq:5}");
        CHECK(c->limits.max_message_size == 2 * 1024 * 1024);
        CHECK(c->limits.timeout_ms == 5000);
        CHECK(c->parsers == 3 && config_parsers(c) == 3);
        c->parsers = 0;  /* auto: two on a machine with two processors or more */
        CHECK(config_parsers(c) == (sysconf(_SC_NPROCESSORS_ONLN) >= 2 ? 2u : 1u));
        CHECK(c->per_sender_routed == 20);  /* [routing] default */
        CHECK(c->n_accounts == 2);
        const struct imap_account *a = config_account(c, "general");
        CHECK(a && a->tls == TLS_STARTTLS && a->port == 143 && a->tls_verify == 1);
        CHECK(a && strcmp(a->password, "s3cret") == 0);
        CHECK(a && strcmp(a->mailbox, "INBOX") == 0 &&
              strcmp(a->registered_folder, "Registered") == 0);
        CHECK(a && strcmp(a->default_kind, "complaint") == 0);
        a = config_account(c, "plaintes");
        CHECK(a && a->tls == TLS_IMPLICIT && a->port == 993);
        CHECK(a && strcmp(a->password, "from-env") == 0);
        CHECK(config_account(c, "nope") == NULL);
    }
    config_free(c);
    free(errors);
    free(path);
}

static void test_parsers(void)
{
    const char *bad[] = {"0", "5", "two"};
    for (size_t i = 0; i < 3; i++) {
        char *text = xasprintf("[bureau]\ndatabase = x.db\n[limits]\nparsers = %s\n", bad[i]);
        char *path = write_file("parsers.conf", text);
        struct config *c = NULL;
        char *errors = NULL;
        CHECK(config_load(path, &c, &errors) == -1 && c == NULL);
        CHECK(errors && strstr(errors, ":4:") != NULL);
        free(errors);
        free(path);
        free(text);
    }
    char *path = write_file("parsers.conf", "[bureau]\ndatabase = x.db\n[limits]\nparsers = auto\n");
    struct config *c = NULL;
    char *errors = NULL;
    CHECK(config_load(path, &c, &errors) == 0 && c && c->parsers == 0);
    config_free(c);
    free(errors);
    free(path);
}

static void test_errors_all_reported(void)
{
    char *path = write_file("bad.conf",
                            "[bureau]\n"
                            "database = x.db\n"
                            "colour = blue\n"
                            "[account a]\n"
                            "host = h\n"
                            "user = u\n"
                            "password = hunter2\n"
                            "port = 99999\n"
                            "tls = maybe\n"
                            "[nonsense]\n"
                            "just some words\n");
    struct config *c = NULL;
    char *errors = NULL;
    CHECK(config_load(path, &c, &errors) == -1);
    CHECK(c == NULL);
    CHECK(errors != NULL);
    if (errors) {
        char *want1 = xasprintf("%s:3:1: unknown key \"colour\"", path);
        char *want2 = xasprintf("%s:7:12: passwords are not written", path);
        char *want3 = xasprintf("%s:8:8: port must be 1-65535", path);
        char *want4 = xasprintf("%s:9:7: tls must be", path);
        char *want5 = xasprintf("%s:10:1: unknown section [nonsense]", path);
        CHECK(strstr(errors, want1) != NULL);
        CHECK(strstr(errors, want2) != NULL);
        CHECK(strstr(errors, want3) != NULL);
        CHECK(strstr(errors, want4) != NULL);
        CHECK(strstr(errors, want5) != NULL);
        CHECK(strstr(errors, "password_file or password_env is required") != NULL);
        CHECK(strstr(errors, "unknown key \"password\"") == NULL);  /* one error a line */
        /* the secret itself never appears in an error */
        CHECK(strstr(errors, "hunter2") == NULL);
        free(want1);
        free(want2);
        free(want3);
        free(want4);
        free(want5);
    }
    free(errors);
    free(path);
    errors = NULL;
    CHECK(config_load("/nonexistent/bureau.conf", &c, &errors) == -1 && errors);
    free(errors);
}

/* A secret that cannot be read is not a config error (clerks' commands do
 * not need it); it is reported when the mailbox is used. */
static void test_secret_deferred(void)
{
    char *path = write_file("clerk.conf", "[bureau]\ndatabase = x.db\n"
                                          "[account general]\nhost = h\nuser = u\n"
                                          "password_file = /nonexistent/imap.pass\n");
    struct config *c = NULL;
    char *errors = NULL;
    CHECK(config_load(path, &c, &errors) == 0);
    const struct imap_account *a = c ? config_account(c, "general") : NULL;
    CHECK(a && a->password == NULL);
    CHECK(a && a->password_error && strstr(a->password_error, "/nonexistent/imap.pass"));
    config_free(c);
    free(errors);
    free(path);
}

/* tls = none with a password: only to a loopback host (issue 12 item 6),
 * refused at the line and column of `tls = none`, for IMAP and SMTP. */
static int loads(const char *name, const char *text, const char *want_error)
{
    char *path = write_file(name, text);
    struct config *c = NULL;
    char *errors = NULL;
    int rc = config_load(path, &c, &errors);
    if (want_error) {
        char *want = xasprintf("%s:%s", path, want_error);
        CHECK(rc == -1 && errors && strstr(errors, want));
        if (!(errors && strstr(errors, want)))
            fprintf(stderr, "wanted %s in:\n%s", want, errors ? errors : "(none)\n");
        free(want);
    }
    config_free(c);
    free(errors);
    free(path);
    return rc;
}

static void test_cleartext_loopback_only(void)
{
    setenv("BUREAU_TEST_PW", "pw", 1);
    static const char *const ok_hosts[] = {"127.0.0.1", "127.3.4.5", "::1", "localhost",
                                           "LocalHost", "::ffff:127.0.0.1"};
    static const char *const bad_hosts[] = {"imap.example.ma", "10.0.0.1", "128.0.0.1",
                                            "::2", "localhost.example.ma", "0.0.0.0"};
    for (size_t i = 0; i < sizeof ok_hosts / sizeof ok_hosts[0]; i++) {
        char *t = xasprintf("[bureau]\ndatabase = x.db\n[account a]\nhost = %s\n"
                            "tls = none\nuser = u\npassword_env = BUREAU_TEST_PW\n",
                            ok_hosts[i]);
        CHECK(loads("ok.conf", t, NULL) == 0);
        free(t);
    }
    for (size_t i = 0; i < sizeof bad_hosts / sizeof bad_hosts[0]; i++) {
        /* tls before host: the error still points at `tls = none` */
        char *t = xasprintf("[bureau]\ndatabase = x.db\n[account a]\n  tls = none\n"
                            "host = %s\nuser = u\npassword_env = BUREAU_TEST_PW\n",
                            bad_hosts[i]);
        CHECK(loads("bad.conf", t, "4:9: [account a]: tls = none sends the password in "
                                   "clear") == -1);
        free(t);
    }
    /* TLS to any host is fine */
    CHECK(loads("tls.conf", "[bureau]\ndatabase = x.db\n[account a]\nhost = imap.example.ma\n"
                            "tls = starttls\nuser = u\npassword_env = BUREAU_TEST_PW\n",
                NULL) == 0);
    /* SMTP: with a password, loopback only; without one (a relay on the LAN
     * that needs no login) tls = none sends no secret */
    CHECK(loads("s1.conf", "[bureau]\ndatabase = x.db\n[smtp]\nurl = smtp://127.0.0.1:2525\n"
                           "tls = none\nuser = u\npassword_env = BUREAU_TEST_PW\nfrom = a@b.c\n",
                NULL) == 0);
    CHECK(loads("s2.conf", "[bureau]\ndatabase = x.db\n[smtp]\nurl = smtp://[::1]:25\n"
                           "tls = none\nuser = u\npassword_env = BUREAU_TEST_PW\nfrom = a@b.c\n",
                NULL) == 0);
    CHECK(loads("s3.conf", "[bureau]\ndatabase = x.db\n[smtp]\nurl = smtp://smtp.example.ma:587\n"
                           "user = u\npassword_env = BUREAU_TEST_PW\ntls = none\nfrom = a@b.c\n",
                "7:7: [smtp]: tls = none sends the password in clear") == -1);
    CHECK(loads("s4.conf", "[bureau]\ndatabase = x.db\n[smtp]\nurl = smtp://127.0.0.1.evil.test\n"
                           "tls = none\npassword_env = BUREAU_TEST_PW\nfrom = a@b.c\n",
                "5:7: [smtp]") == -1);
    CHECK(loads("s5.conf", "[bureau]\ndatabase = x.db\n[smtp]\nurl = smtp://10.1.1.1:25\n"
                           "tls = none\nfrom = a@b.c\n",
                NULL) == 0);
}

/* [web]: defaults without it, values and paths with it, its errors. */
static void test_web(void)
{
    struct config *c = NULL;
    char *errors = NULL;
    char *path = write_file("noweb.conf", "[bureau]\ndatabase = b.db\n");
    CHECK(config_load(path, &c, &errors) == 0);
    if (c) {
        CHECK(!c->web.has_web);
        CHECK_STR(c->web.listen, "127.0.0.1:8080");
        CHECK(c->web.session_idle == 1800 && c->web.session_max == 43200);
        CHECK(c->web.max_connections == 64 && c->web.timeout == 30 && !c->web.tls_cert);
        CHECK(c->web.reopen_days == 30 && c->web.track_per_minute == 30);
    }
    config_free(c);
    free(path);
    path = write_file("web.conf", "[bureau]\ndatabase = b.db\n[web]\nlisten = [::1]:8443\n"
                                  "base_url = https://bo.commune.ma\ntls_cert = c.pem\n"
                                  "tls_key = /etc/k.pem\nsession_idle = 10m\nsession_max = 2h\n"
                                  "trusted_proxy = 127.0.0.1\nmax_connections = 16\n"
                                  "reopen_days = 0\ntrack_per_minute = 5\n");
    c = NULL;
    CHECK(config_load(path, &c, &errors) == 0);
    if (c) {
        char *cert = xasprintf("%s/c.pem", dir);
        CHECK(c->web.has_web);
        CHECK_STR(c->web.listen, "[::1]:8443");
        CHECK_STR(c->web.base_url, "https://bo.commune.ma");
        CHECK_STR(c->web.tls_cert, cert);  /* relative to the file */
        CHECK_STR(c->web.tls_key, "/etc/k.pem");
        CHECK(c->web.session_idle == 600 && c->web.session_max == 7200);
        CHECK_STR(c->web.trusted_proxy, "127.0.0.1");
        CHECK(c->web.max_connections == 16);
        CHECK(c->web.reopen_days == 0 && c->web.track_per_minute == 5);
        free(cert);
    }
    config_free(c);
    free(path);
    path = write_file("badweb.conf", "[bureau]\ndatabase = b.db\n[web]\nlisten = 8080\n"
                                     "base_url = bo.commune.ma\ntls_cert = c.pem\n"
                                     "max_connections = 0\ncolour = blue\n"
                                     "reopen_days = 4000\ntrack_per_minute = 0\n");
    c = NULL;
    CHECK(config_load(path, &c, &errors) == -1 && errors);
    if (errors) {
        CHECK(strstr(errors, "listen must be HOST:PORT") != NULL);
        CHECK(strstr(errors, "base_url must start with http") != NULL);
        CHECK(strstr(errors, "tls_cert and tls_key go together") != NULL);
        CHECK(strstr(errors, "max_connections must be 1..1024") != NULL);
        CHECK(strstr(errors, "unknown key \"colour\" in [web]") != NULL);
        CHECK(strstr(errors, "reopen_days must be 0..3650") != NULL);
        CHECK(strstr(errors, "track_per_minute must be 1..10000") != NULL);
    }
    free(errors);
    free(path);
}

/* [reminders] digest_time: two digits, a colon, two digits, a time of the day. */
static void test_digest_time(void)
{
    static const char *bad[] = {"ab:cd", "7:5x", "25:00", "24:00", "12:60", "12:5",
                                "1:30", "12-30", "-1:30", "12:3a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *text = xasprintf("[bureau]\ndatabase = x.db\n[reminders]\ndigest_time = %s\n",
                               bad[i]);
        CHECK(loads("d.conf", text, "4:15: digest_time must be HH:MM") == -1);
        free(text);
    }
    static const char *good[] = {"00:00", "08:00", "23:59", "12:30"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        char *text = xasprintf("[bureau]\ndatabase = x.db\n[reminders]\ndigest_time = %s\n",
                               good[i]);
        char *path = write_file("d.conf", text);
        struct config *c = NULL;
        char *errors = NULL;
        CHECK(config_load(path, &c, &errors) == 0 && c && c->digest_time &&
              !strcmp(c->digest_time, good[i]));
        config_free(c);
        free(errors);
        free(path);
        free(text);
    }
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/bureau-test-config-%ld", (long)getpid());
    char *cmd = xasprintf("mkdir -p %s", dir);
    CHECK(system(cmd) == 0);
    free(cmd);
    test_good();
    test_parsers();
    test_errors_all_reported();
    test_secret_deferred();
    test_cleartext_loopback_only();
    test_web();
    test_digest_time();
    cmd = xasprintf("rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    free(cmd);
    T_END();
}
