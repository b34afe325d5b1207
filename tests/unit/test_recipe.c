/* test_recipe.c — outbox recipes: a round trip keeps every field and
 * variable (NULL ones stay unset); what a decoder must refuse (wrong
 * version, unknown or repeated key, bad date, missing field, invalid
 * UTF-8, no final NUL, too many variables); and every truncation and
 * every single-byte change of a valid recipe decodes or is refused,
 * never read past its end (run under ASan in .ci/run). Also the stored
 * template path: templates_source and templates_from_source render the
 * same text. */
#include <stdlib.h>
#include <string.h>

#include "bureau/recipe.h"
#include "bureau/templates.h"
#include "t.h"

static const struct tvar VARS[] = {
    {"number", "2026/000042"},
    {"subject", "شكاية بخصوص الإنارة — éclairage"},
    {"urgent", NULL},
    {"body", "سطر أول\nligne 2\n"},
    {"empty", ""},
};

static struct recipe sample(void)
{
    struct recipe r = {
        .tmpl = "ack", .tmpl_sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        .date = 1795360304, .from_addr = "bo@commune.test", .from_name = "مكتب الضبط",
        .to_addr = "citoyen@example.ma", .to_name = NULL, .in_reply_to = "x@y.test",
        .references = "a@b.test x@y.test", .auto_submitted = "auto-replied",
        .attach_name = NULL, .vars = VARS, .n_vars = sizeof VARS / sizeof VARS[0],
    };
    return r;
}

static void encode(const struct recipe *r, struct buf *b)
{
    buf_init(b, RECIPE_MAX_SIZE);
    CHECK(recipe_encode(r, b) == 0);
}

static const char *var(const struct recipe *r, const char *name)
{
    for (size_t i = 0; i < r->n_vars; i++)
        if (strcmp(r->vars[i].name, name) == 0)
            return r->vars[i].value;
    return NULL;
}

static void test_round_trip(void)
{
    struct recipe r = sample();
    struct buf b;
    struct recipe_decoded d;
    char *cause = NULL;
    encode(&r, &b);
    CHECK(recipe_decode(b.data, b.len, &d, &cause) == 0);
    CHECK_STR(d.r.tmpl, "ack");
    CHECK_STR(d.r.tmpl_sha256, r.tmpl_sha256);
    CHECK(d.r.date == 1795360304);
    CHECK_STR(d.r.from_name, "مكتب الضبط");
    CHECK(d.r.to_name == NULL && d.r.attach_name == NULL);
    CHECK_STR(d.r.references, "a@b.test x@y.test");
    CHECK_STR(d.r.auto_submitted, "auto-replied");
    CHECK(d.r.n_vars == 4);  /* the NULL one is left out: unset */
    CHECK_STR(var(&d.r, "subject"), VARS[1].value);
    CHECK_STR(var(&d.r, "body"), VARS[3].value);
    CHECK_STR(var(&d.r, "empty"), "");
    CHECK(var(&d.r, "urgent") == NULL);
    recipe_decoded_free(&d);
    buf_free(&b);
    free(cause);
}

/* Decodes len bytes of s: 0 or -1 (and then a cause is given). */
static int try_decode(const char *s, size_t len)
{
    struct recipe_decoded d;
    char *cause = NULL;
    int rc = recipe_decode(s, len, &d, &cause);
    if (rc == 0)
        recipe_decoded_free(&d);
    else
        CHECK(cause != NULL);
    free(cause);
    return rc;
}

#define LIT(s) s, sizeof(s) - 1
#define HEAD "recipe\0" "1\0" "template\0" "ack\0" "template_sha256\0" "ab\0" \
             "from_addr\0" "a@b.test\0" "to_addr\0" "c@d.test\0"

