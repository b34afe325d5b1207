/* rules_suggest.c — `bureau rules suggest` and `bureau rules test
 * --register`: routing that learns from the clerks' corrections, with a
 * person in the loop.
 *
 * The register is the labelled set: every entry that is no longer waiting
 * for triage has the department and kind the clerks left it with (a
 * correction by `assign`/`reclassify`, the console or a head is recorded;
 * an entry nobody corrected was routed right). The entries the current
 * rules would route elsewhere are the misses. Words and two-word phrases
 * common in one department's misses and rare elsewhere become candidate
 * rules; each is measured exactly by classifying the whole register again
 * with the current rules plus that rule alone (fixes: misses it puts right;
 * breaks: entries right today that it puts wrong), and the ones that fix
 * more than they break are written as a .rules file for a person to read.
 * Nothing here changes routing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bureau/cli.h"
#include "bureau/json.h"
#include "bureau/model.h"
#include "bureau/msg.h"
#include "bureau/norm.h"
#include "bureau/terms.h"
#include "bureau/util.h"

#define SUGGEST_MAX_ENTRIES 200000
#define SUGGEST_PER_TARGET 12        /* candidates measured per department or kind */
#define SUGGEST_MIN_PRECISION 0.8

struct sample {
    int64_t id;
    char *number;
    char *truth[2];          /* department, kind: the register's */
    int corrected[2];        /* a person changed it */
    struct msg m;
    char **terms;            /* distinct normalised terms: words and two-word phrases */
    size_t n_terms;
    char *got[2];            /* what the current rules say */
};

struct samples {
    struct sample *v;
    size_t n;
};

