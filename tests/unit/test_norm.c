/* test_norm.c — normalisation of Arabic and French text and of patterns. */
#include <stdlib.h>
#include <string.h>

#include "bureau/norm.h"
#include "bureau/util.h"
#include "t.h"

static char *nt(const char *s)
{
    return norm_text(s, strlen(s), NULL);
}

static void check_text(const char *in, const char *want)
{
    char *got = nt(in);
    CHECK_STR(got, want);
    free(got);
}

static void check_pat(const char *in, const char *want)
{
    char *got = norm_pattern(in, strlen(in), NULL);
    CHECK_STR(got, want);
    free(got);
}

static void test_arabic(void)
{
    check_text("أإآٱا", "ااااا");                          /* alef forms */
    check_text("شكاية", "شكايه");                          /* ta marbuta */
    check_text("مستشفى", "مستشفي");                        /* alef maqsura */
    check_text("شَكَايَةٌ", "شكايه");                        /* tashkeel */
    check_text("ذٰلك", "ذلك");                              /* dagger alef U+0670 */
    check_text("شكـــاية", "شكايه");                        /* tatweel */
    check_text("صلى الله عليه ﷺ", "صلي الله عليه صلي الله عليه وسلم"); /* U+FDFA */
    check_text("ﺍﻟﻤﺎﺀ", "الماء");                         /* presentation forms */
    check_text("\xEF\xBA\x8B", "ئ");                        /* FE8B initial yeh hamza */
    check_text("ﻻ", "لا");                                  /* lam-alef ligature */
    check_text("ی ک گ ڭ ڤ پ", "ي ك ك ك ف ب");              /* Persian/Maghrebi */
    check_text("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹", "0123456789 0123456789"); /* digits */
    check_text("ال\xE2\x80\x8C" "ماء\xE2\x80\x8F\xD8\x9C\xEF\xBB\xBF", "الماء"); /* ZWNJ RLM ALM BOM */
    check_text("\xE2\x80\x8D\xE2\x80\x8E", "");             /* ZWJ LRM */
    check_text("ؤ ئ ء", "ؤ ئ ء");                          /* hamza carriers kept */
    check_text("\xD8\x90" "ب\xDB\x96", "ب");                 /* Quranic marks U+0610, U+06D6 */
    check_text("هل؟ نعم، لا؛", "هل? نعم, لا;");             /* Arabic punctuation */
}

static void test_latin(void)
{
    check_text("Réclamation", "reclamation");
    check_text("ÉLÈVE À L'ÉCOLE Ça", "eleve a l'ecole ca");
    check_text("e\xCC\x81t\xC3\xA9", "ete");                /* NFD and NFC */
    check_text("ﬁche Ｐermis", "fiche permis");            /* ligature, fullwidth */
    check_text("Straße œuvre", "strasse œuvre");
    check_text("a\xC2\xA0" "b", "a b");                     /* NBSP */
    check_text("7ofra f zen9a 3la", "7ofra f zen9a 3la");   /* arabizi digits kept */
}

static void test_invalid(void)
{
    size_t n;
    char *s = norm_text("a\xFF" "b\xC3", 4, &n);
    CHECK_STR(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    CHECK(n == strlen(s));
    free(s);
    s = norm_text("\xED\xA0\x80\xC0\xAF", 5, &n);         /* surrogate, overlong */
    CHECK(n == 15);
    free(s);
    s = norm_text("x\0y", 3, &n);
    CHECK(n == 3 && s[1] == '\0' && s[2] == 'y');
    free(s);
    s = norm_text(NULL, 0, &n);
    CHECK(s && n == 0 && s[0] == '\0');
    free(s);
}

static void test_pattern(void)
{
    check_pat("إعلان", "اعلان");
    check_pat("Réclamation", "reclamation");
    check_pat("\\bPermis\\b", "\\bpermis\\b");
    check_pat("\\D\\W\\S\\B\\x{623}\\p{Arabic}\\P{L}", "\\D\\W\\S\\B\\x{623}\\p{Arabic}\\P{L}");
    check_pat("(?i)(?:أ|ة)", "(?i)(?:ا|ه)");
    check_pat("(?<Nom>é)\\k<Nom>", "(?<Nom>e)\\k<Nom>");
    check_pat("[أإآ]ب[ÉA-Z]", "[ااا]ب[eA-Z]");
    check_pat("[ً]", "[ً]");                                 /* class never emptied */
    check_pat("\\QÉ.\\E", "\\Qe.\\E");
    check_pat("a{2,3}É{1}", "a{2,3}e{1}");
    check_pat("{Å", "{a");
    check_pat("شكـاية", "شكايه");
    check_pat("(*UTF)X", "(*UTF)x");
    check_pat("\\أ", "\\ا");
}

/* Random bytes: never a crash, text output always valid UTF-8. */
static void test_random(void)
{
    unsigned long long seed = 88172645463325252ull;
    unsigned char buf[512];
    int valid = 0, runs = 20000;
    for (int r = 0; r < runs; r++) {
        size_t n = (size_t)(seed % sizeof buf);
        for (size_t i = 0; i < n; i++) {
            seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
            /* bias towards Arabic lead bytes, pattern syntax and ASCII */
            static const unsigned char pick[] = {0xD8, 0xD9, 0xDB, 0xEF, 0xBB, 0xBF, 0xFE,
                                                 0x80, 0xA7, '\\', '[', ']', '(', ')', '?',
                                                 '{', '}', 'Q', 'E', 'x', 'a', 'A', '-', '^'};
            buf[i] = (seed >> 32) % 3 ? pick[(seed >> 40) % sizeof pick] : (unsigned char)(seed >> 24);
        }
        size_t ol;
        char *t = norm_text((const char *)buf, n, &ol);
        valid += utf8_valid(t, ol) && strlen(t) <= ol;
        free(t);
        t = norm_pattern((const char *)buf, n, &ol);
        free(t);
    }
    CHECK(valid == runs);
}

/* Stems for search: the article and its clitics come off, short words stay. */
static void test_stems(void)
{
    CHECK(norm_stem("الطريق", strlen("الطريق")) == strlen("ال"));
    CHECK(norm_stem("والطريق", strlen("والطريق")) == strlen("وال"));
    CHECK(norm_stem("بالماء", strlen("بالماء")) == strlen("بال"));
    CHECK(norm_stem("للمدرسه", strlen("للمدرسه")) == strlen("لل"));
    CHECK(norm_stem("الحي", strlen("الحي")) == strlen("ال"));  /* two letters remain */
    CHECK(norm_stem("الم", strlen("الم")) == 0);                /* one would remain */
    CHECK(norm_stem("حفره", strlen("حفره")) == 0);
    CHECK(norm_stem("ال", strlen("ال")) == 0);
    char *st = norm_stems("في الطريق و بالماء alpha الحي، والازبال 12 الم");
    CHECK_STR(st, "طريق ماء حي ازبال");
    free(st);
    st = norm_stems("reclamation sans article");
    CHECK_STR(st, "");
    free(st);
}

int main(void)
{
    test_arabic();
    test_latin();
    test_invalid();
    test_pattern();
    test_stems();
    test_random();
    T_END();
}
