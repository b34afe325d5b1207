/* mime.c — see include/bureau/mime.h
 *
 * The raw bytes are copied (bare LF -> CRLF, whitespace-only folded lines
 * and an mbox "From " line removed from the top header block), pre-scanned
 * for nesting depth, part count and boundary sanity, then handed to
 * libetpan's mailmime_parse for the structure. Header fields, parameters
 * (RFC 2231), encoded words (RFC 2047), transfer encodings and charsets
 * are decoded here, not by libetpan. */
#include "bureau/mime.h"

#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bureau/address.h"
#include "bureau/charset.h"
#include "bureau/html2text.h"
#include "bureau/util.h"

#define MIME_MAX_HEADERS 2000        /* top-level header fields */
#define MIME_MAX_BOUNDARY 200        /* RFC 2046 says 70 */
#define MIME_MAX_PARAMS 64           /* parameters kept per header */
#define MIME_MAX_TOKEN 128           /* type, subtype, parameter names */
#define MIME_MAX_FILENAME 1024       /* decoded attachment name, bytes */
#define MIME_MAX_IDS 200             /* ids kept from References */

enum cte { CTE_IDENTITY, CTE_BASE64, CTE_QP };

struct param {
    char name[MIME_MAX_TOKEN];
    char *value;
};

struct params {
    struct param p[MIME_MAX_PARAMS];
    size_t n;
};

struct part_info {
    char type[MIME_MAX_TOKEN];
    char sub[MIME_MAX_TOKEN];
    struct params ct;
    struct params cd;
    int has_type;
    int attachment;     /* Content-Disposition: attachment */
    enum cte cte;
    char *content_id;
};

struct parse_ctx {
    const struct mime_limits *lim;
    const char *base;   /* the prepared copy */
    size_t len;
    struct msg *m;
    struct mailmime *body_node;
    int body_prio;
    char *dsn_msgid;    /* Message-ID of the returned message */
    char *dsn_envid;    /* Original-Envelope-Id */
    struct buf att;     /* struct msg_attachment array */
    size_t n_att;
    unsigned parts;
    char **cause;
};

void mime_limits_default(struct mime_limits *l)
{
    l->max_message_size = 25u * 1024 * 1024;
    l->max_depth = 16;
    l->max_parts = 200;
    l->max_header_len = 64u * 1024;
    l->max_body_text = 2u * 1024 * 1024;
    l->timeout_ms = 10000;
}

/* ---- small helpers ---- */

static size_t line_end(const char *s, size_t n, size_t i)
{
    const char *nl = memchr(s + i, '\n', n - i);
    return nl ? (size_t)(nl - s) : n;
}

static int is_wsp(char c)
{
    return c == ' ' || c == '\t';
}

static int blank_line(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (!is_wsp(s[i]) && s[i] != '\r')
            return 0;
    return 1;
}

