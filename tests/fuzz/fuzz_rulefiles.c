/* fuzz_rulefiles.c — libFuzzer target: the files of the rules directory
 * as the loader reads them. The first byte chooses: even, the rest is a
 * routing model (`NAME.model`, model_parse; when it reads, a guess is made
 * from terms cut out of the input, then it is trained back into a file
 * that must read again); odd, the rest is one `.rules` file
 * (rules_load_srcs: parse, compile, resolve; when it loads, a message made
 * of the same bytes is classified). A crash, a sanitizer report, a leak or
 * a model that trains into a file it cannot read is a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/model.h"
#include "bureau/msg.h"
#include "bureau/norm.h"
#include "bureau/rules.h"
#include "bureau/terms.h"
#include "bureau/util.h"

static void one_model(const char *data, size_t n)
{
    struct model *m = NULL;
    char *cause = NULL;
    int line = 0;
    if (model_parse(data, n, &m, &line, &cause) < 0) {
        if (!cause || line < 1)
            abort(); /* every refusal says where and why */
        free(cause);
        return;
    }
    char *text = xstrndup(data, n);
    char *norm = norm_text(text, n, NULL);
    char **terms = NULL;
    size_t nt = terms_of(norm, &terms);
    struct model_guess g;
    if (model_guess(m, terms, nt, &g) == 0 && (!g.department || !(g.p > 0.0 && g.p <= 1.0)))
        abort();
    /* its own terms, labelled by class in turn, train into a file that reads */
    size_t k = model_classes(m);
    struct model_sample *v = xcalloc(nt + 2, sizeof *v);
    for (size_t i = 0; i < nt + 2; i++) {
        v[i].label = xstrdup(model_class(m, i % k));
        v[i].terms = xcalloc(1, sizeof *v[i].terms);
        v[i].terms[0] = xstrdup(i < nt ? terms[i] : "terme");
        v[i].n_terms = 1;
    }
    struct buf b;
    buf_init(&b, 2 * MODEL_MAX_BYTES);
    struct model *back = NULL;
    if (model_train(v, nt + 2, 1, "fuzz", &b, &cause) == 0 &&
        model_parse(b.data, b.len, &back, &line, &cause) < 0)
        abort();
    model_free(back);
    buf_free(&b);
    model_samples_free(v, nt + 2);
    terms_free(terms, nt);
    free(norm);
    free(text);
    free(cause);
    model_free(m);
}

static void one_rules(const char *data, size_t n)
{
    char name[] = "fuzz.rules";
    struct rules_src src = {.name = name, .data = xstrndup(data, n), .len = n};
    struct rules_srcs s = {.v = &src, .n = 1};
    struct rules *r = NULL;
    struct rules_diags d = {0};
    if (rules_load_srcs(&s, &r, &d) == 0) {
        struct msg m;
        struct classification c;
        msg_init(&m);
        m.subject = utf8_sanitize(data, n < 200 ? n : 200, NULL);
        m.body = utf8_sanitize(data, n, NULL);
        if (rules_classify(r, &m, NULL, &c) < 0 || !c.department || !c.kind)
            abort();
        classification_free(&c);
        msg_free(&m);
        rules_free(r);
    }
    rules_diags_free(&d);
    free(src.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 256 * 1024)
        return 0;
    if (data[0] % 2 == 0)
        one_model((const char *)data + 1, size - 1);
    else
        one_rules((const char *)data + 1, size - 1);
    return 0;
}
