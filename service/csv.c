/* csv.c — implements csv.h. */
#include "bureau/csv.h"

#include <string.h>

void csv_field(struct buf *b, const char *s, int last)
{
    s = s ? s : "";
    int defuse = s[0] && strchr("=+-@\t\r\n", s[0]) != NULL;
    int quote = defuse || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_putc(b, '"');
    if (defuse)
        buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '\r')
            continue;
        if (*s == '"')
            buf_putc(b, '"');
        buf_putc(b, *s);
    }
    if (quote)
        buf_putc(b, '"');
    buf_puts(b, last ? "\r\n" : ",");
}
