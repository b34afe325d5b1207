/* rules_load.c — parsing of rule files into a struct rules (see rules.h
 * and rules/README.md for the format). Every problem is reported as
 * file:line:col (col counted in characters) and parsing goes on. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bureau/norm.h"
#include "bureau/util.h"
#include "bureau/model.h"
#include "rules_int.h"

enum block { B_NONE, B_DEPT, B_KIND, B_RULE, B_SETTINGS };

enum key {
    K_NAME_FR, K_NAME_AR, K_HEADS, K_DEADLINE, K_URGENT, K_EXTENSION,
    K_DEPARTMENT, K_KIND, K_FIELDS, K_WEIGHT, K_PATTERN,
    K_THRESHOLD, K_KIND_THRESHOLD, K_MATCH_LIMIT, K_MAX_TEXT, K_PREFILTER, K_AUTOMATIC,
    K_SHADOW, K_MODEL, K_MODEL_CONFIDENCE, K_UNKNOWN
};

struct parser {
    struct rules *r;
    struct rules_diags *d;
    char *file;
    int line;
    const char *text;     /* current line */
    size_t len;
    enum block block;
    size_t cur;           /* index of the current dept/kind/rule */
    unsigned seen;        /* keys seen in the block (bit per enum key) */
    int block_line;
    int skip_block;       /* header was bad: ignore its keys quietly */
    int ext_amount;       /* extension of the current kind, checked at block end */
    enum deadline_unit ext_unit;
    int ext_line, ext_col;
    unsigned settings_seen;
};

static const struct {
    const char *word;
    enum block b;
} blocks[] = {
    {"department", B_DEPT}, {"service", B_DEPT}, {"kind", B_KIND}, {"type", B_KIND},
    {"rule", B_RULE}, {"regle", B_RULE}, {"règle", B_RULE}, {"settings", B_SETTINGS},
    {"reglages", B_SETTINGS}, {"réglages", B_SETTINGS},
};

static const struct {
    const char *word;
    enum key k;
} keys[] = {
    {"name_fr", K_NAME_FR}, {"nom_fr", K_NAME_FR}, {"name_ar", K_NAME_AR},
    {"nom_ar", K_NAME_AR}, {"heads", K_HEADS}, {"head", K_HEADS}, {"chef", K_HEADS},
    {"chefs", K_HEADS}, {"deadline", K_DEADLINE}, {"delai", K_DEADLINE},
    {"délai", K_DEADLINE}, {"urgent", K_URGENT}, {"extension", K_EXTENSION},
    {"prorogation", K_EXTENSION}, {"department", K_DEPARTMENT}, {"service", K_DEPARTMENT},
    {"kind", K_KIND}, {"type", K_KIND}, {"fields", K_FIELDS}, {"champs", K_FIELDS},
    {"weight", K_WEIGHT}, {"poids", K_WEIGHT}, {"pattern", K_PATTERN}, {"motif", K_PATTERN},
    {"threshold", K_THRESHOLD}, {"seuil", K_THRESHOLD}, {"kind_threshold", K_KIND_THRESHOLD},
    {"seuil_type", K_KIND_THRESHOLD}, {"match_limit", K_MATCH_LIMIT},
    {"max_text", K_MAX_TEXT}, {"prefilter", K_PREFILTER}, {"automatic_mail", K_AUTOMATIC},
    {"courrier_automatique", K_AUTOMATIC}, {"shadow", K_SHADOW}, {"ombre", K_SHADOW},
    {"model", K_MODEL}, {"modele", K_MODEL}, {"modèle", K_MODEL},
    {"model_confidence", K_MODEL_CONFIDENCE}, {"confiance_modele", K_MODEL_CONFIDENCE},
};

static const char *key_name(enum key k)
{
    static const char *names[] = {"name_fr", "name_ar", "heads", "deadline", "urgent",
                                  "extension", "department", "kind", "fields", "weight",
                                  "pattern", "threshold", "kind_threshold", "match_limit",
                                  "max_text", "prefilter", "automatic_mail", "shadow", "model",
                                  "model_confidence", "?"};
    return names[k];
}

static const char *block_name(enum block b)
{
    static const char *names[] = {"(none)", "department", "kind", "rule", "settings"};
    return names[b];
}

/* Which keys each block accepts, as a bit set over enum key. */
static unsigned block_keys(enum block b)
{
    switch (b) {
    case B_DEPT: return 1u << K_NAME_FR | 1u << K_NAME_AR | 1u << K_HEADS;
    case B_KIND:
        return 1u << K_NAME_FR | 1u << K_NAME_AR | 1u << K_DEADLINE | 1u << K_URGENT |
               1u << K_EXTENSION;
    case B_RULE:
        return 1u << K_DEPARTMENT | 1u << K_KIND | 1u << K_FIELDS | 1u << K_WEIGHT |
               1u << K_PATTERN | 1u << K_URGENT;
    case B_SETTINGS:
        return 1u << K_THRESHOLD | 1u << K_KIND_THRESHOLD | 1u << K_MATCH_LIMIT |
               1u << K_MAX_TEXT | 1u << K_PREFILTER | 1u << K_AUTOMATIC | 1u << K_SHADOW |
               1u << K_MODEL | 1u << K_MODEL_CONFIDENCE;
    default: return 0;
    }
}

