/* fuzz_rules.c — libFuzzer target: rule matching. The rules are loaded once
 * (env BUREAU_FUZZ_RULES, else the source tree's rules/ directory); each
 * input is cut at NUL bytes into subject, body, sender address, sender
 * name and attachment file names of a struct msg, which is classified.
 * The first byte chooses whether the fields are made valid UTF-8 (as
 * mime.c hands them over) or passed as raw bytes (rules.h promises to
 * survive invalid UTF-8 too). A crash, sanitizer report, leak, a -1 return
 * or a decision without department/kind is a finding. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/msg.h"
#include "bureau/rules.h"
#include "bureau/util.h"

#define MAX_FIELDS 12

static struct rules *rules;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = getenv("BUREAU_FUZZ_RULES");
    struct rules_diags d = {0};

    if (!path || !*path)
        path = BUREAU_SOURCE_DIR "/rules";
    if (rules_load(path, &rules, &d) != 0) {
        for (size_t i = 0; i < d.n; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col,
                    d.v[i].message);
        fprintf(stderr, "fuzz_rules: cannot load rules from %s\n", path);
        exit(2);
    }
    rules_diags_free(&d);
    return 0;
}

static char *field(const char *s, size_t n, int sanitize)
{
    if (sanitize)
        return utf8_sanitize(s, n, NULL);
    return xstrndup(s, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *f[MAX_FIELDS];
    size_t len[MAX_FIELDS];
    size_t nf = 0;
    struct msg m;
    struct classification c;

    if (size < 1)
        return 0;
    int sanitize = !(data[0] & 1);
    const char *p = (const char *)data + 1, *end = (const char *)data + size;
    while (nf < MAX_FIELDS) {
        const char *z = memchr(p, 0, (size_t)(end - p));
        f[nf] = p;
        len[nf] = z ? (size_t)(z - p) : (size_t)(end - p);
        nf++;
        if (!z)
            break;
        p = z + 1;
    }
    msg_init(&m);
    m.subject = field(f[0], len[0], sanitize);
    if (nf > 1)
        m.body = field(f[1], len[1], sanitize);
    if (nf > 2)
        m.from_addr = field(f[2], len[2], sanitize);
    if (nf > 3)
        m.from_name = field(f[3], len[3], sanitize);
    if (nf > 4) {
        m.n_att = nf - 4;
        m.att = xcalloc(m.n_att, sizeof *m.att);
        for (size_t i = 0; i < m.n_att; i++) {
            m.att[i].filename = field(f[4 + i], len[4 + i], sanitize);
            m.att[i].content_type = xstrndup("application/pdf", 15);
        }
    }
    memset(&c, 0, sizeof c);
    if (rules_classify(rules, &m, (data[0] & 2) ? "complaint" : NULL, &c) != 0)
        abort();
    if (!c.department || !c.kind)
        abort();
    classification_free(&c);
    msg_free(&m);
    return 0;
}
