/* search.c — see search.h */
#include "bureau/search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bureau/norm.h"
#include "bureau/util.h"

#define MAX_FORMS 8
#define QUERY_MAX (SEARCH_MAX_TERMS * MAX_FORMS * (SEARCH_MAX_WORD + 8) * 2 + 64)

/* The forms one word of the query may take in the index. */
struct forms {
    char *v[MAX_FORMS];
    int n;
    int prefix;
};

static void forms_add(struct forms *f, const char *p, size_t n, const char *suffix)
{
    if (f->n == MAX_FORMS || n == 0)
        return;
    char *s = xasprintf("%.*s%s", (int)n, p, suffix ? suffix : "");
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->v[i], s) == 0) {
            free(s);
            return;
        }
    f->v[f->n++] = s;
}

static void forms_free(struct forms *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    f->n = 0;
}

static int word_char(int32_t c)
{
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_CO:
        return 1;
    default:
        return 0;
    }
}

/* Length of the code point at s[0..n) (1 for an invalid byte); its value in *cp. */
static size_t next_cp(const char *s, size_t n, int32_t *cp)
{
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, cp);
    if (k <= 0) {
        *cp = -1;
        return 1;
    }
    return (size_t)k;
}

static size_t n_letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t sl = strlen(suffix);
    return n > sl && memcmp(w + n - sl, suffix, sl) == 0;
}

static int is_arabic(const char *w, size_t n)
{
    int32_t c;
    next_cp(w, n, &c);
    return c >= 0x0621 && c <= 0x064A;
}

static int is_latin(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (w[i] < 'a' || w[i] > 'z')
            return 0;
    return 1;
}

/* Two-letter words that are particles, not stems: الما is not ما, الان not ان. */
static int particle(const char *w, size_t n)
{
    static const char *const p[] = {"ما", "لا", "من", "في", "عن", "ان", "لم", "لن", "قد", "هو",
                                    "هي", "هم", "كل", "اي", "او", "ثم", "يا", "ذا", "بل", "لو"};
    for (size_t i = 0; i < BU_ARRAY_LEN(p); i++)
        if (strlen(p[i]) == n && memcmp(w, p[i], n) == 0)
            return 1;
    return 0;
}

/* Singular and plural of an Arabic word (normalised: ة is ه). */
static void arabic_numbers(struct forms *f, const char *w, size_t n)
{
    static const char *const swap[][2] = {{"ات", "ه"}, {"ه", "ات"}, {"ون", "ين"}, {"ين", "ون"}};
    if (n_letters(w, n) < 3)
        return;
    for (size_t i = 0; i < BU_ARRAY_LEN(swap); i++) {
        size_t sl = strlen(swap[i][0]);
        if (ends_with(w, n, swap[i][0]) && n_letters(w, n - sl) >= 2) {
            forms_add(f, w, n - sl, swap[i][1]);
            if (i >= 2 && n_letters(w, n - sl) >= 3)
                forms_add(f, w, n - sl, NULL);
            return;
        }
    }
    forms_add(f, w, n, "ات");
    forms_add(f, w, n, "ون");
    forms_add(f, w, n, "ين");
}

/* Singular and plural of a French word (normalised: lower case, no accents). */
static void latin_numbers(struct forms *f, const char *w, size_t n)
{
    if (n < 3)
        return;
    if (n >= 5 && ends_with(w, n, "aux") && !ends_with(w, n, "eaux")) {
        forms_add(f, w, n - 3, "al");
        forms_add(f, w, n - 3, "ail");
    } else if (n >= 4 && (w[n - 1] == 's' || w[n - 1] == 'x')) {
        forms_add(f, w, n - 1, NULL);
    } else {
        forms_add(f, w, n, "s");
        if (ends_with(w, n, "al"))
            forms_add(f, w, n - 2, "aux");
        if (ends_with(w, n, "au") || ends_with(w, n, "eu"))
            forms_add(f, w, n, "x");
    }
}

