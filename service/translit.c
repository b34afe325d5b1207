/* translit.c — see translit.h */
#include "bureau/translit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/norm.h"
#include "bureau/util.h"

#define SKEL_MAX_WORD 128  /* letters of one word looked at */
#define SKEL_VOWEL 0x0627  /* ا: where a word has one or more vowels */
#define SKEL_HAMZA (-1)    /* ء ئ ؤ, 2: nothing at all */

/* U+0621..U+064A (ء..ي): norm_text's Arabic letters, two bytes each. */
static int32_t ar_cp(const unsigned char *s, size_t n)
{
    if (n < 2 || (s[0] != 0xD8 && s[0] != 0xD9) || (s[1] & 0xC0) != 0x80)
        return 0;
    int32_t c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    return c >= 0x0621 && c <= 0x064A && c != 0x0640 ? c : 0;
}

/* The skeleton letter of an Arabic letter, 0 when it is dropped. Arabic
 * script keeps ض د, ط ت, ص س, ح ه apart; it merges only what Darija
 * writers swap (ذ -> د, ث -> ت, ظ -> ض). */
static int32_t skel_ar(int32_t c)
{
    switch (c) {
    case 0x0621: case 0x0624: case 0x0626:
        return SKEL_HAMZA;
    case 0x0622: case 0x0623: case 0x0625: case 0x0627: case 0x0648: case 0x0649: case 0x064A:
        return SKEL_VOWEL;
    case 0x0630: return 0x062F;  /* ذ -> د */
    case 0x062B: return 0x062A;  /* ث -> ت */
    case 0x0638: return 0x0636;  /* ظ -> ض */
    case 0x0629: return 0x0647;  /* ة -> ه */
    default: return c;
    }
}

/* The skeleton letter of a Latin letter or digit (after the digraphs):
 * SKEL_VOWEL for a e i o u w y, SKEL_HAMZA for 2 and the other digits.
 * d t s h stay Latin: each stands for two Arabic letters (d = د or ض, t =
 * ت or ط, s = س or ص, h = ه or ح), which a pattern's letters accept. */
static int32_t skel_lat(unsigned char c)
{
    static const int32_t az[26] = {
        SKEL_VOWEL, 0x0628, 0x0643, 'd',    SKEL_VOWEL, 0x0641, 0x0643, 'h',    SKEL_VOWEL,
        0x062C,     0x0643, 0x0644, 0x0645, 0x0646,     SKEL_VOWEL, 0x0628, 0x0642, 0x0631,
        's',        't',    SKEL_VOWEL, 0x0641, SKEL_VOWEL, 0x0634, SKEL_VOWEL, 0x0632,
    };  /* a b c d e f g h i j k l m n o p q r s t u v w x y z */
    if (c >= 'a' && c <= 'z')
        return az[c - 'a'];
    switch (c) {
    case '3': return 0x0639;  /* ع */
    case '7': return 0x062D;  /* ح */
    case '9': return 0x0642;  /* ق */
    case '5': return 0x062E;  /* خ */
    default: return SKEL_HAMZA;
    }
}

/* The Latin letter that also stands for a skeleton letter, or 0. */
static char latin_of(int32_t c)
{
    switch (c) {
    case 0x062F: case 0x0636: return 'd';
    case 0x062A: case 0x0637: return 't';
    case 0x0633: case 0x0635: return 's';
    case 0x0647: case 0x062D: return 'h';
    default: return 0;
    }
}

/* The merged letter: what a skeleton letter becomes in the prefilter's
 * copy, where every pair a Latin letter stands for is one letter. */
static int32_t merged(int32_t c)
{
    switch (c) {
    case 'd': case 0x0636: return 0x062F;
    case 't': case 0x0637: return 0x062A;
    case 's': case 0x0635: return 0x0633;
    case 'h': case 0x0647: return 0x062D;
    default: return c;
    }
}

enum emit { EMIT_TEXT, EMIT_MERGED, EMIT_PATTERN, EMIT_CLASS };

