/* rules.c — classification with loaded rules, accessors and freeing (see
 * rules.h; loading is in rules_load.c).
 *
 * Scoring: a rule adds its weight once for each of its fields in which
 * any of its patterns matches (so a word in both subject and body counts
 * twice, many repetitions in the body count once). */
#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/norm.h"
#include "bureau/model.h"
#include "bureau/terms.h"
#include "bureau/translit.h"
#include "bureau/util.h"
#include "bureau/wire.h"
#include "rules_int.h"

void rules_diags_free(struct rules_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].message);
    }
    free(d->v);
    d->v = NULL;
    d->n = 0;
}

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;

static void jit_lock_take(void)
{
    pthread_mutex_lock(&jit_lock);
}

static void jit_lock_give(void)
{
    pthread_mutex_unlock(&jit_lock);
}

static void jit_atfork(void)
{
    (void)pthread_atfork(jit_lock_take, jit_lock_give, jit_lock_give);
}

static void jit_lock_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, jit_atfork);
}

const pcre2_code *rules_jitted(pcre2_code *code, atomic_int *done)
{
    if (atomic_load_explicit(done, memory_order_acquire))
        return code;
    jit_lock_init();
    jit_lock_take();
    if (!atomic_load_explicit(done, memory_order_relaxed)) {
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  /* else it runs interpreted */
        atomic_store_explicit(done, 1, memory_order_release);
    }
    jit_lock_give();
    return code;
}

void rules_code_free(pcre2_code *code)
{
    if (!code)
        return;
    jit_lock_init();
    jit_lock_take();
    pcre2_code_free(code);
    jit_lock_give();
}

void rules_free_rule(struct rule *ru)
{
    free(ru->name);
    free(ru->department);
    free(ru->kind);
    for (size_t i = 0; i < ru->n_pats; i++) {
        free(ru->pats[i].src);
        rules_code_free(ru->pats[i].code);
        rules_lits_free(&ru->pats[i].lits);
        for (size_t k = 0; k < ru->pats[i].n_br; k++) {
            rules_code_free(ru->pats[i].br[k].code);
            rules_lits_free(&ru->pats[i].br[k].lits);
        }
        free(ru->pats[i].br);
        for (size_t k = 0; k < ru->pats[i].n_shadow; k++) {
            rules_code_free(ru->pats[i].shadow[k].code);
            rules_lits_free(&ru->pats[i].shadow[k].lits);
        }
        free(ru->pats[i].shadow);
    }
    free(ru->pats);
}

static pcre2_code *shadow_code(const char *sk, size_t n)
{
    uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF;
    int err;
    PCRE2_SIZE off;
    return pcre2_compile((PCRE2_SPTR)sk, n, flags, &err, &off, NULL);
}

static void shadow_lits(struct rbranch *b, const char *lit, size_t n)
{
    if (!lit || rules_lits_extract(lit, n, &b->lits) < 0)
        memset(&b->lits, 0, sizeof b->lits);
}

/* The skeleton's top-level alternatives, each with the literals of the
 * same alternative of its merged-letter form (the two forms have the same
 * structure). 0, or -1 when they cannot be split alike (then the whole
 * skeleton is matched, as one branch). The prefilter then skips most of
 * them: a whole skeleton of Arabic words runs its every alternative at
 * every position of the shadow, all of whose letters are Arabic. */
static int shadow_split(struct rpattern *rp, const char *sk, size_t sn, const char *lit,
                        size_t ln)
{
    size_t *so = NULL, *sl = NULL, *lo = NULL, *ll = NULL, sc = 0, lc = 0;
    int ok = lit && rules_split_top(sk, sn, &so, &sl, &sc) == 0 &&
             rules_split_top(lit, ln, &lo, &ll, &lc) == 0 && sc > 1 && sc == lc;
    if (ok) {
        rp->shadow = xcalloc(sc, sizeof *rp->shadow);
        for (size_t i = 0; i < sc && ok; i++) {
            rp->shadow[i].code = shadow_code(sk + so[i], sl[i]);
            ok = rp->shadow[i].code != NULL;
            if (ok) {
                shadow_lits(&rp->shadow[i], lit + lo[i], ll[i]);
                rp->n_shadow++;
            }
        }
        if (!ok) {
            for (size_t i = 0; i < rp->n_shadow; i++) {
                pcre2_code_free(rp->shadow[i].code);
                rules_lits_free(&rp->shadow[i].lits);
            }
            free(rp->shadow);
            rp->shadow = NULL, rp->n_shadow = 0;
        }
    }
    free(so), free(sl), free(lo), free(ll);
    return ok ? 0 : -1;
}

