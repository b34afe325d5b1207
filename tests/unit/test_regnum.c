/* test_regnum.c — every form of a registry number a clerk types or pastes,
 * and what is not one (the web console uses the same parser). */
#include <stdlib.h>

#include "bureau/regnum.h"
#include "t.h"

static int ok(const char *text, int year, long long seq)
{
    struct regnum r = {0, 0};
    char *cause = NULL;
    int rc = regnum_parse(text, 2030, &r, &cause);
    free(cause);
    return rc == 0 && r.year == year && r.seq == seq;
}

static int refused(const char *text)
{
    struct regnum r = {0, 0};
    char *cause = NULL;
    int rc = regnum_parse(text, 2030, &r, &cause);
    int said = cause != NULL;
    free(cause);
    return rc < 0 && said;
}

int main(void)
{
    CHECK(ok("2026/000123", 2026, 123));
    CHECK(ok("2026/3", 2026, 3));
    CHECK(ok("2026-3", 2026, 3));
    CHECK(ok("3/2026", 2026, 3));
    CHECK(ok("000003/2026", 2026, 3));
    CHECK(ok("[BO 2026/000003]", 2026, 3));
    CHECK(ok("BO 2026/000003", 2026, 3));
    CHECK(ok("bo2026/3", 2026, 3));
    CHECK(ok("  [BO 2026/000003]  ", 2026, 3));
    CHECK(ok("\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6/\xd9\xa3", 2026, 3));        /* ٢٠٢٦/٣ */
    CHECK(ok("\xd9\xa3/\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6", 2026, 3));        /* ٣/٢٠٢٦ */
    CHECK(ok("\xdb\xb2\xdb\xb0\xdb\xb2\xdb\xb6/\xdb\xb1\xdb\xb2", 2026, 12)); /* ۲۰۲۶/۱۲ */
    CHECK(ok("\xe2\x80\x8f" "2026/7" "\xe2\x80\x8e", 2026, 7));            /* RLM, LRM */
    CHECK(ok("2026 / 7", 2026, 7));
    CHECK(ok("123", 2030, 123));
    CHECK(ok("\xd9\xa1\xd9\xa2", 2030, 12));                                /* ١٢ */
    CHECK(ok("2026/2025", 2026, 2025));  /* both could be years: the first is */
    CHECK(ok("12345/2026", 2026, 12345));
    CHECK(refused(""));
    CHECK(refused(NULL));
    CHECK(refused("0"));
    CHECK(refused("2026/0"));
    CHECK(refused("0/2026"));
    CHECK(refused("3/3"));
    CHECK(refused("2026/"));
    CHECK(refused("/2026"));
    CHECK(refused("26/3"));
    CHECK(refused("1899/3"));
    CHECK(refused("2026/3/4"));
    CHECK(refused("BO"));
    CHECK(refused("[BO]"));
    CHECK(refused("2026/3x"));
    CHECK(refused("\xd8\xa7 2026/3"));              /* an Arabic letter */
    CHECK(refused("1234567890123/2026"));           /* more than 12 digits */
    CHECK(refused("20260000000000000000000000000000000000000000000000000000000000000/1"));
    CHECK(refused("\xd9"));                         /* a cut UTF-8 sequence */
    T_END();
}
