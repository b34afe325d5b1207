/* parse.c — the commands of a head's reply (headmail.h). Pure: text in,
 * commands out. Keywords and status words are compared on norm_text()
 * copies (case, accents, hamza and ta marbuta folded, NFKC: '：' is ':');
 * the values are taken from the original text. */
#include "bureau/headmail.h"

#include <stdlib.h>
#include <string.h>

#include "bureau/norm.h"
#include "bureau/util.h"

#define KEYWORD_MAX 64  /* bytes before the colon of a command line */

/* --- spaces and words of the original text ---------------------------- */

/* Length of the blank at p (ASCII blank, no-break and thin spaces, bidi
 * marks, BOM), 0 when none. */
static size_t blank_at(const char *p, const char *end)
{
    static const char *const wide[] = {"\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x89",
                                       "\xe2\x80\x8e", "\xe2\x80\x8f", "\xd8\x9c",
                                       "\xef\xbb\xbf", "\xe2\x80\x8b"};
    if (p >= end)
        return 0;
    if (*p == ' ' || *p == '\t' || *p == '\r')
        return 1;
    for (size_t i = 0; i < BU_ARRAY_LEN(wide); i++) {
        size_t n = strlen(wide[i]);
        if ((size_t)(end - p) >= n && memcmp(p, wide[i], n) == 0)
            return n;
    }
    return 0;
}

static const char *skip_blank(const char *p, const char *end)
{
    size_t n;
    while ((n = blank_at(p, end)) > 0)
        p += n;
    return p;
}

static const char *skip_word(const char *p, const char *end)
{
    while (p < end && !blank_at(p, end))
        p++;
    return p;
}

/* s[0..n) without the blanks around it, malloc'd. */
static char *trimmed(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    while ((p = skip_blank(p, end)) < end && *p == '\n')
        p++;
    while (end > p) {
        const char *q = end - 1;
        while (q > p && ((unsigned char)*q & 0xc0) == 0x80)
            q--;
        if (!blank_at(q, end) && *q != '\n')
            break;
        end = q;
    }
    return xstrndup(p, (size_t)(end - p));
}

/* norm_text of s[0..n) with its blanks collapsed to one space and none at
 * either end. */
static char *normed(const char *s, size_t n)
{
    char *t = norm_text(s, n, NULL), *w = t;
    int space = 1;
    for (const char *r = t; *r; r++) {
        int b = *r == ' ' || *r == '\t' || *r == '\r';
        if (b && !space)
            *w++ = ' ';
        else if (!b)
            *w++ = *r;
        space = b;
    }
    while (w > t && w[-1] == ' ')
        w--;
    *w = '\0';
    return t;
}

/* 1 if the normalised s starts with the normalised phrase, at a word end;
 * *words gets the phrase's number of words. */
static int starts_with_phrase(const char *s, const char *phrase, int *words)
{
    char *p = normed(phrase, strlen(phrase));
    size_t n = strlen(p);
    int ok = n && strncmp(s, p, n) == 0 && (s[n] == '\0' || s[n] == ' ');
    *words = 1;
    for (const char *q = p; *q; q++)
        *words += *q == ' ';
    free(p);
    return ok;
}

/* --- where the quoted part begins ------------------------------------ */

static int ends_with_colon(const char *n)
{
    size_t len = strlen(n);
    return len && n[len - 1] == ':';
}

static int is_attribution(const char *n)
{
    return ends_with_colon(n) &&
           (strstr(n, "a ecrit") || strstr(n, "wrote") || strstr(n, "\xd9\x83\xd8\xaa\xd8\xa8"));
}

/* An Outlook header block: "De : X" / "From: X" then "Envoyé :", "Sent:",
 * "Date :" (or Arabic من: then أرسل / التاريخ). */
static int is_header_block(const char *n, const char *next)
{
    static const char *const first[] = {"from:", "de :", "de:",
                                        "\xd9\x85\xd9\x86:", "\xd9\x85\xd9\x86 :"};
    static const char *const second[] = {"sent:", "envoye", "date", "\xd8\xa7\xd8\xb1\xd8\xb3\xd9\x84",
                                         "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xae",
                                         "\xd8\xaa\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xae"};
    int a = 0, b = 0;
    for (size_t i = 0; i < BU_ARRAY_LEN(first); i++)
        a |= strncmp(n, first[i], strlen(first[i])) == 0;
    for (size_t i = 0; next && i < BU_ARRAY_LEN(second); i++)
        b |= strncmp(next, second[i], strlen(second[i])) == 0;
    return a && b;
}

/* 1 when the line (n normalised, next the next line normalised or NULL)
 * starts the quoted part or the signature. */
static int is_cut(const char *raw, size_t rawlen, const char *n, const char *next)
{
    const char *p = skip_blank(raw, raw + rawlen);
    size_t left = (size_t)(raw + rawlen - p);
    if (left && *p == '>')
        return 1;
    if (left >= 5 && (!strncmp(p, "-----", 5) || !strncmp(p, "_____", 5)))
        return 1;
    if (!strcmp(n, "--") || is_attribution(n) || is_header_block(n, next))
        return 1;
    /* a two-line attribution: "Le mar. 3 déc. 2026, X <x@y>" / "a écrit :" */
    int lead = !strncmp(n, "le ", 3) || !strncmp(n, "on ", 3) ||
               !strncmp(n, "\xd9\x81\xd9\x8a ", 5);
    return lead && next && is_attribution(next) && strlen(next) < 40;
}

