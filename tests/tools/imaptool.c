/* imaptool — drives service/imap.c alone, for the IMAP integration tests
 * and the benchmark (bench/imap_vs_mbsync.sh). Password from
 * $IMAPTOOL_PASSWORD, never from the command line.
 *
 *   imaptool [--tls none|implicit|starttls] [--ca FILE] [--insecure]
 *            --host H --port P --user U COMMAND ARGS
 *   check                         connect + login, print "ok"
 *   list MAILBOX [FROM_UID]       "uidvalidity V uidnext N", then "UID SIZE" lines
 *   fetch MAILBOX DIR UID...      write DIR/UID.eml, print "UID LEN" lines
 *   move MAILBOX FOLDER UID...    move, print "moved N"
 *   idle MAILBOX SECONDS          print "changed", "timeout", or "stopped" on SIGTERM
 *   bench MAILBOX BATCH [DIR]     list + fetch everything (into DIR/UID.eml,
 *                                 no fsync), print figures
 * With $BUREAU_IMAP_TRACE set, the protocol is logged (credentials withheld).
 * Exit 0 on success, 1 with the cause on stderr otherwise, 2 on usage. */
#include <stdatomic.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bureau/imap.h"
#include "bureau/log.h"
#include "bureau/util.h"

#define MAX_UIDS 100000

struct opts {
    struct imap_account a;
    int argi;
};

static int usage(void)
{
    fprintf(stderr, "usage: imaptool [--tls MODE] [--ca FILE] [--insecure] --host H --port P "
                    "--user U COMMAND ARGS (password in $IMAPTOOL_PASSWORD)\n");
    return 2;
}

static int parse_uint(const char *s, uint64_t max, uint64_t *out)
{
    if (parse_u64(s, out) != 0 || *out > max) {
        fprintf(stderr, "imaptool: bad number: %s\n", s);
        return -1;
    }
    return 0;
}

static int parse_tls(const char *s, enum tls_mode *m)
{
    if (strcmp(s, "none") == 0)
        *m = TLS_NONE;
    else if (strcmp(s, "implicit") == 0)
        *m = TLS_IMPLICIT;
    else if (strcmp(s, "starttls") == 0)
        *m = TLS_STARTTLS;
    else
        return -1;
    return 0;
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
    uint64_t v;
    int i;

    memset(o, 0, sizeof *o);
    o->a.tls_verify = 1;
    o->a.name = "imaptool";
    o->a.password = getenv("IMAPTOOL_PASSWORD");
    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--insecure") == 0) {
            o->a.tls_verify = 0;
            continue;
        }
        if (i + 1 >= argc)
            return -1;
        if (strcmp(argv[i], "--tls") == 0 && parse_tls(argv[i + 1], &o->a.tls) == 0)
            ;
        else if (strcmp(argv[i], "--ca") == 0)
            o->a.ca_file = argv[i + 1];
        else if (strcmp(argv[i], "--host") == 0)
            o->a.host = argv[i + 1];
        else if (strcmp(argv[i], "--user") == 0)
            o->a.user = argv[i + 1];
        else if (strcmp(argv[i], "--port") == 0 && parse_uint(argv[i + 1], 65535, &v) == 0)
            o->a.port = (int)v;
        else
            return -1;
        i++;
    }
    o->argi = i;
    return o->a.host && o->a.user && o->a.password && i < argc ? 0 : -1;
}

static int parse_uids(char **args, int n, uint32_t **uids, size_t *nu)
{
    uint64_t v;
    int i;

    if (n <= 0 || n > MAX_UIDS)
        return -1;
    *uids = xcalloc((size_t)n, sizeof **uids);
    for (i = 0; i < n; i++) {
        if (parse_uint(args[i], UINT32_MAX, &v) < 0 || v == 0) {
            free(*uids);
            return -1;
        }
        (*uids)[i] = (uint32_t)v;
    }
    *nu = (size_t)n;
    return 0;
}

static int do_list(struct imap_conn *c, char **args, int n, char **cause)
{
    struct imap_msginfo *v = NULL;
    uint32_t uidvalidity, uidnext;
    uint64_t from = 1;
    size_t i, cnt;

    if (n < 1 || (n > 1 && parse_uint(args[1], UINT32_MAX, &from) < 0))
        return -2;
    if (imap_select(c, args[0], &uidvalidity, &uidnext, cause) < 0)
        return -1;
    if (imap_list(c, (uint32_t)from, &v, &cnt, cause) < 0)
        return -1;
    printf("uidvalidity %u uidnext %u\n", uidvalidity, uidnext);
    for (i = 0; i < cnt; i++)
        printf("%u %u\n", v[i].uid, v[i].size);
    free(v);
    return 0;
}

struct saver {
    const char *dir;
    int quiet;      /* bench: plain write, no fsync, no output */
    size_t count;
    size_t bytes;
};

static int write_plain(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int rc = 0;

    if (!f)
        return -1;
    if (len && fwrite(data, 1, len, f) != len)
        rc = -1;
    if (fclose(f) != 0)
        rc = -1;
    return rc;
}

static int save_cb(void *arg, uint32_t uid, const char *data, size_t len)
{
    struct saver *s = arg;
    char *path, *cause = NULL;
    int rc = 0;

    s->count++;
    s->bytes += len;
    if (!s->dir)
        return 0;
    path = xasprintf("%s/%u.eml", s->dir, uid);
    if (s->quiet) {
        if (write_plain(path, data, len) < 0) {
            fprintf(stderr, "imaptool: cannot write %s\n", path);
            rc = -1;
        }
    } else if (file_write_atomic(path, data, len, 0644, &cause) < 0) {
        fprintf(stderr, "imaptool: %s\n", cause);
        rc = -1;
    } else {
        printf("%u %zu\n", uid, len);
    }
    free(cause);
    free(path);
    return rc;
}

