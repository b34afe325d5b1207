/* charset.c — see include/bureau/charset.h */
#include "bureau/charset.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/util.h"

#define CHARSET_HEADER_WORD_MAX 4096

struct alias {
    const char *label;
    const char *name;
};

static const struct alias aliases[] = {
    {"iso-8859-6-i", "iso-8859-6"}, {"iso-8859-6-e", "iso-8859-6"},
    {"iso_8859-6", "iso-8859-6"},   {"iso8859-6", "iso-8859-6"},
    {"arabic", "iso-8859-6"},       {"asmo-708", "iso-8859-6"},
    {"ecma-114", "iso-8859-6"},     {"cp1256", "windows-1256"},
    {"x-cp1256", "windows-1256"},   {"win-1256", "windows-1256"},
    {"windows1256", "windows-1256"}, {"cp-1256", "windows-1256"},
    {"utf8", "utf-8"},              {"unicode-1-1-utf-8", "utf-8"},
    {"x-unicode20utf8", "utf-8"},   {"latin1", "iso-8859-1"},
    {"latin-1", "iso-8859-1"},      {"iso8859-1", "iso-8859-1"},
    {"iso_8859-1", "iso-8859-1"},   {"l1", "iso-8859-1"},
    {"iso8859-15", "iso-8859-15"},  {"latin9", "iso-8859-15"},
    {"cp1252", "windows-1252"},     {"x-cp1252", "windows-1252"},
    {"ascii", "us-ascii"},          {"ansi_x3.4-1968", "us-ascii"},
    {"us_ascii", "us-ascii"},       {"iso-8859-8-i", "iso-8859-8"},
    {"ks_c_5601-1987", "cp949"},    {"gb2312", "gbk"},
    {"x-gbk", "gbk"},
};

static const char *const meaningless[] = {"unknown", "x-unknown", "x-user-defined",
                                          "default", "unknown-8bit", "charset"};

