/* test_translit.c — the arabizi shadow (translit.h): Moroccan Darija
 * typed in Latin letters, word by word in its spelling variety, meets the
 * same Arabic-script pattern (through translit_pattern, as the rules
 * match it); words that only look alike do not; a rule written in Arabic
 * script routes a message written in arabizi, and only with the shadow on. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bureau/msg.h"
#include "bureau/norm.h"
#include "bureau/rules.h"
#include "bureau/translit.h"
#include "bureau/util.h"
#include "t.h"

/* arabizi, the Arabic-script word a rule would be written with */
static const char *const words[][2] = {
    {"zbel", "زبل"}, {"zbl", "زبل"}, {"zbal", "زبل"}, {"zzbel", "الزبل"}, {"lzbel", "الزبل"},
    {"l7efra", "الحفرة"}, {"7fra", "حفرة"}, {"7ofra", "حفرة"}, {"hfra", "حفرة"},
    {"lhofra", "الحفرة"}, {"lma", "الما"}, {"lmaa", "الما"}, {"ma", "ما"},
    {"ddaw", "الضو"}, {"daw", "الضو"}, {"dow", "الضو"}, {"dou", "الضوء"},
    {"m9tou3", "مقطوع"}, {"mqtou3", "مقطوع"}, {"ma9tou3", "مقطوع"}, {"maqtou3a", "مقطوعة"},
    {"m9to3", "مقطوع"}, {"tri9", "طريق"}, {"tari9", "الطريق"}, {"triq", "طريق"},
    {"ttri9", "الطريق"}, {"ttari9", "الطريق"}, {"dyal", "ديال"}, {"dial", "ديال"},
    {"diel", "ديال"}, {"dyali", "ديالي"}, {"dyalna", "ديالنا"}, {"lklab", "الكلاب"},
    {"klab", "كلاب"}, {"kilab", "كلاب"}, {"chari3", "الشارع"}, {"char3", "الشارع"},
    {"ccharie3", "الشارع"}, {"zen9a", "الزنقة"}, {"zan9a", "زنقة"}, {"znqa", "زنقة"},
    {"zenqa", "زنقة"}, {"l7ouma", "الحومة"}, {"7ouma", "حومة"}, {"houma", "حومة"},
    {"derb", "الدرب"}, {"drb", "درب"}, {"l9ant", "القنت"}, {"lwad l7ar", "الواد الحار"},
    {"lwed l7ar", "الواد الحار"}, {"wad l7ar", "الواد الحار"}, {"riha", "الريحة"},
    {"ri7a", "ريحة"}, {"rri7a", "الريحة"}, {"khanza", "خانزة"}, {"5anza", "خانزة"},
    {"khenza", "خانزة"}, {"mkhnza", "مخنزة"}, {"lamba", "لامبة"}, {"lambat", "لامبات"},
    {"poto", "بوطو"}, {"lpoto", "البوطو"}, {"bgha", "بغا"}, {"bghit", "بغيت"},
    {"bghina", "بغينا"}, {"kayn", "كاين"}, {"kayen", "كاين"}, {"kain", "كاين"},
    {"makaynch", "ماكاينش"}, {"makaynach", "ماكاينش"}, {"ma kaynch", "ما كاينش"},
    {"3afakom", "عافاكم"}, {"3afak", "عافاك"}, {"3afek", "عافاك"}, {"chkaya", "شكاية"},
    {"chikaya", "شكاية"}, {"cheka", "شكاية"}, {"chkayat", "شكايات"}, {"talab", "طلب"},
    {"tlab", "طلب"}, {"tleb", "طلب"}, {"rokhsa", "رخصة"}, {"ro5sa", "رخصة"},
    {"rukhsa", "رخصة"}, {"lbni", "البني"}, {"lbina", "البناء"}, {"bni", "بني"},
    {"l3amal", "العمال"}, {"3omal", "عمال"}, {"jam3iya", "جمعية"}, {"jma3a", "الجماعة"},
    {"ljma3a", "الجماعة"}, {"jama3a", "الجماعة"}, {"lmou9ata3a", "المقاطعة"},
    {"lmo9ata3a", "المقاطعة"}, {"chahada", "شهادة"}, {"chhada", "شهادة"},
    {"chahada dyal sokna", "شهادة ديال السكنى"}, {"l3a9d", "العقد"}, {"3a9d", "عقد"},
    {"3a9d l2izdiyad", "عقد الازدياد"}, {"l7ala lmadaniya", "الحالة المدنية"},
    {"ttaksi", "الطاكسي"}, {"tobis", "الطوبيس"}, {"tobiss", "طوبيس"}, {"lbus", "الباص"},
    {"lbarkingh", "الباركينغ"}, {"lmarch", "المارشي"}, {"sou9", "السوق"}, {"souq", "سوق"},
    {"ssou9", "السوق"}, {"lfarrach", "الفراشة"}, {"ferrach", "فراش"}, {"ghabra", "الغبرة"},
    {"lghbra", "الغبرة"}, {"ghobra", "غبرة"}, {"tsrib", "تسريب"}, {"tasrib", "التسريب"},
    {"lkhobz", "الخبز"}, {"khobz", "خبز"}, {"d9i9", "دقيق"}, {"chjra", "شجرة"},
    {"chajara", "الشجرة"}, {"ljnan", "الجنان"}, {"jnan", "جنان"}, {"l7adi9a", "الحديقة"},
    {"7adi9a", "حديقة"}, {"lmdrasa", "المدرسة"}, {"mdrassa", "مدرسة"}, {"lmostachfa", "المستشفى"},
    {"sbitar", "السبيطار"}, {"ssbitar", "السبيطار"}, {"ddariba", "الضريبة"},
    {"dariba", "ضريبة"}, {"dhariba", "ضريبة"}, {"lkhdma", "الخدمة"}, {"khedma", "خدمة"},
    {"mowadaf", "موظف"}, {"lmowadaf", "الموظف"}, {"m3ataline", "معطلين"},
    {"lmoustawsaf", "المستوصف"}, {"ttoufan", "الطوفان"}, {"lfaydan", "الفيضان"},
    {"lfayadan", "الفيضان"}, {"ghr9at", "غرقات"}, {"ghar9a", "غارقة"},
    /* issue 17, vocabulary of the departments */
    {"lfnar", "الفنار"}, {"fnarat", "فنارات"}, {"lgoudron", "الكودرون"}, {"lgodron", "الكودرون"},
    {"ttobat", "الطوبات"}, {"tobat", "طوبات"}, {"mdalma", "مظلمة"}, {"lkarossa", "الكروسة"},
    {"lkardiyan", "الكارديان"}, {"lmoktari", "المكتري"}, {"tachghil", "التشغيل"},
    {"zz7am", "الزحام"}, {"tadwira", "التدويرة"}, {"ljibayat", "الجبايات"}, {"jerda", "جردة"},
    {"lbalou3a", "البالوعة"}, {"lmoubara", "المباراة"}, {"3a9d lkra", "عقد الكراء"},
    /* issue 17, the kind round: how people ask and complain */
    {"n3ref", "نعرف"}, {"na3ref", "نعرف"}, {"lwra9", "الوراق"}, {"lwara9", "الوراق"},
    {"lmelf", "الملف"}, {"wsal", "وصل"}, {"wsel", "وصل"}, {"ch7al", "شحال"},
    {"t3tiwni", "تعطيوني"}, {"ta3tiwni", "تعطيوني"}, {"nchki", "نشكي"}, {"nchtki", "نشتكي"},
    {"kan3aniw", "كنعانيو"}, {"mtdarrin", "متضررين"}, {"mochkil", "مشكل"},
    {"ma3lomat", "معلومات"}, {"lma3loumat", "المعلومات"}, {"nsowel", "نسول"},
};

