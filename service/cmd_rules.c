/* cmd_rules.c — `bureau rules check|explain|test|apply`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bureau/cli.h"
#include "bureau/correct.h"
#include "bureau/json.h"
#include "bureau/model.h"
#include "bureau/mime.h"
#include "bureau/norm.h"
#include "bureau/rules_good.h"
#include "bureau/translit.h"
#include "bureau/util.h"

#define LABELS_MAX_SIZE (4 * 1024 * 1024)
#define LABELS_MAX_LINES 100000
#define EXPLAIN_BODY_CHARS 400

static const char usage[] =
    "usage: bureau rules check [--rules PATH]\n"
    "       bureau rules explain FILE.eml|NUMBER [--rules PATH] [--default-kind K] [--json]\n"
    "       bureau rules test DIR [--rules PATH] [--json]\n"
    "       bureau rules test --register [--since DATE] [--rules PATH] [--json]\n"
    "       bureau rules apply NUMBER...|--all [--year Y] [--dry-run]\n"
    "       bureau rules suggest [--since DATE] [--min-support N] [--output FILE] [--json]\n"
    "       bureau rules train [DIR...] [--register [--since DATE]] [--min-support N] --output F\n"
    "check: print every error of the rule files as file:line:col: message (exit 1 if any).\n"
    "explain: normalised text, each rule that fired, the scores and the decision.\n"
    "test: DIR holds .eml files and labels.tsv (file, department, kind[, split]);\n"
    "      prints accuracy, confusion tables and misrouted files.\n"
    "      --register: the register is the labelled set (entries placed for good, with\n"
    "      the department and kind the clerks left them with).\n"
    "apply: re-run the rules on entries and record every change in their history.\n"
    "suggest: rules learnt from the register's corrections, each with its evidence\n"
    "      (fixes and breaks, measured on the register), as a .rules file to review;\n"
    "      nothing changes routing until a person puts it in the rules directory.\n"
    "train: the routing model (NAME.model, beside the rules) from labelled DIRs and/or\n"
    "      the register; asked only when no department reaches the threshold.\n"
    "Without --rules the rules path of the configuration (-c) is used.\n";

struct ropts {
    const char *rules_path;
    const char *default_kind;
    const char *year;
    const char *since, *output, *min_support;
    int reg;
    int all;
    int dry_run;
    int json;
    const char *pos[256];
    int npos;
};

static int parse_opts(struct cli *c, struct ropts *o)
{
    memset(o, 0, sizeof *o);
    o->json = c->json;
    for (int i = 2; i < c->argc; i++) {
        const char *a = c->argv[i];
        const char **val = NULL;
        if (!strcmp(a, "--rules"))
            val = &o->rules_path;
        else if (!strcmp(a, "--default-kind"))
            val = &o->default_kind;
        else if (!strcmp(a, "--year"))
            val = &o->year;
        else if (!strcmp(a, "--since"))
            val = &o->since;
        else if (!strcmp(a, "--output"))
            val = &o->output;
        else if (!strcmp(a, "--min-support"))
            val = &o->min_support;
        else if (!strcmp(a, "--register"))
            o->reg = 1;
        else if (!strcmp(a, "--all"))
            o->all = 1;
        else if (!strcmp(a, "--dry-run"))
            o->dry_run = 1;
        else if (!strcmp(a, "--json"))
            o->json = 1;
        else if (a[0] == '-' && a[1] == '-') {
            cli_err(c, "unknown option %s (see --help)", a);
            return -1;
        } else if (o->npos < (int)BU_ARRAY_LEN(o->pos)) {
            o->pos[o->npos++] = a;
        } else {
            cli_err(c, "too many arguments");
            return -1;
        }
        if (val) {
            if (i + 1 >= c->argc) {
                cli_err(c, "%s needs a value", a);
                return -1;
            }
            *val = c->argv[++i];
        }
    }
    return 0;
}

static void print_diags(const struct rules_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s:%d:%d: %s\n", d->v[i].file, d->v[i].line, d->v[i].col,
                d->v[i].message);
}

/* The rules to use: --rules PATH, else the configured ones (loaded once
 * into c->rules). *own is set when the caller must free the result. */
static const struct rules *get_rules(struct cli *c, const struct ropts *o, int *own)
{
    *own = 0;
    if (o->rules_path) {
        struct rules *r = NULL;
        struct rules_diags d = {0};
        if (rules_load(o->rules_path, &r, &d) < 0) {
            print_diags(&d);
            cli_err(c, "the rules in %s do not check", o->rules_path);
        }
        rules_diags_free(&d);
        *own = r != NULL;
        return r;
    }
    if (cli_need_rules(c) < 0)
        return NULL;
    return c->rules;
}

/* --- check --------------------------------------------------------------- */