static void emit_cp(struct buf *o, int32_t c)
{
    if (c < 0x80) {
        buf_putc(o, (char)c);
        return;
    }
    buf_putc(o, (char)(0xC0 | (c >> 6)));
    buf_putc(o, (char)(0x80 | (c & 0x3F)));
}

/* One skeleton letter: as it is (a shadow), merged (the prefilter's copy
 * and literals), or as what a pattern accepts for it ([دd], or dd inside
 * a class). */
static void emit_letter(struct buf *o, int32_t c, enum emit mode)
{
    char l = latin_of(c);
    if (c == SKEL_VOWEL && mode == EMIT_MERGED)
        return;
    if (mode == EMIT_MERGED)
        c = merged(c);
    if (l && mode == EMIT_PATTERN)
        buf_putc(o, '[');
    emit_cp(o, c);
    if (l && mode >= EMIT_PATTERN)
        buf_putc(o, l);
    if (l && mode == EMIT_PATTERN)
        buf_putc(o, ']');
}

struct skel {
    int32_t v[SKEL_MAX_WORD];  /* letters and SKEL_VOWEL */
    size_t n;
    size_t consonants;
};

/* A letter or a run of vowels written twice in a row (ddaw, lmaa) is
 * written once; the same letter on both sides of a vowel (قانون) twice. */
static void skel_push(struct skel *k, int32_t c)
{
    if (c == SKEL_HAMZA || k->n >= SKEL_MAX_WORD || (k->n && k->v[k->n - 1] == c))
        return;
    k->v[k->n++] = c;
    k->consonants += c != SKEL_VOWEL;
}

static void skel_emit(const struct skel *k, struct buf *o, enum emit mode)
{
    for (size_t i = 0; i < k->n; i++)
        emit_letter(o, k->v[i], mode);
}

/* An Arabic word w[0..n) (letters only): strip_article drops a leading
 * article with its clitics, drop_final a final ه/ة. */
static void skel_arabic(const char *w, size_t n, int strip_article, int drop_final,
                        struct skel *k)
{
    const unsigned char *u = (const unsigned char *)w;
    size_t at = strip_article ? norm_stem(w, n) : 0;
    if (drop_final && n >= at + 4 && (ar_cp(u + n - 2, 2) == 0x0647 || ar_cp(u + n - 2, 2) == 0x0629))
        n -= 2;
    k->n = 0, k->consonants = 0;
    for (size_t i = at; i + 1 < n; i += 2)
        skel_push(k, skel_ar(ar_cp(u + i, 2)));
}

static int lat_vowel(unsigned char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
}

static int lat_consonant(unsigned char c)
{
    return (c >= 'a' && c <= 'z' && !lat_vowel(c)) || c == '3' || c == '7' || c == '9' || c == '5';
}

/* Where the word starts after the article: l-, ll-, el-, al-, and the
 * clitics w- f- b- k- before it, when a consonant (or w, y, 2) follows the l and at
 * least two characters remain (lma, l7efra, wlma, fl7ouma, el9anoun). */
static size_t lat_article(const unsigned char *s, size_t n)
{
    size_t p = 0;
    if (n > 2 && (s[0] == 'w' || s[0] == 'f' || s[0] == 'b' || s[0] == 'k') && s[1] == 'l')
        p = 1;
    else if (n > 2 && (s[0] == 'e' || s[0] == 'a') && s[1] == 'l')
        p = 1;
    if (s[p] != 'l' || n < p + 3)
        return 0;
    size_t q = p + 1 + (s[p + 1] == 'l');
    int next = lat_consonant(s[q]) || s[q] == 'w' || s[q] == 'y' || s[q] == '2';
    return q + 2 <= n && next && s[q] != 'l' ? q : 0;
}

