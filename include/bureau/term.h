/* term.h — text for a clerk's terminal. Mail is written by strangers: a
 * subject, a body, a file name or a parser's reason can carry escape
 * sequences (OSC 0 sets the window title, OSC 52 writes the clipboard, CSI
 * clears the screen, backspaces hide text). term_clean makes every control
 * character except newline and tab visible as text:
 *   C0 controls and DEL  -> \xHH   (ESC is shown as \x1b, BEL as \x07)
 *   C1 controls U+0080-U+009F -> \u0080 ... \u009f
 *   a byte that is not UTF-8  -> \xHH
 *   CR directly before LF is dropped (a CRLF line end is a line end).
 * A backslash already in the text is left as it is: this output is for
 * reading, --json gives the exact text (JSON escapes every control).
 *
 * main() sends stdout and stderr through term_clean (term_filter_stdio),
 * so every printer of every command is covered, and so is the log when it
 * goes to stderr; log_msg cleans each line for syslog too. */
#ifndef BUREAU_TERM_H
#define BUREAU_TERM_H

#include <stddef.h>

#include "bureau/util.h"

/* Append s[0..n) to out, cleaned. A UTF-8 sequence cut at the end of s is
 * shown as bytes (\xHH); the stream filter keeps such a tail for the next
 * write instead. */
void term_clean(const char *s, size_t n, struct buf *out);
/* A malloc'd, cleaned, NUL-terminated copy of s (NULL in, NULL out). */
char *term_strdup(const char *s);

/* Replace stdout and stderr by streams that pass everything written to
 * them through term_clean on its way to file descriptors 1 and 2. */
void term_filter_stdio(void);
/* For a command whose output is the bytes themselves (quarantine show,
 * outbox show, a CSV export to stdout): when stdout is not a terminal, it
 * gets them unchanged from here on; on a terminal it stays filtered. */
void term_raw_stdout(void);

#endif