/* What the other commands and serve use meanwhile. */
static void print_last_good(struct cli *c)
{
    char *file = rules_good_file(c->cfg->db_path), *cause = NULL;
    struct rules_good g;
    int rc = rules_good_read(file, &g, &cause);
    if (rc == 0) {
        char when[20];
        fmt_datetime(g.recorded_at, when);
        printf("meanwhile the other commands and serve run on the last good rules: %s as "
               "loaded on %s by %s (kept in %s)\n", g.path, when, g.by, file);
    } else {
        printf("and there are no last good rules to run on meanwhile (%s): the commands that "
               "need the rules refuse to run\n", rc == 1 ? "none kept yet" : cause);
    }
    rules_good_free(&g);
    free(cause);
    free(file);
}

static int do_check(struct cli *c, const struct ropts *o)
{
    const char *path = o->rules_path;
    if (!path) {
        if (cli_need_config(c) < 0)
            return EXIT_CONFIG_;
        path = c->cfg->rules_path;
        if (!path) {
            cli_err(c, "no rules configured ([bureau] rules = DIR)");
            return EXIT_CONFIG_;
        }
    }
    struct rules *r = NULL;
    struct rules_diags d = {0};
    int rc = rules_load(path, &r, &d);
    print_diags(&d);
    if (rc == 0) {
        size_t nd, nk;
        rules_departments(r, &nd);
        rules_kinds(r, &nk);
        printf("%s: OK (%zu departments, %zu kinds)\n", path, nd, nk);
    } else {
        printf("%s: %zu error%s\n", path, d.n, d.n == 1 ? "" : "s");
        if (!o->rules_path)
            print_last_good(c);
    }
    rules_diags_free(&d);
    rules_free(r);
    return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* --- shared: parsing a message ------------------------------------------ */

static int parse_raw(const char *raw, size_t len, struct msg *m, char **cause)
{
    struct mime_limits lim;
    mime_limits_default(&lim);
    msg_init(m);
    if (mime_parse(raw, len, &lim, m, cause) != MIME_OK) {
        msg_free(m);
        return -1;
    }
    return 0;
}

static int parse_file(const char *path, struct msg *m, char **cause)
{
    char *raw = NULL;
    size_t len = 0;
    struct mime_limits lim;
    mime_limits_default(&lim);
    if (file_read_all(path, lim.max_message_size, &raw, &len, cause) < 0)
        return -1;
    int rc = parse_raw(raw, len, m, cause);
    free(raw);
    return rc;
}

/* Sum of hit weights per target id, in first-seen order. */
struct tally {
    const char *id[512];
    int score[512];
    size_t n;
};

static void tally_add(struct tally *t, const char *id, int w)
{
    if (!id)
        return;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->id[i], id)) {
            t->score[i] += w;
            return;
        }
    if (t->n < BU_ARRAY_LEN(t->id)) {
        t->id[t->n] = id;
        t->score[t->n++] = w;
    }
}

static void tallies(const struct classification *cl, struct tally *d, struct tally *k)
{
    d->n = k->n = 0;
    for (size_t i = 0; i < cl->n_hits; i++) {
        tally_add(d, cl->hits[i].department, cl->hits[i].weight);
        tally_add(k, cl->hits[i].kind, cl->hits[i].weight);
    }
}

static char *hits_summary(const struct classification *cl)
{
    struct buf b;
    buf_init(&b, 4096);
    for (size_t i = 0; i < cl->n_hits; i++)
        buf_printf(&b, "%s%s(%s%s,%+d)", i ? ", " : "", cl->hits[i].rule, cl->hits[i].field,
                   cl->hits[i].shadow ? "~shadow" : "", cl->hits[i].weight);
    if (cl->n_hits == 0)
        buf_puts(&b, "no rule fired");
    return buf_steal(&b);
}

/* --- explain ------------------------------------------------------------- */

