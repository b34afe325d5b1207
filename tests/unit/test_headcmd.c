/* test_headcmd.c — the commands of a head's reply (headcmd_parse): both
 * languages, spacing and colon variants, the quoted part cut. */
#include <stdlib.h>
#include <string.h>

#include "bureau/headmail.h"
#include "bureau/util.h"
#include "t.h"

static struct headcmds P;

static void parse(const char *s)
{
    headcmds_free(&P);
    headcmd_parse(s, strlen(s), &P);
}

/* One status command understood as status (code / body may be NULL). */
static int status_is(const char *text, const char *status, const char *code, const char *to)
{
    parse(text);
    if (P.n != 1 || P.v[0].kind != HEADCMD_STATUS)
        return 0;
    const struct headcmd *c = &P.v[0];
    if (!status)
        return c->status == NULL;
    return c->status && !strcmp(c->status, status) &&
           (code ? c->code && !strcmp(c->code, code) : !c->code) &&
           (to ? c->to_body && !strcmp(c->to_body, to) : !c->to_body);
}

static void test_status(void)
{
    CHECK(status_is("Statut : traité\n", "answered", NULL, NULL));
    CHECK(status_is("statut: TRAITE", "answered", NULL, NULL));
    CHECK(status_is("Statut\xc2\xa0:\xc2\xa0traité", "answered", NULL, NULL));      /* NBSP */
    CHECK(status_is("Statut\xe2\x80\xaf: traitée", "answered", NULL, NULL));        /* NNBSP */
    CHECK(status_is("  Statut   :   en cours  ", "in-progress", NULL, NULL));
    CHECK(status_is("Statut：en cours de traitement", "in-progress", NULL, NULL));  /* U+FF1A */
    CHECK(status_is("Statut : rejeté outside-remit", "rejected", "outside-remit", NULL));
    CHECK(status_is("Statut : Rejetée  Before-Court", "rejected", "before-court", NULL));
    CHECK(status_is("Statut : rejeté", "rejected", NULL, NULL));
    CHECK(status_is("Statut : transmis à l'ONEE Casablanca", "transferred", NULL,
                    "l'ONEE Casablanca"));
    CHECK(status_is("Statut : clôturé", "closed", NULL, NULL));
    CHECK(status_is("Statut : peut-être demain", NULL, NULL, NULL));
    CHECK(status_is("Statut : traitement", NULL, NULL, NULL));   /* not "traité" */
    /* Arabic, with and without spaces, hamza, a bidi mark, Arabic-Indic text */
    CHECK(status_is("الحالة: تمت المعالجة", "answered", NULL, NULL));
    CHECK(status_is("الحالة : تمت المعالجه", "answered", NULL, NULL));
    CHECK(status_is("\xe2\x80\x8f" "الحالة:في طور المعالجة", "in-progress", NULL, NULL));
    CHECK(status_is("الحالة ﹕ مرفوض unclear", "rejected", "unclear", NULL));   /* U+FE55 */
    CHECK(status_is("الحالة: محال على المكتب الوطني للماء", "transferred", NULL,
                    "المكتب الوطني للماء"));
    CHECK(status_is("الحالة: مغلق", "closed", NULL, NULL));
    CHECK(P.v[0].arabic == 1);
}

static void test_reroute(void)
{
    parse("Réaffecter : urbanisme — construction sans permis\n");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_REROUTE);
    CHECK_STR(P.v[0].department, "urbanisme");
    CHECK_STR(P.v[0].reason, "construction sans permis");
    parse("reaffecter:travaux-voirie - nid de poule");
    CHECK_STR(P.v[0].department, "travaux-voirie");
    CHECK_STR(P.v[0].reason, "nid de poule");
    parse("Réaffecter : urbanisme (hors de notre service)");
    CHECK_STR(P.v[0].department, "urbanisme");
    CHECK_STR(P.v[0].reason, "hors de notre service");
    parse("Réaffecter : urbanisme");
    CHECK_STR(P.v[0].department, "urbanisme");
    CHECK(P.v[0].reason == NULL);
    parse("إعادة التوجيه: التعمير، بناء عشوائي");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_REROUTE && P.v[0].arabic);
    CHECK_STR(P.v[0].department, "التعمير");
    CHECK_STR(P.v[0].reason, "بناء عشوائي");
    parse("اعادة الاحالة : urbanisme — ليس من اختصاصنا");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_REROUTE);
    CHECK_STR(P.v[0].department, "urbanisme");
    CHECK_STR(P.v[0].reason, "ليس من اختصاصنا");
}

