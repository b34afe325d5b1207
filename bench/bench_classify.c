/* bench_classify.c — classification speed with the default rules, against a
 * naive baseline in the same run.
 *
 * Messages: the labelled set (the .eml files of tests/data/labelled, parsed with
 * mime_parse) is stitched into N realistic 1-5 KB messages (several citizen
 * texts per message, deterministic). Three ways are timed on the same
 * messages:
 *   full     rules_classify: norm_text once per field, literal prefilter,
 *            JIT-compiled patterns
 *   nofilter rules_classify with the prefilter off (settings prefilter: off)
 *   nojit    same normalised text, patterns run by the interpreter
 *   naive    no normalisation, patterns compiled from the rule text as
 *            written, interpreter (what a straightforward design does)
 *   model    full with a routing model (model.h) trained here on the same
 *            messages (labelled with full's decisions), consulted as the
 *            service does: only for what the rules leave to triage
 *   model-all  the same with the department threshold out of reach, so
 *            that every message is put to the model (its worst case)
 * The naive way also finds fewer matches (accents, alef forms...): its
 * decision agreement with the full way is printed too.
 *
 * usage: bench_classify [-n MESSAGES] [-r RULES_DIR] [-d LABELLED_DIR] [-t SECONDS]
 *                       [-p TOP] [-f 1]
 * -p: list the TOP slowest patterns instead; -f 1: time only the full way.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bureau/mime.h"
#include "bureau/model.h"
#include "bureau/norm.h"
#include "bureau/rules.h"
#include "bureau/util.h"
#include "rules_int.h"

#ifndef BUREAU_SOURCE_DIR
#define BUREAU_SOURCE_DIR "."
#endif

struct corpus {
    struct msg *m;
    size_t n;
    size_t bytes;   /* subject + body bytes */
};

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parse every .eml of dir into texts[] (subject + "\n" + body). */
static char **load_texts(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL, **texts = NULL;
    size_t nn = 0;
    *n = 0;
    if (!d)
        return NULL;
    while ((de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".eml")) {
            names = xrealloc(names, (nn + 1) * sizeof *names);
            names[nn++] = xasprintf("%s/%s", dir, de->d_name);
        }
    }
    closedir(d);
    if (nn)
        qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        char *raw = NULL, *cause = NULL;
        size_t len;
        struct msg m;
        struct mime_limits lim;
        mime_limits_default(&lim);
        msg_init(&m);
        if (file_read_all(names[i], 1 << 20, &raw, &len, &cause) == 0 &&
            mime_parse(raw, len, &lim, &m, &cause) == MIME_OK && m.body) {
            texts = xrealloc(texts, (*n + 1) * sizeof *texts);
            texts[(*n)++] = xasprintf("%s\n%s", m.subject ? m.subject : "", m.body);
        }
        msg_free(&m);
        free(raw);
        free(cause);
        free(names[i]);
    }
    free(names);
    return texts;
}

/* n messages of 1-5 KB made of citizen texts picked at random. */
static void build_corpus(char **texts, size_t nt, size_t n, struct corpus *c)
{
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    c->m = xcalloc(n, sizeof *c->m);
    c->n = n;
    c->bytes = 0;
    for (size_t i = 0; i < n; i++) {
        struct buf b;
        size_t target = 1024 + rng_next(&seed) % 4096;
        size_t first = rng_next(&seed) % nt;
        buf_init(&b, 64 * 1024);
        buf_puts(&b, strchr(texts[first], '\n') + 1);
        while (b.len < target) {
            buf_puts(&b, "\n\n");
            buf_puts(&b, strchr(texts[rng_next(&seed) % nt], '\n') + 1);
        }
        msg_init(&c->m[i]);
        c->m[i].subject = xstrndup(texts[first], (size_t)(strchr(texts[first], '\n') - texts[first]));
        c->m[i].from_addr = xstrdup("citoyen@example.ma");
        c->m[i].body = buf_steal(&b);
        c->bytes += strlen(c->m[i].subject) + strlen(c->m[i].body);
    }
}

/* --- the baselines: same rules, simpler machinery ------------------------ */

struct naive {
    pcre2_code ***codes;  /* [rule][pattern] */
    const struct rules *r;
};