static void lower_token(char *dst, size_t dstsz, const char *s, size_t n)
{
    size_t l = 0;

    while (n > 0 && (is_wsp(*s) || *s == '"')) {
        s++;
        n--;
    }
    while (n > 0 && (is_wsp(s[n - 1]) || s[n - 1] == '"' || s[n - 1] == '\r'))
        n--;
    for (size_t i = 0; i < n && l + 1 < dstsz; i++) {
        unsigned char c = (unsigned char)s[i];
        dst[l++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    dst[l] = '\0';
}

/* Unfolded copy of a raw header value: CR and LF removed, NUL to space,
 * leading and trailing whitespace trimmed. */
static char *unfold(const char *v, size_t n)
{
    char *out = xmalloc(n + 1);
    size_t l = 0;

    for (size_t i = 0; i < n; i++) {
        if (v[i] == '\r' || v[i] == '\n')
            continue;
        out[l++] = v[i] == '\0' ? ' ' : v[i];
    }
    out[l] = '\0';
    while (l > 0 && is_wsp(out[l - 1]))
        out[--l] = '\0';
    l = 0;
    while (is_wsp(out[l]))
        l++;
    memmove(out, out + l, strlen(out + l) + 1);
    return out;
}

static char *utf8_dup(const char *s, size_t n)
{
    size_t ol;
    char *r = utf8_sanitize(s, n, &ol);

    charset_strip_nul(r, &ol);
    return r;
}

/* ---- header fields ---- */

/* Printable ASCII without spaces, allowing trailing blanks before ':'. */
static int field_name_ok(const char *s, size_t n)
{
    while (n > 0 && is_wsp(s[n - 1]))
        n--;
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F)
            return 0;
    return 1;
}

typedef int (*field_fn)(void *ctx, const char *name, size_t nlen, const char *val,
                        size_t vlen);

/* Call fn for every field of the header block at s[0..n). Sets *body to the
 * offset after the blank line (or n). Returns 0, or -1 with *cause when a
 * field is longer than max_len or fn fails. */
static int fields_each(const char *s, size_t n, size_t max_len, field_fn fn, void *ctx,
                       size_t *body, char **cause)
{
    size_t i = 0;

    while (i < n) {
        size_t e = line_end(s, n, i), fe, colon;
        if (blank_line(s, i, e)) {
            i = e < n ? e + 1 : n;
            break;
        }
        fe = e;
        while (fe < n && fe + 1 < n && is_wsp(s[fe + 1]))
            fe = line_end(s, n, fe + 1);
        if (fe - i > max_len) {
            set_cause(cause, "header field longer than %zu bytes", max_len);
            return -1;
        }
        for (colon = i; colon < fe && s[colon] != ':' && s[colon] != '\n'; colon++)
            ;
        if (colon < fe && s[colon] == ':' && colon > i && field_name_ok(s + i, colon - i)) {
            size_t nl = colon - i, ve = fe;
            while (nl > 0 && is_wsp(s[i + nl - 1]))
                nl--;
            if (ve > colon && s[ve - 1] == '\r')
                ve--;
            if (fn && fn(ctx, s + i, nl, s + colon + 1, ve - colon - 1) < 0)
                return -1;
        }
        i = fe < n ? fe + 1 : n;
    }
    *body = i;
    return 0;
}

static int name_is(const char *name, size_t nlen, const char *want)
{
    return strlen(want) == nlen && strncasecmp(name, want, nlen) == 0;
}

/* ---- parameters (RFC 2045 / RFC 2231) ---- */

static size_t param_value(const char *s, size_t n, size_t i, struct buf *v)
{
    if (i < n && s[i] == '"') {
        for (i++; i < n && s[i] != '"'; i++) {
            if (s[i] == '\\' && i + 1 < n)
                i++;
            (void)buf_putc(v, s[i]);
        }
        return i < n ? i + 1 : n;
    }
    for (; i < n && s[i] != ';'; i++)
        (void)buf_putc(v, s[i]);
    while (v->len > 0 && is_wsp(v->data[v->len - 1]))
        v->data[--v->len] = '\0';
    return i;
}

/* Parse "; a=b; c="d"" starting at s[i]. */
static void params_parse(const char *s, size_t n, size_t i, struct params *ps)
{
    while (i < n && ps->n < MIME_MAX_PARAMS) {
        size_t ns, ne;
        struct buf v;
        while (i < n && (s[i] == ';' || is_wsp(s[i])))
            i++;
        ns = i;
        while (i < n && s[i] != '=' && s[i] != ';')
            i++;
        ne = i;
        if (i >= n || s[i] != '=')
            continue;
        i++;
        while (i < n && is_wsp(s[i]))
            i++;
        buf_init(&v, n + 1);
        i = param_value(s, n, i, &v);
        lower_token(ps->p[ps->n].name, MIME_MAX_TOKEN, s + ns, ne - ns);
        ps->p[ps->n++].value = buf_steal(&v);
        while (i < n && s[i] != ';')
            i++;
    }
}

static void params_free(struct params *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        free(ps->p[i].value);
    ps->n = 0;
}

static const char *param_plain(const struct params *ps, const char *name)
{
    for (size_t i = 0; i < ps->n; i++)
        if (strcmp(ps->p[i].name, name) == 0)
            return ps->p[i].value;
    return NULL;
}

static int hexv(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

static void pct_decode(const char *s, struct buf *out)
{
    for (; *s; s++) {
        if (s[0] == '%' && hexv((unsigned char)s[1]) >= 0 && hexv((unsigned char)s[2]) >= 0) {
            (void)buf_putc(out, (char)(hexv((unsigned char)s[1]) * 16 + hexv((unsigned char)s[2])));
            s += 2;
        } else {
            (void)buf_putc(out, *s);
        }
    }
}

/* RFC 2231 value of name: name*, or name*0[*], name*1[*] ... joined.
 * Returns malloc'd UTF-8 or NULL when absent. */
static char *param_2231(const struct params *ps, const char *name, size_t max)
{
    char key[MIME_MAX_TOKEN + 16], charset[CHARSET_NAME_MAX] = "";
    struct buf raw;
    struct charset_text r;
    int found = 0;

    buf_init(&raw, max * 3 + 16);
    for (unsigned k = 0; k < MIME_MAX_PARAMS; k++) {
        const char *v;
        int ext = 1;
        snprintf(key, sizeof(key), k == 0 ? "%s*" : "%s*%u*", name, k);
        v = param_plain(ps, key);
        if (!v && k == 0) {
            snprintf(key, sizeof(key), "%s*0*", name);
            v = param_plain(ps, key);
        }
        if (!v) {
            snprintf(key, sizeof(key), "%s*%u", name, k);
            v = param_plain(ps, key);
            ext = 0;
        }
        if (!v)
            break;
        if (k == 0 && ext) {
            const char *q1 = strchr(v, '\''), *q2 = q1 ? strchr(q1 + 1, '\'') : NULL;
            if (q2) {
                lower_token(charset, sizeof(charset), v, (size_t)(q1 - v));
                v = q2 + 1;
            }
        }
        if (ext)
            pct_decode(v, &raw);
        else
            (void)buf_puts(&raw, v);
        found = 1;
    }
    if (!found) {
        buf_free(&raw);
        return NULL;
    }
    charset_decode(raw.data, raw.len, charset[0] ? charset : NULL, max, &r);
    buf_free(&raw);
    charset_strip_nul(r.text, &r.len);
    return r.text;
}

/* Decoded parameter: RFC 2231 first, else the plain value with RFC 2047
 * encoded words decoded. malloc'd or NULL. */
static char *param_decoded(const struct params *ps, const char *name, size_t max)
{
    char *v = param_2231(ps, name, max);
    const char *p;

    if (v)
        return v;
    p = param_plain(ps, name);
    return p ? charset_decode_header(p, strlen(p), max) : NULL;
}

/* ---- per-part header info ---- */

static void ctype_parse(const char *v, size_t n, struct part_info *pi)
{
    size_t i = 0, slash, semi;

    while (i < n && (is_wsp(v[i]) || v[i] == '\r' || v[i] == '\n'))
        i++;
    for (semi = i; semi < n && v[semi] != ';'; semi++)
        ;
    for (slash = i; slash < semi && v[slash] != '/'; slash++)
        ;
    params_free(&pi->ct);
    params_parse(v, n, semi, &pi->ct);
    if (slash >= semi)
        return;
    lower_token(pi->type, sizeof(pi->type), v + i, slash - i);
    lower_token(pi->sub, sizeof(pi->sub), v + slash + 1, semi - slash - 1);
    for (char *p = pi->sub; *p; p++)
        if (is_wsp(*p) || *p == '\r' || *p == '\n')
            *p = '\0';
    pi->has_type = pi->type[0] && pi->sub[0] && !strchr(pi->type, ' ');
}

static void cdisp_parse(const char *v, size_t n, struct part_info *pi)
{
    char tok[MIME_MAX_TOKEN];
    size_t semi;

    for (semi = 0; semi < n && v[semi] != ';'; semi++)
        ;
    lower_token(tok, sizeof(tok), v, semi);
    pi->attachment = strcmp(tok, "attachment") == 0;
    params_free(&pi->cd);
    params_parse(v, n, semi, &pi->cd);
}

static int part_field(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
    struct part_info *pi = ctx;
    char *u;

    if (name_is(name, nlen, "content-type")) {
        u = unfold(val, vlen);
        ctype_parse(u, strlen(u), pi);
        free(u);
    } else if (name_is(name, nlen, "content-disposition")) {
        u = unfold(val, vlen);
        cdisp_parse(u, strlen(u), pi);
        free(u);
    } else if (name_is(name, nlen, "content-transfer-encoding")) {
        char tok[MIME_MAX_TOKEN];
        lower_token(tok, sizeof(tok), val, vlen);
        pi->cte = strcmp(tok, "base64") == 0             ? CTE_BASE64
                  : strcmp(tok, "quoted-printable") == 0 ? CTE_QP
                                                         : CTE_IDENTITY;
    } else if (name_is(name, nlen, "content-id")) {
        free(pi->content_id);
        pi->content_id = unfold(val, vlen);
    }
    return 0;
}

static void part_info_free(struct part_info *pi)
{
    params_free(&pi->ct);
    params_free(&pi->cd);
    free(pi->content_id);
}

/* Parse the header block s[0..n) of a MIME entity. default_rfc822 when the
 * parent is multipart/digest. */
static int part_info_get(const char *s, size_t n, size_t max_len, int default_rfc822,
                         struct part_info *pi, size_t *body, char **cause)
{
    memset(pi, 0, sizeof(*pi));
    if (fields_each(s, n, max_len, part_field, pi, body, cause) < 0)
        return -1;
    if (!pi->has_type) {
        memcpy(pi->type, default_rfc822 ? "message" : "text", default_rfc822 ? 8 : 5);
        memcpy(pi->sub, default_rfc822 ? "rfc822" : "plain", default_rfc822 ? 7 : 6);
    }
    return 0;
}

/* ---- pre-scan: depth, parts and boundaries before libetpan sees them ---- */

struct frame {
    char boundary[MIME_MAX_BOUNDARY + 1];
    size_t blen;
    unsigned depth;
    int digest;
};

struct scan {
    const char *s;
    size_t n;
    const struct mime_limits *lim;
    struct frame *stack;
    size_t top;           /* frames in use */
    unsigned parts;
    char **cause;
};

static int boundary_ok(const char *b)
{
    size_t l = strlen(b);

    if (l == 0 || l > MIME_MAX_BOUNDARY)
        return 0;
    for (size_t i = 0; i < l; i++)
        if ((unsigned char)b[i] < 0x20 || (unsigned char)b[i] >= 0x7F)
            return 0;
    return 1;
}

/* Scan the entity at pos with the given depth; returns the offset where
 * its body starts, sets *kind (0 leaf, 1 multipart pushed, 2 message). */
static int scan_entity(struct scan *sc, size_t pos, unsigned depth, int digest, size_t *body,
                       int *kind)
{
    struct part_info pi;
    const char *b;
    int rc = -1;

    if (++sc->parts > sc->lim->max_parts) {
        set_cause(sc->cause, "more than %u MIME parts", sc->lim->max_parts);
        return -1;
    }
    if (depth > sc->lim->max_depth) {
        set_cause(sc->cause, "MIME nesting deeper than %u", sc->lim->max_depth);
        return -1;
    }
    if (part_info_get(sc->s + pos, sc->n - pos, sc->lim->max_header_len, digest, &pi, body,
                      sc->cause) < 0)
        goto out;
    *body += pos;
    *kind = 0;
    b = param_plain(&pi.ct, "boundary");
    if (strcmp(pi.type, "multipart") == 0 && b) {
        struct frame *f = &sc->stack[sc->top];
        if (!boundary_ok(b)) {
            set_cause(sc->cause, "invalid multipart boundary");
            goto out;
        }
        if (sc->top > sc->lim->max_depth) {
            set_cause(sc->cause, "MIME nesting deeper than %u", sc->lim->max_depth);
            goto out;
        }
        f->blen = strlen(b);
        memcpy(f->boundary, b, f->blen + 1);
        f->depth = depth;
        f->digest = strcmp(pi.sub, "digest") == 0;
        sc->top++;
        *kind = 1;
    } else if (strcmp(pi.type, "message") == 0 && strcmp(pi.sub, "rfc822") == 0) {
        *kind = 2;
    }
    rc = 0;
out:
    part_info_free(&pi);
    return rc;
}

/* Next delimiter line at or after *pos. Returns the frame index matched
 * (and *closing), or -1 at the end of the data. */
static long scan_delimiter(struct scan *sc, size_t *pos, int *closing)
{
    size_t i = *pos;

    while (i < sc->n) {
        size_t e = line_end(sc->s, sc->n, i);
        if (e - i >= 2 && sc->s[i] == '-' && sc->s[i + 1] == '-') {
            for (size_t k = sc->top; k-- > 0;) {
                const struct frame *f = &sc->stack[k];
                if (e - i - 2 >= f->blen && memcmp(sc->s + i + 2, f->boundary, f->blen) == 0) {
                    size_t r = i + 2 + f->blen;
                    *closing = e - r >= 2 && sc->s[r] == '-' && sc->s[r + 1] == '-';
                    *pos = e < sc->n ? e + 1 : sc->n;
                    return (long)k;
                }
            }
        }
        i = e < sc->n ? e + 1 : sc->n;
    }
    *pos = sc->n;
    return -1;
}

/* Move to the next part of an open multipart; -1 when none is left. */
static int next_part(struct scan *sc, size_t *pos)
{
    for (;;) {
        int closing;
        long k;
        if (sc->top == 0)
            return -1;
        k = scan_delimiter(sc, pos, &closing);
        if (k < 0)
            return -1;
        sc->top = closing ? (size_t)k : (size_t)k + 1;
        if (!closing)
            return 0;
    }
}

static int prescan(const char *s, size_t n, const struct mime_limits *lim, char **cause)
{
    struct scan sc = {s, n, lim, NULL, 0, 0, cause};
    size_t pos = 0, body;
    unsigned depth = 0;
    int digest = 0, kind, rc = -1;

    sc.stack = xcalloc((size_t)lim->max_depth + 2, sizeof(struct frame));
    for (;;) {
        if (scan_entity(&sc, pos, depth, digest, &body, &kind) < 0)
            goto out;
        pos = body;
        if (kind == 2) {
            depth++;
            digest = 0;
            continue;
        }
        if (next_part(&sc, &pos) < 0)
            break;
        depth = sc.stack[sc.top - 1].depth + 1;
        digest = sc.stack[sc.top - 1].digest;
    }
    rc = 0;
out:
    free(sc.stack);
    return rc;
}

/* Upper bound on libetpan's recursion: every level needs a Content-Type
 * naming multipart or message. Counted on raw lines, independent of how
 * libetpan matches boundaries. */
static unsigned nesting_headers(const char *s, size_t n)
{
    unsigned count = 0;

    for (size_t i = 0; i < n;) {
        size_t e = line_end(s, n, i);
        if (e - i > 13 && strncasecmp(s + i, "content-type:", 13) == 0) {
            size_t lim = e - i > 200 ? i + 200 : e;
            size_t j = i + 13;
            while (j < lim && is_wsp(s[j]))
                j++;
            if ((lim - j >= 9 && strncasecmp(s + j, "multipart", 9) == 0) ||
                (lim - j >= 7 && strncasecmp(s + j, "message", 7) == 0))
                count++;
            else if (j == e || s[j] == '\r')
                count++;  /* folded: be conservative */
        }
        i = e < n ? e + 1 : n;
    }
    return count;
}

/* ---- input preparation ---- */

/* An mbox separator "From addr date", not the obsolete "From : addr". */
static int mbox_from_line(const char *s, size_t n)
{
    size_t i = 4;

    if (n < 5 || memcmp(s, "From ", 5) != 0)
        return 0;
    while (i < n && is_wsp(s[i]))
        i++;
    return i < n && s[i] != ':';
}

/* Copy raw into *out with CRLF line ends; drop an mbox "From " first line
 * and whitespace-only lines inside the top header block (they would end
 * the header block early in libetpan). */
static char *prepare(const char *raw, size_t len, size_t *outlen)
{
    struct buf b;
    size_t i = 0;
    int in_headers = 1;

    buf_init(&b, len * 2 + 16);
    while (i < len && (is_wsp(raw[i]) || raw[i] == '\r' || raw[i] == '\n'))
        i++;
    while (i < len) {
        size_t e = line_end(raw, len, i), ce = e;
        if (ce > i && raw[ce - 1] == '\r')
            ce--;
        if (in_headers && ce == i)
            in_headers = 0;
        else if (in_headers && (blank_line(raw, i, ce) || mbox_from_line(raw + i, ce - i)))
            goto next;
        (void)buf_append(&b, raw + i, ce - i);
        if (e < len || in_headers)
            (void)buf_append(&b, "\r\n", 2);
    next:
        i = e < len ? e + 1 : len;
    }
    if (in_headers)
        (void)buf_append(&b, "\r\n", 2);
    *outlen = b.len;
    return buf_steal(&b);
}

/* ---- transfer decoding ---- */

/* 1 + the value of each base64 character; 0 for anything else */
static const unsigned char b64_val1[256] = {
    ['A'] = 1, ['B'] = 2, ['C'] = 3, ['D'] = 4, ['E'] = 5, ['F'] = 6, ['G'] = 7, ['H'] = 8,
    ['I'] = 9, ['J'] = 10, ['K'] = 11, ['L'] = 12, ['M'] = 13, ['N'] = 14, ['O'] = 15,
    ['P'] = 16, ['Q'] = 17, ['R'] = 18, ['S'] = 19, ['T'] = 20, ['U'] = 21, ['V'] = 22,
    ['W'] = 23, ['X'] = 24, ['Y'] = 25, ['Z'] = 26, ['a'] = 27, ['b'] = 28, ['c'] = 29,
    ['d'] = 30, ['e'] = 31, ['f'] = 32, ['g'] = 33, ['h'] = 34, ['i'] = 35, ['j'] = 36,
    ['k'] = 37, ['l'] = 38, ['m'] = 39, ['n'] = 40, ['o'] = 41, ['p'] = 42, ['q'] = 43,
    ['r'] = 44, ['s'] = 45, ['t'] = 46, ['u'] = 47, ['v'] = 48, ['w'] = 49, ['x'] = 50,
    ['y'] = 51, ['z'] = 52, ['0'] = 53, ['1'] = 54, ['2'] = 55, ['3'] = 56, ['4'] = 57,
    ['5'] = 58, ['6'] = 59, ['7'] = 60, ['8'] = 61, ['9'] = 62, ['+'] = 63, ['/'] = 64,
};

/* Decodes in chunks: one buf_append per 4 KiB, not per byte. Whole
 * quantums of four base64 characters (nearly all of a body) take the fast
 * path; anything else (line breaks, stray characters, padding) goes one
 * character at a time. Characters outside the alphabet are skipped and
 * padding after two or more characters of a quantum ends the data, as
 * Python's binascii does. */
static void base64_decode(const char *s, size_t n, struct buf *out)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned acc = 0, quantum = 0;
    unsigned char chunk[4096];
    size_t k = 0;

    for (size_t i = 0; i < n;) {
        if (k > sizeof chunk - 3) {
            (void)buf_append(out, chunk, k);
            k = 0;
        }
        if (quantum == 0 && i + 4 <= n) {
            unsigned a = b64_val1[u[i]], b = b64_val1[u[i + 1]], c = b64_val1[u[i + 2]],
                     d = b64_val1[u[i + 3]];
            if (a && b && c && d) {
                unsigned v = (a - 1) << 18 | (b - 1) << 12 | (c - 1) << 6 | (d - 1);
                chunk[k++] = (unsigned char)(v >> 16);
                chunk[k++] = (unsigned char)(v >> 8);
                chunk[k++] = (unsigned char)v;
                i += 4;
                continue;
            }
        }
        unsigned v = b64_val1[u[i]];
        if (u[i] == '=' && quantum >= 2)
            break;  /* padding ends the data */
        i++;
        if (!v)
            continue;
        acc = acc << 6 | (v - 1);
        if (quantum > 0)  /* characters 2, 3 and 4 of a quantum complete a byte */
            chunk[k++] = (unsigned char)(acc >> (2 * (3 - quantum)));
        quantum = (quantum + 1) % 4;
        if (quantum == 0)
            acc = 0;
    }
    (void)buf_append(out, chunk, k);
}

static void qp_decode(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '=') {
            (void)buf_putc(out, s[i]);
            continue;
        }
        if (i + 2 < n && hexv((unsigned char)s[i + 1]) >= 0 &&
            hexv((unsigned char)s[i + 2]) >= 0) {
            (void)buf_putc(out, (char)(hexv((unsigned char)s[i + 1]) * 16 + hexv((unsigned char)s[i + 2])));
            i += 2;
            continue;
        }
        {
            size_t j = i + 1;
            while (j < n && is_wsp(s[j]))
                j++;
            if (j < n && s[j] == '\r')
                j++;
            if (j < n && s[j] == '\n') {
                i = j;
                continue;
            }
            if (j >= n)
                break;
        }
        (void)buf_putc(out, '=');
    }
}

