/* rules_prefilter.c — a conservative literal prefilter for rule patterns.
 *
 * For each (normalised) pattern we extract a set of literal strings such
 * that any match must contain at least one of them. Per message field we
 * hash every 3-byte window of the text into a bitmap; a pattern is run
 * only when every trigram of one of its literals is present. A wrong
 * "maybe" only costs time; a pattern whose literals cannot be extracted
 * safely is always run. This matters for Arabic: PCRE2's own start-byte
 * optimisation sees 0xD8/0xD9 at almost every position of Arabic text. */
#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"
#include "rules_int.h"

#define LIT_MIN 3   /* bytes: one trigram */
#define LIT_MAX_SET 64

struct lset {
    char **s;
    size_t *len;
    size_t n;
};

struct px {
    const unsigned char *s;
    size_t n;
    size_t i;
    int giveup;
};

static void lset_free(struct lset *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->s[i]);
    free(l->s);
    free(l->len);
    memset(l, 0, sizeof *l);
}

static void lset_add(struct lset *l, const char *s, size_t n)
{
    l->s = xrealloc(l->s, (l->n + 1) * sizeof *l->s);
    l->len = xrealloc(l->len, (l->n + 1) * sizeof *l->len);
    l->s[l->n] = xstrndup(s, n);
    l->len[l->n++] = n;
}

static size_t lset_score(const struct lset *l)
{
    size_t m = (size_t)-1;
    for (size_t i = 0; i < l->n; i++)
        if (l->len[i] < m)
            m = l->len[i];
    return l->n ? m : 0;
}

static void lset_move(struct lset *dst, struct lset *src)
{
    lset_free(dst);
    *dst = *src;
    memset(src, 0, sizeof *src);
}

/* Skip a quantifier at p->i if any. Returns 1 when it allows zero
 * repetitions, 0 otherwise (including no quantifier). */
static int quantifier(struct px *p)
{
    int optional = 0;
    if (p->i >= p->n)
        return 0;
    unsigned char c = p->s[p->i];
    if (c == '?' || c == '*') {
        optional = 1;
        p->i++;
    } else if (c == '+') {
        p->i++;
    } else if (c == '{') {
        size_t j = p->i + 1;
        unsigned long lo = 0;
        int digits = 0;
        while (j < p->n && p->s[j] >= '0' && p->s[j] <= '9')
            lo = lo * 10 + (p->s[j++] - '0'), digits = 1;
        while (j < p->n && ((p->s[j] >= '0' && p->s[j] <= '9') || p->s[j] == ',' || p->s[j] == ' '))
            j++;
        if (!digits || j >= p->n || p->s[j] != '}')
            return 0;
        optional = lo == 0;
        p->i = j + 1;
    } else {
        return 0;
    }
    if (p->i < p->n && (p->s[p->i] == '?' || p->s[p->i] == '+'))
        p->i++;
    return optional;
}

static int peek_optional(const struct px *p, size_t at)
{
    struct px q = *p;
    q.i = at;
    return quantifier(&q);
}

struct branch {
    char run[RULES_MAX_PATTERN + 8];
    size_t rn;
    struct lset best;
    size_t best_score;
};

static void flush_run(struct branch *b)
{
    if (b->rn >= LIT_MIN && b->rn > b->best_score) {
        lset_free(&b->best);
        lset_add(&b->best, b->run, b->rn);
        b->best_score = b->rn;
    }
    b->rn = 0;
}

static void offer_set(struct branch *b, struct lset *g)
{
    size_t sc = lset_score(g);
    if (g->n && g->n <= LIT_MAX_SET && sc >= LIT_MIN && sc > b->best_score) {
        lset_move(&b->best, g);
        b->best_score = sc;
    }
    lset_free(g);
}

static int alternation(struct px *p, struct lset *out);

static void skip_class(struct px *p)
{
    p->i++;
    if (p->i < p->n && p->s[p->i] == '^')
        p->i++;
    if (p->i < p->n && p->s[p->i] == ']')
        p->i++;
    while (p->i < p->n && p->s[p->i] != ']') {
        if (p->s[p->i] == '\\')
            p->i++;
        else if (p->s[p->i] == '[' && p->i + 1 < p->n && p->s[p->i + 1] == ':') {
            const unsigned char *e = memchr(p->s + p->i + 2, ']', p->n - p->i - 2);
            p->i = e ? (size_t)(e - p->s) : p->n;
        }
        p->i++;
    }
    p->i++;
}