/* t: the normalised subject and body, then their shadows (translit.h). */
static void explain_json(const struct classification *cl, const char *const t[4],
                         const char *urgent)
{
    struct buf b;
    struct json j;
    struct tally td, tk;
    buf_init(&b, 64 * 1024 * 1024);
    json_init(&j, &b);
    json_obj_begin(&j);
    json_kv_str(&j, "department", cl->department);
    json_kv_str(&j, "kind", cl->kind);
    json_kv_bool(&j, "needs_triage", cl->needs_triage);
    json_kv_str(&j, "possibly_urgent", urgent);
    if (cl->model_department) {
        json_key(&j, "model");
        json_obj_begin(&j);
        json_kv_str(&j, "department", cl->model_department);
        json_key(&j, "p");
        json_num(&j, cl->model_p);
        json_kv_str(&j, "words", cl->model_words);
        json_kv_bool(&j, "routed", cl->model_routed);
        json_obj_end(&j);
    }
    json_kv_int(&j, "dept_score", cl->dept_score);
    json_kv_int(&j, "kind_score", cl->kind_score);
    json_kv_bool(&j, "limit_hit", cl->limit_hit);
    json_key(&j, "hits");
    json_arr_begin(&j);
    for (size_t i = 0; i < cl->n_hits; i++) {
        const struct rules_hit *h = &cl->hits[i];
        json_obj_begin(&j);
        json_kv_str(&j, "rule", h->rule);
        json_kv_str(&j, "field", h->field);
        json_kv_int(&j, "weight", h->weight);
        json_kv_str(&j, "department", h->department);
        json_kv_str(&j, "kind", h->kind);
        json_kv_str(&j, "matched", h->matched);
        json_kv_bool(&j, "shadow", h->shadow);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    tallies(cl, &td, &tk);
    json_key(&j, "scores");
    json_obj_begin(&j);
    json_key(&j, "departments");
    json_obj_begin(&j);
    for (size_t i = 0; i < td.n; i++)
        json_kv_int(&j, td.id[i], td.score[i]);
    json_obj_end(&j);
    json_key(&j, "kinds");
    json_obj_begin(&j);
    for (size_t i = 0; i < tk.n; i++)
        json_kv_int(&j, tk.id[i], tk.score[i]);
    json_obj_end(&j);
    json_obj_end(&j);
    json_key(&j, "normalised");
    json_obj_begin(&j);
    json_kv_str(&j, "subject", t[0]);
    json_kv_str(&j, "body", t[1]);
    json_obj_end(&j);
    json_key(&j, "shadow");
    json_obj_begin(&j);
    json_kv_str(&j, "subject", t[2]);
    json_kv_str(&j, "body", t[3]);
    json_obj_end(&j);
    json_obj_end(&j);
    printf("%s\n", b.data ? b.data : "{}");
    buf_free(&b);
}

static size_t excerpt_len(const char *s, size_t chars)
{
    size_t i = 0, n = 0;
    while (s[i] && n < chars) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        n++;
    }
    return i;
}

static void explain_text(const struct classification *cl, const char *const t[4],
                         const char *urgent)
{
    struct tally td, tk;
    size_t bl = excerpt_len(t[1], EXPLAIN_BODY_CHARS), sl = excerpt_len(t[3], EXPLAIN_BODY_CHARS);
    printf("normalised subject: %s\n", t[0]);
    printf("normalised body:    %.*s%s\n", (int)bl, t[1], t[1][bl] ? " [...]" : "");
    printf("shadow subject:     %s\n", t[2]);
    printf("shadow body:        %.*s%s\n", (int)sl, t[3], t[3][sl] ? " [...]" : "");
    printf("rules fired:\n");
    for (size_t i = 0; i < cl->n_hits; i++) {
        const struct rules_hit *h = &cl->hits[i];
        printf("  %+4d %s [%s%s]", h->weight, h->rule, h->field, h->shadow ? ", shadow" : "");
        if (h->department)
            printf(" department=%s", h->department);
        if (h->kind)
            printf(" kind=%s", h->kind);
        printf(" matched \"%s\"\n", h->matched);
    }
    if (cl->n_hits == 0)
        printf("  (none)\n");
    tallies(cl, &td, &tk);
    printf("department scores:");
    for (size_t i = 0; i < td.n; i++)
        printf(" %s=%d", td.id[i], td.score[i]);
    printf("\nkind scores:");
    for (size_t i = 0; i < tk.n; i++)
        printf(" %s=%d", tk.id[i], tk.score[i]);
    printf("\ndecision: department=%s (score %d) kind=%s (score %d)%s\n", cl->department,
           cl->dept_score, cl->kind, cl->kind_score, cl->needs_triage ? " needs triage" : "");
    if (cl->model_department)
        printf("model: %s, p = %.3f%s; words: %s\n", cl->model_department, cl->model_p,
               cl->model_routed ? " (routed: at or above its confidence)"
                                : " (below its confidence: to triage, the clerk sees the "
                                  "proposal)",
               cl->model_words && *cl->model_words ? cl->model_words : "-");
    if (urgent)
        printf("possibly urgent (rule %s): flagged for the clerk to confirm (bureau urgent)\n",
               urgent);
    if (cl->limit_hit)
        printf("warning: a pattern hit the match limit\n");
}

static int load_entry_msg(struct cli *c, const char *ref, struct msg *m, char **dkind,
                          struct entry *e)
{
    char *cause = NULL, *raw = NULL;
    size_t len = 0;
    int rc = -1;
    if (cli_need_store(c) < 0)
        return -1;
    if (store_entry_get(c->store, ref, e, &cause) < 0)
        goto out;
    if (store_raw_get(c->store, e->raw_id, &raw, &len, &cause) < 0)
        goto out;
    if (parse_raw(raw, len, m, &cause) < 0)
        goto out;
    const struct imap_account *a =
        e->mailbox_account ? config_account(c->cfg, e->mailbox_account) : NULL;
    *dkind = a && a->default_kind ? xstrdup(a->default_kind) : NULL;
    rc = 0;
out:
    if (rc < 0)
        cli_err(c, "%s: %s", ref, cause ? cause : "cannot load");
    free(cause);
    free(raw);
    return rc;
}

