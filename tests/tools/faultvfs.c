/* faultvfs.c — an SQLite VFS shim for fault tests, loaded with LD_PRELOAD.
 *
 * At load time it registers itself as the default VFS, wrapping the one that
 * was the default (unix). Every file SQLite opens goes through it; it counts
 * the xWrite and xSync calls made on them (the database, its WAL and journal:
 * the wal-index in shared memory is not a file write) and can make one fail.
 *
 * Environment:
 *   FAULTVFS_FAIL=write:N   the N-th write (1-based) fails, and so does every
 *                           write after it when FAULTVFS_STICKY=1 (a full disk)
 *   FAULTVFS_FAIL=sync:N    the N-th fsync fails (likewise sticky or not)
 *   FAULTVFS_ERR=full       fail with SQLITE_FULL (the disk is full) instead of
 *                           SQLITE_IOERR_WRITE / SQLITE_IOERR_FSYNC
 *   FAULTVFS_COUNT=FILE     at exit, write "writes W syncs S failed F" to FILE
 * Without FAULTVFS_FAIL it only counts. A failed write writes nothing.
 *
 * Only for tests: process-wide counters, no locking (bureau's store is used
 * from one thread at a time in the commands the tests run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

struct ffile {
    sqlite3_file base; /* must be first: SQLite sees this */
    sqlite3_file *real;
};

static sqlite3_vfs fvfs;
static sqlite3_vfs *real_vfs;
static sqlite3_io_methods fmethods;
static long n_writes, n_syncs, n_failed;
static long fail_write, fail_sync;
static int sticky, err_full;

static sqlite3_file *real_of(sqlite3_file *f)
{
    return ((struct ffile *)f)->real;
}

static int should_fail(long n, long at)
{
    if (at <= 0)
        return 0;
    return n == at || (sticky && n > at);
}

static int f_close(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    int rc = r->pMethods ? r->pMethods->xClose(r) : SQLITE_OK;
    sqlite3_free(r);
    return rc;
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xRead(r, buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    sqlite3_file *r = real_of(f);
    if (should_fail(++n_writes, fail_write)) {
        n_failed++;
        return err_full ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
    return r->pMethods->xWrite(r, buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xTruncate(r, size);
}

static int f_sync(sqlite3_file *f, int flags)
{
    sqlite3_file *r = real_of(f);
    if (should_fail(++n_syncs, fail_sync)) {
        n_failed++;
        return err_full ? SQLITE_FULL : SQLITE_IOERR_FSYNC;
    }
    return r->pMethods->xSync(r, flags);
}

static int f_size(sqlite3_file *f, sqlite3_int64 *size)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xFileSize(r, size);
}

static int f_lock(sqlite3_file *f, int l)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xLock(r, l);
}

static int f_unlock(sqlite3_file *f, int l)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xUnlock(r, l);
}

static int f_check_lock(sqlite3_file *f, int *out)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xCheckReservedLock(r, out);
}

static int f_control(sqlite3_file *f, int op, void *arg)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xFileControl(r, op, arg);
}

static int f_sector(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xSectorSize(r);
}

static int f_devchar(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xDeviceCharacteristics(r);
}

static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmMap(r, pg, pgsz, extend, pp);
}

static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmLock(r, off, n, flags);
}

static void f_shm_barrier(sqlite3_file *f)
{
    sqlite3_file *r = real_of(f);
    r->pMethods->xShmBarrier(r);
}

static int f_shm_unmap(sqlite3_file *f, int del)
{
    sqlite3_file *r = real_of(f);
    return r->pMethods->xShmUnmap(r, del);
}

/* No memory-mapped reads: every page goes through xRead, every change
 * through xWrite, where the faults are. */
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    *pp = NULL;
    return SQLITE_OK;
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return SQLITE_OK;
}

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
    struct ffile *ff = (struct ffile *)f;
    ff->real = sqlite3_malloc(real_vfs->szOsFile);
    if (!ff->real)
        return SQLITE_NOMEM;
    memset(ff->real, 0, (size_t)real_vfs->szOsFile);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
    if (rc != SQLITE_OK) {
        sqlite3_free(ff->real);
        ff->real = NULL;
        f->pMethods = NULL;
        return rc;
    }
    f->pMethods = &fmethods;
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *v, const char *name, int dirsync)
{
    return real_vfs->xDelete(real_vfs, name, dirsync);
}

static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_fullpath(sqlite3_vfs *v, const char *name, int n, char *out)
{
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static int v_random(sqlite3_vfs *v, int n, char *out)
{
    return real_vfs->xRandomness(real_vfs, n, out);
}

static int v_sleep(sqlite3_vfs *v, int us)
{
    return real_vfs->xSleep(real_vfs, us);
}

static int v_time(sqlite3_vfs *v, double *out)
{
    return real_vfs->xCurrentTime(real_vfs, out);
}

static int v_lasterr(sqlite3_vfs *v, int n, char *out)
{
    return real_vfs->xGetLastError(real_vfs, n, out);
}

static int v_time64(sqlite3_vfs *v, sqlite3_int64 *out)
{
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void report(void)
{
    const char *path = getenv("FAULTVFS_COUNT");
    if (!path || !*path)
        return;
    FILE *fp = fopen(path, "w");
    if (!fp)
        return;
    fprintf(fp, "writes %ld syncs %ld failed %ld\n", n_writes, n_syncs, n_failed);
    fclose(fp);
}

static void parse_env(void)
{
    const char *spec = getenv("FAULTVFS_FAIL");
    if (spec && !strncmp(spec, "write:", 6))
        fail_write = strtol(spec + 6, NULL, 10);
    else if (spec && !strncmp(spec, "sync:", 5))
        fail_sync = strtol(spec + 5, NULL, 10);
    const char *s = getenv("FAULTVFS_STICKY");
    sticky = s && !strcmp(s, "1");
    const char *e = getenv("FAULTVFS_ERR");
    err_full = e && !strcmp(e, "full");
}

__attribute__((constructor)) static void faultvfs_init(void)
{
    parse_env();
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs)
        return;
    fmethods = (sqlite3_io_methods){
        .iVersion = 3,
        .xClose = f_close,
        .xRead = f_read,
        .xWrite = f_write,
        .xTruncate = f_truncate,
        .xSync = f_sync,
        .xFileSize = f_size,
        .xLock = f_lock,
        .xUnlock = f_unlock,
        .xCheckReservedLock = f_check_lock,
        .xFileControl = f_control,
        .xSectorSize = f_sector,
        .xDeviceCharacteristics = f_devchar,
        .xShmMap = f_shm_map,
        .xShmLock = f_shm_lock,
        .xShmBarrier = f_shm_barrier,
        .xShmUnmap = f_shm_unmap,
        .xFetch = f_fetch,
        .xUnfetch = f_unfetch,
    };
    fvfs = *real_vfs;
    fvfs.zName = "faultvfs";
    fvfs.szOsFile = (int)sizeof(struct ffile);
    fvfs.pAppData = NULL;
    fvfs.pNext = NULL;
    fvfs.xOpen = v_open;
    fvfs.xDelete = v_delete;
    fvfs.xAccess = v_access;
    fvfs.xFullPathname = v_fullpath;
    fvfs.xRandomness = v_random;
    fvfs.xSleep = v_sleep;
    fvfs.xCurrentTime = v_time;
    fvfs.xGetLastError = v_lasterr;
    fvfs.xCurrentTimeInt64 = v_time64;
    /* no xSetSystemCall & co: nothing here calls them */
    fvfs.iVersion = 2;
    sqlite3_vfs_register(&fvfs, 1);
    atexit(report);
}