/* A literal character of 1..4 bytes at p->i is usable when it is ASCII
 * (not an upper-case letter) or Arabic (U+0600..U+06FF), i.e. the text
 * and the pattern agree byte for byte after normalisation. */
static size_t literal_len(const struct px *p)
{
    unsigned char c = p->s[p->i];
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 0 : 1;
    if ((c == 0xD8 || c == 0xD9 || c == 0xDA || c == 0xDB) && p->i + 1 < p->n)
        return 2;
    return 0;
}

static void escape_item(struct px *p, struct branch *b)
{
    unsigned char e = p->i + 1 < p->n ? p->s[p->i + 1] : 0;
    if (e == 'Q' || e == 'E') {
        p->giveup = 1;
        p->i = p->n;
        return;
    }
    if (e && e < 0x80 && !((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
                           (e >= '0' && e <= '9'))) {
        size_t at = p->i + 2;
        if (peek_optional(p, at)) {
            flush_run(b);
            p->i = at;
            quantifier(p);
            return;
        }
        b->run[b->rn++] = (char)e;
        p->i = at;
        if (quantifier(p) || p->i != at)
            flush_run(b);
        return;
    }
    flush_run(b);
    p->i += 2;
    if (p->i < p->n && (p->s[p->i] == '{' || p->s[p->i] == '<' || p->s[p->i] == '\'')) {
        unsigned char close = p->s[p->i] == '{' ? '}' : p->s[p->i] == '<' ? '>' : '\'';
        const unsigned char *end = memchr(p->s + p->i + 1, close, p->n - p->i - 1);
        p->i = end ? (size_t)(end - p->s) + 1 : p->n;
    } else if (e == 'c' && p->i < p->n) {
        p->i++;
    }
    quantifier(p);
}

/* "(" ... ")": returns its literal set in *g (n == 0 when unusable),
 * *zero_width set for lookarounds, option settings and verbs. */
static void group_item(struct px *p, struct lset *g, int *zero_width)
{
    const unsigned char *s = p->s;
    *zero_width = 0;
    p->i++;
    if (p->i < p->n && s[p->i] == '*') {
        const unsigned char *e = memchr(s + p->i, ')', p->n - p->i);
        p->i = e ? (size_t)(e - s) + 1 : p->n;
        *zero_width = 1;
        return;
    }
    if (p->i < p->n && s[p->i] == '?') {
        p->i++;
        unsigned char c = p->i < p->n ? s[p->i] : 0;
        if (c == '#' || c == '(' || c == 'C' || c == 'R' || (c >= '0' && c <= '9') ||
            c == '&' || (c == 'P' && p->i + 1 < p->n && (s[p->i + 1] == '>' || s[p->i + 1] == '='))) {
            p->giveup = 1;
            p->i = p->n;
            return;
        }
        if (c == '=' || c == '!' || (c == '<' && p->i + 1 < p->n && (s[p->i + 1] == '=' || s[p->i + 1] == '!'))) {
            struct lset tmp = {0};
            p->i += c == '<' ? 2 : 1;
            alternation(p, &tmp);
            lset_free(&tmp);
            *zero_width = 1;
            return;
        }
        if (c == '<' || c == 'P' || c == '\'') {
            unsigned char close = c == '\'' ? '\'' : '>';
            const unsigned char *e = memchr(s + p->i + 1, close, p->n - p->i - 1);
            p->i = e ? (size_t)(e - s) + 1 : p->n;
        } else if (c == ':' || c == '>' || c == '|') {
            p->i++;
        } else {
            while (p->i < p->n && s[p->i] != ')' && s[p->i] != ':') {
                if (s[p->i] == 'x')
                    p->giveup = 1;
                p->i++;
            }
            if (p->i < p->n && s[p->i] == ')') {
                p->i++;
                *zero_width = 1;
                return;
            }
            p->i++;
        }
    }
    if (alternation(p, g) < 0)
        lset_free(g);
}

static int branch(struct px *p, struct lset *out)
{
    struct branch *b = xcalloc(1, sizeof *b);
    while (p->i < p->n && !p->giveup) {
        unsigned char c = p->s[p->i];
        if (c == '|' || c == ')')
            break;
        if (c == '\\') {
            escape_item(p, b);
        } else if (c == '[') {
            flush_run(b);
            skip_class(p);
            quantifier(p);
        } else if (c == '(') {
            struct lset g = {0};
            int zw;
            flush_run(b);
            group_item(p, &g, &zw);
            if (!zw && !quantifier(p))
                offer_set(b, &g);
            else
                lset_free(&g);
        } else if (c == '.' || c == '^' || c == '$') {
            flush_run(b);
            p->i++;
            quantifier(p);
        } else {
            size_t k = literal_len(p);
            if (k == 0) {
                flush_run(b);
                p->i += 1;
                while (p->i < p->n && (p->s[p->i] & 0xC0) == 0x80)
                    p->i++;
                quantifier(p);
                continue;
            }
            if (peek_optional(p, p->i + k)) {
                flush_run(b);
                p->i += k;
                quantifier(p);
                continue;
            }
            memcpy(b->run + b->rn, p->s + p->i, k);
            b->rn += k;
            p->i += k;
            size_t before = p->i;
            quantifier(p);
            if (p->i != before)
                flush_run(b);
        }
    }
    flush_run(b);
    int rc = b->best_score >= LIT_MIN ? 0 : -1;
    if (rc == 0)
        lset_move(out, &b->best);
    lset_free(&b->best);
    free(b);
    return rc;
}

/* Alternation up to ')' (consumed) or the end. -1 when some branch has no
 * usable literal (then *out is empty). */
static int alternation(struct px *p, struct lset *out)
{
    int ok = 1;
    for (;;) {
        struct lset one = {0};
        if (branch(p, &one) < 0)
            ok = 0;
        for (size_t i = 0; ok && i < one.n; i++)
            lset_add(out, one.s[i], one.len[i]);
        lset_free(&one);
        if (out->n > LIT_MAX_SET)
            ok = 0;
        if (p->i < p->n && p->s[p->i] == '|') {
            p->i++;
            continue;
        }
        if (p->i < p->n && p->s[p->i] == ')')
            p->i++;
        break;
    }
    if (!ok || p->giveup)
        lset_free(out);
    return ok && !p->giveup ? 0 : -1;
}

static inline uint32_t tri_hash(const unsigned char *s);

/* The hashes rules_lits_maybe looks up, computed once here rather than
 * for every message: contiguous, so that the common case (the first
 * trigram of a literal is absent) is one load and one bit test. */
static void hash_lits(struct rlits *l)
{
    size_t total = 0;
    for (size_t k = 0; k < l->n; k++)
        total += l->len[k] > 2 ? l->len[k] - 2 : 0;
    l->tri = xmalloc((total ? total : 1) * sizeof *l->tri);
    l->tri_end = xmalloc(l->n * sizeof *l->tri_end);
    uint32_t at = 0;
    for (size_t k = 0; k < l->n; k++) {
        const unsigned char *s = (const unsigned char *)l->s[k];
        for (size_t i = 0; i + 2 < l->len[k]; i++)
            l->tri[at++] = tri_hash(s + i);
        l->tri_end[k] = at;
    }
}

int rules_lits_extract(const char *pat, size_t n, struct rlits *out)
{
    struct px p = {(const unsigned char *)pat, n, 0, 0};
    struct lset l = {0};
    memset(out, 0, sizeof *out);
    if (alternation(&p, &l) < 0 || p.i < p.n || l.n == 0) {
        lset_free(&l);
        return -1;
    }
    out->s = l.s;
    out->len = l.len;
    out->n = l.n;
    hash_lits(out);
    return 0;
}

void rules_lits_free(struct rlits *l)
{
    struct lset x = {l->s, l->len, l->n};
    lset_free(&x);
    free(l->tri);
    free(l->tri_end);
    memset(l, 0, sizeof *l);
}

static inline uint32_t tri_hash(const unsigned char *s)
{
    uint32_t v = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
    return (v * 2654435761u) >> (32 - RULES_TRI_BITS);
}

void rules_tri_build(const char *text, size_t n, uint64_t *bits)
{
    const unsigned char *s = (const unsigned char *)text;
    memset(bits, 0, RULES_TRI_WORDS * sizeof *bits);
    for (size_t i = 0; i + 2 < n; i++) {
        uint32_t h = tri_hash(s + i);
        bits[h >> 6] |= 1ull << (h & 63);
    }
}

int rules_lits_maybe(const struct rlits *l, const uint64_t *bits)
{
    if (l->n == 0)
        return 1;
    const uint32_t *t = l->tri;
    uint32_t i = 0;
    for (size_t k = 0; k < l->n; k++) {
        uint32_t end = l->tri_end[k];
        while (i < end && (bits[t[i] >> 6] >> (t[i] & 63) & 1))
            i++;
        if (i == end)  /* every trigram of literal k is in the text */
            return 1;
        i = end;
    }
    return 0;
}

int rules_lits_found(const struct rlits *l, const uint64_t *bits, const char *text, size_t n)
{
    if (l->n == 0)
        return 1;
    const uint32_t *t = l->tri;
    uint32_t i = 0;
    for (size_t k = 0; k < l->n; k++) {
        uint32_t end = l->tri_end[k];
        while (i < end && (bits[t[i] >> 6] >> (t[i] & 63) & 1))
            i++;
        if (i == end && memmem(text, n, l->s[k], l->len[k]))
            return 1;
        i = end;
    }
    return 0;
}

static int has_any(const char *pat, size_t n, const char *const *needles)
{
    for (; *needles; needles++)
        if (memmem(pat, n, *needles, strlen(*needles)))
            return 1;
    return 0;
}

int rules_split_top(const char *pat, size_t n, size_t **off, size_t **len, size_t *count)
{
    static const char *const unsafe[] = {"\\Q", "\\g", "\\k", "(?R", "(?&", "(?P>", "(?P=",
                                         "(?(", "(*", "(?|", NULL};
    const unsigned char *s = (const unsigned char *)pat;
    size_t depth = 0, start = 0;
    *off = NULL, *len = NULL, *count = 0;
    if (has_any(pat, n, unsafe))
        return -1;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || (s[i] == '|' && depth == 0)) {
            *off = xrealloc(*off, (*count + 1) * sizeof **off);
            *len = xrealloc(*len, (*count + 1) * sizeof **len);
            (*off)[*count] = start, (*len)[*count] = i - start, (*count)++;
            start = i + 1;
            continue;
        }
        if (s[i] == '\\') {
            if (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
                goto unsafe_out;
            i++;
        } else if (s[i] == '[') {
            struct px p = {s, n, i, 0};
            skip_class(&p);
            i = p.i - 1;
        } else if (s[i] == '(') {
            if (i + 2 < n && s[i + 1] == '?' && s[i + 2] >= '0' && s[i + 2] <= '9')
                goto unsafe_out;
            if (depth == 0 && i + 2 < n && s[i + 1] == '?') {
                size_t j = i + 2;
                while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                                 s[j] == '-' || s[j] == '^'))
                    j++;
                if (j > i + 2 && j < n && s[j] == ')')
                    goto unsafe_out;
            }
            depth++;
        } else if (s[i] == ')') {
            if (depth == 0)
                goto unsafe_out;
            depth--;
        }
    }
    if (depth == 0)
        return 0;