void rules_shadow_compile(struct rpattern *rp, const char *norm, size_t n)
{
    size_t sn = 0, ln = 0;
    char *sk = translit_pattern(norm, n, 0, &sn);
    rp->shadow = NULL, rp->n_shadow = 0;
    if (!sk)
        return;
    pcre2_code *c = shadow_code(sk, sn);
    pcre2_match_data *md = c ? pcre2_match_data_create(1, NULL) : NULL;
    if (c && md && pcre2_match(c, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0) {
        char *lit = translit_pattern(norm, n, 1, &ln);
        if (shadow_split(rp, sk, sn, lit, ln) < 0) {
            rp->shadow = xcalloc(1, sizeof *rp->shadow);
            rp->shadow[0].code = c;
            rp->n_shadow = 1;
            c = NULL;
            shadow_lits(&rp->shadow[0], lit, ln);
        }
        free(lit);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    free(sk);
}

void rules_free(struct rules *r)
{
    if (!r)
        return;
    model_free(r->model);
    rules_index_free(&r->text_ix);
    rules_index_free(&r->shadow_ix);
    for (size_t i = 0; i < r->n_depts; i++) {
        struct department *d = &r->depts[i];
        free(d->id);
        free(d->name_fr);
        free(d->name_ar);
        for (size_t k = 0; k < d->n_heads; k++)
            free(d->heads[k]);
        free(d->heads);
    }
    for (size_t i = 0; i < r->n_kinds; i++) {
        free(r->kinds[i].id);
        free(r->kinds[i].name_fr);
        free(r->kinds[i].name_ar);
    }
    for (size_t i = 0; i < r->n_rules; i++)
        rules_free_rule(&r->rules[i]);
    for (size_t i = 0; i < r->n_files; i++)
        free(r->files[i]);
    free(r->files);
    free(r->depts);
    free(r->dept_at);
    free(r->kinds);
    free(r->kind_at);
    free(r->rules);
    free(r);
}

const struct department *rules_department(const struct rules *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->n_depts; i++)
        if (strcmp(r->depts[i].id, id) == 0)
            return &r->depts[i];
    return NULL;
}

const struct department *rules_departments(const struct rules *r, size_t *n)
{
    *n = r ? r->n_depts : 0;
    return r ? r->depts : NULL;
}

int rules_close_automatic(const struct rules *r)
{
    return r ? r->close_automatic : 0;
}

const struct kind *rules_kind(const struct rules *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->n_kinds; i++)
        if (strcmp(r->kinds[i].id, id) == 0)
            return &r->kinds[i];
    return NULL;
}

const struct kind *rules_kinds(const struct rules *r, size_t *n)
{
    *n = r ? r->n_kinds : 0;
    return r ? r->kinds : NULL;
}

const char *rules_department_label(const struct rules *r, const char *id, int ar)
{
    const struct department *d = r && id ? rules_department(r, id) : NULL;
    const char *n = d ? (ar ? d->name_ar : d->name_fr) : NULL;
    return n ? n : id;
}

const char *rules_kind_label(const struct rules *r, const char *id, int ar)
{
    const struct kind *k = r && id ? rules_kind(r, id) : NULL;
    const char *n = k ? (ar ? k->name_ar : k->name_fr) : NULL;
    return n ? n : id;
}

void classification_free(struct classification *c)
{
    if (!c)
        return;
    free(c->department);
    free(c->kind);
    for (size_t i = 0; i < c->n_hits; i++) {
        free(c->hits[i].rule);
        free(c->hits[i].field);
        free(c->hits[i].matched);
        free(c->hits[i].department);
        free(c->hits[i].kind);
    }
    free(c->hits);
    free(c->model_department);
    free(c->model_words);
    memset(c, 0, sizeof *c);
}