static void diag_add(struct rules_diags *d, const char *file, int line, int col, char *msg)
{
    d->v = xrealloc(d->v, (d->n + 1) * sizeof *d->v);
    d->v[d->n].file = xstrdup(file);
    d->v[d->n].line = line;
    d->v[d->n].col = col;
    d->v[d->n].message = msg;
    d->n++;
}

__attribute__((format(printf, 4, 5)))
static void perr(struct parser *p, int line, int col, const char *fmt, ...)
{
    va_list ap;
    char *msg;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = xstrdup("error");
    va_end(ap);
    diag_add(p->d, p->file, line, col, msg);
}

/* Column (1-based, in characters) of byte offset off in the current line. */
static int col_of(const struct parser *p, size_t off)
{
    int col = 1;
    for (size_t i = 0; i < off && i < p->len; i++)
        if (((unsigned char)p->text[i] & 0xC0) != 0x80)
            col++;
    return col;
}

static int chars_in(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            c++;
    return c;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t';
}

static int valid_id(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 (i > 0 && (c == '-' || c == '_'));
        if (!ok)
            return 0;
    }
    return 1;
}

/* --- block ends -------------------------------------------------------- */

static void end_block(struct parser *p)
{
    if (p->block == B_RULE && !p->skip_block) {
        struct rule *ru = &p->r->rules[p->cur];
        if (ru->n_pats == 0 && !(p->seen & (1u << K_PATTERN)))
            perr(p, ru->at.line, ru->at.col, "rule '%s' has no pattern", ru->name);
        if (!ru->department && !ru->kind && !ru->urgent &&
            !(p->seen & (1u << K_DEPARTMENT | 1u << K_KIND)))
            perr(p, ru->at.line, ru->at.col,
                 "rule '%s' has no department, no kind and is not 'urgent: yes'", ru->name);
    }
    if (p->block == B_KIND && !p->skip_block && p->ext_amount) {
        struct kind *k = &p->r->kinds[p->cur];
        if (k->unit == DL_NONE)
            perr(p, p->ext_line, p->ext_col, "extension given but kind '%s' has no deadline",
                 k->id);
        else if (k->unit != p->ext_unit)
            perr(p, p->ext_line, p->ext_col,
                 "extension must use the same unit as the deadline of kind '%s'", k->id);
        else
            k->extension = p->ext_amount;
    }
    p->block = B_NONE;
    p->seen = 0;
    p->skip_block = 0;
    p->ext_amount = 0;
}

/* --- headers ----------------------------------------------------------- */

static void header_dept(struct parser *p, const char *arg, size_t n, size_t off)
{
    struct rules *r = p->r;
    if (!valid_id(arg, n)) {
        perr(p, p->line, col_of(p, off),
             n ? "bad department id '%.*s' (lower-case letters, digits, '-' and '_')"
               : "missing department id%.*s",
             (int)n, arg);
        p->skip_block = 1;
        return;
    }
    for (size_t i = 0; i < r->n_depts; i++) {
        if (strlen(r->depts[i].id) == n && memcmp(r->depts[i].id, arg, n) == 0) {
            perr(p, p->line, col_of(p, off), "duplicate department '%.*s' (first at %s:%d)",
                 (int)n, arg, r->dept_at[i].file, r->dept_at[i].line);
            p->skip_block = 1;
            return;
        }
    }
    r->depts = xrealloc(r->depts, (r->n_depts + 1) * sizeof *r->depts);
    r->dept_at = xrealloc(r->dept_at, (r->n_depts + 1) * sizeof *r->dept_at);
    memset(&r->depts[r->n_depts], 0, sizeof *r->depts);
    r->depts[r->n_depts].id = xstrndup(arg, n);
    r->dept_at[r->n_depts] = (struct rloc){p->file, p->line, col_of(p, off)};
    p->cur = r->n_depts++;
}

static void header_kind(struct parser *p, const char *arg, size_t n, size_t off)
{
    struct rules *r = p->r;
    if (!valid_id(arg, n)) {
        perr(p, p->line, col_of(p, off),
             n ? "bad kind id '%.*s' (lower-case letters, digits, '-' and '_')"
               : "missing kind id%.*s",
             (int)n, arg);
        p->skip_block = 1;
        return;
    }
    for (size_t i = 0; i < r->n_kinds; i++) {
        if (strlen(r->kinds[i].id) == n && memcmp(r->kinds[i].id, arg, n) == 0) {
            perr(p, p->line, col_of(p, off), "duplicate kind '%.*s' (first at %s:%d)", (int)n,
                 arg, r->kind_at[i].file, r->kind_at[i].line);
            p->skip_block = 1;
            return;
        }
    }
    r->kinds = xrealloc(r->kinds, (r->n_kinds + 1) * sizeof *r->kinds);
    r->kind_at = xrealloc(r->kind_at, (r->n_kinds + 1) * sizeof *r->kind_at);
    memset(&r->kinds[r->n_kinds], 0, sizeof *r->kinds);
    r->kinds[r->n_kinds].id = xstrndup(arg, n);
    r->kind_at[r->n_kinds] = (struct rloc){p->file, p->line, col_of(p, off)};
    p->cur = r->n_kinds++;
}