static void naive_build(const struct rules *r, int normalise_patterns, struct naive *nv)
{
    nv->r = r;
    nv->codes = xcalloc(r->n_rules, sizeof *nv->codes);
    for (size_t i = 0; i < r->n_rules; i++) {
        const struct rule *ru = &r->rules[i];
        nv->codes[i] = xcalloc(ru->n_pats + 1, sizeof **nv->codes);
        for (size_t k = 0; k < ru->n_pats; k++) {
            int err;
            PCRE2_SIZE off;
            size_t len;
            char *p = normalise_patterns ? norm_pattern(ru->pats[k].src, strlen(ru->pats[k].src), &len)
                                         : xstrdup(ru->pats[k].src);
            len = strlen(p);
            nv->codes[i][k] = pcre2_compile((PCRE2_SPTR)p, len,
                                            PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS |
                                                PCRE2_MATCH_INVALID_UTF,
                                            &err, &off, NULL);
            free(p);
        }
    }
}

static void naive_free(struct naive *nv)
{
    for (size_t i = 0; i < nv->r->n_rules; i++) {
        for (size_t k = 0; k < nv->r->rules[i].n_pats; k++)
            pcre2_code_free(nv->codes[i][k]);
        free(nv->codes[i]);
    }
    free(nv->codes);
}

/* Decided department index (or -1) for m; normalise selects whether the
 * text is normalised first. Counts once per field like rules_classify. */
static int naive_classify(const struct naive *nv, const struct msg *m, int normalise,
                          pcre2_match_data *md, pcre2_match_context *mc, int *scores)
{
    const struct rules *r = nv->r;
    const char *txt[2] = {m->subject ? m->subject : "", m->body ? m->body : ""};
    char *own[2] = {NULL, NULL};
    size_t len[2];
    unsigned ids[2] = {RF_SUBJECT, RF_BODY};
    for (int f = 0; f < 2; f++) {
        len[f] = strlen(txt[f]);
        if (normalise)
            txt[f] = own[f] = norm_text(txt[f], len[f], &len[f]);
        if (len[f] > r->max_text)
            len[f] = r->max_text;
    }
    memset(scores, 0, r->n_depts * sizeof *scores);
    for (size_t i = 0; i < r->n_rules; i++) {
        const struct rule *ru = &r->rules[i];
        for (int f = 0; f < 2; f++) {
            if (!(ru->fields & ids[f]))
                continue;
            for (size_t k = 0; k < ru->n_pats; k++) {
                if (!nv->codes[i][k])
                    continue;
                if (pcre2_match(nv->codes[i][k], (PCRE2_SPTR)txt[f], len[f], 0, 0, md, mc) >= 0) {
                    if (ru->dept_idx >= 0)
                        scores[ru->dept_idx] += ru->weight;
                    break;
                }
            }
        }
    }
    free(own[0]);
    free(own[1]);
    int best = -1, bs = 0, tie = 0;
    for (size_t i = 0; i < r->n_depts; i++) {
        if (best < 0 || scores[i] > bs)
            best = (int)i, bs = scores[i], tie = 0;
        else if (scores[i] == bs)
            tie = 1;
    }
    return best < 0 || tie || bs < r->threshold ? -1 : best;
}

/* The slowest patterns (JIT, normalised text, after the literal prefilter):
 * where rule authors should look. */
static void profile_patterns(const struct rules *r, const struct corpus *c, size_t top)
{
    struct prof {
        double secs;
        const struct rule *ru;
        size_t k;
    } *p = NULL;
    size_t np = 0;
    char **sub = xcalloc(c->n, sizeof *sub), **body = xcalloc(c->n, sizeof *body);
    uint64_t *tri = xmalloc(2 * c->n * RULES_TRI_WORDS * sizeof *tri);
    size_t *sl = xcalloc(c->n, sizeof *sl), *bl = xcalloc(c->n, sizeof *bl);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    for (size_t i = 0; i < c->n; i++) {
        sub[i] = norm_text(c->m[i].subject, strlen(c->m[i].subject), &sl[i]);
        body[i] = norm_text(c->m[i].body, strlen(c->m[i].body), &bl[i]);
        rules_tri_build(sub[i], sl[i], tri + 2 * i * RULES_TRI_WORDS);
        rules_tri_build(body[i], bl[i], tri + (2 * i + 1) * RULES_TRI_WORDS);
    }
    for (size_t i = 0; i < r->n_rules; i++)
        for (size_t k = 0; k < r->rules[i].n_pats; k++) {
            double t0 = now_s();
            const struct rpattern *rp = &r->rules[i].pats[k];
            for (size_t m = 0; m < c->n; m++) {
                if (rules_lits_maybe(&rp->lits, tri + 2 * m * RULES_TRI_WORDS))
                    pcre2_match(rp->code, (PCRE2_SPTR)sub[m], sl[m], 0, 0, md, NULL);
                if (rules_lits_maybe(&rp->lits, tri + (2 * m + 1) * RULES_TRI_WORDS))
                    pcre2_match(rp->code, (PCRE2_SPTR)body[m], bl[m], 0, 0, md, NULL);
            }
            p = xrealloc(p, (np + 1) * sizeof *p);
            p[np++] = (struct prof){now_s() - t0, &r->rules[i], k};
        }
    for (size_t t = 0; t < top && t < np; t++) {
        size_t b = t;
        for (size_t j = t + 1; j < np; j++)
            if (p[j].secs > p[b].secs)
                b = j;
        struct prof x = p[t];
        p[t] = p[b];
        p[b] = x;
        printf("%8.1f us/msg  %s: %.60s\n", p[t].secs * 1e6 / c->n, p[t].ru->name,
               p[t].ru->pats[p[t].k].src);
    }
    for (size_t i = 0; i < c->n; i++)
        free(sub[i]), free(body[i]);
    free(sub), free(body), free(sl), free(bl), free(p), free(tri);
    pcre2_match_data_free(md);
}

