/* compose.c — see compose.h */
#include "bureau/compose.h"

#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#define LINE_MAX_ENC 76
#define ATTACH_RFC822_LINE 998

static int is_atext(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

static int local_valid(const char *s, size_t n)
{
    if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (s[i + 1] == '.')
                return 0;
        } else if (!is_atext(c)) {
            return 0;
        }
    }
    return 1;
}

static int label_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-';
}

static int domain_valid(const char *s)
{
    size_t n = strlen(s), lab = 0, labels = 1;
    if (n == 0 || n > 253)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.') {
            if (lab == 0 || s[i - 1] == '-')
                return 0;
            lab = 0;
            labels++;
            continue;
        }
        if (!label_char(c) || (lab == 0 && c == '-') || ++lab > 63)
            return 0;
    }
    return lab > 0 && s[n - 1] != '-' && labels >= 2;
}

int compose_addr_valid(const char *a)
{
    if (!a)
        return 0;
    size_t n = strlen(a);
    const char *at = strrchr(a, '@');
    if (n == 0 || n > COMPOSE_MAX_ADDR || !at || strchr(a, '@') != at)
        return 0;
    return local_valid(a, (size_t)(at - a)) && domain_valid(at + 1);
}

int compose_msgid_valid(const char *v)
{
    if (!v || !*v || strlen(v) > 250)
        return 0;
    int ats = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p <= 32 || *p >= 127 || *p == '<' || *p == '>' || *p == '"' || *p == '\\' ||
            *p == ',' || *p == '(' || *p == ')')
            return 0;
        ats += *p == '@';
    }
    return ats == 1 && v[0] != '@' && v[strlen(v) - 1] != '@';
}

static size_t utf8_boundary(const char *s, size_t n)
{
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

char *compose_header_clean(const char *s, size_t max)
{
    if (!s)
        return xstrdup("");
    size_t len = strlen(s), outlen = 0;
    char *u = utf8_sanitize(s, len, &outlen);
    if (outlen > max) {
        outlen = utf8_boundary(u, max);
        u[outlen] = '\0';
    }
    for (size_t i = 0; i < outlen; i++) {
        unsigned char c = (unsigned char)u[i];
        if (c < 32 || c == 127)
            u[i] = ' ';
        else if (c == 0xC2 && i + 1 < outlen && (unsigned char)u[i + 1] >= 0x80 &&
                 (unsigned char)u[i + 1] <= 0x9F) {
            u[i] = ' ';
            u[i + 1] = ' ';
        }
    }
    return u;
}

static const char b64tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int b64_chunk(struct buf *out, const unsigned char *p, size_t n)
{
    char q[4];
    unsigned v = (unsigned)p[0] << 16 | (n > 1 ? (unsigned)p[1] << 8 : 0) | (n > 2 ? p[2] : 0);
    q[0] = b64tab[(v >> 18) & 63];
    q[1] = b64tab[(v >> 12) & 63];
    q[2] = n > 1 ? b64tab[(v >> 6) & 63] : '=';
    q[3] = n > 2 ? b64tab[v & 63] : '=';
    return buf_append(out, q, 4);
}

static int b64_plain(struct buf *out, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i += 3)
        if (b64_chunk(out, p + i, n - i < 3 ? n - i : 3) < 0)
            return -1;
    return 0;
}

int compose_base64(struct buf *out, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i += 57) {
        if (b64_plain(out, p + i, n - i < 57 ? n - i : 57) < 0 || buf_puts(out, "\r\n") < 0)
            return -1;
    }
    return 0;
}

static int header_plain_ok(const char *v)
{
    if (strstr(v, "=?") || strlen(v) > 900)
        return 0;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 32 || *p >= 127)
            return 0;
    return 1;
}

