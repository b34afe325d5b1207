/* args.c — see args.h */
#include "bureau/args.h"

#include <stdio.h>
#include <string.h>

int args_scan(const char *cmd, int argc, char **argv, const struct arg_spec *specs,
              int nspecs, const char **pos, int max_pos, int *npos)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] == '-' && a[1] == '-' && a[2]) {
            int k;
            for (k = 0; k < nspecs; k++)
                if (!strcmp(a, specs[k].name))
                    break;
            if (k == nspecs) {
                fprintf(stderr, "bureau %s: unknown option %s (see --help)\n", cmd, a);
                return -1;
            }
            if (!specs[k].takes_value) {
                *specs[k].value = "1";
                continue;
            }
            if (i + 1 >= argc) {
                fprintf(stderr, "bureau %s: %s needs a value\n", cmd, a);
                return -1;
            }
            *specs[k].value = argv[++i];
            continue;
        }
        if (*npos >= max_pos) {
            fprintf(stderr, "bureau %s: too many arguments (see --help)\n", cmd);
            return -1;
        }
        pos[(*npos)++] = a;
    }
    return 0;
}

size_t args_take_repeated(int *argc, char **argv, const char *name, const char **out,
                          size_t max, size_t *seen)
{
    size_t n = 0, all = 0;
    int w = 1;
    for (int i = 1; i < *argc; i++) {
        if (!strcmp(argv[i], name) && i + 1 < *argc) {
            if (n < max)
                out[n++] = argv[i + 1];
            all++;
            i++;
            continue;
        }
        argv[w++] = argv[i];
    }
    *argc = w;
    if (seen)
        *seen = all;
    return n;
}
