/* test_alloc_torture.c — allocation failures, one at a time (issue 18 item 4).
 *
 * For each path — parse and classify a message (every file of tests/data/mime
 * and tests/data/samples, with the default rules), load the configuration,
 * load the default rules — the path is first run once to count its
 * allocations (util_test_allocs), then run again in a forked child for
 * N = 1, 2, … that count with the N-th allocation failing
 * (util_test_fail_alloc). Every child must end in one of two ways:
 *   - exit 71 (EXIT_OOM) after "bureau: out of memory": the clear error;
 *   - exit 0: the path finished (LeakSanitizer checks the child's leaks then).
 * A signal (a crash, an ASan or UBSan report under abort_on_error) fails the
 * test. Up to MAX_FORKS values of N are tried per path (160 for the rules,
 * whose every load compiles all the patterns): every N when the count is
 * below it, else the first and last quarter and evenly spaced ones; a third
 * of those under ASan.
 *
 * In the service, the first kind is what happens for real: a parser worker
 * that runs out of memory is judged "ran out of memory" and its message is
 * quarantined (test_mime checks the verdict), the others go on. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bureau/config.h"
#include "bureau/mime.h"
#include "bureau/msg.h"
#include "bureau/rules.h"
#include "bureau/util.h"
#include "t.h"

#define MAX_FORKS 600
/* Under ASan a fork of this process costs ten times more: a third of the
 * values of N (evenly spread), and 40 for the rules. */
#ifdef __SANITIZE_ADDRESS__
#define SAN_STRIDE 3
#define RULES_FORKS 40
#else
#define SAN_STRIDE 1
#define RULES_FORKS 160
#endif

struct target {
    const char *name;
    void (*run)(const void *arg);
    const void *arg;
    long max_forks; /* 0: MAX_FORKS */
};

static const struct rules *g_rules;

struct message {
    char *raw;
    size_t len;
};

static void run_parse_classify(const void *arg)
{
    const struct message *m = arg;
    struct mime_limits lim;
    struct msg msg;
    struct classification c;
    char *cause = NULL;

    mime_limits_default(&lim);
    msg_init(&msg);
    memset(&c, 0, sizeof c);
    if (mime_parse(m->raw, m->len, &lim, &msg, &cause) == MIME_OK)
        (void)rules_classify(g_rules, &msg, NULL, &c);
    classification_free(&c);
    msg_free(&msg);
    free(cause);
}

static void run_rules_load(const void *arg)
{
    struct rules *r = NULL;
    struct rules_diags d = {0};
    (void)rules_load(arg, &r, &d);
    rules_free(r);
    rules_diags_free(&d);
}

static void run_config_load(const void *arg)
{
    struct config *c = NULL;
    char *errors = NULL;
    (void)config_load(arg, &c, &errors);
    config_free(c);
    free(errors);
}

/* Run t once in a child with the nth allocation failing; 1 when the child
 * ended well (0 or EXIT_OOM). */