static void word_forms(struct forms *f, const char *w, size_t n, int prefix)
{
    f->prefix = prefix;
    forms_add(f, w, n, NULL);
    const char *core = w;
    size_t cn = n;
    if (is_arabic(w, n)) {
        size_t at = norm_stem(w, n);
        if (at && !(n_letters(w + at, n - at) == 2 && particle(w + at, n - at))) {
            core = w + at;
            cn = n - at;
            forms_add(f, core, cn, NULL);
        }
        if (!prefix)
            arabic_numbers(f, core, cn);
    } else if (!prefix && is_latin(w, n)) {
        latin_numbers(f, w, n);
    }
}

/* A quoted FTS5 string: the words hold no quote, but a phrase is built
 * from them and the escape costs nothing. */
static void put_string(struct buf *q, const char *s, int prefix)
{
    buf_putc(q, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_putc(q, '"');
        buf_putc(q, *s);
    }
    buf_putc(q, '"');
    if (prefix)
        buf_putc(q, '*');
}

static void put_group(struct buf *q, int *terms, const struct forms *f)
{
    if ((*terms)++)
        buf_puts(q, " AND ");
    if (f->n > 1)
        buf_putc(q, '(');
    for (int i = 0; i < f->n; i++) {
        if (i)
            buf_puts(q, " OR ");
        put_string(q, f->v[i], f->prefix);
    }
    if (f->n > 1)
        buf_putc(q, ')');
}

/* The length of the word at s[0..n) (0 when s does not start one), cut at
 * SEARCH_MAX_WORD bytes on a character boundary; *end gets where it ends. */
static size_t word_at(const char *s, size_t n, size_t *end)
{
    size_t i = 0, keep = 0;
    while (i < n) {
        int32_t c;
        size_t k = next_cp(s + i, n - i, &c);
        if (c < 0 || !word_char(c))
            break;
        i += k;
        if (i <= SEARCH_MAX_WORD)
            keep = i;
    }
    *end = i;
    return keep;
}

char *search_fts_query(const char *text)
{
    if (!text)
        return NULL;
    size_t n;
    char *t = norm_text(text, strlen(text), &n);
    struct buf q, phrase;
    buf_init(&q, QUERY_MAX);
    buf_init(&phrase, SEARCH_MAX_TERMS * (SEARCH_MAX_WORD + 1) + 1);
    int terms = 0, in_phrase = 0, phrase_words = 0;
    size_t i = 0;
    while (i < n && terms < SEARCH_MAX_TERMS) {
        size_t end, len = word_at(t + i, n - i, &end);
        end += i;
        if (len) {
            int prefix = !in_phrase && end < n && t[end] == '*';
            if (in_phrase) {
                if (phrase_words++ < SEARCH_MAX_TERMS) {
                    if (phrase.len)
                        buf_putc(&phrase, ' ');
                    buf_append(&phrase, t + i, len);
                }
            } else {
                struct forms f = {0};
                word_forms(&f, t + i, len, prefix);
                put_group(&q, &terms, &f);
                forms_free(&f);
            }
            i = end;
            continue;
        }
        if (t[i] == '"') {
            if (in_phrase && phrase.len) {
                struct forms f = {.v = {phrase.data}, .n = 1};
                put_group(&q, &terms, &f);
                buf_reset(&phrase);
            }
            in_phrase = !in_phrase;
            phrase_words = 0;
        }
        int32_t c;
        i += next_cp(t + i, n - i, &c);
    }
    if (in_phrase && phrase.len && terms < SEARCH_MAX_TERMS) { /* no closing quote */
        struct forms f = {.v = {phrase.data}, .n = 1};
        put_group(&q, &terms, &f);
    }
    buf_free(&phrase);
    free(t);
    if (!terms) {
        buf_free(&q);
        return NULL;
    }
    return buf_steal(&q);
}