/* Declared base64 but plainly text: most lines hold inner spaces. */
static int base64_is_text(const char *s, size_t n)
{
    size_t lines = 0, spaced = 0;

    for (size_t i = 0; i < n && lines < 50;) {
        size_t e = line_end(s, n, i), ce = e;
        while (ce > i && (s[ce - 1] == '\r' || is_wsp(s[ce - 1])))
            ce--;
        if (ce > i) {
            lines++;
            if (memchr(s + i, ' ', ce - i))
                spaced++;
        }
        i = e < n ? e + 1 : n;
    }
    return lines > 0 && spaced * 2 > lines;
}

static void transfer_decode(const char *s, size_t n, enum cte cte, size_t max, struct buf *out)
{
    buf_init(out, max);
    (void)buf_append(out, "", 0);
    if (cte == CTE_BASE64 && base64_is_text(s, n))
        (void)buf_append(out, s, n);
    else if (cte == CTE_BASE64)
        base64_decode(s, n, out);
    else if (cte == CTE_QP)
        qp_decode(s, n, out);
    else
        (void)buf_append(out, s, n);
}

/* ---- tree helpers ---- */

static int node_body(const struct mailmime *mm, const char **p, size_t *n)
{
    const struct mailmime_data *d = mm->mm_body;

    if (!d || d->dt_type != MAILMIME_DATA_TEXT || !d->dt_data.dt_text.dt_data) {
        *p = NULL;
        *n = 0;
        return -1;
    }
    *p = d->dt_data.dt_text.dt_data;
    *n = d->dt_data.dt_text.dt_length;
    return 0;
}

