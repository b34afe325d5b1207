/* test_fname.c — attachment names as shown and as saved (issue 12 item 8). */
#include <stdlib.h>
#include <string.h>

#include "bureau/fname.h"
#include "t.h"

static void clean_is(const char *in, const char *want)
{
    char *got = fname_clean(in);
    if (want)
        CHECK_STR(got, want);
    else
        CHECK(got == NULL);
    if (want && (!got || strcmp(got, want)))
        fprintf(stderr, "  input: %s\n", in);
    free(got);
}

static void file_is(int idx, const char *in, const char *want)
{
    char *got = fname_safe_file(idx, in);
    CHECK_STR(got, want);
    free(got);
}

/* n copies of the 2-byte character ch, NUL-terminated */
static void repeat(char *dst, const char *ch, int n)
{
    for (int i = 0; i < n; i++)
        memcpy(dst + 2 * i, ch, 2);
    dst[2 * n] = '\0';
}

int main(void)
{
    /* every bidi control */
    clean_is("07-evil\u202etxt.exe", "07-evil_txt.exe");
    const char *bidi[] = {"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                          "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"};
    for (size_t i = 0; i < sizeof bidi / sizeof *bidi; i++) {
        char in[32];
        snprintf(in, sizeof in, "a%sb.pdf", bidi[i]);
        clean_is(in, "a_b.pdf");
    }
    /* format characters (Cf): zero-width, word joiner, BOM, soft hyphen */
    clean_is("in\u200bvoice\u200c\u200d.pdf", "in_voice__.pdf");
    clean_is("\ufeffrapport\u2060.odt", "_rapport_.odt");
    clean_is("fac\u00adture.pdf", "fac_ture.pdf");
    clean_is("x\u2028y\u2029z", "x_y_z");       /* line, paragraph separators */
    clean_is("a\tb\x1b[31mc\x7f\xc2\x85.txt", "a_b_[31mc__.txt");  /* Cc, C1 */
    /* trailing dots and blanks, leading blanks */
    clean_is("rapport.pdf . . ", "rapport.pdf");
    clean_is("  \u00a0rapport.pdf\u3000", "rapport.pdf");
    clean_is("...", NULL);
    clean_is("   ", NULL);
    clean_is("", NULL);
    clean_is(NULL, NULL);
    clean_is("\xff\xfe.pdf", "__.pdf");           /* invalid UTF-8 */
    /* what is seen is kept */
    clean_is("شكاية الأزبال.pdf", "شكاية الأزبال.pdf");
    clean_is("Réclamation n° 3 — été.docx", "Réclamation n° 3 — été.docx");
    clean_is(".htaccess", ".htaccess");          /* leading dot: only the file name drops it */

    /* names to save */
    file_is(7, "evil\u202etxt.exe", "07-evil_txt.exe");
    file_is(1, "../../etc/passwd", "01-passwd");
    file_is(2, "C:\\Users\\x\\rapport.pdf", "02-rapport.pdf");
    file_is(3, "..\u202e", "03-_");
    file_is(4, ".htaccess", "04-htaccess");
    file_is(5, "note.txt.  ", "05-note.txt");
    file_is(6, "a:b.txt", "06-a_b.txt");
    file_is(8, NULL, "08-attachment.bin");
    file_is(9, " . ", "09-attachment.bin");
    file_is(10, "dir/ \u2066", "10-_");
    file_is(123, "x", "123-x");
    /* the cap: 255 bytes, never a cut character, no trailing blank left */
    char longname[600];
    repeat(longname, "é", 120);  /* 240 bytes */
    memcpy(longname + 240, "          z.txt", 16);
    char *got = fname_safe_file(1, longname);
    CHECK(strlen(got) <= 255);
    CHECK(got[strlen(got) - 1] != ' ');
    CHECK(strncmp(got, "01-é", 5) == 0);
    free(got);
    repeat(longname, "ب", 200);  /* 400 bytes */
    got = fname_safe_file(1, longname);
    CHECK(strlen(got) == 3 + 252);
    free(got);
    T_END();
}
