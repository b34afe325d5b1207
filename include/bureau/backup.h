/* backup.h — a copy of the register that is whole on its own file.
 *
 * bureau.db in WAL mode is not the register by itself: recent transactions
 * live in bureau.db-wal until a checkpoint. A backup made here is one
 * self-contained file (rollback-journal mode), taken from one read snapshot
 * through SQLite's online backup API, so it is safe while `serve` writes. */
#ifndef BUREAU_BACKUP_H
#define BUREAU_BACKUP_H

#include <sqlite3.h>
#include <stdint.h>

struct backup_result {
    int64_t entries;     /* entries in the copy */
    int64_t bytes;       /* size of the copy */
    int schema_version;  /* its PRAGMA user_version */
};

/* Copies the main database of src to path: into a temp file beside path
 * (mode 0600), checked with PRAGMA integrity_check, fsync'd, renamed over
 * path, the directory fsync'd. path must not be the database itself. On
 * failure nothing is left at path that was not there (the temp file is
 * removed) and -1 is returned with the reason in *cause. */
int backup_write(sqlite3 *src, const char *path, struct backup_result *out, char **cause);

#endif
