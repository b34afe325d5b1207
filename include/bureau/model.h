/* model.h — the routing model: a second opinion for what the rules cannot
 * place. A multinomial naive Bayes over the terms of a message (terms.h:
 * words and two-word phrases, each counted once per message), trained by
 * `bureau rules train` on labelled messages and on the register's entries
 * as the clerks left them. It is data beside the rules: a text file
 * `NAME.model` in the rules directory, read, checked and reloaded with the
 * .rules files (and kept with them as the last good rules).
 *
 * The file (UTF-8, LF):
 *   bureau-model 1
 *   # comment lines
 *   classes K
 *   class ID DOCS              K lines: a department and its training messages
 *   terms V
 *   TERM<TAB>I:N I:N ...       V lines, sorted by TERM (bytewise): N messages
 *                              of class I (0-based, ascending) hold TERM
 * Training gives the same file for the same data, byte for byte.
 *
 * Ownership: struct model owns everything in it; a guess borrows the class
 * id from the model. */
#ifndef BUREAU_MODEL_H
#define BUREAU_MODEL_H

#include <stddef.h>
#include "bureau/util.h"

#define MODEL_MAGIC "bureau-model 1"
#define MODEL_MAX_CLASSES 200
#define MODEL_MAX_TERMS 60000
#define MODEL_MAX_BYTES (1024 * 1024)   /* the rules' file cap */

struct model;

/* Parse a model file's text. 0 with *out, or -1 with *line (1-based) and
 * *cause (malloc'd) saying what is wrong. */
int model_parse(const char *data, size_t n, struct model **out, int *line, char **cause);
void model_free(struct model *m);
size_t model_classes(const struct model *m);
const char *model_class(const struct model *m, size_t i);

struct model_guess {
    const char *department;  /* borrowed from the model */
    double p;                /* posterior probability of it, 0..1 */
    char words[240];         /* the terms that weighed most for it, ", "-separated */
    size_t n_known;          /* terms of the message the model knows */
};

/* The model's guess for a message's terms (sorted, distinct: terms_of):
 * 0 with *g, or 1 when it has none (no term of the message is known). */
int model_guess(const struct model *m, char *const *terms, size_t n, struct model_guess *g);

/* Training. */
struct model_sample {
    char *label;             /* a department id */
    char **terms;            /* terms_of */
    size_t n_terms;
};
void model_samples_free(struct model_sample *v, size_t n);
/* s from a message as the rules see it: the terms of its normalised
 * subject and body (the classifier's own text), labelled. */
void model_sample_set(struct model_sample *s, const char *label, const char *subject,
                      const char *body);

/* The model file of v[0..n) into out: terms held by at least min_docs
 * messages, the most frequent first when the file would pass
 * MODEL_MAX_BYTES or MODEL_MAX_TERMS; comment (one line, may be NULL) goes
 * after the magic line. 0, or -1 with cause (no samples, one class only). */
int model_train(const struct model_sample *v, size_t n, size_t min_docs, const char *comment,
                struct buf *out, char **cause);

#endif