static int in_copy(const struct parse_ctx *pc, const char *p, size_t n)
{
    return p && p >= pc->base && p <= pc->base + pc->len && n <= (size_t)(pc->base + pc->len - p);
}

/* The header block of a node: for the body of a message, from the
 * message's data to the node's own data; else from the node's start. */
static void node_headers(const struct parse_ctx *pc, const struct mailmime *mm, const char **hs,
                         size_t *hn)
{
    const char *start = mm->mm_mime_start, *end = NULL;
    size_t bn, pn;

    *hs = NULL;
    *hn = 0;
    if (mm->mm_parent && mm->mm_parent->mm_type == MAILMIME_MESSAGE)
        (void)node_body(mm->mm_parent, &start, &pn);
    if (node_body(mm, &end, &bn) < 0 || !in_copy(pc, start, 0) || !in_copy(pc, end, bn) ||
        end < start)
        return;
    *hs = start;
    *hn = (size_t)(end - start);
}

static int node_info(struct parse_ctx *pc, const struct mailmime *mm, struct part_info *pi)
{
    const char *hs;
    size_t hn, body;
    int digest = 0;
    const struct mailmime *par = mm->mm_parent;

    if (par && par->mm_type == MAILMIME_MULTIPLE && par->mm_content_type &&
        par->mm_content_type->ct_subtype &&
        strcasecmp(par->mm_content_type->ct_subtype, "digest") == 0)
        digest = 1;
    node_headers(pc, mm, &hs, &hn);
    return part_info_get(hs ? hs : "", hn, pc->lim->max_header_len, digest, pi, &body, pc->cause);
}