static void header_rule(struct parser *p, const char *arg, size_t n, size_t off)
{
    struct rules *r = p->r;
    if (n > 0 && arg[0] == '"') {
        const char *q = memchr(arg + 1, '"', n - 1);
        if (!q) {
            perr(p, p->line, col_of(p, off), "unterminated rule name (missing closing \")");
            p->skip_block = 1;
            return;
        }
        if ((size_t)(q - arg) + 1 != n) {
            perr(p, p->line, col_of(p, off + (size_t)(q - arg) + 1),
                 "unexpected text after the rule name");
        }
        n = (size_t)(q - arg) - 1;
        arg++;
        off++;
    }
    if (n == 0 || n > RULES_MAX_NAME) {
        perr(p, p->line, col_of(p, off), n ? "rule name too long (cap %d bytes)"
                                           : "missing rule name (cap %d bytes)",
             RULES_MAX_NAME);
        p->skip_block = 1;
        return;
    }
    if (r->n_rules >= RULES_MAX_RULES) {
        perr(p, p->line, col_of(p, off), "too many rules (cap %d)", RULES_MAX_RULES);
        p->skip_block = 1;
        return;
    }
    for (size_t i = 0; i < r->n_rules; i++) {
        if (strlen(r->rules[i].name) == n && memcmp(r->rules[i].name, arg, n) == 0) {
            perr(p, p->line, col_of(p, off), "duplicate rule '%.*s' (first at %s:%d)", (int)n,
                 arg, r->rules[i].at.file, r->rules[i].at.line);
            p->skip_block = 1;
            return;
        }
    }
    r->rules = xrealloc(r->rules, (r->n_rules + 1) * sizeof *r->rules);
    struct rule *ru = &r->rules[r->n_rules];
    memset(ru, 0, sizeof *ru);
    ru->name = xstrndup(arg, n);
    ru->fields = RF_SUBJECT | RF_BODY;
    ru->weight = 1;
    ru->dept_idx = ru->kind_idx = -1;
    ru->at = (struct rloc){p->file, p->line, col_of(p, off)};
    p->cur = r->n_rules++;
}

static void header(struct parser *p, enum block b, size_t off)
{
    size_t e = p->len;
    while (e > off && is_ws(p->text[e - 1]))
        e--;
    end_block(p);
    p->block = b;
    p->block_line = p->line;
    const char *arg = p->text + off;
    size_t n = e > off ? e - off : 0;
    if (b == B_DEPT)
        header_dept(p, arg, n, off);
    else if (b == B_KIND)
        header_kind(p, arg, n, off);
    else if (b == B_RULE)
        header_rule(p, arg, n, off);
    else if (n)
        perr(p, p->line, col_of(p, off), "unexpected text after 'settings'");
}

/* --- values ------------------------------------------------------------ */

static int parse_int(const char *s, size_t n, long lo, long hi, long *out)
{
    size_t i = 0;
    int neg = 0;
    long v = 0;
    if (n && (s[0] == '-' || s[0] == '+'))
        neg = s[0] == '-', i = 1;
    if (i == n || n - i > 9)
        return -1;
    for (; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    v = neg ? -v : v;
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int word_eq(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(s, w, n) == 0;
}

/* "60 days", "20 working days", "3 months", "none" (French too). */
static int parse_deadline(const char *s, size_t n, enum deadline_unit *unit, int *amount)
{
    if (word_eq(s, n, "none") || word_eq(s, n, "aucun") || word_eq(s, n, "-")) {
        *unit = DL_NONE, *amount = 0;
        return 0;
    }
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    long v;
    if (parse_int(s, i, 1, 3650, &v) < 0)
        return -1;
    while (i < n && is_ws(s[i]))
        i++;
    const char *u = s + i;
    size_t un = n - i;
    static const struct {
        const char *w;
        enum deadline_unit u;
    } units[] = {
        {"day", DL_DAYS}, {"days", DL_DAYS}, {"jour", DL_DAYS}, {"jours", DL_DAYS},
        {"working day", DL_WORKING_DAYS}, {"working days", DL_WORKING_DAYS},
        {"jour ouvrable", DL_WORKING_DAYS}, {"jours ouvrables", DL_WORKING_DAYS},
        {"month", DL_MONTHS}, {"months", DL_MONTHS}, {"mois", DL_MONTHS},
    };
    for (size_t k = 0; k < BU_ARRAY_LEN(units); k++) {
        if (word_eq(u, un, units[k].w)) {
            *unit = units[k].u;
            *amount = (int)v;
            return 0;
        }
    }
    return -1;
}

static void set_name(struct parser *p, char **dst, const char *v, size_t n)
{
    free(*dst);
    *dst = xstrndup(v, n);
}

static int valid_email(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);
    if (!at || at == s || at == s + n - 1 || n > 254)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c >= 0x7F)
            return 0;
    }
    return memchr(at + 1, '@', (size_t)(s + n - at - 1)) == NULL;
}