static int encode_words(struct buf *out, const char *value, size_t prefix_len)
{
    /* Each word is "=?UTF-8?B?" + base64 + "?=" (12 octets of overhead). */
    size_t n = strlen(value), i = 0, col = prefix_len;
    while (i < n) {
        if (i > 0) {
            if (buf_puts(out, "\r\n ") < 0)
                return -1;
            col = 1;
        }
        size_t avail = col + 12 + 8 < LINE_MAX_ENC ? (LINE_MAX_ENC - col - 12) / 4 * 3 : 6;
        size_t take = n - i > avail ? utf8_boundary(value + i, avail) : n - i;
        if (take == 0)
            take = n - i < avail ? n - i : avail;
        if (buf_puts(out, "=?UTF-8?B?") < 0 || b64_plain(out, value + i, take) < 0 ||
            buf_puts(out, "?=") < 0)
            return -1;
        i += take;
    }
    return 0;
}

int compose_encode_header(struct buf *out, const char *value, size_t prefix_len)
{
    if (header_plain_ok(value))
        return buf_puts(out, value);
    return encode_words(out, value, prefix_len);
}

static int name_plain_ok(const char *v)
{
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        if (*p < 32 || *p >= 127)
            return 0;
    return strstr(v, "=?") == NULL && strlen(v) < 200;
}

static int put_quoted(struct buf *out, const char *v)
{
    if (buf_putc(out, '"') < 0)
        return -1;
    for (; *v; v++)
        if ((*v == '"' || *v == '\\') ? buf_putc(out, '\\') < 0 || buf_putc(out, *v) < 0
                                      : buf_putc(out, *v) < 0)
            return -1;
    return buf_puts(out, "\" ");
}

int compose_mailbox(struct buf *out, const char *name, const char *addr)
{
    if (name && *name) {
        if (name_plain_ok(name)) {
            if (put_quoted(out, name) < 0)
                return -1;
        } else if (encode_words(out, name, 6) < 0 || buf_putc(out, ' ') < 0) {
            return -1;
        }
    }
    return buf_printf(out, "<%s>", addr);
}

static int qp_char(struct buf *out, unsigned char c, size_t *col)
{
    static const char hex[] = "0123456789ABCDEF";
    int plain = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
    size_t w = plain ? 1 : 3;
    if (*col + w > 75) {
        if (buf_puts(out, "=\r\n") < 0)
            return -1;
        *col = 0;
    }
    *col += w;
    if (plain)
        return buf_putc(out, (char)c);
    char e[3] = {'=', hex[c >> 4], hex[c & 15]};
    return buf_append(out, e, 3);
}

static int qp_line_end(struct buf *out, size_t *col)
{
    /* A space or tab before a line break must be encoded (RFC 2045 6.7). */
    if (out->len > 0 && (out->data[out->len - 1] == ' ' || out->data[out->len - 1] == '\t') &&
        *col > 0) {
        char last = out->data[out->len - 1];
        out->len--;
        out->data[out->len] = '\0';
        if (buf_puts(out, last == ' ' ? "=20" : "=09") < 0)
            return -1;
    }
    *col = 0;
    return buf_puts(out, "\r\n");
}

int compose_qp(struct buf *out, const char *s, size_t n)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && s[i + 1] == '\n')
                i++;
            if (qp_line_end(out, &col) < 0)
                return -1;
            continue;
        }
        if (qp_char(out, c, &col) < 0)
            return -1;
    }
    if (col > 0 && qp_line_end(out, &col) < 0)
        return -1;
    return 0;
}

