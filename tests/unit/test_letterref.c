/* test_letterref.c — the sender's reference read from a letter's text for
 * the register's CSV, and the texts where none must be guessed. */
#include <stdlib.h>

#include "bureau/letterref.h"
#include "t.h"

static int is(const char *text, const char *want)
{
    char *got = letterref_extract(text);
    int ok = want ? got && strcmp(got, want) == 0 : got == NULL;
    if (!ok)
        fprintf(stderr, "  text %s\n  got  %s\n  want %s\n", text, got ? got : "(none)",
                want ? want : "(none)");
    free(got);
    return ok;
}

int main(void)
{
    CHECK(is("Réf : 123/DU/2026\nMonsieur le Président,", "123/DU/2026"));
    CHECK(is("Tiznit, le 2 mars 2026\n  N/Réf. : 45-2026\n", "45-2026"));
    CHECK(is("REF: AB-77/2026\n", "AB-77/2026"));
    CHECK(is("RÉF : 9/2026.\n", "9/2026"));
    CHECK(is("Référence : n° 2026/0012\r\nObjet : ...", "2026/0012"));
    CHECK(is("Reference: 17\n", "17"));
    CHECK(is("المرجع: 45/2026\nالسيد الرئيس", "45/2026"));
    CHECK(is("رقم المرجع : ٤٥/٢٠٢٦\n", "٤٥/٢٠٢٦"));
    CHECK(is("مرجعنا: 12-ق-2026\n", NULL));     /* an Arabic letter in the value: not sure */
    CHECK(is("مرجعنا: 12/2026\n", "12/2026"));
    CHECK(is("Bonjour,\nje vous écris au sujet de la réf 12 de mon dossier", NULL));
    CHECK(is("V/Réf : 2026/000123\n", NULL));   /* the addressee's reference: ours */
    CHECK(is("مرجعكم: 2026/000123\n", NULL));
    CHECK(is("> Réf : 123/2026\n", NULL));      /* quoted from another mail */
    CHECK(is("Réf : voir ci-dessous\n", NULL)); /* no digit */
    CHECK(is("Réf : 12 du 3 mars 2026\n", NULL)); /* more than a reference on the line */
    CHECK(is("Réfection de la route : 12\n", NULL));
    CHECK(is("Réf : 123456789012345678901234567890123456789012345\n", NULL));
    CHECK(is("", NULL));
    CHECK(is(NULL, NULL));
    T_END();
}
