/* envsecret.c — see envsecret.h. */
#include "bureau/envsecret.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"

extern char **environ;

#define ENVSECRET_MAX 64   /* distinct variables remembered */

static struct {
    char *name;
    char *value;
} kept[ENVSECRET_MAX];
static size_t n_kept;
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

static int is_entry(const char *e, const char *var)
{
    size_t n = strlen(var);
    return !strncmp(e, var, n) && e[n] == '=';
}

/* The entry "var=value" of environ, or NULL. */
static char *env_entry(const char *var)
{
    for (char **e = environ; e && *e; e++)
        if (is_entry(*e, var))
            return *e;
    return NULL;
}

/* The initial environment block [*lo, *hi), from fields 50 and 51 of
 * /proc/self/stat (env_start, env_end). -1 when it cannot be read. */
static int env_block(uintptr_t *lo, uintptr_t *hi)
{
    char *data = NULL, *cause = NULL;
    size_t len;
    if (file_read_all("/proc/self/stat", 8192, &data, &len, &cause) < 0) {
        free(cause);
        return -1;
    }
    char *p = strrchr(data, ')');  /* the command name may hold anything */
    int field = 2, rc = -1;
    uint64_t v[2] = {0, 0};
    while (p && *p && field < 51) {
        while (*p == ' ' || *p == ')')
            p++;
        field++;
        char *end;
        unsigned long long x = strtoull(p, &end, 10);
        if (field >= 50)
            v[field - 50] = x;
        p = strchr(end, ' ');
    }
    if (field == 51 && v[0] && v[1] > v[0]) {
        *lo = (uintptr_t)v[0];
        *hi = (uintptr_t)v[1];
        rc = 0;
    }
    free(data);
    return rc;
}

/* Takes every "var=..." out of environ; wipes those that lie in the initial
 * block (strings put there by setenv belong to the C library: left alone). */
static void env_remove(const char *var)
{
    char *hits[16];
    size_t n = 0;
    for (char **e = environ; e && *e && n < 16; e++)
        if (is_entry(*e, var))
            hits[n++] = *e;
    unsetenv(var);
    uintptr_t lo, hi;
    if (env_block(&lo, &hi) < 0)
        return;
    for (size_t i = 0; i < n; i++) {
        uintptr_t a = (uintptr_t)hits[i];
        size_t len = strlen(hits[i]);
        if (a >= lo && a + len <= hi)
            explicit_bzero(hits[i], len);
    }
}

static void remember(const char *var, const char *value)
{
    for (size_t i = 0; i < n_kept; i++)
        if (!strcmp(kept[i].name, var)) {
            explicit_bzero(kept[i].value, strlen(kept[i].value));
            free(kept[i].value);
            kept[i].value = xstrdup(value);
            return;
        }
    if (n_kept < ENVSECRET_MAX) {
        kept[n_kept].name = xstrdup(var);
        kept[n_kept].value = xstrdup(value);
        n_kept++;
    }
}

static char *recall(const char *var)
{
    for (size_t i = 0; i < n_kept; i++)
        if (!strcmp(kept[i].name, var))
            return xstrdup(kept[i].value);
    return NULL;
}

int envsecret_take(const char *var, char **value)
{
    pthread_mutex_lock(&kept_lock);
    char *entry = env_entry(var);
    if (entry) {
        *value = xstrdup(entry + strlen(var) + 1);
        remember(var, *value);
        env_remove(var);
    } else {
        *value = recall(var);
    }
    pthread_mutex_unlock(&kept_lock);
    return *value ? 0 : -1;
}
