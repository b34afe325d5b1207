/* test_address.c — the RFC 5322 address parser (address.h). */
#include <stdlib.h>
#include <string.h>

#include "bureau/address.h"
#include "bureau/util.h"
#include "t.h"

/* The sender address_sender gives for v, or "-" when it gives none. */
static char *sender(const char *v, size_t n)
{
    char *addr = NULL, *name = NULL, *cause = NULL;
    int rc = address_sender(v, n, &addr, &name, &cause);
    free(name);
    free(cause);
    if (rc < 0) {
        CHECK(addr == NULL);
        return xstrdup("-");
    }
    return addr;
}

static void check_sender(const char *v, const char *want)
{
    char *got = sender(v, strlen(v));
    CHECK_STR(got, want);
    if (strcmp(got, want) != 0)
        fprintf(stderr, "  for From: %s\n", v);
    free(got);
}

static void check_name(const char *v, const char *want)
{
    char *addr = NULL, *name = NULL, *cause = NULL;
    CHECK(address_sender(v, strlen(v), &addr, &name, &cause) == 0);
    if (want)
        CHECK_STR(name, want);
    else
        CHECK(name == NULL);
    free(addr);
    free(name);
    free(cause);
}

static void test_attacks(void)
{
    /* issue 12: the comment names another address */
    check_sender("attacker@evil.test (<ali@citizen.test>)", "attacker@evil.test");
    check_sender("ali10@citizen.test (comment <victim@evil.test>)", "ali10@citizen.test");
    check_sender("a@b.test ((nested) <victim@evil.test>)", "a@b.test");
    check_sender("a@b.test (\\) <victim@evil.test>)", "a@b.test");
    check_sender("\"\\\"<victim@evil.test>\\\"\" <a@b.test>", "a@b.test");
    check_sender("\"a@b.test <c@d.test>\" <x@y.test>", "x@y.test");
    /* no usable sender */
    check_sender("attacker@evil.test <ali@citizen.test>", "-");
    check_sender("<ali@citizen.test> attacker@evil.test", "-");
    check_sender("ali@citizen.test@evil.test", "-");
    check_sender("\"ali@citizen.test\"@evil.test", "-");
    check_sender("\"ali\"@citizen.test", "-");
    check_sender("=?utf-8?q?ali?=@evil.test", "-");
    check_sender("<@route.test:ali@citizen.test>", "-");
    check_sender("undisclosed:;", "-");
    check_sender("g: a@b.test;", "-");
    check_sender("a@b.test, c@d.test", "-");
    check_sender("Ali <ali@citizen.test", "-");
    check_sender("(unbalanced <a@b.test>", "-");
    check_sender("\"unbalanced <a@b.test>", "-");
    check_sender("ali@[192.0.2.1]", "-");
    check_sender("ali . x@citizen.test", "-");
    check_sender("ali@citizen . test", "-");
    check_sender("a@b.test\r<c@d.test>", "-");
    check_sender("Ali \x1b[2J<a@b.test>", "-");
    check_sender("", "-");
    check_sender("()", "-");
    check_sender("ali.@citizen.test", "-");
    char nul[] = "a@b.test\0<c@d.test>";
    char *got = sender(nul, sizeof nul - 1);
    CHECK_STR(got, "-");
    free(got);
}

static void test_ordinary(void)
{
    check_sender("ali@citizen.test", "ali@citizen.test");
    check_sender("Ali <Ali.Ben@Citizen.TEST>", "Ali.Ben@citizen.test");
    check_sender("  <ali@citizen.test> (c) ", "ali@citizen.test");
    check_sender("ali (x) @ citizen.test", "ali@citizen.test");
    check_sender("Ali\r\n <ali@citizen.test>", "ali@citizen.test");
    check_sender("Ali\n\t<ali@citizen.test>", "ali@citizen.test");
    check_sender("ali@citizen.test,", "ali@citizen.test");
    check_sender(", ali@citizen.test", "ali@citizen.test");
    check_sender("o'neil+x@citizen.test", "o'neil+x@citizen.test");
    check_name("\"Ben, Ali\" <a@b.test>", "Ben, Ali");
    check_name("John Q. Public <a@b.test>", "John Q. Public");
    check_name("\"Ali \\\"the\\\" Ben\" <a@b.test>", "Ali \"the\" Ben");
    check_name("Ali (x) Ben <a@b.test>", "Ali Ben");
    check_name("=?utf-8?q?R=C3=A9mi?= <a@b.test>", "=?utf-8?q?R=C3=A9mi?=");
    check_name("a@b.test (Ali)", NULL);
    check_name("<a@b.test>", NULL);
}

