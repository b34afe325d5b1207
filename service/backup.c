/* backup.c — see backup.h. */
#include "bureau/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bureau/util.h"

#define BACKUP_BUSY_TRIES 300  /* 100 ms apart: 30 s for a lock to clear */

/* The live database itself (or a hard link to it) is never the target. */
static int same_file(sqlite3 *src, const char *path)
{
    const char *db = sqlite3_db_filename(src, "main");
    struct stat a, b;
    return db && *db && stat(db, &a) == 0 && stat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

/* The whole database in one step (one read snapshot of the source). */
static int copy_pages(sqlite3 *src, sqlite3 *dst, char **cause)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        set_cause(cause, "backup: %s", sqlite3_errmsg(dst));
        return -1;
    }
    int rc, tries = 0;
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED ||
           rc == SQLITE_OK) {
        if (rc != SQLITE_OK && ++tries > BACKUP_BUSY_TRIES)
            break;
        if (rc != SQLITE_OK)
            usleep(100 * 1000);
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "backup: %s", sqlite3_errstr(rc));
        return -1;
    }
    return 0;
}

static int query_int(sqlite3 *db, const char *sql, int64_t *v)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

/* One file, no -wal beside it; integrity_check says exactly "ok". */
static int verify(sqlite3 *dst, struct backup_result *out, char **cause)
{
    char *err = NULL;
    if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, &err) != SQLITE_OK) {
        set_cause(cause, "backup: journal mode: %s", err ? err : sqlite3_errmsg(dst));
        sqlite3_free(err);
        return -1;
    }
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(dst, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW &&
             !strcmp((const char *)sqlite3_column_text(st, 0), "ok") &&
             sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    if (!ok) {
        set_cause(cause, "backup: the copy fails PRAGMA integrity_check");
        return -1;
    }
    int64_t v = 0;
    if (query_int(dst, "PRAGMA user_version", &v) < 0 || v <= 0 ||
        query_int(dst, "SELECT count(*) FROM entries", &out->entries) < 0) {
        set_cause(cause, "backup: the copy holds no register");
        return -1;
    }
    out->schema_version = (int)v;
    return 0;
}

static int sync_dir_of(const char *path)
{
    char *copy = xstrdup(path);
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

int backup_write(sqlite3 *src, const char *path, struct backup_result *out, char **cause)
{
    struct backup_result r = {0};
    if (same_file(src, path)) {
        set_cause(cause, "%s is the database itself", path);
        return -1;
    }
    char *tmp = xasprintf("%s.tmp.XXXXXX", path);
    char *journal = NULL;
    sqlite3 *dst = NULL;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        set_cause(cause, "%s: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    journal = xasprintf("%s-journal", tmp);
    int rc = -1;
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
        set_cause(cause, "%s: %s", tmp, dst ? sqlite3_errmsg(dst) : "cannot open");
        goto done;
    }
    if (copy_pages(src, dst, cause) < 0 || verify(dst, &r, cause) < 0)
        goto done;
    if (sqlite3_close(dst) != SQLITE_OK) {
        set_cause(cause, "%s: cannot close", tmp);
        goto done;
    }
    dst = NULL;
    struct stat sb;
    if (fsync(fd) < 0 || fstat(fd, &sb) < 0) {
        set_cause(cause, "%s: fsync: %s", tmp, strerror(errno));
        goto done;
    }
    r.bytes = (int64_t)sb.st_size;
    if (rename(tmp, path) < 0) {
        set_cause(cause, "%s: rename: %s", path, strerror(errno));
        goto done;
    }
    if (sync_dir_of(path) < 0) {
        set_cause(cause, "%s: fsync of its directory: %s", path, strerror(errno));
        goto done;  /* the copy is in place; its name may not be durable yet */
    }
    rc = 0;
done:
    if (dst)
        sqlite3_close(dst);
    close(fd);
    if (rc < 0) {
        unlink(tmp);
        unlink(journal);
    }
    free(journal);
    free(tmp);
    if (rc == 0 && out)
        *out = r;
    return rc;
}
