/* model.c — see model.h. */
#include "bureau/model.h"

#include "bureau/norm.h"
#include "bureau/terms.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALPHA 1.0   /* Laplace smoothing */

struct mterm {
    char *term;
    size_t n;        /* classes that hold it */
    unsigned *cls;   /* class index, ascending */
    unsigned *cnt;   /* messages of that class holding it */
};

struct model {
    size_t k;
    char **ids;
    unsigned *docs;     /* messages per class */
    double *total;      /* sum of term counts per class */
    size_t v;
    struct mterm *terms;
    double n_docs;
};

void model_free(struct model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->k; i++)
        free(m->ids[i]);
    for (size_t i = 0; i < m->v; i++) {
        free(m->terms[i].term);
        free(m->terms[i].cls);
        free(m->terms[i].cnt);
    }
    free(m->ids);
    free(m->docs);
    free(m->total);
    free(m->terms);
    free(m);
}

size_t model_classes(const struct model *m)
{
    return m->k;
}

const char *model_class(const struct model *m, size_t i)
{
    return i < m->k ? m->ids[i] : NULL;
}

/* --- parsing ------------------------------------------------------------------ */

struct lines {
    const char *p, *end;
    int no;
};

/* The next line (without its LF) in s and n; 0 at the end. */
static int next_line(struct lines *L, const char **s, size_t *n)
{
    if (L->p >= L->end)
        return 0;
    const char *e = memchr(L->p, '\n', (size_t)(L->end - L->p));
    if (!e)
        e = L->end;
    *s = L->p;
    *n = (size_t)(e - L->p);
    L->p = e < L->end ? e + 1 : e;
    L->no++;
    return 1;
}

static int parse_count(const char *s, size_t n, unsigned long max, unsigned long *out)
{
    unsigned long v = 0;
    if (n == 0 || n > 9)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* "WORD N" with the given word: N. */
static int header_count(const char *s, size_t n, const char *word, unsigned long max,
                        unsigned long *out)
{
    size_t w = strlen(word);
    return n > w + 1 && !memcmp(s, word, w) && s[w] == ' ' &&
                   parse_count(s + w + 1, n - w - 1, max, out) == 0
               ? 0
               : -1;
}

static int id_ok(const char *s, size_t n)
{
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
              s[i] == '_'))
            return 0;
    return 1;
}

static int parse_class(struct model *m, size_t i, const char *s, size_t n)
{
    if (n < 7 || memcmp(s, "class ", 6) != 0)
        return -1;
    const char *id = s + 6, *sp = memchr(id, ' ', n - 6);
    unsigned long d;
    if (!sp || !id_ok(id, (size_t)(sp - id)) ||
        parse_count(sp + 1, (size_t)(s + n - sp - 1), 100000000UL, &d) < 0)
        return -1;
    for (size_t j = 0; j < i; j++)
        if (strlen(m->ids[j]) == (size_t)(sp - id) && !memcmp(m->ids[j], id, (size_t)(sp - id)))
            return -1;
    m->ids[i] = xstrndup(id, (size_t)(sp - id));
    m->docs[i] = (unsigned)d;
    m->n_docs += (double)d;
    return 0;
}

static int parse_term(struct model *m, struct mterm *t, const char *s, size_t n)
{
    const char *tab = memchr(s, '\t', n);
    if (!tab || tab == s || (size_t)(tab - s) > 200 || !utf8_valid(s, (size_t)(tab - s)))
        return -1;
    t->term = xstrndup(s, (size_t)(tab - s));
    if (str_has_ctl(t->term, 0))
        return -1;
    size_t cap = 0;
    long last = -1;
    for (const char *p = tab + 1, *end = s + n; p < end;) {
        const char *sp = memchr(p, ' ', (size_t)(end - p));
        const char *e = sp ? sp : end, *colon = memchr(p, ':', (size_t)(e - p));
        unsigned long c, k;
        if (!colon || parse_count(p, (size_t)(colon - p), m->k - 1, &c) < 0 ||
            parse_count(colon + 1, (size_t)(e - colon - 1), 100000000UL, &k) < 0 || k == 0 ||
            (long)c <= last)
            return -1;
        if (t->n == cap) {
            cap = cap ? cap * 2 : 4;
            t->cls = xrealloc(t->cls, cap * sizeof *t->cls);
            t->cnt = xrealloc(t->cnt, cap * sizeof *t->cnt);
        }
        t->cls[t->n] = (unsigned)c;
        t->cnt[t->n++] = (unsigned)k;
        m->total[c] += (double)k;
        last = (long)c;
        p = sp ? sp + 1 : end;
    }
    return t->n ? 0 : -1;
}