/* Calls fn for each item of a comma- or space-separated list. */
static void each_item(struct parser *p, const char *v, size_t n, size_t off,
                      void (*fn)(struct parser *, const char *, size_t, size_t))
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (is_ws(v[i]) || v[i] == ','))
            i++;
        size_t s = i;
        while (i < n && !is_ws(v[i]) && v[i] != ',')
            i++;
        if (i > s)
            fn(p, v + s, i - s, off + s);
    }
}

static void add_head(struct parser *p, const char *v, size_t n, size_t off)
{
    struct department *d = &p->r->depts[p->cur];
    if (!valid_email(v, n)) {
        perr(p, p->line, col_of(p, off), "invalid email address '%.*s'", (int)n, v);
        return;
    }
    if (d->n_heads >= 32) {
        perr(p, p->line, col_of(p, off), "too many heads (cap 32)");
        return;
    }
    d->heads = xrealloc(d->heads, (d->n_heads + 1) * sizeof *d->heads);
    d->heads[d->n_heads++] = xstrndup(v, n);
}

static void add_field(struct parser *p, const char *v, size_t n, size_t off)
{
    static const struct {
        const char *w;
        unsigned f;
    } names[] = {
        {"subject", RF_SUBJECT}, {"sujet", RF_SUBJECT}, {"objet", RF_SUBJECT},
        {"body", RF_BODY}, {"corps", RF_BODY}, {"texte", RF_BODY}, {"from", RF_FROM},
        {"sender", RF_FROM}, {"expediteur", RF_FROM}, {"expéditeur", RF_FROM},
        {"attachments", RF_ATTACHMENTS}, {"pieces-jointes", RF_ATTACHMENTS},
        {"pièces-jointes", RF_ATTACHMENTS}, {"all", RF_SUBJECT | RF_BODY | RF_FROM | RF_ATTACHMENTS},
    };
    for (size_t i = 0; i < BU_ARRAY_LEN(names); i++) {
        if (word_eq(v, n, names[i].w)) {
            p->r->rules[p->cur].fields |= names[i].f;
            return;
        }
    }
    perr(p, p->line, col_of(p, off),
         "unknown field '%.*s' (subject, body, from, attachments or all)", (int)n, v);
}

static pcre2_code *compile(const char *pat, size_t n, uint32_t extra, int *err, size_t *erroff)
{
    uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | extra;
    PCRE2_SIZE off = 0;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, n, flags, err, &off, NULL);
    *erroff = off;
    return c;
}

static void pcre_msg(int err, char *out, size_t outlen)
{
    if (pcre2_get_error_message(err, (PCRE2_UCHAR *)out, outlen) < 0)
        snprintf(out, outlen, "error %d", err);
}

static int matches_empty(pcre2_code *code)
{
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL);
    pcre2_match_data_free(md);
    return rc >= 0;
}

/* Fill rp->br: the top-level alternatives compiled one by one when that
 * is safe, else the whole pattern as the single branch. */
static void split_branches(struct rpattern *rp, const char *norm, size_t nn)
{
    size_t *off = NULL, *len = NULL, count = 0;
    uint32_t backrefs = 0;
    pcre2_pattern_info(rp->code, PCRE2_INFO_BACKREFMAX, &backrefs);
    if (backrefs == 0 && rules_split_top(norm, nn, &off, &len, &count) == 0 && count > 1) {
        rp->br = xcalloc(count, sizeof *rp->br);
        for (size_t i = 0; i < count; i++) {
            int err;
            size_t eoff;
            rp->br[i].code = compile(norm + off[i], len[i], PCRE2_MATCH_INVALID_UTF, &err, &eoff);
            if (!rp->br[i].code)
                break;
            rp->n_br++;
            if (rules_lits_extract(norm + off[i], len[i], &rp->br[i].lits) < 0)
                memset(&rp->br[i].lits, 0, sizeof rp->br[i].lits);
        }
        if (rp->n_br == count)
            goto out;
        for (size_t i = 0; i < rp->n_br; i++) {
            pcre2_code_free(rp->br[i].code);
            rules_lits_free(&rp->br[i].lits);
        }
        free(rp->br);
    }
    rp->br = xcalloc(1, sizeof *rp->br);
    rp->br[0].code = NULL;  /* NULL: use rp->code and rp->lits */
    rp->n_br = 1;
out:
    free(off);
    free(len);
}