static void samples_free(struct samples *s)
{
    for (size_t i = 0; i < s->n; i++) {
        struct sample *x = &s->v[i];
        free(x->number);
        for (int f = 0; f < 2; f++) {
            free(x->truth[f]);
            free(x->got[f]);
        }
        terms_free(x->terms, x->n_terms);
        msg_free(&x->m);
    }
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

/* --- terms ----------------------------------------------------------------- */

/* --- the register as a labelled set ------------------------------------------ */

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* Entries placed for good (not waiting for triage, not machine mail closed
 * as not receivable, not internal) received since `since` (0: all). */
static int load_samples(struct cli *c, int64_t since, struct samples *s, char **cause)
{
    sqlite3_stmt *st = store_stmt(
        c->store,
        "SELECT e.id, e.number, e.department, e.kind, e.subject, e.body, e.sender_addr, "
        "e.sender_name, "
        "EXISTS (SELECT 1 FROM events v WHERE v.entry_id = e.id AND v.action = 'department' "
        "AND v.actor NOT IN ('rules', 'system')), "
        "EXISTS (SELECT 1 FROM events v WHERE v.entry_id = e.id AND v.action = 'kind' "
        "AND v.actor NOT IN ('rules', 'system')), "
        "(SELECT group_concat(a.filename, ' ') FROM attachments a WHERE a.entry_id = e.id) "
        "FROM entries e WHERE e.needs_triage = 0 AND e.internal = 0 AND e.received_at >= ? "
        "AND coalesce(e.closure_code, '') <> 'not-receivable' ORDER BY e.id",
        cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, since);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && s->n < SUGGEST_MAX_ENTRIES) {
        if (s->n == cap) {
            cap = cap ? cap * 2 : 256;
            s->v = xrealloc(s->v, cap * sizeof *s->v);
        }
        struct sample *x = &s->v[s->n++];
        memset(x, 0, sizeof *x);
        x->id = sqlite3_column_int64(st, 0);
        x->number = xstrdup(col(st, 1));
        x->truth[0] = xstrdup(col(st, 2));
        x->truth[1] = xstrdup(col(st, 3));
        msg_init(&x->m);
        x->m.subject = xstrdup(col(st, 4));
        x->m.body = xstrdup(col(st, 5) ? col(st, 5) : "");
        x->m.from_addr = xstrdup(col(st, 6));
        x->m.from_name = xstrdup(col(st, 7));
        x->corrected[0] = sqlite3_column_int(st, 8);
        x->corrected[1] = sqlite3_column_int(st, 9);
        if (col(st, 10)) {
            x->m.att = xcalloc(1, sizeof *x->m.att);
            x->m.att[0].filename = xstrdup(col(st, 10));
            x->m.n_att = 1;
        }
        char *both = xasprintf("%s\n%s", x->m.subject ? x->m.subject : "", x->m.body);
        char *norm = norm_text(both, strlen(both), NULL);
        x->n_terms = terms_of(norm, &x->terms);
        free(norm);
        free(both);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        set_cause(cause, "%s", sqlite3_errmsg(store_db(c->store)));
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* got[f] of every sample under r; right[f] counts how many are as the
 * register has them. */
static int classify_all(const struct rules *r, struct samples *s, char **got[2], size_t right[2])
{
    right[0] = right[1] = 0;
    for (size_t i = 0; i < s->n; i++) {
        struct classification cl;
        if (rules_classify(r, &s->v[i].m, NULL, &cl) < 0)
            return -1;
        for (int f = 0; f < 2; f++) {
            const char *v = f ? cl.kind : cl.department;
            free(got[f][i]);
            got[f][i] = xstrdup(v);
            right[f] += strcmp(v, s->v[i].truth[f]) == 0;
        }
        classification_free(&cl);
    }
    return 0;
}

/* --- candidates ------------------------------------------------------------------- */

struct cand {
    int field;               /* 0 department, 1 kind */
    char *target;
    char *term;
    size_t misses;           /* misses of target holding the term */
    size_t in_target;        /* entries of target holding it */
    size_t total;            /* entries holding it */
    int weight;
    size_t fixes, breaks;
    size_t *fixed;           /* samples it fixes (malloc'd), n_fixed_ids of them */
    size_t n_fixed_ids;
    int keep;
};

struct cands {
    struct cand *v;
    size_t n, cap;
};

struct pair {
    const char *term;
    size_t sample;
};

static int cmp_pair(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    return c ? c : (x->sample > y->sample) - (x->sample < y->sample);
}

/* Targets counted among a term's samples: a small list (departments and
 * kinds are a few dozen). */
struct tcount {
    const char *target;
    size_t in, miss;
};

static void tcount_add(struct tcount *tc, size_t *n, size_t cap, const char *t, int miss)
{
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(tc[i].target, t)) {
            tc[i].in++;
            tc[i].miss += (size_t)miss;
            return;
        }
    if (*n < cap)
        tc[(*n)++] = (struct tcount){t, 1, (size_t)miss};
}

static void cands_add(struct cands *cs, int field, const char *target, const char *term,
                      const struct tcount *t, size_t total)
{
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? cs->cap * 2 : 64;
        cs->v = xrealloc(cs->v, cs->cap * sizeof *cs->v);
    }
    struct cand *c = &cs->v[cs->n++];
    memset(c, 0, sizeof *c);
    c->field = field;
    c->target = xstrdup(target);
    c->term = xstrdup(term);
    c->misses = t->miss;
    c->in_target = t->in;
    c->total = total;
}