/* ---- body selection (the rules of Python's EmailMessage.get_body) ---- */

static int find_body(struct parse_ctx *pc, struct mailmime *mm, unsigned depth);

static int find_body_related(struct parse_ctx *pc, struct mailmime *mm, const struct part_info *pi,
                             unsigned depth)
{
    const char *start = param_plain(&pi->ct, "start");
    struct mailmime *cand = NULL;
    clistiter *it;

    for (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list); it && start; it = clist_next(it)) {
        struct part_info ci;
        struct mailmime *c = clist_content(it);
        int match;
        if (node_info(pc, c, &ci) < 0)
            return -1;
        match = ci.content_id && strcmp(ci.content_id, start) == 0;
        part_info_free(&ci);
        if (match) {
            cand = c;
            break;
        }
    }
    if (!cand && (it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list)))
        cand = clist_content(it);
    return cand ? find_body(pc, cand, depth + 1) : 0;
}

static int find_body(struct parse_ctx *pc, struct mailmime *mm, unsigned depth)
{
    struct part_info pi;
    int rc = 0;

    if (depth > pc->lim->max_depth + 1) {
        set_cause(pc->cause, "MIME nesting deeper than %u", pc->lim->max_depth);
        return -1;
    }
    if (node_info(pc, mm, &pi) < 0)
        return -1;
    if (pi.attachment)
        goto out;
    if (mm->mm_type == MAILMIME_SINGLE && strcmp(pi.type, "text") == 0) {
        int prio = strcmp(pi.sub, "plain") == 0 ? 0 : strcmp(pi.sub, "html") == 0 ? 1 : 2;
        if (prio < pc->body_prio) {
            pc->body_prio = prio;
            pc->body_node = mm;
        }
    } else if (mm->mm_type == MAILMIME_MULTIPLE && strcmp(pi.type, "multipart") == 0) {
        if (strcmp(pi.sub, "related") == 0) {
            rc = find_body_related(pc, mm, &pi, depth);
        } else {
            for (clistiter *it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list);
                 it && rc == 0 && pc->body_prio > 0; it = clist_next(it))
                rc = find_body(pc, clist_content(it), depth + 1);
        }
    }