static void add_pattern(struct parser *p, const char *v, size_t n, size_t off)
{
    struct rule *ru = &p->r->rules[p->cur];
    int err;
    size_t eoff;
    char msg[256];
    if (n == 0) {
        perr(p, p->line, col_of(p, off), "empty pattern");
        return;
    }
    if (n > RULES_MAX_PATTERN) {
        perr(p, p->line, col_of(p, off), "pattern too long (%zu bytes, cap %d)", n,
             RULES_MAX_PATTERN);
        return;
    }
    if (ru->n_pats >= RULES_MAX_PATTERNS_PER_RULE) {
        perr(p, p->line, col_of(p, off), "too many patterns in rule '%s' (cap %d)", ru->name,
             RULES_MAX_PATTERNS_PER_RULE);
        return;
    }
    pcre2_code *orig = compile(v, n, 0, &err, &eoff);
    if (!orig) {
        pcre_msg(err, msg, sizeof msg);
        perr(p, p->line, col_of(p, off) + chars_in(v, eoff < n ? eoff : n),
             "invalid pattern: %s", msg);
        return;
    }
    pcre2_code_free(orig);
    size_t nn;
    char *norm = norm_pattern(v, n, &nn);
    pcre2_code *code = compile(norm, nn, PCRE2_MATCH_INVALID_UTF, &err, &eoff);
    free(norm);
    if (!code) {
        pcre_msg(err, msg, sizeof msg);
        perr(p, p->line, col_of(p, off), "invalid pattern after normalisation: %s", msg);
        return;
    }
    if (matches_empty(code)) {
        perr(p, p->line, col_of(p, off), "pattern matches empty text (it would fire on every message)");
        pcre2_code_free(code);
        return;
    }
    ru->pats = xrealloc(ru->pats, (ru->n_pats + 1) * sizeof *ru->pats);
    struct rpattern *rp = &ru->pats[ru->n_pats++];
    memset(rp, 0, sizeof *rp);
    rp->src = xstrndup(v, n);
    rp->code = code;
    norm = norm_pattern(v, n, &nn);
    if (rules_lits_extract(norm, nn, &rp->lits) < 0)
        memset(&rp->lits, 0, sizeof rp->lits);
    split_branches(rp, norm, nn);  /* JIT-compiled when first run: rules_jitted */
    rules_shadow_compile(rp, norm, nn);
    free(norm);
}

static void rule_target(struct parser *p, enum key k, const char *v, size_t n, size_t off)
{
    struct rule *ru = &p->r->rules[p->cur];
    if (!valid_id(v, n)) {
        perr(p, p->line, col_of(p, off), "bad %s id '%.*s'", key_name(k), (int)n, v);
        return;
    }
    struct rloc at = {p->file, p->line, col_of(p, off)};
    if (k == K_DEPARTMENT)
        ru->department = xstrndup(v, n), ru->dept_at = at;
    else
        ru->kind = xstrndup(v, n), ru->kind_at = at;
}

static void rule_key(struct parser *p, enum key k, const char *v, size_t n, size_t off)
{
    struct rule *ru = &p->r->rules[p->cur];
    long w;
    switch (k) {
    case K_DEPARTMENT:
    case K_KIND:
        rule_target(p, k, v, n, off);
        break;
    case K_FIELDS:
        ru->fields = 0;
        each_item(p, v, n, off, add_field);
        if (!ru->fields)
            ru->fields = RF_SUBJECT | RF_BODY;
        break;
    case K_WEIGHT:
        if (parse_int(v, n, -100, 100, &w) < 0 || w == 0)
            perr(p, p->line, col_of(p, off),
                 "bad weight '%.*s' (a whole number from -100 to 100, not 0)", (int)n, v);
        else
            ru->weight = (int)w;
        break;
    case K_PATTERN:
        add_pattern(p, v, n, off);
        break;
    case K_URGENT:
        if ((n == 3 && !memcmp(v, "yes", 3)) || (n == 3 && !memcmp(v, "oui", 3)))
            ru->urgent = 1;
        else if ((n == 2 && !memcmp(v, "no", 2)) || (n == 3 && !memcmp(v, "non", 3)))
            ru->urgent = 0;
        else
            perr(p, p->line, col_of(p, off),
                 "bad urgent '%.*s' in a rule (yes or no: whether it flags a possibly "
                 "urgent request for the clerk to confirm)", (int)n, v);
        break;
    default:
        break;
    }
}

static void kind_deadline(struct parser *p, enum key k, const char *v, size_t n, size_t off)
{
    struct kind *kd = &p->r->kinds[p->cur];
    enum deadline_unit u;
    int a;
    if (parse_deadline(v, n, &u, &a) < 0) {
        perr(p, p->line, col_of(p, off),
             "bad %s '%.*s' (e.g. '60 days', '20 working days', '3 months' or 'none')",
             key_name(k), (int)n, v);
        return;
    }
    if (k == K_DEADLINE) {
        kd->unit = u, kd->amount = a;
    } else if (k == K_URGENT) {
        kd->urgent_unit = u, kd->urgent_amount = a;
    } else {
        p->ext_amount = a, p->ext_unit = u;
        p->ext_line = p->line, p->ext_col = col_of(p, off);
    }
}

