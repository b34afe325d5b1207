/* access.c — see access.h. */
#include "bureau/access.h"

#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bureau/util.h"

#define ACCESS_MAX_GROUPS 256

static int in_group(gid_t gid)
{
    gid_t v[ACCESS_MAX_GROUPS];
    int n = getgroups(ACCESS_MAX_GROUPS, v);
    if (getegid() == gid)
        return 1;
    for (int i = 0; i < n; i++)
        if (v[i] == gid)
            return 1;
    return 0;
}

static char *user_name(uid_t uid)
{
    struct passwd *pw = getpwuid(uid);
    return pw ? xstrdup(pw->pw_name) : xasprintf("%ld", (long)uid);
}

static char *group_name(gid_t gid)
{
    struct group *gr = getgrgid(gid);
    return gr ? xstrdup(gr->gr_name) : xasprintf("%ld", (long)gid);
}

static char *describe(const char *p, const struct stat *st, int want)
{
    char *owner = user_name(st->st_uid), *group = group_name(st->st_gid);
    char *me = user_name(getuid()), *out;
    const char *what = want & W_OK ? "write" : want & R_OK ? "read" : "enter";
    if (getuid() == st->st_uid || in_group(st->st_gid))
        out = xasprintf("permission denied: %s (owner %s, group %s, mode %04o) does not let "
                        "this account (%s, uid %ld) %s it%s", p, owner, group,
                        (unsigned)(st->st_mode & 07777), me, (long)getuid(), what,
                        getuid() == st->st_uid ? "" : " through its group: the installation's "
                        "permissions are wrong (see scripts/install.sh)");
    else
        out = xasprintf("permission denied: %s belongs to %s and the group %s (mode %04o); "
                        "this account (%s, uid %ld) is not in that group. An administrator "
                        "gives a clerk access with: usermod -aG %s %s (it takes effect at "
                        "the clerk's next login)", p, owner, group,
                        (unsigned)(st->st_mode & 07777), me, (long)getuid(), group, me);
    free(owner);
    free(group);
    free(me);
    return out;
}

char *access_denied(const char *path, int want)
{
    char *p = xstrdup(path), *out = NULL;
    size_t n = strlen(p);
    for (size_t i = 1; i <= n && !out; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char c = p[i];
        int last = c == '\0';
        struct stat st;
        p[i] = '\0';
        if (stat(p, &st) == 0 && access(p, last ? want : X_OK) < 0 && errno == EACCES)
            out = describe(p, &st, last ? want : X_OK);
        p[i] = c;
    }
    free(p);
    return out;
}

char *access_create_fault(const char *path)
{
    char *copy = xstrdup(path), *out = NULL;
    const char *dir = dirname(copy);
    struct stat st;
    if (stat(dir, &st) < 0 && errno == ENOENT)
        out = xasprintf("the directory %s does not exist. Create it for the service user "
                        "and the clerks' group (as root: install -d -o bureau -g bureau "
                        "-m 2770 %s, which scripts/install.sh does), then run bureau init "
                        "again", dir, dir);
    else
        out = access_denied(dir, W_OK | X_OK);
    free(copy);
    return out;
}
