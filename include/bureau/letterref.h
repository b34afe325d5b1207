/* letterref.h — the sender's own reference of a letter ("Réf : 123/DU/2026",
 * "المرجع: 45/2026"), read from the top of its text for the arrival
 * register's "Référence / المرجع" column. Only a labelled reference at the
 * start of a line counts; anything less certain gives none (an empty column
 * is better than a guess). */
#ifndef BUREAU_LETTERREF_H
#define BUREAU_LETTERREF_H

#define LETTERREF_MAX 40          /* bytes of a reference */
#define LETTERREF_LINES 60        /* lines of the text looked at */

/* The reference (malloc'd, caller frees), or NULL when the text has none.
 * Labels: Réf / Ref / Référence / Reference / N/Réf, then ':' or '.', and
 * المرجع / رقم المرجع / مرجعنا with an optional ':'. Not "V/Réf" or
 * "مرجعكم" (those are the addressee's, ours). The value is letters, digits
 * (ASCII or Arabic-Indic) and / - _ . , with at least one digit. */
char *letterref_extract(const char *text);

#endif