static int do_fetch(struct imap_conn *c, char **args, int n, char **cause)
{
    struct saver s = { NULL, 0, 0, 0 };
    uint32_t uidvalidity, uidnext, *uids;
    size_t nu;
    int rc;

    if (n < 3 || parse_uids(args + 2, n - 2, &uids, &nu) < 0)
        return -2;
    s.dir = args[1];
    rc = imap_select(c, args[0], &uidvalidity, &uidnext, cause);
    if (rc == 0)
        rc = imap_fetch(c, uids, nu, save_cb, &s, cause);
    free(uids);
    return rc;
}

static int do_move(struct imap_conn *c, char **args, int n, char **cause)
{
    uint32_t uidvalidity, uidnext, *uids;
    size_t nu;
    int rc;

    if (n < 3 || parse_uids(args + 2, n - 2, &uids, &nu) < 0)
        return -2;
    rc = imap_select(c, args[0], &uidvalidity, &uidnext, cause);
    if (rc == 0)
        rc = imap_move(c, uids, nu, args[1], cause);
    if (rc == 0)
        printf("moved %zu\n", nu);
    free(uids);
    return rc;
}

static atomic_int idle_stop;

static void on_term(int sig)
{
    idle_stop = 1;
}

static int do_idle(struct imap_conn *c, char **args, int n, char **cause)
{
    struct sigaction sa;
    uint32_t uidvalidity, uidnext;
    uint64_t secs;
    int r;

    if (n != 2 || parse_uint(args[1], 3600, &secs) < 0)
        return -2;
    if (imap_select(c, args[0], &uidvalidity, &uidnext, cause) < 0)
        return -1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_term;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    printf("idling\n");
    fflush(stdout);
    r = imap_idle(c, (unsigned)secs, &idle_stop, cause);
    if (r < 0)
        return -1;
    printf("%s\n", r ? "changed" : idle_stop ? "stopped" : "timeout");
    return 0;
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fetch_all(struct imap_conn *c, const struct imap_msginfo *v, size_t cnt,
                     size_t batch, struct saver *s, char **cause)
{
    uint32_t *uids = xcalloc(batch, sizeof *uids);
    size_t i, k;
    int rc = 0;

    for (i = 0; i < cnt && rc == 0; i += batch) {
        for (k = 0; k < batch && i + k < cnt; k++)
            uids[k] = v[i + k].uid;
        rc = imap_fetch(c, uids, k, save_cb, s, cause);
    }
    free(uids);
    return rc;
}

static int do_bench(struct imap_conn *c, char **args, int n, double t_connect, char **cause)
{
    struct imap_msginfo *v = NULL;
    struct saver s = { NULL, 1, 0, 0 };
    uint32_t uidvalidity, uidnext;
    uint64_t batch;
    struct rusage ru;
    size_t cnt;
    double t0, t1, t2;

    if (n < 2 || n > 3 || parse_uint(args[1], MAX_UIDS, &batch) < 0 || batch == 0)
        return -2;
    s.dir = n == 3 ? args[2] : NULL;
    t0 = now_s();
    if (imap_select(c, args[0], &uidvalidity, &uidnext, cause) < 0 ||
        imap_list(c, 1, &v, &cnt, cause) < 0)
        return -1;
    t1 = now_s();
    if (fetch_all(c, v, cnt, (size_t)batch, &s, cause) < 0) {
        free(v);
        return -1;
    }
    t2 = now_s();
    getrusage(RUSAGE_SELF, &ru);
    printf("messages %zu fetched %zu bytes %zu connect_s %.3f list_s %.3f fetch_s %.3f "
           "total_s %.3f msgs_per_s %.0f maxrss_kb %ld\n",
           cnt, s.count, s.bytes, t_connect, t1 - t0, t2 - t1, t_connect + t2 - t0,
           (double)s.count / (t_connect + t2 - t0), ru.ru_maxrss);
    free(v);
    return 0;
}

static int run(struct imap_conn *c, char **args, int n, double t_connect, char **cause)
{
    const char *cmd = args[0];

    if (strcmp(cmd, "check") == 0) {
        printf("ok\n");
        return 0;
    }
    if (strcmp(cmd, "list") == 0)
        return do_list(c, args + 1, n - 1, cause);
    if (strcmp(cmd, "fetch") == 0)
        return do_fetch(c, args + 1, n - 1, cause);
    if (strcmp(cmd, "move") == 0)
        return do_move(c, args + 1, n - 1, cause);
    if (strcmp(cmd, "idle") == 0)
        return do_idle(c, args + 1, n - 1, cause);
    if (strcmp(cmd, "bench") == 0)
        return do_bench(c, args + 1, n - 1, t_connect, cause);
    return -2;
}

int main(int argc, char **argv)
{
    struct imap_conn *c = NULL;
    struct opts o;
    char *cause = NULL;
    double t0;
    int rc;

    if (parse_opts(argc, argv, &o) < 0)
        return usage();
    if (getenv("BUREAU_IMAP_TRACE"))
        log_setup("stderr", "debug");
    t0 = now_s();
    if (imap_connect(&o.a, &c, &cause) < 0) {
        fprintf(stderr, "imaptool: %s\n", cause);
        free(cause);
        return 1;
    }
    rc = run(c, argv + o.argi, argc - o.argi, now_s() - t0, &cause);
    imap_close(c);
    if (rc == -2)
        return usage();
    if (rc < 0) {
        fprintf(stderr, "imaptool: %s\n", cause ? cause : "failed");
        free(cause);
        return 1;
    }
    fflush(stdout);
    return 0;
}
