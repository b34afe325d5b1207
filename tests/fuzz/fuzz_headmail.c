/* fuzz_headmail.c — libFuzzer target: the commands of a department head's reply
 * (headcmd_parse, service/headmail/parse.c), the text a stranger can put in a
 * mail that claims to come from a head. The first byte: bit 0 set passes the
 * rest as raw bytes (the parser must survive them), clear makes it valid UTF-8
 * first, as queue.c hands it over. A crash, sanitizer report or leak is a
 * finding, and so is a result that breaks headmail.h: more than HEADCMD_MAX
 * commands, a command without text, a status that is no lifecycle status, a
 * reroute with a reason and no department, no own_text, or (from valid UTF-8)
 * any field that is not valid UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/headmail.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"

static void finding(const char *what)
{
    fprintf(stderr, "fuzz_headmail: %s\n", what);
    abort();
}

static void check_text(const char *s, int utf8, int required, const char *what)
{
    if (!s) {
        if (required)
            finding(what);
        return;
    }
    if (utf8 && !utf8_valid(s, strlen(s)))
        finding("a field of valid UTF-8 input came out invalid");
}

static void check(const struct headcmds *c, int utf8)
{
    if (c->n > HEADCMD_MAX)
        finding("more commands than HEADCMD_MAX");
    check_text(c->own_text, utf8, 1, "no own_text");
    for (size_t i = 0; i < c->n; i++) {
        const struct headcmd *h = &c->v[i];
        if (h->kind != HEADCMD_STATUS && h->kind != HEADCMD_REROUTE &&
            h->kind != HEADCMD_NOTE && h->kind != HEADCMD_ANSWER)
            finding("a command of no known kind");
        check_text(h->text, utf8, 1, "a command without text");
        if (h->status && !lifecycle_status_valid(h->status))
            finding("a status that is no lifecycle status");
        check_text(h->code, utf8, 0, "");
        check_text(h->to_body, utf8, 0, "");
        check_text(h->reason, utf8, 0, "");
        check_text(h->department, utf8, h->kind == HEADCMD_REROUTE && h->reason != NULL,
                   "a reroute with a reason and no department");
        if (!headcmd_name(h->kind, h->arabic))
            finding("a kind without a name");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > HEADMAIL_MAX_BODY + 1)
        return 0;
    int raw = data[0] & 1;
    const char *body = (const char *)data + 1;
    size_t len = size - 1;
    char *text = raw ? NULL : utf8_sanitize(body, len, &len);
    struct headcmds c;
    memset(&c, 0, sizeof c);
    headcmd_parse(raw ? body : text, len, &c);
    check(&c, !raw);
    headcmds_free(&c);
    free(text);
    return 0;
}
