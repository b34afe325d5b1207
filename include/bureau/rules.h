/* rules.h — departments, kinds and routing rules loaded from rule files,
 * and the classification of a message with them (PCRE2 on normalised text).
 *
 * A struct rules is immutable once loaded and may be shared read-only;
 * classification uses per-call match data. */
#ifndef BUREAU_RULES_H
#define BUREAU_RULES_H

#include <stddef.h>
#include "bureau/msg.h"

struct department {
    char *id;          /* "urbanisme" */
    char *name_fr;
    char *name_ar;
    char **heads;      /* email addresses of the head(s) */
    size_t n_heads;
};

enum deadline_unit { DL_NONE = 0, DL_DAYS, DL_WORKING_DAYS, DL_MONTHS };

struct kind {
    char *id;          /* "complaint" */
    char *name_fr;
    char *name_ar;
    enum deadline_unit unit;
    int amount;        /* e.g. 60 with DL_DAYS */
    enum deadline_unit urgent_unit;  /* urgent variant, DL_NONE if none */
    int urgent_amount;
    int extension;     /* allowed extension, same unit as unit (0 if none) */
};

/* One error or warning from loading rules: file:line:col: message. */
struct rules_diag {
    char *file;
    int line;
    int col;
    char *message;
};
struct rules_diags {
    struct rules_diag *v;
    size_t n;
};
void rules_diags_free(struct rules_diags *d);

struct rules;

/* Load every *.rules file in a directory (sorted by name), or one file.
 * Reports every error found in one pass into *diags. Returns 0 and sets
 * *out when there were no errors; -1 otherwise (*out is NULL). */
int rules_load(const char *path, struct rules **out, struct rules_diags *diags);
void rules_free(struct rules *r);

/* rules_load in two steps, so that the very text that loaded can be kept
 * (the last good rules, rules_good.h): rules_read reads the files of path
 * (each one's name as rules_load reports it, its text, or why it could not
 * be read), reporting a missing or empty directory into *diags (-1 then);
 * rules_load_srcs parses and checks texts, from the files or recorded. */
struct rules_src {
    char *name;
    char *data;     /* NULL when unreadable (error says why) */
    size_t len;
    char *error;
};
struct rules_srcs {
    struct rules_src *v;
    size_t n;
};
int rules_read(const char *path, struct rules_srcs *out, struct rules_diags *diags);
int rules_load_srcs(const struct rules_srcs *s, struct rules **out, struct rules_diags *diags);
void rules_srcs_free(struct rules_srcs *s);

const struct department *rules_department(const struct rules *r, const char *id);
const struct department *rules_departments(const struct rules *r, size_t *n);
const struct kind *rules_kind(const struct rules *r, const char *id);
/* 1 when the settings say `automatic_mail: not-receivable`: mail sent by a
 * machine (autoreply_robot) is registered and closed at once as not
 * receivable, with no acknowledgement and no routing. 0 (`route`, the
 * default): it is routed like any other. */
int rules_close_automatic(const struct rules *r);
const struct kind *rules_kinds(const struct rules *r, size_t *n);
/* The French (ar = 0) or Arabic (ar = 1) name of a department or kind for
 * a register, else the id itself (a value the rules no longer define, or
 * r NULL); NULL only for a NULL id. Borrowed from r or from id. */
const char *rules_department_label(const struct rules *r, const char *id, int ar);
const char *rules_kind_label(const struct rules *r, const char *id, int ar);

/* One rule that fired. */
struct rules_hit {
    char *rule;        /* rule name */
    char *field;       /* "subject", "body", "from", "attachments" */
    char *matched;     /* the normalised text matched (capped) */
    char *department;  /* target, or NULL */
    char *kind;        /* target, or NULL */
    int weight;
    int shadow;        /* 1: matched on the field's shadow (translit.h), not
                          on its text; matched is then shadow text */
};

struct classification {
    char *department;      /* decided id; "direction-services" when triage */
    char *kind;            /* decided id; "correspondence" when triage */
    int dept_score;
    int kind_score;
    int needs_triage;      /* department or kind fell back to default */
    struct rules_hit *hits;
    size_t n_hits;
    int limit_hit;         /* 1 if a pattern hit the PCRE2 match limit */
    /* the routing model's second opinion (model.h), asked only when no
     * department reached the threshold: NULL when it was not asked or had
     * nothing to say */
    char *model_department;
    double model_p;
    char *model_words;     /* the terms that weighed most, ", "-separated */
    int model_routed;      /* 1: p reached the confidence and department is its guess */
};

void classification_free(struct classification *c);

/* When c's kind has an urgent deadline (loi 31-13: 3 days when a person's
 * life, safety or freedom is at stake) and one of its hits is a rule marked
 * `urgent: yes`: that rule's name (borrowed from r), for the clerk to
 * confirm the urgency; else NULL. Never decides the urgency itself. */
const char *rules_urgent_hint(const struct rules *r, const struct classification *c);

/* A classification as bytes, for the parser worker to send back
 * (pipeline_classify_in_worker), and read again: decode checks every field
 * and that the department and kind are ones r knows (or the triage
 * defaults); -1 when anything is wrong (c is then empty). */
struct buf;
void classification_encode(const struct classification *c, struct buf *out);
int classification_decode(const char *p, size_t n, const struct rules *r,
                          struct classification *c);

/* Classify a parsed message. Deterministic. Never fails on message content
 * (invalid UTF-8, huge text, catastrophic patterns are all handled);
 * returns -1 only on memory/system error. default_kind (may be NULL) is the
 * mailbox's default kind, used instead of "correspondence" when no kind
 * rule reaches the threshold. */
int rules_classify(const struct rules *r, const struct msg *m, const char *default_kind,
                   struct classification *out);

#endif