static void find_candidates(const struct samples *s, char **got[2], size_t min_support,
                            struct cands *cs)
{
    size_t np = 0;
    for (size_t i = 0; i < s->n; i++)
        np += s->v[i].n_terms;
    struct pair *p = xcalloc(np ? np : 1, sizeof *p);
    np = 0;
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < s->v[i].n_terms; k++)
            p[np++] = (struct pair){s->v[i].terms[k], i};
    qsort(p, np, sizeof *p, cmp_pair);
    struct tcount tc[2][128];
    for (size_t a = 0; a < np;) {
        size_t b = a;
        while (b < np && !strcmp(p[b].term, p[a].term))
            b++;
        size_t total = b - a, nt[2] = {0, 0};
        if (total >= min_support)
            for (size_t k = a; k < b; k++)
                for (int f = 0; f < 2; f++) {
                    const struct sample *x = &s->v[p[k].sample];
                    tcount_add(tc[f], &nt[f], 128, x->truth[f],
                               strcmp(got[f][p[k].sample], x->truth[f]) != 0);
                }
        for (int f = 0; f < 2; f++)
            for (size_t i = 0; i < nt[f]; i++)
                if (tc[f][i].miss >= min_support &&
                    (double)tc[f][i].in >= SUGGEST_MIN_PRECISION * (double)total)
                    cands_add(cs, f, tc[f][i].target, p[a].term, &tc[f][i], total);
        a = b;
    }
    free(p);
}

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->field != y->field)
        return x->field - y->field;
    int c = strcmp(x->target, y->target);
    if (c)
        return c;
    if (x->misses != y->misses)
        return x->misses > y->misses ? -1 : 1;
    double px = (double)x->in_target / (double)x->total, py = (double)y->in_target / (double)y->total;
    if (px != py)
        return px > py ? -1 : 1;
    return strcmp(x->term, y->term);
}

/* qsort has no context argument: the candidates being ordered. */
static const struct cands *cands_by_net;

static int cmp_net(const void *a, const void *b)
{
    const struct cand *x = &cands_by_net->v[*(const size_t *)a],
                      *y = &cands_by_net->v[*(const size_t *)b];
    long nx = (long)x->fixes - 2 * (long)x->breaks, ny = (long)y->fixes - 2 * (long)y->breaks;
    if (nx != ny)
        return nx > ny ? -1 : 1;
    if (x->breaks != y->breaks)
        return x->breaks < y->breaks ? -1 : 1;
    /* a phrase is more telling than one of its words */
    int px = strchr(x->term, ' ') != NULL, py = strchr(y->term, ' ') != NULL;
    if (px != py)
        return py - px;
    size_t ax = (size_t)(x - cands_by_net->v), ay = (size_t)(y - cands_by_net->v);
    return (ax > ay) - (ax < ay);
}

/* --- rules text ---------------------------------------------------------------- */

static void pattern_word(struct buf *b, const char *w, size_t n, int first)
{
    if (terms_arabic(w))
        buf_printf(b, "%s(?:[وفبلك])?(?:ال)?%.*s", first ? "(?:^|[^\\p{L}])" : "", (int)n, w);
    else
        buf_printf(b, "%s%.*s\\b", first ? "\\b" : "", (int)n, w);
}

static void rule_text(struct buf *b, const struct cand *c, int with_evidence,
                      const struct samples *s)
{
    buf_printf(b, "\nrule \"suggested %s: %s\"\n  %s: %s\n  weight: %d\n",
               c->target, c->term, c->field ? "kind" : "department", c->target, c->weight);
    if (with_evidence) {
        buf_printf(b, "  # fixes %zu, breaks %zu; in %zu of the register's %s entries, %zu "
                      "elsewhere",
                   c->fixes, c->breaks, c->in_target, c->target, c->total - c->in_target);
        for (size_t i = 0; i < c->n_fixed_ids && i < 10; i++)
            buf_printf(b, "%s%s", i ? ", " : "; fixes ", s->v[c->fixed[i]].number);
        buf_puts(b, c->n_fixed_ids > 10 ? ", ...\n" : "\n");
    }
    buf_puts(b, "  pattern: ");
    const char *sp = strchr(c->term, ' ');
    if (!sp)
        pattern_word(b, c->term, strlen(c->term), 1);
    else {
        pattern_word(b, c->term, (size_t)(sp - c->term), 1);
        buf_puts(b, "\\s+");
        pattern_word(b, sp + 1, strlen(sp + 1), 0);
    }
    buf_puts(b, "\n");
}

/* The current rules plus text, loaded; NULL (with the diagnostics printed)
 * when they do not. */
