/* norm.c — see norm.h */
#include "bureau/norm.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "bureau/util.h"

#define NORM_DROP ((int32_t)-1)
#define NORM_OTHER ((int32_t)-2)

struct out {
    char *p;
    size_t len;
    size_t cap;
};

static void out_reserve(struct out *o, size_t more)
{
    if (o->len + more + 1 <= o->cap)
        return;
    size_t ncap = o->cap ? o->cap : 64;
    while (o->len + more + 1 > ncap)
        ncap *= 2;
    o->p = xrealloc(o->p, ncap);
    o->cap = ncap;
}

static void out_byte(struct out *o, char c)
{
    out_reserve(o, 1);
    o->p[o->len++] = c;
}

static void out_bytes(struct out *o, const char *s, size_t n)
{
    out_reserve(o, n);
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static void out_cp(struct out *o, int32_t c)
{
    out_reserve(o, 4);
    o->len += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)o->p + o->len);
}

/* Decode one UTF-8 sequence at s[0..n). Returns its length (>= 1) and the
 * code point in *cp, or U+FFFD with length 1 for an invalid byte. */
static size_t utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char c = s[0];
    size_t len;
    int32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        goto bad;
    }
    if (len > n)
        goto bad;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            goto bad;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        goto bad;
    *cp = v;
    return len;
bad:
    *cp = 0xFFFD;
    return 1;
}

static int is_format_char(int32_t c)
{
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
           c == 0x061C || c == 0xFEFF || c == 0x00AD || c == 0x2060 ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static int is_arabic_mark(int32_t c)
{
    return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || (c >= 0x0610 && c <= 0x061A) ||
           (c >= 0x06D6 && c <= 0x06ED) || c == 0x0640;
}

/* The Arabic-specific folding of one code point: the folded code point,
 * NORM_DROP, or NORM_OTHER when the generic path applies. */
static int32_t fold_arabic(int32_t c)
{
    if (is_format_char(c) || is_arabic_mark(c))
        return NORM_DROP;
    if (c >= 0x0660 && c <= 0x0669)
        return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9)
        return '0' + (c - 0x06F0);
    switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673:
        return 0x0627;
    case 0x0629: return 0x0647;
    case 0x0649: case 0x06CC: case 0x06D0: case 0x06D2: return 0x064A;
    case 0x06A9: case 0x06AF: case 0x06AD: case 0x06B3: case 0x06B1: return 0x0643;
    case 0x06A4: case 0x06A2: return 0x0641;
    case 0x06A7: case 0x06A8: return 0x0642;
    case 0x067E: return 0x0628;
    case 0x0686: return 0x062C;
    case 0x0698: return 0x0632;
    case 0x06C1: case 0x06BE: case 0x06D5: return 0x0647;
    case 0x06C0: return 0x0647;
    case 0x06C3: return 0x0647;
    case 0x060C: return ',';
    case 0x061B: return ';';
    case 0x061F: return '?';
    case 0x066A: return '%';
    case 0x066B: return '.';
    case 0x066C: return ',';
    default:
        break;
    }
    if (c >= 0x0600 && c <= 0x06FF)
        return c;
    return NORM_OTHER;
}

static void emit_folded(struct out *o, int32_t c);

/* Presentation forms: compatibility decomposition, then the Arabic folding
 * of each part, re-attaching hamza above/below to its carrier so that
 * e.g. U+FE8B gives the same as U+0626. */
static void emit_decomposed(struct out *o, int32_t c, int strip)
{
    utf8proc_int32_t d[24];
    utf8proc_ssize_t n;
    int opt = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | (strip ? UTF8PROC_STRIPMARK : 0);
    n = utf8proc_decompose_char(c, d, 24, (utf8proc_option_t)opt, NULL);
    if (n < 0 || n > 24) {
        out_cp(o, c);
        return;
    }
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        int32_t x = d[i];
        if (i + 1 < n && (d[i + 1] == 0x0654 || d[i + 1] == 0x0655 || d[i + 1] == 0x0653)) {
            if (x == 0x064A && d[i + 1] == 0x0654)
                x = 0x0626;
            else if (x == 0x0648 && d[i + 1] == 0x0654)
                x = 0x0624;
            else if (x == 0x06D5 && d[i + 1] == 0x0654)
                x = 0x06C0;
        }
        if (x < 0x80) {
            out_byte(o, (char)(x >= 'A' && x <= 'Z' ? x + 32 : x));
        } else {
            int32_t f = fold_arabic(x);
            if (f == NORM_DROP)
                continue;
            if (f == NORM_OTHER) {
                if (utf8proc_category(x) >= UTF8PROC_CATEGORY_MN &&
                    utf8proc_category(x) <= UTF8PROC_CATEGORY_ME)
                    continue;
                out_cp(o, x);
            } else if (f < 0x80) {
                out_byte(o, (char)f);
            } else {
                out_cp(o, f);
            }
        }
    }
}