char *compose_message_id(const char *from_addr)
{
    unsigned char rnd[12];
    char hex[25];
    const char *at = from_addr ? strrchr(from_addr, '@') : NULL;
    if (gnutls_rnd(GNUTLS_RND_NONCE, rnd, sizeof rnd) != 0 &&
        getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
        memset(rnd, 0, sizeof rnd);
    for (size_t i = 0; i < sizeof rnd; i++) {
        hex[2 * i] = "0123456789abcdef"[rnd[i] >> 4];
        hex[2 * i + 1] = "0123456789abcdef"[rnd[i] & 15];
    }
    hex[24] = '\0';
    return xasprintf("bureau.%lld.%s@%s", (long long)now_epoch(), hex,
                     at && at[1] ? at + 1 : "localhost");
}

static int header_value_ok(const char *v)
{
    size_t n = strlen(v);
    return n <= COMPOSE_MAX_HEADER_VALUE && !str_has_ctl(v, 0) && utf8_valid(v, n);
}

int compose_check_parties(const struct compose_input *in, char **cause)
{
    if (!compose_addr_valid(in->from_addr)) {
        set_cause(cause, "invalid from address");
        return -1;
    }
    if (!compose_addr_valid(in->to_addr)) {
        set_cause(cause, "invalid recipient address");
        return -1;
    }
    if (in->reply_to && !compose_addr_valid(in->reply_to)) {
        set_cause(cause, "invalid Reply-To address");
        return -1;
    }
    const char *vals[] = {in->from_name, in->to_name, in->attach_name};
    const char *names[] = {"from name", "recipient name", "attachment name"};
    for (size_t i = 0; i < BU_ARRAY_LEN(vals); i++)
        if (vals[i] && !header_value_ok(vals[i])) {
            set_cause(cause, "refused %s: control characters, invalid UTF-8 or too long",
                      names[i]);
            return -1;
        }
    return 0;
}

/* "type/subtype" of letters, digits and "+-." only. */
static int type_token_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0, slash = 0;
    if (n == 0 || n > 100)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '/')
            slash++;
        else if (!label_char((unsigned char)t[i]) && t[i] != '+' && t[i] != '.')
            return 0;
    }
    return slash == 1 && t[0] != '/' && t[n - 1] != '/';
}

static int check_inputs(const struct compose_input *in, char **cause)
{
    if (compose_check_parties(in, cause) < 0)
        return -1;
    if (in->subject && !header_value_ok(in->subject)) {
        set_cause(cause, "refused subject: control characters, invalid UTF-8 or too long");
        return -1;
    }
    for (size_t i = 0; i < in->n_files; i++)
        if (!in->files[i].name || !header_value_ok(in->files[i].name) ||
            !type_token_ok(in->files[i].content_type)) {
            set_cause(cause, "refused attachment %zu: bad name or content type", i + 1);
            return -1;
        }
    if (!in->text || !in->subject) {
        set_cause(cause, "no subject or text");
        return -1;
    }
    if (in->message_id && !compose_msgid_valid(in->message_id)) {
        set_cause(cause, "invalid Message-ID");
        return -1;
    }
    return 0;
}

static int put_ref(struct buf *b, const char *tok, size_t len, int *n, const char *seen)
{
    char id[256];
    if (len == 0 || len >= sizeof id || *n >= COMPOSE_MAX_REFERENCES)
        return 0;
    memcpy(id, tok, len);
    id[len] = '\0';
    if (!compose_msgid_valid(id) || (seen && strcmp(id, seen) == 0))
        return 0;
    (*n)++;
    return buf_printf(b, "%s<%s>", *n == 1 ? "References: " : "\r\n ", id);
}

static int put_threading(struct buf *b, const struct compose_input *in)
{
    if (in->in_reply_to && compose_msgid_valid(in->in_reply_to) &&
        buf_printf(b, "In-Reply-To: <%s>\r\n", in->in_reply_to) < 0)
        return -1;
    int n = 0;
    const char *p = in->references ? in->references : "";
    while (*p) {
        size_t len = strcspn(p, " \t");
        if (n < COMPOSE_MAX_REFERENCES - 1 && put_ref(b, p, len, &n, in->in_reply_to) < 0)
            return -1;
        p += len;
        p += strspn(p, " \t");
    }
    if (in->in_reply_to && put_ref(b, in->in_reply_to, strlen(in->in_reply_to), &n, NULL) < 0)
        return -1;
    return n > 0 ? buf_puts(b, "\r\n") : 0;
}