/* look-alikes that must not meet: vowels and a final ة tell them apart */
static const char *const unlike[][2] = {
    {"derb", "ضريبة"}, {"jm3na", "جمعية"}, {"iyam", "الما"}, {"klb", "كلاب"},
    {"trb", "طريق"}, {"zbda", "زبل"}, {"lmdina", "المدرسة"}, {"3amel", "عقد"},
};

static pcre2_code *compile(const char *pattern)
{
    size_t nn, sn;
    char *norm = norm_pattern(pattern, strlen(pattern), &nn);
    char *sk = translit_pattern(norm, nn, 0, &sn);
    int err;
    PCRE2_SIZE off;
    pcre2_code *c = sk ? pcre2_compile((PCRE2_SPTR)sk, sn,
                                       PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS, &err, &off, NULL)
                       : NULL;
    free(norm);
    free(sk);
    return c;
}

/* 1 when text's shadow meets pattern's skeleton form. */
static int meets(const char *text, const char *pattern)
{
    size_t n, sn;
    char *norm = norm_text(text, strlen(text), &n);
    char *sh = translit_shadow(norm, n, 0, &sn);
    pcre2_code *c = compile(pattern);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    int rc = c ? pcre2_match(c, (PCRE2_SPTR)sh, sn, 0, 0, md, NULL) : -1;
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    free(norm);
    free(sh);
    return rc >= 0;
}