static void emit_folded(struct out *o, int32_t c)
{
    if (c < 0x80) {
        out_byte(o, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
        return;
    }
    int32_t f = fold_arabic(c);
    if (f == NORM_DROP)
        return;
    if (f == NORM_OTHER) {
        int pres = (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
        emit_decomposed(o, c, !pres);
        return;
    }
    if (f < 0x80)
        out_byte(o, (char)f);
    else
        out_cp(o, f);
}

char *norm_text(const char *s, size_t n, size_t *outlen)
{
    struct out o = {0};
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    out_reserve(&o, n + n / 4 + 16);
    while (i < n) {
        if (u[i] < 0x80) {
            unsigned char c = u[i++];
            out_byte(&o, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c));
            continue;
        }
        int32_t cp;
        i += utf8_next(u + i, n - i, &cp);
        emit_folded(&o, cp);
    }
    o.p[o.len] = '\0';
    if (outlen)
        *outlen = o.len;
    return o.p;
}

/* --- search stems ------------------------------------------------------- */

/* A letter of the Arabic block as norm_text leaves it (ء to ي). */
static int arabic_letter(int32_t c)
{
    return c >= 0x0621 && c <= 0x064A && c != 0x0640;
}

static size_t letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

size_t norm_stem(const char *w, size_t n)
{
    /* longest first; all are two-byte letters in UTF-8 */
    static const char *const prefixes[] = {"وال", "بال", "فال", "كال", "لل", "ال"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t pl = strlen(prefixes[i]);
        if (n > pl && memcmp(w, prefixes[i], pl) == 0 && letters(w + pl, n - pl) >= 2)
            return pl;
    }
    return 0;
}

char *norm_stems(const char *text)
{
    struct out o = {0};
    const unsigned char *u = (const unsigned char *)text;
    size_t n = strlen(text), i = 0;
    out_reserve(&o, 64);
    while (i < n) {
        size_t start = i, end = i;
        int32_t cp = 0;
        while (i < n) {  /* a run of Arabic letters */
            size_t k = u[i] < 0x80 ? 1 : utf8_next(u + i, n - i, &cp);
            if (u[i] < 0x80 || !arabic_letter(cp))
                break;
            i += k;
            end = i;
        }
        if (end > start) {
            size_t at = norm_stem(text + start, end - start);
            if (at) {
                if (o.len)
                    out_byte(&o, ' ');
                out_bytes(&o, text + start + at, end - start - at);
            }
            continue;
        }
        i += u[i] < 0x80 ? 1 : utf8_next(u + i, n - i, &cp);
    }
    o.p[o.len] = '\0';
    return o.p;
}

/* --- patterns ----------------------------------------------------------- */

struct pstate {
    const unsigned char *s;
    size_t n;
    size_t i;
    struct out o;
};

static void copy_raw(struct pstate *p, size_t k)
{
    if (p->i + k > p->n)
        k = p->n - p->i;
    out_bytes(&p->o, (const char *)p->s + p->i, k);
    p->i += k;
}

/* Copy verbatim up to and including the byte stop (or the end). */
static void copy_until(struct pstate *p, unsigned char stop)
{
    size_t j = p->i;
    while (j < p->n && p->s[j] != stop)
        j++;
    copy_raw(p, j < p->n ? j - p->i + 1 : j - p->i);
}

/* One literal character at p->i: folded, or (when keep is set, e.g. a
 * class range endpoint or a character that would vanish inside a class)
 * copied verbatim. */
static void literal(struct pstate *p, int in_class)
{
    int32_t cp;
    size_t start = p->o.len;
    size_t k = utf8_next(p->s + p->i, p->n - p->i, &cp);
    int range_end = in_class && p->i > 0 && p->s[p->i - 1] == '-';
    int range_start = in_class && p->i + k + 1 < p->n && p->s[p->i + k] == '-' &&
                      p->s[p->i + k + 1] != ']';
    if (cp == 0xFFFD && k == 1) {
        copy_raw(p, 1);
        return;
    }
    if (range_end || range_start) {
        copy_raw(p, k);
        return;
    }
    emit_folded(&p->o, cp);
    p->i += k;
    if (in_class && p->o.len == start)
        out_bytes(&p->o, (const char *)p->s + p->i - k, k);
}

/* \Q...\E: fold the quoted literal run. */
static void quoted(struct pstate *p, int in_class)
{
    copy_raw(p, 2);
    while (p->i < p->n) {
        if (p->s[p->i] == '\\' && p->i + 1 < p->n && p->s[p->i + 1] == 'E') {
            copy_raw(p, 2);
            return;
        }
        literal(p, in_class);
    }
}

static void escape(struct pstate *p, int in_class)
{
    if (p->i + 1 >= p->n) {
        copy_raw(p, 1);
        return;
    }
    unsigned char e = p->s[p->i + 1];
    if (e == 'Q') {
        quoted(p, in_class);
        return;
    }
    if (e >= 0x80) {
        copy_raw(p, 1);
        literal(p, in_class);
        return;
    }
    copy_raw(p, 2);
    if (p->i < p->n && (e == 'x' || e == 'p' || e == 'P' || e == 'N' || e == 'g' ||
                        e == 'k' || e == 'o')) {
        unsigned char open = p->s[p->i];
        if (open == '{')
            copy_until(p, '}');
        else if (open == '<')
            copy_until(p, '>');
        else if (open == '\'')
            copy_raw(p, 1), copy_until(p, '\'');
    } else if (e == 'c' && p->i < p->n) {
        copy_raw(p, 1);
    }
}

static void group_open(struct pstate *p)
{
    copy_raw(p, 1);
    if (p->i >= p->n)
        return;
    unsigned char c = p->s[p->i];
    if (c == '*') {
        copy_until(p, ')');
        return;
    }
    if (c != '?')
        return;
    copy_raw(p, 1);
    if (p->i >= p->n)
        return;
    c = p->s[p->i];
    if (c == '#' || c == '(' || c == 'C') {
        copy_until(p, ')');
    } else if (c == '<' && p->i + 1 < p->n && p->s[p->i + 1] != '=' && p->s[p->i + 1] != '!') {
        copy_until(p, '>');
    } else if (c == 'P' || c == '&') {
        size_t j = p->i + 1;
        while (j < p->n && p->s[j] != '>' && p->s[j] != ')')
            j++;
        copy_raw(p, j < p->n ? j - p->i + 1 : j - p->i);
    } else if (c == '\'') {
        copy_raw(p, 1);
        copy_until(p, '\'');
    } else {
        while (p->i < p->n && p->s[p->i] < 0x80 &&
               (p->s[p->i] == '-' || p->s[p->i] == '^' ||
                (p->s[p->i] >= 'a' && p->s[p->i] <= 'z') ||
                (p->s[p->i] >= 'A' && p->s[p->i] <= 'Z')))
            copy_raw(p, 1);
    }
}

static void char_class(struct pstate *p)
{
    copy_raw(p, 1);
    if (p->i < p->n && p->s[p->i] == '^')
        copy_raw(p, 1);
    if (p->i < p->n && p->s[p->i] == ']')
        copy_raw(p, 1);
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        if (c == ']') {
            copy_raw(p, 1);
            return;
        }
        if (c == '\\') {
            escape(p, 1);
        } else if (c == '[' && p->i + 1 < p->n &&
                   (p->s[p->i + 1] == ':' || p->s[p->i + 1] == '.' || p->s[p->i + 1] == '=')) {
            copy_raw(p, 2);
            copy_until(p, ']');
        } else if (c < 0x80) {
            copy_raw(p, 1);
            if (c >= 'A' && c <= 'Z' && !(p->i >= 2 && p->s[p->i - 2] == '-') &&
                !(p->i < p->n && p->s[p->i] == '-'))
                p->o.p[p->o.len - 1] = (char)(c + 32);
        } else {
            literal(p, 1);
        }
    }
}

static int is_quantifier(const struct pstate *p)
{
    size_t j = p->i + 1;
    while (j < p->n && ((p->s[j] >= '0' && p->s[j] <= '9') || p->s[j] == ',' || p->s[j] == ' '))
        j++;
    return j < p->n && p->s[j] == '}' && j > p->i + 1;
}

char *norm_pattern(const char *pattern, size_t n, size_t *outlen)
{
    struct pstate p = {(const unsigned char *)pattern, n, 0, {0}};
    out_reserve(&p.o, n + n / 4 + 16);
    while (p.i < p.n) {
        unsigned char c = p.s[p.i];
        if (c == '\\')
            escape(&p, 0);
        else if (c == '[')
            char_class(&p);
        else if (c == '(')
            group_open(&p);
        else if (c == '{' && is_quantifier(&p))
            copy_until(&p, '}');
        else if (c < 0x80)
            out_byte(&p.o, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c)), p.i++;
        else
            literal(&p, 0);
    }
    p.o.p[p.o.len] = '\0';
    if (outlen)
        *outlen = p.o.len;
    return p.o.p;
}