static int put_headers(struct buf *b, const struct compose_input *in, const char *msgid)
{
    char date[40];
    fmt_rfc5322(in->date ? in->date : now_epoch(), date);
    int rc = buf_printf(b, "Date: %s\r\nFrom: ", date);
    rc = rc < 0 ? rc : compose_mailbox(b, in->from_name, in->from_addr);
    rc = rc < 0 ? rc : buf_puts(b, "\r\nTo: ");
    rc = rc < 0 ? rc : compose_mailbox(b, in->to_name, in->to_addr);
    if (rc == 0 && in->reply_to)
        rc = buf_printf(b, "\r\nReply-To: <%s>", in->reply_to);
    rc = rc < 0 ? rc : buf_puts(b, "\r\nSubject: ");
    rc = rc < 0 ? rc : compose_encode_header(b, in->subject, 9);
    rc = rc < 0 ? rc : buf_printf(b, "\r\nMessage-ID: <%s>\r\n", msgid);
    rc = rc < 0 ? rc : put_threading(b, in);
    if (rc == 0 && in->auto_submitted)
        rc = buf_printf(b, "Auto-Submitted: %s\r\nX-Auto-Response-Suppress: All\r\n",
                        in->auto_submitted);
    return rc < 0 ? rc : buf_puts(b, "MIME-Version: 1.0\r\n");
}

static int put_crlf_copy(struct buf *b, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n')
            continue;
        int rc = (p[i] == '\n' || p[i] == '\r') ? buf_puts(b, "\r\n") : buf_putc(b, p[i]);
        if (rc < 0)
            return -1;
    }
    if (n > 0 && p[n - 1] != '\n' && p[n - 1] != '\r')
        return buf_puts(b, "\r\n");
    return 0;
}

/* Mostly non-ASCII text (Arabic) is shorter in base64 than in QP. */
static int mostly_8bit(const char *s)
{
    size_t hi = 0, n = 0;
    for (; s[n]; n++)
        hi += (unsigned char)s[n] >= 128;
    return hi * 3 > n;
}

static int put_text_part(struct buf *b, const char *type, const char *s)
{
    int b64 = mostly_8bit(s);
    if (buf_printf(b, "Content-Type: %s; charset=UTF-8\r\nContent-Transfer-Encoding: %s\r\n\r\n",
                   type, b64 ? "base64" : "quoted-printable") < 0)
        return -1;
    if (!b64)
        return compose_qp(b, s, strlen(s));
    struct buf crlf;
    buf_init(&crlf, COMPOSE_MAX_MESSAGE);
    int rc = put_crlf_copy(&crlf, s, strlen(s));
    rc = rc < 0 ? rc : compose_base64(b, crlf.data, crlf.len);
    buf_free(&crlf);
    return rc;
}

static int put_alternative(struct buf *b, const struct compose_input *in, const char *bnd)
{
    if (!in->html)
        return put_text_part(b, "text/plain", in->text);
    int rc = buf_printf(b, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n"
                           "--%s\r\n",
                        bnd, bnd);
    rc = rc < 0 ? rc : put_text_part(b, "text/plain", in->text);
    rc = rc < 0 ? rc : buf_printf(b, "--%s\r\n", bnd);
    rc = rc < 0 ? rc : put_text_part(b, "text/html", in->html);
    return rc < 0 ? rc : buf_printf(b, "--%s--\r\n", bnd);
}

static int is_7bit_lines(const char *p, size_t n)
{
    size_t line = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == 0 || c >= 128)
            return 0;
        line = c == '\n' ? 0 : line + 1;
        if (line > ATTACH_RFC822_LINE - 2)
            return 0;
    }
    return 1;
}

int compose_attachment_body(struct buf *b, const char *raw, size_t len, int base64)
{
    return base64 ? compose_base64(b, raw, len) : put_crlf_copy(b, raw, len);
}