static int label_normalise(const char *label, char out[CHARSET_NAME_MAX])
{
    size_t n = 0;
    const char *p = label;

    out[0] = '\0';
    if (!label)
        return 0;
    while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
        p++;
    for (; *p && *p != '"' && *p != '\'' && *p != ' ' && *p != '*' && *p != ';'; p++) {
        unsigned char c = (unsigned char)*p;
        if (n + 1 >= CHARSET_NAME_MAX)
            return 0;
        out[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    out[n] = '\0';
    return n > 0;
}

int charset_alias(const char *label, char out[CHARSET_NAME_MAX])
{
    size_t i;

    if (!label_normalise(label, out))
        return 0;
    for (i = 0; i < BU_ARRAY_LEN(meaningless); i++)
        if (strcmp(out, meaningless[i]) == 0) {
            out[0] = '\0';
            return 0;
        }
    for (i = 0; i < BU_ARRAY_LEN(aliases); i++)
        if (strcmp(out, aliases[i].label) == 0) {
            memcpy(out, aliases[i].name, strlen(aliases[i].name) + 1);
            break;
        }
    return 1;
}

/* iconv descriptors are cached: opening one loads (and closing one unloads)
 * a gconv module, which costs far more than decoding a message. A
 * descriptor is lent to one caller at a time (cd_get/cd_put). */
#define CD_CACHE_SIZE 16

static struct {
    char name[CHARSET_NAME_MAX];
    iconv_t cd;
    int busy;
} cd_cache[CD_CACHE_SIZE];
static unsigned cd_next;
static pthread_mutex_t cd_lock = PTHREAD_MUTEX_INITIALIZER;

static iconv_t cd_get(const char *name)
{
    iconv_t cd = (iconv_t)-1;
    pthread_mutex_lock(&cd_lock);
    for (unsigned i = 0; i < CD_CACHE_SIZE; i++)
        if (!cd_cache[i].busy && cd_cache[i].cd && strcmp(cd_cache[i].name, name) == 0) {
            cd_cache[i].busy = 1;
            cd = cd_cache[i].cd;
            break;
        }
    pthread_mutex_unlock(&cd_lock);
    if (cd != (iconv_t)-1) {
        iconv(cd, NULL, NULL, NULL, NULL);
        return cd;
    }
    cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return cd;
    pthread_mutex_lock(&cd_lock);
    unsigned slot = cd_next++ % CD_CACHE_SIZE;
    if (!cd_cache[slot].busy) {
        if (cd_cache[slot].cd)
            iconv_close(cd_cache[slot].cd);
        snprintf(cd_cache[slot].name, sizeof cd_cache[slot].name, "%s", name);
        cd_cache[slot].cd = cd;
        cd_cache[slot].busy = 1;
    }
    pthread_mutex_unlock(&cd_lock);
    return cd;
}

/* Give back a descriptor from cd_get (closed when it is not cached). */
static void cd_put(iconv_t cd)
{
    pthread_mutex_lock(&cd_lock);
    for (unsigned i = 0; i < CD_CACHE_SIZE; i++)
        if (cd_cache[i].cd == cd && cd_cache[i].busy) {
            cd_cache[i].busy = 0;
            pthread_mutex_unlock(&cd_lock);
            return;
        }
    pthread_mutex_unlock(&cd_lock);
    iconv_close(cd);
}

int charset_known(const char *label)
{
    char name[CHARSET_NAME_MAX];
    iconv_t cd;

    if (!charset_alias(label, name))
        return 0;
    if (strcmp(name, "utf-8") == 0)
        return 1;
    cd = cd_get(name);
    if (cd == (iconv_t)-1)
        return 0;
    cd_put(cd);
    return 1;
}

static int has_high(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 0x80)
            return 1;
    return 0;
}

/* Charsets whose ASCII-only bytes are not plain ASCII text. */
static int not_ascii_compatible(const char *name)
{
    return strncmp(name, "utf-7", 5) == 0 || strncmp(name, "utf-16", 6) == 0 ||
           strncmp(name, "utf-32", 6) == 0 || strncmp(name, "ucs-", 4) == 0 ||
           strncmp(name, "iso-2022", 8) == 0 || strncmp(name, "hz", 2) == 0;
}

static int is_latin_label(const char *name)
{
    return strcmp(name, "iso-8859-1") == 0 || strcmp(name, "us-ascii") == 0 ||
           strcmp(name, "windows-1252") == 0 || strcmp(name, "iso-8859-15") == 0;
}

static int is_single_byte_label(const char *name)
{
    return strncmp(name, "iso-8859-", 9) == 0 || strncmp(name, "windows-", 8) == 0 ||
           strncmp(name, "koi8", 4) == 0 || strcmp(name, "us-ascii") == 0 ||
           strncmp(name, "cp", 2) == 0 || strncmp(name, "ibm", 3) == 0 ||
           strncmp(name, "mac", 3) == 0;
}

static int cp1256_arabic_byte(unsigned char c)
{
    return (c >= 0xC1 && c <= 0xD6) || (c >= 0xD8 && c <= 0xDF) || c == 0xE1 ||
           (c >= 0xE3 && c <= 0xE6) || c == 0xEC || c == 0xED ||
           (c >= 0xF0 && c <= 0xF3) || c == 0xF5 || c == 0xF6 || c == 0xF8 ||
           c == 0xFA || c == 0xA1 || c == 0xBA || c == 0xBF;
}

int charset_looks_cp1256(const unsigned char *s, size_t n)
{
    size_t high = 0, arabic = 0, inrun = 0, run = 0, maxrun = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) {
            run = 0;
            continue;
        }
        high++;
        run++;
        if (run > maxrun)
            maxrun = run;
        if (cp1256_arabic_byte(s[i]))
            arabic++;
        if ((i > 0 && s[i - 1] >= 0x80) || (i + 1 < n && s[i + 1] >= 0x80))
            inrun++;
    }
    return high >= 3 && maxrun >= 3 && arabic * 100 >= high * 85 && inrun * 100 >= high * 70;
}

/* Occurrences of the article "al" (alef 0xC7 then lam): lam is 0xE1 in
 * windows-1256 and 0xE4 in ISO-8859-6. */
static size_t article_count(const unsigned char *s, size_t n, unsigned char lam)
{
    size_t c = 0;

    for (size_t i = 0; i + 1 < n; i++)
        if (s[i] == 0xC7 && s[i + 1] == lam)
            c++;
    return c;
}

/* Latin letters of windows-1256 that are Arabic letters in ISO-8859-6,
 * counted only inside runs of high bytes (Arabic words). */
