/* csv.h — one CSV field, for every CSV bureau writes (the register export,
 * the stats report). RFC 4180: quoted when it holds , " CR or LF or is
 * defused, quotes doubled, CR dropped (LF stays, inside the quotes); line
 * end CRLF. A field that a spreadsheet
 * would run as a formula — first character = + - @ TAB CR or LF (OWASP's
 * list, LF added) — gets a leading apostrophe, so a stranger's subject is
 * shown, never evaluated. */
#ifndef BUREAU_CSV_H
#define BUREAU_CSV_H

#include "bureau/util.h"

/* Append s (NULL is "") as one field, then "," or, when last, CRLF. */
void csv_field(struct buf *b, const char *s, int last);

#endif