static struct rules *with_extra(const struct rules_srcs *srcs, const char *text)
{
    struct rules_srcs s2 = {.v = xcalloc(srcs->n + 1, sizeof *s2.v), .n = srcs->n + 1};
    memcpy(s2.v, srcs->v, srcs->n * sizeof *s2.v);
    char name[] = "99-suggested.rules";
    char *data = xstrdup(text);
    s2.v[srcs->n] = (struct rules_src){.name = name, .data = data, .len = strlen(text)};
    struct rules *r = NULL;
    struct rules_diags d = {0};
    if (rules_load_srcs(&s2, &r, &d) < 0)
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "bureau rules suggest: %s:%d:%d: %s\n", d.v[i].file, d.v[i].line,
                    d.v[i].col, d.v[i].message);
    rules_diags_free(&d);
    free(data);
    free(s2.v);
    return r;
}

struct measure {
    const struct rules_srcs *srcs;
    struct samples *s;
    char **base[2];          /* the current rules' answers */
    char **got[2];           /* scratch */
};

/* Fixes and breaks of c at its weight on field c->field (and none may
 * break on the other field: a department rule that changes kinds counts
 * those as breaks too). -1 when the rule does not load. */
static int measure_one(struct measure *ms, struct cand *c)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    rule_text(&b, c, 0, ms->s);
    struct rules *r = with_extra(ms->srcs, b.data);
    buf_free(&b);
    if (!r)
        return -1;
    size_t right[2];
    int rc = classify_all(r, ms->s, ms->got, right);
    rules_free(r);
    if (rc < 0)
        return -1;
    c->fixes = c->breaks = c->n_fixed_ids = 0;
    free(c->fixed);
    c->fixed = xcalloc(ms->s->n ? ms->s->n : 1, sizeof *c->fixed);
    for (size_t i = 0; i < ms->s->n; i++)
        for (int f = 0; f < 2; f++) {
            const char *t = ms->s->v[i].truth[f];
            int was = !strcmp(ms->base[f][i], t), now = !strcmp(ms->got[f][i], t);
            if (!was && now && f == c->field) {
                c->fixed[c->n_fixed_ids++] = i;
                c->fixes++;
            }
            c->breaks += was && !now;
        }
    return 0;
}

/* The weight that does most good: tried 3, then 2 and 5 while it breaks
 * something. */
static int measure_best(struct measure *ms, struct cand *c)
{
    static const int weights[] = {3, 2, 5};
    int best_w = 3;
    long best_net = -1000000;
    for (size_t i = 0; i < BU_ARRAY_LEN(weights); i++) {
        c->weight = weights[i];
        if (measure_one(ms, c) < 0)
            return -1;
        long net = (long)c->fixes - 2 * (long)c->breaks;
        if (net > best_net) {
            best_net = net;
            best_w = weights[i];
        }
        if (c->breaks == 0)
            break;
    }
    if (c->weight != best_w) {
        c->weight = best_w;
        return measure_one(ms, c);
    }
    return 0;
}

/* Fixes of c that no rule kept before it fixes (covered: per sample). */
static size_t new_fixes(const struct cand *c, const unsigned char *covered)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n_fixed_ids; i++)
        n += !covered[c->fixed[i]];
    return n;
}

/* --- the command ------------------------------------------------------------------- */

struct sopts {
    const char *rules_path, *since, *output;
    size_t min_support;
    int json;
};

static int parse_since(struct cli *c, const char *since, int64_t *t)
{
    *t = 0;
    if (!since)
        return 0;
    if (parse_date_ymd(since, t) < 0) {
        cli_err(c, "--since %s: not a date YYYY-MM-DD", since);
        return -1;
    }
    return 0;
}

static char **strs(size_t n)
{
    return xcalloc(n ? n : 1, sizeof(char *));
}

static void strs_free(char **v, size_t n)
{
    for (size_t i = 0; i < n && v; i++)
        free(v[i]);
    free(v);
}

