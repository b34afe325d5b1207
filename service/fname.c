/* fname.c — see fname.h. */
#include "bureau/fname.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "bureau/json.h"
#include "bureau/util.h"

#define FNAME_MAX 255  /* bytes: NAME_MAX on Linux */

static int bidi_control(utf8proc_int32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

/* A character that is not seen for what it is. */
static int hidden(utf8proc_int32_t cp)
{
    if (bidi_control(cp))
        return 1;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CS:
        return 1;
    default:
        return 0;
    }
}

static int blank(utf8proc_int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

/* Drops trailing dots and blanks of b (whole characters). */
static void trim_end(struct buf *b)
{
    while (b->len) {
        size_t start = b->len - 1;  /* the last character's first byte */
        while (start && ((unsigned char)b->data[start] & 0xC0) == 0x80)
            start--;
        utf8proc_int32_t cp;
        if (utf8proc_iterate((const utf8proc_uint8_t *)b->data + start,
                             (utf8proc_ssize_t)(b->len - start), &cp) < 0 ||
            (cp != '.' && !blank(cp)))
            break;
        b->len = start;
        b->data[start] = '\0';
    }
}

char *fname_clean(const char *name)
{
    if (!name)
        return NULL;
    struct buf b;
    buf_init(&b, strlen(name) + 1);  /* never longer than name: one byte for one or more */
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)name;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(name), off = 0;
    while (off < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + off, n - off, &cp);
        if (k <= 0) {  /* an invalid byte: one '_' for it */
            buf_putc(&b, '_');
            off++;
            continue;
        }
        if (hidden(cp))
            buf_putc(&b, '_');
        else if (!(b.len == 0 && blank(cp)))
            buf_append(&b, name + off, (size_t)k);
        off += k;
    }
    trim_end(&b);
    if (!b.len) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

char *fname_safe_file(int idx, const char *name)
{
    char *clean = fname_clean(name);
    const char *base = clean ? clean : "";
    for (const char *p = base; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    while (*base == '.' || *base == ' ')
        base++;
    struct buf b;
    buf_init(&b, FNAME_MAX);
    buf_printf(&b, "%02d-", idx);
    size_t prefix = b.len;
    for (const char *p = base; *p; p++)
        if (buf_putc(&b, *p == ':' ? '_' : *p) < 0)
            break;
    /* never cut in the middle of a UTF-8 sequence */
    while (b.len > prefix && !utf8_valid(b.data + prefix, b.len - prefix))
        b.data[--b.len] = '\0';
    trim_end(&b);
    if (b.len <= prefix) {
        b.len = prefix;
        b.data[prefix] = '\0';
        buf_puts(&b, "attachment.bin");
    }
    free(clean);
    return buf_steal(&b);
}

void fname_json(struct json *j, const char *name)
{
    char *clean = fname_clean(name);
    json_kv_str(j, "filename", clean);
    if (name && (!clean || strcmp(clean, name)))
        json_kv_str(j, "filename_original", name);
    free(clean);
}
