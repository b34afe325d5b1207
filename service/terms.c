/* terms.c — see terms.h. */
#include "bureau/terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/norm.h"
#include "bureau/util.h"

static const char *const stop_words[] = {
    /* French */
    "aux", "avec", "bonjour", "cette", "ces", "chez", "comme", "dans", "des", "elle", "est",
    "etre", "leur", "les", "madame", "mais", "merci", "mes", "monsieur", "nos", "notre",
    "nous", "objet", "par", "pas", "plus", "pour", "que", "qui", "sont", "sur", "une", "vos",
    "votre", "vous", "depuis", "tres", "tout", "tous", "fait", "faire", "cordialement",
    "salutations", "veuillez", "agreer", "messieurs", "sont", "ete", "avoir", "aussi",
    /* Arabic (normalised: ة -> ه, أ -> ا) */
    "التي", "الذي", "الى", "السلام", "السيد", "انه", "بعد", "تحيه", "ذلك", "عليكم", "على",
    "عن", "في", "قد", "كان", "لقد", "ما", "مع", "من", "هذا", "هذه", "هو", "هي", "وبعد",
    "ورحمه", "وبركاته", "الله", "شكرا", "المحترم", "فيه", "لكم", "نحن", "انا",
    /* Darija in Latin letters */
    "dyal", "dial", "bach", "wach", "hna", "had", "fin", "ana", "salam", "3lik", "3likom",
    "chokran", "bzaf",
};

static int is_stop(const char *w, size_t n)
{
    for (size_t i = 0; i < BU_ARRAY_LEN(stop_words); i++)
        if (strlen(stop_words[i]) == n && memcmp(stop_words[i], w, n) == 0)
            return 1;
    return 0;
}

/* A letter of normalised text: ASCII a-z, or any byte of a multibyte
 * character (Arabic, and what normalisation left of others). */
static int letter(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

static size_t chars(const char *w, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)w[i] & 0xc0) != 0x80;
    return k;
}

int terms_arabic(const char *w)
{
    unsigned char c = (unsigned char)w[0];
    return c >= 0xd8 && c <= 0xdb;
}

/* The word a term counts: an Arabic word without its article and clitic
 * (الطريق and طريق are one term), a Latin word as it is. */
static void word_span(const char *w, size_t n, const char **out, size_t *on)
{
    size_t k = terms_arabic(w) ? norm_stem(w, n) : 0;
    *out = w + k;
    *on = n - k;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct terms of a normalised text: words of 3 characters or more
 * that are not function words, and each pair of such words that follow one
 * another ("w1 w2") on a line, with nothing but spaces, apostrophes or
 * hyphens between them. */
size_t terms_of(const char *t, char ***out)
{
    size_t cap = 64, n = 0;
    char **v = xcalloc(cap, sizeof *v);
    const char *prev = NULL;
    size_t prevn = 0;
    for (const char *p = t; *p && n + 2 < TERMS_MAX * 2;) {
        if (!letter((unsigned char)*p)) {
            if (*p != ' ' && *p != '\t' && *p != '\'' && *p != '-')
                prev = NULL; /* a number, a line end or punctuation breaks a phrase */
            p++;
            continue;
        }
        const char *s = p;
        while (*p && letter((unsigned char)*p))
            p++;
        const char *w;
        size_t wn;
        word_span(s, (size_t)(p - s), &w, &wn);
        if (chars(w, wn) < 3 || chars(w, wn) > 30 || is_stop(w, wn) || is_stop(s, (size_t)(p - s))) {
            prev = NULL;
            continue;
        }
        if (n + 2 >= cap) {
            cap *= 2;
            v = xrealloc(v, cap * sizeof *v);
        }
        v[n++] = xstrndup(w, wn);
        if (prev)
            v[n++] = xasprintf("%.*s %.*s", (int)prevn, prev, (int)wn, w);
        prev = w;
        prevn = wn;
    }
    qsort(v, n, sizeof *v, cmp_str);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (o && !strcmp(v[o - 1], v[i])) {
            free(v[i]);
            continue;
        }
        v[o++] = v[i];
    }
    if (o > TERMS_MAX) {
        for (size_t i = TERMS_MAX; i < o; i++)
            free(v[i]);
        o = TERMS_MAX;
    }
    *out = v;
    return o;
}

void terms_free(char **v, size_t n)
{
    for (size_t i = 0; i < n && v; i++)
        free(v[i]);
    free(v);
}