static int do_explain(struct cli *c, const struct ropts *o)
{
    struct msg m;
    struct classification cl;
    struct stat st;
    struct entry e = {0};
    char *cause = NULL, *dkind = NULL;
    int own, rc = EXIT_FAIL;
    if (o->npos != 1) {
        cli_err(c, "explain takes one FILE.eml or NUMBER");
        return EXIT_USAGE_;
    }
    const struct rules *r = get_rules(c, o, &own);
    if (!r)
        return EXIT_CONFIG_;
    size_t al = strlen(o->pos[0]);
    int looks_file = strchr(o->pos[0], '/') || (al > 4 && !strcmp(o->pos[0] + al - 4, ".eml"));
    if (stat(o->pos[0], &st) == 0 ? S_ISREG(st.st_mode) : looks_file) {
        if (parse_file(o->pos[0], &m, &cause) < 0) {
            cli_err(c, "%s: %s", o->pos[0], cause ? cause : "cannot parse");
            goto out;
        }
    } else if (load_entry_msg(c, o->pos[0], &m, &dkind, &e) < 0) {
        goto out;
    }
    if (rules_classify(r, &m, o->default_kind ? o->default_kind : dkind, &cl) == 0) {
        char *subj = norm_text(m.subject ? m.subject : "", m.subject ? strlen(m.subject) : 0,
                               NULL);
        char *body = norm_text(m.body ? m.body : "", m.body ? strlen(m.body) : 0, NULL);
        int fr = translit_message_french(subj, strlen(subj), body, strlen(body));
        char *t[4] = {subj, body, translit_shadow(subj, strlen(subj), fr, NULL),
                      translit_shadow(body, strlen(body), fr, NULL)};
        if (o->json)
            explain_json(&cl, (const char *const *)t, rules_urgent_hint(r, &cl));
        else
            explain_text(&cl, (const char *const *)t, rules_urgent_hint(r, &cl));
        for (int i = 0; i < 4; i++)
            free(t[i]);
        classification_free(&cl);
        rc = EXIT_OK;
    }
    msg_free(&m);
out:
    entry_free(&e);
    free(cause);
    free(dkind);
    if (own)
        rules_free((struct rules *)r);
    return rc;
}

/* --- test ------------------------------------------------------------------ */

struct label {
    char *file, *dept, *kind, *split;
    char *got_dept, *got_kind, *why;
    int triage;
};

struct acc {
    const char *name;
    int n, dept_ok, kind_ok;
};

#define MAX_SPLITS 32

/* Accuracy over everything ([0]) and per split name ([1..]). */
struct accs {
    struct acc v[MAX_SPLITS + 1];
    size_t n;
};

struct confusion {
    const char *ids[128];
    size_t n;
    int cell[128][128];
};

static size_t conf_index(struct confusion *cf, const char *id)
{
    for (size_t i = 0; i < cf->n; i++)
        if (!strcmp(cf->ids[i], id))
            return i;
    if (cf->n < BU_ARRAY_LEN(cf->ids))
        cf->ids[cf->n++] = id;
    return cf->n - 1;
}

static void conf_add(struct confusion *cf, const char *want, const char *got)
{
    size_t a = conf_index(cf, want);
    size_t b = conf_index(cf, got);
    cf->cell[a][b]++;
}

static char *field_dup(char **p)
{
    char *s = *p, *t = strchr(s, '\t');
    if (t) {
        *t = '\0';
        *p = t + 1;
    } else {
        *p = s + strlen(s);
    }
    return xstrdup(str_trim(s));
}

static int read_labels(const char *dir, struct label **out, size_t *n, char **cause)
{
    char *path = xasprintf("%s/labels.tsv", dir), *data = NULL;
    size_t len;
    *out = NULL, *n = 0;
    int rc = file_read_all(path, LABELS_MAX_SIZE, &data, &len, cause);
    free(path);
    if (rc < 0)
        return -1;
    char *save = data;
    for (char *line = data; line && *line && *n < LABELS_MAX_LINES;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        char *p = line;
        line = nl ? nl + 1 : NULL;
        if (p[0] == '#' || p[strspn(p, " \t\r")] == '\0')
            continue;
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        struct label *l = &(*out)[(*n)++];
        memset(l, 0, sizeof *l);
        l->file = field_dup(&p);
        l->dept = field_dup(&p);
        l->kind = field_dup(&p);
        l->split = field_dup(&p);
    }
    free(save);
    return 0;
}

static void labels_free(struct label *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].file), free(v[i].dept), free(v[i].kind), free(v[i].split);
        free(v[i].got_dept), free(v[i].got_kind), free(v[i].why);
    }
    free(v);
}