static int put_attachment(struct buf *b, const struct compose_input *in)
{
    const char *name = in->attach_name ? in->attach_name : "original.eml";
    int base64 = !is_7bit_lines(in->attach, in->attach_len);
    int rc;
    if (!base64)
        rc = buf_puts(b, "Content-Type: message/rfc822\r\nContent-Disposition: attachment; "
                         "filename=") < 0 ||
                     compose_encode_header(b, name, 40) < 0 || buf_puts(b, "\r\n\r\n") < 0
                 ? -1
                 : 0;
    else
        rc = buf_puts(b, "Content-Type: application/octet-stream; name=") < 0 ||
                     compose_encode_header(b, name, 44) < 0 ||
                     buf_puts(b, "\r\nContent-Disposition: attachment; filename=") < 0 ||
                     compose_encode_header(b, name, 43) < 0 ||
                     buf_puts(b, "\r\nContent-Transfer-Encoding: base64\r\n\r\n") < 0
                 ? -1
                 : 0;
    if (rc < 0)
        return -1;
    return compose_attachment_body(b, in->attach, in->attach_len, base64);
}

/* key="value" for plain ASCII, else RFC 2231 key*=UTF-8''percent-encoded. */
static int put_param(struct buf *b, const char *key, const char *v)
{
    int plain = 1;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++)
        plain &= *p >= 32 && *p < 127 && *p != '"' && *p != '\\' && *p != '%';
    if (plain)
        return buf_printf(b, "%s=\"%s\"", key, v);
    if (buf_printf(b, "%s*=UTF-8''", key) < 0)
        return -1;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        int keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || strchr("-._~", *p);
        if ((keep ? buf_putc(b, (char)*p) : buf_printf(b, "%%%02X", *p)) < 0)
            return -1;
    }
    return 0;
}

static int put_file(struct buf *b, const struct compose_file *f)
{
    int rc = buf_printf(b, "Content-Type: %s;\r\n ", f->content_type) < 0 ||
                     put_param(b, "name", f->name) < 0 ||
                     buf_puts(b, "\r\nContent-Disposition: attachment;\r\n ") < 0 ||
                     put_param(b, "filename", f->name) < 0 ||
                     buf_puts(b, "\r\nContent-Transfer-Encoding: base64\r\n\r\n") < 0
                 ? -1
                 : 0;
    return rc < 0 ? rc : compose_base64(b, f->data, f->len);
}

static void boundary_safe(char *p)
{
    for (; *p; p++)
        if (!label_char((unsigned char)*p) && *p != '.')
            *p = '_';
}

static int put_body(struct buf *b, const struct compose_input *in, const char *msgid)
{
    char outer[80], inner[80];
    snprintf(outer, sizeof outer, "=_mixed_%.40s", msgid);
    snprintf(inner, sizeof inner, "=_alt_%.40s", msgid);
    boundary_safe(outer + 8);
    boundary_safe(inner + 6);
    if (!in->attach && in->n_files == 0)
        return put_alternative(b, in, inner);
    int rc = buf_printf(b, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n"
                           "This is a MIME message.\r\n--%s\r\n",
                        outer, outer);
    rc = rc < 0 ? rc : put_alternative(b, in, inner);
    if (in->attach) {
        rc = rc < 0 ? rc : buf_printf(b, "--%s\r\n", outer);
        rc = rc < 0 ? rc : put_attachment(b, in);
    }
    for (size_t i = 0; i < in->n_files && rc == 0; i++)
        rc = buf_printf(b, "--%s\r\n", outer) < 0 || put_file(b, &in->files[i]) < 0 ? -1 : 0;
    return rc < 0 ? rc : buf_printf(b, "--%s--\r\n", outer);
}

int compose_build(const struct compose_input *in, char **out, size_t *outlen,
                  char **message_id, char **cause)
{
    if (check_inputs(in, cause) < 0)
        return -1;
    char *msgid = in->message_id ? xstrdup(in->message_id) : compose_message_id(in->from_addr);
    struct buf b;
    buf_init(&b, COMPOSE_MAX_MESSAGE);
    if (put_headers(&b, in, msgid) < 0 || put_body(&b, in, msgid) < 0) {
        set_cause(cause, "message too large (cap %u bytes)", COMPOSE_MAX_MESSAGE);
        buf_free(&b);
        free(msgid);
        return -1;
    }
    *outlen = b.len;
    *out = buf_steal(&b);
    *message_id = msgid;
    return 0;
}