static void header(struct buf *b, const struct samples *s, size_t right[2], size_t after[2],
                   size_t kept, const char *since)
{
    size_t corr[2] = {0, 0};
    for (size_t i = 0; i < s->n; i++)
        for (int f = 0; f < 2; f++)
            corr[f] += (size_t)s->v[i].corrected[f];
    char day[11];
    fmt_date(now_epoch(), day);
    buf_printf(b,
               "# Proposed by `bureau rules suggest` on %s from the register: %zu entries%s%s\n"
               "# placed for good (%zu re-routed and %zu reclassified by hand).\n"
               "# Nothing here routes anything until a person has read it, edited it and put\n"
               "# it in the rules directory (then `bureau rules check`).\n"
               "# Each rule's evidence is measured on the register itself, classifying every\n"
               "# entry again with the current rules plus that rule alone: \"fixes\" are entries\n"
               "# the current rules send elsewhere than the register has them and that the rule\n"
               "# puts right, \"breaks\" entries right today that it would put wrong.\n"
               "# The %zu rules together: departments right %zu -> %zu of %zu, kinds %zu -> %zu.\n"
               "# `bureau rules test --register --rules DIR` measures a directory the same way.\n",
               day, s->n, since ? " received since " : "", since ? since : "", corr[0], corr[1],
               kept, right[0], after[0], s->n, right[1], after[1]);
}