static void classify_label(const struct rules *r, const char *dir, struct label *l)
{
    char *path = xasprintf("%s/%s", dir, l->file), *cause = NULL;
    struct msg m;
    struct classification cl;
    if (parse_file(path, &m, &cause) < 0) {
        l->got_dept = xstrdup("(unparsable)");
        l->got_kind = xstrdup("(unparsable)");
        l->why = cause ? cause : xstrdup("cannot parse");
        free(path);
        return;
    }
    if (rules_classify(r, &m, NULL, &cl) == 0) {
        l->got_dept = xstrdup(cl.department);
        l->got_kind = xstrdup(cl.kind);
        l->triage = cl.needs_triage;
        l->why = hits_summary(&cl);
        classification_free(&cl);
    } else {
        l->got_dept = xstrdup("(error)");
        l->got_kind = xstrdup("(error)");
    }
    msg_free(&m);
    free(path);
}

static void acc_add(struct acc *a, const struct label *l)
{
    a->n++;
    a->dept_ok += !strcmp(l->dept, l->got_dept);
    a->kind_ok += !strcmp(l->kind, l->got_kind);
}

static struct acc *split_acc(struct accs *a, const char *name)
{
    for (size_t i = 1; i < a->n; i++)
        if (!strcmp(a->v[i].name, name))
            return &a->v[i];
    if (a->n == MAX_SPLITS)
        name = "(other splits)";
    else if (a->n > MAX_SPLITS)
        return &a->v[MAX_SPLITS];
    a->v[a->n].name = name;
    return &a->v[a->n++];
}

static double pct(int k, int n)
{
    return n ? 100.0 * k / n : 0.0;
}

static void print_confusion(const char *title, const struct confusion *cf)
{
    printf("\n%s confusion (rows: expected, columns: decided)\n", title);
    for (size_t i = 0; i < cf->n; i++)
        printf("  %2zu %s\n", i + 1, cf->ids[i]);
    printf("      ");
    for (size_t b = 0; b < cf->n; b++)
        printf("%4zu", b + 1);
    printf("\n");
    for (size_t a = 0; a < cf->n; a++) {
        printf("  %2zu  ", a + 1);
        for (size_t b = 0; b < cf->n; b++) {
            if (cf->cell[a][b])
                printf("%4d", cf->cell[a][b]);
            else
                printf("%4s", ".");
        }
        printf("\n");
    }
}

static void acc_json(struct json *j, const char *key, const struct acc *a)
{
    json_key(j, key);
    json_obj_begin(j);
    json_kv_int(j, "total", a->n);
    json_key(j, "department_accuracy");
    json_num(j, pct(a->dept_ok, a->n));
    json_key(j, "kind_accuracy");
    json_num(j, pct(a->kind_ok, a->n));
    json_obj_end(j);
}

static void conf_json(struct json *j, const char *key, const struct confusion *cf)
{
    json_key(j, key);
    json_obj_begin(j);
    for (size_t a = 0; a < cf->n; a++) {
        json_key(j, cf->ids[a]);
        json_obj_begin(j);
        for (size_t b = 0; b < cf->n; b++)
            if (cf->cell[a][b])
                json_kv_int(j, cf->ids[b], cf->cell[a][b]);
        json_obj_end(j);
    }
    json_obj_end(j);
}

static void test_report_json(const struct label *v, size_t n, const struct accs *acc,
                             const struct confusion *cd, const struct confusion *ck)
{
    struct buf b;
    struct json j;
    buf_init(&b, 64 * 1024 * 1024);
    json_init(&j, &b);
    json_obj_begin(&j);
    json_kv_int(&j, "total", acc->v[0].n);
    json_key(&j, "department_accuracy");
    json_num(&j, pct(acc->v[0].dept_ok, acc->v[0].n));
    json_key(&j, "kind_accuracy");
    json_num(&j, pct(acc->v[0].kind_ok, acc->v[0].n));
    json_key(&j, "splits");
    json_obj_begin(&j);
    for (size_t i = 1; i < acc->n; i++)
        acc_json(&j, acc->v[i].name, &acc->v[i]);
    json_obj_end(&j);
    conf_json(&j, "department_confusion", cd);
    conf_json(&j, "kind_confusion", ck);
    json_key(&j, "misrouted");
    json_arr_begin(&j);
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(v[i].dept, v[i].got_dept) && !strcmp(v[i].kind, v[i].got_kind))
            continue;
        json_obj_begin(&j);
        json_kv_str(&j, "file", v[i].file);
        json_kv_str(&j, "split", v[i].split);
        json_kv_str(&j, "expected_department", v[i].dept);
        json_kv_str(&j, "expected_kind", v[i].kind);
        json_kv_str(&j, "department", v[i].got_dept);
        json_kv_str(&j, "kind", v[i].got_kind);
        json_kv_bool(&j, "needs_triage", v[i].triage);
        json_kv_str(&j, "rules", v[i].why);
        json_obj_end(&j);
    }
    json_arr_end(&j);
    json_obj_end(&j);
    printf("%s\n", b.data);
    buf_free(&b);
}