unsafe_out:
    free(*off), free(*len);
    *off = NULL, *len = NULL, *count = 0;
    return -1;
}

/* ---- the literal index ---- */

struct ix_builder {
    struct rlit_ref *v;
    size_t n, cap;
};

static void ix_unit(struct rindex *ix, struct ix_builder *b, struct rbranch *br,
                    const struct rlits *l)
{
    br->unit = (uint32_t)ix->n_units++;
    if (l->n == 0) {
        ix->open = xrealloc(ix->open, (ix->n_open + 1) * sizeof *ix->open);
        ix->open[ix->n_open++] = br->unit;
        return;
    }
    for (size_t k = 0; k < l->n; k++) {
        if (b->n == b->cap) {
            b->cap = b->cap ? 2 * b->cap : 1024;
            b->v = xrealloc(b->v, b->cap * sizeof *b->v);
        }
        b->v[b->n++] = (struct rlit_ref){l, (uint32_t)k, br->unit};
    }
}

static uint32_t lit_first(const struct rlits *l, uint32_t k)
{
    return k ? l->tri_end[k - 1] : 0;
}

/* File each literal under its least shared trigram (bucket sort). */
static void ix_finish(struct rindex *ix, struct ix_builder *b)
{
    size_t nb = (size_t)1 << RULES_TRI_BITS;
    uint32_t *load = xcalloc(nb, sizeof *load);
    uint32_t *key = xmalloc((b->n ? b->n : 1) * sizeof *key);
    size_t n_long = 0;
    for (size_t i = 0; i < b->n; i++) {
        const struct rlits *l = b->v[i].l;
        uint32_t s = lit_first(l, b->v[i].k), e = l->tri_end[b->v[i].k];
        key[i] = UINT32_MAX;
        for (uint32_t t = s; t < e; t++)
            if (key[i] == UINT32_MAX || load[l->tri[t]] < load[key[i]])
                key[i] = l->tri[t];
        if (key[i] != UINT32_MAX)
            load[key[i]]++, n_long++;
        else
            ix->n_short++;
    }
    ix->start = xcalloc(nb + 1, sizeof *ix->start);
    for (size_t h = 0; h < nb; h++)
        ix->start[h + 1] = ix->start[h] + load[h];
    ix->ref = xmalloc((n_long ? n_long : 1) * sizeof *ix->ref);
    ix->shortl = xmalloc((ix->n_short ? ix->n_short : 1) * sizeof *ix->shortl);
    ix->n_ref = n_long;
    memset(load, 0, nb * sizeof *load);
    size_t ns = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (key[i] == UINT32_MAX)
            ix->shortl[ns++] = b->v[i];
        else
            ix->ref[ix->start[key[i]] + load[key[i]]++] = b->v[i];
    }
    free(load);
    free(key);
    free(b->v);
}

