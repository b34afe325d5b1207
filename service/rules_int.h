/* rules_int.h — private to rules.c and rules_load.c: the loaded form of the
 * rule files. Not part of the public interface (see bureau/rules.h). */
#ifndef BUREAU_RULES_INT_H
#define BUREAU_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "bureau/rules.h"

/* Caps on rule files (each is tested). */
#define RULES_MAX_FILE_SIZE (1024 * 1024)
#define RULES_MAX_FILES 256
#define RULES_MAX_LINE 4096
#define RULES_MAX_PATTERN 1024
#define RULES_MAX_RULES 5000
#define RULES_MAX_PATTERNS_PER_RULE 100
#define RULES_MAX_NAME 200

/* Matching defaults (overridable in a settings block). */
#define RULES_DEFAULT_THRESHOLD 3
#define RULES_DEFAULT_KIND_THRESHOLD 2
#define RULES_DEFAULT_MATCH_LIMIT 200000
#define RULES_DEFAULT_MAX_TEXT (64 * 1024)
#define RULES_MAX_MATCHED 120

#define RULES_TRIAGE_DEPARTMENT "direction-services"
#define RULES_FALLBACK_KIND "correspondence"

enum rule_field {
    RF_SUBJECT = 1,
    RF_BODY = 2,
    RF_FROM = 4,
    RF_ATTACHMENTS = 8,
};

struct rpattern {
    char *src;          /* as written */
    pcre2_code *code;   /* compiled from norm_pattern(src) */
};

struct rloc {
    char *file;         /* shared with the rules' file list; not owned */
    int line;
    int col;
};

struct rule {
    char *name;
    char *department;   /* may be NULL */
    char *kind;         /* may be NULL */
    int dept_idx;       /* resolved index, -1 when none */
    int kind_idx;
    unsigned fields;    /* RF_* */
    int weight;
    struct rpattern *pats;
    size_t n_pats;
    struct rloc at, dept_at, kind_at;
};

struct rules {
    struct department *depts;
    struct rloc *dept_at;
    size_t n_depts;
    struct kind *kinds;
    struct rloc *kind_at;
    size_t n_kinds;
    struct rule *rules;
    size_t n_rules;
    int threshold;       /* minimum department score */
    int kind_threshold;  /* minimum kind score */
    uint32_t match_limit;
    size_t max_text;     /* normalised bytes matched per field */
    char **files;        /* every file name seen (owned) */
    size_t n_files;
};

/* rules.c */
void rules_free_rule(struct rule *ru);

#endif
