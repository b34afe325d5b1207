/* regnum.c — see regnum.h */
#include "bureau/regnum.h"

#include <string.h>
#include <time.h>

#include "bureau/util.h"

#define YEAR_MIN 1900
#define YEAR_MAX 9999
#define SEQ_MAX_DIGITS 12

int regnum_this_year(void)
{
    time_t t = time(NULL);
    struct tm tm;
    if (!localtime_r(&t, &tm))
        return 1970;
    return tm.tm_year + 1900;
}

/* Length of a bidi or format mark (LRM, RLM, ALM, embeddings, isolates,
 * ZWJ/ZWNJ, BOM) at p, else 0. */
static size_t mark_len(const unsigned char *p)
{
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x8C || p[2] == 0x8D || p[2] == 0x8E ||
                                         p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return 3;
    if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        return 3;
    if (p[0] == 0xD8 && p[1] == 0x9C)
        return 2;
    return 0;
}

/* The digit at p (ASCII, Arabic-Indic U+0660-0669, Persian U+06F0-06F9)
 * with its length in *len; -1 when p is not a digit. */
static int digit_at(const unsigned char *p, size_t *len)
{
    if (*p >= '0' && *p <= '9') {
        *len = 1;
        return *p - '0';
    }
    if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
        *len = 2;
        return p[1] - 0xA0;
    }
    if (p[0] == 0xDB && p[1] >= 0xB0 && p[1] <= 0xB9) {
        *len = 2;
        return p[1] - 0xB0;
    }
    return -1;
}

/* text folded to ASCII: marks and spaces dropped, digits made ASCII, an
 * optional "[BO ...]" / "BO ..." wrapper removed. -1 when too long or when
 * a character is left that cannot be part of a number. */
static int fold(const char *text, char out[REGNUM_MAX_TEXT + 1])
{
    size_t n = 0, k;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        int d = digit_at(p, &k);
        if (d >= 0) {
            if (n >= REGNUM_MAX_TEXT)
                return -1;
            out[n++] = (char)('0' + d);
            p += k;
        } else if ((k = mark_len(p)) > 0) {
            p += k;
        } else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
        } else if (*p < 0x80) {
            if (n >= REGNUM_MAX_TEXT)
                return -1;
            out[n++] = (char)*p++;
        } else {
            return -1;
        }
    }
    out[n] = '\0';
    char *s = out;
    size_t len = n;
    if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
        s++;
        len -= 2;
    }
    if (len >= 2 && (s[0] == 'B' || s[0] == 'b') && (s[1] == 'O' || s[1] == 'o')) {
        s += 2;
        len -= 2;
    }
    memmove(out, s, len);
    out[len] = '\0';
    return 0;
}

/* Decimal digits of s[0..n) as a number; -1 when empty, not digits or
 * longer than max digits. */
static int digits(const char *s, size_t n, size_t max, int64_t *v)
{
    if (n == 0 || n > max)
        return -1;
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *v = *v * 10 + (s[i] - '0');
    }
    return 0;
}

static int is_year(size_t n, int64_t v)
{
    return n == 4 && v >= YEAR_MIN && v <= YEAR_MAX;
}

static int split(const char *s, struct regnum *out)
{
    const char *sep = strpbrk(s, "/-");
    int64_t a, b;
    if (!sep)
        return -1;
    size_t na = (size_t)(sep - s), nb = strlen(sep + 1);
    if (digits(s, na, SEQ_MAX_DIGITS, &a) < 0 || digits(sep + 1, nb, SEQ_MAX_DIGITS, &b) < 0)
        return -1;
    if (is_year(na, a) && b > 0) {
        out->year = (int)a;
        out->seq = b;
        return 0;
    }
    if (is_year(nb, b) && a > 0) {
        out->year = (int)b;
        out->seq = a;
        return 0;
    }
    return -1;
}

int regnum_parse(const char *text, int default_year, struct regnum *out, char **cause)
{
    char s[REGNUM_MAX_TEXT + 1];
    int64_t v;
    if (text && fold(text, s) == 0) {
        if (!strpbrk(s, "/-") && digits(s, strlen(s), SEQ_MAX_DIGITS, &v) == 0 && v > 0) {
            out->year = default_year;
            out->seq = v;
            return 0;
        }
        if (split(s, out) == 0)
            return 0;
    }
    size_t n = text ? strlen(text) : 0;
    int shown = n && n <= REGNUM_MAX_TEXT && utf8_valid(text, n) && !str_has_ctl(text, 0);
    set_cause(cause, "not a registry number: %s (write it as 2026/123, 123/2026, "
                     "[BO 2026/000123] or 123 for this year)",
              shown ? text : "(text not shown)");
    return -1;
}