/* --- classification on the wire (worker to parent) ----------------------- */

#define WIRE_MAX_HITS 4096

const char *rules_urgent_hint(const struct rules *r, const struct classification *c)
{
    const struct kind *k = r && c->kind ? rules_kind(r, c->kind) : NULL;
    if (!k || k->urgent_unit == DL_NONE)
        return NULL;
    for (size_t i = 0; i < c->n_hits; i++)
        for (size_t j = 0; j < r->n_rules; j++)
            if (r->rules[j].urgent && !strcmp(r->rules[j].name, c->hits[i].rule))
                return r->rules[j].name;
    return NULL;
}

void classification_encode(const struct classification *c, struct buf *out)
{
    wire_put_str(out, c->department);
    wire_put_str(out, c->kind);
    wire_put_i64(out, c->dept_score);
    wire_put_i64(out, c->kind_score);
    wire_put_u32(out, (uint32_t)c->needs_triage);
    wire_put_u32(out, (uint32_t)c->limit_hit);
    wire_put_u32(out, (uint32_t)c->n_hits);
    for (size_t i = 0; i < c->n_hits; i++) {
        const struct rules_hit *h = &c->hits[i];
        wire_put_str(out, h->rule);
        wire_put_str(out, h->field);
        wire_put_str(out, h->matched);
        wire_put_str(out, h->department);
        wire_put_str(out, h->kind);
        wire_put_i64(out, h->weight);
        wire_put_u32(out, (uint32_t)h->shadow);
    }
    wire_put_str(out, c->model_department);
    wire_put_i64(out, (int64_t)llround(c->model_p * 1e9));
    wire_put_str(out, c->model_words);
    wire_put_u32(out, (uint32_t)c->model_routed);
}

/* A department or kind the rules know, or the triage defaults. */
static int known_id(const struct rules *r, const char *id, int dept)
{
    if (!id)
        return 0;
    if (dept)
        return rules_department(r, id) != NULL || strcmp(id, RULES_TRIAGE_DEPARTMENT) == 0;
    return rules_kind(r, id) != NULL || strcmp(id, RULES_FALLBACK_KIND) == 0;
}

int classification_decode(const char *p, size_t n, const struct rules *r,
                          struct classification *c)
{
    struct wire_rd rd = {p, n, 0};
    memset(c, 0, sizeof *c);
    c->department = wire_get_str(&rd);
    c->kind = wire_get_str(&rd);
    int64_t ds = wire_get_i64(&rd), ks = wire_get_i64(&rd);
    c->dept_score = ds > INT32_MIN && ds < INT32_MAX ? (int)ds : 0;
    c->kind_score = ks > INT32_MIN && ks < INT32_MAX ? (int)ks : 0;
    c->needs_triage = wire_get_u32(&rd) != 0;
    c->limit_hit = wire_get_u32(&rd) != 0;
    uint32_t nh = wire_get_u32(&rd);
    if (rd.bad || nh > WIRE_MAX_HITS || !known_id(r, c->department, 1) ||
        !known_id(r, c->kind, 0))
        goto bad;
    c->hits = xcalloc(nh ? nh : 1, sizeof *c->hits);
    for (; c->n_hits < nh && !rd.bad; c->n_hits++) {
        struct rules_hit *h = &c->hits[c->n_hits];
        h->rule = wire_get_str(&rd);
        h->field = wire_get_str(&rd);
        h->matched = wire_get_str(&rd);
        h->department = wire_get_str(&rd);
        h->kind = wire_get_str(&rd);
        int64_t w = wire_get_i64(&rd);
        h->weight = w > INT32_MIN && w < INT32_MAX ? (int)w : 0;
        h->shadow = wire_get_u32(&rd) != 0;
        if (!h->rule || !h->field)
            rd.bad = 1;
    }
    c->model_department = wire_get_str(&rd);
    int64_t mp = wire_get_i64(&rd);
    c->model_p = mp >= 0 && mp <= 1000000000 ? (double)mp / 1e9 : 0;
    c->model_words = wire_get_str(&rd);
    c->model_routed = wire_get_u32(&rd) != 0;
    if (c->model_routed && (!c->model_department ||
                            strcmp(c->model_department, c->department ? c->department : "")))
        rd.bad = 1;
    if (rd.bad || rd.n != 0)
        goto bad;
    return 0;
bad:
    classification_free(c);
    return -1;
}