static int atoi_safe(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

/* --- timing --------------------------------------------------------------- */

struct result {
    const char *name;
    double secs;
    size_t msgs;
    size_t bytes;
};

static void report(const struct result *x, const struct result *full)
{
    double mps = x->msgs / x->secs, mbs = x->bytes / x->secs / (1024.0 * 1024.0);
    printf("%-8s %9.0f messages/s %8.2f MB/s", x->name, mps, mbs);
    if (full && full != x)
        printf("   full is %.1fx faster", (full->msgs / full->secs) / mps);
    printf("\n");
}

/* The model ways: a model trained on the messages, labelled with the
 * rules' departments; timed as the service uses it, then for every
 * message. */
static void time_model(struct rules *r, const struct corpus *c, const int *dec,
                       double min_secs, const struct result *full)
{
    struct model_sample *v = xcalloc(c->n, sizeof *v);
    for (size_t i = 0; i < c->n; i++)
        model_sample_set(&v[i], dec[i] >= 0 ? r->depts[dec[i]].id : RULES_TRIAGE_DEPARTMENT,
                         c->m[i].subject, c->m[i].body);
    struct buf b;
    char *cause = NULL;
    int line;
    buf_init(&b, 2 * MODEL_MAX_BYTES);
    if (model_train(v, c->n, 2, NULL, &b, &cause) < 0 ||
        model_parse(b.data, b.len, &r->model, &line, &cause) < 0) {
        fprintf(stderr, "bench_classify: no model: %s\n", cause ? cause : "?");
        goto out;
    }
    r->model_on = 1;
    r->model_confidence = 0.5;
    /* full again, right before, as the model ways' baseline (the machine's
     * load changes over a run) */
    struct result res[3] = {{"full", 0, 0, 0}, {"model", 0, 0, 0}, {"model-all", 0, 0, 0}};
    int threshold = r->threshold;
    (void)full;
    for (int way = 0; way < 3; way++) {
        size_t asked = 0;
        r->model_on = way > 0;
        if (way == 2)
            r->threshold = 1000000;
        double t0 = now_s();
        do {
            for (size_t i = 0; i < c->n; i++) {
                struct classification cl;
                if (rules_classify(r, &c->m[i], NULL, &cl) == 0) {
                    asked += cl.model_department != NULL;
                    classification_free(&cl);
                }
            }
            res[way].msgs += c->n, res[way].bytes += c->bytes;
            res[way].secs = now_s() - t0;
        } while (res[way].secs < min_secs);
        if (way == 0)
            continue;
        report(&res[way], &res[0]);
        printf("         (the model was asked for %.1f%% of the messages; full again: %.0f/s)\n",
               100.0 * (double)asked / (double)res[way].msgs, res[0].msgs / res[0].secs);
    }
    r->threshold = threshold;
out:
    model_free(r->model);
    r->model = NULL;
    model_samples_free(v, c->n);
    buf_free(&b);
    free(cause);
}

static int dept_index(const struct rules *r, const char *id)
{
    for (size_t i = 0; i < r->n_depts; i++)
        if (!strcmp(r->depts[i].id, id))
            return (int)i;
    return -1;
}

int main(int argc, char **argv)
{
    size_t n = 2000, top = 0;
    int only_full = 0;
    double min_secs = 2.0;
    const char *rules_dir = BUREAU_SOURCE_DIR "/rules";
    const char *data_dir = BUREAU_SOURCE_DIR "/tests/data/labelled";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "-n"))
            n = strtoul(argv[i + 1], NULL, 10);
        else if (!strcmp(argv[i], "-r"))
            rules_dir = argv[i + 1];
        else if (!strcmp(argv[i], "-d"))
            data_dir = argv[i + 1];
        else if (!strcmp(argv[i], "-t"))
            min_secs = strtod(argv[i + 1], NULL);
        else if (!strcmp(argv[i], "-f"))
            only_full = atoi_safe(argv[i + 1]);
        else if (!strcmp(argv[i], "-p"))
            top = strtoul(argv[i + 1], NULL, 10);
    }
    if (n == 0 || n > 1000000)
        n = 2000;
    struct rules *r = NULL;
    struct rules_diags dg = {0};
    if (rules_load(rules_dir, &r, &dg) < 0) {
        for (size_t i = 0; i < dg.n; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", dg.v[i].file, dg.v[i].line, dg.v[i].col,
                    dg.v[i].message);
        return 1;
    }
    size_t nt;
    char **texts = load_texts(data_dir, &nt);
    if (!texts || nt == 0) {
        fprintf(stderr, "bench_classify: no messages in %s\n", data_dir);
        return 1;
    }
    struct corpus c;
    build_corpus(texts, nt, n, &c);
    size_t npat = 0;
    for (size_t i = 0; i < r->n_rules; i++)
        npat += r->rules[i].n_pats;
    printf("%zu messages, %.1f KB average, %zu rules, %zu patterns\n", c.n,
           c.bytes / (double)c.n / 1024.0, r->n_rules, npat);

    if (top) {
        profile_patterns(r, &c, top);
        goto out;
    }
    int *full_dec = xcalloc(c.n, sizeof *full_dec);
    struct result res[4] = {{"full", 0, 0, 0}, {"nojit", 0, 0, 0}, {"naive", 0, 0, 0},
                            {"nofilter", 0, 0, 0}};
    double t0 = now_s();
    do {
        for (size_t i = 0; i < c.n; i++) {
            struct classification cl;
            if (rules_classify(r, &c.m[i], NULL, &cl) == 0) {
                full_dec[i] = dept_index(r, cl.department);
                classification_free(&cl);
            }
        }
        res[0].msgs += c.n, res[0].bytes += c.bytes;
        res[0].secs = now_s() - t0;
    } while (res[0].secs < min_secs);

    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_set_match_limit(mc, r->match_limit);
    int *scores = xcalloc(r->n_depts + 1, sizeof *scores);
    size_t agree = 0;
    for (int way = 1; way <= 2 && !only_full; way++) {
        struct naive nv;
        naive_build(r, way == 1, &nv);
        t0 = now_s();
        do {
            for (size_t i = 0; i < c.n; i++) {
                int d = naive_classify(&nv, &c.m[i], way == 1, md, mc, scores);
                if (d < 0)
                    d = dept_index(r, RULES_TRIAGE_DEPARTMENT);
                if (way == 2 && res[2].msgs == 0)
                    agree += d == full_dec[i];
            }
            res[way].msgs += c.n, res[way].bytes += c.bytes;
            res[way].secs = now_s() - t0;
        } while (res[way].secs < min_secs);
        naive_free(&nv);
    }
    if (!only_full) {
        r->prefilter = 0;
        t0 = now_s();
        do {
            for (size_t i = 0; i < c.n; i++) {
                struct classification cl;
                if (rules_classify(r, &c.m[i], NULL, &cl) == 0)
                    classification_free(&cl);
            }
            res[3].msgs += c.n, res[3].bytes += c.bytes;
            res[3].secs = now_s() - t0;
        } while (res[3].secs < min_secs);
        r->prefilter = 1;
    }
    static const int order[] = {0, 3, 1, 2};
    for (int k = 0; k < (only_full ? 1 : 4); k++)
        report(&res[order[k]], &res[0]);
    if (!only_full)
        time_model(r, &c, full_dec, min_secs, &res[0]);
    if (!only_full)
        printf("naive agrees with full on the department of %.1f%% of the messages\n",
               100.0 * agree / c.n);

    free(scores);
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    free(full_dec);
out:
    for (size_t i = 0; i < c.n; i++)
        msg_free(&c.m[i]);
    free(c.m);
    for (size_t i = 0; i < nt; i++)
        free(texts[i]);
    free(texts);
    rules_free(r);
    return 0;
}