static void test_note_answer(void)
{
    parse("Bonjour,\n\nNote : visite prévue lundi\nCordialement\n");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_NOTE);
    CHECK_STR(P.v[0].text, "visite prévue lundi");
    CHECK_STR(P.own_text, "Bonjour,\n\nNote : visite prévue lundi\nCordialement");
    parse("ملاحظة: زيارة يوم الاثنين");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_NOTE && P.v[0].arabic);
    CHECK_STR(P.v[0].text, "زيارة يوم الاثنين");
    parse("Statut : en cours\r\nRéponse :\r\nMadame,\r\nle dépôt sera enlevé.\r\n\r\n"
          "Le mar. 3 déc. 2026 à 10:00, Bureau <bo@x.ma> a écrit :\r\n> Statut : traité\r\n");
    CHECK(P.n == 2 && P.v[0].kind == HEADCMD_STATUS && P.v[1].kind == HEADCMD_ANSWER);
    CHECK_STR(P.v[1].text, "Madame,\r\nle dépôt sera enlevé.");
    parse("الجواب: سيتم رفع الأزبال غدا.\nشكرا\n-- \nرئيس المصلحة\nStatut : traité");
    CHECK(P.n == 1 && P.v[0].kind == HEADCMD_ANSWER && P.v[0].arabic);
    CHECK_STR(P.v[0].text, "سيتم رفع الأزبال غدا.\nشكرا");
    /* no command: the text is the note */
    parse("Merci, nous nous en occupons.\n\nOn Tue, Dec 3, 2026 at 10:00 AM Bureau wrote:\n"
          "> Note : x\n");
    CHECK(P.n == 0);
    CHECK_STR(P.own_text, "Merci, nous nous en occupons.");
    /* unknown keyword: text */
    parse("Objet : demande\nMerci");
    CHECK(P.n == 0);
}

static void test_cut(void)
{
    /* commands in the quoted part are not read */
    parse("D'accord.\n> Statut : traité\n");
    CHECK(P.n == 0);
    CHECK_STR(P.own_text, "D'accord.");
    parse("Vu.\n\nLe mar. 3 déc. 2026 à 10:00, Bureau d'ordre <bo@commune.ma>\na écrit :\n"
          "Statut : traité\n");
    CHECK(P.n == 0);
    CHECK_STR(P.own_text, "Vu.");
    parse("ok\n-----Original Message-----\nStatut : traité");
    CHECK(P.n == 0);
    parse("ok\n-----Message d'origine-----\nRéaffecter : urbanisme — x");
    CHECK(P.n == 0);
    parse("ok\n________________________________\nDe : Bureau <bo@x>\nEnvoyé : mardi\n"
          "Statut : traité");
    CHECK(P.n == 0);
    parse("ok\nDe : Bureau d'ordre <bo@x>\nEnvoyé : mardi 3 décembre 2026\nStatut : traité");
    CHECK(P.n == 0);
    parse("تم.\nفي الثلاثاء، 3 ديسمبر 2026، كتب مكتب الضبط <bo@x.ma>:\nالحالة: تمت المعالجة");
    CHECK(P.n == 0);
    CHECK_STR(P.own_text, "تم.");
    parse("تم.\nفي 3 ديسمبر 2026 10:00، مكتب الضبط <bo@x.ma>\nكتب:\nالحالة: تمت المعالجة");
    CHECK(P.n == 0);
    CHECK_STR(P.own_text, "تم.");
    parse("Statut : traité\nOn Tue, Dec 3, 2026 Bureau <bo@x> wrote:\n>> Statut : rejeté x");
    CHECK(P.n == 1 && P.v[0].status && !strcmp(P.v[0].status, "answered"));
    /* a line merely containing "wrote" is text */
    parse("He wrote to us twice\nStatut : traité");
    CHECK(P.n == 1);
}

static void test_caps(void)
{
    struct buf b;
    buf_init(&b, 1 << 20);
    for (int i = 0; i < HEADCMD_MAX + 5; i++)
        buf_puts(&b, "Note : x\n");
    parse(b.data);
    CHECK(P.n == HEADCMD_MAX && P.dropped == 5);
    buf_free(&b);
    parse("");
    CHECK(P.n == 0 && P.own_text && !*P.own_text);
    headcmds_free(&P);
    headcmd_parse(NULL, 0, &P);
    CHECK(P.n == 0);
    /* a colon past the keyword cap is not a command */
    parse("Statut                                                                       : x");
    CHECK(P.n == 0);
    /* invalid UTF-8 does not crash */
    parse("Statut : \xff\xfe trait\xc3\n\xc3");
    CHECK(P.n == 1 && P.v[0].status == NULL);
    CHECK_STR(headcmd_name(HEADCMD_REROUTE, 0), "Réaffecter");
}

int main(void)
{
    test_status();
    test_reroute();
    test_note_answer();
    test_cut();
    test_caps();
    headcmds_free(&P);
    T_END();
}
