/* templates.h — mail templates loaded at run time from a directory, so that
 * the wording can be changed without recompiling (see docs/templates.md).
 *
 * Each file NAME.tmpl holds up to three sections introduced by a line that
 * is exactly "[subject]", "[text]" or "[html]"; lines starting with '#'
 * before the first section are comments. In a section, {{var}} is replaced
 * by a variable's value (HTML-escaped in [html]; {{var|raw}} inserts it
 * unescaped), {{#var}}...{{/var}} keeps its content only when var is set and
 * non-empty, {{^var}}...{{/var}} only when it is not. Sections do not nest
 * conditionals of the same variable.
 *
 * A struct templates is immutable once loaded and may be shared read-only.
 * The templates the service itself uses (ack, routed, status, followup,
 * digest) are checked at load time against their documented variables. */
#ifndef BUREAU_TEMPLATES_H
#define BUREAU_TEMPLATES_H

#include <stddef.h>

#define TEMPLATES_MAX_FILES 64
#define TEMPLATES_MAX_FILE_SIZE (64 * 1024)
#define TEMPLATES_MAX_OUTPUT (1024 * 1024)   /* per rendered section */

struct templates;

/* A variable handed to templates_render. value NULL counts as unset. */
struct tvar {
    const char *name;
    const char *value;
};

/* A rendered template: malloc'd UTF-8 strings owned by the struct (free with
 * rendered_free). subject has every control character replaced by a space;
 * html is NULL when the template has no [html] section. */
struct rendered {
    char *subject;
    char *text;
    char *html;
};
void rendered_free(struct rendered *r);

/* Load every *.tmpl file of dir. Every problem found (syntax, unknown
 * variable in a known template, a missing required template: ack, routed,
 * status, followup) is reported, one "file:line:col: message" per line, in
 * *cause; then -1 is returned and *out is untouched. */
int templates_load(const char *dir, struct templates **out, char **cause);
void templates_free(struct templates *t);
/* 1 if a template of that name was loaded. */
int templates_has(const struct templates *t, const char *name);

/* The text template name was loaded from and its SHA-256 (hex), owned by
 * t: -1 when there is no such template. What an outbox recipe keeps, so
 * that a queued mail is composed from the wording it was queued with. */
int templates_source(const struct templates *t, const char *name, const char **text,
                     size_t *len, const char **sha256);
/* A set holding the one template name parsed from text (as a NAME.tmpl
 * file would be; no required templates): -1 with cause when it does not
 * parse. */
int templates_from_source(const char *name, const char *text, size_t len,
                          struct templates **out, char **cause);

/* Render template name with vars[0..n). A {{var}} that is not in vars
 * renders as "" for known templates' documented variables and is an error
 * (-1, cause) otherwise, so a typo in a digest template is not silent. */
int templates_render(const struct templates *t, const char *name, const struct tvar *vars,
                     size_t n, struct rendered *out, char **cause);

/* The documented variables of a known template (NULL-terminated array), or
 * NULL for a template the service does not know. */
const char *const *templates_known_vars(const char *name);

#endif