/* A Latin word w[0..n) ([a-z0-9] only). */
static void skel_latin(const char *w, size_t n, struct skel *k)
{
    static const struct {
        char a, b;
        int32_t c;
    } di[] = {{'k', 'h', 0x062E}, {'g', 'h', 0x063A}, {'c', 'h', 0x0634}, {'s', 'h', 0x0634},
              {'t', 'h', 't'}, {'d', 'h', 'd'}, {'p', 'h', 0x0641}};
    const unsigned char *s = (const unsigned char *)w;
    k->n = 0, k->consonants = 0;
    if (n > 2 && s[n - 1] == 'h' && lat_vowel(s[n - 2]))
        n--;  /* a final -ah, -eh: the ه of a pronoun or a ta marbuta */
    for (size_t i = lat_article(s, n); i < n; i++) {
        if (i + 2 < n && s[i] == s[i + 1] && s[i + 2] == 'h' && strchr("kgcsdt", s[i]))
            continue;  /* a doubled digraph: cch, kkh, ggh */
        int32_t c = skel_lat(s[i]);
        for (size_t d = 0; i + 1 < n && d < BU_ARRAY_LEN(di); d++)
            if (s[i] == di[d].a && s[i + 1] == di[d].b) {
                c = di[d].c;
                i++;
                break;
            }
        skel_push(k, c);
    }
}

static int lat_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The length of the word at s (Arabic letters, or Latin letters and
 * digits), 0 when s does not start one; *arabic says which. */
static size_t word_at(const unsigned char *s, size_t n, int *arabic)
{
    size_t i = 0;
    *arabic = ar_cp(s, n) != 0;
    if (*arabic) {
        while (i + 1 < n && ar_cp(s + i, n - i))
            i += 2;
        return i;
    }
    int letter = 0;
    while (i < n && lat_char(s[i]))
        letter |= s[i++] >= 'a';
    return letter ? i : 0;
}

static size_t skip_char(const unsigned char *s, size_t n)
{
    size_t k = 1;
    while (k < n && (s[k] & 0xC0) == 0x80)
        k++;
    return k;
}

/* French function words: never arabizi, and `de` would meet the skeleton
 * of الضو. */
static int french_word(const unsigned char *w, size_t n)
{
    static const char *const fr[] = {
        "le", "les", "de", "des", "du", "un", "une", "et", "est", "sont", "pour", "par",
        "dans", "sur", "avec", "que", "qui", "pas", "nous", "vous", "je", "il", "elle", "ils",
        "ce", "cette", "ces", "au", "aux", "mon", "mes", "votre", "vos", "notre", "nos", "ne",
        "plus", "mais", "depuis", "ont", "ete", "etre", "avoir", "fait", "tres", "leur",
        "leurs", "en", "d", "l", "qu", "n", "s", "c", "j", "m", "t", "y", "a", "la", "ou",
        "se", "sa", "son", "ses", "on", "car", "sans", "chez", "si", "cela", "ca"};
    if (n > 6)  /* none is longer */
        return 0;
    for (size_t i = 0; i < BU_ARRAY_LEN(fr); i++)
        if (fr[i][0] == w[0] && strlen(fr[i]) == n && memcmp(fr[i], w, n) == 0)
            return 1;
    return 0;
}

/* The Latin words of the text are French rather than arabizi: one in
 * five or more is a French function word (at least four Latin words). */
int translit_french(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t words = 0, fr = 0;
    for (size_t i = 0; i < n;) {
        int arabic;
        size_t w = word_at(s + i, n - i, &arabic);
        if (!w) {
            i += skip_char(s + i, n - i);
            continue;
        }
        if (!arabic)
            words++, fr += french_word(s + i, w) && w > 1;
        i += w;
    }
    return words >= 4 && fr * 5 >= words;
}

int translit_message_french(const char *subject, size_t sn, const char *body, size_t bn)
{
    return translit_french(body, bn) || (bn < 16 && translit_french(subject, sn));
}

char *translit_merged(const char *shadow, size_t n, size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)shadow;
    struct buf o;
    buf_init(&o, 2 * n + 16);
    for (size_t i = 0; i < n; i++) {
        int32_t c = s[i];
        if (c >= 0x80 && i + 1 < n) {
            c = ((s[i] & 0x1F) << 6) | (s[i + 1] & 0x3F);
            i++;
        }
        emit_letter(&o, c, EMIT_MERGED);
    }
    if (outlen)
        *outlen = o.len;
    return buf_steal(&o);
}

