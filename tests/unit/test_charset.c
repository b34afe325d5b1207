/* test_charset.c — charset decoding, recovery of mislabelled Arabic,
 * RFC 2047 headers, html2text. */
#include <stdlib.h>
#include <string.h>

#include "bureau/charset.h"
#include "bureau/html2text.h"
#include "bureau/util.h"
#include "t.h"

/* "السلام عليكم" in windows-1256 and in ISO-8859-6 */
static const char AR_1256[] = "\xC7\xE1\xD3\xE1\xC7\xE3 \xDA\xE1\xED\xDF\xE3";
static const char AR_8859_6[] = "\xC7\xE4\xD3\xE4\xC7\xE5 \xD9\xE4\xEA\xE3\xE5";
static const char AR_UTF8[] = "السلام عليكم";

static void decode(const char *in, const char *label, const char *want, const char *want_cs,
                   int want_guess)
{
    struct charset_text r;

    charset_decode(in, strlen(in), label, 1 << 20, &r);
    CHECK_STR(r.text, want);
    CHECK_STR(r.charset, want_cs);
    CHECK(r.guessed == want_guess);
    free(r.text);
}

static void test_aliases(void)
{
    char out[CHARSET_NAME_MAX];

    CHECK(charset_alias("ISO-8859-6-I", out) && strcmp(out, "iso-8859-6") == 0);
    CHECK(charset_alias("iso-8859-6-e", out) && strcmp(out, "iso-8859-6") == 0);
    CHECK(charset_alias("ASMO-708", out) && strcmp(out, "iso-8859-6") == 0);
    CHECK(charset_alias("arabic", out) && strcmp(out, "iso-8859-6") == 0);
    CHECK(charset_alias("CP1256", out) && strcmp(out, "windows-1256") == 0);
    CHECK(charset_alias("\"UTF8\"", out) && strcmp(out, "utf-8") == 0);
    CHECK(!charset_alias("", out));
    CHECK(!charset_alias(NULL, out));
    CHECK(!charset_alias("x-unknown", out));
    CHECK(charset_known("windows-1256"));
    CHECK(charset_known("ISO-8859-6-I"));
    CHECK(!charset_known("fakescii"));
}

static void test_decode(void)
{
    decode(AR_1256, "windows-1256", AR_UTF8, "windows-1256", 0);
    decode(AR_8859_6, "ISO-8859-6-I", AR_UTF8, "iso-8859-6", 0);
    /* mislabelled and undeclared Arabic */
    decode(AR_1256, "iso-8859-1", AR_UTF8, "windows-1256", 1);
    decode(AR_1256, "us-ascii", AR_UTF8, "windows-1256", 1);
    decode(AR_1256, "windows-1252", AR_UTF8, "windows-1256", 1);
    decode(AR_1256, NULL, AR_UTF8, "windows-1256", 1);
    decode(AR_1256, "fakescii", AR_UTF8, "windows-1256", 1);
    /* the two Arabic code pages swapped */
    decode(AR_1256, "iso-8859-6", AR_UTF8, "windows-1256", 1);
    decode(AR_8859_6, "windows-1256", AR_UTF8, "iso-8859-6", 1);
    /* French stays Latin-1 */
    decode("R\xE9\x63lamation: \xE9t\xE9, \xE0 l'\xE9gard, fa\xE7on, tr\xE8s", "iso-8859-1",
           "Réclamation: été, à l'égard, façon, très", "iso-8859-1", 0);
    decode("\xC9" "COLE \xC0 C\xD4T\xC9 DU MAR\xC9", "iso-8859-1", "ÉCOLE À CÔTÉ DU MARÉ",
           "iso-8859-1", 0);
    decode("co\xFBt 5 \x80 \x9C", "windows-1252", "coût 5 € œ", "windows-1252", 0);
    decode("d\xE9j\xE0 vu", NULL, "déjà vu", "windows-1252", 1);
    /* UTF-8 declared as something else */
    decode("déjà vu", "iso-8859-1", "déjà vu", "utf-8", 1);
    decode(AR_UTF8, "windows-1256", AR_UTF8, "utf-8", 1);
    decode("plain ascii", NULL, "plain ascii", "us-ascii", 0);
    /* invalid bytes never fail */
    decode("a\xFF\xFE" "b", "utf-8", "aÿþb", "windows-1252", 1);
    decode("\xE2\x82\xAC ok \xFF", "utf-8", "€ ok \xEF\xBF\xBD", "utf-8", 0);
}

static void test_cap(void)
{
    struct charset_text r;

    charset_decode("\xD8\xA7\xD8\xA8\xD8\xAA", 6, "utf-8", 3, &r);
    CHECK_STR(r.text, "ا");
    CHECK(r.len == 2);
    free(r.text);
}

static void header(const char *in, const char *want)
{
    char *s = charset_decode_header(in, strlen(in), 1 << 16);
    CHECK_STR(s, want);
    free(s);
}

