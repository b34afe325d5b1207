/* json.h — a small streaming JSON writer with correct string escaping.
 * Output goes to a struct buf; commas are inserted automatically. */
#ifndef BUREAU_JSON_H
#define BUREAU_JSON_H

#include <stdint.h>
#include "bureau/util.h"

struct json {
    struct buf *out;
    int depth;
    unsigned char need_comma[64];
    int after_key;
};

void json_init(struct json *j, struct buf *out);
void json_obj_begin(struct json *j);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j);
void json_arr_end(struct json *j);
void json_key(struct json *j, const char *k);
void json_str(struct json *j, const char *s);   /* NULL writes null */
void json_strn(struct json *j, const char *s, size_t n);
void json_int(struct json *j, int64_t v);
void json_num(struct json *j, double v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* key + value shorthands */
void json_kv_str(struct json *j, const char *k, const char *v);
void json_kv_int(struct json *j, const char *k, int64_t v);
void json_kv_bool(struct json *j, const char *k, int v);

#endif