char *translit_shadow(const char *norm, size_t n, int french, size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)norm;
    struct buf o;
    struct skel k;
    int latin = !french;
    buf_init(&o, 2 * n + 16);
    for (size_t i = 0; i < n;) {
        int arabic;
        size_t w = word_at(s + i, n - i, &arabic);
        if (!w) {
            i += skip_char(s + i, n - i);
            continue;
        }
        k.n = 0, k.consonants = 0;
        if (arabic)
            ;  /* Arabic-script words meet the patterns as written */
        else if (latin && !french_word(s + i, w))
            skel_latin(norm + i, w, &k);
        if (k.consonants && o.len)
            buf_putc(&o, ' ');
        if (!k.consonants)
            k.n = 0;
        skel_emit(&k, &o, EMIT_TEXT);
        i += w;
    }
    if (outlen)
        *outlen = o.len;
    return buf_steal(&o);
}

/* --- patterns ------------------------------------------------------------ */

struct pt {
    const unsigned char *s;
    size_t n;
    size_t i;
    struct buf o;
    int arabic;  /* the most consonants of one word (in this top-level alternative) */
    int bad;     /* a construct that cannot be carried over */
    enum emit mode;  /* EMIT_PATTERN, or EMIT_MERGED for the literals */
};

static void pt_copy(struct pt *p, size_t k)
{
    if (p->i + k > p->n)
        k = p->n - p->i;
    buf_append(&p->o, p->s + p->i, k);
    p->i += k;
}

static void pt_copy_until(struct pt *p, unsigned char stop)
{
    size_t j = p->i;
    while (j < p->n && p->s[j] != stop)
        j++;
    pt_copy(p, j < p->n ? j - p->i + 1 : j - p->i);
}

/* The length of a quantifier at s[i..n) (0: none); *zero when it allows
 * no repetition. */
static size_t quant_len(const unsigned char *s, size_t n, size_t i, int *zero)
{
    size_t j = i;
    *zero = 0;
    if (j >= n)
        return 0;
    if (s[j] == '?' || s[j] == '*') {
        *zero = 1, j++;
    } else if (s[j] == '+') {
        j++;
    } else if (s[j] == '{') {
        size_t k = j + 1;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            k++;
        if (k == j + 1)
            return 0;
        *zero = s[j + 1] == '0' && k == j + 2;
        while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == ','))
            k++;
        if (k >= n || s[k] != '}')
            return 0;
        j = k + 1;
    } else {
        return 0;
    }
    if (j < n && (s[j] == '?' || s[j] == '+'))
        j++;
    return j - i;
}

static int pt_quant(struct pt *p)
{
    int zero;
    pt_copy(p, quant_len(p->s, p->n, p->i, &zero));
    return zero;
}

static int pt_alternation(struct pt *p, int ws);

/* An escape; returns the word-start state after it. */
static int pt_escape(struct pt *p, int ws)
{
    unsigned char e = p->i + 1 < p->n ? p->s[p->i + 1] : 0;
    if (e == 'Q' || e == 'g' || e == 'k' || (e >= '1' && e <= '9')) {
        p->bad = 1;
        p->i = p->n;
        return ws;
    }
    pt_copy(p, 2);
    if (e == 'x' || e == 'p' || e == 'P' || e == 'N' || e == 'o') {
        if (p->i < p->n && p->s[p->i] == '{')
            pt_copy_until(p, '}');
    } else if (e == 'c') {
        pt_copy(p, 1);
    }
    pt_quant(p);
    if (e >= 0x80)
        return 0;
    return !strchr("wWdDSBpPNxXo", e) || e == 'W';
}

/* The length of a class of clitic letters only ([وفبل]): at the start
 * of a word it is dropped like the clitic groups. */
