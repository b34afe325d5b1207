/* recipe.h — an automatic mail kept as what it is composed from: the
 * template (by the SHA-256 of its text, kept in mail_templates), the
 * variables, the parties, the Date and the threading headers. The outbox
 * stores a recipe instead of the composed bytes and composes the message
 * when it sends it; the same recipe always composes the same bytes, so a
 * retry sends what the first attempt sent.
 *
 * The encoding is byte-order independent: NUL-terminated key, value pairs
 * ("v:NAME" for a variable); a NULL field or variable is left out. A
 * decoded recipe is checked like input from outside: every string must be
 * valid UTF-8, the keys known, the required fields present. */
#ifndef BUREAU_RECIPE_H
#define BUREAU_RECIPE_H

#include <stddef.h>
#include <stdint.h>

#include "bureau/templates.h"
#include "bureau/util.h"

#define RECIPE_MAX_VARS 64
#define RECIPE_MAX_SIZE (2u * 1024 * 1024)

struct recipe {
    const char *tmpl;             /* template name, required */
    const char *tmpl_sha256;      /* of its text, required */
    int64_t date;                 /* the Date header, required (> 0) */
    const char *from_addr;        /* required */
    const char *from_name;
    const char *to_addr;          /* required */
    const char *to_name;
    const char *in_reply_to;
    const char *references;
    const char *auto_submitted;
    const char *attach_name;
    const char *reply_to;         /* a routed item's reply address (headtoken.h) */
    const struct tvar *vars;
    size_t n_vars;
};

/* Appends r's encoding to out: -1 when it passes out's cap. */
int recipe_encode(const struct recipe *r, struct buf *out);

/* A decoded recipe: every string of r points into blob, owned with vars. */
struct recipe_decoded {
    struct recipe r;
    char *blob;
    struct tvar *vars;
};
/* Decodes p[0..n): 0, or -1 with cause (malformed, unknown key, missing
 * field); d is usable (and must be freed) only on 0. */
int recipe_decode(const void *p, size_t n, struct recipe_decoded *d, char **cause);
void recipe_decoded_free(struct recipe_decoded *d);

#endif
