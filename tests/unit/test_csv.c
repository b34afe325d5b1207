/* test_csv.c — csv_field (csv.h): quoting and the formula guard. */
#include <stdlib.h>

#include "bureau/csv.h"
#include "t.h"

static void field(const char *in, int last, const char *want)
{
    struct buf b;
    buf_init(&b, 1 << 20);
    (void)buf_append(&b, "", 0);
    csv_field(&b, in, last);
    CHECK_STR(b.data, want);
    buf_free(&b);
}

int main(void)
{
    field("plain", 0, "plain,");
    field(NULL, 1, "\r\n");
    field("say \"hi\"", 0, "\"say \"\"hi\"\"\",");
    field("a\r\nb", 0, "\"a\nb\",");
    field("=1+1", 0, "\"'=1+1\",");
    field("+1", 0, "\"'+1\",");
    field("-1", 0, "\"'-1\",");
    field("@SUM(A1)", 0, "\"'@SUM(A1)\",");
    field("\t=1+1", 0, "\"'\t=1+1\",");
    field("\r=1+1", 0, "\"'=1+1\",");
    field("\n=1+1", 1, "\"'\n=1+1\"\r\n");
    field("ok=1", 0, "ok=1,");
    T_END();
}