out:
    part_info_free(&pi);
    return rc;
}

/* ---- text ---- */

static void crlf_to_lf(struct buf *b)
{
    size_t j = 0;

    for (size_t i = 0; i < b->len; i++)
        if (!(b->data[i] == '\r' && i + 1 < b->len && b->data[i + 1] == '\n'))
            b->data[j++] = b->data[i];
    b->len = j;
    b->data[j] = '\0';
}

static int decode_body(struct parse_ctx *pc)
{
    struct part_info pi;
    struct buf raw;
    struct charset_text ct;
    const char *p, *cs;
    char meta[CHARSET_NAME_MAX];
    size_t n;
    int html;

    if (!pc->body_node || node_body(pc->body_node, &p, &n) < 0)
        return 0;
    if (node_info(pc, pc->body_node, &pi) < 0)
        return -1;
    html = strcmp(pi.sub, "html") == 0;
    transfer_decode(p, n, pi.cte, n + 16, &raw);
    crlf_to_lf(&raw);
    cs = param_plain(&pi.ct, "charset");
    if (!cs && html && html_meta_charset(raw.data, raw.len, meta, sizeof(meta)))
        cs = meta;
    charset_decode(raw.data, raw.len, cs, html ? raw.len * 4 + 64 : pc->lim->max_body_text, &ct);
    charset_strip_nul(ct.text, &ct.len);
    if (html) {
        pc->m->body = html2text(ct.text, ct.len, pc->lim->max_body_text, NULL);
        free(ct.text);
        pc->m->body_from_html = 1;
    } else {
        pc->m->body = ct.text;
    }
    pc->m->body_charset = xstrdup(ct.charset);
    pc->m->charset_guessed = ct.guessed;
    buf_free(&raw);
    part_info_free(&pi);
    return 0;
}

/* ---- attachments and DSN ---- */

static void add_attachment(struct parse_ctx *pc, const struct part_info *pi, const char *p,
                           size_t n)
{
    struct msg_attachment a;
    struct buf data;
    char *ctype = xasprintf("%s/%s", pi->type, pi->sub);

    memset(&a, 0, sizeof(a));
    a.filename = param_decoded(&pi->cd, "filename", MIME_MAX_FILENAME);
    if (!a.filename)
        a.filename = param_decoded(&pi->ct, "name", MIME_MAX_FILENAME);
    a.content_type = utf8_dup(ctype, strlen(ctype));
    free(ctype);
    transfer_decode(p, n, pi->cte, n + 16, &data);
    a.size = data.len;
    a.data = (unsigned char *)buf_steal(&data);
    sha256_hex(a.data, a.size, a.sha256);
    (void)buf_append(&pc->att, &a, sizeof(a));
    pc->n_att++;
}

static char *first_id(const char *val, size_t vlen)
{
    char *u = unfold(val, vlen), *lt = strchr(u, '<'), *gt = lt ? strchr(lt, '>') : NULL, *r;

    r = lt && gt ? utf8_dup(lt + 1, (size_t)(gt - lt - 1)) : utf8_dup(u, strlen(u));
    free(u);
    if (!r[0]) {
        free(r);
        r = NULL;
    }
    return r;
}

static int dsn_field(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
    struct parse_ctx *pc = ctx;

    if (name_is(name, nlen, "action") && !pc->m->dsn_action) {
        char tok[MIME_MAX_TOKEN];
        lower_token(tok, sizeof(tok), val, vlen);
        pc->m->dsn_action = tok[0] ? utf8_dup(tok, strlen(tok)) : NULL;
    } else if (name_is(name, nlen, "original-envelope-id") && !pc->dsn_envid) {
        pc->dsn_envid = first_id(val, vlen);
    }
    return 0;
}

static int dsn_returned_field(void *ctx, const char *name, size_t nlen, const char *val,
                              size_t vlen)
{
    struct parse_ctx *pc = ctx;

    if (name_is(name, nlen, "message-id") && !pc->dsn_msgid)
        pc->dsn_msgid = first_id(val, vlen);
    return 0;
}

/* A delivery-status body is several header-like blocks separated by blank
 * lines; a returned message or its headers is one header block. */
static void dsn_blocks(struct parse_ctx *pc, const char *s, size_t n, field_fn fn, int blocks)
{
    size_t pos = 0, body;
    char *ignored = NULL;

    for (int b = 0; pos < n && b < blocks; b++) {
        if (fields_each(s + pos, n - pos, pc->lim->max_header_len, fn, pc, &body, &ignored) < 0 ||
            body == 0)
            break;
        pos += body;
    }
    free(ignored);
}

static void dsn_part(struct parse_ctx *pc, const struct part_info *pi, const char *p, size_t n)
{
    struct buf dec;

    if (!pc->m->is_dsn || (strcmp(pi->type, "message") != 0 && strcmp(pi->type, "text") != 0))
        return;
    transfer_decode(p, n, pi->cte, n + 16, &dec);
    if (strcmp(pi->sub, "delivery-status") == 0)
        dsn_blocks(pc, dec.data, dec.len, dsn_field, 100);
    else if (strcmp(pi->sub, "rfc822-headers") == 0 || strcmp(pi->sub, "rfc822") == 0)
        dsn_blocks(pc, dec.data, dec.len, dsn_returned_field, 1);
    buf_free(&dec);
}

static int walk(struct parse_ctx *pc, struct mailmime *mm, unsigned depth);

static int walk_children(struct parse_ctx *pc, struct mailmime *mm, const struct part_info *pi,
                         unsigned depth)
{
    const char *rt = param_plain(&pi->ct, "report-type");

    if (strcmp(pi->sub, "report") == 0 && rt && strcasecmp(rt, "delivery-status") == 0)
        pc->m->is_dsn = 1;
    for (clistiter *it = clist_begin(mm->mm_data.mm_multipart.mm_mp_list); it;
         it = clist_next(it))
        if (walk(pc, clist_content(it), depth + 1) < 0)
            return -1;
    return 0;
}