static int clitic_class(const struct pt *p)
{
    size_t j = p->i + 1;
    while (j + 1 < p->n && p->s[j] != ']') {
        int32_t c = ar_cp(p->s + j, p->n - j);
        if (c != 0x0648 && c != 0x0641 && c != 0x0628 && c != 0x0644 && c != 0x0643)
            return 0;
        j += 2;
    }
    if (j >= p->n || p->s[j] != ']' || j == p->i + 1)
        return 0;
    return (int)(j + 1 - p->i);
}

/* A character class: its Arabic members mapped (a vowel as the vowel);
 * in merged letters one that holds a vowel becomes optional, one that
 * holds nothing else vanishes. */
static void pt_class(struct pt *p, int *ws)
{
    size_t start = p->o.len;
    int optional = 0, kept = 0, zero, negated = p->i + 1 < p->n && p->s[p->i + 1] == '^';
    int cl = *ws ? clitic_class(p) : 0;
    if (cl) {
        p->i += (size_t)cl;
        p->i += quant_len(p->s, p->n, p->i, &zero);
        return;
    }
    if (negated) {
        size_t j = p->i + 2;
        while (j < p->n && (p->s[j] != ']' || j == p->i + 2)) {
            j += p->s[j] == '\\' ? 2 : 1;
        }
        pt_copy(p, j < p->n ? j - p->i + 1 : j - p->i);
        pt_quant(p);
        *ws = 0;
        return;
    }
    pt_copy(p, 1);
    if (p->i < p->n && p->s[p->i] == ']')
        pt_copy(p, 1);  /* []...]: a literal ] first */
    while (p->i < p->n && p->s[p->i] != ']') {
        int32_t c = ar_cp(p->s + p->i, p->n - p->i);
        int range = p->i + 2 < p->n && p->s[p->i + 2] == '-';
        if (c && !range && !(p->i > 0 && p->s[p->i - 1] == '-')) {
            int32_t m = skel_ar(c);
            p->i += 2;
            if (m == SKEL_HAMZA || (m == SKEL_VOWEL && p->mode == EMIT_MERGED)) {
                optional = 1;
                continue;
            }
            emit_letter(&p->o, m, p->mode == EMIT_PATTERN ? EMIT_CLASS : EMIT_MERGED);
            kept = 1;
            continue;
        }
        if (p->s[p->i] == '\\')
            pt_copy(p, 1);
        else if (p->s[p->i] == '[' && p->i + 1 < p->n && p->s[p->i + 1] == ':') {
            pt_copy_until(p, ']');
            kept = 1;
            continue;
        }
        pt_copy(p, skip_char(p->s + p->i, p->n - p->i));
        kept = 1;
    }
    pt_copy(p, 1);
    if (optional && !kept) {
        p->o.len = start;
        p->i += quant_len(p->s, p->n, p->i, &zero);
        return;
    }
    if (optional) {
        char *cls = xstrndup(p->o.data + start, p->o.len - start);
        p->o.len = start;
        buf_puts(&p->o, "(?:");
        buf_puts(&p->o, cls);
        free(cls);
        pt_quant(p);
        buf_puts(&p->o, ")?");
    } else {
        pt_quant(p);
    }
    *ws = 0;
}

static int pt_group_header(struct pt *p)
{
    const unsigned char *s = p->s;
    pt_copy(p, 1);
    if (p->i < p->n && s[p->i] == '*') {
        pt_copy_until(p, ')');
        return 1;
    }
    if (p->i >= p->n || s[p->i] != '?')
        return 0;
    unsigned char c = p->i + 1 < p->n ? s[p->i + 1] : 0;
    if (c == '(' || c == 'R' || c == '&' || c == 'C' || (c >= '0' && c <= '9') || c == '+' ||
        (c == 'P' && p->i + 2 < p->n && (s[p->i + 2] == '>' || s[p->i + 2] == '='))) {
        p->bad = 1;
        p->i = p->n;
        return 1;
    }
    if (c == '#') {
        pt_copy_until(p, ')');
        return 1;
    }
    pt_copy(p, 2);
    if (c == '<' && p->i < p->n && s[p->i] != '=' && s[p->i] != '!')
        pt_copy_until(p, '>');
    else if (c == '<')
        pt_copy(p, 1);
    else if (c == 'P')
        pt_copy_until(p, '>');
    else if (c == '\'')
        pt_copy_until(p, '\'');
    else if (c != ':' && c != '=' && c != '!' && c != '>' && c != '|') {
        while (p->i < p->n && s[p->i] != ')' && s[p->i] != ':')
            pt_copy(p, 1);
        if (p->i < p->n && s[p->i] == ')') {
            pt_copy(p, 1);
            return 1;  /* (?i) and the like: zero-width */
        }
        pt_copy(p, 1);
    }
    return 0;
}