static void settings_key(struct parser *p, enum key k, const char *v, size_t n, size_t off)
{
    long x;
    struct rules *r = p->r;
    if (p->settings_seen & (1u << k)) {
        perr(p, p->line, col_of(p, off - 1), "setting '%s' given twice", key_name(k));
        return;
    }
    p->settings_seen |= 1u << k;
    if (k == K_THRESHOLD || k == K_KIND_THRESHOLD) {
        if (parse_int(v, n, 1, 10000, &x) < 0) {
            perr(p, p->line, col_of(p, off), "bad %s '%.*s' (a whole number from 1 to 10000)",
                 key_name(k), (int)n, v);
            return;
        }
        *(k == K_THRESHOLD ? &r->threshold : &r->kind_threshold) = (int)x;
    } else if (k == K_MODEL_CONFIDENCE) {
        char *tmp = xstrndup(v, n), *end = NULL;
        double c = strtod(tmp, &end);
        if (!n || *end || !(c >= 0.5 && c <= 1.0))
            perr(p, p->line, col_of(p, off),
                 "bad model_confidence '%.*s' (a probability from 0.5 to 1, e.g. 0.9)", (int)n,
                 v);
        else
            r->model_confidence = c;
        free(tmp);
    } else if (k == K_PREFILTER || k == K_SHADOW || k == K_MODEL) {
        int *on = k == K_PREFILTER ? &r->prefilter : k == K_SHADOW ? &r->shadow : &r->model_on;
        if (word_eq(v, n, "on") || word_eq(v, n, "yes"))
            *on = 1;
        else if (word_eq(v, n, "off") || word_eq(v, n, "no"))
            *on = 0;
        else
            perr(p, p->line, col_of(p, off), "bad %s '%.*s' (on or off)", key_name(k), (int)n, v);
    } else if (k == K_AUTOMATIC) {
        if (word_eq(v, n, "not-receivable") || word_eq(v, n, "non-recevable"))
            r->close_automatic = 1;
        else if (word_eq(v, n, "route"))
            r->close_automatic = 0;
        else
            perr(p, p->line, col_of(p, off),
                 "bad automatic_mail '%.*s' (not-receivable or route)", (int)n, v);
    } else if (k == K_MATCH_LIMIT) {
        if (parse_int(v, n, 1000, 100000000, &x) < 0)
            perr(p, p->line, col_of(p, off), "bad match_limit '%.*s' (1000 to 100000000)",
                 (int)n, v);
        else
            r->match_limit = (uint32_t)x;
    } else {
        uint64_t sz;
        char *tmp = xstrndup(v, n);
        if (parse_size(tmp, &sz) < 0 || sz < 1024 || sz > 16 * 1024 * 1024)
            perr(p, p->line, col_of(p, off), "bad max_text '%.*s' (1k to 16M)", (int)n, v);
        else
            r->max_text = (size_t)sz;
        free(tmp);
    }
}

static void key_value(struct parser *p, enum key k, size_t koff, size_t voff)
{
    size_t e = p->len;
    if (k != K_PATTERN) {
        for (size_t i = voff; i < p->len; i++)
            if (p->text[i] == '#' && (i == voff || is_ws(p->text[i - 1]))) {
                e = i;
                break;
            }
    }
    while (e > voff && is_ws(p->text[e - 1]))
        e--;
    const char *v = p->text + voff;
    size_t n = e > voff ? e - voff : 0;
    if (p->block == B_NONE) {
        perr(p, p->line, col_of(p, koff),
             "'%s' outside any block (start one with department, kind, rule or settings)",
             key_name(k));
        return;
    }
    if (!(block_keys(p->block) & (1u << k))) {
        perr(p, p->line, col_of(p, koff), "key '%s' does not belong in a %s block",
             key_name(k), block_name(p->block));
        return;
    }
    if (p->skip_block)
        return;
    if (k != K_PATTERN && k != K_HEADS && p->block != B_SETTINGS && (p->seen & (1u << k))) {
        perr(p, p->line, col_of(p, koff), "duplicate key '%s' in this %s", key_name(k),
             block_name(p->block));
        return;
    }
    p->seen |= 1u << k;
    if (n == 0 && k != K_PATTERN) {
        perr(p, p->line, col_of(p, voff), "missing value for '%s'", key_name(k));
        return;
    }
    if (p->block == B_RULE)
        rule_key(p, k, v, n, voff);
    else if (p->block == B_SETTINGS)
        settings_key(p, k, v, n, voff);
    else if (k == K_HEADS)
        each_item(p, v, n, voff, add_head);
    else if (k == K_NAME_FR || k == K_NAME_AR)
        set_name(p, p->block == B_DEPT ? (k == K_NAME_FR ? &p->r->depts[p->cur].name_fr
                                                          : &p->r->depts[p->cur].name_ar)
                                       : (k == K_NAME_FR ? &p->r->kinds[p->cur].name_fr
                                                          : &p->r->kinds[p->cur].name_ar),
                 v, n);
    else
        kind_deadline(p, k, v, n, voff);
}

