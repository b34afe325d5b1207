/* test_imap.c — service/imap.c without a real server: argument checks,
 * connection failures, and a scripted fake IMAP server on 127.0.0.1 for
 * what Dovecot will not do (LOGINDISABLED, no STARTTLS, the "UID n:*"
 * quirk with out-of-order answers, BYE). The Dovecot-backed checks are in
 * tests/integration/test_imap_client.py. */
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bureau/imap.h"
#include "bureau/util.h"
#include "t.h"

struct rule {
    const char *command;   /* matched against the word(s) after the tag */
    const char *reply;     /* each "%s" is replaced by the tag */
};

struct fake {
    int lfd;
    int port;
    const char *greeting;
    const struct rule *rules;
    struct buf seen;       /* every line the client sent */
    pthread_t th;
};

static int fake_listen(struct fake *f)
{
    struct sockaddr_in sa;
    socklen_t len = sizeof sa;

    f->lfd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (f->lfd < 0 || bind(f->lfd, (struct sockaddr *)&sa, sizeof sa) < 0 ||
        listen(f->lfd, 1) < 0 || getsockname(f->lfd, (struct sockaddr *)&sa, &len) < 0)
        return -1;
    f->port = ntohs(sa.sin_port);
    buf_init(&f->seen, 1 << 20);
    return 0;
}

static void reply(int fd, const struct rule *r, const char *tag)
{
    struct buf out;
    const char *p;

    buf_init(&out, 1 << 16);
    for (p = r->reply; *p; p++) {
        if (p[0] == '%' && p[1] == 's') {
            buf_puts(&out, tag);
            p++;
        } else {
            buf_putc(&out, *p);
        }
    }
    if (write(fd, out.data, out.len) < 0)
        out.len = 0;
    buf_free(&out);
}

static void serve_line(struct fake *f, int fd, char *line)
{
    char *sp = strchr(line, ' ');
    const struct rule *r;

    buf_puts(&f->seen, line);
    buf_putc(&f->seen, '\n');
    if (!sp)
        return;
    *sp = '\0';
    for (r = f->rules; r->command; r++) {
        if (str_has_prefix_ci(sp + 1, r->command)) {
            reply(fd, r, line);
            return;
        }
    }
    dprintf(fd, "%s BAD unknown\r\n", line);
}

static void *fake_run(void *arg)
{
    struct fake *f = arg;
    char line[2048];
    size_t len = 0;
    int fd = accept(f->lfd, NULL, NULL);

    if (fd < 0)
        return NULL;
    dprintf(fd, "%s\r\n", f->greeting);
    for (;;) {
        ssize_t r = read(fd, line + len, 1);

        if (r <= 0)
            break;
        if (line[len] == '\n' || len + 2 >= sizeof line) {
            line[len > 0 && line[len - 1] == '\r' ? len - 1 : len] = '\0';
            serve_line(f, fd, line);
            len = 0;
            continue;
        }
        len++;
    }
    close(fd);
    return NULL;
}

static void account(struct imap_account *a, int port, enum tls_mode tls)
{
    memset(a, 0, sizeof *a);
    a->name = "test";
    a->host = "127.0.0.1";
    a->port = port;
    a->tls = tls;
    a->tls_verify = 1;
    a->user = "bo";
    a->password = "pw-never-sent";
    a->mailbox = "INBOX";
}

static void test_arguments(void)
{
    struct imap_account a;
    struct imap_conn *c = (struct imap_conn *)&a;
    char *cause = NULL;

    account(&a, 1, TLS_NONE);
    a.host = NULL;
    CHECK(imap_connect(&a, &c, &cause) == IMAP_PERMANENT && c == NULL);
    CHECK(cause && strstr(cause, "host"));
    account(&a, 1, TLS_NONE);
    a.host = "127.0.0.1\r\nX";
    CHECK(imap_connect(&a, &c, &cause) == IMAP_PERMANENT && strstr(cause, "host"));
    account(&a, 70000, TLS_NONE);
    CHECK(imap_connect(&a, &c, &cause) == IMAP_PERMANENT && strstr(cause, "port"));
    account(&a, 1, TLS_NONE);
    a.password = "a\r\nb";
    CHECK(imap_connect(&a, &c, &cause) == IMAP_PERMANENT && strstr(cause, "password"));
    CHECK(!strstr(cause, "a\r\nb"));
    account(&a, 1, (enum tls_mode)7);
    CHECK(imap_connect(&a, &c, &cause) == -1 && strstr(cause, "TLS mode"));
    free(cause);
}