int model_parse(const char *data, size_t n, struct model **out, int *line, char **cause)
{
    struct lines L = {data, data + n, 0};
    const char *s;
    size_t len;
    unsigned long k = 0, v = 0;
    struct model *m = xcalloc(1, sizeof *m);
    *out = NULL;
    if (!next_line(&L, &s, &len) || len != strlen(MODEL_MAGIC) || memcmp(s, MODEL_MAGIC, len)) {
        set_cause(cause, "not a routing model (the first line must be \"%s\")", MODEL_MAGIC);
        goto bad;
    }
    while (next_line(&L, &s, &len) && len && s[0] == '#')
        ;
    if (header_count(s, len, "classes", MODEL_MAX_CLASSES, &k) < 0 || k < 2) {
        set_cause(cause, "expected \"classes N\" (2 to %d)", MODEL_MAX_CLASSES);
        goto bad;
    }
    m->ids = xcalloc(k, sizeof *m->ids);
    m->docs = xcalloc(k, sizeof *m->docs);
    m->total = xcalloc(k, sizeof *m->total);
    m->k = k;
    for (size_t i = 0; i < k; i++)
        if (!next_line(&L, &s, &len) || parse_class(m, i, s, len) < 0) {
            set_cause(cause, "expected \"class ID DOCS\" (a new department id)");
            goto bad;
        }
    if (!next_line(&L, &s, &len) || header_count(s, len, "terms", MODEL_MAX_TERMS, &v) < 0) {
        set_cause(cause, "expected \"terms N\" (at most %d)", MODEL_MAX_TERMS);
        goto bad;
    }
    m->terms = xcalloc(v ? v : 1, sizeof *m->terms);
    for (size_t i = 0; i < v; i++) {
        if (!next_line(&L, &s, &len) || parse_term(m, &m->terms[i], s, len) < 0) {
            m->v = i + 1;
            set_cause(cause, "expected \"TERM<TAB>CLASS:COUNT ...\" (classes ascending)");
            goto bad;
        }
        m->v = i + 1;
        if (i && strcmp(m->terms[i - 1].term, m->terms[i].term) >= 0) {
            set_cause(cause, "terms out of order or repeated");
            goto bad;
        }
    }
    if (next_line(&L, &s, &len) && len) {
        set_cause(cause, "text after the last term");
        goto bad;
    }
    *out = m;
    return 0;
bad:
    *line = L.no ? L.no : 1;
    model_free(m);
    return -1;
}

/* --- guessing --------------------------------------------------------------------- */

static const struct mterm *find(const struct model *m, const char *t)
{
    size_t lo = 0, hi = m->v;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(m->terms[mid].term, t);
        if (!c)
            return &m->terms[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static unsigned count_in(const struct mterm *t, size_t c)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->cls[i] == c)
            return t->cnt[i];
    return 0;
}

static double term_logp(const struct model *m, const struct mterm *t, size_t c)
{
    return log(((double)count_in(t, c) + ALPHA) / (m->total[c] + ALPHA * (double)m->v));
}

struct weigh {
    const char *term;
    double w;
};

static int cmp_weigh(const void *a, const void *b)
{
    const struct weigh *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return strcmp(x->term, y->term);
}

int model_guess(const struct model *m, char *const *terms, size_t n, struct model_guess *g)
{
    memset(g, 0, sizeof *g);
    double *sc = xcalloc(m->k, sizeof *sc);
    const struct mterm **known = xcalloc(n ? n : 1, sizeof *known);
    size_t nk = 0;
    for (size_t i = 0; i < n; i++)
        if ((known[nk] = find(m, terms[i])))
            nk++;
    for (size_t c = 0; c < m->k; c++) {
        sc[c] = log(((double)m->docs[c] + ALPHA) / (m->n_docs + ALPHA * (double)m->k));
        for (size_t i = 0; i < nk; i++)
            sc[c] += term_logp(m, known[i], c);
    }
    size_t best = 0, second = m->k > 1 ? 1 : 0;
    for (size_t c = 0; c < m->k; c++)
        if (sc[c] > sc[best])
            best = c;
    if (second == best)
        second = 0;
    for (size_t c = 0; c < m->k; c++)
        if (c != best && sc[c] > sc[second])
            second = c;
    double z = 0;
    for (size_t c = 0; c < m->k; c++)
        z += exp(sc[c] - sc[best]);
    g->department = m->ids[best];
    g->p = 1.0 / z;
    g->n_known = nk;
    /* the words: what weighs most for the winner against the runner-up */
    struct weigh *w = xcalloc(nk ? nk : 1, sizeof *w);
    for (size_t i = 0; i < nk; i++)
        w[i] = (struct weigh){known[i]->term,
                              term_logp(m, known[i], best) - term_logp(m, known[i], second)};
    if (nk)
        qsort(w, nk, sizeof *w, cmp_weigh);
    size_t used = 0;
    for (size_t i = 0; i < nk && i < 5 && w[i].w > 0; i++) {
        int k = snprintf(g->words + used, sizeof g->words - used, "%s%s", i ? ", " : "",
                         w[i].term);
        if (k < 0 || (size_t)k >= sizeof g->words - used) {
            g->words[used] = '\0';
            break;
        }
        used += (size_t)k;
    }
    free(w);
    free(known);
    free(sc);
    return nk ? 0 : 1;
}

/* --- training ---------------------------------------------------------------------- */