void rules_index_build(struct rules *r)
{
    struct ix_builder bt = {0}, bs = {0};
    for (size_t i = 0; i < r->n_rules; i++)
        for (size_t j = 0; j < r->rules[i].n_pats; j++) {
            struct rpattern *rp = &r->rules[i].pats[j];
            for (size_t k = 0; k < rp->n_br; k++)
                ix_unit(&r->text_ix, &bt, &rp->br[k], rp->br[k].code ? &rp->br[k].lits : &rp->lits);
            for (size_t k = 0; k < rp->n_shadow; k++)
                ix_unit(&r->shadow_ix, &bs, &rp->shadow[k], &rp->shadow[k].lits);
        }
    ix_finish(&r->text_ix, &bt);
    ix_finish(&r->shadow_ix, &bs);
}

void rules_index_free(struct rindex *ix)
{
    free(ix->start);
    free(ix->ref);
    free(ix->shortl);
    free(ix->open);
    memset(ix, 0, sizeof *ix);
}

/* Is literal k of l in text (every trigram in bits, then the bytes)? */
static int lit_in(const struct rlits *l, uint32_t k, const uint64_t *bits, const char *text,
                  size_t n)
{
    for (uint32_t t = lit_first(l, k); t < l->tri_end[k]; t++)
        if (!(bits[l->tri[t] >> 6] >> (l->tri[t] & 63) & 1))
            return 0;
    return memmem(text, n, l->s[k], l->len[k]) != NULL;
}

