/* letterref.c — see letterref.h */
#include "bureau/letterref.h"

#include <string.h>
#include <strings.h>

#include "bureau/util.h"

/* Length of the Latin label at p ("N/Réf.", "Référence :", ...) including
 * its ':' or '.', else 0. */
static size_t latin_label(const char *p)
{
    /* longer words first; strncasecmp folds ASCII only, hence the capitals */
    static const char *const words[] = {"référence", "RÉFÉRENCE", "reference", "réf", "RÉF",
                                        "ref"};
    const char *q = p;
    if ((q[0] == 'N' || q[0] == 'n') && q[1] == '/')
        q += 2;
    else if ((q[0] == 'N' || q[0] == 'n') && q[1] == ' ' && q[2] == '/')
        q += 3;
    for (size_t i = 0; i < BU_ARRAY_LEN(words); i++) {
        size_t n = strlen(words[i]);
        if (strncasecmp(q, words[i], n) != 0)
            continue;
        const char *r = q + n;
        if ((*r >= 'a' && *r <= 'z') || (*r >= 'A' && *r <= 'Z') || (unsigned char)*r >= 0x80)
            continue;
        int dot = *r == '.';
        r += dot;
        r += strspn(r, " \t");
        int colon = *r == ':';
        if (!dot && !colon)
            return 0;
        return (size_t)(r + colon - p);
    }
    return 0;
}

/* Length of the Arabic label at p with an optional ':', else 0. */
static size_t arabic_label(const char *p)
{
    static const char *const words[] = {"رقم المرجع", "المرجع", "مرجعنا"};
    for (size_t i = 0; i < BU_ARRAY_LEN(words); i++) {
        size_t n = strlen(words[i]);
        if (strncmp(p, words[i], n) != 0)
            continue;
        const char *r = p + n;
        if ((unsigned char)*r >= 0x80)  /* another Arabic letter: another word */
            continue;
        r += strspn(r, " \t");
        if (*r == ':')
            r++;
        return (size_t)(r - p);
    }
    return 0;
}

/* Bytes of one character of a reference at p, 0 when it is none. */
static size_t ref_char(const unsigned char *p, int *digit)
{
    if ((*p >= '0' && *p <= '9')) {
        *digit = 1;
        return 1;
    }
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || strchr("/-_.", *p))
        return *p ? 1 : 0;
    if (p[0] == 0xD9 && p[1] >= 0xA0 && p[1] <= 0xA9) {
        *digit = 1;
        return 2;
    }
    return 0;
}

static char *value_at(const char *p)
{
    p += strspn(p, " \t");
    if (!strncasecmp(p, "n°", 3) || !strncasecmp(p, "no ", 3))
        p += 3, p += strspn(p, " \t");
    const unsigned char *q = (const unsigned char *)p;
    size_t n = 0, k;
    int digit = 0;
    while ((k = ref_char(q + n, &digit)) > 0)
        n += k;
    const unsigned char *end = q + n;
    end += strspn((const char *)end, " \t");
    while (n && q[n - 1] == '.')
        n--;
    /* the reference is the whole rest of the line, or it is not one */
    if (!digit || n == 0 || n > LETTERREF_MAX || (*end && *end != '\r' && *end != '\n'))
        return NULL;
    return xstrndup(p, n);
}

char *letterref_extract(const char *text)
{
    int lines = 0;
    for (const char *p = text; p && *p && lines < LETTERREF_LINES; lines++) {
        const char *eol = strchr(p, '\n');
        p += strspn(p, " \t");
        size_t l = *p == '>' ? 0 : latin_label(p);
        if (!l && *p != '>')
            l = arabic_label(p);
        if (l) {
            char *v = value_at(p + l);
            if (v)
                return v;
        }
        p = eol ? eol + 1 : NULL;
    }
    return NULL;
}