static void test_report_text(const struct label *v, size_t n, const struct accs *acc,
                             const struct confusion *cd, const struct confusion *ck)
{
    for (size_t k = 0; k < acc->n; k++) {
        const struct acc *a = &acc->v[k];
        printf("%-8s %4d messages  department %5.1f%% (%d)  kind %5.1f%% (%d)\n", a->name,
               a->n, pct(a->dept_ok, a->n), a->dept_ok, pct(a->kind_ok, a->n), a->kind_ok);
    }
    print_confusion("department", cd);
    print_confusion("kind", ck);
    printf("\nmisrouted:\n");
    for (size_t i = 0; i < n; i++) {
        const struct label *l = &v[i];
        int dok = !strcmp(l->dept, l->got_dept), kok = !strcmp(l->kind, l->got_kind);
        if (dok && kok)
            continue;
        printf("  %s [%s]%s%s%s%s%s%s%s\n      %s\n", l->file, l->split[0] ? l->split : "-",
               dok ? "" : " department ", dok ? "" : l->dept, dok ? "" : " -> ",
               dok ? "" : l->got_dept, kok ? "" : " kind ", kok ? "" : l->kind,
               kok ? "" : (l->triage ? " -> (triage) " : " -> "), l->why ? l->why : "");
        if (!kok)
            printf("      decided kind: %s\n", l->got_kind);
    }
}

static int do_test(struct cli *c, const struct ropts *o)
{
    struct label *v = NULL;
    size_t n = 0;
    char *cause = NULL;
    int own;
    if (o->reg && o->npos == 0) {
        const struct rules *rr = get_rules(c, o, &own);
        if (!rr)
            return EXIT_CONFIG_;
        int rc = cli_rules_test_register(c, rr, o->since, o->json);
        if (own)
            rules_free((struct rules *)rr);
        return rc;
    }
    if (o->npos != 1 || o->reg) {
        cli_err(c, "test takes one DIR (with labels.tsv and .eml files), or --register");
        return EXIT_USAGE_;
    }
    const struct rules *r = get_rules(c, o, &own);
    if (!r)
        return EXIT_CONFIG_;
    if (read_labels(o->pos[0], &v, &n, &cause) < 0) {
        cli_err(c, "%s/labels.tsv: %s", o->pos[0], cause);
        free(cause);
        if (own)
            rules_free((struct rules *)r);
        return EXIT_FAIL;
    }
    struct accs acc = {.v = {{.name = "all"}}, .n = 1};
    struct confusion *cd = xcalloc(1, sizeof *cd), *ck = xcalloc(1, sizeof *ck);
    for (size_t i = 0; i < n; i++) {
        classify_label(r, o->pos[0], &v[i]);
        acc_add(&acc.v[0], &v[i]);
        if (v[i].split[0])
            acc_add(split_acc(&acc, v[i].split), &v[i]);
        conf_add(cd, v[i].dept, v[i].got_dept);
        conf_add(ck, v[i].kind, v[i].got_kind);
    }
    if (o->json)
        test_report_json(v, n, &acc, cd, ck);
    else
        test_report_text(v, n, &acc, cd, ck);
    free(cd);
    free(ck);
    labels_free(v, n);
    if (own)
        rules_free((struct rules *)r);
    return EXIT_OK;
}

/* --- apply ------------------------------------------------------------------- */

static int collect_all(struct cli *c, const char *year, int64_t **ids, size_t *n)
{
    char *cause = NULL;
    const char *sql = year ? "SELECT id FROM entries WHERE year = ? ORDER BY id"
                           : "SELECT id FROM entries ORDER BY id";
    sqlite3_stmt *st = store_stmt(c->store, sql, &cause);
    if (!st) {
        cli_err(c, "%s", cause);
        free(cause);
        return -1;
    }
    if (year) {
        uint64_t y;
        if (parse_u64(year, &y) < 0 || y < 1900 || y > 9999) {
            cli_err(c, "bad --year %s", year);
            sqlite3_reset(st);
            return -1;
        }
        sqlite3_bind_int64(st, 1, (sqlite3_int64)y);
    }
    *ids = NULL, *n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return 0;
}

static char *fired_rules(const struct classification *cl)
{
    struct buf b;
    buf_init(&b, 2048);
    buf_puts(&b, "rules: ");
    for (size_t i = 0; i < cl->n_hits; i++) {
        int dup = 0;
        for (size_t k = 0; k < i; k++)
            dup |= !strcmp(cl->hits[k].rule, cl->hits[i].rule);
        if (!dup && buf_printf(&b, "%s%s", b.len > 7 ? ", " : "", cl->hits[i].rule) < 0)
            break;
    }
    if (cl->n_hits == 0)
        buf_puts(&b, "none fired");
    return buf_steal(&b);
}

