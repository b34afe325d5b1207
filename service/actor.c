/* actor.c — implements actor.h. */
#include "bureau/actor.h"

#include <string.h>
#include <utf8proc.h>

static int refused_category(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CS:
        return 1;
    default:
        return 0;
    }
}

static int is_space(utf8proc_int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int actor_name_valid(const char *name, const char **why)
{
    const char *dummy;
    why = why ? why : &dummy;
    if (!name || !name[0]) {
        *why = "empty";
        return 0;
    }
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(name);
    utf8proc_int32_t cp = 0, first = -1;
    size_t count = 0;
    while (left > 0) {
        utf8proc_ssize_t l = utf8proc_iterate(p, left, &cp);
        if (l < 0) {
            *why = "not valid UTF-8";
            return 0;
        }
        if (refused_category(cp)) {
            *why = "control or invisible formatting character";
            return 0;
        }
        if (++count > ACTOR_NAME_MAX) {
            *why = "longer than 64 characters";
            return 0;
        }
        if (first < 0)
            first = cp;
        p += l;
        left -= l;
    }
    if (is_space(first) || is_space(cp)) {
        *why = "leading or trailing space";
        return 0;
    }
    return 1;
}