static void test_rfc2047(void)
{
    header("=?UTF-8?B?2LTZg9in2YrYqQ==?=", "شكاية");
    header("=?windows-1256?Q?=D4=DF=C7=ED=C9_=DA=C7=CC=E1=C9?=", "شكاية عاجلة");
    header("=?ISO-8859-6?B?1OPH6sk=?=", "شكاية");
    header("=?iso-8859-1?q?R=E9clamation?= urgente", "Réclamation urgente");
    header("=?utf-8?q?caf=C3=A9?= =?utf-8?q?_cr=C3=A8me?=", "café crème");
    /* a character split across two encoded words */
    header("=?utf-8?b?2LQ=?= =?utf-8?b?2YM=?=", "شك");
    header("=?utf-8?q?a?= b =?utf-8?q?c?=", "a b c");
    header("=?utf-8*fr?q?Bonjour?=", "Bonjour");
    header("=?bogus?q?x=41?=", "xA");
    header("=?utf-8?q?broken", "=?utf-8?q?broken");
    header("raw R\xE9" "clamation", "raw Réclamation");
    header("a=?utf-8?q?=0D=0A?=b", "a  b");
}

static void html(const char *in, const char *want)
{
    char *s = html2text(in, strlen(in), 1 << 20, NULL);
    CHECK_STR(s, want);
    free(s);
}

static void test_html(void)
{
    html("<p>Bonjour</p><p>Madame</p>", "Bonjour\n\nMadame");
    html("a<br>b<div>c</div>d", "a\nb\nc\nd");
    html("<script>alert('<p>x</p>')</script>ok<style>p{}</style>", "ok");
    html("<title>T</title>&eacute;t&eacute; &amp; &lt;&gt; &#1588;&#x643; &nbsp;x", "été & <> شك x");
    html("<div dir=\"rtl\">السلام   عليكم</div>", "السلام عليكم");
    html("<!-- <p>hidden</p> -->shown", "shown");
    html("<pre>a\n  b</pre>", "a\n  b");
    html("1 < 2 &unknown; &#0; &#xZZ;", "1 < 2 &unknown; \xEF\xBF\xBD &#xZZ;");
    html("<a href=\"x>y\">lien</a>", "lien");
    html("<table><tr><td>a</td><td>b</td></tr></table>", "a b");
    html("<p>unterminated <b", "unterminated");
}

static void test_meta(void)
{
    char cs[64];
    const char *h = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">";

    CHECK(html_meta_charset(h, strlen(h), cs, sizeof(cs)) && strcmp(cs, "windows-1256") == 0);
    CHECK(html_meta_charset("<meta charset='utf-8'>", 22, cs, sizeof(cs)) && strcmp(cs, "utf-8") == 0);
    CHECK(!html_meta_charset("<p>no charset here</p>", 22, cs, sizeof(cs)));
}

/* Whatever the label, the text is valid UTF-8: glibc's iconv takes
 * "utf-\xff...\x048" for UTF-8 and lets F6 AB 97 8E (past U+10FFFF)
 * through (found by fuzz_mime; input kept in tests/fuzz/regressions). */
static void test_always_utf8(void)
{
    static const char *const labels[] = {("utf-\xff\xff\xff\xff\xff\xff\xff\x04"
                                          "8"),
                                         "UTF8", "utf-8", "x-unknown", "iso-8859-6"};
    static const char in[] = "charset\n\xf6\xab\x97\x8es is the \xf8\x88\x80\x80\x80 end";
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        struct charset_text r;
        charset_decode(in, sizeof in - 1, labels[i], 1 << 20, &r);
        CHECK(r.text && utf8_valid(r.text, r.len) && strlen(r.text) == r.len);
        CHECK(r.text && strstr(r.text, "s is the "));
        free(r.text);
    }
}

/* RFC 2781 4.3: UTF-16 without a byte order mark is big-endian; so are
 * UTF-32 and UCS-2 (glibc's iconv reads them in the host's order). */
static void bin_decode(const char *in, size_t n, const char *label, const char *want)
{
    struct charset_text r;
    charset_decode(in, n, label, 1 << 20, &r);
    CHECK_STR(r.text, want);
    if (strcmp(r.text, want) != 0)
        fprintf(stderr, "  label %s\n", label);
    free(r.text);
}

static void test_utf16_order(void)
{
    bin_decode("\x00" "A\x06\x27\x00" "B", 6, "utf-16", "A\xD8\xA7" "B");
    bin_decode("\xFE\xFF\x00" "A\x06\x27", 6, "utf-16", "A\xD8\xA7");
    bin_decode("\xFF\xFE" "A\x00\x27\x06", 6, "UTF-16", "A\xD8\xA7");
    bin_decode("A\x00\x27\x06", 4, "utf-16le", "A\xD8\xA7");
    bin_decode("\x00\x00\x00" "A\x00\x00\x06\x27", 8, "utf-32", "A\xD8\xA7");
    bin_decode("\xFF\xFE\x00\x00" "A\x00\x00\x00", 8, "utf-32", "A");
    bin_decode("\x00" "A\x06\x27", 4, "ucs-2", "A\xD8\xA7");
    /* headers: =?utf-16?b?...?= of "AB" big-endian, and of "\u0627" */
    header("=?utf-16?b?AEEAQg==?=", "AB");
    header("=?UTF-16?B?Bic=?=", "\xD8\xA7");
    header("=?utf-32?b?AAAAQQ==?=", "A");
}

int main(void)
{
    test_always_utf8();
    test_aliases();
    test_decode();
    test_cap();
    test_rfc2047();
    test_html();
    test_meta();
    test_utf16_order();
    T_END();
}