static void report_json(const struct cands *cs, const struct samples *s, size_t right[2],
                        size_t after[2], const char *output)
{
    struct buf b;
    struct json j;
    buf_init(&b, 16 * 1024 * 1024);
    json_init(&j, &b);
    json_obj_begin(&j);
    json_kv_int(&j, "entries", (int64_t)s->n);
    json_kv_int(&j, "departments_right_before", (int64_t)right[0]);
    json_kv_int(&j, "departments_right_after", (int64_t)after[0]);
    json_kv_int(&j, "kinds_right_before", (int64_t)right[1]);
    json_kv_int(&j, "kinds_right_after", (int64_t)after[1]);
    json_kv_str(&j, "output", output);
    json_key(&j, "rules");
    json_arr_begin(&j);
    for (size_t i = 0; i < cs->n; i++) {
        const struct cand *c = &cs->v[i];
        if (!c->keep)
            continue;
        json_obj_begin(&j);
        json_kv_str(&j, c->field ? "kind" : "department", c->target);
        json_kv_str(&j, "term", c->term);
        json_kv_int(&j, "weight", c->weight);
        json_kv_int(&j, "fixes", (int64_t)c->fixes);
        json_kv_int(&j, "breaks", (int64_t)c->breaks);
        json_kv_int(&j, "in_target", (int64_t)c->in_target);
        json_kv_int(&j, "elsewhere", (int64_t)(c->total - c->in_target));
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    printf("%s\n", b.data);
    buf_free(&b);
}

int cli_rules_suggest(struct cli *c, const char *rules_path, const char *since,
                      const char *output, const char *min_support, int json)
{
    struct sopts o = {.rules_path = rules_path, .since = since, .output = output,
                      .min_support = 2, .json = json};
    uint64_t ms_v;
    if (min_support && (parse_u64(min_support, &ms_v) < 0 || ms_v < 1 || ms_v > 1000)) {
        cli_err(c, "--min-support: a whole number from 1 to 1000");
        return EXIT_USAGE_;
    }
    if (min_support)
        o.min_support = (size_t)ms_v;
    int64_t since_t;
    if (parse_since(c, since, &since_t) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    const char *path = o.rules_path ? o.rules_path : c->cfg->rules_path;
    struct rules_srcs srcs = {0};
    struct rules_diags d = {0};
    struct rules *base = NULL;
    if (!path || rules_read(path, &srcs, &d) < 0 || rules_load_srcs(&srcs, &base, &d) < 0) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col,
                    d.v[i].message);
        cli_err(c, "the rules %s do not load", path ? path : "(none configured)");
        rules_diags_free(&d);
        rules_srcs_free(&srcs);
        return EXIT_CONFIG_;
    }
    rules_diags_free(&d);
    struct samples s = {0};
    struct cands cs = {0};
    char *cause = NULL;
    int rc = EXIT_FAIL;
    struct measure ms = {.srcs = &srcs, .s = &s};
    size_t right[2], after[2] = {0, 0}, kept = 0;
    struct buf out;
    buf_init(&out, 16 * 1024 * 1024);
    if (load_samples(c, since_t, &s, &cause) < 0) {
        cli_err(c, "reading the register: %s", cause ? cause : "?");
        goto done;
    }
    for (int f = 0; f < 2; f++) {
        ms.base[f] = strs(s.n);
        ms.got[f] = strs(s.n);
    }
    if (classify_all(base, &s, ms.base, right) < 0)
        goto done;
    find_candidates(&s, ms.base, o.min_support, &cs);
    if (cs.n)
        qsort(cs.v, cs.n, sizeof *cs.v, cmp_cand);
    size_t per = 0;
    for (size_t i = 0; i < cs.n; i++) {
        struct cand *x = &cs.v[i];
        per = i && (x->field != cs.v[i - 1].field || strcmp(x->target, cs.v[i - 1].target))
                  ? 0
                  : per;
        if (per++ >= SUGGEST_PER_TARGET)
            continue;
        if (measure_best(&ms, x) < 0)
            goto done;
    }
    /* the best first (most fixes, then fewest breaks); a rule whose fixes
     * the ones before it already make is left out */
    unsigned char *covered[2] = {xcalloc(s.n + 1, 1), xcalloc(s.n + 1, 1)};
    size_t *order = xcalloc(cs.n + 1, sizeof *order);
    for (size_t i = 0; i < cs.n; i++)
        order[i] = i;
    cands_by_net = &cs;
    qsort(order, cs.n, sizeof *order, cmp_net);
    for (size_t k = 0; k < cs.n; k++) {
        struct cand *x = &cs.v[order[k]];
        if (!x->fixed || x->fixes <= 2 * x->breaks ||
            new_fixes(x, covered[x->field]) < o.min_support)
            continue;
        x->keep = 1;
        for (size_t i = 0; i < x->n_fixed_ids; i++)
            covered[x->field][x->fixed[i]] = 1;
    }
    free(order);
    free(covered[0]);
    free(covered[1]);
    struct buf rules_only;
    buf_init(&rules_only, 16 * 1024 * 1024);
    for (size_t i = 0; i < cs.n; i++)
        if (cs.v[i].keep) {
            rule_text(&rules_only, &cs.v[i], 1, &s);
            kept++;
        }
    after[0] = right[0];
    after[1] = right[1];
    if (kept) {
        struct rules *all = with_extra(&srcs, rules_only.data);
        if (!all || classify_all(all, &s, ms.got, after) < 0) {
            rules_free(all);
            buf_free(&rules_only);
            goto done;
        }
        rules_free(all);
    }
    header(&out, &s, right, after, kept, since);
    if (!kept)
        buf_puts(&out, "\n# No rule to propose: no word or phrase is common to at least "
                       "--min-support misses of one department or kind and rare elsewhere.\n");
    buf_append(&out, rules_only.data, rules_only.len);
    buf_free(&rules_only);
    if (o.output) {
        if (file_write_atomic(o.output, out.data, out.len, 0644, &cause) < 0) {
            cli_err(c, "%s: %s", o.output, cause ? cause : "cannot write");
            goto done;
        }
    } else if (!o.json)
        fwrite(out.data, 1, out.len, stdout);
    if (o.json)
        report_json(&cs, &s, right, after, o.output);
    else if (o.output)
        printf("%zu rule(s) proposed in %s: departments right %zu -> %zu of %zu, kinds %zu -> "
               "%zu\n",
               kept, o.output, right[0], after[0], s.n, right[1], after[1]);
    rc = EXIT_OK;
done:
    buf_free(&out);
    for (size_t i = 0; i < cs.n; i++) {
        free(cs.v[i].target);
        free(cs.v[i].term);
        free(cs.v[i].fixed);
    }
    free(cs.v);
    for (int f = 0; f < 2; f++) {
        strs_free(ms.base[f], s.n);
        strs_free(ms.got[f], s.n);
    }
    samples_free(&s);
    rules_free(base);
    rules_srcs_free(&srcs);
    free(cause);
    return rc;
}