static void test_lists(void)
{
    struct address_list al;
    char *cause = NULL;
    const char *v = "g: a@b.test, \"x y\"@c.test;, Ali <d@E.test>, undisclosed:;, <@r:e@f.test>";
    CHECK(address_list_parse(v, strlen(v), &al, &cause) == 0);
    CHECK(al.n == 4);
    CHECK(al.groups == 2);
    if (al.n == 4) {
        CHECK_STR(al.v[0].addr, "a@b.test");
        CHECK(al.v[0].flags & ADDRESS_IN_GROUP);
        CHECK_STR(al.v[1].addr, "\"x y\"@c.test");
        CHECK(al.v[1].flags & ADDRESS_QUOTED_LOCAL);
        CHECK_STR(al.v[2].addr, "d@e.test");
        CHECK_STR(al.v[2].name, "Ali");
        CHECK_STR(al.v[3].addr, "e@f.test");
        CHECK(al.v[3].flags & ADDRESS_ROUTE);
    }
    address_list_free(&al);
    v = "a@b.test, garbage<";
    CHECK(address_list_parse(v, strlen(v), &al, &cause) == -1);
    CHECK(cause != NULL);
    CHECK(al.n == 0);
    free(cause);
}

static void test_return_path(void)
{
    char *a = NULL, *cause = NULL;
    CHECK(address_return_path("<>", 2, &a, &cause) == 0);
    CHECK_STR(a, "");
    free(a);
    CHECK(address_return_path(" < (c) > ", 9, &a, &cause) == 0);
    CHECK_STR(a, "");
    free(a);
    CHECK(address_return_path("<bounce@Lists.test>", 19, &a, &cause) == 0);
    CHECK_STR(a, "bounce@lists.test");
    free(a);
    CHECK(address_return_path("<x", 2, &a, &cause) == -1);
    free(cause);
}

/* Caps and hostile sizes: deep comments are refused, not recursed into;
 * long values are parsed (in linear time: no backtracking past a list
 * element). */
static void test_hostile(void)
{
    struct buf b;
    buf_init(&b, 1 << 22);
    (void)buf_puts(&b, "a@b.test ");
    for (int i = 0; i < 100000; i++)
        (void)buf_putc(&b, '(');
    char *got = sender(b.data, b.len);
    CHECK_STR(got, "-");
    free(got);
    buf_reset(&b);
    (void)buf_puts(&b, "a@b.test ");
    for (int i = 0; i < ADDRESS_MAX_COMMENT_DEPTH; i++)
        (void)buf_putc(&b, '(');
    for (int i = 0; i < ADDRESS_MAX_COMMENT_DEPTH; i++)
        (void)buf_putc(&b, ')');
    got = sender(b.data, b.len);
    CHECK_STR(got, "a@b.test");
    free(got);
    buf_reset(&b);
    for (int i = 0; i < 200000; i++)
        (void)buf_puts(&b, "w ");
    (void)buf_puts(&b, "<a@b.test>");
    got = sender(b.data, b.len);
    CHECK_STR(got, "a@b.test");
    free(got);
    buf_reset(&b);
    for (int i = 0; i < ADDRESS_MAX_LIST + 5; i++)
        (void)buf_puts(&b, "a@b.test,");
    struct address_list al;
    char *cause = NULL;
    CHECK(address_list_parse(b.data, b.len, &al, &cause) == -1);
    free(cause);
    buf_reset(&b);
    for (int i = 0; i < 50000; i++)
        (void)buf_puts(&b, "g:a@b.test,");
    got = sender(b.data, b.len);
    CHECK_STR(got, "-");
    free(got);
    buf_free(&b);
}

int main(void)
{
    test_attacks();
    test_ordinary();
    test_lists();
    test_return_path();
    test_hostile();
    T_END();
}
