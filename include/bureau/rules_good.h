/* rules_good.h — the last good rules: the text of the last rule files that
 * loaded, kept next to the database (DATABASE.last-good-rules) so that a
 * typo in a rule file never stops the register: commands and `serve` then
 * run on the rules that loaded last, and say so (cli_need_rules).
 *
 * The file is written like the register's other files (temp file, fsync,
 * rename) by any command whose rules loaded and differ from the ones kept;
 * it holds each rule file's name and text and a SHA-256 of them, checked
 * when it is read back. */
#ifndef BUREAU_RULES_GOOD_H
#define BUREAU_RULES_GOOD_H

#include <stdint.h>
#include "bureau/rules.h"

struct rules_good {
    struct rules_srcs src;  /* the texts, as rules_read gave them */
    char *path;             /* the rules path they were read from */
    char *by;               /* the actor whose command loaded them */
    int64_t recorded_at;
    char sha256[65];        /* of the texts and their names */
};

/* DATABASE.last-good-rules (malloc'd). */
char *rules_good_file(const char *db_path);

/* Keep src, rules that loaded from rules_path, unless the file already
 * holds the same texts. *written (may be NULL) is 1 when the file was
 * written. -1 with *cause when it cannot be written. */
int rules_good_save(const char *file, const struct rules_srcs *src, const char *rules_path,
                    const char *actor, int *written, char **cause);

/* 0 with *out filled (free with rules_good_free); 1 when there is no such
 * file; -1 with *cause when it cannot be read or is damaged. */
int rules_good_read(const char *file, struct rules_good *out, char **cause);
void rules_good_free(struct rules_good *g);

#endif