/* --- lines ------------------------------------------------------------- */

static int line_check(struct parser *p)
{
    const unsigned char *u = (const unsigned char *)p->text;
    if (p->len > RULES_MAX_LINE) {
        perr(p, p->line, 1, "line too long (%zu bytes, cap %d)", p->len, RULES_MAX_LINE);
        return -1;
    }
    for (size_t i = 0; i < p->len;) {
        size_t k = 1;
        if (u[i] >= 0x80) {
            k = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : 2;
            if (i + k > p->len || !utf8_valid(p->text + i, k)) {
                perr(p, p->line, col_of(p, i), "invalid UTF-8 (save the file as UTF-8)");
                return -1;
            }
        } else if (u[i] < 0x20 && u[i] != '\t') {
            perr(p, p->line, col_of(p, i), "control character 0x%02x", u[i]);
            return -1;
        }
        i += k;
    }
    return 0;
}

static void parse_line(struct parser *p)
{
    size_t i = 0;
    if (line_check(p) < 0)
        return;
    while (i < p->len && is_ws(p->text[i]))
        i++;
    if (i == p->len || p->text[i] == '#')
        return;
    size_t ws = i;
    while (i < p->len && !is_ws(p->text[i]) && p->text[i] != ':')
        i++;
    size_t wn = i - ws;
    const char *w = p->text + ws;
    size_t j = i;
    while (j < p->len && is_ws(p->text[j]))
        j++;
    if (j < p->len && p->text[j] == ':') {
        size_t v = j + 1;
        while (v < p->len && is_ws(p->text[v]))
            v++;
        for (size_t k = 0; k < BU_ARRAY_LEN(keys); k++)
            if (word_eq(w, wn, keys[k].word)) {
                key_value(p, keys[k].k, ws, v);
                return;
            }
        perr(p, p->line, col_of(p, ws), "unknown key '%.*s'", (int)wn, w);
        return;
    }
    for (size_t k = 0; k < BU_ARRAY_LEN(blocks); k++)
        if (word_eq(w, wn, blocks[k].word)) {
            header(p, blocks[k].b, j);
            return;
        }
    perr(p, p->line, col_of(p, ws),
         "unknown word '%.*s' (expected department, kind, rule, settings or 'key: value')",
         (int)wn, w);
}

static int read_capped(const char *path, char **out, size_t *len, char **cause)
{
    FILE *f = fopen(path, "rb");
    int rc = -1;
    if (!f) {
        set_cause(cause, "cannot open: %s", strerror(errno));
        return -1;
    }
    char *b = xmalloc(RULES_MAX_FILE_SIZE + 2);
    size_t n = fread(b, 1, RULES_MAX_FILE_SIZE + 1, f);
    if (ferror(f)) {
        set_cause(cause, "cannot read: %s", strerror(errno));
        goto out;
    }
    if (n > RULES_MAX_FILE_SIZE) {
        set_cause(cause, "file too large (cap %d bytes)", RULES_MAX_FILE_SIZE);
        goto out;
    }
    b[n] = '\0';
    *out = b, *len = n, b = NULL;
    rc = 0;
out:
    free(b);
    fclose(f);
    return rc;
}

static int is_model(const char *name)
{
    size_t l = strlen(name);
    return l > 6 && strcmp(name + l - 6, ".model") == 0;
}

/* A .model file beside the rules: the routing model (model.h), one at most. */
static void parse_model(struct parser *p, const struct rules_src *src)
{
    struct model *m = NULL;
    char *cause = NULL;
    int line = 1;
    if (p->r->model) {
        perr(p, 1, 1, "a second routing model: keep one .model file in the rules directory");
        return;
    }
    if (model_parse(src->data, src->len, &m, &line, &cause) < 0) {
        perr(p, line, 1, "%s", cause ? cause : "not a routing model");
        free(cause);
        return;
    }
    p->r->model = m;
}

static void parse_src(struct parser *p, const struct rules_src *src)
{
    struct rules *r = p->r;
    r->files = xrealloc(r->files, (r->n_files + 1) * sizeof *r->files);
    r->files[r->n_files++] = p->file = xstrdup(src->name);
    if (src->error) {
        perr(p, 1, 1, "%s", src->error);
        return;
    }
    if (is_model(src->name)) {
        parse_model(p, src);
        return;
    }
    const char *data = src->data;
    size_t n = src->len, i = 0;
    if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    p->line = 0;
    p->settings_seen = 0;
    while (i < n) {
        const char *nl = memchr(data + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - data) : n;
        p->line++;
        p->text = data + i;
        p->len = e - i;
        if (p->len && p->text[p->len - 1] == '\r')
            p->len--;
        parse_line(p);
        i = e + 1;
    }
    end_block(p);
}

/* --- directory and resolution ------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file name (owned) and its text, or why it could not be read. */
static void read_src(struct rules_srcs *s, char *name)
{
    struct rules_src *src;
    s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
    src = &s->v[s->n++];
    memset(src, 0, sizeof *src);
    src->name = name;
    if (read_capped(name, &src->data, &src->len, &src->error) < 0)
        src->data = NULL, src->len = 0;
}

