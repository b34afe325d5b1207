/* test_headtoken.c — the reply address of a routed item: tokens, their
 * hash, the address and References forms, and finding them in a reply. */
#include <stdlib.h>
#include <string.h>

#include "bureau/headtoken.h"
#include "bureau/msg.h"
#include "t.h"

#define PAT "bo+{number}-{token}@commune.ma"

static int finds(const char *to, const char *refs, const char *want_num, const char *token)
{
    struct msg m;
    msg_init(&m);
    m.to = to ? strdup(to) : NULL;
    m.references = refs ? strdup(refs) : NULL;
    char *num = NULL, hash[HEADTOKEN_HASH_LEN + 1], want[HEADTOKEN_HASH_LEN + 1];
    int rc = headtoken_find(PAT, &m, &num, hash);
    int ok = rc == 1 && num && strcmp(num, want_num) == 0;
    if (ok && token) {
        headtoken_hash(token, strlen(token), want);
        ok = strcmp(hash, want) == 0;
    }
    free(num);
    msg_free(&m);
    return want_num ? ok : rc == 0;
}

int main(void)
{
    char a[HEADTOKEN_LEN + 1], b[HEADTOKEN_LEN + 1], h[HEADTOKEN_HASH_LEN + 1];
    headtoken_new(a);
    headtoken_new(b);
    CHECK(strlen(a) == HEADTOKEN_LEN && strspn(a, "0123456789abcdef") == HEADTOKEN_LEN);
    CHECK(strcmp(a, b) != 0);
    headtoken_hash(a, strlen(a), h);
    CHECK(strlen(h) == HEADTOKEN_HASH_LEN && strstr(h, a) == NULL);
    /* BLAKE2b-256 of "abc" (RFC 7693 gives the 512-bit one; this is libsodium's 32-byte) */
    headtoken_hash("abc", 3, h);
    CHECK_STR(h, "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");

    char *addr = headtoken_address(PAT, "2026/000123", a);
    char want[200];
    snprintf(want, sizeof want, "bo+2026-000123-%s@commune.ma", a);
    CHECK_STR(addr, want);
    CHECK(headtoken_address(NULL, "2026/000123", a) == NULL);
    CHECK(headtoken_address("bo {number}{token}@x.ma", "2026/1", a) == NULL);
    char *cause = NULL;
    CHECK(headtoken_pattern_check(PAT, &cause) == 0);
    CHECK(headtoken_pattern_check("bo+{token}-{number}@commune.ma", &cause) < 0 && cause);
    free(cause);
    cause = NULL;
    CHECK(headtoken_pattern_check("bo+{number}@commune.ma", &cause) < 0);
    free(cause);

    /* found in To (any case, among others), in References; not elsewhere */
    CHECK(finds(addr, NULL, "2026-000123", a));
    char up[200];
    snprintf(up, sizeof up, "x@y.ma, BO+2026-000123-%s@Commune.MA", a);
    for (char *p = up + 8; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 32);
    CHECK(finds(up, NULL, "2026-000123", a));
    char *ref = headtoken_ref("2026/000123", a, "bo@commune.ma");
    snprintf(want, sizeof want, "hm.2026-000123.%s@commune.ma", a);
    CHECK_STR(ref, want);
    char refs[400];
    snprintf(refs, sizeof refs, "abc@x.ma %s other@y", ref);
    CHECK(finds("bo@commune.ma", refs, "2026-000123", a));
    CHECK(finds("bo@commune.ma", NULL, NULL, NULL));
    CHECK(finds("bo+2026-000123-zz@commune.ma", NULL, NULL, NULL));            /* short */
    CHECK(finds("bo+2026-000123-0123456789abcdef0123456789abcdeg@commune.ma", NULL, NULL,
                NULL));                                                          /* not hex */
    CHECK(finds("bo+-0123456789abcdef0123456789abcdef@commune.ma", NULL, NULL, NULL));
    CHECK(finds("bo+2026-1-0123456789abcdef0123456789abcdef@other.ma", NULL, NULL, NULL));
    CHECK(finds(NULL, "hm.2026-1.0123456789abcdef@commune.ma", NULL, NULL));
    CHECK(finds(NULL, "hm..0123456789abcdef0123456789abcdef@x", NULL, NULL));
    /* the subject fallback: [BO NUMBER] and [#TOKEN] */
    {
        struct msg m;
        msg_init(&m);
        char subj[200], *num = NULL;
        snprintf(subj, sizeof subj, "Re: [BO 2026/000123] [#%s] Imputation", a);
        m.subject = strdup(subj);
        headtoken_hash(a, strlen(a), want);
        CHECK(headtoken_find(NULL, &m, &num, h) == 1 && num && !strcmp(num, "2026-000123") &&
              !strcmp(h, want));
        free(num);
        free(m.subject);
        m.subject = strdup("Re: [BO 2026/000123] [#0123] x");
        CHECK(headtoken_find(NULL, &m, &num, h) == 0);
        free(m.subject);
        snprintf(subj, sizeof subj, "[#%s]", a);
        m.subject = strdup(subj);
        CHECK(headtoken_find(NULL, &m, &num, h) == 0);
        msg_free(&m);
    }
    free(ref);
    free(addr);
    char *np = headtoken_number_part("BO 2026/0001");
    CHECK_STR(np, "BO-2026-0001");
    free(np);
    T_END();
}
