/* fuzz_config.c — libFuzzer target: the configuration file parser. Each input
 * is written to one file (made once per process under /dev/shm, rewritten for
 * every input: the loader reads a path, and a write is cheaper than a fork) and
 * loaded. A crash, sanitizer report or leak is a finding, and so is a result
 * that breaks what config.h promises: a refusal without a message, an accepted
 * file whose digest_time is not HH:MM of a day, parsers above 4, a port outside
 * 1-65535, a mailbox without name or host, a secret without a resolution. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bureau/config.h"
#include "bureau/util.h"

static char path[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[96];
    snprintf(dir, sizeof dir, "/dev/shm/bureau-fuzz-config-%ld", (long)getpid());
    if (mkdir(dir, 0700) != 0) {
        fprintf(stderr, "fuzz_config: cannot make %s\n", dir);
        exit(2);
    }
    snprintf(path, sizeof path, "%s/bureau.conf", dir);
    return 0;
}

static void finding(const char *what)
{
    fprintf(stderr, "fuzz_config: %s\n", what);
    abort();
}

static int is_day_time(const char *t)
{
    return t && strlen(t) == 5 && t[2] == ':' && t[0] >= '0' && t[0] <= '2' &&
           t[1] >= '0' && t[1] <= '9' && (t[0] - '0') * 10 + (t[1] - '0') <= 23 &&
           t[3] >= '0' && t[3] <= '5' && t[4] >= '0' && t[4] <= '9';
}

static void check_accepted(const struct config *c)
{
    if (!is_day_time(c->digest_time))
        finding("accepted a digest_time that is not a time of the day");
    if (c->parsers > 4)
        finding("accepted parsers above 4");
    for (size_t i = 0; i < c->n_accounts; i++) {
        const struct imap_account *a = &c->accounts[i];
        if (!a->name || !a->host)
            finding("an accepted mailbox without name or host");
        if (a->port < 1 || a->port > 65535)
            finding("an accepted mailbox port outside 1-65535");
        if (a->has_secret && !a->password && !a->password_error)
            finding("a mailbox secret neither resolved nor explained");
    }
    if (c->smtp.has_secret && !c->smtp.password && !c->smtp.password_error)
        finding("the SMTP secret neither resolved nor explained");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    if (size && fwrite(data, 1, size, f) != size) {
        fclose(f);
        return 0;
    }
    fclose(f);
    struct config *c = NULL;
    char *errors = NULL;
    int rc = config_load(path, &c, &errors);
    if (rc == 0) {
        if (!c)
            finding("loaded without a config");
        check_accepted(c);
    } else if (rc == -1) {
        if (c)
            finding("refused, yet a config came back");
        if (!errors || !*errors)
            finding("refused without a message");
    } else {
        finding("config_load returned neither 0 nor -1");
    }
    config_free(c);
    free(errors);
    return 0;
}
