/* test_autoreply.c — the loop and abuse rules, the daily cap, and the
 * status life cycle. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/autoreply.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"
#include "t.h"

static void msg_set(struct msg *m, const char *from, const char *hname, const char *hval)
{
    msg_init(m);
    m->from_addr = xstrdup(from);
    if (hname) {
        m->headers = xcalloc(1, sizeof *m->headers);
        m->headers[0].name = xstrdup(hname);
        m->headers[0].value = xstrdup(hval);
        m->n_headers = 1;
    }
}

static const char *refusal_of(const struct config *cfg, const char *from, const char *hname,
                              const char *hval)
{
    struct msg m;
    msg_set(&m, from, hname, hval);
    const char *r = autoreply_refusal(cfg, &m);
    msg_free(&m);
    return r;
}

static void test_rules(void)
{
    struct config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.own_addresses = "bo@commune.ma, noreply@commune.ma";
    cfg.smtp.from_addr = "bureau@commune.ma";
    CHECK(refusal_of(&cfg, "citoyen@example.ma", NULL, NULL) == NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Auto-Submitted", "no") == NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Auto-Submitted", "auto-replied") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "auto-submitted", "Auto-Generated") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Precedence", "bulk") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Precedence", " Junk") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Precedence", "list") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "Precedence", "first-class") == NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "List-Id", "<x.lists.example>") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "X-Spam-Flag", "YES") != NULL);
    CHECK(refusal_of(&cfg, "citoyen@example.ma", "X-Spam-Flag", "NO") == NULL);
    CHECK(refusal_of(&cfg, "MAILER-DAEMON@mx.example.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "postmaster@example.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "no-reply@bank.example", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "BO@Commune.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "bureau@commune.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "bo2@commune.ma", NULL, NULL) == NULL);
    CHECK(refusal_of(&cfg, "x\r\n@example.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "owner-list@example.ma", NULL, NULL) != NULL);
    CHECK(refusal_of(&cfg, "list-request@example.ma", NULL, NULL) != NULL);

    struct msg m;
    msg_set(&m, "citoyen@example.ma", NULL, NULL);
    m.return_path = xstrdup("");
    CHECK(autoreply_refusal(&cfg, &m) != NULL);
    free(m.return_path);
    m.return_path = xstrdup("citoyen@example.ma");
    CHECK(autoreply_refusal(&cfg, &m) == NULL);
    m.is_dsn = 1;
    CHECK(autoreply_refusal(&cfg, &m) != NULL);
    msg_free(&m);
}

static void test_cap(void)
{
    char path[] = "/tmp/bureau-autoreply-XXXXXX";
    int fd = mkstemp(path);
    struct store *s = NULL;
    char *cause = NULL;
    CHECK(fd >= 0);
    close(fd);
    unlink(path);
    CHECK(store_create(path, NULL, &s, &cause) == 0);
    if (!s) {
        fprintf(stderr, "%s\n", cause ? cause : "?");
        free(cause);
        return;
    }
    int got[7];
    CHECK(store_begin(s, &cause) == 0);
    for (int i = 0; i < 7; i++)
        got[i] = autoreply_tx_take(s, i % 2 ? "Citoyen@Example.ma" : "citoyen@example.ma", 5,
                                   &cause);
    CHECK(store_commit(s, &cause) == 0);
    CHECK(got[0] == 1 && got[4] == 1 && got[5] == 0 && got[6] == 0);
    CHECK(autoreply_tx_take(s, "other@example.ma", 5, &cause) == 1);
    CHECK(autoreply_tx_take(s, "citoyen@example.ma", 0, &cause) == 1);
    store_close(s);
    unlink(path);
    char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
}

static void test_lifecycle(void)
{
    CHECK(lifecycle_transition_ok("registered", "routed"));
    CHECK(lifecycle_transition_ok("routed", "in-progress"));
    CHECK(lifecycle_transition_ok("in-progress", "answered"));
    CHECK(lifecycle_transition_ok("answered", "closed"));
    CHECK(lifecycle_transition_ok("closed", "in-progress"));
    CHECK(!lifecycle_transition_ok("closed", "answered"));
    CHECK(!lifecycle_transition_ok("registered", "closed"));
    CHECK(!lifecycle_transition_ok("routed", "routed"));
    CHECK(!lifecycle_transition_ok("routed", "bogus"));
    CHECK(lifecycle_code_valid("before-court") && !lifecycle_code_valid("rude"));
    CHECK(lifecycle_citizen_facing("answered") && !lifecycle_citizen_facing("routed"));
    CHECK_STR(lifecycle_status_ar("in-progress"), "في طور المعالجة");
}

int main(void)
{
    test_rules();
    test_cap();
    test_lifecycle();
    T_END();
}