static void test_refusals(void)
{
    CHECK(try_decode(LIT(HEAD "date\0" "17\0")) == 0);
    CHECK(try_decode(LIT("recipe\0" "2\0")) < 0);                      /* version */
    CHECK(try_decode(LIT(HEAD "date\0" "17\0" "colour\0" "red\0")) < 0);  /* unknown key */
    CHECK(try_decode(LIT(HEAD "date\0" "17\0" "to_addr\0" "e@f.test\0")) < 0); /* repeated */
    CHECK(try_decode(LIT(HEAD "date\0" "-17\0")) < 0);
    CHECK(try_decode(LIT(HEAD "date\0" "0\0")) < 0);
    CHECK(try_decode(LIT(HEAD "date\0" "99999999999999999999\0")) < 0);
    CHECK(try_decode(LIT(HEAD)) < 0);                                 /* no date */
    CHECK(try_decode(LIT(HEAD "date\0" "17")) < 0);                   /* no final NUL */
    CHECK(try_decode(LIT(HEAD "date\0" "17\0" "v:x\0")) < 0);         /* key alone */
    CHECK(try_decode(LIT(HEAD "date\0" "17\0" "v:x\0" "\xff\xfe\0")) < 0); /* not UTF-8 */
    CHECK(try_decode("", 0) < 0);
    struct buf b;
    buf_init(&b, RECIPE_MAX_SIZE);
    buf_append(&b, LIT(HEAD "date\0" "17\0"));
    for (int i = 0; i <= RECIPE_MAX_VARS; i++) {
        buf_printf(&b, "v:n%d", i);
        buf_putc(&b, '\0');
        buf_puts(&b, "v");
        buf_putc(&b, '\0');
    }
    CHECK(try_decode(b.data, b.len) < 0);                             /* too many vars */
    buf_free(&b);
}

static void test_mutations(void)
{
    struct recipe r = sample();
    struct buf b;
    encode(&r, &b);
    int ok = 0, refused = 0;
    for (size_t n = 0; n < b.len; n++)
        *(try_decode(b.data, n) == 0 ? &ok : &refused) += 1;
    CHECK(refused > 0);
    char *copy = malloc(b.len);
    for (size_t i = 0; i < b.len; i++) {
        static const unsigned char subst[] = {0, 0xff, 'x'};
        for (size_t k = 0; k < sizeof subst; k++) {
            memcpy(copy, b.data, b.len);
            copy[i] = (char)subst[k];
            *(try_decode(copy, b.len) == 0 ? &ok : &refused) += 1;
        }
    }
    CHECK(ok > 0 && refused > 0);
    free(copy);
    buf_free(&b);
}

static void test_stored_template(void)
{
    struct templates *disk = NULL, *stored = NULL;
    char *cause = NULL;
    const char *text = NULL, *sha = NULL;
    size_t len = 0;
    CHECK(templates_load(BUREAU_SOURCE_DIR "/templates", &disk, &cause) == 0);
    CHECK(templates_source(disk, "ack", &text, &len, &sha) == 0);
    CHECK(templates_source(disk, "no-such", &text, &len, &sha) < 0);
    CHECK(templates_source(disk, "routed", &text, &len, &sha) == 0 && strlen(sha) == 64);
    CHECK(templates_from_source("routed", text, len, &stored, &cause) == 0);
    struct tvar v[] = {{"number", "2026/000007"}, {"subject", "عنوان"}, {"body", "نص"}};
    struct rendered a, b;
    CHECK(templates_render(disk, "routed", v, 3, &a, &cause) == 0);
    CHECK(templates_render(stored, "routed", v, 3, &b, &cause) == 0);
    CHECK_STR(a.subject, b.subject);
    CHECK_STR(a.text, b.text);
    CHECK((!a.html && !b.html) || (a.html && b.html && strcmp(a.html, b.html) == 0));
    rendered_free(&a);
    rendered_free(&b);
    templates_free(stored);
    stored = NULL;
    CHECK(templates_from_source("x", LIT("no section\n"), &stored, &cause) < 0 && !stored);
    CHECK(templates_from_source("x", LIT("[subject]\n\xff\n[text]\nt\n"), &stored, &cause) < 0);
    templates_free(disk);
    free(cause);
}

int main(void)
{
    test_round_trip();
    test_refusals();
    test_mutations();
    test_stored_template();
    T_END();
}