static int one_failure(const struct target *t, long nth, int *oom)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        return 0;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 2);  /* "out of memory" a thousand times is noise */
        util_test_fail_alloc(nth);
        t->run(t->arg);
        exit(0);
    }
    int st = 0;
    if (waitpid(pid, &st, 0) != pid)
        return 0;
    if (WIFEXITED(st) && WEXITSTATUS(st) == EXIT_OOM) {
        (*oom)++;
        return 1;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return 1;
    fprintf(stderr, "%s: allocation %ld failing: %s %d\n", t->name, nth,
            WIFSIGNALED(st) ? "killed by signal" : "exit status",
            WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
    return 0;
}

/* The i-th value of N to try out of max: all of 1..total when it fits, else
 * the first and last quarter of max and evenly spaced ones between. */
static long pick(long i, long total, long max)
{
    long edge = max / 4;
    if (total <= max || i < edge)
        return i + 1;
    if (i >= max - edge)
        return total - (max - i) + 1;
    return edge + 1 + (i - edge) * (total - 2 * edge) / (max - 2 * edge);
}

static void torture(const struct target *t)
{
    util_test_fail_alloc(0);
    t->run(t->arg);
    long total = util_test_allocs();
    long max = t->max_forks ? t->max_forks : MAX_FORKS;
    long tries = total < max ? total : max, bad = 0, done = 0;
    int oom = 0;
    for (long i = 0; i < tries; i += SAN_STRIDE, done++)
        bad += !one_failure(t, pick(i, total, max), &oom);
    tries = done;
    printf("%-40s %6ld allocations, %4ld failed in turn: %d clean out-of-memory exits, %ld bad\n",
           t->name, total, tries, oom, bad);
    CHECK(total > 0);
    CHECK(bad == 0);
    CHECK(oom == tries);  /* the N-th allocation exists, so each child ran out */
}

static int load_message(const char *path, struct message *m)
{
    char *cause = NULL;
    if (file_read_all(path, 4u << 20, &m->raw, &m->len, &cause) < 0) {
        fprintf(stderr, "%s: %s\n", path, cause);
        free(cause);
        return -1;
    }
    return 0;
}

static void torture_dir(const char *dir)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 5 || strcmp(de->d_name + n - 4, ".eml"))
            continue;
        char *path = xasprintf("%s/%s", dir, de->d_name);
        struct message m;
        if (load_message(path, &m) == 0) {
            struct target t = {de->d_name, run_parse_classify, &m, 0};
            torture(&t);
            free(m.raw);
        }
        free(path);
    }
    closedir(d);
}

static char *write_config(const char *src)
{
    char dir[] = "/tmp/bureau-torture-XXXXXX";
    if (!mkdtemp(dir))
        return NULL;
    char *path = xasprintf("%s/bureau.conf", dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        free(path);
        return NULL;
    }
    fprintf(f,
            "[bureau]\ndatabase = %s/bureau.db\norganisation_fr = Commune de Test\n"
            "organisation_ar = جماعة الاختبار\nrules = %s/rules\ntemplates = %s/templates\n"
            "holidays = %s/data/holidays-ma.txt\nown_addresses = bo@commune.test\n"
            "[limits]\nmax_message_size = 10M\n"
            "[account general]\nhost = 127.0.0.1\nport = 143\ntls = none\nuser = bo\n"
            "password_env = BUREAU_TORTURE_PW\nmailbox = INBOX\n"
            "[smtp]\nurl = smtp://127.0.0.1:25\ntls = none\nfrom = bo@commune.test\n",
            dir, src, src, src);
    fclose(f);
    return path;
}

int main(void)
{
    const char *src = getenv("BUREAU_SOURCE_DIR");
    if (!src)
        src = BUREAU_SOURCE_DIR;
    char *rules_dir = xasprintf("%s/rules", src);
    struct rules *r = NULL;
    struct rules_diags d = {0};
    CHECK(rules_load(rules_dir, &r, &d) == 0);
    rules_diags_free(&d);
    if (!r)
        T_END();
    g_rules = r;

    /* each load compiles every pattern: 160 of its allocations, not 600 */
    struct target rl = {"load the default rules", run_rules_load, rules_dir, RULES_FORKS};
    torture(&rl);
    char *conf = write_config(src);
    CHECK(conf != NULL);
    if (conf) {
        struct target cl = {"load the configuration", run_config_load, conf, 0};
        torture(&cl);
    }
    char *mime = xasprintf("%s/tests/data/mime", src);
    char *samples = xasprintf("%s/tests/data/samples", src);
    torture_dir(mime);
    torture_dir(samples);

    if (conf) {
        char *dir = xstrndup(conf, strlen(conf) - strlen("/bureau.conf"));
        unlink(conf);
        rmdir(dir);
        free(dir);
    }
    free(conf);
    free(mime);
    free(samples);
    free(rules_dir);
    rules_free(r);
    T_END();
}
