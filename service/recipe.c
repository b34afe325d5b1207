/* recipe.c — see recipe.h */
#include "bureau/recipe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VAR_PREFIX "v:"
#define VERSION "1"

/* The fixed fields, in encoding order. */
enum { F_TMPL, F_SHA, F_DATE, F_FROM, F_FROM_NAME, F_TO, F_TO_NAME, F_IRT, F_REFS, F_AUTO,
       F_ATTACH, F_REPLY_TO, F_N };
static const char *const field_key[F_N] = {
    "template", "template_sha256", "date", "from_addr", "from_name", "to_addr", "to_name",
    "in_reply_to", "references", "auto_submitted", "attach_name", "reply_to"};

static const char **field_ref(struct recipe *r, int f)
{
    switch (f) {
    case F_TMPL: return &r->tmpl;
    case F_SHA: return &r->tmpl_sha256;
    case F_FROM: return &r->from_addr;
    case F_FROM_NAME: return &r->from_name;
    case F_TO: return &r->to_addr;
    case F_TO_NAME: return &r->to_name;
    case F_IRT: return &r->in_reply_to;
    case F_REFS: return &r->references;
    case F_AUTO: return &r->auto_submitted;
    case F_ATTACH: return &r->attach_name;
    case F_REPLY_TO: return &r->reply_to;
    default: return NULL;
    }
}

static int put_pair(struct buf *b, const char *k1, const char *k2, const char *v)
{
    if (!v)
        return 0;
    return buf_puts(b, k1) < 0 || (k2 && buf_puts(b, k2) < 0) || buf_putc(b, '\0') < 0 ||
                   buf_puts(b, v) < 0 || buf_putc(b, '\0') < 0
               ? -1
               : 0;
}

int recipe_encode(const struct recipe *r, struct buf *out)
{
    struct recipe c = *r;
    char date[24];
    snprintf(date, sizeof date, "%lld", (long long)r->date);
    if (put_pair(out, "recipe", NULL, VERSION) < 0)
        return -1;
    for (int f = 0; f < F_N; f++) {
        const char **v = field_ref(&c, f);
        if (put_pair(out, field_key[f], NULL, f == F_DATE ? date : *v) < 0)
            return -1;
    }
    for (size_t i = 0; i < r->n_vars; i++)
        if (put_pair(out, VAR_PREFIX, r->vars[i].name, r->vars[i].value) < 0)
            return -1;
    return 0;
}

static int field_of(const char *key)
{
    for (int f = 0; f < F_N; f++)
        if (strcmp(key, field_key[f]) == 0)
            return f;
    return -1;
}

static int parse_date(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!*s || strlen(s) > 18)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    *out = v;
    return v > 0 ? 0 : -1;
}

/* Next NUL-terminated string of [*p, end), valid UTF-8; NULL when there is
 * none. */
static char *next_str(char **p, char *end)
{
    char *s = *p, *z = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
    if (!z || !utf8_valid(s, (size_t)(z - s)))
        return NULL;
    *p = z + 1;
    return s;
}

static int take_pair(struct recipe_decoded *d, const char *k, const char *v, int *seen,
                     char **cause)
{
    struct recipe *r = &d->r;
    if (strncmp(k, VAR_PREFIX, strlen(VAR_PREFIX)) == 0) {
        if (r->n_vars == RECIPE_MAX_VARS) {
            set_cause(cause, "recipe: more than %d variables", RECIPE_MAX_VARS);
            return -1;
        }
        d->vars[r->n_vars++] = (struct tvar){k + strlen(VAR_PREFIX), v};
        return 0;
    }
    int f = field_of(k);
    if (f < 0 || seen[f]) {
        set_cause(cause, "recipe: %s key '%.40s'", f < 0 ? "unknown" : "repeated", k);
        return -1;
    }
    seen[f] = 1;
    if (f == F_DATE)
        return parse_date(v, &r->date) < 0 ? (set_cause(cause, "recipe: bad date"), -1) : 0;
    *field_ref(r, f) = v;
    return 0;
}

int recipe_decode(const void *p, size_t n, struct recipe_decoded *d, char **cause)
{
    memset(d, 0, sizeof *d);
    if (n > RECIPE_MAX_SIZE) {
        set_cause(cause, "recipe: larger than %u bytes", RECIPE_MAX_SIZE);
        return -1;
    }
    d->blob = xmalloc(n + 1);
    memcpy(d->blob, p, n);
    d->blob[n] = '\0';
    d->vars = xcalloc(RECIPE_MAX_VARS, sizeof *d->vars);
    d->r.vars = d->vars;
    char *at = d->blob, *end = d->blob + n;
    char *k = next_str(&at, end), *v = next_str(&at, end);
    int seen[F_N] = {0}, rc = 0;
    if (!k || !v || strcmp(k, "recipe") != 0 || strcmp(v, VERSION) != 0) {
        set_cause(cause, "recipe: not a version " VERSION " recipe");
        rc = -1;
    }
    while (rc == 0 && at < end) {
        k = next_str(&at, end);
        v = k ? next_str(&at, end) : NULL;
        if (!k || !v) {
            set_cause(cause, "recipe: malformed");
            rc = -1;
        } else {
            rc = take_pair(d, k, v, seen, cause);
        }
    }
    if (rc == 0 && (!seen[F_TMPL] || !seen[F_SHA] || !seen[F_DATE] || !seen[F_FROM] ||
                    !seen[F_TO])) {
        set_cause(cause, "recipe: a required field is missing");
        rc = -1;
    }
    if (rc < 0)
        recipe_decoded_free(d);
    return rc;
}

void recipe_decoded_free(struct recipe_decoded *d)
{
    free(d->blob);
    free(d->vars);
    memset(d, 0, sizeof *d);
}
