/* cmd_catalog.c — the ids a clerk may type: `bureau departments`,
 * `bureau kinds`, and the check of a filter's value against them (an
 * unknown department, kind or status is an error that lists the valid
 * ones, never a silent empty list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/cli.h"
#include "bureau/json.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"

#define CATALOG_OUT_MAX (4u * 1024 * 1024)

/* The rules (the last good ones when the files do not check), loaded
 * without a word: without them the catalog falls back to what the
 * register holds. */
static const struct rules *quiet_rules(struct cli *c)
{
    if (!c->rules && c->cfg)
        cli_need_rules_quietly(c);
    return c->rules;
}

/* Code points of a UTF-8 string: a column count good enough for ids and
 * French names. */
static size_t columns(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void pad(struct buf *b, const char *s, size_t width)
{
    buf_puts(b, s ? s : "");
    for (size_t w = columns(s); w < width; w++)
        buf_putc(b, ' ');
}

struct name3 {
    const char *id, *fr, *ar;
};

static void print_names(struct buf *b, const char *indent, const struct name3 *v, size_t n)
{
    size_t wid = 0, wfr = 0;
    for (size_t i = 0; i < n; i++) {
        if (columns(v[i].id) > wid)
            wid = columns(v[i].id);
        if (columns(v[i].fr) > wfr)
            wfr = columns(v[i].fr);
    }
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, indent);
        pad(b, v[i].id, wid + 2);
        pad(b, v[i].fr, wfr + 2);
        buf_puts(b, v[i].ar ? v[i].ar : "");
        buf_putc(b, '\n');
    }
}