/* --- one command line -------------------------------------------------- */

static const struct {
    const char *word;
    enum headcmd_kind kind;
    int arabic;
} keywords[] = {
    {"Statut", HEADCMD_STATUS, 0},          {"Status", HEADCMD_STATUS, 0},
    {"État", HEADCMD_STATUS, 0},            {"الحالة", HEADCMD_STATUS, 1},
    {"Réaffecter", HEADCMD_REROUTE, 0},     {"Réaffectation", HEADCMD_REROUTE, 0},
    {"Réorienter", HEADCMD_REROUTE, 0},     {"إعادة التوجيه", HEADCMD_REROUTE, 1},
    {"إعادة الإحالة", HEADCMD_REROUTE, 1},  {"Note", HEADCMD_NOTE, 0},
    {"ملاحظة", HEADCMD_NOTE, 1},            {"Réponse", HEADCMD_ANSWER, 0},
    {"Reply", HEADCMD_ANSWER, 0},           {"الجواب", HEADCMD_ANSWER, 1},
    {"الرد", HEADCMD_ANSWER, 1},
};

const char *headcmd_name(enum headcmd_kind k, int arabic)
{
    static const char *const fr[] = {"Statut", "Réaffecter", "Note", "Réponse"};
    static const char *const ar[] = {"الحالة", "إعادة التوجيه", "ملاحظة", "الجواب"};
    return (unsigned)k < 4 ? (arabic ? ar[k] : fr[k]) : "?";
}

/* The colon of a command line: its offset and length, or -1. */
static long colon_at(const char *s, size_t n, size_t *clen)
{
    static const char *const colons[] = {":", "\xef\xbc\x9a", "\xef\xb9\x95", "\xea\x9e\x89"};
    size_t lim = n < KEYWORD_MAX ? n : KEYWORD_MAX;
    for (size_t i = 0; i < lim; i++)
        for (size_t k = 0; k < BU_ARRAY_LEN(colons); k++) {
            size_t cl = strlen(colons[k]);
            if (i + cl <= n && memcmp(s + i, colons[k], cl) == 0) {
                *clen = cl;
                return (long)i;
            }
        }
    return -1;
}

/* The keyword of line s[0..n), with the value's start, or -1. */
static int keyword_of(const char *s, size_t n, const char **value, int *arabic)
{
    size_t clen = 0;
    long c = colon_at(s, n, &clen);
    if (c <= 0)
        return -1;
    char *k = normed(s, (size_t)c);
    int found = -1;
    for (size_t i = 0; i < BU_ARRAY_LEN(keywords) && found < 0; i++) {
        char *w = normed(keywords[i].word, strlen(keywords[i].word));
        if (!strcmp(k, w)) {
            found = (int)keywords[i].kind;
            *arabic = keywords[i].arabic;
        }
        free(w);
    }
    free(k);
    *value = s + c + clen;
    return found;
}

static const struct {
    const char *phrase;
    const char *status;
} status_words[] = {
    {"traité", "answered"},          {"traitée", "answered"},
    {"répondu", "answered"},         {"answered", "answered"},
    {"en cours de traitement", "in-progress"}, {"en cours", "in-progress"},
    {"in-progress", "in-progress"},  {"rejeté", "rejected"},
    {"rejetée", "rejected"},         {"refusé", "rejected"},
    {"rejected", "rejected"},        {"transmis", "transferred"},
    {"transmise", "transferred"},    {"transféré", "transferred"},
    {"transferred", "transferred"},  {"clôturé", "closed"},
    {"clos", "closed"},              {"closed", "closed"},
    {"تمت المعالجة", "answered"},    {"تمت الإجابة", "answered"},
    {"عولج", "answered"},            {"في طور المعالجة", "in-progress"},
    {"قيد المعالجة", "in-progress"}, {"مرفوض", "rejected"},
    {"مرفوضة", "rejected"},          {"محال", "transferred"},
    {"محالة", "transferred"},        {"مغلق", "closed"},
};

/* Skips k words (and the blanks after each) of the original value. */
static const char *after_words(const char *p, const char *end, int k)
{
    p = skip_blank(p, end);
    for (int i = 0; i < k && p < end; i++)
        p = skip_blank(skip_word(p, end), end);
    return p;
}

