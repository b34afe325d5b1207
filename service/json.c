/* json.c — see json.h */
#include "bureau/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void json_init(struct json *j, struct buf *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
}

static void sep(struct json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth > 0 && j->depth < 64) {
        if (j->need_comma[j->depth])
            buf_putc(j->out, ',');
        j->need_comma[j->depth] = 1;
    }
}

static void open_(struct json *j, char c)
{
    sep(j);
    buf_putc(j->out, c);
    j->depth++;
    if (j->depth < 64)
        j->need_comma[j->depth] = 0;
}

static void close_(struct json *j, char c)
{
    j->depth--;
    buf_putc(j->out, c);
}

void json_obj_begin(struct json *j) { open_(j, '{'); }
void json_obj_end(struct json *j) { close_(j, '}'); }
void json_arr_begin(struct json *j) { open_(j, '['); }
void json_arr_end(struct json *j) { close_(j, ']'); }

static void put_string(struct buf *o, const char *s, size_t n)
{
    buf_putc(o, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': buf_puts(o, "\\\""); break;
        case '\\': buf_puts(o, "\\\\"); break;
        case '\n': buf_puts(o, "\\n"); break;
        case '\r': buf_puts(o, "\\r"); break;
        case '\t': buf_puts(o, "\\t"); break;
        default:
            if (c < 0x20 || c == 0x7F) {
                buf_printf(o, "\\u%04x", c);
            } else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] < 0xA0) {
                buf_printf(o, "\\u%04x", (unsigned char)s[i + 1]); /* C1 controls */
                i++;
            } else
                buf_putc(o, (char)c);
        }
    }
    buf_putc(o, '"');
}

void json_key(struct json *j, const char *k)
{
    sep(j);
    put_string(j->out, k, strlen(k));
    buf_putc(j->out, ':');
    j->after_key = 1;
}

void json_strn(struct json *j, const char *s, size_t n)
{
    sep(j);
    if (!utf8_valid(s, n)) {
        size_t m;
        char *t = utf8_sanitize(s, n, &m);
        put_string(j->out, t, m);
        free(t);
        return;
    }
    put_string(j->out, s, n);
}

void json_str(struct json *j, const char *s)
{
    if (!s) {
        json_null(j);
        return;
    }
    json_strn(j, s, strlen(s));
}

void json_int(struct json *j, int64_t v)
{
    sep(j);
    buf_printf(j->out, "%lld", (long long)v);
}

void json_num(struct json *j, double v)
{
    sep(j);
    buf_printf(j->out, "%.4g", v);
}

void json_bool(struct json *j, int v)
{
    sep(j);
    buf_puts(j->out, v ? "true" : "false");
}

void json_null(struct json *j)
{
    sep(j);
    buf_puts(j->out, "null");
}

void json_kv_str(struct json *j, const char *k, const char *v)
{
    json_key(j, k);
    json_str(j, v);
}

void json_kv_int(struct json *j, const char *k, int64_t v)
{
    json_key(j, k);
    json_int(j, v);
}

void json_kv_bool(struct json *j, const char *k, int v)
{
    json_key(j, k);
    json_bool(j, v);
}
