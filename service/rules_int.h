/* rules_int.h — private to rules.c and rules_load.c: the loaded form of the
 * rule files. Not part of the public interface (see bureau/rules.h). */
#ifndef BUREAU_RULES_INT_H
#define BUREAU_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
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

/* Literals of which any match must contain one (rules_prefilter.c);
 * n == 0: no prefilter, always run the pattern. */
struct rlits {
    char **s;
    size_t *len;
    size_t n;
    uint32_t *tri;      /* the trigram hashes of every literal, one after the other */
    uint32_t *tri_end;  /* literal k's end in tri (it starts at tri_end[k - 1]) */
};

/* A top-level alternative of a pattern, compiled on its own so that the
 * prefilter can skip the alternatives whose words are absent. */
struct rbranch {
    pcre2_code *code;
    struct rlits lits;
    atomic_int jit;     /* code is JIT-compiled (rules_jitted) */
    uint32_t unit;      /* its place in the literal index (struct rindex) */
};

struct rpattern {
    char *src;          /* as written */
    pcre2_code *code;   /* compiled from norm_pattern(src) */
    struct rlits lits;
    struct rbranch *br; /* what is matched: the alternatives, or the whole */
    size_t n_br;
    atomic_int jit;     /* code is JIT-compiled (rules_jitted) */
    struct rbranch *shadow; /* translit_pattern's form, matched on a field's
                               shadow: its top-level alternatives compiled one
                               by one when that is safe, else the whole */
    size_t n_shadow;        /* 0 when the pattern has no skeleton form */
};

/* code, JIT-compiled the first time it is about to run (*done records it),
 * in the process that runs it: a fetch's parent, which leaves matching to
 * its parser worker, compiles (and frees) no JIT code at all, and the
 * worker only the patterns the prefilter lets through. Thread-safe; the
 * lock is held across fork() so that a child never inherits it taken. */
const pcre2_code *rules_jitted(pcre2_code *code, atomic_int *done);
/* Frees code under the same lock (the JIT allocator is shared). */
void rules_code_free(pcre2_code *code);

#define RULES_TRI_BITS 16
#define RULES_TRI_WORDS ((1u << RULES_TRI_BITS) / 64)

/* The literal index (rules_prefilter.c). Each branch the prefilter
 * guards is a unit: a pattern's top-level alternative (or the whole
 * pattern, with its literals) matched on a field's text, or a skeleton
 * alternative matched on its shadow. Every literal of a unit is filed
 * under one of its trigrams, the one the fewest literals share; a field's
 * distinct trigrams then find the few literals that may be in it, and only
 * those are looked for (every trigram, then memmem). Literals of fewer
 * than three bytes are looked for in every text; units without literals
 * always run. */
struct rlit_ref {
    const struct rlits *l;
    uint32_t k;         /* the literal's index in l */
    uint32_t unit;
};
struct rindex {
    uint32_t *start;        /* (1 << RULES_TRI_BITS) + 1 offsets into ref */
    struct rlit_ref *ref;
    size_t n_ref;
    struct rlit_ref *shortl; /* literals under 3 bytes */
    size_t n_short;
    uint32_t *open;         /* units without literals */
    size_t n_open;
    size_t n_units;
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
    int urgent;         /* `urgent: yes`: when it fires on an item whose kind has an
                           urgent deadline, the clerk is asked to confirm it */
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
    struct model *model; /* the routing model (a .model file), or NULL */
    int model_on;        /* settings model: on (default) / off */
    double model_confidence; /* settings model_confidence: p that routes (default 0.9) */
    int threshold;       /* minimum department score */
    int kind_threshold;  /* minimum kind score */
    uint32_t match_limit;
    size_t max_text;     /* normalised bytes matched per field */
    int prefilter;       /* 1: skip patterns whose literals are absent */
    int shadow;          /* 1: match the fields' shadows too (translit.h) */
    int close_automatic; /* 1: automatic mail is closed as not-receivable */
    struct rindex text_ix;   /* the branches matched on a field's text */
    struct rindex shadow_ix; /* the skeleton branches matched on its shadow */
    char **files;        /* every file name seen (owned) */
    size_t n_files;
};

/* rules.c */
void rules_free_rule(struct rule *ru);
/* Compile rp->shadow from the normalised pattern (left empty when it has
 * no skeleton form, or that form would not compile or matches empty). */
void rules_shadow_compile(struct rpattern *rp, const char *norm, size_t n);

/* rules_prefilter.c: extract from a normalised pattern the literals one
 * of which every match contains (0), or -1 when that cannot be done
 * safely; build the trigram bitmap (RULES_TRI_WORDS words) of a text;
 * 1 if a pattern with these literals may match a text with that bitmap. */
int rules_lits_extract(const char *pat, size_t n, struct rlits *out);
void rules_lits_free(struct rlits *l);
void rules_tri_build(const char *text, size_t n, uint64_t *bits);
int rules_lits_maybe(const struct rlits *l, const uint64_t *bits);
/* The exact form: 1 if one of the literals is in text (n bytes, whose
 * bitmap is bits), found by memmem once its trigrams are all in bits. A
 * trigram bitmap of a long text answers "maybe" for a third of the
 * alternatives that are not there, each of which would cost a full scan
 * by the pattern. */
int rules_lits_found(const struct rlits *l, const uint64_t *bits, const char *text, size_t n);
/* Number every unit of r and build its two indexes (after loading). */
void rules_index_build(struct rules *r);
void rules_index_free(struct rindex *ix);
/* The trigram bitmap of text into bits (RULES_TRI_WORDS words), and 1 in
 * cand[u] (ix->n_units bytes, zeroed by the caller) for every unit u one of
 * whose literals is in text, or that has none. */
void rules_index_scan(const struct rindex *ix, const char *text, size_t n, uint64_t *bits,
                      uint8_t *cand);
/* Split a normalised pattern at its top-level '|' into *parts (offsets
 * and lengths, malloc'd). -1 when splitting could change its meaning
 * (back-references, subroutine calls, \Q, top-level option settings). */
int rules_split_top(const char *pat, size_t n, size_t **off, size_t **len, size_t *count);

#endif
