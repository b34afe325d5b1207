/* terms.h — the words a message is made of, for what learns from the
 * register (rules suggest, the routing model): from normalised text
 * (norm_text), the words of 3 to 30 characters that are not function words
 * of French, Arabic or Darija, an Arabic word without its article and
 * clitic (الطريق and طريق are one term), and each pair of such words that
 * follow one another ("w1 w2"). Sorted, distinct, capped. */
#ifndef BUREAU_TERMS_H
#define BUREAU_TERMS_H

#include <stddef.h>

#define TERMS_MAX 400   /* distinct terms kept of one text */

/* *out: a malloc'd array of malloc'd terms (terms_free); returns their count. */
size_t terms_of(const char *norm, char ***out);
void terms_free(char **v, size_t n);
/* 1 when the term's first word is in Arabic script. */
int terms_arabic(const char *w);

#endif