void model_sample_set(struct model_sample *s, const char *label, const char *subject,
                      const char *body)
{
    char *both = xasprintf("%s\n%s", subject ? subject : "", body ? body : "");
    char *norm = norm_text(both, strlen(both), NULL);
    s->label = xstrdup(label);
    s->n_terms = terms_of(norm, &s->terms);
    free(norm);
    free(both);
}

void model_samples_free(struct model_sample *v, size_t n)
{
    for (size_t i = 0; i < n && v; i++) {
        free(v[i].label);
        for (size_t k = 0; k < v[i].n_terms; k++)
            free(v[i].terms[k]);
        free(v[i].terms);
    }
    free(v);
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct tpair {
    const char *term;
    unsigned cls;
};

static int cmp_tpair(const void *a, const void *b)
{
    const struct tpair *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    return c ? c : (x->cls > y->cls) - (x->cls < y->cls);
}

struct tline {
    const char *term;
    size_t docs;       /* messages holding it */
    size_t first, end; /* its pairs */
    size_t bytes;      /* its line */
};

static int cmp_by_docs(const void *a, const void *b)
{
    const struct tline *x = a, *y = b;
    if (x->docs != y->docs)
        return x->docs > y->docs ? -1 : 1;
    return strcmp(x->term, y->term);
}

static int cmp_by_term(const void *a, const void *b)
{
    return strcmp(((const struct tline *)a)->term, ((const struct tline *)b)->term);
}

int model_train(const struct model_sample *v, size_t n, size_t min_docs, const char *comment,
                struct buf *out, char **cause)
{
    /* the classes, sorted */
    char **ids = xcalloc(n ? n : 1, sizeof *ids);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        ids[k++] = v[i].label;
    qsort(ids, k, sizeof *ids, cmp_cstr);
    size_t u = 0;
    for (size_t i = 0; i < k; i++)
        if (!u || strcmp(ids[u - 1], ids[i]))
            ids[u++] = ids[i];
    k = u;
    if (k < 2 || k > MODEL_MAX_CLASSES) {
        set_cause(cause, "%zu department(s) in the training messages: 2 to %d needed", k,
                  MODEL_MAX_CLASSES);
        free(ids);
        return -1;
    }
    unsigned *docs = xcalloc(k, sizeof *docs);
    size_t np = 0;
    for (size_t i = 0; i < n; i++)
        np += v[i].n_terms;
    struct tpair *p = xcalloc(np ? np : 1, sizeof *p);
    np = 0;
    for (size_t i = 0; i < n; i++) {
        char **hit = bsearch(&v[i].label, ids, k, sizeof *ids, cmp_cstr);
        unsigned c = (unsigned)(hit - ids);
        docs[c]++;
        for (size_t t = 0; t < v[i].n_terms; t++)
            p[np++] = (struct tpair){v[i].terms[t], c};
    }
    qsort(p, np, sizeof *p, cmp_tpair);
    struct tline *L = xcalloc(np ? np : 1, sizeof *L);
    size_t nl = 0;
    for (size_t a = 0; a < np;) {
        size_t b = a, bytes = strlen(p[a].term) + 2;
        while (b < np && !strcmp(p[b].term, p[a].term))
            b++;
        for (size_t x = a; x < b;) {
            size_t y = x;
            while (y < b && p[y].cls == p[x].cls)
                y++;
            bytes += 12;  /* " III:NNNNNNN" at most */
            x = y;
        }
        if (b - a >= min_docs && !strchr(p[a].term, '\t') && !strchr(p[a].term, '\n'))
            L[nl++] = (struct tline){p[a].term, b - a, a, b, bytes};
        a = b;
    }
    /* the most frequent terms that fit */
    qsort(L, nl, sizeof *L, cmp_by_docs);
    size_t budget = MODEL_MAX_BYTES - 64 * (k + 8) - (comment ? strlen(comment) + 4 : 0), keep = 0;
    for (size_t used = 0; keep < nl && keep < MODEL_MAX_TERMS && used + L[keep].bytes <= budget;
         keep++)
        used += L[keep].bytes;
    qsort(L, keep, sizeof *L, cmp_by_term);
    buf_printf(out, "%s\n", MODEL_MAGIC);
    if (comment)
        buf_printf(out, "# %s\n", comment);
    buf_printf(out, "classes %zu\n", k);
    for (size_t c = 0; c < k; c++)
        buf_printf(out, "class %s %u\n", ids[c], docs[c]);
    buf_printf(out, "terms %zu\n", keep);
    for (size_t i = 0; i < keep; i++) {
        buf_printf(out, "%s\t", L[i].term);
        for (size_t x = L[i].first; x < L[i].end;) {
            size_t y = x;
            while (y < L[i].end && p[y].cls == p[x].cls)
                y++;
            buf_printf(out, "%s%u:%zu", x > L[i].first ? " " : "", p[x].cls, y - x);
            x = y;
        }
        buf_putc(out, '\n');
    }
    free(L);
    free(p);
    free(docs);
    free(ids);
    return 0;
}
