/* cmd_headmail.c — `bureau headmail`: act on the heads' mail now, or list
 * it; and the pass the other commands run after theirs (cli.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/headmail.h"
#include "bureau/json.h"
#include "bureau/log.h"
#include "bureau/util.h"

#define LIST_MAX_ROWS 10000

static const char usage[] =
    "usage: bureau headmail [process | list [--pending]]\n"
    "\n"
    "process  act on the department heads' mail waiting since the last pass (fetch,\n"
    "         serve and ingest do it after theirs): commands applied when the mail\n"
    "         came through the item's reply address from a head of its department,\n"
    "         else kept with the reason; the confirmation or the refusal is queued\n"
    "         in the outbox (docs/heads.md)\n"
    "list     the heads' mail, newest first: number, sender, state, outcome\n";

int cli_headmail_pass(struct cli *c, struct headmail_run *run)
{
    char *cause = NULL;
    struct headmail_run r;
    if (headmail_process(c->store, &c->notify, run ? run : &r, &cause) < 0) {
        log_warn("heads' mail: %s (the rest waits for the next pass)", cause);
        free(cause);
        return -1;
    }
    run = run ? run : &r;
    if (run->accepted || run->refused || run->silent)
        log_info("heads' mail: %d acted on, %d refused, %d automatic or plain (kept)",
                 run->accepted, run->refused, run->silent);
    return 0;
}

static const char list_sql[] =
    "SELECT h.id, e.number, h.from_addr, h.state, h.accepted, h.actor, h.outcome, "
    "h.received_at FROM head_mail h JOIN entries e ON e.id = h.entry_id "
    "WHERE (?1 = 0 OR h.state = 'pending') ORDER BY h.id DESC LIMIT ?2";

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void row_json(struct json *j, sqlite3_stmt *st)
{
    json_obj_begin(j);
    json_kv_int(j, "id", sqlite3_column_int64(st, 0));
    json_kv_str(j, "number", col(st, 1));
    json_kv_str(j, "from", col(st, 2));
    json_kv_str(j, "state", col(st, 3));
    json_key(j, "accepted");
    if (sqlite3_column_type(st, 4) == SQLITE_NULL)
        json_null(j);
    else
        json_bool(j, sqlite3_column_int(st, 4));
    json_kv_str(j, "actor", col(st, 5));
    json_kv_str(j, "outcome", col(st, 6));
    json_kv_int(j, "received_at", sqlite3_column_int64(st, 7));
    json_obj_end(j);
}

/* stdout goes through term_clean (main.c): the sender's text is shown as text */
static void row_text(sqlite3_stmt *st)
{
    char when[20];
    const char *out = col(st, 6) ? col(st, 6) : "";
    fmt_datetime(sqlite3_column_int64(st, 7), when);
    printf("#%-5lld %-12s %s %-30s %-7s %.*s\n", (long long)sqlite3_column_int64(st, 0),
           col(st, 1), when, col(st, 2), col(st, 3), (int)strcspn(out, "\n"), out);
}

static int list(struct cli *c, int pending)
{
    char *cause = NULL;
    sqlite3_stmt *st = store_stmt(c->store, list_sql, &cause);
    if (!st) {
        cli_err(c, "%s", cause);
        free(cause);
        return EXIT_FAIL;
    }
    struct buf b;
    struct json j;
    buf_init(&b, 256u * 1024 * 1024);
    json_init(&j, &b);
    json_arr_begin(&j);
    sqlite3_bind_int(st, 1, pending);
    sqlite3_bind_int(st, 2, LIST_MAX_ROWS);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->json)
            row_json(&j, st);
        else
            row_text(st);
    }
    sqlite3_reset(st);
    json_arr_end(&j);
    if (c->json)
        printf("%s\n", b.data);
    buf_free(&b);
    return EXIT_OK;
}

int cmd_headmail(struct cli *c)
{
    const char *pending = NULL, *pos[1] = {NULL};
    int npos = 0;
    struct arg_spec specs[] = {{"--pending", 0, &pending}};
    if (cli_wants_help(c)) {
        fputs(usage, stdout);
        return 0;
    }
    if (args_scan("headmail", c->argc, c->argv, specs, 1, pos, 1, &npos) < 0) {
        fputs(usage, stderr);
        return EXIT_USAGE_;
    }
    const char *verb = npos ? pos[0] : "list";
    int is_list = !strcmp(verb, "list");
    if ((!is_list && strcmp(verb, "process")) || (pending && !is_list)) {
        fputs(usage, stderr);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0 || cli_need_notify(c) < 0)
        return EXIT_CONFIG_;
    if (is_list)
        return list(c, pending != NULL);
    struct headmail_run run;
    if (cli_headmail_pass(c, &run) < 0)
        return EXIT_TEMPFAIL_;
    if (c->json)
        printf("{\"accepted\": %d, \"refused\": %d, \"silent\": %d}\n", run.accepted,
               run.refused, run.silent);
    else
        printf("%d acted on, %d refused (sender told), %d kept without answer\n",
               run.accepted, run.refused, run.silent);
    return EXIT_OK;
}
