/* address.c — implements address.h: a strict RFC 5322 address parser. Each
 * rule is a function that consumes input from p->i and returns 0, or
 * returns -1 and leaves p->i undefined (the caller restores it when it
 * tries another alternative). */
#include "bureau/address.h"

#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"

struct ap {
    const char *s;
    size_t n, i;
    size_t err_at; /* furthest offset a rule failed at, for the reason */
};

static int fail(struct ap *p)
{
    if (p->i > p->err_at)
        p->err_at = p->i;
    return -1;
}

static int peek(const struct ap *p)
{
    return p->i < p->n ? (unsigned char)p->s[p->i] : -1;
}

static int is_wsp(int c)
{
    return c == ' ' || c == '\t';
}

static int is_atext(int c)
{
    if (c >= 0x80)
        return 1;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c > 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* qtext and ctext without their excluded delimiters: printable ASCII or
 * 8-bit (RFC 6532). */
static int is_vchar8(int c)
{
    return (c > 32 && c < 127) || c >= 0x80;
}

/* Folding white space: WSP, or CRLF / LF followed by WSP. Appends the WSP
 * (not the line breaks) to out when given. Returns 1 if it consumed any. */
static int fws(struct ap *p, struct buf *out)
{
    size_t start = p->i;
    for (;;) {
        size_t k = p->i;
        if (k < p->n && is_wsp((unsigned char)p->s[k])) {
            if (out)
                (void)buf_putc(out, p->s[k]);
            p->i++;
            continue;
        }
        if (k < p->n && p->s[k] == '\r')
            k++;
        if (k + 1 < p->n && p->s[k] == '\n' && is_wsp((unsigned char)p->s[k + 1])) {
            p->i = k + 1;
            continue;
        }
        break;
    }
    return p->i > start;
}

/* quoted-pair: "\" followed by a printable, 8-bit or WSP character. */
static int quoted_pair(struct ap *p, struct buf *out, struct buf *raw)
{
    int c = p->i + 1 < p->n ? (unsigned char)p->s[p->i + 1] : -1;
    if (!is_vchar8(c) && !is_wsp(c))
        return fail(p);
    if (out)
        (void)buf_putc(out, (char)c);
    if (raw)
        (void)buf_putc(raw, '\\'), (void)buf_putc(raw, (char)c);
    p->i += 2;
    return 0;
}

/* A comment, at "(": nested, iteratively. */
static int comment(struct ap *p)
{
    unsigned depth = 0;
    do {
        int c = peek(p);
        if (c == '(') {
            if (++depth > ADDRESS_MAX_COMMENT_DEPTH)
                return fail(p);
            p->i++;
        } else if (c == ')') {
            depth--;
            p->i++;
        } else if (c == '\\') {
            if (quoted_pair(p, NULL, NULL) < 0)
                return -1;
        } else if (fws(p, NULL)) {
            continue;
        } else if (is_vchar8(c)) {
            p->i++;
        } else {
            return fail(p); /* end of input or a control character */
        }
    } while (depth > 0);
    return 0;
}

/* CFWS, possibly empty. Returns 1 if it consumed any, 0 if none, -1 on a
 * broken comment. */
static int cfws(struct ap *p)
{
    size_t start = p->i;
    for (;;) {
        fws(p, NULL);
        if (peek(p) != '(')
            break;
        if (comment(p) < 0)
            return -1;
    }
    return p->i > start;
}

/* A quoted string, at '"': its content unescaped into out, as written
 * (folding removed) into raw. */
static int quoted_string(struct ap *p, struct buf *out, struct buf *raw)
{
    if (raw)
        (void)buf_putc(raw, '"');
    p->i++;
    for (;;) {
        int c = peek(p);
        if (c == '"') {
            p->i++;
            if (raw)
                (void)buf_putc(raw, '"');
            return 0;
        }
        if (c == '\\') {
            if (quoted_pair(p, out, raw) < 0)
                return -1;
            continue;
        }
        struct buf *w = out ? out : raw;
        size_t before = w ? w->len : 0;
        if (fws(p, w)) {
            if (raw && out)
                (void)buf_append(raw, out->data + before, out->len - before);
            continue;
        }
        if (c < 0 || c == '"' || !is_vchar8(c))
            return fail(p);
        if (out)
            (void)buf_putc(out, (char)c);
        if (raw)
            (void)buf_putc(raw, (char)c);
        p->i++;
    }
}

static size_t atext_run(struct ap *p, struct buf *out)
{
    size_t start = p->i;
    while (is_atext(peek(p)))
        p->i++;
    if (out)
        (void)buf_append(out, p->s + start, p->i - start);
    return p->i - start;
}

/* phrase = 1*word / obs-phrase (word *(word / "." / CFWS)), into name:
 * words joined by one space where white space or a comment separated
 * them. Trailing CFWS is consumed. */
static int phrase(struct ap *p, struct buf *name)
{
    size_t words = 0;
    for (;;) {
        int sp = cfws(p);
        if (sp < 0)
            return -1;
        int c = peek(p);
        if (c == '"' || is_atext(c) || (c == '.' && words > 0)) {
            if (sp && name->len)
                (void)buf_putc(name, ' ');
            if (c == '"') {
                if (quoted_string(p, name, NULL) < 0)
                    return -1;
            } else if (c == '.') {
                (void)buf_putc(name, '.');
                p->i++;
                continue;
            } else {
                atext_run(p, name);
            }
            words++;
            continue;
        }
        return words ? 0 : fail(p);
    }
}

/* local-part = dot-atom / quoted-string / obs-local-part (word *("."
 * word)), as written (quotes kept) into out. */
static int local_part(struct ap *p, struct buf *out, unsigned *flags)
{
    if (cfws(p) < 0)
        return -1;
    for (;;) {
        int c = peek(p);
        if (c == '"') {
            *flags |= ADDRESS_QUOTED_LOCAL;
            if (quoted_string(p, NULL, out) < 0)
                return -1;
        } else if (atext_run(p, out) == 0) {
            return fail(p);
        }
        int sp = cfws(p);
        if (sp < 0)
            return -1;
        if (peek(p) != '.')
            return 0;
        p->i++;
        (void)buf_putc(out, '.');
        int sp2 = cfws(p);
        if (sp2 < 0)
            return -1;
        if (sp || sp2)
            *flags |= ADDRESS_OBS_LOCAL;
    }
}

/* domain-literal, at "[": dtext and FWS (removed). */
static int domain_literal(struct ap *p, struct buf *out)
{
    (void)buf_putc(out, '[');
    p->i++;
    for (;;) {
        int c = peek(p);
        if (fws(p, NULL))
            continue;
        if (c == ']') {
            p->i++;
            (void)buf_putc(out, ']');
            return 0;
        }
        if (c < 0 || c == '[' || c == '\\' || !is_vchar8(c))
            return fail(p);
        (void)buf_putc(out, (char)c);
        p->i++;
    }
}

/* domain = dot-atom / domain-literal / obs-domain (atom *("." atom)),
 * lower-cased into out, trailing CFWS consumed. */
static int domain(struct ap *p, struct buf *out, unsigned *flags)
{
    size_t start = out->len;
    if (cfws(p) < 0)
        return -1;
    if (peek(p) == '[') {
        *flags |= ADDRESS_LITERAL;
        if (domain_literal(p, out) < 0)
            return -1;
        return cfws(p) < 0 ? -1 : 0;
    }
    for (;;) {
        if (atext_run(p, out) == 0)
            return fail(p);
        int sp = cfws(p);
        if (sp < 0)
            return -1;
        if (peek(p) != '.')
            break;
        p->i++;
        (void)buf_putc(out, '.');
        int sp2 = cfws(p);
        if (sp2 < 0)
            return -1;
        if (sp || sp2)
            *flags |= ADDRESS_OBS_DOMAIN;
    }
    for (size_t k = start; k < out->len; k++)
        if (out->data[k] >= 'A' && out->data[k] <= 'Z')
            out->data[k] = (char)(out->data[k] + 32);
    return 0;
}

static int addr_spec(struct ap *p, struct buf *out, unsigned *flags)
{
    if (local_part(p, out, flags) < 0)
        return -1;
    if (peek(p) != '@')
        return fail(p);
    p->i++;
    (void)buf_putc(out, '@');
    return domain(p, out, flags);
}

/* obs-route = obs-domain-list ":", where obs-domain-list =
 * *(CFWS / ",") "@" domain *("," [CFWS] ["@" domain]). The route is read
 * and dropped. */
static int obs_route(struct ap *p, unsigned *flags)
{
    struct buf skip;
    int rc = -1;
    buf_init(&skip, p->n + 1);
    for (;;) {
        if (cfws(p) < 0)
            goto done;
        if (peek(p) != ',')
            break;
        p->i++;
    }
    if (peek(p) != '@') {
        fail(p);
        goto done;
    }
    p->i++;
    if (domain(p, &skip, flags) < 0)
        goto done;
    while (peek(p) == ',') {
        p->i++;
        if (cfws(p) < 0)
            goto done;
        if (peek(p) == '@') {
            p->i++;
            if (domain(p, &skip, flags) < 0)
                goto done;
        }
    }
    if (peek(p) != ':') {
        fail(p);
        goto done;
    }
    p->i++;
    *flags |= ADDRESS_ROUTE;
    rc = 0;
done:
    buf_free(&skip);
    return rc;
}

/* angle-addr = [CFWS] "<" [obs-route] addr-spec ">" [CFWS] */
static int angle_addr(struct ap *p, struct buf *out, unsigned *flags)
{
    if (cfws(p) < 0)
        return -1;
    if (peek(p) != '<')
        return fail(p);
    p->i++;
    size_t save = p->i;
    if (cfws(p) < 0)
        return -1;
    int c = peek(p);
    if (c == '@' || c == ',') {
        if (obs_route(p, flags) < 0)
            return -1;
    } else {
        p->i = save;
    }
    if (addr_spec(p, out, flags) < 0)
        return -1;
    if (peek(p) != '>')
        return fail(p);
    p->i++;
    return cfws(p) < 0 ? -1 : 0;
}

static void address_clear(struct address *a)
{
    free(a->addr);
    free(a->name);
    memset(a, 0, sizeof(*a));
}

/* mailbox = name-addr / addr-spec */
static int mailbox(struct ap *p, struct address *a)
{
    struct buf name, addr;
    size_t start = p->i;
    unsigned flags = 0;
    int rc = 0;

    buf_init(&name, p->n + 1);
    buf_init(&addr, p->n + 1);
    if (phrase(p, &name) < 0) {
        p->i = start;
        buf_reset(&name);
    }
    if (angle_addr(p, &addr, &flags) < 0) {
        p->i = start;
        buf_reset(&name);
        buf_reset(&addr);
        flags = ADDRESS_NO_ANGLE;
        rc = addr_spec(p, &addr, &flags);
    }
    if (rc == 0) {
        for (size_t k = 0; k < addr.len; k++)
            if ((unsigned char)addr.data[k] >= 0x80)
                flags |= ADDRESS_8BIT;
        if (addr.len && memmem(addr.data, addr.len, "=?", 2))
            flags |= ADDRESS_ENCODED;
        a->flags = flags;
        a->addr = buf_steal(&addr);
        a->name = name.len ? buf_steal(&name) : NULL;
    }
    buf_free(&name);
    buf_free(&addr);
    return rc;
}

static int push(struct address_list *al, struct address *a)
{
    if (al->n >= ADDRESS_MAX_LIST) {
        address_clear(a);
        return -1;
    }
    al->v = xrealloc(al->v, (al->n + 1) * sizeof(*al->v));
    al->v[al->n++] = *a;
    memset(a, 0, sizeof(*a));
    return 0;
}

static void truncate_list(struct address_list *al, size_t n)
{
    while (al->n > n)
        address_clear(&al->v[--al->n]);
}

/* group = display-name ":" [group-list] ";" [CFWS], members appended to al
 * (removed again on failure). */
static int group(struct ap *p, struct address_list *al)
{
    struct buf name;
    size_t first = al->n;
    int rc = -1;

    buf_init(&name, p->n + 1);
    if (phrase(p, &name) < 0 || peek(p) != ':')
        goto done;
    p->i++;
    for (;;) {
        struct address a = {0};
        if (cfws(p) < 0)
            goto done;
        int c = peek(p);
        if (c == ';') {
            p->i++;
            rc = cfws(p) < 0 ? -1 : 0;
            goto done;
        }
        if (c == ',') {
            p->i++;
            continue;
        }
        if (mailbox(p, &a) < 0)
            goto done;
        a.flags |= ADDRESS_IN_GROUP;
        if (push(al, &a) < 0)
            goto done;
        c = peek(p);
        if (c != ',' && c != ';') {
            fail(p);
            goto done;
        }
    }
done:
    if (rc < 0)
        truncate_list(al, first);
    else
        al->groups++;
    buf_free(&name);
    return rc;
}

/* address-list, with the empty elements of obs-addr-list. */
static int list(struct ap *p, struct address_list *al)
{
    for (;;) {
        if (cfws(p) < 0)
            return -1;
        if (p->i >= p->n)
            return 0;
        if (peek(p) == ',') {
            p->i++;
            continue;
        }
        size_t start = p->i;
        if (group(p, al) < 0) {
            struct address a = {0};
            p->i = start;
            if (mailbox(p, &a) < 0 || push(al, &a) < 0)
                return -1;
        }
        if (cfws(p) < 0)
            return -1;
        if (p->i >= p->n)
            return 0;
        if (peek(p) != ',')
            return fail(p);
        p->i++;
    }
}

void address_list_free(struct address_list *al)
{
    truncate_list(al, 0);
    free(al->v);
    memset(al, 0, sizeof(*al));
}

int address_list_parse(const char *s, size_t n, struct address_list *al, char **cause)
{
    struct ap p = {.s = s, .n = n};
    memset(al, 0, sizeof(*al));
    if (list(&p, al) == 0)
        return 0;
    if (al->n >= ADDRESS_MAX_LIST)
        set_cause(cause, "more than %d addresses", ADDRESS_MAX_LIST);
    else
        set_cause(cause, "not an RFC 5322 address list (byte %zu)", p.err_at);
    address_list_free(al);
    return -1;
}

#define SENDER_REFUSED                                                                     \
    (ADDRESS_QUOTED_LOCAL | ADDRESS_OBS_LOCAL | ADDRESS_LITERAL | ADDRESS_OBS_DOMAIN |      \
     ADDRESS_ROUTE | ADDRESS_IN_GROUP | ADDRESS_8BIT | ADDRESS_ENCODED)

static const char *sender_refusal(const struct address_list *al)
{
    if (al->groups)
        return "a group, not a mailbox";
    if (al->n != 1)
        return al->n ? "more than one mailbox" : "no mailbox";
    unsigned f = al->v[0].flags;
    if (f & ADDRESS_QUOTED_LOCAL)
        return "quoted local part";
    if (f & ADDRESS_LITERAL)
        return "domain literal";
    if (f & ADDRESS_ROUTE)
        return "obsolete route";
    if (f & (ADDRESS_OBS_LOCAL | ADDRESS_OBS_DOMAIN))
        return "obsolete spacing in the address";
    if (f & ADDRESS_8BIT)
        return "8-bit address";
    if (f & ADDRESS_ENCODED)
        return "encoded word in the address";
    if (strlen(al->v[0].addr) > ADDRESS_MAX_ADDR)
        return "address too long";
    return NULL;
}

int address_sender(const char *s, size_t n, char **addr, char **name, char **cause)
{
    struct address_list al;
    *addr = NULL;
    if (name)
        *name = NULL;
    if (address_list_parse(s, n, &al, cause) < 0)
        return -1;
    const char *why = sender_refusal(&al);
    if (why) {
        set_cause(cause, "%s", why);
        address_list_free(&al);
        return -1;
    }
    *addr = al.v[0].addr;
    al.v[0].addr = NULL;
    if (name) {
        *name = al.v[0].name;
        al.v[0].name = NULL;
    }
    address_list_free(&al);
    return 0;
}

int address_return_path(const char *s, size_t n, char **addr, char **cause)
{
    struct ap p = {.s = s, .n = n};
    if (cfws(&p) >= 0 && peek(&p) == '<') {
        p.i++;
        if (cfws(&p) >= 0 && peek(&p) == '>') {
            p.i++;
            if (cfws(&p) >= 0 && p.i == p.n) {
                *addr = xstrdup("");
                return 0;
            }
        }
    }
    return address_sender(s, n, addr, NULL, cause);
}