static int has_param(const struct params *ps, const char *prefix)
{
    size_t l = strlen(prefix);

    for (size_t i = 0; i < ps->n; i++)
        if (strncmp(ps->p[i].name, prefix, l) == 0 && (!ps->p[i].name[l] || ps->p[i].name[l] == '*'))
            return 1;
    return 0;
}

static int walk(struct parse_ctx *pc, struct mailmime *mm, unsigned depth)
{
    struct part_info pi;
    const char *p;
    size_t n;
    int rc = 0;

    if (++pc->parts > pc->lim->max_parts) {
        set_cause(pc->cause, "more than %u MIME parts", pc->lim->max_parts);
        return -1;
    }
    if (depth > pc->lim->max_depth) {
        set_cause(pc->cause, "MIME nesting deeper than %u", pc->lim->max_depth);
        return -1;
    }
    if (node_info(pc, mm, &pi) < 0)
        return -1;
    if (mm->mm_type == MAILMIME_MULTIPLE) {
        rc = walk_children(pc, mm, &pi, depth);
    } else if (mm != pc->body_node && node_body(mm, &p, &n) == 0) {
        int is_text = strcmp(pi.type, "text") == 0;
        int named = has_param(&pi.cd, "filename") || has_param(&pi.ct, "name");
        dsn_part(pc, &pi, p, n);
        if (!is_text || pi.attachment || named)
            add_attachment(pc, &pi, p, n);
    }
    part_info_free(&pi);
    return rc;
}

/* ---- top-level headers ---- */

/* A display name from address.h, RFC 2047-decoded and trimmed; NULL when
 * empty. Takes name. */
static char *display_name(char *name, size_t max)
{
    if (!name)
        return NULL;
    char *r = charset_decode_header(name, strlen(name), max);
    free(name);
    str_trim(r);
    if (!r[0]) {
        free(r);
        return NULL;
    }
    return r;
}

/* The bare addresses of an address list, ", "-joined and valid UTF-8;
 * NULL when the value is not an address list or names none. */
static char *address_join(const char *v, size_t n)
{
    struct address_list al;
    struct buf b;
    char *r = NULL;

    if (address_list_parse(v, n, &al, NULL) < 0)
        return NULL;
    buf_init(&b, n * 2 + 16);
    for (size_t i = 0; i < al.n; i++) {
        if (b.len)
            (void)buf_puts(&b, ", ");
        (void)buf_puts(&b, al.v[i].addr);
    }
    if (b.len)
        r = utf8_dup(b.data, b.len);
    buf_free(&b);
    address_list_free(&al);
    return r;
}

