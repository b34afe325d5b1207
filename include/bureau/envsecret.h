/* envsecret.h — secrets taken out of the process's environment.
 *
 * A `password_env` password must not stay where the parser processes (forked
 * from the service, and handling hostile mail) or anyone reading
 * /proc/PID/environ can find it. The first read of a variable copies its
 * value, removes the variable (unsetenv) and wipes its bytes in the initial
 * environment block (the bytes /proc/PID/environ shows: unsetenv only drops
 * the pointer). Configuration loading does this before any fork. Later reads
 * of the same variable (serve's reload on SIGHUP) are answered from a copy
 * kept in this module for the life of the process. */
#ifndef BUREAU_ENVSECRET_H
#define BUREAU_ENVSECRET_H

/* The value of environment variable var, newly allocated in *value (the
 * caller frees it, after explicit_bzero). If var is in the environment it is
 * taken out of it (see above) and remembered; if not, the value remembered
 * from an earlier call is given. Returns 0, or -1 when var was never set.
 * Call it while the process has one thread (unsetenv is not thread-safe);
 * a call that finds var already gone touches the environment no more. */
int envsecret_take(const char *var, char **value);

#endif