static int looks_iso8859_6_as_cp1256(const unsigned char *s, size_t n)
{
    static const unsigned char latin[] = {0xE0, 0xE2, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB,
                                          0xEE, 0xEF, 0xF4, 0xF9, 0xFB, 0xFC};
    size_t high = 0, hits = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80)
            continue;
        high++;
        if (!((i > 0 && s[i - 1] >= 0x80) || (i + 1 < n && s[i + 1] >= 0x80)))
            continue;
        if (memchr(latin, s[i], sizeof(latin)))
            hits++;
    }
    hits += article_count(s, n, 0xE4);
    return hits >= 2 && hits > 2 * article_count(s, n, 0xE1) && hits * 10 >= high / 2;
}

/* ISO-8859-6 harakat positions that are common letters (ى ي) in cp1256. */
static int iso8859_6_too_many_marks(const unsigned char *s, size_t n)
{
    size_t high = 0, marks = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80)
            continue;
        high++;
        if (s[i] >= 0xEB && s[i] <= 0xF2)
            marks++;
    }
    return high >= 3 && marks * 4 >= high;
}

static void put_replacement(struct buf *b)
{
    (void)buf_append(b, "\xEF\xBF\xBD", 3);
}

/* UTF-16, UTF-32 and UCS-2 with their byte order made explicit: a byte
 * order mark says which (and is skipped), without one they are big-endian
 * (RFC 2781 4.3). glibc's iconv reads a mark-less text in the host's order
 * (little-endian here), and a cached descriptor would keep the order of the
 * previous text's mark. */
static const char *byte_order(const char *name, const char **in, size_t *n)
{
    const unsigned char *s = (const unsigned char *)*in;
    int le = 0, skip = 0;
    if (strcmp(name, "utf-16") == 0 || strcmp(name, "ucs-2") == 0) {
        if (*n >= 2 && ((s[0] == 0xFE && s[1] == 0xFF) || (s[0] == 0xFF && s[1] == 0xFE)))
            le = s[0] == 0xFF, skip = 2;
        *in += skip, *n -= (size_t)skip;
        if (strncmp(name, "ucs", 3) == 0)
            return le ? "ucs-2le" : "ucs-2be";
        return le ? "utf-16le" : "utf-16be";
    }
    if (strcmp(name, "utf-32") == 0 || strcmp(name, "ucs-4") == 0) {
        if (*n >= 4 && ((!s[0] && !s[1] && s[2] == 0xFE && s[3] == 0xFF) ||
                        (s[0] == 0xFF && s[1] == 0xFE && !s[2] && !s[3])))
            le = s[0] == 0xFF, skip = 4;
        *in += skip, *n -= (size_t)skip;
        return le ? "utf-32le" : "utf-32be";
    }
    return name;
}

/* iconv conversion with U+FFFD for bad input. Returns the number of
 * replacements, or -1 when iconv cannot open the charset. */
