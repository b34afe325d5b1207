/* args.h — tiny option scanner for subcommands: "--name VALUE" and flags.
 * Positional arguments are collected in order. Unknown options are errors. */
#ifndef BUREAU_ARGS_H
#define BUREAU_ARGS_H

#include <stddef.h>

struct arg_spec {
    const char *name;     /* "--from" */
    int takes_value;      /* 1: needs a value */
    const char **value;   /* where the value (or "1" for a flag) goes */
};

/* Scans argv[1..argc). Fills specs' values and pos[0..*npos) (at most
 * max_pos). Returns 0, or -1 after printing an error for command cmd. */
int args_scan(const char *cmd, int argc, char **argv, const struct arg_spec *specs,
              int nspecs, const char **pos, int max_pos, int *npos);

/* Takes every "NAME VALUE" of a repeatable option out of argv[1..*argc)
 * (args_scan takes one value per option): the first max values into out,
 * their count returned; *seen (may be NULL) gets how many there were. A
 * NAME with no value after it is left in argv. */
size_t args_take_repeated(int *argc, char **argv, const char *name, const char **out,
                          size_t max, size_t *seen);

#endif
