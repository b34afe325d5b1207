/* t.h — minimal test macros. Each test file defines main() calling
 * functions that use CHECK; T_END prints "N passed, N failed" and returns. */
#ifndef BUREAU_T_H
#define BUREAU_T_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            t_pass++;                                                                 \
        } else {                                                                      \
            t_fail++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_STR(a, b)                                                               \
    do {                                                                              \
        const char *t_a = (a), *t_b = (b);                                            \
        if (t_a && t_b && strcmp(t_a, t_b) == 0) {                                    \
            t_pass++;                                                                 \
        } else {                                                                      \
            t_fail++;                                                                 \
            fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:      %s\n  expected: %s\n", \
                    __FILE__, __LINE__, #a, t_a ? t_a : "(null)", t_b ? t_b : "(null)"); \
        }                                                                             \
    } while (0)

#define T_END()                                                                       \
    do {                                                                              \
        printf("%d passed, %d failed\n", t_pass, t_fail);                             \
        return t_fail ? 1 : 0;                                                        \
    } while (0)

#endif
