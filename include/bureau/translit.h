/* translit.h — the Arabic-script "shadow" of a text for the routing rules
 * (rules/README.md, "Darija in both scripts"): Latin-script Darija
 * (arabizi: 3=ع, 7=ح, 9=ق, kh=خ, ch=ش, ...) and Arabic-script words are both
 * reduced to one consonant skeleton, and so are the Arabic letters of the
 * rules' patterns, so that `dow m9tou3`, `ddaw ma9tou3` and `الضو مقطوع`
 * meet the same pattern.
 *
 * The skeleton of a word: the article and its clitics (ال وال بال فال كال
 * لل; in arabizi l-, el-, al-, wl-, fl-, bl-, kl- before a consonant) are
 * dropped; vowels and hamza (ا و ي ى ء أ ئ ؤ; a e i o u w y 2) are dropped;
 * what Arabic-script Darija swaps is merged (ذ -> د, ث -> ت, ظ -> ض, ة -> ه);
 * a word-final ه/ة is dropped; a letter written twice in a row is written
 * once. Arabizi letters map to one Arabic letter each (3 ع, 7 ح, 9 q ق,
 * 5 kh خ, gh غ, ch sh x ش, j ج, k g c ك, ...) except d t s h, which stay
 * Latin in the shadow because each stands for two Arabic letters (d: د ض,
 * t: ت ط, s: س ص, h: ه ح); a pattern's ض accepts ض or d, and so on. All functions take text already normalised by norm_text
 * or norm_pattern, never fail on their content, and return malloc'd
 * NUL-terminated strings (translit_pattern may return NULL, see there).
 *
 * French words are not arabizi: French function words are left out of the
 * shadow, and so is every Latin word of a message that translit_french
 * finds French. Arabic-script words are left out of the shadow: they meet
 * the patterns as written (a skeleton of them fired too many rules on the
 * labelled messages). */
#ifndef BUREAU_TRANSLIT_H
#define BUREAU_TRANSLIT_H

#include <stddef.h>

/* The shadow of a normalised text: the skeleton of every Latin word (they
 * may carry the digits 2 3 5 7 9), separated by single spaces; numbers,
 * punctuation and, when french is set, every Latin word are left out. *outlen (if not NULL) gets
 * its length, at most 2 * n bytes. */
char *translit_shadow(const char *norm, size_t n, int french, size_t *outlen);

/* 1 when the Latin words of a normalised text are French rather than
 * arabizi: one in five or more is a French function word, out of at least
 * four Latin words. The shadow of a French text has no Latin words. */
int translit_french(const char *norm, size_t n);
/* The same for a message: its body's language, or its subject's when the
 * body is (almost) empty. */
int translit_message_french(const char *subject, size_t sn, const char *body, size_t bn);

/* The prefilter's copy of a shadow: d ض -> د, t ط -> ت, s ص -> س,
 * h ه -> ح, so that a literal taken from translit_pattern(..., 1, ...) is in
 * it whenever the pattern matches the shadow. */
char *translit_merged(const char *shadow, size_t n, size_t *outlen);

/* The skeleton form of a normalised pattern, to be matched against a
 * shadow: its Arabic letters mapped as above, an article at the start of
 * a word dropped, groups holding only clitics (`(?:ال)?`, `(?:و|ف|ب)?`)
 * emptied, and every Arabic word anchored at its start with \b (at both
 * ends when two letters or fewer remain). Top-level alternatives with fewer
 * than two Arabic skeleton letters are left out (one letter would fire on
 * almost any text; Latin-only alternatives never meet a shadow). NULL
 * when nothing remains, or when the pattern uses a construct that cannot
 * be carried over (\Q, back-references, conditionals, recursion).
 * literals = 1 gives the same pattern in merged letters (translit_merged),
 * not to be matched but for the prefilter to take its literals from. */
char *translit_pattern(const char *norm, size_t n, int literals, size_t *outlen);

#endif