/* The changes of cl to entry e, in one transaction, through the same code
 * as `reclassify` and `assign` (correct.h): the deadline recomputed, the
 * routed item queued to the new department. */
static int apply_tx(struct cli *c, const struct notify_ctx *n, const struct entry *e,
                    const struct classification *cl, const char *detail, char **cause)
{
    const char *actor = c->actor ? c->actor : "clerk";
    int dch = !e->department || strcmp(e->department, cl->department);
    int kch = !e->kind || strcmp(e->kind, cl->kind);
    int tch = (e->needs_triage != 0) != (cl->needs_triage != 0);
    const struct kind *k = kch ? rules_kind(n->rules, cl->kind) : NULL;
    if (kch && !k) {
        set_cause(cause, "the rules name an unknown kind %s", cl->kind);
        return -1;
    }
    if (store_begin(c->store, cause) < 0)
        return -1;
    int rc = 0;
    if (tch)
        rc = store_tx_entry_set(c->store, e->id, "needs_triage", cl->needs_triage ? "1" : "0",
                                actor, detail, cause);
    if (rc == 0 && kch)
        rc = correct_tx_kind(c->store, n->cal, e, k, actor, detail, NULL, cause);
    if (rc == 0 && dch)
        rc = correct_tx_department(c->store, n, e, cl->department, 0, actor, detail, cause);
    if (rc == 0)
        rc = store_commit(c->store, cause);
    if (rc < 0)
        store_rollback(c->store);
    return rc;
}

/* Apply cl to entry e when it differs; prints the change. 1 changed, 0
 * unchanged, -1 error. */
static int apply_one(struct cli *c, const struct notify_ctx *n, const struct entry *e,
                     const struct classification *cl, int dry_run)
{
    int dch = !e->department || strcmp(e->department, cl->department);
    int kch = !e->kind || strcmp(e->kind, cl->kind);
    int tch = (e->needs_triage != 0) != (cl->needs_triage != 0);
    if (!dch && !kch && !tch)
        return 0;
    printf("%s: department %s -> %s, kind %s -> %s, triage %d -> %d\n", e->number,
           e->department ? e->department : "-", cl->department, e->kind ? e->kind : "-",
           cl->kind, e->needs_triage, cl->needs_triage);
    if (dry_run)
        return 1;
    char *cause = NULL, *detail = fired_rules(cl);
    int rc = apply_tx(c, n, e, cl, detail, &cause);
    if (rc < 0)
        cli_err(c, "%s: %s", e->number, cause ? cause : "update failed");
    free(cause);
    free(detail);
    return rc < 0 ? -1 : 1;
}

static int apply_ref(struct cli *c, const struct notify_ctx *n, const char *ref, int64_t id,
                     int dry_run)
{
    struct entry e = {0};
    struct msg m;
    struct classification cl;
    char *cause = NULL, *dkind = NULL, *num = NULL;
    int rc = -1;
    if (!ref)
        ref = num = xasprintf("#%lld", (long long)id);
    if (load_entry_msg(c, ref, &m, &dkind, &e) < 0)
        goto out;
    if (rules_classify(n->rules, &m, dkind, &cl) == 0) {
        rc = apply_one(c, n, &e, &cl, dry_run);
        classification_free(&cl);
    }
    msg_free(&m);
out:
    entry_free(&e);
    free(cause);
    free(dkind);
    free(num);
    return rc;
}