/* Each word beside a long word, as in a rule's phrase (a word of fewer
 * than three consonants is not matched on the shadow alone). */
static int word_meets(const char *arabizi, const char *arabic)
{
    char *t = xasprintf("%s ktab", arabizi);
    char *p = xasprintf("%s\\s+كتاب", arabic);
    int ok = meets(t, p);
    free(t);
    free(p);
    return ok;
}

static void test_words(void)
{
    size_t n = BU_ARRAY_LEN(words), ok = 0;
    for (size_t i = 0; i < n; i++) {
        int m = word_meets(words[i][0], words[i][1]);
        ok += m;
        if (!m)
            fprintf(stderr, "  arabizi '%s' does not meet '%s'\n", words[i][0], words[i][1]);
    }
    printf("arabizi table: %zu of %zu words meet their Arabic form\n", ok, n);
    CHECK(n >= 100);
    CHECK(ok == n);
    for (size_t i = 0; i < BU_ARRAY_LEN(unlike); i++) {
        int m = word_meets(unlike[i][0], unlike[i][1]);
        if (m)
            fprintf(stderr, "  '%s' should not meet '%s'\n", unlike[i][0], unlike[i][1]);
        CHECK(!m);
    }
}

static void test_phrases(void)
{
    const char *pat = "الضو\\s+مقطوع";
    CHECK(meets("dow m9tou3", pat));
    CHECK(meets("daw mqtou3", pat));
    CHECK(meets("ddaw ma9tou3", pat));
    CHECK(meets("DDAW MA9TOU3 f derb", pat));
    CHECK(!meets("daw mzyan", pat));
    CHECK(!meets("d m9tou3", pat));   /* the preposition d is not الضو */
    /* clitic groups written in the pattern change nothing */
    CHECK(meets("l7efra kbira", "(?:و|ف|ب|ل|ك)?(?:ال)?حفرة\\s+كبيرة"));
    CHECK(meets("fl7efra lkbira", "(?:^|\\W)(?:[وفبل])?(?:ال)?حفرة\\s+(?:ال)?كبيرة"));
    /* a French text is not read as arabizi: "de" would be الضو */
    CHECK(!meets("la route de la commune est coupee", "(?:ال)?ضو\\s+(?:ال)?جماعة"));
    const char *fr = "la route de la commune est coupee depuis une semaine";
    const char *dz = "ddaw ma9tou3 f zen9a dyalna men 3 iyam 3afakom";
    CHECK(translit_french(fr, strlen(fr)) == 1);
    CHECK(translit_french(dz, strlen(dz)) == 0);
    CHECK(translit_message_french("coupure", 7, "", 0) == 0);
    CHECK(translit_message_french(fr, strlen(fr), "", 0) == 1);
    size_t sl;
    char *sh = translit_shadow(fr, strlen(fr), 1, &sl);
    CHECK(sl == 0);
    free(sh);
    /* patterns that cannot be carried over, or keep too little */
    size_t n;
    CHECK(translit_pattern("(a)\\1", 5, 0, &n) == NULL);
    CHECK(translit_pattern("\\Qزبل\\E", strlen("\\Qزبل\\E"), 0, &n) == NULL);
    CHECK(translit_pattern("chiens?", 7, 0, &n) == NULL);
    CHECK(translit_pattern("الما", strlen("الما"), 0, &n) == NULL);
    /* odd but valid classes and escapes keep their meaning */
    CHECK(meets("zbel ktab", "[]x]?زبل\\s+كتاب"));
    CHECK(!meets("zbel ktab", "[^ز]بل\\s+كتاب"));
}

