/* cmd_backup.c — `bureau backup FILE`: a self-contained copy of the register. */
#include <stdio.h>
#include <stdlib.h>

#include "bureau/args.h"
#include "bureau/backup.h"
#include "bureau/cli.h"

int cmd_backup(struct cli *c)
{
    const char *pos[1];
    int npos = 0;
    if (cli_wants_help(c)) {
        printf("usage: bureau backup FILE\n\nWrites a consistent copy of the register to FILE "
               "(SQLite's online backup: safe\nwhile `bureau serve` runs). The copy is one "
               "self-contained file (no -wal),\nchecked with PRAGMA integrity_check, written "
               "to a temporary file beside FILE,\nsynced, then renamed to FILE. Restore it "
               "by copying it to the `database =`\npath with the service stopped (see "
               "docs/operations.md, Backups).\n");
        return 0;
    }
    if (args_scan("backup", c->argc, c->argv, NULL, 0, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    if (npos != 1) {
        cli_err(c, "usage: bureau backup FILE");
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct backup_result r;
    char *cause = NULL;
    if (backup_write(store_db(c->store), pos[0], &r, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    printf("backup %s: %lld entries, %lld bytes, schema %d, integrity ok\n", pos[0],
           (long long)r.entries, (long long)r.bytes, r.schema_version);
    return 0;
}