static void test_refused(void)
{
    struct fake f = { 0 };
    struct imap_account a;
    struct imap_conn *c = NULL;
    char *cause = NULL;

    CHECK(fake_listen(&f) == 0);
    close(f.lfd);
    account(&a, f.port, TLS_NONE);
    CHECK(imap_connect(&a, &c, &cause) == -1);
    CHECK(cause && strstr(cause, "cannot connect to 127.0.0.1"));
    free(cause);
    buf_free(&f.seen);
}

/* Run the fake with greeting/rules; connect with tls; return connect's rc. */
static int against(const char *greeting, const struct rule *rules, enum tls_mode tls,
                   struct fake *f, struct imap_conn **c, char **cause)
{
    struct imap_account a;
    int rc;

    memset(f, 0, sizeof *f);
    f->greeting = greeting;
    f->rules = rules;
    if (fake_listen(f) < 0)
        return -2;
    pthread_create(&f->th, NULL, fake_run, f);
    account(&a, f->port, tls);
    rc = imap_connect(&a, c, cause);
    if (rc == 0)
        return rc;
    pthread_join(f->th, NULL);
    close(f->lfd);
    return rc;
}

static void test_no_login_when_disabled(void)
{
    static const struct rule rules[] = {
        { "CAPABILITY", "* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n%s OK done\r\n" },
        { "LOGIN", "%s OK logged in\r\n" },
        { "STARTTLS", "%s NO not here\r\n" },
        { NULL, NULL },
    };
    struct fake f;
    struct imap_conn *c = NULL;
    char *cause = NULL;

    CHECK(against("* OK ready", rules, TLS_NONE, &f, &c, &cause) == IMAP_PERMANENT);
    CHECK(cause && strstr(cause, "LOGINDISABLED"));
    CHECK(f.seen.data && !strstr(f.seen.data, "LOGIN bo"));
    CHECK(f.seen.data && !strstr(f.seen.data, "pw-never-sent"));
    buf_free(&f.seen);
    free(cause);
    cause = NULL;
    CHECK(against("* OK ready", rules, TLS_STARTTLS, &f, &c, &cause) == -1);
    CHECK(cause && strstr(cause, "STARTTLS"));
    CHECK(f.seen.data && !strstr(f.seen.data, "pw-never-sent"));
    buf_free(&f.seen);
    free(cause);
}

static void test_list_quirk(void)
{
    static const struct rule rules[] = {
        { "CAPABILITY", "* CAPABILITY IMAP4rev1 IDLE\r\n%s OK done\r\n" },
        { "LOGIN", "%s OK logged in\r\n" },
        { "SELECT", "* 3 EXISTS\r\n* OK [UIDVALIDITY 77] v\r\n* OK [UIDNEXT 9] n\r\n"
                    "%s OK [READ-WRITE] selected\r\n" },
        { "UID FETCH 10:*", "* 3 FETCH (UID 8 RFC822.SIZE 30)\r\n%s OK fetched\r\n" },
        { "UID FETCH 1:*", "* 3 FETCH (UID 8 RFC822.SIZE 30)\r\n"
                           "* 1 FETCH (UID 2 RFC822.SIZE 10)\r\n"
                           "* 2 FETCH (FLAGS (\\Seen))\r\n"
                           "* 2 FETCH (UID 5 RFC822.SIZE 20)\r\n%s OK fetched\r\n" },
        { "LOGOUT", "* BYE bye\r\n%s OK done\r\n" },
        { NULL, NULL },
    };
    struct fake f;
    struct imap_conn *c = NULL;
    struct imap_msginfo *v = NULL;
    uint32_t uv = 0, un = 0;
    size_t n = 99;
    char *cause = NULL;

    CHECK(against("* OK ready", rules, TLS_NONE, &f, &c, &cause) == 0);
    if (!c)
        return;
    CHECK(imap_has_idle(c));
    CHECK(imap_select(c, "INBOX", &uv, &un, &cause) == 0 && uv == 77 && un == 9);
    CHECK(imap_list(c, 1, &v, &n, &cause) == 0 && n == 3);
    CHECK(n == 3 && v[0].uid == 2 && v[1].uid == 5 && v[2].uid == 8);
    CHECK(n == 3 && v[0].size == 10 && v[1].size == 20 && v[2].size == 30);
    free(v);
    v = NULL;
    CHECK(imap_list(c, 10, &v, &n, &cause) == 0 && n == 0);
    free(v);
    imap_close(c);
    pthread_join(f.th, NULL);
    CHECK(f.seen.data && strstr(f.seen.data, "LOGOUT"));
    close(f.lfd);
    buf_free(&f.seen);
    free(cause);
}

int main(void)
{
    test_arguments();
    test_refused();
    test_no_login_when_disabled();
    test_list_quirk();
    T_END();
}