static const char rules_text[] =
    "department direction-services\n  name_fr: DS\n  heads: ds@commune.example\n"
    "department eclairage-public\n  name_fr: EP\n  heads: ep@commune.example\n"
    "kind complaint\n  name_fr: Plainte\n  deadline: 60 days\n"
    "settings\n  threshold: 2\n  kind_threshold: 1\n%s"
    "rule \"lumiere\"\n  department: eclairage-public\n  kind: complaint\n  weight: 3\n"
    "  pattern: (?:ال)?ضو\\s+(?:ال)?مقطوع\n";

static int classify(const char *settings, const char *body, struct classification *cl)
{
    char dir[] = "/tmp/test_translit.XXXXXX";
    if (!mkdtemp(dir))
        return -1;
    char *path = xasprintf("%s/r.rules", dir);
    FILE *f = fopen(path, "w");
    struct rules *r = NULL;
    struct rules_diags d = {0};
    int rc = -1;
    if (f) {
        fprintf(f, rules_text, settings);
        fclose(f);
        if (rules_load(path, &r, &d) == 0) {
            struct msg m = {0};
            m.subject = xstrdup("salam");
            m.body = xstrdup(body);
            rc = rules_classify(r, &m, NULL, cl);
            msg_free(&m);
        }
    }
    rules_diags_free(&d);
    rules_free(r);
    unlink(path);
    rmdir(dir);
    free(path);
    return rc;
}

static void test_routing(void)
{
    struct classification cl;
    CHECK(classify("", "ddaw ma9tou3 f zen9a dyalna men 3 iyam", &cl) == 0);
    CHECK_STR(cl.department, "eclairage-public");
    CHECK(cl.n_hits == 1 && cl.hits[0].shadow == 1);
    CHECK(cl.n_hits == 1 && !strcmp(cl.hits[0].field, "body"));
    classification_free(&cl);
    CHECK(classify("  shadow: off\n", "ddaw ma9tou3 f zen9a dyalna", &cl) == 0);
    CHECK_STR(cl.department, "direction-services");
    CHECK(cl.n_hits == 0);
    classification_free(&cl);
    /* prefilter off gives the same hits */
    CHECK(classify("  prefilter: off\n", "ddaw ma9tou3 f zen9a dyalna", &cl) == 0);
    CHECK_STR(cl.department, "eclairage-public");
    classification_free(&cl);
    /* Arabic script still meets the pattern itself, not through the shadow */
    CHECK(classify("", "الضو مقطوع فالزنقة", &cl) == 0);
    CHECK(cl.n_hits == 1 && cl.hits[0].shadow == 0);
    classification_free(&cl);
}

int main(void)
{
    test_words();
    test_phrases();
    test_routing();
    T_END();
}
