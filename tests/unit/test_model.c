/* test_model.c — the routing model (model.h): terms, training, the file
 * read back, guesses, and every way a damaged file is refused with its
 * line. */
#include <stdlib.h>
#include <string.h>

#include "bureau/model.h"
#include "bureau/norm.h"
#include "bureau/terms.h"
#include "t.h"

static const char *const train_set[][3] = {
    {"eclairage-public", "Lampadaire en panne", "le lampadaire de la rue ne marche plus"},
    {"eclairage-public", "Lampadaire", "un lampadaire eteint depuis une semaine"},
    {"eclairage-public", "الإنارة", "الإنارة العمومية معطلة في الزنقة"},
    {"eclairage-public", "الإنارة العمومية", "الإنارة العمومية مطفأة"},
    {"eau-assainissement", "Coupure d'eau", "pas d'eau potable au robinet"},
    {"eau-assainissement", "Eau potable", "l'eau potable est coupee depuis hier"},
    {"eau-assainissement", "الماء", "الماء الصالح للشرب مقطوع"},
    {"eau-assainissement", "الماء مقطوع", "الماء مقطوع في الحي"},
};

static struct model_sample *samples(size_t *n)
{
    *n = sizeof train_set / sizeof train_set[0];
    struct model_sample *v = calloc(*n, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        model_sample_set(&v[i], train_set[i][0], train_set[i][1], train_set[i][2]);
    return v;
}

static void test_terms(void)
{
    char **v = NULL;
    const char *txt = "Le lampadaire de la rue, الإنارة العمومية";
    char *norm = norm_text(txt, strlen(txt), NULL);
    size_t n = terms_of(norm, &v);
    int lamp = 0, rue = 0, phrase = 0, stem = 0, stop = 0, across = 0;
    for (size_t i = 0; i < n; i++) {
        lamp += !strcmp(v[i], "lampadaire");
        rue += !strcmp(v[i], "rue");
        phrase += !strcmp(v[i], "اناره عموميه");
        stem += !strcmp(v[i], "انارة") || !strcmp(v[i], "اناره");
        stop += !strcmp(v[i], "les") || !strcmp(v[i], "de");
        across += !strcmp(v[i], "rue اناره");
        if (i)
            CHECK(strcmp(v[i - 1], v[i]) < 0); /* sorted, distinct */
    }
    CHECK(lamp == 1 && rue == 1 && stop == 0);
    CHECK(stem == 1);   /* the article is not part of the term */
    CHECK(phrase == 1); /* two words that follow one another */
    CHECK(across == 0); /* not across a comma */
    terms_free(v, n);
    free(norm);
}

static char *trained(size_t min_docs)
{
    size_t n;
    struct model_sample *v = samples(&n);
    struct buf b;
    char *cause = NULL;
    buf_init(&b, 2 * MODEL_MAX_BYTES);
    CHECK(model_train(v, n, min_docs, "a test", &b, &cause) == 0);
    model_samples_free(v, n);
    free(cause);
    return buf_steal(&b);
}

static void test_train_guess(void)
{
    char *a = trained(2), *b = trained(2);
    CHECK_STR(a, b); /* deterministic */
    CHECK(!strncmp(a, "bureau-model 1\n# a test\nclasses 2\n", 34));
    struct model *m = NULL;
    char *cause = NULL;
    int line = 0;
    CHECK(model_parse(a, strlen(a), &m, &line, &cause) == 0);
    CHECK(m && model_classes(m) == 2);
    CHECK_STR(model_class(m, 0), "eau-assainissement");
    struct model_guess g;
    char **t = NULL;
    char *norm = norm_text("le lampadaire est en panne", strlen("le lampadaire est en panne"),
                           NULL);
    size_t n = terms_of(norm, &t);
    CHECK(model_guess(m, t, n, &g) == 0);
    CHECK_STR(g.department, "eclairage-public");
    CHECK(g.p > 0.5 && g.p <= 1.0);
    CHECK(strstr(g.words, "lampadaire") != NULL);
    terms_free(t, n);
    free(norm);
    char *unk[] = {(char *)"zzzz"};
    CHECK(model_guess(m, unk, 1, &g) == 1); /* nothing known: no guess */
    model_free(m);
    free(a);
    free(b);
    free(cause);
    /* one class only: no model */
    struct model_sample one[2];
    model_sample_set(&one[0], "x", "a b c", "lampadaire");
    model_sample_set(&one[1], "x", "d e f", "lampadaire");
    struct buf bb;
    buf_init(&bb, 1024 * 1024);
    cause = NULL;
    CHECK(model_train(one, 2, 1, NULL, &bb, &cause) < 0 && cause);
    free(cause);
    buf_free(&bb);
    for (int i = 0; i < 2; i++) {
        free(one[i].label);
        terms_free(one[i].terms, one[i].n_terms);
    }
}

static int refused_at(const char *text, int want_line)
{
    struct model *m = NULL;
    char *cause = NULL;
    int line = 0;
    int rc = model_parse(text, strlen(text), &m, &line, &cause);
    int ok = rc < 0 && !m && cause && line == want_line;
    if (!ok)
        fprintf(stderr, "  refused_at(%d): rc %d line %d cause %s\n", want_line, rc, line,
                cause ? cause : "-");
    free(cause);
    model_free(m);
    return ok;
}

static void test_refusals(void)
{
    CHECK(refused_at("", 1));
    CHECK(refused_at("bureau-model 2\n", 1));
    CHECK(refused_at("bureau-model 1\nclasses 1\n", 2));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass a 1\n", 4)); /* twice */
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass B 1\n", 4)); /* bad id */
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 1\nx\t2:1\n", 6));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 1\nx\t1:1 0:1\n", 6));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 1\nx\t0:0\n", 6));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 2\nx\t0:1\nb\t0:1\n",
                     7)); /* out of order */
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 2\nx\t0:1\n", 6));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 0\nextra\n", 6));
    CHECK(refused_at("bureau-model 1\nclasses 2\nclass a 1\nclass b 1\nterms 1\n\xff\t0:1\n", 6));
    struct model *m = NULL;
    char *cause = NULL;
    int line = 0;
    const char *ok = "bureau-model 1\n# c\nclasses 2\nclass a 1\nclass b 1\nterms 1\nx\t0:1 1:1\n";
    CHECK(model_parse(ok, strlen(ok), &m, &line, &cause) == 0);
    model_free(m);
}

int main(void)
{
    test_terms();
    test_train_guess();
    test_refusals();
    T_END();
}