/* ids: every <...>; when there is none, the trimmed value. */
static char *msg_ids(const char *v, int first_only)
{
    struct buf b;
    const char *p = v;
    char *r;
    unsigned count = 0;

    buf_init(&b, strlen(v) + 1);
    while ((p = strchr(p, '<')) && count < MIME_MAX_IDS) {
        const char *gt = strchr(p, '>');
        if (!gt)
            break;
        if (gt > p + 1) {
            if (b.len)
                (void)buf_putc(&b, ' ');
            for (const char *c = p + 1; c < gt; c++)
                if (!is_wsp(*c) && (unsigned char)*c > 0x20)
                    (void)buf_putc(&b, *c);
            count++;
            if (first_only)
                break;
        }
        p = gt + 1;
    }
    if (b.len == 0 && !strchr(v, '<')) {
        for (const char *c = v; *c && !is_wsp(*c); c++)
            (void)buf_putc(&b, *c);
    }
    if (b.len == 0) {
        buf_free(&b);
        return NULL;
    }
    r = utf8_dup(b.data, b.len);
    buf_free(&b);
    return r;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int64_t parse_date(const char *v)
{
    struct mailimf_date_time *dt = NULL;
    size_t idx = 0;
    int64_t t = 0;

    if (mailimf_date_time_parse(v, strlen(v), &idx, &dt) != MAILIMF_NO_ERROR || !dt)
        return 0;
    if (dt->dt_year >= 1970 && dt->dt_year < 10000 && dt->dt_month >= 1 && dt->dt_month <= 12 &&
        dt->dt_day >= 1 && dt->dt_day <= 31 && dt->dt_hour >= 0 && dt->dt_hour < 24 &&
        dt->dt_min >= 0 && dt->dt_min < 60 && dt->dt_sec >= 0 && dt->dt_sec <= 60 &&
        dt->dt_zone > -2400 && dt->dt_zone < 2400) {
        int zone = dt->dt_zone, zs = (zone / 100) * 3600 + (zone % 100) * 60;
        t = days_from_civil(dt->dt_year, (unsigned)dt->dt_month, (unsigned)dt->dt_day) * 86400 +
            dt->dt_hour * 3600 + dt->dt_min * 60 + dt->dt_sec - zs;
        if (t < 0)
            t = 0;
    }
    mailimf_date_time_free(dt);
    return t;
}

struct top_ctx {
    struct parse_ctx *pc;
    struct buf hdrs;  /* struct msg_header array */
    size_t n;
    unsigned n_from, n_reply_to;
};

static void set_once(char **slot, char *v)
{
    if (*slot)
        free(v);
    else
        *slot = v;
}

/* From, Reply-To, To, Cc and Return-Path, read with address.h from the raw
 * (folded) value. A message with two From fields, or a From that does not
 * name exactly one plain mailbox, has no sender (from_addr NULL): it is
 * registered but never threaded or acknowledged. */
static void top_address(struct top_ctx *tc, const char *name, size_t nlen, const char *v,
                        size_t vlen, size_t max)
{
    struct msg *m = tc->pc->m;
    char *addr = NULL, *dname = NULL;

    if (name_is(name, nlen, "from")) {
        if (tc->n_from++ == 0 && address_sender(v, vlen, &addr, &dname, NULL) == 0) {
            m->from_addr = addr;
            m->from_name = display_name(dname, max);
            return;
        }
        free(m->from_addr);
        free(m->from_name);
        m->from_addr = m->from_name = NULL;
    } else if (name_is(name, nlen, "reply-to")) {
        if (tc->n_reply_to++ == 0 && address_sender(v, vlen, &addr, NULL, NULL) == 0) {
            m->reply_to = addr;
            return;
        }
        free(m->reply_to);
        m->reply_to = NULL;
    } else if (name_is(name, nlen, "to")) {
        set_once(&m->to, address_join(v, vlen));
    } else if (name_is(name, nlen, "cc")) {
        set_once(&m->cc, address_join(v, vlen));
    } else if (name_is(name, nlen, "return-path") && !m->return_path) {
        m->return_path = address_return_path(v, vlen, &addr, NULL) == 0 ? addr : xstrdup("");
    }
}

static int top_field(void *ctx, const char *name, size_t nlen, const char *val, size_t vlen)
{
    struct top_ctx *tc = ctx;
    struct msg *m = tc->pc->m;
    size_t max = tc->pc->lim->max_header_len * 4;
    char *u = unfold(val, vlen);
    struct msg_header h;

    if (tc->n >= MIME_MAX_HEADERS) {
        free(u);
        set_cause(tc->pc->cause, "more than %d header fields", MIME_MAX_HEADERS);
        return -1;
    }
    h.name = utf8_dup(name, nlen);
    h.value = charset_decode_header(u, strlen(u), max);
    (void)buf_append(&tc->hdrs, &h, sizeof(h));
    tc->n++;
    if (name_is(name, nlen, "subject"))
        set_once(&m->subject, xstrdup(h.value));
    else if (name_is(name, nlen, "from") || name_is(name, nlen, "to") ||
             name_is(name, nlen, "cc") || name_is(name, nlen, "reply-to") ||
             name_is(name, nlen, "return-path"))
        top_address(tc, name, nlen, val, vlen, max);
    else if (name_is(name, nlen, "date") && !m->date_raw) {
        m->date_raw = utf8_dup(u, strlen(u));
        m->date = parse_date(u);
    } else if (name_is(name, nlen, "message-id"))
        set_once(&m->message_id, msg_ids(u, 1));
    else if (name_is(name, nlen, "in-reply-to"))
        set_once(&m->in_reply_to, msg_ids(u, 1));
    else if (name_is(name, nlen, "references"))
        set_once(&m->references, msg_ids(u, 0));
    free(u);
    return 0;
}

static int top_headers(struct parse_ctx *pc)
{
    struct top_ctx tc;
    size_t body;
    int rc;

    tc.pc = pc;
    tc.n = 0;
    tc.n_from = tc.n_reply_to = 0;
    buf_init(&tc.hdrs, (MIME_MAX_HEADERS + 1) * sizeof(struct msg_header));
    rc = fields_each(pc->base, pc->len, pc->lim->max_header_len, top_field, &tc, &body, pc->cause);
    pc->m->n_headers = tc.n;
    pc->m->headers = (struct msg_header *)buf_steal(&tc.hdrs);
    if (rc == 0 && tc.n == 0) {
        set_cause(pc->cause, "no header fields");
        rc = -1;
    }
    return rc;
}

/* ---- entry point ---- */

static void attach_result(struct parse_ctx *pc)
{
    pc->m->n_att = pc->n_att;
    pc->m->att = (struct msg_attachment *)buf_steal(&pc->att);
}

static enum mime_result parse_tree(struct parse_ctx *pc)
{
    struct mailmime *root = NULL;
    size_t idx = 0;
    int r;
    enum mime_result res = MIME_REJECT;

    r = mailmime_parse(pc->base, pc->len, &idx, &root);
    if (r != MAILIMF_NO_ERROR || !root) {
        set_cause(pc->cause, "MIME structure cannot be parsed (libetpan error %d)", r);
        return MIME_REJECT;
    }
    if (root->mm_type == MAILMIME_MESSAGE && root->mm_data.mm_message.mm_msg_mime) {
        struct mailmime *top = root->mm_data.mm_message.mm_msg_mime;
        pc->body_prio = 2;
        if (find_body(pc, top, 0) < 0 || walk(pc, top, 0) < 0 || decode_body(pc) < 0)
            goto out;
    }
    if (pc->m->is_dsn) {
        pc->m->dsn_original_id = pc->dsn_msgid ? pc->dsn_msgid : pc->dsn_envid;
        if (pc->dsn_msgid)
            free(pc->dsn_envid);
        pc->dsn_msgid = pc->dsn_envid = NULL;
    }
    res = MIME_OK;
out:
    free(pc->dsn_msgid);
    free(pc->dsn_envid);
    mailmime_free(root);
    return res;
}

enum mime_result mime_parse(const char *raw, size_t len, const struct mime_limits *lim,
                            struct msg *out, char **cause)
{
    struct parse_ctx pc;
    enum mime_result res = MIME_REJECT;
    char *copy = NULL;
    unsigned nest;

    memset(&pc, 0, sizeof(pc));
    if (len == 0) {
        set_cause(cause, "empty message");
        return MIME_REJECT;
    }
    if (len > lim->max_message_size) {
        set_cause(cause, "message too large (%zu bytes, limit %zu)", len, lim->max_message_size);
        return MIME_REJECT;
    }
    copy = prepare(raw, len, &pc.len);
    if (prescan(copy, pc.len, lim, cause) < 0)
        goto out;
    nest = nesting_headers(copy, pc.len);
    if (nest > lim->max_parts + lim->max_depth) {
        set_cause(cause, "%u multipart or message Content-Type fields (limit %u)", nest,
                  lim->max_parts + lim->max_depth);
        goto out;
    }
    pc.lim = lim;
    pc.base = copy;
    pc.m = out;
    pc.cause = cause;
    buf_init(&pc.att, ((size_t)lim->max_parts + 1) * sizeof(struct msg_attachment));
    if (top_headers(&pc) == 0)
        res = parse_tree(&pc);
    attach_result(&pc);
out:
    free(copy);
    return res;
}