/* --- classification ---------------------------------------------------- */

struct field_text {
    unsigned id;
    const char *name;
    char *text;
    size_t len;
    uint64_t *tri;  /* trigram bitmap of text, RULES_TRI_WORDS words */
    uint8_t *cand;  /* by unit of the text index: may match (rules_index_scan) */
    char *shadow;   /* translit_shadow(text) for subject and body, else NULL */
    size_t shadow_len;
    char *merged;   /* translit_merged(shadow): what its patterns' literals are in */
    size_t merged_len;
    uint64_t *shadow_tri; /* trigram bitmap of merged */
    uint8_t *shadow_cand; /* by unit of the shadow index */
};

/* Cut s to at most max bytes on a character boundary. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static void field_set(const struct rules *r, struct field_text *f, const char *s, size_t n)
{
    size_t max = r->max_text;
    n = utf8_cut(s ? s : "", s ? n : 0, max * 4);
    f->text = norm_text(s ? s : "", n, &f->len);
    f->len = utf8_cut(f->text, f->len, max);
    f->text[f->len] = '\0';
    f->tri = xmalloc(RULES_TRI_WORDS * sizeof *f->tri);
    f->cand = xcalloc(r->text_ix.n_units + 1, 1);
    rules_index_scan(&r->text_ix, f->text, f->len, f->tri, f->cand);
}

/* The shadow of a field, computed once per message (in the parser worker,
 * where the service classifies). */
static void field_shadow(const struct rules *r, struct field_text *f, int french)
{
    size_t ml;
    if (french)  /* nothing would be in it */
        return;
    f->shadow = translit_shadow(f->text, f->len, french, &f->shadow_len);
    if (!f->shadow_len)
        return;
    f->merged = translit_merged(f->shadow, f->shadow_len, &ml);
    f->merged_len = ml;
    f->shadow_tri = xmalloc(RULES_TRI_WORDS * sizeof *f->shadow_tri);
    f->shadow_cand = xcalloc(r->shadow_ix.n_units + 1, 1);
    rules_index_scan(&r->shadow_ix, f->merged, ml, f->shadow_tri, f->shadow_cand);
}

static void fields_build(const struct rules *r, const struct msg *m, struct field_text f[4])
{
    struct buf b;
    memset(f, 0, 4 * sizeof *f);
    f[0].id = RF_SUBJECT, f[0].name = "subject";
    f[1].id = RF_BODY, f[1].name = "body";
    f[2].id = RF_FROM, f[2].name = "from";
    f[3].id = RF_ATTACHMENTS, f[3].name = "attachments";
    field_set(r, &f[0], m->subject, m->subject ? strlen(m->subject) : 0);
    field_set(r, &f[1], m->body, m->body ? strlen(m->body) : 0);
    if (r->shadow) {  /* a message's language is its body's, or its subject's */
        int fr = translit_message_french(f[0].text, f[0].len, f[1].text, f[1].len);
        field_shadow(r, &f[0], fr);
        field_shadow(r, &f[1], fr);
    }
    buf_init(&b, r->max_text * 4);
    if (m->from_addr)
        buf_puts(&b, m->from_addr);
    if (m->from_name)
        buf_putc(&b, ' '), buf_puts(&b, m->from_name);
    field_set(r, &f[2], b.data ? b.data : "", b.len);
    buf_reset(&b);
    for (size_t i = 0; i < m->n_att; i++)
        if (m->att[i].filename)
            buf_puts(&b, m->att[i].filename), buf_putc(&b, '\n');
    field_set(r, &f[3], b.data ? b.data : "", b.len);
    buf_free(&b);
}

