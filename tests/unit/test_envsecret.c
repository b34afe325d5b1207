/* test_envsecret.c — envsecret_take: the variable leaves the environment,
 * its value is remembered for a later read (serve's reload). */
#include <stdlib.h>
#include <string.h>

#include "bureau/envsecret.h"
#include "t.h"

int main(void)
{
    char *v = NULL;
    setenv("BUREAU_T_SECRET", "pw-1", 1);
    CHECK(envsecret_take("BUREAU_T_SECRET", &v) == 0);
    CHECK_STR(v, "pw-1");
    free(v);
    CHECK(getenv("BUREAU_T_SECRET") == NULL);
    v = NULL;
    CHECK(envsecret_take("BUREAU_T_SECRET", &v) == 0);  /* the reload */
    CHECK_STR(v, "pw-1");
    free(v);
    setenv("BUREAU_T_SECRET", "pw-2", 1);  /* set again: the new value wins */
    v = NULL;
    CHECK(envsecret_take("BUREAU_T_SECRET", &v) == 0);
    CHECK_STR(v, "pw-2");
    free(v);
    CHECK(getenv("BUREAU_T_SECRET") == NULL);
    v = NULL;
    CHECK(envsecret_take("BUREAU_T_NEVER_SET", &v) == -1 && v == NULL);
    /* a name that is a prefix of another is not confused with it */
    setenv("BUREAU_T_SECRETX", "other", 1);
    CHECK(envsecret_take("BUREAU_T_SECRET", &v) == 0);
    CHECK_STR(v, "pw-2");
    free(v);
    CHECK(getenv("BUREAU_T_SECRETX") != NULL);
    T_END();
}