static long convert(const char *in, size_t n, const char *name, struct buf *b)
{
    name = byte_order(name, &in, &n);
    iconv_t cd = cd_get(name);
    char tmp[4096];
    char *ip = (char *)in;
    size_t left = n;
    long bad = 0;

    if (cd == (iconv_t)-1)
        return -1;
    while (left > 0) {
        char *op = tmp;
        size_t oleft = sizeof(tmp);
        size_t r = iconv(cd, &ip, &left, &op, &oleft);
        int err = errno;

        if (buf_append(b, tmp, (size_t)(op - tmp)) < 0)
            break;
        if (r != (size_t)-1 || err == E2BIG)
            continue;
        bad++;
        put_replacement(b);
        if (err == EINVAL)
            break;
        ip++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    cd_put(cd);
    return bad;
}

static size_t utf8_valid_multibyte_count(const unsigned char *s, size_t n)
{
    size_t count = 0;

    for (size_t i = 0; i < n; i++) {
        size_t len = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC2 ? 2 : 0;
        if (len && i + len <= n && s[i] < 0xF5 && utf8_valid((const char *)s + i, len)) {
            count++;
            i += len - 1;
        }
    }
    return count;
}

static void set_name(struct charset_text *r, const char *name)
{
    size_t l = strlen(name);

    if (l >= CHARSET_NAME_MAX)
        l = CHARSET_NAME_MAX - 1;
    memcpy(r->charset, name, l);
    r->charset[l] = '\0';
}

/* Appends the valid UTF-8 of in[0..n) to b (empty on entry). */
static void append_sanitized(struct buf *b, const char *in, size_t n)
{
    size_t ol;
    char *s = utf8_sanitize(in, n, &ol);
    (void)buf_append(b, s, ol);
    free(s);
}

static void decode_as(const char *in, size_t n, const char *name, struct buf *b,
                      struct charset_text *r)
{
    if (strcmp(name, "utf-8") == 0 || convert(in, n, name, b) < 0) {
        name = "utf-8";
        append_sanitized(b, in, n);
    } else if (!utf8_valid(b->data ? b->data : "", b->len)) {
        /* iconv is not the last word: glibc's UTF-8 decoder (reached through
         * a label it normalises to UTF-8, such as "utf-\xff\x048") passes
         * sequences past U+10FFFF, which are not UTF-8 (fuzz_mime found one) */
        size_t len = b->len;
        char *got = buf_steal(b);  /* b stays usable, empty */
        append_sanitized(b, got, len);
        free(got);
    }
    set_name(r, name);
}

/* The charset to use for non-ASCII bytes that carry no usable label. */
static const char *sniff(const unsigned char *s, size_t n)
{
    if (utf8_valid((const char *)s, n))
        return "utf-8";
    if (charset_looks_cp1256(s, n))
        return "windows-1256";
    return "windows-1252";
}

static long convert(const char *in, size_t n, const char *name, struct buf *b);

/* 1 when s does not decode cleanly in charset name. */
static int strict_fails(const unsigned char *s, size_t n, const char *name)
{
    struct buf tmp;
    long bad;

    buf_init(&tmp, n * 4 + 16);
    bad = convert((const char *)s, n, name, &tmp);
    buf_free(&tmp);
    return bad != 0;
}

static const char *choose(const unsigned char *s, size_t n, const char *name, int known,
                          int *guessed)
{
    const char *pick = name;

    if (!known) {
        pick = sniff(s, n);
    } else if (strcmp(name, "utf-8") == 0) {
        if (!utf8_valid((const char *)s, n) && utf8_valid_multibyte_count(s, n) == 0)
            pick = charset_looks_cp1256(s, n) ? "windows-1256" : "windows-1252";
    } else if (utf8_valid((const char *)s, n) &&
               (is_single_byte_label(name) || strict_fails(s, n, name))) {
        pick = "utf-8";
    } else if (is_latin_label(name)) {
        if (charset_looks_cp1256(s, n))
            pick = "windows-1256";
        else if (strcmp(name, "us-ascii") == 0)
            pick = "windows-1252";
    } else if (strcmp(name, "iso-8859-6") == 0) {
        struct buf tmp;
        buf_init(&tmp, n * 4 + 16);
        if ((convert((const char *)s, n, name, &tmp) > 0 || iso8859_6_too_many_marks(s, n) ||
             article_count(s, n, 0xE1) > 2 * article_count(s, n, 0xE4)) &&
            charset_looks_cp1256(s, n))
            pick = "windows-1256";
        buf_free(&tmp);
    } else if (strcmp(name, "windows-1256") == 0) {
        struct buf tmp;
        buf_init(&tmp, n * 4 + 16);
        if (looks_iso8859_6_as_cp1256(s, n) &&
            convert((const char *)s, n, "iso-8859-6", &tmp) == 0)
            pick = "iso-8859-6";
        buf_free(&tmp);
    }
    *guessed = !known || strcmp(pick, name) != 0;
    return pick;
}

static void cut_utf8(struct buf *b, size_t max_out)
{
    size_t l = b->len;

    if (l <= max_out)
        return;
    l = max_out;
    while (l > 0 && ((unsigned char)b->data[l] & 0xC0) == 0x80)
        l--;
    b->len = l;
    b->data[l] = '\0';
}

void charset_decode(const char *in, size_t n, const char *label, size_t max_out,
                    struct charset_text *r)
{
    const unsigned char *s = (const unsigned char *)in;
    char name[CHARSET_NAME_MAX];
    int known = charset_alias(label, name);
    struct buf b;

    memset(r, 0, sizeof(*r));
    buf_init(&b, n * 4 + 64);
    if (known && strcmp(name, "utf-8") != 0 && !charset_known(name))
        known = 0;
    if (!has_high(s, n) && !(known && not_ascii_compatible(name))) {
        (void)buf_append(&b, in, n);
        set_name(r, known ? name : "us-ascii");
    } else {
        const char *pick = choose(s, n, name, known, &r->guessed);
        decode_as(in, n, pick, &b, r);
    }
    cut_utf8(&b, max_out);
    r->len = b.len;
    r->text = buf_steal(&b);
}

void charset_strip_nul(char *s, size_t *len)
{
    size_t j = 0;

    for (size_t i = 0; i < *len; i++)
        if (s[i] != '\0')
            s[j++] = s[i];
    s[j] = '\0';
    *len = j;
}

/* ---- RFC 2047 ---- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static int b64val(int c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

static void q_decode(const char *s, size_t n, struct buf *out)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            (void)buf_putc(out, ' ');
        } else if (s[i] == '=' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
                   hexval(s[i + 2]) >= 0) {
            (void)buf_putc(out, (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2])));
            i += 2;
        } else {
            (void)buf_putc(out, s[i]);
        }
    }
}

static void b_decode(const char *s, size_t n, struct buf *out)
{
    unsigned acc = 0;
    int bits = 0;

    for (size_t i = 0; i < n; i++) {
        int v = b64val((unsigned char)s[i]);
        if (s[i] == '=')
            break;
        if (v < 0)
            continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            (void)buf_putc(out, (char)((acc >> bits) & 0xFF));
        }
    }
}

struct eword {
    const char *start, *end;      /* whole =?...?= */
    char charset[CHARSET_NAME_MAX];
    char enc;
    const char *text;
    size_t text_len;
};