int cli_register_training(struct cli *c, const char *since, struct model_sample **v,
                          size_t *n)
{
    int64_t since_t;
    struct samples s = {0};
    char *cause = NULL;
    *v = NULL;
    *n = 0;
    if (parse_since(c, since, &since_t) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (load_samples(c, since_t, &s, &cause) < 0) {
        cli_err(c, "reading the register: %s", cause ? cause : "?");
        free(cause);
        return EXIT_FAIL;
    }
    *v = xcalloc(s.n ? s.n : 1, sizeof **v);
    for (size_t i = 0; i < s.n; i++)
        model_sample_set(&(*v)[i], s.v[i].truth[0], s.v[i].m.subject, s.v[i].m.body);
    *n = s.n;
    samples_free(&s);
    return EXIT_OK;
}

int cli_rules_test_register(struct cli *c, const struct rules *r, const char *since, int json)
{
    int64_t since_t;
    if (parse_since(c, since, &since_t) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct samples s = {0};
    char *cause = NULL;
    int rc = EXIT_FAIL;
    char **got[2] = {NULL, NULL};
    size_t right[2], corr[2] = {0, 0}, corr_right[2] = {0, 0};
    if (load_samples(c, since_t, &s, &cause) < 0) {
        cli_err(c, "reading the register: %s", cause ? cause : "?");
        goto done;
    }
    got[0] = strs(s.n);
    got[1] = strs(s.n);
    if (classify_all(r, &s, got, right) < 0)
        goto done;
    for (size_t i = 0; i < s.n; i++)
        for (int f = 0; f < 2; f++)
            if (s.v[i].corrected[f]) {
                corr[f]++;
                corr_right[f] += !strcmp(got[f][i], s.v[i].truth[f]);
            }
    if (json) {
        struct buf b;
        struct json j;
        buf_init(&b, 64 * 1024);
        json_init(&j, &b);
        json_obj_begin(&j);
        json_kv_int(&j, "entries", (int64_t)s.n);
        json_kv_int(&j, "departments_right", (int64_t)right[0]);
        json_kv_int(&j, "kinds_right", (int64_t)right[1]);
        json_kv_int(&j, "rerouted_by_hand", (int64_t)corr[0]);
        json_kv_int(&j, "rerouted_by_hand_right", (int64_t)corr_right[0]);
        json_kv_int(&j, "reclassified_by_hand", (int64_t)corr[1]);
        json_kv_int(&j, "reclassified_by_hand_right", (int64_t)corr_right[1]);
        json_obj_end(&j);
        printf("%s\n", b.data);
        buf_free(&b);
    } else {
        double n = s.n ? (double)s.n : 1.0;
        printf("register: %zu entries placed for good\n"
               "department: %zu right (%.1f %%); of the %zu re-routed by hand, %zu right\n"
               "kind: %zu right (%.1f %%); of the %zu reclassified by hand, %zu right\n",
               s.n, right[0], 100.0 * (double)right[0] / n, corr[0], corr_right[0], right[1],
               100.0 * (double)right[1] / n, corr[1], corr_right[1]);
    }
    rc = EXIT_OK;
done:
    strs_free(got[0], s.n);
    strs_free(got[1], s.n);
    samples_free(&s);
    free(cause);
    return rc;
}
