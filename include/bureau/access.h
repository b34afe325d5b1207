/* access.h — saying, in words a clerk or an administrator can act on, why
 * this account may not reach a file of the installation (the group
 * `bureau` owns the register and the configuration: docs/operations.md). */
#ifndef BUREAU_ACCESS_H
#define BUREAU_ACCESS_H

#include <unistd.h>

/* The first directory on the way to path that this account may not enter,
 * or path itself when it may not have want (R_OK, W_OK...) on it: who owns
 * it, its mode, whether this account is in its group, and the fix.
 * NULL when permissions are not what stops it. Malloc'd. */
char *access_denied(const char *path, int want);

/* Why the register path cannot be created: its directory is missing
 * (naming it and how to create it) or not writable (access_denied); NULL
 * when neither. Malloc'd. */
char *access_create_fault(const char *path);

#endif