static struct name3 *dept_names(const struct rules *r, size_t *n)
{
    const struct department *d = rules_departments(r, n);
    struct name3 *v = xcalloc(*n ? *n : 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = (struct name3){d[i].id, d[i].name_fr, d[i].name_ar};
    return v;
}

static struct name3 *kind_names(const struct rules *r, size_t *n)
{
    const struct kind *k = rules_kinds(r, n);
    struct name3 *v = xcalloc(*n ? *n : 1, sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = (struct name3){k[i].id, k[i].name_fr, k[i].name_ar};
    return v;
}

static struct name3 *status_names(size_t *n)
{
    static const char *const ids[] = {"registered", "routed",   "in-progress", "answered",
                                      "closed",     "rejected", "transferred"};
    struct name3 *v = xcalloc(BU_ARRAY_LEN(ids), sizeof *v);
    for (size_t i = 0; i < BU_ARRAY_LEN(ids); i++)
        v[i] = (struct name3){ids[i], lifecycle_status_fr(ids[i]), lifecycle_status_ar(ids[i])};
    *n = BU_ARRAY_LEN(ids);
    return v;
}

/* 1 when some entry of the register has that value in column col
 * ("department" or "kind"): an id the rules no longer define. */
static int in_register(struct cli *c, const char *col, const char *value)
{
    char *sql = xasprintf("SELECT 1 FROM entries WHERE %s = ? LIMIT 1", col);
    sqlite3_stmt *st = c->store ? store_stmt(c->store, sql, NULL) : NULL;
    int found = 0;
    free(sql);
    if (!st)
        return 0;
    sqlite3_bind_text(st, 1, value, -1, SQLITE_TRANSIENT);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

static int refuse(struct cli *c, const char *opt, const char *what, const char *value,
                  const char *command, struct name3 *v, size_t n)
{
    struct buf b;
    size_t len = strlen(value);
    int shown = len <= 100 && utf8_valid(value, len) && !str_has_ctl(value, 0);
    buf_init(&b, 64 * 1024);
    buf_printf(&b, "bureau %s: %s: unknown %s \"%s\"; ", c->argv[0], opt, what,
               shown ? value : "(not shown)");
    if (n) {
        if (command)
            buf_printf(&b, "one of (bureau %s):\n", command);
        else
            buf_puts(&b, "one of:\n");
        print_names(&b, "  ", v, n);
    } else {
        buf_puts(&b, "the rules could not be read to list the valid ones\n");
    }
    fwrite(b.data, 1, b.len, stderr);
    buf_free(&b);
    free(v);
    return -1;
}

int cli_check_department(struct cli *c, const char *opt, const char *id)
{
    const struct rules *r = quiet_rules(c);
    if (!id || rules_department(r, id) || in_register(c, "department", id))
        return 0;
    size_t n;
    struct name3 *v = dept_names(r, &n);
    return refuse(c, opt, "department", id, "departments", v, n);
}

int cli_check_kind(struct cli *c, const char *opt, const char *id)
{
    const struct rules *r = quiet_rules(c);
    if (!id || rules_kind(r, id) || in_register(c, "kind", id))
        return 0;
    size_t n;
    struct name3 *v = kind_names(r, &n);
    return refuse(c, opt, "kind", id, "kinds", v, n);
}

int cli_check_status(struct cli *c, const char *opt, const char *id)
{
    if (!id || lifecycle_status_valid(id))
        return 0;
    size_t n;
    struct name3 *v = status_names(&n);
    return refuse(c, opt, "status", id, NULL, v, n);
}

/* --- bureau departments / kinds -------------------------------------------- */

static const char *unit_name(enum deadline_unit u, int amount)
{
    switch (u) {
    case DL_DAYS: return amount == 1 ? "day" : "days";
    case DL_WORKING_DAYS: return amount == 1 ? "working day" : "working days";
    case DL_MONTHS: return amount == 1 ? "month" : "months";
    default: return NULL;
    }
}

/* "60 days", "20 working days"; NULL when none. Caller frees. */
static char *delay_text(enum deadline_unit u, int amount)
{
    const char *name = unit_name(u, amount);
    return name && amount > 0 ? xasprintf("%d %s", amount, name) : NULL;
}

static void kv_delay(struct json *j, const char *key, enum deadline_unit u, int amount)
{
    char *t = delay_text(u, amount);
    json_kv_str(j, key, t);
    free(t);
}

static int catalog_usage(struct cli *c, const char *what)
{
    printf("usage: bureau [--json] %s\n\nThe %s the rules define: id (what commands and "
           "filters take),\nFrench name and Arabic name.%s\n",
           what, what,
           strcmp(what, "kinds") ? " --json adds the heads' addresses."
                                 : " --json adds the legal deadlines.");
    return c->argc > 1 && !cli_wants_help(c) ? EXIT_USAGE_ : EXIT_OK;
}

static void emit(struct buf *b)
{
    fwrite(b->data, 1, b->len, stdout);
}

int cmd_departments(struct cli *c)
{
    if (c->argc != 1)
        return catalog_usage(c, "departments");
    if (cli_need_rules(c) < 0)
        return EXIT_CONFIG_;
    size_t n;
    const struct department *d = rules_departments(c->rules, &n);
    struct buf b;
    buf_init(&b, CATALOG_OUT_MAX);
    if (c->json) {
        struct json j;
        json_init(&j, &b);
        json_arr_begin(&j);
        for (size_t i = 0; i < n; i++) {
            json_obj_begin(&j);
            json_kv_str(&j, "id", d[i].id);
            json_kv_str(&j, "name_fr", d[i].name_fr);
            json_kv_str(&j, "name_ar", d[i].name_ar);
            json_key(&j, "heads");
            json_arr_begin(&j);
            for (size_t h = 0; h < d[i].n_heads; h++)
                json_str(&j, d[i].heads[h]);
            json_arr_end(&j);
            json_obj_end(&j);
        }
        json_arr_end(&j);
        buf_putc(&b, '\n');
    } else {
        struct name3 *v = dept_names(c->rules, &n);
        print_names(&b, "", v, n);
        free(v);
    }
    emit(&b);
    buf_free(&b);
    return EXIT_OK;
}

int cmd_kinds(struct cli *c)
{
    if (c->argc != 1)
        return catalog_usage(c, "kinds");
    if (cli_need_rules(c) < 0)
        return EXIT_CONFIG_;
    size_t n;
    const struct kind *k = rules_kinds(c->rules, &n);
    struct buf b;
    buf_init(&b, CATALOG_OUT_MAX);
    if (c->json) {
        struct json j;
        json_init(&j, &b);
        json_arr_begin(&j);
        for (size_t i = 0; i < n; i++) {
            json_obj_begin(&j);
            json_kv_str(&j, "id", k[i].id);
            json_kv_str(&j, "name_fr", k[i].name_fr);
            json_kv_str(&j, "name_ar", k[i].name_ar);
            kv_delay(&j, "deadline", k[i].unit, k[i].amount);
            kv_delay(&j, "urgent", k[i].urgent_unit, k[i].urgent_amount);
            kv_delay(&j, "extension", k[i].unit, k[i].extension);
            json_obj_end(&j);
        }
        json_arr_end(&j);
        buf_putc(&b, '\n');
    } else {
        struct name3 *v = kind_names(c->rules, &n);
        print_names(&b, "", v, n);
        free(v);
    }
    emit(&b);
    buf_free(&b);
    return EXIT_OK;
}