void rules_index_scan(const struct rindex *ix, const char *text, size_t n, uint64_t *bits,
                      uint8_t *cand)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t small[1024];
    uint32_t *hs = n > 2 + sizeof small / sizeof *small ? xmalloc((n - 2) * sizeof *hs) : small;
    size_t nh = 0;
    memset(bits, 0, RULES_TRI_WORDS * sizeof *bits);
    for (size_t i = 0; i + 2 < n; i++) {
        uint32_t h = tri_hash(s + i);
        uint64_t bit = 1ull << (h & 63);
        if (!(bits[h >> 6] & bit)) {
            bits[h >> 6] |= bit;
            hs[nh++] = h;
        }
    }
    for (size_t j = 0; ix->start && j < nh; j++)
        for (uint32_t e = ix->start[hs[j]]; e < ix->start[hs[j] + 1]; e++) {
            const struct rlit_ref *r = &ix->ref[e];
            if (!cand[r->unit] && lit_in(r->l, r->k, bits, text, n))
                cand[r->unit] = 1;
        }
    for (size_t j = 0; j < ix->n_short; j++) {
        const struct rlit_ref *r = &ix->shortl[j];
        if (!cand[r->unit] && lit_in(r->l, r->k, bits, text, n))
            cand[r->unit] = 1;
    }
    for (size_t j = 0; j < ix->n_open; j++)
        cand[ix->open[j]] = 1;
    if (hs != small)
        free(hs);
}
