/* html2text.c — see include/bureau/html2text.h */
#include "bureau/html2text.h"

#include <string.h>
#include <strings.h>

#include "bureau/util.h"

#define TAG_NAME_MAX 16
#define ENTITY_MAX 12

struct entity {
    const char *name;
    unsigned cp;
};

static const struct entity entities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", ' '},      {"copy", 0xA9},    {"reg", 0xAE},
    {"eacute", 0xE9},  {"egrave", 0xE8},   {"ecirc", 0xEA},   {"euml", 0xEB},
    {"agrave", 0xE0},  {"acirc", 0xE2},    {"ccedil", 0xE7},  {"icirc", 0xEE},
    {"iuml", 0xEF},    {"ocirc", 0xF4},    {"ugrave", 0xF9},  {"ucirc", 0xFB},
    {"uuml", 0xFC},    {"ouml", 0xF6},     {"auml", 0xE4},    {"szlig", 0xDF},
    {"Eacute", 0xC9},  {"Egrave", 0xC8},   {"Ecirc", 0xCA},   {"Agrave", 0xC0},
    {"Acirc", 0xC2},   {"Ccedil", 0xC7},   {"Ocirc", 0xD4},   {"oelig", 0x153},
    {"OElig", 0x152},  {"laquo", 0xAB},    {"raquo", 0xBB},   {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013},  {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"ldquo", 0x201C}, {"rdquo", 0x201D},  {"euro", 0x20AC},  {"deg", 0xB0},
    {"bull", 0x2022},  {"middot", 0xB7},   {"times", 0xD7},   {"zwnj", 0x200C},
    {"zwj", 0x200D},   {"lrm", 0x200E},    {"rlm", 0x200F},   {"shy", 0xAD},
    {"iexcl", 0xA1},   {"pound", 0xA3},    {"sect", 0xA7},    {"trade", 0x2122},
    {"ordm", 0xBA},    {"ordf", 0xAA},     {"frac12", 0xBD},  {"ntilde", 0xF1},
    {"aacute", 0xE1},  {"iacute", 0xED},   {"oacute", 0xF3},  {"uacute", 0xFA},
    {"bdquo", 0x201E}, {"sbquo", 0x201A},  {"dagger", 0x2020}, {"permil", 0x2030},
    {"lsaquo", 0x2039}, {"rsaquo", 0x203A}, {"cent", 0xA2},   {"yen", 0xA5},
    {"plusmn", 0xB1},  {"micro", 0xB5},    {"para", 0xB6},    {"divide", 0xF7},
    {"Uuml", 0xDC},    {"Ouml", 0xD6},     {"Auml", 0xC4},    {"atilde", 0xE3},
    {"otilde", 0xF5},  {"aring", 0xE5},    {"oslash", 0xF8},  {"thinsp", 0x2009},
    {"ensp", 0x2002},  {"emsp", 0x2003},   {"larr", 0x2190},  {"rarr", 0x2192},
    {"iquest", 0xBF},  {"acute", 0xB4},    {"uml", 0xA8},     {"macr", 0xAF},
    {"sup2", 0xB2},    {"sup3", 0xB3},     {"frac14", 0xBC},  {"frac34", 0xBE},
    {"Oacute", 0xD3},  {"Aacute", 0xC1},   {"Iacute", 0xCD},  {"Uacute", 0xDA},
    {"Ntilde", 0xD1},  {"yacute", 0xFD},   {"yuml", 0xFF},    {"Icirc", 0xCE},
    {"Ucirc", 0xDB},   {"Ugrave", 0xD9},   {"Euml", 0xCB},    {"Iuml", 0xCF},
};

static const char *const block_tags[] = {
    "p",     "div",     "br",     "li",     "tr",      "h1",      "h2",       "h3",
    "h4",    "h5",      "h6",     "table",  "ul",      "ol",      "blockquote", "pre",
    "hr",    "section", "article", "header", "footer", "dd",      "dt",       "dl",
    "form",  "address", "center", "nav",    "aside",   "figure",  "fieldset", "tbody",
    "thead", "tfoot",   "body",   "html",   "main",    "caption", "option",
};

