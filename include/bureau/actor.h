/* actor.h — the name recorded in the audit trail for a clerk's action
 * (`--as`, $BUREAU_CLERK, $USER today; the console's login later). */
#ifndef BUREAU_ACTOR_H
#define BUREAU_ACTOR_H

#define ACTOR_NAME_MAX 64 /* characters (code points) */

/* 1 when name may be recorded: valid UTF-8, 1 to ACTOR_NAME_MAX
 * characters, no control character (C0, DEL, C1), no format, line or
 * paragraph separator character (bidi controls, zero-width joiners: Unicode
 * categories Cc Cf Zl Zp, and unassigned code points), no leading or
 * trailing white space. Else 0, with the reason in *why (a static string)
 * when why is not NULL. */
int actor_name_valid(const char *name, const char **why);

#endif