static void hit_add(struct classification *c, const struct rule *ru, const char *field,
                    const char *text, size_t s, size_t e, int shadow)
{
    c->hits = xrealloc(c->hits, (c->n_hits + 1) * sizeof *c->hits);
    struct rules_hit *h = &c->hits[c->n_hits++];
    while (s < e && strchr(" \t\r\n,.;:!?()\"'-", text[s]) && text[s])
        s++;
    while (e > s && strchr(" \t\r\n,.;:!?()\"'-", text[e - 1]) && text[e - 1])
        e--;
    size_t n = utf8_cut(text + s, e - s, RULES_MAX_MATCHED);
    h->rule = xstrdup(ru->name);
    h->field = xstrdup(field);
    h->matched = xstrndup(text + s, n);
    h->department = xstrdup(ru->department);
    h->kind = xstrdup(ru->kind);
    h->weight = ru->weight;
    h->shadow = shadow;
}

struct matcher {
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
};

/* Run one pattern; on a JIT stack overflow retry once with a larger
 * stack, created on first need (most messages never need it). */
static int run_pattern(const pcre2_code *code, const char *text, size_t len, struct matcher *m)
{
    int rc = pcre2_match(code, (PCRE2_SPTR)text, len, 0, 0, m->md, m->mc);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && !m->js) {
        m->js = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
        if (m->js) {
            pcre2_jit_stack_assign(m->mc, NULL, m->js);
            rc = pcre2_match(code, (PCRE2_SPTR)text, len, 0, 0, m->md, m->mc);
        }
    }
    return rc;
}

/* 1 if a pattern of ru matches f (ovector in m->md), 0 if not. */
static int rule_matches(const struct rules *r, const struct rule *ru, const struct field_text *f,
                        struct matcher *m, int *limit_hit)
{
    for (size_t i = 0; i < ru->n_pats; i++) {
        const struct rpattern *rp = &ru->pats[i];
        for (size_t k = 0; k < rp->n_br; k++) {
            const struct rbranch *b = &rp->br[k];
            int whole = b->code == NULL || !r->prefilter;
            if (r->prefilter && !f->cand[b->unit])
                continue;
            /* the rules are shared read-only; only their JIT flags change */
            const pcre2_code *code =
                whole ? rules_jitted(rp->code, (atomic_int *)&rp->jit)
                      : rules_jitted(b->code, (atomic_int *)&b->jit);
            int rc = run_pattern(code, f->text, f->len, m);
            if (rc >= 0)
                return 1;
            if (rc != PCRE2_ERROR_NOMATCH)
                *limit_hit = 1;
            if (whole)
                break;
        }
    }
    return 0;
}

/* The same on the field's shadow, with the patterns' skeleton forms. */
static int rule_matches_shadow(const struct rules *r, const struct rule *ru,
                               const struct field_text *f, struct matcher *m, int *limit_hit)
{
    for (size_t i = 0; f->shadow_cand && i < ru->n_pats; i++) {
        for (size_t k = 0; k < ru->pats[i].n_shadow; k++) {
            const struct rbranch *b = &ru->pats[i].shadow[k];
            if (r->prefilter && !f->shadow_cand[b->unit])
                continue;
            int rc = run_pattern(rules_jitted(b->code, (atomic_int *)&b->jit), f->shadow,
                                 f->shadow_len, m);
            if (rc >= 0)
                return 1;
            if (rc != PCRE2_ERROR_NOMATCH)
                *limit_hit = 1;
        }
    }
    return 0;
}