static void parse_status(struct headcmd *c)
{
    const char *v = c->text, *end = v + strlen(v);
    char *n = normed(v, strlen(v));
    int best = -1, words = 0, bw = 0;
    size_t bestlen = 0;
    for (size_t i = 0; i < BU_ARRAY_LEN(status_words); i++)
        if (starts_with_phrase(n, status_words[i].phrase, &words) &&
            strlen(status_words[i].phrase) > bestlen) {
            best = (int)i;
            bw = words;
            bestlen = strlen(status_words[i].phrase);
        }
    free(n);
    if (best < 0)
        return;
    c->status = status_words[best].status;
    const char *rest = after_words(v, end, bw);
    if (!strcmp(c->status, "rejected") && rest < end) {
        char *w = xstrndup(rest, (size_t)(skip_word(rest, end) - rest));
        c->code = normed(w, strlen(w));
        free(w);
    } else if (!strcmp(c->status, "transferred")) {
        static const char *const to[] = {"à", "a", "au", "aux", "vers", "to", "على", "إلى",
                                         "الى"};
        char *nr = normed(rest, (size_t)(end - rest));
        for (size_t i = 0; i < BU_ARRAY_LEN(to); i++)
            if (starts_with_phrase(nr, to[i], &words)) {
                rest = after_words(rest, end, 1);
                break;
            }
        free(nr);
        c->to_body = rest < end ? trimmed(rest, (size_t)(end - rest)) : NULL;
    }
}

/* "urbanisme — motif", "urbanisme - motif", "urbanisme, motif",
 * "urbanisme (motif)", "urbanisme motif". */
static void parse_reroute(struct headcmd *c)
{
    static const char *const seps[] = {" \xe2\x80\x94 ", " \xe2\x80\x93 ", " - ",
                                       "\xe2\x80\x94", "\xe2\x80\x93", ",", "\xd8\x8c",
                                       ";", ":", "("};
    const char *v = c->text, *end = v + strlen(v), *cut = NULL;
    size_t seplen = 0;
    int paren = 0;
    for (size_t i = 0; i < BU_ARRAY_LEN(seps); i++) {
        const char *at = strstr(v, seps[i]);
        if (at && (!cut || at < cut)) {
            cut = at;
            seplen = strlen(seps[i]);
            paren = seps[i][0] == '(';
        }
    }
    if (!cut) {
        cut = skip_word(v, end);
        seplen = 0;
    }
    c->department = trimmed(v, (size_t)(cut - v));
    const char *r = cut + seplen;
    char *reason = trimmed(r, (size_t)(end - r));
    size_t rl = strlen(reason);
    if (rl && paren && reason[rl - 1] == ')')
        reason[--rl] = '\0';
    if (rl)
        c->reason = reason;
    else
        free(reason);
}

/* --- the whole text ---------------------------------------------------- */

struct line {
    const char *s;
    size_t n;
};

static size_t split_lines(const char *body, size_t len, struct line **out)
{
    size_t cap = 64, n = 0;
    struct line *v = xmalloc(cap * sizeof *v);
    for (const char *p = body, *end = body + len; p < end;) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (n == cap)
            v = xrealloc(v, (cap *= 2) * sizeof *v);
        v[n++] = (struct line){p, (size_t)(e - p)};
        p = nl ? nl + 1 : end;
    }
    *out = v;
    return n;
}

/* Index of the first line of the quoted part (n when there is none). */
static size_t cut_index(const struct line *v, size_t n)
{
    char *cur = n ? normed(v[0].s, v[0].n) : NULL;
    size_t i;
    for (i = 0; i < n; i++) {
        char *next = i + 1 < n ? normed(v[i + 1].s, v[i + 1].n) : NULL;
        int cut = is_cut(v[i].s, v[i].n, cur, next);
        free(cur);
        cur = next;
        if (cut)
            break;
    }
    free(cur);
    return i;
}

static void add_command(struct headcmds *out, enum headcmd_kind kind, int arabic,
                        const char *value, const char *end)
{
    if (out->n == HEADCMD_MAX) {
        out->dropped++;
        return;
    }
    struct headcmd *c = &out->v[out->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->arabic = arabic;
    c->text = trimmed(value, (size_t)(end - value));
    if (kind == HEADCMD_STATUS)
        parse_status(c);
    else if (kind == HEADCMD_REROUTE)
        parse_reroute(c);
}

void headcmd_parse(const char *body, size_t len, struct headcmds *out)
{
    memset(out, 0, sizeof *out);
    if (!body)
        body = "";
    struct line *v;
    size_t n = split_lines(body, len, &v), cut = cut_index(v, n);
    const char *own_end = cut < n ? v[cut].s : body + len;
    out->own_text = trimmed(body, (size_t)(own_end - body));
    for (size_t i = 0; i < cut; i++) {
        const char *value;
        int arabic = 0;
        const char *s = skip_blank(v[i].s, v[i].s + v[i].n);
        int k = keyword_of(s, (size_t)(v[i].s + v[i].n - s), &value, &arabic);
        if (k < 0)
            continue;
        /* the answer runs from its keyword to the quoted part */
        const char *end = k == HEADCMD_ANSWER ? own_end : v[i].s + v[i].n;
        add_command(out, (enum headcmd_kind)k, arabic, value, end);
        if (k == HEADCMD_ANSWER)
            break;
    }
    free(v);
}

void headcmds_free(struct headcmds *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].text);
        free(c->v[i].code);
        free(c->v[i].to_body);
        free(c->v[i].department);
        free(c->v[i].reason);
    }
    free(c->own_text);
    memset(c, 0, sizeof *c);
}