static int pt_group(struct pt *p, int ws)
{
    if (pt_group_header(p))
        return ws;
    int end = pt_alternation(p, ws);
    if (p->i < p->n && p->s[p->i] == ')')
        pt_copy(p, 1);
    int zero = pt_quant(p);
    return zero ? ws : end;  /* an optional group: a prefix at most */
}

/* A word of a pattern: a vowel inside the word is required (any vowel
 * of the text, or several), one at either end may be absent, and so may
 * one between two consonants (a short vowel arabizi writes) or after the
 * last one when the word ends there (at_end); end: anchor the end too. In merged letters, only the consonants. */
static void pt_run(struct pt *p, const struct skel *k, int at_end, int end)
{
    for (size_t i = 0; i < k->n; i++) {
        int32_t c = k->v[i];
        if (p->mode == EMIT_MERGED) {
            emit_letter(&p->o, c, EMIT_MERGED);
            continue;
        }
        emit_letter(&p->o, c, EMIT_PATTERN);
        if (c == SKEL_VOWEL && (i == 0 || i + 1 == k->n))
            buf_putc(&p->o, '?');
        else if (c != SKEL_VOWEL && i + 1 < k->n && k->v[i + 1] != SKEL_VOWEL)
            buf_puts(&p->o, "ا?");
    }
    if (at_end && p->mode != EMIT_MERGED && k->v[k->n - 1] != SKEL_VOWEL)
        buf_puts(&p->o, "ا?");
    if (end)
        buf_puts(&p->o, "\\b");
}

/* The next token after an Arabic run ends a word. */
static int word_ends(const struct pt *p, size_t j)
{
    if (j >= p->n)
        return 1;
    unsigned char c = p->s[j];
    if (c == '\\' && j + 1 < p->n)
        return strchr("sbWhRnrt", p->s[j + 1]) != NULL && p->s[j + 1] != 0;
    return c == '|' || c == ')' || c == '$' || (c < 0x80 && !lat_char(c) && c != '(' &&
                                                 c != '[' && c != '.' && c != '{');
}

/* A run that is only clitics and the article: ال وال بال فال كال لل, or one
 * of و ف ب ل ك standing alone before the end of an alternative. */
static int clitics_only(const unsigned char *s, size_t n, int at_end)
{
    static const char *const art[] = {"ال", "وال", "بال", "فال", "كال", "لل", "ولل"};
    for (size_t i = 0; i < BU_ARRAY_LEN(art); i++)
        if (n == strlen(art[i]) && memcmp(s, art[i], n) == 0)
            return 1;
    if (n == 2 && at_end) {
        int32_t c = ar_cp(s, n);
        return c == 0x0648 || c == 0x0641 || c == 0x0628 || c == 0x0644 || c == 0x0643;
    }
    return 0;
}

/* A letter at s[j] followed by a quantifier. */
static int quantified(const struct pt *p, size_t j)
{
    int zero;
    return quant_len(p->s, p->n, j + 2, &zero) > 0;
}