static int do_apply(struct cli *c, const struct ropts *o)
{
    int own, failed = 0, changed = 0;
    int64_t *ids = NULL;
    size_t n = 0;
    if (!o->all && o->npos == 0) {
        cli_err(c, "apply takes NUMBER... or --all");
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    const struct rules *r = get_rules(c, o, &own);
    if (!r)
        return EXIT_CONFIG_;
    struct notify_ctx nc = c->notify;
    nc.rules = r;  /* the heads of the departments these rules route to */
    if (o->all && collect_all(c, o->year, &ids, &n) < 0) {
        failed = 1;
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        int k = apply_ref(c, &nc, NULL, ids[i], o->dry_run);
        failed |= k < 0, changed += k > 0;
    }
    for (int i = 0; !o->all && i < o->npos; i++) {
        int k = apply_ref(c, &nc, o->pos[i], 0, o->dry_run);
        failed |= k < 0, changed += k > 0;
    }
    printf("%d entr%s %s\n", changed, changed == 1 ? "y" : "ies",
           o->dry_run ? "would change" : "changed");
out:
    free(ids);
    if (own)
        rules_free((struct rules *)r);
    return failed ? EXIT_FAIL : EXIT_OK;
}

/* --- train ----------------------------------------------------------------- */

static int labelled_samples(struct cli *c, const char *dir, struct model_sample **v,
                            size_t *n, size_t *cap)
{
    struct label *l = NULL;
    size_t nl = 0;
    char *cause = NULL;
    if (read_labels(dir, &l, &nl, &cause) < 0) {
        cli_err(c, "%s/labels.tsv: %s", dir, cause);
        free(cause);
        return -1;
    }
    for (size_t i = 0; i < nl; i++) {
        char *path = xasprintf("%s/%s", dir, l[i].file);
        struct msg m;
        if (parse_file(path, &m, &cause) == 0) {
            if (*n == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                *v = xrealloc(*v, *cap * sizeof **v);
            }
            model_sample_set(&(*v)[(*n)++], l[i].dept, m.subject, m.body);
            msg_free(&m);
        } else {
            fprintf(stderr, "bureau rules train: %s: left out (%s)\n", path,
                    cause ? cause : "cannot parse");
        }
        free(cause);
        cause = NULL;
        free(path);
    }
    labels_free(l, nl);
    return 0;
}

static int do_train(struct cli *c, const struct ropts *o)
{
    struct model_sample *v = NULL, *reg = NULL;
    size_t n = 0, cap = 0, nreg = 0, nlab = 0;
    uint64_t min_docs = 2;
    int rc = EXIT_USAGE_;
    if (!o->output || (!o->reg && o->npos == 0)) {
        cli_err(c, "train needs --output FILE.model and labelled DIRs and/or --register");
        return EXIT_USAGE_;
    }
    if (o->min_support && (parse_u64(o->min_support, &min_docs) < 0 || min_docs < 1)) {
        cli_err(c, "--min-support: a whole number, 1 or more");
        return EXIT_USAGE_;
    }
    for (int i = 0; i < o->npos; i++)
        if (labelled_samples(c, o->pos[i], &v, &n, &cap) < 0)
            goto out;
    nlab = n;
    if (o->reg) {
        rc = cli_register_training(c, o->since, &reg, &nreg);
        if (rc != EXIT_OK)
            goto out;
        v = xrealloc(v, (n + nreg + 1) * sizeof *v);
        memcpy(v + n, reg, nreg * sizeof *v);
        n += nreg;
        free(reg);
        reg = NULL;
    }
    char *comment = xasprintf("trained by bureau rules train on %zu messages (%zu labelled, "
                              "%zu from the register); terms held by %llu or more",
                              n, nlab, nreg, (unsigned long long)min_docs);
    struct buf b;
    char *cause = NULL;
    buf_init(&b, 2 * MODEL_MAX_BYTES);
    rc = EXIT_FAIL;
    if (model_train(v, n, (size_t)min_docs, comment, &b, &cause) < 0)
        cli_err(c, "%s", cause);
    else if (file_write_atomic(o->output, b.data, b.len, 0644, &cause) < 0)
        cli_err(c, "%s: %s", o->output, cause ? cause : "cannot write");
    else {
        struct model *m = NULL;
        int line;
        free(cause);
        cause = NULL;
        if (model_parse(b.data, b.len, &m, &line, &cause) == 0) {
            printf("%s: a routing model of %zu departments from %zu messages (%zu labelled, "
                   "%zu from the register), %zu bytes; put it in the rules directory to use it\n",
                   o->output, model_classes(m), n, nlab, nreg, b.len);
            rc = EXIT_OK;
        } else
            cli_err(c, "the model written does not read back (line %d: %s)", line, cause);
        model_free(m);
    }
    free(cause);
    free(comment);
    buf_free(&b);
out:
    model_samples_free(v, n);
    model_samples_free(reg, nreg);
    return rc;
}

int cmd_rules(struct cli *c)
{
    struct ropts o;
    if (c->argc < 2 || cli_wants_help(c)) {
        fputs(usage, c->argc < 2 ? stderr : stdout);
        return c->argc < 2 ? EXIT_USAGE_ : EXIT_OK;
    }
    if (parse_opts(c, &o) < 0)
        return EXIT_USAGE_;
    const char *sub = c->argv[1];
    c->rules_strict = 1;  /* these are about the files: never the last good rules */
    if (!strcmp(sub, "check"))
        return do_check(c, &o);
    if (!strcmp(sub, "explain"))
        return do_explain(c, &o);
    if (!strcmp(sub, "test"))
        return do_test(c, &o);
    if (!strcmp(sub, "apply"))
        return do_apply(c, &o);
    if (!strcmp(sub, "train"))
        return do_train(c, &o);
    if (!strcmp(sub, "suggest"))
        return o.npos ? (cli_err(c, "suggest takes no argument"), EXIT_USAGE_)
                      : cli_rules_suggest(c, o.rules_path, o.since, o.output, o.min_support,
                                          o.json);
    cli_err(c, "unknown subcommand '%s' (check, explain, test, apply, suggest)", sub);
    return EXIT_USAGE_;
}