static void score(const struct rules *r, struct field_text f[4], struct matcher *m,
                  struct classification *c, int *dept, int *kind)
{
    for (size_t i = 0; i < r->n_rules; i++) {
        const struct rule *ru = &r->rules[i];
        for (int k = 0; k < 4; k++) {
            if (!(ru->fields & f[k].id) || f[k].len == 0)
                continue;
            int sh = 0;
            if (!rule_matches(r, ru, &f[k], m, &c->limit_hit) &&
                !(r->shadow && (sh = rule_matches_shadow(r, ru, &f[k], m, &c->limit_hit))))
                continue;
            const char *text = sh ? f[k].shadow : f[k].text;
            size_t len = sh ? f[k].shadow_len : f[k].len;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
            size_t s = ov[0] <= len ? ov[0] : len;
            size_t e = ov[1] >= s && ov[1] <= len ? ov[1] : s;
            hit_add(c, ru, f[k].name, text, s, e, sh);
            if (ru->dept_idx >= 0)
                dept[ru->dept_idx] += ru->weight;
            if (ru->kind_idx >= 0)
                kind[ru->kind_idx] += ru->weight;
        }
    }
}

/* Index of the single best score >= threshold, or -1 (none, or a tie). */
static int decide(const int *sc, size_t n, int threshold, int *best)
{
    int bi = -1, ties = 0;
    *best = 0;
    for (size_t i = 0; i < n; i++) {
        if (bi < 0 || sc[i] > *best)
            bi = (int)i, *best = sc[i], ties = 0;
        else if (sc[i] == *best)
            ties++;
    }
    if (bi < 0 || ties || *best < threshold)
        return -1;
    return bi;
}

static int matcher_init(const struct rules *r, struct matcher *m)
{
    m->md = pcre2_match_data_create(1, NULL);
    m->mc = pcre2_match_context_create(NULL);
    if (!m->md || !m->mc)
        return -1;
    pcre2_set_match_limit(m->mc, r->match_limit);
    pcre2_set_depth_limit(m->mc, r->match_limit);
    return 0;
}

static void matcher_free(struct matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->js);
}

/* The model's guess when the rules place nothing: recorded in out, and
 * the index of its department when p reaches the confidence (else -1). */
static int second_opinion(const struct rules *r, const struct field_text f[4],
                          struct classification *out)
{
    char *both = xasprintf("%s\n%s", f[0].text ? f[0].text : "", f[1].text ? f[1].text : "");
    char **terms = NULL;
    size_t n = terms_of(both, &terms);
    struct model_guess g;
    int di = -1;
    if (model_guess(r->model, terms, n, &g) == 0) {
        out->model_department = xstrdup(g.department);
        out->model_p = g.p;
        out->model_words = xstrdup(g.words);
        for (size_t i = 0; i < r->n_depts && g.p >= r->model_confidence; i++)
            if (!strcmp(r->depts[i].id, g.department))
                di = (int)i;
        out->model_routed = di >= 0;
    }
    terms_free(terms, n);
    free(both);
    return di;
}

int rules_classify(const struct rules *r, const struct msg *m, const char *default_kind,
                   struct classification *out)
{
    struct field_text f[4];
    struct matcher mt = {0};
    int rc = -1, di, ki;
    int *dept = xcalloc(r->n_depts + 1, sizeof *dept);
    int *kind = xcalloc(r->n_kinds + 1, sizeof *kind);
    memset(out, 0, sizeof *out);
    fields_build(r, m, f);
    if (matcher_init(r, &mt) < 0)
        goto out;
    score(r, f, &mt, out, dept, kind);
    di = decide(dept, r->n_depts, r->threshold, &out->dept_score);
    if (di < 0 && r->model && r->model_on)
        di = second_opinion(r, f, out);
    ki = decide(kind, r->n_kinds, r->kind_threshold, &out->kind_score);
    out->department = xstrdup(di >= 0 ? r->depts[di].id : RULES_TRIAGE_DEPARTMENT);
    out->kind = xstrdup(ki >= 0 ? r->kinds[ki].id
                                : (default_kind && *default_kind ? default_kind
                                                                 : RULES_FALLBACK_KIND));
    out->needs_triage = di < 0 || ki < 0;
    rc = 0;
out:
    matcher_free(&mt);
    for (int k = 0; k < 4; k++) {
        free(f[k].text);
        free(f[k].tri);
        free(f[k].cand);
        free(f[k].shadow_cand);
        free(f[k].shadow);
        free(f[k].merged);
        free(f[k].shadow_tri);
    }
    free(dept);
    free(kind);
    return rc;
}
