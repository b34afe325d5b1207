/* fuzz_mime.c — libFuzzer target: raw bytes -> mime_parse (in process,
 * default limits) -> norm_text of every decoded text field. Any crash,
 * sanitizer report, leak or contract break (a non-NULL field that is not
 * valid UTF-8) is a finding. See tests/fuzz/README.md. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/mime.h"
#include "bureau/msg.h"
#include "bureau/norm.h"
#include "bureau/util.h"

static void check_text(const char *s)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (!utf8_valid(s, n))
        abort();
    size_t outlen = 0;
    char *t = norm_text(s, n, &outlen);
    if (!t || strlen(t) != outlen)
        abort();
    free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mime_limits lim;
    struct msg m;
    char *cause = NULL;

    mime_limits_default(&lim);
    msg_init(&m);
    enum mime_result r = mime_parse((const char *)data, size, &lim, &m, &cause);
    if (r == MIME_OK) {
        check_text(m.subject);
        check_text(m.body);
        check_text(m.from_name);
        check_text(m.from_addr);
        for (size_t i = 0; i < m.n_headers; i++)
            check_text(m.headers[i].value);
        for (size_t i = 0; i < m.n_att; i++)
            check_text(m.att[i].filename);
    } else if (r != MIME_REJECT && r != MIME_SYSERR) {
        abort();
    }
    free(cause);
    msg_free(&m);
    return 0;
}