/* Find an encoded word starting exactly at p (p < end). */
static int eword_at(const char *p, const char *end, struct eword *w)
{
    const char *cs, *q, *t;
    size_t cl;

    if (end - p < 8 || p[0] != '=' || p[1] != '?')
        return 0;
    cs = p + 2;
    q = memchr(cs, '?', (size_t)(end - cs));
    if (!q || q == cs || (size_t)(q - cs) >= CHARSET_NAME_MAX || end - q < 4)
        return 0;
    if (q[2] != '?' || !strchr("BbQq", q[1]))
        return 0;
    t = q + 3;
    for (const char *e = t; e + 1 < end; e++) {
        if (*e == ' ' || *e == '\t')
            return 0;
        if (e[0] == '?' && e[1] == '=') {
            cl = (size_t)(q - cs);
            memcpy(w->charset, cs, cl);
            w->charset[cl] = '\0';
            w->enc = (char)(q[1] | 0x20);
            w->text = t;
            w->text_len = (size_t)(e - t);
            w->start = p;
            w->end = e + 2;
            return 1;
        }
    }
    return 0;
}

static void flush_plain(const char *s, size_t n, struct buf *out)
{
    struct charset_text r;

    if (n == 0)
        return;
    charset_decode(s, n, NULL, n * 4 + 16, &r);
    (void)buf_append(out, r.text, r.len);
    free(r.text);
}

static void flush_word(struct buf *bytes, const char *charset, struct buf *out)
{
    struct charset_text r;

    if (bytes->len == 0)
        return;
    charset_decode(bytes->data, bytes->len, charset, bytes->len * 4 + 16, &r);
    (void)buf_append(out, r.text, r.len);
    free(r.text);
    buf_reset(bytes);
}

static int only_wsp(const char *s, const char *e)
{
    for (; s < e; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

static void control_to_space(struct buf *b)
{
    for (size_t i = 0; i < b->len; i++) {
        unsigned char c = (unsigned char)b->data[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            b->data[i] = ' ';
    }
}

char *charset_decode_header(const char *in, size_t n, size_t max_out)
{
    struct buf out, word;
    const char *p = in, *end = in + n, *plain = in;
    char cur[CHARSET_NAME_MAX] = "";
    struct eword w;
    int prev_word = 0;

    buf_init(&out, n * 4 + 64);
    buf_init(&word, n + 16);
    while (p < end) {
        int gap_wsp;
        if (!eword_at(p, end, &w)) {
            p++;
            continue;
        }
        gap_wsp = only_wsp(plain, p);
        if (prev_word && (!gap_wsp || strcmp(cur, w.charset) != 0))
            flush_word(&word, cur, &out);
        if (!(prev_word && gap_wsp))
            flush_plain(plain, (size_t)(p - plain), &out);
        memcpy(cur, w.charset, sizeof(cur));
        if (w.enc == 'q')
            q_decode(w.text, w.text_len, &word);
        else
            b_decode(w.text, w.text_len, &word);
        prev_word = 1;
        p = plain = w.end;
    }
    flush_word(&word, cur, &out);
    flush_plain(plain, (size_t)(end - plain), &out);
    buf_free(&word);
    control_to_space(&out);
    cut_utf8(&out, max_out);
    return buf_steal(&out);
}