static int list_dir(const char *dir, struct rules_srcs *s, char **cause)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;
    if (!d) {
        set_cause(cause, "cannot open directory: %s", strerror(errno));
        return -1;
    }
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 7 ||
            (strcmp(de->d_name + l - 6, ".rules") != 0 && strcmp(de->d_name + l - 6, ".model") != 0))
            continue;
        if (n >= RULES_MAX_FILES) {
            set_cause(cause, "too many rule files (cap %d)", RULES_MAX_FILES);
            break;
        }
        names = xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = xasprintf("%s/%s", dir, de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++)
        read_src(s, names[i]);
    free(names);
    return 0;
}

static void resolve(struct parser *p)
{
    struct rules *r = p->r;
    for (size_t i = 0; i < r->n_rules; i++) {
        struct rule *ru = &r->rules[i];
        if (ru->department) {
            for (size_t k = 0; k < r->n_depts; k++)
                if (strcmp(r->depts[k].id, ru->department) == 0)
                    ru->dept_idx = (int)k;
            if (ru->dept_idx < 0)
                diag_add(p->d, ru->dept_at.file, ru->dept_at.line, ru->dept_at.col,
                         xasprintf("unknown department '%s' in rule '%s'", ru->department,
                                   ru->name));
        }
        if (ru->kind) {
            for (size_t k = 0; k < r->n_kinds; k++)
                if (strcmp(r->kinds[k].id, ru->kind) == 0)
                    ru->kind_idx = (int)k;
            if (ru->kind_idx < 0)
                diag_add(p->d, ru->kind_at.file, ru->kind_at.line, ru->kind_at.col,
                         xasprintf("unknown kind '%s' in rule '%s'", ru->kind, ru->name));
        }
    }
}

/* Stable sort of the diagnostics by file order, line, column. */
static void sort_diags(struct rules_diags *d, struct rules *r)
{
    for (size_t i = 1; i < d->n; i++) {
        struct rules_diag x = d->v[i];
        size_t fx = 0;
        while (fx < r->n_files && strcmp(r->files[fx], x.file) != 0)
            fx++;
        size_t j = i;
        while (j > 0) {
            struct rules_diag *y = &d->v[j - 1];
            size_t fy = 0;
            while (fy < r->n_files && strcmp(r->files[fy], y->file) != 0)
                fy++;
            int after = fy > fx || (fy == fx && (y->line > x.line ||
                                                 (y->line == x.line && y->col > x.col)));
            if (!after)
                break;
            d->v[j] = *y;
            j--;
        }
        d->v[j] = x;
    }
}

int rules_read(const char *path, struct rules_srcs *out, struct rules_diags *diags)
{
    struct stat st;
    char *cause = NULL;
    size_t before = diags->n;
    memset(out, 0, sizeof *out);
    if (stat(path, &st) < 0) {
        diag_add(diags, path, 1, 1, xasprintf("cannot open: %s", strerror(errno)));
    } else if (S_ISDIR(st.st_mode)) {
        if (list_dir(path, out, &cause) < 0 || cause)
            diag_add(diags, path, 1, 1, cause ? cause : xstrdup("cannot list"));
        else if (out->n == 0)
            diag_add(diags, path, 1, 1, xstrdup("no *.rules files in this directory"));
    } else {
        read_src(out, xstrdup(path));
    }
    return diags->n > before ? -1 : 0;
}

void rules_srcs_free(struct rules_srcs *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].name);
        free(s->v[i].data);
        free(s->v[i].error);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

int rules_load_srcs(const struct rules_srcs *s, struct rules **out, struct rules_diags *diags)
{
    struct rules *r = xcalloc(1, sizeof *r);
    struct parser p = {0};
    size_t before = diags->n;
    *out = NULL;
    r->threshold = RULES_DEFAULT_THRESHOLD;
    r->kind_threshold = RULES_DEFAULT_KIND_THRESHOLD;
    r->match_limit = RULES_DEFAULT_MATCH_LIMIT;
    r->max_text = RULES_DEFAULT_MAX_TEXT;
    r->prefilter = 1;
    r->shadow = 1;
    r->model_on = 1;
    r->model_confidence = 0.9;
    p.r = r, p.d = diags;
    for (size_t i = 0; i < s->n; i++)
        parse_src(&p, &s->v[i]);
    resolve(&p);
    sort_diags(diags, r);
    if (diags->n > before) {
        rules_free(r);
        return -1;
    }
    rules_index_build(r);
    *out = r;
    return 0;
}

int rules_load(const char *path, struct rules **out, struct rules_diags *diags)
{
    struct rules_srcs s;
    int bad = rules_read(path, &s, diags) < 0;
    int rc = rules_load_srcs(&s, out, diags);
    rules_srcs_free(&s);
    if (bad && rc == 0) {
        rules_free(*out);
        *out = NULL;
        rc = -1;
    }
    return rc;
}