static int pt_letters(struct pt *p, int ws)
{
    size_t start = p->i, j = p->i;
    while (j + 1 < p->n && ar_cp(p->s + j, p->n - j) && !quantified(p, j))
        j += 2;
    if (j == start) {  /* one letter with a quantifier */
        int32_t m = skel_ar(ar_cp(p->s + j, p->n - j));
        int zero;
        p->i += 2;
        if (m == SKEL_HAMZA || (m == SKEL_VOWEL && p->mode == EMIT_MERGED)) {
            p->i += quant_len(p->s, p->n, p->i, &zero);
            return ws;
        }
        emit_letter(&p->o, m, p->mode);
        if (m == SKEL_VOWEL)
            p->i += quant_len(p->s, p->n, p->i, &zero), buf_putc(&p->o, '?');
        else
            pt_quant(p);
        return 0;
    }
    int at_end = word_ends(p, j);
    p->i = j;
    if (ws && clitics_only(p->s + start, j - start, at_end))
        return ws;
    struct skel k;
    skel_arabic((const char *)p->s + start, j - start, ws, at_end, &k);
    if (!k.n)
        return ws;
    if (ws)
        buf_puts(&p->o, "\\b");
    pt_run(p, &k, at_end, ws && at_end && (k.consonants <= 2 || k.v[k.n - 1] == SKEL_VOWEL));
    if ((int)k.consonants > p->arabic)
        p->arabic = (int)k.consonants;
    return 0;
}

/* One alternative up to '|', ')' or the end; the word-start state at its
 * end. */
static int pt_sequence(struct pt *p, int ws)
{
    while (p->i < p->n && !p->bad) {
        unsigned char c = p->s[p->i];
        if (c == '|' || c == ')')
            break;
        if (c == '\\' && p->i + 1 < p->n && p->s[p->i + 1] >= 0x80)
            p->i++;  /* an escaped letter is the letter */
        else if (c == '\\')
            ws = pt_escape(p, ws);
        else if (c == '[')
            pt_class(p, &ws);
        else if (c == '(')
            ws = pt_group(p, ws);
        else if (ar_cp(p->s + p->i, p->n - p->i))
            ws = pt_letters(p, ws);
        else if (c == '^')
            pt_copy(p, 1), ws = 1;
        else if (c == '$')
            pt_copy(p, 1);
        else {
            pt_copy(p, skip_char(p->s + p->i, p->n - p->i));
            pt_quant(p);
            ws = c < 0x80 && !lat_char(c) && c != '.';
        }
    }
    return ws;
}

/* The alternatives of a group. Its longest word counts as the shortest
 * of its alternatives' longest words: (?:دوريه|عامل الاقليم) is as
 * specific as دوريه. */
static int pt_alternation(struct pt *p, int ws)
{
    int end = 1, outer = p->arabic, least = -1;
    for (;;) {
        p->arabic = 0;
        end &= pt_sequence(p, ws);
        if (least < 0 || p->arabic < least)
            least = p->arabic;
        if (p->bad || p->i >= p->n || p->s[p->i] != '|')
            break;
        pt_copy(p, 1);
    }
    p->arabic = outer > least ? outer : least;
    return end;
}

char *translit_pattern(const char *norm, size_t n, int literals, size_t *outlen)
{
    struct pt p = {(const unsigned char *)norm, n, 0, {0}, 0, 0,
                   literals ? EMIT_MERGED : EMIT_PATTERN};
    struct buf all;
    buf_init(&p.o, 16 * n + 64);  /* a letter grows to [ضd]ا? at most */
    buf_init(&all, 16 * n + 64);
    while (p.i <= p.n && !p.bad) {  /* the top-level alternatives one by one */
        p.arabic = 0;
        p.o.len = 0;
        pt_sequence(&p, 1);
        if (p.i < p.n && p.s[p.i] == ')')
            p.bad = 1;
        if (p.arabic >= 3 && !p.bad) {  /* short words alone would fire on anything */
            if (all.len)
                buf_putc(&all, '|');
            buf_append(&all, p.o.data, p.o.len);
        }
        if (p.i >= p.n)
            break;
        p.i++;  /* '|' */
    }
    buf_free(&p.o);
    if (p.bad || all.len == 0) {
        buf_free(&all);
        return NULL;
    }
    if (outlen)
        *outlen = all.len;
    return buf_steal(&all);
}