static const char *const skip_tags[] = {"script", "style", "title", "noscript", "template"};

struct h2t {
    struct buf out;
    int pre;
    int space;     /* a collapsed space is pending */
    int newlines;  /* trailing newlines already in out */
};

static void put_utf8(struct buf *b, unsigned cp)
{
    char u[4];

    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        (void)buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        (void)buf_append(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        (void)buf_append(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        (void)buf_append(b, u, 4);
    }
}

static void emit_pending_space(struct h2t *h)
{
    if (h->space && h->out.len > 0 && h->newlines == 0)
        (void)buf_putc(&h->out, ' ');
    h->space = 0;
}

static void emit_cp(struct h2t *h, unsigned cp)
{
    emit_pending_space(h);
    put_utf8(&h->out, cp);
    h->newlines = 0;
}

/* End the current line so that at least want (1 or 2) line breaks end
 * the output; force adds one more (for <br>). */
static void emit_newline(struct h2t *h, int want, int force)
{
    h->space = 0;
    while (h->out.len > 0 && h->out.data[h->out.len - 1] == ' ')
        h->out.data[--h->out.len] = '\0';
    if (h->out.len == 0)
        return;
    if (force)
        want = h->newlines + 1;
    while (h->newlines < want && h->newlines < 2) {
        (void)buf_putc(&h->out, '\n');
        h->newlines++;
    }
}

static void emit_text_byte(struct h2t *h, char c)
{
    if (!h->pre && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f')) {
        h->space = 1;
        return;
    }
    if (h->pre && c == '\n') {
        (void)buf_putc(&h->out, '\n');
        h->newlines = 0;
        return;
    }
    if (c == '\r')
        return;
    emit_pending_space(h);
    (void)buf_putc(&h->out, c);
    h->newlines = 0;
}

static int hexdigit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* Decode a character reference at s[0] == '&'. Returns bytes consumed
 * (0 when it is not a reference) and the code point in *cp. */
static size_t entity_at(const char *s, size_t n, unsigned *cp)
{
    size_t i = 1;
    unsigned long v = 0;

    if (n > 2 && s[1] == '#') {
        int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
        size_t digits = 0;
        for (i = hex ? 3 : 2; i < n && digits < 8; i++, digits++) {
            int d = hex ? hexdigit((unsigned char)s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
            if (d < 0)
                break;
            v = v * (hex ? 16 : 10) + (unsigned long)d;
        }
        if (digits == 0)
            return 0;
        *cp = v > 0x10FFFF ? 0xFFFD : (unsigned)v;
        return (i < n && s[i] == ';') ? i + 1 : i;
    }
    while (i < n && i <= ENTITY_MAX &&
           (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9')))
        i++;
    for (size_t k = 0; k < BU_ARRAY_LEN(entities); k++) {
        size_t l = strlen(entities[k].name);
        if (l == i - 1 && memcmp(s + 1, entities[k].name, l) == 0) {
            *cp = entities[k].cp;
            return (i < n && s[i] == ';') ? i + 1 : i;
        }
    }
    return 0;
}

static int name_in(const char *name, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(name, list[i]) == 0)
            return 1;
    return 0;
}

/* End of the tag starting at s[i] == '<' (index after '>'), honouring quotes. */
static size_t tag_end(const char *s, size_t n, size_t i)
{
    char q = 0;

    for (i++; i < n; i++) {
        if (q) {
            if (s[i] == q)
                q = 0;
        } else if (s[i] == '"' || s[i] == '\'') {
            q = s[i];
        } else if (s[i] == '>') {
            return i + 1;
        }
    }
    return n;
}

static size_t find_ci(const char *s, size_t n, size_t from, const char *needle)
{
    size_t l = strlen(needle);

    for (size_t i = from; i + l <= n; i++)
        if (strncasecmp(s + i, needle, l) == 0)
            return i;
    return n;
}

static size_t handle_tag(struct h2t *h, const char *s, size_t n, size_t i)
{
    char name[TAG_NAME_MAX + 1];
    size_t k = i + 1, l = 0, end;
    int closing = 0;

    if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
        end = find_ci(s, n, i + 4, "-->");
        return end == n ? n : end + 3;
    }
    if (k < n && s[k] == '/') {
        closing = 1;
        k++;
    }
    while (k < n && l < TAG_NAME_MAX && ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')) {
        name[l++] = (char)(s[k] | 0x20);
        k++;
    }
    if (k < n && l < TAG_NAME_MAX && s[k] >= '1' && s[k] <= '6')
        name[l++] = s[k];
    name[l] = '\0';
    if (l == 0 && !closing && (k >= n || s[k] != '!'))
        return i;  /* a lone '<' is text */
    end = tag_end(s, n, i);
    if (!closing && name_in(name, skip_tags, BU_ARRAY_LEN(skip_tags))) {
        char close[TAG_NAME_MAX + 3] = "</";
        memcpy(close + 2, name, l + 1);
        end = find_ci(s, n, end, close);
        return end == n ? n : tag_end(s, n, end);
    }
    if (strcmp(name, "pre") == 0)
        h->pre = closing ? (h->pre > 0 ? h->pre - 1 : 0) : h->pre + 1;
    if (name_in(name, block_tags, BU_ARRAY_LEN(block_tags))) {
        int para = strcmp(name, "p") == 0 || (name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
        emit_newline(h, para ? 2 : 1, strcmp(name, "br") == 0);
    } else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0 || strcmp(name, "img") == 0) {
        h->space = 1;
    }
    return end;
}

static void finish(struct h2t *h, size_t max_out)
{
    size_t s = 0, l;

    while (h->out.len > 0 && (h->out.data[h->out.len - 1] == ' ' || h->out.data[h->out.len - 1] == '\n'))
        h->out.len--;
    while (s < h->out.len && (h->out.data[s] == ' ' || h->out.data[s] == '\n'))
        s++;
    l = h->out.len - s;
    memmove(h->out.data, h->out.data + s, l);
    if (l > max_out) {
        l = max_out;
        while (l > 0 && ((unsigned char)h->out.data[l] & 0xC0) == 0x80)
            l--;
    }
    h->out.len = l;
    h->out.data[l] = '\0';
}

char *html2text(const char *html, size_t n, size_t max_out, size_t *outlen)
{
    struct h2t h;
    size_t i = 0;

    memset(&h, 0, sizeof(h));
    buf_init(&h.out, n * 2 + 64);
    (void)buf_append(&h.out, "", 0);
    while (i < n) {
        if (html[i] == '<') {
            size_t next = handle_tag(&h, html, n, i);
            if (next != i) {
                i = next;
                continue;
            }
        } else if (html[i] == '&') {
            unsigned cp = 0;
            size_t used = entity_at(html + i, n - i, &cp);
            if (used) {
                if (cp == ' ')
                    h.space = 1;
                else
                    emit_cp(&h, cp);
                i += used;
                continue;
            }
        }
        emit_text_byte(&h, html[i]);
        i++;
    }
    finish(&h, max_out);
    if (outlen)
        *outlen = h.out.len;
    return buf_steal(&h.out);
}

int html_meta_charset(const char *html, size_t n, char *out, size_t outsz)
{
    size_t lim = n < 4096 ? n : 4096, at = 0;

    while ((at = find_ci(html, lim, at, "charset")) < lim) {
        size_t k = at + 7, l = 0;
        at = k;
        while (k < lim && (html[k] == ' ' || html[k] == '='))
            k++;
        if (k == at || html[k - 1] != '=') {
            if (!(k > at && memchr(html + at, '=', k - at)))
                continue;
        }
        while (k < lim && (html[k] == '"' || html[k] == '\''))
            k++;
        while (k < lim && l + 1 < outsz &&
               (((html[k] | 0x20) >= 'a' && (html[k] | 0x20) <= 'z') ||
                (html[k] >= '0' && html[k] <= '9') || html[k] == '-' || html[k] == '_' ||
                html[k] == '.' || html[k] == ':'))
            out[l++] = html[k++];
        out[l] = '\0';
        if (l > 0)
            return 1;
    }
    return 0;
}
